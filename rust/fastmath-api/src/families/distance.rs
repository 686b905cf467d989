//! Distances between the rows of two matrices: `cdist`, scipy.spatial.distance's semantics
//! (the kernels are in `fastmath_core::distance`).

use fastmath_core::distance::{Metric, cdist_into};

use super::scratch::zeros;
use crate::args::Args;
use crate::array::ArrayRef;
use crate::dtype::DType;
use crate::error::ApiError;
use crate::outputs::{Outputs, Ret, array};
use crate::table::{Family, Function};
use crate::value::Operand;

pub static FUNCTIONS: &[&Function] = &[&CDIST];

pub static CDIST: Function = Function::new(
    "cdist",
    Family::Clustering,
    "(xa: ArrayLike, xb: ArrayLike, /, metric: str = 'euclidean') -> FloatArray",
    "Distance between each row of ``xa`` (``ma x n``) and each row of ``xb`` (``mb x n``), as\n\
     ``scipy.spatial.distance.cdist``: ``out[i, j]`` is the ``metric`` of ``xa[i]`` and\n\
     ``xb[j]``. ``metric`` is one of ``\"euclidean\"`` ``sqrt(sum((u - v)**2))``,\n\
     ``\"sqeuclidean\"`` ``sum((u - v)**2)``, ``\"cityblock\"`` ``sum(|u - v|)``,\n\
     ``\"cosine\"`` ``1 - u.v / (|u| |v|)`` and ``\"chebyshev\"`` ``max(|u - v|)`` (any case,\n\
     and scipy's other names for them, such as ``\"cos\"``); another is a ValueError naming it\n\
     and these.\n\
     \n\
     scipy's arithmetic: each pair's sum runs over the columns in order, without rescaling\n\
     (squares beyond 1e308 overflow to inf, as in scipy), the same bits as scipy but for\n\
     ``cosine``, whose dot products scipy's x86-64 build sums in two interleaved halves (the\n\
     last bits can differ). Identical on every platform and backend. The cosine of a zero row\n\
     is nan (0 / 0, as scipy), its quotient clipped to [-1, 1]; ``chebyshev`` skips a nan\n\
     difference, as scipy's does. Errors as scipy's: ValueError for an input that is not\n\
     2-D or for a different number of columns.\n\
     \n\
     Result dtype: float64, for every input dtype (float32 included, as scipy).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.cdist([[0, 0], [3, 4]], [[0, 0], [6, 8]]).tolist()\n\
     [[0.0, 10.0], [5.0, 5.0]]\n\
     >>> fastmath.cdist([[1, 0]], [[0, 2], [-3, 0]], metric=\"cosine\").tolist()\n\
     [[1.0, 2.0]]\n\
     >>> fastmath.cdist([[1, 5]], [[4, 1]], \"chebyshev\").tolist()\n\
     [[4.0]]",
    cdist,
);

fn cdist(args: &Args<'_>, out: &mut dyn Outputs) -> Result<Ret, ApiError> {
    let (a, ma, cols) = rows(args, 0)?;
    let (b, mb, cols_b) = rows(args, 1)?;
    if cols != cols_b {
        return Err(ApiError::invalid(format_args!(
            "xa and xb must have the same number of columns (i.e. feature dimension.): \
             {cols} and {cols_b}"
        )));
    }
    let metric = metric(args, 2)?;
    let xa = args.f64_data(0, &a)?;
    let xb = args.f64_data(1, &b)?;
    let need = metric
        .scratch_len(ma, mb)
        .ok_or_else(|| ApiError::out_of_memory_elements(usize::MAX, DType::F64))?;
    let mut scratch = zeros::<f64>(need)?;
    array::<f64>(out, &[ma, mb], |o| {
        Ok(cdist_into(&xa, &xb, cols, metric, &mut scratch, o)?)
    })
}

/// Argument `i` as a matrix: the array, its rows and its columns. Anything else is a
/// ValueError worded by `not_2d(name, what it got)`: `cdist` words it as scipy, `kmeans` as
/// scikit-learn.
pub(super) fn matrix_arg<'a>(
    args: &Args<'a>,
    i: usize,
    not_2d: fn(&str, &str) -> String,
) -> Result<(ArrayRef<'a>, usize, usize), ApiError> {
    let name = args.name(i);
    let refuse = |got: &str| ApiError::value_error(name, not_2d(name, got));
    match args.operand(i)? {
        Operand::Number(_) => Err(refuse("a single number")),
        Operand::Array(a) => match *a.shape() {
            [r, c] => Ok((a, r, c)),
            _ => Err(refuse(&a.describe())),
        },
    }
}

