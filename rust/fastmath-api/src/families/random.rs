//! `fastmath.random`: numpy's `default_rng` and the methods of its `Generator`, giving numpy's
//! values bit for bit (the kernels are in `fastmath_core::random`).
//!
//! A `Generator` is state plus methods, and the table holds functions, so each method is an
//! entry named `random.Generator.<method>` whose signature is the method's, `self` first:
//! `self` arrives as the generator's state (the six words of
//! [`fastmath_core::random::pcg64::STATE_WORDS`]: PCG64's state and increment and numpy's
//! buffered 32-bit half), and the entry returns the pair `(new state, result)`. Why this shape:
//!
//! - the bindings stay generic: a state is an ordinary uint64 array argument and result, and
//!   an entry an ordinary function, so both register methods as they register any function,
//!   with no object of their own to keep (and the universal module, which copies arguments in
//!   and results out, needs no in-place update of an argument);
//! - registration, stub and docs still come from this one declaration: `tools/gen_api.py`
//!   generates a thin `Generator` class whose methods pass `self`'s state to these entries and
//!   keep the state they return. `random.default_rng` returns a state, which the generated
//!   function wraps in that class (its declared result is `Generator`).
//!
//! Sizes, errors and result types are numpy's: `size=None` gives a Python float or int, an int
//! or a tuple a 1-D or N-D array; numpy's messages, naming the argument.

use std::borrow::Cow;

use fastmath_core::random::pcg64::STATE_WORDS;
use fastmath_core::random::{Pcg64, SeedSequence, bounded, continuous, discrete, permutation};

use crate::args::Args;
use crate::array::{ArrayRef, element_count};
use crate::dtype::DType;
use crate::element::{Bool, Element, scalar};
use crate::error::{ApiError, ErrorClass, InputError};
use crate::outputs::{Outputs, Ret, array};
use crate::table::{Family, Function};
use crate::value::Value;
use crate::with_dtype;

pub static FUNCTIONS: &[&Function] = &[
    &DEFAULT_RNG,
    &RANDOM,
    &UNIFORM,
    &INTEGERS,
    &STANDARD_NORMAL,
    &NORMAL,
    &STANDARD_EXPONENTIAL,
    &EXPONENTIAL,
    &POISSON,
    &BINOMIAL,
    &PERMUTATION,
    &SHUFFLE,
    &CHOICE,
];

/// The parameter every method's state comes in.
const SELF: usize = 0;

/// The generator whose state is argument `i` (any six words make a valid one; anything else is
/// not a state, refused rather than guessed).
fn generator(args: &Args<'_>, i: usize) -> Result<Pcg64, ApiError> {
    let not_state = || {
        ApiError::type_error(
            args.name(i),
            "expected a Generator (from fastmath.random.default_rng)",
        )
    };
    let Value::Array(a) = args.value(i) else {
        return Err(not_state());
    };
    if a.dtype() != DType::U64 || a.ndim() != 1 || a.len() != STATE_WORDS {
        return Err(not_state());
    }
    let data = args.data::<u64>(i, a)?;
    let mut words = [0u64; STATE_WORDS];
    for (w, &d) in words.iter_mut().zip(data.iter()) {
        *w = d;
    }
    Ok(Pcg64::from_words(&words))
}

/// `g`'s state as a result array.
fn state(out: &mut dyn Outputs, g: &Pcg64) -> Result<Ret, ApiError> {
    let words = g.to_words();
    array::<u64>(out, &[STATE_WORDS], |o| {
        for (slot, w) in o.iter_mut().zip(words) {
            *slot = w;
        }
        Ok(())
    })
}

/// A method's return: the new state and the result.
fn method_result(out: &mut dyn Outputs, g: &Pcg64, value: Ret) -> Result<Ret, ApiError> {
    Ok(Ret::Tuple(vec![state(out, g)?, value]))
}

fn memory_error(what: impl std::fmt::Display) -> ApiError {
    ApiError {
        class: ErrorClass::MemoryError,
        message: format!("the result needs {what}"),
        needs_function: true,
    }
}

/// numpy's `size`: `None` (one value, returned as a number), an int, or a tuple of ints.
/// Negative dimensions are numpy's ValueError; dimensions no address space holds a
/// MemoryError at once.
fn size(args: &Args<'_>, i: usize) -> Result<Option<Vec<usize>>, ApiError> {
    let name = args.name(i);
    let negative = || ApiError::value_error(name, "negative dimensions are not allowed");
    let dim = |v: i64| -> Result<usize, ApiError> {
        if v < 0 {
            return Err(negative());
        }
        usize::try_from(v).map_err(|_| memory_error(format_args!("{v} elements")))
    };
    let dims: Vec<usize> = match args.value(i) {
        Value::None => return Ok(None),
        Value::Int(v) => vec![dim(*v)?],
        Value::Bool(b) => vec![usize::from(*b)],
        Value::BigInt(v) if v.is_negative() => return Err(negative()),
        Value::BigInt(v) => {
            return Err(memory_error(format_args!("{:e} elements", v.to_f64())));
        }
        Value::Array(a) if a.ndim() == 0 && a.dtype().is_integer() => {
            vec![dim(a
                .single_i64()
                .ok_or_else(|| memory_error("more than 2**63 elements"))?)?]
        }
        Value::Array(a) if a.ndim() == 1 && (a.dtype().is_integer() || a.is_empty()) => {
            let values = args.data::<i64>(i, a)?;
            values.iter().map(|&v| dim(v)).collect::<Result<_, _>>()?
        }
        other => {
            return Err(ApiError::type_error(
                name,
                format!(
                    "expected None, an int or a tuple of ints, got {}",
                    other.describe()
                ),
            ));
        }
    };
    if element_count(&dims).is_none() {
        let shown: Vec<String> = dims.iter().map(usize::to_string).collect();
        return Err(memory_error(format_args!(
            "{} elements (shape ({}))",
            dims.iter().map(|&d| d as f64).product::<f64>(),
            shown.join(", ")
        )));
    }
    Ok(Some(dims))
}

