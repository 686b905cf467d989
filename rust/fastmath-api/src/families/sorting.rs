//! Sorting and searching. `sort` and `argsort` work along any axis of an N-D array, as
//! numpy's (the last by default, `axis=None` flattens); the others take 1-D arrays. Order is
//! numpy's: ascending, nan after everything, ``-0.0 == 0.0``. Index results are int64.

use fastmath_core::search::{self, Side};
use fastmath_core::sort as kernels;

use super::lanes::Lanes;
use super::rank;
use crate::args::Args;
use crate::error::ApiError;
use crate::outputs::{Element, Outputs, Ret, array, f64_array, i64_array};
use crate::table::{Family, Function};
use crate::value::{Operand, Value};

/// numpy's `kind`, `order` and `stable` (parameters 2, 3, 4 of `sort`/`argsort`): every kind
/// is accepted (the result is the same: `sort` has one order, `argsort` is always stable, a
/// valid answer for every kind); `order` is for structured arrays, which fastmath has none of.
fn sort_options(args: &Args<'_>) -> Result<(), ApiError> {
    const KINDS: [&str; 4] = ["quicksort", "mergesort", "heapsort", "stable"];
    let kind = match args.value(2) {
        Value::None => None,
        _ => Some(args.string(2)?),
    };
    if let Some(kind) = kind.filter(|k| !KINDS.contains(k)) {
        return Err(ApiError::value_error(
            args.name(2),
            format!(
                "sort kind must be one of 'quicksort', 'mergesort', 'heapsort' or 'stable', \
                 got '{kind}'"
            ),
        ));
    }
    if !matches!(args.value(3), Value::None) {
        return Err(ApiError::value_error(
            args.name(3),
            "Cannot specify order when the array has no fields.",
        ));
    }
    let stable = match args.value(4) {
        Value::None => None,
        _ => Some(args.flag(4)?),
    };
    if kind.is_some() && stable.is_some() {
        return Err(ApiError::invalid(
            "`kind` and `stable` parameters can't be provided at the same time. Use only one \
             of them.",
        ));
    }
    Ok(())
}

/// `kernel` on every lane along the axis parameter 1 names (`None`: the flattened array),
/// its results in the lanes' places.
fn along_axis<T: Element + Copy + Default>(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    kernel: fn(&[f64], &mut [T]) -> fastmath_core::Result<()>,
) -> Result<Ret, ApiError> {
    sort_options(args)?;
    let a = args.array(0)?;
    let data = args.f64_data(0, &a)?;
    let Some(axis) = args.axis(1, a.ndim())? else {
        return array::<T>(out, &[data.len()], |o| Ok(kernel(&data, o)?));
    };
    let lanes = Lanes::new(a.shape(), axis);
    array::<T>(out, a.shape(), |o| Ok(lanes.map(&data, o, kernel)?))
}

/// numpy's signature of `sort` and `argsort` (numpy 2.x), with the result type.
macro_rules! sort_signature {
    ($result:literal) => {
        concat!(
            "(a: ArrayLike, axis: int | None = -1, kind: str | None = None, order: None = None, \
             *, stable: bool | None = None) -> ",
            $result
        )
    };
}

pub static FUNCTIONS: &[&Function] = &[&SORT, &ARGSORT, &SEARCHSORTED, &UNIQUE, &TOPK];

pub static SORT: Function = Function::new(
    "sort",
    Family::Sorting,
    sort_signature!("FloatArray"),
    "A sorted copy, ascending, nan last, as ``numpy.sort``: along the last axis by default,\n\
     along ``axis``, or of the flattened array with ``axis=None``. ``kind`` and ``stable`` are\n\
     accepted for numpy's sake (every kind gives the same result); ``order`` (structured\n\
     arrays) is refused.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.sort([3, float(\"nan\"), 1]).tolist()\n\
     [1.0, 3.0, nan]\n\
     >>> fastmath.sort([[3, 1], [2, 4]], axis=0).tolist()\n\
     [[2.0, 1.0], [3.0, 4.0]]",
    |args, out| along_axis(args, out, kernels::sort_into),
);

pub static ARGSORT: Function = Function::new(
    "argsort",
    Family::Sorting,
    sort_signature!("IndexArray"),
    "Indices that sort the array along an axis (the last by default; ``axis=None``: of the\n\
     flattened array), as ``numpy.argsort``. Always stable (equal values keep their order; nan\n\
     last), which is a valid answer for every ``kind``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.argsort([3, 1, 2, 1]).tolist()\n\
     [1, 3, 2, 0]",
    |args, out| along_axis(args, out, kernels::argsort_into),
);

