"""Linear algebra: defining properties checked in pure Python (runs in Pyodide too), shapes,
and errors. numpy comparisons are in test_numpy_linalg.py.

Tolerances follow the documented bounds: residuals of backward-stable factorizations are
O(n * eps * ||A||); we allow a constant of 1000.
"""

import array
import math
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from reference import frobenius, identity, matmul, max_abs_diff, to_lists, transpose

import fastmath

EPS = sys.float_info.epsilon


def matrices(min_rows=1, max_rows=6, min_cols=1, max_cols=6, square=False):
    values = st.floats(min_value=-10, max_value=10, allow_nan=False)

    @st.composite
    def build(draw):
        rows = draw(st.integers(min_rows, max_rows))
        cols = rows if square else draw(st.integers(min_cols, max_cols))
        return [[draw(values) for _ in range(cols)] for _ in range(rows)]

    return build()


def well_conditioned(n_max=6):
    """Diagonally dominant matrices: safely invertible."""

    @st.composite
    def build(draw):
        a = draw(matrices(max_rows=n_max, square=True))
        n = len(a)
        for i in range(n):
            a[i][i] = math.fsum(abs(v) for v in a[i]) + 1.0
        return a

    return build()


def spd(n_max=6):
    @st.composite
    def build(draw):
        m = draw(matrices(max_rows=n_max, square=True))
        n = len(m)
        a = matmul(m, transpose(m))
        for i in range(n):
            a[i][i] += n
        return a

    return build()


def close(a, b, scale, n):
    return max_abs_diff(a, b) <= 1000 * n * EPS * max(scale, 1.0)


@settings(max_examples=60, deadline=None)
@given(matrices(), st.data())
def test_matmul_matches_reference(a, data):
    k = len(a[0])
    n = data.draw(st.integers(1, 6))
    b = data.draw(
        st.lists(st.lists(st.floats(-10, 10), min_size=n, max_size=n), min_size=k, max_size=k)
    )
    got = to_lists(fastmath.matmul(a, b))
    assert close(got, matmul(a, b), frobenius(a) * frobenius(b), k)


def test_matmul_vector_forms():
    a = [[1.0, 2.0], [3.0, 4.0]]
    assert fastmath.matmul(a, [1, 1]).tolist() == [3.0, 7.0]
    assert fastmath.matmul([1, 1], a).tolist() == [4.0, 6.0]
    assert fastmath.matmul([1, 2], [3, 4]) == 11.0


def test_matmul_shape_errors_say_what_came():
    with pytest.raises(ValueError, match="matmul: a is 1x2 but b is 1x2"):
        fastmath.matmul([[1, 2]], [[1, 2]])
    with pytest.raises(ValueError, match="a: matmul takes arrays"):
        fastmath.matmul(2.0, [[1.0]])


def test_transpose():
    assert to_lists(fastmath.transpose([[1, 2, 3], [4, 5, 6]])) == [[1, 4], [2, 5], [3, 6]]
    assert fastmath.transpose([1, 2]).tolist() == [1.0, 2.0]


@settings(max_examples=60, deadline=None)
@given(well_conditioned())
def test_solve_and_inv(a):
    n = len(a)
    b = [float(i + 1) for i in range(n)]
    x = fastmath.solve(a, b).tolist()
    residual = [
        math.fsum(r * v for r, v in zip(row, x, strict=True)) - bi
        for row, bi in zip(a, b, strict=True)
    ]
    assert max(abs(r) for r in residual) <= 1000 * n * EPS * frobenius(a) * max(map(abs, x))
    inverse = to_lists(fastmath.inv(a))
    assert close(matmul(a, inverse), identity(n), frobenius(a) * frobenius(inverse), n)
    b2 = [[float(i), 1.0] for i in range(n)]
    x2 = to_lists(fastmath.solve(a, b2))
    assert close(matmul(a, x2), b2, frobenius(a) * frobenius(x2), n)


def test_singular_raises_linalg_error():
    with pytest.raises(fastmath.LinAlgError, match=r"(?i)inv: singular matrix"):
        fastmath.inv([[1, 2], [2, 4]])
    with pytest.raises(fastmath.LinAlgError):
        fastmath.solve([[0, 0], [0, 0]], [1, 1])
    assert issubclass(fastmath.LinAlgError, ValueError)


