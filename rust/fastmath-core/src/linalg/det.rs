//! `det`: determinant through partial-pivoting LU.

use super::{backend, square};
use crate::error::Result;
use crate::matrix::MatRef;

/// Determinant of square `a`: the permutation's sign times the product of the LU pivots (as
/// numpy). A singular matrix gives 0.0 (not an error) when elimination hits an exact zero pivot,
/// otherwise a tiny value of the order ε·‖a‖ⁿ; 0×0 gives 1.0 (numpy). The product may overflow
/// to ±inf or underflow to 0 for large n (numpy's `slogdet` is not offered yet).
///
/// Accuracy: relative error O(n·ε·κ(a)).
///
/// Errors: [`Error::NotSquare`](crate::Error::NotSquare).
pub fn det(a: MatRef<'_>) -> Result<f64> {
    let n = square(a)?;
    if n == 0 {
        return Ok(1.0);
    }
    Ok(backend::det(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &[f64], n: usize) -> f64 {
        det(MatRef::new(a, n, n).unwrap()).unwrap()
    }

    #[test]
    fn known_values() {
        assert!((d(&[1.0, 2.0, 3.0, 4.0], 2) + 2.0).abs() < 1e-14);
        assert_eq!(d(&[5.0], 1), 5.0);
        assert_eq!(d(&[], 0), 1.0);
        // Triangular: product of the diagonal.
        assert!((d(&[2.0, 9.0, 9.0, 0.0, 3.0, 9.0, 0.0, 0.0, -4.0], 3) + 24.0).abs() < 1e-13);
        // Odd permutation: -1.
        assert_eq!(d(&[0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0], 3), -1.0);
        // Singular with an exactly zero pivot.
        assert_eq!(d(&[1.0, 2.0, 2.0, 4.0], 2), 0.0);
        assert_eq!(d(&[0.0; 9], 3), 0.0);
    }

    #[test]
    fn not_square() {
        assert_eq!(
            det(MatRef::new(&[0.0; 6], 2, 3).unwrap())
                .unwrap_err()
                .to_string(),
            "a must be square, got 2x3"
        );
    }
}
