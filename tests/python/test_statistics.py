"""quantile, percentile, histogram, bincount, average, ptp, the nan* reductions, cov and
corrcoef against pure-Python references. Stdlib only: this file runs inside Pyodide too, on both
backends (the numpy comparisons are in test_statistics_numpy.py).

The references are written from numpy's documented rules, independently of fastmath's code:
quantiles from a sorted copy and numpy's interpolation formula, histograms by bisecting numpy's
``linspace`` edges, sums exactly with fractions.
"""

import array
import bisect
import itertools
import math
import statistics
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import fastmath

moderate = st.floats(min_value=-1e6, max_value=1e6)
METHODS = ["linear", "lower", "higher", "nearest", "midpoint"]


def tolist(v):
    return v.tolist() if hasattr(v, "tolist") else v


def same(got, want):
    """Equal nested lists of floats, nan equal to nan."""
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(map(same, got, want))
    return (math.isnan(got) and math.isnan(want)) or got == want


# --- quantile / percentile --------------------------------------------------------------------


def lerp(a, b, t):
    """numpy's _lerp: from a below the middle, back from b above it."""
    diff = b - a
    return b - diff * (1 - t) if t >= 0.5 else a + diff * t


def reference_quantile(values, q, method):
    """numpy's quantile of a list (no nan) by `method`, from a sorted copy."""
    s = sorted(values)
    n = len(s)
    index = (n - 1) * q
    if method == "lower":
        return s[math.floor(index)]
    if method == "higher":
        return s[math.ceil(index)]
    if method == "nearest":
        return s[round(index)]  # round() is half to even, as numpy.around
    if method == "midpoint":
        index = 0.5 * (math.floor(index) + math.ceil(index))
    if index >= n - 1:
        # numpy takes the last value twice, its weight measured from index -1.
        previous = following = s[-1]
        gamma = index + 1
    else:
        previous, following = s[math.floor(index)], s[math.floor(index) + 1]
        gamma = index - math.floor(index)
    if method == "midpoint":
        gamma = 0.0 if index % 1 == 0 else 0.5
    return lerp(previous, following, gamma)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(moderate, min_size=1, max_size=50),
    st.lists(st.floats(0, 1), min_size=1, max_size=6),
    st.sampled_from(METHODS),
)
def test_quantile_matches_a_sorted_reference(xs, qs, method):
    got = fastmath.quantile(xs, qs, method=method).tolist()
    assert got == [reference_quantile(xs, q, method) for q in qs]
    one = fastmath.quantile(xs, qs[0], method=method)
    assert type(one) is float and one == got[0]


@settings(max_examples=200, deadline=None)
@given(st.lists(moderate, min_size=1, max_size=60), st.lists(st.floats(0, 1), max_size=10))
def test_quantile_is_monotone_in_q(xs, qs):
    qs = sorted(qs)
    for method in METHODS:
        got = fastmath.quantile(xs, qs, method=method).tolist() if qs else []
        assert all(a <= b for a, b in itertools.pairwise(got)), (method, got)
    assert fastmath.quantile(xs, 0.0) == min(xs)
    assert fastmath.quantile(xs, 1.0) == max(xs)


@settings(max_examples=100, deadline=None)
@given(st.lists(moderate, min_size=1, max_size=40), st.integers(0, 100))
def test_percentile_is_quantile_of_q_over_100(xs, p):
    assert fastmath.percentile(xs, p) == fastmath.quantile(xs, p / 100)


#: Hyndman and Fan's sample quantiles (1996) as numpy names them: type -> its `m` (position
#: offset) as a function of p, and whether it is discrete (types 1-3).
HYNDMAN_FAN = {
    "inverted_cdf": (lambda p: 0.0, "step"),
    "averaged_inverted_cdf": (lambda p: 0.0, "average"),
    "closest_observation": (lambda p: -0.5, "even"),
    "interpolated_inverted_cdf": (lambda p: 0.0, None),
    "hazen": (lambda p: 0.5, None),
    "weibull": (lambda p: p, None),
    "median_unbiased": (lambda p: (p + 1) / 3, None),
    "normal_unbiased": (lambda p: p / 4 + 3 / 8, None),
}


