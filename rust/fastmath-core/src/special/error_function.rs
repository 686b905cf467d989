//! `erf` and `erfc`: own kernels, written once over [`Lanes`] so that the slice loops run two
//! elements per instruction on wasm32 `simd128` and the scalar functions the very same
//! operations.
//!
//! # Why not the `libm` crate any more
//! `libm::erf`/`libm::erfc` (musl's rational approximations) branch on five intervals per element
//! and call `exp` twice in the tail; nothing of that vectorises (in Pyodide `erf` of 10^6 was 19x
//! the pure-Python loop), and `erfc`'s tail, assembled from two rounded `exp`s, a division and a
//! product, measured 2.3 ulp. These kernels use only correctly rounded `+ - *` and bit
//! operations (no fused multiply-add, no division, no platform libm), so every target gives the
//! same bits (`bits_fingerprint` in the tests), and both functions are within 1 ulp.
//!
//! # Algorithm
//! With `a = |x|`:
//!
//! 1. **Small arguments** (`erf` for `a <= 1`, `erfc` for `-1 <= x < 0.5`): no table.
//!    `erf(a) = a y(z)`, `z = a^2`, `y = C0 + C1 z + z^2 Q(z)` with `C0 = 2/sqrt(pi)`,
//!    `C1 = -2/(3 sqrt(pi))` (the Maclaurin coefficients) and `Q` of degree 11. Near 1 the
//!    terms of `y` cancel (`1.128 - 0.376 + 0.113 - ...`) and `y` evaluated in plain doubles
//!    measured 1.12 ulp, so `y` is summed exactly but for the roundings inside `z^2 Q`:
//!    `a = ah + al` by masking (`ah` of 17 bits), `z = ah^2 + al (a + ah)` with `ah^2` exact,
//!    `C0 + C1_HI ah^2` (a 19-bit head of `C1`, so the product is exact) and then `+ z^2 Q`
//!    by two fast two-sums into `s` and a tiny remainder, and `a y = ah sh + (al s + ah sl +
//!    a y_lo)` with `s = sh + sl` split by masking (36 bits) so that `ah sh` is exact: one
//!    final rounding of a sum whose rounded part is below `2^-15` of it. About 65 operations
//!    per pair of lanes and no lookup (the 32-row table this replaced cost 12 lookups per pair
//!    and ran at half the speed in node). `y`'s constants carry a factor `2^128` (exact), so
//!    that for subnormal `a` the products stay normal and exact; the result is scaled back,
//!    rounded a second time only when it is subnormal. `erfc(x) = 1 - erf(x)` there, from the
//!    two parts with a fast two-sum (`erf(x) <= 0.53`, so nothing cancels; from 0.5 to 1 the
//!    roundings inside `z^2 Q`, about `2^-55.5` absolute, would cost up to 1.7 ulp of `erfc`).
//!
//!    **1b.** `erfc` for `0.5 <= x <= 1`: `erfc(3/4 + t) = D0 + D1 t + t^2 R(t)`, `R` of
//!    degree 13, `t = x - 3/4` exact; `t = th + tl` by masking (26 bits) so that `D1_HI th`
//!    (27 bits) is exact, `D0 + D1_HI th` by a fast two-sum, and the rest, below `0.19` of the
//!    result, rounded (about 50 operations per pair, no lookup). The slice loop of `erfc`
//!    runs steps 1 and 1b and a select on chunks within `[-1, 1]` that mix the two.
//! 2. **Tail** (`a > 1`; the rows below 1 are no longer reached): `erfc(a) = e^(-a^2) G(a)`,
//!    with `G = erfcx`, which is smooth and slowly varying (about `1 / (a sqrt pi)`). `G` is a
//!    polynomial of degree 9 in `s = a - m` on each of 16 equal intervals per binade of `a` from
//!    0.5 to 32 ([`TAIL`], 96 rows; `m` the interval's midpoint, so `s` is exact and
//!    `|s| <= a / 32`); the row is the top bits of `a` (a table lookup per coefficient, as
//!    `exp`'s). Its constant term is stored as two doubles, so `G` is good to `2^-58` relative
//!    after rounding the coefficients. `a^2 = h + l` exactly (Dekker's product), and
//!    `e^(-h) = A + B + R` from `expm1`'s core (`A = 2^k hi` and `B = A r_hi` exact, `R` the
//!    rest, to `2^-72`), scaled by `2^64` so that it stays a normal number down to
//!    `erfc`'s underflow at 27.2. Then
//!    `erfc(a) 2^64 = A c0 + [A (c0_lo + d) + (B + R) G - (A + B + R) l G]`, `G = c0 + d`,
//!    with `A c0` an exact product (Dekker) and everything in brackets below `a / 32` relative
//!    (so its roundings cost at most a few hundredths of an ulp): one final rounding of a sum
//!    good to about `2^-57`, then the exact scaling by `2^-64` (rounded a second time only for
//!    subnormal results, `a > 26.2`). `erfc(-a) = 2 - erfc(a)` and `erf(a) = 1 - erfc(a)` take
//!    the two parts with a fast two-sum, so they too are rounded once.
//! 3. **Saturation**: `erf` clamps `a` at 6 (`erfc(6) < 2^-54`: `1 - erfc` rounds to 1),
//!    `erfc` at 27.3 (`erfc(27.3)` rounds to 0, and `2 - erfc` to 2 for `x <= -6`), so `±inf`
//!    take the same path; NaN is NaN.
//!
//! The slice loops ([`erf_into`], [`erfc_into`]) take four elements at a time: when all four
//! are small they run only step 1 on two `F64x2`, otherwise both steps and a select per lane
//! (a chunk holding a NaN goes element by element to the scalar function). Step 1 costs about
//! 30 operations per element, step 2 about 150 (the 11 lookups included).
//!
//! Measured against an independent double-double reference (the series
//! `erf(x) = 2x/sqrt(pi) e^(-x^2) sum (2x^2)^n / (2n+1)!!` below 2.5, Laplace's continued
//! fraction of `erfc` above, itself checked against mpmath) over 10^7 arguments per function
//! (`erf_max_ulp_error_large_sweep`: uniform over `[-7, 28]` and `[-1.2, 1.2]`, every binade
//! down to 2^-1074 of both signs, `erfc`'s subnormal results, every row's edges): `erf` at most
//! 0.709 ulp (at 0.9907; 0.749 for subnormal results, rounded twice), `erfc` 0.770 ulp (at
//! 0.948, step 1b; 0.751 subnormal). On the same points the `libm` crate (musl's, which
//! Pyodide's `math.erf` is): 0.907 (0.733) and 2.718 (1.236). (The table-driven step 1 this
//! replaced measured 0.510 and 0.612: the price of no lookups, see step 1.)
//!
//! # Constants
//! Generated with mpmath 1.4 at 200 bits: `C0` as its rounded value and rounded remainder,
//! `C1` as its value rounded to 19 significant bits and the rounded remainder, and `Q` by
//! `chebyfit(lambda z: (erf(sqrt z) / sqrt z - C0 - C1 z) / z^2, [0, 1], 12)` (a
//! near-minimax Chebyshev interpolant; monomial coefficients lowest degree first, rounded to
//! `f64`): with the rounded coefficients `y` is within `2^-57.8` relative on 3,000 points.
//! Each `TAIL` row is `chebyfit(lambda s: exp((m + s)^2) erfc(m + s), [-w/2, w/2], 10)`
//! (`w` the row's width, `m` its midpoint), its first coefficient as a rounded value and its
//! rounded remainder: within `2^-58.2` (of `G`) relative, on 200 points per row.

use crate::elementwise::dd::two_prod;
use crate::elementwise::expm1::exp_terms;
use crate::elementwise::lanes::{BitLanes, F64x2, Lanes, TWO_LANES};
use crate::{Error, Result};

/// The sign bit.
const SIGN: u64 = 1 << 63;
/// Passed to `exp_terms` as the exponent to subtract (`h << 52`, wrapping): `-64`, so its
/// result is `e^(-h) 2^64`, a normal number for every `h <= 745.3`.
const SCALE_UP: u64 = (64u64 << 52).wrapping_neg();
/// `2^-64`, undoing [`SCALE_UP`].
const SCALE_DOWN: f64 = f64::from_bits((1023 - 64) << 52);
/// `a`'s bits shifted right by this give 16 rows per binade.
const ROW_SHIFT: u32 = 48;
/// The row of `a = 0.5`.
const FIRST_ROW: u64 = 0x3FE0_0000_0000_0000 >> ROW_SHIFT;
/// `erf(a)` rounds to 1 from here on.
const ERF_CLAMP: f64 = 6.0;
/// `2^128` and `2^-128`: the scale of `erf_parts`.
const SMALL_UP: f64 = f64::from_bits((1023 + 128) << 52);
const SMALL_DOWN: f64 = f64::from_bits((1023 - 128) << 52);
/// `erf(a) / a = C0 + C1 z + z^2 Q(z)`, `z = a^2` (module docs, step 1): `C0 = 2 / sqrt(pi)`
/// as two doubles, `C1 = -2 / (3 sqrt(pi))` as a head of 19 significant bits and its
/// remainder, and `Q`'s coefficients, lowest degree first.
const C0: u64 = 0x3FF2_0DD7_5042_9B6D;
const C0_LO: u64 = 0x3C71_AE3A_914F_ED80;
const C1_HI: u64 = 0xBFD8_1274_0000_0000;
const C1_LO: u64 = 0xBE7A_C0DE_79B0_8F69;
#[rustfmt::skip]
const SMALL_Q: [u64; 12] = [
    0x3FBC_E2F2_1A04_2BE2, 0xBF9B_82CE_3128_8B4E, 0x3F75_65BC_D0E6_A2F9, 0xBF4C_02DB_4002_B740,
    0x3F1F_9A32_6F34_A6E6, 0xBEEF_4D25_B180_33B8, 0x3EBB_9E6A_8822_01EB, 0xBE85_F71A_F889_FD5A,
    0x3E4F_C855_3400_657C, 0xBE14_FB34_F0C3_4676, 0x3DD8_6E3F_F2C0_4E61, 0xBD93_E44E_967C_589E,
];
/// `erfc(3/4 + t) = D0 + D1 t + t^2 R(t)` for `|t| <= 1/4` (module docs, step 1b): `D0 =
/// erfc(3/4)` as two doubles, `D1 = -2/sqrt(pi) e^(-9/16)` as a head of 27 significant bits and
/// its remainder, and `R`'s coefficients, lowest degree first.
const D0: u64 = 0x3FD2_7C6D_14C5_E341;
const D0_LO: u64 = 0x3C63_AF34_34D0_EEAB;
const D1_HI: u64 = 0xBFE4_92E4_2C00_0000;
const D1_LO: u64 = 0xBE27_8D2C_49D0_B1E5;
#[rustfmt::skip]
const MID_R: [u64; 14] = [
    0x3FDE_DC56_4435_3C27, 0xBF9B_6E85_91F6_6E5B, 0xBFC3_49B5_EAA1_45EA, 0x3FAB_42A1_890C_E3DE,
    0x3F9B_8477_966D_BF42, 0xBF92_E0AF_B0BB_2F8A, 0xBF62_DB33_3743_2936, 0x3F70_4105_CCD3_69EC,
    0xBF28_621F_0DE0_D331, 0xBF44_7259_E0C0_4470, 0x3F1B_D1E9_C7FE_50AF, 0x3F13_DA92_68BF_E1A1,
    0xBEF6_7539_5E3B_DBD7, 0xBEDD_990F_7654_5EF4,
];
/// `erfc(a)` rounds to 0 from here on (`erfc(27.3) < 2^-1076`); `27.3^2 < 745.3`.
const ERFC_CLAMP: f64 = 27.3;

/// `a` with its sign bit cleared.
#[inline(always)]
fn abs<L: Lanes>(x: L) -> L {
    L::from_bits(x.to_bits().and(BitLanes::splat(!SIGN)))
}

/// All ones in the lanes where `a < b`, for `a` and `b` not negative and not NaN (their bit
/// patterns then order as the values do, and their difference fits an `i64`).
#[inline(always)]
fn below<L: Lanes>(a: L, b: L) -> L::Bits {
    a.to_bits().sub(b.to_bits()).sar(63)
}

/// `a` clamped to `[lo, hi]` (not NaN; `a >= 0`).
#[inline(always)]
fn clamp<L: Lanes>(a: L, lo: f64, hi: f64) -> L {
    let (lo, hi) = (L::splat(lo), L::splat(hi));
    let a = L::select(below(hi, a), hi, a);
    L::select(below(a, lo), lo, a)
}

