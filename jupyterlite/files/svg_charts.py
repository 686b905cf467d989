"""Small charts as inline SVG text, for the fastmath demo notebook and PyScript page.

The demo site has no plotting library (nothing can be fetched, and matplotlib would add
megabytes to a page meant to load fast), so the pictures are drawn here in plain Python:
each function returns an ``<svg>`` string to hand to ``IPython.display.HTML`` or to put into
a page's DOM. Every chart has a ``<title>`` and an ``aria-label`` (screen readers), every
text is escaped, and the drawing scales down to narrow screens (``viewBox``).

    bar_chart(edges, counts, overlay=(xs, ys))   # a histogram, optionally with a curve on it
    line_chart(x, y, markers=[50.0, 120.0])      # e.g. a spectrum; long series are thinned
    scatter(points, labels, centers)             # e.g. k-means clusters and their centroids
    figure(svg, caption)                         # the chart with an escaped caption below it

Inputs are sequences of numbers, or anything with ``.tolist()`` (numpy arrays, fastmath's
``array.array``/``memoryview`` results). Bad input raises ``ValueError`` naming the argument.
"""

import math
from html import escape
from itertools import pairwise

__all__ = ["bar_chart", "figure", "line_chart", "scatter"]

#: Series colours (colour-blind-safe, Okabe-Ito); a scatter's label ``i`` takes colour ``i % 8``.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000")
BAR_COLOR = "#0072b2"
CURVE_COLOR = "#d55e00"
#: Plot margins (left, right, top, bottom) in SVG units: room for tick labels and axis titles.
MARGIN = (64, 16, 36, 44)


def _floats(values, name):
    if hasattr(values, "tolist"):
        values = values.tolist()
    try:
        out = [float(v) for v in values]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a sequence of real numbers ({exc})") from None
    if not all(math.isfinite(v) for v in out):
        raise ValueError(f"{name} must contain only finite numbers")
    return out


def _pairs(values, name):
    if hasattr(values, "tolist"):
        values = values.tolist()
    rows = []
    for item in values:
        row = list(item.tolist() if hasattr(item, "tolist") else item)
        if len(row) != 2:
            raise ValueError(f"{name} must be (x, y) pairs: got a row of {len(row)} values")
        rows.append(row)
    flat = _floats([v for row in rows for v in row], name)
    return list(zip(flat[0::2], flat[1::2], strict=True))


def _nice_ticks(lo, hi, count=5):
    """Round tick values (1, 2 or 5 times a power of ten) covering [lo, hi]."""
    if hi <= lo:
        return [lo]
    raw = (hi - lo) / count
    power = 10 ** math.floor(math.log10(raw))
    step = min((m * power for m in (1, 2, 5, 10)), key=lambda s: abs((hi - lo) / s - count))
    first = math.ceil(lo / step - 1e-9)
    last = math.floor(hi / step + 1e-9)
    return [k * step for k in range(first, last + 1)]


def _fmt(v):
    return f"{0.0 if abs(v) < 1e-12 else v:g}"


class _Frame:
    """The plot area of a chart: maps data coordinates to SVG coordinates, draws the axes."""

    def __init__(self, width, height, x_range, y_range):
        if width < 120 or height < 100:
            raise ValueError(f"width and height must be at least 120 and 100, got {width}x{height}")
        left, right, top, bottom = MARGIN
        self.width, self.height = width, height
        self.x0, self.x1 = left, width - right
        self.y0, self.y1 = height - bottom, top
        self.xlo, self.xhi = _widen(*x_range)
        self.ylo, self.yhi = _widen(*y_range)

    def x(self, v):
        return self.x0 + (v - self.xlo) / (self.xhi - self.xlo) * (self.x1 - self.x0)

    def y(self, v):
        return self.y0 + (v - self.ylo) / (self.yhi - self.ylo) * (self.y1 - self.y0)

    def axes(self, x_label, y_label):
        parts = []
        for v in _nice_ticks(self.ylo, self.yhi):
            y = self.y(v)
            parts.append(
                f'<line x1="{self.x0}" x2="{self.x1}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e4e4"/>'
                f'<text x="{self.x0 - 6}" y="{y + 4:.1f}" text-anchor="end">{_fmt(v)}</text>'
            )
        for v in _nice_ticks(self.xlo, self.xhi):
            x = self.x(v)
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{self.y0}" y2="{self.y0 + 5}" stroke="#555"/>'
                f'<text x="{x:.1f}" y="{self.y0 + 18}" text-anchor="middle">{_fmt(v)}</text>'
            )
        parts.append(
            f'<path d="M{self.x0} {self.y1}V{self.y0}H{self.x1}" fill="none" stroke="#555"/>'
            f'<text x="{(self.x0 + self.x1) / 2:.1f}" y="{self.height - 6}"'
            f' text-anchor="middle">{escape(x_label)}</text>'
            f'<text transform="translate(14 {(self.y0 + self.y1) / 2:.1f}) rotate(-90)"'
            f' text-anchor="middle">{escape(y_label)}</text>'
        )
        return parts


