//! Pairwise distances between the rows of two matrices (`cdist`), scipy.spatial.distance's
//! metrics and arithmetic.
//!
//! # How
//! Every metric is a fold over the columns of a pair of rows (`s += (a - b)²`, `s += |a - b|`,
//! `s = max(s, |a - b|)`, `s += a·b`) followed by a per-pair finish (`sqrt`, the cosine). The
//! fold runs across [`PANEL`] rows of `xb` at once: those rows are copied, a block of columns
//! at a time, into a panel stored column by column, so that for each column of a row of `xa`
//! the panel holds the [`PANEL`] values it meets side by side. The inner loop then updates
//! [`PANEL`] independent sums with the same operation, which compiles to whole `f64x2`
//! instructions (wasm32 `simd128`) or SSE2 pairs on x86-64, with no horizontal reduction; two
//! rows of `xa` share each panel load.
//!
//! # Why the results are scipy's, on every platform
//! Each pair's sum still runs over the columns in order, one IEEE operation at a time (no
//! reassociation, no fused multiply-add, which Rust never contracts), which is exactly the
//! loop scipy's C++ runs: the same bits as scipy on x86-64, and the same bits on every target
//! and backend. Columns are blocked by [`COLUMNS`] with the partial sums kept in the output
//! between blocks, which changes no operation's order.

/// How many rows of `xb` the inner loop updates at once.
pub const PANEL: usize = 8;

/// How many columns are packed into a panel at a time (its size stays fixed, 8 KiB, whatever
/// the number of columns).
pub const COLUMNS: usize = 128;

/// A distance metric of `cdist`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// `sqrt(Σ (a - b)²)`.
    Euclidean,
    /// `Σ (a - b)²`.
    SqEuclidean,
    /// `Σ |a - b|`.
    Cityblock,
    /// `1 - a·b / (‖a‖ ‖b‖)`, the quotient clipped to [-1, 1] as scipy does: nan for a zero
    /// row (0 / 0), as scipy.
    Cosine,
    /// `max |a - b|` from 0: a nan difference is skipped (scipy's `std::max(s, d)`), so only a
    /// row of nans gives 0.
    Chebyshev,
}

impl Metric {
    /// Every metric, in the order the docs list them.
    pub const ALL: [Metric; 5] = [
        Metric::Euclidean,
        Metric::SqEuclidean,
        Metric::Cityblock,
        Metric::Cosine,
        Metric::Chebyshev,
    ];

    /// scipy's canonical name.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Euclidean => "euclidean",
            Metric::SqEuclidean => "sqeuclidean",
            Metric::Cityblock => "cityblock",
            Metric::Cosine => "cosine",
            Metric::Chebyshev => "chebyshev",
        }
    }

    /// The metric scipy's `cdist` means by `name`: any letter case, and scipy's other names
    /// for each (`"cos"`, `"cb"`, `"chebychev"` ...).
    pub fn parse(name: &str) -> Option<Metric> {
        let lower = name.to_ascii_lowercase();
        Some(match lower.as_str() {
            "euclidean" | "euclid" | "eu" | "e" => Metric::Euclidean,
            "sqeuclidean" | "sqe" | "sqeuclid" => Metric::SqEuclidean,
            "cityblock" | "cblock" | "cb" | "c" => Metric::Cityblock,
            "cosine" | "cos" => Metric::Cosine,
            "chebyshev" | "chebychev" | "cheby" | "cheb" | "ch" => Metric::Chebyshev,
            _ => return None,
        })
    }

    /// The length of the scratch [`cdist_into`] needs for `rows_a` and `rows_b` rows: the
    /// rows' norms for the cosine, nothing otherwise.
    pub fn scratch_len(self, rows_a: usize, rows_b: usize) -> Option<usize> {
        match self {
            Metric::Cosine => rows_a.checked_add(rows_b),
            _ => Some(0),
        }
    }
}

