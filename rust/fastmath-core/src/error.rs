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
        }
    }
}

impl std::error::Error for Error {}
