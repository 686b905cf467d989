//! Reductions: many values in, one value out.
//!
//! Floating-point addition is not associative, so the compiler may not vectorise a plain loop.
//! These kernels keep `LANES` independent accumulators on purpose: the loop body becomes
//! straight-line lane-wise code that LLVM turns into SIMD (f64x2 on wasm32 with `+simd128`,
//! AVX on x86-64), and the lanes are combined once at the end.
//!
//! `sum` and `mean` are correctly rounded instead: a compensated pass of that kind proves its
//! result right in all but rare cases ([`certified`]), and the rest go to an exact accumulator
//! ([`SumAcc`]).

mod block_sum;
mod certified;
mod integers;
mod superaccumulator;

pub use integers::{
    Accumulator, Integer, argmax_exact, argmin_exact, max_exact, min_exact, wrapping_prod,
    wrapping_sum,
};

use core::ops::{Add, Sub};

use crate::elementwise::{maximum, minimum};
use crate::{Error, Result};
use superaccumulator::Superaccumulator;

/// Independent accumulators per loop step: four f64x2 vectors on wasm, two AVX registers on x86.
pub(crate) const LANES: usize = 8;

/// A running Neumaier (improved Kahan-Babuska) sum: the rounding error of every addition is
/// carried in `compensation` and added back once at the end.
#[derive(Clone, Copy, Default)]
pub(crate) struct Neumaier {
    pub(crate) sum: f64,
    pub(crate) compensation: f64,
}

impl Neumaier {
    #[inline(always)]
    pub(crate) fn add(&mut self, x: f64) {
        let t = self.sum + x;
        // Branch-free select of the larger magnitude keeps the lane loop vectorisable.
        let (big, small) = if self.sum.abs() >= x.abs() {
            (self.sum, x)
        } else {
            (x, self.sum)
        };
        self.compensation += (big - t) + small;
        self.sum = t;
    }

    /// The compensated total; the compensation is dropped for a non-finite sum, where it would
    /// turn `inf` into NaN.
    #[inline(always)]
    pub(crate) fn value(&self) -> f64 {
        if self.sum.is_finite() {
            self.sum + self.compensation
        } else {
            self.sum
        }
    }
}

/// Knuth's TwoSum: `(s, e)` with `s = fl(a + b)` and `a + b = s + e` exactly, for any order of
/// magnitude of `a` and `b`. Six flops and no comparison, unlike Neumaier's step (which picks the
/// larger operand with a select): straight-line code that LLVM vectorises across lanes, about
/// 3x faster than the Neumaier lanes in wasm32 +simd128.
/// Generic so that `cumulative::scan` runs the same step on both lanes of a vector pair.
#[inline(always)]
pub(crate) fn two_sum<T: Copy + Add<Output = T> + Sub<Output = T>>(a: T, b: T) -> (T, T) {
    let s = a + b;
    let b_virtual = s - a;
    let a_virtual = s - b_virtual;
    (s, (a - a_virtual) + (b - b_virtual))
}

/// `LANES` independent TwoSum accumulators (Ogita-Rump-Oishi `Sum2`, one per lane): each lane
/// keeps its running sum and the sum of its exact rounding errors.
#[derive(Clone, Copy)]
struct SumLanes {
    sum: [f64; LANES],
    err: [f64; LANES],
}

impl SumLanes {
    fn new() -> Self {
        Self {
            sum: [0.0; LANES],
            err: [0.0; LANES],
        }
    }

    #[inline(always)]
    fn add(&mut self, chunk: &[f64]) {
        for ((sum, err), &v) in self.sum.iter_mut().zip(&mut self.err).zip(chunk) {
            let (s, e) = two_sum(*sum, v);
            *sum = s;
            *err += e;
        }
    }

    /// Folds the lanes and `tail` into an unevaluated pair `(total, err)`: more TwoSum steps,
    /// so every rounding error made anywhere lands in `err`, which is never rounded into
    /// `total`.
    fn pair(&self, tail: impl IntoIterator<Item = f64>) -> (f64, f64) {
        let mut total = 0.0;
        let mut err = 0.0;
        for i in 0..LANES {
            let (s, e) = two_sum(total, self.sum[i]);
            total = s;
            err += e + self.err[i];
        }
        for v in tail {
            let (s, e) = two_sum(total, v);
            total = s;
            err += e;
        }
        (total, err)
    }

    /// The compensated total: [`Self::pair`] rounded once.
    fn finish(&self, tail: impl IntoIterator<Item = f64>) -> f64 {
        let (total, err) = self.pair(tail);
        // A non-finite total is the IEEE result (the correction would turn inf into NaN). A
        // non-finite correction under a finite total can only come from an intermediate
        // overflow inside TwoSum near f64::MAX; the uncorrected total is then the best answer.
        if !total.is_finite() || !err.is_finite() {
            return total;
        }
        total + err
    }
}

/// The sum of `x`, correctly rounded: the double nearest to the exact sum (ties to even), so
/// the result does not depend on the order of `x` or on how it is cut. Equal to Python's
/// `math.fsum` wherever that returns a value: an exact zero is `+0.0`; any NaN, or `inf` and
/// `-inf` together, give NaN (`fsum` raises ValueError for the latter); otherwise an infinity
/// in `x` is the result. Where `fsum` raises OverflowError, this is the exact sum rounded:
/// `±inf` if that is beyond `f64::MAX`, a finite number if only a partial sum was
/// (`[MAX, MAX, -MAX]` gives `MAX`), and an infinity in `x` wins (numpy's results, all three).
/// `sum(&[1e100, 1.0, -1e100, 1e-100])` is `1e-100`.
///
/// One vectorised compensated pass ([`certified`]) proves its own result in all but rare
/// cases (non-finite values, cancellation to about `n * eps^2` of the magnitudes, sums within
/// that of a rounding midpoint); those are summed again by the exact [`SumAcc`].
pub fn sum(x: &[f64]) -> f64 {
    match certified::sum(x) {
        Some(c) => c.r,
        None => exact(x).sum(),
    }
}

/// The arithmetic mean of `x`, correctly rounded: the double nearest to the exact sum divided
/// by the length (not the rounded sum divided, which rounds twice and overflows with the
/// sum). NaN for an empty slice, as numpy gives; non-finite values as [`sum`]. Proved on the
/// fast path as [`sum`] is, else rounded from the exact accumulator.
pub fn mean(x: &[f64]) -> f64 {
    if let Some(q) = certified::sum(x).and_then(|c| certified::mean(c, x.len())) {
        return q;
    }
    exact(x).mean()
}

/// The exact sum of `x` rounded once to float32 (ties to even): numpy's float32 `sum`, exact
/// where numpy adds in float32 (pairwise), so it can differ from numpy's in the last bits,
/// towards the exact value. Non-finite values as [`sum`]; a sum beyond float32's range is
/// `±inf`, as numpy's.
///
/// Rounding [`sum`]'s (correctly rounded) double to float32 is that once-rounded value unless
/// the double lies exactly halfway between two floats32; only then is the exact sum consulted
/// for the side it lies on.
pub fn sum_to_f32(x: &[f64]) -> f32 {
    let r = sum(x);
    round_to_f32(r, || {
        let mut acc = exact(x);
        acc.push(&[-r]);
        acc.sum()
    })
}

/// The exact mean of `x` rounded once to float32, as [`sum_to_f32`] is the sum (NaN when
/// empty): numpy's float32 `mean`, towards the exact value.
pub fn mean_to_f32(x: &[f64]) -> f32 {
    let r = mean(x);
    round_to_f32(r, || {
        // The sign of `sum(x) - n * r`: `n * r` as the exact pair `p + e` (`n < 2^53`, and `r`
        // is only asked about when it is a float32 midpoint, at least 2^-150 in magnitude,
        // far from underflowing the pair's low part).
        let n = x.len() as f64;
        let p = n * r;
        let e = n.mul_add(r, -p);
        let mut acc = exact(x);
        acc.push(&[-p, -e]);
        acc.sum()
    })
}

/// [`sum_to_f32`] of float32 values, read in place: each chunk is widened (exactly) in
/// registers as the pass loads it, so there is no float64 copy of `x`; the same result as
/// [`sum_to_f32`] of the widened values (the exact sum rounded once to float32).
pub fn sum_f32(x: &[f32]) -> f32 {
    let r = match certified::sum(x) {
        Some(c) => c.r,
        None => exact_f32(x).sum(),
    };
    round_to_f32(r, || {
        let mut acc = exact_f32(x);
        acc.push(&[-r]);
        acc.sum()
    })
}

/// [`mean_to_f32`] of float32 values, read in place as [`sum_f32`] reads them.
pub fn mean_f32(x: &[f32]) -> f32 {
    let r = wide_mean_f32(x);
    round_to_f32(r, || {
        let n = x.len() as f64;
        let p = n * r;
        let e = n.mul_add(r, -p);
        let mut acc = exact_f32(x);
        acc.push(&[-p, -e]);
        acc.sum()
    })
}

