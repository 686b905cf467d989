//! `fastmath-wasm`: fastmath-core compiled for `wasm32-unknown-unknown` through wasm-bindgen, the
//! "universal" backend. Unlike the PyO3 extension it does not depend on one Pyodide ABI, so the
//! same `.wasm` serves every Pyodide version and plain JavaScript.
//!
//! Two faces over the same kernels:
//! * [`js_api`]: idiomatic JavaScript (`sum(Float64Array)`, `square(Float64Array)`, ...).
//!   wasm-bindgen copies each typed array into the module's memory and back out.
//! * [`scratch`]: the path the Python loader (`fastmath._wasm`) uses. Python's data is copied
//!   into a region of this module's memory, a kernel runs on *element offsets* into that region,
//!   and results are copied out: whole vectors for small inputs (`JsProxy.assign` /
//!   `assign_to` on a `Float64Array` view), and for large ones chunk by chunk from one JS loop
//!   (`fastmath._wasm._calls`), so each chunk is read by the kernel while it is still in cache;
//!   reductions carry their state across chunks (`*_stream_*`), bit-identical to one shot.
//!   No per-element marshalling, no JS-side allocation per call.
//!
//! Errors are JS `Error`s whose `name` is the Python exception class to raise ([`errors`]).
//! A panic aborts (a wasm `unreachable` trap); [`panic`] keeps its message so the host can
//! report it after re-instantiating the module.

pub mod errors;
pub mod js_api;
pub mod panic;
pub mod scratch;
mod scratch_linalg;
mod scratch_math;
mod scratch_sort;
