//! `matmul`: matrix product, as one gemm plus matrix-vector wrappers (numpy's `a @ b` for
//! 2-D@2-D, 2-D@1-D and 1-D@2-D).

use super::{backend, check_len, check_out};
use crate::error::{Error, Result};
use crate::matrix::{MatMut, MatRef};

fn inner(a: (usize, usize), b: (usize, usize)) -> Result<()> {
    if a.1 == b.0 {
        Ok(())
    } else {
        Err(Error::InnerDimMismatch {
            a_rows: a.0,
            a_cols: a.1,
            b_rows: b.0,
            b_cols: b.1,
        })
    }
}

/// `out = a @ b` for `a` m×k and `b` k×n into `out` m×n. With k = 0 the result is zeros (numpy).
///
/// Accuracy: each entry is a dot product of length k, so |out − exact| ≤ k·ε·(|a|·|b|)
/// entrywise (blocked summation in practice does better).
///
/// Errors: [`Error::InnerDimMismatch`] when `a.cols() != b.rows()` (e.g. "matmul: a is 2x3 but
/// b is 4x2 (a's 3 columns must match b's 4 rows)"); [`Error::OutputShape`].
pub fn matmul(a: MatRef<'_>, b: MatRef<'_>, mut out: MatMut<'_>) -> Result<()> {
    inner(a.shape(), b.shape())?;
    check_out(&out, a.rows(), b.cols())?;
    if out.as_slice().is_empty() {
        return Ok(());
    }
    if a.cols() == 0 {
        out.as_mut_slice().fill(0.0);
        return Ok(());
    }
    // On wasm32 with simd128 fastmath's own packed f64x2 kernel beats faer's by ~1.3x at 256
    // and 512 (docs/benchmarks.md); natively faer's AVX2/FMA kernels are ~3x faster than it.
    if cfg!(all(target_arch = "wasm32", target_feature = "simd128")) {
        return crate::gemm::gemm(a, b, out);
    }
    backend::gemm(a, b, &mut out);
    Ok(())
}

/// `out = a @ x` for `a` m×n and `x` of length n into `out` of length m (numpy's 2-D @ 1-D).
///
/// Errors: [`Error::InnerDimMismatch`] with `x` reported as an n×1 matrix;
/// [`Error::OutputLength`] unless `out.len() == m`.
pub fn matvec(a: MatRef<'_>, x: &[f64], out: &mut [f64]) -> Result<()> {
    inner(a.shape(), (x.len(), 1))?;
    check_len(out, a.rows())?;
    let rows = a.rows();
    matmul(a, MatRef::new(x, x.len(), 1)?, MatMut::new(out, rows, 1)?)
}

/// `out = x @ b` for `x` of length k and `b` k×n into `out` of length n (numpy's 1-D @ 2-D).
///
/// Errors: [`Error::InnerDimMismatch`] with `x` reported as a 1×k matrix;
/// [`Error::OutputLength`] unless `out.len() == n`.
pub fn vecmat(x: &[f64], b: MatRef<'_>, out: &mut [f64]) -> Result<()> {
    inner((1, x.len()), b.shape())?;
    check_len(out, b.cols())?;
    let cols = b.cols();
    matmul(MatRef::new(x, 1, x.len())?, b, MatMut::new(out, 1, cols)?)
}

