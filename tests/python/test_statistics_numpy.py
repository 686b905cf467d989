"""The statistics functions against numpy 2 on the host: random shapes, dtypes, strided views,
axes (ints and tuples) and keepdims, compared value for value and dtype for dtype, and numpy's
error classes and messages. Every test needs numpy (deselected inside Pyodide, where
test_statistics.py checks the same functions against pure-Python references)."""

import math
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fastmath

pytestmark = pytest.mark.needs_numpy

METHODS = [
    "linear",
    "lower",
    "higher",
    "nearest",
    "midpoint",
    # Hyndman and Fan's
    "inverted_cdf",
    "averaged_inverted_cdf",
    "closest_observation",
    "interpolated_inverted_cdf",
    "hazen",
    "weibull",
    "median_unbiased",
    "normal_unbiased",
]
DTYPES = ["float64", "float32", "int32", "int64", "uint8", "int8"]


def np():
    import numpy

    return numpy


@st.composite
def arrays(draw, dtypes=DTYPES, nan=True, min_side=0):
    """A numpy array of a random dtype and shape (up to 3-D), sometimes a strided view, and a
    random `axis` for it (None, an int or a tuple)."""
    numpy = np()
    dtype = draw(st.sampled_from(dtypes))
    shape = draw(st.lists(st.integers(min_side, 4), min_size=1, max_size=3))
    size = math.prod(shape)
    if dtype.startswith("float"):
        width = 32 if dtype == "float32" else 64
        elements = st.floats(-1e6, 1e6, width=width)
        if nan:
            elements = st.one_of(elements, st.just(math.nan))
    else:
        info = numpy.iinfo(dtype)
        elements = st.integers(max(int(info.min), -1000), min(int(info.max), 1000))
    values = draw(st.lists(elements, min_size=2 * size, max_size=2 * size))
    x = numpy.array(values, dtype=dtype)
    x = x[::2] if draw(st.booleans()) else x[:size]  # a strided view, read as it lies
    x = x.reshape(shape)
    ndim = len(shape)
    axis = draw(
        st.one_of(
            st.none(),
            st.integers(-ndim, ndim - 1),
            st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim, unique=True).map(tuple),
        )
    )
    return x, axis


def check(got, want, exact=True, atol=None):
    numpy = np()
    want = numpy.asarray(want) if not numpy.isscalar(want) else want
    if numpy.ndim(want) == 0:
        assert numpy.ndim(got) == 0
        assert type(got) is type(want[()] if isinstance(want, numpy.ndarray) else want), (
            type(got),
            type(want),
        )
    else:
        assert isinstance(got, numpy.ndarray)
        assert got.shape == want.shape and got.dtype == want.dtype, (got, want)
    if exact:
        numpy.testing.assert_array_equal(got, want)
    else:
        # float32: numpy computes in float32, where tiny squares underflow to zero.
        single = numpy.asarray(got).dtype == numpy.float32
        if atol is None:
            atol = 1e-25 if single else 0
        numpy.testing.assert_allclose(got, want, rtol=1e-6 if single else 1e-12, atol=atol)


