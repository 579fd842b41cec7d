"""graph.explore.layout: incremental, pinned, deterministic, normalised, packed."""

from __future__ import annotations

import math

import igraph
import networkx as nx
import numpy as np
import pytest

from graph.explore.layout import EDGE_LENGTH, LayoutProgress, iter_layout, layout


def _mean_edge(pos, edges) -> float:
    return float(np.mean([math.dist(pos[u], pos[v]) for u, v in edges]))


@pytest.fixture
def small() -> nx.Graph:
    return nx.barabasi_albert_graph(40, 2, seed=3)


def test_every_node_gets_a_finite_position(small):
    pos = layout(small)
    assert set(pos) == set(small)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())


def test_scale_is_normalised_to_the_edge_length(small):
    pos = layout(small, edge_length=50.0)
    assert _mean_edge(pos, small.edges) == pytest.approx(50.0, rel=0.05)
    # A dense graph keeps room per node: edges get longer, nodes do not pile up.
    big = nx.barabasi_albert_graph(600, 3, seed=3)
    pos = layout(big)
    assert _mean_edge(pos, big.edges) >= 0.95 * EDGE_LENGTH
    xy = np.array(list(pos.values()))
    dist = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(dist, np.inf)
    assert np.median(dist.min(axis=1)) > 0.25 * EDGE_LENGTH


def test_same_seed_same_layout_different_seed_different_layout(small):
    assert layout(small, seed=7) == layout(small, seed=7)
    assert layout(small, seed=7) != layout(small, seed=8)


def test_incremental_keeps_existing_positions_and_places_new_nodes_near_neighbours(small):
    pos = layout(small)
    leaf = min(small, key=small.degree)
    grown = small.copy()
    grown.add_edges_from([(leaf, "a"), (leaf, "b"), ("b", "c")])
    new = layout(grown, pos)
    assert all(new[n] == pos[n] for n in pos)
    assert math.dist(new["a"], new[leaf]) < 2 * EDGE_LENGTH
    assert math.dist(new["c"], new["b"]) < 2 * EDGE_LENGTH
    nearest = min(math.dist(new["a"], new[n]) for n in small if n != leaf)
    assert nearest > 0.2 * EDGE_LENGTH


def test_pinned_nodes_stay_in_a_full_relayout(small):
    pos = layout(small)
    pinned = {0, 5}
    again = layout(small, pos, pinned, full=True, seed=1)
    assert all(again[n] == pos[n] for n in pinned)
    assert any(again[n] != pos[n] for n in small if n not in pinned)


def test_weights_pull_heavier_edges_closer():
    g = nx.Graph()
    g.add_edge("hub", "heavy", weight=50.0)
    for i in range(6):
        g.add_edge("hub", f"light{i}", weight=1.0)
    pos = layout(g)
    light = np.mean([math.dist(pos["hub"], pos[f"light{i}"]) for i in range(6)])
    assert math.dist(pos["hub"], pos["heavy"]) < light


@pytest.mark.parametrize("graph", [nx.Graph(), nx.empty_graph(1), nx.empty_graph(5)])
def test_degenerate_graphs(graph):
    pos = layout(graph)
    assert set(pos) == set(graph)
    assert len(set(pos.values())) == len(pos)


def test_disconnected_components_are_packed_not_scattered():
    g = nx.disjoint_union_all([nx.cycle_graph(12), nx.path_graph(5), nx.complete_graph(4)])
    g.add_nodes_from(["lonely1", "lonely2"])
    pos = layout(g)
    xy = np.array(list(pos.values()))
    span = xy.max(axis=0) - xy.min(axis=0)
    # 23 nodes with edges about one EDGE_LENGTH long fit in a few edge lengths.
    assert span.max() < 12 * EDGE_LENGTH
    assert len({(round(x), round(y)) for x, y in xy}) == len(xy)


def test_new_component_lands_beside_the_existing_picture(small):
    pos = layout(small)
    grown = small.copy()
    grown.add_edges_from([("x", "y"), ("y", "z")])
    new = layout(grown, pos)
    old = np.array(list(pos.values()))
    lo, hi = old.min(axis=0), old.max(axis=0)
    for n in "xyz":
        x, y = new[n]
        inside = lo[0] < x < hi[0] and lo[1] < y < hi[1]
        assert not inside
        assert math.dist(new[n], ((lo + hi) / 2).tolist()) < 3 * float(np.max(hi - lo))


def test_multigraph_and_edge_list_inputs():
    mg = nx.MultiDiGraph()
    mg.add_edge("a", "b", key="x", weight=2.0)
    mg.add_edge("b", "a", key="y", weight=1.0)
    mg.add_edge("b", "c", key="x", weight="bad")
    mg.add_edge("c", "c", key="self", weight=1.0)
    assert set(layout(mg)) == {"a", "b", "c"}
    assert set(layout([("a", "b", 2.0), ("b", "c")], nodes=["a", "b", "c", "d"])) == set("abcd")
    assert set(layout(mg, nodes=["a", "b"])) == {"a", "b"}


def test_iter_layout_reports_progress_and_ends_with_positions(small):
    steps = list(iter_layout(small))
    assert all(isinstance(s, LayoutProgress) for s in steps)
    assert steps[-1].positions is not None and steps[-1].fraction == 1.0
    assert all(s.positions is None for s in steps[:-1])


def test_iter_layout_can_be_cancelled(monkeypatch):
    runs = []
    real_run = igraph.Graph.layout_fruchterman_reingold

    def counted(self, *args, **kwargs):
        runs.append(self.vcount())
        return real_run(self, *args, **kwargs)

    monkeypatch.setattr(igraph.Graph, "layout_fruchterman_reingold", counted)
    # Four separate components of 60 nodes: one igraph run and one step each.
    g = nx.disjoint_union_all([nx.barabasi_albert_graph(60, 2, seed=i) for i in range(4)])
    steps = iter_layout(g)
    first = next(steps)
    assert first.positions is None and first.fraction < 1
    assert runs == [60]
    steps.close()
    with pytest.raises(StopIteration):
        next(steps)
    assert runs == [60]  # the other three components were never laid out
    # Uncancelled, the same layout runs igraph once per component and ends with positions.
    runs.clear()
    *_, last = iter_layout(g)
    assert runs == [60] * 4 and last.positions is not None and len(last.positions) == 240


def test_radii_push_overlapping_discs_apart():
    g = nx.star_graph(12)
    radii = {n: 30.0 for n in g}
    pos = layout(g, radii=radii)
    xy = np.array([pos[n] for n in g])
    dist = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(dist, np.inf)
    assert dist.min() >= 60.0 * 0.99


def test_bad_edge_length():
    with pytest.raises(ValueError, match="edge_length"):
        layout(nx.path_graph(3), edge_length=0)
