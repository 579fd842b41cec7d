"""Force-directed layout of the visible graph, in scene units, usable off the GUI thread.

The engine is igraph's C implementation of Fruchterman-Reingold (the grid variant for big
graphs) wrapped so that it fits an explorer:

* **Incremental.** Nodes that already have a position stay where they are; only new ones
  move. New nodes start next to their placed neighbours, so an expansion grows outwards
  from the node that was expanded instead of reshuffling the picture.
* **Pinned nodes** never move, not even in a full re-layout.
* **Weight-aware.** Heavier edges pull their ends closer (weights are compressed so one
  very frequent pair does not collapse onto itself).
* **Components packed.** Disconnected pieces are laid out on their own and packed in rows
  under the biggest one, instead of drifting apart.
* **Normalised scale.** The mean edge is about ``edge_length`` scene units long whatever
  the size of the graph, so a 5-node graph and a 5000-node graph read the same when zoomed
  to fit.

:func:`iter_layout` is the stepwise form (a generator of :class:`LayoutProgress`; stop
iterating to cancel); :func:`layout` runs it to the end. Neither touches global state that
another thread could see except igraph's random generator, which is swapped under a lock
so results are reproducible for a given ``seed``.

This module reads the input and decides what moves and in which order; the arithmetic
(forces, disc separation, normalising, packing) is in :mod:`graph.explore.placement`.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass

import igraph
import networkx as nx
import numpy as np

from graph.explore.placement import (
    normalise,
    pack,
    relax_movers,
    run_fr,
    seed_near_neighbours,
    separate,
)

EDGE_LENGTH = 80.0
"""Mean edge length of a finished layout, in scene units."""

_LOCAL_RELAX_LIMIT = 3_000_000  # movers x nodes below which new nodes settle locally
SEPARATE_LIMIT = 1500
"""Overlapping discs are pushed apart in graphs up to this many nodes (O(n^2) per pass)."""

ASPECT = 1.6
"""Width over height of the box separate components are packed in, unless told."""

_DISC_GAP = 0.06  # clearance between separated discs, in mean edge lengths
_REPORT_SIZE = 50  # components at least this big report progress when done
_WEIGHT_RANGE = (0.5, 3.0)

Position = tuple[float, float]


@dataclass(frozen=True, slots=True)
class LayoutProgress:
    """One step of :func:`iter_layout`.

    Attributes
    ----------
    done, total
        Work done so far and in all (node-iterations; only the ratio is meaningful).
    positions
        ``None`` until the last step, which carries the finished layout (node -> (x, y)).
    """

    done: int
    total: int
    positions: dict[Hashable, Position] | None = None

    @property
    def fraction(self) -> float:
        return 1.0 if self.total <= 0 else min(1.0, self.done / self.total)


def layout(graph, positions: Mapping[Hashable, Position] | None = None,
           pinned: Iterable[Hashable] = (), *, nodes: Iterable[Hashable] | None = None,
           full: bool = False, weight: str = "weight", seed: int = 0,
           niter: int | None = None, edge_length: float = EDGE_LENGTH,
           radii: Mapping[Hashable, float] | None = None,
           aspect: float = ASPECT) -> dict[Hashable, Position]:
    """Lay out ``graph`` and return a position for every node.

    Parameters
    ----------
    graph
        A NetworkX graph of any kind (multi-edges and directions are merged; weights of
        parallel edges add up) or an iterable of edges ``(u, v)`` or ``(u, v, weight)``.
    positions
        Known positions in scene units. Nodes that have one keep it (unless ``full``);
        entries for nodes not in the graph are ignored.
    pinned
        Nodes that never move, even with ``full=True``. A pinned node without a position
        is placed like any new node.
    nodes
        Lay out only these nodes (edges to other nodes are ignored). With an edge list,
        adds isolated nodes. Default: every node of ``graph``.
    full
        Re-lay out everything except the pinned nodes (existing positions are ignored).
    weight
        Edge attribute holding the weight (NetworkX input only; missing means 1).
    seed
        Seed of the random start positions; the same inputs give the same layout.
    niter
        Force-directed iterations (default 500 for a full layout, 250 for new nodes).
    edge_length
        Target mean edge length of a fresh layout, in scene units.
    radii
        Drawn node radii in scene units. Nodes that move are then pushed apart until
        their discs do not overlap (graphs up to :data:`SEPARATE_LIMIT` nodes).
    aspect
        Width over height of the screen the picture is for: separate components are
        packed around the biggest in a box of about this shape.

    Returns
    -------
    dict
        ``node -> (x, y)`` for every node laid out.

    Raises
    ------
    ValueError
        If ``edge_length`` is not positive.
    """
    result: dict[Hashable, Position] = {}
    for progress in iter_layout(graph, positions, pinned, nodes=nodes, full=full,
                                weight=weight, seed=seed, niter=niter,
                                edge_length=edge_length, radii=radii, aspect=aspect):
        if progress.positions is not None:
            result = progress.positions
    return result


def iter_layout(graph, positions: Mapping[Hashable, Position] | None = None,
                pinned: Iterable[Hashable] = (), *, nodes: Iterable[Hashable] | None = None,
                full: bool = False, weight: str = "weight", seed: int = 0,
                niter: int | None = None, edge_length: float = EDGE_LENGTH,
                radii: Mapping[Hashable, float] | None = None,
                aspect: float = ASPECT) -> Iterator[LayoutProgress]:
    """Stepwise :func:`layout`: yields progress, the last item carries the positions.

    Parameters are those of :func:`layout`.

    Yields
    ------
    LayoutProgress
        Progress after each piece of work (the nodes around already placed ones, then each
        sizeable new component); ``positions`` is set on the last one only. Stop iterating
        (or ``close()`` the generator) to cancel between steps; one igraph run cannot be
        interrupted (about a second at 10k nodes).
    """
    if edge_length <= 0:
        raise ValueError(f"edge_length must be positive, got {edge_length!r}")
    names, edges, weights = _edge_arrays(graph, nodes, weight)
    n = len(names)
    if n == 0:
        yield LayoutProgress(0, 0, {})
        return
    known = positions or {}
    xy, placed, fixed = _start(names, known, set(pinned), full, edge_length)
    if fixed.all():
        yield LayoutProgress(1, 1, {name: tuple(map(float, known[name])) for name in names})
        return

    rng = np.random.default_rng(seed)
    membership = np.asarray(
        igraph.Graph(n=n, edges=edges.tolist()).connected_components().membership)
    components = _group(membership)
    anchored = [c for c in components if fixed[c].any()]
    free = [c for c in components if not fixed[c].any()]
    iterations = niter or (500 if full else 250)
    free_iterations = niter or 500
    total = sum(len(c) for c in anchored) * iterations
    total += sum(len(c) * free_iterations for c in free if len(c) > 1) + len(free)
    done = 0
    if anchored:
        settled = np.concatenate(anchored)
        _settle_around_placed(settled, edges, weights, xy, placed, fixed, full=full,
                              iterations=iterations, seed=seed, rng=rng)
        done += len(settled) * iterations
        yield LayoutProgress(done, total)
    blocks = []
    for comp in free:
        blocks.append((comp, _lay_out_alone(comp, edges, weights, n, free_iterations,
                                            seed, rng)))
        done += len(comp) * free_iterations if len(comp) > 1 else 1
        if len(comp) >= _REPORT_SIZE:
            yield LayoutProgress(done, total)
    result = _finish(names, known, xy, fixed, anchored, blocks, radii, edge_length, aspect)
    yield LayoutProgress(total, total, result)


# -- steps ------------------------------------------------------------------------------
def _start(names, known: Mapping[Hashable, Position], pinned: set, full: bool,
           edge_length: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Known positions in edge lengths, which rows have one, and which rows stay put."""
    n = len(names)
    xy = np.zeros((n, 2))
    placed = np.zeros(n, dtype=bool)
    for i, name in enumerate(names):
        pos = known.get(name)
        if pos is not None:
            xy[i] = (float(pos[0]) / edge_length, float(pos[1]) / edge_length)
            placed[i] = True
    if not full:
        return xy, placed, placed.copy()
    return xy, placed, placed & np.fromiter((name in pinned for name in names), bool, n)


