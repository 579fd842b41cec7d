"""Label placement time per frame at 1k and 5k visible nodes, uncached and cached.

For each size a typed Barabasi-Albert graph (the one of ``bench_canvas.py``) is loaded into
a real GraphCanvas, laid out by its worker and fitted to a 1600x1000 viewport, every node
in view. Then :func:`app.canvas.label_place.label_placement` (what a frame calls) is timed:

* uncached: the placement thrown away before each call (a frame after a pan or zoom:
  screen positions, label sizes, the disc grid, the greedy pass and the repair pass);
* cached: nothing changed since the last frame (a repaint for hover elsewhere, an
  animation of something else), the placement is reused;

and, for reference, a whole frame (``GraphCanvas.render`` into an image) with the labels
cached. Goal: <= 16 ms per frame at 1k with caching. Prints sizes, best and median times,
labels placed. Run: ``.venv/bin/python benchmarks/bench_labels.py``.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from app.canvas import GraphCanvas
from app.canvas.label_place import label_placement
from benchmarks.bench_canvas import HEIGHT, WIDTH, shown_canvas, typed_graph
from benchmarks.timing import timings

GOAL_MS = 16.0
SIZES = ((1000, 2), (5000, 2))


def canvas_for(n: int, m: int) -> GraphCanvas:
    canvas = shown_canvas(typed_graph(n, m), 300_000)
    canvas.fit_all(follow=True)
    QApplication.processEvents()
    return canvas


def placement_call(canvas: GraphCanvas):
    state = canvas.state
    transform = canvas.viewportTransform()
    scale = canvas._scale()
    viewport = canvas.viewport().size()
    visible = transform.inverted()[0].mapRect(QRectF(canvas.viewport().rect()))
    xy = state.arrays.xy
    with np.errstate(invalid="ignore"):
        node_in = (state.arrays.placed & (xy[:, 0] >= visible.left())
                   & (xy[:, 0] <= visible.right()) & (xy[:, 1] >= visible.top())
                   & (xy[:, 1] <= visible.bottom()))
    size = (viewport.width(), viewport.height())

    def call():
        return label_placement(state, scale, node_in, None, transform, size)

    return call, int(node_in.sum())


def frame(canvas: GraphCanvas, image: QImage) -> None:
    painter = QPainter(image)
    canvas.render(painter)
    painter.end()


def main() -> None:
    QApplication.instance() or QApplication(sys.argv[:1])
    print(f"label placement per frame, {WIDTH}x{HEIGHT} viewport, graph fitted "
          f"(goal <= {GOAL_MS:g} ms at 1k cached)")
    print(f"{'nodes':>6} {'in view':>8} {'labels':>7} {'uncached best/median ms':>24} "
          f"{'cached best/median ms':>22} {'frame (cached) ms':>18}")
    for n, m in SIZES:
        canvas = canvas_for(n, m)
        call, in_view = placement_call(canvas)
        state = canvas.state

        def uncached(state=state, call=call):
            state.label_cache = None
            call()

        cold = timings(uncached, 7)
        placed = len(call().rows)
        warm = timings(call, 50)
        image = QImage(canvas.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
        frame(canvas, image)  # fills the cache with the frame's own arguments
        frames = timings(lambda c=canvas, i=image: frame(c, i), 7)
        ms = [1000 * min(cold), 1000 * statistics.median(cold), 1000 * min(warm),
              1000 * statistics.median(warm), 1000 * statistics.median(frames)]
        print(f"{n:>6} {in_view:>8} {placed:>7} {ms[0]:>11.1f} / {ms[1]:<10.1f} "
              f"{ms[2]:>10.3f} / {ms[3]:<9.3f} {ms[4]:>18.1f}")
        canvas.shutdown()
        canvas.deleteLater()
        QApplication.processEvents()


if __name__ == "__main__":
    main()
