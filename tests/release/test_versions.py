"""One version, one source: the Cargo workspace's `[workspace.package] version`.

Everything that carries a version either derives it at build time (the wheels through maturin
and tools/build-universal-wheel.py, `fastmath.__version__` through `CARGO_PKG_VERSION`, the npm
package.json through the Makefile; checked on the built artefacts by tools/dist_check.py and the
npm test) or must be written by hand where its format needs a literal (the recipe, the
JupyterLite extension, the changelog): these are checked here, so a bump that misses one fails.
"""

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import fastmath

ROOT = Path(__file__).resolve().parents[2]


def cargo_version() -> str:
    cargo = tomllib.loads((ROOT / "Cargo.toml").read_text(encoding="utf-8"))
    return cargo["workspace"]["package"]["version"]


VERSION = cargo_version()


@pytest.mark.parametrize("crate", sorted((ROOT / "rust").glob("*/Cargo.toml")), ids=str)
def test_every_crate_takes_the_workspace_version(crate):
    package = tomllib.loads(crate.read_text(encoding="utf-8"))["package"]
    assert package["version"] == {"workspace": True}, crate


def test_python_project_takes_it_from_cargo():
    project = tomllib.loads((ROOT / "pyodide-package/pyproject.toml").read_text("utf-8"))["project"]
    assert project["name"] == "fastmath-wasm"
    assert "version" not in project and "version" in project["dynamic"]


def test_installed_host_wheel():
    assert fastmath.__version__ == VERSION
    assert metadata.version("fastmath-wasm") == VERSION


def test_recipe():
    text = (ROOT / "pyodide-recipe/fastmath-wasm/meta.yaml").read_text(encoding="utf-8")
    assert re.search(r"(?m)^package:\n  name: fastmath-wasm\n  version: (\S+)$", text)[1] == VERSION


def test_jupyterlite_extension():
    ext = ROOT / "jupyterlite/jupyterlite-fastmath"
    project = tomllib.loads((ext / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == VERSION
    init = (ext / "jupyterlite_fastmath/__init__.py").read_text(encoding="utf-8")
    assert re.search(r'(?m)^__version__ = "([^"]+)"$', init)[1] == VERSION


def test_makefile_reads_the_same_version():
    """The Makefile names the artefacts (and writes the npm package.json) from its VERSION."""
    line = re.search(r"(?m)^VERSION := (.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"))
    assert "Cargo.toml" in line[1]
    first = re.search(r'(?m)^version = "(.*)"', (ROOT / "Cargo.toml").read_text(encoding="utf-8"))
    assert first[1] == VERSION


def test_changelog_top_entry():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"(?m)^## \[([^\]]+)\]", text)[1] == VERSION
