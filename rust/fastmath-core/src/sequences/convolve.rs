//! `convolve` and `correlate`: numpy's three modes, computed directly (exact for integers,
//! numpy's results) or, for floats where it is faster, through the FFT (as scipy's
//! `convolve(method="auto")` chooses).

use super::fft;
use crate::elementwise::Numeric;
use crate::{Error, Result};

/// numpy's `mode`: which part of the full convolution is returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Every overlap: `n + m - 1` values.
    Full,
    /// As long as the longer input, centred as numpy centres it.
    Same,
    /// Only complete overlaps: `max(n, m) - min(n, m) + 1` values.
    Valid,
}

impl Mode {
    /// `"full"`, `"same"` or `"valid"`.
    pub fn parse(mode: &str) -> Option<Mode> {
        match mode {
            "full" => Some(Mode::Full),
            "same" => Some(Mode::Same),
            "valid" => Some(Mode::Valid),
            _ => None,
        }
    }

    /// Where the mode's values start in the full convolution of inputs of lengths `n` and `m`
    /// (both at least 1), and how many there are. numpy computes a correlation with the
    /// longer input first and reverses the result when it swapped them, which centres a
    /// `"same"` correlation differently from a convolution: `correlate` says so.
    pub fn window(self, n: usize, m: usize, correlate: bool) -> (usize, usize) {
        let (short, long) = (n.min(m), n.max(m));
        match self {
            Mode::Full => (0, n + m - 1),
            Mode::Valid => (short - 1, long - short + 1),
            Mode::Same if correlate && n < m => (n / 2, long),
            Mode::Same if correlate => ((m - 1) - m / 2, long),
            Mode::Same => ((short - 1) - short / 2, long),
        }
    }
}

/// How a float convolution was computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Direct,
    Fft,
}

/// Whether the FFT method is faster than the direct sum for `out` values of the convolution of
/// lengths `n` and `m`: the direct cost is about `out * min(n, m)` multiply-adds, the FFT's two
/// transforms of the padded length `p` about `p * log2(p)` butterflies of several times the
/// cost (the constant measured on x86-64, rounded up: near the crossover the direct sum,
/// the more accurate, is kept).
pub fn fft_is_faster(n: usize, m: usize, out: usize) -> bool {
    let direct = (out as f64) * (n.min(m) as f64);
    let p = (n + m - 1).next_power_of_two() as f64;
    n.min(m) >= 32 && direct > 10.0 * p * p.log2()
}

/// The bound on each value's absolute error of the FFT method for inputs `a` and `v`:
/// `8 * log2(p) * eps * ||a||_2 * ||v||_2`, `p` the padded length (checked by the tests over
/// random inputs and lengths; the worst seen is under 1% of it: a safe, loose bound). The direct
/// method's error is at most `min(n, m) * eps * sum(|a_i v_j|)` over the terms of the value.
pub fn fft_error_bound(a: &[f64], v: &[f64]) -> f64 {
    let norm = |x: &[f64]| x.iter().map(|t| t * t).sum::<f64>().sqrt();
    let p = (a.len() + v.len())
        .saturating_sub(1)
        .next_power_of_two()
        .max(2) as f64;
    8.0 * p.log2() * f64::EPSILON * norm(a) * norm(v)
}

/// `out[j] = sum_i a[i] * w[start + j - i]`: the values `start..start + out.len()` of the full
/// convolution of `a` and `w` (both non-empty), summed directly in the element type's
/// arithmetic (integers wrap around, exactly as numpy's). `Error::OutputLength` when the
/// window reaches past the full convolution's `a.len() + w.len() - 1` values.
pub fn convolve_window<T: Numeric>(a: &[T], w: &[T], start: usize, out: &mut [T]) -> Result<()> {
    check_window(a.len(), w.len(), start, out.len())?;
    direct(a, w, start, out);
    Ok(())
}

/// [`convolve_window`] of floats by `method`: the FFT method is used only when every input is
/// finite (a nan or an infinity then spoils only the values it touches, as in the direct
/// sum); returns the method used. Each input is scaled by a power of two (exactly) to a
/// largest magnitude near 1 first, so the transforms neither overflow nor lose the smaller
/// input against the larger one.
pub fn convolve_window_f64(
    a: &[f64],
    w: &[f64],
    start: usize,
    out: &mut [f64],
    method: Method,
) -> Result<Method> {
    check_window(a.len(), w.len(), start, out.len())?;
    let finite = |x: &[f64]| x.iter().all(|v| v.is_finite());
    if method == Method::Direct || !finite(a) || !finite(w) {
        direct(a, w, start, out);
        return Ok(Method::Direct);
    }
    let (ea, eb) = (exponent(a), exponent(w));
    let scaled = |x: &[f64], e: i32| -> Vec<f64> { x.iter().map(|v| v * 2f64.powi(-e)).collect() };
    let mut full = vec![0.0; a.len() + w.len() - 1];
    fft::convolve_full(&scaled(a, ea), &scaled(w, eb), &mut full);
    // Scaled back in two steps: 2^(ea + eb) alone may overflow where the result does not.
    let (ua, ub) = (2f64.powi(ea), 2f64.powi(eb));
    for (o, v) in out.iter_mut().zip(&full[start..]) {
        *o = v * ua * ub;
    }
    Ok(Method::Fft)
}

