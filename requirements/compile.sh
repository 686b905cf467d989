#!/usr/bin/env bash
# Refreshes a hash-pinned requirements file from its .in file: every package of the full set,
# transitive ones included, at an exact version with the sha256 of each of its files on the index,
# so that `pip install --require-hashes` installs exactly the bytes that were reviewed.
#   usage: requirements/compile.sh IN_FILE OUT_FILE
# Pins already in OUT_FILE are kept when they still satisfy IN_FILE (pip-compile does not upgrade
# without --upgrade); add `--upgrade` or `--upgrade-package NAME` after the two files to move them.
# pip-tools runs from its own scratch venv (build/req-tools), installed from requirements/pip-tools.txt
# with --require-hashes too. Needs the network; only developers run this, never a build or a test.
set -euo pipefail
cd "$(dirname "$0")/.."
IN=$1 OUT=$2
shift 2
TOOLS=build/req-tools

if ! cmp -s requirements/pip-tools.txt "$TOOLS/.installed" 2>/dev/null; then
    rm -rf "$TOOLS" && python3 -m venv "$TOOLS"
    "$TOOLS/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes \
        -r requirements/pip-tools.txt
    cp requirements/pip-tools.txt "$TOOLS/.installed"
fi
# pip-compile writes the command line into the header; run it from the repo root with relative
# paths so the header names no path of this machine.
CUSTOM_COMPILE_COMMAND="requirements/compile.sh $IN $OUT" \
    "$TOOLS/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras \
    --no-emit-index-url --no-emit-find-links --no-emit-trusted-host --resolver=backtracking \
    --output-file "$OUT" "$@" "$IN"
