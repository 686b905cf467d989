//! Number theory: `gcd lcm isprime` elementwise on integers (numpy's dtype rules for
//! `gcd`/`lcm`), `primes(n)` and `factorize(n)` of one integer.
//!
//! Integers only, as numpy's `gcd`: a float (a Python float, a float array of any dtype, even
//! one of whole numbers) is a TypeError naming the argument, as numpy's ufuncs have no float
//! loop. Lists are read as numpy reads them, so `[4, 6]` is int64 and `[4.0, 6.0]` a float.

use fastmath_core::number_theory::{divisors, factorize, primality, sieve};

use super::permute::widened;
use crate::args::Args;
use crate::array::ArrayRef;
use crate::broadcast;
use crate::dtype::{DType, promote};
use crate::element::{Bool, Element, scalar};
use crate::error::ApiError;
use crate::outputs::{Outputs, Ret, array};
use crate::table::{Family, Function};
use crate::value::Value;
use crate::with_dtype;

pub static FUNCTIONS: &[&Function] = &[&GCD, &LCM, &ISPRIME, &PRIMES, &FACTORIZE];

/// An integer operand as numpy's type resolution sees it: an array of its dtype, or a weak
/// Python int.
#[derive(Clone, Copy)]
enum IntOperand<'a> {
    Array(ArrayRef<'a>, DType),
    Int(i64),
}

/// The refusal of a non-integer argument, in numpy's terms.
fn not_integers(args: &Args<'_>, i: usize, what: &str) -> ApiError {
    ApiError::type_error(
        args.name(i),
        format!("{}() takes integers only, got {what}", args.function()),
    )
}

fn int_operand<'a>(args: &Args<'a>, i: usize) -> Result<IntOperand<'a>, ApiError> {
    match args.value(i) {
        Value::Int(v) => Ok(IntOperand::Int(*v)),
        Value::Bool(b) => Ok(IntOperand::Int(i64::from(*b))),
        Value::BigInt(v) => Err(ApiError::overflow_error(
            args.name(i),
            format!("Python integer {v} out of bounds for int64"),
        )),
        Value::Float(_) => Err(not_integers(args, i, "float")),
        Value::Array(a) => match a.dtype() {
            d if d.is_float() => Err(not_integers(args, i, &format!("{} values", d.name()))),
            d => Ok(IntOperand::Array(*a, d)),
        },
        _ => {
            args.operand(i)?;
            Err(not_integers(args, i, &args.value(i).describe()))
        }
    }
}

/// numpy's result dtype of `gcd`/`lcm` (NEP 50): the arrays' dtypes promoted (bool alone has
/// no loop; a Python int makes it int64); Python ints alone give int64, and must fit the
/// result. A promotion to float (uint64 with a signed type) is refused as numpy refuses it.
fn binary_dtype(args: &Args<'_>, operands: &[IntOperand<'_>; 2]) -> Result<DType, ApiError> {
    let mut strong: Option<DType> = None;
    for op in operands {
        if let IntOperand::Array(_, d) = op {
            strong = Some(strong.map_or(*d, |s| promote(s, *d)));
        }
    }
    let weak = operands.iter().any(|o| matches!(o, IntOperand::Int(_)));
    let dtype = match strong {
        None => DType::I64,
        Some(DType::Bool) if weak => DType::I64,
        Some(DType::Bool) => {
            return Err(not_integers(
                args,
                0,
                "two bool operands (numpy has no bool loop)",
            ));
        }
        Some(d) if d.is_float() => {
            return Err(ApiError::type_error(
                args.name(0),
                format!(
                    "{}() of uint64 and a signed integer: numpy has no integer type holding both",
                    args.function()
                ),
            ));
        }
        Some(d) => d,
    };
    for (i, op) in operands.iter().enumerate() {
        if let IntOperand::Int(v) = op {
            let (lo, hi) = dtype.int_range();
            if !(lo..=hi).contains(&i128::from(*v)) {
                return Err(ApiError::overflow_error(
                    args.name(i),
                    format!("Python integer {v} out of bounds for {}", dtype.name()),
                ));
            }
        }
    }
    Ok(dtype)
}

/// An operand's values as `u64` magnitudes (with their signs dropped: gcd and lcm depend on
/// magnitudes only) and its shape: `T` is the dtype the values are read as (`u64` for uint64,
/// `i64` for the rest).
fn magnitudes<'a>(
    args: &Args<'a>,
    i: usize,
    op: IntOperand<'a>,
    unsigned: bool,
) -> Result<(Vec<u64>, &'a [usize]), ApiError> {
    match op {
        IntOperand::Int(v) => Ok((vec![v.unsigned_abs()], &[])),
        IntOperand::Array(a, _) => {
            let values: Vec<u64> = if unsigned {
                args.data::<u64>(i, &a)?.into_owned()
            } else {
                args.data::<i64>(i, &a)?
                    .iter()
                    .map(|v| v.unsigned_abs())
                    .collect()
            };
            Ok((values, a.shape()))
        }
    }
}

