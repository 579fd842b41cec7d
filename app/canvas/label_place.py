"""Where the node labels of a frame go, computed on the GUI thread or, for a crowd, in a worker.

Every node in view may get a label: :func:`graph.explore.label_layout.place_labels` places
them most important node first (hubs first), each at the first of several positions around
its node that covers no node disc and no label placed before it; the hovered and the
selected node always get one. The placement is cached between frames
(:class:`LabelPlacement`) and computed again only when the view, the drawn nodes, their
positions or sizes, the hover, the selection or the font change.

With many thousands of nodes in view (:data:`ASYNC_LABEL_NODES`) placing them takes a tenth
of a second or more: a frame painted a part at a time (:mod:`app.canvas.frame_cache`) hands a
snapshot of what the placement depends on (:class:`LabelInputs`) to :class:`LabelPlacer`, a
worker, and waits for it (the last frame stays on screen meanwhile) instead of placing them
on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QDeadlineTimer, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QTransform

from app.canvas.frame_cache import Wait
from app.canvas.scene import MIN_NODE_PX
from app.canvas.style import CanvasState
from app.workers import NewestWorker
from graph.explore.label_layout import CELL, GAP, Occupancy, candidate_rects, place_labels
from graph.jobs import Progress, collector_paused

LABEL_PAD = 3.0  # px of plate left and right of the text
LABEL_STRONG = 10  # this many most important nodes have their label in bold
LABEL_LEAD = 12  # the labels of this many most important nodes may cover dots
LABEL_COVER = 3  # and of this many, any disc (never a label) when nothing else is free
DOT_PX = 5.0  # a disc this small (radius, pixels) is a dot: the leading labels may cover it
# Past this many nodes in view (most important first), a node is only tried for a label
# when one of its label's places is free of discs: in a crowd of thousands most find no
# room, and trying them one by one costs a frame (the labels placed are the same).
LABEL_CANDIDATES = 1500
# Nodes in view from which a frame in parts has its labels placed in the worker: 5k nodes
# take 20-30 ms here, 20k 100-200 ms; below it, a worker contending for the interpreter lock
# with the frame's own parts costs the window more than it saves.
ASYNC_LABEL_NODES = 6000
WAIT_MS = 60_000  # the longest a blocking wait for the worker lasts (tests, pictures)


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


@dataclass(frozen=True)
class LabelInputs:
    """What a frame's placement depends on, copied on the GUI thread (any thread may then
    :func:`place` it): the drawn rows' places and on-screen radii, which rows are in view
    (and in focus), importance, texts and their known widths, the view and its size."""

    key: tuple
    xy: np.ndarray
    radius_px: np.ndarray
    node_in: np.ndarray
    focus: np.ndarray | None
    importance: np.ndarray
    rank: np.ndarray
    labels: list[str]
    must: tuple[int, ...]
    font: QFont
    widths: dict[str, float]
    transform: QTransform
    size: tuple[int, int]

    def job(self):
        """:func:`place` as a :mod:`graph.jobs` job (for :class:`LabelPlacer`)."""
        yield Progress(0, 0, "Labels")
        return place(self)


def label_key(state: CanvasState, node_in: np.ndarray, focus: np.ndarray | None,
              transform, size: tuple[int, int]) -> tuple:
    """What identifies a frame's placement (equal keys: the same labels)."""
    arrays = state.arrays
    return (id(arrays), transform.m11(), transform.m12(), transform.m21(), transform.m22(),
            transform.dx(), transform.dy(), size, hash(arrays.xy.tobytes()),
            hash(arrays.radius.tobytes()), hash(node_in.tobytes()), state.hover,
            state.selected, None if focus is None else hash(focus.tobytes()),
            state.font.key())


def label_inputs(state: CanvasState, scale: float, node_in: np.ndarray,
                 focus: np.ndarray | None, transform, size: tuple[int, int],
                 key: tuple | None = None) -> LabelInputs:
    """The snapshot :func:`place` works on (``key``: :func:`label_key`, when known)."""
    arrays = state.arrays
    must = tuple(dict.fromkeys(i for i in (state.hover, state.selected)
                               if i is not None and node_in[i]))
    return LabelInputs(
        key or label_key(state, node_in, focus, transform, size), arrays.xy.copy(),
        screen_radii(state, scale) + 0.5,  # the antialiased rim
        node_in.copy(), None if focus is None else focus.copy(), arrays.importance,
        arrays.rank, arrays.labels, must, QFont(state.font), dict(state.label_widths),
        QTransform(transform), size)


