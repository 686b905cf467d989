# Release: what the package index, micropip and npm get (issue 15). Owns: dist-check, test-index,
# test-npm, lint-release.
#
#   make dist-check   twine check --strict, wheel tags, Requires-Python, license files and RECORD
#                     of every artefact in dist/; each built a second time must be byte-identical;
#                     and the sdist built in a clean venv and smoke-tested, offline
#                     (tools/dist_check.py; the first run compiles the sdist's Rust, minutes)
#   make test-index   micropip.install("fastmath-wasm") by name under node, offline, from
#                     build/site/simple/ as `make site` writes it (relative links: Pyodide 314,
#                     native wheel; 0.28, universal) and from the same wheels' index written with
#                     tools/simple_index.py --base-url (absolute links: 314, 0.28, 0.27 and 0.26,
#                     the deploy rule for every supported Pyodide; 0.26 also needs the pages
#                     served as a bare `text/html`); the browser half is in tests/browser
#   make test-npm     `npm pack` of dist/js installed into a scratch project and used, offline
#
# All three are part of make test. One version: the Cargo workspace's (tests/release/test_versions.py,
# run by test-host, and the npm test).

.PHONY: dist-check test-index test-npm lint-release

# All three run in lane B, beside lane A's longer Pyodide suites: dist-check's compile of the
# sdist (cargo's dev profile, about a minute) takes the time lane B would leave idle.
TEST_LANE_B += dist-check test-index test-npm

dist-check: build
	$(PYTHON) tools/dist_check.py --dist $(DIST) --version $(VERSION)

test-index: site pyodide-test-dist
	node --test --test-concurrency=1 tests/release/

# tests/browser/simple-index.test.mjs boots Pyodide from the in-Pyodide test dist dirs.
test-browser: pyodide-test-dist

test-npm: $(UNIVERSAL_WHEEL_FILE)
	node --test tests/npm/

lint: lint-release
lint-release:
	@for f in js-package/index.js tests/npm/*.mjs tests/release/*.mjs tests/browser/simple-index.test.mjs; do node --check "$$f" || exit 1; done
