"""numpy.linalg's rules that numpy's own tests check (tests/numpy_suite), held against numpy on
the host: a result of an ndarray subclass argument is that subclass where numpy's is, and
fastmath's LinAlgError / AxisError are numpy's classes too once numpy is loaded. Host only
(the in-Pyodide run deselects `needs_numpy`)."""

import inspect
import subprocess
import sys

import pytest

import fastmath

np = pytest.importorskip("numpy")
pytestmark = pytest.mark.needs_numpy


class Tagged(np.ndarray):
    """An ndarray subclass whose `__array_wrap__` is observable: it counts its calls."""

    wraps = 0

    def __array_wrap__(self, array, context=None, return_scalar=False):
        Tagged.wraps += 1
        return super().__array_wrap__(array, context, return_scalar)


def _calls(rng):
    """(name, args, kwargs) of every linalg call whose results numpy wraps or does not."""
    square = rng.standard_normal((3, 4, 4)) + 4 * np.eye(4)
    spd = np.matmul(square, np.swapaxes(square, -1, -2))
    wide = rng.standard_normal((2, 3, 5))
    b = rng.standard_normal((3, 4, 2))
    tall = rng.standard_normal((6, 3))
    rhs = rng.standard_normal(6)
    return [
        ("solve", (square, b), {}),
        ("solve", (square[0], b[0, :, 0]), {}),
        ("inv", (square,), {}),
        ("det", (square,), {}),
        ("cholesky", (spd,), {}),
        ("cholesky", (spd,), {"upper": True}),
        ("qr", (wide,), {}),
        ("qr", (wide,), {"mode": "complete"}),
        ("qr", (wide,), {"mode": "r"}),
        ("qr", (wide,), {"mode": "raw"}),
        ("qr", (np.swapaxes(wide, -1, -2),), {"mode": "raw"}),
        ("lstsq", (tall, rhs), {}),
        ("lstsq", (tall, rng.standard_normal((6, 2))), {"rcond": None}),
        ("eigh", (spd,), {}),
        ("svd", (wide,), {}),
        ("svd", (wide,), {"full_matrices": False}),
        ("svd", (wide,), {"compute_uv": False}),
        ("norm", (wide,), {}),
        ("norm", (wide,), {"axis": (-2, -1)}),
    ]


def _flat(value):
    return list(value) if isinstance(value, tuple) else [value]


@pytest.mark.parametrize("which", ["a", "b", "both"])
@pytest.mark.parametrize("keyword", [False, True])
def test_subclass_results_follow_numpy(which, keyword):
    """Each result's type is numpy's type for the same call (numpy wraps with `a`'s
    `__array_wrap__`, or `b`'s for solve/lstsq, and only the matrix-like results), given
    positionally or by keyword, and the values are numpy's."""
    for name, args, kwargs in _calls(np.random.default_rng(7)):
        views = list(args)
        for i in range(len(views)):
            if which == "both" or "ab"[i] == which:
                views[i] = views[i].view(Tagged)
        params = inspect.signature(getattr(fastmath, name)).parameters.values()
        if keyword and all(p.kind is p.POSITIONAL_OR_KEYWORD for p in params):
            named = dict(zip((p.name for p in params), views, strict=False))
            ours_args, ours_kwargs = (), {**named, **kwargs}
        else:
            ours_args, ours_kwargs = tuple(views), kwargs
        Tagged.wraps = 0
        ours = getattr(fastmath, name)(*ours_args, **ours_kwargs)
        our_wraps = Tagged.wraps
        Tagged.wraps = 0
        theirs = getattr(np.linalg, name)(*views, **kwargs)
        assert our_wraps == Tagged.wraps, (name, kwargs)
        assert type(ours).__name__ == type(theirs).__name__, (name, kwargs)
        for got, want in zip(_flat(ours), _flat(theirs), strict=True):
            if isinstance(want, np.ndarray):
                assert type(got) is type(want), (name, kwargs, type(got), type(want))
            elif isinstance(want, np.integer):  # lstsq's rank: LAPACK's int32 in numpy, int64 here
                assert isinstance(got, np.integer)
            else:
                assert type(got) is type(want), (name, kwargs, type(got), type(want))
            if name not in ("qr", "svd", "eigh") or kwargs.get("mode") == "raw":
                # (other factors are unique up to signs; raw's are LAPACK's, signs included)
                np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)


def test_plain_ndarray_results_stay_ndarray():
    q, r = fastmath.qr(np.eye(3))
    assert type(q) is np.ndarray and type(r) is np.ndarray
    assert type(fastmath.inv(np.eye(2)[None])) is np.ndarray


