//! PCG64 (O'Neill's permuted congruential generator, 128-bit state, XSL-RR output), with
//! numpy's one extra: a 64-bit output split into two 32-bit ones, the second kept for the next
//! 32-bit request. That buffered half is part of the state, since which draws consume it decides
//! every later value of a numpy stream.

use super::seed_sequence::SeedSequence;

/// The 128-bit LCG multiplier of PCG's reference implementation.
const MULTIPLIER: u128 = 0x2360_ED05_1FC6_5DA4_4385_DF64_9FCC_F645;

/// Words in [`Pcg64::to_words`]: state (high, low), increment (high, low), whether a 32-bit half
/// is buffered, and that half.
pub const STATE_WORDS: usize = 6;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pcg64 {
    state: u128,
    increment: u128,
    has_uint32: bool,
    uinteger: u32,
}

impl Pcg64 {
    /// PCG's `srandom`: the stream selector made odd, then two steps around adding the seed.
    pub fn new(seed: u128, stream: u128) -> Self {
        let mut g = Pcg64 {
            state: 0,
            increment: (stream << 1) | 1,
            has_uint32: false,
            uinteger: 0,
        };
        g.step();
        g.state = g.state.wrapping_add(seed);
        g.step();
        g
    }

    /// numpy's `PCG64(SeedSequence(...))`: four 64-bit words of the sequence's state, the first
    /// two (high word first) the seed, the last two the stream.
    pub fn from_seed_sequence(seq: &SeedSequence) -> Self {
        let w = seq.generate_state_u64::<4>();
        let join = |hi: u64, lo: u64| (u128::from(hi) << 64) | u128::from(lo);
        Pcg64::new(join(w[0], w[1]), join(w[2], w[3]))
    }

    /// The state as plain words, for bindings that keep it between calls.
    pub fn to_words(&self) -> [u64; STATE_WORDS] {
        [
            (self.state >> 64) as u64,
            self.state as u64,
            (self.increment >> 64) as u64,
            self.increment as u64,
            u64::from(self.has_uint32),
            u64::from(self.uinteger),
        ]
    }

    /// The inverse of [`Pcg64::to_words`]; an even increment (impossible from `to_words`) is
    /// made odd so that any words give a valid generator.
    pub fn from_words(w: &[u64; STATE_WORDS]) -> Self {
        let join = |hi: u64, lo: u64| (u128::from(hi) << 64) | u128::from(lo);
        Pcg64 {
            state: join(w[0], w[1]),
            increment: join(w[2], w[3]) | 1,
            has_uint32: w[4] != 0,
            uinteger: w[5] as u32,
        }
    }

    #[inline(always)]
    fn step(&mut self) {
        self.state = self
            .state
            .wrapping_mul(MULTIPLIER)
            .wrapping_add(self.increment);
    }

    /// Advance, then XSL-RR: the two halves xored, rotated by the state's top six bits.
    #[inline(always)]
    pub fn next_u64(&mut self) -> u64 {
        self.step();
        let folded = ((self.state >> 64) as u64) ^ (self.state as u64);
        folded.rotate_right((self.state >> 122) as u32)
    }

    /// The low half of a fresh 64-bit output, or the high half left over from the last one.
    #[inline(always)]
    pub fn next_u32(&mut self) -> u32 {
        if self.has_uint32 {
            self.has_uint32 = false;
            return self.uinteger;
        }
        let next = self.next_u64();
        self.has_uint32 = true;
        self.uinteger = (next >> 32) as u32;
        next as u32
    }

    /// A double in [0, 1) from the top 53 bits of one output.
    #[inline(always)]
    pub fn next_double(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_and_keep_the_buffered_half() {
        let mut g = Pcg64::from_seed_sequence(&SeedSequence::from_u64(5));
        g.next_u32();
        let copy = Pcg64::from_words(&g.to_words());
        assert_eq!(copy, g);
        let (mut a, mut b) = (g.clone(), copy);
        for _ in 0..9 {
            assert_eq!(a.next_u32(), b.next_u32());
        }
    }

    #[test]
    fn numpy_raw_outputs() {
        // np.random.PCG64(12345).random_raw(3) and PCG64(0).random_raw(2)
        let mut g = Pcg64::from_seed_sequence(&SeedSequence::from_u64(12345));
        let got: Vec<u64> = (0..3).map(|_| g.next_u64()).collect();
        assert_eq!(got, RAW_12345);
        let mut g = Pcg64::from_seed_sequence(&SeedSequence::from_u64(0));
        let got: Vec<u64> = (0..2).map(|_| g.next_u64()).collect();
        assert_eq!(got, RAW_0);
    }

    include!("test_vectors.rs");
}
