//! Number theory on 64-bit integers: greatest common divisors and least common multiples,
//! primality, the primes up to a bound, and factorization.

pub mod divisors;
pub mod factorize;
pub mod primality;
pub mod sieve;
