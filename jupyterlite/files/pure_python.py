"""The pure-Python baselines the fastmath demos time fastmath against.

Written the way a careful user would write them without a numerical library: plain loops and
the standard library, no tricks that would make the comparison unfair either way.
"""

import cmath
import math
import random
import time


def gauss_samples(n, seed=0):
    """``n`` standard normal values from the standard library."""
    rng = random.Random(seed)
    return [rng.gauss(0.0, 1.0) for _ in range(n)]


def histogram(values, bins, lo, hi):
    """Counts of ``values`` in ``bins`` equal bins over ``[lo, hi]`` (the last bin includes
    ``hi``, as numpy's and fastmath's); values outside are not counted."""
    counts = [0] * bins
    scale = bins / (hi - lo)
    for v in values:
        i = int((v - lo) * scale)
        if 0 <= i < bins and v >= lo:
            counts[i] += 1
        elif v == hi:
            counts[-1] += 1
    return counts


def fft(values):
    """The discrete Fourier transform of ``values`` (length a power of two) as a list of
    complex numbers: the iterative radix-2 Cooley-Tukey algorithm."""
    a = [complex(v) for v in values]
    n = len(a)
    if n & (n - 1):
        raise ValueError(f"fft needs a power-of-two length, got {n}")
    j = 0
    for i in range(1, n):  # bit-reversal permutation
        bit = n >> 1
        while j & bit:
            j ^= bit
            bit >>= 1
        j |= bit
        if i < j:
            a[i], a[j] = a[j], a[i]
    size = 2
    while size <= n:
        half = size // 2
        twiddles = [cmath.exp(-2j * math.pi * k / size) for k in range(half)]
        for start in range(0, n, size):
            for k in range(half):
                u = a[start + k]
                v = a[start + k + half] * twiddles[k]
                a[start + k] = u + v
                a[start + k + half] = u - v
        size *= 2
    return a


def best_time(fn, *args, repeat=3):
    """The shortest of ``repeat`` wall-clock times of ``fn(*args)``, in seconds."""
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - start)
    return best
