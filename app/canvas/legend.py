"""The colour key that floats in a corner of the canvas: entity types, then relations.

Clicking a type emits :attr:`TypeLegend.typeClicked` (the window shows only that type,
or every type again); the small toggle in its upper right corner folds the key to one line.

The key lists the entity types of the model (dots) and, below them, the predicates of the
typed relations the model holds (short lines in the predicate's colour, with an arrowhead
when the relation has a direction). So that the key covers no more of the graph's height
than the list of types alone did, each section flows into more columns when both would
not fit in that height (:meth:`TypeLegend.columns`); it grows sideways instead.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from app.canvas.style import GROUP_DARK, GROUP_LIGHT, TYPED_DARK, TYPED_LIGHT, is_dark, mix
from graph.explore.model import GraphModel
from graph.taxonomy import color_of, entity_types, predicates, type_info

PAD = 6  # inside the plate
ROW_GAP = 3
SECTION_GAP = 5
COLUMN_GAP = 12
SWATCH = 26  # where the text starts in a column
MIN_ROWS = 4  # the height the key may always take, however few types it lists
MAX_COLUMNS = 4
OTHER_RELATION = "Other relation"
TOGGLE = 16  # the fold toggle's square, in the upper right corner
FOLDED_TITLE = "Legend"
LEGEND_TIP = "Click a type to show only that type; click it again to show every type"
COMMUNITY_CODE = "community:"  # entries of the key while nodes are coloured by community


def predicate_name(code: str) -> str:
    """The legend's name of a predicate (``""``: typed relations without one)."""
    info = predicates().get(code)
    return info.name if info else OTHER_RELATION


