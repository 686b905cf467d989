//! Python objects as fastmath-api [`Value`]s.
//!
//! A call first reads every argument into a [`Held`] (what a value borrows: a buffer export, a
//! converted list, a str's UTF-8) and only then makes the `Value`s, borrowing from the helds,
//! so every borrowed byte outlives the call. What cannot be read becomes
//! `Value::Invalid(InputError)`: the parameter it is bound to words the error.

use fastmath_api::value::ListArray;
use fastmath_api::{ArrayRef, BigInt, InputError, Value};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyTuple};

use crate::buffer::{Access, HeldBuffer, Slot};
use crate::numpy_interop;
use crate::sequences;

/// What one argument's [`Value`] borrows, kept for the duration of the call. Small (the call
/// keeps one per parameter on its stack, and the scalar path must stay cheap).
pub enum Held<'a> {
    /// A number or `None`.
    Scalar(Scalar),
    /// A `numpy.float64`: the 0-D float64 array it stands for (numpy scalars are strong), read
    /// as a float without exporting its buffer.
    Float64([f64; 1]),
    /// What could not be read.
    Invalid(InputError),
    /// A str, borrowed as UTF-8 from the argument itself.
    Str(&'a str),
    /// A type or a numpy dtype, by its name (`int`, `float32`): what a `dtype` parameter takes,
    /// read as a str.
    Name(String),
    /// A buffer, read in place while the export is held.
    Buffer(HeldBuffer<'a>),
    /// A list or tuple, converted to a contiguous array of numpy's dtype for it.
    Sequence(Box<ListArray>),
    /// A `fastmath.ComplexArray`: the export of its float pairs, read as complex.
    Pairs(HeldBuffer<'a>),
}

/// The values that borrow nothing and own nothing.
#[derive(Clone, Copy)]
pub enum Scalar {
    None,
    Bool(bool),
    Int(i64),
    BigInt(BigInt),
    Float(f64),
}

impl Held<'_> {
    /// The argument as fastmath-api sees it.
    pub fn value(&self) -> Value<'_> {
        match self {
            Held::Scalar(Scalar::Float(v)) => Value::Float(*v),
            Held::Scalar(Scalar::Int(v)) => Value::Int(*v),
            Held::Scalar(Scalar::Bool(b)) => Value::Bool(*b),
            Held::Scalar(Scalar::BigInt(v)) => Value::BigInt(*v),
            Held::Scalar(Scalar::None) => Value::None,
            Held::Float64(v) => {
                ArrayRef::from_f64(v, &[]).map_or_else(Value::Invalid, Value::Array)
            }
            Held::Invalid(err) => Value::Invalid(err.clone()),
            Held::Str(s) => Value::Str(s),
            Held::Name(s) => Value::Str(s),
            Held::Buffer(buffer) => buffer.array().map_or_else(Value::Invalid, Value::Array),
            Held::Sequence(list) => list.array().map_or_else(Value::Invalid, Value::Array),
            Held::Pairs(buffer) => buffer
                .array()
                .and_then(|a| a.pairs_as_complex().ok_or(InputError::Layout))
                .map_or_else(Value::Invalid, Value::Array),
        }
    }
}

impl From<Result<Scalar, InputError>> for Held<'_> {
    fn from(read: Result<Scalar, InputError>) -> Self {
        match read {
            Ok(scalar) => Held::Scalar(scalar),
            Err(err) => Held::Invalid(err),
        }
    }
}

