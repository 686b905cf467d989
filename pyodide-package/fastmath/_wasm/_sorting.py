"""Sorting and searching on the WebAssembly backend: ``sort argsort searchsorted unique topk``,
with the native backend's rules, results and messages
(``rust/fastmath-py/src/functions/sorting.rs``). 1-D only; index results are int64
(``array.array("q")``, or numpy int64 for numpy input).

The kernels (``rust/fastmath-wasm/src/scratch_sort.rs``) write int64 indices into the float64
scratch region as their bit patterns, so one ``Float64Array`` view copies them byte for byte
into the int64 result.
"""

import operator

from fastmath._wasm._calls import run
from fastmath._wasm._convert import arg, type_name
from fastmath._wasm._docstrings import DOCSTRINGS
from fastmath._wasm._linalg import (
    argument_type_error,
    array_arg,
    new_result,
    vector_len,
)
from fastmath._wasm._loader import RUNTIME as _rt
from fastmath._wasm._loader import JsException

__all__ = ["argsort", "searchsorted", "sort", "topk", "unique"]

_I64_MIN, _I64_MAX = -(2**63), 2**63 - 1


def _vector(x, name: str) -> tuple:
    value = array_arg(x, name)
    vector_len(value, name)
    return value


def integer(obj: object, name: str) -> int:
    """An integer argument as the native ``integer()`` reads it (PyO3's i64 extraction, i.e.
    ``__index__``): TypeError for a non-integer, ValueError beyond 64 bits."""
    try:
        value = operator.index(obj)
    except Exception:
        raise TypeError(f"{name}: expected an integer, got {type_name(obj)}") from None
    if not _I64_MIN <= value <= _I64_MAX:
        raise ValueError(f"{name}: integer out of range")
    return value


def _refuse(function: str, check, *args) -> None:
    """Calls a core check that is known to refuse its argument, raising its error."""
    rt = _rt
    try:
        check(*args)
    except JsException as err:
        raise rt.failure(err, function) from None
    raise RuntimeError(f"fastmath: internal error in {function}: the check accepted {args}")


def sort(x, /):
    data, n, numpy, shape = _vector(x, "x")
    out = new_result(shape, numpy)
    _rt.ensure(2 * n)
    run("sort", "sort_at", ((0, data, n),), ((n, out, n),), 0, n, n)
    return out


def argsort(x, /):
    data, n, numpy, shape = _vector(x, "x")
    out = new_result(shape, numpy, "q")
    _rt.ensure(2 * n)
    run("argsort", "argsort_at", ((0, data, n),), ((n, out, n),), 0, n, n)
    return out


def _side(side) -> bool:
    """``side`` as PyO3 extracts a ``&str``, then checked by the core: True for "right"."""
    if not isinstance(side, str):
        what = "'None'" if side is None else f"'{type(side).__qualname__}' object"
        raise argument_type_error(f"{what} is not an instance of 'str'", "side")
    if side == "left":
        return False
    if side == "right":
        return True
    _refuse("searchsorted", _rt.ns.searchsorted_side, str(side))
    return False  # not reached


def searchsorted(a, v, /, side="left"):
    right = _side(side)
    data, n, a_numpy, _ = _vector(a, "a")
    probes = arg(v, "v")
    rt = _rt
    if type(probes) is float:
        rt.ensure(n)
        return int(
            run("searchsorted", "searchsorted_one", ((0, data, n),), (), 0, n, probes, right)
        )
    v_data, v_len, v_numpy, _ = probes
    vector_len(probes, "v")
    out = new_result((v_len,), a_numpy or v_numpy, "q")
    rt.ensure(n + 2 * v_len)
    inputs = ((0, data, n), (n, v_data, v_len))
    outputs = ((n + v_len, out, v_len),)
    run("searchsorted", "searchsorted_at", inputs, outputs, 0, n, n, v_len, right, n + v_len)
    return out


def unique(x, /):
    data, n, numpy, _ = _vector(x, "x")
    _rt.ensure(2 * n)
    count = int(run("unique", "unique_at", ((0, data, n),), (), 0, n, n))
    out = new_result((count,), numpy)
    _read(n, out, count)
    return out


def _read(offset: int, out, length: int) -> None:
    rt = _rt
    if length:
        try:
            rt.view(offset, length).assign_to(out)
        except JsException as err:
            raise rt.failure(err, "unique") from None


def topk(x, k, /):
    count = integer(k, "k")
    data, n, numpy, _ = _vector(x, "x")
    if not 0 <= count <= n:
        # The core words the refusal; k crosses as two 32-bit halves, exactly.
        _refuse("topk", _rt.ns.topk_check, count >> 32, count & 0xFFFFFFFF, n)
    out = new_result((count,), numpy, "q")
    _rt.ensure(n + count)
    run("topk", "topk_at", ((0, data, n),), ((n, out, count),), 0, n, count, n)
    return out


# The native backend's docstrings (the single source, see tools/gen_wasm_docstrings.py).
for _name in __all__:
    globals()[_name].__doc__ = DOCSTRINGS[_name]
del _name
