"""Run graph/ jobs (generators yielding progress) in a worker thread.

:class:`JobThread` is the one worker class of the app: the window runs extraction and
imports in it, the canvas its layouts (:mod:`app.canvas.layout_runner`). The worker never
touches widgets or the live graph: it builds a new result and hands it to the GUI thread
through a queued signal, where the receiver swaps it in. Cancelling sets a flag that is
checked between two steps of the job (documents, layout passes).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from graph.errors import Cancelled
from graph.jobs import Progress, run_job

log = logging.getLogger(__name__)


class JobThread(QThread):
    """One run of one job; create a new thread per run.

    Parameters
    ----------
    make_job
        Called in the worker thread; returns the job (a generator of
        :class:`graph.jobs.Progress` that returns the result).
    describe_error
        Turns an exception of the job into the message of :attr:`failed`.
    parent
        Owner of the thread object (it must outlive the run).
    """

    progress = Signal(object)  # graph.jobs.Progress
    succeeded = Signal(object)  # the job's result
    failed = Signal(str)  # a message for the user
    cancelled = Signal()

    def __init__(self, make_job: Callable[[], object],
                 describe_error: Callable[[BaseException], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._make_job = make_job
        self._describe_error = describe_error
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the job to stop after its current step (emits :attr:`cancelled`)."""
        self._cancel.set()

    def run(self) -> None:  # runs in the worker thread
        try:
            result = run_job(self._make_job(), self.progress.emit, self._cancel.is_set)
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:  # every failure must reach the user as text
            log.exception("job failed")
            self.failed.emit(self._describe_error(exc))
        else:
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)


__all__ = ["JobThread", "Progress"]
