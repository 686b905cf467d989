//! The primes up to a bound: a segmented sieve of Eratosthenes over the odd numbers.
//!
//! One byte per odd number, a segment of [`SEGMENT`] bytes at a time (it stays in the L1/L2
//! cache, where a whole-range sieve of 10**7 would not), crossed off by the odd primes up to
//! `sqrt(n)`, each remembering where its next multiple lies.

/// Odd numbers per segment (one byte each): 128 KiB of numbers.
const SEGMENT: usize = 1 << 16;

/// An upper bound of the number of primes up to `n` (Dusart 2010: `pi(x) <= x / ln x *
/// (1 + 1.2762 / ln x)` for x > 1), for reserving room.
pub fn count_bound(n: u64) -> u64 {
    if n < 17 {
        return 6;
    }
    let x = n as f64;
    let l = x.ln();
    (x / l * (1.0 + 1.2762 / l)).ceil() as u64 + 1
}

/// The odd primes up to `limit` (small: the sieving primes), by a plain sieve.
fn odd_primes_to(limit: usize) -> Vec<usize> {
    let mut composite = vec![false; limit / 2 + 1];
    let mut primes = Vec::new();
    let mut i = 3;
    while i <= limit {
        if !composite[i / 2] {
            primes.push(i);
            let mut j = i * i;
            while j <= limit {
                composite[j / 2] = true;
                j += 2 * i;
            }
        }
        i += 2;
    }
    primes
}

/// Appends the primes `<= n`, ascending, to `out` (which the caller reserved: see
/// [`count_bound`]). `n` must fit the sieve's indices (the caller limits it far lower).
pub fn primes_into(n: u64, out: &mut Vec<i64>) {
    if n < 2 {
        return;
    }
    out.push(2);
    let Ok(n) = usize::try_from(n) else { return };
    let root = n.isqrt();
    let base = odd_primes_to(root);
    // Odd number 2i + 1 is index i; indices 1..=last are the odd numbers 3..=n.
    let last = (n - 1) / 2;
    // For each sieving prime, the index of its next odd multiple to cross off (from p*p).
    let mut next: Vec<usize> = base.iter().map(|&p| p * p / 2).collect();
    let mut segment = vec![0u8; SEGMENT];
    let mut lo = 1;
    while lo <= last {
        let hi = (lo + SEGMENT).min(last + 1);
        let seg = &mut segment[..hi - lo];
        seg.fill(0);
        for (&p, at) in base.iter().zip(next.iter_mut()) {
            let mut j = *at;
            while j < hi {
                seg[j - lo] = 1;
                j += p;
            }
            *at = j;
        }
        for (k, &c) in seg.iter().enumerate() {
            if c == 0 {
                out.push((2 * (lo + k) + 1) as i64);
            }
        }
        lo = hi;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number_theory::primality::is_prime;

    fn primes(n: u64) -> Vec<i64> {
        let mut v = Vec::new();
        primes_into(n, &mut v);
        v
    }

    #[test]
    fn agrees_with_the_primality_test_across_segments() {
        assert!(primes(0).is_empty() && primes(1).is_empty());
        assert_eq!(primes(2), [2]);
        assert_eq!(primes(3), [2, 3]);
        assert_eq!(primes(30), [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]);
        let n = 3 * SEGMENT as u64 + 12_345;
        let got = primes(n);
        let want: Vec<i64> = (0..=n).filter(|&k| is_prime(k)).map(|k| k as i64).collect();
        assert_eq!(got, want);
        assert!(got.len() as u64 <= count_bound(n));
        assert_eq!(primes(10_000_000).len(), 664_579);
        assert_eq!(primes(49), primes(47));
        assert_eq!(*primes(121).last().unwrap(), 113);
    }
}
