//! The array descriptor: what both bindings hand the shared layer for every array argument.
//!
//! An [`ArrayRef`] is a dtype, an N-D shape, byte strides (negative and zero allowed) and the
//! bytes that hold every element, borrowed from wherever the binding found them (a Python
//! buffer read in place, a converted list, the universal module's scratch region). It is
//! validated once, when made: every element it can address lies inside its bytes, and sizes are
//! computed with checked arithmetic, so later reads cannot go out of bounds or wrap around.
//!
//! Kernels take contiguous slices of their element type: [`ArrayRef::data`] borrows the bytes
//! when they already are such a slice (C-contiguous, aligned, native, of that dtype) and
//! converts once otherwise.

use std::borrow::Cow;

use crate::dtype::{ByteOrder, DType, read_item};
use crate::element::{Complex128, Element, Item};
use crate::error::{ApiError, InputError};

/// The most dimensions an array may have (numpy's own limit is 64; 32 is what we promise).
pub const MAX_NDIM: usize = 32;

/// A validated view of an array argument.
#[derive(Clone, Copy, Debug)]
pub struct ArrayRef<'a> {
    dtype: DType,
    order: ByteOrder,
    shape: &'a [usize],
    /// Byte strides, one per dimension; `None` means C-contiguous.
    strides: Option<&'a [isize]>,
    data: &'a [u8],
    /// Byte offset in `data` of the element at index (0, ..., 0).
    offset: usize,
    len: usize,
}

/// Where an array's elements lie relative to its first element, in bytes: the lowest offset
/// (zero or negative) and the number of bytes from there to the end of the last element.
/// `None` when the sizes overflow. An empty array spans nothing.
pub fn extent(
    shape: &[usize],
    strides: Option<&[isize]>,
    itemsize: usize,
) -> Option<(isize, usize)> {
    extent_of(element_count(shape)?, shape, strides, itemsize)
}

/// [`extent`] of an array of `len` elements (`element_count(shape)`, which the caller has).
fn extent_of(
    len: usize,
    shape: &[usize],
    strides: Option<&[isize]>,
    itemsize: usize,
) -> Option<(isize, usize)> {
    if len == 0 {
        return Some((0, 0));
    }
    let Some(strides) = strides else {
        // No more than `isize::MAX` bytes, as with strides: no allocation is larger.
        let span = len.checked_mul(itemsize)?;
        isize::try_from(span).ok()?;
        return Some((0, span));
    };
    if strides.len() != shape.len() {
        return None;
    }
    let (mut low, mut high) = (0isize, 0isize);
    for (&n, &stride) in shape.iter().zip(strides) {
        // `n` is at least 1: the array is not empty.
        let reach = isize::try_from(n.checked_sub(1)?)
            .ok()?
            .checked_mul(stride)?;
        if reach < 0 {
            low = low.checked_add(reach)?;
        } else {
            high = high.checked_add(reach)?;
        }
    }
    let span = high
        .checked_sub(low)?
        .checked_add(isize::try_from(itemsize).ok()?)?;
    Some((low, usize::try_from(span).ok()?))
}

/// The number of elements of `shape`, or `None` on overflow.
pub fn element_count(shape: &[usize]) -> Option<usize> {
    shape.iter().try_fold(1usize, |n, &d| n.checked_mul(d))
}

/// An array's dtype, shape and strides, checked, with the bytes they span: an [`ArrayRef`]
/// before its memory is known. A binding that reads memory in place (a Python buffer) needs
/// the span to know which bytes to borrow; [`Layout::place`] then describes them without
/// working the span out again.
#[derive(Clone, Copy, Debug)]
pub struct Layout<'a> {
    dtype: DType,
    order: ByteOrder,
    shape: &'a [usize],
    strides: Option<&'a [isize]>,
    /// [`extent`]: the lowest element's byte offset from element (0, ..., 0), and the span.
    low: isize,
    span: usize,
    len: usize,
}

