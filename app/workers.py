"""Run graph/ jobs (generators yielding progress) in a worker thread.

:class:`JobThread` is the one worker class of the app: the window runs extraction and
imports in it, the canvas its layouts (:mod:`app.canvas.layout_runner`). The worker never
touches widgets and never changes the live graph: it builds a new result and hands it to
the GUI thread through a queued signal, where the receiver swaps it in. Some read the
graph shown (the drawing, :mod:`app.canvas.scene_job`; an edit's copy of it,
:mod:`app.edit_runner`): the model swaps graphs instead of changing one, and a graph an
edit replaced is emptied only once no worker runs. Cancelling sets a flag that is checked
between two steps of the job (pieces of a document, layout passes).

The GUI thread never waits for a worker: a thread belongs to the application, not to the
window or canvas that started it, so closing them mid-run destroys no running thread, and
:func:`join_all` waits for the stragglers once the window is gone (at process exit). The
owner deletes a thread (``deleteLater``) once it has handled its ``finished``: a thread
that deleted itself could be gone before its owner's queued slots ran.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QThread, Signal

from graph.errors import Cancelled
from graph.jobs import Progress, run_job

log = logging.getLogger(__name__)

# Every thread started and not yet seen to finish: join_all waits for these.
_started: set[JobThread] = set()


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
        Owner of the thread object; by default the application, which outlives every
        window.
    """

    progress = Signal(object)  # graph.jobs.Progress
    succeeded = Signal(object)  # the job's result
    failed = Signal(str)  # a message for the user
    cancelled = Signal()

    def __init__(self, make_job: Callable[[], object],
                 describe_error: Callable[[BaseException], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent or QCoreApplication.instance())
        self._make_job = make_job
        self._describe_error = describe_error
        self._cancel = threading.Event()
        self.finished.connect(self._on_finished)

    def start(self, *args) -> None:
        """Run the job in the worker thread."""
        _started.add(self)
        super().start(*args)

    def cancel(self) -> None:
        """Ask the job to stop after its current step (emits :attr:`cancelled`)."""
        self._cancel.set()

    def cancel_requested(self) -> bool:
        """Whether :meth:`cancel` was called (the job may still be finishing its step)."""
        return self._cancel.is_set()

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

    def _on_finished(self) -> None:
        _started.discard(self)


def running_threads() -> list[JobThread]:
    """The worker threads that have not finished yet."""
    return [t for t in list(_started) if shiboken6.isValid(t) and t.isRunning()]


def join_all(timeout_ms: int = 60_000) -> bool:
    """Cancel every worker and wait until all have ended (process exit, test teardown).

    Never call this while a window is in use: it blocks the GUI thread. Returns ``False``
    when some worker was still running at the deadline.
    """
    deadline = QDeadlineTimer(timeout_ms)
    for thread in running_threads():
        thread.cancel()
    done = all(thread.wait(deadline) for thread in running_threads())
    _started.difference_update([t for t in list(_started)
                                if not shiboken6.isValid(t) or t.isFinished()])
    return done


class SerialWorker(QObject):
    """Runs one :class:`JobThread` at a time (``_thread``) and keeps the newest request that
    came meanwhile (``_pending``); :meth:`_after` says what follows when the thread ends."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: JobThread | None = None
        self._pending = None

    def _on_finished(self) -> None:
        thread = self.sender()
        if thread is None:
            return
        # Its last signal: only now may it go (a thread deleted earlier would leave the
        # slots of its signals still queued without a sender to check).
        thread.deleteLater()
        if thread is not self._thread:
            return
        self._thread = None
        pending, self._pending = self._pending, None
        self._after(pending)

    def busy(self) -> bool:
        """Whether a thread runs or a request waits."""
        return self._thread is not None or self._pending is not None

    def _launch(self, job: Callable[[], object], describe: Callable[[BaseException], str],
                progress: Callable[[object], None] | None = None) -> JobThread:
        """Start ``job`` in the worker's thread; its outcome goes to ``_on_succeeded`` or
        ``_on_failed``, its end to :meth:`_on_finished`, its steps to ``progress``."""
        thread = JobThread(job, describe)
        if progress is not None:
            thread.progress.connect(progress)
        thread.succeeded.connect(self._on_succeeded)
        thread.failed.connect(self._on_failed)
        thread.finished.connect(self._on_finished)
        self._thread = thread
        thread.start()
        return thread

    def wait(self, deadline: QDeadlineTimer) -> bool:
        """Block until :meth:`busy` is false, delivering the worker's queued signals (which
        may start the request queued meanwhile); False on timeout. For scripts, tests and
        shutdown: it blocks the GUI thread."""
        while self.busy():
            thread = self._thread
            if thread is not None and not thread.wait(deadline):
                return False
            QCoreApplication.sendPostedEvents()
            QCoreApplication.processEvents()
            if deadline.hasExpired():
                return False
        return True

    def _after(self, pending) -> None:
        """The current thread ended; ``pending`` is the request queued meanwhile, or None."""
        raise NotImplementedError


class NewestWorker(SerialWorker):
    """Runs requests (objects with a ``job()`` method, see :mod:`graph.jobs`) in a worker one
    at a time, newest first: every request takes a new *generation* and a result is only
    sent while its generation is the newest, so a request superseded while it ran or waited
    is never applied. The newest request made while one runs waits behind it (older waiting
    ones are forgotten).

    Signals
    -------
    built(object)
        The result of the newest request (superseded ones are never sent).
    """

    built = Signal(object)
    what = "a job"  # for the log, when one fails

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = 0
        self._running_generation = -1

    def busy(self) -> bool:
        """A request runs whose result is still wanted, or one waits."""
        return self._pending is not None or (
            self._thread is not None and self._running_generation == self.generation)

    def supersede(self) -> None:
        """Whatever runs or waits is out of date: never apply it."""
        self.generation += 1
        self._pending = None

    def request(self, request) -> None:
        """Run ``request`` in the worker; it supersedes every earlier request."""
        self.supersede()
        if self._thread is not None:
            self._pending = request
            return
        self._start(request)

    def _start(self, request) -> None:
        self._running_generation = self.generation
        self._launch(request.job, str)  # the application's thread: it may outlive the owner

    def stop(self) -> None:
        """Forget every request (the running one ends on its own, unused)."""
        self.supersede()
        if self._thread is not None:
            self._thread.cancel()

    def _on_succeeded(self, result) -> None:
        if self.sender() is self._thread and self._running_generation == self.generation:
            self.built.emit(result)

    def _on_failed(self, message: str) -> None:
        log.warning("%s failed: %s", self.what, message)

    def _after(self, pending) -> None:
        if pending is not None:
            self._start(pending)


__all__ = ["JobThread", "NewestWorker", "Progress", "SerialWorker", "join_all",
           "running_threads"]
