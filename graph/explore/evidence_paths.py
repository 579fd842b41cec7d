"""Paths as chains of evidence: why two entities are connected, hop by hop.

The knowledge graph is a ``MultiDiGraph`` (typed relations in the schema's direction, one
co-occurrence edge per pair, parallel edges of several predicates). A path between two
entities does not care about direction, so paths are searched on a *path view*: an
undirected simple graph with one best edge per pair of entities, built once per graph and
cached (:func:`~graph.explore.path_search.path_view`). Each hop of a path found there is
read back in the schema's direction ("Claude —developed by→ Anthropic", or from the other
end "Anthropic —developer of→ Claude") with the sentences that support it.

The weight
----------
A pair of entities has a *strength*: the evidence sentences of its best-supported edge
(the length of its ``evidence`` list, or its ``weight`` when it has none), times
``TYPED_FACTOR`` (2) when the pair has a typed relation. A hop costs ``1 + 1 / strength``,
between 1 and 2: a path with fewer hops always wins over one with twice as many, and among
paths of as many hops the better evidenced wins (a relation the parse typed, or a pair
named together in many sentences, is "shorter"). The edge shown for a pair is its typed
relation with the most sentences, else its co-occurrence.

Up to ``k`` paths are found shortest first with Yen's algorithm over a bidirectional
Dijkstra (:func:`find_paths`; the view and the search are in
:mod:`graph.explore.path_search`), optionally only through the entities a caller allows
(the window leaves out what it would not draw: metrics and dates kept as facts, filtered
types). Rendering as Markdown and HTML is in :mod:`graph.explore.path_report`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Generator
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from graph import messages
from graph.errors import PathError
from graph.explore.path_search import Edge, PathView, k_shortest, path_view
from graph.explore.query import EntityIndex
from graph.jobs import Progress
from graph.schema import COOCCURRENCE, COOCCURS_WITH, DEPENDENCY, UNDIRECTED_PREDICATES
from graph.taxonomy import predicates

DEFAULT_K = 3
Direction = Literal["forward", "backward", "both"]


@dataclass(frozen=True, slots=True)
class EvidenceSentence:
    """A sentence that supports a hop, and the document it is in."""

    doc: str
    text: str


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path, from ``source`` to ``target`` (in the path's order).

    Attributes
    ----------
    edge
        The graph's edge ``(u, v, key)`` that supports the hop (``u`` may be ``target``).
    predicate, relation
        The edge's predicate (``""`` on co-occurrence) and its phrase as stored.
    direction
        ``"forward"`` when the edge runs from ``source`` to ``target`` in the schema,
        ``"backward"`` when it runs the other way, ``"both"`` for co-occurrence and
        symmetric predicates.
    phrase
        How the hop reads from ``source`` to ``target``: the relation going forward, the
        predicate's inverse going backward ("developer of").
    """

    source: str
    target: str
    source_label: str
    target_label: str
    edge: Edge
    predicate: str
    relation: str
    direction: Direction
    phrase: str
    evidence: tuple[EvidenceSentence, ...]

    @property
    def arrow(self) -> str:
        """``"—developed by→"``; ``"←uses—"`` for a backward edge whose predicate has no
        inverse name; no arrowhead for symmetric relations and co-occurrence."""
        if self.direction == "both":
            return f"\u2014{self.phrase}\u2014"
        if self.direction == "backward" and self.phrase == self.relation:
            return f"\u2190{self.phrase}\u2014"
        return f"\u2014{self.phrase}\u2192"

    @property
    def text(self) -> str:
        """``"Claude —developed by→ Anthropic"`` (plain text: escape it to render it)."""
        return f"{self.source_label} {self.arrow} {self.target_label}"

    def quotes(self) -> list[tuple[str, tuple[str, ...]]]:
        """The evidence as ``(sentence, documents)``: a sentence found in several documents
        (a text published twice) once, with each of them, in the evidence's order."""
        docs: dict[str, list[str]] = {}
        for sentence in self.evidence:
            docs.setdefault(sentence.text, []).append(sentence.doc)
        return [(text, tuple(found)) for text, found in docs.items()]


@dataclass(frozen=True, slots=True)
class EvidencePath:
    """A path between two entities: its nodes in order, its hops and its cost."""

    nodes: tuple[str, ...]
    hops: tuple[Hop, ...]
    cost: float

    @property
    def edges(self) -> tuple[Edge, ...]:
        return tuple(hop.edge for hop in self.hops)

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.hops[0].source_label, *(hop.target_label for hop in self.hops))

    @property
    def summary(self) -> str:
        """``"Claude Code → Anthropic → Amazon Web Services"``."""
        return " \u2192 ".join(self.labels)