/// Reads the argument `obj`; sets `numpy` when it is a numpy array (results then are too). A
/// buffer's export is held in `slot`.
///
/// # Safety
/// `obj` must be a valid object that stays alive for `'a` (an argument of the current call).
pub unsafe fn read<'a>(
    py: Python<'_>,
    obj: *mut ffi::PyObject,
    numpy: &mut bool,
    slot: &'a mut Slot,
) -> Held<'a> {
    // SAFETY: guaranteed by the caller.
    let obj = unsafe { Bound::from_borrowed_ptr(py, obj) };
    let ptr = obj.as_ptr();
    // The common scalars first, with the cheapest checks: `square(3.0)` costs what a Python
    // function call costs.
    // SAFETY (this block): type checks and conversions of a valid object while attached.
    unsafe {
        if ffi::PyFloat_CheckExact(ptr) != 0 {
            return Held::Scalar(Scalar::Float(ffi::PyFloat_AsDouble(ptr)));
        }
        if ffi::PyLong_Check(ptr) != 0 {
            return int_value(py, ptr).into();
        }
        if ptr == ffi::Py_None() {
            return Held::Scalar(Scalar::None);
        }
    }
    // Arrays of the common exact types next: none is a sequence, text or a float, so they go
    // straight to their export.
    if let Some(is_numpy) = numpy_interop::exact_array_kind(&obj) {
        return buffer(py, &obj, || is_numpy, numpy, slot);
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return match sequences::read(&obj) {
            Ok(converted) => Held::Sequence(Box::new(converted)),
            Err(err) => Held::Invalid(err),
        };
    }
    // fastmath's own complex results: their float pairs, read as the complex values they are
    // (their buffer, on Python 3.12+, is the pairs as floats).
    if let Some(pairs) = complex_pairs(py, &obj) {
        return match HeldBuffer::get(&pairs, Access::Read, slot) {
            Ok(buffer) => Held::Pairs(buffer),
            Err(err) => Held::Invalid(InputError::Buffer {
                reason: exception_text(py, &err),
            }),
        };
    }
    // Buffers before the remaining type checks (each a subtype walk), so arrays pay little.
    // SAFETY: a protocol check of a valid object.
    if unsafe { ffi::PyObject_CheckBuffer(ptr) } != 0 {
        // SAFETY: `obj` lives for `'a` (guaranteed by the caller).
        if let Some(text) = unsafe { as_text(&obj) } {
            return text;
        }
        // numpy.float64 subclasses float but, like every numpy scalar, is read as the 0-D
        // array of its dtype: numpy 2 (NEP 50) makes numpy scalars strong in promotion, only
        // Python's numbers weak. Another float subclass that exports a buffer is a float.
        let is_numpy = numpy_interop::is_numpy(&obj);
        // SAFETY: a type check and a conversion that calls no Python code for a float.
        if unsafe { ffi::PyFloat_Check(ptr) } != 0 {
            let value = unsafe { ffi::PyFloat_AsDouble(ptr) };
            if !is_numpy {
                return Held::Scalar(Scalar::Float(value));
            }
            *numpy = true;
            return Held::Float64([value]);
        }
        return buffer(py, &obj, || is_numpy, numpy, slot);
    }
    // SAFETY: a type check and a conversion that calls no Python code for a float.
    if unsafe { ffi::PyFloat_Check(ptr) } != 0 {
        return Held::Scalar(Scalar::Float(unsafe { ffi::PyFloat_AsDouble(ptr) }));
    }
    // SAFETY: `obj` lives for `'a` (guaranteed by the caller).
    if let Some(text) = unsafe { as_text(&obj) } {
        return text;
    }
    // SAFETY: a type check of a valid object.
    if unsafe { ffi::PyComplex_Check(ptr) } != 0 {
        return Held::Invalid(InputError::Complex);
    }
    if let Some(name) = dtype_name(&obj) {
        return Held::Name(name);
    }
    number(py, &obj)
        .unwrap_or_else(|| {
            Err(InputError::Type {
                type_name: type_name(&obj),
            })
        })
        .into()
}

/// The name of a type (`int`, `numpy.float32`: its `__name__`) or of a numpy dtype (its
/// `name`), which a `dtype` parameter reads as a str; `None` for anything else.
fn dtype_name(obj: &Bound<'_, PyAny>) -> Option<String> {
    if let Ok(class) = obj.cast::<pyo3::types::PyType>() {
        return class.name().ok().map(|n| n.to_string());
    }
    let class = obj.get_type();
    let module = class.module().ok()?.to_string();
    if module == "numpy.dtypes" || (module == "numpy" && type_name(obj) == "dtype") {
        return obj.getattr("name").ok()?.extract::<String>().ok();
    }
    None
}

/// `fastmath.ComplexArray`, looked up once.
static COMPLEX_ARRAY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The float pairs (`_pairs`, a memoryview of shape `(..., 2)`) of a `fastmath.ComplexArray`;
/// `None` for any other object.
fn complex_pairs<'py>(py: Python<'py>, obj: &Bound<'py, PyAny>) -> Option<Bound<'py, PyAny>> {
    let class = COMPLEX_ARRAY
        .get_or_try_init(py, || {
            py.import("fastmath._complex")?
                .getattr("ComplexArray")
                .map(Bound::unbind)
        })
        .ok()?;
    if !obj.get_type().is(class.bind(py)) {
        return None;
    }
    obj.getattr(pyo3::intern!(py, "_pairs")).ok()
}

/// The export of `obj`'s buffer, held in `slot`; sets `numpy` when the exporter `is_numpy`
/// (results then are numpy arrays too).
fn buffer<'a>(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    is_numpy: impl FnOnce() -> bool,
    numpy: &mut bool,
    slot: &'a mut Slot,
) -> Held<'a> {
    match HeldBuffer::get(obj, Access::Read, slot) {
        Ok(buffer) => {
            *numpy |= is_numpy();
            Held::Buffer(buffer)
        }
        Err(err) => Held::Invalid(InputError::Buffer {
            reason: exception_text(py, &err),
        }),
    }
}

