//! numpy.linalg's result dtype: float32 when every array argument is float32, float64
//! otherwise (integers and bool compute as float64).
//!
//! fastmath's factorizations are float64 kernels. For float32 input they run in float64 and
//! each result is rounded once to float32: at least as accurate as numpy's single-precision
//! LAPACK, and the same dtype. [`Float32Results`] does the rounding between the kernels and
//! the binding, so the functions themselves are written once, in float64.

use crate::args::Args;
use crate::dtype::DType;
use crate::element::scalar;
use crate::error::ApiError;
use crate::outputs::{OutSlice, OutSpec, Outputs, Ret};
use crate::value::Value;

/// Whether every array argument is float32 (float16 counts as float32: fastmath has no
/// float16 results) and there is at least one. Python numbers are weak: they do not count.
fn single_precision(args: &Args<'_>) -> bool {
    let mut arrays = args.values().iter().filter_map(|v| match v {
        Value::Array(a) => Some(a.dtype()),
        _ => None,
    });
    let first = arrays.next();
    first.is_some()
        && first
            .into_iter()
            .chain(arrays)
            .all(|d| matches!(d, DType::F32 | DType::F16))
}

/// Runs `run` (a function written in float64) with numpy.linalg's result dtype: its float64
/// arrays and numbers become float32 when every array argument is float32.
pub fn linalg_precision(
    args: &Args<'_>,
    out: &mut dyn Outputs,
    run: impl FnOnce(&mut dyn Outputs) -> Result<Ret, ApiError>,
) -> Result<Ret, ApiError> {
    float32_if(single_precision(args), out, run)
}

/// Runs `run` (written in float64) with float32 results when `single`: for a function whose
/// result dtype follows another rule than numpy.linalg's (`matmul`, a ufunc: its operands'
/// promoted dtype).
pub fn float32_if(
    single: bool,
    out: &mut dyn Outputs,
    run: impl FnOnce(&mut dyn Outputs) -> Result<Ret, ApiError>,
) -> Result<Ret, ApiError> {
    if !single {
        return run(out);
    }
    let ret = run(&mut Float32Results { inner: out })?;
    Ok(narrowed(ret))
}

/// `ret` with its float64 numbers as float32 ones (arrays were narrowed when allocated).
fn narrowed(ret: Ret) -> Ret {
    match ret {
        Ret::Float(v) => scalar(v as f32),
        Ret::Tuple(items) => Ret::Tuple(items.into_iter().map(narrowed).collect()),
        other => other,
    }
}

/// The binding's outputs, with every float64 array asked for allocated as float32: the
/// function writes float64 scratch, rounded into the float32 result once it is done.
struct Float32Results<'o> {
    inner: &'o mut dyn Outputs,
}

impl Outputs for Float32Results<'_> {
    fn arrays(
        &mut self,
        specs: &[OutSpec<'_>],
        fill: &mut dyn FnMut(&mut [OutSlice<'_>]) -> Result<(), ApiError>,
    ) -> Result<Vec<Ret>, ApiError> {
        let narrowed: Vec<OutSpec<'_>> = specs
            .iter()
            .map(|s| OutSpec {
                dtype: if s.dtype == DType::F64 {
                    DType::F32
                } else {
                    s.dtype
                },
                shape: s.shape,
            })
            .collect();
        self.inner.arrays(&narrowed, &mut |slices| {
            // Float64 scratch for each narrowed result (after the result itself was
            // allocated, so an impossible result is a MemoryError naming it first).
            let mut scratch: Vec<Vec<f64>> = Vec::with_capacity(slices.len());
            for (slice, spec) in slices.iter_mut().zip(specs) {
                let len = if spec.dtype == DType::F64 {
                    slice.typed::<f32>().map_or(0, |s| s.len())
                } else {
                    0
                };
                let mut buffer = Vec::new();
                buffer
                    .try_reserve_exact(len)
                    .map_err(|_| ApiError::result_too_large(DType::F64, spec.shape))?;
                buffer.resize(len, 0.0);
                scratch.push(buffer);
            }
            let mut wide: Vec<OutSlice<'_>> = slices
                .iter_mut()
                .zip(specs)
                .zip(&mut scratch)
                .map(|((slice, spec), buffer)| {
                    if spec.dtype == DType::F64 {
                        OutSlice::new(DType::F64, bytemuck::cast_slice_mut(buffer.as_mut_slice()))
                    } else {
                        slice.reborrow()
                    }
                })
                .collect();
            fill(&mut wide)?;
            drop(wide);
            for ((slice, spec), buffer) in slices.iter_mut().zip(specs).zip(&scratch) {
                if spec.dtype != DType::F64 {
                    continue;
                }
                let target = slice.typed::<f32>().ok_or_else(|| {
                    ApiError::invalid("internal error: a float32 result of another dtype")
                })?;
                for (t, &v) in target.iter_mut().zip(buffer) {
                    *t = v as f32;
                }
            }
            Ok(())
        })
    }
}
