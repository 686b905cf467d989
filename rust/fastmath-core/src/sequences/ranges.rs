//! `linspace` and `arange`: evenly spaced values, computed as numpy computes them so that the
//! results agree bit for bit.

use crate::statistics::histogram::BinFloat;

/// `out.len()` evenly spaced values from `start` to `stop` (`stop` excluded unless `endpoint`),
/// as numpy's `linspace`, in `F`'s arithmetic (numpy computes in the bounds' dtype: float64, or
/// float32 for float32 numpy scalars): `i * step + start` with `step = (stop - start) / div`
/// (`div` is `num - 1` with the endpoint, else `num`), `i / div * delta + start` when `step`
/// underflows to zero, and the last value exactly `stop` with the endpoint. Returns `step` (nan
/// when `div` is 0, as numpy's `retstep`).
pub fn linspace_into<F: BinFloat>(start: F, stop: F, endpoint: bool, out: &mut [F]) -> F {
    let num = out.len();
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let delta = stop - start;
    let div_f = F::from_f64(div as f64);
    let step = if div > 0 {
        delta / div_f
    } else {
        F::from_f64(f64::NAN)
    };
    for (i, o) in out.iter_mut().enumerate() {
        let i = F::from_f64(i as f64);
        *o = if div == 0 {
            i * delta + start
        } else if step == F::zero() {
            i / div_f * delta + start
        } else {
            i * step + start
        };
    }
    if endpoint
        && num > 1
        && let Some(last) = out.last_mut()
    {
        *last = stop;
    }
    step
}

/// How many values `arange(start, stop, step)` has: `ceil((stop - start) / step)`, at least 0,
/// computed exactly for integers (numpy divides as Python does, whose rounding first matters
/// only beyond 2**53 values, which no memory holds) and in float64 for floats, as numpy.
/// `None` when that is nan (`arange: cannot compute length`) and `Some(u64::MAX)` when it is
/// beyond 64 bits; `step` must not be zero (the caller refuses it, numpy's ZeroDivisionError).
pub fn arange_len(start: Bound, stop: Bound, step: Bound) -> Option<u64> {
    match (start, stop, step) {
        (Bound::Int(a), Bound::Int(b), Bound::Int(s)) if s != 0 => {
            let (span, s) = (i128::from(b) - i128::from(a), i128::from(s));
            // Ceiling division: the quotient rounded toward plus infinity.
            let q = span / s;
            let q = if span % s != 0 && ((span < 0) == (s < 0)) {
                q + 1
            } else {
                q
            };
            Some(u64::try_from(q.max(0)).unwrap_or(u64::MAX))
        }
        _ => {
            let q = ((stop.value() - start.value()) / step.value()).ceil();
            if q.is_nan() {
                None
            } else if q <= 0.0 {
                Some(0)
            } else if q >= 18_446_744_073_709_551_616.0 {
                Some(u64::MAX)
            } else {
                Some(q as u64)
            }
        }
    }
}

/// An argument of `arange`: an integer (all three integers give int64 values) or a float.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    Int(i64),
    Float(f64),
}

impl Bound {
    fn value(self) -> f64 {
        match self {
            Bound::Int(v) => v as f64,
            Bound::Float(v) => v,
        }
    }
}

/// `start, start + step, ...` (`out.len()` of them, from [`arange_len`]): exact, the values lie
/// between `start` and `stop`, so none overflows.
pub fn arange_i64_into(start: i64, step: i64, out: &mut [i64]) {
    let mut v = start;
    for o in out.iter_mut() {
        *o = v;
        v = v.wrapping_add(step);
    }
}

/// numpy's float `arange` values: `start`, then `start + i * delta` where `delta` is
/// `(start + step) - start` (numpy's fill takes the difference of its first two values).
pub fn arange_f64_into(start: f64, step: f64, out: &mut [f64]) {
    let delta = (start + step) - start;
    for (i, o) in out.iter_mut().enumerate() {
        *o = match i {
            0 => start,
            1 => start + step,
            _ => start + i as f64 * delta,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linspace_ends_and_steps() {
        let mut out = [0.0; 5];
        assert_eq!(linspace_into(0.0, 1.0, true, &mut out), 0.25);
        assert_eq!(out, [0.0, 0.25, 0.5, 0.75, 1.0]);
        let mut out = [0.0; 4];
        assert_eq!(linspace_into(0.0, 1.0, false, &mut out), 0.25);
        assert_eq!(out, [0.0, 0.25, 0.5, 0.75]);
        let mut one = [9.0f64];
        assert!(linspace_into(2.0, 3.0, true, &mut one).is_nan());
        assert_eq!(one, [2.0]);
        let mut none: [f64; 0] = [];
        assert!(linspace_into(2.0, 3.0, true, &mut none).is_nan());
        // A step that underflows: divided first, as numpy.
        let mut out = [0.0; 3];
        linspace_into(0.0, 1e-323, true, &mut out);
        assert_eq!(out[2], 1e-323);
    }

    #[test]
    fn linspace_in_float32_rounds_each_step_in_float32() {
        let mut out = [0f32; 4];
        let step = linspace_into(0.1f32, 0.7f32, true, &mut out);
        assert_eq!(step, (0.7f32 - 0.1f32) / 3.0);
        assert_eq!(out[1], step + 0.1f32);
        assert_eq!(out[2], 2.0 * step + 0.1f32);
        assert_eq!(out[3], 0.7f32);
    }

    #[test]
    fn arange_lengths_and_values() {
        use Bound::{Float, Int};
        assert_eq!(arange_len(Int(0), Int(10), Int(3)), Some(4));
        assert_eq!(arange_len(Int(10), Int(0), Int(-3)), Some(4));
        assert_eq!(arange_len(Int(5), Int(1), Int(1)), Some(0));
        assert_eq!(
            arange_len(Int(i64::MIN), Int(i64::MAX), Int(1)),
            Some(u64::MAX)
        );
        assert_eq!(arange_len(Int(0), Float(1.0), Float(0.1)), Some(10));
        assert_eq!(arange_len(Int(0), Float(f64::NAN), Int(1)), None);
        assert_eq!(
            arange_len(Int(0), Float(f64::INFINITY), Int(1)),
            Some(u64::MAX)
        );
        let mut out = [0i64; 4];
        arange_i64_into(10, -3, &mut out);
        assert_eq!(out, [10, 7, 4, 1]);
        let mut out = [0.0; 3];
        arange_f64_into(1.0, 0.5, &mut out);
        assert_eq!(out, [1.0, 1.5, 2.0]);
    }
}
