//! `solve` and `inv`: square systems through partial-pivoting LU (LAPACK `gesv`/`getri` style).

use super::{backend, check_len, check_out, square};
use crate::error::{Error, Result};
use crate::matrix::{MatMut, MatRef};

/// Solves `a @ x = b` for square `a` (n×n) and `b` n×k, writing `x` (n×k) into `out`.
///
/// Singular means an exactly zero pivot in the LU factorisation (LAPACK's criterion, as numpy):
/// nearly singular matrices are solved and give large, inaccurate `x` (relative forward error
/// about κ(a)·ε; the residual ‖a·x − b‖ stays O(n·ε·‖a‖·‖x‖)).
///
/// Errors: [`Error::NotSquare`] ("a must be square, got 3x4"), [`Error::RowMismatch`]
/// ("a is 3x3 but b has 4 rows"), [`Error::OutputShape`]; [`Error::Singular`] (LinAlg).
/// n = 0 gives an empty `x`.
pub fn solve(a: MatRef<'_>, b: MatRef<'_>, mut out: MatMut<'_>) -> Result<()> {
    let n = square(a)?;
    if b.rows() != n {
        return Err(Error::RowMismatch {
            a_rows: n,
            a_cols: n,
            b_rows: b.rows(),
        });
    }
    check_out(&out, n, b.cols())?;
    if n == 0 {
        return Ok(());
    }
    backend::lu_solve(a, b, &mut out)
}

/// [`solve`] with a 1-D right-hand side `b` (length n) and solution `out` (length n).
///
/// Errors as [`solve`], with [`Error::OutputLength`] for `out`.
pub fn solve_vec(a: MatRef<'_>, b: &[f64], out: &mut [f64]) -> Result<()> {
    let n = square(a)?;
    if b.len() != n {
        return Err(Error::RowMismatch {
            a_rows: n,
            a_cols: n,
            b_rows: b.len(),
        });
    }
    check_len(out, n)?;
    solve(a, MatRef::new(b, n, 1)?, MatMut::new(out, n, 1)?)
}

/// Writes the inverse of square `a` (n×n) into `out` (n×n).
///
/// Accuracy: ‖a·inv(a) − I‖ ≲ n·ε·κ(a) (tests: ≤ 1000·n·ε·κ-bounded inputs).
///
/// Errors: [`Error::NotSquare`], [`Error::OutputShape`]; [`Error::Singular`] (LinAlg) for an
/// exactly zero LU pivot. 0×0 gives 0×0.
pub fn inv(a: MatRef<'_>, mut out: MatMut<'_>) -> Result<()> {
    let n = square(a)?;
    check_out(&out, n, n)?;
    if n == 0 {
        return Ok(());
    }
    backend::lu_inv(a, &mut out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn solves_known_system() {
        // 3x + y = 9, x + 2y = 8  ->  x = 2, y = 3 (numpy's docstring example)
        let a = [3.0, 1.0, 1.0, 2.0];
        let mut x = [0.0; 2];
        solve_vec(MatRef::new(&a, 2, 2).unwrap(), &[9.0, 8.0], &mut x).unwrap();
        assert!((x[0] - 2.0).abs() < 1e-14 && (x[1] - 3.0).abs() < 1e-14);
        let b = [9.0, 1.0, 8.0, 0.0];
        let mut x2 = [0.0; 4];
        solve(
            MatRef::new(&a, 2, 2).unwrap(),
            MatRef::new(&b, 2, 2).unwrap(),
            MatMut::new(&mut x2, 2, 2).unwrap(),
        )
        .unwrap();
        for (got, want) in x2.iter().zip([2.0, 0.4, 3.0, -0.2]) {
            assert!((got - want).abs() < 1e-14, "{x2:?}");
        }
    }

    #[test]
    fn inverse_known() {
        let a = [4.0, 7.0, 2.0, 6.0];
        let mut o = [0.0; 4];
        inv(
            MatRef::new(&a, 2, 2).unwrap(),
            MatMut::new(&mut o, 2, 2).unwrap(),
        )
        .unwrap();
        for (got, want) in o.iter().zip([0.6, -0.7, -0.2, 0.4]) {
            assert!((got - want).abs() < 1e-15, "{o:?}");
        }
    }

    #[test]
    fn singular_is_linalg_error() {
        let a = [1.0, 2.0, 2.0, 4.0];
        let mut o = [0.0; 4];
        let e = inv(
            MatRef::new(&a, 2, 2).unwrap(),
            MatMut::new(&mut o, 2, 2).unwrap(),
        )
        .unwrap_err();
        assert_eq!(e, Error::Singular);
        assert_eq!(e.kind(), ErrorKind::LinAlg);
        assert_eq!(e.to_string(), "Singular matrix");
        let z = [0.0; 9];
        assert_eq!(
            solve_vec(MatRef::new(&z, 3, 3).unwrap(), &[1.0; 3], &mut [0.0; 3]),
            Err(Error::Singular)
        );
    }

    #[test]
    fn shape_errors() {
        let a = [0.0; 12];
        let e = solve_vec(MatRef::new(&a, 3, 4).unwrap(), &[1.0; 3], &mut [0.0; 3]).unwrap_err();
        assert_eq!(e.to_string(), "a must be square, got 3x4");
        assert_eq!(e.kind(), ErrorKind::LinAlg);
        let e = solve_vec(
            MatRef::new(&a[..9], 3, 3).unwrap(),
            &[1.0; 4],
            &mut [0.0; 3],
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "a is 3x3 but b has 4 rows");
        let e = solve(
            MatRef::new(&a[..9], 3, 3).unwrap(),
            MatRef::new(&a[..8], 4, 2).unwrap(),
            MatMut::new(&mut [0.0; 6], 3, 2).unwrap(),
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "a is 3x3 but b has 4 rows");
        assert!(matches!(
            solve_vec(
                MatRef::new(&a[..9], 3, 3).unwrap(),
                &[1.0; 3],
                &mut [0.0; 2]
            ),
            Err(Error::OutputLength {
                expected: 3,
                got: 2
            })
        ));
        assert!(matches!(
            inv(
                MatRef::new(&a, 4, 3).unwrap(),
                MatMut::new(&mut [0.0; 12], 4, 3).unwrap()
            ),
            Err(Error::NotSquare { rows: 4, cols: 3 })
        ));
    }

    #[test]
    fn empty() {
        inv(
            MatRef::new(&[], 0, 0).unwrap(),
            MatMut::new(&mut [], 0, 0).unwrap(),
        )
        .unwrap();
        solve_vec(MatRef::new(&[], 0, 0).unwrap(), &[], &mut []).unwrap();
        // n > 0 with no right-hand sides: still factorised, so singularity is still reported.
        solve(
            MatRef::new(&[2.0], 1, 1).unwrap(),
            MatRef::new(&[], 1, 0).unwrap(),
            MatMut::new(&mut [], 1, 0).unwrap(),
        )
        .unwrap();
    }
}
