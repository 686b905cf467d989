// Runs a Python script inside Pyodide under node with fastmath installed from local wheels.
//
//   node tools/run-in-pyodide.mjs [--pyodide DIR] [--wheel PATH]... [--env KEY=VALUE]...
//                                 SCRIPT.py [ARGS...]
//
// Used by `make demo`, `make fuzz` and the benchmarks. `--env` sets a variable of Pyodide's
// environment before anything is imported (FASTMATH_BACKEND=wasm chooses the backend). The
// script's folder is importable, as with `python SCRIPT.py`.
// Offline by construction: Pyodide comes from
// node_modules and every package from a local wheel; a package Pyodide would fetch from its CDN
// makes the run fail instead of silently reaching for the network.
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
let pyodideDir = path.resolve("node_modules/pyodide");
const wheels = [];
const env = {};
while (args.length && args[0].startsWith("--")) {
  const flag = args.shift();
  if (flag === "--pyodide") pyodideDir = path.resolve(args.shift());
  else if (flag === "--wheel") wheels.push(path.resolve(args.shift()));
  else if (flag === "--env") {
    const [key, ...value] = args.shift().split("=");
    env[key] = value.join("=");
  }
  else throw new Error(`unknown flag ${flag}`);
}
const script = args.shift();
if (!script) {
  console.error(
    "usage: run-in-pyodide.mjs [--pyodide DIR] [--wheel PATH]... [--env KEY=VALUE]... SCRIPT.py [ARGS...]",
  );
  process.exit(2);
}

const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const messages = [];
const pyodide = await loadPyodide({
  indexURL: pyodideDir + path.sep,
  env: { HOME: "/home/pyodide", ...env },
  stdout: (line) => console.log(line),
  stderr: (line) => console.error(line),
});
for (const wheel of wheels) {
  await pyodide.loadPackage(wheel, {
    messageCallback: (m) => messages.push(m),
    errorCallback: (m) => {
      throw new Error(`loading ${wheel}: ${m}`);
    },
  });
}
// As `python SCRIPT.py` does, the script's folder comes first on sys.path, so that it imports
// its sibling modules (read-only through NODEFS: the very files on disk).
const scriptDir = "/script-dir";
pyodide.FS.mkdirTree(scriptDir);
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: path.resolve(path.dirname(script)) }, scriptDir);
const sys = pyodide.pyimport("sys");
sys.path.insert(0, scriptDir);
sys.argv = pyodide.toPy([script, ...args]);
try {
  await pyodide.runPythonAsync(readFileSync(script, "utf8"), { filename: script });
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
