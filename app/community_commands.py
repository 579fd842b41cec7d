"""Communities and centrality in the window: colour by community, the community overview,
sizes by PageRank or betweenness, ranks in the details.

Everything reads one :class:`graph.explore.analysis.GraphAnalysis` of the model's graph,
computed in a worker by :class:`app.analysis_runner.AnalysisRunner` the first time
something asks for it; until it arrives the window shows what it has (type colours, sizes
by mentions, "computing" in the details) and nothing waits.

The community overview is a second :class:`app.canvas.GraphCanvas` over its own small
model, the quotient graph (:func:`graph.explore.analysis.community_graph`), stacked in
place of the main canvas: the main drawing keeps its positions, zoom and history while the
overview is up. Double-clicking a community leaves the overview and shows its members as an
ordinary, undoable exploration step; any change of the main view leaves it too. A graph big
enough (:func:`graph.explore.opening.opens_on_communities`) opens on the overview: its
communities were found in the worker that built it, so it is there at once.
:class:`CommunityCommands` is mixed into :class:`app.main_window.MainWindow`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QStackedWidget

from app.analysis_runner import AnalysisRunner
from app.bridge import listen
from app.canvas import GraphCanvas
from app.canvas.scene import CENTRALITY
from app.canvas.style import GROUP_LIGHT
from app.guard import guarded, guarded_call
from graph import messages
from graph.explore.analysis import (
    GraphAnalysis,
    community_graph,
    community_id,
    community_number,
    community_step,
)
from graph.explore.exploration import Exploration, Step
from graph.explore.model import GraphModel

COLOUR_BY = ("type", "community")
COLOURED_COMMUNITIES = len(GROUP_LIGHT)  # the largest get a colour of the palette
MIN_COLOURED_SIZE = 3  # smaller communities stay neutral, however few there are
RELEASE_POLL_MS = 15


def community_slots(analysis: GraphAnalysis) -> tuple[dict[int, int], list[str]]:
    """Palette slot of each coloured community (by number) and the legend's text per slot."""
    # A community of dates or numbers (no leader) gets no colour of its own nor a legend row.
    coloured = [c for c in analysis.communities
                if c.size >= MIN_COLOURED_SIZE and c.leaders][:COLOURED_COMMUNITIES]
    return ({c.number: slot for slot, c in enumerate(coloured)},
            [f"{c.name} ({c.size})" for c in coloured])


