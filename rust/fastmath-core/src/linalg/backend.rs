//! The only module that names the linear-algebra crate (faer 0.24, see `docs/linalg-backend.md`).
//!
//! Every function here takes shapes that the public kernels have already checked (square where
//! square is needed, matching dimensions, non-empty, outputs of the right shape) and only
//! translates between fastmath's row-major views and faer. Inputs are viewed in place with
//! `MatRef::from_row_major_slice` (no copy); outputs are written into the caller's memory through
//! `MatMut::from_row_major_slice_mut`. faer's decompositions allocate their own factors
//! (column-major), which are copied once into the caller's output.
//!
//! Parallelism: built without faer's `rayon` feature, so faer runs single-threaded (`Par::Seq`),
//! which is also all wasm32 offers.

use faer::linalg::solvers::{DenseSolveCore, Solve};
use faer::{Accum, Par, Side};

use super::scaling::{RowScaled, Scaled};
use crate::error::{Error, Result};
use crate::matrix::{MatMut, MatRef};

fn view(a: MatRef<'_>) -> faer::MatRef<'_, f64> {
    faer::MatRef::from_row_major_slice(a.as_slice(), a.rows(), a.cols())
}

fn view_scaled<'a>(a: &'a Scaled<'_>) -> faer::MatRef<'a, f64> {
    let (rows, cols) = a.shape();
    faer::MatRef::from_row_major_slice(a.data(), rows, cols)
}

fn view_mut<'a>(out: &'a mut MatMut<'_>) -> faer::MatMut<'a, f64> {
    let (rows, cols) = out.shape();
    faer::MatMut::from_row_major_slice_mut(out.as_mut_slice(), rows, cols)
}

/// `out = a @ b` (`a` m×k, `b` k×n, `out` m×n). For k = 0 the result is zeros.
pub(crate) fn gemm(a: MatRef<'_>, b: MatRef<'_>, out: &mut MatMut<'_>) {
    faer::linalg::matmul::matmul(
        view_mut(out),
        Accum::Replace,
        view(a),
        view(b),
        1.0,
        Par::Seq,
    );
}

/// Partial-pivoting LU of a square matrix; `Err(Singular)` when a pivot is exactly zero
/// (the LAPACK `getrf` criterion numpy uses).
fn lu(a: &RowScaled<'_>) -> Result<faer::linalg::solvers::PartialPivLu<f64>> {
    let lu = faer::MatRef::from_row_major_slice(a.data(), a.n(), a.n()).partial_piv_lu();
    let u = lu.U();
    if (0..u.nrows()).any(|i| u[(i, i)] == 0.0) {
        return Err(Error::Singular);
    }
    Ok(lu)
}

/// `out = a⁻¹ b` for square `a` (n×n) and `b`, `out` n×k: `(D a) x = D b` when the rows of `a`
/// are scaled by `D`.
pub(crate) fn lu_solve(a: MatRef<'_>, b: MatRef<'_>, out: &mut MatMut<'_>) -> Result<()> {
    let a = RowScaled::of(a);
    let lu = lu(&a)?;
    out.as_mut_slice().copy_from_slice(b.as_slice());
    a.scale_rows(out);
    lu.solve_in_place(view_mut(out));
    Ok(())
}

/// `out = a⁻¹ = (D a)⁻¹ D` when the rows of `a` are scaled by `D`.
pub(crate) fn lu_inv(a: MatRef<'_>, out: &mut MatMut<'_>) -> Result<()> {
    let a = RowScaled::of(a);
    let inv = lu(&a)?.inverse();
    view_mut(out).copy_from(&inv);
    a.scale_columns(out);
    Ok(())
}

/// Determinant through partial-pivoting LU (sign of the permutation times the product of the
/// pivots); exactly 0.0 when a pivot is exactly zero (faer's own `determinant` gives NaN there,
/// because elimination past a zero pivot divides 0 by 0; LAPACK skips that step).
pub(crate) fn det(a: MatRef<'_>) -> f64 {
    let a = RowScaled::of(a);
    let lu = faer::MatRef::from_row_major_slice(a.data(), a.n(), a.n()).partial_piv_lu();
    let u = lu.U();
    let pivots = (0..u.nrows()).map(|i| u[(i, i)]);
    if pivots.clone().any(|p| p == 0.0) {
        return 0.0;
    }
    // Parity of the row permutation: n minus its number of cycles.
    let (fwd, _) = lu.P().arrays();
    let mut seen = vec![false; fwd.len()];
    let mut swaps = 0usize;
    for start in 0..fwd.len() {
        let mut i = start;
        let mut len = 0usize;
        while !seen[i] {
            seen[i] = true;
            i = fwd[i];
            len += 1;
        }
        swaps += len.saturating_sub(1);
    }
    let sign = if swaps.is_multiple_of(2) { 1.0 } else { -1.0 };
    a.pivot_product(sign, pivots)
}

/// Lower Cholesky factor of the lower triangle of `a` into `out` (upper part zero). Not scaled:
/// faer's Cholesky takes square roots of the pivots and was measured correct from 1e-313 to
/// 1e307.
pub(crate) fn cholesky_lower(a: MatRef<'_>, out: &mut MatMut<'_>) -> Result<()> {
    let llt = view(a)
        .llt(Side::Lower)
        .map_err(|_| Error::NotPositiveDefinite)?;
    view_mut(out).copy_from(llt.L());
    Ok(())
}

/// Reduced Householder QR: `q` m×k, `r` k×n, k = min(m, n). Scaling leaves `q` unchanged.
pub(crate) fn qr_reduced(a: MatRef<'_>, q: &mut MatMut<'_>, r: &mut MatMut<'_>) {
    let a = Scaled::of(a);
    let qr = view_scaled(&a).qr();
    view_mut(q).copy_from(&qr.compute_thin_Q());
    view_mut(r).copy_from(qr.thin_R());
    r.as_mut_slice().iter_mut().for_each(|x| *x = a.unscale(*x));
}

/// Complete QR: `q` m×m, `r` m×n.
pub(crate) fn qr_complete(a: MatRef<'_>, q: &mut MatMut<'_>, r: &mut MatMut<'_>) {
    let a = Scaled::of(a);
    let qr = view_scaled(&a).qr();
    view_mut(q).copy_from(&qr.compute_Q());
    // faer keeps R's min(m, n) non-zero rows; the rows below them are zero.
    let k = qr.thin_R().nrows();
    r.as_mut_slice().fill(0.0);
    view_mut(r).get_mut(..k, ..).copy_from(qr.thin_R());
    r.as_mut_slice().iter_mut().for_each(|x| *x = a.unscale(*x));
}

/// numpy's `mode="raw"` (LAPACK `geqrf`'s output): `h` n×m is the m×n factored matrix in
/// LAPACK's column-major order (numpy returns its transpose), R on and above the diagonal, the
/// essential part of Householder vector `j` below the diagonal of column `j`; `tau` (k) the
/// reflectors' scalings, `H_j = I - tau_j v_j v_jᵀ` with `v_j[j] = 1`.
///
/// faer's reflectors follow LAPACK's `dlarfg` (β = −sign(α)·‖x‖, the vector scaled by
/// 1/(α − β)), but write `H = I − v vᵀ / t` with t = (1 + ‖v_tail‖²)/2 (infinite for an
/// identity reflector) kept on the diagonal of its block factors: LAPACK's τ is 1/t (0 for an
/// identity reflector, as `dlarfg` gives when the column below the diagonal is zero).
pub(crate) fn qr_raw(a: MatRef<'_>, h: &mut MatMut<'_>, tau: &mut [f64]) {
    let (m, n) = a.shape();
    let a = Scaled::of(a);
    let qr = view_scaled(&a).qr();
    let (basis, r, coeff) = (qr.Q_basis(), qr.R(), qr.Q_coeff());
    let k = m.min(n);
    let mut h = view_mut(h);
    for i in 0..m {
        for j in 0..n {
            h[(j, i)] = if i <= j {
                a.unscale(r[(i, j)])
            } else if j < k {
                basis[(i, j)]
            } else {
                0.0
            };
        }
    }
    let block = coeff.nrows().max(1);
    for (j, t) in tau.iter_mut().enumerate().take(k) {
        let factor = coeff[(j % block, j)];
        *t = if factor.is_finite() {
            factor.recip()
        } else {
            0.0
        };
    }
}

/// Full SVD: `u` m×m, `s` min(m, n), `vt` n×n.
pub(crate) fn svd_full(
    a: MatRef<'_>,
    u: &mut MatMut<'_>,
    s: &mut [f64],
    vt: &mut MatMut<'_>,
) -> Result<()> {
    let a = Scaled::of(a);
    let svd = view_scaled(&a)
        .svd()
        .map_err(|_| Error::NoConvergence { what: "SVD" })?;
    view_mut(u).copy_from(svd.U());
    view_mut(vt).copy_from(svd.V().transpose());
    for (dst, src) in s.iter_mut().zip(svd.S().column_vector().iter()) {
        *dst = a.unscale(*src);
    }
    Ok(())
}

/// Thin SVD: `u` m×k, `s` k (descending, ≥ 0), `vt` k×n. Scaling leaves the singular vectors
/// unchanged.
pub(crate) fn svd_reduced(
    a: MatRef<'_>,
    u: &mut MatMut<'_>,
    s: &mut [f64],
    vt: &mut MatMut<'_>,
) -> Result<()> {
    let a = Scaled::of(a);
    let svd = view_scaled(&a)
        .thin_svd()
        .map_err(|_| Error::NoConvergence { what: "SVD" })?;
    view_mut(u).copy_from(svd.U());
    view_mut(vt).copy_from(svd.V().transpose());
    for (dst, src) in s.iter_mut().zip(svd.S().column_vector().iter()) {
        *dst = a.unscale(*src);
    }
    Ok(())
}

/// Symmetric eigendecomposition from the lower triangle of `a`: eigenvalues ascending into `w`,
/// eigenvectors as the columns of `v`. Scaling leaves the eigenvectors unchanged.
pub(crate) fn eigh_lower(a: MatRef<'_>, w: &mut [f64], v: &mut MatMut<'_>) -> Result<()> {
    let a = Scaled::of_lower(a);
    let evd = view_scaled(&a)
        .self_adjoint_eigen(Side::Lower)
        .map_err(|_| Error::NoConvergence {
            what: "Eigenvalues",
        })?;
    view_mut(v).copy_from(evd.U());
    for (dst, src) in w.iter_mut().zip(evd.S().column_vector().iter()) {
        *dst = a.unscale(*src);
    }
    Ok(())
}
