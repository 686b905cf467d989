"""fastmath.fft's layout functions (fftfreq, rfftfreq, fftshift, ifftshift) against numpy.fft,
and the submodule mechanism they are the first users of: a table entry named ``fft.<name>``
is ``fastmath.fft.<name>`` and nothing at the top level."""

import array
import importlib
import math

import pytest

import fastmath
from fastmath import _api


def test_the_submodule_is_an_attribute_and_importable():
    assert "fft" in _api.MODULES
    fft = importlib.import_module("fastmath.fft")
    assert fastmath.fft is fft
    from fastmath.fft import fftfreq

    assert fftfreq is fft.fftfreq and fftfreq.__name__ == "fftfreq"
    # Exactly the table's fft.* entries, and none of them at the top level.
    table = {name.partition(".")[2] for name in _api.FUNCTIONS if name.startswith("fft.")}
    assert set(fft.__all__) == table >= {"fftfreq", "rfftfreq", "fftshift", "ifftshift"}
    assert not any(hasattr(fastmath, name) for name in table - {"fft"})
    assert not any("." in name for name in fastmath.__all__)


def test_frequencies_without_numpy():
    # numpy's definition: integers over n*d, computed as `k * (1.0 / (n * d))`.
    for n in (1, 2, 5, 8, 9):
        for d in (1.0, 0.1, 3.7):
            step = 1.0 / (n * d)
            ks = list(range((n - 1) // 2 + 1)) + list(range(-(n // 2), 0))
            assert fastmath.fft.fftfreq(n, d).tolist() == [k * step for k in ks]
            assert fastmath.fft.rfftfreq(n, d=d).tolist() == [k * step for k in range(n // 2 + 1)]
    assert isinstance(fastmath.fft.fftfreq(4), array.array)


def test_shifts_without_numpy():
    assert fastmath.fft.fftshift([0, 1, 2, 3, 4]).tolist() == [3, 4, 0, 1, 2]
    assert fastmath.fft.ifftshift([3, 4, 0, 1, 2]).tolist() == [0, 1, 2, 3, 4]
    grid = [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]
    assert fastmath.fft.fftshift(grid).tolist() == [[5.0, 3.0, 4.0], [2.0, 0.0, 1.0]]
    assert fastmath.fft.fftshift(grid, axes=0).tolist() == [[3.0, 4.0, 5.0], [0.0, 1.0, 2.0]]
    # An axis named twice rolls twice, as numpy.roll does.
    assert fastmath.fft.fftshift([0, 1, 2, 3], axes=(0, 0)).tolist() == [0, 1, 2, 3]
    # The dtype is kept.
    assert fastmath.fft.fftshift(array.array("f", [1, 2, 3])).typecode == "f"


def test_shifts_of_a_spectrum():
    spectrum = fastmath.fft.fft([1.0, 2.0, 3.0, 4.0, 5.0])
    shifted = fastmath.fft.fftshift(spectrum)
    assert isinstance(shifted, fastmath.ComplexArray)
    values = spectrum.tolist()
    assert shifted.tolist() == values[3:] + values[:3]
    assert fastmath.fft.ifftshift(shifted).tolist() == values
    assert fastmath.fft.fftshift([1j, 2, 3]).tolist() == [3 + 0j, 1j, 2 + 0j]


@pytest.mark.parametrize("n", [0, -3])
def test_bad_window_lengths(n):
    with pytest.raises(ValueError, match="n: the window length must be positive"):
        fastmath.fft.fftfreq(n)
    with pytest.raises(ValueError, match="n: the window length must be positive"):
        fastmath.fft.rfftfreq(n)


def test_bad_arguments():
    with pytest.raises(TypeError, match="n: expected an integer"):
        fastmath.fft.fftfreq(2.5)
    with pytest.raises(fastmath.AxisError, match="axes: axis 3 is out of bounds"):
        fastmath.fft.fftshift([[1, 2]], axes=3)
    with pytest.raises(ValueError, match="x: expected an array"):
        fastmath.fft.ifftshift(3.0)
    assert math.isinf(fastmath.fft.fftfreq(3, 0.0)[1])


@pytest.mark.needs_numpy
def test_against_numpy():
    np = pytest.importorskip("numpy")
    for n in (1, 2, 3, 7, 10, 16):
        for d in (1.0, 0.3, 1e-300, 2.5e10):
            np.testing.assert_array_equal(fastmath.fft.fftfreq(n, d), np.fft.fftfreq(n, d))
            np.testing.assert_array_equal(fastmath.fft.rfftfreq(n, d), np.fft.rfftfreq(n, d))
    x = np.arange(3 * 4 * 5 * 2).reshape(3, 4, 5, 2)
    for dtype in (np.int8, np.uint16, np.float32, np.float64, np.bool_):
        for axes in (None, 0, 1, -1, (0, 2), (1, 1), [3, 0, 3], ()):
            xs = x.astype(dtype)
            for ours, theirs in (
                (fastmath.fft.fftshift, np.fft.fftshift),
                (fastmath.fft.ifftshift, np.fft.ifftshift),
            ):
                got, want = ours(xs, axes=axes), theirs(xs, axes=axes)
                assert got.dtype == want.dtype
                np.testing.assert_array_equal(got, want)
    # Complex spectra keep their dtype.
    z = (x[..., 0] + 1j * x[..., 1]).astype(np.complex128)
    for dtype in (np.complex64, np.complex128):
        got, want = (
            fastmath.fft.fftshift(z.astype(dtype), axes=(0, 2)),
            np.fft.fftshift(z.astype(dtype), axes=(0, 2)),
        )
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(got, want)
        np.testing.assert_array_equal(
            fastmath.fft.ifftshift(z[::2, ::-1].astype(dtype)),
            np.fft.ifftshift(z[::2, ::-1].astype(dtype)),
        )
    # Strided and reversed views.
    v = x[::-1, 1:, ::2, 0]
    np.testing.assert_array_equal(fastmath.fft.fftshift(v), np.fft.fftshift(v))
    np.testing.assert_array_equal(fastmath.fft.fftshift(np.zeros((0, 3))), np.zeros((0, 3)))
