//! An N-D array copied into a new C-ordered array of another layout: its axes reordered (numpy's
//! `transpose`, which numpy gives as a view), broadcast to a larger shape (an operand of a
//! binary operation: [`widened`]) or rolled along its axes ([`roll_into`]). fastmath's results own their memory, and the kernels take
//! contiguous slices, so either is one pass over the result with the source's strides
//! rearranged.

use std::borrow::Cow;

use crate::element::Element;
use crate::error::ApiError;

/// C-order element strides of an array of `shape` (with no zero in it: every product is at
/// most the element count).
fn strides(shape: &[usize]) -> Vec<usize> {
    let mut strides = vec![1usize; shape.len()];
    let mut step = 1usize;
    for (s, &n) in strides.iter_mut().zip(shape).rev() {
        *s = step;
        step = step.saturating_mul(n);
    }
    strides
}

/// Fills `out` (C order) from `src`: result axis `k` has `dims[k].0` elements, `dims[k].1`
/// source elements apart (0: the same element repeated).
fn gather<T: Copy>(src: &[T], dims: &[(usize, usize)], out: &mut [T]) {
    let Some((&(n_last, stride_last), outer)) = dims.split_last() else {
        // 0-D: its one element.
        out.iter_mut().zip(src).for_each(|(o, s)| *o = *s);
        return;
    };
    // An odometer over the result's leading axes; the result's last axis is the inner loop.
    let mut index = vec![0usize; outer.len()];
    let mut offset = 0usize;
    for row in out.chunks_exact_mut(n_last.max(1)) {
        if stride_last == 0 {
            if let Some(&v) = src.get(offset) {
                row.fill(v);
            }
        } else {
            let from = src.iter().skip(offset).step_by(stride_last);
            row.iter_mut().zip(from).for_each(|(o, s)| *o = *s);
        }
        for (i, &(n, stride)) in index.iter_mut().zip(outer).rev() {
            *i = i.wrapping_add(1);
            offset = offset.wrapping_add(stride);
            if *i < n {
                break;
            }
            offset = offset.wrapping_sub(stride.wrapping_mul(n));
            *i = 0;
        }
    }
}

/// Writes the elements of `src` (C order, `shape`) into `out` (as long) with the axes in the
/// order `perm` (a permutation of `0..shape.len()`, checked by the caller): result axis `k` is
/// source axis `perm[k]`.
pub fn permute_into<T: Copy>(src: &[T], shape: &[usize], perm: &[usize], out: &mut [T]) {
    if src.is_empty() {
        return;
    }
    let strides = strides(shape);
    let dims: Vec<(usize, usize)> = perm
        .iter()
        .map(|&p| {
            let n = shape.get(p).copied().unwrap_or(1);
            (n, strides.get(p).copied().unwrap_or(1))
        })
        .collect();
    gather(src, &dims, out);
}

/// Writes `src` (C order, `shape`) broadcast to `to` (which `shape` broadcasts to, checked by
/// the caller: see [`crate::broadcast::shapes`]) into `out`, as long as `to` has elements.
fn broadcast_into<T: Copy>(src: &[T], shape: &[usize], to: &[usize], out: &mut [T]) {
    if src.is_empty() || out.is_empty() {
        return;
    }
    let strides = strides(shape);
    // Aligned at the end; a missing or size-1 source axis repeats (stride 0).
    let missing = to.len().saturating_sub(shape.len());
    let dims: Vec<(usize, usize)> = to
        .iter()
        .enumerate()
        .map(|(k, &n)| {
            let source = k.checked_sub(missing);
            let size = source.and_then(|j| shape.get(j)).copied().unwrap_or(1);
            let stride = source.and_then(|j| strides.get(j)).copied().unwrap_or(0);
            (n, if size == 1 { 0 } else { stride })
        })
        .collect();
    gather(src, &dims, out);
}

/// `data` (of `shape`) broadcast to `to` (`len` elements): itself when of that shape already.
/// The result is allocated first, so an impossible one is a MemoryError before any copy.
pub fn widened<'d, T: Element>(
    data: &'d [T],
    shape: &[usize],
    to: &[usize],
    len: usize,
) -> Result<Cow<'d, [T]>, ApiError> {
    if shape == to {
        return Ok(Cow::Borrowed(data));
    }
    let mut wide = Vec::new();
    wide.try_reserve_exact(len)
        .map_err(|_| ApiError::result_too_large(T::DTYPE, to))?;
    wide.resize(len, T::default());
    broadcast_into(data, shape, to, &mut wide);
    Ok(Cow::Owned(wide))
}

