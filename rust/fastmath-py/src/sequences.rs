//! Lists and tuples (nested, with buffers allowed at any level) as a contiguous array of the
//! dtype numpy would give them (`fastmath_api::value::ListElements` holds the rule: all bools
//! bool, ints int64, any float float64, ...), converted once.
//!
//! Iterative, never recursive: Pyodide runs on a small JavaScript stack, and a 5,000-deep
//! nested list must be refused, not crash the interpreter. The shape is read first by following
//! item 0 down (refused at once beyond [`MAX_NDIM`] levels), then every item is checked against
//! it while the values are copied, with an explicit stack of at most `MAX_NDIM` open sequences.
//!
//! Sizes and items are read from the list/tuple storage itself (never through an overridden
//! `__len__`), and each item is fetched with a bounds check and held by a new reference, so a
//! sequence that an element's `__float__` mutates while it is read gives an error or the values
//! it held when read, never a crash.
//!
//! Ragged input is reported as `Ragged { depth, index }`: `depth` is the nesting level of the
//! sequence holding the item (0 for the argument itself) and `index` the item's position among
//! all items at that level, counted in C order.

use fastmath_api::array::element_count;
use fastmath_api::value::{ListArray, ListElements};
use fastmath_api::{InputError, MAX_NDIM};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use crate::buffer::{self, Access, HeldBuffer, Slot};
use crate::values::{exception_text, type_name};

/// A list or a tuple being read.
enum Seq<'py> {
    List(Bound<'py, PyList>),
    Tuple(Bound<'py, PyTuple>),
}

impl<'py> Seq<'py> {
    fn of(obj: &Bound<'py, PyAny>) -> Option<Self> {
        if let Ok(list) = obj.cast::<PyList>() {
            return Some(Seq::List(list.clone()));
        }
        obj.cast::<PyTuple>().ok().map(|t| Seq::Tuple(t.clone()))
    }

    /// The true length (the storage's, not a subclass's `__len__`).
    fn len(&self) -> usize {
        match self {
            Seq::List(list) => list.len(),
            Seq::Tuple(tuple) => tuple.len(),
        }
    }

    /// Item `i`, as a new reference; an error if the sequence has shrunk below `i`.
    fn item(&self, i: usize) -> Result<Bound<'py, PyAny>, InputError> {
        let item = match self {
            Seq::List(list) => list.get_item(i),
            Seq::Tuple(tuple) => tuple.get_item(i),
        };
        item.map_err(|err| {
            let py = match self {
                Seq::List(list) => list.py(),
                Seq::Tuple(tuple) => tuple.py(),
            };
            InputError::Sequence {
                reason: exception_text(py, &err),
            }
        })
    }
}