def test_matrix_not_square_is_a_linalg_error_as_numpy():
    for call in (
        lambda: fastmath.inv(np.ones((0, 2, 3))),
        lambda: fastmath.solve(np.ones((2, 0, 1)), np.ones((1, 0, 3))),
        lambda: fastmath.eigh(np.ones((1, 3))),
        lambda: fastmath.det(np.ones((2, 3))),
        lambda: fastmath.cholesky(np.ones((3, 2))),
    ):
        with pytest.raises(np.linalg.LinAlgError, match="a must be square, got"):
            call()
        with pytest.raises(fastmath.LinAlgError):
            call()
    with pytest.raises(np.linalg.LinAlgError):
        np.linalg.inv(np.ones((0, 2, 3)))  # numpy's class for the same input


def test_errors_are_numpys_classes_once_numpy_is_loaded():
    with pytest.raises(np.linalg.LinAlgError, match="inv: Singular matrix") as err:
        fastmath.inv([[1.0, 2.0], [2.0, 4.0]])
    assert isinstance(err.value, fastmath.LinAlgError) and isinstance(err.value, ValueError)
    with pytest.raises(np.linalg.LinAlgError, match="Incompatible dimensions"):
        fastmath.lstsq(np.ones((4, 2)), np.ones(5))
    with pytest.raises(np.exceptions.AxisError, match="axis 3 is out of bounds") as err:
        fastmath.norm(np.ones((2, 2, 2)), None, 3)
    assert isinstance(err.value, fastmath.AxisError)
    assert isinstance(err.value, ValueError) and isinstance(err.value, IndexError)
    assert str(err.value) == "axis: axis 3 is out of bounds for array of dimension 3"
    # One class per fastmath class, made once.
    with pytest.raises(fastmath.LinAlgError) as again:
        fastmath.cholesky([[-1.0]])
    assert type(again.value) is fastmath._errors.compatible(fastmath.LinAlgError)


def test_errors_without_numpy_loaded_do_not_import_it():
    """In a fresh interpreter that has not imported numpy, the classes raised are fastmath's
    own and raising them imports nothing; once the program imports numpy, they are numpy's too."""
    script = """
import sys
import fastmath
assert "numpy" not in sys.modules
for call, cls in ((lambda: fastmath.inv([[0.0]]), fastmath.LinAlgError),
                  (lambda: fastmath.sum([1.0], axis=1), fastmath.AxisError)):
    try:
        call()
    except cls as e:
        assert type(e) is cls, type(e)
assert "numpy" not in sys.modules
import numpy
try:
    fastmath.inv([[0.0]])
except numpy.linalg.LinAlgError as e:
    assert isinstance(e, fastmath.LinAlgError)
try:
    fastmath.sum([1.0], axis=1)
except numpy.exceptions.AxisError as e:
    assert isinstance(e, fastmath.AxisError)
print("ok")
"""
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"


@pytest.mark.parametrize("dtype", ["float64", "float32", "int64"])
@pytest.mark.parametrize(
    "shape", [(4, 4), (6, 3), (3, 6), (1, 5), (5, 1), (2, 3, 5, 4), (3, 4, 2), (0, 3), (3, 0)]
)
def test_qr_raw_is_numpys(shape, dtype):
    """mode='raw' gives numpy's (LAPACK geqrf's) h and tau: the same layout (h is n x m), the
    same signs and values up to rounding, stacked too, float32 kept."""
    rng = np.random.default_rng(sum(shape) + len(dtype))
    a = (rng.standard_normal(shape) * 10).astype(dtype)
    h, tau = fastmath.qr(a, mode="raw")
    nh, ntau = np.linalg.qr(a, mode="raw")
    assert type(h) is np.ndarray and type(tau) is np.ndarray
    assert type(fastmath.qr(a, mode="raw")) is tuple  # numpy's is a plain tuple, not QRResult
    assert (h.shape, tau.shape, h.dtype, tau.dtype) == (nh.shape, ntau.shape, nh.dtype, ntau.dtype)
    tol = 1e-4 if dtype == "float32" else 1e-10
    scale = max(1.0, float(np.abs(nh).max(initial=0)))
    np.testing.assert_allclose(h, nh, rtol=tol, atol=tol * scale)
    np.testing.assert_allclose(tau, ntau, rtol=tol, atol=tol)


def test_qr_raw_zero_columns_give_numpys_zero_tau():
    """A column with nothing below its diagonal (or zeros there) has an identity reflector:
    tau 0 and R's entry unchanged, as LAPACK's dlarfg."""
    for a in (
        np.array([[2.0, 1.0], [0.0, 3.0], [0.0, 0.0]]),
        np.array([[-2.0, 1.0], [0.0, -3.0]]),
        np.zeros((3, 2)),
        np.array([[0.0, 1.0], [4.0, 2.0]]),
    ):
        h, tau = fastmath.qr(a, mode="raw")
        nh, ntau = np.linalg.qr(a, mode="raw")
        np.testing.assert_allclose(h, nh, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(tau, ntau, rtol=1e-12, atol=1e-12)
