"""fastmath's benchmark workloads, timed side by side in one process.

One file runs in two places (benchmarks/run.py drives both):

* inside Pyodide 314 under node (``--backend native`` or ``--backend wasm``): fastmath against
  the pure-Python equivalent in the same interpreter;
* on the host (``--host``): fastmath's host build against numpy (one OpenBLAS thread, set by
  the runner).

Every workload is timed as the best of several calls, alternating the contenders call by call,
so a burst of load from another process on the shared machine hits both sides alike. Timings
are warm-cache: each timed call follows an untimed call of the same function. The
result is one JSON line prefixed with ``BENCH_JSON:`` on stdout (Pyodide's file system is not
the host's, so stdout is the way out). A benchmark, not a test: nothing here asserts a speed.
"""

import array
import json
import math
import os
import sys
import time

# Where the time goes before the first call: measured first, before anything else imports it.
_args = sys.argv[1:]
_backend_arg = _args[_args.index("--backend") + 1] if "--backend" in _args else None
if _backend_arg:
    os.environ["FASTMATH_BACKEND"] = _backend_arg
_t0 = time.perf_counter()
import fastmath  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - _t0

HOST = "--host" in _args
QUICK = "--quick" in _args
N = 1_000_000
# Minimum total time spent per contender per workload, and the call-count bounds.
BUDGET = 0.15 if QUICK else 0.4
MIN_CALLS, MAX_CALLS = 3, 200

if HOST:
    import numpy as np
else:
    np = None


def _clock():
    return time.perf_counter()


def best_of(functions):
    """Best time of each of `functions`, called in alternation until each has had BUDGET seconds
    (at least MIN_CALLS, at most MAX_CALLS calls). For a very short call (the scalar overhead),
    each timed sample is a loop of calls, divided back to one call."""
    inner = []
    for f in functions:
        # Untimed first call: V8 compiles a wasm function lazily on its first call, which made
        # a one-off 0.1 ms look like the cost of a call and left the loop uncalibrated.
        f()
        t = _clock()
        f()
        once = _clock() - t
        if once < 1e-4:
            # perf_counter itself costs ~1 us in Pyodide: time batches of >= 1 ms instead.
            t = _clock()
            for _ in range(100):
                f()
            once = max((_clock() - t) / 100, 1e-9)
        inner.append(max(1, int(1e-3 / once)) if once < 1e-4 else 1)
    best = [math.inf] * len(functions)
    spent = [0.0] * len(functions)
    calls = 0
    while calls < MAX_CALLS and (calls < MIN_CALLS or min(spent) < BUDGET):
        for i, f in enumerate(functions):
            reps = inner[i]
            if best[i] < 0.05:
                # Warm caches: the other contender (pure Python especially) evicts the inputs
                # from L2/L3, which made memory-bound kernels look 3-4x slower in Pyodide than
                # on the host, where numpy reads the same arrays and keeps them warm.
                f()
            t = _clock()
            for _ in range(reps):
                f()
            dt = _clock() - t
            spent[i] += dt
            best[i] = min(best[i], dt / reps)
        calls += 1
        # Stop a slow contender (pure Python) from holding the fast one to MAX_CALLS.
        if calls >= MIN_CALLS and max(spent) > 4 * BUDGET:
            break
    return best


# --- data ------------------------------------------------------------------------------------
def vector(n, seed=1.0):
    return array.array("d", (math.sin(seed * i + 0.5) for i in range(n)))


def matrix(n, m=None, seed=1.0, spd=False):
    """An n x m matrix as a 2-D memoryview over doubles (zero-copy input for fastmath); with
    `spd`, symmetric positive definite (for cholesky/eigh) by a dominant diagonal."""
    m = n if m is None else m
    flat = array.array("d", (math.sin(seed * k + 0.25) for k in range(n * m)))
    if spd:
        for i in range(n):
            for j in range(i):
                flat[j * n + i] = flat[i * n + j]
            flat[i * n + i] = abs(flat[i * n + i]) + n
    if HOST:
        return np.frombuffer(flat, dtype=np.float64).reshape(n, m).copy()
    return memoryview(flat).cast("B").cast("d", (n, m))


def as_lists(a):
    return a.tolist()


def as_host(x):
    """fastmath on the host gets numpy arrays (zero-copy buffers, as a user would pass)."""
    return np.frombuffer(x, dtype=np.float64).copy() if HOST else x


# --- pure-Python equivalents -------------------------------------------------------------------
def py_square(x):
    return x * x


