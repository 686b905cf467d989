"""The universal (wasm) backend inside Pyodide: results, accepted inputs, error classes and
messages (the native backend's, see rust/fastmath-py/src/input.rs), memory growth, panics and
the asynchronous-init path. Run by harness.py through run-pyodide.mjs."""

import math
import random
import struct
from array import array
from fractions import Fraction

import fastmath
from fastmath import _wasm
from fastmath._wasm import _calls, _functions, _loader


class raises:  # like pytest.raises, which is not available here
    def __init__(self, cls, match: str | None = None):
        self.cls, self.match = cls, match

    def __enter__(self):
        return self

    def __exit__(self, cls, err, tb):
        assert cls is not None, f"did not raise {self.cls.__name__}"
        if not issubclass(cls, self.cls):
            return False
        if self.match is not None:
            assert self.match == str(err), f"message {str(err)!r} != {self.match!r}"
        self.err = err
        return True


def same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


def test_backend_and_version():
    assert fastmath.backend == "wasm"
    assert fastmath.__version__ == _wasm.__version__
    info = _loader.RUNTIME.ns.buildInfo().to_py()
    assert info == {"version": fastmath.__version__, "simd128": True}, info


def test_scalars_stay_python_floats():
    assert fastmath.square(3.0) == 9.0
    assert type(fastmath.square(3)) is float
    assert fastmath.sum(2) == 2.0 and type(fastmath.sum(2)) is float
    assert fastmath.mean(True) == 1.0
    assert fastmath.dot(2, 3.5) == 7.0
    assert fastmath.square(Fraction(1, 2)) == 0.25


def test_results_and_types():
    assert fastmath.sum([1e16, 1.0, -1e16]) == 1.0
    # Integral results come back from JS as ints: the backend must give floats.
    assert type(fastmath.sum([1, 2])) is float
    assert type(fastmath.dot([1, 2], [3, 4])) is float
    out = fastmath.square([1, 2, 3])
    assert type(out) is array and out.typecode == "d" and out.tolist() == [1.0, 4.0, 9.0]
    assert fastmath.mean([1, 2, 3, 4]) == 2.5
    assert fastmath.dot([1, 2, 3], [4, 5, 6]) == 32.0
    assert fastmath.dot(2, [1, 2]).tolist() == [2.0, 4.0]
    assert fastmath.dot((1.5, 2), 2).tolist() == [3.0, 4.0]


def test_empty():
    assert fastmath.sum([]) == 0.0
    assert math.isnan(fastmath.mean([]))
    assert fastmath.square([]).tolist() == []
    assert fastmath.dot([], []) == 0.0
    assert fastmath.dot(3, []).tolist() == []


def test_against_python_reference_random():
    rng = random.Random(4)
    for n in (1, 7, 8, 9, 100, 1001):
        x = [rng.uniform(-1e3, 1e3) for _ in range(n)]
        y = [rng.uniform(-1, 1) for _ in range(n)]
        assert abs(fastmath.sum(x) - math.fsum(x)) <= 1e-12 * math.fsum(map(abs, x))
        assert fastmath.square(x).tolist() == [v * v for v in x]
        ref = math.fsum(a * b for a, b in zip(x, y, strict=True))
        assert abs(fastmath.dot(x, y) - ref) <= 1e-9 * math.fsum(
            abs(a * b) for a, b in zip(x, y, strict=True)
        )


def test_non_finite():
    assert fastmath.sum([1.0, math.inf]) == math.inf
    assert math.isnan(fastmath.sum([math.inf, -math.inf]))
    assert math.isnan(fastmath.mean([1.0, math.nan]))


def test_buffers_of_every_real_type():
    for code in "bBhHiIlLqQfd":
        data = array(code, [0, 1, 2, 3])
        assert fastmath.sum(data) == 6.0, code
        assert fastmath.square(data).tolist() == [0.0, 1.0, 4.0, 9.0], code
    assert fastmath.sum(memoryview(bytes([1, 0, 1])).cast("?")) == 2.0
    half = memoryview(struct.pack("<3e", 0.5, 1.5, 65504.0)).cast("B").cast("e")
    assert fastmath.sum(half) == 65506.0


