"""An axis the array does not have raises fastmath.AxisError, numpy's class (issue 11 item 4)."""

import pytest

import fastmath


@pytest.mark.parametrize(
    "call",
    [
        lambda: fastmath.sum([[1.0, 2.0]], axis=2),
        lambda: fastmath.sort([1.0, 2.0], axis=-2),
        lambda: fastmath.cumsum([1.0], axis=1),
        lambda: fastmath.transpose([[1.0]], axes=(0, 2)),
        lambda: fastmath.norm([[1.0]], axis=(0, 3)),
    ],
)
def test_an_axis_out_of_range_is_an_axis_error(call):
    with pytest.raises(fastmath.AxisError, match="is out of bounds for array of dimension") as e:
        call()
    # numpy's AxisError is both, so code written for numpy catches it either way.
    assert isinstance(e.value, ValueError) and isinstance(e.value, IndexError)
