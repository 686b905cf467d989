//! Reductions: many values in, one value (or one per row/column) out.

use fastmath_core::{elementwise, reduce as kernels};
use pyo3::prelude::*;

use super::plumbing::{OrRaise, float, new_like};
use crate::input::{Arg, extract_arg};

/// Sum of all elements, compensated (Neumaier): exactly rounded but in pathological cases.
///
/// >>> import fastmath
/// >>> fastmath.sum([1e16, 1.0, -1e16])
/// 1.0
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn sum(x: &Bound<'_, PyAny>) -> PyResult<f64> {
    Ok(match extract_arg(x, "x")? {
        Arg::Scalar(v) => v,
        Arg::Array(a) => kernels::sum(a.as_slice()),
    })
}

/// Arithmetic mean of all elements (compensated sum / n); nan for empty input, as numpy.
///
/// >>> import fastmath
/// >>> fastmath.mean([1, 2, 3, 4])
/// 2.5
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn mean(x: &Bound<'_, PyAny>) -> PyResult<f64> {
    Ok(match extract_arg(x, "x")? {
        Arg::Scalar(v) => v,
        Arg::Array(a) => kernels::mean(a.as_slice()),
    })
}

/// Dot product. Two vectors of equal length give a float; a number and a vector give the
/// scaled vector; two numbers give their product (as ``numpy.dot``).
///
/// >>> import fastmath
/// >>> fastmath.dot([1, 2, 3], [4, 5, 6])
/// 32.0
/// >>> fastmath.dot(2, [1, 2]).tolist()
/// [2.0, 4.0]
#[pyfunction]
#[pyo3(signature = (x, y, /))]
pub fn dot<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    y: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    match (extract_arg(x, "x")?, extract_arg(y, "y")?) {
        (Arg::Scalar(a), Arg::Scalar(b)) => float(py, a * b),
        (Arg::Scalar(s), Arg::Array(v)) | (Arg::Array(v), Arg::Scalar(s)) => {
            new_like(py, v.shape(), v.is_numpy, "dot", |out| {
                elementwise::scale_into(s, v.as_slice(), out)
            })
        }
        (Arg::Array(a), Arg::Array(b)) => {
            let (xs, ys) = (a.vector("x")?, b.vector("y")?);
            if xs.len() != ys.len() {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "dot: x has length {} but y has length {}",
                    xs.len(),
                    ys.len()
                )));
            }
            float(py, kernels::dot(xs, ys).or_raise("dot")?)
        }
    }
}