/// The mean of float32 values correctly rounded to float64: [`mean`] of their float64s.
fn wide_mean_f32(x: &[f32]) -> f64 {
    match certified::sum(x).and_then(|c| certified::mean(c, x.len())) {
        Some(q) => q,
        None => exact_f32(x).mean(),
    }
}

/// The exact accumulator of float32 values, widened a stack block at a time (the accumulator
/// is exact, so how the values are cut does not matter).
fn exact_f32(x: &[f32]) -> SumAcc {
    let mut acc = SumAcc::new();
    let mut wide = [0.0f64; 256];
    for block in x.chunks(wide.len()) {
        acc.push(widen(block, &mut wide));
    }
    acc
}

/// `block` as float64s, in the front of `wide` (a stack buffer at least as long): how the
/// float32 kernels read their input in place and still run the float64 code.
fn widen<'w>(block: &[f32], wide: &'w mut [f64]) -> &'w [f64] {
    let w = &mut wide[..block.len()];
    for (w, &v) in w.iter_mut().zip(block) {
        *w = f64::from(v);
    }
    w
}

/// The value of the float32 `a` as a double, with float32's infinities standing for `±2^128`,
/// the next power of two past its largest finite value (the boundary rounding is judged by).
fn f32_value(a: f32) -> f64 {
    if a.is_infinite() {
        2f64.powi(128).copysign(f64::from(a))
    } else {
        f64::from(a)
    }
}

/// `s`, a real number known through its correctly rounded double `r`, rounded once to float32.
/// `residual` gives a number with the sign of `s - r` (0 when they are equal); it is called
/// only when `r` is exactly halfway between two floats32. Otherwise `r` and `s` lie strictly
/// on the same side of every float32 midpoint (a midpoint is a double, and `s` rounds to `r`),
/// so rounding `r` is rounding `s`.
fn round_to_f32(r: f64, residual: impl FnOnce() -> f64) -> f32 {
    let a = r as f32;
    if !r.is_finite() {
        return a;
    }
    let av = f32_value(a);
    if av == r {
        return a;
    }
    let b = if av < r { a.next_up() } else { a.next_down() };
    let bv = f32_value(b);
    if (av + bv) / 2.0 != r {
        return a;
    }
    let d = residual();
    if d != 0.0 && (d > 0.0) == (bv > r) {
        b
    } else {
        a
    }
}

/// Which path [`sum`] takes: `true` for the certified fast pass. The tests hold ordinary data
/// to it, so that a change that quietly sends everything down the exact path fails them.
#[cfg(test)]
pub(crate) fn sum_is_fast(x: &[f64]) -> bool {
    certified::sum(x).is_some()
}

fn exact(x: &[f64]) -> SumAcc {
    let mut acc = SumAcc::new();
    acc.push(x);
    acc
}

/// The compensated sum of `x` (TwoSum lanes, Ogita-Rump-Oishi `Sum2`) as an unevaluated pair
/// `(hi, lo)`: `hi + lo` misses the exact sum by about `(n / LANES)^2 * eps^2 * sum(|x|)`.
/// `cumsum` starts its second half from it; non-finite when `x` or a partial sum is.
pub(crate) fn compensated_pair<T: Copy + Into<f64>>(x: &[T]) -> (f64, f64) {
    let mut lanes = SumLanes::new();
    let chunks = x.chunks_exact(LANES);
    let tail = chunks.remainder();
    for chunk in chunks {
        let wide: [f64; LANES] = core::array::from_fn(|i| chunk[i].into());
        lanes.add(&wide);
    }
    lanes.pair(tail.iter().map(|&v| v.into()))
}

/// The inner product of `x` and `y`, accumulated in `LANES` independent partial sums (not
/// compensated: relative error up to about `n * eps * sum(|x[i] * y[i]|) / |result|`, the same
/// bound as BLAS `ddot`). The one-shot form of [`DotAcc`].
pub fn dot(x: &[f64], y: &[f64]) -> Result<f64> {
    let mut acc = DotAcc::new();
    acc.push(x, y)?;
    Ok(acc.dot())
}

/// The exact sum of a sequence that may arrive in pieces (e.g. copied chunk by chunk into a
/// buffer that stays in cache), from which [`sum`] and [`mean`] are rounded: any cut, any
/// order, the same bits, and the same bits as the one-shot [`sum`] and [`mean`] (which are
/// correctly rounded too, and use this accumulator when their fast pass cannot prove its
/// result).
///
/// The exact sum lives in a superaccumulator (a fixed-point integer over the whole double
/// range). Elements reach it in blocks of up to 1024, each summed exactly as two doubles by a
/// vectorised split onto two fixed grids (Rump, Ogita and Oishi's extraction); only blocks
/// whose values span too many binades for that, or hold non-finite values, are added element
/// by element. About five times the cost of the fast pass of [`sum`], which cannot serve a
/// sequence in pieces: when it cannot prove its result, it needs the data again.
#[derive(Clone, Default)]
pub struct SumAcc {
    exact: Superaccumulator,
    count: usize,
    /// The grid exponent the last block needed: the first guess for the next one.
    grid: i32,
}

impl SumAcc {
    /// An empty sum.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the next piece of the sequence.
    pub fn push(&mut self, x: &[f64]) {
        self.count += x.len();
        for block in x.chunks(block_sum::BLOCK) {
            match block_sum::exact_pair(block, &mut self.grid) {
                Some((hi, lo)) => {
                    self.exact.add(hi);
                    self.exact.add(lo);
                }
                None => {
                    for &v in block {
                        self.exact.add(v);
                    }
                }
            }
        }
    }

    /// How many values were pushed.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether nothing (or only empty pieces) was pushed.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The correctly rounded sum of everything pushed: [`sum`] of the whole sequence.
    pub fn sum(&self) -> f64 {
        self.exact.value()
    }

    /// [`mean`] of the whole sequence (NaN when empty).
    pub fn mean(&self) -> f64 {
        if self.count == 0 {
            return f64::NAN;
        }
        self.exact.mean(self.count)
    }
}

/// [`dot`] of two sequences that arrive in pieces of equal length: pushing the pieces in order,
/// cut anywhere, gives exactly `dot(x, y)`, bit for bit: up to `LANES - 1` trailing values of a
/// piece wait for the next one, so the lane assignment is that of the one-shot loop.
#[derive(Clone)]
pub struct DotAcc {
    acc: [f64; LANES],
    pending_x: [f64; LANES],
    pending_y: [f64; LANES],
    pending_len: usize,
}

impl Default for DotAcc {
    fn default() -> Self {
        Self::new()
    }
}

impl DotAcc {
    /// An empty inner product.
    pub fn new() -> Self {
        Self {
            acc: [0.0; LANES],
            pending_x: [0.0; LANES],
            pending_y: [0.0; LANES],
            pending_len: 0,
        }
    }

    /// Adds the next pieces of both sequences; `Error::LengthMismatch` (nothing added) when
    /// their lengths differ.
    pub fn push(&mut self, x: &[f64], y: &[f64]) -> Result<()> {
        if x.len() != y.len() {
            return Err(Error::LengthMismatch {
                left: x.len(),
                right: y.len(),
            });
        }
        let (mut x, mut y) = (x, y);
        if self.pending_len > 0 {
            let (at, take) = (self.pending_len, (LANES - self.pending_len).min(x.len()));
            self.pending_x[at..at + take].copy_from_slice(&x[..take]);
            self.pending_y[at..at + take].copy_from_slice(&y[..take]);
            self.pending_len += take;
            (x, y) = (&x[take..], &y[take..]);
            if self.pending_len < LANES {
                return Ok(());
            }
            for i in 0..LANES {
                self.acc[i] += self.pending_x[i] * self.pending_y[i];
            }
            self.pending_len = 0;
        }
        let mut acc = self.acc;
        let xs = x.chunks_exact(LANES);
        let ys = y.chunks_exact(LANES);
        let (x_tail, y_tail) = (xs.remainder(), ys.remainder());
        for (cx, cy) in xs.zip(ys) {
            for i in 0..LANES {
                acc[i] += cx[i] * cy[i];
            }
        }
        self.acc = acc;
        self.pending_x[..x_tail.len()].copy_from_slice(x_tail);
        self.pending_y[..y_tail.len()].copy_from_slice(y_tail);
        self.pending_len = x_tail.len();
        Ok(())
    }

    /// The inner product of everything pushed: [`dot`] of the whole sequences.
    pub fn dot(&self) -> f64 {
        let mut total = 0.0;
        for i in 0..self.pending_len {
            total += self.pending_x[i] * self.pending_y[i];
        }
        // Pairwise combination of the lanes.
        let mut acc = self.acc;
        let mut width = LANES;
        while width > 1 {
            width /= 2;
            for i in 0..width {
                acc[i] += acc[i + width];
            }
        }
        acc[0] + total
    }
}

