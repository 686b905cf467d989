"""Completes dist/js (wasm-bindgen's ES module) into the npm package `fastmath-wasm`.

usage: python tools/npm_package.py dist/js VERSION

Adds js-package/'s entry point (index.js: the idiomatic API with argument checks), its typings
(index.d.ts: that API only) and README, the license files, and package.json. `files` and
`exports` keep wasm-bindgen's own fastmath_wasm.d.ts (the raw bindings, internals included) and
the .wasm's typings out of the published tarball; they stay in dist/js for the repository's tests.
"""

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OURS = ("index.js", "index.d.ts", "README.md")
LICENSES = ("LICENSE-MIT", "LICENSE-APACHE")
GLUE, WASM = "fastmath_wasm.js", "fastmath_wasm_bg.wasm"


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    out, version = Path(sys.argv[1]), sys.argv[2]
    for name in OURS:
        shutil.copyfile(ROOT / "js-package" / name, out / name)
    for name in LICENSES:
        shutil.copyfile(ROOT / "pyodide-package" / name, out / name)
    for name in (GLUE, WASM):
        if not (out / name).is_file():
            raise SystemExit(f"npm_package: {out / name} missing (wasm-bindgen --target web)")
    package = {
        "name": "fastmath-wasm",
        "version": version,
        "description": "fastmath's Rust numerical kernels compiled to WebAssembly, for JavaScript.",
        "type": "module",
        "main": "index.js",
        "types": "index.d.ts",
        "exports": {
            ".": {"types": "./index.d.ts", "default": "./index.js"},
            f"./{WASM}": f"./{WASM}",
            "./package.json": "./package.json",
        },
        "files": ["index.js", "index.d.ts", GLUE, WASM, "README.md", *LICENSES],
        "keywords": ["webassembly", "wasm", "numerics", "rust"],
        "license": "MIT OR Apache-2.0",
    }
    (out / "package.json").write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")
    print(f"{out}: npm package fastmath-wasm {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
