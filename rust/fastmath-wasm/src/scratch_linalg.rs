//! Scratch-region kernels of the linear-algebra family: `matmul transpose solve inv det
//! cholesky qr lstsq eigh svd`, each calling the fastmath-core kernel `fastmath-py` calls.
//!
//! Conventions of [`crate::scratch`]: operands are element spans of the region, matrices are
//! row-major `(offset, rows, cols)`, inputs lie before outputs and every access is
//! bounds-checked (a wrong offset is a loader bug and panics). A function with several results
//! writes them one after the other from its `out` offset, in the order of the Python tuple.
//!
//! Kernels may allocate (workspaces, packing buffers), which can grow the module's memory: the
//! host re-makes its views of the memory after every call of this family.
//!
//! Scalar results (`det`, the inner product of `matmul`) are returned *and* stored at `out`:
//! JavaScript hands an integral number to Python as an `int`, which loses the sign of `-0.0`,
//! so the host reads them from memory.

use fastmath_core::linalg as kernels;
use fastmath_core::matrix::{MatMut, MatRef};
use fastmath_core::{Result as CoreResult, reduce};
use wasm_bindgen::prelude::*;

use crate::errors::{kernel_error as fail, value_error};
use crate::scratch::{span, with_io};

/// `rows * cols`, panicking on overflow (a loader bug: the host allocated that much).
pub(crate) fn area(rows: usize, cols: usize) -> usize {
    rows.checked_mul(cols).expect("matrix size overflows")
}

/// Runs a core computation and names its refusal after `function`.
fn run<R>(function: &str, f: impl FnOnce() -> CoreResult<R>) -> Result<R, js_sys::Error> {
    f().map_err(|e| fail(function, e))
}

fn mat(data: &[f64], rows: usize, cols: usize) -> CoreResult<MatRef<'_>> {
    MatRef::new(data, rows, cols)
}

fn mat_mut(data: &mut [f64], rows: usize, cols: usize) -> CoreResult<MatMut<'_>> {
    MatMut::new(data, rows, cols)
}

// --- matmul --------------------------------------------------------------------------------

/// `out (m x n) = a (m x k) @ b (k2 x n)`; the core checks `k == k2`.
#[wasm_bindgen]
pub fn matmul_at(
    a: usize,
    m: usize,
    k: usize,
    b: usize,
    k2: usize,
    n: usize,
    out: usize,
) -> Result<(), js_sys::Error> {
    with_io(
        [span(a, area(m, k)), span(b, area(k2, n))],
        span(out, area(m, n)),
        |[a, b], out| {
            run("matmul", || {
                kernels::matmul(mat(a, m, k)?, mat(b, k2, n)?, mat_mut(out, m, n)?)
            })
        },
    )
}

/// `out (m) = a (m x k) @ x (len)`.
#[wasm_bindgen]
pub fn matvec_at(
    a: usize,
    m: usize,
    k: usize,
    x: usize,
    len: usize,
    out: usize,
) -> Result<(), js_sys::Error> {
    with_io(
        [span(a, area(m, k)), span(x, len)],
        span(out, m),
        |[a, x], out| run("matmul", || kernels::matvec(mat(a, m, k)?, x, out)),
    )
}

/// `out (n) = x (len) @ b (k x n)`.
#[wasm_bindgen]
pub fn vecmat_at(
    x: usize,
    len: usize,
    b: usize,
    k: usize,
    n: usize,
    out: usize,
) -> Result<(), js_sys::Error> {
    with_io(
        [span(x, len), span(b, area(k, n))],
        span(out, n),
        |[x, b], out| run("matmul", || kernels::vecmat(x, mat(b, k, n)?, out)),
    )
}

/// The inner product of two vectors (`matmul` of 1-D and 1-D), also stored at `out`; a
/// "ValueError" worded as the native binding words it when the lengths differ.
#[wasm_bindgen]
pub fn matmul_dot_at(
    x: usize,
    x_len: usize,
    y: usize,
    y_len: usize,
    out: usize,
) -> Result<f64, js_sys::Error> {
    if x_len != y_len {
        return Err(value_error(&format!(
            "matmul: a has length {x_len} but b has length {y_len}"
        )));
    }
    with_io(
        [span(x, x_len), span(y, y_len)],
        span(out, 1),
        |[x, y], out| {
            let v = run("matmul", || reduce::dot(x, y))?;
            out[0] = v;
            Ok(v)
        },
    )
}

// --- transpose, solve, inv, det, cholesky --------------------------------------------------

/// `out (n x m) = a (m x n)ᵀ`.
#[wasm_bindgen]
pub fn transpose_at(a: usize, m: usize, n: usize, out: usize) -> Result<(), js_sys::Error> {
    with_io([span(a, area(m, n))], span(out, area(n, m)), |[a], out| {
        run("transpose", || {
            kernels::transpose(mat(a, m, n)?, mat_mut(out, n, m)?)
        })
    })
}

