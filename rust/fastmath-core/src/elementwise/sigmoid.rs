//! The logistic function `1 / (1 + e^-x)` for `f64`, on `expm1`'s kernel: within 1 ulp,
//! libm-free (the same bits on every target) and written over [`Lanes`], so the slice loops
//! run two elements per instruction on wasm32 `simd128`.
//!
//! Why not `1 / (1 + exp(-|x|))` with a select for the sign (the previous kernel): three
//! roundings on top of `exp`'s, up to 2.69 ulp measured for negative `x` (`e r`, `r` already
//! twice rounded).
//!
//! # Algorithm
//!
//! For `|x| <= 40`: `u = e^-|x|` as a double-double `eh + el` from the terms of `expm1`'s
//! reduction, `u = a + b + rest` (`expm1.rs`, steps 3-4: `a` and `b` exact, the roundings in
//! `rest` below `2^-72 u`; not through `u - 1`, whose low part is rounded relative to 1), then
//! `d = 1 + u = dh + dl` (two-sum, exact) and the quotient `n / d` with `n = 1` for `x >= 0`
//! and `n = u` for `x < 0` (`sigmoid(x) = e^x / (1 + e^x)`), as in `tanh.rs`: `q0 = nh / dh`
//! and one correction with `q0 dh` exact. Before the last addition the quotient is within a
//! few `2^-60` relative: within 0.5 ulp plus a few hundredths.
//!
//! Beyond: for `x > 40` the result is 1 (`1 - e^-40` rounds to 1), for `x < -40` it is `exp(x)`
//! (`sigmoid(x) = e^x (1 - e^x + ...)` and `e^x < 2^-57`; `exp`'s error, 0.504 ulp, 0.75 for
//! subnormal results). NaN gives NaN.

use super::dd::{two_prod, two_sum};
use super::expm1::exp_terms;
use super::lanes::{BitLanes, Lanes};

/// Beyond this `|x|`, the result is 1 or `exp(x)`.
const LIMIT: f64 = 40.0;
const SIGN: u64 = 1 << 63;

/// `sigmoid x` for `|x| <= LIMIT`.
#[inline(always)]
fn sigmoid_small<L: Lanes>(x: L) -> L {
    let c = L::splat;
    let neg = x.to_bits().and(BitLanes::splat(SIGN));
    // -|x|: the sign bit set.
    let na = L::from_bits(
        x.to_bits()
            .and(BitLanes::splat(!SIGN))
            .xor(BitLanes::splat(SIGN)),
    );
    // u = e^-|x| = a + b + rest = eh + el, without going through e^-|x| - 1.
    let (a, b, rest) = exp_terms(na, <L::Bits as BitLanes>::splat(0));
    let (s, se) = two_sum(a, b);
    let (eh, el) = two_sum(s, se + rest);
    // d = 1 + u = dh + dl.
    let (dh, de) = two_sum(c(1.0), eh);
    let dl = de + el;
    // The numerator: 1 for x >= 0, u for x < 0 (a sign mask, all ones where x < 0).
    let mask = <L::Bits as BitLanes>::splat(0).sub(neg.shr(63));
    let nh = L::select(mask, eh, c(1.0));
    let nl = L::select(mask, el, c(0.0));
    let q0 = nh / dh;
    let (p, pe) = two_prod(q0, dh);
    q0 + ((((nh - p) - pe) + nl) - q0 * dl) / dh
}

/// The logistic function, within 1 ulp (measured: see [`super::sigmoid`]); 0.5 at `±0`, 1 from
/// `x > 40` and at `inf`, `exp(x)` below -40 (0 at `-inf`), NaN for NaN. The same bits on every
/// target.
#[inline]
pub fn sigmoid(x: f64) -> f64 {
    // NaN stays NaN (clamp passes it through).
    let xc = x.clamp(-LIMIT, LIMIT);
    let y = sigmoid_small(xc);
    if x > LIMIT {
        1.0
    } else if x < -LIMIT {
        super::exp::exp(x)
    } else {
        y
    }
}

/// [`sigmoid`] on one lane or two, each with `|x| <= 40` (the slice loops send the other lanes to
/// the scalar [`sigmoid`]): the same bits.
#[inline(always)]
pub(super) fn sigmoid_fast<L: Lanes>(x: L) -> L {
    sigmoid_small(x)
}

/// Whether [`sigmoid_fast`] may take `x`: `|x| <= 40` (NaN is not).
#[inline(always)]
pub(super) fn is_fast(x: f64) -> bool {
    x.abs() <= LIMIT
}

#[cfg(test)]
mod tests {
    use super::super::reference::{self, Dd, Rng, dd_add, dd_div, ulp_error};
    use super::sigmoid;

