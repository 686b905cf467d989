"""fastmath's benchmark workloads, timed in one process.

One file runs in two places (benchmarks/run.py drives both):

* inside Pyodide 314 under node (``--backend native`` or ``--backend wasm``): fastmath against
  the pure-Python equivalent in the same interpreter;
* on the host (``--host``): fastmath's host build against numpy (one OpenBLAS thread, set by
  the runner).

Each workload is timed twice:

* **alone**: fastmath by itself, with the Pyodide-style inputs (array.array, 2-D memoryview)
  in both places: the same call, the same input types, the same protocol. The wasm tax
  (Pyodide time / host time) is the ratio of these two, made in two processes.
* **side by side**: fastmath and the other contender (pure Python in Pyodide, numpy on the
  host, where fastmath gets numpy arrays as a user would pass them), alternating call by call,
  so a burst of load from another process on the shared machine hits both sides alike. The
  speed-ups against pure Python and numpy are ratios of these. Tens of milliseconds of
  Python bytecode between two fastmath calls (even a loop that allocates nothing) make the
  next memory-bound kernel (dot, norm, add) up to 2-2.5x slower, warm-up call or not, on the
  host as in Pyodide: a property of this machine, not of wasm. So fastmath's side-by-side
  times in Pyodide are pessimistic (the speed-ups against pure Python are conservative), and
  the wasm tax, whose host side has no such contender, does not use them.

Timings are the best of several calls, warm-cache: each timed call follows an untimed call of
the same function. The result is one JSON line prefixed with ``BENCH_JSON:`` on stdout
(Pyodide's file system is not the host's, so stdout is the way out). A benchmark, not a test:
nothing here asserts a speed.
"""

import array
import bisect
import cmath
import itertools
import json
import math
import os
import random
import statistics
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
# `--threads N`: the calls use N threads where the backend has them (the threaded universal
# module in node); without it, the backend's default.
if "--threads" in _args:
    fastmath.set_num_threads(int(_args[_args.index("--threads") + 1]))

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


def single(a):
    """`a` (an array.array of doubles) as float32, each value rounded once."""
    return array.array("f", a)


def matrix(n, m=None, seed=1.0, spd=False, typecode="d"):
    """An n x m matrix as a 2-D memoryview over doubles (zero-copy input for fastmath); with
    `spd`, symmetric positive definite (for cholesky/eigh) by a dominant diagonal; `typecode`
    "f" gives float32."""
    m = n if m is None else m
    flat = array.array(typecode, (math.sin(seed * k + 0.25) for k in range(n * m)))
    if spd:
        for i in range(n):
            for j in range(i):
                flat[j * n + i] = flat[i * n + j]
            flat[i * n + i] = abs(flat[i * n + i]) + n
    return memoryview(flat).cast("B").cast(typecode, (n, m))


def as_lists(a):
    return a.tolist()


def as_host(a):
    """On the host, fastmath's side-by-side run against numpy gets numpy arrays (zero-copy
    buffers, as a user would pass them) of the input's dtype; numbers pass through."""
    if isinstance(a, (array.array, memoryview)):
        return np.array(a)
    if isinstance(a, fastmath.ComplexArray):
        return a.to_numpy()
    return a


def complex_signal(n):
    """`n` complex values as a fastmath.ComplexArray (fft's zero-copy complex input)."""
    return fastmath.ComplexArray(complex(math.sin(0.7 * k), math.cos(1.3 * k)) for k in range(n))


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


def py_erf(x):
    erf = math.erf
    return [erf(v) for v in x]


def py_erfc(x):
    erfc = math.erfc
    return [erfc(v) for v in x]


def py_primes(n):
    """The primes <= n by a bytearray sieve, the usual fast pure-Python way."""
    flags = bytearray([1]) * (n + 1)
    flags[:2] = b"\x00\x00"
    for p in range(2, math.isqrt(n) + 1):
        if flags[p]:
            flags[p * p :: p] = bytes(len(range(p * p, n + 1, p)))
    return list(itertools.compress(range(n + 1), flags))


def py_log(x):
    log = math.log
    return [log(v) for v in x]


def py_sin(x):
    sin = math.sin
    return [sin(v) for v in x]


def py_expm1(x):
    expm1 = math.expm1
    return [expm1(v) for v in x]


def py_log1p(x):
    log1p = math.log1p
    return [log1p(v) for v in x]


def py_tanh(x):
    tanh = math.tanh
    return [tanh(v) for v in x]


