"""Result dtypes of the elementwise functions: numpy's type resolution (NEP 50), computed in the
result's dtype (float32 stays float32, integers wrap around).

The numpy tests (host only, `needs_numpy`) take numpy as the oracle over every dtype and dtype
pair, weak Python numbers, broadcasting and strided views. The stdlib tests (array.array
typecodes, memoryview casts) need no numpy and run inside Pyodide on both backends.

fastmath's one deliberate difference: where numpy gives float16 (sqrt, exp, ... of bool and
8-bit integers; anything of float16 input) fastmath gives float32.
"""

import array
import math
import re
import struct

import pytest

import fastmath

DTYPES = [
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
]
TRANSCENDENTAL = ["sqrt", "exp", "log", "log1p", "expm1", "sin", "cos", "tan", "tanh", "sigmoid"]
KEPT = ["square", "abs", "relu"]
BINARY = ["add", "subtract", "multiply", "divide"]


# --- numpy as the oracle (host) -------------------------------------------------------------


@pytest.fixture
def np():
    import numpy

    return numpy


def sample(np, dtype, seed, n=24):
    """Values of `dtype` over its whole range (wrap-around shows), small ones and the ends."""
    rng = np.random.default_rng(seed)
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return rng.integers(0, 2, n + 3).astype(bool)
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        wide = rng.integers(info.min, info.max, n // 2, dtype=dtype, endpoint=True)
        small = rng.integers(max(info.min, -9), 10, n - n // 2).astype(dtype)
        ends = np.array([info.min, info.max, 0], dtype=dtype)
        return np.concatenate([wide, small, ends])
    values = rng.normal(0.0, 8.0, n).astype(dtype)
    specials = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-30, 3e4, -1.5], dtype=dtype)
    return np.concatenate([values, specials]) if dtype.itemsize > 2 else values


def ours(np, dtype):
    """The dtype fastmath gives where numpy gives `dtype`: float16 becomes float32."""
    return np.dtype("float32") if np.dtype(dtype) == np.float16 else np.dtype(dtype)


def sigmoid64(np, x):
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(all="ignore"):
        e = np.exp(-np.abs(x))
        return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def numpy_unary(np, name, x):
    if name == "sigmoid":
        # numpy has none: the dtype of numpy's exp, the values from a float64 reference.
        return np.exp(x).dtype.type, sigmoid64(np, x)
    if name == "relu":
        out = np.maximum(x, 0)
        return out.dtype.type, out
    out = getattr(np, name if name != "abs" else "absolute")(x)
    return out.dtype.type, out


def assert_close_ulps(np, got, want, ulps):
    """`got` within `ulps` of `want` (in `got`'s dtype), nan where `want` is nan, and
    infinite where `want` rounds to infinity in that dtype."""
    want = np.asarray(want, dtype=np.float64)
    with np.errstate(over="ignore"):
        rounded = want.astype(got.dtype).astype(np.float64)
    got64 = got.astype(np.float64)
    nan = np.isnan(want)
    assert (np.isnan(got64) == nan).all(), (got, want)
    finite = np.isfinite(rounded)
    assert (got64[~nan & ~finite] == rounded[~nan & ~finite]).all(), (got, want)
    spacing = np.spacing(np.abs(want[finite]).astype(got.dtype)).astype(np.float64)
    tiny = np.finfo(got.dtype).smallest_subnormal
    err = np.abs(got64[finite] - want[finite]) / np.maximum(spacing, tiny)
    assert err.size == 0 or err.max() <= ulps, (err.max(), got, want)


