"""Paths as chains of evidence: why two entities are connected, hop by hop.

The knowledge graph is a ``MultiDiGraph`` (typed relations in the schema's direction, one
co-occurrence edge per pair, parallel edges of several predicates). A path between two
entities does not care about direction, so paths are searched on a *path view*: an
undirected simple graph with one best edge per pair of entities, built once per graph and
cached (:func:`path_view`). Each hop of a path found there is read back in the schema's
direction ("Claude —developed by→ Anthropic", or from the other end "Anthropic —developer
of→ Claude") with the sentences that support it.

The weight
----------
A pair of entities has a *strength*: the evidence sentences of its best-supported edge
(the length of its ``evidence`` list, or its ``weight`` when it has none), times
:data:`TYPED_FACTOR` when the pair has a typed relation. A hop costs
``1 + 1 / strength``, between 1 and 2: a path with fewer hops always wins over one with
twice as many, and among paths of as many hops the better evidenced wins (a relation the
parse typed, or a pair named together in many sentences, is "shorter"). The edge shown for
a pair is its typed relation with the most sentences, else its co-occurrence.

Up to ``k`` paths are found shortest first with Yen's algorithm over a bidirectional
Dijkstra (:func:`find_paths`), optionally only through the entities a caller allows (the
window leaves out what it would not draw: metrics and dates kept as facts, filtered
types). Rendering as Markdown and HTML is in :mod:`graph.explore.path_report`.
"""

from __future__ import annotations

import heapq
import math
import threading
import weakref
from collections.abc import Callable, Collection, Generator
from dataclasses import dataclass
from itertools import count
from typing import Literal

import networkx as nx

from graph import messages
from graph.errors import PathError
from graph.explore.query import EntityIndex
from graph.jobs import Progress
from graph.schema import COOCCURRENCE, COOCCURS_WITH, DEPENDENCY, SYMMETRIC_PREDICATES
from graph.taxonomy import predicates

DEFAULT_K = 3
TYPED_FACTOR = 2.0  # a typed relation counts as twice the sentences of a co-occurrence

Edge = tuple[str, str, str]
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


# -- the path view ------------------------------------------------------------------------
def _sentences(data: dict) -> float:
    """Evidence sentences of an edge: its evidence list, else its weight (at least 1)."""
    evidence = data.get("evidence")
    if isinstance(evidence, list) and evidence:
        return float(len(evidence))
    try:
        weight = float(data.get("weight", 1.0))
    except (TypeError, ValueError):
        weight = 1.0
    return weight if math.isfinite(weight) and weight > 1.0 else 1.0


def _fingerprint(graph: nx.MultiDiGraph) -> tuple[int, int]:
    # networkx's own adjacency dict, read only (see graph.explore.facts.GraphFacts.of)
    return len(graph._succ), sum(len(nbrs) for nbrs in graph._succ.values())


