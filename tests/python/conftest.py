"""Shared configuration of the fastmath test suite, which runs both on the host and, unchanged,
inside Pyodide (tests/pyodide copies this directory there)."""


def pytest_configure(config):
    # Registered so that `--strict-markers` accepts it and `-m "not needs_numpy"` means something.
    # numpy has no wheel for Pyodide here: the in-Pyodide run deselects these tests (and prints
    # how many); on the host they run, with numpy as the reference.
    config.addinivalue_line("markers", "needs_numpy: the test imports numpy (host-only)")