@pytest.mark.needs_numpy
@pytest.mark.parametrize("dtype", [*DTYPES, "float16"])
@pytest.mark.parametrize("name", TRANSCENDENTAL)
def test_transcendentals_follow_numpys_dtypes(np, name, dtype):
    x = sample(np, dtype, seed=len(name))
    if dtype == "float16":
        x = x.astype(np.float16)
    with np.errstate(all="ignore"):
        numpy_type, _ = numpy_unary(np, name, x)
        want_dtype = ours(np, numpy_type)
        # The exact values of the input converted to the dtype computed in, in float64.
        reference = (
            sigmoid64(np, x.astype(want_dtype))
            if name == "sigmoid"
            else getattr(np, name)(x.astype(want_dtype).astype(np.float64))
        )
    got = getattr(fastmath, name)(x)
    assert isinstance(got, np.ndarray) and got.shape == x.shape
    assert got.dtype == want_dtype, (name, dtype, got.dtype, want_dtype)
    # float32: the float64 result rounded once (within half an ulp and a hair: 1 allowed for
    # the reference's own rounding). float64: numpy's libm and ours, within 1 ulp each.
    assert_close_ulps(np, got, reference, 1 if want_dtype == np.float32 else 2)


@pytest.mark.needs_numpy
@pytest.mark.parametrize("dtype", [*DTYPES, "float16"])
@pytest.mark.parametrize("name", KEPT)
def test_square_abs_relu_keep_numpys_dtypes(np, name, dtype):
    x = sample(np, dtype, seed=3)
    with np.errstate(all="ignore"):
        numpy_type, want = numpy_unary(np, name, x)
        want_dtype = ours(np, numpy_type)
        if want_dtype != numpy_type:
            _, want = numpy_unary(np, name, x.astype(want_dtype))
    got = getattr(fastmath, name)(x)
    assert got.dtype == want_dtype, (name, dtype, got.dtype)
    np.testing.assert_array_equal(got, want)


@pytest.mark.needs_numpy
@pytest.mark.parametrize("left", DTYPES)
@pytest.mark.parametrize("name", BINARY)
def test_binary_over_every_dtype_pair(np, name, left):
    for right in DTYPES:
        a = sample(np, left, seed=1)
        b = sample(np, right, seed=2)[: len(a)]
        a = a[: len(b)]
        try:
            with np.errstate(all="ignore"):
                want = getattr(np, name)(a, b)
        except TypeError as e:
            with pytest.raises(TypeError, match=re.escape(str(e))):
                getattr(fastmath, name)(a, b)
            continue
        got = getattr(fastmath, name)(a, b)
        assert got.dtype == want.dtype, (name, left, right, got.dtype, want.dtype)
        np.testing.assert_array_equal(got, want, err_msg=f"{name} {left} {right}")


WEAK = [0, 1, -1, 7, 200, 300, -300, 2**40, 2**63 - 1, 1.5, 2.0, -0.25, 1e300, True, False]


@pytest.mark.needs_numpy
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", BINARY)
def test_python_numbers_are_weak(np, name, dtype):
    x = sample(np, dtype, seed=4)
    for number in WEAK:
        for args in ((x, number), (number, x)):
            try:
                with np.errstate(all="ignore"):
                    want = getattr(np, name)(*args)
            except (OverflowError, TypeError) as e:
                kind = type(e)
                if kind is OverflowError:
                    # numpy's message; fastmath's names the argument first.
                    with pytest.raises((OverflowError, ValueError), match=re.escape(str(e))):
                        getattr(fastmath, name)(*args)
                else:
                    with pytest.raises(kind):
                        getattr(fastmath, name)(*args)
                continue
            got = getattr(fastmath, name)(*args)
            assert got.dtype == want.dtype, (name, dtype, number, got.dtype, want.dtype)
            np.testing.assert_array_equal(got, want, err_msg=f"{name} {dtype} {number!r}")


@pytest.mark.needs_numpy
def test_an_out_of_range_python_int_is_an_overflow_error(np):
    with pytest.raises(OverflowError, match="Python integer 300 out of bounds for int8"):
        fastmath.add(np.zeros(3, np.int8), 300)


