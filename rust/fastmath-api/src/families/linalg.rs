//! Linear algebra on float64 matrices (row-major), numpy.linalg's names and conventions.
//!
//! Like numpy's, the functions take stacks of matrices, `(..., M, N)`, and apply to each
//! ([`super::stack`]); `lstsq` takes one matrix, as numpy's does. Results are allocated in
//! their final form and the kernels write straight into them. Every shape rule is checked
//! before allocating, so a mismatch is a shape error rather than the MemoryError of an
//! impossible result, and it is checked even when a stack holds no matrix (as numpy does).
//! A matrix with no answer raises `fastmath.LinAlgError`.

use fastmath_core::linalg as kernels;
use fastmath_core::matrix::{MatMut, MatRef};
use fastmath_core::reduce;

use super::permute::permute_into;
use super::precision::{float32_if, linalg_precision};
use super::rank;
use super::stack::{Pairing, Stack, mat_out, parts, parts_of, walk};
use crate::args::Args;
use crate::array::ArrayRef;
use crate::dtype::{DType, promote};
use crate::element::{Element, scalar};
use crate::error::ApiError;
use crate::outputs::{Outputs, Ret, array as out_array, f64_array, f64_arrays};
use crate::table::{Family, Function, NamedResult, Wrap};
use crate::value::{Operand, Value};

pub static FUNCTIONS: &[&Function] = &[
    &MATMUL, &TRANSPOSE, &SOLVE, &INV, &DET, &CHOLESKY, &QR, &LSTSQ, &EIGH, &SVD,
];

