"""graph.explore.analysis: stable communities, centrality ranks, the overview's quotient."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.errors import Cancelled
from graph.explore.analysis import (
    analyse,
    analysis_job,
    betweenness_job,
    community_graph,
    community_id,
    community_number,
    community_step,
    competition_ranks,
)
from graph.explore.exploration import Step
from graph.jobs import Progress, run_job


def _model_graph(edges, *, types=None, order_seed=None) -> nx.MultiDiGraph:
    """A knowledge graph of ``(u, v, weight)`` co-occurrences; ``order_seed`` shuffles the
    order nodes and edges are inserted in (and the direction of each edge)."""
    edges = list(edges)
    nodes = sorted({n for u, v, _ in edges for n in (u, v)} | set(types or {}))
    if order_seed is not None:
        rng = random.Random(order_seed)
        rng.shuffle(nodes)
        rng.shuffle(edges)
        edges = [(v, u, w) if rng.random() < 0.5 else (u, v, w) for u, v, w in edges]
    graph = nx.MultiDiGraph()
    for n in nodes:
        graph.add_node(n, label=n.upper(), type=(types or {}).get(n, "ORG"), mentions=2)
    for u, v, w in edges:
        graph.add_edge(u, v, key="cooccurrence", weight=w, method="cooccurrence")
    return graph


def _two_cliques(order_seed=None) -> nx.MultiDiGraph:
    left = [f"a{i}" for i in range(6)]
    right = [f"b{i}" for i in range(6)]
    edges = [(x, y, 2.0) for group in (left, right) for i, x in enumerate(group)
             for y in group[i + 1:]]
    edges.append(("a0", "b0", 1.0))  # the one bridge
    return _model_graph(edges, order_seed=order_seed)


def _planted(order_seed=None) -> nx.MultiDiGraph:
    g = nx.planted_partition_graph(8, 25, 0.3, 0.01, seed=7)
    edges = [(f"n{u:03d}", f"n{v:03d}", 1.0 + (u * v) % 3) for u, v in g.edges]
    return _model_graph(edges, order_seed=order_seed)


def test_two_cliques_joined_by_one_edge_are_two_communities():
    analysis = analyse(_two_cliques())
    assert [c.size for c in analysis.communities] == [6, 6]
    groups = {frozenset(c.members) for c in analysis.communities}
    assert groups == {frozenset(f"a{i}" for i in range(6)), frozenset(f"b{i}" for i in range(6))}
    # Named after the most central member: the bridge's ends lead their cliques.
    assert {c.centre for c in analysis.communities} == {"a0", "b0"}
    assert {c.name for c in analysis.communities} == {"A0", "B0"}
    assert analysis.links == {(0, 1): 1.0}


def test_communities_are_the_same_run_after_run_and_in_any_insertion_order():
    reference = analyse(_planted())
    assert len(reference.communities) >= 6
    for order_seed in (None, 1, 2, 3):
        again = analyse(_planted(order_seed))
        assert again.membership == reference.membership
        assert [c.members for c in again.communities] == \
            [c.members for c in reference.communities]


def test_communities_are_numbered_by_size_largest_first():
    analysis = analyse(_planted())
    sizes = [c.size for c in analysis.communities]
    assert sizes == sorted(sizes, reverse=True)
    assert [c.number for c in analysis.communities] == list(range(len(sizes)))
    assert all(analysis.membership[m] == c.number for c in analysis.communities
               for m in c.members)
    assert sum(sizes) == len(analysis) == 200


def test_evidence_weighs_which_side_a_node_joins():
    # "x" sits between two triangles; its one strong tie decides its community.
    edges = [("a", "b", 1.0), ("b", "c", 1.0), ("a", "c", 1.0),
             ("d", "e", 1.0), ("e", "f", 1.0), ("d", "f", 1.0),
             ("x", "a", 1.0), ("x", "d", 9.0)]
    analysis = analyse(_model_graph(edges))
    assert analysis.membership["x"] == analysis.membership["d"] != analysis.membership["a"]


def test_a_community_is_named_after_an_entity_not_a_date():
    names = ("alpha", "beta", "gamma")
    edges = [("day", n, 3.0) for n in names] + [("alpha", "beta", 1.0), ("beta", "gamma", 1.0)]
    analysis = analyse(_model_graph(edges, types={"day": "DATE"}))
    community = analysis.community_of("day")
    assert community.members[0] == "day"  # the date is the most central ...
    assert community.centre != "day"  # ... but the community is named after an entity
    assert community.name == community.centre.upper()
    assert community.leaders == tuple(m for m in community.members if m != "day")


def test_a_model_or_lab_names_a_community_before_a_more_central_person_or_place():
    edges = [("liu", n, 5.0) for n in ("usa", "phi", "msft")] + [("phi", "msft", 1.0)]
    graph = _model_graph(edges, types={"liu": "PERSON", "usa": "PLACE", "phi": "MODEL"})
    [community] = analyse(graph).communities
    assert community.members[0] == "liu"  # the most central, a person
    assert community.name in ("PHI", "MSFT") and community.leaders[-2:] == ("liu", "usa")
    assert set(community.leaders[:2]) == {"phi", "msft"}


def test_numbers_and_fragments_neither_name_nor_lead_a_community():
    hub = [("n13", n, 5.0) for n in ("gpt", "n2023", "self", "openai")]
    edges = hub + [("gpt", "openai", 1.0)]
    graph = _model_graph(edges)
    for nid, label in (("n13", "13"), ("n2023", "2023"), ("self", "self-"),
                       ("gpt", "GPT-4"), ("openai", "OpenAI")):
        graph.nodes[nid]["label"] = label
    graph.nodes["gpt"]["mentions"] = graph.nodes["openai"]["mentions"] = 9
    [community] = analyse(graph).communities
    assert community.members[0] == "n13"  # the hub, by PageRank
    assert community.name == "GPT-4" and community.leaders == ("gpt", "openai")
    # A community without an entity says what its members are instead.
    numbers = _model_graph([("x", "y", 1.0), ("y", "z", 1.0)])
    for nid, label in (("x", "7"), ("y", "13"), ("z", "2023")):
        numbers.nodes[nid]["label"] = label
    [community] = analyse(numbers).communities
    assert community.leaders == () and community.name == "numbers like \u201c13\u201d"


def test_star_centre_ranks_first_by_pagerank_and_betweenness():
    leaves = [f"leaf{i}" for i in range(9)]
    analysis = analyse(_model_graph([("hub", leaf, 1.0) for leaf in leaves]))
    for measure in ("pagerank", "betweenness", "degree"):
        assert analysis.rank(measure, "hub") == 1
        # Leaves tie, and share the best rank after the hub.
        assert {analysis.rank(measure, leaf) for leaf in leaves} == {2}
    assert analysis.scores["betweenness"]["hub"] == pytest.approx(36.0)  # 9 choose 2 pairs
    assert analysis.scores["degree"]["hub"] == 9
    with pytest.raises(ValueError, match="measure"):
        analysis.rank("fame", "hub")


def test_ranks_share_the_better_place_on_ties():
    assert competition_ranks({"a": 3.0, "b": 5.0, "c": 3.0, "d": 1.0}) == \
        {"b": 1, "a": 2, "c": 2, "d": 4}


def test_betweenness_of_a_big_graph_is_estimated_from_seeded_pivots():
    graph = _planted()
    exact = analyse(graph)
    estimated = analyse(graph, exact_limit=50, pivots=60)
    again = analyse(_planted(order_seed=5), exact_limit=50, pivots=60)
    assert exact.pivots == 0 and estimated.pivots == 60
    assert estimated.scores["betweenness"] == again.scores["betweenness"]
    top = sorted(exact.scores["betweenness"], key=exact.scores["betweenness"].get)[-10:]
    # The estimate finds the exact top bridges near the top.
    assert all(estimated.rank("betweenness", n) <= 40 for n in top[-3:])


def test_the_job_reports_progress_and_can_be_cancelled():
    seen: list[Progress] = []
    result = run_job(analysis_job(_planted()), seen.append)
    assert result.communities and seen and seen[-1].done <= seen[-1].total
    with pytest.raises(Cancelled):
        run_job(analysis_job(_planted()), cancelled=lambda: True)
    # A job closed between two steps leaves igraph's generator free for the next run.
    job = analysis_job(_planted())
    next(job)
    next(job)
    job.close()
    assert analyse(_planted()).membership == result.membership


def test_an_empty_graph_has_no_communities():
    analysis = analyse(nx.MultiDiGraph())
    assert analysis.communities == () and len(analysis) == 0
    assert community_graph(analysis).number_of_nodes() == 0


def test_the_quotient_graph_has_one_node_per_community_and_weighted_links():
    graph = _two_cliques()
    graph.add_node("alone", label="Alone", type="ORG", mentions=1)
    analysis = analyse(graph)
    assert [c.size for c in analysis.communities] == [6, 6, 1]
    quotient = community_graph(analysis)
    # The unconnected entity's community of one is left out (and any below the minimum).
    assert sorted(quotient) == [community_id(0), community_id(1)]
    data = quotient.nodes[community_id(0)]
    assert data["mentions"] == 6 and data["label"].endswith("(6)")
    (edge,) = quotient.edges(data=True)
    assert edge[2]["weight"] == 1.0
    assert community_number(community_id(1)) == 1
    assert community_number("ORG:community") is None


def test_the_community_step_shows_only_its_members_and_undoes():
    analysis = analyse(_two_cliques())
    visible = {"a1", "b1", "b2"}
    number = analysis.membership["a3"]
    step = community_step(analysis, number, visible)
    assert isinstance(step, Step)
    after = (visible - step.hide) | step.show
    assert after == set(analysis.communities[number].members)
    inverse = step.inverse()
    assert (after - inverse.hide) | inverse.show == visible


def test_an_analysis_without_betweenness_is_completed_to_the_full_one():
    graph = _planted()
    full = analyse(graph, exact_limit=100, pivots=60)
    partial = analyse(graph, exact_limit=100, pivots=60, betweenness=False)
    assert partial.communities == full.communities and not partial.complete
    assert partial.rank("betweenness", "n000") is None and partial.pivots == 0
    assert partial.rank("pagerank", "n000") == full.rank("pagerank", "n000")
    completed = run_job(betweenness_job(partial, exact_limit=100, pivots=60))
    assert completed.complete and completed.communities is partial.communities
    assert completed.scores["betweenness"] == pytest.approx(full.scores["betweenness"])
    assert completed.pivots == full.pivots == 60


@pytest.mark.slow  # starts a Python process
def test_a_big_graph_gets_the_same_communities_and_ranks_from_a_child_process(monkeypatch):
    import graph.explore.analysis as analysis

    edges = [(f"n{u}", f"n{v}", 1.0 + (u + v) % 3)
             for u, v in nx.barabasi_albert_graph(400, 2, seed=4).edges]
    graph = _model_graph(edges)
    here = analysis.analyse(graph, betweenness=False)
    monkeypatch.setattr(analysis, "APART_MIN_NODES", 1)  # this graph counts as big
    apart = analysis.analyse(graph, betweenness=False)
    assert apart.membership == here.membership and len(set(here.membership.values())) > 3
    assert apart.communities == here.communities
    assert apart.scores["pagerank"] == pytest.approx(here.scores["pagerank"])
