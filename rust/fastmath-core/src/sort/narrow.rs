//! Counting sort for the narrow integer types (8 and 16 bits, numpy's bool as a byte): one
//! counter per possible key, so one counting pass and one writing pass sort any input, with
//! no hashing (the [`super::distinct`] histogram) and no scatter per digit (the radix sort).
//! Only for types whose total key is numpy's order (no `-0.0` or NaN to tell apart).

use super::key::OrderKey;

/// Whether `n` elements of `T` are counted: narrow types only, and only when the input is long
/// enough that one counter per possible key (65,536 for 16 bits) is not mostly waste.
pub fn applies<T: OrderKey>(n: usize) -> bool {
    T::BITS <= 16 && n >= (1usize << T::BITS) / 4 && n >= MIN_LEN
}

/// Below this many elements the comparison sort is as fast (and allocates nothing).
const MIN_LEN: usize = 64;

/// How often each key of `x` occurs, indexed by key.
fn counts<T: OrderKey>(x: &[T]) -> Vec<usize> {
    let mut counts = vec![0usize; 1 << T::BITS];
    for v in x {
        counts[v.total_key() as usize] += 1;
    }
    counts
}

/// Writes `x` sorted to `out` (same length).
pub fn sort_into<T: OrderKey>(x: &[T], out: &mut [T]) {
    write_runs(&counts(x), out);
}

/// Sorts `x` in place: the counts are all that is needed of the input.
pub fn sort_in_place<T: OrderKey>(x: &mut [T]) {
    write_runs(&counts(x), x);
}

/// Fills `out` with each key as often as `counts` says, ascending.
fn write_runs<T: OrderKey>(counts: &[usize], out: &mut [T]) {
    let mut start = 0;
    for (key, &count) in counts.iter().enumerate().filter(|&(_, &c)| c > 0) {
        out[start..start + count].fill(T::from_total_key(key as u64));
        start += count;
    }
}

/// Moves the distinct values of `x`, ascending, to its front; returns how many there are.
pub fn unique_in_place<T: OrderKey>(x: &mut [T]) -> usize {
    let counts = counts(x);
    let mut n = 0;
    for (key, _) in counts.iter().enumerate().filter(|&(_, &c)| c > 0) {
        x[n] = T::from_total_key(key as u64);
        n += 1;
    }
    n
}

/// Writes to `out` (same length) the indices that sort `x`, equal values in index order.
pub fn argsort_into<T: OrderKey>(x: &[T], out: &mut [i64]) {
    // Start of each key's run, then advanced as its indices are placed.
    let mut next = counts(x);
    let mut start = 0;
    for c in next.iter_mut() {
        let count = *c;
        *c = start;
        start += count;
    }
    for (v, i) in x.iter().zip(0i64..) {
        let slot = &mut next[v.total_key() as usize];
        out[*slot] = i;
        *slot += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_key() {
        assert!(applies::<i8>(64) && !applies::<i8>(63) && applies::<u8>(1000));
        assert!(applies::<i16>(16384) && !applies::<i16>(16383) && !applies::<i32>(1 << 20));
        let x: Vec<i8> = (0..1000).map(|i| ((i * 37) % 256 - 128) as i8).collect();
        let mut got = vec![0i8; x.len()];
        sort_into(&x, &mut got);
        let mut want = x.clone();
        want.sort_unstable();
        assert_eq!(got, want);
        let mut in_place = x.clone();
        sort_in_place(&mut in_place);
        assert_eq!(in_place, want);
        let mut idx = vec![0i64; x.len()];
        argsort_into(&x, &mut idx);
        let mut want_idx: Vec<i64> = (0..x.len() as i64).collect();
        want_idx.sort_by_key(|&i| x[i as usize]);
        assert_eq!(idx, want_idx);
        let mut u: Vec<u16> = vec![65535, 0, 7, 7, 65535, 300];
        let n = unique_in_place(&mut u);
        assert_eq!(&u[..n], &[0, 7, 300, 65535]);
    }
}
