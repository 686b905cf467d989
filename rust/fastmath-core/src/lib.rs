//! fastmath's numerical kernels.
//!
//! Plain Rust over slices, with no knowledge of Python or JavaScript: the binding crates
//! (`fastmath-py`, `fastmath-wasm`) convert their inputs to slices, call in here and wrap the
//! results. Keeping every kernel here means each one is tested and benchmarked natively once
//! and behaves identically behind every backend.

pub mod axis;
pub mod binary;
pub mod cumulative;
pub mod distance;
pub mod elementwise;
pub mod error;
pub mod fft;
pub mod gemm;
pub mod kmeans;
pub mod linalg;
pub mod matrix;
pub mod median;
pub mod norm;
pub mod number_theory;
pub mod parallel;
pub mod polynomial;
pub mod random;
pub mod reduce;
pub mod search;
pub mod sequences;
pub mod sort;
pub mod special;
pub mod statistics;

pub use error::{Error, ErrorKind, Result};
