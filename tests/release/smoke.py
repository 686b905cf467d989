"""Smoke test of an installed fastmath-wasm, run by a bare interpreter (no pytest):
tools/dist_check.py runs it in a clean venv where the sdist was just built and installed.

usage: python smoke.py VERSION
"""

import array
import math
import sys
from importlib import metadata


def main(version: str) -> None:
    import fastmath

    assert metadata.version("fastmath-wasm") == version, metadata.version("fastmath-wasm")
    assert fastmath.__version__ == version, fastmath.__version__
    assert fastmath.backend == "native", fastmath.backend
    x = array.array("d", [0.5, 1.5, 2.5])
    assert list(fastmath.square(x)) == [0.25, 2.25, 6.25]
    assert fastmath.dot(x, x) == 8.75
    assert fastmath.sum([1e16, 1.0, -1e16]) == 1.0
    assert math.isclose(fastmath.det([[2.0, 1.0], [1.0, 3.0]]), 5.0)
    try:
        fastmath.sum("abc")
    except TypeError:
        pass
    else:
        raise AssertionError("sum('abc') did not raise TypeError")
    print(f"smoke: fastmath-wasm {version} ({fastmath.backend}) from {fastmath.__file__}: ok")


if __name__ == "__main__":
    main(sys.argv[1])