/// `gcd` or `lcm` (`op` of magnitudes, modulo 2**64) in numpy's result dtype, broadcasting.
fn gcd_lcm(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    op: fn(u64, u64) -> u64,
) -> Result<Ret, ApiError> {
    let operands = [int_operand(args, 0)?, int_operand(args, 1)?];
    let dtype = binary_dtype(args, &operands)?;
    let unsigned = dtype == DType::U64;
    let [a, b] = operands;
    let (x, xs) = magnitudes(args, 0, a, unsigned)?;
    let (y, ys) = magnitudes(args, 1, b, unsigned)?;
    let shape = broadcast::shapes(xs, ys)?;
    with_dtype!(dtype, T => finish::<T>(out, &x, xs, &y, ys, &shape, op))
}

/// The magnitude wrapped into `T`, as numpy's loops leave it (they multiply magnitudes:
/// `lcm(int8(100), int8(3))` is 44, `gcd(int64.min, 0)` is `int64.min`).
fn cast<T: Element>(m: u64) -> T {
    T::from_u64(m)
}

fn finish<T: Element>(
    out: &mut dyn Outputs,
    x: &[u64],
    xs: &[usize],
    y: &[u64],
    ys: &[usize],
    shape: &[usize],
    op: fn(u64, u64) -> u64,
) -> Result<Ret, ApiError> {
    if shape.is_empty() {
        let v = cast::<T>(op(
            x.first().copied().unwrap_or(0),
            y.first().copied().unwrap_or(0),
        ));
        return Ok(scalar(v));
    }
    array::<T>(out, shape, |o| {
        let n = o.len();
        let x = widened(x, xs, shape, n)?;
        let y = widened(y, ys, shape, n)?;
        for ((o, &a), &b) in o.iter_mut().zip(x.iter()).zip(y.iter()) {
            *o = cast::<T>(op(a, b));
        }
        Ok(())
    })
}

/// The rule of integer arguments, stated in each docstring.
macro_rules! integer_rule {
    () => {
        "\n\nIntegers only: a float (a Python float, a float array of any dtype, whole numbers\nincluded) is a TypeError naming the argument, as numpy's ufuncs refuse it; ``[4, 6]`` is\nread as int64, as numpy reads it."
    };
}

pub static GCD: Function = Function::new(
    "gcd",
    Family::NumberTheory,
    "(a: int | ArrayLike, b: int | ArrayLike, /) -> int | Array",
    concat!(
        "Elementwise greatest common divisor of ``|a|`` and ``|b|``, as ``numpy.gcd``, with\nnumpy's broadcasting; ``gcd(0, 0)`` is 0.\n\nResult dtype: numpy's result type of the operands (Python ints are weak:\n``gcd(int8_array, 4)`` is int8; a Python int out of its range is an OverflowError);\nthe result wraps as numpy's (``gcd(int64.min, 0)`` is ``int64.min``).",
        integer_rule!(),
        "\n\n>>> import fastmath\n>>> fastmath.gcd(12, 18)\n6\n>>> fastmath.gcd([12, 18, 0], 4).tolist()\n[4, 2, 4]"
    ),
    |args, out| gcd_lcm(args, out, divisors::gcd),
);

pub static LCM: Function = Function::new(
    "lcm",
    Family::NumberTheory,
    "(a: int | ArrayLike, b: int | ArrayLike, /) -> int | Array",
    concat!(
        "Elementwise least common multiple of ``|a|`` and ``|b|``, as ``numpy.lcm``, with\nnumpy's broadcasting; 0 when either is 0. ``gcd(a, b) * lcm(a, b) == |a * b|``.\n\nResult dtype: as ``gcd``; a multiple beyond the dtype wraps as numpy's\n(``lcm(int8(100), int8(3))`` is 44).",
        integer_rule!(),
        "\n\n>>> import fastmath\n>>> fastmath.lcm(4, 6)\n12\n>>> fastmath.lcm([4, -6], [10, 4]).tolist()\n[20, 12]"
    ),
    |args, out| gcd_lcm(args, out, divisors::lcm),
);