def py_dot(x, y):
    return sum(a * b for a, b in zip(x, y, strict=True))


def py_norm(x):
    return math.sqrt(sum(v * v for v in x))


def py_exp(x):
    exp = math.exp
    return [exp(v) for v in x]


def py_add(x, y):
    return [a + b for a, b in zip(x, y, strict=True)]


def py_var(x):
    m = sum(x) / len(x)
    return sum((v - m) * (v - m) for v in x) / len(x)


def py_cumsum(x):
    import itertools

    return list(itertools.accumulate(x))


def py_argmax(x):
    return max(range(len(x)), key=x.__getitem__)


def py_matmul(a, b):
    """The classic triple loop (i-k-j order, the fastest plain-Python ordering)."""
    n, k, m = len(a), len(b), len(b[0])
    out = [[0.0] * m for _ in range(n)]
    for i in range(n):
        row = out[i]
        ai = a[i]
        for p in range(k):
            aip = ai[p]
            bp = b[p]
            for j in range(m):
                row[j] += aip * bp[j]
    return out


def py_searchsorted(a, v):
    import bisect

    return [bisect.bisect_left(a, q) for q in v]


def py_unique(x):
    return sorted(set(x))


def py_topk(x, k):
    import heapq

    return heapq.nlargest(k, range(len(x)), key=x.__getitem__)


def workloads():
    """(name, family, flops or None, fastmath thunk, other thunk or None). `other` is pure
    Python in Pyodide and numpy on the host."""
    fm = fastmath
    x, y = vector(N, 1.0), vector(N, 0.7)
    xs = array.array("d", sorted(x))
    queries = vector(100_000, 0.3)
    small = vector(1000, 0.9)
    out = []

    def add(name, family, fast, other, flops=None):
        out.append((name, family, flops, fast, other))

    if HOST:
        hx, hy, hxs, hq = as_host(x), as_host(y), as_host(xs), as_host(queries)
        add("call overhead (square(3.0))", "call", lambda: fm.square(3.0), lambda: np.square(3.0))
        add("sum 1e6", "reduction", lambda: fm.sum(hx), lambda: np.sum(hx))
        add("dot 1e6", "reduction", lambda: fm.dot(hx, hy), lambda: np.dot(hx, hy))
        add("norm 1e6", "reduction", lambda: fm.norm(hx), lambda: np.linalg.norm(hx))
        add("exp 1e6", "elementwise", lambda: fm.exp(hx), lambda: np.exp(hx))
        add("add 1e6", "elementwise", lambda: fm.add(hx, hy), lambda: np.add(hx, hy))
        add("var 1e6", "reduction", lambda: fm.var(hx), lambda: np.var(hx))
        add("cumsum 1e6", "reduction", lambda: fm.cumsum(hx), lambda: np.cumsum(hx))
        add("argmax 1e6", "reduction", lambda: fm.argmax(hx), lambda: np.argmax(hx))
    else:
        add("call overhead (square(3.0))", "call", lambda: fm.square(3.0), lambda: py_square(3.0))
        add("sum 1e6", "reduction", lambda: fm.sum(x), lambda: sum(x))
        add("dot 1e6", "reduction", lambda: fm.dot(x, y), lambda: py_dot(x, y))
        add("norm 1e6", "reduction", lambda: fm.norm(x), lambda: py_norm(x))
        add("exp 1e6", "elementwise", lambda: fm.exp(x), lambda: py_exp(x))
        add("add 1e6", "elementwise", lambda: fm.add(x, y), lambda: py_add(x, y))
        add("var 1e6", "reduction", lambda: fm.var(x), lambda: py_var(x))
        add("cumsum 1e6", "reduction", lambda: fm.cumsum(x), lambda: py_cumsum(x))
        add("argmax 1e6", "reduction", lambda: fm.argmax(x), lambda: py_argmax(x))

    for n in (64, 256, 512):
        a, b = matrix(n, seed=1.0), matrix(n, seed=0.3)
        if HOST:
            other = lambda a=a, b=b: a @ b  # noqa: E731
        elif n == 64:
            la, lb = as_lists(a), as_lists(b)
            other = lambda la=la, lb=lb: py_matmul(la, lb)  # noqa: E731
        else:
            other = None  # minutes in pure Python: not timed
        add(f"matmul {n}", "linalg", lambda a=a, b=b: fm.matmul(a, b), other, 2 * n**3)

    a512, b512 = matrix(512, seed=1.0), matrix(512, 1, seed=0.5)
    a256, s256 = matrix(256, seed=0.8), matrix(256, seed=0.6, spd=True)
    s128 = matrix(128, seed=0.4, spd=True)
    t256 = matrix(256, 128, seed=0.9)
    r256 = matrix(256, 1, seed=0.2)
    lin = [
        ("solve 512", lambda: fm.solve(a512, b512), "solve", (a512, b512), 2 * 512**3 / 3),
        ("inv 256", lambda: fm.inv(a256), "inv", (a256,), None),
        ("det 256", lambda: fm.det(a256), "det", (a256,), None),
        ("cholesky 256", lambda: fm.cholesky(s256), "cholesky", (s256,), None),
        ("qr 256", lambda: fm.qr(a256), "qr", (a256,), None),
        ("lstsq 256x128", lambda: fm.lstsq(t256, r256), "lstsq", (t256, r256), None),
        ("eigh 128", lambda: fm.eigh(s128), "eigh", (s128,), None),
        ("svd 128", lambda: fm.svd(s128), "svd", (s128,), None),
    ]
    for name, fast, np_name, args, flops in lin:
        other = None
        if HOST:
            f = getattr(np.linalg, np_name)
            other = lambda f=f, args=args: f(*args)  # noqa: E731
        add(name, "linalg", fast, other, flops)

    if HOST:
        add("sort 1e6", "sorting", lambda: fm.sort(hx), lambda: np.sort(hx))
        add("argsort 1e6", "sorting", lambda: fm.argsort(hx), lambda: np.argsort(hx))
        add(
            "searchsorted 1e5 in 1e6",
            "sorting",
            lambda: fm.searchsorted(hxs, hq),
            lambda: np.searchsorted(hxs, hq),
        )
        add("unique 1e6", "sorting", lambda: fm.unique(hx), lambda: np.unique(hx))
        add(
            "topk 10 of 1e6",
            "sorting",
            lambda: fm.topk(hx, 10),
            lambda: np.argpartition(hx, -10)[-10:],
        )
        add("sum 1e3 (small input)", "reduction", lambda: fm.sum(small), lambda: np.sum(small))
    else:
        add("sort 1e6", "sorting", lambda: fm.sort(x), lambda: sorted(x))
        add(
            "argsort 1e6",
            "sorting",
            lambda: fm.argsort(x),
            lambda: sorted(range(N), key=x.__getitem__),
        )
        add(
            "searchsorted 1e5 in 1e6",
            "sorting",
            lambda: fm.searchsorted(xs, queries),
            lambda: py_searchsorted(xs, queries),
        )
        add("unique 1e6", "sorting", lambda: fm.unique(x), lambda: py_unique(x))
        add("topk 10 of 1e6", "sorting", lambda: fm.topk(x, 10), lambda: py_topk(x, 10))
        add("sum 1e3 (small input)", "reduction", lambda: fm.sum(small), lambda: sum(small))
    return out


