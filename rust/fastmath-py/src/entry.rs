//! Registration and dispatch: one Python function per entry of `fastmath_api::functions()`, all
//! calling [`call`] with their table index.
//!
//! Each function is a builtin made from its own `PyMethodDef` (created once per process and
//! never freed, as CPython requires) with `METH_FASTCALL | METH_KEYWORDS` and the table index as
//! its `self` object, so a call costs what a `#[pyfunction]` call costs: no argument tuple, no
//! keyword dict. The docstring starts with the plain signature (`square(x, /)\n--\n\n`), from
//! which CPython derives `__text_signature__`, so `inspect.signature` works.

use std::borrow::Cow;
use std::ffi::CString;
use std::mem::MaybeUninit;
use std::sync::OnceLock;

use fastmath_api::signature::MAX_PARAMS;
use fastmath_api::{Function, Ret, Value, Wrap, functions};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::buffer;
use crate::errors::internal_error;
use crate::numpy_interop;
use crate::results::Results;
use crate::values::{self, Held};

/// The method definitions, made once per process: CPython keeps pointers to them (and to their
/// name and doc strings) in every function object for as long as the process lives.
struct MethodDefs(Vec<ffi::PyMethodDef>);

// SAFETY: the definitions are immutable once made; their pointers address leaked, immutable
// C strings. Sharing them between threads (and interpreters) is what CPython does with any
// static method table.
unsafe impl Send for MethodDefs {}
// SAFETY: as above.
unsafe impl Sync for MethodDefs {}

static METHOD_DEFS: OnceLock<MethodDefs> = OnceLock::new();

/// The C entry point of every function. pyo3's own trampoline wraps [`call`]: it attaches the
/// thread state, turns `Err` into the raised exception and a Rust panic into pyo3's
/// PanicException (never an abort). `get_trampoline_function!` is exported but doc-hidden, so
/// it may change in any release: pyo3 is pinned with `=0.30.1` in the workspace manifest,
/// which keeps it stable until that pin is moved deliberately.
const ENTRY: ffi::PyCFunctionFastWithKeywords =
    pyo3::get_trampoline_function!(fastcall_cfunction_with_keywords, call);

fn method_defs() -> PyResult<&'static [ffi::PyMethodDef]> {
    if let Some(defs) = METHOD_DEFS.get() {
        return Ok(&defs.0);
    }
    let mut defs = Vec::with_capacity(functions().len());
    for function in functions() {
        // CPython finds `__text_signature__` only where the docstring starts with `__name__`:
        // the short name (`fftfreq`) for a function of a submodule.
        let name = CString::new(function.short_name())?;
        let doc = CString::new(format!(
            "{}{}\n--\n\n{}",
            function.short_name(),
            function.parsed().plain(),
            function.doc
        ))?;
        defs.push(ffi::PyMethodDef {
            ml_name: name.into_raw(),
            ml_meth: ffi::PyMethodDefPointer {
                PyCFunctionFastWithKeywords: ENTRY,
            },
            ml_flags: ffi::METH_FASTCALL | ffi::METH_KEYWORDS,
            ml_doc: doc.into_raw(),
        });
    }
    Ok(&METHOD_DEFS.get_or_init(|| MethodDefs(defs)).0)
}

/// Adds one function per table entry to the module, under its full table name
/// (`fft.fftfreq`: `fastmath.fft` takes its functions from here by that name).
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    let module_name = module.name()?;
    for (index, (def, function)) in method_defs()?.iter().zip(functions()).enumerate() {
        let index = index.into_pyobject(py)?;
        // SAFETY: `def` lives for the rest of the process and CPython does not write to it;
        // `index` and `module_name` are valid objects (the new function takes its own
        // references to them).
        let object = unsafe {
            Bound::from_owned_ptr_or_err(
                py,
                ffi::PyCFunction_NewEx(
                    std::ptr::from_ref(def).cast_mut(),
                    index.as_ptr(),
                    module_name.as_ptr(),
                ),
            )?
        };
        module.add(function.name, object)?;
    }
    Ok(())
}

