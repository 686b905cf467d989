//! `fastmath._native`: the PyO3 extension behind fastmath's "native" backend.
//!
//! A generic binding of fastmath-api's function table, and nothing else: it registers one
//! Python function per table entry (`entry`), reads Python objects as fastmath-api values
//! (`values`, `sequences`, `buffer`), allocates result arrays as Python objects (`results`)
//! and maps refusals to exceptions (`errors`). What a function accepts, computes and refuses,
//! and every message, live in fastmath-api; the numerics in fastmath-core.

mod buffer;
mod entry;
mod errors;
mod numpy_interop;
mod results;
mod sequences;
mod values;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    entry::register(m)
}
