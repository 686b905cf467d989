#!/usr/bin/env bash
# Installs everything fastmath's builds and tests need, idempotently, on a fresh Debian machine:
# the pinned Rust toolchain and targets, a project-local Python venv with pinned tools, and the
# pinned npm packages. Safe to re-run; does nothing that is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# Rust: rust-toolchain.toml pins the version, targets and components.
if ! command -v rustup >/dev/null; then
    echo "rustup is required (https://rustup.rs); it is the one tool fastmath does not install" >&2
    exit 1
fi
rustup toolchain install --no-self-update >/dev/null 2>&1 || rustup show active-toolchain >/dev/null
log "rust: $(rustc --version)"
# Every crate in Cargo.lock, for every platform (Cargo checks each against the lock's checksum):
# builds only fetch their own platform's, and `cargo-deny --offline` in `make lint` reads them all.
# A no-op when they are all in cargo's cache already.
cargo fetch --locked --quiet

# Python: a venv with the exact versions in requirements/dev.txt; --require-hashes makes pip refuse
# any file whose sha256 the pins do not list.
if [ ! -x .venv/bin/python ]; then
    log "creating .venv"
    python3 -m venv .venv
fi
if ! cmp -s requirements/dev.txt .venv/.installed-requirements 2>/dev/null; then
    log "installing requirements/dev.txt into .venv"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
        -r requirements/dev.txt
    cp requirements/dev.txt .venv/.installed-requirements
fi
# The sdist's build backend as a wheel file, so `make dist-check` can build the sdist in a clean
# venv with no index (pip --no-index --find-links .venv/wheelhouse).
if ! cmp -s requirements/sdist-build.txt .venv/wheelhouse/.downloaded 2>/dev/null; then
    log "downloading requirements/sdist-build.txt into .venv/wheelhouse"
    rm -rf .venv/wheelhouse
    .venv/bin/python -m pip download --quiet --disable-pip-version-check --require-hashes \
        --no-deps --only-binary=:all: -d .venv/wheelhouse -r requirements/sdist-build.txt
    cp requirements/sdist-build.txt .venv/wheelhouse/.downloaded
fi

# npm: exact versions from package-lock.json, each checked against the lock's integrity hash
# (`npm ci` never rewrites the lock and fails when it disagrees with package.json).
if ! [ node_modules/.installed-lock -nt package-lock.json ]; then
    log "installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
    touch node_modules/.installed-lock
fi
log "ready"
