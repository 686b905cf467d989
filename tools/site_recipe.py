"""Keep meta.yaml (the Pyodide recipe) in step with the sdist that `make build` produced.

usage: python tools/site_recipe.py --write meta.yaml dist/fastmath-X.Y.Z.tar.gz
       python tools/site_recipe.py --check meta.yaml dist/fastmath-X.Y.Z.tar.gz

Rewrites (or checks) package.version, source.url's file name and source.sha256 in place, keeping
the rest of the file (comments included) as written.
"""

import argparse
import hashlib
import re
import sys
from pathlib import Path

SDIST_RE = re.compile(r"^(?P<name>[A-Za-z0-9_]+)-(?P<version>[^-]+)\.tar\.gz$")


def expected(sdist: Path) -> dict[str, str]:
    m = SDIST_RE.match(sdist.name)
    if not m:
        raise SystemExit(f"{sdist}: not an sdist file name")
    return {
        "version": m["version"],
        "sha256": hashlib.sha256(sdist.read_bytes()).hexdigest(),
        "filename": sdist.name,
    }


def render(text: str, want: dict[str, str]) -> str:
    text = re.sub(r"(?m)^(  version: ).*$", rf"\g<1>{want['version']}", text, count=1)
    text = re.sub(r"(?m)^(  sha256: ).*$", rf"\g<1>{want['sha256']}", text, count=1)
    text = re.sub(r"(?m)^(  url: .*/)[^/\s]+\.tar\.gz$", rf"\g<1>{want['filename']}", text, count=1)
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    parser.add_argument("recipe", type=Path)
    parser.add_argument("sdist", type=Path)
    args = parser.parse_args()
    old = args.recipe.read_text(encoding="utf-8")
    new = render(old, expected(args.sdist))
    if args.check:
        if new != old:
            print(f"{args.recipe} is stale for {args.sdist}: run `make recipe`", file=sys.stderr)
            return 1
        return 0
    if new != old:
        args.recipe.write_text(new, encoding="utf-8")
        print(f"{args.recipe}: updated for {args.sdist.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
