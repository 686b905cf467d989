"""Writes a static package index of the fastmath wheels (PEP 503 HTML; PEP 691 JSON beside it).

usage: python tools/simple_index.py SIMPLE_DIR WHEEL...

    SIMPLE_DIR/index.html                       the project list
    SIMPLE_DIR/<project>/index.html             PEP 503: one anchor per file, `#sha256=` and
                                                `data-requires-python`
    SIMPLE_DIR/<project>/index.v1.json          PEP 691 JSON of the same (for a server that
                                                negotiates `application/vnd.pypi.simple.v1+json`)
    SIMPLE_DIR/<project>/<wheel>                the wheels themselves, so every link is relative

Served as static files, `micropip.install("fastmath-wasm", index_urls=[".../simple"])` reads
`.../simple/fastmath-wasm/` (the directory's index.html) and picks the wheel for its interpreter:
the native one on Pyodide 314, the universal one on 0.28. Links are relative to the project
page (PEP 503), so the site can live under any path; micropip 0.9 (Pyodide 0.27) resolves them
against the host's root instead and 0.6 (0.26) not at all: there, install the wheel by URL.
"""

import hashlib
import html
import json
import shutil
import sys
import zipfile
from email.parser import HeaderParser
from pathlib import Path

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


def write(simple: Path, wheels: list[Path]) -> None:
    if simple.exists():
        shutil.rmtree(simple)
    projects: dict[str, list[Path]] = {}
    for wheel in wheels:
        name = canonicalize_name(parse_wheel_filename(wheel.name)[0])
        projects.setdefault(name, []).append(wheel)
    simple.mkdir(parents=True)
    listing = [f'<a href="{name}/">{name}</a>' for name in sorted(projects)]
    (simple / "index.html").write_text(page("Simple index", listing), encoding="utf-8")
    for name, files in sorted(projects.items()):
        folder = simple / name
        folder.mkdir()
        links, entries, versions = [], [], set()
        for wheel in sorted(files, key=lambda w: w.name):
            shutil.copyfile(wheel, folder / wheel.name)
            digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
            rp = requires_python(wheel)
            attr = f' data-requires-python="{html.escape(rp)}"' if rp else ""
            links.append(f'<a href="{wheel.name}#sha256={digest}"{attr}>{wheel.name}</a>')
            entry = {"filename": wheel.name, "url": wheel.name, "hashes": {"sha256": digest}}
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
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    simple, wheels = Path(sys.argv[1]), [Path(w) for w in sys.argv[2:]]
    write(simple, wheels)
    print(f"{simple}: {', '.join(w.name for w in wheels)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
