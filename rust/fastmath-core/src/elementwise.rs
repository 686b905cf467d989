//! Elementwise kernels: one output element per input element.
//!
//! Each kernel writes into a caller-provided output slice so that bindings can hand in memory
//! the result will live in (a numpy array, an `array.array`, a wasm buffer) and no copy follows.

use crate::{Error, Result};

/// `x * x` for one value.
#[inline]
pub fn square(x: f64) -> f64 {
    x * x
}

/// Writes `x[i] * x[i]` to `out[i]`.
pub fn square_into(x: &[f64], out: &mut [f64]) -> Result<()> {
    check_output(x.len(), out.len())?;
    for (o, &v) in out.iter_mut().zip(x) {
        *o = v * v;
    }
    Ok(())
}

/// Squares `x` in place: for results the caller already owns.
pub fn square_in_place(x: &mut [f64]) {
    for v in x.iter_mut() {
        *v *= *v;
    }
}

/// Writes `a * x[i]` to `out[i]`: `dot` of a scalar and a vector.
pub fn scale_into(a: f64, x: &[f64], out: &mut [f64]) -> Result<()> {
    check_output(x.len(), out.len())?;
    for (o, &v) in out.iter_mut().zip(x) {
        *o = a * v;
    }
    Ok(())
}

fn check_output(expected: usize, got: usize) -> Result<()> {
    if expected == got {
        Ok(())
    } else {
        Err(Error::OutputLength { expected, got })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_into_matches_scalar() {
        let x = [-2.0, 0.0, 1.5, f64::INFINITY, f64::NAN];
        let mut out = [0.0; 5];
        square_into(&x, &mut out).unwrap();
        assert_eq!(&out[..4], &[4.0, 0.0, 2.25, f64::INFINITY]);
        assert!(out[4].is_nan());
    }

    #[test]
    fn output_length_is_checked() {
        let mut out = [0.0; 2];
        assert_eq!(
            square_into(&[1.0], &mut out),
            Err(Error::OutputLength {
                expected: 1,
                got: 2
            })
        );
    }

    #[test]
    fn in_place_and_scale() {
        let mut x = [3.0, -1.0];
        square_in_place(&mut x);
        assert_eq!(x, [9.0, 1.0]);
        let mut out = [0.0; 2];
        scale_into(0.5, &x, &mut out).unwrap();
        assert_eq!(out, [4.5, 0.5]);
    }
}
