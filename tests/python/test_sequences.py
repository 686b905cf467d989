"""Sequences (diff, interp, linspace, arange, trapezoid, convolve, correlate, outer, digitize)
against pure-Python references written from their definitions (these run inside Pyodide too),
and, on the host, against numpy over random dtypes, shapes and strided views."""

import array
import bisect
import importlib.util
import itertools
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fastmath

small = st.floats(min_value=-1e3, max_value=1e3)
ints = st.integers(min_value=-50, max_value=50)


def nest(values, shape):
    """The flat C-order `values` as nested lists of `shape`."""
    if len(shape) == 1:
        return list(values)
    step = len(values) // shape[0]
    return [nest(values[i * step : (i + 1) * step], shape[1:]) for i in range(shape[0])]


def listed(r):
    return r.tolist() if hasattr(r, "tolist") else r


# ------------------------------------------------------------------------------------ diff


def diff_reference(values, n):
    for _ in range(n):
        values = [b - a for a, b in itertools.pairwise(values)]
    return values


@settings(max_examples=150, deadline=None)
@given(st.lists(small, max_size=12), st.integers(min_value=0, max_value=14))
def test_diff_of_lists_is_repeated_differences(values, n):
    assert fastmath.diff(values, n=n).tolist() == diff_reference(values, n)


def test_diff_along_axes_and_integer_wraparound():
    m = [[1.0, 2.0, 4.0], [7.0, 11.0, 16.0]]
    assert fastmath.diff(m).tolist() == [[1.0, 2.0], [4.0, 5.0]]
    assert fastmath.diff(m, axis=0).tolist() == [[6.0, 9.0, 12.0]]
    assert fastmath.diff(m, n=2, axis=-1).tolist() == [[1.0], [1.0]]
    r = fastmath.diff(array.array("q", [1, 4, 9, 16]))
    assert (r.typecode, r.tolist()) == ("q", [3, 5, 7])
    r = fastmath.diff(array.array("B", [2, 1, 0]))
    assert (r.typecode, r.tolist()) == ("B", [255, 255])
    assert fastmath.diff(array.array("q", [2**62, -(2**62)]))[0] == -(2**63)
    assert fastmath.diff([1.0, 2.0], n=0).tolist() == [1.0, 2.0]


def test_diff_refusals():
    with pytest.raises(ValueError, match=r"at least one dimensional"):
        fastmath.diff(3.0)
    with pytest.raises(ValueError, match=r"n: order must be non-negative but got -1"):
        fastmath.diff([1.0, 2.0], n=-1)
    with pytest.raises(fastmath.AxisError, match=r"axis 1 is out of bounds"):
        fastmath.diff([1.0, 2.0], axis=1)
    with pytest.raises(TypeError, match=r"axis: expected an integer, got None"):
        fastmath.diff([1.0, 2.0], axis=None)


# ---------------------------------------------------------------------------------- interp


def interp_reference(x, xp, fp):
    """Linear interpolation from its definition (xp strictly increasing)."""
    if x <= xp[0]:
        return fp[0]
    if x >= xp[-1]:
        return fp[-1]
    j = bisect.bisect_right(xp, x) - 1
    return fp[j] + (fp[j + 1] - fp[j]) * (x - xp[j]) / (xp[j + 1] - xp[j])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(-4000, 4000).map(lambda v: v / 4), min_size=1, max_size=10, unique=True),
    st.lists(small, min_size=10, max_size=10),
    st.lists(st.floats(min_value=-2e3, max_value=2e3), max_size=10),
)
def test_interp_is_the_piecewise_linear_function(xp, fp, x):
    xp = sorted(xp)
    fp = fp[: len(xp)]
    got = fastmath.interp(x, xp, fp).tolist()
    for g, v in zip(got, x, strict=False):
        want = interp_reference(v, xp, fp)
        assert math.isclose(g, want, rel_tol=1e-9, abs_tol=1e-9), (v, g, want)


