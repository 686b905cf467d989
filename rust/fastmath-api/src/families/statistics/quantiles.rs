//! `quantile` and `percentile`: numpy's order statistics of all elements or along axes, for
//! one `q` or an array of them (whose shape leads the result's), by the five `method`s that
//! need no sample-size correction.

use std::borrow::Cow;
use std::cmp::Ordering;

use fastmath_core::statistics::quantile::{self as kernels, METHOD_NAMES, Method};

use super::reduced;
use crate::args::Args;
use crate::array::ArrayRef;
use crate::dtype::DType;
use crate::element::{Element, scalar};
use crate::error::ApiError;
use crate::families::scratch::room;
use crate::outputs::{Outputs, Ret, array};
use crate::table::{Family, Function};
use crate::value::{Operand, Value};
use crate::with_dtype;

const SIGNATURE: &str = "(x: Number | ArrayLike, /, q: Number | ArrayLike, \
     axis: int | tuple[int, ...] | None = None, *, method: str = \"linear\", \
     keepdims: bool = False, weights: ArrayLike | None = None) -> Number | Array";
const Q: usize = 1;
const AXIS: usize = 2;
const METHOD: usize = 3;
const KEEPDIMS: usize = 4;
const WEIGHTS: usize = 5;

pub static QUANTILE: Function = Function::new(
    "quantile",
    Family::Statistics,
    SIGNATURE,
    "The ``q``-th quantiles (``q`` in [0, 1], a number or an array of them) of all elements,\n\
     or along ``axis`` (an int or a tuple; ``keepdims`` as numpy), as ``numpy.quantile``. The\n\
     result's shape is ``q``'s shape followed by the reduced shape.\n\
     \n\
     ``method``: ``\"linear\"`` (numpy's default, its rank ``(n - 1) * q`` interpolated between\n\
     its neighbours with numpy's own arithmetic, so float64 results are numpy's bit for bit),\n\
     ``\"lower\"``, ``\"higher\"``, ``\"nearest\"`` (half to even), ``\"midpoint\"``, or one of\n\
     Hyndman and Fan's, with numpy's virtual indices and arithmetic: ``\"inverted_cdf\"``,\n\
     ``\"averaged_inverted_cdf\"``, ``\"closest_observation\"``,\n\
     ``\"interpolated_inverted_cdf\"``, ``\"hazen\"``, ``\"weibull\"``, ``\"median_unbiased\"``,\n\
     ``\"normal_unbiased\"``. The order statistics are found by selection, not by sorting. A\n\
     lane holding a nan gives nan; an empty lane raises IndexError, as numpy's. ``weights``\n\
     (``inverted_cdf`` only, as numpy): non-negative, of ``x``'s shape or of the shape of the\n\
     ``axis`` axes; each quantile is then the first value (sorted) whose share of the lane's\n\
     total weight reaches ``q``, with numpy's arithmetic and errors.\n\
     \n\
     dtypes, as numpy: ``lower``/``higher``/``nearest``/``inverted_cdf``/\n\
     ``closest_observation`` keep the input's dtype (integers exact); the others give\n\
     float64, or float32 for float32 input with ``q`` a Python number or float32 (an array\n\
     or a numpy scalar: numpy scalars are strong, as numpy 2's, so a ``numpy.float64`` ``q``\n\
     gives float64) and for 8- and 16-bit integer input with a float32 ``q`` (in numpy's\n\
     float32 arithmetic). bool input is read as integers (numpy refuses it).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.quantile([1, 2, 3, 4], 0.5)\n\
     2.5\n\
     >>> fastmath.quantile([[1, 2, 3, 4], [10, 20, 30, 40]], [0.25, 1.0], axis=1).tolist()\n\
     [[1.75, 17.5], [4.0, 40.0]]\n\
     >>> fastmath.quantile([1, 2, 3, 4], 0.5, method=\"lower\")\n\
     2",
    |args, out| run(args, out, 1.0),
);

