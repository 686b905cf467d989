//! Kernels written once over [`Lanes32`]: a scalar `f32` or an [`F32x4`] quadruple, so that the
//! `float32` slice loops run four elements per instruction on wasm32 `simd128` (twice the lanes
//! of [`super::lanes::F64x2`]) and their scalar remainder the very same operations.
//!
//! As in [`super::lanes`]: [`F32x4`] is `core::arch::wasm32`'s `v128` where `simd128` is enabled
//! and a plain `[f32; 4]` elsewhere; every operation is the IEEE one per lane (no fused
//! multiply-add, no approximate reciprocal), so the vector and scalar forms give the same bits
//! on every target. The one step some kernels take in `f64` (the trigonometric argument
//! reduction, [`Lanes32::widened`]) is written over [`Lanes`] and runs on two [`F64x2`]s per
//! [`F32x4`].

use core::ops::{Add, Div, Mul, Sub};

use super::lanes::{F64x2, Lanes};

/// One lane (`f32`) or four ([`F32x4`]) of `f32`, with their bit patterns as [`Self::Bits`].
pub(super) trait Lanes32:
    Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Div<Output = Self>
{
    /// The lanes' `u32` bit patterns.
    type Bits: BitLanes32;
    fn splat(v: f32) -> Self;
    fn to_bits(self) -> Self::Bits;
    fn from_bits(b: Self::Bits) -> Self;
    /// `a` in the lanes where `mask` is all ones, `b` where it is zero.
    fn select(mask: Self::Bits, a: Self, b: Self) -> Self;
    /// Whether `mask` is all ones in every lane.
    fn all(mask: Self::Bits) -> bool;
    /// All ones in the lanes where `self < o` (false for NaN), zero elsewhere.
    fn lt(self, o: Self) -> Self::Bits;
    /// All ones in the lanes where `self > o` (false for NaN), zero elsewhere.
    fn gt(self, o: Self) -> Self::Bits;
    /// Each lane widened to `f64` (exactly) and `scalar` (for `f32`) or `pair` (on two
    /// [`F64x2`] for [`F32x4`]: the same operations) applied to it, giving `(r, n)`; returned:
    /// `r` split into `hi + lo` (`hi` is `r` rounded to `f32`, `lo` the rest rounded to `f32`,
    /// so the pair holds `r` to about 2^-48 relative) and `n`'s low 32 bits.
    fn widened<F: Fn(f64) -> (f64, u64), G: Fn(F64x2) -> (F64x2, <F64x2 as Lanes>::Bits)>(
        self,
        scalar: F,
        pair: G,
    ) -> (Self, Self, Self::Bits);
}

/// `u32` lanes: wrapping arithmetic and shifts, as `u32`'s own.
pub(super) trait BitLanes32: Copy {
    fn splat(v: u32) -> Self;
    fn add(self, o: Self) -> Self;
    fn sub(self, o: Self) -> Self;
    fn and(self, o: Self) -> Self;
    fn xor(self, o: Self) -> Self;
    /// Logical shift.
    fn shl(self, n: u32) -> Self;
    /// Arithmetic (sign-filling) right shift of the lanes taken as `i32`.
    fn sar(self, n: u32) -> Self;
    /// All ones in the lanes where `self == o`, zero elsewhere.
    fn eq(self, o: Self) -> Self;
}

impl Lanes32 for f32 {
    type Bits = u32;
    #[inline(always)]
    fn splat(v: f32) -> Self {
        v
    }
    #[inline(always)]
    fn to_bits(self) -> u32 {
        f32::to_bits(self)
    }
    #[inline(always)]
    fn from_bits(b: u32) -> Self {
        f32::from_bits(b)
    }
    #[inline(always)]
    fn select(mask: u32, a: Self, b: Self) -> Self {
        if mask != 0 { a } else { b }
    }
    #[inline(always)]
    fn all(mask: u32) -> bool {
        mask != 0
    }
    #[inline(always)]
    fn lt(self, o: Self) -> u32 {
        if self < o { u32::MAX } else { 0 }
    }
    #[inline(always)]
    fn gt(self, o: Self) -> u32 {
        if self > o { u32::MAX } else { 0 }
    }
    #[inline(always)]
    fn widened<F: Fn(f64) -> (f64, u64), G: Fn(F64x2) -> (F64x2, <F64x2 as Lanes>::Bits)>(
        self,
        scalar: F,
        _pair: G,
    ) -> (Self, Self, u32) {
        let (r, n) = scalar(f64::from(self));
        let hi = r as f32;
        (hi, (r - f64::from(hi)) as f32, n as u32)
    }
}

