//! The same entry points for a host that runs this `.wasm` without JavaScript: wasmtime from
//! desktop CPython (`fastmath/_wasm/_wasmtime.py`). Numbers in, numbers out.
//!
//! wasm-bindgen's own exports return `Result<_, JsValue>` and take `String`s, which only its
//! JavaScript glue can marshal (errors are JS objects made through imported constructors). These
//! exports take and return plain integers and floats, so wasm-bindgen exports them as the bare
//! functions they are and they call no import: a host that fills every import with a trap can run
//! them. They wrap exactly the functions the JavaScript path calls ([`crate::call`],
//! [`crate::region`], [`crate::number`]), so both hosts get the same results and the same words.
//!
//! The threaded module (this crate built for `wasm32-wasip1-threads`, [`crate::threads`]) exports
//! these same functions under the same names ([`export`]).
//!
//! Text crosses through module memory: the host writes a call's string pieces into the scratch
//! region, after everything else, and passes their offset and length; text coming back (a
//! refusal, the function table, a panic message) is put in one buffer whose address
//! [`host_text`] gives, and the export returns its length ([`host_text_length`] after a failure). A failure is 0 (an address or a status)
//! with `"<Python class>\n<message>"` in that buffer, the string runtime.js makes of a JS error.

use std::cell::RefCell;

use fastmath_api::functions;
#[cfg(not(target_os = "wasi"))]
use wasm_bindgen::prelude::*;

use crate::call::{self, stream_kinds};
use crate::errors::{Failure, internal};
use crate::panic;
use crate::region::{self, with_scratch};

/// Exports a function under `name`: through wasm-bindgen in the universal module; in the
/// threaded module, which has no wasm-bindgen (its macro exports nothing on a wasi target), as
/// the bare symbol of that name.
macro_rules! export {
    ($name:ident: $item:item) => {
        #[cfg_attr(not(target_os = "wasi"), wasm_bindgen(skip_typescript, js_name = $name))]
        #[cfg_attr(target_os = "wasi", allow(unsafe_code), unsafe(export_name = stringify!($name)))]
        $item
    };
}
pub(crate) use export;

