//! The compensated prefix sum behind [`super::cumsum_into`], in two interleaved blocks.
//!
//! The serial compensated scan is one long dependency chain (every running sum needs the one
//! before it), so it runs at the latency of its additions with the vector units idle. Here the
//! input is cut into two halves, `x0 = x[..m]` and `x1 = x[m..2m]` (plus a tail of at most three
//! elements), and the scan runs as two independent chains side by side, one per half: lane 0
//! of a two-lane vector scans `x0` from zero, lane 1 scans `x1` starting from the compensated
//! sum of `x0`, which a first, vectorised pass computes. Each step is Knuth's TwoSum on both
//! lanes at once (six additions, no comparison), so one f64x2 instruction advances both
//! chains. Memory traffic: `x0` is read twice, `x1` once, `out` written once.
//!
//! # Accuracy
//!
//! Every output is the running state `(s, c)` rounded once, `fl(s + c)`, where `s` is the
//! recursive (naive) sum and `c` the floating-point sum of the exact TwoSum errors: this is
//! Ogita, Rump and Oishi's `Sum2` applied to every prefix.
//! - In the first half, lane 0 computes exactly what the serial Neumaier loop computes (both
//!   add the exact rounding error of each step into `c`; Neumaier finds it by comparing
//!   magnitudes, TwoSum without), so those outputs are bitwise the serial ones.
//! - In the second half, lane 1 starts from `(hi, lo)`, the sum of `x0` as an unevaluated pair:
//!   eight TwoSum lanes plus a TwoSum combination, with every rounding error kept in `lo`, so
//!   `hi + lo` misses `sum(x0)` only by the rounding of the (small) error sums, a term of order
//!   `(m / 8)^2 * eps^2 * sum(|x0|)`. Prefix `i` is then `Sum2` over `[hi, lo, x[m], ..., x[i]]`.
//!
//! So for every prefix `S_i = x[0] + ... + x[i]`, with `n_i <= i + 1` terms:
//! `|out[i] - S_i| <= eps * |S_i| + O(n_i^2 * eps^2) * sum(|x[j]|, j <= i)`, the bound of `Sum2`
//! ("as accurate as if computed in twice the working precision, then rounded"): the first term
//! is the one final rounding, the second stays below it unless the prefix cancels to less than
//! about `n_i^2 * eps * sum(|x|)` (and the worst case is far from typical: the errors in `c`
//! rarely add up). Cancellation across the two halves (`[1e16, ..., 1, ...,
//! -1e16]`) is compensated like any other, because `lo` carries what `hi` lost.
//!
//! Non-finite values and overflow: a TwoSum chain that meets `inf` or NaN (or overflows) stays
//! non-finite to its end, so the final states tell whether anything non-finite happened. Then
//! [`two_blocks`] reports failure and the caller reruns the serial loop, whose IEEE behaviour
//! (`inf` stays `inf` from its position on, NaN stays NaN) is the contract. The two-block
//! results are only ever kept when every input and every running sum was finite.

use core::ops::{Add, Sub};

use super::Rounded;
use crate::reduce::{Neumaier, compensated_pair, two_sum};

/// Shortest input for [`two_blocks`]; shorter ones take the serial loop. The extra pass and
/// the set-up cost about as much as they save below a few dozen elements (measured in wasm32
/// with `+simd128` and on x86-64).
pub(super) const TWO_BLOCK_MIN_LEN: usize = 32;

/// The serial compensated scan (Neumaier), for short inputs and for anything non-finite.
pub(super) fn serial<T: Copy + Into<f64>, U: Rounded>(x: &[T], out: &mut [U]) {
    let mut acc = Neumaier::default();
    for (o, &v) in out.iter_mut().zip(x) {
        acc.add(v.into());
        *o = U::rounded(acc.value());
    }
}

/// Two f64 lanes with lane-wise `+` and `-`: one wasm32 `f64x2` with `+simd128`, else two
/// scalars. Both do the same IEEE operations lane by lane, so results are bitwise identical.
pub(super) trait Pair: Copy + Add<Output = Self> + Sub<Output = Self> {
    fn new(lane0: f64, lane1: f64) -> Self;
    fn to_array(self) -> [f64; 2];
    /// The 2x2 transpose: `([a0, b0], [a1, b1])` from `a = [a0, a1]`, `b = [b0, b1]`.
    fn transpose(a: Self, b: Self) -> (Self, Self);
}

