"""What the canvas draws, as numpy arrays, and what is under a point: no Qt in here.

:func:`build_scene` turns the graph, the exploration's visible set and the person's filter
into :class:`SceneArrays` (one row per drawn node, one per drawn *link*), asking
:func:`graph.explore.filters.drawn_nodes` and :func:`~graph.explore.filters.drawn_edges`
what is drawn, so the canvas, the window's counts and "export visible" agree.
:func:`node_at` and :func:`link_at` are the vectorised hit tests over the same arrays, and
:class:`LayoutRequest` is the snapshot a layout runs on (never the live graph). Positions
are scene units; the painter (:mod:`app.canvas.items`) and the view add Qt on top.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
import numpy as np

from graph.explore.filters import GraphFilter, drawn_edges, drawn_nodes, edge_predicate
from graph.explore.layout import ASPECT, LayoutProgress, iter_layout
from graph.explore.layout_apart import APART_MIN_NODES, iter_layout_apart
from graph.explore.spacing import bound_radii
from graph.jobs import Job, Progress, run_job
from graph.schema import DEPENDENCY

RADIUS_RANGE = (7.0, 22.0)  # node radius in scene units, smallest and biggest
SIZE_BY = ("mentions", "degree", "pagerank", "betweenness")
CENTRALITY = ("pagerank", "betweenness")  # sizes that need graph.explore.analysis scores
MIN_NODE_PX = 3.0  # nodes never shrink below this diameter on screen
HIT_SLOP_PX = 4.0  # how far outside a node (or beside an edge) a click still hits it
LINK_SLOP_PX = 1.5  # lines are thin: a little more room beside them than around a node
LAYOUT_CLEARANCE = 14.0  # scene units kept free around each disc when a layout separates them
WEIGHT_BOUNDS = np.array([1.0, 2.0, 4.0, 8.0])  # edge weight buckets (upper bounds)
SIZE_LEVELS = 8  # node radii are quantised to this many levels, one draw call each

Position = tuple[float, float]
Bounds = tuple[float, float, float, float]
"""``(left, top, right, bottom)`` in scene units."""


@dataclass
class SceneArrays:
    """The drawn nodes and links as arrays (rebuilt when the drawn set changes).

    A *link* is what one line on screen stands for: all co-occurrence edges of an unordered
    pair, or all typed edges from ``u`` to ``v``. ``link_keys[i]`` is the heaviest edge
    ``(u, v, key)`` it stands for, ``link_relations[i]`` the relation names and
    ``link_predicates[i]`` the predicate of the heaviest edge (its colour; ``""`` for
    co-occurrence and typed edges without one). ``predicate_codes`` are the predicates drawn
    and ``link_predicate_index`` each link's row in them. Node rows are
    sorted by id; ``importance`` lists them most important first and ``rank`` is its inverse.
    Unplaced nodes have NaN positions and are simply not drawn.
    """

    ids: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    xy: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    radius: np.ndarray = field(default_factory=lambda: np.zeros(0))
    types: list[str] = field(default_factory=list)
    type_index: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    type_codes: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    importance: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    rank: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    pinned: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    link_u: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    link_v: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    link_dependency: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    link_weight: np.ndarray = field(default_factory=lambda: np.zeros(0))
    link_keys: list[tuple[str, str, str]] = field(default_factory=list)
    link_relations: list[tuple[str, ...]] = field(default_factory=list)
    link_predicates: list[str] = field(default_factory=list)
    base_radius: np.ndarray | None = None  # radii wanted before fit_radii bounded them

    def __post_init__(self) -> None:
        self.refresh_derived()

    def refresh_derived(self) -> None:
        """Recompute what follows from the arrays (call after replacing them)."""
        self.link_bucket = np.searchsorted(WEIGHT_BOUNDS, self.link_weight, side="left")
        if len(self.link_predicates) != len(self.link_u):
            self.link_predicates = [""] * len(self.link_u)
        self.predicate_codes = sorted(set(self.link_predicates))
        slot = {code: k for k, code in enumerate(self.predicate_codes)}
        self.link_predicate_index = np.array([slot[p] for p in self.link_predicates],
                                             dtype=np.int64)
        levels = np.unique(self.radius) if len(self.radius) else np.zeros(0)
        if len(levels) > SIZE_LEVELS:
            edges = np.quantile(self.radius, np.linspace(0, 1, SIZE_LEVELS + 1)[1:-1])
            level = np.searchsorted(edges, self.radius)
            means = np.array([self.radius[level == i].mean() if (level == i).any() else 0.0
                              for i in range(SIZE_LEVELS)])
            self.size_level, self.level_radius = level, means
        else:
            self.size_level = np.searchsorted(levels, self.radius)
            self.level_radius = levels

    @property
    def placed(self) -> np.ndarray:
        return ~np.isnan(self.xy[:, 0])

    def neighbours(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Drawn neighbours of node ``i`` and the links that reach them."""
        links = np.flatnonzero((self.link_u == i) | (self.link_v == i))
        others = np.where(self.link_u[links] == i, self.link_v[links], self.link_u[links])
        return np.unique(others), links

    def bounds(self) -> Bounds | None:
        """The box around every placed disc, or ``None`` when nothing is placed."""
        placed = self.placed
        if not placed.any():
            return None
        xy, r = self.xy[placed], self.radius[placed]
        left, top = (xy - r[:, None]).min(axis=0).tolist()
        right, bottom = (xy + r[:, None]).max(axis=0).tolist()
        return left, top, right, bottom


