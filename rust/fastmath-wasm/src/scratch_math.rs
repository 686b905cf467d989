//! Scratch-region kernels of the elementwise and reduction families: `clip`, the binary
//! operations, `prod var std min max argmin argmax cumsum cumprod norm` and the `axis=` forms of
//! `sum mean var std min max`.
//!
//! Same conventions as [`crate::scratch`]: operands are `(offset, len)` element spans of the
//! region, inputs lie before outputs, every access is bounds-checked (a wrong offset is a loader
//! bug and panics). Every function only calls the fastmath-core kernel the native backend calls;
//! refusals are the core errors, named as `fastmath-py` names them ([`kernel_error`]).
//!
//! Reductions return their value *and* store it at `out`: JavaScript hands an integral number
//! to Python as an `int`, which loses the sign of `-0.0`, so the host re-reads a zero result
//! from memory (every bit kept).

use std::ops::Range;

use fastmath_core::axis::{self, Axis};
use fastmath_core::matrix::MatRef;
use fastmath_core::norm::{self, NormOrd};
use fastmath_core::{Result as CoreResult, binary, cumulative, elementwise, reduce};
use wasm_bindgen::prelude::*;

use crate::errors::kernel_error;
use crate::scratch::{span, with_io, with_region};

/// A reduction of the input `x` to one number, also stored at `out` (after the input).
fn reduce_to(
    function: &str,
    x: Range<usize>,
    out: usize,
    f: impl FnOnce(&[f64]) -> CoreResult<f64>,
) -> Result<f64, js_sys::Error> {
    with_io([x], span(out, 1), |[x], out| {
        let v = f(x).map_err(|e| kernel_error(function, e))?;
        out[0] = v;
        Ok(v)
    })
}

/// The axis argument, sent as two 32-bit halves (a JS number holds every i32/u32 exactly, and
/// Python's axis may be any i64: the core's message quotes it).
fn axis_of(hi: i32, lo: u32) -> i64 {
    (i64::from(hi) << 32) | i64::from(lo)
}

// --- clip ----------------------------------------------------------------------------------

/// `scratch[out..out+len] = clip(scratch[x..x+len], lo, hi)` (numbers first, as every
/// elementwise kernel with a scalar operand).
#[wasm_bindgen]
pub fn clip_at(lo: f64, hi: f64, x: usize, len: usize, out: usize) -> Result<(), js_sys::Error> {
    with_io([span(x, len)], span(out, len), |[x], out| {
        elementwise::clip_into(x, lo, hi, out).map_err(|e| kernel_error("clip", e))
    })
}

/// `clip` of one number.
#[wasm_bindgen]
pub fn clip_one(x: f64, lo: f64, hi: f64) -> f64 {
    elementwise::clip(x, lo, hi)
}

// --- binary operations -----------------------------------------------------------------------

/// Per binary operation: `<op>_at(x, y, len, out)` for two arrays of one length,
/// `<op>_slice_scalar_at(b, x, len, out)` (the number first, as in
/// every elementwise kernel with a scalar operand; `b` is still the right operand), `<op>_scalar_slice_at(a, y, len, out)` and
/// `<op>_one(a, b)`.
macro_rules! binary_kernels {
    ($($name:ident, $at:ident, $vs_at:ident, $sv_at:ident, $one:ident,
       $vv:ident, $vs:ident, $sv:ident;)*) => {$(
        #[doc = concat!("`", stringify!($name), "` of two arrays of one length.")]
        #[wasm_bindgen]
        pub fn $at(x: usize, y: usize, len: usize, out: usize) -> Result<(), js_sys::Error> {
            with_io([span(x, len), span(y, len)], span(out, len), |[x, y], out| {
                binary::$vv(x, y, out).map_err(|e| kernel_error(stringify!($name), e))
            })
        }

        #[doc = concat!("`", stringify!($name), "` of an array and a number.")]
        #[wasm_bindgen]
        pub fn $vs_at(b: f64, x: usize, len: usize, out: usize) -> Result<(), js_sys::Error> {
            with_io([span(x, len)], span(out, len), |[x], out| {
                binary::$vs(x, b, out).map_err(|e| kernel_error(stringify!($name), e))
            })
        }

        #[doc = concat!("`", stringify!($name), "` of a number and an array.")]
        #[wasm_bindgen]
        pub fn $sv_at(a: f64, y: usize, len: usize, out: usize) -> Result<(), js_sys::Error> {
            with_io([span(y, len)], span(out, len), |[y], out| {
                binary::$sv(a, y, out).map_err(|e| kernel_error(stringify!($name), e))
            })
        }

        #[doc = concat!("`", stringify!($name), "` of two numbers.")]
        #[wasm_bindgen]
        pub fn $one(a: f64, b: f64) -> f64 {
            binary::$name(a, b)
        }
    )*};
}

