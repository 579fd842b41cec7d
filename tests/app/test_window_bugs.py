"""Reported bugs of the window, each driven through the real window offscreen.

Keys are real key presses, drops real ``QDropEvent`` s on the canvas viewport; the window
opens the seeds (or a small corpus of its own) and every worker is joined in teardown.
"""

from __future__ import annotations

import os
import shutil
import stat

import networkx as nx
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from app.canvas.layout_runner import SYNC_LAYOUT_NODES
from graph import messages
from graph.paths import seeds_dir
from graph.schema import COOCCURRENCE, edge_key
from graph.store.graphml import write_graphml
from tests.app.windows import LOAD_TIMEOUT_MS, find, load, press

SIZE = (1280, 800)


@pytest.fixture
def window(make_window):
    return make_window(size=SIZE)




def small_corpus(folder, text: str = "Anthropic released Claude in 2023.\n"):
    folder.mkdir()
    (folder / "notes.txt").write_text(text, encoding="utf-8")
    return folder


# == 1. Undo / Redo keys ================================================================
def test_undo_and_redo_keys_are_each_bound_once_and_work(window, qtbot, qtlog):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    nid = find(window, "Claude")
    window.push(window.exploration.focus(nid, k=1))
    before = set(window.exploration.visible)
    window.select_node(nid)
    window.canvas.setFocus()
    press(qtbot, window.canvas, "Ctrl+E")  # Expand Neighbours, by its key
    after = set(window.exploration.visible)
    assert after > before
    for redo in ("Ctrl+Shift+Z", "Ctrl+Y"):
        press(qtbot, window.canvas, "Ctrl+Z")
        assert set(window.exploration.visible) == before
        press(qtbot, window.canvas, redo)
        assert set(window.exploration.visible) == after, f"{redo} did not redo"
    bound: dict[str, list[str]] = {}
    for name, action in window.acts.items():
        for seq in action.shortcuts():
            bound.setdefault(seq.toString(), []).append(name)
    for key, owner in (("Ctrl+Z", "undo"), ("Ctrl+Shift+Z", "redo"), ("Ctrl+Y", "redo")):
        assert bound[key] == [owner], key
    assert not [r for r in qtlog.records if "Ambiguous" in r.message]


# == 2. Drops on the canvas =============================================================
def _drop_on(widget, paths) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = widget.rect().center()
    actions = Qt.DropAction.CopyAction | Qt.DropAction.LinkAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted(), "the drag was refused"
    move = QDragMoveEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(widget, move)
    assert move.isAccepted(), "the drag was refused on its way"
    drop = QDropEvent(QPointF(pos), actions, mime, buttons, mods)
    QApplication.sendEvent(widget, drop)
    return drop


@pytest.mark.slow  # opens two corpora in turn (over a second)
def test_files_and_folders_dropped_on_the_canvas_are_opened(window, qtbot, tmp_path):
    folder = small_corpus(tmp_path / "dropped")
    with qtbot.waitSignal(window.jobFinished, timeout=LOAD_TIMEOUT_MS) as finished:
        drop = _drop_on(window.canvas.viewport(), [folder])
        assert drop.isAccepted()
    assert finished.args == ["ok"]
    assert set(window.model.documents) == {"notes.txt"}
    assert window.current_paths == [str(folder)]
    other = tmp_path / "other.txt"
    shutil.copy(next(seeds_dir().glob("*.txt")), other)
    with qtbot.waitSignal(window.jobFinished, timeout=LOAD_TIMEOUT_MS):
        _drop_on(window.canvas.viewport(), [other])
    assert window.current_paths == [str(other)]
    # the rest of the window too: a panel passes the drop on to the window
    with qtbot.waitSignal(window.jobFinished, timeout=LOAD_TIMEOUT_MS):
        _drop_on(window.details.browser.viewport(), [folder])
    assert window.current_paths == [str(folder)]


