"""Layouts for the canvas, off the GUI thread, and the glide of nodes to their new place.

Small drawings (up to :data:`SYNC_LAYOUT_NODES` nodes) are laid out on the GUI thread: it
takes a few milliseconds and nothing is ever shown half placed. Bigger ones run as a
:mod:`graph.jobs` job (:meth:`app.canvas.scene.LayoutRequest.job`) in an
:class:`app.workers.JobThread`, the one worker class the app uses for long work. A layout
works on a snapshot, never on the live graph. One runs at a time: requests made meanwhile
merge into one queued run, which snapshots the drawing as it is when it starts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

import numpy as np
from PySide6.QtCore import (
    QEasingCurve,
    QObject,
    QVariantAnimation,
    Signal,
)

from app.canvas.scene import LAYOUT_CLEARANCE, LayoutRequest, SceneArrays
from app.canvas.style import CanvasState
from app.workers import SerialWorker
from graph.explore.spacing import bound_radii
from graph.jobs import Progress

log = logging.getLogger(__name__)

SYNC_LAYOUT_NODES = 60  # laid out on the GUI thread below this (a few ms), else in a worker
ANIMATE_MAX_NODES = 3000  # bigger changes jump to their place
ANIMATION_MS = 450


class LayoutRunner(SerialWorker):
    """Runs layouts of snapshots taken by ``snapshot(full)``, one at a time.

    Parameters
    ----------
    snapshot
        Returns what to lay out now (``full``: everything but the pinned nodes, else the
        unplaced ones), or ``None`` when there is nothing to do.
    parent
        The canvas. The worker thread itself belongs to the application, so deleting
        the canvas mid-layout never destroys a running thread (:mod:`app.workers`).

    Signals
    -------
    started()
        A layout began in the worker.
    progressed(int, int)
        Done and total work of the running layout.
    produced(object)
        The finished positions ``{node: (x, y)}`` (cancelled runs produce nothing).
    """

    started = Signal()
    progressed = Signal(int, int)
    produced = Signal(object)

    def __init__(self, snapshot: Callable[[bool], LayoutRequest | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._snapshot = snapshot
        self._pending: bool | None = None  # None: nothing queued; else whether it is full
        self._failed = False

    def request(self, full: bool) -> None:
        """Lay out now (on this thread when small), or queue it behind the running one."""
        if self._thread is not None:
            self._pending = bool(self._pending) or full
            return
        request = self._snapshot(full)
        if request is None:
            return
        if len(request.nodes) <= SYNC_LAYOUT_NODES:
            self.produced.emit(request.run())
            return
        self._failed = False
        # the application's thread: it may outlive the canvas
        self._launch(partial(fitted_job, request), str, self._on_progress)
        self.started.emit()

    def stop(self) -> None:
        """Forget the queued layout and cancel the running one, without waiting for it.

        The cancelled run ends at its next step (one igraph pass can take a second on a
        huge drawing); what it still sends is ignored, and it is deleted when it ends.
        """
        self._pending = None
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.cancel()


    # The worker's signals arrive queued; a stopped run may still deliver some.
    def _on_progress(self, progress: Progress) -> None:
        if self.sender() is self._thread:
            self.progressed.emit(progress.done, progress.total)

    def _on_succeeded(self, positions: dict) -> None:
        if self.sender() is self._thread:
            self.produced.emit(positions)

    def _on_failed(self, message: str) -> None:
        log.warning("layout failed: %s", message)
        if self.sender() is self._thread:
            self._failed = True

    def _after(self, pending: bool | None) -> None:
        if pending is not None:
            self.request(pending)
        elif not self._failed:  # retrying a failed layout would only fail again
            self.request(False)  # nodes that appeared meanwhile without a queued run


class LaidOut(dict):
    """The positions ``node -> (x, y)`` of a layout run in the worker, with the radii its
    nodes get there (:func:`app.canvas.scene.fit_radii`, which takes a while on a big
    drawing, done in the worker too): ``radii`` and the ``base`` radii they were bounded
    from, both ``node -> radius``; and the same as rows of the request's ``nodes`` (``xy``,
    ``radius_rows``, ``base_rows``; NaN where not laid out), which the GUI thread takes as
    they are when the drawing has not changed meanwhile."""

    radii: dict[str, float]
    base: dict[str, float]
    nodes: list[str]
    xy: np.ndarray
    radius_rows: np.ndarray
    base_rows: np.ndarray


def fitted_job(request: LayoutRequest):
    """``request``'s job, whose result is :class:`LaidOut` (radii fitted)."""
    positions = yield from request.job()
    laid = LaidOut(positions)
    nan = (np.nan, np.nan)
    laid.nodes = request.nodes
    laid.xy = np.array([positions.get(n, nan) for n in request.nodes],
                       dtype=float).reshape(-1, 2)
    done = np.isfinite(laid.xy[:, 0])
    laid.base_rows = np.where(done, request.wanted - LAYOUT_CLEARANCE, np.nan)
    laid.radius_rows = np.full(len(done), np.nan)
    laid.radius_rows[done] = bound_radii(laid.xy[done], laid.base_rows[done])
    nodes = [n for n, ok in zip(request.nodes, done.tolist(), strict=True) if ok]
    laid.base = dict(zip(nodes, laid.base_rows[done].tolist(), strict=True))
    laid.radii = dict(zip(nodes, laid.radius_rows[done].tolist(), strict=True))
    return laid


