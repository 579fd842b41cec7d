"""The canvas's Qt-free scene builder: what is drawn, sizes, links, importance, hit tests."""

from __future__ import annotations

import subprocess
import sys

import networkx as nx
import numpy as np
import pytest

from app.canvas.scene import (
    HIT_SLOP_PX,
    RADIUS_RANGE,
    LayoutRequest,
    build_scene,
    layout_request,
    link_at,
    link_of_edge,
    node_at,
    radii,
)
from graph.explore.exploration import Exploration, Step
from graph.explore.filters import GraphFilter, drawn_nodes
from graph.explore.model import GraphModel
from graph.jobs import Progress, run_job
from graph.schema import COOCCURRENCE, DEPENDENCY, edge_key

A, B, C, D, HIDDEN = "MODEL:a", "MODEL:b", "ORG:c", "ORG:d", "METRIC:e"


def _node(g: nx.MultiDiGraph, nid: str, mentions: int) -> None:
    etype, label = nid.split(":")
    g.add_node(nid, label=label.upper(), type=etype, aliases=[], documents=["doc.txt"],
               mentions=mentions, occurrences=[])


def _edge(g: nx.MultiDiGraph, u: str, v: str, method: str, relation: str,
          weight: float) -> None:
    g.add_edge(u, v, key=edge_key(method, relation), relation=relation, weight=weight,
               method=method, evidence=[{"doc": "doc.txt", "start": 0, "end": 4, "text": "t"}])


@pytest.fixture
def exploration() -> Exploration:
    g = nx.MultiDiGraph()
    for nid, mentions in ((A, 20), (B, 1), (C, 6), (D, 3), (HIDDEN, 50)):
        _node(g, nid, mentions)
    _edge(g, A, C, DEPENDENCY, "developed_by", 1.0)
    _edge(g, A, C, DEPENDENCY, "uses", 2.0)  # same line as developed_by, heavier
    _edge(g, C, A, DEPENDENCY, "owns", 1.0)  # the other direction: a line of its own
    _edge(g, A, C, COOCCURRENCE, "co-occurs", 4.0)
    _edge(g, A, B, COOCCURRENCE, "co-occurs", 3.0)
    _edge(g, A, A, COOCCURRENCE, "co-occurs", 9.0)  # a loop is never drawn
    _edge(g, C, D, COOCCURRENCE, "co-occurs", 1.0)
    _edge(g, A, HIDDEN, DEPENDENCY, "evaluated_on", 5.0)
    model = GraphModel()
    exploration = Exploration(model)
    model.reset(g)
    exploration.apply(Step(hide=frozenset({HIDDEN})))
    return exploration


def _scene(exploration: Exploration, graph_filter: GraphFilter | None = None, **options):
    return build_scene(exploration.model.graph, exploration.visible, graph_filter, **options)


def _link(arrays, u: str, v: str, dependency: bool) -> int:
    a, b = arrays.index[u], arrays.index[v]
    match = np.flatnonzero((arrays.link_u == a) & (arrays.link_v == b)
                           & (arrays.link_dependency == dependency))
    assert len(match) == 1
    return int(match[0])


def test_draws_the_visible_nodes_sorted_by_id(exploration):
    arrays = _scene(exploration)
    assert arrays.ids == [A, B, C, D]
    assert arrays.index == {A: 0, B: 1, C: 2, D: 3}
    assert arrays.labels == ["A", "B", "C", "D"]
    assert arrays.type_codes == ["MODEL", "ORG"]
    assert arrays.type_index.tolist() == [0, 0, 1, 1]
    assert not arrays.placed.any()  # the view loads positions afterwards
    assert arrays.bounds() is None


def test_the_filter_is_the_core_filter(exploration):
    only_orgs = GraphFilter(types=frozenset({"ORG"}))
    arrays = _scene(exploration, only_orgs)
    graph = exploration.model.graph
    assert arrays.ids == drawn_nodes(graph, exploration.visible, only_orgs) == [C, D]
    assert arrays.link_keys == [(C, D, edge_key(COOCCURRENCE, "co-occurs"))]
    typed = _scene(exploration, GraphFilter(methods=frozenset({DEPENDENCY})))
    assert typed.ids == [A, B, C, D]
    assert typed.link_dependency.all() and len(typed.link_keys) == 2
    heavy = _scene(exploration, GraphFilter(min_weight=3.0))
    assert sorted(heavy.link_keys) == [(A, B, edge_key(COOCCURRENCE, "co-occurs")),
                                       (A, C, edge_key(COOCCURRENCE, "co-occurs"))]


def test_radii_grow_with_the_size_value(exploration):
    arrays = _scene(exploration)
    r = dict(zip(arrays.ids, arrays.radius.tolist(), strict=True))
    assert r[A] == pytest.approx(RADIUS_RANGE[1])  # the most mentioned drawn node
    assert r[A] > r[C] > r[D] > r[B] >= RADIUS_RANGE[0]
    by_degree = _scene(exploration, size_by="degree")
    d = dict(zip(by_degree.ids, by_degree.radius.tolist(), strict=True))
    # degree counts neighbours in the whole graph (A: B, C and the hidden node)
    assert d[A] == pytest.approx(RADIUS_RANGE[1]) and d[B] == d[D] < d[C] < d[A]
    with pytest.raises(ValueError):
        _scene(exploration, size_by="colour")


def test_radii_cap_outliers_and_handle_degenerate_values():
    assert radii(np.zeros(0)).shape == (0,)
    assert radii(np.zeros(3)).tolist() == [RADIUS_RANGE[0]] * 3
    values = np.array([1.0] * 40 + [1000.0])
    r = radii(values)
    assert r[-1] == pytest.approx(RADIUS_RANGE[1])
    assert r[0] > RADIUS_RANGE[0]  # the outlier does not squash everyone to the minimum


