//! `searchsorted`: insertion points into a sorted array, numpy's semantics.

use crate::sort::order_key;
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

/// For each `v[j]`, writes to `out[j]` the index where inserting it into `a` keeps `a` sorted
/// (numpy's `searchsorted(a, v, side)`). `a` must be sorted ascending in numpy's order (NaNs
/// last), as `sort` leaves it; that is not checked (numpy does not either) and an unsorted `a`
/// gives unspecified but in-range indices.
///
/// NaN is larger than every number and equal to every NaN: a NaN probe goes before the first
/// NaN of `a` with `Left` and at the end with `Right`; `-0.0` equals `0.0`. Binary search per
/// probe on integer order keys. `Error::OutputLength` (InvalidValue) when `out` and `v` differ
/// in length.
pub fn searchsorted_into(a: &[f64], v: &[f64], side: Side, out: &mut [i64]) -> Result<()> {
    if v.len() != out.len() {
        return Err(Error::OutputLength {
            expected: v.len(),
            got: out.len(),
        });
    }
    for (o, &probe) in out.iter_mut().zip(v) {
        let key = order_key(probe);
        let i = match side {
            Side::Left => a.partition_point(|&e| order_key(e) < key),
            Side::Right => a.partition_point(|&e| order_key(e) <= key),
        };
        *o = i as i64;
    }
    Ok(())
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
                               v in prop::collection::vec(values(), 0..30)) {
            sort_in_place(&mut a);
            let mut out = vec![0i64; v.len()];
            for side in [Side::Left, Side::Right] {
                searchsorted_into(&a, &v, side, &mut out).unwrap();
                for (o, &p) in out.iter().zip(&v) {
                    prop_assert_eq!(*o, reference(&a, p, side));
                }
            }
        }
    }
}
