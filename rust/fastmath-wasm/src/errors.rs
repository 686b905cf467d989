//! The one error conversion of this binding: a [`Failure`] becomes a name (the Python exception
//! class to raise) and fastmath-api's message, unchanged; for JavaScript, an `Error` of that
//! name ([`crate::host`] hands the same pair over as text).
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

impl Failure {
    /// The failure's name and message. Refusals are named after their Python class. A
    /// malformed request is named "InternalError", which the runtime treats like a trap (it
    /// re-instantiates the module and raises RuntimeError), so it is never mistaken for a
    /// refusal of the arguments.
    pub fn named(self) -> (&'static str, String) {
        match self {
            Failure::Api(err) => (err.class.name(), err.message),
            Failure::Internal(what) => (
                "InternalError",
                format!("malformed call from the host: {what}"),
            ),
        }
    }
}

impl From<Failure> for JsValue {
    fn from(failure: Failure) -> JsValue {
        let (name, message) = failure.named();
        let error = js_sys::Error::new(&message);
        error.set_name(name);
        error.into()
    }
}