thread_local! {
    static TEXT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Puts `text` in the text buffer; returns its length in bytes.
fn put(text: &str) -> usize {
    TEXT.with(|t| {
        let mut t = t.borrow_mut();
        t.clear();
        t.extend_from_slice(text.as_bytes());
        t.len()
    })
}

/// The address of an export's answer, or 0 with the failure's words in the text buffer.
fn answer(result: Result<usize, Failure>) -> usize {
    result.unwrap_or_else(|failure| {
        let (name, message) = failure.named();
        put(&format!("{name}\n{message}"));
        0
    })
}

/// The text at byte offset `at` of the scratch region, `len` bytes long.
fn text_at(at: usize, len: usize) -> Result<String, Failure> {
    with_scratch(|_, bytes| {
        let text = at
            .checked_add(len)
            .and_then(|end| bytes.get(at..end))
            .ok_or_else(|| internal("text outside the scratch region"))?;
        String::from_utf8(text.to_vec()).map_err(|_| internal("text is not UTF-8"))
    })
}

export! { hostText:
    /// The byte address of the text buffer (valid until the next export that writes text).
    pub fn host_text() -> usize {
        TEXT.with(|t| t.borrow().as_ptr() as usize)
    }
}

export! { hostTextLength:
    /// The length in bytes of the text buffer's contents (after a failure: its words).
    pub fn host_text_length() -> usize {
        TEXT.with(|t| t.borrow().len())
    }
}

export! { hostStart:
    /// Makes a fresh instance ready: the panic hook (which keeps the message for
    /// [`host_last_panic`]) without console logging, which has no console to go to here.
    pub fn host_start() {
        panic::start();
        panic::set_panic_logging(false);
    }
}

export! { hostScratch:
    /// [`crate::region::scratch`]: the scratch region's address, or 0 (a MemoryError).
    pub fn host_scratch(bytes: usize, index: u32) -> usize {
        answer(region::scratch_for(bytes, index))
    }
}

export! { hostCall:
    /// [`crate::call::call`], its string pieces at `text..text + len` of the scratch region.
    pub fn host_call(index: u32, text: usize, len: usize) -> usize {
        answer(text_at(text, len).and_then(|text| call::run(index, &text)))
    }
}

export! { hostCallArrays:
    /// [`crate::call::call_arrays`].
    pub fn host_call_arrays(
        index: u32,
        count: u32,
        first: usize,
        n: usize,
        second: usize,
        m: usize,
        numpy: bool,
    ) -> usize {
        answer(call::run_arrays(
            index,
            count,
            [(first, n), (second, m)],
            numpy,
        ))
    }
}

export! { hostFoldStart:
    /// [`crate::call::fold_start`]: 1, or 0 on failure.
    pub fn host_fold_start(index: u32, text: usize, len: usize) -> usize {
        answer(text_at(text, len).and_then(|text| call::start(index, &text).map(|()| 1)))
    }
}

export! { hostFoldPush:
    /// [`crate::call::fold_push`]: 1, or 0 on failure.
    pub fn host_fold_push(len: usize) -> usize {
        answer(call::push(len).map(|()| 1))
    }
}

export! { hostFoldFinish:
    /// [`crate::call::fold_finish`].
    pub fn host_fold_finish() -> usize {
        answer(call::finish())
    }
}

export! { hostTable:
    /// The table as runtime.js's `table()` gives it, in the text buffer: "name,...;kind,...;code,...".
    pub fn host_table() -> usize {
        let names: Vec<&str> = functions().iter().map(|f| f.name).collect();
        let join = |codes: Vec<u8>| {
            let codes: Vec<String> = codes.iter().map(u8::to_string).collect();
            codes.join(",")
        };
        put(&format!(
            "{};{};{}",
            names.join(","),
            join(stream_kinds()),
            join(call::list_dtypes())
        ))
    }
}

export! { hostResultTooLarge:
    /// [`crate::call::result_too_large`] in the text buffer, for a shape of `ndim` float64 words
    /// at the start of the scratch region.
    pub fn host_result_too_large(index: u32, dtype: u8, ndim: usize) -> usize {
        let shape = with_scratch(|words, _| {
            let dims = words.get(..ndim).unwrap_or(&[]);
            dims.iter().map(|&w| f64::from_bits(w)).collect()
        });
        put(&call::result_too_large(index, dtype, shape))
    }
}

export! { hostLastPanic:
    /// The last panic's message in the text buffer (its length; 0 when there was none).
    pub fn host_last_panic() -> usize {
        put(&panic::last_panic_message().unwrap_or_default())
    }
}

export! { hostPanicForTests:
    /// [`crate::panic::panic_for_tests`], its message at `text..text + len` of the scratch region.
    pub fn host_panic_for_tests(text: usize, len: usize) -> usize {
        answer(text_at(text, len).map(|message| {
            panic::panic_for_tests(&message);
            0
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region::set_scratch;

    fn text() -> String {
        TEXT.with(|t| String::from_utf8(t.borrow().clone()).unwrap_or_default())
    }

    #[test]
    fn failures_are_zero_with_the_class_and_message_in_the_text_buffer() {
        set_scratch(&[0; 4]);
        assert_eq!(host_call(u32::MAX, 0, 0), 0);
        assert!(text().starts_with("InternalError\nmalformed call from the host"));
        // Text beyond the region is refused, not read.
        assert_eq!(host_call(0, 24, 16), 0);
        assert!(text().contains("text outside the scratch region"));
    }

    #[test]
    fn the_table_is_what_runtime_js_reads() {
        let len = host_table();
        let table = text();
        assert_eq!(len, table.len());
        let parts: Vec<&str> = table.split(';').collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0].split(',').count(), functions().len());
        assert_eq!(parts[1].split(',').count(), functions().len());
        assert_eq!(parts[2].split(',').count(), 32);
    }
}
