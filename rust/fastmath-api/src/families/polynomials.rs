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
    "(x: ArrayLike, y: ArrayLike, deg: int) -> FloatArray",
    "The least-squares polynomial fit of degree ``deg`` to the points ``(x[i], y[i])``, as\n\
     ``numpy.polyfit``: float64 coefficients, highest power first, of shape ``(deg + 1,)``, or\n\
     ``(deg + 1, k)`` for a 2-D ``y`` of ``k`` columns (one fit each). numpy's method: the\n\
     Vandermonde matrix with unit-norm columns, solved through the SVD (``lstsq``, ``rcond =\n\
     len(x) * eps``); a rank-deficient fit gives the minimum-norm coefficients (numpy also\n\
     warns, which fastmath does not). Errors as numpy's: ``deg < 0`` is a ValueError; ``x`` not\n\
     1-D or empty, ``y`` not 1-D or 2-D, or of another length, a TypeError.\n\
     \n\
     >>> import fastmath\n\
     >>> [round(c, 9) for c in fastmath.polyfit([0, 1, 2, 3], [1, 3, 7, 13], 2).tolist()]\n\
     [1.0, 1.0, 1.0]",
    |args, out| {
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
        let order = deg
            .checked_add(1)
            .ok_or_else(|| ApiError::out_of_memory_elements(usize::MAX, DType::F64))?;
        let cells = m
            .checked_mul(order)
            .ok_or_else(|| ApiError::out_of_memory_elements(usize::MAX, DType::F64))?;
        let mut vander = zeros::<f64>(cells)?;
        let xs = args.f64_data(0, &x)?;
        let ys = args.f64_data(1, &y)?;
        let columns = k.unwrap_or(1);
        let fit = |o: &mut [f64]| -> Result<(), ApiError> {
            kernels::polyfit_into(&xs, &ys, columns, deg, &mut vander, o)?;
            Ok(())
        };
        match k {
            None => f64_array(out, &[order], fit),
            Some(k) => f64_array(out, &[order, k], fit),
        }
    },
);
