//! Discrete Fourier transforms: numpy.fft's `fft ifft rfft irfft fft2 ifft2`, with numpy's
//! `n` (`s`), `axis` (`axes`) and `norm`.
//!
//! Every transform is one 1-D kernel of fastmath-core ([`fastmath_core::fft`]) run along one
//! axis: the lanes along it are gathered (truncated or zero-padded to the transform's length,
//! numpy's `n`), transformed together and scattered back. The 2-D forms chain the complex one
//! over their axes, last axis first, as numpy does. Results are complex128 (float64 for
//! `irfft`), or complex64 (float32) for float16/float32/complex64 input, as numpy 2's.

use std::borrow::Cow;

use fastmath_core::fft::{self as kernels, Norm};

use super::scratch;
use crate::args::Args;
use crate::array::{ArrayRef, element_count};
use crate::dtype::DType;
use crate::element::{Complex64, Complex128, Item};
use crate::error::ApiError;
use crate::outputs::{Outputs, Ret, array};
use crate::table::{Family, Function};
use crate::value::Value;

pub static FUNCTIONS: &[&Function] = &[&FFT, &IFFT, &RFFT, &IRFFT, &FFT2, &IFFT2];

const ONE_D: &str = "(a: ArrayLike, n: int | None = None, axis: int = -1, \
     norm: str | None = None) -> Array";
const TWO_D: &str = "(a: ArrayLike, s: Sequence[int] | None = None, \
     axes: Sequence[int] | None = None, norm: str | None = None) -> Array";
/// Parameter positions, shared by the 1-D (`n`, `axis`) and 2-D (`s`, `axes`) forms.
const A: usize = 0;
const N: usize = 1;
const AXIS: usize = 2;
const NORM: usize = 3;

static FFT: Function = Function::new(
    "fft.fft",
    Family::Fft,
    ONE_D,
    "The discrete Fourier transform along one axis (numpy.fft.fft).

Any length, prime ones too (O(n log n) throughout). ``n`` truncates or zero-pads the input
along ``axis`` first; ``norm`` is ``\"backward\"`` (default: no scaling), ``\"ortho\"`` (by
``1/sqrt(n)``) or ``\"forward\"`` (by ``1/n``). Input may be complex: a numpy complex array, a
list of Python ``complex`` or a :class:`fastmath.ComplexArray`. Result: complex128
(complex64 for float32/complex64 input), as a numpy array when an argument was one, else a
:class:`fastmath.ComplexArray`.

>>> fastmath.fft.fft([1.0, 2.0, 3.0, 4.0]).tolist()
[(10+0j), (-2+2j), (-2+0j), (-2-2j)]
",
    run_fft,
)
.complex();

