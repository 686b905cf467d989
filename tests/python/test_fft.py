"""fastmath.fft's transforms against a direct DFT in pure Python (these run inside Pyodide on
both backends) and, on the host, against numpy.fft."""

import array
import cmath
import math
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fastmath
from fastmath import fft


def dft(x, inverse=False):
    """The DFT by its definition (numpy's "backward" norm: the inverse divides by n)."""
    n = len(x)
    sign = 1 if inverse else -1
    out = [
        sum(v * cmath.exp(sign * 2j * math.pi * ((j * k) % n) / n) for j, v in enumerate(x))
        for k in range(n)
    ]
    return [v / n for v in out] if inverse else out


def close(got, want, scale=1.0):
    got, want = list(got), list(want)
    assert len(got) == len(want)
    tol = 1e-12 * max(1.0, scale) * max(1, len(want))
    for g, w in zip(got, want, strict=True):
        assert abs(g - w) <= tol, (g, w)


def signal(n, seed=1):
    # A small LCG: the same values on every platform, no random module state.
    s, out = seed, []
    for _ in range(n):
        s = (s * 6364136223846793005 + 1442695040888963407) % 2**64
        a = (s >> 11) / 2**53 - 0.5
        s = (s * 6364136223846793005 + 1442695040888963407) % 2**64
        out.append(complex(a, (s >> 11) / 2**53 - 0.5))
    return out


# 1, small, primes (Rader/Bluestein inside), powers of two and mixed radices.
LENGTHS = [1, 2, 3, 4, 5, 7, 8, 12, 13, 16, 17, 30, 31, 64, 97, 100]


@pytest.mark.parametrize("n", LENGTHS)
def test_fft_and_ifft_of_complex_lists_match_the_definition(n):
    x = signal(n, n)
    y = fft.fft(x)
    assert isinstance(y, fastmath.ComplexArray)
    assert (y.shape, y.dtype, len(y)) == ((n,), "complex128", n)
    close(y.tolist(), dft(x), n)
    close(fft.ifft(x).tolist(), dft(x, inverse=True))
    close(fft.ifft(y).tolist(), x)  # a ComplexArray is read back as complex


