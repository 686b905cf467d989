//! Result arrays: allocated by Python in their final form and filled in place by the kernels,
//! so a result is written exactly once and never copied.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

use crate::buffer::{Access, HeldBuffer};
use crate::numpy_interop;

static ARRAY_TEMPLATE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A freshly allocated float64 result and a writable view of its memory.
pub struct OutVector<'py> {
    object: Bound<'py, PyAny>,
    buffer: HeldBuffer,
    len: usize,
}

impl<'py> OutVector<'py> {
    /// A result of `len` float64s: a numpy array when `numpy` is set, else `array.array("d")`.
    pub fn new(py: Python<'py>, len: usize, numpy: bool) -> PyResult<Self> {
        let object = if numpy {
            numpy_interop::empty(py, len)?
        } else {
            // `array("d", [0.0]) * len` fills by memcpy doubling in C: the cheapest way to get
            // an array.array of a given length.
            let template = ARRAY_TEMPLATE.get_or_try_init(py, || {
                py.import("array")?
                    .getattr("array")?
                    .call1(("d", [0.0f64]))
                    .map(Bound::unbind)
            })?;
            template.bind(py).mul(len)?
        };
        let buffer = HeldBuffer::get(&object, Access::Write)?;
        let ok = !buffer.readonly()
            && buffer.format().ends_with(b"d")
            && buffer.item_size() == 8
            && buffer.shape() == [len]
            && (len <= 1 || buffer.strides() == [8])
            // An empty array.array exports a static placeholder that need not be aligned.
            && (len == 0 || (buffer.ptr() as usize).is_multiple_of(std::mem::align_of::<f64>()));
        if !ok {
            return Err(pyo3::exceptions::PyRuntimeError::new_err(
                "fastmath internal error: result buffer has an unexpected layout",
            ));
        }
        Ok(Self {
            object,
            buffer,
            len,
        })
    }

    pub fn as_mut_slice(&mut self) -> &mut [f64] {
        if self.len == 0 {
            return &mut [];
        }
        // SAFETY: `new` checked a writable, aligned, C-contiguous float64 buffer of `len` items.
        // The object was created here and is not yet visible to any other code, so this is the
        // only reference to its memory; the export in `buffer` keeps it from moving.
        unsafe { std::slice::from_raw_parts_mut(self.buffer.ptr() as *mut f64, self.len) }
    }

    /// Hands the filled result to Python, releasing our export of its buffer.
    pub fn finish(self) -> Bound<'py, PyAny> {
        drop(self.buffer);
        self.object
    }
}
