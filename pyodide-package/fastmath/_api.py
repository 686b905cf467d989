"""The names of fastmath's public functions, by family: every backend module defines each."""

ELEMENTWISE = (
    "square",
    "sqrt",
    "exp",
    "log",
    "log1p",
    "expm1",
    "sin",
    "cos",
    "tan",
    "tanh",
    "abs",
    "sigmoid",
    "relu",
    "clip",
    "add",
    "subtract",
    "multiply",
    "divide",
)
REDUCTIONS = (
    "sum",
    "prod",
    "mean",
    "var",
    "std",
    "min",
    "max",
    "argmin",
    "argmax",
    "cumsum",
    "cumprod",
    "dot",
    "norm",
)
LINALG = (
    "matmul",
    "transpose",
    "solve",
    "inv",
    "det",
    "cholesky",
    "qr",
    "lstsq",
    "eigh",
    "svd",
)
SORTING = ("sort", "argsort", "searchsorted", "unique", "topk")

FUNCTIONS = ELEMENTWISE + REDUCTIONS + LINALG + SORTING
