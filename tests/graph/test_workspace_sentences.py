"""The workspace keeps each sentence's text once (graph.store.sentence_index), and a
workspace of schema 5, where every sentence row repeated its text and digest, is upgraded
in place with the same search results.

Real SQLite files, real documents (the seeds), real spaCy for the extraction.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import zlib
from pathlib import Path

import pytest

from graph.build.jobs import open_corpus_job
from graph.ingest.corpus import load_corpus
from graph.jobs import run_job
from graph.paths import seeds_dir
from graph.store.workspace import MIGRATIONS, SCHEMA_VERSION, Workspace


def _cells(path: Path) -> list[bytes]:
    """Every value of every table of the database, zlib blobs decompressed."""
    db = sqlite3.connect(path)
    tables = [name for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")]
    cells = []
    for table in tables:
        for row in db.execute(f'SELECT * FROM "{table}"'):
            for value in row:
                if isinstance(value, str):
                    value = value.encode("utf-8", "surrogatepass")
                if isinstance(value, bytes):
                    try:
                        value = zlib.decompress(value)
                    except zlib.error:
                        pass
                    cells.append(value)
    db.close()
    return cells


def test_each_sentence_is_kept_once_per_document_and_found(tmp_path, nlp):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir(), corpus)
    workspace = tmp_path / "w.threadline"
    extraction = run_job(open_corpus_job([str(corpus)], workspace=workspace))
    cells = _cells(workspace)
    text = next(iter(extraction.documents.values())).text
    # sentences JSON writes as they are (no quotes to escape)
    sentences = [" ".join(s.split()) for s in re.findall(r'[A-Z][^.\n"\\]{60,}\.', text)][:5]
    assert sentences
    texts = [" ".join(d.text.split()) for d in extraction.documents.values()]
    for sentence in sentences:
        written = sum(sentence in t for t in texts)  # a few are in two seeds
        assert sum(cell.count(sentence.encode()) for cell in cells) == written, sentence
        with Workspace(workspace) as store:
            hits = store.search(" ".join(sentence.split()[:6]))
        assert any(sentence in hit[3] for hit in hits)


def _schema_5(path: Path, documents) -> None:
    """A workspace as Threadline wrote it at schema 5: the old sentences table, one row per
    sentence with its text, digest and span (its store() did exactly this)."""
    db = sqlite3.connect(path, isolation_level=None)
    for step in MIGRATIONS[:5]:
        db.executescript(step)
    db.execute("PRAGMA user_version = 5")
    for doc in documents:
        db.execute("INSERT INTO documents (id, path, digest) VALUES (?, ?, ?)",
                   (doc.id.encode(), doc.path.encode(), doc.digest))
        spans = [m.span() for m in re.finditer(r"[^.!?\n]+[.!?]", doc.text)]
        db.executemany("INSERT INTO sentences (text, digest, start, end) VALUES (?, ?, ?, ?)",
                       [(" ".join(doc.text[s:e].split()), doc.digest, s, e) for s, e in spans])
    db.close()


def _old_search(path: Path, phrase: str) -> list[tuple]:
    db = sqlite3.connect(path)
    rows = db.execute("SELECT d.id, s.start, s.end, s.text FROM sentences AS s JOIN documents "
                      "AS d ON d.digest = s.digest WHERE sentences MATCH ? ORDER BY d.id, "
                      "s.start LIMIT 200", (phrase,)).fetchall()
    db.close()
    return [(doc_id.decode(), int(s), int(e), text) for doc_id, s, e, text in rows]


@pytest.mark.parametrize("words", ["claude", "anthropic research", "Anthrop"])
def test_a_schema_5_workspace_is_upgraded_in_place_with_the_same_search(tmp_path, words):
    documents = load_corpus([str(seeds_dir())]).documents
    path = tmp_path / "old.threadline"
    _schema_5(path, documents)
    before = _old_search(path, '"' + words + '" *')
    size = path.stat().st_size
    assert SCHEMA_VERSION == 6 and before
    with Workspace(path) as store:
        assert store.version == SCHEMA_VERSION
        assert store.search(words) == before
        # it goes on working: a document dropped takes its sentences with it
        store.set_documents(documents[1:])
        assert all(hit[0] != documents[0].id for hit in store.search(words))
        assert len(store.search(words)) == sum(h[0] != documents[0].id for h in before)
    db = sqlite3.connect(path)
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    db.close()
    assert "sentences" not in tables and {"sentence_docs", "sentence_index"} <= tables
    assert path.stat().st_size < size  # the old table's pages were given back