binary_kernels! {
    add, add_at, add_slice_scalar_at, add_scalar_slice_at, add_one,
        add_into, add_slice_scalar_into, add_scalar_slice_into;
    subtract, subtract_at, subtract_slice_scalar_at, subtract_scalar_slice_at, subtract_one,
        subtract_into, subtract_slice_scalar_into, subtract_scalar_slice_into;
    multiply, multiply_at, multiply_slice_scalar_at, multiply_scalar_slice_at, multiply_one,
        multiply_into, multiply_slice_scalar_into, multiply_scalar_slice_into;
    divide, divide_at, divide_slice_scalar_at, divide_scalar_slice_at, divide_one,
        divide_into, divide_slice_scalar_into, divide_scalar_slice_into;
}

// --- reductions over all elements ------------------------------------------------------------

/// Product of `scratch[x..x+len]` (1 when empty), also stored at `out`.
#[wasm_bindgen]
pub fn prod_at(x: usize, len: usize, out: usize) -> Result<f64, js_sys::Error> {
    reduce_to("prod", span(x, len), out, |x| Ok(reduce::prod(x)))
}

/// Variance with divisor `len - ddof`, also stored at `out`.
#[wasm_bindgen]
pub fn var_at(x: usize, len: usize, ddof: f64, out: usize) -> Result<f64, js_sys::Error> {
    reduce_to("var", span(x, len), out, |x| Ok(reduce::var(x, ddof)))
}

/// Standard deviation with divisor `len - ddof`, also stored at `out`.
#[wasm_bindgen]
pub fn std_at(x: usize, len: usize, ddof: f64, out: usize) -> Result<f64, js_sys::Error> {
    reduce_to("std", span(x, len), out, |x| Ok(reduce::std(x, ddof)))
}

/// Smallest element (NaN if any is NaN); a "ValueError" when empty. Also stored at `out`.
#[wasm_bindgen]
pub fn min_at(x: usize, len: usize, out: usize) -> Result<f64, js_sys::Error> {
    reduce_to("min", span(x, len), out, reduce::min)
}

/// Largest element (NaN if any is NaN); a "ValueError" when empty. Also stored at `out`.
#[wasm_bindgen]
pub fn max_at(x: usize, len: usize, out: usize) -> Result<f64, js_sys::Error> {
    reduce_to("max", span(x, len), out, reduce::max)
}

/// Index of the first smallest element (the first NaN if any); a "ValueError" when empty.
#[wasm_bindgen]
pub fn argmin_at(x: usize, len: usize) -> Result<usize, js_sys::Error> {
    with_region(|s| reduce::argmin(&s[span(x, len)]).map_err(|e| kernel_error("argmin", e)))
}

/// Index of the first largest element (the first NaN if any); a "ValueError" when empty.
#[wasm_bindgen]
pub fn argmax_at(x: usize, len: usize) -> Result<usize, js_sys::Error> {
    with_region(|s| reduce::argmax(&s[span(x, len)]).map_err(|e| kernel_error("argmax", e)))
}

