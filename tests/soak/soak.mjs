// Soak test: a million mixed fastmath calls inside Pyodide under node, measuring memory before,
// during and after; fails when anything grows more than --limit-mb after the warm-up.
//
//   node --expose-gc tests/soak/soak.mjs --wheel WHEEL [--env KEY=VALUE]... [--calls N]
//        [--warmup N] [--batch N] [--limit-mb MB] [--huge-mb MB] [--after N] [--json FILE]
//
// `make soak` runs it for the native and the universal wheel of Pyodide 314. What is measured:
//   heap    Pyodide's WebAssembly memory (HEAP8.length): grows, never shrinks
//   module  the universal backend's own WebAssembly.Memory (wasm-bindgen instance), 0 on native
//   js      node's JavaScript heap after a full GC (JsProxy / PyProxy leaks show here)
//   objects Python objects the collector tracks, after gc.collect() (leaked containers show here)
// The calls are tests/soak/soak_calls.py's pool (every function, valid and bad arguments), each
// checked against its first outcome. After the soak, one huge call (--huge-mb, a matmul result)
// shows the high-water behaviour: what stays allocated through --after more calls, and
// (universal) whether a fresh instance, made through the trap path, gives the memory back once
// the old one is collected. That part is reported, not judged (only a trap that makes no fresh
// instance fails).
//
// Offline: Pyodide from node_modules, fastmath from a local wheel, nothing else is loaded.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const options = {
  pyodide: path.join(ROOT, "node_modules", "pyodide"),
  wheel: null,
  env: {},
  calls: 1_000_000,
  warmup: 20_000,
  batch: 50_000,
  limitMb: 8,
  hugeMb: 500,
  after: 10_000,
  json: null,
};
const argv = process.argv.slice(2);
while (argv.length) {
  const flag = argv.shift();
  const value = argv.shift();
  if (value === undefined) throw new Error(`${flag} needs a value`);
  if (flag === "--pyodide") options.pyodide = path.resolve(value);
  else if (flag === "--wheel") options.wheel = path.resolve(value);
  else if (flag === "--env") {
    const [key, ...rest] = value.split("=");
    options.env[key] = rest.join("=");
  } else if (flag === "--calls") options.calls = Number(value);
  else if (flag === "--warmup") options.warmup = Number(value);
  else if (flag === "--batch") options.batch = Number(value);
  else if (flag === "--limit-mb") options.limitMb = Number(value);
  else if (flag === "--huge-mb") options.hugeMb = Number(value);
  else if (flag === "--after") options.after = Number(value);
  else if (flag === "--json") options.json = path.resolve(value);
  else throw new Error(`unknown flag ${flag}`);
}
if (!options.wheel) throw new Error("--wheel is required");
if (typeof globalThis.gc !== "function") throw new Error("run node with --expose-gc");

// The universal backend's memory is private to runtime.js; every instance of its module is
// made with `new WebAssembly.Instance` (wasm-bindgen's initSync, or threads.js for the threaded
// module, whose pool threads instantiate it in their own Workers, unseen here), so the newest
// instance that exports the module's `scratch` (`hostScratch`: the threaded module) is the one
// in use.
let moduleMemory = null;
let moduleInstances = 0;
WebAssembly.Instance = new Proxy(WebAssembly.Instance, {
  construct(target, args, newTarget) {
    const instance = Reflect.construct(target, args, newTarget);
    const { scratch, hostScratch } = instance.exports;
    if (typeof scratch === "function" || typeof hostScratch === "function") {
      moduleMemory = instance.exports.memory;
      moduleInstances += 1;
    }
    return instance;
  },
});

