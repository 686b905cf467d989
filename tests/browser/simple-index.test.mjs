// micropip by name from a static simple index in headless Chromium, offline, over the two
// indexes tests/release/micropip-index.test.mjs runs in node (the reasons are there and in
// tools/simple_index.py): the site's own (build/site/simple/, relative links) installs the native
// wheel on Pyodide 314 and the universal one on 0.28; one written with --base-url (absolute links)
// over the same wheels installs them on every supported Pyodide, 0.26 and 0.27 included.
//
// The repository is served from 127.0.0.1; each Pyodide boots from its in-Pyodide test dist dir
// (runtime + micropip + its dependencies, real sha256s) with that dir's lock served minus
// fastmath-wasm, so that only the index can provide it. The --base-url index is served on the
// same origin under /abs/simple/, its pages as `text/html; charset=utf-8` (like the rest of the
// site) except to Pyodide 0.26, whose micropip 0.6 accepts only a bare `text/html`.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { launchBrowser, recordRequests, serveSite } from "./helpers.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const PYTHON = path.join(ROOT, ".venv", "bin", "python");
const CHARSET = "text/html; charset=utf-8";
const NATIVE = "cp314-cp314-pyemscripten_2026_0_wasm32";
const CONFIGS = [
  { config: "pyodide314-native", backend: "native", tag: NATIVE, htmlType: CHARSET, relative: true },
  { config: "pyodide0.28-wasm", backend: "wasm", tag: "py3-none-any", htmlType: CHARSET, relative: true },
  { config: "pyodide0.27-wasm", backend: "wasm", tag: "py3-none-any", htmlType: CHARSET, relative: false },
  { config: "pyodide0.26-wasm", backend: "wasm", tag: "py3-none-any", htmlType: "text/html", relative: false },
];
const RUNS = CONFIGS.flatMap((c) => [
  ...(c.relative ? [{ ...c, simple: "/build/site/simple", name: "the site's index" }] : []),
  { ...c, simple: "/abs/simple", name: "an index written with --base-url" },
]);

let server;
let browser;
let absDir;
before(async () => {
  server = await serveSite(ROOT);
  browser = await launchBrowser();
  // The --base-url index over the wheels `make site` put in its own index.
  const project = path.join(ROOT, "build", "site", "simple", "fastmath-wasm");
  const wheels = readdirSync(project).filter((f) => f.endsWith(".whl")).map((f) => path.join(project, f));
  absDir = mkdtempSync(path.join(os.tmpdir(), "fastmath-abs-index-"));
  const script = path.join(ROOT, "tools", "simple_index.py");
  execFileSync(PYTHON, [script, "--base-url", `${server.url}/abs/simple/`, path.join(absDir, "simple"), ...wheels]);
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (absDir) rmSync(absDir, { recursive: true, force: true });
});

/** Serves absDir at /abs/ of the page's origin, index pages with the Content-Type `htmlType`. */
async function serveAbsIndex(page, htmlType) {
  await page.route(
    (url) => url.pathname.startsWith("/abs/"),
    (route) => {
      let file = path.join(absDir, decodeURIComponent(new URL(route.request().url()).pathname.slice("/abs/".length)));
      try {
        if (!file.startsWith(absDir + path.sep)) throw new Error("outside the index");
        if (statSync(file).isDirectory()) file = path.join(file, "index.html");
        const type = file.endsWith(".html") ? htmlType : "application/zip";
        return route.fulfill({ status: 200, headers: { "Content-Type": type }, body: readFileSync(file) });
      } catch {
        return route.fulfill({ status: 404, contentType: "text/plain", body: "not found" });
      }
    },
  );
}

for (const { config, backend, tag, htmlType, simple, name } of RUNS) {
  test(`${config}: micropip.install("fastmath-wasm") from ${name}, in the browser`, { timeout: 240_000 }, async (t) => {
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
    if (simple === "/abs/simple") await serveAbsIndex(page, htmlType);
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
      { dist, index: `${server.url}${simple}` },
    );
    const got = JSON.parse(report);
    assert.deepEqual(got.tags, [tag], report);
    assert.equal(got.backend, backend);
    assert.equal(got.sum, 6.5);
    assert.ok(log.requests.some((u) => u === `${server.url}${simple}/fastmath-wasm/`), "index page requested");
    assert.ok(log.requests.some((u) => u.startsWith(`${server.url}${simple}/fastmath-wasm/fastmath_wasm-`) && u.endsWith(`-${tag}.whl`)), "wheel from the index");
    assert.deepEqual(log.offsite(), []);
    assert.deepEqual(log.errors, []);
  });
}
