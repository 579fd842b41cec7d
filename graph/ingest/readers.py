"""One reader per document format, chosen by file suffix.

A reader turns a file's bytes (and path) into text and the encoding it used, or raises
``ValueError`` with a reason a person can act on. To read a new format, write a function
``reader(path, data) -> (text, encoding)`` in its own module and register its suffixes in
:data:`READERS`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from graph import messages
from graph.ingest.documents import Document
from graph.ingest.html import html_to_text
from graph.ingest.pdf import pdf_to_text
from graph.ingest.text import LEGACY_ENCODING, decode_text

Reader = Callable[[Path, bytes], tuple[str, str]]


def _read_text(path: Path, data: bytes) -> tuple[str, str]:
    return decode_text(data)


def _read_html(path: Path, data: bytes) -> tuple[str, str]:
    text, encoding = decode_text(data)
    return html_to_text(text), encoding


def _read_pdf(path: Path, data: bytes) -> tuple[str, str]:
    return pdf_to_text(path), "pdf"


READERS: dict[str, Reader] = {
    **dict.fromkeys((".txt", ".text", ".md", ".markdown"), _read_text),
    **dict.fromkeys((".html", ".htm", ".xhtml"), _read_html),
    ".pdf": _read_pdf,
}
SUPPORTED_SUFFIXES = frozenset(READERS)


def reader_for(path: Path) -> Reader | None:
    """The reader for ``path``'s suffix, or ``None`` when the format is not supported."""
    return READERS.get(path.suffix.lower())


def read_document(path: Path, doc_id: str) -> tuple[Document, list[str]]:
    """Read one file; returns the document and warnings. Raises ``ValueError`` with a reason."""
    reader = reader_for(path)
    if reader is None:
        raise ValueError(messages.UNSUPPORTED_TYPE.format(suffix=path.suffix or "(none)"))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(messages.UNREADABLE_FILE.format(error=exc.strerror or exc)) from exc
    text, encoding = reader(path, data)
    warnings: list[str] = []
    if encoding in (LEGACY_ENCODING, "latin-1"):
        warnings.append(messages.LEGACY_ENCODING.format(doc=doc_id, encoding=encoding))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ValueError(messages.PDF_NO_TEXT if encoding == "pdf" else messages.EMPTY_FILE)
    digest = hashlib.sha256(data).hexdigest()
    return Document(doc_id, str(path), text, digest, encoding), warnings
