"""gcd, lcm, isprime, primes and factorize against pure-Python references (these run in Pyodide
too: math.gcd, math.lcm, a bytearray sieve, trial division) and, on the host, numpy's gcd/lcm
dtype rules.

Properties from issue 12: ``gcd(a, b) * lcm(a, b) == |a * b|``, ``factorize`` multiplies back
to ``n`` with prime factors in ascending order, ``isprime`` agrees with a sieve.
"""

import array
import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fastmath

int32s = st.integers(min_value=-(2**31), max_value=2**31 - 1)


def sieve(n):
    """The primes <= n, by a plain bytearray sieve (the benchmark's pure-Python equivalent)."""
    if n < 2:
        return []
    flags = bytearray([1]) * (n + 1)
    flags[0] = flags[1] = 0
    for p in range(2, math.isqrt(n) + 1):
        if flags[p]:
            flags[p * p :: p] = bytes(len(range(p * p, n + 1, p)))
    return [i for i, f in enumerate(flags) if f]


def trial_division_is_prime(n):
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n) + 1))


# --- gcd and lcm --------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(int32s, int32s)
def test_gcd_lcm_of_numbers_match_math_and_multiply_to_the_product(a, b):
    g, m = fastmath.gcd(a, b), fastmath.lcm(a, b)
    assert type(g) is int and type(m) is int
    assert g == math.gcd(a, b)
    assert m == math.lcm(a, b)
    assert g * m == abs(a * b)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(int32s, int32s), min_size=1, max_size=40))
def test_gcd_lcm_of_lists_elementwise(pairs):
    xs = [a for a, _ in pairs]
    ys = [b for _, b in pairs]
    assert fastmath.gcd(xs, ys).tolist() == [math.gcd(a, b) for a, b in pairs]
    assert fastmath.lcm(xs, ys).tolist() == [math.lcm(a, b) for a, b in pairs]


def test_broadcasting_and_int64_buffers():
    col = array.array("q", [12, 18, 0, -8])
    got = fastmath.gcd(memoryview(col).cast("B").cast("q", [4, 1]), [4, 6, 9])
    assert got.tolist() == [[math.gcd(a, b) for b in (4, 6, 9)] for a in col]
    assert fastmath.lcm(array.array("q", [4, 6]), 10).tolist() == [20, 30]
    assert fastmath.gcd(0, 0) == 0 and fastmath.lcm(0, 5) == 0
    # numpy's wrap-around: |int64.min| is itself.
    assert fastmath.gcd(-(2**63), 0) == -(2**63)
    assert fastmath.gcd(2**63 - 1, 2**62) == 1


@pytest.mark.parametrize(
    "args, cls, message",
    [
        ((1.5, 2), TypeError, "a: gcd() takes integers only, got float"),
        ((4, 2.0), TypeError, "b: gcd() takes integers only, got float"),
        (([1.5, 2.0], 2), TypeError, "a: gcd() takes integers only"),
        (([math.nan], 2), TypeError, "a: gcd() takes integers only"),
        # Whole-valued floats too, as numpy's ufuncs (no float loop).
        (([4.0, 6.0], 2), TypeError, "a: gcd() takes integers only, got float64 values"),
        ((4, [2.0]), TypeError, "b: gcd() takes integers only, got float64 values"),
        (("12", 2), TypeError, "a: expected a number or an array of numbers, got str"),
        ((2**70, 2), OverflowError, "a: Python integer"),
        (([1, 2, 3], [1, 2]), ValueError, "could not be broadcast"),
    ],
)
def test_gcd_refusals_name_the_argument(args, cls, message):
    for name in ("gcd", "lcm"):
        with pytest.raises(cls, match=re.escape(message.replace("gcd()", f"{name}()"))):
            getattr(fastmath, name)(*args)


def test_float_buffers_are_refused():
    with pytest.raises(TypeError, match=re.escape("a: lcm() takes integers only, got float32")):
        fastmath.lcm(array.array("f", [2.0]), 2)
    for name in ("gcd", "lcm", "isprime"):
        args = (array.array("d", [4.0, 6.0]),) + ((2,) if name != "isprime" else ())
        with pytest.raises(TypeError, match="takes integers only, got float64 values"):
            getattr(fastmath, name)(*args)
    assert fastmath.gcd([4, 6], 4).tolist() == [4, 2]  # int lists are int64, as numpy's
    with pytest.raises(TypeError, match="a: gcd"):
        fastmath.gcd([], [])  # an empty list is float64, as numpy reads it (numpy refuses too)


