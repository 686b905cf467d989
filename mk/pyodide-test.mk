# In-Pyodide tests: tests/python run inside Pyodide under node (pytest-pyodide), offline.
# Owns: test-pyodide, pyodide-test-dist. Configurations: tests/pyodide/configs.toml.
#
# The prepare step builds build/pyodide-test/<config>/ for each configuration: the npm Pyodide
# runtime, the pinned pure-Python wheels of tests/pyodide/wheels-*.txt (downloaded once with
# pip --require-hashes into build/pyodide-wheels/, offline afterwards), the fastmath wheel and a
# pyodide-lock.json naming exactly those wheels. The test run itself needs no network and fails
# on any attempt (tests/pyodide/node_offline.cjs).

PYODIDE_TEST_DIR := $(BUILD)/pyodide-test
PYODIDE_TEST_STAMP := $(PYODIDE_TEST_DIR)/.prepared
PYODIDE_TEST_INPUTS := tools/pyodide_test_dist.py tests/pyodide/configs.toml \
                       $(wildcard tests/pyodide/wheels-*.txt)

.PHONY: pyodide-test-dist

# A configuration with another fastmath wheel (e.g. the universal wasm wheel) adds that wheel's
# target as a prerequisite here.
$(PYODIDE_TEST_STAMP): $(SETUP_STAMP) $(NATIVE_WHEEL) $(UNIVERSAL_WHEEL_FILE) $(PYODIDE_TEST_INPUTS)
	$(PYTHON) tools/pyodide_test_dist.py prepare
	touch $@
pyodide-test-dist: $(PYODIDE_TEST_STAMP)

TEST_ARTEFACTS += pyodide-test-dist

test-pyodide: $(PYODIDE_TEST_STAMP)
	$(PYTHON) -m pytest tests/pyodide
