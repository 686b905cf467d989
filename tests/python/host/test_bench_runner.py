"""benchmarks/run.py measures only wheels built from the working tree.

A native Pyodide wheel left over from an older tree once put a `searchsorted` 8x slower than
its kernel into docs/benchmarks.md (the old per-probe binary search, 40-50 ms, against 5-6 ms for
the galloping kernel the other columns measured). The runner now refuses a wheel older than any
source it is built from.

Host-only, by location: the in-Pyodide run copies only tests/python/*.py, not this directory
(the runner and the sources are not inside Pyodide).
"""

import importlib.util
import os
import sys
from pathlib import Path

import pytest

RUN_PY = Path(__file__).resolve().parents[3] / "benchmarks" / "run.py"


@pytest.fixture(scope="module")
def run():
    spec = importlib.util.spec_from_file_location("fastmath_bench_run", RUN_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def touch(path, mtime):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    os.utime(path, (mtime, mtime))
    return path


@pytest.fixture
def tree(tmp_path):
    """A fake checkout whose every source is older than three wheels."""
    for rel in (
        "Cargo.toml",
        "Cargo.lock",
        "rust/fastmath-core/src/search.rs",
        "rust/fastmath-py/src/lib.rs",
        "rust/fastmath-wasm/src/lib.rs",
        "pyodide-package/fastmath/__init__.py",
    ):
        touch(tmp_path / rel, 1_000)
    wheels = {
        kind: str(touch(tmp_path / "dist" / f"{kind}.whl", 2_000))
        for kind in ("native", "host", "universal")
    }
    return tmp_path, wheels


def test_fresh_wheels_are_not_stale(run, tree):
    root, wheels = tree
    touch(root / "rust/fastmath-py/src/__pycache__/x.pyc", 3_000)  # caches do not count
    assert run.stale_wheels(wheels, root) == {}


def test_a_kernel_change_makes_every_wheel_stale(run, tree):
    root, wheels = tree
    touch(root / "rust/fastmath-core/src/search.rs", 3_000)
    stale = run.stale_wheels(wheels, root)
    assert sorted(stale) == ["host", "native", "universal"]
    assert "rust/fastmath-core/src/search.rs" in stale["native"]


def test_each_wheel_is_judged_by_its_own_sources(run, tree):
    root, wheels = tree
    touch(root / "rust/fastmath-py/src/lib.rs", 3_000)
    assert sorted(run.stale_wheels(wheels, root)) == ["host", "native"]
    touch(root / "rust/fastmath-py/src/lib.rs", 1_000)
    touch(root / "rust/fastmath-wasm/src/lib.rs", 3_000)
    assert sorted(run.stale_wheels(wheels, root)) == ["universal"]
    # A wheel that is not used is not judged.
    assert run.stale_wheels({**wheels, "universal": None}, root) == {}


def test_runner_refuses_a_stale_wheel_before_measuring(run, tmp_path, monkeypatch):
    # A native wheel older than the real sources: the runner stops before starting node.
    wheel = touch(tmp_path / "fastmath_wasm-0.1.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl", 0)
    monkeypatch.setattr(
        sys, "argv", ["run.py", "--dist", str(tmp_path), "--skip-host", "--skip-wasm"]
    )
    monkeypatch.setattr(run, "run", lambda *a, **k: pytest.fail("measured a stale wheel"))
    with pytest.raises(SystemExit, match=r"refusing to measure wheels older than their sources"):
        run.main()
    assert wheel.exists()