def test_interp_bounds_nan_and_refusals():
    assert fastmath.interp(0.0, [1, 2], [10, 20], left=-1.0, right=99.0) == -1.0
    assert fastmath.interp(3.0, [1, 2], [10, 20], left=-1.0, right=99.0) == 99.0
    assert fastmath.interp(1.25, [1, 2], [10, 20]) == 12.5
    assert math.isnan(fastmath.interp(math.nan, [1, 2], [10, 20]))
    assert fastmath.interp([[1.5], [2.0]], [1, 2], [10, 20]).tolist() == [[15.0], [20.0]]
    with pytest.raises(ValueError, match=r"fp and xp are not of the same length"):
        fastmath.interp(1.0, [1, 2], [1])
    with pytest.raises(ValueError, match=r"xp: array of sample points is empty"):
        fastmath.interp(1.0, [], [])
    with pytest.raises(ValueError, match=r"xp: expected a 1-D array"):
        fastmath.interp(1.0, [[1, 2]], [[1, 2]])


# ------------------------------------------------------------------------ linspace, arange


@settings(max_examples=150, deadline=None)
@given(small, small, st.integers(min_value=0, max_value=40), st.booleans())
def test_linspace_is_evenly_spaced(start, stop, num, endpoint):
    values, step = fastmath.linspace(start, stop, num, endpoint=endpoint, retstep=True)
    values = values.tolist()
    assert len(values) == num
    div = num - 1 if endpoint else num
    if div > 0:
        assert step == (stop - start) / div
        for i, v in enumerate(values):
            assert math.isclose(v, start + i * step, rel_tol=1e-12, abs_tol=1e-9)
    else:
        assert math.isnan(step)
    if num:
        assert values[0] == start
    if endpoint and num > 1:
        assert values[-1] == stop


@settings(max_examples=150, deadline=None)
@given(ints, ints, ints.filter(lambda s: s != 0))
def test_integer_arange_is_range(start, stop, step):
    r = fastmath.arange(start, stop, step)
    assert (r.typecode, r.tolist()) == ("q", list(range(start, stop, step)))


def test_arange_forms_and_float_lengths():
    assert fastmath.arange(4).tolist() == [0, 1, 2, 3]
    assert fastmath.arange(2, 5).tolist() == [2, 3, 4]
    assert fastmath.arange(3.0).typecode == "d"
    r = fastmath.arange(0, 1, 0.1)
    assert r.typecode == "d" and len(r) == 10 and math.isclose(r[-1], 0.9)
    assert len(fastmath.arange(1.0, 0.0)) == 0
    assert fastmath.arange(0.5, 2).tolist() == [0.5, 1.5]


def test_huge_and_undefined_sizes_are_refused_at_once():
    with pytest.raises(MemoryError, match=r"linspace: the result needs"):
        fastmath.linspace(0, 1, 10**15)
    with pytest.raises(MemoryError, match=r"arange: the result needs"):
        fastmath.arange(0, 1e18)
    with pytest.raises(ValueError, match=r"Maximum allowed size exceeded"):
        fastmath.arange(0, 10**19)
    with pytest.raises(ZeroDivisionError, match=r"^step: division by zero"):
        fastmath.arange(0, 1, 0)
    with pytest.raises(ZeroDivisionError, match=r"^step: division by zero"):
        fastmath.arange(0.0, 1.0, -0.0)
    with pytest.raises(ValueError, match=r"arange: cannot compute length"):
        fastmath.arange(0, math.nan)
    with pytest.raises(ValueError, match=r"num: Number of samples, -1, must be non-negative"):
        fastmath.linspace(0, 1, -1)


# ---------------------------------------------------------------------------- trapezoid


@settings(max_examples=150, deadline=None)
@given(st.lists(small, min_size=1, max_size=12), st.floats(min_value=0.01, max_value=10))
def test_trapezoid_sums_trapezoids(y, dx):
    want = math.fsum(dx * (a + b) / 2.0 for a, b in itertools.pairwise(y))
    assert math.isclose(fastmath.trapezoid(y, dx=dx), want, rel_tol=1e-12, abs_tol=1e-9)
    x = [i * dx for i in range(len(y))]
    assert math.isclose(fastmath.trapezoid(y, x=x), want, rel_tol=1e-9, abs_tol=1e-9)