/// The constants of the small-argument step, splatted once per slice call.
///
/// Why a struct rather than `L::splat(C)` at each use: on wasm32 LLVM rematerialises every
/// splatted constant inside the loop as a `v128.const`, which V8 builds with two or three
/// instructions each; step 1 has 20 of them per pair of elements, as many instructions as its
/// arithmetic. The slice loops pass a [`core::hint::black_box`] copy of this struct, so the
/// constants are loaded once and kept in registers (or reloaded from the stack) instead:
/// measured in node, `erf` of `[-1, 1]` went from 9.5 to 7.4 ns per element. The scalar
/// functions use [`Small::new`] directly (folded to plain constants): the same values, the
/// same operations, the same bits.
struct Small<L: Lanes> {
    /// `C0`, `C1_HI`, `C1_LO` and `Q` times `2^128`, so that `a y` stays normal (and
    /// its exact products exact) for every subnormal `a`; `C0_LO 2^128` is `c0_lo`.
    c0: L,
    c0_lo: L,
    c1_hi: L,
    c1_lo: L,
    q: [L; 12],
    /// `2^-128`, undoing that scale.
    down: L,
    one: L,
    /// Masks keeping the sign, the exponent and the top 16 (`head_17`) or 35 (`head_36`)
    /// stored significand bits: heads of 17 and 36 significant bits.
    head_17: L::Bits,
    head_36: L::Bits,
    /// `erfc_mid`'s: `D0`, `D0_LO`, `D1_HI`, `D1_LO`, `R`, the centre `3/4` and a mask
    /// keeping 26 significant bits.
    d0: L,
    d0_lo: L,
    d1_hi: L,
    d1_lo: L,
    r: [L; 14],
    centre: L,
    half: L,
    head_26: L::Bits,
}

impl<L: Lanes> Small<L> {
    #[inline(always)]
    fn new() -> Self {
        let c = |b: u64| L::splat(f64::from_bits(b) * SMALL_UP);
        let f = |b: u64| L::splat(f64::from_bits(b));
        let bits = <L::Bits as BitLanes>::splat;
        Small {
            c0: c(C0),
            c0_lo: c(C0_LO),
            c1_hi: c(C1_HI),
            c1_lo: c(C1_LO),
            q: SMALL_Q.map(c),
            down: L::splat(SMALL_DOWN),
            one: L::splat(1.0),
            head_17: bits(!((1 << 36) - 1)),
            head_36: bits(!((1 << 17) - 1)),
            d0: f(D0),
            d0_lo: f(D0_LO),
            d1_hi: f(D1_HI),
            d1_lo: f(D1_LO),
            r: MID_R.map(f),
            centre: L::splat(0.75),
            half: L::splat(0.5),
            head_26: bits(!((1 << 27) - 1)),
        }
    }
}

/// `a = hi + lo` exactly, `hi` the bits of `a` that `mask` keeps (`lo` then has `a`'s sign).
#[inline(always)]
fn split_mask<L: Lanes>(a: L, mask: L::Bits) -> (L, L) {
    let hi = L::from_bits(a.to_bits().and(mask));
    (hi, a - hi)
}

/// `erf(a) 2^128 = hi + lo` before the final rounding, for `0 <= a <= 1` (module docs, step 1).
#[inline(always)]
fn erf_parts<L: Lanes>(a: L, k: &Small<L>) -> (L, L) {
    let q = &k.q;
    // z = a^2 = zh + zl: `ah` has 17 bits, so `zh = ah^2` (34 bits) is exact, and so is
    // `C1_HI zh` (19 + 34 bits); `zl = a^2 - ah^2 = al (a + ah)` is below 2^-15 z. (Below
    // 2^-511 `zh` underflows: `z` is then far below the last bit of `y`.)
    let (ah, al) = split_mask(a, k.head_17);
    let zh = ah * ah;
    let zl = al * (a + ah);
    let z = zh + zl;
    // y 2^128 = (C0 + C1 z + z^2 Q(z)) 2^128 = s + y_lo (y = erf(a) / a): `C0 + C1_HI zh =
    // s1 + e1` exactly (fast two-sum: |C1 z| < C0), then `s1 + z^2 Q = s + e2` exactly (fast
    // two-sum: `z^2 Q <= 0.113 C0`), so only the roundings inside `z^2 Q` (about 1.5 ulp of
    // 0.09 y) and those of the tiny `y_lo` remain. `z^2 = zh^2 + zl (zh + z)`, so that `z`'s
    // rounding does not enter it. Q by Horner's scheme for its two leading terms (Estrin's
    // for the whole of it has four roundings at `Q`'s own magnitude and measured 0.83 ulp of
    // `erf`), by Estrin's for the rest.
    let p = k.c1_hi * zh;
    let s1 = k.c0 + p;
    let e1 = p - (s1 - k.c0);
    let z2 = zh * zh + zl * (zh + z);
    let z4 = z2 * z2;
    let q0 = (q[2] + q[3] * z) + z2 * (q[4] + q[5] * z);
    let q1 = (q[6] + q[7] * z) + z2 * (q[8] + q[9] * z);
    let q2 = q[10] + q[11] * z;
    let upper = (q0 + z4 * q1) + (z4 * z4) * q2;
    let tail = z2 * (q[0] + z * (q[1] + z * upper));
    let s = s1 + tail;
    let e2 = tail - (s - s1);
    let y_lo = (e1 + e2) + (k.c0_lo + (k.c1_hi * zl + k.c1_lo * z));
    // a y = ah sh + (al s + ah sl + a y_lo): `ah sh` exact (17 + 36 bits, and normal: `s` is
    // about 2^128), the rest below 2^-15 of it.
    let (sh, sl) = split_mask(s, k.head_36);
    (ah * sh, (al * s + ah * sl) + a * y_lo)
}

/// `x` with the sign of `x` xored into it (`±v` for `erf`'s odd symmetry).
#[inline(always)]
fn signed<L: Lanes>(v: L, x: L) -> L {
    L::from_bits(v.to_bits().xor(x.to_bits().and(BitLanes::splat(SIGN))))
}

/// `erf(x)` for `|x| <= 1`.
#[inline(always)]
fn erf_small<L: Lanes>(x: L, k: &Small<L>) -> L {
    let (hi, lo) = erf_parts(abs(x), k);
    signed((hi + lo) * k.down, x)
}

/// `erfc(x) = 1 - erf(x)` for `-1 < x < 0.5` (`erf(x) <= 0.53`, so no digits cancel; from
/// 0.5 to 1 the roundings in `erf_parts`' `lo`, a few `2^-56` absolute, measured 1.7 ulp of
/// `erfc`).
#[inline(always)]
fn erfc_small<L: Lanes>(x: L, k: &Small<L>) -> L {
    let (hi, lo) = erf_parts(abs(x), k);
    let (hi, lo) = (signed(hi * k.down, x), signed(lo * k.down, x));
    let s = k.one - hi;
    let e = (k.one - s) - hi;
    s + (e - lo)
}

/// `erfc(x)` for `0.5 <= x <= 1` (module docs, step 1b): `t = x - 3/4` is exact (Sterbenz),
/// `t = th + tl` by masking (`th` of 26 bits, so `D1_HI th` is exact), `D0 + D1_HI th = s + e`
/// exactly (fast two-sum: `|D1 t| <= 0.161 < D0`), and the rest, below `0.19 s`, rounded.
#[inline(always)]
fn erfc_mid<L: Lanes>(x: L, k: &Small<L>) -> L {
    let r = &k.r;
    let t = x - k.centre;
    let (th, tl) = split_mask(t, k.head_26);
    let p = k.d1_hi * th;
    let s = k.d0 + p;
    let e = p - (s - k.d0);
    // R by Horner's scheme for its two leading terms, by Estrin's for the rest (as `Q`).
    let t2 = t * t;
    let t4 = t2 * t2;
    let r0 = (r[2] + r[3] * t) + t2 * (r[4] + r[5] * t);
    let r1 = (r[6] + r[7] * t) + t2 * (r[8] + r[9] * t);
    let r2 = (r[10] + r[11] * t) + t2 * (r[12] + r[13] * t);
    let upper = (r0 + t4 * r1) + (t4 * t4) * r2;
    let rest = t2 * (r[0] + t * (r[1] + t * upper));
    s + ((e + k.d0_lo) + ((k.d1_hi * tl + k.d1_lo * t) + rest))
}

/// `erfc(a) 2^64 = hi + lo` before the final rounding, for `0.5 <= a <= 27.3` (module docs,
/// step 2).
#[inline(always)]
fn tail<L: Lanes>(a: L) -> (L, L) {
    let bits = <L::Bits as BitLanes>::splat;
    let (h, l) = two_prod(a, a);
    let (ea, eb, er) = exp_terms(h.neg(), bits(SCALE_UP));

    // The row of `a`, and its midpoint: `a`'s top bits with the next one set.
    let ab = a.to_bits();
    let row = ab.shr(ROW_SHIFT).sub(bits(FIRST_ROW));
    let mid = L::from_bits(
        ab.shr(ROW_SHIFT)
            .shl(ROW_SHIFT)
            .add(bits(1 << (ROW_SHIFT - 1))),
    );
    let s = a - mid;
    let c = |i: usize| L::lookup(row, |j| TAIL.get(j).map_or(0.0, |r| f64::from_bits(r[i])));

    // d = G(a) - c0: Estrin's scheme in s (|s| <= a / 32).
    let s2 = s * s;
    let s4 = s2 * s2;
    let q0 = (c(2) + c(3) * s) + s2 * (c(4) + c(5) * s);
    let q1 = (c(6) + c(7) * s) + s2 * (c(8) + c(9) * s);
    let d = s * ((q0 + s4 * q1) + (s4 * s4) * c(10));

    let (c0, c0_lo) = (c(0), c(1));
    let (p, p_err) = two_prod(ea, c0);
    let rest = eb + er;
    let g = c0 + d;
    let lo = p_err + (ea * (c0_lo + d) + (rest * g - (ea + rest) * (l * g)));
    (p, lo)
}

/// `k - (hi + lo) 2^-64` rounded once, for `k` 1 or 2 and `(hi + lo) 2^-64 <= k / 2`, normal.
#[inline(always)]
fn complement<L: Lanes>(k: f64, (hi, lo): (L, L)) -> L {
    let k = L::splat(k);
    let (hi, lo) = (hi * L::splat(SCALE_DOWN), lo * L::splat(SCALE_DOWN));
    let s = k - hi;
    let e = (k - s) - hi;
    s + (e - lo)
}

/// `erf(x)` for `|x| > 1` (any such `x` but NaN): `±(1 - erfc(|x|))`.
#[inline(always)]
fn erf_big<L: Lanes>(x: L) -> L {
    let a = clamp(abs(x), 1.0, ERF_CLAMP);
    signed(complement(1.0, tail(a)), x)
}

/// `erfc(x)` for `|x| >= 0.5` (any such `x` but NaN): `erfc(|x|)`, or `2 - erfc(|x|)` for
/// negative `x`.
#[inline(always)]
fn erfc_big<L: Lanes>(x: L) -> L {
    let parts = tail(clamp(abs(x), 0.5, ERFC_CLAMP));
    let positive = (parts.0 + parts.1) * L::splat(SCALE_DOWN);
    let negative = complement(2.0, parts);
    L::select(x.to_bits().sar(63), negative, positive)
}

/// The error function: `±1` at `±inf`, NaN at NaN, `±0` at `±0`. Within 1 ulp of the exact
/// value (measured: 0.709 ulp, 0.749 for subnormal results; module docs); the same bits on
/// every target.
#[inline]
pub fn erf(x: f64) -> f64 {
    if x.is_nan() {
        x
    } else if x.abs() <= 1.0 {
        erf_small(x, &Small::new())
    } else {
        erf_big(x)
    }
}

/// The complementary error function `1 - erf(x)`, accurate where `erf(x)` is near 1 (it is
/// about 1e-300 at 26, where `1 - erf` is 0); 0 at inf, 2 at -inf, NaN at NaN, subnormal from
/// about 26.2 and 0 from about 27.23. Within 1 ulp of the exact value (measured: 0.770 ulp,
/// 0.751 for subnormal results; module docs); the same bits on every target.
#[inline]
pub fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        x
    } else if (-1.0..0.5).contains(&x) {
        erfc_small(x, &Small::new())
    } else if x.abs() <= 1.0 {
        erfc_mid(x, &Small::new())
    } else {
        erfc_big(x)
    }
}

/// `erf` on two lanes: both steps and a select (each lane gets [`erf`]'s bits).
#[inline(always)]
fn erf_mixed<L: Lanes>(x: L, k: &Small<L>) -> L {
    let big = below(k.one, abs(x));
    L::select(big, erf_big(x), erf_small(x, k))
}