def py_tan(x):
    tan = math.tan
    return [tan(v) for v in x]


def py_sigmoid(x):
    exp = math.exp
    return [1.0 / (1.0 + exp(-v)) for v in x]


def np_sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


def py_cdist(a, b):
    """Euclidean distances between the rows of two lists of rows, the plain way."""
    out = []
    for u in a:
        row = []
        for v in b:
            s = 0.0
            for x, y in zip(u, v, strict=True):
                d = x - y
                s += d * d
            row.append(math.sqrt(s))
        out.append(row)
    return out


def np_cdist(a, b):
    """The host's contender for cdist is scipy's (numpy has none)."""
    from scipy.spatial.distance import cdist

    return cdist(a, b)


def py_kmeans(x, k, max_iter, seed=0):
    """k-means in plain Python, the same work as fastmath's call in the benchmark: greedy
    k-means++ (2 + int(log(k)) candidates a centre), then `max_iter` Lloyd iterations and a
    final assignment."""
    rng = random.Random(seed)
    n = len(x)

    def sq(p, c):
        s = 0.0
        for a, b in zip(p, c, strict=True):
            d = a - b
            s += d * d
        return s

    centers = [x[rng.randrange(n)]]
    nearest = [sq(p, centers[0]) for p in x]
    pot = sum(nearest)
    for _ in range(1, k):
        running = list(itertools.accumulate(nearest))
        best = None
        for _ in range(2 + int(math.log(k))):
            i = min(bisect.bisect_left(running, rng.random() * pot), n - 1)
            d = [min(a, sq(p, x[i])) for a, p in zip(nearest, x, strict=True)]
            if best is None or sum(d) < best[0]:
                best = (sum(d), i, d)
        pot, i, nearest = best
        centers.append(x[i])

    def assign():
        return [min(range(k), key=lambda c: sq(p, centers[c])) for p in x]

    for _ in range(max_iter):
        labels = assign()
        sums = [[0.0] * len(x[0]) for _ in range(k)]
        counts = [0] * k
        for p, c in zip(x, labels, strict=True):
            counts[c] += 1
            sums[c] = [s + v for s, v in zip(sums[c], p, strict=True)]
        centers = [[s / counts[c] for s in sums[c]] if counts[c] else centers[c] for c in range(k)]
    return centers, assign()


def kmeans_flops(n, d, k, lloyd):
    """The floating-point operations of a seeded k-means run: squared distances (3 per
    coordinate) of k-means++ (the first centre, then 2 + int(log k) candidates and the update
    per centre) and of `lloyd` assignments, plus the means (1 per coordinate per iteration)."""
    seeding = (1 + (k - 1) * (3 + int(math.log(k)))) * n * d * 3
    return seeding + lloyd * k * n * d * 3 + (lloyd - 1) * n * d


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


def py_histogram(x, bins):
    """The plain binning loop: equal-width bins over the data's range, the last one closed."""
    lo, hi = min(x), max(x)
    scale = bins / (hi - lo)
    counts = [0] * bins
    last = bins - 1
    for v in x:
        i = int((v - lo) * scale)
        counts[i if i < bins else last] += 1
    return counts


def py_percentile(x, qs):
    """Percentiles from a sorted copy, numpy's linear rule."""
    s = sorted(x)
    out = []
    for q in qs:
        h = (len(s) - 1) * q / 100
        i = int(h)
        out.append(s[i] + (s[min(i + 1, len(s) - 1)] - s[i]) * (h - i))
    return out


def np_histogram(a, bins):
    return np.histogram(a, bins)


def py_convolve(a, v):
    """The pure-Python double loop: every product added into its output."""
    out = [0.0] * (len(a) + len(v) - 1)
    for i, ai in enumerate(a):
        for j, vj in enumerate(v, i):
            out[j] += ai * vj
    return out


def py_interp(x, xp, fp):
    """Interpolation with the standard library's bisection, as pure Python would write it."""
    import bisect

    last = len(xp) - 1
    out = []
    for v in x:
        if v <= xp[0]:
            out.append(fp[0])
        elif v >= xp[last]:
            out.append(fp[last])
        else:
            j = bisect.bisect_right(xp, v) - 1
            out.append(fp[j] + (v - xp[j]) * (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]))
    return out


