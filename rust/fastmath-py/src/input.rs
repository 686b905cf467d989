//! Reading Python arguments as `f64` data.
//!
//! The contract: a C-contiguous, aligned, native-endian float64 buffer is read in place (zero
//! copy); any other real-valued buffer (other dtypes, strides, byte order) or a list/tuple is
//! converted once into an owned `Vec<f64>`. Everything else is refused with an exception that
//! names the argument.

use std::ffi::c_void;

use pyo3::buffer::ElementType;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyFloat, PyList, PyString, PyTuple};

use crate::buffer::{Access, HeldBuffer};
use crate::errors::{memory_error, type_error, value_error};
use crate::numpy_interop;

/// A numeric argument: a single number or a 1-D vector of them.
pub enum Arg {
    Scalar(f64),
    Vector(Vector),
}

/// 1-D float64 data, borrowed from a Python buffer when its layout allows, else owned.
pub struct Vector {
    data: Data,
    /// Whether the argument was a numpy array: results then come back as numpy arrays.
    pub is_numpy: bool,
}

enum Data {
    /// Keeps the exporter's buffer alive (and its memory pinned) for as long as we read it.
    Borrowed {
        buffer: HeldBuffer,
        len: usize,
    },
    Owned(Vec<f64>),
}

impl Vector {
    pub fn as_slice(&self) -> &[f64] {
        match &self.data {
            Data::Borrowed { buffer, len } => {
                let ptr = buffer.ptr() as *const f64;
                if *len == 0 {
                    return &[];
                }
                // SAFETY: `borrow_f64` admitted this buffer only if it is C-contiguous, aligned
                // for f64, native-endian float64 with `len` items. The exporter keeps the memory
                // alive and unmoved while `buffer` holds the export, and we only read it.
                unsafe { std::slice::from_raw_parts(ptr, *len) }
            }
            Data::Owned(v) => v,
        }
    }

    pub fn len(&self) -> usize {
        self.as_slice().len()
    }
}

