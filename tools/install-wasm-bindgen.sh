#!/usr/bin/env bash
# Installs wasm-bindgen-cli at exactly the version of the `wasm-bindgen` crate in Cargo.lock,
# into a per-user cache shared by every checkout (a fresh clone, CI) so it is compiled once per
# version, not once per clone; prints the binary's path. The CLI and the crate must match to the patch level (the CLI refuses a .wasm
# whose embedded schema version differs), so the version is read from the lock, never chosen
# here. Idempotent: does nothing when the right version is already installed.
# `--locked` is not used: it fails on a dependency pin the published lock cannot resolve.
set -euo pipefail
cd "$(dirname "$0")/.."

version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$version" ]; then
    echo "install-wasm-bindgen: no wasm-bindgen in Cargo.lock (is rust/fastmath-wasm a workspace member?)" >&2
    exit 1
fi
root="${WASM_BINDGEN_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/fastmath/wasm-bindgen-$version}"
bin="$root/bin/wasm-bindgen"
if [ -x "$bin" ] && [ "$("$bin" --version)" = "wasm-bindgen $version" ]; then
    echo "$bin"
    exit 0
fi
echo "[wasm] installing wasm-bindgen-cli $version into $root" >&2
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/wasm-bindgen-cli}" \
    cargo install --quiet wasm-bindgen-cli --version "=$version" --root "$root" --force
"$bin" --version >&2
echo "$bin"
