//! Polynomials as numpy's `polyval` and `polyfit` hold them: coefficient vectors, highest
//! power first.

use crate::elementwise::Numeric;
use crate::linalg::lstsq;
use crate::matrix::{MatMut, MatRef};
use crate::{Error, Result};

/// `out[i] = p(x[i])` by Horner's rule, `y = y * x + p_k` from `y = 0` as numpy's `polyval`,
/// in the element type's arithmetic (so integers wrap around as numpy's). An empty `p` gives
/// zeros. `Error::OutputLength` when `out` and `x` differ in length.
pub fn polyval_into<T: Numeric>(p: &[T], x: &[T], out: &mut [T]) -> Result<()> {
    if out.len() != x.len() {
        return Err(Error::OutputLength {
            expected: x.len(),
            got: out.len(),
        });
    }
    // A block of points at a time, each coefficient applied to the whole block: the points'
    // Horner chains are independent, so the inner loop vectorises instead of waiting on one
    // chain's multiply-add latency (a degree-70,000 polynomial at 70,000 points on x86-64:
    // 9.3 s one point at a time, 1.4 s so). Each point still sees numpy's operations in
    // numpy's order: the same bits.
    const BLOCK: usize = 64;
    for (ys, vs) in out.chunks_mut(BLOCK).zip(x.chunks(BLOCK)) {
        ys.fill(T::ZERO);
        for &c in p {
            for (y, &v) in ys.iter_mut().zip(vs) {
                *y = y.times(v).plus(c);
            }
        }
    }
    Ok(())
}

/// What numpy's `polyfit(..., full=True)` reports besides the coefficients: `lstsq`'s rank,
/// singular values and residuals of the scaled (and weighted) Vandermonde matrix, and the
/// column scales that matrix was divided by (which the covariance needs).
#[derive(Debug, Clone, PartialEq)]
pub struct Polyfit {
    pub rank: usize,
    pub singular_values: Vec<f64>,
    pub residuals: Vec<f64>,
    pub scale: Vec<f64>,
}

/// The least-squares polynomial of degree `deg` through `(x[i], y[i, j])` for each of the
/// `k` columns of `y` (row-major `x.len() x k`), as numpy's `polyfit`: the Vandermonde matrix
/// (highest power first), its rows and `y`'s multiplied by the weights `w` when given (numpy's
/// `w`, for `1 / sigma`), each column scaled to unit 2-norm (numpy's conditioning step; a
/// column of zeros is left unscaled, where numpy divides by zero), solved by the SVD-based
/// [`lstsq`] with the cutoff `rcond` (numpy's default is `len(x) * eps`), then unscaled.
/// Writes the coefficients, highest power first, to `out` (`(deg + 1) x k`, row-major).
///
/// `y` is the caller's copy of the right-hand sides: weighted in place when `w` is given.
/// `v` is the caller's scratch for the matrix, `len(x) * (deg + 1)` doubles (the caller
/// allocates it, so a size beyond memory is its refusal, not an abort here); it holds the
/// scaled, weighted matrix afterwards ([`polyfit_covariance_into`] reads it).
/// `Error::OutputLength`/`OutputShape`/`RowMismatch`/`LengthMismatch` for other lengths,
/// `Error::NoConvergence` (LinAlg) when the SVD does not converge.
#[allow(clippy::too_many_arguments)]
pub fn polyfit_into(
    x: &[f64],
    y: &mut [f64],
    k: usize,
    deg: usize,
    w: Option<&[f64]>,
    rcond: f64,
    v: &mut [f64],
    out: &mut [f64],
) -> Result<Polyfit> {
    let (m, order) = (x.len(), deg + 1);
    if v.len() != m * order {
        return Err(Error::OutputLength {
            expected: m * order,
            got: v.len(),
        });
    }
    for (row, &t) in v.chunks_exact_mut(order).zip(x) {
        // Highest power first: row = [t^deg, ..., t, 1], each power one multiplication from
        // the next lower (numpy's `vander` multiplies cumulatively the same way).
        let mut power = 1.0;
        for slot in row.iter_mut().rev() {
            *slot = power;
            power *= t;
        }
    }
    if let Some(w) = w {
        if w.len() != m {
            return Err(Error::LengthMismatch {
                left: m,
                right: w.len(),
            });
        }
        for (row, &f) in v.chunks_exact_mut(order).zip(w) {
            row.iter_mut().for_each(|c| *c *= f);
        }
        if k > 0 {
            for (row, &f) in y.chunks_exact_mut(k).zip(w) {
                row.iter_mut().for_each(|c| *c *= f);
            }
        }
    }
    let mut scale = vec![0.0f64; order];
    for row in v.chunks_exact(order) {
        for (s, &c) in scale.iter_mut().zip(row) {
            *s += c * c;
        }
    }
    for s in scale.iter_mut() {
        *s = if *s > 0.0 { s.sqrt() } else { 1.0 };
    }
    for row in v.chunks_exact_mut(order) {
        for (c, &s) in row.iter_mut().zip(&scale) {
            *c /= s;
        }
    }
    let solution = lstsq(
        MatRef::new(v, m, order)?,
        MatRef::new(y, m, k)?,
        Some(rcond),
        MatMut::new(out, order, k)?,
    )?;
    if k > 0 {
        for (row, &s) in out.chunks_exact_mut(k).zip(&scale) {
            for c in row.iter_mut() {
                *c /= s;
            }
        }
    }
    Ok(Polyfit {
        rank: solution.rank,
        singular_values: solution.singular_values,
        residuals: solution.residuals,
        scale,
    })
}

