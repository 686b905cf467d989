//! Sequences: numpy's `diff`, `interp`, `linspace`, `arange`, `trapezoid`, `convolve`,
//! `correlate`, `outer` and `digitize`, over contiguous slices.
//!
//! Integer kernels are generic over [`Numeric`], numpy's arithmetic of each element type
//! (integers wrap around, bool adds as `or` and multiplies as `and`), so a result keeps its
//! input's dtype exactly as numpy's does; float kernels work in float64.

mod convolve;
mod fft;
mod interp;
mod ranges;

pub use convolve::{
    Method, Mode, convolve_window, convolve_window_f64, fft_error_bound, fft_is_faster,
};
pub use interp::{interp_into, periodic_points_into, py_mod};
pub use ranges::{Bound, arange_f64_into, arange_i64_into, arange_len, linspace_into};

use crate::elementwise::Numeric;
use crate::{Error, Result};

/// One step of `diff` along the middle axis of a C-ordered block `(outer, n, inner)`: writes
/// `x[o, i + 1, k] - x[o, i, k]` to `out[o, i, k]` (shape `(outer, n - 1, inner)`), with the
/// element type's subtraction (numpy's `not_equal` for bool, which [`Numeric::minus`] is).
/// `Error::OutputLength` when `out` does not have that many elements; nothing to do for `n < 2`.
pub fn diff_once<T: Numeric>(
    x: &[T],
    (outer, n, inner): (usize, usize, usize),
    out: &mut [T],
) -> Result<()> {
    let rows = n.saturating_sub(1);
    let block = n.saturating_mul(inner);
    let expected = outer.saturating_mul(rows).saturating_mul(inner);
    if out.len() != expected || x.len() != outer.saturating_mul(block) {
        return Err(Error::OutputLength {
            expected,
            got: out.len(),
        });
    }
    if expected == 0 {
        return Ok(());
    }
    for (from, to) in x
        .chunks_exact(block)
        .zip(out.chunks_exact_mut(rows * inner))
    {
        let (lower, upper) = (&from[..rows * inner], &from[inner..]);
        for ((o, &a), &b) in to.iter_mut().zip(upper).zip(lower) {
            *o = a.minus(b);
        }
    }
    Ok(())
}

/// The outer product `out[i * b.len() + j] = a[i] * b[j]`, in the element type's arithmetic.
/// `Error::OutputLength` unless `out` holds `a.len() * b.len()` elements.
pub fn outer_into<T: Numeric>(a: &[T], b: &[T], out: &mut [T]) -> Result<()> {
    let expected = a.len().saturating_mul(b.len());
    if out.len() != expected {
        return Err(Error::OutputLength {
            expected,
            got: out.len(),
        });
    }
    if b.is_empty() {
        return Ok(());
    }
    for (row, &ai) in out.chunks_exact_mut(b.len()).zip(a) {
        for (o, &bj) in row.iter_mut().zip(b) {
            *o = ai.times(bj);
        }
    }
    Ok(())
}

