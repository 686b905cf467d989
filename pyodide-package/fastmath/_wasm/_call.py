"""The one call path of every function of the universal backend.

``bind(index)``, called with the arguments: they become header words (``_convert``), written into
one persistent ``array('d')`` that ``runtime.js`` reads in place; one crossing into JavaScript
copies the header and the array bytes into the module, runs its generic entry point on function
``index`` (the order of ``fastmath._api.FUNCTIONS``, which is the module's table) and writes the
result words back into the same array. Results are wrapped as the native backend wraps them:
float64/int64 arrays as numpy arrays when an argument was one, else ``array.array`` (1-D) or an
N-D memoryview over one. An elementwise function's result has its array arguments' shape, so
it is allocated first and written in the same crossing; other array results come back in the
words after the result words while they fit, else a second crossing copies them into their
Python objects.

Fast lanes (same entry point, same results and errors): a function the table marks as one IEEE
operation (``_api.IEEE``: ``x * x``, ``sqrt``, ``abs``, ``+ - * /``) has exactly its parameters,
``(x, /)`` or ``(x, y, /)`` (Pyodide's fast call; fastmath-api words a wrong call as CPython
does), and computes floats here, correctly rounded, unless the result is NaN (its payload is the
module's) or Python refuses (``/ 0``). Other calls of one or two floats go to the module's
``number``/``numbers`` (NaN: take the full path). For one or two ``array('d')``, Python writes
their addresses and lengths into the header array and calls the lane without arguments
(``runtime.js`` writes their header straight into the module: each value handed to JavaScript
costs Pyodide ~0.15 us). Calls of floats, ints, None, ``array('d')`` or whole-array
memoryviews skip ``encode``: their header is written inline, in one ``pack_into``. Lanes write
the general path's header: the same results and errors (tested). Each function keeps its own
crossings (``runtime.js`` ``plan``), bound to its index, and a float result that crosses intact
(finite, not integral) is the crossing's value, read from no header. Inline, because Pyodide's
interpreter is most of a small call's cost (some 5-10 ns per bytecode).

Streaming: for a function whose table entry allows it (``Runtime.streams``: map for elementwise,
fold for reductions), C-contiguous arrays of ``STREAM_MIN`` or more elements are not copied
whole: ``runtime.js`` moves them through the module chunk by chunk from one loop
(bit-identical results; the module's memory stays small). Map needs all array arguments of one
shape, of any dtype (float64 ones' result is float64; for others, one crossing on their first
elements asks Rust the result's dtype first: ``_probe``); fold needs every argument to be a
1-D float64 array.

Every refusal is worded in Rust; this module only maps the class name onto a Python class.
"""

import sys
from array import array
from collections.abc import Callable
from importlib.util import find_spec
from math import prod
from math import sqrt as _sqrt
from operator import add, mul, sub, truediv
from struct import Struct

from fastmath._api import DTYPES, FUNCTIONS, IEEE, WRAPS
from fastmath._complex import ComplexArray
from fastmath._errors import AxisError, LinAlgError, compatible
from fastmath._results import BY_FUNCTION
from fastmath._wasm._convert import ARRAY, F64, FLOAT, INT, NONE, encode, view_entry
from fastmath._wasm._loader import ENGINE
from fastmath._wasm._loader import RUNTIME as _rt

__all__ = ["STREAM_MIN", "bind", "panic_for_tests"]