def _widen(lo, hi):
    if hi > lo:
        return lo, hi
    pad = abs(lo) * 0.5 or 0.5
    return lo - pad, hi + pad


def _padded(values):
    """The values' range and 4% more each way: no point drawn on an axis."""
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.04
    return lo - pad, hi + pad


def _svg(frame, title, kind, body):
    """The outer element: accessible name (aria-label and <title>), scalable size."""
    t = escape(title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="fm-chart" data-kind="{kind}"'
        f' role="img" aria-label="{t}" viewBox="0 0 {frame.width} {frame.height}"'
        f' width="{frame.width}" height="{frame.height}" style="max-width:100%;height:auto"'
        ' font-family="system-ui, sans-serif" font-size="12" fill="#222">'
        f"<title>{t}</title>"
        f'<text x="{frame.x0}" y="18" font-size="14" font-weight="bold">{t}</text>'
        + "".join(body)
        + "</svg>"
    )


def _polyline(frame, xs, ys, cls, color):
    points = " ".join(f"{frame.x(a):.1f},{frame.y(b):.1f}" for a, b in zip(xs, ys, strict=True))
    return (
        f'<polyline class="{cls}" data-n="{len(xs)}" points="{points}" fill="none"'
        f' stroke="{color}" stroke-width="2" stroke-linejoin="round"/>'
    )


def bar_chart(
    edges,
    counts,
    *,
    overlay=None,
    overlay_label="",
    title="Histogram",
    x_label="",
    y_label="",
    width=640,
    height=320,
):
    """A histogram: bar ``i`` spans ``edges[i]..edges[i + 1]`` with height ``counts[i]``.

    ``overlay=(xs, ys)`` draws a curve on the bars in the same units (e.g. a density), named
    ``overlay_label`` in a legend.
    """
    edges = _floats(edges, "edges")
    counts = _floats(counts, "counts")
    if not counts or len(edges) != len(counts) + 1:
        raise ValueError(
            f"edges must have one more value than counts (got {len(edges)} and {len(counts)})"
        )
    if any(b <= a for a, b in pairwise(edges)):
        raise ValueError("edges must be increasing")
    curve = None
    if overlay is not None:
        curve = _floats(overlay[0], "overlay x"), _floats(overlay[1], "overlay y")
        if len(curve[0]) != len(curve[1]):
            raise ValueError("overlay x and y must have the same length")
    tops = counts + (curve[1] if curve else [])
    frame = _Frame(width, height, (edges[0], edges[-1]), (min(0.0, *tops), max(0.0, *tops) * 1.05))
    body = frame.axes(x_label, y_label)
    zero = frame.y(0.0)
    for a, b, c in zip(edges[:-1], edges[1:], counts, strict=True):
        xa, xb, yc = frame.x(a), frame.x(b), frame.y(c)
        body.append(
            f'<rect class="bar" x="{xa:.2f}" y="{min(yc, zero):.2f}"'
            f' width="{max(xb - xa - 0.5, 0.5):.2f}" height="{abs(zero - yc):.2f}"'
            f' fill="{BAR_COLOR}">'
            f"<title>{_fmt(a)} to {_fmt(b)}: {_fmt(c)}</title></rect>"
        )
    if curve:
        body.append(_polyline(frame, *curve, "overlay", CURVE_COLOR))
        if overlay_label:
            body.append(_legend(frame, [(CURVE_COLOR, overlay_label)]))
    return _svg(frame, title, "bar", body)


def _legend(frame, entries):
    parts = []
    for i, (color, label) in enumerate(entries):
        y = frame.y1 + 8 + 16 * i
        parts.append(
            f'<rect x="{frame.x1 - 150}" y="{y}" width="12" height="4" fill="{color}"/>'
            f'<text x="{frame.x1 - 132}" y="{y + 6}">{escape(label)}</text>'
        )
    return "".join(parts)


