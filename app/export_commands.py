"""Export from the window: the graph (whole or what is drawn) in any format, the view as an image.

:class:`ExportCommands` is mixed into :class:`app.main_window.MainWindow`. The formats,
their file-dialog filters and suffixes come from :data:`graph.store.formats.FORMATS`; what
"the visible part" is comes from :func:`graph.explore.filters.drawn_subgraph`, the same
rule the canvas draws by.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app import dialogs
from app.guard import guarded
from app.workers import JobThread
from graph import messages
from graph.errors import ExportError
from graph.explore.filters import drawn_subgraph
from graph.jobs import Progress
from graph.store.files import refuse_inputs
from graph.store.formats import FORMATS, export


class ExportCommands:
    """File > Export (uses the window's model, exploration, filter, canvas and status bar)."""

    def choose_export(self, fmt: str, visible: bool = False, selection: bool = False) -> None:
        """Ask where to write the graph in ``fmt`` (``visible``: only what is drawn;
        ``selection``: only the selected entities and the relations between them)."""
        if selection and not self.canvas.selected_nodes():
            self.show_status(messages.NOTHING_SELECTED, 6_000)
            return
        stem = Path(self.current_paths[0]).stem if self.current_paths else "graph"
        suggestion = str(Path(self._last_dir()) / f"{stem}{FORMATS[fmt].suffixes[0]}")
        path = dialogs.choose_save_path(self, messages.EXPORT_GRAPH_TITLE, suggestion,
                                        FORMATS[fmt].dialog_filter)
        if path:
            self.export_graph_in_background(path, fmt, visible=visible, selection=selection)

    def choose_image(self, kind: str) -> None:
        """Ask where to write the view as a ``"png"`` or ``"svg"`` image."""
        suggestion = str(Path(self._last_dir()) / f"graph.{kind}")
        path = dialogs.choose_save_path(self, messages.EXPORT_VIEW_TITLE, suggestion,
                                        messages.IMAGE_FILTER.format(kind=kind.upper(),
                                                                     suffix=kind))
        if path:
            self.export_image(path)

    def export_graph(self, path: str, fmt: str | None = None, visible: bool = False,
                     selection: bool = False) -> bool:
        """Write the graph (``visible``: only the drawn part) to ``path``.

        Parameters
        ----------
        path
            The file to write (CSV writes two files beside it).
        fmt
            A name of :data:`~graph.store.formats.FORMATS`; ``None``: from the suffix.
        visible
            Only the nodes and edges on screen (exploration and filter).
        selection
            Only the selected nodes and the edges drawn between them.

        Returns
        -------
        bool
            Whether it was written; a failure is shown in a message box.
        """
        try:
            written = export(*self._export_arguments(path, fmt, visible, selection))
        except ExportError as exc:
            self._export_failed(exc)
            return False
        self._wrote(written)
        return True

    @guarded
    def export_graph_in_background(self, path: str, fmt: str | None = None,
                                   visible: bool = False, selection: bool = False) -> None:
        """:meth:`export_graph` with the writing in a worker thread (a big graph takes
        seconds to write); the status bar says when it is done, a box if it failed."""
        try:
            arguments = self._export_arguments(path, fmt, visible, selection)
        except ExportError as exc:
            self._export_failed(exc)
            return

        def job():
            yield Progress(0, 0, messages.EXPORTING.format(name=Path(path).name))
            return export(*arguments)

        thread = JobThread(job, messages.for_user)
        thread.succeeded.connect(self._wrote)
        thread.failed.connect(lambda message: self._export_failed(ExportError(message)))
        thread.finished.connect(thread.deleteLater)
        self.export_threads = [*getattr(self, "export_threads", []), thread]
        thread.finished.connect(lambda: self.export_threads.remove(thread))
        self.show_status(messages.EXPORTING.format(name=Path(path).name))
        thread.start()

    def _export_arguments(self, path: str, fmt: str | None, visible: bool, selection: bool):
        """What :func:`graph.store.formats.export` writes: the graph (all of it, what is drawn,
        or the selection), the places of what is on the canvas and which are pinned."""
        refuse_inputs(path, self.current_paths)  # never over, or into, the corpus
        if selection:
            graph = drawn_subgraph(self.model.graph, self.canvas.selected_nodes(), self.filter)
        elif visible:
            graph = drawn_subgraph(self.model.graph, self.exploration.visible, self.filter)
        else:
            graph = self.model.graph
        drawn = set(self.canvas.drawn_nodes())
        places = {n: p for n, p in self.canvas.positions().items() if n in drawn}
        return graph, path, fmt, places, self.canvas.pinned_nodes() & drawn

    def export_image(self, path: str) -> bool:
        """Render the whole scene to ``path`` (SVG by suffix, else PNG); whether it worked."""
        try:
            # Both renderers encode in memory and write atomically (graph.store.files).
            if path.lower().endswith(".svg"):
                self.canvas.render_to_svg(path)
            elif not self.canvas.render_to_image(path):
                raise ExportError(messages.CANNOT_WRITE.format(
                    path=path, error=messages.IMAGE_NOT_ENCODED))
        except ExportError as exc:
            self._export_failed(exc)
            return False
        self._wrote([path])
        return True

    def _wrote(self, paths) -> None:
        self.show_status(messages.WROTE.format(paths=", ".join(str(p) for p in paths)), 8_000)

    def _export_failed(self, exc: ExportError) -> None:
        self.error_box = dialogs.message_box(self, QMessageBox.Icon.Warning,
                                             messages.EXPORT_FAILED_TITLE, messages.for_user(exc))
