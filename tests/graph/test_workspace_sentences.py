"""The workspace indexes the sentences' words without a copy of their text, which the
documents keep (graph.store.sentence_index); a workspace of schema 5, where every sentence
row repeated its text and digest, is upgraded in place with the same search results.

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
from graph.store.schema import MIGRATIONS, SCHEMA_VERSION
from graph.store.workspace import Workspace


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


@pytest.mark.slow
def test_no_sentence_is_kept_in_the_workspace_yet_each_is_found(tmp_path, nlp):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir(), corpus)
    workspace = tmp_path / "w.threadline"
    extraction = run_job(open_corpus_job([str(corpus)], workspace=workspace))
    cells = _cells(workspace)
    documents = extraction.documents
    text = next(iter(documents.values())).text
    sentences = [" ".join(s.split()) for s in re.findall(r"[A-Z][^.\n]{60,}\.", text)][:5]
    assert sentences
    file = workspace.read_bytes()
    for sentence in sentences:
        assert not any(sentence.encode() in cell for cell in cells), sentence
        assert sentence.encode() not in file
        with Workspace(workspace) as store:
            hits = store.search(" ".join(sentence.split()[:6]), documents)
        assert any(sentence in hit[3] for hit in hits)  # cut from the document


@pytest.mark.slow
def test_a_changed_document_is_found_by_its_new_words_only(tmp_path, nlp):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir(), corpus)
    workspace = tmp_path / "w.threadline"
    run_job(open_corpus_job([str(corpus)], workspace=workspace))
    page = sorted(corpus.glob("*.txt"))[0]
    page.write_text("Zebrafish models were compared.\n\n" + page.read_text()
                    .replace("Claude", "Quokka"))
    documents = run_job(open_corpus_job([str(corpus)], workspace=workspace)).documents
    with Workspace(workspace) as store:
        assert [h[0] for h in store.search("zebrafish models", documents)] == [page.name]
        assert page.name not in {h[0] for h in store.search("claude", documents)}
        assert store.search("quokka", documents)
        # the old rows are stale, not found; rebuilding drops them and finds the same
        before = store.search("claude", documents)
        db = sqlite3.connect(workspace, isolation_level=None)  # as if many were stale
        db.execute("UPDATE meta SET value = 1000000 WHERE key = 'stale_sentence_rows'")
        db.close()
        store.set_documents(list(documents.values()))
        assert store.search("claude", documents) == before
        assert [h[0] for h in store.search("zebrafish models", documents)] == [page.name]


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
        by_id = {d.id: d for d in documents}
        assert store.search(words, by_id) == before
        # it goes on working: a document dropped takes its sentences with it
        store.set_documents(documents[1:])
        after = store.search(words, by_id)
        assert after == [h for h in before if h[0] != documents[0].id]
    db = sqlite3.connect(path)
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    db.close()
    assert "sentences" not in tables and {"sentence_docs", "sentence_index"} <= tables
    assert path.stat().st_size < size  # the old table's pages were given back
