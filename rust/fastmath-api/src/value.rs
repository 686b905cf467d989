//! An argument as a binding found it: the one vocabulary both bindings translate Python values
//! into. What each parameter accepts of these, and the errors for the rest, are in
//! [`crate::args`].

use crate::array::ArrayRef;
use crate::dtype::{ByteOrder, DType, promote};
use crate::element::Element;
use crate::error::InputError;

/// One argument value.
#[derive(Clone, Debug)]
pub enum Value<'a> {
    /// Python's `None`.
    None,
    Bool(bool),
    /// An int that fits int64.
    Int(i64),
    /// An int beyond int64: exact within 128 bits, else its value as a float (it may still
    /// serve as a number).
    BigInt(BigInt),
    /// A float, or anything with `__float__` (Fraction, numpy float scalars).
    Float(f64),
    Str(&'a str),
    /// An array: a buffer, or a (nested) list/tuple the binding converted.
    Array(ArrayRef<'a>),
    /// Something the binding could not read; the parameter words the error.
    Invalid(InputError),
}

impl Value<'_> {
    /// The Python type name for messages ("float", "str", "a 2-D array of shape (2, 3)").
    pub fn describe(&self) -> String {
        match self {
            Value::None => "None".to_owned(),
            Value::Bool(_) => "bool".to_owned(),
            Value::Int(_) | Value::BigInt(_) => "int".to_owned(),
            Value::Float(_) => "float".to_owned(),
            Value::Str(_) => "str".to_owned(),
            Value::Array(a) => a.describe(),
            Value::Invalid(_) => "an unreadable value".to_owned(),
        }
    }
}

/// A Python int beyond int64 ([`Value::BigInt`]). Exact when it fits 128 bits, which covers
/// every bound of every integer dtype (uint64's `2**64` included), so that integer parameters
/// (`Generator.integers`' bounds) read it exactly; beyond that only its value as a float is
/// known (an int too large even for a float is [`InputError::IntTooLarge`]).
///
/// Held as two 64-bit words, not an `i128`, so that it does not raise [`Value`]'s alignment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BigInt(Wide);

#[derive(Clone, Copy, Debug, PartialEq)]
enum Wide {
    /// The high (signed) and low 64 bits of the value.
    Exact(i64, u64),
    /// Beyond 128 bits: the value rounded to a float.
    Approx(f64),
}

impl BigInt {
    /// The int `v` (which a binding makes a [`Value::Int`] when it fits int64).
    pub const fn exact(v: i128) -> Self {
        BigInt(Wide::Exact((v >> 64) as i64, v as u64))
    }

    /// An int beyond 128 bits, by its value rounded to a float.
    pub const fn approx(v: f64) -> Self {
        BigInt(Wide::Approx(v))
    }

    /// The value, when it fits 128 bits.
    pub const fn to_i128(self) -> Option<i128> {
        match self.0 {
            Wide::Exact(high, low) => Some(((high as i128) << 64) | low as i128),
            Wide::Approx(_) => None,
        }
    }

    /// The value as a float, rounded to nearest as Python's `float(int)` rounds it.
    pub fn to_f64(self) -> f64 {
        match self.0 {
            Wide::Exact(high, low) => (((high as i128) << 64) | low as i128) as f64,
            Wide::Approx(v) => v,
        }
    }

    /// Whether it is below zero.
    pub fn is_negative(self) -> bool {
        match self.0 {
            Wide::Exact(high, _) => high < 0,
            Wide::Approx(v) => v < 0.0,
        }
    }
}

impl std::fmt::Display for BigInt {
    /// Its decimal digits (exact within 128 bits; beyond, those of its float).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.to_i128() {
            Some(v) => write!(f, "{v}"),
            None => write!(f, "{:.0}", self.to_f64()),
        }
    }
}

/// A numeric argument: a single number or an array of numbers.
#[derive(Clone, Copy, Debug)]
pub enum Operand<'a> {
    Number(f64),
    Array(ArrayRef<'a>),
}

/// The kinds of Python number that numpy's array coercion tells apart in a list, each with the
/// dtype it discovers for it (`numpy.asarray([...])`): the one rule both bindings read lists by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListNumber {
    Bool,
    /// An int that fits int64.
    Int,
    /// An int beyond int64 that fits uint64 (numpy 2 discovers uint64 for it; one beyond
    /// uint64 would make an object array, which fastmath refuses with OverflowError).
    UInt,
    /// A float, or any other real number (read through `__float__`).
    Float,
    /// A Python `complex` (numpy discovers complex128 for it).
    Complex,
}

