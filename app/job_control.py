"""Opening documents in the background: start, progress, cancel, and the outcome.

:class:`JobControl` is mixed into :class:`app.main_window.MainWindow`. Opening runs
:func:`graph.build.jobs.open_job` in a :class:`app.workers.JobThread`; the current graph
stays until the new one is ready, and is swapped in on the GUI thread. The progress label,
bar and Cancel button sit in the status bar while a job runs.

The GUI thread never waits for a job: Open while one runs cancels it and queues the new
one, which starts when the old thread's ``finished`` arrives. A job's result is swapped in
all or nothing: if a panel fails on the new graph, the previous graph comes back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressBar, QStatusBar, QToolButton

from app import dialogs
from app.guard import guarded, raising
from app.plain_text import title_text
from app.workers import JobThread
from graph import messages
from graph.build.curation import carry_over
from graph.build.jobs import Extraction, open_job
from graph.explore.facts import GraphFacts
from graph.explore.opening import opening_facts
from graph.jobs import Job, Progress

log = logging.getLogger(__name__)

PROGRESS_LABEL_CHARS = 60
PROGRESS_STEPS = 100  # bar steps per document, so a long document moves the bar
SCHEDULER_KEY = "extraction/scheduler"  # the Dask scheduler to extract on ("": this machine)
SCHEDULER_DIALOG_WIDTH = 520


class JobControl:
    """The window's job lifecycle (uses the window's model, canvas, status bar and settings).

    Announces the end of every job with the window's ``jobFinished`` signal: ``"ok"``,
    ``"cancelled"`` or ``"failed"``. A job replaced by a newer Open announces nothing; the
    newer one does.
    """

    job: JobThread | None = None
    problems_box: QMessageBox | None = None  # what the last load did not read (one box)
    current_paths: list[str]
    # The Open waiting for the running (cancelled) job to end: how to make it, its title
    # and paths.
    _queued: tuple[Callable[[], Job], str, list[str]] | None = None
    _job_paths: list[str]

    def _build_job_widgets(self, status: QStatusBar) -> None:
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress_label = QLabel()
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)  # document names
        self.cancel_button = QToolButton(text=messages.CANCEL)
        self.cancel_button.setToolTip(messages.CANCEL_TIP)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        for widget in self._job_widgets():
            status.addPermanentWidget(widget)
            widget.hide()

    def _job_widgets(self) -> tuple:
        return self.progress_label, self.progress, self.cancel_button

    def open_paths(self, paths: list[str]) -> None:
        """Extract (or import) ``paths`` in a worker; the current graph stays until done.

        A job already running is cancelled and this one starts once it has ended; nothing
        here waits for it.
        """
        paths = [str(p) for p in paths]
        # Read now: the job is made in the worker, maybe after reload() restored these.
        model, use_cache, scheduler = self.model_name, self.use_cache, self.scheduler
        title = messages.OPENING.format(name=Path(paths[0]).name)

        def make_job() -> Job:
            return opening_facts(open_job(paths, model, use_cache, scheduler or None),
                                 messages.PREPARING_VIEW)

        if self.job is None:
            self._start_job(make_job, title, paths)
            return
        self.job.cancel()
        self._queued = (make_job, title, paths)
        self.progress_label.setText(title)
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)

    @property
    def scheduler(self) -> str:
        """The address of the Dask scheduler documents are extracted on ("": this machine)."""
        return str(self.settings.value(SCHEDULER_KEY, "") or "")

    def choose_scheduler(self) -> None:
        """File > Extraction Cluster: ask for a Dask scheduler's address, kept in the settings
        and used from the next Open on (:mod:`graph.nlp.cluster`)."""
        address = dialogs.ask_text(self, messages.CLUSTER_TITLE, messages.CLUSTER_PROMPT,
                                   self.scheduler, SCHEDULER_DIALOG_WIDTH)
        if address is None:
            return
        self.settings.setValue(SCHEDULER_KEY, address.strip())
        self.show_status(messages.CLUSTER_SET.format(address=address.strip()) if address.strip()
                         else messages.CLUSTER_UNSET, 6_000)

    def reload(self) -> None:
        """Extract the current documents again, ignoring the cache."""
        if self.current_paths:
            use_cache, self.use_cache = self.use_cache, False
            try:
                self.open_paths(self.current_paths)
            finally:
                self.use_cache = use_cache

    def _start_job(self, make_job: Callable[[], Job], title: str, paths: list[str]) -> None:
        job = JobThread(make_job, messages.for_user)
        job.progress.connect(self._on_job_progress)
        job.succeeded.connect(self._on_job_succeeded)
        job.failed.connect(self._on_job_failed)
        job.cancelled.connect(self._on_job_cancelled)
        job.finished.connect(self._on_thread_finished)
        self.job, self._job_paths = job, paths
        self.progress_label.setText(title)
        self.progress.setRange(0, 0)
        for widget in self._job_widgets():
            widget.show()
        self.cancel_button.setEnabled(True)
        if not len(self.model):
            self.empty_state.setText(messages.WORKING.format(title=title))
        job.start()

    def cancel_job(self) -> None:
        """Ask the running job (and any queued Open) to stop; the graph stays as it is.

        Returns at once: the job ends at its next step and announces ``"cancelled"``.
        """
        self._queued = None
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(messages.CANCELLING)

    def _on_cancel_clicked(self) -> None:
        self.cancel_job()

    def _outcome_counts(self) -> bool:
        """Whether the job's signal being handled matters: not with a newer Open queued.

        One job runs at a time (a queued one starts when it has finished), so every job
        signal comes from :attr:`job`.
        """
        return self._queued is None and self.job is not None

    @guarded
    def _on_job_progress(self, progress: Progress) -> None:
        if not self._outcome_counts() or self.job.cancel_requested():
            return
        if progress.total:
            self.progress.setRange(0, progress.total * PROGRESS_STEPS)
            self.progress.setValue(round(progress.fraction * progress.total * PROGRESS_STEPS))
            self.progress.setFormat(messages.DOCUMENTS_DONE.format(done=progress.done,
                                                                   total=progress.total))
        else:
            self.progress.setRange(0, 0)
        if progress.message:
            self.progress_label.setText(progress.message[:PROGRESS_LABEL_CHARS])

    @guarded
    def _on_job_succeeded(self, result: tuple[Extraction, GraphFacts]) -> None:
        extraction, facts = result
        if not self._outcome_counts():
            return
        if self.job.cancel_requested():  # it finished just as the person cancelled
            self._on_job_cancelled()
            return
        # Everything that reads the extraction comes first: if it fails, nothing changed.
        paths, corpus, graph = self._job_paths, extraction.corpus, extraction.graph
        title = messages.WINDOW_TITLE.format(name=title_text(Path(paths[0]).name))
        opened = messages.OPENED.format(
            documents=len(corpus.documents),
            cached=extraction.reuse_note,
            entities=graph.number_of_nodes(), relations=facts.edge_count)
        problems = [f"{s.path}: {s.reason}" for s in corpus.skipped] + list(extraction.warnings)
        self.save_session()  # the exploration of the corpus being replaced
        if not self._swap_in(extraction, facts):
            self.jobFinished.emit("failed")
            return
        self.current_paths = paths
        self.workspace = extraction.workspace  # None for an imported graph
        restored = (self.restore_exported_places(extraction.places) if self.workspace is None
                    else self.load_session())
        if not restored:  # the person's last view of it wins over the map
            self.open_on_communities()
        self._remember(paths)
        self.setWindowTitle(title)
        self.show_status(opened, 10_000)
        if problems:
            self._report_problems(len(corpus.skipped), problems)
        self.jobFinished.emit("ok")

    def _swap_in(self, extraction: Extraction, facts: GraphFacts) -> bool:
        """Show the new graph in every panel, or bring the previous one back and say why."""
        old_graph, old_documents = self.model.graph, self.model.documents
        self.undo_stack.clear()  # its steps belong to the graph being replaced
        # The same corpus extracted again (F5) keeps the exploration, as an edit does.
        again = bool(len(self.model)) and self._job_paths == self.current_paths
        if not again:
            self.canvas.select_node(None)
        try:
            with raising():
                with self.canvas.holding_drawing():  # every panel's reaction drawn once
                    if again:
                        renamed, born = carry_over(old_graph, extraction.graph)
                        self.model.replace(extraction.graph, renamed, born,
                                           extraction.documents, facts)
                    else:
                        self.model.reset(extraction.graph, extraction.documents, facts)
                self.canvas.redraw_now()
        except Exception as exc:  # a panel failed half-way: the others must not differ
            log.exception("showing the new graph failed")
            self._roll_back(old_graph, old_documents)
            self.error_box = dialogs.message_box(
                self, QMessageBox.Icon.Warning, messages.OPEN_FAILED_TITLE,
                messages.SHOW_FAILED.format(error=messages.for_user(exc)))
            return False
        self.curation.adopt(extraction)
        if old_graph is not extraction.graph:
            # Gone for good: emptied once no worker (an export of it) may read it, since a
            # frozen graph (graph.jobs.long_lived) waits in vain for the cycle collector.
            self.curation.runner.retire(old_graph)
        return True

    def _roll_back(self, graph: nx.MultiDiGraph, documents: dict) -> None:
        """Show ``graph`` in every panel again; an empty one if even that fails."""
        for fallback_graph, fallback_documents in ((graph, documents), (nx.MultiDiGraph(), {})):
            try:
                with raising():
                    self.model.reset(fallback_graph, fallback_documents)
                    self.canvas.redraw_now()
                return
            except Exception:  # the panels fail on the old graph too: fall back further
                log.exception("showing the previous graph again failed")

    def _report_problems(self, skipped: int, lines: list[str]) -> None:
        """Say what was not read, in a box that blocks nothing; the next load's problems
        replace these in the same box rather than stacking another."""
        text = (messages.FILES_SKIPPED.format(skipped=skipped) if skipped
                else messages.EXTRACTION_NOTES)
        self.problems_box = dialogs.message_box(
            self, QMessageBox.Icon.Information, messages.PROBLEMS_TITLE, text,
            details="\n".join(lines), modal=False, reuse=self.problems_box)

    @guarded
    def _on_job_failed(self, message: str) -> None:
        if not self._outcome_counts():
            return
        self.show_status(message, 15_000)
        self._update_counts()
        self.error_box = dialogs.message_box(self, QMessageBox.Icon.Warning,
                                             messages.OPEN_FAILED_TITLE, message)
        self.jobFinished.emit("failed")

    @guarded
    def _on_job_cancelled(self) -> None:
        if not self._outcome_counts():
            return
        self.show_status(messages.CANCELLED, 8_000)
        self.jobFinished.emit("cancelled")

    @guarded
    def _on_thread_finished(self) -> None:
        job, self.job = self.job, None
        if job is None:
            return
        job.deleteLater()  # its last signal: nothing of it is queued any more
        queued, self._queued = self._queued, None
        if queued is not None:
            self._start_job(*queued)
            return
        for widget in self._job_widgets():
            widget.hide()
        self._update_counts()
