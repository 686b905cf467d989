//! Scratch-region kernels of the sorting family: `sort argsort searchsorted unique topk`, each
//! calling the fastmath-core kernel `fastmath-py` calls.
//!
//! Conventions of [`crate::scratch_linalg`]. Index results are int64: they are written into
//! the (f64) region as the bit patterns of `i64`s, so the host copies them with the same
//! `Float64Array` view into an `array.array("q")` / int64 numpy array, byte for byte. Kernels
//! that allocate may grow the memory: the host re-makes its views after every call.

use fastmath_core::search::{self, Side};
use fastmath_core::sort;
use wasm_bindgen::prelude::*;

use crate::errors::kernel_error as fail;
use crate::scratch::{span, with_io};

/// Copies `i64` results into region slots, bit for bit.
fn store_indices(indices: &[i64], out: &mut [f64]) {
    for (o, &i) in out.iter_mut().zip(indices) {
        *o = f64::from_bits(i as u64);
    }
}

fn side(right: bool) -> Side {
    if right { Side::Right } else { Side::Left }
}

/// `scratch[out..out+len] = sort(scratch[x..x+len])`.
#[wasm_bindgen]
pub fn sort_at(x: usize, len: usize, out: usize) -> Result<(), js_sys::Error> {
    with_io([span(x, len)], span(out, len), |[x], out| {
        sort::sort_into(x, out).map_err(|e| fail("sort", e))
    })
}

/// `scratch[out..out+len] = argsort(scratch[x..x+len])` as int64 bit patterns.
#[wasm_bindgen]
pub fn argsort_at(x: usize, len: usize, out: usize) -> Result<(), js_sys::Error> {
    with_io([span(x, len)], span(out, len), |[x], out| {
        let mut indices = vec![0i64; len];
        sort::argsort_into(x, &mut indices).map_err(|e| fail("argsort", e))?;
        store_indices(&indices, out);
        Ok(())
    })
}

/// The distinct values of `scratch[x..x+len]`, sorted, at `out`; returns how many.
#[wasm_bindgen]
pub fn unique_at(x: usize, len: usize, out: usize) -> usize {
    with_io([span(x, len)], span(out, len), |[x], out| {
        out.copy_from_slice(x);
        sort::unique_in_place(out)
    })
}

/// The indices of the `k` largest of `scratch[x..x+len]`, largest first, at `out` (int64 bit
/// patterns); the core refuses `k > len`.
#[wasm_bindgen]
pub fn topk_at(x: usize, len: usize, k: usize, out: usize) -> Result<(), js_sys::Error> {
    with_io([span(x, len)], span(out, k), |[x], out| {
        let mut indices = vec![0i64; k];
        sort::topk_into(x, &mut indices).map_err(|e| fail("topk", e))?;
        store_indices(&indices, out);
        Ok(())
    })
}

/// The core's check of `topk`'s `k` (any i64, sent as two 32-bit halves so that the message
/// quotes it exactly) against the length `len`. The host calls it only for a `k` it knows is
/// out of range, to raise the native backend's error.
#[wasm_bindgen]
pub fn topk_check(k_hi: i32, k_lo: u32, len: usize) -> Result<(), js_sys::Error> {
    let k = (i64::from(k_hi) << 32) | i64::from(k_lo);
    sort::check_topk(k, len)
        .map(drop)
        .map_err(|e| fail("topk", e))
}

/// `searchsorted`'s `side`, checked by the core: the host calls it only for a value other
/// than "left" or "right", to raise the native backend's error.
#[wasm_bindgen]
pub fn searchsorted_side(side: &str) -> Result<(), js_sys::Error> {
    Side::parse(side)
        .map(drop)
        .map_err(|e| fail("searchsorted", e))
}

/// Insertion points of the probes `scratch[v..v+v_len]` into the sorted
/// `scratch[a..a+len]`, at `out` (int64 bit patterns).
#[wasm_bindgen]
pub fn searchsorted_at(
    a: usize,
    len: usize,
    v: usize,
    v_len: usize,
    right: bool,
    out: usize,
) -> Result<(), js_sys::Error> {
    with_io(
        [span(a, len), span(v, v_len)],
        span(out, v_len),
        |[a, v], out| {
            let mut indices = vec![0i64; v_len];
            search::searchsorted_into(a, v, side(right), &mut indices)
                .map_err(|e| fail("searchsorted", e))?;
            store_indices(&indices, out);
            Ok(())
        },
    )
}

/// The insertion point of one number `v` into the sorted `scratch[a..a+len]`.
#[wasm_bindgen]
pub fn searchsorted_one(a: usize, len: usize, v: f64, right: bool) -> Result<f64, js_sys::Error> {
    with_io([span(a, len)], span(a + len, 0), |[a], _| {
        let mut index = [0i64];
        search::searchsorted_into(a, &[v], side(right), &mut index)
            .map_err(|e| fail("searchsorted", e))?;
        Ok(index[0] as f64)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scratch::test_support::fill;
    use crate::scratch::{scratch_f64, with_region};

    fn indices(range: std::ops::Range<usize>) -> Vec<i64> {
        with_region(|s| s[range].iter().map(|v| v.to_bits() as i64).collect())
    }

    #[test]
    fn index_results_are_i64_bit_patterns() {
        scratch_f64(32);
        fill(&[3.0, 1.0, 2.0, 1.0]);
        argsort_at(0, 4, 4).unwrap();
        assert_eq!(indices(4..8), [1, 3, 2, 0]);
        topk_at(0, 4, 2, 8).unwrap();
        assert_eq!(indices(8..10), [0, 2]);
        fill(&[1.0, 2.0, 2.0, 3.0, 2.0, 5.0]);
        searchsorted_at(0, 4, 4, 2, true, 6).unwrap();
        assert_eq!(indices(6..8), [3, 4]);
        assert_eq!(searchsorted_one(0, 4, 2.0, false).unwrap(), 1.0);
    }

    #[test]
    fn sort_and_unique() {
        scratch_f64(32);
        fill(&[3.0, f64::NAN, 1.0, 3.0]);
        sort_at(0, 4, 4).unwrap();
        assert_eq!(unique_at(0, 4, 8), 3);
        with_region(|s| {
            assert_eq!(&s[4..7], &[1.0, 3.0, 3.0]);
            assert!(s[7].is_nan());
            assert_eq!(&s[8..10], &[1.0, 3.0]);
            assert!(s[10].is_nan());
        });
    }
}
