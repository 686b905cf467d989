//! `qr`: Householder QR, reduced or complete.

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

/// Complete QR of `a` (m×n): writes `q` (m×m, orthogonal) and `r` (m×n, upper trapezoidal)
/// with `q @ r = a` (numpy's `mode="complete"`). The first min(m, n) columns of `q` and rows
/// of `r` are [`qr`]'s. An empty `a` gives the identity `q` and a zero `r`, as numpy.
///
/// Errors: [`Error::OutputShape`](crate::Error::OutputShape) for `q` or `r`.
pub fn qr_complete(a: MatRef<'_>, mut q: MatMut<'_>, mut r: MatMut<'_>) -> Result<()> {
    let (m, n) = a.shape();
    check_out(&q, m, m)?;
    check_out(&r, m, n)?;
    if m.min(n) == 0 {
        identity(&mut q);
        r.as_mut_slice().fill(0.0);
        return Ok(());
    }
    backend::qr_complete(a, &mut q, &mut r);
    Ok(())
}

/// numpy's `mode="raw"`: LAPACK `geqrf`'s factored form of `a` (m×n), as numpy returns it.
/// Writes `h` (n×m: the m×n factored matrix in LAPACK's column-major order, so row `j` of `h`
/// is column `j` of it) with R on and above the diagonal and the essential part of Householder
/// vector `j` (whose element `j` is an implied 1) below the diagonal of column `j`, and `tau`
/// (k = min(m, n)) with `H_j = I − tau_j v_j v_jᵀ` and `a = H_0 H_1 … H_(k−1) R`. LAPACK's
/// sign convention: `R[j, j] = −sign(α)·‖x‖` for the column `x` being reduced (α its first
/// element), `tau_j = 0` when nothing is below the diagonal. Equal to numpy's up to rounding.
///
/// Errors: [`Error::OutputShape`](crate::Error::OutputShape) for `h`,
/// [`Error::OutputLength`](crate::Error::OutputLength) for `tau`.
pub fn qr_raw(a: MatRef<'_>, mut h: MatMut<'_>, tau: &mut [f64]) -> Result<()> {
    let (m, n) = a.shape();
    let k = m.min(n);
    check_out(&h, n, m)?;
    if tau.len() != k {
        return Err(crate::Error::OutputLength {
            expected: k,
            got: tau.len(),
        });
    }
    if k == 0 {
        return Ok(());
    }
    backend::qr_raw(a, &mut h, tau);
    Ok(())
}

/// Writes the identity into the square `q`.
pub(super) fn identity(q: &mut MatMut<'_>) {
    let n = q.cols();
    for (t, x) in q.as_mut_slice().iter_mut().enumerate() {
        *x = if t % (n + 1) == 0 { 1.0 } else { 0.0 };
    }
}
