//! The shapes of call every family shares: elementwise maps, binary operations with a scalar
//! side, and reductions over all elements or one axis. Each binding is then one line naming its
//! kernels, and every function refuses bad input with the same messages.

use fastmath_core::Result as CoreResult;
use fastmath_core::axis::Axis;
use fastmath_core::matrix::MatRef;
use pyo3::prelude::*;

use crate::errors::{kernel_error, type_error, value_error};
use crate::input::{Arg, Array, Shape, extract_arg};
use crate::output::{OutArray, OutElement};

/// Converts a kernel's refusal into the Python exception for `function`.
pub trait OrRaise<T> {
    fn or_raise(self, function: &str) -> PyResult<T>;
}

impl<T> OrRaise<T> for CoreResult<T> {
    fn or_raise(self, function: &str) -> PyResult<T> {
        self.map_err(|e| kernel_error(function, e))
    }
}

/// An integer argument (an axis, a count), with errors that name it: TypeError for a
/// non-integer, ValueError (not OverflowError) for one beyond 64 bits.
pub fn integer(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<i64> {
    obj.extract::<i64>().map_err(|e| {
        if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(obj.py()) {
            value_error(name, "integer out of range")
        } else {
            type_error(
                name,
                format!("expected an integer, got {}", crate::input::type_name(obj)),
            )
        }
    })
}

/// An optional axis argument as an integer.
pub fn axis_arg(axis: Option<&Bound<'_, PyAny>>) -> PyResult<Option<i64>> {
    axis.filter(|a| !a.is_none())
        .map(|a| integer(a, "axis"))
        .transpose()
}

/// A float as a Python object.
pub fn float<'py>(py: Python<'py>, v: f64) -> PyResult<Bound<'py, PyAny>> {
    Ok(v.into_pyobject(py)?.into_any())
}

/// Allocates a result shaped like `like` and fills it with `fill`.
pub fn new_like<'py, T: OutElement>(
    py: Python<'py>,
    shape: Shape,
    numpy: bool,
    function: &str,
    fill: impl FnOnce(&mut [T]) -> CoreResult<()>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut out = OutArray::<T>::new(py, shape, numpy)?;
    fill(out.as_mut_slice()).or_raise(function)?;
    Ok(out.finish())
}

/// An elementwise function: a number gives a float, an array an array of the same shape.
pub fn unary<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    function: &str,
    scalar: impl Fn(f64) -> f64,
    kernel: impl Fn(&[f64], &mut [f64]) -> CoreResult<()>,
) -> PyResult<Bound<'py, PyAny>> {
    match extract_arg(x, "x")? {
        Arg::Scalar(v) => float(py, scalar(v)),
        Arg::Array(a) => new_like(py, a.shape(), a.is_numpy, function, |out| {
            kernel(a.as_slice(), out)
        }),
    }
}

/// The kernels of a binary elementwise operation, one per combination of array and scalar.
pub struct BinaryKernels<S, AA, AS, SA> {
    pub scalar: S,
    pub array_array: AA,
    pub array_scalar: AS,
    pub scalar_array: SA,
}

/// A binary elementwise operation on two arrays of one shape, or an array and a number.
pub fn binary<'py, S, AA, AS, SA>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    y: &Bound<'py, PyAny>,
    function: &str,
    kernels: BinaryKernels<S, AA, AS, SA>,
) -> PyResult<Bound<'py, PyAny>>
where
    S: Fn(f64, f64) -> f64,
    AA: Fn(&[f64], &[f64], &mut [f64]) -> CoreResult<()>,
    AS: Fn(&[f64], f64, &mut [f64]) -> CoreResult<()>,
    SA: Fn(f64, &[f64], &mut [f64]) -> CoreResult<()>,
{
    match (extract_arg(x, "x")?, extract_arg(y, "y")?) {
        (Arg::Scalar(a), Arg::Scalar(b)) => float(py, (kernels.scalar)(a, b)),
        (Arg::Array(a), Arg::Scalar(b)) => new_like(py, a.shape(), a.is_numpy, function, |o| {
            (kernels.array_scalar)(a.as_slice(), b, o)
        }),
        (Arg::Scalar(a), Arg::Array(b)) => new_like(py, b.shape(), b.is_numpy, function, |o| {
            (kernels.scalar_array)(a, b.as_slice(), o)
        }),
        (Arg::Array(a), Arg::Array(b)) => {
            same_shape(function, &a, &b)?;
            new_like(py, a.shape(), a.is_numpy || b.is_numpy, function, |o| {
                (kernels.array_array)(a.as_slice(), b.as_slice(), o)
            })
        }
    }
}

/// ValueError unless `x` and `y` have one shape (fastmath broadcasts only scalars).
pub fn same_shape(function: &str, x: &Array, y: &Array) -> PyResult<()> {
    if x.shape() == y.shape() {
        return Ok(());
    }
    Err(pyo3::exceptions::PyValueError::new_err(format!(
        "{function}: x is {} but y is {} (only a single number is broadcast)",
        x.shape().describe(),
        y.shape().describe()
    )))
}

/// A reduction: all elements to one float, or one axis of a 2-D array to a 1-D array.
/// `axis` is numpy's: 0/1 (or -2/-1) for 2-D; 0/-1 for 1-D (the same as no axis).
pub fn reduce<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    axis: Option<i64>,
    function: &str,
    all: impl Fn(&[f64]) -> CoreResult<f64>,
    along: impl Fn(MatRef<'_>, Axis, &mut [f64]) -> CoreResult<()>,
) -> PyResult<Bound<'py, PyAny>> {
    let (a, ndim) = match extract_arg(x, "x")? {
        Arg::Scalar(v) => {
            check_flat_axis(axis, 0)?;
            return float(py, all(&[v]).or_raise(function)?);
        }
        Arg::Array(a) => {
            let ndim = if matches!(a.shape(), Shape::Vector(_)) {
                1
            } else {
                2
            };
            (a, ndim)
        }
    };
    match (a.shape(), axis) {
        (Shape::Matrix(..), Some(axis)) => {
            let axis = Axis::new(axis).or_raise(function)?;
            let m = a.matrix("x")?;
            new_like(
                py,
                Shape::Vector(axis.output_len(m)),
                a.is_numpy,
                function,
                |out| along(m, axis, out),
            )
        }
        (_, axis) => {
            check_flat_axis(axis, ndim)?;
            float(py, all(a.as_slice()).or_raise(function)?)
        }
    }
}

/// For 0-D and 1-D input only `axis` None, 0 or -1 (1-D) mean anything.
fn check_flat_axis(axis: Option<i64>, ndim: usize) -> PyResult<()> {
    match axis {
        None => Ok(()),
        Some(0 | -1) if ndim == 1 => Ok(()),
        Some(axis) => Err(value_error(
            "axis",
            format!("axis {axis} is out of bounds for a {ndim}-D array"),
        )),
    }
}
