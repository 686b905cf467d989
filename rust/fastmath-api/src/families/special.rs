//! Special functions: `erf erfc gamma lgamma` elementwise (Python's `math` names, scipy.special's
//! array semantics: IEEE values at poles, no exceptions), and `logsumexp softmax log_softmax`
//! over all elements or along axes (an int or a tuple, scipy.special's).

use fastmath_core::special::error_function::{self as erf_kernels, map_into, widen_into};
use fastmath_core::special::gamma as gamma_kernels;
use fastmath_core::special::logsumexp as lse;

use super::permute::permute_into;
use super::scratch::room;
use super::statistics::reduced;
use crate::args::Args;
use crate::array::ArrayRef;
use crate::dtype::DType;
use crate::element::scalar;
use crate::error::ApiError;
use crate::outputs::{Outputs, Ret, array};
use crate::table::{Family, Function, Stream};
use crate::value::Value;

pub static FUNCTIONS: &[&Function] = &[
    &ERF,
    &ERFC,
    &GAMMA,
    &LGAMMA,
    &LOGSUMEXP,
    &SOFTMAX,
    &LOG_SOFTMAX,
];

/// A float64 slice kernel: `out[i] = f(x[i])`.
type SliceKernel = fn(&[f64], &mut [f64]) -> fastmath_core::Result<()>;

const UNARY: &str = "(x: Number | ArrayLike, /) -> float | Array";

/// An elementwise special function: float32 arrays give float32 (computed in float64, rounded
/// once), everything else float64, as scipy.special's loops (`f->f`, `d->d`) pick.
/// `into` is the slice kernel of `f` (the same bits per element).
fn elementwise(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    f: fn(f64) -> f64,
    into: SliceKernel,
) -> Result<Ret, ApiError> {
    let a = match args.value(0) {
        Value::Array(a) => *a,
        _ => return Ok(Ret::Float(f(args.number(0)?))),
    };
    let single = a.dtype() == DType::F32;
    if a.ndim() == 0 {
        let v = args.f64_data(0, &a)?.first().copied().unwrap_or(f64::NAN);
        return Ok(if single {
            scalar(f(v) as f32)
        } else {
            scalar(f(v))
        });
    }
    if single {
        let x = args.data::<f32>(0, &a)?;
        array::<f32>(out, a.shape(), |o| Ok(widen_into(&x, o, into)?))
    } else {
        let x = args.f64_data(0, &a)?;
        array::<f64>(out, a.shape(), |o| Ok(into(&x, o)?))
    }
}

/// Defines one elementwise special function.
macro_rules! elementwise_functions {
    ($($id:ident $name:literal $f:path, $into:expr, doc $doc:expr;)*) => {$(
        pub static $id: Function = Function::new(
            $name,
            Family::Special,
            UNARY,
            $doc,
            |args, out| elementwise(args, out, $f, $into),
        )
        .streamed(Stream::Map)
        .with_number($f);
    )*};
}

/// The dtype rule of the elementwise special functions.
macro_rules! special_rule {
    () => {
        "\n\nResult dtype: float32 for float32 input (computed in float64, rounded once), float64\nfor everything else, as scipy.special's. A Python number gives a float. The same bits\non every platform (pure Rust, no platform libm).\n\n"
    };
}

