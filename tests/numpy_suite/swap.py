"""A pytest plugin that puts fastmath's functions in place of numpy's before numpy's own test
module is imported, so numpy's tests measure how numpy-compatible fastmath is.

The suite (suites.py) is named by the environment variable FASTMATH_NUMPY_SUITE; only its
functions are swapped, in the namespace its tests call (``numpy.linalg`` or ``numpy``), and only
calls made from the test module itself reach fastmath: numpy's own code calling the same name
(numpy.nanmedian calling numpy.median, say) keeps numpy's function.

fastmath refuses complex input (TypeError) by design, and has no object, datetime/timedelta,
string or structured dtypes (it is a numeric library); numpy's tests run many cases in such
variants. The swapped function hands such arguments (and numpy's masked arrays, whose mask
fastmath does not know) back to numpy's own function, so that those variants measure nothing of
ours and the rest measure everything of ours. Each test records how many calls reached fastmath.
"""

import functools
import importlib
import os
import sys

import numpy as np
import pytest
from suites import SUITES

import fastmath

#: dtype kinds fastmath does not have: complex, object, datetime, timedelta, str, bytes, void,
#: StringDType.
_HANDED_BACK_KINDS = frozenset("cOMmUSVT")


def _numpy_only(value):
    if isinstance(value, np.ma.MaskedArray):
        return True
    if isinstance(value, np.ndarray):
        return value.dtype.kind in _HANDED_BACK_KINDS
    # (a str on its own is an option, such as method="linear", not data)
    if isinstance(value, (list, tuple, complex, np.generic)):
        try:
            return np.asarray(value).dtype.kind in _HANDED_BACK_KINDS
        except Exception:  # a ragged list: let fastmath say what is wrong with it
            return False
    return False


def _swapped(namespace, name, test_file):
    numpy_fn = getattr(namespace, name)
    ours = getattr(fastmath, name)

    @functools.wraps(numpy_fn)
    def call(*args, **kwargs):
        caller = os.path.realpath(sys._getframe(1).f_globals.get("__file__") or "")
        if (
            caller != test_file
            or any(_numpy_only(v) for v in args)
            or any(_numpy_only(v) for v in kwargs.values())
        ):
            return numpy_fn(*args, **kwargs)
        _calls[0] += 1
        return ours(*args, **kwargs)

    call.fastmath_swapped = True
    return call


#: Calls that reached fastmath during the current test.
_calls = [0]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    # Recorded in the report (junitxml's properties), so a pass can be told apart from one that
    # only exercised numpy's own function through the hand-off.
    _calls[0] = 0
    try:
        return (yield)
    finally:
        item.user_properties.append(("fastmath_calls", _calls[0]))


def pytest_configure(config):
    test_path, namespace_name, names, _ = SUITES[os.environ["FASTMATH_NUMPY_SUITE"]]
    test_file = os.path.realpath(os.path.join(os.path.dirname(np.__file__), test_path))
    namespace = importlib.import_module(namespace_name)
    for name in names:
        if not getattr(getattr(namespace, name), "fastmath_swapped", False):
            setattr(namespace, name, _swapped(namespace, name, test_file))
