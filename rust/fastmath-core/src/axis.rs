//! Reductions of a row-major matrix along one axis: `sum mean var std min max` with numpy's
//! `axis=0` (one result per column) or `axis=1` (one result per row). Reducing all elements is
//! the 1-D kernel in [`crate::reduce`] over [`MatRef::as_slice`].
//!
//! `axis=0` never walks a column with a stride: it streams the rows in order and accumulates
//! each into a block of per-column accumulators (`COL_BLOCK` columns at a time, on the stack),
//! so memory is read sequentially and the inner loop vectorises across columns. Sums along
//! either axis are compensated like [`crate::reduce::sum`].

use crate::elementwise::{maximum, minimum};
use crate::matrix::MatRef;
use crate::reduce::{self, variance_from_sums};
use crate::{Error, Result};

/// Columns accumulated per sweep over the rows in `axis=0` kernels: 256 f64 = 2 KiB per
/// accumulator array, small enough for the stack and for L1 with four of them.
const COL_BLOCK: usize = 256;

/// Which axis a 2-D reduction removes, numpy's numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// `axis=0`: reduce down the rows, one result per column (output length `cols`).
    Zero,
    /// `axis=1`: reduce along each row, one result per row (output length `rows`).
    One,
}

impl Axis {
    /// numpy's axis for a 2-D array: 0 or -2, 1 or -1. Anything else is
    /// `Error::AxisOutOfRange` (InvalidValue; numpy's AxisError is a ValueError).
    pub fn new(axis: i64) -> Result<Axis> {
        match axis {
            0 | -2 => Ok(Axis::Zero),
            1 | -1 => Ok(Axis::One),
            _ => Err(Error::AxisOutOfRange { axis, ndim: 2 }),
        }
    }

    /// The length of the result for a `rows x cols` matrix.
    pub fn output_len(self, m: MatRef<'_>) -> usize {
        match self {
            Axis::Zero => m.cols(),
            Axis::One => m.rows(),
        }
    }

    /// How many elements each result reduces.
    pub fn reduced_len(self, m: MatRef<'_>) -> usize {
        match self {
            Axis::Zero => m.rows(),
            Axis::One => m.cols(),
        }
    }
}

fn check_output(m: MatRef<'_>, axis: Axis, out: &[f64]) -> Result<()> {
    let expected = axis.output_len(m);
    if out.len() == expected {
        Ok(())
    } else {
        Err(Error::OutputLength {
            expected,
            got: out.len(),
        })
    }
}

/// The rows of `m` (works for `cols == 0`, where `chunks_exact` would panic).
fn rows(m: MatRef<'_>) -> impl Iterator<Item = &[f64]> {
    let (data, cols) = (m.as_slice(), m.cols());
    (0..m.rows()).map(move |i| &data[i * cols..(i + 1) * cols])
}

/// Calls `f(first_col, width)` for each block of at most `COL_BLOCK` columns.
fn for_each_block(cols: usize, mut f: impl FnMut(usize, usize)) {
    let mut start = 0;
    while start < cols {
        let width = COL_BLOCK.min(cols - start);
        f(start, width);
        start += width;
    }
}

/// The `width` columns from `start` of row `r`.
#[inline(always)]
fn block_of_row(m: MatRef<'_>, r: usize, start: usize, width: usize) -> &[f64] {
    let base = r * m.cols() + start;
    &m.as_slice()[base..base + width]
}

/// One compensated step on arrays: `sum[j] + x[j]` with TwoSum, its exact rounding error
/// accumulated in `comp[j]`, where `x[j]` is `row[j] - shift[j]` (squared when `square`).
/// Straight-line code (no select), so the loop vectorises across columns; the same
/// Ogita-Rump-Oishi `Sum2` scheme as `reduce::sum`.
#[inline(always)]
fn compensated_rows(sum: &mut [f64], comp: &mut [f64], row: &[f64], shift: &[f64], square: bool) {
    for (((s, c), &v), &m) in sum.iter_mut().zip(comp.iter_mut()).zip(row).zip(shift) {
        let d = v - m;
        let x = if square { d * d } else { d };
        let t = *s + x;
        let x_virtual = t - *s;
        let s_virtual = t - x_virtual;
        *c += (*s - s_virtual) + (x - x_virtual);
        *s = t;
    }
}