impl<'a> Layout<'a> {
    /// Refuses more than [`MAX_NDIM`] dimensions and sizes that overflow (`strides` in bytes,
    /// one per dimension; `None`: C-contiguous).
    pub fn new(
        dtype: DType,
        order: ByteOrder,
        shape: &'a [usize],
        strides: Option<&'a [isize]>,
    ) -> Result<Self, InputError> {
        if shape.len() > MAX_NDIM {
            return Err(InputError::TooManyDims { ndim: shape.len() });
        }
        let len = element_count(shape).ok_or(InputError::TooLarge)?;
        let (low, span) =
            extent_of(len, shape, strides, dtype.itemsize()).ok_or(InputError::TooLarge)?;
        Ok(Self {
            dtype,
            order,
            shape,
            strides,
            low,
            span,
            len,
        })
    }

    /// The byte offset of the lowest-addressed element from element (0, ..., 0): zero, or
    /// negative when a stride is.
    pub fn low(&self) -> isize {
        self.low
    }

    /// The bytes from the lowest-addressed element to the end of the highest (0 when empty).
    pub fn span(&self) -> usize {
        self.span
    }

    /// The array over `data`, with element (0, ..., 0) at byte `offset`; refused when an
    /// element would lie outside `data`.
    pub fn place(self, data: &'a [u8], offset: usize) -> Result<ArrayRef<'a>, InputError> {
        if self.len > 0 {
            let start = isize::try_from(offset)
                .ok()
                .and_then(|o| o.checked_add(self.low))
                .ok_or(InputError::Layout)?;
            let end = usize::try_from(start)
                .ok()
                .and_then(|s| s.checked_add(self.span))
                .ok_or(InputError::Layout)?;
            if end > data.len() {
                return Err(InputError::Layout);
            }
        }
        Ok(ArrayRef {
            dtype: self.dtype,
            order: self.order,
            shape: self.shape,
            strides: self.strides,
            data,
            offset,
            len: self.len,
        })
    }
}

impl<'a> ArrayRef<'a> {
    /// Describes `data` as an array. `offset` is the byte position of element (0, ..., 0) in
    /// `data`; `strides` are in bytes (`None`: C-contiguous). Refuses more than [`MAX_NDIM`]
    /// dimensions, sizes that overflow, and layouts that reach outside `data`.
    pub fn new(
        dtype: DType,
        order: ByteOrder,
        shape: &'a [usize],
        strides: Option<&'a [isize]>,
        data: &'a [u8],
        offset: usize,
    ) -> Result<Self, InputError> {
        Layout::new(dtype, order, shape, strides)?.place(data, offset)
    }

    /// A C-contiguous native float64 array over `values`.
    pub fn from_f64(values: &'a [f64], shape: &'a [usize]) -> Result<Self, InputError> {
        Self::new(
            DType::F64,
            ByteOrder::Native,
            shape,
            None,
            bytemuck::cast_slice(values),
            0,
        )
    }

    pub fn dtype(&self) -> DType {
        self.dtype
    }

    pub fn shape(&self) -> &'a [usize] {
        self.shape
    }

    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// "a 1-D array of length 3", "a 2-D array of shape (2, 3)": for messages.
    pub fn describe(&self) -> String {
        describe_shape(self.shape)
    }

    /// The byte stride of each dimension (C-contiguous ones when the array has none); `None`
    /// for a dimension it does not have, or a stride beyond `isize` (which `new` refused).
    fn stride(&self, d: usize) -> Option<isize> {
        match self.strides {
            Some(s) => s.get(d).copied(),
            None => {
                let after = element_count(self.shape.get(d.checked_add(1)?..)?)?;
                isize::try_from(after.checked_mul(self.dtype.itemsize())?).ok()
            }
        }
    }

    /// Whether the elements lie in C order, one after the other.
    pub fn is_c_contiguous(&self) -> bool {
        self.strides
            .is_none_or(|strides| is_c_contiguous(self.shape, strides, self.dtype.itemsize()))
    }

