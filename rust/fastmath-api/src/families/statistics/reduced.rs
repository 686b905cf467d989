//! numpy's `axis` and `keepdims` for the statistics that reduce several axes at once: the axes
//! resolved, and the array's elements lined up so that each reduced lane is contiguous.

use std::borrow::Cow;

use super::super::permute::permute_into;
use super::super::reductions;
use super::super::scratch::room;
use crate::args::Args;
use crate::dtype::DType;
use crate::error::ApiError;
use crate::value::Value;

/// The reduced axes of parameter `i` for an array of `ndim` dimensions: every axis for
/// `None`, else the int or the tuple's axes, ascending (numpy's errors for an axis out of
/// bounds or one named twice).
pub fn axes(args: &Args<'_>, i: usize, ndim: usize) -> Result<Vec<usize>, ApiError> {
    let Some(mut axes) = reductions::axes(args, i, ndim)? else {
        return Ok((0..ndim).collect());
    };
    axes.sort_unstable();
    Ok(axes)
}

/// An array's lanes along its reduced axes: `lanes` holds `count` lanes of `len` elements, one
/// after the other, in the C order of the kept axes; `shape` is the result's shape (the kept
/// axes, and the reduced ones as 1 with `keepdims`); `scalar` says the result is one value
/// (every axis reduced, no `keepdims`).
pub struct Lanes<'a, T: Clone> {
    pub lanes: Cow<'a, [T]>,
    pub len: usize,
    pub count: usize,
    pub shape: Vec<usize>,
    pub scalar: bool,
}

impl<'a, T: Clone> Lanes<'a, T> {
    /// The lane of index `k`.
    pub fn lane(&self, k: usize) -> &[T] {
        let start = k.saturating_mul(self.len);
        self.lanes
            .get(start..start.saturating_add(self.len))
            .unwrap_or_default()
    }
}

/// `x` (C order, `shape`) with the `axes` (ascending, distinct) moved last, copied only when
/// they are not last already; MemoryError when the copy cannot be made.
pub fn line_up<'a, T: Copy + Default>(
    x: Cow<'a, [T]>,
    shape: &[usize],
    axes: &[usize],
    keepdims: bool,
    dtype: DType,
) -> Result<Lanes<'a, T>, ApiError> {
    let kept: Vec<usize> = (0..shape.len()).filter(|d| !axes.contains(d)).collect();
    let dim = |d: &usize| shape.get(*d).copied().unwrap_or(1);
    let len = axes.iter().map(dim).fold(1usize, usize::saturating_mul);
    let count = kept.iter().map(dim).fold(1usize, usize::saturating_mul);
    let out_shape = if keepdims {
        (0..shape.len())
            .map(|d| if axes.contains(&d) { 1 } else { dim(&d) })
            .collect()
    } else {
        kept.iter().map(dim).collect()
    };
    let order = [&kept[..], axes].concat();
    let in_order = order.iter().enumerate().all(|(k, &d)| k == d);
    let lanes = if in_order || x.is_empty() {
        x
    } else {
        let mut moved = room(x.len(), dtype)?;
        moved.resize(x.len(), T::default());
        permute_into(&x, shape, &order, &mut moved);
        Cow::Owned(moved)
    };
    Ok(Lanes {
        lanes,
        len,
        count,
        shape: out_shape,
        scalar: !keepdims && axes.len() == shape.len(),
    })
}

/// The elements of `array` (argument `i`) as contiguous `T`, as [`Args::data`] reads them,
/// for an array that may live shorter than the arguments (a number held as a 0-D array).
pub fn data<'x, T: crate::element::Element>(
    args: &Args<'_>,
    i: usize,
    array: &crate::array::ArrayRef<'x>,
) -> Result<Cow<'x, [T]>, ApiError> {
    array.data::<T>().map_err(|e| ApiError {
        message: format!("{}: {}", args.name(i), e.message),
        ..e
    })
}

