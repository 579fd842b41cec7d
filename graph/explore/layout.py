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
"""

from __future__ import annotations

import math
import random
import threading
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass

import igraph
import networkx as nx
import numpy as np

EDGE_LENGTH = 80.0
"""Mean edge length of a finished layout, in scene units."""

GRID_THRESHOLD = 400
"""Components with more nodes use igraph's grid variant (O(n) per iteration, approximate)."""

_LOCAL_RELAX_LIMIT = 3_000_000  # movers x nodes below which new nodes settle locally
_RELAX_CUTOFF = 1.3  # repulsion reach when settling new nodes, in mean edge lengths
SEPARATE_LIMIT = 1500
"""Overlapping discs are pushed apart in graphs up to this many nodes (O(n^2) per pass)."""

_AREA_PER_NODE = 0.6 ** 2  # least bounding-box area per node of a laid-out component
_DISC_GAP = 0.06  # clearance between separated discs, in mean edge lengths
_REPORT_SIZE = 50  # components at least this big report progress when done

_WEIGHT_RANGE = (0.5, 3.0)
_GAP = 1.5  # between packed components, in units of the mean edge length
_ASPECT = 1.6  # packed rows aim for a landscape block, like a window
_IGRAPH_RNG_LOCK = threading.Lock()

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
           radii: Mapping[Hashable, float] | None = None) -> dict[Hashable, Position]:
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
                                edge_length=edge_length, radii=radii):
        if progress.positions is not None:
            result = progress.positions
    return result


def iter_layout(graph, positions: Mapping[Hashable, Position] | None = None,
                pinned: Iterable[Hashable] = (), *, nodes: Iterable[Hashable] | None = None,
                full: bool = False, weight: str = "weight", seed: int = 0,
                niter: int | None = None, edge_length: float = EDGE_LENGTH,
                radii: Mapping[Hashable, float] | None = None,
                ) -> Iterator[LayoutProgress]:
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
    pinned_set = set(pinned)
    xy = np.zeros((n, 2))
    placed = np.zeros(n, dtype=bool)
    for i, name in enumerate(names):
        pos = known.get(name)
        if pos is not None:
            xy[i] = (float(pos[0]) / edge_length, float(pos[1]) / edge_length)
            placed[i] = True
    fixed = placed & np.fromiter((name in pinned_set for name in names), bool, n)
    if not full:
        fixed = placed.copy()
    if fixed.all():
        yield LayoutProgress(1, 1, {name: tuple(map(float, known[name])) for name in names})
        return

    rng = np.random.default_rng(seed)
    membership = np.asarray(
        igraph.Graph(n=n, edges=edges.tolist()).connected_components().membership)
    components = _group(membership)
    anchored = [c for c in components if fixed[c].any()]
    free = [c for c in components if not fixed[c].any()]

    default_iter = 500 if full else 250
    iterations = niter or default_iter
    total = sum(len(c) for c in anchored) * iterations
    total += sum(len(c) * (niter or 500) for c in free if len(c) > 1) + len(free)
    done = 0

    if anchored:
        nodes_in = np.concatenate(anchored)
        sub, sub_w = _subgraph(nodes_in, edges, weights, n)
        sub_xy = xy[nodes_in]
        sub_fixed = fixed[nodes_in]
        # A full re-layout starts movable nodes where they are: less churn, same quality.
        _seed_near_neighbours(sub, sub_xy, placed[nodes_in], rng)
        movers = int((~sub_fixed).sum())
        if not full and movers * len(nodes_in) <= _LOCAL_RELAX_LIMIT:
            _relax_movers(sub, sub_w, sub_xy, sub_fixed, iterations)
        else:
            temp = 1.0 if not full else max(1.0, math.sqrt(len(nodes_in)) / 10)
            _run_fr(sub, sub_w, sub_xy, sub_fixed, iterations, temp, seed)
        done += len(nodes_in) * iterations
        yield LayoutProgress(done, total)
        xy[nodes_in] = sub_xy

    blocks = []
    for comp in free:
        if len(comp) == 1:
            blocks.append((comp, np.zeros((1, 2))))
            done += 1
            continue
        sub, sub_w = _subgraph(comp, edges, weights, n)
        side = math.sqrt(len(comp))
        sub_xy = rng.uniform(-side / 2, side / 2, (len(comp), 2))
        temp = math.sqrt(len(comp)) / 10
        no_fixed = np.zeros(len(comp), dtype=bool)
        _run_fr(sub, sub_w, sub_xy, no_fixed, niter or 500, temp, seed)
        done += len(comp) * (niter or 500)
        if len(comp) >= _REPORT_SIZE:
            yield LayoutProgress(done, total)
        blocks.append((comp, _normalise(sub_xy, sub)))
    if blocks:
        occupied = xy[np.concatenate(anchored)] if anchored else None
        _pack(blocks, xy, occupied)
        if not anchored:
            xy -= (xy.min(axis=0) + xy.max(axis=0)) / 2
    if radii and n <= SEPARATE_LIMIT:
        size = np.array([float(radii.get(name, 0.0)) for name in names]) / edge_length
        _separate(xy, size + _DISC_GAP, ~fixed)
    result = _as_dict(names, xy * edge_length)
    for i in np.flatnonzero(fixed).tolist():  # exactly as given, no unit round trip
        x, y = known[names[i]]
        result[names[i]] = (float(x), float(y))
    yield LayoutProgress(total, total, result)


