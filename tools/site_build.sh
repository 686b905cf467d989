#!/usr/bin/env bash
# Builds the static demo site: JupyterLite (with jupyterlite-fastmath and its own Pyodide) under
# SITE/lite/, the PyScript page under SITE/pyscript/ and an index page. Everything it serves is local.
#   usage: tools/site_build.sh SITE LITE_VENV LITE_WHEELS
set -euo pipefail
cd "$(dirname "$0")/.."
SITE=$1 LITE_VENV=$(realpath "$2") LITE_WHEELS=$(realpath "$3")
SRC=build/lite-src

rm -rf "$SITE" "$SRC"
mkdir -p "$SITE" "$SRC/static"

# The lite dir: site config, the demo notebook, and the npm Pyodide runtime as static/pyodide/
# (jupyterlite-pyodide-kernel copies it and points pyodideUrl at it).
cp jupyterlite/jupyter-lite.json jupyterlite/jupyter_lite_config.json "$SRC/"
cp -r jupyterlite/files "$SRC/files"
mkdir -p "$SRC/static/pyodide"
for f in pyodide.mjs pyodide.js pyodide.asm.mjs pyodide.asm.wasm python_stdlib.zip pyodide-lock.json \
         package.json; do
    cp node_modules/pyodide/$f "$SRC/static/pyodide/"
done

(cd "$SRC" && "$LITE_VENV/bin/jupyter" lite build --output-dir "$OLDPWD/$SITE/lite" \
    --FastmathAddon.lock_wheels="$LITE_WHEELS")

# PyScript: the pinned @pyscript/core build, and the page; it shares lite/static/pyodide
# (the served lock already lists fastmath and micropip with their real sha256).
mkdir -p "$SITE/pyscript/core"
cp -r node_modules/@pyscript/core/dist/. "$SITE/pyscript/core/"
find "$SITE/pyscript/core" -name '*.map' -delete
cp pyscript/index.html pyscript/main.py pyscript/pyscript.toml "$SITE/pyscript/"
cp pyscript/site-index.html "$SITE/index.html"
echo "site: $(du -sh "$SITE" | cut -f1) in $SITE"
