//! Reductions: many values in, one value out. Arrays have one or two dimensions; `sum mean
//! var std min max` also reduce one axis of a 2-D array (numpy's `axis=0`/`1`, negative counts
//! from the end), the others reduce the flattened array.
//!
//! `sum`, `mean` and `dot` of all elements also fold chunk by chunk ([`Stream::Fold`]) with
//! the accumulators of their one-shot kernels, so a streamed result is the one-shot result, bit
//! for bit.

use fastmath_core::axis::{self, Axis};
use fastmath_core::matrix::MatRef;
use fastmath_core::norm::{self as norm_kernels, NormOrd};
use fastmath_core::reduce::{self as kernels, DotAcc, SumAcc};
use fastmath_core::{cumulative, elementwise};

use super::rank;
use crate::args::Args;
use crate::array::ArrayRef;
use crate::error::ApiError;
use crate::outputs::{Outputs, Ret, f64_array};
use crate::table::{Family, Fold, Function, Stream};
use crate::value::{Operand, Value};

pub static FUNCTIONS: &[&Function] = &[
    &SUM, &PROD, &MEAN, &VAR, &STD, &MIN, &MAX, &ARGMIN, &ARGMAX, &CUMSUM, &CUMPROD, &DOT, &NORM,
];

const AXIS_REDUCTION: &str =
    "(x: Number | ArrayLike, /, axis: int | None = None) -> float | FloatArray";
const AXIS_REDUCTION_DDOF: &str =
    "(x: Number | ArrayLike, /, axis: int | None = None, ddof: float = 0.0) -> float | FloatArray";

/// What an axis reduction reduces.
enum Target<'a> {
    /// A number (or a 0-D array): the reduction of that one value.
    Number(f64),
    /// Every element of an array, flattened in C order.
    All(ArrayRef<'a>),
    /// One axis of a `(rows, cols)` matrix.
    Along(ArrayRef<'a>, (usize, usize), Axis),
}

/// The target of a reduction of `x` (parameter 0) along `axis` (parameter 1). `axis` is
/// numpy's: 0/1 (or -2/-1) for 2-D; for 1-D, 0 and -1 mean all elements, as no axis does.
fn target<'a>(args: &Args<'a>) -> Result<Target<'a>, ApiError> {
    let axis = args.opt_int(1)?;
    match rank::operand(args, 0)? {
        Operand::Number(v) => {
            flat_axis(args, axis, 0)?;
            Ok(Target::Number(v))
        }
        Operand::Array(a) => match (a.ndim(), axis) {
            (2, Some(axis)) => {
                let axis = Axis::new(axis)?;
                Ok(Target::Along(a, rank::matrix_shape(args, 0, &a)?, axis))
            }
            (ndim, axis) => {
                flat_axis(args, axis, ndim)?;
                Ok(Target::All(a))
            }
        },
    }
}

/// For 0-D and 1-D input, only no axis, 0 or -1 (1-D) mean anything.
fn flat_axis(args: &Args<'_>, axis: Option<i64>, ndim: usize) -> Result<(), ApiError> {
    match axis {
        None => Ok(()),
        Some(0 | -1) if ndim == 1 => Ok(()),
        Some(axis) => Err(ApiError::value_error(
            args.name(1),
            format!("axis {axis} is out of bounds for a {ndim}-D array"),
        )),
    }
}

