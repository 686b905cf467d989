//! Special functions: the error function and its complement, the gamma function and the log of
//! its magnitude (elementwise), and the log-sum-exp family (reductions over lanes).

pub mod error_function;
pub mod gamma;
pub mod logsumexp;
