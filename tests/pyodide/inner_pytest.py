"""The half of the in-Pyodide rig that runs INSIDE Pyodide (imported there, never on the host).

`run()` copies test files into a fresh in-memory directory, runs `pytest.main` on it and returns
a plain-data record of what happened: every test's outcome with its traceback or skip reason,
collection errors, the deselected count, the exit status and the full terminal output. The host
side (pyodide_rig.py) judges that record; nothing here decides pass/fail, so a run that collects
nothing or errors cannot be mistaken for success (the trap of `pytest --run-in-pyodide`).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import time
from pathlib import Path

import pytest


class _Collector:
    """pytest plugin recording the outcome of each test and of collection."""

    def __init__(self) -> None:
        self.tests: dict[str, dict] = {}
        self.collect_errors: list[dict] = []
        self.deselected = 0
        self.collected = 0

    def pytest_collectreport(self, report):
        if report.failed:
            self.collect_errors.append({"nodeid": report.nodeid, "text": report.longreprtext})

    def pytest_deselected(self, items):
        self.deselected += len(items)

    def pytest_collection_finish(self, session):
        self.collected = len(session.items)

    def pytest_runtest_logreport(self, report):
        test = self.tests.setdefault(report.nodeid, {"outcome": None, "text": ""})
        if test["outcome"] in ("failed", "error"):
            if report.failed:  # e.g. a teardown error after a failure: keep both tracebacks
                test["text"] += f"\n[{report.when}]\n{report.longreprtext}"
            return
        if report.failed:
            test["outcome"] = "failed" if report.when == "call" else "error"
            test["text"] = f"[{report.when}]\n{report.longreprtext}"
        elif report.skipped:
            test["outcome"] = "xfailed" if hasattr(report, "wasxfail") else "skipped"
            longrepr = report.longrepr
            test["text"] = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        elif report.when == "call":
            test["outcome"] = "xpassed" if hasattr(report, "wasxfail") else "passed"


def run(sources: list[str], workdir: str, args: list[str], env: dict[str, str]) -> dict:
    """Copy the `*.py` files of each directory in `sources` into `workdir` (flat: a name clash
    is an error, not a silent overwrite), then run pytest there with `args`."""
    work = Path(workdir)
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    copied = []
    for source in sources:
        for path in sorted(Path(source).glob("*.py")):
            if (work / path.name).exists():
                raise FileExistsError(f"{path.name} exists in two test source directories")
            shutil.copyfile(path, work / path.name)
            copied.append(path.name)

    os.environ.update(env)
    saved_modules = set(sys.modules)
    saved_path = list(sys.path)
    saved_cwd = os.getcwd()
    collector = _Collector()
    output = io.StringIO()
    start = time.monotonic()
    try:
        os.chdir(work)
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            status = pytest.main(
                [str(work), "-p", "no:cacheprovider", "--color=no", "-rfEsxX", *args],
                plugins=[collector],
            )
    finally:
        os.chdir(saved_cwd)
        sys.path[:] = saved_path
        # Forget the test modules and conftest of this run so that a later run in the same
        # interpreter imports its own; installed packages (fastmath, hypothesis) stay loaded.
        for name in set(sys.modules) - saved_modules:
            origin = getattr(sys.modules[name], "__file__", None) or ""
            if origin.startswith(str(work)):
                del sys.modules[name]
    return {
        "copied": copied,
        "exitstatus": int(status),
        "collected": collector.collected,
        "deselected": collector.deselected,
        "collect_errors": collector.collect_errors,
        "tests": collector.tests,
        "duration": time.monotonic() - start,
        "output": output.getvalue(),
        "platform": sys.platform,
        "python": sys.version.split()[0],
    }
