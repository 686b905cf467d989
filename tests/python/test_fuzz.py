"""Fuzzing: every public function, called with hostile arguments, returns or raises a documented
exception class, and the interpreter is alive afterwards with right answers.

The calls are drawn from a seeded generator (not hypothesis: 10,000 calls must take seconds
inside Pyodide too): each argument comes from a catalogue of valid inputs and of what a hostile
or careless user passes (NaN/inf/-0.0/subnormals, huge ints, deep or ragged nesting, lying
``__len__``, ``__float__`` that raises or mutates the list being read, valid matrices at
subnormal or near-overflow scales, every buffer format,
negative/zero strides, misaligned and read-only buffers, absurd keyword values). Anything but
TypeError, ValueError (LinAlgError and AxisError are), MemoryError, OverflowError (a Python int
beyond an integer dtype, as numpy 2), IndexError (numpy's, for a quantile of nothing) or
ZeroDivisionError (numpy's, for a zero step or weights summing to zero; never the one the
hostile ``__float__`` raises) fails the test: a RuntimeError from a
trapped WebAssembly module or pyo3's PanicException means a panic was reachable from Python.

``FASTMATH_FUZZ_CALLS`` sets the number of calls (10,000 by default; ``make fuzz`` runs
1,000,000) and ``FASTMATH_FUZZ_SEED`` the seed (printed, so a failure can be replayed).
"""

import array
import math
import os
import random
import sys
import time
from operator import attrgetter

from hostile import LyingList, Mutator, nested

import fastmath
from fastmath import _api, _stateful

ALLOWED = (TypeError, ValueError, MemoryError, OverflowError, IndexError, ZeroDivisionError)
CALLS = int(os.environ.get("FASTMATH_FUZZ_CALLS", "10000"))
SEED = int(os.environ.get("FASTMATH_FUZZ_SEED", "20261126"))


class Raises:
    """A number whose conversion raises."""

    def __float__(self):
        raise ZeroDivisionError("from __float__")

    def __index__(self):
        raise ZeroDivisionError("from __index__")


def mutating_list():
    m = Mutator("clear")
    items = [1.0, m, 2.0, 3.0]
    m.victim = items
    return items


def buffers():
    """Every stdlib buffer layout fastmath meets."""
    d = array.array("d", [0.5, -0.0, 3.0, float("nan"), 1e-310, -2.5, 7.0, 1e300])
    out = [d, memoryview(d), memoryview(d)[::-1], memoryview(d)[::2], memoryview(d)[:0]]
    out.append(memoryview(d).cast("B").cast("d", (2, 4)))
    out.append(memoryview(d).cast("B").cast("d", (2, 2, 2)))
    out.append(memoryview(bytes(memoryview(d).cast("B"))).cast("d"))  # read-only
    out.append(memoryview(bytearray(8 * 4 + 1))[1:].cast("d"))  # misaligned
    for code in "bBhHiIlLqQf":
        out.append(array.array(code, [0, 1, 2, 3]))
    # Each dtype's extremes, in 2-D and reversed views: the typed kernels' edge cases.
    ints = array.array("q", [-(2**63), 2**63 - 1, -1, 0, 2**53 + 1, 7])
    out += [memoryview(ints).cast("B").cast("q", (2, 3)), memoryview(ints)[::-1]]
    out.append(memoryview(array.array("Q", [2**64 - 1, 0, 2**63, 1])).cast("B").cast("Q", (2, 2)))
    out.append(memoryview(array.array("b", [-128, 127, -1, 0])).cast("B").cast("b", (2, 2)))
    out.append(memoryview(array.array("B", [255, 0, 128, 1]))[::-2])
    f = array.array("f", [float("nan"), -0.0, 3.4e38, 1e-45, -1.5, float("inf")])
    out += [memoryview(f).cast("B").cast("f", (3, 2)), memoryview(f)[::-1]]
    out += [memoryview(bytes([1, 0, 1, 1])).cast("?", (2, 2)), memoryview(bytes([0, 1])).cast("?")]
    out.append(array.array("u", "ab"))
    out.append(memoryview(b"\x00\x01"))
    try:
        import numpy as np
    except ImportError:
        return out
    m = np.arange(12.0).reshape(3, 4)
    out += [m, m.T, m[::-1, ::2], np.broadcast_to(np.arange(4.0), (3, 4)), m.astype(">f8")]
    out += [m.astype(np.float32), m.astype(np.int8), np.float64(2.5), np.int64(3)]
    out += [np.zeros((0, 3)), np.ones((2, 1, 2)), m.astype(complex), np.array(["a"])]
    out += [m.astype(np.uint64), m.astype(bool), m.astype(np.int16)[::-1], m.astype(np.float16)]
    out += [np.float32(1.5), np.int8(-3), np.uint64(2**64 - 1), np.bool_(True)]
    return out


