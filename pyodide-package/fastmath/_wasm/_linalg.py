"""Linear algebra on the WebAssembly backend: ``matmul transpose solve inv det cholesky qr
lstsq eigh svd``, with the native backend's rules, results and messages
(``rust/fastmath-py/src/functions/linalg.rs``).

Each call converts its arguments (``_convert.arg``), allocates its results in their final
Python form (as native does, before the kernel runs), and makes one ``_calls.run``: the inputs
copied once into the module's scratch region, one ``*_at`` kernel of
``rust/fastmath-wasm/src/scratch_linalg.rs`` (which calls the fastmath-core kernel the native
backend calls), each result copied out once. Several results (``qr``, ``eigh``, ``svd``,
``lstsq``) lie one after the other in the region.

The helpers below (array-only arguments, shaped float64/int64 results) are shared with
``_sorting``.
"""

import sys
from array import array

from fastmath._wasm._calls import run, stored_float
from fastmath._wasm._convert import arg, result_is_numpy, type_name
from fastmath._wasm._docstrings import DOCSTRINGS
from fastmath._wasm._loader import RUNTIME as _rt

__all__ = ["cholesky", "det", "eigh", "inv", "lstsq", "matmul", "qr", "solve", "svd", "transpose"]

_TEMPLATES = {"d": array("d", [0.0]), "q": array("q", [0])}
_DTYPES = {"d": "float64", "q": "int64"}


# --- arguments -------------------------------------------------------------------------------
def array_arg(obj: object, name: str, function: str | None = None) -> tuple:
    """``obj`` as an array ``(data, length, is_numpy, shape)``; a number is refused as the
    native ``extract_array`` refuses it (linear algebra words it with a hint instead)."""
    value = arg(obj, name)
    if type(value) is float:
        if function is not None:
            raise ValueError(f"{name}: {function} takes arrays; for a number use multiply")
        raise ValueError(
            f"{name}: expected an array (a list, tuple or buffer), got a single number"
        )
    return value


def matrix_shape(value: tuple, name: str) -> tuple:
    """``(rows, cols)`` of a 2-D argument, or the native ValueError naming it."""
    shape = value[3]
    if len(shape) != 2:
        raise ValueError(f"{name}: expected a 2-D array, got a 1-D array of length {shape[0]}")
    return shape


def vector_len(value: tuple, name: str) -> int:
    """The length of a 1-D argument, or the native ValueError naming it."""
    shape = value[3]
    if len(shape) != 1:
        raise ValueError(
            f"{name}: expected a 1-D array, got a 2-D array of shape ({shape[0]}, {shape[1]})"
        )
    return shape[0]


def argument_type_error(message: str, name: str) -> TypeError:
    """A TypeError for a keyword argument of the wrong type, as PyO3 raises it: the message
    and the note "while processing '<name>'"."""
    error = TypeError(message)
    if hasattr(error, "add_note"):
        error.add_note(f"while processing '{name}'")
    return error


# --- results ---------------------------------------------------------------------------------
def new_result(shape: tuple, numpy: bool, typecode: str = "d"):
    """A result of ``shape`` as the native ``OutArray`` makes it: numpy (float64/int64) when an
    input was numpy, else ``array.array`` (1-D) or a 2-D memoryview over one."""
    numpy = result_is_numpy(shape, numpy)
    if numpy:
        return sys.modules["numpy"].empty(shape, dtype=_DTYPES[typecode])
    length = shape[0] if len(shape) == 1 else shape[0] * shape[1]
    # Repeating a one-element array fills by memcpy doubling in C.
    out = _TEMPLATES[typecode] * length
    if len(shape) == 1:
        return out
    return memoryview(out).cast("B").cast(typecode, shape)


def vector_result(values, numpy: bool):
    """A 1-D float64 result holding a copy of ``values`` (an ``array.array("d")``)."""
    if numpy:
        return sys.modules["numpy"].array(values, dtype="float64")
    return array("d", values)