/// One call of the function at index `slf` with the vectorcall arguments `args[..nargs]` and
/// the keyword arguments named by `kwnames` after them.
///
/// # Safety
/// Called by CPython through [`ENTRY`] with a function made by [`register`]: `slf` is its
/// index, `args` holds `nargs` positional then `len(kwnames)` keyword values, all borrowed for
/// the duration of the call.
unsafe fn call(
    py: Python<'_>,
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> PyResult<*mut ffi::PyObject> {
    // SAFETY: `slf` is the int `register` gave this function.
    let index = unsafe { ffi::PyLong_AsSsize_t(slf) };
    let function: &'static Function = usize::try_from(index)
        .ok()
        .and_then(|i| functions().get(i).copied())
        .ok_or_else(internal_error)?;
    let nargs = usize::try_from(nargs).unwrap_or(0);
    let nkw = if kwnames.is_null() {
        0
    } else {
        // SAFETY: a non-null `kwnames` is a tuple of str.
        usize::try_from(unsafe { ffi::PyTuple_Size(kwnames) }).unwrap_or(0)
    };
    let count = nargs.checked_add(nkw).ok_or_else(internal_error)?;
    // SAFETY: CPython passes `nargs + len(kwnames)` valid pointers at `args`.
    let objects = unsafe { arguments(args, count) };
    if nkw == 0 {
        // SAFETY: `objects` are valid objects borrowed for the call.
        if let Some(result) = unsafe { of_plain_floats(function, objects) } {
            // SAFETY: a new reference, or null with an exception set.
            return unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyFloat_FromDouble(result)) }
                .map(Bound::into_ptr);
        }
    }
    // Every argument is read (and what its value borrows kept) before any value is made. More
    // arguments than any function has parameters are a call error that binding reports before
    // looking at them, so they are not read.
    let mut numpy = false;
    // Declared before `held`, which borrows them: buffer exports outlive nothing they hold.
    let mut slots = [const { buffer::slot() }; MAX_PARAMS];
    let mut held = HeldArgs::new();
    for (&obj, slot) in objects.iter().zip(&mut slots) {
        // SAFETY: the argument is valid and borrowed for the call, which `held` does not outlive.
        held.push(unsafe { values::read(py, obj, &mut numpy, slot) });
    }
    let value = |i: usize| held.get(i).map_or(Value::None, Held::value);
    let positional = (0..nargs).map(value);
    let keywords = (0..nkw).map(|k| {
        // SAFETY: `kwnames` has `nkw` items.
        let name = unsafe { keyword_name(py, kwnames, k) };
        (name, nargs.checked_add(k).map_or(Value::None, value))
    });
    let mut results = Results::new(py, numpy);
    let ret = function
        .call(positional, keywords, &mut results)
        .map_err(|err| results.error(err))?;
    let tuple = matches!(ret, Ret::Tuple(_));
    let plain = matches!(ret, Ret::Plain(_));
    let mut value = results.hand_over(ret)?;
    if let Some(wrap) = function.wrap().filter(|_| numpy) {
        // SAFETY: `kwnames` names the `nkw` keyword values after the positional ones.
        let arg = unsafe { argument(py, function, wrap.arg, objects, nargs, kwnames) };
        if let Some(arg) = arg.filter(numpy_interop::is_ndarray_subclass) {
            let items = match (tuple, plain) {
                (true, _) => Some(wrap.items),
                (_, true) => Some(wrap.plain),
                _ => None,
            };
            value = wrapped(wrap, &arg, value, items)?;
        }
    }
    match function.named_result() {
        Some(_) if tuple => named(py, function.name, value).map(Bound::into_ptr),
        _ => Ok(value.into_ptr()),
    }
}

/// The argument given for parameter `name` of `function`, positionally or by keyword.
///
/// # Safety
/// `objects` holds the call's `nargs` positional values, then one value per name of the
/// tuple `kwnames` (or `kwnames` is null), all valid for `'py`.
unsafe fn argument<'py>(
    py: Python<'py>,
    function: &Function,
    name: &str,
    objects: &[*mut ffi::PyObject],
    nargs: usize,
    kwnames: *mut ffi::PyObject,
) -> Option<Bound<'py, PyAny>> {
    let position = function
        .parsed()
        .params
        .iter()
        .position(|p| p.name == name)?;
    let at = if position < nargs {
        position
    } else if kwnames.is_null() {
        return None;
    } else {
        // SAFETY: a tuple of str, alive for the call.
        let kwnames = unsafe { Bound::from_borrowed_ptr(py, kwnames) };
        let k = kwnames
            .try_iter()
            .ok()?
            .position(|key| key.is_ok_and(|key| key.eq(name).unwrap_or(false)))?;
        nargs.checked_add(k)?
    };
    let &obj = objects.get(at)?;
    // SAFETY: a valid object borrowed for the call.
    Some(unsafe { Bound::from_borrowed_ptr(py, obj) })
}

/// `value` with the arrays numpy.linalg wraps (`wrap`) passed through `arg.__array_wrap__`,
/// numpy's rule for an `ndarray` subclass argument: the tuple's `items` (those of a named or a
/// plain tuple), or for `None` the value itself, if a single array is wrapped.
fn wrapped<'py>(
    wrap: &Wrap,
    arg: &Bound<'py, PyAny>,
    value: Bound<'py, PyAny>,
    items: Option<&[usize]>,
) -> PyResult<Bound<'py, PyAny>> {
    let method = pyo3::intern!(arg.py(), "__array_wrap__");
    let Some(items) = items else {
        return if wrap.single {
            arg.call_method1(method, (value,))
        } else {
            Ok(value)
        };
    };
    let items = value
        .try_iter()?
        .enumerate()
        .map(|(i, item)| {
            let item = item?;
            if items.contains(&i) {
                arg.call_method1(method, (item,))
            } else {
                Ok(item)
            }
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyTuple::new(arg.py(), items)?.into_any())
}

