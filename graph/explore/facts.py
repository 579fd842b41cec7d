"""What the views read about a whole graph, computed once per graph, off the GUI thread.

Counting edges and types, ranking the overview and indexing every name walk the whole graph:
at 100k entities that is seconds of Python. The window computes :class:`GraphFacts` in the
worker that built or imported the graph and hands them over with it
(:func:`graph.explore.opening.opening_facts`),
so swapping a big graph in costs the GUI thread no walk at all. A model without handed-over
facts computes them the first time a view asks (the command line, tests, small graphs).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx

from graph.explore.filters import edge_predicate
from graph.explore.junk import junk_reasons
from graph.explore.query import EntityIndex
from graph.schema import COOCCURRENCE, DEPENDENCY, PREDICATES

# A big graph opens on its best connected entities, not all of them (see overview()).
OVERVIEW_LIMIT = 150


@dataclass(frozen=True)
class GraphFacts:
    """Whole-graph summaries of one graph; they are never updated, only replaced.

    Attributes
    ----------
    graph
        The graph they describe (a model compares identities to know they are current).
    edge_count
        Edges, parallel ones included.
    type_counts
        Entities per type (``OTHER`` for a node without one).
    document_counts
        Entities per document id.
    overview
        The nodes the graph opens on: all of a small graph, else the ``OVERVIEW_LIMIT``
        best connected (distinct neighbours, then mentions, then id; nodes that are not
        entities, :attr:`junk`, after every entity), or the leading entities of the
        largest communities when :attr:`analysis` is known
        (:func:`graph.explore.opening.opening_facts`).
    index
        The name index behind the search box.
    predicate_counts
        Typed edges per predicate (:func:`graph.explore.filters.edge_predicate`: ``""`` for
        typed edges without one of the schema's predicates).
    cooccurrence_count
        Co-occurrence edges.
    junk
        Why each node that is not an entity should not lead a view
        (:func:`graph.explore.junk.junk_reasons`).
    analysis
        The graph's :class:`graph.explore.analysis.GraphAnalysis` when the worker that
        built the graph computed it (a big graph opens on its communities), else ``None``.
    given_junk, given_overview
        :attr:`junk` and :attr:`overview` as the worker computed them; ``None``: computed
        when first read.
    """

    graph: nx.MultiDiGraph
    edge_count: int
    type_counts: Counter
    document_counts: Counter
    index: EntityIndex
    predicate_counts: Counter = field(default_factory=Counter)
    cooccurrence_count: int = 0
    analysis: Any = None
    given_junk: Mapping[str, str] | None = field(default=None, repr=False)
    given_overview: tuple[str, ...] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, graph: nx.MultiDiGraph, *, junk: Mapping[str, str] | None = None,
           overview: Collection[str] | None = None, analysis: Any = None) -> GraphFacts:
        """Count and index ``graph``; ``junk``, ``overview`` and ``analysis`` when the caller
        computed them already (else :attr:`junk` and :attr:`overview` are computed the
        first time they are read: an edited graph keeps its view and may never need them)."""
        # networkx's own adjacency dict, read only: its views cost a second per 300k edges
        edge_count = sum(len(keys) for nbrs in graph._succ.values() for keys in nbrs.values())
        nodes = graph.nodes
        type_counts = Counter(t for _, t in nodes(data="type", default="OTHER"))
        document_counts = Counter(d for _, docs in nodes(data="documents", default=())
                                  for d in docs)
        predicate_counts, cooccurrence_count = count_relations(graph)
        return cls(graph, edge_count, type_counts, document_counts, EntityIndex(graph),
                   predicate_counts, cooccurrence_count, analysis, junk,
                   None if overview is None else tuple(overview))

    @cached_property
    def junk(self) -> Mapping[str, str]:
        """Why each node that is not an entity should not lead a view."""
        return junk_reasons(self.graph) if self.given_junk is None else self.given_junk

    @cached_property
    def overview(self) -> tuple[str, ...]:
        """The nodes the graph opens on (see the class)."""
        if self.given_overview is not None:
            return self.given_overview
        if self.graph.number_of_nodes() <= OVERVIEW_LIMIT:
            return tuple(self.graph.nodes)
        return tuple(rank_overview(self.graph, junk=self.junk))

    def types(self) -> list[str]:
        """Entity types present, most frequent first."""
        return sorted(self.type_counts, key=lambda t: (-self.type_counts[t], t))

    def predicates(self) -> list[str]:
        """Predicates of the typed edges present, in schema order (``""`` last)."""
        return sorted(self.predicate_counts,
                      key=lambda p: (p not in PREDICATES, PREDICATES.index(p)
                                     if p in PREDICATES else 0, p))


def count_relations(graph: nx.MultiDiGraph) -> tuple[Counter, int]:
    """Typed edges per predicate, and the number of co-occurrence edges."""
    predicate_counts: Counter = Counter()
    cooccurrence = 0
    # networkx's own adjacency dict, read only (see GraphFacts.of)
    for nbrs in graph._succ.values():
        for keys in nbrs.values():
            for data in keys.values():
                if data.get("method") == DEPENDENCY:
                    predicate_counts[edge_predicate(data)] += 1
                elif data.get("method", COOCCURRENCE) == COOCCURRENCE:
                    cooccurrence += 1
    return predicate_counts, cooccurrence


def rank_overview(graph: nx.MultiDiGraph, limit: int = OVERVIEW_LIMIT, *,
                  junk: Collection[str] | None = None) -> list[str]:
    """All nodes of a graph of at most ``limit``; else the ``limit`` best connected.

    Nodes in ``junk`` (default: :func:`graph.explore.junk.junk_reasons`, metrics and dates
    among them) come after every other node, so they are shown only when there are not
    ``limit`` entities.
    """
    if graph.number_of_nodes() <= limit:
        return list(graph.nodes)
    succ, pred, nodes = graph._succ, graph._pred, graph.nodes
    junk = junk_reasons(graph) if junk is None else junk

    def rank(n: str) -> tuple:
        neighbours = len(succ[n].keys() | pred[n].keys())
        return (n in junk, -neighbours, -nodes[n].get("mentions", 0), n)

    return heapq.nsmallest(limit, nodes, key=rank)
