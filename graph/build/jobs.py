"""The long jobs the command line and the window run: open a corpus, import a graph.

Each is a job (:mod:`graph.jobs`): a generator that yields :class:`Progress` after every
step and returns an :class:`Extraction`. spaCy is loaded only inside the jobs that need it,
so the window can start, and import a GraphML file, without it.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graph.build.assemble import build_graph
from graph.ingest.corpus import load_corpus, load_sources
from graph.ingest.documents import Corpus, Document
from graph.jobs import Progress, long_lived, reporting
from graph.nlp.records import DocumentResult, PipelineInfo
from graph.store import cache
from graph.store.formats import is_graph_file
from graph.store.graphml import read_graphml_steps


@dataclass
class Extraction:
    """A finished extraction or import: the graph, its documents and the corpus report."""

    graph: nx.MultiDiGraph
    documents: dict[str, Document]
    corpus: Corpus
    words: int = 0
    mentions: int = 0
    warnings: list[str] = field(default_factory=list)
    from_cache: bool = False


ExtractionJob = Generator[Progress, None, Extraction]


def _mention_count(graph: nx.MultiDiGraph) -> int:
    return sum(d.get("mentions", 0) for _, d in graph.nodes(data=True))


def extraction_job(corpus: Corpus, nlp, info: PipelineInfo) -> ExtractionJob:
    """Extract the whole corpus; returns an :class:`Extraction`.

    Yields progress per document, and within a long document after each of its pieces
    (``part`` of the way through it), so a cancel never waits for a whole document.
    """
    from graph.nlp.extract import ChunkDone, extract

    total = len(corpus.documents)
    results: list[DocumentResult] = []
    words = 0
    yield Progress(0, total, "Reading documents")
    for item in extract(nlp, corpus.documents, total=total, chunk_progress=True):
        if isinstance(item, ChunkDone):
            yield Progress(item.index, total, item.doc_id, words + item.words, item.fraction)
            continue
        results.append(item)
        words += item.words
        yield Progress(item.index + 1, total, item.doc.id, words)
    with long_lived():  # the graph outlives the job: keep the collector off it
        graph = build_graph(results, info, corpus)
    return Extraction(graph, {d.id: d for d in corpus.documents}, corpus, words,
                      sum(len(r.mentions) for r in results),
                      [*corpus.warnings, *([info.warning] if info.warning else [])])


def open_corpus_job(paths: Iterable[str], model: str | None = None, *, use_cache: bool = True,
                    cache_folder=None) -> ExtractionJob:
    """Read a corpus and extract it, or take the cached extraction of the same corpus.

    Yields progress while it loads the spaCy model and processes documents; a cache hit
    skips both. Raises :class:`graph.errors.CorpusError` for unusable paths.
    """
    from graph.nlp.pipeline import check_model, pipeline_fingerprint, shared_pipeline

    check_model(model)
    yield Progress(0, 0, "Reading files")
    corpus = load_corpus(paths)
    key = cache.cache_key(corpus, pipeline_fingerprint(model))
    if use_cache:
        cached = cache.load(key, cache_folder)
        if cached is not None:
            return Extraction(cached, {d.id: d for d in corpus.documents}, corpus,
                              warnings=list(corpus.warnings), from_cache=True,
                              mentions=_mention_count(cached))
    yield Progress(0, len(corpus.documents), "Loading the spaCy model")
    nlp, info = shared_pipeline(model)
    result = yield from extraction_job(corpus, nlp, info)
    if use_cache:
        cache.store(key, result.graph, cache_folder)
    return result


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
    return Extraction(graph, documents, corpus, mentions=_mention_count(graph))


def open_job(paths: list[str], model: str | None = None, use_cache: bool = True
             ) -> ExtractionJob:
    """Import a single graph file, or extract the documents under ``paths``."""
    if len(paths) == 1 and is_graph_file(paths[0]):
        return import_job(paths[0])
    return open_corpus_job(paths, model, use_cache=use_cache)
