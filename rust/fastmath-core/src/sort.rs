//! Sorting: `sort`, `argsort`, `unique`, `topk`, in numpy's order: ascending, `-0.0` equal to
//! `0.0`, every NaN (whatever its sign bit or payload) after `+inf`.
//!
//! All of them sort integer keys rather than floats: [`order_key`] maps a double to a `u64`
//! whose unsigned order is numpy's order, so the comparisons are single integer compares and
//! NaN needs no special case in the hot loop. Long inputs with at most
//! [`distinct::MAX_DISTINCT`] distinct values are counted ([`distinct`]), other long ones go
//! through [`radix`] (an MSD radix sort on those keys); short ones through std's
//! pattern-defeating quicksort, which is faster below [`RADIX_MIN`] elements. Indices are
//! `i64`, the dtype the bindings return (numpy's `intp` on 64-bit hosts).

mod distinct;
mod radix;

use distinct::Histogram;

use crate::elementwise::check_output;
use crate::{Error, Result};

/// From this many elements on, `sort`, `argsort` and `unique` use the radix sort: measured
/// against the comparison sort on 2^11..2^16 sine values on the host, the radix sort's fixed
/// cost (counting 2048 buckets) pays off from about 8000 elements.
const RADIX_MIN: usize = 8192;

/// A `u64` whose unsigned order is numpy's sort order of `x`: `-inf < ... < -0.0 == 0.0 < ...
/// < inf < NaN`, with all NaNs equal. Positive doubles get the sign bit set; negative ones are
/// bit-flipped so that larger magnitudes sort lower.
#[inline(always)]
pub fn order_key(x: f64) -> u64 {
    // `x + 0.0` turns -0.0 into +0.0 and leaves everything else alone.
    total_key(x + 0.0)
}

/// [`order_key`] without merging `-0.0` into `0.0` (which sorts first): IEEE total order with
/// every NaN mapped to `u64::MAX`. [`from_total_key`] inverts it, NaNs coming back as the one
/// quiet `f64::NAN`.
#[inline(always)]
fn total_key(x: f64) -> u64 {
    let bits = x.to_bits();
    // All ones for negatives (flip everything), just the sign bit for positives: branch-free,
    // since random signs would mispredict a branch half the time.
    let flip = (((bits as i64) >> 63) as u64) | (1 << 63);
    if x.is_nan() { u64::MAX } else { bits ^ flip }
}

/// The double whose [`total_key`] is `key` (`u64::MAX`, the key of every NaN, is `f64::NAN`).
#[inline(always)]
fn from_total_key(key: u64) -> f64 {
    // Keys with the top bit set came from positive doubles (only the sign bit was flipped).
    let flip = !(((key as i64) >> 63) as u64) | (1 << 63);
    if key == u64::MAX {
        f64::NAN
    } else {
        f64::from_bits(key ^ flip)
    }
}

/// Sorts `x` ascending in place, NaNs last (numpy's `sort`). Not stable: `-0.0` goes before
/// `0.0` (numpy leaves equal values in unspecified order), and NaN payloads and signs are not
/// kept (every NaN comes back as the same quiet NaN).
///
/// Long inputs are counted or radix-sorted as [`total_key`]s (the radix sort allocating one
/// `u64` per element); short ones have their NaNs moved to the end and the rest sorted by IEEE
/// total order.
pub fn sort_in_place(x: &mut [f64]) {
    if x.len() >= RADIX_MIN {
        if let Some(histogram) = Histogram::of(x.len(), |i| total_key(x[i])) {
            write_runs(&histogram, x);
            return;
        }
        let mut keys = vec![0.0; x.len()];
        radix_sort_keys(x, &mut keys);
        x.copy_from_slice(&keys);
        return;
    }
    let finite_len = partition_nans_last(x);
    x[..finite_len].sort_unstable_by(f64::total_cmp);
    for v in &mut x[finite_len..] {
        *v = f64::NAN;
    }
}

/// Sorting long inputs: writes `x` sorted to `out` (same length) by radix-sorting their
/// [`total_key`]s. Keys travel as doubles (copies keep a double's bits, NaN patterns included:
/// only arithmetic may change a NaN) so that `out` is the radix sort's output buffer, and are
/// turned back into doubles there.
fn radix_sort_keys(x: &[f64], out: &mut [f64]) {
    radix::sort_from(out, |i| f64::from_bits(total_key(x[i])), |v| v.to_bits(), 0);
    for v in out.iter_mut() {
        *v = from_total_key(v.to_bits());
    }
}

/// Fills `out` with the histogram's keys (turned back into doubles), each as often as it
/// occurs, ascending.
fn write_runs(histogram: &Histogram, out: &mut [f64]) {
    let mut start = 0;
    for (key, count) in histogram.runs() {
        out[start..start + count].fill(from_total_key(key));
        start += count;
    }
}

