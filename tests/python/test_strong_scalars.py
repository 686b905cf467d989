"""numpy scalars are strong in type promotion, Python numbers weak (numpy 2, NEP 50): a
``numpy.float64`` (which subclasses Python's float) or any other numpy scalar promotes as the
0-D array of its dtype, in every function where a number argument takes part in the result's
dtype (issue 11). numpy is the oracle for the numpy tests (host only, ``needs_numpy``); the
stdlib test (a 0-D memoryview is a strong scalar too) runs inside Pyodide on both backends.

fastmath's deliberate difference is mapped, not hidden: where numpy gives float16 fastmath gives
float32.
"""

import array
import math
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fastmath

DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]
DTYPES += ["float32", "float64"]
BINARY = ["add", "subtract", "multiply", "divide"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def np():
    return pytest.importorskip("numpy")


def fastmath_dtype(np, dtype):
    """numpy's result dtype as fastmath gives it (float16 computes as float32)."""
    return np.dtype("float32") if np.dtype(dtype) == np.float16 else np.dtype(dtype)


def same_result(np, got, want):
    """``got`` is numpy's ``want``: the same kind (numpy scalar or array), dtype and values
    (exact: these are single IEEE operations in the same dtype)."""
    if isinstance(want, np.ndarray):
        assert isinstance(got, np.ndarray), (type(got), want.dtype)
    else:
        assert isinstance(got, np.generic), (type(got), type(want))
    assert got.dtype == fastmath_dtype(np, want.dtype), (got.dtype, want.dtype)
    np.testing.assert_array_equal(got, np.asarray(want).astype(got.dtype))


@st.composite
def scalars(draw, dtype=None):
    """A numpy scalar of a random real dtype and a small value it holds."""
    import numpy

    dtype = numpy.dtype(dtype or draw(st.sampled_from(DTYPES)))
    if dtype.kind == "b":
        return numpy.bool_(draw(st.booleans()))
    if dtype.kind in "iu":
        low = 0 if dtype.kind == "u" else -100
        return dtype.type(draw(st.integers(low, 100)))
    return dtype.type(draw(st.floats(-100, 100, width=32)))


@pytest.mark.needs_numpy
@SETTINGS
@given(
    name=st.sampled_from(BINARY),
    x_dtype=st.sampled_from(DTYPES),
    s=scalars(),
    scalar_first=st.booleans(),
)
def test_a_numpy_scalar_promotes_with_an_array_as_numpy(np, name, x_dtype, s, scalar_first):
    x = np.arange(1, 6).astype(x_dtype)
    args = (s, x) if scalar_first else (x, s)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            want = getattr(np, name)(*args)
        except TypeError:  # numpy's boolean subtract
            with pytest.raises(TypeError):
                getattr(fastmath, name)(*args)
            return
        got = getattr(fastmath, name)(*args)
    same_result(np, got, want)


@pytest.mark.needs_numpy
@SETTINGS
@given(
    name=st.sampled_from(BINARY),
    a=scalars(),
    b=st.one_of(scalars(), st.integers(-5, 5), st.floats(-5, 5), st.booleans()),
)
def test_scalar_only_calls_give_numpy_scalars_of_numpy_dtype(np, name, a, b):
    # A numpy scalar with a numpy scalar or a Python number: numpy's scalar type, as numpy's.
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            want = getattr(np, name)(a, b)
        except (TypeError, OverflowError) as err:
            with pytest.raises(type(err)):
                getattr(fastmath, name)(a, b)
            return
        got = getattr(fastmath, name)(a, b)
    same_result(np, got, want)


@pytest.mark.needs_numpy
def test_the_issue_examples(np):
    x = np.array([1.0, 2.0, 3.0], dtype=np.float32)
    assert fastmath.add(x, np.float64(1.0)).dtype == np.float64
    assert fastmath.add(x, 1.0).dtype == np.float32  # a Python float stays weak
    assert fastmath.clip(x, np.float64(0.0), 2.0).dtype == np.float64
    assert type(fastmath.add(np.float64(1), 2.0)) is np.float64
    assert type(fastmath.sqrt(np.float32(4))) is np.float32
    assert type(fastmath.sqrt(np.float64(4))) is np.float64
    assert type(fastmath.add(np.float32(1), np.float64(2))) is np.float64


QUANTILE_DATA = ["float32", "float64", "int8", "uint8", "int16", "int64"]
LERP_METHODS = ["linear", "midpoint", "hazen", "weibull", "median_unbiased"]


@pytest.mark.needs_numpy
@SETTINGS
@given(
    x_dtype=st.sampled_from(QUANTILE_DATA),
    q_kind=st.sampled_from(["float32", "float64", "python"]),
    q=st.floats(0, 1, width=32),
    method=st.sampled_from(LERP_METHODS),
    percent=st.booleans(),
    values=st.lists(st.integers(-60, 60), min_size=1, max_size=12),
)
def test_quantile_q_promotes_as_numpy(np, x_dtype, q_kind, q, method, percent, values):
    x = np.array(values).astype(x_dtype)
    q = 100 * q if percent else q
    q = float(q) if q_kind == "python" else np.dtype(q_kind).type(q)
    if not 0 <= q <= (100 if percent else 1):
        return  # a float32 q rounded beyond the bound
    f = "percentile" if percent else "quantile"
    want = getattr(np, f)(x, q, method=method)
    got = getattr(fastmath, f)(x, q, method=method)
    assert type(got) is type(want), (x_dtype, q_kind, type(got), type(want))
    np.testing.assert_allclose(got, want, rtol=1e-6 if want.dtype == np.float32 else 1e-13)


@pytest.mark.needs_numpy
@pytest.mark.parametrize("y_dtype", DTYPES)
@pytest.mark.parametrize("dx_dtype", [*DTYPES, "python"])
def test_trapezoid_dx_promotes_as_numpy(np, y_dtype, dx_dtype):
    y = np.array([1, 0, 1, 1]).astype(y_dtype)
    dx = 0.5 if dx_dtype == "python" else np.dtype(dx_dtype).type(1)
    want, got = np.trapezoid(y, dx=dx), fastmath.trapezoid(y, dx=dx)
    assert got.dtype == fastmath_dtype(np, want.dtype), (y_dtype, dx_dtype, got.dtype, want.dtype)
    np.testing.assert_allclose(got, want)


@pytest.mark.needs_numpy
@pytest.mark.parametrize("dtype", DTYPES)
def test_statistics_of_a_numpy_scalar_keep_its_dtype(np, dtype):
    s = np.dtype(dtype).type(3)
    for name in ["median", "nanmedian", "mean"]:
        want, got = getattr(np, name)(s), getattr(fastmath, name)(s)
        assert type(got) is type(want) or got.dtype == fastmath_dtype(np, want.dtype), name
        assert got == want
    if dtype != "bool":  # numpy refuses bool data in percentile
        want, got = np.percentile(s, 50), fastmath.percentile(s, 50)
        assert got.dtype == fastmath_dtype(np, want.dtype) and got == want
    if dtype in ("float32", "float64", "int64"):
        # scipy.special's logsumexp and softmax of a number: the number, and 1.
        assert fastmath.logsumexp(s).dtype == np.dtype("float64" if dtype == "int64" else dtype)
        assert fastmath.softmax(s).dtype == np.dtype("float64" if dtype == "int64" else dtype)
        assert fastmath.logsumexp(s) == 3 and fastmath.softmax(s) == 1


@pytest.mark.needs_numpy
@SETTINGS
@given(
    start=st.one_of(scalars("float32"), scalars("float64"), scalars("int8"), st.floats(-9, 9)),
    stop=st.one_of(scalars("float32"), scalars("int64"), st.integers(-9, 9), st.floats(-9, 9)),
    num=st.integers(0, 40),
    endpoint=st.booleans(),
    dtype=st.sampled_from([None, "float64", "float32", "int32"]),
)
def test_linspace_bounds_promote_as_numpy(np, start, stop, num, endpoint, dtype):
    # float32 numpy bounds compute in float32, bit for bit numpy's; any other in float64.
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        options = {"endpoint": endpoint, "retstep": True, "dtype": dtype}
        want, wstep = np.linspace(start, stop, num, **options)
        got, step = fastmath.linspace(start, stop, num, **options)
    got = np.asarray(got)  # an array.array when no bound is numpy's
    assert got.dtype == want.dtype, (type(start), type(stop), got.dtype, want.dtype)
    np.testing.assert_array_equal(got, want)
    assert np.asarray(step).dtype == np.asarray(wstep).dtype
    assert step == wstep or (math.isnan(step) and math.isnan(wstep))


@pytest.mark.needs_numpy
def test_arange_of_a_uint64_bound_is_float64(np):
    for args in [(np.uint64(3),), (0, 10, np.uint64(3)), (np.uint64(2), np.int8(7))]:
        want, got = np.arange(*args), fastmath.arange(*args)
        assert got.dtype == want.dtype == np.float64
        np.testing.assert_array_equal(got, want)


def test_a_zero_dimensional_buffer_is_a_strong_scalar():
    # Without numpy: a 0-D float64 memoryview is strong (float64 results with float32 data),
    # a Python float weak (float32 results), on both backends.
    x = array.array("f", [1.5, 2.5])
    scalar = memoryview(array.array("d", [0.25])).cast("B").cast("d", shape=[])
    strong = fastmath.add(x, scalar)
    weak = fastmath.add(x, 0.25)
    assert memoryview(strong).format == "d" and strong.tolist() == [1.75, 2.75]
    assert memoryview(weak).format == "f" and weak.tolist() == [1.75, 2.75]
