//! Sorting: `sort`, `argsort`, `unique`, `topk`, in numpy's order: ascending, `-0.0` equal to
//! `0.0`, every NaN (whatever its sign bit or payload) after `+inf`; integers in their own
//! order (unsigned ones unsigned, int64 beyond 2^53 exactly).
//!
//! Every kernel is generic over the element type through [`OrderKey`] and sorts integer keys
//! rather than values: each type maps its values to a `u64` whose unsigned order is numpy's,
//! so the comparisons are single integer compares, NaN needs no special case in the hot loop,
//! and one radix sort serves every type. 8- and 16-bit integers are counted outright
//! ([`narrow`]); other long inputs with at most [`distinct::MAX_DISTINCT`] distinct values are
//! counted through a hash table ([`distinct`]), the rest go through [`radix`] (an MSD radix
//! sort on the keys); short ones through std's pattern-defeating quicksort, which is faster
//! below [`RADIX_MIN`] elements. Indices are `i64`, the dtype the bindings return (numpy's
//! `intp` on 64-bit hosts).

mod distinct;
pub mod key;
mod narrow;
mod radix;

use distinct::Histogram;
pub use key::OrderKey;

use crate::elementwise::check_output;
use crate::{Error, Result};

/// From this many elements on, `sort`, `argsort` and `unique` use the radix sort: measured
/// against the comparison sort on 2^11..2^16 sine values on the host, the radix sort's fixed
/// cost (counting 2048 buckets) pays off from about 8000 elements.
const RADIX_MIN: usize = 8192;

/// A `u64` whose unsigned order is numpy's sort order of the double `x`: `-inf < ... < -0.0 ==
/// 0.0 < ... < inf < NaN`, with all NaNs equal ([`OrderKey::order_key`] of `f64`).
#[inline(always)]
pub fn order_key(x: f64) -> u64 {
    x.order_key()
}

/// Sorts `x` ascending in place, NaNs last (numpy's `sort`). Not stable: `-0.0` goes before
/// `0.0` (numpy leaves equal values in unspecified order), and NaN payloads and signs are not
/// kept (every NaN comes back as the same quiet NaN).
///
/// Narrow integers are counted; other long inputs are counted or radix-sorted as total keys
/// (the radix sort allocating one element per element); short ones sorted by
/// [`OrderKey::sort_short`].
pub fn sort_in_place<T: OrderKey>(x: &mut [T]) {
    if narrow::applies::<T>(x.len()) {
        narrow::sort_in_place(x);
        return;
    }
    if x.len() >= RADIX_MIN {
        if let Some(histogram) = Histogram::of(x.len(), |i| x[i].total_key()) {
            write_runs(&histogram, x);
            return;
        }
        let mut keys = vec![T::default(); x.len()];
        radix_sort_keys(x, &mut keys);
        x.copy_from_slice(&keys);
        return;
    }
    T::sort_short(x);
}

/// Sorting long inputs: writes `x` sorted to `out` (same length) by radix-sorting their total
/// keys. Keys travel as values of `T` (copies keep a float's bits, NaN patterns included: only
/// arithmetic may change a NaN) so that `out` is the radix sort's output buffer, and are
/// turned back into values there.
fn radix_sort_keys<T: OrderKey>(x: &[T], out: &mut [T]) {
    radix::sort_from(out, |i| T::from_bits(x[i].total_key()), |v| v.to_bits(), 0);
    for v in out.iter_mut() {
        *v = T::from_total_key(v.to_bits());
    }
}

/// Fills `out` with the histogram's keys (turned back into values), each as often as it
/// occurs, ascending.
fn write_runs<T: OrderKey>(histogram: &Histogram, out: &mut [T]) {
    let mut start = 0;
    for (key, count) in histogram.runs() {
        out[start..start + count].fill(T::from_total_key(key));
        start += count;
    }
}

/// Writes `x` sorted (see [`sort_in_place`]) to `out`; `Error::OutputLength` (InvalidValue)
/// when the lengths differ.
pub fn sort_into<T: OrderKey>(x: &[T], out: &mut [T]) -> Result<()> {
    check_output(x.len(), out.len())?;
    if narrow::applies::<T>(x.len()) {
        narrow::sort_into(x, out);
        return Ok(());
    }
    if x.len() >= RADIX_MIN {
        match Histogram::of(x.len(), |i| x[i].total_key()) {
            Some(histogram) => write_runs(&histogram, out),
            None => radix_sort_keys(x, out),
        }
        return Ok(());
    }
    out.copy_from_slice(x);
    sort_in_place(out);
    Ok(())
}

