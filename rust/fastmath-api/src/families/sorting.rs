//! Sorting and searching. `sort` and `argsort` work along any axis of an N-D array, as
//! numpy's (the last by default, `axis=None` flattens); the others take 1-D arrays. Order is
//! numpy's: ascending, nan after everything, ``-0.0 == 0.0``. Index results are int64.
//!
//! Every dtype is sorted as itself (numpy's rule: `sort` and `unique` keep the dtype): the
//! array is read in place when it is C-contiguous and the kernels compare its elements
//! exactly through their order keys ([`OrderKey`]), so int64 beyond 2**53, uint64 and float32
//! need no detour through float64. `searchsorted` compares in the common dtype of `a` and `v`,
//! as numpy.

use fastmath_core::search::{self, Side};
use fastmath_core::sort::{self as kernels, OrderKey};

use super::lanes::Lanes;
use super::rank;
use crate::args::Args;
use crate::dtype::{DType, promote};
use crate::element::{Bool, Element};
use crate::error::ApiError;
use crate::outputs::{Outputs, Ret, array};
use crate::table::{Family, Function};
use crate::value::Value;
use crate::with_dtype;

/// numpy's bool sorts as a byte, False before True. Any nonzero byte is True (numpy's reading),
/// so keys are 0 or 1 and sorted results hold only 0 and 1.
impl OrderKey for Bool {
    const BITS: u32 = 8;
    const INTEGER: bool = true;

    #[inline(always)]
    fn is_nan(self) -> bool {
        false
    }

    #[inline(always)]
    fn total_key(self) -> u64 {
        u64::from(self.get())
    }

    #[inline(always)]
    fn from_total_key(key: u64) -> Self {
        Bool::from(key != 0)
    }

    #[inline(always)]
    fn order_key(self) -> u64 {
        self.total_key() << (u64::BITS - Self::BITS)
    }

    #[inline(always)]
    fn to_bits(self) -> u64 {
        u64::from(self.0)
    }

    #[inline(always)]
    fn from_bits(bits: u64) -> Self {
        Bool(bits as u8)
    }

    fn sort_short(x: &mut [Self]) {
        x.sort_unstable_by_key(|b| b.get());
    }
}

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

/// `sort` or `argsort` of the array parameter 0 in its own dtype, along the axis parameter 1
/// names (`None`: the flattened array). `$kernel` is a generic kernel (instantiated for the
/// array's element type, which `$result` may name as `T`) and `$result` the result's element
/// type.
macro_rules! along_axis {
    ($args:expr, $out:expr, $kernel:path, $result:ty) => {{
        let (args, out): (&Args<'_>, &mut dyn Outputs) = ($args, $out);
        sort_options(args)?;
        let a = args.array(0)?;
        let axis = args.axis(1, a.ndim())?;
        with_dtype!(a.dtype(), T => {
            let data = args.data::<T>(0, &a)?;
            match axis {
                None => array::<$result>(out, &[data.len()], |o| Ok($kernel(&data, o)?)),
                Some(axis) => array::<$result>(out, a.shape(), |o| {
                    let lanes = Lanes::new(a.shape(), axis);
                    let work = fastmath_core::parallel::n_log_n(lanes.n);
                    Ok(lanes.map(&data, o, work, $kernel)?)
                }),
            }
        })
    }};
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
    sort_signature!("Array"),
    "A sorted copy, ascending, nan last, as ``numpy.sort``: along the last axis by default,\n\
     along ``axis``, or of the flattened array with ``axis=None``. The result has the array's\n\
     dtype (bool, every integer and float type; float16 becomes float32), and elements are\n\
     compared in it, exactly: int64 beyond 2**53 and uint64 keep their order and values.\n\
     ``kind`` and ``stable`` are accepted for numpy's sake (every kind gives the same result);\n\
     ``order`` (structured arrays) is refused.\n\
     \n\
     >>> import array, fastmath\n\
     >>> fastmath.sort([3, float(\"nan\"), 1]).tolist()\n\
     [1.0, 3.0, nan]\n\
     >>> fastmath.sort(array.array(\"q\", [2**60 + 1, -7, 2**60])).tolist()\n\
     [-7, 1152921504606846976, 1152921504606846977]\n\
     >>> fastmath.sort([[3.0, 1.0], [2.0, 4.0]], axis=0).tolist()\n\
     [[2.0, 1.0], [3.0, 4.0]]",
    |args, out| along_axis!(args, out, kernels::sort_into, T),
);

pub static ARGSORT: Function = Function::new(
    "argsort",
    Family::Sorting,
    sort_signature!("IndexArray"),
    "Indices that sort the array along an axis (the last by default; ``axis=None``: of the\n\
     flattened array), as ``numpy.argsort``: int64, whatever the array's dtype, whose elements\n\
     are compared in that dtype, exactly. Always stable (equal values keep their order; nan\n\
     last), which is a valid answer for every ``kind``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.argsort([3, 1, 2, 1]).tolist()\n\
     [1, 3, 2, 0]",
    |args, out| along_axis!(args, out, kernels::argsort_into, i64),
);

/// What `searchsorted`'s `v` is: numbers are probes of their own dtype (numpy makes an array of
/// a Python int or float: int64, float64, bool), compared with `a` in the common dtype.
enum Probes<'a> {
    Int(i64),
    Float(f64),
    Bool(bool),
    Array(crate::array::ArrayRef<'a>),
}

impl Probes<'_> {
    fn dtype(&self) -> DType {
        match self {
            Probes::Int(_) => DType::I64,
            Probes::Float(_) => DType::F64,
            Probes::Bool(_) => DType::Bool,
            Probes::Array(v) => v.dtype(),
        }
    }
}

