//! The exact sum of any number of doubles, held as one fixed-point integer that spans the whole
//! f64 range (a "small superaccumulator" in Neal's terms, arXiv:1505.05571), and its correctly
//! rounded value.
//!
//! The integer is split into 32-bit chunks, each stored in an `i64`: chunk `i` has weight
//! `2^(32 i + LOW)`. A double's 53-bit significand lands in two neighbouring chunks, and the
//! 31 spare bits of every `i64` absorb about two thousand additions before the carries must be
//! propagated, so adding is a few integer operations and never rounds. Chunks are kept
//! "balanced" after a carry pass (each in `[-2^31, 2^31)`, the top one unbounded), so the sign
//! of the whole number is the sign of its highest non-zero chunk and a small negative sum does
//! not fill every chunk with borrows.
//!
//! Infinities and NaN are counted aside, with `math.fsum`'s rule: NaN if any NaN or both
//! infinities occur, else the infinity that occurred.

use core::cmp::Ordering;

/// Bits of value per chunk (the rest of the `i64` is room for carries).
const CHUNK_BITS: u32 = 32;
const CHUNK_MASK: i64 = (1 << CHUNK_BITS) - 1;
/// Weight of bit 0 of chunk 0: `2^LOW`. The smallest double is `2^-1074`; the 32 bits below it
/// hold the rounding midpoints the mean compares against (down to `2^-1076`).
const LOW: i32 = -1106;
/// Enough chunks for `2^64` values of magnitude up to `2^1025` (the mean's midpoint products).
const CHUNKS: usize = 72;
/// Additions between carry passes. Each addition puts less than `2^53` into a chunk, so a chunk
/// that starts balanced (below `2^31`) stays below `2^63` for `2^10` of them with room to spare.
const ADDS_PER_CARRY: u32 = 1 << 10;
/// Significand bits of an f64, the hidden bit included.
const MANTISSA_BITS: u32 = 53;

/// An exact running sum of doubles.
#[derive(Clone)]
pub(crate) struct Superaccumulator {
    chunks: [i64; CHUNKS],
    /// Additions left before the next carry pass.
    room: u32,
    /// Lowest and highest chunk that may be non-zero (empty when `low > high`).
    low: usize,
    high: usize,
    nan: bool,
    pos_inf: bool,
    neg_inf: bool,
}

impl Default for Superaccumulator {
    fn default() -> Self {
        Self::new()
    }
}

/// A positive number `mantissa * 2^exponent`, with `exponent >= -1076`: a double, or a rounding
/// midpoint between two of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Scaled {
    mantissa: u128,
    exponent: i32,
}

impl Superaccumulator {
    pub(crate) fn new() -> Self {
        Self {
            chunks: [0; CHUNKS],
            room: ADDS_PER_CARRY,
            low: CHUNKS,
            high: 0,
            nan: false,
            pos_inf: false,
            neg_inf: false,
        }
    }

    /// Adds `x` exactly.
    #[inline]
    pub(crate) fn add(&mut self, x: f64) {
        let bits = x.to_bits();
        let negative = bits >> 63 != 0;
        let biased = ((bits >> 52) & 0x7ff) as i32;
        let fraction = bits & ((1 << 52) - 1);
        if biased == 0x7ff {
            if fraction != 0 {
                self.nan = true;
            } else if negative {
                self.neg_inf = true;
            } else {
                self.pos_inf = true;
            }
            return;
        }
        if biased == 0 {
            if fraction != 0 {
                // Subnormal: no hidden bit, the exponent of the smallest normal.
                self.add_bits(negative, fraction, -1074);
            }
            return;
        }
        self.add_bits(negative, fraction | (1 << 52), biased - 1075);
    }

