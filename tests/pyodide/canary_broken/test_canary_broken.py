"""Canary for the rig: a test module that cannot even be imported. The outer test asserts the
rig reports the collection error rather than a passing (empty) run."""

import fastmath_no_such_module


def test_never_collected():
    assert fastmath_no_such_module
