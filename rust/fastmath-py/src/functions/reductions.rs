//! Reductions: many values in, one value out; for 2-D input, all elements or one axis.

use fastmath_core::axis;
use fastmath_core::cumulative;
use fastmath_core::norm::{self as norm_kernels, NormOrd};
use fastmath_core::{elementwise, reduce as kernels};
use pyo3::prelude::*;

use super::plumbing::{OrRaise, axis_arg, float, new_like, reduce};
use crate::input::{Arg, Shape, extract_arg, extract_array};

/// Defines reductions over all elements or one `axis` of a 2-D array: `$all` reduces a slice,
/// `$along` one axis of a matrix. `$extra` are further keyword arguments (ddof) both use.
macro_rules! axis_reductions {
    ($($name:ident($($extra:ident: $ty:ty = $default:tt),*) => $all:expr, $along:expr, $doc:literal;)*) => {$(
        #[doc = $doc]
        #[pyfunction]
        #[pyo3(signature = (x, /, axis = None $(, $extra = $default)*))]
        pub fn $name<'py>(
            py: Python<'py>,
            x: &Bound<'py, PyAny>,
            axis: Option<&Bound<'py, PyAny>>,
            $($extra: $ty,)*
        ) -> PyResult<Bound<'py, PyAny>> {
            reduce(
                py,
                x,
                axis_arg(axis)?,
                stringify!($name),
                |v| ($all)(v $(, $extra)*),
                |m, a, out| ($along)(m, a $(, $extra)*, out),
            )
        }
    )*};
}

axis_reductions! {
    sum() => |v| Ok(kernels::sum(v)), axis::sum_axis,
        "Sum of all elements, or along ``axis`` (0 or 1) of a 2-D array. Compensated (Neumaier):\nexactly rounded but in pathological cases.\n\n>>> import fastmath\n>>> fastmath.sum([1e16, 1.0, -1e16])\n1.0\n>>> fastmath.sum([[1, 2], [3, 4]], axis=0).tolist()\n[4.0, 6.0]";
    mean() => |v| Ok(kernels::mean(v)), axis::mean_axis,
        "Arithmetic mean (compensated sum / n), of all elements or along ``axis``; nan for empty\ninput, as numpy.\n\n>>> import fastmath\n>>> fastmath.mean([1, 2, 3, 4])\n2.5";
    var(ddof: f64 = 0.0) => |v, ddof| Ok(kernels::var(v, ddof)), axis::var_axis,
        "Variance with divisor ``n - ddof``, of all elements or along ``axis`` (two-pass,\ncompensated). As numpy: the divisor is ``max(n - ddof, 0)``.\n\n>>> import fastmath\n>>> fastmath.var([1, 2, 3, 4])\n1.25\n>>> fastmath.var([1, 2, 3, 4], ddof=1)\n1.6666666666666667";
    std(ddof: f64 = 0.0) => |v, ddof| Ok(kernels::std(v, ddof)), axis::std_axis,
        "Standard deviation, ``sqrt(var(x, axis, ddof))``.\n\n>>> import fastmath\n>>> fastmath.std([2, 4, 4, 4, 5, 5, 7, 9])\n2.0";
    min() => kernels::min, axis::min_axis,
        "Smallest element (nan if any is nan, as numpy), of all elements or along ``axis``.\nEmpty input raises ValueError.\n\n>>> import fastmath\n>>> fastmath.min([3, 1, 2])\n1.0";
    max() => kernels::max, axis::max_axis,
        "Largest element (nan if any is nan, as numpy), of all elements or along ``axis``.\nEmpty input raises ValueError.\n\n>>> import fastmath\n>>> fastmath.max([[3, 1], [2, 5]], axis=1).tolist()\n[3.0, 5.0]";
}

/// Product of all elements (1.0 for empty input).
///
/// >>> import fastmath
/// >>> fastmath.prod([1, 2, 3, 4])
/// 24.0
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn prod(x: &Bound<'_, PyAny>) -> PyResult<f64> {
    Ok(match extract_arg(x, "x")? {
        Arg::Scalar(v) => v,
        Arg::Array(a) => kernels::prod(a.as_slice()),
    })
}

