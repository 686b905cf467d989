"""Reductions against exact/pure-Python references (runs in Pyodide too)."""

import math
import re
import statistics
import sys
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fastmath

EPS = sys.float_info.epsilon
moderate = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@settings(max_examples=100, deadline=None)
@given(st.lists(moderate, min_size=2, max_size=200), st.sampled_from([0, 1]))
def test_var_and_std_match_exact(xs, ddof):
    exact = (
        statistics.pvariance([Fraction(x) for x in xs])
        if ddof == 0
        else statistics.variance([Fraction(x) for x in xs])
    )
    assert fastmath.var(xs, ddof=ddof) == pytest.approx(float(exact), rel=1e-12, abs=1e-300)
    # var is held to 1e-300 absolute, where the squares are subnormal and lose bits (numpy's
    # too: [0.0, 3.37e-158] has var 5.7e-316); std = sqrt(var) to that error over 2 std.
    root = math.sqrt(exact)
    spread = 1e-300 / (2 * root) if root else 1e-150
    assert fastmath.std(xs, ddof=ddof) == pytest.approx(root, rel=1e-12, abs=spread)


def test_var_large_mean_small_spread():
    xs = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]
    assert fastmath.var(xs) == 22.5


def test_var_ddof_edge():
    assert math.isnan(fastmath.var([]))
    assert not math.isfinite(fastmath.var([1.0], ddof=1))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(allow_nan=True), min_size=1, max_size=100))
def test_min_max_argmin_argmax(xs):
    if any(math.isnan(x) for x in xs):
        first_nan = next(i for i, x in enumerate(xs) if math.isnan(x))
        assert math.isnan(fastmath.min(xs)) and math.isnan(fastmath.max(xs))
        assert fastmath.argmin(xs) == first_nan and fastmath.argmax(xs) == first_nan
    else:
        assert fastmath.min(xs) == min(xs) and fastmath.max(xs) == max(xs)
        assert fastmath.argmin(xs) == xs.index(min(xs))
        assert fastmath.argmax(xs) == xs.index(max(xs))


@pytest.mark.parametrize("name", ["min", "max", "argmin", "argmax"])
def test_empty_raises(name):
    with pytest.raises(ValueError, match=name):
        getattr(fastmath, name)([])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-1000, 1000), max_size=100))
def test_cumsum_prod_exact_on_integers(ks):
    xs = [float(k) for k in ks]
    running, out = 0, []
    for k in ks:
        running += k
        out.append(float(running))
    assert fastmath.cumsum(xs).tolist() == out
    small = [float(k % 3 - 1) for k in ks]
    assert fastmath.prod(small) == float(math.prod(int(v) for v in small))
    running, out = 1, []
    for v in small:
        running *= int(v)
        out.append(float(running))
    assert fastmath.cumprod(small).tolist() == out


def test_norm():
    assert fastmath.norm([3, 4]) == 5.0
    assert fastmath.norm([3, -4], ord=1) == 7.0
    assert fastmath.norm([3, -4], ord=math.inf) == 4.0
    assert fastmath.norm([1e200, 1e200]) == pytest.approx(math.sqrt(2) * 1e200, rel=1e-15)
    assert fastmath.norm([1e-200, 1e-200]) == pytest.approx(math.sqrt(2) * 1e-200, rel=1e-15)
    assert fastmath.norm([3, -4, 0], ord=0) == 2.0
    assert fastmath.norm([3, -4], ord=-math.inf) == 3.0
    assert fastmath.norm([3, -4], ord=3) == pytest.approx(91 ** (1 / 3), rel=1e-15)
    # Matrices: Frobenius by default, numpy's matrix ords, and any axis (or pair of axes).
    m = [[1, -2], [3, 4]]
    assert fastmath.norm(m) == pytest.approx(math.sqrt(30), rel=1e-15)
    assert (fastmath.norm(m, ord=1), fastmath.norm(m, ord=math.inf)) == (6.0, 7.0)
    assert fastmath.norm(m, axis=1).tolist() == pytest.approx([math.sqrt(5), 5.0], rel=1e-15)
    assert fastmath.norm(m, ord=1, axis=(1, 0)) == 7.0  # the transpose's 1-norm
    with pytest.raises(ValueError, match=r"ord: Invalid norm order for matrices\."):
        fastmath.norm(m, ord=3)
    with pytest.raises(ValueError, match=r"Improper number of dimensions to norm\."):
        fastmath.norm([[[1.0]]], ord=1)


ROWS = [[1.0, 2.0, 3.0], [4.0, 5.0, 7.0]]


