//! `e^x - 1` for `f32`, computed in `f32` four lanes at a time ([`Lanes32`]).
//!
//! # Algorithm
//!
//! For `-87 < x < 88`: `e^x = 2^n (y1 + lo)` unrounded from `exp32.rs` (`y1 = 1 + r` rounded,
//! `lo` the rest, to about 2^-29), `2^n y1 - 1 = mh + me` with TwoSum (exact), and the result
//! `mh + (me + 2^n lo)` rounds once. Why this is accurate near 0 (where `e^x - 1` from a rounded
//! `e^x` loses everything): there `n = 0`, `y1 - 1` is exact and `lo` holds `1 + r - y1`
//! exactly (Fast2Sum), so the sum is `r + r^2 Q(r)` with no cancellation; for tiny `x` it is
//! `x` itself. `-0` is selected back (the sum gives `+0`).
//!
//! The scalar form takes the rest: `x >= 88`, `e^x` (`exp32.rs`: `e^x - 1` rounds as `e^x` does
//! there, to `inf` from 88.72284); `x <= -87`, `-1` (`e^x < 2^-125`); NaN, NaN.
//!
//! Measured over every `f32` (`exhaustive` in `elementwise/float32_tests.rs`): at most
//! 0.9598 ulp from the `f64` kernel's result, at `x = 0.36174667` (`n = 1`, the result 0.44:
//! `2^n lo`'s own roundings, a fifth of the result there, weigh double against its ulp); the
//! stated bound is 0.96.
//! Only IEEE `+ - * /` and bit operations: the same bits on every target, scalar or vector.

use super::dd32::two_sum;
use super::exp32::{exp_f32, parts, power};
use super::lanes32::{BitLanes32, Lanes32, zero_kept};

/// The measured bound in `f32` ulps (see the module docs).
#[cfg(test)]
pub(super) const BOUND: f64 = 0.96;

const LOW: f32 = -87.0;
const HIGH: f32 = 88.0;

/// `e^x - 1` per lane for `-87 < x < 88` (see [`fast_domain`]).
#[inline(always)]
pub(super) fn expm1_fast<L: Lanes32>(x: L) -> L {
    let (y1, lo, n) = parts(x);
    let scale = L::from_bits(power(n));
    let (mh, me) = two_sum(y1 * scale, L::splat(-1.0));
    let y = mh + (me + lo * scale);
    zero_kept(x, y)
}

/// All ones in the lanes [`expm1_fast`] takes: `-87 < x < 88` (not NaN).
#[inline(always)]
pub(super) fn fast_domain<L: Lanes32>(x: L) -> L::Bits {
    x.gt(L::splat(LOW)).and(x.lt(L::splat(HIGH)))
}

/// `e^x - 1` for one `f32`, every `x`.
#[inline]
pub(super) fn expm1_f32(x: f32) -> f32 {
    if fast_domain(x) != 0 {
        expm1_fast(x)
    } else if x >= HIGH {
        exp_f32(x)
    } else if x <= LOW {
        -1.0
    } else {
        x
    }
}
