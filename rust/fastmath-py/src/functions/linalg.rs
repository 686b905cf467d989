//! Linear algebra on 2-D float64 arrays (row-major), numpy.linalg's names and conventions.
//!
//! Results are allocated in their final Python form and the kernels write straight into them.
//! Shapes are checked by the kernels before any work; a matrix with no answer raises
//! `fastmath.LinAlgError`.

use fastmath_core::linalg as kernels;
use fastmath_core::matrix::MatMut;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use super::plumbing::{OrRaise, float, new_like};
use crate::errors::value_error;
use crate::input::{Array, Shape, extract_array};
use crate::output::OutArray;

fn matrix_out<'a>(
    out: &'a mut [f64],
    rows: usize,
    cols: usize,
) -> fastmath_core::Result<MatMut<'a>> {
    MatMut::new(out, rows, cols)
}

/// Reads an argument that must be an array; numbers are refused with a hint.
fn array(obj: &Bound<'_, PyAny>, name: &str, function: &str) -> PyResult<Array> {
    extract_array(obj, name).map_err(|e| {
        if e.to_string().contains("single number") {
            value_error(
                name,
                format!("{function} takes arrays; for a number use multiply"),
            )
        } else {
            e
        }
    })
}

/// Matrix product ``a @ b``: 2-D @ 2-D gives a matrix, 2-D @ 1-D and 1-D @ 2-D a vector,
/// 1-D @ 1-D the inner product (a float), as ``numpy.matmul``.
///
/// >>> import fastmath
/// >>> fastmath.matmul([[1, 2], [3, 4]], [[5], [6]]).tolist()
/// [[17.0], [39.0]]
/// >>> fastmath.matmul([[1, 2], [3, 4]], [1, 1]).tolist()
/// [3.0, 7.0]
#[pyfunction]
#[pyo3(signature = (a, b, /))]
pub fn matmul<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    b: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let (a, b) = (array(a, "a", "matmul")?, array(b, "b", "matmul")?);
    let numpy = a.is_numpy || b.is_numpy;
    match (a.shape(), b.shape()) {
        (Shape::Matrix(m, _), Shape::Matrix(_, n)) => {
            let (am, bm) = (a.matrix("a")?, b.matrix("b")?);
            new_like(py, Shape::Matrix(m, n), numpy, "matmul", |out| {
                kernels::matmul(am, bm, matrix_out(out, m, n)?)
            })
        }
        (Shape::Matrix(m, _), Shape::Vector(_)) => {
            let am = a.matrix("a")?;
            new_like(py, Shape::Vector(m), numpy, "matmul", |out| {
                kernels::matvec(am, b.as_slice(), out)
            })
        }
        (Shape::Vector(_), Shape::Matrix(_, n)) => {
            let bm = b.matrix("b")?;
            new_like(py, Shape::Vector(n), numpy, "matmul", |out| {
                kernels::vecmat(a.as_slice(), bm, out)
            })
        }
        (Shape::Vector(k), Shape::Vector(l)) => {
            if k != l {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "matmul: a has length {k} but b has length {l}"
                )));
            }
            float(
                py,
                fastmath_core::reduce::dot(a.as_slice(), b.as_slice()).or_raise("matmul")?,
            )
        }
    }
}

/// Transpose of a 2-D array (a new row-major array); a 1-D array is returned as a copy, as
/// ``numpy.transpose`` leaves it unchanged.
///
/// >>> import fastmath
/// >>> fastmath.transpose([[1, 2, 3], [4, 5, 6]]).tolist()
/// [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]
#[pyfunction]
#[pyo3(signature = (a, /))]
pub fn transpose<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let a = array(a, "a", "transpose")?;
    match a.shape() {
        Shape::Vector(n) => new_like(py, Shape::Vector(n), a.is_numpy, "transpose", |out| {
            out.copy_from_slice(a.as_slice());
            Ok(())
        }),
        Shape::Matrix(m, n) => {
            let am = a.matrix("a")?;
            new_like(py, Shape::Matrix(n, m), a.is_numpy, "transpose", |out| {
                kernels::transpose(am, matrix_out(out, n, m)?)
            })
        }
    }
}

