//! Every refusal fastmath makes, worded once.
//!
//! An [`ApiError`] is a Python exception class and a message. Both bindings map the class onto
//! Python (one function each) and never word a message themselves: what a binding could not
//! read from a Python object it reports as an [`InputError`], and the parameter it was bound to
//! words it here. So the two backends raise the same class with the same text by construction.

use std::fmt;

use crate::array::MAX_NDIM;
use crate::dtype::DType;

/// The Python exception class of a refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorClass {
    TypeError,
    ValueError,
    /// `fastmath.LinAlgError`, a ValueError.
    LinAlgError,
    MemoryError,
    /// `fastmath.AxisError`, a ValueError and an IndexError, as numpy's.
    AxisError,
    /// A Python int that the dtype it meets cannot hold (numpy 2 refuses it so).
    OverflowError,
    /// numpy's class where it indexes past an empty array (`quantile` of no values).
    IndexError,
    /// numpy's class for a division by zero it does in Python (`arange`'s step, `average`'s
    /// weights summing to zero).
    ZeroDivisionError,
}

impl ErrorClass {
    /// The class's Python name, as the universal backend reports it.
    pub fn name(self) -> &'static str {
        match self {
            ErrorClass::TypeError => "TypeError",
            ErrorClass::ValueError => "ValueError",
            ErrorClass::LinAlgError => "LinAlgError",
            ErrorClass::MemoryError => "MemoryError",
            ErrorClass::AxisError => "AxisError",
            ErrorClass::OverflowError => "OverflowError",
            ErrorClass::IndexError => "IndexError",
            ErrorClass::ZeroDivisionError => "ZeroDivisionError",
        }
    }
}

/// A refusal: the exception class and its complete message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub class: ErrorClass,
    pub message: String,
    /// Whether the dispatcher still prefixes the function's name (kernel refusals), or the
    /// message already starts with what it is about (an argument's name).
    pub(crate) needs_function: bool,
}

impl ApiError {
    fn about(class: ErrorClass, subject: &str, what: impl fmt::Display) -> Self {
        Self {
            class,
            message: format!("{subject}: {what}"),
            needs_function: false,
        }
    }

    /// `TypeError("<arg>: <what>")`: the argument is of a kind this parameter cannot take.
    pub fn type_error(arg: &str, what: impl fmt::Display) -> Self {
        Self::about(ErrorClass::TypeError, arg, what)
    }

    /// `LinAlgError("<arg>: <what>")`: numpy.linalg's class for an argument that is no matrix
    /// (or stack of them); a ValueError too.
    pub fn linalg_error(arg: &str, what: impl fmt::Display) -> Self {
        Self::about(ErrorClass::LinAlgError, arg, what)
    }

    /// `AxisError("<arg>: axis 2 is out of bounds for array of dimension 1")`, numpy's class
    /// and words for an axis the array does not have.
    pub fn axis_error(arg: &str, axis: impl fmt::Display, ndim: usize) -> Self {
        Self::about(
            ErrorClass::AxisError,
            arg,
            format_args!("axis {axis} is out of bounds for array of dimension {ndim}"),
        )
    }

    /// `OverflowError("<arg>: <what>")`: a number beyond what the dtype it meets holds.
    pub fn overflow_error(arg: &str, what: impl fmt::Display) -> Self {
        Self::about(ErrorClass::OverflowError, arg, what)
    }

    /// `IndexError("<arg>: <what>")`: numpy's class where it would index an empty array.
    pub fn index_error(arg: &str, what: impl fmt::Display) -> Self {
        Self::about(ErrorClass::IndexError, arg, what)
    }

    /// `ZeroDivisionError("<arg>: <what>")`: numpy's class where it divides by the argument.
    pub fn zero_division(arg: &str, what: impl fmt::Display) -> Self {
        Self::about(ErrorClass::ZeroDivisionError, arg, what)
    }

    /// `ValueError("<arg>: <what>")`: the argument's kind is right, its value or shape is not.
    pub fn value_error(arg: &str, what: impl fmt::Display) -> Self {
        Self::about(ErrorClass::ValueError, arg, what)
    }

    /// `ValueError("<function>: <what>")` for a rule between arguments (two shapes that must
    /// match), prefixed with the function's name by the dispatcher.
    pub fn invalid(what: impl fmt::Display) -> Self {
        Self {
            class: ErrorClass::ValueError,
            message: what.to_string(),
            needs_function: true,
        }
    }

