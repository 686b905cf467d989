// Runs benchmarks/bench.py inside Pyodide under node with one fastmath wheel installed, and
// reports how long installing the wheel took (loadPackage also preloads and links the native
// extension's .so, so part of "import" cost lives there; bench.py times the import itself).
//
//   node benchmarks/run-pyodide.mjs --wheel PATH SCRIPT.py [ARGS...]
//
// Offline: Pyodide comes from node_modules, the wheel from disk. Kept apart from
// tools/run-in-pyodide.mjs only to time the install step.
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
let pyodideDir = path.resolve("node_modules/pyodide");
let wheel = null;
while (args.length && args[0].startsWith("--")) {
  const flag = args.shift();
  if (flag === "--pyodide") pyodideDir = path.resolve(args.shift());
  else if (flag === "--wheel") wheel = path.resolve(args.shift());
  else throw new Error(`unknown flag ${flag}`);
}
const script = args.shift();
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
let t = performance.now();
const pyodide = await loadPyodide({
  indexURL: pyodideDir + path.sep,
  stdout: (line) => console.log(line),
  stderr: (line) => console.error(line),
});
const startupMs = performance.now() - t;
t = performance.now();
await pyodide.loadPackage(wheel, {
  messageCallback: () => {},
  errorCallback: (m) => {
    throw new Error(`loading ${wheel}: ${m}`);
  },
});
const installMs = performance.now() - t;
console.log("BENCH_LOAD:" + JSON.stringify({ pyodide_startup_ms: startupMs, install_ms: installMs }));
pyodide.pyimport("sys").argv = pyodide.toPy([script, ...args]);
try {
  await pyodide.runPythonAsync(readFileSync(script, "utf8"), { filename: script });
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
