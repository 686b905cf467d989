"""Outer (host) side of the in-Pyodide tests: one booted Pyodide per configuration of
configs.toml (checked for network access while booting), and the inner summaries printed at
the end of the run."""

import pytest
from pyodide_rig import SUMMARIES, Rig, load_configs, offline_violations

# inner/, canary/ and canary_broken/ hold tests that only make sense inside Pyodide: the rig
# copies them there.
collect_ignore = ["inner", "canary", "canary_broken"]

CONFIGS = load_configs()


@pytest.fixture(scope="session", params=CONFIGS, ids=[c["name"] for c in CONFIGS])
def rig(request):
    before = len(offline_violations())
    booted = Rig(request.param)
    try:
        new = offline_violations()[before:]
        assert not new, f"network access while booting Pyodide: {new}"
        yield booted
    finally:
        booted.close()


def pytest_terminal_summary(terminalreporter):
    if SUMMARIES:
        terminalreporter.section("tests/python inside Pyodide")
        for text in SUMMARIES:
            terminalreporter.write_line(text)
