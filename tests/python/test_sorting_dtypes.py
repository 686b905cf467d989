"""The sorting family's dtypes (issue 11, item 1): `sort` and `unique` keep the input's dtype,
`argsort`, `topk` and `searchsorted` give int64 indices, every dtype compared exactly (int64 past
2**53, unsigned order, float32 NaN last, -0.0 == 0.0), as numpy 2.x.

The numpy tests (host only) compare with numpy over every dtype, shapes, axes, strided and
reversed views; the stdlib tests (array.array of each typecode, memoryview casts) run inside
Pyodide too, on both backends, against pure-Python references.
"""

import array
import math
import random

import pytest

import fastmath

#: numpy dtype names the sorting family takes, and what each holds.
NUMPY_DTYPES = [
    "bool",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "float32",
    "float64",
]

#: array.array typecodes; every one is kept by sort/unique (by kind and size: a result may use
#: another code of the same format, 'l' for 'q' say).
TYPECODES = "bBhHiIlLqQfd"


def kind_and_size(buffer):
    """('i' signed, 'u' unsigned, 'f' float, 'b' bool) and the item size of a buffer's format."""
    view = memoryview(buffer)
    code = view.format.lstrip("@=<>!")
    if code == "?":
        return "b", 1
    if code in "fde":
        return "f", view.itemsize
    return ("i" if code.islower() else "u"), view.itemsize


def order_key(v):
    """numpy's order for a Python number: NaN after everything, -0.0 == 0.0."""
    return (1, 0) if isinstance(v, float) and math.isnan(v) else (0, v)


def same_values(got, want):
    """Lists equal with NaN equal to NaN (and -0.0 to 0.0)."""
    return len(got) == len(want) and all(
        order_key(g) == order_key(w) for g, w in zip(got, want, strict=True)
    )


def stable_argsort(values):
    return sorted(range(len(values)), key=lambda i: order_key(values[i]))


def topk_reference(values, k):
    """Indices of the k largest, largest first, lower index first among ties; NaN largest."""

    def rank(i):
        v = values[i]
        if isinstance(v, float) and math.isnan(v):
            return (0, 0, i)
        return (1, -v, i)

    return sorted(range(len(values)), key=rank)[:k]


def unique_reference(values):
    out = []
    for v in sorted(values, key=order_key):
        if not out or order_key(out[-1]) != order_key(v):
            out.append(v)
    return out


def bisect_reference(sorted_values, probe, side):
    """numpy's searchsorted by counting (a is sorted; NaN after every number)."""
    key = order_key(probe)
    if side == "left":
        return sum(1 for e in sorted_values if order_key(e) < key)
    return sum(1 for e in sorted_values if order_key(e) <= key)


# --- stdlib buffers (host and Pyodide, both backends) -----------------------------------------


def typecode_values(code, n, rng):
    """n values of an array.array typecode: extremes, duplicates, and for floats NaN and -0.0."""
    if code in "fd":
        pool = [0.0, -0.0, 1.5, -2.5, math.inf, -math.inf, math.nan, 3.0, 1e-3]
        values = [
            rng.choice(pool) if rng.random() < 0.5 else rng.uniform(-1e6, 1e6) for _ in range(n)
        ]
        if code == "f":
            # Round through the type so that the reference holds what the buffer holds.
            values = array.array("f", values).tolist()
        return values
    size = array.array(code).itemsize * 8
    lo, hi = (-(2 ** (size - 1)), 2 ** (size - 1) - 1) if code.islower() else (0, 2**size - 1)
    pool = [lo, hi, lo + 1, hi - 1, 0, 1, max(lo, -1), 7]
    return [rng.choice(pool) if rng.random() < 0.4 else rng.randint(lo, hi) for _ in range(n)]


