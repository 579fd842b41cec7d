"""Node labels, relation names and "+N" badges: the text the canvas paints, in screen space.

Labels are placed most important node first and skipped where they would overlap another
label (or, for all but the leading nodes, cover a node), using a coarse occupancy grid of
the device. Text is drawn with ``drawText`` and never interpreted as markup.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from app.canvas.scene import MIN_NODE_PX, SceneArrays
from app.canvas.style import CanvasState

LABEL_TOP = 30  # this many most important nodes may show a label at any zoom
LABEL_MIN_RADIUS_PX = 7.0  # other labels appear once their node is this big on screen
LABEL_CANDIDATES = 600  # labels considered per frame (most important first)
LABEL_CELL = 6  # px, occupancy grid resolution for label collisions
LABEL_OVER_NODES = 15  # labels of this many most important nodes may cover other nodes
LABEL_RESERVE_MAX = 3000  # labels avoid node discs while at most this many are in view


def paint_labels(painter, state: CanvasState, scale: float, node_in: np.ndarray,
                 focus: np.ndarray | None, transform) -> None:
    """Labels in screen space, most important first, skipping those that would overlap."""
    style = state.style
    radius_px = np.maximum(state.arrays.radius * scale, MIN_NODE_PX / 2)
    candidates, must = _label_candidates(state, node_in, focus, radius_px)
    if not candidates:
        return
    metrics = QFontMetricsF(state.font)
    bold = QFont(state.font)
    bold.setWeight(QFont.Weight.DemiBold)
    placed_labels = _place_labels(painter.device(), state, candidates, must, node_in,
                                  radius_px, transform, metrics)
    painter.save()
    painter.resetTransform()
    plate = QColor(style.background)
    plate.setAlphaF(0.78)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(plate)
    for rect, _, _ in placed_labels:
        painter.drawRoundedRect(rect, 4, 4)
    painter.setPen(style.text)
    for rect, text, strong in placed_labels:
        painter.setFont(bold if strong else state.font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    _paint_relation_labels(painter, state, transform)
    painter.restore()


def _label_candidates(state: CanvasState, node_in: np.ndarray, focus: np.ndarray | None,
                      radius_px: np.ndarray) -> tuple[list[int], int]:
    """Nodes that may get a label, in order, and how many of the first must get one."""
    arrays = state.arrays
    order = arrays.importance[node_in[arrays.importance]]
    must = [i for i in (state.selected, state.hover) if i is not None and node_in[i]]
    if focus is not None:
        # While hovering, only the neighbourhood is labelled (it is what the person reads).
        order = order[focus[order]]
        must += [int(i) for i in order[:LABEL_CANDIDATES]]
    else:
        readable = (arrays.rank[order] < LABEL_TOP) | (radius_px[order] >= LABEL_MIN_RADIUS_PX)
        order = order[readable]
    candidates = list(dict.fromkeys(must + [int(i) for i in order[:LABEL_CANDIDATES]]))
    return candidates, len(must)


def _place_labels(device, state: CanvasState, candidates: list[int], must: int,
                  node_in: np.ndarray, radius_px: np.ndarray, transform,
                  metrics: QFontMetricsF) -> list[tuple[QRectF, str, bool]]:
    """Device rectangles of the labels that fit: ``(rect, text, strong)``."""
    arrays = state.arrays
    width_px, height_px = device.width(), device.height()
    grid = np.zeros((height_px // LABEL_CELL + 2, width_px // LABEL_CELL + 2), dtype=bool)
    pts = arrays.xy[candidates]
    sx = transform.m11() * pts[:, 0] + transform.m21() * pts[:, 1] + transform.dx()
    sy = transform.m12() * pts[:, 0] + transform.m22() * pts[:, 1] + transform.dy()
    discs = np.zeros_like(grid)
    _reserve_discs(discs, arrays, node_in, radius_px, transform)
    height = metrics.height()
    widths = state.label_widths
    pad = 3.0
    placed_labels: list[tuple[QRectF, str, bool]] = []
    for n, (x, y) in enumerate(zip(sx.tolist(), sy.tolist(), strict=True)):
        i = candidates[n]
        text = arrays.labels[i]
        width = widths.get(text)
        if width is None:
            width = widths[text] = metrics.horizontalAdvance(text) * 1.06
        top = y + radius_px[i] + 2.0
        rect = QRectF(x - width / 2 - pad, top, width + 2 * pad, height + 1)
        if rect.right() < 0 or rect.left() > width_px or rect.bottom() < 0 or top > height_px:
            continue
        c0 = max(int(rect.left()) // LABEL_CELL + 1, 0)
        c1 = max(int(rect.right()) // LABEL_CELL + 1, 0)
        r0 = max(int(rect.top()) // LABEL_CELL + 1, 0)
        r1 = max(int(rect.bottom()) // LABEL_CELL + 1, 0)
        cells = grid[r0:r1 + 1, c0:c1 + 1]
        if n >= must:
            # Labels never overlap; only the leading nodes' labels may cover other nodes.
            if cells.any():
                continue
            if arrays.rank[i] >= LABEL_OVER_NODES and discs[r0:r1 + 1, c0:c1 + 1].any():
                continue
        cells[...] = True
        placed_labels.append((rect, text, bool(arrays.rank[i] < LABEL_TOP // 3)))
    return placed_labels


def _reserve_discs(grid: np.ndarray, arrays: SceneArrays, node_in: np.ndarray,
                   radius_px: np.ndarray, transform) -> None:
    """Mark the cells under node discs so that labels do not cover other nodes."""
    shown = np.flatnonzero(node_in & (radius_px >= 4.0))
    if len(shown) == 0 or len(shown) > LABEL_RESERVE_MAX:
        return
    pts = arrays.xy[shown]
    sx = transform.m11() * pts[:, 0] + transform.m21() * pts[:, 1] + transform.dx()
    sy = transform.m12() * pts[:, 0] + transform.m22() * pts[:, 1] + transform.dy()
    inner = radius_px[shown] * 0.7  # the rim may be grazed, the body not
    rows, cols = grid.shape
    c0 = np.clip((sx - inner) // LABEL_CELL + 1, 0, cols).astype(int).tolist()
    c1 = np.clip((sx + inner) // LABEL_CELL + 1, 0, cols).astype(int).tolist()
    r0 = np.clip((sy - inner) // LABEL_CELL + 1, 0, rows).astype(int).tolist()
    r1 = np.clip((sy + inner) // LABEL_CELL + 1, 0, rows).astype(int).tolist()
    for a, b, c, d in zip(r0, r1, c0, c1, strict=True):
        grid[a:b + 1, c:d + 1] = True


def _paint_relation_labels(painter, state: CanvasState, transform) -> None:
    """Relation names on the typed edges of the hovered node, at the middle of each edge."""
    arrays, style = state.arrays, state.style
    if state.focus_links is None or len(state.focus_links) > 40:
        return
    links = [int(i) for i in state.focus_links if arrays.link_dependency[i]]
    if state.hover_link is not None and state.hover_link not in links:
        links.append(state.hover_link)
    small = QFont(state.font)
    small.setPointSizeF(max(6.0, state.font.pointSizeF() * 0.85))
    small.setItalic(True)
    painter.setFont(small)
    metrics = QFontMetricsF(small)
    for link in links:
        mid = (arrays.xy[arrays.link_u[link]] + arrays.xy[arrays.link_v[link]]) / 2
        if np.isnan(mid).any():
            continue
        x, y = transform.map(float(mid[0]), float(mid[1]))
        text = " · ".join(dict.fromkeys(arrays.link_relations[link]))
        width = metrics.horizontalAdvance(text) + 8
        rect = QRectF(x - width / 2, y - metrics.height() / 2, width, metrics.height())
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