def test_strided_and_zero_d_buffers():
    base = array("d", range(10))
    assert fastmath.square(memoryview(base)[::3]).tolist() == [0.0, 9.0, 36.0, 81.0]
    assert fastmath.sum(memoryview(array("i", range(10)))[1::2]) == 25.0
    zero_d = memoryview(array("d", [2.5])).cast("B").cast("d", shape=[])
    assert fastmath.square(zero_d) == 6.25


def test_byte_swapped_buffers():
    try:
        import ctypes
    except ImportError:
        return  # no ctypes in this Pyodide: nothing exports a big-endian buffer
    be = (ctypes.c_double.__ctype_be__ * 3)(1.0, 2.0, 3.0)
    assert memoryview(be).format.startswith(">")
    assert fastmath.sum(be) == 6.0
    le = (ctypes.c_double.__ctype_le__ * 3)(1.0, 2.0, 3.5)
    assert memoryview(le).format == "<d"  # read in place, copied as it is
    assert fastmath.square(le).tolist() == [1.0, 4.0, 12.25]
    be_int = (ctypes.c_int32.__ctype_be__ * 2)(-5, 7)
    assert fastmath.square(be_int).tolist() == [25.0, 49.0]


def test_refusals_match_native_messages():
    cases = [
        ("x", TypeError, "x: expected a number or an array of numbers, got str", "abc"),
        ("x", TypeError, "x: expected a number or an array of numbers, got bytes", b"ab"),
        (
            "x",
            TypeError,
            "x: expected a number or an array of numbers, got bytearray",
            bytearray(8),
        ),
        ("x", TypeError, "x: complex numbers are not supported", 1j),
        (
            "x",
            TypeError,
            "x: expected a number, a list/tuple of numbers or a numeric buffer, got object",
            object(),
        ),
        (
            "x",
            ValueError,
            "x: ragged nested sequence: element 1 is a sequence but element 0 is a number",
            [1, [2]],
        ),
        (
            "x",
            ValueError,
            "x: ragged nested sequence: element 1 is a number but element 0 is a sequence",
            [[1], 2],
        ),
        (
            "x",
            ValueError,
            "x: ragged nested sequence: row 1 has length 1, row 0 has length 2",
            [[1, 2], [3]],
        ),
        (
            "x",
            ValueError,
            "x: expected at most 2 dimensions, got a sequence nested more than 2 deep",
            [[[1]]],
        ),
        ("x", TypeError, "x[1]: element 0 is str, expected a real number", [[1.0], ["a"]]),
        ("x", TypeError, "x: element 2 is str, expected a real number", [1, 2, "3"]),
        ("x", TypeError, "x: element 0 is complex, expected a real number", [1j]),
        (
            "x",
            ValueError,
            "x: element 1 is an int too large to convert to float",
            [1, 10**400],
        ),
        ("x", TypeError, "x: element 0 is NoneType, expected a real number", [None]),
        (
            "x",
            ValueError,
            "x: expected at most 2 dimensions, got a 3-D array of shape [2, 3, 1]",
            memoryview(bytes(48)).cast("d", shape=[2, 3, 1]),
        ),
    ]
    for _, cls, message, value in cases:
        for function in (fastmath.sum, fastmath.mean, fastmath.square):
            with raises(cls, message):
                function(value)
    with raises(TypeError, "y: expected a number or an array of numbers, got str"):
        fastmath.dot([1.0], "a")


