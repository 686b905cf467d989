//! `sin`, `cos` and `tan` for `f64` in portable Rust: a branch-free kernel for `|x| <= 2^20`,
//! written over [`Lanes`] so that the slice loops run it on two lanes per instruction on wasm32
//! `simd128`, and a scalar Payne-Hanek reduction for the rare larger lanes.
//!
//! Why not `f64::sin`: that is a call into the platform's libm per element (in the Pyodide build
//! the `sin` imported from Emscripten's libc), which no compiler vectorises and whose last bit
//! differs between platforms. This is plain `f64`/`u64` arithmetic, so every IEEE-754 target
//! gives the same bits (no fused multiply-add anywhere, as in `exp.rs`). (Left to LLVM, the
//! chunked loop of the fast path came out as `f64x2` code for `cos` but partly scalar for `sin`;
//! the explicit lanes made `sin` on 1e6 doubles in wasm 1.5x faster.)
//!
//! # Algorithm
//!
//! All three are computed on `|x|` and the sign put back (`sin`, `tan` odd, `cos` even), so
//! `sin(-0.0) = -0.0` and the quadrant count `n` is never negative.
//!
//! 1. Reduction: `|x| = n pi/2 + r`, `n = round(|x| 2/pi)`, `|r| <= pi/4 (1 + 2^-50)`, with `r`
//!    as a double-double `rh + rl`.
//!    - `|x| <= 2^20` (the fast path): Cody-Waite with `pi/2 = C1 + C2 + C3 + C4`, `C1` and
//!      `C3` of 33 significant bits and `C2` of 20, so `n C1`, `n C2`, `n C3` are exact for
//!      `n < 2^20`. `a = |x| - n C1` is exact (both are multiples of `min(ulp(x), 2^-32)`,
//!      which is at least `2^-53` when `n > 0`, and `|a| < 1`), and so is `b = a - n C2` (`C2`
//!      is below `2^-33` and its last bit weighs `2^-53`: `b` is a multiple of `2^-53` below 1).
//!      `b - n C3` is done with Knuth's two-sum, its rounding error kept in `rl` (a fast
//!      two-sum would not do: `|r|` is as small as `0.1 |n C3|` in this range). What is
//!      dropped: `n C4`'s rounding and `pi/2 - C1 - C2 - C3 - C4`, below `2^-120` together, and
//!      the rounding of `rl`, below `2^-105 |r|`. Over all doubles `|x| <= 2^20` the smallest
//!      `|r|` is `2^-60.5` (at `x = 45.553...`, next to `29 pi/2`; an exhaustive search over
//!      `n` in exact arithmetic), so `rh + rl` is within `2^-59.5 |r|` of `r`.
//!    - `|x| > 2^20`, finite: Payne-Hanek. With `|x| = m 2^e` (`m` the 53-bit integer
//!      significand), `x 2/pi mod 4` needs only the 192 bits of `2/pi` from weight `2^(1-e)`
//!      down (higher bits give multiples of 4, lower ones less than `2^-137`):
//!      `m V mod 2^192` in three 64-bit words gives the quadrant (top two bits) and the
//!      fraction to `2^-127`, made into a double-double and multiplied by `pi/2` in
//!      double-double. The smallest `|r|` over all doubles is about `2^-61`, so `r` is good
//!      to `2^-64` relative there too. 1,280 bits of `2/pi` cover `|x|` up to `f64::MAX`.
//! 2. With `z = rh^2` rounded and its exact error `ze` (Dekker's square, by splitting `rh` into
//!    26-bit halves: no FMA), `sin r = rh + ts` and `cos r = w + tc` where
//!    - `ts = u z + (u ze + rl (1 - z/2))`, `u = rh S(z)`, `S(z) ~= (sin r - r)/(r z)` of
//!      degree 6 (approximation error `2^-62.9` relative to `sin r`). `|ts| < 0.11 |rh|`, so
//!      its rounding errors (a few `2^-53 |ts|`) are below `0.4` ulp in the worst case.
//!    - `w = 1 - z/2` (exact error `(1 - w) - z/2` recovered by a fast two-sum),
//!      `tc = ((1 - w) - z/2) + (z^2 C(z) - (ze/2 + rl sin rh))`, `C(z) ~= (cos r - 1 + z/2)/z^2`
//!      of degree 5 (`2^-64` relative); `|tc| < 0.02` and `cos r >= 0.707`: errors below 0.05 ulp.
//! 3. `sin x`, by quadrant `n mod 4`: `sin r`, `cos r`, `-sin r`, `-cos r`; `cos x` is `sin`
//!    of quadrant `n + 1`. One polynomial is evaluated per lane, its coefficients (`S` or `C`,
//!    padded to the same length) and the other terms chosen by selects (no branch), so a
//!    vector of lanes in different quadrants costs one evaluation. The last addition
//!    `rh + ts` (or `w + tc`) rounds once: within 0.5 ulp plus the errors above.
//! 4. `tan x = (sh + sl)/(ch + cl)` in even quadrants and `-(ch + cl)/(sh + sl)` in odd ones,
//!    from the two results normalised to double-doubles: `q0 = nh/dh` and one correction
//!    `((nh - q0 dh) + nl - q0 dl)/dh`, with `q0 dh` exact (Dekker's product): `q0` plus the
//!    correction rounds once, within 0.5 ulp of the quotient of the two double-doubles.
//!
//! Measured against a reference with its own reduction (256 bits of `2/pi`, the table checked
//! against `pi` from Machin's formula) and double-double Taylor series, over 10,200,004
//! arguments per function (uniform on `[-4, 4]`, `[-100, 100]`, `[-1.1e6, 1.1e6]`, log-uniform
//! over every binade from the subnormals to `1.8e308`, within 64 ulps of multiples of `pi/2`,
//! and the two closest doubles to such multiples; `max_ulp_error_large_sweep` in the tests):
//! at most 0.815 ulp for `sin`, 0.806 for `cos`, 0.875 for `tan`. The largest errors are at
//! `|r|` near `pi/4`, from the roundings in `ts` (and, for `tan`, the quotient's): the same
//! whichever reduction path `x` took.
//!
//! # Constants
//!
//! Computed with mpmath at 1,600 bits: `C1..C3` are `pi/2` and its remainders truncated to 33,
//! 20 and 33 significant bits, `C4` the rest rounded; `TWO_OVER_PI[k]` holds the bits of `2/pi`
//! of weights `2^-(64k+1)` to `2^-(64k+64)`, i.e. `floor(2/pi 2^1280)` in 64-bit words, most
//! significant first. `table_matches_machin_pi` in the tests checks all of them against `pi`
//! computed there independently (Machin's formula in 1,536-bit fixed point). `S` and `C` are
//! weighted least-squares fits on 200 Chebyshev nodes of `z` in `[0, 0.7854^2]`, each
//! coefficient rounded to `f64` before the next ones are refitted; the errors above are their
//! measured maxima on a 2,000-point grid, in 300-bit arithmetic, with the rounded coefficients.

