"""Python arguments as the words of the call header (``rust/fastmath-wasm/src/header.rs``).

The module cannot see Python objects, so this is the one thing the universal backend does in
Python: each argument becomes a kind and its data. Numbers and strings go into the header;
an array becomes its dtype, shape, strides and the address of its bytes in Pyodide's memory
(read in place: ``array.array``, numpy arrays and whole-object memoryviews of them; other
buffers are gathered into C order once). Lists and tuples are flattened level by level,
without recursion (a 5,000-deep list must not exhaust the JavaScript stack), and at most
``MAX_NDIM`` deep; their dtype is numpy's (bools bool, ints int64, any float float64, ...):
this finds which kinds of number the items are, and fastmath-api's rule, asked once when the
module loads (``Runtime.list_dtypes``), names the dtype they are packed in. What cannot be
read is reported as an ``InputError`` code: the parameter it is bound to words the error, in
Rust, exactly as the native backend does.
"""

import operator
import struct
import sys
from array import array
from itertools import chain
from numbers import Complex, Real

from fastmath._api import DTYPES
from fastmath._complex import ComplexArray
from fastmath._wasm._loader import RUNTIME as _rt

__all__ = ["ARRAY", "F64", "FLOAT", "INT", "MAX_NDIM", "NONE", "encode", "is_numpy", "view_entry"]

# Argument kinds (header.rs, `kind`).
NONE, BOOL, INT, INT64, BIGINT, FLOAT, STR, ARRAY, INVALID, INT128 = range(10)
# InputError codes: the order of its variants (rust/fastmath-api/src/error.rs).
TYPE, COMPLEX, TEXT, INT_TOO_LARGE, _FORMAT, BUFFER, INDIRECT = range(7)
TOO_DEEP, RAGGED, ELEMENT, ELEMENT_TOO_LARGE, SEQUENCE = range(10, 15)
MAX_NDIM = 32
F64 = 11  # fastmath_api::DType::F64.code()
_EXACT = 2**53
# Kinds of number in a list, as bits (fastmath_api::value::ListNumber::ALL's order).
_BOOL, _INT, _UINT, _FLOAT, _COMPLEX = 1, 2, 4, 8, 16
_KINDS = {bool: _BOOL, int: _INT, float: _FLOAT, complex: _COMPLEX}
#: The dtype code of a complex array stored as pairs of each float typecode (complex128 as "d").
_COMPLEX_CODES = {
    typecode[1]: code for code, (_, typecode, _) in enumerate(DTYPES) if typecode[0] == "Z"
}
#: The array typecode of each dtype a list of Python numbers can have (by dtype code).
_TYPECODES = {0: "B", 7: "q", 8: "Q", F64: "d"}
_INT64, _UINT64, _INT128 = 2**63, 2**64, 2**127
_WORD = 0xFFFFFFFF
_SEQUENCES = (list, tuple)
_TEXT = (str, bytes, bytearray)
_PROBE = array("d", [0.0])
_ZERO = array("d", [0.0])
#: Buffer formats of native float64 (WebAssembly is little-endian).
_F64_FORMATS = frozenset(("d", "<d", "=d", "@d"))
#: Items per ``struct`` call when packing a list of floats (``_doubles``), and the smallest
#: list packed that way.
_CHUNK = 512
_PACK_CHUNK = struct.Struct(f"={_CHUNK}d").pack_into
_FLOATS = frozenset((float,))


def is_numpy(obj: object) -> bool:
    """Whether ``obj`` is a numpy array or scalar, without importing numpy (only if the user
    did): results are then numpy's types too."""
    numpy = sys.modules.get("numpy")
    return numpy is not None and isinstance(obj, (numpy.ndarray, numpy.generic))


