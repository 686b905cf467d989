#!/usr/bin/env bash
# Builds the native Pyodide 314 wheel (cp314-cp314-pyemscripten_2026_0_wasm32) with stable Rust
# and no Emscripten SDK. Usage: tools/build-pyodide-wheel.sh OUT_DIR
#
# rustc links emscripten cdylibs by calling `emcc`, and maturin asks `emcc -dumpversion` for the
# platform version. If a real emcc 5.0.3 is on PATH it is used; otherwise tools/emcc-shim/emcc
# (documented there) stands in and links with the toolchain's rust-lld.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "${1:?usage: $0 OUT_DIR}"
out="$(cd "$1" && pwd)"

if [ "$(emcc -dumpversion 2>/dev/null || true)" != "5.0.3" ]; then
    export PATH="$root/tools/emcc-shim:$PATH"
fi

# PyO3 cross-compiles against the Python of Pyodide 314 without needing its headers or a
# sysconfigdata file: the version and implementation are all it needs for a non-abi3 build.
export PYO3_CROSS_PYTHON_VERSION=3.14
export PYO3_CROSS_PYTHON_IMPLEMENTATION=CPython
# The ABI of Pyodide 314.x; maturin puts it into the wheel's platform tag.
export MATURIN_PYEMSCRIPTEN_PLATFORM_VERSION=2026_0
base_rustflags="${RUSTFLAGS:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# $1: extra target features, $2: cargo target dir (each variant its own, so neither
# invalidates the other nor the host build), $3: where the wheel goes.
build() {
    (cd "$root/pyodide-package" &&
        RUSTFLAGS="$base_rustflags -C target-feature=$1" CARGO_TARGET_DIR="$root/target/$2" \
            "$root/.venv/bin/maturin" build --release --target wasm32-unknown-emscripten \
            --interpreter python3.14 --out "$3")
}

# wasm SIMD: every engine Pyodide 314 supports has it (node >= 16, all current browsers).
build +simd128 pyodide "$work/baseline"

# The same extension with relaxed SIMD (gemm's fused multiply-add), for engines that validate it
# (Chromium; not node 20). It goes into the wheel as fastmath/_native_relaxed.wasm-so, a name
# Pyodide's installer does not preload (it preloads every *.so, and this module fails validation
# where relaxed SIMD is missing); fastmath/_simd_loader.py loads it when the engine accepts it.
build +simd128,+relaxed-simd pyodide-relaxed "$work/relaxed"

"$root/.venv/bin/python" - "$work/baseline"/*.whl "$work/relaxed"/*.whl "$out" <<'PY'
import base64, hashlib, pathlib, sys, zipfile

baseline, relaxed, out = map(pathlib.Path, sys.argv[1:])
EXTENSION = "fastmath/_native.cpython-314-wasm32-emscripten.so"
ADDED = "fastmath/_native_relaxed.wasm-so"
with zipfile.ZipFile(relaxed) as z:
    data = z.read(EXTENSION)
digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
with zipfile.ZipFile(baseline) as src, zipfile.ZipFile(out / baseline.name, "w") as dst:
    for info in src.infolist():
        body = src.read(info)
        if info.filename.endswith(".dist-info/RECORD"):
            body += f"{ADDED},sha256={digest},{len(data)}\n".encode()
            added = zipfile.ZipInfo(ADDED, info.date_time)
            added.external_attr = info.external_attr
            dst.writestr(added, data, zipfile.ZIP_DEFLATED)
        dst.writestr(info, body, zipfile.ZIP_DEFLATED)
print(f"{out / baseline.name}: with {ADDED} ({len(data)} bytes)")
PY
