//! `cholesky`: lower Cholesky factor.

use super::{backend, check_out, square};
use crate::error::Result;
use crate::matrix::{MatMut, MatRef};

/// Writes the lower-triangular `l` with `l @ lᵀ = a` into `out` (n×n, upper part zero).
///
/// Only the lower triangle of `a` is read (numpy's default); the upper one is assumed to mirror
/// it. Accuracy: ‖l·lᵀ − a‖ ≤ c·n·ε·‖a‖.
///
/// Errors: [`Error::NotSquare`](crate::Error::NotSquare),
/// [`Error::OutputShape`](crate::Error::OutputShape);
/// [`Error::NotPositiveDefinite`](crate::Error::NotPositiveDefinite) (LinAlg) when a pivot is
/// ≤ 0 or NaN. 0×0 gives 0×0.
pub fn cholesky(a: MatRef<'_>, mut out: MatMut<'_>) -> Result<()> {
    let n = square(a)?;
    check_out(&out, n, n)?;
    if n == 0 {
        return Ok(());
    }
    backend::cholesky_lower(a, &mut out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, ErrorKind};

    #[test]
    fn known_factor() {
        // [[4, 12, -16], [12, 37, -43], [-16, -43, 98]] = L Lᵀ, L = [[2,0,0],[6,1,0],[-8,5,3]].
        let a = [4.0, 12.0, -16.0, 12.0, 37.0, -43.0, -16.0, -43.0, 98.0];
        let mut l = [f64::NAN; 9];
        cholesky(
            MatRef::new(&a, 3, 3).unwrap(),
            MatMut::new(&mut l, 3, 3).unwrap(),
        )
        .unwrap();
        for (got, want) in l.iter().zip([2.0, 0.0, 0.0, 6.0, 1.0, 0.0, -8.0, 5.0, 3.0]) {
            assert!((got - want).abs() < 1e-13, "{l:?}");
        }
    }

    #[test]
    fn reads_lower_triangle_only() {
        let a = [4.0, 1e300, 2.0, 2.0]; // upper entry is garbage
        let mut l = [0.0; 4];
        cholesky(
            MatRef::new(&a, 2, 2).unwrap(),
            MatMut::new(&mut l, 2, 2).unwrap(),
        )
        .unwrap();
        assert_eq!(l[1], 0.0);
        assert!((l[0] - 2.0).abs() < 1e-15 && (l[2] - 1.0).abs() < 1e-15);
        assert!((l[3] - 1.0).abs() < 1e-15);
    }

    #[test]
    fn not_positive_definite() {
        for a in [
            [1.0, 2.0, 2.0, 1.0],
            [-1.0, 0.0, 0.0, 1.0],
            [0.0; 4],
            [f64::NAN, 0.0, 0.0, 1.0],
        ] {
            let e = cholesky(
                MatRef::new(&a, 2, 2).unwrap(),
                MatMut::new(&mut [0.0; 4], 2, 2).unwrap(),
            )
            .unwrap_err();
            assert_eq!(e, Error::NotPositiveDefinite, "{a:?}");
            assert_eq!(e.kind(), ErrorKind::LinAlg);
            assert_eq!(e.to_string(), "Matrix is not positive definite");
        }
        cholesky(
            MatRef::new(&[], 0, 0).unwrap(),
            MatMut::new(&mut [], 0, 0).unwrap(),
        )
        .unwrap();
        assert!(matches!(
            cholesky(
                MatRef::new(&[1.0; 6], 2, 3).unwrap(),
                MatMut::new(&mut [0.0; 4], 2, 2).unwrap()
            ),
            Err(Error::NotSquare { .. })
        ));
    }
}