/// The values of a draw: `count` of them written by `fill`, returned as one number for
/// `size=None` or an array of `shape`.
fn draw<T: Element>(
    out: &mut dyn Outputs,
    shape: Option<&[usize]>,
    fill: impl FnOnce(&mut [T]),
) -> Result<Ret, ApiError> {
    match shape {
        None => {
            let mut one = [T::default()];
            fill(&mut one);
            let [v] = one;
            Ok(scalar(v))
        }
        Some(shape) => array::<T>(out, shape, |o| {
            fill(o);
            Ok(())
        }),
    }
}

/// A method drawing float64 values with `fill` (after the arguments were checked).
fn float_method(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    size_at: usize,
    fill: impl FnOnce(&mut Pcg64, &mut [f64]),
) -> Result<Ret, ApiError> {
    let mut g = generator(args, SELF)?;
    let shape = size(args, size_at)?;
    let values = draw::<f64>(out, shape.as_deref(), |o| fill(&mut g, o))?;
    method_result(out, &g, values)
}

/// A method drawing int64 values with `fill`.
fn int_method(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    size_at: usize,
    fill: impl FnOnce(&mut Pcg64, &mut [i64]),
) -> Result<Ret, ApiError> {
    let mut g = generator(args, SELF)?;
    let shape = size(args, size_at)?;
    let values = draw::<i64>(out, shape.as_deref(), |o| fill(&mut g, o))?;
    method_result(out, &g, values)
}

/// numpy's non-negative `scale`: ValueError "scale < 0" (nan passes, as in numpy).
fn scale(args: &Args<'_>, i: usize) -> Result<f64, ApiError> {
    let v = args.number(i)?;
    if v < 0.0 {
        return Err(ApiError::value_error(args.name(i), "scale < 0"));
    }
    Ok(v)
}

/// Words of a seed as numpy's SeedSequence splits them: each non-negative integer into 32-bit
/// words, least significant first (a list's items one after another).
pub(super) fn seed_words(args: &Args<'_>, i: usize) -> Result<Vec<u32>, ApiError> {
    let name = args.name(i);
    let negative = || ApiError::value_error(name, "expected non-negative integer");
    let split = |v: u64, words: &mut Vec<u32>| {
        words.push(v as u32);
        if v >> 32 != 0 {
            words.push((v >> 32) as u32);
        }
    };
    let mut words = Vec::new();
    match args.value(i) {
        Value::Int(v) => split(u64::try_from(*v).map_err(|_| negative())?, &mut words),
        Value::Bool(b) => split(u64::from(*b), &mut words),
        Value::BigInt(v) if v.is_negative() => return Err(negative()),
        Value::BigInt(_) => {
            return Err(ApiError::value_error(
                name,
                "an int beyond 64 bits cannot be read exactly here: pass its 32-bit words as a \
                 list, least significant first (numpy reads such a list as the same seed)",
            ));
        }
        Value::Array(a) if a.dtype().is_integer() && a.ndim() <= 1 => {
            if a.dtype() == DType::U64 {
                for &v in args.data::<u64>(i, a)?.iter() {
                    split(v, &mut words);
                }
            } else {
                for &v in args.data::<i64>(i, a)?.iter() {
                    split(u64::try_from(v).map_err(|_| negative())?, &mut words);
                }
            }
        }
        Value::Array(a) if a.is_empty() => {}
        other => {
            return Err(ApiError::type_error(
                name,
                format!(
                    "SeedSequence expects int or sequence of ints for entropy, not {}",
                    other.describe()
                ),
            ));
        }
    }
    Ok(words)
}

pub static DEFAULT_RNG: Function = Function::new(
    "random.default_rng",
    Family::Random,
    "(seed: int | Sequence[int] | None = None) -> Generator",
    "A new ``Generator`` (PCG64 seeded through numpy's SeedSequence): for the same integer\n\
     ``seed`` its methods give exactly the values of ``numpy.random.default_rng(seed)``'s for\n\
     the same calls in the same order. ``seed`` may be a non-negative int or a sequence of\n\
     them (numpy's 32-bit words, least significant first); ``None`` draws 128 bits from the\n\
     operating system (``os.urandom``: ``crypto.getRandomValues`` in the browser).\n\
     \n\
     >>> import fastmath\n\
     >>> rng = fastmath.random.default_rng(42)\n\
     >>> rng.random()\n\
     0.7739560485559633\n\
     >>> rng.integers(0, 10, size=3).tolist()\n\
     [6, 4, 4]",
    |args, out| {
        let words = match args.value(0) {
            // The generated wrapper passes OS entropy for None; a direct call gets it refused.
            Value::None => {
                return Err(ApiError::type_error(
                    args.name(0),
                    "expected a seed (the Python wrapper draws one for None)",
                ));
            }
            _ => seed_words(args, 0)?,
        };
        let g = Pcg64::from_seed_sequence(&SeedSequence::new(&words));
        state(out, &g)
    },
);

pub static RANDOM: Function = Function::new(
    "random.Generator.random",
    Family::Random,
    "(self, /, size: int | tuple[int, ...] | None = None) -> float | FloatArray",
    "Floats in ``[0, 1)``: numpy's ``Generator.random`` (53 random bits each), the same\n\
     values.\n\
     \n\
     Result dtype: float64; a Python float for ``size=None``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.random.default_rng(1).random(2).tolist()\n\
     [0.5118216247002567, 0.9504636963259353]",
    |args, out| float_method(args, out, 1, continuous::fill_random),
);

