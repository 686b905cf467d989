"""cdist: pure-Python references of each metric (these run inside Pyodide too, on both
backends), hypothesis properties, and on the host scipy.spatial.distance.cdist as the oracle
(``needs_numpy``).

The references are scipy's per-pair loops written out in Python (one IEEE operation at a time,
columns in order), so fastmath's results must equal them bit for bit.
"""

import array
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fastmath

METRICS = ["euclidean", "sqeuclidean", "cityblock", "cosine", "chebyshev"]


def reference(u, v, metric):
    """scipy's loop for one pair of rows."""
    if metric in ("euclidean", "sqeuclidean"):
        s = 0.0
        for x, y in zip(u, v, strict=True):
            s += (x - y) * (x - y)
        return math.sqrt(s) if metric == "euclidean" else s
    if metric == "cityblock":
        s = 0.0
        for x, y in zip(u, v, strict=True):
            s += abs(x - y)
        return s
    if metric == "chebyshev":
        s = 0.0
        for x, y in zip(u, v, strict=True):
            d = abs(x - y)
            s = d if s < d else s  # std::max(s, d): a nan difference leaves s
        return s
    dot = nu = nv = 0.0
    for x, y in zip(u, v, strict=True):
        dot += x * y
    for x in u:
        nu += x * x
    for y in v:
        nv += y * y
    denominator = math.sqrt(nu) * math.sqrt(nv)
    if denominator != 0:
        c = dot / denominator
    else:  # IEEE division by +0, which Python refuses
        c = math.nan if dot == 0 or math.isnan(dot) else math.copysign(math.inf, dot)
    if abs(c) > 1:
        c = math.copysign(1.0, c)
    return 1.0 - c


def reference_cdist(xa, xb, metric):
    return [[reference(u, v, metric) for v in xb] for u in xa]


def same(got, want):
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(map(same, got, want))
    return (math.isnan(got) and math.isnan(want)) or got == want


def test_docstring_values():
    assert fastmath.cdist([[0, 0], [3, 4]], [[0, 0], [6, 8]]).tolist() == [
        [0.0, 10.0],
        [5.0, 5.0],
    ]
    assert fastmath.cdist([[1, 0]], [[0, 2], [-3, 0]], metric="cosine").tolist() == [[1.0, 2.0]]


@pytest.mark.parametrize("metric", METRICS)
def test_each_metric_is_the_per_pair_loop(metric):
    xa = [[0.5, -1.0, 2.0], [3.0, 4.0, 0.0], [0.0, 0.0, 0.0], [1e-3, 7.0, -2.5]]
    xb = [[0.5, -1.0, 2.0], [1.0, 1.0, 1.0], [-6.0, -8.0, 0.0]]
    got = fastmath.cdist(xa, xb, metric)
    assert same(got.tolist(), reference_cdist(xa, xb, metric))
    assert len(memoryview(got).shape) == 2 and memoryview(got).format == "d"


def test_metric_names_follow_scipy():
    xa, xb = [[1.0, 2.0]], [[2.0, 0.0]]
    for names, want in [
        (["euclidean", "EUCLIDEAN", "euclid", "eu", "e"], math.sqrt(5.0)),
        (["sqeuclidean", "sqe", "sqeuclid", "SqEuclidean"], 5.0),
        (["cityblock", "cblock", "cb", "c"], 3.0),
        (["chebyshev", "chebychev", "cheby", "cheb", "ch"], 2.0),
        (["cosine", "cos", "COSINE"], 1.0 - 2.0 / math.sqrt(5.0) / 2.0),
    ]:
        for name in names:
            assert fastmath.cdist(xa, xb, name).tolist() == [[pytest.approx(want, abs=1e-15)]]
    assert fastmath.cdist(xa, xb).tolist() == [[math.sqrt(5.0)]]  # euclidean by default


def test_edge_values():
    nan, inf = math.nan, math.inf
    # A zero row's cosine is nan (0 / 0), as scipy; parallel rows 0, opposite ones 2.
    got = fastmath.cdist([[0.0, 0.0], [3.0, 4.0]], [[1.0, 1.0], [-6.0, -8.0]], "cosine").tolist()
    assert math.isnan(got[0][0]) and math.isnan(got[0][1]) and got[1][1] == 2.0
    assert fastmath.cdist([[3.0, 4.0]], [[6.0, 8.0]], "cosine").tolist() == [[0.0]]
    # chebyshev skips a nan difference (scipy's std::max); the sums propagate it.
    assert fastmath.cdist([[nan, 1.0]], [[0.0, 5.0]], "chebyshev").tolist() == [[4.0]]
    assert fastmath.cdist([[1.0, nan]], [[0.0, 5.0]], "chebyshev").tolist() == [[1.0]]
    assert math.isnan(fastmath.cdist([[nan, 1.0]], [[0.0, 5.0]], "cityblock").tolist()[0][0])
    assert fastmath.cdist([[inf]], [[0.0]]).tolist() == [[inf]]
    # No rescaling: squares beyond the float range overflow, as in scipy.
    assert fastmath.cdist([[1e200]], [[-1e200]]).tolist() == [[inf]]


