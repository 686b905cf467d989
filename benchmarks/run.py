"""Runs fastmath's benchmark suite everywhere it applies and prints one table (`make bench`).

1. Pyodide 314 under node, native backend (the cp314 pyemscripten wheel): fastmath vs pure Python.
2. Pyodide 314 under node, universal backend (the py3-none-any wheel), when that wheel exists.
3. The same two in headless Chromium (benchmarks/run-chromium.mjs, a cross-origin isolated page),
   where most users run: its V8 is newer and runs Pyodide's interpreter faster, so speed-ups
   against pure Python are smaller there than under node.
4. The host: fastmath's host build vs numpy with one OpenBLAS thread (OPENBLAS_CORETYPE and
   OPENBLAS_L2_SIZE unset for that command alone: they select a slower kernel on this machine).
5. The host again on the universal wheel's .wasm through wasmtime (FASTMATH_BACKEND=wasmtime,
   the wheel unpacked first on PYTHONPATH): the desktop fallback against the host build.
6. Threads (docs/threads.md): run 2 uses one thread (`--threads 1`), so its columns compare
   like with like; the universal wheel runs once more in node with its default pool (every
   core) on THREAD_ROWS, and twice in a Worker of the isolated Chromium page (1 thread, the
   default pool), for a second table of 1 thread against N.

Ratios against pure Python and numpy are side by side (alternating calls in one process). The
wasm tax compares fastmath timed alone in the Pyodide run with fastmath timed alone, on the same
input types, in the host run made right after it: the same fastmath-core kernel, the same
sizes, the same protocol (benchmarks/bench.py says why "alone"). Refuses wheels older than
their sources (--allow-stale to measure them anyway, flagged in the output). Writes
build/bench/<stamp>.json and build/bench/latest.json; prints a Markdown table.

    python benchmarks/run.py [--quick] [--only sum,matmul] [--skip-host] [--skip-wasm]
                             [--skip-chromium] [--skip-wasmtime] [--skip-threads] [--allow-stale]
"""

import argparse
import glob
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks" / "bench.py"
RUNNER = ROOT / "benchmarks" / "run-pyodide.mjs"
CHROMIUM_RUNNER = ROOT / "benchmarks" / "run-chromium.mjs"


def run(cmd, env=None):
    """Runs `cmd`, echoing its stderr (per-workload progress), and returns the parsed JSON lines."""
    print("$ " + " ".join(str(c) for c in cmd), file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=False)
    out = {}
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH_JSON:"):
            out.update(json.loads(line.removeprefix("BENCH_JSON:")))
        elif line.startswith("BENCH_LOAD:"):
            out["load"] = json.loads(line.removeprefix("BENCH_LOAD:"))
        elif line.startswith("BENCH_BROWSER:"):
            out["browser"] = json.loads(line.removeprefix("BENCH_BROWSER:"))
        else:
            print(line, file=sys.stderr)
    if proc.returncode != 0 or "results" not in out:
        raise SystemExit(f"benchmark run failed ({proc.returncode}): {cmd}")
    return out


def machine():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    node = subprocess.run(
        ["node", "--version"], check=False, capture_output=True, text=True
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "os": platform.platform(),
        "node": node,
        "host_python": platform.python_version(),
    }


def host_python():
    python = ROOT / ".venv" / "bin" / "python"
    return python if python.exists() else Path(sys.executable)


#: The workloads the threads table runs (`--only` substrings): those that split across threads
#: (elementwise, matmul, cdist), and two that do not (a reduction, one 1-D FFT), as controls.
THREAD_ROWS = (
    "exp 1e6,sin 1e6,tanh 1e6 float32,add 1e6,sum 1e6,matmul 512,matmul 1024,cdist,fft 2**16"
)


def threads_table(runs):
    """Markdown table of the universal backend with 1 thread and with the default pool, each
    THREAD_ROWS workload timed alone: `runs` maps a place ("node", "Chromium Worker") to its
    (1-thread run, N-thread run)."""
    places = {place: pair for place, pair in runs.items() if pair[0] and pair[1]}
    head = "| workload |"
    for place, (_, many) in places.items():
        n = many.get("threads")
        head += f" {place}, 1 thread | {place}, {n} threads | speed-up |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    rows = []
    names = {name: None for _, many in places.values() for name in by_name(many)}
    for name in names:
        cells, row = [name], {"name": name}
        for place, (one, many) in places.items():
            t1, tn = alone(by_name(one).get(name, {})), alone(by_name(many).get(name, {}))
            row[place] = {"one_s": t1, "many_s": tn, "threads": many.get("threads")}
            cells += [fmt_time(t1), fmt_time(tn), fmt_ratio(ratio(t1, tn))]
        rows.append(row)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines), rows


