//! The gamma function and the log of its magnitude.
//!
//! # Poles and limits: scipy.special's values, not `math`'s exceptions
//! These are array functions, so a pole is a value, as in `scipy.special.gamma`/`gammaln`
//! (where Python's `math.gamma` raises ValueError at 0 and the negative integers, and
//! OverflowError above 171.62): `gamma(+0) = inf`, `gamma(-0) = -inf`, `gamma(-n) = nan` for a
//! negative integer, `gamma(-inf) = nan`, `gamma(inf) = inf`, and overflow is `inf`;
//! `lgamma` is `inf` at 0 and the negative integers, `inf` at `±inf` but `-inf` at `-inf`
//! (scipy's: `|gamma(x)|` tends to 0 there).
//!
//! # Why not the Lanczos approximations of libm and CPython
//! Both measure 6-7 ulp off on [1, 2] already (against mpmath), and more after reflection.
//! Here gamma is computed in double-double arithmetic (about 104 bits), rounded once at the end:
//! - `gamma(y)` for `y` in [1, 2] is a polynomial of degree 43 in `t = y - 1.5` ([`GAMMA_1_2`],
//!   error 4e-34), evaluated by Horner's rule in double-double;
//! - any other `x` in [-190, 171.7] is brought there by the recurrence `gamma(x + 1) = x gamma(x)`:
//!   `gamma(x) = gamma(y) * (x - 1) (x - 2) ... (y)` upwards, `gamma(y) / (x (x + 1) ... (y - 1))`
//!   downwards, every factor exact (a double-double of `x + k`), the product kept in
//!   double-double and scaled by powers of two so that it neither overflows nor underflows.
//!
//! So `gamma` is within about half an ulp plus 2**-90 relative. `lgamma` takes the log of that
//! double-double: near its zeros (at 1, 2 and one or two in each interval between negative
//! integers down to -17), where `|gamma(x)|` is near 1 and the log loses every leading digit,
//! `log1p(|gamma(x)| - 1)` of the double-double keeps the digits that remain (the polynomial is
//! evaluated entirely in double-double there). Outside [-190, 171.7] (gamma is 0 or inf there)
//! the `libm` crate's kernels are used (pure Rust, the same bits on every target): its signed
//! zeros, and its Stirling series and reflection for lgamma, whose values there are large and
//! far from any zero. Measured worst errors are in the functions'
//! docstrings (families/special.rs) and checked by tests/python/test_special_accuracy.py.

use crate::elementwise::{log, log1p};

/// The Chebyshev interpolant of degree 43 of gamma(1.5 + t) on [-0.5, 0.5], in powers of t,
/// each coefficient as a double-double (hi, lo); max |error| 4.13e-34 (mpmath, 400 bits):
/// `mpmath.chebyfit(lambda t: mpmath.gamma(1.5 + t), [-0.5, 0.5], 44)` at 400 bits, each
/// coefficient split as `hi = float(c)`, `lo = float(c - hi)`.
const GAMMA_1_2: [(f64, f64); 44] = [
    (0.886226925452758, -3.8332932499128993e-17),
    (0.03233839744888501, 3.4409831328094518e-18),
    (0.4148134536883012, -2.423790889787955e-17),
    (-0.10729480456477221, -2.954971565369422e-18),
    (0.14464535904462153, 1.321791420514702e-17),
    (-0.0775230522998542, 2.537366387941912e-18),
    (0.05861030381717629, 2.0488850067241783e-18),
    (-0.038001935554865134, 3.3298298655087973e-18),
    (0.025837606455756203, 1.210127083306053e-18),
    (-0.017222443113464624, -1.4783429130707579e-18),
    (0.011522515392399228, 1.2071416248564382e-19),
    (-0.0076902113642415785, -1.766964447348532e-19),
    (0.0051316435019123875, -5.688815212306928e-20),
    (-0.003422802497359706, -1.2398468243370272e-19),
    (0.0022825897637902717, 8.606437460059669e-21),
    (-0.0015220100711244313, 9.442730713441035e-20),
    (0.0010147877421513535, -1.2631442789053077e-20),
    (-0.0006765708410599294, 8.922288711704333e-21),
    (0.00045106552539837894, 2.5214745639273794e-20),
    (-0.0003007176712023767, -1.7546535764544337e-21),
    (0.00020048137700318339, -9.350530659045855e-21),
    (-0.0001336554234287113, 3.790218304801168e-21),
    (8.91040851668066e-05, 7.418788173111047e-22),
    (-5.940291103614866e-05, 3.2904988124302962e-21),
    (3.960200914603586e-05, 2.4111325531474612e-21),
    (-2.640136944992508e-05, 4.612728756639964e-22),
    (1.7600980111892217e-05, -8.05163440892544e-22),
    (-1.1733991544712198e-05, 4.110318230226321e-23),
    (7.822295370983984e-06, -7.546018406957014e-22),
    (-5.21486434923857e-06, -1.5649636771346635e-22),
    (3.478523448063293e-06, 5.76865472458406e-23),
    (-2.31901575501792e-06, 1.818382518300113e-22),
    (1.5378775022062212e-06, 5.735519032285884e-23),
    (-1.0252516878137015e-06, -9.415589579198724e-23),
    (7.0994441971293e-07, 3.221591829786772e-23),
    (-4.732962829571516e-07, 1.2533716645867658e-23),
    (2.500522420436716e-07, 5.353741483218038e-24),
    (-1.6670149519875588e-07, -1.0918417188467235e-23),
    (2.303557052785784e-07, 3.2163202958237125e-24),
    (-1.5357047026763631e-07, -1.0529943261608317e-23),
    (-4.802203638594502e-08, -3.222634129865147e-24),
    (3.201469091267482e-08, 1.6991296516474443e-24),
    (9.604407267513119e-08, 1.2358547768606236e-24),
    (-6.402938178664609e-08, 1.8102835284037427e-24),
];