def hyndman_fan(values, p, method):
    """The paper's definition: with x_1 <= ... <= x_n (1-based), j = floor(n p + m) and
    g = n p + m - j, the quantile is (1 - gamma) x_j + gamma x_(j+1), the ranks clamped to
    [1, n]; gamma = g for the continuous types, and for the discrete ones 0 or 1 (type 1),
    1/2 or 1 (type 2), 0 or 1 as j is even or odd (type 3) when g = 0, else 1."""
    s = sorted(values)
    n = len(s)
    offset, discrete = HYNDMAN_FAN[method]
    position = n * p + offset(p)
    j = math.floor(position)
    g = position - j
    if discrete == "step":
        gamma = 0.0 if g == 0 else 1.0
    elif discrete == "average":
        gamma = 0.5 if g == 0 else 1.0
    elif discrete == "even":
        gamma = 0.0 if g == 0 and j % 2 == 0 else 1.0
    else:
        gamma = g

    def x(rank):
        return s[min(max(rank, 1), n) - 1]

    if gamma in (0.0, 1.0):
        return x(j + int(gamma))
    return x(j) + gamma * (x(j + 1) - x(j))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(moderate, min_size=1, max_size=40),
    st.lists(st.floats(0, 1), min_size=1, max_size=6),
    st.sampled_from(sorted(HYNDMAN_FAN)),
)
def test_hyndman_fan_methods_match_the_papers_definitions(xs, qs, method):
    # numpy's methods of these names (its arithmetic differs from the paper's formula in the
    # last bits, so interpolated values are compared to 1e-12 of the largest magnitude).
    got = fastmath.quantile(xs, qs, method=method).tolist()
    scale = max(abs(v) for v in xs)
    for q, value in zip(qs, got, strict=True):
        want = hyndman_fan(xs, q, method)
        assert abs(value - want) <= 1e-12 * scale + 1e-300, (q, value, want)
    if HYNDMAN_FAN[method][1] in ("step", "even"):
        assert all(v in xs for v in got)  # the discrete types pick one of the values
    ints = fastmath.quantile(array.array("q", [3, 1, 2]), 0.5, method=method)
    assert ints == hyndman_fan([3, 1, 2], 0.5, method)


def test_quantile_worked_values():
    assert fastmath.quantile([1, 2, 3, 4], 0.5) == 2.5
    assert fastmath.percentile([1, 2, 3, 4, 5], 90) == 4.6
    rows = [[1, 2, 3, 4], [10, 20, 30, 40]]
    assert fastmath.quantile(rows, [0.25, 1.0], axis=1).tolist() == [[1.75, 17.5], [4.0, 40.0]]
    assert fastmath.quantile(rows, 0.5, axis=0).tolist() == [5.5, 11.0, 16.5, 22.0]
    kept = fastmath.quantile(rows, 0.5, axis=1, keepdims=True).tolist()
    assert kept == [[2.5], [25.0]]
    assert fastmath.quantile(rows, 0.5, axis=(0, 1)) == 7.0
    assert math.isnan(fastmath.quantile([1.0, math.nan], 0.5))
    assert fastmath.quantile(array.array("i", [5, 1, 3]), 0.5, method="lower") == 3
    assert fastmath.quantile(7.0, 0.3) == 7.0


