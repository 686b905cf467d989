// The npm package fastmath-wasm: `npm pack` of dist/js, installed from the tarball into a scratch
// project and used from there, as a user would. npm runs offline, with its registry pointed at a
// closed local port: the tarball has no dependencies and nothing may be fetched.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const JS_DIR = path.join(ROOT, "dist", "js");
const VERSION = readFileSync(path.join(ROOT, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];
const NPM_ENV = {
  ...process.env,
  npm_config_offline: "true",
  npm_config_registry: "http://127.0.0.1:9/",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
  npm_config_cache: "",
};

let scratch;
let packed;
before(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "fastmath-npm-"));
  NPM_ENV.npm_config_cache = path.join(scratch, ".npm-cache");
  const out = execFileSync("npm", ["pack", JS_DIR, "--json", "--pack-destination", scratch], {
    env: NPM_ENV,
    encoding: "utf8",
  });
  [packed] = JSON.parse(out);
});
after(() => rmSync(scratch, { recursive: true, force: true }));

test("the tarball: the package's version, the idiomatic API's typings, a README", () => {
  assert.equal(packed.name, "fastmath-wasm");
  assert.equal(packed.version, VERSION, "npm version is the Cargo workspace's");
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    "LICENSE-APACHE",
    "LICENSE-MIT",
    "README.md",
    "fastmath_wasm.js",
    "fastmath_wasm_bg.wasm",
    "index.d.ts",
    "index.js",
    "package.json",
  ]);
  const dts = readFileSync(path.join(JS_DIR, "index.d.ts"), "utf8");
  const declared = [...dts.matchAll(/^export (?:default )?function (\w+)/gm)].map((m) => m[1]).sort();
  assert.deepEqual(declared, ["buildInfo", "dot", "init", "initSync", "mean", "scale", "square", "sum", "version"]);
});

test("installed from the tarball into a scratch project, and used", () => {
  const project = path.join(scratch, "project");
  execFileSync("mkdir", ["-p", project]);
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
  execFileSync("npm", ["install", "--ignore-scripts", "--no-save", path.join(scratch, packed.filename)], {
    cwd: project,
    env: NPM_ENV,
    stdio: "pipe",
  });
  // The README's node example, then the argument checks.
  writeFileSync(
    path.join(project, "use.mjs"),
    `
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { initSync, sum, mean, dot, square, scale, version, buildInfo } from "fastmath-wasm";

const wasm = createRequire(import.meta.url).resolve("fastmath-wasm/fastmath_wasm_bg.wasm");
initSync({ module: readFileSync(wasm) });
const errors = {};
const attempt = (label, f) => {
  try {
    f();
    errors[label] = null;
  } catch (e) {
    errors[label] = [e.name, e.message];
  }
};
attempt("sum string", () => sum("abc"));
attempt("sum object", () => sum({ length: 2 }));
attempt("sum mixed", () => sum([1, "2"]));
attempt("mean undefined", () => mean());
attempt("dot y", () => dot([1, 2], null));
attempt("dot lengths", () => dot([1, 2], [1]));
attempt("scale a", () => scale("2", [1]));
attempt("square nested", () => square([[1]]));
console.log(JSON.stringify({
  file: wasm,
  version: version(),
  info: buildInfo(),
  sum: sum([1e16, 1, -1e16]),
  sumInt32: sum(new Int32Array([1, 2, 3])),
  mean: mean([1, 2, 3, 4]),
  dot: dot([1, 2, 3], [4, 5, 6]),
  square: Array.from(square(new Float64Array([1, -2, 3]))),
  scale: Array.from(scale(2, [1, 2])),
  errors,
}));
`,
  );
  const got = JSON.parse(execFileSync(process.execPath, ["use.mjs"], { cwd: project, encoding: "utf8" }));
  assert.ok(got.file.startsWith(path.join(project, "node_modules", "fastmath-wasm") + path.sep), got.file);
  assert.equal(got.version, VERSION);
  assert.deepEqual(got.info, { version: VERSION, simd128: true });
  assert.equal(got.sum, 1);
  assert.equal(got.sumInt32, 6);
  assert.equal(got.mean, 2.5);
  assert.equal(got.dot, 32);
  assert.deepEqual(got.square, [1, 4, 9]);
  assert.deepEqual(got.scale, [2, 4]);
  const e = got.errors;
  assert.deepEqual(e["sum string"], ["TypeError", "sum(): x must be a Float64Array or an array of numbers, not string"]);
  assert.deepEqual(e["sum object"], ["TypeError", "sum(): x must be a Float64Array or an array of numbers, not Object"]);
  assert.deepEqual(e["sum mixed"], ["TypeError", "sum(): x[1] must be a number, not string"]);
  assert.deepEqual(e["mean undefined"], ["TypeError", "mean(): x must be a Float64Array or an array of numbers, not undefined"]);
  assert.deepEqual(e["dot y"], ["TypeError", "dot(): y must be a Float64Array or an array of numbers, not null"]);
  assert.equal(e["dot lengths"][0], "ValueError");
  assert.deepEqual(e["scale a"], ["TypeError", "scale(): a must be a number, not string"]);
  assert.deepEqual(e["square nested"], ["TypeError", "square(): x[0] must be a number, not an array"]);
});
