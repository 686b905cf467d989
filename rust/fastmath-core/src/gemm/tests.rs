use super::*;
use proptest::prelude::*;

fn naive(m: usize, k: usize, n: usize, a: &[f64], b: &[f64]) -> Vec<f64> {
    let mut c = vec![0.0; m * n];
    for i in 0..m {
        for j in 0..n {
            c[i * n + j] = (0..k).map(|p| a[i * k + p] * b[p * n + j]).sum();
        }
    }
    c
}

fn run(m: usize, k: usize, n: usize, a: &[f64], b: &[f64]) -> Vec<f64> {
    let mut c = vec![f64::NAN; m * n];
    gemm(
        MatRef::new(a, m, k).unwrap(),
        MatRef::new(b, k, n).unwrap(),
        MatMut::new(&mut c, m, n).unwrap(),
    )
    .unwrap();
    c
}

fn ints(len: usize, seed: usize) -> Vec<f64> {
    (0..len)
        .map(|v| ((v * 7919 + seed * 104_729) % 17) as f64 - 8.0)
        .collect()
}

#[test]
fn shape_errors() {
    let a = [0.0; 6];
    let mut o = [0.0; 4];
    let e = gemm(
        MatRef::new(&a, 2, 3).unwrap(),
        MatRef::new(&a, 2, 3).unwrap(),
        MatMut::new(&mut o, 2, 2).unwrap(),
    )
    .unwrap_err();
    assert!(matches!(e, Error::InnerDimMismatch { .. }));
    let e = gemm(
        MatRef::new(&a, 2, 3).unwrap(),
        MatRef::new(&a, 3, 2).unwrap(),
        MatMut::new(&mut o, 4, 1).unwrap(),
    )
    .unwrap_err();
    assert!(matches!(e, Error::OutputShape { .. }));
}

#[test]
fn empty_inner_dimension_gives_zeros() {
    let mut o = [f64::NAN; 6];
    gemm(
        MatRef::new(&[], 2, 0).unwrap(),
        MatRef::new(&[], 0, 3).unwrap(),
        MatMut::new(&mut o, 2, 3).unwrap(),
    )
    .unwrap();
    assert_eq!(o, [0.0; 6]);
}

#[test]
fn crosses_every_block_boundary_exactly() {
    // Larger than MC, KC and several NR/MR tiles, with ragged edges everywhere; small integers
    // keep every partial sum exact, so any blocking order must give the naive result bit for bit.
    for &(m, k, n) in &[
        (MC + 5, KC + 3, 3 * NR + 1),
        (2 * MR + 1, 2 * KC + 1, NR + 3),
        (1, 300, 7),
        (7, 300, 1),
    ] {
        let (a, b) = (ints(m * k, 1), ints(k * n, 2));
        assert_eq!(run(m, k, n, &a, &b), naive(m, k, n, &a, &b), "{m}x{k}x{n}");
    }
}

#[test]
fn wide_panel_exactly() {
    let (m, k, n) = (3, 5, NC + NR + 1);
    let (a, b) = (ints(m * k, 3), ints(k * n, 4));
    assert_eq!(run(m, k, n, &a, &b), naive(m, k, n, &a, &b));
}

#[test]
fn simd_kernel_matches_portable() {
    let kc = 37;
    let a = ints(kc * MR, 5);
    let b = ints(kc * NR, 6);
    assert_eq!(kernel::micro(kc, &a, &b), kernel::portable(kc, &a, &b));
}

