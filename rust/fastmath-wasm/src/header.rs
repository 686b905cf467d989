//! The call descriptor: how the host describes a call's arguments to the module, and how the
//! module describes the result back, as f64 words.
//!
//! Python (`fastmath/_wasm/_convert.py`) writes the argument header into a persistent
//! `array('d')`; the runtime (`runtime.js`) copies it, and the bytes of every array argument,
//! into the scratch region ([`crate::region`]) and fills in where it put each array. Words are
//! f64 so that floats cross bit for bit (`-0.0`, NaN payloads) and integers up to 2**53 exactly.
//! Strings (keyword names, `side="left"`, the type names of unreadable arguments) cross as one
//! JavaScript string, cut into pieces by the code-point lengths the header lists.
//!
//! Argument header, in words:
//!
//! | word | meaning |
//! |---|---|
//! | 0 | `H`, the header's length in words |
//! | 1 | streaming mode: 0 whole, 1 map, 2 fold (read by the runtime, see `runtime.js`) |
//! | 2 | elements per streamed array (streaming modes) |
//! | 3, 4 | byte address and size in Pyodide's memory of a preallocated array result, or 0 |
//! | 5 | 1 when the host can return numpy arrays |
//! | 6, 7 | `P` positional and `K` keyword arguments |
//! | 8, 9 | `T` text pieces and `A` array arguments |
//! | 10.. | `P` argument entries, then `K` times (name piece, argument entry) |
//! | `H - T - A`.. | `T` piece lengths (code points), then the word offset of each array entry |
//!
//! (The lengths and offsets come last so that Python writes the header in one pass.)
//!
//! An argument entry is its kind ([`kind`]) and, by kind: BOOL/FLOAT/BIGINT/INT a value, INT64
//! two (high and low 32 bits), INT128 four (32 bits each, highest first; an int beyond int64
//! that fits 128 bits, which crosses exactly: BIGINT, its float, is for wider ones), STR a piece, INVALID an [`fastmath_api::InputError`] (code, two
//! numbers, a piece), ARRAY ten words and the shape (and byte strides when it has any):
//! `[ARRAY, dtype code or -1, format piece or -1, itemsize, ndim, has strides, source address,
//! span in bytes, byte offset of element 0 in the span, scratch byte offset of the span]`.
//! The runtime reads words 6, 7 and 9 of array entries (and, when streaming, rewrites 7 and the
//! length); nothing else of the header.
//!
//! Result words (written by [`write_result`]): `[count, ...]` then one tree of FLOAT `[1, v]`,
//! INT `[2, high, low]`, ARRAY `[3, dtype code, ndim, byte address, shape...]`, TUPLE
//! `[4, n, items...]`, SCALAR `[5, dtype code, value...]`, PLAIN (an unnamed tuple)
//! `[6, n, items...]`.

use std::cell::RefCell;
use std::ops::Range;

use fastmath_api::{ArrayRef, BigInt, ByteOrder, DType, InputError, Ret, Scalar, Value};

use crate::errors::{Failure, internal};
use crate::region::Arena;

/// Argument kinds.
pub mod kind {
    pub const NONE: u32 = 0;
    pub const BOOL: u32 = 1;
    pub const INT: u32 = 2;
    pub const INT64: u32 = 3;
    pub const BIGINT: u32 = 4;
    pub const FLOAT: u32 = 5;
    pub const STR: u32 = 6;
    pub const ARRAY: u32 = 7;
    pub const INVALID: u32 = 8;
    pub const INT128: u32 = 9;
}

/// Result kinds.
pub mod ret {
    pub const FLOAT: f64 = 1.0;
    pub const INT: f64 = 2.0;
    pub const ARRAY: f64 = 3.0;
    pub const TUPLE: f64 = 4.0;
    /// A number of another dtype than float64/int64, always four words: this, the dtype's
    /// code, then its value (a float and a 0, or an integer as two 32-bit halves, the high one
    /// signed for signed dtypes).
    pub const SCALAR: f64 = 5.0;
    /// A plain tuple (`Ret::Plain`, never named): as TUPLE, `[6, count]` then its items.
    pub const PLAIN: f64 = 6.0;
}

/// Words of the fixed part of the header.
pub const FIXED: usize = 10;

