//! Elementwise math with numpy's type resolution: an array gives an array of the same shape,
//! of the dtype numpy's ufunc would give, computed in that dtype (float32 stays float32,
//! integers wrap around); Python numbers are weak (NEP 50). IEEE results as numpy gives them:
//! `sqrt(-1)` is nan, `log(0)` is -inf, no exceptions.

use std::borrow::Cow;

use fastmath_core::binary as binary_kernels;
use fastmath_core::elementwise::{self as kernels, Float, Numeric};
use fastmath_core::parallel;

use super::permute::widened;
use crate::args::Args;
use crate::array::ArrayRef;
use crate::broadcast;
use crate::dtype::{DType, promote};
use crate::element::{Bool, Element, scalar};
use crate::error::ApiError;
use crate::outputs::{Outputs, Ret, array};
use crate::table::{Family, Function, Ieee, Stream};
use crate::value::Value;
use crate::with_dtype;

pub static FUNCTIONS: &[&Function] = &[
    &SQUARE, &SQRT, &EXP, &LOG, &LOG1P, &EXPM1, &SIN, &COS, &TAN, &TANH, &ABS, &SIGMOID, &RELU,
    &CLIP, &ADD, &SUBTRACT, &MULTIPLY, &DIVIDE,
];

/// The transcendentals' signature: a number gives a float.
const UNARY: &str = "(x: Number | ArrayLike, /) -> float | Array";
/// `square`, `abs` and `relu`: a Python int gives an int.
const KEPT: &str = "(x: Number | ArrayLike, /) -> int | float | Array";
const BINARY: &str = "(x: Number | ArrayLike, y: Number | ArrayLike, /) -> int | float | Array";

/// numpy's bool arithmetic, so that `add` and `multiply` of bool arrays are bool arrays:
/// `add` is logical or, `multiply` logical and (`subtract` of bools is refused before any
/// kernel runs, as numpy refuses it).
impl Numeric for Bool {
    const ZERO: Self = Bool(0);
    #[inline(always)]
    fn plus(self, o: Self) -> Self {
        Bool(self.0 | o.0)
    }
    #[inline(always)]
    fn minus(self, o: Self) -> Self {
        Bool(self.0 ^ o.0)
    }
    #[inline(always)]
    fn times(self, o: Self) -> Self {
        Bool(self.0 & o.0)
    }
    #[inline(always)]
    fn magnitude(self) -> Self {
        self
    }
    #[inline(always)]
    fn is_nan_value(self) -> bool {
        false
    }
}

/// An operand as numpy's type resolution sees it: an array (a 0-d one included: numpy
/// scalars and 0-d arrays keep their dtype) or a weak Python number.
#[derive(Clone, Copy)]
enum Operand<'a> {
    Array(ArrayRef<'a>),
    Int(i64),
    /// A Python int beyond 64 bits, as a float.
    BigInt(f64),
    Float(f64),
    Bool(bool),
}

impl<'a> Operand<'a> {
    /// Parameter `i` as an operand; the parameter words the refusal of anything else.
    fn of(args: &Args<'a>, i: usize) -> Result<Self, ApiError> {
        Ok(match args.value(i) {
            Value::Array(a) => Operand::Array(*a),
            Value::Int(v) => Operand::Int(*v),
            Value::BigInt(v) => Operand::BigInt(v.to_f64()),
            Value::Float(v) => Operand::Float(*v),
            Value::Bool(b) => Operand::Bool(*b),
            _ => {
                args.operand(i)?;
                return Err(ApiError::type_error(
                    args.name(i),
                    "expected a number or an array of numbers",
                ));
            }
        })
    }

    fn shape(&self) -> &'a [usize] {
        match self {
            Operand::Array(a) => a.shape(),
            _ => &[],
        }
    }
}

