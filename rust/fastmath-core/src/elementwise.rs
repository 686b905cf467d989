//! Elementwise kernels: one output element per input element.
//!
//! Each kernel writes into a caller-provided output slice so that bindings can hand in memory
//! the result will live in (a numpy array, an `array.array`, a wasm buffer) and no copy follows.
//! Results are the IEEE ones numpy gives: `sqrt(-1)` and `log(-1)` are NaN, `log(0)` is `-inf`,
//! never an error. Binary arithmetic (`add`, `subtract`, ...) lives in [`crate::binary`].

use crate::{Error, Result};

pub(crate) mod dd;
mod dd32;
mod exp;
mod exp32;
pub(crate) mod expm1;
mod expm1_32;
#[cfg(test)]
mod float32_tests;
pub(crate) mod lanes;
mod lanes32;
mod log;
mod log1p;
mod log1p32;
mod log32;
mod numeric;
#[cfg(test)]
mod reference;
mod sigmoid;
mod sigmoid32;
mod tanh;
mod tanh32;
mod trig;
mod trig32;

pub use numeric::{Float, Numeric};

/// `x * x` for one value (wrapping for integers, as numpy's `square`).
#[inline]
pub fn square<T: Numeric>(x: T) -> T {
    x.times(x)
}

/// Writes `x[i] * x[i]` to `out[i]` (wrapping for integers).
pub fn square_into<T: Numeric>(x: &[T], out: &mut [T]) -> Result<()> {
    check_output(x.len(), out.len())?;
    map_into(x, out, square);
    Ok(())
}

/// Squares `x` in place: for results the caller already owns.
pub fn square_in_place<T: Numeric>(x: &mut [T]) {
    map_in_place(x, square);
}

/// Writes `a * x[i]` to `out[i]`: `dot` of a scalar and a vector.
pub fn scale_into(a: f64, x: &[f64], out: &mut [f64]) -> Result<()> {
    check_output(x.len(), out.len())?;
    for (o, &v) in out.iter_mut().zip(x) {
        *o = a * v;
    }
    Ok(())
}

/// Defines, for one scalar function `$name` generic over the element types of `$bound`, the
/// slice kernels `$name_into(x, out)` and `$name_in_place(x)`.
macro_rules! unary_kernels {
    ($bound:ident: $($name:ident, $into:ident, $in_place:ident;)*) => {$(
        #[doc = concat!("Writes `", stringify!($name), "(x[i])` to `out[i]`; ")]
        #[doc = "`Error::OutputLength` (InvalidValue) when the lengths differ."]
        pub fn $into<T: $bound>(x: &[T], out: &mut [T]) -> Result<()> {
            check_output(x.len(), out.len())?;
            map_into(x, out, $name);
            Ok(())
        }

        #[doc = concat!("Applies `", stringify!($name), "` to every element of `x` in place.")]
        pub fn $in_place<T: $bound>(x: &mut [T]) {
            map_in_place(x, $name);
        }
    )*};
}

/// `out[i] = f(x[i])` as a plain zip (no bounds checks): LLVM vectorises it when `f`'s body is
/// vectorisable (abs, relu, sqrt, square: four `f32` lanes per instruction on wasm32
/// `simd128`, two `f64`) and emits a tight call loop for the others.
/// `out.len() == x.len()` is checked by the caller.
#[inline]
fn map_into<T: Copy>(x: &[T], out: &mut [T], f: impl Fn(T) -> T) {
    for (o, &v) in out.iter_mut().zip(x) {
        *o = f(v);
    }
}

#[inline]
fn map_in_place<T: Copy>(x: &mut [T], f: impl Fn(T) -> T) {
    for v in x.iter_mut() {
        *v = f(*v);
    }
}

