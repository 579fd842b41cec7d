"""The search field: entities as you type (labels and aliases), sentences on Enter.

Completion uses a ``QCompleter`` in unfiltered-popup mode fed by
:class:`graph.query.EntityIndex`, which finds substrings case-insensitively in C-speed
``str.find`` calls, so typing stays instant on 100k entities.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from app.bridge import listen
from app.guard import guarded
from graph.explore.model import GraphModel, ModelEvent
from graph.explore.query import EntityHit
from graph.taxonomy import type_info

SUGGESTIONS = 15


class SearchField(QLineEdit):
    """Emits ``entityChosen(node id)`` or ``textSearchRequested(query)``."""

    entityChosen = Signal(str)
    textSearchRequested = Signal(str)

    def __init__(self, model: GraphModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setPlaceholderText("Search entities\u2026  (Enter: search the text)")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(260)
        self.index = model.facts.index
        self.hits: list[EntityHit] = []
        self._suggestions = QStringListModel(self)
        self.completer_ = QCompleter(self._suggestions, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(SUGGESTIONS)
        self.completer_.setWidget(self)
        self.completer_.activated[str].connect(self._on_suggestion_activated)
        self.textEdited.connect(self._on_text_edited)
        self.returnPressed.connect(self._on_return)
        listen(self, model.subscribe, self._on_model_changed)

    def _on_model_changed(self, event: ModelEvent) -> None:
        self.index = self.model.facts.index
        if event.kind == "edited":  # the same corpus corrected: what was typed still holds
            return
        # A new graph: what was typed and offered named entities of the old one.
        self.completer_.popup().hide()
        self.hits = []
        self._suggestions.setStringList([])
        self.clear()

    @staticmethod
    def describe(hit: EntityHit) -> str:
        shown = hit.label if hit.matched == hit.label else f"{hit.label}  \u00ab{hit.matched}\u00bb"
        return f"{shown}  \u2014 {type_info(hit.type).name}"

    def suggest(self, text: str) -> list[EntityHit]:
        """Update the completion list for ``text`` and return the hits."""
        self.hits = self.index.search(text, SUGGESTIONS)
        self._suggestions.setStringList([self.describe(h) for h in self.hits])
        return self.hits

    @guarded
    def _on_text_edited(self, text: str) -> None:
        if self.suggest(text):
            self.completer_.complete()
        else:
            self.completer_.popup().hide()

    def choose(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            hit = self.hits[row]
            self.setText(hit.label)
            self.entityChosen.emit(hit.node)

    @guarded
    def _on_suggestion_activated(self, text: str) -> None:
        rows = self._suggestions.stringList()
        if text in rows:
            self.choose(rows.index(text))

    @guarded
    def _on_return(self) -> None:
        if self.completer_.popup().isVisible():
            return  # the popup's own activation handles it
        query = self.text().strip()
        if not query:
            return
        exact = [h for h in self.suggest(query) if query.casefold() in
                 (h.label.casefold(), h.matched.casefold())]
        if exact:
            self.setText(exact[0].label)
            self.entityChosen.emit(exact[0].node)
        else:
            self.textSearchRequested.emit(query)
