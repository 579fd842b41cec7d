"""Extraction without the window: a progress bar on stderr and a summary for stdout.

``threadline extract`` and ``threadline evaluate`` use these, and so does the window
command when there is no display to show the window on. Qt is never imported here.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import TYPE_CHECKING

from graph.schema import COOCCURRENCE, DEPENDENCY

if TYPE_CHECKING:  # the extraction machinery loads only when a command runs
    from graph.build.jobs import Extraction


def run_extraction(paths: list[str], model: str | None, use_cache: bool,
                   quiet: bool, workspace: str | None = None, jobs: int | None = None,
                   scheduler: str | None = None) -> Extraction:
    """Extract ``paths`` with a progress bar on stderr.

    Parameters
    ----------
    paths
        Files and folders of documents.
    model
        The spaCy pipeline package to use, ``None`` for the best one installed.
    use_cache
        Take the results of unchanged documents from the workspace.
    quiet
        No progress bar.
    workspace
        The workspace file (default: the folder's own, :mod:`graph.store.workspace`).
    jobs
        Extraction processes (default: one per core, :mod:`graph.nlp.parallel`).
    scheduler
        The address of a Dask scheduler to extract on instead (:mod:`graph.nlp.cluster`).

    Returns
    -------
    Extraction
        The graph, its documents and the corpus report.
    """
    from tqdm import tqdm

    from graph.build.jobs import open_corpus_job
    from graph.jobs import run_job

    bar = tqdm(total=0, unit="doc", disable=quiet or None, file=sys.stderr, leave=False,
               dynamic_ncols=True)

    def on_progress(p) -> None:
        if bar.total != p.total:
            bar.reset(total=p.total)
        bar.n = p.done
        bar.set_description_str(p.message[:40])
        bar.refresh()

    try:
        return run_job(open_corpus_job(paths, model, use_cache=use_cache, workspace=workspace,
                                       jobs=jobs, scheduler=scheduler), on_progress)
    finally:
        bar.close()


def summary(extraction: Extraction) -> str:
    """What was read, skipped and found: printed after every headless extraction."""
    corpus, g = extraction.corpus, extraction.graph
    lines = [f"Documents: {len(corpus.documents)} read, {len(corpus.skipped)} skipped"
             + extraction.reuse_note]
    lines += [f"  skipped {s.path}: {s.reason}" for s in corpus.skipped]
    lines += [f"  warning: {w}" for w in extraction.warnings]
    types = Counter(t for _, t in g.nodes(data="type"))
    by_type = ", ".join(f"{t} {n}" for t, n in sorted(types.items(), key=lambda x: (-x[1], x[0])))
    lines.append(f"Entities: {g.number_of_nodes()} ({by_type or 'none'})")
    methods = Counter(m for _, _, m in g.edges(data="method"))
    lines.append(f"Edges: {g.number_of_edges()} ({methods.get(DEPENDENCY, 0)} typed relations, "
                 f"{methods.get(COOCCURRENCE, 0)} co-occurrences)")
    pipeline = g.graph.get("pipeline", "?")
    lines.append(f"Pipeline: {pipeline} {g.graph.get('pipeline_version', '')}".rstrip())
    return "\n".join(lines)
