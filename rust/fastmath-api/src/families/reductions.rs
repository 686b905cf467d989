//! Reductions: many values in, one value out. `sum mean var std min max` reduce all elements of
//! an array of any rank, or the axes numpy's `axis` names (an int or a tuple, negative counting
//! from the end), with `keepdims`; the 2-D one-axis case runs its own kernels, any other goes
//! through one copy that makes the reduced axes' lanes contiguous. The others take one or two
//! dimensions and reduce the flattened array.
//!
//! `sum`, `mean` and `dot` of all elements also fold chunk by chunk ([`Stream::Fold`]) with
//! the accumulators of their one-shot kernels, so a streamed result is the one-shot result, bit
//! for bit (float64 input only: only such input is streamed); `argmax` and `argmin` fold by
//! keeping the first best of each chunk that beats the best so far, the one-shot index.
//!
//! Result dtypes are numpy 2's ([`by_dtype!`]): integer and bool input sums and multiplies in
//! int64 (uint64 for unsigned integers) with wrap-around and keeps its dtype in `min`/`max`;
//! float32 input gives float32; means and deviations of integers are float64. Float64 input
//! takes the float64 kernels, unchanged.

use std::borrow::Cow;

use fastmath_core::axis::{self, Axis};
use fastmath_core::matrix::MatRef;
use fastmath_core::norm::{self as norm_kernels, NormOrd};
use fastmath_core::reduce::{self as kernels, DotAcc, Integer, SumAcc};
use fastmath_core::{cumulative, elementwise};

use super::lanes::Lanes;
use super::permute::permute_into;
use super::rank;
use crate::args::Args;
use crate::array::ArrayRef;
use crate::dtype::DType;
use crate::element::{Bool, Element, scalar};
use crate::error::ApiError;
use crate::outputs::{Outputs, Ret, array, f64_array, i64_array};
use crate::table::{Family, Fold, Function, Stream};
use crate::value::{Operand, Value};

pub static FUNCTIONS: &[&Function] = &[
    &SUM, &PROD, &MEAN, &VAR, &STD, &MIN, &MAX, &ARGMIN, &ARGMAX, &CUMSUM, &CUMPROD, &DOT, &NORM,
];

/// numpy counts `True`s: bool sums and products are int64.
impl Integer for Bool {
    type Acc = i64;
    fn widen(self) -> i64 {
        i64::from(self.get())
    }
}

/// The dtype of argument 0 when it is an array (None for a number).
fn input_dtype(args: &Args<'_>) -> Option<DType> {
    match args.value(0) {
        Value::Array(a) => Some(a.dtype()),
        _ => None,
    }
}

/// Whether argument 0 is a float32 (or float16, computed as float32) array.
fn is_float32(args: &Args<'_>) -> bool {
    matches!(input_dtype(args), Some(DType::F32 | DType::F16))
}

/// Argument 0 as an array of any rank, 0-D included (which [`Args::operand`] reads as a
/// number: the typed paths keep its dtype).
fn typed_input<'a>(args: &Args<'a>) -> Result<ArrayRef<'a>, ApiError> {
    match args.value(0) {
        Value::Array(a) => Ok(*a),
        _ => args.array(0),
    }
}

/// numpy's type resolution of a reduction, by the dtype of argument 0: `$int` with `$t` the
/// Rust type of an integer or bool array, `$f32` for float32 (and float16), `$f64` for float64
/// arrays and numbers.
macro_rules! by_dtype {
    ($args:expr, $t:ident => $int:expr, float32 => $f32:expr, float64 => $f64:expr $(,)?) => {
        match input_dtype($args) {
            Some(DType::Bool) => {
                type $t = Bool;
                $int
            }
            Some(DType::I8) => {
                type $t = i8;
                $int
            }
            Some(DType::U8) => {
                type $t = u8;
                $int
            }
            Some(DType::I16) => {
                type $t = i16;
                $int
            }
            Some(DType::U16) => {
                type $t = u16;
                $int
            }
            Some(DType::I32) => {
                type $t = i32;
                $int
            }
            Some(DType::U32) => {
                type $t = u32;
                $int
            }
            Some(DType::I64) => {
                type $t = i64;
                $int
            }
            Some(DType::U64) => {
                type $t = u64;
                $int
            }
            Some(DType::F16 | DType::F32) => $f32,
            Some(DType::F64 | DType::C64 | DType::C128) | None => $f64,
        }
    };
}

/// `sum prod min max`: a result of a dtype numpy's rules give (an int for integer input).
const AXIS_REDUCTION: &str = "(x: Number | ArrayLike, /, axis: int | tuple[int, ...] | None = None, *, \
     keepdims: bool = False) -> int | float | Array";
/// `mean`: always a float (float64, or float32 for float32 input).
const AXIS_REDUCTION_FLOAT: &str = "(x: Number | ArrayLike, /, axis: int | tuple[int, ...] | None = None, *, \
     keepdims: bool = False) -> float | FloatArray";
const AXIS_REDUCTION_DDOF: &str = "(x: Number | ArrayLike, /, axis: int | tuple[int, ...] | None = None, \
     ddof: float = 0.0, *, keepdims: bool = False) -> float | FloatArray";
/// Where `keepdims` is among the parameters of [`AXIS_REDUCTION`] and [`AXIS_REDUCTION_DDOF`].
const KEEPDIMS: usize = 2;
const KEEPDIMS_DDOF: usize = 3;

/// What an axis reduction reduces.
enum Target<'a> {
    /// A number (or a 0-D array): the reduction of that one value.
    Number(f64),
    /// Every element of an array, flattened in C order, to one float.
    All(ArrayRef<'a>),
    /// One axis of a `(rows, cols)` matrix: the 2-D kernels, which need no copy.
    Along(ArrayRef<'a>, (usize, usize), Axis),
    /// The axes listed (ascending, distinct) of an N-D array; the others are kept.
    Axes(ArrayRef<'a>, Vec<usize>),
}

/// The target of a reduction of `x` (parameter 0) along `axis` (parameter 1): numpy's `None`,
/// an int (negative counts from the end) or a tuple of them. `keepdims` needs an array result,
/// so it turns "all elements" into the general case.
fn target<'a>(args: &Args<'a>, keepdims: bool) -> Result<Target<'a>, ApiError> {
    let x = args.operand(0)?;
    let ndim = match &x {
        Operand::Number(_) => 0,
        Operand::Array(a) => a.ndim(),
    };
    let axes = axes(args, 1, ndim)?.map(|mut axes| {
        axes.sort_unstable();
        axes
    });
    match x {
        Operand::Number(v) => match axes.as_deref() {
            // `keepdims` of a number keeps its zero dimensions: the value, as numpy gives.
            None | Some([]) => Ok(Target::Number(v)),
            Some(_) => Err(ApiError::value_error(
                args.name(1),
                format!(
                    "axis {} is out of bounds for array of dimension 0",
                    axes_text(args)
                ),
            )),
        },
        Operand::Array(a) => {
            let all: Vec<usize> = (0..ndim).collect();
            match axes {
                None if !keepdims => Ok(Target::All(a)),
                Some(axes) if axes == all && !keepdims => Ok(Target::All(a)),
                None => Ok(Target::Axes(a, all)),
                Some(axes) => match (a.shape(), &axes[..]) {
                    (&[rows, cols], &[axis]) => {
                        let axis = Axis::new(i64::try_from(axis).unwrap_or(i64::MAX))?;
                        Ok(Target::Along(a, (rows, cols), axis))
                    }
                    _ => Ok(Target::Axes(a, axes)),
                },
            }
        }
    }
}

/// The `axis` argument as written, for an error message.
fn axes_text(args: &Args<'_>) -> String {
    match args.value(1) {
        Value::Int(v) => v.to_string(),
        other => other.describe(),
    }
}

/// numpy's `axis` of a reduction (parameter `i`) for an array of `ndim` dimensions: `None`,
/// or the axes (distinct, in the order given) an int or a tuple of ints names.
pub(super) fn axes(args: &Args<'_>, i: usize, ndim: usize) -> Result<Option<Vec<usize>>, ApiError> {
    let listed = match args.value(i) {
        Value::None => return Ok(None),
        Value::Array(list) if list.ndim() == 1 => args.f64_data(i, list)?.into_owned(),
        _ => return Ok(args.axis(i, ndim)?.map(|axis| vec![axis])),
    };
    args.axis_list(i, &listed, ndim, "duplicate value in 'axis'")
        .map(Some)
}

