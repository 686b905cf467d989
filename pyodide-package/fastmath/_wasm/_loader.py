"""Loading the wasm-bindgen module into the JavaScript engine that runs Pyodide.

No user JavaScript, no network, no DOM: the glue (wasm-bindgen ``--target no-modules``) and the
``.wasm`` are package data read next to this file, the glue is evaluated with
``pyodide.code.run_js`` and the bytes are compiled with ``new WebAssembly.Module``. This works
the same in node, a browser's main thread and a Web Worker, on every Pyodide version that has
``run_js`` (0.21+).

Nothing of this happens at import: ``import fastmath`` only reads the manifest (for the
version). The first use of a kernel (``RUNTIME.kernels[name]``, ``RUNTIME.ns.<name>``) reads
the bytes, evaluates the glue, compiles synchronously and instantiates, about 15 ms once.
Chromium refuses synchronous compilation of modules above 8 MB on the main thread; then that
first use (and every later one) raises RuntimeError telling the user to
``await fastmath.init()``, which compiles asynchronously (and is a no-op once loaded).

The module is compiled once; an *instance* is cheap (about 1 ms) and is replaced after a trap
(a Rust panic ends in a wasm ``unreachable``): a trapped instance has lost part of its stack and
would fail after a few thousand more traps, so it is never reused.

``_HELPERS_JS`` also holds the loops of the streaming data path (``mapStream``,
``reduceStream``, used by ``_calls``): one JS call per fastmath call, copying chunk by chunk
between the caller's buffers (``Float64Array`` views of Pyodide's memory at their addresses, no
copy) and the module's scratch region.
"""

