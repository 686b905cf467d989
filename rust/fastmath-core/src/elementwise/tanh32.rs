//! `tanh` for `f32`, computed in `f32` four lanes at a time ([`Lanes32`]), branch-free: one
//! path for every input, so the slice loops never leave the vector form.
//!
//! # Algorithm
//!
//! `tanh` is odd: computed on `a = |x|` and the sign bit put back (so `tanh(-0) = -0`).
//!
//! 1. `a < 0.55`: `tanh a = a + a z P(z)`, `z = a^2`, `P` of degree 4 (relative error of the
//!    whole below 2^-29.7 with its coefficients as rounded to `f32`). The correction
//!    `a z P` is at most a tenth of the result, so its roundings weigh a tenth of an ulp and the
//!    last addition is the one that counts. Subnormal `a` give `a z = 0`, the result `a`.
//! 2. `a >= 0.55` (clamped to 10, where `tanh` rounds to 1; `inf` too, and NaN passes):
//!    `tanh a = 1 - t`, `t = 2 / (e^(2a) + 1) < 0.5`. `e^(2a) = 2^n (y1 + lo)` unrounded from
//!    `exp32.rs` (to about 2^-29; renormalised by Fast2Sum, since `lo` can be 7% of `y1` and the
//!    quotient's correction below is first order), `d = e^(2a) + 1 = dh + dl` with Fast2Sum (exact),
//!    `q0 = 2 / dh` and its rounding error recovered from the exact remainder `2 - q0 dh`
//!    (`dd32::two_prod`), so `t = q0 + (remainder - q0 dl) q0 / 2` to about 2^-40. Then
//!    `1 - q0` is split exactly (Fast2Sum) and the result rounds once. Why not the polynomial
//!    further: `a - tanh a` grows to a third of `a`, and its roundings with it; why not the
//!    quotient below 0.55: `1 - t` cancels (`t` near 1 for small `a`).
//! 3. The vector form computes both and selects per lane.
//!
//! Measured over every `f32` (`exhaustive` in `elementwise/float32_tests.rs`): at most
//! 0.7924 ulp from the `f64` kernel's result, at `x = 0.54067945` (just below the switch, where
//! the polynomial's correction is largest); the stated bound is 0.80.
//! Only IEEE `+ - * /` and bit operations: the same bits on every target, scalar or vector.

use super::dd32::{fast_two_sum, two_prod};
use super::exp32::{parts, power};
use super::lanes32::{BitLanes32, Lanes32};

/// The measured bound in `f32` ulps (see the module docs).
#[cfg(test)]
pub(super) const BOUND: f64 = 0.80;

/// Below this `|x|`, the polynomial (step 1).
const SMALL: f32 = 0.55;
/// `|x|` is clamped to this: `tanh 10 = 1 - 4e-9` rounds to 1.
const SATURATE: f32 = 10.0;
const SIGN: u32 = 1 << 31;

/// `P(z) ~= (tanh(a) - a) / a^3`, `z = a^2 <= 0.55^2`, lowest degree first (a minimax fit of
/// the relative error, each coefficient rounded to `f32` before the next ones were refitted).
const P: [f32; 5] = [
    f32::from_bits(0xBEAA_AAA5), // -0.33333316
    f32::from_bits(0x3E08_8677), // 0.13332544
    f32::from_bits(0xBD5C_8F3F), // -0.053847548
    f32::from_bits(0x3CAC_728C), // 0.021050714
    f32::from_bits(0xBBCC_90D0), // -0.006242849
];

/// `tanh x` per lane, every `x` (NaN in, NaN out).
#[inline(always)]
pub(super) fn tanh_any<L: Lanes32>(x: L) -> L {
    let bits = x.to_bits();
    let sign = bits.and(L::Bits::splat(SIGN));
    let a = L::from_bits(bits.and(L::Bits::splat(!SIGN)));
    // Step 1.
    let z = a * a;
    let mut p = L::splat(P[4]);
    for &c in P[..4].iter().rev() {
        p = p * z + L::splat(c);
    }
    let small = a + (a * z) * p;
    // Step 2.
    let ac = L::select(a.gt(L::splat(SATURATE)), L::splat(SATURATE), a);
    let (y1, lo, n) = parts(ac + ac);
    let scale = L::from_bits(power(n));
    // e^r = eh + el normalised (lo is up to 7% of y1: the quotient's correction is linear).
    let (eh, el) = fast_two_sum(y1, lo);
    let (dh, de) = fast_two_sum(eh * scale, L::splat(1.0));
    let dl = de + el * scale;
    let two = L::splat(2.0);
    let q0 = two / dh;
    let (pr, pe) = two_prod(q0, dh);
    let corr = (((two - pr) - pe) - q0 * dl) * (q0 * L::splat(0.5));
    let (w, c) = fast_two_sum(L::splat(1.0), L::splat(0.0) - q0);
    let large = w + (c - corr);
    let y = L::select(a.lt(L::splat(SMALL)), small, large);
    L::from_bits(y.to_bits().xor(sign))
}

/// Every lane is in [`tanh_any`]'s domain (all ones).
#[inline(always)]
pub(super) fn fast_domain<L: Lanes32>(_x: L) -> L::Bits {
    L::Bits::splat(u32::MAX)
}

/// `tanh x` for one `f32`, every `x`.
#[inline]
pub(super) fn tanh_f32(x: f32) -> f32 {
    tanh_any(x)
}
