"""The records a corpus is made of: documents, skipped files, the corpus itself."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


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
        # surrogatepass: an id is meant to be valid text, but the cache key must never raise.
        for doc in sorted(self.documents, key=lambda d: d.id):
            h.update(doc.id.encode("utf-8", "surrogatepass"))
            h.update(doc.digest.encode("utf-8", "surrogatepass"))
        return h.hexdigest()
