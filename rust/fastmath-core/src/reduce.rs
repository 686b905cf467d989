//! Reductions: many values in, one value out.
//!
//! Floating-point addition is not associative, so the compiler may not vectorise a plain loop.
//! These kernels keep `LANES` independent accumulators on purpose: the loop body becomes
//! straight-line lane-wise code that LLVM turns into SIMD (f64x2 on wasm32 with `+simd128`,
//! AVX on x86-64), and the lanes are combined once at the end.

use crate::{Error, Result};

/// Independent accumulators per loop step: four f64x2 vectors on wasm, two AVX registers on x86.
const LANES: usize = 8;

/// A running Neumaier (improved Kahan-Babuska) sum: the rounding error of every addition is
/// carried in `compensation` and added back once at the end.
#[derive(Clone, Copy, Default)]
struct Neumaier {
    sum: f64,
    compensation: f64,
}

impl Neumaier {
    #[inline(always)]
    fn add(&mut self, x: f64) {
        let t = self.sum + x;
        // Branch-free select of the larger magnitude keeps the lane loop vectorisable.
        let (big, small) = if self.sum.abs() >= x.abs() {
            (self.sum, x)
        } else {
            (x, self.sum)
        };
        self.compensation += (big - t) + small;
        self.sum = t;
    }
}

/// The sum of `x`, compensated (Neumaier): the result is the exactly rounded sum in all but
/// pathological cases, with an error bound of `2 * eps * |sum| + O(n * eps^2) * sum(|x|)`.
/// `sum(&[1e16, 1.0, -1e16])` is `1.0`, where naive summation gives `0.0`.
///
/// Non-finite inputs give the IEEE result (any NaN or `inf + -inf` gives NaN, overflow gives
/// an infinity); the compensation is dropped there because it would turn `inf` into NaN.
pub fn sum(x: &[f64]) -> f64 {
    let mut lanes = [Neumaier::default(); LANES];
    let chunks = x.chunks_exact(LANES);
    let tail = chunks.remainder();
    for chunk in chunks {
        for (lane, &v) in lanes.iter_mut().zip(chunk) {
            lane.add(v);
        }
    }
    let mut total = Neumaier::default();
    let mut compensation = 0.0;
    for lane in &lanes {
        total.add(lane.sum);
        compensation += lane.compensation;
    }
    for &v in tail {
        total.add(v);
    }
    if !total.sum.is_finite() {
        return total.sum;
    }
    total.sum + (total.compensation + compensation)
}

/// The arithmetic mean of `x` (compensated sum divided by the length). NaN for an empty slice,
/// as numpy gives.
pub fn mean(x: &[f64]) -> f64 {
    if x.is_empty() {
        return f64::NAN;
    }
    sum(x) / x.len() as f64
}

/// The inner product of `x` and `y`, accumulated in `LANES` independent partial sums (not
/// compensated: relative error up to about `n * eps * sum(|x[i] * y[i]|) / |result|`, the same
/// bound as BLAS `ddot`).
pub fn dot(x: &[f64], y: &[f64]) -> Result<f64> {
    if x.len() != y.len() {
        return Err(Error::LengthMismatch {
            left: x.len(),
            right: y.len(),
        });
    }
    let mut acc = [0.0f64; LANES];
    let xs = x.chunks_exact(LANES);
    let ys = y.chunks_exact(LANES);
    let (x_tail, y_tail) = (xs.remainder(), ys.remainder());
    for (cx, cy) in xs.zip(ys) {
        for i in 0..LANES {
            acc[i] += cx[i] * cy[i];
        }
    }
    let mut total = 0.0;
    for (a, b) in x_tail.iter().zip(y_tail) {
        total += a * b;
    }
    // Pairwise combination of the lanes.
    let mut width = LANES;
    while width > 1 {
        width /= 2;
        for i in 0..width {
            acc[i] += acc[i + width];
        }
    }
    Ok(acc[0] + total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Exact sum of doubles via integer arithmetic on their scaled mantissas: the oracle the
    /// compensated sum is checked against.
    fn exact_sum(x: &[f64]) -> f64 {
        // Every finite double is m * 2^e with e >= -1074; scale all to 2^-1074 in an i128-wide
        // window. Inputs in the tests are bounded so that the window suffices.
        let mut acc: i128 = 0;
        for &v in x {
            let scaled = v * 2f64.powi(60);
            assert_eq!(scaled.fract(), 0.0, "oracle needs inputs on a 2^-60 grid");
            acc += scaled as i128;
        }
        acc as f64 / 2f64.powi(60)
    }

    #[test]
    fn cancellation_is_compensated() {
        assert_eq!(sum(&[1e16, 1.0, -1e16]), 1.0);
        assert_eq!(sum(&[1.0, 1e100, 1.0, -1e100]), 2.0);
    }

    #[test]
    fn empty_and_small() {
        assert_eq!(sum(&[]), 0.0);
        assert_eq!(sum(&[2.5]), 2.5);
        assert!(mean(&[]).is_nan());
        assert_eq!(mean(&[1.0, 2.0, 3.0, 4.0]), 2.5);
    }

    #[test]
    fn non_finite_follow_ieee() {
        assert_eq!(sum(&[1.0, f64::INFINITY, 2.0]), f64::INFINITY);
        assert_eq!(sum(&[f64::NEG_INFINITY; 20]), f64::NEG_INFINITY);
        assert!(sum(&[f64::INFINITY, f64::NEG_INFINITY]).is_nan());
        assert!(sum(&[1.0, f64::NAN]).is_nan());
        assert_eq!(sum(&[f64::MAX, f64::MAX]), f64::INFINITY);
    }

    #[test]
    fn dot_checks_lengths() {
        assert_eq!(
            dot(&[1.0], &[1.0, 2.0]),
            Err(Error::LengthMismatch { left: 1, right: 2 })
        );
        assert_eq!(dot(&[], &[]), Ok(0.0));
    }

    #[test]
    fn dot_small_exact() {
        let x: Vec<f64> = (0..37).map(f64::from).collect();
        let expected: f64 = (0..37).map(|i| f64::from(i * i)).sum();
        assert_eq!(dot(&x, &x).unwrap(), expected);
    }

    proptest! {
        #[test]
        fn sum_is_exactly_rounded_on_grid(v in prop::collection::vec(-1_000_000i64..1_000_000, 0..300),
                                          shift in 0i32..40) {
            // Values k * 2^-shift: sums of such values are exact in i128, so the oracle is exact.
            let x: Vec<f64> = v.iter().map(|&k| k as f64 * 2f64.powi(-shift)).collect();
            prop_assert_eq!(sum(&x), exact_sum(&x));
        }

        #[test]
        fn sum_survives_huge_cancellation(v in prop::collection::vec(-1000i64..1000, 1..200)) {
            let mut x: Vec<f64> = v.iter().map(|&k| k as f64).collect();
            let small: f64 = x.iter().sum();
            x.insert(0, 1e20);
            x.push(-1e20);
            prop_assert_eq!(sum(&x), small);
        }

        #[test]
        fn dot_matches_exact_integer_products(v in prop::collection::vec(-1000i64..1000, 0..300)) {
            let x: Vec<f64> = v.iter().map(|&k| k as f64).collect();
            let expected: i64 = v.iter().map(|k| k * k).sum();
            prop_assert_eq!(dot(&x, &x).unwrap(), expected as f64);
        }
    }
}