use super::dd::{split, two_prod, two_sum};
use super::lanes::{BitLanes, F64x2, Lanes, map_in_place_x2, map_into_x2};

/// Above this `|x|` the scalar Payne-Hanek reduction is used (`n < 2^20` keeps the Cody-Waite
/// products exact).
const LIMIT: f64 = 1_048_576.0;
/// `1.5 * 2^52`: adding it rounds a value below `2^51` to an integer in the mantissa's low bits.
const SHIFT: f64 = 6_755_399_441_055_744.0;
/// `2/pi` rounded to `f64`.
const INV_PIO2: f64 = f64::from_bits(0x3FE4_5F30_6DC9_C883);
/// `pi/2 = C1 + C2 + C3 + C4`; `C1` and `C3` have 33 significant bits, `C2` 20.
const C1: f64 = f64::from_bits(0x3FF9_21FB_5440_0000);
const C2: f64 = f64::from_bits(0x3DD0_B460_0000_0000);
const C3: f64 = f64::from_bits(0x3C91_A626_3310_0000);
const C4: f64 = f64::from_bits(0x3A71_701B_839A_2520);
/// `pi/2` as a double-double (for the large-argument path).
const PIO2_HI: f64 = f64::from_bits(0x3FF9_21FB_5444_2D18);
const PIO2_LO: f64 = f64::from_bits(0x3C91_A626_3314_5C07);
const SIGN: u64 = 1 << 63;

/// `S(z) ~= (sin r - r) / (r z)`, `z = r^2 <= 0.7854^2`, lowest degree first.
const S: [f64; 7] = [
    f64::from_bits(0xBFC5_5555_5555_5555),
    f64::from_bits(0x3F81_1111_1111_1089),
    f64::from_bits(0xBF2A_01A0_1A00_65CA),
    f64::from_bits(0x3EC7_1DE3_A3F6_88AC),
    f64::from_bits(0xBE5A_E643_C571_7568),
    f64::from_bits(0x3DE6_1140_F55D_D231),
    f64::from_bits(0xBD6A_5132_A333_BDC9),
];

/// `C(z) ~= (cos r - 1 + z/2) / z^2`, `z = r^2 <= 0.7854^2`, lowest degree first (degree 5,
/// padded with a zero to `S`'s length, so one evaluation serves both).
const C: [f64; 7] = [
    f64::from_bits(0x3FA5_5555_5555_554B),
    f64::from_bits(0xBF56_C16C_16C1_504C),
    f64::from_bits(0x3EFA_01A0_19C9_7A10),
    f64::from_bits(0xBE92_7E4F_7F91_194E),
    f64::from_bits(0x3E21_EE9E_17E1_1345),
    f64::from_bits(0xBDA8_FA9A_700A_DC09),
    0.0,
];

/// The bits of `2/pi` after the binary point, 64 per word, most significant first:
/// `floor(2/pi 2^1280)` (see the module docs).
static TWO_OVER_PI: [u64; 20] = [
    0xA2F9_836E_4E44_1529,
    0xFC27_57D1_F534_DDC0,
    0xDB62_9599_3C43_9041,
    0xFE51_63AB_DEBB_C561,
    0xB724_6E3A_424D_D2E0,
    0x0649_2EEA_09D1_921C,
    0xFE1D_EB1C_B129_A73E,
    0xE882_35F5_2EBB_4484,
    0xE99C_7026_B45F_7E41,
    0x3991_D639_8353_39F4,
    0x9C84_5F8B_BDF9_283B,
    0x1FF8_97FF_DE05_980F,
    0xEF2F_118B_5A0A_6D1F,
    0x6D36_7ECF_27CB_09B7,
    0x4F46_3F66_9E5F_EA2D,
    0x7527_BAC7_EBE5_F17B,
    0x3D07_39F7_8A52_92EA,
    0x6BFB_5FB1_1F8D_5D08,
    0x5603_3046_FC7B_6BAB,
    0xF0CF_BC20_9AF4_361D,
];

/// `a + b` and its exact error when `|a| >= |b|` (Dekker).
#[inline(always)]
fn fast_two_sum<L: Lanes>(a: L, b: L) -> (L, L) {
    let s = a + b;
    (s, b - (s - a))
}