/// Array parameter `i`; a number is refused with a hint, since these functions have no
/// meaning for one and `multiply` is what a caller wanting a product needs.
fn array<'a>(args: &Args<'a>, i: usize) -> Result<ArrayRef<'a>, ApiError> {
    match args.operand(i)? {
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

/// `rows * cols` elements, or the MemoryError of a result that large: a stack of no
/// matrices may have sides whose product does not even fit a `usize`.
fn area(rows: usize, cols: usize) -> Result<usize, ApiError> {
    rows.checked_mul(cols)
        .ok_or_else(|| ApiError::result_too_large(DType::F64, &[rows, cols]))
}

/// One result of `a`'s shape per square matrix of the stack `a`, written by `kernel`.
fn same_shape(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    kernel: fn(MatRef<'_>, MatMut<'_>) -> fastmath_core::Result<()>,
) -> Result<Ret, ApiError> {
    let a = array(args, 0)?;
    let s = Stack::of(args, 0, &a)?;
    let n = s.side()?;
    let size = area(n, n)?;
    f64_array(out, a.shape(), |o| {
        for (k, part) in parts(o, size, s.count()).enumerate() {
            kernel(s.matrix(k)?, mat_out(part, n, n)?)?;
        }
        Ok(())
    })
}

/// The kernels' "a is 2x3 but b is 4x2" error unless the inner dimensions agree; checked
/// before any matrix is multiplied (a stack may hold none).
fn inner_dims(a_rows: usize, a_cols: usize, b_rows: usize, b_cols: usize) -> Result<(), ApiError> {
    if a_cols == b_rows {
        return Ok(());
    }
    Err(fastmath_core::Error::InnerDimMismatch {
        a_rows,
        a_cols,
        b_rows,
        b_cols,
    }
    .into())
}

/// The kernels' error unless `b` has the `n` rows of the square `a`.
fn rows_match(n: usize, b_rows: usize) -> Result<(), ApiError> {
    if n == b_rows {
        return Ok(());
    }
    Err(fastmath_core::Error::RowMismatch {
        a_rows: n,
        a_cols: n,
        b_rows,
    }
    .into())
}

/// Which of `options` the string parameter `i` is; otherwise a ValueError naming them.
fn choice(args: &Args<'_>, i: usize, options: &[&str]) -> Result<usize, ApiError> {
    let given = args.string(i)?;
    options.iter().position(|o| *o == given).ok_or_else(|| {
        let quoted: Vec<String> = options.iter().map(|o| format!("'{o}'")).collect();
        ApiError::value_error(
            args.name(i),
            format!("expected one of {}, got '{given}'", quoted.join(", ")),
        )
    })
}

/// The transpose of the square `a`: the kernels read a symmetric matrix's lower triangle, so
/// its upper one (`UPLO="U"`, `upper=True`) is handed to them as the lower of the transpose.
fn transposed(a: MatRef<'_>) -> Result<Vec<f64>, ApiError> {
    let (m, n) = a.shape();
    let mut t = vec![0.0; area(m, n)?];
    kernels::transpose(a, MatMut::new(&mut t, n, m)?)?;
    Ok(t)
}

pub static MATMUL: Function = Function::new(
    "matmul",
    Family::Linalg,
    "(a: ArrayLike, b: ArrayLike, /) -> float | int | Array",
    "Matrix product ``a @ b``, as ``numpy.matmul``: 2-D @ 2-D gives a matrix; stacks of\n\
     matrices ``(..., M, K) @ (..., K, N)`` multiply matrix by matrix, their leading dimensions\n\
     broadcast; a 1-D operand is a vector (2-D @ 1-D and 1-D @ 2-D give vectors, 1-D @ 1-D the\n\
     inner product, a float).\n\
     Integer and bool operands keep their promoted dtype (integers wrap around, as numpy);\n\
     operands that promote to float32 give float32, computed in float32 as numpy's\n\
     (products and sums rounded to float32 as they go: each entry within\n\
     ``k * 2**-24 * sum(|a_ip| |b_pj|)`` of the exact one, the bound of numpy's own\n\
     float32 matmul); others float64.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.matmul([[1, 2], [3, 4]], [[5], [6]]).tolist()  # lists of ints: int64\n\
     [[17], [39]]\n\
     >>> fastmath.matmul([[1.0, 2.0], [3.0, 4.0]], [1, 1]).tolist()\n\
     [3.0, 7.0]",
    |args, out| {
        let (a, b) = (array(args, 0)?, array(args, 1)?);
        let dtype = promote(a.dtype(), b.dtype());
        if dtype.is_integer() {
            return integer_matmul(args, out, (&a, &b), dtype);
        }
        // A ufunc: float32 when the operands promote to it (bool or int8 with float32 too),
        // computed in float32. A 0-d operand takes the float64 path, for its error.
        let single = matches!(dtype, DType::F32 | DType::F16);
        if single && a.ndim() > 0 && b.ndim() > 0 {
            return matmul_single(args, out, &a, &b);
        }
        float32_if(single, out, |out| match (a.ndim(), b.ndim()) {
            (1, 1) => {
                rank::same_length(args, &a, &b)?;
                let (x, y) = (args.f64_data(0, &a)?, args.f64_data(1, &b)?);
                Ok(Ret::Float(reduce::dot(&x, &y)?))
            }
            (_, 1) => {
                let sa = Stack::of(args, 0, &a)?;
                let x = args.f64_data(1, &b)?;
                inner_dims(sa.rows, sa.cols, x.len(), 1)?;
                let m = sa.rows;
                f64_array(out, &sa.shape_with(&[m]), |o| {
                    for (k, part) in parts(o, m, sa.count()).enumerate() {
                        kernels::matvec(sa.matrix(k)?, &x, part)?;
                    }
                    Ok(())
                })
            }
            (1, _) => {
                let x = args.f64_data(0, &a)?;
                let sb = Stack::of(args, 1, &b)?;
                inner_dims(1, x.len(), sb.rows, sb.cols)?;
                let n = sb.cols;
                f64_array(out, &sb.shape_with(&[n]), |o| {
                    for (k, part) in parts(o, n, sb.count()).enumerate() {
                        kernels::vecmat(&x, sb.matrix(k)?, part)?;
                    }
                    Ok(())
                })
            }
            _ => {
                let (sa, sb) = (Stack::of(args, 0, &a)?, Stack::of(args, 1, &b)?);
                inner_dims(sa.rows, sa.cols, sb.rows, sb.cols)?;
                let pairing = Pairing::new(&sa, &sb, (a.shape(), b.shape()))?;
                let (m, n) = (sa.rows, sb.cols);
                let shape = [&pairing.batch[..], &[m, n]].concat();
                f64_array(out, &shape, |o| {
                    for (k, part) in parts(o, area(m, n)?, pairing.count).enumerate() {
                        let (ia, ib) = pairing.sources(k)?;
                        kernels::matmul(sa.matrix(ia)?, sb.matrix(ib)?, mat_out(part, m, n)?)?;
                    }
                    Ok(())
                })
            }
        })
    },
);

/// Matrix `index` of a stack of `size`-element matrices held in `data`.
fn stacked(data: &[f32], index: usize, size: usize) -> Result<&[f32], ApiError> {
    let start = index.checked_mul(size);
    start
        .and_then(|s| data.get(s..s.checked_add(size)?))
        .ok_or_else(|| ApiError::invalid("internal error: matrix index out of range"))
}

/// `matmul` of operands that promote to float32 (neither 0-d), in float32 (`gemm_f32`), with
/// numpy's 1-D and broadcasting rules as the float64 path.
fn matmul_single<'a>(
    args: &Args<'a>,
    out: &mut dyn Outputs,
    a: &ArrayRef<'a>,
    b: &ArrayRef<'a>,
) -> Result<Ret, ApiError> {
    use fastmath_core::gemm::gemm_f32;
    let count = |batch: &[usize], full: &[usize]| {
        crate::array::element_count(batch)
            .ok_or_else(|| ApiError::result_too_large(DType::F32, full))
    };
    match (a.shape(), b.shape()) {
        (&[_], &[k]) => {
            rank::same_length(args, a, b)?;
            let (x, y) = (args.data::<f32>(0, a)?, args.data::<f32>(1, b)?);
            let mut v = [0.0f32];
            gemm_f32(&x, &y, (1, k, 1), &mut v)?;
            let [v] = v;
            Ok(scalar(v))
        }
        (&[ref batch @ .., m, k], &[kb]) => {
            inner_dims(m, k, kb, 1)?;
            let n = count(batch, a.shape())?;
            let (x, y) = (args.data::<f32>(0, a)?, args.data::<f32>(1, b)?);
            let size = area(m, k)?;
            out_array::<f32>(out, &[batch, &[m]].concat(), |o| {
                for (i, part) in o.chunks_mut(m.max(1)).take(n).enumerate() {
                    gemm_f32(stacked(&x, i, size)?, &y, (m, k, 1), part)?;
                }
                Ok(())
            })
        }
        (&[k], &[ref batch @ .., kb, n]) => {
            inner_dims(1, k, kb, n)?;
            let c = count(batch, b.shape())?;
            let (x, y) = (args.data::<f32>(0, a)?, args.data::<f32>(1, b)?);
            let size = area(kb, n)?;
            out_array::<f32>(out, &[batch, &[n]].concat(), |o| {
                for (i, part) in o.chunks_mut(n.max(1)).take(c).enumerate() {
                    gemm_f32(&x, stacked(&y, i, size)?, (1, k, n), part)?;
                }
                Ok(())
            })
        }
        (&[ref ba @ .., m, k], &[ref bb @ .., kb, n]) => {
            inner_dims(m, k, kb, n)?;
            let pairing = Pairing::of_batches(ba, bb, (a.shape(), b.shape()))?;
            let (x, y) = (args.data::<f32>(0, a)?, args.data::<f32>(1, b)?);
            let (sa, sb, so) = (area(m, k)?, area(kb, n)?, area(m, n)?);
            let shape = [&pairing.batch[..], &[m, n]].concat();
            out_array::<f32>(out, &shape, |o| {
                if so == 0 {
                    return Ok(());
                }
                for (i, part) in o.chunks_mut(so).take(pairing.count).enumerate() {
                    let (ia, ib) = pairing.sources(i)?;
                    gemm_f32(stacked(&x, ia, sa)?, stacked(&y, ib, sb)?, (m, k, n), part)?;
                }
                Ok(())
            })
        }
        _ => Err(ApiError::invalid("internal error: a 0-D matmul operand")),
    }
}

