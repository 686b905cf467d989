"""Classes of state plus methods (``fastmath.random.Generator``) over the function table.

The table holds functions; an object with state is declared there as entries named
``<module>.<Class>.<method>``, each taking the object's state as ``self`` and returning the
pair ``(new state, result)`` (see rust/fastmath-api/src/families/random.rs for why). The
generated ``fastmath/<module>.py`` makes the class from those entries with
:func:`stateful_class`, and wraps each function declared to return the class with
:func:`constructor`; nothing here knows any particular class or method.
"""

import functools
import os

#: Each class's constructors (class -> [function]), so that generic code (the fuzzer) can make
#: an instance of any class of the table.
MAKERS: dict[type, list] = {}


def _state_of(obj: object, cls: type, where: str) -> object:
    if not isinstance(obj, cls):
        raise TypeError(f"{where}: self: expected a {cls.__name__}, got {type(obj).__name__}")
    return obj._state  # type: ignore[attr-defined]


def _write_back(target: object, values) -> None:
    """Puts ``values`` (the entry's result for ``target``, of its dtype and shape) into
    ``target`` in place: a list gets Python numbers, a buffer the elements."""
    if isinstance(target, list):
        target[:] = values.tolist()
        return
    try:
        target[...] = values  # type: ignore[index]  # numpy arrays, any layout
    except TypeError:
        memoryview(target).cast("B")[:] = memoryview(values).cast("B")  # type: ignore[arg-type]


def _named(value: object) -> object:
    """A type (``numpy.uint8``, ``bool``) or a numpy dtype as its name, as numpy's methods
    take dtypes (the table's entries take them by name); anything else as it is."""
    if isinstance(value, type):
        return value.__name__
    if type(value).__name__.endswith("DType") and isinstance(getattr(value, "name", None), str):
        return value.name  # type: ignore[attr-defined]
    return value


def _method(cls: type, short: str, impl, in_place: str | None):
    where = f"{cls.__name__}.{short}"

    @functools.wraps(impl)
    def method(self, *args, **kwargs):
        args = tuple(map(_named, args))
        kwargs = {key: _named(value) for key, value in kwargs.items()}
        state, result = impl(_state_of(self, cls, where), *args, **kwargs)
        self._state = state
        if in_place is None:
            return result
        _write_back(args[0] if args else kwargs[in_place], result)
        return None

    method.__qualname__ = where
    return method


def stateful_class(
    module: str, name: str, doc: str, methods: dict[str, object], in_place: dict[str, str]
) -> type:
    """The class ``name`` of ``fastmath.<module>``: its instances hold a state (made by the
    module's constructors), and each method is the table entry of that name. A method in
    ``in_place`` (method -> parameter) returns None and writes its result into that argument
    instead (numpy's ``shuffle``)."""

    def refuse(self) -> None:
        # No arguments, as the stub's default __init__ (instances come from constructors).
        raise TypeError(f"{name}() cannot be called directly: see fastmath.{module}'s functions")

    def describe(self):
        return f"<fastmath.{module}.{name} at {id(self):#x}>"

    namespace = {
        "__doc__": doc,
        "__module__": f"fastmath.{module}",
        "__slots__": ("_state",),
        "__init__": refuse,
        "__repr__": describe,
    }
    cls = type(name, (), namespace)
    for short, impl in methods.items():
        setattr(cls, short, _method(cls, short, impl, in_place.get(short)))
    return cls


def _entropy() -> list[int]:
    """128 bits from the operating system (``os.urandom``: ``crypto.getRandomValues`` in the
    browser) as four 32-bit words, least significant first: numpy's SeedSequence seeds itself
    with 128 bits for ``None``, and reads a list of words as the integer they make."""
    raw = os.urandom(16)
    return [int.from_bytes(raw[i : i + 4], "little") for i in range(0, 16, 4)]


def _words(value: int) -> list[int]:
    """A non-negative int as numpy's SeedSequence splits it: 32-bit words, least significant
    first (zero is one word)."""
    words = [value & 0xFFFFFFFF]
    value >>= 32
    while value:
        words.append(value & 0xFFFFFFFF)
        value >>= 32
    return words


def _seed_words(value: object) -> object:
    """A seed as the 32-bit words numpy reads it as: None is entropy, an int (of any size: the
    bindings carry ints only up to 64 bits exactly) or a list/tuple of them its words; anything
    else (a negative int included) goes to the entry, which words the refusal."""
    if value is None:
        return _entropy()
    if type(value) is int and value >= 0:
        return _words(value)
    if isinstance(value, list | tuple) and all(type(v) is int and v >= 0 for v in value):
        return [w for v in value for w in _words(v)]
    return value


def constructor(impl, cls: type, seed: str):
    """The table entry ``impl``, which returns a state, as a function returning an instance of
    ``cls`` holding it. Its first parameter ``seed`` is given to it as 32-bit words, and when
    None or not given as 128 bits of operating-system entropy: the entry itself is
    deterministic."""

    @functools.wraps(impl)
    def make(*args, **kwargs):
        if args:
            args = (_seed_words(args[0]), *args[1:])
        else:
            kwargs[seed] = _seed_words(kwargs.get(seed))
        obj = object.__new__(cls)
        obj._state = impl(*args, **kwargs)
        return obj

    MAKERS.setdefault(cls, []).append(make)
    return make


def seeded(impl, seed: str):
    """The table entry ``impl``, whose keyword-only parameter ``seed`` is given to it as 32-bit
    words, and when None or not given as 128 bits of operating-system entropy (the entry
    itself is deterministic): ``fastmath.kmeans``'s ``seed``, as ``default_rng``'s."""

    @functools.wraps(impl)
    def call(*args, **kwargs):
        kwargs[seed] = _seed_words(kwargs.get(seed))
        return impl(*args, **kwargs)

    return call
