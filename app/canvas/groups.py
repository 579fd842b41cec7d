"""The canvas's colours and sizes from the analysis of the graph: communities, centrality.

:class:`CanvasGroups` is mixed into :class:`app.canvas.view.GraphCanvas`. The window hands
it what :mod:`graph.explore.analysis` computed in a worker: a colour slot per node (colour
by community, the legend listing the communities) and centrality scores (size by PageRank or
betweenness). Until they arrive, nodes keep their type colours and are sized by mentions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtGui import QColor

from app.canvas.scene import CENTRALITY


class CanvasGroups:
    """Community colours and centrality sizes of a canvas (its state, legend and layer)."""

    _scores: Mapping[str, Mapping[str, float]] | None = None

    def set_scores(self, scores: Mapping[str, Mapping[str, float]] | None) -> None:
        """Centrality ``scores[measure][node]`` for sizes by PageRank or betweenness
        (:attr:`graph.explore.analysis.GraphAnalysis.scores`; ``None``: not known yet, such
        sizes fall back to mentions)."""
        self._scores = scores
        if self.size_by() in CENTRALITY:
            self._rebuild_arrays()

    def set_colour_groups(self, groups: Mapping[str, int] | None,
                          names: Sequence[str] = ()) -> None:
        """Colour nodes by group (``node -> slot`` of the community palette, nodes left out
        in the neutral colour), or by type when ``groups`` is ``None``.

        ``names[slot]`` is the legend's text for each slot: with groups, the legend lists
        them in place of the types.
        """
        self.state.group_of = groups
        self.legend.set_communities(list(names) if groups is not None else [])
        self._place_legend()
        self._layer.update()

    def colour_groups(self) -> Mapping[str, int] | None:
        return self.state.group_of

    def node_color(self, nid: str) -> QColor | None:
        """The colour ``nid`` is painted in (``None``: not drawn)."""
        state = self.state
        i = state.arrays.index.get(nid)
        if i is None or state.style is None:
            return None
        groups = state.groups
        if groups is not None:
            return QColor(state.style.group_color(int(groups[i])))
        return QColor(state.style.type_color(state.arrays.types[i]))

    def node_radius(self, nid: str) -> float | None:
        """The radius of ``nid`` in scene units (``None``: not drawn)."""
        i = self.state.arrays.index.get(nid)
        return None if i is None else float(self.state.arrays.radius[i])


__all__ = ["CanvasGroups"]
