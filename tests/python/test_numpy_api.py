"""API part 1 against numpy as the oracle: odd shapes, NaN/inf, every input kind. Host only
(numpy has no Pyodide wheel here): the in-Pyodide run deselects `needs_numpy`."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import fastmath

np = pytest.importorskip("numpy")
pytestmark = pytest.mark.needs_numpy

shapes = hnp.array_shapes(min_dims=1, max_dims=2, min_side=0, max_side=9)
any_floats = st.floats(width=64)
finite = st.floats(min_value=-1e100, max_value=1e100)


def arrays(elements=any_floats, shape=shapes):
    return hnp.arrays(np.float64, shape, elements=elements)


UNARY = ["square", "sqrt", "exp", "log", "log1p", "expm1", "sin", "cos", "tan", "tanh", "abs"]


@pytest.mark.parametrize("name", UNARY)
@settings(max_examples=40, deadline=None)
@given(arrays())
def test_unary_vs_numpy(name, x):
    with np.errstate(all="ignore"):
        expected = getattr(np, name)(x)
    got = getattr(fastmath, name)(x)
    assert isinstance(got, np.ndarray) and got.shape == x.shape
    np.testing.assert_allclose(got, expected, rtol=5e-16, atol=0, equal_nan=True)


@settings(max_examples=40, deadline=None)
@given(arrays())
def test_sigmoid_relu_clip_vs_numpy(x):
    with np.errstate(all="ignore"):
        np.testing.assert_allclose(
            fastmath.sigmoid(x), 1 / (1 + np.exp(-x)), rtol=1e-15, atol=1e-300, equal_nan=True
        )
    np.testing.assert_array_equal(fastmath.relu(x), np.maximum(x, 0))
    np.testing.assert_array_equal(fastmath.clip(x, -1.5, 2.5), np.clip(x, -1.5, 2.5))


@pytest.mark.parametrize("name", ["add", "subtract", "multiply", "divide"])
@settings(max_examples=40, deadline=None)
@given(st.data())
def test_binary_vs_numpy(name, data):
    x = data.draw(arrays())
    y = data.draw(arrays(shape=st.just(x.shape)))
    s = data.draw(any_floats)
    op = getattr(np, name)
    with np.errstate(all="ignore"):
        np.testing.assert_array_equal(getattr(fastmath, name)(x, y), op(x, y))
        np.testing.assert_array_equal(getattr(fastmath, name)(x, s), op(x, s))
        np.testing.assert_array_equal(getattr(fastmath, name)(s, x), op(s, x))


@settings(max_examples=60, deadline=None)
@given(arrays(finite), st.sampled_from([None, 0, 1]))
def test_reductions_vs_numpy(x, axis):
    if axis is not None and x.ndim == 1 and axis == 1:
        axis = 0
    scale = np.sum(np.abs(x), axis=axis) if x.size else 0.0
    with np.errstate(all="ignore"):
        np.testing.assert_allclose(
            fastmath.sum(x, axis=axis),
            np.sum(x, axis=axis),
            rtol=1e-15,
            atol=np.max(scale, initial=0) * 1e-15 + 1e-300,
        )
        if x.size and (axis is None or x.shape[axis] > 0):
            np.testing.assert_allclose(
                fastmath.mean(x, axis=axis),
                np.mean(x, axis=axis),
                rtol=1e-12,
                atol=1e-300 + 1e-12 * np.max(np.abs(x)),
            )
            np.testing.assert_array_equal(fastmath.min(x, axis=axis), np.min(x, axis=axis))
            np.testing.assert_array_equal(fastmath.max(x, axis=axis), np.max(x, axis=axis))
            for ddof in (0, 1):
                expected = np.var(x, axis=axis, ddof=ddof)
                np.testing.assert_allclose(
                    fastmath.var(x, axis=axis, ddof=ddof),
                    expected,
                    rtol=1e-10,
                    atol=1e-300 + 1e-10 * np.max(x * x),
                )


@settings(max_examples=60, deadline=None)
@given(arrays(any_floats, hnp.array_shapes(min_dims=1, max_dims=1, min_side=1, max_side=50)))
def test_arg_and_cumulative_vs_numpy(x):
    assert fastmath.argmin(x) == np.argmin(x)
    assert fastmath.argmax(x) == np.argmax(x)
    if np.all(np.isfinite(x)) and np.max(np.abs(x)) < 1e300:
        # Compared with numpy's plain running sum within its own error bound (fastmath's may be
        # closer to the exact value: it compensates).
        bound = np.cumsum(np.abs(x)) * len(x) * np.finfo(float).eps
        assert np.all(np.abs(fastmath.cumsum(x) - np.cumsum(x)) <= bound)
    assert fastmath.argsort(x).tolist() == np.argsort(x, kind="stable").tolist()
    np.testing.assert_array_equal(fastmath.sort(x), np.sort(x))
    np.testing.assert_array_equal(fastmath.unique(x), np.unique(x))


@settings(max_examples=60, deadline=None)
@given(arrays(finite, hnp.array_shapes(min_dims=1, max_dims=1, min_side=0, max_side=50)))
def test_norm_vs_numpy(x):
    for ord_ in (1, math.inf):
        np.testing.assert_allclose(
            fastmath.norm(x, ord=ord_), np.linalg.norm(x, ord=ord_), rtol=1e-14
        )
    # numpy's 2-norm squares without scaling and underflows for tiny values (1e-237 -> 0.0);
    # math.hypot scales, like fastmath.
    np.testing.assert_allclose(fastmath.norm(x), math.hypot(*x), rtol=1e-14)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 12), st.integers(1, 12), st.integers(1, 12), st.integers(0, 2**32 - 1))
def test_linalg_vs_numpy(m, k, n, seed):
    rng = np.random.default_rng(seed)
    a, b = rng.standard_normal((m, k)), rng.standard_normal((k, n))
    np.testing.assert_allclose(fastmath.matmul(a, b), a @ b, rtol=1e-12, atol=1e-12)
    sq = rng.standard_normal((m, m)) + m * np.eye(m)
    rhs = rng.standard_normal(m)
    np.testing.assert_allclose(
        fastmath.solve(sq, rhs), np.linalg.solve(sq, rhs), rtol=1e-10, atol=1e-12
    )
    np.testing.assert_allclose(fastmath.inv(sq), np.linalg.inv(sq), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(fastmath.det(sq), np.linalg.det(sq), rtol=1e-10)
    spd = sq @ sq.T + np.eye(m)
    np.testing.assert_allclose(
        fastmath.cholesky(spd), np.linalg.cholesky(spd), rtol=1e-10, atol=1e-12
    )
    np.testing.assert_allclose(
        fastmath.eigh(spd)[0], np.linalg.eigh(spd)[0], rtol=1e-10, atol=1e-10
    )
    np.testing.assert_allclose(
        fastmath.svd(a)[1], np.linalg.svd(a, compute_uv=False), rtol=1e-10, atol=1e-12
    )
    rhs = rng.standard_normal(m)
    np.testing.assert_allclose(
        fastmath.lstsq(a, rhs)[0], np.linalg.lstsq(a, rhs, rcond=None)[0], rtol=1e-8, atol=1e-10
    )
    np.testing.assert_allclose(fastmath.transpose(a), a.T)


batch_shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)


@settings(max_examples=60, deadline=None)
@given(batch_shapes, st.integers(0, 4), st.integers(0, 2**32 - 1), st.booleans())
def test_stacked_linalg_vs_numpy(batch, n, seed, strided):
    """Stacks (..., n, n) matrix by matrix, incl. empty stacks and non-contiguous views."""
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((*batch, n, 2 * n if strided else n))
    if strided:
        a = a[..., ::2]  # every other column: a non-contiguous view
    a = a + 3 * n * np.eye(n)  # well-conditioned
    spd = a @ np.swapaxes(a, -1, -2) + np.eye(n)

    def close(got, want):
        assert np.shape(got) == np.shape(want)
        np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-10)

    close(fastmath.inv(a), np.linalg.inv(a))
    close(fastmath.det(a), np.linalg.det(a))
    close(fastmath.cholesky(spd), np.linalg.cholesky(spd))
    close(fastmath.eigh(spd)[0], np.linalg.eigh(spd)[0])
    close(fastmath.svd(a)[1], np.linalg.svd(a, compute_uv=False))
    q, r = fastmath.qr(a)
    close(np.matmul(q, r), a)
    rhs = rng.standard_normal((*batch, n, 2))
    close(fastmath.solve(a, rhs), np.linalg.solve(a, rhs))
    vector = rng.standard_normal(n)  # numpy 2: a 1-D b is one right-hand side for all
    close(fastmath.solve(a, vector), np.linalg.solve(a, vector))
    close(fastmath.matmul(a, rhs), np.matmul(a, rhs))


@pytest.mark.parametrize(
    ("a_shape", "b_shape"),
    [((2, 1, 3, 4), (5, 4, 2)), ((3, 4), (2, 4, 1)), ((4,), (2, 3, 4, 5)), ((2, 3, 4), (4,))],
)
def test_matmul_broadcasts_like_numpy(a_shape, b_shape):
    rng = np.random.default_rng(7)
    a, b = rng.standard_normal(a_shape), rng.standard_normal(b_shape)
    got = fastmath.matmul(a, b)
    assert got.shape == np.matmul(a, b).shape
    np.testing.assert_allclose(got, np.matmul(a, b), rtol=1e-12, atol=1e-12)


def test_stacked_shape_errors_use_numpys_words():
    with pytest.raises(
        ValueError,
        match=r"operands could not be broadcast together with shapes \(2,3,3\) \(4,3,1\)",
    ):
        fastmath.solve(np.ones((2, 3, 3)), np.ones((4, 3, 1)))
    with pytest.raises(fastmath.LinAlgError, match="a: expected a matrix or a stack of them"):
        fastmath.det(np.ones(3))
    with pytest.raises(ValueError, match="a must be square, got 2x3"):
        fastmath.inv(np.ones((0, 2, 3)))


def test_memoryview_result_wraps_without_copy():
    out = fastmath.matmul([[1.0, 2.0]], [[3.0], [4.0]])
    wrapped = np.asarray(out)
    assert wrapped.shape == (1, 1) and wrapped[0, 0] == 11.0
    wrapped[0, 0] = 0.0
    assert out[0, 0] == 0.0


def test_index_results_are_numpy_int64_for_numpy_input():
    out = fastmath.argsort(np.array([2.0, 1.0]))
    assert out.dtype == np.int64


@settings(max_examples=40, deadline=None)
@given(batch_shapes, st.integers(0, 4), st.integers(0, 4), st.integers(0, 2**32 - 1))
def test_linalg_keywords_vs_numpy(batch, m, n, seed):
    """numpy's keywords: svd(full_matrices, compute_uv), qr(mode), eigh(UPLO), cholesky(upper)."""
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((*batch, m, n))
    s = np.linalg.svd(a, compute_uv=False)
    np.testing.assert_allclose(fastmath.svd(a, compute_uv=False), s, rtol=1e-10, atol=1e-12)
    for full in (True, False):
        u, s_, vh = fastmath.svd(a, full_matrices=full)
        nu, _, nvh = np.linalg.svd(a, full_matrices=full)
        assert u.shape == nu.shape and vh.shape == nvh.shape
        k = min(m, n)
        recon = np.matmul(u[..., :, :k] * s_[..., None, :], vh[..., :k, :])
        np.testing.assert_allclose(recon, a, rtol=1e-10, atol=1e-10)
        np.testing.assert_allclose(
            np.matmul(np.swapaxes(u, -1, -2), u),
            np.broadcast_to(np.eye(u.shape[-1]), (*batch, u.shape[-1], u.shape[-1])),
            atol=1e-10,
        )
        np.testing.assert_allclose(
            np.matmul(vh, np.swapaxes(vh, -1, -2)),
            np.broadcast_to(np.eye(vh.shape[-2]), (*batch, vh.shape[-2], vh.shape[-2])),
            atol=1e-10,
        )
    for mode in ("reduced", "complete"):
        q, r = fastmath.qr(a, mode=mode)
        nq, nr = np.linalg.qr(a, mode=mode)
        assert q.shape == nq.shape and r.shape == nr.shape
        np.testing.assert_allclose(np.matmul(q, r), a, rtol=1e-10, atol=1e-10)
        np.testing.assert_allclose(np.triu(r), r, atol=0)
    assert fastmath.qr(a, mode="r").shape == np.linalg.qr(a, mode="r").shape
    sq = a[..., :m, :m] if n >= m else rng.standard_normal((*batch, m, m))
    sym_lower = np.tril(sq) + np.tril(sq, -1).swapaxes(-1, -2)
    garbage_upper = np.tril(sq) + np.triu(np.full_like(sq, 7.0), 1)
    np.testing.assert_allclose(
        fastmath.eigh(garbage_upper)[0], np.linalg.eigh(sym_lower)[0], atol=1e-10
    )
    upper_only = np.swapaxes(garbage_upper, -1, -2)
    np.testing.assert_allclose(
        fastmath.eigh(upper_only, UPLO="U")[0], np.linalg.eigh(upper_only, UPLO="U")[0], atol=1e-10
    )
    spd = np.matmul(sq, np.swapaxes(sq, -1, -2)) + np.eye(m)
    np.testing.assert_allclose(
        fastmath.cholesky(spd, upper=True),
        np.linalg.cholesky(spd, upper=True),
        rtol=1e-10,
        atol=1e-12,
    )


