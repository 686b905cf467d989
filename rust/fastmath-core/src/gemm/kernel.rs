//! The micro-kernels: an `MR x NR` tile of the product, from packed slivers, in registers.
//!
//! On wasm32 with `simd128` the tile is held in `MR * NR / 2` f64x2 accumulators; per step of
//! the depth loop the kernel loads `NR / 2` vectors of `b`, splats `MR` values of `a` and does
//! `MR * NR / 2` vector multiply-adds. 4x4 was measured fastest in V8 (node 20, x86-64):
//! 15.5 GFLOP/s at 512 against 9.5 for 6x4 and 6.4 for 5x4 (which need 12-10 accumulators and
//! make V8's register allocator spill) and 13.7 for 2x8. Elsewhere the portable kernel, the
//! same loop on plain arrays, which LLVM vectorises for the native target.
//!
//! Built with `relaxed-simd` as well (the second Pyodide module, see `gemm`'s module docs), each
//! multiply-add of the tile is one `f64x2.relaxed_madd`, which the engine may run fused (one
//! rounding, one instruction where the hardware has FMA) or as a multiply then an add (two).

/// Rows of the register tile (and of a packed `a` sliver).
pub const MR: usize = 4;
/// Columns of the register tile (and of a packed `b` sliver); even, for f64x2.
pub const NR: usize = 4;
/// The `f32` tile: as many `f32x4` accumulators (eight) as the `f64` tile has `f64x2` ones.
pub const MR32: usize = 4;
/// Columns of the `f32` tile; a multiple of four, for f32x4.
pub const NR32: usize = 8;

use super::Element;

/// `a_sliver` (`kc` groups of `MR`) times `b_sliver` (`kc` groups of `NR`) as an `MR x NR` tile.
#[inline(always)]
pub(super) fn micro(kc: usize, a_sliver: &[f64], b_sliver: &[f64]) -> [[f64; NR]; MR] {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        simd::micro(kc, a_sliver, b_sliver)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        portable(kc, a_sliver, b_sliver)
    }
}

/// The `f32` micro-kernel (see [`micro`]).
#[inline(always)]
pub(super) fn micro_f32(kc: usize, a_sliver: &[f32], b_sliver: &[f32]) -> [[f32; NR32]; MR32] {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        simd::micro_f32(kc, a_sliver, b_sliver)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        portable(kc, a_sliver, b_sliver)
    }
}

