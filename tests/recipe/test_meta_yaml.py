"""The Pyodide recipe: valid for pyodide-build's schema, and its local source is the sdist of the
current sources.

Runs in the site-tools venv (build/lite-venv), which has pyodide-build 0.25.1, the newest that
installs on the host's Python 3.11: `make test-recipe` (which first unpacks the sdist into the
recipe's `source: path:` with `make recipe`).
"""

import tarfile
from email.parser import HeaderParser
from pathlib import Path

import pytest
import yaml
from pyodide_build.io import MetaConfig


@pytest.fixture(scope="module")
def raw(recipe_dir):
    return yaml.safe_load((recipe_dir / "meta.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def recipe(recipe_dir):
    return MetaConfig.from_yaml(recipe_dir / "meta.yaml")


def pkg_info(text: str):
    return HeaderParser().parsestr(text)


def test_schema_valid_and_complete(recipe, raw, recipe_dir):
    assert set(raw) == {"package", "source", "requirements", "build", "test", "about"}
    # pyodide-recipes keeps each recipe in a folder named after the package.
    assert recipe_dir.name == recipe.package.name == "fastmath-wasm"
    assert recipe.package.top_level == ["fastmath"]
    assert recipe.requirements.executable == ["rustup"]
    assert recipe.build.script and "rustup" in recipe.build.script
    assert recipe.test.imports == ["fastmath"]
    assert recipe.about.license and recipe.about.summary


def test_source_is_local(recipe, raw):
    """A path, not a download: no url, no sha256 to keep in step with every source edit."""
    assert set(raw["source"]) == {"path"}
    assert recipe.source.url is None and recipe.source.sha256 is None
    # Relative to the recipe's folder (from_yaml resolves it there): no machine's path in it.
    assert not Path(raw["source"]["path"]).is_absolute()
    assert recipe.source.path.is_dir(), f"{recipe.source.path} missing: run `make recipe`"


def test_rejects_what_the_schema_forbids(raw):
    """The schema check is real: an unknown key, a url without sha256, and a url beside a path
    are refused."""
    with pytest.raises(ValueError):
        MetaConfig(**{**raw, "package": {**raw["package"], "bogus": 1}})
    with pytest.raises(ValueError):
        MetaConfig(**{**raw, "source": {"url": "https://example.invalid/x.tar.gz"}})
    with pytest.raises(ValueError):
        url = {"url": "https://example.invalid/x.tar.gz", "sha256": "0" * 64}
        MetaConfig(**{**raw, "source": {**raw["source"], **url}})


def test_source_path_holds_the_current_sdist(recipe, recipe_dir, sdist):
    """pyodide-build resolves the path from the recipe's folder and copies that folder as the
    source tree: it must be the unpacked sdist of this build (pyproject.toml at its top)."""
    src = (recipe_dir / recipe.source.path).resolve()
    hint = f"{src} is not the unpacked {sdist.name}: run `make recipe`"
    assert (src / "pyproject.toml").is_file(), hint
    assert "build-backend" in (src / "pyproject.toml").read_text(encoding="utf-8")
    top = sdist.name.removesuffix(".tar.gz")
    with tarfile.open(sdist) as tar:
        want = tar.extractfile(f"{top}/PKG-INFO").read().decode()
        members = {
            m.name.removeprefix(top + "/"): tar.extractfile(m).read()
            for m in tar.getmembers()
            if m.isfile()
        }
    have = {p.relative_to(src).as_posix() for p in src.rglob("*") if p.is_file()}
    assert have == set(members), hint
    changed = sorted(n for n, data in members.items() if (src / n).read_bytes() != data)
    assert changed == [], hint
    info = pkg_info(want)
    assert info["Name"] == recipe.package.name
    assert info["Version"] == str(recipe.package.version)


def test_pyodide_build_prepares_the_source(recipe, recipe_dir, tmp_path, monkeypatch):
    """pyodide-build's own source step (the part of a recipe build that needs no Emscripten)
    copies the path into its build folder: a maturin project ready for the build script."""
    from pyodide_build.buildpkg import prepare_source

    monkeypatch.chdir(recipe_dir)  # as pyodide-build does while building a recipe
    srcpath = tmp_path / "build" / f"{recipe.package.name}-{recipe.package.version}"
    prepare_source(tmp_path / "build", srcpath, recipe.source)
    pyproject = (srcpath / "pyproject.toml").read_text(encoding="utf-8")
    assert 'build-backend = "maturin"' in pyproject
    assert 'manifest-path = "rust/fastmath-py/Cargo.toml"' in pyproject
    assert (srcpath / "rust" / "fastmath-py" / "Cargo.toml").is_file()
    assert (srcpath / "Cargo.lock").is_file()
