"""Elementwise functions against the math module, value by value (runs in Pyodide too)."""

import array
import math

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
    assert fastmath.clip(7, 0, 1) == 1.0
    with pytest.raises(ValueError, match="lo: expected a single number"):
        fastmath.clip([1], [0], 1)


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


def test_binary_shape_mismatch():
    with pytest.raises(
        ValueError, match=r"add: x is a 1-D array of length 2 but y is a 1-D array of length 3"
    ):
        fastmath.add([1, 2], [1, 2, 3])
    assert fastmath.add(1, 2) == 3.0
    assert fastmath.multiply([[1, 2]], [[3, 4]]).tolist() == [[3.0, 8.0]]
