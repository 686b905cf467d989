"""The threaded module inside Pyodide (node runs threads: worker_threads over a shared memory):
the thread count API, the same bits whatever the number of threads, and recovery from a trap.
Run by tests/wasm/run-pyodide.mjs in every configuration, after test_wasm_backend.py (files run
in sorted order): with FASTMATH_NUM_THREADS=1 the single-threaded module served those tests, and
this file checks that it did before it asks for threads."""

import os
from array import array

from test_wasm_backend import raises

import fastmath
from fastmath._wasm import _call, _loader

#: FASTMATH_NUM_THREADS as the configuration set it ("" when unset).
ASKED = os.environ.get("FASTMATH_NUM_THREADS", "")


def _bytes(result) -> bytes:
    return bytes(memoryview(result).cast("B"))


def _noise(n: int, seed: int) -> array:
    state, values = seed, array("d")
    for _ in range(n):
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        values.append((state >> 11) / (1 << 53) * 20.0 - 10.0)
    return values


def test_the_thread_count_api():
    with raises(TypeError):
        fastmath.set_num_threads(2.0)
    with raises(TypeError):
        fastmath.set_num_threads(True)
    with raises(ValueError):
        fastmath.set_num_threads(0)
    rt = _loader.RUNTIME.ready()
    if ASKED == "1":
        assert rt.threads_unused == "one thread was asked for", rt.threads_unused
        assert fastmath.get_num_threads() == 1
        return
    # node has every piece threads need: the threaded module serves by default.
    assert rt.threads_unused == "", rt.threads_unused
    assert fastmath.get_num_threads() >= 1
    assert fastmath.set_num_threads(1) == 1 and fastmath.get_num_threads() == 1
    # More threads than the pool has make a fresh pool of that size.
    assert fastmath.set_num_threads(3) == 3 and fastmath.get_num_threads() == 3
    assert fastmath.set_num_threads(2) == 2
    assert fastmath.sum([1.0, 2.5]) == 3.5


def _each_thread_count(compute):
    """``compute()`` with 1, 2 and 3 threads (one thread where the engine has none): the
    results' bytes, which must all be equal."""
    results = []
    for threads in (1, 2, 3):
        fastmath.set_num_threads(threads)
        results.append(compute())
    fastmath.set_num_threads(2)
    return results


def test_many_threads_give_the_bits_of_one():
    n = 300_001  # an odd length: the last band is short
    x, y = _noise(n, 1), _noise(n, 2)
    x32 = array("f", x)
    ints = array("q", (int(v * 1e6) for v in x))
    a, b = _noise(300 * 257, 3), _noise(257 * 130, 4)
    ma = memoryview(a).cast("B").cast("d", (300, 257))
    mb = memoryview(b).cast("B").cast("d", (257, 130))
    rows = memoryview(_noise(200 * 1000, 7)).cast("B").cast("d", (200, 1000))
    pa = memoryview(_noise(2000 * 8, 5)).cast("B").cast("d", (2000, 8))
    pb = memoryview(_noise(300 * 8, 6)).cast("B").cast("d", (300, 8))
    cases = {
        "exp": lambda: fastmath.exp(x),
        "sin": lambda: fastmath.sin(x),
        "tanh float32": lambda: fastmath.tanh(x32),
        "add": lambda: fastmath.add(x, y),
        "multiply by a number": lambda: fastmath.multiply(x, 3.5),
        "add int64": lambda: fastmath.add(ints, ints),
        "matmul": lambda: fastmath.matmul(ma, mb),
        "cdist": lambda: fastmath.cdist(pa, pb),
        "cdist cosine": lambda: fastmath.cdist(pa, pb, metric="cosine"),
        "sort of rows": lambda: fastmath.sort(rows),
        "argsort of columns": lambda: fastmath.argsort(rows, axis=0),
        "cumsum of rows": lambda: fastmath.cumsum(rows, axis=1),
        "fft of rows": lambda: fastmath.fft.fft(rows),
        "rfft of columns": lambda: fastmath.fft.rfft(rows, axis=0),
        "irfft of rows": lambda: fastmath.fft.irfft(fastmath.fft.rfft(rows)),
    }
    for name, compute in cases.items():
        # Whole copies and streamed chunks (arrays above STREAM_MIN stream by map).
        for stream_min in (_call.STREAM_MIN, 1 << 62):
            saved, _call.STREAM_MIN = _call.STREAM_MIN, stream_min
            try:
                results = [_bytes(r) for r in _each_thread_count(compute)]
            finally:
                _call.STREAM_MIN = saved
            assert results[0] == results[1] == results[2], name


def test_a_trap_leaves_a_working_pool():
    fastmath.set_num_threads(2)
    before = _loader.RUNTIME.instances
    with raises(RuntimeError) as caught:
        _call.panic_for_tests("boom in the threaded module")
    assert "boom in the threaded module" in str(caught.err), str(caught.err)
    assert _loader.RUNTIME.instances == before + 1
    x = _noise(200_000, 7)
    want = [v * 2.0 for v in x]
    assert fastmath.multiply(x, 2.0).tolist() == want
    if ASKED != "1":
        assert fastmath.get_num_threads() == 2


def test_refusals_are_worded_as_with_one_thread():
    with raises(ValueError) as caught:
        fastmath.matmul([[1.0, 2.0]], [[1.0, 2.0]])
    assert "matmul" in str(caught.err), str(caught.err)
    with raises(ValueError) as caught:
        fastmath.percentile([1.0, 2.0], 50, method="no such method")
    assert "method" in str(caught.err), str(caught.err)
