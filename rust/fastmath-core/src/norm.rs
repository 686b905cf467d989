//! Vector norms: `norm(x, ord)` for numpy's every vector `ord`: 2 (the default), 1, ±inf, 0
//! (the count of non-zero elements) and any other real `p`.

use crate::elementwise::maximum;
use crate::reduce::{LANES, Neumaier};
use crate::{Error, Result};

/// Which vector norm: numpy's numeric `ord`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NormOrd {
    /// `sum(|x|)`.
    One,
    /// `sqrt(sum(x^2))`, the Euclidean norm.
    Two,
    /// `max(|x|)`.
    Inf,
    /// `min(|x|)`.
    NegInf,
    /// The number of non-zero elements (NaN counts: it is not zero).
    Zero,
    /// `sum(|x|^p)^(1/p)` for any other real `p` (negative too, as numpy).
    Power(f64),
}

impl NormOrd {
    /// Maps numpy's numeric `ord` to a variant; NaN is `Error::InvalidOption` (InvalidValue).
    pub fn from_f64(ord: f64) -> Result<NormOrd> {
        Ok(match ord {
            1.0 => NormOrd::One,
            2.0 => NormOrd::Two,
            0.0 => NormOrd::Zero,
            f64::INFINITY => NormOrd::Inf,
            f64::NEG_INFINITY => NormOrd::NegInf,
            p if p.is_nan() => {
                return Err(Error::InvalidOption {
                    name: "ord",
                    expected: "a number (or inf, -inf)",
                    got: format!("{ord}"),
                });
            }
            p => NormOrd::Power(p),
        })
    }
}

/// The `ord`-norm of `x`; 0 for an empty slice. NaN anywhere gives NaN, an infinity (and no
/// NaN) gives `inf`.
///
/// The 2-norm never overflows or underflows in between: `norm([3e300, 4e300], 2)` is `5e300`
/// and `norm([3e-300, 4e-300], 2)` is `5e-300` (numpy's `sqrt(dot(x, x))` gives `inf` and `0`
/// there). It first tries the fast unscaled sum of squares and falls back to a second pass
/// scaled by `max(|x|)` (the idea of BLAS `dnrm2`) only when that sum left the safe range.
/// The 1-norm is a compensated sum of `|x|`.
/// `ord = -inf` of an empty slice has no value (numpy: "zero-size array to reduction
/// operation minimum which has no identity"): `Error::EmptyReduction`.
pub fn norm(x: &[f64], ord: NormOrd) -> Result<f64> {
    Ok(match ord {
        NormOrd::One => sum_abs(x),
        NormOrd::Inf => max_abs(x),
        NormOrd::Two => norm2(x),
        NormOrd::NegInf => {
            if x.is_empty() {
                return Err(Error::EmptyReduction {
                    function: "minimum",
                });
            }
            x.iter().fold(f64::INFINITY, |m, v| {
                crate::elementwise::minimum(m, v.abs())
            })
        }
        NormOrd::Zero => x.iter().filter(|&&v| v != 0.0).count() as f64,
        // numpy's `sum(|x|**p)**(1/p)`; `powf` is the platform's, so these bits may differ
        // between platforms (unlike the variants above).
        NormOrd::Power(p) => x.iter().map(|v| v.abs().powf(p)).sum::<f64>().powf(1.0 / p),
    })
}

fn sum_abs(x: &[f64]) -> f64 {
    let mut lanes = [Neumaier::default(); LANES];
    let chunks = x.chunks_exact(LANES);
    let tail = chunks.remainder();
    for chunk in chunks {
        for (lane, &v) in lanes.iter_mut().zip(chunk) {
            lane.add(v.abs());
        }
    }
    let mut total = Neumaier::default();
    for lane in &lanes {
        total.add(lane.sum);
        total.add(lane.compensation);
    }
    for &v in tail {
        total.add(v.abs());
    }
    total.value()
}

/// `max(|x|)`, NaN if any element is NaN, 0 for an empty slice.
fn max_abs<T: Copy + Into<f64>>(x: &[T]) -> f64 {
    let mut acc = [0.0f64; LANES];
    let chunks = x.chunks_exact(LANES);
    let tail = chunks.remainder();
    for chunk in chunks {
        for (a, &v) in acc.iter_mut().zip(chunk) {
            *a = maximum(*a, v.into().abs());
        }
    }
    let mut total = 0.0;
    for a in acc {
        total = maximum(total, a);
    }
    for &v in tail {
        total = maximum(total, v.into().abs());
    }
    total
}

