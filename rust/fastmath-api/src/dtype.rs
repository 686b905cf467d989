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
    /// Complex numbers: pairs of float32 / float64 (real, imaginary). Only functions that
    /// declare complex input read them ([`crate::Function::complex`]); every other parameter
    /// refuses them as it refuses a Python `complex`.
    C64,
    C128,
}

/// Every dtype, in the order of [`DType::code`].
const ALL: [DType; 14] = [
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
    DType::C64,
    DType::C128,
];

impl DType {
    /// The smallest and largest value of an integer dtype (bool: 0 and 1; any other dtype:
    /// int64's), where numpy 2 checks a Python int against the dtype it meets.
    pub fn int_range(self) -> (i128, i128) {
        match self {
            DType::Bool => (0, 1),
            DType::I8 => (i8::MIN.into(), i8::MAX.into()),
            DType::U8 => (0, u8::MAX.into()),
            DType::I16 => (i16::MIN.into(), i16::MAX.into()),
            DType::U16 => (0, u16::MAX.into()),
            DType::I32 => (i32::MIN.into(), i32::MAX.into()),
            DType::U32 => (0, u32::MAX.into()),
            DType::U64 => (0, u64::MAX.into()),
            _ => (i64::MIN.into(), i64::MAX.into()),
        }
    }

    /// Bytes per element.
    pub fn itemsize(self) -> usize {
        match self {
            DType::Bool | DType::I8 | DType::U8 => 1,
            DType::I16 | DType::U16 | DType::F16 => 2,
            DType::I32 | DType::U32 | DType::F32 => 4,
            DType::I64 | DType::U64 | DType::F64 | DType::C64 => 8,
            DType::C128 => 16,
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
            DType::C64 => "complex64",
            DType::C128 => "complex128",
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

    /// The buffer-protocol format of this dtype's native items (`"d"`, `"q"`, `"?"`): what a
    /// result's memoryview or array says it holds.
    pub fn format(self) -> &'static str {
        match self {
            DType::Bool => "?",
            DType::I8 => "b",
            DType::U8 => "B",
            DType::I16 => "h",
            DType::U16 => "H",
            DType::I32 => "i",
            DType::U32 => "I",
            DType::I64 => "q",
            DType::U64 => "Q",
            DType::F16 => "e",
            DType::F32 => "f",
            DType::F64 => "d",
            DType::C64 => "Zf",
            DType::C128 => "Zd",
        }
    }

    /// Whether values of this dtype are complex.
    pub fn is_complex(self) -> bool {
        matches!(self, DType::C64 | DType::C128)
    }

    /// Whether values of this dtype are floats.
    pub fn is_float(self) -> bool {
        matches!(self, DType::F16 | DType::F32 | DType::F64)
    }

    /// Whether values of this dtype are signed integers.
    pub fn is_signed_integer(self) -> bool {
        matches!(self, DType::I8 | DType::I16 | DType::I32 | DType::I64)
    }

    /// Every dtype, in the order of [`DType::code`].
    pub fn all() -> &'static [DType] {
        &ALL
    }

    /// Whether values of this dtype are integers (bool included).
    pub fn is_integer(self) -> bool {
        !self.is_float() && !self.is_complex()
    }

    /// The dtype and byte order of a buffer-protocol format string (`"<d"`, `"q"`, `"?"`, ...)
    /// whose exporter says each item is `itemsize` bytes, or `None` for a format fastmath does
    /// not read (complex, structs, objects, pointers). Integer codes take their width from
    /// `itemsize`, since `l` is 4 bytes on wasm32 and 8 on x86-64.
    pub fn from_format(format: &[u8], itemsize: usize) -> Option<(DType, ByteOrder)> {
        let (order, code) = match format {
            [prefix @ (b'@' | b'=' | b'<' | b'>' | b'!'), code @ ..] => (*prefix, code),
            code => (b'@', code),
        };
        let swapped = match order {
            b'<' => cfg!(target_endian = "big"),
            b'>' | b'!' => cfg!(target_endian = "little"),
            _ => false,
        };
        let dtype = match (code, itemsize) {
            (b"?", 1) => DType::Bool,
            ([b'b' | b'h' | b'i' | b'l' | b'q' | b'n'], size) => signed(size)?,
            ([b'B' | b'H' | b'I' | b'L' | b'Q' | b'N'], size) => unsigned(size)?,
            (b"c", 1) => DType::U8,
            (b"e", 2) => DType::F16,
            (b"f", 4) => DType::F32,
            (b"d", 8) => DType::F64,
            // numpy's complex: `Z` and the format of each part.
            (b"Zf", 8) => DType::C64,
            (b"Zd", 16) => DType::C128,
            _ => return None,
        };
        if swapped && dtype.is_complex() {
            // Each part would need its own swap: not read (numpy makes such arrays only on
            // request, `>c16`).
            return None;
        }
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
            ($t:ty) => {
                read_item::<$t>(bytes, order)?
            };
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
            // The real part (numpy's `astype` of complex to real, which warns).
            DType::C64 => f64::from(get!(f32)),
            DType::C128 => get!(f64),
        })
    }

    /// Reads one element as an exact integer, for integer-valued arguments (`axis`, `k`):
    /// `None` for a float dtype, an unsigned value beyond `i64` or too few bytes.
    pub fn read_i64(self, bytes: &[u8], order: ByteOrder) -> Option<i64> {
        if !self.is_integer() {
            return None;
        }
        if self == DType::U64 {
            return i64::try_from(read_item::<u64>(bytes, order)?).ok();
        }
        if self == DType::I64 {
            return read_item::<i64>(bytes, order);
        }
        // Every narrower integer is exact as f64.
        Some(self.read_f64(bytes, order)? as i64)
    }
}

