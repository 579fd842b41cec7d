"""One reader per document format, chosen by file suffix.

A reader turns a file's bytes (and path) into text and the encoding it used, or raises
``ValueError`` with a reason a person can act on. To read a new format, write a function
``reader(path, data) -> (text, encoding)`` in its own module and register its suffixes in
:data:`READERS`. A reader that fails in any other way (a parser's bug, a recursion limit,
memory) costs its document only: :func:`read_document` turns every exception into a reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from graph import messages
from graph.ingest.documents import Document
from graph.ingest.files import read_bounded
from graph.ingest.html import html_to_text
from graph.ingest.pdf import pdf_to_text
from graph.ingest.text import LEGACY_ENCODING, decode_text, visible_text

Reader = Callable[[Path, bytes], tuple[str, str]]
_MAX_ERROR_CHARS = 200


def _read_text(path: Path, data: bytes) -> tuple[str, str]:
    return decode_text(data)


def _read_html(path: Path, data: bytes) -> tuple[str, str]:
    markup, encoding = decode_text(data)
    text = html_to_text(markup)
    if markup.strip() and not text.strip():
        raise ValueError(messages.HTML_NO_TEXT)
    return text, encoding


def _read_pdf(path: Path, data: bytes) -> tuple[str, str]:
    return pdf_to_text(data), "pdf"


READERS: dict[str, Reader] = {
    **dict.fromkeys((".txt", ".text", ".md", ".markdown"), _read_text),
    **dict.fromkeys((".html", ".htm", ".xhtml"), _read_html),
    ".pdf": _read_pdf,
}
SUPPORTED_SUFFIXES = frozenset(READERS)


def reader_for(path: Path) -> Reader | None:
    """The reader for ``path``'s suffix, or ``None`` when the format is not supported."""
    return READERS.get(path.suffix.lower())


def run_reader(reader: Reader, path: Path, data: bytes) -> tuple[str, str]:
    """``reader(path, data)``, with every failure turned into ``ValueError(reason)``.

    The one place a reader's exception is caught: whatever a document does to its parser,
    the document is skipped with a reason and the corpus goes on.
    """
    try:
        return reader(path, data)
    except UnicodeError as exc:  # a ValueError, but its text is a codec's, not a reason
        raise ValueError(messages.BAD_ENCODING.format(
            encoding=getattr(exc, "encoding", None) or "text")) from exc
    except ValueError:
        raise
    except RecursionError as exc:
        raise ValueError(messages.READ_TOO_DEEP) from exc
    except MemoryError as exc:
        raise ValueError(messages.READ_OUT_OF_MEMORY) from exc
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise ValueError(messages.READER_FAILED.format(error=error[:_MAX_ERROR_CHARS])
                         ) from exc


def read_document(path: Path, doc_id: str, cap_mb: float | None = None
                  ) -> tuple[Document, list[str]]:
    """Read one file into a :class:`Document`.

    Parameters
    ----------
    path
        The file (its real name, which may hold bytes that are not UTF-8).
    doc_id
        The document's id, printable text.
    cap_mb
        The size cap in megabytes; ``None`` takes it from ``THREADLINE_MAX_FILE_MB``.

    Returns
    -------
    tuple
        The document and warnings (a legacy 8-bit decode).

    Raises
    ------
    ValueError
        With the reason the file is skipped; nothing else escapes.
    """
    reader = reader_for(path)
    if reader is None:
        raise ValueError(messages.UNSUPPORTED_TYPE.format(suffix=path.suffix or "(none)"))
    data = read_bounded(path, cap_mb)
    text, encoding = run_reader(reader, path, data)
    warnings: list[str] = []
    if encoding in (LEGACY_ENCODING, "latin-1"):
        warnings.append(messages.LEGACY_ENCODING.format(doc=doc_id, encoding=encoding))
    text = visible_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise ValueError(messages.PDF_NO_TEXT if encoding == "pdf" else messages.EMPTY_FILE)
    digest = hashlib.sha256(data).hexdigest()
    return Document(doc_id, str(path), text, digest, encoding), warnings