def test_quantile_refusals_name_the_argument():
    with pytest.raises(ValueError, match=r"^q: Percentiles must be in the range \[0, 100\]"):
        fastmath.percentile([1, 2], 101)
    with pytest.raises(ValueError, match=r"^q: Percentiles must be in the range"):
        fastmath.percentile([1, 2], [50, -1])
    with pytest.raises(ValueError, match=r"^q: Quantiles must be in the range \[0, 1\]"):
        fastmath.quantile([1, 2], math.nan)
    with pytest.raises(ValueError, match=r"^method: 'type7' is not a valid method"):
        fastmath.quantile([1, 2], 0.5, method="type7")
    with pytest.raises(ValueError, match=r"^weights: Only method 'inverted_cdf' supports"):
        fastmath.quantile([1, 2], 0.5, weights=[1, 1])
    with pytest.raises(ValueError, match=r"^weights: Weights must be non-negative\."):
        fastmath.percentile([1, 2], 50, method="inverted_cdf", weights=[1, -1])
    with pytest.raises(ValueError, match=r"^weights: Weights included NaN, inf or were all zero"):
        fastmath.quantile([1, 2], 0.5, method="inverted_cdf", weights=[0, 0])
    with pytest.raises(TypeError, match=r"^weights: Axis must be specified when shapes"):
        fastmath.quantile([[1, 2]], 0.5, method="inverted_cdf", weights=[1, 1])
    with pytest.raises(ValueError, match=r"^weights: Shape of weights must be consistent"):
        fastmath.quantile([[1, 2]], 0.5, axis=1, method="inverted_cdf", weights=[1, 1, 1])
    assert fastmath.quantile([1, 2], 0.5, weights=None) == 1.5


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(-5, 5), st.integers(0, 3)), min_size=1, max_size=30),
    st.lists(st.floats(0, 1), min_size=1, max_size=5),
)
def test_weighted_inverted_cdf_is_the_first_value_reaching_q(pairs, qs):
    # numpy's weighted quantile: the smallest value v whose weight share (of values <= v)
    # reaches q; q = 0 gives the smallest value of positive weight.
    if not any(w for _, w in pairs):
        return
    values = [float(v) for v, _ in pairs]
    weights = [w for _, w in pairs]
    total = sum(weights)
    got = fastmath.quantile(values, qs, method="inverted_cdf", weights=weights).tolist()
    for q, value in zip(qs, got, strict=True):
        reaching = [
            v
            for v in sorted(set(values))
            if sum(w for x, w in pairs if x <= v) / total >= q
            and sum(w for x, w in pairs if x == v) > 0
        ]
        assert value == min(reaching), (q, value)
    with pytest.raises(TypeError, match=r"^method: expected a str"):
        fastmath.quantile([1, 2], 0.5, method=1)
    with pytest.raises(IndexError, match=r"^x: cannot take a quantile of no values"):
        fastmath.quantile([], 0.5)
    with pytest.raises(IndexError, match=r"^x: cannot take a quantile of no values"):
        fastmath.percentile([[], []], [50], axis=1, method="lower")
    with pytest.raises(ValueError, match=r"^axis: axis 1 is out of bounds"):
        fastmath.quantile([1, 2], 0.5, axis=1)
    with pytest.raises(ValueError, match=r"^axis: duplicate value in 'axis'"):
        fastmath.quantile([[1, 2]], 0.5, axis=(0, 0))
    with pytest.raises(ValueError, match=r"^q: q must be a scalar or 1d"):
        fastmath.quantile([1, 2], [[[0.5]]])


# --- histogram --------------------------------------------------------------------------------


def linspace(first, last, num):
    """numpy's linspace(first, last, num) in float64 (num >= 2)."""
    div = num - 1
    step = (last - first) / div
    edges = [
        i * step + first if step != 0 else i / div * (last - first) + first for i in range(num)
    ]
    edges[-1] = last
    return edges


def reference_histogram(xs, bins, bounds=None):
    """Counts by bisecting numpy's edges; the last bin closed."""
    if bounds is None:
        bounds = (min(xs), max(xs)) if xs else (0.0, 1.0)
    first, last = bounds
    if first == last:
        first, last = first - 0.5, last + 0.5
    edges = linspace(first, last, bins + 1)
    counts = [0] * bins
    for v in xs:
        if first <= v <= last:
            counts[min(bisect.bisect_right(edges, v) - 1, bins - 1)] += 1
    return counts, edges