/// A reduction of all elements (`all`) or of one axis of a matrix (`along`).
fn reduction(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    all: impl Fn(&[f64]) -> fastmath_core::Result<f64>,
    along: impl Fn(MatRef<'_>, Axis, &mut [f64]) -> fastmath_core::Result<()>,
) -> Result<Ret, ApiError> {
    match target(args)? {
        Target::Number(v) => Ok(Ret::Float(all(&[v])?)),
        Target::All(a) => {
            let x = args.f64_data(0, &a)?;
            Ok(Ret::Float(all(&x)?))
        }
        Target::Along(a, (rows, cols), axis) => {
            let x = args.f64_data(0, &a)?;
            let m = MatRef::new(&x, rows, cols)?;
            f64_array(out, &[axis.output_len(m)], |o| Ok(along(m, axis, o)?))
        }
    }
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
    match target(args)? {
        Target::All(_) if matches!(args.value(1), Value::None) => Ok(Box::new(SumFold {
            acc: SumAcc::new(),
            finish,
        })),
        Target::All(_) | Target::Number(_) | Target::Along(..) => Err(not_a_fold()),
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
    "Sum of all elements, or along ``axis`` (0 or 1) of a 2-D array. The sum of all elements\n\
     (and along ``axis=1``) is correctly rounded: the float nearest to the exact sum, whatever\n\
     the order, so it equals ``math.fsum`` wherever that returns a value (an exact zero is\n\
     ``0.0``). Where ``math.fsum`` raises, this returns numpy's value instead: nan for inf and\n\
     -inf together (fsum: ValueError); for OverflowError, the exact sum rounded, so inf or -inf\n\
     beyond the float range and finite if only a partial sum overflowed, and an inf in the\n\
     input wins. Any nan gives nan. Along ``axis=0`` the sums are compensated (Ogita-Rump-Oishi\n\
     Sum2), not exact.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.sum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50])\n\
     1e-100\n\
     >>> fastmath.sum([[1, 2], [3, 4]], axis=0).tolist()\n\
     [4.0, 6.0]",
    |args, out| reduction(args, out, |x| Ok(kernels::sum(x)), axis::sum_axis),
)
.streamed(Stream::Fold(|args| sum_fold(args, SumAcc::sum)));

pub static PROD: Function = Function::new(
    "prod",
    Family::Reductions,
    "(x: Number | ArrayLike, /) -> float",
    "Product of all elements (1.0 for empty input).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.prod([1, 2, 3, 4])\n\
     24.0",
    |args, _| match rank::operand(args, 0)? {
        Operand::Number(v) => Ok(Ret::Float(v)),
        Operand::Array(a) => Ok(Ret::Float(kernels::prod(&args.f64_data(0, &a)?))),
    },
);

pub static MEAN: Function = Function::new(
    "mean",
    Family::Reductions,
    AXIS_REDUCTION,
    "Arithmetic mean, of all elements or along ``axis``; nan for empty input, as numpy. The\n\
     mean of all elements is correctly rounded: the float nearest to the exact sum divided by\n\
     n (not ``math.fsum(x) / n``, which rounds twice, and finite wherever the exact mean is);\n\
     nan and inf as ``sum``. Along an axis it is the axis sum divided by n.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.mean([1, 2, 3, 4])\n\
     2.5",
    |args, out| reduction(args, out, |x| Ok(kernels::mean(x)), axis::mean_axis),
)
.streamed(Stream::Fold(|args| sum_fold(args, SumAcc::mean)));

pub static VAR: Function = Function::new(
    "var",
    Family::Reductions,
    AXIS_REDUCTION_DDOF,
    "Variance with divisor ``n - ddof``, of all elements or along ``axis`` (two-pass,\n\
     compensated). As numpy: the divisor is ``max(n - ddof, 0)``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.var([1, 2, 3, 4])\n\
     1.25\n\
     >>> fastmath.var([1, 2, 3, 4], ddof=1)\n\
     1.6666666666666667",
    |args, out| {
        let ddof = args.number(2)?;
        reduction(
            args,
            out,
            |x| Ok(kernels::var(x, ddof)),
            |m, a, o| axis::var_axis(m, a, ddof, o),
        )
    },
);

pub static STD: Function = Function::new(
    "std",
    Family::Reductions,
    AXIS_REDUCTION_DDOF,
    "Standard deviation, ``sqrt(var(x, axis, ddof))``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.std([2, 4, 4, 4, 5, 5, 7, 9])\n\
     2.0",
    |args, out| {
        let ddof = args.number(2)?;
        reduction(
            args,
            out,
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
     Empty input raises ValueError.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.min([3, 1, 2])\n\
     1.0",
    |args, out| reduction(args, out, kernels::min, axis::min_axis),
);

pub static MAX: Function = Function::new(
    "max",
    Family::Reductions,
    AXIS_REDUCTION,
    "Largest element (nan if any is nan, as numpy), of all elements or along ``axis``.\n\
     Empty input raises ValueError.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.max([[3, 1], [2, 5]], axis=1).tolist()\n\
     [3.0, 5.0]",
    |args, out| reduction(args, out, kernels::max, axis::max_axis),
);

/// The position found by `kernel` in the flattened array `x`.
fn index_of(
    args: &Args<'_>,
    kernel: fn(&[f64]) -> fastmath_core::Result<usize>,
) -> Result<Ret, ApiError> {
    let a = rank::array(args, 0)?;
    let index = kernel(&args.f64_data(0, &a)?)?;
    // An index into a slice always fits: slices hold at most isize::MAX bytes.
    Ok(Ret::Int(i64::try_from(index).unwrap_or(i64::MAX)))
}

pub static ARGMIN: Function = Function::new(
    "argmin",
    Family::Reductions,
    "(x: ArrayLike, /) -> int",
    "Index of the smallest element (the first one; the first nan if any), over the flattened\n\
     array as numpy. Empty input raises ValueError.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.argmin([3, 1, 1])\n\
     1",
    |args, _| index_of(args, kernels::argmin),
);

pub static ARGMAX: Function = Function::new(
    "argmax",
    Family::Reductions,
    "(x: ArrayLike, /) -> int",
    "Index of the largest element (the first one; the first nan if any), over the flattened\n\
     array as numpy. Empty input raises ValueError.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.argmax([3, 7, 7])\n\
     1",
    |args, _| index_of(args, kernels::argmax),
);

/// A running reduction of the flattened array: a 1-D result as long as the input.
fn running(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    kernel: fn(&[f64], &mut [f64]) -> fastmath_core::Result<()>,
) -> Result<Ret, ApiError> {
    let a = rank::array(args, 0)?;
    let x = args.f64_data(0, &a)?;
    f64_array(out, &[x.len()], |o| Ok(kernel(&x, o)?))
}

pub static CUMSUM: Function = Function::new(
    "cumsum",
    Family::Reductions,
    "(x: ArrayLike, /) -> FloatArray",
    "Running sums of the flattened array (1-D result, as numpy without ``axis``).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.cumsum([1, 2, 3]).tolist()\n\
     [1.0, 3.0, 6.0]",
    |args, out| running(args, out, cumulative::cumsum_into),
);

pub static CUMPROD: Function = Function::new(
    "cumprod",
    Family::Reductions,
    "(x: ArrayLike, /) -> FloatArray",
    "Running products of the flattened array (1-D result, as numpy without ``axis``).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.cumprod([1, 2, 3]).tolist()\n\
     [1.0, 2.0, 6.0]",
    |args, out| running(args, out, cumulative::cumprod_into),
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

pub static DOT: Function = Function::new(
    "dot",
    Family::Reductions,
    "(x: Number | ArrayLike, y: Number | ArrayLike, /) -> float | FloatArray",
    "Dot product. Two vectors of equal length give a float; a number and a vector give the\n\
     scaled vector; two numbers give their product (as ``numpy.dot``).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.dot([1, 2, 3], [4, 5, 6])\n\
     32.0\n\
     >>> fastmath.dot(2, [1, 2]).tolist()\n\
     [2.0, 4.0]",
    |args, out| match dot_case(args)? {
        DotCase::Numbers(a, b) => Ok(Ret::Float(a * b)),
        DotCase::Scale(s, v, i) => {
            let values = args.f64_data(i, &v)?;
            f64_array(out, v.shape(), |o| {
                Ok(elementwise::scale_into(s, &values, o)?)
            })
        }
        DotCase::Vectors(a, b) => {
            let (x, y) = (args.f64_data(0, &a)?, args.f64_data(1, &b)?);
            Ok(Ret::Float(kernels::dot(&x, &y)?))
        }
    },
)
.streamed(Stream::Fold(|args| match dot_case(args)? {
    DotCase::Vectors(..) => Ok(Box::new(DotFold(DotAcc::new()))),
    DotCase::Numbers(..) | DotCase::Scale(..) => Err(not_a_fold()),
}));

pub static NORM: Function = Function::new(
    "norm",
    Family::Reductions,
    "(x: ArrayLike, /, ord: float = 2.0) -> float",
    "Vector norm of a 1-D array: ``ord=2`` Euclidean (scaled: no overflow or underflow on the\n\
     way), ``ord=1`` sum of absolute values, ``ord=inf`` largest absolute value.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.norm([3, 4])\n\
     5.0\n\
     >>> fastmath.norm([3, -4], ord=1)\n\
     7.0",
    |args, _| {
        let ord = NormOrd::from_f64(args.number(1)?)?;
        let a = rank::vector(args, 0)?;
        Ok(Ret::Float(norm_kernels::norm(&args.f64_data(0, &a)?, ord)))
    },
);

#[cfg(test)]
// Test arithmetic on small, known sizes: an overflow there fails the test, as it should.
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    use super::*;
    use crate::error::ErrorClass::{TypeError, ValueError};
    use crate::families::testing::{
        Arr, Rng, assert_refusals, float, matrix, ok, start_fold, vector,
    };
    use crate::value::Value;

    const NAN: f64 = f64::NAN;

    fn axis(a: i64) -> Vec<(&'static str, Value<'static>)> {
        vec![("axis", Value::Int(a))]
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
                ValueError,
                "sum: axis 2 is out of bounds for array of dimension 2",
            ),
            (
                "mean",
                vec![v.value()],
                axis(1),
                ValueError,
                "axis: axis 1 is out of bounds for a 1-D array",
            ),
            (
                "sum",
                vec![Value::Float(1.0)],
                axis(0),
                ValueError,
                "axis: axis 0 is out of bounds for a 0-D array",
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
                vec![],
                ValueError,
                "x: expected at most 2 dimensions, got a 3-D array of shape (2, 3, 4)",
            ),
            (
                "cumsum",
                vec![cube.value()],
                vec![],
                ValueError,
                "x: expected at most 2 dimensions, got a 3-D array of shape (2, 3, 4)",
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
                vec![v.value()],
                vec![("ord", Value::Int(3))],
                ValueError,
                "norm: ord must be 1, 2 or inf, got 3",
            ),
            (
                "norm",
                vec![m.value()],
                vec![],
                ValueError,
                "x: expected a 1-D array, got a 2-D array of shape (2, 2)",
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
        let cube = Arr::new(&[1, 1, 2], &[1.0, 2.0]);
        assert!(start_fold(&SUM, vec![cube.value()], vec![]).is_err());
        // A chunk of each array, in parameter order, or an error (never a panic).
        let mut fold = start_fold(&DOT, vec![v.value(), v.value()], vec![]).unwrap();
        assert!(fold.push(&[&[1.0]]).is_err());
        assert!(fold.push(&[&[1.0], &[1.0, 2.0]]).is_err());
    }
}
