"""The workspace keeps per-document results: only new and changed documents are extracted.

Real spaCy, real SQLite files, real documents (the seeds and announcements from
training/corpus, copied into a temporary folder so they can be changed).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from graph.build.jobs import open_corpus_job
from graph.errors import Cancelled, WorkspaceError
from graph.jobs import run_job
from graph.paths import seeds_dir
from graph.store.workspace import SCHEMA_VERSION, Workspace, default_workspace

ANNOUNCEMENTS = Path(__file__).resolve().parents[2] / "training" / "corpus" / "announcements"


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in [*sorted(seeds_dir().glob("*.txt")), *sorted(ANNOUNCEMENTS.glob("n0[1-3]*"))]:
        shutil.copy(path, folder / path.name)
    return folder


def _open(folder: Path, workspace: Path, **kwargs):
    return run_job(open_corpus_job([str(folder)], workspace=workspace, **kwargs))


def _content(graph):
    """Nodes and edges with their data (the graph's metadata holds a timestamp)."""
    return (sorted(graph.nodes(data=True)), sorted(graph.edges(keys=True, data=True)))


@pytest.mark.slow
def test_reopening_extracts_nothing_and_gives_the_same_graph(corpus, tmp_path, nlp):
    workspace = tmp_path / "w.threadline"
    first = _open(corpus, workspace)
    again = _open(corpus, workspace)
    assert (first.extracted, first.reused) == (5, 0)
    assert (again.extracted, again.reused) == (0, 5)
    assert again.reuse_note == " (0 extracted, 5 unchanged)" and first.reuse_note == ""
    assert _content(again.graph) == _content(first.graph)
    assert again.words == first.words and again.mentions == first.mentions


@pytest.mark.slow
def test_a_changed_document_alone_is_extracted_and_the_graph_is_a_full_runs(corpus, tmp_path,
                                                                              nlp):
    workspace = tmp_path / "w.threadline"
    _open(corpus, workspace)
    changed = sorted(corpus.glob("n01*"))[0]
    changed.write_text(changed.read_text() + "\nMeta released Llama 3, which outperforms "
                       "GPT-3.5 on MMLU.\n")
    incremental = _open(corpus, workspace)
    full = _open(corpus, tmp_path / "fresh.threadline")
    assert incremental.extracted == 1 and full.extracted == 5
    assert _content(incremental.graph) == _content(full.graph)
    assert _open(corpus, workspace).extracted == 0  # every result is still there
    assert any(d["label"] == "Llama 3" for _, d in incremental.graph.nodes(data=True))


@pytest.mark.slow
def test_removed_documents_drop_out_and_renamed_ones_are_not_extracted(corpus, tmp_path, nlp):
    workspace = tmp_path / "w.threadline"
    _open(corpus, workspace)
    sorted(corpus.glob("n02*"))[0].unlink()
    renamed = sorted(corpus.glob("n03*"))[0]
    renamed.rename(corpus / "renamed.txt")
    result = _open(corpus, workspace)
    assert result.extracted == 0
    sources = {s["id"] for s in result.graph.graph["sources"]}
    assert "renamed.txt" in sources and not any(s.startswith(("n02", "n03")) for s in sources)
    assert all(not d.startswith("n02") for _, data in result.graph.nodes(data=True)
               for d in data["documents"])
    with Workspace(workspace) as store:
        assert store.stored_results() == 4  # the removed document's result is gone
        assert set(store.documents()) == sources


@pytest.mark.slow
def test_no_cache_extracts_every_document_again(corpus, tmp_path, nlp):
    workspace = tmp_path / "w.threadline"
    _open(corpus, workspace)
    assert _open(corpus, workspace, use_cache=False).extracted == 5


@pytest.mark.slow
def test_a_cancelled_run_keeps_the_documents_it_finished(corpus, tmp_path, nlp):
    workspace = tmp_path / "w.threadline"
    seen = []
    with pytest.raises(Cancelled):
        run_job(open_corpus_job([str(corpus)], workspace=workspace), seen.append,
                cancelled=lambda: bool(seen) and seen[-1].done >= 2 and not seen[-1].part)
    with Workspace(workspace) as store:
        finished = store.stored_results()
    assert 2 <= finished < 5
    assert _open(corpus, workspace).extracted == 5 - finished


def test_each_folder_has_its_own_workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("THREADLINE_USER_DATA", str(tmp_path / "data"))
    a, b = default_workspace([str(tmp_path / "a")]), default_workspace([str(tmp_path / "b")])
    assert a != b and a == default_workspace([str(tmp_path / "a")])
    assert a.parent == tmp_path / "data" / "workspaces" and a.suffix == ".threadline"


def test_a_new_workspace_has_the_current_schema_in_wal_mode(tmp_path):
    path = tmp_path / "w.threadline"
    with Workspace(path) as store:
        assert store.version == SCHEMA_VERSION
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_a_workspace_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "w.threadline"
    Workspace(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match="newer version of Threadline"):
        Workspace(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [b"not a database at all\n" * 100, b"\x00" * 4096])
def test_a_file_that_is_not_a_workspace_is_refused_untouched(tmp_path, content):
    path = tmp_path / "notes.threadline"
    path.write_bytes(content)
    with pytest.raises(WorkspaceError, match="cannot be opened"):
        Workspace(path)
    assert path.read_bytes() == content


def test_another_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE mine (x)")
    db.execute("INSERT INTO mine VALUES (1)")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match="not a Threadline workspace"):
        Workspace(path)
    assert path.read_bytes() == before


