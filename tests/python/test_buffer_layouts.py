"""Buffer exports without strides, read through fastmath's per-dimension accessors.

ctypes arrays export a shape but no strides (C-contiguous by definition), unlike array.array
and memoryview; fastmath must derive the strides itself, for both the zero-copy float64 path
and the converting path (here big-endian doubles), in one and two dimensions.
"""

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
