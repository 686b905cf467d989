"""float32 computed in float32 (issue 11 item 7): the transcendentals' error bounds, against a
float64 reference, on numpy arrays (host) and on array.array('f') (stdlib only: runs in Pyodide
too, on both backends)."""

import array
import math
import random
import struct

import pytest

import fastmath

#: The bound each docstring states, in float32 ulps (measured over every float32 by the Rust
#: test `exhaustive` in fastmath-core's elementwise/float32_tests.rs).
BOUNDS = {"exp": 0.77, "log": 0.84, "sin": 0.8, "cos": 0.8}
#: float64 references for the stdlib tests: math's functions (within 1 float64 ulp, about
#: 2**-29 float32 ulp), with numpy's results where math raises.
REFERENCE = {
    "exp": lambda v: math.exp(v) if not v >= 709 else math.inf,
    "log": lambda v: math.log(v) if v > 0 else (-math.inf if v == 0 else math.nan),
    "sin": lambda v: math.sin(v) if math.isfinite(v) else math.nan,
    "cos": lambda v: math.cos(v) if math.isfinite(v) else math.nan,
}
#: Arguments where each function is most interesting (uniform over these, float32).
RANGES = {"exp": (-105.0, 90.0), "log": (0.0, 1e4), "sin": (-1e3, 1e3), "cos": (-1e3, 1e3)}


@pytest.fixture
def np():
    import numpy

    return numpy


def f32(v):
    """`v` rounded to float32 (to nearest, as numpy's astype)."""
    try:
        return struct.unpack("f", struct.pack("f", v))[0]
    except OverflowError:
        return math.copysign(math.inf, v)


def ulps(got, want):
    """|got - want| in float32 ulps of `want` (subnormal spacing below 2**-126); None when
    `want` does not round to a finite float32 (then `got` must be what it rounds to)."""
    if math.isnan(want) or not math.isfinite(f32(want)):
        return None
    got = math.copysign(2.0**128, got) if math.isinf(got) else got
    exponent = max(math.frexp(want)[1] - 1, -126) if want else -126
    return abs(got - want) / 2.0 ** (exponent - 23)


def arguments(name, n, seed):
    """`n` float32 values over the function's range, every binade's ends and special values."""
    rng = random.Random(seed)
    lo, hi = RANGES[name]
    values = [f32(rng.uniform(lo, hi)) for _ in range(n)]
    values += [f32(math.ldexp(1.0, e)) for e in range(-149, 128)]
    values += [-v for v in values[-60:]]
    values += [0.0, -0.0, math.inf, -math.inf, math.nan, 88.72283, -87.33654, 1e-40]
    return array.array("f", values)


def check(name, x, got):
    reference = REFERENCE[name]
    worst = 0.0
    for v, y in zip(x, got, strict=True):
        want = reference(v)
        e = ulps(y, want)
        if e is None:
            rounded = f32(want)
            assert (math.isnan(y) and math.isnan(rounded)) or y == rounded, (name, v, y, want)
        else:
            worst = max(worst, e)
    assert worst <= BOUNDS[name], (name, worst)


@pytest.mark.parametrize("name", sorted(BOUNDS))
def test_float32_transcendentals_within_their_bounds(name):
    x = arguments(name, 3000, seed=len(name))
    got = getattr(fastmath, name)(x)
    assert got.typecode == "f"
    check(name, x, got)
    # A length that is no multiple of the eight-element chunks, with special values in chunks
    # of ordinary ones: each element as it would be alone.
    x = array.array("f", [0.5, 1.5, math.nan, 2.5, 3.5, -1.0, 1e30, 7.0, 9.0, 0.25, 11.0])
    got = getattr(fastmath, name)(x)
    for v, y in zip(x, got, strict=True):
        alone = getattr(fastmath, name)(array.array("f", [v]))[0]
        assert struct.pack("f", y) == struct.pack("f", alone) or (
            math.isnan(y) and math.isnan(alone)
        )