/// [`map_into`] in chunks of four on wasm32, for a long branch-free body (exp): rustc
/// keeps this body scalar for wasm32 (the table lookup is a gather LLVM does not vectorise),
/// but the four independent dependency chains per iteration are overlapped by the engine's
/// code, where the plain loop has one and waits on its latency (exp on 1e6
/// doubles under node: 4.1 ms instead of 5.0; chunks of 8 spill registers and are slower).
/// Elsewhere the plain loop: on x86-64 (SSE2) the chunked one is slower (4.5 ms against 4.0).
/// The same operations per element either way, so the same bits.
#[inline]
fn map_into_x4(x: &[f64], out: &mut [f64], f: impl Fn(f64) -> f64) {
    if !cfg!(target_arch = "wasm32") {
        return map_into(x, out, f);
    }
    let mut xs = x.chunks_exact(4);
    let mut outs = out.chunks_exact_mut(4);
    for (o, v) in (&mut outs).zip(&mut xs) {
        for (o, &v) in o.iter_mut().zip(v) {
            *o = f(v);
        }
    }
    map_into(xs.remainder(), outs.into_remainder(), f);
}

/// [`map_in_place`] in chunks of four on wasm32 (see [`map_into_x4`]).
#[inline]
fn map_in_place_x4(x: &mut [f64], f: impl Fn(f64) -> f64) {
    if !cfg!(target_arch = "wasm32") {
        return map_in_place(x, f);
    }
    let mut xs = x.chunks_exact_mut(4);
    for v in &mut xs {
        for v in v.iter_mut() {
            *v = f(*v);
        }
    }
    map_in_place(xs.into_remainder(), f);
}

unary_kernels! { Float:
    sqrt, sqrt_into, sqrt_in_place;
}

unary_kernels! { Numeric:
    abs, abs_into, abs_in_place;
    relu, relu_into, relu_in_place;
}

/// Writes `exp(x[i])` to `out[i]`; `Error::OutputLength` (InvalidValue) when the lengths
/// differ.
pub fn exp_into(x: &[f64], out: &mut [f64]) -> Result<()> {
    check_output(x.len(), out.len())?;
    map_into_x4(x, out, exp);
    Ok(())
}

/// Applies `exp` to every element of `x` in place.
pub fn exp_in_place(x: &mut [f64]) {
    map_in_place_x4(x, exp);
}

/// Square root, correctly rounded in the element's own type; NaN for negative input (IEEE, as
/// numpy), `-0.0` for `-0.0`.
#[inline]
pub fn sqrt<T: Float>(x: T) -> T {
    x.root()
}

/// `e^x`, within 1 ulp (0.504 measured); `inf` above about 709.78, subnormal below about -708.4.
/// Branch-free and libm-free (the algorithm and its error bound are in `elementwise/exp.rs`), so
/// every platform gives the same bits. ([`exp_into`] stays scalar on wasm32, unrolled by four;
/// the two-lane loops of `log`, `sin` and the others are in `elementwise/lanes.rs`.)
#[inline]
pub fn exp(x: f64) -> f64 {
    exp::exp(x)
}

/// Natural logarithm, within 1 ulp (0.503 measured, bound 0.51); `-inf` at `±0`, NaN below 0.
/// Branch-free and libm-free (the algorithm and its error bound are in `elementwise/log.rs`):
/// no libm call per element in [`log_into`] and [`log_in_place`], and every platform gives the
/// same bits.
#[inline]
pub fn log(x: f64) -> f64 {
    log::log(x)
}

/// Writes `log(x[i])` to `out[i]`; `Error::OutputLength` (InvalidValue) when the lengths
/// differ. Two lanes per instruction on wasm32 `simd128` (`elementwise/lanes.rs`); chunks with
/// a zero, negative, subnormal, infinite or NaN element go through the scalar [`log`].
pub fn log_into(x: &[f64], out: &mut [f64]) -> Result<()> {
    check_output(x.len(), out.len())?;
    lanes::map_into_x2(
        x,
        out,
        log::is_normal_positive,
        log::log_normal::<lanes::F64x2>,
        log::log_normal::<f64>,
        log,
    );
    Ok(())
}

/// Applies `log` to every element of `x` in place (as [`log_into`]).
pub fn log_in_place(x: &mut [f64]) {
    lanes::map_in_place_x2(
        x,
        log::is_normal_positive,
        log::log_normal::<lanes::F64x2>,
        log::log_normal::<f64>,
        log,
    );
}

