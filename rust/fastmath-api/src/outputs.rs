//! Results: what a function returns, and how it gets memory for its arrays.
//!
//! Array results are allocated by the binding in their final form (a numpy array or
//! `array.array` natively; a part of the module's memory in the universal backend) and the
//! kernels write into them, so a result is written once and never copied on the native
//! backend. A function states the dtype and shape of each array it returns; the binding
//! allocates them and hands them to the function's fill closure.

use crate::array::element_count;
use crate::dtype::DType;
use crate::error::ApiError;

/// The memory of one result array, typed.
pub enum OutSlice<'s> {
    F64(&'s mut [f64]),
    I64(&'s mut [i64]),
}

/// One result array to allocate: its dtype (float64 or int64) and shape.
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
    Float(f64),
    Int(i64),
    /// The `n`-th array the binding allocated for this call.
    Array(usize),
    Tuple(Vec<Ret>),
}

/// An element type of result arrays.
pub trait Element: Sized {
    const DTYPE: DType;
    /// The memory of `slice` if it holds this type.
    fn of<'x>(slice: &'x mut OutSlice<'_>) -> Option<&'x mut [Self]>;
}

impl Element for f64 {
    const DTYPE: DType = DType::F64;
    fn of<'x>(slice: &'x mut OutSlice<'_>) -> Option<&'x mut [f64]> {
        match slice {
            OutSlice::F64(v) => Some(v),
            OutSlice::I64(_) => None,
        }
    }
}

impl Element for i64 {
    const DTYPE: DType = DType::I64;
    fn of<'x>(slice: &'x mut OutSlice<'_>) -> Option<&'x mut [i64]> {
        match slice {
            OutSlice::I64(v) => Some(v),
            OutSlice::F64(_) => None,
        }
    }
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
pub fn array<T: Element>(
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
            let slice = slices.first_mut().and_then(T::of).ok_or_else(binding_bug)?;
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
            let mut parts = slices.iter_mut().map(f64::of);
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

/// One result array owned by [`VecOutputs`].
#[derive(Debug)]
pub enum Stored {
    F64(Vec<usize>, Vec<f64>),
    I64(Vec<usize>, Vec<i64>),
}

/// Results as owned vectors, for a binding that copies them out afterwards (the JavaScript API)
/// and for tests. Arrays start out filled with NaN (float64) or `i64::MIN` (int64), so an
/// element a function leaves unwritten shows instead of passing as a zero.
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
            let n = element_count(spec.shape).ok_or_else(too_large)?;
            let shape = spec.shape.to_vec();
            stored.push(match spec.dtype {
                DType::F64 => Stored::F64(shape, filled(n, f64::NAN).ok_or_else(too_large)?),
                DType::I64 => Stored::I64(shape, filled(n, i64::MIN).ok_or_else(too_large)?),
                _ => return Err(binding_bug()),
            });
        }
        let mut slices: Vec<OutSlice<'_>> = stored
            .iter_mut()
            .map(|s| match s {
                Stored::F64(_, v) => OutSlice::F64(v),
                Stored::I64(_, v) => OutSlice::I64(v),
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