def encode(args: tuple, kwargs: dict) -> tuple[list, list, list, list, bool]:
    """``(words, pieces, arrays, keep, numpy)``: the header's words with its ten fixed words
    left for the caller to fill (header.rs), the strings, per array entry ``(word offset,
    shape, streamable)`` (streamable: C-contiguous), the temporary buffers whose
    addresses the words hold, and whether an argument was a numpy array."""
    words = [0, 0, 0, 0, 0, 0, len(args), len(kwargs), 0, 0]
    pieces: list[str] = []
    arrays: list[tuple] = []
    keep: list = []
    numpy = False
    for value in args:
        # The two commonest arguments first, inline.
        kind = type(value)
        if kind is float:
            words += (FLOAT, value)
        elif kind is array and value.typecode == "d":
            address, n = value.buffer_info()
            arrays.append((len(words), (n,), True))
            words += (ARRAY, F64, -1, 8, 1, 0, address, 8 * n, 0, 0, n)
        else:
            numpy = _entry(value, words, pieces, arrays, keep) or numpy
    for name, value in kwargs.items():
        words.append(len(pieces))
        pieces.append(name)
        numpy = _entry(value, words, pieces, arrays, keep) or numpy
    return words, pieces, arrays, keep, numpy


def view_entry(view: memoryview) -> tuple | None:
    """The header entry of ``view`` when it is a C-contiguous native float64 memoryview of a
    whole ``array('d')`` (as ``memoryview(a).cast("B").cast("d", shape)`` makes): read in
    place, N-D, without ``encode``. None for anything else (released views included)."""
    try:
        obj = view.obj
        if type(obj) is not array or view.format != "d" or not view.c_contiguous:
            return None
        address, n = obj.buffer_info()
        if view.nbytes != n * obj.itemsize:
            return None
        return (ARRAY, F64, -1, 8, view.ndim, 0, address, view.nbytes, 0, 0, *view.shape)
    except ValueError:
        return None


def _invalid(words: list, pieces: list, code: int, a: int = 0, b: int = 0, text=None) -> None:
    piece = -1
    if text is not None:
        piece = len(pieces)
        pieces.append(text)
    words += (INVALID, code, a, b, piece)


def _entry(value: object, words: list, pieces: list, arrays: list, keep: list) -> bool:
    """Appends the entry of one argument; returns whether it was a numpy array."""
    if value is None:
        words.append(NONE)
    elif type(value) is bool:
        words += (BOOL, value)
    elif isinstance(value, int):
        _int(int(value), words, pieces)
    elif isinstance(value, float):
        if type(value) is float or not is_numpy(value):
            words += (FLOAT, float(value))
            return False
        # numpy.float64: like every numpy scalar, the 0-D array of its dtype, strong in
        # promotion as numpy 2's (NEP 50; Python's numbers are weak). Packed here, without
        # the buffer export and array interface of other numpy scalars.
        data = array("d", (value,))
        keep.append(data)
        arrays.append((len(words), (), True))
        words += (ARRAY, F64, -1, 8, 0, 0, data.buffer_info()[0], 8, 0, 0)
        return True
    elif isinstance(value, str):
        words += (STR, len(pieces))
        pieces.append(str(value))
    elif isinstance(value, (bytes, bytearray)):
        _invalid(words, pieces, TEXT, text=type(value).__name__)
    elif isinstance(value, _SEQUENCES):
        _sequence(value, words, pieces, arrays, keep)
    elif isinstance(value, complex):
        _invalid(words, pieces, COMPLEX)
    elif type(value) is ComplexArray:
        _complex_array(value, words, arrays)
    else:
        try:
            view = memoryview(value)  # type: ignore[arg-type]
        except TypeError:
            _number(value, words, pieces)
        except Exception as err:  # BufferError, or an exporter's own failure
            _invalid(words, pieces, BUFFER, text=f"{type(err).__name__}: {err}")
        else:
            return _buffer(value, view, words, pieces, arrays, keep)
    return False


def _complex_array(value: ComplexArray, words: list, arrays: list) -> None:
    """A ``fastmath.ComplexArray``: its pairs' storage, read in place as complex."""
    data = value._data
    code = _COMPLEX_CODES[data.typecode]
    address, n = data.buffer_info()
    shape = value.shape
    arrays.append((len(words), shape, False))
    size = 2 * data.itemsize
    words += (ARRAY, code, -1, size, len(shape), 0, address, n * data.itemsize, 0, 0, *shape)