def test_linalg_keyword_refusals():
    with pytest.raises(
        ValueError, match="mode: expected one of 'reduced', 'complete', 'r', 'raw', got 'full'"
    ):
        fastmath.qr(np.eye(2), mode="full")
    with pytest.raises(ValueError, match="UPLO: expected one of 'L', 'U', got 'X'"):
        fastmath.eigh(np.eye(2), UPLO="X")
    upper = np.array([[2.0, 1.0], [9.0, 2.0]])  # the lower triangle is not read with "U"/"u"
    np.testing.assert_array_equal(fastmath.eigh(upper, "u")[0], fastmath.eigh(upper, UPLO="U")[0])


@settings(max_examples=60, deadline=None)
@given(
    arrays(any_floats, hnp.array_shapes(min_dims=1, max_dims=4, min_side=0, max_side=5)),
    st.data(),
)
def test_sort_and_argsort_along_any_axis_vs_numpy(x, data):
    axis = data.draw(st.sampled_from([None, *range(-x.ndim, x.ndim)]))
    view = x[..., ::-1] if data.draw(st.booleans()) else x  # negative strides too
    np.testing.assert_array_equal(fastmath.sort(view, axis=axis), np.sort(view, axis=axis))
    np.testing.assert_array_equal(
        fastmath.argsort(view, axis=axis), np.argsort(view, axis=axis, stable=True)
    )


