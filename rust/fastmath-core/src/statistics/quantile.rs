//! Quantiles of a lane of values, numpy's way: where quantile `q` of `n` sorted values falls
//! (a "virtual index" between two order statistics), the order statistics themselves found by
//! selection, and numpy's interpolation between them.
//!
//! # How
//! The order statistics a call needs (two per quantile at most) are selected in a scratch copy
//! of the lane, in ascending order of rank: selecting rank `k` in `lane[lo..]` leaves every
//! later rank in `lane[k + 1..]`, so each further selection only searches what is left. Many
//! quantiles of one lane (more ranks than [`SORT_ABOVE`]) sort the copy once instead. As in
//! [`crate::median`], the comparison is a caller's total order and lanes holding a NaN never
//! reach it (their quantiles are NaN, numpy's result).
//!
//! # Accuracy
//! `lower`, `higher` and `nearest` return one of the values, exactly (integers included: the
//! kernel is generic over the element type). `linear` and `midpoint` follow numpy's arithmetic
//! step for step (its virtual index `(n - 1) * q`, its fraction, and its two-sided `lerp`), so a
//! float64 result is numpy's, bit for bit.

use std::cmp::Ordering;

use crate::{Error, Result};

/// More distinct ranks than this in one lane: sorting the lane beats selecting each rank.
pub const SORT_ABOVE: usize = 24;

/// numpy's `method` of `quantile`/`percentile` (the five that need no sample-size
/// correction).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Linear,
    Lower,
    Higher,
    Nearest,
    Midpoint,
}

impl Method {
    /// The method called `name`; `Error::InvalidOption` for another.
    pub fn parse(name: &str) -> Result<Method> {
        Ok(match name {
            "linear" => Method::Linear,
            "lower" => Method::Lower,
            "higher" => Method::Higher,
            "nearest" => Method::Nearest,
            "midpoint" => Method::Midpoint,
            _ => {
                return Err(Error::InvalidOption {
                    name: "method",
                    expected: "one of 'linear', 'lower', 'higher', 'nearest', 'midpoint'",
                    got: format!("{name:?}"),
                });
            }
        })
    }

    /// Whether the result is always one of the values (no interpolation): numpy keeps the
    /// input's dtype for these.
    pub fn selects(self) -> bool {
        matches!(self, Method::Lower | Method::Higher | Method::Nearest)
    }
}

/// Where quantile `q` (in [0, 1]) of `n > 0` sorted values lies: the ranks of the two order
/// statistics to interpolate between and the weight of the second, numpy's values exactly
/// (including its weight past the last rank, `index + 1`, which only matters for infinities:
/// `inf - inf` is NaN there as in numpy).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Position {
    pub previous: usize,
    pub next: usize,
    pub gamma: f64,
}

impl Position {
    pub fn new(n: usize, q: f64, method: Method) -> Position {
        Self::at(n, n.saturating_sub(1) as f64 * q, method)
    }

    /// [`Position::new`] with numpy's float32 arithmetic for a float32 `q` (numpy computes
    /// the rank `(n - 1) * q` in `q`'s dtype; its floor and fraction are then exact).
    pub fn new_f32(n: usize, q: f32, method: Method) -> Position {
        Self::at(n, f64::from(n.saturating_sub(1) as f32 * q), method)
    }

    /// Where the rank `index` (numpy's `(n - 1) * q`) of `n > 0` sorted values lies.
    pub fn at(n: usize, index: f64, method: Method) -> Position {
        let last = n.saturating_sub(1);
        let at = |rank: f64| -> usize {
            // `rank` lies in [0, n - 1] for q in [0, 1]; the clamp keeps a wrong q harmless.
            if rank >= last as f64 {
                last
            } else if rank > 0.0 {
                rank as usize
            } else {
                0
            }
        };
        let exact = |rank: usize| Position {
            previous: rank,
            next: rank,
            gamma: 0.0,
        };
        match method {
            Method::Lower => exact(at(index.floor())),
            Method::Higher => exact(at(index.ceil())),
            Method::Nearest => exact(at(index.round_ties_even())),
            Method::Linear | Method::Midpoint => {
                let virtual_index = match method {
                    Method::Midpoint => 0.5 * (index.floor() + index.ceil()),
                    _ => index,
                };
                let floor = virtual_index.floor();
                // numpy sets both ranks to the last (as index -1) from `n - 1` on, and its
                // weight is then measured from that -1.
                let beyond = virtual_index >= last as f64;
                let (previous, next, from) = if beyond {
                    (last, last, -1.0)
                } else {
                    let previous = at(floor);
                    (previous, previous.saturating_add(1).min(last), floor)
                };
                let gamma = match method {
                    Method::Midpoint if virtual_index % 1.0 == 0.0 => 0.0,
                    Method::Midpoint => 0.5,
                    _ => virtual_index - from,
                };
                Position {
                    previous,
                    next,
                    gamma,
                }
            }
        }
    }
}

/// numpy's `_lerp(a, b, t)`: from `a` below the middle, back from `b` above it, so `t = 1`
/// gives `b` exactly.
pub fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let diff = b - a;
    if t >= 0.5 {
        b - diff * (1.0 - t)
    } else {
        a + diff * t
    }
}

/// Puts the order statistics of the given `ranks` (ascending, each `< lane.len()`) in their
/// places of `lane`, as a sort would: `lane[k]` is then the `k`-th smallest for every listed
/// `k`. `cmp` is a total order of the values.
pub fn select_ranks<T>(lane: &mut [T], ranks: &[usize], cmp: impl Fn(&T, &T) -> Ordering) {
    let mut distinct = ranks.to_vec();
    distinct.dedup();
    if distinct.len() > SORT_ABOVE {
        lane.sort_unstable_by(&cmp);
        return;
    }
    let mut lo = 0;
    for &k in &distinct {
        if k < lo || k >= lane.len() {
            continue;
        }
        if let Some(rest) = lane.get_mut(lo..) {
            rest.select_nth_unstable_by(k - lo, &cmp);
        }
        lo = k + 1;
    }
}