def _int(value: int, words: list, pieces: list) -> None:
    if -_EXACT <= value <= _EXACT:
        words += (INT, value)
    elif -(2**63) <= value < 2**63:
        words += (INT64, value >> 32, value & 0xFFFFFFFF)
    elif -_INT128 <= value < _INT128:  # exact: integer bounds reach 2**64 (Generator.integers)
        words += (INT128, value >> 96, (value >> 64) & _WORD, (value >> 32) & _WORD, value & _WORD)
    else:
        try:
            words += (BIGINT, float(value))
        except OverflowError:
            _invalid(words, pieces, INT_TOO_LARGE)


def _number(value: object, words: list, pieces: list) -> None:
    """An object that is not a buffer: an integer (``__index__``), a real number (``__float__``,
    as Fraction), or something fastmath does not read."""
    if hasattr(type(value), "__index__"):
        try:
            integer = operator.index(value)  # type: ignore[arg-type]
        except Exception:  # a broken __index__: not an integer after all
            _invalid(words, pieces, TYPE, text=type(value).__name__)
        else:
            _int(integer, words, pieces)
        return
    try:
        number = float(value)  # type: ignore[arg-type]
    except Exception:  # any failure means "not a real number", as PyFloat_AsDouble in C
        name = _dtype_name(value)
        if name is not None:
            words += (STR, len(pieces))
            pieces.append(name)
        else:
            _invalid(words, pieces, TYPE, text=type(value).__name__)
    else:
        words += (FLOAT, number)


def _dtype_name(value: object) -> str | None:
    """The name of a type (``int``, ``numpy.float32``) or of a numpy dtype, which a ``dtype``
    parameter reads as a str (as the native backend does); None for anything else."""
    if isinstance(value, type):
        return value.__name__
    module = type(value).__module__
    if module == "numpy.dtypes" or (module == "numpy" and type(value).__name__ == "dtype"):
        return str(value.name)  # type: ignore[attr-defined]
    return None


def _address(value: object, view: memoryview, keep: list) -> int | None:
    """The address in Python's memory of the first element of ``value``'s buffer, when Python
    can tell it: an ``array.array``, a numpy array, or a C-contiguous memoryview of a whole
    one of those. None otherwise (the buffer is then gathered). The array interface goes into
    ``keep``: a numpy scalar's makes a temporary array, alive only as long as that dict."""
    obj = value.obj if type(value) is memoryview else value
    if type(obj) is array:
        address, n = obj.buffer_info()
        whole = n * obj.itemsize
    else:
        interface = getattr(obj, "__array_interface__", None)
        if interface is None:
            return None
        keep.append(interface)
        if obj is value:
            return interface["data"][0]  # its own strides describe it
        if interface.get("strides") is not None:
            return None
        address, whole = interface["data"][0], obj.nbytes  # type: ignore[attr-defined]
    if obj is not value and not (view.c_contiguous and view.nbytes == whole):
        return None
    return address


def _buffer(value, view: memoryview, words: list, pieces: list, arrays: list, keep: list) -> bool:
    if view.suboffsets and any(s >= 0 for s in view.suboffsets):
        _invalid(words, pieces, INDIRECT)
        return False
    shape, size, nbytes = view.shape or (), view.itemsize, view.nbytes
    address = _address(value, view, keep)
    strides, low, span = None, 0, nbytes
    if address is not None and nbytes and not view.c_contiguous:
        strides = view.strides or ()
        low = high = 0
        for n, stride in zip(shape, strides, strict=True):
            if stride < 0:
                low += (n - 1) * stride
            else:
                high += (n - 1) * stride
        span = high - low + size
        if span > 2 * nbytes + 64:  # a sparse view: gathering reads less
            address, strides, low, span = None, None, 0, nbytes
    if address is None:
        data = array("B", view.tobytes())  # C order, one copy
        keep.append(data)
        address = data.buffer_info()[0]
    # Native float64 by its code; any other format crosses as text, for Rust to read.
    f64 = view.format in _F64_FORMATS
    code, piece = (F64, -1) if f64 else (-1, len(pieces))
    if not f64:
        pieces.append(view.format)
    arrays.append((len(words), tuple(shape), strides is None))
    words += (ARRAY, code, piece, view.itemsize, len(shape), 0 if strides is None else 1)
    words += (address + low, span, -low, 0, *shape, *(strides or ()))
    return is_numpy(value)


