"""Small calls of the universal backend, wheel against wheel (issue 10's table).

On the host: runs itself inside Pyodide 314 under node (tools/run-in-pyodide.mjs) once per
wheel, alternating the wheels for several rounds, and prints the best time per row of each
wheel and the ratio to the first one:

    .venv/bin/python benchmarks/small_calls_universal.py OLD.whl NEW.whl [--rounds 3]

Inside Pyodide (what the host runs): warms every row up, times each row as best-of-N batches
of calls (CPU time of the node process, see ``_clock``) and prints one ``row<TAB>seconds`` line
per row. A benchmark, not a test: nothing asserts a speed.
"""

import sys

ROWS = [
    "square(3.0)",
    "sqrt(3.0)",
    "add(2.0, 3.0)",
    "sum(x) 1e3",
    "sum(list) 1e3",
    "add(x, x) 1e3",
    "sqrt(x) 1e3",
    "sum(m, axis=0) 20x50",
    "sort(x) 1e3",
]


def _clock():
    """The CPU time of the node process in seconds (``process.cpuUsage``, microsecond
    resolution) where there is one, else wall time: on a machine shared with other work, CPU
    time does not count the time the process waited for a core."""
    from time import perf_counter

    try:
        from js import process

        process.cpuUsage()
    except (ImportError, AttributeError):
        return perf_counter

    def clock() -> float:
        used = process.cpuUsage()
        return (used.user + used.system) * 1e-6

    return clock


def _inside() -> None:
    import random
    from array import array

    import fastmath as fm

    clock = _clock()

    random.seed(1)
    x = array("d", (random.random() for _ in range(1000)))
    m = memoryview(array("d", x)).cast("B").cast("d", (20, 50))
    floats = list(x)
    calls = {
        "square(3.0)": lambda: fm.square(3.0),
        "sqrt(3.0)": lambda: fm.sqrt(3.0),
        "add(2.0, 3.0)": lambda: fm.add(2.0, 3.0),
        "sum(x) 1e3": lambda: fm.sum(x),
        "sum(list) 1e3": lambda: fm.sum(floats),
        "add(x, x) 1e3": lambda: fm.add(x, x),
        "sqrt(x) 1e3": lambda: fm.sqrt(x),
        "sum(m, axis=0) 20x50": lambda: fm.sum(m, axis=0),
        "sort(x) 1e3": lambda: fm.sort(x),
    }
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    # Warm-up of every row first: the engine tiers hot code up on other threads for a while,
    # which would slow whichever row came first.
    for _ in range(3):
        for name in ROWS:
            for _ in range(2000):
                calls[name]()
    for name in ROWS:
        call = calls[name]
        # Batches of >= 20 ms: reading the clock costs a microsecond or more in Pyodide.
        n = 1
        while True:
            t = clock()
            for _ in range(n):
                call()
            if clock() - t > 20e-3:
                break
            n *= 2
        best = float("inf")
        for _ in range(repeats):
            t = clock()
            for _ in range(n):
                call()
            best = min(best, (clock() - t) / n)
        print(f"{name}\t{best!r}")


def _outside(argv: list[str]) -> None:
    import argparse
    import os
    import subprocess

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheels", nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=7)
    options = parser.parse_args(argv)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    best: dict[str, dict[str, float]] = {w: {} for w in options.wheels}
    for _ in range(options.rounds):
        for wheel in options.wheels:
            command = ["node", os.path.join(root, "tools", "run-in-pyodide.mjs")]
            command += ["--env", "FASTMATH_BACKEND=wasm", "--wheel", wheel]
            command += [os.path.abspath(__file__), str(options.repeats)]
            out = subprocess.run(command, check=False, cwd=root, capture_output=True, text=True)
            if out.returncode:
                sys.exit(f"{wheel}: exit status {out.returncode}\n{out.stderr}")
            for line in out.stdout.splitlines():
                name, _, seconds = line.partition("\t")
                if name in ROWS:
                    old = best[wheel].get(name, float("inf"))
                    best[wheel][name] = min(old, float(seconds))
    names = [os.path.basename(os.path.dirname(os.path.abspath(w))) for w in options.wheels]
    print(f"{'row (best, us)':24}" + "".join(f"{n[:18]:>20}" for n in names))
    first = best[options.wheels[0]]
    for row in ROWS:
        cells = ""
        for wheel in options.wheels:
            t = best[wheel][row]
            cells += f"{t * 1e6:11.2f} ({t / first[row]:4.2f}x)"
        print(f"{row:24}{cells}")


if __name__ == "__main__":
    if sys.platform == "emscripten":
        _inside()
    else:
        _outside(sys.argv[1:])