/// `log(1 + x)`, within 1 ulp (0.503 measured, bound 0.51) down to the tiniest `x`, where
/// `log(1.0 + x)` loses every digit; `-inf` at -1, NaN below. Branch-free and libm-free, on
/// `log`'s kernel (`elementwise/log1p.rs`).
#[inline]
pub fn log1p(x: f64) -> f64 {
    log1p::log1p(x)
}

/// Writes `log1p(x[i])` to `out[i]`; `Error::OutputLength` (InvalidValue) when the lengths
/// differ. Two lanes per instruction on wasm32 `simd128`, as [`log_into`]; chunks with an
/// element outside `(-1, 2^1000)` or a zero go through the scalar [`log1p`].
pub fn log1p_into(x: &[f64], out: &mut [f64]) -> Result<()> {
    check_output(x.len(), out.len())?;
    lanes::map_into_x2(
        x,
        out,
        log1p::is_fast,
        log1p::log1p_fast::<lanes::F64x2>,
        log1p::log1p_fast::<f64>,
        log1p,
    );
    Ok(())
}

/// Applies `log1p` to every element of `x` in place (as [`log1p_into`]).
pub fn log1p_in_place(x: &mut [f64]) {
    lanes::map_in_place_x2(
        x,
        log1p::is_fast,
        log1p::log1p_fast::<lanes::F64x2>,
        log1p::log1p_fast::<f64>,
        log1p,
    );
}

/// `e^x - 1`, within 1 ulp (0.504 measured, bound 0.51), also for tiny `x` where
/// `exp(x) - 1.0` cancels; -1 below about -37.4, `inf` above about 709.78. Branch-free and
/// libm-free, on `exp`'s reduction with the subtraction of 1 kept exact
/// (`elementwise/expm1.rs`).
#[inline]
pub fn expm1(x: f64) -> f64 {
    expm1::expm1(x)
}

/// Writes `expm1(x[i])` to `out[i]`; `Error::OutputLength` (InvalidValue) when the lengths
/// differ. Two lanes per instruction on wasm32 `simd128`, as [`log_into`]; chunks with an
/// element outside `[-40, 700]` or a zero go through the scalar [`expm1`].
pub fn expm1_into(x: &[f64], out: &mut [f64]) -> Result<()> {
    check_output(x.len(), out.len())?;
    if !lanes::TWO_LANES {
        // On x86-64 the plain loop measured 2x faster than the chunked one (5.5 against 10 ns).
        map_into(x, out, expm1);
        return Ok(());
    }
    lanes::map_into_x2(
        x,
        out,
        expm1::is_fast,
        expm1::expm1_fast::<lanes::F64x2>,
        expm1::expm1_fast::<f64>,
        expm1,
    );
    Ok(())
}

/// Applies `expm1` to every element of `x` in place (as [`expm1_into`]).
pub fn expm1_in_place(x: &mut [f64]) {
    if !lanes::TWO_LANES {
        return map_in_place(x, expm1);
    }
    lanes::map_in_place_x2(
        x,
        expm1::is_fast,
        expm1::expm1_fast::<lanes::F64x2>,
        expm1::expm1_fast::<f64>,
        expm1,
    );
}

/// Sine (radians), within 1 ulp (0.82 measured) for every finite `x`, huge ones included (the
/// reduction is exact to far below an ulp); NaN for inf and NaN. Libm-free (the algorithm and
/// its error bound are in `elementwise/trig.rs`): branch-free for `|x| <= 2^20`, where
/// [`sin_into`] and [`sin_in_place`] run two lanes per instruction on wasm32 `simd128`, and
/// every platform gives the same bits.
#[inline]
pub fn sin(x: f64) -> f64 {
    trig::sin(x)
}

/// Cosine (radians), within 1 ulp (0.81 measured) for every finite `x`; NaN for inf and NaN.
/// As [`sin`].
#[inline]
pub fn cos(x: f64) -> f64 {
    trig::cos(x)
}

