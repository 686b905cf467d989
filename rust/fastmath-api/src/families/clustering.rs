//! k-means clustering: `kmeans`, scikit-learn's `KMeans` semantics with fastmath.random's
//! generator (the algorithm is in `fastmath_core::kmeans`).
//!
//! `seed=None` is operating-system entropy, drawn by the generated Python wrapper
//! (`fastmath/_stateful.py`, the same path as `fastmath.random.default_rng()`): this entry is
//! deterministic, and receives a seed's 32-bit words.

use fastmath_core::kmeans::{Settings, Work, kmeans, scaled_tolerance};
use fastmath_core::random::{Pcg64, SeedSequence};

use super::distance::matrix_arg;
use super::random::seed_words;
use super::scratch::zeros;
use crate::args::Args;
use crate::dtype::DType;
use crate::error::ApiError;
use crate::outputs::{OutSpec, Outputs, Ret};
use crate::table::{Family, Function};
use crate::value::Value;

pub static FUNCTIONS: &[&Function] = &[&KMEANS];

/// Parameter positions.
const X: usize = 0;
const K: usize = 1;
const SEED: usize = 2;
const N_INIT: usize = 3;
const MAX_ITER: usize = 4;
const TOL: usize = 5;

pub static KMEANS: Function = Function::new(
    "kmeans",
    Family::Clustering,
    "(x: ArrayLike, k: int, /, *, seed: int | Sequence[int] | None = None, n_init: int = 10, \
     max_iter: int = 300, tol: float = 0.0001) -> tuple[FloatArray, IndexArray, float]",
    "k-means clustering of the rows of ``x`` (``n`` points, ``d`` coordinates) into ``k``\n\
     clusters: ``(centroids, labels, inertia)``, the ``(k, d)`` centres, each point's cluster\n\
     (int64) and the sum of squared distances of the points to their centres. scikit-learn's\n\
     ``KMeans(k, init=\"k-means++\", n_init=n_init, max_iter=max_iter, tol=tol)`` semantics:\n\
     \n\
     - greedy k-means++ seeding (``2 + int(log(k))`` candidates per centre, the one leaving the\n\
       smallest potential kept), drawn from fastmath.random's PCG64 seeded by ``seed`` as\n\
       ``default_rng(seed)`` (``None``: operating-system entropy, as ``default_rng()``);\n\
     - Lloyd's iterations: each point to its nearest centre, each centre to its points' mean;\n\
       an empty cluster takes the point farthest from its centre;\n\
     - convergence as scikit-learn's: stop when the labels no longer change, or when the\n\
       centres moved by at most ``tol`` times the mean per-column variance of ``x`` in total\n\
       (the sum of their squared moves), or after ``max_iter`` iterations; unless the labels\n\
       settled, the points are assigned once more, so ``labels`` are always each point's\n\
       nearest final centroid (the first of equals);\n\
     - the best of ``n_init`` runs (one generator, run after run) by inertia.\n\
     \n\
     The same seed gives the same bits on every platform and backend (sums in a fixed order,\n\
     no threads), not scikit-learn's bits (its generator is numpy's legacy one). Errors:\n\
     ``x`` not 2-D or holding nan or inf, ``k`` below 1 or above the number of points,\n\
     ``n_init`` or ``max_iter`` below 1, a negative ``tol``: ValueError naming it.\n\
     \n\
     Result dtypes: centroids float64 (float32 for float32 or float16 ``x``, rounded once, as\n\
     scikit-learn keeps float32), labels int64, inertia a float.\n\
     \n\
     >>> import fastmath\n\
     >>> x = [[0, 0], [0, 1], [10, 10], [10, 11]]\n\
     >>> centroids, labels, inertia = fastmath.kmeans(x, 2, seed=0)\n\
     >>> sorted(centroids.tolist())\n\
     [[0.0, 0.5], [10.0, 10.5]]\n\
     >>> labels[0] == labels[1] != labels[2] == labels[3]\n\
     True\n\
     >>> inertia\n\
     1.0",
    run,
);

/// A count parameter that must be at least 1.
fn at_least_one(args: &Args<'_>, i: usize) -> Result<u64, ApiError> {
    let v = args.int(i)?;
    u64::try_from(v)
        .ok()
        .filter(|&v| v >= 1)
        .ok_or_else(|| ApiError::value_error(args.name(i), format_args!("must be >= 1, got {v}")))
}

