# Benchmarks (issue 6). Owns: bench, bench-quick.
#
#   make bench        fastmath in Pyodide 314 under node (native backend, and the universal one
#                     when dist/ has its wheel) vs pure Python, and the host build vs numpy with
#                     one OpenBLAS thread; a Markdown table on stdout, JSON in build/bench/.
#   make bench-quick  the same with a shorter time budget per workload.
#
# A benchmark, not a test: nothing asserts a speed, and `make test` does not run it. It uses the
# wheels already in dist/ (the universal one is optional), so build them first.

.PHONY: bench bench-quick

bench: $(NATIVE_WHEEL) $(HOST_WHEEL_STAMP)
	$(PYTHON) benchmarks/run.py

bench-quick: $(NATIVE_WHEEL) $(HOST_WHEEL_STAMP)
	$(PYTHON) benchmarks/run.py --quick
