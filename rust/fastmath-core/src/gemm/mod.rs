//! fastmath's own f64 matrix product: cache-blocked, packed, with a register-tiled micro-kernel
//! written for wasm32 `simd128` (f64x2) and a portable fallback for every other target.
//!
//! Why not only faer: faer's gemm (via the `gemm` crate) reaches about 11-12 GFLOP/s in wasm
//! with its f64x2 kernel, about 3x below one OpenBLAS thread natively. A product is
//! `O(n^3)` work on `O(n^2)` data, so speed comes from reuse: the driver below follows the
//! Goto/BLIS layout.
//!
//! * `b` is cut into panels of `KC` rows x `NC` columns and each panel is copied ("packed") into
//!   `NR`-wide column slivers, contiguous in the order the micro-kernel reads them;
//! * `a` is cut into blocks of `MC` rows x `KC` columns, packed into `MR`-tall row slivers;
//! * the micro-kernel multiplies one `MR x KC` sliver of `a` by one `KC x NR` sliver of `b`
//!   entirely in registers and adds the `MR x NR` tile into the output once.
//!
//! Packing copies only one block of each input at a time (at most `MC*KC + KC*NC` doubles),
//! never whole inputs; edges are padded with zeros in the packed buffers so the micro-kernel
//! never branches, and only the valid part of an edge tile is written back.
//!
//! Accuracy: each output is a dot product of length k accumulated in `KC`-long pieces, so the
//! error bound is that of any BLAS gemm, `|out - exact| <= k * eps * (|a| |b|)` entrywise.
//!
//! Relaxed SIMD: a module containing one relaxed-simd opcode fails validation as a whole in an
//! engine without it (node 20), so the Pyodide wheel carries two builds of the extension and
//! chooses at import (`fastmath/_simd_loader.py`). Built with `+relaxed-simd`, the micro-kernel
//! does each multiply-add with `f64x2.relaxed_madd`, which the engine may run fused (one rounding:
//! Chromium 156 does on an x86-64 with FMA3, tests/browser/relaxed-simd.test.mjs prints which) or
//! as a multiply and an add (two roundings, the baseline's arithmetic). So the same product can differ in its last bits between engines and
//! machines, always within the bound above, and integer-valued products that fit 2^53 stay exact
//! either way. Only this micro-kernel changes; the dot/axpy paths (n = 1, m = 1) and faer's
//! decompositions are the same code in both builds.

//!
//! float32 ([`gemm_f32`]) runs the same driver in `f32`: its micro-kernel holds a 4x8 tile in
//! eight `f32x4` accumulators (the register budget of the `f64` 4x4 tile, twice the products
//! per instruction). Products and sums are rounded to `f32` as they go (numpy's float32
//! matmul, a BLAS `sgemm`, does the same), so the bound is `k * 2^-24 * (|a| |b|)` entrywise.

mod kernel;
#[cfg(test)]
mod tests;

use core::convert::Infallible;
use core::ops::{Add, AddAssign, Mul};

use crate::error::{Error, Result};
use crate::matrix::{MatMut, MatRef};
use crate::parallel;

pub use kernel::{MR, MR32, NR, NR32};

/// The element types of the driver: `f64` and `f32` (zero is `Default`).
pub trait Element:
    Copy + Default + Send + Sync + Add<Output = Self> + Mul<Output = Self> + AddAssign + core::iter::Sum
{
}
impl Element for f64 {}
impl Element for f32 {}

/// Depth of a packed block: one `KC x NR` sliver of `b` (8 KiB at 256) plus one `MR x KC` sliver
/// of `a` stay in L1 while the micro-kernel runs.
const KC: usize = 256;
/// Rows of `a` per packed block: `MC x KC` doubles (256 KiB) sit in L2 and are reused for every
/// sliver of the `b` panel.
const MC: usize = 128;
/// Columns of `b` per packed panel: `KC x NC` doubles (4 MiB at most) for L3/memory streaming.
const NC: usize = 2048;

