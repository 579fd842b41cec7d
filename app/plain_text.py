"""Show text from outside (file names, entity labels, error messages) exactly as it is.

Qt guesses whether a string is rich text in tooltips and labels, reads ``&`` in a
menu entry as the mark of a keyboard mnemonic and ``[*]`` in a window title as the place of
the "modified" mark. A document named ``<b>notes</b>.txt`` or an entity called ``AT&T``
must still read as written, so such text goes through these. Widgets that show it whole
set ``Qt.TextFormat.PlainText`` instead (:class:`ElidedLabel` for a line that may be
long); HTML the app writes escapes it with :func:`html_text`.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


def menu_text(text: str) -> str:
    """``text`` for a menu entry: every ``&`` shown, none taken as a mnemonic."""
    return text.replace("&", "&&")


def tooltip_text(text: object) -> str:
    """``text`` for a tooltip: escaped into rich text when Qt would take it for markup."""
    text = str(text)  # ids and names of an imported graph need not be strings
    if Qt.mightBeRichText(text):
        return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNoWrap)
    return text


def title_text(text: str) -> str:
    """``text`` for a window title: a ``[*]`` in it is shown, not taken as the modified mark."""
    return text.replace("[*]", "[*][*]")


def html_text(value: object) -> str:
    """Any value (a label, an attribute of an imported graph) as text inside HTML."""
    return escape(str(value))


class ElidedLabel(QLabel):
    """One line of plain text, elided ("…") to the width it gets, the whole in its tooltip.

    However long the text (an entity's name, a file name), it never asks its layout for
    more room: the panel it is in keeps its width.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""

    def setText(self, text: str) -> None:
        self._full = str(text)
        self._elide()

    def full_text(self) -> str:
        """The text as set, before eliding."""
        return self._full

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(0, self.contentsRect().width()))
        super().setText(shown)
        self.setToolTip(tooltip_text(self._full) if shown != self._full else "")