/// `searchsorted` in the element type `T`, the common dtype of `a` and `v`.
fn search_as<'a, T: Element + OrderKey>(
    args: &Args<'a>,
    out: &mut dyn Outputs,
    a: &crate::array::ArrayRef<'a>,
    probes: &Probes<'a>,
    side: Side,
) -> Result<Ret, ApiError> {
    let sorted = args.data::<T>(0, a)?;
    let one = |probe: T| -> Result<Ret, ApiError> {
        let mut index = [0i64];
        search::searchsorted_into(&sorted, &[probe], side, &mut index)?;
        Ok(Ret::Int(index[0]))
    };
    match probes {
        Probes::Int(v) => one(T::from_i64(*v)),
        Probes::Float(v) => one(T::from_f64(*v)),
        Probes::Bool(v) => one(T::from_u64(u64::from(*v))),
        Probes::Array(v) if v.ndim() == 0 => match args.data::<T>(1, v)?.first() {
            Some(&probe) => one(probe),
            None => Err(ApiError::invalid(
                "internal error: a 0-D array without its element",
            )),
        },
        Probes::Array(v) => {
            let probes = args.data::<T>(1, v)?;
            array::<i64>(out, &[probes.len()], |o| {
                Ok(search::searchsorted_into(&sorted, &probes, side, o)?)
            })
        }
    }
}

pub static SEARCHSORTED: Function = Function::new(
    "searchsorted",
    Family::Sorting,
    "(a: ArrayLike, v: Number | ArrayLike, /, side: Literal[\"left\", \"right\"] = \"left\") -> int | IndexArray",
    "Where to insert ``v`` into the sorted array ``a`` to keep it sorted: the first such index\n\
     with ``side=\"left\"``, the last with ``side=\"right\"``. A number ``v`` gives an int, an\n\
     array ``v`` an int64 array. As numpy, ``a`` and ``v`` are compared in their common dtype\n\
     (``numpy.result_type``; a Python int counts as int64, a float as float64): int8 ``a``\n\
     with int ``v`` compares exactly, uint64 with int64 as float64.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.searchsorted([1, 2, 2, 3], 2)\n\
     1\n\
     >>> fastmath.searchsorted([1, 2, 2, 3], [2, 5], side=\"right\").tolist()\n\
     [3, 4]",
    |args, out| {
        let side = Side::parse(args.string(2)?)?;
        let a = rank::vector(args, 0)?;
        let probes = match args.value(1) {
            Value::Int(v) => Probes::Int(*v),
            Value::Float(v) => Probes::Float(*v),
            Value::BigInt(v) => Probes::Float(v.to_f64()),
            Value::Bool(v) => Probes::Bool(*v),
            Value::Array(v) => {
                if v.ndim() > 0 {
                    rank::one_dimensional(args, 1, v)?;
                }
                Probes::Array(*v)
            }
            // Not a number or an array: the operand reader words the error.
            _ => {
                rank::operand(args, 1)?;
                return Err(ApiError::invalid(
                    "internal error: an operand that is neither a number nor an array",
                ));
            }
        };
        with_dtype!(promote(a.dtype(), probes.dtype()), T => {
            search_as::<T>(args, out, &a, &probes, side)
        })
    },
);

