//! `median`: the middle of the values, found by selection rather than by sorting.
//!
//! numpy's semantics: the middle value of an odd count, the mean of the two middle values of
//! an even count; NaN when any value is NaN or there are none.
//!
//! # How
//! One lane of values is copied into scratch memory and reordered there with
//! [`slice::select_nth_unstable_by`]: selection is O(n) in the worst case (introselect with a
//! median-of-medians fallback), where sorting is O(n log n), and it reorders only the copy, so
//! the caller's array (often read in place, zero copy) is never written. The comparison is
//! [`f64::total_cmp`]: a total order, as selection requires, and one integer compare. Lanes
//! holding a NaN never reach it (their median is NaN), so the only place that order differs
//! from IEEE `<` is `-0.0 < 0.0`, which can only decide the sign of a zero median where numpy
//! leaves it unspecified. For an even count the lower middle value is the largest of the lower
//! part the selection leaves, one more linear pass.
//!
//! # Accuracy
//! Exact: the median of an odd count is one of the values; of an even count it is the
//! correctly rounded midpoint of the two middle values, `(lo + hi) / 2` (numpy's arithmetic,
//! the same bits), or `lo / 2 + hi / 2` where `lo + hi` overflows, so the median of finite
//! values is finite (numpy gives ±inf there). Nothing is summed, so no compensation is needed.

use crate::{Error, Result};

/// The median of `x`, reordering `x` (see the module documentation); NaN when `x` is empty or
/// holds a NaN.
pub fn median_in_place(x: &mut [f64]) -> f64 {
    let n = x.len();
    if n == 0 || x.iter().any(|v| v.is_nan()) {
        return f64::NAN;
    }
    let (lower, &mut hi, _) = x.select_nth_unstable_by(n / 2, f64::total_cmp);
    if n % 2 == 1 {
        return hi;
    }
    let lo = lower.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    midpoint(lo, hi)
}

/// `(lo + hi) / 2` rounded once: halving is exact, so only the sum rounds, unless it
/// overflows; then the halves are exact and only their sum rounds.
fn midpoint(lo: f64, hi: f64) -> f64 {
    let sum = lo + hi;
    if sum.is_finite() {
        sum / 2.0
    } else {
        lo / 2.0 + hi / 2.0
    }
}

