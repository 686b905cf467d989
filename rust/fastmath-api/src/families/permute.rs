//! An N-D array's axes reordered, as a new C-ordered array: what numpy's `transpose` views.
//! fastmath's results own their memory, so the view is a copy, made in one pass over the
//! result with the source's strides permuted.

/// Writes the elements of `src` (C order, `shape`) into `out` (as long) with the axes in the
/// order `perm` (a permutation of `0..shape.len()`, checked by the caller): result axis `k` is
/// source axis `perm[k]`.
pub fn permute_into<T: Copy>(src: &[T], shape: &[usize], perm: &[usize], out: &mut [T]) {
    if src.is_empty() {
        return;
    }
    // C-order element strides of the source; with no zero in the shape (`src` is not empty)
    // every product is at most the element count.
    let mut strides = vec![1usize; shape.len()];
    let mut step = 1usize;
    for (s, &n) in strides.iter_mut().zip(shape).rev() {
        *s = step;
        step = step.saturating_mul(n);
    }
    let dims: Vec<(usize, usize)> = perm
        .iter()
        .map(|&p| {
            let n = shape.get(p).copied().unwrap_or(1);
            (n, strides.get(p).copied().unwrap_or(1))
        })
        .collect();
    let Some((&(n_last, stride_last), outer)) = dims.split_last() else {
        // 0-D: its one element.
        out.iter_mut().zip(src).for_each(|(o, s)| *o = *s);
        return;
    };
    // An odometer over the result's leading axes; the result's last axis is the inner loop.
    let mut index = vec![0usize; outer.len()];
    let mut offset = 0usize;
    for row in out.chunks_exact_mut(n_last.max(1)) {
        let from = src.iter().skip(offset).step_by(stride_last.max(1));
        row.iter_mut().zip(from).for_each(|(o, s)| *o = *s);
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
}