def test_trapezoid_axes_and_sample_points():
    m = [[0.0, 1.0, 3.0], [2.0, 4.0, 8.0]]
    assert fastmath.trapezoid(m).tolist() == [2.5, 9.0]
    assert fastmath.trapezoid(m, axis=0).tolist() == [1.0, 2.5, 5.5]
    assert fastmath.trapezoid(m, x=[0.0, 2.0, 3.0]).tolist() == [3.0, 12.0]
    assert fastmath.trapezoid(m, x=[[0.0, 1.0, 2.0], [0.0, 2.0, 4.0]]).tolist() == [2.5, 18.0]
    assert fastmath.trapezoid([5.0]) == 0.0
    with pytest.raises(ValueError, match=r"x: expected a 1-D array of length 3"):
        fastmath.trapezoid(m, x=[1.0, 2.0])
    # An x of y's rank that broadcasts to y's shape (numpy's own test passes x[:, None, None]):
    # a row of x shared by every row of y, or a column of x along axis 0.
    assert fastmath.trapezoid(m, x=[[0.0, 2.0, 3.0]]).tolist() == [3.0, 12.0]
    assert fastmath.trapezoid(m, x=[[0.0], [4.0]], axis=0).tolist() == [4.0, 10.0, 22.0]
    with pytest.raises(ValueError, match=r"x: expected a 1-D array of length 3"):
        fastmath.trapezoid(m, x=[[0.0], [4.0]])  # length 1 along the last axis


# ------------------------------------------------------------------ convolve, correlate


def full_convolution(a, v):
    c = [0.0] * (len(a) + len(v) - 1)
    for i, x in enumerate(a):
        for j, y in enumerate(v):
            c[i + j] += x * y
    return c


def windowed(full, n, m, mode, correlate):
    """numpy's modes as its documentation and source define them: 'valid' keeps complete
    overlaps; 'same' keeps max(n, m) values centred as numpy's correlate centres them (on the
    longer input, reversed back when the inputs were swapped)."""
    short, long = min(n, m), max(n, m)
    if mode == "full":
        return full
    if mode == "valid":
        return full[short - 1 : short - 1 + long - short + 1]
    if correlate and n < m:
        start = n // 2
    elif correlate:
        start = (m - 1) - m // 2
    else:
        start = (short - 1) - short // 2
    return full[start : start + long]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(ints, min_size=1, max_size=9),
    st.lists(ints, min_size=1, max_size=9),
    st.sampled_from(["full", "same", "valid"]),
)
def test_convolve_and_correlate_of_small_integers_are_exact(a, v, mode):
    a, v = [float(t) for t in a], [float(t) for t in v]
    n, m = len(a), len(v)
    want = windowed(full_convolution(a, v), n, m, mode, False)
    assert fastmath.convolve(a, v, mode=mode).tolist() == want
    want = windowed(full_convolution(a, v[::-1]), n, m, mode, True)
    assert fastmath.correlate(a, v, mode).tolist() == want


def test_integer_convolution_keeps_the_dtype_and_wraps():
    a = array.array("b", [100, 1])
    r = fastmath.convolve(a, array.array("b", [2, 1]))
    assert (r.typecode, r.tolist()) == ("b", [-56, 102, 1])
    big = array.array("q", [2**40, 3])
    assert fastmath.convolve(big, big).tolist() == [2**80 % 2**64, 6 * 2**40, 9]


@pytest.mark.parametrize(("n", "m"), [(2000, 100), (300, 300), (64, 1500)])
def test_fft_method_is_within_its_stated_bound(n, m):
    rng = random.Random(n * m)
    a = [rng.uniform(-1, 1) * 10 ** rng.randint(-3, 3) for _ in range(n)]
    v = [rng.uniform(-1, 1) for _ in range(m)]
    p = 2 ** math.ceil(math.log2(n + m - 1))
    norm = math.sqrt(math.fsum(t * t for t in a)) * math.sqrt(math.fsum(t * t for t in v))
    bound = 8 * math.log2(p) * 2.0**-52 * norm
    fft = fastmath.convolve(a, v, method="fft").tolist()
    direct = fastmath.convolve(a, v, method="direct").tolist()
    auto = fastmath.correlate(a, v, "full").tolist()
    exact = [
        math.fsum(a[i] * v[k - i] for i in range(max(0, k - m + 1), min(k, n - 1) + 1))
        for k in range(n + m - 1)
    ]
    worst = max(abs(f - e) for f, e in zip(fft, exact, strict=False))
    assert worst <= bound, (worst, bound)
    assert max(abs(d - e) for d, e in zip(direct, exact, strict=False)) <= bound
    exact_corr = fastmath.convolve(a, v[::-1], method="direct").tolist()
    assert max(abs(c - e) for c, e in zip(auto, exact_corr, strict=False)) <= 2 * bound


