"""The universal (wasm) backend inside Pyodide: how arguments cross (every input kind, strides,
nesting, keywords and text), that every refusal arrives worded by the table, streaming (bit for
bit the whole-copy result, with a small scratch region), memory growth on both sides, panics,
loading and the asynchronous-init path, and that the module serves exactly ``_api.FUNCTIONS``.
Run by harness.py through run-pyodide.mjs; the shared suite (tests/python) covers semantics.

The same file runs under pytest in desktop CPython, where the module runs in wasmtime
(``make test-wasmtime``): the engine's twin of runtime.js must pass every test of the call path.
The few that are about one engine only say so (``JS``)."""

import math
import random
import struct
import sys
from array import array
from fractions import Fraction
from operator import attrgetter

import fastmath
from fastmath import _api, _wasm
from fastmath._wasm import _call, _loader

#: Whether the module runs in Pyodide's JavaScript engine (else in wasmtime).
JS = _loader.ENGINE == "js"


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
    assert fastmath.backend == ("wasm" if JS else "wasmtime")
    assert fastmath.__version__ == _wasm.__version__
    if JS and _loader.RUNTIME.ready().threads_unused == "":
        # The threaded module (no wasm-bindgen glue, so no buildInfo): the manifest's file.
        import hashlib
        import os

        folder = os.path.dirname(_loader.__file__)
        with open(os.path.join(folder, "_artifacts.json"), encoding="utf-8") as f:
            manifest = _loader._flat_json(f.read())
        with open(os.path.join(folder, manifest["threads"]), "rb") as f:
            assert hashlib.sha256(f.read()).hexdigest() == manifest["threads_sha256"]
        assert fastmath.get_num_threads() >= 1
    elif JS:
        info = _loader.RUNTIME.ns.buildInfo().to_py()
        assert info == {"version": fastmath.__version__, "simd128": True}, info
    else:
        # The very file the browser loads: the one the manifest names, with its digest.
        import hashlib
        import os

        rt = _loader.RUNTIME.ready()
        folder = os.path.dirname(_loader.__file__)
        with open(os.path.join(folder, "_artifacts.json"), encoding="utf-8") as f:
            manifest = _loader._flat_json(f.read())
        assert rt.helpers._path == os.path.join(folder, manifest["wasm"])
        with open(rt.helpers._path, "rb") as f:
            assert hashlib.sha256(f.read()).hexdigest() == manifest["wasm_sha256"]


def test_scalars_stay_python_floats():
    assert fastmath.square(3.0) == 9.0 and type(fastmath.square(3.0)) is float
    # A Python int squares to an int, as numpy's (NEP 50): no float from JS passes as one.
    assert fastmath.square(3) == 9 and type(fastmath.square(3)) is int
    assert fastmath.sum(2) == 2.0 and type(fastmath.sum(2)) is float
    assert fastmath.mean(True) == 1.0
    assert fastmath.dot(2, 3.5) == 7.0
    assert fastmath.square(Fraction(1, 2)) == 0.25


def test_results_and_types():
    assert fastmath.sum([1e16, 1.0, -1e16]) == 1.0
    # Integral results come back from JS as ints: the backend must give floats for float
    # input, and ints where numpy does (a list of ints is int64, as numpy reads it).
    assert type(fastmath.sum([1.0, 2.0])) is float
    assert type(fastmath.dot([1.0, 2], [3, 4])) is float
    assert fastmath.sum([1, 2]) == 3 and type(fastmath.sum([1, 2])) is int
    assert type(fastmath.dot([1, 2], [3, 4])) is int
    out = fastmath.square([1.0, 2, 3])
    assert type(out) is array and out.typecode == "d" and out.tolist() == [1.0, 4.0, 9.0]
    out = fastmath.square([1, 2, 3])
    assert type(out) is array and out.typecode == "q" and out.tolist() == [1, 4, 9]
    assert fastmath.mean([1, 2, 3, 4]) == 2.5
    assert fastmath.dot([1, 2, 3], [4, 5, 6]) == 32
    assert fastmath.dot(2, [1, 2]).tolist() == [2, 4]
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
    if sys.version_info >= (3, 12):  # memoryview casts to "e" from 3.12 (the host runs 3.11)
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


