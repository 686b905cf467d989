//! `histogram` and `bincount`: counting values into bins, numpy's rules for the edges, the
//! closed last bin, weights and density.

use fastmath_core::reduce as sums;
use fastmath_core::statistics::histogram::{self as kernels, BinFloat};

use super::reduced::{data, operand_array};
use crate::args::Args;
use crate::array::ArrayRef;
use crate::dtype::DType;
use crate::error::ApiError;
use crate::families::scratch::room;
use crate::outputs::{Outputs, Ret, array};
use crate::table::{Family, Function};
use crate::value::Value;

const BINS: usize = 1;
const RANGE: usize = 2;
const DENSITY: usize = 3;
const WEIGHTS: usize = 4;

pub static HISTOGRAM: Function = Function::new(
    "histogram",
    Family::Statistics,
    "(x: Number | ArrayLike, /, bins: int | ArrayLike = 10, range: tuple[float, float] | None = None, \
     density: bool = False, weights: ArrayLike | None = None) -> tuple[Array, FloatArray]",
    "``(counts, edges)`` of the values of ``x`` (flattened), as ``numpy.histogram``.\n\
     \n\
     ``bins``: a number of equal-width bins over ``range`` (default: the data's minimum and\n\
     maximum, widened by 0.5 each way when they are equal; ``[0, 1]`` for no data), with\n\
     numpy's edges (``linspace``) and numpy's bin for every value, edges included; or the\n\
     increasing edges themselves (``range`` is then ignored). Bin ``i`` holds\n\
     ``edges[i] <= v < edges[i + 1]``; the last bin also holds its right edge. Values outside\n\
     the edges and nan are not counted. Bin estimators (``bins=\"auto\"``) are not supported.\n\
     \n\
     dtypes: counts are int64; with ``weights`` (the shape of ``x``) the sums of the weights,\n\
     float64 (float32 for float32 weights, int64 for integer weights; numpy keeps a narrower\n\
     integer dtype), and with ``density`` float64 ``counts / width / total``. Equal-width edges\n\
     are float32 for float32 ``x`` (binned in numpy's float32 steps), else float64; given\n\
     edges are returned as float64 (numpy keeps their dtype).\n\
     \n\
     >>> import fastmath\n\
     >>> counts, edges = fastmath.histogram([1, 2, 1], bins=2)\n\
     >>> counts.tolist(), edges.tolist()\n\
     ([2, 1], [1.0, 1.5, 2.0])\n\
     >>> fastmath.histogram([0.5, 1, 2, 3], bins=[0, 1, 2, 3])[0].tolist()\n\
     [1, 1, 2]",
    histogram,
);

pub static BINCOUNT: Function = Function::new(
    "bincount",
    Family::Statistics,
    "(x: ArrayLike, /, weights: ArrayLike | None = None, minlength: int = 0) -> IndexArray | FloatArray",
    "How often each value ``0, 1, ..., max(x)`` occurs in the non-negative integers ``x``\n\
     (1-D), as ``numpy.bincount``: int64 counts, at least ``minlength`` of them; with\n\
     ``weights`` (as long as ``x``) the float64 sums of the weights instead. A float array\n\
     is a TypeError, as numpy's (its ``'safe'`` cast to int64; an empty one counts nothing,\n\
     as numpy's empty list), a negative value a ValueError, and a result too large for memory\n\
     a MemoryError at once.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.bincount([0, 1, 1, 3]).tolist()\n\
     [1, 2, 0, 1]\n\
     >>> fastmath.bincount([0, 1, 1], weights=[0.5, 1.0, 2.0], minlength=3).tolist()\n\
     [0.5, 3.0, 0.0]",
    bincount,
);

/// numpy's way of showing an edge in a message (Python's `repr` of a float).
fn shown(v: f64) -> String {
    if v.is_nan() {
        "nan".to_owned()
    } else if v.is_infinite() {
        if v > 0.0 { "inf" } else { "-inf" }.to_owned()
    } else if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e16 {
        format!("{v:.1}")
    } else {
        format!("{v}")
    }
}

/// What `bins` asks for.
enum Bins {
    Count(usize),
    Edges(Vec<f64>),
}

