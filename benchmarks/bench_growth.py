"""Growth with repetition: does ten times the same corpus give ten times the graph?

Builds, from the Prompt Engineering Guide's pages in ``../shared/corpus/prompt-guide``:

* ``x1``: the pages;
* ``x10 same``: ten copies of them under other file names. Identical text has an identical
  digest, and a result is kept per digest: an open extracts one document of each text and
  reads its result back for the copies, so the graph is assembled from ten times the
  documents but spaCy runs on one copy (here on none: the workspace starts as a copy of
  ``x1``'s, which holds them all);
* ``x10 varied``: ten copies of ``--varied-pages`` pages, each copy with its own first line
  ("Reading copy bbb."),
  so every copy has its own digest and really goes through the extraction (a subset of the
  pages keeps it to a few minutes on two busy cores), beside the ``x1`` of that subset.

For each it prints the entities (and the METRIC and DATE among them), the ratio to ``x1``,
whether every edge of ``x1`` is in the bigger graph (by its ends' type and label, and its
key), the GraphML's size beside the corpus text, and the workspace's size beside it.

    .venv/bin/python benchmarks/bench_growth.py [--copies 10] [--varied-pages 16] [--jobs N]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus_graph import GUIDE  # noqa: E402
from graph.build.jobs import open_corpus_job  # noqa: E402
from graph.jobs import run_job  # noqa: E402
from graph.store.graphml import write_graphml  # noqa: E402

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def write_copies(pages: list[Path], folder: Path, copies: int, varied: bool) -> int:
    """``copies`` copies of ``pages`` in ``folder`` (copy 0 keeps the text as it is); the
    size of the text written."""
    folder.mkdir(parents=True)
    size = 0
    for copy in range(copies):
        for page in pages:
            text = page.read_text(encoding="utf-8")
            if varied and copy:  # no digits: "Copy 4 of about" would be a figure of its own
                text = f"Reading copy {LETTERS[copy % len(LETTERS)] * 3}.\n\n{text}"
            name = page.name if copy == 0 else f"copy{copy:02d}__{page.name}"
            (folder / name).write_text(text, encoding="utf-8")
            size += len(text.encode())
    return size


def edge_names(graph) -> set[tuple]:
    """Every edge by its ends' type and label and its key (ids may be numbered otherwise)."""
    def name(nid):
        node = graph.nodes[nid]
        return node.get("type"), node.get("label")
    return {(name(u), name(v), key) for u, v, key in graph.edges(keys=True)}


def measure(name: str, folder: Path, size: int, workspace: Path, jobs: int | None,
            base=None):
    start = time.perf_counter()
    extraction = run_job(open_corpus_job([str(folder)], workspace=workspace, jobs=jobs))
    seconds = time.perf_counter() - start
    graph = extraction.graph
    types = Counter(d.get("type") for _, d in graph.nodes(data=True))
    graphml = folder.with_suffix(".graphml")
    write_graphml(graph, graphml)
    row = (f"{name:<22}{len(extraction.documents):>6}{extraction.extracted:>6}"
           f"{seconds:>8.1f}{graph.number_of_nodes():>8}{types['METRIC']:>7}{types['DATE']:>6}"
           f"{graph.number_of_edges():>8}")
    if base is not None:
        ratio = graph.number_of_nodes() / base.number_of_nodes()
        lost = len(edge_names(base) - edge_names(graph))
        row += f"{ratio:>7.2f}x{lost:>6}"
    else:
        row += f"{'':>8}{'':>6}"
    row += (f"{graphml.stat().st_size / size:>9.2f}x"
            f"{workspace.stat().st_size / size:>9.2f}x  ({size / 1e6:.2f} MB text)")
    print(row, flush=True)
    return graph


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--varied-pages", type=int, default=16)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    pages = sorted(GUIDE.glob("*.md"))
    if not pages:
        print(f"no pages in {GUIDE}")
        return 1
    print(f"{'corpus':<22}{'docs':>6}{'extr':>6}{'secs':>8}{'nodes':>8}{'METRIC':>7}"
          f"{'DATE':>6}{'edges':>8}{'vs x1':>8}{'lost':>6}{'GraphML':>10}{'space':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for label, chosen in (("", pages), ("subset ", pages[:args.varied_pages])):
            size1 = write_copies(chosen, tmp / f"{label}x1", 1, False)
            space1 = tmp / f"{label}x1.threadline"
            base = measure(f"{label}x1", tmp / f"{label}x1", size1, space1, args.jobs)
            variants = (("same", False),) if not label else (("varied", True),)
            for variant, varied in variants:
                folder = tmp / f"{label}x{args.copies} {variant}"
                size = write_copies(chosen, folder, args.copies, varied)
                space = tmp / f"{label}x{args.copies}-{variant}.threadline"
                shutil.copyfile(space1, space)  # copy 0 is the x1 corpus: already extracted
                measure(f"{label}x{args.copies} {variant}", folder, size, space, args.jobs,
                        base)
    print("extr: documents extracted (the others' results came from the workspace); "
          "lost: edges of x1 missing from the bigger graph; GraphML and space (the "
          "workspace file): their size beside the corpus text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
