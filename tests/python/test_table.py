"""The backend under test serves exactly the function table, as the table declares it.

``fastmath._api`` is generated from the table (rust/fastmath-api, `tools/gen_api.py`); these
tests hold each backend to it: the same public names (none missing, none extra), each function's
docstring, and the signature ``inspect`` shows. They run on the host and,
unchanged, inside Pyodide on both backends.
"""

import inspect
import re
import types
from operator import attrgetter
from pathlib import Path

import pytest

import fastmath
from fastmath import _api, _results

#: What fastmath exports besides the table's functions.
#: The package's other public names: its error class, numpy's named result classes, the rest.
NOT_FUNCTIONS = {
    "AxisError",
    "ComplexArray",
    "LinAlgError",
    *_results.CLASSES,
    "__version__",
    "backend",
    "init",
    *(CONTROLS := {"get_num_threads", "set_num_threads"}),
}


def public_functions(module: types.ModuleType) -> set[str]:
    """The public callables of `module` that are functions (not classes), `init` and the
    thread controls aside."""
    names = set()
    for name in dir(module):
        value = getattr(module, name)
        if not name.startswith("_") and callable(value) and not isinstance(value, type):
            names.add(name)
    return names - {"init"} - CONTROLS


def test_api_is_one_consistent_table():
    assert len(set(_api.FUNCTIONS)) == len(_api.FUNCTIONS), "a name is declared twice"
    flattened = [name for names in _api.FAMILIES.values() for name in names]
    assert flattened == list(_api.FUNCTIONS), "FAMILIES is not FUNCTIONS in table order"
    assert list(_api.SIGNATURES) == list(_api.FUNCTIONS)
    assert list(_api.DOCS) == list(_api.FUNCTIONS)


def test_all_is_the_table():
    # fastmath's own functions; a submodule's (`fft.fftfreq`) are in its own __all__.
    top = [name for name in _api.FUNCTIONS if "." not in name]
    assert [n for n in fastmath.__all__ if n not in NOT_FUNCTIONS] == top
    assert NOT_FUNCTIONS <= set(fastmath.__all__)
    for module in _api.MODULES:
        # A submodule's functions and classes (`random.Generator.random` is a method).
        mine = {name.split(".")[1] for name in _api.FUNCTIONS if name.startswith(module + ".")}
        assert getattr(fastmath, module).__all__ == sorted(mine)


def test_package_functions_are_the_table():
    found = public_functions(fastmath)
    for module in _api.MODULES:
        namespace = getattr(fastmath, module)
        found |= {f"{module}.{name}" for name in public_functions(namespace)}
        for cls in namespace.__all__:
            if isinstance(getattr(namespace, cls), type):
                methods = public_functions(getattr(namespace, cls))
                found |= {f"{module}.{cls}.{name}" for name in methods}
    assert found == set(_api.FUNCTIONS)


def test_backend_functions_are_the_table():
    # The backend module itself: a function it registers that the table (and so the package)
    # does not list would otherwise go unexported without anyone noticing.
    assert public_functions(fastmath._impl) == set(_api.FUNCTIONS), fastmath.backend


@pytest.mark.parametrize("name", _api.FUNCTIONS)
def test_function_comes_from_the_backend(name):
    # A class's methods and constructors (fastmath/_stateful.py) wrap the backend's entry.
    function = attrgetter(name)(fastmath)
    assert getattr(function, "__wrapped__", function) is getattr(fastmath._impl, name)


@pytest.mark.parametrize("name", _api.FUNCTIONS)
def test_docstring_is_the_tables(name):
    doc = attrgetter(name)(fastmath).__doc__ or ""
    assert _api.DOCS[name] in doc


def test_a_missing_function_fails_the_import(monkeypatch):
    # What `import fastmath` does with a backend that lacks a table function (a stale build):
    # an ImportError naming it, not a package that silently lacks the name.
    missing = _api.FUNCTIONS[-1]
    partial = types.ModuleType("partial_backend")
    for name in _api.FUNCTIONS[:-1]:
        setattr(partial, name, getattr(fastmath._impl, name))
    monkeypatch.setattr(fastmath, "_impl", partial)
    with pytest.raises(ImportError, match=rf"partial_backend\) lacks {missing}:"):
        fastmath._exports(missing.rpartition(".")[0])


# The native backend's functions are builtins whose signature comes from the table's text; the
# universal backend's are one generic Python closure each, given the signature parsed from it.
@pytest.mark.parametrize("name", _api.FUNCTIONS)
def test_signature_is_the_tables(name):
    signature = inspect.signature(attrgetter(name)(fastmath))
    assert str(signature) == _api.SIGNATURES[name]
    assert "*args" not in str(signature)


def test_runtime_item_sizes_are_the_tables():
    # runtime.js sizes the result arrays it moves by dtype code; the table's DTYPES is the one
    # source of those codes and sizes.
    runtime = (Path(fastmath.__file__).parent / "_wasm" / "runtime.js").read_text()
    found = re.search(r"const ITEMSIZE = \[([0-9, ]+)\];", runtime)
    assert found, "runtime.js has no ITEMSIZE table"
    assert [int(n) for n in found.group(1).split(",")] == [size for _, _, size in _api.DTYPES]