/// `ax = n pi/2 + rh + rl` for `0 <= ax <= LIMIT` (see the module docs, step 1); the third
/// value holds `n` in its low bits. Branch-free.
#[inline(always)]
fn reduce_small<L: Lanes>(ax: L) -> (L, L, L::Bits) {
    let c = L::splat;
    let t = ax * c(INV_PIO2) + c(SHIFT);
    let n = t - c(SHIFT);
    let a = ax - n * c(C1);
    let b = a - n * c(C2);
    let (rh, e) = two_sum(b, (n * c(C3)).neg());
    (rh, e - n * c(C4), t.to_bits())
}

/// 64 bits of `2/pi` starting at bit `p` (weight `2^-p`); bits at `p < 1` are 0.
fn two_over_pi_bits(p: i32) -> u64 {
    let at = |k: i32| TWO_OVER_PI.get(k as usize).copied().unwrap_or(0);
    let i = p - 1;
    if i <= -64 {
        0
    } else if i < 0 {
        at(0) >> -i
    } else {
        let (k, sh) = (i / 64, (i % 64) as u32);
        if sh == 0 {
            at(k)
        } else {
            (at(k) << sh) | (at(k + 1) >> (64 - sh))
        }
    }
}

/// Payne-Hanek: `ax = n pi/2 + rh + rl` for finite `ax > LIMIT` (module docs, step 1).
#[inline(never)]
fn reduce_large(ax: f64) -> (f64, f64, u64) {
    let bits = ax.to_bits();
    let e = ((bits >> 52) & 0x7FF) as i32 - 1075;
    let m = u128::from((bits & ((1 << 52) - 1)) | (1 << 52));
    // V = the 192 bits of 2/pi from weight 2^(1-e); x 2/pi = m V 2^-190 (mod 4, + < 2^-137).
    let v = [
        two_over_pi_bits(e - 1),
        two_over_pi_bits(e + 63),
        two_over_pi_bits(e + 127),
    ];
    let p2 = m * u128::from(v[2]);
    let p1 = m * u128::from(v[1]) + (p2 >> 64);
    let p0 = m * u128::from(v[0]) + (p1 >> 64);
    let (w0, w1, w2) = (p0 as u64, p1 as u64, p2 as u64);
    let mut n = w0 >> 62;
    // The fraction (weight 2^-128) without the quadrant bits; from 1/2 up it is taken as
    // f - 1 with the next quadrant, so |f| <= 1/2.
    let frac = ((u128::from(w0) << 64 | u128::from(w1)) << 2) | u128::from(w2 >> 62);
    n += (frac >> 127) as u64;
    let f = (frac as i128) >> 1; // weight 2^-127, |f| <= 2^126
    let hi = f as f64;
    let lo = (f - hi as i128) as f64;
    let scale = f64::from_bits((1023 - 127) << 52);
    let (hi, lo) = (hi * scale, lo * scale);
    // (hi + lo) pi/2 in double-double.
    let (p, pe) = two_prod(hi, PIO2_HI);
    let (rh, rl) = fast_two_sum(p, pe + (hi * PIO2_LO + lo * PIO2_HI));
    (rh, rl, n)
}

/// `rh^2` rounded and its exact error (Dekker's square; `|rh| < 1`).
#[inline(always)]
fn square<L: Lanes>(rh: L) -> (L, L) {
    let z = rh * rh;
    let (h, l) = split(rh);
    (z, ((h * h - z) + L::splat(2.0) * h * l) + l * l)
}

/// `P(z)` for the coefficients `p(k)` (`S`, `C`, or a lane-wise choice of them), by Estrin.
#[inline(always)]
fn poly<L: Lanes>(p: impl Fn(usize) -> L, z: L, z2: L) -> L {
    ((p(0) + p(1) * z) + z2 * (p(2) + p(3) * z)) + (z2 * z2) * ((p(4) + p(5) * z) + z2 * p(6))
}

/// `sin r` and `cos r` for `r = rh + rl`, `|r| <= pi/4 (1 + 2^-50)`, each as an unnormalised
/// pair whose first part is the larger (module docs, step 2).
#[inline(always)]
fn sin_cos_pairs<L: Lanes>(rh: L, rl: L) -> ((L, L), (L, L)) {
    let c = L::splat;
    let (z, ze) = square(rh);
    let z2 = z * z;
    let hz = c(0.5) * z;

    let u = rh * poly(|k| c(S[k]), z, z2);
    let uz = u * z;
    let ts = uz + (u * ze + rl * (c(1.0) - hz));

    let w = c(1.0) - hz;
    let tc = ((c(1.0) - w) - hz) + (z2 * poly(|k| c(C[k]), z, z2) - (c(0.5) * ze + rl * (rh + uz)));
    ((rh, ts), (w, tc))
}

/// `y` with the sign bit `y`'s XOR `sign`.
#[inline(always)]
fn flip<L: Lanes>(y: L, sign: L::Bits) -> L {
    L::from_bits(y.to_bits().xor(sign))
}

/// All ones in the lanes where `n` is odd, zero where it is even.
#[inline(always)]
fn odd_mask<B: BitLanes>(n: B) -> B {
    B::splat(0).sub(n.and(B::splat(1)))
}

