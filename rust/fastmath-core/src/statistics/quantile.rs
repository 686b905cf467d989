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
//! `lower`, `higher`, `nearest`, `inverted_cdf` and `closest_observation` return one of the
//! values, exactly (integers included: the kernel is generic over the element type). The
//! interpolating methods follow numpy's arithmetic step for step (its virtual index, e.g.
//! `(n - 1) * q` for `linear`, computed in `q`'s dtype, its fraction, and its two-sided
//! `lerp`), so a float64 result is numpy's, bit for bit.

use std::cmp::Ordering;

use crate::{Error, Result};

/// More distinct ranks than this in one lane: sorting the lane beats selecting each rank.
pub const SORT_ABOVE: usize = 24;

/// numpy's `method` of `quantile`/`percentile`: its five classic ones and the nine of Hyndman
/// and Fan (1996) (`linear` is their type 7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Linear,
    Lower,
    Higher,
    Nearest,
    Midpoint,
    /// H&F type 1: the smallest value whose empirical CDF reaches `q`.
    InvertedCdf,
    /// H&F type 2: type 1, averaging the two values where the CDF steps exactly at `q`.
    AveragedInvertedCdf,
    /// H&F type 3: the nearest order statistic, ties to the even one (1-based).
    ClosestObservation,
    /// H&F type 4 (`alpha = 0, beta = 1`).
    InterpolatedInvertedCdf,
    /// H&F type 5 (`alpha = beta = 1/2`).
    Hazen,
    /// H&F type 6 (`alpha = beta = 0`).
    Weibull,
    /// H&F type 8 (`alpha = beta = 1/3`).
    MedianUnbiased,
    /// H&F type 9 (`alpha = beta = 3/8`).
    NormalUnbiased,
}

/// The method names, in numpy's order (its error message lists them so).
pub const METHOD_NAMES: &str = "'inverted_cdf', 'averaged_inverted_cdf', 'closest_observation', \
     'interpolated_inverted_cdf', 'hazen', 'weibull', 'linear', 'median_unbiased', \
     'normal_unbiased', 'lower', 'higher', 'midpoint', 'nearest'";

impl Method {
    /// The method called `name`; `Error::InvalidOption` for another.
    pub fn parse(name: &str) -> Result<Method> {
        Ok(match name {
            "linear" => Method::Linear,
            "lower" => Method::Lower,
            "higher" => Method::Higher,
            "nearest" => Method::Nearest,
            "midpoint" => Method::Midpoint,
            "inverted_cdf" => Method::InvertedCdf,
            "averaged_inverted_cdf" => Method::AveragedInvertedCdf,
            "closest_observation" => Method::ClosestObservation,
            "interpolated_inverted_cdf" => Method::InterpolatedInvertedCdf,
            "hazen" => Method::Hazen,
            "weibull" => Method::Weibull,
            "median_unbiased" => Method::MedianUnbiased,
            "normal_unbiased" => Method::NormalUnbiased,
            _ => {
                return Err(Error::InvalidOption {
                    name: "method",
                    expected: "one of numpy's quantile methods",
                    got: format!("{name:?}"),
                });
            }
        })
    }

    /// Whether the result is always one of the values (no interpolation): numpy keeps the
    /// input's dtype for these.
    pub fn selects(self) -> bool {
        matches!(
            self,
            Method::Lower
                | Method::Higher
                | Method::Nearest
                | Method::InvertedCdf
                | Method::ClosestObservation
        )
    }

    /// H&F's `(alpha, beta)` of the continuous methods computed by numpy's
    /// `_compute_virtual_index`.
    fn alpha_beta(self) -> Option<(f64, f64)> {
        match self {
            Method::InterpolatedInvertedCdf => Some((0.0, 1.0)),
            Method::Hazen => Some((0.5, 0.5)),
            Method::Weibull => Some((0.0, 0.0)),
            Method::MedianUnbiased => Some((1.0 / 3.0, 1.0 / 3.0)),
            Method::NormalUnbiased => Some((3.0 / 8.0, 3.0 / 8.0)),
            _ => None,
        }
    }
}

