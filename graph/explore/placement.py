"""The numeric side of :mod:`graph.explore.layout`: forces, separation, normalising, packing.

Everything here works in place on ``(n, 2)`` NumPy arrays of positions measured in mean
edge lengths (the layout converts to scene units at the very end) and on igraph graphs
whose vertex ``i`` is row ``i``. The layout module decides what moves and in which order;
this one only moves points.
"""

from __future__ import annotations

import math
import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import igraph
import numpy as np

GRID_THRESHOLD = 400
"""Components with more nodes use igraph's grid variant (O(n) per iteration, approximate)."""

_RELAX_CUTOFF = 1.3  # repulsion reach when settling new nodes, in mean edge lengths
_AREA_PER_NODE = 0.6 ** 2  # least bounding-box area per node of a laid-out component
_GAP = 1.5  # between packed components, in units of the mean edge length
_ASPECT = 1.6  # packed rows aim for a landscape block, like a window
_IGRAPH_RNG_LOCK = threading.Lock()


@contextmanager
def seeded_igraph(rng: random.Random) -> Iterator[None]:
    """igraph's (process-wide) random generator is ``rng`` inside the block.

    Layouts and community detection run in worker threads: one at a time holds the
    generator, so each run draws only from its own seeded ``rng`` and is reproducible.
    """
    with _IGRAPH_RNG_LOCK:
        igraph.set_random_number_generator(rng)
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)


# -- forces -----------------------------------------------------------------------------
def seed_near_neighbours(g: igraph.Graph, xy: np.ndarray, placed: np.ndarray,
                         rng: np.random.Generator) -> None:
    """Give every unplaced node a start next to its placed neighbours (breadth first).

    A node with one placed neighbour goes one edge length away from it, on the side facing
    away from the placed nodes' centre, so expansions grow outwards.

    Parameters
    ----------
    g
        The graph; vertex ``i`` is row ``i`` of ``xy``.
    xy
        Positions, updated in place for unplaced nodes reachable from placed ones.
    placed
        Which rows already have a position (at least one must); not modified.
    rng
        Source of the random jitter in direction.
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


def run_fr(g: igraph.Graph, weights: np.ndarray, xy: np.ndarray, fixed: np.ndarray,
           niter: int, start_temp: float, seed: int) -> None:
    """Run Fruchterman-Reingold in place on ``xy``, keeping ``fixed`` rows where they are.

    One uninterrupted call: splitting it re-heats a cooled, contracted layout, which makes
    igraph's grid variant crowd its cells and run many times slower.

    Parameters
    ----------
    g
        The graph; vertex ``i`` is row ``i`` of ``xy``.
    weights
        One weight per edge of ``g`` (empty for none).
    xy
        Start positions, replaced in place by the result.
    fixed
        Rows that must not move.
    niter, start_temp
        igraph's iteration count and start temperature.
    seed
        Seed of igraph's random generator, swapped in under a lock for this call only.
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
    with seeded_igraph(random.Random(seed)):
        coords = g.layout_fruchterman_reingold(
            weights=weights.tolist() if len(weights) else None, niter=niter,
            start_temp=start_temp, seed=xy.tolist(), grid=g.vcount() > GRID_THRESHOLD,
            **bounds).coords
    xy[:] = coords