/// The corrected total; the correction is dropped when either part is not finite (an
/// infinite sum would turn into NaN; a non-finite correction under a finite sum can only come
/// from an intermediate overflow near `f64::MAX`).
#[inline(always)]
fn finish(s: f64, c: f64) -> f64 {
    if s.is_finite() && c.is_finite() {
        s + c
    } else {
        s
    }
}

/// Compensated column sums of `m` into `out` (length `cols`).
fn column_sums(m: MatRef<'_>, out: &mut [f64]) {
    let zeros = [0.0f64; COL_BLOCK];
    for_each_block(m.cols(), |start, width| {
        let sum = &mut out[start..start + width];
        sum.fill(0.0);
        let mut comp = [0.0f64; COL_BLOCK];
        let comp = &mut comp[..width];
        for r in 0..m.rows() {
            compensated_rows(
                sum,
                comp,
                block_of_row(m, r, start, width),
                &zeros[..width],
                false,
            );
        }
        for (s, &c) in sum.iter_mut().zip(comp.iter()) {
            *s = finish(*s, c);
        }
    });
}

/// Sums along `axis` into `out`, compensated like [`reduce::sum`]. An empty reduced
/// axis gives 0. `Error::OutputLength` (InvalidValue) when `out` is not `cols` (axis 0) or
/// `rows` (axis 1) long.
pub fn sum_axis(m: MatRef<'_>, axis: Axis, out: &mut [f64]) -> Result<()> {
    check_output(m, axis, out)?;
    match axis {
        Axis::Zero => column_sums(m, out),
        Axis::One => {
            for (o, row) in out.iter_mut().zip(rows(m)) {
                *o = reduce::sum(row);
            }
        }
    }
    Ok(())
}

/// Means along `axis` into `out` (compensated sums divided by the reduced length). An empty
/// reduced axis gives NaN, as numpy. Errors as [`sum_axis`].
pub fn mean_axis(m: MatRef<'_>, axis: Axis, out: &mut [f64]) -> Result<()> {
    sum_axis(m, axis, out)?;
    let n = axis.reduced_len(m) as f64;
    for o in out.iter_mut() {
        *o /= n;
    }
    Ok(())
}

/// Variances along `axis` into `out`, with `ddof` as [`reduce::var`] (corrected two-pass over
/// compensated sums; divisor `max(n - ddof, 0)` as numpy). An empty reduced axis gives NaN.
/// Errors as [`sum_axis`].
pub fn var_axis(m: MatRef<'_>, axis: Axis, ddof: f64, out: &mut [f64]) -> Result<()> {
    check_output(m, axis, out)?;
    match axis {
        Axis::One => {
            for (o, row) in out.iter_mut().zip(rows(m)) {
                *o = reduce::var(row, ddof);
            }
        }
        Axis::Zero => {
            let n = m.rows();
            if n == 0 {
                out.fill(f64::NAN);
                return Ok(());
            }
            // First pass: the column means, left in `out`.
            column_sums(m, out);
            for o in out.iter_mut() {
                *o /= n as f64;
            }
            // Second pass: per-column deviation sums, block by block.
            for_each_block(m.cols(), |start, width| {
                let mut s1 = [0.0f64; COL_BLOCK];
                let mut c1 = [0.0f64; COL_BLOCK];
                let mut s2 = [0.0f64; COL_BLOCK];
                let mut c2 = [0.0f64; COL_BLOCK];
                let means = &out[start..start + width];
                for r in 0..n {
                    let row = block_of_row(m, r, start, width);
                    compensated_rows(&mut s1[..width], &mut c1[..width], row, means, false);
                    compensated_rows(&mut s2[..width], &mut c2[..width], row, means, true);
                }
                for j in 0..width {
                    out[start + j] =
                        variance_from_sums(n, ddof, finish(s1[j], c1[j]), finish(s2[j], c2[j]));
                }
            });
        }
    }
    Ok(())
}