def by_name(run_result):
    return {r["name"]: r for r in run_result["results"]} if run_result else {}


def fmt_time(seconds):
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.2f} us"
    return f"{seconds * 1e3:.3f} ms"


def fmt_ratio(r):
    if r is None:
        return "-"
    return f"{r:.0f}x" if r >= 100 else f"{r:.2f}x" if r < 10 else f"{r:.1f}x"


def ratio(a, b):
    return a / b if a and b else None


def alone(row):
    """fastmath's time with no other contender in the process (rows of runs made before that
    pass existed have only the side-by-side time)."""
    return row.get("fastmath_alone_s")


def table(native, wasm, host, chromium=None, chromium_wasm=None, wasmtime=None):
    """Markdown table, one row per workload. Columns: times, then the ratios the targets use.
    The Pyodide columns without a qualifier are node's; the Chromium ones are marked."""
    nat, was, hst, wtm = by_name(native), by_name(wasm), by_name(host), by_name(wasmtime)
    chn, chw = by_name(chromium), by_name(chromium_wasm)
    head = (
        "| workload | native (Pyodide) | pure Python | speed-up vs Python | universal (Pyodide) "
        "| universal / native | native (Chromium) | pure Python (Chromium) "
        "| speed-up vs Python (Chromium) | universal (Chromium) "
        "| host fastmath | host numpy (1 thread) | host fastmath / numpy "
        "| native alone (Pyodide) | host fastmath alone | wasm tax (alone / alone) "
        "| native alone / host numpy | GFLOP/s (Pyodide, alone) "
        "| host wasmtime alone | wasmtime / host fastmath (alone) |"
    )
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    rows = []
    for name, n in nat.items():
        w, h = was.get(name, {}), hst.get(name, {})
        cn, cw = chn.get(name, {}), chw.get(name, {})
        nt, py, na = n.get("fastmath_s"), n.get("other_s"), alone(n)
        wt = w.get("fastmath_s")
        ct, cpy, cwt = cn.get("fastmath_s"), cn.get("other_s"), cw.get("fastmath_s")
        ht, npt, ha = h.get("fastmath_s"), h.get("other_s"), alone(h)
        wa = alone(wtm.get(name, {}))
        row = {
            "name": name,
            "native_s": nt,
            "python_s": py,
            "speedup_vs_python": ratio(py, nt),
            "universal_s": wt,
            "universal_over_native": ratio(wt, nt),
            "chromium_native_s": ct,
            "chromium_python_s": cpy,
            "chromium_speedup_vs_python": ratio(cpy, ct),
            "chromium_universal_s": cwt,
            "host_fastmath_s": ht,
            "host_numpy_s": npt,
            "host_fastmath_over_numpy": ratio(ht, npt),
            "native_alone_s": na,
            "host_fastmath_alone_s": ha,
            "wasm_tax": ratio(na, ha),
            "native_over_host_numpy": ratio(na, npt),
            "gflops": n.get("fastmath_alone_gflops"),
            "wasmtime_alone_s": wa,
            "wasmtime_over_host": ratio(wa, ha),
        }
        rows.append(row)
        cells = [
            name,
            fmt_time(nt),
            fmt_time(py),
            fmt_ratio(row["speedup_vs_python"]),
            fmt_time(wt),
            fmt_ratio(row["universal_over_native"]),
            fmt_time(ct),
            fmt_time(cpy),
            fmt_ratio(row["chromium_speedup_vs_python"]),
            fmt_time(cwt),
            fmt_time(ht),
            fmt_time(npt),
            fmt_ratio(row["host_fastmath_over_numpy"]),
            fmt_time(na),
            fmt_time(ha),
            fmt_ratio(row["wasm_tax"]),
            fmt_ratio(row["native_over_host_numpy"]),
            f"{row['gflops']:.2f}" if row["gflops"] else "-",
            fmt_time(wa),
            fmt_ratio(row["wasmtime_over_host"]),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines), rows


# What each wheel is built from (the Makefile's prerequisites of each, narrowed to the crates
# that go into it): a wheel older than any of these does not measure the working tree.
COMMON_SOURCES = (
    "Cargo.toml",
    "Cargo.lock",
    "rust-toolchain.toml",
    "rust/fastmath-core",
    "pyodide-package",
)
WHEEL_SOURCES = {
    "native": (
        *COMMON_SOURCES,
        "rust/fastmath-py",
        "tools/build-pyodide-wheel.sh",
        "tools/emcc-shim",
    ),
    "host": (*COMMON_SOURCES, "rust/fastmath-py"),
    "universal": (
        *COMMON_SOURCES,
        "rust/fastmath-wasm",
        "tools/build-wasm.sh",
        "tools/build-universal-wheel.py",
    ),
}