/// `sin(n pi/2 + r)` (module docs, step 3): `sin r` in even quadrants, `cos r` in odd ones,
/// as in [`sin_cos_pairs`] but with one polynomial evaluation whose coefficients, factors and
/// terms are chosen lane by lane (selects, no branch):
/// `sin r = rh + (u z + (u ze + rl (1 - z/2)))` with `u = rh S(z)`, and
/// `cos r = w + (z C(z) z + (((1 - w) - z/2) - ze/2 - rl (rh + rh z S[0])))`.
#[inline(always)]
fn sin_quadrant<L: Lanes>(rh: L, rl: L, n: L::Bits) -> L {
    let c = L::splat;
    let (z, ze) = square(rh);
    let hz = c(0.5) * z;
    let cos_lane = odd_mask(n);
    let p = poly(|k| L::select(cos_lane, c(C[k]), c(S[k])), z, z * z);
    let w = c(1.0) - hz;
    let head = L::select(cos_lane, w, rh);
    let m = L::select(cos_lane, z, rh);
    let mp = m * p;
    let e = L::select(cos_lane, (c(1.0) - w) - hz, c(0.0));
    let k = L::select(cos_lane, c(-0.5), mp);
    let l = L::select(cos_lane, (rh + rh * (z * c(S[0]))).neg(), c(1.0) - hz);
    let y = head + (mp * z + ((e + ze * k) + rl * l));
    flip(y, n.and(BitLanes::splat(2)).shl(62))
}

/// `tan(n pi/2 + r)` (module docs, step 4).
#[inline(always)]
fn tan_quadrant<L: Lanes>(rh: L, rl: L, n: L::Bits) -> L {
    let (s, c) = sin_cos_pairs(rh, rl);
    let (s, c) = (fast_two_sum(s.0, s.1), fast_two_sum(c.0, c.1));
    let odd = odd_mask(n);
    let (nh, nl) = (L::select(odd, c.0, s.0), L::select(odd, c.1, s.1));
    let (dh, dl) = (L::select(odd, s.0, c.0), L::select(odd, s.1, c.1));
    let q0 = nh / dh;
    let (p, pe) = two_prod(q0, dh);
    let y = q0 + ((((nh - p) - pe) + nl) - q0 * dl) / dh;
    flip(y, n.and(BitLanes::splat(1)).shl(63))
}

/// The reduction of `|x|`, or `None` for inf and NaN.
#[inline(always)]
fn reduce(ax: f64) -> Option<(f64, f64, u64)> {
    if ax <= LIMIT {
        Some(reduce_small(ax))
    } else if ax.is_finite() {
        Some(reduce_large(ax))
    } else {
        None
    }
}

/// Sine, within 1 ulp for every finite `x`; NaN for inf and NaN; `sin(-0.0) = -0.0`.
#[inline]
pub fn sin(x: f64) -> f64 {
    match reduce(x.abs()) {
        Some((rh, rl, n)) => flip(sin_quadrant(rh, rl, n), sign(x)),
        None => f64::NAN,
    }
}

/// Cosine, within 1 ulp for every finite `x`; NaN for inf and NaN.
#[inline]
pub fn cos(x: f64) -> f64 {
    match reduce(x.abs()) {
        Some((rh, rl, n)) => sin_quadrant(rh, rl, n.wrapping_add(1)),
        None => f64::NAN,
    }
}

/// Tangent, within 1 ulp for every finite `x`; NaN for inf and NaN; `tan(-0.0) = -0.0`.
#[inline]
pub fn tan(x: f64) -> f64 {
    match reduce(x.abs()) {
        Some((rh, rl, n)) => flip(tan_quadrant(rh, rl, n), sign(x)),
        None => f64::NAN,
    }
}

/// `|x|`, on one lane or two.
#[inline(always)]
fn abs<L: Lanes>(x: L) -> L {
    L::from_bits(x.to_bits().and(BitLanes::splat(!SIGN)))
}

/// `x`'s sign bit.
#[inline(always)]
fn sign<L: Lanes>(x: L) -> L::Bits {
    x.to_bits().and(BitLanes::splat(SIGN))
}

/// [`sin`] for `|x| <= LIMIT` only (branch-free), on one lane or two.
#[inline(always)]
fn sin_small<L: Lanes>(x: L) -> L {
    let (rh, rl, n) = reduce_small(abs(x));
    flip(sin_quadrant(rh, rl, n), sign(x))
}

/// [`cos`] for `|x| <= LIMIT` only (branch-free).
#[inline(always)]
fn cos_small<L: Lanes>(x: L) -> L {
    let (rh, rl, n) = reduce_small(abs(x));
    sin_quadrant(rh, rl, n.add(BitLanes::splat(1)))
}

/// [`tan`] for `|x| <= LIMIT` only (branch-free).
#[inline(always)]
fn tan_small<L: Lanes>(x: L) -> L {
    let (rh, rl, n) = reduce_small(abs(x));
    flip(tan_quadrant(rh, rl, n), sign(x))
}

/// One of the three functions: its branch-free kernel for `|x| <= LIMIT` and the full one.
#[derive(Clone, Copy)]
pub(super) enum Trig {
    Sin,
    Cos,
    Tan,
}

/// Whether the two-lane kernels may take `x` (NaN may not).
#[inline(always)]
fn is_small(x: f64) -> bool {
    x.abs() <= LIMIT
}

/// `out[i] = f(x[i])`, two lanes per instruction where all four elements of a chunk are in the
/// fast range (`elementwise/lanes.rs`); a chunk with a large, infinite or NaN element goes
/// element by element through the full function. Same operations per element either way, so
/// the same bits. The caller has checked `out.len() == x.len()`.
pub(super) fn map_into(kind: Trig, x: &[f64], out: &mut [f64]) {
    match kind {
        Trig::Sin => map_into_x2(x, out, is_small, sin_small::<F64x2>, sin_small::<f64>, sin),
        Trig::Cos => map_into_x2(x, out, is_small, cos_small::<F64x2>, cos_small::<f64>, cos),
        Trig::Tan => map_into_x2(x, out, is_small, tan_small::<F64x2>, tan_small::<f64>, tan),
    }
}

