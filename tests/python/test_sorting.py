"""Sorting and searching against pure-Python references (runs in Pyodide too)."""

import array
import bisect
import math
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fastmath

values = st.floats(allow_nan=True, allow_infinity=True)


def key(x):
    return (1, 0.0) if math.isnan(x) else (0, x)


def same_floats(a, b):
    return len(a) == len(b) and all(
        (math.isnan(x) and math.isnan(y)) or x == y for x, y in zip(a, b, strict=True)
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(values, max_size=200))
def test_sort_and_argsort(xs):
    assert same_floats(fastmath.sort(xs).tolist(), sorted(xs, key=key))
    order = fastmath.argsort(xs).tolist()
    assert order == sorted(range(len(xs)), key=lambda i: key(xs[i]))  # stable


# Long inputs take the counting or radix-sort paths (from 8192 elements on): hypothesis picks a
# pool of values (nan, inf, -0.0, duplicates, narrow or wide ranges), a length and a seed; the
# list is drawn from the pool, so runs of equal keys and shared leading digits are common.
long_inputs = st.tuples(
    st.lists(values, min_size=1, max_size=40),
    st.integers(8000, 40_000),
    st.integers(0, 2**32),
    st.sampled_from(["shuffled", "ascending", "descending"]),
    st.sampled_from(["scaled", "pool", "threshold"]),
).map(lambda t: long_list(*t))


def long_list(pool, n, seed, order, distinct="scaled"):
    rng = random.Random(seed)
    if distinct == "pool":
        # At most 40 distinct values: the counting sort.
        xs = rng.choices(pool, k=n)
    elif distinct == "threshold":
        # Around the counting sort's limit of 256 distinct values (pool included).
        grid = pool + [k / 8 for k in range(rng.randrange(200, 300))]
        xs = rng.choices(grid, k=n)
    else:
        # Half the values straight from the pool (exact duplicates), half scaled into new ones.
        scales = [rng.random() for _ in range(n)]
        xs = [x if s < 0.5 else x * s for x, s in zip(rng.choices(pool, k=n), scales, strict=True)]
    if order != "shuffled":
        xs.sort(key=key, reverse=order == "descending")
    return xs


# Building 10^4-element lists is slow for hypothesis's taste (in Pyodide above all).
long_settings = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@long_settings
@given(long_inputs)
def test_long_sort_argsort_unique(xs):
    assert same_floats(fastmath.sort(xs).tolist(), sorted(xs, key=key))
    order = fastmath.argsort(xs).tolist()
    assert order == sorted(range(len(xs)), key=lambda i: key(xs[i]))  # stable
    distinct = sorted({x + 0.0 for x in xs if not math.isnan(x)})
    if any(math.isnan(x) for x in xs):
        distinct.append(math.nan)
    assert same_floats([v + 0.0 for v in fastmath.unique(xs).tolist()], distinct)


@pytest.mark.parametrize("n", [8191, 8192, 30_000])
def test_long_inputs_of_every_shape(n):
    # The distributions the benchmark keeps an eye on, each checked exactly: few distinct
    # values, sorted either way, all equal, NaNs, zeros of both signs, organ pipe.
    rng = random.Random(n)
    shapes = {
        "two values": [rng.choice([0.5, -2.0]) for _ in range(n)],
        "zeros": [rng.choice([0.0, -0.0]) for _ in range(n)],
        "201 values": [float(rng.randrange(-100, 101)) for _ in range(n)],
        "ascending": [math.sin(i) for i in range(n)],
        "all equal": [1.5] * n,
        "nans": [math.nan if i % 7 == 0 else math.sin(i) for i in range(n)],
        "organ pipe": [float(min(i, n - i)) for i in range(n)],
    }
    shapes["ascending"].sort()
    shapes["descending"] = shapes["ascending"][::-1]
    for name, xs in shapes.items():
        got = fastmath.sort(xs).tolist()
        assert same_floats(got, sorted(xs, key=key)), name
        # numpy puts -0.0 and 0.0 in any order; fastmath's sort puts -0.0 first.
        zeros = [math.copysign(1.0, v) for v in got if v == 0.0]
        assert zeros == sorted(zeros), name
        order = fastmath.argsort(xs).tolist()
        assert order == sorted(range(n), key=lambda i: key(xs[i])), name  # stable
        distinct = sorted({x + 0.0 for x in xs if not math.isnan(x)})
        if any(math.isnan(x) for x in xs):
            distinct.append(math.nan)
        assert same_floats([v + 0.0 for v in fastmath.unique(xs).tolist()], distinct), name