/// A float type numpy computes a virtual index in (`q`'s dtype).
trait IndexFloat: Copy {
    fn of(v: f64) -> Self;
    fn wide(self) -> f64;
    fn add(self, other: Self) -> Self;
    fn mul(self, other: Self) -> Self;
}

impl IndexFloat for f64 {
    fn of(v: f64) -> f64 {
        v
    }
    fn wide(self) -> f64 {
        self
    }
    fn add(self, other: f64) -> f64 {
        self + other
    }
    fn mul(self, other: f64) -> f64 {
        self * other
    }
}

impl IndexFloat for f32 {
    fn of(v: f64) -> f32 {
        v as f32
    }
    fn wide(self) -> f64 {
        f64::from(self)
    }
    fn add(self, other: f32) -> f32 {
        self + other
    }
    fn mul(self, other: f32) -> f32 {
        self * other
    }
}

/// numpy's virtual index of quantile `q` of `n` values by `method`, in `F` (`q`'s dtype), as
/// its `_QuantileMethods` computes it; for the classic methods the rank `(n - 1) * q` they
/// start from.
fn virtual_index<F: IndexFloat>(n: usize, q: F, method: Method) -> f64 {
    let count = F::of(n as f64);
    let minus_one = F::of(-1.0);
    let nq = count.mul(q);
    if let Some((alpha, beta)) = method.alpha_beta() {
        // n * q + (alpha + q * (1 - alpha - beta)) - 1; the constants are Python floats
        // (float64), cast to `F`.
        let correction = F::of(alpha).add(q.mul(F::of(1.0 - alpha - beta)));
        return nq.add(correction).add(minus_one).wide();
    }
    match method {
        Method::InvertedCdf | Method::AveragedInvertedCdf => nq.add(minus_one).wide(),
        Method::ClosestObservation => nq.add(minus_one).add(F::of(-0.5)).wide(),
        _ => F::of(n.saturating_sub(1) as f64).mul(q).wide(),
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
        Self::at(n, virtual_index(n, q, method), method)
    }

    /// [`Position::new`] with numpy's float32 arithmetic for a float32 `q` (numpy computes
    /// the virtual index in `q`'s dtype; its floor and fraction are then exact).
    pub fn new_f32(n: usize, q: f32, method: Method) -> Position {
        Self::at(n, virtual_index(n, q, method), method)
    }

    /// Where the virtual index `index` (numpy's, of `method`) of `n > 0` sorted values lies.
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
        // numpy's `_discrete_interpolation_to_boundaries`: the floor where `stay(fraction,
        // floor)` holds, else the next rank.
        let discrete = |stay: fn(f64, f64) -> bool| {
            let floor = index.floor();
            exact(at(if stay(index - floor, floor) {
                floor
            } else {
                floor + 1.0
            }))
        };
        match method {
            Method::Lower => exact(at(index.floor())),
            Method::Higher => exact(at(index.ceil())),
            Method::Nearest => exact(at(index.round_ties_even())),
            Method::InvertedCdf => discrete(|fraction, _| fraction == 0.0),
            Method::ClosestObservation => {
                discrete(|fraction, floor| fraction == 0.0 && floor.rem_euclid(2.0) == 1.0)
            }
            _ => {
                let virtual_index = match method {
                    Method::Midpoint => 0.5 * (index.floor() + index.ceil()),
                    _ => index,
                };
                let floor = virtual_index.floor();
                // numpy's `_get_indexes`: both ranks the last (as index -1) from `n - 1` on,
                // its weight then measured from that -1; both the first below 0, the weight
                // measured from 0.
                let (previous, next, from) = if virtual_index >= last as f64 {
                    (last, last, -1.0)
                } else if virtual_index < 0.0 {
                    (0, 0, 0.0)
                } else {
                    let previous = at(floor);
                    (previous, previous.saturating_add(1).min(last), floor)
                };
                let gamma = match method {
                    Method::Midpoint if virtual_index % 1.0 == 0.0 => 0.0,
                    Method::Midpoint => 0.5,
                    Method::AveragedInvertedCdf if virtual_index - from == 0.0 => 0.5,
                    Method::AveragedInvertedCdf => 1.0,
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
        // Hyndman and Fan's methods, numpy's values for the same x and more qs.
        let qs = [0.0, 0.1, 0.25, 0.5, 0.9, 1.0];
        let hf = [
            (Method::InvertedCdf, [1.0, 1.0, 1.0, 2.0, 4.0, 4.0]),
            (Method::AveragedInvertedCdf, [1.0, 1.0, 1.5, 2.5, 4.0, 4.0]),
            (Method::ClosestObservation, [1.0, 1.0, 1.0, 2.0, 4.0, 4.0]),
            (
                Method::InterpolatedInvertedCdf,
                [1.0, 1.0, 1.0, 2.0, 3.6, 4.0],
            ),
            (Method::Hazen, [1.0, 1.0, 1.5, 2.5, 4.0, 4.0]),
            (Method::Weibull, [1.0, 1.0, 1.25, 2.5, 4.0, 4.0]),
            (
                Method::MedianUnbiased,
                [1.0, 1.0, 1.4166666666666667, 2.5, 4.0, 4.0],
            ),
            (Method::NormalUnbiased, [1.0, 1.0, 1.4375, 2.5, 4.0, 4.0]),
        ];
        for (method, want) in hf {
            assert_eq!(quantiles(&x, &qs, method), want, "{method:?}");
        }
        // numpy's own test: q = 0.4 of [15, 20, 35, 40, 50] by each method.
        let five = [15.0, 20.0, 35.0, 40.0, 50.0];
        let by = |m| quantiles(&five, &[0.4], m)[0];
        assert_eq!(by(Method::AveragedInvertedCdf), 27.5);
        assert_eq!(by(Method::Hazen), 27.5);
        assert_eq!(by(Method::Weibull), 26.0);
        assert_eq!(by(Method::Linear), 29.0);
        assert!((by(Method::MedianUnbiased) - 27.0).abs() < 1e-12);
        assert!((by(Method::NormalUnbiased) - 27.125).abs() < 1e-12);
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
        assert!(Method::parse("hazen").is_ok() && Method::parse("type7").is_err());
        assert!(Method::Lower.selects() && !Method::Midpoint.selects());
    }

    proptest! {
        /// Against a full sort: every method's order statistics and weight, and quantiles
        /// rise with q.
        #[test]
        fn matches_a_sorted_copy(
            x in prop::collection::vec(-1e6f64..1e6, 1..80),
            mut qs in prop::collection::vec(0.0f64..=1.0, 1..40),
        ) {
            let mut sorted = x.clone();
            sorted.sort_by(f64::total_cmp);
            qs.sort_by(f64::total_cmp);
            for method in [Method::Linear, Method::Lower, Method::Higher, Method::Nearest,
                           Method::Midpoint, Method::InvertedCdf, Method::AveragedInvertedCdf,
                           Method::ClosestObservation, Method::InterpolatedInvertedCdf,
                           Method::Hazen, Method::Weibull, Method::MedianUnbiased,
                           Method::NormalUnbiased] {
                let got = quantiles(&x, &qs, method);
                for (&q, &g) in qs.iter().zip(&got) {
                    let p = Position::new(x.len(), q, method);
                    let want = lerp(sorted[p.previous], sorted[p.next], p.gamma);
                    prop_assert_eq!(g.to_bits(), want.to_bits());
                }
                // Every method's quantiles rise with q (linear's exactly, the others' up to
                // a rounding of the lerp).
                let slack = if method == Method::Linear { 0.0 } else { 1e-9 };
                prop_assert!(got.windows(2).all(|w| w[0] <= w[1] + slack * w[1].abs()));
            }
        }
    }
}
