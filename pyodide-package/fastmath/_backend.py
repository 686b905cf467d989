"""Choosing the implementation behind fastmath's API.

``native`` is the PyO3 extension ``fastmath._native``, compiled for exactly this interpreter
(Pyodide 314, or host CPython). The universal module ``fastmath._wasm`` (wasm-bindgen, one
``.wasm`` for every Pyodide) is ``wasm`` in Pyodide, where the browser's or node's engine runs it,
and ``wasmtime`` in desktop CPython, where the wasmtime package runs the same file. ``auto`` (the
default) takes native when it imports, else the universal module.
``FASTMATH_BACKEND=native|wasm|wasmtime|auto`` overrides the choice, for tests and benchmarks
(``wasm`` and ``wasmtime`` both mean the universal module, each only where its engine exists).
In Pyodide the native extension comes in two builds, chosen by ``fastmath._simd_loader``.
"""

import os
import sys
from types import ModuleType

from fastmath import _simd_loader

CHOICES = ("auto", "native", "wasm", "wasmtime")
#: The universal module's backend name on this interpreter.
UNIVERSAL = "wasm" if sys.platform == "emscripten" else "wasmtime"


def load() -> tuple[str, ModuleType]:
    """Returns ``(name, module)`` of the backend to use."""
    choice = os.environ.get("FASTMATH_BACKEND", "auto").strip().lower() or "auto"
    if choice not in CHOICES:
        raise ImportError(f"FASTMATH_BACKEND={choice!r} is not one of {', '.join(CHOICES)}")
    if choice in ("wasm", "wasmtime") and choice != UNIVERSAL:
        where = "Pyodide" if choice == "wasm" else "desktop CPython (outside Pyodide)"
        raise ImportError(
            f"FASTMATH_BACKEND={choice}: that backend runs in {where} only; "
            f"here the universal module runs as {UNIVERSAL!r}"
        )
    if choice in ("auto", "native"):
        try:
            _native = _simd_loader.load()
        except ImportError:
            if choice == "native":
                raise
        else:
            return "native", _native
    try:
        from fastmath import _wasm  # type: ignore[attr-defined]
    except ImportError as err:
        raise ImportError(
            "fastmath has no backend for this interpreter: the native extension does not "
            f"match it and the universal backend cannot load ({err})"
        ) from err
    return UNIVERSAL, _wasm