@pytest.mark.needs_numpy
def test_floats_are_refused_where_numpy_refuses_them():
    import numpy as np

    cases = [
        (np.array([4.0, 6.0]), 2),
        (np.array([4, 6]), np.array([2.0])),
        (np.float64(4.0), 2),
        (4, 2.0),
        ([4.0], [2, 3]),
    ]
    for name in ("gcd", "lcm"):
        for a, b in cases:
            with pytest.raises(TypeError):
                getattr(np, name)(a, b)
            with pytest.raises(TypeError, match=r"^[ab]: " + name):
                getattr(fastmath, name)(a, b)
    for n in (np.array([7.0]), np.float64(7.0), 7.0, [7.0, 2.0]):
        with pytest.raises(TypeError, match=r"^n: isprime\(\) takes integers only"):
            fastmath.isprime(n)


# --- isprime and primes -------------------------------------------------------------------------


def test_isprime_of_an_empty_buffer_is_an_empty_bool_array():
    # A 1-D bool result is a memoryview cast to "?", which once failed when empty.
    for empty in (array.array("q"), array.array("B"), memoryview(array.array("i"))):
        got = fastmath.isprime(empty)
        assert (got.tolist(), memoryview(got).format, memoryview(got).shape) == ([], "?", (0,))
    got = fastmath.isprime(array.array("q", [2, 4]))
    assert (got.tolist(), memoryview(got).format) == ([True, False], "?")


def test_isprime_agrees_with_a_sieve():
    n = 20_000
    flags = fastmath.isprime(list(range(-5, n + 1))).tolist()
    primes = set(sieve(n))
    assert flags == [k in primes for k in range(-5, n + 1)]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_isprime_of_big_numbers_agrees_with_a_factorization(n):
    got = fastmath.isprime(n)
    assert type(got) is bool
    if n < 2:
        assert not got
    else:
        assert got == (fastmath.factorize(n).tolist() == [n])


def test_isprime_known_hard_cases():
    # Strong pseudoprimes to many bases, Carmichael numbers, Mersenne primes.
    composites = [
        561,
        41041,
        3215031751,
        2152302898747,
        3474749660383,
        341550071728321,
        3825123056546413051,
    ]
    # Beyond 2**53, as int64 buffers.
    assert not any(fastmath.isprime(array.array("q", composites)).tolist())
    big_primes = array.array("q", [2**31 - 1, 2**61 - 1, 2**63 - 25])
    assert fastmath.isprime(big_primes).tolist() == [True] * 3
    assert fastmath.isprime(array.array("Q", [2**64 - 59, 2**64 - 1])).tolist() == [True, False]


@pytest.mark.parametrize("n", [-3, 0, 1, 2, 3, 4, 97, 100, 65537, 131072 * 3 + 7, 10**6])
def test_primes_match_a_bytearray_sieve(n):
    got = fastmath.primes(n)
    assert got.tolist() == sieve(n)
    assert isinstance(got, array.array) and got.typecode == "q"


def test_primes_counts():
    assert len(fastmath.primes(10**7)) == 664_579


@pytest.mark.parametrize("n", [2**32 + 1, 10**12, 2**63 - 1])
def test_huge_primes_are_refused_at_once(n):
    message = r"n: \d+ is above 2\*\*32, primes\(\)'s limit: .* [GT]B \(\d+ int64\)"
    with pytest.raises(ValueError, match=message):
        fastmath.primes(n)


@pytest.mark.parametrize(
    "call, cls, message",
    [
        (lambda: fastmath.primes(10.0), TypeError, "n: expected an integer, got float"),
        (lambda: fastmath.primes([10]), TypeError, "n: expected an integer"),
        (lambda: fastmath.isprime(7.0), TypeError, "n: isprime() takes integers only, got float"),
        (lambda: fastmath.isprime([7.5]), TypeError, "n: isprime() takes integers only"),
    ],
)
def test_prime_refusals(call, cls, message):
    with pytest.raises(cls, match=re.escape(message)):
        call()


# --- factorize ----------------------------------------------------------------------------------


def check_factors(n, factors):
    assert factors == sorted(factors)
    assert math.prod(factors) == n
    assert all(trial_division_is_prime(p) if p < 10**12 else fastmath.isprime(p) for p in factors)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=2**63 - 1))
