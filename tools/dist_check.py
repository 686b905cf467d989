"""Checks that the artefacts in dist/ are ready for the package index (`make dist-check`).

usage: python tools/dist_check.py --version X.Y.Z [--dist dist] [--no-install]

- `twine check --strict` of every wheel and the sdist: metadata valid, long description (the
  package README) renders;
- each wheel's WHEEL tags are its file name's, RECORD lists every file with its sha256, METADATA
  names `fastmath-wasm` at this version with the expected Requires-Python (the universal wheel:
  the oldest Python it is tested on, among the npm Pyodides and the host's CPython, where
  `make test-wasmtime` runs it) and Requires-Dist (the universal wheel: wasmtime outside
  Emscripten only; the others: nothing), and the license files are in
  `.dist-info/licenses/`, named by License-File;
- the sdist holds PKG-INFO, pyproject.toml, Cargo.lock and the license files;
- reproducible: each artefact built a second time is byte-identical (rebuild_and_compare);
- the sdist really builds: a clean venv (no index; maturin, the build backend, from the wheelhouse
  tools/setup.sh filled from requirements/sdist-build.txt) installs it and runs
  tests/release/smoke.py. Cargo runs offline from its cache, in the workspace's target dir
  (target/debug, cargo's dev profile: a quick compile, and some crates are already built).
"""

import argparse
import base64
import csv
import glob
import hashlib
import io
import json
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from email.parser import HeaderParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME, DIST_NAME = "fastmath-wasm", "fastmath_wasm"
LICENSES = ("LICENSE-MIT", "LICENSE-APACHE")
WHEELHOUSE = ROOT / ".venv" / "wheelhouse"


class Failures(list):
    def check(self, ok: bool, what: str) -> None:
        if not ok:
            self.append(what)


def tested_pythons() -> list[str]:
    """Python versions of the npm Pyodides package.json pins (the universal wheel's test matrix)."""
    dev = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    versions = []
    for alias in sorted(a for a in dev if a == "pyodide" or a.startswith("pyodide-")):
        lock = json.loads((ROOT / "node_modules" / alias / "pyodide-lock.json").read_text("utf-8"))
        versions.append(lock["info"]["python"])
    return versions


def min_python(versions: list[str]) -> str:
    lowest = min(tuple(int(p) for p in v.split(".")[:2]) for v in versions)
    return ">=" + ".".join(map(str, lowest))


def record_digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def check_wheel(
    wheel: Path, version: str, requires_python: str, bad: Failures, requires_dist=()
) -> None:
    stem = wheel.name.removesuffix(".whl")
    name, ver, *tags = stem.split("-")
    bad.check(name == DIST_NAME and ver == version, f"{wheel.name}: file name")
    want_tags = {
        f"{py}-{abi}-{plat}"
        for py in tags[0].split(".")
        for abi in tags[1].split(".")
        for plat in tags[2].split(".")
    }
    info = f"{DIST_NAME}-{version}.dist-info"
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        wheel_meta = HeaderParser().parsestr(zf.read(f"{info}/WHEEL").decode())
        bad.check(set(wheel_meta.get_all("Tag")) == want_tags, f"{wheel.name}: WHEEL Tag")
        meta = HeaderParser().parsestr(zf.read(f"{info}/METADATA").decode())
        bad.check(meta["Name"] == NAME, f"{wheel.name}: Name {meta['Name']}")
        bad.check(meta["Version"] == version, f"{wheel.name}: Version {meta['Version']}")
        got = meta["Requires-Python"]
        bad.check(
            got == requires_python, f"{wheel.name}: Requires-Python {got}, want {requires_python}"
        )
        got = tuple(meta.get_all("Requires-Dist") or ())
        bad.check(got == requires_dist, f"{wheel.name}: Requires-Dist {got}, want {requires_dist}")
        bad.check(
            sorted(meta.get_all("License-File") or []) == sorted(LICENSES),
            f"{wheel.name}: License-File {meta.get_all('License-File')}",
        )
        for lic in LICENSES:
            path = f"{info}/licenses/{lic}"
            ok = path in names and zf.read(path) == (ROOT / "pyodide-package" / lic).read_bytes()
            bad.check(ok, f"{wheel.name}: {path} missing or not the repository's")
        rows = list(csv.reader(io.StringIO(zf.read(f"{info}/RECORD").decode())))
        listed = {row[0] for row in rows}
        bad.check(listed == names, f"{wheel.name}: RECORD lists {sorted(listed ^ names)} wrongly")
        for path, digest, size in rows:
            if path == f"{info}/RECORD" or path not in names:
                continue
            data = zf.read(path)
            ok = digest == record_digest(data) and size == str(len(data))
            bad.check(ok, f"{wheel.name}: RECORD hash of {path}")
        bad.check(any(n.startswith("fastmath/") for n in names), f"{wheel.name}: no fastmath/")


def check_sdist(sdist: Path, version: str, bad: Failures) -> None:
    top = f"{DIST_NAME}-{version}"
    bad.check(sdist.name == f"{top}.tar.gz", f"{sdist.name}: file name")
    with tarfile.open(sdist) as tar:
        names = set(tar.getnames())
        meta = HeaderParser().parsestr(tar.extractfile(f"{top}/PKG-INFO").read().decode())
        for lic in LICENSES:
            ok = f"{top}/{lic}" in names or any(n.endswith(f"/{lic}") for n in names)
            bad.check(ok, f"{sdist.name}: {lic} missing")
    for needed in ("pyproject.toml", "Cargo.lock", "Cargo.toml"):
        bad.check(f"{top}/{needed}" in names, f"{sdist.name}: {needed} missing")
    bad.check(meta["Name"] == NAME and meta["Version"] == version, f"{sdist.name}: PKG-INFO")
    bad.check(meta["Requires-Python"] == ">=3.11", f"{sdist.name}: Requires-Python")
    bad.check(
        sorted(meta.get_all("License-File") or []) == sorted(LICENSES),
        f"{sdist.name}: License-File {meta.get_all('License-File')}",
    )


