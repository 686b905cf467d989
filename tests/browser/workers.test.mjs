// Concurrency: two Pyodide instances in two Web Workers of one page use fastmath at the same
// time, one with the native wheel and one with the universal wheel, and both get right answers
// (checked inside each worker against pure Python on seeded data, workers-worker.mjs). Headless
// Debian chromium, offline: the repository is served from 127.0.0.1 (Pyodide from node_modules,
// the wheels from dist/), and any request elsewhere fails the test.
//
// The workers boot first; then both are told to go at once and each runs ROUNDS rounds. The
// test insists that the two runs overlapped in time, so it cannot pass with the work serialized.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { launchBrowser, recordRequests, serveSite } from "./helpers.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const ROUNDS = 150;
const wheelEnding = (ending) => readdirSync(path.join(ROOT, "dist")).find((f) => f.endsWith(ending));
const WHEELS = {
  native: wheelEnding("-cp314-cp314-pyemscripten_2026_0_wasm32.whl"),
  wasm: wheelEnding("-py3-none-any.whl"),
};

let server;
let browser;
before(async () => {
  for (const [backend, wheel] of Object.entries(WHEELS)) {
    assert.ok(wheel, `dist/ has no ${backend} wheel: run make build`);
  }
  server = await serveSite(ROOT);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("two Web Workers, native and universal fastmath, computing at the same time", { timeout: 300_000 }, async (t) => {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const log = recordRequests(context, page, server.url);
  // Any same-origin page will do as the workers' parent: a 404 text answer is one.
  await page.goto(`${server.url}/tests/browser/`);
  const jobs = Object.entries(WHEELS).map(([backend, wheel], i) => ({
    backend,
    wheel: `/dist/${wheel}`,
    seed: 1000 + i,
  }));
  const reports = await page.evaluate(
    async ({ jobs, rounds }) => {
      const answer = (worker) =>
        new Promise((resolve, reject) => {
          worker.onmessage = ({ data }) => (data.error ? reject(new Error(data.error)) : resolve(data));
          worker.onerror = (e) => reject(new Error(`worker error: ${e.message}`));
        });
      const workers = jobs.map(() => new Worker("/tests/browser/workers-worker.mjs", { type: "module" }));
      const ready = await Promise.all(
        workers.map((w, i) => {
          const reply = answer(w);
          w.postMessage(jobs[i]);
          return reply;
        }),
      );
      const done = await Promise.all(
        workers.map((w) => {
          const reply = answer(w);
          w.postMessage({ go: rounds });
          return reply;
        }),
      );
      workers.forEach((w) => w.terminate());
      return done.map((d, i) => ({ ...d.done, ready: ready[i].ready }));
    },
    { jobs, rounds: ROUNDS },
  );

  for (const [i, report] of reports.entries()) {
    const { backend } = jobs[i];
    assert.equal(report.ready, backend, "the backend the worker loaded");
    assert.equal(report.backend, backend);
    assert.equal(report.rounds, ROUNDS);
    assert.deepEqual(report.failures, {}, `${backend}: checks that failed (and their first round)`);
  }
  // Concurrent, not one after the other: each run started before the other ended.
  const [a, b] = reports;
  assert.ok(a.start < b.end && b.start < a.end, `runs did not overlap: ${JSON.stringify(reports)}`);
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  t.diagnostic(`runs ${a.end - a.start} ms (native) and ${b.end - b.start} ms (universal), overlapping ${overlap} ms`);
  assert.deepEqual(log.offsite(), [], "requests left 127.0.0.1");
});