    /// Adds `±value * 2^exponent` for `value < 2^53` and `exponent >= LOW`.
    #[inline(always)]
    fn add_bits(&mut self, negative: bool, value: u64, exponent: i32) {
        let position = (exponent - LOW) as u32;
        let index = (position / CHUNK_BITS) as usize;
        let shift = position % CHUNK_BITS;
        // The low chunk takes the bits below its top, the next one the rest (< 2^53).
        let low = ((value << shift) as i64) & CHUNK_MASK;
        let high = (value >> (CHUNK_BITS - shift)) as i64;
        if negative {
            self.chunks[index] -= low;
            self.chunks[index + 1] -= high;
        } else {
            self.chunks[index] += low;
            self.chunks[index + 1] += high;
        }
        self.low = self.low.min(index);
        self.high = self.high.max(index + 1);
        self.room -= 1;
        if self.room == 0 {
            self.carry();
        }
    }

    /// Propagates carries so that every chunk but the top one is balanced again.
    fn carry(&mut self) {
        self.room = ADDS_PER_CARRY;
        if self.low > self.high {
            return;
        }
        let mut i = self.low;
        while i < CHUNKS - 1 {
            // Round to nearest multiple of 2^32: the remainder lands in [-2^31, 2^31).
            let carry = (self.chunks[i] + (1 << (CHUNK_BITS - 1))) >> CHUNK_BITS;
            self.chunks[i] -= carry << CHUNK_BITS;
            self.chunks[i + 1] += carry;
            if i >= self.high {
                if carry == 0 {
                    break;
                }
                self.high = i + 1;
            }
            i += 1;
        }
        // Zero chunks at the bottom need no more visits.
        while self.low <= self.high && self.chunks[self.low] == 0 {
            self.low += 1;
        }
        if self.low > self.high {
            self.low = CHUNKS;
            self.high = 0;
        }
    }

    /// `Some(NaN or ±inf)` when an infinity or a NaN was added.
    pub(crate) fn special(&self) -> Option<f64> {
        match (self.nan, self.pos_inf, self.neg_inf) {
            (true, _, _) | (false, true, true) => Some(f64::NAN),
            (false, true, false) => Some(f64::INFINITY),
            (false, false, true) => Some(f64::NEG_INFINITY),
            (false, false, false) => None,
        }
    }

    /// The sum rounded to the nearest double (ties to even); `+0.0` for an exact zero, `±inf`
    /// beyond the range, NaN/`±inf` for the special values, as described in the module.
    pub(crate) fn value(&self) -> f64 {
        if let Some(special) = self.special() {
            return special;
        }
        let mut balanced = self.clone();
        balanced.carry();
        balanced.rounded(0)
    }

    /// The finite part of the sum times `2^-scale_down`, rounded to the nearest double. The
    /// chunks must be balanced (just after [`Self::carry`]).
    fn rounded(&self, scale_down: i32) -> f64 {
        let Some(top) = self.top_chunk() else {
            return 0.0;
        };
        // The top three chunks, and the sign of everything below them as a sticky bit: the
        // lower chunks are balanced, so together worth less than one unit `U` of the window's
        // last chunk, and every rounding point lies on a multiple of `2^12 U` (the window has
        // at least 65 bits, the double 53). So the exact value and `4 * window + sign(rest)`
        // quarter units sit strictly between the same multiples of `U` and round alike.
        let chunk = |i: usize| i128::from(self.chunks[i]);
        let window = (chunk(top) << 64)
            + if top >= 1 { chunk(top - 1) << 32 } else { 0 }
            + if top >= 2 { chunk(top - 2) } else { 0 };
        let rest = if top >= 3 {
            self.chunks[..top - 2]
                .iter()
                .rev()
                .find(|&&c| c != 0)
                .map_or(0, |&c| c.signum())
        } else {
            0
        };
        let quarters = 4 * window + i128::from(rest);
        let exponent = CHUNK_BITS as i32 * (top as i32 - 2) + LOW - 2 - scale_down;
        let magnitude = round_magnitude(quarters.unsigned_abs(), exponent);
        if quarters < 0 { -magnitude } else { magnitude }
    }

    /// The highest non-zero chunk of a balanced accumulator.
    fn top_chunk(&self) -> Option<usize> {
        if self.low > self.high {
            return None;
        }
        (self.low..=self.high).rev().find(|&i| self.chunks[i] != 0)
    }