elementwise_functions! {
    ERF "erf" erf_kernels::erf, erf_kernels::erf_into,
        doc concat!("Elementwise error function, as ``math.erf``; ``erf(±inf) = ±1``.\n\nAccuracy: worst error 0.71 ulp (0.75 for subnormal results) measured against an\nindependent double-double reference on 10^7 points across the domain (musl's\n``math.erf``, Pyodide's: 0.91; on test_special_accuracy.py's points 0.58, glibc's 0.64).", special_rule!(), ">>> import fastmath\n>>> fastmath.erf([0.0, 1.0]).tolist()\n[0.0, 0.8427007929497149]");
    ERFC "erfc" erf_kernels::erfc, erf_kernels::erfc_into,
        doc concat!("Elementwise complementary error function ``1 - erf(x)``, as ``math.erfc``,\naccurate in the tail where ``1 - erf(x)`` is 0.\n\nAccuracy: worst error 0.77 ulp (0.76 for subnormal results, from about 26.2) measured\nagainst an independent double-double reference on 10^7 points across the domain\n(glibc's ``math.erfc``: 2.2; musl's, Pyodide's: 2.7).", special_rule!(), ">>> import fastmath\n>>> fastmath.erfc(10.0)\n2.088487583762545e-45");
    GAMMA "gamma" gamma_kernels::gamma, |x, o| map_into(x, o, gamma_kernels::gamma),
        doc concat!("Elementwise gamma function.\n\nPoles and overflow give scipy.special.gamma's values, not ``math.gamma``'s exceptions\n(ValueError at 0 and the negative integers, OverflowError above 171.62): ``gamma(0.0)``\nis inf, ``gamma(-0.0)`` -inf, ``gamma(-1.0)`` and ``gamma(-inf)`` nan, inf above 171.62.\n\nAccuracy: worst error 0.50 ulp (correctly rounded but for rare ties) measured\nagainst mpmath (256 bits) on 55,000 points, near every pole included; ``math.gamma``:\n6.7 ulp (double-double arithmetic, see fastmath-core's special/gamma.rs).", special_rule!(), ">>> import fastmath\n>>> fastmath.gamma([5.0, 0.5]).tolist()\n[24.0, 1.772453850905516]\n>>> fastmath.gamma(-1.0)\nnan");
    LGAMMA "lgamma" gamma_kernels::lgamma, |x, o| map_into(x, o, gamma_kernels::lgamma),
        doc concat!("Elementwise ``log(abs(gamma(x)))``, as ``math.lgamma`` (scipy.special.gammaln).\n\nPoles give scipy's values, not ``math.lgamma``'s ValueError: inf at 0 and the negative\nintegers; inf at inf, -inf at -inf (scipy's; ``math.lgamma(-inf)`` is inf).\n\nAccuracy: worst error 1.8 ulp measured against mpmath (256 bits) on 55,000 points,\nnear the zeros at 1, 2 and between the negative integers included, where\n``math.lgamma`` loses every digit (4e16 ulp).", special_rule!(), ">>> import fastmath\n>>> fastmath.lgamma([1.0, 3.0, 0.5]).tolist()\n[0.0, 0.6931471805599453, 0.5723649429247001]\n>>> fastmath.lgamma(0.0)\ninf");
}

/// A lane function's result dtype: float32 for float32 and float16 input, float64 otherwise.
fn single(a: &ArrayRef<'_>) -> bool {
    matches!(a.dtype(), DType::F32 | DType::F16)
}

const REDUCE: &str = "(x: Number | ArrayLike, /, axis: int | tuple[int, ...] | None = None, *, \
     keepdims: bool = False) -> float | Array";
const LANES: &str =
    "(x: Number | ArrayLike, /, axis: int | tuple[int, ...] | None = None) -> float | Array";
const AXIS: usize = 1;
const KEEPDIMS: usize = 2;

