//! The gamma function and the log of its magnitude.
//!
//! # Poles and limits: scipy.special's values, not `math`'s exceptions
//! These are array functions, so a pole is a value, as in `scipy.special.gamma`/`gammaln`
//! (where Python's `math.gamma` raises ValueError at 0 and the negative integers, and
//! OverflowError above 171.62): `gamma(+0) = inf`, `gamma(-0) = -inf`, `gamma(-n) = nan` for a
//! negative integer, `gamma(-inf) = nan`, `gamma(inf) = inf`, and overflow is `inf`;
//! `lgamma` is `inf` at 0 and the negative integers, `inf` at `±inf` but `-inf` at `-inf`
//! (scipy's: `|gamma(x)|` tends to 0 there).
//!
//! # Kernels
//! The `libm` crate's (pure Rust, the same bits on every target: see
//! [`super::error_function`]): musl's Lanczos `tgamma` and FreeBSD's `lgamma_r`.

/// The gamma function (see the module documentation for poles and limits).
#[inline]
pub fn gamma(x: f64) -> f64 {
    if x == f64::NEG_INFINITY || (x < 0.0 && x == x.floor()) {
        return f64::NAN;
    }
    libm::tgamma(x)
}

/// `log(|gamma(x)|)` (see the module documentation for poles and limits).
#[inline]
pub fn lgamma(x: f64) -> f64 {
    if x == f64::NEG_INFINITY {
        return f64::NEG_INFINITY;
    }
    libm::lgamma_r(x).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poles_and_limits_are_scipys() {
        assert_eq!(gamma(0.0), f64::INFINITY);
        assert_eq!(gamma(-0.0), f64::NEG_INFINITY);
        assert!(gamma(-1.0).is_nan() && gamma(-1e300).is_nan());
        assert!(gamma(f64::NEG_INFINITY).is_nan() && gamma(f64::NAN).is_nan());
        assert_eq!(gamma(f64::INFINITY), f64::INFINITY);
        assert_eq!(gamma(172.0), f64::INFINITY);
        assert_eq!(gamma(5.0), 24.0);
        assert_eq!(gamma(0.5), std::f64::consts::PI.sqrt());
        assert_eq!(lgamma(0.0), f64::INFINITY);
        assert_eq!(lgamma(-3.0), f64::INFINITY);
        assert_eq!(lgamma(f64::INFINITY), f64::INFINITY);
        assert_eq!(lgamma(f64::NEG_INFINITY), f64::NEG_INFINITY);
        assert_eq!(lgamma(1.0), 0.0);
        assert_eq!(lgamma(2.0), 0.0);
        assert!(lgamma(f64::NAN).is_nan());
    }
}
