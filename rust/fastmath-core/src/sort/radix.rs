//! Most-significant-digit radix sort on 64-bit keys, the engine under `sort`, `argsort` and
//! `unique` for long inputs.
//!
//! Why MSD rather than the textbook LSD radix sort: on this project's machines (virtual
//! machines, 2 cores) a scatter of 10^6 8-byte items into 2048 places costs about 5.5 ns per
//! item, against well under 1 ns when the target fits in cache: every bucket's write position
//! is on its own page, and the TLB misses dominate. LSD with 11-bit digits needs six such
//! scatters (measured 36-48 ms for 10^6 uniform keys, 8-bit digits 35-38 ms; pdqsort 17-23 ms).
//! MSD scatters once by the leading digit that is not shared by all keys, then again inside
//! each bucket while it is large; buckets soon fit in cache. Doubles mapped to integer keys
//! have skewed leading digits (sign and exponent), so a bucket may need a second or third
//! digit: each level costs one min/max read (bits shared by all its keys are skipped), one
//! count and one scatter of only that bucket.
//!
//! The first level reads the caller's values directly ([`sort_from`]): the keys are computed
//! on the fly in its three passes (min/max and sortedness, count, scatter) and the scatter
//! writes straight into the output, so no pass converts values to keys beforehand, and the
//! scratch buffer is only as long as the largest first-level bucket (about 500 items for
//! 10^6 uniformly spread keys, instead of 10^6: fresh memory costs a page fault per 4 KiB on
//! first touch, about 4 ms per 8 MB here). Already sorted and reversed inputs are recognised
//! in the first pass and copied, an ascending run followed by a descending one is merged.
//!
//! Deeper levels take fewer digit bits as buckets shrink (about 8 items per sub-bucket), and
//! buckets under [`SMALL`] items are finished by std's pattern-defeating quicksort.
//!
//! Items are generic: doubles carrying their key's bits for `sort`, keys with the index in their
//! low bits for `argsort`. The scatters are stable, and digits may ignore the key's `low`
//! lowest bits: items whose keys agree above them keep their input order (argsort's indices).

/// Most bits per digit: 2048 buckets split a 10^6-element input into cache-sized pieces in one
/// or two levels.
const MAX_DIGIT_BITS: u32 = 11;
const MAX_BUCKETS: usize = 1 << MAX_DIGIT_BITS;

/// Below this many items, a bucket is finished by the comparison sort. Swept 16..1024 (with
/// the digit width below) on 10^6 sine values and uniform keys: 256 was the fastest or within
/// the noise of it.
pub const SMALL: usize = 256;

/// Digit width for a bucket of `len` items below the first level: about 8 items per
/// sub-bucket, so small buckets do not pay for counting 2048 mostly empty ones.
fn digit_bits(len: usize) -> u32 {
    let log2 = usize::BITS - len.leading_zeros();
    log2.saturating_sub(3).clamp(1, MAX_DIGIT_BITS)
}

/// Writes the items `make(0)`, ..., `make(n - 1)` (`n = out.len()`) to `out`, sorted by `key`;
/// items with equal keys must be interchangeable. Digits ignore the `low` lowest bits of the
/// key, which requires that items whose keys agree above them are made in the order of their
/// whole keys (argsort's index bits): the scatters are stable and keep that order. Allocates
/// a scratch buffer as long as the largest first-level bucket when that is at least
/// [`SMALL`] long.
pub fn sort_from<T>(
    out: &mut [T],
    make: impl Fn(usize) -> T,
    key: impl Fn(&T) -> u64 + Copy,
    low: u32,
) where
    T: Copy + Default,
{
    let n = out.len();
    let fill = |out: &mut [T]| {
        for (i, o) in out.iter_mut().enumerate() {
            *o = make(i);
        }
    };
    if n < SMALL {
        fill(out);
        out.sort_unstable_by_key(key);
        return;
    }
    let digits = |i: usize| key(&make(i)) >> low;
    let (mut lo, mut hi) = (u64::MAX, 0);
    // Sortedness by the whole key: ascending needs no work, descending only a reversal (the
    // whole keys are then strictly descending wherever items differ).
    let (mut ascending, mut descending) = (true, true);
    let mut previous = key(&make(0));
    for i in 0..n {
        let k = key(&make(i));
        ascending &= previous <= k;
        descending &= previous >= k;
        previous = k;
        lo = lo.min(k >> low);
        hi = hi.max(k >> low);
    }
    if ascending || lo == hi {
        // Equal digits everywhere: the input order is the whole keys' order.
        fill(out);
        return;
    }
    if descending {
        for (i, o) in out.iter_mut().rev().enumerate() {
            *o = make(i);
        }
        return;
    }
    if low == 0 && merge_organ_pipe(out, &make, key) {
        return;
    }
    let top = u64::BITS - (lo ^ hi).leading_zeros();
    let shift = top.saturating_sub(MAX_DIGIT_BITS);
    let mask = (1u64 << (top - shift)) - 1;
    let mut offsets = [0usize; MAX_BUCKETS];
    for i in 0..n {
        offsets[((digits(i) >> shift) & mask) as usize] += 1;
    }
    let mut sum = 0;
    let mut largest = 0;
    for o in offsets.iter_mut() {
        let count = *o;
        largest = largest.max(count);
        *o = sum;
        sum += count;
    }
    let mut next = offsets;
    for i in 0..n {
        let item = make(i);
        let slot = &mut next[(((key(&item) >> low) >> shift) & mask) as usize];
        out[*slot] = item;
        *slot += 1;
    }
    let mut scratch = if largest >= SMALL {
        vec![T::default(); largest]
    } else {
        Vec::new()
    };
    for (&start, &end) in offsets.iter().zip(next.iter()) {
        let bucket = &mut out[start..end];
        if bucket.len() < SMALL {
            bucket.sort_unstable_by_key(key);
        } else {
            let len = bucket.len();
            level(bucket, &mut scratch[..len], key, low, true);
        }
    }
}

