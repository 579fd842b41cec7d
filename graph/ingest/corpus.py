"""Read a corpus: files and folders into :class:`~graph.ingest.documents.Document` s.

Nothing is lost silently: every file that cannot be used becomes a ``Skipped`` with a
reason a person can act on, and a legacy 8-bit decode is reported as a warning.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from graph import messages
from graph.errors import CorpusError, PathMissing
from graph.ingest.documents import Corpus, Document, Skipped
from graph.ingest.readers import read_document


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
