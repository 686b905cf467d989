//! `e^x` for `f64` in portable, branch-free Rust, so that slice loops over it vectorise.
//!
//! Why not `f64::exp`: that is a call into the platform's libm per element (in the Pyodide build
//! a call to the `exp` the extension imports from Pyodide's Emscripten libc), which no compiler
//! can vectorise, and whose last bit differs between platforms. This one is plain `f64`/`u64`
//! arithmetic that LLVM turns into `f64x2` code (wasm `simd128`, x86-64 SSE2), and it returns the
//! same bits on every IEEE-754 target.
//!
//! # Algorithm
//!
//! 1. Clamp `x` to `[-750, 711]` with two selects (NaN passes through both unchanged). Every
//!    result outside that range is 0 or `inf` anyway, and the clamp keeps `|k|` below 2^11.
//! 2. `k = round(x / ln 2)` by the magic-add trick: adding `1.5 * 2^52` rounds `x * log2(e)` to an
//!    integer held in the low mantissa bits of `t` (no float-to-int conversion, which `simd128`
//!    lacks for 64-bit lanes). `|x / ln 2 - k| <= 1/2 + 2^-42`.
//! 3. Cody-Waite reduction `r = x - k ln2_hi - k ln2_lo`. `ln2_hi` has 41 significant bits, so
//!    `k * ln2_hi` is exact for `|k| < 2^12` and `x - k ln2_hi` is exact (Sterbenz); the rounding
//!    error of the last subtraction is recovered exactly (`r_err`, Fast2Sum), so `r + r_err`
//!    equals `x - k ln 2` to about 2^-100 relative. `|r| <= 0.34658`.
//! 4. `e^r = 1 + r + r^2/2 + r^3 Q1(r)`, `Q1` of degree 9 by Estrin's scheme (short dependency
//!    chains: the vector loop is bound by latency, not by the number of operations). `1 + r` is
//!    kept as an exact double-double (Fast2Sum); everything else (its low part, `r_err (1 + r)`,
//!    `r^3 Q1(r)`, then `r^2/2`, smallest first) is summed and added to it with one final
//!    rounding. Before that rounding the error is below about 0.2 * 2^-53 (mostly the rounding
//!    of `r^2` and of that sum), so the result is within 0.5 + 0.2 ulp of `e^r`, and within
//!    0.5 + 0.1 ulp where `e^r >= 1`.
//! 5. Scale by `2^k` as `(p * 2^k1) * 2^k2` with `k1 = floor(k / 2)`, `k2 = k - k1`, both powers
//!    of two built with integer operations on the exponent field. The first product is always
//!    exact and normal, so the second is the only rounding: overflow gives `inf` exactly when IEEE
//!    rounding says so, and results below 2^-1022 come out as correctly scaled subnormals, down to
//!    0 below about -745.13. Those are rounded twice (to 53 bits in `p`, then to the subnormal
//!    grid, at least twice as coarse): within 0.5 + 0.25 ulp and a little.
//!
//! Measured against a double-double reference over 6 * 10^7 arguments (uniform over the range
//! and dense near 0, near the overflow and underflow thresholds, over the subnormal results and
//! at the `k` rounding boundaries; `max_ulp_error_large_sweep` in the tests): at most 0.586 ulp
//! for normal results and 0.7503 ulp for subnormal ones.
//!
//! `Q` is the Chebyshev economisation, in exact rational arithmetic, of the Taylor series of
//! `(e^r - 1 - r) / r^2 = sum r^j / (j + 2)!` on `[-0.3466, 0.3466]`, truncated to degree 10 and
//! rounded to `f64`: the dropped Chebyshev terms bound `|Q - Q_10| < 1.4e-18`, so
//! `r^2 |Q - Q_10| < 1.7e-19 = 2^-62` (checked on a grid, with the rounded coefficients, in exact
//! arithmetic: `< 2^-61.5`).
//!
//! # Why no FMA
//!
//! Rust never contracts `a * b + c` into a fused multiply-add, and this code uses none: the wasm
//! `simd128` instruction set has no fused `f64x2` multiply-add (only relaxed-simd's, whose
//! fusing is up to the engine), and x86-64's baseline has none either. With only correctly
//! rounded `+ - * ` and bit operations, the result is bit-for-bit the same on the host, in
//! Pyodide (wasm32-unknown-emscripten) and in the universal build (wasm32-unknown-unknown), and
//! the same for the scalar function and the vectorised slice loops (checked: `bits_fingerprint`
//! in the tests). NaN inputs give a NaN (whose payload, as always for NaNs, may differ).

