"""The window's side of the canvas's selection: the details follow it, clicks refresh it.

:class:`SelectionFollow` is mixed into :class:`app.main_window.MainWindow`. Whatever
changes the canvas's selection (a click, Ctrl+click, the rubber band, Tab and the arrow
keys, Select All) reaches the details here: several entities are listed, one is shown with
its mentions, nothing clears them.
"""

from __future__ import annotations

from app.guard import guarded


class SelectionFollow:
    """Keeps the details and the source text on the canvas's selection."""

    _shown_on_press: str | None = None  # the node the last press selected and showed

    @guarded
    def _on_canvas_selection_changed(self) -> None:
        """The details follow the canvas: several entities, one, or nothing."""
        nodes = self.canvas.selected_nodes()
        if len(nodes) > 1:
            self.details.show_selection(nodes)
        elif nodes and (self.details.node != nodes[0] or self.details.selection):
            self.select_node(nodes[0])
            self._shown_on_press = nodes[0]
        elif not nodes and self.canvas.selected_edge() is None:
            self.details.clear()

    @guarded
    def _on_node_clicked(self, nid: str) -> None:
        # The press selected the node and the details followed it; a click on the node
        # already selected shows its details and mentions again (after other reading).
        shown, self._shown_on_press = self._shown_on_press, None
        if shown != nid:
            self.select_node(nid)
