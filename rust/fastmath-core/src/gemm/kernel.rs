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

/// The reference micro-kernel; the one used off wasm, and the oracle for the SIMD one in tests.
#[cfg_attr(
    all(target_arch = "wasm32", target_feature = "simd128"),
    allow(dead_code)
)]
#[inline(always)]
pub(super) fn portable(kc: usize, a_sliver: &[f64], b_sliver: &[f64]) -> [[f64; NR]; MR] {
    let mut acc = [[0.0; NR]; MR];
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
    use super::{MR, NR};
    use core::arch::wasm32::{f64x2, f64x2_extract_lane, f64x2_splat, v128};

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
pub(super) fn dot(x: &[f64], y: &[f64]) -> f64 {
    let mut acc = [0.0; LANES];
    let xs = x.chunks_exact(LANES);
    let ys = y.chunks_exact(LANES);
    let tail: f64 = xs
        .remainder()
        .iter()
        .zip(ys.remainder())
        .map(|(a, b)| a * b)
        .sum();
    for (cx, cy) in xs.zip(ys) {
        for ((s, &a), &b) in acc.iter_mut().zip(cx).zip(cy) {
            *s += a * b;
        }
    }
    acc.iter().sum::<f64>() + tail
}

/// `y += alpha * x` (BLAS `daxpy`).
pub(super) fn axpy(alpha: f64, x: &[f64], y: &mut [f64]) {
    for (yi, &xi) in y.iter_mut().zip(x) {
        *yi += alpha * xi;
    }
}
