//! Kernel refusals as JavaScript `Error`s that carry their Python exception class.
//!
//! `JsError` always has the name "Error", which would force the Python side to parse messages
//! to choose an exception class. Instead each error's `name` is the class both backends raise
//! ("ValueError", "LinAlgError", "MemoryError"); the message is exactly the native backend's.

use fastmath_core::{Error, ErrorKind};

/// The error for a kernel's refusal, mapped and worded as `fastmath-py`'s `kernel_error`: the
/// function's name first, once (some core messages already start with it, e.g. matmul's).
pub fn kernel_error(function: &str, err: Error) -> js_sys::Error {
    let class = match err.kind() {
        ErrorKind::InvalidValue => "ValueError",
        ErrorKind::LinAlg => "LinAlgError",
        ErrorKind::OutOfMemory => "MemoryError",
    };
    let detail = err.to_string();
    if detail.starts_with(&format!("{function}:")) {
        named(class, &detail)
    } else {
        named(class, &format!("{function}: {detail}"))
    }
}

/// `ValueError` with a message the binding words itself (to match the native backend's).
pub fn value_error(message: &str) -> js_sys::Error {
    named("ValueError", message)
}

/// The `dot` length check, worded as the native backend words it.
pub fn check_same_length(function: &str, x: usize, y: usize) -> Result<(), js_sys::Error> {
    if x == y {
        Ok(())
    } else {
        Err(value_error(&format!(
            "{function}: x has length {x} but y has length {y}"
        )))
    }
}

fn named(name: &str, message: &str) -> js_sys::Error {
    let error = js_sys::Error::new(message);
    error.set_name(name);
    error
}
