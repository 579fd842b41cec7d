"""Extraction on a 2-worker Dask ``LocalCluster`` next to 1 and 2 local processes.

Writes the corpus of ``bench_workspace.py`` (``--documents`` pieces of the real guide pages
and paper summaries) and extracts it three times with fresh workspaces: in this process,
in ``--workers`` worker processes (:mod:`graph.nlp.parallel`), and on a ``LocalCluster`` of
``--workers`` single-threaded worker processes (:mod:`graph.nlp.cluster`; the cluster is
started before the clock starts, the workers' loading of the pipeline is timed). Prints the
words per second of each, whether the graphs are the same, the size of the workspace and
the graph, and the peak memory of this process, of the largest local worker (sampled
every 0.2 s) and of the largest cluster worker (its own high-water mark). Not
``RUSAGE_CHILDREN``: Linux carries the parent's peak into a child across fork and exec,
so a child started by a big parent reports the parent's size.

    .venv/bin/python benchmarks/bench_cluster.py [--documents 1000] [--workers 2]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_parallel import ChildSampler, _peak_mb, same_graph  # noqa: E402
from benchmarks.bench_workspace import generated_corpus  # noqa: E402
from graph.build.jobs import open_corpus_job  # noqa: E402
from graph.jobs import run_job  # noqa: E402
from graph.nlp import parallel  # noqa: E402
from graph.nlp.pipeline import shared_pipeline  # noqa: E402


def timed(folder: Path, workspace: Path, **how):
    start = time.perf_counter()
    extraction = run_job(open_corpus_job([str(folder)], workspace=workspace, **how))
    return time.perf_counter() - start, extraction


def on_cluster(folder: Path, workspace: Path, workers: int):
    """Seconds and extraction on a fresh LocalCluster; its start-up time; its largest
    worker's peak memory (MB)."""
    from distributed import Client, LocalCluster

    start = time.perf_counter()
    with LocalCluster(n_workers=workers, processes=True, threads_per_worker=1,
                      host="127.0.0.1", dashboard_address=None) as cluster, \
            Client(cluster, set_as_default=False) as client:
        started = time.perf_counter() - start
        seconds, extraction = timed(folder, workspace, scheduler=cluster.scheduler_address)
        peak = max(client.run(_peak_mb).values())
    return seconds, extraction, started, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    shared_pipeline()  # this process's pipeline is loaded before any run
    parallel.MIN_CHARS = 0  # local processes even for a small --documents
    with generated_corpus(args.documents) as (tmp, folder, size):
        single, one = timed(folder, tmp / "one.threadline", jobs=1)
        stored = (tmp / "one.threadline").stat().st_size
        with ChildSampler() as sampler:
            local, many = timed(folder, tmp / "many.threadline", jobs=args.workers)
        local_peak = sampler.peak / 2**20
        cluster, remote, started, cluster_peak = on_cluster(
            folder, tmp / "cluster.threadline", args.workers)
    words, n = one.words, args.workers
    print(f"corpus: {args.documents} documents, {size / 1e6:.2f} MB, {words} words; "
          f"its workspace {stored / 1e6:.2f} MB = {stored / size:.2f}x the text; graph "
          f"{one.graph.number_of_nodes()} entities, {one.graph.number_of_edges()} edges")
    print(f"1 process:              {single:7.1f} s  {words / single:7.0f} words/s")
    print(f"{n} local processes:      {local:7.1f} s  {words / local:7.0f} words/s  "
          f"{single / local:.2f}x (their start-up included)")
    print(f"{n}-worker LocalCluster:  {cluster:7.1f} s  {words / cluster:7.0f} words/s  "
          f"{single / cluster:.2f}x (the workers' pipeline loading included; "
          f"the cluster started in {started:.1f} s before)")
    print(f"same graph: local processes {same_graph(one.graph, many.graph)}, "
          f"cluster {same_graph(one.graph, remote.graph)}")
    print(f"peak RSS: this process {_peak_mb():.0f} MB, largest local worker "
          f"{local_peak:.0f} MB, largest cluster worker {cluster_peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