/// Tangent (radians), within 1 ulp (0.88 measured) for every finite `x`; NaN for inf and NaN.
/// As [`sin`].
#[inline]
pub fn tan(x: f64) -> f64 {
    trig::tan(x)
}

/// The slice kernels of `sin`, `cos` and `tan`: their loops (in `elementwise/trig.rs`) run the
/// branch-free kernel on chunks whose lanes are all in its range and the full function on the
/// rest, so they do not fit [`unary_kernels!`].
macro_rules! trig_kernels {
    ($($kind:ident, $name:ident, $into:ident, $in_place:ident;)*) => {$(
        #[doc = concat!("Writes `", stringify!($name), "(x[i])` to `out[i]`; ")]
        #[doc = "`Error::OutputLength` (InvalidValue) when the lengths differ."]
        pub fn $into(x: &[f64], out: &mut [f64]) -> Result<()> {
            check_output(x.len(), out.len())?;
            trig::map_into(trig::Trig::$kind, x, out);
            Ok(())
        }

        #[doc = concat!("Applies `", stringify!($name), "` to every element of `x` in place.")]
        pub fn $in_place(x: &mut [f64]) {
            trig::map_in_place(trig::Trig::$kind, x);
        }
    )*};
}

trig_kernels! {
    Sin, sin, sin_into, sin_in_place;
    Cos, cos, cos_into, cos_in_place;
    Tan, tan, tan_into, tan_in_place;
}

/// Hyperbolic tangent, within 1 ulp (see `elementwise/tanh.rs` for the measured error); `±1`
/// from `|x| = 20` up and for `±inf`, `x` itself below `2^-27` (and for `±0`), NaN for NaN.
/// Libm-free, on `expm1`'s kernel, so every platform gives the same bits.
#[inline]
pub fn tanh(x: f64) -> f64 {
    tanh::tanh(x)
}

/// Writes `tanh(x[i])` to `out[i]`; `Error::OutputLength` (InvalidValue) when the lengths
/// differ. Two lanes per instruction on wasm32 `simd128`, as [`log_into`]; chunks with an
/// element outside `2^-27 <= |x| <= 20` go through the scalar [`tanh`].
pub fn tanh_into(x: &[f64], out: &mut [f64]) -> Result<()> {
    check_output(x.len(), out.len())?;
    lanes::map_into_x2(
        x,
        out,
        tanh::is_fast,
        tanh::tanh_fast::<lanes::F64x2>,
        tanh::tanh_fast::<f64>,
        tanh,
    );
    Ok(())
}

/// Applies `tanh` to every element of `x` in place (as [`tanh_into`]).
pub fn tanh_in_place(x: &mut [f64]) {
    lanes::map_in_place_x2(
        x,
        tanh::is_fast,
        tanh::tanh_fast::<lanes::F64x2>,
        tanh::tanh_fast::<f64>,
        tanh,
    );
}

/// Absolute value: for floats the sign bit cleared (NaN stays NaN, `abs(-0.0)` is `0.0`); for
/// signed integers numpy's wrap-around (`abs(int8(-128))` is `-128`).
#[inline]
pub fn abs<T: Numeric>(x: T) -> T {
    x.magnitude()
}

/// The logistic function `1 / (1 + e^-x)`, within 1 ulp (measured: see
/// `elementwise/sigmoid.rs`), never overflowing: the naive form gives `inf` intermediates (and
/// then 0 or NaN) for `x < -709`, while here large negative `x` underflow gracefully to tiny
/// positive results and large positive `x` round to exactly 1. NaN gives NaN. Libm-free, on
/// `expm1`'s kernel, so every platform gives the same bits.
#[inline]
pub fn sigmoid(x: f64) -> f64 {
    sigmoid::sigmoid(x)
}

