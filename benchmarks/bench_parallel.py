"""Extraction in one process against ``--jobs`` worker processes, side by side.

Writes the corpus of ``bench_workspace.py`` (``--documents`` pieces of the real guide pages
and paper summaries), then extracts it twice with fresh workspaces: once in this process,
once in worker processes (:mod:`graph.nlp.parallel`, their start-up included). Prints the
time and words per second of each, the speed-up (goal: >= 1.6x with 2 processes on an idle
2-core machine), whether the two graphs are the same, and the peak memory of this process
and of the largest worker.

    .venv/bin/python benchmarks/bench_parallel.py [--documents 1000] [--jobs 2]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_workspace import generated_corpus  # noqa: E402
from graph.build.jobs import open_corpus_job  # noqa: E402
from graph.jobs import run_job  # noqa: E402
from graph.nlp.pipeline import shared_pipeline  # noqa: E402


def run(folder: Path, workspace: Path, jobs: int):
    start = time.perf_counter()
    extraction = run_job(open_corpus_job([str(folder)], workspace=workspace, jobs=jobs))
    return time.perf_counter() - start, extraction


def same_graph(a, b) -> bool:
    return sorted(a.nodes(data=True)) == sorted(b.nodes(data=True)) and \
        sorted(a.edges(keys=True, data=True)) == sorted(b.edges(keys=True, data=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    shared_pipeline()  # this process's pipeline is loaded before either run
    with generated_corpus(args.documents) as (tmp, folder, size):
        parallel, many = run(folder, tmp / "many.threadline", args.jobs)
        single, one = run(folder, tmp / "one.threadline", 1)
    words = one.words
    print(f"corpus: {args.documents} documents, {size / 1e6:.2f} MB, {words} words")
    print(f"1 process:   {single:7.1f} s  {words / single:7.0f} words/s")
    print(f"{args.jobs} processes: {parallel:7.1f} s  {words / parallel:7.0f} words/s "
          f"(start-up included)")
    print(f"speed-up {single / parallel:.2f}x (goal >= 1.6x with 2 on 2 idle cores); "
          f"same graph: {same_graph(one.graph, many.graph)}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: this process {own:.0f} MB, largest worker {child:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
