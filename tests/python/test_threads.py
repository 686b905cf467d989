"""The thread count API on every backend: 1 where calls cannot use threads (the native
extensions, wasmtime, a Pyodide whose engine has no threads), what was asked for where they can
(the universal backend in node or an isolated browser Worker: tests/wasm/test_wasm_threads.py
checks the bits there). Results never depend on it."""

import pytest

import fastmath


def test_bad_counts_are_refused():
    for bad in (2.0, "2", None, True):
        with pytest.raises(TypeError, match="n must be an int"):
            fastmath.set_num_threads(bad)
    for bad in (0, -1):
        with pytest.raises(ValueError, match="at least 1"):
            fastmath.set_num_threads(bad)


def test_what_is_asked_is_what_is_used_or_one():
    before = fastmath.get_num_threads()
    try:
        assert fastmath.set_num_threads(1) == 1 == fastmath.get_num_threads()
        used = fastmath.set_num_threads(2)
        assert used == fastmath.get_num_threads()
        threaded = fastmath.backend == "wasm" and used > 1
        assert used == (2 if threaded else 1)
        if fastmath.backend != "wasm":
            assert used == 1  # the native extensions and wasmtime run one thread
        x = [float(i) for i in range(1000)]
        assert fastmath.sum(fastmath.multiply(x, 2.0)) == 999_000.0
    finally:
        fastmath.set_num_threads(before)