def test_python_numbers_alone():
    assert fastmath.add(1, 2) == 3 and type(fastmath.add(1, 2)) is int
    assert fastmath.add(2**62, 2**62) == -(2**63)  # int64 wraps, as numpy's
    assert fastmath.add(1, 2.5) == 3.5 and type(fastmath.add(1, 2.5)) is float
    assert fastmath.divide(1, 2) == 0.5
    assert fastmath.add(True, True) is True
    assert fastmath.multiply(True, False) is False
    assert fastmath.square(3) == 9 and type(fastmath.square(3)) is int
    assert fastmath.abs(-3) == 3 and type(fastmath.abs(-3)) is int
    assert fastmath.relu(-3) == 0 and type(fastmath.relu(-3)) is int
    assert fastmath.sqrt(4) == 2.0 and type(fastmath.sqrt(4)) is float
    assert fastmath.clip(5, 0, 3) == 3 and type(fastmath.clip(5, 0, 3)) is int
    assert fastmath.clip(5.5, 0, 3) == 3.0 and type(fastmath.clip(5.5, 0, 3)) is float
    with pytest.raises(TypeError, match="numpy boolean subtract"):
        fastmath.subtract(True, False)


@pytest.mark.needs_numpy
def test_numpy_scalars_compute_in_their_dtype(np):
    # numpy scalars are strong (NEP 50): float32 math in float32, int8 arithmetic wraps.
    assert float(fastmath.sqrt(np.float32(2.0))) == float(np.sqrt(np.float32(2.0)))
    assert float(fastmath.exp(np.float32(0.1))) == float(np.float32(math.exp(np.float32(0.1))))
    assert int(fastmath.add(np.int8(100), np.int8(100))) == -56
    assert int(fastmath.square(np.uint8(20))) == 144
    assert int(fastmath.add(np.int16(1), 2)) == 3
    assert float(fastmath.add(np.float32(0.1), 0.2)) == float(np.float32(0.1) + 0.2)


@pytest.mark.needs_numpy
def test_numpy_scalars_give_numpy_scalars(np):
    assert type(fastmath.sqrt(np.float32(2.0))) is np.float32
    assert type(fastmath.add(np.int8(1), np.int8(2))) is np.int8
    assert type(fastmath.sqrt(np.float64(2.0))) is np.float64
    assert type(fastmath.add(np.int64(1), 2)) is np.int64


CLIP_CASES = [
    # (x dtype, lo, hi): numpy's dtype and values, Python numbers weak
    ("int8", 0, 300),
    ("int8", -300, 2),
    ("int8", -1000, 1000),
    ("uint8", -1, 3),
    ("int8", 0.5, 2),
    ("float32", 0.5, 2),
    ("bool", 0, 1),
    ("bool", False, True),
    ("int64", None, 3),
    ("float32", -1.0, None),
    ("uint64", 0, 2**64 - 1),
    ("int16", 5, 1),
    ("float64", float("nan"), 1.0),
]


@pytest.mark.needs_numpy
@pytest.mark.parametrize("dtype, lo, hi", CLIP_CASES)
def test_clip_dtype_follows_numpy(np, dtype, lo, hi):
    x = sample(np, dtype, seed=5)
    want = np.clip(x, lo, hi)
    got = fastmath.clip(x, lo, hi)
    assert got.dtype == want.dtype, (dtype, lo, hi, got.dtype, want.dtype)
    np.testing.assert_array_equal(got, want)


@pytest.mark.needs_numpy
def test_clip_refuses_what_numpy_refuses(np):
    x = np.arange(5, dtype=np.int8)
    for lo, hi in ((1000, 2000), (0, -1000)):
        with pytest.raises(OverflowError) as e:
            np.clip(x, lo, hi)
        with pytest.raises((OverflowError, ValueError), match=re.escape(str(e.value))):
            fastmath.clip(x, lo, hi)


