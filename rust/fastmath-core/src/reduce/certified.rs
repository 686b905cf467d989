//! The fast path of `sum` and `mean`: a compensated sum that proves, from quantities it
//! computes along the way, that its result is already the correctly rounded exact sum (or
//! mean), and says so by returning `Some`. `None` sends the caller to the exact accumulator.
//!
//! The pass is Ogita-Rump-Oishi `Sum2` in `LANES` TwoSum lanes plus, per lane, a plain sum of
//! the magnitudes of the TwoSum errors; all straight-line, so LLVM keeps it vectorised. The
//! data `x` then sum *exactly* to `hi + Σ e_j`, where `hi` is the lanes folded by TwoSum and the
//! `e_j` are the `m` TwoSum errors (one per element, one per lane fold). The pass only has
//! `c = fl(Σ e_j)` and `a = fl(Σ |e_j|)`, each a floating-point sum of `m` terms in some
//! order, and the usual bound for any summation order (Higham, *Accuracy and Stability of
//! Numerical Algorithms*, 2nd ed., eq. 4.4; additions stay exact on underflow, so it holds
//! over the whole range) gives, with `u = 2^-53` and `γ_k = k u / (1 - k u)`:
//!
//! - `|c - Σ e_j| <= γ_(m-1) Σ|e_j|` and `|a - Σ|e_j|| <= γ_(m-1) Σ|e_j|`, hence
//!   `Σ|e_j| <= a / (1 - γ_(m-1))` and `|c - Σ e_j| <= a γ_(m-1) / (1 - γ_(m-1))`.
//! - For `m <= 2^40`, `(m - 1) u <= 2^-13` and `γ_(m-1) / (1 - γ_(m-1)) = (m-1) u / (1 - 2(m-1) u)
//!   < (m + 4) u`, so `E := |c - Σ e_j| < a (m + 4) 2^-53`.
//! - [`delta`] computes `fl(fl(a K) + 2^-1074)` with `K = (m + 4) 2^-52` (exact). The product
//!   is at least `a K (1 - u) - 2^-1075` (the second term is the absolute error of a product
//!   that underflows), the sum with `2^-1074` at least `(a K (1 - u) + 2^-1075)(1 - u)`, which
//!   is at least `a K / 2 > E`: the computed `delta` bounds `E` rigorously, with a factor 2 to
//!   spare.
//!
//! Every TwoSum is exact unless one of its operations overflows, and then its error, and so
//! `c` and `a`, is NaN or infinite (an infinity never comes back to a finite value through
//! additions), so "everything finite" means "every step was exact".

use super::{LANES, two_sum};

/// `2^-52`.
const TWO_EPS: f64 = f64::EPSILON;
/// The smallest subnormal, `2^-1074`: covers a product that underflows.
const TINY: f64 = 5e-324;
/// `1 + 2^-50`: one multiplication by it covers the rounding of a few additions before it.
const SAFETY: f64 = 1.0 + 4.0 * f64::EPSILON;
/// The most error terms the bound above is proved for.
const MAX_TERMS: u64 = 1 << 40;

