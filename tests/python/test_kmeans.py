"""kmeans: its promises checked in pure Python (these run inside Pyodide too, on both backends),
hypothesis properties, and on the host scikit-learn's KMeans as the reference for the quality of
the clustering (``needs_numpy``: inertia within 2% of scikit-learn's on standard data).
"""

import array
import hashlib
import math
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fastmath


def sqdist(p, c):
    s = 0.0
    for a, b in zip(p, c, strict=True):
        s += (a - b) * (a - b)
    return s


def rows(flat, cols):
    values = flat.tolist()
    return (
        values
        if not values or isinstance(values[0], list)
        else [values[i : i + cols] for i in range(0, len(values), cols)]
    )


def check_result(x, k, result):
    """The promises of any result: shapes and dtypes, labels each point's nearest centroid
    (the first of equals), inertia the sum of those squared distances."""
    centroids, labels, inertia = result
    cols = len(x[0])
    assert memoryview(centroids).shape == (k, cols)
    assert memoryview(labels).format in ("q", "l") and memoryview(labels).shape == (len(x),)
    assert isinstance(inertia, float)
    c = centroids.tolist()
    labels = labels.tolist()
    total = 0.0
    for p, label in zip(x, labels, strict=True):
        d = [sqdist(p, ci) for ci in c]
        assert d[label] == min(d) and d.index(min(d)) == label
        total += d[label]
    assert inertia == total  # summed over the points in order, as kmeans sums
    return c, labels


GROUPS = [[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]]
BLOBS = [
    [gx + dx, gy + dy]
    for gx, gy in GROUPS
    for dx, dy in [(0.1, 0), (-0.1, 0), (0, 0.1), (0, -0.1), (0, 0)]
]


def test_docstring_example():
    x = [[0, 0], [0, 1], [10, 10], [10, 11]]
    centroids, labels, inertia = fastmath.kmeans(x, 2, seed=0)
    assert sorted(centroids.tolist()) == [[0.0, 0.5], [10.0, 10.5]]
    assert labels[0] == labels[1] != labels[2] == labels[3]
    assert inertia == 1.0


@pytest.mark.parametrize("seed", range(8))
def test_separated_groups_are_found(seed):
    c, labels = check_result(BLOBS, 3, fastmath.kmeans(BLOBS, 3, seed=seed))
    assert sorted(map(tuple, c)) == sorted(map(tuple, GROUPS))
    for start in range(0, 15, 5):
        assert len(set(labels[start : start + 5])) == 1
    assert fastmath.kmeans(BLOBS, 3, seed=seed)[2] == pytest.approx(0.12, rel=1e-12)


def test_seeds():
    x = [[math.sin(i) * 5, math.cos(3 * i) * 5, i % 7] for i in range(60)]

    def bits(result):
        centroids, labels, inertia = result
        return centroids.tolist(), labels.tolist(), inertia

    assert bits(fastmath.kmeans(x, 4, seed=5)) == bits(fastmath.kmeans(x, 4, seed=5))
    # A seed is read as default_rng reads it: an int is its 32-bit words.
    assert bits(fastmath.kmeans(x, 4, seed=2**32 + 7)) == bits(fastmath.kmeans(x, 4, seed=[7, 1]))
    # Different seeds start differently (the runs' centroids come out in another order).
    assert len({str(bits(fastmath.kmeans(x, 4, seed=s, n_init=1))) for s in range(6)}) > 1
    # No seed: operating-system entropy, still a valid clustering.
    check_result(x, 4, fastmath.kmeans(x, 4))
    check_result(x, 4, fastmath.kmeans(x, 4, seed=None, n_init=2))


def test_the_same_bits_on_every_platform_and_backend():
    # Recorded on x86-64 with the native backend; Pyodide's two backends must give these exact
    # bits (no platform-dependent summation order, no threads). The data are integers, so the
    # input is the same everywhere.
    x = [[(i * 37) % 23, (i * 11) % 17, (i * i) % 13] for i in range(200)]
    centroids, labels, inertia = fastmath.kmeans(x, 5, seed=20261127)
    digest = hashlib.sha256(
        struct.pack(f"<{5 * 3}d", *[v for r in centroids.tolist() for v in r])
        + struct.pack(f"<{len(x)}q", *labels.tolist())
        + struct.pack("<d", inertia)
    ).hexdigest()
    check_result(x, 5, (centroids, labels, inertia))
    assert digest == DIGEST, (digest, inertia)


DIGEST = "9585243d5a6bdc748d5a1ed09c7490960c916764bfdb8dc4171bf798181e3548"


def test_edges():
    # k = the number of points: every point its own centre.
    x = [[1.0], [4.0], [9.0]]
    c, _ = check_result(x, 3, fastmath.kmeans(x, 3, seed=1))
    assert sorted(c) == x and fastmath.kmeans(x, 3, seed=1)[2] == 0.0
    # Identical points: one centre can hold them all; the inertia is 0.
    same = [[2.0, 2.0]] * 6
    check_result(same, 3, fastmath.kmeans(same, 3, seed=0))
    # k = 1: the mean.
    c, _ = check_result(x, 1, fastmath.kmeans(x, 1, seed=0))
    assert c == [[14.0 / 3.0]]
    # max_iter=1 and tol=0 still give labels of the final centroids.
    check_result(BLOBS, 3, fastmath.kmeans(BLOBS, 3, seed=0, max_iter=1))
    check_result(BLOBS, 3, fastmath.kmeans(BLOBS, 3, seed=0, tol=0.0, n_init=1))
    # Input types: integers, bool, float32 (float32 centroids, as scikit-learn), 2-D buffers.
    ints = memoryview(array.array("q", [0, 0, 0, 2, 10, 10, 10, 12])).cast("B").cast("q", (4, 2))
    c, _ = check_result([[0, 0], [0, 2], [10, 10], [10, 12]], 2, fastmath.kmeans(ints, 2, seed=0))
    assert sorted(c) == [[0.0, 1.0], [10.0, 11.0]]
    f32 = memoryview(array.array("f", [0, 0, 0, 2, 10, 10, 10, 12])).cast("B").cast("f", (4, 2))
    centroids = fastmath.kmeans(f32, 2, seed=0)[0]
    assert memoryview(centroids).format == "f" and sorted(centroids.tolist()) == sorted(c)
    check_result([[1, 0], [0, 1]], 2, fastmath.kmeans([[True, False], [False, True]], 2, seed=0))