/// [`dot`] of float32 vectors, read in place: the same bits as [`dot`] of their float64s (the
/// pieces, widened in stack buffers, go through [`DotAcc`], which any cut leaves unchanged).
pub fn dot_f32(x: &[f32], y: &[f32]) -> Result<f64> {
    const PIECE: usize = 1024;
    if x.len() != y.len() {
        return Err(Error::LengthMismatch {
            left: x.len(),
            right: y.len(),
        });
    }
    let (mut wx, mut wy) = ([0.0f64; PIECE], [0.0f64; PIECE]);
    let mut acc = DotAcc::new();
    for (px, py) in x.chunks(PIECE).zip(y.chunks(PIECE)) {
        acc.push(widen(px, &mut wx), widen(py, &mut wy))?;
    }
    Ok(acc.dot())
}

/// The product of `x` (1 for an empty slice), in `LANES` independent partial products. Not
/// compensated: products do not cancel, so the relative error is at most about `n * eps`.
/// Overflow and underflow follow IEEE (numpy does the same).
pub fn prod(x: &[f64]) -> f64 {
    product(x)
}

/// [`prod`] of float32 values, read in place: the float64 product of their float64 values.
pub fn prod_f32(x: &[f32]) -> f64 {
    product(x)
}

fn product<T: Copy + Into<f64>>(x: &[T]) -> f64 {
    let mut acc = [1.0f64; LANES];
    let chunks = x.chunks_exact(LANES);
    let tail = chunks.remainder();
    for chunk in chunks {
        for (a, &v) in acc.iter_mut().zip(chunk) {
            *a *= v.into();
        }
    }
    let mut total = 1.0;
    for a in acc {
        total *= a;
    }
    for &v in tail {
        total *= v.into();
    }
    total
}

/// Reduces `x` with a selection `op` (NaN-propagating for floats, a plain compare for integers)
/// in `LANES` lanes: a select per element, which LLVM vectorises.
#[inline(always)]
pub(crate) fn fold_lanes<T: Copy>(
    x: &[T],
    function: &'static str,
    op: impl Fn(T, T) -> T,
) -> Result<T> {
    let Some(&first) = x.first() else {
        return Err(Error::EmptyReduction { function });
    };
    let mut acc = [first; LANES];
    let chunks = x.chunks_exact(LANES);
    let tail = chunks.remainder();
    for chunk in chunks {
        for (a, &v) in acc.iter_mut().zip(chunk) {
            *a = op(*a, v);
        }
    }
    let mut total = first;
    for a in acc {
        total = op(total, a);
    }
    for &v in tail {
        total = op(total, v);
    }
    Ok(total)
}

/// The largest element. NaN if any element is NaN (numpy's `max`; use a NaN-aware variant
/// upstream to skip them). `Error::EmptyReduction` (InvalidValue) for an empty slice, where
/// numpy raises ValueError.
pub fn max(x: &[f64]) -> Result<f64> {
    fold_lanes(x, "maximum", maximum)
}

/// The smallest element; NaN if any element is NaN. `Error::EmptyReduction` (InvalidValue)
/// for an empty slice.
pub fn min(x: &[f64]) -> Result<f64> {
    fold_lanes(x, "minimum", minimum)
}

/// [`max`] of float32 values, read in place (the same value as [`max`] of their float64s).
pub fn max_f32(x: &[f32]) -> Result<f32> {
    fold_lanes(x, "maximum", maximum)
}

/// [`min`] of float32 values, read in place.
pub fn min_f32(x: &[f32]) -> Result<f32> {
    fold_lanes(x, "minimum", minimum)
}

/// Index of the first occurrence of the largest element, or of the first NaN if there is one
/// (numpy's `argmax`: NaN counts as the maximum). `Error::EmptyReduction` (InvalidValue) for
/// an empty slice. One pass on x86 and other targets: see [`arg_extreme`]; on wasm, one
/// vectorised pass by blocks: see [`block_extreme`].
pub fn argmax(x: &[f64]) -> Result<usize> {
    #[cfg(target_arch = "wasm32")]
    return block_extreme::<true>(x, "argmax");
    #[cfg(not(target_arch = "wasm32"))]
    arg_extreme(x, "argmax", |a, b| a > b)
}

/// Index of the first occurrence of the smallest element, or of the first NaN if there is one
/// (numpy's `argmin`). `Error::EmptyReduction` (InvalidValue) for an empty slice.
pub fn argmin(x: &[f64]) -> Result<usize> {
    #[cfg(target_arch = "wasm32")]
    return block_extreme::<false>(x, "argmin");
    #[cfg(not(target_arch = "wasm32"))]
    arg_extreme(x, "argmin", |a, b| a < b)
}

/// [`argmax`] of float32 values, read in place: the same index as [`argmax`] of their float64s.
pub fn argmax_f32(x: &[f32]) -> Result<usize> {
    widened_extreme(x, "argmax", argmax, |a, b| a > b)
}

/// [`argmin`] of float32 values, read in place.
pub fn argmin_f32(x: &[f32]) -> Result<usize> {
    widened_extreme(x, "argmin", argmin, |a, b| a < b)
}

/// `index` (the float64 [`argmax`] or [`argmin`]) of float32 values, widened block by block into
/// a stack buffer: each block's answer (its first NaN, or its first extreme) is the whole
/// answer when it is a NaN, and otherwise when it strictly `beats` the earlier blocks'.
fn widened_extreme(
    x: &[f32],
    function: &'static str,
    index: fn(&[f64]) -> Result<usize>,
    beats: fn(f64, f64) -> bool,
) -> Result<usize> {
    let mut wide = [0.0f64; ARG_BLOCK];
    let mut best: Option<(f64, usize)> = None;
    for (start, block) in (0..).step_by(ARG_BLOCK).zip(x.chunks(ARG_BLOCK)) {
        let w = widen(block, &mut wide);
        let i = index(w)?;
        let m = w.get(i).copied().unwrap_or(f64::NAN);
        if m.is_nan() {
            return Ok(start + i);
        }
        if best.is_none_or(|(b, _)| beats(m, b)) {
            best = Some((m, start + i));
        }
    }
    best.map(|(_, i)| i)
        .ok_or(Error::EmptyReduction { function })
}

/// First index holding `m` (`-0.0 == 0.0`, as numpy's comparisons), or the first NaN when `m`
/// is NaN; `m` always comes from `x`. Used by [`block_extreme`] because [`arg_extreme`]'s loop
/// is not vectorised for wasm32 (its select becomes a branch: with the native wheel in
/// Pyodide, 0.45-0.58 ms per 1e6 doubles against 0.35 ms for an extreme then its position in
/// two whole passes, and 5.4 ms on two values in random order, every other select
/// mispredicted).
#[cfg(any(target_arch = "wasm32", test))]
fn first_position(x: &[f64], m: f64) -> usize {
    let found = if m.is_nan() {
        x.iter().position(|v| v.is_nan())
    } else {
        x.iter().position(|&v| v == m)
    };
    found.unwrap_or(0)
}

/// The wasm `argmax` (`MAX`) or `argmin` in one pass by blocks of [`ARG_BLOCK`] elements: four
/// pairs of lanes keep each block's extreme with wasm's pseudo-maximum/minimum
/// ([`F64x2::pmax`]: one `maxpd` where the engine runs on x86), beside sums of the elements,
/// which stay numbers unless the block holds a NaN (or infinities of both signs, or sums that
/// overflow: then the block is searched for a NaN); the answer's block is then searched by
/// [`first_position`]: the first block holding a NaN, else the first whose extreme strictly
/// beats the earlier blocks'. [`maximum`]'s NaN-propagating select, which this replaced, is four
/// wasm instructions and a bitselect per pair of lanes. Measured in wasmtime on the host (1e6
/// doubles, streamed, of which copying into the module takes 0.37-0.40 ms): 0.94 ms before,
/// 0.58-0.69 ms with four pairs; two pairs 0.70-0.73 ms, eight 0.68 ms.
#[cfg(any(target_arch = "wasm32", test))]
fn block_extreme<const MAX: bool>(x: &[f64], function: &'static str) -> Result<usize> {
    use crate::elementwise::lanes::{F64x2, Lanes};
    let pick = |a: F64x2, v: F64x2| if MAX { a.pmax(v) } else { a.pmin(v) };
    let op = if MAX { maximum } else { minimum };
    let beats = |a: f64, b: f64| if MAX { a > b } else { a < b };
    let mut best: Option<(f64, usize)> = None;
    for (start, block) in (0..).step_by(ARG_BLOCK).zip(x.chunks(ARG_BLOCK)) {
        let mut acc = [F64x2::splat(block[0]); 4];
        let mut sums = [F64x2::splat(0.0); 4];
        let steps = block.chunks_exact(8);
        let tail = steps.remainder();
        for step in steps {
            for k in 0..4 {
                let v = F64x2::load(&step[2 * k..]);
                acc[k] = pick(acc[k], v);
                sums[k] = sums[k] + v;
            }
        }
        let mut lanes = [0.0; 16];
        for k in 0..4 {
            acc[k].store(&mut lanes[2 * k..]);
            sums[k].store(&mut lanes[8 + 2 * k..]);
        }
        let (mut m, mut sum) = (block[0], 0.0);
        for j in 0..8 {
            m = op(m, lanes[j]);
            sum += lanes[8 + j];
        }
        for &v in tail {
            m = op(m, v);
            sum += v;
        }
        if sum.is_nan() && block.iter().any(|v| v.is_nan()) {
            return Ok(start + first_position(block, f64::NAN));
        }
        if best.is_none_or(|(b, _)| beats(m, b)) {
            best = Some((m, start));
        }
    }
    let (m, start) = best.ok_or(Error::EmptyReduction { function })?;
    Ok(start + first_position(x.get(start..).unwrap_or_default(), m))
}

