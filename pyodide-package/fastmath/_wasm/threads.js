// The threaded module's host: package data of fastmath._wasm, evaluated once per runtime by
// _loader.py (as runtime.js is). The threaded module is rust/fastmath-wasm built for
// wasm32-wasip1-threads (docs/threads.md): no wasm-bindgen glue, the numbers-only `host*`
// exports, a shared memory it imports, a few WASI functions and `wasi.thread-spawn`.
//
// `namespace(compiled, threads)` gives an object shaped as the wasm-bindgen glue's namespace
// that runtime.js drives (`initSync`, `call`, `scratch`, ...), so runtime.js runs either module
// the same way. Its `initSync` makes a fresh shared memory, instantiates, and builds the
// module's pool of `threads` threads (the caller is one of them). Each other thread is a Web
// Worker (node: a worker_threads Worker) that instantiates the same module over the same memory
// and runs `wasi_thread_start`. A Worker starts while the calling thread's event loop turns
// (a browser starts a nested Worker no sooner); until then the caller does all the work,
// since the module never waits for a thread that has not taken work (docs/threads.md).
//
// `unavailable(threads)` says why this engine cannot run threads ("" when it can): no shared
// memory (a page without cross-origin isolation cannot send it to a Worker), no Workers, or a
// browser's main thread, where waiting on a shared memory traps.
(function () {
  "use strict";

  // Linear memory the module may grow to (its import's maximum: tools/build-wasm.sh links
  // with --max-memory); a shared memory reserves it up front.
  const MAX_PAGES = 32768; // 2 GiB
  const INITIAL_PAGES = 64;

  // The WASI functions the module imports (wasi-libc's start-up, clocks, std's random
  // hash seeds, and stderr for a panic in a pool thread), over `memory`. `spawn(arg)` starts a
  // thread (its id > 0) or answers -1. The same function text runs in the pool's Workers.
  function imports(memory, spawn) {
    const view = () => new DataView(memory.buffer);
    const bytes = () => new Uint8Array(memory.buffer);
    const stderr = [];
    return {
      env: { memory },
      wasi: { "thread-spawn": spawn },
      wasi_snapshot_preview1: {
        environ_get: () => 0,
        environ_sizes_get(count, size) {
          view().setUint32(count, 0, true);
          view().setUint32(size, 0, true);
          return 0;
        },
        clock_time_get(id, precision, out) {
          const ms = id === 0 || !globalThis.performance ? Date.now() : performance.now();
          view().setBigUint64(out, BigInt(Math.round(ms * 1e6)), true);
          return 0;
        },
        // std's hash-map seeds: they need no cryptographic strength, and some hosts (a node
        // whose globals were trimmed) have no `crypto`. getRandomValues refuses views of a
        // shared memory: a copy is filled.
        random_get(at, len) {
          const copy = new Uint8Array(len);
          if (globalThis.crypto && crypto.getRandomValues) {
            for (let i = 0; i < len; i += 65536) {
              crypto.getRandomValues(copy.subarray(i, Math.min(len, i + 65536)));
            }
          } else {
            for (let i = 0; i < len; i++) copy[i] = Math.floor(Math.random() * 256);
          }
          bytes().set(copy, at);
          return 0;
        },
        fd_write(fd, iovs, count, written) {
          const v = view();
          let total = 0;
          for (let i = 0; i < count; i++) {
            const at = v.getUint32(iovs + 8 * i, true);
            const len = v.getUint32(iovs + 8 * i + 4, true);
            for (const b of bytes().slice(at, at + len)) {
              if (b === 10) {
                console.error(String.fromCharCode(...stderr.splice(0)));
              } else {
                stderr.push(b);
              }
            }
            total += len;
          }
          v.setUint32(written, total, true);
          return 0;
        },
        proc_exit(code) {
          throw new Error(`fastmath: the threaded module exited (${code})`);
        },
        sched_yield: () => 0,
      },
    };
  }

  // A pool thread: instantiates the module over the shared memory, counts itself started,
  // and runs the thread's start function (which returns when the pool is dropped: never).
  function thread(data) {
    const { module, memory, tid, arg, started } = data;
    const instance = new WebAssembly.Instance(module, imports(memory, () => -1));
    Atomics.add(started, 0, 1);
    instance.exports.wasi_thread_start(tid, arg);
  }

  const NODE = typeof process === "object" && process.versions && process.versions.node;
  const SOURCE = `"use strict";\n${imports}\n${thread}\n`;
  let url = null; // the browser Workers' script, a blob: URL made once

  // Starts one pool thread: a Worker given `data`; throws when the engine refuses (a memory it
  // cannot share, no Workers).
  function startWorker(data) {
    if (NODE) {
      const { Worker } = process.getBuiltinModule("node:worker_threads");
      const code = `${SOURCE}thread(require("node:worker_threads").workerData);`;
      const worker = new Worker(code, { eval: true, workerData: data });
      worker.unref(); // pool threads never keep node alive
      return worker;
    }
    if (url === null) {
      const code = `${SOURCE}onmessage = (e) => thread(e.data);`;
      url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
    }
    const worker = new Worker(url);
    worker.postMessage(data);
    return worker;
  }

  function unavailable(threads) {
    if (!(threads > 1)) return "one thread was asked for";
    if (typeof SharedArrayBuffer === "undefined") {
      return "no SharedArrayBuffer (a page needs cross-origin isolation: COOP and COEP headers)";
    }
    if (NODE) {
      const nodeWorkers = typeof process.getBuiltinModule === "function";
      return nodeWorkers ? "" : "this node has no process.getBuiltinModule (node >= 20.16)";
    }
    if (typeof Worker === "undefined") return "this engine has no Web Workers";
    if (typeof WorkerGlobalScope === "undefined") {
      return "a browser's main thread cannot wait for other threads (run Pyodide in a Worker)";
    }
    if (!globalThis.crossOriginIsolated) {
      return "the page is not cross-origin isolated (COOP and COEP headers)";
    }
    return "";
  }

  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  function namespace(compiled, threads) {
    let ex = null; // the instance's exports
    let memory = null;
    let base = 0; // the scratch region's address
    const workers = [];
    const started = new Int32Array(new SharedArrayBuffer(4));
    let nextTid = 1;
    let limit = threads;
    let pooled = false; // whether the pool is built (before the instance's first call)
    const pool = () => {
      if (!pooled) {
        ex.hostThreads(threads);
        ex.hostSetThreads(limit);
        pooled = true;
      }
    };

    const u8 = () => new Uint8Array(memory.buffer);
    // The text buffer's contents (a copy: TextDecoder refuses shared memory).
    const text = (len) => {
      const at = ex.hostText();
      return decoder.decode(u8().slice(at, at + len));
    };
    // An export's answer, or the error its 0 stands for ("<class>\n<message>", host.rs).
    const checked = (answer) => {
      if (answer !== 0) return answer;
      const [name, ...rest] = text(ex.hostTextLength()).split("\n");
      const error = new Error(rest.join("\n"));
      error.name = name;
      throw error;
    };
    // Writes `value` at byte `at` of the scratch region (runtime.js made room): [at, len].
    // Encoded apart and copied: browsers refuse encodeInto a view of a shared memory.
    const put = (value, at) => {
      if (value === undefined || value === null || value === "") return [0, 0];
      const bytes = encoder.encode(value);
      u8().set(bytes, base + at);
      return [at, bytes.length];
    };

    function spawn(arg) {
      const tid = nextTid++;
      try {
        workers.push(startWorker({ module: compiled, memory, tid, arg, started }));
        return tid;
      } catch (e) {
        console.warn(`fastmath: running on one thread: ${e && e.message}`);
        return -1;
      }
    }

    const ns = {
      initSync() {
        memory = new WebAssembly.Memory({
          initial: INITIAL_PAGES,
          maximum: MAX_PAGES,
          shared: true,
        });
        ex = new WebAssembly.Instance(compiled, imports(memory, spawn)).exports;
        ex.hostInit(); // first: it starts wasi-libc on this thread
        ex.hostStart();
        pooled = false;
        return { memory };
      },
      setPanicLogging() {},
      // Pool threads (and their Workers) end with the instance.
      dispose() {
        for (const w of workers.splice(0)) w.terminate();
      },
      // The pool's size (the caller included), the threads a call uses now (`setThreads`
      // lowers it), and how many pool threads have started so far.
      get poolSize() {
        pool();
        return ex.hostThreads(threads);
      },
      get threads() {
        pool();
        return ex.hostSetThreads(limit);
      },
      // Applied when the pool is built, if it is not yet.
      setThreads(n) {
        limit = n;
        if (pooled) ex.hostSetThreads(n);
      },
      get started() {
        return Atomics.load(started, 0);
      },
      scratch(bytes, index) {
        base = checked(ex.hostScratch(bytes, index));
        return base;
      },
      // `at`: where runtime.js left room for the text, after the header and the arrays.
      call(index, value, at) {
        pool();
        return checked(ex.hostCall(index, ...put(value, at)));
      },
      callArrays(index, count, first, n, second, m, numpy) {
        pool();
        return checked(ex.hostCallArrays(index, count, first, n, second, m, numpy ? 1 : 0));
      },
      fold_start(index, value, at) {
        pool();
        checked(ex.hostFoldStart(index, ...put(value, at)));
      },
      fold_push(len) {
        checked(ex.hostFoldPush(len));
      },
      fold_finish() {
        return checked(ex.hostFoldFinish());
      },
      number: (index, x) => (pool(), ex.number(index, x)),
      numbers: (index, x, y) => (pool(), ex.numbers(index, x, y)),
      functionNames: () => text(ex.hostTable()).split(";")[0].split(","),
      streamKinds: () => text(ex.hostTable()).split(";")[1].split(",").map(Number),
      listDTypes: () => text(ex.hostTable()).split(";")[2].split(",").map(Number),
      lastPanicMessage: () => text(ex.hostLastPanic()),
      // runtime.js made the scratch region hold the shape's words.
      resultTooLarge(index, code, shape) {
        const dims = Array.from(shape, Number);
        new Float64Array(memory.buffer, base, dims.length).set(dims);
        return text(ex.hostResultTooLarge(index, code, dims.length));
      },
      _panic_for_tests(message) {
        return checked(ex.hostPanicForTests(...put(message, 0)));
      },
    };
    return ns;
  }

  // The default number of threads: the engine's logical cores (at most MAX_THREADS: each
  // thread costs a Worker and 2 MiB of stack in the shared memory).
  const MAX_THREADS = 16;
  function cores() {
    let n = globalThis.navigator && navigator.hardwareConcurrency;
    if (!n && NODE) n = process.getBuiltinModule("node:os").availableParallelism();
    return Math.max(1, Math.min(MAX_THREADS, n || 1));
  }

  return { namespace, unavailable, cores };
})();
