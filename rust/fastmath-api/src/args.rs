//! A call's bound arguments and what each kind of parameter accepts.
//!
//! Family code asks for a parameter by position with the accessor of what it needs
//! (`args.operand(0)`, `args.axis(1)`, `args.string(2)`); each accessor refuses anything else
//! with an error naming the parameter, so no family code words an argument error itself.

use std::borrow::Cow;

use crate::array::ArrayRef;
use crate::error::{ApiError, InputError};
use crate::signature::{MAX_PARAMS, Param};
use crate::value::{Operand, Value};

/// The arguments of one call, one value per declared parameter (defaults applied).
pub struct Args<'a> {
    function: &'static str,
    params: &'a [Param],
    values: [Value<'a>; MAX_PARAMS],
}

impl<'a> Args<'a> {
    /// Arguments bound to `params` (from [`crate::signature::Signature::bind`]); missing ones
    /// take their parameter's default.
    pub fn new(
        function: &'static str,
        params: &'a [Param],
        bound: [Option<Value<'a>>; MAX_PARAMS],
    ) -> Self {
        let mut values: [Value<'a>; MAX_PARAMS] = std::array::from_fn(|_| Value::None);
        for ((slot, value), param) in values.iter_mut().zip(bound).zip(params) {
            *slot = match value {
                Some(v) => v,
                None => param.default.map_or(Value::None, |d| d.value()),
            };
        }
        Self {
            function,
            params,
            values,
        }
    }

    /// The function being called.
    pub fn function(&self) -> &'static str {
        self.function
    }

    /// The name of parameter `i`, for messages.
    pub fn name(&self, i: usize) -> &'static str {
        self.params.get(i).map_or("argument", |p| p.name)
    }

    /// The raw value of parameter `i`.
    pub fn value(&self, i: usize) -> &Value<'a> {
        &self.values[i]
    }

    fn unreadable(&self, i: usize, err: &InputError) -> ApiError {
        err.for_argument(self.name(i))
    }

    /// A number or an array of numbers.
    pub fn operand(&self, i: usize) -> Result<Operand<'a>, ApiError> {
        Ok(match &self.values[i] {
            Value::Float(v) | Value::BigInt(v) => Operand::Number(*v),
            Value::Int(v) => Operand::Number(*v as f64),
            Value::Bool(b) => Operand::Number(f64::from(u8::from(*b))),
            Value::Array(a) if a.ndim() == 0 => Operand::Number(a.single_f64().unwrap_or(f64::NAN)),
            Value::Array(a) => Operand::Array(*a),
            Value::Invalid(err) => return Err(self.unreadable(i, err)),
            Value::Str(_) => {
                return Err(self.unreadable(
                    i,
                    &InputError::Text {
                        type_name: "str".to_owned(),
                    },
                ));
            }
            Value::None => {
                return Err(self.unreadable(
                    i,
                    &InputError::Type {
                        type_name: "NoneType".to_owned(),
                    },
                ));
            }
        })
    }

    /// An array (a number is refused: functions of whole arrays).
    pub fn array(&self, i: usize) -> Result<ArrayRef<'a>, ApiError> {
        match self.operand(i)? {
            Operand::Array(a) => Ok(a),
            Operand::Number(_) => Err(ApiError::value_error(
                self.name(i),
                "expected an array (a list, tuple or buffer), got a single number",
            )),
        }
    }

    /// A single number (an array is refused, naming its shape).
    pub fn number(&self, i: usize) -> Result<f64, ApiError> {
        match self.operand(i)? {
            Operand::Number(v) => Ok(v),
            Operand::Array(a) => match a.single_f64() {
                Some(v) if a.ndim() == 0 => Ok(v),
                _ => Err(ApiError::value_error(
                    self.name(i),
                    format!("expected a single number, got {}", a.describe()),
                )),
            },
        }
    }

    /// A single number, or `None`.
    pub fn opt_number(&self, i: usize) -> Result<Option<f64>, ApiError> {
        match self.values[i] {
            Value::None => Ok(None),
            _ => self.number(i).map(Some),
        }
    }

    /// An integer: a Python int (or bool), or an integer numpy scalar. TypeError for anything
    /// else, ValueError for one beyond 64 bits.
    pub fn int(&self, i: usize) -> Result<i64, ApiError> {
        let name = self.name(i);
        match &self.values[i] {
            Value::Int(v) => Ok(*v),
            Value::Bool(b) => Ok(i64::from(*b)),
            Value::BigInt(_) => Err(ApiError::value_error(name, "integer out of range")),
            Value::Array(a) if a.ndim() == 0 && a.dtype().is_integer() => a
                .single_i64()
                .ok_or_else(|| ApiError::value_error(name, "integer out of range")),
            Value::Invalid(InputError::IntTooLarge) => {
                Err(ApiError::value_error(name, "integer out of range"))
            }
            other => Err(ApiError::type_error(
                name,
                format!("expected an integer, got {}", other.describe()),
            )),
        }
    }

    /// An integer, or `None`.
    pub fn opt_int(&self, i: usize) -> Result<Option<i64>, ApiError> {
        match self.values[i] {
            Value::None => Ok(None),
            _ => self.int(i).map(Some),
        }
    }

    /// A string option (`side="left"`); the caller checks it is one of its choices.
    pub fn string(&self, i: usize) -> Result<&'a str, ApiError> {
        match &self.values[i] {
            Value::Str(s) => Ok(s),
            other => Err(ApiError::type_error(
                self.name(i),
                format!("expected a str, got {}", other.describe()),
            )),
        }
    }

    /// A boolean flag (`keepdims=True`); ints 0 and 1 are accepted, as numpy does.
    pub fn flag(&self, i: usize) -> Result<bool, ApiError> {
        match &self.values[i] {
            Value::Bool(b) => Ok(*b),
            Value::Int(0) => Ok(false),
            Value::Int(1) => Ok(true),
            other => Err(ApiError::type_error(
                self.name(i),
                format!("expected True or False, got {}", other.describe()),
            )),
        }
    }

    /// The elements of array parameter `i` as contiguous float64 (borrowed when possible).
    pub fn f64_data(&self, i: usize, array: &ArrayRef<'a>) -> Result<Cow<'a, [f64]>, ApiError> {
        array.to_f64().map_err(|e| ApiError {
            message: format!("{}: {}", self.name(i), e.message),
            ..e
        })
    }
}
