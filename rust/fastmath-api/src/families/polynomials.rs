//! Polynomials as numpy's `polyval` and `polyfit` hold them: coefficients, highest power first.

use fastmath_core::elementwise::Numeric;
use fastmath_core::polynomial as kernels;

use super::rank;
use super::scratch::zeros;
use crate::args::Args;
use crate::array::ArrayRef;
use crate::dtype::{DType, promote};
use crate::element::{Element, scalar};
use crate::error::ApiError;
use crate::outputs::{Outputs, Ret, array, f64_array};
use crate::table::{Family, Function};
use crate::value::Value;
use crate::with_dtype;

pub static FUNCTIONS: &[&Function] = &[&POLYVAL, &POLYFIT];

pub static POLYVAL: Function = Function::new(
    "polyval",
    Family::Polynomials,
    "(p: ArrayLike, x: Number | ArrayLike) -> int | float | Array",
    "The polynomial with coefficients ``p`` (highest power first) at ``x``, as\n\
     ``numpy.polyval``: Horner's rule ``y = y * x + p[i]`` from ``y = 0``. A number ``x`` gives\n\
     a number, an array of any shape an array of that shape.\n\
     \n\
     dtypes, as numpy: the common dtype of ``p`` and ``x`` (a Python int ``x`` counts as\n\
     int64, a float as float64), computed in it (integers wrap around as numpy's); ``x``'s\n\
     dtype for an empty ``p``, which gives zeros; float16 gives float32.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.polyval([3, 0, 1], 5)\n\
     76\n\
     >>> fastmath.polyval([1, -1], [0, 1, 2]).tolist()\n\
     [-1, 0, 1]",
    |args, out| {
        let p = rank::vector(args, 0)?;
        let x = args.value(1).clone();
        let x_dtype = match &x {
            Value::Int(_) => DType::I64,
            Value::Bool(_) => DType::Bool,
            Value::Array(a) => a.dtype(),
            // Floats, and anything the operand reader refuses below.
            _ => DType::F64,
        };
        let dtype = if p.is_empty() {
            x_dtype
        } else {
            promote(p.dtype(), x_dtype)
        };
        with_dtype!(dtype, T => polyval::<T>(args, out, &p, &x))
    },
);

fn polyval<'a, T: Element + Numeric>(
    args: &Args<'a>,
    out: &mut dyn Outputs,
    p: &ArrayRef<'a>,
    x: &Value<'a>,
) -> Result<Ret, ApiError> {
    let coefficients = args.data::<T>(0, p)?;
    let number = match x {
        Value::Int(v) => Some(T::from_i64(*v)),
        Value::Bool(b) => Some(T::from_u64(u64::from(*b))),
        Value::Array(a) if a.ndim() > 0 => None,
        Value::Array(a) => args.data::<T>(1, a)?.first().copied(),
        _ => Some(T::from_f64(args.number(1)?)),
    };
    match (number, x) {
        (Some(v), _) => {
            let mut one = [T::default()];
            kernels::polyval_into(&coefficients, &[v], &mut one)?;
            Ok(scalar(one.first().copied().unwrap_or_default()))
        }
        (None, Value::Array(a)) => {
            let values = args.data::<T>(1, a)?;
            array::<T>(out, a.shape(), |o| {
                Ok(kernels::polyval_into(&coefficients, &values, o)?)
            })
        }
        (None, _) => Err(ApiError::invalid(
            "internal error: polyval of neither a number nor an array",
        )),
    }
}

