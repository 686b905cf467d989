"""``fastmath.ComplexArray``: complex results without numpy.

The stdlib has no complex array (``array.array`` lacks a complex typecode, and a memoryview
cannot be cast to one), so a complex result of a call without numpy arguments is this small
class on both backends. It holds its values as interleaved (real, imaginary) pairs in an
``array.array`` of float64 (``"d"``; float32 ``"f"`` for complex64), C order, and offers what
the other results offer: ``len``, indexing (a Python ``complex`` per element of a 1-D array, a
row of an N-D one), iteration, ``.shape``, ``.tolist()`` and the buffer protocol (Python 3.12+,
as in Pyodide), which exports the pairs: format ``"d"``, shape ``(*shape, 2)``.

numpy reads any buffer before other protocols, so ``numpy.asarray(r)`` of one is those float64
pairs; ``r.to_numpy()`` (or ``numpy.asarray(r).view(numpy.complex128)[..., 0]``) gives the
complex array without a copy. fastmath's functions read a ComplexArray as the complex array it
is (through ``_pairs``), wherever they take complex input.
"""

from array import array
from math import prod

__all__ = ["ComplexArray"]

_DTYPES = {"d": "complex128", "f": "complex64"}


class ComplexArray:
    """A complex128 (or complex64) array: fastmath's complex result when no argument was a
    numpy array. ``ComplexArray([1+2j, 3])`` makes a 1-D one from numbers."""

    __slots__ = ("_data", "_pairs", "shape")

    def __init__(self, values=()) -> None:
        data = array("d")
        for v in values:
            c = complex(v)
            data.append(c.real)
            data.append(c.imag)
        self._set(data, (len(data) // 2,))

    @classmethod
    def _wrap(cls, data: array, shape: tuple):
        """A result over ``data`` (``array("d")`` or ``array("f")`` of ``2 * prod(shape)``
        items, already filled or filled next by the binding): no copy."""
        self = cls.__new__(cls)
        self._set(data, tuple(shape))
        return self

    def _set(self, data: array, shape: tuple) -> None:
        self._data = data
        self.shape = shape
        # The pairs as the binding reads them: float pairs of shape (*shape, 2) (a memoryview
        # cannot have a zero in its shape: an empty array's is its empty storage, 1-D).
        view = memoryview(data)
        self._pairs = view.cast("B").cast(data.typecode, (*shape, 2)) if len(data) else view

    @property
    def dtype(self) -> str:
        """numpy's name of the dtype: ``"complex128"`` or ``"complex64"``."""
        return _DTYPES[self._data.typecode]

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def size(self) -> int:
        return prod(self.shape)

    def __buffer__(self, flags: int) -> memoryview:
        return self._pairs

    def __len__(self) -> int:
        if not self.shape:
            raise TypeError("len() of a 0-d ComplexArray")
        return self.shape[0]

    def __getitem__(self, index: int):
        n = len(self)
        i = index.__index__()
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"index {index} is out of bounds for axis 0 with size {n}")
        data = self._data
        if len(self.shape) == 1:
            return complex(data[2 * i], data[2 * i + 1])
        row = prod(self.shape[1:])
        return ComplexArray._wrap(data[2 * i * row : 2 * (i + 1) * row], self.shape[1:])

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def tolist(self):
        """Nested lists of Python ``complex``, as numpy's ``tolist``."""
        data = self._data
        flat = [complex(data[k], data[k + 1]) for k in range(0, len(data), 2)]
        if not self.shape:
            return flat[0]
        # Group the flat values level by level, innermost first: no recursion.
        for n in reversed(self.shape[1:]):
            flat = [flat[k : k + n] for k in range(0, len(flat), n)] if n else []
        return flat

    def to_numpy(self):
        """The values as a numpy array of the dtype, sharing this array's memory."""
        import numpy as np

        return np.frombuffer(self._data, dtype=self.dtype).reshape(self.shape)

    def __repr__(self) -> str:
        return f"ComplexArray({self.tolist()!r}, dtype={self.dtype})"
