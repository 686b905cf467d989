# Benchmarks (issue 6). Owns: bench, bench-quick.
#
#   make bench        fastmath in Pyodide 314 under node and in headless Chromium (native
#                     backend, and the universal one) vs pure Python, and the host build vs numpy
#                     with one OpenBLAS thread; a Markdown table on stdout, JSON in build/bench/.
#   make bench-quick  the same with a shorter time budget per workload.
#
# A benchmark, not a test: nothing asserts a speed, and `make test` does not run it. It first
# brings the three wheels up to date (native, host, universal), and benchmarks/run.py refuses a
# wheel older than its sources (`--allow-stale` overrides, and says so in the output), so a
# table never mixes builds of different trees.
#
# Each workload is timed alone (fastmath by itself, array.array / memoryview inputs, in Pyodide
# and on the host alike: the wasm tax compares these) and side by side with its contender (pure
# Python in Pyodide, numpy on the host with numpy inputs: the speed-up columns).

.PHONY: bench bench-quick

bench: $(NATIVE_WHEEL) $(HOST_WHEEL_STAMP) $(UNIVERSAL_WHEEL_FILE)
	tools/install-chromium.sh
	$(PYTHON) benchmarks/run.py

bench-quick: $(NATIVE_WHEEL) $(HOST_WHEEL_STAMP) $(UNIVERSAL_WHEEL_FILE)
	tools/install-chromium.sh
	$(PYTHON) benchmarks/run.py --quick