/// `erfc` on two lanes: both steps and a select (each lane gets [`erfc`]'s bits).
#[inline(always)]
fn erfc_mixed<L: Lanes>(x: L, k: &Small<L>) -> L {
    let big = below(k.one, abs(x));
    L::select(big, erfc_big(x), erfc_near(x, k))
}

/// `erfc` on two lanes in `[-1, 1]`: steps 1 and 1b and a select (each lane gets [`erfc`]'s
/// bits).
#[inline(always)]
fn erfc_near<L: Lanes>(x: L, k: &Small<L>) -> L {
    let small = below(abs(x), k.half);
    let negative = x.to_bits().sar(63);
    let v = erfc_small(x, k);
    L::select(negative, v, L::select(small, v, erfc_mid(x, k)))
}

fn check(x: usize, out: usize) -> Result<()> {
    if x != out {
        return Err(Error::OutputLength {
            expected: x,
            got: out,
        });
    }
    Ok(())
}

/// `out[i] = scalar(x[i])`, in chunks of four on two [`F64x2`] where those are a `v128`:
/// `small` when all four are `small_region`, else `near` when all four are in `[-1, 1]`,
/// `mixed` when none is NaN, `scalar` per element otherwise (and for the remainder). Elsewhere
/// (x86-64) the plain loop, as `lanes.rs` says why.
#[inline(always)]
fn map_regions(
    x: &[f64],
    out: &mut [f64],
    small_region: impl Fn(f64) -> bool,
    small: impl Fn(F64x2) -> F64x2,
    near: impl Fn(F64x2) -> F64x2,
    mixed: impl Fn(F64x2) -> F64x2,
    scalar: impl Fn(f64) -> f64,
) -> Result<()> {
    check(x.len(), out.len())?;
    if !TWO_LANES {
        for (o, &v) in out.iter_mut().zip(x) {
            *o = scalar(v);
        }
        return Ok(());
    }
    let mut xs = x.chunks_exact(4);
    let mut outs = out.chunks_exact_mut(4);
    for (o, v) in (&mut outs).zip(&mut xs) {
        let all_small = v.iter().fold(true, |all, &v| all & small_region(v));
        let all_near = v.iter().fold(true, |all, &v| all & (v.abs() <= 1.0));
        let no_nan = v.iter().fold(true, |all, &v| all & !v.is_nan());
        if no_nan & all_small {
            small(F64x2::load(&v[..2])).store(&mut o[..2]);
            small(F64x2::load(&v[2..])).store(&mut o[2..]);
        } else if all_near {
            near(F64x2::load(&v[..2])).store(&mut o[..2]);
            near(F64x2::load(&v[2..])).store(&mut o[2..]);
        } else if no_nan {
            mixed(F64x2::load(&v[..2])).store(&mut o[..2]);
            mixed(F64x2::load(&v[2..])).store(&mut o[2..]);
        } else {
            for (o, &v) in o.iter_mut().zip(v) {
                *o = scalar(v);
            }
        }
    }
    for (o, &v) in outs.into_remainder().iter_mut().zip(xs.remainder()) {
        *o = scalar(v);
    }
    Ok(())
}

/// [`erf`] of every element of `x`, into `out` (as long as `x`).
pub fn erf_into(x: &[f64], out: &mut [f64]) -> Result<()> {
    let k = core::hint::black_box(Small::new());
    map_regions(
        x,
        out,
        |v| v.abs() <= 1.0,
        |v| erf_small(v, &k),
        |v| erf_small(v, &k),
        |v| erf_mixed(v, &k),
        erf,
    )
}

/// [`erfc`] of every element of `x`, into `out` (as long as `x`).
pub fn erfc_into(x: &[f64], out: &mut [f64]) -> Result<()> {
    let k = core::hint::black_box(Small::new());
    map_regions(
        x,
        out,
        |v| (-1.0..0.5).contains(&v),
        |v| erfc_small(v, &k),
        |v| erfc_near(v, &k),
        |v| erfc_mixed(v, &k),
        erfc,
    )
}

/// `f` of every element of `x`, into `out` (as long as `x`).
pub fn map_into(x: &[f64], out: &mut [f64], f: fn(f64) -> f64) -> Result<()> {
    check(x.len(), out.len())?;
    for (o, &v) in out.iter_mut().zip(x) {
        *o = f(v);
    }
    Ok(())
}

/// `f` of every float32 element of `x`, computed in float64 and rounded once, into `out`.
pub fn map_f32_into(x: &[f32], out: &mut [f32], f: fn(f64) -> f64) -> Result<()> {
    check(x.len(), out.len())?;
    for (o, &v) in out.iter_mut().zip(x) {
        *o = f(f64::from(v)) as f32;
    }
    Ok(())
}

/// A float64 slice kernel (`erf_into`, ...) on float32 data: blocks widened into a stack buffer,
/// computed in float64 and each result rounded once, so the bits are those of
/// [`map_f32_into`] with the kernel's scalar function, at the slice kernel's speed.
pub fn widen_into(
    x: &[f32],
    out: &mut [f32],
    into: fn(&[f64], &mut [f64]) -> Result<()>,
) -> Result<()> {
    check(x.len(), out.len())?;
    const BLOCK: usize = 256;
    let (mut wide, mut result) = ([0.0; BLOCK], [0.0; BLOCK]);
    for (x, out) in x.chunks(BLOCK).zip(out.chunks_mut(BLOCK)) {
        let n = x.len();
        for (w, &v) in wide.iter_mut().zip(x) {
            *w = f64::from(v);
        }
        into(&wide[..n], &mut result[..n])?;
        for (o, &r) in out.iter_mut().zip(&result[..n]) {
            *o = r as f32;
        }
    }
    Ok(())
}