def find_paths(graph: nx.MultiDiGraph, source: str, target: str, k: int = DEFAULT_K,
               within: Callable[[str], bool] | Collection[str] | None = None
               ) -> list[EvidencePath]:
    """The ``k`` best evidenced paths from ``source`` to ``target``, cheapest first.

    Parameters
    ----------
    graph
        The knowledge graph (attributes of :mod:`graph.schema`); it is read, not changed.
    source, target
        Node ids of the two entities.
    k
        How many paths at most (loopless, each different).
    within
        The nodes a path may go through (a collection, or a test of a node id); the two
        entities themselves always may. ``None``: any node.

    Returns
    -------
    list of EvidencePath
        At least one path; their hops carry the evidence sentences.

    Raises
    ------
    PathError
        An entity is not in the graph, both are the same, or no path joins them.

    Examples
    --------
    >>> paths = find_paths(g, "PROJECT:claude-code", "ORG:amazon-web-services")  # doctest: +SKIP
    >>> paths[0].hops[0].text  # doctest: +SKIP
    'Claude Code —developed by→ Anthropic'
    """
    for nid in (source, target):
        if nid not in graph:
            raise PathError(messages.PATH_UNKNOWN_ENTITY.format(name=nid))
    if source == target:
        raise PathError(messages.PATH_SAME_ENTITY.format(label=_label(graph, source)))
    if within is None:
        ok: Callable[[str], bool] = _anything
    else:
        allowed = within if callable(within) else within.__contains__
        ok = lambda n: n == source or n == target or allowed(n)  # noqa: E731
    view = path_view(graph)
    found = k_shortest(view, source, target, max(1, k), ok)
    if not found:
        template = messages.NO_PATH if within is None else messages.NO_PATH_WITHIN
        raise PathError(template.format(a=_label(graph, source), b=_label(graph, target)))
    return [EvidencePath(tuple(nodes), _hops(graph, view, nodes), cost)
            for cost, nodes in found]


def paths_job(graph: nx.MultiDiGraph, source: str, target: str, k: int = DEFAULT_K,
              within: Callable[[str], bool] | Collection[str] | None = None
              ) -> Generator[Progress, None, list[EvidencePath] | PathError]:
    """:func:`find_paths` as a job for a worker (building the view of a big graph and a
    search on it can take longer than a frame). The graph is only read.

    Returns the paths, or the :class:`PathError` saying why there are none: an answer to
    the question, not a failure of the job.
    """
    yield Progress(0, 0, messages.PATH_SEARCHING)
    try:
        return find_paths(graph, source, target, k, within)
    except PathError as exc:
        return exc


def _anything(_nid: str) -> bool:
    return True


def _label(graph: nx.MultiDiGraph, nid: str) -> str:
    return str(graph.nodes[nid].get("label", nid))


# -- reading a path back ------------------------------------------------------------------
def _hops(graph: nx.MultiDiGraph, view: PathView, nodes: list[str]) -> tuple[Hop, ...]:
    return tuple(read_hop(graph, a, b, view.edge[a][b])
                 for a, b in zip(nodes, nodes[1:], strict=False))


def read_hop(graph: nx.MultiDiGraph, source: str, target: str, edge: Edge) -> Hop:
    """The hop from ``source`` to ``target`` over ``edge``, read in the schema's direction.

    Parameters
    ----------
    graph
        The knowledge graph.
    source, target
        The hop's ends in the path's order.
    edge
        The edge ``(u, v, key)`` between them, either way round.
    """
    u, v, key = edge
    data = graph.edges[u, v, key]
    typed = data.get("method", COOCCURRENCE) == DEPENDENCY
    predicate = str(data.get("predicate") or "") if typed else ""
    relation = str(data.get("relation") or "").strip()
    known = predicates().get(predicate)
    if not relation:
        relation = known.phrase if known else (COOCCURS_WITH if not typed else key)
    phrase = relation
    if not typed or predicate in UNDIRECTED_PREDICATES:
        direction: Direction = "both"
    elif u == source:
        direction = "forward"
    else:
        direction = "backward"
        if known is not None:
            phrase = known.inverse.lower()
    return Hop(source, target, _label(graph, source), _label(graph, target), edge, predicate,
               relation, direction, phrase, _evidence(data))


def _evidence(data: dict) -> tuple[EvidenceSentence, ...]:
    """The edge's evidence sentences, whitespace collapsed, each once, in stored order."""
    found: dict[tuple[str, str], None] = {}
    evidence = data.get("evidence")
    for ev in evidence if isinstance(evidence, list) else ():
        if isinstance(ev, dict):
            text = " ".join(str(ev.get("text", "")).split())
            if text:
                found.setdefault((str(ev.get("doc", "")), text))
    return tuple(EvidenceSentence(doc, text) for doc, text in found)


# -- naming the entities ------------------------------------------------------------------
def resolve_entity(graph: nx.MultiDiGraph, index: EntityIndex, name: str) -> str:
    """The node id a person means by ``name``: a node id, or a label or alias of one entity.

    Among entities of the same name the most mentioned is taken (the search's order).

    Raises
    ------
    PathError
        ``name`` is empty or names no entity.
    """
    wanted = " ".join(str(name).split())
    if not wanted:
        raise PathError(messages.PATH_NO_ENTITY)
    if wanted in graph:
        return wanted
    folded = wanted.casefold()
    for hit in index.search(wanted, limit=50):
        if folded in (hit.label.casefold(), hit.matched.casefold()):
            return hit.node
    raise PathError(messages.PATH_UNKNOWN_ENTITY.format(name=wanted))
