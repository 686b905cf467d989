"""How a call of the WebAssembly backend moves its data: the one call path of every function.

The module cannot read Python's memory (each WebAssembly instance has its own), so vectors are
copied into a *scratch region* of the module's memory, a kernel runs on element offsets into
that region, and results are copied out. Two ways, chosen by size:

* ``run`` (any kernel, and small inputs): each input is copied whole into the region with
  ``Float64Array.assign(buffer)`` on a cached view of the region (one memcpy), the ``*_at``
  kernel runs once, each result is copied out with ``assign_to`` into its final
  ``array.array``/numpy array.
* streaming (``elementwise`` and ``reduction`` from ``STREAM_MIN`` elements): one call into
  JavaScript (``mapStream``/``reduceStream`` in ``_loader``) makes ``Float64Array`` views of the
  caller's buffers and of the result in Pyodide's memory (at their addresses, see ``address``;
  ``PyProxy.getBuffer`` for a buffer whose address is unknown) and loops over chunks of
  ``CHUNK`` elements: copy a chunk of each operand into the region, run the kernel on it while
  it is still in cache, copy the result chunk straight into the result. A reduction carries its
  lane accumulators across chunks (``*_stream_*`` exports over fastmath-core's ``SumAcc`` /
  ``DotAcc``), so its value is the one-shot kernel's, bit for bit. The region stays
  ``3 * CHUNK`` elements however large the input.

Errors: a kernel's named JS Error becomes its Python class, anything else (a trap) a
RuntimeError after re-instantiation (``Runtime.failure``), always naming ``function``.
"""

from array import array

from fastmath._wasm._loader import RUNTIME as _rt
from fastmath._wasm._loader import JsException

__all__ = [
    "CHUNK",
    "STREAM_MIN",
    "address",
    "elementwise",
    "reduction",
    "run",
    "run_plain",
    "stored_float",
]

#: Elements per operand per chunk of the streaming path (64 KB: operands and result of a
#: binary kernel stay in L2).
CHUNK = 8192
#: Inputs from this many elements stream; shorter ones take ``run``. Streaming costs ~8 us more
#: per call (measured in Pyodide 314/node), which copying whole wins back only once the operands
#: no longer fit in cache: break-even near 64K elements.
STREAM_MIN = 65536

#: Streamed reductions: (begin, push, end) exports by function.
_STREAMS = {
    "sum": ("sum_stream_begin", "sum_stream_push", "sum_stream_end"),
    "mean": ("sum_stream_begin", "sum_stream_push", "mean_stream_end"),
    "dot": ("dot_stream_begin", "dot_stream_push", "dot_stream_end"),
}
_AT = {"sum": "sum_at", "mean": "mean_at", "dot": "dot_at"}
_ONE = array("d", [0.0])


def address(data):
    """Where a C-contiguous float64 buffer lies in Pyodide's memory: its byte address when
    Python can tell it cheaply (``array.array``, numpy arrays, whole-object memoryviews of
    those), else the buffer itself (JS then calls ``getBuffer`` on it, ~13 us), or None when it
    is misaligned for a ``Float64Array`` (the caller does not stream it)."""
    obj = data
    if type(data) is memoryview:
        obj = data.obj
        if getattr(obj, "nbytes", None) != data.nbytes and not (
            type(obj) is array and len(obj) * obj.itemsize == data.nbytes
        ):
            return data  # a part of its object: where it starts is unknown here
    if type(obj) is array:
        at = obj.buffer_info()[0]
    else:
        interface = getattr(obj, "__array_interface__", None)
        if interface is None or interface.get("strides") is not None:
            return data
        at = interface["data"][0]
    return at if at % 8 == 0 else None


def _stream(helper: str, *args):
    """Runs a streaming helper; if it asks for Python's memory (first use, or the memory grew
    since), hands it over and runs it again."""
    rt = _rt
    run_helper = getattr(rt.helpers, helper)
    value = run_helper(*args)
    if value is False:
        rt.helpers.setPyHeap(_ONE)
        value = run_helper(*args)
    return value


def _where(data, *outputs):
    """``(x, y[, out])`` for the streaming helpers (``y`` None for one input), or None when a
    buffer is misaligned (then the call does not stream)."""
    where = [address(d) for d in (*data, *outputs)]
    if None in where:
        return None
    if len(data) == 1:
        where.insert(1, None)
    return where


