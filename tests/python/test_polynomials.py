"""polyval and polyfit against pure-Python references (these run inside Pyodide too) and, on
the host, against numpy."""

import array
import math
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fastmath

coefficient = st.integers(min_value=-9, max_value=9).map(float)


def horner(p, x):
    y = 0.0
    for c in p:
        y = y * x + c
    return y


@settings(max_examples=150, deadline=None)
@given(st.lists(coefficient, max_size=8), st.lists(st.floats(-10, 10), max_size=8))
def test_polyval_is_horners_rule(p, x):
    assert fastmath.polyval(p, x).tolist() == [horner(p, v) for v in x]


def test_polyval_numbers_dtypes_and_refusals():
    assert fastmath.polyval([3.0, 0.0, 1.0], 5) == 76.0
    assert fastmath.polyval([], 5.0) == 0.0
    r = fastmath.polyval(array.array("q", [1, 0, 0]), array.array("q", [2**32, 3]))
    assert (r.typecode, r.tolist()) == ("q", [0, 9])  # 2**64 wraps to 0, as numpy's
    assert fastmath.polyval(array.array("q", [2, 1]), 3) == 7
    assert fastmath.polyval([1.0, 0.0], [[1.0, 2.0], [3.0, 4.0]]).tolist() == [
        [1.0, 2.0],
        [3.0, 4.0],
    ]
    with pytest.raises(ValueError, match=r"p: expected an array"):
        fastmath.polyval(3.0, 2.0)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(coefficient, min_size=1, max_size=6),
    st.lists(st.integers(-20, 20), min_size=8, max_size=20, unique=True),
    st.integers(min_value=0, max_value=2),
)
def test_polyfit_recovers_an_exact_polynomial(p, xs, extra):
    """Points on a polynomial of degree d are fitted exactly at degree d (and, with more
    coefficients than needed, by one whose extra leading ones vanish)."""
    x = [v / 4 for v in xs]
    y = [horner(p, v) for v in x]
    deg = len(p) - 1 + extra
    if deg + 1 > len(x):
        return
    c = fastmath.polyfit(x, y, deg).tolist()
    want = [0.0] * extra + p
    scale = max(1.0, *(abs(v) for v in y))
    for got, w in zip(c, want, strict=False):
        assert math.isclose(got, w, rel_tol=1e-6, abs_tol=1e-7 * scale), (c, want)


def test_polyfit_shapes_and_several_columns():
    x = [0.0, 1.0, 2.0, 3.0]
    y = [[1.0, 0.0], [3.0, 1.0], [7.0, 2.0], [13.0, 3.0]]
    c = fastmath.polyfit(x, y, 2).tolist()
    assert [[round(v, 9) + 0.0 for v in row] for row in c] == [[1.0, 0.0], [1.0, 1.0], [1.0, 0.0]]
    line = fastmath.polyfit([1.0, 2.0, 3.0], [2.0, 4.0, 6.5], 1).tolist()
    assert math.isclose(line[0], 2.25) and math.isclose(line[1], -0.333333333333333, rel_tol=1e-9)


def test_polyfit_refusals():
    with pytest.raises(ValueError, match=r"deg: expected deg >= 0"):
        fastmath.polyfit([1.0, 2.0], [1.0, 2.0], -1)
    with pytest.raises(TypeError, match=r"x: expected 1D vector for x"):
        fastmath.polyfit([[1.0, 2.0]], [1.0, 2.0], 1)
    with pytest.raises(TypeError, match=r"x: expected non-empty vector for x"):
        fastmath.polyfit([], [], 1)
    with pytest.raises(TypeError, match=r"y: expected 1D or 2D array for y"):
        fastmath.polyfit([1.0], [[[1.0]]], 1)
    with pytest.raises(TypeError, match=r"expected x and y to have same length"):
        fastmath.polyfit([1.0, 2.0], [1.0, 2.0, 3.0], 1)
    with pytest.raises(MemoryError, match=r"polyfit: cannot allocate"):
        fastmath.polyfit([1.0, 2.0], [1.0, 2.0], 10**13)
    with pytest.raises(TypeError, match=r"deg: expected an integer"):
        fastmath.polyfit([1.0, 2.0], [1.0, 2.0], 1.5)


@pytest.mark.needs_numpy
@pytest.mark.parametrize(
    "dtype", ["bool", "int8", "uint8", "int32", "int64", "uint64", "float32", "float64"]
)
def test_polyval_matches_numpy(dtype):
    import numpy as np

    rng = np.random.default_rng(7)
    p = rng.integers(-3, 4, 5).astype(dtype)
    for x in [rng.integers(-3, 4, (3, 4)).astype(dtype), rng.standard_normal(6)[::-2]]:
        for xv in [x, x.T, 2, 2.5]:
            want = np.asarray(np.polyval(p, xv))
            got = np.asarray(fastmath.polyval(p, xv))
            assert got.dtype == want.dtype and got.shape == want.shape
            np.testing.assert_allclose(got.astype(float), want.astype(float), rtol=1e-6)