/// Writes to `out` the indices that sort `x` ascending, NaNs last, stable: equal values
/// (including `-0.0` and `0.0`, and all NaNs) keep their input order. numpy's
/// `argsort(kind="stable")`; numpy's default kind gives the same result whenever there are no
/// ties. `Error::OutputLength` (InvalidValue) when the lengths differ.
///
/// Short inputs: allocates one `(key, index)` pair per element (16 bytes) and sorts the pairs
/// by key then index, which is the stable order, and is faster than a stable sort of indices
/// that looks the values up through the index (cache misses). Narrow integers: a counting
/// sort. Other long inputs: a stable counting sort when they have few distinct values
/// ([`Histogram::place_indices`]), else [`argsort_radix`].
pub fn argsort_into<T: OrderKey>(x: &[T], out: &mut [i64]) -> Result<()> {
    if x.len() != out.len() {
        return Err(Error::OutputLength {
            expected: x.len(),
            got: out.len(),
        });
    }
    if narrow::applies::<T>(x.len()) {
        narrow::argsort_into(x, out);
        return Ok(());
    }
    if x.len() >= RADIX_MIN {
        if argsort_monotone_runs(x, out) {
            return Ok(());
        }
        let key = |i: usize| x[i].order_key();
        match Histogram::of(x.len(), key) {
            Some(histogram) => histogram.place_indices(out, key),
            None => argsort_radix(x, out),
        }
        return Ok(());
    }
    let mut pairs: Vec<(u64, u64)> = x
        .iter()
        .enumerate()
        .map(|(i, &v)| (v.order_key(), i as u64))
        .collect();
    pairs.sort_unstable();
    for (o, &(_, i)) in out.iter_mut().zip(&pairs) {
        *o = i as i64;
    }
    Ok(())
}

/// [`argsort_into`] for an input that ascends (ties allowed) up to some point and strictly
/// descends from there: sorted, strictly reversed and organ-pipe inputs. Writes the stable
/// order by merging the two runs (ties go to the ascending run, whose indices are lower) and
/// returns true; otherwise returns false at the first element that breaks the pattern, which
/// for most inputs is one of the first few. The radix sort's own check cannot see the
/// descending cases: its packed keys tie where values agree in all but the low bits, and the
/// indices then ascend. Before this check, argsort of an organ pipe of 10^6 took 18.6 ms on
/// the host (numpy 3.4 ms), sorted or reversed 10-12 ms.
fn argsort_monotone_runs<T: OrderKey>(x: &[T], out: &mut [i64]) -> bool {
    let n = x.len();
    let k = |i: usize| x[i].order_key();
    let mut peak = 1;
    while peak < n && k(peak - 1) <= k(peak) {
        peak += 1;
    }
    if (peak + 1..n).any(|i| k(i - 1) <= k(i)) {
        return false;
    }
    // Ascending from the front (0..peak) and, strictly, from the back (n - 1 down to peak).
    let (mut a, mut b) = (0, n);
    for o in out.iter_mut() {
        if b == peak || (a < peak && k(a) <= k(b - 1)) {
            *o = a as i64;
            a += 1;
        } else {
            b -= 1;
            *o = b as i64;
        }
    }
    true
}

/// [`argsort_into`] for long inputs. Each key and its index share one `u64`: the key's low
/// bits make room for the index, so the radix sort moves 8 bytes per element, not a 16-byte
/// pair, and equal truncated keys come out in index order (the radix digits skip the index
/// bits, and its scatters are stable, so equal truncated keys cost no scatter on the index).
/// Runs whose keys agree only in the kept bits (doubles at 10^6 elements lose their low 20
/// bits: values within about 2^-32 of each other, relatively; 32-bit types lose none, their
/// order keys being zero there) are then put in `(key, index)` order from the full keys.
///
/// 64-bit integers often span a narrow range (indices, counts, timestamps), so their keys share
/// their leading bits and would keep too few others: their keys are taken relative to the
/// smallest and shifted up to start at the top bit, which keeps as many bits as the range has
/// (10^6 integers below 10^6: all of them, instead of a single run of 10^6 to sort by
/// comparison).
fn argsort_radix<T: OrderKey>(x: &[T], out: &mut [i64]) {
    let n = x.len();
    let index_bits = usize::BITS - (n.max(2) - 1).leading_zeros();
    let index_mask = (1u64 << index_bits) - 1;
    let (base, shift) = if T::INTEGER && T::BITS == 64 {
        let (lo, hi) = x.iter().fold((u64::MAX, 0), |(lo, hi), v| {
            let k = v.order_key();
            (lo.min(k), hi.max(k))
        });
        // All equal: every relative key is 0, and any shift leaves it so.
        (lo, (hi - lo).leading_zeros().min(63))
    } else {
        (0, 0)
    };
    let key = |v: &T| (v.order_key() - base) << shift;
    // The packed keys are made on the fly and sorted into `out` (as i64 bit patterns).
    let packed = |o: &i64| *o as u64;
    radix::sort_from(
        out,
        |i| ((key(&x[i]) & !index_mask) | i as u64) as i64,
        packed,
        index_bits,
    );
    let mut run: Vec<(u64, u64)> = Vec::new();
    let mut start = 0;
    while start < n {
        let head = packed(&out[start]) & !index_mask;
        let end = start
            + out[start..]
                .iter()
                .take_while(|&o| packed(o) & !index_mask == head)
                .count();
        if end - start == 1 {
            out[start] = (packed(&out[start]) & index_mask) as i64;
        } else {
            run.clear();
            run.extend(out[start..end].iter().map(|o| {
                let i = packed(o) & index_mask;
                (x[i as usize].order_key(), i)
            }));
            // Exact duplicates (the usual reason for a run) are in order already.
            if !run.is_sorted() {
                run.sort_unstable();
            }
            for (o, &(_, i)) in out[start..end].iter_mut().zip(&run) {
                *o = i as i64;
            }
        }
        start = end;
    }
}

