//! The nan-ignoring reductions: `nansum nanmean nanvar nanstd nanmin nanmax nanmedian`, numpy's
//! results of the values that are not nan, of all elements or along axes (`keepdims` as the
//! other reductions). They reuse the plain reductions' kernels on each lane's non-nan values
//! (a lane without nan is passed as it is, zero copy): `nansum` is the same exact sum as `sum`.
//! Integer and bool input has no nan, so it gives what the plain reduction gives.

use fastmath_core::median::median_in_place;
use fastmath_core::reduce as kernels;

use super::reduced::{by_kind, dtype_of, reduce, reduce_nonempty};
use crate::args::Args;
use crate::dtype::DType;
use crate::error::ApiError;
use crate::families::scratch::room;
use crate::outputs::{Outputs, Ret};
use crate::table::{Family, Function};

const AXIS_REDUCTION: &str = "(x: Number | ArrayLike, /, axis: int | tuple[int, ...] | None = None, *, \
     keepdims: bool = False) -> Number | Array";
const AXIS_REDUCTION_FLOAT: &str = "(x: Number | ArrayLike, /, axis: int | tuple[int, ...] | None = None, *, \
     keepdims: bool = False) -> float | FloatArray";
const AXIS_REDUCTION_DDOF: &str = "(x: Number | ArrayLike, /, axis: int | tuple[int, ...] | None = None, \
     ddof: float = 0.0, *, keepdims: bool = False) -> float | FloatArray";
const KEEPDIMS: usize = 2;
const KEEPDIMS_DDOF: usize = 3;

/// The non-nan values of `lane`: the lane itself when it has no nan, else copied into
/// `scratch`.
fn not_nan<'s>(lane: &'s [f64], scratch: &'s mut Vec<f64>) -> Result<&'s [f64], ApiError> {
    if !lane.iter().any(|v| v.is_nan()) {
        return Ok(lane);
    }
    scratch.clear();
    if scratch.capacity() < lane.len() {
        *scratch = room(lane.len(), DType::F64)?;
    }
    scratch.extend(lane.iter().copied().filter(|v| !v.is_nan()));
    Ok(scratch)
}

pub static NANSUM: Function = Function::new(
    "nansum",
    Family::Statistics,
    AXIS_REDUCTION,
    "Sum of the values that are not nan (0 for none), of all elements or along ``axis``, as\n\
     ``numpy.nansum``; exact as ``sum``: the float64 sum is the correctly rounded sum of the\n\
     non-nan values, whatever their order. dtypes as ``sum`` (int64 for bool and signed\n\
     integers, uint64 for unsigned, float32 for float32 rounded once from the exact sum).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.nansum([1.0, float('nan'), 1e100, -1e100, 2.0])\n\
     3.0\n\
     >>> fastmath.nansum([[1.0, float('nan')], [3.0, 4.0]], axis=0).tolist()\n\
     [4.0, 4.0]",
    |args, out| {
        let mut scratch = Vec::new();
        by_kind!(dtype_of(args, 0),
            T => reduce::<T, _>(args, out, KEEPDIMS, |x| Ok(kernels::wrapping_sum(x))),
            float32 => reduce::<f64, f32>(args, out, KEEPDIMS, |x| {
                Ok(kernels::sum_to_f32(not_nan(x, &mut scratch)?))
            }),
            float64 => reduce::<f64, f64>(args, out, KEEPDIMS, |x| {
                Ok(kernels::sum(not_nan(x, &mut scratch)?))
            }),
        )
    },
);

pub static NANMEAN: Function = Function::new(
    "nanmean",
    Family::Statistics,
    AXIS_REDUCTION_FLOAT,
    "Mean of the values that are not nan, as ``numpy.nanmean``: nan when there are none (an\n\
     empty or all-nan lane; numpy also warns). Correctly rounded as ``mean``; float64, or\n\
     float32 for float32 input.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.nanmean([1.0, float('nan'), 2.0])\n\
     1.5",
    |args, out| {
        let mut scratch = Vec::new();
        if matches!(dtype_of(args, 0), DType::F32 | DType::F16) {
            return reduce::<f64, f32>(args, out, KEEPDIMS, |x| {
                Ok(kernels::mean_to_f32(not_nan(x, &mut scratch)?))
            });
        }
        reduce::<f64, f64>(args, out, KEEPDIMS, |x| {
            Ok(kernels::mean(not_nan(x, &mut scratch)?))
        })
    },
);

/// numpy's `nanvar`: the variance of the non-nan values, nan where `n - ddof <= 0`.
fn nanvar(x: &[f64], ddof: f64, scratch: &mut Vec<f64>) -> Result<f64, ApiError> {
    let values = not_nan(x, scratch)?;
    if values.len() as f64 - ddof <= 0.0 {
        return Ok(f64::NAN);
    }
    Ok(kernels::var(values, ddof))
}

