//! Elementwise math: a number gives a float, an array an array of the same shape (a numpy
//! array for numpy input, else ``array.array("d")`` for 1-D or a 2-D ``memoryview``). IEEE
//! results as numpy gives them: ``sqrt(-1)`` is nan, ``log(0)`` is -inf, no exceptions.

use fastmath_core::{binary as binary_kernels, elementwise as kernels};
use pyo3::prelude::*;

use super::plumbing::{BinaryKernels, binary, unary};
use crate::input::extract_scalar;

/// Defines one `#[pyfunction]` per unary kernel, each with its own docstring and example.
macro_rules! unary_functions {
    ($($name:ident, $into:ident, $doc:literal;)*) => {$(
        #[doc = $doc]
        #[pyfunction]
        #[pyo3(signature = (x, /))]
        pub fn $name<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
            unary(py, x, stringify!($name), kernels::$name, kernels::$into)
        }
    )*};
}

unary_functions! {
    square, square_into, "Elementwise square, ``x * x``.\n\n>>> import fastmath\n>>> fastmath.square(3.0)\n9.0\n>>> fastmath.square([1, 2, 3]).tolist()\n[1.0, 4.0, 9.0]";
    sqrt, sqrt_into, "Elementwise square root; nan for negative input.\n\n>>> import fastmath\n>>> fastmath.sqrt([4, 9]).tolist()\n[2.0, 3.0]\n>>> fastmath.sqrt(-1.0)\nnan";
    exp, exp_into, "Elementwise e**x (within 1 ulp; the same bits on every platform).\n\n>>> import fastmath\n>>> fastmath.exp([0.0, 1.0]).tolist()\n[1.0, 2.718281828459045]";
    log, log_into, "Elementwise natural logarithm; -inf at 0, nan below.\n\n>>> import fastmath\n>>> fastmath.log([1.0, 0.0]).tolist()\n[0.0, -inf]";
    log1p, log1p_into, "Elementwise log(1 + x), accurate for tiny x.\n\n>>> import fastmath\n>>> fastmath.log1p(1e-20)\n1e-20";
    expm1, expm1_into, "Elementwise exp(x) - 1, accurate for tiny x.\n\n>>> import fastmath\n>>> fastmath.expm1(1e-20)\n1e-20";
    sin, sin_into, "Elementwise sine (radians).\n\n>>> import fastmath\n>>> fastmath.sin([0.0]).tolist()\n[0.0]";
    cos, cos_into, "Elementwise cosine (radians).\n\n>>> import fastmath\n>>> fastmath.cos([0.0]).tolist()\n[1.0]";
    tan, tan_into, "Elementwise tangent (radians).\n\n>>> import fastmath\n>>> fastmath.tan(0.0)\n0.0";
    tanh, tanh_into, "Elementwise hyperbolic tangent.\n\n>>> import fastmath\n>>> fastmath.tanh([0.0, 1000.0]).tolist()\n[0.0, 1.0]";
    abs, abs_into, "Elementwise absolute value.\n\n>>> import fastmath\n>>> fastmath.abs([-1.5, 2.0]).tolist()\n[1.5, 2.0]";
    sigmoid, sigmoid_into, "Elementwise logistic sigmoid 1 / (1 + exp(-x)), stable for large |x|.\n\n>>> import fastmath\n>>> fastmath.sigmoid([0.0, -1000.0, 1000.0]).tolist()\n[0.5, 0.0, 1.0]";
    relu, relu_into, "Elementwise max(x, 0); nan stays nan (as numpy.maximum).\n\n>>> import fastmath\n>>> fastmath.relu([-2.0, 3.0]).tolist()\n[0.0, 3.0]";
}

/// Limits values to ``[lo, hi]``, as ``numpy.clip``: nan stays nan; if ``lo > hi`` every
/// value becomes ``hi``.
///
/// >>> import fastmath
/// >>> fastmath.clip([-5, 0.5, 5], 0, 1).tolist()
/// [0.0, 0.5, 1.0]
#[pyfunction]
#[pyo3(signature = (x, lo, hi, /))]
pub fn clip<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    lo: &Bound<'py, PyAny>,
    hi: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let (lo, hi) = (extract_scalar(lo, "lo")?, extract_scalar(hi, "hi")?);
    unary(
        py,
        x,
        "clip",
        |v| kernels::clip(v, lo, hi),
        |x, out| kernels::clip_into(x, lo, hi, out),
    )
}

/// Defines one `#[pyfunction]` per binary operation.
macro_rules! binary_functions {
    ($($name:ident, $vv:ident, $vs:ident, $sv:ident, $doc:literal;)*) => {$(
        #[doc = $doc]
        #[pyfunction]
        #[pyo3(signature = (x, y, /))]
        pub fn $name<'py>(
            py: Python<'py>,
            x: &Bound<'py, PyAny>,
            y: &Bound<'py, PyAny>,
        ) -> PyResult<Bound<'py, PyAny>> {
            binary(py, x, y, stringify!($name), BinaryKernels {
                scalar: binary_kernels::$name,
                array_array: binary_kernels::$vv,
                array_scalar: binary_kernels::$vs,
                scalar_array: binary_kernels::$sv,
            })
        }
    )*};
}

binary_functions! {
    add, add_into, add_slice_scalar_into, add_scalar_slice_into,
        "Elementwise ``x + y`` for two arrays of one shape, or an array and a number.\n\n>>> import fastmath\n>>> fastmath.add([1, 2], [10, 20]).tolist()\n[11.0, 22.0]\n>>> fastmath.add([1, 2], 0.5).tolist()\n[1.5, 2.5]";
    subtract, subtract_into, subtract_slice_scalar_into, subtract_scalar_slice_into,
        "Elementwise ``x - y`` for two arrays of one shape, or an array and a number.\n\n>>> import fastmath\n>>> fastmath.subtract(10, [1, 2]).tolist()\n[9.0, 8.0]";
    multiply, multiply_into, multiply_slice_scalar_into, multiply_scalar_slice_into,
        "Elementwise ``x * y`` for two arrays of one shape, or an array and a number.\n\n>>> import fastmath\n>>> fastmath.multiply([1, 2], [3, 4]).tolist()\n[3.0, 8.0]";
    divide, divide_into, divide_slice_scalar_into, divide_scalar_slice_into,
        "Elementwise ``x / y`` (IEEE: ``1/0`` is inf, ``0/0`` nan) for two arrays of one shape,\nor an array and a number.\n\n>>> import fastmath\n>>> fastmath.divide([1, 0], 0).tolist()\n[inf, nan]";
}