@pytest.mark.needs_numpy
def test_clip_array_bounds_broadcast(np):
    x = np.arange(24, dtype=np.float32).reshape(2, 3, 4) - 10
    cases = [
        (np.zeros(4, np.int16), np.full((3, 1), 5.0, np.float32)),
        (np.array([[-3], [2], [0]], np.int8), 7),
        (-1.0, np.arange(4, dtype=np.float64)),
        (np.zeros((5, 1, 1, 1)), None),
    ]
    for lo, hi in cases:
        want = np.clip(x, lo, hi)
        got = fastmath.clip(x, lo, hi)
        assert got.dtype == want.dtype and got.shape == want.shape
        np.testing.assert_array_equal(got, want)
    ints = np.arange(-6, 6, dtype=np.int32).reshape(3, 4)
    lo, hi = np.array([-1, 0, 1, 2], np.int8), np.array([[1], [2], [3]], np.uint8)
    np.testing.assert_array_equal(fastmath.clip(ints, lo, hi), np.clip(ints, lo, hi))
    assert fastmath.clip(ints, lo, hi).dtype == np.int32
    with pytest.raises(ValueError) as e:
        np.clip(np.arange(5.0), np.zeros((2, 1)), np.zeros(3))
    with pytest.raises(ValueError, match=re.escape(str(e.value).strip())):
        fastmath.clip(np.arange(5.0), np.zeros((2, 1)), np.zeros(3))


@pytest.mark.needs_numpy
def test_broadcasting_and_strided_views_across_dtypes(np):
    a = np.arange(-6, 6, dtype=np.int8).reshape(3, 1, 4)[:, :, ::-1]
    b = (np.arange(40, dtype=np.uint8) * 7).reshape(5, 8)[::-2, 1::3].T  # (3, 3) view
    b = b[None, :, :1]
    for name in BINARY:
        with np.errstate(all="ignore"):
            want = getattr(np, name)(a, b)
        got = getattr(fastmath, name)(a, b)
        assert got.dtype == want.dtype and got.shape == want.shape, name
        np.testing.assert_array_equal(got, want)
    f = np.linspace(-3, 3, 60, dtype=np.float32).reshape(6, 10)[1::2, ::-3]
    for name in TRANSCENDENTAL + KEPT:
        got = getattr(fastmath, name)(f)
        assert got.dtype == np.float32 and got.shape == f.shape
        want = sigmoid64(np, f) if name == "sigmoid" else None
        if name == "relu":
            want = np.maximum(f, 0)
        elif name == "abs":
            want = np.abs(f)
        elif name != "sigmoid":
            want = getattr(np, name)(f.astype(np.float64))
        assert_close_ulps(np, got, want, 1)
    big_endian = np.arange(6, dtype=">i2").reshape(2, 3)
    assert fastmath.square(big_endian).dtype == np.int16
    np.testing.assert_array_equal(fastmath.square(big_endian), np.square(big_endian))


# --- stdlib buffers (also inside Pyodide, both backends) -------------------------------------

SIGNED = "bhilq"
UNSIGNED = "BHILQ"


def dtype_of(result):
    """numpy's name of a stdlib result's dtype, from its buffer format and itemsize."""
    view = memoryview(result)
    code = view.format.lstrip("@=<>!")
    bits = 8 * view.itemsize
    if code == "?":
        return "bool"
    if code in "efd":
        return f"float{bits}"
    if code.lower() in SIGNED + "n" and code.islower():
        return f"int{bits}"
    return f"uint{bits}"


def wrap(value, code):
    """`value` wrapped around to the integer type of typecode `code`, as numpy wraps."""
    bits = 8 * struct.calcsize(code)
    value &= (1 << bits) - 1
    if code in SIGNED and value >= 1 << (bits - 1):
        value -= 1 << bits
    return value


def f32(value):
    """`value` rounded to float32."""
    return struct.unpack("f", struct.pack("f", value))[0]


def f32_ulp(value):
    """The spacing of float32 numbers at `value` (normal)."""
    magnitude = f32(abs(value))
    bits = struct.unpack("I", struct.pack("f", magnitude))[0]
    return struct.unpack("f", struct.pack("I", bits + 1))[0] - magnitude