/// Argument `i` as an array of any rank (0-D kept with its dtype: a numpy scalar is strong, as
/// numpy 2's); a Python number becomes a 0-D float64 array over `hold`.
pub fn operand_array<'a: 'h, 'h>(
    args: &Args<'a>,
    i: usize,
    hold: &'h mut [f64; 1],
) -> Result<crate::array::ArrayRef<'h>, ApiError> {
    use crate::value::Operand;
    if let Value::Array(typed) = args.value(i) {
        return Ok(*typed);
    }
    Ok(match args.operand(i)? {
        Operand::Array(a) => a,
        Operand::Number(v) => {
            hold[0] = v;
            crate::array::ArrayRef::from_f64(&hold[..], &[])
                .map_err(|e| e.for_argument(args.name(i)))?
        }
    })
}

/// The dtype of argument `i` (float64 for a number).
pub fn dtype_of(args: &Args<'_>, i: usize) -> DType {
    match args.value(i) {
        Value::Array(a) => a.dtype(),
        _ => DType::F64,
    }
}

/// `kernel` on each lane of argument 0 read as `T` (parameter 1's axes, parameter
/// `keepdims`'s flag): a scalar of `U` when everything is reduced to one value, else an array
/// of `U` of the kept axes' shape.
pub fn reduce<T: crate::element::Element, U: crate::element::Element>(
    args: &Args<'_>,
    out: &mut dyn crate::outputs::Outputs,
    keepdims: usize,
    kernel: impl FnMut(&[T]) -> Result<U, ApiError>,
) -> Result<crate::outputs::Ret, ApiError> {
    reduce_nonempty(args, out, keepdims, None, kernel)
}

/// [`reduce`] of a reduction with no identity (numpy's ufunc `operation`, for its message):
/// reducing an axis of length 0 is refused, even where there are no lanes.
pub fn reduce_nonempty<T: crate::element::Element, U: crate::element::Element>(
    args: &Args<'_>,
    out: &mut dyn crate::outputs::Outputs,
    keepdims: usize,
    operation: Option<&'static str>,
    mut kernel: impl FnMut(&[T]) -> Result<U, ApiError>,
) -> Result<crate::outputs::Ret, ApiError> {
    let keepdims = args.flag(keepdims)?;
    let mut hold = [0.0];
    let x = operand_array(args, 0, &mut hold)?;
    let axes = axes(args, 1, x.ndim())?;
    let values = data::<T>(args, 0, &x)?;
    let lanes = line_up(values, x.shape(), &axes, keepdims, T::DTYPE)?;
    if let Some(function) = operation.filter(|_| lanes.len == 0) {
        return Err(fastmath_core::Error::EmptyReduction { function }.into());
    }
    if lanes.scalar {
        return Ok(crate::element::scalar(kernel(lanes.lane(0))?));
    }
    crate::outputs::array::<U>(out, &lanes.shape, |o| {
        for (k, slot) in o.iter_mut().enumerate() {
            *slot = kernel(lanes.lane(k))?;
        }
        Ok(())
    })
}

/// numpy's type resolution by the dtype of argument 0: `$int` with `$t` the Rust type of an
/// integer or bool array, `$f32` for float32 (and float16), `$f64` for float64 and numbers.
macro_rules! by_kind {
    ($dtype:expr, $t:ident => $int:expr, float32 => $f32:expr, float64 => $f64:expr $(,)?) => {{
        use $crate::dtype::DType as D;
        match $dtype {
            D::Bool => {
                type $t = $crate::element::Bool;
                $int
            }
            D::I8 => {
                type $t = i8;
                $int
            }
            D::U8 => {
                type $t = u8;
                $int
            }
            D::I16 => {
                type $t = i16;
                $int
            }
            D::U16 => {
                type $t = u16;
                $int
            }
            D::I32 => {
                type $t = i32;
                $int
            }
            D::U32 => {
                type $t = u32;
                $int
            }
            D::I64 => {
                type $t = i64;
                $int
            }
            D::U64 => {
                type $t = u64;
                $int
            }
            D::F16 | D::F32 => $f32,
            // Complex arrays never reach a real function (`Function::complex`).
            D::F64 | D::C64 | D::C128 => $f64,
        }
    }};
}
pub(crate) use by_kind;