    /// Sign of `self - product * 2^exponent` (with `product` below `2^120`); the chunks must be
    /// balanced.
    fn compare_with(&self, product: u128, exponent: i32) -> Ordering {
        let mut difference = self.clone();
        let position = (exponent - LOW) as u32;
        let index = (position / CHUNK_BITS) as usize;
        let shift = position % CHUNK_BITS;
        for piece in 0..4 {
            let bits = ((product >> (CHUNK_BITS * piece)) as u64) & CHUNK_MASK as u64;
            let at = index + piece as usize;
            difference.chunks[at] -= ((bits << shift) as i64) & CHUNK_MASK;
            difference.chunks[at + 1] -= (bits >> (CHUNK_BITS - shift)) as i64;
            difference.low = difference.low.min(at);
            difference.high = difference.high.max(at + 1);
        }
        difference.carry();
        difference
            .top_chunk()
            .map_or(Ordering::Equal, |top| difference.chunks[top].cmp(&0))
    }

    /// The sum divided by `n > 0`, correctly rounded (ties to even), special values as
    /// [`Self::value`]. Not `value() / n`, which rounds twice: a candidate quotient is moved to
    /// its neighbour while the exact sum lies beyond the rounding midpoint between them, which
    /// is decided exactly by comparing the sum with `n * midpoint` in the accumulator.
    pub(crate) fn mean(&self, n: usize) -> f64 {
        if let Some(special) = self.special() {
            return special;
        }
        let mut exact = self.clone();
        exact.carry();
        let total = exact.rounded(0);
        if total == 0.0 {
            return 0.0;
        }
        let nf = n as f64;
        let negative = total < 0.0;
        let candidate = if total.is_finite() {
            total / nf
        } else {
            // The sum overflows; the mean may not.
            (exact.rounded(64) / nf * 2f64.powi(64)).clamp(-f64::MAX, f64::MAX)
        };
        if negative {
            // Work with magnitudes: -sum compared with n * midpoint.
            for c in &mut exact.chunks {
                *c = -*c;
            }
        }
        let n = n as u128;
        let mut q = Scaled::of(candidate.abs());
        // At most a step or two from the candidate; the bound only guards against a bug.
        for _ in 0..64 {
            let up = q.next_up();
            let mid = q.midpoint(up);
            match exact.compare_with(mid.mantissa * n, mid.exponent) {
                Ordering::Greater => {
                    q = up;
                    continue;
                }
                Ordering::Equal => return signed(negative, Scaled::even_of(q, up).to_f64()),
                Ordering::Less => {}
            }
            if q.mantissa == 0 {
                break;
            }
            let down = q.next_down();
            let mid = down.midpoint(q);
            match exact.compare_with(mid.mantissa * n, mid.exponent) {
                Ordering::Less => q = down,
                Ordering::Equal => return signed(negative, Scaled::even_of(down, q).to_f64()),
                Ordering::Greater => break,
            }
        }
        signed(negative, q.to_f64())
    }
}

fn signed(negative: bool, magnitude: f64) -> f64 {
    if negative { -magnitude } else { magnitude }
}

/// The double nearest to `magnitude * 2^exponent` (ties to even), `inf` beyond `f64::MAX`.
/// `magnitude` must carry at least two bits below the last kept one (a rounding and a sticky
/// bit), which the 96-bit window of [`Superaccumulator::rounded`] guarantees.
fn round_magnitude(magnitude: u128, exponent: i32) -> f64 {
    if magnitude == 0 {
        return 0.0;
    }
    let bits = 128 - magnitude.leading_zeros() as i32;
    let top = exponent + bits - 1;
    if top > 1023 {
        return f64::INFINITY;
    }
    // The last kept bit: 53 significant bits, but none below the subnormal unit.
    let cut = (top - (MANTISSA_BITS as i32 - 1)).max(-1074);
    let shift = cut - exponent;
    debug_assert!(shift >= 2, "not enough bits below the cut");
    if shift > 128 {
        return 0.0; // Below half the smallest subnormal.
    }
    let (kept, rest, half) = if shift == 128 {
        (0, magnitude, 1u128 << 127)
    } else {
        (
            magnitude >> shift,
            magnitude & ((1u128 << shift) - 1),
            1u128 << (shift - 1),
        )
    };
    let round_up = rest > half || (rest == half && kept & 1 == 1);
    Scaled {
        mantissa: kept + u128::from(round_up),
        exponent: cut,
    }
    .to_f64()
}

