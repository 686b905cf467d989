//! A radix-2 complex FFT, for `convolve`'s FFT method: the convolution of two real sequences
//! packed into one complex one, so that a convolution costs two transforms of its padded
//! length instead of three.
//!
//! Twiddle factors are computed one by one with `sin_cos` (not by recurrence), so each is
//! within an ulp or so of exact and the transform's error grows as `log2(n) * eps`: the bound
//! [`super::fft_error_bound`] states rests on that.

use std::f64::consts::PI;

/// A complex number as (re, im).
type C = (f64, f64);

/// The twiddles of every pass, one after the other: for the pass that joins blocks of `half`
/// into blocks of `2 half`, `exp(-2 pi i k / (2 half))` for `k < half`, at offset `half - 1`
/// (so each pass reads its own contiguously; `n - 1` values in all). Those of the last pass
/// are computed (an eighth of them with `sin_cos`, the rest by the exact symmetries of sine
/// and cosine); every other pass's are a subset of them.
fn twiddles(n: usize) -> Vec<C> {
    let last = n / 2;
    // (cos, sin) of 2 pi k / n for k < n / 2.
    let mut cs: Vec<(f64, f64)> = vec![(1.0, 0.0); last];
    let eighth = n / 8;
    let computed = (eighth + 1).min(last);
    for (k, slot) in cs.iter_mut().enumerate().take(computed) {
        let (sin, cos) = (2.0 * PI * k as f64 / n as f64).sin_cos();
        *slot = (cos, sin);
    }
    if n >= 8 {
        let quarter = n / 4;
        for k in eighth + 1..=quarter {
            let (c, s) = cs[quarter - k];
            cs[k] = (s, c);
        }
        for k in quarter + 1..last {
            let (c, s) = cs[last - k];
            cs[k] = (-c, s);
        }
    }
    let mut w = Vec::with_capacity(n.saturating_sub(1));
    let mut half = 1;
    while half < n {
        let stride = last / half;
        w.extend((0..half).map(|k| {
            let (c, s) = cs[k * stride];
            (c, -s)
        }));
        half *= 2;
    }
    w
}

/// In-place transform of `z` (length a power of two): the forward DFT, or without `inverse`'s
/// `1/n` the inverse (the caller scales). Iterative: bit-reversal permutation, then
/// `log2(n)` passes of butterflies.
fn transform(z: &mut [C], w: &[C], inverse: bool) {
    let n = z.len();
    if n < 2 {
        return;
    }
    let bits = n.trailing_zeros();
    for i in 0..n {
        let j = i.reverse_bits() >> (usize::BITS - bits);
        if i < j {
            z.swap(i, j);
        }
    }
    // The first pass's twiddle is 1: sums and differences of neighbours.
    for pair in z.chunks_exact_mut(2) {
        let (x, y) = (pair[0], pair[1]);
        pair[0] = (x.0 + y.0, x.1 + y.1);
        pair[1] = (x.0 - y.0, x.1 - y.1);
    }
    let mut half = 2;
    while half < n {
        let pass = &w[half - 1..2 * half - 1];
        for block in z.chunks_exact_mut(2 * half) {
            let (lo, hi) = block.split_at_mut(half);
            for ((x, y), &(wr, wi)) in lo.iter_mut().zip(hi.iter_mut()).zip(pass) {
                let wi = if inverse { -wi } else { wi };
                let t = (y.0 * wr - y.1 * wi, y.0 * wi + y.1 * wr);
                *y = (x.0 - t.0, x.1 - t.1);
                *x = (x.0 + t.0, x.1 + t.1);
            }
        }
        half *= 2;
    }
}

/// The full linear convolution of the real sequences `a` and `b` (both non-empty), written to
/// `out` (length `a.len() + b.len() - 1`): `a + i b` is transformed once (zero-padded to a
/// power of two `n`), the spectra's product `A B = (Z[k]^2 - conj(Z[n - k])^2) / 4i` is formed
/// from it, and one inverse transform gives the convolution as its real part.
pub fn convolve_full(a: &[f64], b: &[f64], out: &mut [f64]) {
    let len = out.len();
    let n = len.next_power_of_two().max(2);
    let mut z: Vec<C> = vec![(0.0, 0.0); n];
    for (slot, &v) in z.iter_mut().zip(a) {
        slot.0 = v;
    }
    for (slot, &v) in z.iter_mut().zip(b) {
        slot.1 = v;
    }
    let w = twiddles(n);
    transform(&mut z, &w, false);
    let mut p: Vec<C> = vec![(0.0, 0.0); n];
    for (k, slot) in p.iter_mut().enumerate() {
        let (xr, xi) = z[k];
        let (yr, yi) = z[(n - k) % n];
        // Z[k]^2 - conj(Z[n - k])^2, then divided by 4i: (re, im) / 4i = (im, -re) / 4.
        let (sr, si) = (
            xr * xr - xi * xi - (yr * yr - yi * yi),
            2.0 * xr * xi + 2.0 * yr * yi,
        );
        *slot = (si / 4.0, -sr / 4.0);
    }
    transform(&mut p, &w, true);
    let scale = 1.0 / n as f64;
    for (o, v) in out.iter_mut().zip(&p) {
        *o = v.0 * scale;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transforms_invert_and_convolve() {
        let a = [1.0, 2.0, 3.0];
        let b = [0.0, 1.0, 0.5, -2.0];
        let mut out = [0.0; 6];
        convolve_full(&a, &b, &mut out);
        let exact = [0.0, 1.0, 2.5, 2.0, -2.5, -6.0];
        for (got, want) in out.iter().zip(exact) {
            assert!((got - want).abs() < 1e-14, "{out:?}");
        }
        let mut z: Vec<C> = (0..8).map(|k| (k as f64, -(k as f64) / 2.0)).collect();
        let orig = z.clone();
        let w = twiddles(8);
        transform(&mut z, &w, false);
        assert!((z[0].0 - 28.0).abs() < 1e-12 && (z[0].1 + 14.0).abs() < 1e-12);
        transform(&mut z, &w, true);
        for (got, want) in z.iter().zip(&orig) {
            assert!((got.0 / 8.0 - want.0).abs() < 1e-14 && (got.1 / 8.0 - want.1).abs() < 1e-14);
        }
    }
}
