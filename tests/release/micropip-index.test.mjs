// micropip by name from the site's static simple index (tools/simple_index.py, `make site`):
// `micropip.install("fastmath-wasm", index_urls=[<site>/simple])` installs the native wheel on
// Pyodide 314 and the universal one on 0.28, under node, offline (the site is served on
// 127.0.0.1 and any other request fails the test). Each Pyodide runs in its own node process
// (micropip-index-run.mjs), booted from its in-Pyodide test dist dir (build/pyodide-test/<config>:
// the runtime plus micropip and its dependencies) with that dir's lock minus fastmath-wasm.
//
// Pyodide 0.27 and 0.26 are not here: a static index's links are relative to the project page
// (PEP 503), and their micropips do not resolve them so: 0.9.0 (Pyodide 0.27) joins them to the
// index's host root, 0.6.0 (0.26) not at all (and it refuses a Content-Type with parameters).
// There, install the wheel by URL (micropip.install(<site>/simple/fastmath-wasm/<wheel>));
// make test-wasm covers the universal wheel on both.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const VERSION = readFileSync(path.join(ROOT, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];
const CONFIGS = [
  { config: "pyodide314-native", backend: "native", tag: "cp314-cp314-pyemscripten_2026_0_wasm32" },
  { config: "pyodide0.28-wasm", backend: "wasm", tag: "py3-none-any" },
];

for (const { config, backend, tag } of CONFIGS) {
  test(`${config}: micropip.install("fastmath-wasm") from the site's simple index`, { timeout: 180_000 }, () => {
    const dist = path.join(ROOT, "build", "pyodide-test", config);
    const out = execFileSync(
      process.execPath,
      [path.join(HERE, "micropip-index-run.mjs"), dist, path.join(ROOT, "build", "site")],
      { encoding: "utf8", maxBuffer: 64 << 20 },
    );
    const got = JSON.parse(out.trim().split("\n").at(-1));
    assert.ok(got.hadEntry, `${config}: the dist dir's lock has no fastmath-wasm (stale: make pyodide-test-dist)`);
    assert.equal(got.error, undefined, got.error);
    assert.deepEqual(got.tags, [tag], JSON.stringify(got));
    assert.equal(got.backend, backend);
    assert.equal(got.version, VERSION);
    assert.equal(got.fastmath_version, VERSION);
    assert.equal(got.sum, 6.5);
    assert.ok(got.served.includes("/simple/fastmath-wasm/"), got.served.join(" "));
    const wheel = `/simple/fastmath-wasm/fastmath_wasm-${VERSION}-${tag}.whl`;
    assert.ok(got.served.includes(wheel), got.served.join(" "));
    assert.deepEqual(got.offsite, []);
  });
}
