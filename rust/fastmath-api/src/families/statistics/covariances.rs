//! `cov` and `corrcoef`: numpy's covariance and correlation matrices of variables in rows (or
//! columns, `rowvar=False`), with an optional second set of variables `y`.

use fastmath_core::statistics::covariance as kernels;

use super::reduced::{data, operand_array};
use crate::args::Args;
use crate::dtype::DType;
use crate::element::scalar;
use crate::error::ApiError;
use crate::families::scratch::room;
use crate::outputs::{Outputs, Ret, array};
use crate::table::{Family, Function};
use crate::value::Value;

pub static COV: Function = Function::new(
    "cov",
    Family::Statistics,
    "(m: Number | ArrayLike, /, y: ArrayLike | None = None, rowvar: bool = True, \
     ddof: int | None = None, *, dtype: DTypeLike | None = None) -> float | FloatArray",
    "Covariance matrix of the variables in the rows of ``m`` (1-D: one variable; columns with\n\
     ``rowvar=False``), and of those of ``y`` after them, as ``numpy.cov``: float64, ``(k, k)``\n\
     for ``k`` variables, a float for one. Divisor ``n - ddof`` (``ddof`` 1 by default; inf or\n\
     nan where it is not positive, as numpy's after its warning), applied as numpy does, as a\n\
     product with its reciprocal. Each variable is centred on\n\
     its correctly rounded mean, so the last bits can differ from numpy's. ``dtype``:\n\
     float64 (the default) or float32, the float64 result rounded once (numpy computes in\n\
     float32); other dtypes are a TypeError.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.cov([[0, 1, 2], [2, 1, 0]]).tolist()\n\
     [[1.0, -1.0], [-1.0, 1.0]]\n\
     >>> fastmath.cov([1, 2, 3, 4])  # 5 * (1 / 3), numpy's arithmetic\n\
     1.6666666666666665",
    |args, out| covariance(args, out, false),
);

pub static CORRCOEF: Function = Function::new(
    "corrcoef",
    Family::Statistics,
    "(x: Number | ArrayLike, /, y: ArrayLike | None = None, rowvar: bool = True, *, \
     dtype: DTypeLike | None = None) -> float | FloatArray",
    "Pearson correlation coefficients of the variables in the rows of ``x`` (and ``y``), as\n\
     ``numpy.corrcoef``: ``cov`` divided by the standard deviations, clipped to [-1, 1];\n\
     float64, a float for one variable (1.0, or nan when it does not vary). ``dtype`` as\n\
     ``cov``'s.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.corrcoef([1, 2, 3], [3, 2, 1]).tolist()\n\
     [[1.0, -1.0], [-1.0, 1.0]]",
    |args, out| covariance(args, out, true),
);

/// The variables of argument `i` as rows: `(rows, observations, values)` (numpy's
/// `array(m, ndmin=2)`, transposed for `rowvar=False` as numpy's `cov` transposes `m` and
/// `y`).
fn variables(
    args: &Args<'_>,
    i: usize,
    rowvar: bool,
) -> Result<(usize, usize, Vec<f64>), ApiError> {
    let mut hold = [0.0];
    let a = operand_array(args, i, &mut hold)?;
    let values = data::<f64>(args, i, &a)?.into_owned();
    let (rows, cols) = match *a.shape() {
        [] => (1, 1),
        [n] => (1, n),
        [r, c] => (r, c),
        _ => {
            return Err(ApiError::value_error(
                args.name(i),
                format!("{} has more than 2 dimensions", args.name(i)),
            ));
        }
    };
    // numpy transposes `m` of two dimensions, and `y` of more than one row.
    let transpose = !rowvar && if i == 0 { a.ndim() == 2 } else { rows != 1 };
    if !transpose {
        return Ok((rows, cols, values));
    }
    let mut t = room(values.len(), DType::F64)?;
    for c in 0..cols {
        for r in 0..rows {
            t.push(
                values
                    .get(r.saturating_mul(cols).saturating_add(c))
                    .copied()
                    .unwrap_or(f64::NAN),
            );
        }
    }
    Ok((cols, rows, t))
}

fn covariance(args: &Args<'_>, out: &mut dyn Outputs, correlate: bool) -> Result<Ret, ApiError> {
    let rowvar = args.flag(2)?;
    // numpy's `dtype=`: float64, or float32 (the float64 result rounded once).
    let dtype_at = if correlate { 3 } else { 4 };
    let float32 = match crate::families::sequences::dtype_param(args, dtype_at)? {
        None | Some(DType::F64) => false,
        Some(DType::F32) => true,
        Some(other) => {
            return Err(ApiError::type_error(
                args.name(dtype_at),
                format!(
                    "{} gives floats: dtype must be float64 or float32, got {}",
                    if correlate { "corrcoef" } else { "cov" },
                    other.name()
                ),
            ));
        }
    };
    let ddof = if correlate {
        1.0
    } else {
        match args.value(3) {
            Value::None => 1.0,
            _ => args.int(3)? as f64,
        }
    };
    let (mut k, n, mut x) = variables(args, 0, rowvar)?;
    if k == 0 {
        return if float32 {
            array::<f32>(out, &[0, 0], |_| Ok(()))
        } else {
            array::<f64>(out, &[0, 0], |_| Ok(()))
        };
    }
    if !matches!(args.value(1), Value::None) {
        let (ky, ny, y) = variables(args, 1, rowvar)?;
        if ny != n {
            return Err(ApiError::value_error(
                args.name(1),
                format!("has {ny} observations, {} has {n}", args.name(0)),
            ));
        }
        x.extend_from_slice(&y);
        k = k.saturating_add(ky);
    }
    let mut c = Vec::new();
    let kk = k.saturating_mul(k);
    c.try_reserve_exact(kk)
        .map_err(|_| ApiError::result_too_large(DType::F64, &[k, k]))?;
    c.resize(kk, 0.0);
    kernels::covariance_into(&x, k, n, ddof, &mut c)?;
    if k == 1 {
        let v = c.first().copied().unwrap_or(f64::NAN);
        // numpy's `c / c` of a single variance: 1, or nan for 0, inf and nan.
        let one = if v.is_finite() && v != 0.0 {
            1.0
        } else {
            f64::NAN
        };
        let v = if correlate { one } else { v };
        return Ok(if float32 {
            scalar(v as f32)
        } else {
            Ret::Float(v)
        });
    }
    if correlate {
        kernels::correlation_in_place(&mut c, k)?;
    }
    if float32 {
        return array::<f32>(out, &[k, k], |o| {
            o.iter_mut().zip(&c).for_each(|(s, &v)| *s = v as f32);
            Ok(())
        });
    }
    array::<f64>(out, &[k, k], |o| {
        o.copy_from_slice(&c);
        Ok(())
    })
}
