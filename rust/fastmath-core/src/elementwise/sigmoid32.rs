//! The logistic function `1 / (1 + e^-x)` for `f32`, computed in `f32` four lanes at a time
//! ([`Lanes32`]).
//!
//! # Algorithm
//!
//! For `x > -80`: `u = e^-|x|` (`|x|` clamped to 80, where `1 / (1 + u)` rounds to 1; `inf`
//! too) as the unrounded pair `uh + ul` from `exp32.rs` (`2^n (y1 + lo)`, to about 2^-29;
//! renormalised by Fast2Sum, since `lo` can be 7% of `y1` and the quotient's correction is
//! first order), `d = 1 + u = dh + dl` (Fast2Sum: exact), and the quotient `n / d` with `n = 1` for
//! `x >= 0` and `n = u` for `x < 0` (`sigmoid(x) = e^x / (1 + e^x)`: no cancellation on
//! either side, unlike `1 - sigmoid(|x|)`, which loses everything below `2^-24`). One division
//! gives `q0` (the numerator times `1 / dh`); its error is recovered from the exact remainder
//! `nh - q0 dh` (`dd32::two_prod`) and added back with `dl` and `ul`'s terms, so the result
//! rounds once, on a quotient known to about 2^-40.
//!
//! For `x <= -80` (and `-inf`) the scalar form returns `e^x` (`exp32.rs`): `sigmoid(x) =
//! e^x (1 - e^x + ...)` and `e^x < 2^-115`. Where the fast path would reach the subnormal
//! range its products would round, so it stops at -80. NaN gives NaN.
//!
//! Measured over every `f32` (`exhaustive` in `elementwise/float32_tests.rs`): at most
//! 0.7626 ulp from the `f64` kernel's result, at `x = -87.58676`: `exp32.rs`'s own worst case (a
//! subnormal result, rounded twice), which the scalar form returns there; the stated bound is
//! 0.77. Only IEEE `+ - * /` and bit operations: the same bits on every target, scalar or vector.

use super::dd32::{fast_two_sum, two_prod};
use super::exp32::{exp_f32, parts, power};
use super::lanes32::{BitLanes32, Lanes32};

/// The measured bound in `f32` ulps (see the module docs).
#[cfg(test)]
pub(super) const BOUND: f64 = 0.77;

/// The fast path takes `x > -LIMIT`, and clamps `|x|` to `LIMIT`.
const LIMIT: f32 = 80.0;
const SIGN: u32 = 1 << 31;

/// `sigmoid x` per lane for `x > -80` (see [`fast_domain`]); NaN gives NaN.
#[inline(always)]
pub(super) fn sigmoid_fast<L: Lanes32>(x: L) -> L {
    let bits = x.to_bits();
    // -|x|, clamped to -LIMIT.
    let na = L::from_bits(bits.and(L::Bits::splat(!SIGN)).xor(L::Bits::splat(SIGN)));
    let na = L::select(na.lt(L::splat(-LIMIT)), L::splat(-LIMIT), na);
    let (y1, lo, n) = parts(na);
    let scale = L::from_bits(power(n));
    // e^r = eh + el normalised (lo is up to 7% of y1: the quotient's correction is linear).
    let (eh, el) = fast_two_sum(y1, lo);
    let (uh, ul) = (eh * scale, el * scale);
    let one = L::splat(1.0);
    let (dh, de) = fast_two_sum(one, uh);
    let dl = de + ul;
    // All ones where x < 0 (the sign bit spread).
    let neg = bits.sar(31);
    let nh = L::select(neg, uh, one);
    let nl = L::select(neg, ul, L::splat(0.0));
    let inv = one / dh;
    let q0 = nh * inv;
    let (p, pe) = two_prod(q0, dh);
    q0 + ((((nh - p) - pe) + nl) - q0 * dl) * inv
}

/// All ones in the lanes [`sigmoid_fast`] takes: `x > -80` (not NaN).
#[inline(always)]
pub(super) fn fast_domain<L: Lanes32>(x: L) -> L::Bits {
    x.gt(L::splat(-LIMIT))
}

/// `sigmoid x` for one `f32`, every `x`.
#[inline]
pub(super) fn sigmoid_f32(x: f32) -> f32 {
    if fast_domain(x) != 0 {
        sigmoid_fast(x)
    } else if x <= -LIMIT {
        exp_f32(x)
    } else {
        x
    }
}