def _settle_around_placed(members: np.ndarray, edges: np.ndarray, weights: np.ndarray,
                          xy: np.ndarray, placed: np.ndarray, fixed: np.ndarray, *,
                          full: bool, iterations: int, seed: int,
                          rng: np.random.Generator) -> None:
    """Lay out the components that hold a fixed node, around those nodes (``xy`` in place)."""
    sub, sub_w = _subgraph(members, edges, weights, len(xy))
    sub_xy = xy[members]
    sub_fixed = fixed[members]
    # A full re-layout starts movable nodes where they are: less churn, same quality.
    seed_near_neighbours(sub, sub_xy, placed[members], rng)
    movers = int((~sub_fixed).sum())
    if not full and movers * len(members) <= _LOCAL_RELAX_LIMIT:
        relax_movers(sub, sub_w, sub_xy, sub_fixed, iterations)
    else:
        temp = 1.0 if not full else max(1.0, math.sqrt(len(members)) / 10)
        run_fr(sub, sub_w, sub_xy, sub_fixed, iterations, temp, seed)
    xy[members] = sub_xy


def _lay_out_alone(members: np.ndarray, edges: np.ndarray, weights: np.ndarray, n: int,
                   iterations: int, seed: int, rng: np.random.Generator) -> np.ndarray:
    """A component without fixed nodes from random starts, normalised, ready to pack."""
    if len(members) == 1:
        return np.zeros((1, 2))
    sub, sub_w = _subgraph(members, edges, weights, n)
    side = math.sqrt(len(members))
    sub_xy = rng.uniform(-side / 2, side / 2, (len(members), 2))
    no_fixed = np.zeros(len(members), dtype=bool)
    run_fr(sub, sub_w, sub_xy, no_fixed, iterations, math.sqrt(len(members)) / 10, seed)
    return normalise(sub_xy, sub)