def py_fft(x):
    """An iterative radix-2 FFT of a power-of-two length in pure Python (`cmath` twiddles)."""
    n = len(x)
    a = list(x)
    j = 0
    for i in range(1, n):
        bit = n >> 1
        while j & bit:
            j ^= bit
            bit >>= 1
        j |= bit
        if i < j:
            a[i], a[j] = a[j], a[i]
    size = 2
    while size <= n:
        step = cmath.exp(-2j * math.pi / size)
        half = size // 2
        twiddles = [step**k for k in range(half)]
        for start in range(0, n, size):
            for k in range(half):
                u, v = a[start + k], a[start + k + half] * twiddles[k]
                a[start + k], a[start + k + half] = u + v, u - v
        size *= 2
    return a


def py_diff(x):
    return [b - a for a, b in itertools.pairwise(x)]


def np_topk(a, k):
    """numpy's nearest to topk: the k largest, unordered."""
    return np.argpartition(a, -k)[-k:]


def py_normals(n):
    return [random.gauss(0.0, 1.0) for _ in range(n)]


def np_normals(n):
    return np.random.default_rng(1).standard_normal(n)


def np_uniforms(n):
    return np.random.default_rng(1).random(n)


def np_integers(n):
    return np.random.default_rng(1).integers(0, 100, n)


def numpy_function(name):
    """`numpy.<name>` ("linalg.norm"), or this module's `np_*` function ("np_topk")."""
    if name.startswith("np_"):
        return globals()[name]
    f = np
    for part in name.split("."):
        f = getattr(f, part)
    return f


class Workload:
    """One timed call of fastmath, `fn(*args)` with the Pyodide-style inputs (array.array,
    2-D memoryview), and what it is compared with.

    * `fast`: fastmath as timed side by side with `other`: in Pyodide the call itself, on the
      host the same call on numpy copies of the inputs (numpy in, numpy out, as a user would).
    * `other`: the pure-Python equivalent in Pyodide (`py`, a thunk), numpy on the host
      (`numpy`, the name of a numpy function given the numpy copies), or None when there is
      none worth timing.
    * `alone`: exactly `fn(*args)`, the same call with the same input types in both places,
      timed with no other contender in between: the two sides of the wasm tax.
    """

    def __init__(self, name, family, fn, args, py=None, numpy=None, flops=None):
        self.name, self.family, self.flops = name, family, flops
        self.alone = lambda: fn(*args)
        if HOST:
            host_args = tuple(as_host(a) for a in args)
            self.fast = lambda: fn(*host_args)
            f = numpy_function(numpy) if numpy else None
            self.other = (lambda: f(*host_args)) if f else None
        else:
            self.fast = self.alone
            self.other = py