pub static UNIFORM: Function = Function::new(
    "random.Generator.uniform",
    Family::Random,
    "(self, /, low: float = 0.0, high: float = 1.0, size: int | tuple[int, ...] | None = None) -> float | FloatArray",
    "Floats in ``[low, high)``: ``low + (high - low) * random()``, numpy's\n\
     ``Generator.uniform``. ``high < low`` is numpy's ValueError, a range that is not finite\n\
     its OverflowError.\n\
     \n\
     Result dtype: float64; a Python float for ``size=None``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.random.default_rng(1).uniform(-1.0, 1.0, 2).tolist()\n\
     [0.023643249400513433, 0.9009273926518706]",
    |args, out| {
        let low = args.number(1)?;
        let high = args.number(2)?;
        if !(high - low).is_finite() {
            return Err(ApiError::overflow_error(
                args.name(2),
                "high - low range exceeds valid bounds",
            ));
        }
        if high < low {
            return Err(ApiError::value_error(args.name(2), "high - low < 0"));
        }
        float_method(args, out, 3, |g, o| {
            continuous::fill_uniform(g, low, high, o)
        })
    },
);

/// An integer bound of `integers`, exactly (every dtype's bounds, uint64's `2**64` included;
/// anything wider is out of every dtype's range). `upper`: whether it is the upper bound (`high`,
/// or `low` alone), which places an int too large even for a float, whose sign the bindings do
/// not pass, beyond the dtype on the side numpy's message names for the usual case (a huge
/// `high`, a hugely negative `low`).
fn int_bound(args: &Args<'_>, i: usize, upper: bool) -> Result<i128, ApiError> {
    match args.value(i) {
        Value::Invalid(InputError::IntTooLarge) if upper => Ok(i128::MAX),
        Value::Invalid(InputError::IntTooLarge) => Ok(i128::MIN),
        _ => args.wide_int(i),
    }
}

/// The dtypes `integers` draws, by numpy's name, with their bounds.
fn int_dtype(args: &Args<'_>, i: usize) -> Result<(DType, i128, i128), ApiError> {
    let text = args.string(i)?;
    let dtype = match text {
        "int64" | "int" | "i8" | "long" | "int_" => DType::I64,
        "int32" | "i4" | "intc" => DType::I32,
        "int16" | "i2" | "short" => DType::I16,
        "int8" | "i1" | "byte" => DType::I8,
        "uint64" | "uint" | "u8" | "ulong" => DType::U64,
        "uint32" | "u4" | "uintc" => DType::U32,
        "uint16" | "u2" | "ushort" => DType::U16,
        "uint8" | "u1" | "ubyte" => DType::U8,
        "bool" | "bool_" | "?" => DType::Bool,
        _ => {
            return Err(ApiError::type_error(
                args.name(i),
                format!("Unsupported dtype {text:?} for integers (an integer or bool dtype)"),
            ));
        }
    };
    let bits = u32::try_from(dtype.itemsize().saturating_mul(8)).unwrap_or(64);
    let (lo, hi) = match dtype {
        DType::Bool => (0, 1),
        d if d.is_signed_integer() => {
            let half = 1i128 << bits.saturating_sub(1);
            (half.saturating_neg(), half.saturating_sub(1))
        }
        _ => (0, (1i128 << bits).saturating_sub(1)),
    };
    Ok((dtype, lo, hi))
}

/// `integers`' draw as `(off, rng)`: values `off + [0, rng]` modulo 2**64 (see
/// [`bounded`]), after numpy's checks of the bounds in its order and words: low below the
/// dtype, high above it, then an empty range.
fn int_range(
    args: &Args<'_>,
    dtype: DType,
    lowest: i128,
    highest: i128,
    endpoint: bool,
) -> Result<(u64, u64), ApiError> {
    let (low, high) = match args.value(2) {
        Value::None => (0, int_bound(args, 1, true)?),
        _ => (int_bound(args, 1, false)?, int_bound(args, 2, true)?),
    };
    let high_incl = if endpoint {
        high
    } else {
        high.saturating_sub(1)
    };
    let dtype_name = dtype.name();
    if low < lowest {
        return Err(ApiError::value_error(
            args.name(1),
            format!("low is out of bounds for {dtype_name}"),
        ));
    }
    if high_incl > highest {
        return Err(ApiError::value_error(
            args.name(2),
            format!("high is out of bounds for {dtype_name}"),
        ));
    }
    if low > high_incl {
        let message = match (endpoint, low == 0) {
            (false, true) => "high <= 0",
            (false, false) => "low >= high",
            (true, true) => "high < 0",
            (true, false) => "low > high",
        };
        return Err(ApiError::value_error(args.name(2), message));
    }
    // Both within the dtype's bounds (at most 2**64 - 1 apart): exact in 64 bits.
    let rng = u64::try_from(high_incl.saturating_sub(low)).unwrap_or(u64::MAX);
    Ok((low as u64, rng))
}