/// `x[i] = f(x[i])` (as [`map_into`]).
pub(super) fn map_in_place(kind: Trig, x: &mut [f64]) {
    match kind {
        Trig::Sin => map_in_place_x2(x, is_small, sin_small::<F64x2>, sin_small::<f64>, sin),
        Trig::Cos => map_in_place_x2(x, is_small, cos_small::<F64x2>, cos_small::<f64>, cos),
        Trig::Tan => map_in_place_x2(x, is_small, tan_small::<F64x2>, tan_small::<f64>, tan),
    }
}

#[cfg(test)]
mod tests {
    use super::super::reference;
    use super::{cos, sin, tan};
    use std::sync::OnceLock;

    // --- An independent reference: pi by Machin's formula in fixed point (checks the table of
    // 2/pi), a 256-bit Payne-Hanek reduction of its own, and double-double Taylor series.
    // Test-only: it uses `mul_add` for exact products, which is correct (if slow) everywhere.

    type Dd = (f64, f64);

    fn two_sum(a: f64, b: f64) -> Dd {
        let s = a + b;
        let bb = s - a;
        (s, (a - (s - bb)) + (b - bb))
    }

    fn fast_two_sum(a: f64, b: f64) -> Dd {
        let s = a + b;
        (s, b - (s - a))
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

    fn dd_div(a: Dd, b: Dd) -> Dd {
        let q = a.0 / b.0;
        let r = dd_add(a, dd_mul((-q, 0.0), b));
        fast_two_sum(q, r.0 / b.0)
    }

    fn dd_div_small(a: Dd, n: f64) -> Dd {
        let q = a.0 / n;
        let p = q * n;
        let pe = q.mul_add(n, -p);
        fast_two_sum(q, ((a.0 - p) - pe + a.1) / n)
    }

    /// Fixed-point numbers: little-endian 64-bit limbs, `FRAC` of them after the point.
    const FRAC: usize = 24;

    fn fx_div_small(a: &mut [u64], d: u64) {
        let mut rem: u128 = 0;
        for limb in a.iter_mut().rev() {
            let cur = (rem << 64) | u128::from(*limb);
            *limb = (cur / u128::from(d)) as u64;
            rem = cur % u128::from(d);
        }
    }

    fn fx_add_sub(a: &mut [u64], b: &[u64], subtract: bool) {
        let mut carry = 0u64;
        for (x, &y) in a.iter_mut().zip(b) {
            let (s, c1, c2);
            if subtract {
                (s, c1) = x.overflowing_sub(y);
                let (s2, c) = s.overflowing_sub(carry);
                (*x, c2) = (s2, c);
            } else {
                (s, c1) = x.overflowing_add(y);
                let (s2, c) = s.overflowing_add(carry);
                (*x, c2) = (s2, c);
            }
            carry = u64::from(c1 || c2);
        }
    }

    /// `atan(1/k) = sum (-1)^i / ((2i + 1) k^(2i+1))`.
    fn atan_inv(k: u64) -> Vec<u64> {
        let mut pow = vec![0; FRAC + 1];
        pow[FRAC] = 1;
        fx_div_small(&mut pow, k);
        let mut sum = pow.clone();
        for i in 1u64.. {
            fx_div_small(&mut pow, k * k);
            if pow.iter().all(|&w| w == 0) {
                break;
            }
            let mut term = pow.clone();
            fx_div_small(&mut term, 2 * i + 1);
            fx_add_sub(&mut sum, &term, i % 2 == 1);
        }
        sum
    }

    /// `pi/2 = 8 atan(1/5) - 2 atan(1/239)` to about 2^-1530.
    fn half_pi_fixed() -> &'static Vec<u64> {
        static PI: OnceLock<Vec<u64>> = OnceLock::new();
        PI.get_or_init(|| {
            let mut a = atan_inv(5);
            let b = atan_inv(239);
            let mut acc = vec![0; FRAC + 1];
            for _ in 0..8 {
                fx_add_sub(&mut acc, &a, false);
            }
            for _ in 0..2 {
                fx_add_sub(&mut acc, &b, true);
            }
            a.clone_from(&acc);
            a
        })
    }

    /// `pi/2` as a double-double, from the fixed-point value.
    fn half_pi() -> Dd {
        let pi = half_pi_fixed();
        let mut v = (0.0, 0.0);
        // Exact 32-bit pieces, smallest first.
        for (i, &w) in pi.iter().enumerate().skip(FRAC - 3) {
            let weight = 64.0 * (i as f64 - FRAC as f64);
            for (piece, shift) in [(w & 0xFFFF_FFFF, 0.0), (w >> 32, 32.0)] {
                v = dd_add(v, (piece as f64 * (weight + shift).exp2(), 0.0));
            }
        }
        v
    }

