//! The tables of numpy's 256-layer ziggurats (Marsaglia and Tsang's method) for the normal and
//! exponential distributions, computed the way numpy's own were made so that they match them to
//! the bit (checked against numpy's outputs by the tests of `continuous.rs` and
//! tests/python/test_random.py).
//!
//! Layer i has right edge `x[i]`; `w[i] = x[i] / 2^bits` scales a random integer into the layer,
//! `k[i]` is the integer below which a point is inside the layer below (accepted at once), and
//! `f[i] = f(x[i])` bounds the wedge test. Layer 0 is the base strip with the tail.

use std::sync::OnceLock;

use super::double_double::Dd;

pub(super) const LAYERS: usize = 256;

pub(super) struct Tables {
    pub k: [u64; LAYERS],
    pub w: [f64; LAYERS],
    pub f: [f64; LAYERS],
}

/// Right edge of the normal's top layer (start of the tail) and its inverse, as numpy has them.
pub(super) const NORMAL_R: f64 = 3.654_152_885_361_009;
pub(super) const NORMAL_INV_R: f64 = 0.273_661_237_329_758_3;
/// Right edge of the exponential's top layer.
pub(super) const EXPONENTIAL_R: f64 = 7.697_117_470_131_05;
/// The low part of the exponential's edge as numpy states it (to 29 digits).
const EXPONENTIAL_R_LO: f64 = -3.624_870_366_239_748_4e-16;

/// The area of each normal layer the way numpy's table implies it: its layers match a
/// double-precision recurrence from this area (the exact area is about 3 ulps larger).
const NORMAL_AREA: f64 = 0.004_928_673_233_974_652;
/// The one normal layer (37) where numpy's table holds an edge 2 ulps below what the
/// double-precision recurrence gives from layer 38; every other edge follows from its
/// neighbour above, so the recurrence continues from numpy's value.
const NORMAL_ADJUSTED_LAYER: usize = 37;
const NORMAL_ADJUSTMENT_ULPS: u64 = 2;

/// Normal ziggurat over 52-bit integers: numpy's layers, computed in double precision (with
/// correctly rounded `exp` and `log`) from the top down (`x[i] = f⁻¹(v / x[i+1] + f(x[i+1]))`, `f(x) = exp(-x²/2)`).
pub(super) fn normal() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let m = 4_503_599_627_370_496.0; // 2^52
        let f = |x: f64| rounded_exp(-0.5 * x * x);
        let v = NORMAL_AREA;
        let mut t = Tables {
            k: [0; LAYERS],
            w: [0.0; LAYERS],
            f: [0.0; LAYERS],
        };
        let top = LAYERS - 1;
        let mut above = NORMAL_R;
        t.w[top] = above / m;
        t.f[top] = f(above);
        t.k[0] = (above * t.f[top] / v * m) as u64;
        t.w[0] = v / t.f[top] / m;
        t.f[0] = 1.0;
        for i in (1..top).rev() {
            let mut x = libm::sqrt(-2.0 * rounded_ln(v / above + t.f[i + 1]));
            if i == NORMAL_ADJUSTED_LAYER {
                x = f64::from_bits(x.to_bits() - NORMAL_ADJUSTMENT_ULPS);
            }
            t.k[i + 1] = (x / above * m) as u64;
            t.w[i] = x / m;
            t.f[i] = f(x);
            above = x;
        }
        t.k[1] = 0;
        t
    })
}

/// Exponential ziggurat over 53-bit integers: numpy's layers are the exact ones, so they are
/// computed in double-double and rounded once (`f(x) = exp(-x)`, area `(r + 1) e^-r`).
pub(super) fn exponential() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let m = Dd::from(9_007_199_254_740_992.0); // 2^53
        let r = Dd::new(EXPONENTIAL_R, EXPONENTIAL_R_LO);
        let f = |x: Dd| x.neg().exp();
        let v = r.add(Dd::from(1.0)).mul(f(r));
        let mut t = Tables {
            k: [0; LAYERS],
            w: [0.0; LAYERS],
            f: [0.0; LAYERS],
        };
        let top = LAYERS - 1;
        let f_top = f(r);
        t.w[top] = r.div(m).to_f64();
        t.f[top] = f_top.to_f64();
        t.k[0] = floor_u64(r.mul(f_top).div(v).mul(m));
        t.w[0] = v.div(f_top).div(m).to_f64();
        t.f[0] = 1.0;
        let mut above = r;
        for i in (1..top).rev() {
            let x = v.div(above).add(f(above)).ln().neg();
            t.k[i + 1] = floor_u64(x.div(above).mul(m));
            t.w[i] = x.div(m).to_f64();
            t.f[i] = f(x).to_f64();
            above = x;
        }
        t.k[1] = 0;
        t
    })
}

/// `e^x` correctly rounded (but for cases far rarer than these tables' 256 values): numpy's
/// normal table was computed with a libm whose `exp` and `log` round correctly here, and `libm`'s
/// do not always.
fn rounded_exp(x: f64) -> f64 {
    Dd::from(x).exp().to_f64()
}

/// `ln x` correctly rounded, as [`rounded_exp`].
fn rounded_ln(x: f64) -> f64 {
    Dd::from(x).ln().to_f64()
}

/// The floor of a non-negative double-double below 2^64.
fn floor_u64(x: Dd) -> u64 {
    let hi = x.hi.floor();
    let rest = x.sub(Dd::from(hi)).to_f64();
    let base = hi as u64;
    if rest < 0.0 {
        base - 1
    } else {
        base + rest.floor() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_shrink_monotonically_to_the_tail() {
        for t in [normal(), exponential()] {
            for i in 2..LAYERS {
                assert!(t.w[i] > t.w[i - 1], "{i}");
                assert!(t.f[i] < t.f[i - 1], "{i}");
            }
            assert_eq!(t.k[1], 0);
        }
    }

    #[test]
    fn inverse_edge_is_the_double_nearest_one_over_r() {
        assert_eq!(NORMAL_INV_R, 1.0 / NORMAL_R);
    }
}
