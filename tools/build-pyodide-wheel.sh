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
# wasm SIMD: every engine Pyodide 314 supports has it (node >= 16, all current browsers).
export RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+simd128"
# Keep the emscripten build's artefacts apart from the host's so neither invalidates the other.
export CARGO_TARGET_DIR="$root/target/pyodide"

cd "$root/pyodide-package"
"$root/.venv/bin/maturin" build --release --target wasm32-unknown-emscripten \
    --interpreter python3.14 --out "$out"
