// Browser tests of the built demo site (make site): JupyterLite notebook, JupyterLite REPL with
// %pip, and the PyScript page, in headless Debian chromium, offline. Run: make test-browser.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { SITE, launchBrowser, recordRequests, screenshot, serveSite } from "./helpers.mjs";

const STARTUP_MS = 180_000; // JupyterLite cold start is 13-27 s on 2 shared cores; leave room
let server;
let browser;

before(async () => {
  assert.ok(existsSync(path.join(SITE, "index.html")), `${SITE} not built: run make site`);
  server = await serveSite();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page with its requests recorded; `check()` fails on any non-local request. */
async function openPage(t) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const rec = recordRequests(context, page, server.url);
  t.after(() => context.close());
  const check = () => {
    assert.deepEqual(rec.offsite(), [], "requests to non-local hosts");
    const failedOffsite = rec.failed.filter((f) => !f.startsWith(`${server.url}/`));
    assert.deepEqual(failedOffsite, [], "failed non-local requests");
  };
  return { page, rec, check };
}

test("canary: a request to a non-local host (page or worker) is caught", { timeout: 30_000 }, async (t) => {
  const { page, rec, check } = await openPage(t);
  await page.goto(`${server.url}/index.html`);
  await page.evaluate(async () => {
    await fetch("https://cdn.jsdelivr.net/pyodide/").catch(() => {});
    const src = "fetch('https://pypi.org/simple/').catch(() => {}).finally(() => postMessage(1));";
    const worker = new Worker(URL.createObjectURL(new Blob([src], { type: "text/javascript" })));
    await new Promise((resolve) => (worker.onmessage = resolve));
  });
  assert.deepEqual(rec.offsite().sort(), ["https://cdn.jsdelivr.net/pyodide/", "https://pypi.org/simple/"]);
  assert.throws(check, /non-local/);
});

const outputText = (page) =>
  page.evaluate(() => [...document.querySelectorAll(".jp-OutputArea-output")].map((e) => e.textContent).join("\n"));

test("JupyterLite notebook: import fastmath and compute, no %pip", { timeout: STARTUP_MS + 60_000 }, async (t) => {
  const { page, rec, check } = await openPage(t);
  await page.goto(`${server.url}/lite/lab/index.html`);
  await page.waitForFunction(() => window.jupyterapp?.commands, null, { timeout: 60_000 });
  const code = [
    "import fastmath",
    "from array import array",
    'xs = array("d", range(1, 1001))',
    'print("RESULT", fastmath.sum(xs), fastmath.dot(xs, xs), list(fastmath.square(array("d", [1.5, -2.0]))))',
  ].join("\n");
  await page.evaluate(async (source) => {
    const app = window.jupyterapp;
    await app.restored;
    const panel = await app.commands.execute("notebook:create-new", { kernelName: "python" });
    await panel.context.ready;
    await panel.sessionContext.ready;
    window.__panel = panel;
    window.__cell = panel.content.activeCell;
    window.__cell.model.sharedModel.setSource(source);
  }, code);
  // run the cell the way a user does, once the kernel is up: click into it, Shift+Enter
  await page.waitForFunction(() => window.__panel.sessionContext.session?.kernel?.status === "idle", null, {
    timeout: STARTUP_MS,
    polling: 500,
  });
  await page.click(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell .jp-InputArea-editor");
  await page.keyboard.press("Shift+Enter");
  await page.waitForFunction(
    () => {
      const outs = window.__cell.model.outputs.toJSON();
      return outs.length > 0 && (outs.some((o) => o.output_type === "error") || JSON.stringify(outs).includes("RESULT"));
    },
    null,
    { timeout: STARTUP_MS, polling: 500 },
  );
  const outputs = await page.evaluate(() => window.__cell.model.outputs.toJSON());
  await screenshot(page, "jupyterlite-notebook");
  const text = outputs.map((o) => (o.text ?? []).toString() + (o.evalue ?? "")).join("");
  assert.equal(text.trim(), "RESULT 500500.0 333833500.0 [2.25, 4.0]", JSON.stringify(outputs));
  // fastmath came from the site's own Pyodide lock (loadPackagesFromImports), not from %pip
  assert.ok(rec.requests.some((u) => /\/static\/pyodide\/fastmath_wasm-[^/]+\.whl$/.test(u)), "fastmath wheel request");
  check();
});

test("JupyterLite REPL: %pip install fastmath-wasm, then import", { timeout: STARTUP_MS + 60_000 }, async (t) => {
  const { page, rec, check } = await openPage(t);
  const cells = [
    "%pip install fastmath-wasm",
    // no `import fastmath` in this cell, so only %pip can have installed it
    'import importlib.metadata as md; print("PIP", md.version("fastmath-wasm"))',
    'import fastmath; print("REPL", fastmath.__version__, fastmath.sum([1.0, 2.0, 3.5]), fastmath.backend)',
  ];
  const query = cells.map((c) => `code=${encodeURIComponent(c)}`).join("&");
  await page.goto(`${server.url}/lite/repl/index.html?kernel=python&toolbar=1&${query}`);
  await page.waitForFunction(
    () => /REPL \S+ 6\.5|Error/.test([...document.querySelectorAll(".jp-OutputArea-output")].map((e) => e.textContent).join("\n")),
    null,
    { timeout: STARTUP_MS, polling: 500 },
  );
  const text = await outputText(page);
  await screenshot(page, "jupyterlite-repl");
  assert.match(text, /PIP 0\.\d+\.\d+/);
  // Pyodide 314 gets the native wheel (from the lock) although the index offers the universal one.
  assert.match(text, /REPL 0\.\d+\.\d+\S* 6\.5 native/);
  assert.doesNotMatch(text, /Error|Traceback|Can't find a pure Python 3 wheel/);
  // the site's own piplite index lists fastmath, and serves the wheel it points at
  const index = await page.evaluate(async () => (await fetch("../pypi-fastmath/all.json")).json());
  const [release] = Object.values(index["fastmath-wasm"].releases);
  assert.ok(rec.requests.some((u) => u.includes("/pypi-fastmath/all.json")), "kernel read the fastmath index");
  const wheelStatus = await page.evaluate(async (u) => (await fetch(`../pypi-fastmath/${u}`)).status, release[0].url);
  assert.equal(wheelStatus, 200);
  assert.ok(rec.requests.length > 0);
  check();
});

test("JupyterLite: the demo notebook runs top to bottom without errors", { timeout: STARTUP_MS + 120_000 }, async (t) => {
  const { page, check } = await openPage(t);
  await page.goto(`${server.url}/lite/lab/index.html`);
  await page.waitForFunction(() => window.jupyterapp?.commands, null, { timeout: 60_000 });
  await page.evaluate(async () => {
    const app = window.jupyterapp;
    await app.restored;
    const panel = await app.commands.execute("docmanager:open", { path: "fastmath-demo.ipynb", factory: "Notebook" });
    await panel.context.ready;
    await panel.sessionContext.ready;
    window.__panel = panel;
  });
  await page.waitForFunction(() => window.__panel.sessionContext.session?.kernel?.status === "idle", null, {
    timeout: STARTUP_MS,
    polling: 500,
  });
  await page.evaluate(async () => {
    window.jupyterapp.shell.activateById(window.__panel.id);
    await window.jupyterapp.commands.execute("notebook:run-all-cells");
  });
  const codeCells = () =>
    window.__panel.content.widgets.filter((c) => c.model.type === "code").map((c) => c.model.toJSON());
  await page.waitForFunction(
    (fn) => {
      const cells = eval(fn)();
      return cells.some((c) => c.outputs.some((o) => o.output_type === "error")) || cells.every((c) => c.execution_count);
    },
    `(${codeCells})`,
    { timeout: 120_000, polling: 1000 },
  );
  const cells = await page.evaluate((fn) => eval(fn)(), `(${codeCells})`);
  await screenshot(page, "jupyterlite-demo-notebook");
  const errors = cells.flatMap((c) => c.outputs.filter((o) => o.output_type === "error"));
  assert.deepEqual(errors, []);
  const all = JSON.stringify(cells.map((c) => c.outputs));
  assert.match(all, /fastmath 0\.\d+/);
  assert.match(all, /pure Python/);
  assert.match(all, /<svg/);
  // the pictures (svg_charts.py, beside the notebook), rendered in the page
  const pictures = await page.evaluate(() => {
    const out = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden)");
    const q = (sel) => out.querySelectorAll(`.jp-OutputArea-output ${sel}`).length;
    return {
      bars: q('svg.fm-chart[data-kind="bar"] rect.bar'),
      overlay: q('svg.fm-chart[data-kind="bar"] polyline.overlay'),
      lines: q('svg.fm-chart[data-kind="line"] polyline.line'),
      markers: q('svg.fm-chart[data-kind="line"] line.marker'),
      points: q('svg.fm-chart[data-kind="scatter"] circle.point'),
      centers: q('svg.fm-chart[data-kind="scatter"] g.center'),
      titles: [...out.querySelectorAll(".jp-OutputArea-output svg.fm-chart > title")].map((t) => t.textContent),
      captions: [...out.querySelectorAll(".jp-OutputArea-output figcaption")].map((c) => c.textContent),
      text: out.textContent,
    };
  });
  assertPictures(pictures);
  check();
});

/** The demo's three pictures (notebook and PyScript page): a histogram of a million normal draws
 * with the density curve, a spectrum with its three tones found, and 4,000 points in four
 * k-means clusters with their centroids, each timed against pure Python; and no Python
 * traceback anywhere. */
function assertPictures(p) {
  const detail = JSON.stringify({ ...p, text: p.text.slice(0, 2000) });
  assert.equal(p.bars, 80, detail);
  assert.equal(p.overlay, 1, detail);
  assert.equal(p.lines, 1, detail);
  assert.equal(p.markers, 3, detail);
  assert.equal(p.points, 4000, detail);
  assert.equal(p.centers, 4, detail);
  assert.deepEqual(p.titles, [
    "1,000,000 draws of fastmath.random, binned by fastmath.histogram",
    "Spectrum of 65,536 noisy samples, by fastmath.fft.rfft",
    "4,000 points in 4 clusters, by fastmath.kmeans",
  ]);
  assert.equal(p.captions.length, 3, detail);
  assert.match(p.captions[0], /^fastmath: [\d.]+ ms to draw and bin 1,000,000 normals\. Pure Python .* measured on 100,000 values and scaled by 10\. fastmath is \d+x faster\.$/);
  assert.match(p.captions[1], /^Peaks found at 50, 120, 300 Hz\. .* fastmath\.fft\.fft is \d+x faster\.$/);
  assert.match(p.captions[2], /^Crosses: the centroids found \(inertia [\d.]+\)\. .* fastmath is \d+x faster\.$/);
  assert.doesNotMatch(p.text, /Traceback/);
}

test("PyScript page: result and live timing chart", { timeout: 120_000 }, async (t) => {
  const { page, rec, check } = await openPage(t);
  await page.goto(`${server.url}/pyscript/index.html`);
  await page.waitForSelector("body[data-ready='1']", { timeout: 100_000 });
  const result = await page.textContent("#result");
  assert.match(result, /fastmath\.sum\(x\)\s+= 10\.5/);
  assert.match(result, /fastmath\.dot\(x, y\)\s+= 13\.0/);
  const bars = await page.$$eval("#timing-chart rect.bar", (rs) =>
    rs.map((r) => ({ series: r.dataset.series, ms: Number(r.dataset.ms), h: Number(r.getAttribute("height")) })),
  );
  assert.equal(bars.length, 6, JSON.stringify(bars));
  assert.deepEqual([...new Set(bars.map((b) => b.series))].sort(), ["fastmath", "pure Python"]);
  for (const b of bars) assert.ok(b.ms > 0 && Number.isFinite(b.ms) && b.h >= 0, JSON.stringify(b));
  assert.equal(await page.locator("#timings tr").count(), 4);
  const pictures = await page.evaluate(() => {
    const q = (sel) => document.querySelectorAll(sel).length;
    return {
      bars: q('#normals svg.fm-chart[data-kind="bar"] rect.bar'),
      overlay: q("#normals svg.fm-chart polyline.overlay"),
      lines: q('#spectrum svg.fm-chart[data-kind="line"] polyline.line'),
      markers: q("#spectrum svg.fm-chart line.marker"),
      points: q('#clusters svg.fm-chart[data-kind="scatter"] circle.point'),
      centers: q("#clusters svg.fm-chart g.center"),
      titles: [...document.querySelectorAll("svg.fm-chart > title")].map((t) => t.textContent),
      captions: [...document.querySelectorAll("figcaption")].map((c) => c.textContent),
      text: document.body.textContent,
    };
  });
  assertPictures(pictures);
  // the interactive part: new input, one click
  await page.fill("#xs", "1, 2, 3");
  await page.fill("#ys", "1, 1, 1");
  await page.click("#compute");
  await page.waitForFunction(() => document.querySelector("#result").textContent.includes("= 6.0"));
  assert.match(await page.textContent("#result"), /fastmath\.dot\(x, y\)\s+= 6\.0/);
  await screenshot(page, "pyscript");
  assert.deepEqual(rec.errors.filter((e) => /Traceback|Error:/.test(e)), []);
  check();
});
