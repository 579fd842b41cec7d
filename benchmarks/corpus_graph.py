"""The graph of a real corpus of the genre, for the benchmarks that want one.

The Prompt Engineering Guide's pages in ``../shared/corpus/prompt-guide`` (beside the
repository), extracted the way the program does; the folder's workspace keeps the results,
so only the first run pays for the extraction (about a minute).
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT.parent / "shared" / "corpus" / "prompt-guide"


def real_corpus_graph(folder: Path = GUIDE) -> nx.MultiDiGraph | None:
    """The extracted graph of ``folder``'s Markdown pages; ``None`` when it is not there."""
    from graph.build.jobs import open_corpus_job
    from graph.jobs import run_job

    pages = sorted(folder.glob("*.md")) if folder.is_dir() else []
    if not pages:
        return None
    return run_job(open_corpus_job([str(p) for p in pages])).graph
