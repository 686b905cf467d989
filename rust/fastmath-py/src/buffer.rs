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

    /// The number of dimensions; 1 for an export without a shape (the protocol allows that
    /// only for one-dimensional data, so no more than one extent is ever read from `len`).
    pub fn ndim(&self) -> usize {
        let ndim = usize::try_from(self.raw.ndim).unwrap_or(0);
        if self.raw.shape.is_null() {
            ndim.min(1)
        } else {
            ndim
        }
    }

    pub fn item_size(&self) -> usize {
        usize::try_from(self.raw.itemsize).unwrap_or(0)
    }

    pub fn readonly(&self) -> bool {
        self.raw.readonly != 0
    }

    /// The struct-module format; a missing format means unsigned bytes, per the protocol.
    /// Borrowed from the export: no allocation on the per-call path.
    pub fn format(&self) -> &CStr {
        if self.raw.format.is_null() {
            c"B"
        } else {
            // SAFETY: a non-null format is a NUL-terminated string owned by the export.
            unsafe { CStr::from_ptr(self.raw.format) }
        }
    }

    /// The extent of dimension `d`; `len / itemsize` when the exporter gave no shape (then
    /// there is one dimension); 1 for `d >= ndim`, as if trailing dimensions of one.
    pub fn dim(&self, d: usize) -> usize {
        if d >= self.ndim() {
            return 1;
        }
        if self.raw.shape.is_null() {
            return usize::try_from(self.raw.len).unwrap_or(0) / self.item_size().max(1);
        }
        // SAFETY: a non-null shape has ndim entries and `d < ndim`.
        usize::try_from(unsafe { *self.raw.shape.add(d) }).unwrap_or(0)
    }

    /// The byte stride of dimension `d`; the C-contiguous one when the exporter gave no
    /// strides (and for `d >= ndim`).
    pub fn stride(&self, d: usize) -> isize {
        if !self.raw.strides.is_null() && d < self.ndim() {
            // SAFETY: non-null strides have ndim entries and `d < ndim`.
            return unsafe { *self.raw.strides.add(d) };
        }
        (d + 1..self.ndim()).fold(self.raw.itemsize, |step, k| {
            step.saturating_mul(isize::try_from(self.dim(k)).unwrap_or(isize::MAX))
        })
    }

    /// The extent of each dimension (empty for 0-d), for messages: the per-call paths use
    /// [`Self::dim`], which does not allocate.
    pub fn shape(&self) -> Vec<usize> {
        (0..self.ndim()).map(|d| self.dim(d)).collect()
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
