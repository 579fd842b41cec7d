"""A path shown on the canvas: its nodes and links highlighted, everything else dimmed.

:class:`PathHighlight` is mixed into :class:`app.canvas.view.GraphCanvas`. The path is kept
as node ids and edges ``(u, v, key)`` in the canvas state
(:meth:`app.canvas.style.CanvasState.path_indices` finds their rows in whatever is drawn),
so it follows every change of the drawing: nodes shown later are highlighted once drawn.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from PySide6.QtCore import QPointF, QRectF

from app.canvas.scene import link_of_edge

Edge = tuple[str, str, str]


class PathHighlight:
    """``set_path_highlight`` / ``clear_path_highlight`` / ``path_highlight`` of the canvas."""

    def set_path_highlight(self, nodes: Iterable[str], edges: Iterable[Edge]) -> None:
        """Draw these nodes and edges in the highlight colour, thicker, and the rest dimmed.

        Hovering a node still shows its neighbourhood instead while the mouse rests on it.
        """
        self.state.path = (tuple(nodes), tuple(edges))
        self._layer.update()

    def clear_path_highlight(self) -> None:
        """Show no path (everything drawn as usual)."""
        self.set_path_highlight((), ())

    def path_highlight(self) -> tuple[set[str], set[Edge]]:
        """The path's nodes that are drawn, and its edges whose line is drawn."""
        arrays, (nodes, edges) = self.state.arrays, self.state.path
        return ({n for n in nodes if n in arrays.index},
                {e for e in edges if link_of_edge(arrays, e) is not None})

    def bring_path_into_view(self) -> None:
        """Make sure the path shown can be seen: nothing moves when it is in view already;
        else the view fits everything (while it follows the layout) or centres the path."""
        rows, _ = self.state.path_indices()
        if rows is None:
            return
        xy = self.state.arrays.xy[rows]
        placed = xy[~np.isnan(xy[:, 0])]
        if self._auto_fit or len(placed) < len(xy):
            if len(placed) < len(xy) and not self._auto_fit:
                self.center_on_node(self.state.arrays.ids[rows[len(rows) // 2]])
            return  # the layout that places them fits the view or centres the node
        left, top = placed.min(axis=0)
        right, bottom = placed.max(axis=0)
        box = QRectF(QPointF(left, top), QPointF(right, bottom))
        if not self.mapToScene(self.viewport().rect()).boundingRect().contains(box):
            self.centerOn(box.center())
