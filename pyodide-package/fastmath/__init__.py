"""fastmath: fast numerical computing for Python in the browser.

Kernels are written in Rust (crate ``fastmath-core``) and compiled to WebAssembly for Pyodide,
or natively for desktop CPython. This package is the one Python API in front of them.

>>> import fastmath
>>> fastmath.sum([0.1] * 10)
1.0
"""

from importlib import import_module as _import_module

from fastmath import _api, _backend, _results, _stateful
from fastmath._complex import ComplexArray
from fastmath._errors import AxisError, LinAlgError

#: Which implementation serves the calls: ``"native"`` (the PyO3 extension built for this
#: interpreter), ``"wasm"`` (the universal wasm-bindgen module, in Pyodide) or ``"wasmtime"``
#: (the same module in desktop CPython, through wasmtime). See ``fastmath._backend``.
backend, _impl = _backend.load()
__version__: str = _impl.__version__


def _exports(module: str = "") -> dict[str, object]:
    """Every function of the table in ``fastmath`` (or in its submodule ``module``: the table's
    ``fft.fftfreq`` is ``fftfreq`` of ``fastmath.fft``), from the backend, by its name there.
    A backend without one of them does not match this package (a stale or partial build): that
    is an ImportError here, naming what is missing, not an AttributeError at some later call."""
    names = [name for name in _api.FUNCTIONS if name.rpartition(".")[0] == module]
    try:
        found = {name.rpartition(".")[2]: getattr(_impl, name) for name in names}
    except AttributeError:
        missing = [name for name in names if not hasattr(_impl, name)]
        raise ImportError(
            f"fastmath's {backend} backend ({_impl.__name__}) lacks {', '.join(missing)}: it was "
            "not built from the function table this package was generated from"
        ) from None
    # A function of fastmath taking a seed gets operating-system entropy for None
    # (`_api.SEEDED`; a submodule's constructors are seeded by `_stateful.constructor`).
    for name, seed in _api.SEEDED.items() if not module else ():
        found[name] = _stateful.seeded(found[name], seed)
    return found


globals().update(_exports())
# numpy 2's named results (QRResult ...), for isinstance checks and annotations.
globals().update(_results.CLASSES)


async def init() -> None:
    """Makes the backend ready. Needed where a browser refuses synchronous WebAssembly
    compilation (the universal backend on a Chromium main thread with a module over 8 MB), and
    useful in a browser Worker with threads: it starts them at once, where they would otherwise
    start only once the running code returns to the event loop. A no-op everywhere else, so
    portable code may always ``await fastmath.init()``."""
    ready = getattr(_impl, "init", None)
    if ready is not None:
        await ready()


def get_num_threads() -> int:
    """The number of threads fastmath's calls use: more than 1 only with the universal backend in
    a Pyodide whose engine runs threads (node, or a Web Worker of a cross-origin-isolated page;
    docs/threads.md), else 1."""
    threads = getattr(_impl, "get_num_threads", None)
    return 1 if threads is None else threads()


def set_num_threads(n: int) -> int:
    """Lets fastmath's calls use ``n`` threads (an int >= 1) where the engine allows, and
    returns the number they use from now on (1 where it has no threads: no error). The default
    is the engine's logical cores (at most 16), or ``FASTMATH_NUM_THREADS``. Large elementwise
    calls, ``matmul``, ``cdist``, ``kmeans`` and the functions along an axis (``sort``, the
    FFTs ...) split their work; results are the same bits whatever the number."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"set_num_threads: n must be an int, not {type(n).__name__}")
    if n < 1:
        raise ValueError(f"set_num_threads: n must be at least 1, not {n}")
    threads = getattr(_impl, "set_num_threads", None)
    return 1 if threads is None else threads(n)


# The submodules (fastmath.fft ...), attributes of the package as numpy's are, so that
# `import fastmath` is enough to call `fastmath.fft.fftfreq`.
globals().update({name: _import_module(f"fastmath.{name}") for name in _api.MODULES})

__all__ = [
    "AxisError",
    "ComplexArray",
    "LinAlgError",
    *sorted(_results.CLASSES),
    "__version__",
    "backend",
    "get_num_threads",
    "init",
    "set_num_threads",
    *(name for name in _api.FUNCTIONS if "." not in name),
]