/// `matmul` of integer or bool operands, whose result keeps their promoted dtype as numpy's
/// does (integers wrapping around; bool: whether any product is true). The same shapes and
/// 1-D rules as the float path; products in i64 (`matmul_wrapping`).
fn integer_matmul<'a>(
    args: &Args<'a>,
    out: &mut dyn Outputs,
    (a, b): (&ArrayRef<'a>, &ArrayRef<'a>),
    dtype: DType,
) -> Result<Ret, ApiError> {
    // A 1-D operand is one row (a) or one column (b), its dimension absent from the result.
    let (a_batch, m, k) = match a.shape() {
        [k] => (&[][..], 1, *k),
        [batch @ .., m, k] => (batch, *m, *k),
        [] => return Err(ApiError::invalid("internal error: a 0-D matmul operand")),
    };
    let (b_batch, kb, n) = match b.shape() {
        [kb] => (&[][..], *kb, 1),
        [batch @ .., kb, n] => (batch, *kb, *n),
        [] => return Err(ApiError::invalid("internal error: a 0-D matmul operand")),
    };
    inner_dims(m, k, kb, n)?;
    let pairing = Pairing::of_batches(a_batch, b_batch, (a.shape(), b.shape()))?;
    let mut shape = pairing.batch.clone();
    if a.ndim() > 1 {
        shape.push(m);
    }
    if b.ndim() > 1 {
        shape.push(n);
    }
    let (x, y) = (args.data::<i64>(0, a)?, args.data::<i64>(1, b)?);
    let (a_size, b_size, size) = (area(m, k)?, area(k, n)?, area(m, n)?);
    let mut product = vec![0i64; size];
    crate::with_dtype!(dtype, T => {
        if shape.is_empty() {
            kernels::matmul_wrapping(&x, &y, (1, k, 1), &mut product)?;
            return Ok(scalar(T::from_i64(product.first().copied().unwrap_or(0))));
        }
        crate::outputs::array::<T>(out, &shape, |o| {
            if size == 0 {
                return Ok(());
            }
            for (i, part) in o.chunks_exact_mut(size).enumerate() {
                let (ia, ib) = pairing.sources(i)?;
                let (xa, yb) = (slab(&x, ia, a_size)?, slab(&y, ib, b_size)?);
                kernels::matmul_wrapping(xa, yb, (m, k, n), &mut product)?;
                for (r, &v) in part.iter_mut().zip(&product) {
                    *r = T::from_i64(v);
                }
            }
            Ok(())
        })
    })
}

/// Matrix `index` of `size` elements of a contiguous stack.
fn slab(data: &[i64], index: usize, size: usize) -> Result<&[i64], ApiError> {
    index
        .checked_mul(size)
        .and_then(|start| data.get(start..start.checked_add(size)?))
        .ok_or_else(|| ApiError::invalid("internal error: matrix index out of range"))
}

pub static TRANSPOSE: Function = Function::new(
    "transpose",
    Family::Linalg,
    "(a: ArrayLike, axes: Sequence[int] | None = None) -> Array",
    "The array with its axes reversed (``axes=None``) or in the order ``axes`` gives, as\n\
     ``numpy.transpose``, as a new C-ordered array (numpy returns a view): a 2-D array's\n\
     transpose; a 1-D array is returned as a copy. The dtype is kept (float16 becomes\n\
     float32).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.transpose([[1, 2, 3], [4, 5, 6]]).tolist()\n\
     [[1, 4], [2, 5], [3, 6]]\n\
     >>> fastmath.transpose([[[1, 2]], [[3, 4]]], axes=(1, 2, 0)).tolist()\n\
     [[[1, 3], [2, 4]]]",
    |args, out| {
        let a = array(args, 0)?;
        let perm = axes_order(args, 1, a.ndim())?;
        let shape: Vec<usize> = perm
            .iter()
            .map(|&p| a.shape().get(p).copied().unwrap_or(1))
            .collect();
        if a.dtype() != DType::F64 {
            // Any other dtype is moved as it is (numpy's transpose keeps the dtype).
            return crate::with_dtype!(a.dtype(), T => {
                let x = args.data::<T>(0, &a)?;
                crate::outputs::array::<T>(out, &shape, |o| {
                    permute_into(&x, a.shape(), &perm, o);
                    Ok(())
                })
            });
        }
        let x = args.f64_data(0, &a)?;
        if let ([rows, cols], [1, 0]) = (a.shape(), &perm[..]) {
            // The blocked kernel, cache-friendly for large matrices.
            let (rows, cols) = (*rows, *cols);
            let m = MatRef::new(&x, rows, cols)?;
            return f64_array(out, &shape, |o| {
                Ok(kernels::transpose(m, mat_out(o, cols, rows)?)?)
            });
        }
        f64_array(out, &shape, |o| {
            permute_into(&x, a.shape(), &perm, o);
            Ok(())
        })
    },
);