# -- building ----------------------------------------------------------------------------
def build_scene(graph: nx.MultiDiGraph, visible: Iterable[str],
                graph_filter: GraphFilter | None = None, *, size_by: str = "mentions",
                pinned: Collection[str] = (),
                scores: Mapping[str, Mapping[str, float]] | None = None) -> SceneArrays:
    """The arrays of what is drawn: visible nodes and edges that pass the filter.

    Parameters
    ----------
    graph
        The knowledge graph (attributes of :mod:`graph.schema`).
    visible
        The exploration's visible set.
    graph_filter
        The person's filter; ``None`` draws everything visible.
    size_by
        ``"mentions"``, ``"degree"`` (distinct neighbours in the whole graph), or one of
        :data:`CENTRALITY` read from ``scores``; sized by mentions while ``scores`` lacks it.
    pinned
        Pinned node ids (marked in :attr:`SceneArrays.pinned`).
    scores
        ``scores[measure][node]`` (:attr:`graph.explore.analysis.GraphAnalysis.scores`).

    Returns
    -------
    SceneArrays
        Every node unplaced (NaN positions); the caller loads the known positions.

    Raises
    ------
    ValueError
        If ``size_by`` is not one of :data:`SIZE_BY`.
    """
    if size_by not in SIZE_BY:
        raise ValueError(f"size_by must be one of {SIZE_BY}, got {size_by!r}")
    ids = drawn_nodes(graph, visible, graph_filter)
    index = {n: i for i, n in enumerate(ids)}
    nodes = graph.nodes
    types = [nodes[n].get("type", "OTHER") or "OTHER" for n in ids]
    type_codes = sorted(set(types))
    type_slot = {t: k for k, t in enumerate(type_codes)}
    arrays = SceneArrays(
        ids=ids, index=index,
        xy=np.full((len(ids), 2), np.nan),
        radius=radii(_size_values(graph, ids, size_by, scores)),
        types=types,
        type_index=np.array([type_slot[t] for t in types], dtype=np.int64),
        type_codes=type_codes,
        labels=[str(nodes[n].get("label", n)) for n in ids],
        pinned=np.array([n in pinned for n in ids], dtype=bool),
        **_collect_links(drawn_edges(graph, index, graph_filter), index),
    )
    arrays.importance = importance_order(arrays)
    arrays.rank = np.empty(len(ids), dtype=np.int64)
    arrays.rank[arrays.importance] = np.arange(len(ids))
    return arrays