/// An argument as decoded. Shapes and strides are ranges of [`Request::dims`] and
/// [`Request::strides`], which the `Value`s borrow.
#[derive(Debug)]
enum Entry {
    None,
    Bool(bool),
    Int(i64),
    BigInt(BigInt),
    Float(f64),
    Str(usize),
    Array {
        /// The dtype, or the piece holding its buffer format and the item size.
        dtype: Result<(DType, ByteOrder), (usize, usize)>,
        shape: Range<usize>,
        strides: Option<Range<usize>>,
        span: usize,
        first: usize,
        at: usize,
    },
    Invalid {
        code: usize,
        a: usize,
        b: usize,
        piece: Option<usize>,
    },
}

/// A call's arguments as fastmath-api takes them: positional, then (name, value) keywords.
pub type Arguments<'a> = (Vec<Value<'a>>, Vec<(&'a str, Value<'a>)>);

/// A decoded argument header. One is kept for every call ([`with_request`]): its vectors keep
/// their capacity, so decoding allocates nothing once they have grown.
#[derive(Debug, Default)]
pub struct Request {
    pub numpy: bool,
    piece_lengths: Vec<usize>,
    /// The positional entries, then the keyword entries.
    entries: Vec<Entry>,
    positional: usize,
    /// The name piece of each keyword entry.
    names: Vec<usize>,
    dims: Vec<usize>,
    strides: Vec<isize>,
}

thread_local! {
    static REQUEST: RefCell<Request> = RefCell::new(Request::default());
}

/// Runs `f` on the request kept between calls (its contents are the last call's).
pub(crate) fn with_request<R>(f: impl FnOnce(&mut Request) -> R) -> R {
    REQUEST.with(|r| f(&mut r.borrow_mut()))
}

/// The largest integer a word holds exactly (2**53).
const EXACT: f64 = 9_007_199_254_740_992.0;

/// Reads the header's words in order, refusing anything out of range.
struct Reader<'w> {
    words: &'w [u64],
    at: usize,
}

impl Reader<'_> {
    fn float(&mut self) -> Result<f64, Failure> {
        let w = self
            .words
            .get(self.at)
            .ok_or_else(|| internal("header too short"))?;
        self.at = self.at.saturating_add(1);
        Ok(f64::from_bits(*w))
    }

    /// A count, size or offset: a non-negative integral word that fits a `usize` (32 bits on
    /// wasm32).
    fn size(&mut self) -> Result<usize, Failure> {
        let v = self.float()?;
        if v >= 0.0 && v.fract() == 0.0 && v <= EXACT {
            usize::try_from(v as u64).map_err(|_| internal("size out of range"))
        } else {
            Err(internal(format!("expected a size, got {v}")))
        }
    }

    /// A size, or `None` for -1.
    fn opt_size(&mut self) -> Result<Option<usize>, Failure> {
        if self.words.get(self.at).map(|w| f64::from_bits(*w)) == Some(-1.0) {
            self.at = self.at.saturating_add(1);
            return Ok(None);
        }
        self.size().map(Some)
    }

    /// A signed integer of at most 53 bits.
    fn int(&mut self) -> Result<i64, Failure> {
        let v = self.float()?;
        if v.fract() == 0.0 && v.abs() <= EXACT {
            Ok(v as i64)
        } else {
            Err(internal(format!("expected an integer, got {v}")))
        }
    }
}

