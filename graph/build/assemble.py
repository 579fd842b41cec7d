"""Assemble the knowledge graph from per-document extraction results.

Mentions are resolved into entity nodes (:mod:`graph.build.resolve`); typed relations become
``dependency`` edges and entities sharing a sentence become ``cooccurrence`` edges, each
with its evidence sentences. The attributes are those of :mod:`graph.schema`.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

import networkx as nx

from graph import __version__
from graph.build.resolve import resolve
from graph.ingest.documents import Corpus
from graph.nlp.reading import plain_pieces
from graph.nlp.records import DocumentResult, Mention, PipelineInfo, TypedRelation
from graph.schema import (
    COOCCURRENCE,
    COOCCURS_WITH,
    DEPENDENCY,
    PREDICATES,
    UNDIRECTED_PREDICATES,
    Evidence,
    Occurrence,
    edge_key,
)
from graph.taxonomy import predicates

# A sentence naming more entities than this is a list; its pairs say little each.
MAX_ENTITIES_PER_SENTENCE = 40


def _evidence(doc: str, start: int, end: int, texts: dict[str, str]) -> Evidence:
    """The sentence at ``start:end`` of ``doc``, its text as read (no link's markup)."""
    text = plain_pieces(texts[doc][start:end], [])[0]
    return Evidence(doc=doc, start=start, end=end, text=" ".join(text.split()))


def _portable(path: str, corpus: Corpus | None) -> str:
    """``path`` relative to the corpus root (no local folder names in a shared export)."""
    if corpus is None:
        return path
    try:
        relative = Path(path).relative_to(corpus.root)
    except ValueError:
        return path
    return relative.as_posix()


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
    entities, index = resolve(mentions, texts, relations=relations)

    g = nx.MultiDiGraph()
    g.graph.update({
        "sources": [{"id": d.id, "path": _portable(d.path, corpus), "digest": d.digest}
                    for d in (r.doc for r in results)],
        "pipeline": info.name, "pipeline_version": info.version,
        "spacy_version": info.spacy_version, "threadline_version": __version__,
        "corpus_root": corpus.root if corpus else "",
        "created": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
    })
    for ent in entities:
        occurrences = sorted(Occurrence(m.doc, m.start, m.end, m.sent_start, m.sent_end)
                             for m in ent.mentions)
        g.add_node(ent.id, label=ent.label, type=ent.type, aliases=ent.aliases,
                   documents=ent.documents, mentions=len(ent.mentions), occurrences=occurrences)
    # Typed relations first: the parse says more than adjacency.
    _add_typed_edges(g, relations, index, texts)
    _add_cooccurrence_edges(g, mentions, index, texts)
    return g


def _add_typed_edges(g: nx.MultiDiGraph, relations: list[TypedRelation], index: dict,
                     texts: dict[str, str]) -> None:
    """One typed edge per (source, predicate, target), its sentences as evidence.

    The edge reads as the phrase its sentences use most ("released by"), else as the
    predicate's own phrase.
    """
    typed: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    phrases: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for rel in relations:
        u = index.get((rel.doc, *rel.source))
        v = index.get((rel.doc, *rel.target))
        if u and v and u != v:
            if rel.predicate in UNDIRECTED_PREDICATES and v < u:
                u, v = v, u  # one edge for both directions, like co-occurrence
            key = (u, v, rel.predicate or rel.relation)
            ev = _evidence(rel.doc, rel.sent_start, rel.sent_end, texts)
            if rel.via:
                ev["via"] = rel.via  # an end not named in the sentence: "we", "title", ...
            if ev not in typed[key]:
                typed[key].append(ev)
            phrases[key][rel.relation] += 1
    for (u, v, name), evidence in typed.items():
        predicate = name if name in PREDICATES else ""
        relation = phrases[(u, v, name)].most_common(1)[0][0] or \
            predicates()[predicate].phrase
        g.add_edge(u, v, key=edge_key(DEPENDENCY, relation, predicate), relation=relation,
                   predicate=predicate, weight=float(len(evidence)), method=DEPENDENCY,
                   evidence=evidence)


def _add_cooccurrence_edges(g: nx.MultiDiGraph, mentions: list[Mention], index: dict,
                            texts: dict[str, str]) -> None:
    """One ``cooccurrence`` edge per pair of entities sharing sentences, weighted by them."""
    by_sentence: dict[tuple[str, int, int], set[str]] = defaultdict(set)
    for m in mentions:
        nid = index.get((m.doc, m.start, m.end))
        if nid:
            by_sentence[(m.doc, m.sent_start, m.sent_end)].add(nid)
    pairs: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for (doc, start, end), nids in sorted(by_sentence.items()):
        if 2 <= len(nids) <= MAX_ENTITIES_PER_SENTENCE:
            ev = _evidence(doc, start, end, texts)
            for u, v in combinations(sorted(nids), 2):
                pairs[(u, v)].append(ev)
    for (u, v), evidence in pairs.items():
        g.add_edge(u, v, key=edge_key(COOCCURRENCE, COOCCURS_WITH), relation=COOCCURS_WITH,
                   predicate="", weight=float(len(evidence)), method=COOCCURRENCE,
                   evidence=evidence)
