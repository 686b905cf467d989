//! `e^x` for `f32`, computed in `f32` four lanes at a time ([`Lanes32`]), branch-free and
//! table-free.
//!
//! # Algorithm
//!
//! `e^x = 2^n e^r`, `n = round(x / ln 2)`, `r = x - n ln 2`, `|r| <= ln 2 / 2 (1 + 2^-22)`.
//!
//! 1. Outside the fast path, clamp `x` to `[-104, 89]` (NaN passes both selects): every
//!    result outside is 0 or `inf`, and the clamp keeps `-150 <= n <= 128`.
//! 2. `n` by the magic-add trick (`1.5 * 2^23` rounds `x log2(e)` to an integer held in the low
//!    mantissa bits: no float-to-int conversion).
//! 3. `r = rh + rl` by Cody-Waite with `ln 2 = LN2_HI + LN2_LO`: `LN2_HI` has 15 significant
//!    bits, so `n LN2_HI` is exact (`|n| < 2^8`) and so is `x - n LN2_HI` (both are multiples of
//!    `2^-25` once `n != 0`, and their difference is below 1/2); `rh` is that minus
//!    `n LN2_LO` rounded, `rl` the rounding error of that subtraction (to about 2^-48).
//! 4. `e^r = 1 + r + r^2 Q(r)`, `Q` of degree 5 (approximation error below 2^-29.7 with the
//!    coefficients as rounded to `f32`). `1 + rh` is split exactly into `y1 + c` (Fast2Sum,
//!    `|rh| < 1`), so the only rounding of size half an ulp is the last addition
//!    `y1 + (c + (rl + rh^2 Q))`; the small term's own rounding errors (`rh^2 Q < 0.07`) add
//!    about 0.2 ulp at worst.
//! 5. Scale by `2^n`, a power of two built from the exponent field. For `|x| < 87` (the slice
//!    loops' fast path) `2^n` is a normal `f32` and one product does it; elsewhere (the scalar
//!    form) as `(y 2^n1) 2^n2`, `n1 = floor(n / 2)`: the first product is exact and normal, so
//!    the second is the one rounding. Either way `y 2^n` is rounded once: overflow gives `inf`
//!    exactly when IEEE rounding does, and subnormal results are rounded twice (to 24 bits in
//!    `y`, then to the subnormal grid).
//!
//! Measured over every `f32` (`exhaustive` in `elementwise/float32_tests.rs`): at most
//! 0.7626 ulp from the `f64` kernel's result (itself within 2^-29 `f32` ulp of `e^x`), at
//! `x = -87.58677` (a subnormal result, rounded twice); the stated bound is 0.77.
//! Only IEEE `+ - * /` and bit operations: the same bits on every target, scalar or vector.

use super::lanes32::{BitLanes32, Lanes32};

/// The measured bound in `f32` ulps (see the module docs).
#[cfg(test)]
pub(super) const BOUND: f64 = 0.77;

const MAX_ARG: f32 = 89.0;
const MIN_ARG: f32 = -104.0;
/// `1.5 * 2^23`.
const SHIFT: f32 = 12_582_912.0;
const LOG2_E: f32 = core::f32::consts::LOG2_E;
/// `ln 2` with its low 9 mantissa bits cleared (15 significant bits), and the rest.
const LN2_HI: f32 = f32::from_bits(0x3F31_7200);
const LN2_LO: f32 = 1.428_606_8e-6;
const BIAS: u32 = 127;

/// `Q(r) ~= (e^r - 1 - r) / r^2` on `|r| <= 0.347`, lowest degree first (a near-minimax fit of
/// `r^2 Q`, rounded to `f32`).
const Q: [f32; 6] = [
    0.5,
    f32::from_bits(0x3E2A_AAAB), // 0.16666667
    f32::from_bits(0x3D2A_AA40), // 0.04166627
    f32::from_bits(0x3C08_883E), // 0.008333264
    f32::from_bits(0x3AB6_CBA2), // 0.0013946185
    f32::from_bits(0x3950_DC6A), // 0.00019918536
];

/// `(y1, lo, n)` with `e^x / 2^n = y1 + lo` to about 2^-29 relative (`y1 = 1 + r` rounded,
/// `lo` the rest, unrounded as a sum) for `x` in `[-104, 89]` (or NaN), `n` as an integer.
/// The other `f32` kernels built on `e^x` (`tanh32.rs`, `sigmoid32.rs`, `expm1_32.rs`) take this
/// pair rather than [`exp_fast`]'s one rounding.
#[inline(always)]
pub(super) fn parts<L: Lanes32>(x: L) -> (L, L, L::Bits) {
    let t = x * L::splat(LOG2_E) + L::splat(SHIFT);
    let n = t - L::splat(SHIFT);
    let r1 = x - n * L::splat(LN2_HI);
    let nlo = n * L::splat(LN2_LO);
    let rh = r1 - nlo;
    let rl = (r1 - rh) - nlo;
    let mut q = L::splat(Q[5]);
    for &c in Q[..5].iter().rev() {
        q = q * rh + L::splat(c);
    }
    let one = L::splat(1.0);
    let y1 = one + rh;
    let c = (one - y1) + rh;
    // n as an integer: the low mantissa bits of `t` (wrapping: two's complement for n < 0).
    (
        y1,
        c + (rl + rh * rh * q),
        t.to_bits().sub(L::Bits::splat(SHIFT.to_bits())),
    )
}

/// `(rounded to 24 bits, e^x / 2^n, n)` for `x` in `[-104, 89]` (or NaN), `n` as an integer.
#[inline(always)]
fn scaled<L: Lanes32>(x: L) -> (L, L::Bits) {
    let (y1, lo, n) = parts(x);
    (y1 + lo, n)
}

/// `2^k` for `-126 <= k <= 127`.
#[inline(always)]
pub(super) fn power<B: BitLanes32>(k: B) -> B {
    k.add(B::splat(BIAS)).shl(23)
}

/// All ones in the lanes where `|x| < 87`: there `n` is within `[-126, 126]`, so `2^n` is one
/// normal `f32` and [`exp_fast`] needs neither the clamp nor the two-step scaling.
#[inline(always)]
pub(super) fn fast_domain<L: Lanes32>(x: L) -> L::Bits {
    L::from_bits(x.to_bits().and(L::Bits::splat(!(1 << 31)))).lt(L::splat(87.0))
}

/// `e^x` per lane for `|x| < 87` (see [`fast_domain`]): the one product `y 2^n` rounds once,
/// as the two-step scaling of [`exp_f32`] does, so both give the same bits.
#[inline(always)]
pub(super) fn exp_fast<L: Lanes32>(x: L) -> L {
    let (y, k) = scaled(x);
    y * L::from_bits(power(k))
}

/// `e^x` per lane, for every `x` (NaN in, NaN out).
#[inline(always)]
fn exp_any<L: Lanes32>(x: L) -> L {
    let x = L::select(x.gt(L::splat(MAX_ARG)), L::splat(MAX_ARG), x);
    let x = L::select(x.lt(L::splat(MIN_ARG)), L::splat(MIN_ARG), x);
    let (y, k) = scaled(x);
    let k1 = k.sar(1);
    let k2 = k.sub(k1);
    (y * L::from_bits(power(k1))) * L::from_bits(power(k2))
}

/// `e^x` for one `f32`, every `x`.
#[inline]
pub(super) fn exp_f32(x: f32) -> f32 {
    if fast_domain(x) != 0 {
        exp_fast(x)
    } else {
        exp_any(x)
    }
}
