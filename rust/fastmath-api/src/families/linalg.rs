//! Linear algebra on 2-D float64 arrays (row-major), numpy.linalg's names and conventions.
//!
//! Results are allocated in their final form and the kernels write straight into them. Shapes
//! are checked by the kernels; where a result's size depends on a shape rule (`matmul`,
//! `eigh`), the rule is checked before allocating, so a mismatch is a shape error rather than
//! the MemoryError of an impossible result. A matrix with no answer raises
//! `fastmath.LinAlgError`.

use fastmath_core::linalg as kernels;
use fastmath_core::matrix::{MatMut, MatRef};
use fastmath_core::reduce;

use super::rank;
use crate::args::Args;
use crate::array::ArrayRef;
use crate::error::ApiError;
use crate::outputs::{Outputs, Ret, f64_array, f64_arrays};
use crate::table::{Family, Function};
use crate::value::Operand;

pub static FUNCTIONS: &[&Function] = &[
    &MATMUL, &TRANSPOSE, &SOLVE, &INV, &DET, &CHOLESKY, &QR, &LSTSQ, &EIGH, &SVD,
];

/// Array parameter `i` (at most 2-D); a number is refused with a hint, since these functions
/// have no meaning for one and `multiply` is what a caller wanting a product needs.
fn array<'a>(args: &Args<'a>, i: usize) -> Result<ArrayRef<'a>, ApiError> {
    match rank::operand(args, i)? {
        Operand::Array(a) => Ok(a),
        Operand::Number(_) => Err(ApiError::value_error(
            args.name(i),
            format!(
                "{} takes arrays; for a number use multiply",
                args.function()
            ),
        )),
    }
}

/// A 2-D array argument: its elements as contiguous float64 (row-major) and its shape.
struct Matrix<'a> {
    data: std::borrow::Cow<'a, [f64]>,
    rows: usize,
    cols: usize,
}

impl Matrix<'_> {
    fn view(&self) -> Result<MatRef<'_>, ApiError> {
        Ok(MatRef::new(&self.data, self.rows, self.cols)?)
    }
}

/// Parameter `i` as a matrix (ValueError naming it unless 2-D).
fn matrix<'a>(args: &Args<'a>, i: usize, a: &ArrayRef<'a>) -> Result<Matrix<'a>, ApiError> {
    let (rows, cols) = rank::matrix_shape(args, i, a)?;
    Ok(Matrix {
        data: args.f64_data(i, a)?,
        rows,
        cols,
    })
}

/// `out` as a `rows x cols` matrix.
fn mat_out(out: &mut [f64], rows: usize, cols: usize) -> Result<MatMut<'_>, ApiError> {
    Ok(MatMut::new(out, rows, cols)?)
}

/// One square-matrix result of `a`'s shape, written by `kernel`.
fn same_shape(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    kernel: fn(MatRef<'_>, MatMut<'_>) -> fastmath_core::Result<()>,
) -> Result<Ret, ApiError> {
    let a = array(args, 0)?;
    let m = matrix(args, 0, &a)?;
    let (rows, cols) = (m.rows, m.cols);
    f64_array(out, &[rows, cols], |o| {
        Ok(kernel(m.view()?, mat_out(o, rows, cols)?)?)
    })
}

