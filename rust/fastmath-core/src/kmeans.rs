//! k-means clustering: greedy k-means++ seeding and Lloyd's iterations, scikit-learn's
//! `KMeans` (`algorithm="lloyd"`) semantics, the random draws from [`crate::random`]'s PCG64.
//!
//! # What, exactly
//! - **Seeding** (scikit-learn's greedy k-means++): the first centre is a point drawn
//!   uniformly (`integers(0, n)`); each next one is the best of `2 + ⌊ln k⌋` candidates, each
//!   drawn with probability proportional to its squared distance to the nearest centre so far
//!   (a uniform `random() * potential` looked up in the running sum of those distances,
//!   numpy's `searchsorted`), the best being the one that leaves the smallest potential.
//! - **Lloyd**: each point goes to its nearest centre (the first of equals), each centre
//!   moves to the mean of its points. A cluster left empty takes the point farthest from its
//!   own centre (the farthest first, scikit-learn's relocation), which leaves its old
//!   cluster. Iterations stop when the labels do not change (strict convergence), when the
//!   centres moved by at most `tol` in total (the sum of squared moves), or after `max_iter`;
//!   unless strict, the points are then assigned once more to the final centres, so that
//!   labels are always each point's nearest final centre.
//! - **Restarts**: `n_init` runs, one after the other from the same generator, and the one of
//!   the smallest inertia (sum of squared distances to the assigned centres) is kept (the
//!   first of equals).
//!
//! # The same bits everywhere
//! Squared distances come from [`crate::distance`]'s kernel (each pair summed over the
//! columns in order); every sum here runs over the points in order; the draws are PCG64's.
//! So a seed gives the same centroids, labels and inertia on every platform and backend, and
//! nothing depends on threads or the chunking of the work.

use crate::distance::{Metric, cdist_into};
use crate::parallel;
use crate::random::{Pcg64, bounded};

/// How many distances one block of points computes at a time (points × centres).
const BLOCK: usize = 8192;

/// The settings of a run (checked by the caller: `1 <= k <= rows`, `n_init, max_iter >= 1`,
/// `tol` finite and non-negative, already scaled by the data's variance).
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub k: usize,
    pub n_init: u64,
    pub max_iter: u64,
    pub tol: f64,
}

/// The memory of a clustering of `rows` points of `cols` coordinates into `k` clusters,
/// reserved up front (so that the caller can report a size that cannot be had before any
/// work is done).
pub struct Work {
    rows: usize,
    cols: usize,
    k: usize,
    trials: usize,
    centers: Vec<f64>,
    sums: Vec<f64>,
    counts: Vec<u64>,
    labels: Vec<i64>,
    previous: Vec<i64>,
    nearest: Vec<f64>,
    running: Vec<f64>,
    candidates: Vec<f64>,
    potentials: Vec<f64>,
    block: Vec<f64>,
    chosen: Vec<bool>,
}

fn filled<T: Clone>(n: usize, value: T) -> Option<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).ok()?;
    v.resize(n, value);
    Some(v)
}

impl Work {
    /// The memory for `rows × cols` points and `k` clusters, or `None` when it cannot be had
    /// (or its size does not fit a `usize`).
    pub fn new(rows: usize, cols: usize, k: usize) -> Option<Work> {
        let trials = candidates_per_step(k);
        let area = k.checked_mul(cols)?;
        let block = BLOCK.max(k.max(trials));
        Some(Work {
            rows,
            cols,
            k,
            trials,
            centers: filled(area, 0.0)?,
            sums: filled(area, 0.0)?,
            counts: filled(k, 0)?,
            labels: filled(rows, 0)?,
            previous: filled(rows, 0)?,
            nearest: filled(rows, 0.0)?,
            running: filled(rows, 0.0)?,
            candidates: filled(trials.checked_mul(cols)?, 0.0)?,
            potentials: filled(trials, 0.0)?,
            block: filled(block, 0.0)?,
            chosen: filled(rows, false)?,
        })
    }
}

