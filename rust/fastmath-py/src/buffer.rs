//! A held export of a Python object's buffer (PEP 3118), read with no assumptions beyond the
//! protocol.
//!
//! pyo3's `PyUntypedBuffer` refuses exports without `shape` (0-d numpy scalars) or `strides`
//! (ctypes arrays), both of which the protocol allows; fastmath accepts every real-valued
//! buffer, so it keeps its own small wrapper.

use std::ffi::{CStr, c_void};

use pyo3::ffi;
use pyo3::prelude::*;

/// The buffer of an object, held (and its memory pinned) until drop.
pub struct HeldBuffer {
    raw: Box<ffi::Py_buffer>,
}

/// What the holder intends to do with the memory.
#[derive(Clone, Copy)]
pub enum Access {
    Read,
    Write,
}

impl HeldBuffer {
    pub fn get(obj: &Bound<'_, PyAny>, access: Access) -> PyResult<Self> {
        let flags = match access {
            Access::Read => ffi::PyBUF_FULL_RO,
            Access::Write => ffi::PyBUF_FULL,
        };
        // SAFETY: Py_buffer is plain data; PyObject_GetBuffer fills it or fails.
        let mut raw: Box<ffi::Py_buffer> = Box::new(unsafe { std::mem::zeroed() });
        let status = unsafe { ffi::PyObject_GetBuffer(obj.as_ptr(), &mut *raw, flags) };
        if status != 0 {
            return Err(PyErr::fetch(obj.py()));
        }
        Ok(Self { raw })
    }

    pub fn ptr(&self) -> *mut c_void {
        self.raw.buf
    }

    pub fn ndim(&self) -> usize {
        usize::try_from(self.raw.ndim).unwrap_or(0)
    }

    pub fn item_size(&self) -> usize {
        usize::try_from(self.raw.itemsize).unwrap_or(0)
    }

    pub fn readonly(&self) -> bool {
        self.raw.readonly != 0
    }

    /// The struct-module format; a missing format means unsigned bytes, per the protocol.
    pub fn format(&self) -> &[u8] {
        if self.raw.format.is_null() {
            b"B"
        } else {
            // SAFETY: a non-null format is a NUL-terminated string owned by the export.
            unsafe { CStr::from_ptr(self.raw.format) }.to_bytes()
        }
    }

    /// The extent of each dimension (empty for 0-d; `[len]` when the exporter gave no shape).
    pub fn shape(&self) -> Vec<usize> {
        let ndim = self.ndim();
        if self.raw.shape.is_null() {
            return if ndim == 0 {
                Vec::new()
            } else {
                vec![usize::try_from(self.raw.len).unwrap_or(0) / self.item_size().max(1)]
            };
        }
        // SAFETY: a non-null shape has ndim entries.
        unsafe { std::slice::from_raw_parts(self.raw.shape, ndim) }
            .iter()
            .map(|&n| usize::try_from(n).unwrap_or(0))
            .collect()
    }

    /// Byte strides of each dimension; C-contiguous ones when the exporter gave none.
    pub fn strides(&self) -> Vec<isize> {
        let ndim = self.ndim();
        if !self.raw.strides.is_null() {
            // SAFETY: non-null strides have ndim entries.
            return unsafe { std::slice::from_raw_parts(self.raw.strides, ndim) }.to_vec();
        }
        let shape = self.shape();
        let mut strides = vec![0isize; ndim];
        let mut step = self.raw.itemsize;
        for d in (0..ndim).rev() {
            strides[d] = step;
            step = step.saturating_mul(isize::try_from(shape[d]).unwrap_or(isize::MAX));
        }
        strides
    }

    /// Whether any dimension needs PIL-style indirection, which fastmath does not read.
    pub fn is_indirect(&self) -> bool {
        if self.raw.suboffsets.is_null() {
            return false;
        }
        // SAFETY: non-null suboffsets have ndim entries.
        unsafe { std::slice::from_raw_parts(self.raw.suboffsets, self.ndim()) }
            .iter()
            .any(|&o| o >= 0)
    }
}

impl Drop for HeldBuffer {
    fn drop(&mut self) {
        // SAFETY: the export was successful and is released exactly once. Every HeldBuffer is
        // created and dropped inside a call from Python, i.e. while attached to the interpreter.
        unsafe { ffi::PyBuffer_Release(&mut *self.raw) };
    }
}
