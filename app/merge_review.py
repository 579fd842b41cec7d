"""The Merge Review dock: pairs of entities that may be one, side by side with evidence.

The suggestions (:mod:`graph.explore.suggestions`) are computed in a worker thread
(:class:`app.workers.JobThread`) from the curated graph, leaving out pairs the person kept
apart. Each pair shows both entities' names, types and the sentences that mention them
(plain text). Accept merges the right one into the left, "Merge into Right" the other way,
Reject records a ``reject_merge`` edit so the pair is never suggested again; each is one
undo step through :class:`app.curation.CurationControl`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.curation import CurationControl
from app.guard import guarded
from app.workers import JobThread
from graph import messages
from graph.build.edits import REJECT_MERGE, Edit
from graph.explore.suggestions import Suggestion, evidence, suggestions_job
from graph.taxonomy import type_info

EVIDENCE_SENTENCES = 6


class MergeReview(QWidget):
    """Suggestions of ``curation``'s graph, refreshed after every change while shown."""

    def __init__(self, curation: CurationControl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.curation = curation
        self.model = curation.window.model
        self.suggestions: list[Suggestion] = []
        self.job: JobThread | None = None
        self._stale = True
        self.list = QListWidget()
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.left, self.right = QPlainTextEdit(readOnly=True), QPlainTextEdit(readOnly=True)
        sides = QSplitter(Qt.Orientation.Horizontal)
        sides.addWidget(self.left)
        sides.addWidget(self.right)
        self.accept_button = QPushButton(messages.SUGGESTION_ACCEPT)
        self.other_way_button = QPushButton(messages.SUGGESTION_OTHER_WAY)
        self.reject_button = QPushButton(messages.SUGGESTION_REJECT)
        self.refresh_button = QPushButton(messages.SUGGESTION_REFRESH)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.other_way_button, self.reject_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(sides)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.status)
        layout.addWidget(splitter)
        layout.addLayout(buttons)
        self.list.currentRowChanged.connect(self._on_row_changed)
        self.accept_button.clicked.connect(lambda: self.accept(other_way=False))
        self.other_way_button.clicked.connect(lambda: self.accept(other_way=True))
        self.reject_button.clicked.connect(self.reject)
        self.refresh_button.clicked.connect(self.refresh)
        curation.logChanged.connect(self._on_graph_changed)
        self._on_row_changed(-1)

    # -- computing -----------------------------------------------------------------------
    def _on_graph_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Compute the suggestions again, in a worker thread."""
        if self.job is not None:
            self.job.cancel()
        self._stale = False
        graph = self.model.graph
        rejected = self.curation.state.rejected_pairs(graph) if self.curation.editable \
            else set()
        job = JobThread(lambda: suggestions_job(graph, rejected), messages.for_user, self)
        job.succeeded.connect(lambda found, g=graph: self._on_found(found, g))
        job.failed.connect(self.status.setText)
        job.finished.connect(job.deleteLater)
        self.job = job
        self.status.setText(messages.FINDING_SUGGESTIONS)
        job.start()

    @guarded
    def _on_found(self, found: list[Suggestion], graph) -> None:
        if graph is not self.model.graph:
            return  # computed for a graph that has changed since: a newer job follows
        self.job = None
        self.suggestions = found
        self.list.clear()
        for suggestion in found:
            text = (f"{self.model.label(suggestion.keep)}  \u2194  "
                    f"{self.model.label(suggestion.other)}   ({suggestion.reason})")
            self.list.addItem(QListWidgetItem(text))  # plain text
        self.status.setText(messages.SUGGESTIONS_COUNT.format(count=len(found)) if found
                            else messages.SUGGESTIONS_NONE)
        if found:
            self.list.setCurrentRow(0)
        else:
            self._on_row_changed(-1)

    def is_ready(self) -> bool:
        """No computation running (tests wait for it)."""
        return self.job is None

    # -- showing -------------------------------------------------------------------------
    def _describe(self, nid: str) -> str:
        data = self.model.node(nid)
        head = messages.ENTITY_EVIDENCE.format(
            label=data.get("label", nid), type=type_info(data.get("type", "OTHER")).name,
            mentions=data.get("mentions", 0),
            aliases=", ".join(map(str, data.get("aliases", ()))) or "\u2014")
        sentences = evidence(self.model.graph, self.model.documents, nid, EVIDENCE_SENTENCES)
        return head + "\n\n".join(f"[{doc}] {text}" for doc, text in sentences)

    def current(self) -> Suggestion | None:
        row = self.list.currentRow()
        return self.suggestions[row] if 0 <= row < len(self.suggestions) else None

    def _on_row_changed(self, _row: int) -> None:
        suggestion = self.current()
        valid = suggestion is not None and suggestion.keep in self.model \
            and suggestion.other in self.model
        self.left.setPlainText(self._describe(suggestion.keep) if valid else "")
        self.right.setPlainText(self._describe(suggestion.other) if valid else "")
        for button in (self.accept_button, self.other_way_button, self.reject_button):
            button.setEnabled(valid and self.curation.editable)

    # -- deciding ------------------------------------------------------------------------
    @guarded
    def accept(self, other_way: bool = False) -> bool:
        """Merge the right entity into the left (``other_way``: the left into the right)."""
        suggestion = self.current()
        if suggestion is None:
            return False
        keep, gone = (suggestion.other, suggestion.keep) if other_way else \
            (suggestion.keep, suggestion.other)
        return self.curation.merge(keep, [gone])

    @guarded
    def reject(self) -> bool:
        """Keep the pair apart: never suggested again (undoable)."""
        suggestion = self.current()
        if suggestion is None:
            return False
        edit = Edit(REJECT_MERGE, self.curation.ref(suggestion.keep),
                    self.curation.ref(suggestion.other))
        return self.curation.perform([edit])