/// numpy's result dtype of `operands` (NEP 50): the arrays' dtypes promoted; then a Python
/// float makes an integer or bool result float64, a Python int makes a bool result int64;
/// Python numbers alone give int64, float64 or bool.
fn result_dtype(operands: &[Operand<'_>]) -> DType {
    let mut strong: Option<DType> = None;
    let (mut weak_int, mut weak_float) = (false, false);
    for operand in operands {
        let dtype = match operand {
            Operand::Array(a) => a.dtype(),
            Operand::Bool(_) => DType::Bool,
            Operand::Int(_) | Operand::BigInt(_) => {
                weak_int = true;
                continue;
            }
            Operand::Float(_) => {
                weak_float = true;
                continue;
            }
        };
        strong = Some(strong.map_or(dtype, |s| promote(s, dtype)));
    }
    match strong {
        Some(d) if weak_float && !d.is_float() => DType::F64,
        Some(DType::Bool) if weak_int => DType::I64,
        Some(d) => d,
        None if weak_float => DType::F64,
        None if weak_int => DType::I64,
        None => DType::Bool,
    }
}

/// The float dtype numpy computes `sqrt`, `exp`, ... of `dtype` in. numpy gives float16 for
/// bool and 8-bit integers; fastmath has no float16 results and gives float32 (numpy computes
/// those float16 loops in float32 too, then rounds).
fn float_dtype(dtype: DType) -> DType {
    match dtype {
        DType::F64 | DType::I32 | DType::U32 | DType::I64 | DType::U64 => DType::F64,
        _ => DType::F32,
    }
}

/// numpy 2's refusal of a Python int that `dtype` cannot hold (NEP 50: no silent wrap), its
/// OverflowError.
fn out_of_bounds(args: &Args<'_>, i: usize, shown: &str, dtype: DType) -> ApiError {
    ApiError::overflow_error(
        args.name(i),
        format!("Python integer {shown} out of bounds for {}", dtype.name()),
    )
}

/// Operand `i` as one value of `T` (the result's type): a Python int must fit when `T` is an
/// integer type; a 0-d array is converted as numpy's `astype`. `None` for an array of any
/// other shape.
fn single<'a, T: Element>(
    args: &Args<'a>,
    i: usize,
    operand: Operand<'a>,
) -> Result<Option<T>, ApiError> {
    Ok(Some(match operand {
        Operand::Array(a) if a.ndim() == 0 => match args.data::<T>(i, &a)?.first() {
            Some(&v) => v,
            None => return Ok(None),
        },
        Operand::Array(_) => return Ok(None),
        Operand::Int(v) => {
            if T::DTYPE.is_integer() {
                let (lo, hi) = T::DTYPE.int_range();
                if !(lo..=hi).contains(&i128::from(v)) {
                    return Err(out_of_bounds(args, i, &v.to_string(), T::DTYPE));
                }
            }
            T::from_i64(v)
        }
        Operand::BigInt(v) => {
            if T::DTYPE.is_integer() {
                return Err(out_of_bounds(args, i, &format!("{v:.0}"), T::DTYPE));
            }
            T::from_f64(v)
        }
        Operand::Float(v) => T::from_f64(v),
        Operand::Bool(b) => T::from_i64(i64::from(b)),
    }))
}

/// One operand of a kernel, in the result's type: its elements (with its shape) or one value.
enum Part<'a, T: Clone> {
    Elements(Cow<'a, [T]>, &'a [usize]),
    One(T),
}

fn part<'a, T: Element>(
    args: &Args<'a>,
    i: usize,
    operand: Operand<'a>,
) -> Result<Part<'a, T>, ApiError> {
    if let Some(v) = single::<T>(args, i, operand)? {
        return Ok(Part::One(v));
    }
    match operand {
        Operand::Array(a) => Ok(Part::Elements(args.data::<T>(i, &a)?, a.shape())),
        // `single` takes every number.
        _ => Err(ApiError::invalid("internal error: a number was not read")),
    }
}

/// What a kernel returns: it writes its result into its last argument.
type Written = fastmath_core::Result<()>;

/// A unary function of one array or number whose result has the element type `T` it is
/// computed in; a 0-d result is a scalar of that dtype, as numpy's.
fn unary_as<'a, T: Element>(
    args: &Args<'a>,
    out: &mut dyn Outputs,
    x: Operand<'a>,
    scalar_fn: impl Fn(T) -> T,
    kernel: impl Fn(&[T], &mut [T]) -> Written + Sync + Send,
) -> Result<Ret, ApiError> {
    match part::<T>(args, 0, x)? {
        Part::One(v) => Ok(scalar(scalar_fn(v))),
        Part::Elements(data, shape) => array(out, shape, |o| Ok(in_bands(&data, o, &kernel)?)),
    }
}

