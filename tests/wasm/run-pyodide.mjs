// Runs tests/wasm/test_*.py inside Pyodide under node against the universal wheel, offline.
//
//   node tests/wasm/run-pyodide.mjs --pyodide node_modules/pyodide-0.26 --wheel dist/fastmath-...whl
//        [--install loadPackage|unzip] [--env FASTMATH_BACKEND=wasm] [--only name-substring]
//
// The tests are plain functions (`test_*`, sync or async) run by a small harness in harness.py:
// the npm Pyodide ships no pytest. The run fails when any test fails, when no test ran, or when
// anything tried to reach the network (fetch is replaced by a recorder that refuses).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = { install: "loadPackage", env: [], only: "" };
for (let i = 2; i < process.argv.length; i += 2) {
  const [key, value] = [process.argv[i].replace(/^--/, ""), process.argv[i + 1]];
  if (key === "env") args.env.push(value);
  else args[key] = value;
}
if (!args.pyodide || !args.wheel) {
  console.error("usage: run-pyodide.mjs --pyodide DIR --wheel WHEEL [--install loadPackage|unzip]");
  process.exit(2);
}
const pyodideDir = path.resolve(args.pyodide) + "/";
const wheel = path.resolve(args.wheel);

// Offline: any network request is refused and fails the run.
const attempts = [];
globalThis.fetch = async (url) => {
  attempts.push(String(url));
  throw new Error(`network access refused in tests: ${url}`);
};

const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const started = performance.now();
const pyodide = await loadPyodide({ indexURL: pyodideDir, stdout: (s) => console.log(s), stderr: (s) => console.error(s) });
const env = Object.fromEntries(args.env.map((kv) => kv.split(/=(.*)/s).slice(0, 2)));
pyodide.runPython(`import os\nos.environ.update(${JSON.stringify(env)})`);

if (args.install === "loadPackage") {
  await pyodide.loadPackage(wheel);
} else {
  // micropip-free install: unpack the wheel into site-packages (a pure wheel needs no more).
  pyodide.FS.writeFile("/tmp/fastmath.whl", readFileSync(wheel));
  pyodide.runPython(`
import site, zipfile
zipfile.ZipFile("/tmp/fastmath.whl").extractall(site.getsitepackages()[0])
`);
}

pyodide.FS.mkdirTree("/tests");
for (const name of readdirSync(here)) {
  if (name.endsWith(".py")) pyodide.FS.writeFile(`/tests/${name}`, readFileSync(path.join(here, name)));
}
pyodide.runPython("import sys; sys.path.insert(0, '/tests')");
const version = pyodide.runPython("import sys; sys.version.split()[0]");
console.log(`# Pyodide ${pyodide.version} (Python ${version}), wheel ${path.basename(wheel)}, install ${args.install}, env ${JSON.stringify(env)}, startup ${((performance.now() - started) / 1000).toFixed(1)} s`);
const summary = await pyodide.runPythonAsync(`
import harness
await harness.run_all(${JSON.stringify(args.only)})
`);
const [passed, failed] = summary.toJs();
if (attempts.length) console.error(`FAIL: network requests attempted: ${attempts.join(", ")}`);
const ok = failed === 0 && passed > 0 && attempts.length === 0;
console.log(`# ${ok ? "OK" : "FAILED"}: ${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
