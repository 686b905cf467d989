//! numpy's random streams, bit for bit: `np.random.default_rng(seed)` is a PCG64 generator
//! seeded through a SeedSequence, and each of its methods turns raw 64-bit outputs into values
//! by a fixed recipe. Reproducing the generator, the seeding and every recipe exactly (written
//! here from their published descriptions) is what lets a program seeded in the browser give
//! the very numbers it gives under numpy.
//!
//! Everything is plain integer and IEEE arithmetic plus the `libm` crate (the same bits on
//! every target), so a stream is identical on every platform and backend.

pub mod bounded;
pub mod continuous;
pub mod discrete;
mod double_double;
pub mod pcg64;
pub mod permutation;
pub mod seed_sequence;
mod ziggurat;

pub use pcg64::Pcg64;
pub use seed_sequence::SeedSequence;