/// `sum((x * scale)^2)` in lanes.
fn sum_squares<T: Copy + Into<f64>>(x: &[T], scale: f64) -> f64 {
    let mut acc = [0.0f64; LANES];
    let chunks = x.chunks_exact(LANES);
    let tail = chunks.remainder();
    for chunk in chunks {
        for (a, &v) in acc.iter_mut().zip(chunk) {
            let s = v.into() * scale;
            *a += s * s;
        }
    }
    let mut total = 0.0;
    for a in acc {
        total += a;
    }
    for &v in tail {
        let s = v.into() * scale;
        total += s * s;
    }
    total
}

/// The 2-norm of float32 values, read in place: the same as [`norm`]'s of their float64s.
pub fn norm2_f32(x: &[f32]) -> f64 {
    norm2(x)
}

fn norm2<T: Copy + Into<f64>>(x: &[T]) -> f64 {
    // Above this the sum of squares is far from overflow, and squares that underflowed are
    // negligible against it (each is below 2^-1022, n of them below n * 2^-1022 << 2^-600).
    const SAFE_LOW: f64 = f64::from_bits((1023 - 600) << 52); // 2^-600
    const SAFE_HIGH: f64 = f64::from_bits((1023 + 600) << 52); // 2^600
    let ss = sum_squares(x, 1.0);
    if (SAFE_LOW..SAFE_HIGH).contains(&ss) || (ss == 0.0 && !has_nonzero(x)) {
        return ss.sqrt();
    }
    if ss.is_nan() {
        return ss;
    }
    // Out of the safe range (or inf from an infinite element): rescale by the largest magnitude.
    let big = max_abs(x);
    if big.is_nan() || big == f64::INFINITY || big == 0.0 {
        return big;
    }
    // A power of two near 1/big keeps the scaling exact.
    let scale = pow2(-exponent(big));
    sum_squares(x, scale).sqrt() / scale
}

fn has_nonzero<T: Copy + Into<f64>>(x: &[T]) -> bool {
    x.iter().any(|&v| v.into() != 0.0)
}

/// The binary exponent `e` with `2^e <= v < 2^(e+1)` for positive finite `v` (subnormals
/// included).
fn exponent(v: f64) -> i32 {
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    if biased == 0 {
        // Subnormal: 2^-1074 * mantissa.
        let mantissa = bits & ((1u64 << 52) - 1);
        -1074 + 63 - mantissa.leading_zeros() as i32
    } else {
        biased - 1023
    }
}

