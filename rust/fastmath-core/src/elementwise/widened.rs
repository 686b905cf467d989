//! float32 transcendentals on the float64 kernels: each chunk of `f32` is widened (exactly) to
//! `f64` on the stack, the `f64` kernel runs on it in place, and each result is rounded once to
//! `f32`.
//!
//! Why not separate `f32` kernels: the `f64` ones are within 1 ulp of `f64` (about 2^-29 of an
//! `f32` ulp), so one rounding gives the correctly rounded `f32` except within 2^-29 ulp of a
//! halfway case, i.e. within 0.5 ulp plus a hair (the tests measure it), which a genuine `f32`
//! polynomial (a few ulps, as numpy's SIMD `float32` loops) does not reach; and every platform
//! gives the same bits, as for `f64`. The price is speed: two lanes per `simd128` instruction
//! instead of four, so these run at about the `f64` speed rather than twice it (measured
//! figures in the commit adding them).

/// Elements widened per chunk: 2 KiB of `f64`, small enough for the stack and the L1 cache,
/// long enough that the kernel's four-element loop dominates.
const CHUNK: usize = 256;

/// `out[i] = kernel(x[i] as f64) as f32`, where `kernel` applies the `f64` function in place.
/// The caller has checked `out.len() == x.len()`.
pub(super) fn map_into(x: &[f32], out: &mut [f32], kernel: impl Fn(&mut [f64])) {
    let mut wide = [0.0f64; CHUNK];
    for (xs, os) in x.chunks(CHUNK).zip(out.chunks_mut(CHUNK)) {
        let w = &mut wide[..xs.len()];
        for (w, &v) in w.iter_mut().zip(xs) {
            *w = f64::from(v);
        }
        kernel(w);
        for (o, &v) in os.iter_mut().zip(w.iter()) {
            *o = v as f32;
        }
    }
}

/// [`map_into`] in place.
pub(super) fn map_in_place(x: &mut [f32], kernel: impl Fn(&mut [f64])) {
    let mut wide = [0.0f64; CHUNK];
    for xs in x.chunks_mut(CHUNK) {
        let w = &mut wide[..xs.len()];
        for (w, &v) in w.iter_mut().zip(xs.iter()) {
            *w = f64::from(v);
        }
        kernel(w);
        for (o, &v) in xs.iter_mut().zip(w.iter()) {
            *o = v as f32;
        }
    }
}
