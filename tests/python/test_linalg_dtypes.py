"""numpy.linalg's dtype rules (issue 11 item 1): float32 in, float32 out; integers and bool
compute as float64; matmul of integers stays integer, wrapping around as numpy's."""

from array import array

import pytest

import fastmath


def grid(typecode, rows, values):
    flat = array(typecode, values)
    return memoryview(flat).cast("B").cast(typecode, (rows, len(values) // rows))


def test_float32_factorizations_give_float32_without_numpy():
    a = grid("f", 2, [4.0, 2.0, 2.0, 5.0])
    assert fastmath.inv(a).format == "f"
    assert fastmath.cholesky(a).tolist() == [[2.0, 0.0], [1.0, 2.0]]
    assert fastmath.cholesky(a).format == "f"
    w, v = fastmath.eigh(a)
    assert memoryview(w).format == "f" and v.format == "f"
    assert fastmath.solve(a, array("f", [8.0, 9.0])).tolist() == [1.375, 1.25]


def test_mixed_or_integer_input_gives_float64():
    a32 = grid("f", 2, [4.0, 2.0, 2.0, 5.0])
    a64 = grid("d", 2, [4.0, 2.0, 2.0, 5.0])
    ints = grid("i", 2, [4, 2, 2, 5])
    assert memoryview(fastmath.solve(a32, array("d", [1.0, 2.0]))).format == "d"
    assert fastmath.inv(ints).format == "d"
    assert fastmath.inv(a64).format == "d"
    assert isinstance(fastmath.det(ints), float)


def test_integer_matmul_stays_integer_and_wraps():
    a = grid("q", 2, [1, 2, 3, 4])
    b = grid("q", 2, [5, 6, 7, 8])
    out = fastmath.matmul(a, b)
    assert out.format == "q" and out.tolist() == [[19, 22], [43, 50]]
    big = 2**62
    wrapped = fastmath.matmul(array("q", [big, big]), array("q", [4, 4]))
    assert wrapped == ((big * 4 * 2 + 2**63) % 2**64) - 2**63
    narrow = fastmath.matmul(grid("b", 1, [100, 100]), grid("b", 2, [2, 2]))
    assert narrow.format == "b" and narrow.tolist() == [[(400 + 128) % 256 - 128]]
    mixed = fastmath.matmul(grid("B", 1, [255]), grid("b", 1, [-1]))
    assert mixed.format == "h" and mixed.tolist() == [[-255]]


def test_bool_matmul_is_logical():
    t = memoryview(bytes([1, 0, 1, 1])).cast("?", (2, 2))
    out = fastmath.matmul(t, t)
    assert out.format == "?" and out.tolist() == [[True, False], [True, True]]


@pytest.mark.needs_numpy
@pytest.mark.parametrize("dtype", ["float32", "float64", "int32", "int64", "uint8", "bool"])
def test_results_have_numpys_dtype(dtype):
    import numpy as np

    rng = np.random.default_rng(7)
    base = rng.integers(1, 5, size=(3, 4, 4)) + 6 * np.eye(4, dtype=np.int64)
    a = base.astype(dtype)
    spd = (base @ np.swapaxes(base, -1, -2)).astype(dtype) if dtype != "bool" else a
    b = rng.integers(0, 3, size=(3, 4, 2)).astype(dtype)
    cases = [
        ("matmul", (a, b), {}),
        ("matmul", (a[0, 0], a[1]), {}),
        ("inv", (a,), {}),
        ("det", (a,), {}),
        ("solve", (a, b), {}),
        ("qr", (a[0],), {}),
        ("svd", (a[0],), {}),
        ("eigh", (spd,), {}),
    ]
    if dtype == "bool":
        # An all-True matrix is singular: only what has an answer for it.
        cases = [c for c in cases if c[0] in ("matmul", "det")]
    else:
        cases.append(("cholesky", (spd,), {}))
    for name, args, kwargs in cases:
        mine = getattr(fastmath, name)(*args, **kwargs)
        theirs = getattr(np, name, None) or getattr(np.linalg, name)
        want = theirs(*args, **kwargs)
        mine = mine if isinstance(mine, tuple) else (mine,)
        want = want if isinstance(want, tuple) else (want,)
        for mine_part, want_part in zip(mine, want, strict=True):
            got, expected = np.asarray(mine_part), np.asarray(want_part)
            assert got.dtype == expected.dtype, (name, dtype)
            if name in ("qr", "svd", "eigh"):
                continue  # factors are unique up to signs: the dtype is what is checked here
            if got.dtype.kind in "iub":
                np.testing.assert_array_equal(got, expected, err_msg=name)
            else:
                tol = 1e-4 if got.dtype == np.float32 else 1e-10
                np.testing.assert_allclose(got, expected, rtol=tol, atol=tol, err_msg=name)


@pytest.mark.needs_numpy
def test_float32_scalars_are_numpy_float32():
    import numpy as np

    a = np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32)
    d = fastmath.det(a)
    assert type(d) is np.float32 and d == np.float32(-2.0)
    v = np.arange(3, dtype=np.int16)
    dot = fastmath.matmul(v, v)
    assert type(dot) is np.int16 and dot == 5
