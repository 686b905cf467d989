//! Reductions of integer arrays as numpy computes them. Sums and products accumulate in the
//! 64-bit integer of the element's signedness (numpy's `int64` for signed integers and bool,
//! `uint64` for unsigned ones) and wrap around on overflow, exactly as numpy's do. Extremes and
//! their positions compare the elements themselves: a detour through f64 would round int64
//! values beyond 2^53 and make distinct values tie.
//!
//! Wrapping addition and multiplication are associative and commutative (arithmetic modulo
//! 2^64), so the `LANES` independent accumulators that let LLVM vectorise the loops give
//! bitwise the result of numpy's sequential (or pairwise) loop, whatever the order.

use super::{LANES, fold_lanes};
use crate::Result;

/// The 64-bit accumulator of an integer sum or product: `i64` or `u64`.
pub trait Accumulator: Copy + Default + PartialEq + core::fmt::Debug {
    const ONE: Self;
    fn wrapping_add(self, other: Self) -> Self;
    fn wrapping_mul(self, other: Self) -> Self;
}

macro_rules! accumulator {
    ($($t:ty),*) => {$(
        impl Accumulator for $t {
            const ONE: Self = 1;
            #[inline(always)]
            fn wrapping_add(self, other: Self) -> Self {
                <$t>::wrapping_add(self, other)
            }
            #[inline(always)]
            fn wrapping_mul(self, other: Self) -> Self {
                <$t>::wrapping_mul(self, other)
            }
        }
    )*};
}
accumulator!(i64, u64);

/// An integer element type and the accumulator numpy sums it in. A caller's own integer-like
/// type (a bool newtype, say) implements it too.
pub trait Integer: Copy {
    type Acc: Accumulator;
    /// The value, converted exactly (sign- or zero-extended) to the accumulator.
    fn widen(self) -> Self::Acc;
}

macro_rules! integer {
    ($acc:ty: $($t:ty),*) => {$(
        impl Integer for $t {
            type Acc = $acc;
            #[inline(always)]
            fn widen(self) -> $acc {
                <$acc>::from(self)
            }
        }
    )*};
}
integer!(i64: i8, i16, i32, i64, bool);
integer!(u64: u8, u16, u32, u64);

/// Folds `x` with `op` (associative and commutative) in `LANES` accumulators started at `start`.
#[inline(always)]
fn fold<T: Integer>(x: &[T], start: T::Acc, op: impl Fn(T::Acc, T::Acc) -> T::Acc) -> T::Acc {
    let mut acc = [start; LANES];
    let chunks = x.chunks_exact(LANES);
    let tail = chunks.remainder();
    for chunk in chunks {
        for (a, &v) in acc.iter_mut().zip(chunk) {
            *a = op(*a, v.widen());
        }
    }
    let mut total = start;
    for a in acc {
        total = op(total, a);
    }
    for &v in tail {
        total = op(total, v.widen());
    }
    total
}

/// The sum of `x` in its 64-bit accumulator, wrapping around as numpy's `sum` (0 when empty).
pub fn wrapping_sum<T: Integer>(x: &[T]) -> T::Acc {
    fold(x, T::Acc::default(), T::Acc::wrapping_add)
}

/// The product of `x` in its 64-bit accumulator, wrapping around as numpy's `prod` (1 when
/// empty).
pub fn wrapping_prod<T: Integer>(x: &[T]) -> T::Acc {
    fold(x, T::Acc::ONE, T::Acc::wrapping_mul)
}

/// The largest element, compared exactly. `Error::EmptyReduction` (InvalidValue) for an empty
/// slice, as numpy refuses.
pub fn max_exact<T: Copy + Ord>(x: &[T]) -> Result<T> {
    fold_lanes(x, "maximum", |a, v| if v > a { v } else { a })
}

/// The smallest element, compared exactly; errors as [`max_exact`].
pub fn min_exact<T: Copy + Ord>(x: &[T]) -> Result<T> {
    fold_lanes(x, "minimum", |a, v| if v < a { v } else { a })
}

/// Index of the first occurrence of the largest element (numpy's `argmax`), compared exactly.
/// Two vectorised passes: the maximum, then its first position.
pub fn argmax_exact<T: Copy + Ord>(x: &[T]) -> Result<usize> {
    let m = fold_lanes(x, "argmax", |a, v| if v > a { v } else { a })?;
    Ok(x.iter().position(|&v| v == m).unwrap_or(0))
}

