//! Elementwise math: a number gives a float, an array an array of the same shape. IEEE results
//! as numpy gives them: `sqrt(-1)` is nan, `log(0)` is -inf, no exceptions.

use fastmath_core::{binary as binary_kernels, elementwise as kernels};

use super::permute::broadcast_into;
use crate::args::Args;
use crate::broadcast;
use crate::error::ApiError;
use crate::outputs::{Outputs, Ret, f64_array};
use crate::table::{Family, Function, Ieee, Stream};
use crate::value::Operand;

pub static FUNCTIONS: &[&Function] = &[
    &SQUARE, &SQRT, &EXP, &LOG, &LOG1P, &EXPM1, &SIN, &COS, &TAN, &TANH, &ABS, &SIGMOID, &RELU,
    &CLIP, &ADD, &SUBTRACT, &MULTIPLY, &DIVIDE,
];

const UNARY: &str = "(x: Number | ArrayLike, /) -> float | FloatArray";
const BINARY: &str = "(x: Number | ArrayLike, y: Number | ArrayLike, /) -> float | FloatArray";

/// A function of one number or array: `scalar` for a number, `kernel` over an array's data.
fn unary(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    scalar: impl Fn(f64) -> f64,
    kernel: impl Fn(&[f64], &mut [f64]) -> fastmath_core::Result<()>,
) -> Result<Ret, ApiError> {
    match args.operand(0)? {
        Operand::Number(v) => Ok(Ret::Float(scalar(v))),
        Operand::Array(a) => {
            let x = args.f64_data(0, &a)?;
            f64_array(out, a.shape(), |o| Ok(kernel(&x, o)?))
        }
    }
}

/// Defines one [`Function`] per unary kernel of fastmath-core (`ieee Op`: see [`Ieee`]).
macro_rules! unary_functions {
    ($($id:ident $name:ident $into:ident $(ieee $op:ident)? $doc:literal;)*) => {$(
        pub static $id: Function = Function::new(
            stringify!($name),
            Family::Elementwise,
            UNARY,
            $doc,
            |args, out| unary(args, out, kernels::$name, kernels::$into),
        )
        .streamed(Stream::Map)
        .with_number(kernels::$name)
        $(.with_ieee(Ieee::$op))?;
    )*};
}

unary_functions! {
    SQUARE square square_into ieee Square "Elementwise square, ``x * x``.\n\n>>> import fastmath\n>>> fastmath.square(3.0)\n9.0\n>>> fastmath.square([1, 2, 3]).tolist()\n[1.0, 4.0, 9.0]";
    SQRT sqrt sqrt_into ieee Sqrt "Elementwise square root; nan for negative input.\n\n>>> import fastmath\n>>> fastmath.sqrt([4, 9]).tolist()\n[2.0, 3.0]\n>>> fastmath.sqrt(-1.0)\nnan";
    EXP exp exp_into "Elementwise e**x (within 1 ulp; the same bits on every platform).\n\n>>> import fastmath\n>>> fastmath.exp([0.0, 1.0]).tolist()\n[1.0, 2.718281828459045]";
    LOG log log_into "Elementwise natural logarithm; -inf at 0, nan below\n(within 1 ulp; the same bits on every platform).\n\n>>> import fastmath\n>>> fastmath.log([1.0, 0.0]).tolist()\n[0.0, -inf]";
    LOG1P log1p log1p_into "Elementwise log(1 + x), accurate for tiny x; -inf at -1, nan below\n(within 1 ulp; the same bits on every platform).\n\n>>> import fastmath\n>>> fastmath.log1p(1e-20)\n1e-20";
    EXPM1 expm1 expm1_into "Elementwise exp(x) - 1, accurate for tiny x (within 1 ulp; the same bits on every platform).\n\n>>> import fastmath\n>>> fastmath.expm1(1e-20)\n1e-20";
    SIN sin sin_into "Elementwise sine (radians), within 1 ulp for every finite x, huge ones included;\nthe same bits on every platform.\n\n>>> import fastmath\n>>> fastmath.sin([0.0]).tolist()\n[0.0]";
    COS cos cos_into "Elementwise cosine (radians), within 1 ulp for every finite x, huge ones included;\nthe same bits on every platform.\n\n>>> import fastmath\n>>> fastmath.cos([0.0]).tolist()\n[1.0]";
    TAN tan tan_into "Elementwise tangent (radians), within 1 ulp for every finite x, huge ones included;\nthe same bits on every platform.\n\n>>> import fastmath\n>>> fastmath.tan(0.0)\n0.0";
    TANH tanh tanh_into "Elementwise hyperbolic tangent.\n\n>>> import fastmath\n>>> fastmath.tanh([0.0, 1000.0]).tolist()\n[0.0, 1.0]";
    ABS abs abs_into ieee Abs "Elementwise absolute value.\n\n>>> import fastmath\n>>> fastmath.abs([-1.5, 2.0]).tolist()\n[1.5, 2.0]";
    SIGMOID sigmoid sigmoid_into "Elementwise logistic sigmoid 1 / (1 + exp(-x)), stable for large |x|.\n\n>>> import fastmath\n>>> fastmath.sigmoid([0.0, -1000.0, 1000.0]).tolist()\n[0.5, 0.0, 1.0]";
    RELU relu relu_into "Elementwise max(x, 0); nan stays nan (as numpy.maximum).\n\n>>> import fastmath\n>>> fastmath.relu([-2.0, 3.0]).tolist()\n[0.0, 3.0]";
}