    /// The elements as contiguous float64 in C order: borrowed when they already are
    /// (C-contiguous, aligned, native float64), else converted once. MemoryError when the copy
    /// cannot be allocated.
    pub fn to_f64(&self) -> Result<Cow<'a, [f64]>, ApiError> {
        self.data::<f64>()
    }

    /// The elements as a float64 slice, without a copy, when the layout allows.
    pub fn as_f64(&self) -> Option<&'a [f64]> {
        self.as_slice::<f64>()
    }

    /// The elements as contiguous `T` in C order: borrowed when they already are (of `T`'s
    /// dtype, native byte order, C-contiguous, aligned), else converted once as numpy's
    /// `astype` converts (see [`Element`]). MemoryError when the copy cannot be allocated.
    pub fn data<T: Element>(&self) -> Result<Cow<'a, [T]>, ApiError> {
        if let Some(values) = self.as_slice::<T>() {
            return Ok(Cow::Borrowed(values));
        }
        let mut out = Vec::new();
        out.try_reserve_exact(self.len)
            .map_err(|_| ApiError::out_of_memory_elements(self.len, T::DTYPE))?;
        // Every element lies inside `data` (checked by `new`), so the walk completes.
        self.convert_into(&mut out)
            .ok_or_else(|| ApiError::invalid("internal error: an array's layout changed"))?;
        Ok(Cow::Owned(out))
    }

    /// The elements as a slice of `T`, without a copy, when the layout allows.
    pub fn as_slice<T: Item>(&self) -> Option<&'a [T]> {
        if self.dtype != T::DTYPE || self.order != ByteOrder::Native || !self.is_c_contiguous() {
            return None;
        }
        if self.len == 0 {
            return Some(&[]);
        }
        let bytes = self
            .data
            .get(self.offset..self.end(self.dtype.itemsize())?)?;
        bytemuck::try_cast_slice(bytes).ok()
    }

    /// Appends every element, in C order, converted to `T`. The dtype is matched once, outside
    /// the walk, so each element costs one read and one cast.
    fn convert_into<T: Element>(&self, out: &mut Vec<T>) -> Option<()> {
        let order = self.order;
        macro_rules! from {
            ($s:ty, $via:ident, $wide:ty) => {
                self.for_each_element(|bytes| {
                    // A validated layout always gives whole elements.
                    let v: $s = read_item(bytes, order).unwrap_or_else(bytemuck::Zeroable::zeroed);
                    out.push(T::$via(v as $wide));
                })
            };
        }
        match self.dtype {
            DType::Bool => self.for_each_element(|bytes| {
                out.push(T::from_u64(u64::from(bytes.iter().any(|&b| b != 0))));
            }),
            DType::I8 => from!(i8, from_i64, i64),
            DType::U8 => from!(u8, from_u64, u64),
            DType::I16 => from!(i16, from_i64, i64),
            DType::U16 => from!(u16, from_u64, u64),
            DType::I32 => from!(i32, from_i64, i64),
            DType::U32 => from!(u32, from_u64, u64),
            DType::I64 => from!(i64, from_i64, i64),
            DType::U64 => from!(u64, from_u64, u64),
            DType::F16 => self.for_each_element(|bytes| {
                out.push(T::from_f64(
                    DType::F16.read_f64(bytes, order).unwrap_or(f64::NAN),
                ));
            }),
            DType::F32 => from!(f32, from_f64, f64),
            DType::F64 => from!(f64, from_f64, f64),
            // The real part, as numpy's `astype` (which warns). No parameter reads complex
            // arrays as real ones: they reach complex-declaring functions only.
            DType::C64 => from!(f32, from_f64, f64),
            DType::C128 => from!(f64, from_f64, f64),
        }
    }

    /// This float64 (float32) array of shape `(..., 2)` read as the complex128 (complex64) array
    /// of shape `(...)` whose (real, imaginary) pairs it holds, as numpy's `view` does: what
    /// `fastmath.ComplexArray` hands the bindings. An empty 1-D array is an empty complex one.
    /// `None` for any other array (another dtype or byte order, a last axis that is not two
    /// adjacent values).
    pub fn pairs_as_complex(&self) -> Option<ArrayRef<'a>> {
        const EMPTY: &[usize] = &[0];
        let dtype = match self.dtype {
            DType::F64 => DType::C128,
            DType::F32 => DType::C64,
            _ => return None,
        };
        if self.order != ByteOrder::Native {
            return None;
        }
        let ndim = self.ndim();
        let (shape, strides) = if ndim == 1 && self.len == 0 {
            (EMPTY, None)
        } else {
            let (&last, shape) = self.shape.split_last()?;
            let itemsize = isize::try_from(self.dtype.itemsize()).ok()?;
            let strides = match self.strides {
                None => None,
                Some(s) => {
                    let (&step, rest) = s.split_last()?;
                    (step == itemsize).then_some(Some(rest))?
                }
            };
            if last != 2 {
                return None;
            }
            (shape, strides)
        };
        let layout = Layout::new(dtype, ByteOrder::Native, shape, strides).ok()?;
        layout.place(self.data, self.offset).ok()
    }

    /// The elements as contiguous complex128 in C order: borrowed when they already are,
    /// else converted once (real values get a zero imaginary part). MemoryError when the copy
    /// cannot be allocated.
    pub fn complex_data(&self) -> Result<Cow<'a, [Complex128]>, ApiError> {
        if let Some(values) = self.as_slice::<Complex128>() {
            return Ok(Cow::Borrowed(values));
        }
        let too_large = || ApiError::out_of_memory_elements(self.len, DType::C128);
        let layout_changed = || ApiError::invalid("internal error: an array's layout changed");
        let mut out: Vec<Complex128> = Vec::new();
        out.try_reserve_exact(self.len).map_err(|_| too_large())?;
        let order = self.order;
        match self.dtype {
            DType::C64 | DType::C128 => {
                let half = self.dtype.itemsize() / 2;
                self.for_each_element(|bytes| {
                    let (re, im) = bytes.split_at(half.min(bytes.len()));
                    let part = |b: &[u8]| {
                        if half == 4 {
                            read_item::<f32>(b, order).map_or(f64::NAN, f64::from)
                        } else {
                            read_item::<f64>(b, order).unwrap_or(f64::NAN)
                        }
                    };
                    out.push(Complex128::new(part(re), part(im)));
                })
                .ok_or_else(layout_changed)?;
            }
            _ => {
                let mut real: Vec<f64> = Vec::new();
                real.try_reserve_exact(self.len).map_err(|_| too_large())?;
                self.convert_into(&mut real).ok_or_else(layout_changed)?;
                out.extend(real.into_iter().map(|re| Complex128::new(re, 0.0)));
            }
        }
        Ok(Cow::Owned(out))
    }

    /// The byte just past `self.len` elements of `size` bytes from the first one, when the
    /// elements are contiguous (checked: `new` validated the layout, this cannot overflow).
    fn end(&self, size: usize) -> Option<usize> {
        self.offset.checked_add(self.len.checked_mul(size)?)
    }

    /// The bytes of the single element of a one-element array.
    fn single(&self) -> Option<&'a [u8]> {
        if self.len != 1 {
            return None;
        }
        self.data.get(self.offset..self.end(self.dtype.itemsize())?)
    }

    /// The single element of a one-element array (0-D, or any shape holding one value) as f64.
    pub fn single_f64(&self) -> Option<f64> {
        self.dtype.read_f64(self.single()?, self.order)
    }

    /// The single element of a one-element integer array as an exact integer.
    pub fn single_i64(&self) -> Option<i64> {
        self.dtype.read_i64(self.single()?, self.order)
    }

    /// Calls `f` with the bytes of each element in C order. Iterative (an odometer over the
    /// dimensions), so any number of dimensions costs no recursion. `new` checked that every
    /// element lies inside `data`, so the checked steps below never fail; if one did, the
    /// elements would be incomplete, which `None` reports instead of a panic.
    fn for_each_element(&self, mut f: impl FnMut(&[u8])) -> Option<()> {
        if self.len == 0 {
            return Some(());
        }
        let size = self.dtype.itemsize();
        let ndim = self.ndim();
        if ndim == 0 || self.is_c_contiguous() {
            let bytes = self.data.get(self.offset..self.end(size)?)?;
            bytes.chunks_exact(size).for_each(f);
            return Some(());
        }
        let mut strides = [0isize; MAX_NDIM];
        for (d, stride) in strides.iter_mut().enumerate().take(ndim) {
            *stride = self.stride(d)?;
        }
        let mut index = [0usize; MAX_NDIM];
        let mut at = isize::try_from(self.offset).ok()?;
        let last = ndim.checked_sub(1)?;
        let (inner_len, inner_stride) = (*self.shape.get(last)?, *strides.get(last)?);
        loop {
            // The innermost dimension as a tight loop.
            let mut p = at;
            for _ in 0..inner_len {
                let start = usize::try_from(p).ok()?;
                f(self.data.get(start..start.checked_add(size)?)?);
                // Wrapping only matters for the step past the last element, never used.
                p = p.wrapping_add(inner_stride);
            }
            // Advance the odometer over the outer dimensions.
            let mut d = last;
            loop {
                // Past the outermost dimension: every element has been visited.
                let Some(outer) = d.checked_sub(1) else {
                    return Some(());
                };
                d = outer;
                let (i, n, stride) = (index.get_mut(d)?, *self.shape.get(d)?, *strides.get(d)?);
                *i = i.checked_add(1)?;
                at = at.checked_add(stride)?;
                if *i < n {
                    break;
                }
                at = at.checked_sub(stride.checked_mul(isize::try_from(n).ok()?)?)?;
                *i = 0;
            }
        }
    }
}

