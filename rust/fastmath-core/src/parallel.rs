//! Cutting one kernel call into pieces for several threads, in builds that have threads
//! (feature `threads`: the `wasm32-wasip1-threads` module, whose host starts a rayon pool, see
//! docs/threads.md; natively, rayon's own pool). Without the feature, [`rows`] (and its
//! variants) call their closure once over everything, so the single-threaded builds carry no
//! trace of it.
//!
//! Results never depend on the cut: only work whose every output is computed alone is split
//! (elementwise values, rows of a matrix product or a distance matrix, lanes sorted or
//! transformed along an axis), and each piece
//! runs the same code on its rows as the whole call would. Tests hold a call with many threads
//! to the same call with one, bit for bit.
//!
//! A piece must be worth waking a thread for: about [`MIN_WORK`] units of work (roughly one
//! `exp`, or eight multiply-adds, per unit), 25-30 us on the wasm engines we measured. Below
//! twice that, a call runs on its caller alone. In the wasm build the caller is the pool's
//! worker 0, so a call too small to split costs nothing extra.

/// Work units a piece needs before a call is split (see the module docs).
pub const MIN_WORK: usize = 1 << 15;

/// The work of one `n log n` pass over a row of `n` (a sort, an FFT), in [`MIN_WORK`]'s units:
/// about `n log2 n / 2`.
pub fn n_log_n(n: usize) -> usize {
    n.saturating_mul(n.max(2).ilog2() as usize) / 2
}

/// Rows per piece are a multiple of this, so that every piece but the last starts on the same
/// SIMD lane alignment as the whole call.
#[cfg(feature = "threads")]
const ROW_ALIGN: usize = 16;

/// The most threads a call may use, whatever the pool's size (`fastmath.set_num_threads`).
#[cfg(feature = "threads")]
static LIMIT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(usize::MAX);

/// Lets calls use at most `threads` threads (at least 1) of their pool.
pub fn set_limit(threads: usize) {
    #[cfg(feature = "threads")]
    LIMIT.store(threads.max(1), std::sync::atomic::Ordering::Relaxed);
    #[cfg(not(feature = "threads"))]
    let _ = threads;
}

/// The limit [`set_limit`] set (`usize::MAX` until then; 1 without the `threads` feature).
pub fn limit() -> usize {
    #[cfg(feature = "threads")]
    {
        LIMIT.load(std::sync::atomic::Ordering::Relaxed)
    }
    #[cfg(not(feature = "threads"))]
    {
        1
    }
}

/// How many threads a call may use now: the size of the pool the caller runs in, at most
/// [`limit`] (1 without the `threads` feature).
pub fn threads() -> usize {
    #[cfg(feature = "threads")]
    {
        rayon::current_num_threads().min(limit())
    }
    #[cfg(not(feature = "threads"))]
    {
        1
    }
}

/// Runs `f(first_row, input_rows, output_rows)` over `output` cut into bands of whole rows, in
/// parallel when the call is worth splitting: `output` holds rows of `out_width` elements and
/// `input` the same number of rows of `in_width` (> 0) elements; `work_per_row` is the cost of
/// one row in the units [`MIN_WORK`] counts. If the lengths do not describe the same number of
/// rows (a kernel's own length check will then refuse), or there is one thread, `f` runs once
/// over everything. The first error of any band is returned.
pub fn rows<A: Sync, C: Send, E: Send>(
    input: &[A],
    in_width: usize,
    output: &mut [C],
    out_width: usize,
    work_per_row: usize,
    f: impl Fn(usize, &[A], &mut [C]) -> Result<(), E> + Sync + Send,
) -> Result<(), E> {
    #[cfg(feature = "threads")]
    if let Some(band) = band(input.len(), in_width, output.len(), out_width, work_per_row) {
        use rayon::prelude::*;
        let inputs = input.par_chunks(band * in_width);
        return in_bands(inputs, output, band, out_width, f);
    }
    #[cfg(not(feature = "threads"))]
    let _ = (in_width, out_width, work_per_row);
    f(0, input, output)
}

/// [`rows`] of an input the kernel may also write to (as scratch space).
pub fn rows_mut<A: Send, C: Send, E: Send>(
    input: &mut [A],
    in_width: usize,
    output: &mut [C],
    out_width: usize,
    work_per_row: usize,
    f: impl Fn(usize, &mut [A], &mut [C]) -> Result<(), E> + Sync + Send,
) -> Result<(), E> {
    #[cfg(feature = "threads")]
    if let Some(band) = band(input.len(), in_width, output.len(), out_width, work_per_row) {
        use rayon::prelude::*;
        let inputs = input.par_chunks_mut(band * in_width);
        return in_bands(inputs, output, band, out_width, f);
    }
    #[cfg(not(feature = "threads"))]
    let _ = (in_width, out_width, work_per_row);
    f(0, input, output)
}