/// The distances between each row of `xa` (`rows_a × cols`, row-major) and each row of `xb`
/// (`rows_b × cols`) into `out` (`rows_a × rows_b`), by `metric`; `scratch` is
/// [`Metric::scratch_len`] long.
pub fn cdist_into(
    xa: &[f64],
    xb: &[f64],
    cols: usize,
    metric: Metric,
    scratch: &mut [f64],
    out: &mut [f64],
) -> crate::Result<()> {
    let rows = |x: &[f64]| x.len().checked_div(cols);
    let (rows_a, rows_b) = match (rows(xa), rows(xb)) {
        (Some(a), Some(b)) => (a, b),
        // No columns: every row is empty, and only `out`'s length says how many there are.
        _ => {
            let value = if metric == Metric::Cosine {
                f64::NAN
            } else {
                0.0
            };
            out.fill(value);
            return Ok(());
        }
    };
    for (x, r) in [(xa, rows_a), (xb, rows_b)] {
        if r.checked_mul(cols) != Some(x.len()) {
            return Err(crate::Error::MatrixData {
                len: x.len(),
                rows: r,
                cols,
            });
        }
    }
    let expected = rows_a.saturating_mul(rows_b);
    if out.len() != expected {
        return Err(crate::Error::OutputLength {
            expected,
            got: out.len(),
        });
    }
    if expected == 0 {
        return Ok(());
    }
    match metric {
        Metric::Euclidean => {
            fold(xa, xb, cols, rows_b, out, 0.0, |s, a, b| {
                let d = a - b;
                s + d * d
            });
            out.iter_mut().for_each(|v| *v = v.sqrt());
        }
        Metric::SqEuclidean => fold(xa, xb, cols, rows_b, out, 0.0, |s, a, b| {
            let d = a - b;
            s + d * d
        }),
        Metric::Cityblock => fold(xa, xb, cols, rows_b, out, 0.0, |s, a, b| s + (a - b).abs()),
        Metric::Chebyshev => fold(xa, xb, cols, rows_b, out, 0.0, |s, a, b| {
            let d = (a - b).abs();
            // C++'s std::max(s, d): s unless s < d, so a nan d leaves s.
            if s < d { d } else { s }
        }),
        Metric::Cosine => {
            if scratch.len() != rows_a.saturating_add(rows_b) {
                return Err(crate::Error::OutputLength {
                    expected: rows_a.saturating_add(rows_b),
                    got: scratch.len(),
                });
            }
            let (norms_a, norms_b) = scratch.split_at_mut(rows_a);
            row_norms(xa, cols, norms_a);
            row_norms(xb, cols, norms_b);
            fold(xa, xb, cols, rows_b, out, 0.0, |s, a, b| s + a * b);
            for (row, &na) in out.chunks_exact_mut(rows_b).zip(norms_a.iter()) {
                for (v, &nb) in row.iter_mut().zip(norms_b.iter()) {
                    let mut cosine = *v / (na * nb);
                    if cosine.abs() > 1.0 {
                        // Rounding can take |cos| past 1: scipy clips it.
                        cosine = 1.0f64.copysign(cosine);
                    }
                    *v = 1.0 - cosine;
                }
            }
        }
    }
    Ok(())
}

/// `sqrt(Σ x²)` of each row, summed in column order (scipy's `_row_norms`).
fn row_norms(x: &[f64], cols: usize, norms: &mut [f64]) {
    for (row, n) in x.chunks_exact(cols).zip(norms.iter_mut()) {
        *n = row.iter().fold(0.0, |s, &v| s + v * v).sqrt();
    }
}

/// `out[i][j] = fold(step, start)` over the columns of row `i` of `xa` and row `j` of `xb`, in
/// column order (see the module documentation for the blocking). Bands of rows of `xa` go to
/// separate threads where the build has them: each output is computed alone, and the bands
/// (of an even number of rows) pair the rows as one call does.
#[inline(always)]
fn fold(
    xa: &[f64],
    xb: &[f64],
    cols: usize,
    rows_b: usize,
    out: &mut [f64],
    start: f64,
    step: impl Fn(f64, f64, f64) -> f64 + Copy + Sync + Send,
) {
    let work = rows_b.saturating_mul(cols) / 4;
    let Ok(()) = crate::parallel::rows(xa, cols, out, rows_b, work, |_, xa, out| {
        fold_rows(xa, xb, cols, rows_b, out, start, step);
        Ok::<(), core::convert::Infallible>(())
    });
}

#[inline(always)]
fn fold_rows(
    xa: &[f64],
    xb: &[f64],
    cols: usize,
    rows_b: usize,
    out: &mut [f64],
    start: f64,
    step: impl Fn(f64, f64, f64) -> f64 + Copy,
) {
    let mut panel = [0.0f64; PANEL * COLUMNS];
    let mut first = 0;
    while first < rows_b {
        let width = PANEL.min(rows_b - first);
        let panel_rows = xb
            .get(first * cols..(first + width) * cols)
            .unwrap_or_default();
        let mut k0 = 0;
        while k0 < cols {
            let kc = COLUMNS.min(cols - k0);
            // panel[k * PANEL + j] = xb[first + j][k0 + k]; the lanes past `width` are zero
            // (their sums are computed and dropped).
            panel.fill(0.0);
            for (j, row) in panel_rows.chunks_exact(cols).enumerate() {
                for (k, &v) in row.iter().skip(k0).take(kc).enumerate() {
                    if let Some(slot) = panel.get_mut(k * PANEL + j) {
                        *slot = v;
                    }
                }
            }
            let block = panel.get(..kc * PANEL).unwrap_or_default();
            let fresh = k0 == 0;
            let mut pairs = xa.chunks_exact(cols).zip(out.chunks_exact_mut(rows_b));
            // Two rows of `xa` per pass over the panel, then the odd one.
            while let Some((a0, o0)) = pairs.next() {
                let o0 = &mut o0[first..first + width];
                match pairs.next() {
                    Some((a1, o1)) => {
                        let o1 = &mut o1[first..first + width];
                        let a0 = &a0[k0..k0 + kc];
                        let a1 = &a1[k0..k0 + kc];
                        two_rows(block, a0, a1, o0, o1, fresh, start, step);
                    }
                    None => {
                        let a0 = &a0[k0..k0 + kc];
                        one_row(block, a0, o0, fresh, start, step);
                    }
                }
            }
            k0 += kc;
        }
        first += width;
    }
}