/// The quantiles `qs` (each in [0, 1]) of `lane` (reordered in place), by `method`: for each
/// `q`, `emit(i, previous, next, gamma)` with the two order statistics and numpy's weight
/// (`previous == next`, weight 0, for the selecting methods); the caller interpolates in its
/// result's precision ([`lerp`]). `ranks` is scratch for the ranks (any contents). With
/// `float32_q` (each `q` a float32) the ranks are computed in float32, as numpy does.
///
/// `Error::EmptyReduction` for an empty lane (numpy: IndexError). The caller answers lanes
/// holding a NaN itself (NaN, numpy's result) without calling this: `cmp` need not order NaN.
pub fn quantiles_in_place<T: Copy>(
    lane: &mut [T],
    qs: &[f64],
    method: Method,
    float32_q: bool,
    ranks: &mut Vec<usize>,
    cmp: impl Fn(&T, &T) -> Ordering,
    mut emit: impl FnMut(usize, T, T, f64),
) -> Result<()> {
    let n = lane.len();
    if n == 0 {
        return Err(Error::EmptyReduction {
            function: "quantile",
        });
    }
    let position = |q: f64| {
        if float32_q {
            Position::new_f32(n, q as f32, method)
        } else {
            Position::new(n, q, method)
        }
    };
    ranks.clear();
    for &q in qs {
        let p = position(q);
        ranks.push(p.previous);
        ranks.push(p.next);
    }
    ranks.sort_unstable();
    select_ranks(lane, ranks, cmp);
    for (i, &q) in qs.iter().enumerate() {
        let p = position(q);
        match (lane.get(p.previous), lane.get(p.next)) {
            (Some(&a), Some(&b)) => emit(i, a, b, p.gamma),
            _ => {
                return Err(Error::OutputLength {
                    expected: n,
                    got: p.next,
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn quantiles(x: &[f64], qs: &[f64], method: Method) -> Vec<f64> {
        let mut lane = x.to_vec();
        let mut out = vec![f64::NAN; qs.len()];
        quantiles_in_place(
            &mut lane,
            qs,
            method,
            false,
            &mut Vec::new(),
            f64::total_cmp,
            |i, a, b, t| out[i] = lerp(a, b, t),
        )
        .unwrap();
        out
    }

    #[test]
    fn numpy_values() {
        // np.quantile([1, 2, 3, 4], [0, 0.1, 0.5, 1], method=m) for each method.
        let x = [4.0, 1.0, 3.0, 2.0];
        let qs = [0.0, 0.1, 0.5, 1.0];
        assert_eq!(quantiles(&x, &qs, Method::Linear), [1.0, 1.3, 2.5, 4.0]);
        assert_eq!(quantiles(&x, &qs, Method::Lower), [1.0, 1.0, 2.0, 4.0]);
        assert_eq!(quantiles(&x, &qs, Method::Higher), [1.0, 2.0, 3.0, 4.0]);
        assert_eq!(quantiles(&x, &qs, Method::Nearest), [1.0, 1.0, 3.0, 4.0]);
        assert_eq!(quantiles(&x, &qs, Method::Midpoint), [1.0, 1.5, 2.5, 4.0]);
        // nearest rounds half to even: (5 - 1) * 0.125 = 0.5 -> rank 0.
        let five = [10.0, 20.0, 30.0, 40.0, 50.0];
        assert_eq!(
            quantiles(&five, &[0.125, 0.375], Method::Nearest),
            [10.0, 30.0]
        );
        // Past the last rank numpy's weight is index + 1: inf - inf is NaN, as numpy's.
        assert!(quantiles(&[1.0, f64::INFINITY], &[1.0], Method::Linear)[0].is_nan());
    }

    #[test]
    fn empty_lanes_and_methods() {
        let err = quantiles_in_place(
            &mut [0.0f64; 0],
            &[0.5],
            Method::Linear,
            false,
            &mut Vec::new(),
            f64::total_cmp,
            |_, _, _, _| {},
        );
        assert!(err.is_err());
        assert!(Method::parse("linear").is_ok());
        assert!(Method::parse("hazen").is_err());
        assert!(Method::Lower.selects() && !Method::Midpoint.selects());
    }

    proptest! {
        /// Against a full sort: every method's order statistics and weight, and linear
        /// quantiles rise with q.
        #[test]
        fn matches_a_sorted_copy(
            x in prop::collection::vec(-1e6f64..1e6, 1..80),
            mut qs in prop::collection::vec(0.0f64..=1.0, 1..40),
        ) {
            let mut sorted = x.clone();
            sorted.sort_by(f64::total_cmp);
            qs.sort_by(f64::total_cmp);
            for method in [Method::Linear, Method::Lower, Method::Higher, Method::Nearest,
                           Method::Midpoint] {
                let got = quantiles(&x, &qs, method);
                for (&q, &g) in qs.iter().zip(&got) {
                    let p = Position::new(x.len(), q, method);
                    let want = lerp(sorted[p.previous], sorted[p.next], p.gamma);
                    prop_assert_eq!(g.to_bits(), want.to_bits());
                }
                if method == Method::Linear {
                    prop_assert!(got.windows(2).all(|w| w[0] <= w[1]));
                }
            }
        }
    }
}