/// scikit-learn's number of candidates per k-means++ step: `2 + ⌊ln k⌋`.
pub fn candidates_per_step(k: usize) -> usize {
    let extra = (k.max(1) as f64).ln().floor();
    // ln of a usize is below 45: the conversion is exact.
    2usize.saturating_add(extra as usize)
}

/// scikit-learn's tolerance in data units: `tol` times the mean over the columns of each
/// column's variance (numpy's `var`, divisor `rows`).
pub fn scaled_tolerance(x: &[f64], rows: usize, cols: usize, tol: f64) -> f64 {
    if rows == 0 || cols == 0 || tol == 0.0 {
        return 0.0;
    }
    let mut total = 0.0;
    for j in 0..cols {
        let column = || x.iter().skip(j).step_by(cols).take(rows);
        let mean = column().fold(0.0, |s, &v| s + v) / rows as f64;
        let var = column().fold(0.0, |s, &v| s + (v - mean) * (v - mean)) / rows as f64;
        total += var;
    }
    tol * (total / cols as f64)
}

/// Clusters the `rows × cols` points `x` (row-major, finite) as the module documentation
/// says, drawing from `g`: the best run's centres into `centroids` (`k × cols`) and labels
/// into `labels` (`rows`); returns its inertia.
pub fn kmeans(
    x: &[f64],
    settings: Settings,
    g: &mut Pcg64,
    work: &mut Work,
    centroids: &mut [f64],
    labels: &mut [i64],
) -> crate::Result<f64> {
    let (rows, cols, k) = (work.rows, work.cols, work.k);
    if Some(x.len()) != rows.checked_mul(cols) {
        return Err(crate::Error::MatrixData {
            len: x.len(),
            rows,
            cols,
        });
    }
    if centroids.len() != work.centers.len() || labels.len() != rows {
        return Err(crate::Error::OutputLength {
            expected: work.centers.len(),
            got: centroids.len(),
        });
    }
    if k == 0 || k > rows || k != settings.k {
        return Err(crate::Error::InvalidOption {
            name: "k",
            expected: "between 1 and the number of points",
            got: settings.k.to_string(),
        });
    }
    let mut best = f64::INFINITY;
    let mut first = true;
    for _ in 0..settings.n_init {
        seed_centers(x, g, work);
        let inertia = lloyd(x, settings, work);
        // The first run is kept even with an inertia of nan or inf (overflowing distances).
        if first || inertia < best {
            best = inertia;
            first = false;
            centroids.copy_from_slice(&work.centers);
            labels.copy_from_slice(&work.labels);
        }
    }
    Ok(best)
}

/// Row `i` of the `cols`-column matrix `x`.
fn row(x: &[f64], cols: usize, i: usize) -> &[f64] {
    let start = i.saturating_mul(cols);
    x.get(start..start.saturating_add(cols)).unwrap_or_default()
}

/// `for_each(i, distances)` for each point `i` in order, `distances` its squared distances to
/// the `count` rows of `centers` (blocks of points at a time, through the `cdist` kernel).
fn distances_to(
    x: &[f64],
    cols: usize,
    centers: &[f64],
    count: usize,
    block: &mut [f64],
    mut for_each: impl FnMut(usize, &[f64]),
) {
    let rows = x.len().checked_div(cols).unwrap_or(0);
    if count == 0 {
        return;
    }
    let per_block = (block.len() / count).max(1);
    let mut start = 0;
    while start < rows {
        let n = per_block.min(rows - start);
        let points = x.get(start * cols..(start + n) * cols).unwrap_or_default();
        let out = block.get_mut(..n * count).unwrap_or_default();
        // The shapes agree by construction, and sqeuclidean needs no scratch.
        if cdist_into(points, centers, cols, Metric::SqEuclidean, &mut [], out).is_ok() {
            for (i, d) in out.chunks_exact(count).enumerate() {
                for_each(start + i, d);
            }
        }
        start += n;
    }
}