const MB = 2 ** 20;
const { loadPyodide } = await import(pathToFileURL(path.join(options.pyodide, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: options.pyodide + path.sep,
  env: { HOME: "/home/pyodide", ...options.env },
});
await pyodide.loadPackage(options.wheel, {
  errorCallback: (m) => {
    throw new Error(`loading ${options.wheel}: ${m}`);
  },
});
pyodide.FS.writeFile("/home/pyodide/soak_calls.py", readFileSync(path.join(HERE, "soak_calls.py")));
pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide'); import soak_calls");
const describe = pyodide.runPython("soak_calls.describe()");
const runCalls = pyodide.runPython("soak_calls.run");

function measure(label, counts) {
  globalThis.gc();
  const [calls, ok, errors, objects] = counts.split(" ").map(Number);
  return {
    label,
    calls,
    ok,
    errors,
    objects,
    heap: pyodide._module.HEAP8.length / MB,
    module: moduleMemory ? moduleMemory.buffer.byteLength / MB : 0,
    js: process.memoryUsage().heapUsed / MB,
    rss: process.memoryUsage().rss / MB,
    seconds: (performance.now() - start) / 1000,
  };
}

function show(m) {
  const f = (x) => x.toFixed(1).padStart(8);
  console.log(
    `${m.label.padEnd(10)} ${String(m.calls).padStart(8)} calls (${m.errors} errors) ` +
      `heap ${f(m.heap)} MB  module ${f(m.module)} MB  js ${f(m.js)} MB  ` +
      `rss ${f(m.rss)} MB  objects ${m.objects}  ${m.seconds.toFixed(1)} s`,
  );
}

console.log(`soak: ${describe}; ${options.calls} calls, Pyodide ${pyodide.version}`);
const start = performance.now();
const rows = [measure("start", runCalls(0))];
show(rows[0]);
const baseline = measure("warm", runCalls(options.warmup));
rows.push(baseline);
show(baseline);
for (let done = options.warmup; done < options.calls; ) {
  const n = Math.min(options.batch, options.calls - done);
  rows.push(measure("soak", runCalls(n)));
  done += n;
  show(rows.at(-1));
}
const last = rows.at(-1);
const growth = {
  heap: last.heap - baseline.heap,
  module: last.module - baseline.module,
  js: last.js - baseline.js,
  objects: last.objects - baseline.objects,
};
const high = {
  heap: Math.max(...rows.map((r) => r.heap)),
  module: Math.max(...rows.map((r) => r.module)),
};
const failures = [];
for (const key of ["heap", "module", "js"]) {
  if (growth[key] > options.limitMb) {
    failures.push(`${key} grew ${growth[key].toFixed(1)} MB after warm-up (limit ${options.limitMb})`);
  }
}
// At most one object per thousand calls (and 1,000): a leak of one per call is far above it.
const objectLimit = Math.max(1000, (options.calls - options.warmup) / 1000);
if (growth.objects > objectLimit) {
  failures.push(`Python's tracked objects grew by ${growth.objects} (limit ${objectLimit})`);
}
console.log(
  `growth after warm-up: heap ${growth.heap.toFixed(1)} MB, module ${growth.module.toFixed(1)} MB, ` +
    `js ${growth.js.toFixed(1)} MB, objects ${growth.objects}; ` +
    `${((last.calls - baseline.calls) / (last.seconds - baseline.seconds)).toFixed(0)} calls/s`,
);

// High water: one huge result, then small calls again, then (universal) a fresh instance.
const huge = [];
const n = Math.floor(Math.sqrt((options.hugeMb * 1e6) / 8));
const backend = pyodide.runPython("import fastmath; fastmath.backend");
pyodide.runPython(`
from array import array
import fastmath
_col = memoryview(array("d", [1.0]) * ${n}).cast("B").cast("d", (${n}, 1))
_row = memoryview(array("d", [2.0]) * ${n}).cast("B").cast("d", (1, ${n}))
_r = fastmath.matmul(_col, _row)
assert _r.shape == (${n}, ${n}) and _r[${n - 1}, ${n - 1}] == 2.0
del _r, _col, _row
`);
huge.push(measure(`huge ${options.hugeMb} MB`, runCalls(0)));
huge.push(measure("later", runCalls(options.after)));
let oldModuleFreed = null;
if (backend === "wasm") {
  const before = moduleInstances;
  const oldMemory = new WeakRef(moduleMemory);
  pyodide.runPython(`
from fastmath._wasm import _call
try:
    _call.panic_for_tests("soak: fresh instance")
except RuntimeError:
    pass
`);
  if (moduleInstances !== before + 1) failures.push("the trap did not make a fresh instance");
  huge.push(measure("re-inst.", runCalls(options.after)));
  // A WeakRef is cleared only after the current job: let the event loop turn, twice.
  for (let i = 0; i < 2; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    globalThis.gc();
  }
  oldModuleFreed = oldMemory.deref() === undefined;
  huge.push(measure("collected", runCalls(0)));
}
for (const m of huge) show(m);
if (oldModuleFreed !== null) {
  console.log(`the huge call's module memory was ${oldModuleFreed ? "" : "NOT "}collected after re-instantiation`);
}

const report = { options, describe, backend, rows, growth, high, huge, oldModuleFreed, failures };
if (options.json) writeFileSync(options.json, JSON.stringify(report, null, 1));
if (failures.length) {
  console.error(`soak FAILED:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log("soak passed");