impl ListNumber {
    /// Every kind, in the order of the bits of [`list_dtype_of_kinds`]'s mask.
    pub const ALL: [ListNumber; 5] = [
        ListNumber::Bool,
        ListNumber::Int,
        ListNumber::UInt,
        ListNumber::Float,
        ListNumber::Complex,
    ];

    /// The dtype numpy discovers for one number of this kind.
    pub const fn dtype(self) -> DType {
        match self {
            ListNumber::Bool => DType::Bool,
            ListNumber::Int => DType::I64,
            ListNumber::UInt => DType::U64,
            ListNumber::Float => DType::F64,
            ListNumber::Complex => DType::C128,
        }
    }
}

/// The dtype of a list holding numbers of the kinds whose bits (in [`ListNumber::ALL`]'s order)
/// `mask` sets: numpy's promotion of their discovered dtypes, float64 for an empty list. For a
/// binding that finds the kinds itself (the universal one, in Python) and asks this once.
pub fn list_dtype_of_kinds(mask: u8) -> DType {
    ListNumber::ALL
        .iter()
        .enumerate()
        .filter(|&(bit, _)| (mask >> bit) & 1 != 0)
        .map(|(_, kind)| kind.dtype())
        .reduce(promote)
        .unwrap_or(DType::F64)
}

/// How a list's elements are held while it is read: each in 64 bits, as the widest type of
/// its dtype's family, so that a later element of a wider dtype converts what came before once
/// (not each element twice). Complex elements take two words (real and imaginary float64).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Storage {
    Int,
    UInt,
    Float,
    Complex,
}

fn storage(dtype: DType) -> Storage {
    if dtype.is_complex() {
        Storage::Complex
    } else if dtype.is_float() {
        Storage::Float
    } else if dtype == DType::U64 {
        Storage::UInt
    } else {
        Storage::Int
    }
}

/// The elements of a (nested) list, in C order, as a binding reads them one by one: their dtype
/// is numpy's (the promotion of every element's discovered dtype: [`ListNumber::dtype`] for a
/// Python number, its own dtype for an array or numpy scalar found among the items; float64 for
/// no element at all). float16 arrays among the items count as float32, the dtype fastmath
/// computes float16 in.
#[derive(Debug, Default)]
pub struct ListElements {
    /// The dtype so far (`None` before the first element).
    dtype: Option<DType>,
    words: Vec<u64>,
}

impl ListElements {
    /// Room for `count` elements; `TooLarge` when it cannot be allocated.
    pub fn with_capacity(count: usize) -> Result<Self, InputError> {
        let mut words = Vec::new();
        words
            .try_reserve_exact(count)
            .map_err(|_| InputError::TooLarge)?;
        Ok(Self { dtype: None, words })
    }