impl Scaled {
    /// A positive finite double (or zero) as an integer significand and exponent.
    fn of(x: f64) -> Self {
        let bits = x.to_bits();
        let biased = (bits >> 52) as i32;
        let fraction = u128::from(bits & ((1 << 52) - 1));
        if biased == 0 {
            Self {
                mantissa: fraction,
                exponent: -1074,
            }
        } else {
            Self {
                mantissa: fraction | (1 << 52),
                exponent: biased - 1075,
            }
        }
    }

    /// The double (or `inf`) for a significand of at most 53 bits at an exponent of the
    /// double grid: a normal number (`2^52 <= mantissa <= 2^53`) or a subnormal one.
    fn to_f64(self) -> f64 {
        debug_assert!(self.mantissa <= 1 << 53 && self.exponent >= -1074);
        // The hidden bit of a normal significand carries into the exponent field, which makes
        // `exponent + 1074` the field's value less one, and a significand of 2^53 the next
        // binade's first number.
        let bits = (((self.exponent + 1074) as u128) << 52) + self.mantissa;
        if bits >= 0x7ff0_0000_0000_0000 {
            f64::INFINITY
        } else {
            f64::from_bits(bits as u64)
        }
    }

    /// The next double up (possibly `2^1024`, which stands for `inf`).
    fn next_up(self) -> Self {
        if self.mantissa + 1 == 1 << MANTISSA_BITS {
            Self {
                mantissa: 1 << (MANTISSA_BITS - 1),
                exponent: self.exponent + 1,
            }
        } else {
            Self {
                mantissa: self.mantissa + 1,
                ..self
            }
        }
    }

    /// The next double down; `self` must be positive.
    fn next_down(self) -> Self {
        if self.mantissa == 1 << (MANTISSA_BITS - 1) && self.exponent > -1074 {
            // The first number of a binade: the one below is in the binade below.
            Self {
                mantissa: (1 << MANTISSA_BITS) - 1,
                exponent: self.exponent - 1,
            }
        } else {
            Self {
                mantissa: self.mantissa - 1,
                ..self
            }
        }
    }

    /// The exact midpoint of two doubles whose exponents differ by at most one.
    fn midpoint(self, other: Self) -> Self {
        let exponent = self.exponent.min(other.exponent);
        let sum = (self.mantissa << (self.exponent - exponent))
            + (other.mantissa << (other.exponent - exponent));
        Self {
            mantissa: sum,
            exponent: exponent - 1,
        }
    }