/// A double-double: the unevaluated sum `hi + lo`, `|lo| <= ulp(hi) / 2`.
#[derive(Clone, Copy, Debug)]
struct Dd {
    hi: f64,
    lo: f64,
}

/// `a + b` exactly, as a rounded sum and its error (Knuth).
#[inline]
fn two_sum(a: f64, b: f64) -> Dd {
    let s = a + b;
    let bb = s - a;
    Dd {
        hi: s,
        lo: (a - (s - bb)) + (b - bb),
    }
}

/// `a + b` exactly, for `|a| >= |b|` (Dekker).
#[inline]
fn fast_two_sum(a: f64, b: f64) -> Dd {
    let s = a + b;
    Dd {
        hi: s,
        lo: b - (s - a),
    }
}

/// Veltkamp's split of `a` into two halves of 26 bits each (exact for |a| below 2**996).
#[inline]
fn split(a: f64) -> (f64, f64) {
    let c = 134_217_729.0 * a;
    let hi = c - (c - a);
    (hi, a - hi)
}

/// `a * b` exactly (Dekker; no fused multiply-add, which wasm32 lacks and emulates slowly).
#[inline]
fn two_prod(a: f64, b: f64) -> Dd {
    let p = a * b;
    let (ah, al) = split(a);
    let (bh, bl) = split(b);
    Dd {
        hi: p,
        lo: ((ah * bh - p) + ah * bl + al * bh) + al * bl,
    }
}

impl Dd {
    const fn new(hi: f64, lo: f64) -> Self {
        Self { hi, lo }
    }

    fn add(self, o: Dd) -> Dd {
        let s = two_sum(self.hi, o.hi);
        fast_two_sum(s.hi, s.lo + self.lo + o.lo)
    }

    fn mul(self, o: Dd) -> Dd {
        let p = two_prod(self.hi, o.hi);
        fast_two_sum(p.hi, p.lo + (self.hi * o.lo + self.lo * o.hi))
    }

    fn div(self, o: Dd) -> Dd {
        let q1 = self.hi / o.hi;
        let r = self.add(o.mul(Dd::new(-q1, 0.0)));
        let q2 = r.hi / o.hi;
        let r = r.add(o.mul(Dd::new(-q2, 0.0)));
        let q3 = r.hi / o.hi;
        let q = fast_two_sum(q1, q2);
        q.add(Dd::new(q3, 0.0))
    }

    fn scale(self, f: f64) -> Dd {
        Dd::new(self.hi * f, self.lo * f)
    }
}

