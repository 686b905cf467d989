//! float32 transcendentals on the float64 kernels (today `tan` alone: the others have `f32`
//! kernels, `*32.rs`): each chunk of `f32` is widened (exactly) to `f64` on the stack, the `f64`
//! kernel runs on it in place, and each result is rounded once to `f32`.
//!
//! What this gives: the `f64` kernels are within 1 ulp of `f64` (about 2^-29 of an `f32` ulp),
//! so one rounding is within 0.5 `f32` ulp plus a hair (the tests measure it), and every
//! platform gives the same bits. The price is speed: two lanes per `simd128` instruction
//! instead of four, about the `f64` speed. The `f32` kernels trade that half ulp for about
//! 0.8 (each measured over every `f32`) at two to three times the speed; `tan`'s is not
//! written yet.

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