    /// The number of elements read so far.
    pub fn len(&self) -> usize {
        match self.dtype.map(storage) {
            Some(Storage::Complex) => self.words.len() / 2,
            _ => self.words.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Makes room for elements of `dtype`: promotes the list's dtype and converts the elements
    /// held so far when their storage changes. Returns the storage to push in.
    fn meet(&mut self, dtype: DType) -> Storage {
        // float16 counts as float32, and complex (from numpy complex64 scalars) as complex128:
        // the dtypes fastmath computes them in.
        let dtype = match dtype {
            DType::F16 => DType::F32,
            DType::C64 => DType::C128,
            d => d,
        };
        let Some(old) = self.dtype else {
            self.dtype = Some(dtype);
            return storage(dtype);
        };
        if old == dtype {
            return storage(dtype);
        }
        let new = promote(old, dtype);
        self.dtype = Some(new);
        let (from, to) = (storage(old), storage(new));
        if to == Storage::Complex && from != Storage::Complex {
            // Each real element becomes (value, 0): two words.
            let mut pairs = Vec::new();
            if pairs
                .try_reserve_exact(self.words.len().saturating_mul(2))
                .is_ok()
            {
                for &w in &self.words {
                    let re = match from {
                        Storage::Int => w as i64 as f64,
                        Storage::UInt => w as f64,
                        _ => f64::from_bits(w),
                    };
                    pairs.extend([re.to_bits(), 0f64.to_bits()]);
                }
            }
            // A failed reservation leaves too few words: the list's length check refuses it.
            self.words = pairs;
            return to;
        }
        if from != to {
            // Int to UInt only happens from bool and unsigned dtypes (promotion with a signed
            // one gives float64): their values are non-negative, the same bits either way.
            for w in &mut self.words {
                *w = match (from, to) {
                    (Storage::Int, Storage::Float) => (*w as i64 as f64).to_bits(),
                    (Storage::UInt, Storage::Float) => (*w as f64).to_bits(),
                    _ => *w,
                };
            }
        }
        to
    }

    /// Appends a Python number of `kind`, its value as the binding read it (`bits`: the i64's
    /// or u64's bits, or the f64's).
    fn push(&mut self, kind: ListNumber, bits: u64) {
        let storage = match self.dtype {
            // The common case first: another element of the list's own dtype.
            Some(d) if d == kind.dtype() => storage(d),
            _ => self.meet(kind.dtype()),
        };
        let word = match (kind, storage) {
            (ListNumber::Float, _) | (_, Storage::Int | Storage::UInt) => bits,
            (ListNumber::UInt, Storage::Float | Storage::Complex) => (bits as f64).to_bits(),
            (_, Storage::Float | Storage::Complex) => (bits as i64 as f64).to_bits(),
        };
        self.words.push(word);
        if storage == Storage::Complex {
            self.words.push(0f64.to_bits());
        }
    }

    /// Appends a Python `complex`.
    pub fn push_complex(&mut self, re: f64, im: f64) {
        if self.dtype != Some(DType::C128) {
            self.meet(DType::C128);
        }
        self.words.extend([re.to_bits(), im.to_bits()]);
    }

    pub fn push_bool(&mut self, b: bool) {
        self.push(ListNumber::Bool, u64::from(b));
    }

    pub fn push_int(&mut self, v: i64) {
        self.push(ListNumber::Int, v as u64);
    }

    /// An int beyond int64 (one within it is [`ListElements::push_int`]'s).
    pub fn push_uint(&mut self, v: u64) {
        match i64::try_from(v) {
            Ok(small) => self.push_int(small),
            Err(_) => self.push(ListNumber::UInt, v),
        }
    }

    pub fn push_float(&mut self, v: f64) {
        self.push(ListNumber::Float, v.to_bits());
    }

    /// Appends every element of an array found among the items (a numpy scalar is a 0-D one).
    pub fn push_array(&mut self, array: &ArrayRef<'_>) -> Result<(), InputError> {
        let storage = self.meet(array.dtype());
        let converted: Vec<u64> = match storage {
            Storage::Float => array
                .data::<f64>()
                .map_err(|_| InputError::TooLarge)?
                .iter()
                .map(|v| v.to_bits())
                .collect(),
            Storage::UInt => array
                .data::<u64>()
                .map_err(|_| InputError::TooLarge)?
                .into_owned(),
            Storage::Int => array
                .data::<i64>()
                .map_err(|_| InputError::TooLarge)?
                .iter()
                .map(|&v| v as u64)
                .collect(),
            Storage::Complex => array
                .complex_data()
                .map_err(|_| InputError::TooLarge)?
                .iter()
                .flat_map(|c| [c.re.to_bits(), c.im.to_bits()])
                .collect(),
        };
        self.words
            .try_reserve(converted.len())
            .map_err(|_| InputError::TooLarge)?;
        self.words.extend_from_slice(&converted);
        Ok(())
    }

    /// The elements as an array of `shape` (whose element count the caller checked is
    /// [`ListElements::len`]); `TooLarge` when the narrower copy cannot be allocated.
    pub fn finish(self, shape: Vec<usize>) -> Result<ListArray, InputError> {
        let dtype = self.dtype.unwrap_or(DType::F64);
        let words = if dtype.is_complex() {
            // Held as complex128 pairs already (`meet` widens complex64).
            self.words
        } else {
            crate::with_dtype!(dtype, T => pack::<T>(self.words, storage(dtype)))?
        };
        Ok(ListArray {
            dtype,
            words,
            shape,
        })
    }
}

/// `words` (held as `from`) as elements of `T`, packed into 64-bit words (so any element type
/// is aligned); no copy when `T` is 64 bits wide.
fn pack<T: Element>(words: Vec<u64>, from: Storage) -> Result<Vec<u64>, InputError> {
    let size = std::mem::size_of::<T>();
    let Some(per_word) = 8usize.checked_div(size).filter(|&n| n > 1) else {
        return Ok(words);
    };
    // A whole number of words holding every element (`size` divides 8).
    let mut packed = Vec::new();
    let count = words.len().div_ceil(per_word);
    packed
        .try_reserve_exact(count)
        .map_err(|_| InputError::TooLarge)?;
    packed.resize(count, 0u64);
    let out: &mut [T] = bytemuck::cast_slice_mut(&mut packed);
    for (o, &w) in out.iter_mut().zip(&words) {
        *o = match from {
            Storage::Int => T::from_i64(w as i64),
            Storage::UInt => T::from_u64(w),
            Storage::Float | Storage::Complex => T::from_f64(f64::from_bits(w)),
        };
    }
    Ok(packed)
}

/// A list read into an array of its dtype ([`ListElements::finish`]).
#[derive(Debug)]
pub struct ListArray {
    dtype: DType,
    words: Vec<u64>,
    shape: Vec<usize>,
}

impl ListArray {
    pub fn dtype(&self) -> DType {
        self.dtype
    }

    /// The array, C-contiguous.
    pub fn array(&self) -> Result<ArrayRef<'_>, InputError> {
        ArrayRef::new(
            self.dtype,
            ByteOrder::Native,
            &self.shape,
            None,
            bytemuck::cast_slice(&self.words),
            0,
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn read(push: impl FnOnce(&mut ListElements)) -> (DType, Vec<f64>) {
        let mut list = ListElements::default();
        push(&mut list);
        let n = list.len();
        let list = list.finish(vec![n]).unwrap();
        let array = list.array().unwrap();
        (list.dtype(), array.to_f64().unwrap().into_owned())
    }

    #[test]
    fn lists_take_numpys_dtypes() {
        // np.asarray of each: bool, int64, float64, uint64, float64 (int64 and uint64 meet).
        assert_eq!(
            read(|l| {
                l.push_bool(true);
                l.push_bool(false);
            }),
            (DType::Bool, vec![1.0, 0.0])
        );
        assert_eq!(
            read(|l| {
                l.push_bool(true);
                l.push_int(-3);
            }),
            (DType::I64, vec![1.0, -3.0])
        );
        assert_eq!(
            read(|l| {
                l.push_int(2);
                l.push_bool(true);
                l.push_float(2.5);
            }),
            (DType::F64, vec![2.0, 1.0, 2.5])
        );
        assert_eq!(read(|l| l.push_uint(1 << 63)).0, DType::U64);
        assert_eq!(
            read(|l| {
                l.push_uint(1 << 63);
                l.push_int(-1);
            }),
            (DType::F64, vec![9.223372036854776e18, -1.0])
        );
        assert_eq!(read(|_| {}), (DType::F64, vec![]));
    }

    #[test]
    fn arrays_among_the_items_promote_with_their_own_dtype() {
        let values: [i32; 2] = [1, -2];
        let shape = [2];
        let a = ArrayRef::new(
            DType::I32,
            ByteOrder::Native,
            &shape,
            None,
            bytemuck::cast_slice(&values),
            0,
        )
        .unwrap();
        let mut list = ListElements::default();
        list.push_array(&a).unwrap();
        list.push_array(&a).unwrap();
        let list = list.finish(vec![2, 2]).unwrap();
        assert_eq!(list.dtype(), DType::I32);
        assert_eq!(
            &*list.array().unwrap().data::<i32>().unwrap(),
            &[1, -2, 1, -2]
        );
        // With a Python int (int64) they become int64, with a float float64.
        assert_eq!(
            read(|l| {
                l.push_array(&a).unwrap();
                l.push_int(5);
            }),
            (DType::I64, vec![1.0, -2.0, 5.0])
        );
        let halves: [f32; 1] = [0.5];
        let shape = [1];
        let f = ArrayRef::new(
            DType::F32,
            ByteOrder::Native,
            &shape,
            None,
            bytemuck::cast_slice(&halves),
            0,
        )
        .unwrap();
        assert_eq!(
            read(|l| {
                l.push_array(&f).unwrap();
                l.push_bool(true);
            }),
            (DType::F32, vec![0.5, 1.0])
        );
    }

    #[test]
    fn the_kinds_mask_follows_the_same_rule() {
        assert_eq!(list_dtype_of_kinds(0), DType::F64);
        assert_eq!(list_dtype_of_kinds(0b0001), DType::Bool);
        assert_eq!(list_dtype_of_kinds(0b0011), DType::I64);
        assert_eq!(list_dtype_of_kinds(0b0101), DType::U64);
        assert_eq!(list_dtype_of_kinds(0b0110), DType::F64);
        assert_eq!(list_dtype_of_kinds(0b1001), DType::F64);
        assert_eq!(list_dtype_of_kinds(0b11010), DType::C128);
    }

    #[test]
    fn complex_elements_make_a_complex128_list() {
        let mut list = ListElements::default();
        list.push_int(2);
        list.push_float(0.5);
        list.push_complex(1.0, -1.0);
        list.push_bool(true);
        assert_eq!(list.len(), 4);
        let list = list.finish(vec![4]).unwrap();
        assert_eq!(list.dtype(), DType::C128);
        let values = list.array().unwrap().complex_data().unwrap().into_owned();
        let pairs: Vec<(f64, f64)> = values.iter().map(|c| (c.re, c.im)).collect();
        assert_eq!(pairs, [(2.0, 0.0), (0.5, 0.0), (1.0, -1.0), (1.0, 0.0)]);
    }
}
