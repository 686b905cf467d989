// One Pyodide (one in-Pyodide test dist dir) installing fastmath-wasm by name from the site's
// simple index; run in its own node process by micropip-index.test.mjs (two Pyodide versions
// cannot share a process). Prints one JSON line: what got installed and what was requested.
//
//   node micropip-index-run.mjs DIST_DIR SITE_DIR HTML_TYPE [PYTHON]
//
// HTML_TYPE is the Content-Type the index pages are served with. With PYTHON, the index served
// is not SITE_DIR/simple as `make site` wrote it but the one a deployer writes for every Pyodide:
// tools/simple_index.py --base-url <this server's /simple/> over the same wheels.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [distArg, siteArg, htmlType, python] = process.argv.slice(2);
const dist = path.resolve(distArg);
let site = path.resolve(siteArg);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

// The site over HTTP on 127.0.0.1, recording what is asked for.
const served = [];
const server = createServer(async (req, res) => {
  const { pathname } = new URL(req.url, "http://127.0.0.1");
  served.push(pathname);
  try {
    let file = path.join(site, decodeURIComponent(pathname));
    if (!file.startsWith(site + path.sep)) throw new Error("outside the site");
    if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
    res.writeHead(200, { "Content-Type": file.endsWith(".html") ? htmlType : "application/octet-stream" });
    res.end(await readFile(file));
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("not found");
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const tmp = mkdtempSync(path.join(os.tmpdir(), "fastmath-index-"));
if (python) {
  const project = path.join(site, "simple", "fastmath-wasm");
  const wheels = readdirSync(project).filter((f) => f.endsWith(".whl")).map((f) => path.join(project, f));
  site = path.join(tmp, "site");
  execFileSync(python, [path.join(ROOT, "tools", "simple_index.py"), "--base-url", `${base}/simple/`, path.join(site, "simple"), ...wheels]);
}

// Offline guard: local files and this server only; anything else is recorded and refused.
const offsite = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = String(input?.url ?? input);
  if (/^(file|data|blob):/.test(url) || url.startsWith(`${base}/`)) return realFetch(input, init);
  offsite.push(url);
  throw new Error(`network access refused in tests: ${url}`);
};

// The dist dir with its lock minus fastmath-wasm (its files linked into a scratch folder):
// micropip takes a package from the lock before it asks an index, and here the index must be
// what provides it.
const lock = JSON.parse(readFileSync(path.join(dist, "pyodide-lock.json"), "utf8"));
const hadEntry = Boolean(lock.packages["fastmath-wasm"]);
delete lock.packages["fastmath-wasm"];
const runtime = path.join(tmp, "runtime");
mkdirSync(runtime);
for (const name of readdirSync(dist)) {
  if (name !== "pyodide-lock.json") symlinkSync(path.join(dist, name), path.join(runtime, name));
}
writeFileSync(path.join(runtime, "pyodide-lock.json"), JSON.stringify(lock));

let result;
try {
  const { loadPyodide } = await import(pathToFileURL(path.join(dist, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL: runtime + path.sep });
  await pyodide.loadPackage("micropip");
  const report = await pyodide.runPythonAsync(`
import json, micropip
await micropip.install("fastmath-wasm", index_urls=[${JSON.stringify(`${base}/simple`)}])
import fastmath
from importlib import metadata
dist = metadata.distribution("fastmath-wasm")
json.dumps({
    "version": dist.version,
    "tags": [l.split(": ", 1)[1] for l in dist.read_text("WHEEL").splitlines() if l.startswith("Tag: ")],
    "backend": fastmath.backend,
    "fastmath_version": fastmath.__version__,
    "sum": fastmath.sum([1.0, 2.0, 3.5]),
})
`);
  const page = readFileSync(path.join(site, "simple", "fastmath-wasm", "index.html"), "utf8");
  const links = [...page.matchAll(/href="([^"#]*)/g)].map((m) => m[1]);
  result = { hadEntry, ...JSON.parse(report), links, served, offsite };
} catch (e) {
  result = { hadEntry, error: String(e?.stack ?? e), served, offsite };
} finally {
  rmSync(tmp, { recursive: true, force: true });
  server.close();
}
console.log(JSON.stringify(result));
process.exit(0);
