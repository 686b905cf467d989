// The universal wheel in headless Chromium (Debian chromium via playwright-core), offline: on a
// page's main thread and in a module Web Worker, for the newest and the oldest Pyodide. Checks
// that fastmath._wasm loads with no user JavaScript and no request beyond the local server, and
// that panic recovery and the streaming path (JS views of Pyodide's memory) work in a browser
// engine too. Those pages are not cross-origin isolated, so one thread serves there; a Worker of
// a page served with COOP/COEP runs the threaded module (docs/threads.md): its pool starts, and
// results are the bits of one thread.
//
//   node --test tests/wasm/browser.check.mjs      (make test-wasm-browser)
//
// Named *.check.mjs so that `node --test tests/wasm/` (the quick JS test) does not start a browser.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { launchBrowser, recordRequests, serveSite } from "../browser/helpers.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const wheel = readdirSync(path.join(ROOT, "dist")).find((f) => f.endsWith("-py3-none-any.whl"));
const PAGES = path.join(ROOT, "build", "wasm-browser");

const PYTHON = `
import json
import fastmath
from fastmath._wasm import _call
out = {"backend": fastmath.backend, "sum": fastmath.sum([1e16, 1.0, -1e16]),
       "square": fastmath.square([1, 2, 3]).tolist()}
try:
    _call.panic_for_tests("in a browser")
except RuntimeError as err:
    out["panic"] = "re-instantiated" in str(err) and "in a browser" in str(err)
out["after"] = fastmath.dot([1, 2], [3, 4])
out["threads"] = fastmath.get_num_threads()
# Large inputs stream through JS views of Pyodide's memory (and getBuffer for a slice).
from array import array
big = array("d", [1.5]) * 100_000
out["stream"] = [fastmath.dot(big, big), fastmath.add(big, big)[-1], fastmath.sum(memoryview(big)[1:])]
json.dumps(out)
`;

// One script for both contexts: run() boots Pyodide, installs the wheel by URL, runs PYTHON.
const RUN = (pyodideDir, code = PYTHON, runner = "runPython") => `
import { loadPyodide } from "/node_modules/${pyodideDir}/pyodide.mjs";
export async function run() {
  const pyodide = await loadPyodide({ indexURL: "/node_modules/${pyodideDir}/" });
  await pyodide.loadPackage("/dist/${wheel}");
  return pyodide.${runner}(${JSON.stringify(code)});
}
`;