/// Per row (16 per binade of `a` from 0.5 to 32): `[c0, c0_lo, c1, ..., c9]` as bits, `G(m + s) ~=
/// (c0 + c0_lo) + c1 s + ... + c9 s^9` (module docs).
#[rustfmt::skip]
static TAIL: [[u64; 11]; 96] = [
    [
        0x3FE3_72D2_AC7D_4210, 0x3C8E_3494_3ECB_8999, 0xBFE0_0D45_5EA4_0AB9, 0x3FD6_57F5_CF61_5912,
        0xBFCB_7195_5322_84B1, 0x3FBE_895A_9FE4_E890, 0xBFAF_5046_5642_6ADF, 0x3F9D_F38B_5037_F347,
        0xBF8A_F645_0B28_F404, 0x3F77_009E_F838_8399, 0xBF62_B26E_1756_DA7F,
    ],
    [
        0x3FE2_F526_0393_4885, 0x3C86_D4CF_C087_D2B3, 0xBFDE_BF1A_1938_3F11, 0x3FD5_19C9_C15B_CE8E,
        0xBFC9_9BFF_AF4D_62CF, 0x3FBC_3243_AED9_4D92, 0xBFAC_A39B_7BFC_C24E, 0x3F9B_275E_E22D_AB19,
        0xBF88_3EAD_2E50_EE24, 0x3F74_86BB_818C_8B1F, 0xBF60_9058_B4C2_446A,
    ],
    [
        0x3FE2_7CC0_3DE9_7ED3, 0x3C6B_8731_1604_EBB5, 0xBFDD_76E0_B1DE_786C, 0x3FD3_F0C6_94FE_6008,
        0xBFC7_EA3D_2FA4_8BDF, 0x3FBA_0E21_CA71_A166, 0xBFAA_36A5_7832_BAFE, 0x3F98_A31D_460E_DE0E,
        0xBF85_D1B5_B76F_DA7A, 0x3F72_54EF_702D_0E60, 0xBF5D_5F61_0B20_36D4,
    ],
    [
        0x3FE2_0957_1223_A4F3, 0x3C82_B63B_8148_243E, 0xBFDC_4099_04D3_8BA3, 0x3FD2_DB50_E556_60CF,
        0xBFC6_5944_F6C3_E0DC, 0x3FB8_183B_C44D_6689, 0xBFA8_0304_67ED_4828, 0x3F96_5F15_E4D3_33AE,
        0xBF83_A6E8_D5A0_2D68, 0x3F70_629E_447B_682C, 0xBF5A_1088_6E0A_D56F,
    ],
    [
        0x3FE1_9AA5_1AFD_A7C4, 0xBC67_8929_20F2_A3E6, 0xBFDB_1B16_2BE0_6FCE, 0x3FD1_D7F0_01DF_87E8,
        0xBFC4_E655_E391_A652, 0x3FB6_4C50_FDF5_C2F9, 0xBFA6_0306_505B_1851, 0x3F94_5476_9F18_D90B,
        0xBF81_B6D2_A4DB_0483, 0x3F6D_507D_7F49_3098, 0xBF57_25E7_B87E_94E7,
    ],
    [
        0x3FE1_3069_790E_7BC7, 0xBC87_C6A5_D029_4681, 0xBFDA_0541_CBB3_810E, 0x3FD0_E54A_BD40_5CD8,
        0xBFC3_8EEF_70BB_0392, 0x3FB4_A68C_9AC3_14CB, 0xBFA4_3193_8795_92D7, 0x3F92_7D31_633A_76B2,
        0xBF7F_F5C2_22CD_2274, 0x3F6A_3E6E_36D1_F776, 0xBF54_9317_E7F6_2E28,
    ],
    [
        0x3FE0_CA67_7C6D_71CC, 0x3C8C_8B00_DEC6_DE4F, 0xBFD8_FE1A_3316_9DA5, 0x3FD0_0224_8CEE_FCC1,
        0xBFC2_50CB_5553_6FE8, 0x3FB3_237A_21DF_5028, 0xBFA2_8A1D_6F11_7E12, 0x3F90_D3E5_0AD5_1BB0,
        0xBF7C_DA8F_C9EE_24A9, 0x3F67_837C_2B19_4A33, 0xBF52_4D4B_3601_0D39,
    ],
    [
        0x3FE0_6866_5581_C141, 0x3C7D_B390_D9A2_2BFD, 0xBFD8_04B0_A5DD_4605, 0x3FCE_5AB5_E26A_062E,
        0xBFC1_29D7_D0F8_7500, 0x3FB1_BFFB_64F3_9170, 0xBFA1_088F_363E_70E3, 0x3F8E_A792_2670_3510,
        0xBF7A_11D0_DC44_F248, 0x3F65_1580_44F0_8E50, 0xBF50_4B16_57BF_0B00,
    ],
    [
        0x3FE0_0A30_CC56_20A7, 0x3C52_7507_37D6_C0C0, 0xBFD7_1827_CF42_A9B5, 0x3FCC_CBC6_3BFA_6EBF,
        0xBFC0_1832_9066_646A, 0x3FB0_793F_856C_0AEA, 0xBF9F_5280_CAA3_5051, 0x3F8B_F137_A591_4254,
        0xBF77_9278_8D79_7BD6, 0x3F62_EB90_66D6_F096, 0xBF4D_0882_A49F_DA09,
    ],
    [
        0x3FDF_5F29_FBB4_F77A, 0x3C75_D22A_13F5_C09D, 0xBFD6_37B2_57E2_0349, 0x3FCB_558F_BB59_B9B8,
        0xBFBE_3448_334B_5E1B, 0x3FAE_9975_EDD3_664C, 0xBF9C_D1D1_F0DB_6E3C, 0x3F89_7D25_B3D9_EF91,
        0xBF75_5485_9D94_E875, 0x3F60_FDD7_2394_2B32, 0xBF49_E33D_9D6F_C4BA,
    ],
    [
        0x3FDE_B0C8_3D18_BB5A, 0xBC70_B452_189D_742B, 0xBFD5_6291_9BD9_7768, 0x3FC9_F64F_5011_48F0,
        0xBFBC_5C37_61DB_7DE1, 0x3FAC_7040_C318_CF45, 0xBF9A_892D_B4EB_8F1F, 0x3F87_449A_71C4_0454,
        0xBF73_50E2_00BA_3144, 0x3F5E_8AE1_8C5E_B9EB, 0xBF47_19D2_0132_9E3B,
    ],
    [
        0x3FDE_08E4_8417_57FB, 0x3C7D_6195_AEF7_9269, 0xBFD4_9814_7E02_4E7C, 0x3FC8_AC65_CF9A_B912,
        0xBFBA_A557_5224_DD3C, 0x3FAA_72B4_949D_C578, 0xBF98_7349_2A0E_85D3, 0x3F85_418E_DA60_3752,
        0xBF71_8146_9A79_FBEB, 0x3F5B_7899_E25A_59BD, 0xBF44_A146_ABA5_6AF4,
    ],
    [
        0x3FDD_672C_4E59_FE39, 0xBC7B_7A22_0127_67BC, 0xBFD3_D796_557A_20E0, 0x3FC7_7654_D472_71E3,
        0xBFB9_0D0C_27A8_706C, 0x3FA8_9D0A_D592_E0F0, 0xBF96_8B62_20E1_A89E, 0x3F83_6EA1_8301_496D,
        0xBF6F_C045_0837_942D, 0x3F58_BA28_6A8C_0E4A, 0xBF42_7000_8507_8DED,
    ],
    [
        0x3FDC_CB52_104A_C842, 0x3C72_346A_F157_3BEF, 0xBFD3_207D_F300_8C7A, 0x3FC6_52BB_E88C_8D84,
        0xBFB7_90F3_8F7F_5DFF, 0x3FA6_EBD7_48CF_B186, 0xBF94_CD30_864C_384D, 0x3F81_C703_E313_542C,
        0xBF6C_D10A_CF7E_40AA, 0x3F56_4622_2C70_6815, 0xBF40_7D95_2C0B_6FD7,
    ],
    [
        0x3FDC_350C_DCE9_8480, 0x3C62_7BCE_6B17_8109, 0xBFD2_723C_BBED_4920, 0x3FC5_4055_F396_B59B,
        0xBFB6_2EDF_64E9_3C35, 0x3FA5_5BFE_FAFF_1ED9, 0xBF93_34D9_6879_0D7C, 0x3F80_4669_D390_9D9F,
        0xBF6A_2C19_144D_F788, 0x3F54_1438_0F18_AB45, 0xBF3D_8547_6ABC_49BA,
    ],
    [
        0x3FDB_A418_1479_341A, 0x3C23_3333_32EF_E6D5, 0xBFD1_CC4D_D8BB_CF21, 0x3FC4_3DF6_E640_A86B,
        0xBFB4_E4D0_DE6A_A0A1, 0x3FA3_EAB0_3190_5B9F, 0xBF91_BEE3_7008_ED62, 0x3F7D_D1F5_FFDA_EEEF,
        0xBF67_C9A4_5571_AAD5, 0x3F52_1D13_F722_ED5A, 0xBF3A_7165_5174_D364,
    ],
    [
        0x3FDA_D413_5F27_B3A3, 0xBC63_9B69_81C0_CB65, 0xBFD0_E1F5_4CC8_8B34, 0x3FC2_D61C_CFF1_C829,
        0xBFB3_1ED1_2ED4_FFFD, 0x3FA1_F471_E798_191D, 0xBF8F_8F47_D7BC_0215, 0x3F7A_2EAE_4986_F698,
        0xBF64_A3AB_5122_82DD, 0x3F4F_1704_4BD6_B9D8, 0xBF36_740F_CF89_432C,
    ],
    [
        0x3FD9_CF14_CCAB_36FD, 0x3C67_4472_9782_BBE0, 0xBFCF_84BF_82A7_CAD5, 0x3FC1_24F8_226E_E821,
        0xBFB1_05C0_26A8_A695, 0x3F9F_574C_352B_01B1, 0xBF8B_0C6A_99FC_EADC, 0x3F76_10AD_2908_4344,
        0xBF61_1F32_1BB8_243F, 0x3F49_692B_FE7B_C479, 0xBF32_1856_DCF5_4AFE,
    ],
    [
        0x3FD8_DB3F_1DEB_4EB9, 0x3C3C_DA93_83CA_3295, 0xBFCD_78B6_97B4_8F51, 0x3FBF_45D6_38DB_AF79,
        0xBFAE_60E7_5239_7A52, 0x3F9B_6BA0_FAA5_2760, 0xBF87_3DE3_9BB6_C760, 0x3F72_A521_D0AB_D8C9,
        0xBF5C_7C64_9846_CC5F, 0x3F44_D3E5_669C_D432, 0xBF2D_3FDC_D30A_CE92,
    ],
    [
        0x3FD7_F70F_C851_3185, 0xBC57_3BD8_E698_B5DD, 0xBFCB_9A4D_9189_0A01, 0x3FBC_9422_0E86_BDB2,
        0xBFAB_2AC2_2C7D_266B, 0x3F98_0C27_76D5_260B, 0xBF84_055D_001F_222A, 0x3F6F_97B2_0B5F_6A68,
        0xBF57_C29D_0ED4_48C0, 0x3F41_1E56_FC90_8F72, 0xBF27_B4F0_1B5E_7A83,
    ],
    [
        0x3FD7_212D_85C1_B672, 0xBC6B_1CAA_85D7_211D, 0xBFC9_E4B1_3494_1461, 0x3FBA_2AB0_004B_658D,
        0xBFA8_58EB_E10A_1387, 0x3F95_2371_C842_09C4, 0xBF81_49F1_9466_4A69, 0x3F6A_D587_FFF3_39CF,
        0xBF53_DEF6_D27F_48A4, 0x3F3C_375F_AF8E_85D0, 0xBF23_4493_A24B_A248,
    ],
    [
        0x3FD6_5863_400B_FE56, 0x3C66_BEB7_4269_A2D5, 0xBFC8_53A5_09D4_6459, 0x3FB8_00C1_75C5_2BA8,
        0xBFA5_DDB2_D1DF_C80B, 0x3F92_9F9A_A185_C26C, 0xBF7D_EE49_5DEC_F153, 0x3F66_D97A_94BF_8AE5,
        0xBF50_A955_A984_33BA, 0x3F37_5102_9081_1AC4, 0xBF1F_67E6_122A_4806,
    ],
    [
        0x3FD5_9B9B_AF5F_EE95, 0xBC7A_A7EC_C675_D7E9, 0xBFC6_E36E_C799_3D65, 0x3FB6_0EC7_2C20_BDA7,
        0xBFA3_AD71_F6DB_401E, 0x3F90_71A6_151D_42E0, 0xBF79_F81D_666F_50A0, 0x3F63_811F_49EE_2CA6,
        0xBF4C_0307_ABED_4DD4, 0x3F33_5166_A352_D0A0, 0xBF19_A9F4_9341_191A,
    ],
    [
        0x3FD4_E9DD_90CC_BFFC, 0xBC64_176D_48D4_4584, 0xBFC5_90C4_CF61_F381, 0x3FB4_4E34_2203_44A4,
        0xBFA1_BE3C_1114_22EB, 0x3F8D_1A00_15E2_159F, 0xBF76_9566_8357_13FF, 0x3F60_B061_0A9F_4C04,
        0xBF47_9B22_C534_1816, 0x3F30_0BDE_F66C_4199, 0xBF15_06EF_6F2B_09E8,
    ],
    [
        0x3FD4_4248_5E2D_5DEE, 0x3C52_545A_D89B_EA03, 0xBFC4_58BF_413E_FC16, 0x3FB2_B957_C0E4_93B4,
        0xBFA0_0795_842A_9D57, 0x3F89_CE25_1ECF_EEB4, 0xBF73_AEF0_FAC9_E416, 0x3F5C_A08C_4653_8996,
        0xBF43_F119_B757_248D, 0x3F2A_B999_2FEB_1208, 0xBF11_45D1_65C8_9855,
    ],
    [
        0x3FD3_A411_748A_07DE, 0x3C7B_BD14_9ACC_F335, 0xBFC3_38CB_3B24_E93F, 0x3FB1_4B3E_05A2_7802,
        0xBF9D_0474_4E27_B343, 0x3F86_EDDE_B9FA_B5C6, 0xBF71_3171_4FEC_DDAC, 0x3F58_9BEB_C72A_E66B,
        0xBF40_E303_12CE_6BA8, 0x3F26_4F69_D940_982D, 0xBF0C_7320_63C0_BDEC,
    ],
    [
        0x3FD3_0E81_98F8_AC16, 0x3C63_8FB5_BF57_56FC, 0xBFC2_2E9F_ECA5_6756, 0x3FAF_FF29_47FD_9419,
        0xBF9A_4FD9_C477_8013, 0x3F84_6A11_E295_526F, 0xBF6E_19A3_0F73_0849, 0x3F55_33E0_F356_5145,
        0xBF3C_AAAF_6336_120C, 0x3F22_AB86_E0D2_E7E7, 0xBF07_7CFE_77A5_ECE6,
    ],
    [
        0x3FD2_80F2_CE84_DA49, 0x3C6E_2105_25B4_3591, 0xBFC1_3835_3643_7EB1, 0x3FAD_A528_9F16_CB48,
        0xBF97_E69E_B4D3_BC7F, 0x3F82_35F0_7761_BCDB, 0xBF6A_6740_2D8C_41D1, 0x3F52_4EDD_03C4_4453,
        0xBF38_6360_7A64_EAAB, 0x3F1F_5279_F38A_ADEA, 0xBF03_7093_0EDA_F089,
    ],
    [
        0x3FD1_FACE_71BC_774A, 0xBC6D_917B_2C57_1430, 0xBFC0_53BB_97B6_097B, 0x3FAB_81DA_F4F2_B6C2,
        0xBF95_BF80_78B5_15D8, 0x3F80_4699_12E2_ED92, 0xBF67_3533_A609_C323, 0x3F4F_AF80_5A94_1CE6,
        0xBF34_CB8A_332F_6215, 0x3F1A_55F1_A26C_1188, 0xBF00_20BF_2792_0F1F,
    ],
    [
        0x3FD1_7B8B_903A_94F1, 0x3C7A_FAD2_1F48_3F66, 0xBFBE_FF2A_74C9_A1E8, 0x3FA9_8F6F_F32D_2283,
        0xBF93_D27E_01A0_103D, 0x3F7D_258F_26B6_66BE, 0xBF64_7093_45B3_5B7A, 0x3F4B_7A13_A89E_4E74,
        0xBF31_C544_FFB3_51EA, 0x3F16_31AA_A6DB_5885, 0xBEFA_D2F9_7D99_4371,
    ],
    [
        0x3FD1_02AD_73FD_73F1, 0x3C79_1A3E_750C_6F56, 0xBFBD_749F_DB50_8EB0, 0x3FA7_C8CA_2BC8_7F8D,
        0xBF92_18A8_6EE3_E2FA, 0x3F7A_2526_885D_4112, 0xBF62_0973_6C7E_63BA, 0x3F47_E061_5B78_8D78,
        0xBF2E_7016_E396_6F08, 0x3F12_BEEF_C9D7_12DB, 0xBEF6_5BEC_9596_B9FD,
    ],
    [
        0x3FD0_8FC2_5B8C_5C0D, 0x3C7F_59E4_7744_7482, 0xBFBC_053F_E247_0CFD, 0x3FA6_2967_516B_1D49,
        0xBF90_8BFB_25AE_F5C2, 0x3F77_7E70_614B_9E29, 0xBF5F_E4CB_BEB1_D35B, 0x3F44_CA35_9353_DD2E,
        0xBF2A_1F6B_5DE4_62D2, 0x3F0F_BCA6_15A2_ACD9, 0xBEF2_AE10_EBC8_7C2D,
    ],
    [
        0x3FCF_DB50_EBDC_92CE, 0x3C47_EB0E_4381_2560, 0xBFBA_0C19_6A4D_FBAD, 0x3FA3_FB5A_D8F0_9D03,
        0xBF8D_04BE_8DC9_DE62, 0x3F74_13A2_5F55_3D84, 0xBF5A_9B30_57FA_7BD9, 0x3F40_F44E_3EE3_0F21,
        0xBF24_D9B5_1D92_1921, 0x3F08_D53A_1DB2_CF36, 0xBEEC_AA4D_D451_11A8,
    ],
    [
        0x3FCE_4DAC_2D95_830E, 0x3C5B_D8A3_A8BC_82B4, 0xBFB7_B5D2_754D_7C15, 0x3FA1_7B37_F523_0D56,
        0xBF88_7AF1_5BA6_1D14, 0x3F70_5FEF_DC13_0086, 0xBF55_0670_0974_8D86, 0x3F3A_0238_190F_1845,
        0xBF1F_17E0_4926_CD69, 0x3F02_05CA_9A99_829C, 0xBEE4_4612_220F_4146,
    ],
    [
        0x3FCC_E30E_45AB_6494, 0x3C6C_4745_3988_111A, 0xBFB5_A930_FFB8_5474, 0x3F9E_BB6C_EFF2_1766,
        0xBF84_C475_7001_FA19, 0x3F6A_E114_99C2_3D24, 0xBF50_BAAB_49FF_BC74, 0x3F34_18A6_879E_9E2C,
        0xBF17_5D55_F2E2_C85F, 0x3EFA_5F97_04E5_5C6A, 0xBEDC_EBA7_1741_A2F6,
    ],
    [
        0x3FCB_9739_4043_54EC, 0x3C66_BF0A_4A07_A65A, 0xBFB3_DB06_D199_3AD1, 0x3F9B_2247_8684_A9E8,
        0xBF81_B611_3E02_115C, 0x3F66_318A_0BCA_B104, 0xBF4A_CC07_2BB4_594B, 0x3F2F_4673_3CA9_7958,
        0xBF11_B038_51E2_0295, 0x3EF3_72C0_73D4_E27D, 0xBED4_CBD4_57B2_557D,
    ],
    [
        0x3FCA_6691_9F10_D593, 0xBC6E_70E3_92F4_F796, 0xBFB2_4220_65BD_29B3, 0x3F98_0EC0_E5B3_C121,
        0xBF7E_5C88_C640_14E7, 0x3F62_6DE5_1ACC_4E7C, 0xBF45_98BD_8C8F_0949, 0x3F28_803E_00E5_2DFD,
        0xBF0A_F987_5410_E85D, 0x3EEC_E658_92DA_D53E, 0xBECE_24E3_C257_5B97,
    ],
    [
        0x3FC9_4E01_F8C7_8672, 0xBC6C_42C9_DC42_7FF2, 0xBFB0_D6DF_D1C8_D18C, 0x3F95_6A29_B70D_66E3,
        0xBF7A_25D3_1DD3_59AE, 0x3F5E_C5FE_F81D_5822, 0xBF41_828C_306A_DD0F, 0x3F23_5186_B846_6B23,
        0xBF04_B5D0_0A61_5FD4, 0x3EE5_A0E7_16C6_C90C, 0xBEC6_0355_C0E0_BB9E,
    ],
    [
        0x3FC8_4AE4_301F_E0B3, 0xBC30_0925_9401_CCDF, 0xBFAF_25DB_CD86_2DE7, 0x3F93_222D_1CEC_435F,
        0xBF76_9EEC_99DF_A61B, 0x3F59_D376_05D9_9DC2, 0xBF3C_8E57_24E6_0C84, 0x3F1E_A759_1008_328E,
        0xBF00_0189_C6C0_B2C0, 0x3EE0_4CD3_A793_CB9E, 0xBEC0_316F_5A86_49FF,
    ],
    [
        0x3FC7_5AEF_0B5D_A0B6, 0xBC6F_B568_68AB_F29D, 0xBFAC_E1F8_7D3B_2CF9, 0x3F91_27E4_7B31_5D74,
        0xBF73_A75A_2C38_E911, 0x3F55_C7F2_15BD_AEF4, 0xBF37_69B5_B4DD_5F52, 0x3F18_7703_3DC2_9DA1,
        0xBEF8_E5FC_15FF_E784, 0x3ED8_BC07_30EA_C386, 0xBEB7_FE05_AC49_A971,
    ],
    [
        0x3FC6_7C27_3E9A_EAB4, 0x3C61_AADC_1BAD_A2CF, 0xBFAA_D928_8A7F_F761, 0x3F8E_DE43_490F_14D7,
        0xBF71_2545_7857_9234, 0x3F52_74C3_A324_C35D, 0xBF33_4BFD_FC67_6C7B, 0x3F13_A31B_7B23_644C,
        0xBEF3_7BF1_69A1_AE4E, 0x3ED2_E372_963C_B621, 0xBEB1_E529_D24E_EAFD,
    ],
    [
        0x3FC5_ACD3_31E8_2254, 0x3C6C_C6E4_E9E4_AF5C, 0xBFA9_03E0_8FB4_0239, 0x3F8B_DBC3_F64B_08F1,
        0xBF6E_0804_4F57_A0EE, 0x3F4F_6B04_388A_D63D, 0xBF2F_F7EC_750D_7B72, 0x3F0F_B269_5C1B_645E,
        0xBEEE_AC93_9F19_1434, 0x3ECD_075D_C05C_95EC, 0xBEAA_DEE9_0F5D_7B74,
    ],
    [
        0x3FC4_EB70_F58E_D3EA, 0x3C53_EADF_A1CB_B543, 0xBFA7_5BB8_9D0A_7DE5, 0x3F89_37C1_3822_3A85,
        0xBF6A_65DB_C5EC_39E1, 0x3F4A_DB39_C1D5_B5D7, 0xBF2A_9B99_3C33_CEE2, 0x3F09_B74F_187E_FED5,
        0xBEE8_4834_ECC3_F26C, 0x3EC6_70DD_756F_0825, 0xBEA4_4D5D_F269_CE74,
    ],
    [
        0x3FC4_36AD_F606_B637, 0xBC55_0426_3C03_B563, 0xBFA5_DB3A_1A9A_DABE, 0x3F86_E480_729A_23B4,
        0xBF67_4927_ABEE_D5EA, 0x3F47_0D12_D6C7_C669, 0xBF26_3F7C_AF18_56D7, 0x3F04_F813_8F02_9CD3,
        0xBEE3_53A3_74D4_3ED2, 0x3EC1_72E4_1ECA_95EF, 0xBE9E_DDE5_13CB_DF55,
    ],
    [
        0x3FC3_8D60_1902_23F4, 0xBC3D_EF3C_2517_0111, 0xBFA4_7DB7_3F96_6CFA, 0x3F84_D68E_4602_AE55,
        0xBF64_9C05_B7D5_BCDF, 0x3F43_DCC9_7243_0E3F, 0xBF22_AF41_F3A9_B3D7, 0x3F01_2E63_B0BD_3431,
        0xBEDE_ED2E_6210_90B0, 0x3EBB_494A_26F6_B855, 0xBE97_9A6C_F799_9C51,
    ],
    [
        0x3FC2_EE7F_FF43_4FBA, 0xBC45_A4B7_1A93_0965, 0xBFA3_3F2A_1E11_BDB6, 0x3F83_0452_B8AF_4D66,
        0xBF62_4C93_D356_C3CC, 0x3F41_2DD3_8EDA_E57E, 0xBF1F_843D_61DE_2953, 0x3EFC_494D_5C41_FB8F,
        0xBED8_DE76_8235_80B1, 0x3EB5_733C_1CAD_2799, 0xBE92_26EB_DB20_4BA3,
    ],
    [
        0x3FC2_5924_350C_7FAD, 0xBC6F_1F98_89F9_3E67, 0xBFA2_1C19_B656_3795, 0x3F81_65BB_3425_2B2E,
        0xBF60_4C23_06C8_6F28, 0x3F3D_D29D_1AE2_A29B, 0xBF1A_B035_32D6_2231, 0x3EF7_638C_B3F8_E2C0,
        0xBED4_1856_C504_21E2, 0x3EB0_F331_1A67_5ECC, 0xBE8C_12D9_5422_EA62,
    ],
    [
        0x3FC1_CC7D_25F7_330A, 0x3C63_33BC_2E1A_E67A, 0xBFA1_1183_DC68_A5DE, 0x3F7F_E7EB_2005_F87F,
        0xBF5D_1D2D_8DCF_2138, 0x3F39_F992_4371_0B24, 0xBF16_B00A_15E8_775F, 0x3EF3_6C2C_61A3_013E,
        0xBED0_5041_6CC5_10F6, 0x3EAA_EC17_F325_F619, 0xBE85_D323_FAE0_C496,
    ],
    [
        0x3FC1_0845_E1DC_B19A, 0x3C53_7B2C_DEC7_DD28, 0xBF9F_53CF_D5C1_1186, 0x3F7C_21D6_F4A4_9188,
        0xBF58_B46C_64F9_1E0C, 0x3F35_3E39_642F_99F5, 0xBF11_E807_BE53_7A1C, 0x3EED_9F62_BB15_0438,
        0xBEC8_10DA_5003_801C, 0x3EA3_3F55_9E8F_A7F0, 0xBE7E_3D72_A496_E5BB,
    ],
    [
        0x3FC0_1AFC_C22E_71B8, 0x3C40_2F85_AABB_5501, 0xBF9C_14B6_F7F3_C2F0, 0x3F77_F516_52A4_6342,
        0xBF54_06F0_90AA_3FC7, 0x3F30_6BF9_A35C_5A70, 0xBF0A_712D_1A1F_47EA, 0x3EE4_EB89_6BEC_D0DE,
        0xBEC0_4719_9713_B141, 0x3E98_F6EA_6D1F_4470, 0xBE72_D38F_DA31_A0DA,
    ],
    [
        0x3FBE_8B72_5E90_FB8D, 0x3C56_B3DD_53DD_43A1, 0xBF99_4E4C_65B2_7FD6, 0x3F74_8EA0_8FA9_7BA3,
        0xBF50_641D_50F0_5C05, 0x3F29_ADEA_A146_699A, 0xBF03_C748_9634_6C7C, 0x3EDD_FA9B_A65A_6DB9,
        0xBEB6_5F10_CC03_267F, 0x3E90_7816_8D07_E767, 0xBE67_DF90_D00E_FC6F,
    ],
    [
        0x3FBD_0A22_36D4_93EA, 0xBC4A_1C75_DCD4_8B3A, 0xBF96_EA9D_B644_52A6, 0x3F71_C320_0B14_F2CF,
        0xBF4B_1138_BAE6_36A9, 0x3F24_4A17_9312_E054, 0xBEFD_F233_2F4F_1E7A, 0x3ED5_C558_B3BD_6840,
        0xBEAF_33EE_8530_0B18, 0x3E86_143B_3C92_ECDE, 0xBE5E_CB7E_B3B2_3A94,
    ],
    [
        0x3FBB_AC6C_A42E_1BFB, 0x3C44_1710_9F33_31C6, 0xBF94_D86D_C544_600B, 0x3F6E_E3FF_EDD0_1D78,
        0xBF46_87D1_68EB_C12A, 0x3F20_2FDC_FB15_AB63, 0xBEF6_ECB6_C329_59CC, 0x3ED0_0253_CB6A_366B,
        0xBEA6_0FCF_FBEC_F03D, 0x3E7E_0B88_5AEB_E6FA, 0xBE54_2EA5_708A_F386,
    ],
    [
        0x3FBA_6DAB_4957_5B6D, 0x3C1C_C993_4256_782C, 0xBF93_0A0E_BEFA_7FF4, 0x3F6B_04EF_16D7_EF80,
        0xBF42_E52C_F81E_3F41, 0x3F1A_0FAA_96FB_5FF1, 0xBEF1_BB84_88E8_F7C1, 0x3EC7_D204_B443_CAD5,
        0xBE9F_99C8_04DE_94DB, 0x3E74_BAF2_8FE0_04CB, 0xBE4A_DAAA_2A0B_AB68,
    ],
    [
        0x3FB9_49FB_EB63_D761, 0x3C4E_93C6_172F_2FC3, 0xBF91_748B_B019_FF2D, 0x3F67_C2EF_77E9_113C,
        0xBF3F_E9E2_A1AF_D5A8, 0x3F15_27C1_E39B_50F3, 0xBEEB_B2E6_14FF_F4AA, 0x3EC1_EA56_26E4_88DC,
        0xBE96_E7DE_8B92_F473, 0x3E6C_FBDC_505E_C8E0, 0xBE42_1EA2_D238_598A,
    ],
    [
        0x3FB8_3E1A_1545_93D6, 0xBC59_36D2_55BB_7750, 0xBF90_0F0A_28E0_B70D, 0x3F65_0065_2770_DF48,
        0xBF3B_1FFA_A6F8_81EE, 0x3F11_4E91_4D28_E2B0, 0xBEE5_D443_153F_AEB4, 0x3EBB_3955_9F83_701B,
        0xBE90_CA90_7245_9D15, 0x3E64_832D_4380_7359, 0xBE38_C75B_3C66_B386,
    ],
    [
        0x3FB7_4741_4EFF_DAE0, 0xBC49_C215_3E99_A77D, 0xBF8D_A4A7_E35B_ECDD, 0x3F62_A618_9DAF_30D6,
        0xBF37_3184_28A3_80BC, 0x3F0C_85ED_D244_2974, 0xBEE1_594D_C885_DECE, 0x3EB4_E1F1_F61A_A071,
        0xBE88_E129_2772_F3D4, 0x3E5D_5F1B_9C0A_ABC0, 0xBE31_27C7_05B7_282D,
    ],
    [
        0x3FB6_6315_C570_6F0B, 0x3C4E_94E2_706C_7D0F, 0xBF8B_70FB_7681_780E, 0x3F60_A1AC_6028_6BF1,
        0xBF33_F165_1AC0_FFC7, 0x3F07_A9F9_DAD6_A546, 0xBEDB_CB66_7004_30B7, 0x3EB0_2982_2B35_D72B,
        0xBE82_9DA9_EE7C_4988, 0x3E55_4221_A121_C363, 0xBE28_0936_FF0A_3A72,
    ],
    [
        0x3FB5_8F91_D4C5_7CCA, 0xBC53_659D_40E9_AA38, 0xBF89_7946_0788_0B05, 0x3F5D_C8F5_A234_EA5E,
        0xBF31_3CE2_6F04_BE15, 0x3F03_C1E9_A552_C703, 0xBED6_6E18_362D_287F, 0x3EA9_3A77_0E33_E443,
        0xBE7C_1EAA_C2BB_A25B, 0x3E4F_16E1_E1E9_5294, 0xBE21_06B0_F9B9_C53A,
    ],
    [
        0x3FB4_CAF7_50FA_3231, 0xBC24_ED98_2758_4EA6, 0xBF87_B563_55CC_257F, 0x3F5A_C57C_CFB0_7DDD,
        0xBF2D_F203_3814_3835, 0x3F00_9820_B7F3_19FB, 0xBED2_3A26_323B_7958, 0x3EA3_D8A8_2DD1_D3DE,
        0xBE75_6CF6_3D9E_48BA, 0x3E46_F44C_5C40_35CF, 0xBE18_6028_B73E_D3A9,
    ],
    [
        0x3FB4_13C3_B2DC_D435, 0xBC45_13BF_33C3_C180, 0xBF86_1E82_7AF7_3702, 0x3F58_25DF_5629_CDD6,
        0xBF2A_2143_09A9_F1FA, 0x3EFC_07F4_31D0_0CFD, 0xBECD_D15A_EE3A_8DAD, 0x3E9F_7544_2979_4B81,
        0xBE70_7611_AAE8_A134, 0x3E41_1A76_7934_9AAB, 0xBE11_9F6C_76C4_B229,
    ],
    [
        0x3FB3_68A6_8664_FFEE, 0xBC49_7F4C_7AC9_2F81, 0xBF84_AEE6_2EBF_BEEC, 0x3F55_DA94_D30E_FAF8,
        0xBF26_E62A_07A7_ECDA, 0x3EF7_CCC2_8006_D35A, 0xBEC8_8A45_C37B_AD17, 0x3E99_1B83_C42B_2DDA,
        0xBE69_7E4A_940F_8A54, 0x3E39_B56E_66D4_1D38, 0xBE09_B8C5_EC0A_C035,
    ],
    [
        0x3FB2_C879_9EB8_12B4, 0x3C5F_5849_B0A7_A615, 0xBF83_61B2_7D94_CC85, 0x3F53_D6DF_C18F_F167,
        0xBF24_2634_2E99_BCDB, 0x3EF4_4EC0_A4AE_1178, 0xBEC4_5074_F6DF_10FB, 0x3E94_2C18_A01C_8E4A,
        0xBE63_E33D_00A2_8012, 0x3E33_7B03_57D4_8CA8, 0xBE02_F077_C9F2_1E77,
    ],
    [
        0x3FB2_323A_B165_89C9, 0x3C4F_297A_B30B_50BB, 0xBF82_32C4_D153_E57C, 0x3F52_103C_D5BC_F8C0,
        0xBF21_CC27_D250_1A57, 0x3EF1_68B4_56C4_7F75, 0xBEC0_E8A1_4A55_581E, 0x3E90_4F21_5A79_6A3E,
        0xBE5F_3F7A_316E_544D, 0x3E2D_C087_B00E_F515, 0xBDFC_2092_7AAC_B0D2,
    ],
    [
        0x3FB1_618F_BC75_F8A0, 0x3C39_F11E_0FE1_CF56, 0xBF80_9D8A_F479_83FC, 0x3F4F_8C38_2C54_4080,
        0xBF1D_BF54_8A05_F592, 0x3EEB_DD1F_BFF7_0068, 0xBEB9_EDFA_D3D3_0581, 0x3E87_F9BF_8935_4541,
        0xBE56_07A2_27E3_0D2A, 0x3E24_2857_086C_0E59, 0xBDF2_4BB4_5D20_D598,
    ],
    [
        0x3FB0_669C_5916_6C17, 0x3C4A_DFE5_8070_0E74, 0xBF7D_9C4E_D215_33B0, 0x3F4A_909F_1969_E8BB,
        0xBF17_B022_618F_5BE9, 0x3EE4_FF2F_D6BF_CDF0, 0xBEB2_809B_148B_3ECC, 0x3E80_35D8_C935_542B,
        0xBE4C_3E5D_9F17_F863, 0x3E18_8302_F195_4922, 0xBDE5_1E25_EAEA_50F2,
    ],
    [
        0x3FAF_0C9D_4884_7E15, 0x3C46_1D31_5C61_E531, 0xBF7A_8C62_5602_88BB, 0x3F46_92E5_4463_FECF,
        0xBF13_16DF_D27C_40F2, 0x3EE0_0E4F_209A_6CF1, 0xBEAA_DDAA_9288_0ABE, 0x3E76_5C14_95BF_15FC,
        0xBE42_8381_BA68_385D, 0x3E0E_8D97_F853_53D5, 0xBDD9_0B2E_5A04_77CC,
    ],
    [
        0x3FAD_7947_DC6E_8DAF, 0xBC32_1972_0F0D_7D95, 0xBF77_EF85_EF3D_1684, 0x3F43_5728_3706_8F38,
        0xBF0F_19A4_0F07_DEE3, 0x3ED8_E20F_7783_5AA1, 0xBEA3_D01E_F24A_0CDA, 0x3E6F_66F3_C04F_B736,
        0xBE38_C4C5_1BE5_4DED, 0x3E03_799F_856A_7B4F, 0xBDCE_70C6_FD71_C4D1,
    ],
    [
        0x3FAC_0CB9_B293_5B92, 0xBC4D_2F8A_54AF_EFA5, 0xBF75_B059_DC34_C3D5, 0x3F40_B1A4_1BF0_2A1D,
        0xBF09_9532_CDAF_378B, 0x3ED3_83E4_0B05_A031, 0xBE9D_A486_52E1_C97E, 0x3E66_6A54_0692_7470,
        0xBE30_E0AB_C9B5_D8F0, 0x3DF9_57C9_1D79_8FFF, 0xBDC2_EBF6_48A7_F0CD,
    ],
    [
        0x3FAA_C1A2_600F_9687, 0xBC41_8ACA_5183_681A, 0xBF73_BE37_B822_4A8D, 0x3F3D_03C0_50C1_2C7A,
        0xBF05_3B80_A02A_D785, 0x3ECE_F2DE_61F4_135B, 0xBE96_770A_E0CD_6BE6, 0x3E60_3DFA_67B9_4BFF,
        0xBE27_64CC_5F96_90B1, 0x3DF0_CD7A_E173_8FF2, 0xBDB8_03B1_A7BF_56F7,
    ],
    [
        0x3FA9_939E_4F6E_F547, 0x3BF9_EA2F_D62F_398D, 0xBF72_0C00_6896_F723, 0x3F39_5EDE_2D54_DE71,
        0xBF01_C410_3D18_E161, 0x3EC8_C9D5_DA80_A918, 0xBE91_3AC6_4C11_F565, 0x3E57_DD29_DCF9_CE72,
        0xBE20_777A_1C2F_34BE, 0x3DE6_AB65_91C6_20DB, 0xBDAF_100A_37C7_A5B2,
    ],
    [
        0x3FA8_7F05_87E0_B6B4, 0xBC1E_E735_63B7_9250, 0xBF70_8F40_7995_40ED, 0x3F36_4F6A_A6BF_ABCB,
        0xBEFD_F41A_15A9_CDB6, 0x3EC4_09DF_B5C3_6B3C, 0xBE8A_B84D_5885_871F, 0x3E51_C126_558F_F031,
        0xBE17_840C_E85C_5DAE, 0x3DDF_1398_486F_CF80, 0xBDA4_71F8_639C_4255,
    ],
    [
        0x3FA7_80C6_345B_4DE9, 0xBC43_CD90_2E73_D372, 0xBF6E_7F20_5967_8DD5, 0x3F33_B8B7_F402_A8DE,
        0xBEF9_6CE3_EBD3_B976, 0x3EC0_565C_DD27_16BD, 0xBE84_EDF1_D76C_2E0E, 0x3E4A_BA90_D116_A330,
        0xBE11_03C9_4E9C_B6C4, 0x3DD5_9DF6_B2BC_EF5D, 0xBD9B_5A9F_89CF_2169,
    ],
    [
        0x3FA6_9647_C751_0299, 0xBC4E_E5DA_6E75_2C08, 0xBF6C_2C3A_DC1A_B710, 0x3F31_846F_F5DC_5BB4,
        0xBEF5_B824_1681_9EA4, 0x3EBA_D999_F68D_0D14, 0xBE80_8C47_9C28_332B, 0x3E44_56A3_3A0E_D506,
        0xBE08_ECEB_DF8E_1B19, 0x3DCE_7CDF_27CD_470B, 0xBD92_9382_A0BC_3266,
    ],
    [
        0x3FA5_BD54_832E_D9C3, 0xBC40_8B3C_B0E9_ED04, 0xBF6A_1AA7_3F9E_2F99, 0x3F2F_4202_7FDA_5800,
        0xBEF2_A9B9_E9CA_3A45, 0x3EB6_39A5_28DC_CD74, 0xBE7A_6541_9588_9A17, 0x3E3F_439D_2A04_CCE7,
        0xBE02_7749_2471_A0C4, 0x3DC5_C630_5A14_CE24, 0xBD89_9603_8906_3DDD,
    ],
    [
        0x3FA4_F407_D0AA_D072, 0x3C44_CA5E_794C_0F54, 0xBF68_4131_DFA0_95A4, 0x3F2C_00F4_7CCF_D8FA,
        0xBEF0_1FEC_1F52_6256, 0x3EB2_85A9_BE91_F665, 0xBE75_38E6_3910_E1D2, 0x3E38_414C_2A16_7D15,
        0xBDFB_A6FD_97BE_2AAB, 0x3DBF_78DF_5CE3_4E3F, 0xBD81_DA12_BEDB_37FD,
    ],
    [
        0x3FA4_38C0_3B54_316D, 0x3C3D_861F_20D7_2867, 0xBF66_9836_D73E_CF92, 0x3F29_2F63_A040_8F01,
        0xBEEC_0168_58E0_2018, 0x3EAF_1158_8C7B_E7BF, 0xBE71_3118_C0D7_0EAC, 0x3E32_FB68_9873_FE96,
        0xBDF4_E8F7_8C0F_9892, 0x3DB6_FF57_8B67_5F4B, 0xBD79_3773_D6CB_78F6,
    ],
    [
        0x3FA3_8A14_3B28_D6D4, 0xBC35_C14D_553B_1E9C, 0xBF65_1953_71EA_C394, 0x3F26_BB4E_246A_87C1,
        0xBEE8_6F9A_E5B4_46BA, 0x3EAA_35AC_542D_23D9, 0xBE6C_0CD0_0B5C_0D06, 0x3E2D_F42D_9350_C936,
        0xBDEF_EAC7_4401_89F5, 0x3DB0_FAB7_0455_83F6, 0xBD72_03A1_23AD_01DF,
    ],
    [
        0x3FA2_E6C9_29B5_2165, 0xBC16_59D8_ADC7_0D4A, 0xBF63_BF29_03EF_31B1, 0x3F24_9611_F526_088F,
        0xBEE5_6A99_84A1_042F, 0x3EA6_3BD1_5E49_968D, 0xBE67_08C9_1B40_BFA0, 0x3E27_D08F_E042_9DE1,
        0xBDE8_9237_2949_BBA6, 0x3DA9_50FE_7CFD_DEF2, 0xBD6A_03C2_B4F9_8C0D,
    ],
    [
        0x3FA2_4DCB_E974_E1EB, 0x3C3D_9148_5589_7891, 0xBF62_852C_E71A_1307, 0x3F22_B3B5_F737_3063,
        0xBEE2_D92F_D52A_421E, 0x3EA2_F570_B0CC_92B2, 0xBE63_085C_73EB_421A, 0x3E23_11E4_BC63_BFC1,
        0xBDE3_1209_82BB_4656, 0x3DA3_0BCA_A9C0_00CC, 0xBD62_F958_1072_3B26,
    ],
    [
        0x3FA1_7999_659A_B8B6, 0xBC42_A97E_2EDE_8281, 0xBF60_E23E_F619_E360, 0x3F20_4877_D006_394C,
        0xBEDF_59DF_6F49_80B7, 0x3E9E_209A_A49A_8C48, 0xBE5C_E662_550D_3367, 0x3E1B_AC66_7F72_98B0,
        0xBDDA_73D1_3386_D9D8, 0x3D99_4C04_0628_A9B3, 0xBD58_18A1_C918_B1A1,
    ],
    [
        0x3FA0_7AD1_5536_656D, 0xBC2E_96D3_22E0_EC4D, 0xBF5E_096C_3C71_F7F0, 0x3F1B_5448_5023_AA36,
        0xBED8_D36D_DCA2_FA52, 0x3E96_8413_68DA_2D8E, 0xBE54_6374_0C14_40EA, 0x3E12_6ED2_3810_220C,
        0xBDD0_A382_6FA1_56E7, 0x3D8E_0CF7_7E26_EFB1, 0xBD4B_0A76_C2A4_C764,
    ],
    [
        0x3F9F_2EE8_4766_FAE7, 0x3C37_5A59_9632_2F4C, 0xBF5A_E41B_EC49_7D41, 0x3F17_27FE_3202_13FA,
        0xBED3_E956_FA0E_43C6, 0x3E91_18D0_70DF_A245, 0xBE4D_5192_E98C_8758, 0x3E09_1A54_BF11_776F,
        0xBDC5_7683_67CC_D107, 0x3D82_5B88_9254_E90D, 0xBD3F_4DA1_7662_9B74,
    ],
    [
        0x3F9D_96A0_2B92_C7D2, 0x3BEA_C372_248F_89D0, 0xBF58_36D6_D4A6_A460, 0x3F13_CA58_67AF_7CFD,
        0xBED0_2764_3082_652F, 0x3E8A_564C_90A9_3AB6, 0xBE45_7139_EE2C_3EE3, 0x3E01_6F51_1942_57AD,
        0xBDBC_510A_D9CD_D8A3, 0x3D77_00AA_AA49_7E94, 0xBD32_A1DE_1FF1_3E24,
    ],
    [
        0x3F9C_2607_2855_5995, 0x3C3A_25B2_19FE_2320, 0xBF55_EAE9_AFB8_256B, 0x3F11_0BBF_3169_A391,
        0xBECA_7BA0_8BBA_18CE, 0x3E84_8C57_E679_6000, 0xBE3F_D98A_002F_D759, 0x3DF8_A7A8_5F02_07D0,
        0xBDB3_1035_33F9_0194, 0x3D6D_7D0F_754D_7B7D, 0xBD26_BF86_C102_BE7C,
    ],
    [
        0x3F9A_D79A_3C2D_DABF, 0xBC2D_3898_7055_8835, 0xBF53_EEBF_4F31_D394, 0x3F0D_9253_85CC_DEEF,
        0xBEC5_E997_103C_D4CD, 0x3E80_3843_FD98_A83C, 0xBE37_FC8F_9BC8_69EC, 0x3DF1_B7AA_9267_873A,
        0xBDAA_2564_4141_159C, 0x3D63_4C23_DEBE_5447, 0xBD1C_6AF8_2287_B9BD,
    ],
    [
        0x3F99_A6CF_E4B0_D001, 0xBBFD_D39D_71E7_6146, 0xBF52_348D_D924_B18C, 0x3F09_D0D6_AA6C_A81B,
        0xBEC2_4937_15B9_A60F, 0x3E79_E133_DFA0_8CED, 0xBE32_4BB0_6970_D424, 0x3DE9_D7DC_0762_4D79,
        0xBDA2_3C0C_B88F_3F58, 0x3D59_BD0A_BE87_5411, 0xBD12_2030_21FD_3290,
    ],
    [
        0x3F98_8FE3_5AF1_512B, 0x3C20_CE45_ECFA_8F08, 0xBF50_B165_E58F_4594, 0x3F06_AB63_8DC5_F2EA,
        0xBEBE_C219_2FBD_A5DF, 0x3E74_D90E_B6B3_4EED, 0xBE2C_3C75_F2C1_E409, 0x3DE3_1ABA_6836_9FD6,
        0xBD99_D434_AE53_5F7B, 0x3D51_76D3_9B50_F4B1, 0xBD07_91D3_652D_1EEB,
    ],
    [
        0x3F97_8FAC_A60F_D196, 0xBC33_F6FB_96A4_8913, 0xBF4E_B908_F3F7_B3B7, 0x3F04_0396_8C57_FB5E,
        0xBEBA_0DE6_C14E_496B, 0x3E70_F1E0_580F_1916, 0xBE26_05C8_642F_34CD, 0x3DDC_9939_1DF0_4959,
        0xBD92_8DC9_D9D9_2134, 0x3D48_1453_7DE0_8555, 0xBCFF_316E_9481_D7C8,
    ],
    [
        0x3F96_A382_043F_7EBD, 0xBBEB_9683_EFE5_3255, 0xBF4C_5DA7_0013_73C4, 0x3F01_C1E0_5FFC_FA36,
        0xBEB6_3734_205B_E7DB, 0x3E6B_C5AC_677F_FF2E, 0xBE21_5897_EB30_90D3, 0x3DD5_A6DA_AA28_E106,
        0xBD8B_0180_19AC_4F3C, 0x3D40_D85F_55FB_14F4, 0xBCF4_FAA4_B72C_8030,
    ],
    [
        0x3F95_C920_36F0_2BCE, 0x3BD6_14E2_C2AC_8214, 0xBF4A_4516_1DB9_33C4, 0x3EFF_A799_4B33_BD5A,
        0xBEB3_0EE4_9879_38C3, 0x3E66_EEAE_AAFA_B111, 0xBE1B_931E_3A3E_D692, 0x3DD0_9116_DEAC_8252,
        0xBD83_E47D_FB09_D77C, 0x3D37_E3E7_FE41_ED0A, 0xBCEC_A56C_C31A_CD04,
    ],
    [
        0x3F94_FE97_F404_FF9A, 0xBC26_A243_7416_1BC8, 0xBF48_65D4_727E_2705, 0x3EFC_5586_8258_46F9,
        0xBEB0_7123_4DB7_FE2F, 0x3E63_11D4_C40C_54CD, 0xBE16_1A55_321E_AD70, 0x3DC9_9A10_E909_FD23,
        0xBD7D_A2A8_5B85_B9E0, 0x3D31_27B1_CD1E_F60B, 0xBCE3_D500_EB5B_A52A,
    ],
    [
        0x3F94_423F_3A6A_5AEF, 0x3C31_397D_828F_4B70, 0xBF46_B801_DF13_7FC3, 0x3EF9_763E_F3F4_97CC,
        0xBEAC_84CF_79C1_746F, 0x3E5F_EC57_089B_3A2B, 0xBE11_DB2B_47EE_08B8, 0x3DC3_F6A0_0E46_E12F,
        0xBD76_4E47_70CB_595D, 0x3D28_ED47_01F5_8B07, 0xBCDB_D164_482F_EBC9,
    ],
    [
        0x3F93_92A5_9F14_5F6A, 0xBC3D_02D7_9F1F_348D, 0xBF45_350C_DE9B_BE25, 0x3EF6_F707_7330_7C97,
        0xBEA8_DAAB_C81E_11E0, 0x3E5A_E22D_698A_4C23, 0xBE0D_0FDE_20CC_496F, 0x3DBF_662E_B57D_0FAA,
        0xBD70_F3D8_BCF4_4055, 0x3D22_4EE0_2043_70D4, 0xBCD3_BF33_6ED4_54C8,
    ],
    [
        0x3F92_EE8A_E4B9_240F, 0x3C2D_B4E0_3F20_A53D, 0xBF43_D772_1128_7468, 0x3EF4_C8B1_7A54_6EB6,
        0xBEA5_C26C_2A9D_0037, 0x3E56_C4C3_6D96_7452, 0xBE07_CFD6_AB2A_9E6D, 0x3DB8_E3C3_01BE_BB86,
        0xBD6A_00A4_20C3_E80D, 0x3D1B_2B31_9D3F_E4F6, 0xBCCC_5A76_35AD_1FD1,
    ],
    [
        0x3F92_54D7_5C7A_D515, 0xBC13_FBAF_1A3D_E868, 0xBF42_9A89_CD8D_63CB, 0x3EF2_DED8_8E9B_6508,
        0xBEA3_21AD_CBCB_8E7F, 0x3E53_62F3_FE0A_87E6, 0xBE03_A295_F6B4_F5E8, 0x3DB3_E07E_BDBA_79C6,
        0xBD64_1C9A_5273_FB2D, 0x3D14_5A14_01BC_5901, 0xBCC4_9261_E35F_0038,
    ],
];

