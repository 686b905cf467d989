"""Elementwise functions against the math module, value by value (runs in Pyodide too)."""

import array
import math
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fastmath

floats = st.floats(width=64)


def reference_sigmoid(x):
    if math.isnan(x):
        return x
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def ieee(function):
    """math's function with numpy/IEEE results where math raises (domain, overflow)."""

    def wrapped(x):
        try:
            return function(x)
        except ValueError:
            if function is math.log and x == 0:
                return -math.inf
            return math.nan
        except OverflowError:
            return math.inf

    return wrapped


UNARY = {
    "sqrt": ieee(math.sqrt),
    "exp": ieee(math.exp),
    "log": ieee(math.log),
    "log1p": ieee(math.log1p),
    "expm1": ieee(math.expm1),
    "sin": ieee(math.sin),
    "cos": ieee(math.cos),
    "tan": ieee(math.tan),
    "tanh": math.tanh,
    "abs": abs,
    "relu": lambda x: x if (math.isnan(x) or x > 0) else 0.0,
    "sigmoid": reference_sigmoid,
    "square": lambda x: x * x,
}


def same(a, b, rel):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    if math.isinf(a) or math.isinf(b):
        return a == b
    return a == pytest.approx(b, rel=rel, abs=1e-300)


@pytest.mark.parametrize("name", sorted(UNARY))
@settings(max_examples=60, deadline=None)
@given(st.lists(floats, max_size=40))
def test_unary_matches_math(name, xs):
    # Within 2 ulp of CPython's libm (fastmath uses Rust's libm, numpy its own).
    function, reference = getattr(fastmath, name), UNARY[name]
    out = function(xs)
    assert isinstance(out, array.array) and len(out) == len(xs)
    for x, y in zip(xs, out, strict=True):
        assert same(y, reference(x), rel=4.5e-16), (name, x, y, reference(x))
    for x in xs[:3]:
        assert same(function(x), reference(x), rel=4.5e-16)


def test_ieee_special_values():
    assert math.isnan(fastmath.sqrt(-1.0))
    assert fastmath.log(0.0) == -math.inf
    assert math.isnan(fastmath.log(-1.0))
    assert fastmath.exp(1000.0) == math.inf
    assert fastmath.sigmoid(-1000.0) == 0.0 and fastmath.sigmoid(1000.0) == 1.0


def test_two_dimensional_keeps_shape():
    out = fastmath.sqrt([[1, 4], [9, 16]])
    assert out.shape == (2, 2) and out.tolist() == [[1.0, 2.0], [3.0, 4.0]]


def test_clip():
    assert fastmath.clip([-5, 0.5, 5, math.inf], 0, 1).tolist() == [0.0, 0.5, 1.0, 1.0]
    assert math.isnan(fastmath.clip([math.nan], 0, 1)[0])
    assert fastmath.clip(7, 0, 1) == 1
    # Array bounds broadcast as numpy's (test_elementwise_dtypes.py checks them against numpy).
    assert fastmath.clip([1.0, 5.0], [2.0, 0.0], 3).tolist() == [2.0, 3.0]
    with pytest.raises(ValueError, match="could not be broadcast together"):
        fastmath.clip([1.0], [0.0, 0.0], [1.0, 1.0, 1.0])


@pytest.mark.parametrize(
    ("name", "op"),
    [
        ("add", lambda a, b: a + b),
        ("subtract", lambda a, b: a - b),
        ("multiply", lambda a, b: a * b),
        ("divide", lambda a, b: a / b if b else (math.copysign(math.inf, a) if a else math.nan)),
    ],
)
@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(floats, floats), max_size=30), floats)
def test_binary_forms_are_exact(name, op, pairs, scalar):
    function = getattr(fastmath, name)
    xs, ys = [a for a, _ in pairs], [b for _, b in pairs]

    def check(got, a, b):
        if b == 0 and name == "divide":
            expected = (
                math.nan
                if (a == 0 or math.isnan(a))
                else math.copysign(math.inf, a) * math.copysign(1.0, b)
            )
        else:
            try:
                expected = op(a, b)
            except OverflowError:
                return
        assert (math.isnan(got) and math.isnan(expected)) or got == expected

    for a, b, got in zip(xs, ys, function(xs, ys), strict=True):
        check(got, a, b)
    for a, got in zip(xs, function(xs, scalar), strict=True):
        check(got, a, scalar)
    for b, got in zip(ys, function(scalar, ys), strict=True):
        check(got, scalar, b)


