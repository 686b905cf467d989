"""Prepare the offline Pyodide dist dirs that the in-Pyodide tests (tests/pyodide) run in.

The npm package `pyodide` holds only the runtime and a pyodide-lock.json naming ~300 packages
whose wheels it does not ship; asking for any of them makes Pyodide fall back to its CDN, which
is unreachable here (and must never be used by the tests). So for each [[config]] of
tests/pyodide/configs.toml this builds `build/pyodide-test/<name>/` with:

- the runtime files copied (not symlinked: node resolves symlinks, and Pyodide would then read
  the lock next to the real file in node_modules);
- the pinned pure-Python wheels of its Pyodide's `wheels` file (exact versions, sha256 checked
  by pip; a local cache under build/pyodide-wheels/ makes re-runs offline);
- the fastmath wheel under test;
- a pyodide-lock.json listing exactly those wheels and nothing else. Every entry whose wheel is
  absent is dropped, so a missing package is an immediate "unknown package" error instead of a
  silent CDN attempt. `depends` is recomputed from each wheel's own metadata for this Pyodide's
  Python, which also cuts stale lock entries (pytest's lists atomicwrites, py, six, ...).

Subcommands:
  prepare [NAME ...]   build the dist dir of each (or every) [[config]]
  pin KEY              rewrite the wheels file of [pyodide.KEY] from its `packages` list
                       (downloads from PyPI; run by hand when changing pins)
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from email.parser import HeaderParser
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = ROOT / "tests" / "pyodide" / "configs.toml"
OUT = ROOT / "build" / "pyodide-test"
WHEEL_CACHE = ROOT / "build" / "pyodide-wheels"


def load_configs() -> dict:
    return tomllib.loads(CONFIGS.read_text())


def pick(configs: list[dict], names: list[str]) -> list[dict]:
    known = {c["name"]: c for c in configs}
    unknown = [n for n in names if n not in known]
    if unknown:
        sys.exit(f"unknown configuration(s) {unknown}; known: {sorted(known)}")
    return [known[n] for n in names] if names else configs


def read_lock(pyodide_dir: Path) -> dict:
    return json.loads((pyodide_dir / "pyodide-lock.json").read_text())


def python_version(lock: dict) -> str:
    """'3.14.2' -> '3.14' (what pip's --python-version wants)."""
    return ".".join(lock["info"]["python"].split(".")[:2])


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pip_download(args: list[str], dest: Path, pyver: str) -> None:
    """pip download of wheels for Pyodide's Python: pure-Python wheels only (`--implementation py`
    rules out any compiled wheel, which could not load in Pyodide anyway)."""
    cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
    cmd += ["--only-binary=:all:", "--implementation", "py", "--python-version", pyver]
    subprocess.run([*cmd, "--dest", str(dest), *args], check=True)


# --- pin -----------------------------------------------------------------------------------------


def pin(key: str, runtime: dict) -> None:
    lock = read_lock(ROOT / runtime["npm"])
    specs = []
    for item in runtime["packages"]:
        req = Requirement(item)
        if not req.specifier:
            entry = lock["packages"].get(canonicalize_name(req.name))
            if entry is None:
                sys.exit(f"{req.name} is not in the Pyodide lock: pin it as name==version")
            specs.append(f"{req.name}=={entry['version']}")
        else:
            specs.append(item)
    with tempfile.TemporaryDirectory() as tmp:
        pip_download(specs, Path(tmp), python_version(lock))
        wheels = sorted(Path(tmp).glob("*.whl"))
        lines = [
            f"# Pure-Python wheels for the in-Pyodide tests in {runtime['npm']}"
            f" (Python {lock['info']['python']}).",
            f"# Written by 'tools/pyodide_test_dist.py pin {key}' from the `packages` of"
            f' [pyodide."{key}"] in tests/pyodide/configs.toml.',
            "# Exact versions and sha256 of the PyPI files; pip checks them on download.",
        ]
        for wheel in wheels:
            name, version, _, _ = parse_wheel_filename(wheel.name)
            lines.append(f"{name}=={version} --hash=sha256:{sha256(wheel)}")
    target = ROOT / runtime["wheels"]
    target.write_text("\n".join(lines) + "\n")
    print(f"wrote {target.relative_to(ROOT)} ({len(wheels)} wheels)")


# --- prepare -------------------------------------------------------------------------------------


def parse_wheels_file(path: Path) -> list[tuple[str, str, set[str]]]:
    """(name, version, sha256 set) per line of a `name==version --hash=sha256:...` file."""
    pins = []
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        spec, *opts = line.split()
        name, _, version = spec.partition("==")
        hashes = {o.removeprefix("--hash=sha256:") for o in opts if o.startswith("--hash=sha256:")}
        if not version or not hashes:
            sys.exit(f"{path}: '{raw}' is not an exact, hashed pin")
        pins.append((canonicalize_name(name), version, hashes))
    return pins


def cached_wheel(cache: Path, name: str, version: str, hashes: set[str]) -> Path | None:
    for candidate in cache.glob("*.whl"):
        wname, wversion, _, _ = parse_wheel_filename(candidate.name)
        if wname == name and str(wversion) == version and sha256(candidate) in hashes:
            return candidate
    return None


def fetch_wheels(runtime: dict, pyver: str) -> list[Path]:
    """The pinned wheels, from the local cache when they are there (so a re-run needs no
    network), else downloaded by pip with --require-hashes."""
    wheels_file = ROOT / runtime["wheels"]
    pins = parse_wheels_file(wheels_file)
    cache = WHEEL_CACHE / wheels_file.stem
    cache.mkdir(parents=True, exist_ok=True)
    if any(cached_wheel(cache, *p) is None for p in pins):
        pip_download(["--require-hashes", "-r", str(wheels_file)], cache, pyver)
    found = [cached_wheel(cache, *p) for p in pins]
    missing = [p[0] for p, f in zip(pins, found, strict=True) if f is None]
    if missing:
        sys.exit(f"pip did not deliver wheels matching the pins for {missing}")
    return found  # type: ignore[return-value]


def wheel_metadata(wheel: Path) -> tuple[str, str, list[str], list[str]]:
    """(name, version, Requires-Dist lines, top-level import names) of a wheel."""
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = HeaderParser().parsestr(zf.read(meta_name).decode())
        tops = set()
        for n in names:
            first = n.split("/", 1)[0]
            if first.endswith((".dist-info", ".data")):
                continue
            if "/" in n:
                tops.add(first)
            elif n.endswith(".py"):
                tops.add(n[:-3])
            elif ".cpython-" in n or n.endswith(".so"):
                tops.add(n.split(".", 1)[0])
    return meta["Name"], meta["Version"], meta.get_all("Requires-Dist") or [], sorted(tops)


def marker_env(lock: dict) -> dict[str, str]:
    """PEP 508 marker values of the Pyodide interpreter this lock describes."""
    full = lock["info"]["python"]
    return {
        "python_version": python_version(lock),
        "python_full_version": full,
        "implementation_name": "cpython",
        "implementation_version": full,
        "platform_python_implementation": "CPython",
        "platform_system": "Emscripten",
        "platform_machine": "wasm32",
        "sys_platform": "emscripten",
        "os_name": "posix",
        "extra": "",
    }


def lock_entry(wheel: Path, lock: dict) -> dict:
    name, version, requires, tops = wheel_metadata(wheel)
    key = canonicalize_name(name)
    env = marker_env(lock)
    depends = sorted(
        {
            canonicalize_name(r.name)
            for r in map(Requirement, requires)
            if r.marker is None or r.marker.evaluate(env)
        }
    )
    upstream = lock["packages"].get(key, {})
    return {
        "name": key,
        "version": version,
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": sha256(wheel),
        "package_type": "package",
        "imports": upstream.get("imports") or tops,
        "depends": depends,
        "unvendored_tests": False,
        "shared_library": False,
    }


def prepare(config: dict, runtime: dict) -> None:
    pyodide_dir = ROOT / runtime["npm"]
    lock = read_lock(pyodide_dir)
    matches = sorted(glob.glob(str(ROOT / config["fastmath"])))
    if len(matches) != 1:
        sys.exit(f"{config['name']}: fastmath glob {config['fastmath']} matched {matches}")
    wheels = [*fetch_wheels(runtime, python_version(lock)), Path(matches[0])]

    out = OUT / config["name"]
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for f in pyodide_dir.iterdir():
        if f.is_file() and f.name != "pyodide-lock.json":
            shutil.copy2(f.resolve(), out / f.name)
    packages = {}
    for wheel in wheels:
        shutil.copy2(wheel, out / wheel.name)
        entry = lock_entry(out / wheel.name, lock)
        packages[entry["name"]] = entry

    unmet = {
        f"{name} -> {dep}"
        for name, entry in packages.items()
        for dep in entry["depends"]
        if dep not in packages
    }
    if unmet:
        sys.exit(f"{config['name']}: dependencies without a pinned wheel: {sorted(unmet)}")
    new_lock = {"info": lock["info"], "packages": dict(sorted(packages.items()))}
    (out / "pyodide-lock.json").write_text(json.dumps(new_lock, indent=2) + "\n")
    listing = ", ".join(f"{e['name']} {e['version']}" for e in new_lock["packages"].values())
    print(f"{out}: Pyodide {lock['info']['python']}; {listing}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_prepare = sub.add_parser("prepare", help="build the dist dir of each configuration")
    p_prepare.add_argument("names", nargs="*", help="configurations (default: all)")
    p_pin = sub.add_parser("pin", help="rewrite the pinned wheels file of a Pyodide version")
    p_pin.add_argument("key", help="key of a [pyodide.<key>] table")
    args = parser.parse_args()
    data = load_configs()
    if args.cmd == "pin":
        if args.key not in data["pyodide"]:
            sys.exit(f"no [pyodide.{args.key}] in {CONFIGS}; known: {sorted(data['pyodide'])}")
        pin(args.key, data["pyodide"][args.key])
    else:
        for config in pick(data["config"], args.names):
            prepare(config, data["pyodide"][config["pyodide"]])


if __name__ == "__main__":
    main()