class TypeLegend(QWidget):
    """A small key of entity-type and relation colours for what the model holds.

    :class:`GraphCanvas` keeps one floating in a corner where it covers nothing
    (``canvas.legend``); the window may hide it or build its own. Types and predicates in
    :meth:`set_omitted` (metrics, dates and "has metric" while they are facts, not nodes)
    are left out; types outside :meth:`set_active_types` are greyed.

    Signals
    -------
    typeClicked(str)
        A type's entry was clicked (its code).
    foldedChanged(bool)
        The key was folded to its title (``True``) or unfolded.
    """

    typeClicked = Signal(str)
    foldedChanged = Signal(bool)

    def __init__(self, model: GraphModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._folded = False
        self._active: frozenset[str] | None = None
        self._model = model
        self._codes: list[str] = []
        self._predicates: list[str] = []
        self._omitted: frozenset[str] = frozenset()
        self._omitted_predicates: frozenset[str] = frozenset()
        self._max_height: int | None = None
        self.setMouseTracking(True)
        self.setToolTip(LEGEND_TIP)
        self._communities: list[str] = []  # colour by community: its key, slot by slot
        self.refresh()

    def refresh(self) -> None:
        """Re-read the types and predicates present (after a new graph)."""
        present = set(self._model.types()) - self._omitted
        self._codes = [c for c in entity_types() if c in present] + \
            sorted(present - set(entity_types()))
        if self._communities:  # nodes are coloured by community: the key lists those
            self._codes = [f"{COMMUNITY_CODE}{i}" for i in range(len(self._communities))]
        self._predicates = [p for p in self._model.facts.predicates()
                            if p not in self._omitted_predicates]
        self.setVisible(bool(self._codes or self._predicates))
        self.updateGeometry()
        self.adjustSize()
        self.update()

    def set_omitted(self, codes: frozenset[str],
                    predicates: frozenset[str] = frozenset()) -> bool:
        """Leave the types ``codes`` and the ``predicates`` out of the key; returns whether
        that changed it."""
        codes, predicates = frozenset(codes), frozenset(predicates)
        if (codes, predicates) == (self._omitted, self._omitted_predicates):
            return False
        self._omitted, self._omitted_predicates = codes, predicates
        self.refresh()
        return True

    def set_communities(self, names: list[str]) -> None:
        """List these communities (in the order of the canvas's community colours) in
        place of the entity types; an empty list goes back to the types."""
        self._communities = [str(name) for name in names]
        self.refresh()

    def _name(self, code: str) -> str:
        """The key's text for an entry of the first section: a type or a community."""
        if code.startswith(COMMUNITY_CODE):
            return self._communities[int(code[len(COMMUNITY_CODE):])]
        return type_info(code).name

    def set_max_height(self, height: int | None) -> None:
        """The most height the key may take (the canvas's, less margins)."""
        if height != self._max_height:
            self._max_height = height
            self.updateGeometry()

    def set_active_types(self, codes: frozenset[str] | None) -> None:
        """Grey the types not in ``codes`` (``None``: every type is shown)."""
        codes = None if codes is None else frozenset(codes)
        if codes != self._active:
            self._active = codes
            self.update()

    def is_folded(self) -> bool:
        return self._folded

    def set_folded(self, folded: bool) -> None:
        """Fold the key to its title and toggle (``True``) or show it whole."""
        if folded != self._folded:
            self._folded = folded
            self.updateGeometry()
            self.adjustSize()
            self.update()
            self.foldedChanged.emit(folded)

    def toggle_rect(self) -> QRectF:
        """The fold toggle, in the legend's coordinates."""
        return QRectF(self.width() - TOGGLE - 2, 2, TOGGLE, TOGGLE)

    def type_rects(self) -> list[tuple[str, QRectF]]:
        """Each listed type and the rectangle of its entry (what a click picks)."""
        if self._folded or not self._codes:
            return []
        columns = self.columns()
        rows = math.ceil(len(self._codes) / columns)
        row, width = self._row(), self._column_width()
        return [(code, QRectF(PAD + (i // rows) * (width + COLUMN_GAP), PAD + (i % rows) * row,
                              width, row))
                for i, code in enumerate(self._codes)]

    def codes(self) -> list[str]:
        """The entity types listed, in the key's order."""
        return list(self._codes)

    def predicate_codes(self) -> list[str]:
        """The predicates listed (``""``: typed relations without a predicate)."""
        return list(self._predicates)

    def entries(self) -> list[str]:
        """Every line of the key as it reads: type names, then relation names."""
        return [self._name(c) for c in self._codes] + \
            [predicate_name(p) for p in self._predicates]

    # -- geometry ---------------------------------------------------------------------
    def _row(self) -> int:
        return self.fontMetrics().height() + ROW_GAP

    def _height(self, columns: int) -> int:
        rows = math.ceil(len(self._codes) / columns) + math.ceil(len(self._predicates) / columns)
        gap = SECTION_GAP if self._codes and self._predicates else 0
        return rows * self._row() + gap + 2 * PAD

    def budget(self) -> int:
        """The height the key may take: that of every type of the model in one column (the
        key before it listed relations; at least :data:`MIN_ROWS`), within the canvas."""
        rows = max(len(self._model.types()), len(self._communities), MIN_ROWS)
        budget = PAD * 2 + rows * self._row() + SECTION_GAP
        return budget if self._max_height is None else min(budget, self._max_height)

    def columns(self) -> int:
        """Columns per section: the fewest that keep the key within :meth:`budget`."""
        budget = self.budget()
        for columns in range(1, MAX_COLUMNS):
            if self._height(columns) <= budget:
                return columns
        return MAX_COLUMNS

    def _column_width(self) -> int:
        fm = self.fontMetrics()
        names = [self._name(c) for c in self._codes] + \
            [predicate_name(p) for p in self._predicates]
        return max((fm.horizontalAdvance(n) for n in names), default=0) + SWATCH + 4

    def sizeHint(self) -> QSize:
        if self._folded:
            return QSize(self.fontMetrics().horizontalAdvance(FOLDED_TITLE) + 2 * PAD + TOGGLE + 4,
                         max(self.fontMetrics().height(), TOGGLE) + 2 * PAD)
        columns = self.columns()
        used = max(min(columns, len(self._codes)), min(columns, len(self._predicates)), 1)
        width = used * self._column_width() + (used - 1) * COLUMN_GAP + PAD + TOGGLE
        return QSize(width, self._height(columns))

    # -- mouse ------------------------------------------------------------------------
    def _type_at(self, pos: QPointF) -> str | None:
        return next((code for code, rect in self.type_rects() if rect.contains(pos)), None)

    def mouseMoveEvent(self, event) -> None:
        pos = event.position()
        pointing = self.toggle_rect().contains(pos) or self._type_at(pos) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if pointing
                       else Qt.CursorShape.ArrowCursor)
        event.accept()

    def mousePressEvent(self, event) -> None:
        event.accept()  # the canvas under the key does not see it

    def mouseReleaseEvent(self, event) -> None:
        event.accept()
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position()
        if self.toggle_rect().contains(pos):
            self.set_folded(not self._folded)
            return
        code = self._type_at(pos)
        if code is not None:
            self.typeClicked.emit(code)

    def mouseDoubleClickEvent(self, event) -> None:
        event.accept()

    def wheelEvent(self, event) -> None:
        event.ignore()  # zooming goes on over the key

    # -- painting ---------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        plate = QColor(palette.color(QPalette.ColorRole.Base))
        plate.setAlphaF(0.85)
        painter.setPen(QColor(palette.color(QPalette.ColorRole.Mid)))
        painter.setBrush(plate)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        self._paint_toggle(painter)
        if self._folded:
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(QRectF(PAD, 0, self.width() - TOGGLE - PAD, self.height()),
                             Qt.AlignmentFlag.AlignVCenter, FOLDED_TITLE)
            return
        columns = self.columns()
        y = self._paint_section(painter, self._codes, columns, PAD, self._paint_type)
        if self._codes and self._predicates:
            y += SECTION_GAP
            painter.setPen(mix(palette.color(QPalette.ColorRole.Base),
                               palette.color(QPalette.ColorRole.Text), 0.25))
            painter.drawLine(QPointF(PAD + 2, y - SECTION_GAP / 2 - 1),
                             QPointF(self.width() - PAD - 2, y - SECTION_GAP / 2 - 1))
        self._paint_section(painter, self._predicates, columns, y, self._paint_relation)

    def _paint_toggle(self, painter: QPainter) -> None:
        """A chevron: down while the key is whole (click folds it), up while folded."""
        rect = self.toggle_rect()
        c, s = rect.center(), 3.5
        pen = QPen(mix(self.palette().color(QPalette.ColorRole.Base),
                       self.palette().color(QPalette.ColorRole.Text), 0.6), 1.6)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        dy = -s / 2 if self._folded else s / 2
        painter.drawPolyline(QPolygonF([QPointF(c.x() - s, c.y() - dy), QPointF(c.x(), c.y() + dy),
                                        QPointF(c.x() + s, c.y() - dy)]))

    def _paint_section(self, painter: QPainter, entries: list[str], columns: int, top: float,
                       paint_swatch) -> float:
        """Paint ``entries`` column by column from ``top``; returns the y below them."""
        if not entries:
            return top
        rows = math.ceil(len(entries) / columns)
        fm, row, width = self.fontMetrics(), self._row(), self._column_width()
        text = self.palette().color(QPalette.ColorRole.Text)
        greyed = mix(self.palette().color(QPalette.ColorRole.Base), text, 0.4)
        for i, code in enumerate(entries):
            x = PAD + (i // rows) * (width + COLUMN_GAP)
            y = top + (i % rows) * row
            off = paint_swatch == self._paint_type and self._active is not None \
                and code not in self._active
            painter.setOpacity(0.35 if off else 1.0)
            name = paint_swatch(painter, code, x, y + fm.height() / 2)
            painter.setOpacity(1.0)
            painter.setPen(greyed if off else text)
            painter.drawText(QRectF(x + SWATCH - PAD, y, width - SWATCH, fm.height()),
                             Qt.AlignmentFlag.AlignVCenter, name)
        return top + rows * row

    def _paint_type(self, painter: QPainter, code: str, x: float, middle: float) -> str:
        painter.setPen(Qt.PenStyle.NoPen)
        if code.startswith(COMMUNITY_CODE):
            palette = GROUP_DARK if is_dark(self.palette()) else GROUP_LIGHT
            painter.setBrush(QColor(palette[int(code[len(COMMUNITY_CODE):])]))
        else:
            painter.setBrush(QColor(color_of(code, dark=is_dark(self.palette()))))
        painter.drawEllipse(QPointF(x + 8, middle), 5, 5)
        return self._name(code)

    def _paint_relation(self, painter: QPainter, code: str, x: float, middle: float) -> str:
        info = predicates().get(code)
        colour = QColor(info.color) if info else self._other_colour()
        pen = QPen(colour, 2.5)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(x + 1, middle), QPointF(x + 12, middle))
        if info is None or not info.symmetric:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawPolygon(QPolygonF([QPointF(x + 17, middle), QPointF(x + 11, middle - 4),
                                           QPointF(x + 11, middle + 4)]))
        else:
            painter.drawLine(QPointF(x + 12, middle), QPointF(x + 17, middle))
        return predicate_name(code)

    def _other_colour(self) -> QColor:
        # the canvas's colour of typed relations without a predicate (CanvasStyle.dependency)
        return QColor(TYPED_DARK if is_dark(self.palette()) else TYPED_LIGHT)
