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
import sys
import threading
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


def _peak_mb() -> float:
    """This process's own peak resident memory (VmHWM), in MB."""
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


class ChildSampler:
    """The largest resident memory any child process had, sampled every 0.2 s."""

    def __init__(self) -> None:
        import psutil  # comes with distributed

        self.process, self.peak = psutil.Process(), 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            for child in self.process.children(recursive=True):
                try:
                    self.peak = max(self.peak, child.memory_info().rss)
                except Exception:  # it ended meanwhile
                    pass

    def __enter__(self) -> ChildSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()


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
        with ChildSampler() as workers:  # (RUSAGE_CHILDREN carries this process's peak)
            parallel, many = run(folder, tmp / "many.threadline", args.jobs)
        single, one = run(folder, tmp / "one.threadline", 1)
    words = one.words
    print(f"corpus: {args.documents} documents, {size / 1e6:.2f} MB, {words} words")
    print(f"1 process:   {single:7.1f} s  {words / single:7.0f} words/s")
    print(f"{args.jobs} processes: {parallel:7.1f} s  {words / parallel:7.0f} words/s "
          f"(start-up included)")
    print(f"speed-up {single / parallel:.2f}x (goal >= 1.6x with 2 on 2 idle cores); "
          f"same graph: {same_graph(one.graph, many.graph)}")
    worker = f"{workers.peak / 2**20:.0f} MB" if workers.peak else "none started (a small corpus)"
    print(f"peak RSS: this process {_peak_mb():.0f} MB, largest worker {worker}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
