"""Results of every dtype, on both backends: the binding's half of numpy's dtype rules (issue 11).

``transpose`` keeps its input's dtype, so it carries each dtype through a binding's result
allocation (``array.array`` or an N-D ``memoryview`` of the dtype's format without numpy, a
numpy array of the dtype with numpy). The families' own dtype rules are tested in their files.
"""

from array import array

import pytest

import fastmath

#: ``array.array`` typecodes and the buffer format a result of their dtype has. ``l``/``L`` are
#: 4 bytes in Pyodide and 8 on the host: the result's format names the width either way.
TYPECODES = ["b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "f", "d"]
WIDTH_FORMAT = {
    ("i", 1): "b",
    ("i", 2): "h",
    ("i", 4): "i",
    ("i", 8): "q",
    ("u", 1): "B",
    ("u", 2): "H",
    ("u", 4): "I",
    ("u", 8): "Q",
}


def result_format(typecode: str) -> str:
    if typecode in "fd":
        return typecode
    itemsize = array(typecode).itemsize
    kind = "u" if typecode.isupper() else "i"
    return WIDTH_FORMAT[kind, itemsize]


@pytest.mark.parametrize("typecode", TYPECODES)
def test_a_1d_result_keeps_the_stdlib_dtype(typecode):
    values = [1, 2, 3] if typecode in "BHILQ" else [-1, 2, 3]
    out = fastmath.transpose(array(typecode, values))
    assert memoryview(out).format == result_format(typecode)
    assert out.tolist() == values


@pytest.mark.parametrize("typecode", TYPECODES)
def test_an_nd_result_is_a_memoryview_of_the_dtype(typecode):
    flat = array(typecode, [0, 1, 2, 3, 4, 5])
    grid = memoryview(flat).cast("B").cast(typecode, (2, 3))
    out = fastmath.transpose(grid)
    assert isinstance(out, memoryview)
    assert out.format == result_format(typecode) and out.shape == (3, 2)
    assert out.tolist() == [[0, 3], [1, 4], [2, 5]]


def test_bool_results_are_bool_memoryviews():
    flags = memoryview(bytes([1, 0, 0, 1, 1, 0])).cast("?", (2, 3))
    out = fastmath.transpose(flags)
    assert out.format == "?"
    assert out.tolist() == [[True, True], [False, True], [False, False]]
    row = fastmath.transpose(memoryview(bytes([0, 1])).cast("?"))
    assert memoryview(row).format == "?" and row.tolist() == [False, True]


def test_int64_values_beyond_2_53_are_exact():
    big = [2**62 + 1, -(2**63), 2**63 - 1]
    assert fastmath.transpose(array("q", big)).tolist() == big
    assert fastmath.transpose(array("Q", [2**64 - 1])).tolist() == [2**64 - 1]


def test_float32_stays_float32_bit_for_bit():
    values = array("f", [0.1, -2.5, float("inf")])
    out = fastmath.transpose(values)
    assert memoryview(out).format == "f"
    assert out.tobytes() == values.tobytes()


def test_strided_and_reversed_views_of_other_dtypes():
    flat = array("h", range(12))
    grid = memoryview(flat).cast("B").cast("h", (3, 4))
    out = fastmath.transpose(grid[::-1])
    assert out.format == "h"
    assert out.tolist() == [list(col) for col in zip(*grid[::-1].tolist(), strict=True)]


@pytest.mark.needs_numpy
@pytest.mark.parametrize(
    "dtype",
    [
        "bool",
        "int8",
        "uint8",
        "int16",
        "uint16",
        "int32",
        "uint32",
        "int64",
        "uint64",
        "float32",
        "float64",
    ],
)
def test_numpy_in_numpy_out_of_the_same_dtype(dtype):
    import numpy as np

    x = (np.arange(24) % 7).astype(dtype).reshape(2, 3, 4)[:, ::-1, ::2]
    out = fastmath.transpose(x)
    assert isinstance(out, np.ndarray) and out.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(out, np.transpose(x))
    out = fastmath.transpose(x, axes=(1, 0, 2))
    np.testing.assert_array_equal(out, np.transpose(x, (1, 0, 2)))
