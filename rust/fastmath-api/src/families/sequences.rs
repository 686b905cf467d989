//! Sequences: numpy's `diff`, `interp`, `linspace`, `arange`, `trapezoid`, `convolve`,
//! `correlate`, `outer` and `digitize`, with numpy 2's result dtypes (differences and
//! products keep an integer dtype and wrap around as numpy's; interpolation, integration and
//! spaced values are float64).

use std::borrow::Cow;

use fastmath_core::elementwise::Numeric;
use fastmath_core::search::{self, Side};
use fastmath_core::sequences::{self as kernels, Bound, Method, Mode, Spacing};
use fastmath_core::sort::OrderKey;

use super::rank;
use super::scratch::zeros;
use crate::args::Args;
use crate::array::ArrayRef;
use crate::dtype::{DType, promote};
use crate::element::{Element, scalar};
use crate::error::{ApiError, ErrorClass, human_bytes};
use crate::outputs::{Outputs, Ret, array, f64_array};
use crate::table::{Family, Function};
use crate::value::{Operand, Value};
use crate::with_dtype;

pub static FUNCTIONS: &[&Function] = &[
    &DIFF, &INTERP, &LINSPACE, &ARANGE, &TRAPEZOID, &CONVOLVE, &CORRELATE, &OUTER, &DIGITIZE,
];

/// A result of `count` elements of `dtype` (a count from a Python int): its length, or
/// MemoryError stating its size when no address space holds it (on wasm32 beyond 4 GB).
fn result_length(count: u64, dtype: DType) -> Result<usize, ApiError> {
    usize::try_from(count)
        .ok()
        .filter(|&n| n.checked_mul(dtype.itemsize()).is_some())
        .ok_or_else(|| ApiError {
            class: ErrorClass::MemoryError,
            message: format!(
                "the result needs {} ({count} {})",
                human_bytes(count as f64 * dtype.itemsize() as f64),
                dtype.name()
            ),
            needs_function: true,
        })
}

/// The sizes before, at and after `axis` of `shape`: the block `(outer, n, inner)`.
fn block(shape: &[usize], axis: usize) -> (usize, usize, usize) {
    let before = shape.get(..axis).unwrap_or_default();
    let (n, after) = shape
        .get(axis..)
        .and_then(<[usize]>::split_first)
        .map_or((1, &[][..]), |(n, a)| (*n, a));
    // Saturating: with a zero in the shape the others may multiply past `usize`, and then
    // there is nothing to compute anyway.
    let product = |s: &[usize]| s.iter().fold(1usize, |p, &d| p.saturating_mul(d));
    (product(before), n, product(after))
}

/// numpy's `axis` parameter that must be an integer (no `None`), resolved against `ndim`.
fn int_axis(args: &Args<'_>, i: usize, ndim: usize) -> Result<usize, ApiError> {
    if matches!(args.value(i), Value::None) {
        return Err(ApiError::type_error(
            args.name(i),
            "expected an integer, got None",
        ));
    }
    args.axis(i, ndim)?
        .ok_or_else(|| ApiError::invalid("internal error: an axis that is None"))
}

/// An argument that numpy makes an array of: an array, or a number as numpy's `asarray`
/// makes it (a Python int is int64, a float float64, a bool bool).
#[derive(Clone, Copy)]
enum Seq<'a> {
    Array(ArrayRef<'a>),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl<'a> Seq<'a> {
    fn of(args: &Args<'a>, i: usize) -> Result<Self, ApiError> {
        Ok(match args.value(i) {
            Value::Int(v) => Seq::Int(*v),
            Value::Bool(b) => Seq::Bool(*b),
            Value::Float(v) => Seq::Float(*v),
            Value::BigInt(v) => Seq::Float(v.to_f64()),
            Value::Array(a) => Seq::Array(*a),
            // Anything else: the operand reader words the refusal.
            _ => match args.operand(i)? {
                Operand::Number(v) => Seq::Float(v),
                Operand::Array(a) => Seq::Array(a),
            },
        })
    }

    fn dtype(&self) -> DType {
        match self {
            Seq::Array(a) => a.dtype(),
            Seq::Int(_) => DType::I64,
            Seq::Float(_) => DType::F64,
            Seq::Bool(_) => DType::Bool,
        }
    }

    /// The number of elements (1 for a number).
    fn len(&self) -> usize {
        match self {
            Seq::Array(a) => a.len(),
            _ => 1,
        }
    }

    /// The shape (none for a number: a 0-d array).
    fn shape(&self) -> &'a [usize] {
        match self {
            Seq::Array(a) => a.shape(),
            _ => &[],
        }
    }

    /// The elements as `T`, in C order (converted as numpy's `astype`).
    fn data<T: Element>(&self, args: &Args<'a>, i: usize) -> Result<Cow<'a, [T]>, ApiError> {
        Ok(match self {
            Seq::Array(a) => args.data::<T>(i, a)?,
            Seq::Int(v) => Cow::Owned(vec![T::from_i64(*v)]),
            Seq::Float(v) => Cow::Owned(vec![T::from_f64(*v)]),
            Seq::Bool(b) => Cow::Owned(vec![T::from_u64(u64::from(*b))]),
        })
    }

    /// ValueError unless at most one-dimensional (numpy's `convolve`, `digitize` bins).
    fn at_most_1d(self, args: &Args<'_>, i: usize) -> Result<Self, ApiError> {
        match self {
            Seq::Array(a) if a.ndim() > 1 => Err(ApiError::value_error(
                args.name(i),
                format!("expected a 1-D array, got {}", a.describe()),
            )),
            _ => Ok(self),
        }
    }
}

// ---------------------------------------------------------------------------------------- diff