/// Writes `sigmoid(x[i])` to `out[i]`; `Error::OutputLength` (InvalidValue) when the lengths
/// differ. Two lanes per instruction on wasm32 `simd128`, as [`log_into`]; chunks with an
/// element outside `|x| <= 40` go through the scalar [`sigmoid`].
pub fn sigmoid_into(x: &[f64], out: &mut [f64]) -> Result<()> {
    check_output(x.len(), out.len())?;
    lanes::map_into_x2(
        x,
        out,
        sigmoid::is_fast,
        sigmoid::sigmoid_fast::<lanes::F64x2>,
        sigmoid::sigmoid_fast::<f64>,
        sigmoid,
    );
    Ok(())
}

/// Applies `sigmoid` to every element of `x` in place (as [`sigmoid_into`]).
pub fn sigmoid_in_place(x: &mut [f64]) {
    lanes::map_in_place_x2(
        x,
        sigmoid::is_fast,
        sigmoid::sigmoid_fast::<lanes::F64x2>,
        sigmoid::sigmoid_fast::<f64>,
        sigmoid,
    );
}

/// The `float32` transcendentals computed in `f32`, four lanes per instruction on wasm32
/// `simd128` (`elementwise/lanes32.rs`): twice the lanes of the `f64` kernels. Each kernel
/// module states its algorithm and the error bound measured over every `f32` (`BOUND`, checked
/// by `float32_tests.rs`); chunks holding an element outside the kernel's fast domain go
/// through the scalar form, which gives the same bits for the elements the fast path takes.
macro_rules! f32_native_kernels {
    ($($name:ident, $into:ident, $in_place:ident: $m:ident::{$scalar:ident, $fast:ident};)*) => {$(
        #[doc = concat!("`", stringify!($name), "` of one `f32`, computed in `f32`.")]
        #[inline]
        pub fn $name(x: f32) -> f32 {
            $m::$scalar(x)
        }

        #[doc = concat!("Writes `", stringify!($name), "(x[i])` to `out[i]` (four lanes at a ")]
        #[doc = "time); `Error::OutputLength` (InvalidValue) when the lengths differ."]
        pub fn $into(x: &[f32], out: &mut [f32]) -> Result<()> {
            check_output(x.len(), out.len())?;
            lanes32::map_into_x4(
                x,
                out,
                ($m::fast_domain::<lanes32::F32x4>, $m::fast_domain::<f32>),
                $m::$fast::<lanes32::F32x4>,
                $m::$fast::<f32>,
                $m::$scalar,
            );
            Ok(())
        }

        #[doc = concat!("Applies `", stringify!($name), "` to every `f32` of `x` in place.")]
        pub fn $in_place(x: &mut [f32]) {
            lanes32::map_in_place_x4(
                x,
                ($m::fast_domain::<lanes32::F32x4>, $m::fast_domain::<f32>),
                $m::$fast::<lanes32::F32x4>,
                $m::$fast::<f32>,
                $m::$scalar,
            );
        }
    )*};
}

f32_native_kernels! {
    exp_f32, exp_f32_into, exp_f32_in_place: exp32::{exp_f32, exp_fast};
    log_f32, log_f32_into, log_f32_in_place: log32::{log_f32, log_normal};
    sin_f32, sin_f32_into, sin_f32_in_place: trig32::{sin_f32, sin_small};
    cos_f32, cos_f32_into, cos_f32_in_place: trig32::{cos_f32, cos_small};
    tanh_f32, tanh_f32_into, tanh_f32_in_place: tanh32::{tanh_f32, tanh_any};
    sigmoid_f32, sigmoid_f32_into, sigmoid_f32_in_place: sigmoid32::{sigmoid_f32, sigmoid_fast};
    expm1_f32, expm1_f32_into, expm1_f32_in_place: expm1_32::{expm1_f32, expm1_fast};
    log1p_f32, log1p_f32_into, log1p_f32_in_place: log1p32::{log1p_f32, log1p_fast};
    tan_f32, tan_f32_into, tan_f32_in_place: trig32::{tan_f32, tan_small};
}

/// `maximum(x, 0)` with numpy's NaN propagation: NaN stays NaN (a plain `x.max(0.0)` would turn
/// NaN into 0 and hide it). `relu(-0.0)` is `0.0`, as numpy's `maximum(-0.0, 0.0)`.
#[inline]
pub fn relu<T: Numeric>(x: T) -> T {
    maximum(x, T::ZERO)
}

