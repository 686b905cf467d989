"""Shared configuration of the fastmath test suite, which runs both on the host and, unchanged,
inside Pyodide (tests/pyodide copies this directory there)."""

import importlib.util


def pytest_configure(config):
    # Registered so that `--strict-markers` accepts it and `-m "not needs_numpy"` means something.
    # numpy has no wheel for Pyodide here: the in-Pyodide run deselects these tests (and prints
    # how many); on the host they run, with numpy as the reference.
    config.addinivalue_line("markers", "needs_numpy: the test imports numpy (host-only)")
    config.addinivalue_line(
        "markers", "big_memory: computes a 1.5 GB result (Pyodide 314 configurations only)"
    )
    config.addinivalue_line(
        "markers",
        "universal_backend: imports fastmath._wasm (Pyodide configurations whose wheel has it)",
    )


#: Whether numpy can be imported here (the host venv has it; Pyodide here has no numpy wheel).
HAVE_NUMPY = importlib.util.find_spec("numpy") is not None

# test_numpy_*.py build their hypothesis strategies with hypothesis.extra.numpy at import time, so
# without numpy they cannot even be collected: leave them out there and say so in the header.
# Every test in them is marked needs_numpy, which the in-Pyodide run deselects anyway.
collect_ignore_glob = [] if HAVE_NUMPY else ["test_numpy_*.py"]


def pytest_report_header(config):
    if not HAVE_NUMPY:
        return "numpy is not importable: test_numpy_*.py (all needs_numpy) are not collected"
    return None
