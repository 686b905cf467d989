"""The names of fastmath's public functions: every backend module defines each of them."""

FUNCTIONS = (
    "square",
    "sum",
    "mean",
    "dot",
)