/// Writes `src` (C order, `shape`) into `out` (as long) rolled along every axis `k` by
/// `shifts[k]` (at most `shape[k]`; missing entries are 0), as numpy's `roll`: the element at
/// index `j` of axis `k` moves to `(j + shifts[k]) % shape[k]`. Each row of the last axis is
/// two slice copies, its source row found from the rolled indices of the axes before.
pub fn roll_into<T: Copy>(src: &[T], shape: &[usize], shifts: &[usize], out: &mut [T]) {
    let Some((&n_last, outer)) = shape.split_last() else {
        // 0-D: its one element.
        out.iter_mut().zip(src).for_each(|(o, s)| *o = *s);
        return;
    };
    let shift = |k: usize, n: usize| shifts.get(k).copied().unwrap_or(0).checked_rem(n);
    let Some(last) = shift(outer.len(), n_last) else {
        return; // an empty last axis: nothing to write
    };
    let strides = strides(shape);
    let mut index = vec![0usize; outer.len()];
    for row in out.chunks_exact_mut(n_last) {
        // The source row: index `j` of axis `k` comes from `(j - shift) mod n`.
        let mut offset = 0usize;
        for (k, (&j, (&n, &stride))) in index.iter().zip(outer.iter().zip(&strides)).enumerate() {
            let s = shift(k, n).unwrap_or(0);
            let from = j
                .wrapping_add(n.wrapping_sub(s))
                .checked_rem(n)
                .unwrap_or(0);
            offset = offset.wrapping_add(from.wrapping_mul(stride));
        }
        let Some(source) = src.get(offset..).and_then(|s| s.get(..n_last)) else {
            return;
        };
        // `out[last..] = source[..n - last]` and `out[..last] = source[n - last..]`.
        let (head, tail) = row.split_at_mut(last);
        let (first, second) = source.split_at(n_last.wrapping_sub(last));
        tail.copy_from_slice(first);
        head.copy_from_slice(second);
        for (i, &n) in index.iter_mut().zip(outer).rev() {
            *i = i.wrapping_add(1);
            if *i < n {
                break;
            }
            *i = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn permuted<T: Copy + Default>(src: &[T], shape: &[usize], perm: &[usize]) -> Vec<T> {
        let mut out = vec![T::default(); src.len()];
        permute_into(src, shape, perm, &mut out);
        out
    }

    #[test]
    fn permutes_like_numpy_transpose() {
        // shape (2, 3, 4): element (a, b, c) = 100a + 10b + c.
        let shape = [2, 3, 4];
        let data: Vec<i64> = (0..24)
            .map(|t| 100 * (t / 12) + 10 * (t / 4 % 3) + t % 4)
            .collect();
        let reversed = permuted(&data, &shape, &[2, 1, 0]);
        // result (c, b, a) = element (a, b, c)
        for c in 0..4 {
            for b in 0..3 {
                for a in 0..2 {
                    assert_eq!(
                        reversed[c * 6 + b * 2 + a],
                        100 * a as i64 + 10 * b as i64 + c as i64
                    );
                }
            }
        }
        assert_eq!(permuted(&data, &shape, &[0, 1, 2]), data);
        let moved = permuted(&data, &shape, &[1, 0, 2]);
        assert_eq!(&moved[..8], &[0, 1, 2, 3, 100, 101, 102, 103]);
        assert_eq!(permuted(&[7.0], &[], &[]), [7.0]);
        assert!(permuted::<f64>(&[], &[2, 0, 3], &[2, 1, 0]).is_empty());
    }

    #[test]
    fn rolls_like_numpy() {
        // Against the definition, element by element, over shapes and every shift.
        for shape in [vec![5], vec![2, 3], vec![3, 1, 4], vec![2, 0, 3]] {
            let count: usize = shape.iter().product();
            let src: Vec<usize> = (0..count).collect();
            let mut shifts = vec![0; shape.len()];
            loop {
                let mut out = vec![usize::MAX; count];
                roll_into(&src, &shape, &shifts, &mut out);
                for (t, &v) in src.iter().enumerate() {
                    // The multi-index of `t`, rolled, back to a flat index.
                    let (mut rest, mut to, mut step) = (t, 0, 1);
                    for (&n, &s) in shape.iter().zip(&shifts).rev() {
                        to += (rest % n + s) % n * step;
                        rest /= n;
                        step *= n;
                    }
                    assert_eq!(out[to], v, "{shape:?} {shifts:?}");
                }
                // The next combination of shifts (each 0..=n, n itself rolling by n).
                let Some(k) = (0..shape.len()).find(|&k| shifts[k] < shape[k]) else {
                    break;
                };
                shifts[k] += 1;
                shifts[..k].fill(0);
            }
        }
        let mut out = [0.0];
        roll_into(&[7.0], &[], &[], &mut out);
        assert_eq!(out, [7.0]);
    }

    #[test]
    fn broadcasts_like_numpy() {
        let mut out = [0; 6];
        broadcast_into(&[1, 2, 3], &[3], &[2, 3], &mut out);
        assert_eq!(out, [1, 2, 3, 1, 2, 3]);
        broadcast_into(&[1, 2], &[2, 1], &[2, 3], &mut out);
        assert_eq!(out, [1, 1, 1, 2, 2, 2]);
        let mut one = [0; 4];
        broadcast_into(&[7], &[], &[2, 2], &mut one);
        assert_eq!(one, [7; 4]);
        let mut cube = [0; 8];
        broadcast_into(&[1, 2], &[2, 1, 1], &[2, 2, 2], &mut cube);
        assert_eq!(cube, [1, 1, 1, 1, 2, 2, 2, 2]);
    }
}