impl Request {
    /// Decodes the argument header at the start of `words` (the scratch region) into `self`.
    pub fn parse(&mut self, words: &[u64]) -> Result<(), Failure> {
        let mut r = Reader { words, at: 0 };
        let length = r.size()?;
        r.words = words
            .get(..length)
            .filter(|_| length >= FIXED)
            .ok_or_else(|| internal("header length"))?;
        let _mode = r.size()?;
        let _streamed = r.size()?;
        let (_out, _out_bytes) = (r.float()?, r.size()?);
        self.numpy = r.size()? != 0;
        let (p, k, t, a) = (r.size()?, r.size()?, r.size()?, r.size()?);
        if p.saturating_add(k) > 64 || t > 4096 {
            return Err(internal("too many arguments"));
        }
        // The tail: piece lengths, then the runtime's index of array entries.
        let entries_end = t
            .checked_add(a)
            .and_then(|tail| length.checked_sub(tail))
            .filter(|&end| end >= FIXED)
            .ok_or_else(|| internal("header length"))?;
        let mut tail = Reader {
            words: r.words,
            at: entries_end,
        };
        self.piece_lengths.clear();
        for _ in 0..t {
            self.piece_lengths.push(tail.size()?);
        }
        self.entries.clear();
        self.names.clear();
        self.dims.clear();
        self.strides.clear();
        self.positional = p;
        for _ in 0..p {
            let entry = self.entry(&mut r)?;
            self.entries.push(entry);
        }
        for _ in 0..k {
            self.names.push(r.size()?);
            let entry = self.entry(&mut r)?;
            self.entries.push(entry);
        }
        if r.at != entries_end {
            return Err(internal("header length does not match its entries"));
        }
        Ok(())
    }

    fn entry(&mut self, r: &mut Reader<'_>) -> Result<Entry, Failure> {
        let kind = r.size()?;
        Ok(match u32::try_from(kind).unwrap_or(u32::MAX) {
            kind::NONE => Entry::None,
            kind::BOOL => Entry::Bool(r.float()? != 0.0),
            kind::INT => Entry::Int(r.int()?),
            kind::INT64 => {
                let (high, low) = (r.int()?, r.size()?);
                let low = u32::try_from(low).map_err(|_| internal("low word"))?;
                let high = i32::try_from(high).map_err(|_| internal("high word"))?;
                Entry::Int((i64::from(high) << 32) | i64::from(low))
            }
            kind::INT128 => {
                let high = r.int()?;
                let high = i32::try_from(high).map_err(|_| internal("high word"))?;
                let mut v = i128::from(high);
                for _ in 0..3 {
                    let word = u32::try_from(r.size()?).map_err(|_| internal("word"))?;
                    v = (v << 32) | i128::from(word);
                }
                Entry::BigInt(BigInt::exact(v))
            }
            kind::BIGINT => Entry::BigInt(BigInt::approx(r.float()?)),
            kind::FLOAT => Entry::Float(r.float()?),
            kind::STR => Entry::Str(r.size()?),
            kind::ARRAY => {
                let code = r.opt_size()?;
                let format = r.opt_size()?;
                let itemsize = r.size()?;
                let ndim = r.size()?;
                let has_strides = r.size()? != 0;
                let _source = r.float()?;
                let (span, first, at) = (r.size()?, r.size()?, r.size()?);
                if ndim > 64 {
                    return Err(internal("too many dimensions"));
                }
                let start = self.dims.len();
                for _ in 0..ndim {
                    self.dims.push(r.size()?);
                }
                let shape = start..self.dims.len();
                let strides = if has_strides {
                    let start = self.strides.len();
                    for _ in 0..ndim {
                        let stride = r.int()?;
                        let stride = isize::try_from(stride).map_err(|_| internal("stride"))?;
                        self.strides.push(stride);
                    }
                    Some(start..self.strides.len())
                } else {
                    None
                };
                let dtype = match (code, format) {
                    (Some(code), _) => {
                        let code = u8::try_from(code).map_err(|_| internal("dtype code"))?;
                        let dtype = DType::from_code(code).ok_or_else(|| internal("dtype"))?;
                        Ok((dtype, ByteOrder::Native))
                    }
                    (None, Some(piece)) => Err((piece, itemsize)),
                    (None, None) => return Err(internal("array without a dtype")),
                };
                Entry::Array {
                    dtype,
                    shape,
                    strides,
                    span,
                    first,
                    at,
                }
            }
            kind::INVALID => Entry::Invalid {
                code: r.size()?,
                a: r.size()?,
                b: r.size()?,
                piece: r.opt_size()?,
            },
            other => return Err(internal(format!("unknown argument kind {other}"))),
        })
    }