/// Vector norm of order `ord` (1, 2 or inf, else a "ValueError" naming `ord`; checked before
/// the data is looked at, so `len` may be 0 for a check alone). Also stored at `out`.
#[wasm_bindgen]
pub fn norm_at(x: usize, len: usize, ord: f64, out: usize) -> Result<f64, js_sys::Error> {
    let ord = NormOrd::from_f64(ord).map_err(|e| kernel_error("norm", e))?;
    reduce_to("norm", span(x, len), out, |x| Ok(norm::norm(x, ord)))
}

// --- cumulative ------------------------------------------------------------------------------

/// `scratch[out..out+len]` = running sums (compensated) of `scratch[x..x+len]`.
#[wasm_bindgen]
pub fn cumsum_at(x: usize, len: usize, out: usize) -> Result<(), js_sys::Error> {
    with_io([span(x, len)], span(out, len), |[x], out| {
        cumulative::cumsum_into(x, out).map_err(|e| kernel_error("cumsum", e))
    })
}

/// `scratch[out..out+len]` = running products of `scratch[x..x+len]`.
#[wasm_bindgen]
pub fn cumprod_at(x: usize, len: usize, out: usize) -> Result<(), js_sys::Error> {
    with_io([span(x, len)], span(out, len), |[x], out| {
        cumulative::cumprod_into(x, out).map_err(|e| kernel_error("cumprod", e))
    })
}

// --- reductions along one axis of a row-major matrix -----------------------------------------