/// A reduction of all elements (`all`), of one axis of a matrix (`along`), or of any axes of
/// an N-D array (`all` on each lane of the reduced axes, moved last by one copy unless they
/// already are). `keepdims` is the index of that parameter.
fn reduction(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    keepdims: usize,
    all: impl Fn(&[f64]) -> fastmath_core::Result<f64>,
    along: impl Fn(MatRef<'_>, Axis, &mut [f64]) -> fastmath_core::Result<()>,
) -> Result<Ret, ApiError> {
    let keepdims = args.flag(keepdims)?;
    match target(args, keepdims)? {
        Target::Number(v) => Ok(Ret::Float(all(&[v])?)),
        Target::All(a) => {
            let x = args.f64_data(0, &a)?;
            Ok(Ret::Float(all(&x)?))
        }
        Target::Along(a, (rows, cols), axis) => {
            let x = args.f64_data(0, &a)?;
            let m = MatRef::new(&x, rows, cols)?;
            let len = axis.output_len(m);
            let shape = match (keepdims, axis) {
                (false, _) => vec![len],
                (true, Axis::Zero) => vec![1, len],
                (true, Axis::One) => vec![len, 1],
            };
            f64_array(out, &shape, |o| Ok(along(m, axis, o)?))
        }
        Target::Axes(a, axes) => {
            let x = args.f64_data(0, &a)?;
            over_axes(out, &x, a.shape(), &axes, keepdims, all)
        }
    }
}

/// A reduction of an array of `T` to results of `U` (numpy's result dtype): of all elements
/// (a scalar of `U`), or of the axes `axis` names, with `keepdims`; `keepdims` is the index of
/// that parameter. Any rank, 0-D included.
fn typed_reduction<T: Element, U: Element>(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    keepdims: usize,
    kernel: impl Fn(&[T]) -> fastmath_core::Result<U>,
) -> Result<Ret, ApiError> {
    let keepdims = args.flag(keepdims)?;
    let a = typed_input(args)?;
    let ndim = a.ndim();
    let axes = match axes(args, 1, ndim)? {
        None => (0..ndim).collect(),
        Some(mut axes) => {
            axes.sort_unstable();
            axes
        }
    };
    let x = args.data::<T>(0, &a)?;
    if axes.len() == ndim && !keepdims {
        return Ok(scalar(kernel(&x)?));
    }
    over_axes(out, &x, a.shape(), &axes, keepdims, kernel)
}

/// `kernel` on each lane of the axes `axes` (ascending, distinct) of `x` (C order, `shape`),
/// moved last by one copy unless they already are; the results shaped as the other axes (the
/// reduced ones as 1 when `keepdims`).
fn over_axes<T: Copy + Default, U: Element>(
    out: &mut dyn Outputs,
    x: &[T],
    shape: &[usize],
    axes: &[usize],
    keepdims: bool,
    kernel: impl Fn(&[T]) -> fastmath_core::Result<U>,
) -> Result<Ret, ApiError> {
    let kept: Vec<usize> = (0..shape.len()).filter(|d| !axes.contains(d)).collect();
    let lane = axes
        .iter()
        .fold(1usize, |p, &d| p.saturating_mul(dim(shape, d)));
    let out_shape = without(shape, axes, keepdims);
    let order = [&kept[..], axes].concat();
    let in_order = order.iter().enumerate().all(|(k, &d)| k == d);
    array::<U>(out, &out_shape, |o| {
        if o.is_empty() {
            return Ok(());
        }
        if lane == 0 {
            // Every lane is empty: the reduction of nothing (or its error).
            let value = kernel(&[])?;
            o.iter_mut().for_each(|v| *v = value);
            return Ok(());
        }
        let lanes: Cow<'_, [T]> = if in_order {
            Cow::Borrowed(x)
        } else {
            let mut moved = vec![T::default(); x.len()];
            permute_into(x, shape, &order, &mut moved);
            Cow::Owned(moved)
        };
        for (v, chunk) in o.iter_mut().zip(lanes.chunks_exact(lane)) {
            *v = kernel(chunk)?;
        }
        Ok(())
    })
}

/// Starting a fold of a call that is not a plain reduction of all elements (a number, an
/// axis, a scaled vector): such a call must be made whole, which returns its result or raises
/// the error it deserves.
fn not_a_fold() -> ApiError {
    ApiError::invalid("only a reduction of all elements folds: make the call whole")
}

/// `sum`/`mean` folded chunk by chunk through [`SumAcc`], the exact accumulator the one-shot
/// kernels fall back to. Their fast pass cannot serve a fold: when it cannot prove its result
/// it reads the data again. Both round the exact sum once, so the bits agree.
struct SumFold {
    acc: SumAcc,
    finish: fn(&SumAcc) -> f64,
}

impl Fold for SumFold {
    fn push(&mut self, chunks: &[&[f64]]) -> Result<(), ApiError> {
        match chunks {
            [x] => {
                self.acc.push(x);
                Ok(())
            }
            _ => Err(wrong_chunks(1, chunks.len())),
        }
    }

    fn finish(&self) -> Result<Ret, ApiError> {
        Ok(Ret::Float((self.finish)(&self.acc)))
    }
}

/// The fold of `sum`/`mean` of all elements of an array; the arguments are checked as the
/// whole call checks them. Any `axis` is refused, even 0 of a 1-D array (all elements): a
/// binding may describe the array by its first chunk, whose rank is not the array's, so an
/// axis is only safe in a whole call.
fn sum_fold(args: &Args<'_>, finish: fn(&SumAcc) -> f64) -> Result<Box<dyn Fold>, ApiError> {
    let keepdims = args.flag(KEEPDIMS)?;
    match target(args, keepdims)? {
        // Chunks are float64: only float64 input (numpy's float64 sum) may fold.
        Target::All(a) if a.dtype() == DType::F64 && matches!(args.value(1), Value::None) => {
            Ok(Box::new(SumFold {
                acc: SumAcc::new(),
                finish,
            }))
        }
        Target::All(_) | Target::Number(_) | Target::Along(..) | Target::Axes(..) => {
            Err(not_a_fold())
        }
    }
}

fn wrong_chunks(expected: usize, got: usize) -> ApiError {
    ApiError::invalid(format!(
        "internal error: a fold step got {got} chunks for {expected} arrays"
    ))
}

pub static SUM: Function = Function::new(
    "sum",
    Family::Reductions,
    AXIS_REDUCTION,
    "Sum of all elements, or along ``axis`` (an int or a tuple; ``keepdims`` as numpy).\n\
     \n\
     dtypes, as numpy: bool and signed integers sum to int64, unsigned integers to uint64,\n\
     wrapping around on overflow exactly as numpy's; float32 to float32: the exact sum rounded\n\
     once to float32 (numpy adds in float32, so its last bits may differ); float64 to float64.\n\
     \n\
     A float64 sum of all elements (and of the last axis of a 2-D array) is correctly rounded:\n\
     the float nearest to the exact sum, whatever the order, so it equals ``math.fsum`` wherever\n\
     that returns a value (an exact zero is ``0.0``). Where ``math.fsum`` raises, this returns\n\
     numpy's value instead: nan for inf and -inf together (fsum: ValueError); for OverflowError,\n\
     the exact sum rounded, so inf or -inf beyond the float range and finite if only a partial\n\
     sum overflowed, and an inf in the input wins. Any nan gives nan. Along ``axis=0`` of a 2-D\n\
     float64 array the sums are compensated (Ogita-Rump-Oishi Sum2), not exact.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.sum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50])\n\
     1e-100\n\
     >>> fastmath.sum([[1.0, 2.0], [3.0, 4.0]], axis=0).tolist()\n\
     [4.0, 6.0]\n\
     >>> from array import array\n\
     >>> fastmath.sum(array('q', [2**62, 2**62, 2**62]))  # int64 wraps around, as numpy's\n\
     -4611686018427387904",
    |args, out| {
        by_dtype!(args,
            T => typed_reduction::<T, _>(args, out, KEEPDIMS, |x| Ok(kernels::wrapping_sum(x))),
            float32 => typed_reduction::<f32, f32>(args, out, KEEPDIMS, |x| {
                Ok(kernels::sum_f32(x))
            }),
            float64 => reduction(args, out, KEEPDIMS, |x| Ok(kernels::sum(x)), axis::sum_axis),
        )
    },
)
.streamed(Stream::Fold(|args| sum_fold(args, SumAcc::sum)));

pub static PROD: Function = Function::new(
    "prod",
    Family::Reductions,
    AXIS_REDUCTION,
    "Product of all elements (1 for empty input), or along ``axis``, as ``numpy.prod``.\n\
     \n\
     dtypes, as numpy: bool and signed integers multiply in int64, unsigned integers in uint64,\n\
     wrapping around on overflow; float32 gives float32 (the product computed in float64 and\n\
     rounded once); float64 gives float64.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.prod([1.0, 2.0, 3.0, 4.0])\n\
     24.0\n\
     >>> fastmath.prod([[1.0, 2.0], [3.0, 4.0]], axis=0).tolist()\n\
     [3.0, 8.0]",
    |args, out| {
        by_dtype!(args,
            T => typed_reduction::<T, _>(args, out, KEEPDIMS, |x| Ok(kernels::wrapping_prod(x))),
            float32 => typed_reduction::<f32, f32>(args, out, KEEPDIMS, |x| {
                Ok(kernels::prod_f32(x) as f32)
            }),
            float64 => reduction(args, out, KEEPDIMS, |x| Ok(kernels::prod(x)), prod_axis),
        )
    },
);

/// `prod` along one axis of a matrix: rows are contiguous; columns are gathered first.
fn prod_axis(m: MatRef<'_>, axis: Axis, out: &mut [f64]) -> fastmath_core::Result<()> {
    let axis = match axis {
        Axis::Zero => 0,
        Axis::One => 1,
    };
    let (rows, cols) = m.shape();
    let lanes = Lanes::new(&[rows, cols], axis);
    if lanes.n == 0 {
        out.fill(1.0);
        return Ok(());
    }
    for (lane, v) in lanes.lined_up(m.as_slice()).chunks_exact(lanes.n).zip(out) {
        *v = kernels::prod(lane);
    }
    Ok(())
}

