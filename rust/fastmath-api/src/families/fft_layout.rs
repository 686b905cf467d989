//! The layout of discrete Fourier transforms, in `fastmath.fft`: numpy.fft's sample
//! frequencies of each output bin (`fftfreq`, `rfftfreq`) and the shifts that move the zero
//! frequency to the centre and back (`fftshift`, `ifftshift`). No transform is computed here.

use super::permute::roll_into;
use crate::args::Args;
use crate::dtype::DType;
use crate::element::{Complex64, Item};
use crate::error::ApiError;
use crate::outputs::{Outputs, Ret, array, f64_array};
use crate::table::{Family, Function};
use crate::value::Value;
use crate::with_dtype;

pub static FUNCTIONS: &[&Function] = &[&FFTFREQ, &RFFTFREQ, &FFTSHIFT, &IFFTSHIFT];

/// The window length `n` (parameter 0), a positive integer, and `1 / (n * d)` with the spacing
/// `d` (parameter 1), as numpy computes it (the product of `n` and `d` as floats, then its
/// reciprocal): every frequency is an integer times this value.
fn spacing(args: &Args<'_>) -> Result<(usize, f64), ApiError> {
    let n = args.int(0)?;
    let d = args.number(1)?;
    if n <= 0 {
        return Err(ApiError::value_error(
            args.name(0),
            format!("the window length must be positive, got {n}"),
        ));
    }
    let len =
        usize::try_from(n).map_err(|_| ApiError::result_too_large(DType::F64, &[usize::MAX]))?;
    Ok((len, 1.0 / (n as f64 * d)))
}

pub static FFTFREQ: Function = Function::new(
    "fft.fftfreq",
    Family::Fft,
    "(n: int, d: float = 1.0) -> FloatArray",
    "The sample frequencies of ``fft``'s output bins for a window of ``n`` samples spaced\n\
     ``d`` apart, as ``numpy.fft.fftfreq``, bit for bit: ``[0, 1, ..., n//2 - 1 (or (n-1)//2),\n\
     -(n//2), ..., -1] / (n*d)`` (float64). ``n`` must be a positive integer: numpy raises\n\
     ZeroDivisionError for 0 and ValueError for a negative ``n``, fastmath ValueError for both.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.fft.fftfreq(5, d=0.5).tolist()\n\
     [0.0, 0.4, 0.8, -0.8, -0.4]",
    |args, out| {
        let (n, step) = spacing(args)?;
        // Bins 0..=(n-1)/2 are the non-negative frequencies, the rest count up from -(n/2).
        let positive = n.div_ceil(2);
        f64_array(out, &[n], |o| {
            let (low, high) = o.split_at_mut(positive.min(o.len()));
            for (k, v) in low.iter_mut().enumerate() {
                *v = k as f64 * step;
            }
            for (k, v) in high.iter_mut().enumerate() {
                *v = (k as f64 - (n / 2) as f64) * step;
            }
            Ok(())
        })
    },
);

pub static RFFTFREQ: Function = Function::new(
    "fft.rfftfreq",
    Family::Fft,
    "(n: int, d: float = 1.0) -> FloatArray",
    "The sample frequencies of ``rfft``'s output bins for a window of ``n`` samples spaced\n\
     ``d`` apart, as ``numpy.fft.rfftfreq``, bit for bit: ``[0, 1, ..., n//2] / (n*d)``\n\
     (float64). ``n`` must be a positive integer (ValueError; numpy raises ZeroDivisionError\n\
     for 0).\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.fft.rfftfreq(8, d=0.25).tolist()\n\
     [0.0, 0.5, 1.0, 1.5, 2.0]",
    |args, out| {
        let (n, step) = spacing(args)?;
        f64_array(out, &[(n / 2).wrapping_add(1)], |o| {
            for (k, v) in o.iter_mut().enumerate() {
                *v = k as f64 * step;
            }
            Ok(())
        })
    },
);

/// Which way a shift goes: `fftshift` rolls each axis of length `n` forward by `n / 2`
/// (moving the zero frequency to the centre), `ifftshift` back by as much, which is forward by
/// `n - n / 2` (its inverse also for odd `n`).
#[derive(Clone, Copy)]
enum Shift {
    ToCentre,
    FromCentre,
}