#: Inputs from this many elements stream. Streaming costs a few microseconds more per call,
#: which copying whole wins back only once the operands no longer fit in cache.
STREAM_MIN = 65536
_MAP, _FOLD = 1, 2
#: A map that streams once ``_probe`` has found its result's dtype (never sent to the runtime).
_PROBE = -1
#: The lane takes at most this many arguments (its header then fits any header array).
_LANE_MAX = 13
_EXACT, _NEED_HEAP = 2**53, -1  # the largest int a header word holds exactly
#: IEEE operation codes (``Ieee::code``) and their Python operations (square is inline).
_SQUARE, _SQRT, _ABS, _ADD, _SUBTRACT, _MULTIPLY, _DIVIDE = range(1, 8)
_UNARY = {_SQRT: _sqrt, _ABS: abs}
_BINARY = {_ADD: add, _SUBTRACT: sub, _MULTIPLY: mul, _DIVIDE: truediv}
#: ``[Runtime.streams]`` once the module is loaded.
_STREAMS: list[tuple[int, ...]] = [()]
#: The header / result words (``[0]``): replaced by a larger one, never resized in place, so
#: the address ``runtime.js`` reads stays valid.
_WORDS = [array("d", [0.0]) * 4096]
#: ``pack_into`` of n float64 words, by n: writes a header in one C call (no temporary array).
_PACKS: dict[int, Callable] = {}
_ZERO = array("d", [0.0])
#: ``array.array`` lacks bool and float16: stored as bytes / half-words, seen through a
#: memoryview of their own format.
_STORAGE = {"?": "B", "e": "H"}
#: ``array(typecode, [0])`` of each storage typecode, repeated to allocate results in C.
_TEMPLATES = {"d": _ZERO}
#: numpy's named tuple class of each function (by index) whose tuple results are named.
_NAMED = {FUNCTIONS.index(name): cls for name, cls in BY_FUNCTION.items()}
#: numpy.linalg's wrapping of results for an ndarray subclass argument, by function index.
_WRAPS = {FUNCTIONS.index(name): wrap for name, wrap in WRAPS.items()}
_ERRORS = {
    cls.__name__: cls
    for cls in (
        TypeError,
        ValueError,
        MemoryError,
        OverflowError,
        IndexError,
        ZeroDivisionError,
        LinAlgError,
        AxisError,
    )
}
#: ``[numpy importable]`` once the module is loaded and its functions are known to be
#: ``_api.FUNCTIONS``.
_ready: list[bool] = []


def _load() -> None:
    """Loads the module and checks that its table is the one this package was built with
    (function indices are positions in ``_api.FUNCTIONS``)."""
    if _rt.ready().names != FUNCTIONS:
        raise RuntimeError(
            "fastmath: the WebAssembly module's functions differ from fastmath._api.FUNCTIONS "
            "(a module from another build?); reinstall fastmath"
        )
    # An N-D result with a zero in its shape exists only as a numpy array.
    _ready.append("numpy" in sys.modules or find_spec("numpy") is not None)
    _rt.helpers.setNumpy(_ready[0])
    _STREAMS[0] = _rt.streams


def _packer(n: int) -> Callable:
    pack = _PACKS[n] = Struct(f"<{n}d").pack_into
    return pack


def _empty(index: int, count: int) -> array:
    """An empty float64 result of ``count`` elements (MemoryError naming the function)."""
    try:
        return _ZERO * count
    except MemoryError:
        return _new(index, F64, (count,), False)[0]  # raises, naming the function


def _new(index: int, code: int, shape: tuple, numpy: bool):
    """An empty result array of dtype ``code`` and the address of its data: numpy when an
    argument was numpy (or when only numpy can hold it), else ``array.array`` or an N-D
    memoryview over one."""
    count = prod(shape)
    name, typecode, _ = DTYPES[code]
    # Complex: stored as pairs of its parts' floats, seen through a ComplexArray.
    complex_ = typecode[0] == "Z"
    storage = typecode[1] if complex_ else _STORAGE.get(typecode, typecode)
    try:
        if numpy or (len(shape) > 1 and not count):
            import numpy as np

            result = np.empty(shape, dtype=name)
            return result, result.__array_interface__["data"][0]
        template = _TEMPLATES.get(storage)
        if template is None:
            template = _TEMPLATES[storage] = array(storage, [0])
        flat = template * (2 * count if complex_ else count)  # filled by memcpy doubling, in C
    except MemoryError:
        message = str(_rt.helpers.resultTooLarge(index, code, list(shape)))
        raise MemoryError(message) from None
    address = flat.buffer_info()[0]
    if complex_:
        return ComplexArray._wrap(flat, shape), address
    if len(shape) == 1 and storage == typecode:
        return flat, address
    bytes_ = memoryview(flat).cast("B")
    # 1-D: cast without a shape, which CPython refuses when it holds a zero (an empty bool result).
    return (bytes_.cast(typecode) if len(shape) == 1 else bytes_.cast(typecode, shape)), address


