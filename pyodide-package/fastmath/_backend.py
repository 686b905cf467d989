"""Choosing the implementation behind fastmath's API.

``native`` is the PyO3 extension ``fastmath._native``, compiled for exactly this interpreter
(Pyodide 314, or host CPython). ``wasm`` is the universal wasm-bindgen module ``fastmath._wasm``,
which runs on any Pyodide version. ``auto`` (the default) takes native when it imports.
``FASTMATH_BACKEND=native|wasm|auto`` overrides the choice, for tests and benchmarks.
In Pyodide the native extension comes in two builds, chosen by ``fastmath._simd_loader``.
"""

import os
from types import ModuleType

from fastmath import _simd_loader

CHOICES = ("auto", "native", "wasm")


def load() -> tuple[str, ModuleType]:
    """Returns ``(name, module)`` of the backend to use."""
    choice = os.environ.get("FASTMATH_BACKEND", "auto").strip().lower() or "auto"
    if choice not in CHOICES:
        raise ImportError(f"FASTMATH_BACKEND={choice!r} is not one of {', '.join(CHOICES)}")
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
            "match it and the universal (wasm) backend is not installed"
        ) from err
    return "wasm", _wasm
