//! Running (prefix) reductions: `cumsum` and `cumprod`, one output per input.

mod scan;

use crate::Result;
use crate::elementwise::check_output;
use crate::reduce::{Accumulator, Integer};

/// Writes the running sums `x[0] + ... + x[i]` to `out[i]`, each compensated (Neumaier): every
/// prefix is the (almost always exactly) rounded sum, where numpy's sequential `cumsum` drifts
/// by up to `i * eps * sum(|x|)`. So results can differ from numpy's in the last bits, towards
/// the exact value. Non-finite values follow IEEE (`inf` stays `inf`, `inf + -inf` is NaN and
/// stays NaN). `Error::OutputLength` (InvalidValue) when the lengths differ.
///
/// From 32 elements on, the scan runs as two interleaved compensated chains over the two
/// halves of `x`, the second started from the compensated sum of the first (TwoSum, `Sum2` of
/// Ogita, Rump and Oishi): about 1.9x faster in wasm32 with `+simd128`, where one f64x2 step
/// advances both chains. Error bound per prefix: `eps * |S_i| + O(i^2 * eps^2) * sum(|x[..=i]|)`,
/// the same as the serial loop's; the first half's outputs are bitwise the serial ones. Any
/// non-finite input or running sum sends the whole input through the serial loop, which
/// defines the IEEE behaviour above. Details in `cumulative/scan.rs`.
pub fn cumsum_into(x: &[f64], out: &mut [f64]) -> Result<()> {
    check_output(x.len(), out.len())?;
    running_sums(x, out)
}

/// [`cumsum_into`] of float32 values, read in place: the same float64 running sums, each
/// rounded once to float32 (no float64 copies of the input or the results, which cost float32
/// inputs 7.0 ms per 1e6 on the host against 1.4 ms for float64 ones).
pub fn cumsum_f32_into(x: &[f32], out: &mut [f32]) -> Result<()> {
    running_sums(x, out)
}

fn running_sums<T: Copy + Into<f64>, U: Rounded>(x: &[T], out: &mut [U]) -> Result<()> {
    check_output(x.len(), out.len())?;
    if x.len() < scan::TWO_BLOCK_MIN_LEN || !scan::two_blocks::<scan::Native, T, U>(x, out) {
        scan::serial(x, out);
    }
    Ok(())
}

/// A float the float64 running sums are written as: each rounded once.
trait Rounded: Copy {
    fn rounded(v: f64) -> Self;
}

impl Rounded for f64 {
    #[inline(always)]
    fn rounded(v: f64) -> Self {
        v
    }
}

impl Rounded for f32 {
    #[inline(always)]
    fn rounded(v: f64) -> Self {
        v as f32
    }
}

/// Writes the running products `x[0] * ... * x[i]` to `out[i]` (sequential, like numpy;
/// products do not cancel, so no compensation is needed). `Error::OutputLength` (InvalidValue)
/// when the lengths differ.
pub fn cumprod_into(x: &[f64], out: &mut [f64]) -> Result<()> {
    check_output(x.len(), out.len())?;
    let mut acc = 1.0;
    for (o, &v) in out.iter_mut().zip(x) {
        acc *= v;
        *o = acc;
    }
    Ok(())
}

/// [`cumprod_into`] of float32 values, read in place: the same float64 running products, each
/// rounded once to float32 (no float64 copies of the input or the results, which cost float32
/// inputs 6.4 ms per 1e6 on the host against 0.84 ms for float64 ones).
pub fn cumprod_f32_into(x: &[f32], out: &mut [f32]) -> Result<()> {
    check_output(x.len(), out.len())?;
    let mut acc = 1.0f64;
    for (o, &v) in out.iter_mut().zip(x) {
        acc *= f64::from(v);
        *o = acc as f32;
    }
    Ok(())
}

