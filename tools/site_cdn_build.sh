#!/usr/bin/env bash
# Builds what the browser tests need to check fastmath on sites that load Pyodide from a CDN, the
# way most JupyterLite and PyScript sites do (issue 15, items 4 and 8), into OUT:
#   OUT/cdn/   a stand-in for the Pyodide CDN (tools/cdn_standin.py): the tests serve it as the
#              host named in jupyterlite/cdn/jupyter-lite.json's pyodideUrl, mapped by the browser
#              to a second local port; its lock is consistent with its files, as a real CDN's is
#   OUT/lite/  a JupyterLite site with no static/pyodide/: pyodideUrl is that CDN, and
#              jupyterlite-fastmath serves a copy of the CDN's lock with fastmath added. The
#              CDN's lock is given as an offline copy (--FastmathAddon.cdn_lock) so the build
#              needs no network; a real site's build reads it from the CDN.
# Nothing of SITE (the demo site) is changed.
#   usage: tools/site_cdn_build.sh OUT LITE_VENV SITE
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$1 LITE_VENV=$(realpath "$2") SITE=$3
SRC=build/lite-cdn-src
CONFIG=jupyterlite/cdn/jupyter-lite.json

# where the CDN serves pyodide.mjs: the stand-in's folder mirrors the URL's path
url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["jupyter-config-data"]["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]["pyodideUrl"])' "$CONFIG")
path=${url#*://*/}
rm -rf "$OUT" "$SRC"
mkdir -p "$OUT" "$SRC"
python3 tools/cdn_standin.py "$SITE/lite/static/pyodide" "$OUT/cdn/$(dirname "$path")"

cp "$CONFIG" jupyterlite/jupyter_lite_config.json "$SRC/"
(cd "$SRC" && "$LITE_VENV/bin/jupyter" lite build --output-dir "$OLDPWD/$OUT/lite" \
    --FastmathAddon.cdn_lock="$OLDPWD/$OUT/cdn/$(dirname "$path")/pyodide-lock.json")
test ! -e "$OUT/lite/static/pyodide"
echo "site-cdn: $(du -sh "$OUT" | cut -f1) in $OUT"
