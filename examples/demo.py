"""fastmath in Pyodide: a few results and how much faster they are than pure Python.

Run by `make demo` inside Pyodide 314 under node (tools/run-in-pyodide.mjs); also runs as is on
desktop CPython with the host wheel installed.
"""

import array
import math
import sys
import time

import fastmath


def best_of(repeats, function, *args):
    """The fastest of `repeats` timed calls, in seconds: the least disturbed measurement."""
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        function(*args)
        best = min(best, time.perf_counter() - start)
    return best


def python_dot(x, y):
    return sum(a * b for a, b in zip(x, y, strict=True))


def python_square(x):
    return [v * v for v in x]


def main():
    print(f"fastmath {fastmath.__version__}, backend {fastmath.backend!r}, on {sys.platform}")
    print()
    print("fastmath.sum([1e16, 1.0, -1e16])  =", fastmath.sum([1e16, 1.0, -1e16]))
    naive = 0.0
    for v in [1e16, 1.0, -1e16]:
        naive += v
    print("naive loop over [1e16, 1.0, -1e16]   =", naive)
    print("fastmath.dot([1, 2, 3], [4, 5, 6]) =", fastmath.dot([1, 2, 3], [4, 5, 6]))
    print("fastmath.square([1, 2, 3])        =", fastmath.square([1, 2, 3]).tolist())
    print()

    n = 1_000_000
    x = array.array("d", (math.sin(i) for i in range(n)))
    rows = [
        ("sum", lambda: fastmath.sum(x), lambda: sum(x)),
        ("sum (math.fsum)", lambda: fastmath.sum(x), lambda: math.fsum(x)),
        ("dot", lambda: fastmath.dot(x, x), lambda: python_dot(x, x)),
        ("square", lambda: fastmath.square(x), lambda: python_square(x)),
    ]
    print(f"on {n:,} doubles (array.array), best of 5:")
    print(f"  {'operation':<16}{'fastmath':>12}{'pure Python':>14}{'speed-up':>10}")
    for name, fast, slow in rows:
        t_fast = best_of(5, fast)
        t_slow = best_of(5, slow)
        speedup = t_slow / t_fast
        print(f"  {name:<16}{t_fast * 1e3:>9.3f} ms{t_slow * 1e3:>11.2f} ms{speedup:>9.0f}x")


if __name__ == "__main__":
    main()
