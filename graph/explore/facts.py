"""What the views read about a whole graph, computed once per graph, off the GUI thread.

Counting edges and types, ranking the overview and indexing every name walk the whole graph:
at 100k entities that is seconds of Python. The window computes :class:`GraphFacts` in the
worker that built or imported the graph and hands them over with it (:func:`with_facts`),
so swapping a big graph in costs the GUI thread no walk at all. A model without handed-over
facts computes them the first time a view asks (the command line, tests, small graphs).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Generator
from dataclasses import dataclass

import networkx as nx

from graph.explore.query import EntityIndex
from graph.jobs import Progress, long_lived

# A big graph opens on its best connected entities, not all of them (see overview()).
OVERVIEW_LIMIT = 150


@dataclass(frozen=True, slots=True)
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
        best connected (distinct neighbours, then mentions, then id).
    index
        The name index behind the search box.
    """

    graph: nx.MultiDiGraph
    edge_count: int
    type_counts: Counter
    document_counts: Counter
    overview: tuple[str, ...]
    index: EntityIndex

    @classmethod
    def of(cls, graph: nx.MultiDiGraph) -> GraphFacts:
        # networkx's own adjacency dict, read only: its views cost a second per 300k edges
        edge_count = sum(len(keys) for nbrs in graph._succ.values() for keys in nbrs.values())
        nodes = graph.nodes
        type_counts = Counter(t for _, t in nodes(data="type", default="OTHER"))
        document_counts = Counter(d for _, docs in nodes(data="documents", default=())
                                  for d in docs)
        return cls(graph, edge_count, type_counts, document_counts,
                   tuple(rank_overview(graph)), EntityIndex(graph))

    def types(self) -> list[str]:
        """Entity types present, most frequent first."""
        return sorted(self.type_counts, key=lambda t: (-self.type_counts[t], t))


def rank_overview(graph: nx.MultiDiGraph, limit: int = OVERVIEW_LIMIT) -> list[str]:
    """All nodes of a graph of at most ``limit``; else the ``limit`` best connected."""
    if graph.number_of_nodes() <= limit:
        return list(graph.nodes)
    succ, pred, nodes = graph._succ, graph._pred, graph.nodes

    def rank(n: str) -> tuple:
        neighbours = len(succ[n].keys() | pred[n].keys())
        return (-neighbours, -nodes[n].get("mentions", 0), n)

    return heapq.nsmallest(limit, nodes, key=rank)


def with_facts(job: Generator[Progress, None, object], message: str
               ) -> Generator[Progress, None, tuple[object, GraphFacts]]:
    """Run ``job`` (whose result has a ``graph``), then compute that graph's facts.

    Returns ``(result, facts)``; ``message`` is the progress shown while computing.
    """
    result = yield from job
    yield Progress(0, 0, message)
    with long_lived():
        return result, GraphFacts.of(result.graph)
