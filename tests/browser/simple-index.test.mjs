// micropip by name from the site's static simple index (build/site/simple/, tools/simple_index.py)
// in headless Chromium, offline: `micropip.install("fastmath-wasm", index_urls=[<site>/simple])`
// installs the native wheel on Pyodide 314 and the universal one on 0.28. The node half, with
// 0.27 too and why 0.26 is absent, is tests/release/micropip-index.test.mjs.
//
// The repository is served from 127.0.0.1; each Pyodide boots from its in-Pyodide test dist dir
// (runtime + micropip + its dependencies, real sha256s) with that dir's lock served minus
// fastmath-wasm, so that only the index can provide it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { launchBrowser, recordRequests, serveSite } from "./helpers.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const CONFIGS = [
  { config: "pyodide314-native", backend: "native", tag: "cp314-cp314-pyemscripten_2026_0_wasm32" },
  { config: "pyodide0.28-wasm", backend: "wasm", tag: "py3-none-any" },
];

let server;
let browser;
before(async () => {
  server = await serveSite(ROOT);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const { config, backend, tag } of CONFIGS) {
  test(`${config}: micropip.install("fastmath-wasm") from the site's index, in the browser`, { timeout: 240_000 }, async (t) => {
    const context = await browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    const log = recordRequests(context, page, server.url);
    const dist = `/build/pyodide-test/${config}/`;
    const lock = JSON.parse(readFileSync(path.join(ROOT, dist, "pyodide-lock.json"), "utf8"));
    assert.ok(lock.packages["fastmath-wasm"], `${config}: dist dir predates the rename`);
    delete lock.packages["fastmath-wasm"];
    await page.route(`${server.url}${dist}pyodide-lock.json`, (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(lock) }),
    );
    await page.goto(`${server.url}/build/site/simple/`);
    const report = await page.evaluate(
      async ({ dist, index }) => {
        const { loadPyodide } = await import(`${dist}pyodide.mjs`);
        const pyodide = await loadPyodide({ indexURL: dist });
        await pyodide.loadPackage("micropip");
        return pyodide.runPythonAsync(`
import json, micropip
await micropip.install("fastmath-wasm", index_urls=[${JSON.stringify(index)}])
import fastmath
from importlib import metadata
dist = metadata.distribution("fastmath-wasm")
json.dumps({
    "version": dist.version,
    "tags": [l.split(": ", 1)[1] for l in dist.read_text("WHEEL").splitlines() if l.startswith("Tag: ")],
    "backend": fastmath.backend,
    "sum": fastmath.sum([1.0, 2.0, 3.5]),
})
`);
      },
      { dist, index: `${server.url}/build/site/simple` },
    );
    const got = JSON.parse(report);
    assert.deepEqual(got.tags, [tag], report);
    assert.equal(got.backend, backend);
    assert.equal(got.sum, 6.5);
    assert.ok(log.requests.some((u) => u.endsWith("/build/site/simple/fastmath-wasm/")), "index page requested");
    assert.ok(log.requests.some((u) => u.includes("/build/site/simple/fastmath-wasm/fastmath_wasm-") && u.endsWith(`-${tag}.whl`)), "wheel from the index");
    assert.deepEqual(log.offsite(), []);
    assert.deepEqual(log.errors, []);
  });
}
