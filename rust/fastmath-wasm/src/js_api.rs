//! The JavaScript-facing API: typed arrays in, numbers or `Float64Array`s out.
//!
//! Each function calls the same table entry as Python's `fastmath.<name>`, so it follows the
//! same rules and throws the same errors (an `Error` whose `name` is "ValueError", "TypeError",
//! ... and whose message is the Python one). wasm-bindgen copies each `Float64Array` argument
//! into the module's memory and each result out into a new `Float64Array`: one copy each way,
//! which is what a JS caller expects (no views into memory that a later call may move).

use fastmath_api::outputs::VecOutputs;
use fastmath_api::{ArrayRef, Ret, Value};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::errors::{Failure, internal};

/// An argument: a number or a 1-D array.
enum Arg<'a> {
    Number(f64),
    Vector(&'a [f64]),
}

/// Calls the table's function `name` on `args`.
fn call(name: &str, args: &[Arg<'_>]) -> Result<(Ret, VecOutputs), Failure> {
    let function =
        fastmath_api::find(name).ok_or_else(|| internal(format!("no function {name}")))?;
    let shapes: Vec<[usize; 1]> = args
        .iter()
        .map(|a| match a {
            Arg::Vector(x) => [x.len()],
            Arg::Number(_) => [0],
        })
        .collect();
    let mut values = Vec::with_capacity(args.len());
    for (arg, shape) in args.iter().zip(&shapes) {
        values.push(match arg {
            Arg::Number(v) => Value::Float(*v),
            Arg::Vector(x) => match ArrayRef::from_f64(x, shape) {
                Ok(a) => Value::Array(a),
                Err(e) => Value::Invalid(e),
            },
        });
    }
    let mut out = VecOutputs::default();
    let no_keywords = std::iter::empty::<(&str, Value<'_>)>();
    let ret = function.call(values.into_iter(), no_keywords, &mut out)?;
    Ok((ret, out))
}

fn number(name: &str, args: &[Arg<'_>]) -> Result<f64, JsValue> {
    match call(name, args)? {
        (Ret::Float(v), _) => Ok(v),
        _ => Err(internal(format!("{name} did not return a number")).into()),
    }
}

fn vector(name: &str, args: &[Arg<'_>]) -> Result<Vec<f64>, JsValue> {
    match call(name, args)? {
        (Ret::Array(n), out) => out
            .arrays
            .get(n)
            .and_then(|stored| stored.values::<f64>())
            .map(<[f64]>::to_vec)
            .ok_or_else(|| internal(format!("{name} did not return a float64 array")).into()),
        _ => Err(internal(format!("{name} did not return an array")).into()),
    }
}

/// Elementwise square: `x[i] * x[i]`.
#[wasm_bindgen]
pub fn square(x: &[f64]) -> Result<Vec<f64>, JsValue> {
    vector("square", &[Arg::Vector(x)])
}

/// `a * x[i]` for every element (`multiply` of a number and a vector).
#[wasm_bindgen]
pub fn scale(a: f64, x: &[f64]) -> Result<Vec<f64>, JsValue> {
    vector("multiply", &[Arg::Number(a), Arg::Vector(x)])
}

/// Compensated (Neumaier) sum: `sum([1e16, 1, -1e16]) === 1`.
#[wasm_bindgen]
pub fn sum(x: &[f64]) -> Result<f64, JsValue> {
    number("sum", &[Arg::Vector(x)])
}

/// Arithmetic mean; `NaN` for an empty array.
#[wasm_bindgen]
pub fn mean(x: &[f64]) -> Result<f64, JsValue> {
    number("mean", &[Arg::Vector(x)])
}

/// Inner product of two arrays of equal length. Throws an `Error` named "ValueError" when the
/// lengths differ.
#[wasm_bindgen]
pub fn dot(x: &[f64], y: &[f64]) -> Result<f64, JsValue> {
    number("dot", &[Arg::Vector(x), Arg::Vector(y)])
}

/// The crate version (the Python package's `__version__`).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// What was compiled in, as a plain object: lets a host (or a test) check that the `.wasm` it
/// loaded is the build it expects, e.g. that SIMD is on.
#[derive(Serialize)]
struct BuildInfo {
    version: &'static str,
    simd128: bool,
}

/// `{version, simd128}` of this build.
#[wasm_bindgen(js_name = buildInfo)]
pub fn build_info() -> Result<JsValue, serde_wasm_bindgen::Error> {
    serde_wasm_bindgen::to_value(&BuildInfo {
        version: env!("CARGO_PKG_VERSION"),
        simd128: cfg!(target_feature = "simd128"),
    })
}
