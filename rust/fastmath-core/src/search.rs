//! `searchsorted`: insertion points into a sorted array, numpy's semantics, for every element
//! type the sorts take. The binding converts `a` and `v` to their common type first (numpy
//! compares in `result_type(a, v)`), so both are of one type here.

use crate::sort::OrderKey;
use crate::{Error, Result};

/// numpy's `side`: where an element equal to the probe goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The first suitable position: `a[i-1] < v <= a[i]`.
    Left,
    /// The last suitable position: `a[i-1] <= v < a[i]`.
    Right,
}

impl Side {
    /// `"left"` or `"right"`; anything else is `Error::InvalidOption` (InvalidValue).
    pub fn parse(side: &str) -> Result<Side> {
        match side {
            "left" => Ok(Side::Left),
            "right" => Ok(Side::Right),
            _ => Err(Error::InvalidOption {
                name: "side",
                expected: "'left' or 'right'",
                got: format!("{side:?}"),
            }),
        }
    }
}

/// Below this many probes, each is a plain binary search; from here on the probes are visited
/// in sorted order (costing an argsort of `v`) and each search gallops forward from the
/// previous answer, which turns `len(v)` cache-missing binary searches over a large `a` into
/// about one forward walk over it (several times faster at 10^6 probes).
const SORTED_PROBES_MIN: usize = 256;

/// For each `v[j]`, writes to `out[j]` the index where inserting it into `a` keeps `a` sorted
/// (numpy's `searchsorted(a, v, side)`). `a` must be sorted ascending in numpy's order (NaNs
/// last), as `sort` leaves it; that is not checked (numpy does not either) and an unsorted `a`
/// gives unspecified but in-range indices.
///
/// NaN is larger than every number and equal to every NaN: a NaN probe goes before the first
/// NaN of `a` with `Left` and at the end with `Right`; `-0.0` equals `0.0`. Many unsorted
/// probes are searched in sorted order (allocating their argsort). `Error::OutputLength`
/// (InvalidValue) when `out` and `v` differ in length.
pub fn searchsorted_into<T: OrderKey>(a: &[T], v: &[T], side: Side, out: &mut [i64]) -> Result<()> {
    if v.len() != out.len() {
        return Err(Error::OutputLength {
            expected: v.len(),
            got: out.len(),
        });
    }
    let sorted = v.windows(2).all(|w| not_after(w[0], w[1]));
    if sorted {
        let mut lo = 0;
        for (o, &probe) in out.iter_mut().zip(v) {
            lo = gallop(a, lo, probe, side);
            *o = lo as i64;
        }
    } else if v.len() >= SORTED_PROBES_MIN {
        let mut order = vec![0i64; v.len()];
        crate::sort::argsort_into(v, &mut order)?;
        let mut lo = 0;
        for &j in &order {
            let j = j as usize;
            lo = gallop(a, lo, v[j], side);
            out[j] = lo as i64;
        }
    } else {
        for (o, &probe) in out.iter_mut().zip(v) {
            *o = gallop(a, 0, probe, side) as i64;
        }
    }
    Ok(())
}

/// The insertion index of `probe` in `a`, known to be at least `lo`: an exponential search
/// from `lo` brackets it (touching memory near `lo` first), then a binary search inside the
/// bracket. IEEE comparisons are numpy's order here: NaN elements compare false, so they count
/// as larger than any number, and `-0.0 == 0.0`; integers compare as themselves.
fn gallop<T: OrderKey>(a: &[T], lo: usize, probe: T, side: Side) -> usize {
    let rest = &a[lo.min(a.len())..];
    let before = |e: T| -> bool {
        if probe.is_nan() {
            match side {
                Side::Left => !e.is_nan(),
                Side::Right => true,
            }
        } else {
            match side {
                Side::Left => e < probe,
                Side::Right => e <= probe,
            }
        }
    };
    // Invariant: every element of rest[..start] is `before`; the answer is <= end.
    let (mut start, mut end, mut step) = (0, rest.len(), 1);
    while start < end {
        let probe_at = start + step - 1;
        if probe_at >= end {
            break;
        }
        if before(rest[probe_at]) {
            start = probe_at + 1;
            step *= 2;
        } else {
            end = probe_at;
            break;
        }
    }
    lo + start + rest[start..end].partition_point(|&e| before(e))
}