/// `value`, the tuple result of the function `name`, as numpy's named tuple (the class
/// `fastmath._results` made from the table's declaration).
fn named<'py>(
    py: Python<'py>,
    name: &str,
    value: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    py.import("fastmath._results")?
        .getattr("BY_FUNCTION")?
        .get_item(name)?
        .call_method1("_make", (value,))
}

/// The result of a call with one or two positional floats, when the table gives it without
/// binding anything: a function of one number ([`Function::number`]), or one IEEE operation
/// ([`Function::ieee`]) whose result is not NaN (the table leaves NaN to the full call). Both
/// are bit for bit what [`Function::call`] returns (the table's tests check it).
///
/// # Safety
/// Every object in `objects` must be valid.
unsafe fn of_plain_floats(function: &Function, objects: &[*mut ffi::PyObject]) -> Option<f64> {
    // SAFETY: a type check of a valid object, then a read that calls no Python for a float.
    let float =
        |obj| unsafe { (ffi::PyFloat_CheckExact(obj) != 0).then(|| ffi::PyFloat_AsDouble(obj)) };
    match *objects {
        [x] => Some(function.number()?(float(x)?)),
        [x, y] => {
            let op = function.ieee()?;
            if function.parsed().params.len() != 2 {
                return None;
            }
            let result = op.apply(float(x)?, float(y)?);
            (!result.is_nan()).then_some(result)
        }
        _ => None,
    }
}

/// The argument pointers of a vectorcall.
///
/// # Safety
/// `args` must point to `count` valid object pointers (or `count` be 0), alive for `'a`.
unsafe fn arguments<'a>(args: *const *mut ffi::PyObject, count: usize) -> &'a [*mut ffi::PyObject] {
    if count == 0 {
        return &[];
    }
    // SAFETY: guaranteed by the caller.
    unsafe { std::slice::from_raw_parts(args, count) }
}

/// The [`Held`]s of one call, on the stack: only as many as there are arguments are made and
/// dropped (a scalar call should not pay for `MAX_PARAMS` of them).
struct HeldArgs<'a> {
    items: [MaybeUninit<Held<'a>>; MAX_PARAMS],
    len: usize,
}

impl<'a> HeldArgs<'a> {
    fn new() -> Self {
        Self {
            items: [const { MaybeUninit::uninit() }; MAX_PARAMS],
            len: 0,
        }
    }

    /// Appends one; ignored when full (the caller pushes at most `MAX_PARAMS`).
    fn push(&mut self, held: Held<'a>) {
        if let Some(slot) = self.items.get_mut(self.len) {
            slot.write(held);
            // Below `MAX_PARAMS`: `slot` exists.
            self.len = self.len.saturating_add(1);
        }
    }

    fn get(&self, i: usize) -> Option<&Held<'a>> {
        let item = self.items.get(i).filter(|_| i < self.len)?;
        // SAFETY: the first `len` items are initialised.
        Some(unsafe { item.assume_init_ref() })
    }
}

impl Drop for HeldArgs<'_> {
    fn drop(&mut self) {
        for item in self.items.iter_mut().take(self.len) {
            // SAFETY: the first `len` items are initialised, and each is dropped once.
            unsafe { item.assume_init_drop() };
        }
    }
}

/// The name of keyword argument `k`, borrowed from `kwnames` when it is valid UTF-8.
///
/// # Safety
/// `kwnames` must be a tuple of str with more than `k` items, alive for `'a`.
unsafe fn keyword_name<'a>(py: Python<'_>, kwnames: *mut ffi::PyObject, k: usize) -> Cow<'a, str> {
    // SAFETY: guaranteed by the caller; the item is borrowed from the tuple.
    let name = unsafe { ffi::PyTuple_GetItem(kwnames, k as ffi::Py_ssize_t) };
    let mut size: ffi::Py_ssize_t = 0;
    // SAFETY: `name` is a str kept alive by `kwnames`; its UTF-8 is cached in it.
    let utf8 = unsafe { ffi::PyUnicode_AsUTF8AndSize(name, &mut size) };
    if !utf8.is_null() {
        // SAFETY: CPython returned `size` bytes of UTF-8 at `utf8`.
        let bytes = unsafe { std::slice::from_raw_parts(utf8.cast::<u8>(), size as usize) };
        if let Ok(text) = std::str::from_utf8(bytes) {
            return Cow::Borrowed(text);
        }
    }
    PyErr::take(py);
    // A name with lone surrogates: no parameter has it, so only the error message needs it.
    // SAFETY: `name` is a valid str.
    let name = unsafe { Bound::from_borrowed_ptr(py, name) };
    Cow::Owned(
        name.cast::<PyString>()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    )
}
