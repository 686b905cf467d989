"""The demo site's chart drawing (jupyterlite/files/svg_charts.py) and pure-Python baselines
(jupyterlite/files/pure_python.py), on the host: a broken picture fails here, in a second,
before any browser test.

Host-only, by location: these modules ship with the site, not in the fastmath wheel.
"""

import importlib.util
import math
import random
import xml.etree.ElementTree as ET
from array import array
from pathlib import Path

import pytest

import fastmath
import fastmath.random

FILES = Path(__file__).resolve().parents[3] / "jupyterlite" / "files"


def load(name):
    """A module of the site's file tree, loaded by path (not put on sys.path for everyone)."""
    spec = importlib.util.spec_from_file_location(f"site_{name}", FILES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


svg_charts = load("svg_charts")
pure_python = load("pure_python")

NS = "{http://www.w3.org/2000/svg}"


def parse(svg):
    """The chart as an XML tree: it must be well-formed (a browser would show nothing)."""
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    return root


def by_class(root, cls):
    return [e for e in root.iter() if e.get("class") == cls]


def accessible_name(root):
    title = root.find(f"{NS}title")
    assert root.get("role") == "img"
    assert title is not None and title.text == root.get("aria-label")
    return title.text


def test_bar_chart_one_bar_per_count_heights_proportional():
    counts = [1, 4, 2, 0, 8]
    root = parse(svg_charts.bar_chart([0, 1, 2, 3, 4, 5], counts, title="t"))
    bars = by_class(root, "bar")
    assert len(bars) == len(counts)
    heights = [float(b.get("height")) for b in bars]
    assert heights[3] == 0
    for h, c in zip(heights, counts, strict=True):
        assert h == pytest.approx(heights[4] * c / 8, abs=0.02)
    # bars side by side, left to right, inside the drawing
    xs = [float(b.get("x")) for b in bars]
    assert xs == sorted(xs) and xs[0] > 0
    assert max(x + float(b.get("width")) for x, b in zip(xs, bars, strict=True)) <= float(
        root.get("width")
    )
    assert accessible_name(root) == "t"
    # each bar says what it shows, on hover and to assistive technology
    assert bars[1].find(f"{NS}title").text == "1 to 2: 4"


def test_bar_chart_overlay_curve_in_the_same_units():
    edges = [-1.0, 0.0, 1.0]
    root = parse(
        svg_charts.bar_chart(
            edges, [0.5, 0.5], overlay=([-1, 0, 1], [0.5, 0.5, 0.5]), overlay_label="pdf"
        )
    )
    (curve,) = by_class(root, "overlay")
    assert curve.get("data-n") == "3"
    ys = {float(p.split(",")[1]) for p in curve.get("points").split()}
    (bar_top,) = {float(b.get("y")) for b in by_class(root, "bar")}
    assert all(abs(y - bar_top) < 0.1 for y in ys)
    assert "pdf" in [t.text for t in root.iter(f"{NS}text")]


def test_text_is_escaped():
    nasty = '<script>alert("x")</script> & more'
    svg = svg_charts.bar_chart([0, 1], [1], title=nasty, x_label=nasty, y_label="a<b")
    assert "<script>" not in svg
    root = parse(svg)
    assert accessible_name(root) == nasty
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert nasty in texts and "a<b" in texts
    html = svg_charts.figure(svg, "caption <i>&")
    assert "caption &lt;i&gt;&amp;" in html and html.count("<svg") == 1


def test_inputs_with_tolist_buffers_and_fastmath_results():
    fastmath = pytest.importorskip("fastmath")
    counts, edges = fastmath.histogram(array("d", [0.1, 0.2, 0.7]), bins=2, range=(0, 1))
    root = parse(svg_charts.bar_chart(edges, counts))
    assert len(by_class(root, "bar")) == 2
    xy = memoryview(array("d", [0, 0, 1, 1, 2, 0])).cast("B").cast("d", (3, 2))
    root = parse(svg_charts.scatter(xy, array("q", [0, 1, 1]), centers=[[0.5, 0.5]]))
    assert len(by_class(root, "point")) == 3 and len(by_class(root, "center")) == 1


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: svg_charts.bar_chart([0, 1], [1, 2]), "edges must have one more"),
        (lambda: svg_charts.bar_chart([], []), "edges must have one more"),
        (lambda: svg_charts.bar_chart([0, 2, 1], [1, 2]), "edges must be increasing"),
        (lambda: svg_charts.bar_chart([0, 1], [math.nan]), "counts must contain only finite"),
        (lambda: svg_charts.bar_chart([0, 1], ["a"]), "counts must be a sequence of real"),
        (lambda: svg_charts.bar_chart([0, 1], [1], overlay=([0], [1, 2])), "overlay x and y"),
        (lambda: svg_charts.bar_chart([0, 1], [1], width=10), "width and height"),
        (lambda: svg_charts.line_chart([0, 1], [1]), "x and y must be non-empty"),
        (lambda: svg_charts.line_chart([1, 0], [1, 1]), "x must be increasing"),
        (lambda: svg_charts.line_chart([0, 1], [1, math.inf]), "y must contain only finite"),
        (lambda: svg_charts.scatter([]), "points must not be empty"),
        (lambda: svg_charts.scatter([(0, 1, 2)]), r"points must be \(x, y\) pairs"),
        (lambda: svg_charts.scatter([(0, 1)], labels=[0, 1]), "labels must have one per point"),
        (lambda: svg_charts.scatter([(0, 1)], labels=[-1]), "labels must be non-negative"),
        (lambda: svg_charts.scatter([(0, 1)], centers=[(1,)]), r"centers must be \(x, y\)"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_line_chart_thins_a_long_series_but_keeps_its_peak():
    n, spike = 100_000, 61_234
    x = [i / n for i in range(n)]
    y = [0.01 * math.sin(i) for i in range(n)]
    y[spike] = 5.0
    root = parse(svg_charts.line_chart(x, y, markers=[x[spike], 7.0], width=500))
    (line,) = by_class(root, "line")
    points = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
    plot_width = 500 - svg_charts.MARGIN[0] - svg_charts.MARGIN[1]
    assert len(points) <= 2 * plot_width + 2
    top = min(points, key=lambda p: p[1])
    # the spike is the highest point drawn, at its own x (within one pixel column)
    left = svg_charts.MARGIN[0]
    assert top[0] == pytest.approx(left + x[spike] * plot_width, abs=1.0)
    assert all(p[1] > top[1] + 50 for p in points if abs(p[0] - top[0]) > 1.5)
    # a marker inside the x range is drawn at the spike, one outside is not drawn
    (marker,) = by_class(root, "marker")
    assert float(marker.get("x1")) == pytest.approx(top[0], abs=1.0)


def test_line_chart_short_series_drawn_as_given():
    root = parse(svg_charts.line_chart([0, 1, 2], [0, 2, 1], title="short"))
    (line,) = by_class(root, "line")
    assert len(line.get("points").split()) == 3
    assert root.get("data-kind") == "line"


def test_scatter_colours_points_by_label_and_marks_centers():
    rng = random.Random(3)
    pts = [
        (rng.gauss(cx, 0.3), rng.gauss(cy, 0.3))
        for cx, cy in [(0, 0), (4, 1), (2, 5)]
        for _ in range(50)
    ]
    labels = [i // 50 for i in range(150)]
    root = parse(svg_charts.scatter(pts, labels, centers=[(0, 0), (4, 1), (2, 5)], title="k"))
    points = by_class(root, "point")
    assert len(points) == 150
    assert [p.get("fill") for p in points] == [svg_charts.PALETTE[k] for k in labels]
    centers = by_class(root, "center")
    assert len(centers) == 3
    assert centers[2].find(f"{NS}title").text == "centre 2: (2, 5)"
    # all inside the drawing
    w, h = float(root.get("width")), float(root.get("height"))
    assert all(0 < float(p.get("cx")) < w and 0 < float(p.get("cy")) < h for p in points)
    # y grows upwards: the cluster at y=5 is drawn above the one at y=0
    cy = [float(p.get("cy")) for p in points]
    assert max(cy[100:]) < min(cy[:50])


def test_scatter_thins_many_points_and_says_so():
    pts = [(i % 100, i // 100) for i in range(12_000)]
    root = parse(svg_charts.scatter(pts, max_points=5000, title="many"))
    assert len(by_class(root, "point")) == 4000
    assert accessible_name(root) == "many (1 point in 3 of 12,000 shown)"


def test_scatter_without_labels_one_colour():
    root = parse(svg_charts.scatter([(0, 0), (1, 1), (1, 1)]))
    assert {p.get("fill") for p in by_class(root, "point")} == {svg_charts.PALETTE[0]}


def test_nice_ticks():
    assert svg_charts._nice_ticks(0, 1) == pytest.approx([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    assert svg_charts._nice_ticks(-4, 4) == [-4, -2, 0, 2, 4]
    assert svg_charts._nice_ticks(0, 1024) == [0, 200, 400, 600, 800, 1000]


@pytest.mark.parametrize("n", [1, 2, 8, 64, 1024])
def test_pure_python_fft_is_the_dft(n):
    rng = random.Random(n)
    x = [rng.uniform(-1, 1) for _ in range(n)]
    got = pure_python.fft(x)
    for k in range(0, n, max(1, n // 16)):
        want = sum(
            x[t] * complex(math.cos(2 * math.pi * k * t / n), -math.sin(2 * math.pi * k * t / n))
            for t in range(n)
        )
        assert abs(got[k] - want) < 1e-9 * n


def test_pure_python_fft_refuses_other_lengths():
    with pytest.raises(ValueError, match="power-of-two"):
        pure_python.fft([1.0, 2.0, 3.0])


def test_pure_python_histogram_counts_as_numpy():
    np = pytest.importorskip("numpy")
    x = pure_python.gauss_samples(20_000, seed=1)
    x += [-4.0, 4.0, 4.5, -7.0]
    want, _ = np.histogram(x, bins=40, range=(-4, 4))
    got = pure_python.histogram(x, 40, -4.0, 4.0)
    assert sum(got) == want.sum()
    # an edge value may fall one bin apart where numpy's linspace edge differs by an ulp
    assert sum(abs(a - b) for a, b in zip(got, want.tolist(), strict=True)) <= 4


def test_gauss_samples_are_standard_normal_and_seeded():
    x = pure_python.gauss_samples(50_000, seed=2)
    assert x == pure_python.gauss_samples(50_000, seed=2)
    mean = sum(x) / len(x)
    var = sum((v - mean) ** 2 for v in x) / len(x)
    assert abs(mean) < 0.02 and abs(var - 1) < 0.03


def test_pure_python_kmeans_finds_the_clusters_fastmath_finds():
    # The demo times fastmath.kmeans against this: the same algorithm, so the same answer on
    # well-separated clusters (up to the order of the clusters).
    centers = [(-2.0, -1.0), (2.0, -1.5), (0.0, 2.0), (3.0, 2.5)]
    noise = fastmath.random.default_rng(3).normal(0.0, 0.5, (4 * 200, 2))
    points = fastmath.add(noise, [c for c in centers for _ in range(200)])
    ours, labels = pure_python.kmeans(points.tolist(), 4, seed=1)
    theirs, _, inertia = fastmath.kmeans(points, 4, seed=0, n_init=1)
    assert sorted((round(x, 6), round(y, 6)) for x, y in ours) == sorted(
        (round(x, 6), round(y, 6)) for x, y in theirs.tolist()
    )
    assert len(labels) == 800 and set(labels) == {0, 1, 2, 3}
    assert sorted(labels.count(c) for c in range(4)) == [200] * 4
    assert inertia > 0