BEYOND_UINT64 = "is an int beyond uint64, which no numeric dtype holds"


def test_refusals_are_worded_by_the_table():
    # What Python cannot read crosses as an InputError; the parameter words it (in Rust).
    cases = [
        (TypeError, "x: expected a number or an array of numbers, got str", "abc"),
        (TypeError, "x: expected a number or an array of numbers, got bytes", b"ab"),
        (TypeError, "x: expected a number or an array of numbers, got bytearray", bytearray(8)),
        (TypeError, "x: complex numbers are not supported", 1j),
        (
            TypeError,
            "x: expected a number, a list/tuple of numbers or a numeric buffer, got object",
            object(),
        ),
        (
            TypeError,
            "x: expected a number, a list/tuple of numbers or a numeric buffer, got NoneType",
            None,
        ),
        (
            ValueError,
            "x: ragged nested sequence: at depth 0, item 1 differs in shape from item 0",
            [1, [2]],
        ),
        (
            ValueError,
            "x: ragged nested sequence: at depth 0, item 1 differs in shape from item 0",
            [[1], 2],
        ),
        (
            ValueError,
            "x: ragged nested sequence: at depth 1, item 3 differs in shape from item 0",
            [[[1], [2]], [[3], [4, 5]]],
        ),
        (TypeError, "x: element 1 is str, expected a real number", [[1.0], ["a"]]),
        (TypeError, "x: element 2 is str, expected a real number", [1, 2, "3"]),
        (TypeError, "x: complex numbers are not supported", [1j]),
        (OverflowError, f"x: element 1 {BEYOND_UINT64}", [1, 10**400]),
        (OverflowError, f"x: element 1 {BEYOND_UINT64}", [1.5, 2**64]),
        (OverflowError, f"x: element 2 {BEYOND_UINT64}", [[1, 2], [-(2**63) - 1, 0]]),
        (TypeError, "x: element 0 is NoneType, expected a real number", [None]),
        (ValueError, "x: int too large to convert to float", 10**400),
    ]
    for cls, message, value in cases:
        with raises(cls, message):
            fastmath.square(value)
    with raises(TypeError, "y: expected a number or an array of numbers, got str"):
        fastmath.add([1.0], "a")


def test_deep_nesting_is_refused_at_once():
    deep = [1.0]
    for _ in range(5_000):
        deep = [deep]
    message = "x: nested sequences deeper than 32 levels are not supported"
    with raises(ValueError, message):
        fastmath.square(deep)
    ok = [1.0]
    for _ in range(31):
        ok = [ok]
    assert fastmath.square(ok).tolist() == ok  # 32 levels are fine
    assert fastmath.square([[[1, 2]], [[3, 4]]]).tolist() == [[[1.0, 4.0]], [[9.0, 16.0]]]


def test_keywords_and_text_cross_as_data():
    with raises(TypeError, "square() got an unexpected keyword argument 'y'"):
        fastmath.square(1.0, y=2)
    with raises(TypeError, "square() takes 1 positional argument but 2 were given"):
        fastmath.square(1.0, 2.0)
    # Pieces are cut by code points: a non-ASCII type name before a non-ASCII keyword name.
    odd = type("Ünïcödé☃", (), {})()
    with raises(TypeError, "sum() got an unexpected keyword argument 'ä☃x'"):
        fastmath.sum([odd], **{"ä☃x": 1})
    with raises(TypeError, "x: element 0 is Ünïcödé☃, expected a real number"):
        fastmath.sum([odd])
    assert fastmath.sum([[1, 2], [3, 4]], axis=0).tolist() == [4.0, 6.0]
    assert fastmath.sum([[1, 2], [3, 4]], axis=-1).tolist() == [3.0, 7.0]


class IntLike:
    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


class MyInt(int):
    pass