/// numpy's unscaled covariance of a [`polyfit_into`] fit: `inv(v.T @ v) / outer(scale,
/// scale)`, `v` the scaled matrix that call left (`m x order`), into `out` (`order x order`);
/// `gram` is the caller's `order x order` scratch. `Error::Singular` (LinAlg) when `v.T @ v`
/// is singular, as numpy's `inv`; `Error::OutputLength` for other lengths.
pub fn polyfit_covariance_into(
    v: &[f64],
    m: usize,
    scale: &[f64],
    gram: &mut [f64],
    out: &mut [f64],
) -> Result<()> {
    let order = scale.len();
    if v.len() != m * order || gram.len() != order * order {
        return Err(Error::OutputLength {
            expected: m * order,
            got: v.len(),
        });
    }
    gram.fill(0.0);
    for row in v.chunks_exact(order.max(1)) {
        for (g, &a) in gram.chunks_exact_mut(order.max(1)).zip(row) {
            for (cell, &b) in g.iter_mut().zip(row) {
                *cell += a * b;
            }
        }
    }
    crate::linalg::inv(
        MatRef::new(gram, order, order)?,
        MatMut::new(out, order, order)?,
    )?;
    for (row, &si) in out.chunks_exact_mut(order.max(1)).zip(scale) {
        for (c, &sj) in row.iter_mut().zip(scale) {
            *c /= si * sj;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn horner_in_each_arithmetic() {
        let mut out = [0.0; 3];
        polyval_into(&[1.0, -2.0, 3.0], &[0.0, 1.0, 2.0], &mut out).unwrap();
        assert_eq!(out, [3.0, 2.0, 3.0]);
        let mut out = [7i8];
        polyval_into(&[], &[5i8], &mut out).unwrap();
        assert_eq!(out, [0]);
        polyval_into(&[1i8, 0, 0], &[16i8], &mut out).unwrap();
        assert_eq!(out, [0]); // 256 wraps to 0 in int8
    }

    #[test]
    fn fits_recover_exact_polynomials() {
        let x: Vec<f64> = (0..10).map(|i| f64::from(i) * 0.5 - 2.0).collect();
        let p = [2.0, -1.0, 0.5, 3.0];
        let mut y = vec![0.0; x.len()];
        polyval_into(&p, &x, &mut y).unwrap();
        let mut c = [0.0; 4];
        let rank = polyfit_into(
            &x,
            &mut y.clone(),
            1,
            3,
            None,
            10.0 * f64::EPSILON,
            &mut [0.0; 40],
            &mut c,
        )
        .unwrap()
        .rank;
        assert_eq!(rank, 4);
        for (got, want) in c.iter().zip(&p) {
            assert!((got - want).abs() < 1e-12, "{c:?}");
        }
        // Two columns at once, and a degree above what the points determine (rank-deficient:
        // the minimum-norm fit still passes through the points).
        let y2: Vec<f64> = y.iter().flat_map(|&v| [v, 2.0 * v]).collect();
        let mut c2 = [0.0; 8];
        polyfit_into(
            &x,
            &mut y2.clone(),
            2,
            3,
            None,
            10.0 * f64::EPSILON,
            &mut [0.0; 40],
            &mut c2,
        )
        .unwrap();
        assert!(
            (c2[1] - 4.0).abs() < 1e-12 && (c2[7] - 6.0).abs() < 1e-12,
            "{c2:?}"
        );
        let mut line = [0.0; 3];
        let rank = polyfit_into(
            &[1.0, 2.0],
            &mut [1.0, 3.0],
            1,
            2,
            None,
            2.0 * f64::EPSILON,
            &mut [0.0; 6],
            &mut line,
        )
        .unwrap()
        .rank;
        assert_eq!(rank, 2);
        let at = |t: f64| line[0] * t * t + line[1] * t + line[2];
        assert!((at(1.0) - 1.0).abs() < 1e-12 && (at(2.0) - 3.0).abs() < 1e-12);
    }
}
