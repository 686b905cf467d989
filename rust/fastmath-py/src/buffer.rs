//! A held export of a Python object's buffer (PEP 3118), read with no assumptions beyond the
//! protocol, and described to fastmath-api as an array read in place.
//!
//! pyo3's `PyUntypedBuffer` refuses exports without `shape` (0-d numpy scalars) or `strides`
//! (ctypes arrays), both of which the protocol allows; fastmath accepts every real-valued
//! buffer, so it keeps its own small wrapper.

use std::ffi::{CStr, c_char, c_void};
use std::mem::MaybeUninit;

use fastmath_api::array::Layout;
use fastmath_api::{ArrayRef, ByteOrder, DType, InputError};
use pyo3::ffi;
use pyo3::prelude::*;

/// Where an export lives while it is held, provided by the holder's caller (on its stack).
///
/// The `Py_buffer` must not move while the export is held: an exporter may point into it
/// (`array.array` sets `strides = &view->itemsize`). A slot in the caller's frame gives it a
/// fixed address without a heap allocation per buffer, which small calls noticed.
pub type Slot = MaybeUninit<ffi::Py_buffer>;

/// A fresh [`Slot`].
pub const fn slot() -> Slot {
    MaybeUninit::uninit()
}

/// The buffer of an object, held (and its memory pinned) until drop.
pub struct HeldBuffer<'s> {
    raw: &'s mut ffi::Py_buffer,
    /// The shape of an export that has none (1-D by the protocol): `len / itemsize`.
    flat: [usize; 1],
}

/// What the holder intends to do with the memory.
#[derive(Clone, Copy)]
pub enum Access {
    Read,
    Write,
}

impl<'s> HeldBuffer<'s> {
    /// Exports `obj`'s buffer into `slot`; released when the `HeldBuffer` drops.
    pub fn get(obj: &Bound<'_, PyAny>, access: Access, slot: &'s mut Slot) -> PyResult<Self> {
        let flags = match access {
            Access::Read => ffi::PyBUF_FULL_RO,
            Access::Write => ffi::PyBUF_FULL,
        };
        // SAFETY: Py_buffer is plain data (pointers and integers), for which all zeros is a
        // valid value.
        let raw = slot.write(unsafe { std::mem::zeroed() });
        // SAFETY: `obj` is a valid object and `raw` a writable Py_buffer; CPython fills it or
        // fails (and then holds nothing that needs releasing).
        let status = unsafe { ffi::PyObject_GetBuffer(obj.as_ptr(), &mut *raw, flags) };
        if status != 0 {
            return Err(PyErr::fetch(obj.py()));
        }
        let itemsize = usize::try_from(raw.itemsize).unwrap_or(0).max(1);
        let flat = [usize::try_from(raw.len)
            .unwrap_or(0)
            .checked_div(itemsize)
            .unwrap_or(0)];
        Ok(Self { raw, flat })
    }

    pub fn ptr(&self) -> *mut c_void {
        self.raw.buf
    }

    pub fn readonly(&self) -> bool {
        self.raw.readonly != 0
    }

