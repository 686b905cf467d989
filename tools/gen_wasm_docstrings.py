"""Writes pyodide-package/fastmath/_wasm/_docstrings.py: the native backend's docstrings, so
that the WebAssembly backend's functions document themselves identically.

The docstrings live in one place, the Rust doc comments of rust/fastmath-py (run as doctests by
tests/python/test_docstrings.py on whichever backend is active). The wasm backend cannot read
them at run time (it ships without the extension), so this copies them from the installed
native fastmath into a generated module. `--check` fails when the copy is stale.
"""

import argparse
import pathlib
import subprocess
import sys

import fastmath
from fastmath import _api

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET = ROOT / "pyodide-package" / "fastmath" / "_wasm" / "_docstrings.py"

HEADER = '''# ruff: noqa: E501
"""The native backend's docstrings, by function name (generated: do not edit).

Written by ``tools/gen_wasm_docstrings.py`` from the Rust doc comments of rust/fastmath-py,
the single source; the WebAssembly backend's functions take their ``__doc__`` from here.
"""

DOCSTRINGS: dict[str, str] = {
'''


def render() -> str:
    if fastmath.backend != "native":
        raise SystemExit("gen_wasm_docstrings: needs the native backend installed")
    lines = [HEADER]
    for name in _api.FUNCTIONS:
        lines.append(f"    {name!r}: {getattr(fastmath, name).__doc__!r},\n")
    lines.append("}\n")
    # Formatted as the repository's Python (ruff format), so the generated file lints clean.
    return subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", str(TARGET), "-"],
        input="".join(lines),
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the copy is stale")
    args = parser.parse_args()
    text = render()
    if args.check:
        if not TARGET.exists() or TARGET.read_text() != text:
            print(
                f"{TARGET.relative_to(ROOT)} is stale: run tools/gen_wasm_docstrings.py",
                file=sys.stderr,
            )
            return 1
        return 0
    TARGET.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
