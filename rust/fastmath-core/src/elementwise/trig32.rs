//! Sine and cosine for `f32`, four lanes at a time ([`Lanes32`]): the argument reduction in
//! `f64`, the polynomials in `f32`.
//!
//! # Algorithm
//!
//! 1. Reduction, in `f64` (each `f32` widens exactly; on wasm32 `simd128` two [`F64x2`] per
//!    [`super::lanes32::F32x4`]): `n = round(x 2/pi)` by the magic-add trick,
//!    `r = (x - n PIO2_1) - n PIO2_2`, `|r| <= pi/4 (1 + 2^-50)`. `PIO2_1` has 31 significant bits,
//!    so for `|x| < 2^20` (`|n| < 2^20`) `n PIO2_1` is exact and so is `x - n PIO2_1` (both are
//!    multiples of 2^-30 once `n != 0` and their difference is below 1); `PIO2_1 + PIO2_2` is
//!    `pi/2` to 2^-86. So `r` is within about 2^-52 |r| + 2^-65 of `x - n pi/2`, far below
//!    what `f32` needs even at the `f32` closest to a multiple of `pi/2`. Then `r` is split into
//!    `rh + rl` in `f32` (`rh` rounded, `rl` the rest).
//! 2. `sin r = rh + (rl + rh z S(z))`, `z = rh^2`, `S` of degree 3 (relative error below
//!    2^-32.5 with its `f32` coefficients); `cos r = 1 - r^2/2 + z^2 C(z)` with `1 - rh^2/2`
//!    carried exactly: `rh` is split into a 12-bit head and a tail (so the head's square is
//!    exact), `1 - head^2/2` into `w + c` (Fast2Sum), and the tail's and `rl`'s contributions
//!    join the small terms; `C` of degree 3 (error below 2^-37).
//! 3. The quadrant `n mod 4` picks `±sin r` or `±cos r` (a select and a sign flip).
//!
//! 4. **Tangent**: the same reduction, then `sin r` and `cos r` by their Taylor polynomials
//!    in `f64` (to `r^13` and `r^12`: truncation below 2^-41 relative for `|r| <= pi/4`), and
//!    `tan x = sin r / cos r` (`-cos r / sin r` for odd `n`) divided in `f64` and rounded once
//!    to `f32`. Why not in `f32` as the sine and cosine: a quotient of two `f32` results each
//!    within 0.8 ulp can be 2 ulp off, and doing better in `f32` needs both carried as
//!    double-`f32` pairs and a corrected division. In `f64` the result is within 0.5 ulp plus
//!    a hair (over every `f32`: 0.5000 ulp to four places, at 10.202437), for two lanes per
//!    instruction instead of four in the polynomials and the division.
//!
//! `|x| >= 2^20`, infinities and NaN are not reduced here: the slice loops send chunks holding
//! one to the scalar [`sin_f32`] / [`cos_f32`] / [`tan_f32`], which take the `f64` kernels (exact
//! reduction for every `x`) and round once.
//!
//! Measured over every `f32` (`exhaustive` in `elementwise/float32_tests.rs`): at most
//! 0.7662 ulp (sin, at `x = 7983.5674`) and 0.7760 ulp (cos, at `x = 0.79500735`, near
//! `pi/4`) from the `f64` kernels' results; the stated bound is 0.80. Only IEEE `+ - * /`, conversions between
//! `f32` and `f64` (exact, or rounded to nearest) and bit operations: the same bits on every
//! target, scalar or vector.

use super::lanes::{BitLanes, F64x2, Lanes};
use super::lanes32::{BitLanes32, Lanes32, zero_kept};

/// The measured bound in `f32` ulps (see the module docs).
#[cfg(test)]
pub(super) const BOUND: f64 = 0.80;
/// The tangent's measured bound in `f32` ulps (see the module docs).
#[cfg(test)]
pub(super) const TAN_BOUND: f64 = 0.5001;