pub static POLYFIT: Function = Function::new(
    "polyfit",
    Family::Polynomials,
    "(x: ArrayLike, y: ArrayLike, deg: int, rcond: float | None = None, full: bool = False, \
     w: ArrayLike | None = None, cov: bool | Literal[\"unscaled\"] = False) -> FloatArray | \
     tuple[FloatArray, FloatArray, int, FloatArray, float] | tuple[FloatArray, FloatArray]",
    "The least-squares polynomial fit of degree ``deg`` to the points ``(x[i], y[i])``, as\n\
     ``numpy.polyfit``: float64 coefficients, highest power first, of shape ``(deg + 1,)``, or\n\
     ``(deg + 1, k)`` for a 2-D ``y`` of ``k`` columns (one fit each). numpy's method: the\n\
     Vandermonde matrix with unit-norm columns, solved through the SVD (``lstsq``, ``rcond``\n\
     by default ``len(x) * eps``); a rank-deficient fit gives the minimum-norm coefficients\n\
     (numpy also warns, which fastmath does not). Errors as numpy's: ``deg < 0`` is a\n\
     ValueError; ``x`` not 1-D or empty, ``y`` not 1-D or 2-D, or of another length, a\n\
     TypeError.\n\
     \n\
     numpy's keywords: ``w`` weighs each point (rows multiplied by ``w[i]``, for ``1 /\n\
     sigma``; 1-D, as long as ``x``); ``full=True`` returns ``(coefficients, residuals, rank,\n\
     singular_values, rcond)`` (residuals: the sums of squared residuals, empty when the fit\n\
     is rank-deficient or exact by count); ``cov=True`` returns ``(coefficients, covariance)``\n\
     with the covariance scaled by ``residuals / (len(x) - deg - 1)`` (``cov=\"unscaled\"``:\n\
     unscaled; shape ``(deg + 1, deg + 1)``, or ``(deg + 1, deg + 1, k)`` for a 2-D ``y``,\n\
     ``(deg + 1, deg + 1, 1)`` unscaled, as numpy's);\n\
     ``full`` wins over ``cov``, as numpy's.\n\
     \n\
     >>> import fastmath\n\
     >>> [round(c, 9) for c in fastmath.polyfit([0, 1, 2, 3], [1, 3, 7, 13], 2).tolist()]\n\
     [1.0, 1.0, 1.0]\n\
     >>> c, residuals, rank, s, rcond = fastmath.polyfit([0, 1, 2, 3], [1, 2, 2, 5], 1, full=True)\n\
     >>> [round(v, 9) for v in c.tolist()], [round(v, 9) for v in residuals.tolist()], rank\n\
     ([1.2, 0.7], [1.8], 2)\n\
     >>> c, v = fastmath.polyfit([0, 1, 2, 3], [1, 2, 2, 5], 1, w=[1, 1, 1, 1], cov=True)\n\
     >>> [[round(e, 9) for e in row] for row in v.tolist()]\n\
     [[0.18, -0.27], [-0.27, 0.63]]",
    polyfit,
);

/// What `polyfit` returns beside the coefficients (parameters `full` and `cov`).
#[derive(Clone, Copy, PartialEq)]
enum Extra {
    Nothing,
    Full,
    Covariance { scaled: bool },
}

