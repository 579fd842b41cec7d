"""Pictures of the canvas: PNG (or any format Qt writes) and SVG.

Both paint with the canvas's own painter code, so an export looks like the screen; with
``whole`` every drawn node is fitted into the picture, otherwise it is what the viewport
shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QRectF, QSize
from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtWidgets import QWidget

from app.canvas.items import paint_graph
from app.canvas.style import CanvasState
from graph.store.files import atomic_write


class Canvas(Protocol):
    """What an export reads of :class:`app.canvas.view.GraphCanvas`."""

    state: CanvasState
    legend: QWidget

    def viewport(self) -> QWidget: ...

    def render(self, painter: QPainter, target: QRectF, source: QRect) -> None: ...


WHOLE_MARGIN = 0.05  # of the drawing's larger side, around a whole-graph picture
WHOLE_MARGIN_MIN = 40.0  # scene units, so a tiny graph is not pressed to the edges


def render_to_image(canvas: Canvas, path: str, size: QSize | None = None,
                    whole: bool = True) -> bool:
    """Save a PNG (or any format Qt writes) of ``canvas``; returns whether it was encoded.

    The picture is encoded in memory and written with :func:`graph.store.files.atomic_write`,
    so a failed write (a full disk) leaves an older file as it was.

    Parameters
    ----------
    canvas
        The canvas to picture.
    path
        Where to write; the suffix picks the format (PNG when there is none).
    size
        Pixel size of the picture (default: twice the viewport size).
    whole
        Every drawn node fitted into ``size``; otherwise what the viewport shows.

    Raises
    ------
    graph.errors.ExportError
        The file cannot be written (the message says why).
    """
    size = size or canvas.viewport().size() * 2
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(canvas.state.style.background)
    painter = QPainter(image)
    render_into(canvas, painter, QRectF(0, 0, size.width(), size.height()), whole)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    suffix = Path(path).suffix.lstrip(".").lower() or "png"
    encoded = image.save(buffer, suffix)
    buffer.close()
    if not encoded:
        return False
    _write(path, data)
    return True


def render_to_svg(canvas: Canvas, path: str, size: QSize | None = None,
                  whole: bool = True) -> None:
    """Save an SVG of ``canvas`` (vector: zoom in freely in a browser or editor).

    Parameters are those of :func:`render_to_image`; ``size`` defaults to the viewport's.
    The SVG is made in memory and written atomically, like the image.

    Raises
    ------
    graph.errors.ExportError
        The file cannot be written (the message says why).
    """
    from PySide6.QtSvg import QSvgGenerator  # only exports need the SVG module

    size = size or canvas.viewport().size()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(size)
    generator.setViewBox(QRect(QPoint(0, 0), size))
    generator.setTitle("Threadline graph")
    painter = QPainter(generator)
    painter.fillRect(QRect(QPoint(0, 0), size), canvas.state.style.background)
    render_into(canvas, painter, QRectF(0, 0, size.width(), size.height()), whole)
    painter.end()
    buffer.close()
    _write(path, data)


def _write(path: str, data: QByteArray) -> None:
    # Qt's own file writing reports no error (QSvgGenerator) or only a bool (QImage.save);
    # atomic_write syncs to disk and raises ExportError with the reason.
    with atomic_write(path, "wb") as fh:
        fh.write(data.data())


def render_into(canvas: Canvas, painter: QPainter, target: QRectF, whole: bool) -> None:
    """Paint ``canvas`` into ``target`` of an open ``painter`` (the legend included)."""
    painter.setRenderHints(QPainter.RenderHint.Antialiasing
                           | QPainter.RenderHint.TextAntialiasing)
    if not whole:
        canvas.render(painter, target, canvas.viewport().rect())
        return
    state = canvas.state
    bounds = state.bounds()
    if bounds.isNull():
        return
    margin = max(bounds.width(), bounds.height()) * WHOLE_MARGIN + WHOLE_MARGIN_MIN
    source = bounds.adjusted(-margin, -margin, margin, margin)
    # Fit the source into the target keeping its aspect, then paint with the canvas's
    # own painter code (labels measured against the target, not the screen).
    scale = min(target.width() / source.width(), target.height() / source.height())
    # Labels are sized in device pixels: grow them with an image bigger than the view.
    viewport = canvas.viewport()
    grow = max(1.0, min(target.width() / max(viewport.width(), 1),
                        target.height() / max(viewport.height(), 1)))
    screen_font = state.font
    if grow > 1.0:
        font = QFont(screen_font)
        font.setPointSizeF(screen_font.pointSizeF() * grow)
        state.set_font(font)
    painter.save()
    painter.translate(target.center())
    painter.scale(scale, scale)
    painter.translate(-source.center())
    visible = painter.worldTransform().inverted()[0].mapRect(target)
    try:
        paint_graph(painter, visible, state)
    finally:
        painter.restore()
        if grow > 1.0:
            state.set_font(screen_font)
    legend = canvas.legend
    if legend.isVisibleTo(canvas):
        legend.adjustSize()
        corner = QPoint(10, int(target.bottom()) - legend.height() - 10)
        legend.render(painter, corner)