/// `kernel(x, out)` in bands of `out` on several threads where the build has them and the
/// call is worth it (`fastmath_core::parallel`; each value is computed alone, so the bits do
/// not depend on the bands).
fn in_bands<X: Sync, T: Send>(
    x: &[X],
    out: &mut [T],
    kernel: &(impl Fn(&[X], &mut [T]) -> Written + Sync + Send),
) -> Written {
    parallel::rows(x, 1, out, 1, 1, |_, x, o| kernel(x, o))
}

/// [`in_bands`] of a kernel of two arrays of one length.
fn pairs_in_bands<T: Sync + Send>(
    x: &[T],
    y: &[T],
    out: &mut [T],
    kernel: fn(&[T], &[T], &mut [T]) -> Written,
) -> Written {
    if x.len() != y.len() {
        return kernel(x, y, out); // its own length check words the refusal
    }
    parallel::rows(x, 1, out, 1, 1, |at, x, o| {
        let y = y
            .get(at..)
            .and_then(|y| y.get(..x.len()))
            .unwrap_or_default();
        kernel(x, y, o)
    })
}

/// A unary function's scalar form and slice kernel in one type.
type Unary<T> = (fn(T) -> T, fn(&[T], &mut [T]) -> Written);

/// The transcendentals and `sqrt`: float64 for float64 and the wider integers, float32 for
/// float32 and the narrower ones (see [`float_dtype`]).
fn transcendental(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    wide: Unary<f64>,
    narrow: Unary<f32>,
) -> Result<Ret, ApiError> {
    let x = Operand::of(args, 0)?;
    match float_dtype(result_dtype(&[x])) {
        DType::F32 => unary_as::<f32>(args, out, x, narrow.0, narrow.1),
        _ => unary_as::<f64>(args, out, x, wide.0, wide.1),
    }
}

/// The unary functions that keep an integer dtype.
#[derive(Clone, Copy)]
enum Kept {
    Square,
    Abs,
    Relu,
}

fn kept_as<'a, T: Element + Numeric>(
    args: &Args<'a>,
    out: &mut dyn Outputs,
    x: Operand<'a>,
    op: Kept,
) -> Result<Ret, ApiError> {
    match op {
        Kept::Square => unary_as::<T>(args, out, x, kernels::square, kernels::square_into),
        Kept::Abs => unary_as::<T>(args, out, x, kernels::abs, kernels::abs_into),
        Kept::Relu => unary_as::<T>(args, out, x, kernels::relu, kernels::relu_into),
    }
}

/// `square`, `abs` and `relu`: the input's dtype, except that bool squares to int8 (numpy has
/// no bool loop for it) and `relu` of bool, numpy's `maximum(x, 0)`, is int64 (the weak 0).
fn kept(args: &Args<'_>, out: &mut dyn Outputs, op: Kept) -> Result<Ret, ApiError> {
    let x = Operand::of(args, 0)?;
    let dtype = match (op, result_dtype(&[x])) {
        (Kept::Square, DType::Bool) => DType::I8,
        (Kept::Relu, _) => result_dtype(&[x, Operand::Int(0)]),
        (_, d) => d,
    };
    with_dtype!(dtype, T => kept_as::<T>(args, out, x, op))
}

/// Defines one [`Function`] per transcendental: its f64 and f32 kernels (`ieee Op`: see
/// [`Ieee`]).
macro_rules! transcendental_functions {
    ($($id:ident $name:ident $into:ident $f32:ident $f32_into:ident $(ieee $op:ident)? doc $doc:expr;)*) => {$(
        pub static $id: Function = Function::new(
            stringify!($name),
            Family::Elementwise,
            UNARY,
            $doc,
            |args, out| transcendental(
                args,
                out,
                (kernels::$name, kernels::$into),
                (kernels::$f32, kernels::$f32_into),
            ),
        )
        .streamed(Stream::Map)
        .with_number(kernels::$name)
        $(.with_ieee(Ieee::$op))?;
    )*};
}

