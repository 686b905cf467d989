// Shared pieces of the browser tests: a static server for build/site on a free 127.0.0.1 port,
// Debian chromium through playwright-core with every non-local host unresolvable, and a request
// recorder so that a test fails on any request that leaves 127.0.0.1.
import { createServer } from "node:http";
import { mkdirSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SITE = path.resolve(process.env.FASTMATH_SITE ?? path.join(ROOT, "build", "site"));
export const SHOTS = path.join(ROOT, "build", "browser-screenshots");

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".ipynb": "application/json",
  ".wasm": "application/wasm",
  ".whl": "application/zip",
  ".zip": "application/zip",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".toml": "text/plain; charset=utf-8",
  ".py": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/**
 * Serves `root` on 127.0.0.1 (port 0: a free one). Resolves to { url, close, files }. `headers` go on
 * every response (the benchmark page adds COOP/COEP to be cross-origin isolated). `files`, a Map
 * of pathname to { body, type }, is served before `root` (a test fills it once it knows the URL).
 */
export async function serveSite(root = SITE, { headers = {}, files = new Map() } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url, "http://127.0.0.1");
      if (files.has(pathname)) {
        const { body, type } = files.get(pathname);
        res.writeHead(200, { "Content-Type": type, "Cache-Control": "no-store", ...headers });
        res.end(body);
        return;
      }
      let file = path.join(root, decodeURIComponent(pathname));
      if (file !== root && !file.startsWith(root + path.sep)) throw Object.assign(new Error("outside"), { code: "ENOENT" });
      if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, {
        "Content-Type": MIME[path.extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-store",
        ...headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    files,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Launches headless Debian chromium (Playwright gives it a fresh temporary --user-data-dir); no
 * host but 127.0.0.1 resolves. `newContext()` is an isolated profile: no storage shared between tests.
 * `hostMap` ({ "name.test": port }) sends every request for a host name to 127.0.0.1:port: a second
 * local origin with a host name, e.g. a stand-in for a CDN whose URL is fixed when a site is built.
 */
export async function launchBrowser({ hostMap = {} } = {}) {
  const mapped = Object.entries(hostMap).map(([host, port]) => `MAP ${host} 127.0.0.1:${port}, `);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--host-resolver-rules=${mapped.join("")}MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`,
    ],
  });
  return {
    newContext: () => browser.newContext({ viewport: { width: 1280, height: 900 } }),
    close: () => browser.close(),
  };
}

/**
 * Records every request of the context (pages, their workers, service workers) and the page's
 * errors. `offsite()` lists the requests to anything but the local server (and the `alsoLocal`
 * origins: servers on 127.0.0.1 reached by a host name of launchBrowser's `hostMap`).
 */
export function recordRequests(context, page, base, { alsoLocal = [] } = {}) {
  const requests = [];
  const failed = [];
  const errors = [];
  const onRequest = (req) => requests.push(req.url());
  context.on("request", onRequest);
  page.on("request", onRequest);
  page.on("requestfailed", (req) => failed.push(`${req.url()} ${req.failure()?.errorText}`));
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  const local = (u) =>
    [base, ...alsoLocal].some((b) => u.startsWith(`${b}/`)) || /^(data|blob|about|chrome-extension):/.test(u);
  return {
    requests,
    failed,
    errors,
    offsite: () => [...new Set(requests.filter((u) => !local(u)))],
  };
}

export async function screenshot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
