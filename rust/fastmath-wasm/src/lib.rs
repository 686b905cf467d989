//! `fastmath-wasm`: fastmath's function table compiled for `wasm32-unknown-unknown` through
//! wasm-bindgen, the "universal" backend. Unlike the PyO3 extension it does not depend on one
//! Pyodide ABI, so the same `.wasm` serves every Pyodide version and plain JavaScript.
//!
//! Two faces over the same table (`fastmath_api::functions()`):
//! * [`js_api`]: idiomatic JavaScript (`sum(Float64Array)`, `square(Float64Array)`, ...), the
//!   module's public, typed API.
//! * [`call`]: the generic entry point the Python package (`fastmath._wasm`) uses for every
//!   function: a function index and a header describing the arguments, whose bytes the
//!   package's runtime (`runtime.js`) copied into the module's memory ([`region`], [`header`]).
//!   It is kept out of the `.d.ts` (`skip_typescript`): an internal protocol, not API.
//! * [`number`]: the same entry point's shortcut for calls of one or two floats.
//! * [`host`]: the same entry points with numbers only, for a host without JavaScript
//!   (wasmtime from desktop Python).
//!
//! * [`threads`]: built for `wasm32-wasip1-threads`, the same `host` exports from a module
//!   whose large calls split across a pool of threads (docs/threads.md).
//!
//! Errors are JS `Error`s whose `name` is the Python exception class to raise ([`errors`]).
//! A panic aborts (a wasm `unreachable` trap); [`panic`] keeps its message so the host can
//! report it after re-instantiating the module.

mod call;
mod errors;
mod header;
pub mod host;
pub mod js_api;
mod number;
pub mod panic;
mod region;
#[cfg(target_os = "wasi")]
mod threads;