def test_a_folder_or_a_device_is_not_a_workspace(tmp_path):
    for path in (tmp_path, Path("/dev/null")):
        with pytest.raises(WorkspaceError, match="not a regular file"):
            Workspace(path)


def test_an_unusable_workspace_stops_the_job_with_its_message(corpus, tmp_path):
    with pytest.raises(WorkspaceError, match="not a regular file"):
        _open(corpus, tmp_path)


@pytest.mark.slow
def test_a_damaged_folder_workspace_is_set_aside_and_the_corpus_still_opens(corpus, tmp_path,
                                                                            monkeypatch, nlp):
    monkeypatch.setenv("THREADLINE_USER_DATA", str(tmp_path / "data"))
    path = default_workspace([str(corpus)])
    path.parent.mkdir(parents=True)
    path.write_bytes(b"garbage " * 512)
    result = run_job(open_corpus_job([str(corpus)]))
    assert result.extracted == 5 and result.graph.number_of_nodes() > 0
    [warning] = [w for w in result.warnings if "renamed" in w]
    [aside] = path.parent.glob("*.damaged-*")
    assert aside.name in warning and aside.read_bytes() == b"garbage " * 512
    assert run_job(open_corpus_job([str(corpus)])).extracted == 0  # the new one works


@pytest.mark.slow
def test_a_newer_folder_workspace_is_left_alone_and_nothing_is_kept(corpus, tmp_path,
                                                                    monkeypatch, nlp):
    monkeypatch.setenv("THREADLINE_USER_DATA", str(tmp_path / "data"))
    path = default_workspace([str(corpus)])
    Workspace(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    result = run_job(open_corpus_job([str(corpus)]))
    assert result.extracted == 5 and any("newer version" in w for w in result.warnings)
    assert result.workspace is None  # nothing is kept, so nothing to correct or search
    assert path.read_bytes() == before and list(path.parent.iterdir()) == [path]


@pytest.mark.slow
def test_the_edit_log_replays_over_every_rebuild(corpus, tmp_path, nlp):
    from graph.build.edits import DELETE, RENAME, Edit, EntityRef

    workspace = tmp_path / "w.threadline"
    first = _open(corpus, workspace)
    labels = {d["label"]: d["type"] for _, d in first.graph.nodes(data=True)}
    assert "Anthropic" in labels and "Claude" in labels
    rename = Edit(RENAME, EntityRef("ORG", "Anthropic"), value="Anthropic PBC")
    delete = Edit(DELETE, EntityRef(labels["Claude"], "Claude"))
    gone = Edit(RENAME, EntityRef("MODEL", "Nothing Like This"), value="x")
    with Workspace(workspace) as store:
        ids = [store.add_edit(e.to_json()) for e in (rename, delete, gone)]
        store.set_reverted(ids[1])
    changed = sorted(corpus.glob("n01*"))[0]
    changed.write_text(changed.read_text() + "\nAnthropic released Claude 5.\n")
    again = _open(corpus, workspace)
    assert again.extracted == 1 and again.skipped_edits == [gone]
    nodes = {d["label"]: d for _, d in again.graph.nodes(data=True)}
    assert "Anthropic" not in nodes and "Anthropic" in nodes["Anthropic PBC"]["aliases"]
    assert nodes["Anthropic PBC"]["curated"] == "renamed from \u201cAnthropic\u201d"
    assert "Claude" in nodes  # the reverted delete does nothing
    with Workspace(workspace) as store:
        assert [i for i, _ in store.edits()] == [ids[0], ids[2]]
        assert len(store.edits(include_reverted=True)) == 3


def test_document_names_that_are_not_utf8_are_kept(tmp_path):
    from graph.ingest.documents import Document

    name = "caf\udce9.txt"  # the byte 0xE9 of a Latin-1 file name, as os.fsdecode gives it
    docs = [Document(name, f"/corpus/{name}", "text", "d1"), Document("cafe.txt", "/c", "t", "d2")]
    with Workspace(tmp_path / "w.threadline") as store:
        store.set_documents(docs)
        assert store.documents() == {name: "d1", "cafe.txt": "d2"}


@pytest.mark.slow
def test_sentences_are_searchable_by_their_words(corpus, tmp_path, nlp):
    workspace = tmp_path / "w.threadline"
    documents = _open(corpus, workspace).documents
    with Workspace(workspace) as store:
        hits = store.search("claude opus", documents)
        prefix = store.search("Anthrop", documents)
        assert store.search("  ...  ", documents) == [] and store.search('"', documents) == []
    texts = {doc.name: doc.read_text() for doc in corpus.iterdir()}
    assert hits and all("claude opus" in sentence.casefold() for _, _, _, sentence in hits)
    for doc_id, start, end, sentence in hits:
        assert " ".join(texts[doc_id][start:end].split()) == sentence
    assert prefix and all("anthrop" in s.casefold() for *_, s in prefix)
    # a removed document's sentences go with it
    for path in corpus.glob("000_*"):
        path.unlink()
    documents = _open(corpus, workspace).documents
    with Workspace(workspace) as store:
        assert all(not doc.startswith("000_") for doc, *_ in store.search("claude", documents))
        assert store.search("claude", documents)


@pytest.mark.slow
def test_a_saved_threadline_file_reopens_the_corpus_with_its_edits(corpus, tmp_path, nlp):
    from graph.build.edits import RENAME, Edit, EntityRef
    from graph.build.jobs import open_job

    workspace = tmp_path / "w.threadline"
    first = _open(corpus, workspace)
    with Workspace(workspace) as store:
        store.add_edit(Edit(RENAME, EntityRef("ORG", "Anthropic"), value="Anthropic PBC")
                       .to_json())
        store.save_session("", '{"visible": ["ORG:anthropic"]}')
        with pytest.raises(WorkspaceError, match="could not be saved"):
            store.save_as(tmp_path / "no such folder" / "project.threadline")
        (tmp_path / "shared").mkdir()
        store.save_as(tmp_path / "shared" / "project.threadline")
    copy = tmp_path / "shared" / "project.threadline"
    assert sorted(p.name for p in copy.parent.iterdir()) == ["project.threadline"]
    reopened = run_job(open_job([str(copy)]))
    assert reopened.extracted == 0 and reopened.workspace == copy
    labels = {d["label"] for _, d in reopened.graph.nodes(data=True)}
    assert "Anthropic PBC" in labels
    assert reopened.graph.number_of_nodes() == first.graph.number_of_nodes()
    with Workspace(copy) as store:
        assert store.session("") == '{"visible": ["ORG:anthropic"]}'
    shutil.move(corpus, tmp_path / "moved")
    with pytest.raises(WorkspaceError, match="no longer where they were"):
        run_job(open_job([str(copy)]))