/// What an item of a sequence is, for the shape.
enum Item<'py, 's> {
    Seq(Seq<'py>),
    Buffer(HeldBuffer<'s>),
    Scalar,
}

/// What `item` is; a buffer's export is held in `slot`.
fn classify<'py, 's>(
    item: &Bound<'py, PyAny>,
    slot: &'s mut Slot,
) -> Result<Item<'py, 's>, InputError> {
    let ptr = item.as_ptr();
    // SAFETY: type checks of a valid object.
    let plain = unsafe {
        ffi::PyFloat_Check(ptr) != 0
            || ffi::PyLong_Check(ptr) != 0
            || ffi::PyUnicode_Check(ptr) != 0
            || ffi::PyBytes_Check(ptr) != 0
            || ffi::PyByteArray_Check(ptr) != 0
    };
    if plain {
        return Ok(Item::Scalar);
    }
    if let Some(seq) = Seq::of(item) {
        return Ok(Item::Seq(seq));
    }
    // SAFETY: a protocol check of a valid object.
    if unsafe { ffi::PyObject_CheckBuffer(ptr) } != 0 {
        return HeldBuffer::get(item, Access::Read, slot)
            .map(Item::Buffer)
            .map_err(|err| InputError::Buffer {
                reason: exception_text(item.py(), &err),
            });
    }
    Ok(Item::Scalar)
}

/// Converts the list or tuple `root`.
pub fn read(root: &Bound<'_, PyAny>) -> Result<ListArray, InputError> {
    let shape = probe(root)?;
    let total = element_count(&shape).ok_or(InputError::TooLarge)?;
    let mut data = ListElements::with_capacity(total)?;
    let Some(root) = Seq::of(root) else {
        return Err(InputError::Type {
            type_name: type_name(root),
        });
    };
    // The open sequences, outermost first, each with the index of its next item.
    let mut stack: Vec<(Seq<'_>, usize)> = Vec::with_capacity(shape.len());
    stack.push((root, 0));
    // How many items each nesting level has had so far, for `Ragged`'s index.
    let mut seen = [0usize; MAX_NDIM];
    while let Some(depth) = stack.len().checked_sub(1) {
        // A sequence is pushed only where the shape goes on, so the stack is never deeper than
        // the shape and these lookups succeed.
        let (Some((seq, next)), Some(&len), Some(count)) =
            (stack.last_mut(), shape.get(depth), seen.get_mut(depth))
        else {
            return Err(InputError::Ragged { depth, index: 0 });
        };
        if *next == len {
            stack.pop();
            continue;
        }
        let item = seq.item(*next)?;
        // Both below `len` and the number of items: neither saturates.
        *next = next.saturating_add(1);
        let ragged = InputError::Ragged {
            depth,
            index: *count,
        };
        *count = count.saturating_add(1);
        let rest = shape.get(depth.saturating_add(1)..).unwrap_or_default();
        let Some(&rest_len) = rest.first() else {
            element(&item, &mut data, ragged)?;
            continue;
        };
        let mut slot = buffer::slot();
        match classify(&item, &mut slot)? {
            Item::Seq(inner) if inner.len() == rest_len => stack.push((inner, 0)),
            Item::Buffer(buffer) => {
                let array = buffer.array()?;
                if array.shape() != rest {
                    return Err(ragged);
                }
                data.push_array(&array)?;
            }
            _ => return Err(ragged),
        }
    }
    if data.len() != total {
        // Only an item's conversion running Python code that changed the lists gets here.
        return Err(InputError::Sequence {
            reason: "it changed size while it was read".to_owned(),
        });
    }
    data.finish(shape)
}

/// The shape, read by following item 0 down: sequences add their length, a buffer its whole
/// shape, anything else ends it.
fn probe(root: &Bound<'_, PyAny>) -> Result<Vec<usize>, InputError> {
    let mut shape = Vec::new();
    let mut item = root.clone();
    loop {
        let mut slot = buffer::slot();
        match classify(&item, &mut slot)? {
            Item::Seq(seq) => {
                let len = seq.len();
                shape.push(len);
                if shape.len() > MAX_NDIM {
                    return Err(InputError::TooDeep);
                }
                if len == 0 {
                    break;
                }
                item = seq.item(0)?;
            }
            Item::Buffer(buffer) => {
                let array = buffer.array()?;
                shape.extend_from_slice(array.shape());
                if shape.len() > MAX_NDIM {
                    return Err(InputError::TooManyDims { ndim: shape.len() });
                }
                break;
            }
            Item::Scalar => break,
        }
    }
    Ok(shape)
}

/// Appends one element, the next in C order; `ragged` if it is not a single number.
fn element(
    item: &Bound<'_, PyAny>,
    data: &mut ListElements,
    ragged: InputError,
) -> Result<(), InputError> {
    let py = item.py();
    let ptr = item.as_ptr();
    let index = data.len();
    let refused = || InputError::Element {
        index,
        type_name: type_name(item),
    };
    // SAFETY (this block): type checks and conversions of a valid object while attached.
    unsafe {
        if ffi::PyFloat_Check(ptr) != 0 {
            data.push_float(ffi::PyFloat_AsDouble(ptr));
            return Ok(());
        }
        if ptr == ffi::Py_True() || ptr == ffi::Py_False() {
            data.push_bool(ptr == ffi::Py_True());
            return Ok(());
        }
        if ffi::PyLong_Check(ptr) != 0 {
            let mut overflow = 0;
            let exact = ffi::PyLong_AsLongLongAndOverflow(ptr, &mut overflow);
            if overflow == 0 && !(exact == -1 && PyErr::take(py).is_some()) {
                data.push_int(exact);
                return Ok(());
            }
            // Beyond int64: numpy 2 reads it as uint64 when it fits, else refuses the list
            // (an object array).
            let wide = ffi::PyLong_AsUnsignedLongLong(ptr);
            if wide == u64::MAX && PyErr::take(py).is_some() {
                return Err(InputError::ElementTooLarge { index });
            }
            data.push_uint(wide);
            return Ok(());
        }
        if ffi::PyComplex_Check(ptr) != 0 {
            // A complex list: numpy reads it as complex128 (functions that do not take complex
            // input refuse it as they refuse any complex array).
            let re = ffi::PyComplex_RealAsDouble(ptr);
            let im = ffi::PyComplex_ImagAsDouble(ptr);
            if (re == -1.0 || im == -1.0) && PyErr::take(py).is_some() {
                return Err(refused());
            }
            data.push_complex(re, im);
            return Ok(());
        }
        if ffi::PyUnicode_Check(ptr) != 0
            || ffi::PyBytes_Check(ptr) != 0
            || ffi::PyByteArray_Check(ptr) != 0
        {
            return Err(refused());
        }
    }
    let mut slot = buffer::slot();
    match classify(item, &mut slot) {
        Ok(Item::Seq(_)) => Err(ragged),
        // A numpy scalar is a 0-D buffer: it keeps its dtype, as in numpy.
        Ok(Item::Buffer(buffer)) => match buffer.array() {
            Ok(array) if array.ndim() == 0 => data.push_array(&array),
            Ok(_) => Err(ragged),
            Err(_) => Err(refused()),
        },
        Err(_) => Err(refused()),
        Ok(Item::Scalar) => {
            // SAFETY: a conversion of a valid object while attached (`__float__`, then
            // `__index__`, as `float()` would, without parsing strings).
            let value = unsafe { ffi::PyFloat_AsDouble(ptr) };
            if value == -1.0 && PyErr::take(py).is_some() {
                return Err(refused());
            }
            data.push_float(value);
            Ok(())
        }
    }
}
