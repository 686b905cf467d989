// Static checks of the built site (no browser): the served Pyodide lock lists every wheel the
// JupyterLite kernel and the PyScript page load, with the files' real sha256; the kernel settings
// keep everything local.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { SITE } from "./helpers.mjs";

const PYODIDE = path.join(SITE, "lite", "static", "pyodide");
const readJson = (p) => JSON.parse(readFileSync(p, "utf8"));
const sha256 = (p) => createHash("sha256").update(readFileSync(p)).digest("hex");

test("served pyodide-lock.json: kernel wheels and fastmath present with correct sha256", () => {
  const lock = readJson(path.join(PYODIDE, "pyodide-lock.json"));
  const needed = ["micropip", "fastmath-wasm", "ipython", "jedi", "comm", "traitlets", "pygments"];
  // everything these need, transitively
  const seen = new Set();
  const walk = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    const entry = lock.packages[name];
    assert.ok(entry, `${name} missing from the served lock`);
    for (const dep of entry.depends) walk(dep.toLowerCase().replace(/[-_.]+/g, "-"));
  };
  needed.forEach(walk);
  for (const name of seen) {
    const { file_name: file, sha256: want } = lock.packages[name];
    const p = path.join(PYODIDE, file);
    assert.ok(existsSync(p), `${name}: ${file} not served`);
    assert.equal(sha256(p), want, `${name}: sha256 of ${file}`);
  }
  assert.deepEqual(lock.packages["fastmath-wasm"].imports, ["fastmath"]);
  assert.equal(lock.packages.fastmath, undefined, "the distribution is fastmath-wasm, not fastmath");
  // and no other wheel is served beside Pyodide without a matching lock entry
  const listed = new Set(Object.values(lock.packages).map((e) => e.file_name));
  for (const f of readdirSync(PYODIDE).filter((f) => f.endsWith(".whl"))) assert.ok(listed.has(f), f);
});

test("jupyter-lite.json: local Pyodide, no PyPI fallback, the site's own fastmath index", () => {
  const config = readJson(path.join(SITE, "lite", "jupyter-lite.json"))["jupyter-config-data"];
  const kernel = config.litePluginSettings["@jupyterlite/pyodide-kernel-extension:kernel"];
  assert.equal(kernel.disablePyPIFallback, true);
  assert.equal(kernel.pyodideUrl, "./static/pyodide/pyodide.mjs");
  const ours = kernel.pipliteUrls.find((u) => u.startsWith("./pypi-fastmath/all.json"));
  assert.ok(ours, JSON.stringify(kernel.pipliteUrls));
  const indexFile = path.join(SITE, "lite", "pypi-fastmath", "all.json");
  assert.equal(ours.split("sha256=")[1], sha256(indexFile));
  for (const [, releases] of Object.entries(readJson(indexFile)["fastmath-wasm"].releases)) {
    for (const r of releases) assert.equal(sha256(path.join(SITE, "lite", "pypi-fastmath", r.url)), r.digests.sha256);
  }
  for (const u of kernel.pipliteUrls) assert.match(u, /^\.\//, "piplite index must be local");
});

test("PyScript page: pinned local @pyscript/core and local Pyodide interpreter", () => {
  const html = readFileSync(path.join(SITE, "pyscript", "index.html"), "utf8");
  assert.doesNotMatch(html, /https?:\/\//);
  assert.ok(existsSync(path.join(SITE, "pyscript", "core", "core.js")));
  const toml = readFileSync(path.join(SITE, "pyscript", "pyscript.toml"), "utf8");
  assert.match(toml, /interpreter = "\.\.\/lite\/static\/pyodide\/pyodide\.mjs"/);
  assert.match(toml, /packages = \["fastmath-wasm"\]/);
});