def test_shapes_and_input_types():
    # Rows of no columns (shape (3, 0), as numpy reads this list).
    no_columns = [[], [], []]
    assert fastmath.cdist(no_columns, no_columns).tolist() == [[0.0] * 3] * 3
    cosines = fastmath.cdist(no_columns, no_columns, "cos").tolist()
    assert all(math.isnan(v) for row in cosines for v in row)
    # Integer, bool and float32 buffers, strided views: all computed in float64.
    ints = memoryview(array.array("q", [0, 0, 3, 4])).cast("B").cast("q", (2, 2))
    assert fastmath.cdist(ints, ints).tolist() == [[0.0, 5.0], [5.0, 0.0]]
    f32 = memoryview(array.array("f", [0.5, 1.5, 2.5, 3.5])).cast("B").cast("f", (2, 2))
    got = fastmath.cdist(f32, [[0.0, 0.0]], "cityblock")
    assert memoryview(got).format == "d" and got.tolist() == [[2.0], [6.0]]
    flags = [[True, False], [False, False]]
    assert fastmath.cdist(flags, flags, "sqeuclidean").tolist() == [[0.0, 1.0], [1.0, 0.0]]


def test_refusals_name_the_argument():
    m = [[1.0, 2.0]]
    with pytest.raises(ValueError, match=r"^xa: xa must be a 2-dimensional array, got a 1-D"):
        fastmath.cdist([1.0, 2.0], m)
    with pytest.raises(ValueError, match=r"^xb: xb must be a 2-dimensional array"):
        fastmath.cdist(m, [[[1.0, 2.0]]])
    with pytest.raises(ValueError, match=r"^xa: .*got a single number"):
        fastmath.cdist(3.0, m)
    with pytest.raises(ValueError, match=r"same number of columns.*: 2 and 3"):
        fastmath.cdist(m, [[1.0, 2.0, 3.0]])
    with pytest.raises(
        ValueError,
        match=r"^metric: Unknown Distance Metric: minkowski \(fastmath's cdist has euclidean, "
        r"sqeuclidean, cityblock, cosine, chebyshev\)",
    ):
        fastmath.cdist(m, m, "Minkowski")
    with pytest.raises(TypeError, match=r"^metric: expected a str"):
        fastmath.cdist(m, m, 2)
    with pytest.raises(TypeError):
        fastmath.cdist(m, [["a", "b"]])
    with pytest.raises(TypeError):
        fastmath.cdist(m, [[1j, 2.0]])
    with pytest.raises(TypeError, match="bogus"):
        fastmath.cdist(m, m, bogus=1)


@pytest.mark.needs_numpy
def test_empty_and_huge_shapes():
    import numpy as np

    assert fastmath.cdist(np.empty((0, 2)), np.ones((3, 2))).shape == (0, 3)
    assert fastmath.cdist(np.ones((3, 2)), np.empty((0, 2))).shape == (3, 0)
    # 2**31 x 2**31 rows of no columns: the result alone would be 2**65 bytes.
    wide = np.empty((2**31, 0))
    with pytest.raises(MemoryError):
        fastmath.cdist(wide, wide)


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@st.composite
def matrices(draw):
    cols = draw(st.integers(0, 20))
    rows_a, rows_b = draw(st.integers(0, 11)), draw(st.integers(0, 11))
    row = st.lists(finite, min_size=cols, max_size=cols)
    xa = draw(st.lists(row, min_size=rows_a, max_size=rows_a))
    xb = draw(st.lists(row, min_size=rows_b, max_size=rows_b))
    return xa, xb, cols


def as_matrix(rows, cols):
    """`rows` as a 2-D buffer (a list cannot say it has no rows of `cols` columns)."""
    if not rows or not cols:
        return rows
    flat = array.array("d", [v for r in rows for v in r])
    return memoryview(flat).cast("B").cast("d", (len(rows), cols))