/// The partial sums of `out` (or `start` when `fresh`) as [`PANEL`] lanes.
#[inline(always)]
fn load(out: &[f64], fresh: bool, start: f64) -> [f64; PANEL] {
    let mut acc = [start; PANEL];
    if !fresh {
        for (a, &o) in acc.iter_mut().zip(out) {
            *a = o;
        }
    }
    acc
}

#[inline(always)]
fn store(acc: &[f64; PANEL], out: &mut [f64]) {
    for (o, &a) in out.iter_mut().zip(acc) {
        *o = a;
    }
}

#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn two_rows(
    block: &[f64],
    a0: &[f64],
    a1: &[f64],
    o0: &mut [f64],
    o1: &mut [f64],
    fresh: bool,
    start: f64,
    step: impl Fn(f64, f64, f64) -> f64 + Copy,
) {
    let mut s0 = load(o0, fresh, start);
    let mut s1 = load(o1, fresh, start);
    for ((column, &v0), &v1) in block.chunks_exact(PANEL).zip(a0).zip(a1) {
        let column: &[f64; PANEL] = column.try_into().unwrap_or(&[0.0; PANEL]);
        for j in 0..PANEL {
            s0[j] = step(s0[j], v0, column[j]);
            s1[j] = step(s1[j], v1, column[j]);
        }
    }
    store(&s0, o0);
    store(&s1, o1);
}