def test_det():
    assert fastmath.det([[1, 2], [3, 4]]) == pytest.approx(-2.0, rel=1e-14)
    assert fastmath.det([[1, 2], [2, 4]]) == 0.0
    assert fastmath.det([[2, 0, 0], [0, 3, 0], [0, 0, 4]]) == pytest.approx(24.0, rel=1e-14)


def test_tiny_and_huge_matrices():
    # Subnormal and near-overflow entries, where an unscaled decomposition fails or returns
    # zeros (numpy's LAPACK scales them first; so does fastmath).
    t = 2.2250738585e-313
    assert fastmath.eigh([[0, 0, 0], [0, 0, 0], [0, 0, t]])[0].tolist() == [0.0, 0.0, t]
    assert fastmath.svd([[t, 0], [0, 0]])[1].tolist() == [t, 0.0]
    assert fastmath.svd([[1e300, 0], [0, 1e160]])[1].tolist() == [1e300, 1e160]
    r = to_lists(fastmath.qr([[t, 0], [0, t]])[1])
    assert [abs(r[0][0]), abs(r[1][1])] == [t, t]
    tiny = 2.0**-1070
    assert fastmath.det([[tiny, 0], [0, 1]]) == tiny
    assert fastmath.solve([[tiny, 0], [0, 1]], [tiny, 3]).tolist() == [1.0, 3.0]
    assert fastmath.det([[1e200, 0, 0], [0, 1e200, 0], [0, 0, 1e-300]]) == pytest.approx(1e100)


@settings(max_examples=60, deadline=None)
@given(spd())
def test_cholesky(a):
    n = len(a)
    lower = to_lists(fastmath.cholesky(a))
    assert all(lower[i][j] == 0.0 for i in range(n) for j in range(i + 1, n))
    assert close(matmul(lower, transpose(lower)), a, frobenius(a), n)


def test_cholesky_not_positive_definite():
    with pytest.raises(
        fastmath.LinAlgError, match=r"(?i)cholesky: matrix is not positive definite"
    ):
        fastmath.cholesky([[1, 2], [2, 1]])


@settings(max_examples=60, deadline=None)
@given(matrices())
def test_qr(a):
    m, n = len(a), len(a[0])
    k = min(m, n)
    q, r = fastmath.qr(a)
    q, r = to_lists(q), to_lists(r)
    assert (len(q), len(q[0]), len(r), len(r[0])) == (m, k, k, n)
    assert all(r[i][j] == 0.0 for i in range(k) for j in range(min(i, n)))
    assert close(matmul(q, r), a, frobenius(a), max(m, n))
    assert close(matmul(transpose(q), q), identity(k), 1.0, m)


@settings(max_examples=40, deadline=None)
@given(matrices())
def test_qr_raw_reflectors_rebuild_a(a):
    """mode='raw' (numpy's plain tuple of LAPACK's reflector form): h is n x m, row j holding
    R's column j on and above the diagonal and Householder vector j's tail below it; applying
    H_0 ... H_(k-1), H_j = I - tau_j v_j v_j^T, to R gives a back (without numpy: lists)."""
    m, n = len(a), len(a[0])
    k = min(m, n)
    result = fastmath.qr(a, mode="raw")
    assert type(result) is tuple and len(result) == 2
    h, tau = to_lists(result[0]), result[1].tolist()
    assert (len(h), len(h[0]), len(tau)) == (n, m, k)
    rebuilt = [[h[j][i] if i <= j else 0.0 for j in range(n)] for i in range(m)]  # R
    for j in reversed(range(k)):  # a = H_0 (H_1 (... (H_(k-1) R)))
        v = [0.0] * j + [1.0] + [h[j][i] for i in range(j + 1, m)]
        assert 0.0 <= tau[j] <= 2.0
        for c in range(n):
            dot = sum(v[i] * rebuilt[i][c] for i in range(m))
            for i in range(m):
                rebuilt[i][c] -= tau[j] * v[i] * dot
    assert close(rebuilt, a, frobenius(a), max(m, n))


