"""Elementwise and reduction functions of the WebAssembly backend beyond the first slice:
``clip add subtract multiply divide prod var std min max argmin argmax cumsum cumprod norm``
and the ``axis=`` forms of ``sum mean var std min max``.

Each mirrors its binding in ``rust/fastmath-py/src/functions/`` step by step: the same argument
rules in the same order (so the same exception wins), the same messages, the same result types,
and the same fastmath-core kernel (``rust/fastmath-wasm/src/scratch_math.rs``). Data moves through
``_calls``: stateless elementwise kernels (``clip``, the binary operations) stream large inputs
in chunks; the reductions here and ``cumsum``/``cumprod`` (whose kernels carry state the
streaming path does not) copy their input whole into the scratch region (``_calls.run``).

Numbers: JavaScript gives Python an integral number as an ``int``, which has no ``-0.0``; a
zero result is therefore re-read from wasm memory (reductions store their value there too).
"""

import math
import operator
from array import array

from fastmath import _api
from fastmath._wasm import _functions
from fastmath._wasm._calls import elementwise, reduction, run, run_plain, stored_float
from fastmath._wasm._convert import arg, type_name
from fastmath._wasm._docstrings import DOCSTRINGS
from fastmath._wasm._functions import _map, _result, _shaped, _vector
from fastmath._wasm._loader import RUNTIME as _rt
from fastmath._wasm._loader import JsException

BINARY = _api.BINARY
#: The public functions defined here (``fastmath._wasm`` exports them): clip, the binary
#: operations and every reduction ``_functions`` does not define (sum, mean, dot).
PUBLIC = (
    "clip",
    *BINARY,
    *(name for name in _api.REDUCTIONS if name not in _functions.__all__),
)

__all__ = [
    "BINARY",
    "PUBLIC",
    "argmax",
    "argmin",
    "clip",
    "cumprod",
    "cumsum",
    "max",
    "min",
    "norm",
    "prod",
    "reduce_axis",
    "std",
    "var",
    *BINARY,
]

_I64_MIN, _I64_MAX = -(2**63), 2**63 - 1


# --- arguments, as fastmath-py reads them -----------------------------------------------------
def _describe(shape: tuple) -> str:
    """``Shape::describe`` of fastmath-py: for messages."""
    if len(shape) == 1:
        return f"a 1-D array of length {shape[0]}"
    return f"a 2-D array of shape ({shape[0]}, {shape[1]})"


def _array(obj: object, name: str) -> tuple:
    """``extract_array``: an array argument; a number is a ValueError."""
    a = arg(obj, name)
    if type(a) is float:
        raise ValueError(
            f"{name}: expected an array (a list, tuple or buffer), got a single number"
        )
    return a


def _scalar(obj: object, name: str) -> float:
    """``extract_scalar``: a number argument (clip's bounds); an array is a ValueError."""
    a = arg(obj, name)
    if type(a) is not float:
        raise ValueError(f"{name}: expected a single number, got {_describe(a[3])}")
    return a


def _real(obj: object) -> float:
    """A float parameter (``ord``, ``ddof``) as PyO3 extracts an ``f64``: ``PyFloat_AsDouble``,
    which ``math.ldexp`` applies to its first argument with the same errors (TypeError "must be
    real number, not str", OverflowError), passed on unchanged as the native backend does."""
    if type(obj) is float:
        return obj
    return math.ldexp(obj, 0)  # type: ignore[arg-type]


def _integer(obj: object, name: str) -> int:
    """``plumbing::integer``: an i64 via ``__index__``; TypeError naming a non-integer's type,
    ValueError (not OverflowError) beyond 64 bits."""
    try:
        value = operator.index(obj)  # type: ignore[arg-type]
    except Exception:  # as PyO3: any failure to read an integer is "not an integer"
        raise TypeError(f"{name}: expected an integer, got {type_name(obj)}") from None
    if not _I64_MIN <= value <= _I64_MAX:
        raise ValueError(f"{name}: integer out of range")
    return value


def _axis(axis: object) -> int | None:
    """``plumbing::axis_arg``."""
    return None if axis is None else _integer(axis, "axis")


def _check_flat_axis(axis: int | None, ndim: int) -> None:
    """For 0-D and 1-D input only ``axis`` None, 0 or -1 (1-D) mean anything."""
    if axis is None or (ndim == 1 and axis in (0, -1)):
        return
    raise ValueError(f"axis: axis {axis} is out of bounds for a {ndim}-D array")


def _one(value: float) -> tuple:
    """A number as a one-element array argument (for kernels that take arrays)."""
    return array("d", [value]), 1, False, (1,)


# --- calls ------------------------------------------------------------------------------------
def _flat(kernel: str, function: str, x: tuple, *params: float) -> float:
    """A reduction ``kernel(x_off, n, *params, out_off) -> float`` over all elements of ``x``."""
    data, length, _, _ = x
    _rt.ensure(length + 1)
    inputs = ((0, data, length),)
    value = run_plain(function, kernel, inputs, (), (0, length, *params, length))
    return stored_float(value, length)


def _index(kernel: str, function: str, x: tuple) -> int:
    """An index reduction ``kernel(x_off, n) -> int`` over all elements of ``x``."""
    data, length, _, _ = x
    _rt.ensure(length)
    return int(run_plain(function, kernel, ((0, data, length),), (), (0, length)))


