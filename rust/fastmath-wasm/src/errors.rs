//! The one error conversion of this binding: a [`Failure`] becomes a JavaScript `Error` whose
//! `name` is the Python exception class to raise and whose message is fastmath-api's, unchanged.
//!
//! `JsError` would always be named "Error" and force the host to parse messages. The universal
//! backend's runtime (`fastmath/_wasm/runtime.js`) maps these names onto Python classes; a
//! plain JavaScript caller can switch on `err.name`.

use fastmath_api::ApiError;
use wasm_bindgen::JsValue;

/// Why a call did not return.
#[derive(Debug, PartialEq)]
pub enum Failure {
    /// fastmath-api refused the arguments (or could not allocate the result).
    Api(ApiError),
    /// A malformed request from the host: a bug of the runtime, not of the caller's arguments.
    Internal(String),
}

impl From<ApiError> for Failure {
    fn from(err: ApiError) -> Self {
        Failure::Api(err)
    }
}

/// A malformed request from the host.
pub fn internal(what: impl Into<String>) -> Failure {
    Failure::Internal(what.into())
}

impl From<Failure> for JsValue {
    /// Refusals are named after their Python class. A malformed request is named
    /// "InternalError", which the runtime treats like a trap (it re-instantiates the module and
    /// raises RuntimeError), so it is never mistaken for a refusal of the arguments.
    fn from(failure: Failure) -> JsValue {
        match failure {
            Failure::Api(err) => named(err.class.name(), &err.message),
            Failure::Internal(what) => named(
                "InternalError",
                &format!("malformed call from the host: {what}"),
            ),
        }
    }
}

fn named(name: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name(name);
    error.into()
}
