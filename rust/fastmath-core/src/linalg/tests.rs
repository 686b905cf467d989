//! Property tests for the linear-algebra kernels, checked against independent naive formulas.
//!
//! Tolerances: with ε = f64::EPSILON, N = max(m, n) and ‖·‖ the Frobenius norm, reconstruction
//! residuals (QR, SVD, eigh, Cholesky, A·inv(A), A·x − b) must be ≤ 1000·N·ε times the natural
//! scale (‖A‖, ‖A‖·‖x‖ + ‖b‖, ‖A‖·‖A⁻¹‖); orthogonality defects ≤ 1000·N·ε. Random inputs are
//! built to be well conditioned (diagonally dominant, or factors near the identity), so forward
//! errors stay within the same bounds times a small κ.

use super::*;
use crate::error::Error;
use crate::matrix::{MatMut, MatRef};
use proptest::prelude::*;

const EPS: f64 = f64::EPSILON;

fn mm(a: &[f64], m: usize, k: usize, b: &[f64], n: usize) -> Vec<f64> {
    let mut o = vec![0.0; m * n];
    for i in 0..m {
        for p in 0..k {
            for j in 0..n {
                o[i * n + j] += a[i * k + p] * b[p * n + j];
            }
        }
    }
    o
}

fn tr(a: &[f64], m: usize, n: usize) -> Vec<f64> {
    let mut o = vec![0.0; m * n];
    for i in 0..m {
        for j in 0..n {
            o[j * m + i] = a[i * n + j];
        }
    }
    o
}

fn fro(a: &[f64]) -> f64 {
    a.iter().map(|v| v * v).sum::<f64>().sqrt()
}

fn eye(n: usize) -> Vec<f64> {
    let mut o = vec![0.0; n * n];
    for i in 0..n {
        o[i * n + i] = 1.0;
    }
    o
}

fn max_diff(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

fn r(a: &[f64], m: usize, n: usize) -> MatRef<'_> {
    MatRef::new(a, m, n).unwrap()
}

fn w(a: &mut [f64], m: usize, n: usize) -> MatMut<'_> {
    MatMut::new(a, m, n).unwrap()
}

/// Determinant by an independent Gaussian elimination with partial pivoting.
fn naive_det(a: &[f64], n: usize) -> f64 {
    let mut a = a.to_vec();
    let mut d = 1.0;
    for c in 0..n {
        let p = (c..n)
            .max_by(|&x, &y| a[x * n + c].abs().total_cmp(&a[y * n + c].abs()))
            .unwrap();
        if a[p * n + c] == 0.0 {
            return 0.0;
        }
        if p != c {
            for j in 0..n {
                a.swap(p * n + j, c * n + j);
            }
            d = -d;
        }
        d *= a[c * n + c];
        for i in c + 1..n {
            let f = a[i * n + c] / a[c * n + c];
            for j in c..n {
                a[i * n + j] -= f * a[c * n + j];
            }
        }
    }
    d
}