/// Argument `i` as a matrix, refused as scipy's `cdist` refuses it.
fn rows<'a>(args: &Args<'a>, i: usize) -> Result<(ArrayRef<'a>, usize, usize), ApiError> {
    matrix_arg(args, i, |name, got| {
        format!("{name} must be a 2-dimensional array, got {got}")
    })
}

/// The metric named by argument `i`.
fn metric(args: &Args<'_>, i: usize) -> Result<Metric, ApiError> {
    let name = args.string(i)?;
    Metric::parse(name).ok_or_else(|| {
        let ours: Vec<&str> = Metric::ALL.iter().map(|m| m.name()).collect();
        ApiError::value_error(
            args.name(i),
            format_args!(
                "Unknown Distance Metric: {} (fastmath's cdist has {})",
                name.to_lowercase(),
                ours.join(", ")
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use crate::error::ErrorClass::{TypeError, ValueError};
    use crate::families::testing::{Arr, assert_refusals, matrix, ok, vector};
    use crate::value::Value;

    #[test]
    fn distances_of_every_metric() {
        let a = matrix(&[&[0.0, 0.0], &[3.0, 4.0]]);
        let b = matrix(&[&[0.0, 0.0], &[6.0, 8.0], &[3.0, 0.0]]);
        for (metric, want) in [
            ("euclidean", [0.0, 10.0, 3.0, 5.0, 5.0, 4.0]),
            ("sqeuclidean", [0.0, 100.0, 9.0, 25.0, 25.0, 16.0]),
            ("CityBlock", [0.0, 14.0, 3.0, 7.0, 7.0, 4.0]),
            ("chebyshev", [0.0, 8.0, 3.0, 4.0, 4.0, 4.0]),
        ] {
            let (ret, out) = ok(
                "cdist",
                vec![a.value(), b.value()],
                vec![("metric", Value::Str(metric))],
            );
            assert_eq!(out.f64(&ret), (&[2, 3][..], &want[..]), "{metric}");
        }
        let (ret, out) = ok(
            "cdist",
            vec![a.value(), b.value(), Value::Str("cos")],
            vec![],
        );
        let (shape, got) = out.f64(&ret);
        assert_eq!(shape, [2, 3]);
        // Rows of zeros: nan, as scipy.
        assert!(got[..2].iter().all(|v| v.is_nan()) && got[3].is_nan());
        assert_eq!(got[4], 0.0);
        // No rows, or no columns.
        let empty = Arr::new(&[0, 2], &[]);
        let (ret, out) = ok("cdist", vec![empty.value(), b.value()], vec![]);
        assert_eq!(out.f64(&ret), (&[0, 3][..], &[][..]));
        let none = Arr::new(&[2, 0], &[]);
        let (ret, out) = ok("cdist", vec![none.value(), none.value()], vec![]);
        assert_eq!(out.f64(&ret), (&[2, 2][..], &[0.0; 4][..]));
    }

    #[test]
    fn refusals() {
        let m = matrix(&[&[1.0, 2.0]]);
        let wide = matrix(&[&[1.0, 2.0, 3.0]]);
        let v = vector(&[1.0, 2.0]);
        assert_refusals(vec![
            (
                "cdist",
                vec![v.value(), m.value()],
                vec![],
                ValueError,
                "xa: xa must be a 2-dimensional array, got a 1-D array of length 2",
            ),
            (
                "cdist",
                vec![m.value(), Value::Float(1.0)],
                vec![],
                ValueError,
                "xb: xb must be a 2-dimensional array, got a single number",
            ),
            (
                "cdist",
                vec![m.value(), wide.value()],
                vec![],
                ValueError,
                "cdist: xa and xb must have the same number of columns (i.e. feature \
                 dimension.): 2 and 3",
            ),
            (
                "cdist",
                vec![m.value(), m.value()],
                vec![("metric", Value::Str("Minkowski"))],
                ValueError,
                "metric: Unknown Distance Metric: minkowski (fastmath's cdist has euclidean, \
                 sqeuclidean, cityblock, cosine, chebyshev)",
            ),
            (
                "cdist",
                vec![m.value(), m.value(), Value::Int(2)],
                vec![],
                TypeError,
                "metric: expected a str, got int",
            ),
        ]);
    }
}
