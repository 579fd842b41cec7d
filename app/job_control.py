"""Opening documents in the background: start, progress, cancel, and the outcome.

:class:`JobControl` is mixed into :class:`app.main_window.MainWindow`. Opening runs
:func:`graph.build.jobs.open_job` in a :class:`app.workers.JobThread`; the current graph
stays until the new one is ready, and is swapped in on the GUI thread. The progress label,
bar and Cancel button sit in the status bar while a job runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressBar, QStatusBar, QToolButton

from app import dialogs
from app.workers import JobThread
from graph import messages
from graph.build.jobs import Extraction, open_job
from graph.jobs import Job, Progress

PROGRESS_LABEL_CHARS = 60


class JobControl:
    """The window's job lifecycle (uses the window's model, canvas, status bar and settings).

    Announces the end of every job with the window's ``jobFinished`` signal: ``"ok"``,
    ``"cancelled"`` or ``"failed"``.
    """

    job: JobThread | None = None
    current_paths: list[str]

    def _build_job_widgets(self, status: QStatusBar) -> None:
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress_label = QLabel()
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)  # document names
        self.cancel_button = QToolButton(text=messages.CANCEL)
        self.cancel_button.setToolTip(messages.CANCEL_TIP)
        self.cancel_button.clicked.connect(self.cancel_job)
        for widget in self._job_widgets():
            status.addPermanentWidget(widget)
            widget.hide()

    def _job_widgets(self) -> tuple:
        return self.progress_label, self.progress, self.cancel_button

    def open_paths(self, paths: list[str]) -> None:
        """Extract (or import) ``paths`` in a worker; the current graph stays until done."""
        paths = [str(p) for p in paths]
        if self.job is not None:
            self.cancel_job(wait=True)
        self.current_paths = paths
        self._start_job(lambda: open_job(paths, self.model_name, self.use_cache),
                        messages.OPENING.format(name=Path(paths[0]).name))

    def reload(self) -> None:
        """Extract the current documents again, ignoring the cache."""
        if self.current_paths:
            use_cache, self.use_cache = self.use_cache, False
            try:
                self.open_paths(self.current_paths)
            finally:
                self.use_cache = use_cache

    def _start_job(self, make_job: Callable[[], Job], title: str) -> None:
        job = JobThread(make_job, messages.for_user, self)
        job.progress.connect(self._on_job_progress)
        job.succeeded.connect(self._on_job_succeeded)
        job.failed.connect(self._on_job_failed)
        job.cancelled.connect(self._on_job_cancelled)
        job.finished.connect(lambda j=job: self._on_thread_finished(j))
        self.job = job
        self.progress_label.setText(title)
        self.progress.setRange(0, 0)
        for widget in self._job_widgets():
            widget.show()
        self.cancel_button.setEnabled(True)
        if not len(self.model):
            self.empty_state.setText(messages.WORKING.format(title=title))
        job.start()

    def cancel_job(self, wait: bool = False) -> None:
        """Ask the running job to stop (``wait``: until it has); the graph stays as it is."""
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(messages.CANCELLING)
            if wait:
                self.job.wait()

    def _on_job_progress(self, progress: Progress) -> None:
        if progress.total:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(progress.done)
            self.progress.setFormat(messages.DOCUMENT_PROGRESS)
        else:
            self.progress.setRange(0, 0)
        if progress.message:
            self.progress_label.setText(progress.message[:PROGRESS_LABEL_CHARS])

    def _on_job_succeeded(self, extraction: Extraction) -> None:
        self.undo_stack.clear()
        self.canvas.select_node(None)
        self.model.reset(extraction.graph, extraction.documents)
        if self.current_paths:
            self._remember(self.current_paths)
            self.setWindowTitle(messages.WINDOW_TITLE.format(
                name=Path(self.current_paths[0]).name))
        corpus = extraction.corpus
        self.statusBar().showMessage(messages.OPENED.format(
            documents=len(corpus.documents),
            cached=messages.OPENED_FROM_CACHE if extraction.from_cache else "",
            entities=len(self.model), relations=self.model.graph.number_of_edges()), 10_000)
        problems = [f"{s.path}: {s.reason}" for s in corpus.skipped] + extraction.warnings
        if problems:
            self._report_problems(len(corpus.skipped), problems)
        self.jobFinished.emit("ok")

    def _report_problems(self, skipped: int, lines: list[str]) -> None:
        text = (messages.FILES_SKIPPED.format(skipped=skipped) if skipped
                else messages.EXTRACTION_NOTES)
        self.problems_box = dialogs.message_box(
            self, QMessageBox.Icon.Information, messages.PROBLEMS_TITLE, text,
            details="\n".join(lines), modal=False)

    def _on_job_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 15_000)
        self._update_counts()
        self.error_box = dialogs.message_box(self, QMessageBox.Icon.Warning,
                                             messages.OPEN_FAILED_TITLE, message)
        self.jobFinished.emit("failed")

    def _on_job_cancelled(self) -> None:
        self.statusBar().showMessage(messages.CANCELLED, 8_000)
        self.jobFinished.emit("cancelled")

    def _on_thread_finished(self, job: JobThread) -> None:
        if self.job is job:
            self.job = None
            for widget in self._job_widgets():
                widget.hide()
            self._update_counts()
        job.deleteLater()
