//! The fast lanes for calls of one or two floats and nothing else (`sqrt(3.0)`,
//! `add(2.0, 3.0)`): plain f64 in, plain f64 out, no header and no scratch region, so the host
//! pays one crossing of the cheapest kind. They are shortcuts of [`crate::call`], never
//! alternatives: whenever the answer is not simply a float they return NaN and the host takes
//! the full path, which computes the same value (a NaN result is computed twice, which is
//! rare) or words the error.
//!
//! A NaN sentinel rather than `Option<f64>`: wasm-bindgen returns an `Option` through memory,
//! which costs more than the whole call of a unary function.

use fastmath_api::{ApiError, Function, OutSlice, OutSpec, Outputs, Ret, Value, functions};
#[cfg(not(target_os = "wasi"))]
use wasm_bindgen::prelude::*;

use crate::host::export;

/// Refuses every array result: a call that would allocate one is not for this lane.
struct NoArrays;

impl Outputs for NoArrays {
    fn arrays(
        &mut self,
        _: &[OutSpec<'_>],
        _: &mut dyn FnMut(&mut [OutSlice<'_>]) -> Result<(), ApiError>,
    ) -> Result<Vec<Ret>, ApiError> {
        Err(ApiError::invalid(""))
    }
}

fn float_call(function: &'static Function, values: [Value<'_>; 2], given: usize) -> f64 {
    let keywords = std::iter::empty::<(&str, Value<'_>)>();
    let positional = values.into_iter().take(given);
    match function.call(positional, keywords, &mut NoArrays) {
        Ok(Ret::Float(v)) => v,
        _ => f64::NAN,
    }
}

export! { number:
    /// Function `index` of one float: its `Function::number` when the table has one (the unary
    /// elementwise functions), else a bound call; NaN when the result is not a float.
    pub fn number(index: u32, x: f64) -> f64 {
        match functions().get(index as usize) {
            Some(f) => match f.number() {
                Some(number) => number(x),
                None => float_call(f, [Value::Float(x), Value::None], 1),
            },
            None => f64::NAN,
        }
    }
}

export! { numbers:
    /// Function `index` of two floats (the binary elementwise functions); NaN when the result is
    /// not a float.
    pub fn numbers(index: u32, x: f64, y: f64) -> f64 {
        match functions().get(index as usize) {
            Some(f) => float_call(f, [Value::Float(x), Value::Float(y)], 2),
            None => f64::NAN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(name: &str) -> u32 {
        let at = functions().iter().position(|f| f.name == name);
        u32::try_from(at.unwrap()).unwrap()
    }

    #[test]
    fn floats_in_floats_out_and_nan_for_everything_else() {
        assert_eq!(number(index("sqrt"), 4.0), 2.0);
        assert_eq!(number(index("square"), -0.0).to_bits(), 0.0f64.to_bits());
        assert_eq!(number(index("sum"), 2.5), 2.5);
        assert_eq!(numbers(index("add"), 2.0, 3.0), 5.0);
        assert_eq!(numbers(index("divide"), 1.0, -0.0), f64::NEG_INFINITY);
        // An array result, an error, a missing function: the full path answers.
        assert!(number(index("sort"), 1.0).is_nan());
        assert!(number(index("add"), 1.0).is_nan());
        assert!(numbers(index("sqrt"), 1.0, 2.0).is_nan());
        assert!(number(u32::MAX, 1.0).is_nan());
    }
}