pub static SEARCHSORTED: Function = Function::new(
    "searchsorted",
    Family::Sorting,
    "(a: ArrayLike, v: Number | ArrayLike, /, side: Literal[\"left\", \"right\"] = \"left\") -> int | IndexArray",
    "Where to insert ``v`` into the sorted array ``a`` to keep it sorted: the first such index\n\
     with ``side=\"left\"``, the last with ``side=\"right\"``. A number ``v`` gives an int, an\n\
     array ``v`` an int64 array.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.searchsorted([1, 2, 2, 3], 2)\n\
     1\n\
     >>> fastmath.searchsorted([1, 2, 2, 3], [2, 5], side=\"right\").tolist()\n\
     [3, 4]",
    |args, out| {
        let side = Side::parse(args.string(2)?)?;
        let a = rank::vector(args, 0)?;
        let sorted = args.f64_data(0, &a)?;
        match rank::operand(args, 1)? {
            Operand::Number(value) => {
                let mut index = [0i64];
                search::searchsorted_into(&sorted, &[value], side, &mut index)?;
                Ok(Ret::Int(index[0]))
            }
            Operand::Array(v) => {
                rank::one_dimensional(args, 1, &v)?;
                let probes = args.f64_data(1, &v)?;
                i64_array(out, &[probes.len()], |o| {
                    Ok(search::searchsorted_into(&sorted, &probes, side, o)?)
                })
            }
        }
    },
);

pub static UNIQUE: Function = Function::new(
    "unique",
    Family::Sorting,
    "(x: ArrayLike, /) -> FloatArray",
    "The sorted distinct values (all nans collapse to one, as numpy 2).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.unique([3, 1, 3, 2, 1]).tolist()\n\
     [1.0, 2.0, 3.0]",
    |args, out| {
        let a = rank::vector(args, 0)?;
        // The result's length is known only after sorting: sort a copy, then copy its distinct
        // prefix into the result.
        let mut values = args.f64_data(0, &a)?.into_owned();
        let n = kernels::unique_in_place(&mut values);
        f64_array(out, &[n], |o| {
            let distinct = values.get(..n).ok_or_else(|| {
                ApiError::invalid("internal error: more distinct values than values")
            })?;
            o.copy_from_slice(distinct);
            Ok(())
        })
    },
);

pub static TOPK: Function = Function::new(
    "topk",
    Family::Sorting,
    "(x: ArrayLike, k: int, /) -> IndexArray",
    "Indices of the ``k`` largest elements, largest first; ties go to the lower index; nan\n\
     counts as largest (the order ``sort`` uses). ``k`` must be in ``0..=len(x)``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.topk([5, 1, 5, 3], 3).tolist()\n\
     [0, 2, 3]",
    |args, out| {
        let k = args.int(1)?;
        let a = rank::vector(args, 0)?;
        let x = args.f64_data(0, &a)?;
        let k = kernels::check_topk(k, x.len())?;
        i64_array(out, &[k], |o| Ok(kernels::topk_into(&x, o)?))
    },
);

#[cfg(test)]
mod tests {
    use crate::error::ErrorClass::{AxisError, TypeError, ValueError};
    use crate::families::testing::{assert_refusals, matrix, ok, vector};
    use crate::outputs::Ret;
    use crate::value::Value;

    const NAN: f64 = f64::NAN;

    #[test]
    fn sort_and_argsort_in_numpy_order() {
        let (ret, out) = ok("sort", vec![vector(&[3.0, NAN, 1.0, -0.0]).value()], vec![]);
        let (shape, sorted) = out.f64(&ret);
        assert_eq!(shape, [4]);
        assert_eq!(&sorted[..3], &[-0.0, 1.0, 3.0]);
        assert!(sorted[3].is_nan());
        // Stable: the two 1s keep their order; nan goes last.
        let x = vector(&[3.0, 1.0, NAN, 2.0, 1.0]);
        let (ret, out) = ok("argsort", vec![x.value()], vec![]);
        assert_eq!(out.i64(&ret), (&[5][..], &[1, 4, 3, 0, 2][..]));
    }

    #[test]
    fn searchsorted_of_numbers_and_arrays() {
        let a = vector(&[1.0, 2.0, 2.0, 3.0]);
        assert_eq!(
            ok("searchsorted", vec![a.value(), Value::Int(2)], vec![]).0,
            Ret::Int(1)
        );
        let right = vec![("side", Value::Str("right"))];
        let (ret, _) = ok(
            "searchsorted",
            vec![a.value(), Value::Float(2.0)],
            right.clone(),
        );
        assert_eq!(ret, Ret::Int(3));
        let probes = vector(&[2.0, 5.0, 0.0]);
        let (ret, out) = ok("searchsorted", vec![a.value(), probes.value()], right);
        assert_eq!(out.i64(&ret), (&[3][..], &[3, 4, 0][..]));
        let (ret, out) = ok("searchsorted", vec![a.value(), probes.value()], vec![]);
        assert_eq!(out.i64(&ret).1, &[1, 4, 0]);
    }

