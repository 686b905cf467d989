//! Turning refusals into Python exceptions that name the offending argument.

use fastmath_core::{Error, ErrorKind};
use pyo3::exceptions::{PyMemoryError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyType;

/// `TypeError("<arg>: <what>")`: the argument is of a kind fastmath cannot take at all.
pub fn type_error(arg: &str, what: impl std::fmt::Display) -> PyErr {
    PyTypeError::new_err(format!("{arg}: {what}"))
}

/// `ValueError("<arg>: <what>")`: the argument's kind is right, its value or shape is not.
pub fn value_error(arg: &str, what: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(format!("{arg}: {what}"))
}

/// `MemoryError` for an allocation the process cannot make, instead of Rust's abort.
pub fn memory_error(arg: &str, elements: usize) -> PyErr {
    PyMemoryError::new_err(format!(
        "{arg}: cannot allocate {elements} float64 elements"
    ))
}

/// Maps a kernel's refusal onto the Python exception class both backends raise for it.
pub fn kernel_error(function: &str, err: Error) -> PyErr {
    // Some kernels already name themselves ("matmul: a is 1x2 but ..."): don't say it twice.
    let detail = err.to_string();
    let message = if detail.starts_with(&format!("{function}:")) {
        detail
    } else {
        format!("{function}: {detail}")
    };
    match err.kind() {
        ErrorKind::InvalidValue => PyValueError::new_err(message),
        ErrorKind::LinAlg => linalg_error(message),
        ErrorKind::OutOfMemory => PyMemoryError::new_err(message),
    }
}

/// `fastmath.LinAlgError`, defined in Python (`fastmath._errors`) so every backend raises the
/// same class.
fn linalg_error(message: String) -> PyErr {
    Python::attach(|py| {
        let class = py
            .import("fastmath._errors")
            .and_then(|m| m.getattr("LinAlgError"))
            .and_then(|c| c.cast_into::<PyType>().map_err(PyErr::from));
        match class {
            Ok(class) => PyErr::from_type(class, message),
            Err(e) => e,
        }
    })
}
