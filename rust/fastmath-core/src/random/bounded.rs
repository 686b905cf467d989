//! numpy's bounded integers (`Generator.integers`): Lemire's multiply-and-reject method on
//! 64-bit outputs for ranges wider than 32 bits, on 32-bit outputs otherwise; 8- and 16-bit
//! dtypes and bool carve several values out of each 32-bit output. The choice between these is
//! part of the stream, so it follows numpy's exactly:
//!
//! - a range of one value draws nothing;
//! - the full range of the dtype's width takes raw outputs (`next_u64`, `next_u32`, or one lane
//!   of a buffered 32-bit word);
//! - otherwise Lemire's method at the narrowest width that holds the range.
//!
//! `rng` is `high - low` (inclusive), `off` is `low`; results wrap modulo the width, which is
//! how signed dtypes are drawn through their unsigned counterparts.

use super::pcg64::Pcg64;

/// Lemire's method at 64 bits: the high half of `u * (rng + 1)`, rejecting the few `u` whose
/// low half falls below `2^64 mod (rng + 1)`.
#[inline]
fn lemire_u64(g: &mut Pcg64, rng: u64) -> u64 {
    let excl = rng.wrapping_add(1);
    let mut m = u128::from(g.next_u64()) * u128::from(excl);
    let mut leftover = m as u64;
    if leftover < excl {
        let threshold = (u64::MAX - rng) % excl;
        while leftover < threshold {
            m = u128::from(g.next_u64()) * u128::from(excl);
            leftover = m as u64;
        }
    }
    (m >> 64) as u64
}

#[inline]
fn lemire_u32(g: &mut Pcg64, rng: u32) -> u32 {
    let excl = rng.wrapping_add(1);
    let mut m = u64::from(g.next_u32()) * u64::from(excl);
    let mut leftover = m as u32;
    if leftover < excl {
        let threshold = (u32::MAX - rng) % excl;
        while leftover < threshold {
            m = u64::from(g.next_u32()) * u64::from(excl);
            leftover = m as u32;
        }
    }
    (m >> 32) as u32
}

/// 32-bit outputs cut into lanes of `BITS` bits, lowest first; a fresh word per fill call, as
/// numpy keeps its lane buffer per call (the generator's own 32-bit half is separate).
struct Lanes<const BITS: u32> {
    word: u32,
    left: u32,
}

impl<const BITS: u32> Lanes<BITS> {
    fn new() -> Self {
        Lanes { word: 0, left: 0 }
    }
    #[inline]
    fn next(&mut self, g: &mut Pcg64) -> u32 {
        if self.left == 0 {
            self.word = g.next_u32();
            self.left = 32 / BITS - 1;
        } else {
            self.word >>= BITS;
            self.left -= 1;
        }
        self.word
    }
}

/// Lemire's method on `BITS`-bit lanes (8 or 16).
#[inline]
fn lemire_lanes<const BITS: u32>(g: &mut Pcg64, lanes: &mut Lanes<BITS>, rng: u32) -> u32 {
    let mask = (1u32 << BITS) - 1;
    let excl = rng + 1;
    let mut m = (lanes.next(g) & mask) * excl;
    let mut leftover = m & mask;
    if leftover < excl {
        let threshold = (mask - rng) % excl;
        while leftover < threshold {
            m = (lanes.next(g) & mask) * excl;
            leftover = m & mask;
        }
    }
    m >> BITS
}

/// `integers` for 64-bit dtypes: values `off + [0, rng]` (wrapping).
pub fn fill_u64(g: &mut Pcg64, off: u64, rng: u64, out: &mut [u64]) {
    if rng == 0 {
        out.fill(off);
    } else if rng <= u64::from(u32::MAX) {
        if rng == u64::from(u32::MAX) {
            for o in out {
                *o = off.wrapping_add(u64::from(g.next_u32()));
            }
        } else {
            for o in out {
                *o = off.wrapping_add(u64::from(lemire_u32(g, rng as u32)));
            }
        }
    } else if rng == u64::MAX {
        for o in out {
            *o = off.wrapping_add(g.next_u64());
        }
    } else {
        for o in out {
            *o = off.wrapping_add(lemire_u64(g, rng));
        }
    }
}

/// `integers` for 32-bit dtypes.
pub fn fill_u32(g: &mut Pcg64, off: u32, rng: u32, out: &mut [u32]) {
    if rng == 0 {
        out.fill(off);
    } else if rng == u32::MAX {
        for o in out {
            *o = off.wrapping_add(g.next_u32());
        }
    } else {
        for o in out {
            *o = off.wrapping_add(lemire_u32(g, rng));
        }
    }
}