def test_factorize_multiplies_back(n):
    got = fastmath.factorize(n)
    assert isinstance(got, array.array) and got.typecode == "q"
    check_factors(n, got.tolist())


@pytest.mark.parametrize(
    "n, want",
    [
        (1, []),
        (2, [2]),
        (360, [2, 2, 2, 3, 3, 5]),
        (2**62 + 1, [5, 5581, 8681, 49477, 384773]),
        ((2**31 - 1) ** 2, [2**31 - 1, 2**31 - 1]),
        ((2**31 - 1) * 2147483629, [2147483629, 2**31 - 1]),
        (2**63 - 25, [2**63 - 25]),
        (2**62, [2] * 62),
        (999999937 * 99999989, [99999989, 999999937]),
    ],
)
def test_factorize_known(n, want):
    assert fastmath.factorize(n).tolist() == want


def test_factorize_small_numbers_against_trial_division():
    for n in range(1, 3000):
        check_factors(n, fastmath.factorize(n).tolist())


@pytest.mark.parametrize(
    "n, cls, message",
    [
        (0, ValueError, "n: expected a positive integer, got 0"),
        (-12, ValueError, "n: expected a positive integer, got -12"),
        (2**63, ValueError, "n: integer out of range"),
        (12.0, TypeError, "n: expected an integer, got float"),
    ],
)
def test_factorize_refusals(n, cls, message):
    with pytest.raises(cls, match=re.escape(message)):
        fastmath.factorize(n)


# --- numpy's dtype rules (host) -----------------------------------------------------------------

INT_DTYPES = ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]


@pytest.mark.needs_numpy
@pytest.mark.parametrize("name", ["gcd", "lcm"])
def test_gcd_lcm_dtypes_and_wraparound_match_numpy(name):
    import numpy as np

    rng = np.random.default_rng(12)
    ours, theirs = getattr(fastmath, name), getattr(np, name)

    def sample(dtype, shape):
        if dtype == "bool":
            return rng.integers(0, 2, size=shape).astype(bool)
        info = np.iinfo(dtype)
        return rng.integers(info.min, info.max, size=shape, endpoint=True, dtype=dtype)

    for da in [*INT_DTYPES, "bool"]:
        for db in [*INT_DTYPES, "bool"]:
            a, b = sample(da, (3, 4)), sample(db, (4,))
            try:
                want = theirs(a, b)
            except TypeError:
                with pytest.raises(TypeError):
                    ours(a, b)
                continue
            got = ours(a, b)
            assert got.dtype == want.dtype, (da, db)
            np.testing.assert_array_equal(got, want, err_msg=f"{name} {da} {db}")
            # A weak Python int keeps the array's dtype (bool: int64).
            w = theirs(a, 3)
            g = ours(a, 3)
            assert g.dtype == w.dtype and (g == w).all(), (da,)


@pytest.mark.needs_numpy
def test_numpy_scalars_and_overflow():
    import numpy as np

    assert fastmath.lcm(np.int8(100), np.int8(3)) == np.lcm(np.int8(100), np.int8(3)) == 44
    assert type(fastmath.gcd(np.int16(12), np.int16(8))) is np.int16
    with pytest.raises(OverflowError, match="b: Python integer 300 out of bounds for int8"):
        fastmath.gcd(np.array([1], np.int8), 300)
    big = np.array([2**63 - 1, -(2**63)], np.int64)
    np.testing.assert_array_equal(fastmath.lcm(big, big[::-1]), np.lcm(big, big[::-1]))
    np.testing.assert_array_equal(fastmath.gcd(big, 0), np.gcd(big, 0))


@pytest.mark.needs_numpy
def test_isprime_and_primes_with_numpy():
    import numpy as np

    x = np.arange(-10, 5000).reshape(10, -1)
    got = fastmath.isprime(x)
    assert got.dtype == np.bool_ and got.shape == x.shape
    p = set(sieve(5000))
    np.testing.assert_array_equal(got, np.vectorize(lambda k: int(k) in p)(x))
    assert fastmath.isprime(np.int64(97)) is np.True_ or fastmath.isprime(np.int64(97)) == True  # noqa: E712
    assert fastmath.isprime(x.astype(np.uint16)[1:]).tolist() == got[1:].tolist()
    with pytest.raises(TypeError, match="n: isprime"):
        fastmath.isprime(np.array([7.0], np.float32))