pub static UNIQUE: Function = Function::new(
    "unique",
    Family::Sorting,
    "(x: ArrayLike, /) -> Array",
    "The sorted distinct values of all elements (an N-D array is flattened, as numpy's\n\
     ``unique`` without ``axis``), of the array's dtype (all nans collapse to one, as numpy 2;\n\
     float16 becomes float32).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.unique([3.0, 1.0, 3.0, 2.0, 1.0]).tolist()\n\
     [1.0, 2.0, 3.0]\n\
     >>> fastmath.unique([[1, 2], [2, 0]]).tolist()\n\
     [0, 1, 2]",
    |args, out| {
        let a = args.array(0)?;
        with_dtype!(a.dtype(), T => {
            // The result's length is known only after sorting: sort a copy, then copy its
            // distinct prefix into the result.
            let mut values = args.data::<T>(0, &a)?.into_owned();
            let n = kernels::unique_in_place(&mut values);
            array::<T>(out, &[n], |o| {
                let distinct = values.get(..n).ok_or_else(|| {
                    ApiError::invalid("internal error: more distinct values than values")
                })?;
                o.copy_from_slice(distinct);
                Ok(())
            })
        })
    },
);

pub static TOPK: Function = Function::new(
    "topk",
    Family::Sorting,
    "(x: ArrayLike, k: int, /) -> IndexArray",
    "Indices (int64) of the ``k`` largest elements, largest first, the elements compared in\n\
     their own dtype; ties go to the lower index; nan counts as largest (the order ``sort``\n\
     uses). ``k`` must be in ``0..=len(x)``.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.topk([5, 1, 5, 3], 3).tolist()\n\
     [0, 2, 3]",
    |args, out| {
        let k = args.int(1)?;
        let a = rank::vector(args, 0)?;
        with_dtype!(a.dtype(), T => {
            let x = args.data::<T>(0, &a)?;
            let k = kernels::check_topk(k, x.len())?;
            array::<i64>(out, &[k], |o| Ok(kernels::topk_into(&x, o)?))
        })
    },
);

#[cfg(test)]
mod tests {
    use crate::array::ArrayRef;
    use crate::dtype::{ByteOrder, DType};
    use crate::element::{Bool, Element};
    use crate::error::ErrorClass::{AxisError, TypeError, ValueError};
    use crate::families::testing::{VecOutputs, assert_refusals, matrix, ok, vector};
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

    /// A C-contiguous array of `T` for the tests of other dtypes than float64.
    fn typed<'a, T: bytemuck::Pod>(dtype: DType, shape: &'a [usize], values: &'a [T]) -> Value<'a> {
        let array = ArrayRef::new(
            dtype,
            ByteOrder::Native,
            shape,
            None,
            bytemuck::cast_slice(values),
            0,
        );
        Value::Array(array.expect("a valid test array"))
    }

