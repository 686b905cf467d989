//! A call's bound arguments and what each kind of parameter accepts.
//!
//! Family code asks for a parameter by position with the accessor of what it needs
//! (`args.operand(0)`, `args.axis(1)`, `args.string(2)`); each accessor refuses anything else
//! with an error naming the parameter, so no family code words an argument error itself.

use std::borrow::Cow;

use crate::array::ArrayRef;
use crate::dtype::DType;
use crate::element::Element;
use crate::error::{ApiError, InputError};
use crate::signature::{MAX_PARAMS, Param};
use crate::value::{Operand, Value};

/// The arguments of one call, one value per declared parameter (defaults applied).
pub struct Args<'a> {
    function: &'static str,
    params: &'a [Param],
    /// Borrowed on the per-call path ([`crate::table::Function::call`] binds into an array on
    /// its stack, as long as the signature: setting up and dropping `MAX_PARAMS` values showed
    /// in small calls), owned when made by [`Args::new`].
    values: Cow<'a, [Value<'a>]>,
}

impl<'a> Args<'a> {
    /// Arguments bound to `params` (from [`crate::signature::Signature::bind`]); missing ones
    /// take their parameter's default.
    pub fn new(
        function: &'static str,
        params: &'a [Param],
        bound: [Option<Value<'a>>; MAX_PARAMS],
    ) -> Self {
        let values = bound
            .into_iter()
            .zip(params)
            .map(|(value, param)| match value {
                Some(v) => v,
                None => param.default.map_or(Value::None, |d| d.value()),
            })
            .collect();
        Self {
            function,
            params,
            values: Cow::Owned(values),
        }
    }

    /// Arguments for `params` whose `values` (one per parameter, defaults applied) the caller
    /// bound in place.
    #[inline]
    pub(crate) fn bound(
        function: &'static str,
        params: &'a [Param],
        values: &'a [Value<'a>],
    ) -> Self {
        Self {
            function,
            params,
            values: Cow::Borrowed(values),
        }
    }

    /// The function being called.
    /// Every argument's value, in parameter order.
    pub fn values(&self) -> &[Value<'a>] {
        &self.values
    }

