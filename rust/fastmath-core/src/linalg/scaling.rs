//! Scaling by powers of two into the range where faer's decompositions are accurate.
//!
//! faer does not scale its input. Measured on 3×3 matrices: at 1e-310 (subnormal) the symmetric
//! eigensolver reports no convergence, the SVD returns zero singular values, QR returns R = 0
//! and LU gives NaN (solve, inv, det; also for `[[2^-1070, 0], [0, 1]]`, where 1/pivot
//! overflows); from 1e160 up the SVD fails (squares overflow). LAPACK, which numpy calls, scales
//! such matrices into a safe range first (dgesdd, dsyevd) or guards its reciprocals (dgetf2).
//!
//! Powers of two make the scaling and its undoing exact, short of a result that itself over- or
//! underflows. Matrices already inside the safe range are borrowed untouched, so ordinary input
//! gets exactly the results it had before (one pass to find the largest magnitude).

use std::borrow::Cow;

use crate::matrix::{MatMut, MatRef};

/// Largest magnitudes outside `[2^-SAFE_EXP, 2^SAFE_EXP]` are scaled to the edge of that range.
/// 2^256 keeps squares and sums of squares of any matrix that fits in memory far from overflow
/// and underflow.
const SAFE_EXP: i32 = 256;

/// The `k` that brings `max_abs · 2^k` to the edge of the safe range (only as far as the edge,
/// as LAPACK does, so that small entries next to a huge one are not flushed to zero); 0 when
/// `max_abs` is inside it, zero or not finite (those are for the decomposition to handle or
/// refuse).
fn exponent(max_abs: f64) -> i32 {
    if !max_abs.is_finite() || max_abs == 0.0 {
        return 0;
    }
    let e = max_abs.log2().floor() as i32;
    if e > SAFE_EXP {
        SAFE_EXP - e
    } else if e < -SAFE_EXP {
        -SAFE_EXP - e
    } else {
        0
    }
}

/// `x · 2^k` in two exact steps (2^k alone may not be representable: k reaches 1074 + 256).
fn scale(x: f64, k: i32) -> f64 {
    if k == 0 {
        return x;
    }
    let half = k / 2;
    x * 2f64.powi(half) * 2f64.powi(k - half)
}

fn max_abs(values: impl Iterator<Item = f64>) -> f64 {
    values.fold(0.0, |m, x| m.max(x.abs()))
}

/// A matrix scaled as a whole (for QR, SVD and the symmetric eigensolver, whose factors are
/// unchanged by a common scale): `a` itself, or a copy times `2^k`.
pub(super) struct Scaled<'a> {
    data: Cow<'a, [f64]>,
    shape: (usize, usize),
    k: i32,
}

impl<'a> Scaled<'a> {
    fn new(a: MatRef<'a>, max_abs: f64) -> Self {
        let k = exponent(max_abs);
        let data = if k == 0 {
            Cow::Borrowed(a.as_slice())
        } else {
            Cow::Owned(a.as_slice().iter().map(|&x| scale(x, k)).collect())
        };
        Scaled {
            data,
            shape: a.shape(),
            k,
        }
    }

    /// Every entry takes part in choosing the scale.
    pub(super) fn of(a: MatRef<'a>) -> Self {
        Self::new(a, max_abs(a.as_slice().iter().copied()))
    }

    /// Only the lower triangle takes part (the eigensolver never reads the upper one, which may
    /// hold anything).
    pub(super) fn of_lower(a: MatRef<'a>) -> Self {
        let lower = (0..a.rows()).flat_map(|i| (0..=i).map(move |j| a.get(i, j)));
        Self::new(a, max_abs(lower))
    }

    pub(super) fn data(&self) -> &[f64] {
        &self.data
    }

    pub(super) fn shape(&self) -> (usize, usize) {
        self.shape
    }

    /// A quantity that scales like the matrix (R, singular values, eigenvalues) back to `a`'s scale.
    pub(super) fn unscale(&self, x: f64) -> f64 {
        scale(x, -self.k)
    }
}

/// A square matrix with each row scaled by its own power of two (`D a`, for LU): a single
/// subnormal pivot next to ordinary rows is enough to break faer's LU, which a common scale
/// cannot fix. Rows inside the safe range keep factor 1; `a` is borrowed when all do.
pub(super) struct RowScaled<'a> {
    data: Cow<'a, [f64]>,
    n: usize,
    /// `k[i]` for row i; empty when no row is scaled.
    k: Vec<i32>,
}

impl<'a> RowScaled<'a> {
    pub(super) fn of(a: MatRef<'a>) -> Self {
        let n = a.rows();
        let rows = || a.as_slice().chunks_exact(n.max(1));
        let k: Vec<i32> = rows()
            .map(|r| exponent(max_abs(r.iter().copied())))
            .collect();
        if k.iter().all(|&k| k == 0) {
            return RowScaled {
                data: Cow::Borrowed(a.as_slice()),
                n,
                k: Vec::new(),
            };
        }
        let data = rows()
            .zip(&k)
            .flat_map(|(r, &k)| r.iter().map(move |&x| scale(x, k)))
            .collect();
        RowScaled {
            data: Cow::Owned(data),
            n,
            k,
        }
    }

    pub(super) fn data(&self) -> &[f64] {
        &self.data
    }

    pub(super) fn n(&self) -> usize {
        self.n
    }

    /// `b ← D b` (n×m, row-major): the right-hand side of `(D a) x = D b`.
    pub(super) fn scale_rows(&self, b: &mut MatMut<'_>) {
        if self.k.is_empty() {
            return;
        }
        let cols = b.cols().max(1);
        for (row, &k) in b.as_mut_slice().chunks_exact_mut(cols).zip(&self.k) {
            row.iter_mut().for_each(|x| *x = scale(*x, k));
        }
    }

    /// `m ← m D` (n×n, row-major): `a⁻¹ = (D a)⁻¹ D`.
    pub(super) fn scale_columns(&self, m: &mut MatMut<'_>) {
        if self.k.is_empty() {
            return;
        }
        for row in m.as_mut_slice().chunks_exact_mut(self.n.max(1)) {
            for (x, &k) in row.iter_mut().zip(&self.k) {
                *x = scale(*x, k);
            }
        }
    }

    /// `det a = det(D a) / det D` from the pivots of `D a` (`first` carries the sign). The
    /// exponent is carried apart from the running product, so no partial product over- or
    /// underflows where the determinant itself does not (pivots 1e200, 1e200, 1e-300 give
    /// 1e100); the result is rounded once at the end.
    pub(super) fn pivot_product(&self, first: f64, pivots: impl Iterator<Item = f64>) -> f64 {
        let mut mantissa = first;
        let mut exp: i64 = -self.k.iter().map(|&k| i64::from(k)).sum::<i64>();
        // Both factors are brought into [1, 2) before each multiplication.
        let mut split = |x: f64| {
            let e = x.abs().log2().floor() as i32;
            exp += i64::from(e);
            scale(x, -e)
        };
        for p in pivots {
            if !p.is_finite() || p == 0.0 {
                return mantissa * p;
            }
            let p = split(p);
            mantissa = split(mantissa * p);
        }
        // Beyond ±2200 the result is 0 or ±inf whatever the mantissa; clamping keeps the
        // exponent in i32 and the two-step scale meaningful.
        scale(mantissa, exp.clamp(-2200, 2200) as i32)
    }
}