/// Writes `x` sorted (see [`sort_in_place`]) to `out`; `Error::OutputLength` (InvalidValue)
/// when the lengths differ.
pub fn sort_into(x: &[f64], out: &mut [f64]) -> Result<()> {
    check_output(x.len(), out.len())?;
    if x.len() >= RADIX_MIN {
        match Histogram::of(x.len(), |i| total_key(x[i])) {
            Some(histogram) => write_runs(&histogram, out),
            None => radix_sort_keys(x, out),
        }
        return Ok(());
    }
    out.copy_from_slice(x);
    sort_in_place(out);
    Ok(())
}

/// Moves every NaN to the end (order otherwise not kept); returns the number of non-NaNs.
fn partition_nans_last(x: &mut [f64]) -> usize {
    let mut end = x.len();
    let mut i = 0;
    while i < end {
        if x[i].is_nan() {
            end -= 1;
            x.swap(i, end);
        } else {
            i += 1;
        }
    }
    end
}

/// Writes to `out` the indices that sort `x` ascending, NaNs last, stable: equal values
/// (including `-0.0` and `0.0`, and all NaNs) keep their input order. numpy's
/// `argsort(kind="stable")`; numpy's default kind gives the same result whenever there are no
/// ties. `Error::OutputLength` (InvalidValue) when the lengths differ.
///
/// Short inputs: allocates one `(key, index)` pair per element (16 bytes) and sorts the pairs
/// by key then index, which is the stable order, and is faster than a stable sort of indices
/// that looks the values up through the index (cache misses). Long inputs: a stable counting
/// sort when they have few distinct values ([`Histogram::place_indices`]), else
/// [`argsort_radix`].
pub fn argsort_into(x: &[f64], out: &mut [i64]) -> Result<()> {
    if x.len() != out.len() {
        return Err(Error::OutputLength {
            expected: x.len(),
            got: out.len(),
        });
    }
    if x.len() >= RADIX_MIN {
        if argsort_monotone_runs(x, out) {
            return Ok(());
        }
        let key = |i: usize| order_key(x[i]);
        match Histogram::of(x.len(), key) {
            Some(histogram) => histogram.place_indices(out, key),
            None => argsort_radix(x, out),
        }
        return Ok(());
    }
    let mut pairs: Vec<(u64, u64)> = x
        .iter()
        .enumerate()
        .map(|(i, &v)| (order_key(v), i as u64))
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
fn argsort_monotone_runs(x: &[f64], out: &mut [i64]) -> bool {
    let n = x.len();
    let k = |i: usize| order_key(x[i]);
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
/// Runs whose keys agree only in the kept bits (at 10^6 elements the low 20 bits go: values
/// within about 2^-32 of each other, relatively) are then put in `(key, index)` order from the
/// full keys.
fn argsort_radix(x: &[f64], out: &mut [i64]) {
    let n = x.len();
    let index_bits = usize::BITS - (n.max(2) - 1).leading_zeros();
    let index_mask = (1u64 << index_bits) - 1;
    // The packed keys are made on the fly and sorted into `out` (as i64 bit patterns).
    let packed = |o: &i64| *o as u64;
    radix::sort_from(
        out,
        |i| ((order_key(x[i]) & !index_mask) | i as u64) as i64,
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
                (order_key(x[i as usize]), i)
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
pub fn unique_in_place(x: &mut [f64]) -> usize {
    if x.len() >= RADIX_MIN
        && let Some(histogram) = Histogram::of(x.len(), |i| order_key(x[i]))
    {
        let runs = histogram.runs();
        for (v, &(key, _)) in x.iter_mut().zip(&runs) {
            *v = from_total_key(key);
        }
        return runs.len();
    }
    if x.len() >= RADIX_MIN {
        // Sorted into a scratch buffer and deduplicated from there: one pass fewer than
        // sorting in place (which copies the scratch back) and then deduplicating.
        let mut sorted = vec![0.0; x.len()];
        radix_sort_keys(x, &mut sorted);
        let mut n = 0;
        for &v in &sorted {
            if n == 0 || order_key(v) != order_key(x[n - 1]) {
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
        if n == 0 || order_key(v) != order_key(x[n - 1]) {
            x[n] = v;
            n += 1;
        }
    }
    n
}

/// numpy's `unique(x)` (see [`unique_in_place`]) as a new vector: its length is only known
/// after sorting, so a caller-provided output cannot be sized in advance.
pub fn unique(x: &[f64]) -> Vec<f64> {
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
pub fn topk_into(x: &[f64], out: &mut [i64]) -> Result<()> {
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
    let rank = |(i, &v): (usize, &f64)| (!order_key(v), i as u64);
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
pub fn topk(x: &[f64], k: i64) -> Result<Vec<i64>> {
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
        sort_in_place(&mut []);
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
        assert_eq!(unique(&[]), Vec::<f64>::new());
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
        assert_eq!(topk(&[], 0).unwrap(), Vec::<i64>::new());
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
}