/// Elements per block of [`arg_extreme`] and [`block_extreme`]: 16 KiB, so the one block read
/// twice is still in L1.
const ARG_BLOCK: usize = 2048;

/// `argmax`/`argmin` in one pass over `x`, `beats(a, b)` being `a > b` or `a < b`.
///
/// Each block of [`ARG_BLOCK`] elements is reduced to its extreme by `LANES` lanes of
/// `if beats(acc, v) { acc } else { v }` (one `maxpd`/`minpd` on x86; not used on wasm, see
/// [`first_position`]), beside lane sums of `v * 0.0`, which stay 0 unless the block holds a
/// NaN or an infinity (then the block is checked for a NaN); the best block (the first one
/// with a NaN, else the first whose extreme strictly beats the earlier ones) is then searched
/// for the value's first position. Lanes that carry an index beside the value were slower:
/// two selects per element (value and index, and SSE2 has no blend instruction) against one
/// max. Measured on the host (x86-64 baseline, 1e6 doubles, best of 50): value-and-index
/// lanes 0.88 ms, the two passes this replaced (maximum, then `position`) 0.57 ms, blocks
/// 0.18-0.24 ms; numpy's AVX2 `argmax` 0.16 ms.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
#[inline(always)]
fn arg_extreme(
    x: &[f64],
    function: &'static str,
    beats: impl Fn(f64, f64) -> bool + Copy,
) -> Result<usize> {
    let Some(&first) = x.first() else {
        return Err(Error::EmptyReduction { function });
    };
    // NaN beats every number, and a later NaN does not beat an earlier one.
    let better = |v: f64, b: f64| beats(v, b) | (v.is_nan() & !b.is_nan());
    let pick = |a: f64, v: f64| if beats(a, v) { a } else { v };
    let (mut best, mut best_block) = (first, 0);
    for (b, block) in x.chunks(ARG_BLOCK).enumerate() {
        let mut acc = [block[0]; LANES];
        // A NaN `v` lands in `acc` and is dropped by the next element: `zero` keeps a trace.
        let mut zero = [0.0; LANES];
        let chunks = block.chunks_exact(LANES);
        let tail = chunks.remainder();
        for chunk in chunks {
            for ((a, z), &v) in acc.iter_mut().zip(&mut zero).zip(chunk) {
                *a = pick(*a, v);
                *z += v * 0.0;
            }
        }
        let mut m = block[0];
        let mut z = 0.0;
        for (&a, &lane) in acc.iter().zip(&zero) {
            m = pick(m, a);
            z += lane;
        }
        for &v in tail {
            m = pick(m, v);
            z += v * 0.0;
        }
        if z.is_nan() && block.iter().any(|v| v.is_nan()) {
            m = f64::NAN;
        }
        if better(m, best) {
            best = m;
            best_block = b;
        }
        if best.is_nan() {
            break; // the first NaN: nothing later beats it
        }
    }
    let start = best_block * ARG_BLOCK;
    let block = &x[start..x.len().min(start + ARG_BLOCK)];
    let found = if best.is_nan() {
        block.iter().position(|v| v.is_nan())
    } else {
        // `-0.0 == 0.0`, as numpy's comparisons: the first zero of either sign.
        block.iter().position(|&v| v == best)
    };
    Ok(start + found.unwrap_or(0))
}

/// `(sum(x - m), sum((x - m)^2))`, both compensated (TwoSum lanes, Ogita-Rump-Oishi `Sum2`):
/// the pieces of the corrected two-pass variance. Not exact like [`sum`]: the variance's own
/// error bound is dominated by the rounding of the deviations.
pub(crate) fn deviation_sums<T: Copy + Into<f64>>(x: &[T], m: f64) -> (f64, f64) {
    let mut d1 = SumLanes::new();
    let mut d2 = SumLanes::new();
    let chunks = x.chunks_exact(LANES);
    let tail = chunks.remainder();
    for chunk in chunks {
        let mut d = [0.0; LANES];
        let mut dd = [0.0; LANES];
        for i in 0..LANES {
            d[i] = chunk[i].into() - m;
            dd[i] = d[i] * d[i];
        }
        d1.add(&d);
        d2.add(&dd);
    }
    (
        d1.finish(tail.iter().map(|&v| v.into() - m)),
        d2.finish(tail.iter().map(|&v| (v.into() - m) * (v.into() - m))),
    )
}

/// The variance from `n` values' deviation sums, numpy's way of handling `ddof`: the divisor is
/// `max(n - ddof, 0)`, so `n - ddof <= 0` gives `inf` (or NaN when all deviations are zero),
/// exactly what numpy 2 returns (with a RuntimeWarning there).
pub(crate) fn variance_from_sums(n: usize, ddof: f64, sum_d: f64, sum_d2: f64) -> f64 {
    if n == 0 {
        return f64::NAN;
    }
    let nf = n as f64;
    // The correction term removes the first-order error of the rounded mean (Chan, Golub and
    // LeVeque's corrected two-pass algorithm); it can only lower the sum of squares.
    let mut ssd = sum_d2 - sum_d * sum_d / nf;
    if ssd < 0.0 {
        ssd = 0.0;
    }
    let divisor = nf - ddof;
    ssd / if divisor > 0.0 { divisor } else { 0.0 }
}

/// Variance with `ddof` delta degrees of freedom (divisor `n - ddof`; 0 for the population
/// variance, 1 for the sample variance). Corrected two-pass algorithm over the correctly
/// rounded mean and compensated deviation sums: accurate even when the mean is large against
/// the spread, where the
/// one-pass `E[x^2] - E[x]^2` loses every digit. NaN for an empty slice; `n - ddof <= 0` gives
/// numpy's `inf`/NaN (see numpy 2's `var`); NaN or infinite input gives NaN.
pub fn var(x: &[f64], ddof: f64) -> f64 {
    variance(x, ddof, mean)
}

/// [`var`] of `x` whose correctly rounded float64 mean `mean` gives.
fn variance<T: Copy + Into<f64>>(x: &[T], ddof: f64, mean: fn(&[T]) -> f64) -> f64 {
    if x.is_empty() {
        return f64::NAN;
    }
    let (sd, sd2) = deviation_sums(x, mean(x));
    variance_from_sums(x.len(), ddof, sd, sd2)
}

/// Standard deviation: `sqrt(var(x, ddof))`, with the same `ddof` and NaN rules.
pub fn std(x: &[f64], ddof: f64) -> f64 {
    var(x, ddof).sqrt()
}

/// [`var`] of float32 values, read in place: the same float64 as [`var`] of their float64s
/// (the mean correctly rounded to float64 as [`mean`] rounds it, then the same deviation sums).
pub fn var_f32(x: &[f32], ddof: f64) -> f64 {
    variance(x, ddof, wide_mean_f32)
}

