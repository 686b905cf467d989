//! Most-significant-digit radix sort on 64-bit keys, the engine under `sort`, `argsort` and
//! `unique` for long inputs.
//!
//! Why MSD rather than the textbook LSD radix sort: LSD spends six full scatter passes over
//! 64-bit keys, and each scatter writes to 2048 places at once, a page each at 10^6 elements;
//! on virtual machines (and in wasm engines on them) those TLB misses made LSD slower than a
//! comparison sort. MSD scatters once by the leading digit that is not shared by all keys,
//! then again inside each bucket while it is large; buckets soon fit in cache and are
//! finished by a comparison sort there. Doubles mapped to integer keys have skewed leading
//! digits (sign and exponent), so a bucket may need a second or third digit: each level
//! costs one min/max read (bits shared by all its keys are skipped), one count and one
//! scatter of only that bucket.
//!
//! Items are generic: doubles carrying their key's bits for `sort`, keys with the index in their
//! low bits for `argsort`; either way an item is its key, so the order among equal keys does
//! not matter and the sort need not be stable.

/// Bits per digit: 2048 buckets split a 10^6-element input into cache-sized pieces in one or
/// two levels.
const DIGIT_BITS: u32 = 11;
const BUCKETS: usize = 1 << DIGIT_BITS;

/// Below this many items, a bucket is finished by the comparison sort: counting 2048 buckets
/// costs more than comparisons do on a piece this small.
pub const SMALL: usize = 1024;

/// Sorts `items` ascending by `key`, scattering by its digits from the most significant one
/// down; items with equal keys must be interchangeable (their order is unspecified). Allocates
/// one `items`-long buffer when `items` is at least [`SMALL`] long.
pub fn sort_by_key<T>(items: &mut [T], key: impl Fn(&T) -> u64 + Copy)
where
    T: Copy + Default,
{
    if items.len() < SMALL {
        items.sort_unstable_by_key(key);
        return;
    }
    let mut other = vec![T::default(); items.len()];
    level(items, &mut other, key, true);
}

/// Sorts `data`, using `other` (same length) as the scatter target. `home` says whether
/// `data` is the caller's slice; if not, the sorted result is copied into `other`, which then
/// is.
fn level<T>(data: &mut [T], other: &mut [T], key: impl Fn(&T) -> u64 + Copy, home: bool)
where
    T: Copy,
{
    // Leading digits shared by every item are skipped: the highest bit where the smallest and
    // largest keys differ is where this level's digit starts.
    let (mut lo, mut hi) = (u64::MAX, 0);
    for item in data.iter() {
        let k = key(item);
        lo = lo.min(k);
        hi = hi.max(k);
    }
    if lo == hi {
        // All keys equal: sorted already.
        if !home {
            other.copy_from_slice(data);
        }
        return;
    }
    let top = u64::BITS - (lo ^ hi).leading_zeros();
    let shift = top.saturating_sub(DIGIT_BITS);
    let mask = (1u64 << (top - shift)) - 1;
    let mut offsets = [0usize; BUCKETS];
    for item in data.iter() {
        offsets[((key(item) >> shift) & mask) as usize] += 1;
    }
    let mut sum = 0;
    for o in offsets.iter_mut() {
        let count = *o;
        *o = sum;
        sum += count;
    }
    let mut next = offsets;
    for item in data.iter() {
        let slot = &mut next[((key(item) >> shift) & mask) as usize];
        other[*slot] = *item;
        *slot += 1;
    }
    // Bucket b now spans offsets[b]..next[b] of `other`.
    for (&start, &end) in offsets.iter().zip(next.iter()) {
        let (bucket, spare) = (&mut other[start..end], &mut data[start..end]);
        if bucket.len() < SMALL {
            bucket.sort_unstable_by_key(key);
            // `bucket` lives in `other`: home unless `data` was.
            if home {
                spare.copy_from_slice(bucket);
            }
        } else {
            level(bucket, spare, key, !home);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(keys: &[u64]) {
        let mut got = keys.to_vec();
        sort_by_key(&mut got, |&k| k);
        let mut want = keys.to_vec();
        want.sort_unstable();
        assert_eq!(got, want);
        // Items that are not their key: (key, tag) pairs with a tag equal keys share, so
        // that any permutation of equal keys is still one answer.
        let mut pairs: Vec<(u64, u64)> = keys.iter().map(|&k| (k, k.rotate_left(7))).collect();
        sort_by_key(&mut pairs, |&(k, _)| k);
        let mut want_pairs: Vec<(u64, u64)> = keys.iter().map(|&k| (k, k.rotate_left(7))).collect();
        want_pairs.sort_unstable();
        assert_eq!(pairs, want_pairs);
    }

    fn xorshift(n: usize, f: impl Fn(u64) -> u64) -> Vec<u64> {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                f(x)
            })
            .collect()
    }

    #[test]
    fn sorts_at_every_depth() {
        check(&[]);
        check(&[7]);
        check(&[3, 1, 2, 1, 3]);
        for n in [SMALL - 1, SMALL, SMALL + 1, 5 * SMALL, 40 * SMALL] {
            check(&vec![5; n]); // every digit shared
            check(&xorshift(n, |x| x)); // one scatter, then small buckets
            check(&xorshift(n, |x| x >> (x % 64))); // keys of every magnitude
            check(&xorshift(n, |x| x % 3)); // few distinct keys, long runs of equal ones
            check(&xorshift(n, |x| (x & 0xFFFF) << 30)); // shared leading and trailing digits
            check(&xorshift(n, |x| {
                if x % 2 == 0 {
                    x % 2000
                } else {
                    u64::MAX - x % 7
                }
            }));
            let ascending: Vec<u64> = (0..n as u64).collect();
            check(&ascending);
            check(&ascending.iter().rev().copied().collect::<Vec<_>>());
        }
    }
}
