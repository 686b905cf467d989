#!/usr/bin/env python3
"""Writes ``fastmath_wasm-<version>-py3-none-any.whl``: the universal (WebAssembly) wheel.

The pure-Python package from ``pyodide-package/fastmath`` (without any ``_native`` extension;
``_wasm/runtime.js``, the JavaScript half of the call path, is package data like the sources)
plus, as package data of ``fastmath._wasm``, the wasm-bindgen ``no-modules`` glue, the optimised
``.wasm``, the threaded module (``fastmath_threads.wasm``, from ``threads/`` beside the glue's
folder) and ``_artifacts.json`` naming them. Written directly with zipfile: the wheel has no
compiled Python extension, so no build backend is needed, and the archive is reproducible
(sorted entries, fixed timestamps).

Bytecode: compiling the package's sources is most of ``import fastmath`` in Pyodide (~45 ms of
~55; CPython's compiler runs cold in WebAssembly). The wheel therefore carries
``__pycache__/*.cpython-3XX.pyc`` for the Python versions of the tested Pyodides (3.12, 3.13,
3.14), compiled by those Pyodides themselves under node (the host has only CPython 3.11) as
*unchecked hash-based* pycs (PEP 552): valid whatever the installed files' mtimes, never
re-validated against the source they were built from, which ships beside them. Other Python
versions compile the sources as usual. ``--no-pyc`` skips this (or a Pyodide that is missing).

Usage: build-universal-wheel.py --wasm-dir build/wasm/no-modules --out dist
"""

import argparse
import base64
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pyodide-package" / "fastmath"
GLUE, WASM = "fastmath_wasm.js", "fastmath_wasm_bg.wasm"
#: The threaded module (tools/build-wasm.sh writes it to threads/ beside no-modules/).
THREADS = "fastmath_threads.wasm"
#: 1980-01-01, the earliest time a zip entry can carry: entries do not depend on the build time.
EPOCH = (1980, 1, 1, 0, 0, 0)
#: One Pyodide per Python version that gets bytecode (npm aliases of package.json).
PYC_PYODIDES = ("node_modules/pyodide", "node_modules/pyodide-0.28", "node_modules/pyodide-0.26")

#: Run by node: loads one Pyodide, compiles the sources in a JSON file ({name: text}) into
#: unchecked hash-based pycs, prints JSON {cache_tag, pycs: {name: base64}}.
_COMPILE_JS = r"""
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
globalThis.fetch = async (url) => { throw new Error(`no network: ${url}`); };
const dir = path.resolve(process.argv[1]) + "/";
const sources = readFileSync(process.argv[2], "utf8");
const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: dir });
pyodide.globals.set("SOURCES", sources);
process.stdout.write(pyodide.runPython(`
import base64, importlib.util, json, sys
from importlib._bootstrap_external import _code_to_hash_pyc
pycs = {}
for name, text in json.loads(SOURCES).items():
    data = text.encode("utf-8")
    code = compile(data, name, "exec", dont_inherit=True)
    pyc = _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
    pycs[name] = base64.b64encode(bytes(pyc)).decode()
json.dumps({"cache_tag": sys.implementation.cache_tag, "pycs": pycs})
`));
"""


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