/// [`std`] of float32 values, read in place.
pub fn std_f32(x: &[f32], ddof: f64) -> f64 {
    var_f32(x, ddof).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Exact sum of doubles via integer arithmetic on their scaled mantissas: the oracle the
    /// compensated sum is checked against.
    fn exact_sum(x: &[f64]) -> f64 {
        // Every finite double is m * 2^e with e >= -1074; scale all to 2^-1074 in an i128-wide
        // window. Inputs in the tests are bounded so that the window suffices.
        let mut acc: i128 = 0;
        for &v in x {
            let scaled = v * 2f64.powi(60);
            assert_eq!(scaled.fract(), 0.0, "oracle needs inputs on a 2^-60 grid");
            acc += scaled as i128;
        }
        acc as f64 / 2f64.powi(60)
    }

    #[test]
    fn cancellation_is_compensated() {
        assert_eq!(sum(&[1e16, 1.0, -1e16]), 1.0);
        assert_eq!(sum(&[1.0, 1e100, 1.0, -1e100]), 2.0);
    }

    #[test]
    fn two_sum_is_exact() {
        for (a, b) in [
            (1e16f64, 1.0f64),
            (1.0, 1e16),
            (0.1, 0.2),
            (-3.5, 1e-300),
            (1e308, 1e308),
        ] {
            let (s, e) = two_sum(a, b);
            assert_eq!(s, a + b);
            if s.is_finite() {
                // Exact: a + b - s == e, checked in i128 on the 2^-60 grid for the small cases.
                if a.abs() < 1e17 && b.abs() < 1e17 && a.fract() == 0.0 && b.fract() == 0.0 {
                    assert_eq!(a as i128 + b as i128, s as i128 + e as i128);
                }
            }
        }
    }

    #[test]
    fn cancellation_across_lanes_and_tail() {
        // The big pair lands in different lanes, and in the tail, for every offset.
        for offset in 0..2 * LANES + 3 {
            let mut x = vec![0.5; offset];
            x.push(1e16);
            x.extend([1.0; 7]);
            x.push(-1e16);
            assert_eq!(sum(&x), 7.0 + 0.5 * offset as f64, "offset {offset}");
        }
    }

    #[test]
    fn empty_and_small() {
        assert_eq!(sum(&[]), 0.0);
        assert_eq!(sum(&[2.5]), 2.5);
        assert!(mean(&[]).is_nan());
        assert_eq!(mean(&[1.0, 2.0, 3.0, 4.0]), 2.5);
    }

    #[test]
    fn the_issue_example_is_exact() {
        let x = [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50];
        assert_eq!(sum(&x), 1e-100);
        assert_eq!(mean(&x), 1e-100 / 7.0);
        let mut reversed = x;
        reversed.reverse();
        assert_eq!(sum(&reversed), 1e-100);
        // Spread over blocks of the vectorised path, with cancelling filler in between.
        let mut long = Vec::new();
        for (i, &v) in x.iter().enumerate() {
            long.push(v);
            long.extend((0..2 * (350 + i)).map(|k| if k % 2 == 0 { 0.1 } else { -0.1 }));
        }
        assert_eq!(sum(&long), 1e-100);
    }

    #[test]
    fn float32_sums_and_means_round_once() {
        let m = 2f64.powi(24);
        let tiny = 2f64.powi(-30);
        // 2^24 + 1 lies halfway between two floats32; ties go to even, anything beyond the
        // tie to its side, though the double sum is that midpoint itself.
        assert_eq!(sum_to_f32(&[m, 1.0]), 16_777_216.0);
        assert_eq!(sum_to_f32(&[m, 1.0, tiny]), 16_777_218.0);
        assert_eq!(sum_to_f32(&[m, 1.0, -tiny]), 16_777_216.0);
        assert_eq!(sum_to_f32(&[m + 2.0, 1.0]), 16_777_220.0);
        assert_eq!(sum_to_f32(&[m + 2.0, 1.0, -tiny]), 16_777_218.0);
        assert_eq!(sum_to_f32(&[-m, -1.0, -tiny]), -16_777_218.0);
        // Overflow: halfway between f32::MAX and 2^128 is a tie that goes to inf.
        let max = f64::from(f32::MAX);
        let half_gap = 2f64.powi(103);
        assert_eq!(sum_to_f32(&[max, half_gap]), f32::INFINITY);
        assert_eq!(sum_to_f32(&[max, half_gap, -1.0]), f32::MAX);
        assert_eq!(sum_to_f32(&[-max, -half_gap, 1.0]), -f32::MAX);
        assert_eq!(sum_to_f32(&[max, max]), f32::INFINITY);
        assert!(sum_to_f32(&[1.0, f64::NAN]).is_nan());
        assert_eq!(sum_to_f32(&[]), 0.0);
        // Means: (m+2 + m+4 + m+3 + m+3 - 2^-28) / 4 is m+3 - 2^-30, whose double is the
        // float32 midpoint m+3; rounding that double would give m+4.
        let ulp = 2f64.powi(-28);
        let x = [m + 2.0, m + 4.0, m + 3.0, m + 3.0 - ulp];
        assert_eq!(mean(&x), m + 3.0);
        assert_eq!(mean_to_f32(&x), 16_777_218.0);
        assert_eq!(mean_to_f32(&[m + 2.0, m + 4.0]), 16_777_220.0);
        assert_eq!(
            mean_to_f32(&[m, m + 2.0, m + 1.0, m + 1.0 + ulp]),
            16_777_218.0
        );
        assert!(mean_to_f32(&[]).is_nan());
    }

    proptest! {
        #[test]
        fn float32_sum_is_the_exact_sum_rounded_once(
            v in prop::collection::vec(-(1i64 << 26)..(1 << 26), 0..200),
            shift in 0i32..60,
            tie in any::<bool>(),
        ) {
            // Values k * 2^-shift: their sum is exact in i128, and an i128 converts to f32
            // correctly rounded, so the oracle rounds once. `tie` makes every value a multiple
            // of 2^29 but one, so sums often land near float32 midpoints.
            let mut v = v;
            if tie {
                for k in v.iter_mut().skip(1) {
                    *k = (*k >> 3) << 29;
                }
            }
            let x: Vec<f64> = v.iter().map(|&k| k as f64 * 2f64.powi(-shift)).collect();
            let total: i128 = v.iter().map(|&k| i128::from(k)).sum();
            let expected = total as f32 * 2f32.powi(-shift);
            prop_assert_eq!(sum_to_f32(&x), expected);
        }
    }

    #[test]
    fn float32_in_place_specials() {
        assert_eq!(sum_f32(&[]), 0.0);
        assert!(mean_f32(&[]).is_nan());
        assert_eq!(sum_f32(&[f32::MAX, f32::MAX]), f32::INFINITY);
        assert_eq!(sum_f32(&[f32::MAX, f32::MAX, -f32::MAX]), f32::MAX);
        assert_eq!(mean_f32(&[f32::MAX, f32::MAX]), f32::MAX);
        assert!(sum_f32(&[1.0, f32::NAN]).is_nan());
        assert!(sum_f32(&[f32::INFINITY, f32::NEG_INFINITY]).is_nan());
        assert_eq!(sum_f32(&[1.0, f32::INFINITY, 2.0]), f32::INFINITY);
        // 2^24 + 1 is a float32 tie: to even.
        assert_eq!(sum_f32(&[16_777_216.0, 1.0]), 16_777_216.0);
        assert_eq!(sum_f32(&[16_777_218.0, 1.0]), 16_777_220.0);
        assert_eq!(sum_f32(&[1e-45, 1e-45, -1e-45]), 1e-45);
    }

    proptest! {
        /// In place, the float32 kernels give what the float64 ones give on the widened values
        /// (whatever path either takes: chunks, tails, the exact fallback).
        #[test]
        fn float32_in_place_matches_the_widened_kernels(
            v in prop::collection::vec((-(1i32 << 24)..(1 << 24), -40i32..40), 0..300),
            cancel in any::<bool>(),
        ) {
            let mut x: Vec<f32> = v.iter().map(|&(k, e)| k as f32 * 2f32.powi(e)).collect();
            if cancel {
                let negated: Vec<f32> = x.iter().map(|&v| -v).collect();
                x.extend(negated);
                x.push(1.0);
            }
            let wide: Vec<f64> = x.iter().map(|&v| f64::from(v)).collect();
            prop_assert_eq!(sum_f32(&x).to_bits(), sum_to_f32(&wide).to_bits());
            let (a, b) = (mean_f32(&x), mean_to_f32(&wide));
            prop_assert!(a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()));
        }
    }

    #[test]
    fn non_finite_follow_fsum() {
        assert_eq!(sum(&[1.0, f64::INFINITY, 2.0]), f64::INFINITY);
        assert_eq!(sum(&[f64::NEG_INFINITY; 20]), f64::NEG_INFINITY);
        assert!(sum(&[f64::INFINITY, f64::NEG_INFINITY]).is_nan());
        assert!(sum(&[1.0, f64::NAN]).is_nan());
        assert_eq!(sum(&[f64::MAX, f64::MAX]), f64::INFINITY);
        // Where fsum raises OverflowError on a partial sum, the exact sum is rounded.
        assert_eq!(sum(&[f64::MAX, f64::MAX, -f64::MAX]), f64::MAX);
        assert_eq!(mean(&[f64::MAX, f64::MAX]), f64::MAX);
        // An exact zero is +0.0 (fsum's), whatever the signs of the zeros.
        assert_eq!(sum(&[-0.0]).to_bits(), 0.0f64.to_bits());
        assert_eq!(sum(&[-0.0; 20]).to_bits(), 0.0f64.to_bits());
        assert_eq!(sum(&[1.5, -1.5]).to_bits(), 0.0f64.to_bits());
    }

    /// Shewchuk's exact partials followed by the half-way correction of CPython's
    /// `math.fsum`: an independent (floating-point, not integer) oracle of the correctly
    /// rounded sum, for finite inputs whose partial sums do not overflow.
    fn fsum_reference(x: &[f64]) -> f64 {
        if x.iter().any(|v| v.is_nan()) {
            return f64::NAN;
        }
        let pos = x.contains(&f64::INFINITY);
        let neg = x.contains(&f64::NEG_INFINITY);
        match (pos, neg) {
            (true, true) => return f64::NAN,
            (true, false) => return f64::INFINITY,
            (false, true) => return f64::NEG_INFINITY,
            (false, false) => {}
        }
        let mut partials: Vec<f64> = Vec::new();
        for &v in x {
            let mut v = v;
            let mut kept = 0;
            for j in 0..partials.len() {
                let mut y = partials[j];
                if v.abs() < y.abs() {
                    core::mem::swap(&mut v, &mut y);
                }
                let hi = v + y;
                let lo = y - (hi - v);
                if lo != 0.0 {
                    partials[kept] = lo;
                    kept += 1;
                }
                v = hi;
            }
            partials.truncate(kept);
            partials.push(v);
        }
        let Some(mut n) = partials.len().checked_sub(1) else {
            return 0.0;
        };
        let mut hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            lo = y - (hi - x);
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
        // fsum's zero is +0.0 (its partials drop exact zeros).
        if hi == 0.0 { 0.0 } else { hi }
    }

    /// Finite doubles over the whole range (any bit pattern), below 1e300 so that the
    /// reference's partial sums never overflow, with a sprinkle of simple ones.
    fn wide_value() -> impl Strategy<Value = f64> {
        prop_oneof![
            4 => any::<u64>()
                .prop_map(f64::from_bits)
                .prop_filter("finite, moderate", |v| v.is_finite() && v.abs() < 1e300),
            2 => -1e6f64..1e6,
            1 => (-1074i32..1000).prop_map(|e| 2f64.powi(e)),
            1 => Just(1.0),
            1 => Just(-0.0),
        ]
    }

    /// `x` with each element followed, at random, by its negation or a nearby value: exact
    /// cancellation, so the small elements decide the result.
    fn cancelling(x: &[f64], seed: u64) -> Vec<f64> {
        let mut state = seed | 1;
        let mut out = Vec::with_capacity(2 * x.len());
        for &v in x {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            out.push(v);
            match state % 3 {
                0 => out.push(-v),
                1 => out.push(-v * (1.0 + f64::EPSILON)),
                _ => {}
            }
        }
        // A deterministic shuffle, so that the pairs do not sit side by side.
        for i in (1..out.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            out.swap(i, (state % (i as u64 + 1)) as usize);
        }
        out
    }

    #[test]
    fn dot_checks_lengths() {
        assert_eq!(
            dot(&[1.0], &[1.0, 2.0]),
            Err(Error::LengthMismatch { left: 1, right: 2 })
        );
        assert_eq!(dot(&[], &[]), Ok(0.0));
    }

    #[test]
    fn dot_small_exact() {
        let x: Vec<f64> = (0..37).map(f64::from).collect();
        let expected: f64 = (0..37).map(|i| f64::from(i * i)).sum();
        assert_eq!(dot(&x, &x).unwrap(), expected);
    }

    #[test]
    fn prod_values() {
        assert_eq!(prod(&[]), 1.0);
        let x: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(prod(&x), 2432902008176640000.0);
        assert_eq!(prod(&[2.0; 1100]), f64::INFINITY);
        assert!(prod(&[0.0, f64::INFINITY]).is_nan());
        assert!(prod(&[1.0, f64::NAN, 0.0]).is_nan());
    }

    #[test]
    fn min_max_and_args_follow_numpy() {
        let empty: [f64; 0] = [];
        assert_eq!(
            max(&empty),
            Err(Error::EmptyReduction {
                function: "maximum"
            })
        );
        assert_eq!(
            min(&empty).unwrap_err().kind(),
            crate::ErrorKind::InvalidValue
        );
        assert!(argmax(&empty).is_err());
        assert!(argmin(&empty).is_err());
        let x = [1.0, 7.0, -3.0, 7.0, -3.0];
        assert_eq!(max(&x), Ok(7.0));
        assert_eq!(min(&x), Ok(-3.0));
        assert_eq!(argmax(&x), Ok(1));
        assert_eq!(argmin(&x), Ok(2));
        // numpy: argmax([1, nan, 5, nan]) == 1, max == nan.
        let y = [1.0, f64::NAN, 5.0, f64::NAN];
        assert!(max(&y).unwrap().is_nan());
        assert!(min(&y).unwrap().is_nan());
        assert_eq!(argmax(&y), Ok(1));
        assert_eq!(argmin(&y), Ok(1));
        // argmin([0.0, -0.0]) == 0 in numpy.
        assert_eq!(argmin(&[0.0, -0.0]), Ok(0));
        assert_eq!(argmax(&[f64::NEG_INFINITY; 3]), Ok(0));
    }

    #[test]
    fn var_follows_numpy() {
        assert!(var(&[], 0.0).is_nan());
        assert_eq!(var(&[1.0, 2.0, 3.0, 4.0], 0.0), 1.25);
        assert_eq!(var(&[1.0, 2.0, 3.0, 4.0], 1.0), 5.0 / 3.0);
        assert_eq!(std(&[1.0, 3.0], 0.0), 1.0);
        // numpy 2: divisor max(n - ddof, 0): inf for non-zero deviations, NaN for none.
        assert_eq!(var(&[1.0, 2.0], 2.0), f64::INFINITY);
        assert_eq!(var(&[1.0, 2.0], 3.0), f64::INFINITY);
        assert!(var(&[1.0, 1.0], 2.0).is_nan());
        // Negative ddof is allowed: 0.5 / 3.
        assert_eq!(var(&[1.0, 2.0], -1.0), 0.5 / 3.0);
        assert!(var(&[1.0, f64::NAN], 0.0).is_nan());
        assert!(var(&[1.0, f64::INFINITY], 0.0).is_nan());
        assert_eq!(var(&[5.0; 17], 0.0), 0.0);
    }

    #[test]
    fn var_survives_a_large_offset() {
        // The one-pass formula E[x^2] - E[x]^2 returns garbage here (1e18 * eps ~ 100).
        let x: Vec<f64> = (0..1000).map(|i| 1e9 + f64::from(i % 4)).collect();
        assert_eq!(var(&x, 0.0), 1.25);
    }

    proptest! {
        #[test]
        fn var_matches_exact_rational(v in prop::collection::vec(-1_000_000i64..1_000_000, 1..300),
                                      offset in -1_000_000_000i64..1_000_000_000,
                                      ddof in 0u8..3) {
            // On integers, n * (n - ddof) * var = n * sum(x^2) - sum(x)^2 exactly in i128.
            prop_assume!(v.len() > usize::from(ddof));
            let xs: Vec<i128> = v.iter().map(|&k| i128::from(k + offset)).collect();
            let x: Vec<f64> = xs.iter().map(|&k| k as f64).collect();
            let n = xs.len() as i128;
            let s: i128 = xs.iter().sum();
            let s2: i128 = xs.iter().map(|k| k * k).sum();
            let numerator = n * s2 - s * s;
            let exact = numerator as f64 / (n * (n - i128::from(ddof))) as f64;
            let got = var(&x, f64::from(ddof));
            prop_assert!((got - exact).abs() <= 1e-12 * exact.abs(), "{} vs {}", got, exact);
            prop_assert!((std(&x, f64::from(ddof)) - exact.sqrt()).abs() <= 1e-12 * exact.sqrt());
        }

        #[test]
        fn argmax_argmin_match_linear_scan(v in prop::collection::vec(prop_oneof![
                10 => (-20i32..20).prop_map(f64::from),
                1 => Just(f64::NAN),
                1 => Just(f64::INFINITY),
                1 => Just(f64::NEG_INFINITY),
            ], 1..100)) {
            // Reference: the first NaN, else the first strictly better element.
            let scan = |better: fn(f64, f64) -> bool| -> usize {
                if let Some(i) = v.iter().position(|x| x.is_nan()) {
                    return i;
                }
                let mut best = 0;
                for (i, &x) in v.iter().enumerate() {
                    if better(x, v[best]) {
                        best = i;
                    }
                }
                best
            };
            prop_assert_eq!(argmax(&v).unwrap(), scan(|a, b| a > b));
            prop_assert_eq!(argmin(&v).unwrap(), scan(|a, b| a < b));
            let m = max(&v).unwrap();
            let expect = v[scan(|a, b| a > b)];
            prop_assert!(m == expect || (m.is_nan() && expect.is_nan()));
            let m = min(&v).unwrap();
            let expect = v[scan(|a, b| a < b)];
            prop_assert!(m == expect || (m.is_nan() && expect.is_nan()));
        }

        #[test]
        fn argmax_argmin_across_blocks(
            len in 1usize..3 * ARG_BLOCK + 2 * LANES + 3,
            spikes in prop::collection::vec((0usize..1 << 16, prop_oneof![
                Just(5.0), Just(-5.0), Just(0.0), Just(-0.0), Just(f64::NAN),
                Just(f64::INFINITY), Just(f64::NEG_INFINITY),
            ]), 0..6),
        ) {
            // Mostly small integers (many ties), with a few extreme or NaN values anywhere,
            // block and lane boundaries included.
            let mut v: Vec<f64> = (0..len).map(|i| f64::from((i * 7 % 11) as u8) - 5.0).collect();
            for (at, value) in spikes {
                let i = at % len;
                v[i] = value;
            }
            let scan = |better: fn(f64, f64) -> bool| -> usize {
                if let Some(i) = v.iter().position(|x| x.is_nan()) {
                    return i;
                }
                let mut best = 0;
                for (i, &x) in v.iter().enumerate() {
                    if better(x, v[best]) {
                        best = i;
                    }
                }
                best
            };
            prop_assert_eq!(argmax(&v).unwrap(), scan(|a, b| a > b));
            prop_assert_eq!(argmin(&v).unwrap(), scan(|a, b| a < b));
            // The blocks wasm uses.
            prop_assert_eq!(block_extreme::<true>(&v, "argmax").unwrap(), scan(|a, b| a > b));
            prop_assert_eq!(block_extreme::<false>(&v, "argmin").unwrap(), scan(|a, b| a < b));
        }

        #[test]
        fn float32_argmax_argmin_dot_equal_the_float64_ones(
            len in 1usize..3 * ARG_BLOCK + 5,
            spikes in prop::collection::vec((0usize..1 << 16, prop_oneof![
                Just(5.0f32), Just(-5.0), Just(0.0), Just(-0.0), Just(f32::NAN),
                Just(f32::INFINITY), Just(f32::NEG_INFINITY),
            ]), 0..6),
        ) {
            let mut v: Vec<f32> = (0..len).map(|i| f32::from((i * 7 % 11) as u8) - 5.0).collect();
            for (at, value) in spikes {
                let i = at % len;
                v[i] = value;
            }
            let w: Vec<f32> = (0..len).map(|i| (i as f32).sin()).collect();
            let wide: Vec<f64> = v.iter().map(|&x| f64::from(x)).collect();
            let wide_w: Vec<f64> = w.iter().map(|&x| f64::from(x)).collect();
            prop_assert_eq!(argmax_f32(&v).unwrap(), argmax(&wide).unwrap());
            prop_assert_eq!(argmin_f32(&v).unwrap(), argmin(&wide).unwrap());
            prop_assert_eq!(dot_f32(&w, &v).unwrap().to_bits(), dot(&wide_w, &wide).unwrap().to_bits());
        }

        #[test]
        fn float32_kernels_read_in_place_equal_the_float64_ones_of_their_values(
            v in prop::collection::vec(prop_oneof![
                8 => -1e3f32..1e3,
                1 => prop::num::f32::ANY,
                1 => Just(0.0f32), 1 => Just(-0.0f32),
            ], 0..300),
            ddof in 0.0f64..2.0,
        ) {
            let wide: Vec<f64> = v.iter().map(|&x| f64::from(x)).collect();
            let bits = |x: f64| x.to_bits();
            prop_assert_eq!(bits(prod_f32(&v)), bits(prod(&wide)));
            prop_assert_eq!(bits(var_f32(&v, ddof)), bits(var(&wide, ddof)));
            prop_assert_eq!(bits(std_f32(&v, ddof)), bits(std(&wide, ddof)));
            if !v.is_empty() {
                let max32 = f64::from(max_f32(&v).unwrap());
                let min32 = f64::from(min_f32(&v).unwrap());
                prop_assert_eq!(max32.is_nan(), max(&wide).unwrap().is_nan());
                prop_assert!(max32.is_nan() || max32 == max(&wide).unwrap());
                prop_assert!(min32.is_nan() || min32 == min(&wide).unwrap());
                prop_assert_eq!(min32.is_nan(), min(&wide).unwrap().is_nan());
            }
        }

        #[test]
        fn prod_matches_sequential_on_exact_values(v in prop::collection::vec(-4i32..5, 0..25)) {
            let x: Vec<f64> = v.iter().map(|&k| f64::from(k)).collect();
            let exact: f64 = x.iter().product(); // |product| <= 4^25 = 2^50: every partial product is exact
            prop_assert_eq!(prod(&x), exact);
        }
    }

    /// Cuts `x` at the (sorted, clamped) points `cuts`: arbitrary pieces, empty ones included.
    fn pieces<'a>(x: &'a [f64], cuts: &[usize]) -> Vec<&'a [f64]> {
        let mut points: Vec<usize> = cuts.iter().map(|&c| c.min(x.len())).collect();
        points.sort_unstable();
        let mut out = Vec::new();
        let mut start = 0;
        for p in points {
            out.push(&x[start..p]);
            start = p;
        }
        out.push(&x[start..]);
        out
    }

    /// The one-shot loop as it was before [`DotAcc`]: the streaming form (and the one-shot
    /// function now built on it) must give exactly these results.
    fn dot_before(x: &[f64], y: &[f64]) -> f64 {
        let mut acc = [0.0f64; LANES];
        let xs = x.chunks_exact(LANES);
        let ys = y.chunks_exact(LANES);
        let (x_tail, y_tail) = (xs.remainder(), ys.remainder());
        for (cx, cy) in xs.zip(ys) {
            for i in 0..LANES {
                acc[i] += cx[i] * cy[i];
            }
        }
        let mut total = 0.0;
        for (a, b) in x_tail.iter().zip(y_tail) {
            total += a * b;
        }
        let mut width = LANES;
        while width > 1 {
            width /= 2;
            for i in 0..width {
                acc[i] += acc[i + width];
            }
        }
        acc[0] + total
    }

    /// The same bits, or both NaN: which NaN an operation returns (sign, payload) depends on
    /// operand order, which the optimiser may change between two loops; IEEE and fastmath
    /// promise only that the result is a NaN.
    fn same_bits(a: f64, b: f64) -> bool {
        a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
    }

    fn value() -> impl Strategy<Value = f64> {
        prop_oneof![
            20 => -1e6f64..1e6,
            2 => (-300i32..300).prop_map(|e| 1.5 * 2f64.powi(e)),
            1 => Just(1e300),
            1 => Just(-1e300),
            1 => Just(-0.0),
            1 => Just(f64::INFINITY),
            1 => Just(f64::NAN),
        ]
    }

    #[test]
    fn streaming_empty_and_lane_sized_pieces() {
        let acc = SumAcc::new();
        assert!(acc.is_empty() && acc.sum() == 0.0 && acc.mean().is_nan());
        assert_eq!(DotAcc::new().dot(), 0.0);
        let x: Vec<f64> = (0..100).map(|i| f64::from(i) * 0.1).collect();
        let mut acc = SumAcc::new();
        let mut dot_acc = DotAcc::new();
        for piece in x.chunks(LANES * 3) {
            acc.push(piece);
            dot_acc.push(piece, piece).unwrap();
        }
        assert_eq!(acc.len(), 100);
        assert_eq!(acc.sum().to_bits(), sum(&x).to_bits());
        assert_eq!(acc.mean().to_bits(), mean(&x).to_bits());
        assert_eq!(dot_acc.dot().to_bits(), dot(&x, &x).unwrap().to_bits());
        assert_eq!(
            dot_acc.push(&[1.0], &[]),
            Err(Error::LengthMismatch { left: 1, right: 0 })
        );
        assert_eq!(dot_acc.dot().to_bits(), dot(&x, &x).unwrap().to_bits());
    }

    proptest! {
        #[test]
        fn streaming_sum_and_mean_equal_one_shot_bit_for_bit(
            x in prop::collection::vec(value(), 0..200),
            cuts in prop::collection::vec(0usize..200, 0..12),
            seed in any::<u64>(),
        ) {
            // The pieces of a permutation of `x`: neither the order nor the cuts matter.
            let x_perm = shuffled(&x, seed);
            let mut acc = SumAcc::new();
            for piece in pieces(&x_perm, &cuts) {
                acc.push(piece);
            }
            prop_assert_eq!(acc.len(), x.len());
            prop_assert!(same_bits(acc.sum(), sum(&x)));
            prop_assert!(same_bits(sum(&x), fsum_reference(&x)));
            prop_assert!(same_bits(acc.mean(), mean(&x)));
        }

        #[test]
        fn streaming_dot_equals_one_shot_bit_for_bit(
            xy in prop::collection::vec((value(), value()), 0..200),
            cuts in prop::collection::vec(0usize..200, 0..12),
        ) {
            let (x, y): (Vec<f64>, Vec<f64>) = xy.into_iter().unzip();
            let mut acc = DotAcc::new();
            for (px, py) in pieces(&x, &cuts).into_iter().zip(pieces(&y, &cuts)) {
                acc.push(px, py).unwrap();
            }
            prop_assert!(same_bits(acc.dot(), dot(&x, &y).unwrap()));
            prop_assert!(same_bits(dot(&x, &y).unwrap(), dot_before(&x, &y)));
        }
    }

    proptest! {
        #[test]
        fn sum_is_exactly_rounded_on_grid(v in prop::collection::vec(-1_000_000i64..1_000_000, 0..300),
                                          shift in 0i32..40) {
            // Values k * 2^-shift: sums of such values are exact in i128, so the oracle is exact.
            let x: Vec<f64> = v.iter().map(|&k| k as f64 * 2f64.powi(-shift)).collect();
            prop_assert_eq!(sum(&x), exact_sum(&x));
        }

        #[test]
        fn sum_equals_the_fsum_reference(x in prop::collection::vec(wide_value(), 0..120),
                                         seed in any::<u64>()) {
            let x = cancelling(&x, seed);
            let expected = fsum_reference(&x);
            prop_assert_eq!(sum(&x).to_bits(), expected.to_bits(), "{:?}", x);
            let mut reversed = x.clone();
            reversed.reverse();
            prop_assert_eq!(sum(&reversed).to_bits(), expected.to_bits());
        }

        #[test]
        fn long_sums_equal_the_reference_whatever_the_blocks(
            scale in -300i32..300,
            spread in 0u32..80,
            n in 1000usize..5000,
            seed in any::<u64>(),
            cuts in prop::collection::vec(0usize..5000, 0..6),
        ) {
            // Values over 2^spread binades around 2^scale: few binades take the vectorised
            // blocks, many the element-wise fallback; both are exact.
            let mut state = seed | 1;
            let x: Vec<f64> = (0..n).map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let unit = (state >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0;
                let binade = (state % u64::from(spread + 1)) as i32;
                unit * 2f64.powi(scale - binade)
            }).collect();
            let x = cancelling(&x, seed);
            let expected = fsum_reference(&x);
            let mut acc = SumAcc::new();
            for piece in pieces(&x, &cuts) {
                acc.push(piece);
            }
            prop_assert_eq!(acc.sum().to_bits(), expected.to_bits());
            prop_assert_eq!(sum(&x).to_bits(), expected.to_bits());
        }

        #[test]
        fn mean_of_integers_is_the_rounded_quotient(v in prop::collection::vec(-(1i64 << 40)..(1 << 40), 1..300)) {
            // |sum| < 2^49: the sum converts exactly, so one IEEE division rounds it correctly.
            let x: Vec<f64> = v.iter().map(|&k| k as f64).collect();
            let total: i64 = v.iter().sum();
            prop_assert_eq!(mean(&x), total as f64 / v.len() as f64);
        }

        #[test]
        fn sum_survives_huge_cancellation(v in prop::collection::vec(-1000i64..1000, 1..200)) {
            let mut x: Vec<f64> = v.iter().map(|&k| k as f64).collect();
            let small: f64 = x.iter().sum();
            x.insert(0, 1e20);
            x.push(-1e20);
            prop_assert_eq!(sum(&x), small);
        }

        #[test]
        fn dot_matches_exact_integer_products(v in prop::collection::vec(-1000i64..1000, 0..300)) {
            let x: Vec<f64> = v.iter().map(|&k| k as f64).collect();
            let expected: i64 = v.iter().map(|k| k * k).sum();
            prop_assert_eq!(dot(&x, &x).unwrap(), expected as f64);
        }
    }

    /// `x` in a deterministic pseudo-random order.
    fn shuffled(x: &[f64], seed: u64) -> Vec<f64> {
        let mut state = seed | 1;
        let mut out = x.to_vec();
        for i in (1..out.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            out.swap(i, (state % (i as u64 + 1)) as usize);
        }
        out
    }

    /// Uniform pseudo-random doubles in `[-1, 1)` times `scale`.
    fn uniform(n: usize, seed: u64, scale: f64) -> Vec<f64> {
        let mut state = seed | 1;
        (0..n)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                ((state >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0) * scale
            })
            .collect()
    }

    #[test]
    fn ordinary_data_takes_the_fast_path() {
        // The speed of `sum` and `mean` rests on this: if the certificate stops passing on
        // everyday data, everything runs at the exact accumulator's pace.
        let mut cases: Vec<Vec<f64>> = vec![
            uniform(100_000, 1, 1.0),
            uniform(1000, 2, 1e290),
            uniform(1000, 3, 1e-250),
            uniform(100_000, 4, 1.0).iter().map(|v| v + 1.0).collect(),
            (0..100_000).map(|i| 0.1 * f64::from(i)).collect(),
            (0..1000).map(|i| f64::from(i % 7) - 2.5).collect(),
            vec![0.1, 0.7, 2.5], // (0.1 * 3 is a tie, which rightly is not proved)
            vec![1.0; 1],
        ];
        let sines: Vec<f64> = (0..50_000)
            .map(|i| f64::from(i).sin() * 1e3 + 7.0)
            .collect();
        cases.push(sines);
        for x in &cases {
            assert!(sum_is_fast(x), "sum of {} values, first {}", x.len(), x[0]);
            let c = certified::sum(x).unwrap();
            assert!(
                certified::mean(c, x.len()).is_some(),
                "mean of {} values",
                x.len()
            );
            assert_eq!(sum(x).to_bits(), exact(x).sum().to_bits());
            assert_eq!(mean(x).to_bits(), exact(x).mean().to_bits());
        }
    }

    #[test]
    fn adversarial_sums_are_exact() {
        let tiny = f64::from_bits(1);
        let half_ulp = 2f64.powi(-53);
        let big = f64::MAX;
        let ulp_max = 2f64.powi(971);
        // (input, correctly rounded sum)
        let cases: Vec<(Vec<f64>, f64)> = vec![
            // Midpoints: ties to even, and a tiny term that breaks the tie either way.
            (vec![1.0, half_ulp], 1.0),
            (vec![1.0 + 2.0 * half_ulp, half_ulp], 1.0 + 4.0 * half_ulp),
            (vec![1.0, half_ulp, tiny], 1.0 + 2.0 * half_ulp),
            (vec![1.0, half_ulp, -tiny], 1.0),
            (vec![-1.0, -half_ulp, 1e-300], -1.0),
            (vec![1e300, 1.0, -1e300, half_ulp, 1.0], 2.0),
            // Huge and tiny mixtures.
            (vec![1e308, 1e-308, -1e308], 1e-308),
            (vec![1e200, 1e-200, 1e100, -1e200, -1e100], 1e-200),
            (vec![2f64.powi(1000), tiny, -(2f64.powi(1000))], tiny),
            // Subnormals.
            (vec![tiny; 5], 5.0 * tiny),
            (vec![f64::MIN_POSITIVE, -tiny], f64::MIN_POSITIVE - tiny),
            (
                vec![3.0 * tiny, -tiny, f64::MIN_POSITIVE],
                f64::MIN_POSITIVE + 2.0 * tiny,
            ),
            // Near overflow: the exact sum decides, not a partial one.
            (vec![big, big, -big], big),
            (vec![big, ulp_max / 2.0], f64::INFINITY),
            (vec![big, ulp_max / 2.0, -tiny], big),
            (vec![-big, -big], f64::NEG_INFINITY),
            (vec![big, big, -big, -big, 1.5], 1.5),
            // Exact zeros are +0.0.
            (vec![-0.0, -0.0], 0.0),
            (vec![big, -big], 0.0),
            (vec![-1e-300, 1e-300], 0.0),
        ];
        for (x, expected) in cases {
            for offset in [0, 3, LANES, 2 * LANES + 5] {
                // The same values spread over lanes and tail, with cancelling filler.
                let mut long: Vec<f64> = Vec::new();
                for (i, &v) in x.iter().enumerate() {
                    long.extend((0..offset + i).map(|k| if k % 2 == 0 { 0.25 } else { -0.25 }));
                    if (offset + i) % 2 == 1 {
                        long.push(-0.25);
                    }
                    long.push(v);
                }
                for y in [&x, &long, &shuffled(&long, offset as u64 + 11)] {
                    assert_eq!(
                        sum(y).to_bits(),
                        expected.to_bits(),
                        "{x:?} as {} values",
                        y.len()
                    );
                    let mut acc = SumAcc::new();
                    for piece in y.chunks(3) {
                        acc.push(piece);
                    }
                    assert_eq!(acc.sum().to_bits(), expected.to_bits());
                }
            }
        }
    }

    #[test]
    fn specials_in_any_position() {
        let nan = f64::NAN;
        let inf = f64::INFINITY;
        let cases: Vec<(Vec<f64>, f64)> = vec![
            (vec![1.0, inf], inf),
            (vec![-inf, 1e308, 1e308], -inf),
            (vec![inf, f64::MAX, f64::MAX], inf),
            (vec![inf, inf, 1.0], inf),
            (vec![inf, -inf], nan),
            (vec![nan, 1.0], nan),
            (vec![nan, inf], nan),
            (vec![-inf, nan, -inf], nan),
        ];
        for (x, expected) in cases {
            for at in 0..2 * LANES + 3 {
                let mut y = uniform(2 * LANES + 3, at as u64 + 1, 1.0);
                for (k, &v) in x.iter().enumerate() {
                    y.insert((at + 5 * k) % (y.len() + 1), v);
                }
                let (s, m) = (sum(&y), mean(&y));
                assert!(same_bits(s, expected) && same_bits(m, expected), "{y:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn fast_and_exact_paths_agree(x in prop::collection::vec(wide_value(), 0..200),
                                      seed in any::<u64>(),
                                      cancel in any::<bool>()) {
            // Whichever path `sum` and `mean` take, they equal the exact accumulator's values.
            let x = if cancel { cancelling(&x, seed) } else { x };
            prop_assert_eq!(sum(&x).to_bits(), exact(&x).sum().to_bits());
            prop_assert_eq!(mean(&x).to_bits(), exact(&x).mean().to_bits());
        }

        #[test]
        fn mean_of_uniform_data_is_the_exact_mean(n in 1usize..3000, seed in any::<u64>(),
                                                  scale in -300i32..300) {
            let x = uniform(n, seed, 2f64.powi(scale));
            prop_assert_eq!(mean(&x).to_bits(), exact(&x).mean().to_bits());
            prop_assert_eq!(sum(&x).to_bits(), fsum_reference(&x).to_bits());
        }
    }
}