def test_nan_stays_local_even_where_the_fft_would_be_used():
    a = [1.0] * 500
    a[10] = math.nan
    r = fastmath.convolve(a, [1.0] * 100, method="fft").tolist()
    assert math.isnan(r[10]) and math.isnan(r[109]) and r[9] == 10.0 and r[110] == 100.0


def test_convolution_refusals():
    with pytest.raises(ValueError, match=r"a: cannot be empty"):
        fastmath.convolve([], [1.0])
    with pytest.raises(ValueError, match=r"v: cannot be empty"):
        fastmath.correlate([1.0], [])
    with pytest.raises(
        ValueError, match=r"mode must be one of 'valid', 'same', or 'full' \(got 'x'\)"
    ):
        fastmath.convolve([1.0], [1.0], mode="x")
    with pytest.raises(ValueError, match=r"method: method must be one of"):
        fastmath.convolve([1.0], [1.0], method="fast")
    with pytest.raises(ValueError, match=r"a: expected a 1-D array"):
        fastmath.convolve([[1.0]], [1.0])
    assert fastmath.convolve(2.0, 3.0).tolist() == [6.0]
    # numpy's integer modes: 0 valid, 1 same, 2 full; other ints are a ValueError, as numpy's.
    for code, name in [(0, "valid"), (1, "same"), (2, "full")]:
        for f in (fastmath.convolve, fastmath.correlate):
            assert f([1, 2, 3], [1, 0, 2], mode=code).tolist() == (
                f([1, 2, 3], [1, 0, 2], mode=name).tolist()
            )
    for code in (-1, 3):
        with pytest.raises(ValueError, match=r"integer convolve/correlate mode must be 0, 1"):
            fastmath.correlate([1.0], [1.0], mode=code)
    with pytest.raises(TypeError, match=r"mode: expected a str, got None"):
        fastmath.convolve([1.0], [1.0], mode=None)


# ---------------------------------------------------------------------- outer, digitize


@settings(max_examples=100, deadline=None)
@given(st.lists(small, max_size=6), st.lists(small, min_size=1, max_size=6))
def test_outer_is_every_product(a, b):
    if not a and importlib.util.find_spec("numpy") is None:
        # A (0, n) result: a memoryview cannot have a zero in its shape (docs/api.md, Outputs).
        with pytest.raises(ValueError, match=r"shape \(0, \d\), which needs numpy"):
            fastmath.outer(a, b)
        return
    r = fastmath.outer(a, b)
    assert r.tolist() == [[x * y for y in b] for x in a]


def test_outer_flattens_and_keeps_integers():
    r = fastmath.outer([[1.0, 2.0], [3.0, 4.0]], 2.0)
    assert r.tolist() == [[2.0], [4.0], [6.0], [8.0]]
    r = fastmath.outer(array.array("i", [1, 2]), array.array("i", [3]))
    assert r.tolist() == [[3], [6]] and r.format == "i"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(ints, max_size=8),
    st.lists(st.floats(min_value=-60, max_value=60), max_size=10),
    st.booleans(),
    st.booleans(),
)
def test_digitize_is_bisection(bins, x, right, decreasing):
    bins = sorted(set(bins))
    find = bisect.bisect_left if right else bisect.bisect_right
    want = [find(bins, v) for v in x]
    decreasing = decreasing and len(bins) > 1  # one edge, or none, is increasing
    if decreasing:
        bins = bins[::-1]
    got = fastmath.digitize(x, [float(b) for b in bins], right=right).tolist()
    if decreasing:
        want = [len(bins) - w for w in want]
    assert got == want


def test_digitize_numbers_and_refusals():
    assert fastmath.digitize(2.5, [1.0, 2.0, 3.0]) == 2
    assert fastmath.digitize(2.0, [1.0, 2.0, 3.0], right=True) == 1
    with pytest.raises(
        ValueError, match=r"bins: bins must be monotonically increasing or decreasing"
    ):
        fastmath.digitize([1.0], [1.0, 3.0, 2.0])


