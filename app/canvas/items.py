"""Batched drawing for :mod:`app.canvas`: one item paints every visible node and edge.

There is no ``QGraphicsItem`` per node or edge. Positions live in numpy arrays
(:class:`SceneArrays`); each frame culls them to the exposed rectangle and hands Qt a few
big batches: ``drawLines`` per edge pen, ``drawPoints`` with a round cap per node colour and
size, one filled path of arrowheads. Qt containers are filled from numpy by copying into
their memory (:func:`polygon_from_array`, :func:`path_from_triangles`), not point by point.
Labels are chosen per frame, most important node first, where they do not overlap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import shiboken6
from PySide6.QtCore import QByteArray, QDataStream, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from graph.taxonomy import color_of

# Edge width buckets by weight (upper bounds), and their cosmetic widths in pixels.
WEIGHT_BOUNDS = np.array([1.0, 2.0, 4.0, 8.0])
EDGE_WIDTHS = (0.9, 1.3, 1.8, 2.4, 3.0)
BUSY_SHADES = (0.55, 0.7, 0.85, 1.0, 1.0)  # weight buckets as shades when lines are 1 px
EDGE_DETAIL_LIMIT = 4000  # more lines in view than this: all 1 px, weight by shade
NODE_DETAIL_LIMIT = 2500  # more nodes in view than this: no background ring around them
DEPENDENCY_EXTRA = 0.5  # typed relations are drawn a little heavier than co-occurrence
SIZE_LEVELS = 8  # node radii are quantised to this many levels, one draw call each
MIN_NODE_PX = 3.0  # nodes never shrink below this diameter on screen
LABEL_TOP = 30  # this many most important nodes may show a label at any zoom
LABEL_MIN_RADIUS_PX = 7.0  # other labels appear once their node is this big on screen
LABEL_CANDIDATES = 600  # labels considered per frame (most important first)
LABEL_CELL = 6  # px, occupancy grid resolution for label collisions
LABEL_OVER_NODES = 15  # labels of this many most important nodes may cover other nodes
LABEL_RESERVE_MAX = 3000  # labels avoid node discs while at most this many are in view
ARROW_MIN_PX = 4.0  # arrowheads appear once a typical node is this big (radius) on screen
ARROW_MAX = 5000  # and only while fewer than this many are in view


# -- numpy -> Qt -------------------------------------------------------------------------
def polygon_from_array(points: np.ndarray) -> QPolygonF:
    """A ``QPolygonF`` holding the rows of an ``(n, 2)`` array (one memory copy)."""
    points = np.ascontiguousarray(points, dtype=np.float64).reshape(-1, 2)
    polygon = QPolygonF()
    if len(points) == 0:
        return polygon
    polygon.resize(len(points))
    buffer = shiboken6.VoidPtr(polygon.data(), points.nbytes, True)
    np.frombuffer(buffer, np.float64).reshape(-1, 2)[:] = points
    return polygon


_PATH_RECORD = np.dtype([("type", ">i4"), ("x", ">f8"), ("y", ">f8")])


def path_from_triangles(triangles: np.ndarray) -> QPainterPath:
    """A ``QPainterPath`` of closed triangles from a ``(k, 3, 2)`` array.

    Built by streaming Qt's own serialised form (``QDataStream << QPainterPath``: element
    count, then type/x/y per element, then the current subpath start and the fill rule),
    which is far faster than thousands of ``moveTo``/``lineTo`` calls.
    """
    triangles = np.asarray(triangles, dtype=np.float64).reshape(-1, 3, 2)
    path = QPainterPath()
    k = len(triangles)
    if k == 0:
        return path
    records = np.empty((k, 4), dtype=_PATH_RECORD)
    records["type"] = 1  # LineToElement
    records["type"][:, 0] = 0  # MoveToElement
    corners = np.concatenate([triangles, triangles[:, :1]], axis=1)
    records["x"] = corners[:, :, 0]
    records["y"] = corners[:, :, 1]
    head = np.array([4 * k], dtype=">i4").tobytes()
    tail = np.array([4 * (k - 1), int(Qt.FillRule.WindingFill.value)], dtype=">i4").tobytes()
    data = QByteArray(head + records.tobytes() + tail)
    stream = QDataStream(data)  # read-only over ``data``, which must outlive the stream
    stream >> path
    return path


# -- colours -----------------------------------------------------------------------------
def mix(a: QColor, b: QColor, t: float) -> QColor:
    """Opaque blend of ``a`` towards ``b`` (translucent strokes are several times slower)."""
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                           a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


@dataclass
class CanvasStyle:
    """Every colour the canvas paints with, derived from the palette and the taxonomy."""

    dark: bool
    background: QColor
    text: QColor
    muted_text: QColor
    highlight: QColor
    cooccurrence: QColor
    cooccurrence_dim: QColor
    dependency: QColor
    dependency_dim: QColor
    types: dict[str, QColor] = field(default_factory=dict)
    types_dim: dict[str, QColor] = field(default_factory=dict)

    @classmethod
    def from_palette(cls, palette: QPalette, type_codes: list[str]) -> CanvasStyle:
        dark = is_dark(palette)
        background = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        # Typed relations: a slate blue that reads on both palettes; co-occurrence: a faint
        # neutral line that recedes behind them.
        dependency = QColor("#8fa3c8") if dark else QColor("#5a6f96")
        cooccurrence = mix(background, text, 0.22 if dark else 0.18)
        types = {code: QColor(color_of(code, dark=dark)) for code in type_codes}
        return cls(
            dark=dark, background=background, text=text,
            muted_text=mix(background, text, 0.6), highlight=highlight,
            cooccurrence=cooccurrence, cooccurrence_dim=mix(background, cooccurrence, 0.45),
            dependency=dependency, dependency_dim=mix(background, dependency, 0.3),
            types=types,
            types_dim={code: mix(c, background, 0.78) for code, c in types.items()},
        )

    def type_color(self, code: str, dim: bool = False) -> QColor:
        table = self.types_dim if dim else self.types
        if code not in table:
            colour = QColor(color_of(code, dark=self.dark))
            self.types[code] = colour
            self.types_dim[code] = mix(colour, self.background, 0.78)
        return table[code]


# -- what is drawn -----------------------------------------------------------------------
@dataclass
class SceneArrays:
    """The drawn nodes and links as arrays (rebuilt when the drawn set changes).

    A *link* is what one line on screen stands for: all co-occurrence edges of an unordered
    pair, or all typed edges from ``u`` to ``v``. ``link_keys[i]`` is the heaviest edge
    ``(u, v, key)`` it stands for, ``link_relations[i]`` the relation names.
    """

    ids: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    xy: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    radius: np.ndarray = field(default_factory=lambda: np.zeros(0))
    types: list[str] = field(default_factory=list)
    type_index: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    type_codes: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    importance: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    rank: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    pinned: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    link_u: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    link_v: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    link_dependency: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    link_weight: np.ndarray = field(default_factory=lambda: np.zeros(0))
    link_keys: list[tuple[str, str, str]] = field(default_factory=list)
    link_relations: list[list[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.refresh_derived()

    def refresh_derived(self) -> None:
        """Recompute what follows from the arrays (call after replacing them)."""
        self.link_bucket = np.searchsorted(WEIGHT_BOUNDS, self.link_weight, side="left")
        levels = np.unique(self.radius) if len(self.radius) else np.zeros(0)
        if len(levels) > SIZE_LEVELS:
            edges = np.quantile(self.radius, np.linspace(0, 1, SIZE_LEVELS + 1)[1:-1])
            level = np.searchsorted(edges, self.radius)
            means = np.array([self.radius[level == i].mean() if (level == i).any() else 0.0
                              for i in range(SIZE_LEVELS)])
            self.size_level, self.level_radius = level, means
        else:
            self.size_level = np.searchsorted(levels, self.radius)
            self.level_radius = levels

    @property
    def placed(self) -> np.ndarray:
        return ~np.isnan(self.xy[:, 0])

    def neighbours(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Drawn neighbours of node ``i`` and the links that reach them."""
        links = np.flatnonzero((self.link_u == i) | (self.link_v == i))
        others = np.where(self.link_u[links] == i, self.link_v[links], self.link_u[links])
        return np.unique(others), links

    def bounds(self) -> QRectF:
        placed = self.placed
        if not placed.any():
            return QRectF()
        xy, r = self.xy[placed], self.radius[placed]
        lo = (xy - r[:, None]).min(axis=0)
        hi = (xy + r[:, None]).max(axis=0)
        return QRectF(QPointF(*lo), QPointF(*hi))


