"""Reading Python arguments as float64 data, with the native backend's rules and messages.

Mirrors ``rust/fastmath-py/src/input/``: a number is a scalar; a list/tuple (flat, or nested
one level for rows) or a numeric buffer of one or two dimensions (any real dtype, strides,
byte order) is an array; a 0-d buffer is a scalar; str, bytes, bytearray and complex are
refused with TypeError; deeper nesting and ragged rows with ValueError. Every message starts
with the argument's name, exactly as the native backend words it.

An array comes back as ``(data, length, is_numpy, shape)``: ``data`` is a C-contiguous buffer
of native float64 in row-major order (the caller's own memory when it already has that layout,
else one ``array.array("d")`` built in C) that the loader copies into wasm memory in one step;
``shape`` is ``(n,)`` or ``(rows, cols)``.
"""

import struct
import sys
from array import array

#: Formats (after the byte-order prefix) of real numbers, by kind.
#: As PyO3's ``ElementType::from_format`` (what the native backend uses): "c" is an unsigned
#: byte, and "n"/"N" (ssize_t/size_t) exist only without an explicit byte order.
_SIGNED = frozenset("bhilqn")
_UNSIGNED = frozenset("cBHILQN")
_NATIVE_ONLY = frozenset("nN")
_FLOATS = frozenset("efd")
#: struct codes with standard sizes, by kind and item size.
_CODES = {
    ("i", 1): "b",
    ("i", 2): "h",
    ("i", 4): "i",
    ("i", 8): "q",
    ("u", 1): "B",
    ("u", 2): "H",
    ("u", 4): "I",
    ("u", 8): "Q",
    ("f", 2): "e",
    ("f", 4): "f",
    ("f", 8): "d",
    ("?", 1): "?",
}
#: Formats that are already native float64 on this (little-endian) machine.
#: WebAssembly is always little-endian.
_NATIVE_F64 = frozenset(("d", "@d", "=d", "<d"))
_SWAPPED_PREFIXES = (">", "!")


def type_name(obj: object) -> str:
    return type(obj).__name__


def is_numpy(obj: object) -> bool:
    """Whether ``obj`` is a numpy array, without importing numpy (only if the user did)."""
    numpy = sys.modules.get("numpy")
    return numpy is not None and isinstance(obj, numpy.ndarray)


def arg(obj: object, name: str):
    """``obj`` as a float, or as ``(data, length, is_numpy)`` for a vector."""
    if type(obj) is float:
        return obj
    if type(obj) is array and obj.typecode == "d":
        # The common vector: already native float64 and contiguous, copied as it is.
        return obj, len(obj), False, (len(obj),)
    if isinstance(obj, float):
        return float(obj)
    if isinstance(obj, (str, bytes, bytearray)):
        raise TypeError(f"{name}: expected a number or an array of numbers, got {type_name(obj)}")
    view = _memoryview(obj, name)
    if view is not None:
        return _from_buffer(obj, view, name)
    if isinstance(obj, (list, tuple)):
        return _from_sequence(obj, name)
    if isinstance(obj, complex):
        raise TypeError(f"{name}: complex numbers are not supported")
    value = _as_real(obj)
    if value is None:
        raise TypeError(
            f"{name}: expected a number, a list/tuple of numbers or a numeric buffer, "
            f"got {type_name(obj)}"
        )
    return value


def _memoryview(obj: object, name: str) -> memoryview | None:
    """A view of ``obj``'s buffer, or None when it exports none."""
    if isinstance(obj, (int, list, tuple)):
        return None
    try:
        return memoryview(obj)
    except TypeError:
        return None
    except BufferError as err:
        raise TypeError(f"{name}: cannot read its buffer: BufferError: {err}") from None


def _as_real(obj: object) -> float | None:
    """``obj`` via ``__float__``/``__index__`` (as CPython's ``PyFloat_AsDouble``), or None.
    Callers have ruled out str/bytes, so ``float()`` never parses text here."""
    try:
        return float(obj)  # type: ignore[arg-type]
    except Exception:  # any failure means "not a real number", as in C
        return None


def _is_nested(item: object) -> bool:
    return isinstance(item, (list, tuple)) or _has_buffer(item)


def _from_sequence(seq: list | tuple, name: str):
    if seq and _is_nested(seq[0]):
        return _rows(seq, name)
    # array("d", seq) converts in C with PyFloat_AsDouble per item: the fast, common path.
    try:
        return array("d", seq), len(seq), False, (len(seq),)
    except (TypeError, ValueError, OverflowError):
        pass
    # Something is wrong: find the first bad element and word the error as native does.
    values = array("d")
    for index, item in enumerate(seq):
        if _is_nested(item):
            raise ValueError(
                f"{name}: ragged nested sequence: element {index} is a sequence "
                "but element 0 is a number"
            )
        values.append(_element(item, name, index))
    return values, len(seq), False, (len(seq),)


