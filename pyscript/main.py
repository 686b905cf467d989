"""The fastmath PyScript demo: an interactive example, three pictures (a histogram of random
draws, a spectrum, k-means clusters) and a live timing chart (SVG)."""

import math
import time
from array import array

import pure_python
from svg_charts import bar_chart, figure, line_chart, scatter

import fastmath
import fastmath.fft
import fastmath.random
from pyscript import document

SVG_W, SVG_H = 560, 260
COLORS = {"fastmath": "#e8743b", "pure Python": "#19a979"}


def parse(text):
    return array("d", (float(t) for t in text.replace(";", ",").split(",") if t.strip()))


def compute(event=None):
    out = document.getElementById("result")
    try:
        xs = parse(document.getElementById("xs").value)
        ys = parse(document.getElementById("ys").value)
        lines = [
            f"fastmath.sum(x)    = {fastmath.sum(xs)!r}",
            f"fastmath.mean(x)   = {fastmath.mean(xs)!r}",
            f"fastmath.square(x) = {list(fastmath.square(xs))!r}",
        ]
        if len(xs) == len(ys):
            lines.append(f"fastmath.dot(x, y)  = {fastmath.dot(xs, ys)!r}")
        else:
            lines.append("fastmath.dot(x, y)  needs x and y of the same length")
        out.className = ""
        out.dataset.sum = repr(fastmath.sum(xs))
        out.textContent = "\n".join(lines)
    except Exception as exc:  # shown to the user, the page stays usable
        out.className = "error"
        out.textContent = f"{type(exc).__name__}: {exc}"


def py_sum(v):
    total = 0.0
    for x in v:
        total += x
    return total


def py_dot(a, b):
    total = 0.0
    for x, y in zip(a, b, strict=True):
        total += x * y
    return total


def py_square(v):
    return [x * x for x in v]


def best_ms(fn, *args, repeat=3):
    return pure_python.best_time(fn, *args, repeat=repeat) * 1e3


def measure(n):
    a = array("d", (i * 1e-3 for i in range(n)))
    b = array("d", (1.0 - i * 5e-4 for i in range(n)))
    cases = [
        ("sum", fastmath.sum, py_sum, (a,)),
        ("dot", fastmath.dot, py_dot, (a, b)),
        ("square", fastmath.square, py_square, (a,)),
    ]
    return [
        (name, best_ms(fast, *args), best_ms(slow, *args, repeat=2))
        for name, fast, slow, args in cases
    ]