@pytest.mark.parametrize("name", sorted(BOUNDS))
def test_docstrings_state_the_bounds(name):
    assert f"within {BOUNDS[name]} ulp" in getattr(fastmath, name).__doc__


@pytest.mark.needs_numpy
@pytest.mark.parametrize("name", sorted(BOUNDS))
def test_float32_against_numpy_float64(np, name):
    rng = np.random.default_rng(7)
    # Random bit patterns (every binade and sign, NaNs and infinities included) and the range.
    bits = rng.integers(0, 2**32, size=200_000, dtype=np.uint64).astype(np.uint32)
    lo, hi = RANGES[name]
    x = np.concatenate([bits.view(np.float32), rng.uniform(lo, hi, 200_000).astype(np.float32)])
    got = getattr(fastmath, name)(x)
    assert got.dtype == np.float32 and got.shape == x.shape
    with np.errstate(all="ignore"):
        want = getattr(np, name)(x.astype(np.float64))
        rounded = want.astype(np.float32)
    finite = np.isfinite(rounded)
    nan = np.isnan(want)
    assert (np.isnan(got) == nan).all()
    assert (got[~finite & ~nan] == rounded[~finite & ~nan]).all()
    w = want[finite]
    exponent = np.maximum(np.frexp(w)[1] - 1, -126)
    g = got[finite].astype(np.float64)
    g = np.where(np.isinf(g), np.copysign(2.0**128, g), g)
    err = np.abs(g - w) / np.ldexp(1.0, exponent - 23)
    assert err.max() <= BOUNDS[name], (name, err.max(), x[finite][err.argmax()])
    # numpy's own float32 loops are within a few ulps; ours are never further from theirs
    # than the two bounds together.
    with np.errstate(all="ignore"):
        theirs = getattr(np, name)(x)[finite].astype(np.float64)
    spacing = np.ldexp(1.0, exponent - 23)
    assert (np.abs(g - theirs) / spacing <= BOUNDS[name] + 4).all()


def matrix(rows, cols, seed, typecode="f"):
    rng = random.Random(seed)
    flat = array.array(typecode, (rng.uniform(-1, 1) for _ in range(rows * cols)))
    return memoryview(flat).cast("B").cast(typecode, (rows, cols))


def kind(result):
    """The element format of a result: array.array for 1-D, memoryview for N-D."""
    return result.typecode if isinstance(result, array.array) else result.format


def exact_product(a, b):
    """`a @ b` in exact rational arithmetic, and `|a| @ |b|`, from the float32 values."""
    from fractions import Fraction

    rows, inner, cols = len(a), len(b), len(b[0])
    prod = [
        [sum(Fraction(a[i][p]) * Fraction(b[p][j]) for p in range(inner)) for j in range(cols)]
        for i in range(rows)
    ]
    scale = [
        [sum(abs(a[i][p] * b[p][j]) for p in range(inner)) for j in range(cols)]
        for i in range(rows)
    ]
    return prod, scale


@pytest.mark.parametrize("shape", [(9, 37, 11), (1, 40, 13), (13, 40, 1), (5, 300, 17)])
def test_float32_matmul_within_the_sgemm_bound(shape):
    m, k, n = shape
    a, b = matrix(m, k, 1), matrix(k, n, 2)
    got = fastmath.matmul(a, b)
    assert kind(got) == "f" and got.shape == (m, n)
    got = got.tolist()
    want, scale = exact_product(a.tolist(), b.tolist())
    for i in range(m):
        for j in range(n):
            err = abs(got[i][j] - want[i][j])
            # numpy's float32 matmul (sgemm) accumulates in float32: this is its bound too.
            assert err <= (k + 1) * 2.0**-24 * scale[i][j], (i, j, float(err))