#[inline(always)]
fn one_row(
    block: &[f64],
    a0: &[f64],
    o0: &mut [f64],
    fresh: bool,
    start: f64,
    step: impl Fn(f64, f64, f64) -> f64 + Copy,
) {
    let mut s0 = load(o0, fresh, start);
    for (column, &v0) in block.chunks_exact(PANEL).zip(a0) {
        let column: &[f64; PANEL] = column.try_into().unwrap_or(&[0.0; PANEL]);
        for j in 0..PANEL {
            s0[j] = step(s0[j], v0, column[j]);
        }
    }
    store(&s0, o0);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The metric of one pair, written as scipy's per-pair loop.
    fn reference(a: &[f64], b: &[f64], metric: Metric) -> f64 {
        let pairs = a.iter().zip(b);
        match metric {
            Metric::Euclidean => pairs.fold(0.0, |s, (x, y)| s + (x - y) * (x - y)).sqrt(),
            Metric::SqEuclidean => pairs.fold(0.0, |s, (x, y)| s + (x - y) * (x - y)),
            Metric::Cityblock => pairs.fold(0.0, |s, (x, y)| s + (x - y).abs()),
            Metric::Chebyshev => pairs.fold(0.0, |s: f64, (x, y)| {
                let d = (x - y).abs();
                if s < d { d } else { s }
            }),
            Metric::Cosine => {
                let dot = pairs.fold(0.0, |s, (x, y)| s + x * y);
                let na = a.iter().fold(0.0, |s, x| s + x * x).sqrt();
                let nb = b.iter().fold(0.0, |s, x| s + x * x).sqrt();
                let c = dot / (na * nb);
                1.0 - if c.abs() > 1.0 { 1.0f64.copysign(c) } else { c }
            }
        }
    }

    fn values(n: usize, seed: u64) -> Vec<f64> {
        let mut s = seed.max(1);
        (0..n)
            .map(|i| {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                let v = (s >> 11) as f64 / (1u64 << 53) as f64 * 20.0 - 10.0;
                // Some exact duplicates and zeros, where the metrics' edge cases are.
                if i % 11 == 3 { 0.0 } else { v }
            })
            .collect()
    }

    fn run(xa: &[f64], xb: &[f64], cols: usize, metric: Metric) -> Vec<f64> {
        let ma = xa.len().checked_div(cols).unwrap_or(0);
        let mb = xb.len().checked_div(cols).unwrap_or(0);
        let mut scratch = vec![0.0; metric.scratch_len(ma, mb).unwrap()];
        let mut out = vec![f64::NAN; ma * mb];
        cdist_into(xa, xb, cols, metric, &mut scratch, &mut out).unwrap();
        out
    }

    /// Bands of rows on several threads give the bits of one thread, for every metric.
    #[cfg(feature = "threads")]
    #[test]
    fn threads_do_not_change_a_bit() {
        use crate::parallel::testing::{in_pool, same_bits};
        for (ma, mb, cols) in [(301, 250, 7), (97, 1000, 33)] {
            let (xa, xb) = (values(ma * cols, 5), values(mb * cols, 6));
            for metric in Metric::ALL {
                let one = in_pool(1, || run(&xa, &xb, cols, metric));
                let many = in_pool(3, || run(&xa, &xb, cols, metric));
                assert!(same_bits(&one, &many), "{ma}x{mb}x{cols} {}", metric.name());
            }
        }
    }

    #[test]
    fn every_pair_is_the_per_pair_loop_bit_for_bit() {
        // Row counts around the panel and the two-row step, columns around the block.
        for (ma, mb, cols) in [
            (1, 1, 1),
            (3, 7, 2),
            (5, 8, 3),
            (2, 9, 16),
            (7, 17, 5),
            (4, 3, 127),
            (3, 10, 128),
            (5, 9, 129),
            (2, 3, 300),
        ] {
            let xa = values(ma * cols, 1 + ma as u64);
            let mut xb = values(mb * cols, 99 + mb as u64);
            // A repeated row (distance 0, cosine 1 - 1) and a zero row (cosine nan).
            xb[..cols].copy_from_slice(&xa[..cols]);
            if mb > 2 {
                xb[cols..2 * cols].fill(0.0);
            }
            for metric in Metric::ALL {
                let got = run(&xa, &xb, cols, metric);
                for i in 0..ma {
                    for j in 0..mb {
                        let want = reference(
                            &xa[i * cols..(i + 1) * cols],
                            &xb[j * cols..(j + 1) * cols],
                            metric,
                        );
                        let g = got[i * mb + j];
                        assert!(
                            g.to_bits() == want.to_bits() || (g.is_nan() && want.is_nan()),
                            "{metric:?} {ma}x{mb}x{cols} ({i}, {j}): {g} != {want}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn edge_values() {
        let nan = f64::NAN;
        // Chebyshev skips a nan difference; the others propagate it.
        assert_eq!(run(&[nan, 1.0], &[0.0, 5.0], 2, Metric::Chebyshev), [4.0]);
        assert_eq!(run(&[1.0, nan], &[0.0, 5.0], 2, Metric::Chebyshev), [1.0]);
        assert!(run(&[nan, 1.0], &[0.0, 5.0], 2, Metric::Euclidean)[0].is_nan());
        // Cosine: opposite rows 2, a zero row nan, parallel ones 0.
        assert_eq!(run(&[3.0, 4.0], &[-6.0, -8.0], 2, Metric::Cosine), [2.0]);
        assert!(run(&[0.0, 0.0], &[1.0, 1.0], 2, Metric::Cosine)[0].is_nan());
        assert_eq!(run(&[3.0, 4.0], &[3.0, 4.0], 2, Metric::Cosine), [0.0]);
        assert_eq!(run(&[3.0, 4.0], &[0.0, 0.0], 2, Metric::Cityblock), [7.0]);
        assert_eq!(run(&[3.0, 4.0], &[0.0, 0.0], 2, Metric::Euclidean), [5.0]);
    }

    #[test]
    fn shapes_are_checked_and_no_columns_fill_the_output() {
        let mut out = [1.0; 6];
        cdist_into(&[], &[], 0, Metric::Euclidean, &mut [], &mut out).unwrap();
        assert_eq!(out, [0.0; 6]);
        cdist_into(&[], &[], 0, Metric::Cosine, &mut [], &mut out).unwrap();
        assert!(out.iter().all(|v| v.is_nan()));
        let mut out = [0.0; 2];
        assert!(
            cdist_into(
                &[1.0; 3],
                &[1.0; 2],
                2,
                Metric::Euclidean,
                &mut [],
                &mut out
            )
            .is_err()
        );
        assert!(
            cdist_into(
                &[1.0; 2],
                &[1.0; 2],
                2,
                Metric::Euclidean,
                &mut [],
                &mut out
            )
            .is_err()
        );
        assert!(
            cdist_into(
                &[1.0; 2],
                &[1.0; 2],
                2,
                Metric::Cosine,
                &mut [],
                &mut out[..1]
            )
            .is_err()
        );
        assert_eq!(Metric::parse("COS"), Some(Metric::Cosine));
        assert_eq!(Metric::parse("chebychev"), Some(Metric::Chebyshev));
        assert_eq!(Metric::parse("minkowski"), None);
    }
}
