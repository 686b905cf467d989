//! numpy's Poisson and binomial draws. Poisson: multiplication of uniforms below `lam = 10`,
//! Hörmann's transformed rejection (PTRS) above. Binomial: inversion while `n min(p, 1-p) <= 30`,
//! Kachitvichyanukul and Schmeiser's BTPE above. `exp`/`log` are the `libm` crate's, so a
//! stream is the same on every target; numpy calls the platform's, which can differ in the last
//! bit and, very rarely, flip an acceptance test (tests/python/test_random.py measures how
//! often against host numpy).

use super::pcg64::Pcg64;

/// `ln Γ(x)` for the integers PTRS needs: Stirling's series from 7 up, shifted down below.
fn log_gamma(x: f64) -> f64 {
    const A: [f64; 10] = [
        8.333_333_333_333_333e-2,
        -2.777_777_777_777_778e-3,
        7.936_507_936_507_937e-4,
        -5.952_380_952_380_952e-4,
        8.417_508_417_508_418e-4,
        -1.917_526_917_526_918e-3,
        6.410_256_410_256_41e-3,
        -2.955_065_359_477_124e-2,
        1.796_443_723_688_307e-1,
        -1.392_432_216_905_9,
    ];
    if x == 1.0 || x == 2.0 {
        return 0.0;
    }
    let n = if x < 7.0 { (7.0 - x) as i64 } else { 0 };
    let mut x0 = x + n as f64;
    let x2 = (1.0 / x0) * (1.0 / x0);
    let log_2pi = 1.837_877_066_409_345_3;
    let mut gl0 = A[9];
    for &a in A[..9].iter().rev() {
        gl0 = gl0 * x2 + a;
    }
    let mut gl = gl0 / x0 + 0.5 * log_2pi + (x0 - 0.5) * libm::log(x0) - x0;
    if x < 7.0 {
        for _ in 0..n {
            gl -= libm::log(x0 - 1.0);
            x0 -= 1.0;
        }
    }
    gl
}

fn poisson_multiplication(g: &mut Pcg64, lam: f64) -> i64 {
    let enlam = libm::exp(-lam);
    let mut x = 0;
    let mut prod = 1.0;
    loop {
        prod *= g.next_double();
        if prod > enlam {
            x += 1;
        } else {
            return x;
        }
    }
}

fn poisson_ptrs(g: &mut Pcg64, lam: f64) -> i64 {
    let slam = libm::sqrt(lam);
    let loglam = libm::log(lam);
    let b = 0.931 + 2.53 * slam;
    let a = -0.059 + 0.02483 * b;
    let invalpha = 1.1239 + 1.1328 / (b - 3.4);
    let vr = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = g.next_double() - 0.5;
        let v = g.next_double();
        let us = 0.5 - u.abs();
        let k = libm::floor((2.0 * a / us + b) * u + lam + 0.43) as i64;
        if us >= 0.07 && v <= vr {
            return k;
        }
        if k < 0 || (us < 0.013 && v > us) {
            continue;
        }
        if libm::log(v) + libm::log(invalpha) - libm::log(a / (us * us) + b)
            <= -lam + k as f64 * loglam - log_gamma(k as f64 + 1.0)
        {
            return k;
        }
    }
}

/// One Poisson draw; `lam` is finite, `0 <= lam` and small enough that results fit in int64
/// (numpy refuses `lam` above about 9.2e18: the caller checks).
pub fn poisson(g: &mut Pcg64, lam: f64) -> i64 {
    if lam >= 10.0 {
        poisson_ptrs(g, lam)
    } else if lam == 0.0 {
        0
    } else {
        poisson_multiplication(g, lam)
    }
}

pub fn fill_poisson(g: &mut Pcg64, lam: f64, out: &mut [i64]) {
    for o in out {
        *o = poisson(g, lam);
    }
}

/// Inversion from 0 upward by the ratio of successive probabilities, restarted past a bound
/// far in the tail (`p <= 0.5`, `n p <= 30`).
fn binomial_inversion(g: &mut Pcg64, n: i64, p: f64) -> i64 {
    let q = 1.0 - p;
    let qn = libm::exp(n as f64 * libm::log(q));
    let np = n as f64 * p;
    let bound = (n as f64).min(np + 10.0 * libm::sqrt(np * q + 1.0)) as i64;
    let mut x = 0;
    let mut px = qn;
    let mut u = g.next_double();
    while u > px {
        x += 1;
        if x > bound {
            x = 0;
            px = qn;
            u = g.next_double();
        } else {
            u -= px;
            px = ((n - x + 1) as f64 * p * px) / (x as f64 * q);
        }
    }
    x
}

