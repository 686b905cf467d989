//! Results: what a function returns, and how it gets memory for its arrays.
//!
//! Array results are allocated by the binding in their final form (a numpy array or
//! `array.array` natively; a part of the module's memory in the universal backend) and the
//! kernels write into them, so a result is written once and never copied on the native
//! backend. A function states the dtype and shape of each array it returns; the binding
//! allocates them and hands them to the function's fill closure.

use crate::array::element_count;
use crate::dtype::DType;
pub use crate::element::{Element, Item, scalar};
use crate::error::ApiError;

/// The memory of one result array: its dtype and bytes, which the binding allocated aligned
/// for that dtype. Functions take it typed with [`OutSlice::typed`].
pub struct OutSlice<'s> {
    dtype: DType,
    bytes: &'s mut [u8],
}

impl<'s> OutSlice<'s> {
    /// `bytes` as the memory of an array of `dtype` (aligned for it: a binding's promise,
    /// checked by [`OutSlice::typed`], which refuses rather than misreads).
    pub fn new(dtype: DType, bytes: &'s mut [u8]) -> Self {
        Self { dtype, bytes }
    }

    /// No memory (a placeholder in a binding's fixed array of slices).
    pub fn empty() -> Self {
        Self {
            dtype: DType::F64,
            bytes: &mut [],
        }
    }

    /// The same memory, borrowed again (to hand a slice on without giving it up).
    pub fn reborrow(&mut self) -> OutSlice<'_> {
        OutSlice {
            dtype: self.dtype,
            bytes: &mut *self.bytes,
        }
    }

    /// The elements, if the array is of `T`'s dtype.
    pub fn typed<T: Item>(&mut self) -> Option<&mut [T]> {
        if self.dtype != T::DTYPE {
            return None;
        }
        if self.bytes.is_empty() {
            // An empty array's memory may be a dangling placeholder of any alignment.
            return Some(&mut []);
        }
        bytemuck::try_cast_slice_mut(&mut *self.bytes).ok()
    }
}

/// One result array to allocate: its dtype and shape.
#[derive(Clone, Copy, Debug)]
pub struct OutSpec<'s> {
    pub dtype: DType,
    pub shape: &'s [usize],
}

