//! The statistics functions through the table, as a binding calls them: values, result
//! shapes and dtypes, and the refusals naming their argument (numpy's words).

use crate::error::ErrorClass::{IndexError, MemoryError, TypeError, ValueError};
use crate::families::testing::{Arr, assert_refusals, float, matrix, ok, vector};
use crate::outputs::Ret;
use crate::value::Value;

fn kw<'a>(name: &'static str, v: Value<'a>) -> Vec<(&'static str, Value<'a>)> {
    vec![(name, v)]
}

/// A 1-D int64 array over `values` (bincount takes integers only).
fn ints<'a>(values: &'a [i64], shape: &'a [usize; 1]) -> Value<'a> {
    let bytes: &[u8] = bytemuck::cast_slice(values);
    Value::Array(
        crate::array::ArrayRef::new(
            crate::dtype::DType::I64,
            crate::ByteOrder::Native,
            shape,
            None,
            bytes,
            0,
        )
        .expect("a valid test array"),
    )
}

#[test]
fn quantiles_of_all_elements_and_along_axes() {
    let x = vector(&[4.0, 1.0, 3.0, 2.0]);
    assert_eq!(
        float("quantile", vec![x.value(), Value::Float(0.5)], vec![]),
        2.5
    );
    assert_eq!(
        float("percentile", vec![x.value(), Value::Int(10)], vec![]),
        1.3
    );
    let m = matrix(&[&[1.0, 2.0, 3.0, 4.0], &[10.0, 20.0, 30.0, 40.0]]);
    let q = vector(&[0.25, 1.0]);
    let (ret, out) = ok(
        "quantile",
        vec![m.value(), q.value()],
        kw("axis", Value::Int(1)),
    );
    assert_eq!(out.f64(&ret), (&[2, 2][..], &[1.75, 17.5, 4.0, 40.0][..]));
    let lower = vec![("method", Value::Str("lower"))];
    assert_eq!(
        float("quantile", vec![x.value(), Value::Float(0.5)], lower),
        2.0
    );
}

#[test]
fn histograms_and_bincounts() {
    let x = vector(&[1.0, 2.0, 1.0]);
    let (ret, out) = ok("histogram", vec![x.value(), Value::Int(2)], vec![]);
    let Ret::Tuple(parts) = ret else {
        panic!("expected (counts, edges), got {ret:?}")
    };
    assert_eq!(out.i64(&parts[0]), (&[2][..], &[2, 1][..]));
    assert_eq!(out.f64(&parts[1]), (&[3][..], &[1.0, 1.5, 2.0][..]));
    let (ret, out) = ok("bincount", vec![ints(&[0, 1, 1, 3], &[4])], vec![]);
    assert_eq!(out.i64(&ret), (&[4][..], &[1, 2, 0, 1][..]));
}

#[test]
fn nan_reductions_skip_nan() {
    let x = vector(&[1e100, 1.0, f64::NAN, -1e100]);
    assert_eq!(float("nansum", vec![x.value()], vec![]), 1.0);
    assert_eq!(float("nanmean", vec![x.value()], vec![]), 1.0 / 3.0);
    assert_eq!(float("nanmax", vec![x.value()], vec![]), 1e100);
    let all_nan = vector(&[f64::NAN, f64::NAN]);
    assert!(float("nanmin", vec![all_nan.value()], vec![]).is_nan());
    assert!(float("nanmedian", vec![all_nan.value()], vec![]).is_nan());
    let cube = Arr::new(&[2, 1, 2], &[1.0, f64::NAN, 3.0, 5.0]);
    let axes = vector(&[0.0, 2.0]);
    let (ret, out) = ok("nansum", vec![cube.value()], vec![("axis", axes.value())]);
    assert_eq!(out.f64(&ret), (&[1][..], &[9.0][..]));
}

#[test]
fn refusals_name_their_argument() {
    let v = vector(&[1.0, 2.0]);
    let empty = vector(&[]);
    let negative = [1i64, -2];
    let counts = [1i64, 2];
    let decreasing = vector(&[3.0, 1.0]);
    let huge = [1_000_000_000_000_000i64];
    assert_refusals(vec![
        (
            "percentile",
            vec![v.value(), Value::Int(101)],
            vec![],
            ValueError,
            "q: Percentiles must be in the range [0, 100]",
        ),
        (
            "quantile",
            vec![v.value(), Value::Float(0.5)],
            vec![("method", Value::Str("type7"))],
            ValueError,
            "method: 'type7' is not a valid method. Use one of: 'inverted_cdf', \
             'averaged_inverted_cdf', 'closest_observation', 'interpolated_inverted_cdf', \
             'hazen', 'weibull', 'linear', 'median_unbiased', 'normal_unbiased', 'lower', \
             'higher', 'midpoint', 'nearest'",
        ),
        (
            "quantile",
            vec![v.value(), Value::Float(0.5)],
            vec![("weights", v.value())],
            ValueError,
            "weights: Only method 'inverted_cdf' supports weights. Got: linear.",
        ),
        (
            "quantile",
            vec![v.value(), Value::Float(0.5)],
            vec![
                ("method", Value::Str("inverted_cdf")),
                ("weights", vector(&[1.0, -1.0]).value()),
            ],
            ValueError,
            "weights: Weights must be non-negative.",
        ),
        (
            "quantile",
            vec![empty.value(), Value::Float(0.5)],
            vec![],
            IndexError,
            "x: cannot take a quantile of no values (an empty array or lane)",
        ),
        (
            "histogram",
            vec![v.value(), Value::Int(0)],
            vec![],
            ValueError,
            "bins: `bins` must be positive, when an integer",
        ),
        (
            "histogram",
            vec![v.value(), Value::Float(1.5)],
            vec![],
            TypeError,
            "bins: `bins` must be an integer, a string, or an array",
        ),
        (
            "histogram",
            vec![v.value(), decreasing.value()],
            vec![],
            ValueError,
            "bins: `bins` must increase monotonically, when an array",
        ),
        (
            "bincount",
            vec![ints(&negative, &[2])],
            vec![],
            ValueError,
            "x: must have no negative elements",
        ),
        (
            "bincount",
            vec![v.value()],
            vec![],
            TypeError,
            "x: Cannot cast array data from dtype('float64') to dtype('int64') according to \
             the rule 'safe'",
        ),
        (
            "bincount",
            vec![ints(&counts, &[2])],
            kw("minlength", Value::Int(-1)),
            ValueError,
            "minlength: 'minlength' must not be negative",
        ),
        (
            "bincount",
            vec![ints(&huge, &[1])],
            vec![],
            MemoryError,
            "bincount: the result needs 8000.0 TB (1000000000000001 int64)",
        ),
        (
            "ptp",
            vec![empty.value()],
            vec![],
            ValueError,
            "ptp: zero-size array to reduction operation maximum which has no identity",
        ),
    ]);
}
