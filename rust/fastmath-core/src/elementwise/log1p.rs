//! `ln(1 + x)` for `f64`, branch-free and libm-free, on the kernel of `log.rs`.
//!
//! `1 + x = u + e` exactly (a two-sum: `u` the rounded sum, `|e| <= ulp(u) / 2`), and
//! `ln(1 + x) = ln(u + e)`, which the logarithm's core computes with `e` carried into its
//! reduced argument `r`: for `u` in the subinterval around 1 (`x` in `[-2^-9, 2^-8)`, about),
//! `r` is then `x` itself, exactly, so the result is `x + p(x)` with one final rounding and the
//! error bound of `log` holds (about 0.51 ulp), down to the tiniest `x` (where `log(1.0 + x)`
//! would return 0). Elsewhere `|ln(1 + x)| >= 2^-8` and `e` adds an error below `2^-78`
//! absolute. `1 + x` never overflows (`x + 1` rounds to `x` near `f64::MAX`) and is at least
//! `2^-53` for `x > -1`, so the core's range holds.

use super::dd::two_sum;
use super::lanes::{BitLanes, Lanes};
use super::log::{SHIFT, ln_core, ln_parts};

/// `ln(1 + x)`, within 1 ulp (measured: see [`super::log1p`]); `-inf` at -1, NaN below -1 and
/// for NaN, `inf` for `inf`, `x` itself for `±0`. Branch-free; the same bits on every target.
#[inline]
pub fn log1p(x: f64) -> f64 {
    let (u, e) = two_sum(1.0, x);
    let (hi, lo) = ln_parts::<true>(u, e);
    let y = hi + lo;
    // Selects, not branches. NaN fails every comparison and comes out as itself; ±0 keep
    // their sign, as C's log1p.
    let special = if x == -1.0 {
        f64::NEG_INFINITY
    } else if x < -1.0 {
        f64::NAN
    } else {
        x
    };
    if (x > -1.0) & (x < f64::INFINITY) & (x != 0.0) {
        y
    } else {
        special
    }
}

/// [`log1p`] on one lane or two, each with `-1 < x < 2^1000` and `x != 0` (the slice loops send the
/// other lanes to the scalar [`log1p`]): `1 + x` is then normal and its `k` at most 1000, so
/// [`ln_parts`]'s clamp of `k` never acts and is left out; otherwise the same operations, so the
/// same bits.
#[inline(always)]
pub(super) fn log1p_fast<L: Lanes>(x: L) -> L {
    let (u, e) = two_sum(L::splat(1.0), x);
    let (hi, lo) = ln_core(u, L::splat(SHIFT), |k, z_lo, invc| {
        let scale = L::from_bits(<L::Bits as BitLanes>::splat(1023).sub(k).shl(52));
        z_lo * invc + e * scale * invc
    });
    hi + lo
}

/// Whether [`log1p_fast`] may take `x`: `-1 < x < 2^1000`, `x != 0` (NaN is not).
#[inline(always)]
pub(super) fn is_fast(x: f64) -> bool {
    (x > -1.0) & (x < TWO1000) & (x != 0.0)
}

/// `2^1000`.
const TWO1000: f64 = f64::from_bits((1023 + 1000) << 52);

#[cfg(test)]
mod tests {
    use super::super::reference::{self, Rng, ulp_error};
    use super::log1p;
    use proptest::prelude::*;

    /// The arguments of the error sweeps, about `8 n` of them: tiny `|x|` in every binade (both
    /// signs), uniform in `(-1, 1)` and in the subinterval around 0 (`[-2^-9, 2^-8)`) and its
    /// neighbours, next to -1, uniform bit patterns (every positive binade up to `f64::MAX`),
    /// near powers of two minus one, and `[1, 1000)`.
    fn sweep(n: usize, seed: u64) -> Vec<f64> {
        let mut rng = Rng(seed);
        let mut xs = Vec::with_capacity(8 * n + 2200);
        for _ in 0..n {
            xs.push(rng.tiny());
            xs.push(rng.uniform(-1.0, 1.0));
            xs.push(rng.uniform(-1.0 / 64.0, 1.0 / 32.0));
            xs.push(-1.0 + rng.tiny().abs().min(0.5));
            xs.push(rng.positive_bits());
            let e = (rng.next() % 1100) as i32 - 60;
            xs.push(2f64.powi(e) * rng.uniform(0.999, 1.001) - 1.0);
            xs.push(rng.uniform(1.0, 1000.0));
            xs.push(rng.uniform(-0.3, 0.3));
        }
        xs.extend((-1074..1024).map(|e| 2f64.powi(e)));
        xs.extend((-1074..0).map(|e| -(2f64.powi(e))));
        xs.retain(|&x| x > -1.0 && x.is_finite());
        xs
    }

    fn max_ulp_error(xs: &[f64]) -> (f64, f64) {
        let mut worst = (0.0, f64::NAN);
        for &x in xs {
            let e = ulp_error(log1p(x), reference::ln_1p(x));
            if e > worst.0 {
                worst = (e, x);
            }
        }
        worst
    }

    /// `log`'s bound (see `log.rs`): `e` only adds errors far below it.
    const BOUND: f64 = 0.51;

    #[test]
    fn reference_agrees_with_libm() {
        for x in sweep(2_000, 7) {
            let e = ulp_error(x.ln_1p(), reference::ln_1p(x));
            assert!(e <= 1.0, "libm ln_1p({x:e}) is {e} ulp from the reference");
        }
    }