/// `1.5 * 2^52`: `v + SHIFT` for `|v| < 2^51` rounds `v` to the nearest integer (ties to even),
/// stored in the low bits of the mantissa.
const SHIFT: f64 = 6_755_399_441_055_744.0;
/// `ln 2` with its low 12 mantissa bits cleared (41 significant bits): `k * LN2_HI` is exact.
const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEFA_3000);
/// `ln 2 - LN2_HI` rounded to `f64` (what is left, `2e-31`, is far below the error budget).
const LN2_LO: f64 = f64::from_bits(0x3D53_DE6A_F278_ECE6);
/// The exponent field of 1.0, and the mask of the exponent field.
const BIAS: u64 = 1023 << 52;
const EXP_MASK: u64 = 0x7FF << 52;
/// `e^711` overflows and the clamp keeps `k <= 1026`.
const MAX_ARG: f64 = 711.0;
/// `e^-750` is below half the smallest subnormal and the clamp keeps `k >= -1083`.
const MIN_ARG: f64 = -750.0;

/// `Q(r) ~= (e^r - 1 - r) / r^2` on `|r| <= 0.3466`, lowest degree first (see the module docs;
/// close to, but not, the Taylor coefficients `1 / (j + 2)!`).
const Q: [f64; 11] = [
    f64::from_bits(0x3FE0_0000_0000_0000), // 0.5
    f64::from_bits(0x3FC5_5555_5555_5557), // 0.1666666666666667
    f64::from_bits(0x3FA5_5555_5555_5557), // 0.04166666666666668
    f64::from_bits(0x3F81_1111_1111_00DC), // 0.008333333333326136
    f64::from_bits(0x3F56_C16C_16C1_5A69), // 0.0013888888888879075
    f64::from_bits(0x3F2A_01A0_1ABE_7B65), // 0.00019841269874817515
    f64::from_bits(0x3EFA_01A0_1A9E_94F0), // 2.480158733643862e-05
    f64::from_bits(0x3EC7_1DE0_2328_8D0B), // 2.75572554044176e-06
    f64::from_bits(0x3E92_7E4D_41A2_0DBF), // 2.755726328311978e-07
    f64::from_bits(0x3E5A_F4DE_76A9_0952), // 2.5105215165649368e-08
    f64::from_bits(0x3E21_F7F2_613D_A7FA), // 2.0918136198258855e-09
];

