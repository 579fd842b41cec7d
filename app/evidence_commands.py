"""What a selection came from: copy its evidence sentences, open its source documents.

:class:`EvidenceCommands` is mixed into :class:`app.main_window.MainWindow`. Edit > Copy
Evidence and Edit > Open Source File act on the current selection (an edge, or every
selected entity); the context menus of a node, of several selected nodes and of an edge
offer the same for what was clicked. The sentences come from
:mod:`graph.explore.evidence`; files are opened by the desktop
(``QDesktopServices.openUrl``), never read here.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMenu

from app.guard import guarded_call
from app.plain_text import menu_text, tooltip_text
from graph import messages
from graph.explore.evidence import (
    Evidence,
    edge_evidence,
    evidence_documents,
    evidence_text,
    node_evidence,
)


class EvidenceCommands:
    """Copy Evidence and Open Source File (uses the window's model, canvas and status bar)."""

    # -- what the selection came from -------------------------------------------------
    def nodes_evidence_items(self, nids: list[str]) -> list[Evidence]:
        """The sentences that mention any of ``nids``, entity by entity."""
        items: list[Evidence] = []
        for nid in nids:
            if nid in self.model:
                items += node_evidence(self.model.graph, self.model.documents, nid)
        return items

    def edge_evidence_items(self, u: str, v: str, key: str) -> list[Evidence]:
        """The evidence sentences of the edge ``(u, v, key)``."""
        return edge_evidence(self.model.graph, u, v, key)

    def selection_evidence(self) -> list[Evidence]:
        """The evidence of the selected edge, else of every selected entity."""
        edge = self.canvas.selected_edge()
        if edge is not None and self.model.graph.has_edge(*edge):
            return self.edge_evidence_items(*edge)
        return self.nodes_evidence_items(self.canvas.selected_nodes())

    def source_files(self, evidence: list[Evidence]) -> list[tuple[str, str]]:
        """``(document id, file path)`` of the documents of ``evidence`` that are at hand,
        the one with most sentences first."""
        documents = self.model.documents
        return [(doc, os.path.abspath(documents[doc].path))
                for doc in evidence_documents(evidence) if doc in documents]

    # -- commands -----------------------------------------------------------------------
    def copy_evidence(self, evidence: list[Evidence] | None = None) -> str:
        """Put ``evidence`` (default: the selection's) on the clipboard as plain text, one
        ``"sentence" — document`` line each; returns the text copied."""
        evidence = self.selection_evidence() if evidence is None else evidence
        text = evidence_text(evidence)
        if not text:
            self.show_status(messages.NO_EVIDENCE, 6_000)
            return ""
        QGuiApplication.clipboard().setText(text)
        self.show_status(messages.COPIED_EVIDENCE.format(count=text.count("\n") + 1), 6_000)
        return text

    def open_source_file(self, path: str | None = None) -> bool:
        """Open ``path`` (default: the selection's main document) with the desktop's
        program for it; whether the desktop took it."""
        if path is None:
            files = self.source_files(self.selection_evidence())
            if not files:
                self.show_status(messages.NO_SOURCE_FILE, 6_000)
                return False
            path = files[0][1]
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        self.show_status((messages.OPENED_FILE if opened else messages.CANNOT_OPEN_FILE)
                         .format(path=path), 8_000)
        return opened

    # -- menus --------------------------------------------------------------------------
    def _build_source_menu(self) -> None:
        """Edit > Open Source File lists the documents of the selection when it opens."""
        self.source_menu = QMenu(self)
        self.source_menu.aboutToShow.connect(
            lambda: self._fill_source_menu(self.source_menu, self.selection_evidence()))
        self.acts["open_source"].setMenu(self.source_menu)

    def _fill_source_menu(self, menu: QMenu, evidence: list[Evidence]) -> None:
        menu.clear()
        files = self.source_files(evidence)
        for doc, path in files:
            entry = menu.addAction(menu_text(doc), guarded_call(self, self.open_source_file, path))
            entry.setToolTip(tooltip_text(path))
        if not files:
            menu.addAction(messages.NO_SOURCE_FILE).setEnabled(False)

    def _add_evidence_entries(self, menu: QMenu, evidence: list[Evidence]) -> None:
        """Copy Evidence and Open Source File (a submenu when there are several files)."""
        copy = menu.addAction(messages.COPY_EVIDENCE,
                              guarded_call(self, self.copy_evidence, evidence))
        copy.setEnabled(bool(evidence))
        files = self.source_files(evidence)
        if len(files) > 1:
            self._fill_source_menu(menu.addMenu(messages.OPEN_SOURCE_FILE), evidence)
            return
        entry = menu.addAction(messages.OPEN_SOURCE_FILE)
        if files:
            entry.triggered.connect(guarded_call(self, self.open_source_file, files[0][1]))
            entry.setToolTip(tooltip_text(files[0][1]))
        entry.setEnabled(bool(files))
