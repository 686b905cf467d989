// Offline guard for the in-Pyodide tests, preloaded into every node process they start
// (NODE_OPTIONS=--require, set by tests/pyodide/conftest.py).
//
// Why: a wheel missing from the test dist dir makes Pyodide fall back to its CDN, and pip-like
// code (micropip) would go to PyPI; both only log when they fail. Here every attempt to leave
// the machine throws at once AND is appended to the file named by FASTMATH_OFFLINE_LOG, which
// the outer test reads: a network attempt fails the run even if the code that made it swallowed
// the error. The node test driver talks to pytest over stdio, so nothing legitimate needs a
// socket; file:, data: and blob: fetches stay allowed.
"use strict";

const fs = require("fs");

const logFile = process.env.FASTMATH_OFFLINE_LOG;

function refuse(what) {
  const message = `fastmath offline guard: blocked network access: ${what}`;
  if (logFile) {
    fs.appendFileSync(logFile, message + "\n");
  }
  throw new Error(message);
}

function describe(target) {
  if (typeof target === "string") return target;
  if (target && typeof target.url === "string") return target.url;
  if (target && typeof target.href === "string") return target.href;
  try {
    return JSON.stringify(target);
  } catch {
    return String(target);
  }
}

const realFetch = globalThis.fetch;
globalThis.fetch = async function fetch(input, init) {
  const url = describe(input);
  if (/^(file|data|blob):/.test(url)) {
    return realFetch(input, init);
  }
  refuse(`fetch(${url})`);
};

for (const name of ["http", "https", "http2"]) {
  const mod = require(name);
  for (const fn of ["request", "get", "connect"]) {
    if (typeof mod[fn] === "function") {
      mod[fn] = (target) => refuse(`${name}.${fn}(${describe(target)})`);
    }
  }
}

const net = require("net");
net.connect = net.createConnection = (target) => refuse(`net.connect(${describe(target)})`);
net.Socket.prototype.connect = function connect(target) {
  refuse(`net.Socket.connect(${describe(target)})`);
};
const tls = require("tls");
tls.connect = (target) => refuse(`tls.connect(${describe(target)})`);

const dns = require("dns");
for (const fn of ["lookup", "resolve", "resolve4", "resolve6"]) {
  dns[fn] = (host) => refuse(`dns.${fn}(${host})`);
  dns.promises[fn] = async (host) => refuse(`dns.promises.${fn}(${host})`);
}

if (typeof globalThis.WebSocket === "function") {
  globalThis.WebSocket = function WebSocket(url) {
    refuse(`WebSocket(${url})`);
  };
}