/// An ascending run followed by a descending one (an "organ pipe"): merges the two runs into
/// `out` and returns true; otherwise returns false at the first item that breaks the pattern,
/// which for most inputs is one of the first few. Items with equal keys must be
/// interchangeable (the merge is not stable). Before this check, such an input took the radix
/// sort, 15 ms for 10^6 doubles on the host; merged, about 3 ms.
fn merge_organ_pipe<T: Copy>(
    out: &mut [T],
    make: &impl Fn(usize) -> T,
    key: impl Fn(&T) -> u64,
) -> bool {
    let n = out.len();
    let k = |i: usize| key(&make(i));
    let mut peak = 1;
    while peak < n && k(peak - 1) <= k(peak) {
        peak += 1;
    }
    if (peak + 1..n).any(|i| k(i - 1) < k(i)) {
        return false;
    }
    // Ascending from the front (0..peak) and from the back (n - 1 down to peak).
    let (mut a, mut b) = (0, n);
    for o in out.iter_mut() {
        let take_a = b == peak || (a < peak && k(a) <= k(b - 1));
        if take_a {
            *o = make(a);
            a += 1;
        } else {
            b -= 1;
            *o = make(b);
        }
    }
    true
}

/// Sorts `data`, using `other` (same length) as the scatter target. `home` says whether
/// `data` is the caller's slice; if not, the sorted result is copied into `other`, which then
/// is.
fn level<T>(data: &mut [T], other: &mut [T], key: impl Fn(&T) -> u64 + Copy, low: u32, home: bool)
where
    T: Copy,
{
    // Leading digits shared by every item are skipped: the highest bit where the smallest and
    // largest keys differ is where this level's digit starts.
    let (mut lo, mut hi) = (u64::MAX, 0);
    for item in data.iter() {
        let k = key(item) >> low;
        lo = lo.min(k);
        hi = hi.max(k);
    }
    if lo == hi {
        // All digits equal: in input order already, the whole keys' order.
        if !home {
            other.copy_from_slice(data);
        }
        return;
    }
    let top = u64::BITS - (lo ^ hi).leading_zeros();
    let shift = top.saturating_sub(digit_bits(data.len()));
    let mask = (1u64 << (top - shift)) - 1;
    let buckets = 1usize << (top - shift);
    let mut offsets = [0usize; MAX_BUCKETS];
    for item in data.iter() {
        offsets[(((key(item) >> low) >> shift) & mask) as usize] += 1;
    }
    let mut sum = 0;
    for o in offsets[..buckets].iter_mut() {
        let count = *o;
        *o = sum;
        sum += count;
    }
    let mut next = offsets;
    for item in data.iter() {
        let slot = &mut next[(((key(item) >> low) >> shift) & mask) as usize];
        other[*slot] = *item;
        *slot += 1;
    }
    // Bucket b now spans offsets[b]..next[b] of `other`.
    for (&start, &end) in offsets[..buckets].iter().zip(next[..buckets].iter()) {
        let (bucket, spare) = (&mut other[start..end], &mut data[start..end]);
        if bucket.len() < SMALL {
            bucket.sort_unstable_by_key(key);
            // `bucket` lives in `other`: home unless `data` was.
            if home {
                spare.copy_from_slice(bucket);
            }
        } else {
            level(bucket, spare, key, low, !home);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(keys: &[u64]) {
        let mut got = vec![0; keys.len()];
        sort_from(&mut got, |i| keys[i], |&k| k, 0);
        let mut want = keys.to_vec();
        want.sort_unstable();
        assert_eq!(got, want);
        // Items that are not their key: (key, tag) pairs with a tag equal keys share, so
        // that any permutation of equal keys is still one answer.
        let mut pairs = vec![(0, 0); keys.len()];
        sort_from(
            &mut pairs,
            |i| (keys[i], keys[i].rotate_left(7)),
            |&(k, _)| k,
            0,
        );
        let mut want_pairs: Vec<(u64, u64)> = keys.iter().map(|&k| (k, k.rotate_left(7))).collect();
        want_pairs.sort_unstable();
        assert_eq!(pairs, want_pairs);
        // Digits that ignore the low 20 bits: the low bits hold the input position, and the
        // result is sorted by the whole key (stable by position among equal high bits).
        let low = 20;
        let packed = |i: usize| (keys[i] & !((1 << low) - 1)) | i as u64;
        let mut got = vec![0; keys.len()];
        sort_from(&mut got, packed, |&k| k, low);
        let mut want: Vec<u64> = (0..keys.len()).map(packed).collect();
        want.sort_unstable();
        assert_eq!(got, want);
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
        for n in [
            SMALL - 1,
            SMALL,
            SMALL + 1,
            5 * SMALL,
            40 * SMALL,
            300 * SMALL,
        ] {
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
            // Descending with ties, and ascending but for the last item.
            check(&(0..n as u64).rev().map(|k| k / 3).collect::<Vec<_>>());
            let mut almost = ascending.clone();
            almost[n - 1] = 0;
            check(&almost);
            // Organ pipes: up then down, with ties at the peak or not, and one that breaks
            // the pattern at its very end.
            let pipe: Vec<u64> = (0..n as u64).map(|i| i.min(n as u64 - i) / 2).collect();
            check(&pipe);
            check(
                &(0..n as u64)
                    .map(|i| i.min(n as u64 - 1 - i))
                    .collect::<Vec<_>>(),
            );
            let mut broken = pipe.clone();
            broken[n - 1] = u64::MAX;
            check(&broken);
        }
    }
}