    fn values<'o, T: Element>(out: &'o VecOutputs, ret: &Ret) -> (&'o [usize], &'o [T]) {
        match ret {
            Ret::Array(i) => {
                let stored = &out.arrays[*i];
                let values = stored
                    .values::<T>()
                    .expect("a result of the expected dtype");
                (&stored.shape, values)
            }
            other => panic!("expected an array, got {other:?}"),
        }
    }

    #[test]
    fn every_dtype_sorts_as_itself() {
        // int64 neighbours a double cannot tell apart: exact order and values.
        let big = [(1i64 << 60) + 1, -5, 1 << 60, i64::MIN];
        let (ret, out) = ok("sort", vec![typed(DType::I64, &[4], &big)], vec![]);
        assert_eq!(
            values::<i64>(&out, &ret),
            (&[4][..], &[i64::MIN, -5, 1 << 60, (1 << 60) + 1][..])
        );
        let (ret, out) = ok("argsort", vec![typed(DType::I64, &[4], &big)], vec![]);
        assert_eq!(out.i64(&ret).1, &[3, 1, 2, 0]);
        // uint8 along axis 0 of a 2x3 array keeps its dtype; unique and topk of uint64.
        let bytes = [200u8, 1, 7, 3, 250, 7];
        let (ret, out) = ok(
            "sort",
            vec![typed(DType::U8, &[2, 3], &bytes)],
            vec![("axis", Value::Int(0))],
        );
        assert_eq!(
            values::<u8>(&out, &ret),
            (&[2, 3][..], &[3, 1, 7, 200, 250, 7][..])
        );
        let wide = [u64::MAX, 3, u64::MAX, 1 << 63];
        let (ret, out) = ok("unique", vec![typed(DType::U64, &[4], &wide)], vec![]);
        assert_eq!(values::<u64>(&out, &ret).1, &[3, 1 << 63, u64::MAX]);
        let (ret, out) = ok(
            "topk",
            vec![typed(DType::U64, &[4], &wide), Value::Int(3)],
            vec![],
        );
        assert_eq!(out.i64(&ret).1, &[0, 2, 3]);
        // float32 stays float32, nan last; bool sorts False first.
        let single = [f32::NAN, 0.5, -0.0, -2.0];
        let (ret, out) = ok("sort", vec![typed(DType::F32, &[4], &single)], vec![]);
        let sorted = values::<f32>(&out, &ret).1;
        assert!(sorted[..3] == [-2.0, 0.0, 0.5] && sorted[3].is_nan());
        let flags = [Bool(1), Bool(0), Bool(1)];
        let (ret, out) = ok("sort", vec![typed(DType::Bool, &[3], &flags)], vec![]);
        assert_eq!(values::<Bool>(&out, &ret).1, &[Bool(0), Bool(1), Bool(1)]);
    }

    #[test]
    fn searchsorted_compares_in_the_common_dtype() {
        let small = [-3i8, 1, 2, 2, 100];
        let a = || typed(DType::I8, &[5], &small);
        // A Python int is an int64: 1000 is above every int8, exactly.
        assert_eq!(
            ok("searchsorted", vec![a(), Value::Int(1000)], vec![]).0,
            Ret::Int(5)
        );
        assert_eq!(
            ok("searchsorted", vec![a(), Value::Float(1.5)], vec![]).0,
            Ret::Int(2)
        );
        // int64 beyond 2**53 with int64 probes: exact.
        let big = [1i64 << 60, (1 << 60) + 1, (1 << 60) + 2];
        let probes = [(1i64 << 60) + 1];
        let (ret, out) = ok(
            "searchsorted",
            vec![
                typed(DType::I64, &[3], &big),
                typed(DType::I64, &[1], &probes),
            ],
            vec![],
        );
        assert_eq!(out.i64(&ret).1, &[1]);
        // uint64 with int64 compares as float64, as numpy: 2**60 + 1 rounds to 2**60.
        let unsigned = [1u64 << 60, (1 << 60) + 1, (1 << 60) + 2];
        let (ret, _) = ok(
            "searchsorted",
            vec![
                typed(DType::U64, &[3], &unsigned),
                Value::Int((1 << 60) + 1),
            ],
            vec![("side", Value::Str("right"))],
        );
        assert_eq!(ret, Ret::Int(3));
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
