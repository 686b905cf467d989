//! Binary arithmetic: `add subtract multiply divide` of two equal-length slices, of a slice and
//! a scalar, and of a scalar and a slice (the order matters for `subtract` and `divide`:
//! `scalar - x` is [`subtract_scalar_slice_into`]).
//!
//! Generic over the element types ([`Numeric`]; `divide` over [`Float`]), with numpy's
//! arithmetic for each: integers wrap around, floats are IEEE (`1/0` is `inf`, `0/0` is NaN,
//! never an error). Lengths are checked before anything is written; the loops are zips without
//! bounds checks, which LLVM vectorises (four `f32` lanes per wasm32 `simd128` instruction).

use crate::elementwise::{Float, Numeric, check_output};
use crate::{Error, Result};

macro_rules! binary_kernels {
    ($($bound:ident $name:ident, $op:tt, $method:ident, $vv:ident, $vs:ident, $sv:ident;)*) => {$(
        #[doc = concat!("`a ", stringify!($op), " b` for two scalars (see [`", stringify!($bound), "`]).")]
        #[inline]
        pub fn $name<T: $bound>(a: T, b: T) -> T {
            a.$method(b)
        }

        #[doc = concat!("Writes `a[i] ", stringify!($op), " b[i]` to `out[i]`. ")]
        #[doc = "`Error::LengthMismatch` when `a` and `b` differ in length, `Error::OutputLength` "]
        #[doc = "when `out` differs from them (both InvalidValue)."]
        pub fn $vv<T: $bound>(a: &[T], b: &[T], out: &mut [T]) -> Result<()> {
            check_pair(a.len(), b.len())?;
            check_output(a.len(), out.len())?;
            for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
                *o = x.$method(y);
            }
            Ok(())
        }

        #[doc = concat!("Writes `a[i] ", stringify!($op), " b` to `out[i]` (slice, then scalar); ")]
        #[doc = "`Error::OutputLength` (InvalidValue) when the lengths differ."]
        pub fn $vs<T: $bound>(a: &[T], b: T, out: &mut [T]) -> Result<()> {
            check_output(a.len(), out.len())?;
            for (o, &x) in out.iter_mut().zip(a) {
                *o = x.$method(b);
            }
            Ok(())
        }

        #[doc = concat!("Writes `a ", stringify!($op), " b[i]` to `out[i]` (scalar, then slice); ")]
        #[doc = "`Error::OutputLength` (InvalidValue) when the lengths differ."]
        pub fn $sv<T: $bound>(a: T, b: &[T], out: &mut [T]) -> Result<()> {
            check_output(b.len(), out.len())?;
            for (o, &y) in out.iter_mut().zip(b) {
                *o = a.$method(y);
            }
            Ok(())
        }
    )*};
}

binary_kernels! {
    Numeric add, +, plus, add_into, add_slice_scalar_into, add_scalar_slice_into;
    Numeric subtract, -, minus, subtract_into, subtract_slice_scalar_into, subtract_scalar_slice_into;
    Numeric multiply, *, times, multiply_into, multiply_slice_scalar_into, multiply_scalar_slice_into;
    Float divide, /, over, divide_into, divide_slice_scalar_into, divide_scalar_slice_into;
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
        add_into::<f64>(&[], &[], &mut []).unwrap();
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

            #[test]
            fn f32_kernels_are_the_correctly_rounded_ops(
                v in prop::collection::vec((-1e6f32..1e6, -1e6f32..1e6), 0..70)
            ) {
                // An f64 result rounded once to f32 is the correctly rounded f32 one for + - * /
                // (53 >= 2 * 24 + 2 bits): what the f32 kernels must give.
                let a: Vec<f32> = v.iter().map(|p| p.0).collect();
                let b: Vec<f32> = v.iter().map(|p| p.1).collect();
                let mut out = vec![0.0f32; a.len()];
                type Pair = (fn(&[f32], &[f32], &mut [f32]) -> Result<()>, fn(f64, f64) -> f64);
                let pairs: [Pair; 4] = [
                    (add_into, add),
                    (subtract_into, subtract),
                    (multiply_into, multiply),
                    (divide_into, divide),
                ];
                for (vv, wide) in pairs {
                    vv(&a, &b, &mut out).unwrap();
                    for i in 0..a.len() {
                        let want = wide(f64::from(a[i]), f64::from(b[i])) as f32;
                        prop_assert_eq!(out[i].to_bits(), want.to_bits());
                    }
                }
            }

            #[test]
            fn integer_kernels_wrap_around(v in prop::collection::vec(any::<(i8, i8)>(), 0..70),
                                           s in any::<u64>()) {
                let a: Vec<i8> = v.iter().map(|p| p.0).collect();
                let b: Vec<i8> = v.iter().map(|p| p.1).collect();
                let mut out = vec![0i8; a.len()];
                add_into(&a, &b, &mut out).unwrap();
                for i in 0..a.len() {
                    prop_assert_eq!(out[i], (i64::from(a[i]) + i64::from(b[i])) as i8);
                }
                multiply_scalar_slice_into(-128i8, &b, &mut out).unwrap();
                for i in 0..a.len() {
                    prop_assert_eq!(out[i], (-128 * i64::from(b[i])) as i8);
                }
                let wide: Vec<u64> = a.iter().map(|&x| x as u64).collect();
                let mut wout = vec![0u64; a.len()];
                subtract_slice_scalar_into(&wide, s, &mut wout).unwrap();
                for i in 0..a.len() {
                    prop_assert_eq!(wout[i], wide[i].wrapping_sub(s));
                }
            }
    }
}