@pytest.mark.parametrize(
    ("name", "axis0", "axis1"),
    [
        ("sum", [5, 7, 10], [6, 16]),
        ("mean", [2.5, 3.5, 5], [2, 16 / 3]),
        ("min", [1, 2, 3], [1, 4]),
        ("max", [4, 5, 7], [3, 7]),
        ("var", [2.25, 2.25, 4], [2 / 3, 14 / 9]),
    ],
)
def test_axis_reductions(name, axis0, axis1):
    function = getattr(fastmath, name)
    assert function(ROWS, axis=0).tolist() == pytest.approx(axis0, rel=1e-15)
    assert function(ROWS, axis=1).tolist() == pytest.approx(axis1, rel=1e-15)
    assert function(ROWS, axis=-1).tolist() == pytest.approx(axis1, rel=1e-15)
    flat = [v for row in ROWS for v in row]
    assert function(ROWS) == pytest.approx(function(flat), rel=1e-15)


def test_axis_errors():
    with pytest.raises(ValueError, match="axis 2"):
        fastmath.sum(ROWS, axis=2)
    with pytest.raises(ValueError, match="axis 1 is out of bounds for array of dimension 1"):
        fastmath.sum([1.0], axis=1)


@pytest.mark.parametrize("name", ["sum", "mean", "median"])
@pytest.mark.parametrize(
    ("axis", "shown"),
    [
        (10**30, "1e30"),
        (-(10**30), "-1e30"),
        (2**63, "9.223372036854776e18"),
        (10**400, "beyond 1e308"),
    ],
)
@pytest.mark.parametrize(("x", "ndim"), [(ROWS, 2), ([1.0, 2.0], 1), (3.0, 0)])
def test_axis_beyond_64_bits_is_out_of_bounds_with_the_dimension(name, axis, shown, x, ndim):
    # Not "integer out of range": the message gives the valid range, as for any other axis.
    message = f"axis: axis {shown} is out of bounds for array of dimension {ndim}"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        getattr(fastmath, name)(x, axis=axis)


def test_std_axis():
    out = fastmath.std(ROWS, axis=0, ddof=1).tolist()
    assert out == pytest.approx([math.sqrt(4.5), math.sqrt(4.5), math.sqrt(8)], rel=1e-15)


# --- sum and mean: correctly rounded (the exact sum rounded once), checked against math.fsum
# and against exact rational arithmetic.

any_finite = st.floats(allow_nan=False, allow_infinity=False)


def rounded(exact):
    """The float nearest to a Fraction, with overflow to a signed inf (numpy's)."""
    try:
        return float(exact)
    except OverflowError:
        return math.inf if exact > 0 else -math.inf


def exact_sum(xs):
    return sum((Fraction(x) for x in xs), Fraction(0))


def with_cancellation(xs, data):
    """xs with some elements' negations mixed in: the small elements decide the sum."""
    out = list(xs)
    for x in xs:
        if data.draw(st.booleans()):
            out.append(-x)
    return data.draw(st.permutations(out))


@settings(max_examples=200, deadline=None)
@given(st.lists(any_finite, max_size=60), st.data())
def test_sum_is_fsum(xs, data):
    xs = with_cancellation(xs, data)
    expected = rounded(exact_sum(xs))
    got = fastmath.sum(xs)
    assert math.copysign(1, got) == math.copysign(1, expected) and got == expected
    try:
        assert got == math.fsum(xs)
    except OverflowError:
        pass  # fsum gives up on an overflowing partial sum; `expected` decided above
    assert fastmath.sum(xs[::-1]) == got


@settings(max_examples=200, deadline=None)
@given(st.lists(any_finite, min_size=1, max_size=60), st.data())
def test_mean_is_correctly_rounded(xs, data):
    xs = with_cancellation(xs, data)
    expected = rounded(exact_sum(xs) / len(xs))
    got = fastmath.mean(xs)
    assert got == expected and math.copysign(1, got) == math.copysign(1, expected)


def test_sum_issue_example_and_specials():
    xs = [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]
    assert fastmath.sum(xs) == math.fsum(xs) == 1e-100
    assert fastmath.mean(xs) == 1e-100 / 7
    # An exact zero is +0.0, as fsum's.
    assert math.copysign(1, fastmath.sum([-0.0, -0.0])) == 1.0
    assert math.isnan(fastmath.sum([1.0, math.nan]))
    assert math.isnan(fastmath.sum([math.inf, -math.inf]))  # fsum: ValueError
    assert fastmath.sum([math.inf, 1.0]) == math.inf
    assert fastmath.sum([-math.inf, 1e308, 1e308]) == -math.inf
    big = sys.float_info.max
    assert fastmath.sum([big, big]) == math.inf  # fsum: OverflowError
    assert fastmath.sum([big, big, -big]) == big  # fsum: OverflowError
    assert fastmath.mean([big, big]) == big
    # (0.1 + 0.2 + 0.3) / 3 rounds twice; the exact mean rounds to 0.2.
    assert fastmath.mean([0.1, 0.2, 0.3]) == 0.2


