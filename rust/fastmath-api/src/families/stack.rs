//! Stacks of matrices. numpy.linalg's functions take `(..., M, N)` arrays and apply to each
//! matrix of the leading ("batch") dimensions; two stacked operands broadcast their batch
//! dimensions ([`crate::broadcast`]). The kernels take one row-major matrix: this module cuts
//! a stack into them, and a result into the matrices the kernels write.

use std::borrow::Cow;

use fastmath_core::matrix::{MatMut, MatRef};

use crate::args::Args;
use crate::array::{ArrayRef, element_count};
use crate::broadcast;
use crate::dtype::DType;
use crate::error::ApiError;

/// An array argument of at least two dimensions as contiguous float64: `count()` row-major
/// `rows x cols` matrices, one per index of the batch shape.
pub struct Stack<'a> {
    data: Cow<'a, [f64]>,
    batch: &'a [usize],
    pub rows: usize,
    pub cols: usize,
    count: usize,
}

impl<'a> Stack<'a> {
    /// Argument `i`; numpy's LinAlgError naming it when it has fewer than two dimensions.
    pub fn of(args: &Args<'a>, i: usize, a: &ArrayRef<'a>) -> Result<Self, ApiError> {
        let shape = a.shape();
        let [batch @ .., rows, cols] = shape else {
            return Err(ApiError::linalg_error(
                args.name(i),
                format!(
                    "expected a matrix or a stack of them (at least 2 dimensions), got {}",
                    a.describe()
                ),
            ));
        };
        // A batch of empty matrices can count more matrices than any array holds elements.
        let count =
            element_count(batch).ok_or_else(|| ApiError::result_too_large(DType::F64, shape))?;
        Ok(Self {
            data: args.f64_data(i, a)?,
            batch,
            rows: *rows,
            cols: *cols,
            count,
        })
    }

    /// The leading dimensions: `()` for a single matrix.
    pub fn batch(&self) -> &'a [usize] {
        self.batch
    }

    /// How many matrices.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Matrix `k` (below [`Self::count`]).
    pub fn matrix(&self, k: usize) -> Result<MatRef<'_>, ApiError> {
        let size = self.rows.checked_mul(self.cols).ok_or_else(out_of_range)?;
        let start = k.checked_mul(size).ok_or_else(out_of_range)?;
        let end = start.checked_add(size).ok_or_else(out_of_range)?;
        let data = self.data.get(start..end).ok_or_else(out_of_range)?;
        Ok(MatRef::new(data, self.rows, self.cols)?)
    }

    /// The side of its square matrices, or the kernels' "must be square" error (numpy checks
    /// this even when the stack holds no matrix).
    pub fn side(&self) -> Result<usize, ApiError> {
        if self.rows == self.cols {
            return Ok(self.rows);
        }
        Err(fastmath_core::Error::NotSquare {
            rows: self.rows,
            cols: self.cols,
        }
        .into())
    }

    /// The batch shape followed by `core`: the shape of a result with one `core`-shaped part
    /// per matrix.
    pub fn shape_with(&self, core: &[usize]) -> Vec<usize> {
        [self.batch, core].concat()
    }
}

/// `out` cut into `count` consecutive parts of `size` elements: the parts of a result that
/// the kernel writes one matrix at a time. Nothing when `size` is 0: there is nothing to write
/// (and a batch of empty matrices may be too long to walk).
pub fn parts(out: &mut [f64], size: usize, count: usize) -> impl Iterator<Item = &mut [f64]> {
    parts_of(out, size).take(walk(count, &[size]))
}

/// For a function with several results: `out` cut into parts of `size` elements, then empty
/// parts without end; zip them and take [`walk`] of them.
pub fn parts_of(out: &mut [f64], size: usize) -> impl Iterator<Item = &mut [f64]> {
    out.chunks_mut(size.max(1))
        .chain(std::iter::repeat_with(<&mut [f64]>::default))
}

/// How many matrices to walk for results whose parts have `sizes`: all `count` when any part
/// is non-empty (an empty matrix can still have an identity factor), none otherwise.
pub fn walk(count: usize, sizes: &[usize]) -> usize {
    if sizes.iter().any(|&s| s > 0) {
        count
    } else {
        0
    }
}

/// `out` as a `rows x cols` matrix.
pub fn mat_out(out: &mut [f64], rows: usize, cols: usize) -> Result<MatMut<'_>, ApiError> {
    Ok(MatMut::new(out, rows, cols)?)
}

/// Two stacks' batch shapes broadcast against each other (numpy's rule).
pub struct Pairing<'s> {
    /// The result's batch shape.
    pub batch: Vec<usize>,
    pub count: usize,
    a: &'s [usize],
    b: &'s [usize],
}

impl<'s> Pairing<'s> {
    /// numpy's message on a mismatch names the arguments' full shapes, `full`.
    pub fn new(a: &Stack<'s>, b: &Stack<'s>, full: (&[usize], &[usize])) -> Result<Self, ApiError> {
        Self::of_batches(a.batch, b.batch, full)
    }

    /// The pairing of two batch shapes (for operands that are not float64 stacks).
    pub fn of_batches(
        a: &'s [usize],
        b: &'s [usize],
        full: (&[usize], &[usize]),
    ) -> Result<Self, ApiError> {
        let batch = broadcast::shapes(a, b).map_err(|_| broadcast::mismatch(full.0, full.1))?;
        let count =
            element_count(&batch).ok_or_else(|| ApiError::result_too_large(DType::F64, &batch))?;
        Ok(Self { batch, count, a, b })
    }

    /// The indices of the matrices of `a` and `b` that result matrix `k` combines.
    pub fn sources(&self, k: usize) -> Result<(usize, usize), ApiError> {
        let ia = broadcast::source_index(k, &self.batch, self.a);
        let ib = broadcast::source_index(k, &self.batch, self.b);
        ia.zip(ib).ok_or_else(out_of_range)
    }
}

/// An index past the stack: a bug in this module, never the caller's input.
fn out_of_range() -> ApiError {
    ApiError::invalid("internal error: matrix index out of range")
}
