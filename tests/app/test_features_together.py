"""The window's features used one after another, as a person would mix them: a path, an
edit, communities, a selection, a saved session (real window on a real corpus)."""

from __future__ import annotations

import shutil

import pytest

from graph.paths import seeds_dir
from tests.app.test_path_panel import find_paths, open_by_key
from tests.app.windows import find


@pytest.fixture
def window(make_window, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir(), corpus)
    return make_window([str(corpus)], size=(1280, 800))


@pytest.mark.slow  # a whole session of features in a window (over a second)
def test_an_edit_under_a_highlighted_path_and_communities_coloured(window, qtbot):
    win = window
    open_by_key(qtbot, win)
    find_paths(qtbot, win, "Project Glasswing", "Amazon Web Services")
    nodes, edges = win.canvas.path_highlight()
    assert len(nodes) == 3 and len(edges) == 2
    anthropic = find(win, "Anthropic")
    win.set_colour_by("community")
    qtbot.waitUntil(lambda: win.canvas.colour_groups() is not None, timeout=10_000)
    assert win.curation.rename(anthropic, "Anthropic PBC")  # on the highlighted path
    win.canvas.redraw_now()
    assert win.model.label(anthropic) == "Anthropic PBC"
    assert win.canvas.grab().width() > 0  # paints after the edit
    win.canvas.select_nodes([find(win, "Project Glasswing"), anthropic])
    assert win.curation.delete(win.canvas.selected_nodes())
    win.canvas.redraw_now()
    assert win.canvas.grab().width() > 0
    assert anthropic not in win.model.graph
    shown, lines = win.canvas.path_highlight()
    assert shown <= set(win.canvas.drawn_nodes()) and anthropic not in shown and not lines
    win.undo_stack.undo()
    assert anthropic in win.model.graph
    win.set_community_overview(True)
    win.set_community_overview(False)
    assert win.save_session("mixed")
    assert win.load_session("mixed")
    assert win.canvas.grab().width() > 0