pub static MATMUL: Function = Function::new(
    "matmul",
    Family::Linalg,
    "(a: ArrayLike, b: ArrayLike, /) -> float | FloatArray",
    "Matrix product ``a @ b``: 2-D @ 2-D gives a matrix, 2-D @ 1-D and 1-D @ 2-D a vector,\n\
     1-D @ 1-D the inner product (a float), as ``numpy.matmul``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.matmul([[1, 2], [3, 4]], [[5], [6]]).tolist()\n\
     [[17.0], [39.0]]\n\
     >>> fastmath.matmul([[1, 2], [3, 4]], [1, 1]).tolist()\n\
     [3.0, 7.0]",
    |args, out| {
        let (a, b) = (array(args, 0)?, array(args, 1)?);
        match (a.ndim(), b.ndim()) {
            (2, 2) => {
                let (am, bm) = (matrix(args, 0, &a)?, matrix(args, 1, &b)?);
                let (m, n) = (am.rows, bm.cols);
                if am.cols != bm.rows {
                    return Err(fastmath_core::Error::InnerDimMismatch {
                        a_rows: am.rows,
                        a_cols: am.cols,
                        b_rows: bm.rows,
                        b_cols: bm.cols,
                    }
                    .into());
                }
                f64_array(out, &[m, n], |o| {
                    Ok(kernels::matmul(am.view()?, bm.view()?, mat_out(o, m, n)?)?)
                })
            }
            (2, _) => {
                let am = matrix(args, 0, &a)?;
                let x = args.f64_data(1, &b)?;
                f64_array(out, &[am.rows], |o| Ok(kernels::matvec(am.view()?, &x, o)?))
            }
            (_, 2) => {
                let x = args.f64_data(0, &a)?;
                let bm = matrix(args, 1, &b)?;
                f64_array(out, &[bm.cols], |o| Ok(kernels::vecmat(&x, bm.view()?, o)?))
            }
            _ => {
                rank::same_length(args, &a, &b)?;
                let (x, y) = (args.f64_data(0, &a)?, args.f64_data(1, &b)?);
                Ok(Ret::Float(reduce::dot(&x, &y)?))
            }
        }
    },
);

pub static TRANSPOSE: Function = Function::new(
    "transpose",
    Family::Linalg,
    "(a: ArrayLike, /) -> FloatArray",
    "Transpose of a 2-D array (a new row-major array); a 1-D array is returned as a copy, as\n\
     ``numpy.transpose`` leaves it unchanged.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.transpose([[1, 2, 3], [4, 5, 6]]).tolist()\n\
     [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]",
    |args, out| {
        let a = array(args, 0)?;
        if a.ndim() == 1 {
            let x = args.f64_data(0, &a)?;
            return f64_array(out, a.shape(), |o| {
                o.copy_from_slice(&x);
                Ok(())
            });
        }
        let m = matrix(args, 0, &a)?;
        let (rows, cols) = (m.rows, m.cols);
        f64_array(out, &[cols, rows], |o| {
            Ok(kernels::transpose(m.view()?, mat_out(o, cols, rows)?)?)
        })
    },
);

pub static SOLVE: Function = Function::new(
    "solve",
    Family::Linalg,
    "(a: ArrayLike, b: ArrayLike, /) -> FloatArray",
    "Solves ``a @ x = b`` for square ``a`` (LU with partial pivoting). ``b`` 1-D gives a 1-D\n\
     ``x``; ``b`` 2-D (one right-hand side per column) a 2-D ``x``. Singular ``a`` raises\n\
     ``fastmath.LinAlgError``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.solve([[3, 1], [1, 2]], [9, 8]).tolist()\n\
     [2.0, 3.0]",
    |args, out| {
        let (a, b) = (array(args, 0)?, array(args, 1)?);
        let am = matrix(args, 0, &a)?;
        if b.ndim() == 1 {
            let y = args.f64_data(1, &b)?;
            return f64_array(out, &[y.len()], |o| {
                Ok(kernels::solve_vec(am.view()?, &y, o)?)
            });
        }
        let bm = matrix(args, 1, &b)?;
        let (rows, cols) = (bm.rows, bm.cols);
        f64_array(out, &[rows, cols], |o| {
            Ok(kernels::solve(
                am.view()?,
                bm.view()?,
                mat_out(o, rows, cols)?,
            )?)
        })
    },
);

pub static INV: Function = Function::new(
    "inv",
    Family::Linalg,
    "(a: ArrayLike, /) -> FloatArray",
    "Inverse of a square matrix. Singular input raises ``fastmath.LinAlgError``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.inv([[2, 0], [0, 4]]).tolist()\n\
     [[0.5, 0.0], [0.0, 0.25]]",
    |args, out| same_shape(args, out, kernels::inv),
);

pub static DET: Function = Function::new(
    "det",
    Family::Linalg,
    "(a: ArrayLike, /) -> float",
    "Determinant of a square matrix (0.0 for a singular one; 1.0 for 0x0, as numpy).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.det([[1, 2], [3, 4]])\n\
     -2.0",
    |args, _| {
        let a = array(args, 0)?;
        let m = matrix(args, 0, &a)?;
        Ok(Ret::Float(kernels::det(m.view()?)?))
    },
);