/// Beyond this the reduction's `n PIO2_1` would no longer be exact.
const LIMIT: f32 = 1_048_576.0;
/// `1.5 * 2^52`.
const SHIFT: f64 = 6_755_399_441_055_744.0;
const INV_PIO2: f64 = f64::from_bits(0x3FE4_5F30_6DC9_C883);
/// `pi/2` with its low 22 mantissa bits cleared (31 significant bits), and the rest.
const PIO2_1: f64 = f64::from_bits(0x3FF9_21FB_5440_0000);
const PIO2_2: f64 = f64::from_bits(0x3DD0_B461_1A62_6331);
/// Keeps the 12 high significant bits of an `f32`.
const HEAD: u32 = 0xFFFF_F000;

/// `S(z) ~= (sin(r)/r - 1) / z`, `z = r^2 <= (pi/4)^2`, lowest degree first (fitted with each
/// coefficient rounded to `f32` before the next ones were refitted).
const S: [f32; 4] = [
    f32::from_bits(0xBE2A_AAAB), // -0.16666667
    f32::from_bits(0x3C08_88BA), // 0.008333379
    f32::from_bits(0xB950_2C81), // -0.00019853005
    f32::from_bits(0x363E_0059), // 2.8312409e-06
];
/// `C(z) ~= (cos(r) - 1 + z/2) / z^2`, likewise.
const C: [f32; 4] = [
    f32::from_bits(0x3D2A_AAAB), // 0.041666668
    f32::from_bits(0xBAB6_0BB0), // -0.0013888981
    f32::from_bits(0x37D0_39CD), // 2.4822448e-05
    f32::from_bits(0xB49B_40D6), // -2.8918174e-07
];

/// `(sin(r) / r - 1) / r^2` and `(cos(r) - 1 + r^2 / 2) / r^4` to `r^12`, in `f64`: the
/// Taylor coefficients `(-1)^k / (2k + 1)!` and `(-1)^k / (2k + 4)!`, lowest degree first.
const TAN_S: [f64; 6] = [
    -1.0 / 6.0,
    1.0 / 120.0,
    -1.0 / 5040.0,
    1.0 / 362_880.0,
    -1.0 / 39_916_800.0,
    1.0 / 6_227_020_800.0,
];
const TAN_C: [f64; 5] = [
    1.0 / 24.0,
    -1.0 / 720.0,
    1.0 / 40_320.0,
    -1.0 / 3_628_800.0,
    1.0 / 479_001_600.0,
];

/// `(r, n)`: `x - n pi/2` and `n` (in the low bits) for `|x| < LIMIT`, in `f64`.
#[inline(always)]
fn reduce<W: Lanes>(x: W) -> (W, W::Bits) {
    let t = x * W::splat(INV_PIO2) + W::splat(SHIFT);
    let n = t - W::splat(SHIFT);
    let r = (x - n * W::splat(PIO2_1)) - n * W::splat(PIO2_2);
    // SHIFT's low 32 bits are zero: t's are n's (two's complement).
    (r, t.to_bits())
}

#[inline(always)]
fn poly<L: Lanes32>(p: &[f32; 4], z: L) -> L {
    ((L::splat(p[3]) * z + L::splat(p[2])) * z + L::splat(p[1])) * z + L::splat(p[0])
}

/// `(sin r, cos r)` for `r = rh + rl`, `|r| <= pi/4`.
#[inline(always)]
fn sin_cos<L: Lanes32>(rh: L, rl: L) -> (L, L) {
    let z = rh * rh;
    let half = L::splat(0.5);
    // rl's own term, rl cos(rh) ~= rl (1 - z/2): within 2^-24 of the sine's ulp.
    let sin = rh + ((rl - (half * z) * rl) + (rh * z) * poly(&S, z));
    // sin(±0) is ±0 (the sum above gives +0 for -0); no other f32 within 2^20 has a zero sine.
    let sin = zero_kept(rh, sin);
    let head = L::from_bits(rh.to_bits().and(L::Bits::splat(HEAD)));
    let tail = rh - head;
    let hz_head = half * head * head;
    let hz_tail = half * (tail * (head + rh));
    let one = L::splat(1.0);
    let w = one - hz_head;
    let c = (one - w) - hz_head;
    let cos = w + (c + ((z * z) * poly(&C, z) - (hz_tail + rh * rl)));
    (sin, cos)
}