#[cfg(test)]
mod tests {
    use super::*;

    // --- An independent double-double reference (about 2^-100 relative): the Maclaurin-type
    // series `erf(x) = 2x/sqrt(pi) e^(-x^2) sum (2x^2)^n / (2n+1)!!` (all terms positive) below
    // 2.5 and Laplace's continued fraction of `erfc` above. Test-only: `mul_add` gives exact
    // products (correct, if slow, everywhere).

    type Dd = (f64, f64);

    fn fast_two_sum(a: f64, b: f64) -> Dd {
        let s = a + b;
        (s, b - (s - a))
    }

    fn dd_add(a: Dd, b: Dd) -> Dd {
        let s = a.0 + b.0;
        let bb = s - a.0;
        let e = (a.0 - (s - bb)) + (b.0 - bb);
        fast_two_sum(s, e + a.1 + b.1)
    }

    fn dd_neg(a: Dd) -> Dd {
        (-a.0, -a.1)
    }

    fn dd_mul(a: Dd, b: Dd) -> Dd {
        let p = a.0 * b.0;
        let e = a.0.mul_add(b.0, -p);
        fast_two_sum(p, e + a.0 * b.1 + a.1 * b.0)
    }

    fn dd_div(a: Dd, b: Dd) -> Dd {
        let q = a.0 / b.0;
        let r = dd_add(a, dd_neg(dd_mul((q, 0.0), b)));
        fast_two_sum(q, r.0 / b.0)
    }