def _size_values(graph: nx.MultiDiGraph, ids: list[str], size_by: str,
                 scores: Mapping[str, Mapping[str, float]] | None) -> np.ndarray:
    """What node sizes grow with (see :func:`build_scene`)."""
    if size_by in CENTRALITY and scores and size_by in scores:
        measure = scores[size_by]
        return np.array([measure.get(n, 0.0) for n in ids], dtype=float)
    if size_by == "degree":
        return np.array([_degree(graph, n) for n in ids], dtype=float)
    nodes = graph.nodes
    return np.array([as_number(nodes[n].get("mentions", 1)) for n in ids], dtype=float)


def _collect_links(edges: Iterable[tuple[str, str, str, dict]],
                   index: Mapping[str, int]) -> dict:
    """One line per co-occurring pair and per typed (u -> v) pair, heaviest edge as key
    (and colour: a line stands for the predicate of its heaviest edge)."""
    groups: dict[tuple[int, int, bool], list] = {}
    for u, v, key, data in edges:
        dependency = data.get("method") == DEPENDENCY
        a, b = index[u], index[v]
        if not dependency and a > b:
            a, b = b, a
        weight = as_number(data.get("weight", 1.0))
        entry = groups.get((a, b, dependency))
        relation = str(data.get("relation", key))
        predicate = edge_predicate(data) if dependency else ""
        if entry is None:
            groups[(a, b, dependency)] = [weight, weight, (u, v, key), [relation], predicate]
        else:
            entry[0] += weight
            entry[3].append(relation)
            if weight > entry[1]:
                entry[1], entry[2], entry[4] = weight, (u, v, key), predicate
    # Co-occurrence first so typed relations are drawn (and hit) on top of them.
    ordered = sorted(groups.items(), key=lambda item: item[0][2])
    return {
        "link_u": np.array([k[0] for k, _ in ordered], dtype=np.int64),
        "link_v": np.array([k[1] for k, _ in ordered], dtype=np.int64),
        "link_dependency": np.array([k[2] for k, _ in ordered], dtype=bool),
        "link_weight": np.array([e[0] for _, e in ordered], dtype=float),
        "link_keys": [e[2] for _, e in ordered],
        "link_relations": [tuple(e[3]) for _, e in ordered],  # (untracked by the collector)
        "link_predicates": [e[4] for _, e in ordered],
    }


def fit_radii(arrays: SceneArrays) -> None:
    """Bound the drawn radii by the positions, so that no two discs overlap.

    The radii :func:`build_scene` chose are kept in ``base_radius``; wherever the layout
    put nodes closer than their sizes allow (crowded parts of a big graph, a hub sized by
    degree among its leaves) they shrink: all by the crowding of a typical node, then
    each overlapping pair until it does not (:func:`graph.explore.placement.bound_radii`).
    """
    if arrays.base_radius is None:
        arrays.base_radius = arrays.radius.copy()
    if len(arrays.ids) == 0:
        return
    arrays.radius = bound_radii(arrays.xy, arrays.base_radius)
    arrays.refresh_derived()


def importance_order(arrays: SceneArrays) -> np.ndarray:
    """Node rows most important first (labels are placed in this order).

    Size and connections among the drawn nodes weigh equally (a hub mentioned a few times
    is as much a landmark as a big node); ties go by id.
    """
    n = len(arrays.ids)
    drawn_degree = np.bincount(np.concatenate([arrays.link_u, arrays.link_v]), minlength=n)
    score = (arrays.radius / max(float(arrays.radius.max(initial=0)), 1e-9)
             + drawn_degree / max(int(drawn_degree.max(initial=0)), 1))
    return np.lexsort((np.arange(n), -score))


def radii(values: np.ndarray) -> np.ndarray:
    """Node radius in scene units: area grows with the value, capped for outliers."""
    if len(values) == 0:
        return np.zeros(0)
    values = np.maximum(values, 0.0)
    top = float(np.quantile(values, 0.98)) if len(values) > 20 else float(values.max())
    if top <= 0:
        return np.full(len(values), RADIUS_RANGE[0])
    small, big = RADIUS_RANGE
    return small + (big - small) * np.sqrt(np.minimum(values / top, 1.0))


