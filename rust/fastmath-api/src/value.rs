//! An argument as a binding found it: the one vocabulary both bindings translate Python values
//! into. What each parameter accepts of these, and the errors for the rest, are in
//! [`crate::args`].

use crate::array::ArrayRef;
use crate::error::InputError;

/// One argument value.
#[derive(Clone, Debug)]
pub enum Value<'a> {
    /// Python's `None`.
    None,
    Bool(bool),
    /// An int that fits in 64 bits.
    Int(i64),
    /// An int beyond 64 bits, with its value as a float (it may still serve as a number).
    BigInt(f64),
    /// A float, or anything with `__float__` (Fraction, numpy float scalars).
    Float(f64),
    Str(&'a str),
    /// An array: a buffer, or a (nested) list/tuple the binding converted.
    Array(ArrayRef<'a>),
    /// Something the binding could not read; the parameter words the error.
    Invalid(InputError),
}

impl Value<'_> {
    /// The Python type name for messages ("float", "str", "a 2-D array of shape (2, 3)").
    pub fn describe(&self) -> String {
        match self {
            Value::None => "None".to_owned(),
            Value::Bool(_) => "bool".to_owned(),
            Value::Int(_) | Value::BigInt(_) => "int".to_owned(),
            Value::Float(_) => "float".to_owned(),
            Value::Str(_) => "str".to_owned(),
            Value::Array(a) => a.describe(),
            Value::Invalid(_) => "an unreadable value".to_owned(),
        }
    }
}

/// A numeric argument: a single number or an array of numbers.
#[derive(Clone, Copy, Debug)]
pub enum Operand<'a> {
    Number(f64),
    Array(ArrayRef<'a>),
}