def _thin(xs, ys, columns):
    """At most two points per pixel column (its lowest and highest, in x order): a long series
    keeps its peaks and troughs while the SVG stays small."""
    if len(xs) <= 2 * columns:
        return xs, ys
    lo, span = xs[0], (xs[-1] - xs[0]) or 1.0
    out_x, out_y, bucket = [], [], []

    def flush():
        if bucket:
            keep = sorted({min(bucket, key=lambda p: p[1]), max(bucket, key=lambda p: p[1])})
            out_x.extend(p[0] for p in keep)
            out_y.extend(p[1] for p in keep)

    current = None
    for a, b in zip(xs, ys, strict=True):
        column = min(int((a - lo) / span * columns), columns - 1)
        if column != current:
            flush()
            bucket, current = [], column
        bucket.append((a, b))
    flush()
    return out_x, out_y


def line_chart(
    x,
    y,
    *,
    markers=(),
    title="Line chart",
    x_label="",
    y_label="",
    width=640,
    height=320,
):
    """``y`` against increasing ``x`` as one line; ``markers`` are x values drawn as dashed
    vertical lines (e.g. the frequencies a spectrum should peak at). A series longer than twice
    the plot's width in pixels is thinned to each pixel column's lowest and highest point."""
    xs, ys = _floats(x, "x"), _floats(y, "y")
    if not xs or len(xs) != len(ys):
        raise ValueError(
            f"x and y must be non-empty and of one length (got {len(xs)} and {len(ys)})"
        )
    if any(b < a for a, b in pairwise(xs)):
        raise ValueError("x must be increasing")
    marks = _floats(markers, "markers")
    frame = _Frame(width, height, (xs[0], xs[-1]), (min(0.0, *ys), max(0.0, *ys) * 1.05))
    body = frame.axes(x_label, y_label)
    for m in marks:
        if frame.xlo <= m <= frame.xhi:
            xm = frame.x(m)
            body.append(
                f'<line class="marker" data-x="{_fmt(m)}" x1="{xm:.1f}" x2="{xm:.1f}"'
                f' y1="{frame.y0}" y2="{frame.y1}" stroke="#999" stroke-dasharray="4 3"/>'
            )
    body.append(_polyline(frame, *_thin(xs, ys, int(frame.x1 - frame.x0)), "line", BAR_COLOR))
    return _svg(frame, title, "line", body)


def scatter(
    points,
    labels=None,
    centers=None,
    *,
    title="Scatter plot",
    x_label="",
    y_label="",
    width=480,
    height=400,
    max_points=5000,
):
    """Points ``(x, y)`` coloured by their integer ``labels`` (e.g. k-means' labels), and
    ``centers`` (e.g. its centroids, row ``i`` the centre of label ``i``) drawn as dark crosses.

    Above ``max_points`` points, every k-th point is drawn (the title says so): an SVG of
    100,000 circles would make the page slow.
    """
    pts = _pairs(points, "points")
    if not pts:
        raise ValueError("points must not be empty")
    labs = None
    if labels is not None:
        labs = [round(v) for v in _floats(labels, "labels")]
        if len(labs) != len(pts):
            raise ValueError(f"labels must have one per point (got {len(labs)} for {len(pts)})")
        if min(labs) < 0:
            raise ValueError("labels must be non-negative integers")
    ctrs = _pairs(centers, "centers") if centers is not None else []
    step = max(1, math.ceil(len(pts) / max_points))
    if step > 1:
        title = f"{title} (1 point in {step} of {len(pts):,} shown)"
    xs = [p[0] for p in pts + ctrs]
    ys = [p[1] for p in pts + ctrs]
    frame = _Frame(width, height, _padded(xs), _padded(ys))
    body = frame.axes(x_label, y_label)
    for i in range(0, len(pts), step):
        a, b = pts[i]
        color = PALETTE[labs[i] % len(PALETTE)] if labs else PALETTE[0]
        body.append(
            f'<circle class="point" cx="{frame.x(a):.1f}" cy="{frame.y(b):.1f}" r="2.5"'
            f' fill="{color}" fill-opacity="0.7"/>'
        )
    for i, (a, b) in enumerate(ctrs):
        cross = f"M{frame.x(a) - 7:.1f} {frame.y(b) - 7:.1f}l14 14m0 -14l-14 14"
        body.append(
            f'<g class="center"><title>centre {i}: ({_fmt(a)}, {_fmt(b)})</title>'
            f'<path d="{cross}" stroke="#fff" stroke-width="5"/>'
            f'<path d="{cross}" stroke="#222" stroke-width="2.5"/></g>'
        )
    return _svg(frame, title, "scatter", body)


def figure(svg, caption):
    """The chart and a caption under it (HTML; the caption is escaped text)."""
    return (
        f'<figure class="fm-figure" style="margin:0 0 1rem">{svg}'
        f'<figcaption style="font-size:90%;color:#444">{escape(caption)}</figcaption></figure>'
    )
