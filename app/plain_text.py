"""Show text from outside (file names, entity labels, error messages) exactly as it is.

Qt guesses whether a string is rich text in tooltips and labels, and reads ``&`` in a
menu entry as the mark of a keyboard mnemonic. A document named ``<b>notes</b>.txt`` or
an entity called ``AT&T`` must still read as written, so such text goes through these.
"""

from __future__ import annotations

from PySide6.QtGui import Qt


def menu_text(text: str) -> str:
    """``text`` for a menu entry: every ``&`` shown, none taken as a mnemonic."""
    return text.replace("&", "&&")


def tooltip_text(text: str) -> str:
    """``text`` for a tooltip: escaped into rich text when Qt would take it for markup."""
    if Qt.mightBeRichText(text):
        return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNoWrap)
    return text
