"""From documents to a knowledge graph: the long job the CLI and the window run.

:func:`extraction_job` and :func:`open_corpus_job` are jobs (:mod:`graph.jobs`): they yield
:class:`Progress` after every document and return an :class:`Extraction`.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

import networkx as nx

from graph import __version__
from graph.corpus import Corpus
from graph.extract import DocumentResult, Mention, extract
from graph.jobs import Cancelled, Extraction, Job, Progress, run_job
from graph.model import COOCCURRENCE, DEPENDENCY, edge_key
from graph.nlp import PipelineInfo
from graph.relations import TypedRelation
from graph.resolve import resolve

__all__ = ["Cancelled", "Extraction", "Progress", "build_graph", "extraction_job",
           "open_corpus_job", "run_job"]

# A sentence naming more entities than this is a list; its pairs say little each.
MAX_ENTITIES_PER_SENTENCE = 40


def _evidence(doc: str, start: int, end: int, texts: dict[str, str]) -> dict:
    return {"doc": doc, "start": start, "end": end, "text": " ".join(texts[doc][start:end].split())}


def build_graph(results: Iterable[DocumentResult], info: PipelineInfo,
                corpus: Corpus | None = None) -> nx.MultiDiGraph:
    """Resolve mentions into nodes and link them with typed and co-occurrence edges.

    Parameters
    ----------
    results
        Per-document extraction results (all of the corpus).
    info
        The pipeline that produced them, recorded in the graph's metadata.
    corpus
        The corpus they came from, for its root folder.
    """
    results = list(results)
    texts = {r.doc.id: r.doc.text for r in results}
    mentions: list[Mention] = [m for r in results for m in r.mentions]
    relations: list[TypedRelation] = [t for r in results for t in r.relations]
    entities, index = resolve(mentions, texts)

    g = nx.MultiDiGraph()
    g.graph.update({
        "sources": [{"id": d.id, "path": d.path, "digest": d.digest} for d in
                    (r.doc for r in results)],
        "pipeline": info.name, "pipeline_version": info.version,
        "spacy_version": info.spacy_version, "threadline_version": __version__,
        "corpus_root": corpus.root if corpus else "",
        "created": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
    })
    for ent in entities:
        occurrences = sorted((m.doc, m.start, m.end, m.sent_start, m.sent_end)
                             for m in ent.mentions)
        g.add_node(ent.id, label=ent.label, type=ent.type, aliases=ent.aliases,
                   documents=ent.documents, mentions=len(ent.mentions), occurrences=occurrences)

    # Typed relations first: the parse says more than adjacency.
    typed: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for rel in relations:
        u = index.get((rel.doc, *rel.source))
        v = index.get((rel.doc, *rel.target))
        if u and v and u != v:
            ev = _evidence(rel.doc, rel.sent_start, rel.sent_end, texts)
            if rel.via:
                ev["via"] = rel.via  # the subject is the document's author, not in the sentence
            if ev not in typed[(u, v, rel.relation)]:
                typed[(u, v, rel.relation)].append(ev)
    for (u, v, relation), evidence in typed.items():
        g.add_edge(u, v, key=edge_key(DEPENDENCY, relation), relation=relation,
                   weight=float(len(evidence)), method=DEPENDENCY, evidence=evidence)

    by_sentence: dict[tuple[str, int, int], set[str]] = defaultdict(set)
    for m in mentions:
        nid = index.get((m.doc, m.start, m.end))
        if nid:
            by_sentence[(m.doc, m.sent_start, m.sent_end)].add(nid)
    pairs: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for (doc, start, end), nids in sorted(by_sentence.items()):
        if 2 <= len(nids) <= MAX_ENTITIES_PER_SENTENCE:
            ev = _evidence(doc, start, end, texts)
            for u, v in combinations(sorted(nids), 2):
                pairs[(u, v)].append(ev)
    for (u, v), evidence in pairs.items():
        g.add_edge(u, v, key=edge_key(COOCCURRENCE, "co-occurs with"), relation="co-occurs with",
                   weight=float(len(evidence)), method=COOCCURRENCE, evidence=evidence)
    return g


def extraction_job(corpus: Corpus, nlp, info: PipelineInfo) -> Job:
    """Extract the whole corpus, yielding progress per document; returns an :class:`Extraction`."""
    total = len(corpus.documents)
    results: list[DocumentResult] = []
    words = 0
    yield Progress(0, total, "Reading documents")
    for result in extract(nlp, corpus.documents, total=total):
        results.append(result)
        words += result.words
        yield Progress(result.index + 1, total, result.doc.id, words)
    graph = build_graph(results, info, corpus)
    return Extraction(graph, {d.id: d for d in corpus.documents}, corpus, words,
                      sum(len(r.mentions) for r in results),
                      [*corpus.warnings, *([info.warning] if info.warning else [])])


def open_corpus_job(paths: Iterable[str], model: str | None = None, *, use_cache: bool = True,
                    cache_folder=None) -> Job:
    """Read a corpus and extract it, or take the cached extraction of the same corpus.

    Yields progress while it loads the spaCy model and processes documents; a cache hit
    skips both. Raises :class:`graph.corpus.CorpusError` for unusable paths.
    """
    from graph import cache
    from graph.corpus import load_corpus
    from graph.nlp import check_model, pipeline_fingerprint, shared_pipeline

    check_model(model)
    yield Progress(0, 0, "Reading files")
    corpus = load_corpus(paths)
    key = cache.cache_key(corpus, pipeline_fingerprint(model))
    if use_cache:
        cached = cache.load(key, cache_folder)
        if cached is not None:
            mentions = sum(d.get("mentions", 0) for _, d in cached.nodes(data=True))
            return Extraction(cached, {d.id: d for d in corpus.documents}, corpus,
                              warnings=list(corpus.warnings), from_cache=True, mentions=mentions)
    yield Progress(0, len(corpus.documents), "Loading the spaCy model")
    nlp, info = shared_pipeline(model)
    result = yield from extraction_job(corpus, nlp, info)
    if use_cache:
        cache.store(key, result.graph, cache_folder)
    return result
