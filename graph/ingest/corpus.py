"""Read a corpus: files and folders into :class:`~graph.ingest.documents.Document` s.

Nothing is lost silently: every file or folder that cannot be used becomes a ``Skipped``
with a reason a person can act on, and a legacy 8-bit decode is reported as a warning.
Nothing a folder holds can stop the run either: named pipes and devices are never opened,
links to folders are followed once (a loop is reported, not walked forever), a folder that
cannot be listed or vanishes is reported, and a name that is not UTF-8 still gets an id
that is valid text (:func:`graph.ingest.files.display_name`) while its path opens the file.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from graph import messages
from graph.errors import CorpusError, PathMissing
from graph.ingest.documents import Corpus, Document, Skipped
from graph.ingest.files import display_name, max_file_mb
from graph.ingest.readers import read_document

_MAX_REASON_CHARS = 300


def _id(path: Path, root: Path) -> str:
    relative = path.relative_to(root).as_posix()
    return display_name(str(path) if relative == "." else relative)


def _first_visit(folder: Path, root: Path, visited: dict, skipped: list[Skipped]) -> bool:
    """False, with a reason, for a folder already walked (reached again through a link)."""
    try:
        status = os.stat(folder)
    except OSError:
        return True  # listing it will say what is wrong
    key = (status.st_dev, status.st_ino)
    if key in visited:
        skipped.append(Skipped(_id(folder, root), messages.FOLDER_REPEATED.format(
            other=visited[key])))
        return False
    visited[key] = _id(folder, root)
    return True


def _list_folder(folder: Path, root: Path, skipped: list[Skipped]) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return sorted((e for e in entries if not e.name.startswith(".")),
                          key=lambda e: e.name)
    except FileNotFoundError:
        skipped.append(Skipped(_id(folder, root), messages.FOLDER_VANISHED))
    except OSError as exc:
        skipped.append(Skipped(_id(folder, root), messages.FOLDER_UNREADABLE.format(
            error=exc.strerror or exc)))
    return []


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows links; a link loop or a dangling link is no folder
    except OSError:
        return False


def _walk(folder: Path, root: Path, skipped: list[Skipped]) -> Iterator[Path]:
    """Files under ``folder`` in ``os.walk``'s order: a folder's files, then its sub-folders.

    Links to folders are followed once, after the real sub-folders, so a folder reached
    both ways is read under its own name. A stack, not recursion: depth is not a limit.
    """
    visited: dict[tuple[int, int], str] = {}
    stack = [folder]
    while stack:
        current = stack.pop()
        if not _first_visit(current, root, visited, skipped):
            continue
        folders, links = [], []
        for entry in _list_folder(current, root, skipped):
            if not _is_folder(entry):
                yield Path(entry.path)
            else:
                (links if entry.is_symlink() else folders).append(Path(entry.path))
        stack.extend(reversed(folders + links))


def common_root(paths: list[Path]) -> Path:
    """The folder document ids are relative to: the folder itself, or the files' parent."""
    if len(paths) == 1 and paths[0].is_dir():
        return paths[0]
    parents = [p if p.is_dir() else p.parent for p in paths]
    return Path(os.path.commonpath([str(p) for p in parents]))


def _user_path(raw: str | os.PathLike) -> Path:
    """A path the user named, resolved; raises :class:`PathMissing` saying what is wrong."""
    shown = display_name(os.fspath(raw) if not isinstance(raw, bytes) else os.fsdecode(raw))
    path = Path(os.fsdecode(raw)).expanduser()
    try:
        os.stat(path)
    except ValueError as exc:  # a NUL byte: no file can have that name
        raise PathMissing(messages.PATH_MISSING.format(path=shown)) from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise PathMissing(messages.PATH_LINK_LOOP.format(path=shown)) from exc
        if exc.errno != errno.ENOENT:
            raise CorpusError(messages.PATH_UNREADABLE.format(
                path=shown, error=exc.strerror or exc)) from exc
        if path.is_symlink():
            raise PathMissing(messages.PATH_DANGLING.format(
                path=shown, target=display_name(os.readlink(path)))) from exc
        raise PathMissing(messages.PATH_MISSING.format(path=shown)) from exc
    return path.resolve()


def _unique(doc_id: str, taken: set[str]) -> str:
    """Two names that differ only in undecodable bytes show alike; ids must not collide."""
    unique, n = doc_id, 2
    while unique in taken:
        unique, n = f"{doc_id} ({n})", n + 1
    taken.add(unique)
    return unique


def iter_candidates(paths: Iterable[str | os.PathLike]
                    ) -> tuple[Path, list[tuple[Path, str]], list[Skipped]]:
    """Resolve user paths into ``(file, id)`` pairs and the folders that could not be walked.

    Raises
    ------
    CorpusError
        No paths, or a path that does not exist, loops or cannot be looked at.
    """
    resolved = [_user_path(raw) for raw in paths]
    if not resolved:
        raise CorpusError(messages.NO_PATHS)
    root = common_root(resolved)
    files: list[tuple[Path, str]] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()
    taken: set[str] = set()
    for p in resolved:
        for f in (_walk(p, root, skipped) if p.is_dir() else [p]):
            if f not in seen:
                seen.add(f)
                files.append((f, _unique(_id(f, root), taken)))
    return root, files, skipped


def _reason(exc: ValueError) -> str:
    # A reason may quote the file (a parser's message): printable, one line, not a screenful.
    return display_name(str(exc))[:_MAX_REASON_CHARS]


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
    cap, cap_warning = max_file_mb()
    root, files, skipped = iter_candidates(paths)
    corpus = Corpus(root=str(root), skipped=skipped)
    if cap_warning:
        corpus.warnings.append(cap_warning)
    for path, doc_id in files:
        try:
            doc, warnings = read_document(path, doc_id, cap)
        except ValueError as exc:
            corpus.skipped.append(Skipped(doc_id, _reason(exc)))
            continue
        corpus.documents.append(doc)
        corpus.warnings.extend(warnings)
    if not corpus.documents:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in corpus.skipped[:5])
        raise CorpusError(messages.NO_DOCUMENTS.format(root=display_name(str(root)),
                                                       reasons=reasons or "empty"),
                          corpus.skipped)
    return corpus


def _source_document(source, base: Path, cap: float) -> Document | None:
    if not isinstance(source, dict):
        return None
    doc_id, raw, digest = (source.get(k) for k in ("id", "path", "digest"))
    if not all(isinstance(v, str) and v for v in (doc_id, raw, digest)):
        return None
    try:
        # Resolved before the check, so neither ".." nor a link leads out of the root.
        path = (base / raw).resolve(strict=True)
        if not path.is_relative_to(base):
            return None
        doc, _ = read_document(path, doc_id, cap)
    except (OSError, RuntimeError, ValueError):
        return None
    return doc if doc.digest == digest else None


def load_sources(sources: Iterable[dict], root: str | os.PathLike) -> dict[str, Document]:
    """Re-read the documents an imported graph was built from, where they are unchanged.

    Parameters
    ----------
    sources
        The graph's ``sources`` metadata (id, path, digest), as untrusted as the file.
    root
        The folder the documents must be under (after resolving ``..`` and links).

    Returns
    -------
    dict
        Document id -> document, for the files under ``root``, regular, within the size
        cap (checked before reading) and with the recorded digest. Files that moved or
        changed are left out: their evidence sentences still travel inside the graph.
    """
    try:
        base = Path(root).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return {}
    cap = max_file_mb()[0]
    found: dict[str, Document] = {}
    for source in sources:
        doc = _source_document(source, base, cap)
        if doc is not None:
            found[doc.id] = doc
    return found
