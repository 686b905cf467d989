// Runs a benchmark script inside Pyodide in headless Chromium (Debian's chromium through
// playwright-core), the engine most users run: the same contract as run-pyodide.mjs, so
// benchmarks/run.py reads both the same way.
//
//   node benchmarks/run-chromium.mjs --wheel PATH SCRIPT.py [ARGS...]
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
while (args.length && args[0].startsWith("--")) {
  const flag = args.shift();
  if (flag === "--pyodide") pyodideDir = args.shift();
  else if (flag === "--wheel") wheel = args.shift();
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
  const info = await page.evaluate(
    async ({ pyodideUrl, wheelUrl, scriptUrl, argv }) => {
      const isolated = self.crossOriginIsolated;
      const { loadPyodide } = await import(`${pyodideUrl}/pyodide.mjs`);
      let t = performance.now();
      const pyodide = await loadPyodide({
        indexURL: `${pyodideUrl}/`,
        stdout: (line) => self.benchLine("out", line),
        stderr: (line) => self.benchLine("err", line),
      });
      const startup = performance.now() - t;
      t = performance.now();
      await pyodide.loadPackage(wheelUrl);
      const install = performance.now() - t;
      await self.benchLine(
        "out",
        "BENCH_LOAD:" + JSON.stringify({ pyodide_startup_ms: startup, install_ms: install }),
      );
      const source = await (await fetch(scriptUrl)).text();
      pyodide.pyimport("sys").argv = pyodide.toPy([scriptUrl, ...argv]);
      await pyodide.runPythonAsync(source, { filename: scriptUrl });
      return { isolated, userAgent: navigator.userAgent };
    },
    {
      pyodideUrl: urlOf(path.join(ROOT, pyodideDir)),
      wheelUrl: urlOf(wheel),
      scriptUrl: urlOf(script),
      argv: args,
    },
  );
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
