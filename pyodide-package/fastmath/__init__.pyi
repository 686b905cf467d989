"""Type stubs for fastmath's public API.

Array results are numpy arrays when an array argument was a numpy array, otherwise
``array.array("d")``. Either supports the buffer protocol and ``.tolist()``.
"""

from array import array
from collections.abc import Buffer, Sequence
from typing import Any, Final, Literal, SupportsFloat, SupportsIndex, TypeAlias, overload

#: A single real number.
Scalar: TypeAlias = SupportsFloat | SupportsIndex
#: A 1-D run of real numbers: any numeric buffer (numpy array, array.array, memoryview) or a
#: list/tuple of numbers. C-contiguous float64 buffers are read in place.
Vector: TypeAlias = Buffer | Sequence[Scalar]
#: ``array.array("d")`` or, for numpy input, a float64 ``numpy.ndarray``.
ArrayResult: TypeAlias = array[float] | Any

__version__: Final[str]
backend: Final[Literal["native", "wasm"]]

class LinAlgError(ValueError):
    """Singular or not positive definite matrix input (a ValueError)."""

@overload
def square(x: float | int, /) -> float: ...
@overload
def square(x: Vector, /) -> ArrayResult: ...
def sum(x: Scalar | Vector, /) -> float:
    """Compensated (Neumaier) sum: ``sum([1e16, 1.0, -1e16]) == 1.0``."""

def mean(x: Scalar | Vector, /) -> float:
    """Arithmetic mean; ``nan`` for empty input."""

@overload
def dot(x: Vector, y: Vector, /) -> float: ...
@overload
def dot(x: Scalar, y: Scalar, /) -> float: ...
@overload
def dot(x: Scalar, y: Vector, /) -> ArrayResult: ...
@overload
def dot(x: Vector, y: Scalar, /) -> ArrayResult: ...
