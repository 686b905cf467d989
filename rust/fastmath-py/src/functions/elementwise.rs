//! Elementwise math: a number gives a float, an array an array of the same shape.

use fastmath_core::elementwise as kernels;
use pyo3::prelude::*;

use super::plumbing::unary;

/// Elementwise square, ``x * x``.
///
/// A number gives a float; an array (1-D or 2-D) gives an array of the same shape: a numpy
/// array for numpy input, else ``array.array("d")`` (1-D) or a 2-D ``memoryview``.
///
/// >>> import fastmath
/// >>> fastmath.square(3.0)
/// 9.0
/// >>> fastmath.square([1, 2, 3]).tolist()
/// [1.0, 4.0, 9.0]
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn square<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    unary(py, x, "square", kernels::square, kernels::square_into)
}