/// The reference micro-kernel; the one used off wasm, and the oracle for the SIMD one in tests.
#[cfg_attr(
    all(target_arch = "wasm32", target_feature = "simd128"),
    allow(dead_code)
)]
#[inline(always)]
pub(super) fn portable<T: Element, const MR: usize, const NR: usize>(
    kc: usize,
    a_sliver: &[T],
    b_sliver: &[T],
) -> [[T; NR]; MR] {
    let mut acc = [[T::default(); NR]; MR];
    for (ap, bp) in a_sliver
        .chunks_exact(MR)
        .zip(b_sliver.chunks_exact(NR))
        .take(kc)
    {
        for (row, &av) in acc.iter_mut().zip(ap) {
            for (c, &bv) in row.iter_mut().zip(bp) {
                *c += av * bv;
            }
        }
    }
    acc
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use super::{MR, MR32, NR, NR32};
    use core::arch::wasm32::{
        f32x4, f32x4_extract_lane, f32x4_splat, f64x2, f64x2_extract_lane, f64x2_splat, v128,
    };

    const NV: usize = NR / 2;

    /// `c + a * b`, rounded twice: the same bits in every engine.
    #[cfg(not(target_feature = "relaxed-simd"))]
    #[inline(always)]
    fn madd(a: v128, b: v128, c: v128) -> v128 {
        use core::arch::wasm32::{f64x2_add, f64x2_mul};
        f64x2_add(c, f64x2_mul(a, b))
    }

    /// `c + a * b`, rounded once or twice as the engine's hardware allows (relaxed semantics).
    #[cfg(target_feature = "relaxed-simd")]
    #[inline(always)]
    fn madd(a: v128, b: v128, c: v128) -> v128 {
        core::arch::wasm32::f64x2_relaxed_madd(a, b, c)
    }

    /// `c + a * b` in `f32` lanes, rounded twice: the same bits in every engine.
    #[cfg(not(target_feature = "relaxed-simd"))]
    #[inline(always)]
    fn madd32(a: v128, b: v128, c: v128) -> v128 {
        use core::arch::wasm32::{f32x4_add, f32x4_mul};
        f32x4_add(c, f32x4_mul(a, b))
    }

    /// `c + a * b` in `f32` lanes, rounded once or twice as the engine allows.
    #[cfg(target_feature = "relaxed-simd")]
    #[inline(always)]
    fn madd32(a: v128, b: v128, c: v128) -> v128 {
        core::arch::wasm32::f32x4_relaxed_madd(a, b, c)
    }

    const NV32: usize = NR32 / 4;

    #[inline(always)]
    pub(super) fn micro_f32(kc: usize, a_sliver: &[f32], b_sliver: &[f32]) -> [[f32; NR32]; MR32] {
        let mut acc = [[f32x4_splat(0.0); NV32]; MR32];
        for (ap, bp) in a_sliver
            .chunks_exact(MR32)
            .zip(b_sliver.chunks_exact(NR32))
            .take(kc)
        {
            let bv: [v128; NV32] = core::array::from_fn(|j| {
                f32x4(bp[4 * j], bp[4 * j + 1], bp[4 * j + 2], bp[4 * j + 3])
            });
            for (row, &av) in acc.iter_mut().zip(ap) {
                let av = f32x4_splat(av);
                for (c, &b) in row.iter_mut().zip(&bv) {
                    *c = madd32(av, b, *c);
                }
            }
        }
        let mut out = [[0.0; NR32]; MR32];
        for (o, row) in out.iter_mut().zip(&acc) {
            for (j, &v) in row.iter().enumerate() {
                o[4 * j] = f32x4_extract_lane::<0>(v);
                o[4 * j + 1] = f32x4_extract_lane::<1>(v);
                o[4 * j + 2] = f32x4_extract_lane::<2>(v);
                o[4 * j + 3] = f32x4_extract_lane::<3>(v);
            }
        }
        out
    }

    #[inline(always)]
    pub(super) fn micro(kc: usize, a_sliver: &[f64], b_sliver: &[f64]) -> [[f64; NR]; MR] {
        let mut acc = [[f64x2_splat(0.0); NV]; MR];
        for (ap, bp) in a_sliver
            .chunks_exact(MR)
            .zip(b_sliver.chunks_exact(NR))
            .take(kc)
        {
            let bv: [v128; NV] = core::array::from_fn(|j| f64x2(bp[2 * j], bp[2 * j + 1]));
            for (row, &av) in acc.iter_mut().zip(ap) {
                let av = f64x2_splat(av);
                for (c, &b) in row.iter_mut().zip(&bv) {
                    *c = madd(av, b, *c);
                }
            }
        }
        let mut out = [[0.0; NR]; MR];
        for (o, row) in out.iter_mut().zip(&acc) {
            for (j, &v) in row.iter().enumerate() {
                o[2 * j] = f64x2_extract_lane::<0>(v);
                o[2 * j + 1] = f64x2_extract_lane::<1>(v);
            }
        }
        out
    }
}

/// Lanes of the dot and axpy loops: independent partial sums LLVM turns into SIMD.
const LANES: usize = 8;

/// `sum(x[i] * y[i])` over equal-length slices, in `LANES` partial sums (BLAS `ddot` accuracy).
pub(super) fn dot<T: Element>(x: &[T], y: &[T]) -> T {
    let mut acc = [T::default(); LANES];
    let xs = x.chunks_exact(LANES);
    let ys = y.chunks_exact(LANES);
    let tail: T = xs
        .remainder()
        .iter()
        .zip(ys.remainder())
        .map(|(&a, &b)| a * b)
        .sum();
    for (cx, cy) in xs.zip(ys) {
        for ((s, &a), &b) in acc.iter_mut().zip(cx).zip(cy) {
            *s += a * b;
        }
    }
    acc.iter().copied().sum::<T>() + tail
}

/// `y += alpha * x` (BLAS `daxpy`).
pub(super) fn axpy<T: Element>(alpha: T, x: &[T], y: &mut [T]) {
    for (yi, &xi) in y.iter_mut().zip(x) {
        *yi += alpha * xi;
    }
}
