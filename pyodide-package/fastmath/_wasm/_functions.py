"""fastmath's public functions on the WebAssembly backend.

Each call: convert the arguments in Python (``_convert``); copy each vector once into the
module's scratch region (``Float64Array.assign(buffer)`` on a cached view of the region: one memcpy,
no per-element work); run the kernel on
offsets relative to the region; copy a vector result out once (``assign_to`` into the final
``array.array``/numpy array). Scalars never enter wasm.

Adding a function is mechanical: a ``*_at`` kernel in ``rust/fastmath-wasm/src/scratch.rs``
(the loader binds every ``*_at``/``*_one`` export by name) and a wrapper below built from the
helpers; a unary elementwise function is one name in ``UNARY``.
"""

import sys
from array import array

from fastmath import _api
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
    """Runs an elementwise kernel ``kernel(*scalars, x_off, n, out_off)`` over array ``x``."""
    data, length, numpy, shape = x
    rt = _rt
    rt.ensure(2 * length)
    out = _result(length, numpy)
    try:
        if length:
            rt.view(0, length).assign(data)
        rt.kernels[kernel](*scalars, 0, length, length)
        if length:
            rt.view(length, length).assign_to(out)
    except JsException as err:
        raise rt.failure(err, function) from None
    return _shaped(out, shape)


def _reduce(kernel: str, function: str, x: tuple) -> float:
    """Runs a reduction ``kernel(x_off, n) -> float`` over all elements of ``x``."""
    data, length, _, _ = x
    rt = _rt
    rt.ensure(length)
    try:
        if length:
            rt.view(0, length).assign(data)
        # float(): JS numbers with integral values arrive as Python ints.
        return float(rt.kernels[kernel](0, length))
    except JsException as err:
        raise rt.failure(err, function) from None


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
    return _reduce("sum_at", "sum", a)


def mean(x, /, axis=None):
    if axis is not None:
        from fastmath._wasm._math import reduce_axis

        return reduce_axis("mean", x, axis)
    a = arg(x, "x")
    if type(a) is float:
        a = (array("d", [a]), 1, False, (1,))
    return _reduce("mean_at", "mean", a)


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
    rt = _rt
    rt.ensure(x_len + y_len)
    try:
        if x_len:
            rt.view(0, x_len).assign(x_data)
        if y_len:
            rt.view(x_len, y_len).assign(y_data)
        return float(rt.kernels["dot_at"](0, x_len, x_len, y_len))
    except JsException as err:
        raise rt.failure(err, "dot") from None


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