def _answer(result, function, index: int, *args):
    """The result of a crossing of ``runtime.js`` that did not simply succeed: hands it
    Python's memory when it asks (then runs it again), raises what it reports."""
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
        raise compatible(cls)(message)
    return result


def bind(index: int, signature: str):
    """Function ``index`` (of ``_api.FUNCTIONS``, ``signature`` as ``inspect`` shows it): the
    general closure, behind one of exactly the function's parameters for an IEEE operation."""
    general = _general(index)
    if ENGINE == "wasmtime":
        general = _one_at_a_time(general)
    op = IEEE.get(FUNCTIONS[index], 0)
    if op in _BINARY and signature == "(x, y, /)":
        apply = _BINARY[op]

        def binary(x, y, /):
            if type(x) is float and type(y) is float and (y or op != _DIVIDE):
                if (result := apply(x, y)) == result:
                    return result
            return general(x, y)

        return binary
    if op == _SQUARE and signature == "(x, /)":

        def square(x, /):
            if type(x) is float and (result := x * x) == result:
                return result
            return general(x)

        return square
    if op in _UNARY and signature == "(x, /)":
        apply = _UNARY[op]

        def unary(x, /):
            if type(x) is float and (x >= 0.0 or op != _SQRT):
                if (result := apply(x)) == result:
                    return result
            return general(x)

        return unary
    return general


#: Held by every call in desktop CPython (wasmtime), where Python threads are real: a call
#: writes the one header array, then the module's memory, and wasmtime's store must not be
#: entered by two threads at once (its calls release the GIL). Re-entrant: a user's
#: ``__float__`` or ``__array_wrap__`` may call fastmath during a call, as in Pyodide.
if ENGINE == "wasmtime":  # not imported in Pyodide, which needs no lock
    from threading import RLock

    _LOCK = RLock()


def _one_at_a_time(function):
    def serialised(*args, **kwargs):
        with _LOCK:
            return function(*args, **kwargs)

    return serialised


