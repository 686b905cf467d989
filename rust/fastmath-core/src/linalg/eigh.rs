//! `eigh`: eigendecomposition of a real symmetric matrix.

use super::{backend, check_len, check_out, square};
use crate::error::Result;
use crate::matrix::{MatMut, MatRef};

/// Eigenvalues (ascending, into `w`, length n) and eigenvectors (the columns of `v`, n×n) of the
/// symmetric matrix whose lower triangle is that of `a` (numpy's default `UPLO="L"`; the upper
/// triangle is not read). `a @ v[:, i] = w[i] * v[:, i]` and `v` is orthogonal.
///
/// Eigenvectors are unique only up to sign (and rotation within repeated eigenvalues).
/// Accuracy: ‖v·diag(w)·vᵀ − a‖ ≤ c·n·ε·‖a‖, ‖vᵀv − I‖ ≤ c·n·ε.
///
/// Errors: [`Error::NotSquare`](crate::Error::NotSquare),
/// [`Error::OutputLength`](crate::Error::OutputLength) for `w`,
/// [`Error::OutputShape`](crate::Error::OutputShape) for `v`;
/// [`Error::NoConvergence`](crate::Error::NoConvergence) (LinAlg). 0×0 gives empty results.
pub fn eigh(a: MatRef<'_>, w: &mut [f64], mut v: MatMut<'_>) -> Result<()> {
    let n = square(a)?;
    check_len(w, n)?;
    check_out(&v, n, n)?;
    if n == 0 {
        return Ok(());
    }
    backend::eigh_lower(a, w, &mut v)
}