/// [`rows`] of a kernel that works on its rows in place: `f(first_row, rows)`.
pub fn rows_in_place<C: Send, E: Send>(
    data: &mut [C],
    width: usize,
    work_per_row: usize,
    f: impl Fn(usize, &mut [C]) -> Result<(), E> + Sync + Send,
) -> Result<(), E> {
    // No input: a row of one zero-sized element per row (no memory).
    let rows = vec![(); data.len().checked_div(width).unwrap_or(0)];
    self::rows(&rows, 1, data, width, work_per_row, |first, _, data| {
        f(first, data)
    })
}

/// The rows per band when a call of `input_len` and `output_len` elements (rows of `in_width`
/// and `out_width`) is worth splitting, else None: at most one band per thread, each of at
/// least [`MIN_WORK`] units and a multiple of [`ROW_ALIGN`] rows.
#[cfg(feature = "threads")]
fn band(
    input_len: usize,
    in_width: usize,
    output_len: usize,
    out_width: usize,
    work_per_row: usize,
) -> Option<usize> {
    let count = output_len.checked_div(out_width)?;
    let matched = in_width > 0
        && count.checked_mul(out_width) == Some(output_len)
        && count.checked_mul(in_width) == Some(input_len);
    let work = count.saturating_mul(work_per_row.max(1));
    let pieces = (work / MIN_WORK).min(threads()).min(count / ROW_ALIGN);
    // pieces <= count / ROW_ALIGN: a band is at least ROW_ALIGN rows, and no width product
    // overflows (the slices exist).
    (matched && pieces > 1).then(|| count.div_ceil(pieces).div_ceil(ROW_ALIGN) * ROW_ALIGN)
}

/// `f` on each band of `band` rows of `output` with its item of `inputs`, as rayon tasks.
#[cfg(feature = "threads")]
fn in_bands<I, C, E>(
    inputs: I,
    output: &mut [C],
    band: usize,
    out_width: usize,
    f: impl Fn(usize, I::Item, &mut [C]) -> Result<(), E> + Sync + Send,
) -> Result<(), E>
where
    I: rayon::iter::IndexedParallelIterator,
    C: Send,
    E: Send,
{
    use rayon::prelude::*;
    output
        .par_chunks_mut(band * out_width)
        .zip(inputs)
        .enumerate()
        .try_for_each(|(i, (out, inp))| f(i * band, inp, out))
}

/// Test helpers: `compute` run in a pool of `threads` threads, and bitwise equality.
#[cfg(all(test, feature = "threads"))]
pub(crate) mod testing {
    pub fn in_pool<R: Send>(threads: usize, compute: impl FnOnce() -> R + Send) -> R {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
        pool.unwrap().install(compute)
    }

    pub fn same_bits(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
    }
}

#[cfg(all(test, feature = "threads"))]
mod tests {
    use super::testing::in_pool;
    use super::*;

    #[test]
    fn bands_cover_every_row_once_in_order() {
        let input: Vec<u32> = (0..1000 * 3).collect();
        for threads in [1, 2, 3, 4, 7] {
            let mut out = vec![0u32; 1000];
            let starts = std::sync::Mutex::new(Vec::new());
            in_pool(threads, || {
                rows(&input, 3, &mut out, 1, MIN_WORK / 100, |first, inp, o| {
                    starts.lock().unwrap().push(first);
                    for (k, (v, row)) in o.iter_mut().zip(inp.chunks(3)).enumerate() {
                        assert_eq!(row[0] as usize, 3 * (first + k));
                        *v = row[0] + row[1] + row[2];
                    }
                    Ok::<(), ()>(())
                })
            })
            .unwrap();
            let want: Vec<u32> = (0..1000).map(|i| 9 * i + 3).collect();
            assert_eq!(out, want, "{threads} threads");
            let pieces = starts.into_inner().unwrap().len();
            assert_eq!(pieces, threads.min(1000 / ROW_ALIGN), "{threads} threads");
        }
    }

    #[test]
    fn small_or_mismatched_calls_run_once() {
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let run = |input: &[f64], out: &mut [f64], work| {
            in_pool(4, || {
                rows(input, 1, out, 1, work, |_, _, _| {
                    calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    Ok::<(), ()>(())
                })
            })
        };
        run(&[0.0; 100], &mut [0.0; 100], 1).unwrap();
        run(&[0.0; 99_999], &mut [0.0; 100_000], 1).unwrap();
        assert_eq!(calls.into_inner(), 2);
    }

    #[test]
    fn the_first_error_of_a_band_is_returned() {
        let input = vec![0.0f64; 1 << 18];
        let mut out = vec![0.0f64; 1 << 18];
        let got = in_pool(2, || {
            rows(&input, 1, &mut out, 1, 1, |first, _, _| {
                if first > 0 { Err(first) } else { Ok(()) }
            })
        });
        assert_eq!(got, Err(1 << 17));
    }
}