/// scikit-learn's greedy k-means++ into `work.centers`.
fn seed_centers(x: &[f64], g: &mut Pcg64, work: &mut Work) {
    let (rows, cols, k, trials) = (work.rows, work.cols, work.k, work.trials);
    let last = rows.saturating_sub(1);
    let first = bounded::bounded_u64(g, last as u64) as usize;
    let mut potential = 0.0;
    {
        let center = row(x, cols, first);
        if let Some(dst) = work.centers.get_mut(..cols) {
            dst.copy_from_slice(center);
        }
        let nearest = &mut work.nearest;
        distances_to(x, cols, center, 1, &mut work.block, |i, d| {
            if let (Some(slot), Some(&v)) = (nearest.get_mut(i), d.first()) {
                *slot = v;
            }
        });
        for &d in nearest.iter() {
            potential += d;
        }
    }
    for c in 1..k {
        let mut sum = 0.0;
        for (r, &d) in work.running.iter_mut().zip(work.nearest.iter()) {
            sum += d;
            *r = sum;
        }
        for t in 0..trials {
            let target = g.next_double() * potential;
            // numpy's searchsorted (side left), clipped to the last point.
            let i = work.running.partition_point(|&s| s < target).min(last);
            if let Some(dst) = work.candidates.get_mut(t * cols..(t + 1) * cols) {
                dst.copy_from_slice(row(x, cols, i));
            }
        }
        work.potentials.fill(0.0);
        let (nearest, potentials) = (&work.nearest, &mut work.potentials);
        distances_to(
            x,
            cols,
            &work.candidates,
            trials,
            &mut work.block,
            |i, d| {
                let own = nearest.get(i).copied().unwrap_or(0.0);
                for (p, &v) in potentials.iter_mut().zip(d) {
                    *p += if v < own { v } else { own };
                }
            },
        );
        let mut best = 0;
        for (t, &p) in work.potentials.iter().enumerate() {
            if p < work.potentials.get(best).copied().unwrap_or(p) {
                best = t;
            }
        }
        potential = work.potentials.get(best).copied().unwrap_or(0.0);
        let center = row(&work.candidates, cols, best);
        if let Some(dst) = work.centers.get_mut(c * cols..(c + 1) * cols) {
            dst.copy_from_slice(center);
        }
        let nearest = &mut work.nearest;
        distances_to(x, cols, center, 1, &mut work.block, |i, d| {
            if let (Some(slot), Some(&v)) = (nearest.get_mut(i), d.first())
                && v < *slot
            {
                *slot = v;
            }
        });
    }
}

/// Labels each point with its nearest centre of `work.centers` (the first of equals), its
/// squared distance in `work.nearest`.
///
/// Bands of points go to separate threads where the build has them (`crate::parallel`): each
/// point's distances are computed alone, so the labels do not depend on the bands. Only this
/// step is split; the centres' sums keep their order.
fn assign(x: &[f64], work: &mut Work) {
    let (cols, k, centers) = (work.cols, work.k, &work.centers);
    let block = work.block.len();
    // A point costs k distances of `cols` differences, eight to a unit of work.
    let point_work = k.saturating_mul(cols) / 8;
    let Ok(()) = parallel::rows_mut(
        &mut work.labels,
        1,
        &mut work.nearest,
        1,
        point_work,
        |first, labels, nearest| {
            let points = x
                .get(first.saturating_mul(cols)..)
                .and_then(|x| x.get(..labels.len().saturating_mul(cols)))
                .unwrap_or_default();
            let mut buffer = vec![0.0; block];
            distances_to(points, cols, centers, k, &mut buffer, |i, d| {
                let mut label = 0;
                let mut least = f64::INFINITY;
                for (c, &v) in d.iter().enumerate() {
                    if v < least || c == 0 {
                        least = v;
                        label = c;
                    }
                }
                if let (Some(l), Some(n)) = (labels.get_mut(i), nearest.get_mut(i)) {
                    *l = label as i64;
                    *n = least;
                }
            });
            Ok::<(), core::convert::Infallible>(())
        },
    );
}

