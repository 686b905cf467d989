//! The Python-visible functions of the first API slice: `square`, `sum`, `mean`, `dot`.
//!
//! Each one converts its arguments with `input`, runs a fastmath-core kernel and wraps the
//! result with `output`; no numerics live here.

use fastmath_core::{elementwise, reduce};
use pyo3::prelude::*;

use crate::errors::kernel_error;
use crate::input::{Arg, Vector, extract_arg};
use crate::output::OutVector;

/// Elementwise square: `x * x`.
///
/// A number gives a float; a 1-D array or sequence gives an array (a numpy array for numpy
/// input, else ``array.array("d")``).
///
/// >>> import fastmath
/// >>> fastmath.square(3.0)
/// 9.0
/// >>> fastmath.square([1, 2, 3]).tolist()
/// [1.0, 4.0, 9.0]
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn square<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    match extract_arg(x, "x")? {
        Arg::Scalar(v) => Ok(elementwise::square(v).into_pyobject(py)?.into_any()),
        Arg::Vector(v) => {
            let mut out = OutVector::new(py, v.len(), v.is_numpy)?;
            elementwise::square_into(v.as_slice(), out.as_mut_slice())
                .map_err(|e| kernel_error("square", e))?;
            Ok(out.finish())
        }
    }
}

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
        Arg::Vector(v) => reduce::sum(v.as_slice()),
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
        Arg::Vector(v) => reduce::mean(v.as_slice()),
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
    let (x, y) = (extract_arg(x, "x")?, extract_arg(y, "y")?);
    match (x, y) {
        (Arg::Scalar(a), Arg::Scalar(b)) => Ok((a * b).into_pyobject(py)?.into_any()),
        (Arg::Scalar(a), Arg::Vector(v)) | (Arg::Vector(v), Arg::Scalar(a)) => scale(py, a, &v),
        (Arg::Vector(a), Arg::Vector(b)) => {
            if a.len() != b.len() {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "dot: x has length {} but y has length {}",
                    a.len(),
                    b.len()
                )));
            }
            let d = reduce::dot(a.as_slice(), b.as_slice()).map_err(|e| kernel_error("dot", e))?;
            Ok(d.into_pyobject(py)?.into_any())
        }
    }
}

fn scale<'py>(py: Python<'py>, a: f64, v: &Vector) -> PyResult<Bound<'py, PyAny>> {
    let mut out = OutVector::new(py, v.len(), v.is_numpy)?;
    elementwise::scale_into(a, v.as_slice(), out.as_mut_slice())
        .map_err(|e| kernel_error("dot", e))?;
    Ok(out.finish())
}
