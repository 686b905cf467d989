#!/usr/bin/env bash
# Builds the universal backend: rust/fastmath-wasm for wasm32-unknown-unknown with +simd128,
# bound with wasm-bindgen twice and optimised with wasm-opt (npm binaryen):
#   $OUT/no-modules/  classic-script glue + .wasm, loaded by fastmath._wasm inside Pyodide
#   $OUT/web/         ES module + .d.ts + .wasm for JavaScript users (browsers, node via initSync)
#   $OUT/threads/     fastmath_threads.wasm, the threaded module (wasm32-wasip1-threads, no glue)
# Usage: tools/build-wasm.sh [OUT]   (default build/wasm)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-build/wasm}"

wasm_bindgen="$(tools/install-wasm-bindgen.sh)"
wasm_opt=node_modules/.bin/wasm-opt
[ -x "$wasm_opt" ] || { echo "build-wasm: $wasm_opt missing: run tools/setup.sh" >&2; exit 1; }

# A target dir of its own: RUSTFLAGS differ from every other build, so sharing one would
# rebuild everything each time. panic=abort: the target's std cannot unwind (see panic.rs).
export CARGO_TARGET_DIR="$PWD/target/wasm"
export CARGO_PROFILE_RELEASE_PANIC=abort
export RUSTFLAGS="-C target-feature=+simd128"
cargo build --locked --release -p fastmath-wasm --target wasm32-unknown-unknown
raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/fastmath_wasm.wasm"

# Features rustc 1.95 emits for wasm32-unknown-unknown by default, plus SIMD. Listed instead
# of `-all` so wasm-opt cannot introduce instructions (GC, relaxed SIMD...) node 20 lacks.
opt_features=(--enable-simd --enable-bulk-memory --enable-bulk-memory-opt --enable-sign-ext
    --enable-mutable-globals --enable-nontrapping-float-to-int --enable-multivalue
    --enable-reference-types --enable-call-indirect-overlong)

for target in no-modules web; do
    rm -rf "${out:?}/$target" && mkdir -p "$out/$target"
    "$wasm_bindgen" --target "$target" --out-dir "$out/$target" --out-name fastmath_wasm "$raw"
done
# The two targets differ in their JavaScript glue only: wasm-bindgen writes the same module for
# both. wasm-opt (about a minute, one thread) then runs once, and the web target gets a copy.
bound=("$out"/no-modules/fastmath_wasm_bg.wasm "$out"/web/fastmath_wasm_bg.wasm)
cmp -s "${bound[@]}" || { echo "build-wasm: the two targets' modules differ" >&2; exit 1; }
"$wasm_opt" -O3 "${opt_features[@]}" --strip-debug --strip-producers "${bound[0]}" -o "${bound[0]}"
cp "${bound[0]}" "${bound[1]}"
# The no-modules build is loaded by Python: its typings are of no use there.
rm -f "$out"/no-modules/*.d.ts
ls -l "$out"/*/fastmath_wasm_bg.wasm >&2

# The threaded module (docs/threads.md): the same crate for wasm32-wasip1-threads, no
# wasm-bindgen. Shared memory and atomics are that target's defaults; the import's maximum is
# lowered from 4 GiB to 2 GiB, which a shared memory reserves up front (threads.js MAX_PAGES).
# Its own target dir: another target and other flags.
CARGO_TARGET_DIR="$PWD/target/threads" RUSTFLAGS="-C target-feature=+simd128 -C link-arg=--max-memory=2147483648" \
    cargo build --locked --release -p fastmath-wasm --target wasm32-wasip1-threads
mkdir -p "$out/threads"
"$wasm_opt" -O3 "${opt_features[@]}" --enable-threads --strip-debug --strip-producers \
    target/threads/wasm32-wasip1-threads/release/fastmath_wasm.wasm -o "$out/threads/fastmath_threads.wasm"
ls -l "$out/threads/fastmath_threads.wasm" >&2