fn spread(args: &Args<'_>, out: &mut dyn Outputs, root: bool) -> Result<Ret, ApiError> {
    let ddof = args.number(2)?;
    let mut scratch = Vec::new();
    let mut value = |x: &[f64]| -> Result<f64, ApiError> {
        let v = nanvar(x, ddof, &mut scratch)?;
        Ok(if root { v.sqrt() } else { v })
    };
    if matches!(dtype_of(args, 0), DType::F32 | DType::F16) {
        return reduce::<f64, f32>(args, out, KEEPDIMS_DDOF, |x| Ok(value(x)? as f32));
    }
    reduce::<f64, f64>(args, out, KEEPDIMS_DDOF, value)
}

pub static NANVAR: Function = Function::new(
    "nanvar",
    Family::Statistics,
    AXIS_REDUCTION_DDOF,
    "Variance (divisor ``n - ddof``) of the values that are not nan, as ``numpy.nanvar``: nan\n\
     where ``n - ddof <= 0`` (no values, or too few). Computed as ``var``; float64, or float32\n\
     for float32 input.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.nanvar([1.0, float('nan'), 3.0])\n\
     1.0",
    |args, out| spread(args, out, false),
);

pub static NANSTD: Function = Function::new(
    "nanstd",
    Family::Statistics,
    AXIS_REDUCTION_DDOF,
    "Standard deviation of the values that are not nan, ``sqrt(nanvar(x, axis, ddof))``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.nanstd([2.0, 4.0, float('nan'), 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])\n\
     2.0",
    |args, out| spread(args, out, true),
);

/// `nanmin`/`nanmax` of float values: `pick` of the non-nan values, nan when all are nan,
/// ValueError for no values at all (numpy's).
fn extreme(
    x: &[f64],
    scratch: &mut Vec<f64>,
    pick: fn(&[f64]) -> fastmath_core::Result<f64>,
) -> Result<f64, ApiError> {
    if x.is_empty() {
        return Ok(pick(x)?);
    }
    let values = not_nan(x, scratch)?;
    if values.is_empty() {
        return Ok(f64::NAN);
    }
    Ok(pick(values)?)
}

pub static NANMIN: Function = Function::new(
    "nanmin",
    Family::Statistics,
    AXIS_REDUCTION,
    "Smallest value that is not nan, as ``numpy.nanmin``: nan for an all-nan lane (numpy also\n\
     warns); empty input raises ValueError. The result keeps the input's dtype.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.nanmin([3.0, float('nan'), 1.0])\n\
     1.0",
    |args, out| {
        let mut scratch = Vec::new();
        by_kind!(dtype_of(args, 0),
            T => reduce_nonempty::<T, T>(args, out, KEEPDIMS, Some("fmin"), |x| {
                Ok(kernels::min_exact(x)?)
            }),
            float32 => reduce_nonempty::<f64, f32>(args, out, KEEPDIMS, Some("fmin"), |x| {
                Ok(extreme(x, &mut scratch, kernels::min)? as f32)
            }),
            float64 => reduce_nonempty::<f64, f64>(args, out, KEEPDIMS, Some("fmin"), |x| {
                extreme(x, &mut scratch, kernels::min)
            }),
        )
    },
);

pub static NANMAX: Function = Function::new(
    "nanmax",
    Family::Statistics,
    AXIS_REDUCTION,
    "Largest value that is not nan, as ``numpy.nanmax``: nan for an all-nan lane (numpy also\n\
     warns); empty input raises ValueError. The result keeps the input's dtype.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.nanmax([[3.0, float('nan')], [2.0, 5.0]], axis=1).tolist()\n\
     [3.0, 5.0]",
    |args, out| {
        let mut scratch = Vec::new();
        by_kind!(dtype_of(args, 0),
            T => reduce_nonempty::<T, T>(args, out, KEEPDIMS, Some("fmax"), |x| {
                Ok(kernels::max_exact(x)?)
            }),
            float32 => reduce_nonempty::<f64, f32>(args, out, KEEPDIMS, Some("fmax"), |x| {
                Ok(extreme(x, &mut scratch, kernels::max)? as f32)
            }),
            float64 => reduce_nonempty::<f64, f64>(args, out, KEEPDIMS, Some("fmax"), |x| {
                extreme(x, &mut scratch, kernels::max)
            }),
        )
    },
);

pub static NANMEDIAN: Function = Function::new(
    "nanmedian",
    Family::Statistics,
    AXIS_REDUCTION_FLOAT,
    "Median of the values that are not nan, as ``numpy.nanmedian``: nan for an empty or\n\
     all-nan lane. Exact as ``median`` (selection in a copy); float64, or float32 for float32\n\
     input.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.nanmedian([3.0, float('nan'), 1.0, 2.0])\n\
     2.0",
    |args, out| {
        let mut scratch: Vec<f64> = Vec::new();
        let mut median = |x: &[f64]| -> Result<f64, ApiError> {
            scratch.clear();
            if scratch.capacity() < x.len() {
                scratch = room(x.len(), DType::F64)?;
            }
            scratch.extend(x.iter().copied().filter(|v| !v.is_nan()));
            Ok(median_in_place(&mut scratch))
        };
        if matches!(dtype_of(args, 0), DType::F32 | DType::F16) {
            return reduce::<f64, f32>(args, out, KEEPDIMS, |x| Ok(median(x)? as f32));
        }
        reduce::<f64, f64>(args, out, KEEPDIMS, median)
    },
);