fn polyfit(args: &Args<'_>, out: &mut dyn Outputs) -> Result<Ret, ApiError> {
    let deg = args.int(2)?;
    if deg < 0 {
        return Err(ApiError::value_error(args.name(2), "expected deg >= 0"));
    }
    // A degree beyond a 32-bit usize (wasm32) cannot be allocated either: the MemoryError
    // below, as on a 64-bit machine.
    let deg = usize::try_from(deg).unwrap_or(usize::MAX);
    let x = args.array(0)?;
    if x.ndim() != 1 {
        return Err(ApiError::type_error(
            args.name(0),
            format!("expected 1D vector for x, got {}", x.describe()),
        ));
    }
    if x.is_empty() {
        return Err(ApiError::type_error(
            args.name(0),
            "expected non-empty vector for x",
        ));
    }
    let y = args.array(1)?;
    let k = match *y.shape() {
        [_] => None,
        [_, k] => Some(k),
        _ => {
            return Err(ApiError::type_error(
                args.name(1),
                format!("expected 1D or 2D array for y, got {}", y.describe()),
            ));
        }
    };
    let m = x.len();
    if y.shape().first() != Some(&m) {
        return Err(ApiError {
            class: crate::error::ErrorClass::TypeError,
            message: format!(
                "expected x and y to have same length ({m} and {})",
                y.shape().first().copied().unwrap_or(0)
            ),
            needs_function: true,
        });
    }
    let rcond = args.opt_number(3)?.unwrap_or(m as f64 * f64::EPSILON);
    let full = args.flag(4)?;
    let weights = match args.value(5) {
        Value::None => None,
        _ => {
            let w = args.array(5)?;
            if w.ndim() != 1 {
                return Err(ApiError::type_error(
                    args.name(5),
                    format!("expected a 1-d array for weights, got {}", w.describe()),
                ));
            }
            if w.len() != m {
                return Err(ApiError::type_error(
                    args.name(5),
                    format!(
                        "expected w and y to have the same length ({} and {m})",
                        w.len()
                    ),
                ));
            }
            Some(args.f64_data(5, &w)?)
        }
    };
    let extra = if full {
        Extra::Full
    } else {
        match args.value(6) {
            Value::Str("unscaled") => Extra::Covariance { scaled: false },
            Value::Str(other) => {
                return Err(ApiError::value_error(
                    args.name(6),
                    format!("expected True, False or \"unscaled\", got {other:?}"),
                ));
            }
            _ if args.flag(6)? => Extra::Covariance { scaled: true },
            _ => Extra::Nothing,
        }
    };
    let order = deg
        .checked_add(1)
        .ok_or_else(|| ApiError::out_of_memory_elements(usize::MAX, DType::F64))?;
    if let Extra::Covariance { scaled: true } = extra
        && m <= order
    {
        return Err(ApiError::value_error(
            args.name(6),
            "the number of data points must exceed order to scale the covariance matrix",
        ));
    }
    let cells = m
        .checked_mul(order)
        .ok_or_else(|| ApiError::out_of_memory_elements(usize::MAX, DType::F64))?;
    let mut vander = zeros::<f64>(cells)?;
    let xs = args.f64_data(0, &x)?;
    let ys = args.f64_data(1, &y)?;
    let mut rhs = zeros::<f64>(ys.len())?;
    rhs.copy_from_slice(&ys);
    let columns = k.unwrap_or(1);
    let mut info = None;
    let fit = |o: &mut [f64]| -> Result<(), ApiError> {
        info = Some(kernels::polyfit_into(
            &xs,
            &mut rhs,
            columns,
            deg,
            weights.as_deref(),
            rcond,
            &mut vander,
            o,
        )?);
        Ok(())
    };
    let coefficients = match k {
        None => f64_array(out, &[order], fit)?,
        Some(k) => f64_array(out, &[order, k], fit)?,
    };
    let Some(info) = info else {
        return Err(ApiError::invalid("internal error: polyfit did not run"));
    };
    match extra {
        Extra::Nothing => Ok(coefficients),
        Extra::Full => {
            let residuals = vector_of(out, &info.residuals)?;
            let singular = vector_of(out, &info.singular_values)?;
            // numpy's rank is an int32 (LAPACK's integer).
            let rank = scalar(i32::try_from(info.rank).unwrap_or(i32::MAX));
            Ok(Ret::Tuple(vec![
                coefficients,
                residuals,
                rank,
                singular,
                Ret::Float(rcond),
            ]))
        }
        Extra::Covariance { scaled } => {
            let square = order
                .checked_mul(order)
                .ok_or_else(|| ApiError::out_of_memory_elements(usize::MAX, DType::F64))?;
            let mut gram = zeros::<f64>(square)?;
            let mut base = zeros::<f64>(square)?;
            kernels::polyfit_covariance_into(&vander, m, &info.scale, &mut gram, &mut base)?;
            // numpy's factor: residuals / (len(x) - order) per column (empty residuals, of a
            // rank-deficient fit, fail numpy's broadcasting: a LinAlgError here).
            let factors: Vec<f64> = if scaled {
                if info.residuals.len() != columns {
                    return Err(ApiError::linalg_invalid(
                        "the fit is rank-deficient: no residuals to scale the covariance by",
                    ));
                }
                let dof = m.saturating_sub(order) as f64;
                info.residuals.iter().map(|r| r / dof).collect()
            } else {
                vec![1.0; columns]
            };
            // numpy's shape: (order, order) for a 1-D y; (order, order, k) for a 2-D one,
            // (order, order, 1) unscaled (its factor 1 broadcasts no further).
            let depth = if scaled { k } else { k.map(|_| 1) };
            let covariance = match depth {
                None => f64_array(out, &[order, order], |o| {
                    let f = factors.first().copied().unwrap_or(1.0);
                    o.iter_mut().zip(&base).for_each(|(d, s)| *d = s * f);
                    Ok(())
                })?,
                Some(k) => f64_array(out, &[order, order, k], |o| {
                    for (cell, &b) in o.chunks_exact_mut(k.max(1)).zip(&base) {
                        cell.iter_mut().zip(&factors).for_each(|(d, f)| *d = b * f);
                    }
                    Ok(())
                })?,
            };
            Ok(Ret::Tuple(vec![coefficients, covariance]))
        }
    }
}

/// A 1-D float64 result holding `values`.
fn vector_of(out: &mut dyn Outputs, values: &[f64]) -> Result<Ret, ApiError> {
    f64_array(out, &[values.len()], |o| {
        o.iter_mut().zip(values).for_each(|(d, s)| *d = *s);
        Ok(())
    })
}