/// Whether byte `strides` over `shape` lay out items of `itemsize` bytes in C order, one after
/// the other (dimensions of length 0 or 1 may have any stride, as in numpy's flags). Also what
/// the native binding asks of a Python buffer before writing a result into it as a flat slice.
pub fn is_c_contiguous(shape: &[usize], strides: &[isize], itemsize: usize) -> bool {
    let mut expected = isize::try_from(itemsize).unwrap_or(isize::MAX);
    for (&n, &s) in shape.iter().zip(strides).rev() {
        if n > 1 && s != expected {
            return false;
        }
        expected = expected.saturating_mul(isize::try_from(n).unwrap_or(isize::MAX));
    }
    true
}

/// "a 0-D array", "a 1-D array of length 3", "a 2-D array of shape (2, 3)".
pub fn describe_shape(shape: &[usize]) -> String {
    match shape {
        [] => "a 0-D array".to_owned(),
        [n] => format!("a 1-D array of length {n}"),
        _ => format!("a {}-D array of shape {}", shape.len(), tuple(shape)),
    }
}

/// `(2, 3)`, `(4,)`, `()`: a shape as Python prints it.
pub fn tuple(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(usize::to_string).collect();
            format!("({})", parts.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contiguous_f64_is_borrowed() {
        let values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let shape = [2, 3];
        let a = ArrayRef::from_f64(&values, &shape).unwrap();
        assert!(matches!(a.to_f64().unwrap(), Cow::Borrowed(_)));
        assert_eq!(a.describe(), "a 2-D array of shape (2, 3)");
    }

    #[test]
    fn negative_and_zero_strides_read_in_c_order() {
        let values: Vec<f64> = (0..6).map(f64::from).collect();
        let bytes: &[u8] = bytemuck::cast_slice(&values);
        // A (2, 3) view with its rows reversed: rows start at element 3 and step back.
        let shape = [2, 3];
        let strides = [-24, 8];
        let a = ArrayRef::new(
            DType::F64,
            ByteOrder::Native,
            &shape,
            Some(&strides),
            bytes,
            24,
        )
        .unwrap();
        assert_eq!(&*a.to_f64().unwrap(), &[3.0, 4.0, 5.0, 0.0, 1.0, 2.0]);
        // A broadcast (zero-stride) view of one row.
        let strides = [0, 8];
        let b = ArrayRef::new(
            DType::F64,
            ByteOrder::Native,
            &shape,
            Some(&strides),
            bytes,
            0,
        )
        .unwrap();
        assert_eq!(&*b.to_f64().unwrap(), &[0.0, 1.0, 2.0, 0.0, 1.0, 2.0]);
    }

    #[test]
    fn layouts_outside_the_bytes_are_refused() {
        let values = [1.0f64; 4];
        let bytes: &[u8] = bytemuck::cast_slice(&values);
        let shape = [5];
        assert_eq!(
            ArrayRef::new(DType::F64, ByteOrder::Native, &shape, None, bytes, 0).unwrap_err(),
            InputError::Layout
        );
        let shape = [2, 2];
        let strides = [-16, 8];
        assert_eq!(
            ArrayRef::new(
                DType::F64,
                ByteOrder::Native,
                &shape,
                Some(&strides),
                bytes,
                0
            )
            .unwrap_err(),
            InputError::Layout
        );
        let shape = [usize::MAX, 2];
        assert_eq!(
            ArrayRef::new(DType::F64, ByteOrder::Native, &shape, None, bytes, 0).unwrap_err(),
            InputError::TooLarge
        );
        let shape = [1; MAX_NDIM + 1];
        assert!(matches!(
            ArrayRef::new(DType::F64, ByteOrder::Native, &shape, None, bytes, 0),
            Err(InputError::TooManyDims { .. })
        ));
    }

    #[test]
    fn spans_beyond_isize_are_too_large_with_or_without_strides() {
        // 8 * (usize::MAX / 8) bytes fit a usize but no allocation (more than isize::MAX).
        let shape = [usize::MAX / 8];
        let strides = [8];
        for strides in [None, Some(&strides[..])] {
            assert_eq!(
                Layout::new(DType::F64, ByteOrder::Native, &shape, strides).unwrap_err(),
                InputError::TooLarge
            );
        }
    }

    #[test]
    fn a_layout_spans_from_its_lowest_element() {
        let shape = [2, 3];
        let strides = [-24, 8];
        let layout = Layout::new(DType::F64, ByteOrder::Native, &shape, Some(&strides)).unwrap();
        assert_eq!((layout.low(), layout.span()), (-24, 48));
        let values: Vec<f64> = (0..6).map(f64::from).collect();
        let bytes: &[u8] = bytemuck::cast_slice(&values);
        let a = layout.place(&bytes[..48], 24).unwrap();
        assert_eq!(&*a.to_f64().unwrap(), &[3.0, 4.0, 5.0, 0.0, 1.0, 2.0]);
        assert_eq!(
            layout.place(&bytes[..47], 24).unwrap_err(),
            InputError::Layout
        );
        assert_eq!(layout.place(bytes, 16).unwrap_err(), InputError::Layout);
    }

    #[test]
    fn other_dtypes_convert() {
        let values: [i16; 3] = [-1, 2, 300];
        let shape = [3];
        let a = ArrayRef::new(
            DType::I16,
            ByteOrder::Native,
            &shape,
            None,
            bytemuck::cast_slice(&values),
            0,
        )
        .unwrap();
        assert_eq!(&*a.to_f64().unwrap(), &[-1.0, 2.0, 300.0]);
    }

    #[test]
    fn shapes_print_as_python_tuples() {
        assert_eq!(tuple(&[4]), "(4,)");
        assert_eq!(tuple(&[]), "()");
        assert_eq!(describe_shape(&[2, 3, 4]), "a 3-D array of shape (2, 3, 4)");
    }
}
