"""Canary for the rig: run through the same machinery as the real suite, and the outer test
asserts that the rig reports exactly this failure. If the rig ever stopped running tests (or
stopped noticing failures), the outer canary test fails."""

import sys


def test_canary_passes():
    assert 2 + 2 == 4


def test_canary_must_fail():
    # Fails precisely because it runs inside Pyodide.
    assert sys.platform != "emscripten", "canary: this failure is expected"
