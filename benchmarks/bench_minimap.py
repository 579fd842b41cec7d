"""What the minimap and a big selection add to the canvas, in one run.

For 1k and 5k nodes (typed Barabasi-Albert graphs, everything shown, laid out by the
canvas's worker, 1600x1000): the time of a canvas frame; of rebuilding the minimap's pixmap
of dots (after the drawing moved); of a minimap repaint over its cached pixmap (what a
scroll or a zoom costs); and of a canvas frame with every node selected (one ring each).
Prints best-of timings and ratios to the canvas frame. Run:
``.venv/bin/python benchmarks/bench_minimap.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from benchmarks.bench_canvas import HEIGHT, WIDTH, shown_canvas, typed_graph
from benchmarks.timing import timings


def bench(n: int, m: int, repeat: int) -> None:
    canvas = shown_canvas(typed_graph(n, m))
    minimap = canvas.minimap
    assert minimap.isVisible()
    frame = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    small = QImage(minimap.size(), QImage.Format.Format_ARGB32_Premultiplied)

    def canvas_frame():
        frame.fill(Qt.GlobalColor.white)
        painter = QPainter(frame)
        canvas.render(painter, QRectF(0, 0, WIDTH, HEIGHT), canvas.viewport().rect())
        painter.end()

    def minimap_repaint():
        small.fill(Qt.GlobalColor.transparent)
        minimap.render(small)

    def minimap_rebuild():
        minimap.invalidate()  # as after the drawing moved (an unchanged one is not redone)
        minimap._rebuild()

    canvas_frame()
    minimap_repaint()
    plain = min(timings(canvas_frame, repeat))
    rebuild = min(timings(minimap_rebuild, repeat))
    repaint = min(timings(minimap_repaint, repeat))
    canvas.select_all()
    selected = min(timings(canvas_frame, repeat))
    print(f"{n:>5} nodes: canvas frame {plain * 1e3:6.1f} ms; minimap pixmap rebuild "
          f"{rebuild * 1e3:5.2f} ms ({rebuild / plain:.2f}x a frame), repaint over the cache "
          f"{repaint * 1e3:5.2f} ms ({repaint / plain:.3f}x); frame with all {n} selected "
          f"{selected * 1e3:6.1f} ms ({selected / plain:.2f}x)")
    canvas.shutdown()
    canvas.deleteLater()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)  # noqa: F841
    bench(1_000, 3, repeat=9)
    bench(5_000, 4, repeat=5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
