//! The JavaScript-facing API: typed arrays in, numbers or `Float64Array`s out.
//!
//! wasm-bindgen copies each `Float64Array` argument into the module's memory and each `Vec<f64>`
//! result out into a new `Float64Array`: one copy each way, which is what a JS caller expects
//! (no views into memory that a later call may move).

use fastmath_core::{elementwise, reduce};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::errors::{check_same_length, kernel_error};

/// Elementwise square: `x[i] * x[i]`.
#[wasm_bindgen]
pub fn square(x: &[f64]) -> Result<Vec<f64>, js_sys::Error> {
    let mut out = vec![0.0; x.len()];
    elementwise::square_into(x, &mut out).map_err(|e| kernel_error("square", e))?;
    Ok(out)
}

/// `a * x[i]` for every element: `dot` of a number and a vector.
#[wasm_bindgen]
pub fn scale(a: f64, x: &[f64]) -> Result<Vec<f64>, js_sys::Error> {
    let mut out = vec![0.0; x.len()];
    elementwise::scale_into(a, x, &mut out).map_err(|e| kernel_error("dot", e))?;
    Ok(out)
}

/// Compensated (Neumaier) sum: `sum([1e16, 1, -1e16]) === 1`.
#[wasm_bindgen]
pub fn sum(x: &[f64]) -> f64 {
    reduce::sum(x)
}

/// Arithmetic mean; `NaN` for an empty array.
#[wasm_bindgen]
pub fn mean(x: &[f64]) -> f64 {
    reduce::mean(x)
}

/// Inner product of two arrays of equal length. Throws an `Error` named "ValueError" when the
/// lengths differ.
#[wasm_bindgen]
pub fn dot(x: &[f64], y: &[f64]) -> Result<f64, js_sys::Error> {
    check_same_length("dot", x.len(), y.len())?;
    reduce::dot(x, y).map_err(|e| kernel_error("dot", e))
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