    #[test]
    fn max_ulp_error_sweep() {
        // About 8 * 10^5 arguments; the large sweep below runs 1.6 * 10^7.
        let (e, x) = max_ulp_error(&sweep(100_000, 1));
        assert!(e < BOUND, "log1p({x:e}) is {e} ulp off");
    }

    /// About 1.6 * 10^7 arguments; run with
    /// `cargo test --release -p fastmath-core log1p::tests::max_ulp_error_large -- --ignored --nocapture`.
    #[test]
    #[ignore = "slow: a measurement, run by hand"]
    fn max_ulp_error_large_sweep() {
        let xs = sweep(2_000_000, 2);
        let (e, x) = max_ulp_error(&xs);
        println!(
            "log1p: max error {e} ulp at x = {x:e} ({:#x}) over {} arguments",
            x.to_bits(),
            xs.len()
        );
        assert!(e < BOUND, "log1p({x:e}) is {e} ulp off");
    }

    #[test]
    fn within_one_ulp_of_libm() {
        for x in sweep(20_000, 3) {
            let (a, b) = (log1p(x), x.ln_1p());
            let dist = (a.to_bits() as i64 - b.to_bits() as i64).abs();
            assert!(dist <= 1, "log1p({x:e}): {a:e} vs libm {b:e}");
        }
    }

    #[test]
    fn special_values_are_exact() {
        assert_eq!(log1p(0.0).to_bits(), 0f64.to_bits());
        assert_eq!(log1p(-0.0).to_bits(), (-0f64).to_bits());
        assert_eq!(log1p(-1.0), f64::NEG_INFINITY);
        assert!(log1p(-1.0 - f64::EPSILON).is_nan());
        assert!(log1p(-2.0).is_nan());
        assert!(log1p(f64::NEG_INFINITY).is_nan());
        assert!(log1p(f64::NAN).is_nan());
        assert_eq!(log1p(f64::INFINITY), f64::INFINITY);
        assert_eq!(log1p(f64::MAX), 709.782_712_893_384);
        assert_eq!(log1p(1.0), core::f64::consts::LN_2);
        // Tiny arguments come back as themselves (ln(1 + x) = x - x^2 / 2 + ...).
        for x in [
            5e-324,
            -5e-324,
            1e-300,
            -1e-300,
            1e-20,
            -1e-20,
            f64::MIN_POSITIVE,
        ] {
            assert_eq!(log1p(x), x);
        }
        // Where 1 + x rounds, the rounding error is carried: ln(1 + 1.5 2^-53) is 1.5 2^-53 -
        // 0.5625 ulp + ..., which rounds down one ulp (2^-105).
        let h = f64::EPSILON / 2.0;
        assert_eq!(log1p(h), h);
        assert_eq!(log1p(1.5 * h), 1.5 * h - 2.0 * h * h);
        // Next to -1: 1 + x is exact there.
        assert_eq!(log1p(-1.0 + h), -36.736_800_569_677_1);
    }

    #[test]
    fn slice_kernels_give_the_scalar_bits() {
        reference::check_lanes(&sweep(2_000, 5), super::is_fast, super::log1p_fast, log1p);
        reference::check_slice_kernels(
            &sweep(2_000, 4),
            log1p,
            super::super::log1p_into,
            super::super::log1p_in_place,
            reference::NanBits::Any,
        );
    }

    /// A fingerprint of `log1p` over 10^5 arguments: even ones uniform in `[-1, 7)`, odd ones
    /// random bit patterns. Pinned as for `log` (see `log.rs`), and the same number comes from
    /// the native Pyodide wheel. In Python: `z` from splitmix64 seeded 12345,
    /// `x = -1 + 8 * ((z >> 11) * 2**-53)` for even `i`, else the bits of `z`; FNV-1a over the
    /// result bits.
    #[test]
    fn bits_fingerprint() {
        let mut rng = Rng(12345);
        let xs: Vec<f64> = (0..100_000)
            .map(|i| {
                let z = rng.next();
                if i % 2 == 0 {
                    -1.0 + 8.0 * ((z >> 11) as f64 * (1.0 / (1u64 << 53) as f64))
                } else {
                    f64::from_bits(z)
                }
            })
            .collect();
        let mut out = vec![0.0; xs.len()];
        super::super::log1p_into(&xs, &mut out).unwrap();
        for (&x, &y) in xs.iter().zip(&out) {
            let scalar = log1p(x);
            assert!(y.to_bits() == scalar.to_bits() || (y.is_nan() && scalar.is_nan()));
        }
        let h = reference::fnv1a(&out);
        assert_eq!(h, 0x8EB5_3CC7_5858_9649, "fingerprint {h:#018x}");
    }

    proptest! {
        #[test]
        fn within_bound(x in -1.0f64..1e6) {
            prop_assume!(x > -1.0);
            prop_assert!(ulp_error(log1p(x), reference::ln_1p(x)) < BOUND);
        }

        #[test]
        fn tiny(m in 1.0f64..2.0, e in 1i32..1075, neg: bool) {
            let x = m * 2f64.powi(-(e / 2)) * 2f64.powi(-(e - e / 2));
            let x = if neg { -x } else { x };
            prop_assert!(ulp_error(log1p(x), reference::ln_1p(x)) < BOUND);
        }
    }
}
