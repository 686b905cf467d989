"""The Python half of the soak test (tests/soak/soak.mjs evaluates this file inside Pyodide).

``cases()`` builds a fixed pool of calls across the whole function table (``_api.FUNCTIONS``):
every function with a set of candidate arguments (vectors, matrices, a symmetric positive
definite one, a 70,000-element array that takes the universal backend's streaming path,
numbers, keywords), and with bad ones (wrong types, ragged or singular matrices, missing or
extra arguments, a bogus keyword). Each candidate is called once to learn its outcome: a value
or a TypeError / ValueError / MemoryError (anything else fails at once). ``run(calls)`` then
repeats the pool in a fixed shuffled order and checks that every call has the outcome it had
the first time, and every 97th call the same value: a leak that also corrupts shows up as a
wrong answer.

The JavaScript side measures memory between batches; nothing here measures.
"""

import copy
import gc
import math
import random
from array import array
from operator import attrgetter

import fastmath
from fastmath import _api, _stateful

ALLOWED = (TypeError, ValueError, MemoryError, OverflowError, IndexError, ZeroDivisionError)


def plain(value):
    """A comparable form of a result (arrays and tuples of them as nested lists; an instance of
    a table class, such as a `Generator`, as its state)."""
    if type(value) in _stateful.MAKERS:
        return plain(value._state)
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def same(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def candidates():
    vec = array("d", [0.5, 1.5, 2.5, 4.0])
    short = [3.0, 1.0, 2.0]
    spd = [[4.0, 2.0, 0.5], [2.0, 5.0, 1.0], [0.5, 1.0, 3.0]]
    rect = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    big = array("d", [0.25]) * 70_000  # above STREAM_MIN: the streaming path
    singular = [[1.0, 2.0], [2.0, 4.0]]
    good = [
        ((vec,), {}),
        ((short,), {}),
        ((spd,), {}),
        ((rect,), {}),
        ((2.0,), {}),
        ((big,), {}),
        ((vec, vec), {}),
        ((big, big), {}),
        ((spd, short), {}),
        ((spd, spd), {}),
        ((rect, spd), {}),
        ((vec, 2), {}),
        ((vec, 1.0), {}),
        ((vec, 0.0, 2.0), {}),
        ((spd,), {"axis": 0}),
        ((spd,), {"axis": 1}),
        ((vec,), {"ddof": 1.0}),
        ((vec,), {"ord": 1.0}),
        ((vec, 1.5), {"side": "right"}),
        ((spd, short), {"rcond": None}),
        # Integer arguments, for the functions that take integers only (number theory).
        ((30,), {}),
        ((array("q", [12, 18, 30]), 4), {}),
        ((array("q", [12, 18, 30]),), {}),
        ((vec, vec, vec), {}),
        ((0.0, 2.0), {}),
        ((30, 0.25), {}),
        ((vec, vec, 2), {}),
        # kmeans: a matrix and a number of clusters, seeded so that each call gives one value.
        ((spd, 2), {"seed": 0}),
    ]
    bad = [
        (("a",), {}),
        ((None,), {}),
        (([1.0, "x"],), {}),
        (([[1.0, 2.0], [3.0]],), {}),
        ((), {}),
        ((vec, vec, vec, vec), {}),
        ((vec,), {"bogus": 1}),
        ((spd,), {"axis": 5}),
        ((singular,), {}),
        ((singular, [1.0, 2.0]), {}),
        ((rect, rect), {}),
        ((vec, short), {}),
        ((vec, -1), {}),
    ]
    return good + bad


def table_function(name):
    """The table's function `name`. A method (`random.Generator.normal`) is called, each time,
    on a fresh instance its class's first constructor makes with a fixed seed, and on copies of
    its arguments (it may write into them: `shuffle`), so that each call gives the same value
    and leaves the shared candidates as they were."""
    function = attrgetter(name)(fastmath)
    if name.count(".") < 2:
        return function
    make = _stateful.MAKERS[attrgetter(name.rpartition(".")[0])(fastmath)][0]
    method = name.rpartition(".")[2]

    def call(*args, **kwargs):
        return getattr(make(20261126), method)(*copy.deepcopy(args), **kwargs)

    return call


def cases():
    """[(name, function, args, kwargs, ok, value)], the outcome of each as first seen."""
    pool = []
    for name in _api.FUNCTIONS:
        function = table_function(name)
        outcomes = set()
        for args, kwargs in candidates():
            try:
                value, ok = plain(function(*args, **kwargs)), True
            except ALLOWED as err:
                value, ok = type(err), False
            pool.append((name, function, args, kwargs, ok, value))
            outcomes.add(ok)
        assert outcomes == {True, False}, (
            f"{name}: no {'valid' if False in outcomes else 'bad'} case"
        )
    return pool


POOL = cases()
# Most candidates are bad for most functions: each valid one is repeated so that about half of
# the calls compute something.
_WEIGHT = max(1, round(sum(not c[4] for c in POOL) / max(1, sum(c[4] for c in POOL))))
ORDER = [i for i, c in enumerate(POOL) for _ in range(_WEIGHT if c[4] else 1)]
random.Random(20261126).shuffle(ORDER)
DONE = {"calls": 0, "ok": 0, "errors": 0}


def run(calls):
    """The next `calls` calls of the pool, in its fixed order; returns the running counts."""
    n = len(ORDER)
    start = DONE["calls"]
    for i in range(start, start + calls):
        name, function, args, kwargs, ok, value = POOL[ORDER[i % n]]
        try:
            result = function(*args, **kwargs)
        except ALLOWED as err:
            if ok or type(err) is not value:
                raise AssertionError(
                    f"call {i}: {name} raised {err!r}, first time {value}"
                ) from err
            DONE["errors"] += 1
            continue
        if not ok:
            raise AssertionError(f"call {i}: {name} returned, first time it raised {value}")
        if i % 97 == 0 and not same(plain(result), value):
            raise AssertionError(f"call {i}: {name} gave another value than the first time")
        DONE["ok"] += 1
    DONE["calls"] = start + calls
    gc.collect()
    # Objects the collector tracks (containers): a binding that leaks a reference per call
    # leaves its lists, tuples or arrays here. (sys.getallocatedblocks() is 0 in Pyodide 314,
    # whose CPython allocates with mimalloc.)
    return f"{DONE['calls']} {DONE['ok']} {DONE['errors']} {len(gc.get_objects())}"


def describe():
    valid = sum(1 for case in POOL if case[4])
    share = sum(POOL[i][4] for i in ORDER) / len(ORDER)
    functions = len(_api.FUNCTIONS)
    return (
        f"{len(POOL)} different calls of {functions} functions ({valid} valid, repeated to make "
        f"{share:.0%} of the calls), {fastmath.backend}"
    )
