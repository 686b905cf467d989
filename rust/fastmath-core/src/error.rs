//! The one error type every kernel returns.
//!
//! Bindings map each variant onto a Python exception class (TypeError, ValueError, LinAlgError,
//! MemoryError) so that both backends raise the same class with the same message.

use std::fmt;

/// Why a kernel refused its input. Messages name what was expected and what came, so a binding
/// only has to prefix the argument name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Two inputs that must have the same length do not.
    LengthMismatch { left: usize, right: usize },
    /// An output buffer does not have the length the kernel writes.
    OutputLength { expected: usize, got: usize },
    /// Matrix data whose length is not `rows * cols`.
    MatrixData {
        len: usize,
        rows: usize,
        cols: usize,
    },
    /// A matrix that must be square is not (linear algebra).
    NotSquare { rows: usize, cols: usize },
    /// The right-hand side `b` of `solve`/`lstsq` does not have as many rows as `a`.
    RowMismatch {
        a_rows: usize,
        a_cols: usize,
        b_rows: usize,
    },
    /// `matmul` operands whose inner dimensions differ (`a.cols != b.rows`).
    InnerDimMismatch {
        a_rows: usize,
        a_cols: usize,
        b_rows: usize,
        b_cols: usize,
    },
    /// A caller-provided output matrix has the wrong shape.
    OutputShape {
        expected_rows: usize,
        expected_cols: usize,
        rows: usize,
        cols: usize,
    },
    /// `solve`/`inv` of a matrix with an exactly zero pivot in its LU factorisation.
    Singular,
    /// `cholesky` of a matrix that is not (numerically) positive definite.
    NotPositiveDefinite,
    /// An iterative decomposition (SVD, symmetric eigensolver) did not converge. Messages of
    /// the LinAlg variants are numpy's own ("Singular matrix", "Matrix is not positive
    /// definite", "SVD did not converge", "Eigenvalues did not converge").
    NoConvergence { what: &'static str },
    /// A reduction with no identity (`min`, `max`, `argmin`, `argmax`) over zero elements.
    EmptyReduction { function: &'static str },
    /// An axis other than 0, 1, -1, -2 for a 2-D reduction.
    AxisOutOfRange { axis: i64, ndim: usize },
    /// `topk` with `k < 0` or `k > len`.
    TopKOutOfRange { k: i64, len: usize },
    /// A keyword option with a value outside its allowed set (`side`, `ord`).
    InvalidOption {
        name: &'static str,
        expected: &'static str,
        got: String,
    },
}

pub type Result<T> = std::result::Result<T, Error>;

/// Which exception class a refusal becomes in Python; bindings map on this, never on variants,
/// so new variants need no binding changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Wrong shape, length or value: `ValueError`.
    InvalidValue,
    /// A matrix with no answer (singular, not positive definite): `fastmath.LinAlgError`.
    LinAlg,
    /// An allocation that cannot be made: `MemoryError`.
    OutOfMemory,
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::LengthMismatch { .. } | Error::OutputLength { .. } => ErrorKind::InvalidValue,
            Error::MatrixData { .. }
            | Error::RowMismatch { .. }
            | Error::InnerDimMismatch { .. }
            | Error::OutputShape { .. } => ErrorKind::InvalidValue,
            // numpy.linalg refuses a matrix that is not square with its LinAlgError too.
            Error::NotSquare { .. }
            | Error::Singular
            | Error::NotPositiveDefinite
            | Error::NoConvergence { .. } => ErrorKind::LinAlg,
            Error::EmptyReduction { .. }
            | Error::AxisOutOfRange { .. }
            | Error::TopKOutOfRange { .. }
            | Error::InvalidOption { .. } => ErrorKind::InvalidValue,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::LengthMismatch { left, right } => {
                write!(f, "lengths differ: {left} and {right}")
            }
            Error::OutputLength { expected, got } => {
                write!(f, "output has length {got}, expected {expected}")
            }
            Error::MatrixData { len, rows, cols } => {
                write!(f, "data has length {len}, expected {rows}x{cols}")
            }
            Error::NotSquare { rows, cols } => write!(f, "a must be square, got {rows}x{cols}"),
            Error::RowMismatch {
                a_rows,
                a_cols,
                b_rows,
            } => {
                write!(f, "a is {a_rows}x{a_cols} but b has {b_rows} rows")
            }
            Error::InnerDimMismatch {
                a_rows,
                a_cols,
                b_rows,
                b_cols,
            } => write!(
                f,
                "matmul: a is {a_rows}x{a_cols} but b is {b_rows}x{b_cols} \
                 (a's {a_cols} columns must match b's {b_rows} rows)"
            ),
            Error::OutputShape {
                expected_rows,
                expected_cols,
                rows,
                cols,
            } => {
                write!(
                    f,
                    "output is {rows}x{cols}, expected {expected_rows}x{expected_cols}"
                )
            }
            Error::Singular => write!(f, "Singular matrix"),
            Error::NotPositiveDefinite => write!(f, "Matrix is not positive definite"),
            Error::NoConvergence { what } => write!(f, "{what} did not converge"),
            Error::EmptyReduction { function } => write!(
                f,
                "zero-size array to reduction operation {function} which has no identity"
            ),
            Error::AxisOutOfRange { axis, ndim } => {
                write!(
                    f,
                    "axis {axis} is out of bounds for array of dimension {ndim}"
                )
            }
            Error::TopKOutOfRange { k, len } => {
                write!(f, "k must be between 0 and {len} (the length), got {k}")
            }
            Error::InvalidOption {
                name,
                expected,
                got,
            } => write!(f, "{name} must be {expected}, got {got}"),
        }
    }
}

impl std::error::Error for Error {}
