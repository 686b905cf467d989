//! The generic entry point: one export runs any function of fastmath-api's table, by its index
//! (the order of `fastmath_api::functions()`, which is `fastmath._api.FUNCTIONS`).
//!
//! A call reads the argument header and the argument bytes the runtime put into the scratch
//! region ([`crate::header`], [`crate::region`]), binds them with `Function::call` (which words
//! every refusal), lets the function allocate its results in the arena, and writes the result
//! words, whose address it returns. Nothing here knows any function: adding one to the table
//! adds it to the universal backend.
//!
//! Streaming (large inputs, chunk by chunk from one JavaScript loop): a function whose table
//! entry says `Stream::Map` is simply called once per chunk; one that says `Stream::Fold` is
//! started once ([`fold_start`]), fed every chunk ([`fold_push`]) and finished
//! ([`fold_finish`]), with the same result, bit for bit, as one call on everything.

use std::cell::RefCell;

use fastmath_api::{
    Args, ArrayRef, ByteOrder, DType, Fold, Function, Ret, Stream, Value, functions,
};
use wasm_bindgen::prelude::*;

use crate::errors::{Failure, internal};
use crate::header::{self, Request, with_request};
use crate::region::{ArenaOutputs, with_arena, with_scratch};

thread_local! {
    /// The result words of the last call (read by the runtime right after it).
    static RESULT: RefCell<Vec<f64>> = const { RefCell::new(Vec::new()) };
    /// The streamed reduction in progress: its state and where its chunks lie in the region.
    static FOLD: RefCell<Option<Folding>> = const { RefCell::new(None) };
}

struct Folding {
    function: &'static Function,
    fold: Box<dyn Fold>,
    /// Byte offsets in the scratch region of each array argument's chunk, in parameter order.
    chunks: Vec<usize>,
}

fn function(index: u32) -> Result<&'static Function, Failure> {
    functions()
        .get(index as usize)
        .copied()
        .ok_or_else(|| internal(format!("no function {index}")))
}

/// Runs function `index` on the arguments in the scratch region; returns the byte address of
/// the result words (see [`crate::header`]). `text` holds the header's string pieces.
#[wasm_bindgen(skip_typescript)]
pub fn call(index: u32, text: Option<String>) -> Result<usize, JsValue> {
    Ok(run(index, text.as_deref().unwrap_or(""))?)
}

pub(crate) fn run(index: u32, text: &str) -> Result<usize, Failure> {
    let function = function(index)?;
    let ret = with_scratch(|words, bytes| {
        with_request(|request| {
            request.parse(words)?;
            let pieces = request.pieces(text)?;
            let (positional, keywords) = request.values(bytes, &pieces)?;
            with_arena(|arena| {
                arena.reset();
                let mut out = ArenaOutputs {
                    arena,
                    numpy: request.numpy,
                };
                Ok::<_, Failure>(function.call(
                    positional.into_iter(),
                    keywords.into_iter(),
                    &mut out,
                )?)
            })
        })
    })?;
    result_address(&ret)
}

/// [`call`] for the runtime's lane of `count` (1 or 2) C-contiguous 1-D float64 arrays of `n`
/// and `m` elements, which it copied to byte offsets `first` and `second` of the scratch region
/// (no header: these are the values the header would describe, read as [`Request::values`]
/// reads them). Returns the byte address of the result words.
#[wasm_bindgen(skip_typescript, js_name = callArrays)]
pub fn call_arrays(
    index: u32,
    count: u32,
    first: usize,
    n: usize,
    second: usize,
    m: usize,
    numpy: bool,
) -> Result<usize, JsValue> {
    Ok(run_arrays(index, count, [(first, n), (second, m)], numpy)?)
}

