//! Order keys: each element type the sorting kernels take maps its values to unsigned integers
//! whose order is numpy's, so every kernel compares, counts and radix-sorts plain integers
//! whatever the dtype, and NaN or the sign of an integer needs no special case in a hot loop.
//!
//! Two keys per value. The *total* key is the order `sort` writes out (IEEE total order for
//! floats: `-0.0` before `0.0`) and is inverted by [`OrderKey::from_total_key`], so `sort` can
//! carry keys instead of values. The *order* key is numpy's comparison (`-0.0 == 0.0`) shifted to
//! the top of a `u64`: argsort packs the element's index into the low bits, which a narrow
//! type's key then leaves free.

/// An element type the sorting kernels take, and its order keys. Implemented for the floats
/// and integers; a binding implements it for its own element types (numpy's bool, say, as a
/// byte) by delegating to one of those.
pub trait OrderKey: Copy + Default + PartialOrd {
    /// The key's width in bits: the type's width.
    const BITS: u32;

    /// Whether this is an integer type (every value its own key, no NaN).
    const INTEGER: bool;

    /// Whether this value is a NaN (never, for integers).
    fn is_nan(self) -> bool;

    /// The key of the order `sort` writes, in the low [`Self::BITS`] bits: integers in their
    /// own order; floats in IEEE total order (`-0.0` before `0.0`) with every NaN mapped to
    /// the largest key.
    fn total_key(self) -> u64;

    /// The value whose [`Self::total_key`] is `key`; the NaN key gives the one quiet NaN.
    fn from_total_key(key: u64) -> Self;

    /// numpy's order as a key in the high bits of a `u64` (the low `64 - BITS` are zero):
    /// like [`Self::total_key`] but `-0.0` and `0.0` are equal.
    fn order_key(self) -> u64;

    /// This type's bits in the low bits of a `u64` (unsigned, zero-extended), and back:
    /// `sort`'s radix path moves keys through the output buffer as values of this type.
    fn to_bits(self) -> u64;
    fn from_bits(bits: u64) -> Self;

    /// Sorts a short slice in numpy's order (the comparison sort under the radix threshold).
    fn sort_short(x: &mut [Self]);
}

/// Implements [`OrderKey`] for an integer type through its unsigned twin: signed values have
/// their sign bit flipped, so that negative numbers come first in unsigned order.
macro_rules! integer_key {
    ($($t:ty => $u:ty, $flip:expr;)*) => {$(
        impl OrderKey for $t {
            const BITS: u32 = <$u>::BITS;
            const INTEGER: bool = true;

            #[inline(always)]
            fn is_nan(self) -> bool {
                false
            }

            #[inline(always)]
            fn total_key(self) -> u64 {
                u64::from((self as $u) ^ $flip)
            }

            #[inline(always)]
            fn from_total_key(key: u64) -> Self {
                ((key as $u) ^ $flip) as $t
            }

            #[inline(always)]
            fn order_key(self) -> u64 {
                self.total_key() << (u64::BITS - Self::BITS)
            }

            #[inline(always)]
            fn to_bits(self) -> u64 {
                u64::from(self as $u)
            }

            #[inline(always)]
            fn from_bits(bits: u64) -> Self {
                bits as $u as $t
            }

            fn sort_short(x: &mut [Self]) {
                x.sort_unstable();
            }
        }
    )*};
}

integer_key! {
    i8 => u8, 1 << 7;
    i16 => u16, 1 << 15;
    i32 => u32, 1 << 31;
    i64 => u64, 1 << 63;
    u8 => u8, 0;
    u16 => u16, 0;
    u32 => u32, 0;
    u64 => u64, 0;
}

/// Implements [`OrderKey`] for a float type: positive values get the sign bit set, negative
/// ones are bit-flipped so that larger magnitudes sort lower, every NaN is the largest key.
macro_rules! float_key {
    ($($t:ty => $u:ty, $signed:ty;)*) => {$(
        impl OrderKey for $t {
            const BITS: u32 = <$u>::BITS;
            const INTEGER: bool = false;

            #[inline(always)]
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }

            #[inline(always)]
            fn total_key(self) -> u64 {
                let bits = self.to_bits();
                // All ones for negatives (flip everything), just the sign bit for positives:
                // branch-free, since random signs would mispredict a branch half the time.
                let sign = 1 << (<$u>::BITS - 1);
                let flip = (((bits as $signed) >> (<$u>::BITS - 1)) as $u) | sign;
                u64::from(if self.is_nan() { <$u>::MAX } else { bits ^ flip })
            }

            #[inline(always)]
            fn from_total_key(key: u64) -> Self {
                let key = key as $u;
                // Keys with the top bit set came from positive values (only the sign bit was
                // flipped).
                let sign = 1 << (<$u>::BITS - 1);
                let flip = !(((key as $signed) >> (<$u>::BITS - 1)) as $u) | sign;
                if key == <$u>::MAX {
                    <$t>::NAN
                } else {
                    <$t>::from_bits(key ^ flip)
                }
            }

            #[inline(always)]
            fn order_key(self) -> u64 {
                // `x + 0.0` turns -0.0 into +0.0 and leaves everything else alone.
                (self + 0.0).total_key() << (u64::BITS - <Self as OrderKey>::BITS)
            }

            #[inline(always)]
            fn to_bits(self) -> u64 {
                u64::from(<$t>::to_bits(self))
            }

            #[inline(always)]
            fn from_bits(bits: u64) -> Self {
                <$t>::from_bits(bits as $u)
            }

            fn sort_short(x: &mut [Self]) {
                let finite_len = partition_nans_last(x);
                x[..finite_len].sort_unstable_by(<$t>::total_cmp);
                x[finite_len..].fill(<$t>::NAN);
            }
        }
    )*};
}