def run(function: str, kernel: str, inputs, outputs, *args):
    """Copies ``inputs`` (``(offset, data, length)``) into the scratch region, runs
    ``kernel(*args)``, copies the region into ``outputs`` (``(offset, result, length)``) and
    returns the kernel's value. The caller has called ``ensure`` for the whole layout.

    Some fastmath-core kernels (linear algebra, sorting, scans) allocate, which may grow the
    module's memory and detach every view of it: the views are re-made when that happened,
    after the call (and before it, in case a kernel of another family grew it without
    re-making them). The check is a trip into JS, so the elementwise and reduction kernels,
    which never allocate, take ``run_plain`` instead."""
    rt = _rt
    if rt.heap is None:
        rt.ensure(1)  # the first call of all: loads the module
    elif not rt.heap.length:
        rt._remake_views()
    return run_plain(function, kernel, inputs, outputs, args, True)


def run_plain(function: str, kernel: str, inputs, outputs, args, allocates: bool = False):
    """``run`` for a kernel that does not allocate (no check of the views): the cheap path."""
    rt = _rt
    try:
        for offset, data, length in inputs:
            if length:
                rt.view(offset, length).assign(data)
        value = rt.kernels[kernel](*args)
        if allocates and not rt.heap.length:
            rt._remake_views()
        for offset, out, length in outputs:
            if length:
                rt.view(offset, length).assign_to(out)
    except JsException as err:
        raise rt.failure(err, function) from None
    return value


def stored_float(value, offset: int) -> float:
    """A float a kernel returned and also stored at ``offset`` of the region: JS gives integral
    numbers to Python as int, which drops the sign of -0.0, so a zero is re-read from memory."""
    if type(value) is int and value == 0:
        out = array("d", [0.0])
        _rt.view(offset, 1).assign_to(out)
        return out[0]
    return float(value)


def elementwise(function: str, kernel: str, data, out, n: int, *scalars: float):
    """``out[i] = f(data[0][i], ...)`` for ``i < n`` by ``kernel(*scalars, x_off, [y_off,] len,
    out_off)``: one or two C-contiguous float64 inputs, ``out`` an empty float64 result of
    ``n`` elements. Stateless kernels only (each chunk is computed on its own)."""
    rt = _rt
    if n >= STREAM_MIN and (where := _where(data, out)) is not None:
        rt.ensure(3 * CHUNK)
        kernel_fn = rt.kernels[kernel]
        try:
            _stream("mapStream", kernel_fn, scalars, *where, n, rt._memory, rt.base, CHUNK)
        except JsException as err:
            raise rt.failure(err, function) from None
    elif len(data) == 1:
        rt.ensure(2 * n)
        run_plain(function, kernel, ((0, data[0], n),), ((n, out, n),), (*scalars, 0, n, n))
    else:
        rt.ensure(3 * n)
        inputs, outputs = ((0, data[0], n), (n, data[1], n)), ((2 * n, out, n),)
        run_plain(function, kernel, inputs, outputs, (*scalars, 0, n, n, 2 * n))
    return out


def reduction(function: str, data, n: int) -> float:
    """``sum``/``mean`` of one input or ``dot`` of two, ``n`` elements each: the one-shot
    ``<function>_at(x_off, n[, y_off, n])`` kernel, or its stream for large inputs."""
    rt = _rt
    if n >= STREAM_MIN and (where := _where(data)) is not None:
        begin, push, end = (rt.kernels[name] for name in _STREAMS[function])
        rt.ensure(2 * CHUNK)
        try:
            args = (begin, push, end, *where, n, rt._memory, rt.base, CHUNK)
            value = _stream("reduceStream", *args)
        except JsException as err:
            raise rt.failure(err, function) from None
    elif len(data) == 1:
        rt.ensure(n)
        value = run_plain(function, _AT[function], ((0, data[0], n),), (), (0, n))
    else:
        rt.ensure(2 * n)
        inputs = ((0, data[0], n), (n, data[1], n))
        value = run_plain(function, _AT[function], inputs, (), (0, n, n, n))
    # float(): JS numbers with integral values arrive as Python ints (these kernels never
    # return -0.0, whose sign that would lose).
    return float(value)