def relax_movers(g: igraph.Graph, weights: np.ndarray, xy: np.ndarray, fixed: np.ndarray,
                 niter: int, start_temp: float = 0.5) -> None:
    """Settle the unfixed rows of ``xy`` among fixed ones with local forces only.

    Fruchterman-Reingold forces (attraction ``d**2 * w`` along edges, repulsion ``1/d``)
    computed for the movers alone, with repulsion cut off at 1.3 edge lengths: a new
    leaf of a hub in the middle of a crowd ends up about one edge length from the hub,
    where global repulsion would push it to the rim of the picture.

    Parameters
    ----------
    g, weights, xy, fixed, niter
        As for :func:`run_fr`.
    start_temp
        Largest step of the first iteration, in edge lengths; it cools linearly to 0.
    """
    movers = np.flatnonzero(~fixed)
    if len(movers) == 0:
        return
    edges = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    touching = ~fixed[edges[:, 0]] | ~fixed[edges[:, 1]]
    edges, w = edges[touching], (weights[touching] if len(weights) else np.ones(0))
    slot = np.full(len(xy), -1, dtype=np.int64)
    slot[movers] = np.arange(len(movers))
    for it in range(niter):
        here = xy[movers]
        if it % 10 == 0:
            # Only nodes near the movers can push them: re-select them now and then.
            around, own, own_row = _neighbourhood(xy, here, movers, slot)
        force = _repulsion(here, xy[around], own_row, own)
        if len(edges):
            delta = xy[edges[:, 0]] - xy[edges[:, 1]]
            pull = delta * (np.linalg.norm(delta, axis=1) * w)[:, None]
            a, b = slot[edges[:, 0]], slot[edges[:, 1]]
            np.add.at(force, a[a >= 0], -pull[a >= 0])
            np.add.at(force, b[b >= 0], pull[b >= 0])
        temp = start_temp * (1 - it / niter)
        length = np.linalg.norm(force, axis=1)
        step = np.minimum(length, temp) / np.maximum(length, 1e-12)
        xy[movers] = here + force * step[:, None]


def _neighbourhood(xy: np.ndarray, here: np.ndarray, movers: np.ndarray, slot: np.ndarray):
    """Rows near the movers' bounding box, and where the movers themselves sit among them."""
    lo = here.min(axis=0) - 2 * _RELAX_CUTOFF
    hi = here.max(axis=0) + 2 * _RELAX_CUTOFF
    around = np.flatnonzero(((xy >= lo) & (xy <= hi)).all(axis=1))
    own = np.flatnonzero(np.isin(around, movers))
    return around, own, slot[around[own]]


def _repulsion(here: np.ndarray, others: np.ndarray, own_row: np.ndarray,
               own: np.ndarray) -> np.ndarray:
    """``1/d`` repulsion on each mover from ``others`` within the cut-off, self excluded."""
    dx = here[:, 0, None] - others[None, :, 0]
    dy = here[:, 1, None] - others[None, :, 1]
    d2 = dx * dx + dy * dy
    d2[own_row, own] = np.inf
    inv = np.where(d2 < _RELAX_CUTOFF ** 2, 1.0 / np.maximum(d2, 1e-6), 0.0)
    return np.stack([(inv * dx).sum(axis=1), (inv * dy).sum(axis=1)], axis=1)


# -- geometry ---------------------------------------------------------------------------
def separate(xy: np.ndarray, radius: np.ndarray, movable: np.ndarray,
             passes: int = 40) -> None:
    """Push overlapping discs apart in place; only ``movable`` rows move.

    Parameters
    ----------
    xy
        Disc centres, updated in place.
    radius
        One radius per row, clearance included.
    movable
        Rows that may move; a disc overlapping a fixed one takes the whole push.
    passes
        Most rounds of pushing (it stops early once nothing overlaps).
    """
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


def normalise(xy: np.ndarray, g: igraph.Graph) -> np.ndarray:
    """Centre a component, make its mean edge 1 long and its long side horizontal.

    Parameters
    ----------
    xy
        The component's positions (not modified).
    g
        The component; vertex ``i`` is row ``i`` of ``xy``.

    Returns
    -------
    numpy.ndarray
        The normalised positions, reproducible for the same input.
    """
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


