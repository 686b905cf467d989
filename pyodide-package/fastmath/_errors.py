"""Exception classes shared by all backends."""


class LinAlgError(ValueError):
    """A linear-algebra input has no answer: a singular matrix, or one that is not positive
    definite. A ValueError, so ``except ValueError`` catches it too (as ``numpy.linalg``'s
    ``LinAlgError`` is not, but our users asked for one class to catch)."""


class AxisError(ValueError, IndexError):
    """An ``axis`` argument the array does not have ("axis 2 is out of bounds for array of
    dimension 2"). A ValueError and an IndexError, as ``numpy.exceptions.AxisError``."""
