# Release: what the package index, micropip and npm get (issue 15). Owns: test-npm, lint-release.
#
#   make test-npm     `npm pack` of dist/js installed into a scratch project and used, offline
#
# Part of make test.

.PHONY: test-npm lint-release

test: test-npm

test-npm: $(UNIVERSAL_WHEEL_FILE)
	node --test tests/npm/

lint: lint-release
lint-release:
	@for f in js-package/index.js tests/npm/*.mjs; do node --check "$$f" || exit 1; done
