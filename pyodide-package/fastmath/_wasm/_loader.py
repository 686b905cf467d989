"""Loading the wasm-bindgen module into the JavaScript engine that runs Pyodide.

No user JavaScript, no network, no DOM: the glue (wasm-bindgen ``--target no-modules``) and the
``.wasm`` are package data read with importlib.resources, the glue is evaluated with
``pyodide.code.run_js`` and the bytes are compiled with ``new WebAssembly.Module``. This works
the same in node, a browser's main thread and a Web Worker, on every Pyodide version that has
``run_js`` (0.21+).

Compilation is synchronous where the host allows it. Chromium refuses synchronous compilation of
modules above 8 MB on the main thread; then the functions raise RuntimeError telling the user to
``await fastmath.init()``, which compiles asynchronously.

The module is compiled once; an *instance* is cheap (about 1 ms) and is replaced after a trap
(a Rust panic ends in a wasm ``unreachable``): a trapped instance has lost part of its stack and
would fail after a few thousand more traps, so it is never reused.
"""

import json
from importlib import resources

try:
    from pyodide.code import run_js
    from pyodide.ffi import JsException, to_js
except ImportError as _err:  # host CPython, or a Pyodide older than 0.21
    raise ImportError(
        "fastmath._wasm needs Pyodide (>= 0.21): it runs on Pyodide's JavaScript engine"
    ) from _err

from fastmath._errors import LinAlgError

__all__ = ["RUNTIME", "JsException", "init"]

_MANIFEST = "_artifacts.json"

#: JS helpers, evaluated once. The glue declares `let wasm_bindgen` at its top level: it is
#: wrapped in `new Function` so that every call of the factory evaluates it in a fresh scope,
#: giving a fresh namespace (and instance slot) without touching the global scope.
_HELPERS_JS = r"""
(function () {
  "use strict";
  return {
    factory(glue) { return new Function(glue + "\nreturn wasm_bindgen;"); },
    // [module, "", ""] or [undefined, error name, message] (undefined: Python None; null would
    // be pyodide.ffi.jsnull on newer Pyodides): the refusal is data, not an exception
    // crossing into Python (Pyodide 0.26 once turned such a RangeError into a SystemError).
    compileSync(bytes) {
      try {
        return [new WebAssembly.Module(bytes), "", ""];
      } catch (e) {
        return [undefined, String(e && e.name), String(e && e.message)];
      }
    },
    compile(bytes) { return WebAssembly.compile(bytes); },
    instantiate(factory, module) {
      const ns = factory();
      const exports = ns.initSync({ module });
      ns.setPanicLogging(false);
      return [ns, exports.memory];
    },
    f64(memory) { return new Float64Array(memory.buffer); },
    kernelNames(ns) {
      return Object.keys(ns).filter((k) => k === "scratch_f64" || /_(at|one)$/.test(k));
    },
    errorName(e) { return e !== null && typeof e === "object" ? String(e.name) : ""; },
    errorMessage(e) { return e !== null && typeof e === "object" ? String(e.message) : String(e); },
  };
})()
"""

#: Error names (set by rust/fastmath-wasm/src/errors.rs) -> Python exception classes.
_ERROR_CLASSES: dict[str, type[Exception]] = {
    "ValueError": ValueError,
    "TypeError": TypeError,
    "MemoryError": MemoryError,
    "LinAlgError": LinAlgError,
}

_SYNC_REFUSED = (
    "fastmath: this browser refuses to compile the WebAssembly backend synchronously on its "
    "main thread (Chromium allows at most 8 MB). Run `await fastmath.init()` once before "
    "calling fastmath functions, or use fastmath from a Web Worker."
)