fn bins(args: &Args<'_>) -> Result<Bins, ApiError> {
    let name = args.name(BINS);
    let not_integer =
        || ApiError::type_error(name, "`bins` must be an integer, a string, or an array");
    let count = match args.value(BINS) {
        Value::Array(a) if a.ndim() == 1 => {
            let edges = args.f64_data(BINS, a)?.into_owned();
            if edges.windows(2).any(|w| matches!(w, [a, b] if a > b)) {
                return Err(ApiError::value_error(
                    name,
                    "`bins` must increase monotonically, when an array",
                ));
            }
            return Ok(Bins::Edges(edges));
        }
        Value::Array(a) if a.ndim() > 1 => {
            return Err(ApiError::value_error(
                name,
                "`bins` must be 1d, when an array",
            ));
        }
        Value::Str(s) => {
            return Err(ApiError::value_error(
                name,
                format!("{s:?}: bin estimators (strings) are not supported, give a number"),
            ));
        }
        Value::Array(a) if a.dtype().is_integer() => args.int(BINS)?,
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => args.int(BINS)?,
        _ => return Err(not_integer()),
    };
    if count < 1 {
        return Err(ApiError::value_error(
            name,
            "`bins` must be positive, when an integer",
        ));
    }
    // More bins than a 32-bit address space counts (wasm32) cannot be allocated either.
    usize::try_from(count)
        .map(Bins::Count)
        .map_err(|_| too_large(count as f64, DType::I64))
}

/// MemoryError for a result of `count` elements of `dtype`, stated from a float (a 32-bit
/// `usize` cannot hold every count asked for).
fn too_large(count: f64, dtype: DType) -> ApiError {
    ApiError {
        class: crate::error::ErrorClass::MemoryError,
        message: format!(
            "the result needs {} ({count:.0} {})",
            crate::error::human_bytes(count * dtype.itemsize() as f64),
            dtype.name()
        ),
        needs_function: true,
    }
}

/// `range`, if given: two finite numbers, the first not above the second.
fn range(args: &Args<'_>) -> Result<Option<(f64, f64)>, ApiError> {
    let name = args.name(RANGE);
    let pair = match args.value(RANGE) {
        Value::None => return Ok(None),
        Value::Array(a) if a.ndim() == 1 && a.len() == 2 => args.f64_data(RANGE, a)?,
        other => {
            return Err(ApiError::value_error(
                name,
                format!("expected (min, max), got {}", other.describe()),
            ));
        }
    };
    let (first, last) = match pair.as_ref() {
        [first, last] => (*first, *last),
        _ => return Err(ApiError::invalid("internal error: a range of two")),
    };
    if first > last {
        return Err(ApiError::value_error(
            name,
            "max must be larger than min in range parameter.",
        ));
    }
    if !(first.is_finite() && last.is_finite()) {
        return Err(ApiError::value_error(
            name,
            format!(
                "supplied range of [{}, {}] is not finite",
                shown(first),
                shown(last)
            ),
        ));
    }
    Ok(Some((first, last)))
}

/// The counts, of the dtype the weights give.
enum Counts {
    Ints(Vec<i64>),
    Floats(Vec<f64>, DType),
}

