// The native wheel's relaxed-SIMD build in headless Chromium (which validates relaxed SIMD, unlike
// node 20, where the Pyodide tests check the baseline is kept): on a page's main thread, fastmath
// imports fastmath/_native_relaxed.wasm-so as its native extension, and matmul agrees with a
// pure-Python product within the error bound of any dot product (relaxed madd may be fused or not,
// so bits may differ from the baseline's). FASTMATH_SIMD=simd128 keeps the baseline, and a
// relaxed module that fails to load falls back to the baseline without failing the import.
// Offline: the repository is served from 127.0.0.1 and any request elsewhere fails the test.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { launchBrowser, recordRequests, serveSite } from "./helpers.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
// FASTMATH_NATIVE_WHEEL: another wheel to test, as a path inside the repository.
const WHEEL =
  process.env.FASTMATH_NATIVE_WHEEL ??
  readdirSync(path.join(ROOT, "dist"))
    .filter((f) => /-cp314-.*wasm32\.whl$/.test(f))
    .map((f) => `dist/${f}`)[0];
const RELAXED = "fastmath/_native_relaxed.wasm-so";

// Runs before `import fastmath`; SETUP may set the environment or damage the relaxed module.
const PYTHON = (setup) => `
import json, math, os, random
${setup}
import fastmath
from fastmath import _native, _simd_loader

rng = random.Random(16)
m, k, n = 37, 300, 41  # ragged edges around the 4x4 tiles, more than one 256-deep block
a = [[rng.uniform(-1, 1) for _ in range(k)] for _ in range(m)]
b = [[rng.uniform(-1, 1) for _ in range(n)] for _ in range(k)]
got = fastmath.matmul(a, b).tolist()
worst = 0.0
for i in range(m):
    for j in range(n):
        exact = math.fsum(a[i][p] * b[p][j] for p in range(k))
        scale = math.fsum(abs(a[i][p] * b[p][j]) for p in range(k))
        worst = max(worst, abs(got[i][j] - exact) / (k * 2.0**-52 * scale))
# x*x = 1 + 2^-29 + 2^-60: one rounding (fused) leaves 2^-60 of x*x - (1 + 2^-29), two leave 0.
x = 1 + 2.0**-30
fused_probe = fastmath.matmul([[-(1 + 2.0**-29), x], [0.0, 0.0]], [[1.0, 0.0], [x, 0.0]]).tolist()[0][0]
error = _simd_loader.outcome.relaxed_error
json.dumps({
    "backend": fastmath.backend,
    "simd": _simd_loader.outcome.simd,
    "file": os.path.basename(_native.__file__),
    "relaxed_error": None if error is None else type(error).__name__ + ": " + str(error),
    "worst": worst,
    "fused": {0.0: False, 2.0**-60: True}.get(fused_probe, fused_probe),
})
`;

let server;
let browser;
before(async () => {
  assert.ok(WHEEL, "dist/ has no native Pyodide wheel: run make build-native");
  assert.ok(!path.relative(ROOT, path.resolve(ROOT, WHEEL)).startsWith(".."), `${WHEEL} is outside the repository`);
  server = await serveSite(ROOT);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function runInPage(setup) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const log = recordRequests(context, page, server.url);
    // Any same-origin page will do: a 404 text answer is one.
    await page.goto(`${server.url}/tests/browser/`);
    const result = await page.evaluate(
      async ({ wheel, code }) => {
        const { loadPyodide } = await import("/node_modules/pyodide/pyodide.mjs");
        const pyodide = await loadPyodide({ indexURL: "/node_modules/pyodide/" });
        await pyodide.loadPackage(`/${wheel}`);
        return pyodide.runPython(code);
      },
      { wheel: WHEEL, code: PYTHON(setup) },
    );
    assert.deepEqual(log.offsite(), [], "requests left 127.0.0.1");
    return JSON.parse(result);
  } finally {
    await context.close();
  }
}

test("the wheel's relaxed module is one node 20 rejects", () => {
  // Shows the second module really uses relaxed SIMD (so it must not be preloaded or chosen
  // there); this test process is node itself.
  const bytes = execFileSync(
    "python3",
    ["-c", "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))",
      path.resolve(ROOT, WHEEL), RELAXED],
    { maxBuffer: 64 << 20 },
  );
  assert.equal(bytes.subarray(0, 4).toString("latin1"), "\0asm");
  assert.equal(WebAssembly.validate(bytes), false);
});

test("Chromium main thread: the relaxed-SIMD build is chosen and matmul is within bounds", { timeout: 180_000 }, async () => {
  const r = await runInPage("");
  assert.equal(r.backend, "native");
  assert.equal(r.simd, "relaxed-simd", `relaxed module not chosen: ${r.relaxed_error}`);
  assert.equal(r.file, path.basename(RELAXED));
  assert.equal(r.relaxed_error, null);
  assert.ok(r.worst <= 1, `matmul error ${r.worst} x the k*eps*|a||b| bound`);
  // Fused or not as the hardware allows, but nothing else.
  assert.ok(typeof r.fused === "boolean", `x*x - (1 + 2^-29) gave ${r.fused}`);
  console.log(`relaxed madd fused here: ${r.fused}`);
});

test("FASTMATH_SIMD=simd128 keeps the baseline build in Chromium", { timeout: 180_000 }, async () => {
  const r = await runInPage('os.environ["FASTMATH_SIMD"] = "simd128"');
  assert.equal(r.simd, "simd128");
  assert.match(r.file, /^_native\.cpython-314-wasm32-emscripten\.so$/);
  assert.ok(r.worst <= 1, `matmul error ${r.worst} x the k*eps*|a||b| bound`);
  assert.equal(r.fused, false, "the baseline build rounds each product");
});

test("a relaxed module that fails to load falls back to the baseline, recorded", { timeout: 180_000 }, async () => {
  // A truncated module: the engine validates the probe, then dlopen fails on this file.
  const damage = `
import importlib.util, pathlib
spec = importlib.util.find_spec("fastmath")
relaxed = pathlib.Path(spec.submodule_search_locations[0]) / "_native_relaxed.wasm-so"
relaxed.write_bytes(relaxed.read_bytes()[:1000])
`;
  const r = await runInPage(damage);
  assert.equal(r.backend, "native");
  assert.equal(r.simd, "simd128");
  assert.ok(r.relaxed_error, "the failure was not recorded");
  assert.ok(r.worst <= 1, `matmul error ${r.worst} x the k*eps*|a||b| bound`);
});
