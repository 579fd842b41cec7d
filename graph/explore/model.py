"""The graph model: one object owns the NetworkX graph and announces every change.

Views (the Qt window, the command line) read ``model.graph`` and listen to ``model.changed``
(a :class:`graph.events.Emitter`); they never call ``G.add_*`` themselves. The node and
edge attributes are the records of :mod:`graph.schema`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from graph.events import Emitter
from graph.explore.facts import GraphFacts
from graph.ingest.documents import Document

EventKind = Literal["reset", "edited"]


@dataclass(frozen=True, slots=True, eq=False)
class ModelEvent:
    """What changed in a :class:`GraphModel`.

    ``"reset"``: a new graph (views start over). ``"edited"``: the same corpus corrected
    (an edit, its undo, or a re-extraction); views keep what they show, following
    ``renamed`` (an old node id to the node that now holds its mentions: a merge, a re-type)
    and ``born`` (a new node id to the old node it came out of: a split, an undone merge).
    Nodes in neither that are gone were deleted.
    """

    kind: EventKind
    renamed: Mapping[str, str] = field(default_factory=dict)
    born: Mapping[str, str] = field(default_factory=dict)

    def successor(self, nid: str) -> str:
        """What ``nid`` is called after the change (itself when it kept its id)."""
        return self.renamed.get(nid, nid)


@dataclass
class GraphModel:
    """Owns the knowledge graph, the documents it came from and its metadata.

    Parameters
    ----------
    graph
        A ``networkx.MultiDiGraph`` with the attributes of :mod:`graph.schema`.
    documents
        Source documents by id, so views can show the text around a mention.
    """

    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    documents: dict[str, Document] = field(default_factory=dict)
    changed: Emitter[ModelEvent] = field(default_factory=Emitter, repr=False, compare=False)
    _facts: GraphFacts | None = field(default=None, repr=False, compare=False)

    def subscribe(self, listener: Callable[[ModelEvent], None]) -> Callable[[], None]:
        """Call ``listener(event)`` after every change; returns a function that unsubscribes."""
        return self.changed.connect(listener)

    # -- changes ------------------------------------------------------------------------
    def reset(self, graph: nx.MultiDiGraph, documents: dict[str, Document] | None = None,
              facts: GraphFacts | None = None) -> None:
        """Swap in a whole new graph (a finished extraction or an import).

        ``facts`` are the graph's :class:`GraphFacts` when a worker computed them already.
        """
        self.graph = graph
        self.documents = dict(documents or {})
        self._facts = facts
        self.changed.emit(ModelEvent("reset"))

    def replace(self, graph: nx.MultiDiGraph, renamed: Mapping[str, str] | None = None,
                born: Mapping[str, str] | None = None,
                documents: dict[str, Document] | None = None,
                facts: GraphFacts | None = None) -> None:
        """Swap in a corrected version of the graph, keeping the views' exploration.

        Parameters
        ----------
        graph
            The new graph (never the current one changed in place: views compare them).
        renamed, born
            How node ids carried over (:class:`ModelEvent`;
            :func:`graph.build.curation.carry_over` computes them).
        documents
            New documents (a re-extraction); ``None`` keeps the current ones.
        facts
            The graph's :class:`GraphFacts` when a worker computed them already.
        """
        self.graph = graph
        if documents is not None:
            self.documents = dict(documents)
        self._facts = facts
        self.changed.emit(ModelEvent("edited", dict(renamed or {}), dict(born or {})))

    # -- reading ------------------------------------------------------------------------
    @property
    def meta(self) -> dict:
        """Graph-level metadata: pipeline name and version, corpus root, ..."""
        return self.graph.graph

    def __contains__(self, nid: object) -> bool:
        return nid in self.graph

    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    @property
    def facts(self) -> GraphFacts:
        """Counts, overview and name index of the current graph (computed once per graph)."""
        if self._facts is None or self._facts.graph is not self.graph:
            self._facts = GraphFacts.of(self.graph)
        return self._facts

    @property
    def edge_count(self) -> int:
        """Number of edges, parallel ones included."""
        return self.facts.edge_count

    def node(self, nid: str) -> dict:
        return self.graph.nodes[nid]

    def label(self, nid: str) -> str:
        return self.graph.nodes[nid].get("label", nid)

    def types(self) -> list[str]:
        """Entity types present, most frequent first."""
        return self.facts.types()

    def edges_of(self, nid: str) -> Iterator[tuple[str, str, str, dict]]:
        """All edges touching ``nid`` in either direction, as ``(u, v, key, data)``."""
        yield from self.graph.out_edges(nid, keys=True, data=True)
        yield from self.graph.in_edges(nid, keys=True, data=True)

    def neighbour_weights(self, nid: str) -> dict[str, float]:
        """Neighbours of ``nid`` with the summed weight of all edges to each."""
        weights: dict[str, float] = {}
        for u, v, _, data in self.edges_of(nid):
            other = v if u == nid else u
            if other != nid:
                weights[other] = weights.get(other, 0.0) + float(data.get("weight", 1.0))
        return weights

    def strongest_neighbours(self, nid: str, k: int | None = None) -> list[str]:
        """Neighbours ordered by evidence weight (then label), at most ``k`` of them."""
        weights = self.neighbour_weights(nid)
        ranked = sorted(weights, key=lambda n: (-weights[n], self.label(n)))
        return ranked if k is None else ranked[:k]

    def degree(self, nid: str) -> int:
        """Number of distinct neighbours (not edges: parallel relations count once)."""
        return len(set(self.graph.successors(nid)) | set(self.graph.predecessors(nid)))

