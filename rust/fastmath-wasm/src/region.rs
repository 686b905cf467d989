//! The module's memory that the host copies through, one copy each way.
//!
//! * The *scratch region*: the call's argument header (f64 words, see [`crate::header`]) at its
//!   start, then the bytes of every array argument, written by the runtime
//!   (`fastmath/_wasm/runtime.js`) straight from Pyodide's memory. Arrays are borrowed from it
//!   in place ([`fastmath_api::ArrayRef`]), whatever their dtype and strides.
//! * The *result arena*: result arrays, allocated by fastmath-api through [`ArenaOutputs`] and
//!   read by the runtime after the call (before the next one, which reuses the arena).
//!
//! Both are `Vec<u64>`s (so every f64 inside is aligned), grown on demand and never shrunk, so
//! a loop of calls of one size allocates nothing. Memory only grows inside [`scratch`] and
//! during a call; the runtime re-makes its views of the module's memory after those.

use std::cell::RefCell;
use std::ops::Range;

use fastmath_api::array::element_count;
use fastmath_api::{ApiError, DType, OutSlice, OutSpec, Outputs, Ret};
use wasm_bindgen::prelude::*;

use crate::errors::Failure;

thread_local! {
    static SCRATCH: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
    static ARENA: RefCell<Arena> = const { RefCell::new(Arena::new()) };
}

/// Grows the scratch region to at least `bytes` bytes and returns its byte address. Refused
/// with a MemoryError naming function `index` when the module's memory cannot grow that far
/// (the region is then empty, and the next call starts afresh). Contents are not preserved
/// across growth: the runtime writes the arguments after this call.
#[wasm_bindgen(skip_typescript)]
pub fn scratch(bytes: usize, index: u32) -> Result<usize, JsValue> {
    Ok(scratch_for(bytes, index)?)
}

pub(crate) fn scratch_for(bytes: usize, index: u32) -> Result<usize, Failure> {
    grow_scratch(bytes).ok_or_else(|| {
        let name = fastmath_api::functions()
            .get(index as usize)
            .map_or("fastmath", |f| f.name);
        let elements = bytes.div_ceil(8);
        Failure::Api(ApiError::out_of_memory_elements(elements, DType::F64).for_function(name))
    })
}

pub(crate) fn grow_scratch(bytes: usize) -> Option<usize> {
    SCRATCH.with(|s| {
        let mut s = s.borrow_mut();
        let words = bytes.div_ceil(8);
        if s.len() < words {
            // Drop the old contents first so growth never needs old + new at once.
            *s = Vec::new();
            s.try_reserve_exact(words).ok()?;
            s.resize(words, 0);
        }
        Some(s.as_ptr() as usize)
    })
}

/// Runs `f` on the scratch region, as words and as bytes.
pub(crate) fn with_scratch<R>(f: impl FnOnce(&[u64], &[u8]) -> R) -> R {
    SCRATCH.with(|s| {
        let s = s.borrow();
        f(&s, bytemuck::cast_slice(&s))
    })
}

/// Test-only: the scratch region holding `words` (grown to fit).
#[cfg(test)]
pub(crate) fn set_scratch(words: &[u64]) {
    SCRATCH.with(|s| {
        let mut s = s.borrow_mut();
        s.clear();
        s.extend_from_slice(words);
    });
}

/// Runs `f` on the result arena.
pub(crate) fn with_arena<R>(f: impl FnOnce(&mut Arena) -> R) -> R {
    ARENA.with(|a| f(&mut a.borrow_mut()))
}

/// One result array in the arena.
pub(crate) struct ArenaArray {
    pub dtype: DType,
    /// Its shape: a range of [`Arena::dims`].
    shape: Range<usize>,
    /// Position in the arena, in words (8 bytes).
    pub at: usize,
}

impl ArenaArray {
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }
}

/// The result arrays of the current call. Its vectors keep their capacity from call to call.
pub(crate) struct Arena {
    words: Vec<u64>,
    used: usize,
    pub arrays: Vec<ArenaArray>,
    /// The shapes of `arrays`, one after the other.
    dims: Vec<usize>,
}

impl Arena {
    const fn new() -> Self {
        Self {
            words: Vec::new(),
            used: 0,
            arrays: Vec::new(),
            dims: Vec::new(),
        }
    }

    /// Forgets the previous call's results (the runtime has copied them out).
    pub fn reset(&mut self) {
        self.used = 0;
        self.arrays.clear();
        self.dims.clear();
    }

    /// The byte address of array `n`'s first element.
    pub fn address(&self, n: usize) -> Option<usize> {
        let array = self.arrays.get(n)?;
        let offset = array.at.checked_mul(8)?;
        (self.words.as_ptr() as usize).checked_add(offset)
    }

    /// The shape of `array` (one of this arena's).
    pub fn shape(&self, array: &ArenaArray) -> &[usize] {
        self.dims.get(array.shape.clone()).unwrap_or_default()
    }

    /// Room for `count` more words after the used part, or `None` when memory cannot grow.
    fn reserve(&mut self, count: usize) -> Option<()> {
        let need = self.used.checked_add(count)?;
        if let Some(more) = need.checked_sub(self.words.len()).filter(|&m| m > 0) {
            self.words.try_reserve_exact(more).ok()?;
            self.words.resize(need, 0);
        }
        Some(())
    }
}