pub static INTEGERS: Function = Function::new(
    "random.Generator.integers",
    Family::Random,
    "(self, /, low: int, high: int | None = None, size: int | tuple[int, ...] | None = None, dtype: str = \"int64\", endpoint: bool = False) -> int | Array",
    "Integers in ``[low, high)`` (``[low, high]`` with ``endpoint=True``; ``[0, low)`` when\n\
     ``high`` is None): numpy's ``Generator.integers`` (Lemire's method at numpy's widths),\n\
     the same values for every dtype. ``dtype`` is a numpy integer dtype or ``bool`` (a name, or\n\
     numpy's dtype or type). Bounds are read exactly, up to uint64's ``2**64``. numpy's\n\
     errors: ``low >= high``, bounds outside the dtype (an empty ``size`` reads none).\n\
     \n\
     Result dtype: ``dtype`` (int64 by default); a Python int (bool) for ``size=None``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.random.default_rng(1).integers(0, 100, 4).tolist()\n\
     [47, 51, 75, 95]",
    |args, out| {
        let (dtype, lowest, highest) = int_dtype(args, 4)?;
        let endpoint = args.flag(5)?;
        let mut g = generator(args, SELF)?;
        let shape = size(args, 3);
        // numpy returns an empty size at once, its bounds unread (refused or not); otherwise
        // it checks the bounds before the size.
        let (off, rng) = match &shape {
            Ok(Some(dims)) if dims.contains(&0) => (0, 0),
            _ => int_range(args, dtype, lowest, highest, endpoint)?,
        };
        let shape = shape?;
        let shape = shape.as_deref();
        let values = match dtype {
            DType::Bool => draw::<Bool>(out, shape, |o| {
                let mut bits = vec![false; o.len()];
                bounded::fill_bool(&mut g, off != 0, rng != 0, &mut bits);
                for (slot, b) in o.iter_mut().zip(bits) {
                    *slot = Bool::from(b);
                }
            }),
            DType::I8 => draw::<i8>(out, shape, |o| {
                bounded::fill_u8(&mut g, off as u8, rng as u8, bytemuck::cast_slice_mut(o))
            }),
            DType::U8 => draw::<u8>(out, shape, |o| {
                bounded::fill_u8(&mut g, off as u8, rng as u8, o)
            }),
            DType::I16 => draw::<i16>(out, shape, |o| {
                bounded::fill_u16(&mut g, off as u16, rng as u16, bytemuck::cast_slice_mut(o))
            }),
            DType::U16 => draw::<u16>(out, shape, |o| {
                bounded::fill_u16(&mut g, off as u16, rng as u16, o)
            }),
            DType::I32 => draw::<i32>(out, shape, |o| {
                bounded::fill_u32(&mut g, off as u32, rng as u32, bytemuck::cast_slice_mut(o))
            }),
            DType::U32 => draw::<u32>(out, shape, |o| {
                bounded::fill_u32(&mut g, off as u32, rng as u32, o)
            }),
            DType::U64 => draw::<u64>(out, shape, |o| bounded::fill_u64(&mut g, off, rng, o)),
            _ => draw::<i64>(out, shape, |o| {
                bounded::fill_u64(&mut g, off, rng, bytemuck::cast_slice_mut(o))
            }),
        }?;
        method_result(out, &g, values)
    },
);

pub static STANDARD_NORMAL: Function = Function::new(
    "random.Generator.standard_normal",
    Family::Random,
    "(self, /, size: int | tuple[int, ...] | None = None) -> float | FloatArray",
    "Standard normal values by numpy's ziggurat (``Generator.standard_normal``), the same\n\
     values (but about one in a million, in the tail beyond 3.65, whose last bit comes from\n\
     ``log1p``, which differs between libms).\n\
     \n\
     Result dtype: float64; a Python float for ``size=None``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.random.default_rng(1).standard_normal(2).tolist()\n\
     [0.345584192064786, 0.8216181435011584]",
    |args, out| float_method(args, out, 1, continuous::fill_standard_normal),
);

pub static NORMAL: Function = Function::new(
    "random.Generator.normal",
    Family::Random,
    "(self, /, loc: float = 0.0, scale: float = 1.0, size: int | tuple[int, ...] | None = None) -> float | FloatArray",
    "Normal values ``loc + scale * standard_normal()`` (numpy's ``Generator.normal``), the\n\
     same values (see ``standard_normal``). A negative ``scale`` is numpy's ValueError.\n\
     \n\
     Result dtype: float64; a Python float for ``size=None``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.random.default_rng(1).normal(10.0, 2.0, 2).tolist()\n\
     [10.691168384129572, 11.643236287002317]",
    |args, out| {
        let loc = args.number(1)?;
        let scale = scale(args, 2)?;
        float_method(args, out, 3, |g, o| {
            continuous::fill_normal(g, loc, scale, o)
        })
    },
);

pub static STANDARD_EXPONENTIAL: Function = Function::new(
    "random.Generator.standard_exponential",
    Family::Random,
    "(self, /, size: int | tuple[int, ...] | None = None) -> float | FloatArray",
    "Exponential values of mean 1 by numpy's ziggurat\n\
     (``Generator.standard_exponential``), the same values (but about one in a million, in\n\
     the tail beyond 7.7, whose last bit comes from ``log1p``, which differs between libms).\n\
     \n\
     Result dtype: float64; a Python float for ``size=None``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.random.default_rng(1).standard_exponential(2).tolist()\n\
     [1.0730290263725388, 0.30845314412528435]",
    |args, out| float_method(args, out, 1, continuous::fill_standard_exponential),
);

pub static EXPONENTIAL: Function = Function::new(
    "random.Generator.exponential",
    Family::Random,
    "(self, /, scale: float = 1.0, size: int | tuple[int, ...] | None = None) -> float | FloatArray",
    "Exponential values of mean ``scale`` (numpy's ``Generator.exponential``), the same\n\
     values (see ``standard_exponential``). A negative ``scale`` is numpy's ValueError.\n\
     \n\
     Result dtype: float64; a Python float for ``size=None``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.random.default_rng(1).exponential(3.0, 2).tolist()\n\
     [3.2190870791176165, 0.925359432375853]",
    |args, out| {
        let scale = scale(args, 1)?;
        float_method(args, out, 2, |g, o| {
            continuous::fill_exponential(g, scale, o)
        })
    },
);