def _children(item: object):
    """The items of a nested sequence (a list, a tuple, or the rows of a buffer of one or more
    dimensions), or None for anything else."""
    if isinstance(item, _SEQUENCES):
        # A subclass is read through its iterator: its __len__ may lie.
        if type(item) in _SEQUENCES:
            return item
        try:
            return list(item)
        except Exception:  # an iterator that fails: not readable as a sequence
            return None
    if isinstance(item, _TEXT) or isinstance(item, (int, float)):
        return None
    try:
        view = memoryview(item)  # type: ignore[arg-type]
        return view.tolist() if view.ndim else None
    except (TypeError, BufferError, NotImplementedError, ValueError):
        return None


def _sequence(seq: list | tuple, words: list, pieces: list, arrays: list, keep: list) -> None:
    """A list/tuple as a C-contiguous array: flat in one C call when it holds only plain
    numbers, else level by level (each level's items must all be sequences of one length, or
    all numbers)."""
    seq = _children(seq)
    if seq is None:
        _invalid(words, pieces, SEQUENCE, text="iterating over it failed")
        return
    level, dims = seq, [len(seq)]
    # The item types of a flat list, found once: at some 90 ns per item in Pyodide, this scan
    # is a third of a small list's conversion, so _pack reuses it.
    types = set(map(type, seq))
    if not types <= _KINDS.keys():  # nested, or numbers of other types
        types = None
        level, dims = [seq], []
        while (first := _children(level[0])) is not None:
            if len(dims) == MAX_NDIM:
                _invalid(words, pieces, TOO_DEEP)
                return
            n, rows = len(first), []
            for index, item in enumerate(level):
                items = item if type(item) in _SEQUENCES else _children(item)
                if items is None or len(items) != n:
                    _invalid(words, pieces, RAGGED, len(dims) - 1, index)
                    return
                rows.append(items)
            dims.append(n)
            level = list(chain.from_iterable(rows))
            if not level:
                break
    packed = _pack(level, len(dims) - 1, words, pieces, types)
    if packed is None:
        return
    code, data = packed
    shape = tuple(dims)
    count = 1
    for n in shape:
        count *= n
    if len(data) != count:  # an item's __float__ changed the lists while they were read
        _invalid(words, pieces, SEQUENCE, text="it changed size while it was read")
        return
    keep.append(data)
    address, n = data.buffer_info()
    arrays.append((len(words), shape, True))
    size = data.itemsize
    words += (ARRAY, code, -1, size, len(shape), 0, address, size * n, 0, 0, *shape)


def _kinds(level: list, types: set | None = None) -> int:
    """Which kinds of number the items of ``level`` are (bits): an int subclass is an int, a
    complex number that is not real (``numpy.complex64``, by the ``numbers`` ABCs) a complex,
    anything else a float (read by ``__float__``, as the native backend reads it; what has none is
    refused when packed).
    ``types``: the set of the items' types, when known."""
    mask = 0
    for kind in set(map(type, level)) if types is None else types:
        bit = _KINDS.get(kind)
        if bit is None:
            bit = _INT if issubclass(kind, int) else _FLOAT
            if issubclass(kind, Complex) and not issubclass(kind, Real):
                bit = _COMPLEX
        mask |= bit
    return mask