import os

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
  // Pyodide's own memory (the ArrayBuffer behind a getBuffer view), for Float64Array views of
  // Python buffers at their byte addresses. Taken once (setPyHeap) and again whenever Python's
  // memory has grown, which detaches the old ArrayBuffer (byteLength 0).
  let pyHeap;
  // Views (no copy) of `n` float64 at each of `sources`: a byte address (number) in Python's
  // memory, a PyProxy of a C-contiguous float64 buffer (getBuffer: ~13 us, so only for
  // buffers whose address Python cannot tell), or undefined (None). Buffers are released
  // whatever happens. `false` when Python's memory must be taken again first.
  function withViews(sources, n, body) {
    if (sources.some((s) => typeof s === "number") && !(pyHeap && pyHeap.byteLength)) return false;
    const held = [];
    try {
      const views = sources.map((source) => {
        if (source === undefined) return undefined;
        if (typeof source === "number") return new Float64Array(pyHeap, source, n);
        const buffer = source.getBuffer("f64");
        held.push(buffer);
        return buffer.data.subarray(buffer.offset, buffer.offset + n);
      });
      return body(views);
    } finally {
      for (const buffer of held) buffer.release();
    }
  }
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
      return Object.keys(ns).filter(
        (k) => k === "scratch_f64" || /_(at|one)$/.test(k) || /_stream_(begin|push|end)$/.test(k),
      );
    },
    setPyHeap(proxy) {
      const buffer = proxy.getBuffer("u8");
      pyHeap = buffer.data.buffer;
      buffer.release();
    },
    // Elementwise over n elements in chunks of `chunk`: per chunk, the slice of x (and of y,
    // unless undefined) is copied into the region at element offset 0 (and chunk), then
    // kernel(...scalars, 0, [chunk,] len, outAt) runs, then the result slice is copied into
    // out. x, y, out: see withViews; read and written in place. true, or false (withViews).
    mapStream(kernel, scalars, x, y, out, n, memory, base, chunk) {
      return withViews([x, y, out], n, ([xs, ys, output]) => {
        const heap = new Float64Array(memory.buffer);
        const k = ys === undefined ? 1 : 2, s = scalars.length, outAt = k * chunk;
        const args = [...scalars, 0];
        if (k === 2) args.push(chunk);
        args.push(0, outAt);
        for (let i = 0; i < n; i += chunk) {
          const len = Math.min(chunk, n - i);
          heap.set(xs.subarray(i, i + len), base);
          if (k === 2) heap.set(ys.subarray(i, i + len), base + chunk);
          args[s + k] = len;
          kernel(...args);
          output.set(heap.subarray(base + outAt, base + outAt + len), i);
        }
        return true;
      });
    },
    // A streamed reduction over n elements: begin(), then per chunk (copied as in mapStream)
    // push(0, [chunk,] len), then the value of end() (or false, see withViews).
    reduceStream(begin, push, end, x, y, n, memory, base, chunk) {
      return withViews([x, y], n, ([xs, ys]) => {
        const heap = new Float64Array(memory.buffer);
        begin();
        for (let i = 0; i < n; i += chunk) {
          const len = Math.min(chunk, n - i);
          heap.set(xs.subarray(i, i + len), base);
          if (ys === undefined) {
            push(0, len);
          } else {
            heap.set(ys.subarray(i, i + len), base + chunk);
            push(0, chunk, len);
          }
        }
        return end();
      });
    },
    f64(memory) { return new Float64Array(memory.buffer); },
    kernelNames(ns) {
      return Object.keys(ns).filter(
        (k) => k === "scratch_f64" || /_(at|one)$/.test(k) || /_stream_(begin|push|end)$/.test(k),
      );
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


class _Pending:
    """Stands in for the module's namespace until it is instantiated: the first attribute
    lookup loads the module (or raises the RuntimeError saying why it cannot)."""

    def __init__(self, runtime: "Runtime") -> None:
        self._runtime = runtime

    def __getattr__(self, name: str):
        return getattr(self._runtime.ready().ns, name)


class _Kernels(dict):
    """The bound kernel exports by name; a lookup before the module is loaded loads it.
    Loaded, it is a plain dict lookup: the check costs nothing on the call path."""

    def __init__(self, runtime: "Runtime") -> None:
        super().__init__()
        self._runtime = runtime

    def __missing__(self, name: str):
        kernels = self._runtime.ready().kernels
        if kernels is self:  # loaded, yet no such export: a loader bug
            raise KeyError(name)
        return kernels[name]


class Runtime:
    """One compiled module, its current instance and a view of that instance's memory.

    Creating one reads only the manifest; the module is compiled and instantiated on first use
    (``ready``), or by ``await init()``."""

    def __init__(self) -> None:
        self._dir = os.path.dirname(os.path.abspath(__file__))
        try:
            with open(os.path.join(self._dir, _MANIFEST), encoding="utf-8") as f:
                manifest = _flat_json(f.read())
        except FileNotFoundError:
            raise ImportError(
                "fastmath._wasm: the WebAssembly module is not installed (this is a build "
                "without the universal backend)"
            ) from None
        self.version: str = manifest["version"]
        self._files = (manifest["wasm"], manifest["glue"])
        self._helpers = None
        self._factory = None
        self._module = None
        #: Why synchronous compilation was refused (then only ``init()`` can load), or None.
        self.refused: str | None = None
        self.ns = _Pending(self)
        self.kernels: dict = _Kernels(self)
        self.heap = None
        self._views: dict = {}
        self.base = 0
        self.capacity = 0
        self._memory = None
        self.instances = 0

    # --- loading ---------------------------------------------------------------------------
    @property
    def helpers(self):
        """The JS helpers (``_HELPERS_JS``), evaluated on first use."""
        if self._helpers is None:
            self._helpers = run_js(_HELPERS_JS)
        return self._helpers

    def _bytes(self):
        """The module's bytes as a JS Uint8Array, and the glue's factory (evaluated once)."""
        wasm, glue = self._files
        if self._factory is None:
            with open(os.path.join(self._dir, glue), encoding="utf-8") as f:
                self._factory = self.helpers.factory(f.read())
        with open(os.path.join(self._dir, wasm), "rb") as f:
            return to_js(f.read())

    def ready(self) -> "Runtime":
        """Loads the module now if it is not loaded: compiles synchronously and instantiates.
        Where the host refuses synchronous compilation, raises RuntimeError asking for
        ``await fastmath.init()`` (now and on every later use, until ``init()`` has run)."""
        if self._module is None:
            if self.refused is None:
                self.load_sync()
            if self._module is None:
                raise RuntimeError(self.refused)
        return self

    def load_sync(self) -> None:
        """Compiles and instantiates now; if the host refuses synchronous compilation, records
        why (``refused``), and every use raises a RuntimeError asking for ``await init()``."""
        result = self.helpers.compileSync(self._bytes())
        module, name, message = result[0], str(result[1]), str(result[2])
        if module is None:
            if name != "RangeError":
                raise RuntimeError(
                    f"fastmath: cannot compile its WebAssembly module: {name}: {message}"
                )
            self.refused = f"{_SYNC_REFUSED} ({message})"
            return
        self._module = module
        self._instantiate()

    async def init(self) -> None:
        """Compiles asynchronously (allowed everywhere) and instantiates; a no-op when ready."""
        if self._module is None:
            self._module = await self.helpers.compile(self._bytes())
            self.refused = None
            self._instantiate()

    def _instantiate(self) -> None:
        pair = self.helpers.instantiate(self._factory, self._module)
        self.ns, self._memory = pair[0], pair[1]
        # Every kernel export (`*_at` over the scratch region, `*_one` for a number, the
        # `*_stream_*` of streamed reductions), bound once per instance: a JsProxy attribute
        # lookup costs a trip into JS.
        self.kernels = {
            str(name): getattr(self.ns, str(name)) for name in self.helpers.kernelNames(self.ns)
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
            address = self.kernels["scratch_f64"](count)  # loads the module on first use
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
        self.heap = self.helpers.f64(self._memory)
        self._views = {}

    # --- errors ----------------------------------------------------------------------------
    def failure(self, err: JsException, function: str) -> Exception:
        """The Python exception for a JS exception raised by a kernel call.

        A named error from fastmath-wasm keeps the instance (its memory may have grown for the
        message, so the view is re-made). Anything else is a trap, a panic or a JS stack
        overflow: the instance is replaced and the next call works."""
        name = _name(self.helpers, err)
        message = _message(self.helpers, err)
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


def _flat_json(text: str) -> dict[str, str]:
    """The manifest: one flat JSON object of plain strings (as tools/build-universal-wheel.py
    writes it). Read without the json module, which is not preloaded on older Pyodides and
    costs ~50 ms to import there (most of ``import fastmath``)."""
    fields = {}
    for line in text.splitlines():
        key, sep, value = line.strip().rstrip(",").partition(": ")
        if sep and key.startswith('"') and value.startswith('"'):
            fields[key.strip('"')] = value.strip('"')
    return fields


def _name(helpers, err: JsException) -> str:
    return str(helpers.errorName(getattr(err, "js_error", err)))


def _message(helpers, err: JsException) -> str:
    return str(helpers.errorMessage(getattr(err, "js_error", err)))


#: The runtime every function uses: created at import (it reads the manifest only), loaded on
#: the first kernel call.
RUNTIME = Runtime()


async def init() -> None:
    """Makes the WebAssembly backend ready. Only needed where the host refuses synchronous
    compilation (Chromium's main thread above 8 MB); harmless everywhere else."""
    await RUNTIME.init()
