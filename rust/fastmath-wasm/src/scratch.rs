//! The scratch region: how the Python loader moves data with one copy each way.
//!
//! One `Vec<f64>` owned by this module, grown on demand and never shrunk. The host calls
//! [`scratch_f64`] for room for all operands and results of a call, writes the inputs through a
//! `Float64Array` view of the module's memory, calls a kernel with *element offsets* into the
//! region, and reads the results through the view.
//!
//! Offsets instead of raw pointers keep every access bounds-checked safe Rust: a wrong offset
//! is a loader bug and panics (the host then re-instantiates), it can never touch other memory.
//! Memory only grows inside [`scratch_f64`] (and when an error message is allocated), so the
//! host re-makes its views after those two events only.
//!
//! Large inputs stream: the host copies one chunk of each operand at a time to the start of the
//! region and calls the same `*_at` kernel per chunk (elementwise), or the `*_stream_*` exports
//! of a reduction (see "Streaming" below); the region then stays a few chunks long.
//!
//! Adding a kernel is mechanical: a `*_at` function below taking `(offset, len)` per operand.

use std::cell::RefCell;
use std::ops::Range;

use fastmath_core::reduce::{DotAcc, SumAcc};
use fastmath_core::{elementwise, reduce};
use wasm_bindgen::prelude::*;

use crate::errors::{check_same_length, kernel_error};

thread_local! {
    static SCRATCH: RefCell<Vec<f64>> = const { RefCell::new(Vec::new()) };
    /// The reductions in progress of the streaming path (see "Streaming" below).
    static SUM_STREAM: RefCell<SumAcc> = RefCell::new(SumAcc::new());
    static DOT_STREAM: RefCell<DotAcc> = RefCell::new(DotAcc::new());
}

/// Grows the scratch region to at least `len` f64s and returns its byte address in the
/// module's memory, or 0 when the memory cannot grow that far (the host raises MemoryError).
/// Contents are not preserved across growth: the host writes inputs after this call.
#[wasm_bindgen]
pub fn scratch_f64(len: usize) -> usize {
    SCRATCH.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() < len {
            // Drop the old contents first so growth never needs old + new at once.
            s.clear();
            s.shrink_to_fit();
            if s.try_reserve_exact(len).is_err() {
                return 0;
            }
            s.resize(len, 0.0);
        }
        s.as_ptr() as usize
    })
}

/// Current length of the scratch region in f64s.
#[wasm_bindgen]
pub fn scratch_len() -> usize {
    SCRATCH.with(|s| s.borrow().len())
}

/// `start..start + len` of the region, panicking on overflow (a loader bug).
pub(crate) fn span(start: usize, len: usize) -> Range<usize> {
    start..start.checked_add(len).expect("scratch span overflows")
}

/// Runs `f` on the inputs `inputs` (read-only) and the output `output` of the region. Every
/// input must end before the output starts (the host lays out inputs first, then results).
pub(crate) fn with_io<const N: usize, R>(
    inputs: [Range<usize>; N],
    output: Range<usize>,
    f: impl FnOnce([&[f64]; N], &mut [f64]) -> R,
) -> R {
    with_region(|s| {
        assert!(
            inputs.iter().all(|r| r.end <= output.start),
            "scratch output overlaps input"
        );
        let (head, tail) = s.split_at_mut(output.start);
        let head: &[f64] = head;
        f(
            inputs.map(|r| &head[r]),
            &mut tail[..output.end - output.start],
        )
    })
}

/// Runs `f` on the read-only inputs `inputs` of the region (they may overlap).
fn with_in<const N: usize, R>(inputs: [Range<usize>; N], f: impl FnOnce([&[f64]; N]) -> R) -> R {
    SCRATCH.with(|s| {
        let s = s.borrow();
        f(inputs.map(|r| &s[r]))
    })
}

/// The whole scratch region, for the kernels of sibling modules (`scratch_math`, ...), which
/// split it into their operands themselves (bounds-checked, as here).
pub(crate) fn with_region<R>(f: impl FnOnce(&mut [f64]) -> R) -> R {
    SCRATCH.with(|s| f(&mut s.borrow_mut()))
}

/// `scratch[out..out+len] = scratch[x..x+len]²`.
#[wasm_bindgen]
pub fn square_at(x: usize, len: usize, out: usize) -> Result<(), js_sys::Error> {
    with_io([span(x, len)], span(out, len), |[x], out| {
        elementwise::square_into(x, out).map_err(|e| kernel_error("square", e))
    })
}

/// `scratch[out..out+len] = a * scratch[x..x+len]`: `dot` of a number and a vector.
#[wasm_bindgen]
pub fn scale_at(a: f64, x: usize, len: usize, out: usize) -> Result<(), js_sys::Error> {
    with_io([span(x, len)], span(out, len), |[x], out| {
        elementwise::scale_into(a, x, out).map_err(|e| kernel_error("dot", e))
    })
}

