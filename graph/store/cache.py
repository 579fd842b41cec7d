"""Cache of finished extractions, so reopening an unchanged corpus is near-instant.

The key covers everything the result depends on: the corpus (ids and bytes of every
document) and the pipeline (model, spaCy version, patterns, Threadline version). Entries
are GraphML files written atomically; a damaged entry is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import networkx as nx

from graph.errors import ExportError
from graph.ingest.documents import Corpus
from graph.paths import user_cache_dir
from graph.store.graphml import read_graphml, write_graphml

log = logging.getLogger(__name__)
MAX_ENTRIES = 20


def cache_key(corpus: Corpus, fingerprint: str) -> str:
    return hashlib.sha256(f"{corpus.digest}|{fingerprint}".encode()).hexdigest()[:32]


def cache_path(key: str, folder: Path | None = None) -> Path:
    return (folder or user_cache_dir() / "extractions") / f"{key}.graphml"


def load(key: str, folder: Path | None = None) -> nx.MultiDiGraph | None:
    """The cached graph for ``key``, or ``None`` (missing or unreadable).

    A damaged entry is removed, so the extraction that follows stores a good one in its
    place (:func:`store`), and a cancelled one does not leave it to be read again.
    """
    path = cache_path(key, folder)
    if not path.exists():
        return None
    try:
        return read_graphml(path)
    except ExportError as exc:
        log.warning("ignoring a damaged cache entry %s: %s", path, exc)
        _discard(path)
        return None


def _discard(path: Path) -> None:
    try:
        if path.is_file() and not path.is_symlink():
            path.unlink()
    except OSError as exc:
        log.warning("could not remove the damaged cache entry %s: %s", path, exc)


def store(key: str, graph: nx.MultiDiGraph, folder: Path | None = None) -> Path | None:
    """Save ``graph`` under ``key``; a cache that cannot be written is only logged."""
    path = cache_path(key, folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_graphml(graph, path)
        _prune(path.parent)
    except (OSError, ExportError) as exc:
        log.warning("could not write the extraction cache %s: %s", path, exc)
        return None
    return path


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.graphml"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)
