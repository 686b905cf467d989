"""The reductions' result dtypes: numpy 2's rules for every input dtype (issue 11, item 1).

``sum prod cumsum cumprod`` of bool and signed integers are int64, of unsigned integers uint64,
with numpy's wrap-around; of float32 float32 (the exact sum rounded once, where numpy adds in
float32). ``mean var std median`` of integers are float64, of float32 float32. ``min max`` keep
the dtype; ``argmin argmax`` compare every dtype exactly.

On the host every case is checked against numpy (every dtype, axis and keepdims form, strided
and negative-stride views, wrap-around); the stdlib-buffer tests (``array.array`` typecodes,
``memoryview`` casts) run inside Pyodide too, on both backends, against pure-Python references.
"""

import math
import struct
import warnings
from array import array
from fractions import Fraction

import pytest

import fastmath

INTS = ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]
DTYPES = ["bool", *INTS, "float32", "float64"]
SHAPES = [(0,), (1,), (7,), (3, 4), (4, 0), (2, 3, 4), (1, 5, 1)]
AXIS_REDUCTIONS = ["sum", "prod", "mean", "var", "std", "min", "max"]
#: What the functions give for each input dtype, as numpy 2 (checked against numpy below).
SUM_DTYPE = {"bool": "int64", "float32": "float32", "float64": "float64"} | {
    t: ("uint64" if t.startswith("u") else "int64") for t in INTS
}


def wrap(value: int, signed: bool) -> int:
    """``value`` modulo 2**64, as an int64 (``signed``) or a uint64."""
    value %= 2**64
    return value - 2**64 if signed and value >= 2**63 else value


def to_f32(value: float) -> float:
    """``value`` rounded to float32 (the value exactly representable in float32 is kept)."""
    return struct.unpack("f", struct.pack("f", value))[0]


# ---- against numpy (host) ---------------------------------------------------------------


def _sample(np, dtype, shape, rng, wide, small=False):
    """Values of ``dtype``: the whole range of an integer type (``wide``: sums and products
    overflow and wrap) or a small one; floats k/4 with small k (sums exact in float32; at most
    2 in magnitude when ``small``, so that products stay far from float32's range)."""
    size = math.prod(shape)
    if dtype == "bool":
        return rng.integers(0, 2, size=shape).astype(bool)
    if dtype in INTS:
        info = np.iinfo(dtype)
        lo, hi = (info.min, info.max) if wide else (max(info.min, -9), min(info.max, 9))
        return rng.integers(lo, hi, size=shape, dtype=dtype, endpoint=True)
    bound = 9 if small else 400
    values = rng.integers(-bound, bound, size=size).astype(dtype) / 4
    return values.reshape(shape).astype(dtype)


def _axes(ndim):
    """Every ``axis`` form: None, each int (and its negative), a tuple of two."""
    forms = [None, *range(ndim), *range(-ndim, 0)]
    if ndim >= 2:
        forms += [(0, ndim - 1), (ndim - 1, 0)]
    return forms


def _views(x):
    """``x`` itself and views of it that are not C-contiguous: reversed, strided, transposed."""
    yield x
    yield x[::-1]
    if x.ndim >= 2:
        yield x[:, ::-2]
        yield x.T


def _numpy(np, name, x, **kwargs):
    function = {"min": np.min, "max": np.max}.get(name) or getattr(np, name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # empty means, overflow in products
        return function(x, **kwargs)


def _compare(np, name, got, want, x):
    """``got`` is numpy's ``want``: the same type (numpy scalar) or dtype and shape, and equal
    values: exactly for integers and bools, exactly for float sums of k/4 values; products,
    means and deviations of float32 within float32 rounding."""
    if np.ndim(want) == 0 and not isinstance(want, np.ndarray):
        assert type(got) is type(want), (name, type(got), type(want))
    else:
        assert isinstance(got, np.ndarray), (name, type(got))
        assert (got.dtype, got.shape) == (want.dtype, want.shape), (name, got.dtype, got.shape)
    if want.dtype.kind in "iub":
        np.testing.assert_array_equal(got, want, err_msg=name)
    elif want.dtype == np.float32 and name.split()[0] in ("prod", "cumprod", "var", "std"):
        # numpy multiplies and squares in float32; fastmath in float64, rounded once.
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5, equal_nan=True, err_msg=name)
    else:
        # Integer inputs' means and deviations: numpy converts and sums pairwise, fastmath
        # rounds the exact sum, so the last bits may differ.
        scale = float(np.max(np.abs(x.astype(np.float64)), initial=1.0))
        scale = scale**2 if name.split()[0] in ("var",) else scale
        np.testing.assert_allclose(
            got, want, rtol=1e-12, atol=1e-13 * scale, equal_nan=True, err_msg=name
        )


