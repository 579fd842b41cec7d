"""The graph canvas widget: the visible part of the knowledge graph, zoomable and pannable.

:class:`GraphCanvas` shows what :class:`graph.explore.exploration.Exploration` makes
visible, minus what :meth:`GraphCanvas.set_filter` filters out. It keeps the positions,
pins, selection and zoom; the drawn arrays come from :mod:`app.canvas.scene`, the painting
from :mod:`app.canvas.items`, layouts from :mod:`app.canvas.layout_runner`, and mouse and
keyboard handling from :mod:`app.canvas.interaction`.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import (
    QDeadlineTimer,
    QEvent,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QWidget

from app.bridge import listen
from app.canvas import export
from app.canvas.fitting import CanvasFitting
from app.canvas.groups import CanvasGroups
from app.canvas.interaction import CanvasInteraction
from app.canvas.items import GraphLayer
from app.canvas.layout_runner import (
    ANIMATE_MAX_NODES,
    LayoutRunner,
    NodeGlide,
    aligned,
    take_fitted_radii,
)
from app.canvas.legend import TypeLegend
from app.canvas.minimap import Minimap
from app.canvas.path_highlight import PathHighlight
from app.canvas.scene import (
    SIZE_BY,
    LayoutRequest,
    fit_radii,
    grow_from,
    layout_request,
    link_of_edge,
)
from app.canvas.scene_job import CanvasSceneSync
from app.canvas.selection import CanvasSelection
from app.canvas.style import CanvasState, CanvasStyle
from app.guard import guarded
from graph.explore.exploration import Exploration, Step
from graph.explore.filters import GraphFilter
from graph.explore.model import GraphModel, ModelEvent
from graph.taxonomy import entity_types


class GraphCanvas(PathHighlight, CanvasInteraction, CanvasSelection, CanvasFitting,
                  CanvasGroups, CanvasSceneSync, QGraphicsView):
    """Zoomable, pannable view of the visible graph.

    Parameters
    ----------
    model
        The graph model (colours, labels, sizes and edges come from it).
    exploration
        The visible node set; every :class:`graph.explore.exploration.Step` updates the
        drawing.
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
    edgeMenuRequested(str, str, str, QPoint)
        Right click on an edge ``(u, v, key)`` (now selected), and the global position.
    selectionChanged(), expandRequested(list)
        The selected nodes or edge changed (see :class:`~app.canvas.selection.CanvasSelection`)
        / Enter was pressed on the selected nodes (their ids).
    hoverChanged(object)
        The node under the mouse (id or ``None``).
    nodeMoved(str)
        A node was dragged to a new place (it is now pinned).
    layoutStarted(), layoutProgress(int, int), layoutFinished()
        A background layout began / progressed (done, total) / was applied.
    filesDropped(list)
        Local files or folders were dropped on the canvas (their paths).
    drawingChanged()
        New drawn arrays were swapped in (big ones are built in a worker: a moment after
        the change that asked for them; see :mod:`app.canvas.scene_job`).
    """

    nodeClicked = Signal(str)
    nodeDoubleClicked = Signal(str)
    edgeClicked = Signal(str, str, str)
    contextMenuRequested = Signal(object, QPoint)
    edgeMenuRequested = Signal(str, str, str, QPoint)
    selectionChanged = Signal()
    expandRequested = Signal(list)
    hoverChanged = Signal(object)
    nodeMoved = Signal(str)
    layoutStarted = Signal()
    layoutProgress = Signal(int, int)
    layoutFinished = Signal()
    filesDropped = Signal(list)
    drawingChanged = Signal()

    def __init__(self, model: GraphModel, exploration: Exploration,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._exploration = exploration
        self._positions: dict[str, tuple[float, float]] = {}
        self._pinned: set[str] = set()
        self._filter: GraphFilter | None = None
        self._size_by = "mentions"
        self._auto_fit = True  # keep everything in view until the person zooms or pans
        self._animated = True
        self._seed = 0

        self.state = CanvasState()
        self._layer = GraphLayer(self.state, self)
        self._glide = NodeGlide(self.state, self._layer.update, self)
        self._runner = LayoutRunner(self._layout_request, self)
        self._runner.started.connect(self.layoutStarted)
        self._runner.progressed.connect(self.layoutProgress)
        self._runner.produced.connect(self._apply_layout)
        self._builder = self._scene_builder()
        self._scene = QGraphicsScene(self)
        self._scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self._scene.addItem(self._layer)
        self.setScene(self._scene)
        self._configure_view()

        self.legend = TypeLegend(model, self)
        self.minimap = Minimap(self)
        self.legend.foldedChanged.connect(self._on_legend_folded)
        self._apply_style()

        self._sync_timer = QTimer(self, singleShot=True, interval=0)
        self._sync_timer.timeout.connect(self._on_sync_due)
        self._reset_pending = True
        self._unsubscribe = [listen(self, model.subscribe, self._on_model_changed),
                             listen(self, exploration.subscribe, self._on_exploration_changed)]
        self._sync()

    def _configure_view(self) -> None:
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

    # == public API =======================================================================
    def shutdown(self) -> None:
        """Stop listening to the model and cancel the layout worker (window close, tests).

        Never waits: a cancelled layout ends on its own; :func:`app.workers.join_all`
        joins it at process exit.
        """
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        self._sync_timer.stop()
        self._glide.stop()
        self._runner.stop()
        self._builder.stop()
        self._layer.placer.stop()
        self._layer.frames.stop()

    def wait_for_layout(self, timeout_ms: int = 10_000) -> bool:
        """Block until the drawing is built and a running layout finished and was applied;
        True when idle."""
        if self._sync_timer.isActive():
            self._sync_now()
        deadline = QDeadlineTimer(timeout_ms)
        while self._builder.busy() or self._runner.busy():
            if not self._builder.wait(deadline) or not self._runner.wait(deadline):
                return False
        self._glide.finish()
        self._layer.frames.finish()
        return self.is_idle()

    def is_idle(self) -> bool:
        """No drawing or layout running or queued, no animation, every drawn node placed."""
        return (not self._runner.busy() and not self._sync_timer.isActive()
                and not self._builder.busy() and not self._layer.frames.pending()
                and not self._glide.running() and bool(self.state.arrays.placed.all()))

    def relayout(self) -> None:
        """Lay out everything drawn again, except pinned nodes."""
        self._runner.request(full=True)

    def set_filter(self, graph_filter: GraphFilter | None) -> None:
        """Draw only what passes ``graph_filter`` (``None``: no filter).

        Applied on top of the exploration's visible set, with
        :func:`graph.explore.filters.drawn_nodes` and
        :func:`~graph.explore.filters.drawn_edges`.
        """
        self._filter = graph_filter
        self.legend.set_active_types(None if graph_filter is None else graph_filter.types)
        self._sync_now()

    def set_size_by(self, what: str) -> None:
        """Size nodes by one of :data:`SIZE_BY` (centrality: :meth:`set_scores`)."""
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
        self._glide.stop()
        self._positions.update({n: (float(x), float(y)) for n, (x, y) in positions.items()})
        self._load_positions()
        self._runner.request(full=False)

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

    def edge_color(self, u: str, v: str, key: str) -> QColor | None:
        """The colour the line of edge ``(u, v, key)`` is painted in (``None``: not drawn).

        A line stands for every typed edge from ``u`` to ``v`` (or every co-occurrence of
        the pair) and takes the colour of the heaviest.
        """
        arrays, style = self.state.arrays, self.state.style
        link = link_of_edge(arrays, (u, v, key))
        if link is None or style is None:
            return None
        if not arrays.link_dependency[link]:
            return QColor(style.cooccurrence)
        return QColor(style.relation_color(arrays.link_predicates[link]))

    def render_to_image(self, path: str, size: QSize | None = None, whole: bool = True) -> bool:
        """Save a PNG (or any format Qt writes) of the graph; returns success.

        ``whole`` renders every drawn node fitted into ``size`` (default: twice the viewport
        size); otherwise what the viewport shows.
        """
        return export.render_to_image(self, path, size, whole)

    def render_to_svg(self, path: str, size: QSize | None = None, whole: bool = True) -> None:
        """Save an SVG of the graph (vector: zoom in freely in a browser or editor)."""
        export.render_to_svg(self, path, size, whole)

    def redraw(self) -> None:
        """Paint everything afresh at the next frame, not from the last one (benchmarks)."""
        self._layer.update()

    def set_animated(self, animated: bool) -> None:
        """Whether layout changes glide (default) or jump (tests, screenshots)."""
        self._animated = animated

    # == model and exploration ============================================================
    def _on_model_changed(self, event: ModelEvent) -> None:
        if event.kind == "edited":
            self._carry_over(event)  # (interaction.py) places, pins, selection kept
        self._reset_pending |= event.kind == "reset"
        self._schedule_sync()

    def _on_exploration_changed(self, step: Step) -> None:
        self._schedule_sync()

    def _schedule_sync(self) -> None:
        # Coalesce bursts (a reset arrives as a Step then a ModelEvent) into one rebuild;
        # a drawing being built meanwhile is out of date.
        self._builder.supersede()
        self._sync_timer.start()

    def _sync_now(self, wait: bool = False) -> None:
        self._sync_timer.stop()
        self._sync(wait)

    @guarded
    def _on_sync_due(self) -> None:
        self._sync()

    def redraw_now(self) -> None:
        """Rebuild the drawing now, not at the next turn of the event loop; a big one
        (:data:`~app.canvas.scene_job.ASYNC_SCENE_NODES`) starts in the scene worker now.

        The window calls it while it swaps a new graph in, so that a graph the canvas
        cannot draw is found while the swap can still be undone (a big one: logged).
        """
        self._sync_now()

    def _sync(self, wait: bool = False) -> None:
        if self._reset_pending:
            self._reset_pending = False
            self._runner.stop()
            self._glide.stop()
            self._positions.clear()
            self._gone_places = None
            self._pinned.clear()
            self._selection, self._selected_node, self._selected_edge = {}, None, None
            self._auto_fit, self._centre_later = True, None
            self.legend.refresh()
            self._place_legend()
            self._apply_style()
        self._rebuild_arrays(wait)

    # == arrays (app.canvas.scene_job) ===================================================
    def _geometry_changed(self) -> None:
        self._update_scene_rect()
        self._layer.update()

    def _update_scene_rect(self) -> None:
        bounds = self.state.bounds()
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
    def _layout_request(self, full: bool) -> LayoutRequest | None:
        # Meanwhile unplaced nodes have NaN positions and are simply not drawn.
        size = self.viewport().size()
        aspect = size.width() / size.height() if size.height() > 0 else 1.6
        return layout_request(self.state.arrays, self._positions, self._pinned, full=full,
                              seed=self._seed, aspect=aspect)

    @guarded
    def _apply_layout(self, result: dict) -> None:
        arrays = self.state.arrays
        start = arrays.xy.copy()
        self._positions.update(result)
        if aligned(arrays, result):  # the rows laid out are the drawn ones: no look-ups
            target = result.xy.copy()
            for i in np.flatnonzero(np.isnan(target[:, 0])).tolist():
                target[i] = self._positions.get(arrays.ids[i], (np.nan, np.nan))
        else:
            target = np.array([self._positions.get(n, (np.nan, np.nan)) for n in arrays.ids],
                              dtype=float).reshape(-1, 2)
        glide = self._animated and self.isVisible() and len(arrays.ids) <= ANIMATE_MAX_NODES
        if glide:  # new nodes glide out of the nearest placed neighbour (or appear in place)
            for i in np.flatnonzero(np.isnan(start[:, 0])):
                start[i] = grow_from(arrays, i, start, target)
        arrays.xy = target.copy()
        if not take_fitted_radii(arrays, result):
            fit_radii(arrays)
        self._update_scene_rect()
        if self._auto_fit:
            self.fit_all()
        self._centre_placed()
        if glide and np.isfinite(start).any() and not np.allclose(np.nan_to_num(start),
                                                                  np.nan_to_num(target)):
            self._glide.start(start, target)
        self._layer.update()
        self.layoutFinished.emit()

    # == style and widget events ==========================================================
    def _apply_style(self) -> None:
        self.state.style = CanvasStyle.from_palette(self.palette(), list(entity_types()))
        font = self.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.92))
        self.state.set_font(font)
        self.setBackgroundBrush(self.state.style.background)
        self.legend.update()
        self._layer.update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_legend()
        self.minimap.place()
        if self._auto_fit:
            self.fit_all()

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange,
                            QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._apply_style()
        super().changeEvent(event)

    def hideEvent(self, event) -> None:
        self._layer.frames.stop()  # a frame half painted ends here (see FrameCache.stop)
        super().hideEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._place_legend()
        if self._auto_fit:
            self.fit_all()


__all__ = ["GraphCanvas"]
