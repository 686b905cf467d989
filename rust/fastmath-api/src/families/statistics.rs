//! Statistics: summaries of N-D arrays, numpy's semantics, of all elements or along axes.
//! `median` is here; the others live in one module each: `quantiles` (`quantile`,
//! `percentile`), `histograms` (`histogram`, `bincount`), `summaries` (`average`, `ptp`), `nan`
//! (the nan-ignoring reductions) and `covariances` (`cov`, `corrcoef`); `reduced` holds their
//! shared handling of `axis`/`keepdims`.

use std::borrow::Cow;

use fastmath_core::median as kernels;

use super::scratch::room;
use crate::args::Args;
use crate::dtype::DType;
use crate::element::{Element, scalar};
use crate::error::ApiError;
use crate::outputs::{Outputs, Ret, array};
use crate::table::{Family, Function};
use crate::value::Operand;

#[cfg(test)]
mod calls_tests;
mod covariances;
mod histograms;
mod nan;
mod quantiles;
pub(super) mod reduced;
mod summaries;

pub static FUNCTIONS: &[&Function] = &[
    &MEDIAN,
    &quantiles::PERCENTILE,
    &quantiles::QUANTILE,
    &histograms::HISTOGRAM,
    &histograms::BINCOUNT,
    &summaries::AVERAGE,
    &summaries::PTP,
    &nan::NANSUM,
    &nan::NANMEAN,
    &nan::NANVAR,
    &nan::NANSTD,
    &nan::NANMIN,
    &nan::NANMAX,
    &nan::NANMEDIAN,
    &covariances::COV,
    &covariances::CORRCOEF,
];

pub static MEDIAN: Function = Function::new(
    "median",
    Family::Statistics,
    "(x: Number | ArrayLike, /, axis: int | tuple[int, ...] | None = None, *, \
     keepdims: bool = False) -> float | FloatArray",
    "Median of all elements, or along ``axis`` of an N-D array (an int, negative counting from\n\
     the end, or a tuple of them; ``keepdims`` as numpy), as ``numpy.median``: the middle\n\
     value, or the mean of the two middle values of an even count. Exact: one of the values,\n\
     or their correctly rounded midpoint (finite for finite values, where numpy's ``a + b``\n\
     may overflow). A nan in a reduced lane gives nan; an empty input (or lane) gives nan, as\n\
     numpy, which also warns.\n\
     \n\
     dtypes, as numpy: float64 for integer, bool and float64 input (integers beyond 2**53 as\n\
     numpy converts them); float32 for float32 (the midpoint rounded once to float32).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.median([3, 1, 4, 1, 5])\n\
     3.0\n\
     >>> fastmath.median([[1, 2, 3], [4, 5, 7]], axis=1).tolist()\n\
     [2.0, 5.0]\n\
     >>> fastmath.median([[1, 2, 3], [4, 5, 7]], axis=(0, 1), keepdims=True).tolist()\n\
     [[3.5]]\n\
     >>> fastmath.median([1, 2, 3, 10])\n\
     2.5",
    |args, out| match args.value(0) {
        crate::value::Value::Array(a) if matches!(a.dtype(), DType::F32 | DType::F16) => {
            median(args, out, |v| v as f32)
        }
        _ => median(args, out, |v| v),
    },
);

const AXIS: usize = 1;
const KEEPDIMS: usize = 2;