@settings(max_examples=200, deadline=None)
@given(st.lists(moderate, max_size=80), st.integers(1, 40))
def test_histogram_matches_a_bisecting_reference(xs, bins):
    counts, edges = fastmath.histogram(xs, bins=bins)
    want_counts, want_edges = reference_histogram(xs, bins)
    assert edges.tolist() == want_edges
    assert counts.tolist() == want_counts
    assert sum(counts.tolist()) == len(xs)  # every value is in the data's own range


@settings(max_examples=150, deadline=None)
@given(
    st.lists(moderate, max_size=60),
    st.integers(1, 20),
    st.tuples(moderate, moderate).map(sorted),
)
@example([], 2, [0.0, 5e-324])  # found by CI: too narrow for two bins
def test_histogram_counts_sum_to_the_values_in_range(xs, bins, bounds):
    want_counts, want_edges = reference_histogram(xs, bins, tuple(bounds))
    if any(a >= b for a, b in itertools.pairwise(want_edges)):
        # A range too narrow for `bins` distinct edges (e.g. (0, 5e-324)): numpy refuses it.
        with pytest.raises(ValueError, match="Cannot create"):
            fastmath.histogram(xs, bins=bins, range=tuple(bounds))
        return
    counts, _ = fastmath.histogram(xs, bins=bins, range=tuple(bounds))
    first, last = bounds
    if first == last:  # numpy widens an empty range by 0.5 each way
        first, last = first - 0.5, last + 0.5
    inside = [v for v in xs if first <= v <= last]
    assert sum(counts.tolist()) == len(inside)
    assert counts.tolist() == want_counts


@settings(max_examples=100, deadline=None)
@given(st.lists(moderate, max_size=60), st.lists(moderate, min_size=2, max_size=12))
def test_histogram_with_given_edges(xs, edges):
    edges = sorted(edges)
    counts, got_edges = fastmath.histogram(xs, bins=edges)
    assert got_edges.tolist() == edges
    want = [0] * (len(edges) - 1)
    for v in xs:
        if edges[0] <= v <= edges[-1]:
            want[min(bisect.bisect_right(edges, v) - 1, len(want) - 1)] += 1
    assert counts.tolist() == want


def test_histogram_weights_and_density():
    counts, edges = fastmath.histogram([1, 2, 1], bins=2)
    assert (counts.tolist(), edges.tolist()) == ([2, 1], [1.0, 1.5, 2.0])
    weighted, _ = fastmath.histogram([1, 2, 1], bins=2, weights=[0.5, 2.0, 0.25])
    assert weighted.tolist() == [0.75, 2.0]
    density, _ = fastmath.histogram([1, 2, 1, 4], bins=[0, 2, 4], density=True)
    assert density.tolist() == [0.25, 0.25]  # 2 / 2 / 4 each
    assert fastmath.histogram([], bins=2)[1].tolist() == [0.0, 0.5, 1.0]
    assert fastmath.histogram([5, 5, 5], bins=2)[0].tolist() == [0, 3]
    assert fastmath.histogram(3.0, bins=1)[0].tolist() == [1]


def test_histogram_refusals_name_the_argument():
    with pytest.raises(ValueError, match=r"^bins: `bins` must be positive, when an integer"):
        fastmath.histogram([1, 2], bins=0)
    with pytest.raises(ValueError, match=r"^bins: `bins` must be positive"):
        fastmath.histogram([1, 2], bins=-3)
    with pytest.raises(TypeError, match=r"^bins: `bins` must be an integer"):
        fastmath.histogram([1, 2], bins=1.5)
    with pytest.raises(ValueError, match=r"^bins: `bins` must increase monotonically"):
        fastmath.histogram([1, 2], bins=[3, 1])
    with pytest.raises(ValueError, match=r"^range: max must be larger than min"):
        fastmath.histogram([1, 2], range=(3, 1))
    with pytest.raises(ValueError, match=r"^range: supplied range of \[0.0, inf\] is not finite"):
        fastmath.histogram([1, 2], range=(0, math.inf))
    with pytest.raises(ValueError, match=r"^x: autodetected range of \[nan, nan\] is not finite"):
        fastmath.histogram([1, math.nan])
    with pytest.raises(ValueError, match=r"^weights: weights should have the same shape"):
        fastmath.histogram([1, 2], weights=[1.0])
    with pytest.raises(MemoryError):
        fastmath.histogram([1, 2], bins=10**15)