/// Scans `x` into `out` (same length, at least 4) as two interleaved compensated chains, see
/// the module documentation. Returns `false` when an input or a running sum was not finite;
/// `out` then holds garbage and the caller must run [`serial`].
pub(super) fn two_blocks<P: Pair, T: Copy + Into<f64>, U: Rounded>(x: &[T], out: &mut [U]) -> bool {
    debug_assert!(x.len() == out.len() && x.len() >= 4);
    // Even half length, so both halves split into 2-element chunks: two steps per iteration,
    // loaded and stored as whole vectors through one transpose each way.
    let m = x.len() / 4 * 2;
    let (x0, rest) = x.split_at(m);
    let (x1, x_tail) = rest.split_at(m);
    let (o0, rest) = out.split_at_mut(m);
    let (o1, o_tail) = rest.split_at_mut(m);

    // The first half's sum as an unevaluated pair: TwoSum lanes, every rounding error in `lo`.
    let (hi, lo) = compensated_pair(x0);
    if !(hi.is_finite() && lo.is_finite()) {
        return false; // Non-finite (or overflowing) first half: the serial loop's business.
    }
    let mut s = P::new(0.0, hi);
    let mut c = P::new(0.0, lo);
    let halves = x0.chunks_exact(2).zip(x1.chunks_exact(2));
    let outs = o0.chunks_exact_mut(2).zip(o1.chunks_exact_mut(2));
    for ((a, b), (oa, ob)) in halves.zip(outs) {
        // v0 = [x0[j], x1[j]], v1 = [x0[j + 1], x1[j + 1]].
        let (v0, v1) = P::transpose(
            P::new(a[0].into(), a[1].into()),
            P::new(b[0].into(), b[1].into()),
        );
        let (t, e) = two_sum(s, v0);
        c = c + e;
        let r0 = t + c;
        let (t, e) = two_sum(t, v1);
        c = c + e;
        let r1 = t + c;
        s = t;
        let (ra, rb) = P::transpose(r0, r1);
        let ([a0, a1], [b0, b1]) = (ra.to_array(), rb.to_array());
        oa[0] = U::rounded(a0);
        oa[1] = U::rounded(a1);
        ob[0] = U::rounded(b0);
        ob[1] = U::rounded(b1);
    }
    // The tail continues lane 1, which ends at prefix 2m - 1.
    let [s0, mut s1] = s.to_array();
    let [c0, mut c1] = c.to_array();
    for (o, &v) in o_tail.iter_mut().zip(x_tail) {
        let (t, e) = two_sum(s1, v.into());
        s1 = t;
        c1 += e;
        *o = U::rounded(s1 + c1);
    }
    s0.is_finite() && c0.is_finite() && s1.is_finite() && c1.is_finite()
}