def pack(blocks: list[tuple[np.ndarray, np.ndarray]], xy: np.ndarray,
         occupied: np.ndarray | None, aspect: float = _ASPECT) -> None:
    """Pack laid-out components around the main one, filling a box shaped like the screen.

    The main picture (``occupied``, else the first and biggest block, put at the origin)
    sits in the middle; the other blocks, biggest first, each take the free spot nearest
    to the middle of a box of the ``aspect`` ratio, so that islands ring the mainland and
    the whole fills a window instead of a column or a row.

    Parameters
    ----------
    blocks
        ``(members, local positions)`` per component, biggest first.
    xy
        All positions; the members' rows are set in place.
    occupied
        Positions already in the picture (the blocks go around them), or ``None``.
    aspect
        Width over height of the box to fill (the canvas's).
    """
    if not blocks:
        return
    aspect = min(max(float(aspect), 0.2), 5.0) if math.isfinite(aspect) else _ASPECT
    sizes = []
    for _, local in blocks:
        lo, hi = local.min(axis=0), local.max(axis=0)
        sizes.append((hi - lo, lo))
    if occupied is not None and len(occupied):
        main_lo, main_hi = occupied.min(axis=0), occupied.max(axis=0)
        first = 0
    else:
        (w, h), lo = sizes[0]
        members, local = blocks[0]
        xy[members] = local - lo - (w / 2, h / 2)
        main_lo, main_hi = -np.array([w, h]) / 2, np.array([w, h]) / 2
        first = 1
    if first == len(blocks):
        return
    footprints = [size + _GAP for size, _ in sizes[first:]]
    main = main_hi - main_lo + _GAP
    area = float(main.prod()) + sum(float(f.prod()) for f in footprints)
    width = max(math.sqrt(area * aspect), float(main[0]))
    height = max(width / aspect, float(main[1]))
    width = max(width, height * aspect)
    biggest = np.max(footprints, axis=0)
    cell = max(_GAP / 2, math.sqrt(area) / 150)
    centre = (main_lo + main_hi) / 2
    for grow in range(8):
        half = np.array([width, height]) * (0.5 + 0.25 * grow) + biggest
        spots = _pack_around(footprints, centre, half, main_lo - _GAP / 2,
                             main_hi + _GAP / 2, cell, (width / 2, height / 2))
        if spots is not None:
            break
    else:  # unreachable in practice: a row under everything
        spots = [centre + (0.0, half[1] + k) for k in range(len(footprints))]
    for k, corner in enumerate(spots):
        (w, h), lo = sizes[first + k]
        members, local = blocks[first + k]
        xy[members] = local - lo + corner + (footprints[k] - (w, h)) / 2


def _pack_around(footprints: list[np.ndarray], centre: np.ndarray, half: np.ndarray,
                 main_lo: np.ndarray, main_hi: np.ndarray, cell: float,
                 target: tuple[float, float]) -> list[np.ndarray] | None:
    """Lower-left corners of the footprints in a grid of ``cell`` around ``centre``
    (``None`` when they do not all fit within ``half`` of it)."""
    origin = centre - half
    cols, rows = (np.ceil(2 * half / cell).astype(int) + 1).tolist()
    taken = np.zeros((rows, cols), dtype=bool)
    c0, r0 = np.floor((main_lo - origin) / cell).astype(int).tolist()
    c1, r1 = np.ceil((main_hi - origin) / cell).astype(int).tolist()
    taken[max(r0, 0):r1, max(c0, 0):c1] = True
    ys, xs = np.mgrid[0:rows, 0:cols]
    spots: list[np.ndarray] = []
    k = 0
    while k < len(footprints):
        size = np.ceil(footprints[k] / cell - 1e-9).astype(int)
        same = k
        while same < len(footprints) and \
                (np.ceil(footprints[same] / cell - 1e-9).astype(int) == size).all():
            same += 1
        fw, fh = size.tolist()
        if fw > cols or fh > rows:
            return None
        table = np.zeros((rows + 1, cols + 1), dtype=np.int32)
        table[1:, 1:] = np.cumsum(np.cumsum(taken, axis=0, dtype=np.int32), axis=1)
        sums = (table[fh:, fw:] - table[:-fh, fw:] - table[fh:, :-fw] + table[:-fh, :-fw])
        free_r, free_c = np.nonzero(sums == 0)
        # How far the block would reach from the centre, in units of the target box: the
        # box fills ring by ring, like the screen it is meant for.
        mid_x = origin[0] + (xs[free_r, free_c] + fw / 2) * cell - centre[0]
        mid_y = origin[1] + (ys[free_r, free_c] + fh / 2) * cell - centre[1]
        reach_x = (np.abs(mid_x) + fw * cell / 2) / target[0]
        reach_y = (np.abs(mid_y) + fh * cell / 2) / target[1]
        cost = np.maximum(reach_x, reach_y) + 0.05 * np.hypot(mid_x / target[0],
                                                              mid_y / target[1])
        todo = same - k
        for spot in np.argsort(cost, kind="stable").tolist():
            if todo == 0:
                break
            r, c = free_r[spot], free_c[spot]
            window = taken[r:r + fh, c:c + fw]
            if window.any():
                continue
            window[...] = True
            spots.append(origin + np.array([c, r]) * cell)
            todo -= 1
        if todo:
            return None
        k = same
    return spots
