"""The JupyterLite build addon that serves fastmath from the site itself.

`post_build` (after the Pyodide addon has copied `static/pyodide/` into the output):

- ``lock``: the Pyodide kernel calls ``loadPackagesFromImports`` before each cell, so an entry
  ``fastmath-wasm`` with ``imports: ["fastmath"]`` in the lock Pyodide loads makes
  ``import fastmath`` work with no ``%pip``. Which lock that is depends on where Pyodide comes from:

  - the site's own ``static/pyodide/``: the fastmath wheel (and every wheel in ``lock_wheels``) is
    copied beside it and its entry, with the file's real sha256, written into its lock;
  - a CDN (``pyodideUrl`` an absolute URL, or the kernel's default): the site cannot edit the
    CDN's lock, so it serves its own copy, ``static/fastmath-lock/pyodide-lock.json``: the CDN's
    entries with ``file_name`` made absolute URLs back to the CDN, plus fastmath's entry for the
    wheel served beside it, and points the kernel at it with ``loadPyodideOptions.lockFileURL``.
    The CDN's lock is read at build time from the CDN, or from ``cdn_lock`` (an offline copy).

  Either way the lock's Pyodide decides the wheel: the native one when its tags match the lock's
  Python and ABI, else the universal one.
- ``piplite``: copies a fastmath wheel (the universal one when bundled) into ``pypi-fastmath/``
  with a Warehouse-like ``all.json`` and adds that index to the kernel's ``pipliteUrls``:
  ``%pip install fastmath-wasm``.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import urllib.request
import zipfile
from pathlib import Path
from typing import ClassVar

from jupyterlite_core.constants import JUPYTERLITE_JSON, UTF8
from jupyterlite_pyodide_kernel.addons._base import _BaseAddon
from jupyterlite_pyodide_kernel.addons.piplite import write_wheel_index
from jupyterlite_pyodide_kernel.constants import (
    LOAD_PYODIDE_OPTIONS,
    OPTION_LOCK_FILE_URL,
    PIPLITE_URLS,
    PYODIDE,
    PYODIDE_CDN_URL,
    PYODIDE_LOCK,
    PYODIDE_MJS,
    PYODIDE_URL,
)
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename
from traitlets import List, Unicode

BUNDLED_WHEELS = Path(__file__).parent / "wheels"
INDEX_DIR = "pypi-fastmath"
CDN_LOCK_DIR = "static/fastmath-lock"
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


def wheel_for_lock(wheels: list[Path], info: dict) -> Path:
    """The wheel that runs on the lock's Pyodide: native if built for exactly its Python and
    ABI (``info``: the lock's ``python``, ``abi_version``, ``arch``), else the universal one."""
    python = "cp" + "".join(info["python"].split(".")[:2])
    arch = info.get("arch", "wasm32")
    platforms = {f"{info.get('platform')}_{arch}"}
    if info.get("abi_version"):
        abi = info["abi_version"]
        platforms |= {f"pyemscripten_{abi}_{arch}", f"pyodide_{abi}_{arch}"}
    for wheel in wheels:
        tags = parse_wheel_filename(wheel.name)[3]
        if is_native(wheel) and any(
            t.interpreter == python and t.platform in platforms for t in tags
        ):
            return wheel
    universal = [w for w in wheels if not is_native(w)]
    if not universal:
        raise ValueError(
            f"no fastmath wheel for Python {info['python']} (ABI {info.get('abi_version')}):"
            f" only {', '.join(w.name for w in wheels)}"
        )
    return universal[0]


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

    aliases: ClassVar[dict[str, str]] = {
        "fastmath-lock-wheels": "FastmathAddon.lock_wheels",
        "fastmath-cdn-lock": "FastmathAddon.cdn_lock",
    }

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

    cdn_lock = Unicode(
        "",
        help="where Pyodide comes from a CDN: an offline copy of the CDN's pyodide-lock.json"
        " (default: read it from the CDN at build time)",
    ).tag(config=True)

    def post_build(self, manager):
        wheels = self.fastmath_wheels()
        # The piplite index, which matters where Pyodide is not this site's own, gets the universal
        # wheel when there is one. A Warehouse-like index holds one file per version here: choose,
        # don't let sort order decide. The lock gets the wheel its Pyodide runs (wheel_for_lock).
        index_wheel = next((w for w in wheels if not is_native(w)), wheels[0])
        jupyterlite_json = manager.output_dir / JUPYTERLITE_JSON
        yield self.task(
            name="lock",
            doc="make fastmath (and the kernel's wheels) importable from the lock Pyodide loads",
            file_dep=[*wheels, *self.extra_lock_wheels()],
            uptodate=[False],
            actions=[(self.serve_lock, [self.extra_lock_wheels(), wheels, jupyterlite_json])],
        )
        yield self.task(
            name="piplite",
            doc="serve the fastmath wheels from the site's own piplite index",
            file_dep=[index_wheel],
            uptodate=[False],
            actions=[(self.write_index, [[index_wheel], jupyterlite_json])],
        )

    def serve_lock(self, extra: list[Path], wheels: list[Path], jupyterlite_json: Path) -> None:
        lock_path = self.output_pyodide / PYODIDE_LOCK
        if lock_path.exists():
            lock = json.loads(lock_path.read_text(**UTF8))
            self.add_entries(lock, [*extra, wheel_for_lock(wheels, lock["info"])], lock_path.parent)
            lock_path.write_text(json.dumps(lock, indent=1, sort_keys=True), **UTF8)
            return
        self.serve_cdn_lock(wheels, jupyterlite_json)

    def serve_cdn_lock(self, wheels: list[Path], jupyterlite_json: Path) -> None:
        """Pyodide comes from a CDN: serve a copy of its lock with fastmath's entry added."""
        settings = self.get_pyodide_settings(jupyterlite_json)
        pyodide_url = settings.get(PYODIDE_URL) or f"{PYODIDE_CDN_URL}/{PYODIDE_MJS}"
        if not re.match(r"^https?://", pyodide_url):
            raise ValueError(
                f"pyodideUrl {pyodide_url!r} is neither this site's static/pyodide/ nor an absolute"
                " URL: no Pyodide lock to serve fastmath from"
            )
        cdn = pyodide_url.rsplit("/", 1)[0] + "/"
        if self.cdn_lock:
            lock = json.loads((self.manager.lite_dir / self.cdn_lock).read_text(**UTF8))
        else:
            with urllib.request.urlopen(cdn + PYODIDE_LOCK) as response:
                lock = json.loads(response.read().decode("utf-8"))
        for entry in lock["packages"].values():
            if not re.match(r"^https?://", entry["file_name"]):
                entry["file_name"] = cdn + entry["file_name"]
        if self.lock_wheels:
            self.log.info("[fastmath] lock_wheels ignored: the CDN serves the kernel's wheels")
        out = self.manager.output_dir / CDN_LOCK_DIR
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        # fastmath's file_name stays relative: Pyodide resolves it against the lock's own URL.
        self.add_entries(lock, [wheel_for_lock(wheels, lock["info"])], out)
        (out / PYODIDE_LOCK).write_text(json.dumps(lock, indent=1, sort_keys=True), **UTF8)
        options = settings.setdefault(LOAD_PYODIDE_OPTIONS, {})
        options[OPTION_LOCK_FILE_URL] = f"./{CDN_LOCK_DIR}/{PYODIDE_LOCK}"
        self.set_pyodide_settings(jupyterlite_json, settings)
        self.log.info(f"[fastmath] lock for the CDN Pyodide {cdn}: {CDN_LOCK_DIR}/{PYODIDE_LOCK}")

    def add_entries(self, lock: dict, wheels: list[Path], folder: Path) -> None:
        """Copy `wheels` into `folder` (where the lock is served) and write their lock entries."""
        python_version = lock["info"]["python"]
        packages = lock["packages"]
        touched = []
        for wheel in wheels:
            name, version, _, _ = parse_wheel_filename(wheel.name)
            metadata, imports = wheel_metadata(wheel)
            depends = runtime_depends(metadata, python_version)
            shutil.copy2(wheel, folder / wheel.name)
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