class _NotReady:
    """Stands in for the module's namespace until it is instantiated: any use raises."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __getattr__(self, name: str):
        raise RuntimeError(self.message)


class Runtime:
    """One compiled module, its current instance and a view of that instance's memory."""

    def __init__(self) -> None:
        files = resources.files(__package__)
        manifest_file = files.joinpath(_MANIFEST)
        if not manifest_file.is_file():
            raise ImportError(
                "fastmath._wasm: the WebAssembly module is not installed (this is a build "
                "without the universal backend)"
            )
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        self.version: str = manifest["version"]
        self._wasm_bytes = files.joinpath(manifest["wasm"]).read_bytes()
        self._helpers = run_js(_HELPERS_JS)
        self._factory = self._helpers.factory(
            files.joinpath(manifest["glue"]).read_text(encoding="utf-8")
        )
        self._module = None
        self.ns = _NotReady("fastmath: the WebAssembly backend is not initialised")
        self.kernels: dict = {}
        self.heap = None
        self._views: dict = {}
        self.base = 0
        self.capacity = 0
        self._memory = None
        self.instances = 0

    # --- loading ---------------------------------------------------------------------------
    def load_sync(self) -> None:
        """Compiles and instantiates now; if the host refuses synchronous compilation, leaves
        the functions raising a RuntimeError that asks for ``await fastmath.init()``."""
        result = self._helpers.compileSync(to_js(self._wasm_bytes))
        module, name, message = result[0], str(result[1]), str(result[2])
        if module is None:
            if name != "RangeError":
                raise ImportError(
                    f"fastmath: cannot compile its WebAssembly module: {name}: {message}"
                )
            self.ns = _NotReady(f"{_SYNC_REFUSED} ({message})")
            return
        self._module = module
        self._instantiate()

    async def init(self) -> None:
        """Compiles asynchronously (allowed everywhere) and instantiates; a no-op when ready."""
        if self._module is None:
            self._module = await self._helpers.compile(to_js(self._wasm_bytes))
            self._instantiate()

    def _instantiate(self) -> None:
        pair = self._helpers.instantiate(self._factory, self._module)
        self.ns, self._memory = pair[0], pair[1]
        # Every kernel export (`*_at` over the scratch region, `*_one` for a number), bound
        # once per instance: a JsProxy attribute lookup costs a trip into JS.
        self.kernels = {
            str(name): getattr(self.ns, str(name)) for name in self._helpers.kernelNames(self.ns)
        }
        self.heap = None
        self._views = {}
        self.base = self.capacity = 0
        self.instances += 1
        self.ensure(4096)

    # --- memory ----------------------------------------------------------------------------
    def ensure(self, count: int) -> int:
        """Element offset (into ``self.heap``) of a scratch region of at least ``count``
        float64s. Growing it may grow the module's memory, which detaches every view of the
        old buffer, so the view is re-made here (and after errors, see ``failure``)."""
        if count > self.capacity:
            address = self.kernels["scratch_f64"](count)
            if address == 0:
                raise MemoryError(f"fastmath: cannot allocate {count} float64 elements")
            self.base, self.capacity = address >> 3, count
            self._remake_views()
        return self.base

    def view(self, start: int, length: int):
        """A ``Float64Array`` of ``length`` elements at ``start`` of the scratch region.

        ``subarray`` is a trip into JS costing more than the copy of a short vector, so views
        are cached per ``(start, length)``: repeated calls of one size (loops, benchmarks) reuse
        them. The cache is dropped whenever the memory may have grown."""
        key = (start, length)
        found = self._views.get(key)
        if found is None:
            if len(self._views) >= 64:
                self._views.clear()
            begin = self.base + start
            found = self._views[key] = self.heap.subarray(begin, begin + length)
        return found

    def _remake_views(self) -> None:
        self.heap = self._helpers.f64(self._memory)
        self._views = {}

    # --- errors ----------------------------------------------------------------------------
    def failure(self, err: JsException, function: str) -> Exception:
        """The Python exception for a JS exception raised by a kernel call.

        A named error from fastmath-wasm keeps the instance (its memory may have grown for the
        message, so the view is re-made). Anything else is a trap, a panic or a JS stack
        overflow: the instance is replaced and the next call works."""
        name = _name(self._helpers, err)
        message = _message(self._helpers, err)
        cls = _ERROR_CLASSES.get(name)
        if cls is not None:
            self._remake_views()  # allocating the message may have grown the memory
            return cls(message)
        detail = message
        try:
            panic = self.ns.lastPanicMessage()
        except Exception:  # the trapped instance may not answer; that is fine
            panic = None
        if panic:
            detail = f"{message}: Rust panic: {panic}"
        self._instantiate()
        return RuntimeError(
            f"fastmath: internal error in {function} (WebAssembly backend, {name}: {detail}); "
            "the module was re-instantiated, later calls work"
        )


def _name(helpers, err: JsException) -> str:
    return str(helpers.errorName(getattr(err, "js_error", err)))


def _message(helpers, err: JsException) -> str:
    return str(helpers.errorMessage(getattr(err, "js_error", err)))


RUNTIME = Runtime()
RUNTIME.load_sync()


async def init() -> None:
    """Makes the WebAssembly backend ready. Only needed where the host refuses synchronous
    compilation (Chromium's main thread above 8 MB); harmless everywhere else."""
    await RUNTIME.init()
