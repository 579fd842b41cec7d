"""Communities and centrality of the model's graph, computed in a worker, once per graph.

:class:`AnalysisRunner` runs :func:`graph.explore.analysis.analysis_job` in an
:class:`app.workers.JobThread` when a view first asks for it (:meth:`AnalysisRunner.request`)
and keeps the result for the graph it was computed on: a model reset drops it and cancels a
run in progress, so a result never describes another graph. A graph big enough to open on
its communities comes with its analysis (:func:`graph.explore.opening.opening_facts`,
computed in the worker that built it): that one is used and nothing runs. Nothing waits
for it: views show what they can meanwhile (sizes by mentions, "computing" in the details)
and update on :attr:`AnalysisRunner.ready`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from app.bridge import listen
from app.workers import JobThread
from graph.explore.analysis import GraphAnalysis, analysis_job, betweenness_job
from graph.explore.model import GraphModel, ModelEvent

log = logging.getLogger(__name__)


class AnalysisRunner(QObject):
    """The analysis of ``model.graph``, computed on demand off the GUI thread.

    Signals
    -------
    ready(object)
        A :class:`GraphAnalysis` of the current graph is available.
    """

    ready = Signal(object)

    def __init__(self, model: GraphModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._result: GraphAnalysis | None = None
        self._thread: JobThread | None = None
        self._graph = None  # the graph the running thread analyses
        listen(self, model.subscribe, self._on_model_changed)

    def result(self) -> GraphAnalysis | None:
        """The analysis of the current graph, or ``None`` while it is not computed."""
        result, graph = self._result, self._model.graph
        if result is None or result.graph is not graph:
            handed = self._model.facts.analysis  # a big graph comes with it from its worker
            if handed is not None:
                result = self._result = handed
        return result if result is not None and result.graph is graph else None

    def running(self) -> bool:
        return self._thread is not None

    def request(self, complete: bool = False) -> GraphAnalysis | None:
        """The analysis if known; otherwise start computing it (once) and return ``None``.

        An analysis without betweenness (the one a big graph opens with: not
        :attr:`GraphAnalysis.complete`) is returned as it is; with ``complete`` its
        betweenness is computed meanwhile (:attr:`ready` announces the completed one)."""
        result = self.result()
        if result is not None:
            if complete and not result.complete:
                self._start(lambda: betweenness_job(result))
            return result
        graph = self._model.graph
        self._start(lambda: analysis_job(graph))
        return None

    def _start(self, make_job) -> None:
        """Run ``make_job()`` on the current graph unless a run for it is going already."""
        graph = self._model.graph
        if self._thread is not None and self._graph is not graph:
            self.stop()  # computing a graph that has since been replaced
        if self._thread is None and len(self._model):
            self._graph = graph
            thread = JobThread(make_job, str)
            thread.succeeded.connect(self._on_succeeded)
            thread.failed.connect(self._on_failed)
            thread.finished.connect(self._on_finished)
            self._thread = thread
            thread.start()

    def stop(self) -> None:
        """Cancel a run in progress without waiting for it."""
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.cancel()

    def _on_model_changed(self, event: ModelEvent) -> None:
        if event.kind == "reset":
            self._result = None
            self.stop()

    def _on_succeeded(self, result: GraphAnalysis) -> None:
        if self.sender() is self._thread and result.graph is self._model.graph:
            self._result = result
            self.ready.emit(result)

    def _on_failed(self, message: str) -> None:
        log.warning("community analysis failed: %s", message)

    def _on_finished(self) -> None:
        thread = self.sender()
        if thread is None:
            return
        thread.deleteLater()  # its last signal: see app.workers
        if thread is self._thread:
            self._thread = None


__all__ = ["AnalysisRunner"]
