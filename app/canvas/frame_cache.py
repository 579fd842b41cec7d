"""The last frame of a big drawing, kept as an image: repaints, pans and zooms reuse it.

Painting tens of thousands of lines and dots takes longer than a frame. The canvas's layer
(:class:`app.canvas.items.GraphLayer`) paints on the viewport through :class:`FrameCache`:

* a repaint with nothing changed (an expose, a dialog closed over it) copies the image;
* while the view moves (panning, zooming) and the drawing is slow to paint, the image is
  shown moved and scaled with the view and painted afresh once the view has been still
  for :data:`SETTLE_MS`;
* any change of what is drawn (the layer's ``update()``: hover, selection, positions,
  style, new arrays) paints afresh.

Small drawings, which paint in a few milliseconds, always paint afresh when the view moves.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QRectF, QTimer
from PySide6.QtGui import QImage, QPainter, QTransform

from app.canvas.style import CanvasState

SETTLE_MS = 150  # the view still this long: paint the moved frame afresh
SLOW_FRAME_S = 0.03  # a frame that took this long is reused while the view moves


class FrameCache(QObject):
    """Paints ``paint(painter, exposed, state)`` into an image and reuses it (see module).

    Parameters
    ----------
    paint
        The painter function (:func:`app.canvas.items.paint_graph`).
    redraw
        Asks for a fresh frame (the layer's ``update``) once the view settled.
    """

    def __init__(self, paint: Callable, redraw: Callable[[], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paint = paint
        self._redraw = redraw
        self.revision = 0
        self._image: QImage | None = None
        self._key: tuple | None = None
        self._transform = QTransform()
        self._slow = False
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._on_settled)

    def invalidate(self) -> None:
        """What is drawn changed: the next frame is painted afresh."""
        self.revision += 1

    def paint(self, painter: QPainter, exposed: QRectF, state: CanvasState) -> None:
        device = painter.device()
        ratio = device.devicePixelRatioF()
        key = (self.revision, id(state.arrays), id(state.arrays.xy), id(state.style),
               device.width(), device.height(), ratio)
        transform = painter.worldTransform()
        if self._image is not None and key == self._key:
            if transform == self._transform:
                self._blit(painter, QTransform())
                return
            if self._slow:  # moving: the last frame, moved along, until the view settles
                self._blit(painter, self._transform.inverted()[0] * transform)
                self._settle.start()
                return
        self._render(painter, exposed, state, key, transform, ratio)

    def _render(self, painter: QPainter, exposed: QRectF, state: CanvasState, key: tuple,
                transform: QTransform, ratio: float) -> None:
        device = painter.device()
        image = QImage(round(device.width() * ratio), round(device.height() * ratio),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(0)
        start = time.perf_counter()
        inner = QPainter(image)
        inner.setRenderHints(painter.renderHints())
        inner.setTransform(transform)
        self._paint(inner, exposed, state)
        inner.end()
        self._slow = time.perf_counter() - start > SLOW_FRAME_S
        self._image, self._key, self._transform = image, key, QTransform(transform)
        self._settle.stop()
        self._blit(painter, QTransform())

    def _blit(self, painter: QPainter, relative: QTransform) -> None:
        painter.save()
        painter.setTransform(relative)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(0, 0, self._image)
        painter.restore()

    def _on_settled(self) -> None:
        self.invalidate()
        self._redraw()


__all__ = ["SETTLE_MS", "FrameCache"]