    fn dd(v: f64) -> Dd {
        (v, 0.0)
    }

    const TWO_OVER_SQRT_PI: Dd = (core::f64::consts::FRAC_2_SQRT_PI, 1.533_545_961_316_588e-17);
    const ONE_OVER_SQRT_PI: Dd = (
        core::f64::consts::FRAC_2_SQRT_PI / 2.0,
        7.667_729_806_582_94e-18,
    );
    const LN2: Dd = (core::f64::consts::LN_2, 2.319_046_813_846_299_6e-17);

    /// `e^v = 2^k m`, `m` a double-double near 1.
    fn exp_dd(v: Dd) -> (i32, Dd) {
        let k = (v.0 / LN2.0).round();
        let r = dd_add(v, dd_neg(dd_mul(dd(k), LN2)));
        let (mut sum, mut term) = (dd(1.0), dd(1.0));
        for n in 1..=30 {
            term = dd_div(dd_mul(term, r), dd(f64::from(n)));
            sum = dd_add(sum, term);
        }
        (k as i32, sum)
    }

    fn scale(v: f64, n: i32) -> f64 {
        let pow2 = |m: i32| f64::from_bits(((m + 1023) as u64) << 52);
        let half = n / 2;
        v * pow2(half) * pow2(n - half)
    }