/// Writes the running sums of integers `x` to `out` in their 64-bit accumulator (numpy's
/// `int64` for signed integers and bool, `uint64` for unsigned), wrapping around on overflow
/// exactly as numpy's `cumsum`. `Error::OutputLength` (InvalidValue) when the lengths differ.
pub fn wrapping_cumsum_into<T: Integer>(x: &[T], out: &mut [T::Acc]) -> Result<()> {
    wrapping_scan(x, out, T::Acc::default(), T::Acc::wrapping_add)
}

/// Writes the running products of integers `x` to `out`, wrapping around as numpy's
/// `cumprod`; otherwise as [`wrapping_cumsum_into`].
pub fn wrapping_cumprod_into<T: Integer>(x: &[T], out: &mut [T::Acc]) -> Result<()> {
    wrapping_scan(x, out, T::Acc::ONE, T::Acc::wrapping_mul)
}

fn wrapping_scan<T: Integer>(
    x: &[T],
    out: &mut [T::Acc],
    start: T::Acc,
    op: fn(T::Acc, T::Acc) -> T::Acc,
) -> Result<()> {
    check_output(x.len(), out.len())?;
    let mut acc = start;
    for (o, &v) in out.iter_mut().zip(x) {
        acc = op(acc, v.widen());
        *o = acc;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use proptest::prelude::*;

    /// Checks `out` against the exact prefix sums of `xs` (integers, exact in i128) with the
    /// compensated bound `|err| <= eps*|S_i| + (i + 1)*eps^2*sum(|x[..=i]|)`.
    pub(super) fn prefixes_within_bound(
        xs: &[i128],
        out: &[f64],
    ) -> std::result::Result<(), TestCaseError> {
        let (mut exact, mut abs_sum) = (0i128, 0f64);
        let eps = f64::EPSILON;
        for (i, &k) in xs.iter().enumerate() {
            exact += k;
            abs_sum += (k as f64).abs();
            let err = (out[i] as i128 - exact).abs() as f64;
            let bound = eps * (exact as f64).abs() + (i + 1) as f64 * eps * eps * abs_sum;
            prop_assert!(
                err <= bound,
                "prefix {}: got {}, exact {}",
                i,
                out[i],
                exact
            );
        }
        Ok(())
    }

    #[test]
    fn integer_running_sums_and_products_wrap_as_numpy() {
        let mut out = [0i64; 3];
        wrapping_cumsum_into(&[i64::MAX, 1, 1], &mut out).unwrap();
        assert_eq!(out, [i64::MAX, i64::MIN, i64::MIN + 1]);
        wrapping_cumsum_into(&[100i8, 100, -128], &mut out).unwrap();
        assert_eq!(out, [100, 200, 72]);
        wrapping_cumprod_into(&[1i64 << 40, 1 << 30, 3], &mut out).unwrap();
        assert_eq!(out, [1 << 40, 0, 0]);
        wrapping_cumsum_into(&[true, true, false], &mut out).unwrap();
        assert_eq!(out, [1, 2, 2]);
        let mut unsigned = [0u64; 2];
        wrapping_cumsum_into(&[u64::MAX, 2], &mut unsigned).unwrap();
        assert_eq!(unsigned, [u64::MAX, 1]);
        wrapping_cumprod_into(&[255u8, 255], &mut unsigned).unwrap();
        assert_eq!(unsigned, [255, 65025]);
        assert_eq!(
            wrapping_cumsum_into(&[1u16], &mut unsigned),
            Err(Error::OutputLength {
                expected: 1,
                got: 2
            })
        );
    }

    #[test]
    fn small_cases() {
        let mut out = [0.0; 4];
        cumsum_into(&[1.0, 2.0, 3.0, 4.0], &mut out).unwrap();
        assert_eq!(out, [1.0, 3.0, 6.0, 10.0]);
        cumprod_into(&[1.0, 2.0, 3.0, 4.0], &mut out).unwrap();
        assert_eq!(out, [1.0, 2.0, 6.0, 24.0]);
        cumsum_into(&[], &mut []).unwrap();
        cumprod_into(&[], &mut []).unwrap();
        assert_eq!(
            cumsum_into(&[1.0], &mut out),
            Err(Error::OutputLength {
                expected: 1,
                got: 4
            })
        );
        assert!(cumprod_into(&[1.0], &mut out).is_err());
    }

    #[test]
    fn compensated_and_non_finite() {
        let mut out = [0.0; 3];
        cumsum_into(&[1e16, 1.0, -1e16], &mut out).unwrap();
        assert_eq!(out, [1e16, 1e16, 1.0]);
        let mut out = [0.0; 4];
        cumsum_into(&[1.0, f64::INFINITY, 2.0, f64::NEG_INFINITY], &mut out).unwrap();
        assert_eq!(&out[..3], &[1.0, f64::INFINITY, f64::INFINITY]);
        assert!(out[3].is_nan());
        cumsum_into(&[f64::NAN, 1.0, 2.0, 3.0], &mut out).unwrap();
        assert!(out.iter().all(|v| v.is_nan()));
        cumprod_into(&[2.0, f64::INFINITY, 0.0, 1.0], &mut out).unwrap();
        assert_eq!(&out[..2], &[2.0, f64::INFINITY]);
        assert!(out[2].is_nan() && out[3].is_nan());
    }

    proptest! {
        #[test]
        fn cumsum_prefixes_are_compensated(v in prop::collection::vec((-1_000_000i64..1_000_000, 0i32..70), 0..200)) {
            // Values k * 2^e span 2^90, so prefixes cancel heavily; the exact prefix sums live
            // in i128. Neumaier's bound: |err| <= eps*|S| + n*eps^2*sum(|x|) (naive summation
            // violates it by many orders of magnitude on these inputs).
            let xs: Vec<i128> = v.iter().map(|&(k, e)| i128::from(k) << e).collect();
            let x: Vec<f64> = xs.iter().map(|&k| k as f64).collect();
            let mut out = vec![0.0; x.len()];
            cumsum_into(&x, &mut out).unwrap();
            prefixes_within_bound(&xs, &out)?;
        }

        #[test]
        fn cumprod_matches_sequential(v in prop::collection::vec(-3.0f64..3.0, 0..100)) {
            let mut out = vec![0.0; v.len()];
            cumprod_into(&v, &mut out).unwrap();
            let mut p = 1.0;
            for (i, &x) in v.iter().enumerate() {
                p *= x;
                prop_assert_eq!(out[i].to_bits(), p.to_bits());
            }
        }

        #[test]
        fn cumsum_of_float32_is_the_float64_one_rounded(
            v in prop::collection::vec(prop_oneof![
                8 => -1e6f32..1e6,
                1 => prop::num::f32::ANY,
            ], 0..200),
        ) {
            let wide: Vec<f64> = v.iter().map(|&x| f64::from(x)).collect();
            let mut want = vec![0.0; v.len()];
            cumsum_into(&wide, &mut want).unwrap();
            let mut out = vec![0.0f32; v.len()];
            cumsum_f32_into(&v, &mut out).unwrap();
            for (o, w) in out.iter().zip(&want) {
                prop_assert_eq!(o.to_bits(), (*w as f32).to_bits());
            }
        }

        #[test]
        fn cumprod_of_float32_is_the_float64_one_rounded(
            v in prop::collection::vec(prop::num::f32::ANY, 0..100),
        ) {
            let wide: Vec<f64> = v.iter().map(|&x| f64::from(x)).collect();
            let mut want = vec![0.0; v.len()];
            cumprod_into(&wide, &mut want).unwrap();
            let mut out = vec![0.0f32; v.len()];
            cumprod_f32_into(&v, &mut out).unwrap();
            for (o, w) in out.iter().zip(&want) {
                prop_assert_eq!(o.to_bits(), (*w as f32).to_bits());
            }
        }
    }
}
