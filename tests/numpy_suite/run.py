"""Runs numpy's own linear-algebra tests with fastmath's functions in place of numpy's (swap.py)
and checks the outcome against the committed list of tests that pass (linalg_passing.txt).

The list is a ratchet in both directions: a listed test that fails is a regression, and a test
that passes but is not listed means the list is stale (run with --update and commit it), so the
committed count is always the true one. Every test that fails is named in
linalg_differences.txt with the reason (a deliberate difference from numpy, or what is missing);
a failure without one fails this check too. Host only: numpy's tests need numpy.

    python tests/numpy_suite/run.py [--update]
"""

import argparse
import os
import pathlib
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import numpy.linalg.tests

HERE = pathlib.Path(__file__).resolve().parent
PASSING = HERE / "linalg_passing.txt"
#: ``test id  reason`` of each test that fails, one a line.
DIFFERENCES = HERE / "linalg_differences.txt"
#: numpy's test classes for the numpy.linalg functions fastmath has (swap.SWAPPED).
CLASSES = (
    "TestSolve",
    "TestInv",
    "TestDet",
    "TestCholesky",
    "TestQR",
    "TestLstsq",
    "TestEigh",
    "TestEighCases",
    "TestSVD",
    "TestSVDHermitian",
    "TestNormDouble",
)


def outcomes():
    """{test id: (passed?, whether fastmath ran in it)} of one run of numpy's test classes
    under the swap."""
    test_file = pathlib.Path(numpy.linalg.tests.__file__).parent / "test_linalg.py"
    with tempfile.TemporaryDirectory() as scratch:
        report = pathlib.Path(scratch) / "report.xml"
        env = dict(
            os.environ, PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])
        )
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "swap",
            "--rootdir",
            scratch,
            f"--junitxml={report}",
            "-W",
            "ignore::DeprecationWarning",
            *(f"{test_file}::{name}" for name in CLASSES),
        ]
        subprocess.run(cmd, cwd=scratch, env=env, stdout=subprocess.DEVNULL, check=False)
        if not report.exists():
            sys.exit("numpy's test run wrote no report: it did not start")
        results = {}
        for case in ET.parse(report).iter("testcase"):
            test_id = f"{case.get('classname').rsplit('.', 1)[-1]}::{case.get('name')}"
            passed = not any(child.tag in ("failure", "error", "skipped") for child in case)
            calls = [
                int(p.get("value"))
                for p in case.iter("property")
                if p.get("name") == "fastmath_calls"
            ]
            results[test_id] = (passed, sum(calls) > 0)
        return results


def differences():
    """{test id: reason} of linalg_differences.txt."""
    found = {}
    for line in DIFFERENCES.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            test_id, _, reason = line.partition(" ")
            found[test_id] = reason.strip()
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite linalg_passing.txt")
    args = parser.parse_args()

    results = outcomes()
    passed = sorted(t for t, (ok, _) in results.items() if ok)
    ran_ours = sum(1 for t in passed if results[t][1])
    print(
        f"numpy's linalg tests with fastmath swapped in: {len(passed)} of {len(results)} pass; "
        f"fastmath ran in {ran_ours} of them (the rest only handed complex input to numpy)"
    )
    explained = differences()
    failed = sorted(t for t, (ok, _) in results.items() if not ok)
    unexplained = [t for t in failed if t not in explained]
    for t in unexplained:
        print(f"fails without a reason in {DIFFERENCES.name} (fix it, or say why): {t}")
    stale = sorted(t for t in explained if t not in failed)
    for t in stale:
        print(f"listed in {DIFFERENCES.name} but does not fail (remove it): {t}")
    if args.update:
        PASSING.write_text("".join(f"{t}\n" for t in passed))
        print(f"wrote {PASSING.name}")
        return 1 if unexplained or stale else 0
    listed = set(PASSING.read_text().split())
    regressed = sorted(t for t in listed if not results.get(t, (False, False))[0])
    unlisted = sorted(set(passed) - listed)
    for t in regressed:
        print(f"REGRESSION (listed as passing, now fails or is gone): {t}")
    for t in unlisted:
        print(f"passes but is not listed (run with --update and commit): {t}")
    return 1 if regressed or unlisted or unexplained or stale else 0


if __name__ == "__main__":
    sys.exit(main())
