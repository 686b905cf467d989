//! Binary arithmetic: `add subtract multiply divide` of two equal-length slices, of a slice and
//! a scalar, and of a scalar and a slice (the order matters for `subtract` and `divide`:
//! `scalar - x` is [`subtract_scalar_slice_into`]).
//!
//! Plain IEEE arithmetic, as numpy: `1/0` is `inf`, `0/0` is NaN, never an error. Lengths are
//! checked before anything is written; the loops are zips without bounds checks, which LLVM
//! vectorises.

use crate::elementwise::check_output;
use crate::{Error, Result};

macro_rules! binary_kernels {
    ($($name:ident, $op:tt, $vv:ident, $vs:ident, $sv:ident;)*) => {$(
        #[doc = concat!("`a ", stringify!($op), " b` for two scalars.")]
        #[inline]
        pub fn $name(a: f64, b: f64) -> f64 {
            a $op b
        }

        #[doc = concat!("Writes `a[i] ", stringify!($op), " b[i]` to `out[i]`. ")]
        #[doc = "`Error::LengthMismatch` when `a` and `b` differ in length, `Error::OutputLength` "]
        #[doc = "when `out` differs from them (both InvalidValue)."]
        pub fn $vv(a: &[f64], b: &[f64], out: &mut [f64]) -> Result<()> {
            check_pair(a.len(), b.len())?;
            check_output(a.len(), out.len())?;
            for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
                *o = x $op y;
            }
            Ok(())
        }

        #[doc = concat!("Writes `a[i] ", stringify!($op), " b` to `out[i]` (slice, then scalar); ")]
        #[doc = "`Error::OutputLength` (InvalidValue) when the lengths differ."]
        pub fn $vs(a: &[f64], b: f64, out: &mut [f64]) -> Result<()> {
            check_output(a.len(), out.len())?;
            for (o, &x) in out.iter_mut().zip(a) {
                *o = x $op b;
            }
            Ok(())
        }

        #[doc = concat!("Writes `a ", stringify!($op), " b[i]` to `out[i]` (scalar, then slice); ")]
        #[doc = "`Error::OutputLength` (InvalidValue) when the lengths differ."]
        pub fn $sv(a: f64, b: &[f64], out: &mut [f64]) -> Result<()> {
            check_output(b.len(), out.len())?;
            for (o, &y) in out.iter_mut().zip(b) {
                *o = a $op y;
            }
            Ok(())
        }
    )*};
}

binary_kernels! {
    add, +, add_into, add_slice_scalar_into, add_scalar_slice_into;
    subtract, -, subtract_into, subtract_slice_scalar_into, subtract_scalar_slice_into;
    multiply, *, multiply_into, multiply_slice_scalar_into, multiply_scalar_slice_into;
    divide, /, divide_into, divide_slice_scalar_into, divide_scalar_slice_into;
}

fn check_pair(left: usize, right: usize) -> Result<()> {
    if left == right {
        Ok(())
    } else {
        Err(Error::LengthMismatch { left, right })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    type Vv = fn(&[f64], &[f64], &mut [f64]) -> Result<()>;
    type Vs = fn(&[f64], f64, &mut [f64]) -> Result<()>;
    type Sv = fn(f64, &[f64], &mut [f64]) -> Result<()>;
    type Ops = (fn(f64, f64) -> f64, Vv, Vs, Sv);

    fn all() -> [Ops; 4] {
        [
            (add, add_into, add_slice_scalar_into, add_scalar_slice_into),
            (
                subtract,
                subtract_into,
                subtract_slice_scalar_into,
                subtract_scalar_slice_into,
            ),
            (
                multiply,
                multiply_into,
                multiply_slice_scalar_into,
                multiply_scalar_slice_into,
            ),
            (
                divide,
                divide_into,
                divide_slice_scalar_into,
                divide_scalar_slice_into,
            ),
        ]
    }

    #[test]
    fn operand_order_and_ieee() {
        let mut out = [0.0; 3];
        subtract_scalar_slice_into(10.0, &[1.0, 2.0, 3.0], &mut out).unwrap();
        assert_eq!(out, [9.0, 8.0, 7.0]);
        subtract_slice_scalar_into(&[1.0, 2.0, 3.0], 10.0, &mut out).unwrap();
        assert_eq!(out, [-9.0, -8.0, -7.0]);
        divide_scalar_slice_into(1.0, &[0.0, -0.0, 4.0], &mut out).unwrap();
        assert_eq!(out, [f64::INFINITY, f64::NEG_INFINITY, 0.25]);
        divide_into(
            &[0.0, 1.0, f64::INFINITY],
            &[0.0, 2.0, f64::INFINITY],
            &mut out,
        )
        .unwrap();
        assert!(out[0].is_nan() && out[1] == 0.5 && out[2].is_nan());
    }

    #[test]
    fn lengths_are_checked() {
        let mut out = [0.0; 2];
        assert_eq!(
            add_into(&[1.0, 2.0], &[1.0], &mut out),
            Err(Error::LengthMismatch { left: 2, right: 1 })
        );
        assert_eq!(
            multiply_into(&[1.0], &[1.0], &mut out),
            Err(Error::OutputLength {
                expected: 1,
                got: 2
            })
        );
        assert!(divide_slice_scalar_into(&[1.0], 1.0, &mut out).is_err());
        assert!(divide_scalar_slice_into(1.0, &[1.0], &mut out).is_err());
        add_into(&[], &[], &mut []).unwrap();
    }

    proptest! {
        #[test]
        fn kernels_match_scalar_ops(v in prop::collection::vec((-1e6f64..1e6, -1e6f64..1e6), 0..70),
                                    s in -1e3f64..1e3) {
            let a: Vec<f64> = v.iter().map(|p| p.0).collect();
            let b: Vec<f64> = v.iter().map(|p| p.1).collect();
            let mut out = vec![0.0; a.len()];
            for (f, vv, vs, sv) in all() {
                vv(&a, &b, &mut out).unwrap();
                for i in 0..a.len() {
                    prop_assert_eq!(out[i].to_bits(), f(a[i], b[i]).to_bits());
                }
                vs(&a, s, &mut out).unwrap();
                for i in 0..a.len() {
                    prop_assert_eq!(out[i].to_bits(), f(a[i], s).to_bits());
                }
                sv(s, &b, &mut out).unwrap();
                for i in 0..a.len() {
                    prop_assert_eq!(out[i].to_bits(), f(s, b[i]).to_bits());
                }
            }
        }
    }
}
