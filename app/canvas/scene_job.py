"""Building what the canvas draws off the GUI thread, newest request first.

On a big drawing (:data:`ASYNC_SCENE_NODES` visible nodes or more) deciding which nodes and
links are drawn, their sizes, colours and places (:func:`app.canvas.scene.build_scene`,
the known positions, :func:`~app.canvas.scene.fit_radii`) and the counts of the status
bar, and measuring the labels take a few hundred milliseconds: a :class:`SceneRequest`
snapshots what they depend on and :class:`SceneBuilder` runs it in an
:class:`app.workers.JobThread`. The result is swapped in on the GUI thread in one
assignment. Every request takes a new *generation*; a result is only applied while its
generation is the newest, so a filter changed twice quickly draws the second one and never
the first, and a result built from a graph edited meanwhile (every edit schedules a new
request) is dropped. One build runs at a time; the
newest request made meanwhile waits behind it (older waiting ones are forgotten).

Smaller drawings are built on the calling thread: a few milliseconds, and the drawing is
complete when the call returns. :class:`CanvasSceneSync` is the canvas's side (mixed into
:class:`app.canvas.view.GraphCanvas`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

import networkx as nx
import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont

from app.canvas.label_place import Metrics, measure_labels
from app.canvas.scene import Position, SceneArrays, build_scene, fit_radii
from app.workers import NewestWorker
from graph.explore.filters import FACT_TYPES, GraphFilter, is_fact
from graph.jobs import Progress, collector_paused

ASYNC_SCENE_NODES = 1500  # visible nodes from which the drawing is built in a worker


@dataclass
class SceneResult:
    """A built drawing: its arrays (known positions loaded, radii fitted) and the count
    of visible metrics and dates kept as facts (not drawn) for the status bar; the widths
    of its labels not measured before and the plate size of every row's label (what the
    fit reads) in the font of ``font_key``; the ``positions`` it loaded."""

    arrays: SceneArrays
    facts_hidden: int
    label_widths: dict[str, float]
    font_key: str
    label_sizes: np.ndarray
    positions: Mapping[str, Position]


@dataclass(frozen=True)
class SceneRequest:
    """What a drawing is built from: copies of the visible set, pins and positions (the
    graph itself is read as it is; see the module's note on edits), and the labels' font
    with the widths of labels known."""

    graph: nx.MultiDiGraph
    visible: frozenset[str]
    graph_filter: GraphFilter | None
    size_by: str
    pinned: frozenset[str]
    scores: Mapping[str, Mapping[str, float]] | None
    positions: Mapping[str, Position]
    font: QFont
    measured: Mapping[str, float]

    def job(self):
        """The build as a :mod:`graph.jobs` job; returns a :class:`SceneResult`."""
        yield Progress(0, 0, "Drawing")
        return self.run()

    def run(self) -> SceneResult:
        # Without the cycle collector: the build makes and drops a list per edge (60k at
        # 25k entities), which set off full collections holding the interpreter lock.
        with collector_paused():
            return self._run()

    def _run(self) -> SceneResult:
        arrays = build_scene(self.graph, self.visible, self.graph_filter,
                             size_by=self.size_by, pinned=self.pinned, scores=self.scores)
        load_positions(arrays, self.positions)
        widths = measure_labels(self.font, arrays.labels, self.measured)
        sizes = Metrics(self.font, {**self.measured, **widths}).sizes(
            arrays.labels, range(len(arrays.ids)))
        return SceneResult(arrays, facts_hidden(self.graph, self.visible, self.graph_filter),
                           widths, self.font.key(), sizes, self.positions)


def load_positions(arrays: SceneArrays, positions: Mapping[str, Position]) -> None:
    """Put the known positions into ``arrays.xy`` (NaN for the others) and fit the radii."""
    nan = (np.nan, np.nan)
    arrays.xy = np.array([positions.get(n, nan) for n in arrays.ids],
                         dtype=float).reshape(-1, 2)
    fit_radii(arrays)


def facts_hidden(graph: nx.MultiDiGraph, visible: Collection[str],
                 graph_filter: GraphFilter | None) -> int:
    """Visible metrics and dates that ``graph_filter`` keeps as facts instead of nodes."""
    if graph_filter is None or graph_filter.fact_nodes:
        return 0
    nodes, revealed = graph.nodes, graph_filter.revealed
    return sum(1 for n in visible if n in nodes and n not in revealed and is_fact(nodes[n]))


class SceneBuilder(NewestWorker):
    """Runs :class:`SceneRequest` builds in a worker, one at a time, newest first; ``built``
    sends the :class:`SceneResult` of the newest request (a graph edited while it was read
    fails the build: the edit asked for a new one)."""

    what = "building the drawing"


class CanvasSceneSync:
    """The canvas's drawn arrays: built now when small, in :class:`SceneBuilder` when big.

    A mixin of :class:`app.canvas.view.GraphCanvas` (uses its model, exploration, filter,
    positions, pins, state, legend and minimap). ``drawingChanged`` is emitted whenever
    new arrays were swapped in; :attr:`facts_hidden` is their count of facts not drawn.
    """

    facts_hidden = 0
    _view_later: tuple[list[str], float, tuple[float, float]] | None = None
    _holding = 0  # inside holding_drawing(): changes wait for one rebuild after it

    @contextmanager
    def holding_drawing(self) -> Iterator[None]:
        """Draw what changes inside the block once, after it (at the next turn of the event
        loop, or when :meth:`redraw_now` is called), not after each change: a saved view
        sets filters, sizing and what is shown, each of which would rebuild the drawing."""
        self._holding += 1
        try:
            yield
        finally:
            self._holding -= 1

    def _scene_builder(self) -> SceneBuilder:
        """The canvas's :class:`SceneBuilder`; while a new drawing is due (a rebuild asked
        for, or being built), the last frame stays on screen
        (:attr:`app.canvas.frame_cache.FrameCache.held`)."""
        builder = SceneBuilder(self)
        builder.built.connect(self._install)
        self._layer.frames.held = lambda: builder.busy() or self._sync_timer.isActive()
        return builder

    def _scene_request(self) -> SceneRequest:
        return SceneRequest(self._model.graph, frozenset(self._exploration.visible),
                            self._filter, self._size_by, frozenset(self._pinned),
                            self._scores, dict(self._positions), QFont(self.state.font),
                            dict(self.state.label_widths))

    def _rebuild_arrays(self, wait: bool = False) -> None:
        """Rebuild the drawn arrays from the model (after any change of what is drawn);
        big drawings in the worker unless ``wait``."""
        if self._holding and not wait:
            self._builder.supersede()
            self._sync_timer.start()
            return
        if wait or len(self._exploration.visible) < ASYNC_SCENE_NODES:
            self._builder.supersede()
            self._install(self._scene_request().run())
        else:
            self._builder.request(self._scene_request())

    def _install(self, result: SceneResult) -> None:
        """Swap in a built drawing, then lay out what has no place yet."""
        arrays = result.arrays
        # Positions may have moved since the request (a layout landed): load them again
        # (compared as dicts first: in C, a few ms at 25k, where loading them takes 10).
        if self._positions != result.positions:
            load_positions_if_moved(arrays, self._positions, arrays.xy)
        self.state.arrays = arrays
        self.facts_hidden = result.facts_hidden
        if result.font_key == self.state.font.key():
            self.state.label_widths.update(result.label_widths)
            self._fit_sizes = ((id(arrays), result.font_key), result.label_sizes)  # (fitting)
        self.state.hover_link = None
        self._set_hover(None, force=True)  # indices changed
        self._geometry_changed()
        self._refresh_selection()
        self._forget_undrawn_selection()
        self._update_legend()
        self.minimap.set_drawn_count(len(arrays.ids))
        self._apply_view_later()
        self.drawingChanged.emit()
        if not arrays.placed.all():
            self._runner.request(full=False)
        elif self._auto_fit:
            self.fit_all()

    def restore_view(self, positions: Mapping[str, Position], pinned: Collection[str],
                     selected: list[str], scale: float, centre: tuple[float, float]) -> None:
        """Show a saved view of what is visible: the places and pins go into the drawing
        (built now, or in the worker when big), then the selection and, unless ``scale``
        is 0 (fit), the zoom and centre are applied to it."""
        self._glide.stop()
        self._positions.update(positions)
        self._pinned |= {n for n in pinned if n in self._positions}
        if scale > 0:
            self._auto_fit = False
        self._view_later = (list(selected), scale, centre)
        self.redraw_now()
        if not self._builder.busy():
            self._apply_view_later()

    def _apply_view_later(self) -> None:
        view, self._view_later = self._view_later, None
        if view is None:
            return
        selected, scale, centre = view
        self.select_nodes(selected)
        if scale > 0:
            self._auto_fit = False
            self._set_scale(scale)
            self.centerOn(QPointF(*centre))

    def _update_legend(self) -> None:
        """Leave metric and date types out of the key while they are facts, not nodes (and
        "has metric", whose lines end at metrics)."""
        omitted = frozenset()
        if self._filter is not None and not self._filter.fact_nodes:
            omitted = FACT_TYPES - set(self.state.arrays.type_codes)
        relations = frozenset({"HAS_METRIC"}) if "METRIC" in omitted else frozenset()
        if self.legend.set_omitted(omitted, relations):
            self._place_legend()

    def _load_positions(self) -> None:
        load_positions(self.state.arrays, self._positions)
        self._geometry_changed()


def load_positions_if_moved(arrays: SceneArrays, positions: Mapping[str, Position],
                            loaded: np.ndarray) -> None:
    """Load ``positions`` again when they differ from the ``loaded`` ones."""
    nan = (np.nan, np.nan)
    now = np.array([positions.get(n, nan) for n in arrays.ids], dtype=float).reshape(-1, 2)
    if not np.array_equal(now, loaded, equal_nan=True):
        arrays.xy = now
        fit_radii(arrays)


__all__ = ["ASYNC_SCENE_NODES", "CanvasSceneSync", "SceneBuilder", "SceneRequest",
           "SceneResult", "facts_hidden", "load_positions"]