/// The axis order parameter `i` gives (`None`: reversed), checked as numpy checks it: one
/// entry per axis, each in range (negative counts from the end), none repeated.
fn axes_order(args: &Args<'_>, i: usize, ndim: usize) -> Result<Vec<usize>, ApiError> {
    let given: Vec<f64> = match args.value(i) {
        Value::None => return Ok((0..ndim).rev().collect()),
        Value::Int(v) => vec![*v as f64],
        _ => {
            let list = args.array(i)?;
            args.f64_data(i, &list)?.into_owned()
        }
    };
    if given.len() != ndim {
        return Err(ApiError::value_error(
            args.name(i),
            "axes don't match array",
        ));
    }
    args.axis_list(i, &given, ndim, "repeated axis in transpose")
}

/// numpy.linalg's wrapping of results for an `ndarray` subclass argument (see [`Wrap`]):
/// `inv`, `cholesky` wrap their matrix with `a`'s `__array_wrap__`, `solve` with `b`'s.
static WRAP_A: Wrap = Wrap {
    arg: "a",
    items: &[],
    single: true,
    plain: &[],
};
static WRAP_B: Wrap = Wrap {
    arg: "b",
    items: &[],
    single: true,
    plain: &[],
};
/// `qr`: Q and R (and R alone for `mode='r'`; `h`, not `tau`, for `mode='raw'`).
static WRAP_A_ALL: Wrap = Wrap {
    arg: "a",
    items: &[0, 1],
    single: true,
    plain: &[0],
};
/// `lstsq`: x and the residuals, with `b`'s (rank and s are not wrapped).
static WRAP_LSTSQ: Wrap = Wrap {
    arg: "b",
    items: &[0, 1],
    single: false,
    plain: &[],
};
/// `eigh`: the eigenvectors only.
static WRAP_EIGH: Wrap = Wrap {
    arg: "a",
    items: &[1],
    single: false,
    plain: &[],
};
/// `svd`: U and Vh; S is not wrapped, alone (`compute_uv=False`) either.
static WRAP_SVD: Wrap = Wrap {
    arg: "a",
    items: &[0, 2],
    single: false,
    plain: &[],
};

pub static SOLVE: Function = Function::new(
    "solve",
    Family::Linalg,
    "(a: ArrayLike, b: ArrayLike, /) -> FloatArray",
    "Solves ``a @ x = b`` for square ``a`` (LU with partial pivoting), as\n\
     ``numpy.linalg.solve`` (numpy 2): ``b`` 1-D is one right-hand side (``x`` has ``a``'s\n\
     leading dimensions and length M); otherwise ``b`` is ``(..., M, K)``, K right-hand sides\n\
     per matrix, the leading dimensions of ``a`` and ``b`` broadcast. A stack ``(..., M, M)``\n\
     is solved matrix by matrix. Singular ``a`` raises ``fastmath.LinAlgError``.\n\
     Result dtype: float32 for float32 input (computed in float64, rounded once), else float64.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.solve([[3, 1], [1, 2]], [9, 8]).tolist()\n\
     [2.0, 3.0]",
    |args, out| {
        linalg_precision(args, out, |out| {
            let (a, b) = (array(args, 0)?, array(args, 1)?);
            let sa = Stack::of(args, 0, &a)?;
            let n = sa.side()?;
            if b.ndim() == 1 {
                let y = args.f64_data(1, &b)?;
                rows_match(n, y.len())?;
                return f64_array(out, &sa.shape_with(&[n]), |o| {
                    for (k, part) in parts(o, n, sa.count()).enumerate() {
                        kernels::solve_vec(sa.matrix(k)?, &y, part)?;
                    }
                    Ok(())
                });
            }
            let sb = Stack::of(args, 1, &b)?;
            rows_match(n, sb.rows)?;
            let pairing = Pairing::new(&sa, &sb, (a.shape(), b.shape()))?;
            let k = sb.cols;
            let shape = [&pairing.batch[..], &[n, k]].concat();
            f64_array(out, &shape, |o| {
                for (i, part) in parts(o, area(n, k)?, pairing.count).enumerate() {
                    let (ia, ib) = pairing.sources(i)?;
                    kernels::solve(sa.matrix(ia)?, sb.matrix(ib)?, mat_out(part, n, k)?)?;
                }
                Ok(())
            })
        })
    },
)
.wrapped(&WRAP_B);

pub static INV: Function = Function::new(
    "inv",
    Family::Linalg,
    "(a: ArrayLike, /) -> FloatArray",
    "Inverse of a square matrix. Singular input raises ``fastmath.LinAlgError``.\n\
     Result dtype: float32 for float32 input (computed in float64, rounded once), else float64.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.inv([[2, 0], [0, 4]]).tolist()\n\
     [[0.5, 0.0], [0.0, 0.25]]",
    |args, out| linalg_precision(args, out, |out| same_shape(args, out, kernels::inv)),
)
.wrapped(&WRAP_A);

