"""``fastmath._wasm``: the universal backend, fastmath's function table compiled with
wasm-bindgen (``rust/fastmath-wasm``).

Runs on any Pyodide (>= 0.21) in node, browsers and Web Workers, independent of the
interpreter's ABI. Importing it compiles nothing: the module is compiled and instantiated on
the first call, synchronously where the host allows; otherwise ``await init()`` first (see
``_loader``).

Every function is the same generic closure: ``fastmath.<name>`` is
``_call.bind(<index of name in _api.FUNCTIONS>, <its signature>)``, found here under its full
table name (``fft.fftfreq`` for ``fastmath.fft.fftfreq``). The module binds the arguments
to the function's parameters, checks them and words every error, exactly as the native backend
does (both run fastmath-api's table); names, signatures and docstrings come from ``_api``.
``inspect`` reads ``__text_signature__`` of builtins only, so each closure also gets the
``__signature__`` parsed from that text: without it, ``inspect.signature`` and ``help()`` would
show the closure's ``(*args, **kwargs)``.
"""

import ast as _ast
import inspect as _inspect

from fastmath import _api
from fastmath._wasm._call import bind as _bind
from fastmath._wasm._loader import RUNTIME as _RUNTIME
from fastmath._wasm._loader import init


def get_num_threads() -> int:
    """The number of threads a call uses (see ``fastmath.get_num_threads``)."""
    return _RUNTIME.threads()


def set_num_threads(n: int) -> int:
    """Uses ``n`` threads where the engine allows (see ``fastmath.set_num_threads``)."""
    return _RUNTIME.set_threads(n)


__version__: str = _RUNTIME.version


def _parsed(arguments: _ast.arguments) -> _inspect.Signature:
    """The signature of a parsed parameter list. The table's signatures use positional-only,
    ordinary and keyword-only parameters with literal defaults, nothing else."""
    P = _inspect.Parameter
    positional = [(a, P.POSITIONAL_ONLY) for a in arguments.posonlyargs]
    positional += [(a, P.POSITIONAL_OR_KEYWORD) for a in arguments.args]
    defaults = [None] * (len(positional) - len(arguments.defaults)) + arguments.defaults
    given = zip(
        positional + [(a, P.KEYWORD_ONLY) for a in arguments.kwonlyargs],
        defaults + arguments.kw_defaults,
        strict=True,
    )
    return _inspect.Signature(
        [
            P(a.arg, kind, default=P.empty if d is None else _ast.literal_eval(d))
            for (a, kind), d in given
        ]
    )


def _signatures() -> dict[str, _inspect.Signature]:
    """Each function's ``inspect.Signature`` from its text in ``_api``, in one parse (the
    stubs are named by index: a submodule's function has a dot in its name)."""
    stubs = "\n".join(
        f"def f{i}{_api.SIGNATURES[name]}: pass" for i, name in enumerate(_api.FUNCTIONS)
    )
    parsed = [_parsed(stub.args) for stub in _ast.parse(stubs).body]
    return dict(zip(_api.FUNCTIONS, parsed, strict=True))


def _function(index: int, name: str, parsed: _inspect.Signature):
    """Function ``name`` of the table; ``fft.fftfreq`` is ``fftfreq`` of ``fastmath.fft``."""
    module, _, short = name.rpartition(".")
    signature = _api.SIGNATURES[name]
    function = _bind(index, signature)
    function.__name__ = function.__qualname__ = short
    function.__module__ = f"fastmath.{module}" if module else "fastmath"
    function.__text_signature__ = signature  # type: ignore[attr-defined]
    function.__signature__ = parsed  # type: ignore[attr-defined]
    function.__doc__ = f"{short}{signature}\n\n{_api.DOCS[name]}"
    return function


_SIGNATURES = _signatures()
globals().update(
    {name: _function(i, name, _SIGNATURES[name]) for i, name in enumerate(_api.FUNCTIONS)}
)

__all__ = ["__version__", "get_num_threads", "init", "set_num_threads", *_api.FUNCTIONS]