@pytest.mark.needs_numpy
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", AXIS_REDUCTIONS)
def test_axis_reductions_follow_numpy(name, dtype):
    import numpy as np

    rng = np.random.default_rng(sum(map(ord, name + dtype)))
    for shape in SHAPES:
        for wide in (False, True):
            base = _sample(np, dtype, shape, rng, wide, small=name == "prod")
            for x in _views(base):
                for axis in _axes(x.ndim):
                    for keepdims in (False, True):
                        kwargs = {"axis": axis, "keepdims": keepdims}
                        try:
                            want = _numpy(np, name, x, **kwargs)
                        except ValueError:
                            with pytest.raises(ValueError):
                                getattr(fastmath, name)(x, **kwargs)
                            continue
                        got = getattr(fastmath, name)(x, **kwargs)
                        _compare(np, f"{name} {x.dtype} {x.shape} {kwargs}", got, want, x)


@pytest.mark.needs_numpy
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", ["argmin", "argmax", "cumsum", "cumprod", "median"])
def test_one_axis_functions_follow_numpy(name, dtype):
    import numpy as np

    rng = np.random.default_rng(sum(map(ord, name + dtype)))
    for shape in SHAPES:
        for wide in (False, True):
            base = _sample(np, dtype, shape, rng, wide, small=name == "cumprod")
            for x in _views(base):
                for axis in [None, *range(x.ndim), -1]:
                    forms = [{"axis": axis}]
                    if name.startswith("arg"):
                        forms.append({"axis": axis, "keepdims": True})
                    for kwargs in forms:
                        try:
                            want = _numpy(np, name, x, **kwargs)
                        except ValueError:
                            with pytest.raises(ValueError):
                                getattr(fastmath, name)(x, **kwargs)
                            continue
                        got = getattr(fastmath, name)(x, **kwargs)
                        _compare(np, f"{name} {x.dtype} {x.shape} {kwargs}", got, want, x)


@pytest.mark.needs_numpy
def test_the_issue_example_and_wrap_around():
    import numpy as np

    x = np.array([2**60, 1], dtype=np.int64)
    assert fastmath.sum(x) == 2**60 + 1 and type(fastmath.sum(x)) is np.int64
    big = np.array([2**63 - 1, 1, 1], dtype=np.int64)
    assert fastmath.sum(big) == np.sum(big) == -(2**63) + 1
    assert fastmath.cumsum(big).tolist() == np.cumsum(big).tolist()
    u = np.array([2**64 - 1, 2], dtype=np.uint64)
    assert fastmath.sum(u) == 1 and type(fastmath.sum(u)) is np.uint64
    assert fastmath.prod(np.array([2**32, 2**32], dtype=np.int64)) == 0
    assert fastmath.sum(np.array([255, 1], dtype=np.uint8)) == 256
    assert fastmath.cumprod(np.array([200, 200], dtype=np.uint8)).tolist() == [200, 40000]
    # int64 beyond 2**53: distinct values that one double holds.
    near = np.array([2**53 + 1, 2**53, 2**53 + 1, 2**53 + 2], dtype=np.int64)
    assert fastmath.argmax(near) == 3 and fastmath.argmin(near) == 1
    assert fastmath.max(near) == 2**53 + 2 and type(fastmath.max(near)) is np.int64
    assert fastmath.min(near[:3]) == 2**53
    assert fastmath.argmax(near[:3]) == 0


@pytest.mark.needs_numpy
def test_float32_sums_are_the_exact_sum_rounded_once():
    import numpy as np

    # 2**24 + 1 is halfway between two float32s: 2**-30 decides, which numpy's float32
    # additions lose (they give 2**24). The exact sum, rounded once: 2**24 + 2.
    x = np.array([2**24, 1, 2**-30], dtype=np.float32)
    got = fastmath.sum(x)
    assert type(got) is np.float32 and got == np.float32(2**24 + 2)
    assert fastmath.sum(x[:2]) == np.float32(2**24)  # the tie goes to even
    assert fastmath.cumsum(x).dtype == np.float32
    assert fastmath.mean(np.array([1, 2], dtype=np.float32)) == np.float32(1.5)
    # Beyond float32's range: inf, as numpy's.
    assert fastmath.sum(np.array([3e38, 3e38], dtype=np.float32)) == np.inf
    # nan propagates in the kept dtype.
    y = np.array([1, np.nan, 3], dtype=np.float32)
    for name in ("sum", "min", "max", "mean"):
        got = getattr(fastmath, name)(y)
        assert type(got) is np.float32 and np.isnan(got), name
    assert fastmath.argmin(y) == 1 and fastmath.argmax(y) == 1