def install_sdist(sdist: Path, version: str, bad: Failures) -> None:
    with tempfile.TemporaryDirectory(prefix="dist-check-") as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        env = {
            **os.environ,
            "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": str(WHEELHOUSE),
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "CARGO_NET_OFFLINE": "true",
            # What this shows is that the sdist builds and works, not how fast its build runs:
            # maturin builds it with cargo's dev profile (no optimisation, the quickest compile:
            # 69 s against 158 s with the quick release profile used before), in the workspace's
            # target dir, where `make test-rust` left the crates whose features agree (syn's
            # differ, wasm-bindgen adds one, so syn and the crates built on it compile again).
            # The release profile's own output is checked by `make build`'s wheels.
            "CARGO_TARGET_DIR": str(ROOT / "target"),
            "MATURIN_PEP517_ARGS": "--profile dev",
        }
        env.pop("VIRTUAL_ENV", None)
        # The sdist's files carry one fixed, old mtime (reproducible builds): cargo would take
        # the workspace crates' outputs in this shared target dir for fresh whatever changed
        # since. Only their own dev-profile outputs go (rebuilt from the sdist's sources); the
        # dependencies' stay.
        clean = ["cargo", "clean", "--quiet", "--target-dir", env["CARGO_TARGET_DIR"]]
        for crate in ("fastmath-core", "fastmath-api", "fastmath-py"):
            clean += ["-p", crate]
        subprocess.run(clean, cwd=ROOT, check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(sdist)]
        done = subprocess.run(pip, env=env, cwd=tmp, check=False)
        bad.check(done.returncode == 0, f"{sdist.name}: pip install in a clean venv failed")
        if done.returncode == 0:
            smoke = [str(venv / "bin" / "python"), str(ROOT / "tests/release/smoke.py"), version]
            done = subprocess.run(smoke, env=env, cwd=tmp, check=False)
            bad.check(done.returncode == 0, f"{sdist.name}: smoke test failed")


def rebuild_and_compare(artefacts: list[Path], bad: Failures) -> None:
    """Builds every artefact a second time, into a scratch folder, with the same commands as
    `make build`, and compares the bytes. Cargo's outputs are reused (up to date), so this shows
    that the packaging is deterministic (zip order, timestamps, metadata, bytecode); rustc's own
    output is deterministic for the same sources, toolchain and paths."""
    maturin = str(ROOT / ".venv/bin/maturin")
    with tempfile.TemporaryDirectory(prefix="dist-repro-") as tmp:
        steps = [
            ([str(ROOT / "tools/build-pyodide-wheel.sh"), tmp], ROOT),
            ([maturin, "build", "--release", "--strip", "--features", "abi3", "--out", tmp], None),
            ([maturin, "sdist", "--out", tmp], None),
            (
                [
                    sys.executable,
                    str(ROOT / "tools/build-universal-wheel.py"),
                    "--wasm-dir",
                    str(ROOT / "build/wasm/no-modules"),
                    "--out",
                    tmp,
                ],
                ROOT,
            ),
        ]
        for command, cwd in steps:
            done = subprocess.run(
                command, cwd=cwd or ROOT / "pyodide-package", capture_output=True, check=False
            )
            if done.returncode != 0:
                bad.append(f"rebuild failed: {' '.join(command)}\n{done.stderr.decode()[-2000:]}")
                return
        for artefact in artefacts:
            again = Path(tmp) / artefact.name
            same = again.is_file() and again.read_bytes() == artefact.read_bytes()
            bad.check(same, f"{artefact.name}: a second build is not byte-identical")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--version", required=True)
    parser.add_argument("--no-install", action="store_true", help="skip building the sdist")
    parser.add_argument(
        "--no-rebuild", action="store_true", help="skip the second build (reproducibility)"
    )
    args = parser.parse_args()
    dist, version = args.dist.resolve(), args.version

    def one(pattern: str) -> Path:
        found = sorted(glob.glob(str(dist / pattern)))
        if len(found) != 1:
            raise SystemExit(f"dist-check: {pattern} matched {found}; run `make build`")
        return Path(found[0])

    native = one(f"{DIST_NAME}-{version}-cp314-cp314-pyemscripten_2026_0_wasm32.whl")
    universal = one(f"{DIST_NAME}-{version}-py3-none-any.whl")
    host = one(f"{DIST_NAME}-{version}-cp311-abi3-*.whl")
    sdist = one(f"{DIST_NAME}-{version}.tar.gz")
    bad = Failures()

    twine = [str(ROOT / ".venv/bin/twine"), "check", "--strict"]
    done = subprocess.run([*twine, str(native), str(universal), str(host), str(sdist)], check=False)
    bad.check(done.returncode == 0, "twine check --strict failed (output above)")

    check_wheel(native, version, ">=3.11", bad)
    check_wheel(host, version, ">=3.11", bad)
    tested = [*tested_pythons(), platform.python_version()]
    wasmtime = ('wasmtime>=50.0.1; sys_platform != "emscripten"',)
    check_wheel(universal, version, min_python(tested), bad, wasmtime)
    check_sdist(sdist, version, bad)
    if not args.no_rebuild:
        rebuild_and_compare([native, universal, host, sdist], bad)
    if not args.no_install:
        install_sdist(sdist, version, bad)

    for what in bad:
        print(f"dist-check: FAIL {what}", file=sys.stderr)
    if not bad:
        print(f"dist-check: {native.name}, {universal.name}, {host.name}, {sdist.name}: ok")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