@long_settings
@given(long_inputs, long_inputs)
def test_long_searchsorted(a, v):
    a = sorted(a, key=key)
    bisect_key = [key(x) for x in a]
    probes = [key(p) for p in v]
    assert fastmath.searchsorted(a, v).tolist() == [
        bisect.bisect_left(bisect_key, p) for p in probes
    ]
    assert fastmath.searchsorted(a, v, side="right").tolist() == [
        bisect.bisect_right(bisect_key, p) for p in probes
    ]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-20, 20), max_size=60), st.lists(st.integers(-22, 22), max_size=20))
def test_searchsorted(a, v):
    a = sorted(float(x) for x in a)
    probes = [float(x) for x in v]
    assert fastmath.searchsorted(a, probes).tolist() == [bisect.bisect_left(a, p) for p in probes]
    assert fastmath.searchsorted(a, probes, side="right").tolist() == [
        bisect.bisect_right(a, p) for p in probes
    ]
    for p in probes[:3]:
        assert fastmath.searchsorted(a, p) == bisect.bisect_left(a, p)


def test_searchsorted_bad_side():
    with pytest.raises(ValueError, match="side"):
        fastmath.searchsorted([1.0], 1.0, side="middle")


@settings(max_examples=150, deadline=None)
@given(st.lists(values, max_size=100))
def test_unique(xs):
    distinct = sorted({x for x in xs if not math.isnan(x)})
    if any(math.isnan(x) for x in xs):
        distinct.append(math.nan)
    # -0.0 and 0.0 are equal: Python's set keeps whichever came first; compare values.
    assert same_floats([v + 0.0 for v in fastmath.unique(xs).tolist()], [v + 0.0 for v in distinct])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-5, 5), max_size=50), st.data())
def test_topk(ks, data):
    xs = [float(k) for k in ks]
    k = data.draw(st.integers(0, len(xs)))
    expected = sorted(range(len(xs)), key=lambda i: (-xs[i], i))[:k]
    assert fastmath.topk(xs, k).tolist() == expected


def test_topk_k_out_of_range():
    with pytest.raises(ValueError, match="topk"):
        fastmath.topk([1.0, 2.0], 3)
    with pytest.raises(ValueError, match="topk"):
        fastmath.topk([1.0, 2.0], -1)


def test_index_results_are_int64():
    out = fastmath.argsort([2.0, 1.0])
    assert out.typecode == "q" and out.tolist() == [1, 0]


def test_sort_and_argsort_along_an_axis_of_stdlib_buffers():
    # A 2x3 memoryview (no numpy): the last axis by default, axis=0, and axis=None flattens.
    view = memoryview(array.array("d", [3, 1, 2, 0, 5, 4])).cast("B").cast("d", (2, 3))
    assert fastmath.sort(view).tolist() == [[1.0, 2.0, 3.0], [0.0, 4.0, 5.0]]
    assert fastmath.sort(view, axis=0).tolist() == [[0.0, 1.0, 2.0], [3.0, 5.0, 4.0]]
    assert fastmath.sort(view, axis=None).tolist() == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    assert fastmath.argsort(view, axis=-2).tolist() == [[1, 0, 0], [0, 1, 1]]
    with pytest.raises(ValueError, match="axis: axis 2 is out of bounds for array of dimension 2"):
        fastmath.sort(view, axis=2)


def test_unique_flattens_an_n_d_array():
    # As numpy's unique without axis: every element of a nested list, sorted and distinct.
    assert fastmath.unique([[3, 1], [1, 2]]).tolist() == [1, 2, 3]
    assert fastmath.unique([[[2.5]], [[-1.0]], [[2.5]]]).tolist() == [-1.0, 2.5]
    assert fastmath.unique([[True, False], [True, True]]).tolist() == [False, True]
