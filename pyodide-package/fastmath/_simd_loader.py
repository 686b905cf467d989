"""Importing the native extension, in its relaxed-SIMD build where the engine validates it.

The Pyodide wheel carries the extension twice: ``_native.cpython-314-wasm32-emscripten.so``
(wasm SIMD, runs in every engine Pyodide supports) and ``_native_relaxed.wasm-so``, the same
extension built with relaxed SIMD as well, whose matrix product does one ``f64x2.relaxed_madd``
per multiply-add. An engine validates a module as a whole, so one relaxed instruction makes the
whole module fail where relaxed SIMD is missing (node 20); hence two modules and a choice here,
asked of the engine with a 37-byte probe module. The second file's name does not end in ``.so``
because Pyodide's installer preloads every ``.so`` of a wheel, and a failing preload would break
the install itself.

``FASTMATH_SIMD`` overrides the choice: ``simd128`` always takes the first module (the same bits
in every engine: relaxed multiply-add is fused or not as the hardware allows), ``relaxed-simd``
requires the second (an ImportError if it cannot be loaded, for tests), ``auto`` (the default)
takes the second when the engine validates it and falls back to the first on any error, keeping
the error in ``outcome.relaxed_error``.
"""

import importlib.machinery
import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

CHOICES = ("auto", "simd128", "relaxed-simd")
RELAXED_FILE = "_native_relaxed.wasm-so"
MODULE_NAME = "fastmath._native"


@dataclass
class Outcome:
    """What :func:`load` chose."""

    #: Which build of the native extension was imported: ``"relaxed-simd"`` or ``"simd128"`` in
    #: Pyodide, ``None`` on a host CPython (no wasm) or before the import.
    simd: str | None = None
    #: Why the relaxed build was not taken although it was tried (``None`` otherwise).
    relaxed_error: BaseException | None = None


outcome = Outcome()

# (module (func (param v128 v128 v128) (result v128)
#   local.get 0 local.get 1 local.get 2 f64x2.relaxed_madd))
RELAXED_PROBE = bytes.fromhex(
    "0061736d01000000"  # magic, version 1
    "0108016003 7b7b7b 017b"  # type section: (v128, v128, v128) -> v128
    "03020100"  # function section: one function of type 0
    "0a0d010b00 2000 2001 2002 fd8702 0b"  # code: no locals, 3 x local.get, relaxed_madd, end
)


def engine_has_relaxed_simd() -> bool:
    """Whether this JavaScript engine validates a module using relaxed SIMD."""
    from js import WebAssembly  # type: ignore[import-not-found]
    from pyodide.ffi import to_js  # type: ignore[import-not-found]

    return bool(WebAssembly.validate(to_js(RELAXED_PROBE)))


def load_extension(path: Path) -> ModuleType:
    """Imports the extension file at ``path`` as ``fastmath._native`` (its init function is
    ``PyInit__native`` whatever the file is called). Emscripten's dlopen compiles it
    synchronously, which a Chromium main thread allows up to 8 MB."""
    loader = importlib.machinery.ExtensionFileLoader(MODULE_NAME, str(path))
    spec = importlib.util.spec_from_file_location(MODULE_NAME, path, loader=loader)
    if spec is None:
        raise ImportError(f"no import spec for {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[MODULE_NAME] = module
    try:
        loader.exec_module(module)
    except BaseException:
        del sys.modules[MODULE_NAME]
        raise
    return module


def relaxed_unavailable(path: Path) -> str | None:
    """Why the relaxed build at ``path`` cannot be tried here, or ``None`` when it can."""
    if sys.platform != "emscripten":
        return "not running in Pyodide"
    if not path.is_file():
        return f"this wheel has no {path.name}"
    if not engine_has_relaxed_simd():
        return "this engine does not validate relaxed SIMD"
    return None


def load() -> ModuleType:
    """Returns ``fastmath._native``, the relaxed-SIMD build where chosen (see the module docs).
    Raises ImportError only where ``from fastmath import _native`` would, or when
    ``FASTMATH_SIMD=relaxed-simd`` cannot be honoured; ValueError for another unknown value."""
    choice = os.environ.get("FASTMATH_SIMD", "auto").strip().lower() or "auto"
    if choice not in CHOICES:
        raise ValueError(f"FASTMATH_SIMD={choice!r} is not one of {', '.join(CHOICES)}")
    module = sys.modules.get(MODULE_NAME)
    if module is None and choice != "simd128":
        path = Path(__file__).with_name(RELAXED_FILE)
        try:
            reason = relaxed_unavailable(path)
            if reason is None:
                module = load_extension(path)
        except Exception as err:
            if choice == "relaxed-simd":
                raise ImportError(f"{RELAXED_FILE} could not be loaded: {err}") from err
            outcome.relaxed_error = err
        else:
            if reason is not None and choice == "relaxed-simd":
                raise ImportError(f"FASTMATH_SIMD=relaxed-simd: {reason}")
    if module is None:
        from fastmath import _native as module
    if sys.platform == "emscripten":
        relaxed = str(getattr(module, "__file__", "")).endswith(RELAXED_FILE)
        outcome.simd = "relaxed-simd" if relaxed else "simd128"
    return module