/// Sorts `x` in place and moves its distinct values to the front, returning how many there
/// are: `x[..n]` is numpy's `unique(x)` (sorted, NaNs collapsed into one at the end, as
/// numpy >= 2 does by default). `-0.0` and `0.0` are one value; which of the two is kept is
/// unspecified, as in numpy.
pub fn unique_in_place<T: OrderKey>(x: &mut [T]) -> usize {
    if narrow::applies::<T>(x.len()) {
        return narrow::unique_in_place(x);
    }
    if x.len() >= RADIX_MIN
        && let Some(histogram) = Histogram::of(x.len(), |i| x[i].order_key())
    {
        // Order keys are total keys shifted up (with -0.0 made 0.0), and back again here.
        let runs = histogram.runs();
        for (v, &(key, _)) in x.iter_mut().zip(&runs) {
            *v = T::from_total_key(key >> (u64::BITS - T::BITS));
        }
        return runs.len();
    }
    if x.len() >= RADIX_MIN {
        // Sorted into a scratch buffer and deduplicated from there: one pass fewer than
        // sorting in place (which copies the scratch back) and then deduplicating.
        let mut sorted = vec![T::default(); x.len()];
        radix_sort_keys(x, &mut sorted);
        let mut n = 0;
        for &v in &sorted {
            if n == 0 || v.order_key() != x[n - 1].order_key() {
                x[n] = v;
                n += 1;
            }
        }
        return n;
    }
    sort_in_place(x);
    let mut n = 0;
    for i in 0..x.len() {
        let v = x[i];
        if n == 0 || v.order_key() != x[n - 1].order_key() {
            x[n] = v;
            n += 1;
        }
    }
    n
}

/// numpy's `unique(x)` (see [`unique_in_place`]) as a new vector: its length is only known
/// after sorting, so a caller-provided output cannot be sized in advance.
pub fn unique<T: OrderKey>(x: &[T]) -> Vec<T> {
    let mut v = x.to_vec();
    let n = unique_in_place(&mut v);
    v.truncate(n);
    v
}

/// Checks `k` against `len` for [`topk_into`]: `Error::TopKOutOfRange` (InvalidValue) unless
/// `0 <= k <= len`. Bindings call this before allocating the `k`-long output.
pub fn check_topk(k: i64, len: usize) -> Result<usize> {
    match usize::try_from(k) {
        Ok(k) if k <= len => Ok(k),
        _ => Err(Error::TopKOutOfRange { k, len }),
    }
}

/// Writes to `out` the indices of the `k = out.len()` largest elements of `x`, largest first;
/// equal values go lower index first. NaN counts as larger than `+inf` (the order `argsort`
/// and `sort` use, where NaNs come last), so NaNs are picked first, lower index first; and
/// `-0.0` equals `0.0`. `Error::TopKOutOfRange` (InvalidValue) when `out` is longer than `x`.
///
/// For `k <= n / 8` a bounded heap (O(n log k), usually one comparison per element, no n-sized
/// allocation); otherwise selection (`select_nth_unstable`, O(n)) then a sort of only the `k`
/// winners.
pub fn topk_into<T: OrderKey>(x: &[T], out: &mut [i64]) -> Result<()> {
    let k = out.len();
    if k > x.len() {
        return Err(Error::TopKOutOfRange {
            k: k as i64,
            len: x.len(),
        });
    }
    if k == 0 {
        return Ok(());
    }
    // Descending by value, then ascending by index: one ascending key pair, smaller is better.
    let rank = |(i, &v): (usize, &T)| (!v.order_key(), i as u64);
    if k.saturating_mul(8) <= x.len() {
        // Few winners: keep the best k seen so far in a heap whose top is the worst of them;
        // most elements lose one comparison against the top, and nothing n-sized is allocated.
        let mut heap = std::collections::BinaryHeap::with_capacity(k);
        let mut iter = x.iter().enumerate();
        for item in iter.by_ref().take(k) {
            heap.push(rank(item));
        }
        // The current worst winner, cached so the common losing case is one tuple compare.
        let mut worst = *heap.peek().expect("k > 0");
        for item in iter {
            let pair = rank(item);
            if pair < worst {
                if let Some(mut top) = heap.peek_mut() {
                    *top = pair;
                }
                worst = *heap.peek().expect("k > 0");
            }
        }
        for (o, (_, i)) in out.iter_mut().zip(heap.into_sorted_vec()) {
            *o = i as i64;
        }
        return Ok(());
    }
    let mut pairs: Vec<(u64, u64)> = x.iter().enumerate().map(rank).collect();
    if k < pairs.len() {
        pairs.select_nth_unstable(k - 1);
    }
    let winners = &mut pairs[..k];
    winners.sort_unstable();
    for (o, &(_, i)) in out.iter_mut().zip(winners.iter()) {
        *o = i as i64;
    }
    Ok(())
}

