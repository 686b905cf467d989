//! `log(1 + x)` for `f32`, computed in `f32` four lanes at a time ([`Lanes32`]), on `log32.rs`'s
//! reduction and polynomial.
//!
//! # Algorithm
//!
//! `u = 1 + x` rounded, with its rounding error `c` (TwoSum: `1 + x = u + c` exactly), and
//! `u = 2^e m`, `m` in `[sqrt(2)/2, sqrt(2))`, as in `log32.rs`. Then
//! `log(1 + x) = e ln 2 + log(1 + f) + log(1 + c/u)`, `f = m - 1` (exact), and `c/u` (below
//! 2^-24) stands for its logarithm. Where `e = 0` (`x` in about `[-0.29, 0.41]`, where all the
//! accuracy matters) `1 + f` is `1 + x` itself, so `f = x` is taken exactly and there is no
//! `c/u`: `log1p` of a tiny `x` is `x`, not the `log` of a rounded `1 + x`. `log(1 + f)` is
//! `log32.rs`'s `f - f^2/2 + s (f^2/2 + R(s^2))`, `s = f / (2 + f)`, summed in its order with
//! `c/u` joining the small terms. `±0` are selected back (the sum gives `+0` for `-0`).
//!
//! The fast path takes `-1 < x < inf`; the scalar form gives `-inf` at -1, `inf` at `inf` and
//! NaN below -1 and for NaN.
//!
//! Measured over every `f32` (`exhaustive` in `elementwise/float32_tests.rs`): at most
//! 0.8399 ulp from the `f64` kernel's result, at `x = 0.4133185`: `log32.rs`'s worst case
//! (`e = 0`, `f` near its largest), the same computation there; the stated bound is 0.84.
//! Only IEEE `+ - * /` and bit operations: the same bits on every target, scalar or vector.

use super::dd32::two_sum;
use super::lanes32::{BitLanes32, Lanes32, zero_kept};
use super::log32::{LN2_HI, LN2_LO, MANTISSA, ONE, P, SHIFT, SQRT_HALF};

/// The measured bound in `f32` ulps (see the module docs).
#[cfg(test)]
pub(super) const BOUND: f64 = 0.84;

/// `log(1 + x)` per lane for `-1 < x < inf` (see [`fast_domain`]).
#[inline(always)]
pub(super) fn log1p_fast<L: Lanes32>(x: L) -> L {
    let one = L::splat(1.0);
    let (u, c) = two_sum(one, x);
    let ix = u.to_bits().add(L::Bits::splat(ONE - SQRT_HALF));
    let e = ix.sar(23).sub(L::Bits::splat(127));
    let m = L::from_bits(
        ix.and(L::Bits::splat(MANTISSA))
            .add(L::Bits::splat(SQRT_HALF)),
    );
    let e0 = e.eq(L::Bits::splat(0));
    let f = L::select(e0, x, m - one);
    let cu = L::select(e0, L::splat(0.0), c / u);
    let shift = L::splat(SHIFT);
    let e = L::from_bits(shift.to_bits().add(e)) - shift;
    let s = f / (L::splat(2.0) + f);
    let z = s * s;
    let mut p = L::splat(P[3]);
    for &k in P[..3].iter().rev() {
        p = p * z + L::splat(k);
    }
    let r = z * p;
    let hfsq = L::splat(0.5) * f * f;
    let y = e * L::splat(LN2_HI) - ((hfsq - (s * (hfsq + r) + (e * L::splat(LN2_LO) + cu))) - f);
    zero_kept(x, y)
}

/// All ones in the lanes [`log1p_fast`] takes: `-1 < x < inf` (not NaN).
#[inline(always)]
pub(super) fn fast_domain<L: Lanes32>(x: L) -> L::Bits {
    x.gt(L::splat(-1.0)).and(x.lt(L::splat(f32::INFINITY)))
}

/// `log(1 + x)` for one `f32`, every `x`.
#[inline]
pub(super) fn log1p_f32(x: f32) -> f32 {
    if fast_domain(x) != 0 {
        log1p_fast(x)
    } else if x == -1.0 {
        f32::NEG_INFINITY
    } else if x == f32::INFINITY {
        x
    } else {
        f32::NAN
    }
}
