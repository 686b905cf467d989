"""fastmath.fft against numpy.fft on the host: random lengths (primes and 1 included), shapes,
axes, strided views, `n`/`s` padding and truncation, the three norms and every real and
complex dtype, compared value for value (to rounding) and dtype for dtype. Every test needs
numpy (deselected inside Pyodide, where test_fft.py checks the same functions against a direct
DFT)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fastmath
from fastmath import fft

pytestmark = pytest.mark.needs_numpy

DTYPES = ["float64", "float32", "complex128", "complex64", "int64", "int32", "uint8", "bool"]
NORMS = [None, "backward", "ortho", "forward"]
PRIMES = [2, 3, 5, 7, 11, 13, 17, 31, 61, 97, 127, 251, 257, 1009]


def np():
    import numpy

    return numpy


@st.composite
def arrays(draw, dtypes=DTYPES, max_ndim=3):
    """A numpy array of a random dtype and shape (each side 1..40, or a prime, or a larger
    length), sometimes a strided view, and an axis of it."""
    numpy = np()
    ndim = draw(st.integers(1, max_ndim))
    side = st.one_of(st.integers(1, 12), st.sampled_from(PRIMES[:8]))
    shape = [draw(side) for _ in range(ndim)]
    if ndim == 1:
        shape = [draw(st.one_of(st.integers(1, 300), st.sampled_from(PRIMES)))]
    dtype = draw(st.sampled_from(dtypes))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = numpy.random.default_rng(seed)
    values = rng.standard_normal(shape) * 10
    if dtype.startswith("complex"):
        values = values + 1j * rng.standard_normal(shape)
    a = values.astype(dtype)
    if draw(st.booleans()) and ndim >= 1:
        a = numpy.repeat(a, 2, axis=-1)[..., ::2]  # a strided view
    axis = draw(st.integers(-ndim, ndim - 1))
    return a, axis


def check(got, want, scale):
    numpy = np()
    assert isinstance(got, numpy.ndarray)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert got.shape == want.shape
    eps = 1e-5 if want.dtype in (numpy.complex64, numpy.float32) else 1e-12
    tol = eps * max(1.0, scale) * max(1.0, numpy.log2(max(want.size, 2)))
    assert numpy.max(numpy.abs(got - want), initial=0.0) <= tol


def magnitude(a, n):
    numpy = np()
    return float(numpy.sum(numpy.abs(a.astype(numpy.complex128)))) + n


@settings(max_examples=200, deadline=None)
@given(arrays(), st.sampled_from(NORMS), st.one_of(st.none(), st.integers(1, 40)))
def test_fft_and_ifft_match_numpy(case, norm, n):
    numpy = np()
    a, axis = case
    for ours, theirs in ((fft.fft, numpy.fft.fft), (fft.ifft, numpy.fft.ifft)):
        got = ours(a, n=n, axis=axis, norm=norm)
        check(got, theirs(a, n=n, axis=axis, norm=norm), magnitude(a, n or 0))


@settings(max_examples=200, deadline=None)
@given(
    arrays(dtypes=[d for d in DTYPES if "complex" not in d]),
    st.sampled_from(NORMS),
    st.one_of(st.none(), st.integers(1, 40)),
)
def test_rfft_and_irfft_match_numpy(case, norm, n):
    numpy = np()
    a, axis = case
    check(
        fft.rfft(a, n=n, axis=axis, norm=norm),
        numpy.fft.rfft(a, n=n, axis=axis, norm=norm),
        magnitude(a, n or 0),
    )
    spectrum = numpy.fft.rfft(a, axis=axis)
    if spectrum.shape[axis] > 1 or n is not None:  # else numpy refuses too (n = 0)
        got = fft.irfft(spectrum, n=n, axis=axis, norm=norm)
        want = numpy.fft.irfft(spectrum, n=n, axis=axis, norm=norm)
        check(got, want, magnitude(spectrum, n or 0))


@settings(max_examples=100, deadline=None)
@given(arrays(max_ndim=3), st.sampled_from(NORMS), st.data())
def test_fft2_and_ifft2_match_numpy(case, norm, data):
    numpy = np()
    a, _ = case
    if a.ndim < 2:
        a = a.reshape(1, -1)
    k = data.draw(st.integers(1, min(2, a.ndim)))
    axes = data.draw(st.lists(st.integers(-a.ndim, a.ndim - 1), min_size=k, max_size=k))
    s = data.draw(st.one_of(st.none(), st.lists(st.integers(1, 9), min_size=k, max_size=k)))
    for ours, theirs in ((fft.fft2, numpy.fft.fft2), (fft.ifft2, numpy.fft.ifft2)):
        got = ours(a, s=s, axes=axes, norm=norm)
        check(got, theirs(a, s=s, axes=axes, norm=norm), magnitude(a, 0) * 4)
    check(fft.fft2(a, norm=norm), numpy.fft.fft2(a, norm=norm), magnitude(a, 0))


def test_large_power_of_two_and_prime_lengths():
    numpy = np()
    rng = numpy.random.default_rng(7)
    for n in (2**16, 65537, 3 * 5 * 7 * 11 * 13):
        x = rng.standard_normal(n) + 1j * rng.standard_normal(n)
        check(fft.fft(x), numpy.fft.fft(x), float(numpy.sum(numpy.abs(x))) * 1e-3)
        check(fft.ifft(fft.fft(x)), x, 1.0)


def test_complex_array_to_numpy_and_back():
    numpy = np()
    y = fft.fft([1.0, 2.0, 3.0])
    z = y.to_numpy()
    assert z.dtype == numpy.complex128
    numpy.testing.assert_allclose(z, numpy.fft.fft([1.0, 2.0, 3.0]))
    pairs = numpy.asarray(y._pairs)
    assert pairs.shape == (3, 2)
    # numpy complex arrays and numpy complex scalars among list items are read as complex.
    assert fft.fft(numpy.array([1 + 1j, 2])).dtype == numpy.complex128
    assert fft.fft([numpy.complex128(1 + 1j), 2.0]).tolist() == [3 + 1j, -1 + 1j]
    with pytest.raises(TypeError, match="complex"):
        fastmath.sum(numpy.array([1j]))
    with pytest.raises(TypeError, match="a: complex"):
        fft.rfft(numpy.array([1j]))
