//! Panics: kept for the host, optionally logged.
//!
//! The crate is built with `panic = "abort"` (wasm32-unknown-unknown has no unwinding), so a
//! panic ends in a wasm `unreachable` trap, a JS `RuntimeError`. The trap skips every
//! destructor and leaves the stack pointer where it was, so the instance must not be reused:
//! the host re-instantiates from the compiled `WebAssembly.Module`. Before dropping the old
//! instance it may call [`last_panic_message`] on it to put the Rust message into its exception
//! (one call on a trapped instance is safe: memory is intact, only some stack is lost).

use std::cell::{Cell, RefCell};
use std::panic::PanicHookInfo;

use wasm_bindgen::prelude::*;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
    /// On by default for JavaScript users; the Python loader turns it off because it reports
    /// the message in its own exception (and a test panics 10,000 times).
    static LOG_PANICS: Cell<bool> = const { Cell::new(true) };
}

/// Installs the hook when the module is instantiated (`initSync`/`init` call this).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(hook));
}

fn hook(info: &PanicHookInfo<'_>) {
    let message = info.to_string();
    LAST_PANIC.with(|last| {
        // `try_`: a panic while the slot is borrowed must not panic again inside the hook.
        if let Ok(mut last) = last.try_borrow_mut() {
            *last = Some(message);
        }
    });
    if LOG_PANICS.with(Cell::get) {
        console_error_panic_hook::hook(info);
    }
}

/// Whether panics are also written to `console.error` (default: yes).
#[wasm_bindgen(js_name = setPanicLogging)]
pub fn set_panic_logging(on: bool) {
    LOG_PANICS.with(|log| log.set(on));
}

/// The message of the last panic in this instance, if any.
#[wasm_bindgen(js_name = lastPanicMessage)]
pub fn last_panic_message() -> Option<String> {
    LAST_PANIC.with(|last| last.try_borrow().ok().and_then(|m| m.clone()))
}

/// Panics on purpose: lets tests check that the host recovers from a trap. Not public API.
#[wasm_bindgen(js_name = "_panic_for_tests", skip_typescript)]
#[allow(
    clippy::panic,
    reason = "the one deliberate panic: tests of the host's recovery"
)]
pub fn panic_for_tests(message: &str) {
    panic!("{message}");
}
