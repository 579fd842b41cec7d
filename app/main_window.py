"""Threadline's main window: canvas in the middle, details/source/filters in docks.

The window owns the model and the exploration, wires the widgets together, runs long work
(model loading, extraction, import) in a :class:`app.workers.JobThread` and swaps the result
in on the GUI thread. Every exploration step goes through a ``QUndoStack``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.canvas import GraphCanvas
from app.details import DetailsPanel
from app.filters import FilterPanel
from app.search import SearchField
from app.source_pane import SourcePane
from app.workers import JobThread
from graph import __version__, messages
from graph.build.jobs import Extraction, open_job
from graph.errors import ExportError
from graph.explore.exploration import DEFAULT_EXPAND_K, Exploration, Step
from graph.explore.filters import GraphFilter
from graph.explore.model import GraphModel
from graph.explore.query import search_text
from graph.jobs import Progress
from graph.paths import resource, seeds_dir
from graph.store.files import atomic_path
from graph.store.formats import export

ORGANIZATION, APPLICATION = "Threadline", "Threadline"
MAX_RECENT = 8
EXPORT_FILTERS = {
    "graphml": "GraphML (*.graphml)",
    "gexf": "GEXF for Gephi (*.gexf)",
    "json": "Node-link JSON (*.json)",
    "csv": "CSV tables (*.csv)",
}


class StepCommand(QUndoCommand):
    """One exploration step on the undo stack (undo applies its inverse)."""

    def __init__(self, exploration: Exploration, step: Step) -> None:
        super().__init__(step.text or "Change view")
        self.exploration, self.step = exploration, step

    def redo(self) -> None:
        self.exploration.apply(self.step)

    def undo(self) -> None:
        self.exploration.apply(self.step.inverse())


class MainWindow(QMainWindow):
    """The Threadline window. ``graphLoaded`` fires after a new graph is swapped in."""

    graphLoaded = Signal()
    jobFinished = Signal(str)  # "ok", "cancelled" or "failed"

    def __init__(self, *, model_name: str | None = None, use_cache: bool = True,
                 settings: QSettings | None = None) -> None:
        super().__init__()
        self.setWindowTitle("Threadline")
        icon = resource("icons", "threadline.svg")
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))
        self.setAcceptDrops(True)
        self.settings = settings or QSettings(ORGANIZATION, APPLICATION)
        self.model_name, self.use_cache = model_name, use_cache
        self.model = GraphModel()
        self.exploration = Exploration(self.model)
        self.undo_stack = QUndoStack(self)
        self.job: JobThread | None = None
        self.current_paths: list[str] = []
        self.last_extraction: Extraction | None = None
        self.filter = GraphFilter()

        self.canvas = GraphCanvas(self.model, self.exploration)
        self.setCentralWidget(self.canvas)
        self.empty_state = QLabel(messages.EMPTY_GRAPH, self.canvas)
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setWordWrap(True)
        self.empty_state.setStyleSheet("color: gray; font-size: 15px;")

        self.details = DetailsPanel(self.model)
        self.source = SourcePane(self.model)
        self.filters = FilterPanel(self.model)
        self.search = SearchField(self.model)
        right, left = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea
        self.details_dock = self._dock("Details", self.details, right)
        self.source_dock = self._dock("Source text", self.source, right)
        self.filters_dock = self._dock("Filters", self.filters, left)
        self.splitDockWidget(self.details_dock, self.source_dock, Qt.Orientation.Vertical)

        self._build_status_bar()
        self._build_actions()
        self._build_menus_and_toolbar()
        self._connect()
        self._restore_settings()
        self._update_counts()

    # == construction ====================================================================
    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(title.replace(" ", "_").lower())
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.counts = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress_label = QLabel()
        self.cancel_button = QToolButton(text="Cancel")
        self.cancel_button.setToolTip("Stop the extraction; the current graph stays")
        self.cancel_button.clicked.connect(self.cancel_job)
        for widget in (self.progress_label, self.progress, self.cancel_button):
            status.addPermanentWidget(widget)
            widget.hide()
        status.addPermanentWidget(self.counts)

    def _action(self, text: str, slot, shortcut=None, tip: str = "", icon: str | None = None,
                checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if icon:
            action.setIcon(QIcon.fromTheme(icon))
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        a = self._action
        self.act_open = a("&Open Folder\u2026", self.choose_folder, K.Open,
                          "Open a folder of documents", "document-open")
        self.act_open.setIcon(QIcon.fromTheme(
            "document-open", self.style().standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon)))
        self.act_open_files = a("Open &Files\u2026", self.choose_files, "Ctrl+Shift+O",
                                "Open documents or an exported GraphML")
        self.act_reload = a("&Reload", self.reload, K.Refresh, "Extract the current corpus again",
                            "view-refresh")
        self.act_quit = a("&Quit", self.close, K.Quit)
        self.act_export = {fmt: a(f"Export {label.split(' (')[0]}\u2026",
                                  lambda _=False, f=fmt: self.choose_export(f, visible=False))
                           for fmt, label in EXPORT_FILTERS.items()}
        self.act_export_visible = a("Export &Visible Part as GraphML\u2026",
                                    lambda: self.choose_export("graphml", visible=True))
        self.act_export_png = a("Export View as &PNG\u2026", lambda: self.choose_image("png"),
                                "Ctrl+Shift+E")
        self.act_export_svg = a("Export View as &SVG\u2026", lambda: self.choose_image("svg"))
        self.act_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts([QKeySequence(K.Undo)])
        self.act_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(K.Redo)])
        # The toolbar gets short, fixed labels; the Edit menu says what would be undone.
        self.tool_undo = a("Undo", self.undo_stack.undo, tip="Undo the last exploration step")
        self.tool_redo = a("Redo", self.undo_stack.redo, tip="Redo")
        self.undo_stack.canUndoChanged.connect(self.tool_undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.tool_redo.setEnabled)
        self.undo_stack.undoTextChanged.connect(lambda t: self.tool_undo.setToolTip(f"Undo {t}"))
        self.undo_stack.redoTextChanged.connect(lambda t: self.tool_redo.setToolTip(f"Redo {t}"))
        self.tool_undo.setEnabled(False)
        self.tool_redo.setEnabled(False)
        standard = self.style().standardIcon
        SP = QStyle.StandardPixmap
        for action, theme, fallback in ((self.tool_undo, "edit-undo", SP.SP_ArrowBack),
                                        (self.tool_redo, "edit-redo", SP.SP_ArrowForward)):
            action.setIcon(QIcon.fromTheme(theme, standard(fallback)))
        self.act_find = a("&Find Entity", self.focus_search, K.Find, "Search entities")
        self.act_find_text = a("Find in &Documents\u2026", self.ask_text_search, "Ctrl+Shift+F",
                               "List sentences containing a word")
        self.act_next = a("Next Mention", lambda: self.source.next(), "F3")
        self.act_prev = a("Previous Mention", lambda: self.source.previous(), "Shift+F3")
        self.act_fit = a("&Fit to Window", lambda: self.canvas.fit_all(follow=True), "Ctrl+0",
                         "Show the whole graph", "zoom-fit-best")
        self.act_zoom_in = a("Zoom &In", self.canvas.zoom_in, K.ZoomIn, icon="zoom-in")
        self.act_zoom_out = a("Zoom &Out", self.canvas.zoom_out, K.ZoomOut, icon="zoom-out")
        self.act_relayout = a("Re-&layout", self.canvas.relayout, "Ctrl+L",
                              "Lay out everything again (pinned nodes stay)")
        self.act_overview = a("&Overview", self.show_overview, "Ctrl+Home",
                              "The most connected entities")
        self.act_show_all = a("Show &All", self.show_all, "Ctrl+Shift+A",
                              "Show every entity of the graph")
        self.act_size_mentions = a("Size by &Mentions", lambda: self.set_size_by("mentions"),
                                   checkable=True)
        self.act_size_degree = a("Size by &Degree", lambda: self.set_size_by("degree"),
                                 checkable=True)
        self.act_expand = a("&Expand Neighbours", lambda: self._on_selected(self.expand),
                            "Ctrl+E")
        self.act_expand_depth = a("Expand to &Depth\u2026",
                                  lambda: self._on_selected(self.ask_expand_depth))
        self.act_collapse = a("&Collapse", lambda: self._on_selected(self.collapse), "Ctrl+K")
        self.act_hide = a("&Hide", lambda: self._on_selected(self.hide_node), K.Delete)
        self.act_focus = a("Show &Only This and Neighbours",
                           lambda: self._on_selected(self.focus_neighbourhood), "Ctrl+J")
        self.act_shortcuts = a("&Keyboard Shortcuts", self.show_shortcuts, K.HelpContents)
        self.act_about = a("&About Threadline", self.show_about)

    def _build_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.act_open, self.act_open_files])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.addAction(self.act_reload)
        file_menu.addSeparator()
        export_menu = file_menu.addMenu("&Export")
        export_menu.addActions(list(self.act_export.values()))
        export_menu.addAction(self.act_export_visible)
        export_menu.addSeparator()
        export_menu.addActions([self.act_export_png, self.act_export_svg])
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit = bar.addMenu("&Edit")
        edit.addActions([self.act_undo, self.act_redo])
        edit.addSeparator()
        edit.addActions([self.act_find, self.act_find_text, self.act_next, self.act_prev])
        view = bar.addMenu("&View")
        view.addActions([self.act_fit, self.act_zoom_in, self.act_zoom_out])
        view.addSeparator()
        view.addActions([self.act_overview, self.act_show_all, self.act_relayout])
        view.addSeparator()
        view.addActions([self.act_size_mentions, self.act_size_degree])
        view.addSeparator()
        for dock in (self.details_dock, self.source_dock, self.filters_dock):
            view.addAction(dock.toggleViewAction())
        graph_menu = bar.addMenu("&Graph")
        graph_menu.addActions([self.act_expand, self.act_expand_depth, self.act_collapse,
                               self.act_focus, self.act_hide])
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.act_shortcuts, self.act_about])

        tools = self.addToolBar("Main")
        tools.setObjectName("main_toolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tools.addAction(self.act_open)
        export_button = QToolButton(text="Export", popupMode=QToolButton.ToolButtonPopupMode
                                    .InstantPopup)
        export_button.setMenu(export_menu)
        export_button.setToolTip("Export the graph or the view")
        tools.addWidget(export_button)
        tools.addSeparator()
        tools.addActions([self.tool_undo, self.tool_redo])
        tools.addSeparator()
        tools.addActions([self.act_fit, self.act_overview, self.act_show_all, self.act_relayout])
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tools.addWidget(spacer)
        tools.addWidget(self.search)

    def _connect(self) -> None:
        self.canvas.nodeClicked.connect(self.select_node)
        self.canvas.nodeDoubleClicked.connect(self.expand)
        self.canvas.edgeClicked.connect(self.select_edge)
        self.canvas.contextMenuRequested.connect(self._on_context_menu)
        self.canvas.selectionChanged.connect(self._on_canvas_selection_changed)
        self.search.entityChosen.connect(self.focus_entity)
        self.search.textSearchRequested.connect(self.text_search)
        self.details.nodeActivated.connect(self.focus_entity)
        self.details.edgeActivated.connect(self.focus_edge)
        self.details.showMoreRequested.connect(self.expand)
        self.source.nodeActivated.connect(self.focus_entity)
        self.filters.filterChanged.connect(self._on_filter_changed)
        self.exploration.subscribe(lambda _step: self._update_counts())
        self.model.subscribe(lambda _event: self._update_counts())

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
        self.set_size_by(str(self.settings.value("view/size_by", "mentions")))
        self._rebuild_recent_menu()

    def _save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("view/size_by", self.canvas.size_by())
        self.settings.sync()

    def recent(self) -> list[list[str]]:
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
            self.recent_menu.addAction(title, lambda p=paths: self.open_paths(p))
        self.recent_menu.setEnabled(bool(self.recent()))

    # == opening =========================================================================
    def open_paths(self, paths: list[str]) -> None:
        """Extract (or import) ``paths`` in a worker; the current graph stays until done."""
        paths = [str(p) for p in paths]
        if self.job is not None:
            self.cancel_job(wait=True)
        self.current_paths = paths
        self._start_job(lambda: open_job(paths, self.model_name, self.use_cache),
                        f"Opening {Path(paths[0]).name}")

    def reload(self) -> None:
        if self.current_paths:
            use_cache, self.use_cache = self.use_cache, False
            try:
                self.open_paths(self.current_paths)
            finally:
                self.use_cache = use_cache

    def _start_job(self, make_job, title: str) -> None:
        job = JobThread(make_job, messages.for_user, self)
        job.progress.connect(self._on_job_progress)
        job.succeeded.connect(self._on_job_succeeded)
        job.failed.connect(self._on_job_failed)
        job.cancelled.connect(self._on_job_cancelled)
        job.finished.connect(lambda j=job: self._on_thread_finished(j))
        self.job = job
        self.progress_label.setText(title)
        self.progress.setRange(0, 0)
        for widget in (self.progress_label, self.progress, self.cancel_button):
            widget.show()
        self.cancel_button.setEnabled(True)
        if not len(self.model):
            self.empty_state.setText(f"{title}\u2026")
        job.start()

    def cancel_job(self, wait: bool = False) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText("Cancelling\u2026")
            if wait:
                self.job.wait()

    def _on_job_progress(self, progress: Progress) -> None:
        if progress.total:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(progress.done)
            self.progress.setFormat("%v / %m documents")
        else:
            self.progress.setRange(0, 0)
        if progress.message:
            self.progress_label.setText(progress.message[:60])

    def _on_job_succeeded(self, extraction: Extraction) -> None:
        self.last_extraction = extraction
        self.undo_stack.clear()
        self.canvas.select_node(None)
        self.model.reset(extraction.graph, extraction.documents)
        if self.current_paths:
            self._remember(self.current_paths)
            self.setWindowTitle(f"Threadline \u2014 {Path(self.current_paths[0]).name}")
        corpus = extraction.corpus
        note = " (cached)" if extraction.from_cache else ""
        self.statusBar().showMessage(
            f"Read {len(corpus.documents)} documents{note}: {len(self.model)} entities, "
            f"{self.model.graph.number_of_edges()} relations", 10_000)
        problems = [f"{s.path}: {s.reason}" for s in corpus.skipped] + extraction.warnings
        if problems:
            self._report_problems(len(corpus.skipped), problems)
        self.graphLoaded.emit()
        self.jobFinished.emit("ok")

    def _report_problems(self, skipped: int, lines: list[str]) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Some files were not read",
                          f"{skipped} file(s) were skipped; the rest is in the graph."
                          if skipped else "Notes from the extraction.",
                          QMessageBox.StandardButton.Ok, self)
        box.setDetailedText("\n".join(lines))
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.open()
        self.problems_box = box

    def _on_job_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 15_000)
        self._update_counts()
        box = QMessageBox(QMessageBox.Icon.Warning, messages.OPEN_FAILED_TITLE, message,
                          QMessageBox.StandardButton.Ok, self)
        box.open()
        self.error_box = box
        self.jobFinished.emit("failed")

    def _on_job_cancelled(self) -> None:
        self.statusBar().showMessage("Cancelled; the graph is unchanged.", 8_000)
        self.jobFinished.emit("cancelled")

    def _on_thread_finished(self, job: JobThread) -> None:
        if self.job is job:
            self.job = None
            for widget in (self.progress_label, self.progress, self.cancel_button):
                widget.hide()
            self._update_counts()
        job.deleteLater()

    # == file dialogs ====================================================================
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of documents",
                                                  self._last_dir())
        if folder:
            self.open_paths([folder])

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Open documents or a graph", self._last_dir(),
            "Documents and graphs (*.txt *.md *.html *.htm *.pdf *.graphml);;All files (*)")
        if files:
            self.open_paths(files)

    def _last_dir(self) -> str:
        recent = self.recent()
        return str(Path(recent[0][0]).parent) if recent else str(Path.home())

    def choose_export(self, fmt: str, visible: bool) -> None:
        stem = Path(self.current_paths[0]).stem if self.current_paths else "graph"
        suggestion = str(Path(self._last_dir()) / f"{stem}.{fmt}")
        path, _ = QFileDialog.getSaveFileName(self, "Export graph", suggestion,
                                              EXPORT_FILTERS[fmt])
        if path:
            self.export_graph(path, fmt, visible=visible)

    def choose_image(self, kind: str) -> None:
        suggestion = str(Path(self._last_dir()) / f"graph.{kind}")
        path, _ = QFileDialog.getSaveFileName(self, "Export view", suggestion,
                                              f"{kind.upper()} image (*.{kind})")
        if path:
            self.export_image(path)

    # == export ==========================================================================
    def visible_subgraph(self):
        nodes = self.model.graph.nodes
        shown = {n for n in self.exploration.visible if self.filter.node_ok(nodes[n])}
        sub = self.model.graph.subgraph(shown).copy()
        drop = [(u, v, k) for u, v, k, d in sub.edges(keys=True, data=True)
                if not self.filter.edge_ok(d)]
        sub.remove_edges_from(drop)
        return sub

    def export_graph(self, path: str, fmt: str | None = None, visible: bool = False) -> bool:
        graph = self.visible_subgraph() if visible else self.model.graph
        try:
            written = export(graph, path, fmt, positions=self.canvas.positions())
        except ExportError as exc:
            QMessageBox.warning(self, messages.EXPORT_FAILED_TITLE, str(exc))
            return False
        self.statusBar().showMessage("Wrote " + ", ".join(str(p) for p in written), 8_000)
        return True

    def export_image(self, path: str) -> bool:
        try:
            with atomic_path(path) as tmp:
                if path.lower().endswith(".svg"):
                    self.canvas.render_to_svg(str(tmp))
                elif not self.canvas.render_to_image(str(tmp) + ".png"):
                    raise ExportError(messages.CANNOT_WRITE.format(
                        path=path, error="the image could not be encoded"))
                else:
                    os.replace(str(tmp) + ".png", tmp)
        except ExportError as exc:
            QMessageBox.warning(self, messages.EXPORT_FAILED_TITLE, str(exc))
            return False
        self.statusBar().showMessage(f"Wrote {path}", 8_000)
        return True

    # == exploration =====================================================================
    def push(self, step: Step) -> None:
        """Apply an exploration step through the undo stack (nothing for an empty step)."""
        if step:
            self.undo_stack.push(StepCommand(self.exploration, step))

    def _on_selected(self, action) -> None:
        nid = self.canvas.selected_node()
        if nid:
            action(nid)

    def expand(self, nid: str, depth: int = 1) -> None:
        step, more = self.exploration.expand(nid, DEFAULT_EXPAND_K, depth)
        self.push(step)
        if more:
            self.statusBar().showMessage(
                f"Showing the {DEFAULT_EXPAND_K} strongest neighbours of {self.model.label(nid)}; "
                f"{more} more \u2014 expand again to see them", 8_000)
        if nid == self.details.node:
            self.details.show_node(nid, self.exploration.hidden_neighbour_count(nid))

    def ask_expand_depth(self, nid: str) -> None:
        depth, ok = QInputDialog.getInt(self, "Expand to depth",
                                        f"Levels of neighbours around {self.model.label(nid)}:",
                                        2, 1, 6)
        if ok:
            self.expand(nid, depth)

    def collapse(self, nid: str) -> None:
        self.push(self.exploration.collapse(nid))

    def hide_node(self, nid: str) -> None:
        self.push(self.exploration.hide([nid]))
        if self.details.node == nid:
            self.details.clear()

    def focus_neighbourhood(self, nid: str) -> None:
        self.push(self.exploration.focus(nid))
        self.canvas.fit_all(follow=True)

    def show_all(self) -> None:
        self.push(self.exploration.show_all())
        self.canvas.fit_all(follow=True)

    def show_overview(self) -> None:
        self.push(self.exploration.show_overview())
        self.canvas.fit_all(follow=True)

    def set_size_by(self, what: str) -> None:
        what = what if what in ("mentions", "degree") else "mentions"
        self.canvas.set_size_by(what)
        self.act_size_mentions.setChecked(what == "mentions")
        self.act_size_degree.setChecked(what == "degree")

    # == selection =======================================================================
    def select_node(self, nid: str) -> None:
        if nid not in self.model:
            return
        if self.canvas.selected_node() != nid:
            self.canvas.select_node(nid)
        self.details.show_node(nid, self.exploration.hidden_neighbour_count(nid))
        self.source.show_node(nid)

    def select_edge(self, u: str, v: str, key: str) -> None:
        if self.canvas.selected_edge() != (u, v, key):
            self.canvas.select_edge(u, v, key)
        self.details.show_edge(u, v, key)
        self.source.show_edge(u, v, key)

    def focus_entity(self, nid: str) -> None:
        """Centre, select and show the neighbourhood of ``nid`` (from search or a link)."""
        if nid not in self.model:
            return
        if nid not in self.exploration.visible:
            self.push(self.exploration.reveal(nid))
        elif self.filter.node_ok(self.model.node(nid)) is False:
            self.filters.reset()
        self.select_node(nid)
        self.canvas.center_on_node(nid)

    def focus_edge(self, u: str, v: str, key: str) -> None:
        missing = {u, v} - self.exploration.visible
        if missing:
            self.push(Step(show=frozenset(missing), text="Show relation"))
        self.select_edge(u, v, key)

    def _on_canvas_selection_changed(self) -> None:
        if self.canvas.selected_node() is None and self.canvas.selected_edge() is None:
            self.details.clear()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def ask_text_search(self) -> None:
        query, ok = QInputDialog.getText(self, "Find in documents", "Sentences containing:",
                                         text=self.search.text())
        if ok and query.strip():
            self.text_search(query.strip())

    def text_search(self, query: str) -> None:
        hits = search_text(self.model.documents, query)
        self.source.show_text_hits(query, hits)
        self.source_dock.show()
        self.source_dock.raise_()
        self.statusBar().showMessage(f"{len(hits)} sentence(s) contain \u201c{query}\u201d", 6_000)

    # == filters & counts ================================================================
    def _on_filter_changed(self, graph_filter: GraphFilter) -> None:
        self.filter = graph_filter
        if graph_filter.is_default:
            self.canvas.set_filter(None, None)
        else:
            nodes = self.model.graph.nodes
            self.canvas.set_filter(lambda nid: graph_filter.node_ok(nodes[nid]),
                                   lambda u, v, k, d: graph_filter.edge_ok(d))
        self._update_counts()

    def _update_counts(self) -> None:
        total = len(self.model)
        self.empty_state.setVisible(total == 0)
        if total == 0 and self.job is None:
            self.empty_state.setText(messages.EMPTY_GRAPH)
        self.empty_state.resize(self.canvas.size())
        # From the exploration and the filter, not the canvas: it redraws a moment later.
        nodes = self.model.graph.nodes
        shown = sum(1 for n in self.exploration.visible if self.filter.node_ok(nodes[n]))
        self.counts.setText(f"{shown} of {total} entities shown \u00b7 "
                            f"{self.model.graph.number_of_edges()} relations")

    # == context menu ====================================================================
    def _on_context_menu(self, nid, global_pos) -> None:
        menu = QMenu(self)
        if nid:
            self.select_node(nid)
            hidden = self.exploration.hidden_neighbour_count(nid)
            label = self.model.label(nid)
            expand = menu.addAction(f"Expand {label}" + (f" (+{hidden} hidden)" if hidden else ""),
                                    lambda: self.expand(nid))
            expand.setEnabled(bool(hidden))
            menu.addAction("Expand to Depth\u2026", lambda: self.ask_expand_depth(nid))
            menu.addAction("Collapse", lambda: self.collapse(nid))
            menu.addAction("Show Only This and Neighbours", lambda: self.focus_neighbourhood(nid))
            menu.addAction("Hide", lambda: self.hide_node(nid))
            menu.addSeparator()
            pinned = nid in self.canvas.pinned_nodes()
            menu.addAction("Unpin" if pinned else "Pin in Place",
                           lambda: self.canvas.set_pinned(nid, not pinned))
            menu.addAction("Find Mentions in Text", lambda: self.text_search(label))
        else:
            menu.addActions([self.act_fit, self.act_relayout, self.act_overview,
                             self.act_show_all])
        self.context_menu = menu
        menu.popup(global_pos)

    # == help ============================================================================
    def shortcut_rows(self) -> list[tuple[str, str]]:
        rows = []
        for action in self.actions():
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                             for k in action.shortcuts())
            if keys:
                rows.append((action.text().replace("&", "").replace("\u2026", ""), keys))
        rows += [("Undo / Redo", "Ctrl+Z / Ctrl+Shift+Z"),
                 ("Expand a node", "Double-click"), ("Move a node (pins it)", "Drag"),
                 ("Zoom", "Mouse wheel, + / -"), ("Pan", "Drag the background, arrow keys"),
                 ("Node menu", "Right-click")]
        return sorted(set(rows))

    def show_shortcuts(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle("Keyboard shortcuts")
        rows = self.shortcut_rows()
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels(["Action", "Shortcut"])
        for i, (name, keys) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(name))
            table.setItem(i, 1, QTableWidgetItem(keys))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        dialog.resize(460, 560)
        self.shortcuts_dialog = dialog
        dialog.open()

    def show_about(self) -> None:
        meta = self.model.meta
        pipeline = f"{meta.get('pipeline', '?')} {meta.get('pipeline_version', '')}"
        QMessageBox.about(self, "About Threadline",
                          f"<h3>Threadline {__version__}</h3><p>A desktop knowledge-graph "
                          f"browser.</p><p>Graph built with {pipeline} "
                          f"(spaCy {meta.get('spacy_version', '?')}).</p>")

    # == window events ===================================================================
    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.empty_state.resize(self.canvas.size())

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt override)
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self._save_settings()
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Cancel and join every worker (window close and test teardown)."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
        self.canvas.shutdown()


def no_display() -> bool:
    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setStyle("Fusion")  # looks the same everywhere and follows the system palette
    icon = resource("icons", "threadline.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run_gui(paths: list[str], model: str | None = None, use_cache: bool = True) -> int:
    """Show the window at once, then open ``paths`` (default: the seeds) in the background."""
    if no_display():
        # Still useful without a screen: say so, and show what the window would open.
        from app.cli import run_extraction, summary

        print(f"threadline: {messages.NO_DISPLAY}", file=sys.stderr)
        extraction = run_extraction(paths or [str(seeds_dir())], model, use_cache, quiet=False)
        print(summary(extraction))
        return 0
    app = make_app()
    window = MainWindow(model_name=model, use_cache=use_cache)
    window.show()
    if os.environ.get("THREADLINE_STARTUP_PROBE"):
        from app.selftest import report_startup

        report_startup(window)
    QTimer.singleShot(0, lambda: window.open_paths(paths or [str(seeds_dir())]))
    code = app.exec()
    window.shutdown()  # join workers even when the app quits without closing the window
    return code