pub static DET: Function = Function::new(
    "det",
    Family::Linalg,
    "(a: ArrayLike, /) -> float | FloatArray",
    "Determinant of a square matrix (0.0 for a singular one; 1.0 for 0x0, as numpy); of a\n\
     stack ``(..., M, M)``, the array of each matrix's determinant.\n\
     Result dtype: float32 for float32 input (computed in float64, rounded once), else float64.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.det([[1, 2], [3, 4]])\n\
     -2.0",
    |args, out| {
        linalg_precision(args, out, |out| {
            let a = array(args, 0)?;
            let s = Stack::of(args, 0, &a)?;
            s.side()?;
            if s.batch().is_empty() {
                return Ok(Ret::Float(kernels::det(s.matrix(0)?)?));
            }
            f64_array(out, s.batch(), |o| {
                for (k, d) in o.iter_mut().enumerate() {
                    *d = kernels::det(s.matrix(k)?)?;
                }
                Ok(())
            })
        })
    },
);

pub static CHOLESKY: Function = Function::new(
    "cholesky",
    Family::Linalg,
    "(a: ArrayLike, /, *, upper: bool = False) -> FloatArray",
    "Cholesky factor of a symmetric positive-definite matrix (or of each matrix of a stack), as\n\
     ``numpy.linalg.cholesky``: ``L`` lower triangular with ``L @ L.T == a``, reading only\n\
     ``a``'s lower triangle; with ``upper=True``, ``U`` upper triangular with ``U.T @ U == a``,\n\
     reading the upper triangle. Not positive definite raises ``fastmath.LinAlgError``.\n\
     Result dtype: float32 for float32 input (computed in float64, rounded once), else float64.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.cholesky([[4, 2], [2, 5]]).tolist()\n\
     [[2.0, 0.0], [1.0, 2.0]]\n\
     >>> fastmath.cholesky([[4, 2], [2, 5]], upper=True).tolist()\n\
     [[2.0, 1.0], [0.0, 2.0]]",
    |args, out| {
        linalg_precision(args, out, |out| {
            if !args.flag(1)? {
                return same_shape(args, out, kernels::cholesky);
            }
            let a = array(args, 0)?;
            let s = Stack::of(args, 0, &a)?;
            let n = s.side()?;
            let size = area(n, n)?;
            f64_array(out, a.shape(), |o| {
                let mut lower = vec![0.0; size];
                for (k, part) in parts(o, size, s.count()).enumerate() {
                    let upper_as_lower = transposed(s.matrix(k)?)?;
                    kernels::cholesky(
                        MatRef::new(&upper_as_lower, n, n)?,
                        MatMut::new(&mut lower, n, n)?,
                    )?;
                    kernels::transpose(MatRef::new(&lower, n, n)?, mat_out(part, n, n)?)?;
                }
                Ok(())
            })
        })
    },
)
.wrapped(&WRAP_A);

/// numpy 2's `QRResult`.
static QR_RESULT: NamedResult = NamedResult {
    name: "QRResult",
    fields: &["Q", "R"],
};

pub static QR: Function = Function::new(
    "qr",
    Family::Linalg,
    "(a: ArrayLike, mode: Literal[\"reduced\", \"complete\", \"r\", \"raw\"] = \"reduced\") -> QRResult | FloatArray | tuple[FloatArray, FloatArray]",
    "QR decomposition (Householder), as ``numpy.linalg.qr``: ``mode=\"reduced\"`` gives\n\
     ``(q, r)`` with ``q`` m x k (orthonormal columns) and ``r`` k x n (upper triangular),\n\
     k = min(m, n), ``q @ r == a``; ``\"complete\"`` gives ``q`` m x m and ``r`` m x n;\n\
     ``\"r\"`` gives the reduced ``r`` alone. The pair is a ``QRResult`` (``.Q``, ``.R``). A\n\
     stack ``(..., M, N)`` is decomposed matrix by matrix. Signs may differ from numpy's.\n\
     ``\"raw\"`` gives numpy's plain tuple ``(h, tau)``, LAPACK ``geqrf``'s reflector form with\n\
     its sign convention: ``h`` n x m (the transpose of the factored matrix: R on and above\n\
     the diagonal, the Householder vectors below it), ``tau`` k (their scalings).\n\
     Result dtype: float32 for float32 input (computed in float64, rounded once), else float64.\n\
     \n\
     >>> import fastmath\n\
     >>> q, r = fastmath.qr([[3, 0], [4, 5]])\n\
     >>> [round(v, 12) + 0.0 for v in fastmath.matmul(q, r).tolist()[1]]\n\
     [4.0, 5.0]",
    |args, out| {
        linalg_precision(args, out, |out| {
        let mode = choice(args, 1, &["reduced", "complete", "r", "raw"])?;
        let a = array(args, 0)?;
        let s = Stack::of(args, 0, &a)?;
        let (m, n) = (s.rows, s.cols);
        let count = s.count();
        if mode == 3 {
            // numpy's plain tuple (h, tau): h is n x m, LAPACK's column-major m x n.
            let k = m.min(n);
            let (h_shape, tau_shape) = (s.shape_with(&[n, m]), s.shape_with(&[k]));
            let [h, tau] = f64_arrays(out, [&h_shape, &tau_shape], |[h, tau]| {
                let sizes = [area(n, m)?, k];
                let pairs = parts_of(h, sizes[0]).zip(parts_of(tau, k));
                for (i, (h, tau)) in pairs.take(walk(count, &sizes)).enumerate() {
                    kernels::qr_raw(s.matrix(i)?, mat_out(h, n, m)?, tau)?;
                }
                Ok(())
            })?;
            return Ok(Ret::Plain(vec![h, tau]));
        }
        if mode == 1 {
            let (q_shape, r_shape) = (s.shape_with(&[m, m]), s.shape_with(&[m, n]));
            let [q, r] = f64_arrays(out, [&q_shape, &r_shape], |[q, r]| {
                let sizes = [area(m, m)?, area(m, n)?];
                let pairs = parts_of(q, sizes[0]).zip(parts_of(r, sizes[1]));
                for (i, (q, r)) in pairs.take(walk(count, &sizes)).enumerate() {
                    kernels::qr_complete(s.matrix(i)?, mat_out(q, m, m)?, mat_out(r, m, n)?)?;
                }
                Ok(())
            })?;
            return Ok(Ret::Tuple(vec![q, r]));
        }
        let k = m.min(n);
        if mode == 2 {
            return f64_array(out, &s.shape_with(&[k, n]), |r| {
                let mut q = vec![0.0; area(m, k)?];
                for (i, r) in parts(r, area(k, n)?, count).enumerate() {
                    kernels::qr(s.matrix(i)?, MatMut::new(&mut q, m, k)?, mat_out(r, k, n)?)?;
                }
                Ok(())
            });
        }
        let (q_shape, r_shape) = (s.shape_with(&[m, k]), s.shape_with(&[k, n]));
        let [q, r] = f64_arrays(out, [&q_shape, &r_shape], |[q, r]| {
            let q_parts = parts(q, area(m, k)?, count);
            for (i, (q, r)) in q_parts.zip(parts(r, area(k, n)?, count)).enumerate() {
                kernels::qr(s.matrix(i)?, mat_out(q, m, k)?, mat_out(r, k, n)?)?;
            }
            Ok(())
        })?;
        Ok(Ret::Tuple(vec![q, r]))
        })
    },
)
.named(&QR_RESULT)
.wrapped(&WRAP_A_ALL);