/// `out (len) = solve(a (m x n), b (len))`.
#[wasm_bindgen]
pub fn solve_vec_at(
    a: usize,
    m: usize,
    n: usize,
    b: usize,
    len: usize,
    out: usize,
) -> Result<(), js_sys::Error> {
    with_io(
        [span(a, area(m, n)), span(b, len)],
        span(out, len),
        |[a, b], out| run("solve", || kernels::solve_vec(mat(a, m, n)?, b, out)),
    )
}

/// `out (bm x bk) = solve(a (m x n), b (bm x bk))`.
#[wasm_bindgen]
pub fn solve_at(
    a: usize,
    m: usize,
    n: usize,
    b: usize,
    bm: usize,
    bk: usize,
    out: usize,
) -> Result<(), js_sys::Error> {
    with_io(
        [span(a, area(m, n)), span(b, area(bm, bk))],
        span(out, area(bm, bk)),
        |[a, b], out| {
            run("solve", || {
                kernels::solve(mat(a, m, n)?, mat(b, bm, bk)?, mat_mut(out, bm, bk)?)
            })
        },
    )
}

/// `out (m x n) = inv(a (m x n))`.
#[wasm_bindgen]
pub fn inv_at(a: usize, m: usize, n: usize, out: usize) -> Result<(), js_sys::Error> {
    with_io([span(a, area(m, n))], span(out, area(m, n)), |[a], out| {
        run("inv", || kernels::inv(mat(a, m, n)?, mat_mut(out, m, n)?))
    })
}

/// `det(a (m x n))`, also stored at `out`.
#[wasm_bindgen]
pub fn det_at(a: usize, m: usize, n: usize, out: usize) -> Result<f64, js_sys::Error> {
    with_io([span(a, area(m, n))], span(out, 1), |[a], out| {
        let v = run("det", || kernels::det(mat(a, m, n)?))?;
        out[0] = v;
        Ok(v)
    })
}

/// `out (m x n) = cholesky(a (m x n))`.
#[wasm_bindgen]
pub fn cholesky_at(a: usize, m: usize, n: usize, out: usize) -> Result<(), js_sys::Error> {
    with_io([span(a, area(m, n))], span(out, area(m, n)), |[a], out| {
        run("cholesky", || {
            kernels::cholesky(mat(a, m, n)?, mat_mut(out, m, n)?)
        })
    })
}

// --- decompositions ------------------------------------------------------------------------

/// `qr(a (m x n))`: `q` (m x k) at `out`, then `r` (k x n), k = min(m, n).
#[wasm_bindgen]
pub fn qr_at(a: usize, m: usize, n: usize, out: usize) -> Result<(), js_sys::Error> {
    let k = m.min(n);
    let (q_len, r_len) = (area(m, k), area(k, n));
    with_io(
        [span(a, area(m, n))],
        span(out, q_len + r_len),
        |[a], out| {
            let (q, r) = out.split_at_mut(q_len);
            run("qr", || {
                kernels::qr(mat(a, m, n)?, mat_mut(q, m, k)?, mat_mut(r, k, n)?)
            })
        },
    )
}

/// `eigh(a (m x n))`: `w` (n) at `out`, then `v` (n x n). A non-square `a` is refused by the
/// kernel (with empty outputs, nothing written), as the native binding lets it word the error.
#[wasm_bindgen]
pub fn eigh_at(a: usize, m: usize, n: usize, out: usize) -> Result<(), js_sys::Error> {
    let len = if m == n { n + area(n, n) } else { 0 };
    with_io([span(a, area(m, n))], span(out, len), |[a], out| {
        run("eigh", || {
            let am = mat(a, m, n)?;
            if m != n {
                return kernels::eigh(am, &mut [], mat_mut(&mut [], 0, 0)?);
            }
            let (w, v) = out.split_at_mut(n);
            kernels::eigh(am, w, mat_mut(v, n, n)?)
        })
    })
}

/// `svd(a (m x n))`: `u` (m x k) at `out`, then `s` (k), then `vt` (k x n), k = min(m, n).
#[wasm_bindgen]
pub fn svd_at(a: usize, m: usize, n: usize, out: usize) -> Result<(), js_sys::Error> {
    let k = m.min(n);
    let (u_len, vt_len) = (area(m, k), area(k, n));
    with_io(
        [span(a, area(m, n))],
        span(out, u_len + k + vt_len),
        |[a], out| {
            let (u, rest) = out.split_at_mut(u_len);
            let (s, vt) = rest.split_at_mut(k);
            run("svd", || {
                kernels::svd(mat(a, m, n)?, mat_mut(u, m, k)?, s, mat_mut(vt, k, n)?)
            })
        },
    )
}

