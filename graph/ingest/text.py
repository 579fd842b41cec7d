"""Plain text and Markdown: bytes to text, whatever the encoding, binary refused."""

from __future__ import annotations

import codecs

from graph import messages

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
LEGACY_ENCODING = "cp1252"


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
