"""Instructions per call of small native-backend calls, counted by callgrind.

Wall-clock times of sub-microsecond calls drift by tens of percent on a shared machine;
callgrind's instruction counts repeat to a few instructions. Each workload runs N and then 2N
times in fresh interpreters under ``valgrind --tool=callgrind``; the difference over N is the
cost of one call, with interpreter start-up and imports cancelled out.

    python benchmarks/small_calls_native.py [--calls N] PYTHON [PYTHON ...]

Each PYTHON is an interpreter with a fastmath host wheel installed (build it with symbols,
``CARGO_PROFILE_RELEASE_STRIP=none``, to read the profiles). Several interpreters are printed
side by side, with the ratio of each to the first. A report of ratios, never a test.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile

# name -> (setup, call): the setup runs once, the call N times.
WORKLOADS = {
    "square(3.0)": ("", "f.square(3.0)"),
    "add(3.0, 2.0)": ("", "f.add(3.0, 2.0)"),
    "sum(x), len(x) == 1": ("x = array.array('d', [1.5])", "f.sum(x)"),
    "sum(x), len(x) == 1000": ("x = array.array('d', range(1000))", "f.sum(x)"),
    "sqrt(x), len(x) == 1": ("x = array.array('d', [1.5])", "f.sqrt(x)"),
    "add(x, y), len 1000": (
        "x = array.array('d', range(1000)); y = array.array('d', range(1000))",
        "f.add(x, y)",
    ),
    "sum([[1, 2], [3, 4]], axis=0)": ("x = [[1.0, 2.0], [3.0, 4.0]]", "f.sum(x, axis=0)"),
    "sort(x), len(x) == 10": ("x = array.array('d', range(10, 0, -1))", "f.sort(x)"),
}

SCRIPT = """\
import array, sys
import fastmath as f
{setup}
for _ in range({n}):
    {call}
"""


def instructions(python: str, setup: str, call: str, n: int) -> int:
    """Instructions callgrind counts for one run of the workload `n` times."""
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "w.py")
        with open(script, "w") as fh:
            fh.write(SCRIPT.format(setup=setup, call=call, n=n))
        out = os.path.join(tmp, "callgrind.out")
        proc = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", python, script],
            capture_output=True,
            text=True,
            check=True,
            # One hash seed: str hashes (and so dict probes) repeat from run to run.
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
    match = re.search(r"Collected : (\d+)", proc.stderr)
    if match is None:
        raise SystemExit(f"no instruction count in callgrind's output:\n{proc.stderr}")
    return int(match.group(1))


def per_call(python: str, setup: str, call: str, n: int) -> float:
    return (instructions(python, setup, call, 2 * n) - instructions(python, setup, call, n)) / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pythons", nargs="+", metavar="PYTHON")
    parser.add_argument("--calls", type=int, default=2000, help="N (default 2000)")
    parser.add_argument("--only", help="comma-separated substrings of workload names")
    args = parser.parse_args()
    names = [
        name
        for name in WORKLOADS
        if not args.only or any(part in name for part in args.only.split(","))
    ]
    header = ["workload"] + [f"#{i}" for i in range(len(args.pythons))]
    header += [f"#{i} / #0" for i in range(1, len(args.pythons))]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name in names:
        setup, call = WORKLOADS[name]
        counts = [per_call(p, setup, call, args.calls) for p in args.pythons]
        cells = [name] + [f"{c:,.0f}" for c in counts]
        cells += [f"{c / counts[0]:.2f}x" for c in counts[1:]]
        print("| " + " | ".join(cells) + " |", flush=True)
    for i, p in enumerate(args.pythons):
        print(f"#{i}: {p}", file=sys.stderr)


if __name__ == "__main__":
    main()
