// One Web Worker of tests/browser/workers.test.mjs: its own Pyodide with one fastmath wheel.
// Messages in: {wheel, backend, seed} boots and answers {ready}; then {go: rounds} runs the
// computations and answers {done: report} (or {error} at any step). Served from the local test
// server; the name does not match node --test's patterns, so it is not run as a test itself.
import { loadPyodide } from "/node_modules/pyodide/pyodide.mjs";

// Each round: fastmath against an independent pure-Python answer on fresh seeded data. Exact
// where the operation is exact (elementwise, sort, min/max, argmax), a relative tolerance where
// the order of operations may differ (sums, matmul, solve, cumsum, var).
const PYTHON = `
import math, random, statistics, time
from array import array
from itertools import accumulate
import fastmath

def close(a, b, tol=1e-9):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))

def round_(rng):
    bad = []
    n = rng.randint(1, 400)
    x = [rng.uniform(-100, 100) for _ in range(n)]
    y = [rng.uniform(-100, 100) for _ in range(n)]
    xa = array("d", x)
    checks = {
        "square": fastmath.square(xa).tolist() == [v * v for v in x],
        "sqrt": fastmath.sqrt([abs(v) for v in x]).tolist() == [math.sqrt(abs(v)) for v in x],
        "add": fastmath.add(xa, y).tolist() == [a + b for a, b in zip(x, y)],
        "sum": close(fastmath.sum(xa), math.fsum(x), 1e-13),
        "dot": close(fastmath.dot(xa, y), math.fsum(a * b for a, b in zip(x, y))),
        "mean": close(fastmath.mean(xa), statistics.fmean(x)),
        "min": fastmath.min(xa) == min(x) and fastmath.max(xa) == max(x),
        "argmax": fastmath.argmax(xa) == x.index(max(x)),
        "sort": fastmath.sort(xa).tolist() == sorted(x),
        "argsort": [x[i] for i in fastmath.argsort(xa).tolist()] == sorted(x),
        "median": close(fastmath.median(xa), statistics.median(x), 1e-15),
        "cumsum": all(close(a, b, 1e-6) for a, b in zip(fastmath.cumsum(xa).tolist(), accumulate(x))),
    }
    if n > 1:
        checks["var"] = close(fastmath.var(xa), statistics.pvariance(x), 1e-7)
    m = rng.randint(1, 24)
    a = [[rng.uniform(-1, 1) for _ in range(m)] for _ in range(m)]
    for i in range(m):
        a[i][i] += m  # diagonally dominant: well conditioned
    b = [[rng.uniform(-1, 1) for _ in range(3)] for _ in range(m)]
    want = [[math.fsum(a[i][k] * b[k][j] for k in range(m)) for j in range(3)] for i in range(m)]
    got = fastmath.matmul(a, b).tolist()
    checks["matmul"] = all(close(g, w) for gr, wr in zip(got, want) for g, w in zip(gr, wr))
    rhs = [rng.uniform(-1, 1) for _ in range(m)]
    sol = fastmath.solve(a, rhs).tolist()
    back = [math.fsum(a[i][k] * sol[k] for k in range(m)) for i in range(m)]
    checks["solve"] = all(close(u, v, 1e-8) for u, v in zip(back, rhs))
    return [name for name, ok in checks.items() if not ok]

def run(seed, rounds):
    rng = random.Random(seed)
    start = time.time()
    failures = {}
    for r in range(rounds):
        for name in round_(rng):
            failures.setdefault(name, r)
    return {"backend": fastmath.backend, "rounds": rounds, "failures": failures,
            "seconds": time.time() - start}
`;

let pyodide = null;
let seed = 0;

onmessage = async ({ data }) => {
  try {
    if (data.wheel) {
      pyodide = await loadPyodide({
        indexURL: "/node_modules/pyodide/",
        env: data.backend === "wasm" ? { FASTMATH_BACKEND: "wasm" } : {},
      });
      await pyodide.loadPackage(data.wheel);
      pyodide.runPython(PYTHON);
      seed = data.seed;
      postMessage({ ready: pyodide.runPython("fastmath.backend") });
    } else if (data.go) {
      const start = Date.now();
      const report = pyodide.runPython(`run(${seed}, ${data.go})`).toJs({ dict_converter: Object.fromEntries });
      postMessage({ done: { ...report, start, end: Date.now() } });
    }
  } catch (e) {
    postMessage({ error: String(e && e.stack ? e.stack : e) });
  }
};