pub static LOGSUMEXP: Function = Function::new(
    "logsumexp",
    Family::Special,
    REDUCE,
    "``log(sum(exp(x)))`` of all elements, or along ``axis`` (an int, negative counting from the\n\
     end, or a tuple of them; ``keepdims`` keeps the reduced axes as 1), as\n\
     ``scipy.special.logsumexp``, without overflow: ``logsumexp([1000, 1000])`` is\n\
     ``1000 + log(2)``. scipy's algorithm (the maximum taken out, the rest through ``log1p``)\n\
     and its values at the edges: nan if any value is nan, inf if one is inf, -inf for no\n\
     values or only -inf. The sum is correctly rounded (scipy's is pairwise).\n\
     \n\
     Result dtype: float32 for float32 and float16 input (computed in float64, rounded once),\n\
     float64 otherwise (as scipy's; scipy gives float16 for float16). A number is a 1-D array\n\
     of one value, as scipy makes it (``keepdims=True`` gives an array of shape ``(1,)``).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.logsumexp([1000.0, 1000.0])\n\
     1000.6931471805599\n\
     >>> fastmath.logsumexp([[0.0, 0.0], [1.0, -1e300]], axis=1).tolist()\n\
     [0.6931471805599453, 1.0]\n\
     >>> fastmath.logsumexp([[[0.0, 0.0]], [[0.0, 0.0]]], axis=(0, 2), keepdims=True).tolist()\n\
     [[[1.3862943611198906]]]",
    logsumexp,
);

pub static SOFTMAX: Function = Function::new(
    "softmax",
    Family::Special,
    LANES,
    "``exp(x) / sum(exp(x))`` over all elements, or along ``axis`` (an int or a tuple: the\n\
     elements of those axes together), as ``scipy.special.softmax``,\n\
     without overflow (``exp(x - max(x))``); a lane holding inf, nan or only -inf is nan, as\n\
     scipy's. The sum is correctly rounded.\n\
     \n\
     Result dtype: float32 for float32 and float16 input (computed in float64, rounded once),\n\
     float64 otherwise (scipy gives float16 for float16, bool and 8-bit integers). The shape is\n\
     the input's; a number gives a float.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.softmax([1000.0, 1000.0]).tolist()\n\
     [0.5, 0.5]\n\
     >>> fastmath.softmax([[0.0, 0.0], [1.0, 1.0]], axis=1).tolist()\n\
     [[0.5, 0.5], [0.5, 0.5]]\n\
     >>> fastmath.softmax([[0.0, 0.0], [0.0, 0.0]], axis=(0, 1)).tolist()\n\
     [[0.25, 0.25], [0.25, 0.25]]",
    |args, out| lanes(args, out, lse::softmax_into),
);

pub static LOG_SOFTMAX: Function = Function::new(
    "log_softmax",
    Family::Special,
    LANES,
    "``log(softmax(x))`` over all elements, or along ``axis`` (an int or a tuple), as\n\
     ``scipy.special.log_softmax``,\n\
     accurate where ``softmax`` underflows: ``log_softmax([1000.0, 1.0])`` is ``[0.0, -999.0]``.\n\
     scipy's formula ``(x - m) - log(sum(exp(x - m)))``, ``m`` the maximum where finite, else\n\
     0, so its values at infinities (``[inf, 1.0]`` gives ``[nan, -inf]``).\n\
     \n\
     Result dtype: as ``softmax``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.log_softmax([1000.0, 1.0]).tolist()\n\
     [0.0, -999.0]",
    |args, out| lanes(args, out, lse::log_softmax_into),
);

/// The axes of parameter [`AXIS`] (ascending; all for None) of an array of `shape`, where a
/// 0-D array counts as 1-D, as numpy's reductions and scipy's `atleast_1d` let it.
fn lane_axes(args: &Args<'_>, shape: &[usize]) -> Result<Vec<usize>, ApiError> {
    let axes = reduced::axes(args, AXIS, shape.len().max(1))?;
    Ok(if shape.is_empty() { Vec::new() } else { axes })
}

