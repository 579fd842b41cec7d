"""Interaction people expect: multi-select, keyboard navigation, the minimap, evidence and
source files, the theme. A real window on the seeds (or a real canvas on a generated graph),
real mouse and key events on the canvas's viewport and the canvas.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QObject, QPoint, QPointF, QRect, QSize, Qt, QUrl, Slot
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDesktopServices,
    QGuiApplication,
    QPalette,
)
from PySide6.QtWidgets import QApplication

from app.canvas.minimap import MINIMAP_MIN_NODES, dots_image
from app.canvas.style import is_dark
from app.theme import apply_theme
from graph.store.graphml import read_graphml
from tests.app.windows import ba_graph, bare_canvas, find

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(make_window):
    win = make_window()
    win.activateWindow()
    win.canvas.setFocus()
    return win



def click(qtbot, win, nid: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    pos = win.canvas.node_viewport_pos(nid)
    assert win.canvas.viewport().rect().contains(pos), "the node is off screen"
    qtbot.mouseClick(win.canvas.viewport(), LEFT, modifier, pos)


def two_apart(win) -> tuple[str, str]:
    """Two drawn nodes far enough apart to click each without hitting the other."""
    canvas = win.canvas
    nodes = sorted(canvas.drawn_nodes(), key=lambda n: -win.model.degree(n))
    a = nodes[0]
    pa = canvas.node_viewport_pos(a)
    b = next(n for n in nodes[1:] if (canvas.node_viewport_pos(n) - pa).manhattanLength() > 60
             and canvas.node_at(canvas.node_viewport_pos(n)) == n)
    return a, b


# -- multi-select ----------------------------------------------------------------------
def test_ctrl_click_adds_and_removes_nodes_and_details_list_them(window, qtbot):
    a, b = two_apart(window)
    click(qtbot, window, a)
    assert window.canvas.selected_nodes() == [a] and window.details.node == a
    with qtbot.waitSignal(window.canvas.selectionChanged):
        click(qtbot, window, b, CTRL)
    assert window.canvas.selected_nodes() == [a, b]
    assert window.canvas.selected_node() == b  # the current one: the last added
    shown = window.details.browser.toPlainText()
    assert "2 entities selected" in shown
    assert window.model.label(a) in shown and window.model.label(b) in shown
    state = window.canvas.state
    assert sorted(state.selected_nodes) == sorted(state.arrays.index[n] for n in (a, b))
    window.details.nodeActivated.emit(b)  # a name in the list: that entity alone
    assert window.canvas.selected_nodes() == [b] and window.details.node == b
    window.canvas.select_nodes([a, b])
    click(qtbot, window, b, CTRL)  # again: out of the selection
    assert window.canvas.selected_nodes() == [a]
    assert window.details.node == a and window.details.selection == []
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert window.canvas.selected_nodes() == [] and window.details.node is None


def _near_border(rect: QRect, pos, margin: int = 3) -> bool:
    return rect.adjusted(-margin, -margin, margin, margin).contains(pos) and \
        not rect.adjusted(margin, margin, -margin, -margin).contains(pos)


def test_shift_drag_selects_the_nodes_inside_the_rubber_band(window, qtbot):
    canvas = window.canvas
    view = canvas.viewport().rect()
    start = QPoint(view.left() + 3, view.top() + 3)
    assert canvas.node_at(start) is None
    # a corner no node centre sits right next to (on the border, rounding decides)
    end = next(end for d in range(0, 60, 3) for end in [view.center() + QPoint(d, d)]
               if not any(_near_border(QRect(start, end), canvas.node_viewport_pos(n))
                          for n in canvas.drawn_nodes()))
    band = QRect(start, end)
    expected = {n for n in canvas.drawn_nodes() if band.contains(canvas.node_viewport_pos(n))}
    assert 2 <= len(expected) < len(canvas.drawn_nodes())
    qtbot.mousePress(canvas.viewport(), LEFT, SHIFT, start)
    qtbot.mouseMove(canvas.viewport(), QPoint((start.x() + end.x()) // 2, end.y() // 2))
    qtbot.mouseMove(canvas.viewport(), end)
    assert canvas._band is not None and canvas._band.isVisible()
    qtbot.mouseRelease(canvas.viewport(), LEFT, SHIFT, end)
    assert set(canvas.selected_nodes()) == expected
    assert f"{len(expected)} entities selected" in window.details.browser.toPlainText()
    # Ctrl+A selects every entity drawn; a plain click on one of them selects it alone
    qtbot.keyClick(canvas, Qt.Key.Key_A, CTRL)
    assert set(canvas.selected_nodes()) == set(canvas.drawn_nodes())
    some = next(iter(expected))
    click(qtbot, window, some)
    assert canvas.selected_nodes() == [some]


def test_dragging_one_of_several_selected_nodes_moves_them_all(window, qtbot):
    canvas = window.canvas
    a, b = two_apart(window)
    canvas.select_nodes([a, b])
    pa, pb = canvas.node_scene_pos(a), canvas.node_scene_pos(b)
    start = canvas.node_viewport_pos(a)
    end = start + QPoint(40, 25)
    qtbot.mousePress(canvas.viewport(), LEFT, pos=start)
    qtbot.mouseMove(canvas.viewport(), start + QPoint(20, 12))
    qtbot.mouseMove(canvas.viewport(), end)
    qtbot.mouseRelease(canvas.viewport(), LEFT, pos=end)
    da, db = canvas.node_scene_pos(a) - pa, canvas.node_scene_pos(b) - pb
    assert da.manhattanLength() > 10 and (da - db).manhattanLength() < 1e-6
    assert {a, b} <= canvas.pinned_nodes()
    assert canvas.selected_nodes() == [a, b]  # a drag keeps the selection


def test_hide_on_a_multi_selection_is_one_undoable_step(window):
    nodes = window.canvas.drawn_nodes()[:4]
    window.canvas.select_nodes(nodes)
    before, steps = set(window.exploration.visible), window.undo_stack.count()
    window.acts["hide"].trigger()
    assert not set(nodes) & window.exploration.visible
    assert window.exploration.visible == before - set(nodes)
    assert window.undo_stack.count() == steps + 1
    assert window.undo_stack.undoText() == "Hide 4 entities"
    window.canvas.redraw_now()
    assert window.canvas.selected_nodes() == []  # what is not drawn is not selected
    window.undo_stack.undo()
    assert window.exploration.visible == before


def test_expand_and_pin_act_on_every_selected_node(window, qtbot):
    claude, anthropic = find(window, "Claude"), find(window, "Anthropic")
    window.push(window.exploration.focus(claude, k=1))
    window.push(window.exploration.reveal(anthropic, k=0))
    assert window.canvas.wait_for_layout(30_000)
    before = set(window.exploration.visible)
    assert {claude, anthropic} <= before
    window.canvas.select_nodes([claude, anthropic])
    steps = window.undo_stack.count()
    window.acts["expand"].trigger()
    after = window.exploration.visible
    for nid in (claude, anthropic):
        assert set(window.model.strongest_neighbours(nid, 2)) <= after, nid
    assert window.undo_stack.count() == steps + 1
    assert window.canvas.wait_for_layout(30_000)

    window.canvas.select_nodes([claude, anthropic])
    window.acts["pin"].trigger()
    assert {claude, anthropic} <= window.canvas.pinned_nodes()
    assert window.undo_stack.undoText() == "Pin 2 entities"
    window.undo_stack.undo()
    assert not {claude, anthropic} & window.canvas.pinned_nodes()
    window.undo_stack.redo()
    window.acts["unpin"].trigger()
    assert not {claude, anthropic} & window.canvas.pinned_nodes()


def test_export_selection_writes_exactly_the_selected_nodes(window, tmp_path):
    claude = find(window, "Claude")
    drawn = set(window.canvas.drawn_nodes())
    chosen = [claude, *[n for n in window.model.strongest_neighbours(claude) if n in drawn][:3]]
    metric = next(n for n, d in window.model.graph.nodes(data=True) if d["type"] == "METRIC")
    window.canvas.select_nodes([*chosen, metric])
    assert window.canvas.selected_nodes() == chosen  # a metric kept as a fact is not drawn
    path = tmp_path / "selection.graphml"
    assert window.export_graph(str(path), "graphml", selection=True)
    exported = read_graphml(path)
    assert set(exported) == set(chosen)
    between = {(u, v, k) for u, v, k in window.model.graph.edges(keys=True)
               if u in chosen and v in chosen}
    assert {(u, v, k) for u, v, k in exported.edges(keys=True)} <= between
    assert exported.number_of_edges() > 0
    assert all(exported.nodes[n]["label"] == window.model.label(n) for n in chosen)


# -- keyboard --------------------------------------------------------------------------
def test_tab_walks_the_neighbours_strongest_first(window, qtbot):
    canvas = window.canvas
    claude = find(window, "Claude")
    drawn = set(canvas.drawn_nodes())
    ranked = [n for n in window.model.strongest_neighbours(claude) if n in drawn]
    assert len(ranked) >= 3
    canvas.select_node(claude)
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)
    assert canvas.selected_node() == ranked[0]
    assert window.details.node == ranked[0]  # the details follow the keys
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)
    assert canvas.selected_node() == ranked[1]
    qtbot.keyClick(canvas, Qt.Key.Key_Backtab, SHIFT)
    assert canvas.selected_node() == ranked[0]
    assert canvas.hasFocus()  # Tab stayed on the canvas


def test_arrow_keys_move_to_the_neighbour_that_way_or_pan(window, qtbot):
    canvas = window.canvas
    claude = find(window, "Claude")
    canvas.select_node(claude)
    x0 = canvas.node_scene_pos(claude).x()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    moved = canvas.selected_node()
    assert moved != claude and canvas.node_scene_pos(moved).x() > x0
    neighbours = set(window.model.neighbour_weights(claude)) & set(canvas.drawn_nodes())
    if any(canvas.node_scene_pos(n).x() > x0 for n in neighbours):
        assert moved in neighbours
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    bar = canvas.horizontalScrollBar()
    value = bar.value()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)  # nothing selected: the view pans
    assert bar.value() != value and canvas.selected_node() is None


def test_enter_expands_and_the_view_follows_the_selection(window, qtbot):
    canvas = window.canvas
    claude = find(window, "Claude")
    window.push(window.exploration.focus(claude, k=1))
    assert canvas.wait_for_layout(30_000)
    canvas.select_node(claude)
    before = set(window.exploration.visible)
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert window.exploration.visible > before
    assert canvas.wait_for_layout(30_000)
    # a node off screen is brought to the middle when the keys select it
    other = next(n for n in canvas.drawn_nodes() if n != claude)
    canvas.pan_to(canvas.node_scene_pos(other) + QPointF(5_000, 5_000))
    canvas.select_node(other)
    canvas.follow_node(other)
    assert canvas.viewport().rect().contains(canvas.node_viewport_pos(other))


# -- minimap ---------------------------------------------------------------------------
@pytest.mark.slow
def test_the_minimap_shows_over_the_threshold_and_a_click_moves_the_view(qtbot):
    model, exploration, canvas = bare_canvas(qtbot, 1000, 700)
    try:
        model.reset(ba_graph(MINIMAP_MIN_NODES + 100, seed=3, types=("MODEL", "ORG", "METHOD")))
        qtbot.waitUntil(canvas.is_idle, timeout=20_000)
        assert len(canvas.drawn_nodes()) <= MINIMAP_MIN_NODES  # the overview
        assert not canvas.minimap.isVisible()
        exploration.apply(exploration.show_all())
        canvas.redraw_now()
        assert canvas.wait_for_layout(30_000)
        minimap = canvas.minimap
        assert minimap.isVisible()
        assert canvas.viewport().rect().contains(minimap.geometry())
        assert minimap.geometry().right() > canvas.viewport().width() / 2  # not the legend's
        qtbot.waitUntil(lambda: minimap.grab() is not None and not minimap._dirty)
        canvas.zoom_by(4.0)
        target = QPoint(minimap.width() // 5, minimap.height() // 4)
        qtbot.mouseClick(minimap, LEFT, pos=target)
        centre = canvas.mapToScene(canvas.viewport().rect().center())
        wanted = minimap.to_scene(QPointF(target))
        assert abs(centre.x() - wanted.x()) < 5 / canvas._scale() + 2
        assert abs(centre.y() - wanted.y()) < 5 / canvas._scale() + 2
        shown = minimap.viewport_rect()
        assert shown.contains(QPointF(target))  # the rectangle follows the view
        minimap.set_enabled(False)
        assert not minimap.isVisible()
    finally:
        canvas.shutdown()


def test_the_dots_of_a_crowd_are_set_in_their_colours_later_over_earlier(qapp):
    colours = [QColor("#d04040"), QColor("#2060c0")]
    dots = np.array([[10.5, 8.5], [30.0, 20.0], [10.5, 8.5], [-5.0, 3.0]])
    image = dots_image(dots, np.array([0, 1, 1, 0]), colours, 40, 30, 1.0)
    assert image.size() == QSize(40, 30)
    assert image.pixelColor(29, 19) == colours[1]
    assert image.pixelColor(10, 8) == colours[1]  # the later dot on the same spot
    assert image.pixelColor(0, 0).alpha() == 0  # off the map (and empty) stays clear


def test_view_menu_toggles_the_minimap_and_remembers_it(window):
    assert window.acts["minimap"].isChecked() and window.canvas.minimap.is_enabled()
    window.acts["minimap"].trigger()
    assert not window.canvas.minimap.is_enabled()
    window.close()
    assert window.settings.value("view/minimap", type=bool) is False


# -- evidence and source files ---------------------------------------------------------
class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened_urls():
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    yield catcher.urls
    QDesktopServices.unsetUrlHandler("file")


def typed_edge(win):
    return next((u, v, k, d) for u, v, k, d in win.model.graph.edges(keys=True, data=True)
                if d["method"] == "dependency" and d["evidence"])


def test_copy_evidence_of_an_edge_and_of_a_node(window):
    u, v, key, data = typed_edge(window)
    window.focus_edge(u, v, key)
    window.acts["copy_evidence"].trigger()
    text = QGuiApplication.clipboard().text()
    first = data["evidence"][0]
    assert f'"{" ".join(first["text"].split())}" \u2014 {first["doc"]}' in text.splitlines()
    assert len(text.splitlines()) == len({e["text"] for e in data["evidence"]})

    claude = find(window, "Claude")
    window._on_context_menu(claude, QPoint(10, 10))
    entries = {a.text(): a for a in window.context_menu.actions()}
    entries["Copy Evidence"].trigger()
    window.context_menu.close()
    lines = QGuiApplication.clipboard().text().splitlines()
    doc, _s, _e, s_start, s_end = window.model.node(claude)["occurrences"][0]
    sentence = " ".join(window.model.documents[doc].text[s_start:s_end].split())
    assert f'"{sentence}" \u2014 {doc}' in lines
    assert all(line.endswith(".txt") for line in lines)


def test_open_source_file_reaches_the_url_handler(window, opened_urls):
    u, v, key, data = typed_edge(window)
    window.canvas.select_edge(u, v, key)
    window.acts["open_source"].trigger()
    doc = data["evidence"][0]["doc"]
    assert [url.toLocalFile() for url in opened_urls] == [window.model.documents[doc].path]
    # a node in several documents: its menu lists them, each opens its file
    node = next(n for n in window.canvas.drawn_nodes()
                if len(window.model.node(n)["documents"]) > 1)
    window._on_context_menu(node, QPoint(10, 10))
    submenu = next(a.menu() for a in window.context_menu.actions()
                   if a.menu() is not None and a.text() == "Open Source File")
    listed = [a.text() for a in submenu.actions()]
    assert set(listed) == set(window.model.node(node)["documents"])
    submenu.actions()[1].trigger()
    window.context_menu.close()
    assert opened_urls[-1].toLocalFile() == window.model.documents[listed[1]].path


def test_edge_context_menu_offers_evidence(window, qtbot, opened_urls):
    canvas = window.canvas
    typed = [(u, v) for u, v, d in window.model.graph.edges(data=True)
             if d["method"] == "dependency" and d["evidence"]]
    for u, v in typed[:10]:  # the first typed edge whose middle no big node covers
        window.push(window.exploration.focus(u, k=30))
        assert canvas.wait_for_layout(30_000)
        pu, pv = canvas.node_viewport_pos(u), canvas.node_viewport_pos(v)
        middle = (pu + pv) / 2 if pu is not None and pv is not None else None
        if middle is not None and canvas.node_at(middle) is None:
            break
    edge = canvas.edge_at(middle)
    assert edge is not None and canvas.node_at(middle) is None
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, middle,
                              canvas.viewport().mapToGlobal(middle))
    with qtbot.waitSignal(canvas.edgeMenuRequested):
        QApplication.sendEvent(canvas.viewport(), event)
    assert canvas.selected_edge() == edge
    texts = [a.text() for a in window.context_menu.actions()]
    assert texts[0] == "Copy Evidence" and "Open Source File" in texts
    window.context_menu.close()


# -- theme -----------------------------------------------------------------------------
@pytest.fixture
def system_theme_after():
    yield
    apply_theme(QApplication.instance(), "system")


def test_dark_theme_restyles_and_persists(make_window, qtbot, system_theme_after):
    window = make_window()
    assert window.theme() == "system"
    light_background = window.canvas.backgroundBrush().color()
    window.acts["theme_dark"].trigger()
    palette = QApplication.instance().palette()
    assert is_dark(palette)
    assert window.acts["theme_dark"].isChecked() and not window.acts["theme_system"].isChecked()
    qtbot.waitUntil(lambda: window.canvas.state.style.dark)
    background = window.canvas.backgroundBrush().color()
    assert background != light_background and background.lightness() < 60
    assert background == palette.color(QPalette.ColorRole.Base)
    assert is_dark(window.details.palette()) and is_dark(window.source.view.palette())
    assert window.settings.value("view/theme") == "dark"
    window.close()

    again = make_window()  # the same settings file: it starts dark
    assert again.theme() == "dark" and again.canvas.state.style.dark
    again.acts["theme_system"].trigger()
    assert not is_dark(QApplication.instance().palette())
    qtbot.waitUntil(lambda: not again.canvas.state.style.dark)
    assert again.canvas.backgroundBrush().color() == light_background
    assert again.settings.value("view/theme") == "system"