/// `2^e` for `e` in [-1022, 1023], exactly.
fn pow2(e: i32) -> f64 {
    let e = e.clamp(-1022, 1023);
    f64::from_bits(((e + 1023) as u64) << 52)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm_ok(x: &[f64], ord: NormOrd) -> f64 {
        norm(x, ord).unwrap()
    }
    use proptest::prelude::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs()
    }

    #[test]
    fn ord_parsing() {
        assert_eq!(NormOrd::from_f64(1.0), Ok(NormOrd::One));
        assert_eq!(NormOrd::from_f64(2.0), Ok(NormOrd::Two));
        assert_eq!(NormOrd::from_f64(f64::INFINITY), Ok(NormOrd::Inf));
        assert_eq!(NormOrd::from_f64(f64::NEG_INFINITY), Ok(NormOrd::NegInf));
        assert_eq!(NormOrd::from_f64(0.0), Ok(NormOrd::Zero));
        assert_eq!(NormOrd::from_f64(3.0), Ok(NormOrd::Power(3.0)));
        let e = NormOrd::from_f64(f64::NAN).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::InvalidValue);
    }

    #[test]
    fn every_numpy_vector_ord() {
        let x = [3.0, -4.0, 0.0];
        assert_eq!(norm_ok(&x, NormOrd::NegInf), 0.0);
        assert_eq!(norm_ok(&x, NormOrd::Zero), 2.0);
        assert!(close(norm_ok(&x, NormOrd::Power(3.0)), 91f64.cbrt(), 1e-15));
        assert_eq!(
            norm_ok(&x[..2], NormOrd::Power(-1.0)),
            1.0 / (1.0 / 3.0 + 0.25)
        );
        assert!(norm(&[], NormOrd::NegInf).is_err());
        assert_eq!(norm_ok(&[f64::NAN], NormOrd::Zero), 1.0);
    }

    #[test]
    fn basic_values() {
        let x = [3.0, -4.0];
        assert_eq!(norm_ok(&x, NormOrd::One), 7.0);
        assert_eq!(norm_ok(&x, NormOrd::Two), 5.0);
        assert_eq!(norm_ok(&x, NormOrd::Inf), 4.0);
        for ord in [NormOrd::One, NormOrd::Two, NormOrd::Inf] {
            assert_eq!(norm_ok(&[], ord), 0.0);
            assert_eq!(norm_ok(&[0.0, -0.0], ord), 0.0);
            assert!(norm_ok(&[1.0, f64::NAN, f64::INFINITY], ord).is_nan());
            assert!(norm_ok(&[f64::INFINITY, f64::NAN], ord).is_nan());
            assert_eq!(norm_ok(&[1.0, f64::NEG_INFINITY], ord), f64::INFINITY);
        }
    }

    #[test]
    fn two_norm_neither_overflows_nor_underflows() {
        assert!(close(norm_ok(&[3e300, 4e300], NormOrd::Two), 5e300, 1e-15));
        assert!(close(
            norm_ok(&[3e-300, 4e-300], NormOrd::Two),
            5e-300,
            1e-15
        ));
        // The true result exceeds f64::MAX: inf is the correctly rounded answer.
        assert_eq!(norm_ok(&[f64::MAX, f64::MAX], NormOrd::Two), f64::INFINITY);
        assert!(close(
            norm_ok(&[f64::MAX / 2.0, f64::MAX / 2.0], NormOrd::Two),
            f64::MAX / 2f64.sqrt(),
            1e-15
        ));
        let tiny = 5e-324; // smallest subnormal
        assert_eq!(norm_ok(&[tiny], NormOrd::Two), tiny);
        assert!(close(norm_ok(&[tiny; 4], NormOrd::Two), 2.0 * tiny, 0.0));
        // Mixed: a huge and a moderate value; the moderate one is negligible.
        assert_eq!(norm_ok(&[1e300, 1.0], NormOrd::Two), 1e300);
        assert!(close(
            norm_ok(&[1e-200, 1e-200, 1e-200, 1e-200], NormOrd::Two),
            2e-200,
            1e-15
        ));
    }

    proptest! {
        #[test]
        fn two_norm_is_scale_invariant(v in prop::collection::vec(-1e3f64..1e3, 1..60), e in -1000i32..1000) {
            // Scaling by a power of two is exact, so the norm must scale exactly too (up to
            // the rounding of the unscaled result).
            let base = norm_ok(&v, NormOrd::Two);
            let s = 2f64.powi(e);
            let scaled: Vec<f64> = v.iter().map(|&x| x * s).collect();
            prop_assume!(scaled.iter().all(|x| x.is_normal() || *x == 0.0));
            let got = norm_ok(&scaled, NormOrd::Two);
            prop_assert!(close(got, base * s, 4.0 * f64::EPSILON), "{} vs {}", got, base * s);
        }

        #[test]
        fn float32_two_norm_is_the_float64_one(
            v in prop::collection::vec(prop_oneof![
                4 => -1e3f32..1e3,
                1 => prop::num::f32::ANY,
                1 => Just(0.0f32),
            ], 0..80),
        ) {
            let wide: Vec<f64> = v.iter().map(|&x| f64::from(x)).collect();
            prop_assert_eq!(norm2_f32(&v).to_bits(), norm_ok(&wide, NormOrd::Two).to_bits());
        }

        #[test]
        fn norms_match_naive_in_safe_range(v in prop::collection::vec(-1e3f64..1e3, 0..60)) {
            let l1: f64 = v.iter().map(|x| x.abs()).sum();
            let l2: f64 = v.iter().map(|x| x * x).sum::<f64>().sqrt();
            let li = v.iter().fold(0.0f64, |a, x| a.max(x.abs()));
            prop_assert!(close(norm_ok(&v, NormOrd::One), l1, 1e-13));
            prop_assert!(close(norm_ok(&v, NormOrd::Two), l2, 1e-13));
            prop_assert_eq!(norm_ok(&v, NormOrd::Inf), li);
        }
    }
}
