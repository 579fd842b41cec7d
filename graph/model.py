"""The graph model: one object owns the NetworkX graph and announces every change.

Views (the Qt window, the command line) read ``model.graph`` and subscribe to events; they
never call ``G.add_*`` themselves. Events are plain callbacks so this module stays free of
Qt; the window bridges them to signals.

Node attributes (Python values; :mod:`graph.io` serialises them for GraphML):

``label`` str, ``type`` str, ``aliases`` list[str], ``documents`` list[str],
``mentions`` int, ``occurrences`` list of ``(doc, start, end, sent_start, sent_end)``.

Edge attributes (the graph is a ``MultiDiGraph``; the key is ``"<method>:<relation>"``):

``relation`` str, ``weight`` float, ``method`` str (``cooccurrence`` or ``dependency``),
``evidence`` list of ``{"doc", "start", "end", "text"}`` (sentence offsets in the document).
Co-occurrence has no direction: it is stored once, from the smaller node id to the larger.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from graph.corpus import Document

COOCCURRENCE = "cooccurrence"
DEPENDENCY = "dependency"

EventKind = Literal["reset", "nodes_added", "nodes_removed", "nodes_changed", "edges_added"]


@dataclass(frozen=True, slots=True)
class ModelEvent:
    """What changed in a :class:`GraphModel`."""

    kind: EventKind
    nodes: tuple[str, ...] = ()
    edges: tuple[tuple[str, str, str], ...] = ()


def slugify(text: str) -> str:
    """Lower-case ASCII slug used in node ids (``"Claude Opus 3"`` -> ``"claude-opus-3"``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = re.sub(r"[^\w.%]+|_+", "-", plain).strip("-.")
    return slug or "x"


def node_id(etype: str, label: str) -> str:
    """Stable node id ``TYPE:slug``: the same entity gets the same id in every run."""
    return f"{etype}:{slugify(label)}"


def edge_key(method: str, relation: str) -> str:
    return f"{method}:{relation}"


@dataclass
class GraphModel:
    """Owns the knowledge graph, the documents it came from and its metadata.

    Parameters
    ----------
    graph
        A ``networkx.MultiDiGraph`` with the attributes described in the module docstring.
    documents
        Source documents by id, so views can show the text around a mention.
    """

    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    documents: dict[str, Document] = field(default_factory=dict)
    _listeners: list[Callable[[ModelEvent], None]] = field(default_factory=list, repr=False)

    # -- events -------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[ModelEvent], None]) -> Callable[[], None]:
        """Call ``listener(event)`` after every change; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _emit(self, event: ModelEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    # -- changes ------------------------------------------------------------------------
    def reset(self, graph: nx.MultiDiGraph, documents: dict[str, Document] | None = None) -> None:
        """Swap in a whole new graph (a finished extraction or an import)."""
        self.graph = graph
        self.documents = dict(documents or {})
        self._emit(ModelEvent("reset"))

    def add_entity(self, nid: str, **attrs) -> None:
        """Add one node (or update it if it exists)."""
        existed = nid in self.graph
        self.graph.add_node(nid, **attrs)
        self._emit(ModelEvent("nodes_changed" if existed else "nodes_added", nodes=(nid,)))

    def add_relation(self, source: str, target: str, **attrs) -> str:
        """Add one edge; returns its key."""
        key = edge_key(attrs["method"], attrs["relation"])
        self.graph.add_edge(source, target, key=key, **attrs)
        self._emit(ModelEvent("edges_added", edges=((source, target, key),)))
        return key

    def update_entity(self, nid: str, **attrs) -> None:
        """Change attributes of an existing node (a user rename or re-type)."""
        if nid not in self.graph:
            raise KeyError(f"no entity {nid!r}")
        self.graph.nodes[nid].update(attrs)
        self._emit(ModelEvent("nodes_changed", nodes=(nid,)))

    def remove_entities(self, nids: Iterable[str]) -> None:
        """Delete nodes and their edges from the graph (not just from the view)."""
        gone = tuple(n for n in nids if n in self.graph)
        self.graph.remove_nodes_from(gone)
        if gone:
            self._emit(ModelEvent("nodes_removed", nodes=gone))

    # -- reading ------------------------------------------------------------------------
    @property
    def meta(self) -> dict:
        """Graph-level metadata: pipeline name and version, corpus root, ..."""
        return self.graph.graph

    def __contains__(self, nid: object) -> bool:
        return nid in self.graph

    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def node(self, nid: str) -> dict:
        return self.graph.nodes[nid]

    def label(self, nid: str) -> str:
        return self.graph.nodes[nid].get("label", nid)

    def types(self) -> list[str]:
        """Entity types present, most frequent first."""
        counts: dict[str, int] = {}
        for _, etype in self.graph.nodes(data="type", default="OTHER"):
            counts[etype] = counts.get(etype, 0) + 1
        return sorted(counts, key=lambda t: (-counts[t], t))

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
