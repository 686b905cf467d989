//! [`Numeric`]: the arithmetic of one element type as numpy does it, so that `add`, `square`,
//! `abs`, `relu` and `clip` are written once and run on every dtype.
//!
//! Integers wrap around (numpy's `int8(127) + int8(1)` is `-128`, `abs(int8(-128))` is `-128`);
//! floats are IEEE. Every operation is one instruction per element, so the slice loops over
//! them vectorise: on wasm32 `simd128` an `f32` loop runs four lanes per instruction where an
//! `f64` loop runs two, and an `i8` loop sixteen.

/// An element type with numpy's arithmetic.
pub trait Numeric: Copy + PartialOrd {
    /// Zero, the bound of `relu`.
    const ZERO: Self;
    /// `self + o` (wrapping for integers).
    fn plus(self, o: Self) -> Self;
    /// `self - o` (wrapping for integers).
    fn minus(self, o: Self) -> Self;
    /// `self * o` (wrapping for integers).
    fn times(self, o: Self) -> Self;
    /// numpy's `absolute`: the sign bit cleared for floats, `wrapping_abs` for signed integers
    /// (the most negative value stays itself), the value itself for unsigned ones.
    fn magnitude(self) -> Self;
    /// Whether the value is NaN (never, for integers): NaN wins in numpy's `maximum` and `clip`.
    fn is_nan_value(self) -> bool;
}

/// The floating-point element types: division and square root, which integers do not keep.
pub trait Float: Numeric {
    /// `self / o`, IEEE.
    fn over(self, o: Self) -> Self;
    /// The correctly rounded square root (NaN below zero).
    fn root(self) -> Self;
}

macro_rules! floats {
    ($($t:ty),*) => {$(
        impl Numeric for $t {
            const ZERO: Self = 0.0;
            #[inline(always)]
            fn plus(self, o: Self) -> Self {
                self + o
            }
            #[inline(always)]
            fn minus(self, o: Self) -> Self {
                self - o
            }
            #[inline(always)]
            fn times(self, o: Self) -> Self {
                self * o
            }
            #[inline(always)]
            fn magnitude(self) -> Self {
                self.abs()
            }
            #[inline(always)]
            fn is_nan_value(self) -> bool {
                self.is_nan()
            }
        }

        impl Float for $t {
            #[inline(always)]
            fn over(self, o: Self) -> Self {
                self / o
            }
            #[inline(always)]
            fn root(self) -> Self {
                self.sqrt()
            }
        }
    )*};
}

floats!(f64, f32);

macro_rules! integers {
    ($($t:ty: |$v:ident| $abs:expr;)*) => {$(
        impl Numeric for $t {
            const ZERO: Self = 0;
            #[inline(always)]
            fn plus(self, o: Self) -> Self {
                self.wrapping_add(o)
            }
            #[inline(always)]
            fn minus(self, o: Self) -> Self {
                self.wrapping_sub(o)
            }
            #[inline(always)]
            fn times(self, o: Self) -> Self {
                self.wrapping_mul(o)
            }
            #[inline(always)]
            fn magnitude(self) -> Self {
                let $v = self;
                $abs
            }
            #[inline(always)]
            fn is_nan_value(self) -> bool {
                false
            }
        }
    )*};
}

integers! {
    i8: |v| v.wrapping_abs();
    i16: |v| v.wrapping_abs();
    i32: |v| v.wrapping_abs();
    i64: |v| v.wrapping_abs();
    u8: |v| v;
    u16: |v| v;
    u32: |v| v;
    u64: |v| v;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_wrap_around_as_numpy() {
        assert_eq!(127i8.plus(1), -128);
        assert_eq!(0u8.minus(1), 255);
        assert_eq!(200u8.times(2), 144);
        assert_eq!((-128i8).magnitude(), -128);
        assert_eq!((-5i64).magnitude(), 5);
        assert_eq!(u64::MAX.magnitude(), u64::MAX);
        assert_eq!(i64::MIN.minus(1), i64::MAX);
        assert!(!7u32.is_nan_value());
    }

    #[test]
    fn floats_are_ieee() {
        assert_eq!(1.5f32.over(0.0), f32::INFINITY);
        assert!((-1.0f32).root().is_nan());
        assert_eq!((-0.0f32).magnitude().to_bits(), 0);
        assert!(f32::NAN.is_nan_value());
        assert_eq!(3.0f64.times(2.0), 6.0);
    }
}