pub static ISPRIME: Function = Function::new(
    "isprime",
    Family::NumberTheory,
    "(n: int | ArrayLike, /) -> bool | Array",
    concat!(
        "Elementwise primality: True where ``n`` is prime, False for every ``n < 2``\n(negative numbers included). Deterministic for every 64-bit integer (Miller-Rabin\nwith seven bases that admit no composite below 2**64).\n\nResult: a bool array of ``n``'s shape; a bool for one integer.",
        integer_rule!(),
        "\n\n>>> import fastmath\n>>> fastmath.isprime([1, 2, 9, 97]).tolist()\n[False, True, False, True]\n>>> fastmath.isprime(2**61 - 1)\nTrue"
    ),
    isprime,
);

fn isprime(args: &Args<'_>, out: &mut dyn Outputs) -> Result<Ret, ApiError> {
    let a = match int_operand(args, 0)? {
        IntOperand::Int(v) => return Ok(scalar(Bool::from(primality::is_prime_i64(v)))),
        IntOperand::Array(a, _) => a,
    };
    let flags: Vec<Bool> = match a.dtype() {
        DType::U64 => args
            .data::<u64>(0, &a)?
            .iter()
            .map(|&v| Bool::from(primality::is_prime(v)))
            .collect(),
        _ => args
            .data::<i64>(0, &a)?
            .iter()
            .map(|&v| Bool::from(primality::is_prime_i64(v)))
            .collect(),
    };
    if a.ndim() == 0 {
        return Ok(scalar(flags.first().copied().unwrap_or_default()));
    }
    array::<Bool>(out, a.shape(), |o| {
        o.copy_from_slice(flags.get(..o.len()).unwrap_or_default());
        Ok(())
    })
}

/// The largest `n` of `primes(n)`.
const PRIMES_LIMIT: i64 = 1 << 32;

pub static PRIMES: Function = Function::new(
    "primes",
    Family::NumberTheory,
    "(n: int, /) -> Array",
    "All primes ``<= n``, ascending, as an int64 array (empty for ``n < 2``): a segmented\n\
     sieve of Eratosthenes. ``n`` is at most 2**32 (203,280,221 primes, 1.6 GB); a larger one\n\
     is a ValueError at once, stating what the result would need.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.primes(30).tolist()\n\
     [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]",
    primes,
);

fn primes(args: &Args<'_>, out: &mut dyn Outputs) -> Result<Ret, ApiError> {
    let n = args.int(0)?;
    if n > PRIMES_LIMIT {
        let bound = sieve::count_bound(n.unsigned_abs());
        return Err(ApiError::value_error(
            args.name(0),
            format!(
                "{n} is above 2**32, primes()'s limit: the primes up to it would need about {} \
                 ({bound} int64)",
                crate::error::human_bytes(bound as f64 * 8.0)
            ),
        ));
    }
    let n = u64::try_from(n).unwrap_or(0);
    let bound = usize::try_from(sieve::count_bound(n)).unwrap_or(usize::MAX);
    let mut found: Vec<i64> = Vec::new();
    found
        .try_reserve_exact(bound)
        .map_err(|_| ApiError::out_of_memory_elements(bound, DType::I64))?;
    sieve::primes_into(n, &mut found);
    array::<i64>(out, &[found.len()], |o| {
        o.copy_from_slice(found.get(..o.len()).unwrap_or_default());
        Ok(())
    })
}

pub static FACTORIZE: Function = Function::new(
    "factorize",
    Family::NumberTheory,
    "(n: int, /) -> Array",
    "The prime factors of ``n`` with multiplicity, ascending, as an int64 array (empty for 1),\n\
     for every ``1 <= n < 2**63``: trial division, then Pollard's rho (Brent's variant) with a\n\
     deterministic Miller-Rabin test; milliseconds even for a product of two 31-bit primes.\n\
     ``n <= 0`` is a ValueError.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.factorize(360).tolist()\n\
     [2, 2, 2, 3, 3, 5]\n\
     >>> fastmath.factorize(2**62 + 1).tolist()\n\
     [5, 5581, 8681, 49477, 384773]",
    factorize_one,
);

fn factorize_one(args: &Args<'_>, out: &mut dyn Outputs) -> Result<Ret, ApiError> {
    let n = args.int(0)?;
    let m = u64::try_from(n).ok().filter(|&m| m > 0).ok_or_else(|| {
        ApiError::value_error(
            args.name(0),
            format!("expected a positive integer, got {n}"),
        )
    })?;
    let factors = factorize::factorize(m);
    array::<i64>(out, &[factors.len()], |o| {
        for (d, &s) in o.iter_mut().zip(&factors) {
            *d = i64::try_from(s).unwrap_or(i64::MAX);
        }
        Ok(())
    })
}
