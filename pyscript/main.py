"""The fastmath PyScript demo: an interactive example and a live timing chart (SVG)."""

import math
import time
from array import array

import fastmath
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
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best * 1e3


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
benchmark()