def as_number(value) -> float:
    """``value`` as a finite float (0 for anything else: attributes come from files)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) else 0.0


def _degree(graph: nx.MultiDiGraph, nid: str) -> int:
    # distinct neighbours, as GraphModel.degree: parallel relations count once
    return len(set(graph.successors(nid)) | set(graph.predecessors(nid)))


# -- hit-testing -------------------------------------------------------------------------
def node_at(arrays: SceneArrays, x: float, y: float, scale: float) -> int | None:
    """The node row whose disc (plus a few pixels) holds the scene point, if any.

    ``scale`` is pixels per scene unit: discs never shrink below :data:`MIN_NODE_PX` on
    screen. Among overlapping discs the one whose rim is farthest from the point wins.
    """
    if not arrays.ids:
        return None
    radius = np.maximum(arrays.radius, MIN_NODE_PX / 2 / scale) + HIT_SLOP_PX / scale
    d = np.hypot(arrays.xy[:, 0] - x, arrays.xy[:, 1] - y)
    with np.errstate(invalid="ignore"):
        hit = np.flatnonzero(d <= radius)
    if len(hit) == 0:
        return None
    return int(hit[np.argmin(d[hit] - radius[hit])])


def link_at(arrays: SceneArrays, x: float, y: float, scale: float) -> int | None:
    """The link drawn nearest to the scene point within a few pixels, if any."""
    if len(arrays.link_u) == 0:
        return None
    p = np.array([x, y])
    a, b = arrays.xy[arrays.link_u], arrays.xy[arrays.link_v]
    ab = b - a
    length2 = np.einsum("ij,ij->i", ab, ab)
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.clip(np.einsum("ij,ij->i", p - a, ab) / length2, 0.0, 1.0)
        d = np.hypot(*(a + ab * t[:, None] - p).T)
        near = np.flatnonzero(d <= (HIT_SLOP_PX + LINK_SLOP_PX) / scale)
    if len(near) == 0:
        return None
    # Typed relations are drawn on top: prefer them at equal distance.
    return int(near[np.lexsort((~arrays.link_dependency[near], d[near]))[0]])


def link_of_edge(arrays: SceneArrays, edge: tuple[str, str, str]) -> int | None:
    """The link that draws ``edge`` (``(u, v, key)``), or ``None`` when it is not drawn.

    An edge that is not a link's heaviest is found through the line between its ends.
    """
    for i, keys in enumerate(arrays.link_keys):
        if keys == edge:
            return i
    u, v, key = edge
    a, b = arrays.index.get(u), arrays.index.get(v)
    if a is None or b is None:
        return None
    dependency = key.startswith(DEPENDENCY)
    match = np.flatnonzero((arrays.link_dependency == dependency)
                           & (((arrays.link_u == a) & (arrays.link_v == b))
                              | ((arrays.link_u == b) & (arrays.link_v == a))))
    return int(match[0]) if len(match) else None


# -- layout ------------------------------------------------------------------------------
@dataclass(frozen=True)
class LayoutRequest:
    """A snapshot to lay out: the drawn links, known positions and pinned nodes.

    It holds copies, never the live graph, so it can run in a worker while the graph,
    the exploration and the drawing move on.
    """

    nodes: list[str]
    link_rows: tuple[np.ndarray, np.ndarray, np.ndarray]  # rows of ``nodes`` and weights
    positions: dict[str, Position]
    pinned: frozenset[str]
    full: bool
    seed: int
    wanted: np.ndarray  # the radius each of ``nodes`` should get
    aspect: float = ASPECT

    # Made from the arrays when first read, in the worker: a few hundred thousand objects
    # on a big drawing, a tenth of a second the GUI thread would have waited.
    @cached_property
    def links(self) -> list[tuple[str, str, float]]:
        """The drawn links ``(u, v, weight)``."""
        nodes = self.nodes
        u, v, w = (a.tolist() for a in self.link_rows)
        return [(nodes[a], nodes[b], weight) for a, b, weight in zip(u, v, w, strict=True)]

    @cached_property
    def radii(self) -> dict[str, float]:
        """``node -> radius`` it should get (its place keeps clear of that)."""
        return dict(zip(self.nodes, self.wanted.tolist(), strict=True))

    def steps(self) -> Iterator[LayoutProgress]:
        """:func:`graph.explore.layout.iter_layout` over the snapshot (in a process of its
        own when it is big: :mod:`graph.explore.layout_apart`)."""
        kwargs = dict(positions=self.positions, pinned=self.pinned, nodes=self.nodes,
                      full=self.full, seed=self.seed, radii=self.radii, aspect=self.aspect)
        if len(self.nodes) >= APART_MIN_NODES:
            return iter_layout_apart(self.links, **kwargs)
        return iter_layout(self.links, **kwargs)

    def job(self) -> Job:
        """The layout as a :mod:`graph.jobs` job: yields progress, returns the positions."""
        positions: dict[str, Position] = {}
        for step in self.steps():
            if step.positions is None:
                yield Progress(step.done, step.total, "Laying out")
            else:
                positions = step.positions
        return positions

    def run(self) -> dict[str, Position]:
        """Lay out on the calling thread and return ``node -> (x, y)``."""
        return run_job(self.job())


def layout_request(arrays: SceneArrays, positions: Mapping[str, Position],
                   pinned: Collection[str], *, full: bool,
                   seed: int = 0, aspect: float = ASPECT) -> LayoutRequest | None:
    """What to lay out for the drawn ``arrays``, or ``None`` when there is nothing to do.

    Parameters
    ----------
    arrays
        The drawn scene.
    positions
        Every known position (nodes that have one keep it unless ``full``).
    pinned
        Nodes that never move.
    full
        Lay out everything again except the pinned nodes; else only unplaced nodes move,
        and nothing happens when every drawn node has a position.
    seed
        Seed of the random start positions.
    aspect
        Width over height of the canvas (separate components are packed to fill it).
    """
    nodes = list(arrays.ids)
    if not nodes:
        return None
    known = {n: positions[n] for n in nodes if n in positions}
    if not full and len(known) == len(nodes):
        return None
    # Growing a few placed nodes into thousands of new ones (Show All) is much slower than
    # laying the whole out again: then lay out from scratch (pins stay). An expand of a
    # small drawing still only places the newcomers.
    full = full or (len(nodes) >= APART_MIN_NODES and len(known) * REGROW_RATIO < len(nodes))
    return LayoutRequest(
        nodes=nodes, link_rows=(arrays.link_u.copy(), arrays.link_v.copy(),
                                arrays.link_weight.copy()),
        positions=known, pinned=frozenset(n for n in pinned if n in known), full=full,
        seed=seed, aspect=aspect, wanted=_wanted_radius(arrays) + LAYOUT_CLEARANCE)


REGROW_RATIO = 5  # more than this many times the placed nodes: lay out anew


def _wanted_radius(arrays: SceneArrays) -> np.ndarray:
    return arrays.radius if arrays.base_radius is None else arrays.base_radius


def grow_from(arrays: SceneArrays, i: int, start: np.ndarray,
              target: np.ndarray) -> np.ndarray:
    """Where new node ``i`` starts gliding: its first placed neighbour, else its target."""
    neighbours, _ = arrays.neighbours(i)
    known = [j for j in neighbours if not np.isnan(start[j, 0])]
    return start[known[0]] if known else target[i]


__all__ = [
    "CENTRALITY", "SIZE_BY", "LayoutRequest", "SceneArrays", "as_number", "build_scene",
    "fit_radii",
    "grow_from", "importance_order", "layout_request", "link_at", "link_of_edge", "node_at",
    "radii",
]