/// The dtype rule every transcendental's docstring states, then how its float32 results are
/// computed (`$float32`, one sentence).
macro_rules! float_rule {
    ($float32:expr) => {
        concat!(
            "\n\nResult dtype: float32 for float32, float16, bool, int8, uint8, int16 and uint16\ninput, float64 for everything else (numpy gives float16 for bool and 8-bit\nintegers: fastmath has no float16 results). A Python number gives a float.\n",
            $float32,
            "\n\n"
        )
    };
}

/// The float32 sentence of the functions computed in float32 (`elementwise/*32.rs` in
/// fastmath-core: the bound is the maximum over every float32 input, against the float64
/// kernel, which the `exhaustive` Rust test measures).
macro_rules! in_float32 {
    ($bound:literal $(, $beyond:literal)?) => {
        concat!(
            "float32 is computed in float32, four lanes per SIMD instruction, within ",
            $bound,
            " ulp\n(the maximum over every float32 input",
            $("; ", $beyond,)?
            ").",
        )
    };
}

transcendental_functions! {
    SQRT sqrt sqrt_into sqrt sqrt_into ieee Sqrt
        doc concat!("Elementwise square root; nan for negative input (correctly rounded).", float_rule!("float32 is correctly rounded in float32."), ">>> import fastmath\n>>> fastmath.sqrt([4.0, 9.0]).tolist()\n[2.0, 3.0]\n>>> fastmath.sqrt(-1.0)\nnan");
    EXP exp exp_into exp_f32 exp_f32_into
        doc concat!("Elementwise e**x (within 1 ulp; the same bits on every platform).", float_rule!(in_float32!("0.77")), ">>> import fastmath\n>>> fastmath.exp([0.0, 1.0]).tolist()\n[1.0, 2.718281828459045]");
    LOG log log_into log_f32 log_f32_into
        doc concat!("Elementwise natural logarithm; -inf at 0, nan below\n(within 1 ulp; the same bits on every platform).", float_rule!(in_float32!("0.84")), ">>> import fastmath\n>>> fastmath.log([1.0, 0.0]).tolist()\n[0.0, -inf]");
    LOG1P log1p log1p_into log1p_f32 log1p_f32_into
        doc concat!("Elementwise log(1 + x), accurate for tiny x; -inf at -1, nan below\n(within 1 ulp; the same bits on every platform).", float_rule!(in_float32!("0.84")), ">>> import fastmath\n>>> fastmath.log1p(1e-20)\n1e-20");
    EXPM1 expm1 expm1_into expm1_f32 expm1_f32_into
        doc concat!("Elementwise exp(x) - 1, accurate for tiny x (within 1 ulp; the same bits on every platform).", float_rule!(in_float32!("0.96")), ">>> import fastmath\n>>> fastmath.expm1(1e-20)\n1e-20");
    SIN sin sin_into sin_f32 sin_f32_into
        doc concat!("Elementwise sine (radians), within 1 ulp for every finite x, huge ones included;\nthe same bits on every platform.", float_rule!(in_float32!("0.8", "|x| >= 2**20 is rounded once from float64")), ">>> import fastmath\n>>> fastmath.sin([0.0]).tolist()\n[0.0]");
    COS cos cos_into cos_f32 cos_f32_into
        doc concat!("Elementwise cosine (radians), within 1 ulp for every finite x, huge ones included;\nthe same bits on every platform.", float_rule!(in_float32!("0.8", "|x| >= 2**20 is rounded once from float64")), ">>> import fastmath\n>>> fastmath.cos([0.0]).tolist()\n[1.0]");
    TAN tan tan_into tan_f32 tan_f32_into
        doc concat!("Elementwise tangent (radians), within 1 ulp for every finite x, huge ones included;\nthe same bits on every platform.", float_rule!("float32 is reduced and divided in float64 (sin/cos of the reduced argument),\nrounded once to float32: within 0.5001 ulp (the maximum over every float32 input;\n|x| >= 2**20 is rounded once from the float64 kernel)."), ">>> import fastmath\n>>> fastmath.tan(0.0)\n0.0");
    TANH tanh tanh_into tanh_f32 tanh_f32_into
        doc concat!("Elementwise hyperbolic tangent.", float_rule!(in_float32!("0.8")), ">>> import fastmath\n>>> fastmath.tanh([0.0, 1000.0]).tolist()\n[0.0, 1.0]");
    SIGMOID sigmoid sigmoid_into sigmoid_f32 sigmoid_f32_into
        doc concat!("Elementwise logistic sigmoid 1 / (1 + exp(-x)), stable for large |x|.", float_rule!(in_float32!("0.77")), ">>> import fastmath\n>>> fastmath.sigmoid([0.0, -1000.0, 1000.0]).tolist()\n[0.5, 0.0, 1.0]");
}