def _copy(out, data) -> None:
    """Copies C-contiguous float64 ``data`` into the result ``out`` (same length)."""
    memoryview(out).cast("B")[:] = memoryview(data).cast("B")


# --- functions -------------------------------------------------------------------------------
def matmul(a, b, /):
    x, y = array_arg(a, "a", "matmul"), array_arg(b, "b", "matmul")
    numpy = x[2] or y[2]
    (x_data, x_len, _, x_shape), (y_data, y_len, _, y_shape) = x, y
    inputs = ((0, x_data, x_len), (x_len, y_data, y_len))
    out_at = x_len + y_len
    rt = _rt
    if len(x_shape) == 2 and len(y_shape) == 2:
        (m, k), (k2, n) = x_shape, y_shape
        out = new_result((m, n), numpy)
        rt.ensure(out_at + m * n)
        run("matmul", "matmul_at", inputs, ((out_at, out, m * n),), 0, m, k, x_len, k2, n, out_at)
        return out
    if len(x_shape) == 2:
        m, k = x_shape
        out = new_result((m,), numpy)
        rt.ensure(out_at + m)
        run("matmul", "matvec_at", inputs, ((out_at, out, m),), 0, m, k, x_len, y_len, out_at)
        return out
    if len(y_shape) == 2:
        k, n = y_shape
        out = new_result((n,), numpy)
        rt.ensure(out_at + n)
        run("matmul", "vecmat_at", inputs, ((out_at, out, n),), 0, x_len, x_len, k, n, out_at)
        return out
    rt.ensure(out_at + 1)
    value = run("matmul", "matmul_dot_at", inputs, (), 0, x_len, x_len, y_len, out_at)
    return stored_float(value, out_at)


def transpose(a, /):
    data, length, numpy, shape = array_arg(a, "a", "transpose")
    if len(shape) == 1:
        out = new_result(shape, numpy)
        _copy(out, data)
        return out
    m, n = shape
    out = new_result((n, m), numpy)
    _rt.ensure(2 * length)
    run(
        "transpose", "transpose_at", ((0, data, length),), ((length, out, length),), 0, m, n, length
    )
    return out


def solve(a, b, /):
    x, y = array_arg(a, "a", "solve"), array_arg(b, "b", "solve")
    numpy = x[2] or y[2]
    m, n = matrix_shape(x, "a")
    (x_data, x_len, _, _), (y_data, y_len, _, y_shape) = x, y
    inputs = ((0, x_data, x_len), (x_len, y_data, y_len))
    out_at = x_len + y_len
    out = new_result(y_shape, numpy)
    _rt.ensure(out_at + y_len)
    outputs = ((out_at, out, y_len),)
    if len(y_shape) == 1:
        run("solve", "solve_vec_at", inputs, outputs, 0, m, n, x_len, y_len, out_at)
    else:
        bm, bk = y_shape
        run("solve", "solve_at", inputs, outputs, 0, m, n, x_len, bm, bk, out_at)
    return out


def _square_result(function: str, kernel: str, a):
    """``inv``/``cholesky``: one matrix of ``a``'s shape."""
    data, length, numpy, _ = x = array_arg(a, "a", function)
    m, n = matrix_shape(x, "a")
    out = new_result((m, n), numpy)
    _rt.ensure(2 * length)
    run(function, kernel, ((0, data, length),), ((length, out, length),), 0, m, n, length)
    return out


def inv(a, /):
    return _square_result("inv", "inv_at", a)


def det(a, /):
    data, length, _, _ = x = array_arg(a, "a", "det")
    m, n = matrix_shape(x, "a")
    _rt.ensure(length + 1)
    value = run("det", "det_at", ((0, data, length),), (), 0, m, n, length)
    return stored_float(value, length)


def cholesky(a, /):
    return _square_result("cholesky", "cholesky_at", a)