/// Reads `obj`, the argument called `name`, as a number or a 1-D vector.
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
                "expected a number or a 1-D array of numbers, got {}",
                type_name(obj)
            ),
        ));
    }
    if has_buffer(obj) {
        return from_buffer(obj, name);
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return from_sequence(obj, name).map(|data| {
            Arg::Vector(Vector {
                data: Data::Owned(data),
                is_numpy: false,
            })
        });
    }
    if obj.is_instance_of::<pyo3::types::PyComplex>() {
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

fn from_sequence(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<f64>> {
    let len = obj.len()?;
    let mut out = try_vec(len, name)?;
    for (index, item) in obj.try_iter()?.enumerate() {
        let item = item?;
        if let Ok(f) = item.cast::<PyFloat>() {
            out.push(f.value());
            continue;
        }
        if item.is_instance_of::<PyList>() || item.is_instance_of::<PyTuple>() || has_buffer(&item)
        {
            return Err(value_error(
                name,
                format!("expected a 1-D sequence of numbers, but element {index} is a sequence"),
            ));
        }
        if item.is_instance_of::<PyString>() || item.is_instance_of::<pyo3::types::PyComplex>() {
            return Err(type_error(
                name,
                format!(
                    "element {index} is {}, expected a real number",
                    type_name(&item)
                ),
            ));
        }
        match as_real(&item) {
            Some(v) => out.push(v),
            None => {
                return Err(if item.is_instance_of::<pyo3::types::PyInt>() {
                    value_error(
                        name,
                        format!("element {index} is an int too large to convert to float"),
                    )
                } else {
                    type_error(
                        name,
                        format!(
                            "element {index} is {}, expected a real number",
                            type_name(&item)
                        ),
                    )
                });
            }
        }
    }
    Ok(out)
}

fn from_buffer(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Arg> {
    let buffer = HeldBuffer::get(obj, Access::Read)
        .map_err(|e| type_error(name, format!("cannot read its buffer: {e}")))?;
    let is_numpy = numpy_interop::is_ndarray(obj);
    let format = buffer.format().to_vec();
    let element = element_kind(&format)
        .filter(|e| e.width() == buffer.item_size())
        .ok_or_else(|| {
            type_error(
                name,
                format!(
                    "unsupported element format {:?}: expected real numbers (bool, int, float)",
                    String::from_utf8_lossy(&format)
                ),
            )
        })?;
    if buffer.is_indirect() {
        return Err(type_error(
            name,
            "indirect (PIL-style) buffers are not supported",
        ));
    }
    let shape = buffer.shape();
    match shape.len() {
        // SAFETY: a 0-d buffer holds exactly one item at its pointer.
        0 => return Ok(Arg::Scalar(unsafe { element.read(buffer.ptr()) })),
        1 => {}
        n => {
            return Err(value_error(
                name,
                format!("expected a 1-D array, got a {n}-D array of shape {shape:?}"),
            ));
        }
    }
    let len = shape[0];
    let stride = buffer.strides()[0];
    let aligned = (buffer.ptr() as usize).is_multiple_of(std::mem::align_of::<f64>());
    if element == Element::F64 && stride == 8 && aligned {
        return Ok(Arg::Vector(Vector {
            data: Data::Borrowed { buffer, len },
            is_numpy,
        }));
    }
    let mut out = try_vec(len, name)?;
    let base = buffer.ptr() as *const u8;
    for i in 0..len {
        // SAFETY: the exporter guarantees `base + i * stride` addresses item i of a 1-D buffer
        // for i < shape[0]; `read` does unaligned reads of `element`'s width.
        out.push(unsafe { element.read(base.offset(i as isize * stride) as *const c_void) });
    }
    Ok(Arg::Vector(Vector {
        data: Data::Owned(out),
        is_numpy,
    }))
}

/// A buffer element type fastmath converts to f64, with its byte order.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Element {
    F64,
    Swapped(Kind),
    Native(Kind),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bool,
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    I64,
    U64,
    F16,
    F32,
    F64,
}

fn element_kind(format: &[u8]) -> Option<Element> {
    let swapped = cfg!(target_endian = "little") && matches!(format.first(), Some(b'>' | b'!'));
    let c_format = std::ffi::CString::new(format).ok()?;
    let kind = match ElementType::from_format(&c_format) {
        ElementType::Bool => Kind::Bool,
        ElementType::SignedInteger { bytes: 1 } => Kind::I8,
        ElementType::SignedInteger { bytes: 2 } => Kind::I16,
        ElementType::SignedInteger { bytes: 4 } => Kind::I32,
        ElementType::SignedInteger { bytes: 8 } => Kind::I64,
        ElementType::UnsignedInteger { bytes: 1 } => Kind::U8,
        ElementType::UnsignedInteger { bytes: 2 } => Kind::U16,
        ElementType::UnsignedInteger { bytes: 4 } => Kind::U32,
        ElementType::UnsignedInteger { bytes: 8 } => Kind::U64,
        ElementType::Float { bytes: 2 } => Kind::F16,
        ElementType::Float { bytes: 4 } => Kind::F32,
        ElementType::Float { bytes: 8 } => Kind::F64,
        _ => return None,
    };
    Some(match (kind, swapped) {
        (Kind::F64, false) => Element::F64,
        (kind, false) => Element::Native(kind),
        (kind, true) => Element::Swapped(kind),
    })
}

impl Element {
    /// Bytes per element, to check against the exporter's itemsize.
    fn width(self) -> usize {
        match self {
            Element::F64 => 8,
            Element::Native(k) | Element::Swapped(k) => match k {
                Kind::Bool | Kind::I8 | Kind::U8 => 1,
                Kind::I16 | Kind::U16 | Kind::F16 => 2,
                Kind::I32 | Kind::U32 | Kind::F32 => 4,
                Kind::I64 | Kind::U64 | Kind::F64 => 8,
            },
        }
    }

    /// Reads one element at `ptr` (any alignment) as f64.
    ///
    /// # Safety
    /// `ptr` must address a readable element of this type.
    unsafe fn read(self, ptr: *const c_void) -> f64 {
        let (kind, swap) = match self {
            Element::F64 => (Kind::F64, false),
            Element::Native(k) => (k, false),
            Element::Swapped(k) => (k, true),
        };
        macro_rules! get {
            ($t:ty) => {{
                // SAFETY: guaranteed by the caller.
                let raw = unsafe { (ptr as *const $t).read_unaligned() };
                if swap { raw.swap_bytes() } else { raw }
            }};
        }
        match kind {
            Kind::Bool => f64::from(u8::from(get!(u8) != 0)),
            Kind::I8 => f64::from(get!(i8)),
            Kind::U8 => f64::from(get!(u8)),
            Kind::I16 => f64::from(get!(i16)),
            Kind::U16 => f64::from(get!(u16)),
            Kind::I32 => f64::from(get!(i32)),
            Kind::U32 => f64::from(get!(u32)),
            Kind::I64 => get!(i64) as f64,
            Kind::U64 => get!(u64) as f64,
            Kind::F16 => f16_to_f64(get!(u16)),
            Kind::F32 => f64::from(f32::from_bits(get!(u32))),
            Kind::F64 => f64::from_bits(get!(u64)),
        }
    }
}

/// IEEE binary16 to f64, exactly (every half is representable as a double).
fn f16_to_f64(bits: u16) -> f64 {
    let sign = if bits & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exponent = i32::from((bits >> 10) & 0x1f);
    let mantissa = f64::from(bits & 0x3ff);
    sign * match exponent {
        0 => mantissa * 2f64.powi(-24),
        0x1f if mantissa == 0.0 => f64::INFINITY,
        0x1f => f64::NAN,
        e => (1.0 + mantissa / 1024.0) * 2f64.powi(e - 15),
    }
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

#[cfg(test)]
mod tests {
    use super::f16_to_f64;

    #[test]
    fn half_floats_convert_exactly() {
        assert_eq!(f16_to_f64(0x3c00), 1.0);
        assert_eq!(f16_to_f64(0xc000), -2.0);
        assert_eq!(f16_to_f64(0x7bff), 65504.0);
        assert_eq!(f16_to_f64(0x0001), 2f64.powi(-24));
        assert_eq!(f16_to_f64(0x7c00), f64::INFINITY);
        assert!(f16_to_f64(0x7e00).is_nan());
    }
}