@pytest.mark.parametrize("n", [1, 2, 3, 8, 11, 64, 101])
def test_rfft_and_irfft_of_real_input(n):
    x = [v.real for v in signal(n, 3)]
    y = fft.rfft(x)
    assert y.shape == (n // 2 + 1,)
    close(y.tolist(), dft(x)[: n // 2 + 1], n)
    back = fft.irfft(y, n=n)
    assert isinstance(back, array.array) and back.typecode == "d"
    close(back.tolist(), x)


def test_irfft_ignores_imaginary_parts_where_a_real_signal_has_none():
    y = [10.0 + 5j, -2 + 2j, -2.0 - 7j]
    assert fft.irfft(y).tolist() == pytest.approx([1.0, 2.0, 3.0, 4.0], abs=1e-14)
    # Default length 2 * (m - 1); an odd length must be given.
    assert len(fft.irfft([1.0, 2.0, 3.0])) == 4
    assert len(fft.irfft([1.0, 2.0, 3.0], n=5)) == 5


def test_norms_scale_as_numpy():
    x = signal(6, 2)
    raw = dft(x)
    close(fft.fft(x, norm="backward").tolist(), raw)
    close(fft.fft(x, norm="ortho").tolist(), [v / math.sqrt(6) for v in raw])
    close(fft.fft(x, norm="forward").tolist(), [v / 6 for v in raw])
    for norm in ("backward", "ortho", "forward", None):
        close(fft.ifft(fft.fft(x, norm=norm), norm=norm).tolist(), x)
        close(fft.irfft(fft.rfft([1.0, 2.0, 5.0], norm=norm), 3, norm=norm).tolist(), [1, 2, 5])


def test_n_pads_and_truncates():
    x = [1.0, 2.0, 3.0]
    close(fft.fft(x, n=5).tolist(), dft([1.0, 2.0, 3.0, 0.0, 0.0]))
    close(fft.fft(x, 2).tolist(), dft([1.0, 2.0]))
    close(fft.fft([], n=3).tolist(), [0, 0, 0])
    close(fft.rfft(x, n=6).tolist(), dft(x + [0.0] * 3)[:4])


def test_axes_of_nested_lists():
    rows = [signal(4, 1), signal(4, 2), signal(4, 3)]
    by_rows = fft.fft(rows)
    assert by_rows.shape == (3, 4)
    for got, row in zip(by_rows.tolist(), rows, strict=True):
        close(got, dft(row))
    by_columns = fft.fft(rows, axis=0)
    assert by_columns.shape == (3, 4)
    columns = [list(c) for c in zip(*rows, strict=True)]
    for j, column in enumerate(columns):
        close([r[j] for r in by_columns.tolist()], dft(column))
    assert fft.fft(rows, n=2, axis=0).shape == (2, 4)
    # fft2 is fft along the last axis, then along the first.
    both = fft.fft2(rows)
    again = fft.fft(fft.fft(rows, axis=1), axis=0)
    for a, b in zip(both.tolist(), again.tolist(), strict=True):
        close(a, b, 12)
    back = fft.ifft2(both)
    for a, b in zip(back.tolist(), rows, strict=True):
        close(a, b)
    assert fft.fft2(rows, s=[2, 6]).shape == (2, 6)
    assert fft.fft2(rows, axes=[0]).shape == (3, 4)


def test_dtypes_without_numpy():
    y = fft.fft(array.array("f", [1.0, 2.0, 3.0, 4.0]))
    assert y.dtype == "complex64"
    assert y.tolist() == [10, -2 + 2j, -2, -2 - 2j]
    r = fft.irfft(array.array("f", [1.0, 0.0, 0.0]))
    assert (r.typecode, r.tolist()) == ("f", [0.25] * 4)
    for x in ([1, 2, 3, 4], array.array("q", [1, 2, 3, 4]), [True, False, True, False]):
        assert fft.fft(x).dtype == "complex128"
    assert fft.fft([1, 2j, 3]).tolist()[0] == 4 + 2j


def test_complex_array_behaves_as_a_result():
    y = fft.fft([[1.0, 2.0], [3.0, 5.0]])
    assert y.shape == (2, 2) and y.ndim == 2 and y.size == 4
    assert y.tolist() == [[3 + 0j, -1 + 0j], [8 + 0j, -2 + 0j]]
    assert y[1].tolist() == [8, -2] and y[-1][0] == 8 + 0j
    with pytest.raises(IndexError):
        y[2]
    assert list(fastmath.ComplexArray([1, 2j])) == [1 + 0j, 2j]
    # The buffer protocol exports the (real, imaginary) float64 pairs; Python classes can
    # export buffers from 3.12 (Pyodide's 3.14), so older hosts check the same view directly.
    view = memoryview(y) if sys.version_info >= (3, 12) else y._pairs
    assert (view.format, view.shape) == ("d", (2, 2, 2))
    assert view.tolist() == [[[3.0, 0.0], [-1.0, 0.0]], [[8.0, 0.0], [-2.0, 0.0]]]
    assert "ComplexArray" in repr(y)


def test_bad_input_is_refused_naming_the_argument():
    with pytest.raises(ValueError, match=r"a: Invalid number of FFT data points \(0\)"):
        fft.fft([])
    with pytest.raises(ValueError, match=r"n: Invalid number of FFT data points \(0\)"):
        fft.fft([1.0], n=0)
    with pytest.raises(ValueError, match=r"n: Invalid number of FFT data points \(-2\)"):
        fft.rfft([1.0], n=-2)
    with pytest.raises(ValueError, match="a: Invalid number of FFT data points"):
        fft.irfft([1.0])
    with pytest.raises(ValueError, match='norm: Invalid norm value "x"'):
        fft.fft([1.0], norm="x")
    with pytest.raises(fastmath.AxisError, match="axis: axis 1 is out of bounds"):
        fft.fft([1.0, 2.0], axis=1)
    with pytest.raises(IndexError):
        fft.ifft([1.0, 2.0], axis=-2)
    with pytest.raises(fastmath.AxisError, match="axes: axis -2 is out of bounds"):
        fft.fft2([1.0, 2.0])
    with pytest.raises(ValueError, match="s: Shape and axes have different lengths"):
        fft.fft2([[1.0, 2.0]], s=[2])
    with pytest.raises(TypeError, match="a: complex"):
        fft.rfft([1j, 2.0])
    with pytest.raises(TypeError, match="n: expected an integer"):
        fft.fft([1.0], n=2.5)
    with pytest.raises(ValueError, match="a: expected an array"):
        fft.fft(3.0)
    # Functions that do not take complex input refuse complex arrays as they refuse complex.
    with pytest.raises(TypeError, match="complex"):
        fastmath.sum(fft.fft([1.0, 2.0]))
    with pytest.raises(TypeError, match="complex"):
        fastmath.sort([1j, 2.0])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.complex_numbers(max_magnitude=1e3, allow_nan=False), min_size=1, max_size=40))
def test_ifft_inverts_fft(x):
    scale = max(1.0, *(abs(v) for v in x))
    close(fft.ifft(fft.fft(x)).tolist(), x, scale)


def test_hostile_arguments_raise_only_documented_errors():
    # fastmath's table fuzzer (test_fuzz.py) passes real data and its own keyword values; this
    # adds complex data and fft's own options, combined at random.
    import random

    rng = random.Random(5)
    data = [
        [],
        [1j],
        [1.0, 2j, 3.0],
        [[1j, 2.0], [3.0, 4j]],
        [[]],
        fastmath.ComplexArray([1, 2j]),
        array.array("f", [1.0, 2.0]),
        [[[1.0]]],
        [float("nan"), float("inf")],
        "ab",
        None,
        3,
    ]
    options = [
        None,
        0,
        1,
        2,
        -1,
        -3,
        5,
        2**40,
        -(2**70),
        1.5,
        "ortho",
        "forward",
        "x",
        [0],
        [1, 1],
        [-1, 0],
        [2, 3],
        (0,),
        [],
        True,
    ]
    functions = [fft.fft, fft.ifft, fft.rfft, fft.irfft, fft.fft2, fft.ifft2]
    names = {
        f: ("n", "axis", "norm") if f in functions[:4] else ("s", "axes", "norm") for f in functions
    }
    for _ in range(1000):
        f = rng.choice(functions)
        kwargs = {k: rng.choice(options) for k in names[f] if rng.random() < 0.5}
        try:
            f(rng.choice(data), **kwargs)
        except (TypeError, ValueError, IndexError, MemoryError, OverflowError) as err:
            assert str(err), (f, kwargs)


def test_empty_complex_arrays():
    empty = fastmath.ComplexArray()
    assert (empty.shape, len(empty), empty.tolist()) == ((0,), 0, [])
    assert fft.fft(empty, n=2).tolist() == [0j, 0j]
    with pytest.raises(ValueError, match="a: Invalid number of FFT data points"):
        fft.fft(empty)
