//! `interp`: numpy's one-dimensional piecewise-linear interpolation.

use crate::{Error, Result};

/// For each `x[i]`, writes to `out[i]` the piecewise-linear interpolant through the points
/// `(xp[j], fp[j])` (`xp` increasing, not checked, as numpy does not), `left` below `xp[0]` and
/// `right` above the last `xp`, bit for bit as numpy's `interp` computes it: the interval is
/// the last `j` with `xp[j] <= x`, the value `slope * (x - xp[j]) + fp[j]` with
/// `slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])`, `fp[j]` itself at `x == xp[j]`, and
/// numpy's retries when that is nan (an infinite `fp`). A nan `x` gives nan (`fp[0]` for a
/// single point, as numpy's comparisons give).
///
/// `Error::LengthMismatch` when `xp` and `fp` differ in length, `Error::OutputLength` when
/// `out` and `x` do; an empty `xp` is the caller's to refuse (nothing to interpolate: every
/// result is nan here).
pub fn interp_into(
    x: &[f64],
    xp: &[f64],
    fp: &[f64],
    left: f64,
    right: f64,
    out: &mut [f64],
) -> Result<()> {
    if xp.len() != fp.len() {
        return Err(Error::LengthMismatch {
            left: xp.len(),
            right: fp.len(),
        });
    }
    if out.len() != x.len() {
        return Err(Error::OutputLength {
            expected: x.len(),
            got: out.len(),
        });
    }
    let (Some(&first), Some(&last)) = (xp.first(), xp.last()) else {
        out.fill(f64::NAN);
        return Ok(());
    };
    let n = xp.len();
    for (o, &v) in out.iter_mut().zip(x) {
        *o = if n == 1 {
            // numpy's comparisons for one point: a nan `x` is neither below nor above it.
            if v < first {
                left
            } else if v > first {
                right
            } else {
                fp[0]
            }
        } else if v.is_nan() {
            v
        } else if v > last {
            right
        } else if v < first {
            left
        } else {
            // The last j with xp[j] <= v: here xp[0] <= v <= xp[n - 1], so 0 <= j <= n - 1.
            let j = xp.partition_point(|&p| p <= v).saturating_sub(1).min(n - 1);
            if j == n - 1 || xp[j] == v {
                fp[j]
            } else {
                let slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
                let y = slope * (v - xp[j]) + fp[j];
                if !y.is_nan() {
                    y
                } else {
                    let y = slope * (v - xp[j + 1]) + fp[j + 1];
                    if y.is_nan() && fp[j] == fp[j + 1] {
                        fp[j]
                    } else {
                        y
                    }
                }
            }
        };
    }
    Ok(())
}

/// Python's (and numpy's) float `a % b`: the remainder with the divisor's sign, a zero
/// remainder signed as `b`.
pub fn py_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m == 0.0 {
        0.0f64.copysign(b)
    } else if (b < 0.0) != (m < 0.0) {
        m + b
    } else {
        m
    }
}

/// numpy's periodic sample points for `interp(..., period)`: `xp % period` sorted (stably;
/// numpy's unstable sort may order equal points otherwise) with `fp` in the same order, then
/// extended by one point on each side, the last point minus `period` in front and the first
/// plus `period` behind. Writes `xp.len() + 2` values to `xp_out` and `fp_out`.
///
/// `Error::LengthMismatch` when `xp` and `fp` differ in length, `Error::OutputLength` when an
/// output does not hold `xp.len() + 2` values.
pub fn periodic_points_into(
    xp: &[f64],
    fp: &[f64],
    period: f64,
    xp_out: &mut [f64],
    fp_out: &mut [f64],
) -> Result<()> {
    if xp.len() != fp.len() {
        return Err(Error::LengthMismatch {
            left: xp.len(),
            right: fp.len(),
        });
    }
    let n = xp.len();
    for out in [&*xp_out, &*fp_out] {
        if out.len() != n.saturating_add(2) {
            return Err(Error::OutputLength {
                expected: n.saturating_add(2),
                got: out.len(),
            });
        }
    }
    let mut pairs: Vec<(f64, f64)> = xp
        .iter()
        .map(|&v| py_mod(v, period))
        .zip(fp.iter().copied())
        .collect();
    // numpy's argsort puts nan last.
    pairs.sort_by(|a, b| match (a.0.is_nan(), b.0.is_nan()) {
        (false, false) => a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal),
        (x, y) => x.cmp(&y),
    });
    let (Some(&first), Some(&last)) = (pairs.first(), pairs.last()) else {
        return Ok(());
    };
    let points = std::iter::once((last.0 - period, last.1))
        .chain(pairs.iter().copied())
        .chain(std::iter::once((first.0 + period, first.1)));
    for ((x, f), (xo, fo)) in points.zip(xp_out.iter_mut().zip(fp_out.iter_mut())) {
        *xo = x;
        *fo = f;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periodic_points_wrap_sort_and_extend() {
        assert_eq!(py_mod(-10.0, 360.0), 350.0);
        assert_eq!(py_mod(720.0, 360.0), 0.0);
        assert!(py_mod(-0.0, 360.0).is_sign_positive());
        let (mut xo, mut fo) = ([0.0; 5], [0.0; 5]);
        periodic_points_into(
            &[370.0, -90.0, 180.0],
            &[1.0, 3.0, 2.0],
            360.0,
            &mut xo,
            &mut fo,
        )
        .unwrap();
        assert_eq!(xo, [-90.0, 10.0, 180.0, 270.0, 370.0]);
        assert_eq!(fo, [3.0, 1.0, 2.0, 3.0, 1.0]);
        assert!(periodic_points_into(&[1.0], &[1.0], 2.0, &mut xo, &mut fo).is_err());
    }

    fn interp(x: &[f64], xp: &[f64], fp: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; x.len()];
        interp_into(x, xp, fp, -1.0, 99.0, &mut out).unwrap();
        out
    }

    #[test]
    fn between_at_and_beyond_the_points() {
        let xp = [1.0, 2.0, 4.0];
        let fp = [10.0, 20.0, 0.0];
        assert_eq!(
            interp(&[0.0, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0], &xp, &fp),
            [-1.0, 10.0, 15.0, 20.0, 10.0, 0.0, 99.0]
        );
        assert!(interp(&[f64::NAN], &xp, &fp)[0].is_nan());
        assert_eq!(
            interp(&[0.0, 3.0, 5.0, f64::NAN], &[3.0], &[7.0]),
            [-1.0, 7.0, 99.0, 7.0]
        );
        // An infinite value: numpy's retry from the right end, then the flat case.
        let inf = f64::INFINITY;
        assert_eq!(interp(&[1.5], &[1.0, 2.0], &[inf, inf]), [inf]);
        assert!(interp_into(&[1.0], &[1.0, 2.0], &[1.0], 0.0, 0.0, &mut [0.0]).is_err());
    }
}