def test_links_merge_parallel_edges_per_method_and_direction(exploration):
    arrays = _scene(exploration)
    assert len(arrays.link_keys) == 5  # A-B, A-C, C-D co-occurrence; A->C, C->A typed
    # co-occurrence first, so typed relations are drawn on top of them
    assert arrays.link_dependency.tolist() == [False, False, False, True, True]
    forward = _link(arrays, A, C, dependency=True)
    assert arrays.link_keys[forward] == (A, C, edge_key(DEPENDENCY, "uses"))
    assert arrays.link_weight[forward] == pytest.approx(3.0)
    assert sorted(arrays.link_relations[forward]) == ["developed_by", "uses"]
    backward = _link(arrays, C, A, dependency=True)
    assert arrays.link_keys[backward] == (C, A, edge_key(DEPENDENCY, "owns"))
    assert (A, A, edge_key(COOCCURRENCE, "co-occurs")) not in arrays.link_keys
    neighbours, links = arrays.neighbours(arrays.index[A])
    assert [arrays.ids[i] for i in neighbours] == [B, C]
    assert len(links) == 4


def test_importance_puts_big_connected_nodes_first(exploration):
    arrays = _scene(exploration)
    order = [arrays.ids[i] for i in arrays.importance]
    assert order == [A, C, D, B]
    assert arrays.rank[arrays.importance].tolist() == [0, 1, 2, 3]


def _placed(exploration):
    arrays = _scene(exploration)
    arrays.xy = np.array([[0.0, 0.0], [100.0, 0.0], [0.0, 100.0], [100.0, 100.0]])
    return arrays


def test_node_hit_testing_counts_the_slop_in_pixels(exploration):
    arrays = _placed(exploration)
    b = arrays.index[B]
    assert node_at(arrays, 100.0, 0.0, scale=1.0) == b
    edge = arrays.radius[b] + HIT_SLOP_PX
    assert node_at(arrays, 100.0 + edge - 0.5, 0.0, scale=1.0) == b
    assert node_at(arrays, 100.0 + edge + 0.5, 0.0, scale=1.0) is None
    # zoomed out, the slop covers more of the scene
    assert node_at(arrays, 100.0 + edge + 0.5, 0.0, scale=0.5) == b
    assert node_at(arrays, 50.0, 50.0, scale=1.0) is None


def test_link_hit_testing_prefers_typed_relations(exploration):
    arrays = _placed(exploration)
    # A-C carries a co-occurrence line and two typed lines on the same segment
    hit = link_at(arrays, 1.0, 50.0, scale=1.0)
    assert hit is not None and arrays.link_dependency[hit]
    assert {arrays.ids[arrays.link_u[hit]], arrays.ids[arrays.link_v[hit]]} == {A, C}
    assert arrays.ids[arrays.link_u[link_at(arrays, 50.0, 1.0, 1.0)]] == A  # A-B
    assert link_at(arrays, 50.0, 50.0, scale=1.0) is None
    hidden = _scene(exploration)
    assert link_at(hidden, 1.0, 50.0, scale=1.0) is None  # unplaced lines are not hit


def test_link_of_edge_finds_the_line_of_a_lighter_edge(exploration):
    arrays = _scene(exploration)
    forward = _link(arrays, A, C, dependency=True)
    assert link_of_edge(arrays, (A, C, edge_key(DEPENDENCY, "uses"))) == forward
    assert link_of_edge(arrays, (A, C, edge_key(DEPENDENCY, "developed_by"))) == forward
    cooc = _link(arrays, A, C, dependency=False)
    assert link_of_edge(arrays, (C, A, edge_key(COOCCURRENCE, "co-occurs"))) == cooc
    assert link_of_edge(arrays, (A, HIDDEN, edge_key(DEPENDENCY, "evaluated_on"))) is None


def test_layout_request_moves_only_unplaced_nodes(exploration):
    arrays = _scene(exploration)
    known = {A: (0.0, 0.0), C: (80.0, 0.0), HIDDEN: (999.0, 999.0)}
    request = layout_request(arrays, known, pinned={A, HIDDEN}, full=False)
    assert isinstance(request, LayoutRequest)
    assert request.nodes == [A, B, C, D]
    assert request.positions == {A: (0.0, 0.0), C: (80.0, 0.0)}
    assert request.pinned == frozenset({A})
    assert len(request.links) == 5 and request.radii[A] > request.radii[B]
    steps = list(request.job())
    assert all(isinstance(step, Progress) for step in steps)
    positions = run_job(request.job())
    assert set(positions) == {A, B, C, D}
    assert positions[A] == (0.0, 0.0) and positions[C] == (80.0, 0.0)
    assert all(np.isfinite(positions[n]).all() for n in (B, D))
    assert request.run() == positions  # the same seed gives the same layout
    everything = {n: (float(i), 0.0) for i, n in enumerate(arrays.ids)}
    assert layout_request(arrays, everything, (), full=False) is None
    assert layout_request(arrays, everything, (), full=True) is not None


def test_bounds_cover_the_placed_discs(exploration):
    arrays = _placed(exploration)
    left, top, right, bottom = arrays.bounds()
    r = arrays.radius
    assert left == pytest.approx(-max(r[0], r[2]))
    assert right == pytest.approx(100.0 + max(r[1], r[3]))
    assert (top, bottom) == (pytest.approx(-max(r[0], r[1])),
                             pytest.approx(100.0 + max(r[2], r[3])))


def test_the_scene_module_loads_no_qt():
    code = ("import sys\nimport app.canvas.scene\n"
            "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
            "print('loaded:' + ','.join(qt))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "loaded:"
