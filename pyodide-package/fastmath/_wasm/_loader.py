"""Loading the universal module: into the JavaScript engine that runs Pyodide, or, in desktop
CPython, into wasmtime (``_wasmtime``).

In Pyodide: no user JavaScript, no network, no DOM: the glue (wasm-bindgen ``--target
no-modules``), the ``.wasm`` and ``runtime.js`` (the JavaScript half of the call path) are package
data read next to this file; ``runtime.js`` is evaluated with ``pyodide.code.run_js`` and compiles
the bytes with ``new WebAssembly.Module``. This works the same in node, a browser's main thread
and a Web Worker, on every Pyodide version that has ``run_js`` (0.21+).

Elsewhere (any CPython with the ``wasmtime`` package, which the universal wheel requires outside
Emscripten): the same ``.wasm`` in wasmtime, driven by ``_wasmtime.Runtime``, which answers
exactly as ``runtime.js`` does, so the rest of the call path does not know which engine runs.

Nothing of this happens at import: ``import fastmath`` only reads the manifest (for the
version). The first call (``Runtime.ready``) evaluates the runtime, compiles synchronously and
instantiates, about 15-30 ms once. Chromium refuses synchronous compilation of modules above
8 MB on the main thread; then every call raises RuntimeError telling the user to
``await fastmath.init()``, which compiles asynchronously (and is a no-op once loaded).

Threads (docs/threads.md): the universal wheel also carries the threaded module (the same crate
built for ``wasm32-wasip1-threads``) and ``threads.js``, its host. In Pyodide, where the engine
can run threads (node; a browser Worker of a cross-origin-isolated page), the first load takes
the threaded module with a pool of ``FASTMATH_NUM_THREADS`` threads (default: the engine's
logical cores, at most 16), and ``fastmath.set_num_threads`` changes the number; elsewhere, or
with one thread, the single-threaded module above serves, at no cost. ``threads_unused`` says
why threads are not in use. wasmtime runs the single-threaded module only.

The module is compiled once; an *instance* is cheap (about 1 ms) and the runtime replaces it
after a trap (a Rust panic ends in a wasm ``unreachable``): a trapped instance has lost part
of its stack and would fail after a few thousand more traps, so it is never reused.
"""

import os
import sys
from importlib.util import find_spec

#: The engine that runs the module: "js" (Pyodide's) or "wasmtime" (desktop CPython).
ENGINE = "js" if sys.platform == "emscripten" else "wasmtime"
if ENGINE == "js":
    try:
        from pyodide.code import run_js
        from pyodide.ffi import to_js
    except ImportError as _err:  # a Pyodide older than 0.21
        raise ImportError(
            "fastmath._wasm needs Pyodide >= 0.21 (pyodide.code.run_js) in the browser"
        ) from _err
elif find_spec("wasmtime") is None:
    raise ImportError(
        "fastmath's universal backend needs the wasmtime package outside Pyodide "
        "(`pip install wasmtime`; the fastmath-wasm wheel requires it there)"
    )

__all__ = ["ENGINE", "RUNTIME", "Runtime", "init"]

_MANIFEST = "_artifacts.json"
_RUNTIME_JS = "runtime.js"
_THREADS_JS = "threads.js"
_THREADS_ENV = "FASTMATH_NUM_THREADS"
#: The longest ``init()`` waits for the pool's threads to start (14-44 ms measured).
_POOL_WAIT = 10

_SYNC_REFUSED = (
    "fastmath: this browser refuses to compile the WebAssembly backend synchronously on its "
    "main thread (Chromium allows at most 8 MB). Run `await fastmath.init()` once before "
    "calling fastmath functions, or use fastmath from a Web Worker."
)


