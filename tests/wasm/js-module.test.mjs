// node --test: the ES module build (dist/js, wasm-bindgen --target web) used from plain
// JavaScript. Node has no fetch for file URLs, so the bytes are read and passed to initSync:
// the same call works in browsers and workers (or `await init()` to compile asynchronously).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dir = path.resolve(root, process.env.FASTMATH_JS_DIR ?? "dist/js");
const moduleUrl = pathToFileURL(path.join(dir, "fastmath_wasm.js")).href;
const bytes = readFileSync(path.join(dir, "fastmath_wasm_bg.wasm"));

/** A fresh copy of the ES module (own instance): the query string defeats the module cache. */
async function load(tag) {
  const fm = await import(`${moduleUrl}?instance=${tag}`);
  fm.initSync({ module: bytes });
  return fm;
}

test("typings exist beside the module", () => {
  const dts = readFileSync(path.join(dir, "fastmath_wasm.d.ts"), "utf8");
  assert.match(dts, /export function sum\(x: Float64Array \| number\[\]\): number;/);
  // The raw exports are listed in InitOutput (all wasm exports); their JS functions are not
  // typed: the generic entry point and the scratch region are the Python package's protocol.
  for (const internal of ["_panic_for_tests", "call", "scratch", "fold_start", "fold_push", "fold_finish", "streamKinds", "resultTooLarge"]) {
    assert.doesNotMatch(dts, new RegExp(`export function ${internal}\\(`), `${internal} must stay untyped`);
  }
  assert.match(dts, /export function functionNames\(\): string\[\];/);
});

test("results", async () => {
  const fm = await load("results");
  assert.equal(fm.sum(new Float64Array([1e16, 1, -1e16])), 1);
  assert.equal(fm.sum([1, 2, 3.5]), 6.5);
  assert.ok(Number.isNaN(fm.mean(new Float64Array())));
  assert.equal(fm.mean([1, 2, 3, 4]), 2.5);
  assert.equal(fm.dot([1, 2, 3], [4, 5, 6]), 32);
  const sq = fm.square(new Float64Array([1, -2, 3]));
  assert.ok(sq instanceof Float64Array);
  assert.deepEqual(Array.from(sq), [1, 4, 9]);
  assert.deepEqual(Array.from(fm.scale(2, [1, 2])), [2, 4]);
  assert.deepEqual(fm.buildInfo(), { version: fm.version(), simd128: true });
});

test("large arrays cross memory growth", async () => {
  const fm = await load("large");
  const x = new Float64Array(2_000_000).fill(0.5);
  assert.equal(fm.sum(x), 1_000_000);
  const sq = fm.square(x);
  assert.equal(sq.length, x.length);
  assert.equal(sq[sq.length - 1], 0.25);
});

test("the table's functions, in the Python package's order", async () => {
  const fm = await load("names");
  const names = fm.functionNames();
  assert.ok(names.length >= 18 && new Set(names).size === names.length);
  assert.deepEqual(names.slice(0, 3), ["square", "sqrt", "exp"]);
});

test("errors are named after the Python class, with the Python message", async () => {
  const fm = await load("errors");
  assert.throws(() => fm.dot([1, 2, 3], [1, 2, 3, 4]), (err) => {
    assert.ok(err instanceof Error);
    assert.equal(err.name, "ValueError");
    assert.match(err.message, /^dot: /);
    return true;
  });
  assert.equal(fm.dot([1], [2]), 2, "the instance is healthy after an Error");
});

test("a panic traps; the message is kept; a fresh instance works", async () => {
  const fm = await load("panic");
  fm.setPanicLogging(false);
  assert.throws(() => fm._panic_for_tests("boom"), (err) => err instanceof WebAssembly.RuntimeError);
  assert.match(fm.lastPanicMessage(), /boom/);
  const fresh = await load("after-panic");
  assert.equal(fresh.sum([1, 2]), 3);
  assert.equal(fresh.lastPanicMessage(), undefined);
});