pub static POISSON: Function = Function::new(
    "random.Generator.poisson",
    Family::Random,
    "(self, /, lam: float = 1.0, size: int | tuple[int, ...] | None = None) -> int | IndexArray",
    "Poisson counts of mean ``lam`` by numpy's algorithms (multiplication of uniforms below\n\
     10, Hörmann's PTRS from 10): numpy's values, but for a last-bit difference of\n\
     ``exp``/``log`` between libms that can, very rarely, change one (fastmath's are the\n\
     same on every platform). numpy's errors for a negative or nan ``lam`` and for one\n\
     above about 9.2e18.\n\
     \n\
     Result dtype: int64; a Python int for ``size=None``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.random.default_rng(1).poisson(4.0, 5).tolist()\n\
     [5, 3, 5, 2, 6]",
    |args, out| {
        let lam = args.number(1)?;
        if lam.is_nan() || lam < 0.0 {
            return Err(ApiError::value_error(args.name(1), "lam < 0 or lam is NaN"));
        }
        // numpy's largest lam: int64's largest value less ten standard deviations.
        let max = i64::MAX as f64 - (i64::MAX as f64).sqrt() * 10.0;
        if lam > max {
            return Err(ApiError::value_error(args.name(1), "lam value too large"));
        }
        int_method(args, out, 2, |g, o| discrete::fill_poisson(g, lam, o))
    },
);

pub static BINOMIAL: Function = Function::new(
    "random.Generator.binomial",
    Family::Random,
    "(self, /, n: int, p: float, size: int | tuple[int, ...] | None = None) -> int | IndexArray",
    "Binomial counts of ``n`` trials of probability ``p`` by numpy's algorithms (inversion\n\
     while ``n * min(p, 1 - p) <= 30``, BTPE above): numpy's values, but for a last-bit\n\
     difference of ``exp``/``log`` between libms that can, very rarely, change one.\n\
     numpy's errors for ``n < 0`` and ``p`` outside ``[0, 1]`` or nan.\n\
     \n\
     Result dtype: int64; a Python int for ``size=None``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.random.default_rng(1).binomial(10, 0.5, 5).tolist()\n\
     [5, 8, 3, 8, 4]",
    |args, out| {
        let n = args.int(1)?;
        if n < 0 {
            return Err(ApiError::value_error(args.name(1), "n < 0"));
        }
        let p = args.number(2)?;
        if !(0.0..=1.0).contains(&p) {
            return Err(ApiError::value_error(
                args.name(2),
                "p < 0, p > 1 or p is NaN",
            ));
        }
        int_method(args, out, 3, |g, o| discrete::fill_binomial(g, n, p, o))
    },
);

/// `x` shuffled along its first axis, keeping its dtype: numpy's draws for
/// `shuffle`/`permutation` of an array.
fn shuffled<'a>(
    args: &Args<'a>,
    out: &mut dyn Outputs,
    g: &mut Pcg64,
    i: usize,
    a: &ArrayRef<'a>,
) -> Result<Ret, ApiError> {
    let Some((&rows, _)) = a.shape().split_first() else {
        return Err(ApiError::axis_error(args.name(i), 0, 0));
    };
    let row_len = if rows == 0 {
        0
    } else {
        a.len().checked_div(rows).unwrap_or(0)
    };
    with_dtype!(a.dtype(), T => {
        let data = args.data::<T>(i, a)?;
        array::<T>(out, a.shape(), |o| {
            for (slot, &v) in o.iter_mut().zip(data.iter()) {
                *slot = v;
            }
            permutation::shuffle_rows(g, o, row_len);
            Ok(())
        })
    })
}

pub static PERMUTATION: Function = Function::new(
    "random.Generator.permutation",
    Family::Random,
    "(self, /, x: int | ArrayLike) -> Array",
    "A shuffled copy of ``x`` along its first axis, or of ``range(x)`` for an int: numpy's\n\
     ``Generator.permutation``, the same order.\n\
     \n\
     Result dtype: ``x``'s (int64 for an int).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.random.default_rng(1).permutation(5).tolist()\n\
     [4, 0, 1, 2, 3]",
    |args, out| {
        let mut g = generator(args, SELF)?;
        let values = match args.value(1) {
            Value::Int(n) => {
                // numpy's arange(n): empty for n <= 0; beyond the address space (2**32 on
                // wasm32) a MemoryError, not an empty result.
                let n = match usize::try_from(*n) {
                    Ok(n) => n,
                    Err(_) if *n < 0 => 0,
                    Err(_) => return Err(memory_error(format_args!("{n} int64"))),
                };
                array::<i64>(out, &[n], |o| {
                    for (k, slot) in o.iter_mut().enumerate() {
                        *slot = k as i64;
                    }
                    permutation::shuffle_rows(&mut g, o, 1);
                    Ok(())
                })?
            }
            Value::BigInt(v) if v.is_negative() => array::<i64>(out, &[0], |_| Ok(()))?,
            Value::BigInt(v) => {
                return Err(memory_error(format_args!("{:e} int64", v.to_f64())));
            }
            _ => {
                let a = args
                    .array(1)
                    .map_err(|_| ApiError::axis_error(args.name(1), 0, 0))?;
                shuffled(args, out, &mut g, 1, &a)?
            }
        };
        method_result(out, &g, values)
    },
);

pub static SHUFFLE: Function = Function::new(
    "random.Generator.shuffle",
    Family::Random,
    "(self, /, x: ArrayLike) -> None",
    "Shuffles ``x`` in place along its first axis: numpy's ``Generator.shuffle``, the same\n\
     order. ``x`` is a mutable sequence (a list) or a writable buffer (numpy array,\n\
     ``array.array``) of numbers.\n\
     \n\
     >>> import fastmath\n\
     >>> x = [1, 2, 3, 4, 5]\n\
     >>> fastmath.random.default_rng(1).shuffle(x)\n\
     >>> x\n\
     [5, 1, 2, 3, 4]",
    |args, out| {
        let mut g = generator(args, SELF)?;
        let a = args.array(1)?;
        let values = shuffled(args, out, &mut g, 1, &a)?;
        method_result(out, &g, values)
    },
);

