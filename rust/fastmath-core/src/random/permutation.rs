//! numpy's shuffles and samples: `shuffle`/`permutation` (Fisher-Yates with masked rejection)
//! and `choice` (with replacement: bounded integers or an inverted CDF; without: Floyd's
//! algorithm or a partial shuffle, numpy's choice between them included).

use super::bounded::{bounded_u64, fill_u64, interval};
use super::pcg64::Pcg64;

/// Fisher-Yates over `rows` rows of `row_len` elements, from the last row down, each swapped
/// with a row drawn by [`interval`] (numpy's `shuffle`, along the first axis).
pub fn shuffle_rows<T: Copy>(g: &mut Pcg64, data: &mut [T], row_len: usize) {
    if row_len == 0 {
        return;
    }
    let rows = data.len() / row_len;
    for i in (1..rows).rev() {
        let j = interval(g, i as u64) as usize;
        if i != j {
            let (head, tail) = data.split_at_mut(i * row_len);
            head[j * row_len..(j + 1) * row_len].swap_with_slice(&mut tail[..row_len]);
        }
    }
}

/// The partial Fisher-Yates numpy's `choice` uses (it draws by [`bounded_u64`], not
/// [`interval`]): positions `n - 1` down to `first`.
fn shuffle_indices(g: &mut Pcg64, data: &mut [u64], first: usize) {
    for i in (first.max(1)..data.len()).rev() {
        let j = bounded_u64(g, i as u64) as usize;
        data.swap(i, j);
    }
}

/// `choice(population, size, replace=True)` without `p`: indices as `integers(0, population)`.
pub fn fill_choice(g: &mut Pcg64, population: u64, out: &mut [u64]) {
    fill_u64(g, 0, population.saturating_sub(1), out);
}

/// Where numpy switches from Floyd's algorithm to shuffling the tail of the whole population:
/// a population above 10,000 of which more than a fiftieth is drawn.
fn tail_shuffle(population: u64, count: u64) -> bool {
    population > 10_000 && count > population / 50
}

/// How many words of scratch [`fill_choice_distinct`] needs for `count` of `population`: the
/// caller allocates them, so that a sample too large for memory is refused, not aborted.
pub fn distinct_scratch(population: u64, count: u64) -> u64 {
    if tail_shuffle(population, count) {
        population
    } else {
        smallest_mask((1.2 * count as f64) as u64).saturating_add(1)
    }
}

fn smallest_mask(max: u64) -> u64 {
    if max == 0 {
        0
    } else {
        u64::MAX >> max.leading_zeros()
    }
}

/// `choice(population, size, replace=False)` without `p`, `out.len() <= population`, as numpy
/// draws it (then shuffled, numpy's default `shuffle=True`). `scratch` has
/// [`distinct_scratch`] words.
pub fn fill_choice_distinct(g: &mut Pcg64, population: u64, out: &mut [u64], scratch: &mut [u64]) {
    let count = out.len() as u64;
    if tail_shuffle(population, count) {
        for (k, slot) in scratch.iter_mut().enumerate() {
            *slot = k as u64;
        }
        let first = (population - count).max(1) as usize;
        shuffle_indices(g, scratch, first);
        out.copy_from_slice(&scratch[(population - count) as usize..]);
        return;
    }
    // Floyd: for j from population - count up, take a value below j + 1, or j itself when it
    // was taken already; the set of taken values is an open-addressing table.
    let mask = smallest_mask((1.2 * count as f64) as u64);
    let empty = u64::MAX;
    let taken = scratch;
    taken.fill(empty);
    let start = population - count;
    for (slot, j) in out.iter_mut().zip(start..population) {
        let val = bounded_u64(g, j);
        let mut loc = val & mask;
        while taken[loc as usize] != empty && taken[loc as usize] != val {
            loc = (loc + 1) & mask;
        }
        if taken[loc as usize] == empty {
            taken[loc as usize] = val;
            *slot = val;
        } else {
            let mut loc = j & mask;
            while taken[loc as usize] != empty {
                loc = (loc + 1) & mask;
            }
            taken[loc as usize] = j;
            *slot = j;
        }
    }
    shuffle_indices(g, out, 1);
}

