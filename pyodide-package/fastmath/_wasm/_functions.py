"""fastmath's public functions on the WebAssembly backend.

Each call converts the arguments in Python (``_convert``) and moves the data through
``_calls``: small vectors are copied whole into the module's scratch region and the result
copied out once; from ``_calls.STREAM_MIN`` elements, one JavaScript loop streams chunks between
the caller's buffers and the region (see ``_calls``). Scalars never enter wasm memory.

Adding a function is mechanical: a ``*_at`` kernel in ``rust/fastmath-wasm/src/scratch.rs``
(the loader binds every ``*_at``/``*_one`` export by name) and a wrapper below built from the
helpers; a unary elementwise function is one name in ``UNARY``.
"""

import sys
from array import array

from fastmath import _api
from fastmath._wasm._calls import elementwise, reduction, run
from fastmath._wasm._convert import arg, result_is_numpy
from fastmath._wasm._docstrings import DOCSTRINGS
from fastmath._wasm._loader import RUNTIME as _rt
from fastmath._wasm._loader import JsException

#: Unary elementwise functions: ``<name>_at``/``<name>_one`` kernels in fastmath-wasm.
UNARY = _api.UNARY

__all__ = ["UNARY", "dot", "mean", "square", "sum", *UNARY]

_ZERO = array("d", [0.0])


def _result(length: int, numpy: bool):
    """A flat float64 result: numpy when the input was numpy, else array("d")."""
    if numpy:
        return sys.modules["numpy"].empty(length)
    # Repeating a one-element array fills by memcpy doubling in C: the cheapest way.
    return _ZERO * length


def _shaped(out, shape: tuple):
    """``out`` with the input's shape: numpy reshapes (a view); a 2-D array.array result is a
    2-D memoryview over it, as the native backend returns."""
    if len(shape) == 1:
        return out
    if isinstance(out, array):
        if result_is_numpy(shape, False):
            return sys.modules["numpy"].empty(shape)  # empty: nothing to copy
        return memoryview(out).cast("B").cast("d", shape)
    return out.reshape(shape)


def _map(kernel: str, function: str, x: tuple, *scalars: float):
    """Runs a stateless elementwise kernel ``kernel(*scalars, x_off, n, out_off)`` over the
    array ``x``: a result of ``x``'s shape."""
    data, length, numpy, shape = x
    out = elementwise(function, kernel, (data,), _result(length, numpy), length, *scalars)
    return _shaped(out, shape)


def _vector(x: tuple, name: str) -> tuple:
    """``x`` if it is 1-D, else the native backend's ValueError naming it."""
    shape = x[3]
    if len(shape) != 1:
        raise ValueError(
            f"{name}: expected a 1-D array, got a 2-D array of shape ({shape[0]}, {shape[1]})"
        )
    return x


def square(x, /):
    """Elementwise square: ``x * x``. A number gives a float; an array gives an array of the
    same shape (numpy for numpy input, else ``array.array("d")`` / a 2-D memoryview)."""
    a = arg(x, "x")
    if type(a) is float:
        return a * a
    return _map("square_at", "square", a)


def sum(x, /, axis=None):
    if axis is not None:
        # `_math` imports this module, hence the import here (a dict lookup after the first).
        from fastmath._wasm._math import reduce_axis

        return reduce_axis("sum", x, axis)
    a = arg(x, "x")
    if type(a) is float:
        # The kernel's sum of one number (as native): -0.0 sums to 0.0.
        a = (array("d", [a]), 1, False, (1,))
    return reduction("sum", (a[0],), a[1])


def mean(x, /, axis=None):
    if axis is not None:
        from fastmath._wasm._math import reduce_axis

        return reduce_axis("mean", x, axis)
    a = arg(x, "x")
    if type(a) is float:
        a = (array("d", [a]), 1, False, (1,))
    return reduction("mean", (a[0],), a[1])


def dot(x, y, /):
    """Dot product of two equal-length vectors; a number and an array give the scaled array;
    two numbers give their product."""
    a, b = arg(x, "x"), arg(y, "y")
    a_scalar, b_scalar = type(a) is float, type(b) is float
    if a_scalar and b_scalar:
        return a * b
    if a_scalar or b_scalar:
        factor, vector = (a, b) if a_scalar else (b, a)
        return _map("scale_at", "dot", vector, factor)
    (x_data, x_len, _, _), (y_data, y_len, _, _) = _vector(a, "x"), _vector(b, "y")
    if x_len != y_len:
        # The kernel refuses it with the native message (checked before any data is read).
        run("dot", "dot_at", (), (), 0, x_len, 0, y_len)
    return reduction("dot", (x_data, y_data), x_len)


def _unary(name: str):
    """The public function ``name``: a float for a number, an array of the input's shape for
    an array (IEEE results, as the native backend: ``sqrt(-1.0)`` is nan, never an error)."""
    at, one = f"{name}_at", f"{name}_one"

    def function(x, /):
        a = arg(x, "x")
        if type(a) is not float:
            return _map(at, name, a)
        rt = _rt
        try:
            result = rt.kernels[one](a)
        except JsException as err:
            raise rt.failure(err, name) from None
        if type(result) is int and result == 0:
            # JS gives integral numbers to Python as int, which drops the sign of -0.0: redo
            # through memory, which keeps every bit.
            return _map(at, name, (array("d", [a]), 1, False, (1,)))[0]
        return float(result)

    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"Elementwise ``{name}``, as the native backend computes it (fastmath-core)."
    return function


for _name in UNARY:
    globals()[_name] = _unary(_name)
del _name

# The native backend's docstrings (the single source, see tools/gen_wasm_docstrings.py).
for _name in ("square", "sum", "mean", "dot", *UNARY):
    globals()[_name].__doc__ = DOCSTRINGS[_name]
del _name


def _panic_for_tests(message: str = "deliberate panic") -> None:
    """Test-only (not public API): panics inside the module through the normal error path, so
    tests can check that a trap re-instantiates the module and raises RuntimeError."""
    rt = _rt
    try:
        rt.ns._panic_for_tests(message)
    except JsException as err:
        raise rt.failure(err, "_panic_for_tests") from None