pub static MEAN: Function = Function::new(
    "mean",
    Family::Reductions,
    AXIS_REDUCTION_FLOAT,
    "Arithmetic mean, of all elements or along ``axis``; nan for empty input, as numpy.\n\
     \n\
     dtypes, as numpy: float64 for integer, bool and float64 input; float32 for float32 (the\n\
     exact mean rounded once to float32).\n\
     \n\
     The mean of all elements is correctly rounded: the float nearest to the exact sum divided\n\
     by n (not ``math.fsum(x) / n``, which rounds twice, and finite wherever the exact mean is);\n\
     nan and inf as ``sum``. Along an axis of a float64 or integer array it is the axis sum\n\
     divided by n.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.mean([1, 2, 3, 4])\n\
     2.5",
    |args, out| {
        if is_float32(args) {
            return typed_reduction::<f32, f32>(args, out, KEEPDIMS, |x| Ok(kernels::mean_f32(x)));
        }
        reduction(
            args,
            out,
            KEEPDIMS,
            |x| Ok(kernels::mean(x)),
            axis::mean_axis,
        )
    },
)
.streamed(Stream::Fold(|args| sum_fold(args, SumAcc::mean)));

pub static VAR: Function = Function::new(
    "var",
    Family::Reductions,
    AXIS_REDUCTION_DDOF,
    "Variance with divisor ``n - ddof``, of all elements or along ``axis`` (two-pass,\n\
     compensated). As numpy: the divisor is ``max(n - ddof, 0)``; float64 for integer, bool and\n\
     float64 input, float32 for float32 (computed in float64, rounded once).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.var([1, 2, 3, 4])\n\
     1.25\n\
     >>> fastmath.var([1, 2, 3, 4], ddof=1)\n\
     1.6666666666666667",
    |args, out| {
        let ddof = args.number(2)?;
        if is_float32(args) {
            return typed_reduction::<f32, f32>(args, out, KEEPDIMS_DDOF, |x| {
                Ok(kernels::var_f32(x, ddof) as f32)
            });
        }
        reduction(
            args,
            out,
            KEEPDIMS_DDOF,
            |x| Ok(kernels::var(x, ddof)),
            |m, a, o| axis::var_axis(m, a, ddof, o),
        )
    },
);

pub static STD: Function = Function::new(
    "std",
    Family::Reductions,
    AXIS_REDUCTION_DDOF,
    "Standard deviation, ``sqrt(var(x, axis, ddof))``; its dtypes as ``var``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.std([2, 4, 4, 4, 5, 5, 7, 9])\n\
     2.0",
    |args, out| {
        let ddof = args.number(2)?;
        if is_float32(args) {
            return typed_reduction::<f32, f32>(args, out, KEEPDIMS_DDOF, |x| {
                Ok(kernels::std_f32(x, ddof) as f32)
            });
        }
        reduction(
            args,
            out,
            KEEPDIMS_DDOF,
            |x| Ok(kernels::std(x, ddof)),
            |m, a, o| axis::std_axis(m, a, ddof, o),
        )
    },
);

pub static MIN: Function = Function::new(
    "min",
    Family::Reductions,
    AXIS_REDUCTION,
    "Smallest element (nan if any is nan, as numpy), of all elements or along ``axis``.\n\
     Empty input raises ValueError. The result keeps the input's dtype (integers compared\n\
     exactly, float32, bool).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.min([3.0, 1.0, 2.0])\n\
     1.0",
    |args, out| {
        by_dtype!(args,
            T => typed_reduction::<T, T>(args, out, KEEPDIMS, kernels::min_exact),
            float32 => typed_reduction::<f32, f32>(args, out, KEEPDIMS, kernels::min_f32),
            float64 => reduction(args, out, KEEPDIMS, kernels::min, axis::min_axis),
        )
    },
);

pub static MAX: Function = Function::new(
    "max",
    Family::Reductions,
    AXIS_REDUCTION,
    "Largest element (nan if any is nan, as numpy), of all elements or along ``axis``.\n\
     Empty input raises ValueError. The result keeps the input's dtype (integers compared\n\
     exactly, float32, bool).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.max([[3.0, 1.0], [2.0, 5.0]], axis=1).tolist()\n\
     [3.0, 5.0]",
    |args, out| {
        by_dtype!(args,
            T => typed_reduction::<T, T>(args, out, KEEPDIMS, kernels::max_exact),
            float32 => typed_reduction::<f32, f32>(args, out, KEEPDIMS, kernels::max_f32),
            float64 => reduction(args, out, KEEPDIMS, kernels::max, axis::max_axis),
        )
    },
);

/// numpy's signature of `argmin`/`argmax`.
const ARG_REDUCTION: &str =
    "(x: ArrayLike, /, axis: int | None = None, *, keepdims: bool = False) -> int | IndexArray";

/// The position `kernel` finds in the elements as `T`: in the flattened array (`axis=None`),
/// or in every lane along `axis` (an int64 array of the other axes' shape; `keepdims` keeps the
/// axis as length 1).
/// `argmax`/`argmin` of all elements of a float64 array, chunk by chunk: each chunk's first best
/// by the one-shot kernel, taken only when strictly better than the best so far, or when it is
/// the first nan (a nan, once found, stays): the first best of the whole, the one-shot call's
/// index. Streaming keeps each chunk in cache for the kernel's two passes (wasm32's kernel finds
/// the extreme, then its first position).
struct ArgFold {
    kernel: fn(&[f64]) -> fastmath_core::Result<usize>,
    better: fn(f64, f64) -> bool,
    /// The best value so far and its index in the whole array.
    best: Option<(f64, usize)>,
    /// Elements pushed so far.
    seen: usize,
}

impl Fold for ArgFold {
    fn push(&mut self, chunks: &[&[f64]]) -> Result<(), ApiError> {
        let [x] = chunks else {
            return Err(wrong_chunks(1, chunks.len()));
        };
        if !x.is_empty() {
            let i = (self.kernel)(x)?;
            let value = x.get(i).copied().unwrap_or(f64::NAN);
            let take = match self.best {
                None => true,
                Some((best, _)) => !best.is_nan() && (value.is_nan() || (self.better)(value, best)),
            };
            if take {
                self.best = Some((value, self.seen.saturating_add(i)));
            }
        }
        self.seen = self.seen.saturating_add(x.len());
        Ok(())
    }

    fn finish(&self) -> Result<Ret, ApiError> {
        match self.best {
            Some((_, at)) => Ok(Ret::Int(i64::try_from(at).unwrap_or(i64::MAX))),
            // Nothing pushed: the kernel's own "empty sequence" refusal, as the whole call's.
            None => Err((self.kernel)(&[])
                .err()
                .map_or_else(not_a_fold, ApiError::from)),
        }
    }
}

/// The fold of `argmax`/`argmin` of a whole float64 array (no `axis`, no `keepdims`).
fn arg_fold(
    args: &Args<'_>,
    kernel: fn(&[f64]) -> fastmath_core::Result<usize>,
    better: fn(f64, f64) -> bool,
) -> Result<Box<dyn Fold>, ApiError> {
    let a = args.array(0)?;
    if a.dtype() != DType::F64 || !matches!(args.value(1), Value::None) || args.flag(2)? {
        return Err(not_a_fold());
    }
    Ok(Box::new(ArgFold {
        kernel,
        better,
        best: None,
        seen: 0,
    }))
}

fn index_of<T: Element>(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    kernel: fn(&[T]) -> fastmath_core::Result<usize>,
) -> Result<Ret, ApiError> {
    // An index into a slice always fits: slices hold at most isize::MAX bytes.
    let index = |lane: &[T]| -> Result<i64, ApiError> {
        Ok(i64::try_from(kernel(lane)?).unwrap_or(i64::MAX))
    };
    let a = args.array(0)?;
    let keepdims = args.flag(2)?;
    let x = args.data::<T>(0, &a)?;
    let shape = a.shape();
    let Some(axis) = args.axis(1, a.ndim())? else {
        if !keepdims {
            return Ok(Ret::Int(index(&x)?));
        }
        let ones = vec![1; shape.len()];
        return i64_array(out, &ones, |o| {
            o.iter_mut().try_for_each(|v| index(&x).map(|i| *v = i))
        });
    };
    if shape.len() == 1 && !keepdims {
        // The one axis of a 1-D array: a scalar, as numpy gives.
        return Ok(Ret::Int(index(&x)?));
    }
    let lanes = Lanes::new(shape, axis);
    i64_array(out, &without(shape, &[axis], keepdims), |o| {
        if o.is_empty() {
            return Ok(());
        }
        if lanes.n == 0 {
            // Lanes of nothing: the kernel's "empty sequence" error.
            return index(&[]).map(|_| ());
        }
        for (v, lane) in o.iter_mut().zip(lanes.lined_up(&x).chunks_exact(lanes.n)) {
            *v = index(lane)?;
        }
        Ok(())
    })
}

