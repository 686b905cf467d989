//! The plans of the transforms already asked for, kept per thread.
//!
//! Planning a length costs about as much as a few transforms of it (twiddle tables, and for a
//! prime length the inner transform of Rader's or Bluestein's algorithm), so repeated calls of
//! one length reuse it. The planners keep every plan they made; fuzzers and soak runs ask for
//! thousands of lengths, so the cache is dropped and begun again once it holds [`MAX_PLANS`]
//! lengths, which bounds its memory while keeping the common case (a few lengths, reused).

use std::cell::RefCell;
use std::sync::Arc;

use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};
use rustfft::{Fft, FftDirection, FftPlanner};

/// Distinct lengths kept before the cache starts over.
const MAX_PLANS: usize = 32;

struct Cache {
    complex: FftPlanner<f64>,
    real: RealFftPlanner<f64>,
    /// The (length, kind) pairs planned since the cache began: kind 0 and 1 are the complex
    /// forward and inverse transforms, 2 and 3 the real ones.
    planned: Vec<(usize, u8)>,
}

impl Default for Cache {
    fn default() -> Self {
        Self {
            complex: FftPlanner::new(),
            real: RealFftPlanner::new(),
            planned: Vec::new(),
        }
    }
}

impl Cache {
    /// Notes a plan of `len` and `kind`, starting the cache over when it is full.
    fn note(&mut self, len: usize, kind: u8) {
        if self.planned.contains(&(len, kind)) {
            return;
        }
        if self.planned.len() >= MAX_PLANS {
            *self = Cache::default();
        }
        self.planned.push((len, kind));
    }
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

/// The complex transform of `len` points in `direction`.
pub fn complex(len: usize, direction: FftDirection) -> Arc<dyn Fft<f64>> {
    CACHE.with_borrow_mut(|cache| {
        let kind = u8::from(direction == FftDirection::Inverse);
        cache.note(len, kind);
        cache.complex.plan_fft(len, direction)
    })
}

/// The real-to-complex transform of `len` real points.
pub fn real_forward(len: usize) -> Arc<dyn RealToComplex<f64>> {
    CACHE.with_borrow_mut(|cache| {
        cache.note(len, 2);
        cache.real.plan_fft_forward(len)
    })
}

/// The complex-to-real transform giving `len` real points.
pub fn real_inverse(len: usize) -> Arc<dyn ComplexToReal<f64>> {
    CACHE.with_borrow_mut(|cache| {
        cache.note(len, 3);
        cache.real.plan_fft_inverse(len)
    })
}