/// Defines, per unary elementwise kernel of fastmath-core, `<name>_at(x, len, out)` over the
/// scratch region and `<name>_one(x)` for a single number (so that scalars get exactly the
/// kernel's result, e.g. `sqrt(-1)` is NaN where Python's `math.sqrt` raises). The Python
/// loader binds every `*_at`/`*_one` export by name: adding a kernel here is all it takes on
/// this side.
macro_rules! unary_kernels {
    ($($name:ident, $at:ident, $one:ident, $into:ident;)*) => {$(
        #[doc = concat!("`scratch[out..out+len] = ", stringify!($name), "(scratch[x..x+len])`.")]
        #[wasm_bindgen]
        pub fn $at(x: usize, len: usize, out: usize) -> Result<(), js_sys::Error> {
            with_io([span(x, len)], span(out, len), |[x], out| {
                elementwise::$into(x, out).map_err(|e| kernel_error(stringify!($name), e))
            })
        }

        #[doc = concat!("`", stringify!($name), "` of one number.")]
        #[wasm_bindgen]
        pub fn $one(x: f64) -> f64 {
            elementwise::$name(x)
        }
    )*};
}

unary_kernels! {
    sqrt, sqrt_at, sqrt_one, sqrt_into;
    exp, exp_at, exp_one, exp_into;
    log, log_at, log_one, log_into;
    log1p, log1p_at, log1p_one, log1p_into;
    expm1, expm1_at, expm1_one, expm1_into;
    sin, sin_at, sin_one, sin_into;
    cos, cos_at, cos_one, cos_into;
    tan, tan_at, tan_one, tan_into;
    tanh, tanh_at, tanh_one, tanh_into;
    abs, abs_at, abs_one, abs_into;
    sigmoid, sigmoid_at, sigmoid_one, sigmoid_into;
    relu, relu_at, relu_one, relu_into;
}

/// Compensated sum of `scratch[x..x+len]`.
#[wasm_bindgen]
pub fn sum_at(x: usize, len: usize) -> f64 {
    with_in([span(x, len)], |[x]| reduce::sum(x))
}

/// Mean of `scratch[x..x+len]` (NaN when empty).
#[wasm_bindgen]
pub fn mean_at(x: usize, len: usize) -> f64 {
    with_in([span(x, len)], |[x]| reduce::mean(x))
}

/// Inner product of `scratch[x..x+x_len]` and `scratch[y..y+y_len]`; a "ValueError" when the
/// lengths differ (the check lives here, not in Python, so both faces word it identically).
#[wasm_bindgen]
pub fn dot_at(x: usize, x_len: usize, y: usize, y_len: usize) -> Result<f64, js_sys::Error> {
    check_same_length("dot", x_len, y_len)?;
    with_in([span(x, x_len), span(y, y_len)], |[x, y]| {
        reduce::dot(x, y).map_err(|e| kernel_error("dot", e))
    })
}

// --- Streaming ----------------------------------------------------------------------------
//
// Large inputs are not copied whole into the region: the host copies one chunk of each operand
// at a time (a few dozen KB, so the kernel reads it from cache right after the copy) and calls
// the `*_at` kernel on that chunk. Elementwise kernels need nothing more; a reduction carries
// its lane accumulators from chunk to chunk in fastmath-core's `SumAcc`/`DotAcc`, so the result
// is the one-shot kernel's, bit for bit, wherever the chunks are cut.
//
// `*_stream_begin` resets, `*_stream_push` adds a chunk of the region, `*_stream_end` returns the
// result. One stream of each kind at a time (the host runs a whole stream in one JS call).

/// Starts a streamed `sum`/`mean`.
#[wasm_bindgen]
pub fn sum_stream_begin() {
    SUM_STREAM.with(|acc| *acc.borrow_mut() = SumAcc::new());
}

/// Adds `scratch[x..x+len]` to the streamed `sum`/`mean`.
#[wasm_bindgen]
pub fn sum_stream_push(x: usize, len: usize) {
    with_in([span(x, len)], |[x]| {
        SUM_STREAM.with(|acc| acc.borrow_mut().push(x));
    });
}

/// The streamed `sum`: `reduce::sum` of everything pushed since `sum_stream_begin`.
#[wasm_bindgen]
pub fn sum_stream_end() -> f64 {
    SUM_STREAM.with(|acc| acc.borrow().sum())
}

/// The streamed `mean`: `reduce::mean` of everything pushed since `sum_stream_begin`.
#[wasm_bindgen]
pub fn mean_stream_end() -> f64 {
    SUM_STREAM.with(|acc| acc.borrow().mean())
}