pub static DIFF: Function = Function::new(
    "diff",
    Family::Sequences,
    "(x: ArrayLike, /, n: int = 1, axis: int = -1, prepend: Number | ArrayLike | None = None, append: Number | ArrayLike | None = None) -> Array",
    "The ``n``-th differences ``x[i + 1] - x[i]`` along ``axis`` (the last by default), as\n\
     ``numpy.diff``: the result is ``n`` shorter along that axis (empty once ``n`` reaches its\n\
     length; ``n=0`` gives a copy).\n\
     \n\
     dtypes, as numpy: the input's (integers wrap around as numpy's, unsigned ones too:\n\
     ``uint8`` 1 - 2 is 255; bool input gives ``x[i + 1] != x[i]``); float16 gives float32.\n\
     \n\
     ``prepend``/``append``: values put before/after ``x`` along ``axis`` first, as numpy's (a\n\
     number is repeated across the other axes; an array must match ``x``'s other axes), in\n\
     the common dtype of all three (a Python int counts as int64 there, as numpy's\n\
     ``asarray`` makes it). ``None`` means none (numpy would prepend an object None).\n\
     \n\
     >>> import array, fastmath\n\
     >>> fastmath.diff([1.0, 4.0, 9.0, 16.0]).tolist()\n\
     [3.0, 5.0, 7.0]\n\
     >>> fastmath.diff(array.array(\"q\", [1, 4, 9, 16]), n=2).tolist()\n\
     [2, 2]\n\
     >>> fastmath.diff([[1.0, 2.0], [5.0, 3.0]], axis=0).tolist()\n\
     [[4.0, 1.0]]\n\
     >>> fastmath.diff([1, 4, 9], prepend=0, append=[16, 25]).tolist()\n\
     [1, 3, 5, 7, 9]",
    |args, out| {
        let a = match args.operand(0)? {
            Operand::Array(a) => a,
            Operand::Number(_) => {
                return Err(ApiError::value_error(
                    args.name(0),
                    "diff requires input that is at least one dimensional",
                ));
            }
        };
        let n = args.int(1)?;
        if n < 0 {
            return Err(ApiError::value_error(
                args.name(1),
                format!("order must be non-negative but got {n}"),
            ));
        }
        let axis = int_axis(args, 2, a.ndim())?;
        let ends = [ends(args, 3, &a, axis)?, ends(args, 4, &a, axis)?];
        let dtype = ends
            .iter()
            .flatten()
            .fold(a.dtype(), |d, e| promote(d, e.dtype()));
        with_dtype!(dtype, T => diff::<T>(args, out, &a, n, axis, &ends))
    },
);

/// `prepend` or `append` (parameter `i`) of `diff`: `None`, or the values to join to `x`
/// along `axis`, as numpy's `concatenate` demands them (a number stands for a slice of
/// length 1).
fn ends<'a>(
    args: &Args<'a>,
    i: usize,
    x: &ArrayRef<'a>,
    axis: usize,
) -> Result<Option<Seq<'a>>, ApiError> {
    if matches!(args.value(i), Value::None) {
        return Ok(None);
    }
    let end = Seq::of(args, i)?;
    if let Seq::Array(e) = end
        && e.ndim() > 0
    {
        let fits = e.ndim() == x.ndim()
            && e.shape()
                .iter()
                .zip(x.shape())
                .enumerate()
                .all(|(d, (a, b))| d == axis || a == b);
        if !fits {
            return Err(ApiError::value_error(
                args.name(i),
                format!(
                    "all the input array dimensions except for the concatenation axis must \
                     match exactly: x is {}, {} is {}",
                    x.describe(),
                    args.name(i),
                    e.describe()
                ),
            ));
        }
    }
    Ok(Some(end))
}

/// The rows of `end` along the axis (1 for a number or 0-D array).
fn end_rows(end: &Seq<'_>, axis: usize) -> usize {
    match end {
        Seq::Array(e) if e.ndim() > 0 => e.shape().get(axis).copied().unwrap_or(1),
        _ => 1,
    }
}