pub static CHOLESKY: Function = Function::new(
    "cholesky",
    Family::Linalg,
    "(a: ArrayLike, /) -> FloatArray",
    "Cholesky factor ``L`` (lower triangular, ``L @ L.T == a``) of a symmetric positive-definite\n\
     matrix; only the lower triangle of ``a`` is read. Not positive definite raises\n\
     ``fastmath.LinAlgError``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.cholesky([[4, 2], [2, 5]]).tolist()\n\
     [[2.0, 0.0], [1.0, 2.0]]",
    |args, out| same_shape(args, out, kernels::cholesky),
);

pub static QR: Function = Function::new(
    "qr",
    Family::Linalg,
    "(a: ArrayLike, /) -> tuple[FloatArray, FloatArray]",
    "Reduced QR decomposition: ``(q, r)`` with ``q`` m x k (orthonormal columns), ``r`` k x n\n\
     (upper triangular), k = min(m, n), ``q @ r == a``. Signs may differ from numpy's.\n\
     \n\
     >>> import fastmath\n\
     >>> q, r = fastmath.qr([[3, 0], [4, 5]])\n\
     >>> [round(v, 12) + 0.0 for v in fastmath.matmul(q, r).tolist()[1]]\n\
     [4.0, 5.0]",
    |args, out| {
        let a = array(args, 0)?;
        let am = matrix(args, 0, &a)?;
        let (m, n) = (am.rows, am.cols);
        let k = m.min(n);
        let [q, r] = f64_arrays(out, [&[m, k], &[k, n]], |[q, r]| {
            Ok(kernels::qr(
                am.view()?,
                mat_out(q, m, k)?,
                mat_out(r, k, n)?,
            )?)
        })?;
        Ok(Ret::Tuple(vec![q, r]))
    },
);

pub static LSTSQ: Function = Function::new(
    "lstsq",
    Family::Linalg,
    "(a: ArrayLike, b: ArrayLike, rcond: float | None = None) -> tuple[FloatArray, FloatArray, int, FloatArray]",
    "Least-squares solution of ``a @ x ≈ b`` of minimum norm (via the SVD), as\n\
     ``numpy.linalg.lstsq``: returns ``(x, residuals, rank, s)``. Singular values at or below\n\
     ``rcond * s[0]`` count as zero; ``rcond=None`` means ``eps * max(m, n)``.\n\
     \n\
     >>> import fastmath\n\
     >>> x, residuals, rank, s = fastmath.lstsq([[1, 0], [0, 1], [1, 1]], [1, 1, 2])\n\
     >>> [round(v, 12) for v in x.tolist()], rank\n\
     ([1.0, 1.0], 2)",
    |args, out| {
        let rcond = args.opt_number(2)?;
        let (a, b) = (array(args, 0)?, array(args, 1)?);
        let am = matrix(args, 0, &a)?;
        let n = am.cols;
        // The diagnostics' lengths are known only once the kernel ran: x is written first,
        // they are copied into their own arrays after.
        let mut info = None;
        let x = if b.ndim() == 1 {
            let y = args.f64_data(1, &b)?;
            f64_array(out, &[n], |o| {
                info = Some(kernels::lstsq_vec(am.view()?, &y, rcond, o)?);
                Ok(())
            })?
        } else {
            let bm = matrix(args, 1, &b)?;
            let k = bm.cols;
            f64_array(out, &[n, k], |o| {
                info = Some(kernels::lstsq(
                    am.view()?,
                    bm.view()?,
                    rcond,
                    mat_out(o, n, k)?,
                )?);
                Ok(())
            })?
        };
        let info = info.ok_or_else(|| ApiError::invalid("internal error: lstsq did not run"))?;
        let (residuals, s) = (&info.residuals, &info.singular_values);
        let [residuals_out, s_out] =
            f64_arrays(out, [&[residuals.len()], &[s.len()]], |[r, o]| {
                r.copy_from_slice(residuals);
                o.copy_from_slice(s);
                Ok(())
            })?;
        let rank = Ret::Int(i64::try_from(info.rank).unwrap_or(i64::MAX));
        Ok(Ret::Tuple(vec![x, residuals_out, rank, s_out]))
    },
);