# ------------------------------------------------------------------- numpy, on the host


NUMPY_DTYPES = ["bool", "int8", "uint8", "int16", "int32", "int64", "uint64", "float32", "float64"]


def numpy_values(np, dtype, shape, rng):
    if dtype == "bool":
        return rng.integers(0, 2, shape).astype(bool)
    if dtype.startswith(("int", "uint")):
        info = np.iinfo(dtype)
        return rng.integers(max(info.min, -100), min(info.max, 100), shape, endpoint=True).astype(
            dtype
        )
    return (rng.standard_normal(shape) * 10).astype(dtype)


def views(np, base):
    """`base` and strided, reversed and transposed views of it."""
    out = [base]
    if base.ndim >= 1:
        out.append(base[..., ::-1])
        out.append(base[..., ::2])
    if base.ndim >= 2:
        out.append(base.T)
    return out


def in_float64(np, f, *arrays, **kwargs):
    """numpy's `f` of float32 `arrays` computed in float64 and rounded once to float32, as
    fastmath computes them (numpy's own float32 sums drift by far more)."""
    if any(getattr(a, "dtype", None) == np.float32 for a in arrays):
        wide = [
            a.astype(np.float64) if getattr(a, "dtype", None) == np.float32 else a for a in arrays
        ]
        return np.asarray(f(*wide, **kwargs)).astype(np.float32)
    return np.asarray(f(*arrays, **kwargs))


def assert_same(np, got, want, exact):
    got = np.asarray(got)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert got.shape == want.shape, (got.shape, want.shape)
    if exact or want.dtype.kind in "biu":
        np.testing.assert_array_equal(got, want)
    else:
        rtol = 1e-5 if want.dtype == np.float32 else 1e-12
        np.testing.assert_allclose(got, want, rtol=rtol, atol=rtol)


@pytest.mark.needs_numpy
@pytest.mark.parametrize("dtype", NUMPY_DTYPES)
def test_diff_outer_match_numpy(dtype):
    import numpy as np

    rng = np.random.default_rng(NUMPY_DTYPES.index(dtype))
    for shape in [(7,), (3, 5), (2, 3, 4), (0, 3), (4, 1)]:
        for x in views(np, numpy_values(np, dtype, shape, rng)):
            for axis in range(-x.ndim, x.ndim):
                for n in [0, 1, 2, 5]:
                    assert_same(
                        np, fastmath.diff(x, n=n, axis=axis), np.diff(x, n=n, axis=axis), True
                    )
            y = numpy_values(np, dtype, (3,), rng)
            assert_same(np, fastmath.outer(x, y), np.outer(x, y), True)


@pytest.mark.needs_numpy
@pytest.mark.parametrize("dtype", NUMPY_DTYPES)
def test_convolve_correlate_match_numpy(dtype):
    import numpy as np

    rng = np.random.default_rng(10 + NUMPY_DTYPES.index(dtype))
    for n, m in [(1, 1), (5, 3), (3, 5), (8, 8), (40, 7), (200, 64), (70, 300)]:
        a = numpy_values(np, dtype, (2 * n,), rng)[::2]
        v = numpy_values(np, dtype, (m,), rng)[::-1]
        for mode in ["full", "same", "valid"]:
            want = in_float64(np, np.convolve, a, v, mode)
            assert_same(np, fastmath.convolve(a, v, mode), want, False)
            want = in_float64(np, np.correlate, a, v, mode)
            assert_same(np, fastmath.correlate(a, v, mode), want, False)


@pytest.mark.needs_numpy
def test_mixed_dtypes_promote_as_numpy():
    import numpy as np

    rng = np.random.default_rng(5)
    for d1 in NUMPY_DTYPES:
        for d2 in NUMPY_DTYPES:
            a, b = numpy_values(np, d1, (4,), rng), numpy_values(np, d2, (3,), rng)
            want = np.convolve(a, b)
            if want.dtype == np.float16:
                continue  # fastmath computes float16 as float32, its documented difference
            assert_same(np, fastmath.convolve(a, b), want, False)
            assert_same(np, fastmath.outer(a, b), np.outer(a, b), False)


