//! `svd`: singular value decomposition, reduced or full.

use super::qr::identity;
use super::{backend, check_len, check_out};
use crate::error::Result;
use crate::matrix::{MatMut, MatRef};

/// Reduced SVD of `a` (m×n), k = min(m, n): writes `u` (m×k, orthonormal columns), `s` (length
/// k, non-negative, descending) and `vt` (k×n, orthonormal rows) with `u @ diag(s) @ vt = a`
/// (numpy's `full_matrices=False`).
///
/// Singular vectors are unique only up to sign (and rotation within repeated singular values),
/// so they may differ from numpy's. Accuracy: ‖u·diag(s)·vt − a‖ ≤ c·max(m, n)·ε·‖a‖ and each
/// singular value is within c·ε·s₀ of the exact one.
///
/// Errors: [`Error::OutputShape`](crate::Error::OutputShape) for `u`/`vt`,
/// [`Error::OutputLength`](crate::Error::OutputLength) for `s`;
/// [`Error::NoConvergence`](crate::Error::NoConvergence) (LinAlg, "SVD did not converge"),
/// e.g. on NaN input. k = 0 gives empty factors.
pub fn svd(a: MatRef<'_>, mut u: MatMut<'_>, s: &mut [f64], mut vt: MatMut<'_>) -> Result<()> {
    let (m, n) = a.shape();
    let k = m.min(n);
    check_out(&u, m, k)?;
    check_len(s, k)?;
    check_out(&vt, k, n)?;
    if k == 0 {
        return Ok(());
    }
    backend::svd_reduced(a, &mut u, s, &mut vt)
}

/// Full SVD of `a` (m×n), k = min(m, n): writes `u` (m×m, orthogonal), `s` (length k,
/// descending) and `vt` (n×n, orthogonal) with `u[:, :k] @ diag(s) @ vt[:k] = a` (numpy's
/// `full_matrices=True`). Signs and accuracy as [`svd`]; an empty `a` gives identities.
///
/// Errors as [`svd`].
pub fn svd_full(a: MatRef<'_>, mut u: MatMut<'_>, s: &mut [f64], mut vt: MatMut<'_>) -> Result<()> {
    let (m, n) = a.shape();
    check_out(&u, m, m)?;
    check_len(s, m.min(n))?;
    check_out(&vt, n, n)?;
    if m.min(n) == 0 {
        identity(&mut u);
        identity(&mut vt);
        return Ok(());
    }
    backend::svd_full(a, &mut u, s, &mut vt)
}