def qr(a, /):
    data, length, numpy, _ = x = array_arg(a, "a", "qr")
    m, n = matrix_shape(x, "a")
    k = min(m, n)
    q = new_result((m, k), numpy)
    r = new_result((k, n), numpy)
    _rt.ensure(length + m * k + k * n)
    outputs = ((length, q, m * k), (length + m * k, r, k * n))
    run("qr", "qr_at", ((0, data, length),), outputs, 0, m, n, length)
    return (q, r)


def eigh(a, /):
    data, length, numpy, _ = x = array_arg(a, "a", "eigh")
    m, n = matrix_shape(x, "a")
    inputs = ((0, data, length),)
    if m != n:
        # The kernel words the error, before square results are allocated (as native).
        _rt.ensure(length)
        run("eigh", "eigh_at", inputs, (), 0, m, n, length)
    w = new_result((n,), numpy)
    v = new_result((n, n), numpy)
    _rt.ensure(length + n + n * n)
    outputs = ((length, w, n), (length + n, v, n * n))
    run("eigh", "eigh_at", inputs, outputs, 0, m, n, length)
    return (w, v)


def svd(a, /):
    data, length, numpy, _ = x = array_arg(a, "a", "svd")
    m, n = matrix_shape(x, "a")
    k = min(m, n)
    u = new_result((m, k), numpy)
    s = new_result((k,), numpy)
    vt = new_result((k, n), numpy)
    _rt.ensure(length + m * k + k + k * n)
    outputs = ((length, u, m * k), (length + m * k, s, k), (length + m * k + k, vt, k * n))
    run("svd", "svd_at", ((0, data, length),), outputs, 0, m, n, length)
    return (u, s, vt)


def _rcond(rcond):
    """``rcond`` as PyO3 extracts an ``Option<f64>``: None, or a real number
    (``PyFloat_AsDouble``: a float, ``__float__`` or ``__index__``; never a string)."""
    if rcond is None:
        return None
    if isinstance(rcond, float):
        return float(rcond)
    cls = type(rcond)
    if not (hasattr(cls, "__float__") or hasattr(cls, "__index__")):
        raise argument_type_error(f"must be real number, not {type_name(rcond)}", "rcond")
    return float(rcond)


def lstsq(a, b, rcond=None):
    cutoff = _rcond(rcond)
    x, y = array_arg(a, "a", "lstsq"), array_arg(b, "b", "lstsq")
    numpy = x[2] or y[2]
    m, n = matrix_shape(x, "a")
    (x_data, x_len, _, _), (y_data, y_len, _, y_shape) = x, y
    inputs = ((0, x_data, x_len), (x_len, y_data, y_len))
    out_at = x_len + y_len
    k = min(m, n)
    if len(y_shape) == 1:
        solution, x_size, slots = new_result((n,), numpy), n, 1
    else:
        bk = y_shape[1]
        solution, x_size, slots = new_result((n, bk), numpy), n * bk, bk
    # After x: the k singular values, `slots` residuals, then [rank, number of residuals].
    tail = _TEMPLATES["d"] * (k + slots + 2)
    _rt.ensure(out_at + x_size + len(tail))
    outputs = ((out_at, solution, x_size), (out_at + x_size, tail, len(tail)))
    if len(y_shape) == 1:
        args = (0, m, n, x_len, y_len, cutoff, out_at)
        run("lstsq", "lstsq_vec_at", inputs, outputs, *args)
    else:
        args = (0, m, n, x_len, y_shape[0], y_shape[1], cutoff, out_at)
        run("lstsq", "lstsq_at", inputs, outputs, *args)
    rank, count = int(tail[-2]), int(tail[-1])
    residuals = vector_result(tail[k : k + count], numpy)
    s = vector_result(tail[:k], numpy)
    return (solution, residuals, rank, s)


# The native backend's docstrings (the single source, see tools/gen_wasm_docstrings.py).
for _name in __all__:
    globals()[_name].__doc__ = DOCSTRINGS[_name]
del _name