/// How many leading coefficients [`gamma_1_2`] takes in double-double when it need not be
/// fully accurate: the rest contribute less than 2**-60 of the value, plain doubles suffice.
const LEADING: usize = 10;

/// `gamma(y)` for `y` in [1, 2] (a double-double), to 2**-100 relative when `full`, else to
/// about 2**-62 (enough for one final rounding).
fn gamma_1_2(y: Dd, full: bool) -> Dd {
    let t = two_sum(y.hi, -1.5);
    let t = fast_two_sum(t.hi, t.lo + y.lo);
    let dd_terms = if full { GAMMA_1_2.len() } else { LEADING };
    let (lead, tail) = GAMMA_1_2.split_at(dd_terms);
    let mut tail_sum = 0.0;
    for &(c, _) in tail.iter().rev() {
        tail_sum = tail_sum * t.hi + c;
    }
    // Horner's rule: c_0 + t (c_1 + t (... + t (c_{L-1} + t * tail))).
    let mut acc = Dd::new(tail_sum, 0.0);
    for &(hi, lo) in lead.iter().rev() {
        acc = acc.mul(t).add(Dd::new(hi, lo));
    }
    acc
}

/// `2**300` and its inverse: rescaling the running product by them is exact.
const BIG: f64 = 2.037_035_976_334_486e90;
const SMALL: f64 = 4.909_093_465_297_727e-91;

/// `gamma(x)` as a double-double times `2**(300 * scale)`, for finite `x` in [-190, 171.7] that
/// is not a pole and has `|x| >= 2**-60`.
fn gamma_dd(x: f64, full: bool) -> (Dd, i32) {
    let m = x.floor();
    // y = x - m + 1 in [1, 2), exactly as a double-double.
    let shift = 1.0 - m;
    let y = two_sum(x, shift);
    let mut g = gamma_1_2(y, full);
    let mut scale = 0i32;
    let rescale = |p: Dd, scale: &mut i32| -> Dd {
        let a = p.hi.abs();
        if a > BIG {
            *scale += 1;
            p.scale(SMALL)
        } else if a < SMALL {
            *scale -= 1;
            p.scale(BIG)
        } else {
            p
        }
    };
    if shift < 0.0 {
        // x >= 2: gamma(x) = gamma(y) * (y) (y + 1) ... (x - 1); each x - k is exact.
        let mut k = 1.0;
        while k <= -shift {
            g = g.mul(Dd::new(x - k, 0.0));
            g = rescale(g, &mut scale);
            k += 1.0;
        }
    } else if shift > 0.0 {
        // x < 1: gamma(x) = gamma(y) / (x (x + 1) ... (y - 1)); each x + k as an exact sum.
        let mut p = Dd::new(1.0, 0.0);
        let mut k = 0.0;
        while k < shift {
            p = p.mul(two_sum(x, k));
            p = rescale(p, &mut scale);
            k += 1.0;
        }
        g = g.div(p);
        scale = -scale;
    }
    (g, scale)
}

/// `2**(300 * scale)` applied to `v` (exact unless the result leaves the normal range).
fn unscale(mut v: f64, scale: i32) -> f64 {
    let mut s = scale;
    while s > 0 {
        v *= BIG;
        s -= 1;
    }
    while s < 0 {
        v *= SMALL;
        s += 1;
    }
    v
}

/// Where [`gamma_dd`] is used. Below -190 `|gamma(x)|` is under 2**-1074: libm's reflection
/// gives the signed zero. (Between -190 and about -171 the results are subnormal: the scaled
/// double-double is rounded twice there, to a normal double and then by the final scaling, so
/// within one subnormal ulp.) Above 171.7 gamma overflows.
const LOW: f64 = -190.0;
const HIGH: f64 = 171.7;
/// Below this magnitude `gamma(x)` is `1/x` to within 2**-60 relative.
const TINY: f64 = 8.673_617_379_884_035e-19; // 2**-60

/// The gamma function (see the module documentation for poles, limits and accuracy).
pub fn gamma(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x == f64::INFINITY {
        return x;
    }
    if x == f64::NEG_INFINITY || (x < 0.0 && x == x.floor()) {
        return f64::NAN;
    }
    if x.abs() < TINY {
        // Including ±0: ±inf.
        return 1.0 / x;
    }
    if x > HIGH {
        return f64::INFINITY;
    }
    if x < LOW {
        return libm::tgamma(x);
    }
    let (g, scale) = gamma_dd(x, false);
    unscale(g.hi + g.lo, scale)
}

