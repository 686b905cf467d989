//! Counting values into bins: numpy's `histogram` (equal-width bins from a range, or any
//! increasing edges) and `bincount`.
//!
//! # How
//! Equal-width bins compute each value's bin from its offset, `(x - first) / width * bins`,
//! then correct it by one against the edges themselves, as numpy does: the edges are rounded
//! (`linspace`), so the arithmetic bin can be one off near an edge, and the edges decide. The
//! last bin includes its right edge. The arithmetic is the caller's ([`BinFloat`] and the
//! `fraction` closure), so float32 data is binned in numpy's float32 steps, not in float64's,
//! and lands in numpy's bins. Arbitrary edges are found by binary search (`partition_point`).
//! Values outside the edges, and NaN, are not counted.

use crate::{Error, Result};

/// A float type values are binned in (numpy bins float32 data in float32).
pub trait BinFloat:
    Copy
    + PartialOrd
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self>
{
    fn from_f64(v: f64) -> Self;
    fn to_f64(self) -> f64;
    fn zero() -> Self {
        Self::from_f64(0.0)
    }
}

impl BinFloat for f64 {
    fn from_f64(v: f64) -> Self {
        v
    }
    fn to_f64(self) -> f64 {
        self
    }
}

impl BinFloat for f32 {
    fn from_f64(v: f64) -> Self {
        v as f32
    }
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}

/// numpy's bounds of equal-width bins over `[first, last]`: equal ones widened by 0.5 each
/// way (in `F`, as numpy computes with the data's own minimum and maximum).
pub fn widened<F: BinFloat>(first: F, last: F) -> (F, F) {
    if first == last {
        let half = F::from_f64(0.5);
        (first - half, last + half)
    } else {
        (first, last)
    }
}

/// numpy's position of `v` among `bins` equal-width bins from `first` to `last`, all in `F`
/// (bounds from the data): `(v - first) / (last - first) * bins`.
pub fn position_in<F: BinFloat>(v: F, (first, last): (F, F), bins: usize) -> f64 {
    ((v - first) / (last - first) * F::from_f64(bins as f64)).to_f64()
}

/// numpy's position of `v` among `bins` equal-width bins over a given float64 range: the
/// offset `v - first` in `F`, the rest in float64.
pub fn position_wide<F: BinFloat>(v: F, (first, last): (f64, f64), bins: usize) -> f64 {
    (v - F::from_f64(first)).to_f64() / (last - first) * bins as f64
}

/// numpy's `linspace(first, last, bins + 1)` computed in `F` (numpy computes in the bounds'
/// own type): `i * step + first`, the last edge exactly `last` (a zero step, from an
/// underflowing width, scales `i / bins` instead). `out` holds `bins + 1` edges.
pub fn uniform_edges<F: BinFloat>(first: F, last: F, out: &mut [F]) {
    let bins = out.len().saturating_sub(1);
    if bins == 0 {
        if let Some(e) = out.first_mut() {
            *e = first;
        }
        return;
    }
    let div = F::from_f64(bins as f64);
    let delta = last - first;
    let step = delta / div;
    for (i, e) in out.iter_mut().enumerate() {
        let i = F::from_f64(i as f64);
        *e = if step == F::zero() {
            i / div * delta + first
        } else {
            i * step + first
        };
    }
    if let Some(e) = out.last_mut() {
        *e = last;
    }
}

/// numpy's position of `v` among equal-width bins from `first`, by a multiplication with
/// `scale = bins / (last - first)` instead of numpy's division per value (which measured as
/// the loop's largest cost in wasm). The product is within a few ulps of numpy's quotient, so
/// the truncated bin is numpy's or its neighbour, and [`tally_uniform`]'s correction against
/// the edges makes it numpy's (numpy corrects its own the same way: its bin is the one whose
/// edges hold the value, whenever its arithmetic is within one bin of it, as here).
#[inline(always)]
pub fn position_scaled<F: BinFloat>(v: F, first: F, scale: f64) -> f64 {
    (v - first).to_f64() * scale
}

