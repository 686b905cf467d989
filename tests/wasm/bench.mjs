// Quick benchmark of the universal (wasm) backend beside the native one, in one Pyodide under
// node: per-call overhead, small arrays, and 1e6 doubles (streamed). Offline; prints a table.
//
//   node tests/wasm/bench.mjs --pyodide node_modules/pyodide --wasm-wheel dist/...-py3-none-any.whl
//        [--native-wheel dist/...-pyemscripten_2026_0_wasm32.whl]
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
globalThis.fetch = async (url) => { throw new Error(`network access refused: ${url}`); };
const dir = path.resolve(args.pyodide) + "/";
const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: dir });
// Native through loadPackage, then the universal wheel's fastmath/_wasm unpacked beside it
// (loadPackage refuses a second package named fastmath): fastmath._native and fastmath._wasm
// side by side.
if (args["native-wheel"]) await pyodide.loadPackage(path.resolve(args["native-wheel"]));
pyodide.FS.writeFile("/tmp/universal.whl", readFileSync(path.resolve(args["wasm-wheel"])));
pyodide.runPython(`
import site, zipfile
with zipfile.ZipFile("/tmp/universal.whl") as zf:
    zf.extractall(site.getsitepackages()[0], [n for n in zf.namelist() if n.startswith("fastmath/")])
`);
await pyodide.runPythonAsync(`
import math, time, importlib
from array import array

def per_call(fn, *a, target=0.3):
    """Best of 5 timings of a loop sized to take ~target/5 s, in seconds per call."""
    n = 1
    while True:
        t = time.perf_counter()
        for _ in range(n):
            fn(*a)
        dt = time.perf_counter() - t
        if dt > target / 5 or n > 1_000_000:
            break
        n *= 4
    best = dt / n
    for _ in range(4):
        t = time.perf_counter()
        for _ in range(n):
            fn(*a)
        best = min(best, (time.perf_counter() - t) / n)
    return best

backends = {}
for name in ("_native", "_wasm"):
    try:
        backends[name.strip("_")] = importlib.import_module("fastmath." + name)
    except ImportError as err:
        print(f"# {name}: not available ({err})")

one, x = array("d", [1.0]), array("d", [0.5]) * 1_000_000
xl = x.tolist()
print(f"# Pyodide {__import__('pyodide').__version__}; times per call")
print(f"{'case':42} " + " ".join(f"{b:>12}" for b in backends))
def row(label, fn):
    cells = []
    for b, m in backends.items():
        t = per_call(fn, m)
        cells.append(f"{t * 1e6:9.2f} us" if t < 1e-3 else f"{t * 1e3:9.3f} ms")
    print(f"{label:42} " + " ".join(f"{c:>12}" for c in cells))

x3 = array("d", [0.5]) * 1000
row("square(3.0)  (scalar)", lambda m: m.square(3.0))
row("sqrt(3.0)", lambda m: m.sqrt(3.0))
row("sum(1.0)  (scalar)", lambda m: m.sum(1.0))
row("sum(array('d', [1.0]))  (call overhead)", lambda m: m.sum(one))
row("square(array('d', [1.0]))", lambda m: m.square(one))
row("dot(one, one)", lambda m: m.dot(one, one))
row("sum(array('d') of 1e3)", lambda m: m.sum(x3))
row("square(array('d') of 1e3)", lambda m: m.square(x3))
row("add(array('d') of 1e3, same)", lambda m: m.add(x3, x3))
row("sum(x, axis=None) of 1e3  (keyword)", lambda m: m.sum(x3, axis=None))
row("sum(array('d') of 1e6)", lambda m: m.sum(x))
row("dot(array('d') of 1e6, same)", lambda m: m.dot(x, x))
row("add(array('d') of 1e6, same)", lambda m: m.add(x, x))
row("square(array('d') of 1e6)", lambda m: m.square(x))
row("sum(list of 1e6 floats)", lambda m: m.sum(xl))
print(f"{'reference: builtin sum(array of 1e6)':42} {per_call(sum, x) * 1e3:9.3f} ms")
print(f"{'reference: math.fsum(array of 1e6)':42} {per_call(math.fsum, x) * 1e3:9.3f} ms")
`);