fn run(args: &Args<'_>, out: &mut dyn Outputs) -> Result<Ret, ApiError> {
    let x_name = args.name(X);
    let (a, rows, cols) = matrix_arg(args, X, |_, got| format!("Expected 2D array, got {got}"))?;
    let k = args.int(K)?;
    if k < 1 {
        return Err(ApiError::value_error(
            args.name(K),
            format_args!("the number of clusters must be >= 1, got {k}"),
        ));
    }
    let n_init = at_least_one(args, N_INIT)?;
    let max_iter = at_least_one(args, MAX_ITER)?;
    let tol = args.number(TOL)?;
    if tol.is_nan() || tol < 0.0 {
        return Err(ApiError::value_error(
            args.name(TOL),
            format_args!("must be a number >= 0, got {tol}"),
        ));
    }
    let words = match args.value(SEED) {
        // The generated wrapper passes OS entropy for None; a direct call gets it refused.
        Value::None => {
            return Err(ApiError::type_error(
                args.name(SEED),
                "expected a seed (the Python wrapper draws one for None)",
            ));
        }
        _ => seed_words(args, SEED)?,
    };
    let too_few = || {
        ApiError::value_error(
            args.name(K),
            format_args!("n_samples={rows} should be >= n_clusters={k}."),
        )
    };
    let k = usize::try_from(k).map_err(|_| too_few())?;
    if k > rows {
        return Err(too_few());
    }
    if cols == 0 {
        return Err(ApiError::value_error(
            x_name,
            format_args!(
                "Found array with 0 feature(s) (shape=({rows}, 0)) while a minimum of 1 is \
                 required."
            ),
        ));
    }
    let x = args.f64_data(X, &a)?;
    if x.iter().any(|v| v.is_nan()) {
        return Err(ApiError::value_error(
            x_name,
            format_args!("Input {x_name} contains NaN."),
        ));
    }
    if x.iter().any(|v| v.is_infinite()) {
        return Err(ApiError::value_error(
            x_name,
            format_args!(
                "Input {x_name} contains infinity or a value too large for dtype('float64')."
            ),
        ));
    }
    let mut work = Work::new(rows, cols, k).ok_or_else(|| {
        ApiError::out_of_memory_elements(
            rows.saturating_mul(4)
                .saturating_add(k.saturating_mul(cols).saturating_mul(2)),
            DType::F64,
        )
    })?;
    let area = k
        .checked_mul(cols)
        .ok_or_else(|| ApiError::result_too_large(DType::F64, &[k, cols]))?;
    let mut best = zeros::<f64>(area)?;
    let settings = Settings {
        k,
        n_init,
        max_iter,
        tol: scaled_tolerance(&x, rows, cols, tol),
    };
    let mut g = Pcg64::from_seed_sequence(&SeedSequence::new(&words));
    let single = matches!(a.dtype(), DType::F32 | DType::F16);
    let specs = [
        OutSpec {
            dtype: if single { DType::F32 } else { DType::F64 },
            shape: &[k, cols],
        },
        OutSpec {
            dtype: DType::I64,
            shape: &[rows],
        },
    ];
    let bug = || ApiError::invalid("internal error: the binding returned other result arrays");
    let mut inertia = f64::NAN;
    let mut handles = [Ret::Int(0), Ret::Int(0)];
    out.arrays_into(
        &specs,
        &mut |slices| {
            let [centroids, labels] = slices else {
                return Err(bug());
            };
            let labels = labels.typed::<i64>().ok_or_else(bug)?;
            inertia = kmeans(&x, settings, &mut g, &mut work, &mut best, labels)?;
            if let Some(c) = centroids.typed::<f64>() {
                for (dst, &v) in c.iter_mut().zip(best.iter()) {
                    *dst = v;
                }
            } else {
                let c = centroids.typed::<f32>().ok_or_else(bug)?;
                for (dst, &v) in c.iter_mut().zip(best.iter()) {
                    *dst = v as f32;
                }
            }
            Ok(())
        },
        &mut handles,
    )?;
    let [centroids, labels] = handles;
    Ok(Ret::Tuple(vec![centroids, labels, Ret::Float(inertia)]))
}