/// numpy's result type of two array dtypes (`numpy.result_type`, NEP 50): the smallest dtype
/// that holds every value of both. Python numbers are weak and do not go through here: a
/// function applies them to its array's dtype itself.
pub fn promote(a: DType, b: DType) -> DType {
    if a == b || b == DType::Bool {
        return a;
    }
    if a == DType::Bool {
        return b;
    }
    if a.is_complex() || b.is_complex() {
        // complex64 holds what float32 holds (so 8- and 16-bit integers too), else complex128.
        let narrow = |d: DType| d == DType::C64 || promote_real_to_f32(d);
        return if narrow(a) && narrow(b) {
            DType::C64
        } else {
            DType::C128
        };
    }
    let wider = |x: DType, y: DType| if x.itemsize() >= y.itemsize() { x } else { y };
    match (a.is_float(), b.is_float()) {
        (true, true) => wider(a, b),
        (true, false) => wider(a, float_for(b)),
        (false, true) => wider(b, float_for(a)),
        (false, false) => match (a.is_signed_integer(), b.is_signed_integer()) {
            (true, true) | (false, false) => wider(a, b),
            (true, false) => mixed_integers(a, b),
            (false, true) => mixed_integers(b, a),
        },
    }
}

/// Whether float32 holds every value of real dtype `d` (numpy: float16/32 and 8/16-bit ints).
fn promote_real_to_f32(d: DType) -> bool {
    matches!(
        d,
        DType::Bool | DType::I8 | DType::U8 | DType::I16 | DType::U16 | DType::F16 | DType::F32
    )
}

/// The smallest float that holds every value of integer dtype `d` (numpy's choice: 8-bit
/// integers fit float16, 16-bit float32, wider ones float64).
fn float_for(d: DType) -> DType {
    match d.itemsize() {
        1 => DType::F16,
        2 => DType::F32,
        _ => DType::F64,
    }
}

/// A signed and an unsigned integer dtype: the signed one if it is wider, else a signed one of
/// twice the unsigned width (float64 beyond int64, as numpy).
fn mixed_integers(signed_dtype: DType, unsigned_dtype: DType) -> DType {
    if signed_dtype.itemsize() > unsigned_dtype.itemsize() {
        return signed_dtype;
    }
    match unsigned_dtype.itemsize() {
        1 => DType::I16,
        2 => DType::I32,
        4 => DType::I64,
        _ => DType::F64,
    }
}

/// One item of type `S` from the first bytes of `bytes` (any alignment), swapped into native
/// order when the array's is not; `None` when there are too few bytes.
pub fn read_item<S: bytemuck::Pod>(bytes: &[u8], order: ByteOrder) -> Option<S> {
    let size = std::mem::size_of::<S>();
    let mut raw = [0u8; 16];
    let item = raw.get_mut(..size)?;
    item.copy_from_slice(bytes.get(..size)?);
    if order == ByteOrder::Swapped {
        item.reverse();
    }
    Some(bytemuck::pod_read_unaligned(item))
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
        assert_eq!(
            DType::from_format(b"Zd", 16),
            Some((DType::C128, ByteOrder::Native))
        );
        assert_eq!(
            DType::from_format(b"<Zf", 8),
            Some((DType::C64, ByteOrder::Native))
        );
        assert_eq!(DType::from_format(b"Zd", 8), None);
        assert_eq!(DType::from_format(b"Zq", 16), None);
        assert_eq!(DType::from_format(b"d", 4), None);
        assert_eq!(DType::from_format(b"O", 8), None);
    }

    #[test]
    fn promotion_is_numpys() {
        use DType::*;
        let cases = [
            (I8, U8, I16),
            (I32, F32, F64),
            (I16, F32, F32),
            (U64, I64, F64),
            (U32, I32, I64),
            (U8, I32, I32),
            (Bool, I8, I8),
            (F32, Bool, F32),
            (F16, F32, F32),
            (U8, F16, F16),
            (I16, F16, F32),
            (I64, I64, I64),
            (U16, U64, U64),
            (C64, F32, C64),
            (C64, I16, C64),
            (C64, I32, C128),
            (C64, F64, C128),
            (C128, F32, C128),
            (Bool, C64, C64),
        ];
        for (a, b, want) in cases {
            assert_eq!(promote(a, b), want, "{a:?} {b:?}");
            assert_eq!(promote(b, a), want, "{b:?} {a:?}");
        }
    }

    #[test]
    fn formats_read_back_as_their_dtype() {
        for &d in DType::all() {
            assert_eq!(
                DType::from_format(d.format().as_bytes(), d.itemsize()),
                Some((d, ByteOrder::Native))
            );
        }
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