/// numpy's `maximum`: the larger of `a` and `b`, NaN when either is NaN; on a tie (`-0.0` and
/// `0.0`) the second argument, as numpy returns.
#[inline]
pub fn maximum<T: Numeric>(a: T, b: T) -> T {
    if a > b || a.is_nan_value() { a } else { b }
}

/// numpy's `minimum`: the smaller of `a` and `b`, NaN when either is NaN; on a tie the second
/// argument, as numpy returns.
#[inline]
pub fn minimum<T: Numeric>(a: T, b: T) -> T {
    if a < b || a.is_nan_value() { a } else { b }
}

/// numpy's `clip`: `x` raised to `lo`, then lowered to `hi`. A NaN in `x`, `lo` or `hi` gives
/// NaN; when `lo > hi` every result is `hi` (numpy does not reorder the bounds); on a tie
/// (`-0.0` against `0.0`) `x` is kept, as numpy's `clip` does.
#[inline]
pub fn clip<T: Numeric>(x: T, lo: T, hi: T) -> T {
    let raised = if x < lo || lo.is_nan_value() { lo } else { x };
    if raised > hi || hi.is_nan_value() {
        hi
    } else {
        raised
    }
}

/// Writes `clip(x[i], lo, hi)` to `out[i]`; `Error::OutputLength` (InvalidValue) when the
/// lengths differ.
pub fn clip_into<T: Numeric>(x: &[T], lo: T, hi: T, out: &mut [T]) -> Result<()> {
    check_output(x.len(), out.len())?;
    map_into(x, out, |v| clip(v, lo, hi));
    Ok(())
}

/// Clips `x` in place (see [`clip`]).
pub fn clip_in_place<T: Numeric>(x: &mut [T], lo: T, hi: T) {
    map_in_place(x, |v| clip(v, lo, hi));
}

/// Writes `clip(x[i], lo[i], hi[i])` to `out[i]`: bounds per element (numpy's array bounds,
/// broadcast by the caller). `Error::LengthMismatch` when a bound's length differs from `x`'s,
/// `Error::OutputLength` when `out`'s does (both InvalidValue).
pub fn clip_each_into<T: Numeric>(x: &[T], lo: &[T], hi: &[T], out: &mut [T]) -> Result<()> {
    for bound in [lo.len(), hi.len()] {
        if bound != x.len() {
            return Err(Error::LengthMismatch {
                left: x.len(),
                right: bound,
            });
        }
    }
    check_output(x.len(), out.len())?;
    for (((o, &v), &l), &h) in out.iter_mut().zip(x).zip(lo).zip(hi) {
        *o = clip(v, l, h);
    }
    Ok(())
}

