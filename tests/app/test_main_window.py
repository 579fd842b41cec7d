"""The window as a person uses it: real model, real files, real (offscreen) Qt.

Each test builds the window on the seeds, drives widgets through their own methods or the
viewport, waits on signals, and joins every worker in teardown.
"""

from __future__ import annotations

import shutil

import igraph
import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QKeySequence, QTextCursor
from PySide6.QtWidgets import QToolBar, QToolButton

from app.actions import ACTIONS, ActionSpec, check_shortcuts
from app.details import DetailsPanel
from app.filters import FilterPanel
from app.search import SearchField
from app.source_pane import SourcePane
from graph.explore.model import GraphModel
from graph.paths import seeds_dir
from graph.store.graphml import read_graphml
from tests.app.windows import LOAD_TIMEOUT_MS, find, press


@pytest.fixture
def window(make_window):
    return make_window()



def test_window_starts_on_the_default_corpus(window):
    assert len(window.model) >= 30
    assert set(window.model.documents) == {p.name for p in seeds_dir().glob("*.txt")}
    # small graphs open whole, metrics and dates shown as facts of what they measure
    facts = {n for n, d in window.model.graph.nodes(data=True) if d["type"] in ("METRIC", "DATE")}
    assert facts and set(window.canvas.drawn_nodes()) == set(window.model.graph) - facts
    window.set_fact_nodes(True)
    assert len(window.canvas.drawn_nodes()) == len(window.model)
    assert "entities shown" in window.counts.text()
    assert not window.empty_state.isVisible()


def test_search_selects_and_the_source_pane_highlights_the_mention(window, qtbot):
    window.search.setFocus()
    qtbot.keyClicks(window.search, "CLAU")
    hits = window.search.hits
    assert hits and hits[0].label == "Claude"  # prefix match, most mentioned first
    assert all("clau" in (h.matched.casefold()) for h in hits)
    window.search.choose(0)
    nid = hits[0].node
    assert window.canvas.selected_node() == nid
    assert window.details.node == nid
    passages = window.source.passages
    assert len(passages) == window.model.node(nid)["mentions"]
    view = window.source.view
    current = passages[window.source.current]
    assert view.doc_id == current.doc
    highlighted = {sel.cursor.selectedText() for sel in view.extraSelections()}
    assert window.model.documents[current.doc].text[current.start:current.end] in highlighted
    window.source.next()
    assert window.source.current == 1


def test_double_click_expands_neighbours_and_undo_restores(window, qtbot):
    nid = find(window, "Claude")
    window.push(window.exploration.focus(nid, k=1))
    assert window.canvas.wait_for_layout(30_000)
    before = set(window.exploration.visible)
    assert len(before) == 2
    pos = window.canvas.node_viewport_pos(nid)
    qtbot.mouseDClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    after = set(window.exploration.visible)
    assert after > before and len(after) <= 2 + 12
    window.undo_stack.undo()
    assert set(window.exploration.visible) == before
    window.undo_stack.redo()
    assert set(window.exploration.visible) == after


def test_selecting_an_edge_shows_its_evidence(window):
    g = window.model.graph
    u, v, key, data = next((u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True)
                           if d["method"] == "dependency")
    window.focus_edge(u, v, key)
    assert window.details.edge == (u, v, key)
    assert [p.text for p in window.source.passages] == [ev["text"] for ev in data["evidence"]]
    html = window.details.browser.toPlainText()
    assert data["relation"] in html and window.model.label(u) in html
    emphasised = set(window.source.passages[0].emphasis)
    assert emphasised == {u, v}


def test_a_linked_names_passages_read_without_the_links_markup(make_window, tmp_path):
    # tests/data/unseen u01 as a blog writes it: the list of mentions showed the link's
    # brackets and address around the name; the text pane still shows the text as written
    folder = tmp_path / "linked"
    folder.mkdir()
    text = ("Today we're releasing [GPT-4.1](https://openai.com/index/gpt-4-1/) in the API.\n"
            "[GPT-4.1](https://openai.com/index/gpt-4-1/) scores 54.6% on [SWE-bench Verified]"
            "(https://www.swebench.com/verified.html).\n")
    (folder / "u01.md").write_text(text, encoding="utf-8")
    window = make_window([str(folder)])
    window.select_node(find(window, "GPT-4.1"))
    shown = [p.text for p in window.source.passages]
    assert shown[0] == "Today we're releasing \u00abGPT-4.1\u00bb in the API.", shown
    assert shown[1] == "\u00abGPT-4.1\u00bb scores 54.6% on SWE-bench Verified.", shown
    current = window.source.passages[window.source.current]
    assert text[current.start:current.end] == "GPT-4.1"
    assert "[GPT-4.1](https://openai.com/index/gpt-4-1/)" in window.source.view.toPlainText()


