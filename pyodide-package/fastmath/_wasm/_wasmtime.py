"""The universal backend in desktop CPython: the same ``.wasm`` the browser runs, in wasmtime.

This is ``runtime.js`` for a host without JavaScript: an object with the same crossings
(``call``, ``plan``, ``copyOut``, ``number``, ...), the same answers (the number of result
words, a float, ``NEED_HEAP``, or ``"<class>\\n<message>"``) and the same data path, so
``_call`` drives both alike. Python's memory is the process's: the header's source addresses
(``buffer_info``, numpy's data pointer) are real addresses, and arguments are copied straight
from them into the module's memory with one ``memmove`` (wasmtime hands out its linear
memory's address), results straight back.

The module's exports that wasm-bindgen marshals for JavaScript (strings, ``Result``s, JS
errors) are not used: ``rust/fastmath-wasm/src/host.rs`` gives the same entry points with
numbers only. They call none of the module's imports, each of which is therefore a function
that fails, should it ever be reached.

A trap (a Rust panic, or wasmtime refusing to grow memory) ends the instance: its message is
read from it once, and the next call runs on a fresh instance in a fresh store, as the browser
does.
"""

import atexit
import ctypes
from array import array
from functools import partial

from fastmath._api import DTYPES
from fastmath._wasm._convert import F64

__all__ = ["Runtime"]

# Words of the fixed header and of array entries (rust/fastmath-wasm/src/header.rs), as runtime.js.
H_LENGTH, H_MODE, H_STREAMED, H_OUT, H_OUT_BYTES, H_ARRAYS = 0, 1, 2, 3, 4, 9
A_ITEMSIZE, A_NDIM, A_SOURCE, A_SPAN, A_AT, A_SHAPE = 3, 4, 6, 7, 9, 10
MODE_MAP = 1
R_FLOAT, R_INT, R_ARRAY, R_SCALAR = 1, 2, 3, 5
#: Bytes per element of each dtype, by its code (fastmath-api's DType order).
ITEMSIZE = tuple(itemsize for _, _, itemsize in DTYPES)
_CODES = frozenset(map(float, range(len(ITEMSIZE))))
#: Bytes of all streamed inputs per chunk: 65536 elements of one float64 array, 32768 of two.
#: Larger than runtime.js's 8192 elements: a crossing into wasmtime costs microseconds
#: (JavaScript's, tens of nanoseconds), and 512 KB still stays in L2 between the copy and the
#: kernel. Measured (1e6 float64, ms): argmax 0.59-0.60 at 32768 elements, 0.54-0.56 at 65536;
#: sum 1.74-1.77 / 1.70-1.74; dot of two arrays 1.04 / 1.07-1.08 (so 32768 each for two).
CHUNK_BYTES = 512 * 1024
NEED_HEAP = -1
#: runtime.js's release of a huge call's memory (see there): above this, a fresh instance.
RELEASE_ABOVE = 64 * 1024 * 1024
KEEP_FOR = 8

_memmove = ctypes.memmove
_double = ctypes.c_double.from_address
#: The first five result words (runtime.js's check of a streamed chunk's result).
_Result = ctypes.c_double * 5


def _align(n: int) -> int:
    return (n + 15) // 16 * 16


#: The module's exports this runtime calls (rust/fastmath-wasm/src/host.rs, and number.rs's
#: float lanes), by the attribute that holds each, bound to the instance's store.
_EXPORTS = {
    "hostStart": "_start",
    "hostCall": "_call",
    "hostCallArrays": "_call_arrays",
    "hostFoldStart": "_fold_start",
    "hostFoldPush": "_fold_push",
    "hostFoldFinish": "_fold_finish",
    "hostScratch": "_scratch",
    "hostText": "_text",
    "hostTextLength": "_text_length",
    "hostTable": "_table",
    "hostResultTooLarge": "_too_large",
    "hostLastPanic": "_last_panic",
    "hostPanicForTests": "_panic",
    "number": "_number",
    "numbers": "_numbers",
}


class _Failed(Exception):
    """An export answered 0: its refusal or internal error is in the module's text buffer."""


