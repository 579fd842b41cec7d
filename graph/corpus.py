"""Read a corpus: files and folders of text, Markdown, HTML and PDF into :class:`Document` s.

Nothing is lost silently: every file that cannot be used becomes a :class:`Skipped` with
a reason a person can act on, and a legacy 8-bit decode is reported as a warning.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from graph import messages

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES


@dataclass(frozen=True, slots=True)
class Document:
    """One source document: ``id`` is its path relative to the opened root."""

    id: str
    path: str
    text: str
    digest: str
    encoding: str = "utf-8"

    @property
    def name(self) -> str:
        return self.id.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not read, and why."""

    path: str
    reason: str


@dataclass
class Corpus:
    """The documents read from the given paths, the files skipped and decode warnings."""

    root: str
    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def digest(self) -> str:
        """Fingerprint of the whole corpus (ids and contents) for the extraction cache."""
        h = hashlib.sha256()
        for doc in sorted(self.documents, key=lambda d: d.id):
            h.update(doc.id.encode())
            h.update(doc.digest.encode())
        return h.hexdigest()


class CorpusError(Exception):
    """A path given by the user cannot be opened as a corpus at all."""

    def __init__(self, message: str, skipped: list[Skipped] | None = None) -> None:
        super().__init__(message)
        self.skipped = skipped or []


class PathMissing(CorpusError):
    """A path the user named does not exist (a usage error, not a failure of the corpus)."""


# -- decoding --------------------------------------------------------------------------------
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


# -- formats -----------------------------------------------------------------------------------
class _VisibleText(HTMLParser):
    """Collect the text a browser would show: no scripts, styles or head metadata."""

    HIDDEN = {"script", "style", "head", "title", "noscript", "template", "svg"}
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
             "table", "section", "article", "header", "footer", "blockquote", "pre", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).splitlines())
        out, blank = [], False
        for line in lines:
            if line:
                out.append(line)
                blank = False
            elif not blank and out:
                out.append("")
                blank = True
        return "\n".join(out).strip()


def html_to_text(markup: str) -> str:
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    return parser.text()


def pdf_to_text(path: Path) -> str:
    """Text layer of a PDF, pages separated by blank lines."""
    from pypdf import PdfReader  # imported lazily: most corpora have no PDFs
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:  # noqa: BLE001 - pypdf raises several kinds
                raise ValueError(messages.PDF_ENCRYPTED) from exc
        pages = [page.extract_text() or "" for page in reader.pages]
    except PdfReadError as exc:
        raise ValueError(messages.PDF_UNREADABLE.format(error=exc)) from exc
    return "\n\n".join(p.strip() for p in pages if p.strip())


def read_document(path: Path, doc_id: str) -> tuple[Document, list[str]]:
    """Read one file; returns the document and warnings. Raises ``ValueError`` with a reason."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(messages.UNREADABLE_FILE.format(error=exc.strerror or exc)) from exc
    suffix = path.suffix.lower()
    warnings: list[str] = []
    if suffix in PDF_SUFFIXES:
        text, encoding = pdf_to_text(path), "pdf"
    else:
        text, encoding = decode_text(data)
        if encoding in (LEGACY_ENCODING, "latin-1"):
            warnings.append(messages.LEGACY_ENCODING.format(doc=doc_id, encoding=encoding))
        if suffix in HTML_SUFFIXES:
            text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ValueError(messages.PDF_NO_TEXT if suffix in PDF_SUFFIXES else messages.EMPTY_FILE)
    digest = hashlib.sha256(data).hexdigest()
    return Document(doc_id, str(path), text, digest, encoding), warnings


# -- walking -----------------------------------------------------------------------------------
def _walk(folder: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def common_root(paths: list[Path]) -> Path:
    """The folder document ids are relative to: the folder itself, or the files' parent."""
    if len(paths) == 1 and paths[0].is_dir():
        return paths[0]
    parents = [p if p.is_dir() else p.parent for p in paths]
    return Path(os.path.commonpath([str(p) for p in parents]))


def iter_candidates(paths: Iterable[str | os.PathLike]) -> tuple[Path, list[tuple[Path, str]]]:
    """Resolve user paths into ``(file, id)`` pairs. Raises :class:`CorpusError`."""
    resolved = []
    for raw in paths:
        p = Path(raw).expanduser()
        if not p.exists():
            raise PathMissing(messages.PATH_MISSING.format(path=raw))
        resolved.append(p.resolve())
    if not resolved:
        raise CorpusError(messages.NO_PATHS)
    root = common_root(resolved)
    files: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for p in resolved:
        for f in (_walk(p) if p.is_dir() else [p]):
            if f not in seen:
                seen.add(f)
                files.append((f, f.relative_to(root).as_posix()))
    return root, files


def load_corpus(paths: Iterable[str | os.PathLike]) -> Corpus:
    """Read every supported file under ``paths`` (folders are walked recursively).

    Parameters
    ----------
    paths
        Files and folders. Document ids are paths relative to their common folder.

    Returns
    -------
    Corpus
        Documents in path order, plus skipped files with reasons and decode warnings.

    Raises
    ------
    CorpusError
        A path does not exist, or nothing usable was found (the message says which).
    """
    root, files = iter_candidates(paths)
    corpus = Corpus(root=str(root))
    for path, doc_id in files:
        explicit = path.suffix.lower() in SUPPORTED_SUFFIXES
        if not explicit:
            corpus.skipped.append(Skipped(doc_id, messages.UNSUPPORTED_TYPE.format(
                suffix=path.suffix or "(none)")))
            continue
        try:
            doc, warnings = read_document(path, doc_id)
        except ValueError as exc:
            corpus.skipped.append(Skipped(doc_id, str(exc)))
            continue
        corpus.documents.append(doc)
        corpus.warnings.extend(warnings)
    if not corpus.documents:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in corpus.skipped[:5])
        raise CorpusError(messages.NO_DOCUMENTS.format(root=root, reasons=reasons or "empty"),
                          corpus.skipped)
    return corpus


def load_sources(sources: Iterable[dict]) -> dict[str, Document]:
    """Re-read the documents an imported graph was built from, where they are unchanged.

    ``sources`` is the graph's ``sources`` metadata (id, path, digest). Files that moved or
    changed are left out: their evidence sentences still travel inside the graph.
    """
    found: dict[str, Document] = {}
    for source in sources:
        try:
            path = Path(source["path"])
            if not path.is_file():
                continue
            doc, _ = read_document(path, source["id"])
        except (KeyError, TypeError, ValueError, OSError):
            continue
        if doc.digest == source.get("digest"):
            found[doc.id] = doc
    return found
