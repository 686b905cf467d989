//! The function table: every public function, declared once.
//!
//! A [`Function`] is a name, a family, the stub's signature text, the docstring and the code
//! that runs it. Both bindings register exactly these (the native module one Python function
//! per entry, the universal module one generic entry point that takes an index into
//! [`functions`]); `fastmath/_api.py`, the `.pyi` stub and docs/api.md are generated from them
//! (`tools/gen_api.py`, checked by `make test`). Adding a function is a kernel in fastmath-core,
//! an entry in its family's module here, and tests.

use std::sync::OnceLock;

use crate::args::Args;
use crate::error::{ApiError, InputError};
use crate::families;
use crate::outputs::{Outputs, Ret};
use crate::signature::{MAX_PARAMS, Signature};
use crate::value::Value;

/// What family a function belongs to: its place in the docs and the stub.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Elementwise,
    Reductions,
    Statistics,
    Linalg,
    Sorting,
    Special,
    NumberTheory,
    Sequences,
    Polynomials,
    Fft,
    Random,
    Clustering,
}

impl Family {
    /// The family's key in generated files (`_api.FAMILIES`).
    pub fn key(self) -> &'static str {
        match self {
            Family::Elementwise => "elementwise",
            Family::Reductions => "reductions",
            Family::Statistics => "statistics",
            Family::Linalg => "linalg",
            Family::Sorting => "sorting",
            Family::Special => "special",
            Family::NumberTheory => "number_theory",
            Family::Sequences => "sequences",
            Family::Polynomials => "polynomials",
            Family::Fft => "fft",
            Family::Random => "random",
            Family::Clustering => "clustering",
        }
    }

    /// The family's heading in the docs.
    pub fn title(self) -> &'static str {
        match self {
            Family::Elementwise => "Elementwise math",
            Family::Reductions => "Reductions",
            Family::Statistics => "Statistics",
            Family::Linalg => "Linear algebra",
            Family::Sorting => "Sorting and searching",
            Family::Special => "Special functions",
            Family::NumberTheory => "Number theory",
            Family::Sequences => "Sequences",
            Family::Polynomials => "Polynomials",
            Family::Fft => "Discrete Fourier transforms",
            Family::Random => "Random numbers (numpy's streams)",
            Family::Clustering => "Distances and clustering",
        }
    }
}

/// The code of a function: its bound arguments in, its result out, arrays through `out`.
pub type Run = for<'a> fn(&Args<'a>, &mut dyn Outputs) -> Result<Ret, ApiError>;

/// One public function.
pub struct Function {
    /// The function's name in `fastmath`: `"sum"`, or for a function of a submodule the
    /// submodule's name, a dot and its name there (`"fft.fftfreq"` is `fastmath.fft.fftfreq`),
    /// or for a method of a class of a submodule the three (`"random.Generator.random"`, see
    /// `families/random.rs`).
    /// Names are unique across the table: the bindings and `_api.FUNCTIONS` key functions by
    /// this full name (`operator.attrgetter(name)(fastmath)` finds each).
    pub name: &'static str,
    pub family: Family,
    /// The stub's signature: `(x: ArrayLike, /, axis: int | None = None) -> float`.
    pub signature: &'static str,
    /// The docstring (reStructuredText, with a doctest example).
    pub doc: &'static str,
    pub run: Run,
    /// How the universal backend may cut large inputs into chunks (see [`Stream`]).
    pub stream: Stream,
    /// For a function of one parameter whose value at a single number is a float: that
    /// function of the number. A binding may call it directly for a call with one float and
    /// no keywords (bit for bit what [`Function::call`] returns, which the table's tests check),
    /// so `square(3.0)` costs no more than a Python function call.
    number: Option<fn(f64) -> f64>,
    /// See [`Ieee`].
    ieee: Option<Ieee>,
    /// See [`NamedResult`].
    result: Option<&'static NamedResult>,
    /// See [`Wrap`].
    wrap: Option<&'static Wrap>,
    /// Whether the function reads complex arrays (see [`Function::complex`]).
    complex: bool,
    parsed: OnceLock<Signature>,
}

/// numpy 2's named tuple for a function's tuple result (`QRResult(Q, R)`): the bindings return
/// a tuple result of the function as an instance of the Python class of this name and fields
/// (`fastmath._results`, made from the generated `_api.RESULTS`), so `res.Q` works as in numpy
/// and unpacking still does.
pub struct NamedResult {
    pub name: &'static str,
    pub fields: &'static [&'static str],
}

