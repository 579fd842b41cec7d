"""Threadline's main window: canvas in the middle, details/source/filters in docks.

The window owns the model and the exploration and wires the widgets together. Its parts
live beside it: the actions, menus and toolbar are described in :mod:`app.actions`, the
background jobs in :mod:`app.job_control`, export in :mod:`app.export_commands`, the
exploration steps (each through a ``QUndoStack``) in :mod:`app.exploration_commands`, what
is drawn (the filter panel, metrics and dates as facts) and the counts in
:mod:`app.view_filters`, and the dialogs in :mod:`app.dialogs`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from app import dialogs
from app.actions import RECENT_MENU_TITLE, build_actions, build_menus, build_toolbar
from app.actions import shortcut_rows as action_shortcut_rows
from app.appearance import APPLICATION, ORGANIZATION, Appearance, make_app
from app.bridge import listen
from app.canvas import GraphCanvas
from app.canvas.interaction import dropped_paths
from app.canvas.scene import SIZE_BY
from app.community_commands import CommunityCommands
from app.curation import CurationControl
from app.curation_docks import CurationDocks
from app.details import DetailsPanel
from app.evidence_commands import EvidenceCommands
from app.exploration_commands import ExplorationCommands
from app.export_commands import ExportCommands
from app.filters import FilterPanel
from app.guard import guarded, guarded_call, install_excepthook
from app.job_control import JobControl
from app.path_commands import PathCommands
from app.plain_text import menu_text, tooltip_text
from app.search import SearchField
from app.selection_follow import SelectionFollow
from app.session_commands import SessionCommands, SessionReader
from app.source_pane import SourcePane
from app.startup import probe_requested, report_startup
from app.status_messages import StatusMessages
from app.view_filters import ViewFilters
from app.workers import join_all
from graph import messages
from graph.explore.exploration import Exploration, Step
from graph.explore.model import GraphModel, ModelEvent
from graph.explore.query import search_text, sentence_hits
from graph.paths import resource, seeds_dir
from graph.store.workspace import Workspace

MAX_RECENT = 8
DOCK_SHARES = (0.14, 0.16)  # first widths of the left and right docks, of the window's
DOCK_LEAST = (170, 200)  # and the least they start with, in pixels
TEXT_SEARCH_WIDTH = 700  # Find in Documents: room for its title and a long query


class MainWindow(JobControl, ExportCommands, ExplorationCommands, PathCommands,
                 EvidenceCommands, SessionCommands, CommunityCommands, ViewFilters,
                 SelectionFollow, Appearance, StatusMessages, QMainWindow):
    """The Threadline window.

    ``jobFinished`` fires when opening ends: ``"ok"``, ``"cancelled"`` or ``"failed"``.
    """

    jobFinished = Signal(str)

    def __init__(self, *, model_name: str | None = None, use_cache: bool = True,
                 settings: QSettings | None = None) -> None:
        super().__init__()
        self.setWindowTitle(messages.APP_NAME)
        icon = resource("icons", "threadline.svg")
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))
        self.setAcceptDrops(True)
        self.settings = settings or QSettings(ORGANIZATION, APPLICATION)
        self.model_name, self.use_cache = model_name, use_cache
        self.model = GraphModel()
        self.exploration = Exploration(self.model)
        self.undo_stack = QUndoStack(self)
        self.curation = CurationControl(self)  # edits of the graph (app/curation.py)
        self.session_reader = SessionReader(self)  # long saved views (app/session_commands.py)
        self.session_reader.built.connect(self._on_session_read)
        self.job = None
        self.current_paths: list[str] = []
        self.workspace: Path | None = None  # the open corpus's (graph.store.workspace)
        self._init_filters()

        self._build_widgets()
        self._build_status_bar()
        self._build_actions()
        self.curation.update_actions()
        self._connect()
        self._restore_settings()
        self._update_counts()

    # == construction ====================================================================
    def _build_widgets(self) -> None:
        self.canvas = GraphCanvas(self.model, self.exploration)
        self.empty_state = QLabel(messages.EMPTY_GRAPH, self.canvas)
        self.empty_state.setTextFormat(Qt.TextFormat.PlainText)  # may name a file
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setWordWrap(True)
        self.empty_state.setStyleSheet("color: gray; font-size: 15px;")

        self.details = DetailsPanel(self.model)
        self.source = SourcePane(self.model)
        self.filters = FilterPanel(self.model)
        self.search = SearchField(self.model)
        right, left = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea
        # The object names key the saved window state: keep them when titles change.
        self.details_dock = self._dock(messages.DETAILS_TITLE, "details", self.details, right)
        self.source_dock = self._dock(messages.SOURCE_TITLE, "source_text", self.source, right)
        self.filters_dock = self._dock(messages.FILTERS_TITLE, "filters", self.filters, left)
        self.splitDockWidget(self.details_dock, self.source_dock, Qt.Orientation.Vertical)
        self._build_path_panel()
        self.setCentralWidget(self._build_community_views())  # the canvas, or the overview
        self.curation_docks = CurationDocks(self, self.curation)

    def _dock(self, title: str, name: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_actions(self) -> None:
        self.acts = build_actions(self, self.undo_stack, self.canvas.selected_node,
                                  selected_nodes=self.canvas.selected_nodes)
        menus = build_menus(self.menuBar(), self.acts)
        self._build_theme_group()
        self._build_source_menu()
        self.recent_menu = QMenu(RECENT_MENU_TITLE, self)
        menus["file"].insertMenu(self.acts["reload"], self.recent_menu)
        self._build_views_menu(menus["view"])
        menus["view"].addSeparator()
        for dock in (self.details_dock, self.source_dock, self.filters_dock,
                     *self.curation_docks.docks):
            menus["view"].addAction(dock.toggleViewAction())

        tools = self.addToolBar(messages.TOOLBAR_TITLE)
        tools.setObjectName("main_toolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        export_button = QToolButton(text=messages.EXPORT_BUTTON,
                                    popupMode=QToolButton.ToolButtonPopupMode.InstantPopup)
        export_button.setMenu(menus["file/export"])
        export_button.setToolTip(messages.EXPORT_BUTTON_TIP)
        build_toolbar(tools, self.acts, widgets_after={"open": export_button})
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tools.addWidget(spacer)
        tools.addWidget(self.search)

    def _connect(self) -> None:
        self.canvas.nodeClicked.connect(self._on_node_clicked)
        self.canvas.nodeDoubleClicked.connect(self.expand)
        self.canvas.edgeClicked.connect(self.select_edge)
        self.canvas.contextMenuRequested.connect(self._on_context_menu)
        self.canvas.edgeMenuRequested.connect(self._on_edge_menu)
        self.canvas.expandRequested.connect(self.expand_nodes)
        self.canvas.filesDropped.connect(self.open_dropped)
        self.canvas.selectionChanged.connect(self._on_canvas_selection_changed)
        self.canvas.drawingChanged.connect(self._update_counts)
        self.search.entityChosen.connect(self.focus_entity)
        self.search.textSearchRequested.connect(self.text_search)
        self.details.nodeActivated.connect(self.focus_entity)
        self.details.edgeActivated.connect(self.focus_edge)
        self.details.showMoreRequested.connect(self.expand)
        self.source.nodeActivated.connect(self.focus_entity)
        self.filters.filterChanged.connect(self._on_filter_changed)
        self.canvas.legend.typeClicked.connect(self.filters.show_only_type)
        listen(self, self.exploration.subscribe, self._on_exploration_changed)
        listen(self, self.model.subscribe, self._on_model_changed)

    # == settings ========================================================================
    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            screen = QApplication.primaryScreen()
            available = screen.availableGeometry() if screen else None
            if available is not None:
                self.resize(QSize(int(available.width() * 0.8), int(available.height() * 0.8)))
            else:
                self.resize(1280, 800)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        else:
            self._size_docks()
        self.set_size_by(str(self.settings.value("view/size_by", SIZE_BY[0])))
        self.set_fact_nodes(self.settings.value("view/fact_nodes", False, type=bool))
        self._restore_appearance()
        self.set_colour_by(str(self.settings.value("view/colour_by", "type")))
        self._rebuild_recent_menu()

    def _size_docks(self) -> None:
        """Start the docks narrow, so that the canvas has about two thirds of the width."""
        left, right = (max(least, int(self.width() * share))
                       for least, share in zip(DOCK_LEAST, DOCK_SHARES, strict=True))
        # Both docks of the right column, so that neither keeps a width of its own.
        self.resizeDocks([self.filters_dock, self.details_dock, self.source_dock],
                         [left, right, right], Qt.Orientation.Horizontal)

    def _save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("view/size_by", self.canvas.size_by())
        self.settings.setValue("view/fact_nodes", self.fact_nodes)
        self.settings.setValue("view/colour_by", self.colour_by)
        self.settings.sync()

    def recent(self) -> list[list[str]]:
        """The corpora opened last, newest first; each is the list of paths opened together."""
        value = self.settings.value("recent/corpora", [])
        entries = value if isinstance(value, list) else [value] if value else []
        return [e.split("\n") for e in entries if isinstance(e, str) and e]

    def _remember(self, paths: list[str]) -> None:
        entry = "\n".join(str(Path(p).resolve()) for p in paths)
        entries = ["\n".join(e) for e in self.recent() if "\n".join(e) != entry]
        self.settings.setValue("recent/corpora", [entry, *entries][:MAX_RECENT])
        self._rebuild_recent_menu()

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        for paths in self.recent():
            title = paths[0] if len(paths) == 1 else f"{paths[0]} (+{len(paths) - 1})"
            action = self.recent_menu.addAction(menu_text(title),
                                                guarded_call(self, self.open_paths, paths))
            action.setToolTip(tooltip_text("\n".join(paths)))
        self.recent_menu.setEnabled(bool(self.recent()))

    def _last_dir(self) -> str:
        recent = self.recent()
        return str(Path(recent[0][0]).parent) if recent else str(Path.home())

    def choose_folder(self) -> None:
        """Ask for a folder of documents and open it."""
        folder = dialogs.choose_folder(self, self._last_dir())
        if folder:
            self.open_paths([folder])

    def choose_files(self) -> None:
        """Ask for documents (or an exported graph) and open them."""
        files = dialogs.choose_files(self, self._last_dir())
        if files:
            self.open_paths(files)

    # == selection =======================================================================
    @guarded
    def select_node(self, nid: str) -> None:
        """Select ``nid`` on the canvas and show its details and mentions."""
        if nid not in self.model:
            return
        if self.canvas.selected_nodes() != [nid]:
            self.canvas.select_node(nid)
        self.details.show_node(nid, self.exploration.hidden_neighbour_count(nid))
        self.source.show_node(nid)

    @guarded
    def select_edge(self, u: str, v: str, key: str) -> None:
        """Select an edge and show its evidence."""
        if self.canvas.selected_edge() != (u, v, key):
            self.canvas.select_edge(u, v, key)
        self.details.show_edge(u, v, key)
        self.source.show_edge(u, v, key)

    def _refresh_details(self) -> None:
        """Show the entity in the details again: what it says of its neighbours (how many
        are hidden) follows the visible set and the filter."""
        nid = self.details.node
        if nid is not None and nid in self.model:
            self.details.show_node(nid, self.exploration.hidden_neighbour_count(nid))

    @guarded
    def focus_entity(self, nid: str) -> None:
        """Centre, select and show the neighbourhood of ``nid`` (from search or a link)."""
        if nid not in self.model:
            return
        self.reveal_facts([nid])
        if nid not in self.exploration.visible:
            self.push(self.exploration.reveal(nid))
        if not self.filter.node_ok(self.model.node(nid), nid):
            self.filters.reset()
        self.select_node(nid)
        self.canvas.center_on_node(nid)

    @guarded
    def focus_edge(self, u: str, v: str, key: str) -> None:
        """Select an edge, first showing whichever of its ends is hidden."""
        self.reveal_facts([u, v])
        missing = {u, v} - self.exploration.visible
        if missing:
            self.push(Step(show=frozenset(missing), text=messages.SHOW_RELATION))
        self.select_edge(u, v, key)

    def focus_search(self) -> None:
        """Put the cursor in the search field."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def ask_text_search(self) -> None:
        """Ask for words and list the sentences that contain them."""
        query = dialogs.ask_text(self, messages.FIND_TEXT_TITLE, messages.FIND_TEXT_PROMPT,
                                 self.search.text(), width=TEXT_SEARCH_WIDTH)
        if query and query.strip():
            self.text_search(query.strip())

    @guarded
    def text_search(self, query: str) -> None:
        """List the sentences of every document that contain ``query``."""
        if self.workspace is not None:  # the corpus's full-text index
            with Workspace(self.workspace) as store:
                hits = sentence_hits(self.model.documents, query,
                                     store.search(query, self.model.documents))
        else:
            hits = search_text(self.model.documents, query)
        self.source.show_text_hits(query, hits)
        self.source_dock.show()
        self.source_dock.raise_()
        self.show_status(messages.TEXT_HITS.format(count=len(hits), query=query), 6_000)

    # == view, filters & counts ==========================================================
    def set_size_by(self, what: str) -> None:
        """Size nodes by ``"mentions"``, ``"degree"``, ``"pagerank"`` or ``"betweenness"``."""
        what = what if what in SIZE_BY else SIZE_BY[0]
        self.canvas.set_size_by(what)
        for name in SIZE_BY:
            self.acts[f"size_{name}"].setChecked(what == name)
        self._want_scores()

    def _on_model_changed(self, _event: ModelEvent) -> None:
        self._forget_revealed_facts()
        self._communities_follow_model()
        self._update_counts()

    def _on_exploration_changed(self, _step: Step) -> None:
        self._update_counts()
        self._refresh_details()

    # == help ============================================================================
    def shortcut_rows(self) -> list[tuple[str, str]]:
        """``(action, keys)`` rows of Help > Keyboard Shortcuts."""
        return action_shortcut_rows()

    def show_shortcuts(self) -> None:
        """Open the list of keyboard shortcuts."""
        self.shortcuts_dialog = dialogs.shortcuts_dialog(self, self.shortcut_rows())

    def show_about(self) -> None:
        """Open the About box (version, and the pipeline that built the graph)."""
        self.about_box = dialogs.about_box(self, self.model.meta)

    # == window events ===================================================================
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.empty_state.resize(self.canvas.size())

    def dragEnterEvent(self, event) -> None:
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event) -> None:
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.open_dropped(paths)

    @guarded
    def open_dropped(self, paths: list[str]) -> None:
        """Open files and folders dropped on the window (the canvas, a panel), as File > Open."""
        self.open_paths(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_session()
        self._save_settings()
        self.cancel_all()
        super().closeEvent(event)

    def cancel_all(self) -> None:
        """Cancel the job, any queued Open and the layout, without waiting for them."""
        self.cancel_job()
        self.canvas.shutdown()
        self.community_canvas.shutdown()
        self.analysis.stop()

    def shutdown(self, timeout_ms: int = 60_000) -> bool:
        """Cancel every worker and join them (process exit and test teardown, never in use).

        Returns ``False`` when a worker was still running after ``timeout_ms``.
        """
        self.cancel_all()
        return join_all(timeout_ms)


def run_gui(paths: list[str], model: str | None = None, use_cache: bool = True) -> int:
    """Show the window at once, then open ``paths`` (default: the seeds) in the background.

    Parameters
    ----------
    paths
        Folders, documents or one exported GraphML; empty for the corpus opened last (the
        bundled seed corpus the first time).
    model
        The spaCy pipeline package to use, ``None`` for the best one installed.
    use_cache
        Take a cached extraction of the same corpus when there is one.

    Returns
    -------
    int
        The application's exit code.
    """
    app = make_app()
    install_excepthook()
    window = MainWindow(model_name=model, use_cache=use_cache)
    window.show()
    if probe_requested():
        report_startup(window)
    QTimer.singleShot(0, lambda: window.open_paths(paths or window.last_corpus()
                                                   or [str(seeds_dir())]))
    code = app.exec()
    window.shutdown()  # the window is gone: join the workers it cancelled
    return code
