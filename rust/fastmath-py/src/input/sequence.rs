//! Arguments given as lists/tuples: flat for 1-D, nested one level for 2-D (rows).

use pyo3::prelude::*;
use pyo3::types::{PyComplex, PyFloat, PyInt, PyList, PyString, PyTuple};

use super::{Arg, Array, Shape, as_real, extract_arg, has_buffer, try_vec, type_name};
use crate::errors::{type_error, value_error};

fn is_nested(item: &Bound<'_, PyAny>) -> bool {
    item.is_instance_of::<PyList>() || item.is_instance_of::<PyTuple>() || has_buffer(item)
}

pub fn read(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Array> {
    let len = obj.len()?;
    if len > 0 && is_nested(&obj.get_item(0)?) {
        return read_rows(obj, len, name);
    }
    let mut out = try_vec(len, name)?;
    for (index, item) in obj.try_iter()?.enumerate() {
        let item = item?;
        if is_nested(&item) {
            return Err(value_error(
                name,
                format!(
                    "ragged nested sequence: element {index} is a sequence but element 0 is a number"
                ),
            ));
        }
        out.push(real(&item, name, &index.to_string())?);
    }
    Ok(Array::owned(out, Shape::Vector(len), false))
}

fn read_rows(obj: &Bound<'_, PyAny>, rows: usize, name: &str) -> PyResult<Array> {
    let mut out = Vec::new();
    let mut cols = None;
    for (i, row) in obj.try_iter()?.enumerate() {
        let row = row?;
        let row_name = format!("{name}[{i}]");
        let values = match extract_arg(&row, &row_name)? {
            Arg::Array(a) if matches!(a.shape(), Shape::Vector(_)) => a,
            Arg::Array(_) => {
                return Err(value_error(
                    name,
                    "expected at most 2 dimensions, got a sequence nested more than 2 deep",
                ));
            }
            Arg::Scalar(_) => {
                return Err(value_error(
                    name,
                    format!(
                        "ragged nested sequence: element {i} is a number but element 0 is a sequence"
                    ),
                ));
            }
        };
        let n = values.len();
        match cols {
            None => {
                cols = Some(n);
                out = try_vec(rows * n, name)?;
            }
            Some(c) if c != n => {
                return Err(value_error(
                    name,
                    format!("ragged nested sequence: row {i} has length {n}, row 0 has length {c}"),
                ));
            }
            Some(_) => {}
        }
        out.extend_from_slice(values.as_slice());
    }
    let cols = cols.unwrap_or(0);
    Ok(Array::owned(out, Shape::Matrix(rows, cols), false))
}

/// One element of a list as a real number, or an exception naming the argument and position.
fn real(item: &Bound<'_, PyAny>, name: &str, position: &str) -> PyResult<f64> {
    if let Ok(f) = item.cast::<PyFloat>() {
        return Ok(f.value());
    }
    if item.is_instance_of::<PyString>() || item.is_instance_of::<PyComplex>() {
        return Err(type_error(
            name,
            format!(
                "element {position} is {}, expected a real number",
                type_name(item)
            ),
        ));
    }
    as_real(item).ok_or_else(|| {
        if item.is_instance_of::<PyInt>() {
            value_error(
                name,
                format!("element {position} is an int too large to convert to float"),
            )
        } else {
            type_error(
                name,
                format!(
                    "element {position} is {}, expected a real number",
                    type_name(item)
                ),
            )
        }
    })
}