    #[test]
    fn unique_and_topk() {
        let (ret, out) = ok(
            "unique",
            vec![vector(&[3.0, 1.0, 3.0, 2.0, 1.0]).value()],
            vec![],
        );
        assert_eq!(out.f64(&ret), (&[3][..], &[1.0, 2.0, 3.0][..]));
        let (ret, out) = ok("unique", vec![vector(&[NAN, 1.0, NAN]).value()], vec![]);
        let (shape, values) = out.f64(&ret);
        assert!(
            shape == [2] && values[0] == 1.0 && values[1].is_nan(),
            "{values:?}"
        );
        let (ret, out) = ok("unique", vec![vector(&[]).value()], vec![]);
        assert_eq!(out.f64(&ret).0, [0]);

        let x = vector(&[5.0, 1.0, 5.0, 3.0]);
        let (ret, out) = ok("topk", vec![x.value(), Value::Int(3)], vec![]);
        assert_eq!(out.i64(&ret), (&[3][..], &[0, 2, 3][..]));
        let (ret, out) = ok("topk", vec![x.value(), Value::Int(0)], vec![]);
        assert_eq!(out.i64(&ret).0, [0]);
    }

    #[test]
    fn sort_and_argsort_along_any_axis() {
        // [[3, 1, 2], [0, 5, 4]]
        let m = matrix(&[&[3.0, 1.0, 2.0], &[0.0, 5.0, 4.0]]);
        let (ret, out) = ok("sort", vec![m.value()], vec![]);
        assert_eq!(
            out.f64(&ret),
            (&[2, 3][..], &[1.0, 2.0, 3.0, 0.0, 4.0, 5.0][..])
        );
        let (ret, out) = ok("sort", vec![m.value()], vec![("axis", Value::Int(0))]);
        assert_eq!(
            out.f64(&ret),
            (&[2, 3][..], &[0.0, 1.0, 2.0, 3.0, 5.0, 4.0][..])
        );
        let (ret, out) = ok("sort", vec![m.value()], vec![("axis", Value::None)]);
        assert_eq!(
            out.f64(&ret),
            (&[6][..], &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0][..])
        );
        let (ret, out) = ok("argsort", vec![m.value(), Value::Int(0)], vec![]);
        assert_eq!(out.i64(&ret), (&[2, 3][..], &[1, 0, 0, 0, 1, 1][..]));
        let (ret, out) = ok(
            "argsort",
            vec![m.value()],
            vec![("kind", Value::Str("heapsort"))],
        );
        assert_eq!(out.i64(&ret), (&[2, 3][..], &[1, 2, 0, 0, 2, 1][..]));
    }

    #[test]
    fn refusals() {
        let (x, row) = (vector(&[1.0, 2.0]), matrix(&[&[1.0, 2.0]]));
        assert_refusals(vec![
            (
                "sort",
                vec![row.value()],
                vec![("axis", Value::Int(2))],
                AxisError,
                "axis: axis 2 is out of bounds for array of dimension 2",
            ),
            (
                "sort",
                vec![x.value()],
                vec![("kind", Value::Str("bogo"))],
                ValueError,
                "kind: sort kind must be one of 'quicksort', 'mergesort', 'heapsort' or \
                 'stable', got 'bogo'",
            ),
            (
                "argsort",
                vec![x.value()],
                vec![
                    ("kind", Value::Str("stable")),
                    ("stable", Value::Bool(true)),
                ],
                ValueError,
                "argsort: `kind` and `stable` parameters can't be provided at the same time. \
                 Use only one of them.",
            ),
            (
                "sort",
                vec![x.value()],
                vec![("order", Value::Str("f0"))],
                ValueError,
                "order: Cannot specify order when the array has no fields.",
            ),
            (
                "unique",
                vec![Value::Float(1.0)],
                vec![],
                ValueError,
                "x: expected an array (a list, tuple or buffer), got a single number",
            ),
            (
                "searchsorted",
                vec![x.value(), Value::Float(1.0)],
                vec![("side", Value::Str("middle"))],
                ValueError,
                "searchsorted: side must be 'left' or 'right', got \"middle\"",
            ),
            (
                "searchsorted",
                vec![x.value(), Value::Float(1.0)],
                vec![("side", Value::Int(0))],
                TypeError,
                "side: expected a str, got int",
            ),
            (
                "searchsorted",
                vec![x.value(), row.value()],
                vec![],
                ValueError,
                "v: expected a 1-D array, got a 2-D array of shape (1, 2)",
            ),
            (
                "topk",
                vec![x.value(), Value::Int(3)],
                vec![],
                ValueError,
                "topk: k must be between 0 and 2 (the length), got 3",
            ),
            (
                "topk",
                vec![x.value(), Value::Int(-1)],
                vec![],
                ValueError,
                "topk: k must be between 0 and 2 (the length), got -1",
            ),
            (
                "topk",
                vec![x.value(), Value::Float(1.0)],
                vec![],
                TypeError,
                "k: expected an integer, got float",
            ),
            (
                "topk",
                vec![x.value()],
                vec![],
                TypeError,
                "topk() missing 1 required positional argument: 'k'",
            ),
        ]);
    }
}