/// `e^x`, within 1 ulp of the exact value (measured: see the module docs), with
/// `exp(±0) = 1`, `exp(inf) = inf`, `exp(-inf) = 0`, NaN for NaN; `inf` from
/// `x > 709.782712893384`, subnormal results from about `x < -708.4`, 0 below about `-745.13`.
/// Branch-free, so loops over it vectorise; the same bits on every target.
#[inline]
pub fn exp(x: f64) -> f64 {
    // Selects, not branches; a NaN compares false and passes through.
    let x = if x > MAX_ARG { MAX_ARG } else { x };
    let x = if x < MIN_ARG { MIN_ARG } else { x };

    let t = x * core::f64::consts::LOG2_E + SHIFT;
    let kf = t - SHIFT; // k as an f64, exactly
    let hi = x - kf * LN2_HI;
    let lo = kf * LN2_LO;
    let r = hi - lo;
    let r_err = (hi - r) - lo;

    // e^r = 1 + r + r^2/2 + r^3 Q1(r), Q1(r) = (Q(r) - 1/2) / r = Q[1] + Q[2] r + ... + Q[10] r^9
    // by Estrin's scheme: a dependency chain of 6 operations instead of Horner's 18, so that
    // the CPU overlaps far more of neighbouring elements' work (the loop is latency-bound).
    let r2 = r * r;
    let r4 = r2 * r2;
    let q = (Q[1] + Q[2] * r + r2 * (Q[3] + Q[4] * r))
        + r4 * ((Q[5] + Q[6] * r + r2 * (Q[7] + Q[8] * r)) + r4 * (Q[9] + Q[10] * r));
    // 1 + r = one + one_err exactly (|r| < 1).
    let one = 1.0 + r;
    let one_err = (1.0 - one) + r;
    // e^(r + r_err) - (1 + r) ~= r^2/2 + (one_err + r_err) + r^3 Q1(r) + r r_err, the largest
    // term added last so that each rounding is relative to as small a value as possible.
    let tail = (one_err + r_err) + r * (r2 * q + r_err);
    let small = 0.5 * r2 + tail;
    let p = one + small;

    // 2^k = 2^k1 * 2^k2 with k1 = floor(k / 2), k2 = k - k1, built in the exponent field.
    // `t`'s low 12 bits are k mod 2^12 (SHIFT's are zero), so `t << 52` is k in that field
    // (mod 2^12); halving it and masking (which also drops k's low bit and any carry out of the
    // field) gives the field of 2^k1, and the field of 2^k2 is then k + 2046 minus it. All in
    // wrapping u64 arithmetic: a NaN gives garbage scales here, and `p` NaN keeps the result NaN.
    let k_field = t.to_bits() << 52;
    let s1 = (k_field >> 1).wrapping_add(BIAS) & EXP_MASK;
    let s2 = k_field.wrapping_add(2 * BIAS).wrapping_sub(s1);
    let (s1, s2) = (f64::from_bits(s1), f64::from_bits(s2));
    p * s1 * s2
}

#[cfg(test)]
mod tests {
    use super::exp;
    use proptest::prelude::*;

    // --- A double-double reference (about 2^-100 relative), for measuring errors in ulps. ---
    // Test-only: it uses `mul_add` for exact products, which is correct (if slow) everywhere.

    type Dd = (f64, f64);

    fn fast_two_sum(a: f64, b: f64) -> Dd {
        let s = a + b;
        (s, b - (s - a))
    }

    fn two_sum(a: f64, b: f64) -> Dd {
        let s = a + b;
        let bb = s - a;
        (s, (a - (s - bb)) + (b - bb))
    }

    fn dd_add(a: Dd, b: Dd) -> Dd {
        let (s, e) = two_sum(a.0, b.0);
        fast_two_sum(s, e + a.1 + b.1)
    }

    fn dd_mul(a: Dd, b: Dd) -> Dd {
        let p = a.0 * b.0;
        let e = a.0.mul_add(b.0, -p);
        fast_two_sum(p, e + a.0 * b.1 + a.1 * b.0)
    }

    fn dd_div(a: Dd, n: f64) -> Dd {
        let q = a.0 / n;
        let p = q * n;
        let pe = q.mul_add(n, -p);
        fast_two_sum(q, ((a.0 - p) - pe + a.1) / n)
    }

    /// `e^x = 2^k (h + l)` with `h + l` in `[0.7, 1.42]`, to about 2^-100 relative.
    fn exp_reference(x: f64) -> (i32, Dd) {
        const LN2: Dd = (
            f64::from_bits(0x3FE6_2E42_FEFA_39EF),
            2.319_046_813_846_299_6e-17,
        );
        let k = (x / LN2.0).round();
        // x - k ln 2 in double-double; k * LN2.0 is exact as a (product, error) pair.
        let p = k * LN2.0;
        let r = dd_add(two_sum(x, -p), (-k.mul_add(LN2.0, -p), -k * LN2.1));
        let mut sum = (1.0, 0.0);
        let mut term = (1.0, 0.0);
        for n in 1..=28 {
            term = dd_div(dd_mul(term, r), f64::from(n));
            sum = dd_add(sum, term);
        }
        (k as i32, sum)
    }

    /// `v * 2^n`, exact whenever the result is normal or the scaling is into the subnormal range
    /// from a value with few enough bits (both true where used).
    fn scale(v: f64, n: i32) -> f64 {
        let pow2 = |m: i32| f64::from_bits(((m + 1023) as u64) << 52);
        let half = n / 2;
        v * pow2(half) * pow2(n - half)
    }