def _general(index: int):
    """The closure of every call of function ``index``, its fast lanes inline (a Python frame
    costs Pyodide a fraction of a microsecond). Its crossings are ``runtime.js``'s ``plan``,
    fetched on the first call and kept in the closure: bound to the index, so that a lane hands
    JavaScript nothing or the floats alone (each value handed over costs ~0.15 us)."""
    one = two = whole = number = numbers = None
    maps = False

    def function(*args, **kwargs):
        nonlocal one, two, whole, number, numbers, maps
        if whole is None:
            if not _ready:
                _load()
            maps = _STREAMS[0][index] == _MAP
            one, two, whole, number, numbers = _rt.helpers.plan(index, maps)
        if not kwargs:
            n = len(args)
            if n == 1:
                x = args[0]
                if type(x) is array and x.typecode == "d":
                    # One array('d'): its address and length in words 0-1, the rest is
                    # runtime.js's (lane).
                    address, size = x.buffer_info()
                    if size < STREAM_MIN:
                        header = _WORDS[0]
                        header[0] = address
                        header[1] = size
                        if not maps:
                            result = one()
                            if type(result) is float:
                                return result
                            return _landed(result, one, index, None)
                        out = _empty(index, size)
                        header[2] = out.buffer_info()[0]
                        return _landed(one(), one, index, out)
                elif type(x) is float:
                    # The module's float-in float-out lane, when the answer is a float JS
                    # hands over intact (not NaN, not an integral zero that was maybe -0.0).
                    result = number(x)
                    if result and result == result:
                        return float(result)
            elif n == 2:
                x, y = args
                if type(x) is float and type(y) is float:
                    result = numbers(x, y)
                    if result and result == result:
                        return float(result)
                elif type(x) is array is type(y) and x.typecode == "d" == y.typecode:
                    # Two array('d')s, likewise (words 0-3, the result's address in 4).
                    (address, size), (second, length) = x.buffer_info(), y.buffer_info()
                    if size < STREAM_MIN and length < STREAM_MIN:
                        header = _WORDS[0]
                        header[0] = address
                        header[1] = size
                        header[2] = second
                        header[3] = length
                        if not maps:
                            result = two()
                            if type(result) is float:
                                return result
                            return _landed(result, two, index, None)
                        out = _empty(index, size) if size == length else None
                        header[4] = 0 if out is None else out.buffer_info()[0]
                        return _landed(two(), two, index, out)
        given = len(args) + len(kwargs)
        if given > _LANE_MAX:
            return _dispatch(index, args, kwargs)
        # The lane: a header written here, as ``encode`` would write it, for the commonest
        # arguments: floats, ints a word holds, None, array('d')s (their address and length)
        # and N-D memoryviews of a whole one (``view_entry``); the offsets of array entries
        # go at ``tail``. Anything else takes ``_dispatch``.
        words = [0, 0, 0, 0, 0, _ready[0], len(args), len(kwargs), 0, 0]
        tail, count, named = [], None, -len(args)
        for value in (*args, *kwargs.values()) if kwargs else args:
            if named >= 0:
                words.append(named)  # the keyword's name: piece number ``named``
            named += 1
            kind = type(value)
            if kind is float:
                words += (FLOAT, value)
            elif kind is array and value.typecode == "d":
                address, size = value.buffer_info()
                tail.append(len(words))
                words += (ARRAY, F64, -1, 8, 1, 0, address, 8 * size, 0, 0, size)
                if count != size:
                    count = size if count is None else -1
            elif kind is int and -_EXACT <= value <= _EXACT:
                words += (INT, value)
            elif value is None:
                words.append(NONE)
            elif kind is memoryview and (entry := view_entry(value)) is not None:
                tail.append(len(words))
                words += entry
                count = -1  # its result is not preallocated here, nor streamed
            else:
                return _dispatch(index, args, kwargs)
        text = None
        if kwargs:
            text = "".join(kwargs)
            words += map(len, kwargs)
            words[8] = len(kwargs)
        if tail:
            words += tail
            words[9] = len(tail)
        # Streaming and the preallocated elementwise result, as ``_prepare`` chooses them.
        out = None
        if count is not None and count >= 0:
            stream = _STREAMS[0][index]
            if stream == _MAP:
                out = _empty(index, count)
                words[3], words[4] = out.buffer_info()[0], 8 * count
                if count >= STREAM_MIN:
                    words[1], words[2] = _MAP, count
            elif stream == _FOLD and count >= STREAM_MIN and len(tail) == given:
                words[1], words[2] = _FOLD, count
        n = words[0] = len(words)
        (_PACKS.get(n) or _packer(n))(_WORDS[0], 0, *words)
        if text is None:
            result = whole()
            if type(result) is float:
                return result
            return _landed(result, whole, index, out)
        result = whole(text)
        if type(result) is float:
            return result
        return _landed(result, whole, index, out, text)

    return function


def _landed(status, crossing, index: int, out, *args):
    """The value of a lane's call whose answer was not a float (see ``runtime.js``
    ``floatOrWords``): ``status`` is None when the result words are in the header, else what
    ``_answer`` handles (the crossing is then made again with ``args``)."""
    if status is not None:
        status = _answer(status, crossing, index, *args)
        if type(status) is float:
            return status
    header = _WORDS[0]
    kind = header[1]
    if kind == 1.0:
        return header[2]
    return out if kind == -3.0 else _finish(index, out, False)


def _dispatch(index: int, args: tuple, kwargs: dict):
    """The general path: every argument ``_convert`` reads, in a header written here."""
    words, pieces, arrays, keep, numpy = encode(args, kwargs)
    out = None
    if arrays and _rt.streams[index]:
        out = _prepare(index, words, arrays, numpy, len(args) + len(kwargs))
    words[5] = numpy or _ready[0]
    text = None
    if pieces:
        words += map(len, pieces)
        text = "".join(pieces)
    if arrays:
        words += [entry[0] for entry in arrays]
    n = words[0] = len(words)
    words[8], words[9] = len(pieces), len(arrays)
    header = _WORDS[0]
    if n > len(header):
        header = _WORDS[0] = array("d", [0.0]) * (2 * n)
        _rt.helpers.setHeap(header)
    if words[1] == _PROBE:
        out = _probe(index, words, text, numpy)
    (_PACKS.get(n) or _packer(n))(header, 0, *words)
    crossing = _rt.call
    status = crossing(index, text)
    if type(status) is str or status < 0:
        _answer(status, crossing, index, index, text)
    del keep  # the buffers the header pointed at are copied
    if numpy and index in _WRAPS:
        return _wrapped(_WRAPS[index], args, kwargs, _finish(index, out, numpy))
    return _finish(index, out, numpy)


