//! Quick sanity timing of the core kernels at 10^6 doubles (best-of-N wall time, so it is
//! usable on a busy machine): `cargo run --release -p fastmath-core --example quick_timing`.
//! Not a benchmark suite; a few seconds of run time.
use fastmath_core::{axis, cumulative, matrix::MatRef, norm, reduce, search, sort};

fn t<R>(name: &str, reps: u32, mut f: impl FnMut() -> R) {
    let mut best = f64::INFINITY;
    for _ in 0..reps {
        let start = std::time::Instant::now();
        std::hint::black_box(f());
        best = best.min(start.elapsed().as_secs_f64() * 1e3);
    }
    println!("{name:>28}: {best:8.3} ms wall (best of {reps})");
}

fn main() {
    let n = 1_000_000;
    let mut s: u64 = 0x9E3779B97F4A7C15;
    let x: Vec<f64> = (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
        })
        .collect();
    let mut out = vec![0.0; n];
    let mut idx = vec![0i64; n];
    t("sum", 50, || reduce::sum(&x));
    t("var", 20, || reduce::var(&x, 0.0));
    t("max", 20, || reduce::max(&x));
    t("argmax", 20, || reduce::argmax(&x));
    t("prod", 20, || reduce::prod(&x));
    t("norm2", 20, || norm::norm(&x, norm::NormOrd::Two).unwrap());
    t("cumsum", 20, || cumulative::cumsum_into(&x, &mut out));
    t("sigmoid", 5, || {
        fastmath_core::elementwise::sigmoid_into(&x, &mut out)
    });
    t("clip", 20, || {
        fastmath_core::elementwise::clip_into(&x, -0.5, 0.5, &mut out)
    });
    t("sort", 5, || sort::sort_into(&x, &mut out));
    t("std sort_unstable total_cmp", 5, || {
        out.copy_from_slice(&x);
        out.sort_unstable_by(f64::total_cmp)
    });
    t("argsort", 3, || sort::argsort_into(&x, &mut idx));
    t("unique", 3, || sort::unique(&x).len());
    t("topk 10", 5, || sort::topk(&x, 10));
    let mut sorted = x.clone();
    sort::sort_in_place(&mut sorted);
    let mut xs_sorted = x.clone();
    sort::sort_in_place(&mut xs_sorted);
    t("searchsorted sorted probes", 3, || {
        search::searchsorted_into(&sorted, &xs_sorted, search::Side::Right, &mut idx)
    });
    t("searchsorted 1e6", 3, || {
        search::searchsorted_into(&sorted, &x, search::Side::Left, &mut idx)
    });
    let m = MatRef::new(&x, 1000, 1000).unwrap();
    let mut o = vec![0.0; 1000];
    t("sum axis0", 20, || {
        axis::sum_axis(m, axis::Axis::Zero, &mut o)
    });
    t("sum axis1", 20, || {
        axis::sum_axis(m, axis::Axis::One, &mut o)
    });
    t("var axis0", 20, || {
        axis::var_axis(m, axis::Axis::Zero, 0.0, &mut o)
    });
    t("max axis0", 20, || {
        axis::max_axis(m, axis::Axis::Zero, &mut o)
    });
}
