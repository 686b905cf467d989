"""Exception classes shared by all backends."""

import sys


class LinAlgError(ValueError):
    """A linear-algebra input has no answer: a singular matrix, or one that is not positive
    definite, or no square matrix. A ValueError, so ``except ValueError`` catches it too (as
    ``numpy.linalg.LinAlgError`` is). When numpy is loaded, the exception raised is also an
    instance of ``numpy.linalg.LinAlgError`` (see ``compatible``)."""


class AxisError(ValueError, IndexError):
    """An ``axis`` argument the array does not have ("axis 2 is out of bounds for array of
    dimension 2"). A ValueError and an IndexError, as ``numpy.exceptions.AxisError``; when
    numpy is loaded, the exception raised is also an instance of that class (see
    ``compatible``)."""


#: numpy's class of each of ours: (module, attribute).
_NUMPY = {LinAlgError: ("linalg", "LinAlgError"), AxisError: ("exceptions", "AxisError")}
#: Ours and numpy's class combined, by our class, made on first use.
_COMBINED: dict[type, type] = {}


def compatible(cls: type) -> type:
    """The class both backends raise for ``cls``. For ``LinAlgError`` and ``AxisError``, when
    the user's program has loaded numpy, a subclass of ours and of numpy's class of the same
    name, so that code written for numpy (``except numpy.linalg.LinAlgError``) catches
    fastmath's errors as it catches numpy's, and ``except fastmath.LinAlgError`` still does.
    numpy is never imported here (``import fastmath`` must stay cheap in Pyodide): without
    it, and for every other class, ``cls`` itself."""
    found = _COMBINED.get(cls)
    if found is not None:
        return found
    numpy = sys.modules.get("numpy")
    where = _NUMPY.get(cls)
    if numpy is None or where is None:
        return cls
    try:
        theirs = getattr(getattr(numpy, where[0]), where[1])
    except AttributeError:  # numpy still being imported, or too old to have the class
        return cls
    found = _COMBINED[cls] = type(
        cls.__name__, (cls, theirs), {"__module__": cls.__module__, "__doc__": cls.__doc__}
    )
    return found
