//! The exact sum of a block of doubles as two doubles, in vectorised floating-point
//! arithmetic, when the block's dynamic range allows it (almost always for real data).
//!
//! Adding every element to the superaccumulator is exact but scalar (an integer scatter per
//! element). Instead, each element `x` is cut on fixed grids with Rump, Ogita and Oishi's
//! extraction ("Accurate floating-point summation", 2008): for a power of two `σ >= |x|`,
//! `q = (σ + x) - σ` is exact, a multiple of `2^-53 σ`, and so is `r = x - q`, with
//! `|r| <= 2^-53 σ`. Sums of such `q` are exact as long as they stay below `σ`: with
//! `σ = 2^11 * 2^k`, `2^k > max|x|`, that holds for up to 1024 terms in any order, so plain
//! (vectorisable) lane sums of the `q` are exact.
//!
//! - The common case ([`two_grids`], one pass): every non-zero `|x| >= 2^(k-31)`. Then every
//!   `x`, and so every `r`, is a multiple of `2^(k-83)`, and the `r` (below `2^(k-42)`) sum
//!   exactly as well. The pass also finds `max|x|` and `min|x|`, which check that assumption
//!   afterwards, so `k` can be guessed from the previous block and the block is only redone
//!   when the guess was wrong.
//! - Smaller values or zeros in the block ([`three_grids`]): the residues `r` are cut once
//!   more and what is left after that must be zero; true unless the block holds values more
//!   than about `2^-30` below its largest that are not multiples of the last grid.
//! - Otherwise (and for non-finite values) the caller adds the block to the superaccumulator
//!   element by element.

use super::LANES;

/// The most terms one call sums: `2^10`, the headroom of the grids below.
pub(super) const BLOCK: usize = 1 << 10;

/// `log2(BLOCK) + 1`: bits of headroom between the largest term and `σ`.
const HEADROOM: i32 = 11;

/// How far below `2^k` the values of [`two_grids`] may go: the second grid is
/// `2^(k - SPAN - 52)`, fine enough that `1024 * 2^(k-42)` stays within its 53 bits.
const SPAN: i32 = 31;

/// The exact sum of `x` (at most [`BLOCK`] terms) as `hi + lo`, two doubles each of which is
/// exact, or `None` when `x` needs the superaccumulator: a non-finite value, a largest
/// magnitude of `2^1000` or more, or values too small against the largest (see the module).
/// `k` is the grid exponent to try first; it is updated to the one this block needed.
pub(super) fn exact_pair(x: &[f64], k: &mut i32) -> Option<(f64, f64)> {
    debug_assert!(x.len() <= BLOCK);
    let guess = two_grids(x, *k);
    if guess.is_exact(*k) {
        return Some((guess.hi, guess.lo));
    }
    // The pass skips NaN in the maximum (a NaN poisons the sums instead); inf lands here.
    if guess.largest >= 2f64.powi(1000) {
        return None;
    }
    // `2^k` strictly above every |x|, at least 2^-900 so that the grids stay far above the
    // subnormal range (a block of smaller values is not exact on them and falls back).
    let fitted = exponent_above(guess.largest.max(2f64.powi(-900)));
    *k = fitted;
    if guess.smallest >= 2f64.powi(fitted - SPAN) {
        let again = two_grids(x, fitted);
        // Only a NaN can fail now.
        return again.is_exact(fitted).then_some((again.hi, again.lo));
    }
    three_grids(x, fitted)
}

/// The sums of one [`two_grids`] pass and the extremes that say whether they are exact.
struct TwoGrids {
    hi: f64,
    lo: f64,
    /// `max|x|` and `min|x|`, NaN skipped.
    largest: f64,
    smallest: f64,
}

impl TwoGrids {
    fn is_exact(&self, k: i32) -> bool {
        self.hi.is_finite()
            && self.lo.is_finite()
            && self.largest < 2f64.powi(k)
            && self.smallest >= 2f64.powi(k - SPAN)
    }
}

/// `hi = sum(q)` and `lo = sum(x - q)` on the grid of `σ = 2^(k + HEADROOM)`, with `max|x|`
/// and `min|x|`: one pass of five flops and three compare-or-abs steps per element.
fn two_grids(x: &[f64], k: i32) -> TwoGrids {
    let sigma = 2f64.powi(k + HEADROOM);
    let mut hi = [0.0f64; LANES];
    let mut lo = [0.0f64; LANES];
    let mut largest = [0.0f64; LANES];
    let mut smallest = [f64::INFINITY; LANES];
    let chunks = x.chunks_exact(LANES);
    let tail = chunks.remainder();
    for chunk in chunks {
        for i in 0..LANES {
            let v = chunk[i];
            let q = (sigma + v) - sigma;
            hi[i] += q;
            lo[i] += v - q;
            let a = v.abs();
            largest[i] = if largest[i] < a { a } else { largest[i] };
            smallest[i] = if a < smallest[i] { a } else { smallest[i] };
        }
    }
    let mut sums = TwoGrids {
        hi: 0.0,
        lo: 0.0,
        largest: 0.0,
        smallest: f64::INFINITY,
    };
    for i in 0..LANES {
        sums.hi += hi[i];
        sums.lo += lo[i];
        sums.largest = if sums.largest < largest[i] {
            largest[i]
        } else {
            sums.largest
        };
        sums.smallest = if smallest[i] < sums.smallest {
            smallest[i]
        } else {
            sums.smallest
        };
    }
    for &v in tail {
        let q = (sigma + v) - sigma;
        sums.hi += q;
        sums.lo += v - q;
        let a = v.abs();
        sums.largest = if sums.largest < a { a } else { sums.largest };
        sums.smallest = if a < sums.smallest { a } else { sums.smallest };
    }
    sums
}