/// Defines one [`Function`] per unary function that keeps integer dtypes.
macro_rules! kept_functions {
    ($($id:ident $name:ident $kept:ident $(ieee $op:ident)? doc $doc:expr;)*) => {$(
        pub static $id: Function = Function::new(
            stringify!($name),
            Family::Elementwise,
            KEPT,
            $doc,
            |args, out| kept(args, out, Kept::$kept),
        )
        .streamed(Stream::Map)
        .with_number(kernels::$name)
        $(.with_ieee(Ieee::$op))?;
    )*};
}

kept_functions! {
    SQUARE square Square ieee Square
        doc "Elementwise square, ``x * x``.\n\nResult dtype: the input's (integers wrap around, as numpy's); bool gives int8\n(as numpy); float16 gives float32.\n\n>>> import fastmath\n>>> fastmath.square(3.0)\n9.0\n>>> fastmath.square([1.0, 2.0, 3.0]).tolist()\n[1.0, 4.0, 9.0]";
    ABS abs Abs ieee Abs
        doc "Elementwise absolute value.\n\nResult dtype: the input's (``abs`` of the most negative integer is itself, as\nnumpy's); float16 gives float32.\n\n>>> import fastmath\n>>> fastmath.abs([-1.5, 2.0]).tolist()\n[1.5, 2.0]";
    RELU relu Relu
        doc "Elementwise max(x, 0); nan stays nan (as numpy.maximum).\n\nResult dtype: numpy's for ``maximum(x, 0)``: the input's, int64 for bool; float16\ngives float32.\n\n>>> import fastmath\n>>> fastmath.relu([-2.0, 3.0]).tolist()\n[0.0, 3.0]";
}

/// A shape mismatch among several operands, in numpy's words (each shape followed by a space).
fn mismatch(shapes: &[&[usize]]) -> ApiError {
    let mut message = "operands could not be broadcast together with shapes ".to_owned();
    for shape in shapes {
        let dims: Vec<String> = shape.iter().map(usize::to_string).collect();
        match dims.as_slice() {
            [one] => message.push_str(&format!("({one},) ")),
            _ => message.push_str(&format!("({}) ", dims.join(","))),
        }
    }
    ApiError::invalid(message)
}

/// The shape all `shapes` broadcast to, or numpy's message naming all of them.
fn broadcast_all(shapes: &[&[usize]]) -> Result<Vec<usize>, ApiError> {
    let mut to: Vec<usize> = Vec::new();
    for shape in shapes {
        to = broadcast::shapes(&to, shape).map_err(|_| mismatch(shapes))?;
    }
    Ok(to)
}

pub static CLIP: Function = Function::new(
    "clip",
    Family::Elementwise,
    "(x: Number | ArrayLike, lo: Number | ArrayLike | None, hi: Number | ArrayLike | None, /) -> int | float | Array",
    "Limits values to ``[lo, hi]``, as ``numpy.clip``: nan stays nan; if ``lo > hi`` every\nvalue becomes ``hi``. The bounds may be arrays, broadcast with ``x`` as numpy does, or\nNone (no bound).\n\nResult dtype: numpy's result type of ``x`` and the bounds (Python numbers are weak:\n``clip(int8_array, 0, 300)`` stays int8, a Python int beyond an integer dtype's range\nat the open end is no bound, as numpy's); float16 gives float32.\n\n>>> import fastmath\n>>> fastmath.clip([-5.0, 0.5, 5.0], 0, 1).tolist()\n[0.0, 0.5, 1.0]",
    clip,
)
.streamed(Stream::Map);