pub static PERCENTILE: Function = Function::new(
    "percentile",
    Family::Statistics,
    SIGNATURE,
    "The ``q``-th percentiles (``q`` in [0, 100]) of all elements or along ``axis``, as\n\
     ``numpy.percentile``: ``quantile(x, q / 100, ...)`` (the division in float64, as numpy's);\n\
     its methods, shapes and dtypes.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.percentile([1, 2, 3, 4, 5], 90)\n\
     4.6\n\
     >>> fastmath.percentile([15, 20, 35, 40, 50], [25, 75], method=\"nearest\").tolist()\n\
     [20, 40]",
    |args, out| run(args, out, 100.0),
);

/// The quantiles `q / scale` (1 for `quantile`, 100 for `percentile`).
fn run(args: &Args<'_>, out: &mut dyn Outputs, scale: f64) -> Result<Ret, ApiError> {
    // A numpy scalar `q` is a 0-D array: its dtype counts (a Python number's does not).
    let q_dtype = match args.value(Q) {
        Value::Array(a) => Some(a.dtype()),
        _ => None,
    };
    let (qs, q_shape) = match args.operand(Q)? {
        Operand::Number(v) => (vec![v / scale], Vec::new()),
        Operand::Array(a) => {
            if a.ndim() > 2 {
                return Err(ApiError::value_error(
                    args.name(Q),
                    "q must be a scalar or 1d",
                ));
            }
            let q: Vec<f64> = args.f64_data(Q, &a)?.iter().map(|v| v / scale).collect();
            (q, a.shape().to_vec())
        }
    };
    if !qs.iter().all(|q| (0.0..=1.0).contains(q)) {
        let what = if scale == 1.0 {
            "Quantiles must be in the range [0, 1]"
        } else {
            "Percentiles must be in the range [0, 100]"
        };
        return Err(ApiError::value_error(args.name(Q), what));
    }
    let name = args.string(METHOD)?;
    let method = Method::parse(name).map_err(|_| {
        ApiError::value_error(
            args.name(METHOD),
            format!("'{name}' is not a valid method. Use one of: {METHOD_NAMES}"),
        )
    })?;
    let keepdims = args.flag(KEEPDIMS)?;
    let mut hold = [0.0];
    let x = reduced::operand_array(args, 0, &mut hold)?;
    let weights = match args.value(WEIGHTS) {
        Value::None => None,
        _ if method != Method::InvertedCdf => {
            return Err(ApiError::value_error(
                args.name(WEIGHTS),
                format!("Only method 'inverted_cdf' supports weights. Got: {name}."),
            ));
        }
        _ => Some(weights_of(args, &x)?),
    };
    let call = Call {
        args,
        x,
        qs: &qs,
        q_shape: &q_shape,
        method,
        keepdims,
        weights,
        // numpy computes ranks in the dtype of a float32 array `q` (a Python number is
        // float64 there).
        float32_q: matches!(q_dtype, Some(DType::F32 | DType::F16)),
    };
    let x_dtype = x.dtype();
    if method.selects() {
        return with_dtype!(x_dtype, T => call.run::<T, T>(out, |a, _, _| a));
    }
    let float32_x = matches!(x_dtype, DType::F32 | DType::F16);
    let float32_q = matches!(q_dtype, None | Some(DType::F32 | DType::F16));
    if float32_x && float32_q {
        return call.run::<f32, f32>(out, lerp_f32);
    }
    if matches!(q_dtype, Some(DType::F32 | DType::F16))
        && crate::dtype::promote(x_dtype, DType::F32) == DType::F32
    {
        // Small integers (and bools) with a float32 `q`: numpy's promotion of the two is
        // float32, and so is its arithmetic (the integers are exact in float32).
        return with_dtype!(x_dtype, T => call.run::<T, f32>(out, |a, b, t| {
            lerp_f32(a.to_f64() as f32, b.to_f64() as f32, t)
        }));
    }
    if float32_x {
        // numpy subtracts the two float32 values in float32, then weighs in float64.
        return call.run::<f32, f64>(out, |a, b, t| {
            let diff = f64::from(b - a);
            if t >= 0.5 {
                f64::from(b) - diff * (1.0 - t)
            } else {
                f64::from(a) + diff * t
            }
        });
    }
    with_dtype!(x_dtype, T => call.run::<T, f64>(out, |a, b, t| {
        kernels::lerp(a.to_f64(), b.to_f64(), t)
    }))
}

