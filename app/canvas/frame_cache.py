"""The last frame of a big drawing, kept as an image: repaints, pans and zooms reuse it.

Painting tens of thousands of lines and dots takes longer than a frame. The canvas's layer
(:class:`app.canvas.items.GraphLayer`) paints on the viewport through :class:`FrameCache`:

* a repaint with nothing changed (an expose, a dialog closed over it) copies the image;
* while the view moves (panning, zooming) and the drawing is slow to paint, the image is
  shown moved and scaled with the view, and painted afresh once the view has been still
  for :data:`SETTLE_MS`;
* any change of what is drawn (the layer's ``update()``: hover, selection, positions,
  style, new arrays) paints afresh. A slow drawing (its last frame took long, or it is
  big: :func:`big_drawing`) is painted afresh a part at a time
  (:func:`app.canvas.items.paint_steps`: lines, nodes, labels) over a few turns of the
  event loop, the last frame shown meanwhile, so the window never waits for a whole frame;
  a change meanwhile starts the new frame over. A part may wait for work done in a worker
  (it yields a :class:`Wait`: the labels of a crowd, :mod:`app.canvas.label_place`): the
  frame goes on at :meth:`FrameCache.resume`, the last frame shown meanwhile;
* while a new drawing of a big graph is being built (:attr:`FrameCache.held`: an edit's
  new graph, a restored view), the last frame stays, moved with the view, rather than the
  outgoing drawing painted afresh in parts only to be replaced: that painting would take
  the GUI thread's time while the worker builds the new drawing.

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
BIG_DRAWING = 8000  # nodes and lines: a new drawing this big is painted in parts at once
BIG_DRAWING_NODES = 1500  # or this many nodes (their labels are placed in a worker)
HELD_RETRY_MS = 100  # while a new drawing is on its way, look again this often


@dataclass(frozen=True)
class Wait:
    """Yielded by a part of a frame that waits for a worker: the frame goes on once
    :meth:`FrameCache.resume` is called; ``block()`` waits for the worker instead (frames
    painted at once, :meth:`FrameCache.finish`)."""

    block: Callable[[], None]


_DONE = object()  # what _advance returns once a frame is whole


@dataclass
class _Frame:
    """A frame painted (or being painted) for ``key`` with ``transform``."""

    image: QImage
    key: tuple
    transform: QTransform
    painter: QPainter | None = None
    hints: QPainter.RenderHint | None = None
    steps: Iterator[Wait | None] | None = None
    spent: float = 0.0  # seconds spent painting it so far
    waiting: Wait | None = None  # a part waits for a worker (see resume)


class FrameCache(QObject):
    """Paints ``steps(painter, exposed, state)`` into an image and reuses it (see module).

    Parameters
    ----------
    steps
        ``steps(painter, exposed, state, in_parts)``: the painter, a part per step
        (:func:`app.canvas.items.paint_steps`); only when ``in_parts`` may a part yield a
        :class:`Wait`.
    show
        Asks for a repaint of the viewport (that keeps the frame).
    """

    def __init__(self, steps: Callable[..., Iterator[Wait | None]], show: Callable[[], None],
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
        self.held: Callable[[], bool] = lambda: False  # a new drawing is on its way
        self._held_retry = QTimer(self, singleShot=True, interval=HELD_RETRY_MS)
        self._held_retry.timeout.connect(self._show)

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
            waiting = self._next.waiting
            if waiting is not None:
                waiting.block()
            self._paint_step()

    def resume(self) -> None:
        """What a part of the frame being painted waited for is there: go on."""
        if self._next is not None and self._next.waiting is not None:
            self._next.waiting = None
            self._step.start()

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
        if frame is None or not (self._slow or big_drawing(state)):
            self._frame = self._start(painter, exposed, state, key, transform, ratio, False)
            while self._advance(self._frame) is not _DONE:
                pass
            self._finish(self._frame)
        elif self.held():  # the last frame until the new drawing comes (see the module)
            self._drop_next()
            self._held_retry.start()
        elif self._next is None or self._next.key != key or self._next.transform != transform:
            self._drop_next()
            self._next = self._start(painter, exposed, state, key, transform, ratio, True)
            self._step.start()
        self._blit(painter, self._frame, transform)

    def _start(self, painter: QPainter, exposed: QRectF, state: CanvasState, key: tuple,
               transform: QTransform, ratio: float, in_parts: bool) -> _Frame:
        device = painter.device()
        image = QImage(round(device.width() * ratio), round(device.height() * ratio),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(0)
        inner = QPainter()
        self._settle.stop()
        return _Frame(image, key, QTransform(transform), inner, painter.renderHints(),
                      self._steps(inner, QRectF(exposed), state, in_parts))

    @staticmethod
    def _advance(frame: _Frame):
        """Paint the next part of ``frame``: what the part yielded (a :class:`Wait`), or
        ``_DONE`` once the frame is whole. The painter is only active during the part (none
        is left open between turns of the event loop)."""
        start = time.perf_counter()
        painter = frame.painter
        painter.begin(frame.image)
        painter.setRenderHints(frame.hints)
        painter.setTransform(frame.transform)
        try:
            return next(frame.steps, _DONE)
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
            part = self._advance(frame)
        except Exception:
            self._drop_next()
            raise
        if isinstance(part, Wait):
            frame.waiting = part  # resume() goes on
            return
        if part is not _DONE:
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


def big_drawing(state: CanvasState) -> bool:
    """Whether ``state`` draws so much that its frames are slow, before one was timed (the
    first frame of Show All, after a small view, would otherwise be painted all at once)."""
    arrays = state.arrays
    return (len(arrays.ids) >= BIG_DRAWING_NODES
            or len(arrays.ids) + len(arrays.link_u) >= BIG_DRAWING)


__all__ = ["BIG_DRAWING", "BIG_DRAWING_NODES", "SETTLE_MS", "FrameCache", "Wait", "big_drawing"]