/// The exact sum of `x` cut on three grids, every `|x| < 2^k`: `None` unless what is left
/// after the third is zero everywhere.
fn three_grids(x: &[f64], k: i32) -> Option<(f64, f64)> {
    let sigma1 = 2f64.powi(k + HEADROOM);
    // |r| <= 2^-53 sigma1 = 2^(k - 42) < 2^(k - 41): the same headroom above that.
    let sigma2 = 2f64.powi(k - 41 + HEADROOM);

    let mut hi = [0.0f64; LANES];
    let mut lo = [0.0f64; LANES];
    let mut left = [0.0f64; LANES];
    let chunks = x.chunks_exact(LANES);
    let tail = chunks.remainder();
    for chunk in chunks {
        for i in 0..LANES {
            let (q1, q2, r) = split(chunk[i], sigma1, sigma2);
            hi[i] += q1;
            lo[i] += q2;
            left[i] += r.abs();
        }
    }
    let (mut hi_total, mut lo_total, mut left_total) = (0.0, 0.0, 0.0);
    for i in 0..LANES {
        hi_total += hi[i];
        lo_total += lo[i];
        left_total += left[i];
    }
    for &v in tail {
        let (q1, q2, r) = split(v, sigma1, sigma2);
        hi_total += q1;
        lo_total += q2;
        left_total += r.abs();
    }
    // A sum of magnitudes is zero only if every one is; NaN fails the test as well.
    if left_total != 0.0 || !(hi_total.is_finite() && lo_total.is_finite()) {
        return None;
    }
    Some((hi_total, lo_total))
}

/// `x = q1 + q2 + r` exactly, `q1` on the grid of `sigma1`, `q2` on that of `sigma2`.
#[inline(always)]
fn split(x: f64, sigma1: f64, sigma2: f64) -> (f64, f64, f64) {
    let q1 = (sigma1 + x) - sigma1;
    let r1 = x - q1;
    let q2 = (sigma2 + r1) - sigma2;
    (q1, q2, r1 - q2)
}

/// The `k` with `2^(k-1) <= v < 2^k`, for a positive normal `v`.
fn exponent_above(v: f64) -> i32 {
    ((v.to_bits() >> 52) as i32) - 1023 + 1
}

#[cfg(test)]
mod tests {
    fn exact_pair(x: &[f64]) -> Option<(f64, f64)> {
        // Every path: a right guess, a guess too high, one too low.
        let mut k = 0;
        let fitted = super::exact_pair(x, &mut k);
        for guess in [k - 40, k - 1, k + 1, k + 40, 0] {
            let mut k = guess;
            let again = super::exact_pair(x, &mut k);
            let same = match (again, fitted) {
                (Some((a, b)), Some((c, d))) => a + b == c + d || a.is_nan(),
                (None, None) => true,
                _ => false,
            };
            assert!(same, "guess {guess}: {again:?} vs {fitted:?}");
        }
        fitted
    }

    #[test]
    fn falls_back_when_it_must() {
        assert_eq!(exact_pair(&[]), Some((0.0, 0.0)));
        assert_eq!(exact_pair(&[1.0, f64::NAN]), None);
        assert_eq!(exact_pair(&[0.0, f64::NAN]), None);
        assert_eq!(exact_pair(&[f64::INFINITY]), None);
        assert_eq!(exact_pair(&[1e302, -1e302]), None);
        // Exact, though the two grids split +x and -x differently.
        let (hi, lo) = exact_pair(&[1e300, -1e300]).unwrap();
        assert_eq!(hi + lo, 0.0);
        assert_eq!(exact_pair(&[1.0, 1e-30]), None);
        let pair = exact_pair(&[1.0, 0.0, 1e-9]).unwrap();
        assert_eq!(pair.0 + pair.1, 1.0 + 1e-9);
        let pair = exact_pair(&[1.0, -0.5, 1e-8, 3.0]).unwrap();
        assert_eq!(pair.0 + pair.1, 3.5 + 1e-8);
        // Small values on the second grid are fine: 2^-60 is a multiple of 2^-82.
        assert_eq!(
            exact_pair(&[1.0, 2f64.powi(-60)]),
            Some((1.0, 2f64.powi(-60)))
        );
        // The example spans 200 decades: the superaccumulator's business.
        assert_eq!(exact_pair(&[1e100, 1.0, -1e100, 1e-100]), None);
    }
}
