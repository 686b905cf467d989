# Static demo site (issue 5): JupyterLite + PyScript + browser tests. Owned by the site/delivery area.
#
#   make site          build/site/: JupyterLite under lite/, PyScript page under pyscript/, index.html,
#                      and simple/: a static package index of both wheels (tools/simple_index.py)
#   make demo-site     build the site and serve it on 127.0.0.1 (prints the URLs)
#   make site-cdn      build/site-cdn/: a stand-in for a Pyodide CDN and a JupyterLite site that loads
#                      Pyodide from it (tools/site_cdn_build.sh), for the tests of CDN-style sites
#   make test-browser  headless Debian chromium (playwright-core) against the built site, offline
#   make recipe        unpack the sdist into build/recipe-src/, the local source of the Pyodide
#                      recipe (pyodide-recipe/fastmath-wasm/meta.yaml, `source: path:`)
#   make test-recipe   validate the recipe against pyodide-build's schema and its source path
#                      against the sdist in dist/

SITE := $(BUILD)/site
LITE_VENV := $(BUILD)/lite-venv
LITE_STAMP := $(LITE_VENV)/.installed
LITE_WHEELS := $(BUILD)/lite-wheels
LITE_WHEELS_STAMP := $(LITE_WHEELS)/.downloaded
LITE_EXT_STAMP := $(BUILD)/lite-ext.stamp
SITE_STAMP := $(SITE)/.built
SITE_CDN := $(BUILD)/site-cdn
SITE_CDN_STAMP := $(SITE_CDN)/.built
SITE_PORT ?= 8000
LITE_SOURCES := $(shell find jupyterlite pyscript -type f -not -path '*/__pycache__/*' 2>/dev/null) \
	tools/site_build.sh
# The universal wheel goes into the site's piplite index (mk/wasm.mk builds it).
UNIVERSAL_WHEEL := $(UNIVERSAL_WHEEL_FILE)

.PHONY: site site-cdn demo-site test-browser recipe test-recipe lite-requirements

# The site-building tools (jupyterlite-core, the Pyodide kernel addon, jupyter_server, pyodide-build)
# live in their own venv so they never disturb .venv; exact pins with every file's sha256 in
# jupyterlite/requirements.txt, installed with --require-hashes.
$(LITE_STAMP): jupyterlite/requirements.txt
	rm -rf $(LITE_VENV) && python3 -m venv $(LITE_VENV)
	$(LITE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
	  -r jupyterlite/requirements.txt
	touch $@

# Pure-Python wheels the JupyterLite kernel needs and Pyodide's npm package lacks, by exact version
# and sha256 (the served lock's sha256 of each is computed from these very files).
$(LITE_WHEELS_STAMP): jupyterlite/kernel-requirements.txt $(LITE_STAMP)
	rm -rf $(LITE_WHEELS) && mkdir -p $(LITE_WHEELS)
	$(LITE_VENV)/bin/python -m pip download --quiet --disable-pip-version-check --no-deps --require-hashes \
	  --only-binary=:all: --python-version 3.14 --implementation py --abi none --platform any \
	  -d $(LITE_WHEELS) -r jupyterlite/kernel-requirements.txt
	touch $@

# jupyterlite-fastmath, built with the current fastmath wheels bundled, installed into the lite venv.
$(LITE_EXT_STAMP): $(LITE_STAMP) $(NATIVE_WHEEL) $(UNIVERSAL_WHEEL) $(shell find jupyterlite/jupyterlite-fastmath -type f -not -path '*/__pycache__/*' -not -name '*.whl')
	rm -rf $(BUILD)/lite-ext && mkdir -p $(BUILD)/lite-ext
	cp -r jupyterlite/jupyterlite-fastmath $(BUILD)/lite-ext/src
	rm -f $(BUILD)/lite-ext/src/jupyterlite_fastmath/wheels/*.whl
	cp $(NATIVE_WHEEL) $(UNIVERSAL_WHEEL) $(BUILD)/lite-ext/src/jupyterlite_fastmath/wheels/
	$(LITE_VENV)/bin/python -m pip wheel --quiet --disable-pip-version-check --no-deps \
	  --no-build-isolation -w $(BUILD)/lite-ext $(BUILD)/lite-ext/src
	$(LITE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
	  --force-reinstall $(BUILD)/lite-ext/jupyterlite_fastmath-*.whl
	touch $@

site: $(SITE_STAMP)
$(SITE_STAMP): $(SETUP_STAMP) $(LITE_EXT_STAMP) $(LITE_WHEELS_STAMP) $(LITE_SOURCES) tools/simple_index.py
	tools/site_build.sh $(SITE) $(LITE_VENV) $(LITE_WHEELS)
	$(PYTHON) tools/simple_index.py $(SITE)/simple $(NATIVE_WHEEL) $(UNIVERSAL_WHEEL)
	touch $@

# Separate from `site` (a second `jupyter lite build`): only the tests need it.
site-cdn: $(SITE_CDN_STAMP)
$(SITE_CDN_STAMP): $(SITE_STAMP) tools/site_cdn_build.sh tools/cdn_standin.py
	tools/site_cdn_build.sh $(SITE_CDN) $(LITE_VENV) $(SITE)
	touch $@

demo-site: site
	$(PYTHON) tools/site_serve.py $(SITE) --port $(SITE_PORT)

TEST_ARTEFACTS += site site-cdn recipe $(LITE_STAMP)

test-browser: site site-cdn
	tools/install-chromium.sh
	node --test --test-concurrency=1 tests/browser/

# --- Pyodide recipe (pyodide-recipe/fastmath-wasm/meta.yaml) ---------------------------------
RECIPE_SRC := $(BUILD)/recipe-src
RECIPE_SRC_STAMP := $(BUILD)/recipe-src.stamp

recipe: $(RECIPE_SRC_STAMP)
$(RECIPE_SRC_STAMP): $(SDIST) tools/recipe_source.py
	python3 tools/recipe_source.py $(SDIST) $(RECIPE_SRC)
	touch $@

test-recipe: $(RECIPE_SRC_STAMP) $(LITE_STAMP)
	$(LITE_VENV)/bin/python -m pytest -q -p no:cacheprovider tests/recipe --sdist $(SDIST)

# Regenerates jupyterlite/requirements.txt (exact pins of the full set, with sha256) from
# requirements.in; existing pins are kept where they still fit (requirements/compile.sh).
lite-requirements:
	requirements/compile.sh jupyterlite/requirements.in jupyterlite/requirements.txt
