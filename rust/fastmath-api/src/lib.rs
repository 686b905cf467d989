//! fastmath's public API, once, for every binding.
//!
//! fastmath-core has the kernels; this crate has everything between a Python call and a kernel
//! that is not Python- or JavaScript-specific: the function table ([`table`]: names,
//! signatures, docstrings), the array descriptor ([`array`], [`dtype`]), what each parameter
//! accepts ([`args`], [`signature`]), output shapes and allocation requests ([`outputs`]), and
//! every error message ([`error`]). The bindings (`fastmath-py`, `fastmath-wasm`) only
//! translate Python or JavaScript values into [`value::Value`]s, call [`table::Function::call`]
//! and translate the [`outputs::Ret`] back, so both backends follow the same rules and raise
//! the same errors by construction.

pub mod args;
pub mod array;
pub mod broadcast;
pub mod dtype;
pub mod element;
pub mod error;
pub mod families;
pub mod outputs;
pub mod signature;
pub mod table;
pub mod value;

pub use args::Args;
pub use array::{ArrayRef, MAX_NDIM};
pub use dtype::{ByteOrder, DType};
pub use element::{Bool, Element, scalar};
pub use error::{ApiError, ErrorClass, InputError};
pub use outputs::{OutSlice, OutSpec, Outputs, Ret, Scalar};
pub use table::{Family, Fold, Function, NamedResult, Stream, Wrap, find, functions};
pub use value::{BigInt, Operand, Value};
