"""Paths between two entities from the window: the Path panel, the search, the canvas.

Graph > Find Path… and the node menu's "Path to…" open the Path panel
(:class:`app.path_panel.PathPanel`, a dock tabbed with the filters, so it takes no width
from the canvas). The paths are found in a worker (:func:`graph.explore.evidence_paths.paths_job`:
building the path view of a big graph takes longer than a frame) through the entities the
window would draw (metrics and dates kept as facts are left out). Choosing a path shows its
entities as one undoable step and highlights it; clicking a hop selects its edge; the
explanation is exported as Markdown or HTML, written atomically.
:class:`PathCommands` is mixed into :class:`app.main_window.MainWindow`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app import dialogs
from app.guard import guarded
from app.path_panel import PathPanel
from app.workers import JobThread
from graph import messages
from graph.errors import ExportError, PathError
from graph.explore.evidence_paths import DEFAULT_K, EvidencePath, paths_job
from graph.explore.exploration import Step
from graph.explore.path_report import explanation_html, explanation_markdown
from graph.schema import slugify
from graph.store.files import atomic_write, refuse_inputs

HTML_SUFFIXES = (".html", ".htm")
PANEL_WIDTH = 380  # pixels the Path dock gets when it opens narrower


class PathCommands:
    """The Path panel's side in the window (uses its model, exploration, canvas, filter)."""

    def _build_path_panel(self) -> None:
        self.path_panel = PathPanel(self.model)
        self.path_dock = self._dock(messages.PATH_TITLE, "path", self.path_panel,
                                    Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tabifyDockWidget(self.filters_dock, self.path_dock)
        self.path_dock.hide()
        self._path_thread: JobThread | None = None
        panel = self.path_panel
        panel.findRequested.connect(self.find_paths)
        panel.pathChosen.connect(self.show_path)
        panel.hopChosen.connect(self.focus_edge)
        panel.exportRequested.connect(self.choose_explanation_export)
        panel.cleared.connect(self.canvas.clear_path_highlight)
        self.path_dock.toggleViewAction().toggled.connect(self._on_path_dock_toggled)

    def open_path_panel(self, nid: str | None = None) -> None:
        """Show the Path panel; with ``nid`` it starts from that entity ("Path to…"), as it
        does from the selected one when nothing is named yet."""
        self.path_dock.show()
        self.path_dock.raise_()
        if self.path_dock.width() < PANEL_WIDTH:  # room for the sentences beside the canvas
            self.resizeDocks([self.path_dock], [PANEL_WIDTH], Qt.Orientation.Horizontal)
        if nid is None and not self.path_panel.source_field.text().strip():
            nid = self.canvas.selected_node()
        if nid is not None and nid in self.model:
            self.path_panel.set_source(nid)
        else:
            self.path_panel.source_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.path_panel.source_field.selectAll()

    def path_to(self, nid: str) -> None:
        """The node menu's "Path to…": the panel, starting from ``nid``."""
        self.open_path_panel(nid)

    @guarded
    def find_paths(self, source: str, target: str) -> None:
        """Find the best evidenced paths between two entities, in a worker."""
        if self._path_thread is not None:
            self._path_thread.cancel()  # its answer is for an older question
        graph, graph_filter = self.model.graph, self.filter  # both immutable while it runs
        nodes = graph.nodes
        within = None if graph_filter.is_default else (
            lambda nid: graph_filter.node_ok(nodes[nid], nid))
        thread = JobThread(lambda: paths_job(graph, source, target, DEFAULT_K, within),
                           messages.for_user)
        thread.succeeded.connect(lambda paths: self._on_paths_found(thread, graph, paths))
        thread.failed.connect(lambda message: self._on_paths_failed(thread, message))
        thread.finished.connect(thread.deleteLater)
        self._path_thread = thread
        thread.start()

    @guarded
    def _on_paths_found(self, thread: JobThread, graph,
                        paths: list[EvidencePath] | PathError) -> None:
        if thread is self._path_thread and graph is self.model.graph:
            self._path_thread = None
            if isinstance(paths, PathError):
                self.path_panel.show_error(messages.for_user(paths))
            else:
                self.path_panel.show_paths(paths)

    @guarded
    def _on_paths_failed(self, thread: JobThread, message: str) -> None:
        if thread is self._path_thread:
            self._path_thread = None
            self.path_panel.show_error(message)

    @guarded
    def show_path(self, path: EvidencePath) -> None:
        """Show the path's entities (one undoable step) and highlight it on the canvas."""
        nodes = [n for n in path.nodes if n in self.model]
        self.reveal_facts(nodes)
        if any(not self.filter.node_ok(self.model.node(n), n) for n in nodes):
            self.filters.reset()  # an end of a type filtered out, as going to it does
        missing = frozenset(nodes) - self.exploration.visible
        self.push(Step(show=missing, text=messages.SHOW_PATH.format(summary=path.summary)))
        self.canvas.set_path_highlight(nodes, path.edges)
        self.canvas.bring_path_into_view()

    def _on_path_dock_toggled(self, shown: bool) -> None:
        path = self.path_panel.current_path()
        if shown and path is not None:
            self.canvas.set_path_highlight(path.nodes, path.edges)
        elif not shown:
            self.canvas.clear_path_highlight()

    def choose_explanation_export(self) -> None:
        """Ask where to write the explanation of the paths found (Markdown or HTML)."""
        paths = self.path_panel.paths
        if not paths:
            return
        a, b = paths[0].labels[0], paths[0].labels[-1]
        suggestion = Path(self._last_dir()) / f"path-{slugify(a)}-{slugify(b)}.md"
        chosen = dialogs.choose_save_path(self, messages.EXPORT_PATH_TITLE, str(suggestion),
                                          messages.PATH_FILE_FILTER)
        if chosen:
            self.export_explanation(chosen)

    def export_explanation(self, path: str) -> bool:
        """Write the paths found as HTML (``.html``, ``.htm``) or Markdown (anything else).

        Returns whether it was written; a failure is shown in a message box.
        """
        paths = self.path_panel.paths
        if not paths:
            return False
        if not Path(path).suffix:
            path += ".md"
        html = path.lower().endswith(HTML_SUFFIXES)
        text = explanation_html(paths) if html else explanation_markdown(paths)
        try:
            refuse_inputs(path, self.current_paths)  # never over, or into, the corpus
            with atomic_write(path) as fh:
                fh.write(text)
        except ExportError as exc:
            self._export_failed(exc)
            return False
        self._wrote([path])
        return True
