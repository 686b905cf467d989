"""Buffer layouts fastmath reads where they lie: exports without strides, negative strides,
misaligned memory, either byte order, more than two dimensions.

ctypes arrays export a shape but no strides (C-contiguous by definition), unlike array.array
and memoryview; fastmath must derive the strides itself, for both the zero-copy float64 path
and the converting path (here big-endian doubles). Zero strides need numpy to make: see
test_numpy_interop.py.
"""

import array
import ctypes

import fastmath


def test_two_dimensional_ctypes_array_is_read_row_major():
    m = ((ctypes.c_double * 3) * 2)((1.0, 2.0, 3.0), (4.0, 5.0, 6.0))
    assert fastmath.sum(m) == 21.0
    assert fastmath.sum(m, axis=0).tolist() == [5.0, 7.0, 9.0]
    assert fastmath.sum(m, axis=1).tolist() == [6.0, 15.0]
    square = fastmath.square(m)
    assert square.shape == (2, 3)
    assert square.tolist() == [[1.0, 4.0, 9.0], [16.0, 25.0, 36.0]]


def test_two_dimensional_big_endian_ctypes_array_is_converted_row_major():
    m = ((ctypes.c_double.__ctype_be__ * 3) * 2)()
    for i in range(2):
        for j in range(3):
            m[i][j] = 10 * i + j
    assert memoryview(m).format.startswith(">")
    assert fastmath.sum(m, axis=0).tolist() == [10.0, 12.0, 14.0]
    assert fastmath.square(m).tolist() == [[0.0, 1.0, 4.0], [100.0, 121.0, 144.0]]


def test_one_dimensional_ctypes_array_of_ints():
    v = (ctypes.c_int16 * 4)(1, -2, 3, -4)
    assert fastmath.sum(v) == -2.0
    assert fastmath.square(v).tolist() == [1.0, 4.0, 9.0, 16.0]


def test_three_dimensional_ctypes_array_keeps_its_shape():
    m = (((ctypes.c_double * 2) * 2) * 2)(((1, 2), (3, 4)), ((5, 6), (7, 8)))
    out = fastmath.square(m)
    assert out.shape == (2, 2, 2)
    assert out.tolist() == [[[1.0, 4.0], [9.0, 16.0]], [[25.0, 36.0], [49.0, 64.0]]]


def test_negative_strides_in_two_dimensions():
    rows = memoryview(array.array("d", range(6))).cast("B").cast("d", (2, 3))[::-1]
    assert rows.strides[0] < 0
    assert fastmath.square(rows).tolist() == [[9.0, 16.0, 25.0], [0.0, 1.0, 4.0]]
    assert fastmath.sum(rows, axis=1).tolist() == [12.0, 3.0]


def test_every_misaligned_offset_is_read_correctly():
    values = [1.5, -2.25, 3.0, 1e300]
    for offset in range(1, 8):
        raw = bytearray(8 * len(values) + offset)
        view = memoryview(raw)[offset:].cast("d")
        for i, v in enumerate(values):
            view[i] = v
        assert fastmath.square(view).tolist() == [v * v for v in values]
        assert fastmath.sum(view) == sum(values)
        # Misaligned and strided at once.
        assert fastmath.square(view[::-2]).tolist() == [v * v for v in values[::-2]]


def test_byte_swapped_integers_and_floats():
    big = (ctypes.c_int32.__ctype_be__ * 3)(1, -2, 70000)
    assert memoryview(big).format.startswith(">")
    # int32 stays int32 and wraps around, as numpy's square (70000**2 mod 2**32).
    assert fastmath.square(big).tolist() == [1, 4, 4_900_000_000 - 2**32]
    little = (ctypes.c_float.__ctype_le__ * 2)(1.5, -0.5)
    assert fastmath.square(little).tolist() == [2.25, 0.25]
