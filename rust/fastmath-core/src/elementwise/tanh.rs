//! `tanh` for `f64` in portable Rust, on `expm1`'s kernel: libm-free (the same bits on every
//! target) and written over [`Lanes`], so the slice loops run two elements per instruction on
//! wasm32 `simd128`.
//!
//! # Algorithm
//!
//! `tanh` is odd: computed on `|x|` and the sign bit put back, so `tanh(-0.0) = -0.0`.
//!
//! 1. `|x| < 2^-27`: `tanh x = x - x^3/3 + ...` and `x^3/3 < 2^-54 |x|`, below half an ulp:
//!    the result is `x` (correctly rounded; subnormals included).
//! 2. `|x|` is clamped to 20 (a select; NaN passes): `tanh 20 = 1 - 8.5e-18` rounds to 1, as
//!    every larger argument's (and `inf`'s) does.
//! 3. `m = e^(2|x|) - 1` as the unrounded pair of `expm1`'s kernel (`2|x|` is exact;
//!    `expm1.rs`, steps 2-4: within about `2^-62` relative), normalised by a two-sum to
//!    `nh + nl` (`|nl|` at most half an ulp of `nh`), then `d = m + 2 = dh + dl` with a
//!    two-sum (exact) and `tanh |x| = m / d` as in `trig.rs`'s `tan`: `q0 = nh / dh` and one
//!    correction `((nh - q0 dh) + nl - q0 dl) / dh` with `q0 dh` exact (Dekker's product). No
//!    cancellation anywhere (`m >= 0`), so before the last addition the quotient is within a few
//!    `2^-60` relative: the result is within 0.5 ulp plus a few hundredths.
//!
//! Measured against a double-double reference (`m` from `reference::exp_m1`, a Taylor series
//! independent of the table, then `m / (m + 2)` in double-double) over more than 10^7
//! arguments (`max_ulp_error_large_sweep` in the tests): see [`super::tanh`] for the figure.

use super::dd::{two_prod, two_sum};
use super::expm1::expm1_parts;
use super::lanes::{BitLanes, Lanes};

/// Below this `|x|`, `tanh x` rounds to `x`.
const TINY: f64 = 7.450_580_596_923_828e-9; // 2^-27
/// Above this `|x|`, `tanh x` rounds to 1.
const SATURATE: f64 = 20.0;
const SIGN: u64 = 1 << 63;

/// `tanh a` for `a` in `[0, SATURATE]` (step 3), or NaN for NaN.
#[inline(always)]
fn tanh_abs<L: Lanes>(a: L) -> L {
    let (mh, ml) = expm1_parts(a + a, L::splat(1.0), <L::Bits as BitLanes>::splat(0));
    let (nh, nl) = two_sum(mh, ml);
    let (dh, de) = two_sum(nh, L::splat(2.0));
    let dl = de + nl;
    let q0 = nh / dh;
    let (p, pe) = two_prod(q0, dh);
    q0 + ((((nh - p) - pe) + nl) - q0 * dl) / dh
}

/// `y` with the sign bit of `x` (`y` non-negative or NaN).
#[inline(always)]
fn with_sign<L: Lanes>(y: L, x: L) -> L {
    let sign = x.to_bits().and(BitLanes::splat(SIGN));
    L::from_bits(y.to_bits().xor(sign))
}

#[inline(always)]
fn abs<L: Lanes>(x: L) -> L {
    L::from_bits(x.to_bits().and(BitLanes::splat(!SIGN)))
}

/// Hyperbolic tangent, within 1 ulp (measured: see [`super::tanh`]); `±1` for `±inf`, `±0` for
/// `±0`, NaN for NaN. The same bits on every target.
#[inline]
pub fn tanh(x: f64) -> f64 {
    let a = abs(x);
    let ac = if a > SATURATE { SATURATE } else { a };
    let y = tanh_abs(ac);
    let y = if a < TINY { a } else { y };
    with_sign(y, x)
}

/// [`tanh`] on one lane or two, each with `2^-27 <= |x| <= 20` (the slice loops send the other lanes
/// to the scalar [`tanh`], whose selects are then no-ops): the same bits.
#[inline(always)]
pub(super) fn tanh_fast<L: Lanes>(x: L) -> L {
    with_sign(tanh_abs(abs(x)), x)
}

/// Whether [`tanh_fast`] may take `x`: `2^-27 <= |x| <= 20` (NaN is not).
#[inline(always)]
pub(super) fn is_fast(x: f64) -> bool {
    (TINY..=SATURATE).contains(&x.abs())
}

#[cfg(test)]
mod tests {
    use super::super::reference::{self, Dd, Rng, dd_add, dd_div, ulp_error};
    use super::tanh;