    /// `(erf(a), erfc(a))` for `a >= 0`, each as `2^k m`.
    fn reference(a: f64) -> ((i32, Dd), (i32, Dd)) {
        if a < 1e-150 {
            // erf(a) = 2a/sqrt(pi) (1 - a^2/3 + ...): the a^2 term is below 2^-990, and the
            // product is formed at a scale where it does not underflow.
            let m = dd_mul(TWO_OVER_SQRT_PI, dd(scale(a, 600)));
            return ((-600, m), (0, dd(1.0)));
        }
        let a2 = {
            let p = a * a;
            (p, a.mul_add(a, -p))
        };
        let (k, e) = exp_dd(dd_neg(a2));
        if a < 2.5 {
            let two_a2 = dd_mul(a2, dd(2.0));
            let (mut sum, mut term) = (dd(1.0), dd(1.0));
            let mut n = 1.0;
            while term.0 > 1e-34 * sum.0 {
                term = dd_div(dd_mul(term, two_a2), dd(2.0 * n + 1.0));
                sum = dd_add(sum, term);
                n += 1.0;
            }
            let m = dd_mul(dd_mul(dd_mul(TWO_OVER_SQRT_PI, dd(a)), e), sum);
            let erf = (scale(m.0, k), scale(m.1, k));
            ((0, erf), (0, dd_add(dd(1.0), dd_neg(erf))))
        } else {
            let depth = if a < 4.0 { 200 } else { 60 };
            let mut f = dd(a);
            for n in (1..=depth).rev() {
                f = dd_add(dd(a), dd_div(dd(f64::from(n) / 2.0), f));
            }
            let m = dd_div(dd_mul(ONE_OVER_SQRT_PI, e), f);
            let erfc = (scale(m.0, k), scale(m.1, k));
            let erf = if k > -200 {
                dd_add(dd(1.0), dd_neg(erfc))
            } else {
                dd(1.0)
            };
            ((0, erf), (k, m))
        }
    }