pub static ARGMIN: Function = Function::new(
    "argmin",
    Family::Reductions,
    ARG_REDUCTION,
    "Index of the smallest element (the first one; the first nan if any), as\n\
     ``numpy.argmin``: over the flattened array, or along ``axis`` (an int64 array).\n\
     Empty input raises ValueError. Every dtype is compared exactly (int64 values beyond 2**53\n\
     do not tie).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.argmin([3, 1, 1])\n\
     1\n\
     >>> fastmath.argmin([[3, 1], [0, 2]], axis=0).tolist()\n\
     [1, 0]",
    |args, out| {
        by_dtype!(args,
            T => index_of::<T>(args, out, kernels::argmin_exact),
            float32 => index_of::<f32>(args, out, kernels::argmin_f32),
            float64 => index_of::<f64>(args, out, kernels::argmin),
        )
    },
)
.streamed(Stream::Fold(|args| {
    arg_fold(args, kernels::argmin, |v, best| v < best)
}));

pub static ARGMAX: Function = Function::new(
    "argmax",
    Family::Reductions,
    ARG_REDUCTION,
    "Index of the largest element (the first one; the first nan if any), as\n\
     ``numpy.argmax``: over the flattened array, or along ``axis`` (an int64 array).\n\
     Empty input raises ValueError. Every dtype is compared exactly.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.argmax([3, 7, 7])\n\
     1",
    |args, out| {
        by_dtype!(args,
            T => index_of::<T>(args, out, kernels::argmax_exact),
            float32 => index_of::<f32>(args, out, kernels::argmax_f32),
            float64 => index_of::<f64>(args, out, kernels::argmax),
        )
    },
)
.streamed(Stream::Fold(|args| {
    arg_fold(args, kernels::argmax, |v, best| v > best)
}));

/// A running reduction, as numpy's `cumsum`/`cumprod`, of the elements as `T` into results of
/// `U`: of the flattened array (`axis=None`, a 1-D result), or along `axis` in every lane (a
/// result of the input's shape).
fn running<T: Element, U: Element>(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    kernel: impl Fn(&[T], &mut [U]) -> fastmath_core::Result<()> + Sync + Send,
) -> Result<Ret, ApiError> {
    let a = args.array(0)?;
    let x = args.data::<T>(0, &a)?;
    let Some(axis) = args.axis(1, a.ndim())? else {
        return array::<U>(out, &[x.len()], |o| Ok(kernel(&x, o)?));
    };
    let lanes = Lanes::new(a.shape(), axis);
    // A running sum costs about a quarter of an `exp` per element.
    let work = lanes.n / 4;
    array::<U>(out, a.shape(), |o| Ok(lanes.map(&x, o, work, kernel)?))
}

const RUNNING: &str = "(x: ArrayLike, /, axis: int | None = None) -> Array";

pub static CUMSUM: Function = Function::new(
    "cumsum",
    Family::Reductions,
    RUNNING,
    "Running sums, as ``numpy.cumsum``: of the flattened array (1-D result) without ``axis``,\n\
     along ``axis`` otherwise (a result of the input's shape).\n\
     \n\
     dtypes as ``sum``: int64 for bool and signed integers, uint64 for unsigned ones (wrapping\n\
     around as numpy's), float32 for float32 (compensated float64 running sums rounded once),\n\
     float64 for float64.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.cumsum([1.0, 2.0, 3.0]).tolist()\n\
     [1.0, 3.0, 6.0]\n\
     >>> fastmath.cumsum([[1.0, 2.0], [3.0, 4.0]], axis=0).tolist()\n\
     [[1.0, 2.0], [4.0, 6.0]]",
    |args, out| {
        by_dtype!(args,
            T => running::<T, _>(args, out, cumulative::wrapping_cumsum_into::<T>),
            float32 => running::<f32, f32>(args, out, cumulative::cumsum_f32_into),
            float64 => running::<f64, f64>(args, out, cumulative::cumsum_into),
        )
    },
);

pub static CUMPROD: Function = Function::new(
    "cumprod",
    Family::Reductions,
    RUNNING,
    "Running products, as ``numpy.cumprod``: of the flattened array (1-D result) without\n\
     ``axis``, along ``axis`` otherwise (a result of the input's shape). dtypes as ``prod``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.cumprod([1.0, 2.0, 3.0]).tolist()\n\
     [1.0, 2.0, 6.0]",
    |args, out| {
        by_dtype!(args,
            T => running::<T, _>(args, out, cumulative::wrapping_cumprod_into::<T>),
            float32 => running::<f32, f32>(args, out, cumulative::cumprod_f32_into),
            float64 => running::<f64, f64>(args, out, cumulative::cumprod_into),
        )
    },
);

/// What `dot` of its two arguments is.
enum DotCase<'a> {
    /// Two numbers: their product.
    Numbers(f64, f64),
    /// A number and an array (parameter `usize`): the scaled array.
    Scale(f64, ArrayRef<'a>, usize),
    /// Two vectors of one length: the inner product.
    Vectors(ArrayRef<'a>, ArrayRef<'a>),
}

fn dot_case<'a>(args: &Args<'a>) -> Result<DotCase<'a>, ApiError> {
    let x = rank::operand(args, 0)?;
    let y = rank::operand(args, 1)?;
    Ok(match (x, y) {
        (Operand::Number(a), Operand::Number(b)) => DotCase::Numbers(a, b),
        (Operand::Number(s), Operand::Array(v)) => DotCase::Scale(s, v, 1),
        (Operand::Array(v), Operand::Number(s)) => DotCase::Scale(s, v, 0),
        (Operand::Array(a), Operand::Array(b)) => {
            rank::one_dimensional(args, 0, &a)?;
            rank::one_dimensional(args, 1, &b)?;
            rank::same_length(args, &a, &b)?;
            DotCase::Vectors(a, b)
        }
    })
}

/// `dot` of two vectors folded chunk by chunk through [`DotAcc`], its kernel's accumulator.
struct DotFold(DotAcc);

impl Fold for DotFold {
    fn push(&mut self, chunks: &[&[f64]]) -> Result<(), ApiError> {
        match chunks {
            [x, y] => Ok(self.0.push(x, y)?),
            _ => Err(wrong_chunks(2, chunks.len())),
        }
    }

    fn finish(&self) -> Result<Ret, ApiError> {
        Ok(Ret::Float(self.0.dot()))
    }
}

/// The dtype `dot` sees for argument `i`: an array's own, and for a Python number the dtype
/// numpy converts it to (`numpy.dot` makes arrays of its arguments: they are not weak).
fn dot_dtype(args: &Args<'_>, i: usize) -> DType {
    match args.value(i) {
        Value::Array(a) if a.dtype() == DType::F16 => DType::F32,
        Value::Array(a) => a.dtype(),
        Value::Bool(_) => DType::Bool,
        Value::Int(_) => DType::I64,
        _ => DType::F64,
    }
}

/// Argument `i`, a single number of an integer (or bool) dtype, as an exact int64 (a uint64
/// wraps, as numpy's integer arithmetic does).
fn dot_int(args: &Args<'_>, i: usize) -> Result<i64, ApiError> {
    match args.value(i) {
        Value::Int(v) => Ok(*v),
        Value::Bool(b) => Ok(i64::from(*b)),
        Value::Array(a) => Ok(args.data::<i64>(i, a)?.first().copied().unwrap_or(0)),
        _ => Err(ApiError::invalid(
            "internal error: dot of a non-integer number",
        )),
    }
}

/// `dot` of integer (or bool) operands in `dtype`, as numpy: products and sums wrap around
/// (computed in int64, whose wrap-around narrows to any integer dtype's).
fn integer_dot<'a>(
    args: &Args<'a>,
    out: &mut dyn Outputs,
    case: DotCase<'a>,
    dtype: DType,
) -> Result<Ret, ApiError> {
    crate::with_dtype!(dtype, T => match case {
        DotCase::Numbers(..) => {
            let (a, b) = (dot_int(args, 0)?, dot_int(args, 1)?);
            Ok(scalar(T::from_i64(a.wrapping_mul(b))))
        }
        DotCase::Scale(_, v, i) => {
            let s = dot_int(args, if i == 0 { 1 } else { 0 })?;
            let values = args.data::<i64>(i, &v)?;
            array::<T>(out, v.shape(), |o| {
                for (r, &x) in o.iter_mut().zip(values.iter()) {
                    *r = T::from_i64(s.wrapping_mul(x));
                }
                Ok(())
            })
        }
        DotCase::Vectors(a, b) => {
            let (x, y) = (args.data::<i64>(0, &a)?, args.data::<i64>(1, &b)?);
            let total = x
                .iter()
                .zip(y.iter())
                .fold(0i64, |acc, (&p, &q)| acc.wrapping_add(p.wrapping_mul(q)));
            Ok(scalar(T::from_i64(total)))
        }
    })
}

