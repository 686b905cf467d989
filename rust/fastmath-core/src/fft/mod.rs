//! Discrete Fourier transforms of any length, as numpy.fft defines them: the complex transform
//! and its inverse, and the real-input transform (`rfft`) and its inverse (`irfft`), over
//! lanes of `n` points laid one after the other.
//!
//! The transforms are rustfft's and realfft's (mixed radix, Rader's and Bluestein's algorithms
//! for prime factors, so every length is O(n log n)). This module adds what numpy specifies
//! around them: the three normalisations, the Hermitian input `irfft` accepts (the imaginary
//! parts of the zero- and Nyquist-frequency terms are ignored, as numpy ignores them), and
//! plans reused across calls ([`plans`]).

mod plans;

use rustfft::FftDirection;
pub use rustfft::num_complex::Complex64 as Complex;

use core::convert::Infallible;

use crate::{Error, Result, parallel};

/// numpy's `norm`: which direction of the transform pair carries the `1/n` (or both a
/// `1/sqrt(n)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Norm {
    /// Forward unscaled, inverse by `1/n` (numpy's default).
    Backward,
    /// Both by `1/sqrt(n)`: the transform is unitary.
    Ortho,
    /// Forward by `1/n`, inverse unscaled.
    Forward,
}

impl Norm {
    /// The normalisation numpy names `name`, if it names one.
    pub fn parse(name: &str) -> Option<Norm> {
        match name {
            "backward" => Some(Norm::Backward),
            "ortho" => Some(Norm::Ortho),
            "forward" => Some(Norm::Forward),
            _ => None,
        }
    }

    /// The factor a transform of `n` points is multiplied by (`None`: none, 1).
    pub fn factor(self, n: usize, inverse: bool) -> Option<f64> {
        let n = n as f64;
        match (self, inverse) {
            (Norm::Backward, false) | (Norm::Forward, true) => None,
            (Norm::Ortho, _) => Some(1.0 / n.sqrt()),
            (Norm::Backward, true) | (Norm::Forward, false) => Some(1.0 / n),
        }
    }
}

/// Lanes of `n` points in `len` values: `Error::OutputLength` unless `len` is a whole number
/// of them (no lane at all for `n == 0` and `len == 0`).
fn lane_count(len: usize, n: usize) -> Result<usize> {
    match len.checked_div(n) {
        Some(count) if count.checked_mul(n) == Some(len) => Ok(count),
        None if len == 0 => Ok(0),
        _ => Err(Error::OutputLength {
            expected: len.div_ceil(n.max(1)).saturating_mul(n),
            got: len,
        }),
    }
}

fn scale<T: std::ops::MulAssign<f64>>(values: &mut [T], factor: Option<f64>) {
    if let Some(f) = factor {
        for v in values {
            *v *= f;
        }
    }
}

/// The complex transform (`inverse`: numpy's `ifft`) of every lane of `n` points in `data`, in
/// place, normalised as `norm` says.
pub fn complex_lanes(data: &mut [Complex], n: usize, inverse: bool, norm: Norm) -> Result<()> {
    if lane_count(data.len(), n)? == 0 {
        return Ok(());
    }
    let direction = if inverse {
        FftDirection::Inverse
    } else {
        FftDirection::Forward
    };
    let fft = plans::complex(n, direction);
    // rustfft transforms every consecutive lane of a longer buffer in one call; bands of lanes
    // go to separate threads where the build has them (each lane is transformed alone).
    let Ok(()) = parallel::rows_in_place(data, n, parallel::n_log_n(n), |_, lanes| {
        let mut scratch = vec![Complex::default(); fft.get_inplace_scratch_len()];
        fft.process_with_scratch(lanes, &mut scratch);
        Ok::<(), Infallible>(())
    });
    scale(data, norm.factor(n, inverse));
    Ok(())
}

/// The real-input transform (numpy's `rfft`) of every lane of `n` values in `input` into the
/// matching lane of `n / 2 + 1` terms in `out`. `input` serves as scratch space: its values
/// are lost.
pub fn real_forward_lanes(
    input: &mut [f64],
    n: usize,
    out: &mut [Complex],
    norm: Norm,
) -> Result<()> {
    let lanes = lane_count(input.len(), n)?;
    let terms = n / 2 + 1;
    let expected = lanes.saturating_mul(terms);
    if out.len() != expected {
        return Err(Error::OutputLength {
            expected,
            got: out.len(),
        });
    }
    if lanes == 0 {
        return Ok(());
    }
    let fft = plans::real_forward(n);
    parallel::rows_mut(
        input,
        n,
        out,
        terms,
        parallel::n_log_n(n),
        |_, input, out| {
            let mut scratch = fft.make_scratch_vec();
            for (x, y) in input.chunks_exact_mut(n).zip(out.chunks_exact_mut(terms)) {
                // Lengths match the plan's by construction: the only error realfft reports.
                fft.process_with_scratch(x, y, &mut scratch)
                    .map_err(|_| Error::OutputLength {
                        expected: terms,
                        got: y.len(),
                    })?;
            }
            Ok(())
        },
    )?;
    scale(out, norm.factor(n, false));
    Ok(())
}