@pytest.mark.needs_numpy
def test_polyfit_matches_numpy():
    import numpy as np

    rng = np.random.default_rng(8)
    for m, deg in [(10, 0), (10, 1), (30, 3), (7, 6), (50, 9), (5, 8)]:
        x = np.sort(rng.standard_normal(2 * m))[::2]
        y = rng.standard_normal((m, 3))
        for yy in [y[:, 0], y]:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", np.exceptions.RankWarning)
                want = np.polyfit(x, yy, deg)
            got = np.asarray(fastmath.polyfit(x, yy, deg))
            assert got.dtype == np.float64 and got.shape == want.shape
            # Compared by the fitted values, which least squares determines (coefficients of
            # ill-conditioned or rank-deficient fits may differ by the null space).
            np.testing.assert_allclose(
                fitted(np, got, x), fitted(np, want, x), rtol=1e-8, atol=1e-8
            )


def fitted(np, c, x):
    """The values at `x` of the fit(s) `c` (one column per fit)."""
    columns = c if c.ndim > 1 else c[:, None]
    return np.array([np.polyval(columns[:, j], x) for j in range(columns.shape[1])])


def test_polyfit_weights_full_and_covariance():
    x, y = [0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 2.0, 5.0]
    plain = fastmath.polyfit(x, y, 1).tolist()
    assert fastmath.polyfit(x, y, 1, w=[2.0] * 4).tolist() == pytest.approx(plain, rel=1e-12)
    # A zero weight drops the point: the line through the other two.
    line = fastmath.polyfit([0.0, 1.0, 2.0], [1.0, 9.0, 5.0], 1, w=[1.0, 0.0, 1.0]).tolist()
    assert line == pytest.approx([2.0, 1.0], rel=1e-12)
    c, residuals, rank, s, rcond = fastmath.polyfit(x, y, 1, full=True)
    assert c.tolist() == pytest.approx([1.2, 0.7], rel=1e-12)
    assert residuals.tolist() == pytest.approx([1.8], rel=1e-12) and rank == 2
    assert len(s) == 2 and rcond == 4 * 2.0**-52
    assert fastmath.polyfit(x, y, 1, rcond=0.5, full=True)[4] == 0.5
    c, cov = fastmath.polyfit(x, y, 1, cov=True)
    assert [v for row in cov.tolist() for v in row] == pytest.approx([0.18, -0.27, -0.27, 0.63])
    c, cov = fastmath.polyfit(x, y, 1, cov="unscaled")
    assert [v for row in cov.tolist() for v in row] == pytest.approx([0.2, -0.3, -0.3, 0.7])
    with pytest.raises(ValueError, match=r"^cov: the number of data points must exceed order"):
        fastmath.polyfit([0.0, 1.0], [1.0, 2.0], 1, cov=True)
    with pytest.raises(ValueError, match=r'^cov: expected True, False or "unscaled"'):
        fastmath.polyfit(x, y, 1, cov="scaled")
    with pytest.raises(TypeError, match=r"^w: expected a 1-d array for weights"):
        fastmath.polyfit(x, y, 1, w=[[1.0] * 4])
    with pytest.raises(TypeError, match=r"^w: expected w and y to have the same length"):
        fastmath.polyfit(x, y, 1, w=[1.0])
    with pytest.raises(TypeError, match=r"^full: expected True or False"):
        fastmath.polyfit(x, y, 1, full="yes")


@pytest.mark.needs_numpy
def test_polyfit_keywords_match_numpy():
    import numpy as np

    rng = np.random.default_rng(9)
    for m, deg in [(10, 1), (30, 3), (12, 5), (4, 6)]:
        x = np.sort(rng.standard_normal(m))
        y = rng.standard_normal((m, 2))
        w = rng.uniform(0.1, 3, m)
        for yy in [y[:, 0], y]:
            for kw in [{"w": w}, {"rcond": 1e-3}, {"w": w, "rcond": None}]:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", np.exceptions.RankWarning)
                    want = np.polyfit(x, yy, deg, **kw)
                got = fastmath.polyfit(x, yy, deg, **kw)
                np.testing.assert_allclose(
                    fitted(np, got, x), fitted(np, want, x), rtol=1e-8, atol=1e-8
                )
            want = np.polyfit(x, yy, deg, w=w, full=True)
            got = fastmath.polyfit(x, yy, deg, w=w, full=True)
            assert len(got) == 5 and type(got[2]) is type(want[2]) and got[2] == want[2]
            for g, wv in zip(got[1::2], want[1::2], strict=True):  # residuals, singular values
                assert g.shape == wv.shape
                np.testing.assert_allclose(g, wv, rtol=1e-8, atol=1e-12)
            assert got[4] == want[4]
            if m > deg + 1:
                for cov in (True, "unscaled"):
                    want = np.polyfit(x, yy, deg, w=w, cov=cov)
                    got = fastmath.polyfit(x, yy, deg, w=w, cov=cov)
                    assert got[1].shape == want[1].shape, cov
                    np.testing.assert_allclose(got[1], want[1], rtol=1e-6, atol=1e-12)