# --- bincount ---------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=80), st.integers(0, 70))
def test_bincount_counts_each_value(xs, minlength):
    got = fastmath.bincount(xs, minlength=minlength).tolist()
    counter = Counter(xs)
    length = max(max(xs, default=-1) + 1, minlength)
    assert got == [counter[v] for v in range(length)]
    assert fastmath.bincount(array.array("q", xs), minlength=minlength).tolist() == got


def test_bincount_weights_and_refusals():
    got = fastmath.bincount([0, 1, 1], weights=[0.5, 1.0, 2.0], minlength=3).tolist()
    assert got == [0.5, 3.0, 0.0]
    assert fastmath.bincount(array.array("B", [2, 2])).tolist() == [0, 0, 2]
    with pytest.raises(ValueError, match=r"^x: must have no negative elements"):
        fastmath.bincount([1, -2])
    safe = r"^x: Cannot cast array data from dtype\('float64'\) to dtype\('int64'\) according"
    with pytest.raises(TypeError, match=safe):
        fastmath.bincount([1.5])
    with pytest.raises(TypeError, match=safe):
        fastmath.bincount(array.array("d", [1.0, 2.0]))
    with pytest.raises(TypeError, match=r"^x: Cannot cast array data from dtype\('float32'\)"):
        fastmath.bincount(array.array("f", [1.0]))
    assert fastmath.bincount([]).tolist() == []  # an empty list counts nothing, as numpy's
    with pytest.raises(ValueError, match=r"^minlength: 'minlength' must not be negative"):
        fastmath.bincount([1], minlength=-1)
    with pytest.raises(ValueError, match=r"^weights: "):
        fastmath.bincount([1, 2], weights=[1.0])
    with pytest.raises((MemoryError, ValueError), match=r"bincount: the result needs"):
        fastmath.bincount([10**15])
    with pytest.raises((MemoryError, ValueError)):
        fastmath.bincount(array.array("q", [2**62]))


# --- average and ptp ---------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(moderate, st.floats(0.5, 100)), min_size=1, max_size=40))
def test_average_is_the_weighted_mean(pairs):
    xs = [x for x, _ in pairs]
    ws = [w for _, w in pairs]
    want = math.fsum(x * w for x, w in pairs) / math.fsum(ws)
    got, total = fastmath.average(xs, weights=ws, returned=True)
    assert got == pytest.approx(want, rel=1e-12, abs=1e-9)
    assert total == math.fsum(ws)
    assert fastmath.average(xs) == fastmath.mean(xs)


def test_average_shapes_and_refusals():
    assert fastmath.average([1, 2, 3, 4], weights=[4, 3, 2, 1]) == 2.0
    rows = [[1, 2], [3, 4]]
    assert fastmath.average(rows, axis=1, weights=[1, 3]).tolist() == [1.75, 3.75]
    assert fastmath.average(rows, axis=0, weights=[[1, 1], [1, 3]]).tolist() == [2.0, 3.5]
    avg, count = fastmath.average(rows, axis=0, returned=True)
    assert (avg.tolist(), count.tolist()) == ([2.0, 3.0], [2.0, 2.0])
    with pytest.raises(TypeError, match=r"^weights: Axis must be specified"):
        fastmath.average(rows, weights=[1, 2])
    with pytest.raises(ValueError, match=r"^weights: Length of weights not compatible"):
        fastmath.average(rows, axis=1, weights=[1, 2, 3])
    with pytest.raises(ZeroDivisionError, match=r"^weights: Weights sum to zero, can't be"):
        fastmath.average([1, 2], weights=[1, -1])
    with pytest.raises(ZeroDivisionError, match=r"^weights: Weights sum to zero"):
        fastmath.average(rows, axis=1, weights=[1.5, -1.5])