pub(crate) fn run_arrays(
    index: u32,
    count: u32,
    arrays: [(usize, usize); 2],
    numpy: bool,
) -> Result<usize, Failure> {
    let function = function(index)?;
    let shapes = [[arrays[0].1], [arrays[1].1]];
    let ret = with_scratch(|_, bytes| {
        let mut values = Vec::with_capacity(2);
        for ((at, n), shape) in arrays.iter().zip(&shapes).take(count as usize) {
            let data = n
                .checked_mul(8)
                .and_then(|span| at.checked_add(span))
                .and_then(|end| bytes.get(*at..end))
                .ok_or_else(|| internal("array outside the scratch region"))?;
            values.push(
                match ArrayRef::new(DType::F64, ByteOrder::Native, shape, None, data, 0) {
                    Ok(a) => Value::Array(a),
                    Err(err) => Value::Invalid(err),
                },
            );
        }
        with_arena(|arena| {
            arena.reset();
            let mut out = ArenaOutputs { arena, numpy };
            let keywords = std::iter::empty::<(&str, Value<'_>)>();
            Ok::<_, Failure>(function.call(values.into_iter(), keywords, &mut out)?)
        })
    })?;
    result_address(&ret)
}

fn result_address(ret: &Ret) -> Result<usize, Failure> {
    with_arena(|arena| {
        RESULT.with(|words| {
            let mut words = words.borrow_mut();
            header::write_result(ret, arena, &mut words)?;
            Ok(words.as_ptr() as usize)
        })
    })
}

/// Starts a streamed reduction of function `index` (a `Stream::Fold` entry) with the call's
/// arguments, whose arrays hold the first chunk. Nothing is added yet: [`fold_push`] adds each
/// chunk, the first included.
#[wasm_bindgen(skip_typescript)]
pub fn fold_start(index: u32, text: Option<String>) -> Result<(), JsValue> {
    Ok(start(index, text.as_deref().unwrap_or(""))?)
}

pub(crate) fn start(index: u32, text: &str) -> Result<(), Failure> {
    let function = function(index)?;
    let Stream::Fold(begin) = function.stream else {
        return Err(internal(format!("{} does not fold", function.name)));
    };
    let folding = with_scratch(|words, bytes| {
        let mut request = Request::default();
        request.parse(words)?;
        let pieces = request.pieces(text)?;
        let (positional, keywords) = request.values(bytes, &pieces)?;
        let signature = function.parsed();
        let bound = signature.bind(function.name, positional.into_iter(), keywords.into_iter())?;
        let args = Args::new(function.name, &signature.params, bound);
        let fold = begin(&args).map_err(|e| e.for_function(function.name))?;
        let mut chunks = Vec::new();
        for i in 0..signature.params.len() {
            if let Value::Array(a) = args.value(i) {
                let data = a
                    .as_f64()
                    .ok_or_else(|| internal("streamed chunk not float64"))?;
                let at = (data.as_ptr() as usize)
                    .checked_sub(bytes.as_ptr() as usize)
                    .ok_or_else(|| internal("streamed chunk outside the scratch region"))?;
                chunks.push(at);
            }
        }
        Ok::<_, Failure>(Folding {
            function,
            fold,
            chunks,
        })
    })?;
    FOLD.with(|f| *f.borrow_mut() = Some(folding));
    Ok(())
}

/// Adds the next `len` elements of each array argument (at the places [`fold_start`] found
/// them in the scratch region, where the runtime copies every chunk).
#[wasm_bindgen(skip_typescript)]
pub fn fold_push(len: usize) -> Result<(), JsValue> {
    Ok(push(len)?)
}

pub(crate) fn push(len: usize) -> Result<(), Failure> {
    FOLD.with(|f| {
        let mut f = f.borrow_mut();
        let folding = f.as_mut().ok_or_else(|| internal("no fold in progress"))?;
        with_scratch(|_, bytes| {
            let mut chunks = Vec::with_capacity(folding.chunks.len());
            for &at in &folding.chunks {
                let chunk = len
                    .checked_mul(8)
                    .and_then(|n| at.checked_add(n))
                    .and_then(|end| bytes.get(at..end))
                    .and_then(|b| bytemuck::try_cast_slice::<u8, f64>(b).ok())
                    .ok_or_else(|| internal("chunk outside the scratch region"))?;
                chunks.push(chunk);
            }
            let name = folding.function.name;
            Ok(folding
                .fold
                .push(&chunks)
                .map_err(|e| e.for_function(name))?)
        })
    })
}

/// The streamed reduction's result; returns the byte address of the result words.
#[wasm_bindgen(skip_typescript)]
pub fn fold_finish() -> Result<usize, JsValue> {
    Ok(finish()?)
}

pub(crate) fn finish() -> Result<usize, Failure> {
    let folding = FOLD
        .with(|f| f.borrow_mut().take())
        .ok_or_else(|| internal("no fold in progress"))?;
    let name = folding.function.name;
    let ret = folding.fold.finish().map_err(|e| e.for_function(name))?;
    with_arena(|arena| arena.reset());
    result_address(&ret)
}

/// The names of the functions, in index order: the host checks them against its own list.
#[wasm_bindgen(js_name = functionNames)]
pub fn function_names() -> Vec<String> {
    functions().iter().map(|f| f.name.to_owned()).collect()
}

/// How each function may stream, in index order: 0 whole, 1 map, 2 fold.
#[wasm_bindgen(skip_typescript, js_name = streamKinds)]
pub fn stream_kinds() -> Vec<u8> {
    functions()
        .iter()
        .map(|f| match f.stream {
            Stream::Whole => 0,
            Stream::Map => 1,
            Stream::Fold(_) => 2,
        })
        .collect()
}

/// The dtype code of a list holding the kinds of Python number that each mask from 0 to 31
/// sets (bits in `ListNumber::ALL`'s order: bool, int, int beyond int64, float, complex): the host
/// finds the kinds, fastmath-api's rule gives the dtype, so Python keeps no copy of it.
#[wasm_bindgen(skip_typescript, js_name = listDTypes)]
pub fn list_dtypes() -> Vec<u8> {
    (0..32u8)
        .map(|mask| fastmath_api::value::list_dtype_of_kinds(mask).code())
        .collect()
}

/// The MemoryError message for a result of function `index` that the host could not allocate
/// in its own memory (a dtype code and a shape).
#[wasm_bindgen(skip_typescript, js_name = resultTooLarge)]
pub fn result_too_large(index: u32, dtype: u8, shape: Vec<f64>) -> String {
    let name = functions()
        .get(index as usize)
        .map_or("fastmath", |f| f.name);
    let shape: Vec<usize> = shape.iter().map(|&d| d as usize).collect();
    let dtype = DType::from_code(dtype).unwrap_or(DType::F64);
    fastmath_api::ApiError::result_too_large(dtype, &shape)
        .for_function(name)
        .message
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    use super::*;
    use crate::region::set_scratch;

    fn index(name: &str) -> u32 {
        let at = functions().iter().position(|f| f.name == name);
        u32::try_from(at.unwrap()).unwrap()
    }

    fn result_words() -> Vec<u64> {
        RESULT.with(|w| w.borrow().iter().map(|v| v.to_bits()).collect())
    }

    /// The header `encode` writes for `f(x)` or `f(x, y)` of 1-D float64 arrays, the arrays
    /// after it (as runtime.js's general path lays them out), and their byte offsets.
    fn header_call(arrays: &[&[f64]]) -> (Vec<u64>, Vec<usize>) {
        let count = arrays.len() as f64;
        let mut h = vec![0.0, 0.0, 0.0, 0.0, 0.0, 0.0, count, 0.0, 0.0, count];
        let length = 10 + 12 * arrays.len();
        let mut end = (8 * length).div_ceil(16) * 16;
        let mut offsets = Vec::new();
        for a in arrays {
            let n = a.len() as f64;
            h.extend([
                7.0,
                11.0,
                -1.0,
                8.0,
                1.0,
                0.0,
                0.0,
                8.0 * n,
                0.0,
                end as f64,
                n,
            ]);
            offsets.push(end);
            end = (end + 8 * a.len()).div_ceil(16) * 16;
        }
        for j in 0..arrays.len() {
            h.push((10 + 11 * j) as f64);
        }
        h[0] = h.len() as f64;
        let mut words: Vec<u64> = h.iter().map(|v| v.to_bits()).collect();
        words.resize(end / 8, 0);
        for (a, at) in arrays.iter().zip(&offsets) {
            for (k, v) in a.iter().enumerate() {
                words[at / 8 + k] = v.to_bits();
            }
        }
        (words, offsets)
    }

    #[test]
    fn the_array_lane_reads_what_the_header_describes() {
        let x = [
            0.5,
            -0.0,
            1e300,
            3.25,
            f64::from_bits(0x7FF4_0000_0000_0123),
        ];
        let y = [2.0, 3.0, -1.0, 0.0, 7.5];
        let cases: [(&str, &[&[f64]]); 6] = [
            ("sum", &[&x]),
            ("sort", &[&x[..4]]),
            ("add", &[&x, &y]),
            ("dot", &[&x[..3], &y]),
            ("sum", &[&[]]),
            ("sqrt", &[&y]),
        ];
        for (name, arrays) in cases {
            let (words, at) = header_call(arrays);
            set_scratch(&words);
            let general = run(index(name), "").map(|_| result_words());
            let lengths: Vec<usize> = arrays.iter().map(|a| a.len()).collect();
            let second = (
                at.get(1).copied().unwrap_or(0),
                *lengths.get(1).unwrap_or(&0),
            );
            let lane = run_arrays(
                index(name),
                arrays.len() as u32,
                [(at[0], lengths[0]), second],
                false,
            )
            .map(|_| result_words());
            // The same words, array results at the same arena addresses (the arena is reset by
            // each call; the values there are checked inside Pyodide, tests/wasm).
            assert_eq!(general, lane, "{name}");
        }
        // Out of the region: an internal error, not a read beyond it.
        set_scratch(&[0; 4]);
        assert!(run_arrays(index("sum"), 1, [(0, 5), (0, 0)], false).is_err());
    }
}