/// The equal-width bin of each value of `x` in `[first, last]` (the bounds as `F`),
/// `tally(i, bin)` for the `i`-th value, numpy's bin: `fraction(x)` is the value's position in
/// bins (numpy's `(x - first) / width * bins`, or [`position_scaled`]), truncated, then
/// corrected by one against `edges` (`bins + 1` of them, as `F`), as numpy does, so the bin
/// is the one whose edges hold the value (the last bin closed).
pub fn tally_uniform<F: BinFloat>(
    x: &[F],
    (first, last): (F, F),
    edges: &[F],
    fraction: impl Fn(F) -> f64,
    mut tally: impl FnMut(usize, usize),
) -> Result<()> {
    let bins = edges.len().saturating_sub(1);
    if bins == 0 {
        return Err(Error::OutputLength {
            expected: 2,
            got: edges.len(),
        });
    }
    let top = bins - 1;
    // Branch-light: the truncation saturates (a position below 0 gives 0), and the two
    // corrections are comparisons added to the index. `edges[bin] <= first <= v` for bin 0,
    // so the decrement never goes below 0; the increment stops at the last bin, closed.
    for (i, &v) in x.iter().enumerate() {
        // NaN fails both comparisons.
        if !(v >= first && v <= last) {
            continue;
        }
        let mut bin = (fraction(v) as usize).min(top);
        let (Some(&lo), Some(&hi)) = (edges.get(bin), edges.get(bin + 1)) else {
            continue;
        };
        bin = bin.saturating_sub(usize::from(v < lo));
        bin += usize::from((v >= hi) & (bin < top) & (v >= lo));
        tally(i, bin);
    }
    Ok(())
}

/// The bin of each value of `x` among increasing `edges` (`bins + 1` of them), numpy's rule:
/// bin `i` holds `edges[i] <= v < edges[i + 1]`, the last one also `v == edges[bins]`; of equal
/// edges the last one opens the bin. `tally(i, bin)` for the `i`-th value counted.
pub fn tally_edges(x: &[f64], edges: &[f64], mut tally: impl FnMut(usize, usize)) -> Result<()> {
    let bins = edges.len().saturating_sub(1);
    if bins == 0 {
        return Err(Error::OutputLength {
            expected: 2,
            got: edges.len(),
        });
    }
    let (Some(&first), Some(&last)) = (edges.first(), edges.last()) else {
        return Ok(());
    };
    for (i, &v) in x.iter().enumerate() {
        if !(v >= first && v <= last) {
            continue;
        }
        // The number of edges <= v, at least 1 here; v == last belongs to the last bin.
        let at_or_below = edges.partition_point(|&e| e <= v);
        tally(i, at_or_below.saturating_sub(1).min(bins - 1));
    }
    Ok(())
}

/// numpy's `bincount` without weights: `counts[v] += 1` for each value (each `< counts.len()`).
pub fn count_into(x: &[usize], counts: &mut [i64]) -> Result<()> {
    for &v in x {
        let len = counts.len();
        let c = counts.get_mut(v).ok_or(Error::OutputLength {
            expected: v.saturating_add(1),
            got: len,
        })?;
        *c = c.wrapping_add(1);
    }
    Ok(())
}

