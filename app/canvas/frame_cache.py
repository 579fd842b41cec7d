"""The last frame of a big drawing, kept as an image: repaints, pans and zooms reuse it.

Painting tens of thousands of lines and dots takes longer than a frame. The canvas's layer
(:class:`app.canvas.items.GraphLayer`) paints on the viewport through :class:`FrameCache`:

* a repaint with nothing changed (an expose, a dialog closed over it) copies the image;
* while the view moves (panning, zooming) and the drawing is slow to paint, the image is
  shown moved and scaled with the view, and painted afresh once the view has been still
  for :data:`SETTLE_MS`;
* any change of what is drawn (the layer's ``update()``: hover, selection, positions,
  style, new arrays) paints afresh. A slow drawing is painted afresh a part at a time
  (:func:`app.canvas.items.paint_steps`: lines, nodes, labels) over a few turns of the
  event loop, the last frame shown meanwhile, so the window never waits for a whole frame;
  a change meanwhile starts the new frame over.

Small drawings, which paint in a few milliseconds, are always painted at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRectF, QTimer
from PySide6.QtGui import QImage, QPainter, QTransform

from app.canvas.style import CanvasState

SETTLE_MS = 150  # the view still this long: paint the moved frame afresh
SLOW_FRAME_S = 0.03  # a frame that took this long is reused while the view moves
# Drawings this big (those built in a worker, app.canvas.scene_job) are painted in parts
# from their first frame on: the last frame, of a small view, says nothing of their cost
# (from the overview to 25k entities restored, one paint took 0.2 s).
SLOW_FRAME_NODES = 1500


@dataclass
class _Frame:
    """A frame painted (or being painted) for ``key`` with ``transform``."""

    image: QImage
    key: tuple
    transform: QTransform
    painter: QPainter | None = None
    hints: QPainter.RenderHint | None = None
    steps: Iterator[None] | None = None
    spent: float = 0.0  # seconds spent painting it so far


class FrameCache(QObject):
    """Paints ``steps(painter, exposed, state)`` into an image and reuses it (see module).

    Parameters
    ----------
    steps
        The painter, a part per step (:func:`app.canvas.items.paint_steps`).
    show
        Asks for a repaint of the viewport (that keeps the frame).
    """

    def __init__(self, steps: Callable, show: Callable[[], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps = steps
        self._show = show
        self.revision = 0
        self._frame: _Frame | None = None  # the last whole frame
        self._next: _Frame | None = None  # one being painted a part at a time
        self._slow = False
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._on_settled)
        self._step = QTimer(self, singleShot=True, interval=0)
        self._step.timeout.connect(self._paint_step)

    def invalidate(self) -> None:
        """What is drawn changed: the next frame is painted afresh."""
        self.revision += 1

    def pending(self) -> bool:
        """A fresh frame is being painted a part at a time."""
        return self._next is not None

    def stop(self) -> None:
        """Drop a frame being painted in parts (the canvas closes): its painter ends here,
        on the GUI thread, not whenever the collector gets to it."""
        self._settle.stop()
        self._drop_next()

    def finish(self) -> None:
        """Paint the rest of a frame being painted in parts now (tests, pictures)."""
        while self._next is not None:
            self._paint_step()

    def paint(self, painter: QPainter, exposed: QRectF, state: CanvasState) -> None:
        device = painter.device()
        ratio = device.devicePixelRatioF()
        key = (self.revision, id(state.arrays), id(state.arrays.xy), id(state.style),
               device.width(), device.height(), ratio)
        transform = painter.worldTransform()
        frame = self._frame
        if frame is not None and key == frame.key:
            if transform == frame.transform:
                self._blit(painter, frame, transform)
                return
            if self._slow:  # moving: the last frame, moved along, until the view settles
                self._blit(painter, frame, transform)
                self._settle.start()
                return
        slow = self._slow or len(state.arrays.ids) >= SLOW_FRAME_NODES
        if frame is None or not slow:
            self._frame = self._start(painter, exposed, state, key, transform, ratio)
            while self._advance(self._frame):
                pass
            self._finish(self._frame)
        elif self._next is None or self._next.key != key or self._next.transform != transform:
            self._drop_next()
            self._next = self._start(painter, exposed, state, key, transform, ratio)
            self._step.start()
        self._blit(painter, self._frame, transform)

    def _start(self, painter: QPainter, exposed: QRectF, state: CanvasState, key: tuple,
               transform: QTransform, ratio: float) -> _Frame:
        device = painter.device()
        image = QImage(round(device.width() * ratio), round(device.height() * ratio),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(0)
        inner = QPainter()
        self._settle.stop()
        return _Frame(image, key, QTransform(transform), inner, painter.renderHints(),
                      self._steps(inner, QRectF(exposed), state))

    @staticmethod
    def _advance(frame: _Frame) -> bool:
        """Paint the next part of ``frame``; False once it is whole. The painter is only
        active during the part (none is left open between turns of the event loop)."""
        start = time.perf_counter()
        painter = frame.painter
        painter.begin(frame.image)
        painter.setRenderHints(frame.hints)
        painter.setTransform(frame.transform)
        try:
            return next(frame.steps, StopIteration) is not StopIteration
        finally:
            painter.end()
            frame.spent += time.perf_counter() - start

    def _finish(self, frame: _Frame) -> None:
        frame.painter = frame.steps = None
        self._slow = frame.spent > SLOW_FRAME_S

    def _paint_step(self) -> None:
        frame = self._next
        if frame is None:
            return
        if frame.key[0] != self.revision:  # changed meanwhile: the next paint starts over
            self._drop_next()
            self._show()
            return
        try:
            more = self._advance(frame)
        except Exception:
            self._drop_next()
            raise
        if more:
            self._step.start()
            return
        self._finish(frame)
        self._frame, self._next = frame, None
        self._show()

    def _drop_next(self) -> None:
        frame, self._next = self._next, None
        self._step.stop()
        if frame is not None and frame.steps is not None:
            frame.steps.close()
            frame.painter = frame.steps = None

    def _blit(self, painter: QPainter, frame: _Frame, transform: QTransform) -> None:
        painter.save()
        painter.setTransform(frame.transform.inverted()[0] * transform)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(0, 0, frame.image)
        painter.restore()

    def _on_settled(self) -> None:
        self.invalidate()
        self._show()


__all__ = ["SETTLE_MS", "FrameCache"]
