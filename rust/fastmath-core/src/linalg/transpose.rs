//! `transpose`: copy a matrix into its transpose.

use super::check_out;
use crate::error::Result;
use crate::matrix::{MatMut, MatRef};

/// Writes `aᵀ` (n×m) into `out` for `a` m×n. Exact (a copy). Works on tiles of 32×32 so both
/// sides stay in cache for large matrices.
///
/// Errors: [`Error::OutputShape`](crate::Error::OutputShape) unless `out` is n×m.
pub fn transpose(a: MatRef<'_>, mut out: MatMut<'_>) -> Result<()> {
    let (m, n) = a.shape();
    check_out(&out, n, m)?;
    transpose_into(a, out.as_mut_slice());
    Ok(())
}

/// `out` (n×m row-major) = `aᵀ`; `out.len() == m * n` is the caller's promise.
pub(super) fn transpose_into(a: MatRef<'_>, out: &mut [f64]) {
    const TILE: usize = 32;
    let (m, n) = a.shape();
    let src = a.as_slice();
    for i0 in (0..m).step_by(TILE) {
        for j0 in (0..n).step_by(TILE) {
            for i in i0..(i0 + TILE).min(m) {
                for j in j0..(j0 + TILE).min(n) {
                    out[j * m + i] = src[i * n + j];
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transposes() {
        let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let mut o = [0.0; 6];
        transpose(
            MatRef::new(&a, 2, 3).unwrap(),
            MatMut::new(&mut o, 3, 2).unwrap(),
        )
        .unwrap();
        assert_eq!(o, [1.0, 4.0, 2.0, 5.0, 3.0, 6.0]);
        let err = transpose(
            MatRef::new(&a, 2, 3).unwrap(),
            MatMut::new(&mut o, 2, 3).unwrap(),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "output is 2x3, expected 3x2");
        transpose(
            MatRef::new(&[], 0, 4).unwrap(),
            MatMut::new(&mut [], 4, 0).unwrap(),
        )
        .unwrap();
    }

    #[test]
    fn large_tiles() {
        let (m, n) = (70, 45);
        let a: Vec<f64> = (0..m * n).map(|v| v as f64).collect();
        let mut o = vec![0.0; m * n];
        transpose(
            MatRef::new(&a, m, n).unwrap(),
            MatMut::new(&mut o, n, m).unwrap(),
        )
        .unwrap();
        for i in 0..m {
            for j in 0..n {
                assert_eq!(o[j * m + i], a[i * n + j]);
            }
        }
    }
}