/// `p <= q` in numpy's order (NaN after every number, NaNs equal): a result for `q` can be no
/// earlier than one for `p`, for either side.
#[inline]
fn not_after<T: OrderKey>(p: T, q: T) -> bool {
    q.is_nan() || p <= q
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sort::sort_in_place;
    use proptest::prelude::*;

    const NAN: f64 = f64::NAN;

    #[test]
    fn side_parsing() {
        assert_eq!(Side::parse("left"), Ok(Side::Left));
        assert_eq!(Side::parse("right"), Ok(Side::Right));
        let e = Side::parse("middle").unwrap_err();
        assert_eq!(
            e.to_string(),
            "side must be 'left' or 'right', got \"middle\""
        );
        assert_eq!(e.kind(), crate::ErrorKind::InvalidValue);
    }

    #[test]
    fn matches_numpy_examples() {
        // numpy: searchsorted([1, 2, nan, nan], [nan, 3, 2], side) -> left [2 2 1], right [4 2 2]
        let a = [1.0, 2.0, NAN, NAN];
        let v = [NAN, 3.0, 2.0];
        let mut out = [0i64; 3];
        searchsorted_into(&a, &v, Side::Left, &mut out).unwrap();
        assert_eq!(out, [2, 2, 1]);
        searchsorted_into(&a, &v, Side::Right, &mut out).unwrap();
        assert_eq!(out, [4, 2, 2]);
        searchsorted_into(&[], &v, Side::Left, &mut out).unwrap();
        assert_eq!(out, [0, 0, 0]);
        let mut z = [0i64; 2];
        searchsorted_into(&[-1.0, 0.0, 0.0, 1.0], &[-0.0, 0.0], Side::Left, &mut z).unwrap();
        assert_eq!(z, [1, 1]);
        searchsorted_into(&[-1.0, -0.0, 0.0, 1.0], &[-0.0, 0.0], Side::Right, &mut z).unwrap();
        assert_eq!(z, [3, 3]);
        assert!(searchsorted_into(&a, &v, Side::Left, &mut z).is_err());
    }

    fn values() -> impl Strategy<Value = f64> {
        prop_oneof![
            10 => (-20i32..20).prop_map(f64::from),
            1 => Just(NAN),
            1 => Just(f64::INFINITY),
            1 => Just(f64::NEG_INFINITY),
            1 => Just(-0.0),
        ]
    }

    /// Linear-scan reference written with IEEE comparisons: `Left` counts elements strictly
    /// below the probe, `Right` those not above it, NaN being above every number.
    fn reference(a: &[f64], probe: f64, side: Side) -> i64 {
        let below = |e: f64| -> bool {
            if probe.is_nan() {
                !e.is_nan()
            } else {
                e < probe
            }
        };
        let not_above = |e: f64| -> bool {
            if probe.is_nan() {
                true
            } else {
                !e.is_nan() && e <= probe
            }
        };
        match side {
            Side::Left => a.iter().filter(|&&e| below(e)).count() as i64,
            Side::Right => a.iter().filter(|&&e| not_above(e)).count() as i64,
        }
    }

    proptest! {
        #[test]
        fn matches_linear_scan(mut a in prop::collection::vec(values(), 0..100),
                               v in prop::collection::vec(values(), 0..SORTED_PROBES_MIN * 2)) {
            // Up to 2x the threshold: exercises plain, sorted and argsorted-probe paths.
            sort_in_place(&mut a);
            // Unsorted probes, then sorted ones (which gallop without an argsort).
            let mut sorted_v = v.clone();
            sort_in_place(&mut sorted_v);
            let mut out = vec![0i64; v.len()];
            for probes in [&v, &sorted_v] {
                for side in [Side::Left, Side::Right] {
                    searchsorted_into(&a, probes, side, &mut out).unwrap();
                    for (o, &p) in out.iter().zip(probes) {
                        prop_assert_eq!(*o, reference(&a, p, side));
                    }
                }
            }
        }
    }

    /// A linear scan over any integer type, numpy's definition of the two sides.
    fn integer_reference<T: PartialOrd + Copy>(a: &[T], probe: T, side: Side) -> i64 {
        match side {
            Side::Left => a.iter().filter(|&&e| e < probe).count() as i64,
            Side::Right => a.iter().filter(|&&e| e <= probe).count() as i64,
        }
    }

    fn check_integers<T: OrderKey + std::fmt::Debug>(mut a: Vec<T>, v: Vec<T>) {
        sort_in_place(&mut a);
        let mut sorted_v = v.clone();
        sort_in_place(&mut sorted_v);
        let mut out = vec![0i64; v.len()];
        for probes in [&v, &sorted_v] {
            for side in [Side::Left, Side::Right] {
                searchsorted_into(&a, probes, side, &mut out).unwrap();
                for (o, &p) in out.iter().zip(probes) {
                    assert_eq!(*o, integer_reference(&a, p, side), "{p:?} {side:?}");
                }
            }
        }
    }

    #[test]
    fn int64_beyond_2_pow_53() {
        // Values a double cannot tell apart: their positions differ here.
        let big = 1i64 << 60;
        let a = vec![big - 1, big, big + 1, big + 1, big + 3, i64::MAX];
        let mut out = [0i64; 4];
        searchsorted_into(
            &a,
            &[big + 1, big + 2, i64::MAX, i64::MIN],
            Side::Left,
            &mut out,
        )
        .unwrap();
        assert_eq!(out, [2, 4, 5, 0]);
        searchsorted_into(
            &a,
            &[big + 1, big + 2, i64::MAX, i64::MIN],
            Side::Right,
            &mut out,
        )
        .unwrap();
        assert_eq!(out, [4, 4, 6, 0]);
        let u = [1u64, 1 << 63, u64::MAX];
        let mut two = [0i64; 2];
        searchsorted_into(&u, &[u64::MAX - 1, 1 << 62], Side::Left, &mut two).unwrap();
        assert_eq!(two, [2, 1]);
    }

    #[test]
    fn float32_nan_and_zeros() {
        let a = [-1.0f32, -0.0, 0.0, 2.0, f32::NAN];
        let mut out = [0i64; 3];
        searchsorted_into(&a, &[0.0, f32::NAN, -f32::NAN], Side::Left, &mut out).unwrap();
        assert_eq!(out, [1, 4, 4]);
        searchsorted_into(&a, &[-0.0, f32::NAN, 3.0], Side::Right, &mut out).unwrap();
        assert_eq!(out, [3, 5, 4]);
    }

    proptest! {
        #[test]
        fn integers_match_linear_scan(
            a8 in prop::collection::vec(any::<i8>(), 0..60),
            v8 in prop::collection::vec(any::<i8>(), 0..SORTED_PROBES_MIN * 2),
            a64 in prop::collection::vec(prop_oneof![any::<i64>(), -5i64..5], 0..60),
            v64 in prop::collection::vec(prop_oneof![any::<i64>(), -5i64..5], 0..300),
            au in prop::collection::vec(prop_oneof![any::<u64>(), 0u64..5], 0..60),
            vu in prop::collection::vec(prop_oneof![any::<u64>(), 0u64..5], 0..300),
        ) {
            check_integers(a8, v8);
            check_integers(a64, v64);
            check_integers(au, vu);
        }
    }
}