def numpy_or_error(call, ours, messages=True):
    """numpy's result of `call`, or, when numpy raises, that ours raises the same class with
    numpy's message in it (returns None then); numpy's IndexError (an empty quantile) is
    raised without numpy's internal message. `messages=False` where numpy's message comes
    from its internals."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return call()
        except (ValueError, TypeError, IndexError, ZeroDivisionError) as numpy_error:
            if str(numpy_error).startswith("cannot reshape array of size 0"):
                # numpy's quantile over a tuple of axes beside an empty axis fails in its own
                # reshape; fastmath returns the empty result.
                return None
            # The builtin class (numpy's own subclasses, as UFuncTypeError, are not fastmath's).
            builtins = (IndexError, ZeroDivisionError, TypeError, ValueError)
            cls = next(c for c in builtins if isinstance(numpy_error, c))
            with pytest.raises(cls) as raised:
                ours()
            if messages and not isinstance(numpy_error, IndexError):
                assert str(numpy_error) in str(raised.value)
            return None


@settings(max_examples=300, deadline=None)
@given(
    arrays(dtypes=["float64", "int32", "int64", "uint8"], nan=True),
    st.one_of(st.floats(0, 1), st.lists(st.floats(0, 1), min_size=1, max_size=3)),
    st.sampled_from(METHODS),
    st.booleans(),
)
def test_quantile_against_numpy(xa, q, method, keepdims):
    x, axis = xa
    numpy = np()
    kwargs = {"axis": axis, "method": method, "keepdims": keepdims}
    want = numpy_or_error(
        lambda: numpy.quantile(x, q, **kwargs),
        lambda: fastmath.quantile(x, q, **kwargs),
        messages=False,  # an empty lane: numpy fails in its internals, fastmath says why
    )
    if want is None:
        return
    check(fastmath.quantile(x, q, **kwargs), want)
    p = [100 * v for v in q] if isinstance(q, list) else 100 * q
    check(fastmath.percentile(x, p, **kwargs), numpy.percentile(x, p, **kwargs))


@settings(max_examples=100, deadline=None)
@given(arrays(dtypes=["float32"], nan=False, min_side=1), st.sampled_from(METHODS))
def test_quantile_float32_dtypes(xa, method):
    x, axis = xa
    numpy = np()
    for q in (0.3, [0.1, 0.9], numpy.float32(0.7), numpy.array([0.5], dtype=numpy.float32)):
        want = numpy.quantile(x, q, axis=axis, method=method)
        # numpy's float32 arithmetic for a Python number q and a float32 one (whose rank it
        # computes in float32 too); float64 for a list.
        check(fastmath.quantile(x, q, axis=axis, method=method), want)


@settings(max_examples=200, deadline=None)
@given(
    arrays(dtypes=["float64", "float32", "int64"], nan=False, min_side=1),
    st.one_of(st.floats(0, 1), st.lists(st.floats(0, 1), min_size=1, max_size=3)),
    st.data(),
)
def test_weighted_inverted_cdf_against_numpy(xa, q, data):
    x, axis = xa
    numpy = np()
    weights = numpy.array(
        data.draw(st.lists(st.integers(0, 3), min_size=x.size, max_size=x.size)), dtype=float
    ).reshape(x.shape)
    kwargs = {"axis": axis, "method": "inverted_cdf", "weights": weights}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numpy warns dividing by an all-zero lane's total
        want = numpy_or_error(
            lambda: numpy.quantile(x, q, **kwargs), lambda: fastmath.quantile(x, q, **kwargs)
        )
    if want is not None:
        check(fastmath.quantile(x, q, **kwargs), want)


def test_quantile_errors_as_numpy():
    numpy = np()
    for call in (
        lambda m: m.percentile([1.0, 2.0], 101),
        lambda m: m.quantile([1.0, 2.0], -0.5),
        lambda m: m.quantile([1.0, 2.0], [[[0.5]]]),
    ):
        with pytest.raises(ValueError) as theirs:
            call(numpy)
        with pytest.raises(ValueError) as ours:
            call(fastmath)
        assert str(theirs.value) in str(ours.value)


@settings(max_examples=300, deadline=None)
@given(
    arrays(dtypes=["float64", "float32", "int32", "int64"], nan=False),
    st.integers(1, 30),
    st.booleans(),
    st.booleans(),
)
def test_histogram_against_numpy(xa, bins, use_range, density):
    x, _ = xa
    numpy = np()
    kwargs = {"bins": bins, "density": density}
    if use_range:
        kwargs["range"] = (-1000.0, 500.0)
    want = numpy_or_error(
        lambda: numpy.histogram(x, **kwargs), lambda: fastmath.histogram(x, **kwargs)
    )
    if want is None:
        return
    counts, edges = fastmath.histogram(x, **kwargs)
    check(edges, want[1])
    check(counts, want[0], exact=not density)
    if not density:
        inside = x if not use_range else x[(x >= -1000.0) & (x <= 500.0)]
        assert counts.sum() == inside.size  # histogram counts sum to n


@settings(max_examples=150, deadline=None)
@given(
    arrays(dtypes=["float64", "int64"], nan=True),
    st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=12),
    st.sampled_from([None, "float64", "int64", "float32"]),
)
def test_histogram_edges_and_weights_against_numpy(xa, edges, weight_dtype):
    x, _ = xa
    numpy = np()
    edges = sorted(edges)
    weights = None if weight_dtype is None else numpy.arange(x.size).reshape(x.shape) % 7
    if weights is not None:
        weights = weights.astype(weight_dtype)
    want = numpy.histogram(x, bins=edges, weights=weights)
    counts, got_edges = fastmath.histogram(x, bins=edges, weights=weights)
    numpy.testing.assert_array_equal(got_edges, want[1])
    numpy.testing.assert_allclose(counts, want[0], rtol=1e-6)
    if weight_dtype in (None, "int64", "float64"):
        assert counts.dtype == want[0].dtype


def test_histogram_errors_as_numpy():
    numpy = np()
    for kwargs in (
        {"bins": 0},
        {"bins": -1},
        {"bins": [3, 1]},
        {"bins": [[1, 2]]},
        {"range": (3, 1)},
        {"range": (0.0, math.inf)},
        {"bins": 1.5},
    ):
        x = numpy.array([1.0, 2.0])
        with pytest.raises((ValueError, TypeError)) as theirs:
            numpy.histogram(x, **kwargs)
        with pytest.raises(type(theirs.value)) as ours:
            fastmath.histogram(x, **kwargs)
        assert str(theirs.value) in str(ours.value)
    with pytest.raises(ValueError) as theirs:
        numpy.histogram([1.0, math.inf])
    with pytest.raises(ValueError) as ours:
        fastmath.histogram([1.0, math.inf])
    assert str(theirs.value) in str(ours.value)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(0, 40), max_size=60),
    st.integers(0, 50),
    st.sampled_from(["int64", "uint8", "int32"]),
    st.booleans(),
)
def test_bincount_against_numpy(xs, minlength, dtype, weighted):
    numpy = np()
    x = numpy.array(xs, dtype=dtype)
    weights = numpy.linspace(-1, 1, len(xs)) if weighted else None
    check(
        fastmath.bincount(x, weights=weights, minlength=minlength),
        numpy.bincount(x, weights=weights, minlength=minlength),
    )


@settings(max_examples=200, deadline=None)
@given(arrays(dtypes=["float64", "float32", "int32"], nan=False, min_side=1), st.booleans())
def test_average_against_numpy(xa, weighted):
    x, axis = xa
    numpy = np()
    weights = None
    if weighted:
        weights = (numpy.arange(x.size).reshape(x.shape) % 5 + 1).astype(x.dtype)
    want = numpy.average(x, axis=axis, weights=weights)
    got = fastmath.average(x, axis=axis, weights=weights)
    assert numpy.asarray(got).dtype == numpy.asarray(want).dtype
    if x.dtype == numpy.float32:
        # numpy accumulates float32 in float32; fastmath in float64, rounding once: the
        # reference is numpy's float64 average, rounded.
        wide = None if weights is None else weights.astype(numpy.float64)
        want = numpy.asarray(numpy.average(x.astype(numpy.float64), axis=axis, weights=wide))
        want = want.astype(numpy.float32)
        want = want[()] if want.ndim == 0 else want
    # fastmath's float64 sums are exact, numpy's are not: where the terms cancel, numpy's
    # average is off by up to ~1e-16 of the largest term (it gives 0.0 for the exact
    # 8.86e-271 / 4 of [[0, 0.99999], [8.86e-271, -0.99999]]), so the bound is absolute there.
    finite = numpy.abs(x[numpy.isfinite(x)]).astype(numpy.float64)
    atol = 1e-13 * float(finite.max()) if finite.size and x.dtype == numpy.float64 else None
    check(got, want, exact=False, atol=atol)
    if isinstance(axis, int) and x.ndim > 1:
        w1 = numpy.arange(1, x.shape[axis] + 1, dtype=numpy.float64)
        want = numpy.average(x, axis=axis, weights=w1, returned=True)
        got = fastmath.average(x, axis=axis, weights=w1, returned=True)
        check(got[0], want[0], exact=False, atol=atol)
        check(got[1], want[1], exact=False)


@settings(max_examples=200, deadline=None)
@given(arrays(dtypes=["float64", "float32", "int32", "uint8", "int8"], nan=True), st.booleans())
def test_ptp_against_numpy(xa, keepdims):
    x, axis = xa
    numpy = np()
    want = numpy_or_error(
        lambda: numpy.ptp(x, axis=axis, keepdims=keepdims),
        lambda: fastmath.ptp(x, axis=axis, keepdims=keepdims),
    )
    if want is not None:
        check(fastmath.ptp(x, axis=axis, keepdims=keepdims), want)


NAN_FUNCTIONS = ["nansum", "nanmean", "nanvar", "nanstd", "nanmin", "nanmax", "nanmedian"]


@settings(max_examples=400, deadline=None)
@given(arrays(), st.sampled_from(NAN_FUNCTIONS), st.booleans())
def test_nan_reductions_against_numpy(xa, name, keepdims):
    x, axis = xa
    numpy = np()
    ours = getattr(fastmath, name)
    theirs = getattr(numpy, name)
    want = numpy_or_error(
        lambda: theirs(x, axis=axis, keepdims=keepdims),
        lambda: ours(x, axis=axis, keepdims=keepdims),
    )
    if want is None:
        return
    got = ours(x, axis=axis, keepdims=keepdims)
    # numpy adds pairwise (float32 in float32); fastmath's sums and means are exact, rounded once.
    exact = name in ("nanmin", "nanmax", "nanmedian") or (x.dtype.kind in "iu" and name == "nansum")
    if name in ("nanmedian", "nanvar", "nanstd") and x.dtype == numpy.float32:
        # numpy's float32 variance is computed in float32 and cancels ([nan, 174531, 174530,
        # 174522]: 16.22225 in numpy, 16.222221 exactly): the float64 reference, rounded once.
        reference = getattr(numpy, name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            want = reference(x.astype(numpy.float64), axis=axis, keepdims=keepdims)
        want = numpy.asarray(want)
        want = want.astype(numpy.float32)
        want = want[()] if want.ndim == 0 else want
    atol = None
    if x.dtype == numpy.float32 and name in ("nansum", "nanmean"):
        # numpy's float32 sum may be off by its rounding bound, n * 2**-24 * sum|x| (per
        # lane), which cancellation makes large against the result (fastmath's is exact,
        # rounded once): [210676.53, 313612.0, -500004.0] sums to 24284.5 in numpy, to
        # 24284.53 here.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            size = (
                x.size if axis is None else numpy.prod([x.shape[a] for a in numpy.atleast_1d(axis)])
            )
            atol = (
                numpy.nanmax(numpy.abs(x.astype(numpy.float64)), initial=0.0) * size**2 * 2.0**-24
            )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check(got, want, exact=exact, atol=atol)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 4),
    st.integers(1, 12),
    st.booleans(),
    st.sampled_from([None, 0, 2]),
    st.data(),
)
def test_cov_and_corrcoef_against_numpy(k, n, rowvar, ddof, data):
    numpy = np()
    values = data.draw(st.lists(st.floats(-1e3, 1e3), min_size=k * n, max_size=k * n))
    m = numpy.array(values).reshape((k, n) if rowvar else (n, k))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = numpy.cov(m, rowvar=rowvar, ddof=ddof)
        got = fastmath.cov(m, rowvar=rowvar, ddof=ddof)
        assert numpy.shape(got) == numpy.shape(want)
        numpy.testing.assert_allclose(
            got, want, rtol=1e-9, atol=1e-9 * (1 + numpy.abs(m).max() ** 2)
        )
        want = numpy.array(numpy.corrcoef(m, rowvar=rowvar), ndmin=2)
        got = numpy.array(fastmath.corrcoef(m, rowvar=rowvar), ndmin=2)
        # A variable whose values are all equal correlates with nothing: fastmath's exact mean
        # makes its variance 0, so its row and column are nan, where numpy's rounded mean can
        # leave a variance of rounding noise (1.0 on the diagonal: [683.2689...] * 3). The
        # other entries are compared.
        constant = numpy.array([numpy.all(v == v[0]) for v in (m if rowvar else m.T)])
        assert numpy.isnan(got[constant]).all() and numpy.isnan(got[:, constant]).all()
        keep = numpy.ix_(~constant, ~constant)
        numpy.testing.assert_allclose(got[keep], want[keep], rtol=1e-7, atol=1e-7)


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.bincount(np().array([1.0, 2.0])),
        lambda m: m.bincount(np().array([1.0, 2.0], dtype="float32")),
        lambda m: m.average([1, 2], weights=[1, -1]),
        lambda m: m.average([[1.0, 2.0], [3.0, 4.0]], axis=1, weights=[2.0, -2.0]),
        lambda m: m.quantile(np().zeros(0), 0.5),
        lambda m: m.percentile(np().zeros((2, 0)), [50.0], axis=1),
        lambda m: m.quantile(np().zeros((0, 3), dtype="int64"), 0.5, axis=0, method="lower"),
    ],
)
def test_error_classes_are_numpys(call):
    """numpy's class for each refusal (its message where it is numpy's own wording)."""
    with pytest.raises(Exception) as theirs:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            call(np())
    cls = type(theirs.value)
    assert cls in (TypeError, ZeroDivisionError, IndexError), cls
    with pytest.raises(cls) as ours:
        call(fastmath)
    if cls is not IndexError:  # numpy's IndexError words its internal indexing
        assert str(theirs.value) in str(ours.value)


@pytest.mark.parametrize("bins", [1, 3, 7, 10, 100, 997, 4096, 100_000])
@pytest.mark.parametrize(
    "bounds",
    [None, (0.1, 0.7), (-1e-3, 3e5), (-1.0, 1.0), (1e-300, 3e-300), (0.0, 1e-310), (-8e307, 8e307)],
)
def test_histogram_bins_of_edge_values_are_numpys(bins, bounds):
    # Values on every edge and within a few ulps of it, where a bin index computed by a
    # multiplication with bins / width instead of numpy's division can be one off before the
    # edges correct it: the counts must be numpy's exactly, with weights and density too.
    numpy = np()
    lo, hi = bounds if bounds is not None else (-3.7, 11.3)
    edges = numpy.histogram_bin_edges([lo, hi], bins=bins, range=bounds)
    x = numpy.concatenate([numpy.nextafter(edges, sign * numpy.inf) for sign in (-1, 1)])
    x = numpy.concatenate([x, edges, numpy.nextafter(x, numpy.inf), numpy.nextafter(x, -numpy.inf)])
    x = numpy.concatenate([x, numpy.random.default_rng(bins).uniform(lo, hi, 5000)])
    if bounds is None:
        x = x[(x >= lo) & (x <= hi)]
    weights = numpy.arange(x.size) % 5 + 0.25
    for kwargs in ({}, {"weights": weights}, {"density": True}):
        with numpy.errstate(over="ignore"):  # density over a subnormal width overflows
            want = numpy.histogram(x, bins=bins, range=bounds, **kwargs)
        got = fastmath.histogram(x, bins=bins, range=bounds, **kwargs)
        numpy.testing.assert_array_equal(numpy.asarray(got[1]), want[1])
        if "density" in kwargs:  # numpy's total is its pairwise sum: last bits may differ
            numpy.testing.assert_allclose(numpy.asarray(got[0]), want[0], rtol=1e-13)
        else:
            numpy.testing.assert_array_equal(numpy.asarray(got[0]), want[0])
