"""What a graph opens on, decided in the worker that built or imported it.

A graph of a few hundred entities opens on all of them, or on its best connected entities
(:func:`graph.explore.facts.rank_overview`). Above :data:`COMMUNITY_OPENING` entities the
150 best connected are a hairball of the one dense core (at 5k entities, 3% of the graph,
several of them not entities at all), so a big graph opens on its **communities**: the
worker finds them (:func:`graph.explore.analysis.analysis_job`) before the graph is handed
over, the window shows the community overview first, and the main view behind it (Overview,
Ctrl+Home) holds the leading entities of the largest communities
(:func:`community_overview_nodes`) instead of the best connected ones.

Why 1,500: below it the communities of a real corpus are few and small (the seeds: 50
entities, 5 communities of 3 or more), the 150-entity overview shows a tenth of the graph or
more, and the whole graph lays out in well under a second. From there on the overview shows
under a tenth of the graph while the communities are many and telling (the guide pages,
2,040 entities: 16 led by an entity with 17 to 186 members), and the layout of the whole
runs in a child process (``graph.explore.layout_apart.APART_MIN_NODES``, the same figure).
"""

from __future__ import annotations

from collections.abc import Generator

import networkx as nx

from graph.explore.analysis import GraphAnalysis, analysis_job, overview_communities
from graph.explore.facts import OVERVIEW_LIMIT, GraphFacts, rank_overview
from graph.explore.junk import junk_reasons
from graph.jobs import Progress, long_lived, reporting

COMMUNITY_OPENING = 1500  # entities from which a graph opens on its communities
OPENING_COMMUNITIES = 12  # communities whose leaders make up the main overview


def opens_on_communities(graph: nx.MultiDiGraph) -> bool:
    """Whether ``graph`` is big enough to open on its communities."""
    return graph.number_of_nodes() >= COMMUNITY_OPENING


def community_overview_nodes(analysis: GraphAnalysis, limit: int = OVERVIEW_LIMIT,
                             communities: int = OPENING_COMMUNITIES) -> list[str]:
    """The leading entities of the ``communities`` largest communities, at most ``limit``.

    The communities are the first of those the community overview shows
    (:func:`graph.explore.analysis.overview_communities`). Each gives a share of ``limit``
    in proportion to its size (at least one), filled with its leaders, most central first.
    """
    shown = overview_communities(analysis)[:communities]
    total = sum(c.size for c in shown)
    chosen: list[str] = []
    for c in shown:
        share = max(1, round(limit * c.size / total))
        chosen.extend(c.leaders[:share])
    return chosen[:limit]


def opening_facts(job: Generator[Progress, None, object], message: str
                  ) -> Generator[Progress, None, tuple[object, GraphFacts]]:
    """Run ``job`` (whose result has a ``graph``), then what the window opens it on.

    Returns ``(result, facts)``: the graph's :class:`GraphFacts`, with its communities
    (:attr:`GraphFacts.analysis`) and their leaders as the overview when the graph
    :func:`opens_on_communities`. ``message`` is the progress shown meanwhile; the job can
    be cancelled between steps of the community search as during the extraction.
    """
    result = yield from job
    yield Progress(0, 0, message)
    graph = result.graph
    junk = junk_reasons(graph)
    analysis = None
    overview = rank_overview(graph, junk=junk)
    if opens_on_communities(graph):
        # Without a count: the window's progress bar counts documents.
        # Without betweenness, the costly part (2.2 s of 2.5 s at 2,700 entities, 25 s
        # at 25k) that the map does not need: the window adds it when asked.
        analysis = yield from reporting(analysis_job(graph, junk=junk, betweenness=False),
                                        lambda _: Progress(0, 0, message))
        overview = community_overview_nodes(analysis)
    with long_lived():
        return result, GraphFacts.of(graph, junk=junk, overview=overview, analysis=analysis)


__all__ = ["COMMUNITY_OPENING", "OPENING_COMMUNITIES", "community_overview_nodes",
           "opening_facts", "opens_on_communities"]