pub static DOT: Function = Function::new(
    "dot",
    Family::Reductions,
    "(x: Number | ArrayLike, y: Number | ArrayLike, /) -> float | int | Array",
    "Dot product. Two vectors of equal length give a number; a number and a vector give the\n\
     scaled vector; two numbers give their product (as ``numpy.dot``).\n\
     Result dtype: numpy's result type of the operands, a Python int counting as int64 and a\n\
     float as float64 (``numpy.dot`` does not treat them as weak): integers and bool stay\n\
     integer and bool, wrapping around as numpy's; float32 gives float32 (computed in float64,\n\
     rounded once); float16 gives float32.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.dot([1, 2, 3], [4, 5, 6])  # lists of ints are int64: an int\n\
     32\n\
     >>> fastmath.dot([1.0, 2.0, 3.0], [4, 5, 6])\n\
     32.0\n\
     >>> fastmath.dot(2, [1.5, 2.0]).tolist()\n\
     [3.0, 4.0]",
    |args, out| {
        let case = dot_case(args)?;
        let dtype = crate::dtype::promote(dot_dtype(args, 0), dot_dtype(args, 1));
        if dtype.is_integer() {
            return integer_dot(args, out, case, dtype);
        }
        super::precision::float32_if(dtype == DType::F32, out, |out| match case {
            DotCase::Numbers(a, b) => Ok(Ret::Float(a * b)),
            DotCase::Scale(s, v, i) => {
                let values = args.f64_data(i, &v)?;
                f64_array(out, v.shape(), |o| {
                    Ok(elementwise::scale_into(s, &values, o)?)
                })
            }
            DotCase::Vectors(a, b) if dtype == DType::F32 => {
                let (x, y) = (args.data::<f32>(0, &a)?, args.data::<f32>(1, &b)?);
                Ok(Ret::Float(kernels::dot_f32(&x, &y)?))
            }
            DotCase::Vectors(a, b) => {
                let (x, y) = (args.f64_data(0, &a)?, args.f64_data(1, &b)?);
                Ok(Ret::Float(kernels::dot(&x, &y)?))
            }
        })
    },
)
.streamed(Stream::Fold(|args| match dot_case(args)? {
    DotCase::Vectors(..) => Ok(Box::new(DotFold(DotAcc::new()))),
    DotCase::Numbers(..) | DotCase::Scale(..) => Err(not_a_fold()),
}));

pub static NORM: Function = Function::new(
    "norm",
    Family::Reductions,
    "(x: ArrayLike, ord: float | Literal[\"fro\", \"nuc\"] | None = None, axis: int | tuple[int, int] | None = None, keepdims: bool = False) -> float | FloatArray",
    "Vector or matrix norm, as ``numpy.linalg.norm``. Without ``ord`` and ``axis``: the\n\
     Euclidean norm of the flattened array (Frobenius for a matrix). Vectors (1-D, or along an\n\
     int ``axis``): ``ord`` 2, 1, ``inf``, ``-inf``, 0 (non-zero count) or any real ``p``.\n\
     Matrices (2-D, or over a 2-tuple ``axis``): ``\"fro\"``, ``\"nuc\"``, ``inf``, ``-inf``,\n\
     1, -1, 2, -2. The 2-norm and Frobenius norm are scaled: no overflow or underflow on the way.\n\
     Result dtype: float32 for float32 input (computed in float64, rounded once), else float64\n\
     (integers and bool included), as numpy.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.norm([3, 4])\n\
     5.0\n\
     >>> fastmath.norm([3, -4], ord=1)\n\
     7.0\n\
     >>> fastmath.norm([[1, 2], [3, 4]], ord=1)\n\
     6.0",
    // numpy.linalg.norm's dtype: float32 for float32, float64 for everything else (integers
    // and bool included); computed in float64 and rounded once.
    |args, out| {
        super::precision::float32_if(is_float32(args), out, |out| {
            let ord = match args.value(1) {
                Value::None => None,
                Value::Str(name) => Some(Ord::Named(name)),
                _ => Some(Ord::Number(args.number(1)?)),
            };
            let keepdims = args.flag(3)?;
            if ord.is_none() && matches!(args.value(2), Value::None) && is_float32(args) {
                // The 2-norm of a flattened float32 array, read in place.
                if let Operand::Array(a) = args.operand(0)? {
                    let x = args.data::<f32>(0, &a)?;
                    let value = norm_kernels::norm2_f32(&x);
                    return keep_or_float(out, value, a.ndim(), keepdims);
                }
            }
            let (a, number);
            let (x, shape): (std::borrow::Cow<'_, [f64]>, &[usize]) = match args.operand(0)? {
                Operand::Number(v) => {
                    number = [v];
                    (std::borrow::Cow::Borrowed(&number[..]), &[])
                }
                Operand::Array(array) => {
                    a = array;
                    (args.f64_data(0, &a)?, a.shape())
                }
            };
            let ndim = shape.len();
            let axes = match axes(args, 2, ndim)? {
                Some(axes) => axes,
                None if ord.is_none() => {
                    // The 2-norm of the flattened array, whatever its rank.
                    let value = norm_kernels::norm(&x, NormOrd::Two)?;
                    return keep_or_float(out, value, ndim, keepdims);
                }
                None if ndim <= 2 => (0..ndim).collect(),
                None => return Err(ApiError::invalid("Improper number of dimensions to norm.")),
            };
            match axes[..] {
                [axis] => {
                    let ord = vector_ord(args, ord)?;
                    let lanes = Lanes::new(shape, axis);
                    let shape_out = without(shape, &[axis], keepdims);
                    if ndim == 1 && !keepdims {
                        return Ok(Ret::Float(norm_kernels::norm(&x, ord)?));
                    }
                    f64_array(out, &shape_out, |o| {
                        if o.is_empty() {
                            return Ok(());
                        }
                        if lanes.n == 0 {
                            let value = norm_kernels::norm(&[], ord)?;
                            o.iter_mut().for_each(|v| *v = value);
                            return Ok(());
                        }
                        for (v, lane) in o.iter_mut().zip(lanes.lined_up(&x).chunks_exact(lanes.n))
                        {
                            *v = norm_kernels::norm(lane, ord)?;
                        }
                        Ok(())
                    })
                }
                [r, c] => {
                    let ord = matrix_ord(ord)?;
                    let (rows, cols) = (dim(shape, r), dim(shape, c));
                    let others: Vec<usize> = (0..ndim).filter(|d| *d != r && *d != c).collect();
                    let order = [&others[..], &[r, c]].concat();
                    let mut moved = vec![0.0; x.len()];
                    permute_into(&x, shape, &order, &mut moved);
                    let size = rows.saturating_mul(cols);
                    let shape_out = without(shape, &[r, c], keepdims);
                    if others.is_empty() && !keepdims {
                        return Ok(Ret::Float(matrix_norm(&moved, rows, cols, ord)?));
                    }
                    f64_array(out, &shape_out, |o| {
                        let mut blocks = moved.chunks_exact(size.max(1));
                        for v in o.iter_mut() {
                            let block = if size == 0 {
                                &[][..]
                            } else {
                                blocks.next().unwrap_or_default()
                            };
                            *v = matrix_norm(block, rows, cols, ord)?;
                        }
                        Ok(())
                    })
                }
                _ => Err(ApiError::invalid("Improper number of dimensions to norm.")),
            }
        })
    },
);

/// `norm`'s `ord` as given.
#[derive(Clone, Copy)]
enum Ord<'a> {
    Number(f64),
    Named(&'a str),
}

/// A matrix norm's `ord`.
#[derive(Clone, Copy)]
enum MatrixOrd {
    Frobenius,
    Nuclear,
    /// Max (min for `-1`) column sum of `|a|`.
    Columns(bool),
    /// Max (min for `-inf`) row sum of `|a|`.
    Rows(bool),
    /// Largest (smallest for `-2`) singular value.
    Singular(bool),
}

fn vector_ord(args: &Args<'_>, ord: Option<Ord<'_>>) -> Result<NormOrd, ApiError> {
    match ord {
        None => Ok(NormOrd::Two),
        Some(Ord::Number(p)) => Ok(NormOrd::from_f64(p)?),
        Some(Ord::Named(name)) => Err(ApiError::value_error(
            args.name(1),
            format!("Invalid norm order '{name}' for vectors"),
        )),
    }
}

fn matrix_ord(ord: Option<Ord<'_>>) -> Result<MatrixOrd, ApiError> {
    Ok(match ord {
        None | Some(Ord::Named("fro")) => MatrixOrd::Frobenius,
        Some(Ord::Named("nuc")) => MatrixOrd::Nuclear,
        Some(Ord::Number(p)) if p == 1.0 || p == -1.0 => MatrixOrd::Columns(p > 0.0),
        Some(Ord::Number(p)) if p == 2.0 || p == -2.0 => MatrixOrd::Singular(p > 0.0),
        Some(Ord::Number(p)) if p.is_infinite() => MatrixOrd::Rows(p > 0.0),
        Some(_) => {
            return Err(ApiError::value_error(
                "ord",
                "Invalid norm order for matrices.",
            ));
        }
    })
}

/// The norm of the row-major `rows x cols` matrix `m`.
fn matrix_norm(m: &[f64], rows: usize, cols: usize, ord: MatrixOrd) -> Result<f64, ApiError> {
    let pick = |largest: bool, values: Vec<f64>| -> Result<f64, ApiError> {
        let kernel = if largest { kernels::max } else { kernels::min };
        Ok(kernel(&values)?)
    };
    match ord {
        MatrixOrd::Frobenius => Ok(norm_kernels::norm(m, NormOrd::Two)?),
        MatrixOrd::Rows(largest) => pick(largest, abs_sums(m, rows, cols, 1)?),
        MatrixOrd::Columns(largest) => pick(largest, abs_sums(m, rows, cols, 0)?),
        MatrixOrd::Nuclear | MatrixOrd::Singular(_) => {
            let k = rows.min(cols);
            let mut s = vec![0.0; k];
            if k > 0 {
                let (mut u, mut vt) = (
                    vec![0.0; rows.saturating_mul(k)],
                    vec![0.0; k.saturating_mul(cols)],
                );
                fastmath_core::linalg::svd(
                    MatRef::new(m, rows, cols)?,
                    fastmath_core::matrix::MatMut::new(&mut u, rows, k)?,
                    &mut s,
                    fastmath_core::matrix::MatMut::new(&mut vt, k, cols)?,
                )?;
            }
            match ord {
                MatrixOrd::Singular(largest) => pick(largest, s),
                _ => Ok(kernels::sum(&s)),
            }
        }
    }
}

