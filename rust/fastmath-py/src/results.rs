//! Results: arrays allocated by Python in their final form and filled in place by the kernels
//! (so a result is written exactly once and never copied), and [`Ret`] as Python objects.
//!
//! With a numpy array among the arguments, results are numpy arrays (float64 or int64), and
//! numbers are numpy scalars (`numpy.float64`, `numpy.int64`), as numpy's functions return.
//! Otherwise a 1-D result is an `array.array` ("d" or "q") and any other an N-D `memoryview`
//! over one: both have the buffer protocol and `.tolist()`, and `numpy.asarray` wraps either
//! without a copy. A memoryview cannot have a zero in an N-D shape: such a result is a numpy
//! array when numpy can be imported, else `ApiError::needs_numpy`.

use fastmath_api::array::element_count;
use fastmath_api::{ApiError, ByteOrder, DType, OutSlice, OutSpec, Outputs, Ret};
use pyo3::exceptions::PyMemoryError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyFloat, PyMemoryView, PyString, PyTuple};

use crate::buffer::{self, Access, HeldBuffer, Slot};
use crate::errors::internal_error;
use crate::numpy_interop;

/// How many result arrays a call allocates without a heap allocation of its own for their
/// exports (every function has at most this many results; more still work, through a `Vec`).
const INLINE: usize = 4;

/// The result arrays of one call.
pub struct Results<'py> {
    py: Python<'py>,
    /// Whether an argument was a numpy array.
    numpy: bool,
    /// The arrays made so far: the first here (most functions make one at most, and a small
    /// call notices every slot it sets up and drops), the rest in `more`.
    first: Option<Bound<'py, PyAny>>,
    more: Vec<Option<Bound<'py, PyAny>>>,
    count: usize,
    /// A Python exception other than a lack of memory met while allocating (a
    /// KeyboardInterrupt, a bug): raised as it is, instead of the call's `ApiError`.
    failure: Option<PyErr>,
}

/// `array.array(typecode, [0])` for each dtype (by `DType::code`), repeated to allocate
/// results by memcpy in C.
static TEMPLATES: [PyOnceLock<Py<PyAny>>; 14] = [const { PyOnceLock::new() }; 14];

/// `fastmath.ComplexArray`'s constructor from storage (`ComplexArray._wrap`), looked up on the
/// first complex result.
static COMPLEX_WRAP: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The `array.array` typecode that stores a dtype's items: its own format, except bool and
/// float16, which `array.array` lacks (stored as bytes and half-words, and seen through a
/// memoryview of the dtype's format), and complex, stored as pairs of its parts' floats (and
/// seen through a `fastmath.ComplexArray`).
fn storage_typecode(dtype: DType) -> &'static str {
    match dtype {
        DType::Bool => "B",
        DType::F16 => "H",
        DType::C64 => "f",
        DType::C128 => "d",
        other => other.format(),
    }
}

/// Storage items per element of `dtype` in an `array.array`: two floats per complex.
fn storage_items(dtype: DType) -> usize {
    if dtype.is_complex() { 2 } else { 1 }
}

/// A freshly allocated result and a writable export of its memory.
struct Allocated<'py, 's> {
    object: Bound<'py, PyAny>,
    buffer: HeldBuffer<'s>,
    len: usize,
    dtype: DType,
}

impl<'py> Results<'py> {
    pub fn new(py: Python<'py>, numpy: bool) -> Self {
        Self {
            py,
            numpy,
            first: None,
            more: Vec::new(),
            count: 0,
            failure: None,
        }
    }

    /// The exception to raise for a refused call: one met while allocating, else `err`'s.
    pub fn error(&mut self, err: ApiError) -> PyErr {
        self.failure
            .take()
            .unwrap_or_else(|| crate::errors::to_python(self.py, err))
    }