fn clip(args: &Args<'_>, out: &mut dyn Outputs) -> Result<Ret, ApiError> {
    let x = Operand::of(args, 0)?;
    let bound = |i: usize| match args.value(i) {
        Value::None => Ok(None),
        _ => Operand::of(args, i).map(Some),
    };
    let (mut lo, mut hi) = (bound(1)?, bound(2)?);
    // numpy's `_clip`: with an integer array, a Python int at or beyond the dtype's low end is
    // no lower bound, one at or beyond its high end no upper bound.
    if let Operand::Array(a) = x
        && a.dtype().is_integer()
        && a.dtype() != DType::Bool
    {
        let (min, max) = a.dtype().int_range();
        let int = |b: Option<Operand<'_>>| match b {
            Some(Operand::Int(v)) => Some(i128::from(v)),
            Some(Operand::BigInt(v)) => Some(if v < 0.0 { i128::MIN } else { i128::MAX }),
            _ => None,
        };
        if int(lo).is_some_and(|v| v <= min) {
            lo = None;
        }
        if int(hi).is_some_and(|v| v >= max) {
            hi = None;
        }
    }
    let operands: Vec<Operand<'_>> = [Some(x), lo, hi].into_iter().flatten().collect();
    let dtype = result_dtype(&operands);
    with_dtype!(dtype, T => clip_as::<T>(args, out, x, lo, hi))
}

fn clip_as<'a, T: Element + Numeric>(
    args: &Args<'a>,
    out: &mut dyn Outputs,
    x: Operand<'a>,
    lo: Option<Operand<'a>>,
    hi: Option<Operand<'a>>,
) -> Result<Ret, ApiError> {
    let shapes = [
        x.shape(),
        lo.map_or(&[][..], |b| b.shape()),
        hi.map_or(&[][..], |b| b.shape()),
    ];
    let shape = broadcast_all(&shapes)?;
    let x = part::<T>(args, 0, x)?;
    // An absent bound is one that never binds: the type's extreme (for floats, infinities;
    // `as` saturates for integers; bool's lowest is False, which -inf would not give).
    let lowest = if T::DTYPE == DType::Bool {
        T::from_i64(0)
    } else {
        T::from_f64(f64::NEG_INFINITY)
    };
    let lo = match lo {
        Some(b) => part::<T>(args, 1, b)?,
        None => Part::One(lowest),
    };
    let hi = match hi {
        Some(b) => part::<T>(args, 2, b)?,
        None => Part::One(T::from_f64(f64::INFINITY)),
    };
    if let (Part::One(v), Part::One(l), Part::One(h)) = (&x, &lo, &hi) {
        return Ok(scalar(kernels::clip(*v, *l, *h)));
    }
    array(out, &shape, |o| {
        let n = o.len();
        match (&x, &lo, &hi) {
            (Part::Elements(data, s), Part::One(l), Part::One(h)) if *s == shape.as_slice() => {
                Ok(kernels::clip_into(data, *l, *h, o)?)
            }
            _ => {
                let (x, lo, hi) = (
                    filled(&x, &shape, n)?,
                    filled(&lo, &shape, n)?,
                    filled(&hi, &shape, n)?,
                );
                Ok(kernels::clip_each_into(&x, &lo, &hi, o)?)
            }
        }
    })
}

/// `p` as `n` elements of shape `to`: broadcast, or one value repeated.
fn filled<'p, T: Element>(
    p: &'p Part<'_, T>,
    to: &[usize],
    n: usize,
) -> Result<Cow<'p, [T]>, ApiError> {
    match p {
        Part::Elements(data, shape) => widened(data, shape, to, n),
        Part::One(v) => {
            let mut all = Vec::new();
            all.try_reserve_exact(n)
                .map_err(|_| ApiError::result_too_large(T::DTYPE, to))?;
            all.resize(n, *v);
            Ok(Cow::Owned(all))
        }
    }
}

/// The kernels of a binary operation in type `T`, one per combination of array and number.
struct BinaryKernels<T> {
    scalar: fn(T, T) -> T,
    array_array: fn(&[T], &[T], &mut [T]) -> Written,
    array_scalar: fn(&[T], T, &mut [T]) -> Written,
    scalar_array: fn(T, &[T], &mut [T]) -> Written,
}

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// The kernels of `add`, `subtract` and `multiply` in `T`.
fn numeric_kernels<T: Numeric>(op: Op) -> BinaryKernels<T> {
    use binary_kernels as b;
    match op {
        Op::Add => BinaryKernels {
            scalar: b::add,
            array_array: b::add_into,
            array_scalar: b::add_slice_scalar_into,
            scalar_array: b::add_scalar_slice_into,
        },
        Op::Subtract => BinaryKernels {
            scalar: b::subtract,
            array_array: b::subtract_into,
            array_scalar: b::subtract_slice_scalar_into,
            scalar_array: b::subtract_scalar_slice_into,
        },
        Op::Multiply | Op::Divide => BinaryKernels {
            scalar: b::multiply,
            array_array: b::multiply_into,
            array_scalar: b::multiply_slice_scalar_into,
            scalar_array: b::multiply_scalar_slice_into,
        },
    }
}

