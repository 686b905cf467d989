//! Error-free transformations for the kernels: the building blocks of double-double arithmetic
//! that need only `+` and `-` (no fused multiply-add, so the same bits on every target).

/// `a + b = s + e` exactly, `s` the rounded sum (Knuth's TwoSum: any magnitudes).
#[inline(always)]
pub(super) fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}