let server, isolated, browser;
before(async () => {
  assert.ok(wheel, "dist/ has no universal wheel: run make build-universal");
  mkdirSync(PAGES, { recursive: true });
  server = await serveSite(ROOT);
  isolated = await serveSite(ROOT, {
    headers: { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await isolated?.close();
});

const EXPECTED = {
  backend: "wasm", sum: 1, square: [1, 4, 9], panic: true, after: 11, stream: [225000, 3, 149998.5],
  threads: 1,
};

// In a Worker of an isolated page: the pool, the same bits with 1 and N threads, and (printed,
// not asserted: a benchmark is not a test) the time of a matmul and an exp with each.
const THREADED = `
import json, time
from array import array
import fastmath
from fastmath._wasm import _call, _loader

rt = _loader.RUNTIME.ready()
out = {"unused": rt.threads_unused, "threads": fastmath.get_num_threads()}
x = array("d", [i * 1e-7 for i in range(4_000_000)])
n = 384
a = memoryview(array("d", [((i * 7919) % 17) - 8.0 + 1e-3 * i for i in range(n * n)])).cast("B").cast("d", (n, n))
# The pool's Workers start only while this Worker's event loop turns: init() waits for them.
out["before init"] = rt.helpers.threadsStarted
await fastmath.init()
out["started"] = rt.helpers.threadsStarted

def best(f, *args):
    times = []
    for _ in range(3):
        t = time.perf_counter(); f(*args); times.append(time.perf_counter() - t)
    return round(min(times) * 1e3, 2)

results, times = [], {}
for threads in (1, out["threads"]):
    fastmath.set_num_threads(threads)
    results.append((bytes(memoryview(fastmath.exp(x)).cast("B")),
                    bytes(memoryview(fastmath.matmul(a, a)).cast("B"))))
    times[threads] = {"exp 4e6 ms": best(fastmath.exp, x), "matmul 384 ms": best(fastmath.matmul, a, a)}
out["same bits"] = results[0] == results[1]
try:
    _call.panic_for_tests("in a pool")
except RuntimeError as err:
    out["panic"] = "in a pool" in str(err)
out["after"] = [fastmath.get_num_threads(), fastmath.dot([1, 2], [3, 4])]
out["times"] = times
json.dumps(out)
`;

for (const pyodideDir of ["pyodide", "pyodide-0.26"]) {
  writeFileSync(path.join(PAGES, `run-${pyodideDir}.mjs`), RUN(pyodideDir));
  writeFileSync(
    path.join(PAGES, `worker-${pyodideDir}.mjs`),
    `import { run } from "./run-${pyodideDir}.mjs";\n` +
      `run().then((r) => postMessage({ ok: r }), (e) => postMessage({ error: String(e) }));\n`,
  );
  writeFileSync(path.join(PAGES, "blank.html"), "<!doctype html><title>fastmath wasm check</title>");

  for (const where of ["main thread", "worker"]) {
    test(`${pyodideDir}: ${where}`, { timeout: 180_000 }, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const log = recordRequests(context, page, server.url);
      await page.goto(`${server.url}/build/wasm-browser/blank.html`);
      const result = await page.evaluate(
        async ({ where, pyodideDir }) => {
          if (where === "main thread") {
            const { run } = await import(`/build/wasm-browser/run-${pyodideDir}.mjs`);
            return run();
          }
          const worker = new Worker(`/build/wasm-browser/worker-${pyodideDir}.mjs`, { type: "module" });
          const message = await new Promise((resolve) => (worker.onmessage = (e) => resolve(e.data)));
          worker.terminate();
          if (message.error) throw new Error(message.error);
          return message.ok;
        },
        { where, pyodideDir },
      );
      await context.close();
      assert.deepEqual(JSON.parse(result), EXPECTED);
      assert.deepEqual(log.offsite(), [], "requests left 127.0.0.1");
    });
  }
}

test("pyodide: a Worker of a cross-origin-isolated page runs threads", { timeout: 180_000 }, async () => {
  writeFileSync(path.join(PAGES, "run-threaded.mjs"), RUN("pyodide", THREADED, "runPythonAsync"));
  writeFileSync(
    path.join(PAGES, "worker-threaded.mjs"),
    `import { run } from "./run-threaded.mjs";\n` +
      `run().then((r) => postMessage({ ok: r }), (e) => postMessage({ error: String(e) }));\n`,
  );
  const context = await browser.newContext();
  const page = await context.newPage();
  const log = recordRequests(context, page, isolated.url);
  await page.goto(`${isolated.url}/build/wasm-browser/blank.html`);
  const [result, cores] = await page.evaluate(async () => {
    if (!crossOriginIsolated) throw new Error("the page is not cross-origin isolated");
    const worker = new Worker("/build/wasm-browser/worker-threaded.mjs", { type: "module" });
    const message = await new Promise((resolve) => (worker.onmessage = (e) => resolve(e.data)));
    worker.terminate();
    if (message.error) throw new Error(message.error);
    return [message.ok, navigator.hardwareConcurrency];
  });
  await context.close();
  const out = JSON.parse(result);
  console.log(`# threaded Worker: ${JSON.stringify(out.times)}`);
  const threads = Math.min(16, cores);
  assert.equal(out.unused, "");
  assert.equal(out.threads, threads);
  assert.equal(out["before init"], 0, "no pool thread started before the event loop turned");
  assert.equal(out.started, threads - 1, "every pool thread started in init()");
  assert.equal(out["same bits"], true);
  assert.equal(out.panic, true);
  assert.deepEqual(out.after, [threads, 11]);
  assert.deepEqual(log.offsite(), [], "requests left 127.0.0.1");
});
