"""The window's status bar: messages elided before the counts, the counts, job widgets.

:class:`StatusMessages` is mixed into :class:`app.main_window.MainWindow` (it uses the job
widgets of :class:`app.job_control.JobControl` and the facts count of
:class:`app.view_filters.ViewFilters`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.plain_text import tooltip_text

STATUS_GAP = 16  # pixels between a status message and the counts on its right


class StatusMessages:
    """Status bar messages that never run into the counts beside them."""

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self._build_job_widgets(status)
        self._build_facts_count(status)
        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        status.addPermanentWidget(self.counts)
        self._status_shown = ""
        status.messageChanged.connect(self._on_status_message_changed)

    def show_status(self, message: str, timeout_ms: int = 0) -> None:
        """Show ``message`` in the status bar for ``timeout_ms`` (0: until the next one).

        A message too long for the room left of the counts is elided, the whole of it in
        the status bar's tooltip, so it never runs into them.
        """
        status = self.statusBar()
        status.layout().activate()  # the counts may have just changed width
        right = min((w.x() for w in (*self._job_widgets(), self.facts_count, self.counts)
                     if w.isVisible()), default=status.width())
        shown = status.fontMetrics().elidedText(message, Qt.TextElideMode.ElideRight,
                                                max(0, right - STATUS_GAP))
        self._status_shown = shown
        status.setToolTip(tooltip_text(message) if shown != message else "")
        status.showMessage(shown, timeout_ms)

    def _on_status_message_changed(self, message: str) -> None:
        if message != self._status_shown:  # timed out, or a menu's status tip
            self.statusBar().setToolTip("")
