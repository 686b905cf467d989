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


def kmeans(points, k, seed=0, max_iter=300, tol=1e-4):
    """``(centroids, labels)`` of ``points`` (a list of coordinate lists) in ``k`` clusters:
    one k-means++ start, then Lloyd's iterations until no label changes or the centres move
    less than ``tol`` times the data's mean per-column variance (fastmath.kmeans's and
    scikit-learn's rule)."""
    rng = random.Random(seed)
    dims = len(points[0])

    def dist2(p, c):
        return sum((a - b) * (a - b) for a, b in zip(p, c, strict=True))

    centers = [list(rng.choice(points))]
    nearest = [dist2(p, centers[0]) for p in points]
    while len(centers) < k:  # k-means++: the next centre drawn in proportion to nearest**2
        target = rng.random() * sum(nearest)
        acc, choice = 0.0, points[-1]
        for p, d in zip(points, nearest, strict=True):
            acc += d
            if acc >= target:
                choice = p
                break
        centers.append(list(choice))
        nearest = [min(d, dist2(p, choice)) for p, d in zip(points, nearest, strict=True)]
    means = [sum(p[j] for p in points) / len(points) for j in range(dims)]
    variance = sum(sum((p[j] - means[j]) ** 2 for p in points) for j in range(dims))
    threshold = tol * variance / (len(points) * dims)
    labels = None
    for _ in range(max_iter):
        new = [min(range(k), key=lambda c, p=p: dist2(p, centers[c])) for p in points]
        sums = [[0.0] * dims for _ in range(k)]
        counts = [0] * k
        for p, c in zip(points, new, strict=True):
            counts[c] += 1
            for j in range(dims):
                sums[c][j] += p[j]
        moved = [[s / counts[c] for s in sums[c]] if counts[c] else centers[c] for c in range(k)]
        shift = sum(dist2(a, b) for a, b in zip(moved, centers, strict=True))
        converged = new == labels or shift <= threshold
        centers, labels = moved, new
        if converged:
            break
    return centers, labels


def best_time(fn, *args, repeat=3):
    """The shortest of ``repeat`` wall-clock times of ``fn(*args)``, in seconds."""
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - start)
    return best