/// `out = a @ b` for `a` m×k, `b` k×n, `out` m×n (all row-major). With k = 0 the result is
/// zeros, as numpy gives.
///
/// Errors: [`Error::InnerDimMismatch`] when `a.cols() != b.rows()`; [`Error::OutputShape`]
/// unless `out` is m×n.
pub fn gemm(a: MatRef<'_>, b: MatRef<'_>, mut out: MatMut<'_>) -> Result<()> {
    let (m, k) = a.shape();
    let n = b.cols();
    if b.rows() != k {
        return Err(Error::InnerDimMismatch {
            a_rows: m,
            a_cols: k,
            b_rows: b.rows(),
            b_cols: n,
        });
    }
    if out.shape() != (m, n) {
        return Err(Error::OutputShape {
            expected_rows: m,
            expected_cols: n,
            rows: out.rows(),
            cols: out.cols(),
        });
    }
    product::<f64, MR, NR>(
        a.as_slice(),
        b.as_slice(),
        (m, k, n),
        out.as_mut_slice(),
        kernel::micro,
    );
    Ok(())
}

/// `c = a @ b` in `f32` for `a` m×k, `b` k×n, `c` m×n, all row-major slices (see the module
/// docs for the accuracy). With k = 0 the result is zeros.
///
/// Errors: [`Error::OutputLength`] unless the slices hold m×k, k×n and m×n elements.
pub fn gemm_f32(
    a: &[f32],
    b: &[f32],
    (m, k, n): (usize, usize, usize),
    c: &mut [f32],
) -> Result<()> {
    for (len, want) in [
        (a.len(), m.checked_mul(k)),
        (b.len(), k.checked_mul(n)),
        (c.len(), m.checked_mul(n)),
    ] {
        if Some(len) != want {
            return Err(Error::OutputLength {
                expected: want.unwrap_or(usize::MAX),
                got: len,
            });
        }
    }
    product::<f32, MR32, NR32>(a, b, (m, k, n), c, kernel::micro_f32);
    Ok(())
}

/// `c = a @ b` for checked shapes (`a` m×k, `b` k×n, `c` m×n, row-major): zeros for k = 0; no
/// packing for one column or one row (it would copy all of the other operand); else the
/// blocked product with the micro-kernel `micro` of an `MR x NR` tile.
fn product<T: Element, const MR: usize, const NR: usize>(
    a: &[T],
    b: &[T],
    (m, k, n): (usize, usize, usize),
    c: &mut [T],
    micro: impl Fn(usize, &[T], &[T]) -> [[T; NR]; MR] + Sync + Send,
) {
    if k == 0 || c.is_empty() {
        c.fill(T::default());
    } else if n == 1 {
        // Matrix-vector: one dot product per row.
        for (ci, row) in c.iter_mut().zip(a.chunks_exact(k)) {
            *ci = kernel::dot(row, b);
        }
    } else if m == 1 {
        // Vector-matrix: out = sum_p a[p] * b[p, :], streaming `b` once.
        c.fill(T::default());
        for (&ap, brow) in a.iter().zip(b.chunks_exact(n)) {
            kernel::axpy(ap, brow, c);
        }
    } else {
        // Bands of rows of `c` (with theirs of `a`) on separate threads: each output is the
        // same sum of the same KC-long pieces whichever band computes it. A row costs k*n
        // multiply-adds, eight to a unit of work.
        let work = k.saturating_mul(n) / 8;
        let Ok(()) = parallel::rows(a, k, c, n, work, |_, a, c| {
            blocked::<T, MR, NR>(c.len() / n, k, n, a, b, c, &micro);
            Ok::<(), Infallible>(())
        });
    }
}