def _number(kernel: str, function: str, at_kernel: str, *args: float) -> float:
    """A ``*_one`` kernel of numbers; a zero result is recomputed through memory by the
    ``*_at`` kernel ``at_kernel(*args[1:], x, 1, out)`` on ``args[0]`` (keeps ``-0.0``)."""
    rt = _rt
    try:
        result = rt.kernels[kernel](*args)
    except JsException as err:
        raise rt.failure(err, function) from None
    if type(result) is int and result == 0:
        return _map(at_kernel, function, _one(args[0]), *args[1:])[0]
    return float(result)


def _along(function: str, x: tuple, axis: int, *params: float):
    """``function`` along ``axis`` of the 2-D ``x``: a 1-D result (numpy for numpy input)."""
    data, length, numpy, (rows, cols) = x
    # The kernel validates the axis first (the core's message): the size only matters if valid.
    out_len = cols if axis in (0, -2) else rows if axis in (1, -1) else 0
    out = _result(out_len, numpy)
    _rt.ensure(length + out_len)
    args = (0, rows, cols, axis >> 32, axis & 0xFFFFFFFF, *params, length, out_len)
    inputs, outputs = ((0, data, length),), ((length, out, out_len),)
    run_plain(function, f"{function}_axis_at", inputs, outputs, args)
    return out


def reduce_axis(function: str, x: object, axis: object, *params: float):
    """``plumbing::reduce`` for ``sum mean var std min max``: all elements to a float, or one
    axis of a 2-D array to a 1-D array; ``params`` (ddof) are already read."""
    axis = _axis(axis)
    a = arg(x, "x")
    if type(a) is float:
        _check_flat_axis(axis, 0)
        a = _one(a)
    elif len(a[3]) == 2 and axis is not None:
        return _along(function, a, axis, *params)
    else:
        _check_flat_axis(axis, len(a[3]))
    if function in ("sum", "mean"):
        return reduction(function, (a[0],), a[1])
    return _flat(f"{function}_at", function, a, *params)


# --- elementwise ------------------------------------------------------------------------------
def clip(x, lo, hi, /):
    lo, hi = _scalar(lo, "lo"), _scalar(hi, "hi")
    a = arg(x, "x")
    if type(a) is float:
        return _number("clip_one", "clip", "clip_at", a, lo, hi)
    return _map("clip_at", "clip", a, lo, hi)


def _binary(name: str):
    at, vs, sv, one = (
        f"{name}_at",
        f"{name}_slice_scalar_at",
        f"{name}_scalar_slice_at",
        f"{name}_one",
    )

    def function(x, y, /):
        a, b = arg(x, "x"), arg(y, "y")
        a_scalar, b_scalar = type(a) is float, type(b) is float
        if a_scalar and b_scalar:
            # A zero is recomputed through memory: `vs(b, [a])` is `a op b` too.
            return _number(one, name, vs, a, b)
        if b_scalar:
            return _map(vs, name, a, b)
        if a_scalar:
            return _map(sv, name, b, a)
        (x_data, n, x_numpy, x_shape), (y_data, _, y_numpy, y_shape) = a, b
        if x_shape != y_shape:
            raise ValueError(
                f"{name}: x is {_describe(x_shape)} but y is {_describe(y_shape)} "
                "(only a single number is broadcast)"
            )
        out = _result(n, x_numpy or y_numpy)
        return _shaped(elementwise(name, at, (x_data, y_data), out, n), x_shape)

    function.__name__ = function.__qualname__ = name
    return function


add = _binary("add")
subtract = _binary("subtract")
multiply = _binary("multiply")
divide = _binary("divide")


# --- reductions -------------------------------------------------------------------------------
def prod(x, /):
    a = arg(x, "x")
    if type(a) is float:
        return a
    return _flat("prod_at", "prod", a)


def var(x, /, axis=None, ddof=0.0):
    return reduce_axis("var", x, axis, _real(ddof))


def std(x, /, axis=None, ddof=0.0):
    return reduce_axis("std", x, axis, _real(ddof))


def min(x, /, axis=None):
    return reduce_axis("min", x, axis)


def max(x, /, axis=None):
    return reduce_axis("max", x, axis)


def argmin(x, /):
    return _index("argmin_at", "argmin", _array(x, "x"))


def argmax(x, /):
    return _index("argmax_at", "argmax", _array(x, "x"))


def _cumulative(kernel: str, function: str, x: object):
    """A running scan (state from element to element: never streamed in chunks). Its kernels
    are free to allocate (e.g. per-block sums of a blocked scan): ``run`` checks the views."""
    data, length, numpy, _ = _array(x, "x")
    out = _result(length, numpy)
    _rt.ensure(2 * length)
    run(function, kernel, ((0, data, length),), ((length, out, length),), 0, length, length)
    return out


def cumsum(x, /):
    return _cumulative("cumsum_at", "cumsum", x)


def cumprod(x, /):
    return _cumulative("cumprod_at", "cumprod", x)


def norm(x, /, ord=2.0):
    ord = _real(ord)
    if ord not in (1.0, 2.0, math.inf):
        # The kernel refuses it with the core's message (before looking at any data).
        _flat("norm_at", "norm", (_ZERO_LENGTH, 0, False, (0,)), ord)
    a = _vector(_array(x, "x"), "x")
    return _flat("norm_at", "norm", a, ord)


_ZERO_LENGTH = array("d")

# The native backend's docstrings (the single source, see tools/gen_wasm_docstrings.py).
for _name in PUBLIC:
    globals()[_name].__doc__ = DOCSTRINGS[_name]
del _name
