# Fuzzing (issue 14). Owns: fuzz.
#
#   make fuzz   tests/python/test_fuzz.py's generator, FUZZ_CALLS calls (1,000,000) with a fresh
#               seed (printed; FUZZ_SEED=... replays a run) against the host wheel, then inside
#               Pyodide 314 under node against the native and the universal wheel. Minutes.
#
# `make test` runs the same generator with 10,000 calls on every backend and Pyodide version
# (tests/python/test_fuzz.py is part of the shared suite). Whatever a run finds becomes a
# regression test in tests/python.

FUZZ_CALLS ?= 1000000
FUZZ_SEED ?= $(shell date +%s)

.PHONY: fuzz

fuzz: $(HOST_WHEEL_STAMP) $(NATIVE_WHEEL) $(UNIVERSAL_WHEEL_FILE)
	@echo "fuzz seed $(FUZZ_SEED) (replay: make fuzz FUZZ_SEED=$(FUZZ_SEED))"
	$(PYTHON) tests/python/test_fuzz.py $(FUZZ_CALLS) $(FUZZ_SEED)
	node tools/run-in-pyodide.mjs --wheel $(NATIVE_WHEEL) tests/python/test_fuzz.py $(FUZZ_CALLS) $(FUZZ_SEED)
	node tools/run-in-pyodide.mjs --env FASTMATH_BACKEND=wasm --wheel $(UNIVERSAL_WHEEL_FILE) \
	  tests/python/test_fuzz.py $(FUZZ_CALLS) $(FUZZ_SEED)