/// The kernels of `divide` in `T` (a float type).
fn divide_kernels<T: Float>() -> BinaryKernels<T> {
    use binary_kernels as b;
    BinaryKernels {
        scalar: b::divide,
        array_array: b::divide_into,
        array_scalar: b::divide_slice_scalar_into,
        scalar_array: b::divide_scalar_slice_into,
    }
}

/// A binary operation in numpy's result dtype: integers and bools keep theirs for `add`,
/// `subtract` and `multiply` (bool `subtract` is refused with numpy's message), `divide` of
/// integers is float64.
fn binary(args: &Args<'_>, out: &mut dyn Outputs, op: Op) -> Result<Ret, ApiError> {
    let (a, b) = (Operand::of(args, 0)?, Operand::of(args, 1)?);
    let dtype = result_dtype(&[a, b]);
    match op {
        Op::Divide => match float_dtype_of_division(dtype) {
            DType::F32 => binary_as::<f32>(args, out, a, b, divide_kernels()),
            _ => binary_as::<f64>(args, out, a, b, divide_kernels()),
        },
        Op::Subtract if dtype == DType::Bool => Err(ApiError::type_error(
            args.name(0),
            "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, \
             the `^` operator, or the logical_xor function instead.",
        )),
        _ => with_dtype!(dtype, T => binary_as::<T>(args, out, a, b, numeric_kernels(op))),
    }
}

/// `divide`'s dtype: float32 stays float32 (float16 gives float32), everything else float64.
fn float_dtype_of_division(dtype: DType) -> DType {
    match dtype {
        DType::F32 | DType::F16 => DType::F32,
        _ => DType::F64,
    }
}

/// A binary operation on two arrays (broadcast as numpy does), an array and a number, or two
/// numbers, in `T`.
fn binary_as<'a, T: Element>(
    args: &Args<'a>,
    out: &mut dyn Outputs,
    a: Operand<'a>,
    b: Operand<'a>,
    k: BinaryKernels<T>,
) -> Result<Ret, ApiError> {
    match (part::<T>(args, 0, a)?, part::<T>(args, 1, b)?) {
        (Part::One(x), Part::One(y)) => Ok(scalar((k.scalar)(x, y))),
        (Part::Elements(x, shape), Part::One(y)) => array(out, shape, |o| {
            Ok(in_bands(&x, o, &|x, o| (k.array_scalar)(x, y, o))?)
        }),
        (Part::One(x), Part::Elements(y, shape)) => array(out, shape, |o| {
            Ok(in_bands(&y, o, &|y, o| (k.scalar_array)(x, y, o))?)
        }),
        (Part::Elements(x, xs), Part::Elements(y, ys)) => {
            if xs == ys {
                return array(out, xs, |o| Ok(pairs_in_bands(&x, &y, o, k.array_array)?));
            }
            // numpy's broadcasting: each operand that is not of the result's shape is copied
            // out to it once, then the contiguous kernel runs.
            let shape = broadcast::shapes(xs, ys)?;
            array(out, &shape, |o| {
                let x = widened(&x, xs, &shape, o.len())?;
                let y = widened(&y, ys, &shape, o.len())?;
                Ok(pairs_in_bands(&x, &y, o, k.array_array)?)
            })
        }
    }
}

/// Defines one [`Function`] per binary operation, each one IEEE operation (see [`Ieee`]).
macro_rules! binary_functions {
    ($($id:ident $name:ident $op:ident doc $doc:expr;)*) => {$(
        pub static $id: Function = Function::new(
            stringify!($name),
            Family::Elementwise,
            BINARY,
            $doc,
            |args, out| binary(args, out, Op::$op),
        )
        .streamed(Stream::Map)
        .with_ieee(Ieee::$op);
    )*};
}