fn mat(
    rows: std::ops::RangeInclusive<usize>,
    cols: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = (Vec<f64>, usize, usize)> {
    (rows, cols)
        .prop_flat_map(|(m, n)| (prop::collection::vec(-1.0f64..1.0, m * n), Just(m), Just(n)))
}

/// Square n×n, strictly diagonally dominant (so κ∞ ≤ 2n + 1), plus an n×k right-hand side.
fn dominant_system() -> impl Strategy<Value = (Vec<f64>, usize, Vec<f64>, usize)> {
    (1usize..=9, 1usize..=3).prop_flat_map(|(n, k)| {
        (
            prop::collection::vec(-1.0f64..1.0, n * n),
            Just(n),
            prop::collection::vec(-10.0f64..10.0, n * k),
            Just(k),
        )
            .prop_map(|(mut a, n, b, k)| {
                for i in 0..n {
                    a[i * n + i] += if a[i * n + i] >= 0.0 {
                        n as f64
                    } else {
                        -(n as f64)
                    };
                }
                (a, n, b, k)
            })
    })
}

/// m×n, near-identity block structure: `I` (padded) + R/(2·max(m, n)), singular values in [0.5, 1.5].
fn near_identity(m: usize, n: usize, vals: &[f64]) -> Vec<f64> {
    let s = 2.0 * m.max(n) as f64;
    let mut a: Vec<f64> = vals.iter().map(|v| v / s).collect();
    for i in 0..m.min(n) {
        a[i * n + i] += 1.0;
    }
    a
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn matmul_matches_naive((a, m, k) in mat(1..=12, 1..=12), n in 1usize..=12, seed in any::<u64>()) {
        let b: Vec<f64> = (0..k * n).map(|i| (((seed >> (i % 60)) ^ i as u64) % 17) as f64 / 8.0 - 1.0).collect();
        let mut o = vec![0.0; m * n];
        matmul(r(&a, m, k), r(&b, k, n), w(&mut o, m, n)).unwrap();
        let want = mm(&a, m, k, &b, n);
        prop_assert!(max_diff(&o, &want) <= 1e3 * k as f64 * EPS * (1.0 + fro(&a) * fro(&b)));
        let mut v = vec![0.0; m];
        matvec(r(&a, m, k), &b[..k], &mut v).unwrap();
        prop_assert!(max_diff(&v, &mm(&a, m, k, &b[..k], 1)) <= 1e3 * k as f64 * EPS * (1.0 + fro(&a) * fro(&b)));
    }

    #[test]
    fn transpose_twice_is_identity((a, m, n) in mat(0..=9, 0..=9)) {
        let mut t = vec![0.0; m * n];
        transpose(r(&a, m, n), w(&mut t, n, m)).unwrap();
        prop_assert_eq!(&t, &tr(&a, m, n));
        let mut back = vec![0.0; m * n];
        transpose(r(&t, n, m), w(&mut back, m, n)).unwrap();
        prop_assert_eq!(back, a);
    }

    #[test]
    fn inv_times_a_is_identity((a, n, _, _) in dominant_system()) {
        let mut ai = vec![0.0; n * n];
        inv(r(&a, n, n), w(&mut ai, n, n)).unwrap();
        let tol = 1e3 * n as f64 * EPS * fro(&a) * fro(&ai);
        prop_assert!(max_diff(&mm(&a, n, n, &ai, n), &eye(n)) <= tol);
        prop_assert!(max_diff(&mm(&ai, n, n, &a, n), &eye(n)) <= tol);
    }

    #[test]
    fn solve_residual_is_small((a, n, b, k) in dominant_system()) {
        let mut x = vec![0.0; n * k];
        solve(r(&a, n, n), r(&b, n, k), w(&mut x, n, k)).unwrap();
        let tol = 1e3 * n as f64 * EPS * (fro(&a) * fro(&x) + fro(&b));
        prop_assert!(max_diff(&mm(&a, n, n, &x, k), &b) <= tol);
        let mut x1 = vec![0.0; n];
        let b1: Vec<f64> = (0..n).map(|i| b[i * k]).collect();
        solve_vec(r(&a, n, n), &b1, &mut x1).unwrap();
        let col0: Vec<f64> = (0..n).map(|i| x[i * k]).collect();
        prop_assert!(max_diff(&x1, &col0) <= tol);
    }

    #[test]
    fn det_matches_pivot_product((a, n, n2) in mat(1..=8, 1..=8), scale in -3i32..3) {
        let n = n.min(n2);
        let a: Vec<f64> = a[..n * n].iter().map(|v| v * 10f64.powi(scale)).collect();
        let d = det(r(&a, n, n)).unwrap();
        let want = naive_det(&a, n);
        // Both are LU pivot products; rounding differs only in elimination order.
        let scale_ = (0..n).map(|i| fro(&a[i * n..(i + 1) * n])).product::<f64>();
        prop_assert!((d - want).abs() <= 1e3 * n as f64 * EPS * scale_.max(f64::MIN_POSITIVE), "{d} vs {want}");
        let at = tr(&a, n, n);
        prop_assert!((det(r(&at, n, n)).unwrap() - d).abs() <= 1e3 * n as f64 * EPS * scale_);
    }

    #[test]
    fn det_is_multiplicative((a, n, _, _) in dominant_system(), (b, n2, _, _) in dominant_system()) {
        let n = n.min(n2);
        let (a, b) = (&a[..n * n], &b[..n * n]);
        let (da, db) = (det(r(a, n, n)).unwrap(), det(r(b, n, n)).unwrap());
        let ab = mm(a, n, n, b, n);
        let dab = det(r(&ab, n, n)).unwrap();
        prop_assert!((dab - da * db).abs() <= 1e4 * n as f64 * EPS * (da * db).abs().max(1e-300) * 4f64.powi(n as i32));
    }

    #[test]
    fn cholesky_reconstructs((b, n, k) in mat(1..=9, 1..=9)) {
        // a = B·Bᵀ + I/2 (B n×k) is symmetric positive definite.
        let mut a = mm(&b, n, k, &tr(&b, n, k), n);
        for i in 0..n {
            a[i * n + i] += 0.5;
        }
        // Garbage in the upper triangle must not matter.
        let mut a_lower = a.clone();
        for i in 0..n {
            for j in i + 1..n {
                a_lower[i * n + j] = f64::NAN;
            }
        }
        let mut l = vec![0.0; n * n];
        cholesky(r(&a_lower, n, n), w(&mut l, n, n)).unwrap();
        for i in 0..n {
            prop_assert!(l[i * n + i] > 0.0);
            for j in i + 1..n {
                prop_assert_eq!(l[i * n + j], 0.0);
            }
        }
        prop_assert!(max_diff(&mm(&l, n, n, &tr(&l, n, n), n), &a) <= 1e3 * n as f64 * EPS * fro(&a));
    }

    #[test]
    fn qr_orthonormal_and_reconstructs((a, m, n) in mat(1..=9, 1..=9)) {
        let k = m.min(n);
        let (mut q, mut rr) = (vec![0.0; m * k], vec![0.0; k * n]);
        qr(r(&a, m, n), w(&mut q, m, k), w(&mut rr, k, n)).unwrap();
        let big = m.max(n) as f64;
        prop_assert!(max_diff(&mm(&tr(&q, m, k), k, m, &q, k), &eye(k)) <= 1e3 * big * EPS);
        prop_assert!(max_diff(&mm(&q, m, k, &rr, n), &a) <= 1e3 * big * EPS * fro(&a).max(1.0));
        for i in 0..k {
            for j in 0..i.min(n) {
                prop_assert_eq!(rr[i * n + j], 0.0);
            }
        }
    }

    #[test]
    fn svd_reconstructs_descending((a, m, n) in mat(1..=9, 1..=9), rank_cut in 0usize..3) {
        // Sometimes make a rank-deficient by repeating rows.
        let mut a = a;
        for i in 0..m.min(rank_cut) {
            if i + 1 < m {
                let (src, dst) = (i * n, (i + 1) * n);
                for j in 0..n { a[dst + j] = a[src + j]; }
            }
        }
        let k = m.min(n);
        let (mut u, mut s, mut vt) = (vec![0.0; m * k], vec![0.0; k], vec![0.0; k * n]);
        svd(r(&a, m, n), w(&mut u, m, k), &mut s, w(&mut vt, k, n)).unwrap();
        let big = m.max(n) as f64;
        prop_assert!(s.windows(2).all(|p| p[0] >= p[1]), "{s:?}");
        prop_assert!(s.iter().all(|&v| v >= 0.0));
        prop_assert!(max_diff(&mm(&tr(&u, m, k), k, m, &u, k), &eye(k)) <= 1e3 * big * EPS);
        prop_assert!(max_diff(&mm(&vt, k, n, &tr(&vt, k, n), k), &eye(k)) <= 1e3 * big * EPS);
        let mut us = u.clone();
        for i in 0..m { for j in 0..k { us[i * k + j] *= s[j]; } }
        prop_assert!(max_diff(&mm(&us, m, k, &vt, n), &a) <= 1e3 * big * EPS * fro(&a).max(1.0));
        prop_assert!((fro(&s) - fro(&a)).abs() <= 1e3 * big * EPS * fro(&a).max(1.0));
    }

    #[test]
    fn complete_qr_and_full_svd_are_orthogonal_and_reconstruct((a, m, n) in mat(0..=9, 0..=9)) {
        let k = m.min(n);
        let big = m.max(n).max(1) as f64;
        let tol = 1e3 * big * EPS * fro(&a).max(1.0);
        let (mut q, mut rr) = (vec![f64::NAN; m * m], vec![f64::NAN; m * n]);
        qr_complete(r(&a, m, n), w(&mut q, m, m), w(&mut rr, m, n)).unwrap();
        prop_assert!(max_diff(&mm(&tr(&q, m, m), m, m, &q, m), &eye(m)) <= 1e3 * big * EPS);
        prop_assert!(max_diff(&mm(&q, m, m, &rr, n), &a) <= tol);
        for i in 0..m {
            for j in 0..i.min(n) {
                prop_assert_eq!(rr[i * n + j], 0.0);
            }
        }
        let (mut u, mut sv, mut vt) = (vec![f64::NAN; m * m], vec![f64::NAN; k], vec![f64::NAN; n * n]);
        svd_full(r(&a, m, n), w(&mut u, m, m), &mut sv, w(&mut vt, n, n)).unwrap();
        prop_assert!(max_diff(&mm(&tr(&u, m, m), m, m, &u, m), &eye(m)) <= 1e3 * big * EPS);
        prop_assert!(max_diff(&mm(&vt, n, n, &tr(&vt, n, n), n), &eye(n)) <= 1e3 * big * EPS);
        // u[:, :k] diag(s) vt[:k] == a
        let mut us = vec![0.0; m * k];
        for i in 0..m { for j in 0..k { us[i * k + j] = u[i * m + j] * sv[j]; } }
        prop_assert!(max_diff(&mm(&us, m, k, &vt[..k * n], n), &a) <= tol);
        prop_assert!(sv.windows(2).all(|p| p[0] >= p[1]), "{sv:?}");
    }

    #[test]
    fn eigh_reconstructs_ascending((g, n, _) in mat(1..=9, 1..=1).prop_flat_map(|(_, n, _)| (prop::collection::vec(-1.0f64..1.0, n * n), Just(n), Just(0)))) {
        let mut sym = g.clone();
        let mut lower_only = g.clone();
        for i in 0..n {
            for j in i + 1..n {
                sym[i * n + j] = g[j * n + i];
                lower_only[i * n + j] = 1e6; // upper triangle is not read
            }
        }
        let (mut ev, mut v) = (vec![0.0; n], vec![0.0; n * n]);
        eigh(r(&lower_only, n, n), &mut ev, w(&mut v, n, n)).unwrap();
        let big = n as f64;
        prop_assert!(ev.windows(2).all(|p| p[0] <= p[1]), "{ev:?}");
        prop_assert!(max_diff(&mm(&tr(&v, n, n), n, n, &v, n), &eye(n)) <= 1e3 * big * EPS);
        let mut vl = v.clone();
        for i in 0..n { for j in 0..n { vl[i * n + j] *= ev[j]; } }
        prop_assert!(max_diff(&mm(&vl, n, n, &tr(&v, n, n), n), &sym) <= 1e3 * big * EPS * fro(&sym).max(1.0));
    }

    #[test]
    fn lstsq_is_pinv_b_on_rank_deficient(
        (m, n, rk) in (2usize..=8, 2usize..=8).prop_flat_map(|(m, n)| (Just(m), Just(n), 1..m.min(n))),
        seed_b in prop::collection::vec(-1.0f64..1.0, 64),
        seed_c in prop::collection::vec(-1.0f64..1.0, 64),
        rhs in prop::collection::vec(-5.0f64..5.0, 16),
        scale in -2i32..3,
    ) {
        // a = B·C with B (m×rk) and C (rk×n) of full rank rk < min(m, n), singular values in [0.5, 1.5].
        let bf = near_identity(m, rk, &seed_b[..m * rk]);
        let cf = near_identity(rk, n, &seed_c[..rk * n]);
        let sc = 10f64.powi(scale);
        let a: Vec<f64> = mm(&bf, m, rk, &cf, n).iter().map(|v| v * sc).collect();
        let nrhs = 2;
        let b = &rhs[..m * nrhs];
        // Independent pseudo-inverse: pinv(B·C) = Cᵀ (C Cᵀ)⁻¹ (BᵀB)⁻¹ Bᵀ / sc.
        let bt = tr(&bf, m, rk);
        let ct = tr(&cf, rk, n);
        let (mut btb_inv, mut cct_inv) = (vec![0.0; rk * rk], vec![0.0; rk * rk]);
        inv(r(&mm(&bt, rk, m, &bf, rk), rk, rk), w(&mut btb_inv, rk, rk)).unwrap();
        inv(r(&mm(&cf, rk, n, &ct, rk), rk, rk), w(&mut cct_inv, rk, rk)).unwrap();
        let pinv = mm(&mm(&ct, n, rk, &cct_inv, rk), n, rk, &mm(&btb_inv, rk, rk, &bt, m), m);
        let want: Vec<f64> = mm(&pinv, n, m, b, nrhs).iter().map(|v| v / sc).collect();

        let mut x = vec![0.0; n * nrhs];
        let info = lstsq(r(&a, m, n), r(b, m, nrhs), Some(1e-10), w(&mut x, n, nrhs)).unwrap();
        prop_assert_eq!(info.rank, rk);
        prop_assert_eq!(info.singular_values.len(), m.min(n));
        prop_assert!(info.residuals.is_empty());
        let tol = 1e4 * m.max(n) as f64 * EPS * (fro(&want) + fro(b) / sc);
        prop_assert!(max_diff(&x, &want) <= tol, "{x:?} vs {want:?}");
    }

    #[test]
    fn lstsq_full_rank_matches_normal_equations(
        (m, n) in (1usize..=8, 1usize..=8),
        vals in prop::collection::vec(-1.0f64..1.0, 64),
        rhs in prop::collection::vec(-5.0f64..5.0, 8),
    ) {
        let a = near_identity(m, n, &vals[..m * n]);
        let b = &rhs[..m];
        let mut x = vec![0.0; n];
        let info = lstsq_vec(r(&a, m, n), b, None, &mut x).unwrap();
        prop_assert_eq!(info.rank, m.min(n));
        let at = tr(&a, m, n);
        let want = if m >= n {
            // x = (AᵀA)⁻¹ Aᵀ b
            let mut g = vec![0.0; n * n];
            inv(r(&mm(&at, n, m, &a, n), n, n), w(&mut g, n, n)).unwrap();
            mm(&g, n, n, &mm(&at, n, m, b, 1), 1)
        } else {
            // minimum norm: x = Aᵀ (A Aᵀ)⁻¹ b
            let mut g = vec![0.0; m * m];
            inv(r(&mm(&a, m, n, &at, m), m, m), w(&mut g, m, m)).unwrap();
            mm(&at, n, m, &mm(&g, m, m, b, 1), 1)
        };
        prop_assert!(max_diff(&x, &want) <= 1e4 * m.max(n) as f64 * EPS * (1.0 + fro(&want)));
        let res: f64 = mm(&a, m, n, &x, 1).iter().zip(b).map(|(p, q)| (p - q) * (p - q)).sum();
        if m > n {
            prop_assert_eq!(info.residuals.len(), 1);
            prop_assert!((info.residuals[0] - res).abs() <= 1e4 * m as f64 * EPS * (1.0 + fro(b).powi(2)));
        } else {
            prop_assert!(info.residuals.is_empty());
        }
    }
}

#[test]
fn lstsq_default_rcond_drops_exact_rank_deficiency() {
    // Two equal columns: rank 1; the minimum-norm solution splits the weight evenly.
    let a = [1.0, 1.0, 2.0, 2.0, 3.0, 3.0];
    let b = [1.0, 2.0, 3.0];
    let mut x = [0.0; 2];
    let info = lstsq_vec(r(&a, 3, 2), &b, None, &mut x).unwrap();
    assert_eq!(info.rank, 1);
    assert!(
        info.residuals.is_empty(),
        "rank < n: numpy gives no residuals"
    );
    assert!(
        (x[0] - 0.5).abs() < 1e-14 && (x[1] - 0.5).abs() < 1e-14,
        "{x:?}"
    );
    // Zero matrix: rank 0, x = 0.
    let info = lstsq_vec(r(&[0.0; 6], 3, 2), &b, None, &mut x).unwrap();
    assert_eq!((info.rank, x), (0, [0.0, 0.0]));
    // An explicit large rcond cuts a small singular value.
    let d = [1.0, 0.0, 0.0, 1e-3];
    let info = lstsq_vec(r(&d, 2, 2), &[1.0, 1.0], Some(1e-2), &mut x).unwrap();
    assert_eq!(info.rank, 1);
    assert_eq!(x, [1.0, 0.0]);
    let info = lstsq_vec(r(&d, 2, 2), &[1.0, 1.0], Some(-1.0), &mut x).unwrap();
    assert_eq!(info.rank, 2);
    assert!((x[1] - 1e3).abs() < 1e-9);
}

#[test]
fn lstsq_line_fit_like_numpy_doc() {
    // numpy's docstring: fit y = m x + c through (0,-1), (1,0.2), (2,0.9), (3,2.1) -> m = 1, c = -0.95.
    let a = [0.0, 1.0, 1.0, 1.0, 2.0, 1.0, 3.0, 1.0];
    let y = [-1.0, 0.2, 0.9, 2.1];
    let mut x = [0.0; 2];
    let info = lstsq_vec(r(&a, 4, 2), &y, None, &mut x).unwrap();
    assert!(
        (x[0] - 1.0).abs() < 1e-14 && (x[1] + 0.95).abs() < 1e-14,
        "{x:?}"
    );
    assert_eq!(info.rank, 2);
    assert!(
        (info.residuals[0] - 0.05).abs() < 1e-14,
        "{:?}",
        info.residuals
    );
}

#[test]
fn lstsq_shapes_and_empty() {
    let e = lstsq_vec(r(&[0.0; 6], 3, 2), &[1.0; 4], None, &mut [0.0; 2]).unwrap_err();
    assert_eq!(e.to_string(), "a is 3x2 but b has 4 rows");
    assert!(matches!(
        lstsq_vec(r(&[0.0; 6], 3, 2), &[1.0; 3], None, &mut [0.0; 3]),
        Err(Error::OutputLength {
            expected: 2,
            got: 3
        })
    ));
    let mut x = [f64::NAN; 2];
    let info = lstsq_vec(r(&[], 0, 2), &[], None, &mut x).unwrap();
    assert_eq!((info.rank, x, info.residuals.len()), (0, [0.0, 0.0], 0));
    let info = lstsq_vec(r(&[], 3, 0), &[1.0, 2.0, 2.0], None, &mut []).unwrap();
    assert_eq!((info.rank, info.residuals), (0, vec![9.0]));
    // No right-hand sides: singular values are still reported.
    let info = lstsq(
        r(&[3.0, 0.0, 0.0, 4.0], 2, 2),
        r(&[], 2, 0),
        None,
        w(&mut [], 2, 0),
    )
    .unwrap();
    assert_eq!(info.singular_values, vec![4.0, 3.0]);
}

#[test]
fn decompositions_known_values_and_empty() {
    // svd of diag(3, -4): s = [4, 3].
    let a = [3.0, 0.0, 0.0, -4.0];
    let (mut u, mut s, mut vt) = ([0.0; 4], [0.0; 2], [0.0; 4]);
    svd(r(&a, 2, 2), w(&mut u, 2, 2), &mut s, w(&mut vt, 2, 2)).unwrap();
    assert!((s[0] - 4.0).abs() < 1e-14 && (s[1] - 3.0).abs() < 1e-14);
    // eigh of [[2, 1], [1, 2]]: 1, 3.
    let mut ev = [0.0; 2];
    eigh(r(&[2.0, 1.0, 1.0, 2.0], 2, 2), &mut ev, w(&mut u, 2, 2)).unwrap();
    assert!((ev[0] - 1.0).abs() < 1e-14 && (ev[1] - 3.0).abs() < 1e-14);
    // Empty shapes.
    svd(r(&[], 0, 3), w(&mut [], 0, 0), &mut [], w(&mut [], 0, 3)).unwrap();
    svd(r(&[], 3, 0), w(&mut [], 3, 0), &mut [], w(&mut [], 0, 0)).unwrap();
    qr(r(&[], 2, 0), w(&mut [], 2, 0), w(&mut [], 0, 0)).unwrap();
    eigh(r(&[], 0, 0), &mut [], w(&mut [], 0, 0)).unwrap();
    // Wide and tall QR shapes.
    let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    let (mut q, mut rr) = ([0.0; 4], [0.0; 6]);
    qr(r(&a, 2, 3), w(&mut q, 2, 2), w(&mut rr, 2, 3)).unwrap();
    assert!(max_diff(&mm(&q, 2, 2, &rr, 3), &a) < 1e-14);
}

#[test]
fn decomposition_shape_errors() {
    let a = [0.0; 6];
    let e = qr(r(&a, 3, 2), w(&mut [0.0; 6], 2, 3), w(&mut [0.0; 4], 2, 2)).unwrap_err();
    assert_eq!(e.to_string(), "output is 2x3, expected 3x2");
    let e = svd(
        r(&a, 3, 2),
        w(&mut [0.0; 6], 3, 2),
        &mut [0.0; 3],
        w(&mut [0.0; 4], 2, 2),
    )
    .unwrap_err();
    assert_eq!(
        e,
        Error::OutputLength {
            expected: 2,
            got: 3
        }
    );
    let e = eigh(r(&a, 3, 2), &mut [0.0; 3], w(&mut [0.0; 9], 3, 3)).unwrap_err();
    assert_eq!(e.to_string(), "a must be square, got 3x2");
    assert!(matches!(
        eigh(r(&[1.0; 4], 2, 2), &mut [0.0; 2], w(&mut [0.0; 6], 2, 3)),
        Err(Error::OutputShape { .. })
    ));
}

#[test]
fn nan_input_to_svd_errors_or_propagates() {
    let a = [f64::NAN, 1.0, 2.0, 3.0];
    let (mut u, mut s, mut vt) = ([0.0; 4], [0.0; 2], [0.0; 4]);
    match svd(r(&a, 2, 2), w(&mut u, 2, 2), &mut s, w(&mut vt, 2, 2)) {
        Err(e) => {
            assert_eq!(e.kind(), crate::ErrorKind::LinAlg);
            assert_eq!(e.to_string(), "SVD did not converge");
        }
        Ok(()) => assert!(s.iter().any(|v| v.is_nan())),
    }
}

#[test]
fn non_finite_inputs_never_panic() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let a = [1.0, bad, 2.0, 3.0];
        let (mut o, mut o2, mut s) = ([0.0; 4], [0.0; 4], [0.0; 2]);
        let _ = matmul(r(&a, 2, 2), r(&a, 2, 2), w(&mut o, 2, 2));
        let _ = solve(r(&a, 2, 2), r(&a, 2, 2), w(&mut o, 2, 2));
        let _ = inv(r(&a, 2, 2), w(&mut o, 2, 2));
        let _ = det(r(&a, 2, 2));
        let _ = cholesky(r(&[bad, 0.0, bad, 1.0], 2, 2), w(&mut o, 2, 2));
        let _ = qr(r(&a, 2, 2), w(&mut o, 2, 2), w(&mut o2, 2, 2));
        let _ = svd(r(&a, 2, 2), w(&mut o, 2, 2), &mut s, w(&mut o2, 2, 2));
        let _ = eigh(r(&[1.0, 0.0, bad, 1.0], 2, 2), &mut s, w(&mut o, 2, 2));
        let _ = lstsq_vec(r(&a, 2, 2), &[1.0, 2.0], None, &mut s);
    }
}