# -- input ------------------------------------------------------------------------------
def _edge_arrays(graph, nodes, weight: str):
    """Node names, unique undirected edges (i < j) as an (m, 2) array, and their weights."""
    if isinstance(graph, nx.Graph):
        names = list(graph.nodes) if nodes is None else [n for n in dict.fromkeys(nodes)
                                                          if n in graph]
        index = {name: i for i, name in enumerate(names)}
        if nodes is None:
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
    return names, pairs, _compress_weights(summed)


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


# -- placement --------------------------------------------------------------------------
def _seed_near_neighbours(g: igraph.Graph, xy: np.ndarray, placed: np.ndarray,
                          rng: np.random.Generator) -> None:
    """Give every unplaced node a start next to its placed neighbours (breadth first).

    A node with one placed neighbour goes one edge length away from it, on the side facing
    away from the placed nodes' centre, so expansions grow outwards.
    """
    placed = placed.copy()
    centre = xy[placed].mean(axis=0)
    adjacency = g.get_adjlist()
    frontier = [int(i) for i in np.flatnonzero(placed)]
    while frontier:
        next_frontier = []
        for i in frontier:
            for j in adjacency[i]:
                if placed[j]:
                    continue
                anchors = [k for k in adjacency[j] if placed[k]]
                base = xy[anchors].mean(axis=0)
                outward = base - centre
                angle = (math.atan2(outward[1], outward[0]) if np.hypot(*outward) > 1e-9
                         else rng.uniform(0, 2 * math.pi))
                angle += rng.normal(0.0, 0.9)
                reach = 1.0 if len(anchors) == 1 else 0.35
                xy[j] = base + reach * np.array([math.cos(angle), math.sin(angle)])
                placed[j] = True
                next_frontier.append(j)
        frontier = next_frontier


def _run_fr(g: igraph.Graph, weights: np.ndarray, xy: np.ndarray, fixed: np.ndarray,
            niter: int, start_temp: float, seed: int) -> None:
    """Run Fruchterman-Reingold in place on ``xy``, keeping ``fixed`` rows where they are.

    One uninterrupted call: splitting it re-heats a cooled, contracted layout, which makes
    igraph's grid variant crowd its cells and run many times slower.
    """
    if g.ecount() == 0 and not fixed.any():
        return
    bounds = {}
    if fixed.any():
        inf = float("inf")
        bounds = {
            "minx": np.where(fixed, xy[:, 0], -inf).tolist(),
            "maxx": np.where(fixed, xy[:, 0], inf).tolist(),
            "miny": np.where(fixed, xy[:, 1], -inf).tolist(),
            "maxy": np.where(fixed, xy[:, 1], inf).tolist(),
        }
    with _IGRAPH_RNG_LOCK:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            coords = g.layout_fruchterman_reingold(
                weights=weights.tolist() if len(weights) else None, niter=niter,
                start_temp=start_temp, seed=xy.tolist(), grid=g.vcount() > GRID_THRESHOLD,
                **bounds).coords
        finally:
            igraph.set_random_number_generator(random)
    xy[:] = coords


def _relax_movers(g: igraph.Graph, weights: np.ndarray, xy: np.ndarray, fixed: np.ndarray,
                  niter: int, start_temp: float = 0.5) -> None:
    """Settle the unfixed rows of ``xy`` among fixed ones with local forces only.

    Fruchterman-Reingold forces (attraction ``d**2 * w`` along edges, repulsion ``1/d``)
    computed for the movers alone, with repulsion cut off at :data:`_RELAX_CUTOFF`: a new
    leaf of a hub in the middle of a crowd ends up about one edge length from the hub,
    where global repulsion would push it to the rim of the picture.
    """
    movers = np.flatnonzero(~fixed)
    if len(movers) == 0:
        return
    edges = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    touching = ~fixed[edges[:, 0]] | ~fixed[edges[:, 1]]
    edges, w = edges[touching], (weights[touching] if len(weights) else np.ones(0))
    slot = np.full(len(xy), -1, dtype=np.int64)
    slot[movers] = np.arange(len(movers))
    cutoff2 = _RELAX_CUTOFF ** 2
    for it in range(niter):
        temp = start_temp * (1 - it / niter)
        here = xy[movers]
        if it % 10 == 0:
            # Only nodes near the movers can push them: re-select them now and then.
            lo = here.min(axis=0) - 2 * _RELAX_CUTOFF
            hi = here.max(axis=0) + 2 * _RELAX_CUTOFF
            around = np.flatnonzero(((xy >= lo) & (xy <= hi)).all(axis=1))
            own = np.flatnonzero(np.isin(around, movers))
            own_row = slot[around[own]]
        dx = here[:, 0, None] - xy[None, around, 0]
        dy = here[:, 1, None] - xy[None, around, 1]
        d2 = dx * dx + dy * dy
        d2[own_row, own] = np.inf
        inv = np.where(d2 < cutoff2, 1.0 / np.maximum(d2, 1e-6), 0.0)
        force = np.stack([(inv * dx).sum(axis=1), (inv * dy).sum(axis=1)], axis=1)
        if len(edges):
            delta = xy[edges[:, 0]] - xy[edges[:, 1]]
            pull = delta * (np.linalg.norm(delta, axis=1) * w)[:, None]
            a, b = slot[edges[:, 0]], slot[edges[:, 1]]
            np.add.at(force, a[a >= 0], -pull[a >= 0])
            np.add.at(force, b[b >= 0], pull[b >= 0])
        length = np.linalg.norm(force, axis=1)
        step = np.minimum(length, temp) / np.maximum(length, 1e-12)
        xy[movers] = here + force * step[:, None]