def test_binary_operands_broadcast_as_numpy():
    with pytest.raises(
        ValueError, match=r"add: operands could not be broadcast together with shapes \(2,\) \(3,\)"
    ):
        fastmath.add([1, 2], [1, 2, 3])
    assert fastmath.add(1, 2) == 3.0
    assert fastmath.multiply([[1, 2]], [[3, 4]]).tolist() == [[3.0, 8.0]]
    # (3, 1) and (2,) give (3, 2); a row against a column of a 3-D buffer too.
    assert fastmath.add([[0], [10], [20]], [1, 2]).tolist() == [[1, 2], [11, 12], [21, 22]]
    column = memoryview(array.array("d", [1, 2])).cast("B").cast("d", (2, 1))
    assert fastmath.subtract([[[10, 20, 30]]], column).tolist() == [
        [[9.0, 19.0, 29.0], [8.0, 18.0, 28.0]]
    ]


def _trig_fingerprint_args(n=100_000):
    """The arguments of `bits_fingerprint` in rust/fastmath-core/src/elementwise/trig.rs:
    splitmix64 seeded 12345; by i % 4 uniform in [-4, 4), uniform in [-1.1e6, 1.1e6) (both
    reduction paths), the bits as a double (every kind), and log-uniform-ish over 2^-31..2^89."""
    mask = (1 << 64) - 1
    state, xs = 12345, array.array("d")
    for i in range(n):
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        z ^= z >> 31
        u = (z >> 11) * 2.0**-53
        kind = i % 4
        if kind == 0:
            xs.append(-4.0 + 8.0 * u)
        elif kind == 1:
            xs.append(-1.1e6 + 2.2e6 * u)
        elif kind == 2:
            xs.append(struct.unpack("<d", struct.pack("<Q", z))[0])
        else:
            xs.append((u - 0.5) * 2.0 ** (z % 120 - 30))
    return xs


def _fnv1a(values):
    h = 0xCBF29CE484222325
    for raw in struct.unpack(f"<{len(values)}Q", values.tobytes()):
        nan = raw & 0x7FF0000000000000 == 0x7FF0000000000000 and raw & 0xFFFFFFFFFFFFF
        bits = 0x7FF8000000000000 if nan else raw  # every NaN hashed as one value
        h = ((h ^ bits) * 0x100000001B3) & ((1 << 64) - 1)
    return h


def test_trig_bits_fingerprint():
    # sin, cos and tan are libm-free: the same bits on every platform (host, Pyodide, the
    # universal wasm backend), pinned by the Rust test `bits_fingerprint` to these hashes.
    xs = _trig_fingerprint_args()
    pinned = {
        "sin": 0x35437D82BDFD394E,
        "cos": 0xB49DC6858E087EFB,
        "tan": 0xFA9301796D04F308,
    }
    for name, expected in pinned.items():
        function = getattr(fastmath, name)
        out = function(xs)
        assert _fnv1a(out) == expected, (name, hex(_fnv1a(out)))
        # One float at a time takes the scalar path: the same bits as the vectorised loop.
        for x, y in zip(xs[:2000:7], out[:2000:7], strict=True):
            v = function(x)
            assert (math.isnan(v) and math.isnan(y)) or struct.pack("<d", v) == struct.pack(
                "<d", y
            ), (name, x)