pub static CLIP: Function = Function::new(
    "clip",
    Family::Elementwise,
    "(x: Number | ArrayLike, lo: Number, hi: Number, /) -> float | FloatArray",
    "Limits values to ``[lo, hi]``, as ``numpy.clip``: nan stays nan; if ``lo > hi`` every\nvalue becomes ``hi``.\n\n>>> import fastmath\n>>> fastmath.clip([-5, 0.5, 5], 0, 1).tolist()\n[0.0, 0.5, 1.0]",
    |args, out| {
        let (lo, hi) = (args.number(1)?, args.number(2)?);
        unary(
            args,
            out,
            |v| kernels::clip(v, lo, hi),
            |x, o| kernels::clip_into(x, lo, hi, o),
        )
    },
)
.streamed(Stream::Map);

/// What a binary kernel returns: it writes its result into its last argument.
type Written = fastmath_core::Result<()>;

/// The kernels of a binary operation, one per combination of array and number.
struct BinaryKernels {
    scalar: fn(f64, f64) -> f64,
    array_array: fn(&[f64], &[f64], &mut [f64]) -> Written,
    array_scalar: fn(&[f64], f64, &mut [f64]) -> Written,
    scalar_array: fn(f64, &[f64], &mut [f64]) -> Written,
}

/// A binary operation on two arrays (broadcast as numpy does), or an array and a number.
fn binary(args: &Args<'_>, out: &mut dyn Outputs, k: BinaryKernels) -> Result<Ret, ApiError> {
    match (args.operand(0)?, args.operand(1)?) {
        (Operand::Number(a), Operand::Number(b)) => Ok(Ret::Float((k.scalar)(a, b))),
        (Operand::Array(a), Operand::Number(b)) => {
            let x = args.f64_data(0, &a)?;
            f64_array(out, a.shape(), |o| Ok((k.array_scalar)(&x, b, o)?))
        }
        (Operand::Number(a), Operand::Array(b)) => {
            let y = args.f64_data(1, &b)?;
            f64_array(out, b.shape(), |o| Ok((k.scalar_array)(a, &y, o)?))
        }
        (Operand::Array(a), Operand::Array(b)) => {
            let (x, y) = (args.f64_data(0, &a)?, args.f64_data(1, &b)?);
            if a.shape() == b.shape() {
                return f64_array(out, a.shape(), |o| Ok((k.array_array)(&x, &y, o)?));
            }
            // numpy's broadcasting: each operand that is not of the result's shape is copied
            // out to it once (the result is allocated first, so an impossible one is a
            // MemoryError before any copy), then the contiguous kernel runs.
            let shape = broadcast::shapes(a.shape(), b.shape())?;
            f64_array(out, &shape, |o| {
                let x = widened(&x, a.shape(), &shape, o.len())?;
                let y = widened(&y, b.shape(), &shape, o.len())?;
                Ok((k.array_array)(&x, &y, o)?)
            })
        }
    }
}

/// `data` (of `shape`) broadcast to `to` (`len` elements): itself when of that shape already.
fn widened<'d>(
    data: &'d [f64],
    shape: &[usize],
    to: &[usize],
    len: usize,
) -> Result<std::borrow::Cow<'d, [f64]>, ApiError> {
    if shape == to {
        return Ok(std::borrow::Cow::Borrowed(data));
    }
    let mut wide = Vec::new();
    wide.try_reserve_exact(len)
        .map_err(|_| ApiError::result_too_large(crate::dtype::DType::F64, to))?;
    wide.resize(len, 0.0);
    broadcast_into(data, shape, to, &mut wide);
    Ok(std::borrow::Cow::Owned(wide))
}

/// Defines one [`Function`] per binary operation of fastmath-core, each one IEEE operation
/// (see [`Ieee`]).
macro_rules! binary_functions {
    ($($id:ident $name:ident $vv:ident $vs:ident $sv:ident $op:ident $doc:literal;)*) => {$(
        pub static $id: Function = Function::new(
            stringify!($name),
            Family::Elementwise,
            BINARY,
            $doc,
            |args, out| binary(args, out, BinaryKernels {
                scalar: binary_kernels::$name,
                array_array: binary_kernels::$vv,
                array_scalar: binary_kernels::$vs,
                scalar_array: binary_kernels::$sv,
            }),
        )
        .streamed(Stream::Map)
        .with_ieee(Ieee::$op);
    )*};
}

binary_functions! {
    ADD add add_into add_slice_scalar_into add_scalar_slice_into Add
        "Elementwise ``x + y`` with numpy's broadcasting\n(``(3, 1)`` and ``(4,)`` give ``(3, 4)``; a number goes with any array).\n\n>>> import fastmath\n>>> fastmath.add([1, 2], [10, 20]).tolist()\n[11.0, 22.0]\n>>> fastmath.add([1, 2], 0.5).tolist()\n[1.5, 2.5]";
    SUBTRACT subtract subtract_into subtract_slice_scalar_into subtract_scalar_slice_into Subtract
        "Elementwise ``x - y`` with numpy's broadcasting\n(``(3, 1)`` and ``(4,)`` give ``(3, 4)``; a number goes with any array).\n\n>>> import fastmath\n>>> fastmath.subtract(10, [1, 2]).tolist()\n[9.0, 8.0]";
    MULTIPLY multiply multiply_into multiply_slice_scalar_into multiply_scalar_slice_into Multiply
        "Elementwise ``x * y`` with numpy's broadcasting\n(``(3, 1)`` and ``(4,)`` give ``(3, 4)``; a number goes with any array).\n\n>>> import fastmath\n>>> fastmath.multiply([1, 2], [3, 4]).tolist()\n[3.0, 8.0]";
    DIVIDE divide divide_into divide_slice_scalar_into divide_scalar_slice_into Divide
        "Elementwise ``x / y`` (IEEE: ``1/0`` is inf, ``0/0`` nan) with numpy's broadcasting.\n\n>>> import fastmath\n>>> fastmath.divide([1, 0], 0).tolist()\n[inf, nan]";
}