class CommunityCommands:
    """The window's community views (uses its model, exploration, canvas, details, acts)."""

    def _build_community_views(self) -> QStackedWidget:
        """The analysis runner, the overview's canvas and the stack that swaps the two
        canvases; returns the stack (the window's central widget)."""
        self.analysis = AnalysisRunner(self.model, self)
        self.analysis.ready.connect(self._on_analysis_ready)
        self.colour_by = "type"
        self._overview_wanted = False
        self._overview_of: GraphAnalysis | None = None
        self.community_model = GraphModel()
        self.community_exploration = Exploration(self.community_model)
        self.community_canvas = GraphCanvas(self.community_model, self.community_exploration)
        self.community_canvas.nodeDoubleClicked.connect(self._on_community_double_clicked)
        self.community_canvas.nodeClicked.connect(self._on_community_clicked)
        self.views = QStackedWidget()
        self.views.addWidget(self.canvas)
        self.views.addWidget(self.community_canvas)
        self.details.communityActivated.connect(self.show_community)
        self.details.analysisWanted.connect(lambda: self.analysis.request(complete=True))
        self.details.nodeActivated.connect(lambda _nid: self.set_community_overview(False))
        listen(self, self.exploration.subscribe, self._on_main_view_changed)
        return self.views

    # == colour ==========================================================================
    def set_colour_by(self, what: str) -> None:
        """Colour nodes by ``"type"`` or by ``"community"`` (once communities are known)."""
        self.colour_by = what if what in COLOUR_BY else COLOUR_BY[0]
        self.acts["colour_type"].setChecked(self.colour_by == "type")
        self.acts["colour_community"].setChecked(self.colour_by == "community")
        self._apply_colours()

    def _apply_colours(self) -> None:
        analysis = self.analysis.result()
        if self.colour_by != "community" or analysis is None:
            if self.colour_by == "community" and len(self.model):
                self.analysis.request()
                self.show_status(messages.FINDING_COMMUNITIES, 3_000)
            self.canvas.set_colour_groups(None)
            return
        slots, names = community_slots(analysis)
        self.canvas.set_colour_groups(
            {nid: slots[k] for nid, k in analysis.membership.items() if k in slots}, names)
        self.show_status(messages.COMMUNITY_COLOURS_SHOWN.format(
            count=len(analysis.communities), coloured=len(slots)), 8_000)

    # == sizes ===========================================================================
    def _want_scores(self) -> None:
        """Sizes by PageRank or betweenness need the analysis: ask for it (mentions meanwhile)."""
        if self.canvas.size_by() in CENTRALITY:
            analysis = self.analysis.request(complete=True)
            self.canvas.set_scores(None if analysis is None else analysis.scores)

    # == overview ========================================================================
    def toggle_community_overview(self) -> None:
        """Follow View > Community Overview."""
        self.set_community_overview(self.acts["community_overview"].isChecked())

    def community_overview_shown(self) -> bool:
        return self.views.currentWidget() is self.community_canvas

    def set_community_overview(self, shown: bool) -> None:
        """Show one node per community in place of the graph (``False``: the graph again)."""
        self._overview_wanted = bool(shown) and len(self.model) > 0
        self.acts["community_overview"].setChecked(self._overview_wanted)
        if not self._overview_wanted:
            if self.community_overview_shown():
                self.views.setCurrentWidget(self.canvas)
                self._update_counts()
            return
        analysis = self.analysis.request()
        if analysis is None:
            self.show_status(messages.FINDING_COMMUNITIES, 3_000)
        else:
            self._show_overview(analysis)

    def _show_overview(self, analysis: GraphAnalysis) -> None:
        # The same communities once their betweenness is added: the map stays as it is.
        if self._overview_of is None or self._overview_of.communities is not analysis.communities:
            self._overview_of = analysis
            self.community_model.reset(community_graph(analysis))
            # A big quotient would open on its best connected communities: show them all.
            self.community_exploration.apply(self.community_exploration.show_all())
            slots, names = community_slots(analysis)
            self.community_canvas.set_colour_groups(
                {community_id(k): slot for k, slot in slots.items()}, names)
        self.views.setCurrentWidget(self.community_canvas)
        self._update_counts()
        shown = len(self.community_model)
        self.show_status(messages.COMMUNITY_OVERVIEW_SHOWN.format(
            count=shown, entities=len(analysis),
            alone=len(analysis.communities) - shown), 10_000)

    def community_counts(self) -> str:
        """The status bar's counts while the overview is up: of the map, not the graph."""
        return messages.COMMUNITY_COUNTS.format(
            shown=len(self.community_model), entities=len(self.model),
            relations=self.model.edge_count)

    def open_on_communities(self) -> bool:
        """Show the community overview if the graph came with its communities (a big graph,
        :func:`graph.explore.opening.opening_facts`); whether it did."""
        if self.model.facts.analysis is None or self.analysis.result() is None:
            return False
        self.set_community_overview(True)
        return True

    @guarded
    def show_community(self, number: int) -> None:
        """Leave the overview and show only the members of community ``number`` (undoable)."""
        analysis = self.analysis.result()
        if analysis is None or not 0 <= number < len(analysis.communities):
            return
        self.set_community_overview(False)
        self.push(community_step(analysis, number, self.exploration.visible))
        self.canvas.fit_all(follow=True)

    @guarded
    def _on_community_double_clicked(self, nid: str) -> None:
        number = community_number(nid)
        if number is not None:
            self._once_released(guarded_call(self, self.show_community, number))

    def _once_released(self, run) -> None:
        """``run()`` once the mouse buttons are up: swapping the canvases under a pressed
        button would send its release to a hidden canvas."""
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            QTimer.singleShot(RELEASE_POLL_MS, lambda: self._once_released(run))
        else:
            run()

    @guarded
    def _on_community_clicked(self, nid: str) -> None:
        number = community_number(nid)
        if number is not None:
            self.details.show_community(number)

    # == following the model =============================================================
    def _on_main_view_changed(self, _step: Step) -> None:
        # Whatever changes the graph's view (a new graph, Show All, undo) shows it.
        self.set_community_overview(False)

    def _communities_follow_model(self) -> None:
        """A new graph: its communities and scores are computed again when needed."""
        self._overview_of = None
        self.canvas.set_scores(None)
        self.details.set_analysis(None)
        self._apply_colours()
        self._want_scores()

    @guarded
    def _on_analysis_ready(self, analysis: GraphAnalysis) -> None:
        self.details.set_analysis(analysis)
        self.canvas.set_scores(analysis.scores)
        if self.colour_by == "community":
            self._apply_colours()
        if self._overview_wanted:
            self._show_overview(analysis)