@dataclass
class CanvasState:
    """What the painter needs besides the arrays: style, hover and selection."""

    arrays: SceneArrays = field(default_factory=SceneArrays)
    style: CanvasStyle | None = None
    font: QFont = field(default_factory=QFont)
    hover: int | None = None
    hover_link: int | None = None
    selected: int | None = None
    selected_link: int | None = None
    focus_nodes: np.ndarray | None = None  # hover + neighbours, None when nothing hovered
    focus_links: np.ndarray | None = None
    label_widths: dict[str, float] = field(default_factory=dict)
    badges: dict[int, int] = field(default_factory=dict)  # node -> hidden neighbours ("+N")

    def set_font(self, font: QFont) -> None:
        self.font = QFont(font)
        self.label_widths.clear()


# -- the item ----------------------------------------------------------------------------
class GraphLayer(QGraphicsItem):
    """Paints the whole graph from a :class:`CanvasState`; never handles events itself."""

    def __init__(self, state: CanvasState) -> None:
        super().__init__()
        self.state = state
        self._rect = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)

    def set_rect(self, rect: QRectF) -> None:
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt override)
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        paint_graph(painter, option.exposedRect, self.state)


def paint_graph(painter: QPainter, exposed: QRectF, state: CanvasState) -> None:
    """Draw edges, arrowheads, nodes, markers and labels of ``state`` inside ``exposed``."""
    arrays, style = state.arrays, state.style
    if style is None or not arrays.ids:
        return
    transform = painter.worldTransform()
    scale = math.hypot(transform.m11(), transform.m12()) or 1.0
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    xy = arrays.xy
    left, top = exposed.left(), exposed.top()
    right, bottom = exposed.right(), exposed.bottom()
    placed = arrays.placed
    margin = float(arrays.radius.max()) + MIN_NODE_PX / scale
    with np.errstate(invalid="ignore"):
        node_in = (placed & (xy[:, 0] >= left - margin) & (xy[:, 0] <= right + margin)
                   & (xy[:, 1] >= top - margin) & (xy[:, 1] <= bottom + margin))
    dimming = state.focus_nodes is not None
    focus = np.zeros(len(xy), dtype=bool)
    if dimming:
        focus[state.focus_nodes] = True

    _paint_links(painter, state, scale, (left, top, right, bottom), placed)
    _paint_nodes(painter, state, scale, node_in, focus if dimming else None)
    _paint_labels(painter, state, scale, node_in, focus if dimming else None, transform)
    _paint_badges(painter, state, scale, node_in, transform)


