//! Linear algebra on row-major f64 matrices, with numpy's names and conventions.
//!
//! One concept per file; the crate doing the numerical work (faer) is named only in
//! [`backend`](self) so it can be swapped without touching callers.
//!
//! # Conventions
//! - Matrices are [`MatRef`]/[`MatMut`] views over row-major (C-order) slices; vectors are plain
//!   slices. Every output's shape is known from the input shapes, so every output is
//!   **caller-provided** (bindings pass numpy / typed-array memory and nothing is copied twice);
//!   only [`lstsq`]'s diagnostics (rank, singular values, residuals) are returned as values.
//! - All shapes (inputs first, then outputs) are checked before any work. Shape errors are
//!   `ErrorKind::InvalidValue` ([`Error::RowMismatch`], [`Error::InnerDimMismatch`],
//!   [`Error::OutputShape`], [`Error::OutputLength`]); a matrix that is not square
//!   ([`Error::NotSquare`], as numpy.linalg) or has no answer is `ErrorKind::LinAlg`
//!   ([`Error::Singular`], [`Error::NotPositiveDefinite`], [`Error::NoConvergence`]).
//! - Empty inputs follow numpy: 0×0 `inv`/`cholesky`/`eigh` give empty results, `det` of 0×0 is
//!   1.0, `solve` with n = 0 gives an empty result, decompositions with k = min(m, n) = 0 give
//!   m×0 / 0×n factors, `matmul` with an inner dimension of 0 gives zeros.
//! - NaN/inf inputs are not rejected; results then contain NaN (like numpy/LAPACK), except that
//!   the iterative SVD/eigensolvers may report [`Error::NoConvergence`] (numpy: "SVD did not
//!   converge").
//!
//! # Example
//! ```
//! use fastmath_core::linalg::{det, solve_vec};
//! use fastmath_core::matrix::MatRef;
//! use fastmath_core::ErrorKind;
//!
//! // 3x + y = 9, x + 2y = 8
//! let a = MatRef::new(&[3.0, 1.0, 1.0, 2.0], 2, 2)?;
//! let mut x = [0.0; 2];
//! solve_vec(a, &[9.0, 8.0], &mut x)?;
//! assert!((x[0] - 2.0).abs() < 1e-14 && (x[1] - 3.0).abs() < 1e-14);
//! assert!((det(a)? - 5.0).abs() < 1e-14);
//!
//! let singular = MatRef::new(&[1.0, 2.0, 2.0, 4.0], 2, 2)?;
//! let err = solve_vec(singular, &[1.0, 1.0], &mut x).unwrap_err();
//! assert_eq!((err.kind(), err.to_string().as_str()), (ErrorKind::LinAlg, "Singular matrix"));
//! # Ok::<(), fastmath_core::Error>(())
//! ```
//!
//! # Accuracy
//! Backward-stable algorithms (partial-pivoting LU, Householder QR, Cholesky, one-sided
//! bidiagonal SVD, tridiagonal symmetric eigensolver), as in LAPACK. With ε = f64::EPSILON and
//! ‖·‖ the Frobenius norm, residuals are small relative to the input: ‖QR − A‖, ‖UΣVᵀ − A‖,
//! ‖VΛVᵀ − A‖, ‖LLᵀ − A‖, ‖Ax − b‖ are all O(n·ε·‖A‖·‖x‖); forward errors (of `inv`, `solve`)
//! additionally scale with the condition number κ(A). The tests assert these with a constant of
//! at most 1000 on well-conditioned random inputs (see `tests.rs`).

mod backend;
mod cholesky;
mod det;
mod eigh;
mod lstsq;
mod matmul;
mod qr;
mod scaling;
mod solve;
mod svd;
mod transpose;

#[cfg(test)]
mod tests;

pub use cholesky::cholesky;
pub use det::det;
pub use eigh::eigh;
pub use lstsq::{Lstsq, lstsq, lstsq_vec};
pub use matmul::{matmul, matmul_wrapping, matvec, vecmat};
pub use qr::{qr, qr_complete, qr_raw};
pub use solve::{inv, solve, solve_vec};
pub use svd::{svd, svd_full};
pub use transpose::transpose;

use crate::error::{Error, Result};
use crate::matrix::{MatMut, MatRef};

/// `n` when `a` is n×n, else [`Error::NotSquare`].
fn square(a: MatRef<'_>) -> Result<usize> {
    if a.rows() == a.cols() {
        Ok(a.rows())
    } else {
        Err(Error::NotSquare {
            rows: a.rows(),
            cols: a.cols(),
        })
    }
}

/// [`Error::OutputShape`] unless `out` is `rows x cols`.
fn check_out(out: &MatMut<'_>, rows: usize, cols: usize) -> Result<()> {
    if out.shape() == (rows, cols) {
        Ok(())
    } else {
        Err(Error::OutputShape {
            expected_rows: rows,
            expected_cols: cols,
            rows: out.rows(),
            cols: out.cols(),
        })
    }
}

/// [`Error::OutputLength`] unless `out.len() == len`.
fn check_len(out: &[f64], len: usize) -> Result<()> {
    if out.len() == len {
        Ok(())
    } else {
        Err(Error::OutputLength {
            expected: len,
            got: out.len(),
        })
    }
}
