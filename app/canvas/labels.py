"""Node labels, relation names and "+N" badges: the text the canvas paints, in screen space.

Where the node labels go is decided by :mod:`app.canvas.label_place`. Relation names of the
hovered node go where they overlap nothing, the others are left out (the node's tooltip
lists them all). Text is drawn with ``drawText`` and never interpreted as markup.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from app.canvas.label_place import LabelPlacement, strong_font
from app.canvas.scene import MIN_NODE_PX
from app.canvas.style import CanvasState
from graph.explore.label_layout import Occupancy

RELATION_LABELS_MAX = 40  # relation names are shown for hubs with at most this many lines
RELATION_SPOTS = (0.5, 0.38, 0.62, 0.28, 0.72)  # where along a line its name may go


def paint_labels(painter, state: CanvasState, placement: LabelPlacement, transform) -> None:
    """The labels of ``placement`` (:mod:`app.canvas.label_place`) in screen space, then
    the hover's relation names."""
    style = state.style
    bold = strong_font(state.font)
    painter.save()
    painter.resetTransform()
    plate = QColor(style.background)
    plate.setAlphaF(0.78)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(plate)
    for rect in placement.rects:
        painter.drawRoundedRect(rect, 4, 4)
    painter.setPen(style.text)
    labels = state.arrays.labels
    for i, rect, strong in zip(placement.rows, placement.rects, placement.strong,
                               strict=True):
        painter.setFont(bold if strong else state.font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, labels[i])
    _paint_relation_labels(painter, state, transform, placement)
    painter.restore()


def _paint_relation_labels(painter, state: CanvasState, transform,
                           placement: LabelPlacement) -> None:
    """Relation names on the typed lines of the hovered node, each at the first spot along
    its line where it overlaps no node, label or other name (else left out: the tooltip
    lists them all)."""
    arrays, style = state.arrays, state.style
    if state.focus_links is None or len(state.focus_links) > RELATION_LABELS_MAX:
        return
    links = [int(i) for i in state.focus_links if arrays.link_dependency[i]]
    if state.hover_link is not None and state.hover_link not in links:
        links.insert(0, state.hover_link)
    if not links:
        return
    taken = placement.taken()
    occupancy = Occupancy(taken.width, taken.height, taken.cell)
    occupancy.grid = taken.grid.copy()
    small = QFont(state.font)
    small.setPointSizeF(max(6.0, state.font.pointSizeF() * 0.85))
    small.setItalic(True)
    painter.setFont(small)
    metrics = QFontMetricsF(small)
    height = metrics.height()
    for link in links:
        a, b = arrays.xy[arrays.link_u[link]], arrays.xy[arrays.link_v[link]]
        if np.isnan(a).any() or np.isnan(b).any():
            continue
        text = " · ".join(dict.fromkeys(arrays.link_relations[link]))
        width = metrics.horizontalAdvance(text) + 8
        rect = None
        for t in RELATION_SPOTS:
            x, y = transform.map(float(a[0] + (b[0] - a[0]) * t), float(a[1] + (b[1] - a[1]) * t))
            box = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
            if occupancy.free(box) or link == state.hover_link:
                rect = QRectF(box[0], box[1], width, height)
                occupancy.take(box)
                break
        if rect is None:
            continue
        plate = QColor(style.background)
        plate.setAlphaF(0.85)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(plate)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(style.relation_color(arrays.link_predicates[link])
                       if arrays.link_dependency[link] else style.muted_text)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def paint_badges(painter, state: CanvasState, scale: float, node_in: np.ndarray,
                 transform) -> None:
    """A "+N" pill on the upper left of the hovered or selected node: N neighbours hidden."""
    badges = [(i, n) for i, n in state.badges.items() if n > 0 and i < len(node_in)
              and node_in[i]]
    if not badges:
        return
    style = state.style
    font = QFont(state.font)
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    font.setWeight(QFont.Weight.DemiBold)
    metrics = QFontMetricsF(font)
    painter.save()
    painter.resetTransform()
    painter.setFont(font)
    for i, count in badges:
        x, y = state.arrays.xy[i]
        r = max(state.arrays.radius[i] * scale, MIN_NODE_PX / 2) * 0.72
        centre = transform.map(QPointF(float(x), float(y)))
        text = f"+{count}"
        width = metrics.horizontalAdvance(text) + 8
        rect = QRectF(centre.x() - r - width + 4, centre.y() - r - metrics.height() + 2,
                      width, metrics.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.highlight)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setPen(QColor("white") if style.highlight.lightness() < 160 else QColor("black"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()