def _separate(xy: np.ndarray, radius: np.ndarray, movable: np.ndarray,
              passes: int = 40) -> None:
    """Push overlapping discs apart in place; only ``movable`` rows move."""
    if movable.sum() == 0 or len(xy) < 2:
        return
    n = len(xy)
    need = radius[:, None] + radius[None, :]
    np.fill_diagonal(need, 0.0)
    share = np.where(movable[:, None] & movable[None, :], 0.5, 1.0)
    for _ in range(passes):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt(np.einsum("ijk,ijk->ij", delta, delta))
        overlap = need - dist
        np.fill_diagonal(overlap, 0.0)
        if overlap.max(initial=0.0) <= 1e-6:
            return
        overlap = np.clip(overlap, 0.0, None) * share
        # Coincident points get an arbitrary but fixed direction.
        safe = np.where(dist > 1e-9, dist, 1.0)
        direction = np.where((dist > 1e-9)[..., None], delta / safe[..., None],
                             np.array([1.0, 0.0]) * np.sign(np.subtract.outer(
                                 np.arange(n), np.arange(n)))[..., None])
        push = np.einsum("ij,ijk->ik", overlap, direction)
        xy[movable] += push[movable]


def _normalise(xy: np.ndarray, g: igraph.Graph) -> np.ndarray:
    """Centre a component, make its mean edge 1 long and its long side horizontal."""
    xy = xy - xy.mean(axis=0)
    edges = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    if len(edges):
        mean = float(np.linalg.norm(xy[edges[:, 0]] - xy[edges[:, 1]], axis=1).mean())
        if mean > 1e-9:
            xy = xy / mean
    if len(xy) > 2:
        # Dense graphs (hairballs) have long edges between crowded nodes: scaling by edge
        # length alone would pile the nodes onto each other, so also keep a minimum area
        # per node.
        extent = np.maximum(xy.max(axis=0) - xy.min(axis=0), 1.0)  # a path is not flat
        area = float(extent[0] * extent[1])
        wanted = _AREA_PER_NODE * len(xy)
        if 1e-12 < area < wanted:
            xy = xy * math.sqrt(wanted / area)
    if len(xy) > 2:
        _, _, vt = np.linalg.svd(xy, full_matrices=False)
        xy = xy @ vt.T
        # The SVD's signs are arbitrary: fix them by skew so the result is reproducible.
        signs = np.sign((xy ** 3).sum(axis=0))
        xy *= np.where(signs == 0, 1.0, signs)
    return xy


def _pack(blocks: list[tuple[np.ndarray, np.ndarray]], xy: np.ndarray,
          occupied: np.ndarray | None) -> None:
    """Shelf-pack laid-out components (biggest first) under whatever is already placed.

    A dominant component gets a row of its own; the small ones fill centred rows under it,
    so islands sit next to the mainland instead of in a far corner.
    """
    sizes = []
    for _, local in blocks:
        lo, hi = local.min(axis=0), local.max(axis=0)
        sizes.append((hi - lo, lo))
    area = sum((w + _GAP) * (h + _GAP) for (w, h), _ in sizes)
    widest = max(w for (w, _), _ in sizes)
    if occupied is not None and len(occupied):
        left, top = occupied.min(axis=0)
        right, bottom = occupied.max(axis=0)
        row_width = max(right - left, widest)
        x0, y = left, bottom + _GAP
    else:
        row_width = max(widest, math.sqrt(area * _ASPECT))
        x0, y = 0.0, 0.0
    rows: list[list[int]] = [[]]
    x = 0.0
    for k, ((w, _), _) in enumerate(sizes):
        dominant = k == 1 and occupied is None and sizes[0][0].prod() > 4 * (w + _GAP) ** 2
        if rows[-1] and (x + w > row_width or dominant):
            rows.append([])
            x = 0.0
        rows[-1].append(k)
        x += w + _GAP
    for row in rows:
        used = sum(sizes[k][0][0] for k in row) + _GAP * (len(row) - 1)
        x = x0 + (row_width - used) / 2
        height = max(sizes[k][0][1] for k in row)
        for k in row:
            (w, h), lo = sizes[k]
            members, local = blocks[k]
            # Centred vertically within the row, left to right.
            xy[members] = local - lo + (x, y + (height - h) / 2)
            x += w + _GAP
        y += height + _GAP