float_key! {
    f64 => u64, i64;
    f32 => u32, i32;
}

/// Moves every NaN to the end (order otherwise not kept); returns the number of non-NaNs.
fn partition_nans_last<T: OrderKey>(x: &mut [T]) -> usize {
    let mut end = x.len();
    let mut i = 0;
    while i < end {
        if x[i].is_nan() {
            end -= 1;
            x.swap(i, end);
        } else {
            i += 1;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys strictly ascending along `ordered` (numpy's order), and total keys inverted.
    fn check_ascending<T: OrderKey + std::fmt::Debug>(ordered: &[T]) {
        for w in ordered.windows(2) {
            assert!(
                w[0].order_key() < w[1].order_key(),
                "{:?} < {:?}",
                w[0],
                w[1]
            );
            assert!(
                w[0].total_key() < w[1].total_key(),
                "{:?} < {:?}",
                w[0],
                w[1]
            );
        }
        for &v in ordered {
            assert!(T::BITS == 64 || v.total_key() >> T::BITS == 0, "{v:?}");
            assert_eq!(
                T::from_total_key(v.total_key()).to_bits(),
                v.to_bits(),
                "{v:?}"
            );
            assert_eq!(T::from_bits(v.to_bits()).to_bits(), v.to_bits());
            assert_eq!(v.order_key() >> (64 - T::BITS), v.total_key());
        }
    }

    #[test]
    fn integer_keys_order_like_numpy() {
        check_ascending(&[i8::MIN, -1, 0, 1, i8::MAX]);
        check_ascending(&[i16::MIN, -300, -1, 0, 1, i16::MAX]);
        check_ascending(&[i32::MIN, -1, 0, 1, i32::MAX]);
        check_ascending(&[i64::MIN, -(1 << 53) - 1, -1, 0, 1, (1 << 53) + 1, i64::MAX]);
        check_ascending(&[0u8, 1, 128, u8::MAX]);
        check_ascending(&[0u16, 1, 1 << 15, u16::MAX]);
        check_ascending(&[0u32, 1, 1 << 31, u32::MAX]);
        check_ascending(&[0u64, 1, 1 << 63, u64::MAX - 1, u64::MAX]);
    }

    #[test]
    fn float_keys_order_like_numpy() {
        check_ascending(&[
            f64::NEG_INFINITY,
            -f64::MAX,
            -1.0,
            -f64::MIN_POSITIVE,
            -5e-324,
            0.0,
            5e-324,
            1.0,
            f64::MAX,
            f64::INFINITY,
            f64::NAN,
        ]);
        check_ascending(&[
            f32::NEG_INFINITY,
            -f32::MAX,
            -1.0,
            -1e-45,
            0.0,
            1e-45,
            1.0,
            f32::MAX,
            f32::INFINITY,
            f32::NAN,
        ]);
        assert_eq!((-0.0f64).order_key(), 0.0f64.order_key());
        assert_eq!((-0.0f32).order_key(), 0.0f32.order_key());
        assert!((-0.0f32).total_key() < 0.0f32.total_key());
        assert_eq!((-f32::NAN).order_key(), f32::NAN.order_key());
        assert_eq!((-f64::NAN).total_key(), f64::NAN.total_key());
        for v in [-0.0f32, 3.25, -7e-40] {
            assert_eq!(f32::from_total_key(v.total_key()).to_bits(), v.to_bits());
        }
        assert_eq!(
            f32::from_total_key((-f32::NAN).total_key()).to_bits(),
            f32::NAN.to_bits()
        );
    }

    #[test]
    fn short_sorts_put_nans_last() {
        let mut x = [3.0f32, f32::NAN, -1.0, -f32::NAN, 0.0, -0.0];
        f32::sort_short(&mut x);
        assert_eq!(&x[..4], &[-1.0, -0.0, 0.0, 3.0]);
        assert!((-0.0f32).to_bits() == x[1].to_bits() && x[4].is_nan() && x[5].is_nan());
        let mut y = [5i64, i64::MIN, (1 << 60) + 1, 1 << 60];
        i64::sort_short(&mut y);
        assert_eq!(y, [i64::MIN, 5, 1 << 60, (1 << 60) + 1]);
    }
}