/// Solves ``a @ x = b`` for square ``a`` (LU with partial pivoting). ``b`` 1-D gives a 1-D
/// ``x``; ``b`` 2-D (one right-hand side per column) a 2-D ``x``. Singular ``a`` raises
/// ``fastmath.LinAlgError``.
///
/// >>> import fastmath
/// >>> fastmath.solve([[3, 1], [1, 2]], [9, 8]).tolist()
/// [2.0, 3.0]
#[pyfunction]
#[pyo3(signature = (a, b, /))]
pub fn solve<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    b: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let (a, b) = (array(a, "a", "solve")?, array(b, "b", "solve")?);
    let numpy = a.is_numpy || b.is_numpy;
    let am = a.matrix("a")?;
    match b.shape() {
        Shape::Vector(n) => new_like(py, Shape::Vector(n), numpy, "solve", |out| {
            kernels::solve_vec(am, b.as_slice(), out)
        }),
        Shape::Matrix(m, k) => {
            let bm = b.matrix("b")?;
            new_like(py, Shape::Matrix(m, k), numpy, "solve", |out| {
                kernels::solve(am, bm, matrix_out(out, m, k)?)
            })
        }
    }
}

/// Inverse of a square matrix. Singular input raises ``fastmath.LinAlgError``.
///
/// >>> import fastmath
/// >>> fastmath.inv([[2, 0], [0, 4]]).tolist()
/// [[0.5, 0.0], [0.0, 0.25]]
#[pyfunction]
#[pyo3(signature = (a, /))]
pub fn inv<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let a = array(a, "a", "inv")?;
    let am = a.matrix("a")?;
    let (m, n) = am.shape();
    new_like(py, Shape::Matrix(m, n), a.is_numpy, "inv", |out| {
        kernels::inv(am, matrix_out(out, m, n)?)
    })
}

/// Determinant of a square matrix (0.0 for a singular one; 1.0 for 0x0, as numpy).
///
/// >>> import fastmath
/// >>> fastmath.det([[1, 2], [3, 4]])
/// -2.0
#[pyfunction]
#[pyo3(signature = (a, /))]
pub fn det(a: &Bound<'_, PyAny>) -> PyResult<f64> {
    let a = array(a, "a", "det")?;
    kernels::det(a.matrix("a")?).or_raise("det")
}

/// Cholesky factor ``L`` (lower triangular, ``L @ L.T == a``) of a symmetric positive-definite
/// matrix; only the lower triangle of ``a`` is read. Not positive definite raises
/// ``fastmath.LinAlgError``.
///
/// >>> import fastmath
/// >>> fastmath.cholesky([[4, 2], [2, 5]]).tolist()
/// [[2.0, 0.0], [1.0, 2.0]]
#[pyfunction]
#[pyo3(signature = (a, /))]
pub fn cholesky<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let a = array(a, "a", "cholesky")?;
    let am = a.matrix("a")?;
    let (m, n) = am.shape();
    new_like(py, Shape::Matrix(m, n), a.is_numpy, "cholesky", |out| {
        kernels::cholesky(am, matrix_out(out, m, n)?)
    })
}

/// Reduced QR decomposition: ``(q, r)`` with ``q`` m x k (orthonormal columns), ``r`` k x n
/// (upper triangular), k = min(m, n), ``q @ r == a``. Signs may differ from numpy's.
///
/// >>> import fastmath
/// >>> q, r = fastmath.qr([[3, 0], [4, 5]])
/// >>> [round(v, 12) + 0.0 for v in fastmath.matmul(q, r).tolist()[1]]
/// [4.0, 5.0]
#[pyfunction]
#[pyo3(signature = (a, /))]
pub fn qr<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
    let a = array(a, "a", "qr")?;
    let am = a.matrix("a")?;
    let (m, n) = am.shape();
    let k = m.min(n);
    let mut q = OutArray::<f64>::new(py, Shape::Matrix(m, k), a.is_numpy)?;
    let mut r = OutArray::<f64>::new(py, Shape::Matrix(k, n), a.is_numpy)?;
    kernels::qr(
        am,
        matrix_out(q.as_mut_slice(), m, k).or_raise("qr")?,
        matrix_out(r.as_mut_slice(), k, n).or_raise("qr")?,
    )
    .or_raise("qr")?;
    PyTuple::new(py, [q.finish(), r.finish()])
}