def test_two_dimensional_inputs():
    rows = [[1, 2, 3], [4, 5, 6]]
    out = fastmath.square(rows)
    assert isinstance(out, memoryview) and out.shape == (2, 3), out
    assert out.tolist() == [[1.0, 4.0, 9.0], [16.0, 25.0, 36.0]]
    assert fastmath.sum(rows) == 21.0
    assert fastmath.mean(rows) == 3.5
    buf = memoryview(array("d", range(6))).cast("B").cast("d", [2, 3])
    assert fastmath.square(buf).tolist() == [[0.0, 1.0, 4.0], [9.0, 16.0, 25.0]]
    assert fastmath.sum(memoryview(array("i", range(6))).cast("B").cast("i", [3, 2])) == 15.0
    assert fastmath.dot(2, rows).tolist() == [[2.0, 4.0, 6.0], [8.0, 10.0, 12.0]]
    with raises(ValueError, "x: expected a 1-D array, got a 2-D array of shape (2, 3)"):
        fastmath.dot(rows, [1, 2, 3])
    assert fastmath.sum(rows, axis=0).tolist() == [5.0, 7.0, 9.0]


def test_unsupported_buffer_format():
    import sys

    chars = array("w" if sys.version_info >= (3, 13) else "u", "ab")  # not real numbers
    fmt = memoryview(chars).format  # "w" on 3.12 too
    expected = f'x: unsupported element format "{fmt}": expected real numbers (bool, int, float)'
    with raises(TypeError, expected):
        fastmath.sum(chars)
    # "c" (char) counts as an unsigned byte, as in the native backend (PyO3's rules).
    assert fastmath.sum(memoryview(b"\x01\x02").cast("c")) == 3.0


def test_dot_length_mismatch_is_the_native_message():
    with raises(ValueError, "dot: x has length 3 but y has length 4"):
        fastmath.dot([1, 2, 3], [1, 2, 3, 4])
    # The instance is healthy afterwards (a JS Error, not a trap).
    before = _loader.RUNTIME.instances
    assert fastmath.dot([1, 2], [3, 4]) == 11.0
    assert _loader.RUNTIME.instances == before


def test_memory_growth_remakes_views():
    rt = _loader.RUNTIME
    small = fastmath.sum([1.0, 2.0])
    n = 3_000_000  # 24 MB input + 24 MB output for cumsum (not streamed): the memory must grow
    big = array("d", [1.5]) * n
    assert fastmath.sum(big) == 1.5 * n
    running = fastmath.cumsum(big)
    assert len(running) == n and running[0] == 1.5 and running[-1] == 1.5 * n
    assert rt.capacity >= 2 * n
    assert fastmath.sum([1.0, 2.0]) == small
    assert fastmath.dot(big, big) == 2.25 * n
    squares = fastmath.square(big)  # streamed: reads the region through the new memory
    assert len(squares) == n and squares[0] == 2.25 and squares[-1] == 2.25


def _one_shot(kernel: str, inputs: list, n: int, *scalars, out=True):
    """``kernel`` run the non-streaming way on inputs of any length: the reference."""
    rt = _loader.RUNTIME
    k = len(inputs)
    rt.ensure((k + 1) * n)
    result = array("d", [0.0]) * n
    copied = [(j * n, data, n) for j, data in enumerate(inputs)]
    if out:
        offsets = [j * n for j in range(k)]
        _calls.run("test", kernel, copied, ((k * n, result, n),), *scalars, *offsets, n, k * n)
        return result
    return float(_calls.run("test", kernel, copied, (), *[v for j in range(k) for v in (j * n, n)]))


def _bits(values) -> bytes:
    return bytes(memoryview(array("d", values)).cast("B"))


def test_streamed_reductions_equal_the_one_shot_kernels_bit_for_bit():
    rng = random.Random(11)
    # Lengths around the streaming threshold and chunk multiples, and not multiples of the lanes.
    for n in (_calls.STREAM_MIN, _calls.STREAM_MIN + 3, _calls.STREAM_MIN + 2 * _calls.CHUNK + 5):
        x = array("d", (rng.uniform(-1e6, 1e6) * 10 ** rng.randint(-8, 8) for _ in range(n)))
        y = array("d", (rng.uniform(-2, 2) for _ in range(n)))
        assert n >= _calls.STREAM_MIN
        assert _bits([fastmath.sum(x)]) == _bits([_one_shot("sum_at", [x], n, out=False)]), n
        assert _bits([fastmath.mean(x)]) == _bits([_one_shot("mean_at", [x], n, out=False)]), n
        assert _bits([fastmath.dot(x, y)]) == _bits([_one_shot("dot_at", [x, y], n, out=False)])
        # The same through a memoryview (read in place) and a list (converted first).
        assert fastmath.sum(memoryview(x)) == fastmath.sum(x.tolist()) == fastmath.sum(x)
    assert fastmath.sum([1e16] + [1.0] * 50_000 + [-1e16]) == 50_000.0
    assert math.isnan(fastmath.sum([1.0] * 40_000 + [math.nan]))


