"""Communities and centrality of the knowledge graph, computed as one cancellable job.

:func:`analysis_job` reads the *undirected weighted simple view* of the graph (every pair
of entities once, weighted by the summed evidence of all their edges, self-loops dropped:
:func:`graph.explore.layout.weighted_pairs`) and returns a :class:`GraphAnalysis`:

- **communities** by the Leiden algorithm (igraph, modularity objective, evidence as
  weight). Leiden is run one pass at a time from the previous partition until a pass
  changes nothing, so the job yields (and can be cancelled) between passes; igraph's random
  generator is a ``random.Random(seed)`` for the run (:func:`~graph.explore.placement.
  seeded_igraph`), and nodes and pairs enter igraph sorted by id, so the partition is the
  same on every run and whatever order the graph was built in. Leiden was chosen over
  igraph's Louvain (``community_multilevel``) and networkx's ``louvain_communities``: on
  the real corpus graph (2,700 entities) it finds a higher modularity (0.771 against 0.763)
  in 14 ms (networkx: 100 ms), and its communities are connected by construction.
  Communities are numbered by size, largest first, and named after their most central
  member that is an entity (:mod:`graph.explore.junk`), a model, lab, project, method or
  dataset before a person or place; their leaders are their most central such entities.
- **centrality**: PageRank (weighted by evidence), betweenness (shortest paths with
  ``1 / evidence`` as length: strong ties are short), degree (distinct neighbours) and
  mentions. Betweenness is exact up to :data:`EXACT_BETWEENNESS_LIMIT` nodes; above it, it
  is estimated from :data:`BETWEENNESS_PIVOTS` source nodes drawn with the seed (and scaled
  to the full count). It runs in chunks of sources so a cancel waits for one chunk only.
  python-igraph releases the GIL inside its C calls, so the job runs beside the GUI.

The **community overview** is a separate small graph (:func:`community_graph`, the quotient
of the graph by its communities: one node per community sized by its members, one link per
pair of communities weighted by the evidence between them). The window shows it in a second
canvas over its own model, swapped in place of the main canvas: the main drawing (positions,
pins, zoom, what is visible, the undo history) is not touched while the overview is up, and
no view needs a "meta-node" case. Opening a community from it is an ordinary exploration
step on the main graph (:func:`community_step`), so it can be undone.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import igraph
import networkx as nx
import numpy as np

from graph import messages
from graph.explore.exploration import Step
from graph.explore.junk import junk_reasons
from graph.explore.layout import weighted_pairs
from graph.explore.layout_apart import APART_MIN_NODES, iter_apart
from graph.explore.placement import seeded_igraph
from graph.jobs import Job, Progress, run_job
from graph.schema import COOCCURRENCE
from graph.taxonomy import SCORED_TYPES

MEASURES = ("pagerank", "betweenness", "degree", "mentions")
MEASURE_NAMES = {"pagerank": "PageRank", "betweenness": "Betweenness", "degree": "Degree",
                 "mentions": "Mentions"}
EXACT_BETWEENNESS_LIMIT = 4000  # nodes; above, betweenness is estimated from pivots
BETWEENNESS_PIVOTS = 400
SOURCE_CHUNK = 250  # sources per betweenness call (a cancel waits at most for one)
MAX_LEIDEN_PASSES = 25
COMMUNITY_PREFIX = "community:"  # node ids of the overview graph
OVERVIEW_MIN_SIZE = 3  # communities of one or two entities (mostly unconnected) stay out
OVERVIEW_MIN_SHARE = 0.005  # ... and, in a big graph, those of under 0.5% of its nodes
OVERVIEW_MAX_COMMUNITIES = 30  # the map shows at most this many, the largest
LEADERS = 12  # most central entities kept per community (labels, the opening view)
LABELLED_LEADERS = 2  # leaders named in a community's label on the overview


@dataclass(frozen=True, slots=True)
class Community:
    """One community: its number (0 is the largest), name and members, most central first;
    ``leaders`` are its most central members that are entities (at most :data:`LEADERS`,
    ``centre`` first when it is one)."""

    number: int
    name: str
    centre: str
    members: tuple[str, ...]
    leaders: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class GraphAnalysis:
    """Communities and centrality of one graph (never updated: a new graph gets a new one).

    Attributes
    ----------
    graph
        The graph analysed (a cache compares identities to know the result is current).
    communities
        Largest first; ``communities[k].number == k``.
    membership
        Community number of every node.
    scores
        ``scores[measure][node]`` for each of :data:`MEASURES`.
    links
        Summed evidence between pairs of communities ``(a, b)``, ``a < b``.
    pivots
        0 when betweenness is exact, else the number of sources it was estimated from.
    """

    graph: nx.MultiDiGraph
    communities: tuple[Community, ...]
    membership: dict[str, int]
    scores: dict[str, dict[str, float]]
    links: dict[tuple[int, int], float] = field(default_factory=dict)
    pivots: int = 0
    _ranks: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.membership)

    @property
    def complete(self) -> bool:
        """Whether every measure is known (an analysis for the opening view leaves
        betweenness out: :func:`betweenness_job`)."""
        return all(measure in self.scores for measure in MEASURES)

    def community_of(self, nid: str) -> Community | None:
        """The community of ``nid`` (``None`` for a node the analysis has not seen)."""
        number = self.membership.get(nid)
        return None if number is None else self.communities[number]

    def rank(self, measure: str, nid: str) -> int | None:
        """1 for the highest ``measure``; equal values share the better rank; ``None`` for a
        node not analysed or a measure not computed yet (:attr:`complete`).

        Raises
        ------
        ValueError
            If ``measure`` is not one of :data:`MEASURES`.
        """
        if measure not in MEASURES:
            raise ValueError(f"measure must be one of {MEASURES}, got {measure!r}")
        if measure not in self.scores:
            return None
        if measure not in self._ranks:
            self._ranks[measure] = competition_ranks(self.scores[measure])
        return self._ranks[measure].get(nid)


def competition_ranks(values: Mapping[str, float]) -> dict[str, int]:
    """``1 + `` how many values are greater, for every key ("1224" ranking).

    Values equal to 10 significant digits tie (PageRank's leaves of a star differ in the
    last bits).
    """
    rounded = {key: float(f"{value:.10g}") for key, value in values.items()}
    first: dict[float, int] = {}
    for position, value in enumerate(sorted(rounded.values(), reverse=True), start=1):
        first.setdefault(value, position)
    return {key: first[value] for key, value in rounded.items()}


# -- the job ----------------------------------------------------------------------------
def analysis_job(graph: nx.MultiDiGraph, *, seed: int = 0,
                 exact_limit: int = EXACT_BETWEENNESS_LIMIT,
                 pivots: int = BETWEENNESS_PIVOTS, junk: Mapping[str, str] | None = None,
                 betweenness: bool = True) -> Job:
    """Communities and centrality of ``graph`` as a :mod:`graph.jobs` job.

    Parameters
    ----------
    graph
        The knowledge graph, read only (nobody changes the window's graphs: they are replaced).
    seed
        Seed of the community search and of the betweenness pivots.
    exact_limit
        Betweenness is exact for graphs of up to this many nodes, estimated above.
    pivots
        Sources the estimate starts from.
    junk
        Nodes that may neither name nor lead a community (default: :func:`junk_reasons`).
    betweenness
        ``False``: leave betweenness out (the costly part; :func:`betweenness_job` adds it).

    Returns
    -------
    Job
        Yields :class:`graph.jobs.Progress`; returns a :class:`GraphAnalysis`.
    """
    ids = sorted(graph, key=str)
    n = len(ids)
    names, pairs, weights = weighted_pairs(graph, ids)
    g = igraph.Graph(n=n, edges=pairs.tolist())
    rng = random.Random(seed)
    chunks, sampled = _sources(n, rng, exact_limit, pivots)  # drawn first: same communities
    total = 2 + (len(chunks) if betweenness else 0)
    yield Progress(0, total, "Finding communities")

    membership, pagerank = yield from _communities_of(n, pairs, weights, rng, total)
    yield Progress(2, total, "Ranking entities")
    nodes = graph.nodes
    scores = {
        "pagerank": dict(zip(ids, map(float, pagerank), strict=True)),
        "degree": dict(zip(ids, map(float, g.degree()), strict=True)),
        "mentions": {nid: _number(nodes[nid].get("mentions", 0)) for nid in ids},
    }
    if betweenness:
        scores["betweenness"] = yield from _betweenness(g, ids, weights, chunks, sampled, 3,
                                                        total)
    junk = junk_reasons(graph) if junk is None else junk
    communities, numbering = _number_communities(graph, ids, membership, scores, junk)
    member_of = np.array([numbering[m] for m in membership], dtype=np.int64)
    return GraphAnalysis(
        graph=graph, communities=communities,
        membership=dict(zip(ids, member_of.tolist(), strict=True)),
        scores=scores, links=_links_between(member_of, pairs, weights),
        pivots=_pivots(chunks, sampled) if betweenness else 0)


def betweenness_job(analysis: GraphAnalysis, *, seed: int = 0,
                    exact_limit: int = EXACT_BETWEENNESS_LIMIT,
                    pivots: int = BETWEENNESS_PIVOTS) -> Job:
    """``analysis`` (made with ``betweenness=False``) completed with the betweenness
    :func:`analysis_job` computes with the same options; its communities are kept.

    Returns
    -------
    Job
        Yields :class:`graph.jobs.Progress`; returns a new :class:`GraphAnalysis`.
    """
    graph = analysis.graph
    ids = sorted(graph, key=str)
    _, pairs, weights = weighted_pairs(graph, ids)
    g = igraph.Graph(n=len(ids), edges=pairs.tolist())
    chunks, sampled = _sources(len(ids), random.Random(seed), exact_limit, pivots)
    yield Progress(0, len(chunks), "Ranking entities")
    between = yield from _betweenness(g, ids, weights, chunks, sampled, 1, len(chunks))
    return replace(analysis, scores={**analysis.scores, "betweenness": between},
                   pivots=_pivots(chunks, sampled), _ranks={})


def _sources(n: int, rng: random.Random, exact_limit: int, pivots: int
             ) -> tuple[list[list[int]], bool]:
    """Betweenness's sources in chunks, and whether they are a sample (drawn from ``rng``)."""
    sources = list(range(n))
    sampled = n > exact_limit
    if sampled:
        sources = sorted(rng.sample(sources, min(pivots, n)))
    return [sources[i:i + SOURCE_CHUNK] for i in range(0, len(sources), SOURCE_CHUNK)], sampled


def _pivots(chunks: list[list[int]], sampled: bool) -> int:
    return sum(map(len, chunks)) if sampled else 0


def _betweenness(g: igraph.Graph, ids: list[str], weights: np.ndarray,
                 chunks: list[list[int]], sampled: bool, first: int, total: int):
    """Betweenness from the sources of each chunk in turn, summed, scaled to all sources
    when they are a sample (a job's steps from ``first``; returns node id -> value)."""
    between = np.zeros(g.vcount())
    lengths = (1.0 / weights).tolist() if len(weights) else None
    for k, chunk in enumerate(chunks):
        between += np.asarray(g.betweenness(directed=False, weights=lengths, sources=chunk))
        yield Progress(first + k, total, "Ranking entities")
    count = sum(map(len, chunks))
    if sampled and count:
        between *= len(ids) / count
    return dict(zip(ids, between.tolist(), strict=True))


def _communities_of(n: int, pairs: np.ndarray, weights: np.ndarray, rng: random.Random,
                    total: int):
    """:func:`_ranked_communities` here, or from :data:`APART_MIN_NODES` nodes on in a child
    process: igraph holds the interpreter lock, so a pass (60-95 ms at 25k nodes) would
    stall the GUI thread. Yields its progress; returns ``(membership, pagerank)``."""
    arguments = (n, pairs, weights, rng.getstate(), total)
    steps = _ranked_communities(*arguments) if n < APART_MIN_NODES else iter_apart(
        _ranked_communities, *arguments, last=Progress(0, total, "Finding communities"),
        name="threadline-communities")
    for step in steps:
        if not isinstance(step, Progress):
            return step
        yield step
    raise RuntimeError("the community search ended without a result")


def _ranked_communities(n: int, pairs: np.ndarray, weights: np.ndarray, rng_state,
                        total: int):
    """Leiden communities and PageRank of the graph of ``n`` nodes and ``pairs``: yields
    :class:`Progress`, the last step is ``(membership, pagerank)``. Self-contained, so a
    child process can run it (:func:`graph.explore.layout_apart.iter_apart`)."""
    g = igraph.Graph(n=n, edges=pairs.tolist())
    rng = random.Random()
    rng.setstate(rng_state)
    membership = yield from _leiden(g, weights, rng, total)
    yield Progress(1, total, "Ranking entities")
    yield membership, list(g.pagerank(directed=False, weights=weights.tolist() or None)
                           if n else [])


def _leiden(g: igraph.Graph, weights: np.ndarray, rng: random.Random, total: int):
    """Leiden passes from the previous partition until one changes nothing (a job's steps;
    returns the membership)."""
    membership = None
    w = weights.tolist() or None
    for _ in range(MAX_LEIDEN_PASSES):
        with seeded_igraph(rng):
            found = g.community_leiden(objective_function="modularity", weights=w,
                                       n_iterations=1, initial_membership=membership)
        done = found.membership == membership
        membership = found.membership
        yield Progress(0, total, "Finding communities", part=0.5)
        if done:
            break
    return membership or []


def analyse(graph: nx.MultiDiGraph, **options) -> GraphAnalysis:
    """:func:`analysis_job` run to its end on the calling thread."""
    return run_job(analysis_job(graph, **options))


def _number_communities(graph: nx.MultiDiGraph, ids: list[str], membership: list[int],
                        scores: dict[str, dict[str, float]], junk: Mapping[str, str]):
    """Communities largest first (ties: by name, then centre id), members most central
    first, each named after its most central member that is an entity (not in ``junk``);
    returns them and the map from igraph's cluster numbers to theirs."""
    groups: dict[int, list[str]] = {}
    for nid, cluster in zip(ids, membership, strict=True):
        groups.setdefault(cluster, []).append(nid)
    pagerank = scores["pagerank"]
    built = []
    for cluster, members in groups.items():
        members.sort(key=lambda m: (-pagerank[m], m))
        # Named after an entity (not a date, a number...), domain types before people/places
        leaders = tuple(sorted((m for m in members if m not in junk), key=lambda m: (
            graph.nodes[m].get("type") not in SCORED_TYPES)))[:LEADERS]
        centre = leaders[0] if leaders else members[0]
        name = str(graph.nodes[centre].get("label", centre))
        if not leaders:  # "numbers like 13" rather than a community called "13"
            name = messages.COMMUNITY_OF_NON_ENTITIES.format(
                kind=messages.NOT_ENTITIES.get(junk.get(centre, ""), ""), label=name)
        built.append((cluster, name, centre, members, leaders))
    built.sort(key=lambda c: (-len(c[3]), c[1], c[2]))
    communities = tuple(Community(k, name, centre, tuple(members), leaders)
                        for k, (_, name, centre, members, leaders) in enumerate(built))
    return communities, {c[0]: k for k, c in enumerate(built)}


def _links_between(member_of: np.ndarray, pairs: np.ndarray, weights: np.ndarray
                   ) -> dict[tuple[int, int], float]:
    if len(pairs) == 0:
        return {}
    a, b = member_of[pairs[:, 0]], member_of[pairs[:, 1]]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    cross = lo != hi
    base = int(member_of.max()) + 1
    code, summed = np.unique(lo[cross] * base + hi[cross], return_inverse=True)
    totals = np.bincount(summed, weights=weights[cross]) if len(code) else np.zeros(0)
    return {(int(c // base), int(c % base)): float(t)
            for c, t in zip(code.tolist(), totals.tolist(), strict=True)}


def _number(value) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) else 0.0


# -- what the window does with it --------------------------------------------------------
def community_id(number: int) -> str:
    """The overview graph's node id of community ``number``."""
    return f"{COMMUNITY_PREFIX}{number}"


def community_number(nid: str) -> int | None:
    """The community number of an overview node id (``None`` for any other id)."""
    prefix, _, number = nid.partition(":")
    if f"{prefix}:" != COMMUNITY_PREFIX or not number.isdigit():
        return None
    return int(number)


def community_label(community: Community, also: Sequence[str] = ()) -> str:
    """How the overview labels a community: its name, the labels ``also`` (its next
    leaders), and its size."""
    return " \u00b7 ".join((community.name, *also)) + f" ({community.size})"


def overview_communities(analysis: GraphAnalysis) -> list[Community]:
    """The communities the overview shows, largest first: those led by an entity (a group of
    dates or numbers is no topic), of at least :data:`OVERVIEW_MIN_SIZE` members and
    :data:`OVERVIEW_MIN_SHARE` of the graph, at most :data:`OVERVIEW_MAX_COMMUNITIES`.

    On the real corpus graph (2,700 entities, 610 communities) that is 17, from 220 members
    down to 17: a grid of isolated three-member groups and "facts like 13" no longer
    drowns them.
    """
    smallest = max(OVERVIEW_MIN_SIZE, math.ceil(OVERVIEW_MIN_SHARE * len(analysis)))
    return [c for c in analysis.communities
            if c.leaders and c.size >= smallest][:OVERVIEW_MAX_COMMUNITIES]


def community_graph(analysis: GraphAnalysis) -> nx.MultiDiGraph:
    """The quotient graph: one node per community of :func:`overview_communities`.

    Nodes are :func:`community_id` with ``label`` (:func:`community_label`: the name and
    the next ``LABELLED_LEADERS - 1`` leaders, so the map says what each is about), ``type``
    ``COMMUNITY``, ``mentions`` (the member count, so sizing by mentions sizes by members)
    and ``community`` (the number). One co-occurrence edge joins two communities that have
    edges between them, weighted by their summed evidence, its ``relation`` saying so.
    """
    quotient = nx.MultiDiGraph()
    nodes = analysis.graph.nodes
    shown = overview_communities(analysis)
    for c in shown:
        also = [str(nodes[m].get("label", m)) for m in c.leaders[1:LABELLED_LEADERS]]
        quotient.add_node(community_id(c.number), label=community_label(c, also),
                          type="COMMUNITY",
                          mentions=c.size, community=c.number, aliases=[], documents=[])
    kept = {c.number for c in shown}
    for (a, b), weight in analysis.links.items():
        if a in kept and b in kept:
            quotient.add_edge(community_id(a), community_id(b), key=COOCCURRENCE,
                              relation=f"evidence {weight:g} between the communities",
                              predicate="", weight=weight, method=COOCCURRENCE, evidence=[])
    return quotient


def community_step(analysis: GraphAnalysis, number: int, visible: set[str]) -> Step:
    """Show only the members of community ``number`` (an undoable exploration step)."""
    community = analysis.communities[number]
    members = frozenset(community.members)
    return Step(show=members - visible, hide=frozenset(visible - members),
                text=f"Show community {community.name}")


def top_by(analysis: GraphAnalysis, measure: str, k: int) -> list[str]:
    """The ``k`` nodes with the highest ``measure`` (ties by id)."""
    values = analysis.scores[measure]
    return heapq.nsmallest(k, values, key=lambda nid: (-values[nid], nid))


__all__ = [
    "MEASURES", "MEASURE_NAMES", "Community", "GraphAnalysis", "analyse", "analysis_job",
    "betweenness_job",
    "community_graph", "community_id", "community_label", "community_number", "community_step",
    "competition_ranks", "overview_communities", "top_by",
]
