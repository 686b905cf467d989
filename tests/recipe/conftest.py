import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def pytest_addoption(parser):
    parser.addoption("--sdist", default=None, help="the sdist `make build` produced (dist/...)")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def sdist(request) -> Path:
    given = request.config.getoption("--sdist")
    if given:
        return (ROOT / given).resolve()
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    version = re.search(r'(?m)^version = "([^"]+)"', cargo)[1]
    return ROOT / "dist" / f"fastmath-{version}.tar.gz"
