"""The names of fastmath's public functions, by family: every backend module defines each."""

#: Elementwise functions of one array (``square`` and ``clip`` aside).
UNARY = (
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
)
#: Elementwise functions of two arrays, or an array and a number.
BINARY = ("add", "subtract", "multiply", "divide")
ELEMENTWISE = ("square", *UNARY, "clip", *BINARY)
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