@pytest.mark.needs_numpy
def test_interp_linspace_arange_are_numpys_bits():
    import numpy as np

    rng = np.random.default_rng(3)
    for _ in range(50):
        xp = np.sort(rng.standard_normal(rng.integers(1, 30)))
        if rng.random() < 0.3:
            xp = np.round(xp, 1)  # repeated points
        fp = rng.standard_normal(xp.size) * 100
        x = rng.standard_normal((3, 7)) * 2
        x[0, 0] = np.nan
        x = x[:, ::-2]
        for left, right in [(None, None), (-5.0, 7.0)]:
            got = fastmath.interp(x, xp, fp, left=left, right=right)
            np.testing.assert_array_equal(got, np.interp(x, xp, fp, left=left, right=right))
        start, stop = rng.standard_normal(2) * 10.0 ** rng.integers(-3, 4, 2)
        for num in [0, 1, 2, 7, 50, 1001]:
            for endpoint in [True, False]:
                got, step = fastmath.linspace(start, stop, num, endpoint=endpoint, retstep=True)
                want, wstep = np.linspace(start, stop, num, endpoint=endpoint, retstep=True)
                np.testing.assert_array_equal(got, want)
                assert step == wstep or (math.isnan(step) and math.isnan(wstep))
        step = float(rng.choice([-1, 1]) * rng.uniform(0.01, 3))
        for args in [(start, stop, step), (float(start), 5, 1), (int(start), int(stop), 3)]:
            got, want = fastmath.arange(*args), np.arange(*args)
            assert np.asarray(got).dtype == want.dtype
            np.testing.assert_array_equal(np.asarray(got), want)


@pytest.mark.needs_numpy
@pytest.mark.parametrize("dtype", ["int64", "float32", "float64", "bool"])
def test_trapezoid_and_digitize_match_numpy(dtype):
    import numpy as np

    rng = np.random.default_rng(20)
    for shape in [(6,), (3, 5), (2, 3, 4)]:
        for y in views(np, numpy_values(np, dtype, shape, rng)):
            for axis in range(-y.ndim, y.ndim):
                for kwargs in [{}, {"dx": 0.5}]:
                    want = in_float64(np, np.trapezoid, y, axis=axis, **kwargs)
                    assert_same(np, fastmath.trapezoid(y, axis=axis, **kwargs), want, False)
                # float32 y is added in float64 by fastmath (numpy adds pairs in float32).
                wide = y.astype(np.float64) if y.dtype == np.float32 else y
                x = np.cumsum(rng.random(y.shape[axis]))
                want = np.trapezoid(wide, x=x, axis=axis)
                assert_same(np, fastmath.trapezoid(y, x=x, axis=axis), want, False)
                xs = rng.random(y.shape)
                want = np.trapezoid(wide, x=xs, axis=axis)
                assert_same(np, fastmath.trapezoid(y, x=xs, axis=axis), want, False)
        x = numpy_values(np, dtype, shape, rng)
        for bins in [
            np.array([-3, 0, 2, 9]),
            np.array([5.5, 1.0, -2.0]),
            np.array([1, 1, 1]),
            np.array([]),
        ]:
            for right in [False, True]:
                assert_same(
                    np,
                    fastmath.digitize(x, bins, right=right),
                    np.digitize(x, bins, right=right),
                    True,
                )


# ---------------------------------------------------- numpy's keywords: period, prepend/append


def test_interp_period_wraps_points_and_queries():
    xp, fp = [0, 90, 180, 270], [0.0, 1.0, 2.0, 3.0]
    # Between 270 and 360 (= 0 again) the values fall from 3 back to 0.
    assert fastmath.interp(315, xp, fp, period=360) == 1.5
    assert fastmath.interp(-45, xp, fp, period=-360) == 1.5  # |period|, Python's %
    got = fastmath.interp([-10, 190, 720], [180, 0, 270, 90], [2, 0, 3, 1], period=360)
    want = [
        interp_reference(v, [-90, 0, 90, 180, 270, 360], [3, 0, 1, 2, 3, 0]) for v in (350, 190, 0)
    ]
    assert got.tolist() == pytest.approx(want, rel=1e-15)
    # left/right are ignored with a period, as numpy's.
    assert fastmath.interp(400, xp, fp, left=-9, right=9, period=360) == fastmath.interp(40, xp, fp)
    with pytest.raises(ValueError, match=r"^period: period must be a non-zero value"):
        fastmath.interp(1.0, xp, fp, period=0)
    with pytest.raises(TypeError, match=r"^period: "):
        fastmath.interp(1.0, xp, fp, period="x")


