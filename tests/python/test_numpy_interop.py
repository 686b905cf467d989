"""numpy in, numpy out; numpy as the oracle. Host only: numpy is not available in Pyodide here,
so the in-Pyodide run deselects the `needs_numpy` marker (and says how many it deselected)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fastmath

pytestmark = pytest.mark.needs_numpy


@pytest.fixture
def np():
    import numpy

    return numpy


def test_numpy_in_numpy_out(np):
    x = np.arange(5, dtype=np.float64)
    out = fastmath.square(x)
    assert isinstance(out, np.ndarray) and out.dtype == np.float64
    np.testing.assert_array_equal(out, x * x)
    out = fastmath.dot(2.0, x)
    assert isinstance(out, np.ndarray)
    np.testing.assert_array_equal(out, 2.0 * x)


def test_array_result_wraps_without_copy(np):
    out = fastmath.square([1.0, 2.0])
    wrapped = np.asarray(out)
    wrapped[0] = 42.0
    assert out[0] == 42.0


@pytest.mark.parametrize(
    "dtype",
    [
        "int8",
        "uint8",
        "int16",
        "uint16",
        "int32",
        "uint32",
        "int64",
        "uint64",
        "float16",
        "float32",
        "float64",
        "bool",
        ">f8",
        ">i4",
    ],
)
def test_every_real_dtype(np, dtype):
    x = np.array([0, 1, 2, 3, 5], dtype=dtype)
    np.testing.assert_array_equal(fastmath.square(x), np.square(x.astype(np.float64)))
    assert fastmath.sum(x) == float(np.sum(x.astype(np.float64)))


def test_non_contiguous_and_negative_strides(np):
    x = np.arange(20.0)[::-3]
    np.testing.assert_array_equal(fastmath.square(x), x * x)
    m = np.arange(12.0).reshape(3, 4)
    np.testing.assert_array_equal(fastmath.square(m[:, 1]), m[:, 1] ** 2)


def test_complex_and_object_refused(np):
    # Complex arrays are read (fastmath.fft takes them); functions of real input refuse them.
    with pytest.raises(TypeError, match="x: complex numbers are not supported"):
        fastmath.sum(np.array([1 + 1j]))
    with pytest.raises(TypeError, match=r"^x: "):
        fastmath.sum(np.array([1, "a"], dtype=object))


def test_numpy_scalars_are_scalars(np):
    assert fastmath.square(np.float32(3.0)) == 9.0
    assert fastmath.square(np.int64(3)) == 9.0
    assert fastmath.square(np.array(3.0)) == 9.0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(min_value=-1e150, max_value=1e150), min_size=1, max_size=500))
def test_against_numpy(xs):
    import numpy as np

    x = np.array(xs)
    np.testing.assert_allclose(
        fastmath.mean(x), np.mean(x), rtol=1e-12, atol=1e-300 + 1e-12 * np.mean(np.abs(x))
    )
    np.testing.assert_allclose(fastmath.dot(x, x), np.dot(x, x), rtol=1e-12)
    np.testing.assert_array_equal(fastmath.square(x), np.square(x))


def test_zero_and_negative_strides_in_two_dimensions(np):
    row = np.broadcast_to(np.arange(3.0), (4, 3))
    assert row.strides[0] == 0
    np.testing.assert_array_equal(fastmath.square(row), np.square(row))
    np.testing.assert_array_equal(fastmath.sum(row, axis=0), np.sum(row, axis=0))
    m = np.arange(12.0).reshape(3, 4)[::-1, ::-2]
    np.testing.assert_array_equal(fastmath.square(m), np.square(m))
    fortran = np.asfortranarray(np.arange(6.0).reshape(2, 3))
    np.testing.assert_array_equal(fastmath.square(fortran), np.square(fortran))


def test_n_dimensional_numpy_in_numpy_out(np):
    x = np.arange(24, dtype=np.int16).reshape(2, 3, 4)[:, ::-1, 1:]
    out = fastmath.square(x)
    assert isinstance(out, np.ndarray) and out.dtype == np.int16 and out.shape == (2, 3, 3)
    np.testing.assert_array_equal(out, np.square(x))
    big = np.arange(8.0).reshape(2, 2, 2).astype(">f8")
    np.testing.assert_array_equal(fastmath.add(big, big), 2 * big.astype(np.float64))


def test_empty_n_dimensional_result_is_a_numpy_array(np):
    out = fastmath.square(np.zeros((0, 3)))
    assert isinstance(out, np.ndarray) and out.shape == (0, 3)
    # From lists too (a memoryview cannot have a zero in its shape; numpy is importable here).
    out = fastmath.square([[], []])
    assert isinstance(out, np.ndarray) and out.shape == (2, 0)


def test_numpy_scalars_inside_lists(np):
    out = fastmath.square([np.float32(1.5), np.int8(-2), np.float64(3.0), np.bool_(True)])
    assert out.tolist() == [2.25, 4.0, 9.0, 1.0]
    with pytest.raises(TypeError, match="x: complex numbers are not supported"):
        fastmath.square([1.0, np.complex64(1j)])


def test_numpy_integer_scalars_are_exact_integer_arguments(np):
    x = [5.0, 1.0, 3.0, 4.0]
    assert fastmath.topk(x, np.int64(2)).tolist() == fastmath.topk(x, 2).tolist()
    assert fastmath.sum([[1.0, 2.0], [3.0, 4.0]], axis=np.int8(1)).tolist() == [3.0, 7.0]
    with pytest.raises(TypeError, match=r"^axis: expected an integer"):
        fastmath.sum([[1.0, 2.0]], axis=np.float64(1.0))


def test_numbers_are_numpy_scalars_when_an_argument_was_numpy(np):
    # As numpy's own functions: np.float64 / np.int64 (with .dtype), not Python's float / int.
    x = np.array([3.0, 1.0, 2.0])
    assert type(fastmath.sum(x)) is np.float64 and fastmath.sum(x) == 6.0
    assert type(fastmath.argmax(x)) is np.int64 and fastmath.argmax(x) == 0
    assert type(fastmath.det(np.eye(2))) is np.float64
    assert type(fastmath.lstsq(np.eye(2), x[:2])[2]) is np.int64
    # Without a numpy argument they stay Python's.
    assert type(fastmath.sum([1.0, 2.0])) is float and type(fastmath.argmax([1.0, 2.0])) is int
