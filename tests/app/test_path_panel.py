"""The Path panel in the real window on the seeds: open it by its key or the node menu, name
two entities, find, read the hops with their evidence, see the path on the canvas, undo,
export the explanation."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtCore import QPoint, Qt

from app.main_window import MainWindow
from graph import messages
from graph.explore.path_report import markdown_text
from tests.app.windows import find, press

SIZE = (1280, 800)


@pytest.fixture
def window(make_window):
    return make_window(size=SIZE)




def type_entity(qtbot, field, text: str) -> None:
    """Type a name as a person does; the suggestions popup is closed with Escape."""
    field.setFocus()
    qtbot.keyClicks(field, text)
    popup = field.completer_.popup()
    if popup.isVisible():
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert field.text() == text


def find_paths(qtbot, win: MainWindow, source: str, target: str) -> None:
    panel = win.path_panel
    if source:
        type_entity(qtbot, panel.source_field, source)
    type_entity(qtbot, panel.target_field, target)
    with qtbot.waitSignal(panel.pathChosen, timeout=10_000):
        qtbot.keyClick(panel.target_field, Qt.Key.Key_Return)  # Enter finds


def open_by_key(qtbot, win: MainWindow) -> None:
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    press(qtbot, win.canvas, "Ctrl+Shift+P")  # Graph > Find Path…
    qtbot.waitUntil(win.path_dock.isVisible)
    qtbot.waitUntil(win.path_panel.source_field.hasFocus)


def test_a_path_is_listed_with_its_evidence_shown_on_the_canvas_and_undone(window, qtbot):
    win = window
    glasswing, aws = find(win, "Project Glasswing"), find(win, "Amazon Web Services")
    win.push(win.exploration.focus(glasswing, k=1))  # its neighbours, not AWS
    assert aws not in win.exploration.visible
    open_by_key(qtbot, win)
    find_paths(qtbot, win, "Project Glasswing", "Amazon Web Services")
    panel = win.path_panel

    assert panel.status.text() == messages.PATH_FOUND.format(count=3)
    rows = [panel.path_list.item(i).text() for i in range(panel.path_list.count())]
    assert rows[0] == "1. via Anthropic  (2 hops)"
    assert len(rows) == 3
    path = panel.current_path()
    assert path.summary == "Project Glasswing \u2192 Anthropic \u2192 Amazon Web Services"
    hops = panel.hop_texts()
    assert len(hops) == len(path.hops) == 2
    for number, (lines, hop) in enumerate(zip(hops, path.hops, strict=True), 1):
        assert lines[0] == f"{number}. {hop.text}"
        sentence, docs = hop.quotes()[0]
        assert lines[1] == f"\u201c{sentence}\u201d \u2014 {', '.join(docs)}"
        assert hop.evidence[0].doc in docs
    assert hops[0][0].startswith("1. Project Glasswing \u2014")
    assert hops[1][0] == "2. Anthropic \u2014partners with\u2014 Amazon Web Services"

    # the path's nodes are shown (one undoable step) and exactly the path is highlighted
    assert win.canvas.wait_for_layout(10_000)
    assert set(path.nodes) <= win.exploration.visible
    assert all(win.canvas.node_scene_pos(n) is not None for n in path.nodes)
    assert win.canvas.path_highlight() == (set(path.nodes), set(path.edges))
    arrays = win.canvas.state.arrays
    rows_drawn, links = win.canvas.state.path_indices()
    assert {arrays.ids[i] for i in rows_drawn} == set(path.nodes)
    pairs = {frozenset((hop.source, hop.target)) for hop in path.hops}
    assert {frozenset((arrays.ids[arrays.link_u[k]], arrays.ids[arrays.link_v[k]]))
            for k in links} == pairs
    assert win.undo_stack.undoText() == messages.SHOW_PATH.format(summary=path.summary)

    win.acts["undo"].trigger()
    assert aws not in win.exploration.visible
    assert win.canvas.wait_for_layout(10_000)
    assert aws not in win.canvas.drawn_nodes()
    assert win.canvas.path_highlight() == ({glasswing, find(win, "Anthropic")},
                                           {path.edges[0]})
    win.acts["redo"].trigger()
    assert aws in win.exploration.visible


def test_clicking_a_hop_selects_its_edge_with_details_and_source(window, qtbot):
    win = window
    open_by_key(qtbot, win)
    find_paths(qtbot, win, "Project Glasswing", "Amazon Web Services")
    panel, hop = win.path_panel, win.path_panel.current_path().hops[1]
    sentence = panel.hop_list.topLevelItem(1).child(0)  # the hop's evidence, under it
    qtbot.mouseClick(panel.hop_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.hop_list.visualItemRect(sentence).center())
    assert win.canvas.selected_edge() == hop.edge
    assert win.details.edge == hop.edge


def test_export_writes_the_explanation_with_its_evidence(window, qtbot, tmp_path):
    win = window
    open_by_key(qtbot, win)
    find_paths(qtbot, win, "Project Glasswing", "Amazon Web Services")
    paths = win.path_panel.paths
    target = tmp_path / "why"
    assert win.export_explanation(str(target))  # no suffix: Markdown
    text = (tmp_path / "why.md").read_text(encoding="utf-8")
    assert text.startswith("# Why are Project Glasswing and Amazon Web Services connected?\n")
    for hop in paths[0].hops:
        sentence, docs = hop.quotes()[0]
        source = markdown_text(", ".join(docs))
        assert f"   > {markdown_text(sentence)}\n   >\n   > \u2014 *{source}*" in text
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((tmp_path / "why.md").stat().st_mode) == 0o666 & ~umask
    assert win.export_explanation(str(tmp_path / "why.html"))
    page = (tmp_path / "why.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<h2>1. Project Glasswing \u2192 Anthropic" in page
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically, nothing left beside


def test_path_to_from_the_node_menu_starts_from_that_node(window, qtbot):
    win = window
    nid = find(win, "Claude Opus 3")
    win._on_context_menu(nid, QPoint(100, 100))
    [action] = [a for a in win.context_menu.actions() if a.text() == messages.PATH_TO_NODE]
    action.trigger()
    win.context_menu.close()
    panel = win.path_panel
    assert win.path_dock.isVisible()
    assert panel.source_field.text() == "Claude Opus 3"
    qtbot.waitUntil(panel.target_field.hasFocus)
    find_paths(qtbot, win, "", "retirement interviews")  # the first field is filled already
    assert panel.current_path().labels == ("Claude Opus 3", "retirement interviews")


def test_a_fact_at_an_end_is_shown_and_paths_avoid_the_others(window, qtbot):
    win = window
    metric = find(win, "just 9% of conversations")
    assert metric not in win.canvas.drawn_nodes()  # metrics are facts by default
    open_by_key(qtbot, win)
    find_paths(qtbot, win, "just 9% of conversations", "Anthropic")
    path = win.path_panel.current_path()
    assert path.labels == ("just 9% of conversations", "Claude", "Anthropic")
    assert win.canvas.wait_for_layout(10_000)
    assert metric in win.canvas.drawn_nodes()
    assert win.canvas.path_highlight()[0] == set(path.nodes)


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("Claude", "Claude", messages.PATH_SAME_ENTITY.format(label="Claude")),
    ("Claude", "Nobody Inc", messages.PATH_UNKNOWN_ENTITY.format(name="Nobody Inc")),
    ("San Francisco", "Anthropic", messages.NO_PATH_WITHIN.format(a="San Francisco",
                                                                  b="Anthropic")),
])
def test_why_there_is_no_path_is_said_in_the_panel(window, qtbot, source, target, expected):
    win = window
    open_by_key(qtbot, win)
    panel = win.path_panel
    type_entity(qtbot, panel.source_field, source)
    type_entity(qtbot, panel.target_field, target)
    qtbot.mouseClick(panel.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.status.text() == expected, timeout=10_000)
    assert panel.path_list.count() == 0 and not panel.export_button.isEnabled()
    assert win.canvas.path_highlight() == (set(), set())
