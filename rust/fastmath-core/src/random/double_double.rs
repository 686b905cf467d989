//! Just enough double-double arithmetic (about 95 bits after `exp`'s squarings) to compute the exponential
//! ziggurat's table as numpy's was computed: in more than double precision, rounded once.

#[derive(Debug, Clone, Copy)]
pub(super) struct Dd {
    pub hi: f64,
    pub lo: f64,
}

fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    (p, libm::fma(a, b, -p))
}

const LN2: Dd = Dd {
    hi: core::f64::consts::LN_2,
    lo: 2.319_046_813_846_299_6e-17,
};

impl Dd {
    pub fn new(hi: f64, lo: f64) -> Dd {
        let (s, e) = two_sum(hi, lo);
        Dd { hi: s, lo: e }
    }
    pub fn from(x: f64) -> Dd {
        Dd { hi: x, lo: 0.0 }
    }
    pub fn add(self, o: Dd) -> Dd {
        let (s, e) = two_sum(self.hi, o.hi);
        Dd::new(s, e + self.lo + o.lo)
    }
    pub fn neg(self) -> Dd {
        Dd {
            hi: -self.hi,
            lo: -self.lo,
        }
    }
    pub fn sub(self, o: Dd) -> Dd {
        self.add(o.neg())
    }
    pub fn mul(self, o: Dd) -> Dd {
        let (p, e) = two_prod(self.hi, o.hi);
        Dd::new(p, e + self.hi * o.lo + self.lo * o.hi)
    }
    pub fn div(self, o: Dd) -> Dd {
        let q1 = self.hi / o.hi;
        let r = self.sub(o.mul(Dd::from(q1)));
        let q2 = r.hi / o.hi;
        let r = r.sub(o.mul(Dd::from(q2)));
        let q3 = r.hi / o.hi;
        Dd::new(q1, q2).add(Dd::from(q3))
    }
    fn scale(self, k: i32) -> Dd {
        let f = 2f64.powi(k);
        Dd {
            hi: self.hi * f,
            lo: self.lo * f,
        }
    }

    /// `e^x` for |x| below a few hundred: x = k ln 2 + r, r / 1024 by Taylor, squared back.
    pub fn exp(self) -> Dd {
        let k = (self.hi / LN2.hi).round();
        let r = self.sub(LN2.mul(Dd::from(k))).scale(-10);
        let mut term = Dd::from(1.0);
        let mut sum = Dd::from(1.0);
        for n in 1..=20 {
            term = term.mul(r).div(Dd::from(f64::from(n)));
            sum = sum.add(term);
        }
        for _ in 0..10 {
            sum = sum.mul(sum);
        }
        sum.scale(k as i32)
    }

    /// `ln x` by Newton's method on `exp`, from the double logarithm.
    pub fn ln(self) -> Dd {
        let mut z = Dd::from(libm::log(self.hi));
        for _ in 0..2 {
            let e = z.neg().exp();
            z = z.add(self.mul(e)).sub(Dd::from(1.0));
        }
        z
    }

    pub fn to_f64(self) -> f64 {
        self.hi + self.lo
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_and_log_agree_to_far_below_an_ulp() {
        for &x in &[-7.7, -3.2, -0.5, -1e-3, 0.0, 0.25, 2.0] {
            let back = Dd::from(x).exp().ln();
            assert!((back.sub(Dd::from(x))).to_f64().abs() < 1e-27, "{x}");
        }
        let e = Dd::from(1.0).exp();
        assert_eq!(e.hi, core::f64::consts::E);
        // e = 2.718281828459045 + 1.4456468917292502e-16
        assert!(
            (e.lo - 1.445_646_891_729_250_2e-16).abs() < 1e-27,
            "{}",
            e.lo
        );
    }
}