/// The dtype rule of `add`, `subtract` and `multiply`.
macro_rules! arithmetic_rule {
    () => {
        "\n\nResult dtype: numpy's result type of the operands (``int8`` and ``uint8`` give\nint16, ``int32`` and ``float32`` float64, ``uint64`` and ``int64`` float64);\nintegers wrap around as numpy's. Python numbers are weak: ``int8_array + 1``\nstays int8 (a Python int out of its range is refused), ``int8_array + 1.5`` is\nfloat64, ``float32_array + 2.0`` stays float32. float16 gives float32.\n\n"
    };
}

binary_functions! {
    ADD add Add
        doc concat!("Elementwise ``x + y`` with numpy's broadcasting\n(``(3, 1)`` and ``(4,)`` give ``(3, 4)``; a number goes with any array).", arithmetic_rule!(), "Bools add as logical or.\n\n>>> import fastmath\n>>> fastmath.add([1.0, 2.0], [10.0, 20.0]).tolist()\n[11.0, 22.0]\n>>> fastmath.add([1.0, 2.0], 0.5).tolist()\n[1.5, 2.5]");
    SUBTRACT subtract Subtract
        doc concat!("Elementwise ``x - y`` with numpy's broadcasting\n(``(3, 1)`` and ``(4,)`` give ``(3, 4)``; a number goes with any array).", arithmetic_rule!(), "Two bool operands are refused (TypeError), as numpy refuses them.\n\n>>> import fastmath\n>>> fastmath.subtract(10.0, [1.0, 2.0]).tolist()\n[9.0, 8.0]");
    MULTIPLY multiply Multiply
        doc concat!("Elementwise ``x * y`` with numpy's broadcasting\n(``(3, 1)`` and ``(4,)`` give ``(3, 4)``; a number goes with any array).", arithmetic_rule!(), "Bools multiply as logical and.\n\n>>> import fastmath\n>>> fastmath.multiply([1.0, 2.0], [3.0, 4.0]).tolist()\n[3.0, 8.0]");
    DIVIDE divide Divide
        doc "Elementwise ``x / y`` (IEEE: ``1/0`` is inf, ``0/0`` nan) with numpy's broadcasting.\n\nResult dtype: float32 when numpy's result type of the operands is float32 (or\nfloat16), else float64 (``int / int`` is float64, as numpy's true division).\n\n>>> import fastmath\n>>> fastmath.divide([1.0, 0.0], 0).tolist()\n[inf, nan]";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_numbers_are_weak() {
        let int8 = [1i8, 2];
        let shape = [2usize];
        let bytes: &[u8] = bytemuck::cast_slice(&int8);
        let array =
            ArrayRef::new(DType::I8, crate::ByteOrder::Native, &shape, None, bytes, 0).unwrap();
        let a = Operand::Array(array);
        assert_eq!(result_dtype(&[a, Operand::Int(1)]), DType::I8);
        assert_eq!(result_dtype(&[a, Operand::Float(1.5)]), DType::F64);
        assert_eq!(result_dtype(&[a, Operand::Bool(true)]), DType::I8);
        assert_eq!(
            result_dtype(&[Operand::Int(1), Operand::Int(2)]),
            DType::I64
        );
        assert_eq!(
            result_dtype(&[Operand::Bool(true), Operand::Int(2)]),
            DType::I64
        );
        assert_eq!(result_dtype(&[Operand::Bool(true)]), DType::Bool);
        assert_eq!(
            result_dtype(&[Operand::Int(1), Operand::Float(2.0)]),
            DType::F64
        );
        assert_eq!(float_dtype(DType::I16), DType::F32);
        assert_eq!(float_dtype(DType::U32), DType::F64);
        assert_eq!(float_dtype_of_division(DType::I8), DType::F64);
    }

    #[test]
    fn broadcast_mismatch_names_every_shape_as_numpy() {
        let e = broadcast_all(&[&[5], &[2, 1], &[3]]).unwrap_err();
        assert_eq!(
            e.message,
            "operands could not be broadcast together with shapes (5,) (2,1) (3,) "
        );
        assert_eq!(
            broadcast_all(&[&[2, 3], &[], &[4, 1, 1]]).unwrap(),
            [4, 2, 3]
        );
    }
}
