"""Node labels, relation names and "+N" badges: the text the canvas paints, in screen space.

Every node in view may get a label: :func:`graph.explore.label_layout.place_labels` places
them most important node first (hubs first), each at the first of several positions around
its node that covers no node disc and no label placed before it; the hovered and the
selected node always get one. The placement is cached between frames
(:class:`LabelPlacement`) and computed again only when the view, the drawn nodes, their
positions or sizes, the hover, the selection or the font change. Relation names of the
hovered node go where they overlap nothing, the others are left out (the node's tooltip
lists them all). Text is drawn with ``drawText`` and never interpreted as markup.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from app.canvas.scene import MIN_NODE_PX
from app.canvas.style import CanvasState
from graph.explore.label_layout import CELL, GAP, Occupancy, candidate_rects, place_labels

LABEL_PAD = 3.0  # px of plate left and right of the text
LABEL_STRONG = 10  # this many most important nodes have their label in bold
LABEL_LEAD = 12  # the labels of this many most important nodes may cover dots
LABEL_COVER = 3  # and of this many, any disc (never a label) when nothing else is free
DOT_PX = 5.0  # a disc this small (radius, pixels) is a dot: the leading labels may cover it
RELATION_LABELS_MAX = 40  # relation names are shown for hubs with at most this many lines
RELATION_SPOTS = (0.5, 0.38, 0.62, 0.28, 0.72)  # where along a line its name may go
# Past this many nodes in view (most important first), a node is only tried for a label
# when one of its label's places is free of discs: in a crowd of thousands most find no
# room, and trying them one by one costs a frame (the labels placed are the same).
LABEL_CANDIDATES = 1500


@dataclass
class LabelPlacement:
    """The labels of one frame: node rows, their device rectangles, and what the relation
    names painted after them must avoid (discs and labels, see :meth:`taken`)."""

    key: tuple
    rows: list[int]
    rects: list[QRectF]
    strong: list[bool]
    size: tuple[int, int]
    discs: list[tuple[np.ndarray, np.ndarray]]
    boxes: np.ndarray
    _taken: Occupancy | None = None

    def taken(self) -> Occupancy:
        """The grid of node discs and labels (made when first asked: only a hover needs it)."""
        if self._taken is None:
            self._taken = Occupancy(*self.size)
            for centres, radii in self.discs:
                self._taken.take_discs(centres, radii)
            for box in self.boxes:
                self._taken.take(box)
        return self._taken


def label_sizes(state: CanvasState, rows, metrics: QFontMetricsF | None = None) -> np.ndarray:
    """``(len(rows), 2)`` plate sizes in pixels of the labels of node ``rows``."""
    metrics = metrics or QFontMetricsF(state.font)
    bold = QFontMetricsF(strong_font(state.font))
    widths, labels = state.label_widths, state.arrays.labels
    texts = [labels[i] for i in rows]
    for text in texts:
        if text not in widths:
            widths[text] = label_width(metrics, bold, text)
    out = np.empty((len(texts), 2))
    out[:, 0] = np.fromiter(map(widths.__getitem__, texts), float, len(texts)) + 2 * LABEL_PAD
    out[:, 1] = metrics.height() + 1
    return out


def label_width(metrics: QFontMetricsF, bold: QFontMetricsF, text: str) -> float:
    """The width in pixels a label takes (:attr:`CanvasState.label_widths` caches them):
    room for the bold face either way (it is 5-12% wider: a fixed margin clipped the ends
    of long bold labels, such as a community's)."""
    return max(metrics.horizontalAdvance(text), bold.horizontalAdvance(text))


def measure_labels(font: QFont, texts, known) -> dict[str, float]:
    """:func:`label_width` of each of ``texts`` not in ``known`` (any thread may measure)."""
    metrics, bold = QFontMetricsF(font), QFontMetricsF(strong_font(font))
    return {text: label_width(metrics, bold, text) for text in set(texts) if text not in known}


def strong_font(font: QFont) -> QFont:
    """The face of the most important nodes' labels."""
    bold = QFont(font)
    bold.setWeight(QFont.Weight.DemiBold)
    return bold


def screen_radii(state: CanvasState, scale: float) -> np.ndarray:
    """Drawn radius of every node in pixels (discs never shrink below MIN_NODE_PX)."""
    return np.maximum(state.arrays.radius * scale, MIN_NODE_PX / 2)


def label_placement(state: CanvasState, scale: float, node_in: np.ndarray,
                    focus: np.ndarray | None, transform, size: tuple[int, int]
                    ) -> LabelPlacement:
    """The labels of this frame: the cached placement when nothing it depends on changed."""
    arrays = state.arrays
    key = (id(arrays), transform.m11(), transform.m12(), transform.m21(), transform.m22(),
           transform.dx(), transform.dy(), size, hash(arrays.xy.tobytes()),
           hash(arrays.radius.tobytes()), hash(node_in.tobytes()), state.hover, state.selected,
           None if focus is None else hash(focus.tobytes()), state.font.key())
    cached = state.label_cache
    if cached is not None and cached.key == key:
        return cached
    state.label_cache = _place(state, key, scale, node_in, focus, transform, size)
    return state.label_cache


def _place(state: CanvasState, key: tuple, scale: float, node_in: np.ndarray,
           focus: np.ndarray | None, transform, size: tuple[int, int]) -> LabelPlacement:
    arrays = state.arrays
    radius_px = screen_radii(state, scale) + 0.5  # the antialiased rim
    shown = node_in & (focus if focus is not None else True)
    obstacles = np.flatnonzero(shown)
    dot = radius_px[obstacles] <= DOT_PX
    screen = _to_screen(arrays.xy[obstacles], transform)
    discs = (screen[~dot], radius_px[obstacles][~dot])
    dots = (screen[dot], radius_px[obstacles][dot])
    order = arrays.importance[shown[arrays.importance]]
    if len(order) > LABEL_CANDIDATES:
        rest = order[LABEL_CANDIDATES:]
        room = _room(state, rest, radius_px, transform, size, discs, dots)
        order = np.concatenate([order[:LABEL_CANDIDATES], rest[room]])
    must = [i for i in (state.hover, state.selected) if i is not None and node_in[i]]
    rows = list(dict.fromkeys(must + order.tolist()))
    pts = arrays.xy[rows] if rows else np.zeros((0, 2))
    centres = _to_screen(pts, transform)
    sizes = label_sizes(state, rows)
    must_count = len(dict.fromkeys(must))
    rects = place_labels(centres, radius_px[rows], sizes, np.arange(len(rows)), size,
                         discs=discs, must=must_count, dots=dots,
                         lead=must_count + LABEL_LEAD, cover=must_count + LABEL_COVER)
    placed = np.flatnonzero(~np.isnan(rects[:, 0]))
    out_rows = [rows[k] for k in placed.tolist()]
    out_rects = [QRectF(left, top, right - left, bottom - top)
                 for left, top, right, bottom in rects[placed].tolist()]
    strong = [bool(arrays.rank[i] < LABEL_STRONG) for i in out_rows]
    return LabelPlacement(key, out_rows, out_rects, strong, size, [discs, dots], rects[placed])


def _room(state: CanvasState, rows: np.ndarray, radius_px: np.ndarray, transform,
          size: tuple[int, int], discs, dots) -> np.ndarray:
    """Which of node ``rows`` have a label place on screen free of every disc and dot (the
    others could take none: :func:`~graph.explore.label_layout.place_labels` only lets the
    leading labels cover discs)."""
    occupancy = Occupancy(size[0], size[1], CELL)
    occupancy.take_discs(*discs)
    occupancy.take_discs(*dots)
    candidates = candidate_rects(_to_screen(state.arrays.xy[rows], transform),
                                 radius_px[rows], label_sizes(state, rows), max(GAP, CELL))
    return occupancy.free_many(candidates).any(axis=1)


def _to_screen(pts: np.ndarray, transform) -> np.ndarray:
    sx = transform.m11() * pts[:, 0] + transform.m21() * pts[:, 1] + transform.dx()
    sy = transform.m12() * pts[:, 0] + transform.m22() * pts[:, 1] + transform.dy()
    return np.stack([sx, sy], axis=1)


def paint_labels(painter, state: CanvasState, scale: float, node_in: np.ndarray,
                 focus: np.ndarray | None, transform) -> None:
    """Labels in screen space where they overlap nothing, then the hover's relation names."""
    style = state.style
    device = painter.device()
    placement = label_placement(state, scale, node_in, focus, transform,
                                (device.width(), device.height()))
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
