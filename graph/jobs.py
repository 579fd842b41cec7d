"""Long work as generators: progress, cancellation and the result they hand back.

A job is a generator that yields :class:`Progress` and returns its result
(``StopIteration.value``). :func:`run_job` drives one; closing the generator between two
steps cancels it, so nothing half-built escapes. This module imports neither spaCy nor Qt,
so the window can start before the NLP stack is loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass

from graph.errors import Cancelled

__all__ = ["Cancelled", "Job", "Progress", "run_job"]


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