    /// A function's result as a Python object. Its arrays are handed over (a result names each
    /// of its arrays once), not shared with this holder, which has no further use for them.
    pub fn hand_over(&mut self, ret: Ret) -> PyResult<Bound<'py, PyAny>> {
        Ok(match ret {
            Ret::Float(v) if self.numpy => numpy_interop::float64(self.py, v)?,
            Ret::Int(v) if self.numpy => numpy_interop::int64(self.py, v)?,
            Ret::Float(v) => PyFloat::new(self.py, v).into_any(),
            Ret::Int(v) => v.into_pyobject(self.py)?.into_any(),
            Ret::Scalar(dtype, value) if self.numpy => {
                numpy_interop::scalar(self.py, dtype, value)?
            }
            Ret::Scalar(_, value) => numpy_interop::python_number(self.py, value)?,
            Ret::Array(i) => self.take(i).ok_or_else(internal_error)?,
            Ret::Tuple(items) | Ret::Plain(items) => {
                let items = items
                    .into_iter()
                    .map(|item| self.hand_over(item))
                    .collect::<PyResult<Vec<_>>>()?;
                PyTuple::new(self.py, items)?.into_any()
            }
        })
    }

    /// Array `i`, taken out.
    fn take(&mut self, i: usize) -> Option<Bound<'py, PyAny>> {
        match i.checked_sub(1) {
            None => self.first.take(),
            Some(i) => self.more.get_mut(i)?.take(),
        }
    }

    /// Hands a filled array to Python (our export of it ends) and returns its handle.
    fn keep(&mut self, made: Allocated<'py, '_>) -> Ret {
        let handle = self.count;
        if handle == 0 {
            self.first = Some(made.object);
        } else {
            self.more.push(Some(made.object));
        }
        // One per array Python allocated: far below `usize::MAX`.
        self.count = self.count.saturating_add(1);
        Ret::Array(handle)
    }

    /// Allocates the result of `spec`, its export held in `slot`.
    fn allocate<'s>(
        &mut self,
        spec: &OutSpec<'_>,
        slot: &'s mut Slot,
    ) -> Result<Allocated<'py, 's>, ApiError> {
        let py = self.py;
        let shape = spec.shape;
        let too_large = || ApiError::result_too_large(spec.dtype, shape);
        let template = TEMPLATES
            .get(usize::from(spec.dtype.code()))
            .ok_or_else(|| self.fail(internal_error(), spec))?;
        // Checked sizes: a shape whose bytes cannot be addressed is too large, never an
        // overflow deep inside Python.
        let len = element_count(shape).ok_or_else(too_large)?;
        len.checked_mul(spec.dtype.itemsize())
            .filter(|&bytes| isize::try_from(bytes).is_ok())
            .ok_or_else(too_large)?;
        let numpy = self.numpy
            || (shape.len() >= 2 && len == 0 && {
                if !numpy_interop::importable(py) {
                    return Err(ApiError::needs_numpy(shape));
                }
                true
            });
        let made = if numpy {
            numpy_interop::empty(py, shape, &PyString::intern(py, spec.dtype.name())).and_then(
                |object| {
                    let buffer = HeldBuffer::get(&object, Access::Write, slot)?;
                    Ok((object, buffer))
                },
            )
        } else {
            stdlib_array(py, template, spec.dtype, shape, len, slot)
        };
        let (object, buffer) = made.map_err(|err| self.fail(err, spec))?;
        // The buffer is numpy's array of the dtype, or the `array.array` that stores it.
        let items = if numpy { 1 } else { storage_items(spec.dtype) };
        let fits = !buffer.readonly()
            && buffer.item_size().checked_mul(items) == Some(spec.dtype.itemsize())
            && DType::from_format(buffer.format().to_bytes(), buffer.item_size()).is_some_and(
                |(dtype, order)| {
                    order == ByteOrder::Native
                        && (dtype == spec.dtype
                            || buffer.format().to_bytes() == storage_typecode(spec.dtype).as_bytes())
                },
            )
            && buffer.shape().and_then(element_count) == len.checked_mul(items)
            && buffer.is_c_contiguous()
            // An empty array.array exports a static placeholder that need not be aligned.
            && (len == 0 || (buffer.ptr() as usize).is_multiple_of(8));
        if !fits {
            return Err(self.fail(internal_error(), spec));
        }
        Ok(Allocated {
            object,
            buffer,
            len,
            dtype: spec.dtype,
        })
    }

    /// Records a Python exception met while allocating: a lack of memory is the result's
    /// MemoryError (stating its size); anything else is raised as it is.
    fn fail(&mut self, err: PyErr, spec: &OutSpec<'_>) -> ApiError {
        if !err.is_instance_of::<PyMemoryError>(self.py) {
            self.failure = Some(err);
        }
        ApiError::result_too_large(spec.dtype, spec.shape)
    }
}