@settings(max_examples=60, deadline=None)
@given(arrays(finite, hnp.array_shapes(min_dims=1, max_dims=5, min_side=0, max_side=4)), st.data())
def test_transpose_any_axes_vs_numpy(x, data):
    view = x[..., ::-1] if data.draw(st.booleans()) else x
    axes = data.draw(st.one_of(st.none(), st.permutations(range(x.ndim)).map(tuple)))
    want = np.transpose(view, axes)
    got = fastmath.transpose(view, axes)
    assert got.shape == want.shape
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("name", ["sum", "prod", "mean", "var", "std", "min", "max"])
# Moderate values: prod multiplies in lanes, so with extreme ones its underflow and overflow
# (0 * inf) happen at other steps than numpy's sequential product.
@settings(max_examples=50, deadline=None)
@given(arrays(finite, hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=4)), st.data())
def test_reductions_over_any_axes_vs_numpy(name, x, data):
    """axis None, an int or a tuple (negative too), keepdims, strided views: numpy's shapes
    and values."""
    if name == "prod":
        x = np.clip(x, -4.0, 4.0)
        x[np.abs(x) < 0.25] = 0.5
    view = x[..., ::-1] if data.draw(st.booleans()) else x
    axis = data.draw(
        st.one_of(
            st.none(),
            st.integers(-x.ndim, x.ndim - 1),
            st.lists(st.integers(0, x.ndim - 1), unique=True).map(tuple),
        )
    )
    keepdims = data.draw(st.booleans())
    want = getattr(np, name)(view, axis=axis, keepdims=keepdims)
    got = getattr(fastmath, name)(view, axis=axis, keepdims=keepdims)
    assert np.shape(got) == np.shape(want)
    # numpy's var/std round (its mean is a plain sum) where ours is compensated: tolerate
    # rounding at the data's scale.
    scale = float(np.max(np.abs(x))) or 1.0
    total = float(np.sum(np.abs(x)))
    atol = {
        "var": 1e-12 * scale * scale,
        "std": 1e-6 * scale,
        # numpy's sum is pairwise, ours compensated: numpy's own error.
        "sum": 1e-12 * total,
        "mean": 1e-12 * total,
    }.get(name, 1e-300)
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=atol)


