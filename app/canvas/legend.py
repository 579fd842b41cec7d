"""The key of entity-type colours that floats in the canvas's lower-left corner."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QWidget

from app.canvas.style import is_dark
from graph.explore.model import GraphModel
from graph.taxonomy import color_of, entity_types, type_info


class TypeLegend(QWidget):
    """A small key of entity-type colours for the types present in the model.

    :class:`GraphCanvas` keeps one floating in its lower-left corner (``canvas.legend``);
    the window may hide it or build its own.
    """

    def __init__(self, model: GraphModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._codes: list[str] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the types present (after a new graph)."""
        present = set(self._model.types())
        self._codes = [c for c in entity_types() if c in present] + \
            sorted(present - set(entity_types()))
        self.setVisible(bool(self._codes))
        self.updateGeometry()
        self.adjustSize()
        self.update()

    def codes(self) -> list[str]:
        return list(self._codes)

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        width = max((fm.horizontalAdvance(type_info(c).name) for c in self._codes), default=0)
        return QSize(width + 34, len(self._codes) * (fm.height() + 3) + 12)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        dark = is_dark(palette)
        plate = QColor(palette.color(QPalette.ColorRole.Base))
        plate.setAlphaF(0.85)
        painter.setPen(QColor(palette.color(QPalette.ColorRole.Mid)))
        painter.setBrush(plate)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        fm = self.fontMetrics()
        y = 6
        for code in self._codes:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(color_of(code, dark=dark)))
            painter.drawEllipse(QPointF(14, y + fm.height() / 2), 5, 5)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(QRectF(26, y, self.width() - 30, fm.height()),
                             Qt.AlignmentFlag.AlignVCenter, type_info(code).name)
            y += fm.height() + 3