def workloads():
    """The workloads, in table order."""
    fm = fastmath
    x, y = vector(N, 1.0), vector(N, 0.7)
    xs = array.array("d", sorted(x))
    queries = vector(100_000, 0.3)
    small = vector(1000, 0.9)
    out = []

    def add(name, family, fn, args, py=None, numpy=None, flops=None):
        out.append(Workload(name, family, fn, args, py, numpy, flops))

    add(
        "call overhead (square(3.0))",
        "call",
        fm.square,
        (3.0,),
        lambda: py_square(3.0),
        "square",
    )
    add("sum 1e6", "reduction", fm.sum, (x,), lambda: sum(x), "sum")
    # fastmath's sum is meant to round exactly, as math.fsum does: that is the fair contender.
    add("sum 1e6 vs math.fsum", "reduction", fm.sum, (x,), lambda: math.fsum(x), "sum")
    add("dot 1e6", "reduction", fm.dot, (x, y), lambda: py_dot(x, y), "dot")
    add("norm 1e6", "reduction", fm.norm, (x,), lambda: py_norm(x), "linalg.norm")
    add("exp 1e6", "elementwise", fm.exp, (x,), lambda: py_exp(x), "exp")
    lx = array.array("d", (abs(v) + 0.5 for v in x))
    add("log 1e6", "elementwise", fm.log, (lx,), lambda: py_log(lx), "log")
    add("sin 1e6", "elementwise", fm.sin, (x,), lambda: py_sin(x), "sin")
    add("tanh 1e6", "elementwise", fm.tanh, (x,), lambda: py_tanh(x), "tanh")
    add("tan 1e6", "elementwise", fm.tan, (x,), lambda: py_tan(x), "tan")
    add("sigmoid 1e6", "elementwise", fm.sigmoid, (x,), lambda: py_sigmoid(x), "np_sigmoid")
    add("expm1 1e6", "elementwise", fm.expm1, (x,), lambda: py_expm1(x), "expm1")
    add("log1p 1e6", "elementwise", fm.log1p, (lx,), lambda: py_log1p(lx), "log1p")
    add("add 1e6", "elementwise", fm.add, (x, y), lambda: py_add(x, y), "add")
    # float32 (issue 11 item 7): the same workloads on float32 copies, against the same pure
    # Python (which computes in float64 either way); the f32/f64 ratio is the row pairs'.
    x32, lx32 = single(x), single(lx)
    add("sum 1e6 float32", "reduction", fm.sum, (x32,), lambda: sum(x32), "sum")
    add("exp 1e6 float32", "elementwise", fm.exp, (x32,), lambda: py_exp(x32), "exp")
    add("log 1e6 float32", "elementwise", fm.log, (lx32,), lambda: py_log(lx32), "log")
    add("sin 1e6 float32", "elementwise", fm.sin, (x32,), lambda: py_sin(x32), "sin")
    add("tanh 1e6 float32", "elementwise", fm.tanh, (x32,), lambda: py_tanh(x32), "tanh")
    add("tan 1e6 float32", "elementwise", fm.tan, (x32,), lambda: py_tan(x32), "tan")
    add(
        "sigmoid 1e6 float32",
        "elementwise",
        fm.sigmoid,
        (x32,),
        lambda: py_sigmoid(x32),
        "np_sigmoid",
    )
    add("expm1 1e6 float32", "elementwise", fm.expm1, (x32,), lambda: py_expm1(x32), "expm1")
    add("log1p 1e6 float32", "elementwise", fm.log1p, (lx32,), lambda: py_log1p(lx32), "log1p")
    add("var 1e6", "reduction", fm.var, (x,), lambda: py_var(x), "var")
    add("cumsum 1e6", "reduction", fm.cumsum, (x,), lambda: py_cumsum(x), "cumsum")
    add("argmax 1e6", "reduction", fm.argmax, (x,), lambda: py_argmax(x), "argmax")

    for n in (64, 256, 512, 1024, 2048):
        a, b = matrix(n, seed=1.0), matrix(n, seed=0.3)
        py = None  # a pure-Python 256 or 512 takes minutes: not timed
        if n == 64:
            la, lb = as_lists(a), as_lists(b)
            py = lambda la=la, lb=lb: py_matmul(la, lb)  # noqa: E731
        add(f"matmul {n}", "linalg", fm.matmul, (a, b), py, "matmul", 2 * n**3)
    a, b = matrix(256, seed=1.0, typecode="f"), matrix(256, seed=0.3, typecode="f")
    add("matmul 256 float32", "linalg", fm.matmul, (a, b), None, "matmul", 2 * 256**3)

    a512, b512 = matrix(512, seed=1.0), matrix(512, 1, seed=0.5)
    s512 = matrix(512, seed=0.45, spd=True)
    a256, s256 = matrix(256, seed=0.8), matrix(256, seed=0.6, spd=True)
    s128 = matrix(128, seed=0.4, spd=True)
    t256 = matrix(256, 128, seed=0.9)
    r256 = matrix(256, 1, seed=0.2)
    for name, fn, args, flops in [
        ("solve 512", "solve", (a512, b512), 2 * 512**3 / 3),
        ("eigh 512", "eigh", (s512,), None),
        ("svd 512", "svd", (s512,), None),
        ("inv 256", "inv", (a256,), None),
        ("det 256", "det", (a256,), None),
        ("cholesky 256", "cholesky", (s256,), None),
        ("qr 256", "qr", (a256,), None),
        ("lstsq 256x128", "lstsq", (t256, r256), None),
        ("eigh 128", "eigh", (s128,), None),
        ("svd 128", "svd", (s128,), None),
    ]:
        add(name, "linalg", getattr(fm, fn), args, None, f"linalg.{fn}", flops)

    add("sort 1e6", "sorting", fm.sort, (x,), lambda: sorted(x), "sort")
    add(
        "argsort 1e6",
        "sorting",
        fm.argsort,
        (x,),
        lambda: sorted(range(N), key=x.__getitem__),
        "argsort",
    )
    add(
        "searchsorted 1e5 in 1e6",
        "sorting",
        fm.searchsorted,
        (xs, queries),
        lambda: py_searchsorted(xs, queries),
        "searchsorted",
    )
    add("unique 1e6", "sorting", fm.unique, (x,), lambda: py_unique(x), "unique")
    # Other input shapes, which the sorts treat differently: few distinct values (201 of them,
    # the integers -100..100) and an already sorted input.
    few = array.array("d", (float(round(100 * v)) for v in x))
    add("sort 1e6, 201 distinct", "sorting", fm.sort, (few,), lambda: sorted(few), "sort")
    add(
        "argsort 1e6, 201 distinct",
        "sorting",
        fm.argsort,
        (few,),
        lambda: sorted(range(N), key=few.__getitem__),
        "argsort",
    )
    add("sort 1e6, sorted", "sorting", fm.sort, (xs,), lambda: sorted(xs), "sort")
    add(
        "topk 10 of 1e6",
        "sorting",
        fm.topk,
        (x, 10),
        lambda: py_topk(x, 10),
        "np_topk",
    )
    add("median 1e6", "statistics", fm.median, (x,), lambda: statistics.median(x), "median")
    # fft: 2**20 against host numpy.fft (pure Python would take minutes), 2**16 against a
    # pure-Python radix-2 FFT.
    z20, z16 = complex_signal(2**20), complex_signal(2**16)
    z16_list = z16.tolist()
    add("fft 2**20 complex", "fft", fm.fft.fft, (z20,), None, "fft.fft")
    add("fft 2**16 complex", "fft", fm.fft.fft, (z16,), lambda: py_fft(z16_list), "fft.fft")
    add(
        "percentile 1e6 (5, 50, 95)",
        "statistics",
        fm.percentile,
        (x, [5, 50, 95]),
        lambda: py_percentile(x, [5, 50, 95]),
        "percentile",
    )
    add(
        "histogram 1e6, 100 bins",
        "statistics",
        fm.histogram,
        (x, 100),
        lambda: py_histogram(x, 100),
        "np_histogram",
    )
    add(
        "nansum 1e6",
        "statistics",
        fm.nansum,
        (x,),
        lambda: math.fsum(v for v in x if v == v),
        "nansum",
    )
    # Special functions and number theory (issue 12): numpy has no erf or primes.
    add("erf 1e6", "special", fm.erf, (x,), lambda: py_erf(x))
    add("erfc 1e6", "special", fm.erfc, (x,), lambda: py_erfc(x))
    add("logsumexp 1e6", "special", fm.logsumexp, (x,), None, None)
    add("primes 1e7", "number theory", fm.primes, (10**7,), lambda: py_primes(10**7))
    gx = array.array("q", (int(abs(v) * 1e9) for v in x))
    gy = array.array("q", (int(abs(v) * 7e8) + 1 for v in y))
    add("gcd 1e6", "number theory", fm.gcd, (gx, gy), lambda: list(map(math.gcd, gx, gy)), "gcd")
    add("sum 1e3 (small input)", "reduction", fm.sum, (small,), lambda: sum(small), "sum")

    # Sequences (issue 12): convolve 1e5 with 1e3 by the automatic method (the FFT here) and
    # forced direct; numpy's convolve is always direct.
    c1, c2 = vector(100_000, 0.37), vector(1000, 0.11)
    add(
        "convolve 1e5 * 1e3",
        "sequences",
        fm.convolve,
        (c1, c2),
        lambda: py_convolve(c1, c2),
        "convolve",
    )
    add(
        "convolve 1e5 * 1e3, direct",
        "sequences",
        lambda a, v: fm.convolve(a, v, method="direct"),
        (c1, c2),
        None,
        "convolve",
    )
    grid = array.array("d", (i / 1000 for i in range(1001)))
    values = vector(1001, 0.2)
    add(
        "interp 1e6 on 1e3 points",
        "sequences",
        fm.interp,
        (x, grid, values),
        lambda: py_interp(x, grid, values),
        "interp",
    )
    add("diff 1e6", "sequences", fm.diff, (x,), lambda: py_diff(x), "diff")

    # Distances and clustering (issue 13). cdist 2000x2000x16 has no pure-Python contender (a
    # minute a call); 200x200x16 gives the ratio against pure Python.
    xa, xb = matrix(2000, 16, seed=1.0), matrix(2000, 16, seed=0.3)
    add("cdist 2000x2000x16", "distance", fm.cdist, (xa, xb), None, "np_cdist", 3 * 2000**2 * 16)
    ya, yb = matrix(200, 16, seed=1.0), matrix(200, 16, seed=0.3)
    la, lb = as_lists(ya), as_lists(yb)
    add(
        "cdist 200x200x16",
        "distance",
        fm.cdist,
        (ya, yb),
        lambda: py_cdist(la, lb),
        "np_cdist",
        3 * 200**2 * 16,
    )
    # kmeans: one k-means++ seeding and 10 Lloyd iterations (tol=0; these quasi-random points
    # do not settle within 10, so every call does the same work: 11 assignments with the
    # final one). 1e5 points has no pure-Python contender (a minute a call); 5e3 points with 5
    # iterations gives the ratio.
    km = fm.kmeans
    points = matrix(100_000, 8, seed=0.77)
    add(
        "kmeans 1e5x8 k=8",
        "clustering",
        lambda p: km(p, 8, seed=0, n_init=1, max_iter=10, tol=0.0),
        (points,),
        None,
        None,
        kmeans_flops(100_000, 8, 8, 11),
    )
    # Not `few`: the sort rows' pure-Python lambdas read that name when they run, after this.
    small_points = matrix(5_000, 8, seed=0.77)
    small_lists = as_lists(small_points)
    add(
        "kmeans 5e3x8 k=8",
        "clustering",
        lambda p: km(p, 8, seed=0, n_init=1, max_iter=5, tol=0.0),
        (small_points,),
        lambda: py_kmeans(small_lists, 8, 5),
        None,
        kmeans_flops(5_000, 8, 8, 6),
    )

    # fastmath.random (issue 13): numpy's streams; seeding is in each call, as a notebook would.
    rng = fm.random.default_rng
    add(
        "normals 1e6 (random)",
        "random",
        lambda n: rng(1).standard_normal(n),
        (N,),
        lambda: py_normals(N),
        "np_normals",
    )
    add(
        "uniforms 1e6 (random)",
        "random",
        lambda n: rng(1).random(n),
        (N,),
        lambda: [random.random() for _ in range(N)],
        "np_uniforms",
    )
    add(
        "integers 1e6 (random)",
        "random",
        lambda n: rng(1).integers(0, 100, n),
        (N,),
        lambda: [random.randrange(100) for _ in range(N)],
        "np_integers",
    )
    return out


