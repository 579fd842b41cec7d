"""Incremental extraction: reopening a 1,000-document corpus after changing one document.

Writes a corpus of ``--documents`` files (pieces of the real guide pages and paper summaries
in ../shared/corpus, or of the seeds when that is absent) into a temporary folder, then
times, with one fresh workspace:

1. the first open (every document extracted),
2. reopening it unchanged (nothing extracted),
3. reopening it after one document changed (one extracted).

The model is loaded before the first run so no row pays for it. Prints the documents
extracted and the time of each row, the ratio of rows 2 and 3 to row 1 (the goal: changing
one document costs a small fraction of a full run), and the workspace's size beside the
corpus text.

    .venv/bin/python benchmarks/bench_workspace.py [--documents 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.build.jobs import open_corpus_job  # noqa: E402
from graph.jobs import run_job  # noqa: E402
from graph.nlp.pipeline import shared_pipeline  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"


def paragraphs() -> list[str]:
    sources = sorted(SHARED.rglob("*.md")) + sorted(SHARED.rglob("*.txt")) \
        or sorted((ROOT / "seeds").glob("*.txt"))
    found = []
    for path in sources:
        found += [p.strip() for p in path.read_text(errors="replace").split("\n\n")
                  if len(p.split()) >= 25]
    return found


def write_corpus(folder: Path, count: int) -> int:
    """``count`` documents of three real paragraphs each; past the number of paragraphs the
    combinations change (rounds of wider steps), so no two documents have the same text
    and none is skipped as a copy of another."""
    pieces = paragraphs()
    size = 0
    for i in range(count):
        step = 1 + i // len(pieces)
        text = "\n\n".join(pieces[(i * 3 + k * step) % len(pieces)] for k in range(3)) + "\n"
        (folder / f"doc{i:05d}.md").write_text(text)
        size += len(text.encode())
    return size


@contextmanager
def generated_corpus(count: int) -> Iterator[tuple[Path, Path, int]]:
    """A temporary folder holding ``corpus/`` of :func:`write_corpus`'s ``count``
    documents: ``(the temporary folder, the corpus folder, its size in bytes)``."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        yield Path(tmp), folder, write_corpus(folder, count)


def timed(folder: Path, workspace: Path):
    start = time.perf_counter()
    result = run_job(open_corpus_job([str(folder)], workspace=workspace))
    return time.perf_counter() - start, result


def open_seconds(workspace: Path, extraction) -> float:
    """Best of 3: open the workspace and read the results of every document."""
    from graph.nlp.pipeline import extraction_fingerprint
    from graph.store.workspace import Workspace

    documents, fingerprint = list(extraction.documents.values()), extraction_fingerprint()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        with Workspace(workspace) as store:
            found = len(store.results(documents, fingerprint))
            assert found == len(documents), (found, len(documents))
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    shared_pipeline()
    with generated_corpus(args.documents) as (tmp, folder, size):
        workspace = tmp / "bench.threadline"
        full, first = timed(folder, workspace)
        same, unchanged = timed(folder, workspace)
        changed_file = folder / "doc00007.md"
        changed_file.write_text(changed_file.read_text() + "\nMeta released Llama 3 in 2024.\n")
        one, changed = timed(folder, workspace)
        print(f"corpus: {args.documents} documents, {size / 1e6:.2f} MB of text, "
              f"{first.graph.number_of_nodes()} entities")
        print(f"{'run':<34}{'extracted':>10}{'seconds':>10}{'vs full':>9}")
        for name, seconds, result in (("first open (all extracted)", full, first),
                                      ("reopen, unchanged", same, unchanged),
                                      ("reopen, one document changed", one, changed)):
            print(f"{name:<34}{result.extracted:>10}{seconds:>10.2f}{seconds / full:>8.2f}x")
        print(f"workspace: {workspace.stat().st_size / 1e6:.2f} MB "
              f"({workspace.stat().st_size / size:.2f}x the corpus text); opening it and "
              f"reading every document's results: {open_seconds(workspace, changed) * 1e3:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