/// `fftshift`/`ifftshift` of `x` (parameter 0) over `axes` (parameter 1: None for every axis,
/// an int, or a sequence of them; an axis named twice is shifted twice, as numpy's `roll`
/// does). Any dtype, kept.
fn shifted(args: &Args<'_>, out: &mut dyn Outputs, way: Shift) -> Result<Ret, ApiError> {
    let x = args.array(0)?;
    let shape = x.shape();
    let ndim = shape.len();
    let axes: Vec<usize> = match args.value(1) {
        Value::None => (0..ndim).collect(),
        Value::Array(list) if list.ndim() == 1 => {
            let listed = args.f64_data(1, list)?;
            let mut axes = Vec::with_capacity(listed.len());
            for &v in listed.iter() {
                // One at a time: a repeated axis is allowed (it rolls twice).
                axes.extend(args.axis_list(1, &[v], ndim, "")?);
            }
            axes
        }
        _ => args.axis(1, ndim)?.into_iter().collect(),
    };
    let mut shifts = vec![0usize; ndim];
    for axis in axes {
        if let (Some(s), Some(&n)) = (shifts.get_mut(axis), shape.get(axis)) {
            let by = match way {
                Shift::ToCentre => n / 2,
                Shift::FromCentre => n.div_ceil(2),
            };
            *s = s.wrapping_add(by).checked_rem(n).unwrap_or(0);
        }
    }
    let roll = Roll {
        shape,
        shifts: &shifts,
    };
    match x.dtype() {
        // A spectrum: complex128 as it lies (or converted once), complex64 kept complex64.
        DType::C128 => roll.write(out, &x.complex_data()?),
        DType::C64 => match x.as_slice::<Complex64>() {
            Some(values) => roll.write(out, values),
            None => {
                let wide = x.complex_data()?;
                let mut narrow: Vec<Complex64> = Vec::new();
                narrow
                    .try_reserve_exact(wide.len())
                    .map_err(|_| ApiError::out_of_memory_elements(wide.len(), DType::C64))?;
                // Exact: the values were complex64 before `complex_data` widened them.
                narrow.extend(
                    wide.iter()
                        .map(|c| Complex64::new(c.re as f32, c.im as f32)),
                );
                roll.write(out, &narrow)
            }
        },
        _ => with_dtype!(x.dtype(), T => roll.write(out, &args.data::<T>(0, &x)?)),
    }
}

/// A roll of arrays of one shape by the same shifts, for any element type.
struct Roll<'s> {
    shape: &'s [usize],
    shifts: &'s [usize],
}

impl Roll<'_> {
    /// The result: `data` (C order) rolled.
    fn write<T: Item>(&self, out: &mut dyn Outputs, data: &[T]) -> Result<Ret, ApiError> {
        array(out, self.shape, |o| {
            roll_into(data, self.shape, self.shifts, o);
            Ok(())
        })
    }
}

pub static FFTSHIFT: Function = Function::new(
    "fft.fftshift",
    Family::Fft,
    "(x: ArrayLike, axes: int | Sequence[int] | None = None) -> Array",
    "``x`` with the zero-frequency bin moved to the centre along ``axes`` (every axis by\n\
     default), as ``numpy.fft.fftshift``: each axis of length ``n`` rolled forward by\n\
     ``n // 2``. The dtype is kept (float16 becomes float32), complex spectra included; the\n\
     result is a new array.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.fft.fftshift(fastmath.fft.fftfreq(5)).tolist()\n\
     [-0.4, -0.2, 0.0, 0.2, 0.4]\n\
     >>> fastmath.fft.fftshift([[0, 1, 2], [3, 4, 5]], axes=1).tolist()\n\
     [[2, 0, 1], [5, 3, 4]]",
    |args, out| shifted(args, out, Shift::ToCentre),
)
.complex();

pub static IFFTSHIFT: Function = Function::new(
    "fft.ifftshift",
    Family::Fft,
    "(x: ArrayLike, axes: int | Sequence[int] | None = None) -> Array",
    "The inverse of ``fftshift`` (the same for even lengths), as ``numpy.fft.ifftshift``:\n\
     each axis of length ``n`` in ``axes`` (every axis by default) rolled back by ``n // 2``.\n\
     The dtype is kept (float16 becomes float32), complex spectra included; the result is a\n\
     new array.\n\
     \n\
     >>> import fastmath\n\
     >>> fastmath.fft.ifftshift([-2, -1, 0, 1, 2]).tolist()\n\
     [0, 1, 2, -2, -1]",
    |args, out| shifted(args, out, Shift::FromCentre),
)
.complex();

#[cfg(test)]
mod tests {
    use crate::families::testing::{ok, vector};

    #[test]
    fn frequencies_follow_numpy() {
        let (ret, out) = ok("fft.fftfreq", vec![crate::value::Value::Int(4)], vec![]);
        assert_eq!(out.f64(&ret), (&[4][..], &[0.0, 0.25, -0.5, -0.25][..]));
        let (ret, out) = ok("fft.rfftfreq", vec![crate::value::Value::Int(5)], vec![]);
        assert_eq!(out.f64(&ret), (&[3][..], &[0.0, 0.2, 0.4][..]));
        let x = vector(&[0.0, 1.0, 2.0, 3.0, 4.0]);
        let (ret, out) = ok("fft.fftshift", vec![x.value()], vec![]);
        assert_eq!(out.f64(&ret).1, &[3.0, 4.0, 0.0, 1.0, 2.0]);
        let (ret, out) = ok("fft.ifftshift", vec![x.value()], vec![]);
        assert_eq!(out.f64(&ret).1, &[2.0, 3.0, 4.0, 0.0, 1.0]);
    }
}
