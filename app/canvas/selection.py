"""Which nodes are selected, and how the rubber band and the keys change it.

:class:`CanvasSelection` is mixed into :class:`app.canvas.view.GraphCanvas` beside
:class:`app.canvas.interaction.CanvasInteraction` (which calls it from the mouse and key
events). The canvas keeps an ordered set of selected nodes and one *current* node among
them (the last selected: the details and the keys follow it), or one selected edge. Every
change emits ``selectionChanged``; nodes no longer drawn leave the selection.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QRubberBand

from app.canvas.navigation import node_towards, nodes_in_box
from app.canvas.scene import link_of_edge

FOLLOW_MARGIN = 40  # pixels: a node this near the viewport's edge is brought to the middle


class CanvasSelection:
    """The selection of :class:`~app.canvas.view.GraphCanvas`: nodes, edge, rubber band
    and the keyboard's walk from node to node."""

    # Replaced by every change, never changed in place (so a class default is safe).
    _selection: dict[str, None] = {}  # every selected node, in the order selected
    _selected_node: str | None = None  # the current one
    _selected_edge: tuple[str, str, str] | None = None
    _band: QRubberBand | None = None  # the rubber band while Shift+dragging
    _band_widget: QRubberBand | None = None
    _band_origin: QPoint = QPoint()
    _nav: tuple[str, list[str], int] | None = None  # Tab's walk: anchor, neighbours, place

    # -- selecting ---------------------------------------------------------------------
    def select_node(self, nid: str | None) -> None:
        """Select ``nid`` alone (``None`` clears the selection)."""
        nodes = [] if nid is None else [nid]
        if nid == self._selected_node and self._selected_edge is None and \
                list(self._selection) == nodes:
            return
        self._set_selection(nodes, nid)

    def select_nodes(self, nids, current: str | None = None) -> None:
        """Select the drawn nodes among ``nids`` (``current``, the one the details and the
        keys follow, defaults to the last of them)."""
        drawn = self.state.arrays.index
        nodes = [n for n in dict.fromkeys(nids) if n in drawn]
        if current is None or current not in nodes:
            current = nodes[-1] if nodes else None
        self._set_selection(nodes, current)

    def toggle_node(self, nid: str) -> None:
        """Add ``nid`` to the selection (it becomes the current node), or take it out."""
        nodes = list(self._selection)
        if nid in self._selection:
            nodes.remove(nid)
            current = self._selected_node if self._selected_node != nid else \
                (nodes[-1] if nodes else None)
        else:
            nodes.append(nid)
            current = nid
        self._set_selection(nodes, current)

    def select_all(self) -> None:
        """Select every drawn node."""
        self.select_nodes(self.drawn_nodes(), self._selected_node)

    def clear_selection(self) -> None:
        """Select nothing (no node, no edge)."""
        if self._selection or self._selected_edge is not None:
            self._set_selection([], None)

    def select_edge(self, u: str, v: str, key: str) -> None:
        """Select the edge ``(u, v, key)``."""
        edge = (u, v, key)
        if edge == self._selected_edge:
            return
        self._set_selection([], None, edge)

    def _set_selection(self, nodes: list[str], current: str | None,
                       edge: tuple[str, str, str] | None = None) -> None:
        self._selection = dict.fromkeys(nodes)
        self._selected_node = current
        self._selected_edge = edge
        self._nav = None
        self._refresh_selection()
        self.selectionChanged.emit()

    def selected_node(self) -> str | None:
        """The current node: the one selected last (the details and the keys follow it)."""
        return self._selected_node

    def selected_nodes(self) -> list[str]:
        """Every selected node, in the order they were selected."""
        return list(self._selection)

    def selected_edge(self) -> tuple[str, str, str] | None:
        return self._selected_edge

    def _refresh_selection(self) -> None:
        arrays = self.state.arrays
        self.state.selected = arrays.index.get(self._selected_node) \
            if self._selected_node is not None else None
        self.state.selected_nodes = np.array(
            [arrays.index[n] for n in self._selection if n in arrays.index], dtype=np.int64)
        self.state.selected_link = None if self._selected_edge is None \
            else link_of_edge(arrays, self._selected_edge)
        self._update_badges()
        self._layer.update()

    def _forget_undrawn_selection(self) -> None:
        """Drop the selected nodes no longer drawn (hidden, filtered out): what is not on
        the canvas cannot be acted on."""
        index = self.state.arrays.index
        if all(n in index for n in self._selection):
            return
        nodes = [n for n in self._selection if n in index]
        current = self._selected_node if self._selected_node in index else None
        self.select_nodes(nodes, current)

    # -- rubber band -------------------------------------------------------------------
    def _start_band(self, pos: QPoint) -> None:
        if self._band_widget is None:
            self._band_widget = QRubberBand(QRubberBand.Shape.Rectangle, self.viewport())
        self._band, self._band_origin = self._band_widget, pos
        self._band.setGeometry(QRect(pos, QSize()))
        self._band.show()

    def _finish_band(self, pos: QPoint, add: bool) -> None:
        """Select the nodes inside the band (``add``: to those already selected)."""
        band, self._band = self._band, None
        band.hide()
        box = self.mapToScene(QRect(self._band_origin, pos).normalized()).boundingRect()
        inside = nodes_in_box(self.state.arrays, box.left(), box.top(), box.right(),
                              box.bottom())
        if add:
            self.select_nodes([*self._selection, *inside], self._selected_node)
        elif inside or self._selection or self._selected_edge is not None:
            self.select_nodes(inside)

    # -- keyboard navigation -----------------------------------------------------------
    def next_neighbour(self, step: int = 1) -> str | None:
        """Select the next (``step`` 1) or previous (-1) drawn neighbour of the node the
        walk started from, strongest first; returns the node selected."""
        current = self._selected_node
        if current is None:
            return None
        nav = self._nav
        if nav is not None and nav[1] and nav[1][nav[2]] == current:
            anchor, ranked, index = nav[0], nav[1], nav[2] + step
        else:
            drawn = self.state.arrays.index
            anchor = current
            ranked = [n for n in self._model.strongest_neighbours(current) if n in drawn]
            index = 0 if step > 0 else -1
        if not ranked:
            return None
        index %= len(ranked)
        target = ranked[index]
        self.select_node(target)
        self._nav = (anchor, ranked, index)
        self.follow_node(target)
        return target

    def move_selection(self, direction: str) -> str | None:
        """Select the node lying most in ``direction`` ("left", "right", "up", "down")
        from the current one (a neighbour when one lies that way); returns it."""
        i = self.state.selected
        if i is None:
            return None
        j = node_towards(self.state.arrays, i, direction)
        if j is None:
            return None
        target = self.state.arrays.ids[j]
        self.select_node(target)
        self.follow_node(target)
        return target

    def follow_node(self, nid: str) -> None:
        """Centre ``nid`` when it is off the viewport (or too near its edge to be read)."""
        pos = self.node_viewport_pos(nid)
        margin = FOLLOW_MARGIN
        if pos is not None and not self.viewport().rect().adjusted(
                margin, margin, -margin, -margin).contains(pos):
            self.center_on_node(nid)
