"""``fastmath._wasm``: the universal backend, fastmath's function table compiled with
wasm-bindgen (``rust/fastmath-wasm``).

Runs on any Pyodide (>= 0.21) in node, browsers and Web Workers, independent of the
interpreter's ABI. Importing it compiles nothing: the module is compiled and instantiated on
the first call, synchronously where the host allows; otherwise ``await init()`` first (see
``_loader``).

Every function is the same generic closure: ``fastmath.<name>`` is
``_call.bind(<index of name in _api.FUNCTIONS>, <its signature>)``. The module binds the arguments
to the function's parameters, checks them and words every error, exactly as the native backend
does (both run fastmath-api's table); names, signatures and docstrings come from ``_api``.
"""

from fastmath import _api
from fastmath._wasm._call import bind as _bind
from fastmath._wasm._loader import RUNTIME as _RUNTIME
from fastmath._wasm._loader import init

__version__: str = _RUNTIME.version


def _function(index: int, name: str):
    signature = _api.SIGNATURES[name]
    function = _bind(index, signature)
    function.__name__ = function.__qualname__ = name
    function.__module__ = "fastmath"
    function.__text_signature__ = signature  # type: ignore[attr-defined]
    function.__doc__ = f"{name}{signature}\n\n{_api.DOCS[name]}"
    return function


globals().update({name: _function(i, name) for i, name in enumerate(_api.FUNCTIONS)})

__all__ = ["__version__", "init", *_api.FUNCTIONS]
