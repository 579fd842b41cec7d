"""The docks of graph correction: Edits, Entities (the table) and Merge Review.

:class:`CurationDocks` makes them, puts them in the window (Edits tabbed with the filters,
Entities and Merge Review tabbed at the bottom, those two hidden until asked for) and wires
them: a table row selects its entity in the window and the canvas selection selects its
row; the table's bulk edits and the review's decisions go through the window's
:class:`app.curation.CurationControl`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt

from app.curation import CurationControl
from app.edits_panel import EditsPanel
from app.entity_table import EntityTable
from app.guard import guarded
from app.merge_review import MergeReview
from graph import messages


class CurationDocks(QObject):
    """The three docks of ``window`` (which has ``curation``, a ``CurationControl``)."""

    def __init__(self, window, curation: CurationControl) -> None:
        super().__init__(window)
        self.window, self.curation = window, curation
        self.edits_panel = EditsPanel(curation)
        self.table = EntityTable(window.model)
        self.review = MergeReview(curation)
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.edits_dock = window._dock(messages.EDITS_TITLE, "edits", self.edits_panel, left)
        self.table_dock = window._dock(messages.ENTITIES_TITLE, "entity_table", self.table,
                                       bottom)
        self.review_dock = window._dock(messages.MERGE_REVIEW_TITLE, "merge_review",
                                        self.review, bottom)
        window.tabifyDockWidget(window.filters_dock, self.edits_dock)
        window.tabifyDockWidget(self.table_dock, self.review_dock)
        window.filters_dock.raise_()
        self.table_dock.hide()  # opened from the View menu: the canvas keeps its room
        self.review_dock.hide()
        self.table.entitySelected.connect(window.select_node)
        self.table.entityActivated.connect(window.focus_entity)
        self.table.retypeRequested.connect(self._on_rows_retype)
        self.table.mergeRequested.connect(self._on_rows_merge)
        self.table.deleteRequested.connect(self._on_rows_delete)
        window.canvas.selectionChanged.connect(self._on_canvas_selection_changed)
        curation.logChanged.connect(self._on_log_changed)

    @property
    def docks(self) -> list:
        """The docks, for the View menu."""
        return [self.edits_dock, self.table_dock, self.review_dock]

    def show_merge_review(self) -> None:
        """Open the Merge Review dock."""
        self.review_dock.show()
        self.review_dock.raise_()

    def _on_log_changed(self) -> None:
        self.table.set_editable(self.curation.editable, messages.NOT_EDITABLE)

    @guarded
    def _on_rows_retype(self, ids: list[str]) -> None:
        self.curation.retype(ids)

    @guarded
    def _on_rows_merge(self, ids: list[str]) -> None:
        if len(ids) > 1:
            self.curation.merge(ids[0], ids[1:])

    @guarded
    def _on_rows_delete(self, ids: list[str]) -> None:
        self.curation.delete(ids)

    @guarded
    def _on_canvas_selection_changed(self) -> None:
        nid = self.window.canvas.selected_node()
        if nid is not None and nid not in self.table.selected():
            self.table.select_entities([nid])
