"""Writes a local stand-in for a Pyodide CDN, for the browser tests of sites that load Pyodide
from a CDN (the PyScript page configured the way users write it, JupyterLite with `pyodideUrl`
on a CDN).

A real Pyodide CDN serves one consistent distribution: the runtime, every wheel its
pyodide-lock.json lists, each with the sha256 the lock states, and no fastmath. The npm Pyodide
runtime ships no wheels, so the stand-in takes the runtime plus the pure-Python wheels the
kernels need (micropip, ipython, ...) from the demo site's own served Pyodide, whose lock already
lists those wheels with their real sha256, and drops every fastmath entry and file. Its lock is
made consistent with the files it serves because the real CDN's is; nothing of the site's own
Pyodide is changed, and the CDN scenarios never touch that lock.

    usage: cdn_standin.py SERVED_PYODIDE_DIR OUT_DIR
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

FASTMATH = "fastmath-wasm"


def build(served: Path, out: Path) -> None:
    lock = json.loads((served / "pyodide-lock.json").read_text(encoding="utf-8"))
    lock["packages"].pop(FASTMATH, None)
    for name, entry in lock["packages"].items():
        if FASTMATH in entry["depends"]:
            raise ValueError(f"{name} depends on {FASTMATH}: a CDN's lock would not")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    listed = {e["file_name"]: e["sha256"] for e in lock["packages"].values()}
    for path in sorted(served.iterdir()):
        if path.name == "pyodide-lock.json" or path.name.startswith("fastmath_wasm-"):
            continue
        if path.suffix == ".whl":
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if listed.get(path.name) != digest:
                raise ValueError(f"{path.name}: not in the lock with its sha256")
        shutil.copy2(path, out / path.name)
    text = json.dumps(lock, indent=1, sort_keys=True)
    (out / "pyodide-lock.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.rsplit("usage:", 1)[1])
    build(Path(sys.argv[1]), Path(sys.argv[2]))