def newest_source(paths, root=ROOT):
    """(mtime, path) of the most recently modified file under `paths` (relative to `root`),
    ignoring caches and build output; (0, None) when there is none."""
    newest = (0.0, None)
    for rel in paths:
        top = Path(root) / rel
        files = [top] if top.is_file() else (p for p in top.rglob("*") if p.is_file())
        for f in files:
            if any(part in ("__pycache__", "target", ".pytest_cache") for part in f.parts):
                continue
            newest = max(newest, (f.stat().st_mtime, str(f.relative_to(root))))
    return newest


def stale_wheels(wheels, root=ROOT):
    """{kind: message} for each of `wheels` ({kind: path}) older than a source it is built
    from: such a wheel measures an older tree (how a native `searchsorted` 8x slower than the
    kernel once made it into docs/benchmarks.md)."""
    stale = {}
    for kind, wheel in wheels.items():
        if wheel is None:
            continue
        mtime, source = newest_source(WHEEL_SOURCES[kind], root)
        built = os.path.getmtime(wheel)
        if mtime > built:
            stale[kind] = (
                f"{wheel} ({time.ctime(built)}) is older than {source} ({time.ctime(mtime)})"
            )
    return stale


def host_extension(python):
    """The file of the fastmath extension the host run imports (installed by `make build-host`
    from dist/): that, not the wheel in dist/, is what the host numbers measure."""
    proc = subprocess.run(
        [str(python), "-c", "import fastmath._native as m; print(m.__file__)"],
        check=False,
        capture_output=True,
        text=True,
    )
    return proc.stdout.strip() if proc.returncode == 0 else None


