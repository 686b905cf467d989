//! numpy's broadcasting rule for shapes, and its message when two shapes do not broadcast.
//!
//! Shapes are aligned at their last dimension; each pair of dimensions must be equal or one of
//! them 1, and a missing dimension counts as 1. The rule lives here once so that every function
//! that broadcasts (the stacked linear algebra's batch dimensions today) refuses with numpy's
//! words, which users search for.

use crate::error::ApiError;

/// The shape `a` and `b` broadcast to, or numpy's ValueError naming both shapes.
pub fn shapes(a: &[usize], b: &[usize]) -> Result<Vec<usize>, ApiError> {
    let ndim = a.len().max(b.len());
    let (mut from_a, mut from_b) = (a.iter().rev(), b.iter().rev());
    let mut out = Vec::with_capacity(ndim);
    for _ in 0..ndim {
        // A dimension `a` or `b` lacks (it has fewer) counts as 1.
        let x = from_a.next().copied().unwrap_or(1);
        let y = from_b.next().copied().unwrap_or(1);
        out.push(match (x, y) {
            _ if x == y || y == 1 => x,
            (1, _) => y,
            _ => return Err(mismatch(a, b)),
        });
    }
    out.reverse();
    Ok(out)
}

/// numpy's wording: "operands could not be broadcast together with shapes (3,2) (4,)".
pub fn mismatch(a: &[usize], b: &[usize]) -> ApiError {
    ApiError::invalid(format!(
        "operands could not be broadcast together with shapes {} {}",
        compact(a),
        compact(b)
    ))
}

/// A shape as numpy prints it in that message: `(3,2)`, `(4,)`, `()`.
fn compact(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(usize::to_string).collect();
            format!("({})", parts.join(","))
        }
    }
}

/// The flat (C-order) index into an array of shape `from`, broadcast to `to`, of the element
/// at flat index `index` of `to`: dimensions of size 1 (and missing ones) stay at 0. `None`
/// only when `from` does not broadcast to `to` or `index` is out of range (a caller's bug).
pub fn source_index(mut index: usize, to: &[usize], from: &[usize]) -> Option<usize> {
    let mut source = 0usize;
    let mut step = 1usize;
    let mut from_dims = from.iter().rev();
    for &n in to.iter().rev() {
        let here = index.checked_rem(n)?;
        index = index.checked_div(n)?;
        // `to` has at least as many dimensions as `from`: they align at the end, and `to`'s
        // leading ones have no counterpart.
        if let Some(&m) = from_dims.next() {
            if m != 1 {
                source = source.checked_add(here.checked_mul(step)?)?;
            }
            step = step.checked_mul(m)?;
        }
    }
    (index == 0 && from_dims.next().is_none()).then_some(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_follow_numpy() {
        assert_eq!(shapes(&[3, 1], &[4]).unwrap(), [3, 4]);
        assert_eq!(shapes(&[], &[2, 3]).unwrap(), [2, 3]);
        assert_eq!(shapes(&[5, 1, 3], &[2, 1]).unwrap(), [5, 2, 3]);
        assert_eq!(shapes(&[0], &[1]).unwrap(), [0]);
        let e = shapes(&[3, 2], &[4]).unwrap_err().for_function("f");
        assert_eq!(
            e.message,
            "f: operands could not be broadcast together with shapes (3,2) (4,)"
        );
    }

    #[test]
    fn source_index_repeats_size_one_dimensions() {
        // (2, 3) from (1, 3): both rows read row 0; (2, 3) from (2, 1): each row one element.
        let rows: Vec<usize> = (0..6)
            .map(|i| source_index(i, &[2, 3], &[1, 3]).unwrap())
            .collect();
        assert_eq!(rows, [0, 1, 2, 0, 1, 2]);
        let cols: Vec<usize> = (0..6)
            .map(|i| source_index(i, &[2, 3], &[2, 1]).unwrap())
            .collect();
        assert_eq!(cols, [0, 0, 0, 1, 1, 1]);
        let missing: Vec<usize> = (0..6)
            .map(|i| source_index(i, &[2, 3], &[3]).unwrap())
            .collect();
        assert_eq!(missing, [0, 1, 2, 0, 1, 2]);
        assert_eq!(source_index(0, &[], &[]), Some(0));
        assert_eq!(source_index(6, &[2, 3], &[3]), None);
        assert_eq!(source_index(7, &[4, 2, 3], &[2, 1]), Some(0));
        assert_eq!(source_index(11, &[4, 2, 3], &[2, 1]), Some(1));
    }
}