class Runtime:
    """One compiled module and its current instance (runtime.js's object, for wasmtime)."""

    def __init__(self, path: str) -> None:
        self._path = path
        self.instances = 0
        self.capacity = 0
        self._numpy = False
        self._words: array | None = None
        self._words_at = 0

    # Loading ----------------------------------------------------------------------------

    def load(self) -> str:
        """Compiles the module and instantiates it: "" when ready, else "<name>\\n<message>"."""
        try:
            import wasmtime

            self._wasmtime = wasmtime
            #: What a call into the module raises when it traps (a panic, memory that cannot grow).
            self._traps = (wasmtime.Trap, wasmtime.WasmtimeError)
            config = wasmtime.Config()
            # The module's memory stays at one address for the instance's life: Python keeps
            # that address (no query per call). 4 GiB is all a 32-bit memory can ever need.
            config.memory_may_move = False
            config.memory_reservation = 4 << 30
            # Compiling the module takes seconds; wasmtime's own cache (in the user's cache
            # directory, keyed by the module's bytes and the engine) makes later processes
            # load it in milliseconds. Without a usable cache directory, it compiles each time.
            try:
                config.cache = True
            except Exception:  # a cache is an optimisation
                pass
            self._engine = wasmtime.Engine(config)
            self._module = wasmtime.Module.from_file(self._engine, self._path)
        except Exception as e:  # the engine's refusal of this machine or of the file
            return f"{type(e).__name__}\n{e}"
        self._instantiate()
        atexit.register(self._close)
        return ""

    def _close(self) -> None:
        """Frees wasmtime's objects while the interpreter can still run their finalisers (at
        exit, module globals are torn down first and each would print an ignored exception)."""
        for name in _EXPORTS.values():
            setattr(self, name, None)
        self._memory = None
        for name in ("_store", "_module", "_engine"):
            managed = getattr(self, name, None)
            setattr(self, name, None)
            if managed is not None:
                managed.close()

    def _instantiate(self) -> None:
        wasmtime = self._wasmtime
        store = wasmtime.Store(self._engine)
        imports = [
            wasmtime.Func(store, item.type, _unreachable(f"{item.module}.{item.name}"))
            for item in self._module.imports
        ]
        exports = wasmtime.Instance(store, self._module, imports).exports(store)
        self._store = store
        self._memory = exports["memory"]
        self._where = _memory_reader(wasmtime, store, self._memory)

        for export, name in _EXPORTS.items():
            setattr(self, name, _caller(wasmtime, store, exports[export]))
        self._start()
        self.base = self.capacity = 0
        # Fixed for the instance's life (memory_may_move is off).
        self._at = self._where()[0]
        self.instances += 1

    @property
    def memoryBytes(self) -> int:
        return self._where()[1]

    def _read_text(self, length: int) -> str:
        address = self._text() & 0xFFFFFFFF
        return ctypes.string_at(self._at + address, length).decode("utf-8", "replace")

    def _checked(self, answer: int) -> int:
        """An export's answer as an unsigned address; raises _Failed for 0."""
        if answer == 0:
            raise _Failed
        return answer & 0xFFFFFFFF

    def _failure(self, error: BaseException) -> str:
        """The string for Python of a failed call (runtime.js's ``failure``); a trap or an
        internal error re-instantiates."""
        if isinstance(error, _Failed):
            # The text buffer holds "<class>\n<message>" (host.rs).
            # Every failure but a malformed call is a refusal, named by its Python class.
            name, _, message = self._read_text(self._text_length()).partition("\n")
            if name != "InternalError":
                return f"{name}\n{message}"
            detail = f"{name}: {message}"
        else:
            # wasmtime's text is a backtrace ending in the cause: keep the cause.
            lines = [line.strip() for line in str(error).splitlines() if line.strip()]
            detail = f"{type(error).__name__}: {lines[-1] if lines else ''}"
            try:
                length = self._last_panic()
                if length:
                    detail += f": Rust panic: {self._read_text(length)}"
            except Exception:  # a trapped instance may not answer: the message is enough
                pass
        self._instantiate()
        return f"RuntimeError\n{detail}"

    # Memory ------------------------------------------------------------------------------

    def _ensure(self, nbytes: int, index: int) -> None:
        """A scratch region of at least ``nbytes`` bytes (the module words a MemoryError)."""
        if nbytes > self.capacity:
            self.capacity = 0
            self.base = self._checked(self._scratch(nbytes, index))
            self.capacity = nbytes

    def _release_high_water(self, array_bytes: int) -> None:
        size = self._where()[1]
        if size > RELEASE_ABOVE and KEEP_FOR * array_bytes < size:
            self._instantiate()

    def _copy_in(self, source: int, nbytes: int, to: int) -> None:
        if nbytes > 0:
            _memmove(self._at + self.base + to, source, nbytes)

    def _put_text(self, text: str | None, at: int, index: int) -> tuple[int, int]:
        """Writes ``text`` at byte ``at`` of the scratch region (grown to fit)."""
        if not text:
            self._ensure(at, index)
            return 0, 0
        data = text.encode("utf-8")
        self._ensure(at + len(data), index)
        _memmove(self._at + self.base + at, data, len(data))
        return at, len(data)

    def _collect(self, address: int, out: int, out_bytes: int) -> int:
        """runtime.js's ``collect``: the result words into ``words``; an array result of the
        preallocated size straight into it, other arrays after the words while they fit."""
        words, at = self._words, self._at + address
        n = int(_double(at).value)
        if n + 1 > len(words):
            raise _Internal("result header too long")
        _memmove(self._words_at, at, 8 * (n + 1))
        if out and words[1] == R_ARRAY and words[2] == F64 and n == 4 + words[3]:
            nbytes = 8
            for d in range(int(words[3])):
                nbytes *= int(words[5 + d])
            if nbytes == out_bytes:
                _memmove(out, self._at + int(words[4]), nbytes)
                words[1] = -R_ARRAY
                return n
        free, k = n + 1, 1
        while k <= n:
            kind = words[k]
            if kind == R_ARRAY:
                ndim = int(words[k + 2])
                nbytes = ITEMSIZE[int(words[k + 1])]
                for d in range(ndim):
                    nbytes *= int(words[k + 4 + d])
                count = (nbytes + 7) // 8
                if count <= len(words) - free:
                    _memmove(self._words_at + 8 * free, self._at + int(words[k + 3]), 8 * count)
                    words[k + 3] = -free
                    free += count
                k += 4 + ndim
            else:
                k += 3 if kind == R_INT else 4 if kind == R_SCALAR else 2
        return n

    def _entries(self) -> list[int]:
        words = self._words
        count = int(words[H_ARRAYS])
        first = int(words[H_LENGTH]) - count
        return [int(words[first + j]) for j in range(count)]

    # Calls -------------------------------------------------------------------------------

    def _whole(self, index: int, text: str | None) -> int:
        words = self._words
        out, out_bytes = int(words[H_OUT]), words[H_OUT_BYTES]
        n = int(words[H_LENGTH])
        end = _align(8 * n)
        entries = self._entries()
        for e in entries:
            words[e + A_AT] = end
            end = _align(end + int(words[e + A_SPAN]))
        at, length = self._put_text(text, end, index)
        for e in entries:
            self._copy_in(int(words[e + A_SOURCE]), int(words[e + A_SPAN]), int(words[e + A_AT]))
        _memmove(self._at + self.base, self._words_at, 8 * n)
        address = self._checked(self._call(index, at, length))
        return self._collect(address, out, out_bytes)

    def _stream(self, index: int, text: str | None, mode: int) -> int:
        words = self._words
        n, out, out_bytes = int(words[H_STREAMED]), int(words[H_OUT]), int(words[H_OUT_BYTES])
        entries = self._entries()
        streamed = [e for e in entries if words[e + A_NDIM] > 0]
        once = [e for e in entries if words[e + A_NDIM] == 0]
        sources = [int(words[e + A_SOURCE]) for e in streamed]
        sizes = [int(words[e + A_ITEMSIZE]) for e in streamed]
        chunk = max(1, CHUNK_BYTES // max(1, sum(sizes)))
        end = _align(8 * int(words[H_LENGTH]))
        for e, size in zip(streamed, sizes, strict=True):
            words[e + A_AT] = end
            end = _align(end + chunk * size)
        for e in once:
            words[e + A_AT] = end
            end = _align(end + int(words[e + A_SPAN]))
        at, length = self._put_text(text, end, index)
        for e in once:
            self._copy_in(int(words[e + A_SOURCE]), int(words[e + A_SPAN]), int(words[e + A_AT]))
        # The loop's invariants, looked up once: a chunk costs two or three C calls and a crossing.
        memory = self._at
        region = memory + self.base
        slots = [region + int(words[e + A_AT]) for e in streamed]
        copies = list(zip(slots, sources, sizes, strict=True))
        header = 8 * int(words[H_LENGTH])
        call, push, checked = self._call, self._fold_push, self._checked
        for i in range(0, n, chunk):
            count = min(chunk, n - i)
            for slot, source, size in copies:
                _memmove(slot, source + size * i, size * count)
            if i == 0 or count != chunk:
                for e, size in zip(streamed, sizes, strict=True):
                    words[e + A_SPAN] = size * count
                    words[e + A_SHAPE] = count
                    for d in range(1, int(words[e + A_NDIM])):
                        words[e + A_SHAPE + d] = 1
                _memmove(region, self._words_at, header)
            if mode == MODE_MAP:
                result = _Result.from_address(memory + checked(call(index, at, length)))
                n_words, kind, code, ndim, address = result
                if (
                    kind != R_ARRAY
                    or n_words != 4 + ndim
                    or code not in _CODES
                    or (size := ITEMSIZE[int(code)]) * n != out_bytes
                ):
                    raise _Internal(
                        "a streamed function returned something else than one array of the "
                        "result's dtype"
                    )
                _memmove(out + size * i, memory + int(address), size * count)
            else:
                if i == 0:
                    checked(self._fold_start(index, at, length))
                checked(push(count))
        if mode == MODE_MAP:
            words[0] = 1
            words[1] = -R_ARRAY
            return 1
        return self._collect(self._checked(self._fold_finish()), 0, 0)

    def _attempt(self, body, *args):
        if self._words is None:
            return NEED_HEAP
        try:
            return body(*args)
        except (_Failed, _Internal, *self._traps) as e:
            return self._failure(e)

    def call(self, index: int, text: str | None = None):
        """One call of function ``index`` (its header in ``words``): the number of result
        words, or NEED_HEAP, or an error string."""
        return self._attempt(self._run, index, text)

    def _run(self, index: int, text: str | None) -> int:
        words = self._words
        arrays = sum(int(words[e + A_SPAN]) for e in self._entries())
        self._release_high_water(arrays)
        mode = int(words[H_MODE])
        return self._whole(index, text) if mode == 0 else self._stream(index, text, mode)

    def _float_or_words(self):
        words = self._words
        if words[H_LENGTH] == 2 and words[1] == R_FLOAT:
            return words[2]
        return None

    def plan(self, index: int, maps: bool):
        """Function ``index``'s crossings: [one array, two arrays, any header, one float, two
        floats], as runtime.js's ``plan`` (``maps``: whether it is elementwise)."""

        def general(text=None):
            n = self.call(index, text)
            return self._float_or_words() if type(n) is int and n >= 0 else n

        return [
            self._lane(index, 1, maps),
            self._lane(index, 2, maps),
            general,
            lambda x: self.number(index, x),
            lambda x, y: self.numbers(index, x, y),
        ]

    def _lane(self, index: int, count: int, maps: bool):
        def crossing():
            return self._attempt(self._arrays, index, count, maps)

        return crossing

    def _arrays(self, index: int, count: int, maps: bool):
        words = self._words
        a, n = int(words[0]), int(words[1])
        b, m = (int(words[2]), int(words[3])) if count == 2 else (0, 0)
        out = int(words[2 * count]) if maps else 0
        second = _align(8 * n)
        end = second + 8 * m if count == 2 else 8 * n
        self._release_high_water(8 * (n + m))
        self._ensure(end, index)
        self._copy_in(a, 8 * n, 0)
        self._copy_in(b, 8 * m, second)
        address = self._checked(
            self._call_arrays(index, count, 0, n, second, m, 1 if self._numpy else 0)
        )
        at = self._at + address
        if _double(at).value == 2 and _double(at + 8).value == R_FLOAT:
            return _double(at + 16).value
        self._collect(address, out, 8 * n)
        return None

    def number(self, index: int, x: float) -> float:
        try:
            return self._number(index, x)
        except self._traps as e:
            self._failure(e)
            return float("nan")

    def numbers(self, index: int, x: float, y: float) -> float:
        try:
            return self._numbers(index, x, y)
        except self._traps as e:
            self._failure(e)
            return float("nan")

    def copyOut(self):
        """Copies result arrays out: ``words`` holds [count, (module address, Python address,
        bytes) * count]."""

        def body():
            words = self._words
            k = 1
            for _ in range(int(words[0])):
                _memmove(int(words[k + 1]), self._at + int(words[k]), int(words[k + 2]))
                k += 3
            return 0

        return self._attempt(body)

    # The rest of runtime.js's object ----------------------------------------------------

    def table(self) -> str:
        return self._read_text(self._table())

    def setHeap(self, header: array) -> None:
        self._words = header
        self._words_at = header.buffer_info()[0]

    def setNumpy(self, flag) -> None:
        self._numpy = bool(flag)

    def resultTooLarge(self, index: int, code: int, shape) -> str:
        dims = array("d", shape)
        self._ensure(8 * len(dims) or 8, index)
        if dims:
            _memmove(self._at + self.base, dims.buffer_info()[0], 8 * len(dims))
        return self._read_text(self._too_large(index, code, len(dims)))

    def panicForTests(self, message: str):
        def body():
            at, length = self._put_text(message, 0, -1)
            return self._checked(self._panic(at, length))

        return self._attempt(body)


class _Internal(Exception):
    """A malformed answer of the module: handled like a trap."""


def _caller(wasmtime, store, func):
    """A Python callable for export ``func``: wasmtime's unchecked call with argument slots made
    once, or, where this wasmtime lacks the C entry points used, its ``Func.__call__``.

    ``Func.__call__`` re-reads the function's type and converts every value through ``Val`` on
    each call, some 30 us, which is the whole cost of a small call (the native extension takes
    ~1 us). The unchecked entry takes raw 16-byte slots: arguments in, results out in place;
    its pointers are passed as plain integers, computed once. Safe here because every export
    called is one of this module's, whose types (i32 and f64 only) are read from the module
    itself, once."""
    try:
        ffi = wasmtime._bindings
        pointer = ctypes.c_void_p
        call = ctypes.CFUNCTYPE(pointer, pointer, pointer, pointer, ctypes.c_size_t, pointer)(
            ctypes.cast(ffi.dll.wasmtime_func_call_unchecked, pointer).value
        )
        trap_type, error_type = (
            ctypes.POINTER(ffi.wasm_trap_t),
            ctypes.POINTER(ffi.wasmtime_error_t),
        )
        trap_from, error_from = wasmtime.Trap._from_ptr, wasmtime.WasmtimeError._from_ptr
        context = ctypes.cast(store._context(), pointer).value
        raw = ctypes.addressof(func._func)
        kind = func.type(store)
        params = [str(p) for p in kind.params]
        results = [str(r) for r in kind.results]
    except AttributeError:
        return partial(func, store)
    if not set(params + results) <= {"i32", "f64"} or len(results) > 1:
        return partial(func, store)
    n = max(len(params), len(results), 1)
    slots = (ffi.wasmtime_val_raw * n)()
    # The slots as i32s and f64s (16 bytes a slot): slot k is i32s[4k] and f64s[2k].
    i32s = (ctypes.c_int32 * (4 * n)).from_buffer(slots)
    f64s = (ctypes.c_double * (2 * n)).from_buffer(slots)
    setters = [(i32s, 4 * k) if p == "i32" else (f64s, 2 * k) for k, p in enumerate(params)]
    result = (i32s if results[0] == "i32" else f64s) if results else None
    at = ctypes.addressof(slots)
    trap = pointer()
    trap_at = ctypes.addressof(trap)

    # The integers above point into these objects: the closure keeps them alive.
    owners = (store, func, slots, trap)

    def caller(*args, _owners=owners):
        for (view, k), value in zip(setters, args, strict=True):
            view[k] = value
        error = call(context, raw, at, n, trap_at)
        if error:
            raise error_from(ctypes.cast(error, error_type))
        if trap.value:
            caught = trap_from(ctypes.cast(trap.value, trap_type))
            trap.value = None
            raise caught
        return None if result is None else result[0]

    return caller


def _memory_reader(wasmtime, store, memory):
    """A function of no argument giving ``(address, size)`` of ``memory``: wasmtime's two C
    calls, bound once with plain-integer results (``Memory.data_ptr``/``data_len`` convert
    through ctypes pointers and cost microseconds), or, where those are missing, the public
    methods."""
    try:
        dll = wasmtime._bindings.dll
        data = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)(
            ctypes.cast(dll.wasmtime_memory_data, ctypes.c_void_p).value
        )
        size = ctypes.CFUNCTYPE(ctypes.c_size_t, ctypes.c_void_p, ctypes.c_void_p)(
            ctypes.cast(dll.wasmtime_memory_data_size, ctypes.c_void_p).value
        )
        context = ctypes.cast(store._context(), ctypes.c_void_p).value
        raw = ctypes.addressof(memory._memory)
    except AttributeError:

        def public():
            address = ctypes.cast(memory.data_ptr(store), ctypes.c_void_p).value or 0
            return address, memory.data_len(store)

        return public
    owners = (store, memory)
    return lambda _owners=owners: (data(context, raw) or 0, size(context, raw))


def _unreachable(name: str):
    def fail(*_args):
        raise RuntimeError(f"fastmath: the WebAssembly module called {name}, which wasmtime lacks")

    return fail
