//! Error-free transformations for the kernels: the building blocks of double-double arithmetic
//! that need only `+`, `-` and `*` (no fused multiply-add, so the same bits on every target), on one
//! lane or two ([`Lanes`]).

use super::lanes::Lanes;

/// `a + b = s + e` exactly, `s` the rounded sum (Knuth's TwoSum: any magnitudes).
#[inline(always)]
pub(crate) fn two_sum<L: Lanes>(a: L, b: L) -> (L, L) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

/// `2^27 + 1`: Veltkamp's splitter for exact products without FMA.
const SPLITTER: f64 = 134_217_729.0;

/// `a = hi + lo` with `hi` of 26 significant bits, `lo` of 26 (Veltkamp), for `|a| < 2^995`.
#[inline(always)]
pub(super) fn split<L: Lanes>(a: L) -> (L, L) {
    let c = L::splat(SPLITTER) * a;
    let hi = c - (c - a);
    (hi, a - hi)
}

/// `a b` as the rounded product and its exact error (Dekker), no FMA; exact for normal
/// products whose error is not below the subnormal range.
#[inline(always)]
pub(crate) fn two_prod<L: Lanes>(a: L, b: L) -> (L, L) {
    let p = a * b;
    let (ah, al) = split(a);
    let (bh, bl) = split(b);
    (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
}