/// numpy.linalg's rule for an `ndarray` subclass argument (`a` of `inv`, `b` of `solve`): its
/// results are passed through that argument's `__array_wrap__` (numpy's `_makearray`), so a
/// subclass in gives the subclass out. Which results: numpy wraps the matrix-like ones only
/// (`eigh`'s eigenvectors, not its eigenvalues; `svd`'s `U` and `Vh`, not `S`). The bindings
/// apply it when the argument named `arg` is an instance of a proper subclass of
/// `numpy.ndarray` (for `numpy.ndarray` itself wrapping changes nothing).
pub struct Wrap {
    /// The parameter whose `__array_wrap__` numpy uses.
    pub arg: &'static str,
    /// The items of a tuple result that are wrapped (their positions).
    pub items: &'static [usize],
    /// Whether a result that is a single array is wrapped (`qr(mode='r')`'s R is; `svd`'s
    /// `S` alone, with `compute_uv=False`, is not).
    pub single: bool,
    /// The items of a plain (unnamed) tuple result that are wrapped (`qr(mode='raw')`'s `h`,
    /// not its `tau`).
    pub plain: &'static [usize],
}

/// A function whose value at plain floats (one for a unary function, two for a binary one) is
/// one correctly rounded IEEE 754 operation: any conforming arithmetic gives it bit for bit, so
/// a binding may compute such a call in its host language without crossing into the module
/// (the universal backend's Python does, for `square(3.0)` or `add(2.0, 3.0)`). NaN results
/// are left to the module (their payload is not specified), as are refusals of the host's own
/// arithmetic (Python's `1.0 / 0.0`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ieee {
    Square = 1,
    Sqrt,
    Abs,
    Add,
    Subtract,
    Multiply,
    Divide,
}

impl Ieee {
    /// The operation's code in the bindings' tables (0 means none).
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The operation on `x` (and `y` for a binary one), as the bindings' host arithmetic
    /// computes it: the reference the table's tests hold each function to.
    pub fn apply(self, x: f64, y: f64) -> f64 {
        match self {
            Ieee::Square => x * x,
            Ieee::Sqrt => x.sqrt(),
            Ieee::Abs => x.abs(),
            Ieee::Add => x + y,
            Ieee::Subtract => x - y,
            Ieee::Multiply => x * y,
            Ieee::Divide => x / y,
        }
    }
}

/// Whether a function's large inputs may stream through the universal module in chunks
/// (copied a cache-sized piece at a time) instead of being copied in whole first.
#[derive(Clone, Copy)]
pub enum Stream {
    /// Inputs are copied whole.
    Whole,
    /// Elementwise: the function of corresponding chunks of its array arguments (other
    /// arguments unchanged) is the corresponding chunk of its result.
    Map,
    /// A reduction of its array arguments (all of one length) that folds them chunk by chunk:
    /// `start` makes the accumulator from the call's arguments.
    Fold(for<'a> fn(&Args<'a>) -> Result<Box<dyn Fold>, ApiError>),
}

/// The state of a streamed reduction: the same result, bit for bit, wherever chunks are cut.
pub trait Fold {
    /// Adds the next chunk of each array argument (in parameter order).
    fn push(&mut self, chunks: &[&[f64]]) -> Result<(), ApiError>;
    /// The result of everything pushed.
    fn finish(&self) -> Result<Ret, ApiError>;
}

impl Function {
    pub const fn new(
        name: &'static str,
        family: Family,
        signature: &'static str,
        doc: &'static str,
        run: Run,
    ) -> Self {
        Self {
            name,
            family,
            signature,
            doc,
            run,
            stream: Stream::Whole,
            number: None,
            ieee: None,
            result: None,
            wrap: None,
            complex: false,
            parsed: OnceLock::new(),
        }
    }

    /// The same function, streamed as `stream` says.
    pub const fn streamed(mut self, stream: Stream) -> Self {
        self.stream = stream;
        self
    }

    /// The same function, with its function of one number (see [`Function::number`]).
    pub const fn with_number(mut self, number: fn(f64) -> f64) -> Self {
        self.number = Some(number);
        self
    }

    /// The same function, marked as the IEEE operation `op` (see [`Ieee`]).
    pub const fn with_ieee(mut self, op: Ieee) -> Self {
        self.ieee = Some(op);
        self
    }

    /// The same function, its tuple results named as `result` says.
    pub const fn named(mut self, result: &'static NamedResult) -> Self {
        self.result = Some(result);
        self
    }