def aligned(arrays: SceneArrays, result: dict) -> bool:
    """Whether ``result`` (:class:`LaidOut`) was laid out for exactly ``arrays``' rows."""
    nodes = getattr(result, "nodes", None)
    return nodes is arrays.ids or nodes == arrays.ids


def take_fitted_radii(arrays: SceneArrays, result: dict) -> bool:
    """Give ``arrays`` (positions of ``result`` loaded) the radii fitted in the worker;
    False when they do not apply (the drawing changed meanwhile: fit them anew)."""
    radii, base = getattr(result, "radii", None), getattr(result, "base", None)
    if radii is None or arrays.base_radius is None or len(radii) != len(arrays.ids):
        return False
    if aligned(arrays, result):
        wanted, fitted = result.base_rows, result.radius_rows
    else:
        try:
            wanted = np.array([base[n] for n in arrays.ids])
            fitted = np.array([radii[n] for n in arrays.ids])
        except KeyError:
            return False
    if not np.allclose(wanted, arrays.base_radius):
        return False
    arrays.radius = fitted
    arrays.refresh_derived()
    return True


class NodeGlide(QObject):
    """Moves the drawn nodes from where they were to where the layout put them.

    Parameters
    ----------
    state
        The canvas state whose ``arrays.xy`` moves.
    repaint
        Called after every step.
    parent
        The canvas.
    """

    def __init__(self, state: CanvasState, repaint: Callable[[], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._repaint = repaint
        self._from = self._to = np.zeros((0, 2))
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(ANIMATION_MS)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._on_step)

    def start(self, start: np.ndarray, target: np.ndarray) -> None:
        """Glide every node from its row of ``start`` to its row of ``target``."""
        self._from, self._to = start, target
        self._state.arrays.xy = start.copy()
        self._animation.stop()
        self._animation.start()

    def stop(self) -> None:
        self._animation.stop()

    def running(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    def finish(self) -> None:
        """Jump to the end of a running glide."""
        if self.running():
            self._animation.setCurrentTime(self._animation.duration())

    def _on_step(self, value) -> None:
        arrays = self._state.arrays
        if self._to.shape != arrays.xy.shape:  # the drawing changed under the glide
            self._animation.stop()
            return
        t = float(value)
        arrays.xy = self._from + (self._to - self._from) * t
        if t >= 1.0:
            arrays.xy = self._to.copy()
        self._repaint()
