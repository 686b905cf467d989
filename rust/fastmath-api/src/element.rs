//! The element types of arrays as Rust types: one per [`DType`] fastmath computes in, numpy's
//! conversions between them (`astype`), and [`with_dtype!`], which picks the type of a dtype.
//!
//! Functions are written once, generic over [`Element`], and instantiated per dtype by
//! `with_dtype!`: a kernel then reads an array of its own dtype in place, and only a dtype the
//! function does not compute in is converted (once, by [`crate::ArrayRef::data`]).

use bytemuck::{Pod, Zeroable};

use crate::dtype::DType;
use crate::outputs::{Ret, Scalar};

/// numpy's `bool`: one byte, 0 or 1. A type of its own (not `u8`) so that a bool array's
/// results are bool arrays, as numpy's are.
#[repr(transparent)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Pod, Zeroable)]
pub struct Bool(pub u8);

impl Bool {
    pub fn get(self) -> bool {
        self.0 != 0
    }
}

impl From<bool> for Bool {
    fn from(b: bool) -> Self {
        Bool(u8::from(b))
    }
}

/// A Rust type that stores the items of one dtype: what result memory is typed as
/// ([`crate::OutSlice::typed`]) and arrays are borrowed as ([`crate::ArrayRef::as_slice`]).
/// Every [`Element`] is one; so are the complex types, which have no order and no conversion
/// from every real dtype of numpy's kind (numpy refuses to order them as Element requires).
pub trait Item: Pod + Send + Sync + 'static {
    const DTYPE: DType;
}

/// complex64: (real, imaginary) float32 parts, numpy's layout.
pub type Complex64 = num_complex::Complex<f32>;
/// complex128: (real, imaginary) float64 parts, numpy's layout; fastmath-core's FFT type.
pub type Complex128 = num_complex::Complex<f64>;

impl Item for Complex64 {
    const DTYPE: DType = DType::C64;
}

impl Item for Complex128 {
    const DTYPE: DType = DType::C128;
}

/// An element type of arrays: what a dtype holds, as a Rust type.
///
/// The conversions are numpy's `astype` with its default (unsafe) casting, as C casts them:
/// integers wrap around to narrower ones, floats truncate toward zero into integers (Rust's
/// `as` saturates where C leaves it undefined, so out-of-range values and nan give a bound or
/// 0 instead of numpy's platform-dependent garbage), anything nonzero is `True`.
pub trait Element: Item + Default + PartialOrd {
    fn from_f64(v: f64) -> Self;
    fn from_i64(v: i64) -> Self;
    fn from_u64(v: u64) -> Self;
    /// The value as a double (integers beyond 2**53 round, as numpy's conversion).
    fn to_f64(self) -> f64;
    /// The value as a result of the function (numpy's scalar of this dtype).
    fn to_ret(self) -> Ret;
}

macro_rules! integer_elements {
    ($($t:ty, $dtype:ident, $scalar:ident as $wide:ty;)*) => {$(
        impl Item for $t {
            const DTYPE: DType = DType::$dtype;
        }

        impl Element for $t {
            fn from_f64(v: f64) -> Self {
                v as $t
            }
            fn from_i64(v: i64) -> Self {
                v as $t
            }
            fn from_u64(v: u64) -> Self {
                v as $t
            }
            fn to_f64(self) -> f64 {
                self as f64
            }
            fn to_ret(self) -> Ret {
                Ret::Scalar(DType::$dtype, Scalar::$scalar(self as $wide))
            }
        }
    )*};
}

integer_elements! {
    i8, I8, Int as i64;
    i16, I16, Int as i64;
    i32, I32, Int as i64;
    u8, U8, UInt as u64;
    u16, U16, UInt as u64;
    u32, U32, UInt as u64;
    u64, U64, UInt as u64;
}

impl Item for i64 {
    const DTYPE: DType = DType::I64;
}

impl Element for i64 {
    fn from_f64(v: f64) -> Self {
        v as i64
    }
    fn from_i64(v: i64) -> Self {
        v
    }
    fn from_u64(v: u64) -> Self {
        v as i64
    }
    fn to_f64(self) -> f64 {
        self as f64
    }
    fn to_ret(self) -> Ret {
        Ret::Int(self)
    }
}

impl Item for f64 {
    const DTYPE: DType = DType::F64;
}

impl Element for f64 {
    fn from_f64(v: f64) -> Self {
        v
    }
    fn from_i64(v: i64) -> Self {
        v as f64
    }
    fn from_u64(v: u64) -> Self {
        v as f64
    }
    fn to_f64(self) -> f64 {
        self
    }
    fn to_ret(self) -> Ret {
        Ret::Float(self)
    }
}

