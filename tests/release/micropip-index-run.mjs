// One Pyodide (one in-Pyodide test dist dir) installing fastmath-wasm by name from the site's
// simple index; run in its own node process by micropip-index.test.mjs (two Pyodide versions
// cannot share a process). Prints one JSON line: what got installed and what was requested.
//
//   node micropip-index-run.mjs DIST_DIR SITE_DIR
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dist, site] = process.argv.slice(2).map((p) => path.resolve(p));

// The site over HTTP on 127.0.0.1, recording what is asked for.
const served = [];
const server = createServer(async (req, res) => {
  const { pathname } = new URL(req.url, "http://127.0.0.1");
  served.push(pathname);
  try {
    let file = path.join(site, decodeURIComponent(pathname));
    if (!file.startsWith(site + path.sep)) throw new Error("outside the site");
    if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
    res.writeHead(200, { "Content-Type": file.endsWith(".html") ? "text/html" : "application/octet-stream" });
    res.end(await readFile(file));
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("not found");
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;

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
const tmp = mkdtempSync(path.join(os.tmpdir(), "fastmath-index-"));
for (const name of readdirSync(dist)) {
  if (name !== "pyodide-lock.json") symlinkSync(path.join(dist, name), path.join(tmp, name));
}
writeFileSync(path.join(tmp, "pyodide-lock.json"), JSON.stringify(lock));

let result;
try {
  const { loadPyodide } = await import(pathToFileURL(path.join(dist, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL: tmp + path.sep });
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
  result = { hadEntry, ...JSON.parse(report), served, offsite };
} catch (e) {
  result = { hadEntry, error: String(e?.stack ?? e), served, offsite };
} finally {
  rmSync(tmp, { recursive: true, force: true });
  server.close();
}
console.log(JSON.stringify(result));
process.exit(0);
