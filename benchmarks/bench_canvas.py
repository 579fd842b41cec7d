"""Paint time of a full GraphCanvas frame against a bare-QPainter floor, in one run.

For each size (5k nodes / 20k edges, 20k nodes / 100k edges) a typed Barabasi-Albert
graph is loaded into a real GraphModel + Exploration (everything shown), laid out by the
canvas's own worker, fitted to a 1600x1000 viewport, and then:

* canvas: ``GraphCanvas.render()`` of the whole viewport into a 1600x1000 QImage (background,
  culling, per-frame numpy -> Qt batches, several edge pens, halos, per-type node colours,
  arrowheads and labels when legible);
* floor: a bare QPainter with the view's transform drawing the same segments with one
  ``drawLines`` and the same node centres with one ``drawPoints`` (round cap, the median
  node diameter on screen) into an image of the same size, polygons prepared beforehand.

Both antialiased, opaque pens. Goal: canvas <= 1.5x floor at 5k/20k. Prints best-of
timings, the ratio, and the hit-test cost. Run: ``.venv/bin/python benchmarks/bench_canvas.py``.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx
import numpy as np
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication

from app.canvas import GraphCanvas
from app.canvas.items import polygon_from_array
from app.canvas.scene import MIN_NODE_PX
from benchmarks.timing import timings
from graph.explore.exploration import Exploration
from graph.explore.model import GraphModel
from graph.schema import COOCCURRENCE, DEPENDENCY, edge_key

WIDTH, HEIGHT = 1600, 1000
TYPES = ["MODEL", "ORG", "PROJECT", "METHOD", "METRIC", "PERSON", "PLACE", "DATE", "OTHER"]
GOAL = 1.5


def typed_graph(n: int, m: int, seed: int = 1) -> nx.MultiDiGraph:
    rng = np.random.default_rng(seed)
    ba = nx.barabasi_albert_graph(n, m, seed=seed)
    g = nx.MultiDiGraph()
    mentions = rng.zipf(2.0, n).clip(1, 500)
    for i in ba:
        g.add_node(f"n{i}", label=f"Entity {i}", type=TYPES[int(rng.integers(len(TYPES)))],
                   mentions=int(mentions[i]))
    for u, v in ba.edges:
        if rng.random() < 0.15:
            g.add_edge(f"n{u}", f"n{v}", key=edge_key(DEPENDENCY, "uses"), relation="uses",
                       weight=1.0, method=DEPENDENCY, evidence=[])
        else:
            g.add_edge(f"n{u}", f"n{v}", key=edge_key(COOCCURRENCE, "co-occurs"),
                       relation="co-occurs", weight=float(rng.zipf(2.5)), method=COOCCURRENCE,
                       evidence=[])
    return g


def timed(fn, repeat: int) -> tuple[float, float]:
    """Best and median seconds of ``repeat`` calls."""
    times = timings(fn, repeat)
    return min(times), statistics.median(times)


def shown_canvas(graph: nx.MultiDiGraph, timeout_ms: int = 120_000) -> GraphCanvas:
    """A real canvas of WIDTH x HEIGHT showing every node of ``graph``, laid out by its
    worker and fitted (the other canvas benchmarks start from it too)."""
    model = GraphModel()
    exploration = Exploration(model)
    canvas = GraphCanvas(model, exploration)
    canvas.set_animated(False)
    canvas.resize(WIDTH, HEIGHT)
    canvas.show()
    model.reset(graph)
    exploration.apply(exploration.show_all())
    assert canvas.wait_for_layout(timeout_ms), "layout did not finish"
    canvas.fit_all()
    return canvas


def bench(n: int, m: int, repeat: int) -> float:
    g = typed_graph(n, m)
    start = time.perf_counter()
    canvas = shown_canvas(g)
    load = time.perf_counter() - start
    arrays = canvas.state.arrays
    assert len(arrays.ids) == n and arrays.placed.all()

    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    target = QRectF(0, 0, WIDTH, HEIGHT)

    def canvas_frame():
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        canvas.render(painter, target, canvas.viewport().rect())
        painter.end()

    transform = canvas.viewportTransform()
    scale = transform.m11()
    segments = np.empty((2 * len(arrays.link_u), 2))
    segments[0::2] = arrays.xy[arrays.link_u]
    segments[1::2] = arrays.xy[arrays.link_v]
    lines = polygon_from_array(segments)
    points = polygon_from_array(arrays.xy)
    line_pen = QPen(QColor(180, 180, 180))
    line_pen.setWidthF(1.0)
    line_pen.setCosmetic(True)
    point_pen = QPen(QColor(70, 120, 170))
    point_pen.setWidthF(max(float(np.median(arrays.radius)) * 2 * scale, MIN_NODE_PX))
    point_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    point_pen.setCosmetic(True)

    def floor_frame(antialiased: bool = True):
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)
        painter.setTransform(transform)
        painter.setPen(line_pen)
        painter.drawLines(lines)
        painter.setPen(point_pen)
        painter.drawPoints(points)
        painter.end()

    canvas_frame()
    floor_frame()  # warm both up
    # interleave so drift in machine load hits both alike
    canvas_times, floor_times, aliased_times = [], [], []
    for _ in range(repeat):
        canvas_times.append(timed(canvas_frame, 1)[0])
        floor_times.append(timed(floor_frame, 1)[0])
        aliased_times.append(timed(lambda: floor_frame(False), 1)[0])
    best_canvas, best_floor = min(canvas_times), min(floor_times)
    ratio = best_canvas / best_floor

    centre = canvas.viewport().rect().center()
    hit_node = timed(lambda: canvas.node_at(centre + QPoint(7, 3)), 20)[0]
    hit_edge = timed(lambda: canvas.edge_at(centre + QPoint(7, 3)), 20)[0]
    links = len(arrays.link_u)
    print(f"{n:>6} nodes / {g.number_of_edges():>6} edges ({links} lines drawn), "
          f"{WIDTH}x{HEIGHT}: canvas {best_canvas * 1000:7.1f} ms "
          f"(median {statistics.median(canvas_times) * 1000:.1f}), floor "
          f"{best_floor * 1000:7.1f} ms (median {statistics.median(floor_times) * 1000:.1f})"
          f" -> ratio {ratio:.2f}x")
    print(f"        for reference, a floor without antialiasing: {min(aliased_times) * 1000:.1f} ms"
          f" -> canvas {best_canvas / min(aliased_times):.2f}x of it")
    print(f"        load + layout in worker {load:.2f} s; hit-test node "
          f"{hit_node * 1e3:.2f} ms, edge {hit_edge * 1e3:.2f} ms")
    canvas.shutdown()
    canvas.deleteLater()
    return ratio


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)  # noqa: F841
    ratio = bench(5_000, 4, repeat=9)
    bench(20_000, 5, repeat=3)
    ok = ratio <= GOAL
    print(f"goal canvas <= {GOAL}x floor at 5k/20k: {'ok' if ok else 'MISSED'} ({ratio:.2f}x)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
