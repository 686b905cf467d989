//! Vectors the families allocate beside their results (scratch, lanes, conversions), reserved
//! fallibly: a size beyond memory is a MemoryError stating it, never an abort.

use crate::dtype::DType;
use crate::element::Element;
use crate::error::ApiError;

/// An empty vector with room for `n` values, counted as `dtype`'s in the MemoryError.
pub fn room<T>(n: usize, dtype: DType) -> Result<Vec<T>, ApiError> {
    let mut v = Vec::new();
    v.try_reserve_exact(n)
        .map_err(|_| ApiError::out_of_memory_elements(n, dtype))?;
    Ok(v)
}

/// `n` default values of `T`, or MemoryError.
pub fn zeros<T: Element>(n: usize) -> Result<Vec<T>, ApiError> {
    let mut v = room(n, T::DTYPE)?;
    v.resize(n, T::default());
    Ok(v)
}
