"""square, sum, mean, dot: values, input kinds, result types and errors.

Runs on the host and, unchanged, inside Pyodide (tests/pyodide). Reference values come from
pure Python (math.fsum, fractions) so the same checks work where numpy is missing; the numpy
comparisons live in test_numpy_interop.py.
"""

import array
import math
import sys
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fastmath

finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
moderate = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


def exact_sum(xs):
    return float(sum(Fraction(x) for x in xs))


# --- sum ---------------------------------------------------------------------------------------


def test_sum_is_compensated():
    assert fastmath.sum([1e16, 1.0, -1e16]) == 1.0
    assert fastmath.sum([0.1] * 10) == 1.0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=-1e300, max_value=1e300), max_size=300))
def test_sum_within_neumaier_bound(xs):
    # Neumaier's bound: |got - exact| <= eps*|exact| + O(n * eps^2) * sum(|x|).
    exact = sum(Fraction(x) for x in xs)
    magnitude = sum(abs(Fraction(x)) for x in xs)
    eps = Fraction(sys.float_info.epsilon)
    bound = eps * abs(exact) + 4 * (len(xs) + 1) * eps * eps * magnitude
    assert abs(Fraction(fastmath.sum(xs)) - exact) <= bound


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-(2**40), 2**40), max_size=300), st.integers(0, 60))
def test_sum_exact_on_binary_grid(ks, shift):
    xs = [k * 2.0**-shift for k in ks]
    assert fastmath.sum(xs) == exact_sum(xs)


def test_sum_non_finite():
    assert fastmath.sum([1.0, math.inf]) == math.inf
    assert math.isnan(fastmath.sum([math.inf, -math.inf]))
    assert math.isnan(fastmath.sum([1.0, math.nan, 2.0]))
    assert fastmath.sum([sys.float_info.max] * 2) == math.inf


def test_sum_empty_and_scalar():
    assert fastmath.sum([]) == 0.0
    assert fastmath.sum(()) == 0.0
    assert fastmath.sum(2.5) == 2.5
    assert fastmath.sum(3) == 3.0
    # A list of ints is int64, as numpy reads it: its sum is an int.
    assert type(fastmath.sum([1, 2])) is int
    assert type(fastmath.sum([1, 2.0])) is float


# --- mean --------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(moderate, min_size=1, max_size=300))
def test_mean_matches_exact(xs):
    expected = float(sum(Fraction(x) for x in xs) / len(xs))
    assert fastmath.mean(xs) == pytest.approx(expected, rel=4e-16, abs=1e-300)


def test_mean_edge_cases():
    assert math.isnan(fastmath.mean([]))
    assert fastmath.mean([1, 2, 3, 4]) == 2.5
    assert fastmath.mean(7.0) == 7.0


# --- square ------------------------------------------------------------------------------------


def test_square_scalar():
    assert fastmath.square(3.0) == 9.0
    # A Python int squares to an int, as numpy's square of an int64 (NEP 50).
    assert fastmath.square(-2) == 4
    assert type(fastmath.square(2)) is int
    assert type(fastmath.square(2.0)) is float
    assert math.isnan(fastmath.square(math.nan))
    assert fastmath.square(1e200) == math.inf


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(width=64), max_size=200))
def test_square_elementwise(xs):
    out = fastmath.square(xs)
    assert isinstance(out, array.array) and out.typecode == "d"
    assert len(out) == len(xs)
    for x, y in zip(xs, out, strict=True):
        assert (math.isnan(x) and math.isnan(y)) or y == x * x


def test_square_result_supports_buffer_and_tolist():
    out = fastmath.square(array.array("d", [1.0, 2.0]))
    assert out.tolist() == [1.0, 4.0]
    view = memoryview(out)
    assert view.format == "d" and view.shape == (2,)


# --- dot ---------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(-(2**20), 2**20), st.integers(-(2**20), 2**20)), max_size=300)
)
def test_dot_exact_on_integers(pairs):
    xs = [float(a) for a, _ in pairs]
    ys = [float(b) for _, b in pairs]
    assert fastmath.dot(xs, ys) == float(sum(a * b for a, b in pairs))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(moderate, moderate), max_size=300))
def test_dot_within_stated_bound(pairs):
    xs = [a for a, _ in pairs]
    ys = [b for _, b in pairs]
    exact = sum(Fraction(a) * Fraction(b) for a, b in pairs)
    magnitude = sum(abs(a * b) for a, b in pairs)
    bound = len(pairs) * sys.float_info.epsilon * magnitude
    assert abs(Fraction(fastmath.dot(xs, ys)) - exact) <= Fraction(bound) + Fraction(1e-300)


def test_dot_scalar_forms():
    assert fastmath.dot(2.0, 3.0) == 6.0
    assert fastmath.dot(2, [1, 2]).tolist() == [2.0, 4.0]
    assert fastmath.dot([1, 2], 0.5).tolist() == [0.5, 1.0]


def test_dot_length_mismatch_names_both_arguments():
    with pytest.raises(ValueError, match="x has length 2 but y has length 3"):
        fastmath.dot([1, 2], [1, 2, 3])