def test_refusals_name_the_argument():
    x = [[0.0, 0.0], [1.0, 1.0]]
    cases = [
        ((x, 3), {}, ValueError, r"^k: n_samples=2 should be >= n_clusters=3\.$"),
        ((x, 0), {}, ValueError, r"^k: the number of clusters must be >= 1, got 0$"),
        ((x, -5), {}, ValueError, r"^k: "),
        ((x, 2.0), {}, TypeError, r"^k: expected an integer"),
        ((x, 2), {"n_init": 0}, ValueError, r"^n_init: must be >= 1, got 0$"),
        ((x, 2), {"max_iter": 0}, ValueError, r"^max_iter: must be >= 1, got 0$"),
        ((x, 2), {"tol": -1e-3}, ValueError, r"^tol: must be a number >= 0"),
        ((x, 2), {"tol": math.nan}, ValueError, r"^tol: "),
        (([1.0, 2.0], 1), {}, ValueError, r"^x: Expected 2D array, got a 1-D array"),
        (([[[1.0]]], 1), {}, ValueError, r"^x: Expected 2D array"),
        ((3.0, 1), {}, ValueError, r"^x: Expected 2D array"),
        (([[0.0, math.nan]], 1), {}, ValueError, r"^x: Input x contains NaN\.$"),
        (([[0.0, math.inf]], 1), {}, ValueError, r"^x: Input x contains infinity"),
        (([[], []], 1), {}, ValueError, r"^x: Found array with 0 feature\(s\)"),
        ((x, 2), {"seed": -1}, ValueError, r"^seed: expected non-negative integer"),
        ((x, 2), {"seed": "a"}, TypeError, r"^seed: "),
        ((x, 2), {"bogus": 1}, TypeError, "bogus"),
        ((x, 2, 3), {}, TypeError, "positional"),
        (([["a", "b"]], 1), {}, TypeError, r"^x: "),
    ]
    for args, kwargs, cls, pattern in cases:
        with pytest.raises(cls, match=pattern):
            fastmath.kmeans(*args, **kwargs)
    # The number of points is checked before any work: a huge k fails at once.
    with pytest.raises(ValueError, match="n_clusters=1000000000000"):
        fastmath.kmeans(x, 10**12)


coordinate = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False).map(lambda v: round(v, 3))


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda d: st.lists(st.lists(coordinate, min_size=d, max_size=d), min_size=1, max_size=40)
    ),
    st.data(),
)
def test_property_labels_are_the_nearest_final_centroids(x, data):
    k = data.draw(st.integers(1, len(x)))
    seed = data.draw(st.integers(0, 2**64 - 1))
    n_init = data.draw(st.integers(1, 3))
    centroids, labels, inertia = fastmath.kmeans(x, k, seed=seed, n_init=n_init)
    check_result(x, k, (centroids, labels, inertia))
    # More restarts never give a worse result than the first of them.
    first = fastmath.kmeans(x, k, seed=seed, n_init=1)[2]
    assert inertia <= first


# --- scikit-learn as the reference (host) -----------------------------------------------------


def sklearn_inertia(x, k, seed):
    from sklearn.cluster import KMeans

    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit(x).inertia_


@pytest.mark.needs_numpy
@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("k", [3, 5, 8])
def test_inertia_within_two_percent_of_sklearn_on_blobs(seed, k):
    from sklearn.datasets import make_blobs

    x, _ = make_blobs(n_samples=600, centers=k, n_features=4, cluster_std=1.5, random_state=seed)
    ours = fastmath.kmeans(x, k, seed=seed)[2]
    theirs = sklearn_inertia(x, k, seed)
    assert ours <= theirs * 1.02, (ours, theirs)


@pytest.mark.needs_numpy
@pytest.mark.parametrize("k", [2, 3, 4, 8])
def test_inertia_within_two_percent_of_sklearn_on_iris(k):
    from sklearn.datasets import load_iris

    x = load_iris().data
    for seed in range(3):
        ours = fastmath.kmeans(x, k, seed=seed)[2]
        theirs = sklearn_inertia(x, k, seed)
        assert ours <= theirs * 1.02, (k, seed, ours, theirs)


@pytest.mark.needs_numpy
def test_numpy_in_numpy_out():
    import numpy as np

    x = np.random.default_rng(3).standard_normal((50, 3))
    centroids, labels, inertia = fastmath.kmeans(x, 4, seed=1)
    assert type(centroids) is np.ndarray and centroids.dtype == np.float64
    assert labels.dtype == np.int64 and labels.shape == (50,)
    assert fastmath.kmeans(x.astype(np.float32), 4, seed=1)[0].dtype == np.float32
    d = ((x[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    assert (labels == d.argmin(axis=1)).all()
    assert inertia == pytest.approx(d.min(axis=1).sum(), rel=1e-12)
    # Views and other layouts read as their values.
    assert fastmath.kmeans(np.asfortranarray(x), 4, seed=1)[2] == inertia