def label_placement(state: CanvasState, scale: float, node_in: np.ndarray,
                    focus: np.ndarray | None, transform, size: tuple[int, int]
                    ) -> LabelPlacement:
    """The labels of this frame: the cached placement when nothing it depends on changed,
    else placed now."""
    key = label_key(state, node_in, focus, transform, size)
    cached = state.label_cache
    if cached is not None and cached.key == key:
        return cached
    state.label_cache = place(label_inputs(state, scale, node_in, focus, transform, size, key))
    return state.label_cache


def placement_steps(state: CanvasState, scale: float, node_in: np.ndarray,
                    focus: np.ndarray | None, transform, size: tuple[int, int],
                    placer: LabelPlacer | None) -> Generator[Wait | None, None, LabelPlacement]:
    """:func:`label_placement` for a frame painted in parts (a big drawing's): with a
    ``placer`` and :data:`ASYNC_LABEL_NODES` nodes in view, placed in its worker while the
    frame waits (yields a :class:`Wait` until the placer's ``built`` lands in
    ``state.label_cache``)."""
    key = label_key(state, node_in, focus, transform, size)
    cached = state.label_cache
    if cached is not None and cached.key == key:
        return cached
    inputs = label_inputs(state, scale, node_in, focus, transform, size, key)
    if placer is not None and int(node_in.sum()) >= ASYNC_LABEL_NODES:
        placer.request(inputs)
        wait = Wait(placer.block)
        while placer.busy() and (state.label_cache is None or state.label_cache.key != key):
            yield wait
        if state.label_cache is not None and state.label_cache.key == key:
            return state.label_cache
    elif placer is not None:
        yield None  # placed here, but in a part of the frame of its own (see primed)
    state.label_cache = place(inputs)  # few, or the worker failed: here
    return state.label_cache


def primed(steps: Generator) -> Generator:
    """``steps`` run up to its first pause now (a request to a worker made at once, or
    nothing yet when it pauses first); then, as a generator, the rest, returning what it
    returns. The first pause is dropped: a waiting step looks again whether what it waits
    for came meanwhile."""
    try:
        next(steps)
    except StopIteration as done:
        return _returning(done.value)
    return steps


def _returning(value):
    return value
    yield  # a generator that returns ``value`` at once


class LabelPlacer(NewestWorker):
    """Places the labels of :class:`LabelInputs` in a worker, newest request first; ``built``
    sends the :class:`LabelPlacement` (or ``None`` when it failed: the frame places them
    itself)."""

    what = "placing the labels"

    def block(self) -> None:
        """Wait for the worker and deliver its result (tests, pictures; never in a paint)."""
        self.wait(QDeadlineTimer(WAIT_MS))

    def _on_failed(self, message: str) -> None:
        super()._on_failed(message)
        if self.sender() is self._thread and self._running_generation == self.generation:
            self.supersede()  # not busy any more: the waiting frame places them itself
            self.built.emit(None)


def place(inputs: LabelInputs) -> LabelPlacement:
    """Place the labels of a frame (any thread: reads only the snapshot ``inputs``).

    The placement makes and drops tens of thousands of small lists: without the cycle
    collector, which they set off (a full collection at 5k entities took 50-110 ms of the
    GUI thread, or of the interpreter lock); they hold no cycles, freed as they go.
    """
    with collector_paused():
        return _place(inputs)


