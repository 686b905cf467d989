//! `qr`: reduced Householder QR.

use super::{backend, check_out};
use crate::error::Result;
use crate::matrix::{MatMut, MatRef};

/// Reduced QR of `a` (m×n), k = min(m, n): writes `q` (m×k, orthonormal columns) and `r`
/// (k×n, upper triangular) with `q @ r = a` (numpy's `mode="reduced"`).
///
/// Like any QR the factors are unique only up to the signs of `r`'s diagonal, so they may differ
/// from numpy's by a sign per column of `q` / row of `r`.
/// Accuracy: ‖q·r − a‖ ≤ c·max(m, n)·ε·‖a‖, ‖qᵀq − I‖ ≤ c·m·ε.
///
/// Errors: [`Error::OutputShape`](crate::Error::OutputShape) for `q` or `r`. k = 0 gives m×0 and
/// 0×n factors.
pub fn qr(a: MatRef<'_>, mut q: MatMut<'_>, mut r: MatMut<'_>) -> Result<()> {
    let (m, n) = a.shape();
    let k = m.min(n);
    check_out(&q, m, k)?;
    check_out(&r, k, n)?;
    if k == 0 {
        return Ok(());
    }
    backend::qr_reduced(a, &mut q, &mut r);
    Ok(())
}
