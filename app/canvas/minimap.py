"""A small map of the whole drawing in a corner of the canvas, for finding one's way in big graphs.

:class:`Minimap` floats in the lower-right corner of :class:`app.canvas.view.GraphCanvas`
(the legend has the lower-left) once more than :data:`MINIMAP_MIN_NODES` nodes are drawn.
It shows every drawn node as a dot in its type's colour and the part the viewport shows as
a rectangle; a click or a drag in it moves the view there. The dots are painted once into a
pixmap, again only when positions change (a layout lands, a node is dropped, the drawn set
or the theme changes; at most every :data:`REBUILD_MS` while a layout glides); scrolling
and zooming repaint only the rectangle over it.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from app.canvas.items import polygon_from_array

MINIMAP_MIN_NODES = 300  # drawn nodes above which the map is shown
MAX_SIZE = QSize(240, 170)
VIEWPORT_SHARE = 0.24  # at most this share of the viewport's width and height
MARGIN = 10  # pixels from the viewport's corner (the legend's margin too)
PAD = 6  # pixels inside the map's frame
REBUILD_MS = 150
DOT_PX = 2.5
MANY_DOTS = 2000  # more dots than this are set as square pixels with NumPy (Qt's round
# points take tens of milliseconds by the ten thousand)


def dots_image(dots: np.ndarray, kinds: np.ndarray, colours: list[QColor], width: int,
               height: int, ratio: float) -> QImage:
    """A ``width`` x ``height`` (device pixels) image with a 2x2 square per row of ``dots``
    (map pixels) in ``colours[kind]``, later rows over earlier ones."""
    pixels = np.zeros(width * height, dtype=np.uint32)
    argb = np.array([c.rgba() for c in colours], dtype=np.uint32)[kinds]
    corner = np.floor(dots * ratio - 1.0).astype(np.int64)
    for dx, dy in ((0, 0), (1, 0), (0, 1), (1, 1)):
        x, y = corner[:, 0] + dx, corner[:, 1] + dy
        inside = (x >= 0) & (x < width) & (y >= 0) & (y < height)
        pixels[y[inside] * width + x[inside]] = argb[inside]
    image = QImage(pixels.data, width, height, 4 * width,
                   QImage.Format.Format_ARGB32_Premultiplied).copy()  # owns its pixels
    image.setDevicePixelRatio(ratio)
    return image


class Minimap(QWidget):
    """The overview map of a :class:`~app.canvas.view.GraphCanvas` (its parent)."""

    def __init__(self, canvas) -> None:
        super().__init__(canvas)
        self._canvas = canvas
        self._enabled = True
        self._drawn = 0
        self._pixmap: QPixmap | None = None
        self._dirty = True
        self._built_for: tuple | None = None
        self._origin = QPointF()  # scene point drawn at the map's inner top-left
        self._offset = QPointF()
        self._scale = 1.0  # map pixels per scene unit
        self._throttle = QTimer(self, singleShot=True, interval=REBUILD_MS)
        self._throttle.timeout.connect(self._on_throttle)
        for bar in (canvas.horizontalScrollBar(), canvas.verticalScrollBar()):
            bar.valueChanged.connect(self.update)
            bar.rangeChanged.connect(self.update)
        canvas.layoutFinished.connect(self.positions_changed)
        canvas.nodeMoved.connect(self.positions_changed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Map of the whole graph: click or drag to move the view")
        self.hide()

    # -- state ------------------------------------------------------------------------
    def set_enabled(self, enabled: bool) -> None:
        """Whether the map may show at all (View > Show Minimap)."""
        self._enabled = enabled
        self._refresh_visibility()

    def is_enabled(self) -> bool:
        return self._enabled

    def set_drawn_count(self, count: int) -> None:
        """How many nodes the canvas draws (the map shows above :data:`MINIMAP_MIN_NODES`)."""
        self._drawn = count
        self._refresh_visibility()

    def wanted(self) -> bool:
        """Whether the map should be on screen (the canvas itself may be hidden)."""
        return self._enabled and self._drawn > MINIMAP_MIN_NODES

    def _refresh_visibility(self) -> None:
        wanted = self.wanted()
        if wanted:
            self.place()
            self.positions_changed()
        self.setVisible(wanted)
        if wanted:
            self.raise_()

    def positions_changed(self) -> None:
        """The drawing moved or restyled: paint the dots again (soon, not every frame)."""
        self._dirty = True
        if self.isVisible() and not self._throttle.isActive():
            self._throttle.start()

    def _on_throttle(self) -> None:
        self.update()
        # Only a glide moves the dots between two layouts: a drawing being built or
        # painted in slices does not (25k dots take 50 ms to paint again).
        if self._canvas._glide.running():  # still gliding into place: follow it
            self.positions_changed()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # a new theme: new colours
            self.positions_changed()

    def place(self) -> None:
        """Size the map to the viewport and put it in the lower-right corner."""
        viewport = self._canvas.viewport()
        width = min(MAX_SIZE.width(), int(viewport.width() * VIEWPORT_SHARE))
        height = min(MAX_SIZE.height(), int(viewport.height() * VIEWPORT_SHARE))
        self.resize(max(width, 60), max(height, 40))
        self.move(viewport.width() - self.width() - MARGIN,
                  viewport.height() - self.height() - MARGIN)
        self._dirty = True

    # -- mapping ----------------------------------------------------------------------
    def _fit(self) -> None:
        bounds = self._canvas.state.bounds()
        if bounds.isNull():
            bounds = QRectF(-1, -1, 2, 2)
        inner = QRectF(self.rect()).adjusted(PAD, PAD, -PAD, -PAD)
        scale = min(inner.width() / max(bounds.width(), 1e-9),
                    inner.height() / max(bounds.height(), 1e-9))
        self._scale = scale
        self._origin = bounds.center()
        self._offset = inner.center()

    def to_map(self, scene: QPointF) -> QPointF:
        """Where the scene point ``scene`` is on the map (widget pixels)."""
        return (scene - self._origin) * self._scale + self._offset

    def to_scene(self, point: QPointF) -> QPointF:
        """The scene point under the map point ``point``."""
        return (point - self._offset) / self._scale + self._origin

    # -- painting ---------------------------------------------------------------------
    def invalidate(self) -> None:
        """Paint the dots again at the next paint even if nothing they show changed."""
        self._built_for = None
        self._dirty = True

    def _signature(self) -> tuple:
        """What the dots depend on (a rebuild with the same is skipped)."""
        state = self._canvas.state
        arrays = state.arrays
        return (id(arrays), hash(arrays.xy.tobytes()), id(state.style), self.size().width(),
                self.size().height(), self.devicePixelRatioF())

    def _rebuild(self) -> None:
        self._dirty = False
        signature = self._signature()
        if self._pixmap is not None and signature == self._built_for:
            return  # asked again while a layout ran, nothing moved
        self._built_for = signature
        self._fit()
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        plate = QColor(palette.color(QPalette.ColorRole.Base))
        plate.setAlphaF(0.9)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(plate)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        state = self._canvas.state
        arrays, style = state.arrays, state.style
        if style is not None and len(arrays.ids):
            placed = arrays.placed
            dots = (arrays.xy - [self._origin.x(), self._origin.y()]) * self._scale + \
                [self._offset.x(), self._offset.y()]
            kinds = arrays.type_index
            colours = [style.type_color(code) for code in arrays.type_codes]
            if int(placed.sum()) > MANY_DOTS:
                painter.drawImage(0, 0, dots_image(dots[placed], kinds[placed], colours,
                                                   pixmap.width(), pixmap.height(), ratio))
            else:
                for kind in np.unique(kinds[placed]):
                    pen = QPen(colours[kind], DOT_PX)
                    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                    painter.setPen(pen)
                    painter.drawPoints(polygon_from_array(dots[placed & (kinds == kind)]))
        painter.end()
        self._pixmap = pixmap

    def viewport_rect(self) -> QRectF:
        """The part of the scene the canvas shows, in map pixels (clipped to the map)."""
        canvas = self._canvas
        seen = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
        rect = QRectF(self.to_map(seen.topLeft()), self.to_map(seen.bottomRight()))
        return rect.intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1))

    def paintEvent(self, event) -> None:
        if self._dirty or self._pixmap is None:
            self._rebuild()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._pixmap)
        rect = self.viewport_rect()
        if not rect.isEmpty():
            colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
            painter.setPen(QPen(colour, 1.5))
            colour.setAlpha(45)
            painter.setBrush(colour)
            painter.drawRect(rect)

    # -- mouse ------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._move_view(event.position())
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._move_view(event.position())
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        event.accept()

    def _move_view(self, point: QPointF) -> None:
        if self._dirty:
            self._rebuild()
        self._canvas.pan_to(self.to_scene(point))
        self.update()