def _place(inputs: LabelInputs) -> LabelPlacement:
    radius_px, node_in, focus = inputs.radius_px, inputs.node_in, inputs.focus
    shown = node_in & (focus if focus is not None else True)
    obstacles = np.flatnonzero(shown)
    dot = radius_px[obstacles] <= DOT_PX
    screen = _to_screen(inputs.xy[obstacles], inputs.transform)
    discs = (screen[~dot], radius_px[obstacles][~dot])
    dots = (screen[dot], radius_px[obstacles][dot])
    order = inputs.importance[shown[inputs.importance]]
    metrics = Metrics(inputs.font, inputs.widths)
    if len(order) > LABEL_CANDIDATES:
        rest = order[LABEL_CANDIDATES:]
        room = _room(inputs, metrics, rest, discs, dots)
        order = np.concatenate([order[:LABEL_CANDIDATES], rest[room]])
    rows = list(dict.fromkeys(list(inputs.must) + order.tolist()))
    pts = inputs.xy[rows] if rows else np.zeros((0, 2))
    centres = _to_screen(pts, inputs.transform)
    sizes = metrics.sizes(inputs.labels, rows)
    must_count = len(inputs.must)
    rects = place_labels(centres, radius_px[rows], sizes, np.arange(len(rows)), inputs.size,
                         discs=discs, must=must_count, dots=dots,
                         lead=must_count + LABEL_LEAD, cover=must_count + LABEL_COVER)
    placed = np.flatnonzero(~np.isnan(rects[:, 0]))
    out_rows = [rows[k] for k in placed.tolist()]
    out_rects = [QRectF(left, top, right - left, bottom - top)
                 for left, top, right, bottom in rects[placed].tolist()]
    strong = [bool(inputs.rank[i] < LABEL_STRONG) for i in out_rows]
    return LabelPlacement(inputs.key, out_rows, out_rects, strong, inputs.size,
                          [discs, dots], rects[placed])


def _room(inputs: LabelInputs, metrics: Metrics, rows: np.ndarray, discs, dots) -> np.ndarray:
    """Which of node ``rows`` have a label place on screen free of every disc and dot (the
    others could take none: :func:`~graph.explore.label_layout.place_labels` only lets the
    leading labels cover discs)."""
    occupancy = Occupancy(inputs.size[0], inputs.size[1], CELL)
    occupancy.take_discs(*discs)
    occupancy.take_discs(*dots)
    candidates = candidate_rects(_to_screen(inputs.xy[rows], inputs.transform),
                                 inputs.radius_px[rows], metrics.sizes(inputs.labels, rows),
                                 max(GAP, CELL))
    return occupancy.free_many(candidates).any(axis=1)


def _to_screen(pts: np.ndarray, transform) -> np.ndarray:
    sx = transform.m11() * pts[:, 0] + transform.m21() * pts[:, 1] + transform.dx()
    sy = transform.m12() * pts[:, 0] + transform.m22() * pts[:, 1] + transform.dy()
    return np.stack([sx, sy], axis=1)


# -- label sizes -------------------------------------------------------------------------
class Metrics:
    """Label plate sizes in ``font``, with ``widths`` (text -> width) as the cache."""

    def __init__(self, font: QFont, widths: dict[str, float]) -> None:
        self.font, self.widths = font, widths
        self._metrics: tuple[QFontMetricsF, QFontMetricsF] | None = None

    def sizes(self, labels, rows) -> np.ndarray:
        """``(len(rows), 2)`` plate sizes in pixels of the labels ``labels[i]`` of ``rows``."""
        widths = self.widths
        texts = [labels[i] for i in rows]
        for text in texts:
            if text not in widths:
                if self._metrics is None:
                    self._metrics = (QFontMetricsF(self.font),
                                     QFontMetricsF(strong_font(self.font)))
                widths[text] = label_width(*self._metrics, text)
        out = np.empty((len(texts), 2))
        out[:, 0] = np.fromiter(map(widths.__getitem__, texts), float,
                                len(texts)) + 2 * LABEL_PAD
        out[:, 1] = QFontMetricsF(self.font).height() + 1
        return out


def label_sizes(state: CanvasState, rows) -> np.ndarray:
    """``(len(rows), 2)`` plate sizes in pixels of the labels of node ``rows``."""
    return Metrics(state.font, state.label_widths).sizes(state.arrays.labels, rows)


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


__all__ = ["ASYNC_LABEL_NODES", "LabelInputs", "LabelPlacement", "LabelPlacer", "Metrics",
           "label_inputs", "label_key", "label_placement", "label_sizes", "label_width",
           "measure_labels", "place", "placement_steps", "primed", "screen_radii", "strong_font"]
