//! fastmath-api's refusals as Python exceptions: the one mapping of this backend.

use fastmath_api::{ApiError, ErrorClass};
use pyo3::exceptions::{
    PyIndexError, PyMemoryError, PyOverflowError, PySystemError, PyTypeError, PyValueError,
    PyZeroDivisionError,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

/// `fastmath.LinAlgError` and `fastmath.AxisError`, defined in Python (`fastmath._errors`) so
/// every backend raises the same classes.
static LINALG_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static AXIS_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `fastmath._errors.compatible`, which gives the class to raise for one of those (numpy's
/// class too when numpy is loaded).
static COMPATIBLE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The exception class `name` of `fastmath._errors`, looked up once, as
/// `fastmath._errors.compatible` makes it for this raise.
fn python_class<'py>(
    py: Python<'py>,
    cell: &'py PyOnceLock<Py<PyType>>,
    name: &str,
) -> PyResult<Bound<'py, PyType>> {
    let ours = cell.get_or_try_init(py, || {
        py.import("fastmath._errors")?
            .getattr(name)?
            .cast_into::<PyType>()
            .map(Bound::unbind)
            .map_err(PyErr::from)
    })?;
    let compatible = COMPATIBLE.get_or_try_init(py, || {
        py.import("fastmath._errors")?
            .getattr("compatible")
            .map(Bound::unbind)
    })?;
    compatible
        .bind(py)
        .call1((ours.bind(py),))?
        .cast_into::<PyType>()
        .map_err(PyErr::from)
}

/// The exception of `err`'s class with its message, as worded by fastmath-api.
pub fn to_python(py: Python<'_>, err: ApiError) -> PyErr {
    let ApiError { class, message, .. } = err;
    match class {
        ErrorClass::TypeError => PyTypeError::new_err(message),
        ErrorClass::ValueError => PyValueError::new_err(message),
        ErrorClass::MemoryError => PyMemoryError::new_err(message),
        ErrorClass::OverflowError => PyOverflowError::new_err(message),
        ErrorClass::IndexError => PyIndexError::new_err(message),
        ErrorClass::ZeroDivisionError => PyZeroDivisionError::new_err(message),
        ErrorClass::LinAlgError | ErrorClass::AxisError => {
            let class = if class == ErrorClass::LinAlgError {
                python_class(py, &LINALG_ERROR, "LinAlgError")
            } else {
                python_class(py, &AXIS_ERROR, "AxisError")
            };
            match class {
                Ok(class) => PyErr::from_type(class, message),
                Err(e) => e,
            }
        }
    }
}

/// A state this binding never reaches unless it has a bug (a function handed back a result
/// handle it was never given, a result buffer with an unexpected layout): a SystemError, as
/// CPython raises for a bad internal call, rather than a panic.
pub fn internal_error() -> PyErr {
    PySystemError::new_err("fastmath._native: internal error")
}