    /// The same function, its results wrapped as numpy.linalg wraps them (see [`Wrap`]).
    pub const fn wrapped(mut self, wrap: &'static Wrap) -> Self {
        self.wrap = Some(wrap);
        self
    }

    /// The same function, reading complex arrays. Every other function's parameters refuse
    /// them (TypeError, as a Python `complex`), so code written for real dtypes never sees
    /// one.
    pub const fn complex(mut self) -> Self {
        self.complex = true;
        self
    }

    /// The submodule of `fastmath` the function is in (`"fft"` for `"fft.fftfreq"`), or None
    /// for a function of `fastmath` itself.
    pub fn module(&self) -> Option<&'static str> {
        self.name.split_once('.').map(|(module, _)| module)
    }

    /// The function's own name in its module (`"fftfreq"` for `"fft.fftfreq"`): its
    /// `__name__`, and the name its text signature starts with.
    pub fn short_name(&self) -> &'static str {
        self.name
            .rsplit_once('.')
            .map_or(self.name, |(_, name)| name)
    }

    /// The named tuple of the function's tuple results, if numpy names them.
    pub fn named_result(&self) -> Option<&'static NamedResult> {
        self.result
    }

    /// How numpy.linalg wraps the function's results for an `ndarray` subclass argument.
    pub fn wrap(&self) -> Option<&'static Wrap> {
        self.wrap
    }

    /// The IEEE operation this function is at plain floats, if it is one (see [`Ieee`]).
    pub fn ieee(&self) -> Option<Ieee> {
        self.ieee
    }

    /// The function of a single number, for a binding's fast path: a call with exactly one
    /// positional float `x` and no keywords returns `Ret::Float(number(x))`.
    pub fn number(&self) -> Option<fn(f64) -> f64> {
        self.number
    }

    /// The parsed signature (parsed on first use; the table's tests parse every one).
    pub fn parsed(&self) -> &Signature {
        self.parsed.get_or_init(|| {
            Signature::parse(self.signature).unwrap_or_else(|_| Signature {
                params: Vec::new(),
                returns: "",
            })
        })
    }

    /// Binds the arguments and runs the function. Every error names what it is about: an
    /// argument, or this function.
    pub fn call<'a>(
        &'static self,
        positional: impl ExactSizeIterator<Item = Value<'a>>,
        keywords: impl Iterator<Item = (impl AsRef<str>, Value<'a>)>,
        out: &mut dyn Outputs,
    ) -> Result<Ret, ApiError> {
        // The values live on this call's stack, as many as the signature has parameters (up to
        // a few sizes): a small call notices setting up and dropping `MAX_PARAMS` of them.
        let signature = self.parsed();
        match signature.params.len() {
            0 | 1 => self.call_with::<1>(signature, positional, keywords, out),
            2 => self.call_with::<2>(signature, positional, keywords, out),
            3 => self.call_with::<3>(signature, positional, keywords, out),
            4 => self.call_with::<4>(signature, positional, keywords, out),
            _ => self.call_with::<MAX_PARAMS>(signature, positional, keywords, out),
        }
    }

    /// [`Function::call`] with the values in an array of `N`, at least the number of
    /// parameters: each starts as its parameter's default and binding replaces those given.
    fn call_with<'a, const N: usize>(
        &'static self,
        signature: &'static Signature,
        positional: impl ExactSizeIterator<Item = Value<'a>>,
        keywords: impl Iterator<Item = (impl AsRef<str>, Value<'a>)>,
        out: &mut dyn Outputs,
    ) -> Result<Ret, ApiError> {
        let params = &signature.params;
        let mut values: [Value<'a>; N] = std::array::from_fn(|i| {
            params
                .get(i)
                .and_then(|p| p.default)
                .map_or(Value::None, |d| d.value())
        });
        signature.bind_with(self.name, positional, keywords, |i, v| {
            if let Some(slot) = values.get_mut(i) {
                *slot = v;
            }
        })?;
        if !self.complex {
            for value in &mut values {
                if matches!(value, Value::Array(a) if a.dtype().is_complex()) {
                    *value = Value::Invalid(InputError::Complex);
                }
            }
        }
        let args = Args::bound(
            self.name,
            params,
            values.get(..params.len()).unwrap_or_default(),
        );
        (self.run)(&args, out).map_err(|e| e.for_function(self.name))
    }
}

