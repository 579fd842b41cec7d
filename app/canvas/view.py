"""The graph canvas: the visible part of the knowledge graph, drawn fast, laid out off-thread.

:class:`GraphCanvas` shows what :class:`graph.explore.Exploration` makes visible (minus what
:meth:`GraphCanvas.set_filter` filters out). Everything is painted by one item from numpy
arrays (:mod:`app.canvas_items`), and hit-testing is a vectorised query over the same arrays,
so thousands of nodes cost a few batched draw calls rather than thousands of items.

Layout runs :func:`graph.layout.iter_layout` in a :class:`QThread` on a snapshot (ids,
links, positions), never on the live graph; nodes already on screen keep their place, new
ones grow out of their neighbours. :meth:`GraphCanvas.shutdown` joins the worker.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QDeadlineTimer,
    QEasingCurve,
    QEvent,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QThread,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGraphicsScene,
    QGraphicsView,
    QToolTip,
    QWidget,
)

from app.canvas_items import (
    MIN_NODE_PX,
    CanvasState,
    CanvasStyle,
    GraphLayer,
    SceneArrays,
    is_dark,
    paint_graph,
)
from graph.explore.exploration import Exploration, Step
from graph.explore.layout import EDGE_LENGTH, iter_layout
from graph.explore.model import GraphModel, ModelEvent
from graph.schema import DEPENDENCY
from graph.taxonomy import color_of, entity_types, type_info

NodeFilter = Callable[[str], bool]
EdgeFilter = Callable[[str, str, str, dict], bool]

SYNC_LAYOUT_NODES = 60  # laid out on the GUI thread below this (a few ms), else in a worker
ANIMATE_MAX_NODES = 3000  # bigger changes jump to their place
ANIMATION_MS = 450
ZOOM_STEP = 1.25
MIN_SCALE, MAX_SCALE = 0.01, 12.0
FIT_MAX_SCALE = 1.6  # fitting two nodes should not blow them up to fill the screen
HIT_SLOP_PX = 4.0  # how far outside a node (or beside an edge) a click still hits it
RADIUS_RANGE = (7.0, 22.0)  # node radius in scene units, smallest and biggest
SIZE_BY = ("mentions", "degree")


class _LayoutThread(QThread):
    """Runs one layout on a snapshot; emits progress and the finished positions."""

    progressed = Signal(int, int)
    produced = Signal(object)

    def __init__(self, links, positions, pinned, options: dict, parent=None):
        super().__init__(parent)
        self._args = (links, positions, pinned)
        self._kwargs = options
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    def run(self) -> None:
        links, positions, pinned = self._args
        for progress in iter_layout(links, positions, pinned, **self._kwargs):
            if self._cancelled:
                return
            if progress.positions is None:
                self.progressed.emit(progress.done, progress.total)
            else:
                self.produced.emit(progress.positions)


class GraphCanvas(QGraphicsView):
    """Zoomable, pannable view of the visible graph.

    Parameters
    ----------
    model
        The graph model (colours, labels, sizes and edges come from it).
    exploration
        The visible node set; every :class:`graph.explore.Step` updates the drawing.
    parent
        Optional parent widget.

    Signals
    -------
    nodeClicked(str), nodeDoubleClicked(str)
        A node was clicked (released without dragging) / double-clicked.
    edgeClicked(str, str, str)
        An edge ``(u, v, key)`` was clicked (the heaviest edge of the line clicked).
    contextMenuRequested(object, QPoint)
        Right click: the node id under the cursor or ``None``, and the global position.
    selectionChanged()
        The selected node or edge changed (read :meth:`selected_node`/:meth:`selected_edge`).
    hoverChanged(object)
        The node under the mouse (id or ``None``).
    nodeMoved(str)
        A node was dragged to a new place (it is now pinned).
    layoutStarted(), layoutProgress(int, int), layoutFinished()
        A background layout began / progressed (done, total) / was applied.
    """

    nodeClicked = Signal(str)
    nodeDoubleClicked = Signal(str)
    edgeClicked = Signal(str, str, str)
    contextMenuRequested = Signal(object, QPoint)
    selectionChanged = Signal()
    hoverChanged = Signal(object)
    nodeMoved = Signal(str)
    layoutStarted = Signal()
    layoutProgress = Signal(int, int)
    layoutFinished = Signal()

    def __init__(self, model: GraphModel, exploration: Exploration,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._exploration = exploration
        self._positions: dict[str, tuple[float, float]] = {}
        self._pinned: set[str] = set()
        self._node_ok: NodeFilter | None = None
        self._edge_ok: EdgeFilter | None = None
        self._size_by = "mentions"
        self._selected_node: str | None = None
        self._selected_edge: tuple[str, str, str] | None = None
        self._auto_fit = True  # keep everything in view until the person zooms or pans
        self._animated = True
        self._seed = 0

        self._thread: _LayoutThread | None = None
        self._pending_layout: bool | None = None  # None: nothing queued; else "full"
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(ANIMATION_MS)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._on_animation_step)
        self._anim_from = self._anim_to = np.zeros((0, 2))

        self._drag: dict | None = None
        self._press_pos: QPoint | None = None

        self.state = CanvasState()
        self._layer = GraphLayer(self.state)
        self._scene = QGraphicsScene(self)
        self._scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self._scene.addItem(self._layer)
        self.setScene(self._scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState
                                  | QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Panning is by dragging the background (the scene is padded so it never runs out);
        # the window may turn scrollbars on.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self.setMinimumSize(200, 150)

        self.legend = TypeLegend(model, self)
        self._apply_style()

        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(0)
        self._sync_timer.timeout.connect(self._sync)
        self._reset_pending = True
        self._unsubscribe = [model.subscribe(self._on_model_changed),
                             exploration.subscribe(self._on_exploration_changed)]
        self._sync()

    # == public API =======================================================================
    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Stop listening to the model, cancel and join the layout worker (tests, close)."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        self._sync_timer.stop()
        self._animation.stop()
        self._pending_layout = None
        self._stop_worker(timeout_ms)

    def wait_for_layout(self, timeout_ms: int = 10_000) -> bool:
        """Block until a running layout finished and was applied; True when idle."""
        if self._sync_timer.isActive():
            self._sync_timer.stop()
            self._sync()
        deadline = QDeadlineTimer(timeout_ms)
        while self._thread is not None or self._pending_layout is not None:
            thread = self._thread
            if thread is not None and not thread.wait(deadline):
                return False
            # Deliver the worker's queued result and finished signals (and start any
            # layout queued meanwhile).
            QApplication.sendPostedEvents()
            QApplication.processEvents()
            if deadline.hasExpired():
                return False
        if self._animation.state() == QVariantAnimation.State.Running:
            self._animation.setCurrentTime(self._animation.duration())
        return self.is_idle()

    def is_idle(self) -> bool:
        """No layout running or queued, no animation, every drawn node placed."""
        return (self._thread is None and self._pending_layout is None
                and not self._sync_timer.isActive()
                and self._animation.state() != QVariantAnimation.State.Running
                and bool(self.state.arrays.placed.all()))

    def relayout(self) -> None:
        """Lay out everything drawn again, except pinned nodes."""
        self._request_layout(full=True)

    def fit_all(self, follow: bool = False) -> None:
        """Zoom and scroll so that every drawn node is in view.

        With ``follow`` the view keeps fitting as layouts land (until the person zooms or
        pans), as after opening a graph.
        """
        if follow:
            self._auto_fit = True
        rect = self.state.arrays.bounds()
        if rect.isNull():
            return
        margin = max(rect.width(), rect.height()) * 0.06 + 30
        target = rect.adjusted(-margin, -margin, margin, margin)
        self._update_scene_rect()
        self.fitInView(target, Qt.AspectRatioMode.KeepAspectRatio)
        if self._scale() > FIT_MAX_SCALE:
            self._set_scale(FIT_MAX_SCALE)
            self.centerOn(rect.center())

    def zoom_by(self, factor: float, anchor: QPoint | None = None) -> None:
        """Zoom by ``factor`` keeping the scene point under ``anchor`` (viewport
        coordinates; default the centre) where it is."""
        self._auto_fit = False
        target = min(max(self._scale() * factor, MIN_SCALE), MAX_SCALE)
        factor = target / self._scale()
        if anchor is None:
            anchor = self.viewport().rect().center()
        fixed = self.mapToScene(anchor)
        self.scale(factor, factor)
        drift = self.mapFromScene(fixed) - anchor
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + drift.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + drift.y())

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def center_on_node(self, nid: str) -> None:
        """Scroll so that ``nid`` is in the middle (nothing happens if it is not drawn)."""
        pos = self.node_scene_pos(nid)
        if pos is not None:
            self._auto_fit = False
            self.centerOn(pos)

    def select_node(self, nid: str | None) -> None:
        """Select ``nid`` (``None`` clears the selection)."""
        if nid == self._selected_node and self._selected_edge is None:
            return
        self._selected_node = nid
        self._selected_edge = None
        self._refresh_selection()
        self.selectionChanged.emit()

    def select_edge(self, u: str, v: str, key: str) -> None:
        """Select the edge ``(u, v, key)``."""
        edge = (u, v, key)
        if edge == self._selected_edge:
            return
        self._selected_edge = edge
        self._selected_node = None
        self._refresh_selection()
        self.selectionChanged.emit()

    def selected_node(self) -> str | None:
        return self._selected_node

    def selected_edge(self) -> tuple[str, str, str] | None:
        return self._selected_edge

    def hovered_node(self) -> str | None:
        hover = self.state.hover
        return None if hover is None else self.state.arrays.ids[hover]

    def highlighted_nodes(self) -> set[str]:
        """The hovered node and its drawn neighbours (empty when nothing is hovered)."""
        focus = self.state.focus_nodes
        return set() if focus is None else {self.state.arrays.ids[i] for i in focus}

    def set_filter(self, node_ok: NodeFilter | None = None,
                   edge_ok: EdgeFilter | None = None) -> None:
        """Draw only nodes with ``node_ok(id)`` and edges with ``edge_ok(u, v, key, data)``.

        Applied on top of the exploration's visible set; ``None`` removes a filter.
        """
        self._node_ok, self._edge_ok = node_ok, edge_ok
        self._sync_now()

    def set_size_by(self, what: str) -> None:
        """Size nodes by ``"mentions"`` or ``"degree"`` (distinct neighbours)."""
        if what not in SIZE_BY:
            raise ValueError(f"size_by must be one of {SIZE_BY}, got {what!r}")
        if what != self._size_by:
            self._size_by = what
            self._rebuild_arrays()

    def size_by(self) -> str:
        return self._size_by

    def positions(self) -> dict[str, tuple[float, float]]:
        """Every known position (drawn nodes and hidden ones that keep their place)."""
        return dict(self._positions)

    def set_positions(self, positions: dict[str, tuple[float, float]]) -> None:
        """Put nodes at these scene positions (they are not pinned)."""
        self._animation.stop()
        self._positions.update({n: (float(x), float(y)) for n, (x, y) in positions.items()})
        self._load_positions()
        self._request_layout(full=False)

    def pinned_nodes(self) -> set[str]:
        return set(self._pinned)

    def set_pinned(self, nid: str, pinned: bool = True) -> None:
        """Pin ``nid`` where it is (a re-layout leaves it alone) or release it."""
        if pinned and nid in self._positions:
            self._pinned.add(nid)
        else:
            self._pinned.discard(nid)
        arrays = self.state.arrays
        if nid in arrays.index:
            arrays.pinned[arrays.index[nid]] = nid in self._pinned
            self._layer.update()

    def drawn_nodes(self) -> list[str]:
        """Ids of the nodes drawn (visible and not filtered out)."""
        return list(self.state.arrays.ids)

    def node_scene_pos(self, nid: str) -> QPointF | None:
        arrays = self.state.arrays
        i = arrays.index.get(nid)
        if i is None or np.isnan(arrays.xy[i, 0]):
            return None
        return QPointF(*arrays.xy[i])

    def node_viewport_pos(self, nid: str) -> QPoint | None:
        """Where ``nid`` is on the viewport (for clicks in tests and popups)."""
        pos = self.node_scene_pos(nid)
        return None if pos is None else self.mapFromScene(pos)

    def node_at(self, pos: QPoint) -> str | None:
        """The node under the viewport position ``pos``, if any."""
        i = self._node_index_at(self.mapToScene(pos))
        return None if i is None else self.state.arrays.ids[i]

    def edge_at(self, pos: QPoint) -> tuple[str, str, str] | None:
        """The edge ``(u, v, key)`` drawn nearest to ``pos`` within a few pixels, if any."""
        link = self._link_index_at(self.mapToScene(pos))
        return None if link is None else self.state.arrays.link_keys[link]

    def render_to_image(self, path: str, size: QSize | None = None, whole: bool = True) -> bool:
        """Save a PNG (or any format Qt writes) of the graph; returns success.

        ``whole`` renders every drawn node fitted into ``size`` (default: twice the viewport
        size); otherwise what the viewport shows.
        """
        size = size or self.viewport().size() * 2
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(self.state.style.background)
        painter = QPainter(image)
        self._render_into(painter, QRectF(0, 0, size.width(), size.height()), whole)
        painter.end()
        return image.save(path)

    def render_to_svg(self, path: str, size: QSize | None = None, whole: bool = True) -> None:
        """Save an SVG of the graph (vector: zoom in freely in a browser or editor)."""
        from PySide6.QtSvg import QSvgGenerator

        size = size or self.viewport().size()
        generator = QSvgGenerator()
        generator.setFileName(path)
        generator.setSize(size)
        generator.setViewBox(QRect(QPoint(0, 0), size))
        generator.setTitle("Threadline graph")
        painter = QPainter(generator)
        painter.fillRect(QRect(QPoint(0, 0), size), self.state.style.background)
        self._render_into(painter, QRectF(0, 0, size.width(), size.height()), whole)
        painter.end()

    def set_animated(self, animated: bool) -> None:
        """Whether layout changes glide (default) or jump (tests, screenshots)."""
        self._animated = animated

    # == model and exploration ============================================================
    def _on_model_changed(self, event: ModelEvent) -> None:
        if not shiboken6.isValid(self):
            return
        if event.kind == "reset":
            self._reset_pending = True
        self._schedule_sync()

    def _on_exploration_changed(self, step: Step) -> None:
        if shiboken6.isValid(self):
            self._schedule_sync()

    def _schedule_sync(self) -> None:
        # Coalesce bursts (a reset arrives as a Step then a ModelEvent) into one rebuild.
        self._sync_timer.start()

    def _sync_now(self) -> None:
        self._sync_timer.stop()
        self._sync()

    def _sync(self) -> None:
        if self._reset_pending:
            self._reset_pending = False
            self._stop_worker()
            self._animation.stop()
            self._positions.clear()
            self._pinned.clear()
            self._selected_node = self._selected_edge = None
            self._auto_fit = True
            self._pending_layout = None
            self.legend.refresh()
            self._place_legend()
            self._apply_style()
        self._rebuild_arrays()
        if not self.state.arrays.placed.all():
            self._request_layout(full=False)
        elif self._auto_fit:
            self.fit_all()

    # == arrays ===========================================================================
    def _drawn_ids(self) -> list[str]:
        g = self._model.graph
        ids = [n for n in self._exploration.visible if n in g]
        if self._node_ok is not None:
            ids = [n for n in ids if self._node_ok(n)]
        return sorted(ids)

    def _rebuild_arrays(self) -> None:
        """Rebuild the drawn arrays from the model (after any change of what is drawn)."""
        g = self._model.graph
        ids = self._drawn_ids()
        index = {n: i for i, n in enumerate(ids)}
        types = [g.nodes[n].get("type", "OTHER") or "OTHER" for n in ids]
        type_codes = sorted(set(types))
        type_slot = {t: k for k, t in enumerate(type_codes)}
        if self._size_by == "degree":
            value = np.array([self._model.degree(n) for n in ids], dtype=float)
        else:
            value = np.array([_as_number(g.nodes[n].get("mentions", 1)) for n in ids],
                             dtype=float)
        links = self._collect_links(ids, index)
        arrays = SceneArrays(
            ids=ids, index=index,
            xy=np.full((len(ids), 2), np.nan),
            radius=_radii(value),
            types=types,
            type_index=np.array([type_slot[t] for t in types], dtype=np.int64),
            type_codes=type_codes,
            labels=[str(g.nodes[n].get("label", n)) for n in ids],
            pinned=np.array([n in self._pinned for n in ids], dtype=bool),
            **links,
        )
        # Most important first: size and connections among the drawn nodes weigh equally (a
        # hub mentioned a few times is as much a landmark as a big node), then id.
        drawn_degree = np.bincount(np.concatenate([arrays.link_u, arrays.link_v]),
                                   minlength=len(ids))
        score = (arrays.radius / max(float(arrays.radius.max(initial=0)), 1e-9)
                 + drawn_degree / max(int(drawn_degree.max(initial=0)), 1))
        arrays.importance = np.lexsort((np.arange(len(ids)), -score))
        arrays.rank = np.empty(len(ids), dtype=np.int64)
        arrays.rank[arrays.importance] = np.arange(len(ids))
        arrays.refresh_derived()
        self.state.arrays = arrays
        self.state.hover_link = None
        self._set_hover(None, force=True)  # indices changed
        self._load_positions()
        self._refresh_selection()

    def _collect_links(self, ids: list[str], index: dict[str, int]) -> dict:
        """One line per co-occurring pair and per typed (u -> v) pair, heaviest edge as key."""
        g = self._model.graph
        edge_ok = self._edge_ok
        groups: dict[tuple[int, int, bool], list] = {}
        # Walk the out-edges of drawn nodes (all edges when most nodes are drawn); both
        # ends must be drawn.
        if 2 * len(ids) > len(g):
            edges = g.edges(keys=True, data=True)
        else:
            edges = g.out_edges(ids, keys=True, data=True)
        for u, v, key, data in edges:
            if u == v or v not in index or u not in index:
                continue
            if edge_ok is not None and not edge_ok(u, v, key, data):
                continue
            dependency = data.get("method") == DEPENDENCY
            a, b = index[u], index[v]
            if not dependency and a > b:
                a, b = b, a
            weight = _as_number(data.get("weight", 1.0))
            entry = groups.get((a, b, dependency))
            relation = str(data.get("relation", key))
            if entry is None:
                groups[(a, b, dependency)] = [weight, weight, (u, v, key), [relation]]
            else:
                entry[0] += weight
                entry[3].append(relation)
                if weight > entry[1]:
                    entry[1], entry[2] = weight, (u, v, key)
        # Co-occurrence first so typed relations are drawn (and hit) on top of them.
        ordered = sorted(groups.items(), key=lambda item: item[0][2])
        return {
            "link_u": np.array([k[0] for k, _ in ordered], dtype=np.int64),
            "link_v": np.array([k[1] for k, _ in ordered], dtype=np.int64),
            "link_dependency": np.array([k[2] for k, _ in ordered], dtype=bool),
            "link_weight": np.array([e[0] for _, e in ordered], dtype=float),
            "link_keys": [e[2] for _, e in ordered],
            "link_relations": [e[3] for _, e in ordered],
        }

    def _load_positions(self) -> None:
        arrays = self.state.arrays
        for i, nid in enumerate(arrays.ids):
            pos = self._positions.get(nid)
            arrays.xy[i] = pos if pos is not None else (np.nan, np.nan)
        self._geometry_changed()

    def _geometry_changed(self) -> None:
        self._update_scene_rect()
        self._layer.update()

    def _update_scene_rect(self) -> None:
        bounds = self.state.arrays.bounds()
        if bounds.isNull():
            bounds = QRectF(-200, -200, 400, 400)
        # Room around the drawing so that it can be panned past its edges at any zoom;
        # only grown while the drawing grows, so scrolling does not jump under the mouse.
        pad = max(bounds.width(), bounds.height(), 800.0)
        wanted = bounds.adjusted(-pad, -pad, pad, pad)
        current = self._scene.sceneRect()
        if not current.contains(wanted):
            keep = current.contains(bounds) and current.width() < 6 * wanted.width()
            self._scene.setSceneRect(wanted.united(current) if keep else wanted)
        self._layer.set_rect(self._scene.sceneRect())

    # == layout ===========================================================================
    def _request_layout(self, full: bool) -> None:
        arrays = self.state.arrays
        if not arrays.ids:
            return
        if self._thread is not None:
            queued = self._pending_layout or False
            self._pending_layout = queued or full
            return
        nodes = list(arrays.ids)
        links = [(arrays.ids[a], arrays.ids[b], w) for a, b, w in
                 zip(arrays.link_u.tolist(), arrays.link_v.tolist(),
                     arrays.link_weight.tolist(), strict=True)]
        known = {n: self._positions[n] for n in nodes if n in self._positions}
        pinned = {n for n in self._pinned if n in known}
        if not full and len(known) == len(nodes):
            return
        options = {"nodes": nodes, "full": full, "seed": self._seed,
                   "radii": dict(zip(nodes, (arrays.radius + 3.0).tolist(), strict=True))}
        if len(nodes) <= SYNC_LAYOUT_NODES:
            result = {}
            for progress in iter_layout(links, known, pinned, **options):
                result = progress.positions or result
            self._apply_layout(result)
            return
        # Meanwhile unplaced nodes have NaN positions and are simply not drawn.
        # Owned by the application, not the canvas: a canvas deleted mid-layout must not
        # destroy a running thread. The thread deletes itself once finished.
        thread = _LayoutThread(links, known, pinned, options, QCoreApplication.instance())
        thread.finished.connect(thread.deleteLater)
        thread.progressed.connect(self.layoutProgress)
        thread.produced.connect(self._on_layout_produced)
        thread.finished.connect(self._on_worker_finished)
        self._thread = thread
        self.layoutStarted.emit()
        thread.start()

    def _on_worker_finished(self) -> None:
        thread = self.sender()
        if thread is not self._thread:
            return
        self._thread = None
        pending, self._pending_layout = self._pending_layout, None
        if pending is not None:
            self._request_layout(full=pending)
        elif not self.state.arrays.placed.all():
            self._request_layout(full=False)

    def _stop_worker(self, timeout_ms: int = 10_000) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        thread.cancel()
        try:
            thread.produced.disconnect(self._on_layout_produced)
        except (RuntimeError, TypeError):
            pass
        thread.wait(timeout_ms)

    def _on_layout_produced(self, result: dict) -> None:
        if self.sender() is self._thread:  # else a cancelled run that finished anyway
            self._apply_layout(result)

    def _apply_layout(self, result: dict) -> None:
        arrays = self.state.arrays
        start = arrays.xy.copy()
        self._positions.update(result)
        target = np.array([self._positions.get(n, (np.nan, np.nan)) for n in arrays.ids],
                          dtype=float).reshape(-1, 2)
        # New nodes glide out of the nearest placed neighbour (or appear in place).
        for i in np.flatnonzero(np.isnan(start[:, 0])):
            start[i] = self._grow_from(i, start, target)
        first = not np.isfinite(start).any()
        arrays.xy = target.copy()
        self._update_scene_rect()
        if self._auto_fit:
            self.fit_all()
        animate = (self._animated and self.isVisible() and not first
                   and len(arrays.ids) <= ANIMATE_MAX_NODES
                   and not np.allclose(np.nan_to_num(start), np.nan_to_num(target)))
        if animate:
            self._anim_from, self._anim_to = start, target
            arrays.xy = start.copy()
            self._animation.stop()
            self._animation.start()
        self._layer.update()
        self.layoutFinished.emit()

    def _grow_from(self, i: int, start: np.ndarray, target: np.ndarray) -> np.ndarray:
        arrays = self.state.arrays
        neighbours, _ = arrays.neighbours(i)
        known = [j for j in neighbours if not np.isnan(start[j, 0])]
        return start[known[0]] if known else target[i]

    def _on_animation_step(self, value) -> None:
        arrays = self.state.arrays
        if self._anim_to.shape != arrays.xy.shape:
            self._animation.stop()
            return
        t = float(value)
        arrays.xy = self._anim_from + (self._anim_to - self._anim_from) * t
        if t >= 1.0:
            arrays.xy = self._anim_to.copy()
        self._layer.update()

    # == hit-testing ======================================================================
    def _scale(self) -> float:
        t = self.transform()
        return math.hypot(t.m11(), t.m12()) or 1.0

    def _set_scale(self, scale: float) -> None:
        factor = scale / self._scale()
        self.scale(factor, factor)

    def _node_index_at(self, scene_pos: QPointF) -> int | None:
        arrays = self.state.arrays
        if not arrays.ids:
            return None
        scale = self._scale()
        radius = np.maximum(arrays.radius, MIN_NODE_PX / 2 / scale) + HIT_SLOP_PX / scale
        d = np.hypot(arrays.xy[:, 0] - scene_pos.x(), arrays.xy[:, 1] - scene_pos.y())
        with np.errstate(invalid="ignore"):
            hit = np.flatnonzero(d <= radius)
        if len(hit) == 0:
            return None
        return int(hit[np.argmin(d[hit] - radius[hit])])

    def _link_index_at(self, scene_pos: QPointF) -> int | None:
        arrays = self.state.arrays
        if len(arrays.link_u) == 0:
            return None
        p = np.array([scene_pos.x(), scene_pos.y()])
        a, b = arrays.xy[arrays.link_u], arrays.xy[arrays.link_v]
        ab = b - a
        length2 = np.einsum("ij,ij->i", ab, ab)
        with np.errstate(invalid="ignore", divide="ignore"):
            t = np.clip(np.einsum("ij,ij->i", p - a, ab) / length2, 0.0, 1.0)
            d = np.hypot(*(a + ab * t[:, None] - p).T)
            tolerance = (HIT_SLOP_PX + 1.5) / self._scale()
            near = np.flatnonzero(d <= tolerance)
        if len(near) == 0:
            return None
        # Typed relations are drawn on top: prefer them at equal distance.
        best = near[np.lexsort((~arrays.link_dependency[near], d[near]))[0]]
        return int(best)

    # == selection and hover ==============================================================
    def _refresh_selection(self) -> None:
        arrays = self.state.arrays
        self.state.selected = arrays.index.get(self._selected_node) \
            if self._selected_node is not None else None
        self.state.selected_link = None
        if self._selected_edge is not None:
            u, v, key = self._selected_edge
            for i, keys in enumerate(arrays.link_keys):
                if keys == self._selected_edge:
                    self.state.selected_link = i
                    break
            else:
                a, b = arrays.index.get(u), arrays.index.get(v)
                if a is not None and b is not None:
                    dependency = key.startswith(DEPENDENCY)
                    match = np.flatnonzero(
                        (arrays.link_dependency == dependency)
                        & (((arrays.link_u == a) & (arrays.link_v == b))
                           | ((arrays.link_u == b) & (arrays.link_v == a))))
                    self.state.selected_link = int(match[0]) if len(match) else None
        self._update_badges()
        self._layer.update()

    def _update_badges(self) -> None:
        """"+N" on the hovered and the selected node: neighbours the exploration hides."""
        ids = self.state.arrays.ids
        self.state.badges = {
            i: self._exploration.hidden_neighbour_count(ids[i])
            for i in (self.state.hover, self.state.selected) if i is not None and i < len(ids)}

    def _set_hover(self, index: int | None, force: bool = False) -> None:
        if index == self.state.hover and not force:
            return
        self.state.hover = index
        self._update_badges()
        if index is None:
            self.state.focus_nodes = self.state.focus_links = None
        else:
            neighbours, links = self.state.arrays.neighbours(index)
            self.state.focus_nodes = np.unique(np.append(neighbours, index))
            self.state.focus_links = links
        self._layer.update()
        self.hoverChanged.emit(self.hovered_node())

    def _set_hover_link(self, link: int | None) -> None:
        if link != self.state.hover_link:
            self.state.hover_link = link
            self._layer.update()

    def _link_tooltip(self, link: int) -> str:
        arrays = self.state.arrays
        u, v = arrays.ids[arrays.link_u[link]], arrays.ids[arrays.link_v[link]]
        lu, lv = self._model.label(u), self._model.label(v)
        relations = ", ".join(dict.fromkeys(arrays.link_relations[link]))
        weight = arrays.link_weight[link]
        if arrays.link_dependency[link]:
            return f"{lu} —{relations}→ {lv}  (weight {weight:g})"
        return f"{lu} — {lv}: {relations}  (weight {weight:g})"

    def _node_tooltip(self, i: int) -> str:
        nid = self.state.arrays.ids[i]
        data = self._model.node(nid)
        kind = type_info(data.get("type", "OTHER")).name
        mentions = int(_as_number(data.get("mentions", 0)))
        hidden = self._exploration.hidden_neighbour_count(nid)
        more = f" · {hidden} hidden neighbour{'s' if hidden != 1 else ''}" if hidden else ""
        return f"{self._model.label(nid)}\n{kind} · {mentions} mentions{more}"

    # == events ===========================================================================
    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position().toPoint()
        scene_pos = self.mapToScene(pos)
        i = self._node_index_at(scene_pos)
        self._press_pos = pos
        if i is not None:
            arrays = self.state.arrays
            grab = QPointF(*arrays.xy[i]) - scene_pos
            self._drag = {"index": i, "grab": grab, "moved": False}
            self.select_node(arrays.ids[i])
            event.accept()
            return
        link = self._link_index_at(scene_pos)
        if link is not None:
            self._drag = None
            u, v, key = self.state.arrays.link_keys[link]
            self.select_edge(u, v, key)
            self.edgeClicked.emit(u, v, key)
            event.accept()
            return
        self._drag = None
        self._auto_fit = False
        if self._selected_node is not None or self._selected_edge is not None:
            self._selected_node = self._selected_edge = None
            self._refresh_selection()
            self.selectionChanged.emit()
        super().mousePressEvent(event)  # background: pan

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        pos = event.position().toPoint()
        drag = self._drag
        if drag is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if not drag["moved"] and self._press_pos is not None and \
                    (pos - self._press_pos).manhattanLength() < QApplication.startDragDistance():
                return
            drag["moved"] = True
            self._move_node(drag["index"], self.mapToScene(pos) + drag["grab"])
            event.accept()
            return
        if event.buttons() == Qt.MouseButton.NoButton:
            self._hover_at(pos, event.globalPosition().toPoint())
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt override)
        drag, self._drag = self._drag, None
        if drag is not None and event.button() == Qt.MouseButton.LeftButton:
            nid = self.state.arrays.ids[drag["index"]] \
                if drag["index"] < len(self.state.arrays.ids) else None
            if nid is not None:
                if drag["moved"]:
                    self.nodeMoved.emit(nid)
                else:
                    self.nodeClicked.emit(nid)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            i = self._node_index_at(self.mapToScene(event.position().toPoint()))
            if i is not None:
                self.nodeDoubleClicked.emit(self.state.arrays.ids[i])
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt override)
        delta = event.angleDelta().y() or event.pixelDelta().y()
        if delta:
            self.zoom_by(1.0015 ** delta, event.position().toPoint())
        event.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_0 and mods & Qt.KeyboardModifier.ControlModifier:
            self.fit_all(follow=True)
        elif key == Qt.Key.Key_Escape:
            self.select_node(None)
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt override)
        nid = self.node_at(event.pos())
        if nid is not None:
            self.select_node(nid)
        self.contextMenuRequested.emit(nid, event.globalPos())
        event.accept()

    def leaveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._set_hover(None)
        self._set_hover_link(None)
        super().leaveEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._place_legend()
        if self._auto_fit:
            self.fit_all()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange,
                            QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._apply_style()
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._place_legend()
        if self._auto_fit:
            self.fit_all()

    # == internals ========================================================================
    def _hover_at(self, pos: QPoint, global_pos: QPoint) -> None:
        scene_pos = self.mapToScene(pos)
        i = self._node_index_at(scene_pos)
        self._set_hover(i)
        if i is not None:
            self._set_hover_link(None)
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
            QToolTip.showText(global_pos, self._node_tooltip(i), self.viewport())
            return
        link = self._link_index_at(scene_pos)
        self._set_hover_link(link)
        if link is not None:
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
            QToolTip.showText(global_pos, self._link_tooltip(link), self.viewport())
        else:
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            QToolTip.hideText()

    def _move_node(self, i: int, scene_pos: QPointF) -> None:
        arrays = self.state.arrays
        self._animation.stop()
        nid = arrays.ids[i]
        arrays.xy[i] = (scene_pos.x(), scene_pos.y())
        self._positions[nid] = (scene_pos.x(), scene_pos.y())
        self._pinned.add(nid)
        arrays.pinned[i] = True
        self._geometry_changed()

    def _apply_style(self) -> None:
        palette = self.palette()
        codes = list(entity_types())
        self.state.style = CanvasStyle.from_palette(palette, codes)
        font = self.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.92))
        self.state.set_font(font)
        self.setBackgroundBrush(self.state.style.background)
        self.legend.update()
        self._layer.update()

    def _place_legend(self) -> None:
        self.legend.adjustSize()
        margin = 10
        self.legend.move(margin, self.viewport().height() - self.legend.height() - margin)

    def _render_into(self, painter: QPainter, target: QRectF, whole: bool) -> None:
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        if not whole:
            self.render(painter, target, self.viewport().rect())
            return
        bounds = self.state.arrays.bounds()
        if bounds.isNull():
            return
        margin = max(bounds.width(), bounds.height()) * 0.05 + 40
        source = bounds.adjusted(-margin, -margin, margin, margin)
        # Fit the source into the target keeping its aspect, then paint with the canvas's
        # own painter code (labels measured against the target, not the screen).
        scale = min(target.width() / source.width(), target.height() / source.height())
        # Labels are sized in device pixels: grow them with an image bigger than the view.
        grow = max(1.0, min(target.width() / max(self.viewport().width(), 1),
                            target.height() / max(self.viewport().height(), 1)))
        screen_font = self.state.font
        if grow > 1.0:
            font = QFont(screen_font)
            font.setPointSizeF(screen_font.pointSizeF() * grow)
            self.state.set_font(font)
        painter.save()
        painter.translate(target.center())
        painter.scale(scale, scale)
        painter.translate(-source.center())
        visible = painter.worldTransform().inverted()[0].mapRect(target)
        try:
            paint_graph(painter, visible, self.state)
        finally:
            painter.restore()
            if grow > 1.0:
                self.state.set_font(screen_font)
        if self.legend.isVisibleTo(self):
            self.legend.adjustSize()
            corner = QPoint(10, int(target.bottom()) - self.legend.height() - 10)
            self.legend.render(painter, corner)


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

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        fm = self.fontMetrics()
        width = max((fm.horizontalAdvance(type_info(c).name) for c in self._codes), default=0)
        return QSize(width + 34, len(self._codes) * (fm.height() + 3) + 12)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
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


def _as_number(value) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) else 0.0


def _radii(values: np.ndarray) -> np.ndarray:
    """Node radius in scene units: area grows with the value, capped for outliers."""
    if len(values) == 0:
        return np.zeros(0)
    values = np.maximum(values, 0.0)
    top = float(np.quantile(values, 0.98)) if len(values) > 20 else float(values.max())
    if top <= 0:
        return np.full(len(values), RADIUS_RANGE[0])
    small, big = RADIUS_RANGE
    return small + (big - small) * np.sqrt(np.minimum(values / top, 1.0))


__all__ = ["GraphCanvas", "TypeLegend", "EDGE_LENGTH"]
