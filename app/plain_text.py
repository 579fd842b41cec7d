"""Show text from outside (file names, entity labels, error messages) exactly as it is.

Qt guesses whether a string is rich text in tooltips and labels, reads ``&`` in a
menu entry as the mark of a keyboard mnemonic and ``[*]`` in a window title as the place of
the "modified" mark. A document named ``<b>notes</b>.txt`` or an entity called ``AT&T``
must still read as written, so such text goes through these. Widgets that show it whole
set ``Qt.TextFormat.PlainText`` instead; HTML the app writes escapes it with
:func:`html_text`.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import Qt


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
