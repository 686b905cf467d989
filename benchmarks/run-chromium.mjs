// Runs a benchmark script inside Pyodide in headless Chromium (Debian's chromium through
// playwright-core), the engine most users run: the same contract as run-pyodide.mjs, so
// benchmarks/run.py reads both the same way.
//
//   node benchmarks/run-chromium.mjs [--worker] --wheel PATH SCRIPT.py [ARGS...]
//
// `--worker`: Pyodide runs in a module Web Worker of the page instead of on its main thread,
// where JupyterLite's kernel and PyScript's worker mode run it, and where the universal
// backend's threads can run (docs/threads.md).
//
// The page is cross-origin isolated (COOP/COEP headers): otherwise Chromium coarsens
// performance.now() (which Pyodide's time.perf_counter reads) to 100 us, too coarse for calls of
// a few microseconds. Offline: the repository is served on 127.0.0.1 and no other host resolves;
// Pyodide comes from node_modules, the wheel and the script from disk. The script's stdout lines
// are printed on stdout, its stderr (progress) on stderr, as they come.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser, recordRequests, serveSite } from "../tests/browser/helpers.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
let pyodideDir = "node_modules/pyodide";
let wheel = null;
let inWorker = false;
while (args.length && args[0].startsWith("--")) {
  const flag = args.shift();
  if (flag === "--pyodide") pyodideDir = args.shift();
  else if (flag === "--wheel") wheel = args.shift();
  else if (flag === "--worker") inWorker = true;
  else throw new Error(`unknown flag ${flag}`);
}
const script = args.shift();
// URL paths of files in the repository (the server's root).
const urlOf = (file) => {
  const rel = path.relative(ROOT, path.resolve(file));
  if (rel.startsWith("..")) throw new Error(`${file} is outside the repository`);
  return "/" + rel.split(path.sep).join("/");
};

const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
// (Debian's chromium wrapper script prints a shell warning on stderr for --version: dropped.)
const version = execFileSync(chromiumPath, ["--version"], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "ignore"],
}).trim();
const server = await serveSite(ROOT, {
  headers: {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
  },
});
const browser = await launchBrowser();
let failed = false;
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const log = recordRequests(context, page, server.url);
  await page.exposeFunction("benchLine", (stream, line) => {
    (stream === "out" ? console.log : console.error)(line);
  });
  const blank = path.join(ROOT, "build", "bench", "blank.html");
  mkdirSync(path.dirname(blank), { recursive: true });
  writeFileSync(blank, "<!doctype html><title>fastmath benchmark</title>");
  await page.goto(`${server.url}${urlOf(blank)}`);
  // One function for both places: on the page, or as the body of a module Worker (whose
  // `emit` forwards each line to the page).
  const runBench = async (
    { pyodideUrl, wheelUrl, scriptUrl, argv },
    emit = (stream, line) => self.benchLine(stream, line),
  ) => {
    const isolated = self.crossOriginIsolated;
    const { loadPyodide } = await import(`${pyodideUrl}/pyodide.mjs`);
    let t = performance.now();
    const pyodide = await loadPyodide({
      indexURL: `${pyodideUrl}/`,
      stdout: (line) => emit("out", line),
      stderr: (line) => emit("err", line),
    });
    const startup = performance.now() - t;
    t = performance.now();
    await pyodide.loadPackage(wheelUrl);
    const install = performance.now() - t;
    await emit("out", "BENCH_LOAD:" + JSON.stringify({ pyodide_startup_ms: startup, install_ms: install }));
    const source = await (await fetch(scriptUrl)).text();
    pyodide.pyimport("sys").argv = pyodide.toPy([scriptUrl, ...argv]);
    await pyodide.runPythonAsync(source, { filename: scriptUrl });
    return { isolated, userAgent: navigator.userAgent };
  };
  const job = {
    pyodideUrl: urlOf(path.join(ROOT, pyodideDir)),
    wheelUrl: urlOf(wheel),
    scriptUrl: urlOf(script),
    argv: args,
  };
  let info;
  if (inWorker) {
    const worker = path.join(ROOT, "build", "bench", "worker.mjs");
    writeFileSync(
      worker,
      `const runBench = ${runBench};\n` +
        `onmessage = (e) => runBench(e.data, (stream, line) => postMessage({ stream, line }))\n` +
        `  .then((info) => postMessage({ info: { ...info, worker: true } }),\n` +
        `        (err) => postMessage({ error: String(err && err.stack || err) }));\n`,
    );
    info = await page.evaluate(
      ({ url, job }) =>
        new Promise((resolve, reject) => {
          const w = new Worker(url, { type: "module" });
          w.onmessage = (e) => {
            if (e.data.line !== undefined) self.benchLine(e.data.stream, e.data.line);
            else if (e.data.info) resolve(e.data.info);
            else reject(new Error(e.data.error));
          };
          w.postMessage(job);
        }),
      { url: urlOf(worker), job },
    );
  } else {
    info = await page.evaluate(runBench, job);
  }
  if (!info.isolated) throw new Error("the benchmark page is not cross-origin isolated");
  console.log("BENCH_BROWSER:" + JSON.stringify({ chromium: version, ...info }));
  const offsite = log.offsite();
  if (offsite.length) throw new Error(`requests left 127.0.0.1: ${offsite.join(", ")}`);
} catch (err) {
  console.error(err.message ?? String(err));
  failed = true;
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
