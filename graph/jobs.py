"""Long work as generators: progress, cancellation and the result they hand back.

A job is a generator that yields :class:`Progress` and returns its result
(``StopIteration.value``). :func:`run_job` drives one; closing the generator between two
steps cancels it, so nothing half-built escapes. This module imports neither spaCy nor Qt,
so the window can start before the NLP stack is loaded.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from graph.errors import Cancelled

__all__ = ["Cancelled", "Job", "Progress", "collector_paused", "empty_graph", "long_lived",
           "reporting", "run_job"]

# A long_lived() block that built fewer objects than this leaves them to the collector.
FREEZE_AFTER = 100_000
_collector = threading.Lock()
T = TypeVar("T")
# how many blocks with the collector off are open; whether it was on; whether to freeze
_paused = [0, False, False]


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a job is: ``done`` of ``total`` units, and what it is working on.

    ``part`` is how far into the next unit the job is (0 to 1): a long document reports
    it after every piece, so progress moves, and a cancel takes effect, within it.
    """

    done: int
    total: int
    message: str = ""
    words: int = 0
    part: float = 0.0

    @property
    def fraction(self) -> float:
        """The share of the whole job done, ``part`` of the next unit included."""
        return min(1.0, (self.done + self.part) / self.total) if self.total else 1.0


Job = Generator[Progress, None, object]
"""A generator that yields :class:`Progress` and returns its result."""


def run_job(job: Job,
            on_progress: Callable[[Progress], None] | None = None,
            cancelled: Callable[[], bool] | None = None):
    """Drive a job to its end and return its result.

    Raises
    ------
    Cancelled
        ``cancelled()`` turned true; the generator is closed between two steps.
    """
    try:
        while True:
            progress = next(job)
            if on_progress:
                on_progress(progress)
            if cancelled and cancelled():
                job.close()
                raise Cancelled()
    except StopIteration as stop:
        return stop.value


def reporting(steps: Generator[float, None, T], progress: Callable[[float], Progress]
              ) -> Generator[Progress, None, T]:
    """``steps``, which yield the share of their work done, as a job yielding ``progress(share)``.

    Closing the job closes ``steps`` too, so a cancel stops them at once.
    """
    try:
        while True:
            try:
                share = next(steps)
            except StopIteration as done:
                return done.value
            yield progress(share)
    finally:
        steps.close()


@contextmanager
def long_lived() -> Iterator[None]:
    """Build objects that live as long as a graph without the cycle collector walking them.

    Each full collection walks every tracked object, and building a graph of 100k entities
    triggers dozens of them, up to seconds each, holding the GIL, so a worker thread building
    a graph stalled the window that long. Inside this block the collector is off (blocks
    nest, across threads); when the last one ends having built many objects, everything
    alive is moved to the permanent generation (``gc.freeze``), so later collections skip
    the built graph too, and the collector is switched back on as it was. Only pure building
    belongs in the block: cyclic garbage made meanwhile is frozen with the rest, so whoever
    drops a big graph for good empties it (``graph.clear()``) rather than wait for a
    collection that will not come.
    """
    with _collector_off(freeze=True):
        yield


@contextmanager
def collector_paused() -> Iterator[None]:
    """Make and drop many short-lived objects (a copy of a graph written out) without the
    cycle collector walking them, as :func:`long_lived` but nothing is frozen: what the block
    made is garbage once it ends, freed as its references go (empty a copied graph before
    dropping it, :func:`empty_graph`: its views refer back to it)."""
    with _collector_off(freeze=False):
        yield


@contextmanager
def _collector_off(freeze: bool) -> Iterator[None]:
    with _collector:
        if _paused[0] == 0:
            _paused[1], _paused[2] = gc.isenabled(), False
            gc.disable()
        _paused[0] += 1
    try:
        yield
    finally:
        with _collector:
            _paused[0] -= 1
            # new objects since the last collection: worth freezing (once the last block ends)
            _paused[2] |= freeze and gc.get_count()[0] >= FREEZE_AFTER
            if _paused[0] == 0:
                if _paused[2]:
                    gc.freeze()
                if _paused[1]:
                    gc.enable()


def empty_graph(graph, batch: int = 1000) -> None:
    """Empty ``graph`` a node at a time, for a graph nobody will read again.

    ``graph.clear()`` frees a big graph in one C call that holds the GIL (half a second at
    100k entities); popping its nodes from Python lets other threads (the GUI) run in
    between, so a worker can free the graph a window has just replaced.
    """
    stores = (graph._adj, getattr(graph, "_pred", {}), graph._node)  # networkx's own dicts
    for store in stores:
        while store:
            for _ in range(min(batch, len(store))):
                store.popitem()
    graph.clear()
