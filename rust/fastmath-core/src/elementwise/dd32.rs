//! Error-free transformations in `f32` for the `f32` kernels ([`Lanes32`]): the sum and the
//! product of two `f32` as an unevaluated pair, without FMA (the same bits on every target).

use super::lanes32::{BitLanes32, Lanes32};

/// Keeps the 12 high significant bits of an `f32` (sign and exponent included).
const HEAD: u32 = 0xFFFF_F000;

/// `a + b = s + e` exactly, given `|a| >= |b|` (or `a` zero) (Fast2Sum).
#[inline(always)]
pub(super) fn fast_two_sum<L: Lanes32>(a: L, b: L) -> (L, L) {
    let s = a + b;
    (s, b - (s - a))
}

/// `a + b = s + e` exactly, any order (Knuth's TwoSum).
#[inline(always)]
pub(super) fn two_sum<L: Lanes32>(a: L, b: L) -> (L, L) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

/// `(a b, e)`: the product rounded and its error, `e` to about 2^-35 of `a b` (exact unless
/// the partial sums need more than 24 bits). Each factor is split by masking into a 12-bit
/// head and a tail of at most 12 bits (a bit operation and a subtraction, cheaper than
/// Veltkamp's split), so the four partial products are exact.
#[inline(always)]
pub(super) fn two_prod<L: Lanes32>(a: L, b: L) -> (L, L) {
    let p = a * b;
    let ah = L::from_bits(a.to_bits().and(L::Bits::splat(HEAD)));
    let bh = L::from_bits(b.to_bits().and(L::Bits::splat(HEAD)));
    let (al, bl) = (a - ah, b - bh);
    (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
}
