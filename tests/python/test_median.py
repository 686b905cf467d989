"""median against a pure-Python reference (runs in Pyodide too) and, on the host, numpy.

The reference is statistics.median, whose midpoint of an even count is ``(a + b) / 2`` like
numpy's, so results are compared exactly; lanes along an axis are gathered from nested lists
recursively, independently of how fastmath indexes its flat data.
"""

import array
import itertools
import math
import re
import statistics
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fastmath

moderate = st.floats(min_value=-1e6, max_value=1e6)


def reference(values):
    """numpy's median of a list: nan when empty or when any value is nan."""
    if not values or any(math.isnan(v) for v in values):
        return math.nan
    return statistics.median(values)


def nest(values, shape):
    """The flat C-order `values` as nested lists of `shape`."""
    if len(shape) == 1:
        return list(values)
    step = len(values) // shape[0]
    return [nest(values[i * step : (i + 1) * step], shape[1:]) for i in range(shape[0])]


def combine(items):
    """The medians across `items`, nested lists of one shape (non-empty), position by position."""
    if not isinstance(items[0], list):
        return reference(items)
    return [combine([item[k] for item in items]) for k in range(len(items[0]))]


def along(nested, axis):
    """The reference median of nested lists along `axis` (non-negative, sides non-empty)."""
    if axis == 0:
        return combine(nested)
    return [along(sub, axis - 1) for sub in nested]


def same(got, want):
    """Equal nested lists of floats, nan equal to nan."""
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(map(same, got, want))
    return (math.isnan(got) and math.isnan(want)) or got == want


@settings(max_examples=200, deadline=None)
@given(st.lists(moderate, max_size=60))
def test_matches_statistics_median(xs):
    got = fastmath.median(xs)
    assert type(got) is float
    assert same(got, reference(xs))


@settings(max_examples=100, deadline=None)
@given(st.lists(moderate, min_size=1, max_size=30), st.data())
def test_nan_anywhere_gives_nan(xs, data):
    xs[data.draw(st.integers(0, len(xs) - 1))] = math.nan
    assert math.isnan(fastmath.median(xs))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=1, max_size=3), st.data())
def test_along_an_axis_of_nested_lists(shape, data):
    size = math.prod(shape)
    values = data.draw(st.lists(moderate, min_size=size, max_size=size))
    ndim = len(shape)
    axis = data.draw(st.integers(-ndim, ndim - 1))
    x = nest(values, shape)
    got = fastmath.median(x, axis=axis)
    want = along(x, axis % ndim)
    if ndim == 1:
        assert type(got) is float and same(got, want)
    else:
        assert same(got.tolist(), want)
    assert same(fastmath.median(x), reference(values))


def test_worked_values():
    assert fastmath.median([3, 1, 4, 1, 5]) == 3.0
    assert fastmath.median([1, 2, 3, 10]) == 2.5
    assert fastmath.median([[1, 2, 3], [4, 5, 7]], axis=1).tolist() == [2.0, 5.0]
    assert fastmath.median([[1, 2, 3], [4, 5, 7]], axis=0).tolist() == [2.5, 3.5, 5.0]
    # Finite values have a finite median, even where a + b overflows.
    assert fastmath.median([1e308, 1.5e308]) == pytest.approx(1.25e308, rel=1e-15)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(1, 3), min_size=1, max_size=3), st.data())
def test_several_axes_and_keepdims(shape, data):
    # numpy's median takes a tuple of axes and keepdims (numpy's own tests, run by
    # tests/numpy_suite, call both): reducing axes one after the other is not the median of
    # their union, so the reference reduces the union's lanes directly.
    size = math.prod(shape)
    values = data.draw(st.lists(moderate, min_size=size, max_size=size))
    ndim = len(shape)
    axes = data.draw(st.lists(st.integers(0, ndim - 1), unique=True, min_size=1))
    x = nest(values, shape)
    kept = [d for d in range(ndim) if d not in axes]
    strides = [math.prod(shape[d + 1 :]) for d in range(ndim)]

    def lane_of(index):
        base = sum(i * strides[d] for i, d in zip(index, kept, strict=True))
        lane = []
        for offset in itertools.product(*(range(shape[d]) for d in axes)):
            lane.append(
                values[base + sum(i * strides[d] for i, d in zip(offset, axes, strict=True))]
            )
        return reference(lane)

    indices = list(itertools.product(*(range(shape[d]) for d in kept)))
    want = [lane_of(index) for index in indices]
    got = fastmath.median(x, axis=tuple(axes))
    if kept:
        assert same(got.tolist(), nest(want, [shape[d] for d in kept]))
    else:
        assert type(got) is float and same(got, want[0])
    got = fastmath.median(x, axis=tuple(axes), keepdims=True)
    kept_shape = [1 if d in axes else shape[d] for d in range(ndim)]
    # A 1-D result of list input is an array.array (no .shape), an N-D one a memoryview.
    assert list(getattr(got, "shape", [len(got)])) == kept_shape
    assert same(got.tolist(), nest(want, kept_shape))