class PathView:
    """The undirected simple view of a graph that paths are searched on.

    ``cost[a][b]`` is the cost of the hop between ``a`` and ``b`` (see the module's
    docstring) and ``edge[a][b]`` the graph's edge ``(u, v, key)`` shown for it; both are
    symmetric. Loops are left out. Build it with :func:`path_view` (cached per graph).
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.fingerprint = _fingerprint(graph)
        best: dict[tuple[str, str], list] = {}  # (a, b) sorted -> [rank, edge, sentences, typed]
        for u, nbrs in graph._succ.items():  # read only, as in _fingerprint
            for v, keys in nbrs.items():
                if u == v:
                    continue
                pair = (u, v) if u < v else (v, u)
                entry = best.get(pair)
                for key, data in keys.items():
                    typed = data.get("method", COOCCURRENCE) == DEPENDENCY
                    sentences = _sentences(data)
                    rank = (typed, sentences)
                    if entry is None:
                        entry = best[pair] = [rank, (u, v, key), sentences, typed]
                    else:
                        if rank > entry[0]:
                            entry[0], entry[1] = rank, (u, v, key)
                        entry[2] = max(entry[2], sentences)
                        entry[3] = entry[3] or typed
        self.cost: dict[str, dict[str, float]] = {n: {} for n in graph._succ}
        self.edge: dict[str, dict[str, Edge]] = {n: {} for n in graph._succ}
        for (a, b), (_, edge, sentences, typed) in best.items():
            cost = 1.0 + 1.0 / (sentences * (TYPED_FACTOR if typed else 1.0))
            self.cost[a][b] = self.cost[b][a] = cost
            self.edge[a][b] = self.edge[b][a] = edge

    def __len__(self) -> int:
        return len(self.cost)

    @property
    def pair_count(self) -> int:
        """Pairs of entities joined by at least one edge."""
        return sum(len(nbrs) for nbrs in self.cost.values()) // 2


_VIEWS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_VIEWS_LOCK = threading.Lock()


def path_view(graph: nx.MultiDiGraph) -> PathView:
    """The :class:`PathView` of ``graph``, built on first use and kept while the graph lives.

    The model never edits a graph in place (it swaps a new one in), so a graph's identity
    is its version; the number of nodes and of joined pairs are checked as well, so a graph
    edited anyway gets a new view.
    """
    with _VIEWS_LOCK:
        view = _VIEWS.get(graph)
        if view is None or view.fingerprint != _fingerprint(graph):
            view = _VIEWS[graph] = PathView(graph)
        return view


# -- searching ----------------------------------------------------------------------------
def _shortest(view: PathView, source: str, target: str, ok: Callable[[str], bool],
              banned_nodes: Collection[str] = (), banned_edges: Collection[tuple] = ()
              ) -> tuple[float, list[str]] | None:
    """The cheapest path from ``source`` to ``target`` (bidirectional Dijkstra), or None.

    Only nodes that pass ``ok`` and are not banned are entered; banned edges ``(a, b)``
    are listed in both orientations.
    """
    if source == target:
        return 0.0, [source]
    cost = view.cost
    done: list[dict[str, float]] = [{}, {}]
    seen: list[dict[str, float]] = [{source: 0.0}, {target: 0.0}]
    pred: list[dict[str, str | None]] = [{source: None}, {target: None}]
    tie = count()
    fringe = [[(0.0, next(tie), source)], [(0.0, next(tie), target)]]
    best, meet, side = math.inf, None, 1
    while fringe[0] and fringe[1]:
        side = 1 - side
        dist, _, node = heapq.heappop(fringe[side])
        if node in done[side]:
            continue
        done[side][node] = dist
        if node in done[1 - side]:
            break  # both searches settled it: the best meeting point is known
        for other, step in cost[node].items():
            if other in done[side] or other in banned_nodes or not ok(other):
                continue
            if banned_edges and (node, other) in banned_edges:
                continue
            total = dist + step
            if total < seen[side].get(other, math.inf):
                seen[side][other] = total
                pred[side][other] = node
                heapq.heappush(fringe[side], (total, next(tie), other))
                if other in seen[1 - side]:
                    through = total + seen[1 - side][other]
                    if through < best:
                        best, meet = through, other
    if meet is None:
        return None
    path, node = [], meet
    while node is not None:
        path.append(node)
        node = pred[0][node]
    path.reverse()
    node = pred[1][meet]
    while node is not None:
        path.append(node)
        node = pred[1][node]
    return best, path


def _path_cost(view: PathView, nodes: list[str]) -> float:
    return sum(view.cost[a][b] for a, b in zip(nodes, nodes[1:], strict=False))


def _yen(view: PathView, source: str, target: str, k: int, ok: Callable[[str], bool]
         ) -> list[tuple[float, list[str]]]:
    """Up to ``k`` loopless paths, cheapest first (Yen's algorithm)."""
    first = _shortest(view, source, target, ok)
    if first is None:
        return []
    found = [first]
    candidates: list[tuple[float, int, tuple[str, ...]]] = []
    known = {tuple(first[1])}
    while len(found) < k:
        previous = found[-1][1]
        for i in range(len(previous) - 1):
            root = previous[:i + 1]
            banned_edges = set()
            for _, path in found:
                if path[:i + 1] == root and len(path) > i + 1:
                    banned_edges.update({(path[i], path[i + 1]), (path[i + 1], path[i])})
            spur = _shortest(view, root[-1], target, ok, set(root[:-1]), banned_edges)
            if spur is None:
                continue
            nodes = tuple(root[:-1] + spur[1])
            if nodes not in known:
                known.add(nodes)
                heapq.heappush(candidates, (_path_cost(view, root) + spur[0], len(nodes), nodes))
        if not candidates:
            break
        cost, _, nodes = heapq.heappop(candidates)
        found.append((cost, list(nodes)))
    return found


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
    found = _yen(view, source, target, max(1, k), ok)
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
    if not typed or predicate in SYMMETRIC_PREDICATES:
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
