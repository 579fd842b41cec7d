"""The search behind :mod:`graph.explore.evidence_paths`: the path view and k shortest paths.

:class:`PathView` is the undirected simple view of a knowledge graph that paths are searched
on: one best edge per pair of entities, each with the cost of a hop over it (the weight is
explained in :mod:`graph.explore.evidence_paths`). :func:`path_view` builds it once per graph
and keeps it. :func:`k_shortest` finds up to ``k`` loopless paths, cheapest first, by Yen's
algorithm over a bidirectional Dijkstra, through the nodes a test lets in.
"""

from __future__ import annotations

import heapq
import math
import threading
import weakref
from collections.abc import Callable, Collection
from itertools import count

import networkx as nx

from graph.schema import COOCCURRENCE, DEPENDENCY

TYPED_FACTOR = 2.0  # a typed relation counts as twice the sentences of a co-occurrence

Edge = tuple[str, str, str]

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


def k_shortest(view: PathView, source: str, target: str, k: int, ok: Callable[[str], bool]
         ) -> list[tuple[float, list[str]]]:
    """Up to ``k`` loopless paths ``(cost, nodes)`` from ``source`` to ``target``, cheapest
    first (Yen's algorithm), entering only nodes that pass ``ok``; empty when none."""
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
