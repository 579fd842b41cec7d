"""The graph model announces changes; exploration steps are reversible."""

from __future__ import annotations

import networkx as nx

from graph.explore.exploration import Exploration, Step, overview
from graph.explore.model import GraphModel
from graph.schema import COOCCURRENCE, node_id, slugify


def star(n_leaves: int = 30) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("hub", label="Hub", type="ORG", mentions=50)
    for i in range(n_leaves):
        g.add_node(f"n{i}", label=f"Leaf {i}", type="MODEL", mentions=1)
        g.add_edge("hub", f"n{i}", key="cooccurrence:co-occurs with", relation="co-occurs with",
                   method=COOCCURRENCE, weight=float(n_leaves - i), evidence=[])
    g.add_edge("n0", "n1", key="dependency:beat", relation="beat", method="dependency",
               weight=1.0, evidence=[])
    return g


def test_ids_are_stable_slugs():
    assert node_id("MODEL", "Claude Opus 3") == "MODEL:claude-opus-3"
    assert slugify("Café  Déjà—vu!") == "cafe-deja-vu"
    assert node_id("METRIC", "17% lower") == "METRIC:17%-lower"


def test_model_announces_resets_until_unsubscribed():
    model, events = GraphModel(), []
    unsubscribe = model.subscribe(events.append)
    model.reset(star(3), {})
    assert [e.kind for e in events] == ["reset"] and len(model) == 4
    unsubscribe()
    model.reset(star(2))
    assert len(events) == 1


def test_neighbours_ranked_by_weight_and_degree_counts_distinct_nodes():
    model = GraphModel(star(5))
    assert model.strongest_neighbours("hub", 2) == ["n0", "n1"]
    assert model.degree("n0") == 2
    assert model.types() == ["MODEL", "ORG"]


def test_overview_opens_small_graphs_whole_and_large_ones_on_hubs():
    assert len(overview(GraphModel(star(10)))) == 11
    big = GraphModel(star(300))
    top = overview(big, limit=20)
    assert len(top) == 20 and top[0] == "hub"


def test_expand_takes_the_strongest_k_and_reports_the_rest():
    model = GraphModel()
    exploration = Exploration(model)
    model.reset(star(30))
    exploration.apply(Step(hide=frozenset(exploration.visible - {"hub"})))
    step, more = exploration.expand("hub", k=5)
    assert step.show == {"n0", "n1", "n2", "n3", "n4"} and more == 25
    exploration.apply(step)
    assert exploration.visible == {"hub", "n0", "n1", "n2", "n3", "n4"}
    exploration.apply(step.inverse())
    assert exploration.visible == {"hub"}


def test_collapse_focus_hide_and_depth():
    model = GraphModel()
    exploration = Exploration(model)
    model.reset(star(8))
    # leaves that only hold on to each other go too: collapse folds the whole star
    assert exploration.collapse("hub").hide == {f"n{i}" for i in range(8)}
    focus = exploration.focus("n0", k=1)
    assert exploration.visible - focus.hide | focus.show == {"n0", "hub"}
    exploration.apply(Step(hide=frozenset(exploration.visible - {"n5"})))
    deep, _ = exploration.expand("n5", k=3, depth=2)
    assert "hub" in deep.show and len(deep.show) == 4
    # depth 2 walks through neighbours that are already visible
    exploration.apply(Step(show=frozenset({"hub"})))
    through, _ = exploration.expand("n5", k=3, depth=2)
    assert through.show == {"n0", "n1", "n2"}
    assert exploration.hide(["n5"]).text == "Hide Leaf 5"


def test_exploration_follows_model_resets():
    model, steps = GraphModel(), []
    exploration = Exploration(model)
    exploration.subscribe(steps.append)
    model.reset(star(3))
    assert exploration.visible == {"hub", "n0", "n1", "n2"}
    model.reset(star(1))  # the hub and two leaves
    assert exploration.visible == {"hub", "n0", "n1"} and steps[-1].hide == {"n2"}


def test_emitter_holds_methods_weakly_and_functions_strongly():
    from graph.events import Emitter

    emitter, seen = Emitter(), []

    class View:
        def on_event(self, event):
            seen.append(("view", event))

    view = View()
    emitter.connect(view.on_event)
    emitter.connect(lambda event: seen.append(("lambda", event)))
    emitter.emit(1)
    del view  # a view that goes away stops listening, without disconnecting
    emitter.emit(2)
    assert seen == [("view", 1), ("lambda", 1), ("lambda", 2)] and len(emitter) == 1