@pytest.mark.parametrize("seed", range(3))
def test_long_sums_are_fsum_whatever_the_chunks(seed):
    # Long enough for the universal backend's chunked streaming and for many blocks of the
    # kernel; values over many decades, with exact cancellation.
    import random

    rng = random.Random(seed)
    xs = [rng.uniform(-1, 1) * 10.0 ** rng.randint(-30, 30) for _ in range(20_000)]
    xs += [-x for x in xs[: len(xs) // 2]]
    xs += [rng.uniform(-1, 1) for _ in range(30_000)]
    rng.shuffle(xs)
    expected = math.fsum(xs)
    assert fastmath.sum(xs) == expected
    assert fastmath.sum(sorted(xs)) == expected
    assert fastmath.mean(xs) == rounded(exact_sum(xs) / len(xs))
    rows = [xs[i : i + 500] for i in range(0, 50_000, 500)]
    assert fastmath.sum(rows, axis=1).tolist() == [math.fsum(r) for r in rows]


def test_sum_adversarial_sets():
    tiny = 5e-324
    half_ulp = 2.0**-53
    big = sys.float_info.max
    cases = [
        [1.0, half_ulp],  # a tie: to even
        [1.0, half_ulp, tiny],  # just above the tie
        [1.0, half_ulp, -tiny],
        [0.1, 0.1, 0.1],  # the exact sum is a tie too
        [1e308, 1e-308, -1e308],
        [1e200, 1e-200, 1e100, -1e200, -1e100],
        [tiny] * 5,
        [3 * tiny, -tiny, sys.float_info.min],
        [big, big, -big, -big, 1.5],
        [2.0**1000, tiny, -(2.0**1000)],
    ]
    for xs in cases:
        # The same values spread among cancelling filler, in several orders.
        filler = [0.25, -0.25] * 20
        spread = [v for x in xs for v in (x, *filler)]
        for ys in (xs, spread, spread[::-1], sorted(spread)):
            expected = rounded(exact_sum(ys))
            assert fastmath.sum(ys) == expected, ys
            assert fastmath.mean(ys) == rounded(exact_sum(ys) / len(ys)), ys
            try:
                assert fastmath.sum(ys) == math.fsum(ys)
            except OverflowError:
                pass  # fsum gives up on an overflowing partial sum; `expected` decided above


def test_sum_specials_anywhere():
    inf, nan = math.inf, math.nan
    cases = [
        ([1.0, inf], inf),
        ([-inf, 1e308, 1e308], -inf),  # fsum: OverflowError
        ([inf, inf, 1.0], inf),
        ([inf, -inf], nan),  # fsum: ValueError
        ([nan, 1.0], nan),
        ([nan, inf], nan),
    ]
    for xs, expected in cases:
        for at in range(0, 40, 7):
            ys = [0.5] * 40
            for k, x in enumerate(xs):
                ys.insert((at + 5 * k) % len(ys), x)
            for f in (fastmath.sum, fastmath.mean):
                got = f(ys)
                assert got == expected or (math.isnan(got) and math.isnan(expected)), (f, ys)


@pytest.mark.parametrize("n", [1000, 70_000, 200_000])
def test_sum_of_contiguous_float64_is_fsum(n):
    # array('d') of 65536 or more elements streams through the universal backend's fold;
    # shorter ones, and every size in the native backend, take the one-shot kernel.
    import random
    from array import array

    rng = random.Random(n)
    xs = array("d", (rng.gauss(0, 1) * 10.0 ** rng.randint(-5, 5) for _ in range(n)))
    assert fastmath.sum(xs) == math.fsum(xs)
    if n < 100_000:  # the Fraction reference is slow
        assert fastmath.mean(xs) == rounded(exact_sum(xs) / n)
    ys = array("d", xs)
    ys.extend([1e300, -1e300, 1e-300])  # cancellation: the exact path
    assert fastmath.sum(ys) == math.fsum(ys)
    assert fastmath.sum(ys[::-1]) == math.fsum(ys)
