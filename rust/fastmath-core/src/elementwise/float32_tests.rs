//! Accuracy and consistency of the `float32` kernels (`exp32.rs`, `log32.rs`, `trig32.rs`,
//! `tanh32.rs`, `sigmoid32.rs`, `expm1_32.rs`, `log1p32.rs`) against the `f64` kernels (each
//! within 1 `f64` ulp, i.e. about 2^-29 `f32` ulp, of the true value).
//!
//! `sampled_*` run in the normal test run (2^22 arguments spread over every binade, plus the
//! special values); `exhaustive` checks all 2^32 `f32` bit patterns and is `#[ignore]`d (about
//! a minute per function in a release build):
//! `cargo test -p fastmath-core --release -- --ignored --nocapture exhaustive`.

use super::lanes32::F32x4;
use super::{exp32, expm1_32, log1p32, log32, sigmoid32, tanh32, trig32};

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

fn kernels() -> [Kernel; 9] {
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
        Kernel {
            name: "tanh",
            wide: super::tanh,
            scalar: super::tanh_f32,
            into: super::tanh_f32_into,
            in_place: super::tanh_f32_in_place,
            fast: tanh32::tanh_any::<F32x4>,
            ok: tanh32::fast_domain::<f32>,
            bound: tanh32::BOUND,
        },
        Kernel {
            name: "sigmoid",
            wide: super::sigmoid,
            scalar: super::sigmoid_f32,
            into: super::sigmoid_f32_into,
            in_place: super::sigmoid_f32_in_place,
            fast: sigmoid32::sigmoid_fast::<F32x4>,
            ok: sigmoid32::fast_domain::<f32>,
            bound: sigmoid32::BOUND,
        },
        Kernel {
            name: "expm1",
            wide: super::expm1,
            scalar: super::expm1_f32,
            into: super::expm1_f32_into,
            in_place: super::expm1_f32_in_place,
            fast: expm1_32::expm1_fast::<F32x4>,
            ok: expm1_32::fast_domain::<f32>,
            bound: expm1_32::BOUND,
        },
        Kernel {
            name: "log1p",
            wide: super::log1p,
            scalar: super::log1p_f32,
            into: super::log1p_f32_into,
            in_place: super::log1p_f32_in_place,
            fast: log1p32::log1p_fast::<F32x4>,
            ok: log1p32::fast_domain::<f32>,
            bound: log1p32::BOUND,
        },
        Kernel {
            name: "tan",
            wide: super::tan,
            scalar: super::tan_f32,
            into: super::tan_f32_into,
            in_place: super::tan_f32_in_place,
            fast: trig32::tan_small::<F32x4>,
            ok: trig32::fast_domain::<f32>,
            bound: trig32::TAN_BOUND,
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

/// The arguments of [`bits_fingerprint`]: 10^5 of them, `z` from splitmix64 seeded 12345, even
/// `i` uniform in `[lo, lo + width)` (`lo + width ((z >> 11) 2^-53)` in `f64`, rounded to
/// `f32`), odd `i` the low 32 bits of `z` as an `f32` (every kind: subnormal, huge, inf, NaN).
fn fingerprint_args(lo: f64, width: f64) -> Vec<f32> {
    let mut rng = super::reference::Rng(12345);
    (0..100_000)
        .map(|i| {
            let z = rng.next();
            if i % 2 == 0 {
                (lo + width * ((z >> 11) as f64 * (1.0 / (1u64 << 53) as f64))) as f32
            } else {
                f32::from_bits(z as u32)
            }
        })
        .collect()
}

/// FNV-1a (64-bit, over the `u32` words) of `f32` results, every NaN hashed as one value.
fn fnv1a(values: &[f32]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for &y in values {
        let bits = if y.is_nan() { 0x7FC0_0000 } else { y.to_bits() };
        h = (h ^ u64::from(bits)).wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

/// The same bits on every target: hashes of the slice kernels' results, pinned here and in
/// `tests/python/test_elementwise.py` (`test_float32_bits_fingerprint`, which runs on the host
/// and inside Pyodide, the `simd128` build).
#[test]
fn bits_fingerprint() {
    let pinned: [(&str, f64, f64, u64); 9] = [
        ("exp", -20.0, 40.0, 0xA676_88D7_76CE_54C7),
        ("log", 0.0, 8.0, 0x1354_0BDC_8DEB_E318),
        ("sin", -10.0, 20.0, 0x0E63_E02C_51EE_1901),
        ("cos", -10.0, 20.0, 0x7F43_A1D0_D8F5_058F),
        ("tanh", -10.0, 20.0, 0x9AA9_E814_B0A8_F349),
        ("sigmoid", -20.0, 40.0, 0xD333_D841_0990_9942),
        ("expm1", -20.0, 40.0, 0xD0B4_6A01_7DB9_CE11),
        ("log1p", -1.0, 8.0, 0x9B78_AD39_6387_69A9),
        ("tan", -10.0, 20.0, 0x8991_1CD4_ABF7_1DCC),
    ];
    let mut bad = Vec::new();
    for (k, (name, lo, width, want)) in kernels().iter().zip(pinned) {
        assert_eq!(k.name, name);
        let x = fingerprint_args(lo, width);
        let mut out = vec![0.0f32; x.len()];
        (k.into)(&x, &mut out).unwrap();
        let h = fnv1a(&out);
        if h != want {
            bad.push(format!("{name}: {h:#018x}"));
        }
    }
    assert!(bad.is_empty(), "fingerprints: {bad:?}");
}
