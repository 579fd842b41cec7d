"""The window's dialogs: file choosers, questions, message boxes, About and the shortcut list.

Message boxes and question labels show text from outside (paths, entity labels, error
messages) as plain text, so a file called ``<b>x</b>.txt`` is shown as named.
"""

from __future__ import annotations

from html import escape

import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from graph import __version__, messages

TITLE_BAR_BUTTONS = 160  # pixels a title bar keeps for its icon and buttons


def choose_folder(parent: QWidget, start: str) -> str:
    """A folder of documents to open, or ``""`` when the person cancels."""
    return QFileDialog.getExistingDirectory(parent, messages.OPEN_FOLDER_TITLE, start)


def choose_files(parent: QWidget, start: str) -> list[str]:
    """Documents or a graph file to open (empty when the person cancels)."""
    files, _ = QFileDialog.getOpenFileNames(parent, messages.OPEN_FILES_TITLE, start,
                                            messages.OPEN_FILES_FILTER)
    return files


def choose_save_path(parent: QWidget, title: str, suggestion: str, file_filter: str) -> str:
    """A file to write, or ``""`` when the person cancels."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggestion, file_filter)
    return path


def _plain_labels(dialog: QDialog) -> None:
    for label in dialog.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)


def ask_number(parent: QWidget, title: str, prompt: str, value: int, minimum: int,
               maximum: int) -> int | None:
    """Ask for a whole number (``prompt`` shown as plain text); ``None`` when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setInputMode(QInputDialog.InputMode.IntInput)
    dialog.setLabelText(prompt)
    dialog.setIntRange(minimum, maximum)
    dialog.setIntValue(value)
    _plain_labels(dialog)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.intValue() if accepted else None


def ask_text(parent: QWidget, title: str, prompt: str, text: str = "",
             width: int = 0) -> str | None:
    """Ask for a line of text (``prompt`` shown as plain text); ``None`` when cancelled.

    ``width`` widens the dialog (Qt's default is barely wider than its buttons, too narrow
    for the title); it is never narrower than its title needs.
    """
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setLabelText(prompt)
    dialog.setTextValue(text)
    _plain_labels(dialog)
    title_room = dialog.fontMetrics().horizontalAdvance(title) + TITLE_BAR_BUTTONS
    dialog.resize(max(width, title_room, dialog.sizeHint().width()), dialog.sizeHint().height())
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.textValue() if accepted else None


def message_box(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str,
                details: str = "", modal: bool = True,
                reuse: QMessageBox | None = None) -> QMessageBox:
    """Open a message box showing ``text`` (and ``details``) as plain text.

    Parameters
    ----------
    parent
        The window the box belongs to.
    icon, title, text
        What the box says; ``text`` may hold paths or error messages.
    details
        Shown behind the "Show Details..." button when not empty.
    modal
        Block the window until the box is closed; ``False`` lets the person go on.
    reuse
        A box this function opened before: it says the new text (open or closed) instead
        of a second box stacking on it.

    Returns
    -------
    QMessageBox
        The open box; keep a reference so it stays open.
    """
    box = reuse if reuse is not None and shiboken6.isValid(reuse) else \
        QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    box.setDetailedText(details)  # "" takes the Show Details button away
    if modal:
        box.open()  # window-modal
    else:
        # open() would make it window-modal: show it as a window of its own instead.
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
        box.raise_()
    return box


def about_box(parent: QWidget, meta: dict) -> QMessageBox:
    """Open the About box: the version and the pipeline that built the graph in ``meta``."""
    pipeline = f"{meta.get('pipeline', '?')} {meta.get('pipeline_version', '')}"
    # Rich text for the heading; the values come from the graph file, so escape them.
    text = messages.ABOUT_TEXT.format(version=escape(__version__), pipeline=escape(pipeline),
                                      spacy=escape(str(meta.get("spacy_version", "?"))))
    box = QMessageBox(QMessageBox.Icon.Information, messages.ABOUT_TITLE, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.RichText)
    icon = box.windowIcon()
    box.setIconPixmap(icon.pixmap(icon.actualSize(QSize(64, 64))))
    box.open()
    return box


def shortcuts_dialog(parent: QWidget, rows: list[tuple[str, str]]) -> QDialog:
    """Open the list of keyboard shortcuts and mouse gestures (``(action, keys)`` rows)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(messages.SHORTCUTS_TITLE)
    table = QTableWidget(len(rows), 2)
    table.setHorizontalHeaderLabels(list(messages.SHORTCUTS_HEADER))
    for i, (name, keys) in enumerate(rows):
        table.setItem(i, 0, QTableWidgetItem(name))
        table.setItem(i, 1, QTableWidgetItem(keys))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(460, 560)
    dialog.open()
    return dialog