/// All ones where `n` is odd.
#[inline(always)]
fn odd<B: BitLanes32>(n: B) -> B {
    B::splat(0).sub(n.and(B::splat(1)))
}

/// `sin x` per lane, `|x| < 2^20`.
#[inline(always)]
pub(super) fn sin_small<L: Lanes32>(x: L) -> L {
    let (rh, rl, n) = x.widened(reduce::<f64>, reduce::<F64x2>);
    let (s, c) = sin_cos(rh, rl);
    let y = L::select(odd(n), c, s);
    L::from_bits(y.to_bits().xor(n.and(L::Bits::splat(2)).shl(30)))
}

/// `cos x` per lane, `|x| < 2^20`.
#[inline(always)]
pub(super) fn cos_small<L: Lanes32>(x: L) -> L {
    let (rh, rl, n) = x.widened(reduce::<f64>, reduce::<F64x2>);
    let (s, c) = sin_cos(rh, rl);
    let y = L::select(odd(n), s, c);
    let sign = n.add(L::Bits::splat(1)).and(L::Bits::splat(2)).shl(30);
    L::from_bits(y.to_bits().xor(sign))
}

/// `(tan x, n)` for `|x| < LIMIT`, in `f64` (module docs, step 4), shaped for
/// [`Lanes32::widened`].
#[inline(always)]
fn tan_wide<W: Lanes>(x: W) -> (W, W::Bits) {
    let (r, n) = reduce(x);
    let z = r * r;
    let mut s = W::splat(TAN_S[5]);
    for &k in TAN_S[..5].iter().rev() {
        s = s * z + W::splat(k);
    }
    let mut c = W::splat(TAN_C[4]);
    for &k in TAN_C[..4].iter().rev() {
        c = c * z + W::splat(k);
    }
    let sin = r + (r * z) * s;
    let cos = W::splat(1.0) - (W::splat(0.5) * z - (z * z) * c);
    // Odd n: tan(x) = -cot(r).
    let odd = W::Bits::splat(0).sub(n.and(W::Bits::splat(1)));
    let quotient = W::select(odd, cos.neg(), sin) / W::select(odd, sin, cos);
    (quotient, n)
}

/// `tan x` per lane, `|x| < 2^20`: [`tan_wide`] rounded once to `f32` (`±0` kept).
#[inline(always)]
pub(super) fn tan_small<L: Lanes32>(x: L) -> L {
    let (t, _, _) = x.widened(tan_wide::<f64>, tan_wide::<F64x2>);
    // r = ±0 gives +0 above (the sum's rounding); no other f32 within 2^20 has a zero tangent.
    zero_kept(x, t)
}

/// All ones in the lanes [`sin_small`], [`cos_small`] and [`tan_small`] take: `|x| < 2^20`
/// (not NaN).
#[inline(always)]
pub(super) fn fast_domain<L: Lanes32>(x: L) -> L::Bits {
    L::from_bits(x.to_bits().and(L::Bits::splat(!(1 << 31)))).lt(L::splat(LIMIT))
}

/// `sin x` for one `f32`, every `x`.
#[inline]
pub(super) fn sin_f32(x: f32) -> f32 {
    if fast_domain(x) != 0 {
        sin_small(x)
    } else {
        super::trig::sin(f64::from(x)) as f32
    }
}

/// `cos x` for one `f32`, every `x`.
#[inline]
pub(super) fn cos_f32(x: f32) -> f32 {
    if fast_domain(x) != 0 {
        cos_small(x)
    } else {
        super::trig::cos(f64::from(x)) as f32
    }
}

/// `tan x` for one `f32`, every `x`.
#[inline]
pub(super) fn tan_f32(x: f32) -> f32 {
    if fast_domain(x) != 0 {
        tan_small(x)
    } else {
        super::trig::tan(f64::from(x)) as f32
    }
}
