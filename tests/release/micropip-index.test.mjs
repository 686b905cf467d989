// micropip by name from the site's static simple index (tools/simple_index.py, `make site`),
// under node, offline (the index is served on 127.0.0.1 and any other request fails the test).
// Each Pyodide runs in its own node process (micropip-index-run.mjs), booted from its in-Pyodide
// test dist dir (build/pyodide-test/<config>: the runtime plus micropip and its dependencies)
// with that dir's lock minus fastmath-wasm.
//
// Two indexes over the same wheels, the two ways tools/simple_index.py documents deploying one:
// - the site's own (relative links, servable under any path): `micropip.install("fastmath-wasm",
//   index_urls=[<site>/simple])` installs the native wheel on Pyodide 314 and the universal one
//   on 0.28. micropip 0.9 (Pyodide 0.27) resolves relative links against the host's root and
//   0.6 (0.26) not at all, so they are not asked of this one.
// - written with --base-url (absolute links): every supported Pyodide, 0.26 and 0.27 included.
// Index pages go out as `text/html; charset=utf-8`, what many static hosts send, except to
// Pyodide 0.26: micropip 0.6 accepts only a bare `text/html` (the documented deploy rule).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const VERSION = readFileSync(path.join(ROOT, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];
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
  ...(c.relative ? [{ ...c, index: "the site's simple index", python: [] }] : []),
  { ...c, index: "an index written with --base-url", python: [PYTHON] },
]);

for (const { config, backend, tag, htmlType, index, python } of RUNS) {
  test(`${config}: micropip.install("fastmath-wasm") from ${index}`, { timeout: 180_000 }, () => {
    const dist = path.join(ROOT, "build", "pyodide-test", config);
    const out = execFileSync(
      process.execPath,
      [path.join(HERE, "micropip-index-run.mjs"), dist, path.join(ROOT, "build", "site"), htmlType, ...python],
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
    // The index served is the one named: relative links, or absolute ones to this server.
    assert.equal(got.links.length, 2, got.links.join(" "));
    for (const link of got.links) {
      if (python.length) assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/simple\/fastmath-wasm\/fastmath_wasm-/);
      else assert.match(link, /^fastmath_wasm-[^/]+\.whl$/);
    }
  });
}
