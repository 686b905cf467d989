//! The Python-visible functions, one module per family. Each converts its arguments with
//! `input`, runs fastmath-core kernels and wraps results with `output`; no numerics live here.

mod elementwise;
mod plumbing;
mod reductions;

use pyo3::prelude::*;

/// Adds every public function to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(elementwise::square, m)?)?;
    m.add_function(wrap_pyfunction!(reductions::sum, m)?)?;
    m.add_function(wrap_pyfunction!(reductions::mean, m)?)?;
    m.add_function(wrap_pyfunction!(reductions::dot, m)?)?;
    Ok(())
}
