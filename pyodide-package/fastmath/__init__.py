"""fastmath: fast numerical computing for Python in the browser.

Kernels are written in Rust (crate ``fastmath-core``) and compiled to WebAssembly for Pyodide,
or natively for desktop CPython. This package is the one Python API in front of them.

>>> import fastmath
>>> fastmath.sum([0.1] * 10)
1.0
"""

from fastmath._native import __version__, dot, mean, square, sum

#: Which implementation serves the calls: ``"native"`` is the PyO3 extension built for this
#: interpreter (a Pyodide 314 wheel or a host CPython wheel).
backend = "native"

__all__ = ["__version__", "backend", "dot", "mean", "square", "sum"]
