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
use crate::element::Element;
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

/// The non-nan values of `lane` (float64 or float32, read in place): the lane itself when it
/// has no nan, else copied into `scratch`.
fn not_nan<'s, T: Element>(lane: &'s [T], scratch: &'s mut Vec<T>) -> Result<&'s [T], ApiError> {
    let is_nan = |v: &T| v.to_f64().is_nan();
    if !lane.iter().any(is_nan) {
        return Ok(lane);
    }
    scratch.clear();
    if scratch.capacity() < lane.len() {
        *scratch = room(lane.len(), T::DTYPE)?;
    }
    scratch.extend(lane.iter().copied().filter(|v| !is_nan(v)));
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
        let mut scratch32 = Vec::new();
        by_kind!(dtype_of(args, 0),
            T => reduce::<T, _>(args, out, KEEPDIMS, |x| Ok(kernels::wrapping_sum(x))),
            float32 => reduce::<f32, f32>(args, out, KEEPDIMS, |x| {
                Ok(kernels::sum_f32(not_nan(x, &mut scratch32)?))
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
        if matches!(dtype_of(args, 0), DType::F32 | DType::F16) {
            let mut scratch = Vec::new();
            return reduce::<f32, f32>(args, out, KEEPDIMS, |x| {
                Ok(kernels::mean_f32(not_nan(x, &mut scratch)?))
            });
        }
        let mut scratch = Vec::new();
        reduce::<f64, f64>(args, out, KEEPDIMS, |x| {
            Ok(kernels::mean(not_nan(x, &mut scratch)?))
        })
    },
);

/// numpy's `nanvar` (`var` the variance kernel of `T`): the variance of the non-nan values,
/// nan where `n - ddof <= 0`.
fn nanvar<T: Element>(
    x: &[T],
    ddof: f64,
    scratch: &mut Vec<T>,
    var: fn(&[T], f64) -> f64,
) -> Result<f64, ApiError> {
    let values = not_nan(x, scratch)?;
    if values.len() as f64 - ddof <= 0.0 {
        return Ok(f64::NAN);
    }
    Ok(var(values, ddof))
}

fn spread(args: &Args<'_>, out: &mut dyn Outputs, root: bool) -> Result<Ret, ApiError> {
    let ddof = args.number(2)?;
    let finish = |v: f64| if root { v.sqrt() } else { v };
    if matches!(dtype_of(args, 0), DType::F32 | DType::F16) {
        let mut scratch = Vec::new();
        return reduce::<f32, f32>(args, out, KEEPDIMS_DDOF, |x| {
            Ok(finish(nanvar(x, ddof, &mut scratch, kernels::var_f32)?) as f32)
        });
    }
    let mut scratch = Vec::new();
    reduce::<f64, f64>(args, out, KEEPDIMS_DDOF, |x| {
        Ok(finish(nanvar(x, ddof, &mut scratch, kernels::var)?))
    })
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
fn extreme<T: Element>(
    x: &[T],
    scratch: &mut Vec<T>,
    pick: fn(&[T]) -> fastmath_core::Result<T>,
) -> Result<T, ApiError> {
    if x.is_empty() {
        return Ok(pick(x)?);
    }
    let values = not_nan(x, scratch)?;
    if values.is_empty() {
        return Ok(T::from_f64(f64::NAN));
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
        let mut scratch32 = Vec::new();
        by_kind!(dtype_of(args, 0),
            T => reduce_nonempty::<T, T>(args, out, KEEPDIMS, Some("fmin"), |x| {
                Ok(kernels::min_exact(x)?)
            }),
            float32 => reduce_nonempty::<f32, f32>(args, out, KEEPDIMS, Some("fmin"), |x| {
                extreme(x, &mut scratch32, kernels::min_f32)
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
        let mut scratch32 = Vec::new();
        by_kind!(dtype_of(args, 0),
            T => reduce_nonempty::<T, T>(args, out, KEEPDIMS, Some("fmax"), |x| {
                Ok(kernels::max_exact(x)?)
            }),
            float32 => reduce_nonempty::<f32, f32>(args, out, KEEPDIMS, Some("fmax"), |x| {
                extreme(x, &mut scratch32, kernels::max_f32)
            }),
            float64 => reduce_nonempty::<f64, f64>(args, out, KEEPDIMS, Some("fmax"), |x| {
                extreme(x, &mut scratch, kernels::max)
            }),
        )
    },
);

/// The median of the values of `lane` (`n` of them) that are not nan, selected in `scratch`,
/// a float64 copy (float32 lanes are read in place and widened in that copy).
fn median_of_numbers(
    lane: impl Iterator<Item = f64>,
    n: usize,
    scratch: &mut Vec<f64>,
) -> Result<f64, ApiError> {
    scratch.clear();
    if scratch.capacity() < n {
        *scratch = room(n, DType::F64)?;
    }
    scratch.extend(lane.filter(|v| !v.is_nan()));
    Ok(median_in_place(scratch))
}

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
        if matches!(dtype_of(args, 0), DType::F32 | DType::F16) {
            return reduce::<f32, f32>(args, out, KEEPDIMS, |x| {
                let wide = x.iter().map(|&v| f64::from(v));
                Ok(median_of_numbers(wide, x.len(), &mut scratch)? as f32)
            });
        }
        reduce::<f64, f64>(args, out, KEEPDIMS, |x| {
            median_of_numbers(x.iter().copied(), x.len(), &mut scratch)
        })
    },
);
