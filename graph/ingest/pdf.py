"""PDF: the text layer, page by page (pypdf is imported only when a PDF is read).

A PDF is a program for a parser as much as a document, so every way pypdf can fail
becomes a ``ValueError`` with a reason: a password, AES without ``cryptography``, arrays
nested past Python's recursion limit, streams that inflate past pypdf's limits, and
anything else pypdf raises on a damaged file.
"""

from __future__ import annotations

import io

from graph import messages


class _Refused(ValueError):
    """A reason of this module's own, passed on as it is."""


def _describe(exc: Exception) -> str:
    from pypdf.errors import PyPdfError

    if isinstance(exc, PyPdfError) and str(exc):
        return str(exc)
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _decrypt(reader) -> None:
    """Open an encrypted PDF with the empty password, which many "protected" PDFs use."""
    from pypdf.errors import DependencyError

    try:
        opened = reader.decrypt("")
    except DependencyError as exc:
        raise _Refused(messages.PDF_NEEDS_CRYPTOGRAPHY) from exc
    except Exception as exc:  # pypdf raises several kinds for odd encryption dictionaries
        raise _Refused(messages.PDF_ENCRYPTED) from exc
    if not opened:  # PasswordType.NOT_DECRYPTED: a real password is needed
        raise _Refused(messages.PDF_PASSWORD)


def pdf_to_text(data: bytes) -> str:
    """Text layer of a PDF, pages separated by blank lines.

    Parameters
    ----------
    data
        The bytes of the file (already read, within the size cap).

    Raises
    ------
    ValueError
        The PDF cannot be read, with the reason.
    """
    from pypdf import PdfReader  # imported lazily: most corpora have no PDFs
    from pypdf.errors import DependencyError, LimitReachedError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            _decrypt(reader)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (_Refused, RecursionError, MemoryError):
        raise  # run_reader gives every reader the same reasons for these
    except DependencyError as exc:
        raise ValueError(messages.PDF_NEEDS_CRYPTOGRAPHY) from exc
    except LimitReachedError as exc:
        raise ValueError(messages.PDF_TOO_LARGE) from exc
    except Exception as exc:  # pypdf on a damaged file: PdfReadError, KeyError, TypeError...
        raise ValueError(messages.PDF_UNREADABLE.format(error=_describe(exc))) from exc
    return "\n\n".join(p.strip() for p in pages if p.strip())
