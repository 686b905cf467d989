//! Test-only: a double-double reference (about 2^-100 relative) for measuring the kernels'
//! errors in ulps, independent of the kernels and of libm; argument generators for the sweeps.
//!
//! It uses `mul_add` for exact products, which is correct (if slow) everywhere.

pub type Dd = (f64, f64);

pub fn two_sum(a: f64, b: f64) -> Dd {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

fn fast_two_sum(a: f64, b: f64) -> Dd {
    let s = a + b;
    (s, b - (s - a))
}

pub fn dd_add(a: Dd, b: Dd) -> Dd {
    let (s, e) = two_sum(a.0, b.0);
    let (t, f) = two_sum(a.1, b.1);
    let (s, e) = fast_two_sum(s, e + t);
    fast_two_sum(s, e + f)
}

pub fn dd_mul(a: Dd, b: Dd) -> Dd {
    let p = a.0 * b.0;
    let e = a.0.mul_add(b.0, -p);
    fast_two_sum(p, e + (a.0 * b.1 + a.1 * b.0))
}

pub fn dd_div(a: Dd, b: Dd) -> Dd {
    let q1 = a.0 / b.0;
    let r = dd_add(a, dd_mul((-q1, 0.0), b));
    let q2 = r.0 / b.0;
    let r = dd_add(r, dd_mul((-q2, 0.0), b));
    let q3 = r.0 / b.0;
    dd_add(fast_two_sum(q1, q2), (q3, 0.0))
}

/// `ln 2` to about 2^-107.
pub const LN2: Dd = (
    f64::from_bits(0x3FE6_2E42_FEFA_39EF),
    f64::from_bits(0x3C7A_BC9E_3B39_803F),
);

/// `ln x` for positive finite `x`: `x = 2^e m`, `m` in `[sqrt(1/2), sqrt(2)]`, and
/// `ln m = 2 atanh(s) = 2 (s + s^3 / 3 + ...)`, `s = (m - 1) / (m + 1)`, `|s| <= 0.172`, summed
/// to 23 terms (`s^46 / 47 < 2^-120`).
pub fn ln(x: f64) -> Dd {
    assert!(x > 0.0 && x.is_finite(), "{x}");
    let (x, mut e) = if x < f64::MIN_POSITIVE {
        (x * 2f64.powi(64), -64)
    } else {
        (x, 0)
    };
    e += ((x.to_bits() >> 52) as i32) - 1023;
    let mut m = f64::from_bits((x.to_bits() & ((1 << 52) - 1)) | (1023 << 52));
    if m > core::f64::consts::SQRT_2 {
        m /= 2.0;
        e += 1;
    }
    let s = dd_div((m - 1.0, 0.0), two_sum(m, 1.0));
    let s2 = dd_mul(s, s);
    let mut sum = dd_div((1.0, 0.0), (45.0, 0.0));
    for j in (0..22).rev() {
        sum = dd_add(
            dd_mul(sum, s2),
            dd_div((1.0, 0.0), (f64::from(2 * j + 1), 0.0)),
        );
    }
    let ln_m = dd_mul((2.0 * s.0, 2.0 * s.1), sum);
    dd_add(dd_mul(LN2, (f64::from(e), 0.0)), ln_m)
}

/// `ln(1 + x)` for `x > -1`, finite: `1 + x = u + e` exactly, `ln(u) + ln(1 + e / u)` with
/// `|e / u| <= 2^-53`, so `e / u - (e / u)^2 / 2` is that last logarithm to 2^-159.
pub fn ln_1p(x: f64) -> Dd {
    let (u, e) = two_sum(1.0, x);
    let t = dd_div((e, 0.0), (u, 0.0));
    let t = dd_add(t, dd_mul((-0.5 * t.0, -0.5 * t.1), t));
    dd_add(ln(u), t)
}

/// `v 2^k` for a double-double (exact while the result is normal and finite).
pub fn dd_scale(v: Dd, k: i32) -> Dd {
    let half = k / 2;
    let (a, b) = (2f64.powi(half), 2f64.powi(k - half));
    (v.0 * a * b, v.1 * a * b)
}

/// `e^x - 1` for finite `x` in `[-745, 709.79]`: `x = k ln 2 + f`, `|f| <= 0.35` in
/// double-double, `e^f - 1 = sum f^n / n!` to 30 terms (relative to `e^f - 1`, so tiny `x`
/// keep their accuracy), then `2^k e^f - 1` in double-double.
pub fn exp_m1(x: f64) -> Dd {
    let k = (x / LN2.0).round();
    let p = k * LN2.0;
    let f = dd_add(two_sum(x, -p), (-k.mul_add(LN2.0, -p), -k * LN2.1));
    let mut sum = (0.0, 0.0);
    let mut term = (1.0, 0.0);
    for n in 1..=30 {
        term = dd_div(dd_mul(term, f), (f64::from(n), 0.0));
        sum = dd_add(sum, term);
    }
    let k = k as i32;
    if k == 0 {
        sum
    } else {
        dd_add(dd_scale(dd_add(sum, (1.0, 0.0)), k), (-1.0, 0.0))
    }
}

/// `|y - v|` in units of the last place of the exact value `v` (a subnormal ulp below 2^-1022;
/// 0 if both are 0). `y` must be finite.
pub fn ulp_error(y: f64, v: Dd) -> f64 {
    if v.0 == 0.0 {
        return if y == 0.0 { 0.0 } else { f64::INFINITY };
    }
    let a = v.0.abs();
    let mut binade = ((a.to_bits() >> 52) as i32) - 1023;
    let power_of_two = a.to_bits() & ((1 << 52) - 1) == 0;
    if power_of_two && v.1 != 0.0 && (v.1 < 0.0) == (v.0 > 0.0) {
        binade -= 1; // just below a power of two: the finer ulp
    }
    let ulp_exp = (binade - 52).max(-1074);
    // y - v.0 is exact for y within a factor 2 of v.0 (Sterbenz); the scalings are exact.
    let d = (y - v.0) - v.1;
    (d * 2f64.powi(-ulp_exp / 2) * 2f64.powi(-ulp_exp + ulp_exp / 2)).abs()
}

/// A small deterministic generator (splitmix64), so sweeps are reproducible.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[lo, hi)`.
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Uniform in `[0, 1)`, 53 bits.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A positive finite double with a uniformly random bit pattern (every binade, subnormals
    /// included, equally likely).
    pub fn positive_bits(&mut self) -> f64 {
        loop {
            let v = f64::from_bits(self.next() >> 1);
            if v.is_finite() {
                return v;
            }
        }
    }

    /// `m 2^-e`, `m` uniform in `[1, 2)`, `e` uniform in `0..=1074` (so every binade from
    /// 2^-1074 to 1), with a random sign.
    pub fn tiny(&mut self) -> f64 {
        let e = (self.next() % 1075) as i32;
        let m = self.uniform(1.0, 2.0);
        let v = m * 2f64.powi(-(e / 2)) * 2f64.powi(-(e - e / 2));
        if self.next() & 1 == 0 { v } else { -v }
    }
}

/// FNV-1a (64-bit, word-wise) over result bits, NaN hashed as one value: the fingerprints.
pub fn fnv1a(values: &[f64]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for &y in values {
        let bits = if y.is_nan() {
            0x7FF8_0000_0000_0000
        } else {
            y.to_bits()
        };
        h = (h ^ bits).wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

/// How [`check_slice_kernels`] compares NaN results.
pub enum NanBits {
    /// The same bits as the scalar function's NaN.
    Strict,
    /// Any NaN where the scalar function gives NaN.
    Any,
}

/// Checks that the slice kernels `into` and `in_place` give the scalar function's bits for
/// `xs` with special values (zeros, infinities, NaN, subnormals, huge) spread through it, so
/// that the two-lane loops see chunks that are all in range and chunks with a lane that is
/// not, and an odd length, so that the scalar remainder runs too.
pub fn check_slice_kernels(
    xs: &[f64],
    scalar: fn(f64) -> f64,
    into: fn(&[f64], &mut [f64]) -> crate::Result<()>,
    in_place: fn(&mut [f64]),
    nan: NanBits,
) {
    const SPECIAL: [f64; 12] = [
        0.0,
        -0.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        5e-324,
        -5e-324,
        1e-300,
        -1.0,
        1e300,
        -1e300,
        2.2250738585072014e-308,
    ];
    let mut all = Vec::with_capacity(xs.len() + xs.len() / 7 + 20);
    for (i, &x) in xs.iter().enumerate() {
        all.push(x);
        if i % 7 == 3 {
            all.push(SPECIAL[(i / 7) % SPECIAL.len()]);
        }
    }
    all.extend(SPECIAL);
    if all.len() % 2 == 0 {
        all.push(1.0);
    }
    let mut out = vec![0.0; all.len()];
    into(&all, &mut out).unwrap();
    let mut inplace = all.clone();
    in_place(&mut inplace);
    for ((&x, &a), &b) in all.iter().zip(&out).zip(&inplace) {
        let want = scalar(x);
        for got in [a, b] {
            let same = match nan {
                NanBits::Strict => got.to_bits() == want.to_bits(),
                NanBits::Any => got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()),
            };
            assert!(same, "f({x:e}) = {want:e}, slice kernel {got:e}");
        }
    }
}

/// The outputs the fingerprint tests hash: `into` over 10^5 arguments, even ones uniform in
/// `[0, 8)`, odd ones random bit patterns (every kind of double: negative, subnormal, huge,
/// inf, NaN), each checked against `scalar` (any NaN for NaN). In Python: `z` from splitmix64
/// seeded 12345, `x = 8 * ((z >> 11) * 2**-53)` for even `i`, else
/// `struct.unpack("<d", struct.pack("<Q", z))[0]`; FNV-1a ([`fnv1a`]) over the result bits.
pub fn fingerprint_outputs(
    into: fn(&[f64], &mut [f64]) -> crate::Result<()>,
    scalar: fn(f64) -> f64,
) -> Vec<f64> {
    let mut rng = Rng(12345);
    let xs: Vec<f64> = (0..100_000)
        .map(|i| {
            let z = rng.next();
            if i % 2 == 0 {
                8.0 * ((z >> 11) as f64 * (1.0 / (1u64 << 53) as f64))
            } else {
                f64::from_bits(z)
            }
        })
        .collect();
    let mut out = vec![0.0; xs.len()];
    into(&xs, &mut out).unwrap();
    for (&x, &y) in xs.iter().zip(&out) {
        let want = scalar(x);
        assert!(y.to_bits() == want.to_bits() || (y.is_nan() && want.is_nan()));
    }
    out
}

/// Checks that a kernel's two-lane form gives the scalar function's bits on every pair of
/// consecutive elements of `xs` that `ok` accepts. On wasm32 `simd128` this is the `v128`
/// code the slice loops run; elsewhere `F64x2`'s portable form, which the loops there do not
/// use, so this is where the generic kernel code on two lanes is checked.
pub fn check_lanes(
    xs: &[f64],
    ok: fn(f64) -> bool,
    fast: fn(super::lanes::F64x2) -> super::lanes::F64x2,
    scalar: fn(f64) -> f64,
) {
    let mut checked = 0;
    for p in xs.windows(2) {
        if ok(p[0]) && ok(p[1]) {
            let mut out = [0.0; 2];
            fast(super::lanes::F64x2::load(p)).store(&mut out);
            for (&x, &y) in p.iter().zip(&out) {
                let want = scalar(x);
                assert_eq!(
                    y.to_bits(),
                    want.to_bits(),
                    "f({x:e}) = {want:e}, two lanes {y:e}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > xs.len() / 2, "only {checked} pairs in range");
}