    #[test]
    fn table_matches_machin_pi() {
        // floor(2/pi 2^1280) = T exactly iff 2^1280 - T pi/2 is in [0, pi/2).
        let pi = half_pi_fixed();
        let t: Vec<u64> = super::TWO_OVER_PI.iter().rev().copied().collect();
        let mut prod = vec![0u64; t.len() + pi.len() + 1];
        for (i, &a) in t.iter().enumerate() {
            let mut carry: u128 = 0;
            for (j, &b) in pi.iter().enumerate() {
                let cur = u128::from(a) * u128::from(b) + u128::from(prod[i + j]) + carry;
                prod[i + j] = cur as u64;
                carry = cur >> 64;
            }
            prod[i + pi.len()] = carry as u64;
        }
        // 2^1280 - T pi/2 = d, with the integer part of T pi/2 at limbs FRAC.. .
        let int = &prod[FRAC..];
        let top_frac = prod[FRAC - 1] as f64 / 2f64.powi(64);
        let all_ones =
            int[..20].iter().all(|&w| w == u64::MAX) && int[20..].iter().all(|&w| w == 0);
        let minus_two = int[0] == u64::MAX - 1
            && int[1..20].iter().all(|&w| w == u64::MAX)
            && int[20..].iter().all(|&w| w == 0);
        let d = if all_ones {
            1.0 - top_frac
        } else if minus_two {
            2.0 - top_frac
        } else {
            f64::INFINITY
        };
        assert!(
            (0.0..core::f64::consts::FRAC_PI_2).contains(&d),
            "2^1280 - T pi/2 = {d}"
        );
        // The Cody-Waite parts and the double-double pi/2 of the kernel.
        let hp = half_pi();
        let parts = dd_add((super::C1, 0.0), (super::C2, 0.0));
        let parts = dd_add(dd_add(parts, (super::C3, 0.0)), (super::C4, 0.0));
        let rest = dd_add(hp, (-parts.0, -parts.1));
        assert!(rest.0.abs() < 2f64.powi(-150), "C1..C4: {rest:?}");
        for c in [super::C1, super::C3] {
            assert_eq!(c.to_bits() & 0xF_FFFF, 0, "33 significant bits");
        }
        assert_eq!(super::C2.to_bits() & 0xFFFF_FFFF, 0, "20 significant bits");
        assert_eq!((super::PIO2_HI, super::PIO2_LO), hp);
        assert_eq!(super::INV_PIO2, dd_div((1.0, 0.0), hp).0);
    }

    /// `|x| = n pi/2 + r` with `|r| <= pi/4`, `r` to about 2^-100 relative: the 256 bits of
    /// 2/pi from weight `2^(1-e)`, the fraction rounded to the nearest quadrant in integers
    /// (so no cancellation), then summed in 32-bit pieces.
    fn ref_reduce(ax: f64) -> (u64, Dd) {
        if ax < 0.78 {
            return (0, (ax, 0.0));
        }
        let bits = ax.to_bits();
        let e = ((bits >> 52) & 0x7FF) as i32 - 1075;
        let m = (bits & ((1 << 52) - 1)) | (1 << 52);
        // Words of 2/pi bits, one bit at a time from the table (simple, independent of the
        // kernel's word arithmetic).
        let bit = |p: i32| -> u64 {
            if p < 1 {
                return 0;
            }
            let i = (p - 1) as usize;
            (super::TWO_OVER_PI[i / 64] >> (63 - i % 64)) & 1
        };
        let mut v = [0u64; 4]; // most significant first
        for (k, w) in v.iter_mut().enumerate() {
            for b in 0..64 {
                *w = (*w << 1) | bit(e - 1 + 64 * k as i32 + b);
            }
        }
        // N = m V mod 2^256, little-endian.
        let mut n = [0u64; 4];
        let mut carry: u128 = 0;
        for k in 0..4 {
            let cur = u128::from(m) * u128::from(v[3 - k]) + carry;
            n[k] = cur as u64;
            carry = cur >> 64;
        }
        // Weight of N's bit 0 is 2^-254: quadrant = bits 255..254, fraction below.
        let mut q = n[3] >> 62;
        n[3] &= (1 << 62) - 1;
        let mut negative = false;
        if n[3] >> 61 == 1 {
            // f >= 1/2: r = -(1 - f) in the next quadrant; 1 - f = 2^254 - N (mod 2^254).
            q += 1;
            negative = true;
            let mut borrow = 0u64;
            for w in n.iter_mut() {
                let (d, b1) = 0u64.overflowing_sub(*w);
                let (d, b2) = d.overflowing_sub(borrow);
                *w = d;
                borrow = u64::from(b1 || b2);
            }
            n[3] &= (1 << 62) - 1;
        }
        let mut f = (0.0, 0.0);
        for (k, &w) in n.iter().enumerate() {
            for (piece, shift) in [(w & 0xFFFF_FFFF, 0), (w >> 32, 32)] {
                let weight = 64 * k as i32 + shift - 254;
                f = dd_add(f, (piece as f64 * f64::from(weight).exp2(), 0.0));
            }
        }
        let r = dd_mul(f, half_pi());
        (q, if negative { (-r.0, -r.1) } else { r })
    }

    /// `sin r` and `cos r` for `|r| <= pi/4` by their Taylor series in double-double.
    fn ref_sin_cos(r: Dd) -> (Dd, Dd) {
        let r2 = dd_mul(r, r);
        let (mut s, mut c) = (r, (1.0, 0.0));
        let (mut ts, mut tc) = (r, (1.0, 0.0));
        for k in 1..16 {
            let k = f64::from(k);
            ts = dd_div_small(dd_mul(ts, r2), -(2.0 * k) * (2.0 * k + 1.0));
            tc = dd_div_small(dd_mul(tc, r2), -(2.0 * k - 1.0) * (2.0 * k));
            s = dd_add(s, ts);
            c = dd_add(c, tc);
        }
        (s, c)
    }

    #[derive(Clone, Copy, Debug)]
    enum F {
        Sin,
        Cos,
        Tan,
    }

