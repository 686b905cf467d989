//! The Python-visible functions, one module per family. Each converts its arguments with
//! `input`, runs fastmath-core kernels and wraps results with `output`; no numerics live here.

mod elementwise;
mod linalg;
mod plumbing;
mod reductions;
mod sorting;

use pyo3::prelude::*;

/// Adds every public function to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    macro_rules! add {
        ($($module:ident::$name:ident),* $(,)?) => {
            $(m.add_function(wrap_pyfunction!($module::$name, m)?)?;)*
        };
    }
    add!(
        elementwise::square,
        elementwise::sqrt,
        elementwise::exp,
        elementwise::log,
        elementwise::log1p,
        elementwise::expm1,
        elementwise::sin,
        elementwise::cos,
        elementwise::tan,
        elementwise::tanh,
        elementwise::abs,
        elementwise::sigmoid,
        elementwise::relu,
        elementwise::clip,
        elementwise::add,
        elementwise::subtract,
        elementwise::multiply,
        elementwise::divide,
        reductions::sum,
        reductions::prod,
        reductions::mean,
        reductions::var,
        reductions::std,
        reductions::min,
        reductions::max,
        reductions::argmin,
        reductions::argmax,
        reductions::cumsum,
        reductions::cumprod,
        reductions::dot,
        reductions::norm,
        linalg::matmul,
        linalg::transpose,
        linalg::solve,
        linalg::inv,
        linalg::det,
        linalg::cholesky,
        linalg::qr,
        linalg::lstsq,
        linalg::eigh,
        linalg::svd,
        sorting::sort,
        sorting::argsort,
        sorting::searchsorted,
        sorting::unique,
        sorting::topk,
    );
    Ok(())
}