    /// `LinAlgError("<function>: <what>")` for a rule between arguments that numpy.linalg
    /// reports with its LinAlgError (lstsq's "Incompatible dimensions").
    pub fn linalg_invalid(what: impl fmt::Display) -> Self {
        Self {
            class: ErrorClass::LinAlgError,
            message: what.to_string(),
            needs_function: true,
        }
    }

    /// A TypeError about the call itself (Python's wording for a bad call), not one argument.
    pub fn call_error(function: &str, what: impl fmt::Display) -> Self {
        Self {
            class: ErrorClass::TypeError,
            message: format!("{function}() {what}"),
            needs_function: false,
        }
    }

    /// MemoryError for `count` elements of `dtype` that cannot be allocated, stating the size.
    pub fn out_of_memory_elements(count: usize, dtype: DType) -> Self {
        Self {
            class: ErrorClass::MemoryError,
            message: format!(
                "cannot allocate {} ({count} {})",
                human_bytes(count as f64 * dtype.itemsize() as f64),
                dtype.name()
            ),
            needs_function: true,
        }
    }

    /// MemoryError for a result array of `shape` that cannot be allocated (or whose size
    /// cannot even be computed), stating what it needed: "the result needs 20.0 GB (50000 x
    /// 50000 float64)". Both bindings raise it from their allocators.
    pub fn result_too_large(dtype: DType, shape: &[usize]) -> Self {
        let count: f64 = shape.iter().map(|&d| d as f64).product();
        let dims: Vec<String> = shape.iter().map(usize::to_string).collect();
        Self {
            class: ErrorClass::MemoryError,
            message: format!(
                "the result needs {} ({} {})",
                human_bytes(count * dtype.itemsize() as f64),
                dims.join(" x "),
                dtype.name()
            ),
            needs_function: true,
        }
    }

    /// ValueError for a result with a zero in its shape where numpy is not installed: the
    /// stdlib's N-D result type (a memoryview) cannot have one.
    pub fn needs_numpy(shape: &[usize]) -> Self {
        Self {
            class: ErrorClass::ValueError,
            message: format!(
                "the result would be {}, which needs numpy (not installed): a memoryview cannot \
                 have a zero in its shape",
                crate::array::describe_shape(shape)
            ),
            needs_function: true,
        }
    }

    /// The message with the function's name in front, once.
    pub fn for_function(mut self, function: &str) -> Self {
        if self.needs_function && !self.message.starts_with(&format!("{function}:")) {
            self.message = format!("{function}: {}", self.message);
        }
        self.needs_function = false;
        self
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.class.name(), self.message)
    }
}

impl std::error::Error for ApiError {}

/// A kernel's refusal; the dispatcher names the function.
impl From<fastmath_core::Error> for ApiError {
    fn from(err: fastmath_core::Error) -> Self {
        let class = match err.kind() {
            _ if matches!(err, fastmath_core::Error::AxisOutOfRange { .. }) => {
                ErrorClass::AxisError
            }
            fastmath_core::ErrorKind::InvalidValue => ErrorClass::ValueError,
            fastmath_core::ErrorKind::LinAlg => ErrorClass::LinAlgError,
            fastmath_core::ErrorKind::OutOfMemory => ErrorClass::MemoryError,
        };
        Self {
            class,
            message: err.to_string(),
            needs_function: true,
        }
    }
}

/// "20.0 GB", "3.2 GB", "512.0 KB": a size for a MemoryError message.
pub fn human_bytes(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let (mut value, mut unit) = (bytes, None);
    for larger in UNITS.iter().skip(1) {
        if value < 1000.0 {
            break;
        }
        value /= 1000.0;
        unit = Some(larger);
    }
    match unit {
        None => format!("{value:.0} bytes"),
        Some(unit) => format!("{value:.1} {unit}"),
    }
}