def _pack(
    level: list, depth: int, words: list, pieces: list, types: set | None = None
) -> tuple[int, array] | None:
    """``(dtype code, array)`` of the numbers of ``level`` (the innermost level, C order), or
    None when one is refused (its InputError is in ``words``). An int beyond int64 is read as
    uint64 (with the int kind's bit moved to that kind), one beyond uint64 is refused, as
    numpy 2 gives an object array for it."""
    mask = _kinds(level, types)
    if mask & _INT and mask & _FLOAT:
        # Mixed with floats, ints are packed as floats: check first that numpy would not
        # have refused one (it does not overflow a float, so packing would not tell).
        for index, item in enumerate(level):
            if type(item) is int and not -_INT64 <= item < _UINT64:
                _invalid(words, pieces, ELEMENT_TOO_LARGE, index)
                return None
    code = _rt.ready().list_dtypes[mask]
    if mask & _COMPLEX:
        return _pack_complex(code, level, depth, words, pieces)
    try:
        if types == _FLOATS and len(level) >= _CHUNK:
            return code, _doubles(level)
        return code, array(_TYPECODES[code], level)
    except OverflowError:
        if mask & _FLOAT or not mask & _INT:
            return _bad_element(level, depth, words, pieces)
    except Exception:  # any failure of an item's __float__/__index__ refuses that item
        return _bad_element(level, depth, words, pieces)
    # Ints beyond int64: uint64 if every int is beyond it, float64 if some are not.
    small = False
    for index, item in enumerate(level):
        if type(item) is bool:
            continue
        try:
            value = operator.index(item)
        except Exception:  # not an integer after all
            return _bad_element(level, depth, words, pieces)
        if not -_INT64 <= value < _UINT64:
            _invalid(words, pieces, ELEMENT_TOO_LARGE, index)
            return None
        small = small or value < _INT64
    mask |= _UINT
    if not small:
        mask &= ~_INT
    code = _rt.ready().list_dtypes[mask]
    try:
        return code, array(_TYPECODES[code], level)
    except Exception:  # an item that changed as it was read
        return _bad_element(level, depth, words, pieces)


def _doubles(floats: list | tuple) -> array:
    """``array("d", floats)`` of a list of Python floats (exactly ``float``: reading one runs no
    Python code), packed by ``struct`` in chunks: both read each item with
    ``PyFloat_AsDouble``, but array's item assignment parses a format per item, twice the
    cost in Pyodide (~22 against ~10 ns per item)."""
    n = len(floats)
    data = _ZERO * n
    whole = n - n % _CHUNK
    for at in range(0, whole, _CHUNK):
        _PACK_CHUNK(data, 8 * at, *floats[at : at + _CHUNK])
    if whole < n:
        struct.pack_into(f"={n - whole}d", data, 8 * whole, *floats[whole:])
    return data


def _pack_complex(code: int, level: list, depth: int, words: list, pieces: list):
    """``(complex128 code, array("d") of (real, imaginary) pairs)`` of a level holding a
    Python complex (its other numbers get a zero imaginary part), or None when an item is not
    a number (its InputError is in ``words``)."""
    pairs = array("d")
    try:
        for item in level:
            c = complex(item)
            pairs.append(c.real)
            pairs.append(c.imag)
    except Exception:  # an item that is not a number, or one too large for a float
        return _bad_element(level, depth, words, pieces)
    return code, _Pairs(pairs)


class _Pairs:
    """An ``array("d")`` of pairs seen as ``len(pairs) // 2`` complex items (what ``_sequence``
    counts and addresses)."""

    __slots__ = ("itemsize", "pairs")

    def __init__(self, pairs: array) -> None:
        self.pairs = pairs
        self.itemsize = 16

    def __len__(self) -> int:
        return len(self.pairs) // 2

    def buffer_info(self) -> tuple[int, int]:
        return self.pairs.buffer_info()[0], len(self.pairs) // 2


def _bad_element(level: list, depth: int, words: list, pieces: list) -> None:
    """The first item of the innermost level that is not a real number, as its InputError;
    None."""
    for index, item in enumerate(level):
        if _children(item) is not None:
            _invalid(words, pieces, RAGGED, depth, index)
            return
        try:
            _PROBE[0] = item
        except OverflowError:
            if isinstance(item, int):
                _invalid(words, pieces, ELEMENT_TOO_LARGE, index)
            else:
                _invalid(words, pieces, ELEMENT, index, text=type(item).__name__)
            return
        except Exception:  # as PyFloat_AsDouble: any failure means "not a real number"
            _invalid(words, pieces, ELEMENT, index, text=type(item).__name__)
            return
    # Every item converts on its own: the sequence changed while it was read.
    _invalid(words, pieces, SEQUENCE, text="it changed while it was read")