def test_axis_errors_follow_numpy():
    x = np.ones((2, 3, 4))
    with pytest.raises(ValueError, match="axis: duplicate value in 'axis'"):
        fastmath.sum(x, axis=(0, -3))
    with pytest.raises(ValueError, match="axis: axis 3 is out of bounds for array of dimension 3"):
        fastmath.mean(x, axis=(0, 3))
    assert fastmath.sum(x, axis=()).shape == (2, 3, 4)


@pytest.mark.parametrize("name", ["argmin", "argmax"])
@settings(max_examples=50, deadline=None)
@given(
    arrays(any_floats, hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=4)), st.data()
)
def test_argmin_argmax_along_an_axis_vs_numpy(name, x, data):
    view = x[..., ::-1] if data.draw(st.booleans()) else x
    axis = data.draw(st.one_of(st.none(), st.integers(-x.ndim, x.ndim - 1)))
    keepdims = data.draw(st.booleans())
    want = getattr(np, name)(view, axis=axis, keepdims=keepdims)
    got = getattr(fastmath, name)(view, axis=axis, keepdims=keepdims)
    assert np.shape(got) == np.shape(want)
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("name", ["cumsum", "cumprod"])
@settings(max_examples=50, deadline=None)
@given(arrays(finite, hnp.array_shapes(min_dims=1, max_dims=4, min_side=0, max_side=4)), st.data())
def test_cumsum_cumprod_along_an_axis_vs_numpy(name, x, data):
    view = x[..., ::-1] if data.draw(st.booleans()) else x
    axis = data.draw(st.one_of(st.none(), st.integers(-x.ndim, x.ndim - 1)))
    with np.errstate(all="ignore"):
        want = getattr(np, name)(view, axis=axis)
    got = getattr(fastmath, name)(view, axis=axis)
    assert np.shape(got) == np.shape(want)
    # numpy's running sums round at each step, ours are compensated: tolerate numpy's error.
    atol = 1e-12 * float(np.sum(np.abs(x))) if name == "cumsum" else 0.0
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=atol)