@settings(max_examples=100, deadline=None)
@given(st.lists(moderate, min_size=1, max_size=50))
def test_ptp_is_max_minus_min(xs):
    assert fastmath.ptp(xs) == max(xs) - min(xs)


def test_ptp_dtypes_and_refusals():
    assert fastmath.ptp([[4, 9], [2, 10]], axis=0).tolist() == [2.0, 1.0]
    assert fastmath.ptp(array.array("b", [-128, 127])) == -1  # int8 wraps, as numpy's
    assert math.isnan(fastmath.ptp([1.0, math.nan]))
    with pytest.raises(ValueError, match="zero-size array"):
        fastmath.ptp([])


# --- nan* reductions ---------------------------------------------------------------------------

with_nans = st.lists(st.one_of(moderate, st.just(math.nan)), max_size=50)


def exact_mean(values):
    return float(sum(map(Fraction, values)) / len(values)) if values else math.nan


@settings(max_examples=200, deadline=None)
@given(with_nans)
def test_nan_reductions_reduce_the_other_values(xs):
    kept = [v for v in xs if not math.isnan(v)]
    assert fastmath.nansum(xs) == math.fsum(kept)  # exact, as sum
    assert same(fastmath.nanmean(xs), exact_mean(kept))
    assert same(fastmath.nanmedian(xs), statistics.median(kept) if kept else math.nan)
    if xs:
        assert same(fastmath.nanmin(xs), min(kept) if kept else math.nan)
        assert same(fastmath.nanmax(xs), max(kept) if kept else math.nan)
    if len(kept) >= 2:
        assert fastmath.nanvar(xs) == pytest.approx(statistics.pvariance(kept), rel=1e-9, abs=1e-6)
        assert fastmath.nanstd(xs, ddof=1) == pytest.approx(
            statistics.stdev(kept), rel=1e-9, abs=1e-6
        )
    else:
        assert math.isnan(fastmath.nanvar(xs, ddof=1))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.one_of(st.floats(width=32, allow_nan=False), st.just(math.nan)), min_size=1, max_size=60
    ),
    st.integers(0, 1),
)
def test_float32_nan_reductions_are_the_plain_ones_of_the_other_values(xs, ddof):
    # float32 lanes are read in place by both families: the nan-skipping reduction of x is,
    # bit for bit, the plain one of x's non-nan values (in their float32 dtype).
    x = array.array("f", xs)
    kept = array.array("f", [v for v in x if not math.isnan(v)])

    def bits(value):
        return array.array("f", [value]).tobytes()

    pairs = [("nansum", "sum", ()), ("nanmean", "mean", ()), ("nanmedian", "median", ())]
    if kept:
        pairs += [("nanmin", "min", ()), ("nanmax", "max", ())]
    if len(kept) > ddof:
        pairs += [("nanvar", "var", (ddof,)), ("nanstd", "std", (ddof,))]
    for nan_name, name, extra in pairs:
        got = getattr(fastmath, nan_name)(x, None, *extra)
        if not kept:
            want = 0.0 if name == "sum" else math.nan
        else:
            want = getattr(fastmath, name)(kept, None, *extra)
        assert bits(got) == bits(want), (nan_name, got, want)


