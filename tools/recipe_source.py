"""Unpack the sdist into the directory the Pyodide recipe builds from (its `source: path:`).

usage: python tools/recipe_source.py dist/fastmath_wasm-X.Y.Z.tar.gz build/recipe-src

The sdist's single top-level folder (`fastmath_wasm-X.Y.Z/`) is stripped, so the recipe's path
does not change with the version. The folder is replaced whole: nothing of an older sdist stays.
"""

import shutil
import sys
import tarfile
import tempfile
from pathlib import Path


def unpack(sdist: Path, dest: Path) -> None:
    top = sdist.name.removesuffix(".tar.gz")
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest.parent) as tmp, tarfile.open(sdist) as tar:
        names = {m.name.split("/")[0] for m in tar.getmembers()}
        if names != {top}:
            raise SystemExit(
                f"{sdist}: expected one top-level folder {top}/, found {sorted(names)}"
            )
        tar.extractall(tmp, filter="data")
        if dest.exists():
            shutil.rmtree(dest)
        (Path(tmp) / top).rename(dest)


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    sdist, dest = Path(sys.argv[1]), Path(sys.argv[2])
    unpack(sdist, dest)
    print(f"{dest}: unpacked {sdist.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
