"""The workspace's full-text index of sentences, each sentence's text kept once.

A document's sentences are one row of ``sentence_docs``: their spans and their text
(whitespace collapsed), zlib-compressed, under the document's digest (documents with the
same text share it). The words are indexed by a *contentless* FTS5 table,
``sentence_index``, which keeps the index and no copy of the text; its row ids are
consecutive per document, ``first`` to ``last`` of that document's row, so a hit's row id
says which document and which sentence it is. Row ids are never reused (the next one is
kept in ``meta``): a contentless index is only cleaned by telling it the text each row
had, and a damaged row could otherwise leave words that a new sentence would inherit.

Schema version 6 (:data:`graph.store.workspace.MIGRATIONS`) moved the sentences of older
workspaces, where every sentence row repeated its text and its document's 64-character
digest, into this form (:func:`migrate`).
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Sequence
from itertools import groupby
from operator import itemgetter

Sentence = tuple[int, int, str]  # start, end, text
NEXT_ROW = "next_sentence_row"

CREATE = (
    "CREATE TABLE sentence_docs (first INTEGER PRIMARY KEY, last INTEGER NOT NULL, "
    "digest TEXT NOT NULL UNIQUE, sentences BLOB NOT NULL)",
    "CREATE VIRTUAL TABLE sentence_index USING fts5(text, content='', columnsize=0)",
)


def clean(text: str) -> str:
    """A sentence as indexed and shown: its words, single-spaced."""
    return " ".join(text.split())


def _pack(sentences: Sequence[Sentence]) -> bytes:
    data = {"spans": [[s, e] for s, e, _ in sentences],
            "text": "\n".join(t for _, _, t in sentences)}
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":"))
                         .encode("utf-8", "surrogatepass"))


def unpack(blob: bytes) -> list[Sentence]:
    """The sentences of one ``sentence_docs`` row (raises ``ValueError``/``zlib.error``
    when it is damaged)."""
    data = json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))
    texts = data["text"].split("\n")
    if len(texts) != len(data["spans"]):
        raise ValueError("sentence spans and texts differ in number")
    return [(int(s), int(e), t) for (s, e), t in zip(data["spans"], texts, strict=True)]


def index(db: sqlite3.Connection, digest: str, sentences: Sequence[Sentence]) -> None:
    """Index a document's sentences (in order), replacing what was indexed under
    ``digest``; call inside a transaction."""
    unindex(db, digest)
    if not sentences:
        return
    row = db.execute("SELECT value FROM meta WHERE key = ?", (NEXT_ROW,)).fetchone()
    first = int(row[0]) if row else 1
    db.executemany("INSERT INTO sentence_index (rowid, text) VALUES (?, ?)",
                   [(first + i, text) for i, (_, _, text) in enumerate(sentences)])
    last = first + len(sentences) - 1
    db.execute("INSERT INTO sentence_docs (first, last, digest, sentences) VALUES (?, ?, ?, ?)",
               (first, last, digest, _pack(sentences)))
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (NEXT_ROW, last + 1))


def unindex(db: sqlite3.Connection, digest: str) -> None:
    """Take the sentences of ``digest`` out of the index (a damaged row goes unread: its
    row ids are never used again and the search skips them)."""
    row = db.execute("SELECT first, sentences FROM sentence_docs WHERE digest = ?",
                     (digest,)).fetchone()
    if row is None:
        return
    first, blob = row
    try:
        sentences = unpack(blob)
    except (ValueError, TypeError, KeyError, zlib.error):
        sentences = []
    db.executemany("INSERT INTO sentence_index (sentence_index, rowid, text) "
                   "VALUES ('delete', ?, ?)",
                   [(first + i, text) for i, (_, _, text) in enumerate(sentences)])
    db.execute("DELETE FROM sentence_docs WHERE digest = ?", (digest,))


def unindex_absent(db: sqlite3.Connection) -> None:
    """Drop the sentences of the digests no document of the corpus has any more."""
    gone = db.execute("SELECT digest FROM sentence_docs WHERE digest NOT IN "
                      "(SELECT digest FROM documents)").fetchall()
    for (digest,) in gone:
        unindex(db, digest)


def search(db: sqlite3.Connection, phrase: str, limit: int
           ) -> list[tuple[bytes, int, int, str]]:
    """The sentences matching the FTS5 query ``phrase``, in document order:
    ``(document id as stored, start, end, sentence)``."""
    rows = db.execute(
        "SELECT d.id, t.digest, f.rowid - t.first FROM sentence_index AS f "
        "JOIN sentence_docs AS t ON t.first = "
        "(SELECT max(first) FROM sentence_docs WHERE first <= f.rowid) AND f.rowid <= t.last "
        "JOIN documents AS d ON d.digest = t.digest "
        "WHERE sentence_index MATCH ? ORDER BY d.id, f.rowid LIMIT ?", (phrase, limit)
    ).fetchall()
    sentences: dict[str, list[Sentence]] = {}
    found = []
    for doc_id, digest, at in rows:
        if digest not in sentences:
            blob = db.execute("SELECT sentences FROM sentence_docs WHERE digest = ?",
                              (digest,)).fetchone()[0]
            try:
                sentences[digest] = unpack(blob)
            except (ValueError, TypeError, KeyError, zlib.error):
                sentences[digest] = []
        if at < len(sentences[digest]):
            found.append((doc_id, *sentences[digest][at]))
    return found


def migrate(db: sqlite3.Connection) -> None:
    """Schema 6: the sentences of an older workspace (table ``sentences``, one FTS5 row per
    sentence with its text and digest) moved into ``sentence_docs`` and the contentless
    index, then the old table dropped."""
    for statement in CREATE:
        db.execute(statement)
    rows = db.execute("SELECT digest, start, end, text FROM sentences ORDER BY digest, start")
    for digest, group in groupby(rows, key=itemgetter(0)):
        index(db, digest, [(int(s), int(e), clean(str(t))) for _, s, e, t in group])
    db.execute("DROP TABLE sentences")