/// Sizes past faer's blocking thresholds (blocked LU/QR, divide-and-conquer SVD/eigh).
#[test]
fn large_matrices_reconstruct() {
    let (m, n) = (150, 110);
    let mut seed = 12345u64;
    let mut rnd = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
    };
    let a: Vec<f64> = (0..m * n).map(|_| rnd()).collect();
    let tol = |scale: f64| 1e3 * m as f64 * EPS * scale;
    // svd
    let k = n;
    let (mut u, mut s, mut vt) = (vec![0.0; m * k], vec![0.0; k], vec![0.0; k * n]);
    svd(r(&a, m, n), w(&mut u, m, k), &mut s, w(&mut vt, k, n)).unwrap();
    assert!(s.windows(2).all(|p| p[0] >= p[1]));
    let mut us = u.clone();
    for i in 0..m {
        for j in 0..k {
            us[i * k + j] *= s[j];
        }
    }
    assert!(max_diff(&mm(&us, m, k, &vt, n), &a) <= tol(fro(&a)));
    assert!(max_diff(&mm(&tr(&u, m, k), k, m, &u, k), &eye(k)) <= tol(1.0));
    // qr
    let (mut q, mut rr) = (vec![0.0; m * k], vec![0.0; k * n]);
    qr(r(&a, m, n), w(&mut q, m, k), w(&mut rr, k, n)).unwrap();
    assert!(max_diff(&mm(&q, m, k, &rr, n), &a) <= tol(fro(&a)));
    // eigh / cholesky / inv on the Gram matrix aᵀa + I (110×110, SPD)
    let mut g = mm(&tr(&a, m, n), n, m, &a, n);
    for i in 0..n {
        g[i * n + i] += 1.0;
    }
    let (mut ev, mut v) = (vec![0.0; n], vec![0.0; n * n]);
    eigh(r(&g, n, n), &mut ev, w(&mut v, n, n)).unwrap();
    assert!(ev.windows(2).all(|p| p[0] <= p[1]) && ev[0] >= 1.0 - tol(fro(&g)));
    let mut vl = v.clone();
    for i in 0..n {
        for j in 0..n {
            vl[i * n + j] *= ev[j];
        }
    }
    assert!(max_diff(&mm(&vl, n, n, &tr(&v, n, n), n), &g) <= tol(fro(&g)));
    let mut l = vec![0.0; n * n];
    cholesky(r(&g, n, n), w(&mut l, n, n)).unwrap();
    assert!(max_diff(&mm(&l, n, n, &tr(&l, n, n), n), &g) <= tol(fro(&g)));
    let mut gi = vec![0.0; n * n];
    inv(r(&g, n, n), w(&mut gi, n, n)).unwrap();
    assert!(max_diff(&mm(&g, n, n, &gi, n), &eye(n)) <= tol(fro(&g) * fro(&gi)));
    // lstsq (full column rank, over-determined) satisfies the normal equations aᵀ(a x − b) = 0.
    let b: Vec<f64> = (0..m).map(|i| (i % 7) as f64).collect();
    let mut x = vec![0.0; n];
    let info = lstsq_vec(r(&a, m, n), &b, None, &mut x).unwrap();
    assert_eq!(info.rank, n);
    let res: Vec<f64> = mm(&a, m, n, &x, 1)
        .iter()
        .zip(&b)
        .map(|(p, q)| p - q)
        .collect();
    let normal = mm(&tr(&a, m, n), n, m, &res, 1);
    assert!(fro(&normal) <= tol(fro(&a) * (fro(&a) * fro(&x) + fro(&b))));
}

