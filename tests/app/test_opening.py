"""What the window opens on: a big graph on its communities named after entities, never on
numbers, dates or fragments; a small graph as before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.main_window import MainWindow
from graph.explore.analysis import community_id, overview_communities
from graph.explore.junk import junk_reasons
from graph.explore.opening import COMMUNITY_OPENING
from graph.store.graphml import write_graphml
from tests.app.windows import ba_graph

GUIDE = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "prompt-guide"
# What nobody would call an entity, whatever the pipeline typed it: digits and years.
NUMBER = re.compile(r"\d+")


def _labelled(win: MainWindow) -> list[str]:
    """The entity names the community overview labels (each community's leaders)."""
    return [name for _, label in win.community_model.graph.nodes(data="label")
            for name in label.rsplit(" (", 1)[0].split(" \u00b7 ")]


def _assert_opens_on_entity_communities(win: MainWindow, junk_labels: set[str]) -> None:
    """The window shows the community overview of communities led by entities, with no
    junk among the labelled leaders, the main overview or any community's name."""
    graph = win.model.graph
    assert win.community_overview_shown() and win.acts["community_overview"].isChecked()
    analysis = win.analysis.result()
    assert analysis is win.model.facts.analysis  # from the worker, not computed again
    assert not win.analysis.running()
    shown = overview_communities(analysis)
    assert set(win.community_model.graph) == {community_id(c.number) for c in shown}
    assert win.counts.text().startswith(f"{len(shown)} communities shown \u00b7 "
                                        f"{len(graph)} entities")
    junk = junk_reasons(graph)
    leaders = {m for c in shown for m in c.leaders}
    assert leaders and not leaders & junk.keys()
    assert all(c.centre == c.leaders[0] and c.name == win.model.label(c.centre)
               for c in shown)
    assert not set(_labelled(win)) & junk_labels
    # The main view behind the map holds the leaders of the largest communities, no junk.
    visible = win.exploration.visible
    assert visible == set(win.model.facts.overview) and visible <= leaders
    assert not visible & junk.keys()
    assert not {win.model.label(n) for n in visible} & junk_labels


@pytest.mark.slow
def test_a_big_graph_opens_on_its_communities_and_never_on_numbers(make_window, tmp_path,
                                                                   qtbot):
    graph = ba_graph(COMMUNITY_OPENING + 100, seed=5, types=("MODEL", "ORG", "METHOD"))
    hubs = sorted(graph, key=graph.degree, reverse=True)
    # The best connected entities are named like extraction's junk.
    junk_labels = {"13", "2023", "QA", "45 minutes", "self-", "Oct 2022"}
    for nid, label in zip(hubs, sorted(junk_labels), strict=False):
        graph.nodes[nid]["label"] = label
    path = tmp_path / "big.graphml"
    write_graphml(graph, path)
    win = make_window([str(path)])
    _assert_opens_on_entity_communities(win, junk_labels)
    # Today's ranking would have opened on them: they are the best connected.
    assert {graph.nodes[n]["label"] for n in hubs[:len(junk_labels)]} == junk_labels
    # Overview (Ctrl+Home) shows the entities behind the map, though they are shown already.
    before = set(win.exploration.visible)
    win.show_overview()
    assert not win.community_overview_shown() and win.exploration.visible == before
    win.set_community_overview(True)
    assert win.community_overview_shown()
    # Opened without betweenness (the costly part); the details ask for it when shown.
    opened, quotient = win.analysis.result(), win.community_model.graph
    assert not opened.complete
    win.select_node(next(iter(win.exploration.visible)))
    qtbot.waitUntil(lambda: win.analysis.result().complete, timeout=60_000)
    completed = win.analysis.result()
    assert completed.communities is opened.communities  # betweenness added, exact here
    assert win.community_model.graph is quotient  # the map is not drawn anew
    # A community opens by double-click as before: its members, an undoable step.
    win.show_community(0)
    assert not win.community_overview_shown()
    assert win.exploration.visible == set(win.analysis.result().communities[0].members)
    assert win.counts.text().endswith(f"of {len(graph)} entities shown \u00b7 "
                                      f"{win.model.edge_count} relations")


def test_a_small_graph_opens_as_before(make_window):
    win = make_window()  # the seeds
    assert len(win.model) < COMMUNITY_OPENING
    assert not win.community_overview_shown()
    assert win.model.facts.analysis is None
    assert win.exploration.visible == set(win.model.graph)  # all of a small graph
    assert " entities shown" in win.counts.text()


@pytest.mark.slow
@pytest.mark.skipif(not GUIDE.is_dir(), reason="the shared corpus is not beside the repository")
def test_the_guide_pages_open_on_communities_named_after_entities(make_window):
    win = make_window([str(GUIDE)], size=(1600, 1000))
    graph = win.model.graph
    assert len(graph) >= COMMUNITY_OPENING
    numbers = {label for _, label in graph.nodes(data="label") if NUMBER.fullmatch(label)}
    assert numbers, "the extracted pages hold bare numbers and years"
    _assert_opens_on_entity_communities(win, numbers)
    assert win.community_canvas.wait_for_layout(30_000)
    assert len(win.community_canvas.drawn_nodes()) == len(win.community_model)
