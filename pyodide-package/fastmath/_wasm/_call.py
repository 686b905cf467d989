"""The one call path of every function of the universal backend.

``call(index, args, kwargs)``: the arguments become header words (``_convert``), written into
one persistent ``array('d')`` that ``runtime.js`` reads in place; one crossing into JavaScript
copies the header and the array bytes into the module, runs its generic entry point on function
``index`` (the order of ``fastmath._api.FUNCTIONS``, which is the module's table) and writes the
result words back into the same array. Results are wrapped as the native backend wraps them:
float64/int64 arrays as numpy arrays when an argument was one, else ``array.array`` (1-D) or an
N-D memoryview over one. Array results need a second crossing to be copied into their Python
objects, except where their shape is known beforehand: an elementwise function's result has
its array arguments' shape, so it is allocated first and written in the same crossing.

Streaming: for a function whose table entry allows it (``Runtime.streams``: map for elementwise,
fold for reductions), C-contiguous float64 arrays of ``STREAM_MIN`` or more elements are not
copied whole: ``runtime.js`` moves them through the module chunk by chunk from one loop
(bit-identical results; the module's memory stays small). Map needs all array arguments of one
shape; fold needs every argument to be such a 1-D array.

Every refusal is worded in Rust; this module only maps the class name onto a Python class.
"""

import sys
from array import array
from importlib.util import find_spec

from fastmath._api import FUNCTIONS
from fastmath._errors import LinAlgError
from fastmath._wasm._convert import F64, encode
from fastmath._wasm._loader import RUNTIME as _rt

__all__ = ["STREAM_MIN", "call", "panic_for_tests"]

#: Inputs from this many elements stream. Streaming costs a few microseconds more per call,
#: which copying whole wins back only once the operands no longer fit in cache.
STREAM_MIN = 65536
_MAP, _FOLD = 1, 2
_NEED_HEAP = -1
#: The header / result words (``[0]``): replaced by a larger one, never resized in place, so
#: the address ``runtime.js`` reads stays valid.
_WORDS = [array("d", [0.0]) * 4096]
_TEMPLATES = {"d": array("d", [0.0]), "q": array("q", [0])}
_ERRORS: dict[str, type[Exception]] = {
    "TypeError": TypeError,
    "ValueError": ValueError,
    "MemoryError": MemoryError,
    "LinAlgError": LinAlgError,
}
_numpy_found: list[bool] = []
#: Set once the module is loaded and its functions are known to be ``_api.FUNCTIONS``.
_ready: list[bool] = []


def _load() -> None:
    """Loads the module and checks that its table is the one this package was built with
    (function indices are positions in ``_api.FUNCTIONS``)."""
    if _rt.ready().names != FUNCTIONS:
        raise RuntimeError(
            "fastmath: the WebAssembly module's functions differ from fastmath._api.FUNCTIONS "
            "(a module from another build?); reinstall fastmath"
        )
    _ready.append(True)


def _count(shape: tuple) -> int:
    count = 1
    for n in shape:
        count *= n
    return count


def _numpy_ok(numpy_argument: bool) -> bool:
    """Whether results may be numpy arrays (an N-D result with a zero in its shape has no
    other form): an argument was one, or numpy is importable (looked up once)."""
    if numpy_argument or "numpy" in sys.modules:
        return True
    if not _numpy_found:
        _numpy_found.append(find_spec("numpy") is not None)
    return _numpy_found[0]


def _new(index: int, code: int, shape: tuple, numpy: bool):
    """An empty result array and the address of its data: numpy when an argument was numpy
    (or when only numpy can hold it), else ``array.array`` or an N-D memoryview over one."""
    count = _count(shape)
    typecode = "d" if code == F64 else "q"
    try:
        if numpy or (len(shape) > 1 and not count):
            import numpy as np

            result = np.empty(shape, dtype="float64" if code == F64 else "int64")
            return result, result.__array_interface__["data"][0]
        flat = _TEMPLATES[typecode] * count  # filled by memcpy doubling, in C
    except MemoryError:
        message = str(_rt.ns.resultTooLarge(index, code, list(shape)))
        raise MemoryError(message) from None
    address = flat.buffer_info()[0]
    if len(shape) == 1:
        return flat, address
    return memoryview(flat).cast("B").cast(typecode, shape), address