/// An `array.array` of `len` zeros (`template * len` fills by memcpy doubling in C: the
/// cheapest allocation the stdlib offers), seen through an N-D memoryview unless 1-D; its
/// export is held in `slot`.
fn stdlib_array<'py, 's>(
    py: Python<'py>,
    template: &PyOnceLock<Py<PyAny>>,
    dtype: DType,
    shape: &[usize],
    len: usize,
    slot: &'s mut Slot,
) -> PyResult<(Bound<'py, PyAny>, HeldBuffer<'s>)> {
    let storage = storage_typecode(dtype);
    let template = template.get_or_try_init(py, || {
        py.import("array")?
            .getattr("array")?
            .call1((storage, [0i32]))
            .map(Bound::unbind)
    })?;
    let items = len.saturating_mul(storage_items(dtype));
    let array = template.bind(py).mul(items)?;
    let buffer = HeldBuffer::get(&array, Access::Write, slot)?;
    if shape.len() == 1 && storage == dtype.format() {
        return Ok((array, buffer));
    }
    if dtype.is_complex() {
        let wrap = COMPLEX_WRAP.get_or_try_init(py, || {
            py.import("fastmath._complex")?
                .getattr("ComplexArray")?
                .getattr("_wrap")
                .map(Bound::unbind)
        })?;
        let result = wrap.bind(py).call1((array, PyTuple::new(py, shape)?))?;
        return Ok((result, buffer));
    }
    let cast = pyo3::intern!(py, "cast");
    let bytes = PyMemoryView::from(&array)?.call_method1(cast, (pyo3::intern!(py, "B"),))?;
    // 1-D (a bool result): cast without a shape, which CPython refuses when it holds a zero.
    let view = if shape.len() == 1 {
        bytes.call_method1(cast, (dtype.format(),))?
    } else {
        bytes.call_method1(cast, (dtype.format(), PyTuple::new(py, shape)?))?
    };
    Ok((view, buffer))
}

impl<'py> Outputs for Results<'py> {
    fn arrays(
        &mut self,
        specs: &[OutSpec<'_>],
        fill: &mut dyn FnMut(&mut [OutSlice<'_>]) -> Result<(), ApiError>,
    ) -> Result<Vec<Ret>, ApiError> {
        let mut handles = vec![Ret::Int(0); specs.len()];
        self.arrays_into(specs, fill, &mut handles)?;
        Ok(handles)
    }

    fn arrays_into(
        &mut self,
        specs: &[OutSpec<'_>],
        fill: &mut dyn FnMut(&mut [OutSlice<'_>]) -> Result<(), ApiError>,
        handles: &mut [Ret],
    ) -> Result<(), ApiError> {
        if handles.len() != specs.len() {
            // Raised as the SystemError it is, instead of the returned error.
            self.failure = Some(internal_error());
            return Err(ApiError::invalid(
                "internal error: result handles of the wrong count",
            ));
        }
        // One result (every function but the factorizations): no arrays of slots to set up.
        if let ([spec], [handle]) = (specs, &mut *handles) {
            let mut slot = buffer::slot();
            let mut made = self.allocate(spec, &mut slot)?;
            fill(&mut [made.slice()])?;
            *handle = self.keep(made);
            return Ok(());
        }
        if specs.len() > INLINE {
            let mut slots: Vec<Slot> = specs.iter().map(|_| buffer::slot()).collect();
            let mut made = Vec::with_capacity(specs.len());
            for (spec, slot) in specs.iter().zip(&mut slots) {
                made.push(self.allocate(spec, slot)?);
            }
            let mut slices: Vec<OutSlice<'_>> = made.iter_mut().map(Allocated::slice).collect();
            fill(&mut slices)?;
            drop(slices);
            for (handle, a) in handles.iter_mut().zip(made) {
                *handle = self.keep(a);
            }
            return Ok(());
        }
        // The common case without heap allocations of our own: every function has a few
        // results at most, and a call's fixed cost shows in small inputs. The exports' slots
        // are declared before the arrays that hold them.
        let mut slots = [const { buffer::slot() }; INLINE];
        let mut made: [Option<Allocated<'py, '_>>; INLINE] = Default::default();
        for ((made, spec), slot) in made.iter_mut().zip(specs).zip(&mut slots) {
            *made = Some(self.allocate(spec, slot)?);
        }
        let mut slices: [OutSlice<'_>; INLINE] = std::array::from_fn(|_| OutSlice::empty());
        for (slice, a) in slices.iter_mut().zip(made.iter_mut().flatten()) {
            *slice = a.slice();
        }
        fill(slices.get_mut(..specs.len()).unwrap_or_default())?;
        for (handle, a) in handles.iter_mut().zip(made.into_iter().flatten()) {
            *handle = self.keep(a);
        }
        Ok(())
    }
}

impl Allocated<'_, '_> {
    fn slice(&mut self) -> OutSlice<'_> {
        let ptr = self.buffer.ptr();
        // SAFETY: `allocate` checked a writable, aligned, C-contiguous buffer of
        // `len` elements of this dtype. The object was created for this call and no other code
        // has seen it, so this is the only reference to its memory; the held export keeps it
        // from moving.
        let bytes = self.len.saturating_mul(self.dtype.itemsize());
        if bytes == 0 {
            return OutSlice::new(self.dtype, &mut []);
        }
        OutSlice::new(self.dtype, unsafe {
            std::slice::from_raw_parts_mut(ptr.cast::<u8>(), bytes)
        })
    }
}