@settings(max_examples=150, deadline=None)
@given(matrices(), st.sampled_from(METRICS))
def test_property_every_pair_is_the_reference(data, metric):
    xa, xb, cols = data
    if not xa or not xb:
        return  # a list of no rows is 1-D; the host tests cover such shapes with numpy
    got = fastmath.cdist(as_matrix(xa, cols), as_matrix(xb, cols), metric)
    assert memoryview(got).shape == (len(xa), len(xb))
    got = got.tolist()
    assert same(got, reference_cdist(xa, xb, metric))


@settings(max_examples=100, deadline=None)
@given(matrices())
def test_property_metric_axioms(data):
    xa, xb, cols = data
    if not xa or not xb:
        return
    xa, xb = as_matrix(xa, cols), as_matrix(xb, cols)
    d = {m: fastmath.cdist(xa, xb, m).tolist() for m in METRICS}
    for i in range(len(xa)):
        for j in range(len(xb)):
            e, c, ch = d["euclidean"][i][j], d["cityblock"][i][j], d["chebyshev"][i][j]
            # Norm inequalities: max <= l2 <= l1 (up to rounding), all >= 0, and symmetry.
            # (squares below 1e-308 underflow: an absolute slack there)
            assert 0.0 <= ch <= e * (1 + 1e-12) + 1e-150 and e <= c * (1 + 1e-12) + 1e-150
            assert d["sqeuclidean"][i][j] == pytest.approx(e * e, rel=1e-12, abs=1e-290)
            cos = d["cosine"][i][j]
            assert math.isnan(cos) or -1e-15 <= cos <= 2.0 + 1e-15
    assert fastmath.cdist(xb, xa).tolist() == [list(r) for r in zip(*d["euclidean"], strict=True)]


# --- scipy as the oracle (host) ---------------------------------------------------------------


@pytest.mark.needs_numpy
@pytest.mark.parametrize("metric", METRICS)
@pytest.mark.parametrize("shape", [(1, 1, 1), (7, 9, 3), (33, 17, 16), (5, 40, 130), (2, 3, 0)])
def test_against_scipy(metric, shape):
    import numpy as np
    from scipy.spatial.distance import cdist

    ma, mb, n = shape
    rng = np.random.default_rng(ma * 1000 + mb * 10 + n)
    xa, xb = rng.standard_normal((ma, n)), rng.standard_normal((mb, n))
    if ma > 2 and mb > 2:
        xb[0] = xa[0]  # a pair at distance zero
        xa[1] = 0.0  # a zero row (cosine nan)
    got, want = fastmath.cdist(xa, xb, metric), cdist(xa, xb, metric)
    assert type(got) is np.ndarray and got.dtype == want.dtype == np.float64
    assert got.shape == want.shape
    if metric == "cosine":
        # scipy's x86-64 build sums the dot products and norms as two interleaved halves (its
        # compiler vectorised the loop); fastmath keeps the loop's order: the last bits differ.
        np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-15)
    else:
        np.testing.assert_array_equal(got, want)  # bit for bit, nan where scipy has nan


@pytest.mark.needs_numpy
def test_scipy_dtypes_and_layouts():
    import numpy as np
    from scipy.spatial.distance import cdist

    rng = np.random.default_rng(7)
    base = rng.standard_normal((12, 10))
    for xa in [
        base.astype(np.float32),
        (base * 10).astype(np.int32),
        base > 0,
        base[::2, ::3],
        np.asfortranarray(base),
        base.astype(">f8"),
    ]:
        xb = xa[:5]
        for metric in ["euclidean", "cityblock", "chebyshev"]:
            got, want = fastmath.cdist(xa, xb, metric), cdist(xa, xb, metric)
            assert got.dtype == want.dtype == np.float64, (xa.dtype, metric)
            np.testing.assert_array_equal(got, want)


@pytest.mark.needs_numpy
def test_errors_are_scipys_classes():
    import numpy as np
    from scipy.spatial.distance import cdist

    cases = [
        ([1.0, 2.0], [[1.0, 2.0]], "euclidean"),
        ([[1.0, 2.0]], [[[1.0, 2.0]]], "euclidean"),
        ([[1.0, 2.0]], [[1.0, 2.0, 3.0]], "euclidean"),
        ([[1.0, 2.0]], [[1.0, 2.0]], "no-such-metric"),
        ([[1.0, 2.0]], [[1.0, 2.0]], 3),
    ]
    for xa, xb, metric in cases:
        with pytest.raises(Exception) as theirs:
            cdist(np.asarray(xa), np.asarray(xb), metric)
        with pytest.raises(Exception) as ours:
            fastmath.cdist(xa, xb, metric)
        assert type(ours.value) is theirs.type, (xa, xb, metric, ours.value)
