"""``fastmath._wasm``: the universal backend, fastmath-core compiled with wasm-bindgen.

Runs on any Pyodide (>= 0.21) in node, browsers and Web Workers, independent of the
interpreter's ABI. Importing it compiles nothing: the module is compiled and instantiated on
the first call, synchronously where the host allows; otherwise ``await init()`` first (see
``_loader``). How a call moves its data: ``_calls``.

Every name of ``fastmath._api.FUNCTIONS`` is defined here, so ``import fastmath`` always works.
Functions the WebAssembly backend does not have yet raise NotImplementedError naming
themselves: a clear failure at the call instead of an ImportError for the whole package.
"""

from fastmath import _api
from fastmath._wasm import _functions
from fastmath._wasm import _linalg as _linalg
from fastmath._wasm import _math as _math
from fastmath._wasm import _sorting as _sorting
from fastmath._wasm._functions import dot as dot
from fastmath._wasm._functions import mean as mean
from fastmath._wasm._functions import square as square
from fastmath._wasm._functions import sum as sum
from fastmath._wasm._loader import RUNTIME as _RUNTIME
from fastmath._wasm._loader import init

__version__: str = _RUNTIME.version

#: The public functions this backend implements (the rest are placeholders, see below).
IMPLEMENTED = ("square", "sum", "mean", "dot", *_functions.UNARY)
globals().update({name: getattr(_functions, name) for name in _functions.UNARY})
IMPLEMENTED += _math.PUBLIC
globals().update({name: getattr(_math, name) for name in _math.PUBLIC})
for _module in (_linalg, _sorting):
    IMPLEMENTED += tuple(_module.__all__)
    globals().update({name: getattr(_module, name) for name in _module.__all__})
del _module


def _not_yet(name: str):
    def function(*args, **kwargs):
        raise NotImplementedError(
            f"fastmath.{name} is not available on the WebAssembly backend yet "
            f"(fastmath.backend == 'wasm'); it has: {', '.join(IMPLEMENTED)}"
        )

    function.__name__ = function.__qualname__ = name
    function.__doc__ = "Not yet implemented on the WebAssembly backend: raises NotImplementedError."
    return function


for _name in _api.FUNCTIONS:
    if _name not in IMPLEMENTED:
        globals()[_name] = _not_yet(_name)
del _name

__all__ = ["IMPLEMENTED", "__version__", "init", *_api.FUNCTIONS]