static IFFT: Function = Function::new(
    "fft.ifft",
    Family::Fft,
    ONE_D,
    "The inverse discrete Fourier transform along one axis (numpy.fft.ifft).

``ifft(fft(a))`` is ``a`` up to rounding. ``n``, ``axis`` and ``norm`` as for
:func:`fastmath.fft.fft` (``\"backward\"`` scales the inverse by ``1/n``). Result: complex128
(complex64 for float32/complex64 input).

>>> fastmath.fft.ifft([4.0, 0.0, 0.0, 0.0]).tolist()
[(1+0j), (1+0j), (1+0j), (1+0j)]
",
    run_ifft,
)
.complex();

static RFFT: Function = Function::new(
    "fft.rfft",
    Family::Fft,
    ONE_D,
    "The discrete Fourier transform of real input along one axis (numpy.fft.rfft).

The ``n // 2 + 1`` non-negative frequency terms (the others are their conjugates). Complex
input is a TypeError, as in numpy. Result: complex128 (complex64 for float32 input).

>>> fastmath.fft.rfft([1.0, 2.0, 3.0, 4.0]).tolist()
[(10+0j), (-2+2j), (-2+0j)]
",
    run_rfft,
);

static IRFFT: Function = Function::new(
    "fft.irfft",
    Family::Fft,
    ONE_D,
    "The inverse of :func:`fastmath.fft.rfft` (numpy.fft.irfft): real output of length ``n``.

``n`` defaults to ``2 * (m - 1)`` for ``m`` input terms (give it for an odd length); the input
is truncated or zero-padded to ``n // 2 + 1`` terms, and the imaginary parts of the zero- and
Nyquist-frequency terms are ignored, as numpy does. Result: float64 (float32 for complex64 or
float32 input).

>>> fastmath.fft.irfft([10.0, -2 + 2j, -2.0]).tolist()
[1.0, 2.0, 3.0, 4.0]
",
    run_irfft,
)
.complex();

static FFT2: Function = Function::new(
    "fft.fft2",
    Family::Fft,
    TWO_D,
    "The 2-D discrete Fourier transform (numpy.fft.fft2): :func:`fastmath.fft.fft` over each of
``axes`` (the last two when None, numpy's default), last first.

``s`` gives the transform's length along each axis (truncating or zero-padding), ``norm`` as
for ``fft``. Result: complex128 (complex64 for float32/complex64 input).

>>> fastmath.fft.fft2([[1.0, 2.0], [3.0, 4.0]]).tolist()
[[(10+0j), (-2+0j)], [(-4+0j), 0j]]
",
    run_fft2,
)
.complex();

static IFFT2: Function = Function::new(
    "fft.ifft2",
    Family::Fft,
    TWO_D,
    "The inverse of :func:`fastmath.fft.fft2` (numpy.fft.ifft2).

Result: complex128 (complex64 for float32/complex64 input).

>>> fastmath.fft.ifft2([[4.0, 0.0], [0.0, 0.0]]).tolist()
[[(1+0j), (1+0j)], [(1+0j), (1+0j)]]
",
    run_ifft2,
)
.complex();

fn run_fft(args: &Args<'_>, out: &mut dyn Outputs) -> Result<Ret, ApiError> {
    complex_1d(args, out, false)
}

fn run_ifft(args: &Args<'_>, out: &mut dyn Outputs) -> Result<Ret, ApiError> {
    complex_1d(args, out, true)
}

fn run_fft2(args: &Args<'_>, out: &mut dyn Outputs) -> Result<Ret, ApiError> {
    complex_2d(args, out, false)
}

fn run_ifft2(args: &Args<'_>, out: &mut dyn Outputs) -> Result<Ret, ApiError> {
    complex_2d(args, out, true)
}

/// numpy's `norm`: `None` is `"backward"`.
fn norm(args: &Args<'_>) -> Result<Norm, ApiError> {
    if matches!(args.value(NORM), Value::None) {
        return Ok(Norm::Backward);
    }
    let name = args.string(NORM)?;
    Norm::parse(name).ok_or_else(|| {
        ApiError::value_error(
            args.name(NORM),
            format!(
                "Invalid norm value {name:?}; should be \"backward\", \"ortho\" or \"forward\""
            ),
        )
    })
}

/// numpy's refusal of a transform of no points, naming the parameter that set the length.
fn no_points(arg: &str, n: i64) -> ApiError {
    ApiError::value_error(
        arg,
        format!("Invalid number of FFT data points ({n}) specified"),
    )
}

/// A transform length given as an int (`n`, an item of `s`): at least 1. One beyond this
/// machine's sizes is a MemoryError stating it.
fn length(arg: &str, n: i64, dtype: DType) -> Result<usize, ApiError> {
    if n < 1 {
        return Err(no_points(arg, n));
    }
    usize::try_from(n).map_err(|_| ApiError::out_of_memory_elements(usize::MAX, dtype))
}

/// The array to transform: a 0-D one has no axis to transform along (numpy: IndexError; here
/// the AxisError, which is one).
fn input<'a>(args: &Args<'a>) -> Result<ArrayRef<'a>, ApiError> {
    match args.value(A) {
        Value::Array(a) => Ok(*a),
        _ => args.array(A),
    }
}

/// Whether numpy 2 computes in single precision for input of `dtype`.
fn single(dtype: DType) -> bool {
    matches!(dtype, DType::F16 | DType::F32 | DType::C64)
}