def test_streamed_elementwise_equal_the_one_shot_kernels():
    rng = random.Random(12)
    n = 2 * _calls.CHUNK + _calls.STREAM_MIN + 7
    x = array("d", (rng.uniform(-50, 50) for _ in range(n)))
    y = array("d", (rng.uniform(0.5, 3) for _ in range(n)))
    for name in ("square", *_functions.UNARY):
        got = getattr(fastmath, name)(x)
        assert _bits(got) == _bits(_one_shot(f"{name}_at", [x], n)), name
    for name in ("add", "subtract", "multiply", "divide"):
        function = getattr(fastmath, name)
        assert _bits(function(x, y)) == _bits(_one_shot(f"{name}_at", [x, y], n)), name
        assert _bits(function(x, 2.5)) == _bits(_one_shot(f"{name}_slice_scalar_at", [x], n, 2.5))
        assert _bits(function(2.5, y)) == _bits(_one_shot(f"{name}_scalar_slice_at", [y], n, 2.5))
    assert _bits(fastmath.clip(x, -1, 2)) == _bits(_one_shot("clip_at", [x], n, -1.0, 2.0))
    assert _bits(fastmath.dot(3.0, x)) == _bits(_one_shot("scale_at", [x], n, 3.0))
    # 2-D, read-only and converted inputs stream too.
    rows = memoryview(x).cast("B").cast("d", [n // 7, 7]) if n % 7 == 0 else None
    if rows is not None:
        assert fastmath.square(rows).tolist() == [[v * v for v in r] for r in rows.tolist()]
    frozen = memoryview(bytes(memoryview(y).cast("B"))).cast("d")
    assert frozen.readonly and fastmath.add(frozen, y).tolist() == [2 * v for v in y]
    # Addresses where Python can tell them; the buffer itself (getBuffer in JS) where not.
    assert type(_calls.address(x)) is int and _calls.address(memoryview(x)) == _calls.address(x)
    assert _calls.address(frozen) is frozen
    part = memoryview(x)[1:]
    assert _calls.address(part) is part
    assert _bits(fastmath.square(part)) == _bits(_one_shot("square_at", [part], n - 1))
    assert fastmath.dot(part, part) == _one_shot("dot_at", [part, part], n - 1, out=False)
    ints = array("i", range(n))
    assert fastmath.multiply(ints, 2).tolist() == [2.0 * v for v in range(n)]


def test_ten_thousand_panics_then_correct_results():
    rt = _loader.RUNTIME
    before = rt.instances
    for i in range(10_000):
        with raises(RuntimeError) as caught:
            _functions._panic_for_tests(f"boom {i}")
        if i == 0:
            message = str(caught.err)
            assert "Rust panic" in message and "boom 0" in message, message
            assert "re-instantiated" in message, message
    assert rt.instances == before + 10_000
    assert fastmath.sum([1e16, 1.0, -1e16]) == 1.0
    assert fastmath.square([3.0]).tolist() == [9.0]
    assert fastmath.dot([1, 2], [3, 4]) == 11.0


def test_manifest_is_read_without_the_json_module():
    import json
    import os

    path = os.path.join(os.path.dirname(_loader.__file__), "_artifacts.json")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert _loader._flat_json(text) == json.loads(text)


def test_import_compiles_nothing_the_first_call_loads():
    rt = _loader.Runtime()  # what `import fastmath` creates
    assert rt.instances == 0 and rt._module is None and rt._helpers is None
    assert rt.version == fastmath.__version__
    assert rt.kernels["sum_at"] is not None  # the first kernel lookup loads the module
    assert rt.instances == 1 and rt._module is not None
    rt2 = _loader.Runtime()
    assert rt2.ns.buildInfo().to_py()["simd128"] is True  # so does the namespace
    assert rt2.instances == 1


async def test_sync_compile_refused_then_init():
    """Simulates Chromium's main-thread limit: WebAssembly.Module throws RangeError."""
    from pyodide.code import run_js

    rt = _loader.Runtime()  # nothing compiled yet: the refusal comes at the first use
    run_js(
        """
        globalThis.__fm_saved_module = WebAssembly.Module;
        WebAssembly.Module = function () {
          throw new RangeError("WebAssembly.Module(): Buffer size is larger than 8 MB");
        };
        """
    )
    try:
        with raises(RuntimeError) as caught:
            rt.kernels["sum_at"]
    finally:
        run_js("WebAssembly.Module = globalThis.__fm_saved_module;")
    assert "await fastmath.init()" in str(caught.err), str(caught.err)
    # Refused once, it does not retry synchronously: every use says the same until init().
    with raises(RuntimeError) as caught:
        rt.ns.sum_at(0, 0)
    assert "await fastmath.init()" in str(caught.err), str(caught.err)
    assert rt.instances == 0
    await rt.init()
    assert rt.instances == 1
    base = rt.ensure(3)
    rt.heap.subarray(base, base + 3).assign(array("d", [1.0, 2.0, 4.0]))
    assert rt.kernels["sum_at"](0, 3) == 7
    await _wasm.init()  # the module's own init is a harmless no-op when ready


def test_every_public_name_exists_and_missing_ones_say_so():
    from fastmath import _api

    for name in _api.FUNCTIONS:
        assert callable(getattr(fastmath, name)), name
    missing = [n for n in _api.FUNCTIONS if n not in _wasm.IMPLEMENTED]
    for name in missing:
        with raises(NotImplementedError) as caught:
            getattr(fastmath, name)([1.0])
        assert f"fastmath.{name} is not available on the WebAssembly backend" in str(caught.err)


def test_unary_elementwise_family():
    values = [-2.5, -0.0, 0.0, 0.5, 1.0, 3.0]
    pairs = {
        "exp": math.exp,
        "sin": math.sin,
        "cos": math.cos,
        "tan": math.tan,
        "tanh": math.tanh,
        "abs": abs,
        "expm1": math.expm1,
    }
    for name, reference in pairs.items():
        function = getattr(fastmath, name)
        got = function(values).tolist()
        want = [reference(v) for v in values]
        assert all(abs(g - w) <= 2e-16 * max(1.0, abs(w)) for g, w in zip(got, want, strict=True))
        assert same(function(values[3]), reference(values[3])), name
    # IEEE results where math raises, as the native backend gives them.
    assert math.isnan(fastmath.sqrt(-1.0))
    assert fastmath.log(0.0) == -math.inf and math.isnan(fastmath.log(-1.0))
    assert fastmath.sqrt([4, 9]).tolist() == [2.0, 3.0]
    assert fastmath.log1p(1e-20) == 1e-20
    assert fastmath.sigmoid([0.0, -1000.0, 1000.0]).tolist() == [0.5, 0.0, 1.0]
    assert fastmath.relu([-2.0, 3.0]).tolist() == [0.0, 3.0]
    # The sign of zero survives the trip through JavaScript (which gives 0 as an int).
    assert math.copysign(1.0, fastmath.sqrt(-0.0)) == -1.0  # IEEE: sqrt(-0) is -0
    assert math.copysign(1.0, fastmath.abs(-0.0)) == 1.0
    assert fastmath.abs([[-1, 2], [3, -4]]).tolist() == [[1.0, 2.0], [3.0, 4.0]]
    with raises(TypeError, "x: expected a number or an array of numbers, got str"):
        fastmath.exp("1")