def test_float32_matmul_vectors_and_stacks():
    a = matrix(3, 4, 3)
    x = array.array("f", [0.5, -1.0, 2.0, 0.25])
    got = fastmath.matmul(a, x)
    assert kind(got) == "f" and got.tolist() == pytest.approx(
        [sum(r[p] * x[p] for p in range(4)) for r in a.tolist()], rel=1e-6
    )
    got = fastmath.matmul(x, matrix(4, 2, 4))
    assert kind(got) == "f" and len(got) == 2
    dot = fastmath.matmul(x, x)
    assert dot == f32(sum(v * v for v in x))
    # Small integers: exact in float32 whatever the order.
    flat = array.array("f", [float(i % 7 - 3) for i in range(2 * 3 * 4)])
    stack = memoryview(flat).cast("B").cast("f", (2, 3, 4))
    flat_b = array.array("f", [float(i % 5 - 2) for i in range(4 * 5)])
    b = memoryview(flat_b).cast("B").cast("f", (4, 5))
    got = fastmath.matmul(stack, b)
    assert kind(got) == "f" and got.shape == (2, 3, 5)
    s, bl = stack.tolist(), b.tolist()
    assert got.tolist() == [
        [[float(sum(s[t][i][p] * bl[p][j] for p in range(4))) for j in range(5)] for i in range(3)]
        for t in range(2)
    ]
    with pytest.raises(ValueError):
        fastmath.matmul(matrix(2, 3, 5), matrix(2, 3, 6))
    with pytest.raises(ValueError):
        fastmath.matmul(x, array.array("f", [1.0]))


def test_float32_sum_and_mean_round_the_exact_value_once():
    from fractions import Fraction

    rng = random.Random(5)
    x = array.array("f", (rng.uniform(-1, 1) * 2.0 ** rng.randint(-30, 30) for _ in range(10_001)))
    exact = sum(Fraction(v) for v in x)
    # (float() rounds the exact value to float64 first: the same as rounding it once to float32
    # unless it lies within 2**-29 ulp of a float32 midpoint, which these values do not.)
    assert fastmath.sum(x) == f32(float(exact))
    assert fastmath.sum(x) == f32(math.fsum(x))
    assert fastmath.mean(x) == f32(float(exact / len(x)))
    # A float32 tie (2**24 + 1) goes to even, a hair beyond it does not.
    assert fastmath.sum(array.array("f", [2.0**24, 1.0])) == 2.0**24
    assert fastmath.sum(array.array("f", [2.0**24, 1.0, 2.0**-20])) == 2.0**24 + 2
    assert fastmath.sum(array.array("f", [3e38, 3e38])) == math.inf
    assert math.isnan(fastmath.mean(array.array("f")))


@pytest.mark.needs_numpy
def test_float32_matmul_and_sum_against_numpy(np):
    rng = np.random.default_rng(3)
    a = rng.standard_normal((70, 130)).astype(np.float32)
    b = rng.standard_normal((130, 90)).astype(np.float32)
    got = fastmath.matmul(a, b)
    assert got.dtype == np.float32
    exact = a.astype(np.float64) @ b.astype(np.float64)
    scale = np.abs(a).astype(np.float64) @ np.abs(b).astype(np.float64)
    bound = 131 * 2.0**-24 * scale
    assert (np.abs(got - exact) <= bound).all()
    # No worse than numpy's own float32 matmul, within the same bound.
    assert (np.abs(a @ b - exact) <= bound).all()
    x = rng.standard_normal(100_003).astype(np.float32)
    s = fastmath.sum(x)
    assert s.dtype == np.float32 and s == np.float32(math.fsum(x.astype(np.float64)))
    assert fastmath.mean(x) == np.float32(np.mean(x.astype(np.float64)))
    got = fastmath.sum(x[:100_000].reshape(1000, 100), axis=1)
    assert got.dtype == np.float32
    want = [np.float32(math.fsum(r)) for r in x[:100_000].reshape(1000, 100).astype(np.float64)]
    assert (got == np.array(want, dtype=np.float32)).all()