/// What a binding could not make of a Python object. The binding reports it as the argument's
/// value; the parameter the argument was bound to words the error (naming itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    /// An object of a type fastmath does not read at all (a dict, a set, ...).
    Type { type_name: String },
    /// A complex number.
    Complex,
    /// A str/bytes where numbers belong.
    Text { type_name: String },
    /// An int too large for a float.
    IntTooLarge,
    /// A buffer whose element format is not a real number.
    Format { format: String },
    /// A buffer that could not be exported (the exporter's own message).
    Buffer { reason: String },
    /// A PIL-style indirect buffer.
    Indirect,
    /// Strides or offsets that address memory outside the buffer.
    Layout,
    /// A shape whose element count or byte size overflows.
    TooLarge,
    /// More than [`MAX_NDIM`] dimensions.
    TooManyDims { ndim: usize },
    /// Lists nested deeper than [`MAX_NDIM`].
    TooDeep,
    /// A nested sequence whose items disagree: at `index` (the position among the items of one
    /// nesting level, flattened) a sequence where a number was, or the other way round, or a
    /// length that differs from the first one's.
    Ragged { depth: usize, index: usize },
    /// An element of a list that is not a real number.
    Element { index: usize, type_name: String },
    /// An element of a list that is an int too large for a float.
    ElementTooLarge { index: usize },
    /// The sequence changed size while it was read, or its length could not be taken.
    Sequence { reason: String },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Type { type_name } => write!(
                f,
                "expected a number, a list/tuple of numbers or a numeric buffer, got {type_name}"
            ),
            InputError::Complex => write!(f, "complex numbers are not supported"),
            InputError::Text { type_name } => write!(
                f,
                "expected a number or an array of numbers, got {type_name}"
            ),
            InputError::IntTooLarge => write!(f, "int too large to convert to float"),
            InputError::Format { format } => write!(
                f,
                "unsupported element format {format:?}: expected real numbers (bool, int, float)"
            ),
            InputError::Buffer { reason } => write!(f, "cannot read its buffer: {reason}"),
            InputError::Indirect => write!(f, "indirect (PIL-style) buffers are not supported"),
            InputError::Layout => write!(
                f,
                "its buffer's strides reach outside its memory (an invalid buffer export)"
            ),
            InputError::TooLarge => write!(f, "its shape is too large to address"),
            InputError::TooManyDims { ndim } => {
                write!(f, "expected at most {MAX_NDIM} dimensions, got {ndim}")
            }
            InputError::TooDeep => write!(
                f,
                "nested sequences deeper than {MAX_NDIM} levels are not supported"
            ),
            InputError::Ragged { depth, index } => write!(
                f,
                "ragged nested sequence: at depth {depth}, item {index} differs in shape from item 0"
            ),
            InputError::Element { index, type_name } => {
                write!(f, "element {index} is {type_name}, expected a real number")
            }
            InputError::ElementTooLarge { index } => {
                write!(f, "element {index} is an int too large to convert to float")
            }
            InputError::Sequence { reason } => write!(f, "cannot read the sequence: {reason}"),
        }
    }
}

impl InputError {
    /// The error for the argument `arg` that could not be read: TypeError for the wrong kind
    /// of object, ValueError for the right kind with a wrong shape or value, MemoryError for a
    /// size that cannot exist.
    pub fn for_argument(&self, arg: &str) -> ApiError {
        match self {
            InputError::Type { .. }
            | InputError::Complex
            | InputError::Text { .. }
            | InputError::Format { .. }
            | InputError::Buffer { .. }
            | InputError::Indirect
            | InputError::Element { .. }
            | InputError::Sequence { .. } => ApiError::type_error(arg, self),
            InputError::TooLarge => ApiError {
                class: ErrorClass::MemoryError,
                message: format!("{arg}: {self}"),
                needs_function: false,
            },
            InputError::IntTooLarge
            | InputError::Layout
            | InputError::TooManyDims { .. }
            | InputError::TooDeep
            | InputError::Ragged { .. }
            | InputError::ElementTooLarge { .. } => ApiError::value_error(arg, self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_bytes(20e9), "20.0 GB");
        assert_eq!(human_bytes(3.2e9), "3.2 GB");
        assert_eq!(human_bytes(12.0), "12 bytes");
    }

    #[test]
    fn result_sizes_are_stated() {
        let e = ApiError::result_too_large(DType::F64, &[50000, 50000]).for_function("matmul");
        assert_eq!(
            e.message,
            "matmul: the result needs 20.0 GB (50000 x 50000 float64)"
        );
        assert_eq!(e.class, ErrorClass::MemoryError);
    }

    #[test]
    fn kernel_errors_name_the_function_once() {
        let e = ApiError::from(fastmath_core::Error::Singular).for_function("inv");
        assert_eq!(e.message, "inv: Singular matrix");
        assert_eq!(e.class, ErrorClass::LinAlgError);
        let e = ApiError::invalid("matmul: a is 1x2").for_function("matmul");
        assert_eq!(e.message, "matmul: a is 1x2");
        let e = ApiError::value_error("x", "bad").for_function("sum");
        assert_eq!(e.message, "x: bad");
    }
}
