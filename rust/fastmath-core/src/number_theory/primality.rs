//! Whether a 64-bit integer is prime: trial division by the primes below 64, then Miller-Rabin
//! with the seven bases Jim Sinclair found, which together admit no composite below 2**64
//! (so the test is deterministic, not probabilistic).

/// `a * b mod m`, through a 128-bit product.
#[inline]
pub(crate) fn mul_mod(a: u64, b: u64, m: u64) -> u64 {
    ((u128::from(a) * u128::from(b)) % u128::from(m)) as u64
}

/// `base ** exp mod m` (`m > 1`).
pub(crate) fn pow_mod(base: u64, mut exp: u64, m: u64) -> u64 {
    let mut result = 1u64;
    let mut b = base % m;
    while exp > 0 {
        if exp & 1 == 1 {
            result = mul_mod(result, b, m);
        }
        b = mul_mod(b, b, m);
        exp >>= 1;
    }
    result
}

/// The primes below 64: trial divisors before Miller-Rabin.
const SMALL: [u64; 18] = [
    2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61,
];

/// The Miller-Rabin bases that are a deterministic test for every n < 2**64.
const BASES: [u64; 7] = [2, 325, 9375, 28178, 450775, 9780504, 1795265022];

/// Whether `n` is prime.
pub fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    for p in SMALL {
        if n.is_multiple_of(p) {
            return n == p;
        }
    }
    if n < 61 * 61 {
        return true;
    }
    // n - 1 = d * 2**s with d odd.
    let s = (n - 1).trailing_zeros();
    let d = (n - 1) >> s;
    'bases: for base in BASES {
        let a = base % n;
        if a == 0 {
            continue;
        }
        let mut x = pow_mod(a, d, n);
        if x == 1 || x == n - 1 {
            continue;
        }
        for _ in 1..s {
            x = mul_mod(x, x, n);
            if x == n - 1 {
                continue 'bases;
            }
        }
        return false;
    }
    true
}

/// Whether `n` is prime; false for every n < 2 (negative ones included).
pub fn is_prime_i64(n: i64) -> bool {
    u64::try_from(n).is_ok_and(is_prime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_trial_division_and_knows_hard_cases() {
        let naive = |n: u64| {
            n >= 2
                && (2..)
                    .take_while(|d| d * d <= n)
                    .all(|d| !n.is_multiple_of(d))
        };
        for n in 0..20_000u64 {
            assert_eq!(is_prime(n), naive(n), "{n}");
        }
        // Strong pseudoprimes to several small bases; Carmichael numbers.
        for n in [
            3_215_031_751u64,
            2_152_302_898_747,
            3_474_749_660_383,
            341_550_071_728_321,
            3_825_123_056_546_413_051,
            561,
            41_041,
            825_265,
        ] {
            assert!(!is_prime(n), "{n}");
        }
        assert!(is_prime((1 << 61) - 1));
        assert!(is_prime(18_446_744_073_709_551_557)); // the largest prime below 2**64
        assert!(!is_prime(u64::MAX));
        assert!(is_prime_i64(i64::MAX - 24)); // 2**63 - 25 is prime
        assert!(!is_prime_i64(-7) && !is_prime_i64(i64::MIN));
    }
}