pub static EIGH: Function = Function::new(
    "eigh",
    Family::Linalg,
    "(a: ArrayLike, /) -> tuple[FloatArray, FloatArray]",
    "Eigenvalues and eigenvectors of a symmetric matrix (its lower triangle is read):\n\
     ``(w, v)`` with ``w`` ascending and ``v[:, i]`` the eigenvector of ``w[i]``.\n\
     \n\
     >>> import fastmath\n\
     >>> w, v = fastmath.eigh([[2, 1], [1, 2]])\n\
     >>> [round(x, 12) for x in w.tolist()]\n\
     [1.0, 3.0]",
    |args, out| {
        let a = array(args, 0)?;
        let am = matrix(args, 0, &a)?;
        let (m, n) = (am.rows, am.cols);
        if m != n {
            return Err(fastmath_core::Error::NotSquare { rows: m, cols: n }.into());
        }
        let [w, v] = f64_arrays(out, [&[n], &[n, n]], |[w, v]| {
            Ok(kernels::eigh(am.view()?, w, mat_out(v, n, n)?)?)
        })?;
        Ok(Ret::Tuple(vec![w, v]))
    },
);

pub static SVD: Function = Function::new(
    "svd",
    Family::Linalg,
    "(a: ArrayLike, /) -> tuple[FloatArray, FloatArray, FloatArray]",
    "Reduced singular value decomposition: ``(u, s, vt)`` with ``u`` m x k, ``s`` (k,)\n\
     descending, ``vt`` k x n, k = min(m, n), ``u @ diag(s) @ vt == a``.\n\
     \n\
     >>> import fastmath\n\
     >>> u, s, vt = fastmath.svd([[3, 0], [0, 4]])\n\
     >>> s.tolist()\n\
     [4.0, 3.0]",
    |args, out| {
        let a = array(args, 0)?;
        let am = matrix(args, 0, &a)?;
        let (m, n) = (am.rows, am.cols);
        let k = m.min(n);
        let [u, s, vt] = f64_arrays(out, [&[m, k], &[k], &[k, n]], |[u, s, vt]| {
            Ok(kernels::svd(
                am.view()?,
                mat_out(u, m, k)?,
                s,
                mat_out(vt, k, n)?,
            )?)
        })?;
        Ok(Ret::Tuple(vec![u, s, vt]))
    },
);

