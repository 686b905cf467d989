"""Every public function documents itself with a runnable example, and the examples are true.

Runs the examples with doctest's machinery on each function's docstring (the extension's
functions are builtins, which doctest's finder skips, so the parser is driven directly).
"""

import ast
import doctest
import pathlib
from operator import attrgetter

import pytest

import fastmath
from fastmath import _api


@pytest.mark.parametrize("name", _api.FUNCTIONS)
def test_docstring_example_runs(name):
    function = attrgetter(name)(fastmath)
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


def test_the_stubs_declare_exactly_the_functions():
    # The stubs are generated from the table (tools/gen_api.py); this checks the installed
    # ones: `__init__.pyi` for fastmath's own functions, `<module>.pyi` for each submodule's.
    folder = pathlib.Path(fastmath.__file__).parent
    declared = set()
    for module in ("", *_api.MODULES):
        tree = ast.parse((folder / f"{module or '__init__'}.pyi").read_text())
        declared |= {
            f"{module}.{node.name}" if module else node.name
            for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.name not in ("init", "get_num_threads", "set_num_threads")
        }
        # A submodule's classes declare their methods (`random.Generator.random`).
        declared |= {
            f"{module}.{node.name}.{method.name}"
            for node in tree.body
            if module and isinstance(node, ast.ClassDef)
            for method in node.body
            if isinstance(method, ast.FunctionDef)
        }
    assert declared == set(_api.FUNCTIONS)