def integer_values(code):
    bits = 8 * struct.calcsize(code)
    lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if code in SIGNED else (0, (1 << bits) - 1)
    return [lo, hi, 0, 1, 2, 5, hi - 3, lo + 7]


@pytest.mark.parametrize("code", SIGNED + UNSIGNED)
def test_integer_array_arrays_keep_their_type_and_wrap(code):
    values = integer_values(code)
    x = array.array(code, values)
    kind = dtype_of(x)
    for name, op in (
        ("add", lambda a, b: a + b),
        ("subtract", lambda a, b: a - b),
        ("multiply", lambda a, b: a * b),
    ):
        out = getattr(fastmath, name)(x, x[::-1])
        assert dtype_of(out) == kind, (name, code)
        assert out.tolist() == [
            wrap(op(a, b), code) for a, b in zip(values, values[::-1], strict=True)
        ]
    out = fastmath.square(x)
    assert dtype_of(out) == kind and out.tolist() == [wrap(v * v, code) for v in values]
    out = fastmath.abs(x)
    assert dtype_of(out) == kind and out.tolist() == [wrap(abs(v), code) for v in values]
    out = fastmath.relu(x)
    assert out.tolist() == [max(v, 0) for v in values]
    out = fastmath.clip(x, 1, 5)
    assert dtype_of(out) == kind and out.tolist() == [min(max(v, 1), 5) for v in values]
    # Weak Python numbers: an int keeps the type, a float makes float64.
    out = fastmath.add(x, 1)
    assert dtype_of(out) == kind and out.tolist() == [wrap(v + 1, code) for v in values]
    out = fastmath.add(x, 1.5)
    assert dtype_of(out) == "float64" and out.tolist() == [v + 1.5 for v in values]
    # True division of integers is float64.
    out = fastmath.divide(x, 2)
    assert dtype_of(out) == "float64" and out.tolist() == [v / 2 for v in values]


@pytest.mark.parametrize("code", SIGNED + UNSIGNED)
def test_integer_math_is_float32_up_to_16_bits_else_float64(code):
    values = [v for v in integer_values(code) if v >= 0]
    x = array.array(code, values)
    out = fastmath.sqrt(x)
    if struct.calcsize(code) <= 2:
        assert dtype_of(out) == "float32"
        assert out.tolist() == [f32(math.sqrt(f32(v))) for v in values]
    else:
        assert dtype_of(out) == "float64"
        assert out.tolist() == [math.sqrt(float(v)) for v in values]


def test_out_of_range_python_int_is_refused():
    with pytest.raises(OverflowError, match="Python integer 300 out of bounds for int8"):
        fastmath.add(array.array("b", [1, 2]), 300)
    with pytest.raises(OverflowError, match="Python integer -1 out of bounds for uint8"):
        fastmath.subtract(-1, array.array("B", [1, 2]))


def test_float32_stays_float32():
    values = [0.1, -2.5, 3.0, 1e-3, 100.0, -0.0]
    x = array.array("f", values)
    stored = x.tolist()
    assert dtype_of(fastmath.add(x, 2.0)) == "float32"
    assert fastmath.add(x, 2.0).tolist() == [f32(v + 2.0) for v in stored]
    assert fastmath.multiply(x, x).tolist() == [f32(v * v) for v in stored]
    assert fastmath.divide(x, 3).tolist() == [f32(v / 3) for v in stored]
    # float32 with a float64 array is float64; with int32 too (numpy's promotion).
    assert dtype_of(fastmath.add(x, array.array("d", values))) == "float64"
    assert dtype_of(fastmath.add(x, array.array("i", range(6)))) == "float64"
    assert dtype_of(fastmath.add(x, array.array("h", range(6)))) == "float32"
    for name, reference in (
        ("exp", lambda v: math.exp(v) if v < 88 else math.inf),
        ("log1p", math.log1p),
        ("sin", math.sin),
        ("tanh", math.tanh),
        ("sqrt", math.sqrt),
    ):
        positive = array.array("f", [abs(v) for v in stored])
        out = getattr(fastmath, name)(positive)
        assert dtype_of(out) == "float32", name
        for v, y in zip(positive.tolist(), out.tolist(), strict=True):
            want = reference(v)
            assert y == want or abs(y - want) <= f32_ulp(want), (name, v, y, want)
    assert dtype_of(fastmath.clip(x, 0, 1)) == "float32"
    assert fastmath.clip(x, 0, 1).tolist() == [min(max(v, 0.0), 1.0) for v in stored]