/// `out = a @ b` over integers, wrapping around as numpy's integer matmul does: `a` is m×k and
/// `b` k×n, row-major, `out` m×n. Every integer dtype computes here in i64: products and sums
/// wrapped modulo 2**64 leave the same residue modulo 2**8, 2**16 or 2**32 that arithmetic in
/// the narrower type would, so a caller narrowing the result (wrapping) gets numpy's values.
/// A plain i-k-j loop: faer has no integer product, and the inner loop over `b`'s row
/// vectorises.
///
/// Errors: [`Error::OutputLength`] unless the slices hold m×k, k×n and m×n elements.
pub fn matmul_wrapping(
    a: &[i64],
    b: &[i64],
    (m, k, n): (usize, usize, usize),
    out: &mut [i64],
) -> Result<()> {
    let sizes = [
        (a.len(), m.checked_mul(k)),
        (b.len(), k.checked_mul(n)),
        (out.len(), m.checked_mul(n)),
    ];
    for (got, expected) in sizes {
        if Some(got) != expected {
            return Err(Error::OutputLength {
                expected: expected.unwrap_or(usize::MAX),
                got,
            });
        }
    }
    out.fill(0);
    if n == 0 {
        return Ok(());
    }
    for (row, out_row) in a.chunks_exact(k.max(1)).zip(out.chunks_exact_mut(n)) {
        for (&x, b_row) in row.iter().zip(b.chunks_exact(n)) {
            for (o, &y) in out_row.iter_mut().zip(b_row) {
                *o = o.wrapping_add(x.wrapping_mul(y));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_products_wrap_around() {
        let a = [1, 2, 3, 4, 5, 6]; // 2x3
        let b = [7, 8, 9, 10, 11, 12]; // 3x2
        let mut out = [0i64; 4];
        matmul_wrapping(&a, &b, (2, 3, 2), &mut out).unwrap();
        assert_eq!(out, [58, 64, 139, 154]);
        let mut out = [0i64; 1];
        matmul_wrapping(&[i64::MAX, 2], &[2, i64::MAX], (1, 2, 1), &mut out).unwrap();
        assert_eq!(out[0], i64::MAX.wrapping_mul(2).wrapping_mul(2));
        let mut empty = [7i64; 4];
        matmul_wrapping(&[], &[], (2, 0, 2), &mut empty).unwrap();
        assert_eq!(empty, [0; 4]);
        assert!(matmul_wrapping(&a, &b, (2, 3, 3), &mut [0; 6]).is_err());
    }

    #[test]
    fn small_products() {
        let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]; // 2x3
        let b = [7.0, 8.0, 9.0, 10.0, 11.0, 12.0]; // 3x2
        let mut o = [0.0; 4];
        matmul(
            MatRef::new(&a, 2, 3).unwrap(),
            MatRef::new(&b, 3, 2).unwrap(),
            MatMut::new(&mut o, 2, 2).unwrap(),
        )
        .unwrap();
        assert_eq!(o, [58.0, 64.0, 139.0, 154.0]);
        let mut v = [0.0; 2];
        matvec(MatRef::new(&a, 2, 3).unwrap(), &[1.0, 0.0, -1.0], &mut v).unwrap();
        assert_eq!(v, [-2.0, -2.0]);
        let mut w = [0.0; 3];
        vecmat(&[1.0, -1.0], MatRef::new(&a, 2, 3).unwrap(), &mut w).unwrap();
        assert_eq!(w, [-3.0, -3.0, -3.0]);
    }

    #[test]
    fn shape_errors() {
        let a = [0.0; 6];
        let mut o = [0.0; 4];
        let e = matmul(
            MatRef::new(&a, 2, 3).unwrap(),
            MatRef::new(&a, 2, 3).unwrap(),
            MatMut::new(&mut o, 2, 2).unwrap(),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "matmul: a is 2x3 but b is 2x3 (a's 3 columns must match b's 2 rows)"
        );
        assert_eq!(e.kind(), crate::ErrorKind::InvalidValue);
        let e = matmul(
            MatRef::new(&a, 2, 3).unwrap(),
            MatRef::new(&a, 3, 2).unwrap(),
            MatMut::new(&mut o, 4, 1).unwrap(),
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "output is 4x1, expected 2x2");
        assert!(matches!(
            matvec(MatRef::new(&a, 2, 3).unwrap(), &[1.0; 2], &mut [0.0; 2]),
            Err(Error::InnerDimMismatch { .. })
        ));
        assert_eq!(
            matvec(MatRef::new(&a, 2, 3).unwrap(), &[1.0; 3], &mut [0.0; 3]),
            Err(Error::OutputLength {
                expected: 2,
                got: 3
            })
        );
        assert!(vecmat(&[1.0; 3], MatRef::new(&a, 2, 3).unwrap(), &mut [0.0; 3]).is_err());
    }

    #[test]
    fn empty_inner_dimension_gives_zeros() {
        let mut o = [f64::NAN; 6];
        matmul(
            MatRef::new(&[], 2, 0).unwrap(),
            MatRef::new(&[], 0, 3).unwrap(),
            MatMut::new(&mut o, 2, 3).unwrap(),
        )
        .unwrap();
        assert_eq!(o, [0.0; 6]);
        matmul(
            MatRef::new(&[], 0, 3).unwrap(),
            MatRef::new(&[0.0; 6], 3, 2).unwrap(),
            MatMut::new(&mut [], 0, 2).unwrap(),
        )
        .unwrap();
    }

    #[test]
    fn large_product_matches_naive() {
        let (m, k, n) = (67, 53, 41);
        let a: Vec<f64> = (0..m * k).map(|v| ((v * 7919) % 13) as f64 - 6.0).collect();
        let b: Vec<f64> = (0..k * n)
            .map(|v| ((v * 104729) % 11) as f64 - 5.0)
            .collect();
        let mut o = vec![0.0; m * n];
        matmul(
            MatRef::new(&a, m, k).unwrap(),
            MatRef::new(&b, k, n).unwrap(),
            MatMut::new(&mut o, m, n).unwrap(),
        )
        .unwrap();
        for i in 0..m {
            for j in 0..n {
                let s: f64 = (0..k).map(|p| a[i * k + p] * b[p * n + j]).sum();
                assert_eq!(o[i * n + j], s, "small integers are exact");
            }
        }
    }
}
