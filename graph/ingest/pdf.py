"""PDF: the text layer, page by page (pypdf is imported only when a PDF is read)."""

from __future__ import annotations

from pathlib import Path

from graph import messages


def pdf_to_text(path: Path) -> str:
    """Text layer of a PDF, pages separated by blank lines."""
    from pypdf import PdfReader  # imported lazily: most corpora have no PDFs
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:  # pypdf raises several kinds
                raise ValueError(messages.PDF_ENCRYPTED) from exc
        pages = [page.extract_text() or "" for page in reader.pages]
    except PdfReadError as exc:
        raise ValueError(messages.PDF_UNREADABLE.format(error=exc)) from exc
    return "\n\n".join(p.strip() for p in pages if p.strip())