/// Everywhere but wasm32 with `+simd128`: two scalars. LLVM keeps them scalar on x86-64 (it
/// does not pair the two chains into SSE2 vectors, and the SSE2 intrinsics would need `unsafe`,
/// which this crate forbids): the chains still overlap, but the extra first pass eats the gain,
/// so it runs about as fast as the serial loop there, with bitwise the wasm kernel's results.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod portable {
    use core::ops::{Add, Sub};

    #[derive(Clone, Copy)]
    pub(in super::super) struct F64x2([f64; 2]);

    impl Add for F64x2 {
        type Output = Self;
        #[inline(always)]
        fn add(self, rhs: Self) -> Self {
            Self([self.0[0] + rhs.0[0], self.0[1] + rhs.0[1]])
        }
    }

    impl Sub for F64x2 {
        type Output = Self;
        #[inline(always)]
        fn sub(self, rhs: Self) -> Self {
            Self([self.0[0] - rhs.0[0], self.0[1] - rhs.0[1]])
        }
    }

    impl super::Pair for F64x2 {
        #[inline(always)]
        fn new(lane0: f64, lane1: f64) -> Self {
            Self([lane0, lane1])
        }
        #[inline(always)]
        fn to_array(self) -> [f64; 2] {
            self.0
        }
        #[inline(always)]
        fn transpose(a: Self, b: Self) -> (Self, Self) {
            (Self([a.0[0], b.0[0]]), Self([a.0[1], b.0[1]]))
        }
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd128 {
    use core::arch::wasm32::{
        f64x2, f64x2_add, f64x2_extract_lane, f64x2_sub, i64x2_shuffle, v128,
    };
    use core::ops::{Add, Sub};

    /// One `v128` holding two f64 lanes.
    #[derive(Clone, Copy)]
    pub(in super::super) struct F64x2(v128);

    impl Add for F64x2 {
        type Output = Self;
        #[inline(always)]
        fn add(self, rhs: Self) -> Self {
            Self(f64x2_add(self.0, rhs.0))
        }
    }

    impl Sub for F64x2 {
        type Output = Self;
        #[inline(always)]
        fn sub(self, rhs: Self) -> Self {
            Self(f64x2_sub(self.0, rhs.0))
        }
    }

    impl super::Pair for F64x2 {
        #[inline(always)]
        fn new(lane0: f64, lane1: f64) -> Self {
            Self(f64x2(lane0, lane1))
        }
        #[inline(always)]
        fn to_array(self) -> [f64; 2] {
            [
                f64x2_extract_lane::<0>(self.0),
                f64x2_extract_lane::<1>(self.0),
            ]
        }
        #[inline(always)]
        fn transpose(a: Self, b: Self) -> (Self, Self) {
            (
                Self(i64x2_shuffle::<0, 2>(a.0, b.0)),
                Self(i64x2_shuffle::<1, 3>(a.0, b.0)),
            )
        }
    }
}

/// The [`Pair`] the kernel runs on for this target.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(super) type Native = simd128::F64x2;
/// The [`Pair`] the kernel runs on for this target.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub(super) type Native = portable::F64x2;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The kernel as `cumsum_into` runs it, also reporting whether the two-block path kept its
    /// result (`false`: short input or the serial fallback).
    fn scan<P: Pair>(x: &[f64]) -> (Vec<f64>, bool) {
        let mut out = vec![0.0; x.len()];
        let kept = x.len() >= TWO_BLOCK_MIN_LEN && two_blocks::<P, f64, f64>(x, &mut out);
        if !kept {
            serial(x, &mut out);
        }
        (out, kept)
    }

    fn serial_scan(x: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; x.len()];
        serial(x, &mut out);
        out
    }

    /// The correctly rounded prefix sums of integer-valued inputs, from exact i128 sums.
    fn rounded_prefixes(x: &[f64]) -> Vec<f64> {
        let mut exact = 0i128;
        x.iter()
            .map(|&v| {
                assert_eq!(v.fract(), 0.0);
                exact += v as i128;
                exact as f64
            })
            .collect()
    }

    /// Same bits, NaN matching any NaN.
    fn assert_same(got: &[f64], want: &[f64], what: &str) {
        assert_eq!(got.len(), want.len());
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            assert!(
                g.to_bits() == w.to_bits() || (g.is_nan() && w.is_nan()),
                "{what}: prefix {i}: got {g}, want {w}"
            );
        }
    }

    #[test]
    fn every_length_around_the_threshold_and_the_lanes() {
        // Lengths 0..=100 cover the threshold, every tail length (0..=3) and the remainder of
        // the first-pass lanes; small integers make every prefix exact.
        for n in 0..=100 {
            let x: Vec<f64> = (0..n).map(|i| f64::from((i * 7 % 11) as i32 - 5)).collect();
            let (out, kept) = scan::<Native>(&x);
            assert_eq!(kept, n >= TWO_BLOCK_MIN_LEN, "n = {n}");
            assert_same(&out, &rounded_prefixes(&x), &format!("n = {n}"));
        }
    }

    #[test]
    fn cancellation_across_the_halves_and_the_tail() {
        // 1e16 early, -1e16 in the second half or the tail, ones and halves around them: the
        // prefixes after the pair cancel to small numbers that only compensation gets right.
        for n in [32, 33, 34, 35, 36, 64, 67, 101, 1000, 1003] {
            let m = n / 4 * 2;
            for (p, q) in [
                (0, m),
                (0, n - 1),
                (m - 1, m),
                (m / 2, m + m / 2),
                (1, n - 2),
            ] {
                let mut x: Vec<f64> = (0..n).map(|i| if i % 3 == 0 { 1.0 } else { 3.0 }).collect();
                x[p] = 1e16;
                x[q] = -1e16;
                let (out, kept) = scan::<Native>(&x);
                assert!(kept);
                assert_same(&out, &rounded_prefixes(&x), &format!("n {n}, p {p}, q {q}"));
            }
        }
    }

    #[test]
    fn first_half_is_bitwise_the_serial_scan() {
        let x: Vec<f64> = (0..1001)
            .map(|i| (f64::from(i) * 0.37).sin() * 1e3)
            .collect();
        let (out, kept) = scan::<Native>(&x);
        assert!(kept);
        let m = x.len() / 4 * 2;
        assert_same(&out[..m], &serial_scan(&x)[..m], "first half");
    }

    #[test]
    fn non_finite_anywhere_gives_the_serial_result() {
        for n in [32, 35, 64, 203] {
            let m = n / 4 * 2;
            for p in [0, 1, m - 1, m, m + 1, 2 * m - 1, n - 1] {
                for bad in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
                    let mut x: Vec<f64> = (0..n).map(|i| (i % 5) as f64).collect();
                    x[p] = bad;
                    let (out, kept) = scan::<Native>(&x);
                    assert!(!kept);
                    assert_same(&out, &serial_scan(&x), &format!("n {n}, {bad} at {p}"));
                    // inf then -inf in the other half: NaN from there on.
                    let q = if p < m { n - 1 } else { 0 };
                    x[q] = -bad;
                    let (out, _) = scan::<Native>(&x);
                    assert_same(&out, &serial_scan(&x), &format!("n {n}, {bad} at {p}, {q}"));
                }
            }
        }
    }

    #[test]
    fn overflow_near_max() {
        let big = f64::MAX;
        let n = 40;
        let m = n / 4 * 2;
        // A prefix overflows in the first half: inf from there on, as the serial loop says,
        // even where the exact prefix is finite again.
        let mut x = vec![0.0; n];
        x[3] = big;
        x[4] = big;
        x[5] = -big;
        let (out, kept) = scan::<Native>(&x);
        assert!(!kept);
        assert_same(&out, &serial_scan(&x), "overflow in the first half");
        assert!(out[4..].iter().all(|&v| v == f64::INFINITY));
        // The same in the second half, where lane 1 starts finite.
        let mut x = vec![0.0; n];
        x[m + 2] = -big;
        x[m + 3] = -big;
        x[n - 1] = big;
        let (out, kept) = scan::<Native>(&x);
        assert!(!kept);
        assert_same(&out, &serial_scan(&x), "overflow in the second half");
        assert_eq!(out[n - 1], f64::NEG_INFINITY);
        // Alternating +-MAX: every prefix is MAX or 0, but the first pass's lanes add every
        // eighth element and overflow; the serial fallback gets the exact prefixes.
        let x: Vec<f64> = (0..n)
            .map(|i| if i % 2 == 0 { big } else { -big })
            .collect();
        let (out, kept) = scan::<Native>(&x);
        assert!(!kept);
        let want: Vec<f64> = (0..n).map(|i| if i % 2 == 0 { big } else { 0.0 }).collect();
        assert_same(&out, &want, "alternating");
        // Large but never overflowing: kept, and exact.
        let mut x = vec![1.0; n];
        x[0] = -big;
        x[m] = big;
        x[m + 1] = big / 2.0;
        let (out, kept) = scan::<Native>(&x);
        assert!(kept);
        assert_eq!(out[m - 1], -big);
        assert_eq!(out[m], (m - 1) as f64);
        assert_eq!(out[m + 1], big / 2.0);
    }

    proptest! {
        #[test]
        fn two_block_prefixes_meet_the_bound(v in prop::collection::vec((-1_000_000i64..1_000_000, 0i32..70), 32..1500)) {
            // As cumulative.rs's oracle test, at lengths that all take the two-block path.
            let xs: Vec<i128> = v.iter().map(|&(k, e)| i128::from(k) << e).collect();
            let x: Vec<f64> = xs.iter().map(|&k| k as f64).collect();
            let (out, kept) = scan::<Native>(&x);
            prop_assert!(kept);
            let m = x.len() / 4 * 2;
            let serial_out = serial_scan(&x);
            prop_assert!(out[..m].iter().zip(&serial_out).all(|(a, b)| a.to_bits() == b.to_bits()));
            super::super::tests::prefixes_within_bound(&xs, &out)?;
        }

    }
}
