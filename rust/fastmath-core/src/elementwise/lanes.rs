//! Kernels written once over [`Lanes`]: a scalar `f64` or an [`F64x2`] pair, so that a slice
//! loop runs two elements per instruction on wasm32 `simd128` and its scalar remainder the very
//! same operations.
//!
//! Why by hand: rustc does not vectorise the loops of the table-driven kernels (`log`'s table
//! lookup is a gather, which LLVM's cost model for wasm32 rejects), so they ran one element per
//! instruction. [`F64x2`] is `core::arch::wasm32`'s `v128` where `simd128` is enabled and a
//! plain `[f64; 2]` elsewhere; every operation is the IEEE one per lane (add, subtract,
//! multiply, divide, integer operations on the bit patterns, selects), with no fused
//! multiply-add, so both give the bits of the scalar code on every target.

use core::ops::{Add, Div, Mul, Sub};

/// One lane (`f64`) or two ([`F64x2`]) of `f64`, with their bit patterns as [`Self::Bits`].
pub(crate) trait Lanes:
    Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Div<Output = Self>
{
    /// The lanes' `u64` bit patterns.
    type Bits: BitLanes;
    fn splat(v: f64) -> Self;
    /// `-self` (flips the sign bit, as `f64`'s `-`).
    fn neg(self) -> Self;
    fn to_bits(self) -> Self::Bits;
    fn from_bits(b: Self::Bits) -> Self;
    /// `a` in the lanes where `mask` is all ones, `b` where it is zero.
    fn select(mask: Self::Bits, a: Self, b: Self) -> Self;
    /// `f(i)` per lane, `i` the lane of `idx` (a table lookup; the caller keeps `i` in range).
    fn lookup(idx: Self::Bits, f: impl Fn(usize) -> f64) -> Self;
}

/// `u64` lanes: wrapping arithmetic and shifts, as `u64`'s own.
pub(crate) trait BitLanes: Copy {
    fn splat(v: u64) -> Self;
    fn add(self, o: Self) -> Self;
    fn sub(self, o: Self) -> Self;
    fn and(self, o: Self) -> Self;
    fn xor(self, o: Self) -> Self;
    /// Logical shifts.
    fn shl(self, n: u32) -> Self;
    fn shr(self, n: u32) -> Self;
    /// Arithmetic (sign-filling) right shift of the lanes taken as `i64`.
    fn sar(self, n: u32) -> Self;
}

impl Lanes for f64 {
    type Bits = u64;
    #[inline(always)]
    fn splat(v: f64) -> Self {
        v
    }
    #[inline(always)]
    fn neg(self) -> Self {
        -self
    }
    #[inline(always)]
    fn to_bits(self) -> u64 {
        f64::to_bits(self)
    }
    #[inline(always)]
    fn from_bits(b: u64) -> Self {
        f64::from_bits(b)
    }
    #[inline(always)]
    fn select(mask: u64, a: Self, b: Self) -> Self {
        if mask != 0 { a } else { b }
    }
    #[inline(always)]
    fn lookup(idx: u64, f: impl Fn(usize) -> f64) -> Self {
        f(idx as usize)
    }
}