/// The exponent `e` with `max|x| < 2^e` (0 for all zeros), clamped to where `2^-e` is normal.
fn exponent(x: &[f64]) -> i32 {
    let top = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if top == 0.0 {
        return 0;
    }
    (top.log2().floor() as i32 + 1).clamp(-1000, 1000)
}

fn check_window(n: usize, m: usize, start: usize, len: usize) -> Result<()> {
    let full = (n + m).saturating_sub(1);
    if n == 0 || m == 0 || start.saturating_add(len) > full {
        return Err(Error::OutputLength {
            expected: full.saturating_sub(start),
            got: len,
        });
    }
    Ok(())
}

/// The direct sum, each value a dot product of contiguous slices (`w` reversed once) with four
/// partial sums, which vectorises.
fn direct<T: Numeric>(a: &[T], w: &[T], start: usize, out: &mut [T]) {
    let (n, m) = (a.len(), w.len());
    let reversed: Vec<T> = w.iter().rev().copied().collect();
    for (j, o) in out.iter_mut().enumerate() {
        let k = start + j;
        // Terms a[i] * w[k - i] for i in lo..=hi.
        let lo = k.saturating_sub(m - 1);
        let hi = k.min(n - 1);
        let x = &a[lo..=hi];
        let r = &reversed[(m - 1 + lo - k)..];
        *o = dot(x, r);
    }
}

/// `sum x[i] * y[i]` over `x`'s length (`y` at least as long), four partial sums.
#[inline]
fn dot<T: Numeric>(x: &[T], y: &[T]) -> T {
    let mut acc = [T::ZERO; 4];
    let chunks = x.len() / 4 * 4;
    for (cx, cy) in x[..chunks].chunks_exact(4).zip(y[..chunks].chunks_exact(4)) {
        for l in 0..4 {
            acc[l] = acc[l].plus(cx[l].times(cy[l]));
        }
    }
    let mut total = acc[0].plus(acc[1]).plus(acc[2].plus(acc[3]));
    for (&p, &q) in x[chunks..].iter().zip(&y[chunks..]) {
        total = total.plus(p.times(q));
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The full convolution by its definition.
    fn naive(a: &[f64], w: &[f64]) -> Vec<f64> {
        let mut c = vec![0.0; a.len() + w.len() - 1];
        for (i, x) in a.iter().enumerate() {
            for (j, y) in w.iter().enumerate() {
                c[i + j] += x * y;
            }
        }
        c
    }

    #[test]
    fn windows_of_the_full_convolution() {
        assert_eq!(Mode::Full.window(4, 2, false), (0, 5));
        assert_eq!(Mode::Same.window(4, 2, false), (0, 4));
        assert_eq!(Mode::Same.window(3, 3, false), (1, 3));
        assert_eq!(Mode::Valid.window(2, 5, true), (1, 4));
        assert_eq!(Mode::Same.window(2, 3, true), (1, 3));
        assert_eq!(Mode::parse("same"), Some(Mode::Same));
        assert_eq!(Mode::parse("Same"), None);
    }

    #[test]
    fn direct_and_fft_agree_with_the_definition() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        };
        for (n, m) in [
            (1, 1),
            (5, 3),
            (3, 5),
            (64, 64),
            (300, 40),
            (1000, 33),
            (17, 999),
        ] {
            let a: Vec<f64> = (0..n).map(|_| next() * 1e3).collect();
            let w: Vec<f64> = (0..m).map(|_| next() * 1e-3).collect();
            let want = naive(&a, &w);
            let bound = fft_error_bound(&a, &w);
            for method in [Method::Direct, Method::Fft] {
                let mut got = vec![0.0; want.len()];
                convolve_window_f64(&a, &w, 0, &mut got, method).unwrap();
                for (g, e) in got.iter().zip(&want) {
                    assert!((g - e).abs() <= bound, "{n} {m} {method:?}: {g} vs {e}");
                }
            }
        }
        let mut out = [0.0; 2];
        let used = convolve_window_f64(&[1.0, f64::NAN], &[1.0], 0, &mut out, Method::Fft).unwrap();
        assert_eq!(used, Method::Direct);
        assert!(out[0] == 1.0 && out[1].is_nan());
        assert!(convolve_window_f64(&[1.0], &[1.0], 1, &mut out, Method::Direct).is_err());
    }

    #[test]
    fn integers_are_exact_and_wrap() {
        let mut out = [0i8; 3];
        convolve_window(&[100i8, 1], &[2i8, 1], 0, &mut out).unwrap();
        assert_eq!(out, [-56, 102, 1]);
    }
}