fn diff<'a, T: Element + Numeric>(
    args: &Args<'a>,
    out: &mut dyn Outputs,
    a: &ArrayRef<'a>,
    n: i64,
    axis: usize,
    ends: &[Option<Seq<'a>>; 2],
) -> Result<Ret, ApiError> {
    let mut shape = a.shape().to_vec();
    let mut current = args.data::<T>(0, a)?;
    if ends.iter().any(Option::is_some) {
        // numpy's concatenate along the axis: per outer block, the rows of each part in turn.
        let (outer, rows_x, inner) = block(&shape, axis);
        let mut parts: Vec<(Cow<'_, [T]>, usize, bool)> = Vec::with_capacity(3);
        let mut total = 0usize;
        for (k, end) in ends.iter().enumerate() {
            if k == 1 {
                parts.push((current.clone(), rows_x, false));
                total = total.saturating_add(rows_x);
            }
            if let Some(end) = end {
                let rows = end_rows(end, axis);
                let repeated = !matches!(end, Seq::Array(e) if e.ndim() > 0);
                parts.push((
                    end.data::<T>(args, if k == 0 { 3 } else { 4 })?,
                    rows,
                    repeated,
                ));
                total = total.saturating_add(rows);
            }
        }
        let mut joined = zeros::<T>(outer.saturating_mul(total).saturating_mul(inner))?;
        let mut at = 0usize;
        for o in 0..outer {
            for (data, rows, repeated) in &parts {
                let size = rows.saturating_mul(inner);
                let dest = joined
                    .get_mut(at..at.saturating_add(size))
                    .unwrap_or_default();
                if *repeated {
                    dest.fill(data.first().copied().unwrap_or_default());
                } else {
                    let from = o.saturating_mul(size);
                    let src = data
                        .get(from..from.saturating_add(size))
                        .unwrap_or_default();
                    dest.iter_mut().zip(src).for_each(|(d, s)| *d = *s);
                }
                at = at.saturating_add(size);
            }
        }
        if let Some(d) = shape.get_mut(axis) {
            *d = total;
        }
        current = Cow::Owned(joined);
    }
    let (outer, len, inner) = block(&shape, axis);
    let steps = usize::try_from(n).unwrap_or(usize::MAX).min(len);
    let mut result_shape = shape.clone();
    if let Some(d) = result_shape.get_mut(axis) {
        *d = len.saturating_sub(steps);
    }
    let mut rows = len;
    // All steps but the last into scratch, each one row shorter; the last into the result.
    for _ in 1..steps {
        let shorter = rows.saturating_sub(1);
        let mut next = zeros::<T>(outer.saturating_mul(shorter).saturating_mul(inner))?;
        kernels::diff_once(&current, (outer, rows, inner), &mut next)?;
        current = Cow::Owned(next);
        rows = shorter;
    }
    array::<T>(out, &result_shape, |o| {
        if steps == 0 {
            o.copy_from_slice(current.get(..o.len()).unwrap_or_default());
            return Ok(());
        }
        Ok(kernels::diff_once(&current, (outer, rows, inner), o)?)
    })
}

// -------------------------------------------------------------------------------------- interp

pub static INTERP: Function = Function::new(
    "interp",
    Family::Sequences,
    "(x: Number | ArrayLike, xp: ArrayLike, fp: ArrayLike, left: float | None = None, right: float | None = None, period: float | None = None) -> float | FloatArray",
    "Piecewise-linear interpolation through the points ``(xp[i], fp[i])`` at ``x``, as\n\
     ``numpy.interp`` and bit for bit its values: ``xp`` increasing (not checked, as numpy),\n\
     ``left`` (default ``fp[0]``) below ``xp[0]`` and ``right`` (default ``fp[-1]``) above\n\
     ``xp[-1]``. A number ``x`` gives a float, an array of any shape a float64 array of that\n\
     shape.\n\
     \n\
     With ``period`` (not zero; its absolute value is taken), the points repeat every\n\
     ``period``, as numpy's: ``x`` and ``xp`` are taken modulo ``period`` (Python's ``%``),\n\
     ``xp`` need not be sorted (it is, stably: numpy's sort of equal ``xp`` values may pair\n\
     them with their ``fp`` in another order), and ``left``/``right`` are ignored.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.interp(2.5, [1, 2, 3], [3, 2, 0])\n\
     1.0\n\
     >>> fastmath.interp([0, 1.5, 5], [1, 2, 3], [3, 2, 0], right=-1).tolist()\n\
     [3.0, 2.5, -1.0]\n\
     >>> fastmath.interp([-45, 405], [0, 90, 180, 270], [0, 1, 2, 3], period=360).tolist()\n\
     [1.5, 0.5]",
    |args, out| {
        let xp = args.array(1)?;
        rank::one_dimensional(args, 1, &xp)?;
        let fp = args.array(2)?;
        rank::one_dimensional(args, 2, &fp)?;
        if xp.len() != fp.len() {
            return Err(ApiError::invalid(format!(
                "fp and xp are not of the same length ({} and {})",
                fp.len(),
                xp.len()
            )));
        }
        if xp.is_empty() {
            return Err(ApiError::value_error(
                args.name(1),
                "array of sample points is empty",
            ));
        }
        let xp = args.f64_data(1, &xp)?;
        let fp = args.f64_data(2, &fp)?;
        let period = match args.opt_number(5)? {
            Some(0.0) => {
                return Err(ApiError::value_error(
                    args.name(5),
                    "period must be a non-zero value",
                ));
            }
            p => p.map(f64::abs),
        };
        let (xp, fp) = match period {
            Some(p) => {
                let mut wrapped = zeros::<f64>(xp.len().saturating_add(2))?;
                let mut values = zeros::<f64>(fp.len().saturating_add(2))?;
                kernels::periodic_points_into(&xp, &fp, p, &mut wrapped, &mut values)?;
                (Cow::Owned(wrapped), Cow::Owned(values))
            }
            None => (xp, fp),
        };
        // numpy ignores `left` and `right` with a period (the points cover every x then).
        let bound = |i: usize, default: Option<&f64>| -> Result<f64, ApiError> {
            Ok(match args.opt_number(i)? {
                Some(v) if period.is_none() => v,
                _ => default.copied().unwrap_or(f64::NAN),
            })
        };
        let left = bound(3, fp.first())?;
        let right = bound(4, fp.last())?;
        let wrap = |v: f64| period.map_or(v, |p| kernels::py_mod(v, p));
        match args.operand(0)? {
            Operand::Number(v) => {
                let mut one = [0.0];
                kernels::interp_into(&[wrap(v)], &xp, &fp, left, right, &mut one)?;
                Ok(Ret::Float(one.first().copied().unwrap_or(f64::NAN)))
            }
            Operand::Array(a) => {
                let mut x = args.f64_data(0, &a)?;
                if period.is_some() {
                    x.to_mut().iter_mut().for_each(|v| *v = wrap(*v));
                }
                f64_array(out, a.shape(), |o| {
                    Ok(kernels::interp_into(&x, &xp, &fp, left, right, o)?)
                })
            }
        }
    },
);

// ------------------------------------------------------------------------------- dtype=

/// numpy's `dtype` parameter (index `i`) of `linspace` and `arange`: `None`, or the dtype a
/// name (`"int32"`, numpy's one-letter codes, `"int"`/`"float"`/`"bool"`) or a type (`int`,
/// `numpy.float32`, a numpy dtype: the bindings pass their names) stands for. float16 is
/// refused: fastmath's float16 results are float32.
pub(crate) fn dtype_param(args: &Args<'_>, i: usize) -> Result<Option<DType>, ApiError> {
    let name = match args.value(i) {
        Value::None => return Ok(None),
        Value::Str(name) => *name,
        other => {
            return Err(ApiError::type_error(
                args.name(i),
                format!(
                    "expected a dtype (a type such as int or numpy.float32, or its name), got {}",
                    other.describe()
                ),
            ));
        }
    };
    let dtype = match name {
        "bool" | "bool_" | "?" | "b1" => DType::Bool,
        "int8" | "i1" | "b" | "byte" => DType::I8,
        "uint8" | "u1" | "B" | "ubyte" => DType::U8,
        "int16" | "i2" | "h" | "short" => DType::I16,
        "uint16" | "u2" | "H" | "ushort" => DType::U16,
        "int32" | "i4" | "i" | "intc" => DType::I32,
        "uint32" | "u4" | "I" | "uintc" => DType::U32,
        "int64" | "i8" | "q" | "l" | "int" | "int_" | "intp" | "long" | "longlong" => DType::I64,
        "uint64" | "u8" | "Q" | "L" | "uint" | "uintp" | "ulong" | "ulonglong" => DType::U64,
        "float32" | "f4" | "f" | "single" => DType::F32,
        "float64" | "f8" | "d" | "float" | "double" => DType::F64,
        "float16" | "f2" | "e" | "half" => {
            return Err(ApiError::type_error(
                args.name(i),
                "float16 results are not supported (fastmath computes float16 as float32): \
                 use float32",
            ));
        }
        other => {
            return Err(ApiError::type_error(
                args.name(i),
                format!(
                    "data type '{other}' not understood: expected bool, an integer or a float \
                     dtype"
                ),
            ));
        }
    };
    Ok(Some(dtype))
}

// ----------------------------------------------------------------------------------- linspace

pub static LINSPACE: Function = Function::new(
    "linspace",
    Family::Sequences,
    "(start: float, stop: float, num: int = 50, endpoint: bool = True, retstep: bool = False, dtype: DTypeLike | None = None) -> Array | tuple[Array, float]",
    "``num`` evenly spaced float64 values from ``start`` to ``stop`` (``stop`` excluded with\n\
     ``endpoint=False``), as ``numpy.linspace`` and bit for bit its values; with\n\
     ``retstep=True`` the tuple ``(values, step)``. ``start`` and ``stop`` are numbers: numpy's\n\
     array bounds are a TypeError naming the argument. A ``num`` beyond memory raises\n\
     MemoryError at once. Bounds that are ``numpy.float32`` scalars (strong, as numpy 2's;\n\
     Python numbers are weak) give float32 values computed in float32, as numpy's.\n\
     \n\
     ``dtype`` (a type such as ``int`` or ``numpy.int32``, or its name): the float64 values\n\
     converted as numpy's, floored first for an integer dtype (values beyond it wrap around,\n\
     through int64; nan gives 0, where numpy's cast is undefined); the step stays a float.\n\
     float16 is refused (fastmath's float16 results are float32).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.linspace(0, 1, 5).tolist()\n\
     [0.0, 0.25, 0.5, 0.75, 1.0]\n\
     >>> values, step = fastmath.linspace(0, 1, 4, endpoint=False, retstep=True)\n\
     >>> values.tolist(), step\n\
     ([0.0, 0.25, 0.5, 0.75], 0.25)\n\
     >>> fastmath.linspace(0, 10, 5, dtype=int).tolist()\n\
     [0, 2, 5, 7, 10]",
    |args, out| {
        let start = bound_number(args, 0)?;
        let stop = bound_number(args, 1)?;
        let num = args.int(2)?;
        let endpoint = args.flag(3)?;
        let retstep = args.flag(4)?;
        let Ok(count) = u64::try_from(num) else {
            return Err(ApiError::value_error(
                args.name(2),
                format!("Number of samples, {num}, must be non-negative."),
            ));
        };
        // numpy computes in the bounds' dtype: numpy scalars (0-D arrays) are strong, Python
        // numbers weak, so float32 (or float16) numpy bounds compute in float32, and every
        // other case in float64.
        let strong = [0, 1]
            .into_iter()
            .filter_map(|i| match args.value(i) {
                Value::Array(a) => Some(a.dtype()),
                _ => None,
            })
            .reduce(promote);
        let single = matches!(strong, Some(DType::F32 | DType::F16));
        let computed = if single { DType::F32 } else { DType::F64 };
        let dtype = dtype_param(args, 5)?;
        let len = result_length(count, dtype.unwrap_or(computed))?;
        let mut step = Ret::Float(f64::NAN);
        let values = match dtype {
            None | Some(DType::F32) if single => array::<f32>(out, &[len], |o| {
                step = scalar(kernels::linspace_into(
                    start as f32,
                    stop as f32,
                    endpoint,
                    o,
                ));
                Ok(())
            })?,
            None | Some(DType::F64) if !single => f64_array(out, &[len], |o| {
                step = Ret::Float(kernels::linspace_into(start, stop, endpoint, o));
                Ok(())
            })?,
            _ => {
                let dtype = dtype.unwrap_or(computed);
                let mut wide = zeros::<f64>(len)?;
                if single {
                    let mut narrow = zeros::<f32>(len)?;
                    step = scalar(kernels::linspace_into(
                        start as f32,
                        stop as f32,
                        endpoint,
                        &mut narrow,
                    ));
                    wide.iter_mut()
                        .zip(&narrow)
                        .for_each(|(w, &v)| *w = f64::from(v));
                } else {
                    step = Ret::Float(kernels::linspace_into(start, stop, endpoint, &mut wide));
                }
                let integer = dtype.is_integer() && dtype != DType::Bool;
                with_dtype!(dtype, T => array::<T>(out, &[len], |o| {
                    for (d, &v) in o.iter_mut().zip(&wide) {
                        *d = if integer { T::from_i64(v.floor() as i64) } else { T::from_f64(v) };
                    }
                    Ok(())
                })?)
            }
        };
        // No step (`div` is 0): numpy's is the Python float nan, whatever the bounds.
        if count <= u64::from(endpoint) {
            step = Ret::Float(f64::NAN);
        }
        Ok(if retstep {
            Ret::Tuple(vec![values, step])
        } else {
            values
        })
    },
);

// ------------------------------------------------------------------------------------- arange

/// An argument of `arange` as numpy's type rule sees it: integers (Python ints, bools, integer
/// numpy scalars) keep an int64 result, anything else makes it float64.
fn bound(args: &Args<'_>, i: usize) -> Result<Bound, ApiError> {
    Ok(match args.value(i) {
        Value::Int(v) => Bound::Int(*v),
        Value::Bool(b) => Bound::Int(i64::from(*b)),
        // numpy's arange gives float64 for a uint64 bound (int64 and uint64 promote to it).
        Value::Array(a) if a.ndim() == 0 && a.dtype() == DType::U64 => {
            Bound::Float(args.number(i)?)
        }
        Value::Array(a) if a.ndim() == 0 && a.dtype().is_integer() => match a.single_i64() {
            Some(v) => Bound::Int(v),
            None => Bound::Float(args.number(i)?),
        },
        Value::Array(a) if a.ndim() == 0 && a.dtype() == DType::Bool => {
            Bound::Int(i64::from(args.number(i)? != 0.0))
        }
        _ => Bound::Float(bound_number(args, i)?),
    })
}

/// A number bound of `linspace`/`arange` (parameter `i`): an array (not 0-D) is a TypeError
/// naming it, as fastmath takes numbers only there.
fn bound_number(args: &Args<'_>, i: usize) -> Result<f64, ApiError> {
    if let Value::Array(a) = args.value(i)
        && a.ndim() > 0
    {
        return Err(ApiError::type_error(
            args.name(i),
            format!(
                "expected a number, got {} (array bounds are not supported)",
                a.describe()
            ),
        ));
    }
    args.number(i)
}

/// `arange` in `dtype`, numpy's way: the first two values converted, the rest stepped by
/// their difference in the dtype's arithmetic.
fn arange_as(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    dtype: DType,
    count: u64,
    start: Bound,
    step: Bound,
) -> Result<Ret, ApiError> {
    let len = result_length(count, dtype)?;
    // `start + step` as Python adds them: exactly for two ints.
    let second = match (start, step) {
        (Bound::Int(a), Bound::Int(s)) => match a.checked_add(s) {
            Some(v) => Bound::Int(v),
            None => Bound::Float(a as f64 + s as f64),
        },
        (a, s) => Bound::Float(value_of(a) + value_of(s)),
    };
    if dtype == DType::Bool {
        if len > 2 {
            return Err(ApiError::type_error(
                args.name(3),
                "arange() is only supported for booleans when the result has at most length 2.",
            ));
        }
        let values = [value_of(start) != 0.0, value_of(second) != 0.0];
        return array::<crate::element::Bool>(out, &[len], |o| {
            for (d, &v) in o.iter_mut().zip(&values) {
                *d = crate::element::Bool::from(v);
            }
            Ok(())
        });
    }
    if dtype.is_integer() {
        let first = integer_in(args, start, dtype)?;
        let second = if len > 1 {
            integer_in(args, second, dtype)?
        } else {
            first
        };
        let delta = second.wrapping_sub(first);
        return with_dtype!(dtype, T => array::<T>(out, &[len], |o| {
            let mut v = first;
            for d in o.iter_mut() {
                *d = T::from_i64(v);
                v = v.wrapping_add(delta);
            }
            Ok(())
        }));
    }
    if dtype == DType::F32 {
        let first = value_of(start) as f32;
        let delta = value_of(second) as f32 - first;
        return array::<f32>(out, &[len], |o| {
            for (i, d) in o.iter_mut().enumerate() {
                *d = match i {
                    0 => first,
                    1 => first + delta,
                    _ => first + i as f32 * delta,
                };
            }
            Ok(())
        });
    }
    f64_array(out, &[len], |o| {
        kernels::arange_f64_into(value_of(start), value_of(step), o);
        Ok(())
    })
}

/// A bound as a float.
fn value_of(b: Bound) -> f64 {
    match b {
        Bound::Int(v) => v as f64,
        Bound::Float(v) => v,
    }
}

/// A bound converted to the integer `dtype` as numpy converts it (a float truncated, as
/// Python's `int`); OverflowError naming `start` when the dtype does not hold it.
fn integer_in(args: &Args<'_>, b: Bound, dtype: DType) -> Result<i64, ApiError> {
    let whole: i128 = match b {
        Bound::Int(v) => i128::from(v),
        Bound::Float(v) if v.is_finite() => v.trunc() as i128,
        Bound::Float(v) => {
            return Err(ApiError::overflow_error(
                args.name(0),
                format!("cannot convert float {v} to integer"),
            ));
        }
    };
    // The values are computed in int64: uint64 bounds beyond it are refused as out of range.
    let (lo, hi) = dtype.int_range();
    let hi = hi.min(i64::MAX.into());
    if !(lo..=hi).contains(&whole) {
        return Err(ApiError::overflow_error(
            args.name(0),
            format!("Python integer {whole} out of bounds for {}", dtype.name()),
        ));
    }
    i64::try_from(whole).map_err(|_| {
        ApiError::overflow_error(args.name(0), format!("{whole} out of bounds for int64"))
    })
}

pub static ARANGE: Function = Function::new(
    "arange",
    Family::Sequences,
    "(start: float, stop: float | None = None, step: float = 1, dtype: DTypeLike | None = None) -> Array",
    "Values from ``start`` (0 when only one argument is given, which is then ``stop``) up to\n\
     but excluding ``stop`` in steps of ``step``, as ``numpy.arange`` and bit for bit its\n\
     values: ``ceil((stop - start) / step)`` of them. int64 when every argument is an integer,\n\
     float64 otherwise (numpy scalars too: float32 bounds give float64, and so does a uint64\n\
     one, as numpy's). A zero\n\
     ``step`` is a ZeroDivisionError, as numpy's, an undefined length (nan) a ValueError, and\n\
     a result beyond memory a MemoryError, at once. Array bounds (numpy takes 0-D ones only)\n\
     are a TypeError naming the argument.\n\
     \n\
     ``dtype`` (a type such as ``int`` or ``numpy.float32``, or its name), as numpy's: the\n\
     length from the arguments, the first two values ``start`` and ``start + step`` converted\n\
     to ``dtype`` (a float truncated for an integer dtype; out of its range an\n\
     OverflowError), and the others ``first + i * (second - first)`` in ``dtype``'s arithmetic\n\
     (integers wrap around; float32 in float32), so ``arange(0, 2.5, 0.5, dtype=int)`` is all\n\
     zeros, as numpy's. bool allows at most two values, as numpy; float16 is refused.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.arange(5).tolist()\n\
     [0, 1, 2, 3, 4]\n\
     >>> fastmath.arange(10, 0, -3).tolist()\n\
     [10, 7, 4, 1]\n\
     >>> fastmath.arange(0, 1, 0.25).tolist()\n\
     [0.0, 0.25, 0.5, 0.75]\n\
     >>> fastmath.arange(250, 260, 3, dtype=\"uint8\").tolist()\n\
     [250, 253, 0, 3]",
    |args, out| {
        let first = bound(args, 0)?;
        let (start, stop) = match args.value(1) {
            Value::None => (Bound::Int(0), first),
            _ => (first, bound(args, 1)?),
        };
        let step = bound(args, 2)?;
        if matches!(step, Bound::Int(0)) || step == Bound::Float(0.0) {
            return Err(ApiError::zero_division(
                args.name(2),
                "division by zero (the step must not be zero)",
            ));
        }
        let count = kernels::arange_len(start, stop, step)
            .ok_or_else(|| ApiError::invalid("cannot compute length"))?;
        if count > i64::MAX as u64 {
            return Err(ApiError::invalid("Maximum allowed size exceeded"));
        }
        if let Some(dtype) = dtype_param(args, 3)? {
            return arange_as(args, out, dtype, count, start, step);
        }
        match (start, step) {
            (Bound::Int(a), Bound::Int(s)) if matches!(stop, Bound::Int(_)) => {
                let len = result_length(count, DType::I64)?;
                array::<i64>(out, &[len], |o| {
                    kernels::arange_i64_into(a, s, o);
                    Ok(())
                })
            }
            _ => {
                let len = result_length(count, DType::F64)?;
                let value = |b: Bound| match b {
                    Bound::Int(v) => v as f64,
                    Bound::Float(v) => v,
                };
                f64_array(out, &[len], |o| {
                    kernels::arange_f64_into(value(start), value(step), o);
                    Ok(())
                })
            }
        }
    },
);

// ---------------------------------------------------------------------------------- trapezoid

pub static TRAPEZOID: Function = Function::new(
    "trapezoid",
    Family::Sequences,
    "(y: ArrayLike, x: ArrayLike | None = None, dx: float = 1.0, axis: int = -1) -> float | FloatArray",
    "The integral of ``y`` along ``axis`` (the last by default) by the trapezoidal rule, as\n\
     ``numpy.trapezoid``: sample points ``x`` (1-D, as long as that axis, or of ``y``'s rank\n\
     and as long along it, broadcasting to ``y``'s shape) or a spacing ``dx``. A 1-D ``y``\n\
     gives a float, an N-D one an array without that axis.\n\
     Each sum is compensated, so it is at least as accurate as numpy's.\n\
     \n\
     dtypes: float64; float32 for float32 (or float16) ``y`` without ``x`` or with a float32\n\
     ``x``, as numpy (float16 gives float32, computed in float64 and rounded once). A numpy\n\
     scalar ``dx`` counts with its dtype, as numpy 2's: float32 ``y`` with a ``numpy.float64``\n\
     ``dx`` gives float64, int8 ``y`` with a ``numpy.float32`` one float32. Bool ``y``
     adds as numpy's bools do: ``True + True`` is ``True``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.trapezoid([1, 2, 3])\n\
     4.0\n\
     >>> fastmath.trapezoid([1, 2, 3], x=[0, 1, 3])\n\
     6.5\n\
     >>> fastmath.trapezoid([[0, 1], [2, 4]], dx=0.5, axis=0).tolist()\n\
     [0.5, 1.25]",
    |args, out| {
        let y = args.array(0)?;
        let axis = int_axis(args, 3, y.ndim())?;
        let x = match args.value(1) {
            Value::None => None,
            _ => Some(args.array(1)?),
        };
        let narrow = |d: DType| matches!(d, DType::F32 | DType::F16);
        // A numpy scalar `dx` (a 0-D array) is strong, as numpy 2's: its dtype counts (a
        // Python number's does not); numpy's `/ 2.0` makes an integer result float64.
        let single = match (&x, args.value(2)) {
            (None, Value::Array(dx)) if dx.ndim() == 0 => {
                narrow(crate::dtype::promote(y.dtype(), dx.dtype()))
            }
            _ => narrow(y.dtype()) && x.is_none_or(|x| narrow(x.dtype())),
        };
        let dims = block(y.shape(), axis);
        let (outer, n, inner) = dims;
        let values = args.f64_data(0, &y)?;
        let intervals = n.saturating_sub(1);
        // numpy's d: dx, diff(x) of a 1-D x, or diff(x, axis) of an x of y's shape.
        let mut d: Vec<f64>;
        let spacing = match &x {
            None => Spacing::Uniform(args.number(2)?),
            Some(x) if x.ndim() == 1 && x.len() == n => {
                let xs = args.f64_data(1, x)?;
                d = zeros::<f64>(intervals)?;
                kernels::diff_once(&xs, (1, n, 1), &mut d)?;
                Spacing::Shared(&d)
            }
            Some(x) if x.shape() == y.shape() => {
                let xs = args.f64_data(1, x)?;
                d = zeros::<f64>(outer.saturating_mul(intervals).saturating_mul(inner))?;
                kernels::diff_once(&xs, dims, &mut d)?;
                Spacing::Each(&d)
            }
            // An x of y's rank that broadcasts to y's shape, as long as y along the axis
            // (numpy's diff(x, axis) then broadcasts against y's pairs): x broadcast first.
            Some(x)
                if x.ndim() == y.ndim()
                    && x.shape().get(axis) == Some(&n)
                    && crate::broadcast::shapes(x.shape(), y.shape())
                        .is_ok_and(|s| s == y.shape()) =>
            {
                let xs = args.f64_data(1, x)?;
                let mut full = zeros::<f64>(y.len())?;
                for (i, slot) in full.iter_mut().enumerate() {
                    *slot = crate::broadcast::source_index(i, y.shape(), x.shape())
                        .and_then(|j| xs.get(j).copied())
                        .unwrap_or(f64::NAN);
                }
                d = zeros::<f64>(outer.saturating_mul(intervals).saturating_mul(inner))?;
                kernels::diff_once(&full, dims, &mut d)?;
                Spacing::Each(&d)
            }
            Some(x) => {
                return Err(ApiError::value_error(
                    args.name(1),
                    format!(
                        "expected a 1-D array of length {n} (y's axis {axis}) or an array of \
                         y's rank that broadcasts to y's shape, got {}",
                        x.describe()
                    ),
                ));
            }
        };
        let mut rest = y.shape().to_vec();
        if axis < rest.len() {
            rest.remove(axis);
        }
        let mut sums = zeros::<f64>(outer.saturating_mul(inner))?;
        let logical = y.dtype() == DType::Bool;
        kernels::trapezoid_into(&values, dims, spacing, logical, &mut sums)?;
        match (rest.is_empty(), single) {
            (true, false) => Ok(Ret::Float(sums.first().copied().unwrap_or(0.0))),
            (true, true) => Ok(scalar(sums.first().copied().unwrap_or(0.0) as f32)),
            (false, false) => f64_array(out, &rest, |o| {
                o.copy_from_slice(sums.get(..o.len()).unwrap_or_default());
                Ok(())
            }),
            (false, true) => array::<f32>(out, &rest, |o| {
                for (o, &v) in o.iter_mut().zip(&sums) {
                    *o = v as f32;
                }
                Ok(())
            }),
        }
    },
);

// ------------------------------------------------------------------------ convolve, correlate

/// `convolve` (`correlate` false) or `correlate` of parameters 0 and 1 in `mode` (parameter 2)
/// by `method` (parameter 3).
fn convolution(args: &Args<'_>, out: &mut dyn Outputs, correlate: bool) -> Result<Ret, ApiError> {
    let a = Seq::of(args, 0)?.at_most_1d(args, 0)?;
    let v = Seq::of(args, 1)?.at_most_1d(args, 1)?;
    let mode = match args.value(2) {
        // numpy's integer modes (its C API's): 0 valid, 1 same, 2 full.
        Value::Int(i) => match i {
            0 => Mode::Valid,
            1 => Mode::Same,
            2 => Mode::Full,
            _ => {
                return Err(ApiError::value_error(
                    args.name(2),
                    "integer convolve/correlate mode must be 0, 1, or 2",
                ));
            }
        },
        Value::Bool(b) => {
            if *b {
                Mode::Same
            } else {
                Mode::Valid
            }
        }
        _ => {
            let mode_text = args.string(2)?;
            Mode::parse(mode_text).ok_or_else(|| {
                ApiError::value_error(
                    args.name(2),
                    format!("mode must be one of 'valid', 'same', or 'full' (got '{mode_text}')"),
                )
            })?
        }
    };
    let method = match args.string(3)? {
        "auto" => None,
        "direct" => Some(Method::Direct),
        "fft" => Some(Method::Fft),
        other => {
            return Err(ApiError::value_error(
                args.name(3),
                format!("method must be one of 'auto', 'direct' or 'fft' (got '{other}')"),
            ));
        }
    };
    for (i, s) in [(0, &a), (1, &v)] {
        if s.len() == 0 {
            return Err(ApiError::value_error(args.name(i), "cannot be empty"));
        }
    }
    let (n, m) = (a.len(), v.len());
    let (start, len) = mode.window(n, m, correlate);
    let dtype = promote(a.dtype(), v.dtype());
    match dtype {
        DType::F64 | DType::F32 | DType::F16 => {
            let x = a.data::<f64>(args, 0)?;
            let w = kernel_operand(v.data::<f64>(args, 1)?, correlate);
            let method = method.unwrap_or(if kernels::fft_is_faster(n, m, len) {
                Method::Fft
            } else {
                Method::Direct
            });
            if dtype == DType::F64 {
                f64_array(out, &[len], |o| {
                    kernels::convolve_window_f64(&x, &w, start, o, method)?;
                    Ok(())
                })
            } else {
                let mut wide = zeros::<f64>(len)?;
                kernels::convolve_window_f64(&x, &w, start, &mut wide, method)?;
                array::<f32>(out, &[len], |o| {
                    for (o, &v) in o.iter_mut().zip(&wide) {
                        *o = v as f32;
                    }
                    Ok(())
                })
            }
        }
        _ => with_dtype!(dtype, T => {
            let x = a.data::<T>(args, 0)?;
            let w = kernel_operand(v.data::<T>(args, 1)?, correlate);
            array::<T>(out, &[len], |o| Ok(kernels::convolve_window(&x, &w, start, o)?))
        }),
    }
}

/// What `a` is convolved with: `v` itself, or reversed for a correlation (numpy's
/// `correlate(a, v)` is `convolve(a, v[::-1])` for real input, up to centring, which
/// [`Mode::window`] does).
fn kernel_operand<T: Copy>(v: Cow<'_, [T]>, correlate: bool) -> Cow<'_, [T]> {
    if correlate {
        Cow::Owned(v.iter().rev().copied().collect())
    } else {
        v
    }
}

macro_rules! convolution_doc {
    ($what:literal, $definition:literal, $default:literal, $examples:literal) => {
        concat!(
            $what,
            " of two 1-D sequences, as ``numpy.",
            $what,
            "``:\n",
            $definition,
            "; ``mode`` \"full\" (every overlap), \"same\" (as long as\n\
             the longer input, centred as numpy's) or \"valid\" (complete overlaps only); default \"",
            $default,
            "\"\n(numpy's integer modes 0, 1, 2 are \"valid\", \"same\", \"full\").\n\
             A number counts as a sequence of one.\n\
             \n\
             dtypes, as numpy: the inputs' common dtype; integers are summed exactly in it,\n\
             wrapping around as numpy's. Floats are computed in float64 (float32 input rounded\n\
             once to float32) directly, or, where it is faster (both inputs at least 32 long and\n\
             long enough that ``n * m`` outweighs the transforms, as scipy's\n\
             ``method=\"auto\"``), through the FFT; ``method=\"direct\"`` or ``\"fft\"`` forces\n\
             one. The FFT's error in each value is at most ``8 * log2(p) * eps * ||a||_2 *\n\
             ||v||_2`` (``p`` the padded length, a power of two >= n + m - 1; eps = 2**-52),\n\
             where the direct sum's is relative to the value's own terms: small values next to\n\
             large ones are less accurate by FFT, as scipy warns for ``fftconvolve``. Inputs\n\
             with nan or an infinity are always summed directly.\n\
             \n\
             >>> import fastmath\n",
            $examples
        )
    };
}

pub static CONVOLVE: Function = Function::new(
    "convolve",
    Family::Sequences,
    CONVOLVE_SIGNATURE,
    convolution_doc!(
        "convolve",
        "``c[k] = sum_i a[i] * v[k - i]``",
        "full",
        ">>> fastmath.convolve([1, 2, 3], [0, 1, 0.5]).tolist()\n\
         [0.0, 1.0, 2.5, 4.0, 1.5]\n\
         >>> fastmath.convolve([1, 2, 3], [0, 1, 0.5], mode=\"same\").tolist()\n\
         [1.0, 2.5, 4.0]"
    ),
    |args, out| convolution(args, out, false),
);

pub static CORRELATE: Function = Function::new(
    "correlate",
    Family::Sequences,
    CORRELATE_SIGNATURE,
    convolution_doc!(
        "correlate",
        "``c[k] = sum_i a[i + k] * v[i]``",
        "valid",
        ">>> fastmath.correlate([1, 2, 3], [0, 1, 0.5]).tolist()\n\
         [3.5]\n\
         >>> fastmath.correlate([1, 2, 3], [0, 1, 0.5], mode=\"full\").tolist()\n\
         [0.5, 2.0, 3.5, 3.0, 0.0]"
    ),
    |args, out| convolution(args, out, true),
);

// ---------------------------------------------------------------------------------------- outer

pub static OUTER: Function = Function::new(
    "outer",
    Family::Sequences,
    "(a: Number | ArrayLike, b: Number | ArrayLike, /) -> Array",
    "The outer product ``out[i, j] = a[i] * b[j]`` of the flattened inputs, as ``numpy.outer``:\n\
     a 2-D array of shape ``(a.size, b.size)`` of the inputs' common dtype (integers wrap\n\
     around as numpy's; bool is ``and``; float16 gives float32).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.outer([1, 2], [3, 4, 5]).tolist()\n\
     [[3, 4, 5], [6, 8, 10]]",
    |args, out| {
        let a = Seq::of(args, 0)?;
        let b = Seq::of(args, 1)?;
        with_dtype!(promote(a.dtype(), b.dtype()), T => {
            let x = a.data::<T>(args, 0)?;
            let y = b.data::<T>(args, 1)?;
            array::<T>(out, &[x.len(), y.len()], |o| Ok(kernels::outer_into(&x, &y, o)?))
        })
    },
);

// ------------------------------------------------------------------------------------- digitize

pub static DIGITIZE: Function = Function::new(
    "digitize",
    Family::Sequences,
    "(x: Number | ArrayLike, bins: ArrayLike, right: bool = False) -> int | IndexArray",
    "The index of the bin each value of ``x`` falls in, as ``numpy.digitize``: for increasing\n\
     ``bins``, ``i`` with ``bins[i - 1] <= x < bins[i]`` (``bins[i - 1] < x <= bins[i]`` with\n\
     ``right=True``), 0 below the first edge and ``len(bins)`` above the last; decreasing\n\
     ``bins`` count from the other end as numpy's. int64: an int for a number ``x``, an array of\n\
     ``x``'s shape otherwise. Values are compared in the common dtype of ``x`` and ``bins``, as\n\
     numpy's ``searchsorted``. ``bins`` that are neither increasing nor decreasing are a\n\
     ValueError.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.digitize([0.5, 1.0, 2.5, 9.0], [1, 2, 3]).tolist()\n\
     [0, 1, 2, 3]\n\
     >>> fastmath.digitize(1.0, [1, 2, 3], right=True)\n\
     0",
    |args, out| {
        let x = Seq::of(args, 0)?;
        let bins = args.array(1)?;
        rank::one_dimensional(args, 1, &bins)?;
        let right = args.flag(2)?;
        let decreasing = match monotonicity(&args.f64_data(1, &bins)?) {
            Some(decreasing) => decreasing,
            None => {
                return Err(ApiError::value_error(
                    args.name(1),
                    "bins must be monotonically increasing or decreasing",
                ));
            }
        };
        let side = if right { Side::Left } else { Side::Right };
        with_dtype!(promote(x.dtype(), bins.dtype()), T => {
            digitize::<T>(args, out, &x, &bins, side, decreasing)
        })
    },
);

/// numpy's check of `bins` (in float64, as numpy's): `Some(false)` when non-decreasing (all
/// equal included), `Some(true)` when non-increasing, `None` otherwise. The direction is set
/// by the first value that differs from the first, then each step is checked against it.
fn monotonicity(bins: &[f64]) -> Option<bool> {
    let Some((&first, rest)) = bins.split_first() else {
        return Some(false);
    };
    let mut rest = rest.iter().copied().skip_while(|&v| v == first);
    let Some(next) = rest.next() else {
        return Some(false);
    };
    let decreasing = first.partial_cmp(&next) != Some(std::cmp::Ordering::Less);
    let mut last = next;
    for v in rest {
        if (decreasing && last < v) || (!decreasing && last > v) {
            return None;
        }
        last = v;
    }
    Some(decreasing)
}

fn digitize<'a, T: Element + OrderKey>(
    args: &Args<'a>,
    out: &mut dyn Outputs,
    x: &Seq<'a>,
    bins: &ArrayRef<'a>,
    side: Side,
    decreasing: bool,
) -> Result<Ret, ApiError> {
    let edges = args.data::<T>(1, bins)?;
    // Decreasing bins: numpy searches the reversed edges and counts from the end.
    let edges: Cow<'_, [T]> = if decreasing {
        Cow::Owned(edges.iter().rev().copied().collect())
    } else {
        edges
    };
    let count = i64::try_from(edges.len()).unwrap_or(i64::MAX);
    let values = x.data::<T>(args, 0)?;
    let fill = |o: &mut [i64]| -> Result<(), ApiError> {
        search::searchsorted_into(&edges, &values, side, o)?;
        if decreasing {
            for i in o.iter_mut() {
                *i = count.saturating_sub(*i);
            }
        }
        Ok(())
    };
    match x {
        Seq::Array(a) if a.ndim() > 0 => array::<i64>(out, x.shape(), fill),
        _ => {
            let mut one = [0i64];
            fill(&mut one)?;
            Ok(Ret::Int(one.first().copied().unwrap_or(0)))
        }
    }
}

/// The signatures of `convolve` and `correlate` (numpy's, which differ in `mode`'s default;
/// `method` is scipy's `convolve` keyword).
const CONVOLVE_SIGNATURE: &str = "(a: ArrayLike, v: ArrayLike, mode: Literal[\"full\", \"same\", \"valid\", 0, 1, 2] = \"full\", *, method: Literal[\"auto\", \"direct\", \"fft\"] = \"auto\") -> Array";
const CORRELATE_SIGNATURE: &str = "(a: ArrayLike, v: ArrayLike, mode: Literal[\"full\", \"same\", \"valid\", 0, 1, 2] = \"valid\", *, method: Literal[\"auto\", \"direct\", \"fft\"] = \"auto\") -> Array";
