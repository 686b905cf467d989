"""A pytest plugin that puts fastmath's functions in place of numpy.linalg's before numpy's own
test module is imported, so numpy's tests measure how numpy-compatible fastmath is.

fastmath refuses complex input (TypeError) by design; numpy's tests run every case in real and
complex variants. The swapped function hands complex arguments back to numpy's own function, so
that the complex variants measure nothing of ours and the real ones measure everything of ours.
"""

import functools

import numpy as np
import numpy.linalg
import pytest

import fastmath

#: numpy.linalg's functions that fastmath has, each replaced by fastmath's.
SWAPPED = ("solve", "inv", "det", "cholesky", "qr", "lstsq", "eigh", "svd", "norm")


def _has_complex(values):
    for value in values:
        if isinstance(value, (np.ndarray, list, tuple, complex, np.complexfloating)):
            try:
                if np.iscomplexobj(value):
                    return True
            except Exception:  # a ragged list: let fastmath say what is wrong with it
                pass
    return False


def _swapped(name):
    numpy_fn = getattr(numpy.linalg, name)
    ours = getattr(fastmath, name)

    @functools.wraps(numpy_fn)
    def call(*args, **kwargs):
        if _has_complex(args) or _has_complex(kwargs.values()):
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
    # only exercised numpy's own function through the complex hand-off.
    _calls[0] = 0
    try:
        return (yield)
    finally:
        item.user_properties.append(("fastmath_calls", _calls[0]))


def pytest_configure(config):
    for name in SWAPPED:
        if not getattr(getattr(numpy.linalg, name), "fastmath_swapped", False):
            setattr(numpy.linalg, name, _swapped(name))
