"""tests/python, run inside Pyodide under node, for each configuration of configs.toml.

The suite test fails unless the inner run passed cleanly, collected tests, passed the platform
proof and touched no network. The canary tests feed the same machinery runs that must be
judged failures, so the suite test cannot pass vacuously.
"""

import json

import pytest
from pyodide_rig import PLATFORM_TEST, SUMMARIES, offline_violations, problems, summary


def test_suite_inside_pyodide(rig):
    before = len(offline_violations())
    result = rig.run_suite()
    text = summary(rig.config["name"], result, rig.config.get("markexpr"))
    SUMMARIES.append(text)
    (rig.dist_dir / "inner-pytest-output.txt").write_text(result["output"])
    found = problems(result, required_passed=(PLATFORM_TEST,))
    found += [f"network: {v}" for v in offline_violations()[before:]]
    # The tracebacks are in the "tests/python inside Pyodide" section at the end of the run.
    assert not found, "\n".join(found)


def test_canary_failure_is_detected(rig):
    result = rig.run_pytest("canary", ["pyodide/canary"])
    outcomes = {nodeid: t["outcome"] for nodeid, t in result["tests"].items()}
    assert outcomes == {
        "test_canary.py::test_canary_passes": "passed",
        "test_canary.py::test_canary_must_fail": "failed",
    }, summary("canary", result)
    assert result["exitstatus"] == pytest.ExitCode.TESTS_FAILED
    assert (
        "canary: this failure is expected"
        in result["tests"]["test_canary.py::test_canary_must_fail"]["text"]
    )
    assert problems(result) == [
        "inner pytest exit status 1 (0 = all passed)",
        "failed: test_canary.py::test_canary_must_fail",
    ]


def test_canary_collection_error_is_detected(rig):
    result = rig.run_pytest("canary-broken", ["pyodide/canary_broken"])
    found = problems(result)
    assert result["exitstatus"] == pytest.ExitCode.INTERRUPTED, found
    assert "collection error in test_canary_broken.py" in found, found
    assert "fastmath_no_such_module" in result["collect_errors"][0]["text"]


def test_canary_empty_run_is_detected(rig):
    # The --run-in-pyodide trap in miniature: nothing to collect must not look like success.
    result = rig.run_pytest("canary-empty", [])
    assert result["exitstatus"] == pytest.ExitCode.NO_TESTS_COLLECTED
    assert "inner pytest collected no tests" in problems(result)
    # And a real run whose required proof is absent is refused even if everything else passed.
    canary = rig.run_pytest("canary-required", ["pyodide/canary"], ["-k", "passes"])
    assert counts_passed(canary) == 1
    assert f"required test did not pass: {PLATFORM_TEST}" in problems(
        canary, required_passed=(PLATFORM_TEST,)
    )


def counts_passed(result):
    return sum(t["outcome"] == "passed" for t in result["tests"].values())


def test_offline_guard_blocks_network(rig):
    before = len(offline_violations())
    message = rig.runner.run_js(
        """
        try {
            await fetch("https://cdn.jsdelivr.net/pyodide/v314.0.7/full/pyodide-lock.json");
            return "fetch succeeded";
        } catch (e) {
            return String(e.message);
        }
        """
    )
    assert "fastmath offline guard: blocked network access" in message
    assert len(offline_violations()) == before + 1


def test_package_missing_from_dist_dir_is_an_error(rig):
    # numpy is in the stock Pyodide lock but has no wheel here: it must fail, not fetch a CDN.
    before = len(offline_violations())
    with pytest.raises(RuntimeError, match="numpy"):
        rig.runner.load_package(["numpy"])
    assert offline_violations()[before:] == []


def test_dist_dir_lock_matches_its_files(rig):
    lock = json.loads((rig.dist_dir / "pyodide-lock.json").read_text())
    for name, entry in lock["packages"].items():
        assert (rig.dist_dir / entry["file_name"]).is_file(), name
        for dep in entry["depends"]:
            assert dep in lock["packages"], f"{name} depends on {dep}, which has no wheel"
    assert lock["packages"]["fastmath-wasm"]["imports"] == ["fastmath"]