/// `integers` for 16-bit dtypes: two values per 32-bit output.
pub fn fill_u16(g: &mut Pcg64, off: u16, rng: u16, out: &mut [u16]) {
    let mut lanes = Lanes::<16>::new();
    if rng == 0 {
        out.fill(off);
    } else if rng == u16::MAX {
        for o in out {
            *o = off.wrapping_add(lanes.next(g) as u16);
        }
    } else {
        for o in out {
            *o = off.wrapping_add(lemire_lanes(g, &mut lanes, u32::from(rng)) as u16);
        }
    }
}

/// `integers` for 8-bit dtypes: four values per 32-bit output.
pub fn fill_u8(g: &mut Pcg64, off: u8, rng: u8, out: &mut [u8]) {
    let mut lanes = Lanes::<8>::new();
    if rng == 0 {
        out.fill(off);
    } else if rng == u8::MAX {
        for o in out {
            *o = off.wrapping_add(lanes.next(g) as u8);
        }
    } else {
        for o in out {
            *o = off.wrapping_add(lemire_lanes(g, &mut lanes, u32::from(rng)) as u8);
        }
    }
}

/// `integers` for bool: with a range of two values, one bit of a 32-bit output per value.
pub fn fill_bool(g: &mut Pcg64, off: bool, rng: bool, out: &mut [bool]) {
    if !rng {
        out.fill(off);
        return;
    }
    let mut lanes = Lanes::<1>::new();
    for o in out {
        *o = lanes.next(g) & 1 == 1;
    }
}

/// A value in `[0, max]` by masking to the smallest covering power of two and rejecting
/// (numpy's `random_interval`, which `shuffle` and `permutation` use): 32-bit outputs while
/// `max` fits in 32 bits.
pub fn interval(g: &mut Pcg64, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    let mask = u64::MAX >> max.leading_zeros();
    if max <= u64::from(u32::MAX) {
        loop {
            let v = u64::from(g.next_u32()) & mask;
            if v <= max {
                return v;
            }
        }
    }
    loop {
        let v = g.next_u64() & mask;
        if v <= max {
            return v;
        }
    }
}

/// One value in `[0, rng]` exactly as a one-element [`fill_u64`] (numpy's
/// `random_bounded_uint64`, which `choice` uses).
pub fn bounded_u64(g: &mut Pcg64, rng: u64) -> u64 {
    let mut one = [0u64];
    fill_u64(g, 0, rng, &mut one);
    one[0]
}

#[cfg(test)]
mod tests {
    use super::super::SeedSequence;
    use super::*;

    fn rng(seed: u64) -> Pcg64 {
        Pcg64::from_seed_sequence(&SeedSequence::from_u64(seed))
    }

    #[test]
    fn numpy_integers() {
        // default_rng(3): integers(-5, 1000, 6), integers(0, 2**40, 3), then
        // integers(0, 7, 9, dtype=uint8), integers(0, 2, 5, dtype=bool),
        // integers(-100, 100, 5, dtype=int16), integers(0, 2**32, 3, dtype=uint32) in turn.
        let mut g = rng(3);
        let mut a = [0u64; 6];
        fill_u64(&mut g, (-5i64) as u64, 1004, &mut a);
        assert_eq!(a.map(|v| v as i64), INT64_A);
        let mut b = [0u64; 3];
        fill_u64(&mut g, 0, (1 << 40) - 1, &mut b);
        assert_eq!(b, INT64_B);
        let mut c = [0u8; 9];
        fill_u8(&mut g, 0, 6, &mut c);
        assert_eq!(c, UINT8_C);
        let mut d = [false; 5];
        fill_bool(&mut g, false, true, &mut d);
        assert_eq!(d, BOOL_D);
        let mut e = [0u16; 5];
        fill_u16(&mut g, (-100i16) as u16, 199, &mut e);
        assert_eq!(e.map(|v| v as i16), INT16_E);
        let mut f = [0u32; 3];
        fill_u32(&mut g, 0, u32::MAX, &mut f);
        assert_eq!(f, UINT32_F);
    }

    #[test]
    fn interval_stays_in_range() {
        let mut g = rng(1);
        for max in [1u64, 2, 5, 1 << 31, u64::from(u32::MAX) + 3, u64::MAX / 3] {
            for _ in 0..200 {
                assert!(interval(&mut g, max) <= max);
            }
        }
    }

    include!("test_vectors_bounded.rs");
}