NUMBERS = [0.0, -0.0, 1.5, -3.0, math.nan, math.inf, -math.inf, 5e-324, 1e308, 2, -1, 0, 1]
NUMBERS += [True, False, 2**63, -(2**63), 2**70, 10**30, -(10**30), 10**400]
ODD = [None, "left", "right", "fro", "linear", "x", b"ab", 1j, {}, set(), object(), Raises()]
VALID = [
    [1.0, 2.0, 3.0],
    [3, 1, 2, 2],
    [[2.0, 1.0], [1.0, 3.0]],
    [[1, 2, 3], [4, 5, 6]],
    [[4.0, 2.0, 0.5], [2.0, 5.0, 1.0], [0.5, 1.0, 3.0]],
    [],
    [[]],
    (1.0, float("nan"), -0.0),
    [5e-324, 1e308, -1e308],
]
HOSTILE = [
    [1.0, "a"],
    [1.0, [2.0]],
    [[1.0], 2.0],
    [[1.0, 2.0], [3.0]],
    [1.0, 2**2000],
    [1.0, 1j],
    [Raises()],
    nested(1.0, 31),
    nested(1.0, 40),
    LyingList([1.0, 2.0], 10**9),
    LyingList([1.0, 2.0, 3.0], 1),
    [[1.0, 2.0], LyingList([3.0, 4.0], 5)],
]
DEEP = nested(1.0, 5000)


def catalogue():
    return NUMBERS + ODD + VALID + HOSTILE + buffers() + [DEEP]


def parameters(name):
    """(positional parameter names, required count, keyword names) from the table's plain
    signature, e.g. "(x, /, axis=None, *, keepdims=False)"."""
    text = _api.SIGNATURES[name].strip()[1:-1]
    positional, required, keywords = [], 0, []
    keyword_only = False
    for part in (p.strip() for p in text.split(",")):
        if part in ("", "/"):
            continue
        if part == "*":
            keyword_only = True
            continue
        pname, _, default = part.partition("=")
        if keyword_only:
            keywords.append(pname)
        else:
            positional.append(pname)
            if not default:
                required += 1
            else:
                keywords.append(pname)
    return positional, required, keywords


KEYWORD_VALUES = [10**30, -(10**30), -1, 0, 1, 2, math.nan, math.inf, None, "middle", "fro"]
KEYWORD_VALUES += [(0, 1), [0], 1.5, True, "left", "right", -3]
# quantile/percentile methods, polyfit's cov, dtypes (types, names, refused ones), tuples of axes.
KEYWORD_VALUES += ["linear", "lower", "higher", "nearest", "midpoint", "hazen", "unscaled"]
KEYWORD_VALUES += [int, float, bool, "int8", "uint8", "float32", "float16", "f8", complex, "?"]
KEYWORD_VALUES += [(), (0, -1), (1, 1), [1.0, 2.0], -0.0, 360.0]
# cdist's metrics (scipy's names and one it has that fastmath does not).
KEYWORD_VALUES += ["euclidean", "SQEUCLIDEAN", "cityblock", "cos", "chebyshev", "minkowski"]


def valid(rng):
    """A fresh valid-looking input: a short vector, a square or a symmetric positive-definite
    matrix (so that linear algebra gets past its shape checks), or a number."""
    n = rng.randint(0, 5)
    kind = rng.random()
    if kind < 0.3:
        return [rng.uniform(-9, 9) for _ in range(n)]
    if kind < 0.6:
        return [[rng.uniform(-9, 9) for _ in range(n)] for _ in range(n)]
    if kind < 0.8:
        m = [[rng.uniform(-1, 1) for _ in range(n)] for _ in range(n)]
        return [
            [sum(m[i][k] * m[j][k] for k in range(n)) + (i == j) for j in range(n)]
            for i in range(n)
        ]
    return rng.choice([rng.uniform(-9, 9), rng.randint(-3, 9), rng.choice(VALID)])


# Magnitudes where unscaled numerical code breaks (subnormal, squares overflowing).
EXTREME_SCALES = [5e-324, 1e-310, 1e-300, 1e-160, 1e160, 1e300, 1e308]


def extreme(rng, value):
    """`value` (a number, vector or matrix) at a tiny or huge scale, the same numbers otherwise;
    deeper nesting is left as it is."""
    f = rng.choice(EXTREME_SCALES)

    def scaled(v):
        return v * f if type(v) is float else v

    if not isinstance(value, list):
        return scaled(value)
    return [[scaled(x) for x in v] if isinstance(v, list) else scaled(v) for v in value]


