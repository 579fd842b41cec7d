"""Extraction in worker processes gives the graph one process gives (real spaCy, real
processes started with spawn, a real workspace)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.build.jobs import open_corpus_job
from graph.jobs import run_job
from graph.nlp import parallel
from graph.paths import seeds_dir
from graph.store.workspace import Workspace

pytestmark = pytest.mark.slow  # each worker process loads the pipeline (a few seconds)

ANNOUNCEMENTS = Path(__file__).resolve().parents[2] / "training" / "corpus" / "announcements"


def test_two_processes_give_the_graph_of_one(tmp_path, monkeypatch, nlp):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in [*seeds_dir().glob("*.txt"), *sorted(ANNOUNCEMENTS.glob("*.txt"))[:10]]:
        shutil.copy(path, corpus / path.name)
    # the corpus is small: let it count as worth the processes
    monkeypatch.setattr(parallel, "MIN_CHARS", 1)
    seen = []
    two = run_job(open_corpus_job([str(corpus)], workspace=tmp_path / "two.threadline",
                                  jobs=2), seen.append)
    one = run_job(open_corpus_job([str(corpus)], workspace=tmp_path / "one.threadline",
                                  jobs=1))
    assert two.extracted == one.extracted == 12
    assert sorted(two.graph.nodes(data=True)) == sorted(one.graph.nodes(data=True))
    assert sorted(two.graph.edges(keys=True, data=True)) == \
        sorted(one.graph.edges(keys=True, data=True))
    assert "Starting 2 extraction processes" in {p.message for p in seen}
    assert [p.done for p in seen if p.total == 12 and p.done][-1] == 12  # per document
    with Workspace(tmp_path / "two.threadline") as store:
        assert store.stored_results() == 12


def test_small_work_stays_in_this_process():
    docs = [parallel.Document("a", "a", "x" * 10, "d")] * 3
    assert not parallel.worth_processes(docs, 2)
    assert not parallel.worth_processes(docs * 50_000, 1)
    assert parallel.worth_processes([parallel.Document("a", "a", "x" * 400_000, "d")] * 2, 2)
    assert parallel.default_jobs() >= 1
