//! Minimal row-major f64 matrix views shared by the 2-D kernels.
//!
//! A view is a slice plus a shape; the constructors check `data.len() == rows * cols`, so every
//! kernel can trust the shape it is given. Element `(i, j)` lives at `data[i * cols + j]`
//! (C order, the layout of a C-contiguous numpy array). Views never own or copy data, so a binding
//! can wrap numpy / `Float64Array` memory directly.

use crate::error::{Error, Result};

/// A read-only row-major `rows x cols` matrix over borrowed data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatRef<'a> {
    data: &'a [f64],
    rows: usize,
    cols: usize,
}

/// A writable row-major `rows x cols` matrix over borrowed data.
#[derive(Debug, PartialEq)]
pub struct MatMut<'a> {
    data: &'a mut [f64],
    rows: usize,
    cols: usize,
}

fn check_len(len: usize, rows: usize, cols: usize) -> Result<()> {
    match rows.checked_mul(cols) {
        Some(n) if n == len => Ok(()),
        _ => Err(Error::MatrixData { len, rows, cols }),
    }
}

impl<'a> MatRef<'a> {
    /// Views `data` as a row-major `rows x cols` matrix; `Error::MatrixData` (InvalidValue) when
    /// `data.len() != rows * cols`.
    pub fn new(data: &'a [f64], rows: usize, cols: usize) -> Result<Self> {
        check_len(data.len(), rows, cols)?;
        Ok(Self { data, rows, cols })
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn cols(&self) -> usize {
        self.cols
    }

    /// `(rows, cols)`.
    pub fn shape(&self) -> (usize, usize) {
        (self.rows, self.cols)
    }

    /// The row-major data, `rows * cols` long.
    pub fn as_slice(&self) -> &'a [f64] {
        self.data
    }

    /// Element `(i, j)`; panics when out of range.
    pub fn get(&self, i: usize, j: usize) -> f64 {
        assert!(i < self.rows && j < self.cols, "index out of range");
        self.data[i * self.cols + j]
    }
}

impl<'a> MatMut<'a> {
    /// Views `data` as a writable row-major `rows x cols` matrix; `Error::MatrixData`
    /// (InvalidValue) when `data.len() != rows * cols`.
    pub fn new(data: &'a mut [f64], rows: usize, cols: usize) -> Result<Self> {
        check_len(data.len(), rows, cols)?;
        Ok(Self { data, rows, cols })
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn cols(&self) -> usize {
        self.cols
    }

    /// `(rows, cols)`.
    pub fn shape(&self) -> (usize, usize) {
        (self.rows, self.cols)
    }

    pub fn as_slice(&self) -> &[f64] {
        self.data
    }

    pub fn as_mut_slice(&mut self) -> &mut [f64] {
        self.data
    }

    /// A read-only view of the same data.
    pub fn as_ref(&self) -> MatRef<'_> {
        MatRef {
            data: self.data,
            rows: self.rows,
            cols: self.cols,
        }
    }

    /// A shorter-lived writable view of the same data (to pass on without giving this one up).
    pub fn reborrow(&mut self) -> MatMut<'_> {
        MatMut {
            data: self.data,
            rows: self.rows,
            cols: self.cols,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_length() {
        let d = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let m = MatRef::new(&d, 2, 3).unwrap();
        assert_eq!(m.shape(), (2, 3));
        assert_eq!(m.get(1, 0), 4.0);
        assert_eq!(
            MatRef::new(&d, 2, 2).unwrap_err(),
            Error::MatrixData {
                len: 6,
                rows: 2,
                cols: 2
            }
        );
        assert!(MatRef::new(&[], 0, 5).is_ok());
        assert!(MatRef::new(&d, usize::MAX, 2).is_err());
        let mut o = [0.0; 4];
        let mut w = MatMut::new(&mut o, 2, 2).unwrap();
        w.as_mut_slice()[3] = 1.0;
        assert_eq!(w.as_ref().get(1, 1), 1.0);
        assert!(MatMut::new(&mut o, 3, 1).is_err());
    }
}
