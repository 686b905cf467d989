"""The JupyterLite build addon that serves fastmath from the site itself.

`post_build` (after the Pyodide addon has copied `static/pyodide/` into the output):

- ``lock``: copies the fastmath wheel (and every wheel in ``lock_wheels``) beside the served
  Pyodide and writes its entry, with the file's real sha256, into the served
  ``static/pyodide/pyodide-lock.json``. The Pyodide kernel calls ``loadPackagesFromImports`` before
  each cell, so ``import fastmath`` needs no ``%pip``.
- ``piplite``: copies a fastmath wheel (the universal one when bundled) into ``pypi-fastmath/``
  with a Warehouse-like ``all.json`` and adds that index to the kernel's ``pipliteUrls``:
  ``%pip install fastmath-wasm``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path
from typing import ClassVar

from jupyterlite_core.constants import JUPYTERLITE_JSON, UTF8
from jupyterlite_pyodide_kernel.addons._base import _BaseAddon
from jupyterlite_pyodide_kernel.addons.piplite import write_wheel_index
from jupyterlite_pyodide_kernel.constants import PIPLITE_URLS, PYODIDE, PYODIDE_LOCK
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename
from traitlets import List, Unicode

BUNDLED_WHEELS = Path(__file__).parent / "wheels"
INDEX_DIR = "pypi-fastmath"
NATIVE_TAGS = ("pyemscripten_", "pyodide_", "emscripten_")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wheel_metadata(wheel: Path) -> tuple[str, list[str]]:
    """The METADATA text and the top-level import names of a wheel."""
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        meta = next(n for n in names if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
        metadata = zf.read(meta).decode("utf-8")
        top_level = next((n for n in names if n.endswith(".dist-info/top_level.txt")), None)
        if top_level:
            imports = zf.read(top_level).decode("utf-8").split()
        else:
            imports = sorted(
                {
                    n.split("/")[0].removesuffix(".py")
                    for n in names
                    if not n.split("/")[0].endswith((".dist-info", ".data"))
                    and (("/" in n) or n.endswith(".py"))
                }
            )
    return metadata, [i for i in imports if not i.startswith("_") or i == "_pytest"]


def runtime_depends(metadata: str, python_version: str) -> list[str]:
    """Names of the wheel's dependencies that apply inside Pyodide (no extras)."""
    env = default_environment()
    env.update(
        sys_platform="emscripten",
        platform_system="Emscripten",
        platform_machine="wasm32",
        os_name="posix",
        implementation_name="cpython",
        platform_python_implementation="CPython",
        python_version=".".join(python_version.split(".")[:2]),
        python_full_version=python_version,
        extra="",
    )
    deps = []
    for line in metadata.splitlines():
        if not line.startswith("Requires-Dist:"):
            continue
        req = Requirement(line.split(":", 1)[1].strip())
        if req.marker is None or req.marker.evaluate(env):
            deps.append(canonicalize_name(req.name))
    return sorted(set(deps))


def is_native(wheel: Path) -> bool:
    return any(tag in wheel.name for tag in NATIVE_TAGS)


