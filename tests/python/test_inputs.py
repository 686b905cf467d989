"""What fastmath accepts as input and how it refuses the rest.

Every public function takes numbers, lists/tuples and numeric buffers of any real element type;
float64 C-contiguous buffers are read in place, others converted once. Refusals name the
argument.
"""

import array
import math
import re

import pytest

import fastmath

TYPECODES = ["b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "f", "d"]


@pytest.mark.parametrize("typecode", TYPECODES)
def test_array_array_of_every_typecode(typecode):
    data = array.array(typecode, [1, 2, 3, 4])
    assert fastmath.sum(data) == 10.0
    assert fastmath.square(data).tolist() == [1.0, 4.0, 9.0, 16.0]


def test_memoryview_strided_and_cast():
    data = array.array("d", range(10))
    view = memoryview(data)[::3]
    assert fastmath.sum(view) == 0 + 3 + 6 + 9
    assert fastmath.square(view).tolist() == [0.0, 9.0, 36.0, 81.0]
    assert fastmath.dot(view, view) == 0 + 9 + 36 + 81


def test_reversed_memoryview():
    data = array.array("d", [1.0, 2.0, 3.0])
    assert fastmath.square(memoryview(data)[::-1]).tolist() == [9.0, 4.0, 1.0]


def test_unaligned_float64_buffer_is_copied_not_misread():
    raw = bytearray(8 * 4 + 1)
    view = memoryview(raw)[1:].cast("d")
    view[0], view[1], view[2], view[3] = 1.5, 2.5, 3.5, 4.5
    assert fastmath.sum(view) == 12.0


def test_bool_buffer():
    # (float16 needs numpy to build a buffer: see test_numpy_interop.py)
    flags = memoryview(bytes([1, 0, 1])).cast("?")
    assert fastmath.sum(flags) == 2.0


def test_big_endian_format_is_byteswapped():
    import ctypes

    # memoryview cannot label byte order; a ctypes big-endian array exports format '>d'.

    big = (ctypes.c_double.__ctype_be__ * 3)(1.0, 2.0, 4.0)
    assert memoryview(big).format.startswith(">")
    assert fastmath.sum(big) == 7.0


def test_lists_tuples_and_mixed_numbers():
    from fractions import Fraction

    assert fastmath.sum((1, 2.5, True, Fraction(1, 2))) == 5.0
    # numpy's dtypes for lists: ints are int64 (wrapping around, as numpy.square([2**53])),
    # a float among them makes float64, bools alone bool.
    assert fastmath.square([2**53]).tolist() == [0]
    assert fastmath.square([2**53, 0.5]).tolist() == [float(2**106), 0.25]
    assert fastmath.sum((True, True)) == 2 and type(fastmath.sum((True, True))) is int


def test_zero_length_inputs():
    assert fastmath.square([]).tolist() == []
    assert fastmath.square(array.array("d")).tolist() == []
    assert fastmath.dot([], []) == 0.0


class WritesWhenRead:
    """A number whose conversion writes ``value`` into ``target[0]``: fastmath reads every
    argument before it computes, so this runs after the arguments before it were read."""

    def __init__(self, target, value):
        self.target, self.value = target, value

    def __float__(self):
        self.target[0] = self.value
        return 0.0


def test_float64_buffers_are_read_in_place():
    # The native backend's kernel reads the caller's float64 memory itself, as it is when the
    # kernel runs: a write to the buffer after the argument was read (here by the next
    # argument's `__float__`) shows in the result. A copy taken when the argument was read
    # would not show it, as the list below (converted once, so copied) does not. The universal
    # backend copies inputs into its module's memory by design: there either answer is
    # consistent, and nothing else is.
    data = array.array("d", [1.0, 2.0])
    read = fastmath.add(data, WritesWhenRead(data, 100.0)).tolist()
    listed = [1.0, 2.0]
    copied = fastmath.add(listed, WritesWhenRead(listed, 100.0)).tolist()
    # Strided and unaligned float64 buffers are read where they lie too (converted while the
    # kernel runs, not when the argument is read).
    raw = bytearray(8 * 4 + 1)
    unaligned = memoryview(raw)[1:].cast("d")
    unaligned[0], unaligned[1] = 1.0, 2.0
    strided = fastmath.add(unaligned[::2], WritesWhenRead(unaligned, 100.0)).tolist()
    if fastmath.backend == "native":
        assert (read, copied, strided) == ([100.0, 2.0], [1.0, 2.0], [100.0, 0.0])
    else:
        assert read in ([100.0, 2.0], [1.0, 2.0]) and copied in ([100.0, 2.0], [1.0, 2.0])
        assert strided in ([100.0, 0.0], [1.0, 0.0])


@pytest.mark.parametrize(
    ("value", "exc", "message"),
    [
        ("abc", TypeError, "x: expected a number or an array of numbers, got str"),
        (b"ab", TypeError, "x: expected a number or an array of numbers, got bytes"),
        (bytearray(b"ab"), TypeError, "got bytearray"),
        (1 + 2j, TypeError, "x: complex numbers are not supported"),
        (
            None,
            TypeError,
            "x: expected a number, a list/tuple of numbers or a numeric buffer, got NoneType",
        ),
        ({1, 2}, TypeError, "got set"),
        ([1, "a"], TypeError, "x: element 1 is str, expected a real number"),
        # A list holding a complex is complex128, as numpy reads it: refused as complex.
        ([1, 2j], TypeError, "x: complex numbers are not supported"),
        ([1, None], TypeError, "x: element 1 is NoneType, expected a real number"),
        ([1, [2]], ValueError, "x: ragged nested sequence: at depth 0, item 1 differs in shape"),
        ([[1], 2], ValueError, "x: ragged nested sequence: at depth 0, item 1 differs in shape"),
        ([[1, 2], [3]], ValueError, "x: ragged nested sequence: at depth 0, item 1 differs"),
        (
            [[[1], [2]], [[3], [4, 5]]],
            ValueError,
            "x: ragged nested sequence: at depth 1, item 3 differs in shape from item 0",
        ),
        ([[1, "a"]], TypeError, "x: element 1 is str, expected a real number"),
        ([[1, 2], [3, "a"]], TypeError, "x: element 3 is str, expected a real number"),
        ([[1, 2], [b"ab", 4]], TypeError, "x: element 2 is bytes, expected a real number"),
        ([10**400], OverflowError, "x: element 0 is an int beyond uint64"),
        ([1.5, 2**64], OverflowError, "x: element 1 is an int beyond uint64"),
        (array.array("u", "ab"), TypeError, "unsupported element format"),
    ],
)
@pytest.mark.parametrize("function", [fastmath.sum, fastmath.mean, fastmath.square])
def test_bad_input_raises_naming_the_argument(function, value, exc, message):
    with pytest.raises(exc, match=re.escape(message)):
        function(value)


def test_dot_names_second_argument():
    with pytest.raises(TypeError, match=r"^y: "):
        fastmath.dot([1.0], "a")


def test_two_dimensional_inputs_are_row_major():
    view = memoryview(array.array("d", range(6))).cast("B").cast("d", (2, 3))
    assert fastmath.sum(view) == 15.0
    assert fastmath.sum([[0, 1, 2], [3, 4, 5]]) == 15.0
    assert fastmath.sum([array.array("d", [1, 2]), (3, 4)]) == 10.0
    assert fastmath.square([[1, 2], [3, 4]]).tolist() == [[1.0, 4.0], [9.0, 16.0]]
    out = fastmath.square(view)
    assert out.shape == (2, 3) and out.format == "d"


def test_n_dimensional_elementwise_keeps_the_shape():
    nested = [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]
    expected = [[[float(v * v) for v in row] for row in plane] for plane in nested]
    out = fastmath.square(nested)
    assert out.shape == (2, 2, 2) and out.tolist() == expected
    view = memoryview(array.array("d", range(1, 9))).cast("B").cast("d", (2, 2, 2))
    assert fastmath.square(view).tolist() == expected
    assert fastmath.add(view, nested).tolist() == [
        [[2.0 * v for v in row] for row in plane] for plane in nested
    ]
    # Rows may be buffers at any level.
    mixed = [[array.array("d", [1, 2]), (3, 4)], [[5, 6], array.array("b", [7, 8])]]
    assert fastmath.square(mixed).tolist() == expected


def test_reductions_take_any_axes_of_n_d_buffers():
    view = memoryview(array.array("d", range(8))).cast("B").cast("d", (2, 2, 2))
    assert fastmath.sum(view) == 28.0
    assert fastmath.sum(view, axis=0).tolist() == [[4.0, 6.0], [8.0, 10.0]]
    assert fastmath.max(view, axis=(0, 2)).tolist() == [5.0, 7.0]
    assert fastmath.mean(view, axis=-1, keepdims=True).tolist() == [[[0.5], [2.5]], [[4.5], [6.5]]]
    with pytest.raises(ValueError, match="axis: axis 3 is out of bounds for array of dimension 3"):
        fastmath.sum(view, axis=3)


def test_dot_needs_vectors():
    with pytest.raises(
        ValueError, match=r"x: expected a 1-D array, got a 2-D array of shape \(1, 1\)"
    ):
        fastmath.dot([[1.0]], [1.0])


def test_zero_dimensional_buffer_is_a_scalar():
    view = memoryview(array.array("d", [2.0])).cast("B").cast("d", ())
    assert fastmath.square(view) == 4.0


def test_nan_and_inf_pass_through():
    out = fastmath.square([math.inf, -math.inf, math.nan])
    assert out[0] == math.inf and out[1] == math.inf and math.isnan(out[2])