/// numpy's float32 interpolation with a float64 weight (a Python number `q`): its `_lerp` in
/// float32 arithmetic, the weight and `1 - t` rounded to float32.
fn lerp_f32(a: f32, b: f32, t: f64) -> f32 {
    let diff = b - a;
    if t >= 0.5 {
        b - diff * ((1.0 - t) as f32)
    } else {
        a + diff * (t as f32)
    }
}

/// One call's arguments, read.
struct Call<'c, 'a, 'x> {
    args: &'c Args<'a>,
    x: ArrayRef<'x>,
    qs: &'c [f64],
    q_shape: &'c [usize],
    method: Method,
    keepdims: bool,
    /// `weights`, one per element of `x` (C order), for `inverted_cdf`.
    weights: Option<Vec<f64>>,
    float32_q: bool,
}

impl Call<'_, '_, '_> {
    /// The quantiles of the elements as `T`, each made a `U` by `value(previous, next,
    /// weight)`; NaN (as `U`) for lanes holding one.
    fn run<T: Element, U: Element>(
        &self,
        out: &mut dyn Outputs,
        value: impl Fn(T, T, f64) -> U,
    ) -> Result<Ret, ApiError> {
        let args = self.args;
        let shape = self.x.shape();
        let axes = reduced::axes(args, AXIS, shape.len())?;
        let data: Cow<'_, [T]> = reduced::data::<T>(args, 0, &self.x)?;
        let lanes = reduced::line_up(data, shape, &axes, self.keepdims, T::DTYPE)?;
        let weight_lanes = match &self.weights {
            Some(w) => Some(reduced::line_up(
                Cow::Borrowed(&w[..]),
                shape,
                &axes,
                self.keepdims,
                DType::F64,
            )?),
            None => None,
        };
        let (mut order, mut cdf) = (Vec::new(), Vec::new());
        if lanes.len == 0 {
            return Err(ApiError::index_error(
                args.name(0),
                "cannot take a quantile of no values (an empty array or lane)",
            ));
        }
        let mut scratch: Vec<T> = room(if lanes.count > 0 { lanes.len } else { 0 }, T::DTYPE)?;
        let mut ranks = Vec::new();
        let cmp = |a: &T, b: &T| a.partial_cmp(b).unwrap_or(Ordering::Equal);
        let per_q = lanes.count;
        let mut fill = |o: &mut [U]| -> Result<(), ApiError> {
            for k in 0..lanes.count {
                let lane = lanes.lane(k);
                if lane.iter().any(|v| v.partial_cmp(v).is_none()) {
                    for qi in 0..self.qs.len() {
                        if let Some(slot) = o.get_mut(qi.saturating_mul(per_q).saturating_add(k)) {
                            *slot = U::from_f64(f64::NAN);
                        }
                    }
                    continue;
                }
                if let Some(weight_lanes) = &weight_lanes {
                    let picked = weighted_inverted_cdf(
                        lane,
                        weight_lanes.lane(k),
                        self.qs,
                        self.float32_q,
                        (&mut order, &mut cdf),
                        cmp,
                    )
                    .map_err(|what| ApiError::value_error(args.name(WEIGHTS), what))?;
                    for (qi, v) in picked.into_iter().enumerate() {
                        if let Some(slot) = o.get_mut(qi.saturating_mul(per_q).saturating_add(k)) {
                            *slot = value(v, v, 0.0);
                        }
                    }
                    continue;
                }
                scratch.clear();
                scratch.extend_from_slice(lane);
                kernels::quantiles_in_place(
                    &mut scratch,
                    self.qs,
                    self.method,
                    self.float32_q,
                    &mut ranks,
                    cmp,
                    |qi, a, b, t| {
                        if let Some(slot) = o.get_mut(qi.saturating_mul(per_q).saturating_add(k)) {
                            *slot = value(a, b, t);
                        }
                    },
                )?;
            }
            Ok(())
        };
        if lanes.scalar && self.q_shape.is_empty() {
            let mut one = [U::default()];
            fill(&mut one)?;
            let [v] = one;
            return Ok(scalar(v));
        }
        let out_shape = [self.q_shape, &lanes.shape[..]].concat();
        array::<U>(out, &out_shape, fill)
    }
}