/// Entries from `vals` times 2^k, for k far outside faer's safe range (see `scaling.rs`).
fn times_pow2(vals: &[f64], k: i32) -> Vec<f64> {
    vals.iter()
        .map(|v| v * 2f64.powi(k / 2) * 2f64.powi(k - k / 2))
        .collect()
}

fn far_exponent() -> impl Strategy<Value = i32> {
    prop_oneof![-1000i32..=-257, 257i32..=1000]
}

proptest! {
    // Tiny (down to subnormal) and huge matrices: the factors of a · 2^k are those of a, their
    // values scaled by 2^k. faer alone fails or returns zeros here.
    #[test]
    fn decompositions_are_scale_invariant(
        (g, n, _) in mat(1..=7, 1..=1).prop_flat_map(|(_, n, _)| (prop::collection::vec(-1.0f64..1.0, n * n), Just(n), Just(0))),
        k in far_exponent(),
    ) {
        let s = 2f64.powi(k / 2) * 2f64.powi(k - k / 2);
        let big = times_pow2(&g, k);
        let tol = 1e-10 * g.iter().fold(1e-300f64, |m, x| m.max(x.abs()));

        let (mut w0, mut v0) = (vec![0.0; n], vec![0.0; n * n]);
        eigh(r(&g, n, n), &mut w0, w(&mut v0, n, n)).unwrap();
        let (mut w1, mut v1) = (vec![0.0; n], vec![0.0; n * n]);
        eigh(r(&big, n, n), &mut w1, w(&mut v1, n, n)).unwrap();
        for (a, b) in w0.iter().zip(&w1) {
            prop_assert!((a - b / s).abs() <= tol, "eigh {w0:?} vs {w1:?} / 2^{k}");
        }

        let (mut u0, mut s0, mut t0) = (vec![0.0; n * n], vec![0.0; n], vec![0.0; n * n]);
        svd(r(&g, n, n), w(&mut u0, n, n), &mut s0, w(&mut t0, n, n)).unwrap();
        let (mut u1, mut s1, mut t1) = (vec![0.0; n * n], vec![0.0; n], vec![0.0; n * n]);
        svd(r(&big, n, n), w(&mut u1, n, n), &mut s1, w(&mut t1, n, n)).unwrap();
        for (a, b) in s0.iter().zip(&s1) {
            prop_assert!((a - b / s).abs() <= tol, "svd {s0:?} vs {s1:?} / 2^{k}");
        }

        let (mut q, mut rr) = (vec![0.0; n * n], vec![0.0; n * n]);
        qr(r(&big, n, n), w(&mut q, n, n), w(&mut rr, n, n)).unwrap();
        let back: Vec<f64> = rr.iter().map(|x| x / s).collect();
        let qr_g = mm(&q, n, n, &back, n);
        for (a, b) in qr_g.iter().zip(&g) {
            prop_assert!((a - b).abs() <= tol, "qr of a·2^{k} does not reconstruct it");
        }
    }

    // LU with each row at its own extreme scale: solve(D a, D b) = solve(a, b) and
    // det(D a) = det(a) det(D), where faer alone divides by an overflowing reciprocal.
    #[test]
    fn lu_survives_rows_at_extreme_scales(
        (a, n, b, _) in dominant_system(),
        ks in prop::collection::vec(prop_oneof![Just(0i32), far_exponent()], 9),
    ) {
        let rows: Vec<f64> = a
            .chunks_exact(n)
            .zip(&ks)
            .flat_map(|(row, &k)| times_pow2(row, k))
            .collect();
        let rhs: Vec<f64> = b
            .chunks_exact(b.len() / n)
            .zip(&ks)
            .flat_map(|(row, &k)| times_pow2(row, k))
            .collect();
        let (mut x0, mut x1) = (vec![0.0; n], vec![0.0; n]);
        let b1: Vec<f64> = b.iter().step_by(b.len() / n).copied().collect();
        let r1: Vec<f64> = rhs.iter().step_by(b.len() / n).copied().collect();
        solve_vec(r(&a, n, n), &b1, &mut x0).unwrap();
        solve_vec(r(&rows, n, n), &r1, &mut x1).unwrap();
        for (p, q) in x0.iter().zip(&x1) {
            prop_assert!((p - q).abs() <= 1e-9 * (1.0 + p.abs()), "solve {x0:?} vs {x1:?}");
        }
        let (mut i0, mut i1) = (vec![0.0; n * n], vec![0.0; n * n]);
        inv(r(&a, n, n), w(&mut i0, n, n)).unwrap();
        inv(r(&rows, n, n), w(&mut i1, n, n)).unwrap();
        for (j, (p, q)) in i0.iter().zip(&i1).enumerate() {
            // inv(D a) = inv(a) D⁻¹: column j carries 2^-k[j].
            let back = times_pow2(&[*q], ks[j % n])[0];
            prop_assert!((p - back).abs() <= 1e-9 * (1.0 + p.abs()), "inv column {}", j % n);
        }
        let total: i32 = ks[..n].iter().sum();
        if total.abs() < 900 {
            let d0 = det(r(&a, n, n)).unwrap();
            let d1 = det(r(&rows, n, n)).unwrap();
            let back = times_pow2(&[d1], -total)[0];
            prop_assert!((d0 - back).abs() <= 1e-9 * d0.abs(), "det {d0} vs {d1} / 2^{total}");
        }
    }
}

