//! Element types of array arguments, as the buffer protocol (PEP 3118 struct codes) and numpy
//! name them.
//!
//! Both bindings describe every array with a [`DType`]: the native one from a buffer's format
//! string, the universal one from a code its Python side writes. Reading elements of any dtype
//! lives here once, so both backends convert identically.

/// The element types fastmath reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DType {
    Bool,
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    I64,
    U64,
    F16,
    F32,
    F64,
}

/// Every dtype, in the order of [`DType::code`].
const ALL: [DType; 12] = [
    DType::Bool,
    DType::I8,
    DType::U8,
    DType::I16,
    DType::U16,
    DType::I32,
    DType::U32,
    DType::I64,
    DType::U64,
    DType::F16,
    DType::F32,
    DType::F64,
];

impl DType {
    /// Bytes per element.
    pub fn itemsize(self) -> usize {
        match self {
            DType::Bool | DType::I8 | DType::U8 => 1,
            DType::I16 | DType::U16 | DType::F16 => 2,
            DType::I32 | DType::U32 | DType::F32 => 4,
            DType::I64 | DType::U64 | DType::F64 => 8,
        }
    }

    /// numpy's name of the dtype.
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::I8 => "int8",
            DType::U8 => "uint8",
            DType::I16 => "int16",
            DType::U16 => "uint16",
            DType::I32 => "int32",
            DType::U32 => "uint32",
            DType::I64 => "int64",
            DType::U64 => "uint64",
            DType::F16 => "float16",
            DType::F32 => "float32",
            DType::F64 => "float64",
        }
    }

    /// A small number naming the dtype across the universal backend's boundary.
    pub fn code(self) -> u8 {
        ALL.iter().position(|&d| d == self).unwrap_or(0) as u8
    }

    /// The dtype of [`DType::code`], if `code` names one.
    pub fn from_code(code: u8) -> Option<DType> {
        ALL.get(usize::from(code)).copied()
    }

    /// Whether values of this dtype are integers (bool included).
    pub fn is_integer(self) -> bool {
        !matches!(self, DType::F16 | DType::F32 | DType::F64)
    }

    /// The dtype and byte order of a buffer-protocol format string (`"<d"`, `"q"`, `"?"`, ...)
    /// whose exporter says each item is `itemsize` bytes, or `None` for a format fastmath does
    /// not read (complex, structs, objects, pointers). Integer codes take their width from
    /// `itemsize`, since `l` is 4 bytes on wasm32 and 8 on x86-64.
    pub fn from_format(format: &[u8], itemsize: usize) -> Option<(DType, ByteOrder)> {
        let (order, code) = match format {
            [prefix @ (b'@' | b'=' | b'<' | b'>' | b'!'), code] => (*prefix, *code),
            [code] => (b'@', *code),
            _ => return None,
        };
        let swapped = match order {
            b'<' => cfg!(target_endian = "big"),
            b'>' | b'!' => cfg!(target_endian = "little"),
            _ => false,
        };
        let dtype = match (code, itemsize) {
            (b'?', 1) => DType::Bool,
            (b'b' | b'h' | b'i' | b'l' | b'q' | b'n', size) => signed(size)?,
            (b'B' | b'H' | b'I' | b'L' | b'Q' | b'N', size) => unsigned(size)?,
            (b'c', 1) => DType::U8,
            (b'e', 2) => DType::F16,
            (b'f', 4) => DType::F32,
            (b'd', 8) => DType::F64,
            _ => return None,
        };
        let order = if swapped && dtype.itemsize() > 1 {
            ByteOrder::Swapped
        } else {
            ByteOrder::Native
        };
        Some((dtype, order))
    }

    /// Reads one element from `bytes` (`itemsize` of them, any alignment) as f64; `None` when
    /// there are fewer. Integers beyond 2**53 round to the nearest double, as numpy's
    /// conversion does.
    pub fn read_f64(self, bytes: &[u8], order: ByteOrder) -> Option<f64> {
        macro_rules! get {
            ($t:ty) => {{
                let mut raw: [u8; std::mem::size_of::<$t>()] =
                    bytes.get(..std::mem::size_of::<$t>())?.try_into().ok()?;
                if order == ByteOrder::Swapped {
                    raw.reverse();
                }
                <$t>::from_ne_bytes(raw)
            }};
        }
        Some(match self {
            DType::Bool => f64::from(u8::from(get!(u8) != 0)),
            DType::I8 => f64::from(get!(i8)),
            DType::U8 => f64::from(get!(u8)),
            DType::I16 => f64::from(get!(i16)),
            DType::U16 => f64::from(get!(u16)),
            DType::I32 => f64::from(get!(i32)),
            DType::U32 => f64::from(get!(u32)),
            DType::I64 => get!(i64) as f64,
            DType::U64 => get!(u64) as f64,
            DType::F16 => f16_to_f64(get!(u16)),
            DType::F32 => f64::from(get!(f32)),
            DType::F64 => get!(f64),
        })
    }

    /// Reads one element as an exact integer, for integer-valued arguments (`axis`, `k`):
    /// `None` for a float dtype, an unsigned value beyond `i64` or too few bytes.
    pub fn read_i64(self, bytes: &[u8], order: ByteOrder) -> Option<i64> {
        if !self.is_integer() {
            return None;
        }
        if self == DType::U64 {
            let mut raw: [u8; 8] = bytes.get(..8)?.try_into().ok()?;
            if order == ByteOrder::Swapped {
                raw.reverse();
            }
            return i64::try_from(u64::from_ne_bytes(raw)).ok();
        }
        if self == DType::I64 {
            let mut raw: [u8; 8] = bytes.get(..8)?.try_into().ok()?;
            if order == ByteOrder::Swapped {
                raw.reverse();
            }
            return Some(i64::from_ne_bytes(raw));
        }
        // Every narrower integer is exact as f64.
        Some(self.read_f64(bytes, order)? as i64)
    }
}