/// `shape` with axis `axis` of size `n` (`None`: not an axis of it).
fn resized(shape: &[usize], axis: usize, n: usize) -> Option<Vec<usize>> {
    let mut out = shape.to_vec();
    *out.get_mut(axis)? = n;
    Some(out)
}

/// The block structure of C-ordered `shape` around `axis`: (blocks before it, its size, the
/// elements after it).
fn around(shape: &[usize], axis: usize) -> (usize, usize, usize) {
    let before = shape.get(..axis).map_or(1, |d| d.iter().product());
    let m = shape.get(axis).copied().unwrap_or(1);
    let after = shape
        .get(axis.saturating_add(1)..)
        .map_or(1, |d| d.iter().product());
    (before, m, after)
}

/// The lanes along `axis` of `data` (C order, `shape`), each cut or zero-padded to `n`, one
/// after the other in the order of the other axes.
fn gather<T: Item + Default>(
    data: &[T],
    shape: &[usize],
    axis: usize,
    n: usize,
) -> Result<Vec<T>, ApiError> {
    let (before, m, after) = around(shape, axis);
    let lanes = before.saturating_mul(after);
    let total = lanes.checked_mul(n).ok_or_else(too_large)?;
    let mut out = zeros::<T>(total)?;
    let kept = m.min(n);
    if after == 1 {
        for (lane, src) in out.chunks_exact_mut(n).zip(data.chunks_exact(m.max(1))) {
            for (o, s) in lane.iter_mut().zip(src).take(kept) {
                *o = *s;
            }
        }
        return Ok(out);
    }
    let block = m.saturating_mul(after);
    let mut lanes_out = out.chunks_exact_mut(n);
    for src in data.chunks_exact(block.max(1)).take(before) {
        for inner in 0..after {
            let Some(lane) = lanes_out.next() else {
                return Ok(out);
            };
            let column = src.iter().skip(inner).step_by(after).take(kept);
            for (o, s) in lane.iter_mut().zip(column) {
                *o = *s;
            }
        }
    }
    Ok(out)
}

/// The inverse of [`gather`] without the cut: lanes of `n` (in the order of the other axes)
/// written along `axis` of `out`, a C-ordered array whose axis `axis` has size `n` and whose
/// other axes are `shape`'s.
fn scatter<S: Copy, T>(
    lanes: &[S],
    shape: &[usize],
    axis: usize,
    n: usize,
    out: &mut [T],
    put: impl Fn(S) -> T,
) {
    let (before, _, after) = around(shape, axis);
    if n == 0 {
        return;
    }
    if after == 1 {
        for (o, s) in out.iter_mut().zip(lanes) {
            *o = put(*s);
        }
        return;
    }
    let block = n.saturating_mul(after);
    let mut lanes_in = lanes.chunks_exact(n);
    for dst in out.chunks_exact_mut(block.max(1)).take(before) {
        for inner in 0..after {
            let Some(lane) = lanes_in.next() else {
                return;
            };
            for (o, s) in dst.iter_mut().skip(inner).step_by(after).zip(lane) {
                *o = put(*s);
            }
        }
    }
}

/// `n` zeros of `T` (complex ones too), or MemoryError.
fn zeros<T: Item + Default>(n: usize) -> Result<Vec<T>, ApiError> {
    let mut v = scratch::room(n, T::DTYPE)?;
    v.resize(n, T::default());
    Ok(v)
}

fn too_large() -> ApiError {
    ApiError::out_of_memory_elements(usize::MAX, DType::C128)
}

fn core(err: fastmath_core::Error) -> ApiError {
    ApiError::from(err)
}

/// The complex transform along `axis` of `data` (C order, `shape`) with `n` points: the lanes
/// of the result, and the result's shape.
fn transform_axis(
    data: &[Complex128],
    shape: &[usize],
    axis: usize,
    n: usize,
    inverse: bool,
    norm: Norm,
) -> Result<Vec<Complex128>, ApiError> {
    let mut lanes = gather(data, shape, axis, n)?;
    kernels::complex_lanes(&mut lanes, n, inverse, norm).map_err(core)?;
    Ok(lanes)
}

