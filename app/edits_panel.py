"""The Edits dock: the corrections in the workspace's log, newest last, each revertible.

Each row is an active edit's :meth:`graph.build.edits.Edit.describe` text (plain text: it
names entities). An edit that found nothing when the graph was last rebuilt (its entity
left the re-extracted documents) is greyed, its tooltip saying why. Revert takes the
selected edit out of the log as one undo step (:class:`app.curation.RevertCommand`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.curation import CurationControl
from app.guard import guarded
from app.plain_text import tooltip_text
from graph import messages


class EditsPanel(QWidget):
    """The list of active edits of ``curation`` and a Revert button."""

    def __init__(self, curation: CurationControl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.curation = curation
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.empty = QLabel(messages.EDITS_EMPTY)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: gray;")
        self.revert_button = QPushButton(messages.REVERT_BUTTON)
        self.revert_button.setToolTip(messages.REVERT_TIP)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        layout.addWidget(self.revert_button)
        self.revert_button.clicked.connect(self.revert_selected)
        self.list.currentRowChanged.connect(self._update_button)
        curation.logChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the log as it is now."""
        state = self.curation.state
        self.list.clear()
        grey = QBrush(self.palette().color(QPalette.ColorGroup.Disabled,
                                           QPalette.ColorRole.Text))
        for edit_id, edit in state.log():
            item = QListWidgetItem(edit.describe())  # a list item shows plain text
            item.setData(Qt.ItemDataRole.UserRole, edit_id)
            if edit_id in state.skipped:
                item.setForeground(grey)
                item.setToolTip(messages.EDIT_SKIPPED_TIP)
            else:
                item.setToolTip(tooltip_text(edit.describe()))
            self.list.addItem(item)
        self.list.scrollToBottom()
        self.empty.setVisible(self.list.count() == 0)
        self.empty.setText(messages.EDITS_EMPTY if self.curation.editable
                           else messages.NOT_EDITABLE)
        self._update_button()

    def edit_texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _update_button(self, *_args) -> None:
        self.revert_button.setEnabled(self.list.currentItem() is not None
                                      and self.curation.editable)

    @guarded
    def revert_selected(self) -> bool:
        """Revert the selected edit (one undo step)."""
        item = self.list.currentItem()
        if item is None:
            return False
        return self.curation.revert(int(item.data(Qt.ItemDataRole.UserRole)))
