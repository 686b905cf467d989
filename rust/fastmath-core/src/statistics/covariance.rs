//! Covariance and correlation matrices of variables observed together (numpy's `cov` and
//! `corrcoef`), from the existing reductions: each variable is centred on its correctly
//! rounded mean ([`crate::reduce::mean`]) and each pair's products summed by
//! [`crate::reduce::dot`].

use crate::reduce::{dot, mean};
use crate::{Error, Result};

/// The `k x k` covariance matrix of the `k` variables in the rows of `x` (`k x n`, row-major,
/// `n` observations each) into `out`, numpy's arithmetic: the centred products' sums times
/// `1 / (n - ddof)` (times `1 / 0`, i.e. inf or nan, when `n - ddof <= 0`, as numpy after its
/// warning).
pub fn covariance_into(x: &[f64], k: usize, n: usize, ddof: f64, out: &mut [f64]) -> Result<()> {
    let size = k.checked_mul(n);
    if size != Some(x.len()) {
        return Err(Error::MatrixData {
            len: x.len(),
            rows: k,
            cols: n,
        });
    }
    let kk = k.saturating_mul(k);
    if out.len() != kk {
        return Err(Error::OutputLength {
            expected: kk,
            got: out.len(),
        });
    }
    let mut centred = Vec::with_capacity(x.len());
    for row in x.chunks_exact(n.max(1)).take(k) {
        let m = mean(row);
        centred.extend(row.iter().map(|v| v - m));
    }
    let fact = n as f64 - ddof;
    let scale = 1.0 / if fact > 0.0 { fact } else { 0.0 };
    let row = |i: usize| centred.get(i * n..(i + 1) * n).unwrap_or_default();
    for i in 0..k {
        for j in i..k {
            let c = dot(row(i), row(j))? * scale;
            out[i * k + j] = c;
            out[j * k + i] = c;
        }
    }
    Ok(())
}

/// The correlation matrix from the `k x k` covariance matrix `c`, in place, numpy's way:
/// `c[i][j] / sd[i] / sd[j]` with `sd` the square roots of the diagonal, clipped to [-1, 1]
/// (nan stays nan).
pub fn correlation_in_place(c: &mut [f64], k: usize) -> Result<()> {
    if c.len() != k.saturating_mul(k) {
        return Err(Error::OutputLength {
            expected: k.saturating_mul(k),
            got: c.len(),
        });
    }
    let sd: Vec<f64> = (0..k).map(|i| c[i * k + i].sqrt()).collect();
    for i in 0..k {
        for j in 0..k {
            let v = c[i * k + j] / sd[i] / sd[j];
            c[i * k + j] = if v.is_nan() { v } else { v.clamp(-1.0, 1.0) };
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_examples() {
        // np.cov([[0, 1, 2], [2, 1, 0]]) = [[1, -1], [-1, 1]].
        let x = [0.0, 1.0, 2.0, 2.0, 1.0, 0.0];
        let mut c = [0.0; 4];
        covariance_into(&x, 2, 3, 1.0, &mut c).unwrap();
        assert_eq!(c, [1.0, -1.0, -1.0, 1.0]);
        correlation_in_place(&mut c, 2).unwrap();
        assert_eq!(c, [1.0, -1.0, -1.0, 1.0]);
        // n - ddof <= 0: inf (and nan for zero deviations), as numpy.
        let mut one = [0.0];
        covariance_into(&[1.0, 2.0], 1, 2, 2.0, &mut one).unwrap();
        assert_eq!(one[0], f64::INFINITY);
        assert!(covariance_into(&x, 2, 2, 1.0, &mut c).is_err());
    }
}
