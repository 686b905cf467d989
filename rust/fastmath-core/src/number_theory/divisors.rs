//! `gcd` and `lcm` of magnitudes, the way numpy computes them in an integer dtype: the caller
//! casts the magnitude back to the dtype, which wraps as numpy's arithmetic does (numpy's
//! `gcd(int64.min, 0)` is `int64.min`, `lcm(int8(100), int8(3))` is 44).

/// The greatest common divisor of `|a|` and `|b|` (Stein's binary algorithm: shifts and
/// subtractions, no division, which wasm32 makes slow for 64 bits); `gcd(0, 0) = 0`.
pub fn gcd(a: u64, b: u64) -> u64 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    let shift = (a | b).trailing_zeros();
    let mut a = a >> a.trailing_zeros();
    let mut b = b;
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

/// The least common multiple of `|a|` and `|b|` modulo 2**64 (`|a| / gcd * |b|`, wrapping as
/// numpy's does in its dtype); 0 when either is 0.
pub fn lcm(a: u64, b: u64) -> u64 {
    let g = gcd(a, b);
    if g == 0 {
        return 0;
    }
    (a / g).wrapping_mul(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_values_and_zeros() {
        assert_eq!(gcd(12, 18), 6);
        assert_eq!(gcd(0, 7), 7);
        assert_eq!(gcd(7, 0), 7);
        assert_eq!(gcd(0, 0), 0);
        assert_eq!(gcd(1 << 63, 0), 1 << 63);
        assert_eq!(gcd(1 << 40, 3 << 20), 1 << 20);
        assert_eq!(lcm(4, 6), 12);
        assert_eq!(lcm(0, 6), 0);
        assert_eq!(lcm(100, 3) as u8, 44);
    }

    #[test]
    fn gcd_times_lcm_is_the_product() {
        for a in 0u64..60 {
            for b in 0u64..60 {
                assert_eq!(gcd(a, b) * lcm(a, b), a * b, "{a} {b}");
                let g = gcd(a, b);
                assert!(g == 0 || (a % g == 0 && b % g == 0));
            }
        }
    }
}
