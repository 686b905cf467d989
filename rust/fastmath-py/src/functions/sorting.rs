//! Sorting and searching on 1-D arrays. Order is numpy's: ascending, nan after everything,
//! ``-0.0 == 0.0``. Index results are int64 (``array.array("q")`` or numpy int64).

use fastmath_core::search::{self, Side};
use fastmath_core::sort as sort_kernels;
use pyo3::prelude::*;

use super::plumbing::{OrRaise, integer, new_like};
use crate::input::{Arg, Array, Shape, extract_arg, extract_array};

fn vector(x: &Bound<'_, PyAny>, name: &str) -> PyResult<Array> {
    let a = extract_array(x, name)?;
    a.vector(name)?;
    Ok(a)
}

/// A sorted copy, ascending, nan last.
///
/// >>> import fastmath
/// >>> fastmath.sort([3, float("nan"), 1]).tolist()
/// [1.0, 3.0, nan]
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn sort<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let a = vector(x, "x")?;
    new_like(py, a.shape(), a.is_numpy, "sort", |out| {
        sort_kernels::sort_into(a.as_slice(), out)
    })
}

/// Indices that sort the array (stable: equal values keep their order; nan last).
///
/// >>> import fastmath
/// >>> fastmath.argsort([3, 1, 2, 1]).tolist()
/// [1, 3, 2, 0]
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn argsort<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let a = vector(x, "x")?;
    new_like::<i64>(py, a.shape(), a.is_numpy, "argsort", |out| {
        sort_kernels::argsort_into(a.as_slice(), out)
    })
}

/// Where to insert ``v`` into the sorted array ``a`` to keep it sorted: the first such index
/// with ``side="left"``, the last with ``side="right"``. A number ``v`` gives an int, an
/// array ``v`` an int64 array.
///
/// >>> import fastmath
/// >>> fastmath.searchsorted([1, 2, 2, 3], 2)
/// 1
/// >>> fastmath.searchsorted([1, 2, 2, 3], [2, 5], side="right").tolist()
/// [3, 4]
#[pyfunction]
#[pyo3(signature = (a, v, /, side = "left"))]
pub fn searchsorted<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    v: &Bound<'py, PyAny>,
    side: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let side = Side::parse(side).or_raise("searchsorted")?;
    let a = vector(a, "a")?;
    match extract_arg(v, "v")? {
        Arg::Scalar(value) => {
            let mut index = [0i64];
            search::searchsorted_into(a.as_slice(), &[value], side, &mut index)
                .or_raise("searchsorted")?;
            Ok(index[0].into_pyobject(py)?.into_any())
        }
        Arg::Array(values) => {
            let probes = values.vector("v")?;
            new_like::<i64>(
                py,
                Shape::Vector(probes.len()),
                a.is_numpy || values.is_numpy,
                "searchsorted",
                |out| search::searchsorted_into(a.as_slice(), probes, side, out),
            )
        }
    }
}

/// The sorted distinct values (all nans collapse to one, as numpy 2).
///
/// >>> import fastmath
/// >>> fastmath.unique([3, 1, 3, 2, 1]).tolist()
/// [1.0, 2.0, 3.0]
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn unique<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let a = vector(x, "x")?;
    let values = sort_kernels::unique(a.as_slice());
    new_like(
        py,
        Shape::Vector(values.len()),
        a.is_numpy,
        "unique",
        |out| {
            out.copy_from_slice(&values);
            Ok(())
        },
    )
}

/// Indices of the ``k`` largest elements, largest first; ties go to the lower index; nan
/// counts as largest (the order ``sort`` uses). ``k`` must be in ``0..=len(x)``.
///
/// >>> import fastmath
/// >>> fastmath.topk([5, 1, 5, 3], 3).tolist()
/// [0, 2, 3]
#[pyfunction]
#[pyo3(signature = (x, k, /))]
pub fn topk<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    k: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let k = integer(k, "k")?;
    let a = vector(x, "x")?;
    let k = sort_kernels::check_topk(k, a.len()).or_raise("topk")?;
    new_like::<i64>(py, Shape::Vector(k), a.is_numpy, "topk", |out| {
        sort_kernels::topk_into(a.as_slice(), out)
    })
}
