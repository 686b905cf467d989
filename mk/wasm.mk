# Universal backend (issue 4): rust/fastmath-wasm through wasm-bindgen, for every Pyodide and JS.
# Owns: build-wasm, build-universal, test-wasm, test-wasm-js, test-wasm-pyodide,
#       test-wasm-browser, test-wasmtime, bench-wasm, lint-js.
#
#   make build-universal    dist/fastmath_wasm-<ver>-py3-none-any.whl (no _native; with .pyc for Python
#                           3.12-3.14 compiled by the npm Pyodides under node, ~10 s) and dist/js/
#   make test-wasm          node --test of dist/js, then tests/wasm in Pyodide 314.0.7, 0.28.3,
#                           0.27.7, 0.26.4 under node, offline (threaded; 314 once more with
#                           one thread)
#   make test-wasm-browser  the wheel in headless Chromium, main thread and Web Worker, Pyodide
#                           314.0.7 and 0.26.4, offline (apt chromium; run by make test)
#   make test-wasmtime      the shared suite (tests/python), tests/wasm's call-path tests and
#                           tests/wasmtime in desktop CPython, on the same wheel's .wasm through
#                           wasmtime (issue 18; run by make test)
#   make bench-wasm         call overhead, small arrays and 1e6 elements of both backends in
#                           Pyodide 314 (needs the native wheel too)
#   make lint-js            node --check of the JavaScript: the package's runtime.js and these
#                           tests (part of make lint)

WASM_BUILD := $(BUILD)/wasm
WASM_STAMP := $(WASM_BUILD)/.built
# UNIVERSAL_WHEEL_FILE is defined in the Makefile (other fragments depend on it too).
WASM_JS_DIR := $(DIST)/js
WASM_PY_SOURCES := $(shell find pyodide-package -name '*.py' -o -name '*.pyi' -o -name '*.js' -o -name py.typed \
                     -o -name pyproject.toml -o -name README.md | grep -v __pycache__)
# Pyodide versions the universal wheel is tested on (npm aliases in package.json), how the
# wheel is installed in each (loadPackage(path) works on all four; `unzip` is the micropip-free
# fallback, exercised once so it stays working) and, as a third field, FASTMATH_NUM_THREADS:
# node runs threads, so the threaded module serves by default; one thread is asked for once,
# for the single-threaded wasm-bindgen module.
WASM_PYODIDES := pyodide:loadPackage pyodide:loadPackage:1 pyodide-0.28:loadPackage \
                 pyodide-0.27:loadPackage pyodide-0.26:loadPackage pyodide-0.26:unzip

.PHONY: build-wasm build-universal test-wasm test-wasm-js test-wasm-pyodide test-wasm-browser \
        test-wasmtime bench-wasm lint-js

TEST_LANE_A += test-wasmtime

WASM_JS_SOURCES := pyodide-package/fastmath/_wasm/runtime.js pyodide-package/fastmath/_wasm/threads.js \
                   $(wildcard tests/wasm/*.mjs) \
                   $(wildcard benchmarks/*.mjs tests/browser/*.mjs tests/soak/*.mjs)

lint: lint-js
lint-js:
	@for f in $(WASM_JS_SOURCES); do node --check "$$f" || exit 1; done

$(WASM_STAMP): $(SETUP_STAMP) $(RUST_SOURCES) tools/build-wasm.sh tools/install-wasm-bindgen.sh
	tools/build-wasm.sh $(WASM_BUILD)
	touch $@
build-wasm: $(WASM_STAMP)

$(UNIVERSAL_WHEEL_FILE): $(WASM_STAMP) $(WASM_PY_SOURCES) tools/build-universal-wheel.py \
                         tools/npm_package.py $(wildcard js-package/*) $(wildcard pyodide-package/LICENSE-*)
	python3 tools/build-universal-wheel.py --wasm-dir $(WASM_BUILD)/no-modules --out $(DIST)
	rm -rf $(WASM_JS_DIR) && mkdir -p $(WASM_JS_DIR)
	cp $(WASM_BUILD)/web/* $(WASM_JS_DIR)/
	python3 tools/npm_package.py $(WASM_JS_DIR) $(VERSION)
build-universal: $(UNIVERSAL_WHEEL_FILE)

test-wasm: test-wasm-js test-wasm-pyodide

test-wasm-js: $(UNIVERSAL_WHEEL_FILE)
	FASTMATH_JS_DIR=$(WASM_JS_DIR) node --test tests/wasm/

test-wasm-pyodide: $(UNIVERSAL_WHEEL_FILE)
	@for spec in $(WASM_PYODIDES); do \
	  IFS=: read -r name install threads <<< "$$spec"; dir=node_modules/$$name; \
	  echo "== tests/wasm in $$dir ($$install$${threads:+, FASTMATH_NUM_THREADS=$$threads})"; \
	  node tests/wasm/run-pyodide.mjs --pyodide $$dir --wheel $(UNIVERSAL_WHEEL_FILE) \
	    --install $$install --env FASTMATH_BACKEND=wasm \
	    $${threads:+--env FASTMATH_NUM_THREADS=$$threads} || exit 1; \
	done

test-wasm-browser: $(UNIVERSAL_WHEEL_FILE)
	tools/install-chromium.sh
	node --test tests/wasm/browser.check.mjs

# The wheel unpacked into a folder put first on PYTHONPATH: the venv's installed fastmath (the
# native host wheel) is not seen, the venv's numpy, pytest and wasmtime are. The first use
# compiles the module (~2 s) into wasmtime's cache; later processes load it in milliseconds.
WASMTIME_SITE := $(BUILD)/wasmtime-site
test-wasmtime: $(UNIVERSAL_WHEEL_FILE) $(SETUP_STAMP)
	rm -rf $(WASMTIME_SITE) && $(PYTHON) -m zipfile -e $(UNIVERSAL_WHEEL_FILE) $(WASMTIME_SITE)
	FASTMATH_BACKEND=wasmtime PYTHONPATH=$(WASMTIME_SITE) $(PYTHON) -m pytest tests/python \
	  tests/wasm/test_wasm_backend.py tests/wasmtime

bench-wasm: $(UNIVERSAL_WHEEL_FILE) $(NATIVE_WHEEL)
	node tests/wasm/bench.mjs --pyodide node_modules/pyodide --wasm-wheel $(UNIVERSAL_WHEEL_FILE) \
	  --native-wheel $(NATIVE_WHEEL)
