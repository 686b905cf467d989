"""Lists and tuples read as numpy reads them (issue 11): all bools are bool, ints (with bools)
int64, any float float64, an int beyond int64 uint64 (float64 beside a smaller int), an empty
list float64; an int beyond uint64 is an OverflowError (numpy makes an object array). And
``dot``/``norm`` give numpy's result dtypes. The stdlib tests run inside Pyodide on both
backends; the numpy ones compare with numpy on the host."""

import math
from array import array

import pytest

import fastmath

#: (list, the buffer format of fastmath.transpose's result: the list's dtype, kept).
LISTS = [
    ([True, False], "?"),
    ([True, 2], "q"),
    ([1, 2, 3], "q"),
    ((1, 2), "q"),
    ([1, 2.5], "d"),
    ([True, 2.5], "d"),
    ([], "d"),
    ([2**63], "Q"),
    ([True, 2**63], "Q"),
    ([1, 2**63], "d"),
    ([-1, 2**63], "d"),
    ([[1, 2], [3, 4]], "q"),
    ([[1, 2], [3.5, 4]], "d"),
    ([[True], [False]], "?"),
    ([-(2**63), 2**63 - 1], "q"),
]


def transposed(value):
    if value and isinstance(value[0], list):
        return [list(row) for row in zip(*value, strict=True)]
    return list(value)


@pytest.mark.parametrize(("value", "fmt"), LISTS)
def test_a_list_has_numpys_dtype(value, fmt):
    out = fastmath.transpose(value)
    assert memoryview(out).format == fmt
    assert out.tolist() == transposed(value)


def test_functions_of_int_lists_give_ints():
    assert fastmath.sort([3, 1, 2]).tolist() == [1, 2, 3]
    assert memoryview(fastmath.sort([3, 1, 2])).format == "q"
    total = fastmath.sum([1, 2])
    assert total == 3 and type(total) is int
    assert fastmath.sum([2**62, 2**62, 2**62]) == -(2**62)  # int64 wraps, as numpy's
    added = fastmath.add([1], [2])
    assert memoryview(added).format == "q" and added.tolist() == [3]
    assert type(fastmath.max([1, 5, 2])) is int
    assert type(fastmath.mean([1, 2])) is float
    assert memoryview(fastmath.add([True], [True])).format == "?"


@pytest.mark.parametrize(
    ("value", "index"),
    [([2**64], 0), ([1, -(2**63) - 1], 1), ([1.5, 2**64], 1), ([[1, 2], [3, 10**400]], 3)],
)
def test_an_int_beyond_uint64_is_an_overflow_error(value, index):
    with pytest.raises(OverflowError, match=f"x: element {index} is an int beyond uint64"):
        fastmath.sum(value)


def test_dot_keeps_integer_and_float32_dtypes():
    assert fastmath.dot([1, 2, 3], [4, 5, 6]) == 32
    assert type(fastmath.dot([1, 2, 3], [4, 5, 6])) is int
    assert type(fastmath.dot([1.0, 2.0], [4, 5])) is float
    assert fastmath.dot([2**62, 2**62], [4, 4]) == 0  # wraps, as numpy's
    assert type(fastmath.dot(2, 3)) is int
    assert fastmath.dot(True, True) is True
    i8 = array("b", [100, 100])
    assert fastmath.dot(i8, array("b", [2, 2])) == -112  # int8 wraps
    scaled = fastmath.dot(2, array("b", [1, 2]))
    assert memoryview(scaled).format == "q" and scaled.tolist() == [2, 4]  # 2 is int64
    f32 = array("f", [1.5, 2.0])
    assert memoryview(fastmath.dot(2.0, f32)).format == "d"  # a Python float is float64
    assert fastmath.dot(f32, array("f", [2.0, 1.0])) == 5.0


def test_norm_of_float32_is_float32_and_of_ints_float64():
    f32 = array("f", [3.0, 4.0])
    assert fastmath.norm(f32) == 5.0
    grid = memoryview(array("f", [3.0, 4.0, 0.0, 0.0])).cast("B").cast("f", (2, 2))
    assert memoryview(fastmath.norm(grid, axis=1)).format == "f"
    assert memoryview(fastmath.norm([[3, 4], [0, 0]], axis=1)).format == "d"
    assert fastmath.norm([3, 4]) == 5.0 and type(fastmath.norm([3, 4])) is float
    assert math.isclose(fastmath.norm([True, True]), math.sqrt(2))


@pytest.mark.needs_numpy
@pytest.mark.parametrize(
    "value",
    [
        *[v for v, _ in LISTS],
        [[[1]], [[2]]],
        [1, 2.0, True],
        [[2**63, 1]],
        [[2**63, 2**64 - 1]],
    ],
)
def test_lists_match_numpy_asarray(value):
    import numpy as np

    expected = np.asarray(value)
    out = np.asarray(fastmath.transpose(value))
    assert out.dtype == expected.dtype
    np.testing.assert_array_equal(out, expected.T)


@pytest.mark.needs_numpy
def test_numpy_scalars_in_a_list_keep_their_dtype_natively():
    import numpy as np

    if fastmath.backend in ("wasm", "wasmtime"):
        pytest.skip("the universal backend reads numpy scalars in a list as Python numbers")
    for value in (
        [np.int32(1), np.int32(2)],
        [np.int32(1), 2],
        [np.float32(1), True],
        [np.float32(1), 2.0],
        [np.uint8(3), 2],
        [np.int8(1), 2**63],
        [np.array([1, 2], dtype=np.int32), [3, 4]],
    ):
        expected = np.asarray(value)
        out = np.asarray(fastmath.transpose(value))
        assert out.dtype == expected.dtype, value
        np.testing.assert_array_equal(out, expected.T)


@pytest.mark.needs_numpy
@pytest.mark.parametrize("a", ["int8", "int32", "int64", "uint8", "uint64", "bool", "float32"])
@pytest.mark.parametrize("b", ["int8", "int64", "uint32", "bool", "float32", "float64"])
def test_dot_dtypes_match_numpy(a, b):
    import numpy as np

    rng = np.random.default_rng(7)
    x = rng.integers(0, 100, 5).astype(a)
    y = rng.integers(0, 100, 5).astype(b)
    for left, right in ((x, y), (x, int(y[0])), (float(x[0]), y), (x[:1][0], y)):
        expected = np.dot(left, right)
        got = fastmath.dot(left, right)
        assert np.asarray(got).dtype == np.asarray(expected).dtype, (left, right)
        np.testing.assert_allclose(got, expected, rtol=1e-6)


@pytest.mark.needs_numpy
@pytest.mark.parametrize("dtype", ["int8", "int64", "uint16", "bool", "float32", "float64"])
@pytest.mark.parametrize(
    ("shape", "kwargs"),
    [
        ((5,), {}),
        ((5,), {"ord": 1}),
        ((5,), {"ord": 0}),
        ((3, 4), {}),
        ((3, 4), {"ord": "nuc"}),
        ((3, 4), {"ord": 2}),
        ((3, 4), {"axis": 1}),
        ((2, 3, 4), {"axis": (1, 2), "keepdims": True}),
    ],
)
def test_norm_dtypes_match_numpy(dtype, shape, kwargs):
    import numpy as np

    x = np.random.default_rng(3).integers(0, 10, shape).astype(dtype)
    expected = np.linalg.norm(x, **kwargs)
    got = fastmath.norm(x, **kwargs)
    assert np.asarray(got).dtype == np.asarray(expected).dtype
    rtol = 1e-5 if dtype == "float32" else 1e-12
    np.testing.assert_allclose(got, expected, rtol=rtol)