def bytecode(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """``(archive name, pyc)`` of every ``.py`` in ``files``, for each Pyodide of
    ``PYC_PYODIDES`` that is installed (``name.py`` -> ``__pycache__/name.<tag>.pyc``)."""
    sources = {name: data.decode("utf-8") for name, data in files if name.endswith(".py")}
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        sources_file = Path(tmp) / "sources.json"
        sources_file.write_text(json.dumps(sources), encoding="utf-8")
        for pyodide in PYC_PYODIDES:
            if not (ROOT / pyodide / "pyodide.mjs").is_file():
                print(f"build-universal-wheel: {pyodide} missing: no bytecode", file=sys.stderr)
                continue
            command = ["node", "--input-type=module", "-e", _COMPILE_JS]
            done = subprocess.run(
                [*command, str(ROOT / pyodide), str(sources_file)],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise SystemExit(f"build-universal-wheel: compiling in {pyodide}:\n{done.stderr}")
            result = json.loads(done.stdout)
            tag = result["cache_tag"]
            for name, pyc in result["pycs"].items():
                folder, _, file = name.rpartition("/")
                out.append((f"{folder}/__pycache__/{file[:-3]}.{tag}.pyc", base64.b64decode(pyc)))
    return sorted(out)


#: The Pythons the universal wheel is tested on: those of the npm Pyodides (0.26.4 runs 3.12;
#: 0.27, 0.28 and 314 run 3.12 to 3.14), and desktop CPython from 3.11 (the host's), where it runs
#: through wasmtime. No upper bound: the wheel has no ABI and a cap would make resolvers refuse it
#: on the next Pyodide instead of letting it be tried.
REQUIRES_PYTHON = ">=3.11"
#: Outside Emscripten the module runs in wasmtime (fastmath._wasm._wasmtime); in Pyodide the
#: marker is false and nothing more is installed. A lower bound only: the wheel uses wasmtime's
#: stable core API (Engine, Module, Store, Instance, Func, Memory), and the dev requirements pin
#: the version the tests run.
REQUIRES_DIST = ('wasmtime>=50.0.1; sys_platform != "emscripten"',)


def project_table() -> dict:
    text = (PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["project"]


def license_files() -> list[tuple[str, bytes]]:
    """``(name, content)`` of the license files pyproject.toml lists (PEP 639)."""
    return [
        (name, (PACKAGE.parent / name).read_bytes()) for name in project_table()["license-files"]
    ]


def metadata(ver: str) -> bytes:
    project = project_table()
    lines = [
        "Metadata-Version: 2.4",
        f"Name: {project['name']}",
        f"Version: {ver}",
        f"Summary: {project['description']}",
        f"License-Expression: {project['license']}",
        *(f"License-File: {name}" for name in project["license-files"]),
        f"Requires-Python: {REQUIRES_PYTHON}",
        *(f"Requires-Dist: {requirement}" for requirement in REQUIRES_DIST),
        f"Keywords: {','.join(project.get('keywords', []))}",
        *(f"Classifier: {c}" for c in project.get("classifiers", [])),
        "Description-Content-Type: text/markdown",
    ]
    readme = (PACKAGE.parent / project.get("readme", "README.md")).read_text(encoding="utf-8")
    return ("\n".join(lines) + "\n\n" + readme).encode()


def record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def build(wasm_dir: Path, out: Path, pyc: bool = True) -> Path:
    ver = version()
    if not re.fullmatch(r"[0-9A-Za-z.+!-]+", ver):
        raise SystemExit(f"build-universal-wheel: odd version {ver!r}")
    glue, wasm = (wasm_dir / GLUE).read_bytes(), (wasm_dir / WASM).read_bytes()
    threads = (wasm_dir.parent / "threads" / THREADS).read_bytes()
    manifest = {
        "version": ver,
        "glue": GLUE,
        "wasm": WASM,
        "wasm_sha256": hashlib.sha256(wasm).hexdigest(),
        "threads": THREADS,
        "threads_sha256": hashlib.sha256(threads).hexdigest(),
    }
    # fastmath._wasm._loader reads this file line by line (no json module: see its
    # _flat_json): one level, plain strings without quotes or escapes.
    if any(re.search(r'["\\\n]', value) for value in manifest.values()):
        raise SystemExit(f"build-universal-wheel: manifest values must be plain: {manifest}")
    entries = package_files()
    names = {name for name, _ in entries}
    for needed in (
        "fastmath/_wasm/__init__.py",
        "fastmath/_wasm/runtime.js",
        "fastmath/_wasm/threads.js",
    ):
        if needed not in names:
            raise SystemExit(f"build-universal-wheel: {needed} is missing from pyodide-package")
    if pyc:
        entries += bytecode(entries)
    entries += [
        (f"fastmath/_wasm/{GLUE}", glue),
        (f"fastmath/_wasm/{WASM}", wasm),
        (f"fastmath/_wasm/{THREADS}", threads),
        ("fastmath/_wasm/_artifacts.json", (json.dumps(manifest, indent=2) + "\n").encode()),
    ]
    dist_info = f"fastmath_wasm-{ver}.dist-info"
    entries += [
        (f"{dist_info}/METADATA", metadata(ver)),
        (
            f"{dist_info}/WHEEL",
            b"Wheel-Version: 1.0\nGenerator: fastmath build-universal-wheel.py\n"
            b"Root-Is-Purelib: true\nTag: py3-none-any\n",
        ),
        (f"{dist_info}/top_level.txt", b"fastmath\n"),
        *((f"{dist_info}/licenses/{name}", data) for name, data in license_files()),
    ]
    record = "".join(f"{name},{record_hash(data)},{len(data)}\n" for name, data in entries)
    record += f"{dist_info}/RECORD,,\n"
    entries.append((f"{dist_info}/RECORD", record.encode()))

    out.mkdir(parents=True, exist_ok=True)
    wheel = out / f"fastmath_wasm-{ver}-py3-none-any.whl"
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
    parser.add_argument("--no-pyc", action="store_true", help="leave out the bytecode")
    args = parser.parse_args()
    wheel = build(args.wasm_dir, args.out, pyc=not args.no_pyc)
    print(wheel, file=sys.stderr)


if __name__ == "__main__":
    main()