/// The sums of `|a|` along `axis` of the row-major `rows x cols` matrix `m`: one per row
/// (`axis` 1) or per column (0).
fn abs_sums(m: &[f64], rows: usize, cols: usize, axis: usize) -> fastmath_core::Result<Vec<f64>> {
    let lanes = Lanes::new(&[rows, cols], axis);
    if lanes.n == 0 {
        return Ok(vec![0.0; if axis == 0 { cols } else { rows }]);
    }
    lanes
        .lined_up(m)
        .chunks_exact(lanes.n)
        .map(|lane| norm_kernels::norm(lane, NormOrd::One))
        .collect()
}

/// The size of dimension `d` of `shape` (1 past its end).
fn dim(shape: &[usize], d: usize) -> usize {
    shape.get(d).copied().unwrap_or(1)
}

/// `shape` without the dimensions `gone` (or with them as 1 when `keepdims`).
fn without(shape: &[usize], gone: &[usize], keepdims: bool) -> Vec<usize> {
    shape
        .iter()
        .enumerate()
        .filter_map(|(d, &n)| match (gone.contains(&d), keepdims) {
            (false, _) => Some(n),
            (true, true) => Some(1),
            (true, false) => None,
        })
        .collect()
}

/// `value` as a float, or as an array of `ndim` ones when `keepdims`.
fn keep_or_float(
    out: &mut dyn Outputs,
    value: f64,
    ndim: usize,
    keepdims: bool,
) -> Result<Ret, ApiError> {
    if !keepdims {
        return Ok(Ret::Float(value));
    }
    f64_array(out, &vec![1; ndim], |o| {
        o.iter_mut().for_each(|v| *v = value);
        Ok(())
    })
}

