// PyScript the way users write it (issue 15, item 4): the README's "use it in your own PyScript
// page" snippet, run as written, in the main thread and in worker mode; and fastmath named by the
// URL of the site's wheel. Nothing of the site's own Pyodide is used: PyScript's configuration
// names Pyodide on a CDN, simulated by build/site-cdn/cdn/ (make site-cdn) served from a second
// local port under the CDN host name of jupyterlite/cdn/jupyter-lite.json. That stand-in's lock
// is consistent with the files it serves (micropip etc. with their real sha256, no fastmath),
// because a real CDN's is. Headless Debian chromium, offline: any other request fails the test.
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { SITE, launchBrowser, recordRequests, serveSite } from "./helpers.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const CDN_ROOT = path.join(ROOT, "build", "site-cdn", "cdn");
const PLACEHOLDER = "https://YOUR-SITE/";

/** The README's two snippet blocks (TOML config, HTML script tag), between its markers. */
function readmeSnippet() {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.match(/<!-- pyscript-snippet:[\s\S]*?-->([\s\S]*?)<!-- \/pyscript-snippet -->/);
  assert.ok(section, "README.md has no pyscript-snippet section");
  const block = (lang) => {
    const m = section[1].match(new RegExp("^( *)```" + lang + "\\n([\\s\\S]*?)^\\1```", "m"));
    assert.ok(m, `no ${lang} block in the README's PyScript snippet`);
    return m[2].replace(new RegExp(`^${m[1]}`, "gm"), "");
  };
  return { toml: block("toml"), html: block("html") };
}

/** PyScript's default Pyodide on the CDN, as the JupyterLite CDN site names it. */
const PYODIDE_URL = JSON.parse(readFileSync(path.join(ROOT, "jupyterlite", "cdn", "jupyter-lite.json"), "utf8"))[
  "jupyter-config-data"
].litePluginSettings["@jupyterlite/pyodide-kernel-extension:kernel"].pyodideUrl;
const CDN = new URL(PYODIDE_URL);

let site;
let cdn;
let browser;
const snippet = readmeSnippet();

before(async () => {
  assert.ok(existsSync(path.join(SITE, "simple", "fastmath-wasm")), `${SITE} not built: run make site`);
  assert.ok(existsSync(CDN_ROOT), `${CDN_ROOT} not built: run make site-cdn`);
  // A plain page (the snippet needs no cross-origin isolation, worker mode included); a CDN
  // answers with CORS headers.
  site = await serveSite(SITE);
  cdn = await serveSite(CDN_ROOT, { headers: { "Access-Control-Allow-Origin": "*" } });
  browser = await launchBrowser({ hostMap: { [CDN.hostname]: cdn.port } });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await cdn?.close();
});

test("canary: the CDN's host name reaches the stand-in, and only it", { timeout: 30_000 }, async (t) => {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const rec = recordRequests(context, page, site.url, { alsoLocal: [CDN.origin] });
  await page.goto(`${site.url}/index.html`);
  const statuses = await page.evaluate(async (urls) => {
    const status = (u) => fetch(u).then((r) => r.status, () => "failed");
    return Promise.all(urls.map(status));
  }, [PYODIDE_URL, `http://other-${CDN.hostname}/pyodide.mjs`, "https://cdn.jsdelivr.net/pyodide/"]);
  assert.deepEqual(statuses, [200, "failed", "failed"]);
  const expected = ["https://cdn.jsdelivr.net/pyodide/", `http://other-${CDN.hostname}/pyodide.mjs`];
  assert.deepEqual(rec.offsite().sort(), expected.sort());
});

/** Serves a page made of the snippet's script tag and config (YOUR-SITE: the site) under `dir`. */
function servePage(dir, toml, { worker }) {
  const config = `interpreter = "${PYODIDE_URL}"\n${toml.replaceAll(PLACEHOLDER, `${site.url}/`)}`;
  const script = worker ? snippet.html.replace('<script type="py"', '<script type="py" worker') : snippet.html;
  if (worker) assert.notEqual(script, snippet.html, "worker attribute not added");
  const html = `<!doctype html>\n<meta charset="utf-8">\n<script type="module" src="/pyscript/core/core.js"></script>\n${script}`;
  site.files.set(`/${dir}/index.html`, { body: html, type: "text/html; charset=utf-8" });
  site.files.set(`/${dir}/pyscript.toml`, { body: config, type: "text/plain; charset=utf-8" });
  return `${site.url}/${dir}/index.html`;
}

/** Opens `url`, waits for the snippet's printed line; returns it with the requests made. */
async function run(t, url, { worker }) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const rec = recordRequests(context, page, site.url, { alsoLocal: [CDN.origin] });
  const workers = [];
  page.on("worker", (w) => workers.push(w.url()));
  const printed = new Promise((resolve) => {
    context.on("console", (msg) => /^fastmath |Error/.test(msg.text()) && resolve(msg.text()));
  });
  await page.goto(url);
  const line = await Promise.race([
    printed,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no output; errors: ${rec.errors}`)), 150_000)),
  ]);
  // worker mode runs Python in a Web Worker of PyScript's; the main thread starts none
  const pyscriptWorkers = workers.filter((u) => u.startsWith(`${site.url}/pyscript/core/`) || u.startsWith("blob:"));
  assert.equal(pyscriptWorkers.length > 0, worker, `workers: ${workers}`);
  assert.deepEqual(rec.offsite(), [], "requests to non-local hosts");
  assert.deepEqual(rec.failed, [], "failed requests");
  // Pyodide and micropip came from the CDN, fastmath from the site
  assert.ok(rec.requests.includes(new URL("pyodide.asm.wasm", PYODIDE_URL).href), "Pyodide from the CDN");
  assert.ok(rec.requests.some((u) => u.startsWith(CDN.origin) && /\/micropip-[^/]+\.whl$/.test(u)), "CDN micropip");
  assert.ok(!rec.requests.some((u) => u.startsWith(`${site.url}/lite/`)), "the site's own Pyodide was used");
  return { line, rec };
}

const wheelRequested = (rec, ending) =>
  rec.requests.some((u) => u.startsWith(`${site.url}/simple/fastmath-wasm/fastmath_wasm-`) && u.endsWith(ending));

for (const worker of [false, true]) {
  const mode = worker ? "worker" : "main thread";
  test(`PyScript, the README snippet (by name, the site's index), ${mode}`, { timeout: 200_000 }, async (t) => {
    assert.match(snippet.toml, /index_urls/);
    const { line, rec } = await run(t, servePage(`own-index-${worker ? "worker" : "main"}`, snippet.toml, { worker }), {
      worker,
    });
    // micropip chose the native wheel for the CDN's Pyodide 314 from the index
    assert.equal(line, "fastmath 6.5 native");
    assert.ok(wheelRequested(rec, "-pyemscripten_2026_0_wasm32.whl"), "native wheel from the site's index");
  });

  test(`PyScript, fastmath by the URL of the site's universal wheel, ${mode}`, { timeout: 200_000 }, async (t) => {
    const wheel = readdirSync(path.join(SITE, "simple", "fastmath-wasm")).find((f) => f.endsWith("-py3-none-any.whl"));
    assert.ok(wheel, "no universal wheel in the site's index");
    const toml = `packages = ["${PLACEHOLDER}simple/fastmath-wasm/${wheel}"]\n`;
    const { line, rec } = await run(t, servePage(`own-url-${worker ? "worker" : "main"}`, toml, { worker }), { worker });
    assert.equal(line, "fastmath 6.5 wasm");
    assert.ok(wheelRequested(rec, "-py3-none-any.whl"), "universal wheel by URL");
  });
}