/// Standard deviations along `axis`: `sqrt` of [`var_axis`], same rules.
pub fn std_axis(m: MatRef<'_>, axis: Axis, ddof: f64, out: &mut [f64]) -> Result<()> {
    var_axis(m, axis, ddof, out)?;
    for o in out.iter_mut() {
        *o = o.sqrt();
    }
    Ok(())
}

fn extreme_axis(
    m: MatRef<'_>,
    axis: Axis,
    out: &mut [f64],
    function: &'static str,
    op: fn(f64, f64) -> f64,
) -> Result<()> {
    check_output(m, axis, out)?;
    // numpy refuses exactly when the reduced axis is empty, even if the output is empty too.
    if axis.reduced_len(m) == 0 {
        return Err(Error::EmptyReduction { function });
    }
    match axis {
        Axis::Zero => {
            let mut it = rows(m);
            if let Some(first) = it.next() {
                out.copy_from_slice(first);
            }
            for row in it {
                for (o, &v) in out.iter_mut().zip(row) {
                    *o = op(*o, v);
                }
            }
        }
        Axis::One => {
            for (o, row) in out.iter_mut().zip(rows(m)) {
                let mut acc = row[0];
                for &v in row {
                    acc = op(acc, v);
                }
                *o = acc;
            }
        }
    }
    Ok(())
}

/// Maxima along `axis` into `out`; NaN where the reduced elements hold a NaN (numpy's `max`).
/// `Error::EmptyReduction` (InvalidValue) when the reduced axis is empty, otherwise errors as
/// [`sum_axis`].
pub fn max_axis(m: MatRef<'_>, axis: Axis, out: &mut [f64]) -> Result<()> {
    match axis {
        Axis::One if m.cols() > 0 => {
            check_output(m, axis, out)?;
            for (o, row) in out.iter_mut().zip(rows(m)) {
                *o = reduce::max(row)?;
            }
            Ok(())
        }
        _ => extreme_axis(m, axis, out, "maximum", maximum),
    }
}

