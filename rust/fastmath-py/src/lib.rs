//! `fastmath._native`: the PyO3 extension behind fastmath's "native" backend.
//!
//! A thin layer: argument conversion (`input`), result allocation (`output`), exception
//! mapping (`errors`) and the exported functions (`functions`). Numerics live in fastmath-core.

mod buffer;
mod errors;
mod functions;
mod input;
mod numpy_interop;
mod output;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    functions::register(m)
}