fn histogram(args: &Args<'_>, out: &mut dyn Outputs) -> Result<Ret, ApiError> {
    let (mut hold_x, mut hold_w) = ([0.0], [0.0]);
    let x = operand_array(args, 0, &mut hold_x)?;
    let bins = bins(args)?;
    // No data and no range: numpy's bounds are the ints 0 and 1, whose edges it computes in
    // float64, as those of a given range.
    let range = match range(args)? {
        None if x.is_empty() => Some((0.0, 1.0)),
        given => given,
    };
    let density = args.flag(DENSITY)?;
    let weights = match args.value(WEIGHTS) {
        Value::None => None,
        _ => {
            let w = operand_array(args, WEIGHTS, &mut hold_w)?;
            if w.shape() != x.shape() {
                return Err(ApiError::value_error(
                    args.name(WEIGHTS),
                    "weights should have the same shape as a.",
                ));
            }
            Some(w)
        }
    };
    let mut counts = match (&weights, &bins) {
        (None, Bins::Count(n)) => zeros_i64(*n)?,
        (None, Bins::Edges(e)) => zeros_i64(e.len().saturating_sub(1))?,
        (Some(w), b) => {
            let n = match b {
                Bins::Count(n) => *n,
                Bins::Edges(e) => e.len().saturating_sub(1),
            };
            let dtype = match w.dtype() {
                DType::F32 | DType::F16 => DType::F32,
                d if d.is_integer() || d == DType::Bool => DType::I64,
                _ => DType::F64,
            };
            if dtype == DType::I64 {
                zeros_i64(n)?
            } else {
                let mut v = room(n, DType::F64)?;
                v.resize(n, 0.0);
                Counts::Floats(v, dtype)
            }
        }
    };
    let int_weights = match (&weights, &counts) {
        (Some(w), Counts::Ints(_)) => Some(data::<i64>(args, WEIGHTS, w)?),
        _ => None,
    };
    let float_weights = match (&weights, &counts) {
        (Some(w), Counts::Floats(..)) => Some(data::<f64>(args, WEIGHTS, w)?),
        _ => None,
    };
    // One tally per kind of count, each binned by its own instance of `bin_values`.
    let (edges, edges_f32) = match (&mut counts, &int_weights, &float_weights) {
        (Counts::Ints(c), None, _) => bin_values(args, &x, &bins, range, |_, bin| {
            if let Some(c) = c.get_mut(bin) {
                *c = c.wrapping_add(1);
            }
        })?,
        (Counts::Ints(c), Some(w), _) => bin_values(args, &x, &bins, range, |i, bin| {
            if let (Some(c), Some(w)) = (c.get_mut(bin), w.get(i)) {
                *c = c.wrapping_add(*w);
            }
        })?,
        (Counts::Floats(c, _), _, w) => bin_values(args, &x, &bins, range, |i, bin| {
            let add = w.as_ref().map_or(1.0, |w| w.get(i).copied().unwrap_or(0.0));
            if let Some(c) = c.get_mut(bin) {
                *c += add;
            }
        })?,
    };
    let counts_ret = if density {
        let n: Vec<f64> = match &counts {
            Counts::Ints(c) => c.iter().map(|&v| v as f64).collect(),
            Counts::Floats(c, DType::F32) => c.iter().map(|&v| f64::from(v as f32)).collect(),
            Counts::Floats(c, _) => c.clone(),
        };
        let total = sums::sum(&n);
        array::<f64>(out, &[n.len()], |o| {
            for ((slot, &v), w) in o.iter_mut().zip(&n).zip(edges.windows(2)) {
                // numpy subtracts float32 edges in float32.
                let width = match w {
                    [a, b] if edges_f32 => f64::from(*b as f32 - *a as f32),
                    [a, b] => b - a,
                    _ => f64::NAN,
                };
                *slot = v / width / total;
            }
            Ok(())
        })?
    } else {
        match &counts {
            Counts::Ints(c) => array::<i64>(out, &[c.len()], |o| {
                o.copy_from_slice(c);
                Ok(())
            })?,
            Counts::Floats(c, DType::F32) => array::<f32>(out, &[c.len()], |o| {
                o.iter_mut().zip(c).for_each(|(s, &v)| *s = v as f32);
                Ok(())
            })?,
            Counts::Floats(c, _) => array::<f64>(out, &[c.len()], |o| {
                o.copy_from_slice(c);
                Ok(())
            })?,
        }
    };
    let edges_ret = if edges_f32 {
        array::<f32>(out, &[edges.len()], |o| {
            o.iter_mut().zip(&edges).for_each(|(s, &v)| *s = v as f32);
            Ok(())
        })?
    } else {
        array::<f64>(out, &[edges.len()], |o| {
            o.copy_from_slice(&edges);
            Ok(())
        })?
    };
    Ok(Ret::Tuple(vec![counts_ret, edges_ret]))
}

fn zeros_i64(n: usize) -> Result<Counts, ApiError> {
    let mut v = room(n, DType::I64)?;
    v.resize(n, 0);
    Ok(Counts::Ints(v))
}