fn logsumexp(args: &Args<'_>, out: &mut dyn Outputs) -> Result<Ret, ApiError> {
    let keepdims = args.flag(KEEPDIMS)?;
    let mut hold = [0.0];
    let a = reduced::operand_array(args, 0, &mut hold)?;
    // scipy makes a 0-D input 1-D first: its axis 0 is the one there is.
    let shape: &[usize] = if a.ndim() == 0 { &[1] } else { a.shape() };
    let axes = reduced::axes(args, AXIS, shape.len())?;
    let x = reduced::data::<f64>(args, 0, &a)?;
    let lanes = reduced::line_up(x, shape, &axes, keepdims, DType::F64)?;
    let mut scratch = room(lanes.len, DType::F64)?;
    let as_f32 = single(&a);
    if lanes.scalar {
        let r = lse::logsumexp(lanes.lane(0), &mut scratch);
        return Ok(match args.value(0) {
            Value::Array(_) if as_f32 => scalar(r as f32),
            Value::Array(_) => scalar(r),
            _ => Ret::Float(r),
        });
    }
    // An empty lane is the sum of no values: -inf.
    let lanes = &lanes;
    let mut next = (0..lanes.count).map(move |k| lse::logsumexp(lanes.lane(k), &mut scratch));
    if as_f32 {
        array::<f32>(out, &lanes.shape, |o| {
            o.iter_mut()
                .for_each(|v| *v = next.next().unwrap_or(f64::NAN) as f32);
            Ok(())
        })
    } else {
        array::<f64>(out, &lanes.shape, |o| {
            o.iter_mut()
                .for_each(|v| *v = next.next().unwrap_or(f64::NAN));
            Ok(())
        })
    }
}

/// A function of whole lanes (`softmax`, `log_softmax`): over all elements, or the elements
/// of the axes given taken together; the result has the input's shape. The reduced axes are
/// moved last (one copy unless they are), each lane transformed, and the axes moved back.
fn lanes(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    kernel: fn(&[f64], &mut [f64]) -> fastmath_core::Result<()>,
) -> Result<Ret, ApiError> {
    let mut hold = [0.0];
    let a = reduced::operand_array(args, 0, &mut hold)?;
    let shape = a.shape();
    let axes = lane_axes(args, shape)?;
    let x = reduced::data::<f64>(args, 0, &a)?;
    if a.ndim() == 0 {
        let mut r = [0.0];
        kernel(&x, &mut r)?;
        let [r] = r;
        return Ok(match args.value(0) {
            Value::Array(_) if single(&a) => scalar(r as f32),
            Value::Array(_) => scalar(r),
            _ => Ret::Float(r),
        });
    }
    let lined = reduced::line_up(x, shape, &axes, false, DType::F64)?;
    let mut done = room(a.len(), DType::F64)?;
    done.resize(a.len(), 0.0);
    if lined.len > 0 {
        for (lane, o) in lined
            .lanes
            .chunks_exact(lined.len)
            .zip(done.chunks_exact_mut(lined.len))
        {
            kernel(lane, o)?;
        }
    }
    // The layout of `done`: the kept axes, then the reduced ones; `back` undoes it.
    let kept: Vec<usize> = (0..shape.len()).filter(|d| !axes.contains(d)).collect();
    let order = [&kept[..], &axes[..]].concat();
    let moved: Vec<usize> = order
        .iter()
        .map(|&d| shape.get(d).copied().unwrap_or(1))
        .collect();
    let mut back = vec![0usize; order.len()];
    for (k, &d) in order.iter().enumerate() {
        if let Some(b) = back.get_mut(d) {
            *b = k;
        }
    }
    let in_order = order.iter().enumerate().all(|(k, &d)| k == d);
    let write = |o: &mut [f64]| {
        if in_order || o.is_empty() {
            o.copy_from_slice(done.get(..o.len()).unwrap_or_default());
        } else {
            permute_into(&done, &moved, &back, o);
        }
    };
    if single(&a) {
        let mut wide = room(a.len(), DType::F64)?;
        wide.resize(a.len(), 0.0);
        write(&mut wide);
        array::<f32>(out, shape, |o| {
            for (d, s) in o.iter_mut().zip(&wide) {
                *d = *s as f32;
            }
            Ok(())
        })
    } else {
        array::<f64>(out, shape, |o| {
            write(o);
            Ok(())
        })
    }
}
