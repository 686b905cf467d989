// Every wheel the built site serves is named, with its sha256, by the served Pyodide lock or by a
// piplite index the kernel is configured with, and the bytes the demo server (tools/site_serve.py,
// what `make demo-site` runs) sends for it hash to that value; so do the indexes themselves, whose
// sha256 the kernel's pipliteUrls carry. A browser refuses a wheel whose sha256 disagrees with the
// lock, so this is what keeps `import fastmath` and `%pip install` working after a rebuild.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { SITE } from "./helpers.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const PYTHON = path.join(ROOT, ".venv", "bin", "python");
const LITE = path.join(SITE, "lite");
const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

let server;
let base;

before(async () => {
  server = spawn(PYTHON, [path.join(ROOT, "tools", "site_serve.py"), SITE, "--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  // stderr is its access log: kept, and shown only if the server dies before it is up.
  let log = "";
  server.stderr.on("data", (chunk) => (log += chunk));
  base = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (found) resolve(found[0]);
    });
    server.on("exit", (code) => reject(new Error(`site_serve.py exited (${code}): ${out}${log}`)));
  });
});

after(() => server?.kill());

/** The bytes the demo server sends for a site path ("lite/static/..."). */
async function served(sitePath) {
  const res = await fetch(`${base}/${sitePath}`);
  assert.equal(res.status, 200, sitePath);
  return Buffer.from(await res.arrayBuffer());
}

/** Every *.whl under the site, as site paths. */
function wheelsOnDisk(dir = SITE) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return wheelsOnDisk(p);
    return e.name.endsWith(".whl") ? [path.relative(SITE, p)] : [];
  });
}

/** { site path of each wheel the lock and the kernel's indexes name: the sha256 they give }. */
async function declaredHashes() {
  const declared = new Map();
  const declare = (sitePath, sha) => {
    assert.match(sha ?? "", /^[0-9a-f]{64}$/, `${sitePath}: no sha256`);
    assert.ok(!declared.has(sitePath) || declared.get(sitePath) === sha, `${sitePath}: two hashes`);
    declared.set(sitePath, sha);
  };
  const lock = JSON.parse(await served("lite/static/pyodide/pyodide-lock.json"));
  const pyodideDir = path.join(LITE, "static", "pyodide");
  const shipped = new Set(readdirSync(pyodideDir));
  for (const entry of Object.values(lock.packages)) {
    // Pyodide's npm package ships no wheels: entries for files not here are never loaded (the
    // kernel has no CDN fallback). Whatever is here must match.
    if (shipped.has(entry.file_name)) declare(`lite/static/pyodide/${entry.file_name}`, entry.sha256);
  }
  const config = JSON.parse(await served("lite/jupyter-lite.json"))["jupyter-config-data"];
  const kernel = config.litePluginSettings["@jupyterlite/pyodide-kernel-extension:kernel"];
  assert.ok(kernel.pipliteUrls.length >= 2, JSON.stringify(kernel.pipliteUrls));
  for (const url of kernel.pipliteUrls) {
    const [indexPath, query] = url.replace(/^\.\//, "lite/").split("?");
    const bytes = await served(indexPath);
    assert.equal(new URLSearchParams(query).get("sha256"), sha256(bytes), `sha256 of ${url}`);
    const dir = path.posix.dirname(indexPath);
    for (const [name, project] of Object.entries(JSON.parse(bytes))) {
      for (const [version, files] of Object.entries(project.releases)) {
        assert.ok(files.length > 0, `${name} ${version}: no files`);
        for (const file of files) declare(path.posix.join(dir, file.url), file.digests?.sha256);
      }
    }
  }
  // The site's simple index (PEP 503, tools/simple_index.py): each project page's links carry
  // the file's sha256 in their fragment.
  const projects = [...(await served("simple/")).toString().matchAll(/<a href="([^"/]+)\/">/g)].map((m) => m[1]);
  assert.ok(projects.includes("fastmath-wasm"), `simple index projects: ${projects}`);
  for (const project of projects) {
    const page = (await served(`simple/${project}/`)).toString();
    for (const [, file, sha] of page.matchAll(/<a href="([^"#]+)#sha256=([^"]*)"/g)) {
      declare(path.posix.join("simple", project, file), sha);
    }
  }
  return declared;
}

test("every served wheel is in the lock or a kernel index, and its served bytes match the sha256", async () => {
  const declared = await declaredHashes();
  const onDisk = wheelsOnDisk().sort();
  assert.ok(onDisk.some((p) => /^lite\/static\/pyodide\/fastmath_wasm-.*wasm32\.whl$/.test(p)), "native wheel served");
  assert.ok(onDisk.some((p) => /^lite\/pypi-fastmath\/fastmath_wasm-.*-none-any\.whl$/.test(p)), "universal wheel indexed");
  assert.ok(onDisk.some((p) => /^simple\/fastmath-wasm\/fastmath_wasm-.*wasm32\.whl$/.test(p)), "native wheel in simple/");
  assert.deepEqual(onDisk, [...declared.keys()].sort(), "served wheels = wheels with a declared sha256");
  for (const [sitePath, want] of declared) assert.equal(sha256(await served(sitePath)), want, sitePath);
});