/// Index of the first occurrence of the smallest element (numpy's `argmin`), compared exactly.
pub fn argmin_exact<T: Copy + Ord>(x: &[T]) -> Result<usize> {
    let m = fold_lanes(x, "argmin", |a, v| if v < a { v } else { a })?;
    Ok(x.iter().position(|&v| v == m).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use proptest::prelude::*;

    #[test]
    fn wrap_around_as_numpy() {
        assert_eq!(wrapping_sum(&[i64::MAX, 1]), i64::MIN);
        assert_eq!(wrapping_sum(&[1i64 << 60, 1]), (1 << 60) + 1);
        assert_eq!(wrapping_sum(&[255u8, 1]), 256u64);
        assert_eq!(wrapping_sum(&[u64::MAX, 2]), 1u64);
        assert_eq!(wrapping_sum(&[-128i8; 3]), -384i64);
        assert_eq!(wrapping_sum(&[true, false, true]), 2i64);
        assert_eq!(wrapping_sum::<i32>(&[]), 0);
        assert_eq!(wrapping_prod(&[1i64 << 32, 1 << 32]), 0);
        assert_eq!(
            wrapping_prod(&[3i64 << 61, 3]),
            (3i64 << 61).wrapping_mul(3)
        );
        assert_eq!(wrapping_prod::<u16>(&[]), 1u64);
        assert_eq!(wrapping_prod(&[-2i16; 5]), -32i64);
    }

    #[test]
    fn extremes_tell_apart_what_f64_cannot() {
        // 2^53 + 1 and 2^53 are one double; the exact kernels see two values.
        let big = 1i64 << 53;
        let x = [big, big + 1, big];
        assert_eq!(max_exact(&x), Ok(big + 1));
        assert_eq!(argmax_exact(&x), Ok(1));
        assert_eq!(argmin_exact(&x), Ok(0));
        let y = [u64::MAX, u64::MAX - 1, u64::MAX];
        assert_eq!(min_exact(&y), Ok(u64::MAX - 1));
        assert_eq!(argmin_exact(&y), Ok(1));
        assert_eq!(
            max_exact::<i8>(&[]),
            Err(Error::EmptyReduction {
                function: "maximum"
            })
        );
        assert_eq!(
            argmin_exact::<u8>(&[]),
            Err(Error::EmptyReduction { function: "argmin" })
        );
    }

    proptest! {
        #[test]
        fn sums_and_products_equal_the_sequential_wrapping_loop(
            x in prop::collection::vec(any::<i64>(), 0..100),
            small in prop::collection::vec(any::<i8>(), 0..100),
            unsigned in prop::collection::vec(any::<u32>(), 0..100),
        ) {
            let seq = |x: &[i64]| x.iter().fold(0i64, |a, &v| a.wrapping_add(v));
            prop_assert_eq!(wrapping_sum(&x), seq(&x));
            let seq_prod = x.iter().fold(1i64, |a, &v| a.wrapping_mul(v));
            prop_assert_eq!(wrapping_prod(&x), seq_prod);
            // Narrow types widen first: an int8 sum does not wrap at 8 bits.
            let wide: Vec<i64> = small.iter().map(|&v| i64::from(v)).collect();
            prop_assert_eq!(wrapping_sum(&small), seq(&wide));
            let total: u64 = unsigned.iter().map(|&v| u64::from(v)).sum();
            prop_assert_eq!(wrapping_sum(&unsigned), total);
        }

        #[test]
        fn extremes_and_positions_equal_the_obvious_scan(x in prop::collection::vec(-3i64..3, 1..60),
                                                          offset in any::<i64>()) {
            // Few distinct values (many ties), shifted anywhere in the range.
            let x: Vec<i64> = x.iter().map(|&v| v.wrapping_add(offset)).collect();
            let max = *x.iter().max().unwrap();
            let min = *x.iter().min().unwrap();
            prop_assert_eq!(max_exact(&x), Ok(max));
            prop_assert_eq!(min_exact(&x), Ok(min));
            prop_assert_eq!(argmax_exact(&x), Ok(x.iter().position(|&v| v == max).unwrap()));
            prop_assert_eq!(argmin_exact(&x), Ok(x.iter().position(|&v| v == min).unwrap()));
        }
    }
}