    /// Cuts `text` into the header's pieces (lengths in code points, as Python counts them).
    pub fn pieces<'t>(&self, text: &'t str) -> Result<Vec<&'t str>, Failure> {
        let mut pieces = Vec::with_capacity(self.piece_lengths.len());
        let mut rest = text;
        for &n in &self.piece_lengths {
            let end = match rest.char_indices().nth(n) {
                Some((i, _)) => i,
                None if rest.chars().count() == n => rest.len(),
                None => return Err(internal("text shorter than its pieces")),
            };
            let (piece, after) = rest
                .split_at_checked(end)
                .ok_or_else(|| internal("piece"))?;
            pieces.push(piece);
            rest = after;
        }
        Ok(pieces)
    }

    /// The arguments as fastmath-api values, arrays borrowed from `bytes` (the scratch
    /// region). What cannot be read becomes `Value::Invalid`, worded by the parameter.
    pub fn values<'a>(
        &'a self,
        bytes: &'a [u8],
        pieces: &[&'a str],
    ) -> Result<Arguments<'a>, Failure> {
        let (positional, keywords) = self
            .entries
            .split_at_checked(self.positional)
            .ok_or_else(|| internal("entries"))?;
        let value = |e| self.value(e, bytes, pieces);
        let positional = positional.iter().map(value).collect::<Result<_, _>>()?;
        let keywords = self
            .names
            .iter()
            .zip(keywords)
            .map(|(name, e)| Ok((piece(pieces, *name)?, value(e)?)))
            .collect::<Result<_, Failure>>()?;
        Ok((positional, keywords))
    }

    fn value<'a>(
        &'a self,
        entry: &'a Entry,
        bytes: &'a [u8],
        pieces: &[&'a str],
    ) -> Result<Value<'a>, Failure> {
        Ok(match entry {
            Entry::None => Value::None,
            Entry::Bool(b) => Value::Bool(*b),
            Entry::Int(v) => Value::Int(*v),
            Entry::BigInt(v) => Value::BigInt(*v),
            Entry::Float(v) => Value::Float(*v),
            Entry::Str(n) => Value::Str(piece(pieces, *n)?),
            Entry::Invalid {
                code,
                a,
                b,
                piece: p,
            } => {
                let text = match p {
                    Some(n) => piece(pieces, *n)?.to_owned(),
                    None => String::new(),
                };
                Value::Invalid(input_error(*code, *a, *b, text)?)
            }
            Entry::Array {
                dtype,
                shape,
                strides,
                span,
                first,
                at,
            } => {
                let data = at
                    .checked_add(*span)
                    .and_then(|end| bytes.get(*at..end))
                    .ok_or_else(|| internal("array outside the scratch region"))?;
                let dtype = match dtype {
                    Ok(d) => Some(*d),
                    Err((n, itemsize)) => {
                        let format = piece(pieces, *n)?;
                        let found = DType::from_format(format.as_bytes(), *itemsize);
                        if found.is_none() {
                            let format = format.to_owned();
                            return Ok(Value::Invalid(InputError::Format { format }));
                        }
                        found
                    }
                };
                let (dtype, order) = dtype.ok_or_else(|| internal("dtype"))?;
                let shape = self
                    .dims
                    .get(shape.clone())
                    .ok_or_else(|| internal("shape"))?;
                let strides = match strides {
                    Some(range) => Some(
                        self.strides
                            .get(range.clone())
                            .ok_or_else(|| internal("strides"))?,
                    ),
                    None => None,
                };
                match ArrayRef::new(dtype, order, shape, strides, data, *first) {
                    Ok(a) => Value::Array(a),
                    Err(err) => Value::Invalid(err),
                }
            }
        })
    }
}

fn piece<'a>(pieces: &[&'a str], n: usize) -> Result<&'a str, Failure> {
    pieces
        .get(n)
        .copied()
        .ok_or_else(|| internal("piece index"))
}

/// The [`InputError`] with code `code` (the order of its variants), for what Python could not
/// read: `a`, `b` its numbers, `text` its string.
fn input_error(code: usize, a: usize, b: usize, text: String) -> Result<InputError, Failure> {
    Ok(match code {
        0 => InputError::Type { type_name: text },
        1 => InputError::Complex,
        2 => InputError::Text { type_name: text },
        3 => InputError::IntTooLarge,
        4 => InputError::Format { format: text },
        5 => InputError::Buffer { reason: text },
        6 => InputError::Indirect,
        7 => InputError::Layout,
        8 => InputError::TooLarge,
        9 => InputError::TooManyDims { ndim: a },
        10 => InputError::TooDeep,
        11 => InputError::Ragged { depth: a, index: b },
        12 => InputError::Element {
            index: a,
            type_name: text,
        },
        13 => InputError::ElementTooLarge { index: a },
        14 => InputError::Sequence { reason: text },
        _ => return Err(internal(format!("unknown input error code {code}"))),
    })
}

