"""The workspace's full-text index of sentences, which keeps no copy of their text.

The documents hold the sentences; the workspace keeps where they are and which words they
have. A document's sentence spans are one row of ``sentence_docs`` (zlib-compressed gaps
and lengths) under its digest (documents with the same text share it). The words are in a
*contentless* FTS5 table, ``sentence_index``, which keeps the index and no text; its row
ids are consecutive per document, ``first`` to ``last`` of that document's row, so a hit's
row id says which document and which sentence it is, and the text is cut from the
document (:func:`search` gives spans; the caller has the documents).

Row ids only grow (the next one is kept in ``meta``). A contentless index can only forget a
row when told its words again, which the workspace no longer has once a document changed,
so the rows of a changed or removed document stay in the index as *stale* rows that no
``sentence_docs`` range covers (a search skips them); when they outnumber the live ones,
:func:`rebuild_when_stale` indexes the corpus anew from its documents.

Schema version 6 (:data:`graph.store.schema.MIGRATIONS`) moved the sentences of older
workspaces, where every sentence row repeated its text and its document's 64-character
digest, into this form (:func:`migrate`).
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from itertools import groupby
from operator import itemgetter

from graph.ingest.documents import Document

Span = tuple[int, int]
NEXT_ROW, STALE = "next_sentence_row", "stale_sentence_rows"
MIN_STALE = 1_000  # below this many stale rows the index is not rebuilt

CREATE = (
    "CREATE TABLE sentence_docs (first INTEGER PRIMARY KEY, last INTEGER NOT NULL, "
    "digest TEXT NOT NULL UNIQUE, spans BLOB NOT NULL)",
    "CREATE VIRTUAL TABLE sentence_index USING fts5(text, content='', columnsize=0)",
)


def clean(text: str) -> str:
    """A sentence as indexed and shown: its words, single-spaced."""
    return " ".join(text.split())


def _pack(spans: Sequence[Span]) -> bytes:
    flat, end = [], 0
    for start, stop in spans:  # gaps and lengths: small numbers, few digits
        flat += [start - end, stop - start]
        end = stop
    return zlib.compress(json.dumps(flat, separators=(",", ":")).encode())


def unpack(blob: bytes) -> list[Span]:
    """The sentence spans of one ``sentence_docs`` row (raises ``ValueError`` or
    ``zlib.error`` when it is damaged)."""
    flat = json.loads(zlib.decompress(blob))
    spans, end = [], 0
    for gap, length in zip(flat[::2], flat[1::2], strict=True):
        start = end + int(gap)
        end = start + int(length)
        spans.append((start, end))
    return spans


def _meta(db: sqlite3.Connection, key: str) -> int:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return int(row[0]) if row else 0


def _set_meta(db: sqlite3.Connection, key: str, value: int) -> None:
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def index(db: sqlite3.Connection, digest: str, texts: Sequence[str], spans: Sequence[Span]
          ) -> None:
    """Index a document's sentences (``texts``, as :func:`clean` makes them, at ``spans``
    of the document, in order), replacing what was indexed under ``digest``; call inside a
    transaction."""
    drop(db, digest)
    if not spans:
        return
    first = _meta(db, NEXT_ROW) or 1
    db.executemany("INSERT INTO sentence_index (rowid, text) VALUES (?, ?)",
                   [(first + i, text) for i, text in enumerate(texts)])
    last = first + len(spans) - 1
    db.execute("INSERT INTO sentence_docs (first, last, digest, spans) VALUES (?, ?, ?, ?)",
               (first, last, digest, _pack(spans)))
    _set_meta(db, NEXT_ROW, last + 1)


def index_document(db: sqlite3.Connection, doc: Document, spans: Sequence[Span]) -> None:
    """:func:`index` of the sentences of ``doc`` at ``spans``."""
    index(db, doc.digest, [clean(doc.text[s:e]) for s, e in spans], spans)


def drop(db: sqlite3.Connection, digest: str) -> None:
    """Forget the sentences of ``digest``: its rows of the index become stale."""
    row = db.execute("SELECT first, last FROM sentence_docs WHERE digest = ?",
                     (digest,)).fetchone()
    if row is not None:
        db.execute("DELETE FROM sentence_docs WHERE digest = ?", (digest,))
        _set_meta(db, STALE, _meta(db, STALE) + row[1] - row[0] + 1)


def drop_absent(db: sqlite3.Connection) -> None:
    """Forget the sentences of the digests no document of the corpus has any more."""
    gone = db.execute("SELECT digest FROM sentence_docs WHERE digest NOT IN "
                      "(SELECT digest FROM documents)").fetchall()
    for (digest,) in gone:
        drop(db, digest)


def rebuild_when_stale(db: sqlite3.Connection, documents: Iterable[Document]) -> bool:
    """Index the corpus anew from ``documents`` when stale rows outnumber the live ones
    (and :data:`MIN_STALE`); returns whether it did. Call inside a transaction."""
    live = db.execute("SELECT coalesce(sum(last - first + 1), 0) FROM sentence_docs"
                      ).fetchone()[0]
    if _meta(db, STALE) <= max(live, MIN_STALE):
        return False
    rows = db.execute("SELECT digest, spans FROM sentence_docs ORDER BY first").fetchall()
    db.execute("INSERT INTO sentence_index (sentence_index) VALUES ('delete-all')")
    db.execute("DELETE FROM sentence_docs")
    by_digest = {d.digest: d for d in documents}
    for digest, blob in rows:
        if digest in by_digest:
            try:
                index_document(db, by_digest[digest], unpack(blob))
            except (ValueError, TypeError, zlib.error):
                continue  # damaged: that document is found again once extracted again
    _set_meta(db, STALE, 0)
    return True


def search(db: sqlite3.Connection, phrase: str, limit: int) -> list[tuple[bytes, str, Span]]:
    """The sentences matching the FTS5 query ``phrase``, in document order:
    ``(document id as stored, the digest indexed, span)``."""
    rows = db.execute(
        "SELECT d.id, t.digest, f.rowid - t.first FROM sentence_index AS f "
        "JOIN sentence_docs AS t ON t.first = "
        "(SELECT max(first) FROM sentence_docs WHERE first <= f.rowid) AND f.rowid <= t.last "
        "JOIN documents AS d ON d.digest = t.digest "
        "WHERE sentence_index MATCH ? ORDER BY d.id, f.rowid LIMIT ?", (phrase, limit)
    ).fetchall()
    spans: dict[str, list[Span]] = {}
    found = []
    for doc_id, digest, at in rows:
        if digest not in spans:
            blob = db.execute("SELECT spans FROM sentence_docs WHERE digest = ?",
                              (digest,)).fetchone()[0]
            try:
                spans[digest] = unpack(blob)
            except (ValueError, TypeError, zlib.error):
                spans[digest] = []
        if at < len(spans[digest]):
            found.append((doc_id, digest, spans[digest][at]))
    return found


def migrate(db: sqlite3.Connection) -> None:
    """Schema 6: the sentences of an older workspace (table ``sentences``, one FTS5 row per
    sentence with its text and digest) indexed in the new form, then the old table
    dropped."""
    for statement in CREATE:
        db.execute(statement)
    rows = db.execute("SELECT digest, start, end, text FROM sentences ORDER BY digest, start")
    for digest, group in groupby(rows, key=itemgetter(0)):
        sentences = [(int(s), int(e), clean(str(t))) for _, s, e, t in group]
        index(db, digest, [t for *_, t in sentences], [(s, e) for s, e, _ in sentences])
    db.execute("DROP TABLE sentences")
