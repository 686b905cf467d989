//! `average` (weighted means) and `ptp` (the range of values), numpy's semantics, of all
//! elements or along axes.

use fastmath_core::reduce as kernels;

use super::reduced::{self, by_kind, dtype_of, line_up, operand_array, reduce_nonempty};
use crate::args::Args;
use crate::dtype::DType;
use crate::element::{Bool, Element, scalar};
use crate::error::ApiError;
use crate::outputs::{Outputs, Ret, array};
use crate::table::{Family, Function};
use crate::value::Value;

pub static AVERAGE: Function = Function::new(
    "average",
    Family::Statistics,
    "(x: Number | ArrayLike, /, axis: int | tuple[int, ...] | None = None, \
     weights: ArrayLike | None = None, returned: bool = False, *, keepdims: bool = False) \
     -> float | FloatArray | tuple[float | FloatArray, float | FloatArray]",
    "Weighted mean ``sum(x * w) / sum(w)`` of all elements or along ``axis``, as\n\
     ``numpy.average``; without ``weights`` the mean (correctly rounded, as ``mean``). With\n\
     ``returned=True``, ``(average, sum of weights)`` (the element count without weights).\n\
     \n\
     ``weights`` has the shape of ``x``, or is 1-D along the one ``axis`` given (numpy's\n\
     errors otherwise). Weights summing to zero raise ZeroDivisionError, as numpy's.\n\
     The weighted sum is accumulated in several lanes (as ``dot``) and the weights' sum is\n\
     exact, so the last bits can differ from numpy's.\n\
     \n\
     dtypes, as numpy: float64, or float32 for float32 input with float32 (or no) weights.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.average([1, 2, 3, 4], weights=[4, 3, 2, 1])\n\
     2.0\n\
     >>> fastmath.average([[1, 2], [3, 4]], axis=1, weights=[1, 3]).tolist()\n\
     [1.75, 3.75]",
    average,
);

const AXIS: usize = 1;
const WEIGHTS: usize = 2;
const RETURNED: usize = 3;
const KEEPDIMS: usize = 4;

fn average(args: &Args<'_>, out: &mut dyn Outputs) -> Result<Ret, ApiError> {
    let x_dtype = dtype_of(args, 0);
    let float32_x = matches!(x_dtype, DType::F32 | DType::F16);
    let float32 = float32_x
        && match args.value(WEIGHTS) {
            Value::None => true,
            Value::Array(w) => matches!(w.dtype(), DType::F32 | DType::F16),
            _ => false,
        };
    if float32 {
        averages::<f32>(args, out, |v| v as f32)
    } else {
        averages::<f64>(args, out, |v| v)
    }
}