    /// The reference value of `f(x)` for finite `x`, to about 2^-100 relative.
    fn reference(f: F, x: f64) -> Dd {
        let (q, r) = ref_reduce(x.abs());
        let (s, c) = ref_sin_cos(r);
        let neg = |v: Dd| (-v.0, -v.1);
        let odd = |v: Dd| if x < 0.0 { neg(v) } else { v };
        match f {
            F::Sin => odd([s, c, neg(s), neg(c)][(q % 4) as usize]),
            F::Cos => [c, neg(s), neg(c), s][(q % 4) as usize],
            F::Tan => odd(if q % 2 == 0 {
                dd_div(s, c)
            } else {
                neg(dd_div(c, s))
            }),
        }
    }

    fn eval(f: F, x: f64) -> f64 {
        match f {
            F::Sin => sin(x),
            F::Cos => cos(x),
            F::Tan => tan(x),
        }
    }

    /// `|y - v|` in units of the last place of the exact `v` (subnormal ulp below 2^-1022).
    fn ulp_error(y: f64, (h, l): Dd) -> f64 {
        let ah = h.abs();
        let mut e = if ah < f64::MIN_POSITIVE {
            -1022
        } else {
            ((ah.to_bits() >> 52) as i32) - 1023
        };
        let power_of_two = ah.to_bits() & ((1 << 52) - 1) == 0;
        if power_of_two && l != 0.0 && (l < 0.0) != (h < 0.0) {
            e -= 1;
        }
        let ulp = f64::from((e - 52).max(-1074)).exp2();
        ((y - h) - l).abs() / ulp
    }

