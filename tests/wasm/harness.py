"""A minimal test runner for inside Pyodide (the npm Pyodide has no pytest).

Collects ``test_*`` functions (sync or async) from ``test_*.py`` modules next to this file,
runs each, prints one line per test and returns ``(passed, failed)``. A built-in canary checks
that a failing assertion is reported as a failure, so a broken harness cannot report success.
"""

import importlib
import inspect
import pathlib
import time
import traceback


async def _run(fn) -> None:
    result = fn()
    if inspect.isawaitable(result):
        await result


async def run_all(only: str = "") -> tuple[int, int]:
    def canary() -> None:
        assert 1 == 2, "canary"

    try:
        await _run(canary)
    except AssertionError:
        pass
    else:
        print("not ok - harness canary: a false assertion passed")
        return 0, 1

    passed = failed = 0
    for path in sorted(pathlib.Path(__file__).parent.glob("test_*.py")):
        module = importlib.import_module(path.stem)
        for name, fn in vars(module).items():
            if not name.startswith("test_") or not callable(fn) or only not in name:
                continue
            start = time.perf_counter()
            try:
                await _run(fn)
            except Exception:  # report every failure, keep going
                failed += 1
                print(f"not ok - {path.stem}::{name}")
                print("    " + traceback.format_exc().replace("\n", "\n    "))
            else:
                passed += 1
                ms = (time.perf_counter() - start) * 1000
                print(f"ok - {path.stem}::{name} ({ms:.0f} ms)")
    return passed, failed