/// fastmath-api's result allocation ([`Outputs`]) over the arena.
pub(crate) struct ArenaOutputs<'x> {
    pub arena: &'x mut Arena,
    /// Whether the host can return numpy arrays: without numpy, an N-D result with a zero in
    /// its shape has no Python form (a memoryview cannot have one) and is refused.
    pub numpy: bool,
}

impl Outputs for ArenaOutputs<'_> {
    fn arrays(
        &mut self,
        specs: &[OutSpec<'_>],
        fill: &mut dyn FnMut(&mut [OutSlice<'_>]) -> Result<(), ApiError>,
    ) -> Result<Vec<Ret>, ApiError> {
        // The words of each array.
        let mut counts = Vec::with_capacity(specs.len());
        for spec in specs {
            let too_large = || ApiError::result_too_large(spec.dtype, spec.shape);
            let count = element_count(spec.shape).ok_or_else(too_large)?;
            if !self.numpy && spec.shape.len() >= 2 && count == 0 {
                return Err(ApiError::needs_numpy(spec.shape));
            }
            // Each array starts on a word (8 bytes: aligned for every dtype) and takes the
            // words its bytes need.
            let words = count
                .checked_mul(spec.dtype.itemsize())
                .map(|bytes| bytes.div_ceil(8))
                .ok_or_else(too_large)?;
            counts.push(words);
        }
        let total = counts.iter().try_fold(0usize, |t, &c| t.checked_add(c));
        let arena = &mut *self.arena;
        if total.and_then(|t| arena.reserve(t)).is_none() {
            // Name the largest array: the one that did not fit.
            let spec = specs
                .iter()
                .zip(&counts)
                .max_by_key(|(_, c)| **c)
                .map(|(s, _)| *s);
            let (dtype, shape) = spec.map_or((DType::F64, &[][..]), |s| (s.dtype, s.shape));
            return Err(ApiError::result_too_large(dtype, shape));
        }
        let start = arena.used;
        let mut rest = arena.words.get_mut(start..).unwrap_or_default();
        let mut slices = Vec::with_capacity(specs.len());
        for (spec, &count) in specs.iter().zip(&counts) {
            let (mine, after) = std::mem::take(&mut rest)
                .split_at_mut_checked(count)
                .ok_or_else(|| ApiError::invalid("internal error: the arena is too small"))?;
            rest = after;
            let bytes: &mut [u8] = bytemuck::cast_slice_mut(mine);
            // The array's own bytes: the last word may have room to spare.
            let used = element_count(spec.shape)
                .and_then(|n| n.checked_mul(spec.dtype.itemsize()))
                .and_then(|n| bytes.get_mut(..n))
                .ok_or_else(|| ApiError::invalid("internal error: the arena is too small"))?;
            slices.push(OutSlice::new(spec.dtype, used));
        }
        fill(&mut slices)?;
        let first = arena.arrays.len();
        let mut at = start;
        for (spec, &count) in specs.iter().zip(&counts) {
            let dims = arena.dims.len();
            arena.dims.extend_from_slice(spec.shape);
            arena.arrays.push(ArenaArray {
                dtype: spec.dtype,
                shape: dims..arena.dims.len(),
                at,
            });
            // Cannot overflow: `reserve` checked the total.
            at = at.saturating_add(count);
        }
        arena.used = at;
        Ok((first..arena.arrays.len()).map(Ret::Array).collect())
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    use super::*;
    use fastmath_api::outputs::{f64_array, i64_array};

    #[test]
    fn results_are_laid_out_one_after_the_other() {
        let mut arena = Arena::new();
        let mut out = ArenaOutputs {
            arena: &mut arena,
            numpy: false,
        };
        let a = f64_array(&mut out, &[2, 2], |o| {
            o.copy_from_slice(&[1.0, 2.0, 3.0, 4.0]);
            Ok(())
        })
        .unwrap();
        let b = i64_array(&mut out, &[3], |o| {
            o.copy_from_slice(&[-1, 0, 7]);
            Ok(())
        })
        .unwrap();
        assert_eq!((a, b), (Ret::Array(0), Ret::Array(1)));
        assert_eq!(arena.arrays[1].at, 4);
        assert_eq!(arena.words[4] as i64, -1);
        assert_eq!(f64::from_bits(arena.words[3]), 4.0);
        arena.reset();
        assert!(arena.arrays.is_empty());
    }

    #[test]
    fn empty_matrices_need_numpy_and_huge_results_are_memory_errors() {
        let mut arena = Arena::new();
        let mut out = ArenaOutputs {
            arena: &mut arena,
            numpy: false,
        };
        let err = f64_array(&mut out, &[0, 3], |_| Ok(())).unwrap_err();
        assert_eq!(err, ApiError::needs_numpy(&[0, 3]));
        assert!(f64_array(&mut out, &[0], |_| Ok(())).is_ok());
        let err = f64_array(&mut out, &[usize::MAX / 4, 4], |_| Ok(())).unwrap_err();
        assert_eq!(
            err,
            ApiError::result_too_large(DType::F64, &[usize::MAX / 4, 4])
        );
        out.numpy = true;
        assert!(f64_array(&mut out, &[0, 3], |_| Ok(())).is_ok());
    }

    #[test]
    fn the_scratch_region_grows_and_never_shrinks() {
        let a = grow_scratch(100).unwrap();
        assert_ne!(a, 0);
        with_scratch(|w, b| assert_eq!((w.len(), b.len()), (13, 104)));
        grow_scratch(8).unwrap();
        with_scratch(|w, _| assert_eq!(w.len(), 13));
    }
}
