// The JavaScript half of the universal backend's call path: package data of fastmath._wasm,
// evaluated once per runtime by _loader.py with pyodide.code.run_js. Its value is the object
// at the end: loading the module, and one function per crossing of a call.
//
// A call is one crossing (`call`): Python has written the call's argument header (see
// rust/fastmath-wasm/src/header.rs) into a persistent array('d') whose memory this file reads
// directly (`words`, a Float64Array over Pyodide's memory). This copies the header and every
// array argument's bytes from Pyodide's memory into the module's scratch region, runs the
// module's generic `call`, and copies the result words back into `words`. An array result
// whose Python object was allocated beforehand (elementwise functions) is copied straight into
// it; others need a second crossing (`copyOut`) once Python has allocated them.
//
// Fast lanes: `plan(index, map)` gives function `index`'s own crossings, which Python keeps: a call
// of one or two 1-D float64 arrays whose header is written here from their addresses and
// lengths (Python puts those in `words`: the crossing takes no argument), `call` bound to the
// index, and `number`/`numbers`, which run a function of one or two floats without any header
// (NaN: "take the full path"). A float result crosses back as the crossing's value.
//
// Streaming: for large arrays of functions whose table entry allows it (Python chooses
// the mode), the arrays go through the region chunk by chunk, each chunk processed while it is
// still in cache: map (elementwise) calls the function per chunk and copies each result chunk
// into the preallocated result; fold (reductions) feeds every chunk to one accumulator.
//
// Errors never cross as exceptions: a refusal comes back as the string "<class>\n<message>"
// (class: the Python exception's name, set by fastmath-wasm), and a trap (a Rust panic, or an
// internal error) re-instantiates the module and comes back as "RuntimeError\n<detail>".
(function () {
  "use strict";

  // Words of the fixed header and of array entries (rust/fastmath-wasm/src/header.rs).
  const H_LENGTH = 0;
  const H_MODE = 1;
  const H_STREAMED = 2;
  const H_OUT = 3;
  const H_OUT_BYTES = 4;
  const H_ARRAYS = 9;
  const A_ITEMSIZE = 3;
  const A_NDIM = 4;
  const A_SOURCE = 6;
  const A_SPAN = 7;
  const A_AT = 9;
  const A_SHAPE = 10;
  const MODE_MAP = 1;
  const R_FLOAT = 1;
  const R_INT = 2;
  const R_ARRAY = 3;
  const R_SCALAR = 5;
  // Bytes per element of each dtype, by its code (fastmath-api's DType order; a test holds
  // this to the table's DTYPES).
  const ITEMSIZE = [1, 1, 1, 2, 2, 4, 4, 8, 8, 2, 4, 8, 8, 16];
  const F64 = 11; // fastmath_api::DType::F64.code()
  // Elements per array per chunk when streaming: 64 KB, so a binary operation's operands and
  // result stay in L2 between the copy and the kernel. The threaded module takes chunks
  // THREADED times larger, each worth splitting across its threads (fastmath_core::parallel).
  const CHUNK_ONE = 8192;
  const THREADED = 16;
  let CHUNK = CHUNK_ONE;
  // What Python is asked to do before calling again: hand over its memory (first call, or
  // after Pyodide's memory grew, which detaches every view of it).
  const NEED_HEAP = -1;
  const REFUSALS = new Set([
    "TypeError",
    "ValueError",
    "LinAlgError",
    "MemoryError",
    "AxisError",
    "OverflowError",
    "IndexError",
    "ZeroDivisionError",
  ]);

  let factory = null; // makes a fresh namespace of the wasm-bindgen glue (or threads.js's)
  let compiled = null; // the WebAssembly.Module
  let ns = null; // the current instance's exports (through the glue)
  let memory = null; // and its memory
  let shared = false; // whether that memory is shared (the threaded module)
  let threaded = null; // threads.js's object, once the threaded module is loaded
  let threadedModule = null; // and that module, compiled
  let threadLimit = 0; // threads asked for by `setThreads` (0: none asked)
  let instances = 0;
  let base = 0; // byte address of the scratch region
  let capacity = 0; // and its size
  let buffer = null; // memory.buffer when the views below were made
  let u8 = null;
  let f64 = null;
  let words = null; // Python's header array (a Float64Array over Pyodide's memory)
  let py = null; // Pyodide's memory, as bytes
  let numpy = 0; // 1 when Python can return numpy arrays

  function instantiate() {
    if (ns !== null && ns.dispose) ns.dispose();
    ns = factory();
    memory = ns.initSync({ module: compiled }).memory;
    if (threadLimit > 0 && ns.setThreads) ns.setThreads(threadLimit); // kept across a trap
    shared = typeof SharedArrayBuffer !== "undefined" && memory.buffer instanceof SharedArrayBuffer;
    ns.setPanicLogging(false);
    base = capacity = 0;
    buffer = u8 = f64 = null; // no view keeps the old instance's memory alive
    instances += 1;
  }

  // A WebAssembly memory never shrinks: after a call that left the module's memory above
  // RELEASE_ABOVE (one huge whole-copy call: the steady state is a few MB, streaming keeps it
  // so), the next call starts on a fresh instance and the old memory is garbage, unless that
  // call is big itself (its arrays more than 1/KEEP_FOR of the memory): a loop of fft calls of
  // 2**20 points (16 MB, ~80 MB of memory) keeps its instance, its grown memory and its cached
  // FFT plans (re-instantiating each time cost 4x the transform). Safe between calls: the
  // previous call's results were copied out by its last crossing, and the module keeps no
  // state across calls but caches. Costs about 1 ms, once per huge call.
  const RELEASE_ABOVE = 64 * 1024 * 1024;
  const KEEP_FOR = 8;
  function releaseHighWater() {
    views();
    const bytes = buffer.byteLength;
    if (bytes <= RELEASE_ABOVE) return;
    let arrays = 0;
    for (const e of arrayEntries()) arrays += words[e + A_SPAN];
    if (KEEP_FOR * arrays < bytes) instantiate();
  }

  // Views of the module's memory, re-made when it has grown. Growth detaches the old buffer,
  // whose byteLength is then 0: testing that is cheaper than reading `memory.buffer` (a getter
  // that calls into the engine) on every call. A shared memory (the threaded module's) is
  // never detached: its growth shows as a new `memory.buffer`.
  function views() {
    if (buffer === null || buffer.byteLength === 0 || (shared && memory.buffer !== buffer)) {
      buffer = memory.buffer;
      u8 = new Uint8Array(buffer);
      f64 = new Float64Array(buffer);
    }
  }

  function align(bytes) {
    return Math.ceil(bytes / 16) * 16;
  }

  // Room for a call's string pieces after its header and arrays: the threaded module reads
  // them there (threads.js); wasm-bindgen's glue passes them its own way and ignores it.
  function room(text) {
    return text ? 3 * text.length : 0;
  }

  // A scratch region of at least `bytes` bytes (the module words a MemoryError for `index`).
  function ensure(bytes, index) {
    if (bytes > capacity) {
      capacity = 0;
      base = ns.scratch(bytes, index);
      capacity = bytes;
    }
    views();
  }

  // Same-type TypedArray.set copies bytes: every word crosses bit for bit (NaN payloads).
  function writeHeader() {
    f64.set(words.subarray(0, words[H_LENGTH]), base / 8);
  }

  function copyIn(source, bytes, to) {
    if (bytes > 0) u8.set(py.subarray(source, source + bytes), base + to);
  }

  // Copies the result words at `address` into `words`; an array result of the preallocated
  // size and dtype goes straight into that result (marked by a negative kind). Other array
  // results go into `words` after the result words while they fit, so that Python needs no
  // second crossing (`copyOut`) for small ones: their address word becomes minus their word
  // offset in `words`.
  function collect(address, out, outBytes) {
    views();
    const at = address / 8;
    const n = f64[at];
    if (n + 1 > words.length) throw internal("result header too long");
    words.set(f64.subarray(at, at + n + 1)); // bit for bit
    if (out && words[1] === R_ARRAY && words[2] === F64 && n === 4 + words[3]) {
      let bytes = 8;
      for (let d = 0; d < words[3]; d++) bytes *= words[5 + d];
      if (bytes === outBytes) {
        py.set(u8.subarray(words[4], words[4] + bytes), out);
        words[1] = -R_ARRAY;
        return n;
      }
    }
    let free = n + 1;
    for (let k = 1; k <= n; ) {
      const kind = words[k];
      if (kind === R_ARRAY) {
        const ndim = words[k + 2];
        let bytes = ITEMSIZE[words[k + 1]];
        for (let d = 0; d < ndim; d++) bytes *= words[k + 4 + d];
        const count = Math.ceil(bytes / 8); // arrays take whole arena words
        if (count <= words.length - free) {
          const from = words[k + 3] / 8; // arena words are 8-byte aligned
          words.set(f64.subarray(from, from + count), free); // same type: bits kept
          words[k + 3] = -free;
          free += count;
        }
        k += 4 + ndim;
      } else {
        // An int, a number of another dtype, or a float or a tuple's count (its items follow).
        k += kind === R_INT ? 3 : kind === R_SCALAR ? 4 : 2;
      }
    }
    return n;
  }

  // Word offsets of the array entries: the header's last A words.
  function arrayEntries() {
    const count = words[H_ARRAYS];
    const first = words[H_LENGTH] - count;
    const entries = [];
    for (let j = 0; j < count; j++) entries.push(words[first + j]);
    return entries;
  }

  // Every array copied whole after the header (the commonest call: no list, no closure).
  function whole(index, text) {
    const out = words[H_OUT];
    const outBytes = words[H_OUT_BYTES];
    const n = words[H_LENGTH];
    const first = n - words[H_ARRAYS];
    let end = align(n * 8);
    for (let j = first; j < n; j++) {
      const e = words[j];
      words[e + A_AT] = end;
      end = align(end + words[e + A_SPAN]);
    }
    ensure(end + room(text), index);
    for (let j = first; j < n; j++) {
      const e = words[j];
      copyIn(words[e + A_SOURCE], words[e + A_SPAN], words[e + A_AT]);
    }
    writeHeader();
    return collect(ns.call(index, text, end), out, outBytes);
  }

  // Map or fold over `n` elements of every array of one or more dimensions (Python sends
  // C-contiguous ones only, of any dtype for map, float64 for fold); 0-D arrays are copied
  // once. Map's chunk results go into the preallocated result, whose dtype Python asked first.
  function stream(index, text, mode) {
    const n = words[H_STREAMED];
    const out = words[H_OUT];
    const outBytes = words[H_OUT_BYTES];
    const streamed = [];
    const sources = [];
    const sizes = [];
    const once = [];
    let end = align(words[H_LENGTH] * 8);
    for (const e of arrayEntries()) {
      words[e + A_AT] = end;
      if (words[e + A_NDIM] > 0) {
        streamed.push(e);
        sources.push(words[e + A_SOURCE]);
        sizes.push(words[e + A_ITEMSIZE]);
        end = align(end + CHUNK * words[e + A_ITEMSIZE]);
      } else {
        once.push(e);
        end = align(end + words[e + A_SPAN]);
      }
    }
    ensure(end + room(text), index);
    for (const e of once) copyIn(words[e + A_SOURCE], words[e + A_SPAN], words[e + A_AT]);
    for (let i = 0; i < n; i += CHUNK) {
      const len = Math.min(CHUNK, n - i);
      for (let k = 0; k < streamed.length; k++) {
        const e = streamed[k];
        copyIn(sources[k] + sizes[k] * i, sizes[k] * len, words[e + A_AT]);
        // Only the first and the last chunk change the header: each array becomes (len, 1, ...).
        if (i === 0 || len !== CHUNK) {
          words[e + A_SPAN] = sizes[k] * len;
          words[e + A_SHAPE] = len;
          for (let d = 1; d < words[e + A_NDIM]; d++) words[e + A_SHAPE + d] = 1;
        }
      }
      if (i === 0 || len !== CHUNK) writeHeader();
      if (mode === MODE_MAP) {
        const at = ns.call(index, text, end) / 8;
        views();
        const size = ITEMSIZE[f64[at + 2]];
        if (f64[at + 1] !== R_ARRAY || f64[at] !== 4 + f64[at + 3] || size * n !== outBytes) {
          throw internal("a streamed function returned something else than one array of the result's dtype");
        }
        const from = f64[at + 4];
        py.set(u8.subarray(from, from + size * len), out + size * i);
      } else {
        if (i === 0) ns.fold_start(index, text, end);
        ns.fold_push(len);
      }
    }
    if (mode === MODE_MAP) {
      words[0] = 1;
      words[1] = -R_ARRAY;
      return 1;
    }
    return collect(ns.fold_finish(), 0, 0);
  }

  // Serves calls from a fresh instance of the compiled threaded `module` with a pool of
  // `threads` threads (threads.js, evaluated: `host`, which said they can run); "" when done,
  // else why not, and then the module loaded before, if any, serves on.
  function useThreaded(host, module, threads) {
    const before = [factory, compiled];
    try {
      factory = () => host.namespace(module, threads);
      compiled = module;
      instantiate();
    } catch (e) {
      [factory, compiled] = before;
      ns = null;
      if (factory !== null) instantiate();
      return `${e && e.name}: ${e && e.message}`;
    }
    threaded = host;
    threadedModule = module;
    CHUNK = CHUNK_ONE * THREADED;
    return "";
  }

  function internal(message) {
    const error = new Error(message);
    error.name = "InternalError";
    return error;
  }

  // The string for Python of anything thrown during a call; a trap re-instantiates.
  function failure(e) {
    const named = e !== null && typeof e === "object";
    const name = named ? String(e.name) : "";
    const message = named ? String(e.message) : String(e);
    if (REFUSALS.has(name)) return `${name}\n${message}`;
    let detail = `${name}: ${message}`;
    try {
      const panic = ns.lastPanicMessage();
      if (panic) detail += `: Rust panic: ${panic}`;
    } catch {
      // A trapped instance may not answer: the message is enough.
    }
    instantiate();
    return `RuntimeError\n${detail}`;
  }

  function attempt(body) {
    if (words === null || words.length === 0) return NEED_HEAP;
    try {
      return body();
    } catch (e) {
      return failure(e);
    }
  }

  function run(index, text) {
    if (words === null || words.length === 0) return NEED_HEAP;
    try {
      releaseHighWater();
      const mode = words[H_MODE];
      return mode === 0 ? whole(index, text) : stream(index, text, mode);
    } catch (e) {
      return failure(e);
    }
  }


  // A float result that Python receives intact as a float is handed over as the crossing's
  // value, with nothing else copied: finite and not integral (Pyodide makes an integral number
  // an int, and a zero may be -0.0). Else undefined: the result words are in `words`.
  function floatOrWords() {
    if (words[H_LENGTH] !== 2 || words[1] !== R_FLOAT) return undefined;
    const v = words[2];
    return Number.isFinite(v) && !Number.isInteger(v) ? v : undefined;
  }

  // Function `index`'s crossing of any header Python wrote: `run` for that function, answering
  // a float result as `floatOrWords` does (and undefined for other results).
  function general(index) {
    return function (text) {
      const n = run(index, text);
      return typeof n === "number" && n >= 0 ? floatOrWords() : n;
    };
  }

  // Function `index`'s lane of a call of `count` (1 or 2) 1-D float64 arrays, copied whole.
  // Python calls it without arguments (each value handed to JavaScript costs Pyodide some
  // 0.15 us) once it has written their addresses and lengths into words 0-1 (and 2-3) of
  // `words`, and, for an elementwise function (`map`), the address of the preallocated result
  // (or 0) into the next word. This copies the arrays into the scratch region and runs the
  // module's `callArrays`, which reads them as `call` reads the header `encode` would have
  // written (header.rs): same values, same results, same errors (tested). The answer is
  // `general`'s.
  function lane(index, count, map) {
    return function () {
      if (words === null || words.length === 0) return NEED_HEAP;
      try {
        const a = words[0];
        const n = words[1];
        const b = count === 2 ? words[2] : 0;
        const m = count === 2 ? words[3] : 0;
        const out = map ? words[2 * count] : 0;
        const second = align(8 * n);
        const end = count === 2 ? second + 8 * m : 8 * n;
        views();
        // releaseHighWater, for these arrays
        if (buffer.byteLength > RELEASE_ABOVE && KEEP_FOR * 8 * (n + m) < buffer.byteLength) {
          instantiate();
        }
        ensure(end, index);
        if (n > 0) u8.set(py.subarray(a, a + 8 * n), base);
        if (m > 0) u8.set(py.subarray(b, b + 8 * m), base + second);
        const address = ns.callArrays(index, count, 0, n, second, m, numpy !== 0);
        // floatOrWords, without copying the result words first
        views();
        const at = address / 8;
        if (f64[at] === 2 && f64[at + 1] === R_FLOAT) {
          const v = f64[at + 2];
          if (Number.isFinite(v) && !Number.isInteger(v)) return v;
        }
        collect(address, out, 8 * n);
        return undefined;
      } catch (e) {
        return failure(e);
      }
    };
  }

  // The fast lanes of a call of one or two floats (fastmath-wasm's number.rs): the float
  // result, or NaN when the full path must answer. A trap re-instantiates and answers NaN too,
  // so the full path reports it.
  function number(index, x) {
    try {
      return ns.number(index, x);
    } catch (e) {
      failure(e);
      return NaN;
    }
  }

  function numbers(index, x, y) {
    try {
      return ns.numbers(index, x, y);
    } catch (e) {
      failure(e);
      return NaN;
    }
  }

  return {
    // Loading: "" when ready, else "<error name>\n<message>" (a RangeError where the host
    // refuses to compile synchronously, as Chromium's main thread does above 8 MB). The glue
    // declares `let wasm_bindgen`: `new Function` gives it a fresh scope per instance.
    load(glue, bytes) {
      try {
        factory = new Function(`${glue}\nreturn wasm_bindgen;`);
        compiled = new WebAssembly.Module(bytes);
      } catch (e) {
        return `${e && e.name}\n${e && e.message}`;
      }
      instantiate();
      return "";
    },
    async loadAsync(glue, bytes) {
      factory = new Function(`${glue}\nreturn wasm_bindgen;`);
      compiled = await WebAssembly.compile(bytes);
      instantiate();
    },
    // The threaded module instead (threads.js, evaluated: `host`), with a pool of `threads`
    // threads; "" when ready, else why not (then the caller loads the other module).
    loadThreaded(host, bytes, threads) {
      const why = host.unavailable(threads);
      if (why) return why;
      let module;
      try {
        module = new WebAssembly.Module(bytes);
      } catch (e) {
        return `${e && e.name}: ${e && e.message}`;
      }
      return useThreaded(host, module, threads);
    },
    // Threads a call uses (1 but with the threaded module).
    get threads() {
      return ns.threads === undefined ? 1 : ns.threads;
    },
    // Uses `n` threads from now on: fewer than the pool's size only lowers the limit; more
    // makes a fresh instance with a pool of `n` (between calls the module keeps nothing but
    // caches). Answers as `loadThreaded` (with the threaded module loaded only now if need be).
    setThreads(n) {
      if (threaded === null) return "the threaded module is not loaded";
      threadLimit = n;
      if (n > ns.poolSize) return useThreaded(threaded, threadedModule, n);
      ns.setThreads(n);
      return "";
    },
    get threadsStarted() {
      return ns.started === undefined ? 0 : ns.started;
    },
    // Builds the threaded module's pool and waits, at most `ms`, until its threads have
    // started (a browser starts a nested Worker only while this thread's event loop turns);
    // resolves to the number started.
    async startPool(ms) {
      if (ns.poolSize === undefined) return 0;
      const wanted = ns.poolSize - 1;
      const until = Date.now() + ms;
      while (ns.started < wanted && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return ns.started;
    },
    // "name,...;kind,...;code,...": the functions in index order, how each may stream, and
    // the dtype of a list of each mask of number kinds (fastmath-wasm's listDTypes).
    table() {
      const kinds = Array.from(ns.streamKinds()).join(",");
      return `${ns.functionNames().join(",")};${kinds};${Array.from(ns.listDTypes()).join(",")}`;
    },
    namespace() {
      return ns;
    },
    get instances() {
      return instances;
    },
    // The module's memory in bytes (tests check that a huge call's high water is released).
    get memoryBytes() {
      return memory.buffer.byteLength;
    },
    // The scratch region's size in bytes (tests check that streaming keeps it small).
    get capacity() {
      return capacity;
    },
    // Elements per array per chunk when streaming (tests bound the scratch region by it).
    get chunk() {
      return CHUNK;
    },
    // Takes Python's header array: its memory is Pyodide's memory.
    setHeap(header) {
      const view = header.getBuffer("f64");
      words = view.data;
      py = new Uint8Array(words.buffer);
      view.release();
    },
    // One call of function `index` (its header in `words`): the number of result words, or
    // NEED_HEAP, or an error string. `text`: the header's string pieces, or undefined.
    call: run,
    // Whether Python can return numpy arrays (header word 5 of `arrays`), once loaded.
    setNumpy(flag) {
      numpy = flag ? 1 : 0;
    },
    // Function `index`'s crossings, for Python to keep: [one array, two arrays, any header,
    // one float, two floats], each bound to the index (one value less to hand over per call).
    // `map`: whether the function is elementwise (its table entry streams by map), as Python
    // read the table once.
    plan(index, map) {
      return [
        lane(index, 1, map),
        lane(index, 2, map),
        general(index),
        (x) => number(index, x),
        (x, y) => numbers(index, x, y),
      ];
    },
    // The float lanes of any function (`plan` binds them to one).
    number,
    numbers,
    // Copies result arrays out: `words` holds [count, (module address, Pyodide address,
    // bytes) * count].
    copyOut() {
      return attempt(() => {
        views();
        for (let i = 0, k = 1; i < words[0]; i++, k += 3) {
          py.set(u8.subarray(words[k], words[k] + words[k + 2]), words[k + 1]);
        }
        return 0;
      });
    },
    // The MemoryError message for a result Python could not allocate (a dtype code, a shape).
    resultTooLarge(index, code, shape) {
      ensure(8 * (shape.length + 1), index); // the threaded module reads the shape there
      return ns.resultTooLarge(index, code, shape);
    },
    // Test-only: a Rust panic through the same error path as a call.
    panicForTests(message) {
      return attempt(() => {
        ensure(room(message) + 8, 0);
        return ns._panic_for_tests(message);
      });
    },
  };
})();
