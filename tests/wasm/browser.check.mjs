// The universal wheel in headless Chromium (Debian chromium via playwright-core), offline: on a
// page's main thread and in a module Web Worker, for the newest and the oldest Pyodide. Checks
// that fastmath._wasm loads with no user JavaScript and no request beyond the local server, and
// that panic recovery and the streaming path (JS views of Pyodide's memory) work in a browser
// engine too.
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
# Large inputs stream through JS views of Pyodide's memory (and getBuffer for a slice).
from array import array
big = array("d", [1.5]) * 100_000
out["stream"] = [fastmath.dot(big, big), fastmath.add(big, big)[-1], fastmath.sum(memoryview(big)[1:])]
json.dumps(out)
`;

// One script for both contexts: run() boots Pyodide, installs the wheel by URL, runs PYTHON.
const RUN = (pyodideDir) => `
import { loadPyodide } from "/node_modules/${pyodideDir}/pyodide.mjs";
export async function run() {
  const pyodide = await loadPyodide({ indexURL: "/node_modules/${pyodideDir}/" });
  await pyodide.loadPackage("/dist/${wheel}");
  return pyodide.runPython(${JSON.stringify(PYTHON)});
}
`;

let server, browser;
before(async () => {
  assert.ok(wheel, "dist/ has no universal wheel: run make build-universal");
  mkdirSync(PAGES, { recursive: true });
  server = await serveSite(ROOT);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const EXPECTED = {
  backend: "wasm", sum: 1, square: [1, 4, 9], panic: true, after: 11, stream: [225000, 3, 149998.5],
};

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