#[cfg(test)]
// Test arithmetic on small, known sizes: an overflow there fails the test, as it should.
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    use super::*;
    use crate::error::ErrorClass::{AxisError, TypeError, ValueError};
    use crate::families::testing::{
        Arr, Rng, assert_refusals, call, float, matrix, ok, start_fold, vector,
    };
    use crate::value::Value;

    const NAN: f64 = f64::NAN;

    fn axis(a: i64) -> Vec<(&'static str, Value<'static>)> {
        vec![("axis", Value::Int(a))]
    }

    /// A C-contiguous native array of any dtype, owned by a test (in 8-byte words, so that it
    /// is aligned for every dtype and read in place).
    struct Typed {
        dtype: crate::dtype::DType,
        shape: Vec<usize>,
        words: Vec<u64>,
        bytes: usize,
    }

    impl Typed {
        fn new<T: Element>(shape: &[usize], values: &[T]) -> Self {
            assert_eq!(shape.iter().product::<usize>(), values.len());
            let raw: &[u8] = bytemuck::cast_slice(values);
            let mut words = vec![0u64; raw.len().div_ceil(8)];
            bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..raw.len()].copy_from_slice(raw);
            Self {
                dtype: T::DTYPE,
                shape: shape.to_vec(),
                words,
                bytes: raw.len(),
            }
        }

        fn value(&self) -> Value<'_> {
            let bytes = &bytemuck::cast_slice::<u64, u8>(&self.words)[..self.bytes];
            let order = crate::dtype::ByteOrder::Native;
            let a = ArrayRef::new(self.dtype, order, &self.shape, None, bytes, 0);
            Value::Array(a.expect("a valid test array"))
        }
    }

    /// The shape and elements of result `ret`, an array of `T`.
    fn typed_result<T: Element>(
        ret: &Ret,
        out: &crate::outputs::VecOutputs,
    ) -> (Vec<usize>, Vec<T>) {
        let Ret::Array(i) = ret else {
            panic!("expected an array, got {ret:?}");
        };
        let stored = &out.arrays[*i];
        let values = stored
            .values::<T>()
            .expect("an array of the expected dtype");
        (stored.shape.clone(), values.to_vec())
    }

    #[test]
    fn integer_sums_and_products_wrap_in_numpys_accumulators() {
        use crate::outputs::Scalar;
        let big = Typed::new(&[2], &[1i64 << 60, 1]);
        assert_eq!(
            ok("sum", vec![big.value()], vec![]).0,
            Ret::Int((1 << 60) + 1)
        );
        let wrap = Typed::new(&[2], &[i64::MAX, 1]);
        assert_eq!(ok("sum", vec![wrap.value()], vec![]).0, Ret::Int(i64::MIN));
        let bytes = Typed::new(&[2], &[255u8, 1]);
        assert_eq!(
            ok("sum", vec![bytes.value()], vec![]).0,
            Ret::Scalar(DType::U64, Scalar::UInt(256))
        );
        let flags = Typed::new(&[3], &[Bool(1), Bool(0), Bool(1)]);
        assert_eq!(ok("sum", vec![flags.value()], vec![]).0, Ret::Int(2));
        assert_eq!(ok("prod", vec![flags.value()], vec![]).0, Ret::Int(0));
        // int32 input multiplies in int64: no wrap at 32 bits.
        let wide = Typed::new(&[2], &[1i32 << 30, 4]);
        assert_eq!(ok("prod", vec![wide.value()], vec![]).0, Ret::Int(1 << 32));
        // Along axes, any rank: int64 arrays of the kept axes.
        let m = Typed::new(&[2, 3], &[1i16, 2, 3, 4, 5, 6]);
        let (ret, out) = ok("sum", vec![m.value()], axis(0));
        assert_eq!(typed_result::<i64>(&ret, &out), (vec![3], vec![5, 7, 9]));
        let keep = vec![("axis", Value::Int(1)), ("keepdims", Value::Bool(true))];
        let (ret, out) = ok("prod", vec![m.value()], keep);
        assert_eq!(typed_result::<i64>(&ret, &out), (vec![2, 1], vec![6, 120]));
        let cube = Typed::new(&[2, 2, 2], &[1u32, 2, 3, 4, 5, 6, 7, u32::MAX]);
        let outer = Arr::new(&[2], &[0.0, 2.0]);
        let both = vec![("axis", outer.value())];
        let (ret, out) = ok("sum", vec![cube.value()], both);
        let want = vec![1 + 2 + 5 + 6, 3 + 4 + 7 + u64::from(u32::MAX)];
        assert_eq!(typed_result::<u64>(&ret, &out), (vec![2], want));
    }

    #[test]
    fn integer_extremes_and_positions_are_exact() {
        use crate::outputs::Scalar;
        let near = Typed::new(
            &[4],
            &[(1i64 << 53) + 1, 1 << 53, (1 << 53) + 1, (1 << 53) + 2],
        );
        assert_eq!(ok("argmax", vec![near.value()], vec![]).0, Ret::Int(3));
        assert_eq!(ok("argmin", vec![near.value()], vec![]).0, Ret::Int(1));
        assert_eq!(
            ok("max", vec![near.value()], vec![]).0,
            Ret::Int((1 << 53) + 2)
        );
        let u = Typed::new(&[2, 2], &[u64::MAX, 3, u64::MAX - 1, 2]);
        assert_eq!(
            ok("min", vec![u.value()], vec![]).0,
            Ret::Scalar(DType::U64, Scalar::UInt(2))
        );
        let (ret, out) = ok("max", vec![u.value()], axis(1));
        assert_eq!(
            typed_result::<u64>(&ret, &out),
            (vec![2], vec![u64::MAX, u64::MAX - 1])
        );
        let (ret, out) = ok("argmin", vec![u.value()], axis(0));
        assert_eq!(out.i64(&ret), (&[2][..], &[1, 1][..]));
        let flags = Typed::new(&[3], &[Bool(0), Bool(1), Bool(0)]);
        assert_eq!(
            ok("max", vec![flags.value()], vec![]).0,
            Ret::Scalar(DType::Bool, Scalar::Bool(true))
        );
        let empty = Typed::new::<i8>(&[0], &[]);
        assert!(call("min", vec![empty.value()], vec![]).0.is_err());
        assert!(call("argmax", vec![empty.value()], vec![]).0.is_err());
    }

    #[test]
    fn running_sums_and_products_of_integers() {
        let m = Typed::new(&[2, 2], &[100i8, -100, 100, 27]);
        let (ret, out) = ok("cumsum", vec![m.value()], vec![]);
        assert_eq!(
            typed_result::<i64>(&ret, &out),
            (vec![4], vec![100, 0, 100, 127])
        );
        let (ret, out) = ok("cumsum", vec![m.value()], axis(0));
        assert_eq!(
            typed_result::<i64>(&ret, &out),
            (vec![2, 2], vec![100, -100, 200, -73])
        );
        let u = Typed::new(&[3], &[1u64 << 63, 2, 3]);
        let (ret, out) = ok("cumprod", vec![u.value()], vec![]);
        assert_eq!(
            typed_result::<u64>(&ret, &out),
            (vec![3], vec![1 << 63, 0, 0])
        );
    }

    #[test]
    fn float32_results_are_float32() {
        use crate::outputs::Scalar;
        let tie = 16_777_216f32;
        let x = Typed::new(&[3], &[tie, 1.0, 2f32.powi(-30)]);
        // The exact sum rounded once: past the float32 midpoint 2^24 + 1.
        assert_eq!(
            ok("sum", vec![x.value()], vec![]).0,
            Ret::Scalar(DType::F32, Scalar::Float(16_777_218.0))
        );
        let m = Typed::new(&[2, 2], &[1.5f32, 2.0, -4.0, 0.25]);
        for (name, want) in [
            ("min", -4.0),
            ("max", 2.0),
            ("mean", -0.0625),
            ("prod", -3.0),
        ] {
            assert_eq!(
                ok(name, vec![m.value()], vec![]).0,
                Ret::Scalar(DType::F32, Scalar::Float(want)),
                "{name}"
            );
        }
        let (ret, out) = ok("sum", vec![m.value()], axis(0));
        assert_eq!(typed_result::<f32>(&ret, &out), (vec![2], vec![-2.5, 2.25]));
        let (ret, out) = ok("cumsum", vec![m.value()], axis(1));
        assert_eq!(
            typed_result::<f32>(&ret, &out),
            (vec![2, 2], vec![1.5, 3.5, -4.0, -3.75])
        );
        let (ret, out) = ok("var", vec![m.value()], axis(1));
        assert_eq!(
            typed_result::<f32>(&ret, &out),
            (vec![2], vec![0.0625, 4.515625])
        );
        assert_eq!(ok("argmin", vec![m.value()], vec![]).0, Ret::Int(2));
        // Means of integers stay float64.
        let ints = Typed::new(&[4], &[1i32, 2, 3, 5]);
        assert_eq!(ok("mean", vec![ints.value()], vec![]).0, Ret::Float(2.75));
    }

    #[test]
    fn only_float64_sums_fold() {
        let ints = Typed::new(&[2], &[1i64, 2]);
        assert!(start_fold(&SUM, vec![ints.value()], vec![]).is_err());
        let floats = Typed::new(&[2], &[1f32, 2.0]);
        assert!(start_fold(&MEAN, vec![floats.value()], vec![]).is_err());
    }

    #[test]
    fn sums_are_compensated_and_reduce_either_axis() {
        assert_eq!(
            float("sum", vec![vector(&[1e16, 1.0, -1e16]).value()], vec![]),
            1.0
        );
        assert_eq!(float("sum", vec![Value::Float(2.5)], vec![]), 2.5);
        let m = matrix(&[&[1.0, 2.0, 3.0], &[4.0, 5.0, 7.0]]);
        assert_eq!(float("sum", vec![m.value()], vec![]), 22.0);
        for (a, shape, want) in [
            (0, [3], vec![5.0, 7.0, 10.0]),
            (-2, [3], vec![5.0, 7.0, 10.0]),
            (1, [2], vec![6.0, 16.0]),
            (-1, [2], vec![6.0, 16.0]),
        ] {
            let (ret, out) = ok("sum", vec![m.value()], axis(a));
            assert_eq!(out.f64(&ret), (&shape[..], &want[..]), "axis {a}");
        }
        // On 1-D input, axis 0 and -1 are all elements.
        let v = vector(&[1.0, 2.0]);
        assert_eq!(float("sum", vec![v.value()], axis(-1)), 3.0);
    }

    #[test]
    fn means_variances_and_extremes() {
        assert_eq!(
            float("mean", vec![vector(&[1.0, 2.0, 3.0, 4.0]).value()], vec![]),
            2.5
        );
        assert!(float("mean", vec![vector(&[]).value()], vec![]).is_nan());
        let m = matrix(&[&[1.0, 2.0], &[3.0, 6.0]]);
        let (ret, out) = ok("mean", vec![m.value()], axis(1));
        assert_eq!(out.f64(&ret).1, &[1.5, 4.5]);

        let x = vector(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(float("var", vec![x.value()], vec![]), 1.25);
        let ddof = vec![("ddof", Value::Int(1))];
        assert_eq!(float("var", vec![x.value()], ddof), 5.0 / 3.0);
        // Columns [1, 3] and [2, 6]: deviations 1 and 2 from their means.
        let (ret, out) = ok("var", vec![m.value()], axis(0));
        assert_eq!(out.f64(&ret).1, &[1.0, 4.0]);
        let spread = vector(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]);
        assert_eq!(float("std", vec![spread.value()], vec![]), 2.0);
        let (ret, out) = ok(
            "std",
            vec![m.value()],
            vec![("axis", Value::Int(0)), ("ddof", Value::Int(1))],
        );
        assert_eq!(out.f64(&ret).1, &[2f64.sqrt(), 8f64.sqrt()]);

        let y = vector(&[3.0, 1.0, 2.0]);
        assert_eq!(float("min", vec![y.value()], vec![]), 1.0);
        assert_eq!(float("max", vec![y.value()], vec![]), 3.0);
        assert!(float("max", vec![vector(&[1.0, NAN]).value()], vec![]).is_nan());
        let (ret, out) = ok(
            "max",
            vec![matrix(&[&[3.0, 1.0], &[2.0, 5.0]]).value()],
            axis(1),
        );
        assert_eq!(out.f64(&ret).1, &[3.0, 5.0]);
        let (ret, out) = ok(
            "min",
            vec![matrix(&[&[3.0, 1.0], &[2.0, 5.0]]).value()],
            axis(0),
        );
        assert_eq!(out.f64(&ret).1, &[2.0, 1.0]);
    }

    #[test]
    fn products_positions_and_running_reductions_flatten() {
        let m = matrix(&[&[1.0, 2.0], &[3.0, 4.0]]);
        assert_eq!(float("prod", vec![m.value()], vec![]), 24.0);
        assert_eq!(float("prod", vec![vector(&[]).value()], vec![]), 1.0);
        assert_eq!(float("prod", vec![Value::Int(3)], vec![]), 3.0);

        assert_eq!(
            ok("argmin", vec![vector(&[3.0, 1.0, 1.0]).value()], vec![]).0,
            Ret::Int(1)
        );
        assert_eq!(
            ok("argmax", vec![vector(&[3.0, 7.0, 7.0]).value()], vec![]).0,
            Ret::Int(1)
        );
        let flat = matrix(&[&[1.0, 9.0], &[9.0, 0.0]]);
        assert_eq!(ok("argmax", vec![flat.value()], vec![]).0, Ret::Int(1));
        assert_eq!(ok("argmin", vec![flat.value()], vec![]).0, Ret::Int(3));
        assert_eq!(
            ok("argmin", vec![vector(&[2.0, NAN, NAN]).value()], vec![]).0,
            Ret::Int(1)
        );

        let (ret, out) = ok("cumsum", vec![m.value()], vec![]);
        assert_eq!(out.f64(&ret), (&[4][..], &[1.0, 3.0, 6.0, 10.0][..]));
        let (ret, out) = ok("cumprod", vec![vector(&[1.0, 2.0, 3.0]).value()], vec![]);
        assert_eq!(out.f64(&ret), (&[3][..], &[1.0, 2.0, 6.0][..]));
    }

    #[test]
    fn dot_of_vectors_numbers_and_scaled_arrays() {
        let (x, y) = (vector(&[1.0, 2.0, 3.0]), vector(&[4.0, 5.0, 6.0]));
        assert_eq!(float("dot", vec![x.value(), y.value()], vec![]), 32.0);
        assert_eq!(
            float("dot", vec![Value::Float(2.0), Value::Int(3)], vec![]),
            6.0
        );
        let (ret, out) = ok(
            "dot",
            vec![Value::Int(2), vector(&[1.0, 2.0]).value()],
            vec![],
        );
        assert_eq!(out.f64(&ret), (&[2][..], &[2.0, 4.0][..]));
        let m = matrix(&[&[1.0, 2.0]]);
        let (ret, out) = ok("dot", vec![m.value(), Value::Float(3.0)], vec![]);
        assert_eq!(out.f64(&ret), (&[1, 2][..], &[3.0, 6.0][..]));
        assert_eq!(
            float(
                "dot",
                vec![vector(&[]).value(), vector(&[]).value()],
                vec![]
            ),
            0.0
        );
    }

    #[test]
    fn norms() {
        let v = vector(&[3.0, -4.0]);
        assert_eq!(float("norm", vec![v.value()], vec![]), 5.0);
        assert_eq!(
            float("norm", vec![v.value()], vec![("ord", Value::Int(1))]),
            7.0
        );
        let inf = vec![("ord", Value::Float(f64::INFINITY))];
        assert_eq!(float("norm", vec![v.value()], inf), 4.0);
        // Scaled: squaring 3e300 would overflow.
        let big = vector(&[3e300, 4e300]);
        assert_eq!(float("norm", vec![big.value()], vec![]), 5e300);
    }

    #[test]
    fn refusals_name_the_argument_or_the_function() {
        let m = matrix(&[&[1.0, 2.0], &[3.0, 4.0]]);
        let v = vector(&[1.0, 2.0]);
        let cube = Arr::new(&[2, 3, 4], &[0.0; 24]);
        let (empty, one, three) = (vector(&[]), vector(&[1.0]), vector(&[1.0, 2.0, 3.0]));
        let one_by_one = matrix(&[&[1.0]]);
        assert_refusals(vec![
            (
                "sum",
                vec![m.value()],
                axis(2),
                AxisError,
                "axis: axis 2 is out of bounds for array of dimension 2",
            ),
            (
                "mean",
                vec![v.value()],
                axis(1),
                AxisError,
                "axis: axis 1 is out of bounds for array of dimension 1",
            ),
            (
                "sum",
                vec![Value::Float(1.0)],
                axis(0),
                AxisError,
                "axis: axis 0 is out of bounds for array of dimension 0",
            ),
            (
                "max",
                vec![v.value()],
                vec![("axis", Value::Float(0.0))],
                TypeError,
                "axis: expected an integer, got float",
            ),
            (
                "sum",
                vec![cube.value()],
                vec![("axis", Value::Int(3))],
                AxisError,
                "axis: axis 3 is out of bounds for array of dimension 3",
            ),
            (
                "cumsum",
                vec![cube.value()],
                vec![("axis", Value::Int(-4))],
                AxisError,
                "axis: axis -4 is out of bounds for array of dimension 3",
            ),
            (
                "min",
                vec![empty.value()],
                vec![],
                ValueError,
                "min: zero-size array to reduction operation minimum which has no identity",
            ),
            (
                "argmax",
                vec![empty.value()],
                vec![],
                ValueError,
                "argmax: zero-size array to reduction operation argmax which has no identity",
            ),
            (
                "argmin",
                vec![Value::Float(5.0)],
                vec![],
                ValueError,
                "x: expected an array (a list, tuple or buffer), got a single number",
            ),
            (
                "dot",
                vec![v.value(), three.value()],
                vec![],
                ValueError,
                "dot: x has length 2 but y has length 3",
            ),
            (
                "dot",
                vec![one_by_one.value(), one.value()],
                vec![],
                ValueError,
                "x: expected a 1-D array, got a 2-D array of shape (1, 1)",
            ),
            (
                "dot",
                vec![v.value(), Value::Str("a")],
                vec![],
                TypeError,
                "y: expected a number or an array of numbers, got str",
            ),
            (
                "norm",
                vec![m.value()],
                vec![("ord", Value::Int(3))],
                ValueError,
                "ord: Invalid norm order for matrices.",
            ),
            (
                "norm",
                vec![v.value()],
                vec![("ord", Value::Str("fro"))],
                ValueError,
                "ord: Invalid norm order 'fro' for vectors",
            ),
            (
                "norm",
                vec![Arr::new(&[1, 1, 2], &[1.0, 2.0]).value()],
                vec![("ord", Value::Int(1))],
                ValueError,
                "norm: Improper number of dimensions to norm.",
            ),
            (
                "var",
                vec![v.value()],
                vec![("ddof", v.value())],
                ValueError,
                "ddof: expected a single number, got a 1-D array of length 2",
            ),
            (
                "sum",
                vec![v.value()],
                vec![("x", v.value())],
                TypeError,
                "sum() got some positional-only arguments passed as keyword arguments: 'x'",
            ),
        ]);
    }

    /// Cuts `n` elements into random chunks (empty ones included) and returns their bounds.
    fn chunking(rng: &mut Rng, n: usize) -> Vec<(usize, usize)> {
        let mut bounds = Vec::new();
        let mut at = 0;
        while at < n {
            let len = match rng.below(4) {
                0 => 0,
                1 => rng.below(9),
                _ => rng.below(700),
            }
            .min(n - at);
            bounds.push((at, at + len));
            at += len;
        }
        bounds
    }

    #[test]
    fn folds_give_the_one_shot_bits_wherever_chunks_are_cut() {
        let mut rng = Rng::new(0x5eed);
        for trial in 0..40 {
            let n = rng.below(3000);
            let xs: Vec<f64> = (0..n).map(|_| rng.spread()).collect();
            let ys: Vec<f64> = (0..n).map(|_| rng.spread()).collect();
            // Half of the trials as a 2-D array: the fold sees its C-order elements.
            let shape = if trial % 2 == 1 && n.is_multiple_of(3) {
                vec![3, n / 3]
            } else {
                vec![n]
            };
            let x = Arr::new(&shape, &xs);
            let (xv, yv) = (vector(&xs), vector(&ys));
            for (function, positional) in [
                (&SUM, vec![x.value()]),
                (&MEAN, vec![x.value()]),
                (&DOT, vec![xv.value(), yv.value()]),
            ] {
                let whole = ok(function.name, positional.clone(), vec![]).0;
                let mut fold = start_fold(function, positional, vec![]).unwrap();
                for (lo, hi) in chunking(&mut rng, n) {
                    let chunks: Vec<&[f64]> = match function.name {
                        "dot" => vec![&xs[lo..hi], &ys[lo..hi]],
                        _ => vec![&xs[lo..hi]],
                    };
                    fold.push(&chunks).unwrap();
                }
                let (Ret::Float(a), Ret::Float(b)) = (fold.finish().unwrap(), whole) else {
                    panic!("{}: expected floats", function.name);
                };
                // Bits, not values: NaN never arises here, and -0.0 must stay -0.0.
                assert_eq!(a.to_bits(), b.to_bits(), "{} of {n}", function.name);
            }
        }
    }

    #[test]
    fn arg_folds_give_the_one_shot_index_wherever_chunks_are_cut() {
        let mut rng = Rng::new(0xa4a);
        // Few distinct values (ties across chunks), signed zeros, and nans in some trials.
        let pool = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            2.5,
            -2.5,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for trial in 0..200 {
            let n = rng.below(400);
            let mut xs: Vec<f64> = (0..n).map(|_| pool[rng.below(pool.len())]).collect();
            if trial % 3 == 0 && n > 0 {
                for _ in 0..=rng.below(3) {
                    let at = rng.below(n);
                    xs[at] = f64::NAN;
                }
            }
            let x = vector(&xs);
            for function in [&ARGMAX, &ARGMIN] {
                let whole = call(function.name, vec![x.value()], vec![]).0;
                let mut fold = start_fold(function, vec![x.value()], vec![]).unwrap();
                for (lo, hi) in chunking(&mut rng, n) {
                    fold.push(&[&xs[lo..hi]]).unwrap();
                }
                match (fold.finish(), whole) {
                    (Ok(a), Ok(b)) => assert_eq!(a, b, "{} of {xs:?}", function.name),
                    (Err(a), Err(b)) => {
                        let name = function.name;
                        assert_eq!(a.for_function(name).message, b.message, "{name}");
                    }
                    (a, b) => panic!("{}: fold {a:?}, whole {b:?}", function.name),
                }
            }
        }
        // Nothing pushed: the whole call's refusal of an empty array.
        let empty = vector(&[]);
        let whole = crate::families::testing::err("argmax", vec![empty.value()], vec![]);
        let fold = start_fold(&ARGMAX, vec![empty.value()], vec![]).unwrap();
        let got = fold
            .finish()
            .err()
            .map(|e| (e.class, e.for_function("argmax").message));
        assert_eq!(got, Some(whole));
        // Only whole float64 arrays fold; an axis or keepdims make the call whole.
        let v = vector(&[1.0, 2.0]);
        assert!(start_fold(&ARGMAX, vec![v.value()], axis(0)).is_err());
        let keep = vec![("keepdims", Value::Bool(true))];
        assert!(start_fold(&ARGMIN, vec![v.value()], keep).is_err());
        let ints = Typed::new(&[2], &[1i64, 2]);
        assert!(start_fold(&ARGMAX, vec![ints.value()], vec![]).is_err());
    }

    #[test]
    fn only_reductions_of_all_elements_fold() {
        let m = matrix(&[&[1.0, 2.0], &[3.0, 4.0]]);
        let v = vector(&[1.0, 2.0]);
        assert!(start_fold(&SUM, vec![m.value()], vec![]).is_ok());
        assert!(start_fold(&MEAN, vec![v.value()], vec![]).is_ok());
        assert!(start_fold(&MEAN, vec![v.value()], axis(0)).is_err());
        assert!(start_fold(&SUM, vec![m.value()], axis(0)).is_err());
        assert!(start_fold(&SUM, vec![Value::Float(1.0)], vec![]).is_err());
        assert!(start_fold(&DOT, vec![Value::Float(2.0), v.value()], vec![]).is_err());
        // Starting checks the call as the whole call does.
        let e = start_fold(&DOT, vec![v.value(), vector(&[1.0]).value()], vec![]).err();
        assert_eq!(
            e.map(|e| e.for_function("dot").message).as_deref(),
            Some("dot: x has length 2 but y has length 1")
        );
        // Any rank folds when all elements are reduced (C order is the flattened order).
        let cube = Arr::new(&[1, 1, 2], &[1.0, 2.0]);
        assert!(start_fold(&SUM, vec![cube.value()], vec![]).is_ok());
        let keep = vec![("keepdims", Value::Bool(true))];
        assert!(start_fold(&SUM, vec![m.value()], keep).is_err());
        // A chunk of each array, in parameter order, or an error (never a panic).
        let mut fold = start_fold(&DOT, vec![v.value(), v.value()], vec![]).unwrap();
        assert!(fold.push(&[&[1.0]]).is_err());
        assert!(fold.push(&[&[1.0], &[1.0, 2.0]]).is_err());
    }
}