fn signed(size: usize) -> Option<DType> {
    Some(match size {
        1 => DType::I8,
        2 => DType::I16,
        4 => DType::I32,
        8 => DType::I64,
        _ => return None,
    })
}

fn unsigned(size: usize) -> Option<DType> {
    Some(match size {
        1 => DType::U8,
        2 => DType::U16,
        4 => DType::U32,
        8 => DType::U64,
        _ => return None,
    })
}

/// Whether an array's bytes are in this machine's order or must be swapped when read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ByteOrder {
    Native,
    Swapped,
}

/// IEEE binary16 to f64, exactly (every half is representable as a double).
fn f16_to_f64(bits: u16) -> f64 {
    let sign = if bits & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exponent = i32::from((bits >> 10) & 0x1f);
    let mantissa = f64::from(bits & 0x3ff);
    sign * match exponent {
        0 => mantissa * 2f64.powi(-24),
        0x1f if mantissa == 0.0 => f64::INFINITY,
        0x1f => f64::NAN,
        // `e` is 1..=30 here: the subtraction cannot saturate.
        e => (1.0 + mantissa / 1024.0) * 2f64.powi(e.saturating_sub(15)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_floats_convert_exactly() {
        assert_eq!(f16_to_f64(0x3c00), 1.0);
        assert_eq!(f16_to_f64(0xc000), -2.0);
        assert_eq!(f16_to_f64(0x7bff), 65504.0);
        assert_eq!(f16_to_f64(0x0001), 2f64.powi(-24));
        assert_eq!(f16_to_f64(0x7c00), f64::INFINITY);
        assert!(f16_to_f64(0x7e00).is_nan());
    }

    #[test]
    fn formats_take_integer_widths_from_the_itemsize() {
        assert_eq!(
            DType::from_format(b"l", 4),
            Some((DType::I32, ByteOrder::Native))
        );
        assert_eq!(
            DType::from_format(b"l", 8),
            Some((DType::I64, ByteOrder::Native))
        );
        assert_eq!(
            DType::from_format(b"<d", 8),
            Some((DType::F64, ByteOrder::Native))
        );
        assert_eq!(
            DType::from_format(b">d", 8),
            Some((DType::F64, ByteOrder::Swapped))
        );
        assert_eq!(DType::from_format(b"Zd", 16), None);
        assert_eq!(DType::from_format(b"d", 4), None);
        assert_eq!(DType::from_format(b"O", 8), None);
    }

    #[test]
    fn codes_round_trip() {
        for d in ALL {
            assert_eq!(DType::from_code(d.code()), Some(d));
        }
        assert_eq!(DType::from_code(200), None);
    }

    #[test]
    fn swapped_reads() {
        let bytes = 1.5f64.to_be_bytes();
        let order = if cfg!(target_endian = "little") {
            ByteOrder::Swapped
        } else {
            ByteOrder::Native
        };
        assert_eq!(DType::F64.read_f64(&bytes, order), Some(1.5));
        assert_eq!(
            DType::U64.read_i64(&u64::MAX.to_ne_bytes(), ByteOrder::Native),
            None
        );
    }
}