def main():
    only = None
    if "--only" in _args:
        only = _args[_args.index("--only") + 1].split(",")
    results = []
    for name, family, flops, fast, other in workloads():
        if only and not any(o in name for o in only):
            continue
        contenders = [fast] + ([other] if other else [])
        try:
            times = best_of(contenders)
        except Exception as err:  # a missing function in one backend must not end the run
            print(f"{name}: {type(err).__name__}: {err}", file=sys.stderr)
            results.append({"name": name, "family": family, "error": f"{err}"})
            continue
        row = {"name": name, "family": family, "fastmath_s": times[0]}
        if other:
            row["other_s"] = times[1]
        if flops:
            row["fastmath_gflops"] = flops / times[0] / 1e9
        results.append(row)
        other_txt = f"{times[1] * 1e3:12.4f} ms" if other else " " * 15
        print(f"  {name:<28}{times[0] * 1e3:12.4f} ms{other_txt}", file=sys.stderr)
    info = {
        "where": "host" if HOST else "pyodide",
        "backend": fastmath.backend,
        "fastmath_version": fastmath.__version__,
        "python": sys.version.split()[0],
        "platform": sys.platform,
        "import_fastmath_s": IMPORT_SECONDS,
        "other": "numpy" if HOST else "pure Python",
        "results": results,
    }
    if HOST:
        info["numpy"] = np.__version__
        try:
            from threadpoolctl import threadpool_info

            info["blas"] = [
                {k: d.get(k) for k in ("internal_api", "version", "num_threads", "architecture")}
                for d in threadpool_info()
            ]
        except ImportError:
            info["blas"] = "threadpoolctl not installed"
    print("BENCH_JSON:" + json.dumps(info))


main()
