//! `logsumexp`, `softmax` and `log_softmax` of one lane: scipy.special's algorithms, so its
//! results at infinities and nan too, with fastmath's `exp`/`log`/`log1p` (the same bits on
//! every platform) and a correctly rounded sum ([`crate::reduce::sum`]) in place of numpy's
//! pairwise one.
//!
//! # Overflow
//! Every exponential is of `x - max(x) <= 0`, so nothing overflows however large `x` is:
//! `logsumexp([1000, 1000])` is `1000 + log(2)`, where `log(sum(exp(x)))` is inf.
//!
//! # At the edges, as scipy
//! - `logsumexp`: nan if any value is nan; `+inf` if one is `+inf`; `-inf` for an empty lane or
//!   one of only `-inf`s.
//! - `softmax`: `exp(x - max) / sum`: a lane holding `+inf` or only `-inf`s is all nan.
//! - `log_softmax`: `(x - m) - log(sum(exp(x - m)))` with `m` the maximum where it is finite,
//!   else 0: `[inf, 1]` gives `[nan, -inf]`, as scipy's.

use crate::elementwise::{exp, log, log1p};
use crate::reduce::sum;
use crate::{Error, Result};

/// The largest value of `x`, nan when any is nan (numpy's `max`), `-inf` for none.
fn nan_max(x: &[f64]) -> f64 {
    let mut m = f64::NEG_INFINITY;
    for &v in x {
        if v.is_nan() {
            return f64::NAN;
        }
        if v > m {
            m = v;
        }
    }
    m
}

/// `log(sum(exp(x)))` without overflow (scipy's algorithm: the maximum `M` is taken out and
/// counted, `k` times, and the rest enters through `log1p`, which keeps the result accurate when
/// one value dominates): `M + log(k) + log1p(sum(exp(x_i - M) for x_i != M) / k)`. `scratch`
/// is reused for the exponentials (cleared first).
pub fn logsumexp(x: &[f64], scratch: &mut Vec<f64>) -> f64 {
    let m = nan_max(x);
    if !m.is_finite() {
        // nan stays nan; +inf is the sum's log; -inf is log(0) (no values, or exp of each 0).
        return m;
    }
    scratch.clear();
    let mut k = 0u64;
    for &v in x {
        if v == m {
            k = k.saturating_add(1);
        } else {
            scratch.push(exp(v - m));
        }
    }
    let k = k as f64;
    let s = sum(scratch) / k;
    log1p(s) + log(k) + m
}

fn check(x: usize, out: usize) -> Result<()> {
    if x != out {
        return Err(Error::OutputLength {
            expected: x,
            got: out,
        });
    }
    Ok(())
}

/// `exp(x - max(x)) / sum(exp(x - max(x)))` into `out` (as long as `x`).
pub fn softmax_into(x: &[f64], out: &mut [f64]) -> Result<()> {
    check(x.len(), out.len())?;
    let m = nan_max(x);
    for (o, &v) in out.iter_mut().zip(x) {
        *o = exp(v - m);
    }
    let s = sum(out);
    for o in out.iter_mut() {
        *o /= s;
    }
    Ok(())
}

/// `(x - m) - log(sum(exp(x - m)))` into `out` (as long as `x`), `m` the maximum when finite,
/// else 0 (scipy's rule; see the module documentation).
pub fn log_softmax_into(x: &[f64], out: &mut [f64]) -> Result<()> {
    check(x.len(), out.len())?;
    let m = nan_max(x);
    let m = if m.is_finite() { m } else { 0.0 };
    for (o, &v) in out.iter_mut().zip(x) {
        *o = exp(v - m);
    }
    let l = log(sum(out));
    for (o, &v) in out.iter_mut().zip(x) {
        *o = (v - m) - l;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const INF: f64 = f64::INFINITY;

    fn lse(x: &[f64]) -> f64 {
        logsumexp(x, &mut Vec::new())
    }

    #[test]
    fn logsumexp_is_overflow_safe_and_exact_at_the_edges() {
        assert_eq!(lse(&[1000.0, 1000.0]), 1000.0 + std::f64::consts::LN_2);
        assert!((lse(&[0.0, 1.0, 2.0]) - 2.4076059644443806).abs() < 1e-15);
        assert_eq!(lse(&[]), -INF);
        assert_eq!(lse(&[-INF, -INF]), -INF);
        assert_eq!(lse(&[INF, 1.0]), INF);
        assert_eq!(lse(&[INF, -INF]), INF);
        assert!(lse(&[-INF, f64::NAN]).is_nan());
        assert_eq!(lse(&[f64::MAX, f64::MAX]), f64::MAX);
        // One dominant value: log1p keeps the tiny rest.
        assert_eq!(lse(&[0.0, -40.0]), exp(-40.0));
    }

    #[test]
    fn softmax_sums_to_one_and_matches_scipy_at_infinities() {
        let mut out = [0.0; 3];
        softmax_into(&[1000.0, 1000.0, -INF], &mut out).unwrap();
        assert_eq!(out, [0.5, 0.5, 0.0]);
        softmax_into(&[INF, 1.0, 2.0], &mut out).unwrap();
        assert!(out.iter().all(|v| v.is_nan()));
        log_softmax_into(&[1000.0, 1.0, 1.0], &mut out).unwrap();
        assert_eq!(out[0], -log1p(2.0 * exp(-999.0)));
        assert_eq!(out[1], -999.0 + out[0]);
        let mut two = [0.0; 2];
        log_softmax_into(&[INF, 1.0], &mut two).unwrap();
        assert!(two[0].is_nan() && two[1] == -INF);
        assert!(softmax_into(&[1.0], &mut two).is_err());
    }
}