/// Index of the smallest element (the first one; the first nan if any), over the flattened
/// array as numpy. Empty input raises ValueError.
///
/// >>> import fastmath
/// >>> fastmath.argmin([3, 1, 1])
/// 1
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn argmin(x: &Bound<'_, PyAny>) -> PyResult<usize> {
    let a = extract_array(x, "x")?;
    kernels::argmin(a.as_slice()).or_raise("argmin")
}

/// Index of the largest element (the first one; the first nan if any), over the flattened
/// array as numpy. Empty input raises ValueError.
///
/// >>> import fastmath
/// >>> fastmath.argmax([3, 7, 7])
/// 1
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn argmax(x: &Bound<'_, PyAny>) -> PyResult<usize> {
    let a = extract_array(x, "x")?;
    kernels::argmax(a.as_slice()).or_raise("argmax")
}

/// Running sums of the flattened array (1-D result, as numpy without ``axis``).
///
/// >>> import fastmath
/// >>> fastmath.cumsum([1, 2, 3]).tolist()
/// [1.0, 3.0, 6.0]
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn cumsum<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let a = extract_array(x, "x")?;
    new_like(py, Shape::Vector(a.len()), a.is_numpy, "cumsum", |out| {
        cumulative::cumsum_into(a.as_slice(), out)
    })
}

/// Running products of the flattened array (1-D result, as numpy without ``axis``).
///
/// >>> import fastmath
/// >>> fastmath.cumprod([1, 2, 3]).tolist()
/// [1.0, 2.0, 6.0]
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn cumprod<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let a = extract_array(x, "x")?;
    new_like(py, Shape::Vector(a.len()), a.is_numpy, "cumprod", |out| {
        cumulative::cumprod_into(a.as_slice(), out)
    })
}

/// Vector norm of a 1-D array: ``ord=2`` Euclidean (scaled: no overflow or underflow on the
/// way), ``ord=1`` sum of absolute values, ``ord=inf`` largest absolute value.
///
/// >>> import fastmath
/// >>> fastmath.norm([3, 4])
/// 5.0
/// >>> fastmath.norm([3, -4], ord=1)
/// 7.0
#[pyfunction]
#[pyo3(signature = (x, /, ord = 2.0))]
pub fn norm(x: &Bound<'_, PyAny>, ord: f64) -> PyResult<f64> {
    let ord = NormOrd::from_f64(ord).or_raise("norm")?;
    let a = extract_array(x, "x")?;
    Ok(norm_kernels::norm(a.vector("x")?, ord))
}

/// Dot product. Two vectors of equal length give a float; a number and a vector give the
/// scaled vector; two numbers give their product (as ``numpy.dot``).
///
/// >>> import fastmath
/// >>> fastmath.dot([1, 2, 3], [4, 5, 6])
/// 32.0
/// >>> fastmath.dot(2, [1, 2]).tolist()
/// [2.0, 4.0]
#[pyfunction]
#[pyo3(signature = (x, y, /))]
pub fn dot<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    y: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    match (extract_arg(x, "x")?, extract_arg(y, "y")?) {
        (Arg::Scalar(a), Arg::Scalar(b)) => float(py, a * b),
        (Arg::Scalar(s), Arg::Array(v)) | (Arg::Array(v), Arg::Scalar(s)) => {
            new_like(py, v.shape(), v.is_numpy, "dot", |out| {
                elementwise::scale_into(s, v.as_slice(), out)
            })
        }
        (Arg::Array(a), Arg::Array(b)) => {
            let (xs, ys) = (a.vector("x")?, b.vector("y")?);
            if xs.len() != ys.len() {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "dot: x has length {} but y has length {}",
                    xs.len(),
                    ys.len()
                )));
            }
            float(py, kernels::dot(xs, ys).or_raise("dot")?)
        }
    }
}