def svg_chart(rows, n):
    """Grouped bars on a log scale: milliseconds per call, lower is better."""
    top = max(tp for _, _, tp in rows)
    low = min(tf for _, tf, _ in rows)
    lo_exp = math.floor(math.log10(max(low, 1e-4)))
    hi_exp = math.ceil(math.log10(top)) + (1 if top == 10 ** math.ceil(math.log10(top)) else 0)
    left, right, y0, y1 = 60, SVG_W - 20, 40, SVG_H - 40

    def y_of(ms):
        f = (math.log10(max(ms, 10**lo_exp)) - lo_exp) / (hi_exp - lo_exp)
        return y1 - f * (y1 - y0)

    parts = [
        '<svg id="timing-chart" xmlns="http://www.w3.org/2000/svg"'
        f' width="{SVG_W}" height="{SVG_H}"'
        ' font-family="sans-serif" font-size="12" role="img"'
        f' aria-label="fastmath vs pure Python, n = {n}">',
        f'<text x="{left}" y="16" font-weight="bold">time per call, n = {n:,}'
        " (ms, log scale; lower is better)</text>",
    ]
    for e in range(lo_exp, hi_exp + 1):
        y = y_of(10**e)
        parts.append(f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{10.0**e:g}</text>')
    group = (right - left) / len(rows)
    bar = group / 3
    for i, (name, tf, tp) in enumerate(rows):
        gx = left + i * group + bar / 2
        for j, (label, ms) in enumerate((("fastmath", tf), ("pure Python", tp))):
            x, y = gx + j * bar, y_of(ms)
            parts.append(
                f'<rect class="bar" data-series="{label}" data-case="{name}" data-ms="{ms:.4f}"'
                f' x="{x:.1f}" y="{y:.1f}" width="{bar - 4:.1f}" height="{y1 - y:.1f}"'
                f' fill="{COLORS[label]}">'
                f"<title>{name}, {label}: {ms:.3f} ms</title></rect>"
            )
            parts.append(
                f'<text x="{x + (bar - 4) / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">'
                f"{ms:.2g}</text>"
            )
        parts.append(
            f'<text x="{gx + bar:.1f}" y="{y1 + 16}" text-anchor="middle">'
            f"{name} (x{tp / tf:.0f})</text>"
        )
    for j, (label, color) in enumerate(COLORS.items()):
        x = right - 200 + j * 100
        parts.append(f'<rect x="{x}" y="{SVG_H - 14}" width="10" height="10" fill="{color}"/>')
        parts.append(f'<text x="{x + 14}" y="{SVG_H - 5}">{label}</text>')
    parts.append("</svg>")
    return "".join(parts)


def normals_picture(n=1_000_000, bins=80, lo=-4.0, hi=4.0, n_py=100_000):
    """A histogram of n normal draws and the time against pure Python (timed on n_py values,
    a million taking seconds here, and scaled)."""

    def with_fastmath():
        x = fastmath.random.default_rng(42).standard_normal(n)
        return fastmath.histogram(x, bins=bins, range=(lo, hi), density=True)

    density, edges = with_fastmath()
    t_fast = pure_python.best_time(with_fastmath)
    t0 = time.perf_counter()
    pure_python.histogram(pure_python.gauss_samples(n_py), bins, lo, hi)
    t_py = (time.perf_counter() - t0) * n / n_py
    xs = [lo + i * (hi - lo) / 200 for i in range(201)]
    pdf = [math.exp(-v * v / 2) / math.sqrt(2 * math.pi) for v in xs]
    chart = bar_chart(
        edges,
        density,
        overlay=(xs, pdf),
        overlay_label="normal density",
        title=f"{n:,} draws of fastmath.random, binned by fastmath.histogram",
        x_label="value",
        y_label="density",
    )
    caption = (
        f"fastmath: {t_fast * 1e3:.1f} ms to draw and bin {n:,} normals. Pure Python "
        f"(random.gauss and a binning loop): {t_py * 1e3:.0f} ms, measured on {n_py:,} values "
        f"and scaled by {n // n_py}. fastmath is {t_py / t_fast:.0f}x faster."
    )
    document.getElementById("normals").innerHTML = figure(chart, caption)


def spectrum_picture(n=2**16, rate=2048, tones=((50, 1.0), (120, 0.5), (300, 0.25))):
    """The amplitude spectrum of sines in noise, and the FFT's time against pure Python's."""
    t = fastmath.divide(fastmath.arange(n), rate)
    signal = fastmath.random.default_rng(7).normal(0.0, 1.5, n)
    for freq, amp in tones:
        wave = fastmath.sin(fastmath.multiply(2 * math.pi * freq, t))
        signal = fastmath.add(signal, fastmath.multiply(amp, wave))
    spectrum = fastmath.fft.rfft(signal)
    freqs = fastmath.fft.rfftfreq(n, d=1 / rate)
    amplitude = [2 * abs(c) / n for c in spectrum.tolist()]
    peaks = sorted(freqs[i] for i in fastmath.topk(amplitude, len(tones)))
    t_rfft = pure_python.best_time(fastmath.fft.rfft, signal)
    t_fft = pure_python.best_time(fastmath.fft.fft, signal)
    t_py = pure_python.best_time(pure_python.fft, signal, repeat=1)
    chart = line_chart(
        freqs,
        amplitude,
        markers=[f for f, _ in tones],
        title=f"Spectrum of {n:,} noisy samples, by fastmath.fft.rfft",
        x_label="frequency (Hz)",
        y_label="amplitude",
    )
    caption = (
        f"Peaks found at {', '.join(f'{p:g}' for p in peaks)} Hz. fastmath.fft.rfft: "
        f"{t_rfft * 1e3:.2f} ms; fastmath.fft.fft: {t_fft * 1e3:.2f} ms; a pure-Python radix-2 "
        f"FFT (the same transform as fft, same length): {t_py * 1e3:.0f} ms. "
        f"fastmath.fft.fft is {t_py / t_fft:.0f}x faster."
    )
    document.getElementById("spectrum").innerHTML = figure(chart, caption)


def clusters_picture(m=1000, centers=((-2.0, -1.0), (2.0, -1.5), (0.0, 2.0), (3.0, 2.5))):
    """k-means on points drawn around four centres, and its time against pure Python's."""
    noise = fastmath.random.default_rng(3).normal(0.0, 0.7, (len(centers) * m, 2))
    points = fastmath.add(noise, [c for c in centers for _ in range(m)])
    k = len(centers)
    centroids, labels, inertia = fastmath.kmeans(points, k, seed=0, n_init=1)
    t_fast = pure_python.best_time(lambda: fastmath.kmeans(points, k, seed=0, n_init=1))
    t_py = pure_python.best_time(pure_python.kmeans, points.tolist(), k, repeat=1)
    chart = scatter(
        points,
        labels,
        centers=centroids,
        title=f"{len(labels):,} points in {k} clusters, by fastmath.kmeans",
        x_label="x",
        y_label="y",
    )
    caption = (
        f"Crosses: the centroids found (inertia {inertia:.1f}). fastmath.kmeans (one k-means++ "
        f"start, Lloyd's iterations to convergence): {t_fast * 1e3:.1f} ms; the same algorithm "
        f"in pure Python: {t_py * 1e3:.0f} ms. fastmath is {t_py / t_fast:.0f}x faster."
    )
    document.getElementById("clusters").innerHTML = figure(chart, caption)


def benchmark(event=None):
    status = document.getElementById("status")
    n = int(document.getElementById("size").value)
    status.textContent = f"Measuring with n = {n:,}..."
    rows = measure(n)
    document.getElementById("chart").innerHTML = svg_chart(rows, n)
    table = [
        "<tr><th>operation</th><th>fastmath (ms)</th><th>pure Python (ms)</th>"
        "<th>speed-up</th></tr>"
    ]
    table += [
        f"<tr><td>{k}</td><td>{tf:.3f}</td><td>{tp:.3f}</td><td>x{tp / tf:.1f}</td></tr>"
        for k, tf, tp in rows
    ]
    document.getElementById("timings").innerHTML = "".join(table)
    status.textContent = (
        f"fastmath {fastmath.__version__} ({fastmath.backend} backend), timings measured live."
    )
    document.body.dataset.ready = "1"


for button in ("compute", "bench"):
    document.getElementById(button).disabled = False
compute()
normals_picture()
spectrum_picture()
clusters_picture()
benchmark()