def test_lists_take_numpys_dtypes():
    # The kinds of number Python finds, the dtype fastmath-api's rule names (numpy's).
    cases = [
        ([True, False], "?", [True, False]),
        ([1, True], "q", [1, 1]),
        ([1, 2.5], "d", [1.0, 2.5]),
        ([], "d", []),
        ([2**63, True], "Q", [2**63, 1]),
        ([1, 2**63], "d", [1.0, 2.0**63]),
        ([-1, 2**63], "d", [-1.0, 2.0**63]),
        ([[1, 2], [3, 4]], "q", [[1, 3], [2, 4]]),
        ([[True], [2.5]], "d", [[1.0, 2.5]]),
        ([Fraction(1, 2), 1], "d", [0.5, 1.0]),
        ([MyInt(3), 1], "q", [3, 1]),
        ([IntLike(3), 1], "d", [3.0, 1.0]),  # read by __float__ (then __index__), as natively
        ([-(2**63), 2**63 - 1], "q", [-(2**63), 2**63 - 1]),
    ]
    for value, fmt, want in cases:
        out = fastmath.transpose(value)
        assert memoryview(out).format == fmt, (value, memoryview(out).format)
        assert out.tolist() == want, (value, out.tolist())
    assert fastmath.sum([2**62, 2**62, 2**62]) == -(2**62)  # int64 wraps, as numpy's