    /// Splitmix64, so sweeps are reproducible.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
            lo + (hi - lo) * ((self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64))
        }
        /// `±m 2^e`, `m` uniform in `[1, 2)`, `e` uniform in `lo..=hi` (subnormals below -1022).
        fn log_uniform(&mut self, lo: i32, hi: i32) -> f64 {
            let e = lo + (self.next() % (hi - lo + 1) as u64) as i32;
            let m = self.uniform(1.0, 2.0);
            let v = if e < -1000 {
                m * 2f64.powi(e + 200) * 2f64.powi(-200)
            } else {
                m * 2f64.powi(e)
            };
            if self.next() & 1 == 0 { v } else { -v }
        }
    }

    /// Arguments worst for the reduction: the doubles nearest to multiples of pi/2 below 2^20
    /// (`45.553...` next to `29 pi/2`, found by an exhaustive search, is the closest) and the
    /// closest of all doubles, `6381956970095103 2^797`.
    const HARD: [f64; 2] = [45.553_093_477_052, f64::from_bits(0x7506_AC5B_262C_A1FF)];

    /// About `6 n` arguments: uniform on `[-4, 4]`, `[-100, 100]` and over the fast path's
    /// whole range and past it, log-uniform over every binade (subnormals to 1.8e308), and
    /// within 64 ulps of multiples of pi/2 (both paths).
    fn sweep(n: usize, seed: u64) -> Vec<f64> {
        let mut rng = Rng(seed);
        let mut xs = Vec::with_capacity(6 * n + 8);
        for _ in 0..n {
            xs.push(rng.uniform(-4.0, 4.0));
            xs.push(rng.uniform(-100.0, 100.0));
            xs.push(rng.uniform(-1.1e6, 1.1e6));
            xs.push(rng.log_uniform(-1074, 1023));
            let k = rng.log_uniform(0, 60).abs().round();
            let near = k * core::f64::consts::FRAC_PI_2;
            let off = (rng.next() % 129) as i64 - 64;
            xs.push(f64::from_bits((near.to_bits() as i64 + off) as u64));
            xs.push(rng.log_uniform(-30, 30));
        }
        xs.extend(HARD);
        xs.extend(HARD.map(|v| -v));
        xs
    }

    /// The largest error in ulps of `f` over `xs`, and where.
    fn max_ulp_error(f: F, xs: &[f64]) -> (f64, f64) {
        let mut worst = (0.0, f64::NAN);
        for &x in xs {
            let y = eval(f, x);
            let e = ulp_error(y, reference(f, x));
            if e > worst.0 || e.is_nan() {
                worst = (e, x);
            }
        }
        worst
    }

    #[test]
    fn hard_cases_are_near_multiples_of_half_pi() {
        // The reference's reduction of the hard cases: |r| tiny, as claimed.
        let (_, r) = ref_reduce(HARD[0]);
        assert!(r.0.abs() < 2f64.powi(-60), "{r:?}");
        let (_, r) = ref_reduce(HARD[1]);
        assert!(r.0.abs() < 2f64.powi(-60), "{r:?}");
    }

    #[test]
    fn reference_agrees_with_libm() {
        // The reference itself, checked against the platform's libm (within about 1 ulp).
        // Not at the hard cases: there the host's libm (glibc 2.36) is 8 ulp off in cos of
        // 6381956970095103 2^797 (-4.68716592425462e-19; exactly -4.6871659242546277e-19 by
        // mpmath at 3,000 bits, as the reference says).
        for x in sweep(2_000, 7)
            .into_iter()
            .filter(|x| !HARD.contains(&x.abs()))
        {
            for (f, lib) in [(F::Sin, x.sin()), (F::Cos, x.cos()), (F::Tan, x.tan())] {
                let e = ulp_error(lib, reference(f, x));
                assert!(e <= 1.0, "libm {f:?}({x:e}) is {e} ulp from the reference");
            }
        }
    }

    #[test]
    fn max_ulp_error_sweep() {
        let xs = sweep(20_000, 1);
        for f in [F::Sin, F::Cos, F::Tan] {
            let (e, x) = max_ulp_error(f, &xs);
            assert!(e < BOUND, "{f:?}({x:e}) is {e} ulp off");
        }
    }

    /// What the sweeps check: under one ulp (the measured maxima are in the module docs).
    const BOUND: f64 = 1.0;

    /// About 10^7 arguments per function (5 minutes on one core); run with
    /// `cargo test --release -p fastmath-core trig::tests::max_ulp_error_large -- --ignored
    /// --nocapture`.
    #[test]
    #[ignore = "slow: a measurement, run by hand"]
    fn max_ulp_error_large_sweep() {
        let xs = sweep(1_700_000, 2);
        for f in [F::Sin, F::Cos, F::Tan] {
            let (e, x) = max_ulp_error(f, &xs);
            println!(
                "{f:?}: {} arguments, max error {e} ulp at x = {x:e} ({:#x})",
                xs.len(),
                x.to_bits()
            );
            assert!(e < BOUND, "{f:?}({x:e}) is {e} ulp off");
        }
    }

    #[test]
    fn special_values() {
        let same = |a: f64, b: f64| a.to_bits() == b.to_bits();
        assert!(same(sin(0.0), 0.0) && same(sin(-0.0), -0.0));
        assert!(same(tan(0.0), 0.0) && same(tan(-0.0), -0.0));
        assert!(same(cos(0.0), 1.0) && same(cos(-0.0), 1.0));
        for v in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN, -f64::NAN] {
            assert!(sin(v).is_nan() && cos(v).is_nan() && tan(v).is_nan());
        }
        // Tiny and subnormal arguments: sin x = tan x = x, cos x = 1.
        for x in [
            5e-324,
            -5e-324,
            1e-310,
            f64::MIN_POSITIVE,
            1e-200,
            -1e-20,
            1e-9,
        ] {
            assert!(same(sin(x), x) && same(tan(x), x), "{x:e}");
            assert!(same(cos(x), 1.0), "{x:e}");
        }
        for x in [
            f64::MAX,
            f64::MIN,
            1e308,
            1e22,
            2f64.powi(52),
            super::LIMIT,
            -super::LIMIT,
        ] {
            for f in [F::Sin, F::Cos, F::Tan] {
                let y = eval(f, x);
                assert!(
                    ulp_error(y, reference(f, x)) < BOUND,
                    "{f:?}({x:e}) = {y:e}"
                );
            }
        }
        // sin(1e22) is a classic check of the reduction (correctly rounded value).
        assert_eq!(sin(1e22), -0.852_200_849_767_188_8);
    }

    #[test]
    fn slice_kernels_give_the_scalar_bits() {
        let xs = sweep(1_000, 4);
        reference::check_lanes(&xs, super::is_small, super::sin_small, sin);
        reference::check_lanes(&xs, super::is_small, super::cos_small, cos);
        reference::check_lanes(&xs, super::is_small, super::tan_small, tan);
        reference::check_slice_kernels(
            &xs,
            sin,
            super::super::sin_into,
            super::super::sin_in_place,
            reference::NanBits::Any,
        );
        reference::check_slice_kernels(
            &xs,
            cos,
            super::super::cos_into,
            super::super::cos_in_place,
            reference::NanBits::Any,
        );
        reference::check_slice_kernels(
            &xs,
            tan,
            super::super::tan_into,
            super::super::tan_in_place,
            reference::NanBits::Any,
        );
    }

    /// The arguments of the fingerprint: by `i % 4`, uniform in `[-4, 4)`, uniform in
    /// `[-1.1e6, 1.1e6)` (both paths), random bit patterns (every kind of double), and
    /// `±2^(-30..90)`-ish log-uniform values.
    pub(crate) fn fingerprint_args() -> Vec<f64> {
        let mut rng = Rng(12345);
        (0..100_000)
            .map(|i| {
                let z = rng.next();
                let u = (z >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
                match i % 4 {
                    0 => -4.0 + 8.0 * u,
                    1 => -1.1e6 + 2.2e6 * u,
                    2 => f64::from_bits(z),
                    _ => (u - 0.5) * 2f64.powi((z % 120) as i32 - 30),
                }
            })
            .collect()
    }

    /// A fingerprint of each function over 10^5 arguments ([`fingerprint_args`]): FNV-1a
    /// (64-bit, word-wise) over the result bits, NaN hashed as one value. The same numbers come
    /// from the native Pyodide wheel (wasm32-unknown-emscripten, +simd128): see
    /// `test_trig_bits_fingerprint` in tests/python/test_elementwise.py, which recomputes them
    /// through `fastmath.sin(array)` etc. They change when the algorithm does.
    #[test]
    fn bits_fingerprint() {
        let xs = fingerprint_args();
        type Into = fn(&[f64], &mut [f64]) -> crate::Result<()>;
        let kernels: [(Into, u64); 3] = [
            (super::super::sin_into, 0x3543_7D82_BDFD_394E),
            (super::super::cos_into, 0xB49D_C685_8E08_7EFB),
            (super::super::tan_into, 0xFA93_0179_6D04_F308),
        ];
        let mut got = Vec::new();
        for (into, _) in kernels {
            let mut out = vec![0.0; xs.len()];
            into(&xs, &mut out).unwrap();
            let mut h: u64 = 0xCBF2_9CE4_8422_2325;
            for &y in &out {
                let bits = if y.is_nan() {
                    0x7FF8_0000_0000_0000
                } else {
                    y.to_bits()
                };
                h = (h ^ bits).wrapping_mul(0x0000_0100_0000_01B3);
            }
            got.push(h);
        }
        assert_eq!(
            got,
            kernels.map(|k| k.1).to_vec(),
            "fingerprints {got:#018x?}"
        );
    }
}