/// numpy's median of argument 0 (along parameter 1's axes), each median written as `round`
/// of the float64 one: the result's dtype is `U`'s.
fn median<U: Element>(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    round: fn(f64) -> U,
) -> Result<Ret, ApiError> {
    let keepdims = args.flag(KEEPDIMS)?;
    // A numpy scalar (a 0-D array) keeps its dtype, as numpy's: only a Python number is a float.
    let a = match (args.value(0), args.operand(0)?) {
        (crate::value::Value::Array(a), _) => *a,
        (_, Operand::Number(v)) => {
            reduced::axes(args, AXIS, 0)?;
            return Ok(Ret::Float(v));
        }
        (_, Operand::Array(a)) => a,
    };
    let shape = a.shape();
    let axes = reduced::axes(args, AXIS, shape.len())?;
    let x = args.f64_data(0, &a)?;
    match axes[..] {
        [axis] if shape.len() > 1 && !keepdims => {
            // `axis` is one of the array's (checked by `reduced::axes`).
            let split = axis.checked_add(1).and_then(|after| {
                Some((shape.get(..axis)?, *shape.get(axis)?, shape.get(after..)?))
            });
            let (before, n, after) = split
                .ok_or_else(|| ApiError::invalid("internal error: an axis beyond the shape"))?;
            let (outer, inner) = (
                before.iter().product::<usize>(),
                after.iter().product::<usize>(),
            );
            let rest: Vec<usize> = [before, after].concat();
            // One lane's scratch, when there is a lane.
            let need = if outer > 0 && inner > 0 { n } else { 0 };
            let mut lane = room(need, DType::F64)?;
            lane.resize(need, 0.0);
            array::<U>(out, &rest, |o| {
                Ok(kernels::median_along_into(
                    &x,
                    (outer, n, inner),
                    &mut lane,
                    o,
                    round,
                )?)
            })
        }
        // All elements, without keepdims: selected in a copy, or in the converted values
        // when reading the argument already copied them.
        _ if axes.len() == shape.len() && !keepdims => {
            let mut values = match x {
                Cow::Owned(v) => v,
                Cow::Borrowed(v) => {
                    let mut copy = room(v.len(), DType::F64)?;
                    copy.extend_from_slice(v);
                    copy
                }
            };
            Ok(scalar(round(kernels::median_in_place(&mut values))))
        }
        // Several axes, or keepdims: the reduced axes moved last, each lane selected in a
        // copy.
        _ => {
            let lanes = reduced::line_up(x, shape, &axes, keepdims, DType::F64)?;
            let need = if lanes.count > 0 { lanes.len } else { 0 };
            let mut lane = room(need, DType::F64)?;
            array::<U>(out, &lanes.shape, |o| {
                for (k, slot) in o.iter_mut().enumerate() {
                    lane.clear();
                    lane.extend_from_slice(lanes.lane(k));
                    *slot = round(kernels::median_in_place(&mut lane));
                }
                Ok(())
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::error::ErrorClass::{AxisError, TypeError};
    use crate::families::testing::{Arr, assert_refusals, float, matrix, ok, vector};
    use crate::value::Value;

    const NAN: f64 = f64::NAN;

    fn axis(a: i64) -> Vec<(&'static str, Value<'static>)> {
        vec![("axis", Value::Int(a))]
    }

    #[test]
    fn middle_values_and_midpoints() {
        assert_eq!(
            float(
                "median",
                vec![vector(&[3.0, 1.0, 4.0, 1.0, 5.0]).value()],
                vec![]
            ),
            3.0
        );
        assert_eq!(
            float(
                "median",
                vec![vector(&[1.0, 2.0, 3.0, 10.0]).value()],
                vec![]
            ),
            2.5
        );
        assert_eq!(float("median", vec![Value::Float(-2.5)], vec![]), -2.5);
        assert!(float("median", vec![vector(&[]).value()], vec![]).is_nan());
        assert!(float("median", vec![vector(&[1.0, NAN, 0.0]).value()], vec![]).is_nan());
        // A 1-D array's axis 0 (or -1) is all elements: a float.
        let v = vector(&[2.0, 1.0]);
        assert_eq!(float("median", vec![v.value()], axis(-1)), 1.5);
        // No axis flattens an N-D array.
        let m = matrix(&[&[9.0, 1.0], &[5.0, 3.0]]);
        assert_eq!(float("median", vec![m.value()], vec![]), 4.0);
    }

    #[test]
    fn along_an_axis_the_result_drops_that_axis() {
        let m = matrix(&[&[1.0, 2.0, 3.0], &[4.0, 5.0, 7.0]]);
        let (ret, out) = ok("median", vec![m.value()], axis(1));
        assert_eq!(out.f64(&ret), (&[2][..], &[2.0, 5.0][..]));
        let (ret, out) = ok("median", vec![m.value()], axis(-2));
        assert_eq!(out.f64(&ret), (&[3][..], &[2.5, 3.5, 5.0][..]));

        // x[i][j][k] = 100 i + 10 j + k, shape (2, 3, 2): each lane is an arithmetic
        // progression, so its median is its mean, computed by hand below.
        let values: Vec<f64> = (0..12)
            .map(|t| f64::from(100 * (t / 6) + 10 * (t / 2 % 3) + t % 2))
            .collect();
        let cube = Arr::new(&[2, 3, 2], &values);
        let (ret, out) = ok("median", vec![cube.value()], axis(0));
        assert_eq!(
            out.f64(&ret),
            (&[3, 2][..], &[50.0, 51.0, 60.0, 61.0, 70.0, 71.0][..])
        );
        let (ret, out) = ok("median", vec![cube.value()], axis(1));
        assert_eq!(
            out.f64(&ret),
            (&[2, 2][..], &[10.0, 11.0, 110.0, 111.0][..])
        );
        let (ret, out) = ok("median", vec![cube.value()], axis(-1));
        let want = [0.5, 10.5, 20.5, 100.5, 110.5, 120.5];
        assert_eq!(out.f64(&ret), (&[2, 3][..], &want[..]));
        assert_eq!(float("median", vec![cube.value()], vec![]), 60.5);
    }

    #[test]
    fn nan_and_empty_lanes() {
        let m = matrix(&[&[1.0, NAN], &[3.0, 4.0]]);
        let (ret, out) = ok("median", vec![m.value()], axis(0));
        let (_, got) = out.f64(&ret);
        assert!(got[0] == 2.0 && got[1].is_nan(), "{got:?}");
        let empty_lanes = Arr::new(&[0, 3], &[]);
        let (ret, out) = ok("median", vec![empty_lanes.value()], axis(0));
        let (shape, got) = out.f64(&ret);
        assert!(shape == [3] && got.iter().all(|v| v.is_nan()), "{got:?}");
        let (ret, out) = ok("median", vec![empty_lanes.value()], axis(1));
        assert_eq!(out.f64(&ret).0, [0]);
    }

    #[test]
    fn refusals() {
        let v = vector(&[1.0, 2.0]);
        let cube = Arr::new(&[1, 2, 1], &[1.0, 2.0]);
        assert_refusals(vec![
            (
                "median",
                vec![v.value()],
                axis(2),
                AxisError,
                "axis: axis 2 is out of bounds for array of dimension 1",
            ),
            (
                "median",
                vec![cube.value()],
                axis(-4),
                AxisError,
                "axis: axis -4 is out of bounds for array of dimension 3",
            ),
            (
                "median",
                vec![Value::Float(1.0)],
                axis(0),
                AxisError,
                "axis: axis 0 is out of bounds for array of dimension 0",
            ),
            (
                "median",
                vec![v.value()],
                vec![("axis", Value::Str("0"))],
                TypeError,
                "axis: expected an integer, got str",
            ),
            (
                "median",
                vec![Value::Str("12")],
                vec![],
                TypeError,
                "x: expected a number or an array of numbers, got str",
            ),
            (
                "median",
                vec![v.value(), Value::Int(0), Value::Int(0)],
                vec![],
                TypeError,
                "median() takes from 1 to 2 positional arguments but 3 were given",
            ),
        ]);
    }
}