def git_state():
    """The commit and whether the tree differs from it, for the record."""

    def git(*args):
        proc = subprocess.run(["git", *args], check=False, cwd=ROOT, capture_output=True, text=True)
        return proc.stdout.strip() if proc.returncode == 0 else None

    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain"))}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="shorter time budget per workload")
    ap.add_argument("--only", help="comma-separated substrings of workload names")
    ap.add_argument("--skip-host", action="store_true")
    ap.add_argument("--skip-wasm", action="store_true", help="skip the universal backend")
    ap.add_argument("--skip-chromium", action="store_true", help="skip the Chromium runs")
    ap.add_argument(
        "--skip-wasmtime", action="store_true", help="skip the universal wheel in wasmtime"
    )
    ap.add_argument("--skip-threads", action="store_true", help="skip the 1-vs-N threads run")
    ap.add_argument("--dist", default=str(ROOT / "dist"))
    ap.add_argument("--out", default=str(ROOT / "build" / "bench"))
    ap.add_argument(
        "--allow-stale",
        action="store_true",
        help="measure wheels older than their sources anyway (recorded in the JSON and printed)",
    )
    opts = ap.parse_args()
    extra = (["--quick"] if opts.quick else []) + (["--only", opts.only] if opts.only else [])

    dist = Path(opts.dist)
    native_whl = sorted(glob.glob(str(dist / "fastmath_wasm-*-cp314-cp314-pyemscripten_*.whl")))
    universal_whl = sorted(glob.glob(str(dist / "fastmath_wasm-*-py3-none-any.whl")))
    host_whl = sorted(glob.glob(str(dist / "fastmath_wasm-*-abi3-*.whl")))
    if not native_whl:
        raise SystemExit("no native Pyodide wheel in dist/: run `make build-native` first")

    used = {
        "native": native_whl[-1],
        "universal": universal_whl[-1] if universal_whl and not opts.skip_wasm else None,
        "host": None if opts.skip_host else host_extension(host_python()),
    }
    stale = stale_wheels(used)
    if stale and not opts.allow_stale:
        raise SystemExit(
            "refusing to measure wheels older than their sources (`make bench` rebuilds the "
            "native and host wheels; `make build-universal` the universal one; --allow-stale "
            "to measure them anyway):\n  " + "\n  ".join(f"{k}: {v}" for k, v in stale.items())
        )

    report = {"machine": machine(), "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    report["tree"] = git_state()
    report["stale_wheels"] = stale
    report["wheels"] = {
        Path(p).name: os.path.getsize(p) for p in native_whl + universal_whl + host_whl
    }
    node = ["node", str(RUNNER)]
    native = run([*node, "--wheel", native_whl[-1], str(BENCH), "--backend", "native", *extra])
    wasm = None
    if universal_whl and not opts.skip_wasm:
        try:
            cmd = [*node, "--wheel", universal_whl[-1], str(BENCH), "--backend", "wasm"]
            wasm = run([*cmd, "--threads", "1", *extra])
        except SystemExit as err:
            print(f"universal backend: {err}", file=sys.stderr)
            report["universal_error"] = str(err)
    elif opts.skip_wasm:
        report["universal_error"] = "skipped (--skip-wasm)"
    else:
        report["universal_error"] = "no dist/fastmath_wasm-*-py3-none-any.whl"
    chromium = {}
    if not opts.skip_chromium:
        runs = {"native": native_whl[-1], "universal": used["universal"]}
        for label, whl in runs.items():
            if whl is None:
                continue
            backend = "native" if label == "native" else "wasm"
            cmd = ["node", str(CHROMIUM_RUNNER), "--wheel", whl, str(BENCH)]
            try:
                chromium[label] = run([*cmd, "--backend", backend, *extra])
            except SystemExit as err:
                print(f"Chromium, {label} backend: {err}", file=sys.stderr)
                report[f"chromium_{label}_error"] = str(err)
    host = None
    if not opts.skip_host:
        unset = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
        env = {k: v for k, v in os.environ.items() if k not in unset}
        env["OPENBLAS_NUM_THREADS"] = "1"
        host = run([str(host_python()), str(BENCH), "--host", *extra], env)

    wasmtime = None
    if universal_whl and not opts.skip_wasmtime:
        site = Path(opts.out) / "wasmtime-site"
        shutil.rmtree(site, ignore_errors=True)
        with zipfile.ZipFile(universal_whl[-1]) as wheel:
            wheel.extractall(site)
        env = {**os.environ, "PYTHONPATH": str(site)}
        wasmtime = run(
            [str(host_python()), str(BENCH), "--host", "--backend", "wasmtime", *extra], env
        )

    threaded = {}
    only = ",".join(
        row
        for row in THREAD_ROWS.split(",")
        if not opts.only or any(o in row for o in opts.only.split(","))
    )
    if wasm and only and not opts.skip_threads:
        subset = ["--only", only] + (["--quick"] if opts.quick else [])
        script = [str(BENCH), "--backend", "wasm"]
        many = run([*node, "--wheel", universal_whl[-1], *script, *subset])
        threaded["node"] = (wasm, many)
        if not opts.skip_chromium:
            # Pyodide in a Worker of the isolated page, where threads run; one thread there is
            # the single-threaded module, as in node.
            cmd = ["node", str(CHROMIUM_RUNNER), "--worker", "--wheel", universal_whl[-1]]
            try:
                one = run([*cmd, *script, "--threads", "1", *subset])
                threaded["Chromium Worker"] = (one, run([*cmd, *script, *subset]))
            except SystemExit as err:
                print(f"Chromium Worker threads: {err}", file=sys.stderr)
                report["chromium_threads_error"] = str(err)

    text, rows = table(
        native, wasm, host, chromium.get("native"), chromium.get("universal"), wasmtime
    )
    if threaded:
        threads_text, report["threads_rows"] = threads_table(threaded)
        text += "\n\nUniversal backend, 1 thread against the default pool (docs/threads.md):\n\n"
        text += threads_text
    report["threaded"] = {place: many for place, (_, many) in threaded.items()}
    report.update({"native": native, "universal": wasm, "host": host, "rows": rows})
    report["wasmtime"] = wasmtime
    report.update({f"chromium_{label}": r for label, r in chromium.items()})
    out = Path(opts.out)
    out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    for name in (f"{stamp}.json", "latest.json"):
        (out / name).write_text(json.dumps(report, indent=1))
    (out / "latest.md").write_text(text + "\n")

    print(text)
    print()
    m = report["machine"]
    print(f"machine: {m['cpu']}, {m['cores']} cores, {m['os']}, node {m['node']}")
    for label, r in (("native", native), ("universal", wasm)):
        if r:
            load = r.get("load", {})
            print(
                f"{label}: install (loadPackage) {load.get('install_ms', 0):.0f} ms, "
                f"import fastmath {r['import_fastmath_s'] * 1e3:.1f} ms"
            )
    for label, r in chromium.items():
        b = r.get("browser", {})
        isolated = b.get("isolated")
        print(f"Chromium ({label}): {b.get('chromium')}, cross-origin isolated: {isolated}")
    if host:
        print(f"host: numpy {host.get('numpy')}, BLAS {host.get('blas')}")
    for whl, size in report["wheels"].items():
        print(f"wheel {whl}: {size / 1e6:.2f} MB")
    for kind, why in stale.items():
        print(f"STALE ({kind}): {why}: its numbers are not the working tree's")
    if report.get("universal_error"):
        print(f"universal backend not benchmarked: {report['universal_error']}")
    print(f"JSON: {out / 'latest.json'}")


if __name__ == "__main__":
    main()
