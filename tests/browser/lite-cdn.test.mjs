// JupyterLite as most sites deploy it (issue 15, item 8): Pyodide from a CDN (`pyodideUrl` in
// jupyter-lite.json, no static/pyodide/ in the site), and still `import fastmath` with no %pip.
// build/site-cdn/lite (make site-cdn) is such a site built with jupyterlite-fastmath, which serves
// a copy of the CDN's lock with fastmath's entry added. The CDN is simulated by
// build/site-cdn/cdn/, served from a second local port under the host name of the site's
// pyodideUrl; that stand-in's lock is consistent with its files (no fastmath), because a real
// CDN's is. Headless Debian chromium, offline: any other request fails the test.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { launchBrowser, recordRequests, screenshot, serveSite } from "./helpers.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const LITE = path.join(ROOT, "build", "site-cdn", "lite");
const CDN_ROOT = path.join(ROOT, "build", "site-cdn", "cdn");
const STARTUP_MS = 180_000; // JupyterLite cold start is 13-27 s on 2 shared cores; leave room
const readJson = (p) => JSON.parse(readFileSync(p, "utf8"));
const sha256 = (p) => createHash("sha256").update(readFileSync(p)).digest("hex");

const kernelSettings = () =>
  readJson(path.join(LITE, "jupyter-lite.json"))["jupyter-config-data"].litePluginSettings[
    "@jupyterlite/pyodide-kernel-extension:kernel"
  ];

test("the CDN site: no Pyodide of its own; a lock copy pointing back at the CDN, plus fastmath", () => {
  assert.ok(existsSync(LITE), `${LITE} not built: run make site-cdn`);
  assert.ok(!existsSync(path.join(LITE, "static", "pyodide")), "the site serves a Pyodide of its own");
  const settings = kernelSettings();
  const cdn = new URL(".", settings.pyodideUrl).href;
  assert.match(cdn, /^http:\/\/[a-z-]+\.test\//);
  const lockUrl = settings.loadPyodideOptions.lockFileURL;
  assert.equal(lockUrl, "./static/fastmath-lock/pyodide-lock.json");
  const lockDir = path.join(LITE, path.dirname(lockUrl));
  const lock = readJson(path.join(lockDir, "pyodide-lock.json"));
  const cdnLock = readJson(path.join(CDN_ROOT, new URL(cdn).pathname, "pyodide-lock.json"));
  assert.equal(cdnLock.packages["fastmath-wasm"], undefined, "the CDN's lock lists fastmath");
  assert.deepEqual(lock.info, cdnLock.info);
  for (const [name, entry] of Object.entries(cdnLock.packages)) {
    assert.deepEqual(lock.packages[name], { ...entry, file_name: cdn + entry.file_name }, name);
  }
  const fm = lock.packages["fastmath-wasm"];
  assert.deepEqual(fm.imports, ["fastmath"]);
  // the CDN's Pyodide is 314: the native wheel, served beside the lock, with its real sha256
  assert.match(fm.file_name, /^fastmath_wasm-[^/]+-cp314-cp314-pyemscripten_2026_0_wasm32\.whl$/);
  assert.equal(fm.sha256, sha256(path.join(lockDir, fm.file_name)));
});

let site;
let cdn;
let browser;
let CDN;

before(async () => {
  if (!existsSync(LITE)) return; // the test above says so
  CDN = new URL(kernelSettings().pyodideUrl);
  site = await serveSite(LITE);
  cdn = await serveSite(CDN_ROOT, { headers: { "Access-Control-Allow-Origin": "*" } });
  browser = await launchBrowser({ hostMap: { [CDN.hostname]: cdn.port } });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await cdn?.close();
});

/** Runs `code` in the site's REPL (a fresh profile); resolves to its output text and the requests. */
async function runRepl(t, code, shot) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const rec = recordRequests(context, page, site.url, { alsoLocal: [CDN.origin] });
  await page.goto(`${site.url}/repl/index.html?kernel=python&toolbar=1&code=${encodeURIComponent(code)}`);
  await page.waitForFunction(
    () => /RESULT|Error/.test([...document.querySelectorAll(".jp-OutputArea-output")].map((e) => e.textContent).join("\n")),
    null,
    { timeout: STARTUP_MS, polling: 500 },
  );
  const text = await page.evaluate(() =>
    [...document.querySelectorAll(".jp-OutputArea-output")].map((e) => e.textContent).join("\n"),
  );
  await screenshot(page, shot);
  return { text, rec };
}

const CODE = 'import fastmath; print("RESULT", fastmath.sum([1, 2, 3]), fastmath.backend)';

test("canary: without the served lock, the CDN's Pyodide has no fastmath", { timeout: STARTUP_MS + 60_000 }, async (t) => {
  // the same site with the kernel not pointed at the served lock: what a site without this addon
  // gets, so `import fastmath` needs %pip there
  const config = readJson(path.join(LITE, "jupyter-lite.json"));
  const settings = config["jupyter-config-data"].litePluginSettings["@jupyterlite/pyodide-kernel-extension:kernel"];
  delete settings.loadPyodideOptions;
  site.files.set("/jupyter-lite.json", { body: JSON.stringify(config), type: "application/json" });
  t.after(() => site.files.delete("/jupyter-lite.json"));
  const { text, rec } = await runRepl(t, CODE, "jupyterlite-cdn-repl-canary");
  assert.match(text, /ModuleNotFoundError: No module named 'fastmath'/);
  assert.ok(!rec.requests.some((u) => u.includes("/static/fastmath-lock/")), "served lock used");
  assert.deepEqual(rec.offsite(), [], "requests to non-local hosts");
});

test("JupyterLite with Pyodide from the CDN: import fastmath, no %pip", { timeout: STARTUP_MS + 60_000 }, async (t) => {
  const { text, rec } = await runRepl(t, CODE, "jupyterlite-cdn-repl");
  assert.equal(text.trim(), "RESULT 6 native");
  // Pyodide and the kernel's wheels from the CDN; fastmath from the site, through the served lock
  assert.ok(rec.requests.includes(new URL("pyodide.asm.wasm", CDN).href), "Pyodide from the CDN");
  assert.ok(rec.requests.some((u) => u.startsWith(CDN.origin) && /\/micropip-[^/]+\.whl$/.test(u)), "CDN micropip");
  assert.ok(rec.requests.includes(`${site.url}/static/fastmath-lock/pyodide-lock.json`), "the site's lock");
  assert.ok(
    rec.requests.some((u) => /^[^?]*\/static\/fastmath-lock\/fastmath_wasm-[^/]+\.whl$/.test(u) && u.startsWith(site.url)),
    "fastmath wheel from the site",
  );
  assert.deepEqual(rec.offsite(), [], "requests to non-local hosts");
  assert.deepEqual(
    rec.failed.filter((f) => !f.startsWith(`${site.url}/`)),
    [],
    "failed requests to the CDN or elsewhere",
  );
});