    /// Of two neighbours, the one with an even last significand bit (the tie rule).
    fn even_of(a: Self, b: Self) -> Self {
        if a.mantissa & 1 == 0 { a } else { b }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(values: &[f64]) -> Superaccumulator {
        let mut acc = Superaccumulator::new();
        for &v in values {
            acc.add(v);
        }
        acc
    }

    #[test]
    fn rounds_to_nearest_even_across_the_range() {
        let tiny = f64::from_bits(1);
        assert_eq!(exact(&[]).value().to_bits(), 0.0f64.to_bits());
        assert_eq!(exact(&[tiny]).value(), tiny);
        assert_eq!(exact(&[tiny, -tiny]).value().to_bits(), 0.0f64.to_bits());
        assert_eq!(exact(&[-0.0, -0.0]).value().to_bits(), 0.0f64.to_bits());
        assert_eq!(exact(&[f64::MAX, -f64::MAX, 1.5]).value(), 1.5);
        // 1 + 2^-53 is a tie between 1 and 1 + 2^-52: even is 1; a tiny extra tips it up.
        let half_ulp = 2f64.powi(-53);
        assert_eq!(exact(&[1.0, half_ulp]).value(), 1.0);
        assert_eq!(exact(&[1.0, half_ulp, tiny]).value(), 1.0 + 2.0 * half_ulp);
        assert_eq!(exact(&[1.0, half_ulp, -tiny]).value(), 1.0);
        // Overflow: the exact sum, not an intermediate, decides.
        assert_eq!(exact(&[f64::MAX, f64::MAX]).value(), f64::INFINITY);
        assert_eq!(exact(&[-f64::MAX, -f64::MAX]).value(), f64::NEG_INFINITY);
        assert_eq!(exact(&[f64::MAX, f64::MAX, -f64::MAX]).value(), f64::MAX);
        // MAX + half an ulp of MAX is the overflow threshold: a tie, rounds to "even" inf.
        let ulp_max = 2f64.powi(971);
        assert_eq!(exact(&[f64::MAX, ulp_max / 2.0]).value(), f64::INFINITY);
        assert_eq!(exact(&[f64::MAX, ulp_max / 2.0, -tiny]).value(), f64::MAX);
    }

    #[test]
    fn specials_follow_fsum() {
        assert_eq!(exact(&[1.0, f64::INFINITY]).value(), f64::INFINITY);
        assert!(exact(&[f64::INFINITY, f64::NEG_INFINITY]).value().is_nan());
        assert!(exact(&[f64::NAN, 1.0]).value().is_nan());
        assert!(exact(&[f64::NEG_INFINITY, f64::NAN]).mean(2).is_nan());
        assert_eq!(exact(&[f64::NEG_INFINITY, 5.0]).mean(2), f64::NEG_INFINITY);
    }

    #[test]
    fn many_carry_passes_stay_exact() {
        // 10^5 copies of 2^53 - 1 (all significand bits set), then all but one taken away
        // again: every carry pass runs with full chunks.
        let big = f64::from_bits(0x433f_ffff_ffff_ffff);
        let mut acc = Superaccumulator::new();
        for _ in 0..100_000 {
            acc.add(big);
        }
        for _ in 0..99_999 {
            acc.add(-big);
        }
        assert_eq!(acc.value(), big);
        let mut acc = Superaccumulator::new();
        for _ in 0..5000 {
            acc.add(-1.0);
            acc.add(f64::from_bits(1));
        }
        assert_eq!(acc.value(), -5000.0);
        // What is left after taking the rounded value away is exact too.
        acc.add(5000.0);
        assert_eq!(acc.value(), 5000.0 * f64::from_bits(1));
    }

    #[test]
    fn mean_is_correctly_rounded() {
        // (1 + 2^-52) + 1 + 2^-52 ... sums whose quotient sits on or near a midpoint.
        let u = 2f64.powi(-52);
        assert_eq!(exact(&[1.0, 1.0 + u]).mean(2), 1.0); // exactly 1 + u/2: tie to even
        assert_eq!(exact(&[1.0 + u, 1.0 + 2.0 * u]).mean(2), 1.0 + 2.0 * u); // tie to even, up
        assert_eq!(exact(&[f64::MAX, f64::MAX]).mean(2), f64::MAX);
        assert_eq!(exact(&[-f64::MAX, -f64::MAX, -f64::MAX]).mean(3), -f64::MAX);
        let tiny = f64::from_bits(1);
        assert_eq!(exact(&[tiny, 0.0]).mean(2), 0.0); // half the smallest: tie to even zero
        assert_eq!(exact(&[tiny, tiny, tiny, 0.0]).mean(4), tiny); // 0.75: up
        assert_eq!(exact(&[-3.0 * tiny, 0.0]).mean(2), -2.0 * tiny); // 1.5: tie to even 2
        assert_eq!(exact(&[1.0, 2.0, 3.0, 4.0]).mean(4), 2.5);
        // (0.1 + 0.2 + 0.3) / 3 rounds twice to 0.20000000000000004; the exact mean rounds to 0.2.
        assert_eq!(exact(&[0.1, 0.2, 0.3]).mean(3), 0.2);
        assert_eq!(
            exact(&[-f64::from_bits(1), 0.0]).mean(2).to_bits(),
            (-0.0f64).to_bits()
        );
    }
}