def test_clicking_a_mention_in_the_text_selects_its_node(window, qtbot):
    nid = find(window, "Anthropic")
    window.select_node(nid)
    passage = window.source.passages[0]
    view = window.source.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(passage.start + 2)
    rect = view.cursorRect(cursor)
    window.canvas.select_node(None)
    with qtbot.waitSignal(window.source.nodeActivated) as activated:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args == [nid]
    assert window.canvas.selected_node() == nid


def test_filters_hide_what_they_should(window):
    metrics = {n for n, d in window.model.graph.nodes(data=True) if d["type"] == "METRIC"}
    assert metrics
    window.set_fact_nodes(True)
    window.filters.set_type_visible("METRIC", False)
    drawn = set(window.canvas.drawn_nodes())
    assert drawn and not drawn & metrics
    window.filters.typed.setChecked(False)
    assert window.filter.methods == {"cooccurrence"}
    window.filters.reset()
    assert set(window.canvas.drawn_nodes()) >= metrics


@pytest.mark.slow  # extracts a 160-document corpus until the first progress
def test_open_runs_in_a_worker_and_cancel_keeps_the_old_graph(window, qtbot, tmp_path):
    corpus = tmp_path / "big"
    corpus.mkdir()
    for i in range(40):
        for seed in seeds_dir().glob("*.txt"):
            shutil.copy(seed, corpus / f"{i:02d}_{seed.name}")
    old_graph, old_nodes = window.model.graph, set(window.model.graph)
    window.use_cache = False
    progressed = []
    window.open_paths([str(corpus)])
    window.job.progress.connect(lambda p: progressed.append(p.done))
    assert window.progress.isVisibleTo(window) and window.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: any(d >= 1 for d in progressed), timeout=LOAD_TIMEOUT_MS)
    with qtbot.waitSignal(window.jobFinished, timeout=LOAD_TIMEOUT_MS) as finished:
        window.cancel_button.click()
    assert finished.args == ["cancelled"]
    assert window.model.graph is old_graph and set(window.model.graph) == old_nodes
    qtbot.waitUntil(lambda: window.job is None)
    assert not window.progress.isVisibleTo(window)


def test_a_failed_open_reports_and_keeps_the_graph(window, qtbot, tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    (empty / "x.bin").write_bytes(b"\x00")
    old_nodes = set(window.model.graph)
    with qtbot.waitSignal(window.jobFinished, timeout=LOAD_TIMEOUT_MS) as finished:
        window.open_paths([str(empty)])
    assert finished.args == ["failed"]
    assert "No readable documents" in window.error_box.text()
    assert window.error_box.textFormat() == Qt.TextFormat.PlainText  # the message names paths
    assert set(window.model.graph) == old_nodes
    window.error_box.close()


def test_skipped_files_are_reported(window, qtbot, tmp_path):
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    shutil.copy(next(seeds_dir().glob("*.txt")), corpus / "a.txt")
    (corpus / "b.txt").write_bytes(b"\x00\x01binary")
    with qtbot.waitSignal(window.jobFinished, timeout=LOAD_TIMEOUT_MS):
        window.open_paths([str(corpus)])
    assert "b.txt: binary data, not text" in window.problems_box.detailedText()
    assert set(window.model.documents) == {"a.txt"}
    window.problems_box.close()


def test_export_from_the_window_writes_graphml_and_png(window, tmp_path):
    graphml, png, svg = tmp_path / "g.graphml", tmp_path / "g.png", tmp_path / "g.svg"
    assert window.export_graph(str(graphml))
    other = igraph.Graph.Read_GraphML(str(graphml))
    assert other.vcount() == len(window.model)
    assert other.ecount() == window.model.graph.number_of_edges()
    drawn = next(iter(window.canvas.drawn_nodes()))
    assert "x" in read_graphml(graphml).nodes[drawn]
    assert window.export_image(str(png))
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 100
    assert window.export_image(str(svg)) and svg.read_text().lstrip().startswith("<?xml")
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".ini")) == \
        ["g.graphml", "g.png", "g.svg"]