/// Runs `along` on the `rows x cols` matrix at `x` and the output at `out` (of `out_len`
/// elements: `cols` for axis 0, `rows` for axis 1). The axis is validated first, so an
/// invalid one is refused with the core's message whatever `out_len` is.
#[allow(clippy::too_many_arguments)]
fn along_axis(
    function: &str,
    x: usize,
    rows: usize,
    cols: usize,
    axis_hi: i32,
    axis_lo: u32,
    out: usize,
    out_len: usize,
    along: impl FnOnce(MatRef<'_>, Axis, &mut [f64]) -> CoreResult<()>,
) -> Result<(), js_sys::Error> {
    let fail = |e| kernel_error(function, e);
    let axis = Axis::new(axis_of(axis_hi, axis_lo)).map_err(fail)?;
    let len = rows.checked_mul(cols).expect("matrix size overflows");
    with_io([span(x, len)], span(out, out_len), |[x], out| {
        let m = MatRef::new(x, rows, cols).map_err(fail)?;
        along(m, axis, out).map_err(fail)
    })
}

/// Per axis reduction: `<name>_axis_at(x, rows, cols, axis_hi, axis_lo, out, out_len)`, with
/// `ddof` before `out` for var/std.
macro_rules! axis_kernels {
    ($($name:ident, $at:ident, $kernel:ident;)*) => {$(
        #[doc = concat!("`", stringify!($name), "` along one axis of a row-major matrix.")]
        #[wasm_bindgen]
        pub fn $at(
            x: usize,
            rows: usize,
            cols: usize,
            axis_hi: i32,
            axis_lo: u32,
            out: usize,
            out_len: usize,
        ) -> Result<(), js_sys::Error> {
            along_axis(stringify!($name), x, rows, cols, axis_hi, axis_lo, out, out_len,
                axis::$kernel)
        }
    )*};
}

axis_kernels! {
    sum, sum_axis_at, sum_axis;
    mean, mean_axis_at, mean_axis;
    min, min_axis_at, min_axis;
    max, max_axis_at, max_axis;
}

macro_rules! axis_ddof_kernels {
    ($($name:ident, $at:ident, $kernel:ident;)*) => {$(
        #[doc = concat!("`", stringify!($name), "` (divisor `n - ddof`) along one axis.")]
        #[wasm_bindgen]
        #[allow(clippy::too_many_arguments)]
        pub fn $at(
            x: usize,
            rows: usize,
            cols: usize,
            axis_hi: i32,
            axis_lo: u32,
            ddof: f64,
            out: usize,
            out_len: usize,
        ) -> Result<(), js_sys::Error> {
            along_axis(stringify!($name), x, rows, cols, axis_hi, axis_lo, out, out_len,
                |m, a, o| axis::$kernel(m, a, ddof, o))
        }
    )*};
}

axis_ddof_kernels! {
    var, var_axis_at, var_axis;
    std, std_axis_at, std_axis;
}

#[cfg(test)]
mod tests {
    //! Host tests of the success paths (errors build JS objects: tested in Pyodide instead).
    use super::*;
    use crate::scratch::scratch_f64;
    use crate::scratch::test_support::{fill, read};

    #[test]
    fn binary_and_clip() {
        scratch_f64(16);
        fill(&[1.0, 2.0, 3.0, 10.0, 20.0, 30.0]);
        add_at(0, 3, 3, 6).unwrap();
        assert_eq!(read(6..9), [11.0, 22.0, 33.0]);
        divide_scalar_slice_at(60.0, 3, 3, 9).unwrap();
        assert_eq!(read(9..12), [6.0, 3.0, 2.0]);
        subtract_slice_scalar_at(1.0, 0, 3, 12).unwrap();
        assert_eq!(read(12..15), [0.0, 1.0, 2.0]);
        clip_at(15.0, 25.0, 3, 3, 6).unwrap();
        assert_eq!(read(6..9), [15.0, 20.0, 25.0]);
        assert_eq!(divide_one(1.0, 0.0), f64::INFINITY);
        assert_eq!(clip_one(-1.0, 0.0, 1.0), 0.0);
    }

    #[test]
    fn reductions_store_their_value() {
        scratch_f64(16);
        fill(&[3.0, 1.0, -0.0, 4.0]);
        assert_eq!(prod_at(0, 2, 8).unwrap(), 3.0);
        assert_eq!(read(8..9), [3.0]);
        assert_eq!(max_at(0, 4, 8).unwrap(), 4.0);
        assert_eq!(min_at(2, 1, 8).unwrap().to_bits(), (-0.0f64).to_bits());
        assert_eq!(read(8..9)[0].to_bits(), (-0.0f64).to_bits());
        assert_eq!(argmin_at(0, 4).unwrap(), 2);
        assert_eq!(argmax_at(0, 4).unwrap(), 3);
        assert_eq!(var_at(0, 2, 0.0, 8).unwrap(), 1.0);
        assert_eq!(std_at(0, 2, 0.0, 8).unwrap(), 1.0);
        assert_eq!(norm_at(0, 2, 1.0, 8).unwrap(), 4.0);
        cumsum_at(0, 4, 4).unwrap();
        assert_eq!(read(4..8), [3.0, 4.0, 4.0, 8.0]);
        cumprod_at(0, 2, 4).unwrap();
        assert_eq!(read(4..6), [3.0, 3.0]);
    }

    #[test]
    fn axis_reductions() {
        scratch_f64(16);
        fill(&[1.0, 2.0, 3.0, 4.0, 5.0, 7.0]);
        sum_axis_at(0, 2, 3, 0, 0, 6, 3).unwrap();
        assert_eq!(read(6..9), [5.0, 7.0, 10.0]);
        // axis -1: high half all ones, low half 0xffff_ffff.
        max_axis_at(0, 2, 3, -1, u32::MAX, 6, 2).unwrap();
        assert_eq!(read(6..8), [3.0, 7.0]);
        var_axis_at(0, 2, 3, 0, 0, 0.0, 6, 3).unwrap();
        assert_eq!(read(6..9), [2.25, 2.25, 4.0]);
        assert_eq!(axis_of(-1, u32::MAX - 1), -2);
        assert_eq!(axis_of(1, 0), 1 << 32);
    }

    #[test]
    #[should_panic(expected = "overlaps")]
    fn overlapping_output_is_refused() {
        scratch_f64(8);
        let _ = add_at(0, 2, 2, 3);
    }
}