def _paint_badges(painter, state: CanvasState, scale: float, node_in: np.ndarray,
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


def _pen(color: QColor, width_px: float, cap=Qt.PenCapStyle.FlatCap) -> QPen:
    pen = QPen(color)
    pen.setWidthF(width_px)
    pen.setCosmetic(True)
    pen.setCapStyle(cap)
    return pen


def _segments(xy: np.ndarray, u: np.ndarray, v: np.ndarray) -> QPolygonF:
    pairs = np.empty((2 * len(u), 2))
    pairs[0::2] = xy[u]
    pairs[1::2] = xy[v]
    return polygon_from_array(pairs)


def _paint_links(painter, state: CanvasState, scale: float, box, placed) -> None:
    arrays, style = state.arrays, state.style
    if len(arrays.link_u) == 0:
        return
    left, top, right, bottom = box
    u, v, xy = arrays.link_u, arrays.link_v, arrays.xy
    pu, pv = xy[u], xy[v]
    with np.errstate(invalid="ignore"):
        visible = (placed[u] & placed[v]
                   & (np.maximum(pu[:, 0], pv[:, 0]) >= left)
                   & (np.minimum(pu[:, 0], pv[:, 0]) <= right)
                   & (np.maximum(pu[:, 1], pv[:, 1]) >= top)
                   & (np.minimum(pu[:, 1], pv[:, 1]) <= bottom))
    zoom = min(max(scale, 0.5), 2.0) ** 0.5
    # Lines up to one pixel wide take Qt's fast cosmetic stroker, wider ones the general
    # path stroker (several times slower): with many lines in view, weight is shown by
    # shade instead of width.
    busy = int(visible.sum()) > EDGE_DETAIL_LIMIT
    dimming = state.focus_links is not None
    focus = np.zeros(len(u), dtype=bool)
    if dimming:
        focus[state.focus_links] = True
    passes = [(visible & ~focus, True), (visible & focus, False)] if dimming else \
        [(visible, False)]
    for mask, dim in passes:
        for dependency in (False, True):
            chosen = mask & (arrays.link_dependency == dependency)
            if not chosen.any():
                continue
            if dependency:
                colour = style.dependency_dim if dim else style.dependency
            else:
                colour = style.cooccurrence_dim if dim else style.cooccurrence
            extra = DEPENDENCY_EXTRA if dependency else 0.0
            for bucket in np.unique(arrays.link_bucket[chosen]):
                sel = np.flatnonzero(chosen & (arrays.link_bucket == bucket))
                if busy:
                    width = 1.0
                    shade = mix(style.background, colour, BUSY_SHADES[int(bucket)])
                else:
                    width = (EDGE_WIDTHS[int(bucket)] + extra) * zoom
                    shade = colour
                if dimming and not dim:
                    width += 0.6
                painter.setPen(_pen(shade, width))
                painter.drawLines(_segments(xy, u[sel], v[sel]))
            if dependency:
                _paint_arrows(painter, state, scale, np.flatnonzero(chosen), colour, zoom)
    for link, colour, grow in ((state.hover_link, style.text, 1.0),
                               (state.selected_link, style.highlight, 2.0)):
        if link is not None and visible[link]:
            width = EDGE_WIDTHS[int(arrays.link_bucket[link])] * zoom + grow
            painter.setPen(_pen(colour, width, Qt.PenCapStyle.RoundCap))
            painter.drawLines(_segments(xy, u[[link]], v[[link]]))
            if arrays.link_dependency[link]:
                _paint_arrows(painter, state, scale, np.array([link]), colour, zoom)


def _paint_arrows(painter, state: CanvasState, scale: float, links: np.ndarray,
                  colour: QColor, zoom: float) -> None:
    """Arrowheads at the target end of typed relations (hidden when too small to read)."""
    length = 9.0 * zoom / scale  # scene units, so the head keeps ~9 px on screen
    arrays = state.arrays
    typical_radius_px = float(np.median(arrays.radius)) * scale
    if typical_radius_px < ARROW_MIN_PX or len(links) == 0 or len(links) > ARROW_MAX:
        return  # zoomed out: nodes are dots, arrowheads would be noise
    src, dst = arrays.xy[arrays.link_u[links]], arrays.xy[arrays.link_v[links]]
    delta = dst - src
    dist = np.linalg.norm(delta, axis=1)
    radius = np.maximum(arrays.radius[arrays.link_v[links]], MIN_NODE_PX / 2 / scale)
    ok = dist > radius + length
    if not ok.any():
        return
    unit = delta[ok] / dist[ok, None]
    normal = np.stack([-unit[:, 1], unit[:, 0]], axis=1)
    tip = dst[ok] - unit * (radius[ok, None] + 1.5 / scale)
    base = tip - unit * length
    half = 0.45 * length
    triangles = np.stack([tip, base + normal * half, base - normal * half], axis=1)
    painter.fillPath(path_from_triangles(triangles), QBrush(colour))


def _paint_nodes(painter, state: CanvasState, scale: float, node_in: np.ndarray,
                 focus: np.ndarray | None) -> None:
    arrays, style = state.arrays, state.style
    idx = np.flatnonzero(node_in)
    if len(idx) == 0:
        return
    xy = arrays.xy
    diameters = np.maximum(2 * arrays.level_radius * scale, MIN_NODE_PX)
    # A ring of background around each node separates it from the edges below; in a
    # crowd of thousands it would cost a second pass for nothing visible.
    halo = 2.0 if diameters.max() >= 6 and len(idx) <= NODE_DETAIL_LIMIT else 0.0
    groups = [(idx, False)] if focus is None else [(idx[~focus[idx]], True),
                                                     (idx[focus[idx]], False)]
    for members, dim in groups:
        if len(members) == 0:
            continue
        levels = arrays.size_level[members]
        if halo:
            for level in np.unique(levels):
                sel = members[levels == level]
                painter.setPen(_pen(style.background, diameters[level] + 2 * halo,
                                    Qt.PenCapStyle.RoundCap))
                painter.drawPoints(polygon_from_array(xy[sel]))
        kinds = arrays.type_index[members]
        for kind in np.unique(kinds):
            colour = style.type_color(arrays.type_codes[kind], dim)
            of_kind = members[kinds == kind]
            kind_levels = arrays.size_level[of_kind]
            for level in np.unique(kind_levels):
                painter.setPen(_pen(colour, diameters[level], Qt.PenCapStyle.RoundCap))
                painter.drawPoints(polygon_from_array(xy[of_kind[kind_levels == level]]))
    _paint_markers(painter, state, scale, node_in, diameters)


def _paint_markers(painter, state: CanvasState, scale: float, node_in, diameters) -> None:
    arrays, style = state.arrays, state.style
    pinned = np.flatnonzero(arrays.pinned & node_in)
    if len(pinned):
        # A small pin head on the upper right rim of each pinned node.
        radius = diameters[arrays.size_level[pinned]] / 2 / scale
        spot = arrays.xy[pinned] + np.stack([radius, -radius], axis=1) * 0.72
        painter.setPen(_pen(style.background, 10.0, Qt.PenCapStyle.RoundCap))
        painter.drawPoints(polygon_from_array(spot))
        painter.setPen(_pen(style.text, 6.5, Qt.PenCapStyle.RoundCap))
        painter.drawPoints(polygon_from_array(spot))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for node, colour, width in ((state.hover, style.text, 1.5),
                                (state.selected, style.highlight, 3.0)):
        if node is None or not node_in[node]:
            continue
        radius = diameters[arrays.size_level[node]] / 2 / scale + (2.5 + width / 2) / scale
        painter.setPen(_pen(colour, width))
        painter.drawEllipse(QPointF(*arrays.xy[node]), radius, radius)


def _paint_labels(painter, state: CanvasState, scale: float, node_in: np.ndarray,
                  focus: np.ndarray | None, transform) -> None:
    """Labels in screen space, most important first, skipping those that would overlap."""
    arrays, style = state.arrays, state.style
    order = arrays.importance[node_in[arrays.importance]]
    radius_px = np.maximum(arrays.radius * scale, MIN_NODE_PX / 2)
    must = [i for i in (state.selected, state.hover) if i is not None and node_in[i]]
    if focus is not None:
        # While hovering, only the neighbourhood is labelled (it is what the person reads).
        order = order[focus[order]]
        must += [int(i) for i in order[:LABEL_CANDIDATES]]
    else:
        readable = (arrays.rank[order] < LABEL_TOP) | (radius_px[order] >= LABEL_MIN_RADIUS_PX)
        order = order[readable]
    candidates = list(dict.fromkeys(must + [int(i) for i in order[:LABEL_CANDIDATES]]))
    if not candidates:
        return
    device = painter.device()
    width_px, height_px = device.width(), device.height()
    grid = np.zeros((height_px // LABEL_CELL + 2, width_px // LABEL_CELL + 2), dtype=bool)
    pts = arrays.xy[candidates]
    sx = transform.m11() * pts[:, 0] + transform.m21() * pts[:, 1] + transform.dx()
    sy = transform.m12() * pts[:, 0] + transform.m22() * pts[:, 1] + transform.dy()
    discs = np.zeros_like(grid)
    _reserve_discs(discs, arrays, node_in, radius_px, transform)
    metrics = QFontMetricsF(state.font)
    bold = QFont(state.font)
    bold.setWeight(QFont.Weight.DemiBold)
    height = metrics.height()
    widths = state.label_widths
    painter.save()
    painter.resetTransform()
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
        if n >= len(must):
            # Labels never overlap; only the leading nodes' labels may cover other nodes.
            if cells.any():
                continue
            if arrays.rank[i] >= LABEL_OVER_NODES and discs[r0:r1 + 1, c0:c1 + 1].any():
                continue
        cells[...] = True
        placed_labels.append((rect, text, bool(arrays.rank[i] < LABEL_TOP // 3)))
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
    _paint_relation_labels(painter, state, transform, metrics, height)
    painter.restore()


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


def _paint_relation_labels(painter, state: CanvasState, transform, metrics, height) -> None:
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
        painter.setPen(style.dependency if arrays.link_dependency[link] else style.muted_text)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
