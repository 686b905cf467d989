"""Proof that the inner suite really runs inside Pyodide with the configured wheel.

Copied next to tests/python's files by the rig (never collected on the host); the outer test
requires this test to have PASSED, so a run that silently happened elsewhere, or not at all,
fails."""

import os
import sys
from importlib import metadata
from pathlib import Path

import fastmath


def test_runs_inside_pyodide():
    assert sys.platform == "emscripten"
    assert sys.version.split()[0] == os.environ["FASTMATH_EXPECT_PYTHON"]
    import pyodide  # the runtime's own package: importable only inside Pyodide

    assert pyodide.__version__
    assert fastmath.backend == os.environ["FASTMATH_EXPECT_BACKEND"]
    # The installed wheel, not a stray source tree on sys.path.
    assert "site-packages" in Path(fastmath.__file__).parts
    assert metadata.version("fastmath-wasm") == fastmath.__version__