class FastmathAddon(_BaseAddon):
    """Serve fastmath from the site's own Pyodide lock and piplite index."""

    __all__: ClassVar[list[str]] = ["post_build"]

    wheels = List(
        Unicode(),
        help="fastmath wheels to serve (default: the ones bundled in jupyterlite_fastmath/wheels)",
    ).tag(config=True)

    lock_wheels = List(
        Unicode(),
        help="directories of extra pure-Python wheels to add to the served pyodide-lock.json",
    ).tag(config=True)

    aliases: ClassVar[dict[str, str]] = {"fastmath-lock-wheels": "FastmathAddon.lock_wheels"}

    def fastmath_wheels(self) -> list[Path]:
        paths = [Path(w) for w in self.wheels] or sorted(BUNDLED_WHEELS.glob("fastmath_wasm-*.whl"))
        for path in paths:
            if not path.is_file():
                raise FileNotFoundError(path)
        if not paths:
            raise FileNotFoundError(f"no fastmath wheel bundled in {BUNDLED_WHEELS}")
        return paths

    def extra_lock_wheels(self) -> list[Path]:
        found = []
        for folder in self.lock_wheels:
            found += sorted((self.manager.lite_dir / folder).resolve().glob("*.whl"))
        return found

    @property
    def output_pyodide(self) -> Path:
        return self.manager.output_dir / "static" / PYODIDE

    def post_build(self, manager):
        wheels = self.fastmath_wheels()
        # The lock (this site's own Pyodide) gets the native wheel built for it; the piplite index,
        # which matters where Pyodide is not this site's own, gets the universal wheel when there
        # is one. A Warehouse-like index holds one file per version here: choose, don't let sort
        # order decide.
        lock_wheel = next((w for w in wheels if is_native(w)), wheels[0])
        index_wheel = next((w for w in wheels if not is_native(w)), wheels[0])
        yield self.task(
            name="lock",
            doc="add fastmath (and the kernel's wheels) to the served pyodide-lock.json",
            file_dep=[lock_wheel, *self.extra_lock_wheels()],
            uptodate=[False],
            actions=[(self.patch_lock, [[*self.extra_lock_wheels(), lock_wheel]])],
        )
        yield self.task(
            name="piplite",
            doc="serve the fastmath wheels from the site's own piplite index",
            file_dep=[index_wheel],
            uptodate=[False],
            actions=[(self.write_index, [[index_wheel], manager.output_dir / JUPYTERLITE_JSON])],
        )

    def patch_lock(self, wheels: list[Path]) -> None:
        lock_path = self.output_pyodide / PYODIDE_LOCK
        if not lock_path.exists():
            # Pyodide comes from a CDN: its lock cannot list fastmath; `%pip install` still works.
            self.log.warning(
                f"[fastmath] {lock_path} not found: put a Pyodide distribution in the lite dir's"
                " static/pyodide/ to make `import fastmath` work without %pip"
            )
            return
        lock = json.loads(lock_path.read_text(**UTF8))
        python_version = lock["info"]["python"]
        packages = lock["packages"]
        touched = []
        for wheel in wheels:
            name, version, _, _ = parse_wheel_filename(wheel.name)
            metadata, imports = wheel_metadata(wheel)
            depends = runtime_depends(metadata, python_version)
            shutil.copy2(wheel, self.output_pyodide / wheel.name)
            entry = packages.get(name)
            if entry is not None:
                if entry["version"] != str(version):
                    raise ValueError(
                        f"{wheel.name}: the Pyodide lock pins {name}=={entry['version']}; "
                        "pin the same version"
                    )
                depends = sorted({*map(canonicalize_name, entry["depends"]), *depends})
            else:
                entry = {
                    "name": name,
                    "version": str(version),
                    "imports": imports,
                    "install_dir": "site",
                    "package_type": "package",
                    "unvendored_tests": False,
                    "tool": {},
                }
            entry.update(file_name=wheel.name, sha256=sha256_of(wheel), depends=depends)
            packages[name] = entry
            touched.append(entry)
            self.log.info(f"[fastmath] lock: {name} {version} -> {wheel.name}")
        missing = sorted(
            {d for e in touched for d in e["depends"] if canonicalize_name(d) not in packages}
        )
        if missing:
            raise ValueError(f"served lock has dependencies with no entry: {missing}")
        lock_path.write_text(json.dumps(lock, indent=1, sort_keys=True), **UTF8)

    def write_index(self, wheels: list[Path], jupyterlite_json: Path) -> None:
        index_dir = self.manager.output_dir / INDEX_DIR
        if index_dir.exists():
            shutil.rmtree(index_dir)
        index_dir.mkdir(parents=True)
        for wheel in wheels:
            shutil.copy2(wheel, index_dir / wheel.name)
        index = write_wheel_index(index_dir)
        url = f"./{INDEX_DIR}/all.json"
        settings = self.get_pyodide_settings(jupyterlite_json)
        urls = [u for u in settings.get(PIPLITE_URLS, []) if u.split("?")[0] != url]
        settings[PIPLITE_URLS] = [*urls, f"{url}?sha256={sha256_of(index)}"]
        self.set_pyodide_settings(jupyterlite_json, settings)
        self.log.info(f"[fastmath] piplite index: {index.relative_to(self.manager.output_dir)}")