/// What a 1-D transform works on: the input, the axis, the norm and the transform's length.
struct Plan<'a> {
    a: ArrayRef<'a>,
    axis: usize,
    norm: Norm,
    n: usize,
}

/// The parameters of a 1-D transform, checked as numpy checks them: an integer `axis` (not
/// None), the `norm`, and the length `n` given (of a result of `dtype`) or `default` of the
/// axis's length; a length of 0 either way has no points.
fn plan<'a>(
    args: &Args<'a>,
    dtype: DType,
    default: fn(usize) -> usize,
) -> Result<Plan<'a>, ApiError> {
    let a = input(args)?;
    let axis = args
        .axis(AXIS, a.ndim())?
        .ok_or_else(|| ApiError::type_error(args.name(AXIS), "expected an integer, got None"))?;
    let norm = norm(args)?;
    let m = a.shape().get(axis).copied().unwrap_or(1);
    let n = match args.opt_int(N)? {
        Some(n) => length(args.name(N), n, dtype)?,
        None => match default(m) {
            0 => return Err(no_points(args.name(A), 0)),
            n => n,
        },
    };
    Ok(Plan { a, axis, norm, n })
}

/// `fft`/`ifft`: the complex transform along `axis`.
fn complex_1d(args: &Args<'_>, out: &mut dyn Outputs, inverse: bool) -> Result<Ret, ApiError> {
    let Plan { a, axis, norm, n } = plan(args, DType::C128, |m| m)?;
    let shape = a.shape();
    let out_shape = resized(shape, axis, n).ok_or_else(too_large)?;
    element_count(&out_shape).ok_or_else(too_large)?;
    let data = a.complex_data()?;
    let lanes = transform_axis(&data, shape, axis, n, inverse, norm)?;
    drop(data);
    write_complex(out, &lanes, &out_shape, axis, n, single(a.dtype()))
}

/// Writes transformed `lanes` (along `axis`, of `n`) into a new complex result of `shape`.
fn write_complex(
    out: &mut dyn Outputs,
    lanes: &[Complex128],
    shape: &[usize],
    axis: usize,
    n: usize,
    single: bool,
) -> Result<Ret, ApiError> {
    if single {
        array::<Complex64>(out, shape, |o| {
            scatter(lanes, shape, axis, n, o, |c| {
                Complex64::new(c.re as f32, c.im as f32)
            });
            Ok(())
        })
    } else {
        array::<Complex128>(out, shape, |o| {
            scatter(lanes, shape, axis, n, o, |c| c);
            Ok(())
        })
    }
}

/// `fft2`/`ifft2`: the complex transform over each of `axes`, the last first.
fn complex_2d(args: &Args<'_>, out: &mut dyn Outputs, inverse: bool) -> Result<Ret, ApiError> {
    let a = input(args)?;
    let ndim = a.ndim();
    let norm = norm(args)?;
    let axes = match args.value(AXIS) {
        Value::None => vec![-2.0, -1.0],
        Value::Array(list) if list.ndim() == 1 => args.f64_data(AXIS, list)?.into_owned(),
        other => {
            return Err(ApiError::type_error(
                args.name(AXIS),
                format!("expected a sequence of integers, got {}", other.describe()),
            ));
        }
    };
    // Axes may repeat (numpy transforms twice): resolve each on its own.
    let mut resolved = Vec::with_capacity(axes.len());
    for &v in &axes {
        let one = args.axis_list(AXIS, &[v], ndim, "repeated axis")?;
        resolved.extend(one);
    }
    let sizes: Option<Vec<i64>> = match args.value(N) {
        Value::None => None,
        Value::Array(list) if list.ndim() == 1 => Some(args.data::<i64>(N, list)?.into_owned()),
        other => {
            return Err(ApiError::type_error(
                args.name(N),
                format!("expected a sequence of integers, got {}", other.describe()),
            ));
        }
    };
    if let Some(s) = sizes.as_ref().filter(|s| s.len() != resolved.len()) {
        return Err(ApiError::value_error(
            args.name(N),
            format!(
                "Shape and axes have different lengths ({} and {})",
                s.len(),
                resolved.len()
            ),
        ));
    }
    let mut shape = a.shape().to_vec();
    let mut data: Cow<'_, [Complex128]> = a.complex_data()?;
    // The last axis first, as numpy.
    for (k, &axis) in resolved.iter().enumerate().rev() {
        let m = shape.get(axis).copied().unwrap_or(1);
        let n = match sizes.as_ref().and_then(|s| s.get(k)) {
            Some(&n) => length(args.name(N), n, DType::C128)?,
            None if m == 0 => return Err(no_points(args.name(A), 0)),
            None => m,
        };
        let lanes = transform_axis(&data, &shape, axis, n, inverse, norm)?;
        let next_shape = resized(&shape, axis, n).ok_or_else(too_large)?;
        let total = element_count(&next_shape).ok_or_else(too_large)?;
        let mut next = zeros::<Complex128>(total)?;
        scatter(&lanes, &shape, axis, n, &mut next, |c| c);
        data = Cow::Owned(next);
        shape = next_shape;
    }
    let single = single(a.dtype());
    let last = shape.len().saturating_sub(1);
    let n_last = shape.last().copied().unwrap_or(1);
    // `data` is in C order already: written as lanes along the last axis, unchanged.
    write_complex(out, &data, &shape, last, n_last, single)
}