@pytest.mark.parametrize("code", TYPECODES)
@pytest.mark.parametrize("n", [0, 1, 9, 300, 9000])
def test_stdlib_buffers_of_every_typecode(code, n):
    rng = random.Random(f"{code}{n}")
    values = typecode_values(code, n, rng)
    x = array.array(code, values)

    got = fastmath.sort(x)
    assert kind_and_size(got) == kind_and_size(x)
    assert same_values(got.tolist(), sorted(values, key=order_key))

    order = fastmath.argsort(x)
    assert kind_and_size(order) == ("i", 8)
    assert order.tolist() == stable_argsort(values)

    distinct = fastmath.unique(x)
    assert kind_and_size(distinct) == kind_and_size(x)
    assert same_values(distinct.tolist(), unique_reference(values))

    for k in {min(k, n) for k in (0, 1, n // 3, n)}:
        assert fastmath.topk(x, k).tolist() == topk_reference(values, k)


@pytest.mark.parametrize("code", TYPECODES)
def test_stdlib_views_strided_reversed_and_2d(code):
    rng = random.Random(code)
    values = typecode_values(code, 24, rng)
    view = memoryview(array.array(code, values))
    for sliced, want in [
        (view[::2], values[::2]),
        (view[::-1], values[::-1]),
        (view[20:3:-3], values[20:3:-3]),
    ]:
        assert same_values(fastmath.sort(sliced).tolist(), sorted(want, key=order_key))
        assert fastmath.argsort(sliced).tolist() == stable_argsort(want)
        assert same_values(fastmath.unique(sliced).tolist(), unique_reference(want))
    rev = view[::-3]
    want = values[::-3]
    assert fastmath.topk(rev, 4).tolist() == topk_reference(want, 4)

    grid = view.cast("B").cast(code, (4, 6))
    rows = [values[6 * i : 6 * i + 6] for i in range(4)]
    columns = [list(c) for c in zip(*rows, strict=True)]
    sorted_rows = fastmath.sort(grid)
    assert kind_and_size(sorted_rows) == kind_and_size(view)
    assert same_values(
        [v for r in sorted_rows.tolist() for v in r],
        [v for r in rows for v in sorted(r, key=order_key)],
    )
    by_column = fastmath.argsort(grid, axis=0).tolist()
    assert [list(c) for c in zip(*by_column, strict=True)] == [stable_argsort(c) for c in columns]
    flat = fastmath.sort(grid[::-1], axis=None).tolist()
    assert same_values(flat, sorted(values, key=order_key))


def test_stdlib_bool_memoryview():
    raw = bytes([1, 0, 1, 1, 0, 0, 1])
    flags = memoryview(raw).cast("?")
    values = [bool(b) for b in raw]
    got = fastmath.sort(flags)
    assert kind_and_size(got) == ("b", 1)
    assert got.tolist() == sorted(values)
    assert fastmath.argsort(flags).tolist() == stable_argsort(values)
    assert fastmath.unique(flags).tolist() == [False, True]
    assert fastmath.topk(flags, 3).tolist() == [0, 2, 3]
    assert fastmath.searchsorted(fastmath.sort(flags), flags).tolist() == [
        bisect_reference(sorted(values), v, "left") for v in values
    ]


def test_stdlib_int64_beyond_2_pow_53():
    big = 2**62
    values = [big + 3, big + 1, -big - 1, big + 2, big + 1, -big - 2, 2**63 - 1, -(2**63)]
    for n in [len(values), 9000]:
        # Moved toward zero, so that every value stays within int64.
        xs = [
            v - i // len(values) if v > 0 else v + i // len(values)
            for i, v in zip(range(n), values * (n // len(values) + 1), strict=False)
        ]
        x = array.array("q", xs)
        assert fastmath.sort(x).tolist() == sorted(xs)
        assert fastmath.argsort(x).tolist() == stable_argsort(xs)
        assert fastmath.unique(x).tolist() == sorted(set(xs))
        assert fastmath.topk(x, 3).tolist() == topk_reference(xs, 3)
    a = array.array("q", sorted(values))
    probes = [big + 1, big + 2, big, 2**63 - 1, -(2**63), 0]
    for side in ["left", "right"]:
        got = fastmath.searchsorted(a, array.array("q", probes), side=side).tolist()
        assert got == [bisect_reference(sorted(values), p, side) for p in probes]
        for p in probes:
            assert fastmath.searchsorted(a, p, side=side) == bisect_reference(
                sorted(values), p, side
            )
    u = array.array("Q", [0, 1, 2**63, 2**64 - 2, 2**64 - 1])
    assert fastmath.searchsorted(u, array.array("Q", [2**64 - 2, 2**63 + 1])).tolist() == [3, 3]
    assert fastmath.sort(u[::-1]).tolist() == u.tolist()


@pytest.mark.parametrize("a_code", "bBqQfd")
@pytest.mark.parametrize("v_code", "bHqQfd")
def test_stdlib_searchsorted_mixed_typecodes(a_code, v_code):
    # numpy compares in the common dtype of a and v; every value here is exact in it (the
    # mixed int64/uint64 pair compares as float64: small values keep exact order there too).
    rng = random.Random(a_code + v_code)
    a_values = sorted(
        rng.randint(-100, 100) if a_code.islower() or a_code in "fd" else rng.randint(0, 200)
        for _ in range(40)
    )
    if a_code == "b":
        a_values = [max(-128, min(127, v)) for v in a_values]
    v_values = [
        rng.randint(-120, 120) if v_code.islower() or v_code in "fd" else rng.randint(0, 250)
        for _ in range(30)
    ]
    if v_code in "fd":
        v_values = [v + 0.5 if i % 3 == 0 else float(v) for i, v in enumerate(v_values)]
    a = array.array(a_code, a_values)
    v = array.array(v_code, v_values)
    for side in ["left", "right"]:
        got = fastmath.searchsorted(a, v, side=side)
        assert kind_and_size(got) == ("i", 8)
        assert got.tolist() == [bisect_reference(a_values, p, side) for p in v_values]


def test_stdlib_searchsorted_python_scalars():
    a = array.array("b", [-3, 1, 2, 2, 100])
    assert fastmath.searchsorted(a, 2) == 2
    assert fastmath.searchsorted(a, 2, side="right") == 4
    assert fastmath.searchsorted(a, 1000) == 5  # beyond int8: compared exactly, as numpy
    assert fastmath.searchsorted(a, -1000, side="right") == 0
    assert fastmath.searchsorted(a, 1.5) == 2
    assert fastmath.searchsorted(a, math.nan) == 5
    f = array.array("f", [0.1, 0.5])
    # A Python float is a double: float32 0.1 is above the double 0.1, as in numpy.
    assert fastmath.searchsorted(f, 0.1, side="right") == 0
    u = array.array("Q", [1, 5, 2**64 - 1])
    assert fastmath.searchsorted(u, -1) == 0
    assert fastmath.searchsorted(u, 5, side="right") == 2


# --- numpy (host) -------------------------------------------------------------------------------


def numpy_values(np, dtype, shape, rng):
    """Random values of `dtype`: extremes and duplicates, NaN and signed zeros for floats."""
    size = math.prod(shape)
    dt = np.dtype(dtype)
    if dt.kind == "b":
        return (rng.random(size) < 0.5).reshape(shape)
    if dt.kind == "f":
        pool = np.array([0.0, -0.0, np.nan, -np.nan, np.inf, -np.inf, 1.0, -1.0], dtype=dt)
        x = rng.standard_normal(size).astype(dt) * dt.type(1000)
        pick = rng.random(size) < 0.4
        x[pick] = rng.choice(pool, pick.sum())
        return x.reshape(shape)
    info = np.iinfo(dt)
    x = rng.integers(info.min, info.max, size, dtype=dt, endpoint=True)
    pool = np.array([info.min, info.max, 0, 1, info.max - 1], dtype=dt)
    pick = rng.random(size) < 0.3
    x[pick] = rng.choice(pool, pick.sum())
    return x.reshape(shape)


def assert_same_array(np, got, want):
    assert isinstance(got, np.ndarray)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert got.shape == want.shape
    assert np.array_equal(got, want, equal_nan=want.dtype.kind == "f")


SHAPES_AND_AXES = [
    ((0,), -1),
    ((1,), 0),
    ((37,), -1),
    ((37,), None),
    ((4, 9), -1),
    ((4, 9), 0),
    ((4, 9), None),
    ((3, 0, 5), 1),
    ((2, 3, 5), 1),
    ((2, 3, 5), -3),
    ((9000,), -1),
    ((20_000,), 0),
]


@pytest.mark.needs_numpy
@pytest.mark.parametrize("dtype", NUMPY_DTYPES)
@pytest.mark.parametrize(("shape", "axis"), SHAPES_AND_AXES)
def test_sort_and_argsort_match_numpy(dtype, shape, axis):
    import numpy as np

    rng = np.random.default_rng(abs(hash((dtype, shape, axis))) % 2**32)
    x = numpy_values(np, dtype, shape, rng)
    assert_same_array(np, fastmath.sort(x, axis=axis), np.sort(x, axis=axis))
    assert_same_array(np, fastmath.argsort(x, axis=axis), np.argsort(x, axis=axis, kind="stable"))


@pytest.mark.needs_numpy
@pytest.mark.parametrize("dtype", NUMPY_DTYPES)
def test_views_match_numpy(dtype):
    import numpy as np

    rng = np.random.default_rng(NUMPY_DTYPES.index(dtype))
    base = numpy_values(np, dtype, (6, 40), rng)
    views = [base[:, ::3], base[::-1, ::-2], base.T, base[2, ::-1], base[1:5, 7:30:2]]
    for x in views:
        for axis in [-1, 0, None]:
            assert_same_array(np, fastmath.sort(x, axis=axis), np.sort(x, axis=axis))
            assert_same_array(
                np, fastmath.argsort(x, axis=axis), np.argsort(x, axis=axis, kind="stable")
            )
    for x in [base[3, ::-1], base[:, 5], base[0, 1::7]]:
        assert_same_array(np, fastmath.unique(x), np.unique(x))
        want = np.array(topk_reference(x.tolist(), 5), dtype=np.int64)
        assert_same_array(np, fastmath.topk(x, 5), want)


@pytest.mark.needs_numpy
@pytest.mark.parametrize("dtype", NUMPY_DTYPES)
@pytest.mark.parametrize("n", [0, 1, 50, 9000, 20_000])
def test_unique_and_topk_match_numpy(dtype, n):
    import numpy as np

    rng = np.random.default_rng(n + NUMPY_DTYPES.index(dtype))
    x = numpy_values(np, dtype, (n,), rng)
    assert_same_array(np, fastmath.unique(x), np.unique(x))
    values = x.tolist()
    for k in {min(k, n) for k in (0, 1, 10, n)}:
        got = fastmath.topk(x, k)
        assert_same_array(np, got, np.array(topk_reference(values, k), dtype=np.int64))


@pytest.mark.needs_numpy
def test_int64_and_uint64_extremes_match_numpy():
    import numpy as np

    rng = np.random.default_rng(53)
    big = 2**62
    for n in [40, 20_000]:
        # Neighbours a double cannot tell apart.
        x = (big + rng.integers(-50, 50, n)).astype(np.int64)
        x[::5] *= -1
        assert_same_array(np, fastmath.sort(x), np.sort(x))
        assert_same_array(np, fastmath.argsort(x), np.argsort(x, kind="stable"))
        assert_same_array(np, fastmath.unique(x), np.unique(x))
        u = np.uint64(2**64 - 1) - rng.integers(0, 100, n).astype(np.uint64)
        u[::3] = rng.integers(0, 100, len(u[::3])).astype(np.uint64)
        assert_same_array(np, fastmath.sort(u), np.sort(u))
        assert_same_array(np, fastmath.argsort(u), np.argsort(u, kind="stable"))
        assert_same_array(np, fastmath.unique(u), np.unique(u))
        a = np.sort(x)
        for side in ["left", "right"]:
            assert_same_array(
                np, fastmath.searchsorted(a, x[:50], side=side), np.searchsorted(a, x[:50], side)
            )


@pytest.mark.needs_numpy
@pytest.mark.parametrize("a_dtype", NUMPY_DTYPES)
@pytest.mark.parametrize(
    "v_dtype", ["bool", "int8", "uint16", "int64", "uint64", "float32", "float64"]
)
def test_searchsorted_matches_numpy(a_dtype, v_dtype):
    import numpy as np

    rng = np.random.default_rng(NUMPY_DTYPES.index(a_dtype) * 100 + NUMPY_DTYPES.index(v_dtype))
    a = np.sort(numpy_values(np, a_dtype, (60,), rng))
    v = numpy_values(np, v_dtype, (45,), rng)
    # Some probes equal to elements of a (where the common dtype holds them).
    with np.errstate(invalid="ignore"):  # nan and out-of-range floats into integers
        v[:10] = a[rng.integers(0, len(a), 10)].astype(v.dtype)
    for side in ["left", "right"]:
        got = fastmath.searchsorted(a, v, side=side)
        assert_same_array(np, got, np.searchsorted(a, v, side=side).astype(np.int64))
        got = fastmath.searchsorted(a[::-1][::-1], v[::-2], side=side)
        assert_same_array(np, got, np.searchsorted(a, v[::-2], side=side).astype(np.int64))
        for probe in [v[0], v[-1]]:
            assert int(fastmath.searchsorted(a, probe, side=side)) == np.searchsorted(
                a, probe, side
            )
    for probe in [0, -1, 1000, 2**62 + 1, 2.5, -0.0, math.nan, math.inf, True]:
        for side in ["left", "right"]:
            assert fastmath.searchsorted(a, probe, side=side) == np.searchsorted(a, probe, side)


@pytest.mark.needs_numpy
def test_float32_stays_float32_with_numpy_order():
    import numpy as np

    x = np.array([np.nan, 1.5, -0.0, 0.0, -np.inf, 2**-140, -np.nan, 3.0], dtype=np.float32)
    got = fastmath.sort(x)
    assert got.dtype == np.float32
    assert np.array_equal(got, np.sort(x), equal_nan=True)
    assert fastmath.argsort(x).tolist() == np.argsort(x, kind="stable").tolist()
    assert fastmath.unique(x).dtype == np.float32
    assert np.array_equal(fastmath.unique(x), np.unique(x), equal_nan=True)
    # float32(0.1) is above the double 0.1: a Python float probe compares as a double.
    f = np.array([0.1, 0.5], dtype=np.float32)
    assert fastmath.searchsorted(f, 0.1, side="right") == np.searchsorted(f, 0.1, "right") == 0


def test_results_have_numpy_dtypes_not_float64_for_ints():
    got = fastmath.sort(array.array("q", [3, 1, 2]))
    assert kind_and_size(got) == ("i", 8)
    assert got.tolist() == [1, 2, 3]
    assert all(isinstance(v, int) for v in got.tolist())