@settings(max_examples=80, deadline=None)
@given(arrays(finite, hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=4)), st.data())
def test_norm_vs_numpy_any_ord_and_axes(x, data):
    keepdims = data.draw(st.booleans())
    if data.draw(st.booleans()) and x.ndim >= 2:
        axis = tuple(data.draw(st.permutations(range(x.ndim)))[:2])
        ord_ = data.draw(st.sampled_from([None, "fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf]))
    else:
        axis = data.draw(st.integers(-x.ndim, x.ndim - 1))
        ord_ = data.draw(st.sampled_from([None, 0, 1, 2, 3, 0.5, -1, np.inf, -np.inf]))
    with np.errstate(all="ignore"):
        want = np.linalg.norm(x, ord=ord_, axis=axis, keepdims=keepdims)
    got = fastmath.norm(x, ord=ord_, axis=axis, keepdims=keepdims)
    assert np.shape(got) == np.shape(want)
    # numpy's 2-norm squares unscaled: below ~1e-154 its squares underflow where ours do not.
    atol = max(1e-9 * float(np.max(np.abs(x))), 1e-150)
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=atol)


@pytest.mark.parametrize("name", ["add", "subtract", "multiply", "divide"])
@settings(max_examples=40, deadline=None)
@given(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=4, max_side=4), st.data())
def test_binary_broadcasting_vs_numpy(name, shapes, data):
    x = data.draw(arrays(shape=st.just(shapes.input_shapes[0])))
    y = data.draw(arrays(shape=st.just(shapes.input_shapes[1])))
    with np.errstate(all="ignore"):
        want = getattr(np, name)(x, y)
    got = getattr(fastmath, name)(x, y)
    assert np.shape(got) == np.shape(want)
    np.testing.assert_array_equal(got, want)