    /// `tanh x` in double-double for finite `x` (independent of the kernel's table: a Taylor
    /// series, see `reference::exp_m1`); 1 from 20 up, where the result rounds to 1 anyway.
    fn reference(x: f64) -> Dd {
        let a = x.abs();
        let t = if a >= 20.0 {
            (1.0, -2.0 * (-2.0 * a).exp())
        } else {
            let m = reference::exp_m1(2.0 * a);
            dd_div(m, dd_add(m, (2.0, 0.0)))
        };
        if x < 0.0 { (-t.0, -t.1) } else { t }
    }

    /// About `6 n` arguments of both signs: uniform on `[-1, 1]`, `[-4, 4]` and `[-22, 22]`,
    /// tiny ones in every binade (subnormals included), near `2^-27` and near the `n` rounding
    /// boundaries of the reduction (`2x = (m + 1/2) ln 2 / 256`).
    fn sweep(n: usize, seed: u64) -> Vec<f64> {
        let mut rng = Rng(seed);
        let mut xs = Vec::with_capacity(6 * n);
        for _ in 0..n {
            let s = if rng.next() & 1 == 0 { 1.0 } else { -1.0 };
            xs.push(rng.uniform(-1.0, 1.0));
            xs.push(rng.uniform(-4.0, 4.0));
            xs.push(rng.uniform(-22.0, 22.0));
            xs.push(s * rng.tiny());
            xs.push(s * super::TINY * rng.uniform(0.99, 1.01));
            let m = (rng.next() % 7400) as f64 + 0.5;
            xs.push(
                s * m * core::f64::consts::LN_2 / 512.0 * rng.uniform(1.0 - 1e-12, 1.0 + 1e-12),
            );
        }
        xs.retain(|x| x.is_finite());
        xs
    }

    fn max_ulp_error(xs: &[f64]) -> (f64, f64) {
        let mut worst = (0.0, f64::NAN);
        for &x in xs {
            let e = ulp_error(tanh(x), reference(x));
            if e > worst.0 {
                worst = (e, x);
            }
        }
        worst
    }

    /// The module docs' bound, with a margin: 0.5 ulp plus a few hundredths.
    const BOUND: f64 = 0.55;

    #[test]
    fn reference_agrees_with_libm() {
        // glibc documents up to 2 ulp for its tanh.
        for x in sweep(2_000, 7) {
            let e = ulp_error(x.tanh(), reference(x));
            assert!(e <= 2.0, "libm tanh({x:e}) is {e} ulp from the reference");
        }
    }

    #[test]
    fn max_ulp_error_sweep() {
        let (e, x) = max_ulp_error(&sweep(100_000, 1));
        assert!(e < BOUND, "tanh({x:e}) is {e} ulp off");
    }

    /// About 1.2 * 10^7 arguments; run with
    /// `cargo test --release -p fastmath-core tanh::tests::max_ulp_error_large -- --ignored --nocapture`.
    #[test]
    #[ignore = "slow: a measurement, run by hand"]
    fn max_ulp_error_large_sweep() {
        let xs = sweep(2_000_000, 2);
        let (e, x) = max_ulp_error(&xs);
        println!(
            "tanh: max error {e} ulp at x = {x:e} ({:#x}) over {} arguments",
            x.to_bits(),
            xs.len()
        );
        assert!(e < BOUND, "tanh({x:e}) is {e} ulp off");
    }

    #[test]
    fn special_values() {
        assert_eq!(tanh(0.0).to_bits(), 0f64.to_bits());
        assert_eq!(tanh(-0.0).to_bits(), (-0f64).to_bits());
        assert_eq!(tanh(f64::INFINITY), 1.0);
        assert_eq!(tanh(f64::NEG_INFINITY), -1.0);
        assert_eq!(tanh(20.0), 1.0);
        assert_eq!(tanh(1e300), 1.0);
        assert_eq!(tanh(-19.5), -1.0);
        assert!(tanh(f64::NAN).is_nan());
        assert_eq!(tanh(5e-324), 5e-324);
        assert_eq!(tanh(-1e-300), -1e-300);
        assert_eq!(tanh(1e-10), 1e-10);
        // tanh(1) = 0.76159415595576488811945828260479...
        assert_eq!(tanh(1.0), 0.761_594_155_955_764_9);
    }

    #[test]
    fn slice_kernels_give_the_scalar_bits() {
        reference::check_lanes(&sweep(2_000, 5), super::is_fast, super::tanh_fast, tanh);
        reference::check_slice_kernels(
            &sweep(2_000, 4),
            tanh,
            super::super::tanh_into,
            super::super::tanh_in_place,
            reference::NanBits::Any,
        );
    }

    /// A fingerprint of `tanh` over 10^5 arguments (see `log.rs`'s `bits_fingerprint` for the
    /// arguments and the hash); the same number comes from the native Pyodide wheel.
    #[test]
    fn bits_fingerprint() {
        let out = reference::fingerprint_outputs(super::super::tanh_into, tanh);
        let h = reference::fnv1a(&out);
        assert_eq!(h, 0xDB22_DDA1_B620_D1C2, "fingerprint {h:#018x}");
    }
}
