//! Natural logarithm for `f32`, computed in `f32` four lanes at a time ([`Lanes32`]).
//!
//! # Algorithm
//!
//! `x = 2^e m` with `m` in `[sqrt(2)/2, sqrt(2))` (integer operations on the bits), `f = m - 1`
//! (exact: Sterbenz), and `log x = e ln 2 + log(1 + f)` with
//! `log(1 + f) = 2 atanh(s) = f - f^2/2 + s (f^2/2 + R(s^2))`, `s = f / (2 + f)`,
//! `|s| <= 0.1716`, `R(z) = z P(z) ~= 2 (atanh(s)/s - 1)`, `P` of degree 3 (error in `s R` below
//! 2^-33 with the coefficients as rounded to `f32`). The sum is ordered as
//! `e LN2_HI - ((f^2/2 - (s (f^2/2 + R) + e LN2_LO)) - f)`: `LN2_HI` has 15 significant bits, so
//! `e LN2_HI` is exact, and the terms that round are each a small fraction of the result (the
//! classic arrangement for single precision).
//!
//! Positive normal `x` take that path as it is; the slice loops send chunks holding anything
//! else to the scalar [`log_f32`], which scales a subnormal by 2^23 first (the exponent is
//! corrected by 23, so it is the same computation), and gives `-inf` at `±0`, NaN below 0 and
//! for NaN, `inf` at `inf`.
//!
//! Measured over every `f32` (`exhaustive` in `elementwise/float32_tests.rs`): at most
//! 0.8399 ulp from the `f64` kernel's result, at `x = 1.4133185` (`e = 0`, `f` near its
//! largest, where `f^2/2`'s rounding weighs most); the stated bound is 0.84. Only IEEE `+ - * /` and bit operations: the
//! same bits on every target, scalar or vector.

use super::lanes32::{BitLanes32, Lanes32};

/// The measured bound in `f32` ulps (see the module docs).
#[cfg(test)]
pub(super) const BOUND: f64 = 0.84;

/// The bits of `sqrt(2)/2` (rounded down): `m` is taken in `[SQRT_HALF, 2 SQRT_HALF)`.
pub(super) const SQRT_HALF: u32 = 0x3F35_04F3;
pub(super) const ONE: u32 = 0x3F80_0000;
pub(super) const MANTISSA: u32 = 0x007F_FFFF;
/// `1.5 * 2^23`, for the exponent's conversion to `f32`.
pub(super) const SHIFT: f32 = 12_582_912.0;
/// `ln 2` with its low 9 mantissa bits cleared (15 significant bits), and the rest.
pub(super) const LN2_HI: f32 = f32::from_bits(0x3F31_7200);
pub(super) const LN2_LO: f32 = 1.428_606_8e-6;
pub(super) const P: [f32; 4] = [
    f32::from_bits(0x3F2A_AAAA), // 0.6666666
    f32::from_bits(0x3ECC_CD68), // 0.40000463
    f32::from_bits(0x3E92_135E), // 0.285304
    f32::from_bits(0x3E72_AED9), // 0.23699512
];

/// `log` of positive normal lanes `x`; `scale` is the power of two `x` was multiplied by
/// (0 unless a subnormal was scaled up).
#[inline(always)]
fn log_scaled<L: Lanes32>(x: L, scale: u32) -> L {
    // Shift the bits so that the mantissa's carry into the exponent happens at sqrt(2)/2.
    let ix = x.to_bits().add(L::Bits::splat(ONE - SQRT_HALF));
    let e = ix.sar(23).sub(L::Bits::splat(127 + scale));
    let m = L::from_bits(
        ix.and(L::Bits::splat(MANTISSA))
            .add(L::Bits::splat(SQRT_HALF)),
    );
    let f = m - L::splat(1.0);
    // e as f32: the magic-add trick backwards (|e| < 2^22).
    let shift = L::splat(SHIFT);
    let e = L::from_bits(shift.to_bits().add(e)) - shift;
    let s = f / (L::splat(2.0) + f);
    let z = s * s;
    let mut p = L::splat(P[3]);
    for &c in P[..3].iter().rev() {
        p = p * z + L::splat(c);
    }
    let r = z * p;
    let hfsq = L::splat(0.5) * f * f;
    e * L::splat(LN2_HI) - ((hfsq - (s * (hfsq + r) + e * L::splat(LN2_LO))) - f)
}

/// `log` of positive normal finite lanes (the slice loops' fast path).
#[inline(always)]
pub(super) fn log_normal<L: Lanes32>(x: L) -> L {
    log_scaled(x, 0)
}

/// All ones in the lanes where `x` is positive, normal and finite: [`log_normal`]'s domain.
#[inline(always)]
pub(super) fn fast_domain<L: Lanes32>(x: L) -> L::Bits {
    let largest_subnormal = L::from_bits(L::Bits::splat(0x007F_FFFF));
    x.gt(largest_subnormal).and(x.lt(L::splat(f32::INFINITY)))
}

/// `log x` for one `f32`, every `x`.
#[inline]
pub(super) fn log_f32(x: f32) -> f32 {
    if fast_domain(x) != 0 {
        log_normal(x)
    } else if x > 0.0 && x.is_finite() {
        // Subnormal: exact scaling into the normal range.
        log_scaled(x * 8_388_608.0, 23)
    } else if x == 0.0 {
        f32::NEG_INFINITY
    } else if x == f32::INFINITY {
        x
    } else {
        f32::NAN
    }
}
