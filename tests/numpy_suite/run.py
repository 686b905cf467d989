"""Runs numpy's own tests with fastmath's functions in place of numpy's (swap.py), one numpy test
file per suite (suites.py), and checks each outcome against the suite's committed list of tests
that pass (``<suite>_passing.txt``).

The list is a ratchet in both directions: a listed test that fails is a regression, and a test
that passes but is not listed means the list is stale (run with --update and commit it), so the
committed count is always the true one. Every test that fails is named in
``<suite>_differences.txt`` with the reason (a deliberate difference from numpy, or what is
missing); a failure without one fails this check too, and so does a line there that names no
failing test. A line may name several tests with a shell-style pattern (``*``, ``[[]`` for a
literal ``[``), for a test's parametrized cases that fail for one reason. Tests that numpy's
own markers skip or expect to fail (skip, xfail) are not counted. Host only: numpy's tests
need numpy.

    python tests/numpy_suite/run.py [--update] [--suite NAME ...]
"""

import argparse
import fnmatch
import os
import pathlib
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

import numpy
from suites import SUITES

HERE = pathlib.Path(__file__).resolve().parent


def outcomes(suite):
    """{test id: (passed?, whether fastmath ran in it)} of one run of the suite's numpy test
    classes under the swap."""
    test_path, _, _, classes = SUITES[suite]
    test_file = pathlib.Path(numpy.__file__).parent / test_path
    with tempfile.TemporaryDirectory() as scratch:
        report = pathlib.Path(scratch) / "report.xml"
        env = dict(
            os.environ,
            PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
            FASTMATH_NUMPY_SUITE=suite,
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
            *(f"{test_file}::{name}" for name in classes),
        ]
        subprocess.run(cmd, cwd=scratch, env=env, stdout=subprocess.DEVNULL, check=False)
        if not report.exists():
            sys.exit(f"numpy's test run of {suite} wrote no report: it did not start")
        results = {}
        for case in ET.parse(report).iter("testcase"):
            test_id = f"{case.get('classname').rsplit('.', 1)[-1]}::{case.get('name')}"
            tags = {child.tag for child in case}
            if "skipped" in tags and not tags & {"failure", "error"}:
                # numpy's own skip and xfail markers: counted neither way
                results[test_id] = None
                continue
            passed = not tags & {"failure", "error"}
            calls = [
                int(p.get("value"))
                for p in case.iter("property")
                if p.get("name") == "fastmath_calls"
            ]
            results[test_id] = (passed, sum(calls) > 0)
        return results


def differences(path):
    """{test id: reason} of a differences file."""
    found = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                test_id, _, reason = line.partition(" ")
                found[test_id] = reason.strip()
    return found


def check(suite, update):
    """Runs one suite and prints its outcome; returns whether it matches its lists."""
    passing = HERE / f"{suite}_passing.txt"
    differences_file = HERE / f"{suite}_differences.txt"
    started = time.monotonic()
    results = outcomes(suite)
    skipped = sorted(t for t, r in results.items() if r is None)
    results = {t: r for t, r in results.items() if r is not None}
    passed = sorted(t for t, (ok, _) in results.items() if ok)
    ran_ours = sum(1 for t in passed if results[t][1])
    print(
        f"numpy's {SUITES[suite][0]} with fastmath swapped in: {len(passed)} of {len(results)} "
        f"pass; fastmath ran in {ran_ours} of them (in the rest every call went to numpy's own "
        f"function: input fastmath does not take, or a call from numpy's code); "
        f"{len(skipped)} skipped by numpy's own markers "
        f"[{time.monotonic() - started:.0f} s]"
    )
    explained = differences(differences_file)
    failed = sorted(t for t, (ok, _) in results.items() if not ok)
    unexplained = [t for t in failed if not any(fnmatch.fnmatchcase(t, p) for p in explained)]
    for t in unexplained:
        print(f"  fails without a reason in {differences_file.name} (fix it, or say why): {t}")
    stale = sorted(p for p in explained if not any(fnmatch.fnmatchcase(t, p) for t in failed))
    for t in stale:
        print(f"  listed in {differences_file.name} but does not fail (remove it): {t}")
    if update:
        passing.write_text("".join(f"{t}\n" for t in passed))
        print(f"  wrote {passing.name}")
        return not (unexplained or stale)
    listed = set(passing.read_text().split()) if passing.exists() else set()
    regressed = sorted(t for t in listed if not results.get(t, (False, False))[0])
    unlisted = sorted(set(passed) - listed)
    for t in regressed:
        print(f"  REGRESSION (listed as passing, now fails or is gone): {t}")
    for t in unlisted:
        print(f"  passes but is not listed (run with --update and commit): {t}")
    return not (regressed or unlisted or unexplained or stale)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the passing lists")
    parser.add_argument(
        "--suite", action="append", choices=sorted(SUITES), help="only this suite (repeatable)"
    )
    args = parser.parse_args()
    ok = [check(suite, args.update) for suite in args.suite or SUITES]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
