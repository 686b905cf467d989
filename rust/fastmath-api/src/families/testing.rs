//! What the families' unit tests call functions with: [`VecOutputs`] standing in for a
//! binding, arrays owned by the test, and one `call` that goes through the table exactly as
//! a binding does (signature binding, defaults, error prefixes).

use crate::args::Args;
use crate::array::ArrayRef;
use crate::error::{ApiError, ErrorClass};
use crate::outputs::Ret;
pub use crate::outputs::VecOutputs;
use crate::table::{Fold, Function, Stream, find};
use crate::value::Value;

impl VecOutputs {
    /// The shape and elements of float64 result `ret`.
    pub fn f64(&self, ret: &Ret) -> (&[usize], &[f64]) {
        match ret {
            Ret::Array(i) => {
                let stored = &self.arrays[*i];
                let values = stored.values::<f64>();
                (&stored.shape, values.expect("expected a float64 array"))
            }
            other => panic!("expected an array, got {other:?}"),
        }
    }

    /// The shape and elements of int64 result `ret`.
    pub fn i64(&self, ret: &Ret) -> (&[usize], &[i64]) {
        match ret {
            Ret::Array(i) => {
                let stored = &self.arrays[*i];
                let values = stored.values::<i64>();
                (&stored.shape, values.expect("expected an int64 array"))
            }
            other => panic!("expected an array, got {other:?}"),
        }
    }
}

/// An array argument owned by a test.
pub struct Arr {
    shape: Vec<usize>,
    values: Vec<f64>,
}

impl Arr {
    pub fn new(shape: &[usize], values: &[f64]) -> Self {
        assert_eq!(shape.iter().product::<usize>(), values.len());
        Self {
            shape: shape.to_vec(),
            values: values.to_vec(),
        }
    }

    pub fn value(&self) -> Value<'_> {
        Value::Array(ArrayRef::from_f64(&self.values, &self.shape).expect("a valid test array"))
    }
}

/// A 1-D array.
pub fn vector(values: &[f64]) -> Arr {
    Arr::new(&[values.len()], values)
}

/// A 2-D array from its rows (all of one length).
pub fn matrix(rows: &[&[f64]]) -> Arr {
    let cols = rows.first().map_or(0, |r| r.len());
    let values: Vec<f64> = rows.iter().flat_map(|r| r.iter().copied()).collect();
    Arr::new(&[rows.len(), cols], &values)
}

/// Calls the table's function `name` as a binding would.
pub fn call<'a>(
    name: &str,
    positional: Vec<Value<'a>>,
    keywords: Vec<(&str, Value<'a>)>,
) -> (Result<Ret, ApiError>, VecOutputs) {
    let function = find(name).unwrap_or_else(|| panic!("{name} is not in the table"));
    let mut out = VecOutputs::default();
    let ret = function.call(positional.into_iter(), keywords.into_iter(), &mut out);
    (ret, out)
}

/// The result of a call that must succeed.
pub fn ok<'a>(
    name: &str,
    positional: Vec<Value<'a>>,
    keywords: Vec<(&str, Value<'a>)>,
) -> (Ret, VecOutputs) {
    let (ret, out) = call(name, positional, keywords);
    (ret.unwrap_or_else(|e| panic!("{name} failed: {e}")), out)
}

/// The float result of a call that must succeed with one.
pub fn float<'a>(name: &str, positional: Vec<Value<'a>>, keywords: Vec<(&str, Value<'a>)>) -> f64 {
    match ok(name, positional, keywords).0 {
        Ret::Float(v) => v,
        other => panic!("{name}: expected a float, got {other:?}"),
    }
}

/// The class and message of a call that must fail.
pub fn err<'a>(
    name: &str,
    positional: Vec<Value<'a>>,
    keywords: Vec<(&str, Value<'a>)>,
) -> (ErrorClass, String) {
    match call(name, positional, keywords).0 {
        Ok(ret) => panic!("{name}: expected an error, got {ret:?}"),
        Err(e) => (e.class, e.message),
    }
}

/// Whether `got` is within `tol` of `want`, element by element.
pub fn close(got: &[f64], want: &[f64], tol: f64) -> bool {
    got.len() == want.len() && got.iter().zip(want).all(|(g, w)| (g - w).abs() <= tol)
}

/// The fold a binding would start for a streamed call of `function` (its `start` with the
/// call's bound arguments).
pub fn start_fold<'a>(
    function: &'static Function,
    positional: Vec<Value<'a>>,
    keywords: Vec<(&str, Value<'a>)>,
) -> Result<Box<dyn Fold>, ApiError> {
    let Stream::Fold(start) = function.stream else {
        panic!("{} does not fold", function.name);
    };
    let signature = function.parsed();
    let bound = signature.bind(function.name, positional.into_iter(), keywords.into_iter())?;
    start(&Args::new(function.name, &signature.params, bound))
}

/// A small deterministic generator (xorshift64*), for random chunkings and inputs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A value in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A float in [-1, 1) times a power of ten in 1e-8..1e8: magnitudes that make summation
    /// order show in the last bits.
    pub fn spread(&mut self) -> f64 {
        let unit = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0;
        unit * 10f64.powi(self.below(17) as i32 - 8)
    }
}

/// A call that must fail: function, positional and keyword arguments, the class and message.
pub type Refusal<'a> = (
    &'static str,
    Vec<Value<'a>>,
    Vec<(&'static str, Value<'a>)>,
    ErrorClass,
    &'static str,
);

/// Checks each refusal's class and complete message.
pub fn assert_refusals(cases: Vec<Refusal<'_>>) {
    for (name, positional, keywords, class, message) in cases {
        assert_eq!(
            err(name, positional, keywords),
            (class, message.to_owned()),
            "{name}"
        );
    }
}