def test_nan_reductions_along_axes():
    nan = math.nan
    rows = [[1.0, nan, 3.0], [nan, nan, nan]]
    assert same(fastmath.nansum(rows, axis=1).tolist(), [4.0, 0.0])
    assert same(fastmath.nanmean(rows, axis=1).tolist(), [2.0, nan])
    assert same(fastmath.nanmax(rows, axis=0).tolist(), [1.0, nan, 3.0])
    assert same(fastmath.nanmedian(rows, axis=1, keepdims=True).tolist(), [[2.0], [nan]])
    assert fastmath.nansum(rows, axis=(0, 1)) == 4.0
    assert fastmath.nansum([1e100, 1.0, nan, -1e100]) == 1.0
    assert fastmath.nansum(array.array("q", [2**62, 2**62, 2**62])) == -(2**62)  # wraps as sum
    assert math.isnan(fastmath.nanmean([]))
    assert fastmath.nansum([]) == 0.0
    with pytest.raises(ValueError, match="zero-size array"):
        fastmath.nanmin([])
    with pytest.raises(ValueError, match=r"^axis: axis 2 is out of bounds"):
        fastmath.nanmean(rows, axis=2)


# --- cov and corrcoef -------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(moderate, moderate), min_size=3, max_size=30))
def test_cov_and_corrcoef_match_statistics(pairs):
    xs = [x for x, _ in pairs]
    ys = [y for _, y in pairs]
    c = fastmath.cov(xs, ys).tolist()
    scale = max(map(abs, xs + ys)) ** 2 + 1
    assert c[0][1] == c[1][0]
    assert c[0][1] == pytest.approx(statistics.covariance(xs, ys), rel=1e-9, abs=1e-9 * scale)
    assert c[0][0] == pytest.approx(statistics.variance(xs), rel=1e-9, abs=1e-9 * scale)
    r = fastmath.corrcoef(xs, ys).tolist()
    assert math.isnan(r[0][1]) or -1.0 <= r[0][1] <= 1.0
    try:
        want = statistics.correlation(xs, ys)
    except (statistics.StatisticsError, ZeroDivisionError):
        return  # a constant (or underflowing) variable: no reference value
    if statistics.variance(xs) > 1e-100 and statistics.variance(ys) > 1e-100:
        assert r[0][1] == pytest.approx(want, abs=1e-6)


def test_cov_worked_values():
    assert fastmath.cov([[0, 1, 2], [2, 1, 0]]).tolist() == [[1.0, -1.0], [-1.0, 1.0]]
    assert fastmath.cov([1, 2, 3, 4]) == pytest.approx(5 / 3, rel=1e-15)
    assert fastmath.cov([1, 2, 3, 4], ddof=0) == 1.25
    assert fastmath.cov([[0, 2], [1, 1], [2, 0]], rowvar=False).tolist() == [
        [1.0, -1.0],
        [-1.0, 1.0],
    ]
    assert fastmath.corrcoef([1, 2, 3], [3, 2, 1]).tolist() == [[1.0, -1.0], [-1.0, 1.0]]
    assert fastmath.corrcoef([1, 2, 3]) == 1.0
    with pytest.raises(ValueError, match=r"^m: m has more than 2 dimensions"):
        fastmath.cov([[[1.0]]])


def test_cov_and_corrcoef_dtype():
    # numpy's dtype=: float64 (the default) or float32, the float64 result rounded once.
    rows = [[0.1, 0.7, 0.2], [0.3, 0.9, 0.4], [0.5, 0.6, 1.3]]
    for f in (fastmath.cov, fastmath.corrcoef):
        wide = f(rows)
        narrow = f(rows, dtype="float32")
        assert narrow.format == "f" and wide.format == "d"
        assert narrow.tolist() == [[array.array("f", [v])[0] for v in row] for row in wide.tolist()]
        assert f(rows, dtype="float64").tolist() == wide.tolist()
        with pytest.raises(TypeError, match=r"^dtype: .* gives floats: dtype must be float64 or"):
            f(rows, dtype="int32")
    assert fastmath.cov([1, 2, 3, 4], dtype="float32") == array.array("f", [5 / 3])[0]
