"""Communities and centrality in the real seeds window: colours, overview, sizes, details."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl

from app.canvas.style import GROUP_LIGHT
from graph.explore.analysis import GraphAnalysis, community_id, overview_communities
from graph.taxonomy import type_info


@pytest.fixture
def window(make_window):
    return make_window()


def _analysis(qtbot, window) -> GraphAnalysis:
    qtbot.waitUntil(lambda: window.analysis.result() is not None, timeout=10_000)
    return window.analysis.result()


def test_colour_by_community_paints_each_community_in_its_colour(window, qtbot):
    canvas = window.canvas
    by_type = {n: canvas.node_color(n).name() for n in canvas.drawn_nodes()}
    window.acts["colour_community"].trigger()
    assert window.acts["colour_community"].isChecked()
    assert not window.acts["colour_type"].isChecked()
    analysis = _analysis(qtbot, window)
    qtbot.waitUntil(lambda: canvas.colour_groups() is not None, timeout=5000)

    colour = {n: canvas.node_color(n).name() for n in canvas.drawn_nodes()}
    assert colour != by_type
    first, second = analysis.communities[:2]
    drawn = set(canvas.drawn_nodes())
    assert len({colour[m] for m in first.members if m in drawn}) == 1  # one colour each
    assert colour[first.centre] != colour[second.centre]
    assert colour[first.centre] == canvas.state.style.group_color(0).name()
    # The legend lists the largest communities by name instead of the types.
    entries = canvas.legend.entries()
    assert entries[0] == f"{first.name} ({first.size})"
    assert type_info(canvas.state.arrays.types[0]).name not in entries[:len(GROUP_LIGHT)]

    window.acts["colour_type"].trigger()
    assert canvas.colour_groups() is None
    assert {n: canvas.node_color(n).name() for n in canvas.drawn_nodes()} == by_type


def test_overview_shows_one_node_per_community_and_double_click_opens_one(window, qtbot):
    before = set(window.exploration.visible)
    window.acts["community_overview"].trigger()
    analysis = _analysis(qtbot, window)
    qtbot.waitUntil(window.community_overview_shown, timeout=5000)
    overview = window.community_canvas
    assert overview.wait_for_layout(10_000)
    expected = {community_id(c.number) for c in overview_communities(analysis)}
    assert expected and all(c.size >= 3 and c.leaders for c in overview_communities(analysis))
    assert set(overview.drawn_nodes()) == expected
    biggest = community_id(0)
    first = analysis.communities[0]
    # Named after its leading entity, with the next and its size.
    assert window.community_model.label(biggest) == " \u00b7 ".join(
        window.model.label(m) for m in first.leaders[:2]) + f" ({first.size})"
    assert window.counts.text().startswith(f"{len(expected)} communities shown")
    # Meta-nodes are sized by their member count.
    smallest = community_id(max(analysis.membership[n] for n in analysis.membership
                                if community_id(analysis.membership[n]) in expected))
    assert overview.node_radius(biggest) > overview.node_radius(smallest)

    number = 1
    pos = overview.node_viewport_pos(community_id(number))
    qtbot.mouseDClick(overview.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    # Qt 6's mouseDClick ends on the double-click, a mouse ends the gesture with a release
    # (the window swaps the canvases only then).
    assert window.community_overview_shown()
    qtbot.mouseRelease(overview.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: not window.community_overview_shown(), timeout=5000)
    assert not window.acts["community_overview"].isChecked()
    assert window.exploration.visible == set(analysis.communities[number].members)
    assert window.canvas.wait_for_layout(10_000)
    assert set(window.canvas.drawn_nodes()) <= set(analysis.communities[number].members)
    # An exploration step like any other: undo brings the previous view back.
    window.undo_stack.undo()
    assert window.exploration.visible == before


def test_size_by_pagerank_and_betweenness_follow_the_scores(window, qtbot):
    canvas = window.canvas
    by_mentions = {n: canvas.node_radius(n) for n in canvas.drawn_nodes()}
    window.acts["size_pagerank"].trigger()
    assert window.acts["size_pagerank"].isChecked() and canvas.size_by() == "pagerank"
    assert not window.acts["size_mentions"].isChecked()
    analysis = _analysis(qtbot, window)
    qtbot.waitUntil(lambda: {n: canvas.node_radius(n) for n in canvas.drawn_nodes()}
                    != by_mentions, timeout=5000)
    pagerank = analysis.scores["pagerank"]
    drawn = canvas.drawn_nodes()
    top = max(drawn, key=pagerank.get)
    low = min(drawn, key=pagerank.get)
    assert canvas.node_radius(top) == max(canvas.node_radius(n) for n in drawn)
    assert canvas.node_radius(top) > canvas.node_radius(low)

    window.acts["size_betweenness"].trigger()
    between = analysis.scores["betweenness"]
    bridge = max(drawn, key=between.get)
    assert canvas.node_radius(bridge) == max(canvas.node_radius(n) for n in drawn)
    window.set_size_by("mentions")
    assert {n: canvas.node_radius(n) for n in canvas.drawn_nodes()} == by_mentions


def test_details_show_the_community_and_ranks_and_link_to_the_community(window, qtbot):
    nid = window.canvas.drawn_nodes()[0]
    window.select_node(nid)
    analysis = _analysis(qtbot, window)
    community = analysis.community_of(nid)
    total = len(analysis)
    qtbot.waitUntil(lambda: "PageRank #" in window.details.browser.toPlainText(), timeout=5000)
    text = window.details.browser.toPlainText()
    assert f"{community.name} ({community.size} entities)" in text
    assert f"PageRank #{analysis.rank('pagerank', nid)} of {total}" in text
    assert f"Betweenness #{analysis.rank('betweenness', nid)} of {total}" in text

    # The community is a link: following it shows only its members.
    window.details.browser.anchorClicked.emit(QUrl(f"community:{community.number}"))
    assert window.exploration.visible == set(community.members)
    assert window.undo_stack.undoText() == f"Show community {community.name}"