def test_diff_prepend_append_join_along_the_axis():
    assert fastmath.diff([1, 4, 9], prepend=0, append=[16, 25]).tolist() == [1, 3, 5, 7, 9]
    r = fastmath.diff(array.array("B", [5, 7]), prepend=0)
    assert (r.typecode, r.tolist()) == ("q", [5, 2])  # a Python int is int64, as numpy's asarray
    m = [[1.0, 2.0], [5.0, 3.0]]
    assert fastmath.diff(m, axis=0, prepend=[[0.0, 0.0]]).tolist() == [[1.0, 2.0], [4.0, 1.0]]
    assert fastmath.diff(m, append=10).tolist() == [[1.0, 8.0], [-2.0, 7.0]]
    # [[0, 0], [1, 2], [5, 3], [0, 0]] differenced twice along axis 0.
    got = fastmath.diff(m, n=2, axis=0, prepend=0, append=0).tolist()
    assert got == [[3.0, -1.0], [-9.0, -4.0]]
    with pytest.raises(ValueError, match=r"^append: all the input array dimensions"):
        fastmath.diff(m, append=[1.0, 2.0])
    with pytest.raises(ValueError, match=r"^prepend: all the input array dimensions"):
        fastmath.diff(m, axis=0, prepend=[[1.0, 2.0, 3.0]])
    with pytest.raises(TypeError, match=r"^prepend: "):
        fastmath.diff(m, prepend="x")


@pytest.mark.needs_numpy
def test_keywords_match_numpy():
    import numpy as np

    rng = np.random.default_rng(12)
    for _ in range(30):
        xp = rng.uniform(-400, 400, rng.integers(1, 12))
        fp = rng.standard_normal(xp.size)
        x = rng.uniform(-800, 800, (3, 5))
        for period in (360, -2.5, 1e-3):
            want = np.interp(x, xp, fp, period=period)
            np.testing.assert_allclose(
                fastmath.interp(x, xp, fp, period=period), want, rtol=1e-12, atol=1e-12
            )
        a = rng.integers(-5, 5, (3, 4)).astype(rng.choice(["int8", "uint8", "float32", "int64"]))
        for axis in (0, 1, -1):
            shape = list(a.shape)
            shape[axis] = 2
            for pre, app in [
                (3, None),
                (None, 2.5),
                (np.ones(shape, "int16"), -1),
                (np.int8(3), np.ones(shape)),
            ]:
                kw = {k: v for k, v in (("prepend", pre), ("append", app)) if v is not None}
                for n in (1, 2):
                    want, got = (
                        np.diff(a, n=n, axis=axis, **kw),
                        fastmath.diff(a, n=n, axis=axis, **kw),
                    )
                    assert got.dtype == want.dtype and got.shape == want.shape, (a.dtype, kw)
                    np.testing.assert_array_equal(got, want)
    with pytest.raises(ZeroDivisionError):
        np.arange(0, 10, 0)
    with pytest.raises(ZeroDivisionError, match=r"^step: division by zero"):
        fastmath.arange(0, 10, 0)