def _crossing(function, index: int, *args):
    """Runs a crossing of ``runtime.js``; hands it Python's memory first when it asks."""
    result = function(*args)
    if result == _NEED_HEAP:
        _rt.helpers.setHeap(_WORDS[0])
        result = function(*args)
    if type(result) is str:
        name, _, message = result.partition("\n")
        cls = _ERRORS.get(name)
        if cls is None:
            function_name = _rt.names[index] if 0 <= index < len(_rt.names) else "fastmath"
            raise RuntimeError(
                f"fastmath: internal error in {function_name} (WebAssembly backend, {message}); "
                "the module was re-instantiated, later calls work"
            )
        raise cls(message)
    return result


def call(index: int, args: tuple, kwargs: dict):
    rt = _rt
    if not _ready:
        _load()
    encoded = encode(args, kwargs)
    numpy = encoded.numpy
    mode = n = out_address = out_bytes = 0
    out = None
    stream = rt.streams[index]
    if stream and encoded.arrays:
        arrays = [a for a in encoded.arrays if a[1]]
        shape = arrays[0][1] if arrays else None
        if shape is not None and all(a[1] == shape for a in arrays):
            count = _count(shape)
            streamable = count >= STREAM_MIN and all(a[2] for a in arrays)
            if stream == _MAP and (count or len(shape) == 1):
                out, out_address = _new(index, F64, shape, numpy)
                out_bytes = 8 * count
                mode = _MAP if streamable else 0
            elif stream == _FOLD and streamable and len(shape) == 1:
                mode = _FOLD if len(arrays) == len(args) + len(kwargs) else 0
            n = count
    pieces = encoded.pieces
    body = encoded.body
    fixed = 10 + len(pieces) + len(encoded.arrays)
    header = [fixed + len(body), mode, n, out_address, out_bytes, _numpy_ok(numpy)]
    header += (len(args), len(kwargs), len(pieces), len(encoded.arrays))
    header += map(len, pieces)
    header += (offset + fixed for offset, _, _ in encoded.arrays)
    header += body
    words = _WORDS[0]
    if len(header) > len(words):
        words = _WORDS[0] = array("d", [0.0]) * (2 * len(header))
        rt.helpers.setHeap(words)
    words[: len(header)] = array("d", header)
    _crossing(rt.call, index, index, "".join(pieces) if pieces else None)
    kind = words[1]
    if kind == 1.0:
        return words[2]
    if kind == -3.0:
        return out
    copies: list = []
    value = _result(index, words, 1, copies, numpy)[0]
    if copies:
        words[: len(copies) + 1] = array("d", [len(copies) // 3, *copies])
        _crossing(rt.copy_out, index)
    return value


def _result(index: int, words, at: int, copies: list, numpy: bool):
    """The value of the result words from ``at``, and where the next value starts. Arrays are
    allocated here; ``copies`` collects what ``copyOut`` moves into them."""
    kind = words[at]
    if kind == 1.0:
        return words[at + 1], at + 2
    if kind == 2.0:
        return int(words[at + 1]) * 4294967296 + int(words[at + 2]), at + 3
    if kind == 3.0:
        code, ndim, address = int(words[at + 1]), int(words[at + 2]), int(words[at + 3])
        shape = tuple(int(d) for d in words[at + 4 : at + 4 + ndim])
        result, destination = _new(index, code, shape, numpy)
        nbytes = 8 * _count(shape)
        if nbytes:
            copies += (address, destination, nbytes)
        return result, at + 4 + ndim
    items = []
    at += 2
    for _ in range(int(words[at - 1])):
        item, at = _result(index, words, at, copies, numpy)
        items.append(item)
    return tuple(items), at


def panic_for_tests(message: str = "deliberate panic") -> None:
    """Test-only (not public API): panics inside the module through the call's error path, so
    tests can check that a trap re-instantiates the module and raises RuntimeError."""
    _crossing(_rt.ready().helpers.panicForTests, -1, message)