#[test]
fn non_finite_propagate() {
    let a = [1.0, f64::NAN, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    let b = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, f64::INFINITY];
    let c = run(3, 3, 3, &a, &b);
    let d = naive(3, 3, 3, &a, &b);
    for (x, y) in c.iter().zip(&d) {
        assert!(x == y || (x.is_nan() && y.is_nan()), "{c:?} vs {d:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn exact_on_small_integers(m in 1usize..40, k in 1usize..40, n in 1usize..40, seed in 0usize..1000) {
        let (a, b) = (ints(m * k, seed), ints(k * n, seed + 1));
        prop_assert_eq!(run(m, k, n, &a, &b), naive(m, k, n, &a, &b));
    }

    #[test]
    fn close_on_reals(m in 1usize..70, k in 1usize..300, n in 1usize..70,
                      v in prop::collection::vec(-1.0f64..1.0, 64)) {
        let a: Vec<f64> = (0..m * k).map(|i| v[i % 64] * (1.0 + i as f64).sqrt()).collect();
        let b: Vec<f64> = (0..k * n).map(|i| v[(i * 7) % 64] - 0.25).collect();
        let got = run(m, k, n, &a, &b);
        let want = naive(m, k, n, &a, &b);
        for i in 0..m {
            for j in 0..n {
                let scale: f64 = (0..k).map(|p| (a[i * k + p] * b[p * n + j]).abs()).sum();
                let err = (got[i * n + j] - want[i * n + j]).abs();
                prop_assert!(err <= 2.0 * k as f64 * f64::EPSILON * scale, "{} > bound", err);
            }
        }
    }
}

fn run32(m: usize, k: usize, n: usize, a: &[f32], b: &[f32]) -> Vec<f32> {
    let mut c = vec![f32::NAN; m * n];
    gemm_f32(a, b, (m, k, n), &mut c).unwrap();
    c
}

fn narrow(x: &[f64]) -> Vec<f32> {
    x.iter().map(|&v| v as f32).collect()
}

#[test]
fn f32_crosses_every_block_boundary_exactly() {
    // Small integers: every partial sum is exact in f32 too (below 2^24).
    for &(m, k, n) in &[
        (MC + 5, KC + 3, 3 * NR32 + 1),
        (2 * MR32 + 1, 2 * KC + 1, NR32 + 3),
        (1, 300, 7),
        (7, 300, 1),
        (3, 5, NC + NR32 + 1),
    ] {
        let (a, b) = (ints(m * k, 1), ints(k * n, 2));
        let want = narrow(&naive(m, k, n, &a, &b));
        assert_eq!(
            run32(m, k, n, &narrow(&a), &narrow(&b)),
            want,
            "{m}x{k}x{n}"
        );
    }
}

#[test]
fn f32_shapes_are_checked_and_empty_depth_gives_zeros() {
    let mut c = [f32::NAN; 6];
    gemm_f32(&[], &[], (2, 0, 3), &mut c).unwrap();
    assert_eq!(c, [0.0; 6]);
    assert!(gemm_f32(&[0.0; 5], &[0.0; 6], (2, 3, 2), &mut [0.0; 4]).is_err());
    assert!(gemm_f32(&[0.0; 6], &[0.0; 6], (2, 3, 2), &mut [0.0; 3]).is_err());
    gemm_f32(&[], &[], (0, 3, 0), &mut []).unwrap();
}

#[test]
fn f32_simd_kernel_matches_portable() {
    let kc = 37;
    let a = narrow(&ints(kc * MR32, 5));
    let b = narrow(&ints(kc * NR32, 6));
    assert_eq!(kernel::micro_f32(kc, &a, &b), kernel::portable(kc, &a, &b));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// float32 accumulation: within BLAS `sgemm`'s bound of the exact product (computed in f64
    /// from the same f32 values, whose products are exact there).
    #[test]
    fn f32_within_the_sgemm_bound(m in 1usize..40, k in 1usize..300, n in 1usize..40,
                                  v in prop::collection::vec(-1.0f64..1.0, 64)) {
        let a: Vec<f32> = (0..m * k).map(|i| (v[i % 64] * (1.0 + i as f64).sqrt()) as f32).collect();
        let b: Vec<f32> = (0..k * n).map(|i| (v[(i * 7) % 64] - 0.25) as f32).collect();
        let got = run32(m, k, n, &a, &b);
        for i in 0..m {
            for j in 0..n {
                let exact: f64 = (0..k).map(|p| f64::from(a[i * k + p]) * f64::from(b[p * n + j])).sum();
                let scale: f64 = (0..k).map(|p| (f64::from(a[i * k + p]) * f64::from(b[p * n + j])).abs()).sum();
                let err = (f64::from(got[i * n + j]) - exact).abs();
                prop_assert!(err <= (k as f64 + 1.0) * f64::from(f32::EPSILON) / 2.0 * scale + 1e-300, "{} > bound", err);
            }
        }
    }
}

/// Row bands on several threads give the bits of one thread (f64 and f32, edges included).
#[cfg(feature = "threads")]
#[test]
fn threads_do_not_change_a_bit() {
    use crate::parallel::testing::{in_pool, same_bits};
    let noise = |len: usize, seed: u64| -> Vec<f64> {
        let mut s = seed;
        (0..len)
            .map(|_| {
                s = s
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (s >> 11) as f64 / (1u64 << 53) as f64 - 0.5
            })
            .collect()
    };
    for (m, k, n) in [(300, 257, 130), (1000, 300, 67), (129, 513, 200)] {
        let (a, b) = (noise(m * k, 1), noise(k * n, 2));
        let one = in_pool(1, || run(m, k, n, &a, &b));
        for threads in [2, 3, 4] {
            let many = in_pool(threads, || run(m, k, n, &a, &b));
            assert!(same_bits(&one, &many), "{m}x{k}x{n} with {threads} threads");
        }
        let run32 = || {
            let (a, b): (Vec<f32>, Vec<f32>) = (
                a.iter().map(|&v| v as f32).collect(),
                b.iter().map(|&v| v as f32).collect(),
            );
            let mut c = vec![f32::NAN; m * n];
            gemm_f32(&a, &b, (m, k, n), &mut c).unwrap();
            c.iter().map(|&v| f64::from(v)).collect::<Vec<f64>>()
        };
        assert!(same_bits(&in_pool(1, run32), &in_pool(4, run32)));
    }
}