/// Lloyd's iterations from `work.centers`; returns the inertia of the final labels and
/// centres.
fn lloyd(x: &[f64], settings: Settings, work: &mut Work) -> f64 {
    let (rows, cols, k) = (work.rows, work.cols, work.k);
    let mut strict = false;
    work.previous.fill(-1);
    for _ in 0..settings.max_iter {
        assign(x, work);
        // The means of the clusters, summed over the points in order.
        work.sums.fill(0.0);
        work.counts.fill(0);
        for (i, &label) in work.labels.iter().enumerate() {
            let c = label as usize;
            if let Some(n) = work.counts.get_mut(c) {
                *n += 1;
            }
            if let Some(sum) = work.sums.get_mut(c * cols..(c + 1) * cols) {
                for (s, &v) in sum.iter_mut().zip(row(x, cols, i)) {
                    *s += v;
                }
            }
        }
        relocate_empty(x, work);
        let mut shift = 0.0;
        for c in 0..k {
            let count = work.counts.get(c).copied().unwrap_or(0);
            let (Some(sum), Some(center)) = (
                work.sums.get(c * cols..(c + 1) * cols),
                work.centers.get_mut(c * cols..(c + 1) * cols),
            ) else {
                continue;
            };
            if count == 0 {
                continue; // emptied by a relocation: it keeps its centre
            }
            let n = count as f64;
            for (m, &s) in center.iter_mut().zip(sum) {
                let mean = s / n;
                shift += (mean - *m) * (mean - *m);
                *m = mean;
            }
        }
        if work.labels == work.previous {
            strict = true;
            break;
        }
        if shift <= settings.tol {
            break;
        }
        work.previous.copy_from_slice(&work.labels);
    }
    if !strict {
        assign(x, work);
    }
    // The inertia of the final labels and centres, over the points in order.
    let mut inertia = 0.0;
    for (i, &label) in work.labels.iter().enumerate().take(rows) {
        let center = row(&work.centers, cols, label as usize);
        let d = row(x, cols, i)
            .iter()
            .zip(center)
            .fold(0.0, |s, (&a, &b)| s + (a - b) * (a - b));
        inertia += d;
    }
    inertia
}

