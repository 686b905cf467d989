//! Accuracy and consistency of the `float32` kernels computed in `f32` (`exp32.rs`, `log32.rs`,
//! `trig32.rs`), against the `f64` kernels (each within 1 `f64` ulp, i.e. about 2^-29 `f32` ulp,
//! of the true value).
//!
//! `sampled_*` run in the normal test run (2^22 arguments spread over every binade, plus the
//! special values); `exhaustive` checks all 2^32 `f32` bit patterns and is `#[ignore]`d (about
//! a minute per function in a release build):
//! `cargo test -p fastmath-core --release -- --ignored --nocapture exhaustive`.

use super::lanes32::F32x4;
use super::{exp32, log32, trig32};

/// One kernel under test: its name, the `f64` reference, the scalar `f32` form, the slice
/// form, the fast vector form and its domain, and the stated bound in ulps.
struct Kernel {
    name: &'static str,
    wide: fn(f64) -> f64,
    scalar: fn(f32) -> f32,
    into: fn(&[f32], &mut [f32]) -> crate::Result<()>,
    in_place: fn(&mut [f32]),
    fast: fn(F32x4) -> F32x4,
    ok: fn(f32) -> u32,
    bound: f64,
}

fn kernels() -> [Kernel; 4] {
    [
        Kernel {
            name: "exp",
            wide: super::exp,
            scalar: super::exp_f32,
            into: super::exp_f32_into,
            in_place: super::exp_f32_in_place,
            fast: exp32::exp_fast::<F32x4>,
            ok: exp32::fast_domain::<f32>,
            bound: exp32::BOUND,
        },
        Kernel {
            name: "log",
            wide: super::log,
            scalar: super::log_f32,
            into: super::log_f32_into,
            in_place: super::log_f32_in_place,
            fast: log32::log_normal::<F32x4>,
            ok: log32::fast_domain::<f32>,
            bound: log32::BOUND,
        },
        Kernel {
            name: "sin",
            wide: super::sin,
            scalar: super::sin_f32,
            into: super::sin_f32_into,
            in_place: super::sin_f32_in_place,
            fast: trig32::sin_small::<F32x4>,
            ok: trig32::fast_domain::<f32>,
            bound: trig32::BOUND,
        },
        Kernel {
            name: "cos",
            wide: super::cos,
            scalar: super::cos_f32,
            into: super::cos_f32_into,
            in_place: super::cos_f32_in_place,
            fast: trig32::cos_small::<F32x4>,
            ok: trig32::fast_domain::<f32>,
            bound: trig32::BOUND,
        },
    ]
}

/// `|y - r|` in `f32` ulps of `r` (subnormal spacing below 2^-126); an infinite `y` counts as
/// `±2^128` (one ulp past the largest `f32`). `None` when `r` is not finite, or rounds to an
/// infinity: then `y` must be what `r` rounds to.
fn ulps(y: f32, r: f64) -> Option<f64> {
    if !r.is_finite() || !(r as f32).is_finite() {
        return None;
    }
    let y = if y.is_infinite() {
        2f64.powi(128).copysign(f64::from(y))
    } else {
        f64::from(y)
    };
    let exponent = ((r.abs().to_bits() >> 52) as i32 - 1023).max(-126);
    Some((y - r).abs() / 2f64.powi(exponent - 23))
}

/// The worst error of `k` on `x` (checked against its slice form), and where; panics on a
/// special value that differs from the rounded reference.
fn worst(k: &Kernel, x: &[f32], out: &mut [f32]) -> (f64, f32) {
    (k.into)(x, out).unwrap();
    let mut worst = (0.0, 0.0);
    for (&v, &y) in x.iter().zip(out.iter()) {
        let r = (k.wide)(f64::from(v));
        match ulps(y, r) {
            Some(e) => {
                if e > worst.0 || e.is_nan() {
                    worst = (e, v);
                }
            }
            None => {
                let want = r as f32;
                assert!(
                    y.to_bits() == want.to_bits() || (y.is_nan() && want.is_nan()),
                    "{}({v:e}) = {y:e}, f64 kernel {r:e}",
                    k.name
                );
            }
        }
    }
    worst
}

/// Bits `0, step, 2 step, ...` (every sign and binade) and some more below each power of two.
fn spread(step: u32) -> Vec<f32> {
    let mut x: Vec<f32> = (0..=u32::MAX / step)
        .map(|i| f32::from_bits(i * step))
        .collect();
    x.extend([
        0.0,
        -0.0,
        f32::MIN_POSITIVE,
        f32::MAX,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NAN,
        88.72283,
        88.72284,
        -103.27893,
        -87.33655,
        core::f32::consts::FRAC_PI_2,
        core::f32::consts::PI,
        1.0,
        1.0 - f32::EPSILON / 2.0,
    ]);
    x
}

