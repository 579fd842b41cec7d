"""The exploration is kept with the corpus's workspace: restored on reopen, named views."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QDeadlineTimer

from graph.paths import seeds_dir
from tests.app.windows import load


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(seeds_dir(), folder)
    return folder


def _explore(window) -> None:
    """Change everything a session keeps."""
    anthropic = next(n for n, d in window.model.graph.nodes(data=True)
                     if d["label"] == "Anthropic")
    window.focus_neighbourhood(anthropic)
    window.canvas.wait_for_layout()
    window.canvas.set_pinned(anthropic, True)
    window.canvas.select_node(anthropic)
    window.filters.set_type_visible("PLACE", False)
    window.set_size_by("degree")
    window.canvas.zoom_by(1.5)


def _state(window) -> tuple:
    canvas = window.canvas
    return (sorted(window.exploration.visible), sorted(canvas.pinned_nodes()),
            canvas.selected_nodes(), canvas.size_by(), window.filter.types,
            round(canvas._scale(), 3),
            {n: tuple(round(c, 3) for c in p) for n, p in canvas.positions().items()
             if n in window.exploration.visible})


@pytest.mark.slow
def test_reopening_a_corpus_restores_its_exploration(make_window, corpus, qtbot):
    first = make_window([str(corpus)])
    before = _state(first)
    _explore(first)
    explored = _state(first)
    assert explored != before and "PLACE" not in explored[4]
    first.close()  # saves the session in the corpus's workspace
    second = make_window([str(corpus)])
    assert second.canvas.wait_for_layout()  # nothing left to move what was restored
    assert _state(second) == explored
    assert not second.filters.current().types or "PLACE" not in second.filters.current().types


def _saved_then_overview(window, name: str) -> tuple:
    """Explore, save the view as ``name``, go back to the overview; the saved state."""
    _explore(window)
    saved = _state(window)
    assert window.save_session(name)
    window.show_overview()
    window.filters.reset()
    window.canvas.wait_for_layout()
    assert _state(window) != saved
    return saved


@pytest.mark.slow
def test_named_views_are_saved_and_switched(make_window, corpus):
    window = make_window([str(corpus)])
    saved = _saved_then_overview(window, "Anthropic's partners")
    window._fill_views_menu(window.views_menu)
    [action] = window.views_menu.actions()
    assert action.text() == "Anthropic's partners"
    action.trigger()
    assert _state(window) == saved


@pytest.mark.slow
def test_a_long_saved_view_is_read_in_a_worker_and_restored_once(make_window, corpus,
                                                                  qtbot):
    window = make_window([str(corpus)])
    saved = _saved_then_overview(window, "long")
    window.session_reader.async_chars = 0  # every view counts as long
    builds = []
    window.canvas.drawingChanged.connect(lambda: builds.append(True))
    assert window.load_session("long")
    assert _state(window) != saved  # not yet: the worker reads it
    qtbot.waitUntil(lambda: _state(window) == saved and window.canvas.is_idle(),
                    timeout=10_000)
    assert len(builds) == 1  # filters, sizing and what is shown drawn together


@pytest.mark.slow
def test_a_view_read_for_a_graph_no_longer_shown_is_dropped(make_window, corpus, qtbot):
    window = make_window([str(corpus)])
    explored = _saved_then_overview(window, "long")
    overview = _state(window)
    assert overview[0] != explored[0]
    window.session_reader.async_chars = 0
    assert window.load_session("long")
    assert window.curation.rename(next(iter(window.exploration.visible)), "Renamed")
    assert window.session_reader.wait(QDeadlineTimer(10_000))
    assert window.canvas.wait_for_layout()
    assert _state(window)[0] == overview[0]  # the edited graph kept its own exploration


@pytest.mark.slow
def test_an_entity_gone_from_the_documents_is_left_out(make_window, corpus):
    window = make_window([str(corpus)])
    window.show_all()
    window.canvas.wait_for_layout()
    assert window.save_session("all")
    for path in corpus.glob("004_*"):  # one of the two documents
        path.unlink()
    load_seeds = make_window([str(corpus)])
    assert load_seeds.load_session("all")
    assert load_seeds.exploration.visible <= set(load_seeds.model.graph)
    assert load_seeds.exploration.visible


@pytest.mark.slow
def test_the_last_corpus_is_reopened_when_it_is_still_there(make_window, corpus, qtbot):
    window = make_window([str(corpus)])
    assert window.last_corpus() == [str(corpus.resolve())]
    load(qtbot, window, [str(seeds_dir())])
    assert window.last_corpus() == [str(seeds_dir().resolve())]
    shutil.rmtree(corpus)
    window.settings.setValue("recent/corpora", [str(corpus)])
    assert window.last_corpus() == []


@pytest.mark.slow
def test_a_saved_workspace_file_reopens_everything(make_window, corpus, tmp_path):
    window = make_window([str(corpus)])
    _explore(window)
    explored = _state(window)
    target = tmp_path / "elsewhere" / "project"
    target.parent.mkdir()
    assert window.save_workspace_as(str(target))  # the suffix is added
    saved = target.with_suffix(".threadline")
    assert window.workspace == saved and saved.is_file()
    other = make_window([str(saved)])
    assert other.workspace == saved
    assert other.canvas.wait_for_layout()
    assert _state(other) == explored


@pytest.mark.slow
def test_an_exported_graphml_reopens_with_its_places_and_pins(make_window, corpus, tmp_path):
    window = make_window([str(corpus)])
    _explore(window)
    places = {n: p for n, p in window.canvas.positions().items()
              if n in window.exploration.visible}
    pinned = window.canvas.pinned_nodes()
    path = tmp_path / "explored.graphml"
    assert window.export_graph(str(path))
    imported = make_window([str(path)])
    assert imported.workspace is None
    assert imported.exploration.visible == set(places)
    assert imported.canvas.pinned_nodes() == pinned
    back = imported.canvas.positions()
    assert all(back[n] == pytest.approx(p) for n, p in places.items())
