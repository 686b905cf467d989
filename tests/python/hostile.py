"""Inputs a hostile or careless user passes, shared by the robustness tests and the fuzzer
(a helper module, like reference.py: it runs inside Pyodide too)."""


def nested(value, depth):
    """`value` wrapped in `depth` lists, built without recursion."""
    for _ in range(depth):
        value = [value]
    return value


class LyingList(list):
    """A list that claims to be far longer (or shorter) than it is."""

    def __init__(self, items, claimed):
        super().__init__(items)
        self.claimed = claimed

    def __len__(self):
        return self.claimed


class Mutator:
    """An element whose ``__float__`` changes the list it sits in (``how``: "clear", "grow" or
    "nest"), once, then answers 2.0."""

    def __init__(self, how):
        self.how, self.victim = how, None

    def __float__(self):
        victim, self.victim = self.victim, None
        if victim is not None:
            if self.how == "clear":
                victim.clear()
            elif self.how == "grow":
                victim.extend([5.0] * 100)
            elif self.how == "nest":
                victim[-1] = [[1.0]]
        return 2.0
