from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RECIPE_DIR = ROOT / "pyodide-recipe" / "fastmath-wasm"


def pytest_addoption(parser):
    parser.addoption("--sdist", default=None, help="the sdist `make build` produced (dist/...)")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def recipe_dir() -> Path:
    return RECIPE_DIR


@pytest.fixture(scope="session")
def sdist(request) -> Path:
    given = request.config.getoption("--sdist")
    if not given:
        raise pytest.UsageError("--sdist dist/fastmath_wasm-<ver>.tar.gz is required")
    return (ROOT / given).resolve()