/// The normalised running sum of `p` (numpy's `cumsum` then division by the last value).
fn cdf(p: &[f64]) -> Vec<f64> {
    let mut acc = 0.0;
    let mut c: Vec<f64> = p
        .iter()
        .map(|&x| {
            acc += x;
            acc
        })
        .collect();
    if let Some(&last) = c.last() {
        for v in c.iter_mut() {
            *v /= last;
        }
    }
    c
}

/// The first index whose cdf exceeds `u` (numpy's `searchsorted(side="right")`).
fn invert(cdf: &[f64], u: f64) -> u64 {
    cdf.partition_point(|&c| c <= u) as u64
}

/// `choice(len(p), size, replace=True, p=p)`: one uniform per value, inverted through the
/// CDF. `p` has been checked (non-negative, summing to 1).
pub fn fill_choice_weighted(g: &mut Pcg64, p: &[f64], out: &mut [u64]) {
    let c = cdf(p);
    for o in out {
        *o = invert(&c, g.next_double());
    }
}

/// `choice(len(p), size, replace=False, p=p)` as numpy draws it: rounds of weighted draws for
/// the values still missing, keeping the first occurrence of each new index, with the weights
/// of indices already taken set to zero. `p` has at least `out.len()` positive entries.
pub fn fill_choice_weighted_distinct(g: &mut Pcg64, p: &[f64], out: &mut [u64]) {
    let mut weights = p.to_vec();
    let mut taken = vec![false; p.len()];
    let mut found = 0;
    let mut round = Vec::new();
    while found < out.len() {
        // One round draws all its uniforms first (numpy's `random(size - found)`).
        round.clear();
        round.extend((found..out.len()).map(|_| g.next_double()));
        for &i in &out[..found] {
            weights[i as usize] = 0.0;
        }
        let c = cdf(&weights);
        for &u in &round {
            let v = invert(&c, u);
            if !taken[v as usize] {
                taken[v as usize] = true;
                out[found] = v;
                found += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::SeedSequence;
    use super::*;

    fn rng(seed: u64) -> Pcg64 {
        Pcg64::from_seed_sequence(&SeedSequence::from_u64(seed))
    }

    #[test]
    fn numpy_samples() {
        // default_rng(11): permutation(10), choice(1000, 5, replace=False),
        // choice(20000, 500, replace=False), choice(7, 4), shuffle of arange(12).reshape(4, 3).
        let mut g = rng(11);
        let mut perm: Vec<u64> = (0..10).collect();
        shuffle_rows(&mut g, &mut perm, 1);
        assert_eq!(perm, PERM_10);
        let mut a = [0u64; 5];
        let mut scratch = vec![0; distinct_scratch(1000, 5) as usize];
        fill_choice_distinct(&mut g, 1000, &mut a, &mut scratch);
        assert_eq!(a, CHOICE_1000_5);
        let mut b = vec![0u64; 500];
        let mut scratch = vec![0; distinct_scratch(20000, 500) as usize];
        fill_choice_distinct(&mut g, 20000, &mut b, &mut scratch);
        assert_eq!(b, CHOICE_20000_500);
        let mut c = [0u64; 4];
        fill_choice(&mut g, 7, &mut c);
        assert_eq!(c, CHOICE_7_4);
        let mut rows: Vec<u64> = (0..12).collect();
        shuffle_rows(&mut g, &mut rows, 3);
        assert_eq!(rows, SHUFFLED_ROWS);
        let mut d = [0u64; 6];
        fill_choice_weighted(&mut g, &[0.1, 0.0, 0.6, 0.3], &mut d);
        assert_eq!(d, WEIGHTED_6);
        let mut e = [0u64; 3];
        fill_choice_weighted_distinct(&mut g, &[0.1, 0.0, 0.6, 0.2, 0.1], &mut e);
        assert_eq!(e, WEIGHTED_DISTINCT_3);
    }

    include!("test_vectors_permutation.rs");
}
