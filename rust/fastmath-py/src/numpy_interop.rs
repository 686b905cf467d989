//! Recognising numpy arrays without depending on numpy.
//!
//! fastmath does not import numpy to read arguments (Pyodide installs often lack it). If the
//! user has imported numpy, `numpy.ndarray` is looked up in `sys.modules` so that numpy
//! arguments can be answered with numpy results. numpy is imported only to make a result that
//! the standard library cannot represent (an N-D array with a zero in its shape).

use fastmath_api::{DType, Scalar};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyType};

static NDARRAY: PyOnceLock<Py<PyType>> = PyOnceLock::new();
/// `numpy.generic`, the base class of numpy's scalars (`numpy.float32(1.5)`, `numpy.int8(3)`).
static GENERIC: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static NUMPY_EMPTY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static ARRAY_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
/// `sys.modules`, looked up once: every buffer argument asks it whether numpy is loaded, and
/// importing `sys` on each call cost about a microsecond.
static SYS_MODULES: PyOnceLock<Py<PyDict>> = PyOnceLock::new();

/// `numpy.ndarray`, if numpy has been imported by anyone.
fn ndarray_type(py: Python<'_>) -> Option<&Bound<'_, PyType>> {
    if let Some(t) = NDARRAY.get(py) {
        return Some(t.bind(py));
    }
    let modules = SYS_MODULES
        .get_or_try_init(py, || {
            py.import("sys")?
                .getattr("modules")?
                .cast_into::<PyDict>()
                .map(Bound::unbind)
                .map_err(PyErr::from)
        })
        .ok()?
        .bind(py);
    // Interned: a fresh str per call (allocated, hashed) showed in every buffer argument.
    let numpy = modules.get_item(pyo3::intern!(py, "numpy")).ok()??;
    let ndarray = numpy.getattr("ndarray").ok()?.cast_into::<PyType>().ok()?;
    let generic = numpy.getattr("generic").ok()?.cast_into::<PyType>().ok()?;
    GENERIC.get_or_init(py, || generic.unbind());
    Some(NDARRAY.get_or_init(py, || ndarray.unbind()).bind(py))
}

/// Whether `obj` is a numpy array or a numpy scalar: an argument whose results numpy would
/// give as numpy arrays and numpy scalars, as fastmath then does.
pub fn is_numpy(obj: &Bound<'_, PyAny>) -> bool {
    let py = obj.py();
    is_ndarray(obj)
        || GENERIC
            .get(py)
            .is_some_and(|generic| obj.is_instance(generic.bind(py)).unwrap_or(false))
}

/// The common buffer arguments, told by their exact type: `Some(false)` for a `memoryview` or
/// an `array.array`, `Some(true)` for a `numpy.ndarray` (once numpy is known to be loaded),
/// `None` for anything else (subclasses included). Pointer comparisons that spare these the
/// protocol and type checks of other arguments (each a call into the stable ABI).
pub fn exact_array_kind(obj: &Bound<'_, PyAny>) -> Option<bool> {
    // SAFETY: reading the type of a valid object.
    let ty = unsafe { ffi::Py_TYPE(obj.as_ptr()) }.cast::<ffi::PyObject>();
    let py = obj.py();
    if is_stdlib_buffer(obj) {
        return Some(false);
    }
    NDARRAY
        .get(py)
        .is_some_and(|ndarray| ndarray.as_ptr() == ty)
        .then_some(true)
}

/// Whether `obj` is a numpy array (or subclass).
pub fn is_ndarray(obj: &Bound<'_, PyAny>) -> bool {
    !is_stdlib_buffer(obj)
        && ndarray_type(obj.py()).is_some_and(|t| obj.is_instance(t).unwrap_or(false))
}

/// Whether `obj` is an instance of a proper subclass of `numpy.ndarray` (numpy's linalg then
/// wraps results with its `__array_wrap__`).
pub fn is_ndarray_subclass(obj: &Bound<'_, PyAny>) -> bool {
    exact_array_kind(obj).is_none() && is_ndarray(obj)
}

/// Whether `obj` is exactly a `memoryview` or an `array.array`, which are never numpy arrays:
/// two pointer comparisons that spare those (the common arguments where numpy is absent, as
/// in most Pyodide installs) the `sys.modules` lookup that finding numpy absent costs.
fn is_stdlib_buffer(obj: &Bound<'_, PyAny>) -> bool {
    // SAFETY: an exact type check of a valid object.
    if unsafe { ffi::PyMemoryView_Check(obj.as_ptr()) } != 0 {
        return true;
    }
    let py = obj.py();
    ARRAY_TYPE
        .get_or_try_init(py, || {
            py.import("array")?
                .getattr("array")?
                .cast_into::<PyType>()
                .map(Bound::unbind)
                .map_err(PyErr::from)
        })
        // SAFETY: reading the type of a valid object.
        .is_ok_and(|array| unsafe { ffi::Py_TYPE(obj.as_ptr()) } == array.as_ptr().cast())
}

/// numpy's scalar types: a float or int result of a call with a numpy argument is one of
/// these, as numpy's own functions return.
static FLOAT64: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static INT64: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `numpy.float64(value)`.
pub fn float64(py: Python<'_>, value: f64) -> PyResult<Bound<'_, PyAny>> {
    let class = FLOAT64.get_or_try_init(py, || {
        py.import("numpy")?.getattr("float64").map(Bound::unbind)
    })?;
    class.bind(py).call1((value,))
}

/// `numpy.int64(value)`.
pub fn int64(py: Python<'_>, value: i64) -> PyResult<Bound<'_, PyAny>> {
    let class = INT64.get_or_try_init(py, || {
        py.import("numpy")?.getattr("int64").map(Bound::unbind)
    })?;
    class.bind(py).call1((value,))
}

/// numpy's scalar type of each dtype (by `DType::code`), looked up on first use.
static SCALAR_TYPES: [PyOnceLock<Py<PyAny>>; 12] = [const { PyOnceLock::new() }; 12];

/// `value` as numpy's scalar of `dtype` (`numpy.float32(1.5)`, `numpy.uint8(7)`): what numpy
/// returns for a number of that dtype. `numpy.dtype(name).type` names the class on numpy 1.x
/// and 2.x alike (`numpy.bool` is missing from 1.x).
pub fn scalar(py: Python<'_>, dtype: DType, value: Scalar) -> PyResult<Bound<'_, PyAny>> {
    let class = SCALAR_TYPES
        .get(usize::from(dtype.code()))
        .ok_or_else(|| pyo3::exceptions::PySystemError::new_err("unknown dtype"))?
        .get_or_try_init(py, || {
            py.import("numpy")?
                .getattr("dtype")?
                .call1((dtype.name(),))?
                .getattr("type")
                .map(Bound::unbind)
        })?;
    class.bind(py).call1((python_number(py, value)?,))
}

/// `value` as a Python bool, int or float.
pub fn python_number(py: Python<'_>, value: Scalar) -> PyResult<Bound<'_, PyAny>> {
    Ok(match value {
        Scalar::Bool(b) => pyo3::types::PyBool::new(py, b).to_owned().into_any(),
        Scalar::Int(v) => v.into_pyobject(py)?.into_any(),
        Scalar::UInt(v) => v.into_pyobject(py)?.into_any(),
        Scalar::Float(v) => pyo3::types::PyFloat::new(py, v).into_any(),
    })
}

/// Whether numpy can be imported.
pub fn importable(py: Python<'_>) -> bool {
    py.import("numpy").is_ok()
}

/// A new, uninitialised C-ordered numpy array of `dims` and `dtype`.
pub fn empty<'py>(
    py: Python<'py>,
    dims: &[usize],
    dtype: &Bound<'py, PyString>,
) -> PyResult<Bound<'py, PyAny>> {
    let empty = NUMPY_EMPTY.get_or_try_init(py, || {
        py.import("numpy")?.getattr("empty").map(Bound::unbind)
    })?;
    let shape = pyo3::types::PyTuple::new(py, dims)?;
    empty.bind(py).call1((shape, dtype))
}
