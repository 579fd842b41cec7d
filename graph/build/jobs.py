"""The long jobs the command line and the window run: open a corpus, import a graph.

Each is a job (:mod:`graph.jobs`): a generator that yields :class:`Progress` after every
step and returns an :class:`Extraction`. spaCy is loaded only inside the jobs that need it,
so the window can start, and import a GraphML file, without it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Generator, Iterable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graph import messages
from graph.build.assemble import build_graph
from graph.build.edits import Edit, apply_edits, read_log
from graph.errors import WorkspaceError
from graph.ingest.corpus import load_corpus, load_sources
from graph.ingest.documents import Corpus, Document
from graph.jobs import Progress, long_lived, reporting
from graph.nlp.records import DocumentResult, PipelineInfo
from graph.store.formats import is_graph_file
from graph.store.graphml import exported_places, read_graphml_steps
from graph.store.workspace import SUFFIX, Workspace, default_workspace, open_default

log = logging.getLogger(__name__)

@dataclass
class Extraction:
    """A finished extraction or import: the graph, its documents and the corpus report."""

    graph: nx.MultiDiGraph
    documents: dict[str, Document]
    corpus: Corpus
    words: int = 0
    mentions: int = 0
    warnings: list[str] = field(default_factory=list)
    extracted: int = 0  # documents run through spaCy
    reused: int = 0  # documents whose results came from the workspace
    workspace: Path | None = None  # where the results and the edit log are kept
    skipped_edits: list[Edit] = field(default_factory=list)  # edits that found nothing
    base: nx.MultiDiGraph | None = None  # the graph before the edit log (never changed)
    places: tuple[dict, list] | None = None  # an imported export's places and pins

    @property
    def reuse_note(self) -> str:
        """`` (2 extracted, 98 unchanged)`` when the workspace gave some results, else ``""``."""
        if not self.reused:
            return ""
        return messages.OPENED_PARTLY.format(extracted=self.extracted, reused=self.reused)


ExtractionJob = Generator[Progress, None, Extraction]


def _mention_count(graph: nx.MultiDiGraph) -> int:
    return sum(d.get("mentions", 0) for _, d in graph.nodes(data=True))


def extraction_job(corpus: Corpus, nlp, info: PipelineInfo) -> ExtractionJob:
    """Extract the whole corpus; returns an :class:`Extraction` (nothing is stored).

    Yields progress per document, and within a long document after each of its pieces
    (``part`` of the way through it), so a cancel never waits for a whole document.
    """
    results = yield from _extract_documents(corpus.documents, nlp)
    return _assembled(corpus, results, info, extracted=len(results))


def _extract_documents(documents: list[Document], nlp,
                       on_result: Callable[[DocumentResult], None] | None = None
                       ) -> Generator[Progress, None, list[DocumentResult]]:
    """Run ``documents`` through the pipeline, handing each result to ``on_result``."""
    from graph.nlp.extract import ChunkDone, extract

    total = len(documents)
    results: list[DocumentResult] = []
    words = 0
    yield Progress(0, total, "Reading documents")
    for item in extract(nlp, documents, total=total, chunk_progress=True):
        if isinstance(item, ChunkDone):
            yield Progress(item.index, total, item.doc_id, words + item.words, item.fraction)
            continue
        results.append(item)
        words += item.words
        if on_result is not None:
            on_result(item)
        yield Progress(item.index + 1, total, item.doc.id, words)
    return results


def _assembled(corpus: Corpus, results: list[DocumentResult], info: PipelineInfo,
               extracted: int) -> Extraction:
    with long_lived():  # the graph outlives the job: keep the collector off it
        graph = build_graph(results, info, corpus)
    return Extraction(graph, {d.id: d for d in corpus.documents}, corpus,
                      sum(r.words for r in results), sum(len(r.mentions) for r in results),
                      [*corpus.warnings, *([info.warning] if info.warning else [])],
                      extracted=extracted, reused=len(results) - extracted)


def open_corpus_job(paths: Iterable[str], model: str | None = None, *, use_cache: bool = True,
                    workspace: str | os.PathLike | None = None, jobs: int | None = None,
                    scheduler: str | None = None) -> ExtractionJob:
    """Read a corpus and extract the documents its workspace holds no result for.

    The results of unchanged documents come from the workspace (:mod:`graph.store.workspace`;
    the folder's own unless ``workspace`` names a file); the new and changed documents go
    through spaCy, each stored as soon as it is done (copies with the same text once), and
    the graph is assembled from all.
    ``use_cache=False`` extracts every document again. spaCy is loaded only when some
    document needs it; ``jobs`` processes share the work when there is enough of it
    (:mod:`graph.nlp.parallel`; default: one per core, 1: this process alone), or the
    Dask cluster whose scheduler is at ``scheduler`` does it (:mod:`graph.nlp.cluster`).
    Raises :class:`graph.errors.CorpusError` for unusable paths and
    :class:`graph.errors.WorkspaceError` for an unusable workspace file.
    """
    from graph.nlp.pipeline import check_model, extraction_fingerprint

    check_model(model)
    paths = list(paths)
    yield Progress(0, 0, "Reading files")
    corpus = load_corpus(paths)
    fingerprint = extraction_fingerprint(model)
    store, warning = open_workspace(paths, workspace)
    with store:
        log = read_log(store.edits())
        stored = store.results(corpus.documents, fingerprint) if use_cache else {}
        info = store.pipeline(fingerprint)
        missing = [d for d in corpus.documents if d.id not in stored]
        firsts: dict[str, Document] = {}  # one document of each text: a copy's result is
        for doc in missing:  # read back under its own name
            firsts.setdefault(doc.digest, doc)
        unique = list(firsts.values())
        if missing or info is None:
            new, info = yield from _extract_missing(unique, model, jobs, store, fingerprint,
                                                    scheduler)
            stored.update((r.doc.id, r) for r in new)
            stored.update(store.results([d for d in missing if d.id not in stored],
                                        fingerprint))
        store.set_documents(corpus.documents)
        store.set_corpus_paths(paths)
    results = [stored[d.id] for d in corpus.documents]
    for index, result in enumerate(results):
        result.index, result.total = index, len(results)
    extraction = _assembled(corpus, results, info, extracted=len(unique))
    extraction.warnings += [warning] if warning else []
    # A workspace in memory (the folder's own is from a newer version) keeps nothing.
    extraction.workspace = None if store.in_memory else store.path
    extraction.base = extraction.graph
    if log:  # the base stays as extracted: undoing an edit rebuilds from it
        extraction.graph = extraction.graph.copy()
    extraction.skipped_edits = apply_edits(extraction.graph, [e for _, e in log],
                                           extraction.documents)
    return extraction


def _extract_missing(documents: list[Document], model: str | None, jobs: int | None,
                     store: Workspace, fingerprint: str, scheduler: str | None = None
                     ) -> Generator[Progress, None, tuple[list[DocumentResult], PipelineInfo]]:
    """Extract ``documents`` (on a cluster when a scheduler is given, in worker processes
    when worth it), storing each result."""
    if scheduler and documents:
        return (yield from _extract_on_cluster(documents, model, scheduler, store, fingerprint))
    from graph.nlp.parallel import default_jobs, extract_in_processes, worth_processes
    from graph.nlp.pipeline import shared_pipeline

    jobs = default_jobs() if jobs is None else jobs
    total = len(documents)
    results, info, words = [], None, 0
    if worth_processes(documents, jobs):
        yield Progress(0, total, f"Starting {jobs} extraction processes")
        try:
            for result, made_by in extract_in_processes(documents, model, jobs):
                if info is None:
                    info = made_by
                    store.set_pipeline(fingerprint, info)
                store.store(result, fingerprint)
                results.append(result)
                words += result.words
                yield Progress(len(results), total, result.doc.id, words)
            return results, info
        except BrokenProcessPool:  # a worker died (out of memory?): go on in this one
            log.warning("an extraction process died; extracting the rest in one process")
            done = {r.doc.id for r in results}
            documents = [d for d in documents if d.id not in done]
    yield Progress(len(results), total, "Loading the spaCy model")
    nlp, info = shared_pipeline(model)
    store.set_pipeline(fingerprint, info)
    rest = yield from _extract_documents(
        documents, nlp, lambda result: store.store(result, fingerprint))
    return results + rest, info


def _extract_on_cluster(documents: list[Document], model: str | None, scheduler: str,
                        store: Workspace, fingerprint: str
                        ) -> Generator[Progress, None, tuple[list[DocumentResult], PipelineInfo]]:
    """Extract ``documents`` on the Dask cluster at ``scheduler``, storing each result."""
    from graph.nlp.cluster import cluster_extraction

    kept: list[PipelineInfo] = []

    def keep(result: DocumentResult, info: PipelineInfo) -> None:
        if not kept:
            store.set_pipeline(fingerprint, info)
            kept.append(info)
        store.store(result, fingerprint)

    return (yield from cluster_extraction(documents, model, scheduler, fingerprint, keep))


def open_workspace(paths: list[str], workspace: str | os.PathLike | None = None
                   ) -> tuple[Workspace, str]:
    """The workspace named, or the folder's own (:func:`graph.store.workspace.open_default`),
    and a warning when the folder's own could not be used as it was."""
    if workspace is None:
        return open_default(default_workspace(paths))
    return Workspace(workspace), ""


def import_job(path: str) -> ExtractionJob:
    """Read an exported GraphML and the documents it names (when unchanged on disk).

    Yields progress every megabyte or so of the file, before reading the documents it names
    and at the end, so a cancel takes effect within a big file too.
    """
    name = Path(path).name
    yield Progress(0, 0, f"Importing {name}")
    graph = yield from reporting(  # reads and checks it into the schema's shapes
        read_graphml_steps(path), lambda share: Progress(0, 0, f"Importing {name} ({share:.0%})"))
    yield Progress(0, 0, f"Reading the documents {name} names")
    root = str(graph.graph.get("corpus_root") or "")  # only files under it are re-read
    documents = load_sources(graph.graph.get("sources", []),
                             root if root and Path(root).is_dir() else Path(path).parent)
    corpus = Corpus(root=str(Path(path).parent), documents=list(documents.values()))
    yield Progress(0, 0, f"Imported {name}")
    return Extraction(graph, documents, corpus, mentions=_mention_count(graph),
                      places=exported_places(graph))


def open_workspace_job(path: str, model: str | None = None, use_cache: bool = True,
                       scheduler: str | None = None) -> ExtractionJob:
    """Open a ``.threadline`` file: the corpus it was made from, with its results, edits
    and sessions (documents changed since are extracted again, like any reopening)."""
    with Workspace(path) as store:
        paths = store.corpus_paths()
    if not paths:
        raise WorkspaceError(messages.WORKSPACE_NO_CORPUS.format(path=path))
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise WorkspaceError(messages.WORKSPACE_CORPUS_GONE.format(
            path=path, missing=", ".join(missing)))
    return (yield from open_corpus_job(paths, model, use_cache=use_cache, workspace=path,
                                       scheduler=scheduler))


def open_job(paths: list[str], model: str | None = None, use_cache: bool = True,
             scheduler: str | None = None) -> ExtractionJob:
    """Import a single graph file, open a ``.threadline`` workspace, or extract the
    documents under ``paths`` (on the Dask cluster at ``scheduler`` when one is given)."""
    if len(paths) == 1 and is_graph_file(paths[0]):
        return import_job(paths[0])
    if len(paths) == 1 and paths[0].lower().endswith(SUFFIX):
        return open_workspace_job(paths[0], model, use_cache, scheduler)
    return open_corpus_job(paths, model, use_cache=use_cache, scheduler=scheduler)