def test_the_file_menu_writes_the_graph_in_a_worker(window, qtbot, tmp_path):
    here, there = tmp_path / "here.graphml", tmp_path / "there.graphml"
    assert window.export_graph(str(here))
    window.export_graph_in_background(str(there))
    qtbot.waitUntil(lambda: "Wrote" in window.statusBar().currentMessage(), timeout=10_000)
    assert sorted(read_graphml(there).nodes(data=True)) == \
        sorted(read_graphml(here).nodes(data=True))
    window.export_graph_in_background(str(tmp_path / "missing" / "g.graphml"))
    qtbot.waitUntil(lambda: getattr(window, "error_box", None) is not None and
                    window.error_box.isVisible(), timeout=10_000)
    assert "missing" in window.error_box.text() + window.error_box.informativeText()
    window.error_box.close()


def test_export_of_the_visible_part(window, tmp_path):
    nid = find(window, "Claude")
    window.push(window.exploration.focus(nid, k=3))
    path = tmp_path / "visible.graphml"
    assert window.export_graph(str(path), visible=True)
    assert set(read_graphml(path)) == window.exploration.visible
    assert window.canvas.wait_for_layout(30_000)
    assert set(window.canvas.drawn_nodes()) == window.exploration.visible


def test_imported_graphml_restores_the_model_and_its_sources(window, qtbot, tmp_path):
    path = tmp_path / "g.graphml"
    window.export_graph(str(path))
    nodes = dict(window.model.graph.nodes(data=True))
    with qtbot.waitSignal(window.jobFinished, timeout=LOAD_TIMEOUT_MS):
        window.open_paths([str(path)])
    imported = dict(window.model.graph.nodes(data=True))
    assert set(imported) == set(nodes)
    assert all(imported[n]["occurrences"] == nodes[n]["occurrences"] for n in nodes)
    assert set(window.model.documents) == {p.name for p in seeds_dir().glob("*.txt")}


def test_settings_remember_recent_corpora_and_geometry(window):
    assert window.recent()[0] == [str(seeds_dir().resolve())]
    assert window.recent_menu.actions()
    window.close()
    assert not window.settings.value("window/geometry").isEmpty()


def test_shortcut_list_names_the_standard_keys(window):
    rows = dict(window.shortcut_rows())
    assert rows["Find Entity"] == "Ctrl+F"
    assert "Ctrl+Shift+Z" in rows["Undo / Redo"]
    window.show_shortcuts()
    assert window.shortcuts_dialog.isVisible()
    window.shortcuts_dialog.close()


def test_context_menu_offers_exploration_steps(window):
    nid = find(window, "Claude")
    window._on_context_menu(nid, QPoint(10, 10))
    texts = [a.text() for a in window.context_menu.actions()]
    assert any(t.startswith("Expand Claude") for t in texts)
    assert "Show Only This and Neighbours" in texts
    window.context_menu.close()


def test_full_text_search_lists_sentences(window):
    assert window.workspace is not None and window.workspace.is_file()  # its FTS5 index
    window.text_search("blackmail")
    assert window.source.passages
    assert all("blackmail" in p.text.lower() for p in window.source.passages)
    window.text_search("Anthropic Interv")  # words in a row, the last one begun
    assert window.source.passages
    assert all("anthropic interviewer" in p.text.lower() for p in window.source.passages)


def test_export_of_the_visible_part_leaves_out_what_the_filter_hides(window, tmp_path):
    metrics = {n for n, d in window.model.graph.nodes(data=True) if d["type"] == "METRIC"}
    window.set_fact_nodes(True)
    window.filters.set_type_visible("METRIC", False)
    path = tmp_path / "filtered.graphml"
    assert window.export_graph(str(path), visible=True)
    exported = set(read_graphml(path))
    assert exported == window.exploration.visible - metrics
    assert window.counts.text().startswith(f"{len(exported)} of {len(window.model)} ")