pub static LSTSQ: Function = Function::new(
    "lstsq",
    Family::Linalg,
    "(a: ArrayLike, b: ArrayLike, rcond: float | None = None) -> tuple[FloatArray, FloatArray, int, FloatArray]",
    "Least-squares solution of ``a @ x ≈ b`` of minimum norm (via the SVD), as\n\
     ``numpy.linalg.lstsq``: returns ``(x, residuals, rank, s)``. Singular values at or below\n\
     ``rcond * s[0]`` count as zero; ``rcond=None`` means ``eps * max(m, n)``.\n\
     Result dtype: float32 for float32 input (computed in float64, rounded once), else float64.\n\
     \n\
     >>> import fastmath\n\
     >>> x, residuals, rank, s = fastmath.lstsq([[1, 0], [0, 1], [1, 1]], [1, 1, 2])\n\
     >>> [round(v, 12) for v in x.tolist()], rank\n\
     ([1.0, 1.0], 2)",
    |args, out| {
        linalg_precision(args, out, |out| {
            let rcond = args.opt_number(2)?;
            let (a, b) = (array(args, 0)?, array(args, 1)?);
            let am = matrix(args, 0, &a)?;
            let n = am.cols;
            // numpy's class and words for this one (LinAlgError, a ValueError).
            let b_rows = b.shape().first().copied().unwrap_or(0);
            if b_rows != am.rows {
                return Err(ApiError::linalg_invalid(format!(
                    "Incompatible dimensions: a is {}x{} but b has {b_rows} rows",
                    am.rows, am.cols
                )));
            }
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
            let info =
                info.ok_or_else(|| ApiError::invalid("internal error: lstsq did not run"))?;
            let (residuals, s) = (&info.residuals, &info.singular_values);
            let [residuals_out, s_out] =
                f64_arrays(out, [&[residuals.len()], &[s.len()]], |[r, o]| {
                    r.copy_from_slice(residuals);
                    o.copy_from_slice(s);
                    Ok(())
                })?;
            let rank = Ret::Int(i64::try_from(info.rank).unwrap_or(i64::MAX));
            Ok(Ret::Tuple(vec![x, residuals_out, rank, s_out]))
        })
    },
)
.wrapped(&WRAP_LSTSQ);

/// numpy 2's `EighResult`.
static EIGH_RESULT: NamedResult = NamedResult {
    name: "EighResult",
    fields: &["eigenvalues", "eigenvectors"],
};

pub static EIGH: Function = Function::new(
    "eigh",
    Family::Linalg,
    "(a: ArrayLike, UPLO: Literal[\"L\", \"U\"] = \"L\") -> EighResult",
    "Eigenvalues and eigenvectors of a symmetric matrix, as ``numpy.linalg.eigh``: ``(w, v)``\n\
     with ``w`` ascending and ``v[:, i]`` the eigenvector of ``w[i]``, reading the lower\n\
     triangle (``UPLO=\"L\"``) or the upper one (``\"U\"``); of a stack ``(..., M, M)``, ``w``\n\
     is ``(..., M)`` and ``v`` ``(..., M, M)``. The pair is an ``EighResult``\n\
     (``.eigenvalues``, ``.eigenvectors``).\n\
     Result dtype: float32 for float32 input (computed in float64, rounded once), else float64.\n\
     \n\
     >>> import fastmath\n\
     >>> w, v = fastmath.eigh([[2, 1], [1, 2]])\n\
     >>> [round(x, 12) for x in w.tolist()]\n\
     [1.0, 3.0]",
    |args, out| {
        linalg_precision(args, out, |out| {
            // numpy takes either case ("l" too).
            let upper = match args.string(1)? {
                "U" | "u" => true,
                "L" | "l" => false,
                _ => choice(args, 1, &["L", "U"]).map(|_| false)?,
            };
            let a = array(args, 0)?;
            let s = Stack::of(args, 0, &a)?;
            let n = s.side()?;
            let (w_shape, v_shape) = (s.shape_with(&[n]), s.shape_with(&[n, n]));
            let [w, v] = f64_arrays(out, [&w_shape, &v_shape], |[w, v]| {
                let count = s.count();
                let w_parts = parts(w, n, count);
                for (k, (w, v)) in w_parts.zip(parts(v, area(n, n)?, count)).enumerate() {
                    let v = mat_out(v, n, n)?;
                    if upper {
                        let t = transposed(s.matrix(k)?)?;
                        kernels::eigh(MatRef::new(&t, n, n)?, w, v)?;
                    } else {
                        kernels::eigh(s.matrix(k)?, w, v)?;
                    }
                }
                Ok(())
            })?;
            Ok(Ret::Tuple(vec![w, v]))
        })
    },
)
.named(&EIGH_RESULT)
.wrapped(&WRAP_EIGH);