@settings(max_examples=60, deadline=None)
@given(matrices(square=True))
@example(m=[[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 2.2250738585e-313]])
def test_eigh(m):
    a = [
        [(x + y) / 2 for x, y in zip(r1, r2, strict=True)]
        for r1, r2 in zip(m, transpose(m), strict=True)
    ]
    n = len(a)
    w, v = fastmath.eigh(a)
    w, v = w.tolist(), to_lists(v)
    assert w == sorted(w)
    vwvt = matmul(
        matmul(v, [[w[i] if i == j else 0.0 for j in range(n)] for i in range(n)]), transpose(v)
    )
    assert close(vwvt, a, frobenius(a), n)
    assert close(matmul(transpose(v), v), identity(n), 1.0, n)


@settings(max_examples=60, deadline=None)
@given(matrices())
def test_svd(a):
    m, n = len(a), len(a[0])
    k = min(m, n)
    u, s, vt = fastmath.svd(a, full_matrices=False)
    u, s, vt = to_lists(u), s.tolist(), to_lists(vt)
    assert len(s) == k and s == sorted(s, reverse=True) and all(v >= 0 for v in s)
    usv = matmul(matmul(u, [[s[i] if i == j else 0.0 for j in range(k)] for i in range(k)]), vt)
    assert close(usv, a, frobenius(a), max(m, n))
    # numpy's default: u m x m and vt n x n, whose first k columns / rows are the reduced ones'.
    u_full, s_full, vt_full = fastmath.svd(a)
    assert (len(to_lists(u_full)), len(to_lists(vt_full))) == (m, n)
    assert s_full.tolist() == pytest.approx(s, rel=1e-12, abs=1e-12)
    assert fastmath.svd(a, compute_uv=False).tolist() == pytest.approx(s, rel=1e-12, abs=1e-12)


def test_lstsq_minimum_norm_on_rank_deficient():
    # Columns equal: infinitely many solutions; the minimum-norm one splits evenly.
    x, _residuals, rank, _s = fastmath.lstsq([[1, 1], [1, 1]], [2, 2])
    assert rank == 1
    assert x.tolist() == pytest.approx([1.0, 1.0], rel=1e-12)
    x, residuals, rank, _s = fastmath.lstsq([[1, 0], [0, 1], [1, 1]], [1, 1, 2])
    assert rank == 2 and x.tolist() == pytest.approx([1.0, 1.0], rel=1e-12)
    assert residuals.tolist()[0] == pytest.approx(0.0, abs=1e-20)


def test_linalg_shape_errors():
    # numpy.linalg's class for a matrix that is not square (a ValueError).
    with pytest.raises(fastmath.LinAlgError, match="a must be square, got 2x3"):
        fastmath.solve([[1, 2, 3], [4, 5, 6]], [1, 2])
    with pytest.raises(fastmath.LinAlgError, match="a: expected a matrix or a stack of them"):
        fastmath.inv([1, 2])
    with pytest.raises(fastmath.LinAlgError, match="eigh: a must be square, got 1x3"):
        fastmath.eigh([[1, 2, 3]])


def test_empty_two_dimensional_results():
    # A memoryview cannot have a zero in its shape: without numpy the call says so; with numpy
    # installed the result is an empty numpy array of the right shape.
    import importlib.util

    if importlib.util.find_spec("numpy") is None:
        with pytest.raises(ValueError, match=r"\(0, 1\), which needs numpy"):
            fastmath.transpose([[]])
    else:
        assert fastmath.transpose([[]]).shape == (0, 1)
        q, r = fastmath.qr([[], []])
        assert q.shape == (2, 0) and r.shape == (0, 0)


def test_stacks_of_matrices_from_stdlib_buffers():
    # Two 2x2 matrices, diag(2, 4) and [[1, 2], [3, 4]], as a 3-D memoryview (no numpy).
    stack = memoryview(array.array("d", [2, 0, 0, 4, 1, 2, 3, 4])).cast("B").cast("d", (2, 2, 2))
    assert fastmath.det(stack).tolist() == pytest.approx([8.0, -2.0], rel=1e-12)
    inverse = fastmath.inv(stack)
    assert inverse.shape == (2, 2, 2)
    assert inverse.tolist()[1] == [pytest.approx([-2.0, 1.0]), pytest.approx([1.5, -0.5])]
    # One right-hand side for both; then matmul with broadcasting of a (2, 1) matrix.
    assert fastmath.solve(stack, [2, 4]).tolist() == [
        pytest.approx([1.0, 1.0]),
        pytest.approx([0.0, 1.0]),
    ]
    assert fastmath.matmul(stack, [[1], [1]]).tolist() == [[[2.0], [4.0]], [[3.0], [7.0]]]
    w, _v = fastmath.eigh([[[2, 1], [1, 2]], [[5, 0], [0, 1]]])
    assert w.tolist() == [pytest.approx([1.0, 3.0]), pytest.approx([1.0, 5.0])]