/// The averages (and with `returned`, the weights' sums), each rounded to `U` once.
fn averages<U: Element>(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    round: fn(f64) -> U,
) -> Result<Ret, ApiError> {
    let keepdims = args.flag(KEEPDIMS)?;
    let returned = args.flag(RETURNED)?;
    let mut hold = [0.0];
    let x = operand_array(args, 0, &mut hold)?;
    let shape = x.shape();
    let axes = reduced::axes(args, AXIS, shape.len())?;
    let values = reduced::data::<f64>(args, 0, &x)?;
    let lanes = line_up(values, shape, &axes, keepdims, DType::F64)?;
    let mut hold_w = [0.0];
    let weights = match args.value(WEIGHTS) {
        Value::None => None,
        _ => Some(operand_array(args, WEIGHTS, &mut hold_w)?),
    };
    let name = args.name(WEIGHTS);
    // The weights lined up as `x` (same shape), or one 1-D lane along the one axis.
    let (w_lanes, shared) = match &weights {
        None => (None, false),
        Some(w) if w.shape() == shape => {
            let wv = reduced::data::<f64>(args, WEIGHTS, w)?;
            (
                Some(line_up(wv, shape, &axes, keepdims, DType::F64)?),
                false,
            )
        }
        Some(w) => {
            if matches!(args.value(AXIS), Value::None) {
                return Err(ApiError::type_error(
                    name,
                    "Axis must be specified when shapes of a and weights differ.",
                ));
            }
            if w.ndim() != 1 {
                return Err(ApiError::type_error(
                    name,
                    "1D weights expected when shapes of a and weights differ.",
                ));
            }
            if axes.len() != 1 || w.len() != lanes.len {
                return Err(ApiError::value_error(
                    name,
                    "Length of weights not compatible with specified axis.",
                ));
            }
            let wv = reduced::data::<f64>(args, WEIGHTS, w)?;
            (
                Some(line_up(wv, &[w.len()], &[0], false, DType::F64)?),
                true,
            )
        }
    };
    // (average, weight) of lane k.
    let lane_result = |k: usize| -> Result<(U, U), ApiError> {
        let lane = lanes.lane(k);
        match &w_lanes {
            None => Ok((round(kernels::mean(lane)), round(lane.len() as f64))),
            Some(w) => {
                let wl = w.lane(if shared { 0 } else { k });
                let total = kernels::sum(wl);
                if total == 0.0 {
                    return Err(ApiError::zero_division(
                        name,
                        "Weights sum to zero, can't be normalized",
                    ));
                }
                let weighted = kernels::dot(lane, wl)?;
                Ok((round(weighted / total), round(total)))
            }
        }
    };
    if lanes.scalar {
        let (avg, weight) = lane_result(0)?;
        return Ok(if returned {
            Ret::Tuple(vec![scalar(avg), scalar(weight)])
        } else {
            scalar(avg)
        });
    }
    let mut sums: Vec<U> = Vec::new();
    let avg = array::<U>(out, &lanes.shape, |o| {
        for (k, slot) in o.iter_mut().enumerate() {
            let (avg, weight) = lane_result(k)?;
            *slot = avg;
            if returned {
                sums.push(weight);
            }
        }
        Ok(())
    })?;
    if !returned {
        return Ok(avg);
    }
    let weights = array::<U>(out, &lanes.shape, |o| {
        o.copy_from_slice(&sums);
        Ok(())
    })?;
    Ok(Ret::Tuple(vec![avg, weights]))
}

/// numpy's `max - min` in the input's dtype: integers wrap around (int8 `[-128, 127]` gives
/// -1, as numpy's).
trait Spread: Element {
    fn spread(hi: Self, lo: Self) -> Self;
}

macro_rules! wrapping_spread {
    ($($t:ty),*) => {$(
        impl Spread for $t {
            fn spread(hi: Self, lo: Self) -> Self {
                hi.wrapping_sub(lo)
            }
        }
    )*};
}
wrapping_spread!(i8, u8, i16, u16, i32, u32, i64, u64);

impl Spread for Bool {
    fn spread(hi: Self, lo: Self) -> Self {
        Bool(hi.0 ^ lo.0)
    }
}

pub static PTP: Function = Function::new(
    "ptp",
    Family::Statistics,
    "(x: Number | ArrayLike, /, axis: int | tuple[int, ...] | None = None, *, \
     keepdims: bool = False) -> Number | Array",
    "Range of the values, ``max - min``, of all elements or along ``axis``, as ``numpy.ptp``:\n\
     nan if any value is nan; empty input raises ValueError. The result keeps the input's\n\
     dtype (integers subtract with numpy's wrap-around; bool input raises TypeError, as\n\
     numpy's).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.ptp([4.0, 9.0, 2.0, 10.0])\n\
     8.0\n\
     >>> fastmath.ptp([[4, 9], [2, 10]], axis=0).tolist()\n\
     [2, 1]",
    |args, out| {
        let dtype = dtype_of(args, 0);
        if dtype == DType::Bool {
            return Err(ApiError::type_error(
                args.name(0),
                "numpy boolean subtract, the `-` operator, is not supported",
            ));
        }
        by_kind!(dtype,
            T => reduce_nonempty::<T, T>(args, out, 2, Some("maximum"), |x| {
                let hi = kernels::max_exact(x)?;
                let lo = kernels::min_exact(x)?;
                Ok(<T as Spread>::spread(hi, lo))
            }),
            float32 => reduce_nonempty::<f32, f32>(args, out, 2, Some("maximum"), |x| {
                Ok(kernels::max_f32(x)? - kernels::min_f32(x)?)
            }),
            float64 => reduce_nonempty::<f64, f64>(args, out, 2, Some("maximum"), |x| {
                Ok(kernels::max(x)? - kernels::min(x)?)
            }),
        )
    },
);
