"""How the person moves around the canvas: zoom, selection, hover, mouse and keyboard.

:class:`CanvasInteraction` is mixed into :class:`app.canvas.view.GraphCanvas` (before
``QGraphicsView``, so its event handlers override the view's) and works on the canvas's
state: selection, hover, positions and pins. Hit tests are :func:`app.canvas.scene.node_at`
and :func:`~app.canvas.scene.link_at` on the drawn arrays.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QRect, Qt
from PySide6.QtWidgets import QApplication, QToolTip

from app.canvas.scene import as_number, link_at, node_at
from app.guard import guarded
from app.plain_text import tooltip_text
from graph.build.curation import carry_positions
from graph.explore.entity_facts import entity_facts
from graph.taxonomy import type_info

WHEEL_ZOOM_BASE = 1.0015  # zoom factor per unit of wheel angle (120 units a notch)
ZOOM_STEP = 1.25
MIN_SCALE, MAX_SCALE = 0.01, 12.0
TOOLTIP_FACTS = 5  # metrics (and dates) a node's tooltip lists at most
ARROW_KEYS = {Qt.Key.Key_Left: "left", Qt.Key.Key_Right: "right", Qt.Key.Key_Up: "up",
              Qt.Key.Key_Down: "down"}
TOOLTIP_RELATIONS = 30  # typed relations a node's tooltip lists at most


def dropped_paths(mime: QMimeData) -> list[str]:
    """The files and folders a drag carries: ``[]`` unless every URL is a local file."""
    urls = mime.urls() if mime.hasUrls() else []
    if not urls or not all(url.isLocalFile() for url in urls):
        return []
    return [url.toLocalFile() for url in urls]


class CanvasInteraction:
    """Zoom, selection, hover, mouse and keyboard of :class:`~app.canvas.view.GraphCanvas`.

    A mixin that keeps no state but the node it waits to centre and the drag under way:
    it uses the canvas's attributes and signals, and the selection of
    :class:`app.canvas.selection.CanvasSelection` (a click selects a node alone, Ctrl+click
    adds or removes one, Shift+drag on the background selects the nodes in a rectangle).
    """

    _centre_later: str | None = None  # the node to centre once laid out (center_on_node)
    _drag: dict | None = None  # the node being dragged: index, grab offset, moved, group
    _press_pos: QPoint | None = None
    _gone_places: dict | None = None  # places of nodes an edit took away (an undo: back)

    # -- zoom and scroll ---------------------------------------------------------------
    def fit_all(self, follow: bool = False) -> None:
        """Zoom and scroll so that every drawn node is in view.

        With ``follow`` the view keeps fitting as layouts land (until the person zooms or
        pans), as after opening a graph.
        """
        if follow:
            self._auto_fit = True
        self._centre_later = None
        self._fit_drawing()

    def zoom_by(self, factor: float, anchor: QPoint | None = None) -> None:
        """Zoom by ``factor`` keeping the scene point under ``anchor`` (viewport
        coordinates; default the centre) where it is."""
        self._auto_fit = False
        target = min(max(self._scale() * factor, MIN_SCALE), MAX_SCALE)
        factor = target / self._scale()
        if anchor is None:
            anchor = self.viewport().rect().center()
        fixed = self.mapToScene(anchor)
        self.scale(factor, factor)
        drift = self.mapFromScene(fixed) - anchor
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + drift.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + drift.y())

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def center_on_node(self, nid: str) -> None:
        """Scroll so that ``nid`` is in the middle.

        A node without a place yet (just made visible, its layout still running) is
        centred when the layout places it, unless the person pans or fits first.
        """
        self._auto_fit = False
        pos = self.node_scene_pos(nid)
        self._centre_later = nid if pos is None else None
        if pos is not None:
            self.centerOn(pos)

    def pan_to(self, scene_pos: QPointF) -> None:
        """Scroll so that the scene point ``scene_pos`` is in the middle (the minimap)."""
        self._auto_fit = False
        self._centre_later = None
        self.centerOn(scene_pos)

    def _centre_placed(self) -> None:
        """Centre the node :meth:`center_on_node` waited for, once it has a place."""
        if self._centre_later is not None and \
                self.node_scene_pos(self._centre_later) is not None:
            self.center_on_node(self._centre_later)

    def _scale(self) -> float:
        t = self.transform()
        return math.hypot(t.m11(), t.m12()) or 1.0

    def _set_scale(self, scale: float) -> None:
        factor = scale / self._scale()
        self.scale(factor, factor)

    def _carry_over(self, event) -> None:
        """After an edit of the graph (a model event ``"edited"``): nodes keep their places,
        pins and selection under their new ids; a split-off node starts beside its origin;
        deleted ones are forgotten."""
        graph = self._model.graph
        alive = graph.nodes.keys()
        if self._gone_places is None:
            self._gone_places = {}
        self._positions = carry_positions(self._positions, event.renamed, event.born, alive,
                                          gone=self._gone_places)
        self._pinned = {event.successor(n) for n in self._pinned} & self._positions.keys()
        self._selection = {m: None for n in self._selection
                           if (m := event.successor(n)) in alive}
        if self._selected_node is not None:
            nid = event.successor(self._selected_node)
            self._selected_node = nid if nid in alive else None
        if self._selected_edge is not None and not graph.has_edge(*self._selected_edge):
            self._selected_edge = None
        self.legend.refresh()

    # -- hover -------------------------------------------------------------------------
    def hovered_node(self) -> str | None:
        hover = self.state.hover
        return None if hover is None else self.state.arrays.ids[hover]

    def highlighted_nodes(self) -> set[str]:
        """The hovered node and its drawn neighbours (empty when nothing is hovered)."""
        focus = self.state.focus_nodes
        return set() if focus is None else {self.state.arrays.ids[i] for i in focus}

    def _update_badges(self) -> None:
        """"+N" on the hovered and the selected node: neighbours the exploration hides."""
        ids = self.state.arrays.ids
        self.state.badges = {
            i: self._exploration.hidden_neighbour_count(ids[i])
            for i in (self.state.hover, self.state.selected) if i is not None and i < len(ids)}

    # -- hit-testing -------------------------------------------------------------------
    def node_at(self, pos: QPoint) -> str | None:
        """The node under the viewport position ``pos``, if any."""
        i = self._node_index_at(self.mapToScene(pos))
        return None if i is None else self.state.arrays.ids[i]

    def edge_at(self, pos: QPoint) -> tuple[str, str, str] | None:
        """The edge ``(u, v, key)`` drawn nearest to ``pos`` within a few pixels, if any."""
        link = self._link_index_at(self.mapToScene(pos))
        return None if link is None else self.state.arrays.link_keys[link]

    def _node_index_at(self, scene_pos: QPointF) -> int | None:
        return node_at(self.state.arrays, scene_pos.x(), scene_pos.y(), self._scale())

    def _link_index_at(self, scene_pos: QPointF) -> int | None:
        return link_at(self.state.arrays, scene_pos.x(), scene_pos.y(), self._scale())

    # -- events ------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position().toPoint()
        scene_pos = self.mapToScene(pos)
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        i = self._node_index_at(scene_pos)
        self._press_pos = pos
        self._drag = None
        if i is not None:
            arrays = self.state.arrays
            nid = arrays.ids[i]
            if ctrl:
                self.toggle_node(nid)
                event.accept()
                return
            grab = QPointF(*arrays.xy[i]) - scene_pos
            # Pressing one of several selected nodes keeps them all: a drag moves them
            # together, a click (no drag) selects that node alone on release.
            group = nid in self._selection and len(self._selection) > 1
            self._drag = {"index": i, "grab": grab, "moved": False, "group": group}
            if group:
                self.select_nodes(self._selection, nid)
            else:
                self.select_node(nid)
            event.accept()
            return
        if mods & Qt.KeyboardModifier.ShiftModifier:
            self._start_band(pos)
            event.accept()
            return
        link = self._link_index_at(scene_pos)
        if link is not None and not ctrl:
            u, v, key = self.state.arrays.link_keys[link]
            self.select_edge(u, v, key)
            self.edgeClicked.emit(u, v, key)
            event.accept()
            return
        self._auto_fit = False
        self._centre_later = None
        if not ctrl:
            self.clear_selection()
        super().mousePressEvent(event)  # background: pan

    def mouseMoveEvent(self, event) -> None:
        pos = event.position().toPoint()
        if self._band is not None:
            self._band.setGeometry(QRect(self._band_origin, pos).normalized())
            event.accept()
            return
        drag = self._drag
        if drag is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if not drag["moved"] and self._press_pos is not None and \
                    (pos - self._press_pos).manhattanLength() < QApplication.startDragDistance():
                return
            drag["moved"] = True
            self._move_node(drag["index"], self.mapToScene(pos) + drag["grab"], drag["group"])
            event.accept()
            return
        if event.buttons() == Qt.MouseButton.NoButton:
            self._hover_at(pos, event.globalPosition().toPoint())
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._band is not None and event.button() == Qt.MouseButton.LeftButton:
            self._finish_band(event.position().toPoint(),
                              bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))
            event.accept()
            return
        drag, self._drag = self._drag, None
        if drag is not None and event.button() == Qt.MouseButton.LeftButton:
            nid = self.state.arrays.ids[drag["index"]] \
                if drag["index"] < len(self.state.arrays.ids) else None
            if nid is not None:
                if drag["moved"]:
                    self.nodeMoved.emit(nid)
                else:
                    if drag["group"]:
                        self.select_node(nid)
                    self.nodeClicked.emit(nid)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            i = self._node_index_at(self.mapToScene(event.position().toPoint()))
            if i is not None:
                self.nodeDoubleClicked.emit(self.state.arrays.ids[i])
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event) -> None:
        delta = event.angleDelta().y() or event.pixelDelta().y()
        if delta:
            self.zoom_by(WHEEL_ZOOM_BASE ** delta, event.position().toPoint())
        event.accept()

    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_0 and mods & Qt.KeyboardModifier.ControlModifier:
            self.fit_all(follow=True)
        elif key == Qt.Key.Key_Escape:
            self.clear_selection()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selection:
            self.expandRequested.emit(list(self._selection))
        elif key in ARROW_KEYS and self.state.selected is not None and \
                not mods & Qt.KeyboardModifier.ControlModifier:
            self.move_selection(ARROW_KEYS[key])
        else:
            super().keyPressEvent(event)  # the arrows pan while nothing is selected

    def event(self, event) -> bool:
        # Tab walks the neighbours of the selected node; with nothing selected it moves the
        # focus on, as anywhere else.
        if event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and \
                not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                         | Qt.KeyboardModifier.AltModifier) and \
                self.state.selected is not None:
            backwards = event.key() == Qt.Key.Key_Backtab or \
                bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.next_neighbour(-1 if backwards else 1)
            event.accept()
            return True
        return super().event(event)

    def dragEnterEvent(self, event) -> None:
        # Files and folders are the window's to open; the scene takes no drops.
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    dragMoveEvent = dragEnterEvent

    def dragLeaveEvent(self, event) -> None:
        event.accept()  # not the view's: it would look for a drag its scene never saw

    def dropEvent(self, event) -> None:
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.filesDropped.emit(paths)
        else:
            event.ignore()

    def contextMenuEvent(self, event) -> None:
        nid = self.node_at(event.pos())
        if nid is not None:
            # On one of several selected nodes the menu acts on them all.
            if nid in self._selection:
                if nid != self._selected_node:
                    self.select_nodes(self._selection, nid)
            else:
                self.select_node(nid)
        else:
            edge = self.edge_at(event.pos())
            if edge is not None:
                self.select_edge(*edge)
                self.edgeMenuRequested.emit(*edge, event.globalPos())
                event.accept()
                return
        self.contextMenuRequested.emit(nid, event.globalPos())
        event.accept()

    def leaveEvent(self, event) -> None:
        self._set_hover(None)
        self._set_hover_link(None)
        super().leaveEvent(event)

    # -- hover and drag ----------------------------------------------------------------
    @guarded
    def _hover_at(self, pos: QPoint, global_pos: QPoint) -> None:
        scene_pos = self.mapToScene(pos)
        i = self._node_index_at(scene_pos)
        self._set_hover(i)
        if i is not None:
            self._set_hover_link(None)
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
            QToolTip.showText(global_pos, tooltip_text(self._node_tooltip(i)), self.viewport())
            return
        link = self._link_index_at(scene_pos)
        self._set_hover_link(link)
        if link is not None:
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
            QToolTip.showText(global_pos, tooltip_text(self._link_tooltip(link)), self.viewport())
        else:
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            QToolTip.hideText()

    def _set_hover(self, index: int | None, force: bool = False) -> None:
        if index == self.state.hover and not force:
            return
        self.state.hover = index
        self._update_badges()
        if index is None:
            self.state.focus_nodes = self.state.focus_links = None
        else:
            neighbours, links = self.state.arrays.neighbours(index)
            self.state.focus_nodes = np.unique(np.append(neighbours, index))
            self.state.focus_links = links
        self._layer.update()
        self.hoverChanged.emit(self.hovered_node())

    def _set_hover_link(self, link: int | None) -> None:
        if link != self.state.hover_link:
            self.state.hover_link = link
            self._layer.update()

    def _move_node(self, i: int, scene_pos: QPointF, group: bool = False) -> None:
        """Put node ``i`` at ``scene_pos`` (``group``: the other selected nodes follow it)
        and pin what moved."""
        arrays = self.state.arrays
        self._glide.stop()
        moved = np.array([i], dtype=np.int64)
        if group and len(self.state.selected_nodes):
            moved = np.union1d(self.state.selected_nodes, moved)
            moved = moved[arrays.placed[moved]]
        delta = np.array([scene_pos.x(), scene_pos.y()]) - arrays.xy[i]
        arrays.xy[moved] += delta
        for j in moved:
            nid = arrays.ids[j]
            self._positions[nid] = (float(arrays.xy[j, 0]), float(arrays.xy[j, 1]))
            self._pinned.add(nid)
        arrays.pinned[moved] = True
        self._geometry_changed()

    # -- tooltips ----------------------------------------------------------------------
    def _link_tooltip(self, link: int) -> str:
        arrays = self.state.arrays
        u, v = arrays.ids[arrays.link_u[link]], arrays.ids[arrays.link_v[link]]
        lu, lv = self._model.label(u), self._model.label(v)
        relations = ", ".join(dict.fromkeys(arrays.link_relations[link]))
        weight = arrays.link_weight[link]
        if arrays.link_dependency[link]:
            return f"{lu} —{relations}→ {lv}  (weight {weight:g})"
        return f"{lu} — {lv}: {relations}  (weight {weight:g})"

    def _node_tooltip(self, i: int) -> str:
        """The node's tooltip and every typed relation drawn from or to it (the canvas names
        only those it has room for)."""
        arrays = self.state.arrays
        rows = []
        for link in arrays.neighbours(i)[1].tolist():
            if not arrays.link_dependency[link]:
                continue
            relation = " · ".join(dict.fromkeys(arrays.link_relations[link]))
            u, v = int(arrays.link_u[link]), int(arrays.link_v[link])
            rows.append(f"  —{relation}→ {arrays.labels[v]}" if u == i
                        else f"  {arrays.labels[u]} —{relation}→")
        more = len(rows) - TOOLTIP_RELATIONS
        rows = rows[:TOOLTIP_RELATIONS] + ([f"  … and {more} more"] if more > 0 else [])
        head = self.node_tooltip(arrays.ids[i])
        return "\n".join([head, "Relations:", *rows]) if rows else head

    def node_tooltip(self, nid: str) -> str:
        """The plain text shown when the mouse rests on ``nid``: name, type, mentions, and
        its facts (metrics with what they were measured on, dates)."""
        data = self._model.node(nid)
        kind = type_info(data.get("type", "OTHER")).name
        mentions = int(as_number(data.get("mentions", 0)))
        hidden = self._exploration.hidden_neighbour_count(nid)
        more = f" · {hidden} hidden neighbour{'s' if hidden != 1 else ''}" if hidden else ""
        facts = entity_facts(self._model.graph, nid).lines(TOOLTIP_FACTS)
        return "\n".join([f"{self._model.label(nid)}", f"{kind} · {mentions} mentions{more}",
                          *facts])