    pub fn item_size(&self) -> usize {
        usize::try_from(self.raw.itemsize).unwrap_or(0)
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

    /// `(F64, Native)` when the format is plain `"d"` with 8-byte items (most arguments), told
    /// without measuring the format string; `None` leaves it to [`DType::from_format`].
    fn native_f64(&self) -> Option<(DType, ByteOrder)> {
        let format = self.raw.format;
        if format.is_null() || self.raw.itemsize != 8 {
            return None;
        }
        // SAFETY: a non-null format is a NUL-terminated string owned by the export: its first
        // byte is readable, and its second too when the first is not the NUL.
        let plain_d = unsafe { *format == b'd' as c_char && *format.add(1) == 0 };
        plain_d.then_some((DType::F64, ByteOrder::Native))
    }

    /// The extent of each dimension, borrowed from the export (`None` if one is negative,
    /// which no valid export has). An export without a shape is 1-D (0-D when `ndim` is 0).
    pub fn shape(&self) -> Option<&[usize]> {
        let ndim = usize::try_from(self.raw.ndim).ok()?;
        if self.raw.shape.is_null() {
            // 1-D by the protocol (0-D when `ndim` is 0); more dimensions need a shape.
            return self.flat.get(..ndim);
        }
        // SAFETY: a non-null shape has `ndim` entries, alive as long as the export.
        let shape = unsafe { std::slice::from_raw_parts(self.raw.shape, ndim) };
        if shape.iter().any(|&n| n < 0) {
            return None;
        }
        // SAFETY: every entry is non-negative, and isize and usize have one size and alignment.
        Some(unsafe { std::slice::from_raw_parts(shape.as_ptr().cast::<usize>(), ndim) })
    }

    /// The byte strides, borrowed from the export; `None` means C-contiguous (an export
    /// without strides, such as a ctypes array's).
    pub fn strides(&self) -> Option<&[isize]> {
        if self.raw.strides.is_null() {
            return None;
        }
        let ndim = usize::try_from(self.raw.ndim).unwrap_or(0);
        // SAFETY: non-null strides have `ndim` entries, alive as long as the export.
        Some(unsafe { std::slice::from_raw_parts(self.raw.strides, ndim) })
    }

    /// Whether the elements lie in C order, one after the other (for result buffers, which
    /// fastmath writes as flat slices).
    pub fn is_c_contiguous(&self) -> bool {
        let Some(shape) = self.shape() else {
            return false;
        };
        let itemsize = usize::try_from(self.raw.itemsize).unwrap_or(0);
        self.strides()
            .is_none_or(|strides| fastmath_api::array::is_c_contiguous(shape, strides, itemsize))
    }

    /// Whether any dimension needs PIL-style indirection, which fastmath does not read.
    fn is_indirect(&self) -> bool {
        if self.raw.suboffsets.is_null() {
            return false;
        }
        let ndim = usize::try_from(self.raw.ndim).unwrap_or(0);
        // SAFETY: non-null suboffsets have ndim entries.
        unsafe { std::slice::from_raw_parts(self.raw.suboffsets, ndim) }
            .iter()
            .any(|&o| o >= 0)
    }

    /// The exported memory as an array, read in place: any real dtype, any strides (negative
    /// and zero ones included), either byte order, any alignment.
    pub fn array(&self) -> Result<ArrayRef<'_>, InputError> {
        let (dtype, order) = match self.native_f64() {
            Some(dtype_order) => dtype_order,
            None => {
                let format = self.format();
                DType::from_format(format.to_bytes(), self.item_size()).ok_or_else(|| {
                    InputError::Format {
                        format: format.to_string_lossy().into_owned(),
                    }
                })?
            }
        };
        if self.is_indirect() {
            return Err(InputError::Indirect);
        }
        let shape = self.shape().ok_or(InputError::Layout)?;
        let strides = match (shape, self.strides()) {
            // One dimension stepping one item: C-contiguous, which needs no strides walked.
            ([_], Some(&[stride])) if usize::try_from(stride) == Ok(dtype.itemsize()) => None,
            (_, strides) => strides,
        };
        let layout = Layout::new(dtype, order, shape, strides)?;
        // The bytes from the lowest to the highest address any element occupies: the exporter
        // promises that this memory is readable while the export is held.
        let low = layout.low();
        let (data, offset): (&[u8], usize) = if layout.span() == 0 {
            (&[], 0)
        } else {
            // SAFETY: see above; `low` is the (non-positive) byte offset of the lowest element
            // from `buf`, so `buf + low .. buf + low + span` lies inside the exported memory.
            let start = unsafe { self.raw.buf.cast::<u8>().cast_const().offset(low) };
            (
                unsafe { std::slice::from_raw_parts(start, layout.span()) },
                low.unsigned_abs(),
            )
        };
        layout.place(data, offset)
    }
}

impl Drop for HeldBuffer<'_> {
    fn drop(&mut self) {
        // SAFETY: the export was successful and is released exactly once. Every HeldBuffer is
        // created and dropped inside a call from Python, i.e. while attached to the interpreter.
        unsafe { ffi::PyBuffer_Release(self.raw) };
    }
}