/// The medians along one axis of a C-order array. `shape` is `(outer, n, inner)`: the
/// dimensions before the axis (multiplied), the axis' length and the dimensions after it
/// (multiplied); `out` gets the `outer * inner` medians in C order, i.e. shaped as the array
/// without that axis. Each lane of `n` values is copied into `scratch` (at least `n` long,
/// when there are lanes; the caller's allocation, so that a failed one can be reported) and
/// selected there.
///
/// Each median is written as `round(median)`: the identity for a float64 result, a rounding
/// to float32 for numpy's float32 median (the one rounding of the exact midpoint, as the
/// midpoint of two float32 values is exact in f64 unless they lie 2^29 apart, where its
/// rounding error is far below float32's).
///
/// `Error::LengthMismatch` when `x` does not hold `outer * n * inner` values,
/// `Error::OutputLength` when `out` is not `outer * inner` or `scratch` is too short.
pub fn median_along_into<O>(
    x: &[f64],
    shape: (usize, usize, usize),
    scratch: &mut [f64],
    out: &mut [O],
    round: impl Fn(f64) -> O,
) -> Result<()> {
    let (outer, n, inner) = shape;
    let lanes = outer.checked_mul(inner);
    let len = lanes.and_then(|l| l.checked_mul(n));
    if len != Some(x.len()) {
        return Err(Error::LengthMismatch {
            left: x.len(),
            right: len.unwrap_or(usize::MAX),
        });
    }
    let lanes = lanes.unwrap_or(0);
    if out.len() != lanes {
        return Err(Error::OutputLength {
            expected: lanes,
            got: out.len(),
        });
    }
    if scratch.len() < n && lanes > 0 {
        return Err(Error::OutputLength {
            expected: n,
            got: scratch.len(),
        });
    }
    if lanes == 0 {
        return Ok(());
    }
    let lane = &mut scratch[..n];
    for (index, o) in out.iter_mut().enumerate() {
        // Output (i, k) is the median of x[i, 0..n, k].
        let start = (index / inner) * n * inner + index % inner;
        for (j, v) in lane.iter_mut().enumerate() {
            *v = x[start + j * inner];
        }
        *o = round(median_in_place(lane));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The median the textbook way: sort a copy (no NaN here), take the middle.
    fn sorted_median(x: &[f64]) -> f64 {
        let mut v = x.to_vec();
        v.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
        let n = v.len();
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        }
    }

    fn median(x: &[f64]) -> f64 {
        median_in_place(&mut x.to_vec())
    }

    #[test]
    fn odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&[7.0]), 7.0);
        assert_eq!(median(&[-1.0, f64::INFINITY]), f64::INFINITY);
        assert_eq!(median(&[5.0, 5.0, 1.0, 9.0]), 5.0);
    }

    #[test]
    fn nan_and_empty_give_nan() {
        assert!(median(&[]).is_nan());
        assert!(median(&[1.0, f64::NAN, 2.0]).is_nan());
        assert!(median(&[f64::NAN]).is_nan());
        assert!(median(&[f64::NEG_INFINITY, f64::INFINITY]).is_nan());
    }

    #[test]
    fn midpoints_of_huge_values_do_not_overflow() {
        let m = median(&[1e308, 1.5e308]);
        assert!(
            m.is_finite() && (m - 1.25e308).abs() <= 1.25e308 * f64::EPSILON,
            "{m}"
        );
        assert_eq!(median(&[f64::MAX, f64::MAX]), f64::MAX);
        assert_eq!(median(&[-f64::MAX, -f64::MAX]), -f64::MAX);
        // Tiny values: the sum is exact, halving rounds once (2^-1074 is the smallest double).
        let tiny = f64::from_bits(1);
        assert_eq!(median(&[tiny, tiny * 2.0]), tiny * 2.0);
    }

    #[test]
    fn zeros_keep_numpy_arithmetic() {
        assert_eq!(median(&[-0.0, -0.0]).to_bits(), (-0.0f64).to_bits());
        assert_eq!(median(&[-0.0, 0.0]).to_bits(), 0.0f64.to_bits());
    }

    #[test]
    fn the_input_of_along_is_not_written() {
        let x = [3.0, 1.0, 2.0, 6.0, 5.0, 4.0];
        let copy = x;
        let (mut scratch, mut out) = ([0.0; 3], [0.0; 2]);
        median_along_into(&x, (2, 3, 1), &mut scratch, &mut out, |v| v).unwrap();
        assert_eq!(out, [2.0, 5.0]);
        assert_eq!(x, copy);
        // Rounded as asked: float32 medians of float32 values (2^24 and 2^24 + 2: the midpoint
        // 2^24 + 1 is a float32 tie, rounded to even).
        let big = [16_777_216.0, 16_777_218.0, 1.5, 2.5];
        let mut narrow = [0f32; 2];
        median_along_into(&big, (2, 2, 1), &mut scratch, &mut narrow, |v| v as f32).unwrap();
        assert_eq!(narrow, [16_777_216.0, 2.0]);
    }

    #[test]
    fn along_every_axis_of_a_3d_array() {
        // x[i][j][k] = a scrambled value; compare each lane with sorted_median of that lane
        // gathered by explicit indices.
        let (d0, d1, d2) = (2usize, 3usize, 4usize);
        let value = |i: usize, j: usize, k: usize| ((i * 7 + j * 5 + k * 3) % 11) as f64 - 4.5;
        let x: Vec<f64> = (0..d0 * d1 * d2)
            .map(|t| value(t / (d1 * d2), t / d2 % d1, t % d2))
            .collect();
        let mut scratch = [0.0; 4];

        let mut out = vec![0.0; d1 * d2];
        median_along_into(&x, (1, d0, d1 * d2), &mut scratch, &mut out, |v| v).unwrap();
        for j in 0..d1 {
            for k in 0..d2 {
                let lane: Vec<f64> = (0..d0).map(|i| value(i, j, k)).collect();
                assert_eq!(
                    out[j * d2 + k],
                    sorted_median(&lane),
                    "axis 0 at ({j}, {k})"
                );
            }
        }
        let mut out = vec![0.0; d0 * d2];
        median_along_into(&x, (d0, d1, d2), &mut scratch, &mut out, |v| v).unwrap();
        for i in 0..d0 {
            for k in 0..d2 {
                let lane: Vec<f64> = (0..d1).map(|j| value(i, j, k)).collect();
                assert_eq!(
                    out[i * d2 + k],
                    sorted_median(&lane),
                    "axis 1 at ({i}, {k})"
                );
            }
        }
        let mut out = vec![0.0; d0 * d1];
        median_along_into(&x, (d0 * d1, d2, 1), &mut scratch, &mut out, |v| v).unwrap();
        for i in 0..d0 {
            for j in 0..d1 {
                let lane: Vec<f64> = (0..d2).map(|k| value(i, j, k)).collect();
                assert_eq!(
                    out[i * d1 + j],
                    sorted_median(&lane),
                    "axis 2 at ({i}, {j})"
                );
            }
        }
    }

    #[test]
    fn empty_lanes_are_nan_and_bad_sizes_are_refused() {
        let mut out = [0.0; 3];
        median_along_into(&[], (1, 0, 3), &mut [], &mut out, |v| v).unwrap();
        assert!(out.iter().all(|v| v.is_nan()));
        median_along_into(&[], (0, 5, 2), &mut [], &mut [], |v| v).unwrap();
        let x = [1.0; 6];
        assert_eq!(
            median_along_into(&x, (2, 2, 2), &mut [0.0; 2], &mut [0.0; 4], |v| v),
            Err(Error::LengthMismatch { left: 6, right: 8 })
        );
        assert_eq!(
            median_along_into(&x, (2, 3, 1), &mut [0.0; 3], &mut [0.0; 3], |v| v),
            Err(Error::OutputLength {
                expected: 2,
                got: 3
            })
        );
        assert_eq!(
            median_along_into(&x, (2, 3, 1), &mut [0.0; 2], &mut [0.0; 2], |v| v),
            Err(Error::OutputLength {
                expected: 3,
                got: 2
            })
        );
        assert!(median_along_into(&x, (usize::MAX, 2, 2), &mut [], &mut [], |v| v).is_err());
    }

    proptest! {
        #[test]
        fn matches_the_sorted_median(x in prop::collection::vec(-1e300f64..1e300, 0..200)) {
            let got = median(&x);
            if x.is_empty() {
                prop_assert!(got.is_nan());
            } else {
                prop_assert_eq!(got, sorted_median(&x));
            }
        }

        #[test]
        fn any_nan_gives_nan(
            mut x in prop::collection::vec(-1e3f64..1e3, 1..50),
            at in any::<prop::sample::Index>(),
        ) {
            let i = at.index(x.len());
            x[i] = f64::NAN;
            prop_assert!(median(&x).is_nan());
        }
    }
}