def _wrapped(wrap: tuple, args: tuple, kwargs: dict, value):
    """``value`` with the arrays numpy.linalg wraps passed through the ``__array_wrap__`` of
    the argument ``wrap`` names, when that is an instance of a proper subclass of
    ``numpy.ndarray`` (numpy's rule: a subclass in, the subclass out)."""
    name, position, items, single, plain = wrap
    arg = args[position] if position < len(args) else kwargs.get(name)
    ndarray = sys.modules["numpy"].ndarray
    if type(arg) is ndarray or not isinstance(arg, ndarray):
        return tuple(value) if type(value) is _Plain else value
    if not isinstance(value, tuple):
        return arg.__array_wrap__(value) if single else value
    if type(value) is _Plain:
        items = plain
    parts = [arg.__array_wrap__(v) if i in items else v for i, v in enumerate(value)]
    return value._make(parts) if hasattr(value, "_make") else tuple(parts)


def _finish(index: int, out, numpy: bool):
    """The call's value, from the result words: a float, the preallocated result, or the
    values ``_result`` builds (whose arrays a second crossing fills)."""
    header = _WORDS[0]
    kind = header[1]
    if kind == 1.0:
        return _numpy_scalar(header[2]) if numpy else header[2]
    if kind == -3.0:
        return out
    if kind == 3.0 and header[2] == F64 and header[3] == 1.0 and header[4] < 0 and not numpy:
        # One 1-D float64 array that runtime.js put in the words: a slice of them is it.
        at = -int(header[4])
        return header[at : at + int(header[5])]
    copies: list = []
    value = _result(index, header, 1, copies, numpy)[0]
    if copies:
        header[: len(copies) + 1] = array("d", [len(copies) // 3, *copies])
        crossing = _rt.copy_out
        status = crossing()
        if type(status) is str or status < 0:
            _answer(status, crossing, index)
    if type(value) is tuple and index in _NAMED:
        return _NAMED[index]._make(value)
    if type(value) is _Plain:
        return tuple(value) if not numpy or index not in _WRAPS else value
    return value


def _prepare(index: int, words: list, arrays: list, numpy: bool, given: int):
    """For a function that may stream (its table entry says map or fold): the streaming mode,
    and for map (elementwise) the result allocated beforehand, in the fixed header words.
    Map needs every array of one shape; fold needs every argument to be a 1-D float64 array.
    Map of other dtypes leaves the mode ``_PROBE`` when it may stream: the result's dtype,
    which Rust's rules give, is asked first (``_probe``)."""
    arrays = [a for a in arrays if a[1]]
    shape = arrays[0][1] if arrays else None
    if shape is None or any(a[1] != shape for a in arrays):
        return None
    count = prod(shape)
    streamable = count >= STREAM_MIN and all(a[2] for a in arrays)
    f64 = all(words[a[0] + 1] == F64 for a in arrays)
    stream = _rt.streams[index]
    out = None
    if stream == _MAP and f64 and (count or len(shape) == 1):
        out, words[3] = _new(index, F64, shape, numpy)
        words[4] = 8 * count
        words[1] = _MAP if streamable else 0
    elif stream == _MAP and streamable:
        words[1] = _PROBE
    elif stream == _FOLD and streamable and f64 and len(shape) == 1 and len(arrays) == given:
        words[1] = _FOLD
    words[2] = count
    return out


def _probe(index: int, words: list, text: str | None, numpy: bool):
    """Streams a map of arrays of another dtype than float64 (``_prepare``): one crossing on
    the first element of every array (each of shape (1, ..., 1), so that no empty N-D result
    needs numpy) gives the result's dtype, for the result allocated here, which the chunks'
    results then fill. When that crossing fails, the call goes whole, to fail with the
    arguments' real shapes."""
    entries = words[len(words) - int(words[9]) :]
    probe = words.copy()
    probe[1] = probe[3] = probe[4] = 0
    shape = None
    for e in entries:
        if ndim := probe[e + 4]:
            shape = tuple(words[e + 10 : e + 10 + ndim])
            probe[e + 7] = probe[e + 3]  # one element's bytes
            probe[e + 10 : e + 10 + ndim] = [1] * ndim
    words[1] = 0
    (_PACKS.get(len(probe)) or _packer(len(probe)))(_WORDS[0], 0, *probe)
    crossing = _rt.call
    try:
        status = crossing(index, text)
        if type(status) is str or status < 0:
            _answer(status, crossing, index, index, text)
    except Exception:
        return None
    header = _WORDS[0]
    code, ndim = int(header[2]), int(header[3])
    if header[1] != 3.0 or ndim != len(shape) or any(d != 1.0 for d in header[5 : 5 + ndim]):
        return None
    out, words[3] = _new(index, code, shape, numpy)
    words[4] = DTYPES[code][2] * words[2]
    words[1] = _MAP
    return out


def _numpy_scalar(value, code: int = -1):
    """A number result as numpy's scalar (``numpy.float64``/``int64``, or of dtype ``code``), as
    numpy returns when an argument was a numpy array."""
    import numpy as np

    if code >= 0:
        return np.dtype(DTYPES[code][0]).type(value)
    return np.float64(value) if type(value) is float else np.int64(value)


def _scalar(words, at: int, numpy: bool):
    """A number of another dtype than float64/int64 (``ret::SCALAR``: code, then its value)."""
    code = int(words[at + 1])
    typecode = DTYPES[code][1]
    if typecode in "efd":
        value = words[at + 2]
    else:
        value = int(words[at + 2]) * 4294967296 + int(words[at + 3])
        if typecode == "?":
            value = bool(value)
    return (_numpy_scalar(value, code) if numpy else value), at + 4


def _result(index: int, words, at: int, copies: list, numpy: bool):
    """The value of the result words from ``at``, and where the next value starts. Arrays are
    allocated here and filled from the words when ``runtime.js`` put them there (a negative
    address: minus their word offset); ``copies`` collects what ``copyOut`` moves into the
    others."""
    kind = words[at]
    if kind == 1.0:
        return (_numpy_scalar(words[at + 1]) if numpy else words[at + 1]), at + 2
    if kind == 2.0:
        value = int(words[at + 1]) * 4294967296 + int(words[at + 2])
        return (_numpy_scalar(value) if numpy else value), at + 3
    if kind == 3.0:
        code, ndim, address = int(words[at + 1]), int(words[at + 2]), int(words[at + 3])
        shape = tuple(map(int, words[at + 4 : at + 4 + ndim]))
        end = at + 4 + ndim
        if address < 0 and code == F64 and ndim == 1 and not numpy:
            return words[-address : shape[0] - address], end  # in the words: a slice is it
        result, destination = _new(index, code, shape, numpy)
        nbytes = DTYPES[code][2] * prod(shape)
        if address < 0 and nbytes:
            target = result._data if type(result) is ComplexArray else result
            memoryview(target).cast("B")[:] = memoryview(words).cast("B")[-8 * address :][:nbytes]
        elif nbytes:
            copies += (address, destination, nbytes)
        return result, end
    if kind == 5.0:
        return _scalar(words, at, numpy)
    items = []
    at += 2
    for _ in range(int(words[at - 1])):
        item, at = _result(index, words, at, copies, numpy)
        items.append(item)
    # A plain tuple (6.0, ``Ret::Plain``) is never named: told apart by its class until then.
    return (_Plain(items) if kind == 6.0 else tuple(items)), at


class _Plain(tuple):
    """A plain tuple result (``Ret::Plain``) on its way out: ``_finish`` names only exact tuples
    and returns this as a tuple."""


def panic_for_tests(message: str = "deliberate panic") -> None:
    """Test-only (not public API): panics inside the module through the call's error path, so
    tests can check that a trap re-instantiates the module and raises RuntimeError."""
    crossing = _rt.ready().helpers.panicForTests
    _answer(crossing(message), crossing, -1, message)