def test_linspace_and_arange_dtypes():
    got = fastmath.linspace(0, 10, 5, dtype=int)
    assert (got.typecode, got.tolist()) == ("q", [0, 2, 5, 7, 10])
    got = fastmath.linspace(-2.5, 2.5, 5, dtype="int8")
    assert (got.typecode, got.tolist()) == ("b", [-3, -2, 0, 1, 2])  # floored, as numpy
    values, step = fastmath.linspace(0, 1, 4, dtype=int, retstep=True)
    assert values.tolist() == [0, 0, 0, 1] and step == 1 / 3
    assert fastmath.linspace(0, 1, 3, dtype=bool).tolist() == [False, True, True]
    assert fastmath.linspace(0, 1, 3, dtype="float32").typecode == "f"
    assert fastmath.arange(5, dtype=float).tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert fastmath.arange(0, 2.5, 0.5, dtype=int).tolist() == [0, 0, 0, 0, 0]  # numpy's rule
    got = fastmath.arange(250, 260, 3, dtype="uint8")
    assert (got.typecode, got.tolist()) == ("B", [250, 253, 0, 3])
    assert fastmath.arange(0.5, 3, dtype="int16").tolist() == [0, 1, 2]
    assert fastmath.arange(1, -1, -1, dtype=bool).tolist() == [True, False]
    got = fastmath.arange(0, 1, 0.3, dtype="float32")
    assert got.tolist() == array.array("f", [0.0, 0.3, 0.6, 0.9000000357627869]).tolist()
    assert fastmath.arange(3).typecode == "q"  # int arguments give int64, as numpy's
    with pytest.raises(OverflowError, match=r"^start: Python integer -1 out of bounds for uint8"):
        fastmath.arange(-1.5, 2, dtype="uint8")
    with pytest.raises(TypeError, match=r"^dtype: arange\(\) is only supported for booleans"):
        fastmath.arange(3, dtype=bool)
    with pytest.raises(TypeError, match=r"^dtype: data type 'complex' not understood"):
        fastmath.linspace(0, 1, 3, dtype=complex)
    with pytest.raises(TypeError, match=r"^dtype: float16 results are not supported"):
        fastmath.arange(3, dtype="float16")
    with pytest.raises(TypeError, match=r"^dtype: expected a dtype"):
        fastmath.arange(3, dtype=1.5)
    with pytest.raises(TypeError, match=r"^start: expected a number, got a 1-D array"):
        fastmath.linspace([0.0, 1.0], 2.0)
    with pytest.raises(TypeError, match=r"^stop: expected a number, got a 1-D array"):
        fastmath.arange(0, [3, 4])


@pytest.mark.needs_numpy
def test_dtypes_match_numpy():
    import numpy as np

    dtypes = [int, float, bool, np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32]
    dtypes += [np.int64, np.uint64, np.float32, np.float64, "int32", np.dtype("uint16")]
    for dtype in dtypes:
        for start, stop, num in [(0, 10, 5), (-2.5, 2.5, 7), (0, 1, 3), (3, -4, 8), (0, 1, 1)]:
            for endpoint in (True, False):
                want = np.linspace(start, stop, num, endpoint=endpoint, dtype=dtype)
                got = fastmath.linspace(start, stop, num, endpoint=endpoint, dtype=dtype)
                got = np.asarray(got)
                assert got.dtype == want.dtype, (dtype, start, stop)
                np.testing.assert_array_equal(got, want)
        for args in [
            (5,),
            (0, 2.5, 0.5),
            (250, 260, 3),
            (0.5, 3),
            (1, -1, -1),
            (0, 1, 0.3),
            (3, 40, 7),
            (-0.5, 1.5, 0.25),
            (2, 2),
        ]:
            if dtype is bool and args == (2, 2):
                # An empty bool result of stdlib input: a zero-length memoryview of format "?",
                # which CPython cannot make (a limitation of every function's results, not of
                # arange's; numpy input gives a numpy array).
                continue
            try:
                want = np.arange(*args, dtype=dtype)
            except (TypeError, OverflowError) as err:
                with pytest.raises(type(err)):
                    fastmath.arange(*args, dtype=dtype)
                continue
            got = np.asarray(fastmath.arange(*args, dtype=dtype))
            assert got.dtype == want.dtype, (dtype, args)
            np.testing.assert_array_equal(got, want, err_msg=f"{dtype} {args}")
    # numpy scalars as bounds: integers give int64, floats float64 (float32 too), as numpy's.
    for bounds in [
        (np.int32(3),),
        (np.uint8(2), np.int16(9)),
        (np.float32(0.1), 1, np.float32(0.3)),
    ]:
        want, got = np.arange(*bounds), fastmath.arange(*bounds)
        assert got.dtype == want.dtype
        if isinstance(bounds[0], np.float32):
            # numpy adds float32 scalars `start + step` in float32 before filling in float64;
            # fastmath adds them in float64: the same values to float32's precision.
            np.testing.assert_allclose(got, want, rtol=2**-23)
        else:
            np.testing.assert_array_equal(got, want)