def test_mixed_integer_types_promote():
    a = array.array("b", [-128, 127, 5])
    b = array.array("B", [255, 1, 5])
    out = fastmath.add(a, b)
    assert dtype_of(out) == "int16" and out.tolist() == [127, 128, 10]
    q = array.array("q", [-1, 2**62, 3])
    u = array.array("Q", [2**64 - 1, 1, 3])
    out = fastmath.add(q, u)
    assert dtype_of(out) == "float64"
    assert out.tolist() == [float(2**64 - 1) - 1.0, float(2**62 + 1), 6.0]
    assert dtype_of(fastmath.multiply(array.array("i", [1]), array.array("I", [1]))) == "int64"


def bools(values):
    return memoryview(bytes(values)).cast("?")


def test_bool_buffers_follow_numpy():
    a, b = bools([0, 0, 1, 1]), bools([0, 1, 0, 1])
    out = fastmath.add(a, b)
    assert dtype_of(out) == "bool" and out.tolist() == [False, True, True, True]
    out = fastmath.multiply(a, b)
    assert dtype_of(out) == "bool" and out.tolist() == [False, False, False, True]
    with pytest.raises(TypeError, match="numpy boolean subtract"):
        fastmath.subtract(a, b)
    assert fastmath.subtract(a, 1).tolist() == [-1, -1, 0, 0]
    assert dtype_of(fastmath.subtract(a, 1)) == "int64"
    assert dtype_of(fastmath.add(a, True)) == "bool"
    assert dtype_of(fastmath.add(a, 1.5)) == "float64"
    assert dtype_of(fastmath.divide(a, b)) == "float64"
    assert dtype_of(fastmath.square(a)) == "int8"
    assert dtype_of(fastmath.abs(a)) == "bool"
    assert dtype_of(fastmath.relu(a)) == "int64"
    assert dtype_of(fastmath.sqrt(a)) == "float32"  # numpy: float16
    assert dtype_of(fastmath.add(a, array.array("b", [1, 2, 3, 4]))) == "int8"


def test_memoryview_casts_keep_shape_and_type():
    m = memoryview(array.array("b", [1, -2, 3, 100, -100, 6])).cast("B").cast("b", (2, 3))
    out = fastmath.square(m)
    assert dtype_of(out) == "int8"
    assert out.tolist() == [[wrap(v * v, "b") for v in row] for row in m.tolist()]
    row = array.array("b", [10, 20, 30])
    out = fastmath.add(m, row)  # (2, 3) + (3,)
    assert dtype_of(out) == "int8"
    assert out.tolist() == [
        [wrap(v + r, "b") for v, r in zip(r0, row, strict=True)] for r0 in m.tolist()
    ]
    h = memoryview(array.array("H", range(6))).cast("B").cast("H", (3, 2))
    out = fastmath.exp(h)
    assert dtype_of(out) == "float32" and len(out.tolist()) == 3
    col = memoryview(array.array("f", [0.0, 1.0, 2.0])).cast("B").cast("f", (3, 1))
    out = fastmath.clip(h, col, 4)
    assert dtype_of(out) == "float32"
    assert out.tolist() == [
        [min(max(float(v), c[0]), 4.0) for v in r]
        for r, c in zip(h.tolist(), col.tolist(), strict=True)
    ]
    with pytest.raises(ValueError, match=re.escape("(3,2) (4,) ()")):
        fastmath.clip(h, array.array("d", [0.0] * 4), 1)