/// Every public function, family by family: the order of `_api.FUNCTIONS` and of the universal
/// backend's function indices.
pub fn functions() -> &'static [&'static Function] {
    static ALL: OnceLock<Vec<&'static Function>> = OnceLock::new();
    ALL.get_or_init(|| {
        families::ALL
            .iter()
            .flat_map(|f| f.iter().copied())
            .collect()
    })
}

/// The function called `name`.
pub fn find(name: &str) -> Option<&'static Function> {
    functions().iter().copied().find(|f| f.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wrap_names_a_parameter() {
        for f in functions() {
            let Some(wrap) = f.wrap() else { continue };
            assert!(
                f.parsed().params.iter().any(|p| p.name == wrap.arg),
                "{}: wraps with {}, which it does not take",
                f.name,
                wrap.arg
            );
            assert!(
                f.family == Family::Linalg,
                "{}: numpy.linalg's rule",
                f.name
            );
        }
        assert!(
            find("svd")
                .and_then(Function::wrap)
                .is_some_and(|w| !w.single)
        );
    }

    #[test]
    fn every_signature_parses_and_names_are_unique() {
        let mut names = std::collections::HashSet::new();
        for f in functions() {
            Signature::parse(f.signature).unwrap_or_else(|e| panic!("{}: {e}", f.name));
            assert!(names.insert(f.name), "{} declared twice", f.name);
            // One level of submodule, and Python identifiers on both sides of the dot; a
            // third part is a method of a class of the submodule (`random.Generator.random`).
            let parts: Vec<&str> = f.name.split('.').collect();
            assert!(
                parts.len() <= 2
                    || (parts.len() == 3
                        && parts
                            .get(1)
                            .is_some_and(|c| c.starts_with(|c: char| c.is_ascii_uppercase()))),
                "{}: more than one dot",
                f.name
            );
            for part in parts {
                assert!(
                    part.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                        && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                    "{}: not a Python name",
                    f.name
                );
            }
            assert!(
                f.doc.contains(">>> "),
                "{}: the docstring has no example",
                f.name
            );
        }
    }

    /// A binding's fast path for one number gives what the full call gives, bit for bit.
    #[test]
    fn number_fast_paths_agree_with_calls() {
        struct NoArrays;
        impl Outputs for NoArrays {
            fn arrays(
                &mut self,
                _: &[crate::outputs::OutSpec<'_>],
                _: &mut dyn FnMut(&mut [crate::outputs::OutSlice<'_>]) -> Result<(), ApiError>,
            ) -> Result<Vec<Ret>, ApiError> {
                panic!("a number gave an array")
            }
        }
        let mut checked = 0;
        for f in functions() {
            let Some(number) = f.number() else { continue };
            assert_eq!(f.parsed().params.len(), 1, "{}", f.name);
            for x in [
                0.0,
                -0.0,
                0.5,
                -3.0,
                1e300,
                -1e-310,
                f64::INFINITY,
                f64::NAN,
            ] {
                let called = f.call(
                    [Value::Float(x)].into_iter(),
                    std::iter::empty::<(&str, Value)>(),
                    &mut NoArrays,
                );
                let Ok(Ret::Float(called)) = called else {
                    panic!("{}({x}) gave {called:?}", f.name)
                };
                assert_eq!(called.to_bits(), number(x).to_bits(), "{}({x})", f.name);
            }
            checked += 1;
        }
        assert!(checked > 0);
    }

    /// A function marked as an IEEE operation gives that operation's result at plain floats,
    /// bit for bit, wherever it is not NaN (bindings leave NaN to the module).
    #[test]
    fn ieee_operations_agree_with_calls() {
        let values = [0.0, -0.0, 0.1, -3.0, 2.5, 1e300, -1e-310, f64::INFINITY];
        let mut checked = 0;
        for f in functions() {
            let Some(op) = f.ieee() else { continue };
            let arity = f.parsed().params.len();
            for &x in &values {
                for &y in &values[..if arity == 2 { values.len() } else { 1 }] {
                    let given = [Value::Float(x), Value::Float(y)];
                    let called = f.call(
                        given.into_iter().take(arity),
                        std::iter::empty::<(&str, Value)>(),
                        &mut crate::outputs::VecOutputs::default(),
                    );
                    let Ok(Ret::Float(called)) = called else {
                        panic!("{}({x}, {y}) gave {called:?}", f.name)
                    };
                    let expected = op.apply(x, y);
                    if !expected.is_nan() {
                        assert_eq!(called.to_bits(), expected.to_bits(), "{}({x}, {y})", f.name);
                    }
                }
            }
            checked += 1;
        }
        assert_eq!(checked, 7);
    }
}