/// Minima along `axis` into `out`; NaN where the reduced elements hold a NaN.
/// `Error::EmptyReduction` (InvalidValue) when the reduced axis is empty, otherwise errors as
/// [`sum_axis`].
pub fn min_axis(m: MatRef<'_>, axis: Axis, out: &mut [f64]) -> Result<()> {
    match axis {
        Axis::One if m.cols() > 0 => {
            check_output(m, axis, out)?;
            for (o, row) in out.iter_mut().zip(rows(m)) {
                *o = reduce::min(row)?;
            }
            Ok(())
        }
        _ => extreme_axis(m, axis, out, "minimum", minimum),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn mat(data: &[f64], rows: usize, cols: usize) -> MatRef<'_> {
        MatRef::new(data, rows, cols).unwrap()
    }

    /// Column `j` of `m`, copied (the reference walks columns the slow, obvious way).
    fn column(m: MatRef<'_>, j: usize) -> Vec<f64> {
        (0..m.rows()).map(|i| m.get(i, j)).collect()
    }

    fn same(a: f64, b: f64) -> bool {
        (a.is_nan() && b.is_nan()) || a == b
    }

    #[test]
    fn axis_parsing() {
        assert_eq!(Axis::new(0), Ok(Axis::Zero));
        assert_eq!(Axis::new(-2), Ok(Axis::Zero));
        assert_eq!(Axis::new(1), Ok(Axis::One));
        assert_eq!(Axis::new(-1), Ok(Axis::One));
        let e = Axis::new(2).unwrap_err();
        assert_eq!(e, Error::AxisOutOfRange { axis: 2, ndim: 2 });
        assert_eq!(e.kind(), crate::ErrorKind::InvalidValue);
        assert!(Axis::new(-3).is_err());
    }

    #[test]
    fn small_matrix() {
        // [[1, 2, 3], [4, 5, 6]]
        let d = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let m = mat(&d, 2, 3);
        let mut c = [0.0; 3];
        let mut r = [0.0; 2];
        sum_axis(m, Axis::Zero, &mut c).unwrap();
        assert_eq!(c, [5.0, 7.0, 9.0]);
        sum_axis(m, Axis::One, &mut r).unwrap();
        assert_eq!(r, [6.0, 15.0]);
        mean_axis(m, Axis::Zero, &mut c).unwrap();
        assert_eq!(c, [2.5, 3.5, 4.5]);
        var_axis(m, Axis::Zero, 0.0, &mut c).unwrap();
        assert_eq!(c, [2.25; 3]);
        var_axis(m, Axis::One, 1.0, &mut r).unwrap();
        assert_eq!(r, [1.0, 1.0]);
        std_axis(m, Axis::Zero, 0.0, &mut c).unwrap();
        assert_eq!(c, [1.5; 3]);
        max_axis(m, Axis::Zero, &mut c).unwrap();
        assert_eq!(c, [4.0, 5.0, 6.0]);
        min_axis(m, Axis::One, &mut r).unwrap();
        assert_eq!(r, [1.0, 4.0]);
        assert_eq!(
            sum_axis(m, Axis::Zero, &mut r),
            Err(Error::OutputLength {
                expected: 3,
                got: 2
            })
        );
        assert!(max_axis(m, Axis::One, &mut c).is_err());
        assert!(var_axis(m, Axis::One, 0.0, &mut c).is_err());
    }

    #[test]
    fn empty_axes_follow_numpy() {
        // (0, 3): reducing axis 0 reduces nothing.
        let m = mat(&[], 0, 3);
        let mut c = [1.0; 3];
        sum_axis(m, Axis::Zero, &mut c).unwrap();
        assert_eq!(c, [0.0; 3]);
        mean_axis(m, Axis::Zero, &mut c).unwrap();
        assert!(c.iter().all(|v| v.is_nan()));
        var_axis(m, Axis::Zero, 0.0, &mut c).unwrap();
        assert!(c.iter().all(|v| v.is_nan()));
        assert_eq!(
            max_axis(m, Axis::Zero, &mut c),
            Err(Error::EmptyReduction {
                function: "maximum"
            })
        );
        // (0, 3) along axis 1: empty output, nothing reduced over an empty axis: fine.
        max_axis(m, Axis::One, &mut []).unwrap();
        // (3, 0) along axis 0: empty output, fine; along axis 1: error.
        let m = mat(&[], 3, 0);
        min_axis(m, Axis::Zero, &mut []).unwrap();
        assert!(min_axis(m, Axis::One, &mut [0.0; 3]).is_err());
        let mut r = [1.0; 3];
        sum_axis(m, Axis::One, &mut r).unwrap();
        assert_eq!(r, [0.0; 3]);
        // (0, 0): reduced axis empty either way.
        let m = mat(&[], 0, 0);
        assert!(max_axis(m, Axis::One, &mut []).is_err());
        assert!(min_axis(m, Axis::Zero, &mut []).is_err());
    }

    #[test]
    fn nan_and_compensation_per_column() {
        let nan = f64::NAN;
        // [[1e16, nan], [1, 2], [-1e16, 3]]
        let d = [1e16, nan, 1.0, 2.0, -1e16, 3.0];
        let m = mat(&d, 3, 2);
        let mut c = [0.0; 2];
        sum_axis(m, Axis::Zero, &mut c).unwrap();
        assert_eq!(c[0], 1.0);
        assert!(c[1].is_nan());
        max_axis(m, Axis::Zero, &mut c).unwrap();
        assert_eq!(c[0], 1e16);
        assert!(c[1].is_nan());
        min_axis(m, Axis::Zero, &mut c).unwrap();
        assert!(c[1].is_nan());
        let mut r = [0.0; 3];
        max_axis(m, Axis::One, &mut r).unwrap();
        assert!(r[0].is_nan());
        assert_eq!(&r[1..], &[2.0, 3.0]);
    }

    #[test]
    fn wide_matrix_crosses_blocks() {
        // More columns than COL_BLOCK, with a large offset that defeats one-pass variance.
        let (rows, cols) = (5, COL_BLOCK * 2 + 3);
        let d: Vec<f64> = (0..rows * cols)
            .map(|k| 1e9 + ((k * 7919) % 13) as f64)
            .collect();
        let m = mat(&d, rows, cols);
        let mut out = vec![0.0; cols];
        var_axis(m, Axis::Zero, 1.0, &mut out).unwrap();
        for (j, &v) in out.iter().enumerate() {
            assert_eq!(v, reduce::var(&column(m, j), 1.0), "column {j}");
        }
    }

    fn matrix_strategy() -> impl Strategy<Value = (Vec<f64>, usize, usize)> {
        (0usize..7, 0usize..300).prop_flat_map(|(r, c)| {
            let values = prop_oneof![
                20 => (-1000i32..1000).prop_map(f64::from),
                1 => Just(f64::NAN),
                1 => Just(f64::INFINITY),
                1 => Just(f64::NEG_INFINITY),
            ];
            (prop::collection::vec(values, r * c), Just(r), Just(c))
        })
    }

    proptest! {
        #[test]
        fn axis_kernels_match_1d_kernels((d, rows, cols) in matrix_strategy(), ddof in 0u8..3) {
            let m = mat(&d, rows, cols);
            let ddof = f64::from(ddof);
            for axis in [Axis::Zero, Axis::One] {
                let lines: Vec<Vec<f64>> = match axis {
                    Axis::Zero => (0..cols).map(|j| column(m, j)).collect(),
                    Axis::One => rows_of(m),
                };
                let mut out = vec![0.0; lines.len()];
                sum_axis(m, axis, &mut out).unwrap();
                for (o, l) in out.iter().zip(&lines) {
                    prop_assert!(same(*o, reduce::sum(l)));
                }
                mean_axis(m, axis, &mut out).unwrap();
                for (o, l) in out.iter().zip(&lines) {
                    prop_assert!(same(*o, reduce::mean(l)));
                }
                var_axis(m, axis, ddof, &mut out).unwrap();
                for (o, l) in out.iter().zip(&lines) {
                    prop_assert!(same(*o, reduce::var(l, ddof)), "{} vs {}", o, reduce::var(l, ddof));
                }
                std_axis(m, axis, ddof, &mut out).unwrap();
                for (o, l) in out.iter().zip(&lines) {
                    prop_assert!(same(*o, reduce::std(l, ddof)));
                }
                let reduced_empty = axis.reduced_len(m) == 0;
                prop_assert_eq!(max_axis(m, axis, &mut out).is_err(), reduced_empty);
                if !reduced_empty {
                    for (o, l) in out.iter().zip(&lines) {
                        prop_assert!(same(*o, reduce::max(l).unwrap()));
                    }
                }
                prop_assert_eq!(min_axis(m, axis, &mut out).is_err(), reduced_empty);
                if !reduced_empty {
                    for (o, l) in out.iter().zip(&lines) {
                        prop_assert!(same(*o, reduce::min(l).unwrap()));
                    }
                }
            }
        }
    }

    fn rows_of(m: MatRef<'_>) -> Vec<Vec<f64>> {
        rows(m).map(<[f64]>::to_vec).collect()
    }
}