/// scikit-learn's relocation of empty clusters: the points farthest from their centres (the
/// farthest first, the first of equals) become the centres of the empty clusters, in order,
/// and leave their old clusters' sums and counts.
fn relocate_empty(x: &[f64], work: &mut Work) {
    let cols = work.cols;
    let empty = work.counts.iter().filter(|&&n| n == 0).count();
    if empty == 0 {
        return;
    }
    work.chosen.fill(false);
    for c in 0..work.k {
        if work.counts.get(c) != Some(&0) {
            continue;
        }
        // The farthest point not taken yet.
        let mut far: Option<usize> = None;
        for (i, &d) in work.nearest.iter().enumerate() {
            if work.chosen.get(i) == Some(&true) {
                continue;
            }
            if far.is_none_or(|f| d > work.nearest.get(f).copied().unwrap_or(d)) {
                far = Some(i);
            }
        }
        let Some(far) = far else { return };
        if let Some(flag) = work.chosen.get_mut(far) {
            *flag = true;
        }
        let point = row(x, cols, far);
        let old = work.labels.get(far).copied().unwrap_or(0) as usize;
        if let Some(n) = work.counts.get_mut(old) {
            *n = n.saturating_sub(1);
        }
        if let Some(sum) = work.sums.get_mut(old * cols..(old + 1) * cols) {
            for (s, &v) in sum.iter_mut().zip(point) {
                *s -= v;
            }
        }
        if let Some(n) = work.counts.get_mut(c) {
            *n = 1;
        }
        if let Some(sum) = work.sums.get_mut(c * cols..(c + 1) * cols) {
            sum.copy_from_slice(point);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::SeedSequence;

    fn run(x: &[f64], cols: usize, k: usize, seed: u64, n_init: u64) -> (Vec<f64>, Vec<i64>, f64) {
        let rows = x.len() / cols;
        let mut work = Work::new(rows, cols, k).unwrap();
        let mut g = Pcg64::from_seed_sequence(&SeedSequence::from_u64(seed));
        let mut centroids = vec![0.0; k * cols];
        let mut labels = vec![0; rows];
        let settings = Settings {
            k,
            n_init,
            max_iter: 300,
            tol: scaled_tolerance(x, rows, cols, 1e-4),
        };
        let inertia = kmeans(x, settings, &mut g, &mut work, &mut centroids, &mut labels).unwrap();
        (centroids, labels, inertia)
    }

    /// Three tight groups around (0, 0), (10, 0) and (0, 10).
    fn blobs() -> Vec<f64> {
        let mut x = Vec::new();
        for (cx, cy) in [(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)] {
            for (dx, dy) in [(0.1, 0.0), (-0.1, 0.0), (0.0, 0.1), (0.0, -0.1), (0.0, 0.0)] {
                x.push(cx + dx);
                x.push(cy + dy);
            }
        }
        x
    }

    /// Bands of points on several threads give the bits of one thread.
    #[cfg(feature = "threads")]
    #[test]
    fn threads_do_not_change_a_bit() {
        use crate::parallel::testing::{in_pool, same_bits};
        let x: Vec<f64> = (0..20_000 * 4)
            .map(|i| ((i * 7919) % 1013) as f64 / 7.0 + (i % 4) as f64 * 50.0)
            .collect();
        let fit = || {
            let (centers, labels, inertia) = run(&x, 4, 16, 3, 2);
            let mut all = centers;
            all.extend(labels.iter().map(|&l| l as f64));
            all.push(inertia);
            all
        };
        assert!(same_bits(&in_pool(1, fit), &in_pool(3, fit)));
    }

    #[test]
    fn finds_separated_groups_and_labels_are_nearest_centres() {
        let x = blobs();
        for seed in 0..20 {
            let (centroids, labels, inertia) = run(&x, 2, 3, seed, 10);
            // The optimum: each group its own cluster, inertia 3 groups x 4 x 0.01.
            assert!((inertia - 0.12).abs() < 1e-12, "seed {seed}: {inertia}");
            for group in labels.chunks(5) {
                assert!(group.iter().all(|&l| l == group[0]), "{labels:?}");
            }
            for (i, &l) in labels.iter().enumerate() {
                let p = &x[2 * i..2 * i + 2];
                let d = |c: usize| {
                    (p[0] - centroids[2 * c]).powi(2) + (p[1] - centroids[2 * c + 1]).powi(2)
                };
                assert!((0..3).all(|c| d(l as usize) <= d(c)));
            }
        }
    }

    #[test]
    fn same_seed_same_bits_and_seeds_differ() {
        let x: Vec<f64> = (0..400).map(|i| ((i * 7919) % 101) as f64 / 7.0).collect();
        let a = run(&x, 4, 5, 3, 2);
        let b = run(&x, 4, 5, 3, 2);
        assert_eq!(
            a.0.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
            b.0.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        );
        assert_eq!(a.1, b.1);
        assert_eq!(a.2.to_bits(), b.2.to_bits());
    }

    #[test]
    fn k_equal_to_the_points_and_duplicates() {
        let x = [1.0, 1.0, 1.0, 1.0, 5.0, 5.0];
        let (_, labels, inertia) = run(&x, 2, 3, 1, 3);
        assert_eq!(inertia, 0.0);
        let mut seen = labels.clone();
        seen.sort();
        seen.dedup();
        // Two distinct points: at most two non-empty... every label is in range.
        assert!(labels.iter().all(|&l| (0..3).contains(&l)));
        let (_, labels, inertia) = run(&[2.0, 2.0, 2.0, 2.0], 1, 2, 0, 1);
        assert_eq!(inertia, 0.0);
        assert!(labels.iter().all(|&l| (0..2).contains(&l)));
        assert_eq!(candidates_per_step(1), 2);
        assert_eq!(candidates_per_step(8), 4);
        assert_eq!(candidates_per_step(20), 4);
        assert_eq!(candidates_per_step(21), 5);
    }
}
