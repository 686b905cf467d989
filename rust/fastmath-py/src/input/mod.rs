//! Reading Python arguments as `f64` data.
//!
//! The contract: a C-contiguous, aligned, native-endian float64 buffer is read in place (zero
//! copy); any other real-valued buffer (other dtypes, strides, byte order) or a (nested)
//! list/tuple is converted once into an owned `Vec<f64>`. Everything else is refused with an
//! exception that names the argument. Arrays have one or two dimensions; 2-D data is row-major.

mod buffer_arg;
mod element;
mod sequence;

use fastmath_core::matrix::MatRef;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyComplex, PyFloat, PyList, PyString, PyTuple};

use crate::buffer::HeldBuffer;
use crate::errors::{memory_error, type_error, value_error};

/// A numeric argument: a single number or an array of them.
pub enum Arg {
    Scalar(f64),
    Array(Array),
}

/// The shape of an array argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Vector(usize),
    Matrix(usize, usize),
}

impl Shape {
    /// Number of elements.
    pub fn len(self) -> usize {
        match self {
            Shape::Vector(n) => n,
            Shape::Matrix(r, c) => r * c,
        }
    }

    /// "a 1-D array of length 3" / "a 2-D array of shape (2, 3)": for error messages.
    pub fn describe(self) -> String {
        match self {
            Shape::Vector(n) => format!("a 1-D array of length {n}"),
            Shape::Matrix(r, c) => format!("a 2-D array of shape ({r}, {c})"),
        }
    }
}

/// Array data, borrowed from a Python buffer when its layout allows, else owned.
pub struct Array {
    data: Data,
    shape: Shape,
    /// Whether the argument was a numpy array: results then come back as numpy arrays.
    pub is_numpy: bool,
}

enum Data {
    /// Keeps the exporter's buffer alive (and its memory pinned) for as long as we read it.
    Borrowed(HeldBuffer),
    Owned(Vec<f64>),
}

impl Array {
    fn owned(data: Vec<f64>, shape: Shape, is_numpy: bool) -> Self {
        debug_assert_eq!(data.len(), shape.len());
        Self {
            data: Data::Owned(data),
            shape,
            is_numpy,
        }
    }

    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// All elements, row-major.
    pub fn as_slice(&self) -> &[f64] {
        match &self.data {
            Data::Borrowed(buffer) => {
                let len = self.shape.len();
                if len == 0 {
                    return &[];
                }
                // SAFETY: `buffer_arg` borrows a buffer only if it is C-contiguous, aligned,
                // native-endian float64 holding `shape.len()` items. The exporter keeps the
                // memory alive and unmoved while `buffer` holds the export; we only read it.
                unsafe { std::slice::from_raw_parts(buffer.ptr() as *const f64, len) }
            }
            Data::Owned(v) => v,
        }
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.shape.len()
    }

    /// The data of a 1-D argument, or ValueError naming it.
    pub fn vector(&self, name: &str) -> PyResult<&[f64]> {
        match self.shape {
            Shape::Vector(_) => Ok(self.as_slice()),
            other => Err(value_error(
                name,
                format!("expected a 1-D array, got {}", other.describe()),
            )),
        }
    }

    /// A 2-D argument as a row-major matrix view, or ValueError naming it.
    pub fn matrix(&self, name: &str) -> PyResult<MatRef<'_>> {
        match self.shape {
            Shape::Matrix(rows, cols) => MatRef::new(self.as_slice(), rows, cols)
                .map_err(|e| value_error(name, e.to_string())),
            other => Err(value_error(
                name,
                format!("expected a 2-D array, got {}", other.describe()),
            )),
        }
    }
}

/// Reads `obj`, the argument called `name`, as a number or an array of one or two dimensions.
pub fn extract_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Arg> {
    // Exact floats first: the scalar path must stay as cheap as a Python-level call.
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(Arg::Scalar(f.value()));
    }
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
    {
        return Err(type_error(
            name,
            format!(
                "expected a number or an array of numbers, got {}",
                type_name(obj)
            ),
        ));
    }
    if has_buffer(obj) {
        return buffer_arg::read(obj, name);
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return sequence::read(obj, name).map(Arg::Array);
    }
    if obj.is_instance_of::<PyComplex>() {
        return Err(type_error(name, "complex numbers are not supported"));
    }
    match as_real(obj) {
        Some(v) => Ok(Arg::Scalar(v)),
        None => Err(type_error(
            name,
            format!(
                "expected a number, a list/tuple of numbers or a numeric buffer, got {}",
                type_name(obj)
            ),
        )),
    }
}

/// Reads an argument that must be an array (of any supported rank).
pub fn extract_array(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Array> {
    match extract_arg(obj, name)? {
        Arg::Array(a) => Ok(a),
        Arg::Scalar(_) => Err(value_error(
            name,
            "expected an array (a list, tuple or buffer), got a single number",
        )),
    }
}

/// Reads an argument that must be a number (e.g. `clip`'s bounds); never an array.
pub fn extract_scalar(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<f64> {
    match extract_arg(obj, name)? {
        Arg::Scalar(v) => Ok(v),
        Arg::Array(a) => Err(value_error(
            name,
            format!("expected a single number, got {}", a.shape().describe()),
        )),
    }
}

/// `obj` as a real number via `__float__`/`__index__` (int, bool, numpy scalars, Fraction), or
/// `None`. Never parses strings: `float("1")` semantics are not wanted here.
fn as_real(obj: &Bound<'_, PyAny>) -> Option<f64> {
    // SAFETY: plain C-API call on a valid object while attached to the interpreter.
    let value = unsafe { pyo3::ffi::PyFloat_AsDouble(obj.as_ptr()) };
    if value == -1.0 && PyErr::take(obj.py()).is_some() {
        return None;
    }
    Some(value)
}

fn has_buffer(obj: &Bound<'_, PyAny>) -> bool {
    // SAFETY: plain C-API query on a valid object.
    unsafe { pyo3::ffi::PyObject_CheckBuffer(obj.as_ptr()) == 1 }
}

/// An empty vector with room for `len` elements, or MemoryError instead of an abort.
fn try_vec(len: usize, name: &str) -> PyResult<Vec<f64>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len)
        .map_err(|_| memory_error(name, len))?;
    Ok(v)
}

pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "an unknown type".to_owned())
}