    /// `1 / (1 + e^-x)` in double-double for `x` in `[-709, 745]`: `e^-x = 1 + expm1(-x)` from
    /// `reference::exp_m1` (a Taylor series, independent of the kernel's table), whose sum with 1
    /// is accurate relative to `1 + e^-x` for either sign of `x`.
    fn reference(x: f64) -> Dd {
        let em = reference::exp_m1(-x);
        dd_div((1.0, 0.0), dd_add((2.0, 0.0), em))
    }

    /// About `6 n` arguments: uniform on `[-40, 40]`, `[-5, 5]` and `[-700, 700]`, tiny ones in
    /// every binade (both signs), near `±40` and near the reduction's `n` rounding boundaries.
    fn sweep(n: usize, seed: u64) -> Vec<f64> {
        let mut rng = Rng(seed);
        let mut xs = Vec::with_capacity(6 * n);
        for _ in 0..n {
            let s = if rng.next() & 1 == 0 { 1.0 } else { -1.0 };
            xs.push(rng.uniform(-40.0, 40.0));
            xs.push(rng.uniform(-5.0, 5.0));
            xs.push(rng.uniform(-700.0, 700.0));
            xs.push(rng.tiny());
            xs.push(s * super::LIMIT * rng.uniform(0.99, 1.01));
            let m = (rng.next() % 14_700) as f64 + 0.5;
            let at = m * core::f64::consts::LN_2 / 256.0 * rng.uniform(1.0 - 1e-12, 1.0 + 1e-12);
            xs.push(s * at);
        }
        xs.retain(|x| x.is_finite() && (-709.0..=709.0).contains(x));
        xs
    }

    fn max_ulp_error(xs: &[f64]) -> (f64, f64) {
        let mut worst = (0.0, f64::NAN);
        for &x in xs {
            let e = ulp_error(sigmoid(x), reference(x));
            if e > worst.0 {
                worst = (e, x);
            }
        }
        worst
    }

    /// The module docs' bound, with a margin: 0.5 ulp plus a few hundredths, and `exp`'s
    /// 0.504 beyond -40.
    const BOUND: f64 = 0.55;

    #[test]
    fn max_ulp_error_sweep() {
        let (e, x) = max_ulp_error(&sweep(100_000, 1));
        assert!(e < BOUND, "sigmoid({x:e}) is {e} ulp off");
    }

    /// About 1.2 * 10^7 arguments; run with
    /// `cargo test --release -p fastmath-core sigmoid::tests::max_ulp_error_large -- --ignored --nocapture`.
    #[test]
    #[ignore = "slow: a measurement, run by hand"]
    fn max_ulp_error_large_sweep() {
        let xs = sweep(2_000_000, 2);
        let (e, x) = max_ulp_error(&xs);
        println!(
            "sigmoid: max error {e} ulp at x = {x:e} ({:#x}) over {} arguments",
            x.to_bits(),
            xs.len()
        );
        assert!(e < BOUND, "sigmoid({x:e}) is {e} ulp off");
    }

    #[test]
    fn special_values() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert_eq!(sigmoid(-0.0), 0.5);
        assert_eq!(sigmoid(f64::INFINITY), 1.0);
        assert_eq!(sigmoid(f64::NEG_INFINITY), 0.0);
        assert_eq!(sigmoid(40.0), 1.0);
        assert_eq!(sigmoid(-745.2), 0.0);
        assert!(sigmoid(-740.0) > 0.0);
        assert!(sigmoid(f64::NAN).is_nan());
        // sigmoid(1) = 0.73105857863000487925115924182183...
        assert_eq!(sigmoid(1.0), 0.731_058_578_630_004_9);
    }

    #[test]
    fn slice_kernels_give_the_scalar_bits() {
        reference::check_lanes(
            &sweep(2_000, 5),
            super::is_fast,
            super::sigmoid_fast,
            sigmoid,
        );
        reference::check_slice_kernels(
            &sweep(2_000, 4),
            sigmoid,
            super::super::sigmoid_into,
            super::super::sigmoid_in_place,
            reference::NanBits::Any,
        );
    }

    /// A fingerprint of `sigmoid` over 10^5 arguments (see `log.rs`'s `bits_fingerprint` for the
    /// arguments and the hash); the same number comes from the native Pyodide wheel.
    #[test]
    fn bits_fingerprint() {
        let out = reference::fingerprint_outputs(super::super::sigmoid_into, sigmoid);
        let h = reference::fnv1a(&out);
        assert_eq!(h, 0x0F92_E773_3CF9_4CAF, "fingerprint {h:#018x}");
    }
}
