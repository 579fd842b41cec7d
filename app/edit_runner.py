"""Making the corrected graph after an edit, its undo or a revert, off the GUI thread.

The edit log (:class:`graph.build.curation.Curation`) changes at once, on the GUI thread,
as the undo stack says; the graph shown catches up here. On a big graph (25k entities)
copying it, replaying the log, carrying the exploration's node ids over
(:func:`graph.build.curation.carry_over`) and indexing the new graph for search
(:class:`graph.explore.facts.GraphFacts`) take one to two seconds: :class:`EditRunner`
runs them in an :class:`app.workers.JobThread` and hands the result to the GUI thread,
which swaps it into the model in one step. Meanwhile the window stays usable.

Changes are never lost nor reordered: one job runs at a time, and what is asked for
meanwhile joins into one :class:`Change` that starts when the job's result is shown. New
edits go on top of the graph shown; an undo, a redo or a revert rebuilds from the graph
as extracted with the whole active log (read when the job starts), which is exact whatever
came before. Graphs under :data:`ASYNC_EDIT_NODES` entities are corrected on the GUI
thread when nothing waits (a few milliseconds; the graph is corrected when the call
returns).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import networkx as nx
from PySide6.QtCore import QObject, QTimer, Signal

from app.workers import SerialWorker, running_threads
from graph import messages
from graph.build.curation import Curation, carry_over
from graph.build.edits import Edit
from graph.explore.facts import GraphFacts
from graph.jobs import Progress, empty_graph, long_lived

log = logging.getLogger(__name__)

ASYNC_EDIT_NODES = 1500  # entities from which the corrected graph is made in a worker
RETIRE_RETRY_MS = 1000  # how soon replaced graphs are emptied (when no worker runs then)


@dataclass
class Change:
    """What the graph shown has to catch up with: ``edits`` (ids in the log, edits) to
    apply on top of it, or a ``rebuild`` from the log; then ``show`` these nodes, and with
    ``show_new`` the nodes it did not have (an entity a revert brought back)."""

    edits: list[tuple[int, Edit]] = field(default_factory=list)
    rebuild: bool = False
    show: frozenset[str] = frozenset()
    show_new: bool = False

    def then(self, later: Change) -> Change:
        """This change followed by ``later``, as one."""
        return Change(self.edits + later.edits, self.rebuild or later.rebuild,
                      self.show | later.show, self.show_new or later.show_new)


@dataclass
class EditResult:
    """A corrected graph ready to be shown: how ids carried over from the graph it
    replaces, its facts (search index, counts), the ids of edits that found nothing
    (all of them after a rebuild, else the new ones) and the nodes to show."""

    graph: nx.MultiDiGraph
    renamed: dict[str, str]
    born: dict[str, str]
    facts: GraphFacts
    skipped: set[int]
    rebuilt: bool
    show: frozenset[str]
    shown: nx.MultiDiGraph  # the graph it was made to replace
    missed: str = ""  # a new edit that found nothing (an edit made meanwhile took it away)


@dataclass(frozen=True)
class EditRequest:
    """A snapshot to make an :class:`EditResult` from: the graph to start from (the one
    shown, or the base for a rebuild), the edits to apply to it, and the graph shown."""

    curation: Curation
    start: nx.MultiDiGraph
    edits: tuple[tuple[int, Edit], ...]
    shown: nx.MultiDiGraph
    change: Change

    @classmethod
    def of(cls, curation: Curation, shown: nx.MultiDiGraph, change: Change) -> EditRequest:
        if change.rebuild:
            return cls(curation, curation.base, tuple(curation.log()), shown, change)
        return cls(curation, shown, tuple(change.edits), shown, change)

    def job(self):
        """The correction as a :mod:`graph.jobs` job; returns an :class:`EditResult`."""
        yield Progress(0, 0, messages.APPLYING_EDIT)
        return self.run()

    def run(self) -> EditResult:
        # Without the cycle collector: copying a big graph made it walk the whole heap,
        # 0.4 s at 25k entities with the GIL held, a stall of the window however idle.
        with long_lived():
            graph, skipped = self.curation.replayed(self.start, self.edits)
            renamed, born = carry_over(self.shown, graph)
            show = {n for n in self.change.show if n in graph}
            if self.change.show_new:
                show |= {n for n in graph if n not in self.shown}
            facts = GraphFacts.of(graph)
            _ = facts.overview  # read here, not on the GUI thread (Overview after an edit)
        missed = "" if self.change.rebuild else next(
            (edit.describe() for i, edit in self.edits if i in skipped), "")
        return EditResult(graph, renamed, born, facts, skipped, self.change.rebuild,
                          frozenset(show), self.shown, missed)


class EditRunner(SerialWorker):
    """Catches the graph shown up with the edit log, one :class:`Change` at a time.

    Parameters
    ----------
    curation
        Returns the opened corpus's :class:`Curation` (it changes with the corpus).
    shown
        Returns the graph shown (the model's).
    parent
        Owner (the window's curation control); the threads are the application's.

    Signals
    -------
    ready(object)
        An :class:`EditResult` to show, in the order the changes were asked for.
    failed(str)
        Making the graph failed (the message says why).
    """

    ready = Signal(object)
    failed = Signal(str)
    async_nodes = ASYNC_EDIT_NODES  # from this size on in the worker (tests set 0)

    def __init__(self, curation: Callable[[], Curation], shown: Callable[[], nx.MultiDiGraph],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._curation, self._shown = curation, shown
        self._stopped = 0  # the number of stop() calls: a result from before one is dropped
        self._running_stop = 0
        self._retired: list[nx.MultiDiGraph] = []
        self._retire_timer = QTimer(self, singleShot=True, interval=RETIRE_RETRY_MS)
        self._retire_timer.timeout.connect(self._empty_retired)

    def request(self, change: Change) -> None:
        """Bring the graph shown up to date with ``change`` (after any still waiting)."""
        if self._thread is not None:
            self._pending = change if self._pending is None else self._pending.then(change)
            return
        request = EditRequest.of(self._curation(), self._shown(), change)
        if max(len(request.start), len(request.shown)) < self.async_nodes:
            self.ready.emit(request.run())
            return
        self._running_stop = self._stopped
        self._launch(request.job, messages.for_user)

    def stop(self) -> None:
        """Forget every change asked for (another graph is shown: a corpus opened or
        extracted again); a running job ends unused."""
        self._stopped += 1
        self._pending = None
        if self._thread is not None:
            self._thread.cancel()

    def busy(self) -> bool:
        """A change is being made or waits (its result still to be shown)."""
        return self._pending is not None or (
            self._thread is not None and self._running_stop == self._stopped)

    def _delivering(self) -> bool:
        """Whether the running job's outcome is still wanted; it is delivered from now on
        (so :meth:`busy` only counts what waits)."""
        if self.sender() is not self._thread:
            return False
        wanted, self._running_stop = self._running_stop == self._stopped, -1
        return wanted

    def _on_succeeded(self, result: EditResult) -> None:
        if self._delivering():
            self.ready.emit(result)

    def _on_failed(self, message: str) -> None:
        if self._delivering():
            log.warning("correcting the graph failed: %s", message)
            self.failed.emit(message)

    def retire(self, graph: nx.MultiDiGraph) -> None:
        """``graph`` was replaced and will never be shown again: empty it (in a thread of
        its own) once no worker runs that may still be reading it (an export). A graph built
        here or by an opening job is never collected otherwise (:func:`graph.jobs.long_lived`
        froze it)."""
        if graph is not self._curation().base:  # the base outlives every edit
            self._retired.append(graph)
            # not at once: emptying it competes for the interpreter lock with the window
            # taking in its successor (a 25k graph takes some 50 ms of it)
            self._retire_timer.start()

    def _empty_retired(self) -> None:
        if not self._retired:
            return
        if running_threads():
            self._retire_timer.start()
            return
        graphs, self._retired = self._retired, []
        threading.Thread(target=lambda: [empty_graph(g) for g in graphs], daemon=True,
                         name="threadline-free-graph").start()

    def _after(self, pending: Change | None) -> None:
        if pending is not None:
            self.request(pending)


def skipped_after(result: EditResult, before: set[int]) -> set[int]:
    """The ids of active edits that found nothing once ``result`` is shown."""
    return set(result.skipped) if result.rebuilt else before | result.skipped


__all__ = ["ASYNC_EDIT_NODES", "Change", "EditRequest", "EditResult", "EditRunner",
           "skipped_after"]
