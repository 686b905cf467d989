# Soak test (reliability: no leaks, bounded footprint). Owns: soak, soak-quick, lint-soak.
#
#   make soak        tests/soak/soak.mjs: 1,000,000 mixed calls (every function, valid and bad
#                    arguments) inside Pyodide 314 under node, for the native and the universal
#                    wheel (its threaded module, node's default, and with one thread its
#                    wasm-bindgen module); fails when Pyodide's heap, the universal module's memory or node's JS
#                    heap grows more than SOAK_LIMIT_MB after the warm-up, or Python's tracked
#                    objects grow. Then one SOAK_HUGE_MB result shows the high-water behaviour
#                    (reported). Minutes. JSON reports in build/soak/.
#   make soak-quick  the same with 20,000 calls and a 50 MB huge call, under a minute (most of it
#                    booting Pyodide twice); part of make test.

SOAK_CALLS ?= 1000000
SOAK_LIMIT_MB ?= 8
SOAK_HUGE_MB ?= 500
SOAK_DIR := $(BUILD)/soak

.PHONY: soak soak-quick

TEST_LANE_B += soak-quick

# $(1): label, $(2): calls, $(3): warm-up calls and batch, $(4): huge result in MB, $(5): calls
# after it
define soak_both
	mkdir -p $(SOAK_DIR)
	node --expose-gc tests/soak/soak.mjs --wheel $(NATIVE_WHEEL) --calls $(2) --warmup $(3) \
	  --batch $(3) --limit-mb $(SOAK_LIMIT_MB) --huge-mb $(4) --after $(5) \
	  --json $(SOAK_DIR)/$(1)-native.json
	node --expose-gc tests/soak/soak.mjs --wheel $(UNIVERSAL_WHEEL_FILE) --env FASTMATH_BACKEND=wasm \
	  --calls $(2) --warmup $(3) --batch $(3) --limit-mb $(SOAK_LIMIT_MB) --huge-mb $(4) \
	  --after $(5) --json $(SOAK_DIR)/$(1)-universal.json
	node --expose-gc tests/soak/soak.mjs --wheel $(UNIVERSAL_WHEEL_FILE) --env FASTMATH_BACKEND=wasm \
	  --env FASTMATH_NUM_THREADS=1 --calls $(2) --warmup $(3) --batch $(3) \
	  --limit-mb $(SOAK_LIMIT_MB) --huge-mb $(4) --after $(5) \
	  --json $(SOAK_DIR)/$(1)-universal-one-thread.json
endef

soak: $(NATIVE_WHEEL) $(UNIVERSAL_WHEEL_FILE)
	$(call soak_both,soak,$(SOAK_CALLS),50000,$(SOAK_HUGE_MB),10000)

soak-quick: $(NATIVE_WHEEL) $(UNIVERSAL_WHEEL_FILE)
	$(call soak_both,soak-quick,20000,5000,50,2000)

lint: lint-soak
.PHONY: lint-soak
lint-soak:
	node --check tests/soak/soak.mjs