/// The inverse of [`real_forward_lanes`] (numpy's `irfft`): every lane of `n / 2 + 1` terms in
/// `input` to the lane of `n` real values in `out`. `input` serves as scratch space.
pub fn real_inverse_lanes(
    input: &mut [Complex],
    n: usize,
    out: &mut [f64],
    norm: Norm,
) -> Result<()> {
    let lanes = lane_count(out.len(), n)?;
    let terms = n / 2 + 1;
    let expected = lanes.saturating_mul(terms);
    if input.len() != expected {
        return Err(Error::LengthMismatch {
            left: input.len(),
            right: expected,
        });
    }
    if lanes == 0 {
        return Ok(());
    }
    let fft = plans::real_inverse(n);
    parallel::rows_mut(
        input,
        terms,
        out,
        n,
        parallel::n_log_n(n),
        |_, input, out| {
            let mut scratch = fft.make_scratch_vec();
            for (x, y) in input.chunks_exact_mut(terms).zip(out.chunks_exact_mut(n)) {
                // A real signal's spectrum has real zero- and Nyquist-frequency terms; numpy drops
                // whatever imaginary parts the input has there, and realfft refuses them.
                if let Some(first) = x.first_mut() {
                    first.im = 0.0;
                }
                if let Some(last) = x.last_mut().filter(|_| n.is_multiple_of(2)) {
                    last.im = 0.0;
                }
                fft.process_with_scratch(x, y, &mut scratch).map_err(|_| {
                    Error::LengthMismatch {
                        left: x.len(),
                        right: terms,
                    }
                })?;
            }
            Ok(())
        },
    )?;
    scale(out, norm.factor(n, true));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    /// Bands of lanes on several threads give the bits of one thread, for the three kinds.
    #[cfg(feature = "threads")]
    #[test]
    fn threads_do_not_change_a_bit() {
        use crate::parallel::testing::{in_pool, same_bits};
        let (n, lanes) = (1000, 97);
        let real: Vec<f64> = (0..n * lanes)
            .map(|i| ((i * 7919) % 1009) as f64 - 504.5)
            .collect();
        let flat = |c: &[Complex]| c.iter().flat_map(|v| [v.re, v.im]).collect::<Vec<f64>>();
        let complex = || {
            let mut data: Vec<Complex> = real.iter().map(|&v| Complex::new(v, -v / 3.0)).collect();
            complex_lanes(&mut data, n, false, Norm::Backward).unwrap();
            flat(&data)
        };
        let forward = || {
            let mut input = real.clone();
            let mut out = vec![Complex::default(); lanes * (n / 2 + 1)];
            real_forward_lanes(&mut input, n, &mut out, Norm::Ortho).unwrap();
            flat(&out)
        };
        let inverse = || {
            let mut input: Vec<Complex> = real[..lanes * (n / 2 + 1)]
                .iter()
                .map(|&v| Complex::new(v, 1.0))
                .collect();
            let mut out = vec![0.0; lanes * n];
            real_inverse_lanes(&mut input, n, &mut out, Norm::Backward).unwrap();
            out
        };
        assert!(same_bits(&in_pool(1, complex), &in_pool(3, complex)));
        assert!(same_bits(&in_pool(1, forward), &in_pool(3, forward)));
        assert!(same_bits(&in_pool(1, inverse), &in_pool(3, inverse)));
    }

    /// The DFT by its definition, O(n^2): the reference.
    fn dft(x: &[Complex], inverse: bool) -> Vec<Complex> {
        let n = x.len();
        let sign = if inverse { 1.0 } else { -1.0 };
        (0..n)
            .map(|k| {
                x.iter()
                    .enumerate()
                    .map(|(j, &v)| {
                        let angle = sign * 2.0 * PI * ((j * k) % n) as f64 / n as f64;
                        v * Complex::new(angle.cos(), angle.sin())
                    })
                    .sum()
            })
            .collect()
    }

    fn signal(n: usize, seed: u64) -> Vec<Complex> {
        let mut s = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        let mut next = || {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (s >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        };
        (0..n).map(|_| Complex::new(next(), next())).collect()
    }

    fn close(a: &[Complex], b: &[Complex], n: usize) {
        assert_eq!(a.len(), b.len());
        let tol = 1e-12 * (n.max(2) as f64).log2() * (n as f64).sqrt().max(1.0);
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).norm() <= tol, "{x} vs {y} (n = {n})");
        }
    }

    #[test]
    fn complex_transforms_match_the_definition_for_every_kind_of_length() {
        // 1, primes (Rader, Bluestein), powers of two and mixed radices.
        for n in [
            1, 2, 3, 5, 7, 8, 12, 13, 16, 17, 30, 64, 97, 100, 127, 210, 251,
        ] {
            let x = signal(n, n as u64);
            for inverse in [false, true] {
                let mut y = x.clone();
                complex_lanes(&mut y, n, inverse, Norm::Forward).unwrap();
                let want = dft(&x, inverse);
                // Forward norm: the forward transform is divided by n, the inverse is not.
                let want: Vec<Complex> = if inverse {
                    want
                } else {
                    want.iter().map(|v| v / n as f64).collect()
                };
                close(&y, &want, n);
            }
        }
    }

    #[test]
    fn norms_scale_as_numpy() {
        let n = 6;
        let x = signal(n, 1);
        let raw = dft(&x, false);
        for (norm, factor) in [
            (Norm::Backward, 1.0),
            (Norm::Ortho, 1.0 / 6f64.sqrt()),
            (Norm::Forward, 1.0 / 6.0),
        ] {
            let mut y = x.clone();
            complex_lanes(&mut y, n, false, norm).unwrap();
            let want: Vec<Complex> = raw.iter().map(|v| v * factor).collect();
            close(&y, &want, n);
            // Each norm's inverse undoes its forward transform.
            complex_lanes(&mut y, n, true, norm).unwrap();
            close(&y, &x, n);
        }
        assert_eq!(Norm::parse("ortho"), Some(Norm::Ortho));
        assert_eq!(Norm::parse("Ortho"), None);
    }

    #[test]
    fn lanes_are_transformed_independently() {
        let (n, lanes) = (7, 3);
        let x = signal(n * lanes, 9);
        let mut y = x.clone();
        complex_lanes(&mut y, n, false, Norm::Backward).unwrap();
        for (lane, got) in x.chunks(n).zip(y.chunks(n)) {
            close(got, &dft(lane, false), n);
        }
        assert!(complex_lanes(&mut y, 4, false, Norm::Backward).is_err());
        assert!(complex_lanes(&mut [], 0, false, Norm::Backward).is_ok());
    }

    #[test]
    fn real_transforms_match_the_complex_one_and_invert() {
        for n in [1, 2, 3, 4, 5, 11, 16, 31, 64, 101] {
            let lanes = 2;
            let x: Vec<f64> = signal(n * lanes, 3).iter().map(|c| c.re).collect();
            let mut input = x.clone();
            let terms = n / 2 + 1;
            let mut spectrum = vec![Complex::default(); terms * lanes];
            real_forward_lanes(&mut input, n, &mut spectrum, Norm::Ortho).unwrap();
            for (lane, got) in x.chunks(n).zip(spectrum.chunks(terms)) {
                let full: Vec<Complex> = lane.iter().map(|&r| Complex::new(r, 0.0)).collect();
                let want: Vec<Complex> = dft(&full, false)[..terms]
                    .iter()
                    .map(|v| v / (n as f64).sqrt())
                    .collect();
                close(got, &want, n);
            }
            // Imaginary parts where a real signal has none are ignored, as numpy does.
            spectrum[0].im = 5.0;
            if n.is_multiple_of(2) {
                spectrum[terms - 1].im = -3.0;
            }
            let mut back = vec![0.0; n * lanes];
            real_inverse_lanes(&mut spectrum, n, &mut back, Norm::Ortho).unwrap();
            for (a, b) in back.iter().zip(&x) {
                assert!((a - b).abs() < 1e-12, "{a} vs {b} (n = {n})");
            }
        }
    }

    #[test]
    fn mismatched_lengths_are_refused() {
        let mut out = vec![Complex::default(); 2];
        assert!(real_forward_lanes(&mut [0.0; 4], 4, &mut out, Norm::Backward).is_err());
        let mut input = vec![Complex::default(); 2];
        assert!(real_inverse_lanes(&mut input, 4, &mut [0.0; 4], Norm::Backward).is_err());
    }

    #[test]
    fn plans_are_reused_and_the_cache_stays_bounded() {
        for n in 1..100 {
            let mut x = signal(n, 0);
            complex_lanes(&mut x, n, false, Norm::Backward).unwrap();
        }
        let mut x = signal(5, 0);
        let want = dft(&x, false);
        complex_lanes(&mut x, 5, false, Norm::Backward).unwrap();
        close(&x, &want, 5);
    }
}