pub(crate) fn check_output(expected: usize, got: usize) -> Result<()> {
    if expected == got {
        Ok(())
    } else {
        Err(Error::OutputLength { expected, got })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_into_matches_scalar() {
        let x = [-2.0, 0.0, 1.5, f64::INFINITY, f64::NAN];
        let mut out = [0.0; 5];
        square_into(&x, &mut out).unwrap();
        assert_eq!(&out[..4], &[4.0, 0.0, 2.25, f64::INFINITY]);
        assert!(out[4].is_nan());
    }

    #[test]
    fn output_length_is_checked() {
        let mut out = [0.0; 2];
        assert_eq!(
            square_into(&[1.0], &mut out),
            Err(Error::OutputLength {
                expected: 1,
                got: 2
            })
        );
    }

    fn same(a: f64, b: f64) -> bool {
        (a.is_nan() && b.is_nan()) || (a == b && a.is_sign_negative() == b.is_sign_negative())
    }

    #[test]
    fn ieee_special_values() {
        assert!(sqrt(-1.0f64).is_nan());
        assert!(log(-1.0).is_nan());
        assert_eq!(log(0.0), f64::NEG_INFINITY);
        assert_eq!(exp(1000.0), f64::INFINITY);
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert_eq!(log1p(-1.0), f64::NEG_INFINITY);
        assert_eq!(log1p(1e-300), 1e-300);
        assert_eq!(expm1(1e-300), 1e-300);
        assert_eq!(tanh(1e6), 1.0);
        assert!(same(abs(-0.0), 0.0));
        assert!(abs(f64::NAN).is_nan());
    }

    #[test]
    fn sigmoid_is_stable_for_large_magnitudes() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert_eq!(sigmoid(800.0), 1.0);
        assert_eq!(sigmoid(f64::INFINITY), 1.0);
        assert_eq!(sigmoid(f64::NEG_INFINITY), 0.0);
        // e^-740 is subnormal but non-zero: the naive form gives 1/(1+inf) = 0.
        let s = sigmoid(-740.0);
        assert!(s > 0.0 && s < 1e-320, "{s}");
        assert!((sigmoid(-30.0) - (-30.0f64).exp() / (1.0 + (-30.0f64).exp())).abs() < 1e-28);
        assert!(sigmoid(f64::NAN).is_nan());
        for i in -200..200 {
            let x = f64::from(i) * 0.37;
            let naive = 1.0 / (1.0 + (-x).exp());
            // Both forms round three or four times: a few ulps apart at most.
            assert!(
                (sigmoid(x) - naive).abs() <= 4.0 * f64::EPSILON * naive,
                "{x}"
            );
            assert!((sigmoid(x) + sigmoid(-x) - 1.0).abs() <= 2.3e-16);
        }
    }

    #[test]
    fn relu_and_clip_follow_numpy() {
        assert_eq!(relu(-3.0), 0.0);
        assert_eq!(relu(2.5), 2.5);
        assert!(relu(f64::NAN).is_nan());
        // numpy: maximum(-0.0, 0.0) is 0.0 and maximum(0.0, -0.0) is -0.0 (ties give b).
        assert!(same(relu(-0.0), 0.0));
        assert!(same(maximum(0.0, -0.0), -0.0));
        assert!(same(minimum(-0.0, 0.0), 0.0));
        assert!(same(minimum(0.0, -0.0), -0.0));
        assert!(maximum(f64::NAN, 1.0).is_nan() && maximum(1.0, f64::NAN).is_nan());
        assert!(minimum(f64::NAN, 1.0).is_nan() && minimum(1.0, f64::NAN).is_nan());
        // numpy's clip keeps x on ties: clip(-0.0, 0.0, 1.0) is -0.0, clip(0.0, -1.0, -0.0) is 0.0.
        assert!(same(clip(-0.0, 0.0, 1.0), -0.0));
        assert!(same(clip(0.0, -1.0, -0.0), 0.0));
        assert!(same(clip(-0.0, -1.0, 0.0), -0.0));
        assert!(same(clip(0.0, -0.0, 1.0), 0.0));
        assert_eq!(clip(5.0, 0.0, 3.0), 3.0);
        assert_eq!(clip(-5.0, 0.0, 3.0), 0.0);
        assert_eq!(clip(1.0, 0.0, 3.0), 1.0);
        // lo > hi: numpy gives hi everywhere.
        assert_eq!(clip(1.0, 3.0, 2.0), 2.0);
        assert_eq!(clip(5.0, 3.0, 2.0), 2.0);
        assert!(clip(f64::NAN, 0.0, 1.0).is_nan());
        assert!(clip(0.5, f64::NAN, 1.0).is_nan());
        assert!(clip(0.5, 0.0, f64::NAN).is_nan());
        assert_eq!(clip(f64::INFINITY, 0.0, 1.0), 1.0);
        let mut out = [0.0; 3];
        clip_into(&[-1.0, 0.5, 9.0], 0.0, 1.0, &mut out).unwrap();
        assert_eq!(out, [0.0, 0.5, 1.0]);
        assert!(clip_into(&[1.0], 0.0, 1.0, &mut out).is_err());
    }

    #[test]
    fn slice_kernels_match_scalar_functions() {
        let x = [
            -2.5,
            -1.0,
            -0.0,
            0.0,
            1e-300,
            0.5,
            1.0,
            3.0,
            700.0,
            -745.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        type Kernel = (
            fn(f64) -> f64,
            fn(&[f64], &mut [f64]) -> Result<()>,
            fn(&mut [f64]),
        );
        let kernels: [Kernel; 12] = [
            (sqrt, sqrt_into, sqrt_in_place),
            (exp, exp_into, exp_in_place),
            (log, log_into, log_in_place),
            (log1p, log1p_into, log1p_in_place),
            (expm1, expm1_into, expm1_in_place),
            (sin, sin_into, sin_in_place),
            (cos, cos_into, cos_in_place),
            (tan, tan_into, tan_in_place),
            (tanh, tanh_into, tanh_in_place),
            (abs, abs_into, abs_in_place),
            (sigmoid, sigmoid_into, sigmoid_in_place),
            (relu, relu_into, relu_in_place),
        ];
        for (f, into, in_place) in kernels {
            let mut out = [0.0; 13];
            into(&x, &mut out).unwrap();
            let mut y = x;
            in_place(&mut y);
            for i in 0..x.len() {
                assert!(same(out[i], f(x[i])), "{} -> {}", x[i], out[i]);
                assert!(same(y[i], f(x[i])));
            }
            assert!(into(&x, &mut [0.0; 3]).is_err());
        }
    }

    #[test]
    fn in_place_and_scale() {
        let mut x = [3.0, -1.0];
        square_in_place(&mut x);
        assert_eq!(x, [9.0, 1.0]);
        let mut out = [0.0; 2];
        scale_into(0.5, &x, &mut out).unwrap();
        assert_eq!(out, [4.5, 0.5]);
    }

    #[test]
    fn generic_kernels_follow_numpy_per_type() {
        let mut out = [0i8; 4];
        square_into(&[12i8, -12, 11, 0], &mut out).unwrap();
        assert_eq!(out, [-112, -112, 121, 0]);
        abs_into(&[-128i8, -1, 5, 0], &mut out).unwrap();
        assert_eq!(out, [-128, 1, 5, 0]);
        relu_into(&[-128i8, -1, 5, 0], &mut out).unwrap();
        assert_eq!(out, [0, 0, 5, 0]);
        let mut u = [250u8, 3, 0];
        relu_in_place(&mut u);
        square_in_place(&mut u);
        assert_eq!(u, [36, 9, 0]);
        let mut f = [0.0f32; 3];
        sqrt_into(&[2.0f32, -1.0, 0.25], &mut f).unwrap();
        assert_eq!(f[0], 2.0f32.sqrt());
        assert!(f[1].is_nan() && f[2] == 0.5);
        relu_into(&[-0.0f32, f32::NAN, 2.0], &mut f).unwrap();
        assert!(same(f64::from(f[0]), 0.0) && f[1].is_nan() && f[2] == 2.0);
        // Integer clip, scalar bounds and per-element bounds.
        let mut c = [0i16; 4];
        clip_into(&[-5i16, 0, 7, 300], 0, 100, &mut c).unwrap();
        assert_eq!(c, [0, 0, 7, 100]);
        clip_each_into(&[-5i16, 0, 7, 300], &[0, 1, 8, 0], &[1, 1, 9, -1], &mut c).unwrap();
        assert_eq!(c, [0, 1, 8, -1]);
        let mut g = [0.0f64; 3];
        clip_each_into(
            &[0.5, 0.5, f64::NAN],
            &[f64::NAN, 0.0, 0.0],
            &[1.0, 0.25, 1.0],
            &mut g,
        )
        .unwrap();
        assert!(g[0].is_nan() && g[1] == 0.25 && g[2].is_nan());
        assert_eq!(
            clip_each_into(&[1.0], &[0.0, 0.0], &[1.0], &mut [0.0]),
            Err(Error::LengthMismatch { left: 1, right: 2 })
        );
        assert!(clip_each_into(&[1.0], &[0.0], &[1.0], &mut [0.0; 2]).is_err());
    }
}
