"""No input crashes fastmath: whatever arrives, a call returns or raises one of the documented
exception classes (a Rust panic would surface as pyo3's PanicException, a BaseException)."""

import array
import inspect
import math
from operator import attrgetter

import pytest
from hostile import LyingList, Mutator, nested
from hypothesis import given, settings
from hypothesis import strategies as st

import fastmath
from fastmath import _api

ALLOWED = (TypeError, ValueError, MemoryError, OverflowError)  # LinAlgError is a ValueError

scalars = st.one_of(
    st.floats(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.booleans(),
    st.none(),
    st.text(max_size=3),
    st.binary(max_size=9),
    st.complex_numbers(allow_nan=True),
)
vectors = st.lists(st.floats(), max_size=8)
matrices = st.integers(0, 4).flatmap(
    lambda n: st.lists(st.lists(st.floats(-1e3, 1e3), min_size=n, max_size=n), max_size=5)
)
odd = st.one_of(
    st.lists(scalars, max_size=4),
    st.lists(st.lists(st.floats(), max_size=3), max_size=3),
    vectors.map(lambda v: array.array("d", v)),
    vectors.map(lambda v: memoryview(array.array("d", v))[::-1]),
    st.lists(st.integers(-5, 5), max_size=6).map(lambda v: array.array("b", v)),
    st.builds(lambda: array.array("u", "ab")),
    st.builds(lambda: memoryview(array.array("d", range(8))).cast("B").cast("d", (2, 2, 2))),
    st.dictionaries(st.text(max_size=1), st.integers(), max_size=2),
)
anything = st.one_of(scalars, vectors, matrices, odd)


def arity(function):
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return 1
    return sum(
        1
        for p in parameters
        if p.default is inspect.Parameter.empty
        and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    )


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(_api.FUNCTIONS), st.lists(anything, min_size=3, max_size=3))
def test_any_arguments_raise_only_documented_errors(name, args):
    function = attrgetter(name)(fastmath)
    n = arity(function)
    try:
        function(*args[:n])
    except ALLOWED:
        pass


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["sum", "mean", "var", "std", "min", "max"]), matrices, st.integers(-4, 4))
def test_any_axis(name, x, axis):
    try:
        getattr(fastmath, name)(x, axis=axis)
    except ALLOWED:
        pass


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(), max_size=6), st.integers(-(2**70), 2**70))
def test_any_k(x, k):
    try:
        fastmath.topk(x, k)
    except ALLOWED:
        pass


def test_nan_and_inf_matrices_do_not_crash():
    for value in (math.nan, math.inf, -math.inf):
        m = [[value, 1.0], [1.0, value]]
        for name in _api.FAMILIES["linalg"]:
            function = getattr(fastmath, name)
            try:
                function(m, m) if arity(function) == 2 else function(m)
            except ALLOWED:
                pass


# --- nesting, lying and mutating sequences --------------------------------------------------

#: fastmath_api::MAX_NDIM: the most dimensions (and list nesting levels) fastmath reads.
MAX_NDIM = 32


def test_deep_nesting_is_refused_at_once_and_the_interpreter_lives():
    # Recursion over input this deep overflows the (small) JavaScript stack Pyodide runs on and
    # kills the interpreter: conversion must be iterative and refuse it at once.
    deep = nested(1.0, 5000)
    for function, param in ((fastmath.square, "x"), (fastmath.sum, "x"), (fastmath.sort, "a")):
        with pytest.raises(ValueError) as info:
            function(deep)
        message = str(info.value)
        assert message.startswith(f"{param}: ") and "deeper than" in message
        assert len(message) < 200
    assert fastmath.square([3.0]).tolist() == [9.0]


def test_nesting_exactly_max_ndim_deep_works():
    out = fastmath.square(nested(3.0, MAX_NDIM))
    assert out.ndim == MAX_NDIM and out.shape == (1,) * MAX_NDIM
    assert out.tolist() == nested(9.0, MAX_NDIM)
    with pytest.raises(ValueError, match=f"deeper than {MAX_NDIM} levels"):
        fastmath.square(nested(3.0, MAX_NDIM + 1))


def test_self_containing_list_is_refused():
    loop = [1.0]
    loop[0] = loop
    with pytest.raises(ValueError, match="deeper than"):
        fastmath.square(loop)


@pytest.mark.parametrize("claimed", [0, 1, 10**6])
def test_lying_len_gives_the_right_answer_or_a_clean_error(claimed):
    # A list subclass whose __len__ lies: read its real items, or refuse; never read past them.
    for x in (LyingList([1.0, 2.0, 3.0], claimed), [LyingList([1.0, 2.0], claimed), [3.0, 4.0]]):
        try:
            out = fastmath.square(x)
        except (TypeError, ValueError):
            continue
        assert out.tolist() in ([1.0, 4.0, 9.0], [[1.0, 4.0], [9.0, 16.0]])


@pytest.mark.parametrize("how", ["clear", "grow", "nest"])
def test_list_mutated_while_read_gives_an_answer_or_a_clean_error(how):
    for make in (lambda m: [m, 1.0, 3.0], lambda m: [[m, 1.0], [3.0, 4.0]]):
        mutator = Mutator(how)
        x = make(mutator)
        mutator.victim = x
        try:
            out = fastmath.square(x).tolist()
        except (TypeError, ValueError):
            continue
        # The values read are those the list held when each was read.
        assert out in ([4.0, 1.0, 9.0], [[4.0, 1.0], [9.0, 16.0]])
    assert fastmath.square([2.0]).tolist() == [4.0]