/// numpy's checks of `choice`'s `p` against a population of `population`: the probabilities
/// as float64.
fn probabilities<'a>(
    args: &Args<'a>,
    i: usize,
    population: u64,
) -> Result<Cow<'a, [f64]>, ApiError> {
    let name = args.name(i);
    let a = match args.value(i) {
        Value::Array(a) => *a,
        _ => return Err(ApiError::value_error(name, "p must be 1-dimensional")),
    };
    if a.ndim() != 1 {
        return Err(ApiError::value_error(name, "p must be 1-dimensional"));
    }
    if a.len() as u64 != population {
        return Err(ApiError::value_error(name, "a and p must have same size"));
    }
    let atol = if matches!(a.dtype(), DType::F32 | DType::F16) {
        f64::from(f32::EPSILON).sqrt()
    } else {
        f64::EPSILON.sqrt()
    };
    let p = args.data::<f64>(i, &a)?;
    // numpy's Kahan sum.
    let (mut sum, mut c) = (p.first().copied().unwrap_or(0.0), 0.0);
    for &x in p.iter().skip(1) {
        let y = x - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    if sum.is_nan() {
        return Err(ApiError::value_error(name, "Probabilities contain NaN"));
    }
    if p.iter().any(|&x| x < 0.0) {
        return Err(ApiError::value_error(
            name,
            "Probabilities are not non-negative",
        ));
    }
    if (sum - 1.0).abs() > atol {
        return Err(ApiError::value_error(
            name,
            "Probabilities do not sum to 1. See Notes section of docstring for more information.",
        ));
    }
    Ok(p)
}

/// `(population, count)` of a choice without replacement: numpy's check, then the scratch
/// its draws need (MemoryError at once when there is no room for it).
fn distinct_scratch(args: &Args<'_>, population: u64, count: usize) -> Result<Vec<u64>, ApiError> {
    if count as u64 > population {
        return Err(ApiError::value_error(
            args.name(2),
            "Cannot take a larger sample than population when replace is False",
        ));
    }
    let words = permutation::distinct_scratch(population, count as u64);
    let no_room = || memory_error(format_args!("{words} int64 of scratch"));
    let words = usize::try_from(words).map_err(|_| no_room())?;
    let mut scratch = Vec::new();
    scratch.try_reserve_exact(words).map_err(|_| no_room())?;
    scratch.resize(words, 0u64);
    Ok(scratch)
}