/// Writes `ret` as result words into `words` (cleared first), with the addresses of its arrays
/// in the arena.
pub(crate) fn write_result(ret: &Ret, arena: &Arena, words: &mut Vec<f64>) -> Result<(), Failure> {
    words.clear();
    words.push(0.0);
    write_node(ret, arena, words)?;
    let count = words.len().saturating_sub(1);
    if let Some(first) = words.first_mut() {
        *first = count as f64;
    }
    Ok(())
}

/// One node of the result tree, depth first (results nest at most a tuple of arrays deep).
fn write_node(node: &Ret, arena: &Arena, words: &mut Vec<f64>) -> Result<(), Failure> {
    match node {
        Ret::Float(v) => words.extend([ret::FLOAT, *v]),
        Ret::Int(v) => words.extend([ret::INT, (*v >> 32) as f64, (*v & 0xffff_ffff) as f64]),
        Ret::Scalar(dtype, value) => {
            words.extend([ret::SCALAR, f64::from(dtype.code())]);
            match *value {
                Scalar::Float(v) => words.extend([v, 0.0]),
                Scalar::Bool(b) => words.extend([0.0, f64::from(u8::from(b))]),
                Scalar::Int(v) => words.extend([(v >> 32) as f64, (v & 0xffff_ffff) as f64]),
                Scalar::UInt(v) => words.extend([(v >> 32) as f64, (v & 0xffff_ffff) as f64]),
            }
        }
        Ret::Array(n) => {
            let array = arena
                .arrays
                .get(*n)
                .ok_or_else(|| internal("result array"))?;
            let address = arena.address(*n).ok_or_else(|| internal("result array"))?;
            words.extend([
                ret::ARRAY,
                f64::from(array.dtype.code()),
                array.ndim() as f64,
                address as f64,
            ]);
            words.extend(arena.shape(array).iter().map(|&d| d as f64));
        }
        Ret::Tuple(items) | Ret::Plain(items) => {
            let kind = if matches!(node, Ret::Plain(_)) {
                ret::PLAIN
            } else {
                ret::TUPLE
            };
            words.extend([kind, items.len() as f64]);
            for item in items {
                write_node(item, arena, words)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    use super::*;

    fn parse(words: &[u64]) -> Result<Request, Failure> {
        let mut request = Request::default();
        request.parse(words).map(|()| request)
    }

    fn words(values: &[f64]) -> Vec<u64> {
        values.iter().map(|v| v.to_bits()).collect()
    }

    /// A header: the fixed words (length filled in), the entries, then the tail.
    fn header(fixed: [f64; 10], entries: &[f64], tail: &[f64]) -> Vec<u64> {
        let mut h = fixed.to_vec();
        h.extend(entries);
        h.extend(tail);
        h[0] = h.len() as f64;
        words(&h)
    }

    #[test]
    fn decodes_numbers_strings_and_keywords() {
        // f(2.5, -0.0, axis=None, side="left"): pieces "axis", "side", "left".
        let fixed = [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 2.0, 3.0, 0.0];
        let entries = [5.0, 2.5, 5.0, -0.0, 0.0, 0.0, 1.0, 6.0, 2.0];
        let request = parse(&header(fixed, &entries, &[4.0, 4.0, 4.0])).unwrap();
        let pieces = request.pieces("axissideleft").unwrap();
        let (pos, kw) = request.values(&[], &pieces).unwrap();
        assert!(matches!(pos[1], Value::Float(v) if v.to_bits() == (-0.0f64).to_bits()));
        assert_eq!(kw[0].0, "axis");
        assert!(matches!(kw[0].1, Value::None));
        assert!(matches!(kw[1], ("side", Value::Str("left"))));
        assert!(request.numpy);
    }

    #[test]
    fn ints_beyond_int64_cross_exactly_within_128_bits() {
        // f(2**64 - 1, 2**64 + 1, -(2**63) - 1, 1e300 as BIGINT), as _convert.py writes them.
        let fixed = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 4.0, 0.0, 0.0, 0.0];
        let m = f64::from(u32::MAX);
        let entries = [
            [9.0, 0.0, 0.0, m, m],
            [9.0, 0.0, 1.0, 0.0, 1.0],
            [9.0, -1.0, m, 0x7fff_ffff_u32.into(), m],
        ]
        .concat();
        let request = parse(&header(fixed, &[&entries[..], &[4.0, 1e300]].concat(), &[])).unwrap();
        let (pos, _) = request.values(&[], &[]).unwrap();
        let exact: Vec<Option<i128>> = pos
            .iter()
            .map(|v| match v {
                Value::BigInt(b) => b.to_i128(),
                other => panic!("{other:?}"),
            })
            .collect();
        let two64 = 1i128 << 64;
        assert_eq!(
            exact,
            [
                Some(two64 - 1),
                Some(two64 + 1),
                Some(-(1i128 << 63) - 1),
                None
            ]
        );
        assert!(matches!(pos[3], Value::BigInt(b) if b.to_f64() == 1e300));
    }

    #[test]
    fn decodes_arrays_in_place_with_strides_and_formats() {
        let data: Vec<f64> = (0..6).map(f64::from).collect();
        let bytes: &[u8] = bytemuck::cast_slice(&data);
        // A (2, 3) float64 array with its rows reversed, and a ">d" 1-D array via its format.
        let fixed = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 0.0, 1.0, 2.0];
        let mut entries = vec![7.0, 11.0, -1.0, 8.0, 2.0, 1.0, 0.0, 48.0, 24.0, 0.0];
        entries.extend([2.0, 3.0, -24.0, 8.0]);
        let second = 10.0 + entries.len() as f64;
        entries.extend([7.0, -1.0, 0.0, 8.0, 1.0, 0.0, 0.0, 8.0, 0.0, 40.0, 1.0]);
        let request = parse(&header(fixed, &entries, &[2.0, 10.0, second])).unwrap();
        let pieces = request.pieces(">d").unwrap();
        let (pos, _) = request.values(bytes, &pieces).unwrap();
        let Value::Array(a) = pos[0] else { panic!() };
        assert_eq!(&*a.to_f64().unwrap(), &[3.0, 4.0, 5.0, 0.0, 1.0, 2.0]);
        let Value::Array(b) = pos[1] else { panic!() };
        assert_eq!(
            b.to_f64().unwrap()[0],
            f64::from_be_bytes(5f64.to_ne_bytes())
        );
    }

    #[test]
    fn unreadable_arguments_become_input_errors() {
        let fixed = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 0.0, 2.0, 0.0];
        // An element that is not a number, and a ragged nested list.
        let entries = [8.0, 12.0, 4.0, 0.0, 0.0, 8.0, 11.0, 1.0, 7.0, -1.0];
        let request = parse(&header(fixed, &entries, &[3.0, 1.0])).unwrap();
        let pieces = request.pieces("strw").unwrap();
        let (pos, _) = request.values(&[], &pieces).unwrap();
        assert!(
            matches!(&pos[0], Value::Invalid(InputError::Element { index: 4, type_name }) if type_name == "str")
        );
        assert!(matches!(
            pos[1],
            Value::Invalid(InputError::Ragged { depth: 1, index: 7 })
        ));
    }

    #[test]
    fn malformed_headers_are_internal_errors_not_panics() {
        let one = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0];
        for h in [
            words(&[]),
            words(&[3.0]),
            header(one, &[9.0], &[]),
            header(one, &[6.0, 3.0], &[]),
            header(
                [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 5.0, 0.0],
                &[5.0, 1.0],
                &[],
            ),
        ] {
            let failed = match parse(&h) {
                Err(_) => true,
                Ok(r) => r.values(&[], &[]).is_err(),
            };
            assert!(failed, "{h:?}");
        }
        // An array entry pointing past the region.
        let fixed = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0];
        let entries = [7.0, 11.0, -1.0, 8.0, 1.0, 0.0, 0.0, 800.0, 0.0, 0.0, 100.0];
        let request = parse(&header(fixed, &entries, &[10.0])).unwrap();
        assert!(request.values(&[0; 16], &[]).is_err());
    }
}
