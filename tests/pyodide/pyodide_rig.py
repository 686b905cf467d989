"""Host side of the in-Pyodide test rig: start Pyodide in node through pytest-pyodide, run pytest
inside it (inner_pytest.py) and judge the result.

One `Rig` per configuration of configs.toml: a Pyodide runtime booted from the configuration's
dist dir (prepared by tools/pyodide_test_dist.py), with fastmath, pytest and hypothesis loaded
from that dir only, and the repository's tests/ directory mounted read-only-by-convention at
/fastmath-src (NODEFS) so the inner run reads the very files the host run uses.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
import tomllib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from unittest import mock

from pytest_pyodide.runner import NodeRunner

ROOT = Path(__file__).resolve().parents[2]
CONFIGS_FILE = ROOT / "tests" / "pyodide" / "configs.toml"
DIST_ROOT = ROOT / "build" / "pyodide-test"
MOUNT = "/fastmath-src"
# The inner test that proves where the suite ran; its absence or failure fails the run.
PLATFORM_TEST = "test_pyodide_platform.py::test_runs_inside_pyodide"
# Generous: the whole suite runs in one call (hypothesis included) on a slow CI machine.
INNER_TIMEOUT_S = 900
PACKAGES = ["fastmath-wasm", "pytest", "hypothesis"]
# Inner summaries, printed by conftest.py at the end of the outer run.
SUMMARIES: list[str] = []


@functools.cache
def offline_log() -> Path:
    """File the offline guard (node_offline.cjs) appends each refused network access to."""
    fd, name = tempfile.mkstemp(prefix="fastmath-offline-", suffix=".log")
    os.close(fd)
    return Path(name)


def offline_violations() -> list[str]:
    """Lines the offline guard logged so far in this outer session."""
    return offline_log().read_text().splitlines()


def load_configs() -> list[dict]:
    return tomllib.loads(CONFIGS_FILE.read_text())["config"]


class Rig:
    """A booted Pyodide for one configuration."""

    def __init__(self, config: dict):
        self.config = config
        self.dist_dir = DIST_ROOT / config["name"]
        lock_file = self.dist_dir / "pyodide-lock.json"
        if not lock_file.exists():
            raise RuntimeError(
                f"{self.dist_dir} is not prepared: run `make test-pyodide` (or "
                f"`.venv/bin/python tools/pyodide_test_dist.py prepare {config['name']}`)"
            )
        self.lock = json.loads(lock_file.read_text())
        # The node process inherits the environment at spawn: preload the offline guard into
        # it, and only into it (other node processes of the outer run are not ours to police).
        guard = Path(__file__).with_name("node_offline.cjs")
        node_options = f"{os.environ.get('NODE_OPTIONS', '')} --require {guard}".strip()
        env = {"NODE_OPTIONS": node_options, "FASTMATH_OFFLINE_LOG": str(offline_log())}
        with mock.patch.dict(os.environ, env):
            # server_port only makes a base URL for relative fetches, which nothing here makes
            # (and the guard would refuse): no web server is started.
            self.runner = NodeRunner(server_port=0, dist_dir=self.dist_dir)
        try:
            self.runner.set_script_timeout(INNER_TIMEOUT_S)
            self.runner.p.timeout = INNER_TIMEOUT_S
            # Raises if any package is unknown to the dist dir's lock or fails to load.
            self.runner.load_package(PACKAGES)
            self.runner.run_js(
                f"""
                const FS = pyodide.FS;
                FS.mkdirTree({MOUNT!r});
                FS.mount(FS.filesystems.NODEFS, {{ root: {str(ROOT / "tests")!r} }}, {MOUNT!r});
                """
            )
        except BaseException:
            self.runner.quit()
            raise

    def close(self) -> None:
        self.runner.quit()

    def run_pytest(self, label: str, sources: list[str], extra_args: Sequence[str] = ()) -> dict:
        """Run pytest inside Pyodide on the `*.py` files of `sources` (directories relative to
        tests/) copied into /tmp/fastmath-inner/<label>."""
        call = {
            "sources": [f"{MOUNT}/{s}" for s in sources],
            "workdir": f"/tmp/fastmath-inner/{label}",
            "args": list(extra_args),
            "env": self.inner_env(),
        }
        # Plain ASCII Python (JSON is valid Python here); bytecode off so that importing
        # inner_pytest from the mount writes nothing into the host tree.
        code = (
            "import json, sys\n"
            "sys.dont_write_bytecode = True\n"
            f"sys.path.insert(0, {MOUNT + '/pyodide'!r})\n"
            "import inner_pytest\n"
            "sys.path.remove(sys.path[0])\n"
            "sys.dont_write_bytecode = False\n"
            f"json.dumps(inner_pytest.run(**json.loads({json.dumps(json.dumps(call))})))\n"
        )
        return json.loads(self.runner.run(code))

    def inner_env(self) -> dict[str, str]:
        env = dict(self.config.get("env", {}))
        env["FASTMATH_EXPECT_BACKEND"] = self.config["backend"]
        env["FASTMATH_EXPECT_PYTHON"] = self.lock["info"]["python"]
        return env

    def run_suite(self) -> dict:
        """The real run: tests/python plus the platform proof, with the configured deselection."""
        args = ["-m", self.config["markexpr"]] if self.config.get("markexpr") else []
        # The slowest tests, in each configuration's inner-pytest-output.txt: where the suite's
        # minutes go.
        args += ["--durations=25"]
        return self.run_pytest("suite", ["python", "pyodide/inner"], args)


def counts(result: dict) -> Counter:
    return Counter(t["outcome"] for t in result["tests"].values())


def problems(result: dict, required_passed: tuple[str, ...] = ()) -> list[str]:
    """Everything that makes an inner run not a clean success. Empty list = success.

    Beyond pytest's own exit status this insists on at least one passed test and on the
    required tests having passed, so a run that collected the wrong files (or none) fails; and
    it refuses skips: tests that cannot run in Pyodide are deselected by marker, visibly."""
    found = []
    c = counts(result)
    if result["exitstatus"] != 0:
        found.append(f"inner pytest exit status {result['exitstatus']} (0 = all passed)")
    for err in result["collect_errors"]:
        found.append(f"collection error in {err['nodeid'] or '<session>'}")
    if result["collected"] == 0:
        found.append("inner pytest collected no tests")
    if c["passed"] == 0:
        found.append("no inner test passed")
    for outcome in ("failed", "error", "skipped", "xpassed"):
        for nodeid, test in result["tests"].items():
            if test["outcome"] == outcome:
                found.append(f"{outcome}: {nodeid}")
    for nodeid in required_passed:
        if result["tests"].get(nodeid, {}).get("outcome") != "passed":
            found.append(f"required test did not pass: {nodeid}")
    return found


def summary(name: str, result: dict, markexpr: str | None = None) -> str:
    """Counts line, then the traceback/reason of every test that did not simply pass."""
    c = counts(result)
    line = ", ".join(f"{c[k]} {k}" for k in ("passed", "failed", "error", "skipped", "xfailed"))
    desel = f"{result['deselected']} deselected"
    if markexpr:
        desel += f" (-m {markexpr!r})"
    out = [
        f"[{name}] Python {result['python']} on {result['platform']}: {line}, {desel}; "
        f"exit status {result['exitstatus']}; {result['duration']:.1f} s "
        f"({len(result['copied'])} files)"
    ]
    for err in result["collect_errors"]:
        out.append(f"--- collection error {err['nodeid']}\n{err['text']}")
    for nodeid, test in result["tests"].items():
        if test["outcome"] != "passed":
            out.append(f"--- {test['outcome']}: {nodeid}\n{test['text']}")
    return "\n".join(out)
