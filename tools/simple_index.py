"""Writes a static package index of the fastmath wheels (PEP 503 HTML; PEP 691 JSON beside it).

usage: python tools/simple_index.py [--base-url URL] SIMPLE_DIR WHEEL...

    SIMPLE_DIR/index.html                       the project list
    SIMPLE_DIR/<project>/index.html             PEP 503: one anchor per file, `#sha256=` and
                                                `data-requires-python`
    SIMPLE_DIR/<project>/index.v1.json          PEP 691 JSON of the same (for a server that
                                                negotiates `application/vnd.pypi.simple.v1+json`)
    SIMPLE_DIR/<project>/<wheel>                the wheels themselves

Served as static files, `micropip.install("fastmath-wasm", index_urls=[".../simple"])` reads
`.../simple/fastmath-wasm/` (the directory's index.html) and picks the wheel for its interpreter:
the native one on Pyodide 314, the universal one on 0.26-0.28. How far that works depends on the
links and on each micropip's way of resolving them:

    links                     micropip 0.10+       0.9 (Pyodide 0.27)     0.6 (Pyodide 0.26)
                              (0.28, 314)
    relative (the default)    the project page     the host's root: 404   not resolved: fails
    absolute (--base-url)     as written           as written             as written

So an index deployed for every supported Pyodide is written with `--base-url`, the public URL
SIMPLE_DIR will be served at (e.g. `https://example.org/fastmath/simple/`); every link is then
that URL plus `<project>/...`. Without it the links are relative (PEP 503), the site can live
under any path, and only Pyodide 0.28 and later install by name (older: by the wheel's URL).
Pyodide 0.26 (micropip 0.6) also wants the project page served as exactly `text/html`: it
rejects `text/html; charset=utf-8`, which some static hosts send (a plain nginx and
`python -m http.server` send `text/html`). micropip reads the HTML page in all versions: a
static host serves index.v1.json as `application/json`, which micropip takes for the PyPI JSON
API, not PEP 691.
"""

import argparse
import hashlib
import html
import json
import shutil
import sys
import zipfile
from email.parser import HeaderParser
from pathlib import Path
from urllib.parse import urlsplit

from packaging.utils import canonicalize_name, parse_wheel_filename


def requires_python(wheel: Path) -> str | None:
    with zipfile.ZipFile(wheel) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        return HeaderParser().parsestr(zf.read(meta).decode())["Requires-Python"]


def page(title: str, links: list[str]) -> str:
    body = "\n".join(f"    {link}<br>" for link in links)
    head = '<meta name="pypi:repository-version" content="1.1">'
    return (
        f"<!DOCTYPE html>\n<html>\n  <head>\n    {head}\n"
        f"    <title>{html.escape(title)}</title>\n  </head>\n"
        f"  <body>\n{body}\n  </body>\n</html>\n"
    )


def absolute_base(url: str) -> str:
    """The --base-url as the prefix of every link; a relative one would bring back the
    resolution differences it exists to avoid."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"--base-url must be an absolute http(s) URL, got {url!r}")
    if parts.query or parts.fragment:
        raise ValueError(f"--base-url must have no query or fragment, got {url!r}")
    return url if url.endswith("/") else url + "/"


def write(simple: Path, wheels: list[Path], base_url: str = "") -> None:
    """Links are `base_url` + their path below `simple`; "" gives PEP 503's relative links."""
    if simple.exists():
        shutil.rmtree(simple)
    projects: dict[str, list[Path]] = {}
    for wheel in wheels:
        name = canonicalize_name(parse_wheel_filename(wheel.name)[0])
        projects.setdefault(name, []).append(wheel)
    simple.mkdir(parents=True)
    listing = [f'<a href="{html.escape(base_url + name)}/">{name}</a>' for name in sorted(projects)]
    (simple / "index.html").write_text(page("Simple index", listing), encoding="utf-8")
    for name, files in sorted(projects.items()):
        folder = simple / name
        folder.mkdir()
        prefix = f"{base_url}{name}/" if base_url else ""
        links, entries, versions = [], [], set()
        for wheel in sorted(files, key=lambda w: w.name):
            shutil.copyfile(wheel, folder / wheel.name)
            digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
            rp = requires_python(wheel)
            attr = f' data-requires-python="{html.escape(rp)}"' if rp else ""
            url = prefix + wheel.name
            links.append(f'<a href="{html.escape(url)}#sha256={digest}"{attr}>{wheel.name}</a>')
            entry = {"filename": wheel.name, "url": url, "hashes": {"sha256": digest}}
            if rp:
                entry["requires-python"] = rp
            entries.append(entry)
            versions.add(str(parse_wheel_filename(wheel.name)[1]))
        (folder / "index.html").write_text(page(f"Links for {name}", links), encoding="utf-8")
        pep691 = {
            "meta": {"api-version": "1.1"},
            "name": name,
            "versions": sorted(versions),
            "files": entries,
        }
        (folder / "index.v1.json").write_text(json.dumps(pep691, indent=1) + "\n", "utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n", 1)[0], epilog="See the module's doc for --base-url."
    )
    parser.add_argument("--base-url", default="", help="public URL SIMPLE_DIR is served at")
    parser.add_argument("simple", type=Path, metavar="SIMPLE_DIR")
    parser.add_argument("wheels", type=Path, nargs="+", metavar="WHEEL")
    args = parser.parse_args()
    try:
        base_url = absolute_base(args.base_url) if args.base_url else ""
    except ValueError as e:
        parser.error(str(e))
    write(args.simple, args.wheels, base_url)
    print(f"{args.simple}: {', '.join(w.name for w in args.wheels)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