/// A str (borrowed as UTF-8 for the call), or a bytes-like object refused as text.
///
/// # Safety
/// `obj` must stay alive for `'a`.
unsafe fn as_text<'a>(obj: &Bound<'_, PyAny>) -> Option<Held<'a>> {
    let ptr = obj.as_ptr();
    // SAFETY: type checks of a valid object.
    let (is_str, is_bytes) = unsafe {
        (
            ffi::PyUnicode_Check(ptr) != 0,
            ffi::PyBytes_Check(ptr) != 0 || ffi::PyByteArray_Check(ptr) != 0,
        )
    };
    if is_bytes {
        return Some(Held::Invalid(InputError::Text {
            type_name: type_name(obj),
        }));
    }
    if !is_str {
        return None;
    }
    let mut size: ffi::Py_ssize_t = 0;
    // SAFETY: `ptr` is a str; the UTF-8 it returns is cached in the str object, which the
    // caller keeps alive for `'a`.
    let utf8 = unsafe { ffi::PyUnicode_AsUTF8AndSize(ptr, &mut size) };
    if utf8.is_null() {
        // Lone surrogates have no UTF-8: no option's name contains one.
        PyErr::take(obj.py());
        return Some(Held::Invalid(InputError::Text {
            type_name: type_name(obj),
        }));
    }
    // SAFETY: CPython returned `size` bytes of valid UTF-8 at `utf8`, alive as said above.
    let bytes = unsafe { std::slice::from_raw_parts(utf8.cast::<u8>(), size as usize) };
    Some(Held::Str(std::str::from_utf8(bytes).unwrap_or_default()))
}

/// A Python int (bool included) as a value: exact when it fits 128 bits (int64 the common
/// case), else as a float, else too large.
///
/// # Safety
/// `ptr` must be a valid int object.
unsafe fn int_value(py: Python<'_>, ptr: *mut ffi::PyObject) -> Result<Scalar, InputError> {
    // SAFETY: comparisons with the singletons.
    unsafe {
        if ptr == ffi::Py_True() {
            return Ok(Scalar::Bool(true));
        }
        if ptr == ffi::Py_False() {
            return Ok(Scalar::Bool(false));
        }
    }
    let mut overflow = 0;
    // SAFETY: `ptr` is an int.
    let exact = unsafe { ffi::PyLong_AsLongLongAndOverflow(ptr, &mut overflow) };
    if overflow == 0 {
        if exact == -1 && PyErr::take(py).is_some() {
            return Err(InputError::IntTooLarge);
        }
        return Ok(Scalar::Int(exact));
    }
    // Beyond int64, the rare case: exact within 128 bits (integer bounds up to uint64's 2**64
    // and beyond must compare exactly), else its float.
    // SAFETY: `ptr` is a valid int, borrowed for this call.
    let int = unsafe { Bound::from_borrowed_ptr(py, ptr) };
    if let Ok(wide) = int.extract::<i128>() {
        return Ok(Scalar::BigInt(BigInt::exact(wide)));
    }
    // SAFETY: `ptr` is an int.
    let approx = unsafe { ffi::PyLong_AsDouble(ptr) };
    if approx == -1.0 && PyErr::take(py).is_some() {
        return Err(InputError::IntTooLarge);
    }
    Ok(Scalar::BigInt(BigInt::approx(approx)))
}

/// Another object as a number: through `__index__` as an int (so that int-like objects stay
/// exact for integer parameters), else through `__float__`; `None` when it has neither (or
/// they raise).
fn number(py: Python<'_>, obj: &Bound<'_, PyAny>) -> Option<Result<Scalar, InputError>> {
    let ptr = obj.as_ptr();
    // SAFETY: protocol checks and calls on a valid object while attached; the new reference
    // `PyNumber_Index` returns is owned by `index` and released by its drop.
    unsafe {
        if ffi::PyIndex_Check(ptr) != 0 {
            let index = Bound::from_owned_ptr_or_opt(py, ffi::PyNumber_Index(ptr));
            return match index {
                Some(int) => Some(int_value(py, int.as_ptr())),
                None => {
                    PyErr::take(py);
                    None
                }
            };
        }
        let value = ffi::PyFloat_AsDouble(ptr);
        if value == -1.0 && PyErr::take(py).is_some() {
            return None;
        }
        Some(Ok(Scalar::Float(value)))
    }
}

/// The type's `__name__`, for messages (worded by fastmath-api).
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// The text of a Python exception (its `str`), for errors that quote Python's own reason.
pub fn exception_text(py: Python<'_>, err: &PyErr) -> String {
    err.value(py).to_string()
}