/// `ln 2` as a double-double.
const LN2: Dd = Dd::new(std::f64::consts::LN_2, 2.319_046_813_846_299_6e-17);

/// `log(|gamma(x)|)` (see the module documentation for poles, limits and accuracy).
pub fn lgamma(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x.is_infinite() {
        // scipy's gammaln: inf at inf, -inf at -inf.
        return x;
    }
    if x == 1.0 || x == 2.0 {
        return 0.0;
    }
    if x <= 0.0 && x == x.floor() {
        return f64::INFINITY;
    }
    if x.abs() < TINY || !(LOW..=HIGH).contains(&x) {
        return libm::lgamma_r(x).0;
    }
    let (g, scale) = gamma_dd(x, false);
    let g = if g.hi < 0.0 { g.scale(-1.0) } else { g };
    if scale == 0 && (0.5..=2.0).contains(&g.hi) {
        // |gamma(x)| near 1: recompute with the polynomial in full double-double, then
        // log1p of the difference from 1 (exact: Sterbenz) keeps the digits left.
        let (g, _) = gamma_dd(x, true);
        let g = if g.hi < 0.0 { g.scale(-1.0) } else { g };
        let d = two_sum(g.hi, -1.0);
        return log1p(d.hi + (d.lo + g.lo));
    }
    // log(hi + lo) = log(hi) + lo / hi (to 2**-100), plus 300 ln 2 per scale step.
    let k = f64::from(scale) * 300.0;
    let tail = g.lo / g.hi + k * LN2.lo;
    fast_two_sum(k * LN2.hi, log(g.hi)).hi + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poles_and_limits_are_scipys() {
        assert_eq!(gamma(0.0), f64::INFINITY);
        assert_eq!(gamma(-0.0), f64::NEG_INFINITY);
        assert!(gamma(-1.0).is_nan() && gamma(-1e300).is_nan());
        assert!(gamma(f64::NEG_INFINITY).is_nan() && gamma(f64::NAN).is_nan());
        assert_eq!(gamma(f64::INFINITY), f64::INFINITY);
        assert_eq!(gamma(172.0), f64::INFINITY);
        assert_eq!(lgamma(0.0), f64::INFINITY);
        assert_eq!(lgamma(-3.0), f64::INFINITY);
        assert_eq!(lgamma(f64::INFINITY), f64::INFINITY);
        assert_eq!(lgamma(f64::NEG_INFINITY), f64::NEG_INFINITY);
        assert_eq!(lgamma(1.0), 0.0);
        assert_eq!(lgamma(2.0), 0.0);
        assert!(lgamma(f64::NAN).is_nan());
    }

    #[test]
    fn exact_values() {
        // Factorials are exact doubles up to 22!: correctly rounded, so exact.
        let mut f = 1.0f64;
        for n in 1..=23 {
            assert_eq!(gamma(f64::from(n)), f, "gamma({n})");
            f *= f64::from(n);
        }
        // sqrt(pi) = 1.77245385090551602729816748334..., rounded up (not PI.sqrt(), which is
        // one ulp below).
        assert_eq!(gamma(0.5), 1.772_453_850_905_516);
        assert_eq!(gamma(-0.5), -3.544_907_701_811_032);
        assert_eq!(lgamma(3.0), std::f64::consts::LN_2);
        // lgamma(100) = 359.13420536957539877604401046028690...
        assert_eq!(lgamma(100.0), 359.134_205_369_575_4);
        assert!(gamma(171.6).is_finite() && gamma(171.6) > 1e308);
        assert!(gamma(-168.5).abs() < 1e-300 && gamma(-168.5) != 0.0);
    }

    #[test]
    fn the_same_near_the_seams() {
        // Across the reduction's integer seams the values stay monotone where gamma is.
        for n in 3..30 {
            let x = f64::from(n);
            let below = gamma(x - x * f64::EPSILON);
            assert!(
                below <= gamma(x) && gamma(x) <= gamma(x + x * f64::EPSILON),
                "{n}"
            );
        }
    }
}