/// numpy's `bincount` with weights: `sums[v] += w` for each value and its weight, added in
/// order as numpy adds them.
pub fn weigh_into(x: &[usize], weights: &[f64], sums: &mut [f64]) -> Result<()> {
    if x.len() != weights.len() {
        return Err(Error::LengthMismatch {
            left: x.len(),
            right: weights.len(),
        });
    }
    for (&v, &w) in x.iter().zip(weights) {
        let len = sums.len();
        *sums.get_mut(v).ok_or(Error::OutputLength {
            expected: v.saturating_add(1),
            got: len,
        })? += w;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn uniform(x: &[f64], first: f64, last: f64, bins: usize) -> (Vec<i64>, Vec<f64>) {
        let mut edges = vec![0.0; bins + 1];
        uniform_edges(first, last, &mut edges);
        let mut counts = vec![0; bins];
        let width = last - first;
        tally_uniform(
            x,
            (first, last),
            &edges,
            |v| (v - first) / width * bins as f64,
            |_, b| counts[b] += 1,
        )
        .unwrap();
        (counts, edges)
    }

    #[test]
    fn numpy_examples() {
        // np.histogram([1, 2, 3]): ten bins over [1, 3], the last one closed.
        let (counts, edges) = uniform(&[1.0, 2.0, 3.0], 1.0, 3.0, 10);
        assert_eq!(counts, [1, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
        assert_eq!(edges[1], 1.2);
        assert_eq!(edges[10], 3.0);
        // Outside the range and NaN are not counted.
        let (counts, _) = uniform(&[-1.0, 0.0, 0.5, 1.0, 2.0, f64::NAN], 0.0, 1.0, 2);
        assert_eq!(counts, [1, 2]);
        let mut counts = vec![0; 3];
        let edges = [0.0, 1.0, 1.0, 2.0];
        tally_edges(&[0.5, 1.0, 2.0, 2.5, f64::NAN], &edges, |_, b| {
            counts[b] += 1
        })
        .unwrap();
        assert_eq!(counts, [1, 0, 2]);
        let mut c = vec![0; 4];
        count_into(&[0, 1, 1, 3], &mut c).unwrap();
        assert_eq!(c, [1, 2, 0, 1]);
        assert!(count_into(&[4], &mut c).is_err());
        let mut s = vec![0.0; 2];
        weigh_into(&[0, 1, 1], &[0.5, 1.0, 2.0], &mut s).unwrap();
        assert_eq!(s, [0.5, 3.0]);
    }

    proptest! {
        /// Every value in range lands in the bin whose edges hold it (the last bin closed),
        /// so the counts add up to the number of values in range.
        #[test]
        fn bins_hold_their_values(
            x in prop::collection::vec(-1e3f64..1e3, 0..200),
            first in -1e3f64..0.0,
            width in 1e-3f64..2e3,
            bins in 1usize..50,
        ) {
            let last = first + width;
            let mut edges = vec![0.0; bins + 1];
            uniform_edges(first, last, &mut edges);
            let mut n = 0;
            tally_uniform(&x, (first, last), &edges, |v| (v - first) / (last - first)
                * bins as f64, |i, b| {
                let v = x[i];
                assert!(edges[b] <= v && (v < edges[b + 1] || (b == bins - 1 && v <= last)));
                n += 1;
            }).unwrap();
            prop_assert_eq!(n, x.iter().filter(|&&v| v >= first && v <= last).count());
            // The same bins from the reciprocal's product as from numpy's quotient, on every
            // edge and its neighbours too (where the two truncated positions can differ).
            let mut xe = x.clone();
            xe.extend(edges.iter().flat_map(|&e| [e.next_down(), e, e.next_up()]));
            let bins_of = |fraction: &dyn Fn(f64) -> f64| {
                let mut out = vec![usize::MAX; xe.len()];
                tally_uniform(&xe, (first, last), &edges, fraction, |i, b| out[i] = b).unwrap();
                out
            };
            let scale = bins as f64 / (last - first);
            prop_assert_eq!(
                bins_of(&|v| position_scaled(v, first, scale)),
                bins_of(&|v| (v - first) / (last - first) * bins as f64)
            );
            let mut m = 0;
            tally_edges(&x, &edges, |i, b| {
                let v = x[i];
                assert!(edges[b] <= v && (v < edges[b + 1] || b == bins - 1));
                m += 1;
            }).unwrap();
            prop_assert_eq!(m, n);
        }
    }
}