    pub fn function(&self) -> &'static str {
        self.function
    }

    /// The name of parameter `i`, for messages.
    pub fn name(&self, i: usize) -> &'static str {
        self.params.get(i).map_or("argument", |p| p.name)
    }

    /// The raw value of parameter `i`; `None` for a parameter the function does not have
    /// (family code asks only for its own, which the tests call).
    pub fn value(&self, i: usize) -> &Value<'a> {
        self.values.get(i).unwrap_or(&Value::None)
    }

    fn unreadable(&self, i: usize, err: &InputError) -> ApiError {
        match err {
            // numpy 2 makes an object array of a list holding an int beyond uint64, which
            // fastmath cannot compute with: its OverflowError, as for a Python int beyond the
            // dtype it meets.
            InputError::ElementTooLarge { index } => ApiError::overflow_error(
                self.name(i),
                format!("element {index} is an int beyond uint64, which no numeric dtype holds"),
            ),
            _ => err.for_argument(self.name(i)),
        }
    }

    /// A number or an array of numbers.
    pub fn operand(&self, i: usize) -> Result<Operand<'a>, ApiError> {
        Ok(match self.value(i) {
            Value::Float(v) => Operand::Number(*v),
            Value::BigInt(v) => Operand::Number(v.to_f64()),
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
        match self.value(i) {
            Value::None => Ok(None),
            _ => self.number(i).map(Some),
        }
    }

    /// An integer: a Python int (or bool), or an integer numpy scalar. TypeError for anything
    /// else, ValueError for one beyond 64 bits.
    pub fn int(&self, i: usize) -> Result<i64, ApiError> {
        let name = self.name(i);
        match self.value(i) {
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

    /// An integer exactly, however wide: a Python int (or bool) or an integer numpy scalar
    /// (uint64 ones included), for parameters whose range is wider than int64's (the bounds of
    /// `Generator.integers`). An int beyond 128 bits, beyond every dtype, saturates to `i128`'s
    /// bounds by its sign. TypeError for anything else; an int too large even for a float
    /// (whose sign the bindings do not pass) is the binding's error, as in [`Args::operand`].
    pub fn wide_int(&self, i: usize) -> Result<i128, ApiError> {
        let name = self.name(i);
        match self.value(i) {
            Value::Int(v) => Ok(i128::from(*v)),
            Value::Bool(b) => Ok(i128::from(*b)),
            Value::BigInt(v) => Ok(v.to_i128().unwrap_or(if v.is_negative() {
                i128::MIN
            } else {
                i128::MAX
            })),
            Value::Array(a) if a.ndim() == 0 && a.dtype() == DType::U64 => self
                .data::<u64>(i, a)?
                .first()
                .map(|&v| i128::from(v))
                .ok_or_else(|| ApiError::value_error(name, "expected an integer")),
            Value::Array(a) if a.ndim() == 0 && a.dtype().is_integer() => a
                .single_i64()
                .map(i128::from)
                .ok_or_else(|| ApiError::value_error(name, "expected an integer")),
            Value::Invalid(err) => Err(self.unreadable(i, err)),
            other => Err(ApiError::type_error(
                name,
                format!("expected an integer, got {}", other.describe()),
            )),
        }
    }

    /// An integer, or `None`.
    pub fn opt_int(&self, i: usize) -> Result<Option<i64>, ApiError> {
        match self.value(i) {
            Value::None => Ok(None),
            _ => self.int(i).map(Some),
        }
    }

    /// An axis of an array with `ndim` dimensions, or `None` when none was given: numpy's
    /// numbering, negative counting from the end. An axis out of range is an AxisError naming
    /// the parameter, in numpy's words ("axis 2 is out of bounds for array of dimension 1").
    pub fn axis(&self, i: usize, ndim: usize) -> Result<Option<usize>, ApiError> {
        let Some(axis) = self.axis_int(i, ndim)? else {
            return Ok(None);
        };
        let resolved = if axis < 0 {
            i64::try_from(ndim).ok().and_then(|n| axis.checked_add(n))
        } else {
            Some(axis)
        };
        match resolved.map(usize::try_from) {
            Some(Ok(resolved)) if resolved < ndim => Ok(Some(resolved)),
            _ => Err(ApiError::axis_error(self.name(i), axis, ndim)),
        }
    }

    /// The axes `listed` in parameter `i` (an int, or the items of a sequence, as read by the
    /// caller), each resolved against `ndim` (negative counts from the end), in the order given:
    /// numpy's errors for a non-integer, an axis out of bounds, or one named twice (`repeated`
    /// is numpy's wording, which differs between functions).
    pub fn axis_list(
        &self,
        i: usize,
        listed: &[f64],
        ndim: usize,
        repeated: &str,
    ) -> Result<Vec<usize>, ApiError> {
        let mut axes = Vec::with_capacity(listed.len());
        for &v in listed {
            let axis = (v.fract() == 0.0 && v.abs() <= 1e15)
                .then_some(v as i64)
                .ok_or_else(|| {
                    ApiError::type_error(self.name(i), format!("expected integers, got {v}"))
                })?;
            let resolved = if axis < 0 {
                i64::try_from(ndim).ok().and_then(|n| axis.checked_add(n))
            } else {
                Some(axis)
            };
            match resolved.map(usize::try_from) {
                Some(Ok(r)) if r < ndim && !axes.contains(&r) => axes.push(r),
                Some(Ok(r)) if r < ndim => {
                    return Err(ApiError::value_error(self.name(i), repeated));
                }
                _ => return Err(ApiError::axis_error(self.name(i), axis, ndim)),
            }
        }
        Ok(axes)
    }

    /// An axis as the integer given (or `None`), for a caller that resolves it itself. One
    /// beyond 64 bits is out of bounds of every array, so it gets the out-of-bounds message
    /// with the valid range (the dimension), not "integer out of range"; the binding passes it
    /// as a float, so it is shown in scientific notation, its exact digits being unknown here.
    pub fn axis_int(&self, i: usize, ndim: usize) -> Result<Option<i64>, ApiError> {
        let beyond = match self.value(i) {
            Value::BigInt(v) => Some(format!("{:e}", v.to_f64())),
            Value::Invalid(InputError::IntTooLarge) => Some("beyond 1e308".to_owned()),
            Value::Array(a)
                if a.ndim() == 0 && a.dtype().is_integer() && a.single_i64().is_none() =>
            {
                a.single_f64().map(|v| format!("{v:e}"))
            }
            _ => None,
        };
        match beyond {
            Some(axis) => Err(ApiError::axis_error(self.name(i), axis, ndim)),
            None => self.opt_int(i),
        }
    }

    /// A string option (`side="left"`); the caller checks it is one of its choices.
    pub fn string(&self, i: usize) -> Result<&'a str, ApiError> {
        match self.value(i) {
            Value::Str(s) => Ok(s),
            other => Err(ApiError::type_error(
                self.name(i),
                format!("expected a str, got {}", other.describe()),
            )),
        }
    }

    /// A boolean flag (`keepdims=True`); ints 0 and 1 are accepted, as numpy does.
    pub fn flag(&self, i: usize) -> Result<bool, ApiError> {
        match self.value(i) {
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
        self.data::<f64>(i, array)
    }

    /// The elements of array parameter `i` as contiguous `T` (borrowed when the array already
    /// is such a slice, else converted as numpy's `astype`); a failure names the parameter.
    pub fn data<T: Element>(
        &self,
        i: usize,
        array: &ArrayRef<'a>,
    ) -> Result<Cow<'a, [T]>, ApiError> {
        array.data::<T>().map_err(|e| ApiError {
            message: format!("{}: {}", self.name(i), e.message),
            ..e
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::Signature;
    use crate::value::BigInt;

    #[test]
    fn axes_count_from_either_end_and_name_the_parameter_when_out_of_range() {
        let signature = Signature::parse("(x: ArrayLike, /, axis: int | None = None)").unwrap();
        let axis_of = |value: Value<'static>, ndim: usize| {
            let bound = signature
                .bind(
                    "f",
                    [Value::Float(0.0), value].into_iter(),
                    std::iter::empty::<(&str, _)>(),
                )
                .unwrap();
            Args::new("f", &signature.params, bound).axis(1, ndim)
        };
        assert_eq!(axis_of(Value::None, 3), Ok(None));
        assert_eq!(axis_of(Value::Int(0), 3), Ok(Some(0)));
        assert_eq!(axis_of(Value::Int(2), 3), Ok(Some(2)));
        assert_eq!(axis_of(Value::Int(-1), 3), Ok(Some(2)));
        assert_eq!(axis_of(Value::Int(-3), 3), Ok(Some(0)));
        for (axis, ndim) in [
            (3, 3),
            (-4, 3),
            (0, 0),
            (-1, 0),
            (i64::MIN, 1),
            (i64::MAX, 1),
        ] {
            let e = axis_of(Value::Int(axis), ndim).unwrap_err();
            assert_eq!(e.class, crate::error::ErrorClass::AxisError);
            assert_eq!(
                e.message,
                format!("axis: axis {axis} is out of bounds for array of dimension {ndim}")
            );
        }
        for (value, shown) in [
            (Value::BigInt(BigInt::exact(10i128.pow(30))), "1e30"),
            (
                Value::BigInt(BigInt::exact(-9_300_000_000_000_000_000)),
                "-9.3e18",
            ),
            (Value::BigInt(BigInt::approx(-1e300)), "-1e300"),
            (Value::Invalid(InputError::IntTooLarge), "beyond 1e308"),
        ] {
            let e = axis_of(value, 2).unwrap_err();
            assert_eq!(e.class, crate::error::ErrorClass::AxisError);
            assert_eq!(
                e.message,
                format!("axis: axis {shown} is out of bounds for array of dimension 2")
            );
        }
        let e = axis_of(Value::Float(1.0), 2).unwrap_err();
        assert_eq!(e.message, "axis: expected an integer, got float");
    }
}