def test_trig_special_and_huge_arguments():
    assert math.copysign(1.0, fastmath.sin(-0.0)) == -1.0
    assert math.copysign(1.0, fastmath.tan(-0.0)) == -1.0
    assert fastmath.cos(-0.0) == 1.0
    for v in (math.inf, -math.inf, math.nan):
        assert math.isnan(fastmath.sin(v)) and math.isnan(fastmath.cos(v))
        assert math.isnan(fastmath.tan(v))
    assert fastmath.sin(5e-324) == 5e-324 and fastmath.tan(-1e-310) == -1e-310
    # Correctly rounded values of classic hard reductions.
    assert fastmath.sin(1e22) == -0.8522008497671888
    assert fastmath.cos(6381956970095103 * 2.0**797) == -4.6871659242546277e-19
    assert fastmath.sin([1e300, -1e300]).tolist() == [
        fastmath.sin(1e300),
        -fastmath.sin(1e300),
    ]


# --- log, log1p, expm1: libm-free kernels (rust/fastmath-core/src/elementwise/{log,log1p,expm1}.rs)


def _trans_splitmix(seed, n):
    mask = (1 << 64) - 1
    state = seed
    for _ in range(n):
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        yield z ^ (z >> 31)


def _trans_fingerprint_args(lo, width, n=100_000):
    """The arguments of `bits_fingerprint` in the Rust tests of log, log1p and expm1:
    splitmix64 seeded 12345; even i uniform in [lo, lo + width), odd i the bits as a double."""
    xs = array.array("d")
    for i, z in enumerate(_trans_splitmix(12345, n)):
        if i % 2 == 0:
            xs.append(lo + width * ((z >> 11) * 2.0**-53))
        else:
            xs.append(struct.unpack("<d", struct.pack("<Q", z))[0])
    return xs


def _trans_fnv1a(values):
    h = 0xCBF29CE484222325
    words = struct.unpack(f"<{len(values)}Q", values.tobytes())
    for v, bits in zip(values, words, strict=True):
        word = 0x7FF8000000000000 if math.isnan(v) else bits  # every NaN hashed as one value
        h = ((h ^ word) * 0x100000001B3) & ((1 << 64) - 1)
    return h


@pytest.mark.parametrize(
    ("name", "lo", "width", "pinned"),
    [
        ("log", 0.0, 8.0, 0x2A647E2356E94C17),
        ("log1p", -1.0, 8.0, 0x8EB53CC758589649),
        ("expm1", -50.0, 800.0, 0xC67647618E4437F2),
        ("tanh", 0.0, 8.0, 0xDB22DDA1B620D1C2),
        ("sigmoid", 0.0, 8.0, 0x0F92E7733CF94CAF),
    ],
)
def test_log_exp_family_bits_fingerprint(name, lo, width, pinned):
    # The same bits on every platform (host, Pyodide, the universal wasm backend): the hash the
    # Rust test `bits_fingerprint` pins, over the same arguments.
    xs = _trans_fingerprint_args(lo, width)
    function = getattr(fastmath, name)
    out = function(xs)
    assert _trans_fnv1a(out) == pinned, (name, hex(_trans_fnv1a(out)))
    # One float at a time takes the scalar path: the same bits as the vectorised loop.
    for x, y in zip(xs[:3000:7], out[:3000:7], strict=True):
        v = function(x)
        same = (math.isnan(v) and math.isnan(y)) or struct.pack("<d", v) == struct.pack("<d", y)
        assert same, (name, x)


def _float32_fingerprint_args(lo, width, n=100_000):
    """The arguments of `bits_fingerprint` in rust/fastmath-core/src/elementwise/float32_tests.rs:
    splitmix64 seeded 12345; even i uniform in [lo, lo + width) rounded to float32, odd i the low
    32 bits of z as a float32 (every kind, NaN payloads kept: built from the bits)."""
    words = array.array("I")
    for i, z in enumerate(_trans_splitmix(12345, n)):
        if i % 2 == 0:
            v = lo + width * ((z >> 11) * 2.0**-53)
            words.append(struct.unpack("<I", struct.pack("<f", v))[0])
        else:
            words.append(z & 0xFFFFFFFF)
    xs = array.array("f")
    xs.frombytes(words.tobytes())
    return xs