pub static CHOICE: Function = Function::new(
    "random.Generator.choice",
    Family::Random,
    "(self, /, a: int | ArrayLike, size: int | tuple[int, ...] | None = None, replace: bool = True, p: ArrayLike | None = None) -> int | float | Array",
    "A random sample of ``range(a)`` for an int ``a``, else of ``a``'s elements (rows for N-D\n\
     ``a``): numpy's ``Generator.choice``, the same values, with replacement (``p``: the\n\
     probability of each, else uniform) or without (``replace=False``: Floyd's algorithm or a\n\
     partial shuffle, as numpy, then shuffled). numpy's errors: an empty population, a sample\n\
     larger than the population without replacement, a ``p`` that is not 1-D, of another\n\
     length, negative, nan or not summing to 1.\n\
     \n\
     Result dtype: int64 for an int ``a``, else ``a``'s; a number for ``size=None``.\n\
     \n\
     >>> import fastmath\n\
     >>> rng = fastmath.random.default_rng(1)\n\
     >>> rng.choice(10, 3, replace=False).tolist()\n\
     [4, 3, 7]\n\
     >>> rng.choice([1.5, 2.5, 3.5], 4, p=[0.5, 0.25, 0.25]).tolist()\n\
     [3.5, 1.5, 1.5, 3.5]",
    |args, out| {
        let mut g = generator(args, SELF)?;
        let shape = size(args, 2)?;
        let replace = args.flag(3)?;
        let count = shape.as_deref().map_or(Some(1), element_count).unwrap_or(0);
        // The population: an int (in 64 bits: on wasm32 a usize would refuse 2**32), or the
        // first axis of an array.
        let (population, source) = match args.value(1) {
            Value::Int(n) => (u64::try_from(*n).ok(), None),
            Value::Bool(b) => (Some(u64::from(*b)), None),
            Value::Array(a) if a.ndim() == 0 && a.dtype().is_integer() => {
                (a.single_i64().and_then(|n| u64::try_from(n).ok()), None)
            }
            Value::Array(a) if a.ndim() > 0 => (a.shape().first().map(|&n| n as u64), Some(*a)),
            Value::BigInt(v) if !v.is_negative() => {
                return Err(memory_error(format_args!(
                    "a population of {:e}",
                    v.to_f64()
                )));
            }
            Value::BigInt(_) => (None, None),
            other => {
                return Err(ApiError::value_error(
                    args.name(1),
                    format!(
                        "a must be a sequence or an integer, not {}",
                        other.describe()
                    ),
                ));
            }
        };
        let population = population.unwrap_or(0);
        if population == 0 && (shape.is_none() || count != 0) {
            let message = if source.is_some() {
                "a cannot be empty unless no samples are taken"
            } else {
                "a must be a positive integer unless no samples are taken"
            };
            return Err(ApiError::value_error(args.name(1), message));
        }
        let weights = match args.value(4) {
            Value::None => None,
            _ => Some(probabilities(args, 4, population)?),
        };
        let mut scratch = Vec::new();
        if !replace {
            if weights.is_none() {
                scratch = distinct_scratch(args, population, count)?;
            } else if count as u64 > population {
                // The same refusal as without weights.
                distinct_scratch(args, population, count)?;
            }
            if let Some(w) = &weights
                && w.iter().filter(|&&x| x > 0.0).count() < count
            {
                return Err(ApiError::value_error(
                    args.name(4),
                    "Fewer non-zero entries in p than size",
                ));
            }
        }
        let pop = population;
        let mut fill = |o: &mut [u64]| {
            if o.is_empty() {
                return;
            }
            match (&weights, replace) {
                (None, true) => permutation::fill_choice(&mut g, pop, o),
                (None, false) => permutation::fill_choice_distinct(&mut g, pop, o, &mut scratch),
                (Some(w), true) => permutation::fill_choice_weighted(&mut g, w, o),
                (Some(w), false) => permutation::fill_choice_weighted_distinct(&mut g, w, o),
            }
        };
        let values = match source {
            None => draw::<i64>(out, shape.as_deref(), |o| fill(bytemuck::cast_slice_mut(o)))?,
            Some(a) => {
                let mut idx = Vec::new();
                idx.try_reserve_exact(count)
                    .map_err(|_| memory_error(format_args!("{count} int64")))?;
                idx.resize(count, 0u64);
                fill(&mut idx);
                let row_len = a.shape().iter().skip(1).product::<usize>();
                let mut result_shape = shape.clone().unwrap_or_default();
                result_shape.extend(a.shape().iter().skip(1));
                if element_count(&result_shape).is_none() {
                    return Err(memory_error("more elements than memory holds"));
                }
                with_dtype!(a.dtype(), T => {
                    let data = args.data::<T>(1, &a)?;
                    if shape.is_none() && a.ndim() == 1 {
                        let k = idx.first().copied().unwrap_or(0) as usize;
                        scalar(data.get(k).copied().unwrap_or_default())
                    } else {
                        array::<T>(out, &result_shape, |o| {
                            let mut slots = o.chunks_mut(row_len.max(1));
                            for &k in &idx {
                                let start = (k as usize).saturating_mul(row_len);
                                let row = data.get(start..start.saturating_add(row_len));
                                if let (Some(slot), Some(row)) = (slots.next(), row) {
                                    for (s, &v) in slot.iter_mut().zip(row) {
                                        *s = v;
                                    }
                                }
                            }
                            Ok(())
                        })?
                    }
                })
            }
        };
        method_result(out, &g, values)
    },
);

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::super::testing::{VecOutputs, call, err, ok};
    use crate::array::ArrayRef;
    use crate::dtype::{ByteOrder, DType};
    use crate::error::{ErrorClass, InputError};
    use crate::outputs::Ret;
    use crate::value::{BigInt, Value};

    const SHAPE: [usize; 1] = [super::STATE_WORDS];

    fn words(out: &VecOutputs, ret: &Ret) -> Vec<u64> {
        let Ret::Array(i) = ret else {
            panic!("expected a state array, got {ret:?}")
        };
        out.arrays[*i].values::<u64>().unwrap().to_vec()
    }

    fn seeded(seed: i64) -> Vec<u64> {
        let (ret, out) = ok("random.default_rng", vec![Value::Int(seed)], vec![]);
        words(&out, &ret)
    }

    fn state(w: &[u64]) -> Value<'_> {
        Value::Array(
            ArrayRef::new(
                DType::U64,
                ByteOrder::Native,
                &SHAPE,
                None,
                bytemuck::cast_slice(w),
                0,
            )
            .unwrap(),
        )
    }

    #[test]
    fn methods_return_the_new_state_and_numpys_values() {
        // numpy: default_rng(42).random() then .integers(0, 10, size=3)
        let s0 = seeded(42);
        let (ret, out) = ok("random.Generator.random", vec![state(&s0)], vec![]);
        let Ret::Tuple(parts) = ret else {
            panic!("{ret:?}")
        };
        assert_eq!(parts[1], Ret::Float(0.773_956_048_555_963_3));
        let s1 = words(&out, &parts[0]);
        assert_ne!(s1, s0);
        let (ret, out) = ok(
            "random.Generator.integers",
            vec![state(&s1), Value::Int(0), Value::Int(10)],
            vec![("size", Value::Int(3))],
        );
        let Ret::Tuple(parts) = ret else {
            panic!("{ret:?}")
        };
        assert_eq!(out.i64(&parts[1]).1, [6, 4, 4]);
    }

    #[test]
    fn refusals_name_the_argument() {
        let s = seeded(1);
        let cases: Vec<(&str, Vec<Value<'_>>, ErrorClass, &str)> = vec![
            (
                "random.Generator.integers",
                vec![state(&s), Value::Int(5), Value::Int(5)],
                ErrorClass::ValueError,
                "high: low >= high",
            ),
            (
                "random.Generator.normal",
                vec![state(&s), Value::Float(0.0), Value::Float(-1.0)],
                ErrorClass::ValueError,
                "scale: scale < 0",
            ),
            (
                "random.Generator.random",
                vec![state(&s), Value::Int(-1)],
                ErrorClass::ValueError,
                "size: negative dimensions are not allowed",
            ),
            (
                "random.Generator.choice",
                vec![state(&s), Value::Int(0)],
                ErrorClass::ValueError,
                "a: a must be a positive integer unless no samples are taken",
            ),
            (
                "random.Generator.random",
                vec![Value::Float(1.0)],
                ErrorClass::TypeError,
                "self: expected a Generator (from fastmath.random.default_rng)",
            ),
        ];
        for (name, positional, class, message) in cases {
            let (c, m) = err(name, positional, vec![]);
            assert_eq!(c, class, "{name}");
            assert!(m.ends_with(message), "{name}: {m}");
        }
    }

    /// An int as a binding passes it: `Int` within int64, else an exact `BigInt`.
    fn int(v: i128) -> Value<'static> {
        i64::try_from(v).map_or(Value::BigInt(BigInt::exact(v)), Value::Int)
    }

    #[test]
    fn integer_bounds_beyond_int64_are_exact() {
        use fastmath_core::random::{Pcg64, bounded};
        let s = seeded(7);
        let (two63, two64) = (1i128 << 63, 1i128 << 64);
        // (low, high, dtype, endpoint) and the draw it must be: `off + [0, rng]`.
        let cases = [
            (0, two63 + 1, "uint64", false, 0, 1u64 << 63),
            (two63, two64, "uint64", false, 1 << 63, (1 << 63) - 1),
            (0, two64 - 1, "uint64", true, 0, u64::MAX),
            (two64 - 5, two64 - 1, "uint64", true, u64::MAX - 4, 4),
            (-two63, two63 - 1, "int64", true, 1 << 63, u64::MAX),
            (-two63, two63, "int64", false, 1 << 63, u64::MAX),
            (two63 - 3, two63, "int64", false, (1 << 63) - 3, 2),
        ];
        for (low, high, dtype, endpoint, off, rng) in cases {
            let (ret, out) = ok(
                "random.Generator.integers",
                vec![state(&s), int(low), int(high)],
                vec![
                    ("size", Value::Int(5)),
                    ("dtype", Value::Str(dtype)),
                    ("endpoint", Value::Bool(endpoint)),
                ],
            );
            let Ret::Tuple(parts) = ret else {
                panic!("{ret:?}")
            };
            let Ret::Array(i) = parts[1] else {
                panic!("{parts:?}")
            };
            let stored = &out.arrays[i];
            let got: Vec<u64> = match stored.values::<u64>() {
                Some(v) => v.to_vec(),
                None => stored
                    .values::<i64>()
                    .unwrap()
                    .iter()
                    .map(|&v| v as u64)
                    .collect(),
            };
            let mut g = Pcg64::from_words(&s.clone().try_into().unwrap());
            let mut expected = [0u64; 5];
            bounded::fill_u64(&mut g, off, rng, &mut expected);
            assert_eq!(
                got, expected,
                "integers({low}, {high}, {dtype}, {endpoint})"
            );
        }
    }

    #[test]
    fn integer_bounds_outside_the_dtype_are_numpys_errors() {
        let s = seeded(7);
        let (two63, two64) = (1i128 << 63, 1i128 << 64);
        let huge = |v: f64| Value::BigInt(BigInt::approx(v));
        let cases: Vec<(Value<'_>, Value<'_>, &str, bool, &str)> = vec![
            (
                int(0),
                int(two64 + 1),
                "uint64",
                false,
                "high: high is out of bounds for uint64",
            ),
            (
                int(0),
                int(two64),
                "uint64",
                true,
                "high: high is out of bounds for uint64",
            ),
            (
                int(0),
                int(two63 + 1),
                "int64",
                false,
                "high: high is out of bounds for int64",
            ),
            (
                int(0),
                int(two63),
                "int64",
                true,
                "high: high is out of bounds for int64",
            ),
            (
                int(-two63 - 1),
                int(0),
                "int64",
                false,
                "low: low is out of bounds for int64",
            ),
            (
                int(two64 - 1),
                int(two64 - 1),
                "uint64",
                false,
                "high: low >= high",
            ),
            (
                int(two64),
                int(two64 - 1),
                "uint64",
                true,
                "high: low > high",
            ),
            (
                int(0),
                huge(1e300),
                "int8",
                false,
                "high: high is out of bounds for int8",
            ),
            (
                huge(-1e300),
                int(0),
                "uint64",
                false,
                "low: low is out of bounds for uint64",
            ),
            (huge(1e300), int(5), "uint64", false, "high: low >= high"),
            (int(0), huge(-1e300), "int64", false, "high: high <= 0"),
            (
                int(0),
                Value::Invalid(InputError::IntTooLarge),
                "uint32",
                false,
                "high: high is out of bounds for uint32",
            ),
        ];
        for (low, high, dtype, endpoint, message) in cases {
            let (class, m) = err(
                "random.Generator.integers",
                vec![state(&s), low, high],
                vec![
                    ("dtype", Value::Str(dtype)),
                    ("endpoint", Value::Bool(endpoint)),
                ],
            );
            assert_eq!(class, ErrorClass::ValueError, "{m}");
            assert!(m.ends_with(message), "{m} (expected {message})");
        }
    }

    #[test]
    fn an_empty_size_reads_no_bound() {
        // numpy: integers(-129, 1, size=0, dtype=int8) is an empty int8 array.
        let s = seeded(7);
        let (ret, out) = ok(
            "random.Generator.integers",
            vec![state(&s), int(-129), int(1)],
            vec![("size", Value::Int(0)), ("dtype", Value::Str("int8"))],
        );
        let Ret::Tuple(parts) = ret else {
            panic!("{ret:?}")
        };
        assert_eq!(words(&out, &parts[0]), s);
        let Ret::Array(i) = parts[1] else {
            panic!("{parts:?}")
        };
        assert_eq!(out.arrays[i].values::<i8>().unwrap(), &[] as &[i8]);
    }

    #[test]
    fn huge_sizes_are_memory_errors_before_any_draw() {
        let s = seeded(1);
        for size in [i64::MAX, 1 << 62] {
            let (ret, _) = call(
                "random.Generator.standard_normal",
                vec![state(&s), Value::Int(size)],
                vec![],
            );
            assert_eq!(ret.unwrap_err().class, ErrorClass::MemoryError);
        }
        let (ret, _) = call(
            "random.Generator.choice",
            vec![state(&s), Value::Int(1 << 62), Value::Int(1 << 61)],
            vec![("replace", Value::Bool(false))],
        );
        assert_eq!(ret.unwrap_err().class, ErrorClass::MemoryError);
    }
}