/// Writes what `lstsq` returns besides `x` after it: the min(m, n) singular values, then
/// `res_slots` slots for the residuals, then `[rank, number of residuals]`.
fn store_lstsq_info(info: &kernels::Lstsq, tail: &mut [f64], res_slots: usize) {
    let s_len = info.singular_values.len();
    tail[..s_len].copy_from_slice(&info.singular_values);
    let residuals = &mut tail[s_len..s_len + res_slots];
    residuals[..info.residuals.len()].copy_from_slice(&info.residuals);
    let meta = &mut tail[s_len + res_slots..];
    meta[0] = info.rank as f64;
    meta[1] = info.residuals.len() as f64;
}

/// `lstsq(a (m x n), b (len), rcond)`: `x` (n) at `out`, then `s` (min(m, n)), one slot for
/// the residual, then `[rank, number of residuals]`.
#[wasm_bindgen]
pub fn lstsq_vec_at(
    a: usize,
    m: usize,
    n: usize,
    b: usize,
    len: usize,
    rcond: Option<f64>,
    out: usize,
) -> Result<(), js_sys::Error> {
    let k = m.min(n);
    with_io(
        [span(a, area(m, n)), span(b, len)],
        span(out, n + k + 1 + 2),
        |[a, b], out| {
            let (x, tail) = out.split_at_mut(n);
            let info = run("lstsq", || kernels::lstsq_vec(mat(a, m, n)?, b, rcond, x))?;
            store_lstsq_info(&info, tail, 1);
            Ok(())
        },
    )
}

/// `lstsq(a (m x n), b (bm x bk), rcond)`: `x` (n x bk) at `out`, then `s` (min(m, n)), `bk`
/// slots for the residuals, then `[rank, number of residuals]`.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn lstsq_at(
    a: usize,
    m: usize,
    n: usize,
    b: usize,
    bm: usize,
    bk: usize,
    rcond: Option<f64>,
    out: usize,
) -> Result<(), js_sys::Error> {
    let k = m.min(n);
    let x_len = area(n, bk);
    with_io(
        [span(a, area(m, n)), span(b, area(bm, bk))],
        span(out, x_len + k + bk + 2),
        |[a, b], out| {
            let (x, tail) = out.split_at_mut(x_len);
            let info = run("lstsq", || {
                kernels::lstsq(mat(a, m, n)?, mat(b, bm, bk)?, rcond, mat_mut(x, n, bk)?)
            })?;
            store_lstsq_info(&info, tail, bk);
            Ok(())
        },
    )
}

#[cfg(test)]
mod tests {
    //! Host tests of the success paths (errors build JS objects: tested under Pyodide).
    use super::*;
    use crate::scratch::scratch_f64;
    use crate::scratch::test_support::{fill, read};

    #[test]
    fn matmul_forms() {
        scratch_f64(64);
        fill(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        matmul_at(0, 2, 2, 4, 2, 1, 10).unwrap();
        assert_eq!(read(10..12), [17.0, 39.0]);
        matvec_at(0, 2, 2, 4, 2, 10).unwrap();
        assert_eq!(read(10..12), [17.0, 39.0]);
        vecmat_at(4, 2, 0, 2, 2, 10).unwrap();
        assert_eq!(read(10..12), [23.0, 34.0]);
        assert_eq!(matmul_dot_at(0, 2, 4, 2, 10).unwrap(), 17.0);
        assert_eq!(read(10..11), [17.0]);
    }

    #[test]
    fn decompositions_lay_out_results_in_tuple_order() {
        scratch_f64(64);
        fill(&[3.0, 0.0, 0.0, 4.0]);
        svd_at(0, 2, 2, 4).unwrap();
        assert_eq!(read(8..10), [4.0, 3.0]);
        fill(&[2.0, 1.0, 1.0, 2.0]);
        eigh_at(0, 2, 2, 4).unwrap();
        let w = read(4..6);
        assert!((w[0] - 1.0).abs() < 1e-12 && (w[1] - 3.0).abs() < 1e-12);
        fill(&[1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0]);
        lstsq_vec_at(0, 3, 2, 6, 3, None, 9).unwrap();
        let x = read(9..11);
        assert!((x[0] - 1.0).abs() < 1e-12 && (x[1] - 1.0).abs() < 1e-12);
        assert_eq!(read(14..16), [2.0, 1.0]);
    }

    #[test]
    fn det_is_stored_too() {
        scratch_f64(16);
        fill(&[1.0, 2.0, 3.0, 4.0]);
        let d = det_at(0, 2, 2, 4).unwrap();
        assert!((d + 2.0).abs() < 1e-12);
        assert_eq!(read(4..5), [d]);
    }
}