/// `rfft`: the real-input transform along `axis`.
fn run_rfft(args: &Args<'_>, out: &mut dyn Outputs) -> Result<Ret, ApiError> {
    let Plan { a, axis, norm, n } = plan(args, DType::C128, |m| m)?;
    let shape = a.shape();
    let terms = (n / 2).saturating_add(1);
    let out_shape = resized(shape, axis, terms).ok_or_else(too_large)?;
    let total = element_count(&out_shape).ok_or_else(too_large)?;
    let data = args.data::<f64>(A, &a)?;
    let mut input = gather(&data, shape, axis, n)?;
    drop(data);
    let mut lanes = zeros::<Complex128>(total)?;
    kernels::real_forward_lanes(&mut input, n, &mut lanes, norm).map_err(core)?;
    write_complex(out, &lanes, &out_shape, axis, terms, single(a.dtype()))
}

/// `irfft`: the inverse of `rfft`, real output of `n` points along `axis`.
fn run_irfft(args: &Args<'_>, out: &mut dyn Outputs) -> Result<Ret, ApiError> {
    // numpy's default length: the real signal whose rfft has the input's `m` terms.
    let Plan { a, axis, norm, n } =
        plan(args, DType::F64, |m| m.saturating_sub(1).saturating_mul(2))?;
    let shape = a.shape();
    let terms = (n / 2).saturating_add(1);
    let out_shape = resized(shape, axis, n).ok_or_else(too_large)?;
    let total = element_count(&out_shape).ok_or_else(too_large)?;
    let data = a.complex_data()?;
    let mut input = gather(&data, shape, axis, terms)?;
    drop(data);
    let mut lanes = zeros::<f64>(total)?;
    kernels::real_inverse_lanes(&mut input, n, &mut lanes, norm).map_err(core)?;
    if single(a.dtype()) {
        array::<f32>(out, &out_shape, |o| {
            scatter(&lanes, &out_shape, axis, n, o, |v| v as f32);
            Ok(())
        })
    } else {
        array::<f64>(out, &out_shape, |o| {
            scatter(&lanes, &out_shape, axis, n, o, |v| v);
            Ok(())
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::super::testing::{call, matrix, ok, vector};
    use crate::array::ArrayRef;
    use crate::dtype::ByteOrder;
    use crate::error::ErrorClass;
    use crate::outputs::Ret;
    use crate::value::Value;

    fn complex(out: &crate::outputs::VecOutputs, ret: &Ret) -> (Vec<usize>, Vec<(f64, f64)>) {
        let Ret::Array(i) = ret else {
            panic!("expected an array, got {ret:?}")
        };
        let stored = &out.arrays[*i];
        let values = stored.values::<super::Complex128>().unwrap();
        (
            stored.shape.clone(),
            values.iter().map(|c| (c.re, c.im)).collect(),
        )
    }

    #[test]
    fn fft_of_a_real_vector_is_complex128() {
        let x = vector(&[1.0, 2.0, 3.0, 4.0]);
        let (ret, out) = ok("fft.fft", vec![x.value()], vec![]);
        let (shape, values) = complex(&out, &ret);
        assert_eq!(shape, [4]);
        let want = [(10.0, 0.0), (-2.0, 2.0), (-2.0, 0.0), (-2.0, -2.0)];
        for (g, w) in values.iter().zip(want) {
            assert!(
                (g.0 - w.0).abs() < 1e-12 && (g.1 - w.1).abs() < 1e-12,
                "{g:?} {w:?}"
            );
        }
    }

    #[test]
    fn complex_input_round_trips_and_axes_and_sizes_follow_numpy() {
        let pairs = [1.0, 0.5, -2.0, 3.0, 0.25, -1.0];
        let shape = [3];
        let a = ArrayRef::new(
            crate::DType::C128,
            ByteOrder::Native,
            &shape,
            None,
            bytemuck::cast_slice(&pairs),
            0,
        )
        .unwrap();
        let (ret, out) = ok("fft.fft", vec![Value::Array(a)], vec![]);
        let (_, spectrum) = complex(&out, &ret);
        let flat: Vec<f64> = spectrum.iter().flat_map(|&(r, i)| [r, i]).collect();
        let shape = [3];
        let s = ArrayRef::new(
            crate::DType::C128,
            ByteOrder::Native,
            &shape,
            None,
            bytemuck::cast_slice(&flat),
            0,
        )
        .unwrap();
        let (ret, out) = ok("fft.ifft", vec![Value::Array(s)], vec![]);
        let (_, back) = complex(&out, &ret);
        for (g, w) in back.iter().zip(pairs.chunks(2)) {
            assert!((g.0 - w[0]).abs() < 1e-12 && (g.1 - w[1]).abs() < 1e-12);
        }
        let m = matrix(&[&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0]]);
        let (ret, out) = ok(
            "fft.rfft",
            vec![m.value()],
            vec![("axis", Value::Int(0)), ("n", Value::Int(5))],
        );
        assert_eq!(complex(&out, &ret).0, [3, 3]);
        let (ret, out) = ok("fft.irfft", vec![m.value()], vec![]);
        let Ret::Array(i) = ret else { panic!() };
        assert_eq!(out.arrays[i].shape, [2, 4]);
    }

    #[test]
    fn refusals_name_the_argument() {
        let x = vector(&[1.0]);
        let e = call("fft.fft", vec![x.value()], vec![("n", Value::Int(0))])
            .0
            .unwrap_err();
        assert_eq!(
            (e.class, e.message.as_str()),
            (
                ErrorClass::ValueError,
                "n: Invalid number of FFT data points (0) specified"
            )
        );
        let e = call("fft.fft", vec![x.value()], vec![("axis", Value::Int(1))])
            .0
            .unwrap_err();
        assert_eq!(e.class, ErrorClass::AxisError);
        let e = call(
            "fft.ifft",
            vec![x.value()],
            vec![("norm", Value::Str("no"))],
        )
        .0
        .unwrap_err();
        assert!(e.message.starts_with("norm: Invalid norm value"), "{e}");
        let empty = vector(&[]);
        let e = call("fft.rfft", vec![empty.value()], vec![]).0.unwrap_err();
        assert!(
            e.message
                .starts_with("a: Invalid number of FFT data points (0)")
        );
    }

    #[test]
    fn functions_without_complex_input_refuse_complex_arrays() {
        let pairs = [1.0, 2.0];
        let shape = [1];
        let a = ArrayRef::new(
            crate::DType::C128,
            ByteOrder::Native,
            &shape,
            None,
            bytemuck::cast_slice(&pairs),
            0,
        )
        .unwrap();
        for name in ["sum", "sort", "fft.rfft", "add"] {
            let e = call(name, vec![Value::Array(a), Value::Float(1.0)], vec![])
                .0
                .unwrap_err();
            assert_eq!(e.class, ErrorClass::TypeError, "{name}: {e}");
            assert!(e.message.contains("complex"), "{name}: {e}");
        }
    }
}
