#!/usr/bin/env python3
"""Writes ``fastmath-<version>-py3-none-any.whl``: the universal (WebAssembly) wheel.

The pure-Python package from ``pyodide-package/fastmath`` (without any ``_native`` extension)
plus, as package data of ``fastmath._wasm``, the wasm-bindgen ``no-modules`` glue, the optimised
``.wasm`` and ``_artifacts.json`` naming them. Written directly with zipfile: the wheel has no
compiled Python extension, so no build backend is needed, and the archive is reproducible
(sorted entries, fixed timestamps).

Usage: build-universal-wheel.py --wasm-dir build/wasm/no-modules --out dist
"""

import argparse
import base64
import hashlib
import json
import re
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pyodide-package" / "fastmath"
GLUE, WASM = "fastmath_wasm.js", "fastmath_wasm_bg.wasm"
#: 1980-01-01, the earliest time a zip entry can carry: entries do not depend on the build time.
EPOCH = (1980, 1, 1, 0, 0, 0)


def version() -> str:
    text = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["workspace"]["package"]["version"]


def package_files() -> list[tuple[str, bytes]]:
    """``(archive name, content)`` of the Python package, without native extensions."""
    files = []
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE.parent).as_posix()
        if (
            not path.is_file()
            or "__pycache__" in path.parts
            or path.name.startswith("_native")
            or path.suffix in (".so", ".pyd", ".pyc", ".wasm")
            or path.name in (GLUE, "_artifacts.json")
        ):
            continue
        files.append((rel, path.read_bytes()))
    return files


def metadata(ver: str) -> bytes:
    project = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"
    ]
    lines = [
        "Metadata-Version: 2.4",
        f"Name: {project['name']}",
        f"Version: {ver}",
        f"Summary: {project['description']}",
        f"License-Expression: {project['license']}",
        f"Requires-Python: {project['requires-python']}",
        f"Keywords: {','.join(project.get('keywords', []))}",
        *(f"Classifier: {c}" for c in project.get("classifiers", [])),
        "Description-Content-Type: text/markdown",
    ]
    readme = (PACKAGE.parent / project.get("readme", "README.md")).read_text(encoding="utf-8")
    return ("\n".join(lines) + "\n\n" + readme).encode()


def record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def build(wasm_dir: Path, out: Path) -> Path:
    ver = version()
    if not re.fullmatch(r"[0-9A-Za-z.+!-]+", ver):
        raise SystemExit(f"build-universal-wheel: odd version {ver!r}")
    glue, wasm = (wasm_dir / GLUE).read_bytes(), (wasm_dir / WASM).read_bytes()
    manifest = {
        "version": ver,
        "glue": GLUE,
        "wasm": WASM,
        "wasm_sha256": hashlib.sha256(wasm).hexdigest(),
    }
    entries = package_files()
    if not any(name == "fastmath/_wasm/__init__.py" for name, _ in entries):
        raise SystemExit("build-universal-wheel: pyodide-package/fastmath/_wasm is missing")
    entries += [
        (f"fastmath/_wasm/{GLUE}", glue),
        (f"fastmath/_wasm/{WASM}", wasm),
        ("fastmath/_wasm/_artifacts.json", (json.dumps(manifest, indent=2) + "\n").encode()),
    ]
    dist_info = f"fastmath-{ver}.dist-info"
    entries += [
        (f"{dist_info}/METADATA", metadata(ver)),
        (
            f"{dist_info}/WHEEL",
            b"Wheel-Version: 1.0\nGenerator: fastmath build-universal-wheel.py\n"
            b"Root-Is-Purelib: true\nTag: py3-none-any\n",
        ),
        (f"{dist_info}/top_level.txt", b"fastmath\n"),
    ]
    record = "".join(f"{name},{record_hash(data)},{len(data)}\n" for name, data in entries)
    record += f"{dist_info}/RECORD,,\n"
    entries.append((f"{dist_info}/RECORD", record.encode()))

    out.mkdir(parents=True, exist_ok=True)
    wheel = out / f"fastmath-{ver}-py3-none-any.whl"
    tmp = wheel.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    tmp.replace(wheel)
    return wheel


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wasm-dir", type=Path, default=ROOT / "build/wasm/no-modules")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    wheel = build(args.wasm_dir, args.out)
    print(wheel, file=sys.stderr)


if __name__ == "__main__":
    main()
