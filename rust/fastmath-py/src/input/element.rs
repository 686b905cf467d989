//! Buffer element formats (struct-module codes) fastmath reads, and reading one as f64.

use std::ffi::{CStr, c_void};

use pyo3::buffer::ElementType;

/// A buffer element type fastmath converts to f64, with its byte order.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Element {
    F64,
    Swapped(Kind),
    Native(Kind),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
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

pub fn element_kind(format: &CStr) -> Option<Element> {
    let swapped =
        cfg!(target_endian = "little") && matches!(format.to_bytes().first(), Some(b'>' | b'!'));
    let kind = match ElementType::from_format(format) {
        ElementType::Bool => Kind::Bool,
        ElementType::SignedInteger { bytes: 1 } => Kind::I8,
        ElementType::SignedInteger { bytes: 2 } => Kind::I16,
        ElementType::SignedInteger { bytes: 4 } => Kind::I32,
        ElementType::SignedInteger { bytes: 8 } => Kind::I64,
        ElementType::UnsignedInteger { bytes: 1 } => Kind::U8,
        ElementType::UnsignedInteger { bytes: 2 } => Kind::U16,
        ElementType::UnsignedInteger { bytes: 4 } => Kind::U32,
        ElementType::UnsignedInteger { bytes: 8 } => Kind::U64,
        ElementType::Float { bytes: 2 } => Kind::F16,
        ElementType::Float { bytes: 4 } => Kind::F32,
        ElementType::Float { bytes: 8 } => Kind::F64,
        _ => return None,
    };
    Some(match (kind, swapped) {
        (Kind::F64, false) => Element::F64,
        (kind, false) => Element::Native(kind),
        (kind, true) => Element::Swapped(kind),
    })
}

impl Element {
    /// Bytes per element, to check against the exporter's itemsize.
    pub fn width(self) -> usize {
        match self {
            Element::F64 => 8,
            Element::Native(k) | Element::Swapped(k) => match k {
                Kind::Bool | Kind::I8 | Kind::U8 => 1,
                Kind::I16 | Kind::U16 | Kind::F16 => 2,
                Kind::I32 | Kind::U32 | Kind::F32 => 4,
                Kind::I64 | Kind::U64 | Kind::F64 => 8,
            },
        }
    }

    /// Reads one element at `ptr` (any alignment) as f64.
    ///
    /// # Safety
    /// `ptr` must address a readable element of this type.
    pub unsafe fn read(self, ptr: *const c_void) -> f64 {
        let (kind, swap) = match self {
            Element::F64 => (Kind::F64, false),
            Element::Native(k) => (k, false),
            Element::Swapped(k) => (k, true),
        };
        macro_rules! get {
            ($t:ty) => {{
                // SAFETY: guaranteed by the caller.
                let raw = unsafe { (ptr as *const $t).read_unaligned() };
                if swap { raw.swap_bytes() } else { raw }
            }};
        }
        match kind {
            Kind::Bool => f64::from(u8::from(get!(u8) != 0)),
            Kind::I8 => f64::from(get!(i8)),
            Kind::U8 => f64::from(get!(u8)),
            Kind::I16 => f64::from(get!(i16)),
            Kind::U16 => f64::from(get!(u16)),
            Kind::I32 => f64::from(get!(i32)),
            Kind::U32 => f64::from(get!(u32)),
            Kind::I64 => get!(i64) as f64,
            Kind::U64 => get!(u64) as f64,
            Kind::F16 => f16_to_f64(get!(u16)),
            Kind::F32 => f64::from(f32::from_bits(get!(u32))),
            Kind::F64 => f64::from_bits(get!(u64)),
        }
    }
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
        e => (1.0 + mantissa / 1024.0) * 2f64.powi(e - 15),
    }
}

#[cfg(test)]
mod tests {
    use super::f16_to_f64;

    #[test]
    fn half_floats_convert_exactly() {
        assert_eq!(f16_to_f64(0x3c00), 1.0);
        assert_eq!(f16_to_f64(0xc000), -2.0);
        assert_eq!(f16_to_f64(0x7bff), 65504.0);
        assert_eq!(f16_to_f64(0x0001), 2f64.powi(-24));
        assert_eq!(f16_to_f64(0x7c00), f64::INFINITY);
        assert!(f16_to_f64(0x7e00).is_nan());
    }
}