def _finish(names, known: Mapping[Hashable, Position], xy: np.ndarray, fixed: np.ndarray,
            anchored: list[np.ndarray], blocks: list[tuple[np.ndarray, np.ndarray]],
            radii: Mapping[Hashable, float] | None, edge_length: float,
            aspect: float = ASPECT) -> dict[Hashable, Position]:
    """Pack the new components, separate the discs, and convert to scene units."""
    if blocks:
        occupied = xy[np.concatenate(anchored)] if anchored else None
        pack(blocks, xy, occupied, aspect)
        if not anchored:
            xy -= (xy.min(axis=0) + xy.max(axis=0)) / 2
    if radii and len(names) <= SEPARATE_LIMIT:
        size = np.array([float(radii.get(name, 0.0)) for name in names]) / edge_length
        separate(xy, size + _DISC_GAP, ~fixed)
    result = _as_dict(names, xy * edge_length)
    for i in np.flatnonzero(fixed).tolist():  # exactly as given, no unit round trip
        x, y = known[names[i]]
        result[names[i]] = (float(x), float(y))
    return result


# -- input ------------------------------------------------------------------------------
def _edge_arrays(graph, nodes, weight: str):
    """Node names, unique undirected edges (i < j) as an (m, 2) array, and their weights
    compressed into a narrow band (a layout's pull)."""
    names, pairs, summed = weighted_pairs(graph, nodes, weight)
    return names, pairs, _compress_weights(summed) if len(summed) else summed


def weighted_pairs(graph, nodes=None, weight: str = "weight"):
    """The undirected simple view of ``graph``: node names, pairs ``(i, j)``, ``i < j``,
    as an ``(m, 2)`` array sorted by ``(i, j)``, and the summed weight of every edge
    between each pair (self-loops dropped; a weight that is not a positive number counts 1).

    ``graph`` is a networkx graph or an iterable of ``(u, v[, weight])``; ``nodes`` (default:
    every node, in the graph's order) fixes the names and their order.
    """
    if isinstance(graph, nx.Graph):
        names = list(graph.nodes) if nodes is None else [n for n in dict.fromkeys(nodes)
                                                          if n in graph]
        index = {name: i for i, name in enumerate(names)}
        if nodes is None or len(names) == graph.number_of_nodes():  # every node: no view
            raw = graph.edges(data=weight, default=1.0)
        else:
            raw = (e for e in graph.subgraph(names).edges(data=weight, default=1.0))
        triples = [(index[u], index[v], _as_weight(w)) for u, v, w in raw]
    else:
        names = [] if nodes is None else list(dict.fromkeys(nodes))
        index = {name: i for i, name in enumerate(names)}
        restrict = nodes is not None
        triples = []
        for edge in graph:
            u, v = edge[0], edge[1]
            w = _as_weight(edge[2]) if len(edge) > 2 else 1.0
            for end in (u, v):
                if end not in index:
                    if restrict:
                        break
                    index[end] = len(names)
                    names.append(end)
            else:
                triples.append((index[u], index[v], w))
    if not triples:
        return names, np.zeros((0, 2), dtype=np.int64), np.zeros(0)
    arr = np.array(triples, dtype=np.float64)
    ends = np.sort(arr[:, :2].astype(np.int64), axis=1)
    keep = ends[:, 0] != ends[:, 1]
    ends, w = ends[keep], arr[keep, 2]
    if len(ends) == 0:
        return names, np.zeros((0, 2), dtype=np.int64), np.zeros(0)
    code = ends[:, 0] * len(names) + ends[:, 1]
    unique, inverse = np.unique(code, return_inverse=True)
    summed = np.bincount(inverse, weights=w)
    pairs = np.stack([unique // len(names), unique % len(names)], axis=1)
    return names, pairs, summed


def _as_weight(value) -> float:
    try:
        w = float(value)
    except (TypeError, ValueError):
        return 1.0
    return w if math.isfinite(w) and w > 0 else 1.0


def _compress_weights(w: np.ndarray) -> np.ndarray:
    """Relative weights in a narrow band: twice the evidence pulls harder, not 100x harder."""
    median = float(np.median(w)) or 1.0
    return np.clip(np.sqrt(w / median), *_WEIGHT_RANGE)


def _group(membership: np.ndarray) -> list[np.ndarray]:
    order = np.argsort(membership, kind="stable")
    cuts = np.flatnonzero(np.diff(membership[order])) + 1
    groups = np.split(order, cuts)
    return sorted(groups, key=lambda g: (-len(g), int(g[0])))


def _subgraph(members: np.ndarray, edges: np.ndarray, weights: np.ndarray, n: int):
    local = np.full(n, -1, dtype=np.int64)
    local[members] = np.arange(len(members))
    if len(edges) == 0:
        return igraph.Graph(n=len(members)), np.zeros(0)
    a, b = local[edges[:, 0]], local[edges[:, 1]]
    keep = (a >= 0) & (b >= 0)
    sub = igraph.Graph(n=len(members), edges=np.stack([a[keep], b[keep]], axis=1).tolist())
    return sub, weights[keep]


def _as_dict(names, xy: np.ndarray) -> dict[Hashable, Position]:
    return {name: (float(x), float(y)) for name, (x, y) in zip(names, xy.tolist(), strict=True)}
