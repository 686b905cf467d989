"""numpy 2's named tuples of tuple results (``QRResult``, ``SVDResult``, ``EighResult``): one class
per entry of the generated ``_api.RESULTS``, which the function table declares
(``Function::named``). Both backends return a function's tuple result as ``wrap(name, items)``,
so ``fastmath.qr(a).Q`` works as numpy's does and unpacking still does."""

from collections import namedtuple

from fastmath import _api

#: The classes by class name: ``QRResult`` ...
CLASSES = {
    cls: namedtuple(cls, fields, module="fastmath") for cls, fields in set(_api.RESULTS.values())
}
#: The class of each function whose tuple results are named.
BY_FUNCTION = {function: CLASSES[cls] for function, (cls, _) in _api.RESULTS.items()}