@pytest.mark.needs_numpy
def test_nan_in_float32_along_axes():
    import numpy as np

    x = np.arange(12, dtype=np.float32).reshape(3, 4)
    x[1, 2] = np.nan
    for name in ("min", "max", "sum"):
        for axis in (0, 1):
            got = getattr(fastmath, name)(x, axis=axis)
            np.testing.assert_array_equal(got, getattr(np, name)(x, axis=axis))
            assert got.dtype == np.float32
    np.testing.assert_array_equal(fastmath.argmax(x, axis=1), np.argmax(x, axis=1))


# ---- stdlib buffers (host and Pyodide, both backends) --------------------------------------

#: array.array typecodes of fixed size, their signedness and width in bits (``l`` is left out:
#: it is 4 bytes in wasm32 and 8 on the host).
TYPECODES = {"b": (True, 8), "B": (False, 8), "h": (True, 16), "H": (False, 16)}
TYPECODES |= {"i": (True, 32), "I": (False, 32), "q": (True, 64), "Q": (False, 64)}


def _format(result) -> str:
    """The struct format of an array result (array.array or memoryview), without byte order."""
    return memoryview(result).format.lstrip("@=<")


def _extremes(code):
    signed, bits = TYPECODES[code]
    return (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if signed else (0, 2**bits - 1)


@pytest.mark.parametrize("code", sorted(TYPECODES))
def test_integer_buffers(code):
    signed, _ = TYPECODES[code]
    lo, hi = _extremes(code)
    values = [hi, hi, lo, 3, hi - 1, lo + 1, 0, hi]
    x = array(code, values)
    total = wrap(sum(values), signed)
    assert fastmath.sum(x) == total and type(fastmath.sum(x)) is int
    assert fastmath.prod(x) == wrap(math.prod(values), signed)
    running = fastmath.cumsum(x)
    assert _format(running) == ("q" if signed else "Q")
    partial, want = 0, []
    for v in values:
        partial += v
        want.append(wrap(partial, signed))
    assert running.tolist() == want
    products = fastmath.cumprod(x)
    assert _format(products) == ("q" if signed else "Q")
    assert products.tolist() == [wrap(math.prod(values[: i + 1]), signed) for i in range(8)]
    assert fastmath.max(x) == hi and fastmath.min(x) == lo and type(fastmath.min(x)) is int
    assert fastmath.argmax(x) == 0 and fastmath.argmin(x) == 2
    mean = fastmath.mean(x)
    # The exact mean of the values as doubles (numpy's conversion), rounded once.
    exact = sum(Fraction(float(v)) for v in values) / len(values)
    assert type(mean) is float and mean == float(exact)
    middle = sorted(values)[3:5]
    assert fastmath.median(x) == (float(middle[0]) + float(middle[1])) / 2
    assert type(fastmath.var(x)) is float and type(fastmath.std(x)) is float


def test_int64_beyond_two_to_the_53():
    x = array("q", [2**53 + 1, 2**53, 2**53 + 1, 2**53 + 2, -(2**63)])
    assert fastmath.sum(array("q", [2**60, 1])) == 2**60 + 1
    assert fastmath.max(x) == 2**53 + 2 and fastmath.argmax(x) == 3
    assert fastmath.argmax(x[:3]) == 0 and fastmath.argmin(x[:2]) == 1
    assert fastmath.min(x) == -(2**63)
    u = array("Q", [2**64 - 1, 2**64 - 2, 2**64 - 1])
    assert fastmath.min(u) == 2**64 - 2 and fastmath.argmin(u) == 1
    assert fastmath.sum(u) == (3 * 2**64 - 4) % 2**64


def test_bool_buffers():
    x = memoryview(bytes([1, 0, 1, 1])).cast("?")
    assert fastmath.sum(x) == 3 and type(fastmath.sum(x)) is int
    assert fastmath.prod(x) == 0
    assert fastmath.max(x) is True and fastmath.min(x) is False
    assert fastmath.argmin(x) == 1 and fastmath.argmax(x) == 0
    assert fastmath.cumsum(x).tolist() == [1, 1, 2, 3] and _format(fastmath.cumsum(x)) == "q"
    assert fastmath.mean(x) == 0.75
    m = memoryview(bytes([1, 0, 1, 1, 1, 0])).cast("?", (2, 3))
    assert fastmath.sum(m, axis=0).tolist() == [2, 1, 1]
    assert fastmath.max(m, axis=1).tolist() == [True, True]
    assert _format(fastmath.max(m, axis=1)) == "?"


def test_float32_buffers():
    values = [0.25, -3.5, 1.75, 100.0, -0.5]
    x = array("f", values)
    got = fastmath.sum(x)
    assert type(got) is float and got == sum(values)
    assert fastmath.min(x) == -3.5 and fastmath.max(x) == 100.0 and fastmath.argmax(x) == 3
    assert fastmath.mean(x) == to_f32(sum(values) / 5)
    assert fastmath.var(x) == to_f32(fastmath.var(array("d", values)))
    assert fastmath.median(x) == 0.25
    running = fastmath.cumsum(x)
    assert _format(running) == "f" and running.tolist() == [0.25, -3.25, -1.5, 98.5, 98.0]
    assert _format(fastmath.cumprod(x)) == "f"
    # The exact sum rounded once: 2**24 + 1 + 2**-30 is nearer to 2**24 + 2.
    assert fastmath.sum(array("f", [2**24, 1, 2**-30])) == 2**24 + 2
    # 0.1 as float32 is not 0.1: results are float32 values.
    tenth = fastmath.min(array("f", [0.1]))
    assert tenth == to_f32(0.1) != 0.1


@pytest.mark.parametrize("code", ["b", "B", "q", "Q", "f"])
def test_axes_of_n_dimensional_memoryviews(code):
    shape = (2, 3, 4)
    flat = list(range(24)) if code != "b" else [v - 12 for v in range(24)]
    view = memoryview(array(code, flat)).cast("B").cast(code, shape)
    signed = code in "bq"

    def lane_values(axis, index):
        """The values along ``axis`` at ``index`` (the other coordinates, in order)."""
        out = []
        for k in range(shape[axis]):
            coords = list(index)
            coords.insert(axis, k)
            a, b, c = coords
            out.append(flat[a * 12 + b * 4 + c])
        return out

    for axis in range(3):
        others = [n for d, n in enumerate(shape) if d != axis]
        indices = [(i, j) for i in range(others[0]) for j in range(others[1])]
        lanes = [lane_values(axis, index) for index in indices]
        total = fastmath.sum(view, axis=axis)
        assert total.tolist() == [
            [sum(lanes[i * others[1] + j]) for j in range(others[1])] for i in range(others[0])
        ]
        want_format = "f" if code == "f" else ("q" if signed else "Q")
        assert _format(total) == want_format
        biggest = fastmath.max(view, axis=axis, keepdims=True)
        assert _format(biggest) == code
        assert memoryview(biggest).shape == tuple(
            1 if d == axis else n for d, n in enumerate(shape)
        )
        assert fastmath.argmin(view, axis=axis).tolist() == [
            [0] * others[1] for _ in range(others[0])
        ]
        running = fastmath.cumsum(view, axis=axis)
        assert memoryview(running).shape == shape and _format(running) == want_format
    assert fastmath.sum(view, axis=(0, 2)).tolist() == [
        sum(flat[a * 12 + b * 4 + c] for a in range(2) for c in range(4)) for b in range(3)
    ]
    # Negative strides: the blocks in reverse order; their maxima are the larger block's.
    reversed_blocks = view[::-1]
    assert fastmath.max(reversed_blocks, axis=0).tolist() == [
        [flat[12 + b * 4 + c] for c in range(4)] for b in range(3)
    ]
    assert fastmath.argmax(reversed_blocks, axis=0).tolist() == [[0] * 4 for _ in range(3)]


def test_overflow_wraps_along_axes():
    shape = (2, 2)
    view = memoryview(array("q", [2**63 - 1, 1, 1, 2**63 - 1])).cast("B").cast("q", shape)
    assert fastmath.sum(view, axis=0).tolist() == [-(2**63), -(2**63)]
    assert fastmath.sum(view, axis=1, keepdims=True).tolist() == [[-(2**63)], [-(2**63)]]
    assert fastmath.prod(view, axis=None) == wrap((2**63 - 1) ** 2, True)
