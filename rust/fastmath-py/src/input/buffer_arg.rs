//! Arguments that export a buffer: numpy arrays, array.array, memoryview, ctypes arrays.

use std::ffi::c_void;

use pyo3::prelude::*;

use super::element::{Element, element_kind};
use super::{Arg, Array, Data, Shape, try_vec};
use crate::buffer::{Access, HeldBuffer};
use crate::errors::{type_error, value_error};
use crate::numpy_interop;

pub fn read(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Arg> {
    let buffer = HeldBuffer::get(obj, Access::Read)
        .map_err(|e| type_error(name, format!("cannot read its buffer: {e}")))?;
    let is_numpy = numpy_interop::is_ndarray(obj);
    let format = buffer.format();
    let element = element_kind(format)
        .filter(|e| e.width() == buffer.item_size())
        .ok_or_else(|| {
            type_error(
                name,
                format!(
                    "unsupported element format {:?}: expected real numbers (bool, int, float)",
                    format.to_string_lossy()
                ),
            )
        })?;
    if buffer.is_indirect() {
        return Err(type_error(
            name,
            "indirect (PIL-style) buffers are not supported",
        ));
    }
    let shape = match buffer.ndim() {
        // SAFETY: a 0-d buffer holds exactly one item at its pointer.
        0 => return Ok(Arg::Scalar(unsafe { element.read(buffer.ptr()) })),
        1 => Shape::Vector(buffer.dim(0)),
        2 => Shape::Matrix(buffer.dim(0), buffer.dim(1)),
        ndim => {
            return Err(value_error(
                name,
                format!(
                    "expected at most 2 dimensions, got a {ndim}-D array of shape {:?}",
                    buffer.shape()
                ),
            ));
        }
    };
    let contiguous = match shape {
        Shape::Vector(n) => n <= 1 || buffer.stride(0) == 8,
        Shape::Matrix(r, c) => {
            (c <= 1 || buffer.stride(1) == 8) && (r <= 1 || buffer.stride(0) == 8 * c as isize)
        }
    };
    let aligned = (buffer.ptr() as usize).is_multiple_of(std::mem::align_of::<f64>());
    if element == Element::F64 && contiguous && aligned {
        return Ok(Arg::Array(Array {
            data: Data::Borrowed(buffer),
            shape,
            is_numpy,
        }));
    }
    let (rows, cols, row_stride, col_stride) = match shape {
        Shape::Vector(n) => (1, n, 0, buffer.stride(0)),
        Shape::Matrix(r, c) => (r, c, buffer.stride(0), buffer.stride(1)),
    };
    let mut out = try_vec(shape.len(), name)?;
    let base = buffer.ptr() as *const u8;
    for i in 0..rows {
        for j in 0..cols {
            let offset = i as isize * row_stride + j as isize * col_stride;
            // SAFETY: the exporter guarantees `base + i*strides[0] + j*strides[1]` addresses
            // item (i, j) for indices within its shape; `read` does unaligned reads.
            out.push(unsafe { element.read(base.offset(offset) as *const c_void) });
        }
    }
    Ok(Arg::Array(Array::owned(out, shape, is_numpy)))
}