def _rows(seq: list | tuple, name: str):
    """A list of rows: each row is read as an argument named ``name[i]`` and must be 1-D."""
    data, cols = array("d"), None
    for i, row in enumerate(seq):
        value = arg(row, f"{name}[{i}]")
        if type(value) is float:
            raise ValueError(
                f"{name}: ragged nested sequence: element {i} is a number "
                "but element 0 is a sequence"
            )
        row_data, n, _, shape = value
        if len(shape) != 1:
            raise ValueError(
                f"{name}: expected at most 2 dimensions, got a sequence nested more than 2 deep"
            )
        if cols is None:
            cols = n
        elif n != cols:
            raise ValueError(
                f"{name}: ragged nested sequence: row {i} has length {n}, row 0 has length {cols}"
            )
        data.frombytes(memoryview(row_data).cast("B"))
    rows, cols = len(seq), cols or 0
    return data, rows * cols, False, (rows, cols)


def _element(item: object, name: str, index: int) -> float:
    """One list element as a float, or the native backend's exception for it."""
    if isinstance(item, float):
        return float(item)
    if isinstance(item, (str, complex)):
        raise TypeError(f"{name}: element {index} is {type_name(item)}, expected a real number")
    value = _as_real(item)
    if value is None:
        if isinstance(item, int):
            raise ValueError(f"{name}: element {index} is an int too large to convert to float")
        raise TypeError(f"{name}: element {index} is {type_name(item)}, expected a real number")
    return value


def _has_buffer(obj: object) -> bool:
    try:
        memoryview(obj)  # type: ignore[arg-type]
    except (TypeError, BufferError):
        return False
    return True


def _element_code(view: memoryview) -> tuple[str, bool] | None:
    """``(struct code with standard size, byte-swapped?)`` of a real element format, or None."""
    fmt = view.format
    swapped = fmt.startswith(_SWAPPED_PREFIXES)
    standard = fmt[:1] in ("=", "<", ">", "!")
    base = fmt[1:] if standard or fmt[:1] == "@" else fmt
    if standard and base in _NATIVE_ONLY:
        return None
    if base == "?":
        kind = "?"
    elif base in _SIGNED:
        kind = "i"
    elif base in _UNSIGNED:
        kind = "u"
    elif base in _FLOATS:
        kind = "f"
    else:
        return None
    code = _CODES.get((kind, view.itemsize))
    return None if code is None else (code, swapped)


def _from_buffer(obj: object, view: memoryview, name: str):
    element = _element_code(view)
    if element is None:
        raise TypeError(
            f'{name}: unsupported element format "{view.format}": '
            "expected real numbers (bool, int, float)"
        )
    if view.suboffsets and any(s >= 0 for s in view.suboffsets):
        raise TypeError(f"{name}: indirect (PIL-style) buffers are not supported")
    if view.ndim == 0:
        return float(_unpack(element, 1, view.tobytes())[0])
    if view.ndim > 2:
        raise ValueError(
            f"{name}: expected at most 2 dimensions, got a {view.ndim}-D array "
            f"of shape {list(view.shape)}"
        )
    shape = tuple(view.shape)
    length = shape[0] if view.ndim == 1 else shape[0] * shape[1]
    numpy = is_numpy(obj)
    if view.format in _NATIVE_F64 and view.c_contiguous:
        # Read in place: the loader copies straight from the caller's memory into wasm memory.
        return (view if view.ndim == 1 else view.cast("B").cast("d")), length, numpy, shape
    # tobytes() gathers strided data into C (row-major) order, in C.
    raw = view.tobytes()
    if element[0] == "d":
        data = array("d")
        data.frombytes(raw)
        if element[1]:
            data.byteswap()
        return data, length, numpy, shape
    return array("d", _unpack(element, length, raw)), length, numpy, shape


def _unpack(element: tuple[str, bool], count: int, raw: bytes) -> tuple:
    """Items of ``raw`` as Python numbers. WebAssembly is little-endian, so "not swapped" is
    ``<`` and swapped is ``>``; the struct codes have standard sizes."""
    code, swapped = element
    return struct.unpack(f"{'>' if swapped else '<'}{count}{code}", raw)


def result_is_numpy(shape: tuple, numpy: bool) -> bool:
    """Whether a result of ``shape`` must be a numpy array, as the native ``OutArray::new``
    decides: when an input was numpy, and for an empty 2-D result, which a memoryview cannot
    represent (no zeros in its shape); without numpy that is a ValueError saying so."""
    if numpy or len(shape) != 2 or (shape[0] and shape[1]):
        return numpy
    try:
        import numpy as _numpy  # noqa: F401
    except ImportError:
        raise ValueError(
            f"the result would be a 2-D array of shape ({shape[0]}, {shape[1]}), which needs "
            "numpy (not installed): a memoryview cannot have a zero in its shape"
        ) from None
    return True