/// BTPE (`p <= 0.5`, `n p > 30`): a triangle, two parallelograms and two exponential tails
/// over the distribution, with squeezes before the exact test.
fn binomial_btpe(g: &mut Pcg64, n: i64, p: f64) -> i64 {
    let nf = n as f64;
    let r = p.min(1.0 - p);
    let q = 1.0 - r;
    let fm = nf * r + r;
    let m = libm::floor(fm) as i64;
    let mf = m as f64;
    let p1 = libm::floor(2.195 * libm::sqrt(nf * r * q) - 4.6 * q) + 0.5;
    let xm = mf + 0.5;
    let xl = xm - p1;
    let xr = xm + p1;
    let c = 0.134 + 20.5 / (15.3 + mf);
    let a = (fm - xl) / (fm - xl * r);
    let laml = a * (1.0 + a / 2.0);
    let a = (xr - fm) / (xr * q);
    let lamr = a * (1.0 + a / 2.0);
    let p2 = p1 * (1.0 + 2.0 * c);
    let p3 = p2 + c / laml;
    let p4 = p3 + c / lamr;
    let nrq = nf * r * q;
    loop {
        let u = g.next_double() * p4;
        let mut v = g.next_double();
        let y: i64;
        if u <= p1 {
            // Triangle: accepted outright.
            return libm::floor(xm - p1 * v + u) as i64;
        } else if u <= p2 {
            // Parallelograms.
            let x = xl + (u - p1) / c;
            v = v * c + 1.0 - (mf - x + 0.5).abs() / p1;
            if v > 1.0 {
                continue;
            }
            y = libm::floor(x) as i64;
        } else if u <= p3 {
            // Left tail.
            let yy = libm::floor(xl + libm::log(v) / laml);
            if yy < 0.0 || v == 0.0 {
                continue;
            }
            y = yy as i64;
            v = v * (u - p2) * laml;
        } else {
            // Right tail.
            let yy = libm::floor(xr - libm::log(v) / lamr);
            if yy > nf || v == 0.0 {
                continue;
            }
            y = yy as i64;
            v = v * (u - p3) * lamr;
        }
        let k = (y - m).abs();
        if k > 20 && (k as f64) < nrq / 2.0 - 1.0 {
            // Squeeze on log(v), then the exact bound by Stirling's formula.
            let kf = k as f64;
            let rho =
                (kf / nrq) * ((kf * (kf / 3.0 + 0.625) + 0.166_666_666_666_666_66) / nrq + 0.5);
            let t = -kf * kf / (2.0 * nrq);
            let big_a = libm::log(v);
            if big_a < t - rho {
                return y;
            }
            if big_a > t + rho {
                continue;
            }
            let x1 = (y + 1) as f64;
            let f1 = (m + 1) as f64;
            let z = (n + 1 - m) as f64;
            let w = (n - y + 1) as f64;
            let (x2, f2, z2, w2) = (x1 * x1, f1 * f1, z * z, w * w);
            let corr = |t2: f64, t: f64| {
                (13680.0 - (462.0 - (132.0 - (99.0 - 140.0 / t2) / t2) / t2) / t2) / t / 166_320.0
            };
            let bound = xm * libm::log(f1 / x1)
                + (nf - mf + 0.5) * libm::log(z / w)
                + (y - m) as f64 * libm::log(w * r / (x1 * q))
                + corr(f2, f1)
                + corr(z2, z)
                + corr(x2, x1)
                + corr(w2, w);
            if big_a > bound {
                continue;
            }
            return y;
        }
        // Explicit product of probability ratios from the mode.
        let s = r / q;
        let aa = s * (nf + 1.0);
        let mut f = 1.0;
        if m < y {
            for i in m + 1..=y {
                f *= aa / i as f64 - s;
            }
        } else if m > y {
            for i in y + 1..=m {
                f /= aa / i as f64 - s;
            }
        }
        if v > f {
            continue;
        }
        return y;
    }
}

/// One binomial draw; `n >= 0`, `0 <= p <= 1` (checked by the caller).
pub fn binomial(g: &mut Pcg64, n: i64, p: f64) -> i64 {
    if n == 0 || p == 0.0 {
        return 0;
    }
    if p <= 0.5 {
        if p * n as f64 <= 30.0 {
            binomial_inversion(g, n, p)
        } else {
            binomial_btpe(g, n, p)
        }
    } else {
        let q = 1.0 - p;
        if q * n as f64 <= 30.0 {
            n - binomial_inversion(g, n, q)
        } else {
            n - binomial_btpe(g, n, q)
        }
    }
}

pub fn fill_binomial(g: &mut Pcg64, n: i64, p: f64, out: &mut [i64]) {
    for o in out {
        *o = binomial(g, n, p);
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
        // default_rng(21): poisson(3.5, 20), poisson(250.0, 20), binomial(10, 0.3, 20),
        // binomial(1000, 0.4, 20), binomial(500, 0.9, 20), in turn.
        let mut g = rng(21);
        let mut out = [0i64; 20];
        for (i, (kind, a, b)) in [
            (0, 3.5, 0.0),
            (0, 250.0, 0.0),
            (1, 10.0, 0.3),
            (1, 1000.0, 0.4),
            (1, 500.0, 0.9),
        ]
        .into_iter()
        .enumerate()
        {
            if kind == 0 {
                fill_poisson(&mut g, a, &mut out);
            } else {
                fill_binomial(&mut g, a as i64, b, &mut out);
            }
            assert_eq!(out, DISCRETE_21[i], "{i}");
        }
    }

    #[test]
    fn binomial_mean_and_variance() {
        let mut g = rng(4);
        for (n, p) in [(40i64, 0.5), (1000, 0.3), (25, 0.8), (7, 0.1)] {
            let count = 40_000;
            let (mut s, mut s2) = (0.0, 0.0);
            for _ in 0..count {
                let x = binomial(&mut g, n, p) as f64;
                assert!((0.0..=n as f64).contains(&x));
                s += x;
                s2 += x * x;
            }
            let mean = s / count as f64;
            let var = s2 / count as f64 - mean * mean;
            let (m, v) = (n as f64 * p, n as f64 * p * (1.0 - p));
            assert!(
                (mean - m).abs() < 5.0 * (v / count as f64).sqrt(),
                "{n} {p}"
            );
            assert!((var / v - 1.0).abs() < 0.05, "{n} {p} {var}");
        }
    }

    include!("test_vectors_discrete.rs");
}