def test_named_results_as_numpy_2():
    qr = fastmath.qr([[3, 0], [4, 5]])
    assert isinstance(qr, fastmath.QRResult) and isinstance(qr, tuple) and qr._fields == ("Q", "R")
    q, r = qr
    assert (q, r) == (qr.Q, qr.R)
    eigh = fastmath.eigh([[2, 1], [1, 2]])
    assert eigh._fields == ("eigenvalues", "eigenvectors")
    assert eigh.eigenvalues.tolist() == pytest.approx([1.0, 3.0])
    svd = fastmath.svd([[3, 0], [0, 4]])
    assert type(svd).__name__ == "SVDResult" and svd._fields == ("U", "S", "Vh")
    assert svd.S.tolist() == [4.0, 3.0]
    # A single array stays an array; lstsq's result is a plain tuple, as numpy's.
    assert not isinstance(fastmath.qr([[1, 2], [3, 4]], mode="r"), tuple)
    assert type(fastmath.lstsq([[1, 0], [0, 1]], [1, 2])) is tuple


def test_transpose_reverses_every_axis_of_stdlib_buffers():
    cube = memoryview(array.array("d", range(8))).cast("B").cast("d", (2, 2, 2))
    assert fastmath.transpose(cube).tolist() == [
        [[0.0, 4.0], [2.0, 6.0]],
        [[1.0, 5.0], [3.0, 7.0]],
    ]
    assert fastmath.transpose(cube, (0, 2, 1)).tolist() == [
        [[0.0, 2.0], [1.0, 3.0]],
        [[4.0, 6.0], [5.0, 7.0]],
    ]
    with pytest.raises(ValueError, match="axes: repeated axis in transpose"):
        fastmath.transpose(cube, (0, 0, 1))


@pytest.mark.universal_backend
@pytest.mark.skipif(sys.platform != "emscripten", reason="fastmath._wasm imports in Pyodide only")
def test_universal_backend_wraps_results_as_the_table_says(monkeypatch):
    """The universal backend's generic wrapping (``_call._wrapped``, from ``_api.WRAPS``), on
    stand-ins: the in-Pyodide runs have no numpy, so the numpy path is checked through a
    module that only has an ``ndarray`` class (``_wrapped`` needs nothing else of numpy)."""
    import types

    from fastmath import _api
    from fastmath._wasm import _call

    class ndarray:  # numpy's name
        pass

    class Sub(ndarray):
        def __array_wrap__(self, value):
            return ("wrapped", value)

    fake = types.ModuleType("numpy")
    fake.ndarray = ndarray
    monkeypatch.setitem(sys.modules, "numpy", fake)
    rule = {name: _call._WRAPS[_api.FUNCTIONS.index(name)] for name in _api.WRAPS}
    sub, plain = Sub(), ndarray()
    named = _call._wrapped(rule["qr"], (sub,), {}, fastmath.QRResult(1, 2))
    assert type(named) is fastmath.QRResult and named == (("wrapped", 1), ("wrapped", 2))
    raw = _call._wrapped(rule["qr"], (), {"a": sub}, _call._Plain([1, 2]))
    assert type(raw) is tuple and raw == (("wrapped", 1), 2)
    assert type(_call._wrapped(rule["qr"], (plain,), {}, _call._Plain([1, 2]))) is tuple
    assert _call._wrapped(rule["qr"], (sub, "r"), {}, 7) == ("wrapped", 7)
    assert _call._wrapped(rule["svd"], (sub,), {}, 7) == 7  # S alone is not wrapped
    assert _call._wrapped(rule["solve"], (plain, sub), {}, 7) == ("wrapped", 7)
    assert _call._wrapped(rule["solve"], (sub, plain), {}, 7) == 7  # b's, not a's
    eigh = _call._wrapped(rule["eigh"], (sub,), {}, fastmath.EighResult(1, 2))
    assert eigh == (1, ("wrapped", 2))
