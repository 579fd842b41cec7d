"""Batched drawing for :mod:`app.canvas`: one item paints every visible node and edge.

There is no ``QGraphicsItem`` per node or edge. Positions live in numpy arrays
(:class:`app.canvas.scene.SceneArrays`); each frame culls them to the exposed rectangle and
hands Qt a few big batches: ``drawLines`` per edge pen, ``drawPoints`` with a round cap per
node colour and size, one filled path of arrowheads. Qt containers are filled from numpy by
copying into their memory (:func:`polygon_from_array`, :func:`path_from_triangles`), not
point by point. Labels and badges are painted by :mod:`app.canvas.labels`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import partial

import numpy as np
import shiboken6
from PySide6.QtCore import QByteArray, QDataStream, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from app.canvas.frame_cache import FrameCache
from app.canvas.label_place import LabelPlacer, placement_steps, primed
from app.canvas.labels import paint_badges, paint_labels
from app.canvas.lod import LineBatch
from app.canvas.scene import MIN_NODE_PX
from app.canvas.style import CanvasState, mix
from graph.schema import UNDIRECTED_PREDICATES

# Cosmetic edge widths in pixels, one per weight bucket of scene.WEIGHT_BOUNDS.
EDGE_WIDTHS = (0.9, 1.3, 1.8, 2.4, 3.0)
BUSY_SHADES = (0.55, 0.7, 0.85, 1.0, 1.0)  # weight buckets as shades when lines are 1 px
EDGE_DETAIL_LIMIT = 4000  # more lines in view than this: all 1 px, weight by shade
STROKE_PART = 1500  # lines Qt strokes between two pauses of a frame painted in parts
NODE_DETAIL_LIMIT = 2500  # more nodes in view than this: no background ring around them
DEPENDENCY_EXTRA = 0.5  # typed relations are drawn a little heavier than co-occurrence
PATH_EXTRA_PX = 2.5  # the links of a path shown are this much wider than their weight's
# Typed relations are drawn in their predicate's colour (graph.taxonomy.predicates), with an
# arrowhead unless the predicate is symmetric; co-occurrence in a faint neutral.
ARROW_MIN_PX = 4.0  # arrowheads appear once a typical node is this big (radius) on screen
ARROW_MAX = 5000  # and only while fewer than this many are in view
SELECTION_RING = 5.5  # pixels beyond a selected node's rim that its ring reaches


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


# -- the item ----------------------------------------------------------------------------
class GraphLayer(QGraphicsItem):
    """Paints the whole graph from a :class:`CanvasState`; never handles events itself."""

    def __init__(self, state: CanvasState, owner: QObject | None = None) -> None:
        super().__init__()
        self.state = state
        self._rect = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        # the cache dies with the canvas; it repaints without dropping its frame
        self.frames = FrameCache(self._steps, lambda: QGraphicsItem.update(self), owner)
        self.placer = LabelPlacer(owner)  # the labels of a crowd, for frames in parts
        self.placer.built.connect(self._on_labels_placed)

    def _steps(self, painter: QPainter, exposed: QRectF, state: CanvasState,
               in_parts: bool) -> Iterator:
        return paint_steps(painter, exposed, state, self.placer if in_parts else None)

    def _on_labels_placed(self, placement) -> None:
        if placement is not None:
            self.state.label_cache = placement
        self.frames.resume()

    def update(self, *args) -> None:
        """Paint afresh (what is drawn changed), not from the last frame."""
        self.frames.invalidate()
        super().update(*args)

    def set_rect(self, rect: QRectF) -> None:
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        if widget is not None and painter.device() is widget:  # the viewport, not an export
            self.frames.paint(painter, option.exposedRect, self.state)
        else:
            paint_graph(painter, option.exposedRect, self.state)


def paint_graph(painter: QPainter, exposed: QRectF, state: CanvasState) -> None:
    """Draw edges, arrowheads, nodes, markers and labels of ``state`` inside ``exposed``."""
    for _ in paint_steps(painter, exposed, state):
        pass


def paint_steps(painter: QPainter, exposed: QRectF, state: CanvasState,
                placer: LabelPlacer | None = None) -> Iterator:
    """:func:`paint_graph` a part at a time: it pauses (yields) after the lines and after
    the nodes, so that a big frame can be painted over a few turns of the event loop; with
    a ``placer``, the labels of a crowd are placed in its worker while the frame waits
    (yields a :class:`app.canvas.frame_cache.Wait`)."""
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
    # The hovered neighbourhood, else a path shown, is drawn in full and the rest dimmed.
    path_nodes, path_links = state.path_indices()
    focus_nodes = state.focus_nodes if state.focus_nodes is not None else path_nodes
    dimming = focus_nodes is not None
    focus = np.zeros(len(xy), dtype=bool)
    if dimming:
        focus[focus_nodes] = True
    device = painter.device()
    # started first: a worker places the labels of a crowd while the lines and nodes paint
    labels = primed(placement_steps(state, scale, node_in, focus if dimming else None,
                                    transform, (device.width(), device.height()), placer))

    yield from _paint_links(painter, state, scale, (left, top, right, bottom), placed)
    yield
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    _paint_path_links(painter, state, scale, placed, path_links)
    yield from _paint_nodes(painter, state, scale, node_in, focus if dimming else None)
    _paint_path_rings(painter, state, scale, node_in, path_nodes)
    placement = yield from labels
    paint_labels(painter, state, placement, transform)
    paint_badges(painter, state, scale, node_in, transform)


def _pen(color: QColor, width_px: float, cap=Qt.PenCapStyle.FlatCap) -> QPen:
    pen = QPen(color)
    pen.setWidthF(width_px)
    pen.setCosmetic(True)
    pen.setCapStyle(cap)
    return pen


def _stroke(painter, a: np.ndarray, b: np.ndarray, colour: QColor, width: float = 1.0) -> None:
    painter.setPen(_pen(colour, width))
    painter.drawLines(_pairs(a, b))


def _segments(xy: np.ndarray, u: np.ndarray, v: np.ndarray) -> QPolygonF:
    return _pairs(xy[u], xy[v])


def _pairs(a: np.ndarray, b: np.ndarray) -> QPolygonF:
    """``drawLines`` input: lines from the rows of ``a`` to those of ``b``."""
    pairs = np.empty((2 * len(a), 2))
    pairs[0::2] = a
    pairs[1::2] = b
    return polygon_from_array(pairs)


def _paint_links(painter, state: CanvasState, scale: float, box, placed) -> Iterator[None]:
    """The lines in view (a generator: busy ones are rasterised in parts, app.canvas.lod)."""
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
    # So many hairlines are a texture: drawn without antialiasing, rasterised with NumPy
    # (app.canvas.lod) unless arrowheads go between them.
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, not busy)
    batch = LineBatch() if busy and not _arrows_shown(arrays, scale) else None

    stroke = partial(_stroke, painter)
    focus_links = state.focus_links if state.focus_links is not None \
        else state.path_indices()[1]
    dimming = focus_links is not None
    focus = np.zeros(len(u), dtype=bool)
    if dimming:
        focus[focus_links] = True
    passes = [(visible & ~focus, True), (visible & focus, False)] if dimming else \
        [(visible, False)]
    for mask, dim in passes:
        for chosen, colour, arrows in _link_groups(state, mask, dim):
            extra = DEPENDENCY_EXTRA if arrows is not None else 0.0
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
                if batch is not None and width == 1.0:
                    batch.add(xy[u[sel]], xy[v[sel]], shade)
                    continue
                if batch is not None:
                    for _ in batch.flush(painter, stroke):
                        pass
                yield from _stroke_parts(painter, xy[u[sel]], xy[v[sel]], shade, width,
                                         not busy)
            if arrows:
                _paint_arrows(painter, state, scale, np.flatnonzero(chosen), colour, zoom)
    if batch is not None:
        yield from batch.flush(painter, stroke)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    _paint_marked_links(painter, state, scale, visible, zoom)


def _stroke_parts(painter, a: np.ndarray, b: np.ndarray, colour: QColor, width: float,
                  antialiased: bool) -> Iterator[None]:
    """Lines stroked by Qt (slow: a few microseconds each), :data:`STROKE_PART` at a time."""
    for part in range(0, len(a), STROKE_PART):
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)  # a pause resets
        _stroke(painter, a[part:part + STROKE_PART], b[part:part + STROKE_PART], colour, width)
        yield


def _paint_marked_links(painter, state: CanvasState, scale: float, visible: np.ndarray,
                        zoom: float) -> None:
    """The hovered and the selected line, over the others."""
    arrays, style = state.arrays, state.style
    u, v, xy = arrays.link_u, arrays.link_v, arrays.xy
    for link, colour, grow in ((state.hover_link, style.text, 1.0),
                               (state.selected_link, style.highlight, 2.0)):
        if link is not None and visible[link]:
            width = EDGE_WIDTHS[int(arrays.link_bucket[link])] * zoom + grow
            painter.setPen(_pen(colour, width, Qt.PenCapStyle.RoundCap))
            painter.drawLines(_segments(xy, u[[link]], v[[link]]))
            if arrays.link_dependency[link] and not _symmetric(arrays.link_predicates[link]):
                _paint_arrows(painter, state, scale, np.array([link]), colour, zoom)


def _paint_path_links(painter, state: CanvasState, scale: float, placed, links) -> None:
    """The links of a path shown, over the others: highlight colour, thicker, with arrows."""
    arrays = state.arrays
    if links is None or len(links) == 0:
        return
    links = links[placed[arrays.link_u[links]] & placed[arrays.link_v[links]]]
    zoom = min(max(scale, 0.5), 2.0) ** 0.5
    colour = state.style.highlight
    for link in links:
        width = EDGE_WIDTHS[int(arrays.link_bucket[link])] * zoom + PATH_EXTRA_PX
        painter.setPen(_pen(colour, width, Qt.PenCapStyle.RoundCap))
        painter.drawLines(_segments(arrays.xy, arrays.link_u[[link]], arrays.link_v[[link]]))
    directed = [int(k) for k in links if arrays.link_dependency[k]
                and not _symmetric(arrays.link_predicates[k])]
    if directed:
        _paint_arrows(painter, state, scale, np.array(directed), colour, zoom)


def _paint_path_rings(painter, state: CanvasState, scale: float, node_in, nodes) -> None:
    """A ring in the highlight colour around each node of a path shown."""
    arrays = state.arrays
    if nodes is None or len(nodes) == 0:
        return
    nodes = nodes[node_in[nodes]]
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_pen(state.style.highlight, 2.0))
    for node in nodes:
        drawn = max(arrays.level_radius[arrays.size_level[node]] * scale, MIN_NODE_PX / 2)
        radius = (drawn + 3.0) / scale
        painter.drawEllipse(QPointF(*arrays.xy[node]), radius, radius)


def _symmetric(predicate: str) -> bool:
    return predicate in UNDIRECTED_PREDICATES


def _link_groups(state: CanvasState, mask: np.ndarray, dim: bool):
    """``(links, colour, arrows)`` per colour of line among ``mask``: co-occurrence first
    (``arrows`` None), then typed relations by predicate (``arrows``: directed or not)."""
    arrays, style = state.arrays, state.style
    cooc = mask & ~arrays.link_dependency
    if cooc.any():
        yield cooc, style.cooccurrence_dim if dim else style.cooccurrence, None
    typed = mask & arrays.link_dependency
    if not typed.any():
        return
    for slot in np.unique(arrays.link_predicate_index[typed]):
        predicate = arrays.predicate_codes[int(slot)]
        chosen = typed & (arrays.link_predicate_index == slot)
        yield chosen, style.relation_color(predicate, dim), not _symmetric(predicate)


def _arrows_shown(arrays, scale: float) -> bool:
    """Whether arrowheads are big enough to draw (a typical node ARROW_MIN_PX on screen)."""
    return float(np.median(arrays.radius)) * scale >= ARROW_MIN_PX


def _paint_arrows(painter, state: CanvasState, scale: float, links: np.ndarray,
                  colour: QColor, zoom: float) -> None:
    """Arrowheads at the target end of typed relations (hidden when too small to read)."""
    length = 9.0 * zoom / scale  # scene units, so the head keeps ~9 px on screen
    arrays = state.arrays
    if not _arrows_shown(arrays, scale) or len(links) == 0 or len(links) > ARROW_MAX:
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
                 focus: np.ndarray | None) -> Iterator[None]:
    arrays, style = state.arrays, state.style
    idx = np.flatnonzero(node_in)
    if len(idx) == 0:
        return
    xy = arrays.xy
    diameters = np.maximum(2 * arrays.level_radius * scale, MIN_NODE_PX)
    # A ring of background around each node separates it from the edges below; in a
    # crowd of thousands it would cost a second pass for nothing visible.
    halo = 2.0 if diameters.max() >= 6 and len(idx) <= NODE_DETAIL_LIMIT else 0.0
    _paint_selection_rings(painter, state, node_in, diameters, halo)
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
        by_group = state.groups is not None and len(state.groups) == len(xy)
        kinds = state.groups[members] if by_group else arrays.type_index[members]
        for kind in np.unique(kinds):
            colour = (style.group_color(int(kind), dim) if by_group
                      else style.type_color(arrays.type_codes[kind], dim))
            of_kind = members[kinds == kind]
            kind_levels = arrays.size_level[of_kind]
            for level in np.unique(kind_levels):
                painter.setPen(_pen(colour, diameters[level], Qt.PenCapStyle.RoundCap))
                painter.drawPoints(polygon_from_array(xy[of_kind[kind_levels == level]]))
            yield  # a colour at a time
    _paint_markers(painter, state, scale, node_in, diameters)


def _paint_selection_rings(painter, state: CanvasState, node_in: np.ndarray,
                           diameters: np.ndarray, halo: float) -> None:
    """A ring in the highlight colour around every selected node: a disc of highlight
    under the nodes, hollowed by the ring of background each node gets (``halo``; without
    it, in crowds, the ring is a solid rim)."""
    chosen = state.selected_nodes
    chosen = chosen[node_in[chosen]] if len(chosen) else chosen
    if len(chosen) == 0:
        return
    levels = state.arrays.size_level[chosen]
    for level in np.unique(levels):
        # Small nodes (a zoomed-out crowd) get a thinner ring: wide pens are slow to stroke.
        ring = min(SELECTION_RING, max(2.0, 0.4 * float(diameters[level])))
        painter.setPen(_pen(state.style.highlight, diameters[level] + 2 * ring,
                            Qt.PenCapStyle.RoundCap))
        painter.drawPoints(polygon_from_array(state.arrays.xy[chosen[levels == level]]))


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