@pytest.mark.parametrize(
    ("name", "lo", "width", "pinned"),
    [
        ("exp", -20.0, 40.0, 0xA67688D776CE54C7),
        ("log", 0.0, 8.0, 0x13540BDC8DEBE318),
        ("sin", -10.0, 20.0, 0x0E63E02C51EE1901),
        ("cos", -10.0, 20.0, 0x7F43A1D0D8F5058F),
        ("tanh", -10.0, 20.0, 0x9AA9E814B0A8F349),
        ("sigmoid", -20.0, 40.0, 0xD333D84109909942),
        ("expm1", -20.0, 40.0, 0xD0B46A017DB9CE11),
        ("log1p", -1.0, 8.0, 0x9B78AD39638769A9),
        ("tan", -10.0, 20.0, 0x89911CD4ABF71DCC),
    ],
)
def test_float32_bits_fingerprint(name, lo, width, pinned):
    # The float32 kernels computed in float32 give the same bits on every platform (the host,
    # and Pyodide's simd128 build, where this suite runs too): the hash the Rust test
    # `bits_fingerprint` pins, over the same arguments.
    xs = _float32_fingerprint_args(lo, width)
    out = memoryview(getattr(fastmath, name)(xs))
    assert out.format == "f"
    h = 0xCBF29CE484222325
    for bits in struct.unpack(f"<{len(xs)}I", out.cast("B")):
        nan = bits & 0x7F800000 == 0x7F800000 and bits & 0x7FFFFF
        h = ((h ^ (0x7FC00000 if nan else bits)) * 0x100000001B3) & ((1 << 64) - 1)
    assert h == pinned, (name, hex(h))


def _ulp_distance(a, b):
    """How many doubles lie between a and b (0 when equal), for finite a and b."""

    def ordered(v):
        (bits,) = struct.unpack("<q", struct.pack("<d", v))
        return bits if bits >= 0 else -(bits & 0x7FFFFFFFFFFFFFFF)

    return abs(ordered(a) - ordered(b))


def _trans_accuracy_args():
    """Deterministic arguments over every range: every binade of both signs, near 1 and 0,
    and uniform stretches."""
    xs = []
    for i, z in enumerate(_trans_splitmix(99, 20_000)):
        u = (z >> 11) * 2.0**-53
        kind = i % 5
        if kind == 0:
            xs.append(math.ldexp(1.0 + u, (z % 2098) - 1075))
        elif kind == 1:
            xs.append(-math.ldexp(1.0 + u, (z % 1100) - 1075))
        elif kind == 2:
            xs.append(1.0 + (u - 0.5) / 32)
        elif kind == 3:
            xs.append((u - 0.5) * 2.0 ** -(z % 60))
        else:
            xs.append(-50.0 + 760.0 * u)
    return xs


@pytest.mark.parametrize("name", ["log", "log1p", "expm1"])
def test_log_exp_family_within_one_ulp_of_math(name):
    # fastmath's kernels are within 0.51 ulp of the exact value (measured in the Rust tests
    # against a double-double reference); the math module's libm is within about as much
    # (glibc on the host, musl in Pyodide). So the two differ by at most one ulp.
    reference = UNARY[name]
    xs = [x for x in _trans_accuracy_args() if not math.isinf(reference(x))]
    out = getattr(fastmath, name)(xs)
    for x, y in zip(xs, out, strict=True):
        want = reference(x)
        if math.isnan(want):
            assert math.isnan(y), (name, x, y)
        else:
            assert _ulp_distance(y, want) <= 1, (name, x, y, want)