impl BitLanes32 for u32 {
    #[inline(always)]
    fn splat(v: u32) -> Self {
        v
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        self.wrapping_add(o)
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        self.wrapping_sub(o)
    }
    #[inline(always)]
    fn and(self, o: Self) -> Self {
        self & o
    }
    #[inline(always)]
    fn xor(self, o: Self) -> Self {
        self ^ o
    }
    #[inline(always)]
    fn shl(self, n: u32) -> Self {
        self << n
    }
    #[inline(always)]
    fn sar(self, n: u32) -> Self {
        ((self as i32) >> n) as u32
    }
    #[inline(always)]
    fn eq(self, o: Self) -> Self {
        if self == o { u32::MAX } else { 0 }
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod quad {
    use core::arch::wasm32::{
        f32x4, f32x4_add, f32x4_demote_f64x2_zero, f32x4_div, f32x4_extract_lane, f32x4_gt,
        f32x4_lt, f32x4_mul, f32x4_splat, f32x4_sub, f64x2_promote_low_f32x4, i32x4_add,
        i32x4_all_true, i32x4_eq, i32x4_shl, i32x4_shr, i32x4_shuffle, i32x4_splat, i32x4_sub,
        v128, v128_and, v128_bitselect, v128_xor,
    };

    use super::super::lanes::F64x2;

    /// Four `f32` lanes in one `v128`.
    #[derive(Clone, Copy)]
    pub(in super::super) struct F32x4(v128);

    /// Four `u32` lanes in one `v128`.
    #[derive(Clone, Copy)]
    pub(in super::super) struct U32x4(v128);

    impl F32x4 {
        /// The first four elements of `x`.
        #[inline(always)]
        pub(in super::super) fn load(x: &[f32]) -> Self {
            F32x4(f32x4(x[0], x[1], x[2], x[3]))
        }
        /// Writes the lanes to the first four elements of `out`.
        #[inline(always)]
        pub(in super::super) fn store(self, out: &mut [f32]) {
            out[0] = f32x4_extract_lane::<0>(self.0);
            out[1] = f32x4_extract_lane::<1>(self.0);
            out[2] = f32x4_extract_lane::<2>(self.0);
            out[3] = f32x4_extract_lane::<3>(self.0);
        }
    }

    macro_rules! binop {
        ($t:ident, $trait:ident, $f:ident, $op:ident) => {
            impl core::ops::$trait for $t {
                type Output = Self;
                #[inline(always)]
                fn $f(self, o: Self) -> Self {
                    $t($op(self.0, o.0))
                }
            }
        };
    }
    binop!(F32x4, Add, add, f32x4_add);
    binop!(F32x4, Sub, sub, f32x4_sub);
    binop!(F32x4, Mul, mul, f32x4_mul);
    binop!(F32x4, Div, div, f32x4_div);

    impl super::Lanes32 for F32x4 {
        type Bits = U32x4;
        #[inline(always)]
        fn splat(v: f32) -> Self {
            F32x4(f32x4_splat(v))
        }
        #[inline(always)]
        fn to_bits(self) -> U32x4 {
            U32x4(self.0)
        }
        #[inline(always)]
        fn from_bits(b: U32x4) -> Self {
            F32x4(b.0)
        }
        #[inline(always)]
        fn select(mask: U32x4, a: Self, b: Self) -> Self {
            F32x4(v128_bitselect(a.0, b.0, mask.0))
        }
        #[inline(always)]
        fn all(mask: U32x4) -> bool {
            i32x4_all_true(mask.0)
        }
        #[inline(always)]
        fn lt(self, o: Self) -> U32x4 {
            U32x4(f32x4_lt(self.0, o.0))
        }
        #[inline(always)]
        fn gt(self, o: Self) -> U32x4 {
            U32x4(f32x4_gt(self.0, o.0))
        }
        #[inline(always)]
        fn widened<
            F: Fn(f64) -> (f64, u64),
            G: Fn(F64x2) -> (F64x2, <F64x2 as super::Lanes>::Bits),
        >(
            self,
            _scalar: F,
            pair: G,
        ) -> (Self, Self, U32x4) {
            let low = F64x2::from_raw(f64x2_promote_low_f32x4(self.0));
            let high = F64x2::from_raw(f64x2_promote_low_f32x4(i32x4_shuffle::<2, 3, 2, 3>(
                self.0, self.0,
            )));
            let (r0, n0) = pair(low);
            let (r1, n1) = pair(high);
            // hi: r rounded to f32 (demote rounds to nearest, as `as f32`); lo: what is left.
            let split = |r: F64x2| {
                let hi = f32x4_demote_f64x2_zero(r.raw());
                let back = F64x2::from_raw(f64x2_promote_low_f32x4(hi));
                (hi, f32x4_demote_f64x2_zero((r - back).raw()))
            };
            let ((h0, l0), (h1, l1)) = (split(r0), split(r1));
            (
                F32x4(i32x4_shuffle::<0, 1, 4, 5>(h0, h1)),
                F32x4(i32x4_shuffle::<0, 1, 4, 5>(l0, l1)),
                U32x4(i32x4_shuffle::<0, 2, 4, 6>(n0.raw(), n1.raw())),
            )
        }
    }

    impl super::BitLanes32 for U32x4 {
        #[inline(always)]
        fn splat(v: u32) -> Self {
            U32x4(i32x4_splat(v as i32))
        }
        #[inline(always)]
        fn add(self, o: Self) -> Self {
            U32x4(i32x4_add(self.0, o.0))
        }
        #[inline(always)]
        fn sub(self, o: Self) -> Self {
            U32x4(i32x4_sub(self.0, o.0))
        }
        #[inline(always)]
        fn and(self, o: Self) -> Self {
            U32x4(v128_and(self.0, o.0))
        }
        #[inline(always)]
        fn xor(self, o: Self) -> Self {
            U32x4(v128_xor(self.0, o.0))
        }
        #[inline(always)]
        fn shl(self, n: u32) -> Self {
            U32x4(i32x4_shl(self.0, n))
        }
        #[inline(always)]
        fn sar(self, n: u32) -> Self {
            U32x4(i32x4_shr(self.0, n))
        }
        #[inline(always)]
        fn eq(self, o: Self) -> Self {
            U32x4(i32x4_eq(self.0, o.0))
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod quad {
    use super::super::lanes::{F64x2, Lanes};
    use super::{BitLanes32, Lanes32};

    /// Four `f32` lanes, each computed by the scalar code (targets without `simd128`).
    #[derive(Clone, Copy)]
    pub(in super::super) struct F32x4([f32; 4]);

    /// Four `u32` lanes.
    #[derive(Clone, Copy)]
    pub(in super::super) struct U32x4([u32; 4]);

    impl F32x4 {
        /// The first four elements of `x`.
        #[inline(always)]
        pub(in super::super) fn load(x: &[f32]) -> Self {
            F32x4([x[0], x[1], x[2], x[3]])
        }
        /// Writes the lanes to the first four elements of `out`.
        #[inline(always)]
        pub(in super::super) fn store(self, out: &mut [f32]) {
            out[..4].copy_from_slice(&self.0);
        }
    }

    macro_rules! binop {
        ($trait:ident, $f:ident) => {
            impl core::ops::$trait for F32x4 {
                type Output = Self;
                #[inline(always)]
                fn $f(self, o: Self) -> Self {
                    F32x4([0, 1, 2, 3].map(|j| core::ops::$trait::$f(self.0[j], o.0[j])))
                }
            }
        };
    }
    binop!(Add, add);
    binop!(Sub, sub);
    binop!(Mul, mul);
    binop!(Div, div);

    impl Lanes32 for F32x4 {
        type Bits = U32x4;
        #[inline(always)]
        fn splat(v: f32) -> Self {
            F32x4([v; 4])
        }
        #[inline(always)]
        fn to_bits(self) -> U32x4 {
            U32x4(self.0.map(f32::to_bits))
        }
        #[inline(always)]
        fn from_bits(b: U32x4) -> Self {
            F32x4(b.0.map(f32::from_bits))
        }
        #[inline(always)]
        fn select(mask: U32x4, a: Self, b: Self) -> Self {
            F32x4([0, 1, 2, 3].map(|j| f32::select(mask.0[j], a.0[j], b.0[j])))
        }
        #[inline(always)]
        fn all(mask: U32x4) -> bool {
            mask.0.iter().all(|&m| m != 0)
        }
        #[inline(always)]
        fn lt(self, o: Self) -> U32x4 {
            U32x4([0, 1, 2, 3].map(|j| Lanes32::lt(self.0[j], o.0[j])))
        }
        #[inline(always)]
        fn gt(self, o: Self) -> U32x4 {
            U32x4([0, 1, 2, 3].map(|j| Lanes32::gt(self.0[j], o.0[j])))
        }
        #[inline(always)]
        fn widened<F: Fn(f64) -> (f64, u64), G: Fn(F64x2) -> (F64x2, <F64x2 as Lanes>::Bits)>(
            self,
            scalar: F,
            _pair: G,
        ) -> (Self, Self, U32x4) {
            let each = self.0.map(|v| {
                let (r, n) = scalar(f64::from(v));
                let hi = r as f32;
                (hi, (r - f64::from(hi)) as f32, n as u32)
            });
            (
                F32x4(each.map(|e| e.0)),
                F32x4(each.map(|e| e.1)),
                U32x4(each.map(|e| e.2)),
            )
        }
    }

    macro_rules! lanewise {
        ($($f:ident),*) => {$(
            #[inline(always)]
            fn $f(self, o: Self) -> Self {
                U32x4([0, 1, 2, 3].map(|j| BitLanes32::$f(self.0[j], o.0[j])))
            }
        )*};
    }
    macro_rules! shifts {
        ($($f:ident),*) => {$(
            #[inline(always)]
            fn $f(self, n: u32) -> Self {
                U32x4(self.0.map(|v| BitLanes32::$f(v, n)))
            }
        )*};
    }

    impl BitLanes32 for U32x4 {
        #[inline(always)]
        fn splat(v: u32) -> Self {
            U32x4([v; 4])
        }
        lanewise!(add, sub, and, xor, eq);
        shifts!(shl, sar);
    }
}

pub(super) use quad::{F32x4, U32x4};

/// `x` in the lanes where it is `±0` (its sign kept), `y` elsewhere: the kernels that should
/// return `±0` at `±0` compute `+0` for `-0` (a sum's rounding), and select it back here.
#[inline(always)]
pub(super) fn zero_kept<L: Lanes32>(x: L, y: L) -> L {
    let zero = x
        .to_bits()
        .and(L::Bits::splat(!(1 << 31)))
        .eq(L::Bits::splat(0));
    L::select(zero, x, y)
}

/// Whether the four-lane loops use [`F32x4`]: where it is a `v128` (see
/// [`super::lanes::TWO_LANES`]: elsewhere the scalar form per element, which LLVM vectorises
/// or not as it sees fit).
pub(super) const FOUR_LANES: bool = cfg!(all(target_arch = "wasm32", target_feature = "simd128"));

/// `out[i] = f(x[i])` in chunks of eight: when `ok` (a mask per lane: the fast path's domain)
/// holds for all eight elements, `fast` on two [`F32x4`] (wasm32 `simd128`) or `small` on each
/// element (elsewhere), else `scalar` per element, as for the remainder. `fast`, `small` and
/// `scalar` must give the same bits where `ok` holds. The caller has checked
/// `out.len() == x.len()`.
#[inline(always)]
pub(super) fn map_into_x4(
    x: &[f32],
    out: &mut [f32],
    ok: (impl Fn(F32x4) -> U32x4, impl Fn(f32) -> u32),
    fast: impl Fn(F32x4) -> F32x4,
    small: impl Fn(f32) -> f32,
    scalar: impl Fn(f32) -> f32,
) {
    let mut xs = x.chunks_exact(8);
    let mut outs = out.chunks_exact_mut(8);
    for (o, v) in (&mut outs).zip(&mut xs) {
        if FOUR_LANES {
            let (a, b) = (F32x4::load(&v[..4]), F32x4::load(&v[4..]));
            if F32x4::all(ok.0(a).and(ok.0(b))) {
                fast(a).store(&mut o[..4]);
                fast(b).store(&mut o[4..]);
                continue;
            }
        } else if v.iter().all(|&v| ok.1(v) != 0) {
            for (o, &v) in o.iter_mut().zip(v) {
                *o = small(v);
            }
            continue;
        }
        for (o, &v) in o.iter_mut().zip(v) {
            *o = scalar(v);
        }
    }
    for (o, &v) in outs.into_remainder().iter_mut().zip(xs.remainder()) {
        *o = scalar(v);
    }
}

/// [`map_into_x4`] in place.
#[inline(always)]
pub(super) fn map_in_place_x4(
    x: &mut [f32],
    ok: (impl Fn(F32x4) -> U32x4, impl Fn(f32) -> u32),
    fast: impl Fn(F32x4) -> F32x4,
    small: impl Fn(f32) -> f32,
    scalar: impl Fn(f32) -> f32,
) {
    let mut xs = x.chunks_exact_mut(8);
    for v in &mut xs {
        if FOUR_LANES {
            let (a, b) = (F32x4::load(&v[..4]), F32x4::load(&v[4..]));
            if F32x4::all(ok.0(a).and(ok.0(b))) {
                fast(a).store(&mut v[..4]);
                fast(b).store(&mut v[4..]);
                continue;
            }
        } else if v.iter().all(|&v| ok.1(v) != 0) {
            for v in v.iter_mut() {
                *v = small(*v);
            }
            continue;
        }
        for v in v.iter_mut() {
            *v = scalar(*v);
        }
    }
    for v in xs.into_remainder() {
        *v = scalar(*v);
    }
}