#[test]
fn sampled_within_the_stated_bounds() {
    let x = spread(1021);
    let mut out = vec![0.0f32; x.len()];
    for k in kernels() {
        let (e, at) = worst(&k, &x, &mut out);
        assert!(e <= k.bound, "{}: {e} ulp at {at:e}", k.name);
    }
}

#[test]
fn slices_vectors_and_scalars_give_the_same_bits() {
    let mut x = spread(40_009);
    // Fast and slow elements in the same chunks, and a ragged end.
    x.extend([1e30, 2.0, -1.0, 3.0, f32::NAN, 0.5, 1e-40, 7.0, 9.0]);
    for k in kernels() {
        let mut out = vec![0.0f32; x.len()];
        (k.into)(&x, &mut out).unwrap();
        let mut y = x.clone();
        (k.in_place)(&mut y);
        for ((&v, &o), &p) in x.iter().zip(&out).zip(&y) {
            let s = (k.scalar)(v);
            assert!(
                s.to_bits() == o.to_bits() && s.to_bits() == p.to_bits()
                    || (s.is_nan() && o.is_nan() && p.is_nan()),
                "{}({v:e}): {s:e} {o:e} {p:e}",
                k.name
            );
        }
        // The vector form (portable `[f32; 4]` off wasm) against the scalar one, where it is
        // used.
        for c in x.chunks_exact(4) {
            if !c.iter().all(|&v| (k.ok)(v) != 0) {
                continue;
            }
            let mut v = [0.0f32; 4];
            (k.fast)(F32x4::load(c)).store(&mut v);
            for (&a, &b) in c.iter().zip(&v) {
                let s = (k.scalar)(a);
                assert!(s.to_bits() == b.to_bits() || (s.is_nan() && b.is_nan()));
            }
        }
        assert!((k.into)(&x, &mut [0.0; 3]).is_err());
    }
}

#[test]
fn special_values() {
    use super::{cos_f32, exp_f32, log_f32, sin_f32};
    assert_eq!(exp_f32(0.0), 1.0);
    assert_eq!(exp_f32(-0.0), 1.0);
    assert_eq!(exp_f32(f32::INFINITY), f32::INFINITY);
    assert_eq!(exp_f32(f32::NEG_INFINITY), 0.0);
    assert_eq!(exp_f32(89.0), f32::INFINITY);
    assert_eq!(exp_f32(-104.0), 0.0);
    assert!(exp_f32(-103.0) > 0.0);
    assert!(exp_f32(f32::NAN).is_nan());
    assert_eq!(log_f32(1.0).to_bits(), 0);
    assert_eq!(log_f32(0.0), f32::NEG_INFINITY);
    assert_eq!(log_f32(-0.0), f32::NEG_INFINITY);
    assert!(log_f32(-1.0).is_nan() && log_f32(f32::NAN).is_nan());
    assert_eq!(log_f32(f32::INFINITY), f32::INFINITY);
    assert!(log_f32(f32::NEG_INFINITY).is_nan());
    assert_eq!(sin_f32(-0.0).to_bits(), (-0.0f32).to_bits());
    assert_eq!(sin_f32(1e-40), 1e-40);
    assert_eq!(cos_f32(0.0), 1.0);
    assert!(sin_f32(f32::INFINITY).is_nan() && cos_f32(f32::NEG_INFINITY).is_nan());
    assert!(sin_f32(f32::NAN).is_nan());
}

#[test]
#[ignore = "all 2^32 inputs: run in release, see the module docs"]
fn exhaustive() {
    const BLOCK: usize = 1 << 16;
    let mut x = vec![0.0f32; BLOCK];
    let mut out = vec![0.0f32; BLOCK];
    // FASTMATH_EXHAUSTIVE=sin,cos checks only those.
    let only = std::env::var("FASTMATH_EXHAUSTIVE").unwrap_or_default();
    let mut failed = Vec::new();
    for k in kernels() {
        if !only.is_empty() && !only.split(',').any(|n| n == k.name) {
            continue;
        }
        let mut all = (0.0, 0.0f32);
        for block in 0..(1u64 << 32) / BLOCK as u64 {
            for (i, v) in x.iter_mut().enumerate() {
                *v = f32::from_bits((block * BLOCK as u64 + i as u64) as u32);
            }
            let (e, at) = worst(&k, &x, &mut out);
            if e > all.0 {
                all = (e, at);
            }
        }
        println!("{}: at most {:.4} ulp (at {:e})", k.name, all.0, all.1);
        if all.0 > k.bound {
            failed.push(k.name);
        }
    }
    assert!(failed.is_empty(), "beyond the stated bound: {failed:?}");
}