/// Tallies each value of `x` into `bins` (`tally(i, bin)`), returning the edges (as float64)
/// and whether numpy's are float32.
fn bin_values(
    args: &Args<'_>,
    x: &ArrayRef<'_>,
    bins: &Bins,
    range: Option<(f64, f64)>,
    tally: impl FnMut(usize, usize),
) -> Result<(Vec<f64>, bool), ApiError> {
    Ok(match bins {
        Bins::Edges(edges) => {
            if edges.len() >= 2 {
                let values = data::<f64>(args, 0, x)?;
                kernels::tally_edges(&values, edges, tally)?;
            }
            (edges.clone(), false)
        }
        Bins::Count(n) if matches!(x.dtype(), DType::F32 | DType::F16) => {
            let values = data::<f32>(args, 0, x)?;
            (equal_width::<f32>(&values, range, *n, tally)?, true)
        }
        Bins::Count(n) => {
            let values = data::<f64>(args, 0, x)?;
            (equal_width::<f64>(&values, range, *n, tally)?, false)
        }
    })
}

/// A float type whose values numpy bins in its own precision.
trait Binned: BinFloat + Into<f64> {
    /// Whether values are placed by `kernels::position_scaled` (a multiplication by
    /// `bins / width`) rather than by numpy's own arithmetic. float64: the product is within
    /// a few ulps of numpy's quotient and the edges correct the rest. float32 keeps numpy's
    /// float32 steps, whose error can reach a bin for very many bins.
    const SCALED: bool;
    /// The smallest and largest value (nan for both when there is a nan, or no value).
    fn bounds(x: &[Self]) -> (Self, Self);
}

/// `bins / (last - first)` when it is a finite, nonzero number whose product with an offset
/// stays within a few ulps of numpy's quotient (not for a subnormal or infinite width).
fn scale_of(first: f64, last: f64, bins: usize) -> Option<f64> {
    let width = last - first;
    let scale = bins as f64 / width;
    (width.is_normal() && scale.is_normal()).then_some(scale)
}

impl Binned for f64 {
    const SCALED: bool = true;
    /// The reductions' vectorised kernels (`min`, `max`): nan when any value is nan.
    fn bounds(x: &[f64]) -> (f64, f64) {
        (
            sums::min(x).unwrap_or(f64::NAN),
            sums::max(x).unwrap_or(f64::NAN),
        )
    }
}

impl Binned for f32 {
    const SCALED: bool = false;
    fn bounds(x: &[f32]) -> (f32, f32) {
        let mut bounds = (f32::NAN, f32::NAN);
        for (i, &v) in x.iter().enumerate() {
            if v.is_nan() {
                return (f32::NAN, f32::NAN);
            }
            if i == 0 {
                bounds = (v, v);
            }
            bounds = (bounds.0.min(v), bounds.1.max(v));
        }
        bounds
    }
}

/// `n` equal-width bins over `range` (or the data's own range) of `x`: each value tallied,
/// the edges returned (as float64, values of `F`). numpy's arithmetic: the data's own bounds
/// are `F` values and everything, the edges included, is computed in `F`; a given range is
/// float64 (its edges computed in float64 and rounded to `F`; the offset `x - first` still in
/// `F`, the rest in float64).
fn equal_width<F: Binned>(
    x: &[F],
    range: Option<(f64, f64)>,
    n: usize,
    tally: impl FnMut(usize, usize),
) -> Result<Vec<f64>, ApiError> {
    let mut edges = room(n.saturating_add(1), DType::F64)?;
    edges.resize(n.saturating_add(1), 0.0);
    // The edges from float64 bounds (`wide`) or from `F` bounds.
    let finish = |edges: &mut Vec<f64>,
                  wide: Option<(f64, f64)>,
                  (first, last): (F, F)|
     -> Result<Vec<F>, ApiError> {
        let typed: Vec<F> = match wide {
            Some((first, last)) => {
                kernels::uniform_edges(first, last, edges);
                edges.iter().map(|&e| F::from_f64(e)).collect()
            }
            None => {
                let mut typed = vec![first; edges.len()];
                kernels::uniform_edges(first, last, &mut typed);
                typed
            }
        };
        for (e, t) in edges.iter_mut().zip(&typed) {
            *e = (*t).into();
        }
        if typed.windows(2).any(|w| matches!(w, [a, b] if a >= b)) {
            return Err(ApiError::value_error(
                "bins",
                format!("Too many bins for data range. Cannot create {n} finite-sized bins."),
            ));
        }
        Ok(typed)
    };
    match range {
        Some((mut first, mut last)) => {
            if first == last {
                first -= 0.5;
                last += 0.5;
            }
            let first_f = F::from_f64(first);
            let typed = finish(
                &mut edges,
                Some((first, last)),
                (first_f, F::from_f64(last)),
            )?;
            let bounds = (first_f, F::from_f64(last));
            match scale_of(first, last, n).filter(|_| F::SCALED) {
                Some(scale) => kernels::tally_uniform(
                    x,
                    bounds,
                    &typed,
                    |v| kernels::position_scaled(v, first_f, scale),
                    tally,
                )?,
                None => kernels::tally_uniform(
                    x,
                    bounds,
                    &typed,
                    |v| kernels::position_wide(v, (first, last), n),
                    tally,
                )?,
            }
        }
        None => {
            let (first, last) = F::bounds(x);
            let (lo, hi): (f64, f64) = (first.into(), last.into());
            if !(lo.is_finite() && hi.is_finite()) {
                return Err(ApiError::value_error(
                    "x",
                    format!(
                        "autodetected range of [{}, {}] is not finite",
                        shown(lo),
                        shown(hi)
                    ),
                ));
            }
            let (first, last) = kernels::widened(first, last);
            let typed = finish(&mut edges, None, (first, last))?;
            match scale_of(first.into(), last.into(), n).filter(|_| F::SCALED) {
                Some(scale) => kernels::tally_uniform(
                    x,
                    (first, last),
                    &typed,
                    |v| kernels::position_scaled(v, first, scale),
                    tally,
                )?,
                None => kernels::tally_uniform(
                    x,
                    (first, last),
                    &typed,
                    |v| kernels::position_in(v, (first, last), n),
                    tally,
                )?,
            }
        }
    }
    Ok(edges)
}