impl BitLanes for u64 {
    #[inline(always)]
    fn splat(v: u64) -> Self {
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
    fn shr(self, n: u32) -> Self {
        self >> n
    }
    #[inline(always)]
    fn sar(self, n: u32) -> Self {
        ((self as i64) >> n) as u64
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod pair {
    use core::arch::wasm32::{
        f64x2, f64x2_add, f64x2_div, f64x2_extract_lane, f64x2_mul, f64x2_neg, f64x2_pmax,
        f64x2_pmin, f64x2_splat, f64x2_sub, i64x2_add, i64x2_shl, i64x2_shr, i64x2_splat,
        i64x2_sub, u64x2_extract_lane, u64x2_shr, v128, v128_and, v128_bitselect, v128_xor,
    };

    /// Two `f64` lanes in one `v128`.
    #[derive(Clone, Copy)]
    pub(crate) struct F64x2(v128);

    /// Two `u64` lanes in one `v128`.
    #[derive(Clone, Copy)]
    pub(crate) struct U64x2(v128);

    impl F64x2 {
        /// The first two elements of `x`.
        #[inline(always)]
        pub(crate) fn load(x: &[f64]) -> Self {
            F64x2(f64x2(x[0], x[1]))
        }
        /// Writes the lanes to the first two elements of `out`.
        #[inline(always)]
        pub(crate) fn store(self, out: &mut [f64]) {
            out[0] = f64x2_extract_lane::<0>(self.0);
            out[1] = f64x2_extract_lane::<1>(self.0);
        }
    }

    impl F64x2 {
        /// wasm's pseudo-maximum per lane: `o` where `self < o`, else `self` (so a NaN `o`
        /// is dropped and a NaN `self` kept; one `maxpd` where the engine runs on x86).
        #[inline(always)]
        pub(crate) fn pmax(self, o: Self) -> Self {
            F64x2(f64x2_pmax(self.0, o.0))
        }
        /// The pseudo-minimum: `o` where `o < self`, else `self`.
        #[inline(always)]
        pub(crate) fn pmin(self, o: Self) -> Self {
            F64x2(f64x2_pmin(self.0, o.0))
        }
        /// The lanes of a `v128` (for the `float32` kernels' `f64` steps, `lanes32.rs`).
        #[inline(always)]
        pub(in super::super) fn from_raw(v: v128) -> Self {
            F64x2(v)
        }
        #[inline(always)]
        pub(in super::super) fn raw(self) -> v128 {
            self.0
        }
    }

    impl U64x2 {
        #[inline(always)]
        pub(in super::super) fn raw(self) -> v128 {
            self.0
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
    binop!(F64x2, Add, add, f64x2_add);
    binop!(F64x2, Sub, sub, f64x2_sub);
    binop!(F64x2, Mul, mul, f64x2_mul);
    binop!(F64x2, Div, div, f64x2_div);

    impl super::Lanes for F64x2 {
        type Bits = U64x2;
        #[inline(always)]
        fn splat(v: f64) -> Self {
            F64x2(f64x2_splat(v))
        }
        #[inline(always)]
        fn neg(self) -> Self {
            F64x2(f64x2_neg(self.0))
        }
        #[inline(always)]
        fn to_bits(self) -> U64x2 {
            U64x2(self.0)
        }
        #[inline(always)]
        fn from_bits(b: U64x2) -> Self {
            F64x2(b.0)
        }
        #[inline(always)]
        fn select(mask: U64x2, a: Self, b: Self) -> Self {
            F64x2(v128_bitselect(a.0, b.0, mask.0))
        }
        #[inline(always)]
        fn lookup(idx: U64x2, f: impl Fn(usize) -> f64) -> Self {
            let i0 = u64x2_extract_lane::<0>(idx.0) as usize;
            let i1 = u64x2_extract_lane::<1>(idx.0) as usize;
            F64x2(f64x2(f(i0), f(i1)))
        }
    }

    impl super::BitLanes for U64x2 {
        #[inline(always)]
        fn splat(v: u64) -> Self {
            U64x2(i64x2_splat(v as i64))
        }
        #[inline(always)]
        fn add(self, o: Self) -> Self {
            U64x2(i64x2_add(self.0, o.0))
        }
        #[inline(always)]
        fn sub(self, o: Self) -> Self {
            U64x2(i64x2_sub(self.0, o.0))
        }
        #[inline(always)]
        fn and(self, o: Self) -> Self {
            U64x2(v128_and(self.0, o.0))
        }
        #[inline(always)]
        fn xor(self, o: Self) -> Self {
            U64x2(v128_xor(self.0, o.0))
        }
        #[inline(always)]
        fn shl(self, n: u32) -> Self {
            U64x2(i64x2_shl(self.0, n))
        }
        #[inline(always)]
        fn shr(self, n: u32) -> Self {
            U64x2(u64x2_shr(self.0, n))
        }
        #[inline(always)]
        fn sar(self, n: u32) -> Self {
            U64x2(i64x2_shr(self.0, n))
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod pair {
    use super::{BitLanes, Lanes};

    /// Two `f64` lanes, each computed by the scalar code (targets without `simd128`).
    #[derive(Clone, Copy)]
    pub(crate) struct F64x2([f64; 2]);

    /// Two `u64` lanes.
    #[derive(Clone, Copy)]
    pub(crate) struct U64x2([u64; 2]);

    impl F64x2 {
        /// The first two elements of `x`.
        #[inline(always)]
        pub(crate) fn load(x: &[f64]) -> Self {
            F64x2([x[0], x[1]])
        }
        /// Writes the lanes to the first two elements of `out`.
        #[inline(always)]
        pub(crate) fn store(self, out: &mut [f64]) {
            out[..2].copy_from_slice(&self.0);
        }
        /// wasm's pseudo-maximum per lane: `o` where `self < o`, else `self` (used by wasm's
        /// `argmax`; here for its tests).
        #[cfg(any(target_arch = "wasm32", test))]
        #[inline(always)]
        pub(crate) fn pmax(self, o: Self) -> Self {
            F64x2([0, 1].map(|j| {
                if self.0[j] < o.0[j] {
                    o.0[j]
                } else {
                    self.0[j]
                }
            }))
        }
        /// The pseudo-minimum: `o` where `o < self`, else `self`.
        #[cfg(any(target_arch = "wasm32", test))]
        #[inline(always)]
        pub(crate) fn pmin(self, o: Self) -> Self {
            F64x2([0, 1].map(|j| {
                if o.0[j] < self.0[j] {
                    o.0[j]
                } else {
                    self.0[j]
                }
            }))
        }
    }

    macro_rules! binop {
        ($trait:ident, $f:ident) => {
            impl core::ops::$trait for F64x2 {
                type Output = Self;
                #[inline(always)]
                fn $f(self, o: Self) -> Self {
                    F64x2([
                        core::ops::$trait::$f(self.0[0], o.0[0]),
                        core::ops::$trait::$f(self.0[1], o.0[1]),
                    ])
                }
            }
        };
    }
    binop!(Add, add);
    binop!(Sub, sub);
    binop!(Mul, mul);
    binop!(Div, div);

    impl Lanes for F64x2 {
        type Bits = U64x2;
        #[inline(always)]
        fn splat(v: f64) -> Self {
            F64x2([v; 2])
        }
        #[inline(always)]
        fn neg(self) -> Self {
            F64x2(self.0.map(|v| -v))
        }
        #[inline(always)]
        fn to_bits(self) -> U64x2 {
            U64x2(self.0.map(f64::to_bits))
        }
        #[inline(always)]
        fn from_bits(b: U64x2) -> Self {
            F64x2(b.0.map(f64::from_bits))
        }
        #[inline(always)]
        fn select(mask: U64x2, a: Self, b: Self) -> Self {
            F64x2([0, 1].map(|j| f64::select(mask.0[j], a.0[j], b.0[j])))
        }
        #[inline(always)]
        fn lookup(idx: U64x2, f: impl Fn(usize) -> f64) -> Self {
            F64x2(idx.0.map(|i| f(i as usize)))
        }
    }

    macro_rules! lanewise {
        ($($f:ident),*) => {$(
            #[inline(always)]
            fn $f(self, o: Self) -> Self {
                U64x2([BitLanes::$f(self.0[0], o.0[0]), BitLanes::$f(self.0[1], o.0[1])])
            }
        )*};
    }
    macro_rules! shifts {
        ($($f:ident),*) => {$(
            #[inline(always)]
            fn $f(self, n: u32) -> Self {
                U64x2(self.0.map(|v| BitLanes::$f(v, n)))
            }
        )*};
    }

    impl BitLanes for U64x2 {
        #[inline(always)]
        fn splat(v: u64) -> Self {
            U64x2([v; 2])
        }
        lanewise!(add, sub, and, xor);
        shifts!(shl, shr, sar);
    }
}

pub(crate) use pair::F64x2;

/// Whether the two-lane loops use [`F64x2`]: where it is a `v128`. Elsewhere (x86-64: SSE2)
/// the chunks take `small` element by element, which LLVM vectorises or not as it sees fit;
/// measured on x86-64, the `[f64; 2]` lanes were up to 2x slower than that (expm1, tan).
pub(crate) const TWO_LANES: bool = cfg!(all(target_arch = "wasm32", target_feature = "simd128"));

/// `out[i] = f(x[i])` in chunks of four: when `ok` holds for all four elements (cheap scalar
/// tests, no short-circuit), `fast` on two [`F64x2`] (wasm32 `simd128`) or `small` on each
/// element (elsewhere, see [`TWO_LANES`]), else `scalar` per element, as for the remainder.
/// `fast`, `small` and `scalar` must give the same bits where `ok` holds (the kernels' tests
/// check `fast` with [`F64x2`]'s portable form and the slice loops against `scalar`). The
/// caller has checked `out.len() == x.len()`.
#[inline(always)]
pub(super) fn map_into_x2(
    x: &[f64],
    out: &mut [f64],
    ok: impl Fn(f64) -> bool,
    fast: impl Fn(F64x2) -> F64x2,
    small: impl Fn(f64) -> f64,
    scalar: impl Fn(f64) -> f64,
) {
    let mut xs = x.chunks_exact(4);
    let mut outs = out.chunks_exact_mut(4);
    for (o, v) in (&mut outs).zip(&mut xs) {
        if v.iter().fold(true, |all, &v| all & ok(v)) {
            if TWO_LANES {
                let (a, b) = (fast(F64x2::load(&v[..2])), fast(F64x2::load(&v[2..])));
                a.store(&mut o[..2]);
                b.store(&mut o[2..]);
            } else {
                for (o, &v) in o.iter_mut().zip(v) {
                    *o = small(v);
                }
            }
        } else {
            for (o, &v) in o.iter_mut().zip(v) {
                *o = scalar(v);
            }
        }
    }
    for (o, &v) in outs.into_remainder().iter_mut().zip(xs.remainder()) {
        *o = scalar(v);
    }
}

/// [`map_into_x2`] in place.
#[inline(always)]
pub(super) fn map_in_place_x2(
    x: &mut [f64],
    ok: impl Fn(f64) -> bool,
    fast: impl Fn(F64x2) -> F64x2,
    small: impl Fn(f64) -> f64,
    scalar: impl Fn(f64) -> f64,
) {
    let mut xs = x.chunks_exact_mut(4);
    for v in &mut xs {
        if v.iter().fold(true, |all, &v| all & ok(v)) {
            if TWO_LANES {
                let (a, b) = (fast(F64x2::load(&v[..2])), fast(F64x2::load(&v[2..])));
                a.store(&mut v[..2]);
                b.store(&mut v[2..]);
            } else {
                for v in v.iter_mut() {
                    *v = small(*v);
                }
            }
        } else {
            for v in v.iter_mut() {
                *v = scalar(*v);
            }
        }
    }
    for v in xs.into_remainder() {
        *v = scalar(*v);
    }
}
