"""Whole-graph facts computed once, off the GUI thread, and big graphs built and freed
without stalling other threads (issue "Hostile input": a big import froze the window)."""

from __future__ import annotations

import gc
import random
import re

import networkx as nx
import pytest

from graph import jobs
from graph.explore.facts import OVERVIEW_LIMIT, GraphFacts
from graph.explore.model import GraphModel
from graph.explore.opening import opening_facts
from graph.jobs import Progress, empty_graph, long_lived, run_job
from graph.store import graphml


def random_graph(nodes: int, seed: int = 3) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    for i in range(nodes):
        g.add_node(f"n{i}", label=f"Node {i}", type=rnd.choice(["MODEL", "ORG", "METHOD"]),
                   aliases=[f"N{i}"], documents=[rnd.choice(["a.txt", "b.txt"])],
                   mentions=rnd.randrange(5))
    for _ in range(3 * nodes):
        g.add_edge(f"n{rnd.randrange(nodes)}", f"n{rnd.randrange(nodes)}",
                   key=str(rnd.random()))
    return g


def test_facts_match_what_the_views_computed_from_the_graph():
    g = random_graph(400)
    facts = GraphFacts.of(g)
    assert facts.edge_count == g.number_of_edges() == 1200
    assert facts.type_counts == {t: sum(1 for _, d in g.nodes(data=True) if d["type"] == t)
                                 for t in ("MODEL", "ORG", "METHOD")}
    assert sum(facts.document_counts.values()) == 400
    degree = {n: len(set(g.successors(n)) | set(g.predecessors(n))) for n in g}
    # Seen once in one document, with no typed relation: after every entity held up more.
    once = {n for n in g if g.nodes[n]["mentions"] <= 1}
    assert set(facts.junk) == once and set(facts.junk.values()) == {"seen once"}
    expected = sorted(g, key=lambda n: (n in once, -degree[n], -g.nodes[n]["mentions"], n))
    assert list(facts.overview) == expected[:OVERVIEW_LIMIT]
    assert "n12" in {hit.node for hit in facts.index.search("Node 12")}
    assert facts.types()[0] == max(facts.type_counts, key=facts.type_counts.get)


def test_a_model_uses_handed_over_facts_and_recomputes_for_another_graph():
    g = random_graph(50)
    facts = GraphFacts.of(g)
    model = GraphModel()
    model.reset(g, {}, facts)
    assert model.facts is facts and model.edge_count == 150
    other = random_graph(10)
    model.reset(other)  # no facts handed over: computed on first use, for this graph
    assert model.facts.graph is other and model.edge_count == 30


def test_opening_facts_runs_the_job_then_computes_its_graphs_facts():
    class Result:
        graph = random_graph(20)

    def job():
        yield Progress(0, 1, "working")
        return Result()

    seen: list[Progress] = []
    result, facts = run_job(opening_facts(job(), "Preparing"), seen.append)
    assert isinstance(result, Result) and facts.graph is Result.graph
    assert [p.message for p in seen] == ["working", "Preparing"]
    assert facts.analysis is None  # a small graph opens as before, without communities


@pytest.fixture
def restore_collector():
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    (gc.enable if enabled else gc.disable)()


def test_long_lived_pauses_the_collector_and_freezes_only_big_builds(restore_collector,
                                                                      monkeypatch):
    gc.enable()
    gc.unfreeze()
    with long_lived():
        assert not gc.isenabled()
        with long_lived():  # nested blocks keep it off until the outermost ends
            pass
        assert not gc.isenabled()
        small = [[i] for i in range(100)]
    assert gc.isenabled() and gc.get_freeze_count() == 0 and small
    monkeypatch.setattr(jobs, "FREEZE_AFTER", 1_000)
    with long_lived():
        big = [[i] for i in range(5_000)]
    assert gc.isenabled() and gc.get_freeze_count() >= 5_000 and big


def test_long_lived_leaves_a_disabled_collector_disabled(restore_collector):
    gc.disable()
    with long_lived():
        pass
    assert not gc.isenabled()


@pytest.mark.parametrize("make", [nx.MultiDiGraph, nx.MultiGraph])
def test_empty_graph_empties_directed_and_undirected_graphs(make):
    g = make(random_graph(300))
    empty_graph(g, batch=7)
    assert g.number_of_nodes() == 0 and g.number_of_edges() == 0 and not g.graph


def test_node_tags_are_counted_across_window_boundaries():
    data = b"".join(b'<node id="%d"/>' % i + b" " * (i % 13) + b'<ns:node id="x"/><nodes/>'
                    for i in range(500))
    expected = len(re.findall(rb"<(?:[\w.-]+:)?node[\s/>]", data))
    assert expected == 1000
    for window in (7, 64, 1000, 1 << 20):
        assert graphml._count_node_tags(data, window) == expected