/// `topk` returning a new vector: [`check_topk`] then [`topk_into`].
pub fn topk<T: OrderKey>(x: &[T], k: i64) -> Result<Vec<i64>> {
    let k = check_topk(k, x.len())?;
    let mut out = vec![0; k];
    topk_into(x, &mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NAN: f64 = f64::NAN;
    const INF: f64 = f64::INFINITY;

    /// numpy's order as a comparison, written independently of `order_key`.
    fn numpy_cmp(a: f64, b: f64) -> std::cmp::Ordering {
        use std::cmp::Ordering::*;
        match (a.is_nan(), b.is_nan()) {
            (true, true) => Equal,
            (true, false) => Greater,
            (false, true) => Less,
            _ => a.partial_cmp(&b).unwrap(),
        }
    }

    fn values() -> impl Strategy<Value = f64> {
        prop_oneof![
            10 => (-50i32..50).prop_map(f64::from),
            3 => any::<f64>(),
            1 => Just(NAN),
            1 => Just(-NAN),
            1 => Just(INF),
            1 => Just(-INF),
            1 => Just(0.0),
            1 => Just(-0.0),
        ]
    }

    fn total_key(x: f64) -> u64 {
        x.total_key()
    }

    fn from_total_key(key: u64) -> f64 {
        f64::from_total_key(key)
    }

    #[test]
    fn order_key_orders_like_numpy() {
        let ordered = [
            -INF,
            -f64::MAX,
            -1.0,
            -f64::MIN_POSITIVE,
            -5e-324,
            0.0,
            5e-324,
            1.0,
            f64::MAX,
            INF,
            NAN,
        ];
        for w in ordered.windows(2) {
            assert!(order_key(w[0]) < order_key(w[1]), "{} < {}", w[0], w[1]);
        }
        assert_eq!(order_key(-0.0), order_key(0.0));
        assert_eq!(order_key(-NAN), order_key(NAN));
        assert!(total_key(-0.0) < total_key(0.0));
        for v in ordered.iter().chain(&[-0.0, 0.0, -NAN, 3.25, -7e-310]) {
            let back = from_total_key(total_key(*v));
            if v.is_nan() {
                assert_eq!(back.to_bits(), f64::NAN.to_bits());
            } else {
                assert_eq!(back.to_bits(), v.to_bits(), "{v}");
            }
        }
    }

    #[test]
    fn sort_basics() {
        let mut x = [3.0, NAN, -1.0, INF, -NAN, -INF, 0.0];
        sort_in_place(&mut x);
        assert_eq!(&x[..5], &[-INF, -1.0, 0.0, 3.0, INF]);
        assert!(x[5].is_nan() && x[6].is_nan());
        let mut out = [0.0; 2];
        assert!(sort_into(&[1.0], &mut out).is_err());
        sort_into(&[2.0, 1.0], &mut out).unwrap();
        assert_eq!(out, [1.0, 2.0]);
        sort_in_place::<f64>(&mut []);
    }

    #[test]
    fn argsort_is_stable_with_nans_last() {
        // numpy: argsort([0.0, -0.0, nan, -nan, 1], kind="stable") == [0, 1, 4, 2, 3]
        let mut out = [0i64; 5];
        argsort_into(&[0.0, -0.0, NAN, -NAN, 1.0], &mut out).unwrap();
        assert_eq!(out, [0, 1, 4, 2, 3]);
        assert!(argsort_into(&[1.0], &mut out).is_err());
    }

    #[test]
    fn unique_collapses_nans() {
        assert_eq!(unique::<f64>(&[]), Vec::<f64>::new());
        let u = unique(&[NAN, 1.0, NAN, -0.0, 0.0, 1.0, -NAN, -3.0]);
        assert_eq!(u.len(), 4);
        assert_eq!(&u[..3], &[-3.0, 0.0, 1.0]);
        assert!(u[3].is_nan());
    }

    #[test]
    fn topk_basics() {
        let x = [1.0, 5.0, 3.0, 5.0, NAN, -INF];
        assert_eq!(topk(&x, 3).unwrap(), vec![4, 1, 3]);
        assert_eq!(topk(&x, 0).unwrap(), Vec::<i64>::new());
        assert_eq!(topk(&x, 6).unwrap(), vec![4, 1, 3, 2, 0, 5]);
        assert_eq!(topk(&x, 7), Err(Error::TopKOutOfRange { k: 7, len: 6 }));
        assert_eq!(topk(&x, -1), Err(Error::TopKOutOfRange { k: -1, len: 6 }));
        assert_eq!(
            topk(&x, -1).unwrap_err().kind(),
            crate::ErrorKind::InvalidValue
        );
        assert!(topk_into(&[1.0], &mut [0, 0]).is_err());
        assert_eq!(topk::<f64>(&[], 0).unwrap(), Vec::<i64>::new());
    }

    proptest! {
        #[test]
        fn sort_matches_reference(x in prop::collection::vec(values(), 0..200)) {
            let mut got = x.clone();
            sort_in_place(&mut got);
            let mut want = x.clone();
            want.sort_by(|a, b| numpy_cmp(*a, *b));
            prop_assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                prop_assert_eq!(numpy_cmp(*g, *w), std::cmp::Ordering::Equal);
            }
            // A permutation of the input: same multiset of bit patterns once zeros and NaNs
            // are canonicalised.
            let canon = |v: &f64| if v.is_nan() { u64::MAX } else { (*v + 0.0).to_bits() };
            let mut a: Vec<u64> = got.iter().map(canon).collect();
            let mut b: Vec<u64> = x.iter().map(canon).collect();
            a.sort_unstable();
            b.sort_unstable();
            prop_assert_eq!(a, b);
        }

        #[test]
        fn argsort_matches_stable_reference(x in prop::collection::vec(values(), 0..200)) {
            let mut got = vec![0i64; x.len()];
            argsort_into(&x, &mut got).unwrap();
            let mut want: Vec<i64> = (0..x.len() as i64).collect();
            want.sort_by(|&i, &j| numpy_cmp(x[i as usize], x[j as usize])); // stable
            prop_assert_eq!(got, want);
        }

        #[test]
        fn unique_matches_reference(x in prop::collection::vec(values(), 0..200)) {
            let got = unique(&x);
            let mut want = x.clone();
            want.sort_by(|a, b| numpy_cmp(*a, *b));
            want.dedup_by(|a, b| numpy_cmp(*a, *b) == std::cmp::Ordering::Equal);
            prop_assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                prop_assert_eq!(numpy_cmp(*g, *w), std::cmp::Ordering::Equal);
            }
        }

        #[test]
        fn topk_matches_reference(x in prop::collection::vec(values(), 0..200), k in 0usize..220) {
            let result = topk(&x, k as i64);
            if k > x.len() {
                prop_assert!(result.is_err());
            } else {
                let mut want: Vec<i64> = (0..x.len() as i64).collect();
                // Stable sort by descending value keeps lower indices first among ties.
                want.sort_by(|&i, &j| numpy_cmp(x[j as usize], x[i as usize]));
                want.truncate(k);
                prop_assert_eq!(result.unwrap(), want);
            }
        }
    }

    /// Values for the long-input paths: few distinct ones (the counting sort), just too many
    /// for it (long runs of equal keys in the radix sort), wide-ranging ones (every digit
    /// differs), narrow ones (leading digits shared, buckets skewed), ulps apart, or sorted
    /// either way.
    fn long_values() -> impl Strategy<Value = Vec<f64>> {
        let n = RADIX_MIN - 2..RADIX_MIN * 4;
        prop_oneof![
            prop::collection::vec(values(), n.clone()),
            prop::collection::vec(any::<f64>(), n.clone()),
            prop::collection::vec(1.0f64..1.0001, n.clone()),
            prop::collection::vec((0u32..3000).prop_map(|v| f64::from(v) - 1000.5), n.clone()),
            // Distinct values a few ulps apart: argsort's packed keys tie, full keys do not.
            prop::collection::vec(
                (0u32..5000).prop_map(|v| 1.0 + f64::from(v) * f64::EPSILON),
                n.clone()
            ),
            // Just more distinct values than the counting sort takes: the radix sort, with
            // many duplicates.
            prop::collection::vec(
                (0u32..distinct::MAX_DISTINCT as u32 + 40).prop_map(|v| f64::from(v) * 0.5),
                n.clone()
            ),
            (
                prop_oneof![
                    prop::collection::vec(values(), n.clone()),
                    prop::collection::vec(any::<f64>(), n.clone()),
                ],
                any::<bool>()
            )
                .prop_map(|(mut v, rev)| {
                    v.sort_by(|a, b| numpy_cmp(*a, *b));
                    if rev {
                        v.reverse();
                    }
                    v
                }),
        ]
    }

    #[test]
    fn radix_path_edge_inputs() {
        for n in [RADIX_MIN - 1, RADIX_MIN, RADIX_MIN + 1, 3 * RADIX_MIN] {
            for fill in [0.0, -0.0, NAN, -INF, 1.5] {
                let x = vec![fill; n];
                let mut got = x.clone();
                sort_in_place(&mut got);
                let want = if fill.is_nan() { f64::NAN } else { fill };
                assert!(got.iter().all(|v| v.to_bits() == want.to_bits()));
                let mut idx = vec![0i64; n];
                argsort_into(&x, &mut idx).unwrap();
                assert!(
                    idx.iter().zip(0..).all(|(&i, j)| i == j),
                    "all equal: stable"
                );
                assert_eq!(unique(&x).len(), 1);
            }
            // Zeros of both signs, alternating: sort puts every -0.0 first, argsort keeps
            // input order (they are equal), unique gives one zero.
            let x: Vec<f64> = (0..n)
                .map(|i| if i % 2 == 0 { 0.0 } else { -0.0 })
                .collect();
            let mut got = vec![0.0; n];
            sort_into(&x, &mut got).unwrap();
            assert!(
                got[..n / 2]
                    .iter()
                    .all(|v| v.to_bits() == (-0.0f64).to_bits())
            );
            assert!(got[n / 2..].iter().all(|v| v.to_bits() == 0));
            let mut idx = vec![0i64; n];
            argsort_into(&x, &mut idx).unwrap();
            assert!(idx.iter().zip(0..).all(|(&i, j)| i == j));
            assert_eq!(unique(&x), vec![0.0]);
        }
    }

    #[test]
    fn argsort_of_monotone_runs_is_stable() {
        let n = 3 * RADIX_MIN + 5;
        let stable = |x: &[f64]| {
            let mut want: Vec<i64> = (0..x.len() as i64).collect();
            want.sort_by(|&i, &j| numpy_cmp(x[i as usize], x[j as usize]));
            want
        };
        let half = (n / 2) as f64;
        let shapes: Vec<Vec<f64>> = vec![
            // Up with ties, then strictly down through the same values (ties across runs).
            (0..n)
                .map(|i| {
                    if i < n / 2 {
                        (i / 3) as f64
                    } else {
                        (n - i) as f64 / 3.0
                    }
                })
                .collect(),
            // Strictly down (one-element ascending run), and down with ties (the radix sort).
            (0..n).map(|i| -(i as f64)).collect(),
            (0..n).map(|i| -((i / 2) as f64)).collect(),
            // Up, then down but with a tie near the end (the radix sort), and with NaNs and
            // zeros of both signs in the runs.
            (0..n)
                .map(|i| {
                    if i < n / 2 {
                        i as f64
                    } else {
                        ((n - i) / 2) as f64
                    }
                })
                .collect(),
            (0..n)
                .map(|i| match i {
                    0 => -0.0,
                    1 => 0.0,
                    _ if i < n / 2 => i as f64 - half,
                    _ if i == n - 1 => NAN,
                    _ => (n - i) as f64,
                })
                .collect(),
        ];
        for x in shapes {
            let mut got = vec![0i64; n];
            argsort_into(&x, &mut got).unwrap();
            assert_eq!(got, stable(&x));
            let mut sorted = vec![0.0; n];
            sort_into(&x, &mut sorted).unwrap();
            let want: Vec<f64> = stable(&x).iter().map(|&i| x[i as usize]).collect();
            assert!(
                sorted
                    .iter()
                    .zip(&want)
                    .all(|(a, b)| numpy_cmp(*a, *b) == std::cmp::Ordering::Equal)
            );
        }
    }

    proptest! {
        // Long inputs are slow to generate in debug builds: fewer cases.
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn radix_path_matches_reference(x in long_values()) {
            let mut got = vec![0.0; x.len()];
            sort_into(&x, &mut got).unwrap();
            let mut want = x.clone();
            want.sort_by(f64::total_cmp);
            let nans = x.iter().filter(|v| v.is_nan()).count();
            let want: Vec<f64> = want.into_iter().filter(|v| !v.is_nan()).collect();
            prop_assert_eq!(&got[..want.len()], &want[..]); // exact, -0.0 before 0.0
            prop_assert!(got[want.len()..].iter().all(|v| v.to_bits() == f64::NAN.to_bits()));
            prop_assert_eq!(got[want.len()..].len(), nans);
            let mut in_place = x.clone();
            sort_in_place(&mut in_place);
            prop_assert!(in_place.iter().zip(&got).all(|(a, b)| a.to_bits() == b.to_bits()));
            let mut idx = vec![0i64; x.len()];
            argsort_into(&x, &mut idx).unwrap();
            let mut want_idx: Vec<i64> = (0..x.len() as i64).collect();
            want_idx.sort_by(|&i, &j| numpy_cmp(x[i as usize], x[j as usize])); // stable
            prop_assert_eq!(idx, want_idx);
            let mut want_unique = x.clone();
            want_unique.sort_by(|a, b| numpy_cmp(*a, *b));
            want_unique.dedup_by(|a, b| numpy_cmp(*a, *b) == std::cmp::Ordering::Equal);
            let got_unique = unique(&x);
            prop_assert_eq!(got_unique.len(), want_unique.len());
            for (g, w) in got_unique.iter().zip(&want_unique) {
                prop_assert_eq!(numpy_cmp(*g, *w), std::cmp::Ordering::Equal);
            }
        }

        #[test]
        fn long_inputs(x in prop::collection::vec(values(), 2000..5000)) {
            let mut got = x.clone();
            sort_in_place(&mut got);
            let mut want = x.clone();
            want.sort_by(f64::total_cmp);
            let nans = x.iter().filter(|v| v.is_nan()).count();
            let want: Vec<f64> = want.into_iter().filter(|v| !v.is_nan()).collect();
            prop_assert_eq!(&got[..want.len()], &want[..]); // exact, -0.0 before 0.0
            prop_assert_eq!(got[want.len()..].len(), nans);
            prop_assert!(got[want.len()..].iter().all(|v| v.is_nan()));
            let mut idx = vec![0i64; x.len()];
            argsort_into(&x, &mut idx).unwrap();
            let mut want_idx: Vec<i64> = (0..x.len() as i64).collect();
            want_idx.sort_by(|&i, &j| numpy_cmp(x[i as usize], x[j as usize]));
            prop_assert_eq!(idx, want_idx);
        }
    }

    /// numpy's order for any element type, written with IEEE comparisons, independently of
    /// the keys: NaNs equal to each other and after everything.
    fn reference_cmp<T: OrderKey>(a: T, b: T) -> std::cmp::Ordering {
        use std::cmp::Ordering::*;
        match (a.is_nan(), b.is_nan()) {
            (true, true) => Equal,
            (true, false) => Greater,
            (false, true) => Less,
            _ => a.partial_cmp(&b).unwrap(),
        }
    }

    /// Every kernel on `x` against a reference built on [`reference_cmp`] and std's stable sort:
    /// `sort` (in place and into, bit for bit the same; a permutation of the input), `argsort`
    /// (exactly the stable order), `unique`, and `topk` for a few `k`.
    fn check_against_reference<T: OrderKey + std::fmt::Debug>(x: &[T]) {
        let eq = |a: T, b: T| reference_cmp(a, b) == std::cmp::Ordering::Equal;
        let mut stable: Vec<i64> = (0..x.len() as i64).collect();
        stable.sort_by(|&i, &j| reference_cmp(x[i as usize], x[j as usize]));

        let mut got = vec![T::default(); x.len()];
        sort_into(x, &mut got).unwrap();
        for (g, &i) in got.iter().zip(&stable) {
            assert!(eq(*g, x[i as usize]), "sort: {g:?} vs {:?}", x[i as usize]);
        }
        // A permutation: the same multiset once NaNs and zeros of either sign are one value.
        let canon = |v: &T| {
            if v.is_nan() { u64::MAX } else { v.order_key() }
        };
        let mut a: Vec<u64> = got.iter().map(canon).collect();
        let mut b: Vec<u64> = x.iter().map(canon).collect();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b);
        let mut in_place = x.to_vec();
        sort_in_place(&mut in_place);
        assert!(
            in_place
                .iter()
                .zip(&got)
                .all(|(p, g)| p.to_bits() == g.to_bits())
        );

        let mut idx = vec![0i64; x.len()];
        argsort_into(x, &mut idx).unwrap();
        assert_eq!(idx, stable, "argsort");

        let mut want_unique: Vec<T> = stable.iter().map(|&i| x[i as usize]).collect();
        want_unique.dedup_by(|a, b| eq(*a, *b));
        let got_unique = unique(x);
        assert_eq!(got_unique.len(), want_unique.len(), "unique");
        for (g, w) in got_unique.iter().zip(&want_unique) {
            assert!(eq(*g, *w), "unique: {g:?} vs {w:?}");
        }

        let mut descending: Vec<i64> = (0..x.len() as i64).collect();
        descending.sort_by(|&i, &j| reference_cmp(x[j as usize], x[i as usize]));
        for k in [0, 1, 3, x.len() / 8, x.len() / 2, x.len()] {
            let k = k.min(x.len());
            assert_eq!(topk(x, k as i64).unwrap(), &descending[..k], "topk {k}");
        }
    }

    /// Values of every integer type: few distinct small ones (ties, the counting sorts), any
    /// value, and the extremes (signed and unsigned ends, int64 beyond 2^53).
    fn integers<T>() -> impl Strategy<Value = T>
    where
        T: Arbitrary + num_bounds::Bounded + std::fmt::Debug + Copy + 'static,
    {
        prop_oneof![
            4 => (-20i8..20).prop_map(T::small),
            4 => any::<T>(),
            1 => Just(T::MIN_VALUE),
            1 => Just(T::MAX_VALUE),
        ]
    }

    /// The extremes of each integer type and small values (wrapped: -1 is the largest
    /// unsigned value), for [`integers`].
    mod num_bounds {
        pub trait Bounded {
            const MIN_VALUE: Self;
            const MAX_VALUE: Self;
            fn small(v: i8) -> Self;
        }
        macro_rules! bounded {
            ($($t:ty),*) => {$(
                impl Bounded for $t {
                    const MIN_VALUE: Self = <$t>::MIN;
                    const MAX_VALUE: Self = <$t>::MAX;
                    fn small(v: i8) -> Self {
                        v as $t
                    }
                }
            )*};
        }
        bounded!(i8, i16, i32, i64, u8, u16, u32, u64);
    }

    fn floats32() -> impl Strategy<Value = f32> {
        prop_oneof![
            10 => (-50i32..50).prop_map(|v| v as f32),
            3 => any::<f32>(),
            1 => Just(f32::NAN),
            1 => Just(-f32::NAN),
            1 => Just(f32::INFINITY),
            1 => Just(f32::NEG_INFINITY),
            1 => Just(0.0f32),
            1 => Just(-0.0f32),
        ]
    }

    /// Lengths for each path: short (the comparison sorts), and long: the narrow counting sort
    /// from 64 (8-bit) or 16,384 (16-bit) elements, the radix sort and hashed counting sort from
    /// [`RADIX_MIN`].
    fn lengths() -> impl Strategy<Value = usize> {
        prop_oneof![
            4 => 0usize..300,
            1 => RADIX_MIN - 2..RADIX_MIN + 3000,
            1 => 16_380usize..17_000,
        ]
    }

    macro_rules! every_type {
        ($($name:ident: $strategy:expr;)*) => {
            proptest! {
                #![proptest_config(ProptestConfig::with_cases(32))]
                $(
                    #[test]
                    fn $name(
                        x in lengths().prop_flat_map(|n| prop::collection::vec($strategy, n))
                    ) {
                        check_against_reference(&x);
                    }
                )*
            }
        };
    }

    every_type! {
        i8_matches_reference: integers::<i8>();
        i16_matches_reference: integers::<i16>();
        i32_matches_reference: integers::<i32>();
        i64_matches_reference: integers::<i64>();
        u8_matches_reference: integers::<u8>();
        u16_matches_reference: integers::<u16>();
        u32_matches_reference: integers::<u32>();
        u64_matches_reference: integers::<u64>();
        f32_matches_reference: floats32();
        f64_matches_reference: values();
    }

    #[test]
    fn int64_beyond_2_pow_53_keeps_order_and_value() {
        // Neighbours a double cannot tell apart, long enough for the radix path and short.
        let base = (1i64 << 60) + 1;
        for n in [50, RADIX_MIN + 10] {
            let x: Vec<i64> = (0..n as i64)
                .map(|i| if i % 2 == 0 { base + i } else { -base - i })
                .rev()
                .collect();
            let mut want = x.clone();
            want.sort_unstable();
            let mut got = vec![0; n];
            sort_into(&x, &mut got).unwrap();
            assert_eq!(got, want);
            check_against_reference(&x);
            let u: Vec<u64> = x.iter().map(|&v| v as u64).collect();
            check_against_reference(&u);
        }
        // Many distinct values in a narrow range (relative keys in the radix argsort), far
        // from zero or around it, and a range as wide as the type.
        let n = 3 * RADIX_MIN + 7;
        for offset in [0, -(1i64 << 62), 1 << 62] {
            let x: Vec<i64> = (0..n as i64)
                .map(|i| (i * 7919) % 20_000 + offset)
                .collect();
            check_against_reference(&x);
        }
        let mut wide: Vec<i64> = (0..n as i64).map(|i| (i * 7919) % 20_000).collect();
        wide[5] = i64::MIN;
        wide[n - 3] = i64::MAX;
        check_against_reference(&wide);
        let u: Vec<u64> = (0..n as u64)
            .map(|i| u64::MAX - (i * 7919) % 20_000)
            .collect();
        check_against_reference(&u);
    }
}