/// Starts a streamed `dot`.
#[wasm_bindgen]
pub fn dot_stream_begin() {
    DOT_STREAM.with(|acc| *acc.borrow_mut() = DotAcc::new());
}

/// Adds the chunks `scratch[x..x+len]` and `scratch[y..y+len]` to the streamed `dot`.
#[wasm_bindgen]
pub fn dot_stream_push(x: usize, y: usize, len: usize) -> Result<(), js_sys::Error> {
    with_in([span(x, len), span(y, len)], |[x, y]| {
        DOT_STREAM.with(|acc| {
            acc.borrow_mut()
                .push(x, y)
                .map_err(|e| kernel_error("dot", e))
        })
    })
}

/// The streamed `dot`: `reduce::dot` of everything pushed since `dot_stream_begin`.
#[wasm_bindgen]
pub fn dot_stream_end() -> f64 {
    DOT_STREAM.with(|acc| acc.borrow().dot())
}

/// Host-test helpers for every kernel module: put operands into the region, read results.
#[cfg(test)]
pub(crate) mod test_support {
    use super::{Range, with_region};

    pub(crate) fn fill(values: &[f64]) {
        with_region(|s| s[..values.len()].copy_from_slice(values));
    }

    pub(crate) fn read(range: Range<usize>) -> Vec<f64> {
        with_region(|s| s[range].to_vec())
    }
}

#[cfg(test)]
mod tests {
    //! Host tests of the pure-Rust parts (the error paths build JS objects: tested in
    //! tests/wasm under node instead).
    use super::test_support::fill;
    use super::*;

    #[test]
    fn grows_and_never_shrinks() {
        assert_ne!(scratch_f64(8), 0);
        assert_eq!(scratch_len(), 8);
        assert_ne!(scratch_f64(2), 0);
        assert_eq!(scratch_len(), 8);
    }

    #[test]
    fn kernels_read_offsets_relative_to_the_region() {
        scratch_f64(8);
        fill(&[9.0, 1.0, 2.0, 3.0, 4.0]);
        assert_eq!(sum_at(1, 4), 10.0);
        assert_eq!(mean_at(1, 4), 2.5);
        assert_eq!(sum_at(0, 0), 0.0);
        assert!(mean_at(3, 0).is_nan());
    }

    #[test]
    fn elementwise_writes_after_its_input() {
        scratch_f64(8);
        fill(&[1.0, -2.0, 3.0]);
        square_at(0, 3, 3).unwrap();
        scale_at(0.5, 0, 2, 6).unwrap();
        SCRATCH.with(|s| assert_eq!(&s.borrow()[3..8], &[1.0, 4.0, 9.0, 0.5, -1.0]));
    }

    #[test]
    fn streams_equal_the_one_shot_kernels() {
        let values: Vec<f64> = (0..1000)
            .map(|i| (f64::from(i) * 0.37).sin() * 1e3)
            .collect();
        let others: Vec<f64> = values.iter().map(|v| v.cos()).collect();
        scratch_f64(4000);
        fill(&values);
        with_region(|s| s[1000..2000].copy_from_slice(&others));
        let (sum, mean) = (sum_at(0, 1000), mean_at(0, 1000));
        let dot = dot_at(0, 1000, 1000, 1000).unwrap();
        for chunk in [1, 3, 8, 64, 333, 1000] {
            // Each chunk copied to the region's start (x) and after it (y), as the host does.
            sum_stream_begin();
            dot_stream_begin();
            for (px, py) in values.chunks(chunk).zip(others.chunks(chunk)) {
                with_region(|s| {
                    s[2000..2000 + px.len()].copy_from_slice(px);
                    s[3000..3000 + py.len()].copy_from_slice(py);
                });
                sum_stream_push(2000, px.len());
                dot_stream_push(2000, 3000, px.len()).unwrap();
            }
            assert_eq!(sum_stream_end().to_bits(), sum.to_bits(), "chunk {chunk}");
            assert_eq!(mean_stream_end().to_bits(), mean.to_bits(), "chunk {chunk}");
            assert_eq!(dot_stream_end().to_bits(), dot.to_bits(), "chunk {chunk}");
        }
        sum_stream_begin();
        assert_eq!(sum_stream_end(), 0.0);
        assert!(mean_stream_end().is_nan());
    }

    #[test]
    #[should_panic(expected = "out of range")]
    fn out_of_range_is_a_panic_not_a_stray_read() {
        scratch_f64(4);
        sum_at(2, 10);
    }

    #[test]
    #[should_panic(expected = "overlaps")]
    fn overlapping_output_is_refused() {
        scratch_f64(4);
        let _ = square_at(0, 2, 1);
    }
}
