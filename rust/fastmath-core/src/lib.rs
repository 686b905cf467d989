//! fastmath's numerical kernels.
//!
//! Plain Rust over slices, with no knowledge of Python or JavaScript: the binding crates
//! (`fastmath-py`, `fastmath-wasm`) convert their inputs to slices, call in here and wrap the
//! results. Keeping every kernel here means each one is tested and benchmarked natively once
//! and behaves identically behind every backend.

pub mod elementwise;
pub mod error;
pub mod reduce;

pub use error::{Error, ErrorKind, Result};