def test_long_float_lists_cross_bit_for_bit():
    # Flat lists of floats from 512 items are packed by struct in chunks (_convert._doubles),
    # shorter ones by array("d"): the same bits either way, around the chunk boundaries too.
    specials = [-0.0, 0.0, math.inf, -math.inf, math.nan, 5e-324, -2.2250738585072014e-308]
    specials.append(struct.unpack("<d", struct.pack("<Q", 0x7FF4000000000123))[0])  # a payload
    rng = random.Random(7)
    for n in (1, 511, 512, 513, 1024, 1500):
        floats = [rng.uniform(-1e300, 1e300) for _ in range(n)]
        for k, value in enumerate(specials):
            floats[k * n // len(specials)] = value
        want = array("d", floats)
        got = fastmath.transpose(floats)  # a 1-D transpose is the list's values as read
        assert got.tobytes() == want.tobytes(), n
        assert struct.pack("<d", fastmath.sum(floats)) == struct.pack("<d", fastmath.sum(want))
        rows = [floats, floats]  # nested: read level by level, by array("d")
        assert fastmath.transpose(rows).tobytes() == fastmath.transpose([want, want]).tobytes()


def test_results_keep_every_bit_and_type():
    assert math.copysign(1.0, fastmath.sqrt(-0.0)) == -1.0
    assert math.copysign(1.0, fastmath.multiply(-0.0, 1.0)) == -1.0
    assert math.isnan(fastmath.sqrt(-1.0))
    index = fastmath.argmax([3, 7, 7])
    assert index == 1 and type(index) is int
    assert type(fastmath.sum([1.0, 2.0])) is float
    assert type(fastmath.sum([1, 2])) is int  # a list of ints is int64, as numpy reads it
    order = fastmath.argsort([3.0, 1.0, 2.0])
    assert type(order) is array and order.typecode == "q" and order.tolist() == [1, 2, 0]


def _outcome(function, *args, **kwargs):
    """A call's result (with its type and, for floats, every bit) or its exception."""
    try:
        value = function(*args, **kwargs)
    except Exception as err:  # compared below, class and message
        return type(err), str(err)
    if type(value) is float:
        return float, struct.pack("<d", value)
    if type(value) is array:
        return array, value.typecode, value.tobytes()
    if type(value) is memoryview:
        return memoryview, value.format, value.shape, value.tobytes()
    return type(value), value


def _views():
    """A 2-D memoryview of a whole array('d') (the lane reads it in place), one of part of an
    array and a released one (both left to the general path)."""
    grid = memoryview(array("d", [1.0, -2.0, 3.5, 0.25, -0.0, 6.0])).cast("B").cast("d", [2, 3])
    part = memoryview(array("d", [1.0, 2.0, 3.0, 4.0])).cast("B")[8:].cast("d", [3])
    released = memoryview(array("d", [1.0]))
    released.release()
    return grid, part, released


def test_fast_lanes_agree_with_the_full_path():
    # The lanes (number/numbers for floats; runtime.js writing the header of one or two
    # array('d')s; the header written inline for floats, ints, None, array('d')s and whole 2-D
    # memoryviews) against the general path (`_call._dispatch`, encode + header).
    x, y, short = array("d", [0.5, -0.0, 4.0]), array("d", [2.0, 3.0, -1.0]), array("d", [1.0])
    nan, empty = float("nan"), array("d")
    grid, part, released = _views()
    calls = [
        ("sqrt", (4.0,), {}),
        ("sqrt", (-0.0,), {}),
        ("sqrt", (-1.0,), {}),
        ("sqrt", (nan,), {}),
        ("square", (0.0,), {}),
        ("sin", (-0.0,), {}),
        ("exp", (1e308,), {}),
        ("log", (0.0,), {}),
        ("add", (2.0, 3.0), {}),
        ("multiply", (-0.0, 1.0), {}),
        ("divide", (1.0, -0.0), {}),
        ("subtract", (1.5, 1.5), {}),
        ("add", (1.0, nan), {}),
        ("sum", (2.5,), {}),
        ("sort", (3.0,), {}),
        ("sqrt", (1.0, 2.0), {}),
        ("clip", (5.0, 0.0), {}),
        ("sum", (x,), {}),
        ("sqrt", (x,), {}),
        ("add", (x, y), {}),
        ("add", (x, 2.0), {}),
        ("add", (x, short), {}),
        ("dot", (x, y), {}),
        ("sort", (x,), {}),
        ("argsort", (y,), {}),
        ("sum", (x,), {"axis": 0}),
        ("sum", (x,), {"axis": None}),
        ("sum", (x,), {"axis": 1}),
        ("sum", (x,), {"axis": 2**53 - 2}),
        ("sum", (x,), {"axis": 2**53 - 1}),
        ("sum", (x,), {"axis": 2**53}),
        ("norm", (x,), {"ord": 1}),
        ("clip", (x,), {"lo": 0.0, "hi": 1}),
        ("topk", (x, 2), {}),
        ("searchsorted", (y, 2.0), {}),
        ("sum", (x,), {"a,b": 1}),
        ("sum", (x,), {"ä☃": None}),
        ("var", (x,), {"ddof": 1}),
        ("sum", (), {}),
        ("sum", (x, x, x, x), {}),
        ("sqrt", (empty,), {}),
        ("add", (empty, empty), {}),
        ("sum", (empty,), {}),
        ("dot", (x, short), {}),
        ("sum", (x,), {"axis": nan}),
        ("clip", (x, nan, 1.0), {}),
        ("add", (x, nan), {}),
        ("sum", (grid,), {"axis": 0}),
        ("sum", (grid,), {"axis": 1}),
        ("sum", (grid,), {}),
        ("sqrt", (grid,), {}),
        ("add", (grid, 1.0), {}),
        ("matmul", (grid, grid), {}),
        ("sum", (part,), {}),
        ("sum", (released,), {}),
        # Float results of every kind through the lanes (a finite non-integral float is the
        # crossing's value; the others are read from the result words): -0.0, integral, huge,
        # inf, nan, and an int result.
        ("sum", (array("d", [-0.0]),), {}),
        ("sum", (array("d", [-0.0, -0.0]),), {"axis": None}),
        ("sum", (array("d", [2.0, 3.0]),), {}),
        ("sum", (array("d", [1e300, 1e300]),), {}),
        ("sum", (array("d", [1e308, 1e308]),), {}),
        ("sum", (array("d", [1.0, nan]),), {}),
        ("sum", (array("d", [0.1, 0.2]),), {"axis": 0}),
        ("mean", (array("d", [1.0, 2.0]),), {}),
        ("dot", (y, y), {}),
        ("dot", (x, array("d", [0.1, 0.3, 1e-300])), {}),
        ("argmax", (y,), {}),
        ("sum", (empty,), {"axis": None}),
    ]
    for name, args, kwargs in calls:
        function = getattr(fastmath, name)
        index = _api.FUNCTIONS.index(name)
        lane = _outcome(function, *args, **kwargs)
        full = _outcome(_call._dispatch, index, args, kwargs)
        assert lane == full, (name, args, kwargs, lane, full)


def test_the_commonest_calls_take_a_lane():
    # With the general path refusing, the calls the lanes exist for still work.
    x, y = array("d", [0.5, 2.0, 4.0]), array("d", [2.0, 3.0, -1.0])
    grid = _views()[0]
    saved = _call._dispatch

    def refuse(index, args, kwargs):
        raise AssertionError(f"general path for {_api.FUNCTIONS[index]}{args}{kwargs}")

    _call._dispatch = refuse
    try:
        assert fastmath.sum(x) == 6.5
        assert fastmath.sqrt(x).tolist() == [math.sqrt(0.5), math.sqrt(2.0), 2.0]
        assert fastmath.add(x, y).tolist() == [2.5, 5.0, 3.0]
        assert fastmath.sum(x, axis=0) == 6.5
        assert fastmath.clip(x, 1.0, 3).tolist() == [1.0, 2.0, 3.0]
        assert fastmath.sum(grid, axis=0).tolist() == [1.25, -2.0, 9.5]
        assert fastmath.add(1.5, float("nan")) != fastmath.add(1.5, float("nan"))
    finally:
        _call._dispatch = saved
    with raises(AssertionError):
        _call._dispatch = refuse
        try:
            fastmath.sum([1.0, 2.0])  # a list: encoded, not a lane
        finally:
            _call._dispatch = saved


def test_results_that_cannot_exist_are_worded_in_rust():
    column = memoryview(array("d", [1.0]) * 50_000).cast("B").cast("d", [50_000, 1])
    row = memoryview(array("d", [1.0]) * 50_000).cast("B").cast("d", [1, 50_000])
    with raises(MemoryError, "matmul: the result needs 20.0 GB (50000 x 50000 float64)"):
        fastmath.matmul(column, row)
    assert fastmath.matmul([[2.0]], [[3.0]]).tolist() == [[6.0]]  # the next call works
    try:
        import numpy  # noqa: F401
    except ImportError:
        with raises(ValueError) as caught:
            fastmath.transpose([[]])
        assert "(0, 1), which needs numpy" in str(caught.err), str(caught.err)


def test_pyodide_memory_growth_between_calls():
    # The header array's JS view detaches when Pyodide's memory grows: the call re-takes it.
    assert fastmath.sum([1.0, 2.0]) == 3.0
    grown = bytearray(64 * 1024 * 1024)
    assert fastmath.sum([1.0, 2.0, grown[0]]) == 3.0
    del grown


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
    assert fastmath.multiply(2, rows).tolist() == [[2.0, 4.0, 6.0], [8.0, 10.0, 12.0]]
    assert fastmath.sum(rows, axis=0).tolist() == [5.0, 7.0, 9.0]
    # Strided (reversed) N-D views are read in place, with their strides.
    flipped = memoryview(array("d", range(6))).cast("B").cast("d", [2, 3])[::-1]
    assert fastmath.square(flipped).tolist() == [[9.0, 16.0, 25.0], [0.0, 1.0, 4.0]]


def test_unsupported_buffer_format():
    import sys

    chars = array("w" if sys.version_info >= (3, 13) else "u", "ab")  # not real numbers
    fmt = memoryview(chars).format  # "w" on 3.12 too
    expected = f'x: unsupported element format "{fmt}": expected real numbers (bool, int, float)'
    with raises(TypeError, expected):
        fastmath.sum(chars)
    # "c" (char) counts as an unsigned byte, as in the native backend.
    assert fastmath.sum(memoryview(b"\x01\x02").cast("c")) == 3.0


def test_a_refusal_keeps_the_instance():
    with raises(ValueError):
        fastmath.dot([1, 2, 3], [1, 2, 3, 4])
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
    assert rt.helpers.capacity >= 8 * n
    assert fastmath.sum([1.0, 2.0]) == small
    assert fastmath.dot(big, big) == 2.25 * n
    squares = fastmath.square(big)  # streamed: reads the region through the new memory
    assert len(squares) == n and squares[0] == 2.25 and squares[-1] == 2.25


def _whole(function, *args, **kwargs):
    """``function`` called without streaming (every input copied whole): the reference."""
    saved = _call.STREAM_MIN
    _call.STREAM_MIN = 1 << 62
    try:
        return function(*args, **kwargs)
    finally:
        _call.STREAM_MIN = saved


def _streamed(function, *args, **kwargs):
    """``function`` called so that it must stream: the scratch region stays a few chunks
    long, however large the input (checked on a fresh instance)."""
    rt = _loader.RUNTIME
    with raises(RuntimeError):
        _call.panic_for_tests("fresh instance, empty scratch region")
    result = function(*args, **kwargs)
    # The threaded module streams in larger chunks (runtime.js), each split across threads.
    chunk = max(_call.STREAM_MIN, getattr(rt.helpers, "chunk", 0))
    assert rt.helpers.capacity < 4 * 8 * chunk, rt.helpers.capacity
    return result


def _bits(values) -> bytes:
    return bytes(memoryview(array("d", values)).cast("B"))


def test_streamed_reductions_equal_the_one_shot_kernels_bit_for_bit():
    rng = random.Random(11)
    chunk = 8192 if JS else 65536  # runtime.js's CHUNK; _wasmtime's for one float64 array
    # Lengths at the threshold and around chunk multiples.
    for n in (_call.STREAM_MIN, _call.STREAM_MIN + 3, _call.STREAM_MIN + 2 * chunk + 5):
        x = array("d", (rng.uniform(-1e6, 1e6) * 10 ** rng.randint(-8, 8) for _ in range(n)))
        y = array("d", (rng.uniform(-2, 2) for _ in range(n)))
        folds = (("sum", (x,)), ("mean", (x,)), ("dot", (x, y)), ("argmax", (x,)), ("argmin", (y,)))
        for name, args in folds:
            function = getattr(fastmath, name)
            got, want = _streamed(function, *args), _whole(function, *args)
            assert _bits([got]) == _bits([want]), (name, n)
        # The same through a memoryview (read in place) and a list (converted first).
        assert fastmath.sum(memoryview(x)) == fastmath.sum(x.tolist()) == fastmath.sum(x)
    # Ties and nans in different chunks: the first one, as in one pass.
    ties = array("d", [0.0]) * (_call.STREAM_MIN + 5)
    ties[7] = ties[len(ties) - 3] = 1.0
    assert _streamed(fastmath.argmax, ties) == 7
    ties[40_000] = ties[len(ties) - 2] = math.nan
    assert _streamed(fastmath.argmax, ties) == _streamed(fastmath.argmin, ties) == 40_000
    assert fastmath.sum([1e16] + [1.0] * 50_000 + [-1e16]) == 50_000.0
    assert math.isnan(fastmath.sum([1.0] * 70_000 + [math.nan]))


def test_streamed_elementwise_equal_the_one_shot_kernels():
    rng = random.Random(12)
    n = 7 * 12_000
    assert n >= _call.STREAM_MIN and n % 7 == 0
    x = array("d", (rng.uniform(-50, 50) for _ in range(n)))
    y = array("d", (rng.uniform(0.5, 3) for _ in range(n)))
    unary = [name for name in _api.FAMILIES["elementwise"] if name != "clip"]
    for name in unary:
        function = getattr(fastmath, name)
        if name in ("add", "subtract", "multiply", "divide"):
            for args in ((x, y), (x, 2.5), (2.5, y)):
                got, want = _streamed(function, *args), _whole(function, *args)
                assert _bits(got) == _bits(want), name
        else:
            assert _bits(_streamed(function, x)) == _bits(_whole(function, x)), name
    assert _bits(_streamed(fastmath.clip, x, -1, 2)) == _bits(_whole(fastmath.clip, x, -1, 2))
    # 2-D inputs stream too, chunks cutting across rows; the result keeps the shape.
    rows = memoryview(x).cast("B").cast("d", [n // 7, 7])
    squared = _streamed(fastmath.square, rows)
    assert squared.shape == (n // 7, 7)
    assert squared.tolist() == [[v * v for v in r] for r in rows.tolist()]
    # Read-only and partial buffers are gathered first, then stream.
    frozen = memoryview(bytes(memoryview(y).cast("B"))).cast("d")
    assert frozen.readonly and _streamed(fastmath.add, frozen, y).tolist() == [2 * v for v in y]
    part = memoryview(x)[1:]
    assert _bits(_streamed(fastmath.square, part)) == _bits(_whole(fastmath.square, part))
    ints = array("i", range(n))  # not float64: copied whole, converted in Rust
    assert fastmath.multiply(ints, 2).tolist() == [2.0 * v for v in range(n)]


def _raw(result) -> tuple:
    """A stdlib result's format, shape and bytes."""
    view = memoryview(result)
    return view.format, view.shape, view.tobytes()


def test_streamed_elementwise_of_other_dtypes_equal_the_one_shot_kernels():
    # Other dtypes stream too: the result's dtype is asked first (one crossing with the arrays
    # emptied), then the chunks fill a result of that dtype; format, shape and bytes as whole.
    rng = random.Random(13)
    n = _call.STREAM_MIN + 3 * (8192 if JS else 32768) + 5
    f32 = array("f", (rng.uniform(-20, 20) for _ in range(n)))
    i32 = array("i", (rng.randint(-(2**31), 2**31 - 1) for _ in range(n)))
    i8 = array("b", (rng.randint(-128, 127) for _ in range(n)))
    u8 = array("B", (rng.randint(0, 255) for _ in range(n)))
    shorts = array("h", (rng.randint(-(2**15), 2**15 - 1) for _ in range(7 * 12_000)))
    rows = memoryview(shorts).cast("B").cast("h", [12_000, 7])
    flags = memoryview(u8).cast("?")
    cases = [
        ("exp", (f32,), "f"),
        ("log", (f32,), "f"),
        ("sin", (f32,), "f"),
        ("add", (f32, f32), "f"),
        ("multiply", (i32, i32), "i"),  # wraps around, as numpy
        ("add", (i32, 7), "i"),
        ("abs", (i8,), "b"),
        ("square", (i8,), "b"),
        ("sqrt", (u8,), "f"),
        ("sqrt", (i32,), "d"),
        ("add", (i32, f32), "d"),
        ("clip", (i8, -5, 300), "b"),
        ("square", (rows,), "h"),
        ("add", (flags, flags), "?"),
    ]
    probe, probed = _call._probe, []

    def spy(*args):
        out = probe(*args)
        probed.append(out is not None)  # the call then streams
        return out

    _call._probe = spy
    try:
        for name, args, code in cases:
            function = getattr(fastmath, name)
            got, want = _raw(_streamed(function, *args)), _raw(_whole(function, *args))
            assert got == want, name
            assert got[0] == code and got[1] == memoryview(args[0]).shape, (name, got[:2])
        assert probed == [True] * len(cases), probed
        # A refusal found by the first crossing is the whole call's, with the real shapes.
        with raises(TypeError) as streamed:
            fastmath.subtract(flags, flags)
        assert probed[-1] is False
    finally:
        _call._probe = probe
    with raises(TypeError) as whole:
        _whole(fastmath.subtract, flags, flags)
    assert "boolean subtract" in str(streamed.err) and str(streamed.err) == str(whole.err)


def test_a_huge_call_does_not_keep_its_memory():
    # A WebAssembly memory cannot shrink; the next call after one that grew the module past
    # 64 MB runs on a fresh instance, so the old memory can be collected.
    rt = _loader.RUNTIME
    fastmath.sum([1.0])
    small = rt.helpers.memoryBytes
    n = 6_000_000  # sort copies 48 MB in and 48 MB out, whole (sort does not stream)
    x = array("d", range(n, 0, -1))
    assert fastmath.sort(x)[:3].tolist() == [1.0, 2.0, 3.0]
    assert rt.helpers.memoryBytes > 64 * 2**20
    before = rt.instances
    assert fastmath.sort(array("d", [3.0, 1.0, 2.0])).tolist() == [1.0, 2.0, 3.0]
    assert rt.instances == before + 1
    assert rt.helpers.memoryBytes <= max(small, 8 * 2**20), rt.helpers.memoryBytes
    assert fastmath.sum([1e16, 1.0, -1e16]) == 1.0
    assert rt.instances == before + 1  # small calls do not re-instantiate


def test_big_calls_in_a_row_keep_their_instance():
    # Each big call grows the module past 64 MB, but the next one of the same size needs that
    # memory again: it keeps the instance (and its cached FFT plans) instead of starting over.
    rt = _loader.RUNTIME
    x = array("d", range(6_000_000, 0, -1))
    fastmath.sort(x)
    assert rt.helpers.memoryBytes > 64 * 2**20
    before = rt.instances
    for _ in range(3):
        assert fastmath.sort(x)[:2].tolist() == [1.0, 2.0]
    assert rt.instances == before
    assert fastmath.sum([1.0, 2.0]) == 3.0  # a small call then releases the memory
    assert rt.instances == before + 1


def test_ten_thousand_panics_then_correct_results():
    rt = _loader.RUNTIME
    before = rt.instances
    for i in range(10_000):
        with raises(RuntimeError) as caught:
            _call.panic_for_tests(f"boom {i}")
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
    assert rt.instances == 0 and rt.names is None and rt._helpers is None
    assert rt.version == fastmath.__version__
    if JS:
        assert rt.ns is not None  # the first use loads the module
    else:
        rt.ready()
    assert rt.instances == 1 and rt.names is not None


async def _sync_compile_refused_then_init():
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
            rt.ready()
    finally:
        run_js("WebAssembly.Module = globalThis.__fm_saved_module;")
    assert "await fastmath.init()" in str(caught.err), str(caught.err)
    # Refused once, it does not retry synchronously: every use says the same until init().
    with raises(RuntimeError) as caught:
        rt.ready()
    assert "await fastmath.init()" in str(caught.err), str(caught.err)
    assert rt.instances == 0
    await rt.init()
    assert rt.instances == 1 and rt.names == _api.FUNCTIONS
    await _wasm.init()  # the module's own init is a harmless no-op when ready


if JS:  # wasmtime compiles synchronously everywhere: init() only loads (tested below)
    test_sync_compile_refused_then_init = _sync_compile_refused_then_init


def test_the_module_serves_exactly_the_table():
    # Function indices are positions in _api.FUNCTIONS: the module's own list must be it.
    rt = _loader.RUNTIME.ready()
    assert len(_api.FUNCTIONS) >= 18
    assert list(rt.names) == list(_api.FUNCTIONS)
    if JS:
        assert list(rt.ns.functionNames()) == list(_api.FUNCTIONS)
    controls = ("init", "get_num_threads", "set_num_threads")
    public = [n for n in dir(_wasm) if not n.startswith("_") and n not in controls]
    assert sorted(public) == sorted(_api.FUNCTIONS)
    for name in _api.FUNCTIONS:
        function, short = attrgetter(name)(fastmath), name.rpartition(".")[2]
        # A class's methods and constructors (fastmath/_stateful.py) wrap the module's entry.
        assert getattr(function, "__wrapped__", function) is getattr(_wasm, name)
        assert function.__name__ == short
        assert function.__doc__.startswith(f"{short}{_api.SIGNATURES[name]}\n\n"), name
        assert _api.DOCS[name] in function.__doc__


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