def test_keepdims_without_axis_and_repeated_axes():
    x = [[1.0, 2.0, 3.0], [4.0, 5.0, 7.0]]
    assert fastmath.median(x, keepdims=True).tolist() == [[3.5]]
    assert fastmath.median(x, axis=-1, keepdims=True).tolist() == [[2.0], [5.0]]
    assert fastmath.median(x, axis=(0, -1)) == 3.5
    with pytest.raises(ValueError, match="duplicate value in 'axis'"):
        fastmath.median(x, axis=(1, -1))
    with pytest.raises(fastmath.AxisError):
        fastmath.median(x, axis=(0, 2))


def test_numbers_and_buffers():
    assert fastmath.median(3.5) == 3.5
    assert type(fastmath.median(7)) is float
    assert fastmath.median(array.array("i", [5, 1, 3])) == 3.0
    assert fastmath.median(memoryview(array.array("d", range(10)))[::3]) == 4.5


def test_the_input_is_not_reordered():
    # Contiguous float64 input is read in place; the selection must work on a copy.
    data = array.array("d", [5.0, 4.0, 3.0, 2.0, 1.0])
    assert fastmath.median(data) == 3.0
    assert data.tolist() == [5.0, 4.0, 3.0, 2.0, 1.0]
    rows = memoryview(array.array("d", [3.0, 2.0, 1.0, 6.0, 5.0, 4.0])).cast("B").cast("d", (2, 3))
    assert fastmath.median(rows, axis=1).tolist() == [2.0, 5.0]
    assert rows.tolist() == [[3.0, 2.0, 1.0], [6.0, 5.0, 4.0]]


def test_empty_input_and_lanes_give_nan():
    assert math.isnan(fastmath.median([]))
    assert math.isnan(fastmath.median([[]]))
    lanes = fastmath.median([[], []], axis=1).tolist()
    assert len(lanes) == 2 and all(math.isnan(v) for v in lanes)
    assert fastmath.median([[], []], axis=0).tolist() == []


@pytest.mark.parametrize(
    ("x", "axis", "ndim"),
    [([1.0], 1, 1), ([[1.0]], -3, 2), ([[[1.0]]], 3, 3), (2.0, 0, 0)],
)
def test_axis_out_of_range(x, axis, ndim):
    message = f"axis: axis {axis} is out of bounds for array of dimension {ndim}"
    with pytest.raises(ValueError, match=re.escape(message)):
        fastmath.median(x, axis=axis)


def test_bad_arguments_name_themselves():
    with pytest.raises(TypeError, match=r"^axis: expected an integer"):
        fastmath.median([1.0, 2.0], axis=1.0)
    with pytest.raises(TypeError, match=r"^x: "):
        fastmath.median("12")
    with pytest.raises(TypeError):
        fastmath.median(x=[1.0])


special = st.sampled_from([math.nan, math.inf, -math.inf, -0.0])


@pytest.mark.needs_numpy
@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 4), min_size=1, max_size=3),
    st.sampled_from(["float64", "float32", "int32"]),
    st.data(),
)
def test_against_numpy(shape, dtype, data):
    import numpy as np

    size = math.prod(shape)
    elements = {
        "float64": st.one_of(moderate, special),
        "float32": st.floats(min_value=-(2.0**100), max_value=2.0**100, width=32),
        "int32": st.integers(-(2**31), 2**31 - 1),
    }[dtype]
    values = data.draw(st.lists(elements, min_size=size, max_size=size))
    x = np.array(values, dtype=dtype).reshape(shape)
    axis = data.draw(st.one_of(st.none(), st.integers(-len(shape) - 1, len(shape))))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numpy warns about empty and nan lanes
        try:
            want = np.median(x.astype(np.float64), axis=axis)
        except ValueError as numpy_error:
            with pytest.raises(ValueError) as ours:
                fastmath.median(x, axis=axis)
            assert str(numpy_error) in str(ours.value)
            return
    got = fastmath.median(x, axis=axis)
    # numpy's dtype: float32 for float32 input, float64 otherwise. fastmath's float32 median
    # is the float64 one rounded once, which is what the reference here is.
    result = np.float32 if dtype == "float32" else np.float64
    want = np.asarray(want).astype(result)
    if np.ndim(want) == 0:
        assert type(got) is result  # numpy's scalar, as numpy's median gives
    else:
        assert isinstance(got, np.ndarray) and got.shape == want.shape and got.dtype == result
    np.testing.assert_array_equal(got, want)
