"""Pure-Python reference helpers for the tests: small, obviously right, and available inside
Pyodide where numpy is not."""

import math


def to_lists(m):
    """A fastmath 2-D result (memoryview or numpy array) or nested list, as nested lists."""
    return [list(map(float, row)) for row in (m.tolist() if hasattr(m, "tolist") else m)]


def matmul(a, b):
    bt = list(zip(*b, strict=True))
    return [[math.fsum(x * y for x, y in zip(row, col, strict=True)) for col in bt] for row in a]


def transpose(a):
    return [list(col) for col in zip(*a, strict=True)]


def identity(n):
    return [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]


def max_abs_diff(a, b):
    flat_a = [v for row in a for v in row]
    flat_b = [v for row in b for v in row]
    assert len(flat_a) == len(flat_b)
    return max((abs(x - y) for x, y in zip(flat_a, flat_b, strict=True)), default=0.0)


def frobenius(a):
    return math.sqrt(math.fsum(v * v for row in a for v in row))
