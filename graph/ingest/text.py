"""Plain text and Markdown: bytes to text, whatever the encoding, binary refused."""

from __future__ import annotations

import codecs
import re

from graph import messages

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
LEGACY_ENCODING = "cp1252"

# Terminal escape sequences (colours, cursor moves, window titles, links) as a captured
# log or a crafted file holds them: CSI, OSC (to BEL or ST), then the short forms (ECMA-48).
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[ -/]*[0-~])"
                      r"|\x9b[0-?]*[ -/]*[@-~]?")
# Control characters other than tab and newline: they are no words, XML 1.0 cannot hold
# most of them, and on a terminal or in a label they act instead of showing.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_PAGE_BREAKS = str.maketrans({"\v": "\n", "\f": "\n"})


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean "not text"."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in b"\t\n\r\f\v\x1b")
    return bool(head) and control / len(head) > 0.1


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8/16/32 (by BOM), UTF-8, then a legacy 8-bit code page.

    Returns the text and the encoding used. Raises ``ValueError`` for binary data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if looks_binary(data):
        raise ValueError(messages.BINARY_FILE)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # cp1252 leaves five bytes undefined; fall back to latin-1 which maps every byte.
    try:
        return data.decode(LEGACY_ENCODING), LEGACY_ENCODING
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def visible_text(text: str) -> str:
    """``text`` without terminal escape sequences and control characters.

    Escape sequences go entirely (``"\\x1b[1mGPT-4\\x1b[0m"`` reads as ``"GPT-4"``), page
    breaks become line breaks, any other control character a space, so words stay apart.

    Examples
    --------
    >>> visible_text("\\x1b[31mOpenAI\\x1b[0m\\x07 released\\fGPT-4")
    'OpenAI  released\\nGPT-4'
    """
    return _CONTROLS.sub(" ", _ESCAPES.sub("", text).translate(_PAGE_BREAKS))