def test_a_drag_that_leaves_the_canvas_is_quiet(window, qtlog):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(seeds_dir()))])
    viewport = window.canvas.viewport()
    enter = QDragEnterEvent(viewport.rect().center(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    QApplication.sendEvent(viewport, QDragLeaveEvent())
    assert window.job is None
    assert not [r for r in qtlog.records if "drag" in r.message.lower()]


def test_a_drop_of_what_is_not_a_local_file_is_refused(window):
    mime = QMimeData()
    mime.setText("just text")
    pos = window.canvas.viewport().rect().center()
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    QApplication.sendEvent(window.canvas.viewport(), enter)
    assert not enter.isAccepted()
    assert window.job is None


# == 3. Reload extracts again ===========================================================
def test_reload_extracts_the_changed_corpus_again(make_window, qtbot, tmp_path):
    folder = small_corpus(tmp_path / "corpus")
    window = make_window([str(folder)], size=SIZE)
    def mistral() -> list[str]:
        return [n for n, d in window.model.graph.nodes(data=True) if "Mistral" in d["label"]]

    assert not mistral()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.canvas.setFocus()
    with qtbot.waitSignal(window.jobFinished, timeout=LOAD_TIMEOUT_MS) as finished:
        press(qtbot, window.canvas, "F5")  # the same files: still extracted, not cached
    assert finished.args == ["ok"]
    assert "unchanged" not in window.statusBar().currentMessage()
    (folder / "notes.txt").write_text("Anthropic released Claude in 2023. Mistral AI released "
                                      "Mistral 7B in Paris.\n", encoding="utf-8")
    with qtbot.waitSignal(window.jobFinished, timeout=LOAD_TIMEOUT_MS) as finished:
        press(qtbot, window.canvas, "F5")
    assert finished.args == ["ok"]
    assert "unchanged" not in window.statusBar().currentMessage()
    assert mistral()  # the new sentence's entities
    assert window.use_cache  # only that run bypassed the cache


# == 4. The problems box ================================================================
def test_repeated_loads_with_a_bad_file_show_one_modeless_box(window, qtbot, tmp_path):
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    shutil.copy(next(seeds_dir().glob("*.txt")), corpus / "a.txt")
    (corpus / "b.txt").write_bytes(b"\x00\x01binary")
    load(qtbot, window, [str(corpus)])
    box = window.problems_box
    (corpus / "c.txt").write_bytes(b"\x00\x02binary")
    load(qtbot, window, [str(corpus)])
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes == [box] and window.problems_box is box
    assert box.windowModality() == Qt.WindowModality.NonModal and not box.isModal()
    assert QApplication.activeModalWidget() is None  # the window takes input meanwhile
    assert "c.txt" in box.detailedText()  # the second load's problems, not the first's
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.close()


# == 5. Details follow the visible set ==================================================
def _hidden_shown(window) -> str:
    return window.details.browser.toPlainText()


def test_details_follow_collapse_and_undo(window, qtbot):
    nid = max(window.model.graph, key=window.model.degree)
    window.select_node(nid)
    assert window.exploration.hidden_neighbour_count(nid) == 0
    assert "hidden" not in _hidden_shown(window)
    window.acts["collapse"].trigger()
    hidden = window.exploration.hidden_neighbour_count(nid)
    assert hidden > 0
    assert f"({hidden} hidden)" in _hidden_shown(window)
    window.undo_stack.undo()
    assert "hidden)" not in _hidden_shown(window)
    window.undo_stack.redo()
    assert f"({hidden} hidden)" in _hidden_shown(window)


# == 6. A hidden entity chosen in search is centred =====================================
def big_graph(size: int = 400) -> nx.MultiDiGraph:
    """A tree of organisations: too big to open whole, laid out in a worker."""
    graph = nx.MultiDiGraph()
    for i in range(size):
        graph.add_node(f"ORG:org-{i}", label=f"Org {i}", type="ORG", aliases=[], documents=[],
                       mentions=1, occurrences=[])
    for i in range(1, size):
        graph.add_edge(f"ORG:org-{(i - 1) // 3}", f"ORG:org-{i}",
                       key=edge_key(COOCCURRENCE, "co-occurs with"), relation="co-occurs with",
                       predicate="", weight=1.0, method=COOCCURRENCE, evidence=[])
    return graph


def test_choosing_a_hidden_entity_in_search_centres_and_selects_it(make_window, qtbot,
                                                                    tmp_path):
    path = tmp_path / "big.graphml"
    write_graphml(big_graph(), path)
    window = make_window([str(path)], size=SIZE)
    hidden = sorted(set(window.model.graph) - window.exploration.visible)
    assert hidden and len(window.canvas.drawn_nodes()) > SYNC_LAYOUT_NODES
    nid = hidden[-1]  # never drawn: it has no place until a layout (in a worker) gives one
    assert window.canvas.node_scene_pos(nid) is None
    window.search.setFocus()
    qtbot.keyClicks(window.search, window.model.label(nid))
    row = next(i for i, h in enumerate(window.search.hits) if h.node == nid)
    window.search.choose(row)
    assert window.canvas.wait_for_layout(30_000)
    qtbot.wait(10)
    assert nid in window.canvas.drawn_nodes()
    assert window.canvas.selected_node() == nid and window.details.node == nid
    viewport = window.canvas.viewport()
    centre = window.canvas.mapToScene(viewport.rect().center())
    pos = window.canvas.node_scene_pos(nid)
    assert pos is not None
    assert (centre - pos).manhattanLength() * window.canvas._scale() < 4  # pixels


# == 7. The right dock keeps its width ==================================================
def test_the_right_dock_keeps_its_width_across_selections(window, qtbot):
    graph = window.model.graph
    long_node = max(graph, key=window.model.degree)
    short_node = min(graph, key=window.model.degree)
    graph.nodes[long_node]["label"] = "A very long entity name " * 12
    graph.nodes[long_node]["aliases"] = ["an alias that goes on and on " * 8]
    qtbot.wait(50)
    width = window.details_dock.width(), window.source_dock.width()
    for nid in (long_node, short_node, long_node):
        window.select_node(nid)
        qtbot.wait(50)
        assert (window.details_dock.width(), window.source_dock.width()) == width
    u, v, key = next(iter(graph.edges(long_node, keys=True)))
    window.select_edge(u, v, key)
    qtbot.wait(50)
    assert (window.details_dock.width(), window.source_dock.width()) == width
    view = window.source.view
    passage = window.source.passages[window.source.current]
    cursor = view.textCursor()
    cursor.setPosition(passage.start)
    assert view.viewport().rect().contains(view.cursorRect(cursor).center())


def _in_view(view, offset: int) -> bool:
    cursor = view.textCursor()
    cursor.setPosition(offset)
    return view.viewport().rect().contains(view.cursorRect(cursor).center())


@pytest.mark.slow
def test_the_passage_being_read_stays_in_view_when_the_dock_is_resized(window, qtbot):
    view = window.source.view
    window.resizeDocks([window.source_dock], [520], Qt.Orientation.Horizontal)
    # applied before the loop, whose first width may be the dock's width at start
    qtbot.waitUntil(lambda: window.source_dock.width() == 520, timeout=2_000)
    for nid in sorted(window.model.graph)[:12]:
        window.select_node(nid)
        passage = window.source.passages[window.source.current]
        assert _in_view(view, passage.start)
        for width in (200, 800, 300, 520):  # the lines wrap anew each time
            before = view.width()
            window.resizeDocks([window.source_dock], [width], Qt.Orientation.Horizontal)
            qtbot.waitUntil(lambda before=before: view.width() != before, timeout=2_000)
            qtbot.waitUntil(lambda p=passage: _in_view(view, p.start), timeout=2_000)


# == 8. Export file mode ================================================================
@pytest.mark.parametrize("umask", [0o022, 0o002], ids=["umask-022", "umask-002"])
def test_exports_get_the_normal_file_mode(window, tmp_path, umask):
    old = os.umask(umask)
    try:
        path = tmp_path / "g.graphml"
        assert window.export_graph(str(path))
        csv = tmp_path / "g.csv"
        assert window.export_graph(str(csv), "csv")
    finally:
        os.umask(old)
    written = [path, *[p for p in tmp_path.iterdir() if p.suffix == ".csv"]]
    assert len(written) >= 2
    for p in written:
        assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~umask, p.name


# == 9. The search field forgets the old corpus =========================================
def test_the_search_field_is_cleared_when_a_new_graph_is_loaded(window, qtbot, tmp_path):
    window.search.setFocus()
    qtbot.keyClicks(window.search, "Claude")
    assert window.search.hits
    load(qtbot, window, [str(small_corpus(tmp_path / "corpus"))])
    assert window.search.text() == ""
    assert not window.search.hits
    assert not window.search.completer_.popup().isVisible()


# == 10. Long status messages leave the counts readable =================================
def test_a_long_status_message_never_covers_the_counts(window, qtbot):
    status = window.statusBar()
    long = "Wrote " + ", ".join(f"/some/rather/long/folder/export-{i}.graphml" for i in range(40))
    window.show_status(long, 10_000)
    qtbot.wait(20)
    counts = window.counts
    assert counts.isVisible()
    assert counts.width() >= counts.sizeHint().width()
    assert counts.geometry().right() <= status.rect().right()
    shown = status.currentMessage()
    assert shown != long and shown.endswith("\u2026")
    text_right = 6 + status.fontMetrics().horizontalAdvance(shown)
    first_permanent = min(w.geometry().left() for w in
                          (window.facts_count, window.counts, *window._job_widgets())
                          if w.isVisible())
    assert text_right <= first_permanent
    assert status.toolTip() == long
    window.show_status("Done", 1_000)
    assert status.currentMessage() == "Done" and status.toolTip() == ""


# == 11. The full-text search dialog ====================================================
def test_the_full_text_search_dialog_is_a_sensible_size(window, qtbot):
    seen = {}

    def inspect() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, QInputDialog) and w.isVisible())
        seen.update(size=dialog.size(), title=dialog.windowTitle(),
                    title_width=dialog.fontMetrics().horizontalAdvance(dialog.windowTitle()))
        dialog.reject()

    QTimer.singleShot(100, inspect)
    window.ask_text_search()
    assert seen["title"] == messages.FIND_TEXT_TITLE
    assert seen["size"].width() >= 700
    assert seen["size"].width() >= seen["title_width"] + 160  # the title bar shows it whole
    assert seen["size"].height() >= 80
