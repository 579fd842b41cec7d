"""Extraction on a Dask cluster gives the graph one process gives (a real LocalCluster with two
worker processes, real spaCy, a real workspace), and says clearly when it cannot run."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from distributed import Client, LocalCluster, get_task_stream

from app.cli import main
from graph import messages
from graph.build.jobs import open_corpus_job
from graph.errors import EXIT_FAILED, Cancelled, ClusterError
from graph.ingest.corpus import load_corpus
from graph.jobs import run_job
from graph.nlp.cluster import batches, connect
from graph.nlp.cluster_worker import PLUGIN_NAME
from graph.paths import seeds_dir
from graph.store.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
ANNOUNCEMENTS = ROOT / "training" / "corpus" / "announcements"
WORKERS = 2  # the LocalCluster's worker processes: each must load the pipeline and extract


def _free_address() -> str:
    with socket.socket() as s:  # a port nobody listens on once closed
        s.bind(("127.0.0.1", 0))
        return f"tcp://127.0.0.1:{s.getsockname()[1]}"


def _content(g: nx.MultiDiGraph) -> tuple:
    """Everything a graph says but when it was made: nodes, types, edges, evidence."""
    meta = {k: v for k, v in g.graph.items() if k != "created"}
    return (meta, sorted(g.nodes(data=True)), sorted(g.edges(keys=True, data=True)))


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in [*seeds_dir().glob("*.txt"), *sorted(ANNOUNCEMENTS.glob("*.txt"))]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of two single-threaded worker processes, and a client of it."""
    with LocalCluster(n_workers=WORKERS, processes=True, threads_per_worker=1, host="127.0.0.1",
                      dashboard_address=None) as cluster, \
            Client(cluster, set_as_default=False) as client:
        yield cluster.scheduler_address, client


@pytest.mark.slow  # the cluster's workers start and load the pipeline (seconds each)
def test_a_two_worker_cluster_gives_the_graph_of_one_process(tmp_path, corpus, cluster, nlp):
    address, client = cluster
    documents = load_corpus([str(corpus)]).documents
    assert len(batches(documents)) > WORKERS  # more batches than workers: all get some
    seen = []
    with get_task_stream(client) as stream:
        remote = run_job(open_corpus_job([str(corpus)], workspace=tmp_path / "c.threadline",
                                         scheduler=address), seen.append)
    # The pipeline was loaded once per worker, and both extracted batches.
    loaded = client.run(lambda dask_worker: PLUGIN_NAME in dask_worker.plugins)
    assert len(loaded) == WORKERS and all(loaded.values())
    assert {task["worker"] for task in stream.data} == set(loaded)
    assert len(stream.data) == len(batches(documents))
    local = run_job(open_corpus_job([str(corpus)], workspace=tmp_path / "l.threadline", jobs=1))
    assert remote.extracted == local.extracted == len(documents) == len(list(corpus.iterdir()))
    assert _content(remote.graph) == _content(local.graph)
    assert remote.graph.number_of_edges() > len(documents)  # a graph worth comparing
    # Progress per document, after the cluster's own steps.
    messages_seen = [p.message for p in seen]
    assert messages.CLUSTER_CONNECTING.format(address=address) in messages_seen
    assert messages.CLUSTER_LOADING in messages_seen
    assert sorted(p.done for p in seen if p.done and p.message in
                  {d.id for d in documents}) == list(range(1, len(documents) + 1))
    # The workspace kept every result: reopening extracts nothing and gives the same graph.
    again = run_job(open_corpus_job([str(corpus)], workspace=tmp_path / "c.threadline",
                                    scheduler=address))
    assert (again.extracted, again.reused) == (0, len(documents))
    assert _content(again.graph) == _content(local.graph)
    with Workspace(tmp_path / "c.threadline") as store:
        assert store.stored_results() == len(documents)


@pytest.mark.slow
def test_a_cancel_cancels_the_batches_out_and_keeps_those_back(tmp_path, corpus, cluster,
                                                              qtbot):
    address, client = cluster
    for path in list(corpus.iterdir()):  # twice the batches the workers can hold at once
        (corpus / f"again-{path.name}").write_text(path.read_text() + "\nAgain.\n")
    documents = {d.id for d in load_corpus([str(corpus)]).documents}
    workspace = tmp_path / "c.threadline"
    seen = []
    with pytest.raises(Cancelled):
        run_job(open_corpus_job([str(corpus)], workspace=workspace, scheduler=address),
                seen.append, cancelled=lambda: bool(seen) and seen[-1].message in documents)
    with Workspace(workspace) as store:
        kept = store.stored_results()
    assert 1 <= kept < len(documents)  # the first batch back, not the rest
    # Nothing of the run is left on the cluster.
    qtbot.waitUntil(lambda: not client.run_on_scheduler(
        lambda dask_scheduler: len(dask_scheduler.tasks)), timeout=30_000)
    rest = run_job(open_corpus_job([str(corpus)], workspace=workspace, scheduler=address))
    assert (rest.extracted, rest.reused) == (len(documents) - kept, kept)


def test_an_unreachable_scheduler_is_a_clear_error():
    address = _free_address()
    with pytest.raises(ClusterError) as raised:
        connect(address, timeout=0.5)
    assert str(raised.value).startswith(f"The Dask scheduler at {address} cannot be reached")
    with pytest.raises(ClusterError, match="cannot be reached .*unknown address scheme"):
        connect("http://127.0.0.1:8786")


def test_the_command_line_says_why_a_scheduler_cannot_be_used(tmp_path, corpus, capsys):
    code = main(["extract", str(corpus), "-o", str(tmp_path / "g.graphml"),
                 "--workspace", str(tmp_path / "w.threadline"), "--scheduler", "nowhere", "-q"])
    assert code == EXIT_FAILED
    err = capsys.readouterr().err
    unreachable = messages.CLUSTER_UNREACHABLE.partition(" (")[0].format(address="nowhere")
    assert f"threadline: error: {unreachable}" in err
    assert not (tmp_path / "g.graphml").exists()


def test_without_dask_the_message_says_what_to_install():
    # An interpreter where distributed cannot be imported, as where the extra is missing.
    code = ("import sys; sys.modules['distributed'] = None\n"
            "from graph.nlp.cluster import connect\n"
            "try:\n    connect('tcp://127.0.0.1:8786')\n"
            "except Exception as exc:\n    print(type(exc).__name__, exc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert out.startswith("ClusterError ") and "install threadline[cluster]" in out


@pytest.mark.slow
def test_a_worker_with_another_pipeline_is_refused(tmp_path, corpus):
    # The worker reads its resources from a copy with one word list changed, as an older or
    # newer install would: its results are never stored under this machine's fingerprint.
    data = tmp_path / "other"
    shutil.copytree(ROOT / "resources", data / "resources")
    lexicon = sorted((data / "resources" / "lexicon").glob("*.json"))[0]
    lexicon.write_text(lexicon.read_text() + "\n")
    with LocalCluster(n_workers=1, processes=True, threads_per_worker=1, host="127.0.0.1",
                      dashboard_address=None, env={"THREADLINE_DATA": str(data)}) as cluster:
        with pytest.raises(ClusterError, match="extracts with another Threadline or pipeline"):
            run_job(open_corpus_job([str(corpus)], workspace=tmp_path / "w.threadline",
                                    scheduler=cluster.scheduler_address))
    with Workspace(tmp_path / "w.threadline") as store:
        assert store.stored_results() == 0