    /// `|y - 2^k (h + l)|` in ulps of the exact value (subnormal ulps below 2^-1022).
    fn ulp_error(y: f64, (k, (h, l)): (i32, Dd)) -> f64 {
        if h == 0.0 {
            return if y == 0.0 { 0.0 } else { f64::INFINITY };
        }
        let mut e = ((h.abs().to_bits() >> 52) as i32) - 1023;
        if h.abs().to_bits() << 12 == 0 && (l != 0.0 && l.signum() != h.signum()) {
            e -= 1;
        }
        let ulp = (e + k - 52).max(-1074);
        ((scale(y, -ulp) - scale(h, k - ulp)) - scale(l, k - ulp)).abs()
    }

    fn erf_error(x: f64, y: f64) -> f64 {
        let ((k, (h, l)), _) = reference(x.abs());
        let s = x.signum();
        ulp_error(y, (k, (s * h, s * l)))
    }

    fn erfc_error(x: f64, y: f64) -> f64 {
        let (_, c) = reference(x.abs());
        if x >= 0.0 {
            ulp_error(y, c)
        } else {
            let (k, m) = c;
            let v = (scale(m.0, k), scale(m.1, k));
            ulp_error(y, (0, dd_add(dd(2.0), dd_neg(v))))
        }
    }

    #[test]
    fn reference_agrees_with_mpmath() {
        // mpmath 1.4 at 200 bits, rounded to the nearest double.
        let cases = [
            (0.25, 0.27632639016823696, 0.0),
            (1.0, 0.8427007929497149, 0.0),
            (2.0, 0.9953222650189527, 0.0),
            (3.0, 0.0, 2.209049699858544e-05),
            (5.0, 0.0, 1.537459794428035e-12),
            (10.0, 0.0, 2.088487583762545e-45),
            (26.5, 0.0, 2.2109076642637343e-307),
        ];
        for (x, erf, erfc) in cases {
            let (e, c) = reference(x);
            let (v, want) = if erf != 0.0 { (e, erf) } else { (c, erfc) };
            let got = scale(v.1.0, v.0) + scale(v.1.1, v.0);
            assert!((got / want - 1.0).abs() < 1e-15, "{x}: {got:e} vs {want:e}");
            assert!(ulp_error(want, v) <= 0.5, "{x}");
        }
        // The series and the continued fraction agree where they meet.
        let (_, c) = reference(2.5);
        let (_, s) = reference(2.499_999_999_999_999_6);
        assert!((scale(c.1.0, c.0) / scale(s.1.0, s.0) - 1.0).abs() < 1e-14);
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
        fn unit(&mut self) -> f64 {
            (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
        }
        fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
            lo + (hi - lo) * self.unit()
        }
    }

    /// `n` of each kind: uniform over `[-7, 28]` and over `[-1.2, 1.2]`, every binade from
    /// 2^-1074 to 1 of both signs, the subnormal results of `erfc` (`[26.2, 27.3]`), and the
    /// region boundaries 0.5, 1 and every row's edge, each within 64 ulps.
    fn sweep(n: usize, seed: u64) -> Vec<f64> {
        let mut rng = Rng(seed);
        let mut xs = Vec::with_capacity(5 * n);
        for _ in 0..n {
            xs.push(rng.uniform(-7.0, 28.0));
            xs.push(rng.uniform(-1.2, 1.2));
            let e = (rng.next() % 1075) as i32;
            let s = if rng.next() & 1 == 0 { 1.0 } else { -1.0 };
            xs.push(s * scale(rng.uniform(1.0, 2.0), -e));
            xs.push(rng.uniform(26.2, 27.3));
            let row = rng.next() % 97;
            let edge = f64::from_bits((FIRST_ROW + row) << ROW_SHIFT);
            let off = (rng.next() % 128) as i64 - 64;
            let v = f64::from_bits((edge.to_bits() as i64 + off) as u64);
            xs.push(if rng.next() & 1 == 0 { v } else { -v });
        }
        xs
    }

    /// The worst errors (ulp, argument) of `f` against `error`, over normal and subnormal results.
    fn worst(
        xs: &[f64],
        f: impl Fn(f64) -> f64,
        error: impl Fn(f64, f64) -> f64,
    ) -> [(f64, f64); 2] {
        let mut w = [(0.0, f64::NAN); 2];
        for &x in xs {
            let y = f(x);
            let e = error(x, y);
            let slot = &mut w[usize::from(y != 0.0 && y.abs() < f64::MIN_POSITIVE)];
            if e > slot.0 {
                *slot = (e, x);
            }
        }
        w
    }

    #[test]
    fn max_ulp_error_sweep() {
        let xs = sweep(20_000, 1);
        let [(e, x), (es, xs_)] = worst(&xs, erf, erf_error);
        assert!(
            e < ERF_BOUND && es < ERF_BOUND,
            "erf({x:e}) {e} ulp, erf({xs_:e}) {es}"
        );
        let [(e, x), (es, xs_)] = worst(&xs, erfc, erfc_error);
        assert!(e < ERFC_BOUND, "erfc({x:e}) is {e} ulp off");
        assert!(
            es < ERFC_SUBNORMAL_BOUND,
            "erfc({xs_:e}) is {es} ulp off (subnormal)"
        );
    }

    /// The measured worst errors, rounded up (module docs).
    const ERF_BOUND: f64 = 1.0;
    const ERFC_BOUND: f64 = 1.0;
    const ERFC_SUBNORMAL_BOUND: f64 = 1.0;

    /// 10^7 points per function, and the `libm` crate's (musl's, Pyodide's `math.erf`)
    /// worst on the same points; run with
    /// `cargo test --release -p fastmath-core erf_max_ulp_error_large -- --ignored --nocapture`.
    #[test]
    #[ignore = "slow: a measurement, run by hand"]
    fn erf_max_ulp_error_large_sweep() {
        let xs = sweep(2_000_000, 2);
        for (name, f, g, error) in [
            (
                "erf",
                erf as fn(f64) -> f64,
                libm::erf as fn(f64) -> f64,
                erf_error as fn(f64, f64) -> f64,
            ),
            ("erfc", erfc, libm::erfc, erfc_error),
        ] {
            let ours = worst(&xs, f, error);
            let theirs = worst(&xs, g, error);
            println!(
                "{name} over {} points: ours (normal, subnormal) {ours:?}; libm {theirs:?}",
                xs.len()
            );
        }
    }

    #[test]
    fn known_values_and_limits() {
        assert_eq!(erf(0.0).to_bits(), 0.0f64.to_bits());
        assert_eq!(erf(-0.0).to_bits(), (-0.0f64).to_bits());
        assert_eq!(erf(f64::INFINITY), 1.0);
        assert_eq!(erf(f64::NEG_INFINITY), -1.0);
        assert_eq!(erf(6.0), 1.0);
        assert_eq!(erf(-1e300), -1.0);
        assert!(erf(f64::NAN).is_nan());
        assert_eq!(erfc(0.0), 1.0);
        assert_eq!(erfc(-0.0), 1.0);
        assert_eq!(erfc(f64::INFINITY), 0.0);
        assert_eq!(erfc(f64::NEG_INFINITY), 2.0);
        assert_eq!(erfc(-6.0), 2.0);
        assert_eq!(erfc(27.3), 0.0);
        assert!(erfc(27.1) > 0.0 && erfc(27.1) < f64::MIN_POSITIVE);
        assert!(erfc(f64::NAN).is_nan());
        // Correctly rounded values (mpmath): erf(1), erfc(10).
        assert_eq!(erf(1.0), 0.842_700_792_949_714_9);
        assert_eq!(erfc(10.0), 2.088_487_583_762_545e-45);
        assert_eq!(erf(5e-324), 5e-324);
        assert_eq!(erf(-1e-300), -1.128_379_167_095_512_6e-300);
    }

    #[test]
    fn slice_kernels_give_the_scalar_bits() {
        let mut xs = sweep(500, 4);
        xs.extend([
            f64::NAN,
            0.3,
            -0.2,
            0.1,
            f64::INFINITY,
            -0.0,
            0.0,
            1.0,
            0.5,
            -0.5,
        ]);
        xs.extend((0..400).map(|i| f64::from(i) / 400.0 - 0.5));
        let mut out = vec![0.0; xs.len()];
        type Pair = fn(F64x2, &Small<F64x2>) -> F64x2;
        for (f, into, small, near, mixed) in [
            (
                erf as fn(f64) -> f64,
                erf_into as fn(&[f64], &mut [f64]) -> Result<()>,
                erf_small as Pair,
                erf_small as Pair,
                erf_mixed as Pair,
            ),
            (erfc, erfc_into, erfc_small, erfc_near, erfc_mixed),
        ] {
            into(&xs, &mut out).unwrap();
            for (&x, &y) in xs.iter().zip(&out) {
                let s = f(x);
                assert!(
                    s.to_bits() == y.to_bits() || (s.is_nan() && y.is_nan()),
                    "{x:e}"
                );
            }
            // The two-lane forms, on the portable pair where not wasm32 simd128.
            let k = Small::new();
            for pair in xs.chunks_exact(2) {
                let mut o = [0.0; 2];
                let want = [f(pair[0]).to_bits(), f(pair[1]).to_bits()];
                if pair.iter().all(|v| !v.is_nan()) {
                    mixed(F64x2::load(pair), &k).store(&mut o);
                    assert_eq!(want, o.map(f64::to_bits));
                }
                if pair.iter().all(|v| (-1.0..0.5).contains(v)) {
                    small(F64x2::load(pair), &k).store(&mut o);
                    assert_eq!(want, o.map(f64::to_bits));
                }
                if pair.iter().all(|&v| v.abs() <= 1.0) {
                    near(F64x2::load(pair), &k).store(&mut o);
                    assert_eq!(want, o.map(f64::to_bits));
                }
            }
        }
        assert!(erf_into(&xs, &mut out[1..]).is_err());
        let mut out32 = [0.0f32; 3];
        widen_into(&[1.0, -0.5, 3.0], &mut out32, erfc_into).unwrap();
        assert_eq!(
            out32,
            [erfc(1.0) as f32, erfc(-0.5) as f32, erfc(3.0) as f32]
        );
        map_f32_into(&[1.0], &mut out32[..1], erf).unwrap();
        assert_eq!(out32[0], erf(1.0) as f32);
    }

    /// The arguments of the fingerprints (and of `test_special.py`'s): splitmix64 seeded
    /// 12345; the first half uniform in `[-1, 1)`, the second half uniform in `[-7, 28)` for
    /// even `i` and the bits as a double for odd `i`.
    fn fingerprint_args(n: usize) -> Vec<f64> {
        let mut rng = Rng(12345);
        (0..n)
            .map(|i| {
                let z = rng.next();
                let u = (z >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
                if i < n / 2 {
                    -1.0 + 2.0 * u
                } else if i % 2 == 0 {
                    -7.0 + 35.0 * u
                } else {
                    f64::from_bits(z)
                }
            })
            .collect()
    }

    /// FNV-1a (64-bit, word-wise) over the result bits, every NaN hashed as one value.
    fn fnv1a(ys: &[f64]) -> u64 {
        ys.iter().fold(0xCBF2_9CE4_8422_2325, |h, &y| {
            let bits = if y.is_nan() {
                0x7FF8_0000_0000_0000
            } else {
                y.to_bits()
            };
            (h ^ bits).wrapping_mul(0x0000_0100_0000_01B3)
        })
    }

    /// The same bits on every platform: these hashes of `erf`/`erfc` over 10^5 arguments are
    /// also checked in Pyodide (both backends) by `test_special.py`'s `test_erf_bits_fingerprint`.
    #[test]
    fn bits_fingerprint() {
        let xs = fingerprint_args(100_000);
        let mut out = vec![0.0; xs.len()];
        erf_into(&xs, &mut out).unwrap();
        let erf_hash = fnv1a(&out);
        erfc_into(&xs, &mut out).unwrap();
        let erfc_hash = fnv1a(&out);
        assert_eq!(
            (erf_hash, erfc_hash),
            (0xB18A_381F_8345_B0A2, 0x8E16_2CA2_2B23_C13A),
            "{erf_hash:#018X} {erfc_hash:#018X}"
        );
    }
}