#[cfg(test)]
mod tests {
    use crate::error::ErrorClass::{TypeError, ValueError};
    use crate::families::testing::{Arr, assert_refusals, matrix, ok, vector};
    use crate::outputs::Ret;
    use crate::value::Value;

    fn seed(s: i64) -> (&'static str, Value<'static>) {
        ("seed", Value::Int(s))
    }

    #[test]
    fn clusters_labels_and_inertia() {
        let x = matrix(&[&[0.0, 0.0], &[0.0, 1.0], &[10.0, 10.0], &[10.0, 11.0]]);
        let (ret, out) = ok("kmeans", vec![x.value(), Value::Int(2)], vec![seed(0)]);
        let Ret::Tuple(parts) = ret else {
            panic!("{ret:?}")
        };
        let (shape, centroids) = out.f64(&parts[0]);
        assert_eq!(shape, [2, 2]);
        let mut c: Vec<(f64, f64)> = centroids.chunks(2).map(|p| (p[0], p[1])).collect();
        c.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert_eq!(c, [(0.0, 0.5), (10.0, 10.5)]);
        let (_, labels) = out.i64(&parts[1]);
        assert!(labels[0] == labels[1] && labels[1] != labels[2] && labels[2] == labels[3]);
        assert_eq!(parts[2], Ret::Float(1.0));
    }

    #[test]
    fn refusals() {
        let x = matrix(&[&[0.0, 0.0], &[1.0, 1.0]]);
        let v = vector(&[1.0, 2.0]);
        let nan = matrix(&[&[0.0, f64::NAN]]);
        let inf = matrix(&[&[0.0, f64::INFINITY]]);
        let no_columns = Arr::new(&[2, 0], &[]);
        let two = || Value::Int(2);
        assert_refusals(vec![
            (
                "kmeans",
                vec![v.value(), two()],
                vec![seed(0)],
                ValueError,
                "x: Expected 2D array, got a 1-D array of length 2",
            ),
            (
                "kmeans",
                vec![x.value(), Value::Int(3)],
                vec![seed(0)],
                ValueError,
                "k: n_samples=2 should be >= n_clusters=3.",
            ),
            (
                "kmeans",
                vec![x.value(), Value::Int(0)],
                vec![seed(0)],
                ValueError,
                "k: the number of clusters must be >= 1, got 0",
            ),
            (
                "kmeans",
                vec![x.value(), Value::Float(2.0)],
                vec![seed(0)],
                TypeError,
                "k: expected an integer, got float",
            ),
            (
                "kmeans",
                vec![x.value(), two()],
                vec![seed(0), ("n_init", Value::Int(0))],
                ValueError,
                "n_init: must be >= 1, got 0",
            ),
            (
                "kmeans",
                vec![x.value(), two()],
                vec![seed(0), ("max_iter", Value::Int(-1))],
                ValueError,
                "max_iter: must be >= 1, got -1",
            ),
            (
                "kmeans",
                vec![x.value(), two()],
                vec![seed(0), ("tol", Value::Float(-1.0))],
                ValueError,
                "tol: must be a number >= 0, got -1",
            ),
            (
                "kmeans",
                vec![nan.value(), Value::Int(1)],
                vec![seed(0)],
                ValueError,
                "x: Input x contains NaN.",
            ),
            (
                "kmeans",
                vec![inf.value(), Value::Int(1)],
                vec![seed(0)],
                ValueError,
                "x: Input x contains infinity or a value too large for dtype('float64').",
            ),
            (
                "kmeans",
                vec![no_columns.value(), Value::Int(1)],
                vec![seed(0)],
                ValueError,
                "x: Found array with 0 feature(s) (shape=(2, 0)) while a minimum of 1 is \
                 required.",
            ),
            (
                "kmeans",
                vec![x.value(), two()],
                vec![],
                TypeError,
                "seed: expected a seed (the Python wrapper draws one for None)",
            ),
            (
                "kmeans",
                vec![x.value(), two()],
                vec![seed(-1)],
                ValueError,
                "seed: expected non-negative integer",
            ),
        ]);
    }
}