def main():
    only = None
    if "--only" in _args:
        only = _args[_args.index("--only") + 1].split(",")
    results = []
    for w in workloads():
        if only and not any(o in w.name for o in only):
            continue
        try:
            # First fastmath alone (the wasm tax's protocol, the same on both sides), then side
            # by side with the other contender. Where there is no other contender and the
            # inputs are the same (Pyodide, no pure-Python equivalent), one pass serves both.
            alone = None
            if w.other or w.fast is not w.alone:
                alone = best_of([w.alone])[0]
            times = best_of([w.fast] + ([w.other] if w.other else []))
            alone = times[0] if alone is None else alone
        except Exception as err:  # a missing function in one backend must not end the run
            print(f"{w.name}: {type(err).__name__}: {err}", file=sys.stderr)
            results.append({"name": w.name, "family": w.family, "error": f"{err}"})
            continue
        row = {
            "name": w.name,
            "family": w.family,
            "fastmath_s": times[0],
            "fastmath_alone_s": alone,
        }
        if w.other:
            row["other_s"] = times[1]
        if w.flops:
            row["fastmath_gflops"] = w.flops / times[0] / 1e9
            row["fastmath_alone_gflops"] = w.flops / alone / 1e9
        results.append(row)
        other_txt = f"{times[1] * 1e3:12.4f} ms" if w.other else " " * 15
        print(
            f"  {w.name:<28}{times[0] * 1e3:12.4f} ms{other_txt}   alone {alone * 1e3:.4f} ms",
            file=sys.stderr,
        )
    info = {
        "where": "host" if HOST else "pyodide",
        "backend": fastmath.backend,
        "fastmath_version": fastmath.__version__,
        "python": sys.version.split()[0],
        "platform": sys.platform,
        "import_fastmath_s": IMPORT_SECONDS,
        "threads": fastmath.get_num_threads(),
        "other": "numpy" if HOST else "pure Python",
        # What `fastmath_s` got (side by side with `other`) and what `fastmath_alone_s` got.
        "fastmath_inputs": "numpy arrays" if HOST else "array.array / 2-D memoryview",
        "alone_inputs": "array.array / 2-D memoryview",
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


async def _started_then_main():
    """In Pyodide: the universal backend's threads start while the event loop turns (a browser
    Worker starts nested Workers no sooner): `init()` waits for them, as a notebook's earlier
    cells would have let them start. Then the synchronous run."""
    await fastmath.init()
    main()


# The script's last value: runPythonAsync (run-pyodide.mjs, run-chromium.mjs) awaits it.
_started_then_main() if sys.platform == "emscripten" else main()