#[cfg(test)]
// Test arithmetic on small, known sizes: an overflow there fails the test, as it should.
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    use super::*;
    use crate::array::ArrayRef;
    use crate::dtype::{ByteOrder, DType};
    use crate::error::ErrorClass::{LinAlgError, MemoryError, ValueError};
    use crate::families::testing::{
        Arr, VecOutputs, assert_refusals, close, err, float, matrix, ok, vector,
    };
    use crate::value::Value;

    const TOL: f64 = 1e-13;

    /// `a @ b` for row-major `m x k` and `k x n` data, the schoolbook way.
    fn product(a: &[f64], b: &[f64], m: usize, k: usize, n: usize) -> Vec<f64> {
        let mut out = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                out[i * n + j] = (0..k).map(|l| a[i * k + l] * b[l * n + j]).sum();
            }
        }
        out
    }

    fn transposed(a: &[f64], m: usize, n: usize) -> Vec<f64> {
        (0..n * m).map(|t| a[(t % m) * n + t / m]).collect()
    }

    fn identity(n: usize) -> Vec<f64> {
        (0..n * n)
            .map(|t| f64::from(u8::from(t % (n + 1) == 0)))
            .collect()
    }

    /// The float64 arrays of a tuple result.
    fn parts<'o>(ret: &Ret, out: &'o VecOutputs) -> Vec<(&'o [usize], &'o [f64])> {
        let Ret::Tuple(items) = ret else {
            panic!("expected a tuple, got {ret:?}");
        };
        items
            .iter()
            .filter(|r| matches!(r, Ret::Array(_)))
            .map(|r| out.f64(r))
            .collect()
    }

    #[test]
    fn matmul_in_each_rank_combination() {
        let a = matrix(&[&[1.0, 2.0], &[3.0, 4.0]]);
        let (ret, out) = ok(
            "matmul",
            vec![a.value(), matrix(&[&[5.0], &[6.0]]).value()],
            vec![],
        );
        assert_eq!(out.f64(&ret), (&[2, 1][..], &[17.0, 39.0][..]));
        let ones = vector(&[1.0, 1.0]);
        let (ret, out) = ok("matmul", vec![a.value(), ones.value()], vec![]);
        assert_eq!(out.f64(&ret), (&[2][..], &[3.0, 7.0][..]));
        let (ret, out) = ok("matmul", vec![ones.value(), a.value()], vec![]);
        assert_eq!(out.f64(&ret), (&[2][..], &[4.0, 6.0][..]));
        let (x, y) = (vector(&[1.0, 2.0]), vector(&[3.0, 4.0]));
        assert_eq!(float("matmul", vec![x.value(), y.value()], vec![]), 11.0);
    }

    #[test]
    fn matmul_checks_shapes_before_allocating_the_result() {
        // 100000 x 2 @ 3 x 100000 (zero strides: two rows' worth of memory) would be an
        // 80 GB result; the shape rule refuses it first.
        let data = [1.0f64; 3];
        let bytes: &[u8] = bytemuck::cast_slice(&data);
        let (tall, wide) = ([100_000, 2], [3, 100_000]);
        let (tall_strides, wide_strides) = ([0isize, 8], [8isize, 0]);
        let a = ArrayRef::new(
            DType::F64,
            ByteOrder::Native,
            &tall,
            Some(&tall_strides),
            bytes,
            0,
        );
        let b = ArrayRef::new(
            DType::F64,
            ByteOrder::Native,
            &wide,
            Some(&wide_strides),
            bytes,
            0,
        );
        let (a, b) = (Value::Array(a.unwrap()), Value::Array(b.unwrap()));
        let (class, message) = err("matmul", vec![a, b], vec![]);
        assert_eq!(class, ValueError);
        assert!(
            message.starts_with("matmul: a is 100000x2 but b is 3x100000"),
            "{message}"
        );
        // ... and a result that fits the rule but not in memory is the binding's MemoryError.
        let (a2, b2) = ([1_000_000, 3], [3, 1_000_000]);
        let s2 = [8isize, 0];
        let a = ArrayRef::new(DType::F64, ByteOrder::Native, &a2, Some(&[0, 8]), bytes, 0);
        let b = ArrayRef::new(DType::F64, ByteOrder::Native, &b2, Some(&s2), bytes, 0);
        let (class, _) = err(
            "matmul",
            vec![Value::Array(a.unwrap()), Value::Array(b.unwrap())],
            vec![],
        );
        assert_eq!(class, MemoryError);
    }

    #[test]
    fn transpose_and_solve() {
        let a = matrix(&[&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0]]);
        let (ret, out) = ok("transpose", vec![a.value()], vec![]);
        assert_eq!(
            out.f64(&ret),
            (&[3, 2][..], &[1.0, 4.0, 2.0, 5.0, 3.0, 6.0][..])
        );
        let (ret, out) = ok("transpose", vec![vector(&[1.0, 2.0]).value()], vec![]);
        assert_eq!(out.f64(&ret), (&[2][..], &[1.0, 2.0][..]));

        // 3x + y = 9, x + 2y = 8: x = 2, y = 3. With right-hand side (1, 2): x = 0, y = 1.
        let a = matrix(&[&[3.0, 1.0], &[1.0, 2.0]]);
        let (ret, out) = ok(
            "solve",
            vec![a.value(), vector(&[9.0, 8.0]).value()],
            vec![],
        );
        let (shape, x) = out.f64(&ret);
        assert!(shape == [2] && close(x, &[2.0, 3.0], TOL), "{x:?}");
        let b = matrix(&[&[9.0, 1.0], &[8.0, 2.0]]);
        let (ret, out) = ok("solve", vec![a.value(), b.value()], vec![]);
        let (shape, x) = out.f64(&ret);
        assert!(
            shape == [2, 2] && close(x, &[2.0, 0.0, 3.0, 1.0], TOL),
            "{x:?}"
        );
    }

    #[test]
    fn inverse_determinant_and_cholesky() {
        let (ret, out) = ok(
            "inv",
            vec![matrix(&[&[2.0, 0.0], &[0.0, 4.0]]).value()],
            vec![],
        );
        assert_eq!(out.f64(&ret), (&[2, 2][..], &[0.5, 0.0, 0.0, 0.25][..]));
        let d = float(
            "det",
            vec![matrix(&[&[1.0, 2.0], &[3.0, 4.0]]).value()],
            vec![],
        );
        assert!((d + 2.0).abs() < TOL, "{d}");
        assert_eq!(
            float("det", vec![Arr::new(&[0, 0], &[]).value()], vec![]),
            1.0
        );
        // [[2, 0], [1, 2]] @ its transpose is [[4, 2], [2, 5]].
        let spd = matrix(&[&[4.0, 2.0], &[2.0, 5.0]]);
        let (ret, out) = ok("cholesky", vec![spd.value()], vec![]);
        let (shape, l) = out.f64(&ret);
        assert!(
            shape == [2, 2] && close(l, &[2.0, 0.0, 1.0, 2.0], TOL),
            "{l:?}"
        );
    }

    #[test]
    fn factorizations_reconstruct_their_input() {
        let data = [3.0, 0.0, 4.0, 5.0, 1.0, -2.0];
        let a = Arr::new(&[3, 2], &data);
        let (ret, out) = ok("qr", vec![a.value()], vec![]);
        let [(qs, q), (rs, r)] = parts(&ret, &out)[..] else {
            panic!()
        };
        assert_eq!((qs, rs), (&[3, 2][..], &[2, 2][..]));
        assert!(close(&product(q, r, 3, 2, 2), &data, TOL));
        assert!(close(
            &product(&transposed(q, 3, 2), q, 2, 3, 2),
            &identity(2),
            TOL
        ));
        assert_eq!(r[2], 0.0, "r is upper triangular");

        // Eigenpairs of [[2, 1], [1, 2]]: 1 and 3; a @ v == v @ diag(w).
        let sym = [2.0, 1.0, 1.0, 2.0];
        let (ret, out) = ok("eigh", vec![Arr::new(&[2, 2], &sym).value()], vec![]);
        let [(_, w), (_, v)] = parts(&ret, &out)[..] else {
            panic!()
        };
        assert!(close(w, &[1.0, 3.0], TOL), "{w:?}");
        let scaled: Vec<f64> = (0..4).map(|t| v[t] * w[t % 2]).collect();
        assert!(close(&product(&sym, v, 2, 2, 2), &scaled, TOL));

        // Singular values of a 2x3 matrix: u @ diag(s) @ vt == a.
        let wide = [3.0, 0.0, 0.0, 0.0, 4.0, 0.0];
        let (ret, out) = ok("svd", vec![Arr::new(&[2, 3], &wide).value()], vec![]);
        let [(us, u), (ss, s), (vs, vt)] = parts(&ret, &out)[..] else {
            panic!()
        };
        assert_eq!((us, ss, vs), (&[2, 2][..], &[2][..], &[2, 3][..]));
        assert!(close(s, &[4.0, 3.0], TOL), "{s:?}");
        let us_: Vec<f64> = (0..4).map(|t| u[t] * s[t % 2]).collect();
        assert!(close(&product(&us_, vt, 2, 2, 3), &wide, TOL));
    }

    #[test]
    fn least_squares() {
        // x + 0y = 1, y = 1, x + y = 2: consistent, x = (1, 1), residual 0. a's singular values
        // are the square roots of the eigenvalues 3 and 1 of aT a = [[2, 1], [1, 2]].
        let a = matrix(&[&[1.0, 0.0], &[0.0, 1.0], &[1.0, 1.0]]);
        let b = vector(&[1.0, 1.0, 2.0]);
        let (ret, out) = ok("lstsq", vec![a.value(), b.value()], vec![]);
        let Ret::Tuple(items) = &ret else { panic!() };
        assert_eq!(items[2], Ret::Int(2));
        let [(_, x), (rs, residuals), (_, s)] = parts(&ret, &out)[..] else {
            panic!()
        };
        assert!(close(x, &[1.0, 1.0], TOL), "{x:?}");
        assert!(rs == [1] && residuals[0].abs() < TOL);
        assert!(close(s, &[3f64.sqrt(), 1.0], TOL), "{s:?}");

        // Equal columns: rank 1, no residuals, the minimum-norm solution splits evenly.
        let twin = matrix(&[&[1.0, 1.0], &[1.0, 1.0]]);
        let (ret, out) = ok(
            "lstsq",
            vec![],
            vec![("a", twin.value()), ("b", vector(&[2.0, 2.0]).value())],
        );
        let Ret::Tuple(items) = &ret else { panic!() };
        assert_eq!(items[2], Ret::Int(1));
        let [(_, x), (rs, _), (_, _)] = parts(&ret, &out)[..] else {
            panic!()
        };
        assert!(close(x, &[1.0, 1.0], TOL) && rs == [0], "{x:?}");

        // A cutoff above the smaller singular value drops it.
        let rcond = vec![("rcond", Value::Float(0.7))];
        let (ret, _) = ok("lstsq", vec![a.value(), b.value()], rcond);
        let Ret::Tuple(items) = &ret else { panic!() };
        assert_eq!(items[2], Ret::Int(1));

        // Two right-hand sides: x is 2 x 2.
        let b2 = matrix(&[&[1.0, 2.0], &[1.0, 0.0], &[2.0, 2.0]]);
        let (ret, out) = ok("lstsq", vec![a.value(), b2.value()], vec![]);
        let [(xs, x), _, _] = parts(&ret, &out)[..] else {
            panic!()
        };
        assert!(
            xs == [2, 2] && close(x, &[1.0, 2.0, 1.0, 0.0], TOL),
            "{x:?}"
        );
    }

    #[test]
    fn refusals() {
        let row = matrix(&[&[1.0, 2.0]]);
        let wide = matrix(&[&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0]]);
        let singular = matrix(&[&[1.0, 2.0], &[2.0, 4.0]]);
        let (v2, v3) = (vector(&[1.0, 2.0]), vector(&[1.0, 2.0, 3.0]));
        let cube = Arr::new(&[1, 1, 2], &[1.0, 2.0]);
        let v3_row = matrix(&[&[1.0, 2.0, 3.0]]);
        let indefinite = matrix(&[&[1.0, 2.0], &[2.0, 1.0]]);
        let cases: Vec<(_, Vec<Value<'_>>, _, _)> = vec![
            (
                "matmul",
                vec![row.value(), row.value()],
                ValueError,
                "matmul: a is 1x2 but b is 1x2 (a's 2 columns must match b's 1 rows)",
            ),
            (
                "matmul",
                vec![Value::Float(2.0), row.value()],
                ValueError,
                "a: matmul takes arrays; for a number use multiply",
            ),
            (
                "det",
                vec![Value::Int(2)],
                ValueError,
                "a: det takes arrays; for a number use multiply",
            ),
            (
                "matmul",
                vec![v2.value(), v3.value()],
                ValueError,
                "matmul: a has length 2 but b has length 3",
            ),
            (
                "matmul",
                vec![cube.value(), v2.value()],
                ValueError,
                "a: expected at most 2 dimensions, got a 3-D array of shape (1, 1, 2)",
            ),
            (
                "solve",
                vec![wide.value(), v2.value()],
                ValueError,
                "solve: a must be square, got 2x3",
            ),
            (
                "solve",
                vec![singular.value(), v2.value()],
                LinAlgError,
                "solve: Singular matrix",
            ),
            (
                "inv",
                vec![singular.value()],
                LinAlgError,
                "inv: Singular matrix",
            ),
            (
                "inv",
                vec![v2.value()],
                ValueError,
                "a: expected a 2-D array, got a 1-D array of length 2",
            ),
            (
                "cholesky",
                vec![indefinite.value()],
                LinAlgError,
                "cholesky: Matrix is not positive definite",
            ),
            (
                "eigh",
                vec![v3_row.value()],
                ValueError,
                "eigh: a must be square, got 1x3",
            ),
            (
                "lstsq",
                vec![wide.value(), v3.value()],
                ValueError,
                "lstsq: a is 2x3 but b has 3 rows",
            ),
        ];
        assert_refusals(
            cases
                .into_iter()
                .map(|(f, p, c, m)| (f, p, vec![], c, m))
                .collect(),
        );
    }
}