    /// `|y - e^x|` in units of the last place of the exact `e^x` (subnormal ulp below 2^-1022).
    /// `y` must be finite.
    fn ulp_error(x: f64, y: f64) -> f64 {
        let (k, (h, l)) = exp_reference(x);
        let binade = if h > 1.0 || (h == 1.0 && l >= 0.0) {
            0
        } else {
            -1
        };
        let ulp = (binade + k - 52).max(-1074);
        let d = (scale(y, -ulp) - scale(h, k - ulp)) - scale(l, k - ulp);
        d.abs()
    }

    /// A small deterministic generator (splitmix64), so sweeps are reproducible.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        /// Uniform in `[lo, hi)`.
        fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
            lo + (hi - lo) * ((self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64))
        }
    }

    /// The arguments the error sweeps use: `n` uniform over the finite-result range, plus dense
    /// edge regions (tiny |x|, subnormal results, near overflow, near the `k` rounding
    /// boundaries `(j + 1/2) ln 2`, integers), about `n` of each kind.
    fn sweep(n: usize, seed: u64) -> Vec<f64> {
        let mut rng = Rng(seed);
        let mut xs = Vec::with_capacity(6 * n);
        for _ in 0..n {
            xs.push(rng.uniform(-745.2, 709.79));
            // Tiny |x|: every binade from 2^-1074 to 1, both signs.
            let e = (rng.next() % 1075) as i32;
            let m = rng.uniform(1.0, 2.0);
            let s = if rng.next() & 1 == 0 { 1.0 } else { -1.0 };
            xs.push(s * scale(m, -e));
            xs.push(rng.uniform(-745.2, -708.0));
            xs.push(rng.uniform(700.0, 709.79));
            let j = f64::from((rng.next() % 2100) as i32 - 1075);
            let b = (j + 0.5) * core::f64::consts::LN_2;
            let off = (rng.next() % 64) as i64 - 32;
            xs.push(f64::from_bits((b.to_bits() as i64 + off) as u64));
            xs.push(rng.uniform(-2.0, 2.0));
        }
        xs.retain(|&x| (-745.2..=709.78).contains(&x));
        xs.extend((-745..=709).map(f64::from));
        xs
    }

    /// The largest error in ulps over `xs` for normal and for subnormal results, each with
    /// the argument where it occurs.
    fn max_ulp_error(xs: &[f64]) -> [(f64, f64); 2] {
        let mut worst = [(0.0, f64::NAN); 2];
        for &x in xs {
            let y = exp(x);
            assert!(y.is_finite(), "exp({x:e}) = {y}");
            let e = ulp_error(x, y);
            let w = &mut worst[usize::from(y < f64::MIN_POSITIVE)];
            if e > w.0 {
                *w = (e, x);
            }
        }
        worst
    }

    /// The derived bounds (module docs): normal results are within the final rounding (0.5 ulp)
    /// plus 0.2 ulp; subnormal results are rounded twice, to 53 bits and then to the subnormal
    /// grid, whose ulp is at least twice as coarse: 0.5 + 0.25 ulp plus a little.
    const NORMAL_BOUND: f64 = 0.7;
    const SUBNORMAL_BOUND: f64 = 0.8;

    /// Asserts the largest errors of a sweep against `normal` and `subnormal` ulps.
    fn check_bounds(worst: [(f64, f64); 2], normal: f64, subnormal: f64) {
        let [(e, x), (es, xs)] = worst;
        assert!(e < normal, "exp({x:e}) is {e} ulp off");
        assert!(es < subnormal, "exp({xs:e}) is {es} ulp off (subnormal)");
    }

    #[test]
    fn reference_agrees_with_libm() {
        // The reference itself, checked against the platform's exp (itself within 1 ulp).
        for x in sweep(2_000, 7) {
            let e = ulp_error(x, x.exp());
            assert!(e <= 1.0, "libm exp({x:e}) is {e} ulp from the reference");
        }
    }

    #[test]
    fn max_ulp_error_sweep() {
        // The measured maxima (see `max_ulp_error_large_sweep`) are 0.586 and 0.7503 ulp: a
        // deterministic sweep checks those, to catch an accuracy regression within the bounds.
        check_bounds(max_ulp_error(&sweep(30_000, 1)), 0.59, 0.76);
    }

    /// About 6 * 10^7 points; run with
    /// `cargo test --release -p fastmath-core max_ulp_error_large -- --ignored --nocapture`.
    #[test]
    #[ignore = "slow: a measurement, run by hand"]
    fn max_ulp_error_large_sweep() {
        let worst = max_ulp_error(&sweep(10_000_000, 2));
        for (kind, (e, x)) in ["normal", "subnormal"].iter().zip(worst) {
            println!(
                "{kind} results: max error {e} ulp at x = {x:e} ({:#x})",
                x.to_bits()
            );
        }
        check_bounds(worst, 0.59, 0.76);
    }

    #[test]
    fn within_one_ulp_of_libm() {
        for x in sweep(20_000, 3) {
            let (a, b) = (exp(x), x.exp());
            let dist = (a.to_bits() as i64 - b.to_bits() as i64).abs();
            assert!(dist <= 1, "exp({x:e}): {a:e} vs libm {b:e}");
        }
    }

    #[test]
    fn special_values_are_exact() {
        assert_eq!(exp(0.0).to_bits(), 1.0f64.to_bits());
        assert_eq!(exp(-0.0).to_bits(), 1.0f64.to_bits());
        assert_eq!(exp(f64::INFINITY), f64::INFINITY);
        assert_eq!(exp(f64::NEG_INFINITY).to_bits(), 0.0f64.to_bits());
        assert!(exp(f64::NAN).is_nan());
        assert!(exp(-f64::NAN).is_nan());
        assert_eq!(exp(1.0), core::f64::consts::E);
        assert_eq!(exp(core::f64::consts::LN_2), 2.0);
        assert_eq!(exp(1e-300), 1.0);
        assert_eq!(exp(-1e-300), 1.0);
        assert_eq!(exp(f64::MIN_POSITIVE), 1.0);
        assert_eq!(exp(5e-324), 1.0);
        assert_eq!(exp(f64::MAX), f64::INFINITY);
        assert_eq!(exp(f64::MIN), 0.0);
        assert_eq!(exp(710.0), f64::INFINITY);
        assert_eq!(exp(1000.0), f64::INFINITY);
        assert!(exp(709.78).is_finite());
        assert_eq!(exp(-745.2), 0.0);
        assert_eq!(exp(-1000.0), 0.0);
        // Results are never negative zero.
        assert!(exp(-1000.0).is_sign_positive());
    }

    #[test]
    fn overflow_threshold_is_exact() {
        // ln(MAX + ulp/2) = 709.7827128933839967...: the double below it still gives MAX-ish.
        let last = f64::from_bits(0x4086_2E42_FEFA_39EF);
        assert_eq!(last, 709.782712893384);
        let y = exp(last);
        assert!(y.is_finite() && y > 1.79e308, "{y:e}");
        assert!(ulp_error(last, y) <= 0.5 + 1e-9);
        assert_eq!(exp(last.next_up()), f64::INFINITY);
    }

    #[test]
    fn underflow_threshold_and_subnormals() {
        // ln(2^-1075) = -745.13321910194120762...: above it e^x rounds to the smallest subnormal.
        let above: f64 = -745.133_219_101_941_1;
        let below: f64 = -745.133_219_101_941_3;
        assert_eq!(above.next_down(), -745.133_219_101_941_2);
        assert_eq!(exp(above), 5e-324);
        assert_eq!(exp(-745.133_219_101_941_2), 0.0);
        assert_eq!(exp(below), 0.0);
        // Subnormal results are scaled correctly: e^x for x = ln(m 2^-1074) is m subnormal ulps.
        for m in [
            1.0,
            2.0,
            3.0,
            1000.0,
            123_456_789.0,
            4_503_599_627_370_495.0,
        ] {
            let x = (m * 5e-324f64).ln();
            let y = exp(x);
            assert!(y < f64::MIN_POSITIVE || m > 4.5e15);
            assert!(ulp_error(x, y) < 1.0, "exp({x}) = {y:e}");
        }
        // The largest subnormal and the smallest normal result are both reached.
        let mut prev = 0.0;
        let mut x = -708.5;
        while x < -708.3 {
            let y = exp(x);
            assert!(y >= prev, "not monotone at {x}");
            prev = y;
            x += 1e-4;
        }
        assert!(exp(-708.5) < f64::MIN_POSITIVE && exp(-708.3) > f64::MIN_POSITIVE);
    }

    #[test]
    fn slice_kernels_give_the_scalar_bits() {
        let mut xs = sweep(2_000, 4);
        xs.extend([
            0.0,
            -0.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            710.0,
            -746.0,
            1e-300,
        ]);
        xs.push(1.0); // an odd length: the vector loop's scalar remainder runs too
        let mut out = vec![0.0; xs.len()];
        super::super::exp_into(&xs, &mut out).unwrap();
        let mut in_place = xs.clone();
        super::super::exp_in_place(&mut in_place);
        for ((&x, &a), &b) in xs.iter().zip(&out).zip(&in_place) {
            assert_eq!(a.to_bits(), exp(x).to_bits(), "exp({x:e})");
            assert_eq!(b.to_bits(), exp(x).to_bits(), "exp({x:e})");
        }
        let mut nan = [f64::NAN; 3];
        super::super::exp_in_place(&mut nan);
        assert!(nan.iter().all(|v| v.is_nan()));
    }

    /// A fingerprint of `exp` over 10^6 arguments: even ones uniform in `[-750, 712)`, odd ones
    /// random bit patterns (so every kind of double, NaN hashed as one value). The same number
    /// was obtained from this code built for wasm32-unknown-unknown (+simd128, under node) and in
    /// Pyodide 314 from the native wheel (wasm32-unknown-emscripten, +simd128), for both
    /// `fastmath.exp(array)` and `fastmath.exp(float)` per element: bit-identical results. It
    /// changes when the algorithm does (then re-check those builds). In Python:
    /// `z` from splitmix64 seeded 12345, `x = -750 + 1462 * ((z >> 11) * 2**-53)` for even `i`,
    /// else `struct.unpack("<d", struct.pack("<Q", z))[0]`; FNV-1a (64-bit, word-wise) over the
    /// result bits.
    #[test]
    fn bits_fingerprint() {
        let mut rng = Rng(12345);
        let xs: Vec<f64> = (0..1_000_000)
            .map(|i| {
                let z = rng.next();
                if i % 2 == 0 {
                    -750.0 + 1462.0 * ((z >> 11) as f64 * (1.0 / (1u64 << 53) as f64))
                } else {
                    f64::from_bits(z)
                }
            })
            .collect();
        let mut out = vec![0.0; xs.len()];
        super::super::exp_into(&xs, &mut out).unwrap();
        let mut h: u64 = 0xCBF2_9CE4_8422_2325;
        for (&x, &y) in xs.iter().zip(&out) {
            let scalar = exp(x);
            assert!(y.to_bits() == scalar.to_bits() || (y.is_nan() && scalar.is_nan()));
            let bits = if y.is_nan() {
                0x7FF8_0000_0000_0000
            } else {
                y.to_bits()
            };
            h = (h ^ bits).wrapping_mul(0x0000_0100_0000_01B3);
        }
        assert_eq!(h, 0x92E3_69E5_2C7A_A308, "fingerprint {h:#018x}");
    }

    proptest! {
        #[test]
        fn within_one_ulp(x in -745.2f64..709.78) {
            let y = exp(x);
            let bound = if y < f64::MIN_POSITIVE { SUBNORMAL_BOUND } else { NORMAL_BOUND };
            prop_assert!(ulp_error(x, y) < bound);
        }

        #[test]
        fn tiny_arguments(m in 1.0f64..2.0, e in 0i32..1075, neg: bool) {
            let x = if neg { -scale(m, -e) } else { scale(m, -e) };
            prop_assert!(ulp_error(x, exp(x)) < NORMAL_BOUND);
        }
    }
}
