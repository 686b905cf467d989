//! numpy's continuous draws: uniform doubles and the ziggurat normal and exponential.

use super::pcg64::Pcg64;
use super::ziggurat::{self, EXPONENTIAL_R, NORMAL_INV_R, NORMAL_R};

/// `Generator.random`: one 53-bit double in [0, 1) per output.
pub fn fill_random(g: &mut Pcg64, out: &mut [f64]) {
    for o in out {
        *o = g.next_double();
    }
}

/// `Generator.uniform(low, high)`: `low + (high - low) * u`, the width computed once.
pub fn fill_uniform(g: &mut Pcg64, low: f64, high: f64, out: &mut [f64]) {
    let range = high - low;
    for o in out {
        *o = low + range * g.next_double();
    }
}

/// One standard normal by numpy's ziggurat: an output's low 8 bits pick the layer, the next bit
/// the sign, the next 52 the position; points outside the inner rectangle go to the wedge test,
/// or for layer 0 to Marsaglia's tail method (on `1 - u`, so `log` never sees 0).
#[inline]
pub fn standard_normal(g: &mut Pcg64) -> f64 {
    normal_from(g, ziggurat::normal())
}

/// [`standard_normal`] with the tables at hand (fills look them up once).
#[inline(always)]
fn normal_from(g: &mut Pcg64, t: &ziggurat::Tables) -> f64 {
    loop {
        let r = g.next_u64();
        let idx = (r & 0xff) as usize;
        let r = r >> 8;
        let negative = r & 1 == 1;
        let rabs = (r >> 1) & 0x000f_ffff_ffff_ffff;
        let mut x = rabs as f64 * t.w[idx];
        if negative {
            x = -x;
        }
        if rabs < t.k[idx] {
            return x;
        }
        if idx == 0 {
            loop {
                let xx = -NORMAL_INV_R * libm::log1p(-g.next_double());
                let yy = -libm::log1p(-g.next_double());
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 1 == 1 {
                        -(NORMAL_R + xx)
                    } else {
                        NORMAL_R + xx
                    };
                }
            }
        }
        let below = t.f[idx];
        if (t.f[idx - 1] - below) * g.next_double() + below < libm::exp(-0.5 * x * x) {
            return x;
        }
    }
}

pub fn fill_standard_normal(g: &mut Pcg64, out: &mut [f64]) {
    let t = ziggurat::normal();
    for o in out {
        *o = normal_from(g, t);
    }
}

/// `Generator.normal(loc, scale)`: `loc + scale * z`.
pub fn fill_normal(g: &mut Pcg64, loc: f64, scale: f64, out: &mut [f64]) {
    let t = ziggurat::normal();
    for o in out {
        *o = loc + scale * normal_from(g, t);
    }
}

/// One standard exponential by numpy's ziggurat: the output's top 53 bits after dropping 3 are
/// split into a layer (8 bits) and a 53-bit position; layer 0's tail is `r - log(1 - u)`, and a
/// rejected wedge point starts over with a fresh output.
#[inline]
pub fn standard_exponential(g: &mut Pcg64) -> f64 {
    exponential_from(g, ziggurat::exponential())
}

/// [`standard_exponential`] with the tables at hand.
#[inline(always)]
fn exponential_from(g: &mut Pcg64, t: &ziggurat::Tables) -> f64 {
    loop {
        let ri = g.next_u64() >> 3;
        let idx = (ri & 0xff) as usize;
        let ri = ri >> 8;
        let x = ri as f64 * t.w[idx];
        if ri < t.k[idx] {
            return x;
        }
        if idx == 0 {
            return EXPONENTIAL_R - libm::log1p(-g.next_double());
        }
        let below = t.f[idx];
        if (t.f[idx - 1] - below) * g.next_double() + below < libm::exp(-x) {
            return x;
        }
    }
}

pub fn fill_standard_exponential(g: &mut Pcg64, out: &mut [f64]) {
    let t = ziggurat::exponential();
    for o in out {
        *o = exponential_from(g, t);
    }
}

/// `Generator.exponential(scale)`: `scale * e`.
pub fn fill_exponential(g: &mut Pcg64, scale: f64, out: &mut [f64]) {
    let t = ziggurat::exponential();
    for o in out {
        *o = scale * exponential_from(g, t);
    }
}

#[cfg(test)]
mod tests {
    use super::super::SeedSequence;
    use super::*;

    fn rng(seed: u64) -> Pcg64 {
        Pcg64::from_seed_sequence(&SeedSequence::from_u64(seed))
    }

    #[test]
    fn numpy_streams() {
        let mut out = [0.0; 5];
        fill_random(&mut rng(42), &mut out);
        assert_eq!(out, RANDOM_42);
        let mut out = vec![0.0; NORMAL_7.len()];
        fill_standard_normal(&mut rng(7), &mut out);
        assert_eq!(out, NORMAL_7);
        let mut out = vec![0.0; EXPONENTIAL_9.len()];
        fill_standard_exponential(&mut rng(9), &mut out);
        assert_eq!(out, EXPONENTIAL_9);
    }

    #[test]
    fn normal_moments() {
        let mut g = rng(1);
        let n = 200_000;
        let (mut s, mut s2) = (0.0, 0.0);
        for _ in 0..n {
            let z = standard_normal(&mut g);
            s += z;
            s2 += z * z;
        }
        let mean = s / n as f64;
        assert!(mean.abs() < 0.01, "{mean}");
        assert!((s2 / n as f64 - 1.0).abs() < 0.01);
    }

    include!("test_vectors_continuous.rs");
}
