"""meta.yaml, the Pyodide recipe: valid for pyodide-build's schema and true to the built sdist.

Runs in the site-tools venv (build/lite-venv), which has pyodide-build 0.25.1, the newest that
installs on the host's Python 3.11: `make test-recipe`.
"""

import hashlib
import tarfile

import pytest
import yaml
from pyodide_build.io import MetaConfig


@pytest.fixture(scope="module")
def recipe(root):
    return MetaConfig.from_yaml(root / "meta.yaml")


def test_schema_valid_and_complete(recipe, root):
    raw = yaml.safe_load((root / "meta.yaml").read_text(encoding="utf-8"))
    assert set(raw) == {"package", "source", "requirements", "build", "test", "about"}
    assert recipe.package.name == "fastmath"
    assert recipe.package.top_level == ["fastmath"]
    assert recipe.requirements.executable == ["rustup"]
    assert recipe.build.script and "rustup" in recipe.build.script
    assert recipe.test.imports == ["fastmath"]
    assert recipe.about.license and recipe.about.summary


def test_rejects_what_the_schema_forbids(root):
    """The schema check is real: an unknown key and a url without sha256 are refused."""
    raw = yaml.safe_load((root / "meta.yaml").read_text(encoding="utf-8"))
    with pytest.raises(ValueError):
        MetaConfig(**{**raw, "package": {**raw["package"], "bogus": 1}})
    source = {k: v for k, v in raw["source"].items() if k != "sha256"}
    with pytest.raises(ValueError):
        MetaConfig(**{**raw, "source": source})


def test_matches_the_built_sdist(recipe, sdist):
    assert sdist.is_file(), f"{sdist} missing: run `make build`"
    digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
    hint = "meta.yaml is stale: run `make recipe`"
    assert recipe.source.sha256 == digest, hint
    assert recipe.source.url.endswith("/" + sdist.name), hint
    with tarfile.open(sdist) as tar:
        pkg_info = tar.extractfile(f"fastmath-{recipe.package.version}/PKG-INFO").read().decode()
    assert f"\nVersion: {recipe.package.version}\n" in pkg_info, hint
