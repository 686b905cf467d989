//! `lstsq`: minimum-norm least-squares solution through the SVD (LAPACK `gelsd` semantics).

use super::transpose::transpose_into;
use super::{backend, check_len, check_out};
use crate::error::{Error, Result};
use crate::matrix::{MatMut, MatRef};

/// What numpy's `lstsq` returns besides `x`.
#[derive(Debug, Clone, PartialEq)]
pub struct Lstsq {
    /// Number of singular values above the cutoff.
    pub rank: usize,
    /// All min(m, n) singular values of `a`, descending.
    pub singular_values: Vec<f64>,
    /// Squared 2-norm of `b − a·x` per column of `b`, only when `rank == n` and `m > n`
    /// (numpy's rule); empty otherwise.
    pub residuals: Vec<f64>,
}

/// Minimum-norm least-squares solution `x` (n×k, into `out`) of `a @ x ≈ b` for `a` m×n and `b`
/// m×k: among the `x` minimising ‖a·x − b‖₂ (per column), the one of least ‖x‖₂, i.e.
/// `x = pinv(a) @ b`. Works for over-, under-determined and rank-deficient `a`.
///
/// Cutoff: singular values `s[i] <= rcond * s[0]` are treated as zero (numpy / LAPACK `gelsd`).
/// `rcond = None` means numpy's default `eps * max(m, n)` (ε = f64::EPSILON); a negative or NaN
/// `rcond` means ε (LAPACK's convention for `rcond < 0`).
///
/// Computed as `x = V · diag(1/s[..rank]) · Uᵀ · b` from the thin SVD. Accuracy:
/// ‖x − pinv(a)·b‖ ≲ c·max(m, n)·ε·κᵣ·‖x‖ where κᵣ = `s[0] / s[rank − 1]`.
///
/// Errors: [`Error::RowMismatch`] ("a is 3x2 but b has 4 rows"), [`Error::OutputShape`];
/// [`Error::NoConvergence`] (LinAlg). Empty `a` (m or n = 0) gives `x = 0`, rank 0.
pub fn lstsq(
    a: MatRef<'_>,
    b: MatRef<'_>,
    rcond: Option<f64>,
    mut out: MatMut<'_>,
) -> Result<Lstsq> {
    let (m, n) = a.shape();
    if b.rows() != m {
        return Err(Error::RowMismatch {
            a_rows: m,
            a_cols: n,
            b_rows: b.rows(),
        });
    }
    let nrhs = b.cols();
    check_out(&out, n, nrhs)?;
    let k = m.min(n);
    let mut s = vec![0.0; k];
    let mut rank = 0;
    out.as_mut_slice().fill(0.0);
    if k > 0 {
        let mut u = vec![0.0; m * k];
        let mut vt = vec![0.0; k * n];
        backend::svd_reduced(
            a,
            &mut MatMut::new(&mut u, m, k)?,
            &mut s,
            &mut MatMut::new(&mut vt, k, n)?,
        )?;
        let rcond = match rcond {
            None => f64::EPSILON * m.max(n) as f64,
            Some(r) if r >= 0.0 => r,
            Some(_) => f64::EPSILON,
        };
        let cutoff = rcond * s[0];
        rank = s.iter().take_while(|&&v| v > cutoff).count();
        if rank > 0 && nrhs > 0 {
            // c = U[:, ..rank]ᵀ b / s[..rank]  (rank × nrhs)
            let mut ut = vec![0.0; k * m];
            transpose_into(MatRef::new(&u, m, k)?, &mut ut);
            let mut c = vec![0.0; rank * nrhs];
            backend::gemm(
                MatRef::new(&ut[..rank * m], rank, m)?,
                b,
                &mut MatMut::new(&mut c, rank, nrhs)?,
            );
            for (row, &sv) in c.chunks_exact_mut(nrhs).zip(&s) {
                row.iter_mut().for_each(|v| *v /= sv);
            }
            // x = V[:, ..rank] c = (vt[..rank, :])ᵀ c
            let mut v = vec![0.0; n * rank];
            transpose_into(MatRef::new(&vt[..rank * n], rank, n)?, &mut v);
            backend::gemm(
                MatRef::new(&v, n, rank)?,
                MatRef::new(&c, rank, nrhs)?,
                &mut out,
            );
        }
    }
    let residuals = if rank == n && m > n {
        let mut r = vec![0.0; m * nrhs];
        if n > 0 {
            backend::gemm(a, out.as_ref(), &mut MatMut::new(&mut r, m, nrhs)?);
        }
        let mut sums = vec![0.0; nrhs];
        for (row_b, row_r) in b
            .as_slice()
            .chunks_exact(nrhs.max(1))
            .zip(r.chunks_exact(nrhs.max(1)))
        {
            for ((acc, &bv), &rv) in sums.iter_mut().zip(row_b).zip(row_r) {
                let d = bv - rv;
                *acc += d * d;
            }
        }
        sums
    } else {
        Vec::new()
    };
    Ok(Lstsq {
        rank,
        singular_values: s,
        residuals,
    })
}

/// [`lstsq`] with a 1-D right-hand side `b` (length m) and solution `out` (length n); the
/// residuals then have length 1 or 0.
///
/// Errors as [`lstsq`], with [`Error::OutputLength`] for `out`.
pub fn lstsq_vec(a: MatRef<'_>, b: &[f64], rcond: Option<f64>, out: &mut [f64]) -> Result<Lstsq> {
    let (m, n) = a.shape();
    if b.len() != m {
        return Err(Error::RowMismatch {
            a_rows: m,
            a_cols: n,
            b_rows: b.len(),
        });
    }
    check_len(out, n)?;
    lstsq(a, MatRef::new(b, m, 1)?, rcond, MatMut::new(out, n, 1)?)
}
