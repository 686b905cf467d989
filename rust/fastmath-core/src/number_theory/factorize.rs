//! Prime factors of a 64-bit integer: trial division by small primes, then Pollard's rho
//! (Brent's variant, with products of 128 steps between gcds) on what remains, each factor
//! tested by the deterministic Miller-Rabin of [`super::primality`]. Numbers up to 2**63 factor
//! in milliseconds even when they are products of two 31-bit primes, the hard case for rho.

use super::divisors::gcd;
use super::primality::{is_prime, mul_mod};

/// Trial divisors: every odd number below this (cheap, and it strips all small factors so rho
/// only sees numbers whose factors are large).
const TRIAL: u64 = 1 << 10;

/// The prime factors of `n` with multiplicity, ascending; none for 1 (and for 0, which the
/// caller refuses).
pub fn factorize(mut n: u64) -> Vec<u64> {
    let mut factors = Vec::new();
    if n < 2 {
        return factors;
    }
    let twos = n.trailing_zeros();
    factors.extend(std::iter::repeat_n(2, twos as usize));
    n >>= twos;
    let mut d = 3;
    while d < TRIAL && d * d <= n {
        while n.is_multiple_of(d) {
            factors.push(d);
            n /= d;
        }
        d += 2;
    }
    let mut pending = Vec::new();
    if n > 1 {
        pending.push(n);
    }
    while let Some(m) = pending.pop() {
        if is_prime(m) || m < TRIAL * TRIAL {
            // Below TRIAL**2 with no factor below TRIAL: prime.
            factors.push(m);
            continue;
        }
        let f = rho(m);
        pending.push(f);
        pending.push(m / f);
    }
    factors.sort_unstable();
    factors
}

/// A nontrivial factor of the odd composite `n` (Pollard-Brent; a new constant `c` after a
/// failed cycle). Terminates: for some `c` below `n` the walk finds a factor.
fn rho(n: u64) -> u64 {
    const M: u64 = 128;
    for c in 1..n {
        // x*x + c mod n, the sum in 128 bits (it can pass 2**64 for n near it).
        let f = |x: u64| ((u128::from(mul_mod(x, x, n)) + u128::from(c)) % u128::from(n)) as u64;
        let (mut x, mut y, mut ys) = (2u64, 2u64, 2u64);
        let mut g = 1u64;
        let mut q = 1u64;
        let mut r = 1u64;
        while g == 1 {
            x = y;
            for _ in 0..r {
                y = f(y);
            }
            let mut k = 0;
            while k < r && g == 1 {
                ys = y;
                for _ in 0..M.min(r - k) {
                    y = f(y);
                    q = mul_mod(q, x.abs_diff(y), n);
                }
                g = gcd(q, n);
                k += M;
            }
            r *= 2;
        }
        if g == n {
            // The batch overshot: step one at a time from its start.
            loop {
                ys = f(ys);
                g = gcd(x.abs_diff(ys), n);
                if g > 1 {
                    break;
                }
            }
        }
        if g != n {
            return g;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_multiply_back_and_are_prime() {
        assert!(factorize(1).is_empty());
        assert_eq!(factorize(2), [2]);
        assert_eq!(factorize(360), [2, 2, 2, 3, 3, 5]);
        let cases = [
            (1u64 << 63) - 1,
            (1 << 63) - 25,
            4_611_686_014_132_420_609, // (2**31 - 1)**2
            2_147_483_647 * 2_147_483_629,
            999_999_999_989 * 9_999_991,
            3_825_123_056_546_413_051,
            1 << 62,
            600_851_475_143,
        ];
        for n in cases.into_iter().chain(1..3000) {
            let f = factorize(n);
            assert_eq!(f.iter().product::<u64>(), n, "{n}");
            assert!(f.iter().all(|&p| is_prime(p)), "{n}: {f:?}");
            assert!(f.windows(2).all(|w| w[0] <= w[1]), "{n}: {f:?}");
        }
        assert_eq!(
            factorize(4_611_686_014_132_420_609),
            [2_147_483_647, 2_147_483_647]
        );
    }
}