def arguments(rng, name, pool):
    positional, required, keywords = parameters(name)
    count = rng.randint(max(0, required - 1), len(positional) + (rng.random() < 0.05))
    count = max(count, required) if rng.random() < 0.8 else count
    args = [rng.choice(pool) if rng.random() < 0.3 else valid(rng) for _ in range(count)]
    if args and rng.random() < 0.1:
        i = rng.randrange(len(args))
        args[i] = extreme(rng, args[i])
    kwargs = {}
    if keywords and rng.random() < 0.5:
        kwargs[rng.choice(keywords)] = rng.choice(KEYWORD_VALUES)
    if rng.random() < 0.02:
        kwargs["bogus"] = 1
    return args, kwargs


def shorten(value, limit=200):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def function_for(rng, name):
    """The table's function `name`. A method (`random.Generator.random`) is, nine times in
    ten, bound to a fresh instance from its class's constructor, so that its parameters past
    `self` get fuzzed (the returned flag says so: the first argument drawn is then dropped)."""
    function = attrgetter(name)(fastmath)
    if name.count(".") == 2 and rng.random() < 0.9:
        make = rng.choice(_stateful.MAKERS[attrgetter(name.rpartition(".")[0])(fastmath)])
        return getattr(make(rng.randrange(2**64)), name.rpartition(".")[2]), True
    return function, False


def run(calls, seed):
    rng = random.Random(seed)
    pool = catalogue()
    names = list(_api.FUNCTIONS)
    for i in range(calls):
        name = rng.choice(names)
        args, kwargs = arguments(rng, name, pool)
        # Mutating inputs are made fresh: a call may legitimately have emptied the last one.
        args = [mutating_list() if a is VALID[0] and rng.random() < 0.1 else a for a in args]
        function, bound = function_for(rng, name)
        try:
            function(*args[bound:], **kwargs)
        except ALLOWED as err:
            if "from __" in str(err):  # Raises' own exception leaked through
                raise AssertionError(
                    f"fuzz seed {seed}, call {i}: fastmath.{name} let {err!r} through"
                ) from err
        except BaseException as err:  # anything else is the finding
            raise AssertionError(
                f"fuzz seed {seed}, call {i}: fastmath.{name}(*{shorten(args)}, "
                f"**{shorten(kwargs)}) raised {type(err).__name__}: {shorten(str(err))}"
            ) from err


def test_hostile_calls_raise_only_documented_errors():
    print(f"fuzz: {CALLS} calls, seed {SEED} (FASTMATH_FUZZ_SEED to replay)", file=sys.stderr)
    start = time.perf_counter()
    run(CALLS, SEED)
    elapsed = time.perf_counter() - start
    print(f"fuzz: {CALLS} calls in {elapsed:.1f} s on backend {fastmath.backend}", file=sys.stderr)
    # The interpreter and the backend are alive, and still right.
    assert fastmath.sum([1.0, 2.0, 3.0]) == 6.0
    assert fastmath.matmul([[1.0, 2.0], [3.0, 4.0]], [1.0, 1.0]).tolist() == [3.0, 7.0]
    assert fastmath.sort([3.0, 1.0, 2.0]).tolist() == [1.0, 2.0, 3.0]


def test_deep_nesting_is_refused_at_once_on_every_function():
    for name in _api.FUNCTIONS:
        _, required, _ = parameters(name)
        args = [DEEP] + [1.0] * (max(required, 1) - 1)
        try:
            attrgetter(name)(fastmath)(*args)
        except ValueError as err:
            assert len(str(err)) < 200, str(err)
        except TypeError:
            pass  # a parameter that takes no arrays (k, side...) refuses it by type
        else:
            raise AssertionError(f"{name} accepted a list nested 5,000 deep")
    assert fastmath.sum([[1.0], [2.0]]) == 3.0


if __name__ == "__main__":
    # `make fuzz`: python tests/python/test_fuzz.py CALLS SEED, on the host or inside Pyodide
    # (tools/run-in-pyodide.mjs, which runs this file's text as __main__).
    calls, seed = (int(v) for v in sys.argv[1:3])
    print(f"fuzz: {calls} calls, seed {seed}, backend {fastmath.backend}", flush=True)
    start = time.perf_counter()
    run(calls, seed)
    test_deep_nesting_is_refused_at_once_on_every_function()
    assert fastmath.sum([1.0, 2.0, 3.0]) == 6.0
    print(f"fuzz: passed in {time.perf_counter() - start:.0f} s", flush=True)
