"""What the person chose to see: entity types, edge weight, relation method and predicate,
documents, and whether metrics and dates are nodes or only facts of other entities.

Filters sit on top of the exploration (the visible set): a node is drawn when it is visible
and passes :meth:`GraphFilter.node_ok`; an edge when both ends are drawn and it passes
:meth:`GraphFilter.edge_ok`. :func:`drawn_nodes`, :func:`drawn_edges` and
:func:`drawn_subgraph` say so once for the canvas, the window's counts and "export visible".
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field

import networkx as nx

from graph.schema import COOCCURRENCE, DEPENDENCY, METHODS, PREDICATES

# Entity types that are facts about other entities (a score, a date) more than entities:
# the window draws them only when asked to (GraphFilter.fact_nodes).
FACT_TYPES = frozenset({"METRIC", "DATE"})
# The predicate of a typed edge that has none of the schema's (an older or foreign graph).
OTHER_PREDICATE = ""


def edge_predicate(data: dict) -> str:
    """The predicate an edge is filtered and coloured by: one of ``PREDICATES`` for a typed
    edge that has one, :data:`OTHER_PREDICATE` for any other typed or co-occurrence edge."""
    predicate = data.get("predicate")
    return predicate if predicate in PREDICATES else OTHER_PREDICATE


def is_fact(data: dict) -> bool:
    """Whether a node (its attributes) is a metric or a date."""
    return data.get("type") in FACT_TYPES


@dataclass(frozen=True)
class GraphFilter:
    """An immutable filter; ``None`` for types, predicates or documents means "all".

    Attributes
    ----------
    predicates
        The predicates whose typed edges are drawn (:func:`edge_predicate`; it holds
        :data:`OTHER_PREDICATE` when typed edges without a schema predicate are drawn).
        Co-occurrence is switched with ``methods``.
    fact_nodes
        Draw metric and date nodes (:data:`FACT_TYPES`); when ``False`` only those in
        ``revealed`` are drawn (one the person went to).
    """

    types: frozenset[str] | None = None
    min_weight: float = 0.0
    methods: frozenset[str] = field(default_factory=lambda: frozenset(METHODS))
    documents: frozenset[str] | None = None
    predicates: frozenset[str] | None = None
    fact_nodes: bool = True
    revealed: frozenset[str] = frozenset()

    @property
    def is_default(self) -> bool:
        return self == GraphFilter()

    def node_ok(self, data: dict, nid: str | None = None) -> bool:
        """Whether a node with attributes ``data`` (and id ``nid``) passes."""
        if not self.fact_nodes and is_fact(data) and nid not in self.revealed:
            return False
        if self.types is not None and data.get("type", "OTHER") not in self.types:
            return False
        if self.documents is not None and not self.documents.intersection(
                data.get("documents", ())):
            return False
        return True

    def edge_ok(self, data: dict) -> bool:
        method = data.get("method", COOCCURRENCE)
        if method not in self.methods:
            return False
        if (self.predicates is not None and method == DEPENDENCY
                and edge_predicate(data) not in self.predicates):
            return False
        if float(data.get("weight", 1.0)) < self.min_weight:
            return False
        if self.documents is not None and not any(
                ev.get("doc") in self.documents for ev in data.get("evidence", ())):
            return not data.get("evidence")  # edges without evidence cannot be placed
        return True


def drawn_nodes(graph: nx.MultiDiGraph, visible: Iterable[str],
                graph_filter: GraphFilter | None = None) -> list[str]:
    """The nodes on screen: visible, in the graph and passing the filter, sorted by id.

    Parameters
    ----------
    graph
        The knowledge graph.
    visible
        The exploration's visible set.
    graph_filter
        The person's filter; ``None`` (or the default filter) lets everything through.
    """
    nodes = graph.nodes
    keep = graph_filter is not None and not graph_filter.is_default
    return sorted(n for n in visible
                  if n in nodes and (not keep or graph_filter.node_ok(nodes[n], n)))


def drawn_edges(graph: nx.MultiDiGraph, drawn: Collection[str],
                graph_filter: GraphFilter | None = None
                ) -> Iterator[tuple[str, str, str, dict]]:
    """Edges ``(u, v, key, data)`` between two drawn nodes that pass the filter.

    ``drawn`` should support fast membership (a set or a dict); loops are left out.
    """
    keep = graph_filter is not None and not graph_filter.is_default
    # Walk the out-edges of drawn nodes, or every edge when most nodes are drawn.
    if 2 * len(drawn) > len(graph):
        edges = graph.edges(keys=True, data=True)
    else:
        edges = graph.out_edges(drawn, keys=True, data=True)
    for u, v, key, data in edges:
        if u != v and u in drawn and v in drawn and (not keep or graph_filter.edge_ok(data)):
            yield u, v, key, data


def drawn_subgraph(graph: nx.MultiDiGraph, visible: Iterable[str],
                   graph_filter: GraphFilter | None = None) -> nx.MultiDiGraph:
    """A copy of what is drawn: the drawn nodes and the drawn edges, with their attributes."""
    nodes = set(drawn_nodes(graph, visible, graph_filter))
    sub = nx.MultiDiGraph()
    sub.graph.update(graph.graph)
    sub.add_nodes_from((n, graph.nodes[n]) for n in graph.nodes if n in nodes)
    # every edge, not the out-edges of drawn nodes: the file keeps the graph's edge order
    whole = nx.subgraph_view(graph, filter_node=nodes.__contains__)
    sub.add_edges_from(drawn_edges(whole, nodes, graph_filter))
    return sub