def test_undo_and_redo_answer_their_keys(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    nid = find(window, "Claude")
    window.push(window.exploration.focus(nid, k=1))
    before = set(window.exploration.visible)
    window.expand(nid)
    after = set(window.exploration.visible)
    assert after > before
    window.canvas.setFocus()
    for redo in ("Ctrl+Shift+Z", "Ctrl+Y"):
        press(qtbot, window.canvas, "Ctrl+Z")
        assert set(window.exploration.visible) == before
        press(qtbot, window.canvas, redo)
        assert set(window.exploration.visible) == after, f"{redo} did not redo"
    assert [k.toString() for k in window.acts["redo"].shortcuts()] == ["Ctrl+Shift+Z", "Ctrl+Y"]


def test_the_action_table_gives_each_key_to_one_action(qapp):
    check_shortcuts(ACTIONS)
    find_entity = ActionSpec("find", "Find", "focus_search",
                             shortcuts=(QKeySequence.StandardKey.Find,))  # Ctrl+F
    for clash in (ActionSpec("other", "Other", "reload", shortcuts=("Ctrl+F",)),
                  ActionSpec("other", "Other", "reload", shortcuts=("F3", "Ctrl+F"))):
        with pytest.raises(ValueError, match="Ctrl\\+F"):
            check_shortcuts([find_entity, clash])
    with pytest.raises(ValueError, match="F3"):
        check_shortcuts([ActionSpec("twice", "Twice", "reload", shortcuts=("F3", "F3"))])
    with pytest.raises(ValueError, match="named"):
        check_shortcuts([find_entity, ActionSpec("find", "Again", "reload")])


def test_menus_and_toolbar_come_from_the_action_table(window):
    bar = [a.text() for a in window.menuBar().actions()]
    assert bar == ["&File", "&Edit", "&View", "&Graph", "&Help"]
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    file_entries = [a.text() for a in menus["&File"].actions()]
    assert file_entries == ["&Open Folder\u2026", "Open &Files\u2026",
                            "Extraction &Cluster\u2026", "Open &Recent", "&Reload",
                            "", "&Export", "Save &Workspace As\u2026", "", "&Quit"]
    in_menus, to_walk = set(), list(menus.values())
    while to_walk:  # the menus and their submenus (File > Export, View > Theme)
        entries = to_walk.pop().actions()
        in_menus |= set(entries)
        to_walk += [a.menu() for a in entries if a.menu() is not None]
    for spec in ACTIONS:
        assert (window.acts[spec.name] in in_menus) == (spec.menu is not None), spec.name
    toolbar = window.findChild(QToolBar, "main_toolbar")
    shown = [a.text() for a in toolbar.actions() if a.isVisible()]
    assert shown[:1] == ["&Open Folder\u2026"]
    assert [t for t in shown if t in ("Undo", "Redo", "&Fit to Window", "Re-&layout")] == \
        ["Undo", "Redo", "&Fit to Window", "Re-&layout"]
    assert any(b.text() == "Export" for b in toolbar.findChildren(QToolButton))


def test_outside_text_is_shown_as_written(window, qtbot):
    window.model.graph.graph["pipeline"] = "<b>bold</b>"
    window.show_about()
    assert "&lt;b&gt;bold&lt;/b&gt;" in window.about_box.text()
    window.about_box.close()
    window.open_paths([str(seeds_dir())])
    assert window.progress_label.textFormat() == Qt.TextFormat.PlainText
    assert window.empty_state.textFormat() == Qt.TextFormat.PlainText
    window.cancel_job()
    qtbot.waitUntil(lambda: window.job is None, timeout=LOAD_TIMEOUT_MS)
    nid = find(window, "Anthropic")
    window.model.graph.nodes[nid]["label"] = "AT&T"
    window._on_context_menu(nid, QPoint(10, 10))
    assert window.context_menu.actions()[0].text().startswith("Expand AT&&T")
    window.context_menu.close()


@pytest.mark.parametrize("widget", [DetailsPanel, FilterPanel, SearchField, SourcePane])
def test_a_destroyed_widget_stops_listening_to_the_model(qtbot, widget):
    model = GraphModel()
    panel = widget(model)
    assert len(model.changed) == 1
    shiboken6.delete(panel)
    assert len(model.changed) == 0
    model.reset(model.graph)  # would call into the deleted widget if it still listened


def test_export_never_writes_over_or_into_the_corpus(window, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    document = corpus / "notes.txt"
    document.write_text("Anthropic released Claude.", encoding="utf-8")
    window.current_paths = [str(corpus)]
    # a JSON graph named .md inside the corpus would be read back as a document next time
    assert not window.export_graph(str(corpus / "graph.md"), "json")
    assert not window.export_graph(str(document), "graphml")
    assert sorted(p.name for p in corpus.iterdir()) == ["notes.txt"]
    assert document.read_text(encoding="utf-8") == "Anthropic released Claude."
    assert window.export_graph(str(corpus / "graph.graphml"))  # a graph file is fine