/// The weights of `x` (argument WEIGHTS), one per element of `x` in C order, as numpy's
/// `_weights_are_valid` takes them: of `x`'s shape, or of the shape of the axes `axis` names
/// (in its order), broadcast along the others; non-negative.
fn weights_of(args: &Args<'_>, x: &ArrayRef<'_>) -> Result<Vec<f64>, ApiError> {
    let name = args.name(WEIGHTS);
    let mut hold = [0.0];
    let w = reduced::operand_array(args, WEIGHTS, &mut hold)?;
    let values = reduced::data::<f64>(args, WEIGHTS, &w)?;
    let shape = x.shape();
    let full = if w.shape() == shape {
        values.into_owned()
    } else {
        let Some(axes) = super::super::reductions::axes(args, AXIS, shape.len())? else {
            return Err(ApiError::type_error(
                name,
                "Axis must be specified when shapes of a and weights differ.",
            ));
        };
        let along: Vec<usize> = axes
            .iter()
            .map(|&d| shape.get(d).copied().unwrap_or(1))
            .collect();
        if w.shape() != along.as_slice() {
            return Err(ApiError::value_error(
                name,
                "Shape of weights must be consistent with shape of a along specified axis.",
            ));
        }
        // Element `f` of `x` takes the weight at its coordinates along `axes`.
        let stride =
            |dims: &[usize], d: usize| -> usize { dims.iter().skip(d.saturating_add(1)).product() };
        // (stride in x, length in x, stride in the weights) of each axis of `axis`.
        let steps: Vec<(usize, usize, usize)> = axes
            .iter()
            .enumerate()
            .map(|(k, &d)| {
                (
                    stride(shape, d),
                    shape.get(d).copied().unwrap_or(1),
                    stride(&along, k),
                )
            })
            .collect();
        let mut full = room(x.len(), DType::F64)?;
        for f in 0..x.len() {
            let at = steps.iter().fold(0usize, |at, &(step, len, w_step)| {
                let coordinate = f
                    .checked_div(step)
                    .and_then(|c| c.checked_rem(len))
                    .unwrap_or(0);
                at.saturating_add(coordinate.saturating_mul(w_step))
            });
            full.push(values.get(at).copied().unwrap_or(f64::NAN));
        }
        full
    };
    if full.iter().any(|&v| v < 0.0) {
        return Err(ApiError::value_error(name, "Weights must be non-negative."));
    }
    Ok(full)
}

/// numpy's weighted `inverted_cdf` of one lane (no nan): the values sorted stably, the
/// cumulative weights normalised by their total (in float64, then in `q`'s dtype), and for
/// each `q` the first value whose cumulative weight reaches it (leading zero weights skipped,
/// as numpy's -1 in their place does). Err with numpy's message for a total that is zero, inf
/// or nan.
fn weighted_inverted_cdf<T: Copy>(
    lane: &[T],
    weights: &[f64],
    qs: &[f64],
    float32_q: bool,
    (order, cdf): (&mut Vec<usize>, &mut Vec<f64>),
    cmp: impl Fn(&T, &T) -> Ordering,
) -> Result<Vec<T>, &'static str> {
    order.clear();
    order.extend(0..lane.len());
    order.sort_by(|&i, &j| match (lane.get(i), lane.get(j)) {
        (Some(a), Some(b)) => cmp(a, b),
        _ => Ordering::Equal,
    });
    cdf.clear();
    let mut total = 0.0;
    for &i in order.iter() {
        total += weights.get(i).copied().unwrap_or(0.0);
        cdf.push(total);
    }
    for c in cdf.iter_mut() {
        *c /= total;
    }
    if cdf.last().is_none_or(|c| c.is_nan()) {
        return Err("Weights included NaN, inf or were all zero.");
    }
    if float32_q {
        cdf.iter_mut().for_each(|c| *c = f64::from(*c as f32));
    }
    if cdf.first() == Some(&0.0) {
        cdf.iter_mut()
            .filter(|c| **c == 0.0)
            .for_each(|c| *c = -1.0);
    }
    let last = lane.len().saturating_sub(1);
    Ok(qs
        .iter()
        .filter_map(|&q| {
            let q = if float32_q { f64::from(q as f32) } else { q };
            let i = cdf.partition_point(|&c| c < q).min(last);
            order.get(i).and_then(|&j| lane.get(j)).copied()
        })
        .collect())
}