/// Eigenvalues and eigenvectors of a symmetric matrix (its lower triangle is read):
/// ``(w, v)`` with ``w`` ascending and ``v[:, i]`` the eigenvector of ``w[i]``.
///
/// >>> import fastmath
/// >>> w, v = fastmath.eigh([[2, 1], [1, 2]])
/// >>> [round(x, 12) for x in w.tolist()]
/// [1.0, 3.0]
#[pyfunction]
#[pyo3(signature = (a, /))]
pub fn eigh<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
    let a = array(a, "a", "eigh")?;
    let am = a.matrix("a")?;
    let (m, n) = am.shape();
    if m != n {
        // Let the kernel word the error, before allocating square outputs.
        kernels::eigh(am, &mut [], matrix_out(&mut [], 0, 0).or_raise("eigh")?).or_raise("eigh")?;
    }
    let mut w = OutArray::<f64>::new(py, Shape::Vector(n), a.is_numpy)?;
    let mut v = OutArray::<f64>::new(py, Shape::Matrix(n, n), a.is_numpy)?;
    kernels::eigh(
        am,
        w.as_mut_slice(),
        matrix_out(v.as_mut_slice(), n, n).or_raise("eigh")?,
    )
    .or_raise("eigh")?;
    PyTuple::new(py, [w.finish(), v.finish()])
}

/// Reduced singular value decomposition: ``(u, s, vt)`` with ``u`` m x k, ``s`` (k,)
/// descending, ``vt`` k x n, k = min(m, n), ``u @ diag(s) @ vt == a``.
///
/// >>> import fastmath
/// >>> u, s, vt = fastmath.svd([[3, 0], [0, 4]])
/// >>> s.tolist()
/// [4.0, 3.0]
#[pyfunction]
#[pyo3(signature = (a, /))]
pub fn svd<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
    let a = array(a, "a", "svd")?;
    let am = a.matrix("a")?;
    let (m, n) = am.shape();
    let k = m.min(n);
    let mut u = OutArray::<f64>::new(py, Shape::Matrix(m, k), a.is_numpy)?;
    let mut s = OutArray::<f64>::new(py, Shape::Vector(k), a.is_numpy)?;
    let mut vt = OutArray::<f64>::new(py, Shape::Matrix(k, n), a.is_numpy)?;
    kernels::svd(
        am,
        matrix_out(u.as_mut_slice(), m, k).or_raise("svd")?,
        s.as_mut_slice(),
        matrix_out(vt.as_mut_slice(), k, n).or_raise("svd")?,
    )
    .or_raise("svd")?;
    PyTuple::new(py, [u.finish(), s.finish(), vt.finish()])
}

/// Least-squares solution of ``a @ x ≈ b`` of minimum norm (via the SVD), as
/// ``numpy.linalg.lstsq``: returns ``(x, residuals, rank, s)``. Singular values at or below
/// ``rcond * s[0]`` count as zero; ``rcond=None`` means ``eps * max(m, n)``.
///
/// >>> import fastmath
/// >>> x, residuals, rank, s = fastmath.lstsq([[1, 0], [0, 1], [1, 1]], [1, 1, 2])
/// >>> [round(v, 12) for v in x.tolist()], rank
/// ([1.0, 1.0], 2)
#[pyfunction]
#[pyo3(signature = (a, b, rcond = None))]
pub fn lstsq<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    b: &Bound<'py, PyAny>,
    rcond: Option<f64>,
) -> PyResult<Bound<'py, PyTuple>> {
    let (a, b) = (array(a, "a", "lstsq")?, array(b, "b", "lstsq")?);
    let numpy = a.is_numpy || b.is_numpy;
    let am = a.matrix("a")?;
    let n = am.cols();
    let (x, info) = match b.shape() {
        Shape::Vector(_) => {
            let mut x = OutArray::<f64>::new(py, Shape::Vector(n), numpy)?;
            let info =
                kernels::lstsq_vec(am, b.as_slice(), rcond, x.as_mut_slice()).or_raise("lstsq")?;
            (x.finish(), info)
        }
        Shape::Matrix(_, k) => {
            let bm = b.matrix("b")?;
            let mut x = OutArray::<f64>::new(py, Shape::Matrix(n, k), numpy)?;
            let info = kernels::lstsq(
                am,
                bm,
                rcond,
                matrix_out(x.as_mut_slice(), n, k).or_raise("lstsq")?,
            )
            .or_raise("lstsq")?;
            (x.finish(), info)
        }
    };
    let residuals = vector(py, &info.residuals, numpy)?;
    let s = vector(py, &info.singular_values, numpy)?;
    let rank = info.rank.into_pyobject(py)?.into_any();
    PyTuple::new(py, [x, residuals, rank, s])
}

/// A result vector holding a copy of `values` (small diagnostics, not kernel output).
fn vector<'py>(py: Python<'py>, values: &[f64], numpy: bool) -> PyResult<Bound<'py, PyAny>> {
    new_like(py, Shape::Vector(values.len()), numpy, "lstsq", |out| {
        out.copy_from_slice(values);
        Ok(())
    })
}