/// Where a binding keeps the arrays of a call's result.
pub trait Outputs {
    /// Allocates one array per spec (MemoryError, naming the size, when one cannot be), lets
    /// `fill` write them, and returns a handle to each, in order.
    fn arrays(
        &mut self,
        specs: &[OutSpec<'_>],
        fill: &mut dyn FnMut(&mut [OutSlice<'_>]) -> Result<(), ApiError>,
    ) -> Result<Vec<Ret>, ApiError>;

    /// [`Outputs::arrays`], with the handles written into `handles` (one per spec) instead of
    /// a new `Vec`: what the functions call. A binding whose small calls count overrides it
    /// (the native one: a heap allocation per call showed there).
    fn arrays_into(
        &mut self,
        specs: &[OutSpec<'_>],
        fill: &mut dyn FnMut(&mut [OutSlice<'_>]) -> Result<(), ApiError>,
        handles: &mut [Ret],
    ) -> Result<(), ApiError> {
        let made = self.arrays(specs, fill)?;
        if made.len() != handles.len() {
            return Err(binding_bug());
        }
        for (slot, handle) in handles.iter_mut().zip(made) {
            *slot = handle;
        }
        Ok(())
    }
}

/// A function's result; arrays are handles into the binding's [`Outputs`].
#[derive(Clone, Debug, PartialEq)]
pub enum Ret {
    /// A float64 (`numpy.float64` with numpy arguments, else a Python float).
    Float(f64),
    /// An int64.
    Int(i64),
    /// A number of another dtype (`numpy.float32`, `numpy.uint8`, `numpy.bool`; a Python
    /// float, int or bool without numpy): what [`crate::element::scalar`] makes.
    Scalar(DType, Scalar),
    /// The `n`-th array the binding allocated for this call.
    Array(usize),
    /// A tuple: the function's named tuple when the table declares one (`Function::named`).
    Tuple(Vec<Ret>),
    /// A plain tuple, never named, for a form of a function whose tuple numpy does not name
    /// (`qr(mode='raw')`'s `(h, tau)`); `Wrap::plain` says which items numpy wraps.
    Plain(Vec<Ret>),
}

/// The value of a [`Ret::Scalar`]: its dtype's values fit one of these exactly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
}

/// One float64 array of `shape`, written by `fill`.
pub fn f64_array(
    out: &mut dyn Outputs,
    shape: &[usize],
    fill: impl FnOnce(&mut [f64]) -> Result<(), ApiError>,
) -> Result<Ret, ApiError> {
    array(out, shape, fill)
}

/// One int64 array of `shape`, written by `fill`.
pub fn i64_array(
    out: &mut dyn Outputs,
    shape: &[usize],
    fill: impl FnOnce(&mut [i64]) -> Result<(), ApiError>,
) -> Result<Ret, ApiError> {
    array(out, shape, fill)
}

/// One array of `T` of `shape`, written by `fill`.
pub fn array<T: Item>(
    out: &mut dyn Outputs,
    shape: &[usize],
    fill: impl FnOnce(&mut [T]) -> Result<(), ApiError>,
) -> Result<Ret, ApiError> {
    let mut fill = Some(fill);
    let spec = OutSpec {
        dtype: T::DTYPE,
        shape,
    };
    let mut handle = [Ret::Int(0)];
    out.arrays_into(
        &[spec],
        &mut |slices| {
            let slice = slices
                .first_mut()
                .and_then(OutSlice::typed::<T>)
                .ok_or_else(binding_bug)?;
            (fill.take().ok_or_else(binding_bug)?)(slice)
        },
        &mut handle,
    )?;
    let [handle] = handle;
    Ok(handle)
}

/// Several float64 arrays at once (factorizations), written by `fill`.
pub fn f64_arrays<const N: usize>(
    out: &mut dyn Outputs,
    shapes: [&[usize]; N],
    fill: impl FnOnce([&mut [f64]; N]) -> Result<(), ApiError>,
) -> Result<[Ret; N], ApiError> {
    let specs = shapes.map(|shape| OutSpec {
        dtype: DType::F64,
        shape,
    });
    let mut fill = Some(fill);
    let mut handles: [Ret; N] = std::array::from_fn(|_| Ret::Int(0));
    out.arrays_into(
        &specs,
        &mut |slices| {
            let mut parts = slices.iter_mut().map(OutSlice::typed::<f64>);
            let typed: [Option<&mut [f64]>; N] = std::array::from_fn(|_| parts.next().flatten());
            if typed.iter().any(Option::is_none) {
                return Err(binding_bug());
            }
            let typed = typed.map(|t| t.unwrap_or_default());
            (fill.take().ok_or_else(binding_bug)?)(typed)
        },
        &mut handles,
    )?;
    Ok(handles)
}

/// A binding that hands back other arrays than were asked for: a bug, reported, not a panic.
fn binding_bug() -> ApiError {
    ApiError::invalid("internal error: the binding returned result arrays of the wrong kind")
}

/// One result array owned by [`VecOutputs`]: its dtype, shape and elements (in 8-byte words,
/// so that every dtype is aligned).
#[derive(Debug)]
pub struct Stored {
    pub dtype: DType,
    pub shape: Vec<usize>,
    words: Vec<u64>,
    len: usize,
}

impl Stored {
    /// The elements, if they are of `T`'s dtype.
    pub fn values<T: Item>(&self) -> Option<&[T]> {
        if self.dtype != T::DTYPE {
            return None;
        }
        if self.len == 0 {
            return Some(&[]);
        }
        let bytes = bytemuck::cast_slice::<u64, u8>(&self.words);
        bytemuck::try_cast_slice(bytes.get(..self.len.checked_mul(self.dtype.itemsize())?)?).ok()
    }
}

/// Results as owned vectors, for a binding that copies them out afterwards (the JavaScript API)
/// and for tests. Arrays start out with every bit set (nan for floats, -1 or the largest value
/// for integers, `True`-ish bytes for bool), so an element a function leaves unwritten shows
/// instead of passing as a zero.
#[derive(Default, Debug)]
pub struct VecOutputs {
    /// In allocation order: `Ret::Array(i)` is `arrays[i]`.
    pub arrays: Vec<Stored>,
}

impl Outputs for VecOutputs {
    fn arrays(
        &mut self,
        specs: &[OutSpec<'_>],
        fill: &mut dyn FnMut(&mut [OutSlice<'_>]) -> Result<(), ApiError>,
    ) -> Result<Vec<Ret>, ApiError> {
        let mut stored = Vec::new();
        for spec in specs {
            let too_large = || ApiError::result_too_large(spec.dtype, spec.shape);
            let len = element_count(spec.shape).ok_or_else(too_large)?;
            let words = len
                .checked_mul(spec.dtype.itemsize())
                .and_then(|bytes| bytes.checked_add(7))
                .map(|bytes| bytes / 8)
                .and_then(|n| filled(n, u64::MAX))
                .ok_or_else(too_large)?;
            stored.push(Stored {
                dtype: spec.dtype,
                shape: spec.shape.to_vec(),
                words,
                len,
            });
        }
        let mut slices: Vec<OutSlice<'_>> = stored
            .iter_mut()
            .map(|s| {
                let bytes = bytemuck::cast_slice_mut::<u64, u8>(&mut s.words);
                let used = s.len.saturating_mul(s.dtype.itemsize()).min(bytes.len());
                OutSlice::new(s.dtype, bytes.get_mut(..used).unwrap_or_default())
            })
            .collect();
        fill(&mut slices)?;
        let first = self.arrays.len();
        self.arrays.extend(stored);
        Ok((first..self.arrays.len()).map(Ret::Array).collect())
    }
}

/// `n` copies of `value`, or `None` when they cannot be allocated.
fn filled<T: Copy>(n: usize, value: T) -> Option<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).ok()?;
    v.resize(n, value);
    Some(v)
}
