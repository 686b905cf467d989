"""What only the wasmtime engine has to get right (issue 18): how the universal backend is chosen
and refused outside Pyodide, ``init()``, and the module's own memory limit. The call path is
tested by tests/wasm/test_wasm_backend.py and the semantics by tests/python, both run on this
engine by ``make test-wasmtime`` (FASTMATH_BACKEND=wasmtime, the unpacked universal wheel first
on PYTHONPATH)."""

import asyncio
import os
import subprocess
import sys

import pytest

import fastmath
from fastmath._wasm import _loader

pytestmark = pytest.mark.skipif(
    fastmath.backend != "wasmtime", reason="run by make test-wasmtime (the universal wheel)"
)


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_browser_backend_is_refused_by_name_outside_pyodide():
    done = _python("import fastmath", FASTMATH_BACKEND="wasm")
    assert done.returncode != 0
    assert "FASTMATH_BACKEND=wasm: that backend runs in Pyodide only" in done.stderr
    assert "'wasmtime'" in done.stderr


def test_without_wasmtime_the_import_says_what_is_missing():
    done = _python("import sys; sys.modules['wasmtime'] = None; import fastmath")
    assert done.returncode != 0
    assert "needs the wasmtime package outside Pyodide" in done.stderr, done.stderr


def test_auto_takes_the_universal_module_when_no_native_extension_matches():
    # The unpacked wheel has no fastmath._native: auto falls back to wasmtime.
    done = _python("import fastmath; print(fastmath.backend)", FASTMATH_BACKEND="auto")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "wasmtime"


def test_init_loads_and_is_then_a_no_op():
    rt = _loader.Runtime()
    asyncio.run(rt.init())
    assert rt.instances == 1 and rt.names == _loader.RUNTIME.ready().names
    asyncio.run(rt.init())
    assert rt.instances == 1
    asyncio.run(fastmath.init())


def test_a_result_beyond_the_modules_4_gib_is_a_memory_error_and_the_next_call_works():
    rt = _loader.RUNTIME.ready()
    before = rt.instances
    with pytest.raises(MemoryError, match=r"^arange: the result needs 4\.8 GB"):
        fastmath.arange(6e8)
    assert fastmath.sum([1e16, 1.0, -1e16]) == 1.0
    assert rt.instances == before  # a refusal, not a trap: the instance is kept


def test_a_trap_gives_a_fresh_instance_whose_memory_sits_elsewhere():
    from fastmath._wasm import _call

    rt = _loader.RUNTIME.ready()
    x = [float(i) for i in range(1000)]
    want = fastmath.cumsum(x).tolist()
    with pytest.raises(RuntimeError, match="Rust panic"):
        _call.panic_for_tests("trap")
    # Every crossing of the new instance uses its own store and memory address.
    assert fastmath.cumsum(x).tolist() == want
    assert rt.helpers.memoryBytes > 0


def test_threads_calling_at_once_get_their_own_results():
    # Every call writes the one header array and the module's memory, and wasmtime releases
    # the GIL while it runs: calls from several threads must take turns (_call's lock).
    import threading
    from array import array

    failures = []

    def work(seed: int) -> None:
        x = array("d", [float(seed + i) for i in range(2000)])
        want_sum, want_sorted = sum(x), sorted(x, reverse=True)[::-1]
        for _ in range(300):
            if fastmath.sum(x) != want_sum or fastmath.sort(x).tolist() != want_sorted:
                failures.append(seed)
                return
            if fastmath.add(x, 1.0)[0] != seed + 1.0:
                failures.append(seed)
                return

    threads = [threading.Thread(target=work, args=(1000 * k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_without_a_usable_cache_directory_the_module_still_loads(tmp_path):
    # wasmtime's compile cache is an optimisation: a cache directory that cannot be made (here
    # under a plain file) must not stop the backend, which then compiles each time.
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    done = _python(
        "import fastmath; print(fastmath.backend, fastmath.sum([1e16, 1.0, -1e16]))",
        HOME=str(blocker),
        XDG_CACHE_HOME=str(blocker / "cache"),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["wasmtime", "1.0"]
