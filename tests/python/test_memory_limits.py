"""Memory limits of wasm32, inside Pyodide: a result that fits (about 1.5 GB) is computed, one
that cannot be allocated (3.2 GB, 20 GB, 39.2 GB) raises MemoryError naming the function and
the size it needed, on either backend, and the next call works.

The sizes are chosen against wasm32's 32-bit address space: 20 GB wraps a 32-bit byte count
and 39.2 GB (70000 x 70000) even its element count, so a size computation that is not checked
would ask for a small, wrapped-around allocation and write past it. On a 64-bit host these
sizes are real allocations (and 3.2 GB may well succeed), so the module runs only inside
Pyodide (``make test-pyodide``); the host run reports it skipped.

The 1.5 GB test costs seconds (most of it Pyodide growing its memory, which a plain
``array('d')`` of that size costs too) and leaves the heap grown for the rest of the run, so it
is marked ``big_memory``: the configurations of older Pyodides deselect it
(tests/pyodide/configs.toml) and the Pyodide 314 ones, native and universal, run it.

matmul of an (n x 1) by a (1 x n) matrix is the cheap way to ask for a large result: its
inputs are 16n bytes and its result n * n * 8.
"""

import sys
from array import array

import pytest

import fastmath

pytestmark = pytest.mark.skipif(
    sys.platform != "emscripten",
    reason="wasm32 memory limits: runs inside Pyodide (make test-pyodide); on a 64-bit host "
    "these sizes would be real allocations",
)


def column_and_row(column, row):
    """An (n x 1) and a (1 x m) float64 matrix (2-D memoryviews) from two sequences."""
    col = memoryview(array("d", column)).cast("B").cast("d", (len(column), 1))
    r = memoryview(array("d", row)).cast("B").cast("d", (1, len(row)))
    return col, r


def ones(n):
    return array("d", [1.0]) * n


def assert_next_call_works():
    assert fastmath.matmul([[1.0, 2.0], [3.0, 4.0]], [[5.0], [6.0]]).tolist() == [[17.0], [39.0]]
    assert fastmath.sum(array("d", [0.5]) * 100_000) == 50_000.0
    assert fastmath.sort([3.0, 1.0, 2.0]).tolist() == [1.0, 2.0, 3.0]


@pytest.mark.parametrize(
    ("n", "size"),
    [
        (20_000, "3.2 GB"),  # fits a 32-bit size, not in a 4 GB memory beside Python
        (50_000, "20.0 GB"),  # its byte count wraps a 32-bit usize
        (70_000, "39.2 GB"),  # so does its element count
    ],
)
def test_a_result_that_cannot_be_allocated_is_a_memory_error(n, size):
    col, row = column_and_row(ones(n), ones(n))
    with pytest.raises(MemoryError) as err:
        fastmath.matmul(col, row)
    assert str(err.value).startswith(f"matmul: the result needs {size} ({n} x {n} float64)")
    assert_next_call_works()
    # The same refusal again: nothing was left half-allocated by the first one.
    with pytest.raises(MemoryError, match=f"needs {size}"):
        fastmath.matmul(col, row)
    assert_next_call_works()


@pytest.mark.big_memory
def test_a_result_of_1_5_gb_is_computed():
    n = 13_693  # 13693**2 * 8 bytes = 1.50 GB
    col, row = column_and_row(range(n), [j + 1.0 for j in range(n)])
    result = fastmath.matmul(col, row)
    assert result.shape == (n, n)
    assert result.nbytes == n * n * 8
    # result[i, j] = i * (j + 1): corners, the middle and the last row's start.
    for i, j in [(0, 0), (1, 0), (0, n - 1), (n // 2, 7), (n - 1, 0), (n - 1, n - 1)]:
        assert result[i, j] == i * (j + 1.0), (i, j)
    del result
    assert_next_call_works()