impl Item for f32 {
    const DTYPE: DType = DType::F32;
}

impl Element for f32 {
    fn from_f64(v: f64) -> Self {
        v as f32
    }
    fn from_i64(v: i64) -> Self {
        v as f32
    }
    fn from_u64(v: u64) -> Self {
        v as f32
    }
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
    fn to_ret(self) -> Ret {
        Ret::Scalar(DType::F32, Scalar::Float(f64::from(self)))
    }
}

impl Item for Bool {
    const DTYPE: DType = DType::Bool;
}

impl Element for Bool {
    fn from_f64(v: f64) -> Self {
        // nan is truthy in numpy, as in Python.
        Bool::from(v != 0.0)
    }
    fn from_i64(v: i64) -> Self {
        Bool::from(v != 0)
    }
    fn from_u64(v: u64) -> Self {
        Bool::from(v != 0)
    }
    fn to_f64(self) -> f64 {
        f64::from(u8::from(self.get()))
    }
    fn to_ret(self) -> Ret {
        Ret::Scalar(DType::Bool, Scalar::Bool(self.get()))
    }
}

/// A function's result of one element (`numpy.int32(7)`, a Python int without numpy).
pub fn scalar<T: Element>(v: T) -> Ret {
    v.to_ret()
}

/// Evaluates `$body` with `$t` bound to the Rust type of `$dtype` (a [`DType`]): the one
/// place a dtype picks the instance of a generic function. float16 has no Rust type here and
/// computes as float32 (numpy computes float16 math in float32 too, then rounds; fastmath's
/// results of float16 input are float32, its documented difference).
#[macro_export]
macro_rules! with_dtype {
    ($dtype:expr, $t:ident => $body:expr) => {{
        use $crate::dtype::DType as D;
        match $dtype {
            D::Bool => {
                type $t = $crate::element::Bool;
                $body
            }
            D::I8 => {
                type $t = i8;
                $body
            }
            D::U8 => {
                type $t = u8;
                $body
            }
            D::I16 => {
                type $t = i16;
                $body
            }
            D::U16 => {
                type $t = u16;
                $body
            }
            D::I32 => {
                type $t = i32;
                $body
            }
            D::U32 => {
                type $t = u32;
                $body
            }
            D::I64 => {
                type $t = i64;
                $body
            }
            D::U64 => {
                type $t = u64;
                $body
            }
            D::F16 | D::F32 => {
                type $t = f32;
                $body
            }
            // Never reached through a parameter: complex arrays reach only functions that
            // declare complex input (`Function::complex`), which do not dispatch through here.
            D::F64 | D::C64 | D::C128 => {
                type $t = f64;
                $body
            }
        }
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casts_are_numpys_astype() {
        assert_eq!(i8::from_i64(300), 44);
        assert_eq!(u8::from_i64(-1), 255);
        assert_eq!(i64::from_u64(u64::MAX), -1);
        assert_eq!(i32::from_f64(-2.7), -2);
        assert_eq!(Bool::from_f64(f64::NAN), Bool(1));
        assert_eq!(Bool::from_i64(0), Bool(0));
        assert_eq!(f32::from_f64(0.1), 0.1f32);
        assert_eq!((1u64 << 60).to_f64(), 2f64.powi(60));
    }

    #[test]
    fn the_macro_binds_each_dtypes_type() {
        let size = |d: DType| with_dtype!(d, T => (T::DTYPE, std::mem::size_of::<T>()));
        for d in [
            DType::Bool,
            DType::I8,
            DType::U16,
            DType::I32,
            DType::U64,
            DType::F64,
        ] {
            assert_eq!(size(d), (d, d.itemsize()));
        }
        assert_eq!(size(DType::F16), (DType::F32, 4));
    }

    #[test]
    fn scalars_keep_their_dtype() {
        assert_eq!(scalar(7i32), Ret::Scalar(DType::I32, Scalar::Int(7)));
        assert_eq!(scalar(7i64), Ret::Int(7));
        assert_eq!(
            scalar(u64::MAX),
            Ret::Scalar(DType::U64, Scalar::UInt(u64::MAX))
        );
        assert_eq!(scalar(1.5f64), Ret::Float(1.5));
        assert_eq!(
            scalar(Bool(1)),
            Ret::Scalar(DType::Bool, Scalar::Bool(true))
        );
    }
}
