"""Every public function documents itself with a runnable example, and the examples are true.

Runs the examples with doctest's machinery on each function's docstring (the extension's
functions are builtins, which doctest's finder skips, so the parser is driven directly).
"""

import doctest

import pytest

import fastmath
from fastmath import _api


@pytest.mark.parametrize("name", _api.FUNCTIONS)
def test_docstring_example_runs(name):
    function = getattr(fastmath, name)
    doc = function.__doc__ or ""
    assert ">>>" in doc, f"{name} has no example in its docstring"
    test = doctest.DocTestParser().get_doctest(doc, {"fastmath": fastmath}, name, None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    output = []
    runner.run(test, out=output.append)
    assert runner.failures == 0, "".join(output)
    assert runner.tries > 0


def test_module_docstring_example_runs():
    failures, tries = doctest.testmod(fastmath, verbose=False)
    assert (failures, tries > 0) == (0, True)


def test_every_function_in_the_stub():
    import pathlib

    stub = pathlib.Path(fastmath.__file__).with_name("__init__.pyi").read_text()
    missing = [n for n in _api.FUNCTIONS if f"def {n}(" not in stub]
    assert not missing, f"not in __init__.pyi: {missing}"
