//! Turning refusals into Python exceptions that name the offending argument.

use fastmath_core::Error;
use pyo3::PyErr;
use pyo3::exceptions::{PyMemoryError, PyTypeError, PyValueError};

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
    match err {
        Error::LengthMismatch { .. } | Error::OutputLength { .. } => {
            PyValueError::new_err(format!("{function}: {err}"))
        }
    }
}
