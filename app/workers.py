"""Run graph/ jobs (generators yielding progress) in a worker thread.

The worker never touches widgets or the live graph: it builds a new result and hands it to
the GUI thread through a queued signal, where the window swaps it in. Cancelling sets a
flag that the job checks between documents.
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
    """One run of one job; create a new thread per run."""

    progress = Signal(object)  # graph.build.Progress
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
        self._cancel.set()

    def run(self) -> None:  # runs in the worker thread
        try:
            result = run_job(self._make_job(), self.progress.emit, self._cancel.is_set)
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:  # noqa: BLE001 - every failure must reach the user as text
            log.exception("job failed")
            self.failed.emit(self._describe_error(exc))
        else:
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)


__all__ = ["JobThread", "Progress"]