/// numpy 2's `SVDResult`.
static SVD_RESULT: NamedResult = NamedResult {
    name: "SVDResult",
    fields: &["U", "S", "Vh"],
};

pub static SVD: Function = Function::new(
    "svd",
    Family::Linalg,
    "(a: ArrayLike, full_matrices: bool = True, compute_uv: bool = True, hermitian: bool = False) -> SVDResult | FloatArray",
    "Singular value decomposition, as ``numpy.linalg.svd``: ``(u, s, vh)`` with ``s`` (k,)\n\
     descending, k = min(m, n), and ``u[:, :k] @ diag(s) @ vh[:k] == a``; ``u`` is m x m and\n\
     ``vh`` n x n (``full_matrices=True``, the default) or m x k and k x n (``False``).\n\
     ``compute_uv=False`` returns ``s`` alone. A stack ``(..., M, N)`` is decomposed matrix by\n\
     matrix. ``hermitian=True`` is accepted and gives a valid decomposition of a symmetric\n\
     ``a`` (computed as for any matrix; numpy uses ``eigh`` there, so signs may differ).\n\
     The triple is an ``SVDResult`` (``.U``, ``.S``, ``.Vh``).\n\
     Result dtype: float32 for float32 input (computed in float64, rounded once), else float64.\n\
     \n\
     >>> import fastmath\n\
     >>> u, s, vh = fastmath.svd([[3, 0], [0, 4]])\n\
     >>> s.tolist()\n\
     [4.0, 3.0]",
    |args, out| {
        linalg_precision(args, out, |out| {
        let full = args.flag(1)?;
        let compute_uv = args.flag(2)?;
        args.flag(3)?;
        let a = array(args, 0)?;
        let st = Stack::of(args, 0, &a)?;
        let (m, n) = (st.rows, st.cols);
        let k = m.min(n);
        let count = st.count();
        if !compute_uv {
            return f64_array(out, &st.shape_with(&[k]), |s| {
                let (mut u, mut vt) = (vec![0.0; area(m, k)?], vec![0.0; area(k, n)?]);
                for (i, s) in parts(s, k, count).enumerate() {
                    let (u, vt) = (MatMut::new(&mut u, m, k)?, MatMut::new(&mut vt, k, n)?);
                    kernels::svd(st.matrix(i)?, u, s, vt)?;
                }
                Ok(())
            });
        }
        let (ku, kv) = if full { (m, n) } else { (k, k) };
        let shapes = [
            st.shape_with(&[m, ku]),
            st.shape_with(&[k]),
            st.shape_with(&[kv, n]),
        ];
        let [u, s, vt] = f64_arrays(out, [&shapes[0], &shapes[1], &shapes[2]], |[u, s, vt]| {
            // Empty matrices still have identity factors when full.
            let sizes = [area(m, ku)?, k, area(kv, n)?];
            let triples = parts_of(u, sizes[0])
                .zip(parts_of(s, sizes[1]))
                .zip(parts_of(vt, sizes[2]));
            for (i, ((u, s), vt)) in triples.take(walk(count, &sizes)).enumerate() {
                let (u, vt) = (mat_out(u, m, ku)?, mat_out(vt, kv, n)?);
                if full {
                    kernels::svd_full(st.matrix(i)?, u, s, vt)?;
                } else {
                    kernels::svd(st.matrix(i)?, u, s, vt)?;
                }
            }
            Ok(())
        })?;
        Ok(Ret::Tuple(vec![u, s, vt]))
        })
    },
)
.named(&SVD_RESULT)
.wrapped(&WRAP_SVD);

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
        let reduced = vec![("full_matrices", Value::Bool(false))];
        let (ret, out) = ok("svd", vec![Arr::new(&[2, 3], &wide).value()], reduced);
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
    fn stacks_apply_matrix_by_matrix_and_broadcast_their_batches() {
        // Two 2x2 matrices: diag(2, 4) and [[1, 2], [3, 4]].
        let stack_data = [2.0, 0.0, 0.0, 4.0, 1.0, 2.0, 3.0, 4.0];
        let stack = Arr::new(&[2, 2, 2], &stack_data);
        let (ret, out) = ok("det", vec![stack.value()], vec![]);
        let (shape, d) = out.f64(&ret);
        assert!(shape == [2] && close(d, &[8.0, -2.0], TOL), "{d:?}");
        let (ret, out) = ok("inv", vec![stack.value()], vec![]);
        let (shape, inv) = out.f64(&ret);
        assert_eq!(shape, [2, 2, 2]);
        assert!(close(&inv[..4], &[0.5, 0.0, 0.0, 0.25], TOL), "{inv:?}");
        assert!(close(&inv[4..], &[-2.0, 1.0, 1.5, -0.5], TOL), "{inv:?}");

        // One right-hand side for both (numpy 2: a 1-D b), then b (3, 1, 2, 1) against a's
        // batch (2,): the result's batch is (3, 2).
        let (ret, out) = ok(
            "solve",
            vec![stack.value(), vector(&[2.0, 4.0]).value()],
            vec![],
        );
        let (shape, x) = out.f64(&ret);
        assert!(
            shape == [2, 2] && close(x, &[1.0, 1.0, 0.0, 1.0], TOL),
            "{x:?}"
        );
        let rhs: Vec<f64> = (1..=3).flat_map(|t| [f64::from(t), 0.0]).collect();
        let b = Arr::new(&[3, 1, 2, 1], &rhs);
        let (ret, out) = ok("solve", vec![stack.value(), b.value()], vec![]);
        let (shape, x) = out.f64(&ret);
        assert_eq!(shape, [3, 2, 2, 1]);
        for (t, pair) in x.chunks(4).enumerate() {
            let r = (t + 1) as f64; // b = (r, 0) for matrix t of b's batch
            let expect = [r / 2.0, 0.0, -2.0 * r, 1.5 * r];
            assert!(close(pair, &expect, TOL), "{t}: {pair:?}");
        }

        // matmul: (2, 2, 2) @ (2, 1) and vector @ stack.
        let (ret, out) = ok(
            "matmul",
            vec![stack.value(), matrix(&[&[1.0], &[1.0]]).value()],
            vec![],
        );
        assert_eq!(out.f64(&ret), (&[2, 2, 1][..], &[2.0, 4.0, 3.0, 7.0][..]));
        let (ret, out) = ok(
            "matmul",
            vec![vector(&[1.0, 1.0]).value(), stack.value()],
            vec![],
        );
        assert_eq!(out.f64(&ret), (&[2, 2][..], &[2.0, 4.0, 4.0, 6.0][..]));

        // Factorizations keep the batch: eigh's w (2, 2), svd's s (2, 2), qr's r (2, 2, 2).
        let sym = Arr::new(&[2, 2, 2], &[2.0, 1.0, 1.0, 2.0, 5.0, 0.0, 0.0, 1.0]);
        let (ret, out) = ok("eigh", vec![sym.value()], vec![]);
        let [(ws, w), (vs, _)] = parts(&ret, &out)[..] else {
            panic!()
        };
        assert!(ws == [2, 2] && vs == [2, 2, 2] && close(w, &[1.0, 3.0, 1.0, 5.0], TOL));
        let (ret, out) = ok("svd", vec![sym.value()], vec![]);
        let [_, (ss, sv), _] = parts(&ret, &out)[..] else {
            panic!()
        };
        assert!(
            ss == [2, 2] && close(sv, &[3.0, 1.0, 5.0, 1.0], TOL),
            "{sv:?}"
        );
        let (ret, out) = ok("qr", vec![sym.value()], vec![]);
        let [(qs, _), (rs, _)] = parts(&ret, &out)[..] else {
            panic!()
        };
        assert!(qs == [2, 2, 2] && rs == [2, 2, 2]);
    }

    #[test]
    fn empty_stacks_give_empty_results_without_walking_them() {
        // 2^40 empty matrices: nothing to compute, and nothing may loop over them.
        let huge = 1usize << 40;
        let none = Arr::new(&[huge, 0, 0], &[]);
        let (ret, out) = ok("inv", vec![none.value()], vec![]);
        assert_eq!(out.f64(&ret).0, [huge, 0, 0]);
        let (ret, out) = ok("eigh", vec![none.value()], vec![]);
        let [(ws, _), (vs, _)] = parts(&ret, &out)[..] else {
            panic!()
        };
        assert!(ws == [huge, 0] && vs == [huge, 0, 0]);
        // Their determinants would be 2^40 ones: too large, said as such.
        let (class, _) = err("det", vec![none.value()], vec![]);
        assert_eq!(class, MemoryError);
        // A batch of no matrices: det gives an empty array.
        let (ret, out) = ok("det", vec![Arr::new(&[0, 3, 3], &[]).value()], vec![]);
        assert_eq!(out.f64(&ret), (&[0][..], &[][..]));
    }

    #[test]
    fn refusals() {
        let row = matrix(&[&[1.0, 2.0]]);
        let wide = matrix(&[&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0]]);
        let singular = matrix(&[&[1.0, 2.0], &[2.0, 4.0]]);
        let (v2, v3) = (vector(&[1.0, 2.0]), vector(&[1.0, 2.0, 3.0]));
        let cube = Arr::new(&[2, 1, 2], &[1.0, 2.0, 3.0, 4.0]);
        let pair_stack = Arr::new(&[3, 2, 1], &[1.0; 6]);
        let no_wide = Arr::new(&[0, 2, 3], &[]);
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
                vec![cube.value(), pair_stack.value()],
                ValueError,
                "matmul: operands could not be broadcast together with shapes (2,1,2) (3,2,1)",
            ),
            (
                "inv",
                vec![no_wide.value()],
                LinAlgError,
                "inv: a must be square, got 2x3",
            ),
            (
                "solve",
                vec![wide.value(), v2.value()],
                LinAlgError,
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
                LinAlgError,
                "a: expected a matrix or a stack of them (at least 2 dimensions), got a 1-D \
                 array of length 2",
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
                LinAlgError,
                "eigh: a must be square, got 1x3",
            ),
            (
                "lstsq",
                vec![wide.value(), v3.value()],
                LinAlgError,
                "lstsq: Incompatible dimensions: a is 2x3 but b has 3 rows",
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
