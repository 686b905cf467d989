"""``fastmath._wasm``: the universal backend, fastmath's function table compiled with
wasm-bindgen (``rust/fastmath-wasm``).

Runs on any Pyodide (>= 0.21) in node, browsers and Web Workers, independent of the
interpreter's ABI. Importing it compiles nothing: the module is compiled and instantiated on
the first call, synchronously where the host allows; otherwise ``await init()`` first (see
``_loader``).

Every function is the same generic wrapper: ``fastmath.<name>(*args, **kwargs)`` is
``_call.call(<index of name in _api.FUNCTIONS>, args, kwargs)``. The module binds the arguments
to the function's parameters, checks them and words every error, exactly as the native backend
does (both run fastmath-api's table); names, signatures and docstrings come from ``_api``.
"""

from fastmath import _api
from fastmath._wasm._call import LANES as _LANES
from fastmath._wasm._call import call as _dispatch
from fastmath._wasm._loader import RUNTIME as _RUNTIME
from fastmath._wasm._loader import init

__version__: str = _RUNTIME.version


def _function(index: int, name: str):
    def function(*args, **kwargs):
        # One or two floats: the runtime's float-in float-out lanes, when the answer is a
        # float that JS hands over intact (not NaN, not an integral zero that was maybe -0.0).
        if _LANES and not kwargs:
            n = len(args)
            if n == 1 and type(args[0]) is float:
                result = _LANES[0](index, args[0])
            elif n == 2 and type(args[0]) is float and type(args[1]) is float:
                result = _LANES[1](index, *args)
            else:
                return _dispatch(index, args, kwargs)
            if result and result == result:
                return float(result)
        return _dispatch(index, args, kwargs)

    function.__name__ = function.__qualname__ = name
    function.__module__ = "fastmath"
    signature = _api.SIGNATURES[name]
    function.__text_signature__ = signature  # type: ignore[attr-defined]
    function.__doc__ = f"{name}{signature}\n\n{_api.DOCS[name]}"
    return function


globals().update({name: _function(i, name) for i, name in enumerate(_api.FUNCTIONS)})

__all__ = ["__version__", "init", *_api.FUNCTIONS]