/// The falsifying example hypothesis found for `fastmath.eigh` (faer reported no convergence).
#[test]
fn eigh_of_a_subnormal_matrix() {
    let t = 2.2250738585e-313;
    let a = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, t];
    let (mut ev, mut v) = ([0.0; 3], [0.0; 9]);
    eigh(r(&a, 3, 3), &mut ev, w(&mut v, 3, 3)).unwrap();
    assert_eq!(ev, [0.0, 0.0, t]);
    assert_eq!(v[8].abs(), 1.0);
}

/// One subnormal pivot among ordinary rows: numpy's answers, not NaN.
#[test]
fn lu_with_a_subnormal_pivot() {
    // 2^-1070 (not `2f64.powi(-1070)`: unoptimised, that is 1 / 2^1070 = 1 / inf = 0).
    let t = f64::from_bits(1 << 4);
    let a = [t, 0.0, 0.0, 1.0];
    assert_eq!(det(r(&a, 2, 2)).unwrap(), t);
    let mut x = [0.0; 2];
    solve_vec(r(&a, 2, 2), &[t, 3.0], &mut x).unwrap();
    assert_eq!(x, [1.0, 3.0]);
    let a = [t, 0.0, 0.0, 2f64.powi(1000)];
    assert_eq!(det(r(&a, 2, 2)).unwrap(), 2f64.powi(-70));
    // No partial product over- or underflows where the determinant does not.
    let a = [1e200, 0.0, 0.0, 0.0, 1e200, 0.0, 0.0, 0.0, 1e-300];
    let d = det(r(&a, 3, 3)).unwrap();
    assert!((d - 1e100).abs() <= 4.0 * EPS * 1e100, "{d}");
}