/// The spacing of `trapezoid`'s sample points along its axis.
#[derive(Clone, Copy, Debug)]
pub enum Spacing<'a> {
    /// Every interval `dx`.
    Uniform(f64),
    /// The `n - 1` intervals of a 1-D `x`, the same for every lane.
    Shared(&'a [f64]),
    /// The intervals of an `x` of `y`'s shape: a block `(outer, n - 1, inner)`.
    Each(&'a [f64]),
}

/// The trapezoidal rule along the middle axis of a C-ordered block `(outer, n, inner)` of `y`:
/// `out[o, k]` is the sum over `i` of `d_i * (y[o, i + 1, k] + y[o, i, k]) / 2` (numpy's
/// `trapezoid`, term for term), the intervals `d_i` given by `spacing`. Each lane's sum is
/// accumulated with compensation (Neumaier), so its error is a few units in the last place of
/// the sum of the terms' magnitudes rather than growing with `n`. With `logical`, `y` holds
/// bools (0 or 1) and the pair `y[i + 1] + y[i]` is their `or`, as numpy adds bool arrays.
/// `Error::OutputLength` unless `out` holds `outer * inner` elements and the spacing the
/// intervals.
pub fn trapezoid_into(
    y: &[f64],
    (outer, n, inner): (usize, usize, usize),
    spacing: Spacing<'_>,
    logical: bool,
    out: &mut [f64],
) -> Result<()> {
    let expected = outer.saturating_mul(inner);
    let intervals = n.saturating_sub(1);
    let spacing_ok = match spacing {
        Spacing::Uniform(_) => true,
        Spacing::Shared(d) => d.len() == intervals,
        Spacing::Each(d) => d.len() == expected.saturating_mul(intervals),
    };
    if out.len() != expected || y.len() != expected.saturating_mul(n) || !spacing_ok {
        return Err(Error::OutputLength {
            expected,
            got: out.len(),
        });
    }
    for o in 0..outer {
        for k in 0..inner {
            let at = |i: usize| y[(o * n + i) * inner + k];
            let (mut sum, mut carry) = (0.0f64, 0.0f64);
            for i in 0..intervals {
                let d = match spacing {
                    Spacing::Uniform(dx) => dx,
                    Spacing::Shared(d) => d[i],
                    Spacing::Each(d) => d[(o * intervals + i) * inner + k],
                };
                let pair = if logical {
                    at(i + 1).max(at(i))
                } else {
                    at(i + 1) + at(i)
                };
                let term = d * pair / 2.0;
                let t = sum + term;
                carry += if sum.abs() >= term.abs() {
                    (sum - t) + term
                } else {
                    (term - t) + sum
                };
                sum = t;
            }
            let total = sum + carry;
            // Non-finite terms make the carry nan; the plain sum is then IEEE's answer.
            out[o * inner + k] = if total.is_finite() { total } else { sum };
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_along_each_axis() {
        // shape (2, 3): rows [1, 4, 9] and [2, 3, 1].
        let x = [1i64, 4, 9, 2, 3, 1];
        let mut out = [0i64; 4];
        diff_once(&x, (2, 3, 1), &mut out).unwrap();
        assert_eq!(out, [3, 5, 1, -2]);
        let mut out = [0i64; 3];
        diff_once(&x, (1, 2, 3), &mut out).unwrap();
        assert_eq!(out, [1, -1, -8]);
        let mut none: [i64; 0] = [];
        diff_once(&x[..1], (1, 1, 1), &mut none).unwrap();
        assert!(diff_once(&x, (2, 3, 1), &mut [0i64; 3]).is_err());
        // Integers wrap around as numpy's.
        let mut out = [0u8; 1];
        diff_once(&[2u8, 1], (1, 2, 1), &mut out).unwrap();
        assert_eq!(out, [255]);
    }

    #[test]
    fn outer_products() {
        let mut out = [0.0; 6];
        outer_into(&[1.0, 2.0], &[3.0, 4.0, 5.0], &mut out).unwrap();
        assert_eq!(out, [3.0, 4.0, 5.0, 6.0, 8.0, 10.0]);
        outer_into::<f64>(&[], &[1.0], &mut []).unwrap();
        assert!(outer_into(&[1.0], &[1.0], &mut [0.0; 2]).is_err());
    }

    #[test]
    fn trapezoid_of_lines_is_exact() {
        let y = [0.0, 1.0, 2.0, 3.0, 10.0, 20.0];
        let mut out = [0.0; 2];
        trapezoid_into(&y, (2, 3, 1), Spacing::Uniform(1.0), false, &mut out).unwrap();
        assert_eq!(out, [2.0, 21.5]);
        let mut out = [0.0; 3];
        trapezoid_into(&y, (1, 2, 3), Spacing::Shared(&[2.0]), false, &mut out).unwrap();
        assert_eq!(out, [3.0, 11.0, 22.0]);
        // One point: no interval, zero.
        let mut out = [1.0];
        trapezoid_into(&[5.0], (1, 1, 1), Spacing::Uniform(1.0), false, &mut out).unwrap();
        assert_eq!(out, [0.0]);
        let mut out = [0.0];
        trapezoid_into(
            &[f64::INFINITY, 1.0],
            (1, 2, 1),
            Spacing::Each(&[1.0]),
            false,
            &mut out,
        )
        .unwrap();
        assert_eq!(out, [f64::INFINITY]);
        trapezoid_into(
            &[1.0, 1.0],
            (1, 2, 1),
            Spacing::Uniform(1.0),
            true,
            &mut out,
        )
        .unwrap();
        assert_eq!(out, [0.5]);
    }
}
