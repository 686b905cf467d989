//! Result arrays: allocated by Python in their final form and filled in place by the kernels,
//! so a result is written exactly once and never copied.
//!
//! Without numpy input, a 1-D result is an `array.array` ("d" for float64, "q" for int64
//! indices) and a 2-D result is a 2-D `memoryview` over one: both have the buffer protocol and
//! `.tolist()`, and `numpy.asarray` wraps either without a copy. With numpy input, results are
//! numpy arrays of the same dtypes.

use std::marker::PhantomData;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

use crate::buffer::{Access, HeldBuffer};
use crate::input::Shape;
use crate::numpy_interop;

/// An element type a result can hold: 8 bytes wide, with its array.array and numpy names.
pub trait OutElement: Copy + 'static {
    const TYPECODE: &'static str;
    const NUMPY_DTYPE: &'static str;
    /// `array.array(TYPECODE, [0])`, repeated to allocate results by memcpy in C.
    fn template() -> &'static PyOnceLock<Py<PyAny>>;
}

static F64_TEMPLATE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static I64_TEMPLATE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

impl OutElement for f64 {
    const TYPECODE: &'static str = "d";
    const NUMPY_DTYPE: &'static str = "float64";
    fn template() -> &'static PyOnceLock<Py<PyAny>> {
        &F64_TEMPLATE
    }
}

impl OutElement for i64 {
    const TYPECODE: &'static str = "q";
    const NUMPY_DTYPE: &'static str = "int64";
    fn template() -> &'static PyOnceLock<Py<PyAny>> {
        &I64_TEMPLATE
    }
}

/// A freshly allocated result and a writable view of its memory.
pub struct OutArray<'py, T: OutElement> {
    object: Bound<'py, PyAny>,
    buffer: HeldBuffer,
    len: usize,
    element: PhantomData<T>,
}

impl<'py, T: OutElement> OutArray<'py, T> {
    /// A result of the given shape: numpy when `numpy` is set, else array.array / memoryview.
    pub fn new(py: Python<'py>, shape: Shape, numpy: bool) -> PyResult<Self> {
        let len = shape.len();
        let (dims, ndim) = match shape {
            Shape::Vector(n) => ([n, 0], 1),
            Shape::Matrix(r, c) => ([r, c], 2),
        };
        // A memoryview cannot have a zero in its shape, so an empty 2-D result is a numpy array
        // when numpy can be imported, else a ValueError that says why (never a wrong shape).
        let numpy = numpy
            || (matches!(shape, Shape::Matrix(r, c) if r == 0 || c == 0) && {
                if py.import("numpy").is_err() {
                    return Err(pyo3::exceptions::PyValueError::new_err(format!(
                        "the result would be {}, which needs numpy (not installed): a memoryview \
                     cannot have a zero in its shape",
                        shape.describe()
                    )));
                }
                true
            });
        let (object, buffer) = if numpy {
            let object = numpy_interop::empty(py, &dims[..ndim], T::NUMPY_DTYPE)?;
            let buffer = HeldBuffer::get(&object, Access::Write)?;
            (object, buffer)
        } else {
            let template = T::template().get_or_try_init(py, || {
                py.import("array")?
                    .getattr("array")?
                    .call1((T::TYPECODE, [0i32]))
                    .map(Bound::unbind)
            })?;
            // `array * len` fills by memcpy doubling in C: the cheapest allocation of a given
            // length the stdlib offers.
            let array = template.bind(py).mul(len)?;
            let buffer = HeldBuffer::get(&array, Access::Write)?;
            let object = match shape {
                Shape::Vector(_) => array,
                Shape::Matrix(r, c) => pyo3::types::PyMemoryView::from(&array)?
                    .call_method1("cast", ("B",))?
                    .call_method1("cast", (T::TYPECODE, (r, c)))?,
            };
            (object, buffer)
        };
        let ok = !buffer.readonly()
            && buffer.item_size() == 8
            && (buffer.format().to_bytes().ends_with(T::TYPECODE.as_bytes())
                || (T::TYPECODE == "q" && buffer.format().to_bytes().ends_with(b"l")))
            && (0..buffer.ndim()).map(|d| buffer.dim(d)).product::<usize>() == len
            && (len <= 1 || is_c_contiguous(&buffer))
            // An empty array.array exports a static placeholder that need not be aligned.
            && (len == 0 || (buffer.ptr() as usize).is_multiple_of(8));
        if !ok {
            return Err(pyo3::exceptions::PyRuntimeError::new_err(
                "fastmath internal error: result buffer has an unexpected layout",
            ));
        }
        Ok(Self {
            object,
            buffer,
            len,
            element: PhantomData,
        })
    }

    pub fn as_mut_slice(&mut self) -> &mut [T] {
        if self.len == 0 {
            return &mut [];
        }
        // SAFETY: `new` checked a writable, aligned, C-contiguous buffer of `len` 8-byte
        // elements of T's kind. The object was created here and no other code has seen it, so
        // this is the only reference to its memory; our export keeps it from moving.
        unsafe { std::slice::from_raw_parts_mut(self.buffer.ptr() as *mut T, self.len) }
    }

    /// Hands the filled result to Python, releasing our export of its buffer.
    pub fn finish(self) -> Bound<'py, PyAny> {
        drop(self.buffer);
        self.object
    }
}

fn is_c_contiguous(buffer: &HeldBuffer) -> bool {
    let mut expected = 8isize;
    for d in (0..buffer.ndim()).rev() {
        let n = buffer.dim(d);
        if n > 1 && buffer.stride(d) != expected {
            return false;
        }
        expected = expected.saturating_mul(isize::try_from(n).unwrap_or(isize::MAX));
    }
    true
}