/// The packed, blocked product (shapes already checked, all dimensions non-zero), with the
/// micro-kernel `micro` of an `MR x NR` tile.
fn blocked<T: Element, const MR: usize, const NR: usize>(
    m: usize,
    k: usize,
    n: usize,
    a: &[T],
    b: &[T],
    c: &mut [T],
    micro: impl Fn(usize, &[T], &[T]) -> [[T; NR]; MR],
) {
    let kc_max = KC.min(k);
    let mut packed_b = vec![T::default(); kc_max * round_up(NC.min(n), NR)];
    let mut packed_a = vec![T::default(); round_up(MC.min(m), MR) * kc_max];
    for jc in (0..n).step_by(NC) {
        let nc = NC.min(n - jc);
        for pc in (0..k).step_by(KC) {
            let kc = KC.min(k - pc);
            pack_b::<T, NR>(b, n, pc, kc, jc, nc, &mut packed_b);
            // The first depth block overwrites the output, later ones add to it.
            let accumulate = pc > 0;
            for ic in (0..m).step_by(MC) {
                let mc = MC.min(m - ic);
                pack_a::<T, MR>(a, k, ic, mc, pc, kc, &mut packed_a);
                for (js, b_sliver) in packed_b
                    .chunks_exact(kc * NR)
                    .take(nc.div_ceil(NR))
                    .enumerate()
                {
                    let j0 = jc + js * NR;
                    let cols = NR.min(jc + nc - j0);
                    for (is, a_sliver) in packed_a
                        .chunks_exact(kc * MR)
                        .take(mc.div_ceil(MR))
                        .enumerate()
                    {
                        let i0 = ic + is * MR;
                        let rows = MR.min(ic + mc - i0);
                        let tile = micro(kc, a_sliver, b_sliver);
                        store(&tile, c, n, i0, j0, rows, cols, accumulate);
                    }
                }
            }
        }
    }
}

fn round_up(x: usize, to: usize) -> usize {
    x.div_ceil(to) * to
}

/// Packs `b[pc..pc+kc, jc..jc+nc]` into `NR`-wide slivers: sliver `s` holds, for each `p`, the
/// `NR` values `b[pc+p, jc+s*NR ..]`, zero-padded past column `jc+nc`.
fn pack_b<T: Element, const NR: usize>(
    b: &[T],
    n: usize,
    pc: usize,
    kc: usize,
    jc: usize,
    nc: usize,
    out: &mut [T],
) {
    for (s, sliver) in out
        .chunks_exact_mut(kc * NR)
        .take(nc.div_ceil(NR))
        .enumerate()
    {
        let j0 = jc + s * NR;
        let cols = NR.min(jc + nc - j0);
        for (p, dst) in sliver.chunks_exact_mut(NR).enumerate() {
            let row = (pc + p) * n + j0;
            dst[..cols].copy_from_slice(&b[row..row + cols]);
            dst[cols..].fill(T::default());
        }
    }
}

/// Packs `a[ic..ic+mc, pc..pc+kc]` into `MR`-tall slivers: sliver `s` holds, for each `p`, the
/// `MR` values `a[ic+s*MR .., pc+p]` (a column of the sliver), zero-padded past row `ic+mc`.
fn pack_a<T: Element, const MR: usize>(
    a: &[T],
    k: usize,
    ic: usize,
    mc: usize,
    pc: usize,
    kc: usize,
    out: &mut [T],
) {
    for (s, sliver) in out
        .chunks_exact_mut(kc * MR)
        .take(mc.div_ceil(MR))
        .enumerate()
    {
        let i0 = ic + s * MR;
        let rows = MR.min(ic + mc - i0);
        for r in 0..MR {
            if r < rows {
                let src = &a[(i0 + r) * k + pc..(i0 + r) * k + pc + kc];
                for (p, &v) in src.iter().enumerate() {
                    sliver[p * MR + r] = v;
                }
            } else {
                for p in 0..kc {
                    sliver[p * MR + r] = T::default();
                }
            }
        }
    }
}

/// Writes (or adds) the valid `rows x cols` corner of a micro-kernel tile into `c` at `(i0, j0)`.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn store<T: Element, const MR: usize, const NR: usize>(
    tile: &[[T; NR]; MR],
    c: &mut [T],
    n: usize,
    i0: usize,
    j0: usize,
    rows: usize,
    cols: usize,
    accumulate: bool,
) {
    for (r, tile_row) in tile.iter().enumerate().take(rows) {
        let dst = &mut c[(i0 + r) * n + j0..(i0 + r) * n + j0 + cols];
        if accumulate {
            for (d, &t) in dst.iter_mut().zip(tile_row) {
                *d += t;
            }
        } else {
            dst.copy_from_slice(&tile_row[..cols]);
        }
    }
}
