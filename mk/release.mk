# Release: what the package index, micropip and npm get (issue 15). Owns: test-index, test-npm,
# lint-release.
#
#   make test-index   micropip.install("fastmath-wasm") from the site's static simple index
#                     (build/site/simple/) in Pyodide 314 (native wheel) and 0.28 (universal)
#                     under node, offline
#   make test-npm     `npm pack` of dist/js installed into a scratch project and used, offline
#
# Both are part of make test.

.PHONY: test-index test-npm lint-release

test: test-index test-npm

test-index: site pyodide-test-dist
	node --test --test-concurrency=1 tests/release/

test-npm: $(UNIVERSAL_WHEEL_FILE)
	node --test tests/npm/

lint: lint-release
lint-release:
	@for f in js-package/index.js tests/npm/*.mjs tests/release/*.mjs; do node --check "$$f" || exit 1; done