/// `qr_raw` rebuilt: `a = H_0 … H_(k-1) R` with `H_j = I − tau_j v_j v_jᵀ`, from `h` (n×m,
/// LAPACK's column-major m×n); and LAPACK's conventions on known values.
fn rebuild_raw(h: &[f64], tau: &[f64], m: usize, n: usize) -> Vec<f64> {
    let at = |i: usize, j: usize| h[j * m + i];
    let mut out: Vec<f64> = (0..m * n)
        .map(|t| {
            let (i, j) = (t / n, t % n);
            if i <= j { at(i, j) } else { 0.0 }
        })
        .collect();
    for j in (0..tau.len()).rev() {
        let v: Vec<f64> = (0..m)
            .map(|i| match i.cmp(&j) {
                std::cmp::Ordering::Less => 0.0,
                std::cmp::Ordering::Equal => 1.0,
                std::cmp::Ordering::Greater => at(i, j),
            })
            .collect();
        for c in 0..n {
            let dot: f64 = (0..m).map(|i| v[i] * out[i * n + c]).sum();
            for i in 0..m {
                out[i * n + c] -= tau[j] * v[i] * dot;
            }
        }
    }
    out
}

#[test]
fn qr_raw_is_lapacks_reflector_form() {
    // [[3], [4]]: beta = -sign(3) * 5 = -5, v = [1, 4 / (3 + 5)], tau = (beta - alpha) / beta.
    let (mut h, mut tau) = ([0.0; 2], [0.0; 1]);
    qr_raw(r(&[3.0, 4.0], 2, 1), w(&mut h, 1, 2), &mut tau).unwrap();
    assert!(max_diff(&h, &[-5.0, 0.5]) < 1e-15 && (tau[0] - 1.6).abs() < 1e-15);
    // Nothing below the diagonal: an identity reflector (tau 0), R's entry unchanged.
    let (mut h, mut tau) = ([0.0; 4], [0.0; 2]);
    qr_raw(r(&[-2.0, 1.0, 0.0, -3.0], 2, 2), w(&mut h, 2, 2), &mut tau).unwrap();
    assert_eq!((h, tau), ([-2.0, 0.0, 1.0, -3.0], [0.0, 0.0]));
    for (m, n) in [(4, 3), (3, 5), (5, 5), (1, 4), (4, 1)] {
        let a: Vec<f64> = (0..m * n)
            .map(|t| ((t * 7 + 3) % 11) as f64 - 5.0)
            .collect();
        let (mut h, mut tau) = (vec![0.0; m * n], vec![0.0; m.min(n)]);
        qr_raw(r(&a, m, n), w(&mut h, n, m), &mut tau).unwrap();
        assert!(max_diff(&rebuild_raw(&h, &tau, m, n), &a) < 1e-12 * fro(&a).max(1.0));
        assert!(tau.iter().all(|t| (0.0..=2.0).contains(t)));
    }
    let mut h = [0.0; 6];
    assert!(qr_raw(r(&[0.0; 6], 2, 3), w(&mut h, 2, 3), &mut [0.0; 2]).is_err());
    assert!(qr_raw(r(&[0.0; 6], 2, 3), w(&mut h, 3, 2), &mut [0.0; 3]).is_err());
}