fn bincount(args: &Args<'_>, out: &mut dyn Outputs) -> Result<Ret, ApiError> {
    let name = args.name(0);
    let x = args.array(0)?;
    if x.ndim() != 1 {
        return Err(ApiError::value_error(
            name,
            format!("expected a 1-D array, got {}", x.describe()),
        ));
    }
    let minlength = args.int(2)?;
    let minlength = usize::try_from(minlength)
        .map_err(|_| ApiError::value_error(args.name(2), "'minlength' must not be negative"))?;
    let mut values: Vec<usize> = room(x.len(), DType::I64)?;
    let mut top = 0usize;
    // The largest value as a float, for the size of a result too large to even count.
    let mut top_f64 = 0.0f64;
    let negative = || ApiError::value_error(name, "must have no negative elements");
    if !x.is_empty() && !x.dtype().is_integer() {
        // numpy casts x to int64 by its 'safe' rule, which no float dtype passes.
        return Err(ApiError::type_error(
            name,
            format!(
                "Cannot cast array data from dtype('{}') to dtype('int64') according to the \
                 rule 'safe'",
                x.dtype().name()
            ),
        ));
    }
    for v in args.data::<i64>(0, &x)?.iter() {
        top_f64 = top_f64.max(*v as f64);
        if *v < 0 {
            return Err(negative());
        }
        // Beyond a 32-bit usize (wasm32): too large to count, refused below from `top_f64`.
        let v = usize::try_from(*v).unwrap_or(usize::MAX);
        top = top.max(v);
        values.push(v);
    }
    let len = if values.is_empty() {
        0
    } else {
        top.saturating_add(1)
    }
    .max(minlength);
    let weights = match args.value(1) {
        Value::None => None,
        _ => {
            let w = args.array(1)?;
            if w.shape() != x.shape() {
                return Err(ApiError::value_error(
                    args.name(1),
                    "The weights and list don't have the same length.",
                ));
            }
            Some(args.f64_data(1, &w)?)
        }
    };
    // numpy counts nothing in int64, weights or not.
    let weights = weights.filter(|_| !values.is_empty());
    let dtype = if weights.is_some() {
        DType::F64
    } else {
        DType::I64
    };
    if len > isize::MAX as usize / 8 {
        // Stated from the float, which a 32-bit usize cannot hold.
        return Err(too_large((top_f64 + 1.0).max(minlength as f64), dtype));
    }
    match weights {
        None => array::<i64>(out, &[len], |o| {
            o.fill(0);
            Ok(kernels::count_into(&values, o)?)
        }),
        Some(w) => array::<f64>(out, &[len], |o| {
            o.fill(0.0);
            Ok(kernels::weigh_into(&values, &w, o)?)
        }),
    }
}
