//! numpy's `SeedSequence` (after O'Neill's `seed_seq` design): entropy of any length is hashed
//! into a pool of four 32-bit words so that nearby seeds (0, 1, 2...) give unrelated generator
//! states, then the pool is stretched into as many words as the generator needs. Only the parts
//! `default_rng(int)` uses are here: no spawn keys and the default pool size.

const POOL_SIZE: usize = 4;
const INIT_A: u32 = 0x43b0_d7e5;
const MULT_A: u32 = 0x931e_8875;
const INIT_B: u32 = 0x8b51_f9dd;
const MULT_B: u32 = 0x58f3_8ded;
const MIX_MULT_L: u32 = 0xca01_f9dd;
const MIX_MULT_R: u32 = 0x4973_f715;
const XSHIFT: u32 = 16;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedSequence {
    pool: [u32; POOL_SIZE],
}

/// Each word hashed with a multiplier that advances on every use, so equal words at different
/// positions hash differently.
struct Hasher(u32);

impl Hasher {
    fn hash(&mut self, value: u32) -> u32 {
        let mut v = value ^ self.0;
        self.0 = self.0.wrapping_mul(MULT_A);
        v = v.wrapping_mul(self.0);
        v ^ (v >> XSHIFT)
    }
}

fn mix(x: u32, y: u32) -> u32 {
    let r = MIX_MULT_L
        .wrapping_mul(x)
        .wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    r ^ (r >> XSHIFT)
}

impl SeedSequence {
    /// From entropy as 32-bit words, least significant first: how numpy splits a Python int
    /// (zero is one word 0).
    pub fn new(entropy: &[u32]) -> Self {
        let zero = [0u32];
        let entropy = if entropy.is_empty() {
            &zero[..]
        } else {
            entropy
        };
        let mut hasher = Hasher(INIT_A);
        let mut pool = [0u32; POOL_SIZE];
        for (i, slot) in pool.iter_mut().enumerate() {
            *slot = hasher.hash(entropy.get(i).copied().unwrap_or(0));
        }
        for src in 0..POOL_SIZE {
            for dst in 0..POOL_SIZE {
                if src != dst {
                    let h = hasher.hash(pool[src]);
                    pool[dst] = mix(pool[dst], h);
                }
            }
        }
        for &word in entropy.iter().skip(POOL_SIZE) {
            for slot in pool.iter_mut() {
                let h = hasher.hash(word);
                *slot = mix(*slot, h);
            }
        }
        SeedSequence { pool }
    }

    /// numpy's split of a non-negative integer seed into words.
    pub fn from_u64(seed: u64) -> Self {
        let (lo, hi) = (seed as u32, (seed >> 32) as u32);
        if hi == 0 {
            SeedSequence::new(&[lo])
        } else {
            SeedSequence::new(&[lo, hi])
        }
    }

    /// `generate_state(2 * N, uint32)` viewed as `N` little-endian 64-bit words, as numpy's
    /// `generate_state(N, uint64)` is.
    pub fn generate_state_u64<const N: usize>(&self) -> [u64; N] {
        let mut hash = INIT_B;
        let mut next = self.pool.iter().copied().cycle().map(|word| {
            let mut v = word ^ hash;
            hash = hash.wrapping_mul(MULT_B);
            v = v.wrapping_mul(hash);
            v ^ (v >> XSHIFT)
        });
        let mut out = [0u64; N];
        for w in out.iter_mut() {
            let lo = next.next().unwrap_or(0);
            let hi = next.next().unwrap_or(0);
            *w = u64::from(lo) | (u64::from(hi) << 32);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_generate_state() {
        // SeedSequence(s).generate_state(4, np.uint64) for s = 0, 2**40 + 7, and the 6 words
        // of 2**160 + 3.
        assert_eq!(SeedSequence::from_u64(0).generate_state_u64::<4>(), SS_0);
        assert_eq!(
            SeedSequence::from_u64((1 << 40) + 7).generate_state_u64::<4>(),
            SS_2_40_7
        );
        assert_eq!(
            SeedSequence::new(&[3, 0, 0, 0, 0, 1]).generate_state_u64::<4>(),
            SS_2_160_3
        );
    }

    include!("test_vectors_seed.rs");
}
