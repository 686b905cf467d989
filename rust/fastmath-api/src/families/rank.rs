//! The rank rules of the functions whose kernels take vectors and row-major matrices: the
//! reductions, linear algebra and sorting. Their kernels know one and two dimensions only, so
//! an N-D [`ArrayRef`] is refused here, naming the argument and its shape, before any data is
//! read. A function that handles N-D input (`median`) reads its arguments with [`Args`] alone.

use crate::args::Args;
use crate::array::ArrayRef;
use crate::error::ApiError;
use crate::value::Operand;

/// The most dimensions these kernels take: a vector or a matrix.
const MAX_RANK: usize = 2;

/// A number, or an array of at most two dimensions.
pub fn operand<'a>(args: &Args<'a>, i: usize) -> Result<Operand<'a>, ApiError> {
    let operand = args.operand(i)?;
    if let Operand::Array(a) = &operand {
        at_most_two(args, i, a)?;
    }
    Ok(operand)
}

/// An array of at most two dimensions (a number is refused).
pub fn array<'a>(args: &Args<'a>, i: usize) -> Result<ArrayRef<'a>, ApiError> {
    let a = args.array(i)?;
    at_most_two(args, i, &a)?;
    Ok(a)
}

/// A 1-D array.
pub fn vector<'a>(args: &Args<'a>, i: usize) -> Result<ArrayRef<'a>, ApiError> {
    let a = array(args, i)?;
    one_dimensional(args, i, &a)?;
    Ok(a)
}

/// ValueError unless `a`, the argument `i`, is 1-D.
pub fn one_dimensional(args: &Args<'_>, i: usize, a: &ArrayRef<'_>) -> Result<(), ApiError> {
    if a.ndim() == 1 {
        return Ok(());
    }
    Err(ApiError::value_error(
        args.name(i),
        format!("expected a 1-D array, got {}", a.describe()),
    ))
}

/// ValueError unless the vectors `a` and `b` (arguments 0 and 1) have one length: the rule of
/// `dot` and of `matmul` of two vectors, worded once for both.
pub fn same_length(args: &Args<'_>, a: &ArrayRef<'_>, b: &ArrayRef<'_>) -> Result<(), ApiError> {
    if a.len() == b.len() {
        return Ok(());
    }
    Err(ApiError::invalid(format!(
        "{} has length {} but {} has length {}",
        args.name(0),
        a.len(),
        args.name(1),
        b.len()
    )))
}

/// The `(rows, cols)` of `a`, the argument `i`, or ValueError unless it is 2-D.
pub fn matrix_shape(
    args: &Args<'_>,
    i: usize,
    a: &ArrayRef<'_>,
) -> Result<(usize, usize), ApiError> {
    match *a.shape() {
        [rows, cols] => Ok((rows, cols)),
        _ => Err(ApiError::value_error(
            args.name(i),
            format!("expected a 2-D array, got {}", a.describe()),
        )),
    }
}

fn at_most_two(args: &Args<'_>, i: usize, a: &ArrayRef<'_>) -> Result<(), ApiError> {
    if a.ndim() <= MAX_RANK {
        return Ok(());
    }
    Err(ApiError::value_error(
        args.name(i),
        format!(
            "expected at most {MAX_RANK} dimensions, got {}",
            a.describe()
        ),
    ))
}
