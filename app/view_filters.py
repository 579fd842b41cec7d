"""What the window draws: the filter panel's choice, metrics and dates as facts, the counts.

The filter panel (:mod:`app.filters`) says which types, relations and documents to show;
the View menu's "Show Metric and Date Nodes" says whether metrics and dates are drawn as
nodes or kept as facts in the details of the entities they belong to (the default, kept in
the settings). A metric or date the person goes to (search, a link in the details) is drawn
alone while the others stay facts, as a filtered-out node asked for by name. Together they
make the window's :class:`graph.explore.filters.GraphFilter`, which the canvas draws with,
the exploration expands with (it passes over what would not be drawn) and the status bar
counts with. :class:`ViewFilters` is mixed into :class:`app.main_window.MainWindow`.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar

from app.canvas.scene_job import ASYNC_SCENE_NODES, facts_hidden
from app.guard import guarded
from graph import messages
from graph.explore.filters import GraphFilter, drawn_nodes, is_fact

# Beside graph.messages.COUNTS while metrics and dates are facts, not nodes.
FACTS_NOT_DRAWN = "{hidden} metrics and dates shown as facts"
FACTS_NOT_DRAWN_TIP = ("Metrics and dates are listed in the details of the entities they "
                       "belong to; View > Show Metric and Date Nodes draws them")


class ViewFilters:
    """The window's filter state (uses its model, exploration, canvas, panels and actions)."""

    def _init_filters(self) -> None:
        self.panel_filter = GraphFilter()
        self.fact_nodes = False
        self.revealed_facts: set[str] = set()
        self.filter = GraphFilter(fact_nodes=False)
        window = weakref.ref(self)  # the exploration must not keep the window alive
        self.exploration.drawable = lambda nid: (w := window()) is None or w._drawable(nid)

    def _build_facts_count(self, status: QStatusBar) -> None:
        self.facts_count = QLabel()
        self.facts_count.setTextFormat(Qt.TextFormat.PlainText)
        self.facts_count.setToolTip(FACTS_NOT_DRAWN_TIP)
        self.facts_count.setStyleSheet("color: gray;")
        status.addPermanentWidget(self.facts_count)

    def reveal_facts(self, nids: Iterable[str]) -> None:
        """Draw these metric or date nodes although metrics and dates are facts.

        Going to one (search, a link) shows that node alone, as a filtered-out node a
        person asks for by name: the toggle stays as it is and the others stay facts. The
        exception lasts until the toggle changes or another graph is opened.
        """
        if self.fact_nodes:
            return
        new = {n for n in nids if n in self.model and is_fact(self.model.node(n))}
        if new - self.revealed_facts:
            self.revealed_facts |= new
            self._apply_filter()

    def toggle_fact_nodes(self) -> None:
        """Follow the View menu's "Show Metric and Date Nodes"."""
        self.set_fact_nodes(self.acts["fact_nodes"].isChecked())

    def set_fact_nodes(self, shown: bool) -> None:
        """Draw metric and date nodes (``True``) or keep them as facts in the details."""
        self.fact_nodes = bool(shown)
        self.acts["fact_nodes"].setChecked(self.fact_nodes)
        self.filters.set_facts_as_nodes(self.fact_nodes)
        self.revealed_facts.clear()
        self._apply_filter()

    def _drawable(self, nid: str) -> bool:
        """Whether ``nid`` would be drawn once visible (expand passes over the others)."""
        return self.filter.is_default or self.filter.node_ok(self.model.node(nid), nid)

    @guarded
    def _on_filter_changed(self, graph_filter: GraphFilter) -> None:
        self.panel_filter = graph_filter
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.filter = replace(self.panel_filter, fact_nodes=self.fact_nodes,
                              revealed=frozenset(self.revealed_facts))
        self.canvas.set_filter(None if self.filter.is_default else self.filter)
        self._update_counts()
        self._refresh_details()

    def _forget_revealed_facts(self) -> None:
        """A new graph: the metrics and dates shown one by one are no longer asked for."""
        if self.revealed_facts:
            self.revealed_facts.clear()
            self._apply_filter()

    def _update_counts(self) -> None:
        total = len(self.model)
        self.empty_state.setVisible(total == 0)
        if total == 0 and self.job is None:
            self.empty_state.setText(messages.EMPTY_GRAPH)
        self.empty_state.resize(self.canvas.size())
        if self.community_overview_shown():  # the counts of the map on screen
            self.counts.setText(self.community_counts())
            self.facts_count.setVisible(False)
            return
        visible = self.exploration.visible
        if len(visible) >= ASYNC_SCENE_NODES:
            # Counted with the drawing the canvas builds in its worker (drawingChanged).
            shown, hidden = len(self.canvas.drawn_nodes()), self.canvas.facts_hidden
        else:
            # From the exploration and the filter, not the canvas: it redraws a moment later.
            shown = len(drawn_nodes(self.model.graph, visible, self.filter))
            hidden = facts_hidden(self.model.graph, visible, self.filter)
        self.counts.setText(messages.COUNTS.format(
            shown=shown, total=total, relations=self.model.edge_count))
        self.facts_count.setText(FACTS_NOT_DRAWN.format(hidden=hidden) if hidden else "")
        self.facts_count.setVisible(bool(hidden))