/// Two f64 lanes: one wasm32 `f64x2` with `+simd128` (LLVM does not pack this loop into
/// vectors by itself: its scalar form has 24 accumulators, which spill), else two scalars.
/// Both do the same IEEE operations lane by lane, so results are bitwise identical.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod pair {
    use core::arch::wasm32::{f64x2, f64x2_abs, f64x2_add, f64x2_extract_lane, f64x2_sub, v128};

    #[derive(Clone, Copy)]
    pub(super) struct Pair(v128);

    impl Pair {
        #[inline(always)]
        pub(super) fn new(lane0: f64, lane1: f64) -> Self {
            Self(f64x2(lane0, lane1))
        }
        #[inline(always)]
        pub(super) fn add(self, other: Self) -> Self {
            Self(f64x2_add(self.0, other.0))
        }
        #[inline(always)]
        pub(super) fn sub(self, other: Self) -> Self {
            Self(f64x2_sub(self.0, other.0))
        }
        #[inline(always)]
        pub(super) fn abs(self) -> Self {
            Self(f64x2_abs(self.0))
        }
        #[inline(always)]
        pub(super) fn to_array(self) -> [f64; 2] {
            [
                f64x2_extract_lane::<0>(self.0),
                f64x2_extract_lane::<1>(self.0),
            ]
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod pair {
    #[derive(Clone, Copy)]
    pub(super) struct Pair([f64; 2]);

    impl Pair {
        #[inline(always)]
        pub(super) fn new(lane0: f64, lane1: f64) -> Self {
            Self([lane0, lane1])
        }
        #[inline(always)]
        pub(super) fn add(self, other: Self) -> Self {
            Self([self.0[0] + other.0[0], self.0[1] + other.0[1]])
        }
        #[inline(always)]
        pub(super) fn sub(self, other: Self) -> Self {
            Self([self.0[0] - other.0[0], self.0[1] - other.0[1]])
        }
        #[inline(always)]
        pub(super) fn abs(self) -> Self {
            Self([self.0[0].abs(), self.0[1].abs()])
        }
        #[inline(always)]
        pub(super) fn to_array(self) -> [f64; 2] {
            self.0
        }
    }
}

use pair::Pair;

/// Vectors per step: `LANES` doubles.
const PAIRS: usize = LANES / 2;

/// An element the pass reads: `f64`, or `f32` widened (exactly) in registers as each chunk is
/// loaded, so a float32 array is summed in place, with no float64 copy of it.
pub(super) trait Widen: Copy {
    fn wide(self) -> f64;
}

impl Widen for f64 {
    #[inline(always)]
    fn wide(self) -> f64 {
        self
    }
}

impl Widen for f32 {
    #[inline(always)]
    fn wide(self) -> f64 {
        f64::from(self)
    }
}

/// Sum2 lanes with the magnitudes of their errors.
#[derive(Clone, Copy)]
struct Lanes {
    sum: [Pair; PAIRS],
    err: [Pair; PAIRS],
    mag: [Pair; PAIRS],
}

impl Lanes {
    #[inline(always)]
    fn add<T: Widen>(&mut self, chunk: &[T]) {
        for k in 0..PAIRS {
            let v = Pair::new(chunk[2 * k].wide(), chunk[2 * k + 1].wide());
            // TwoSum, lane-wise.
            let s = self.sum[k].add(v);
            let b_virtual = s.sub(self.sum[k]);
            let a_virtual = s.sub(b_virtual);
            let e = self.sum[k].sub(a_virtual).add(v.sub(b_virtual));
            self.sum[k] = s;
            self.err[k] = self.err[k].add(e);
            self.mag[k] = self.mag[k].add(e.abs());
        }
    }
}

/// What the fast pass knows about the exact sum `S` of `x`: `S = hi + Σ e_j` exactly, and
/// `c = err` approximates `Σ e_j` within [`delta`] of `mag` and `terms`.
#[derive(Clone, Copy, Debug)]
struct Pass {
    hi: f64,
    err: f64,
    mag: f64,
    terms: usize,
}

fn pass<T: Widen>(x: &[T]) -> Pass {
    let zero = Pair::new(0.0, 0.0);
    let mut lanes = Lanes {
        sum: [zero; PAIRS],
        err: [zero; PAIRS],
        mag: [zero; PAIRS],
    };
    let chunks = x.chunks_exact(LANES);
    let tail = chunks.remainder();
    for chunk in chunks {
        lanes.add(chunk);
    }
    let mut hi = 0.0;
    let mut err = 0.0;
    let mut mag = 0.0;
    for k in 0..PAIRS {
        let (sums, errs, mags) = (
            lanes.sum[k].to_array(),
            lanes.err[k].to_array(),
            lanes.mag[k].to_array(),
        );
        for i in 0..2 {
            let (s, e) = two_sum(hi, sums[i]);
            hi = s;
            err += e + errs[i];
            mag += e.abs() + mags[i];
        }
    }
    for &v in tail {
        let (s, e) = two_sum(hi, v.wide());
        hi = s;
        err += e;
        mag += e.abs();
    }
    // One error per element (in a lane or in the tail) and one per lane folded.
    Pass {
        hi,
        err,
        mag,
        terms: x.len() + LANES,
    }
}

/// A bound on `|err - Σ e_j|` (see the module documentation).
fn delta(mag: f64, terms: usize) -> f64 {
    mag * ((terms + 4) as f64 * TWO_EPS) + TINY
}

/// Half the smaller of the two gaps around a finite non-zero `r` (the one below when `|r|` is
/// a power of two): a value within less than this of `r` rounds to `r`, and is no tie. Zero for
/// the smallest subnormal (its half gap is not a double), which no bound passes.
fn half_gap(r: f64) -> f64 {
    let a = r.abs();
    // Exact (Sterbenz), and the smaller gap: the one below never exceeds the one above.
    (a - f64::from_bits(a.to_bits() - 1)) * 0.5
}

/// The exact sum as `r + t + E`: `r = fl(hi + err)`, `t` its exact TwoSum tail, `|E| <= delta`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Certified {
    pub(super) r: f64,
    t: f64,
    delta: f64,
}

/// The fast pass and its certificate: `Some` when `r` is proved to be the correctly rounded
/// exact sum of `x`. `None` for anything non-finite (inputs or an intermediate overflow), a sum
/// that cancels to (near) zero, or one too close to a rounding midpoint for the bound.
pub(super) fn sum<T: Widen>(x: &[T]) -> Option<Certified> {
    let p = pass(x);
    if p.terms as u64 > MAX_TERMS {
        return None;
    }
    let (r, t) = two_sum(p.hi, p.err);
    if !(r.is_finite() && t.is_finite() && p.err.is_finite() && p.mag.is_finite()) || r == 0.0 {
        return None;
    }
    let delta = delta(p.mag, p.terms);
    // |S - r| <= |t| + E <= |t| + delta; the product rounds up past the two roundings in it.
    let bound = (t.abs() + delta) * SAFETY;
    (bound < half_gap(r)).then_some(Certified { r, t, delta })
}

/// Veltkamp's split: `v = hi + lo` with both halves of at most 26 significant bits.
#[inline(always)]
fn split(v: f64) -> (f64, f64) {
    let c = 134_217_729.0 * v; // 2^27 + 1
    let hi = c - (c - v);
    (hi, v - hi)
}

/// Dekker's TwoProduct: `(p, e)` with `p = fl(a b)` and `a b = p + e` exactly, when nothing
/// overflows and the products of the halves are not below the subnormal grid.
#[inline(always)]
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    let (ah, al) = split(a);
    let (bh, bl) = split(b);
    (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
}

/// The correctly rounded `S / n` from a certified sum, or `None` when this cannot prove it.
///
/// The candidate `q` is the double-double quotient of `(r + t)` by `n`, rounded. Its residual
/// `R = S - q n = (r - p) - p_e + t + E` (`q n = p + p_e` exactly by TwoProduct) decides:
/// `S / n` rounds to `q` if `|R| < n h`, `h` half the smaller gap around `q`, because then
/// `|S / n - q| < h`. `r - p` is exact (Sterbenz: `q` is within a few ulps of `r / n`, so `p`
/// within a factor 2 of `r`); `d2 = fl((r - p) - p_e)` and `d3 = fl(d2 + t)` round, so
/// `|R| <= |d3| / (1 - u) + |d2| u / (1 - u) + delta <= |d3| (1 + 2u) + 2u |d2| + delta`,
/// and the computed bound below (three roundings of additions, one product that may underflow,
/// covered by `TINY`, then the `(1 + 8u)` safety product) is at least that.
///
/// `2^-900 < |r| < 2^990` keeps every product of TwoProduct (Veltkamp's `2^27 q` the largest)
/// clear of overflow, and `q` and the products' errors clear of the subnormal range, for any
/// `n < 2^53`; `n h` is then exact.
pub(super) fn mean(c: Certified, n: usize) -> Option<f64> {
    let Certified { r, t, delta } = c;
    let magnitude = r.abs();
    if !(magnitude > 2f64.powi(-900) && magnitude < 2f64.powi(990)) || n == 0 || n as u64 >= 1 << 53
    {
        return None;
    }
    let nf = n as f64;
    let q0 = r / nf;
    let (p, pe) = two_prod(q0, nf);
    let q = q0 + (((r - p) - pe) + t) / nf;
    let (p, pe) = two_prod(q, nf);
    let d2 = (r - p) - pe;
    let d3 = d2 + t;
    let bound = (((d3.abs() + d2.abs() * TWO_EPS) + delta) + TINY) * SAFETY;
    (bound < nf * half_gap(q)).then_some(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_gap_is_the_smaller_one() {
        assert_eq!(half_gap(1.0), f64::EPSILON / 4.0);
        assert_eq!(half_gap(-1.5), f64::EPSILON / 2.0);
        assert_eq!(half_gap(f64::MAX), 2f64.powi(970));
        // Half the subnormal spacing is no double: nothing is proved there.
        assert_eq!(half_gap(f64::from_bits(2)), 0.0);
        assert_eq!(half_gap(2f64.powi(-1020)), f64::from_bits(1));
    }

    #[test]
    fn two_prod_is_exact() {
        let q = 0.1f64;
        let (p, e) = two_prod(q, 3.0);
        // 0.1 * 3 in exact binary: the rounding error is recovered.
        assert_eq!(p, 0.30000000000000004);
        assert_eq!(e, -2.7755575615628914e-17);
        let (p, e) = two_prod(1.0 + f64::EPSILON, 1.0 + f64::EPSILON);
        assert_eq!(
            (p, e),
            (1.0 + 2.0 * f64::EPSILON, f64::EPSILON * f64::EPSILON)
        );
    }

    #[test]
    fn declines_what_it_cannot_prove() {
        assert!(sum::<f64>(&[]).is_none()); // exact zero
        assert!(sum(&[1.5, -1.5]).is_none());
        assert!(sum(&[1.0, f64::NAN]).is_none());
        assert!(sum(&[1.0, f64::INFINITY]).is_none());
        assert!(sum(&[f64::MAX, f64::MAX, -f64::MAX]).is_none());
        // A tie: 1 + 2^-53 is halfway between 1 and 1 + 2^-52.
        assert!(sum(&[1.0, 2f64.powi(-53)]).is_none());
        assert!(sum(&[1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]).is_none());
        // Subnormal results are left to the exact path.
        assert!(sum(&[f64::from_bits(3), f64::from_bits(4)]).is_none());
    }

    #[test]
    fn proves_what_it_can() {
        assert_eq!(sum(&[1.0, 2.0, 3.0]).map(|c| c.r), Some(6.0));
        // Cancellation by far less than the error bound is proved...
        assert_eq!(sum(&[1e6, 0.1, -1e6]).map(|c| c.r), Some(0.1));
        // ...but not down to the size of the errors: 1 is the error of 1e16 + 1.
        assert!(sum(&[1e16, 1.0, -1e16]).is_none());
        let x: Vec<f64> = (0..1000).map(|i| 0.1 * f64::from(i)).collect();
        assert!(sum(&x).is_some());
        assert_eq!(mean(sum(&[1.0, 2.0, 3.0, 4.0]).unwrap(), 4), Some(2.5));
        // The exact sum of 0.1, 0.2 and 0.3 rounds to 0.6 (0.59999999999999997...), and 0.6 / 3
        // to 0.19999999999999998; the exact mean rounds to 0.2.
        assert_eq!(mean(sum(&[0.1, 0.2, 0.3]).unwrap(), 3), Some(0.2));
    }
}