class Runtime:
    """One compiled module and its current instance, driven through ``runtime.js`` (or its
    wasmtime twin, ``_wasmtime.Runtime``).

    Creating one reads only the manifest; the module is compiled and instantiated on first use
    (``ready``), or by ``await init()``. Once loaded, ``names`` and ``streams`` describe the
    module's function table (names, streaming kinds and IEEE operations in index order), and
    ``call`` / ``copy_out`` are the runtime's two crossings, ``number`` / ``numbers`` the fast
    lanes of ``call`` for floats, bound once (a JsProxy attribute lookup costs microseconds)."""

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
        #: The threaded module's file, if this build has one.
        self._threaded_file: str | None = manifest.get("threads")
        #: Threads asked for (``set_num_threads`` before loading, or the environment); None:
        #: the engine's cores.
        self._wanted: int | None = _threads_from_environment()
        #: Why the threaded module is not in use ("" when it is), once loaded.
        self.threads_unused = "not loaded yet"
        self._threads_host = None  # threads.js's object, once evaluated
        self._helpers = None
        #: Why synchronous compilation was refused (then only ``init()`` can load), or None.
        self.refused: str | None = None
        self.names: tuple[str, ...] | None = None
        self.streams: tuple[int, ...] = ()
        #: The dtype code of a list by the mask of number kinds it holds (``_convert``).
        self.list_dtypes: tuple[int, ...] = ()
        #: Per function, the IEEE operation it is at plain floats (``Ieee::code``), or 0.
        self.call = self.copy_out = self.number = self.numbers = None

    @property
    def helpers(self):
        """The object ``runtime.js`` evaluates to (evaluated on first use), or in wasmtime the
        ``_wasmtime.Runtime`` that answers as it does."""
        if self._helpers is None:
            if ENGINE == "wasmtime":
                from fastmath._wasm._wasmtime import Runtime as Wasmtime

                self._helpers = Wasmtime(os.path.join(self._dir, self._files[0]))
            else:
                with open(os.path.join(self._dir, _RUNTIME_JS), encoding="utf-8") as f:
                    self._helpers = run_js(f.read())
        return self._helpers

    @property
    def ns(self):
        """The current instance's exports (loads the module first)."""
        return self.ready().helpers.namespace()

    @property
    def instances(self) -> int:
        """How many instances were made: one, plus one per trap."""
        return 0 if self._helpers is None else int(self._helpers.instances)

    def _sources(self):
        wasm, glue = self._files
        with open(os.path.join(self._dir, glue), encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(self._dir, wasm), "rb") as f:
            return text, to_js(f.read())

    def ready(self) -> "Runtime":
        """Loads the module now if it is not loaded: compiles synchronously and instantiates.
        Where the host refuses synchronous compilation, raises RuntimeError asking for
        ``await fastmath.init()`` (now and on every later use, until ``init()`` has run)."""
        if self.names is None:
            if self.refused is None and self._load_threaded(self._wanted) == "":
                self._loaded()
                return self
            if self.refused is None:
                sources = self._sources() if ENGINE == "js" else ()
                name, _, message = str(self.helpers.load(*sources)).partition("\n")
                if name == "RangeError":
                    self.refused = f"{_SYNC_REFUSED} ({message})"
                elif name:
                    self.refused = f"fastmath: cannot compile its WebAssembly module: {name}: "
                    self.refused += message
                else:
                    self._loaded()
            if self.names is None:
                raise RuntimeError(self.refused)
        return self

    def _load_threaded(self, threads: int | None) -> str:
        """Loads the threaded module with a pool of ``threads`` threads (None: the engine's
        cores) in place of any module loaded before; "" when done, else why not (also kept in
        ``threads_unused``)."""
        if ENGINE != "js":
            why = "wasmtime runs the single-threaded module"
        elif self._threaded_file is None:
            why = "this build has no threaded module"
        else:
            if self._threads_host is None:
                with open(os.path.join(self._dir, _THREADS_JS), encoding="utf-8") as f:
                    self._threads_host = run_js(f.read())
            host = self._threads_host
            count = int(host.cores()) if threads is None else threads
            # Asked first: where threads cannot run, the module is not even read.
            why = str(host.unavailable(count))
            if not why:
                with open(os.path.join(self._dir, self._threaded_file), "rb") as f:
                    data = to_js(f.read())
                why = str(self.helpers.loadThreaded(host, data, count))
        self.threads_unused = why
        return why

    def threads(self) -> int:
        """The number of threads a call uses (loads the module first)."""
        return int(self.ready().helpers.threads) if ENGINE == "js" else 1

    def set_threads(self, n: int) -> int:
        """Calls use ``n`` threads from now on, as far as the engine allows; returns the number
        they use."""
        self._wanted = n
        if self.names is None:
            return self.threads()  # loads, with the pool asked for
        if ENGINE == "js":
            if self.threads_unused == "":
                self.threads_unused = str(self.helpers.setThreads(n))
            elif n > 1:
                self._load_threaded(n)
        return self.threads()

    async def init(self) -> None:
        """Compiles asynchronously (allowed everywhere) and instantiates; then, with the
        threaded module, starts its pool and waits (at most ``_POOL_WAIT`` s) until its
        threads run: in a browser they start only when the event loop turns, so code that runs
        without awaiting would otherwise have them only after it returns. Cheap when ready."""
        if self.names is None:
            if ENGINE == "wasmtime":
                self.ready()
                return
            if self._load_threaded(self._wanted) == "":
                self.refused = None
                self._loaded()
            else:
                await self.helpers.loadAsync(*self._sources())
                self.refused = None
                self._loaded()
        if ENGINE == "js" and self.threads_unused == "":
            await self.helpers.startPool(_POOL_WAIT * 1000)

    def _loaded(self) -> None:
        helpers = self.helpers
        names, kinds, lists = str(helpers.table()).split(";")
        self.streams = tuple(int(k) for k in kinds.split(","))
        self.list_dtypes = tuple(int(k) for k in lists.split(","))
        self.call, self.copy_out = helpers.call, helpers.copyOut
        self.number, self.numbers = helpers.number, helpers.numbers
        self.names = tuple(names.split(","))


def _threads_from_environment() -> int | None:
    """``FASTMATH_NUM_THREADS`` as a number of threads (None when unset); a value that is not
    a positive integer is ignored with a RuntimeWarning, as a thread count must not stop
    ``import fastmath``."""
    value = os.environ.get(_THREADS_ENV, "").strip()
    if not value:
        return None
    if value.isdigit() and int(value) > 0:
        return int(value)
    import warnings

    warnings.warn(f"{_THREADS_ENV}={value!r} is not a positive integer: ignored", RuntimeWarning, 2)
    return None


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


#: The runtime every function uses: created at import (it reads the manifest only), loaded on
#: the first call.
RUNTIME = Runtime()


async def init() -> None:
    """Makes the WebAssembly backend ready, and its threads running where it has them (a
    browser Worker starts them only when its event loop turns). Needed where the host refuses
    synchronous compilation (Chromium's main thread above 8 MB); harmless everywhere else."""
    await RUNTIME.init()
