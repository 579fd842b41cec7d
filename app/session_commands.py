"""Sessions in the window: the exploration is kept with the corpus's workspace.

The last exploration (visible entities, positions, pins, selection, zoom, filters, sizing)
is saved in the workspace when the window closes or opens another corpus, and restored
when the corpus is opened again; View > Save View As… keeps named ones, View > Views
switches between them (:mod:`graph.explore.session`). :class:`SessionCommands` is mixed
into :class:`app.main_window.MainWindow`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from PySide6.QtWidgets import QMenu

from app import dialogs
from app.guard import guarded
from app.plain_text import menu_text
from app.workers import NewestWorker
from graph import messages
from graph.errors import WorkspaceError
from graph.explore.exploration import Step
from graph.explore.session import LAST, Session
from graph.jobs import Progress, collector_paused
from graph.store.graphml import exported_places
from graph.store.workspace import SUFFIX, Workspace

log = logging.getLogger(__name__)


ASYNC_SESSION_CHARS = 100_000  # a saved view this long (some 1,500 places) is read in a worker


@dataclass(frozen=True)
class SessionRequest:
    """A saved view's JSON to read for ``graph`` (its entities only, :meth:`Session.within`):
    25k places take some 100 ms of parsing, a stall of the window."""

    text: str
    graph: nx.MultiDiGraph

    def job(self):
        yield Progress(0, 0, messages.RESTORING_VIEW)
        return self.graph, self.run()

    def run(self) -> Session:
        with collector_paused():  # a list per place: they set off full collections
            return Session.from_json(self.text).within(self.graph._node.keys())


class SessionReader(NewestWorker):
    """Reads saved views in a worker, newest first (``built``: ``(graph, session)``)."""

    what = "reading a saved view"
    async_chars = ASYNC_SESSION_CHARS  # from this length on in the worker (tests set 0)


class SessionCommands:
    """Save and restore explorations (uses the window's model, canvas, filters, workspace;
    the window makes :attr:`session_reader`, a :class:`SessionReader`, and connects its
    ``built`` to :meth:`_on_session_read`)."""

    def capture_session(self) -> Session:
        """The exploration as it is now."""
        canvas = self.canvas
        centre = canvas.mapToScene(canvas.viewport().rect().center())
        session = Session(
            visible=sorted(self.exploration.visible), positions=canvas.positions(),
            pinned=sorted(canvas.pinned_nodes()), selected=canvas.selected_nodes(),
            scale=0.0 if canvas._auto_fit else canvas._scale(),
            centre=(centre.x(), centre.y()), size_by=canvas.size_by())
        facts = self.model.facts
        session.filter_hides(self.filter, list(facts.type_counts), list(facts.predicates()),
                             sorted(self.model.documents))
        return session

    def restore_session(self, session: Session, within: bool = False) -> None:
        """Bring an exploration back; entities no longer in the graph are left out (already,
        when ``within``: :meth:`Session.within` the graph shown)."""
        if not within:
            session = session.within(self.model.graph._node.keys())  # C-speed tests
        with self.canvas.holding_drawing():  # drawn once, by restore_view
            self.filters.restore(session.hidden_types, session.hidden_predicates,
                                 session.hidden_documents, session.min_weight, session.methods)
            self.set_fact_nodes(session.fact_nodes)
            self.set_size_by(session.size_by)
            visible = set(session.visible)
            if visible:
                self.exploration.apply(Step(show=frozenset(visible),
                                            hide=frozenset(self.exploration.visible - visible)))
        # The drawing of a big view is built in the canvas's worker, the places with it.
        self.canvas.restore_view(session.positions, session.pinned, session.selected,
                                 session.scale, session.centre)

    def restore_exported_places(self, places: tuple[dict, list] | None = None) -> bool:
        """An imported GraphML that Threadline exported: the entities that had a place are
        shown where they were, pinned ones pinned (``x``, ``y``, ``pinned`` attributes;
        ``places``: as :func:`graph.store.graphml.exported_places` read them, in the
        worker that imported the file)."""
        positions, pinned = places if places is not None else exported_places(self.model.graph)
        if not positions:
            return False
        self.restore_session(Session(visible=sorted(positions), positions=positions,
                                     pinned=pinned, size_by=self.canvas.size_by()))
        return True

    # -- kept in the workspace --------------------------------------------------------
    def save_session(self, name: str = LAST) -> bool:
        """Save the exploration in the open corpus's workspace (nothing without one)."""
        if self.workspace is None or not len(self.model):
            return False
        try:
            with Workspace(self.workspace) as store:
                store.save_session(name, self.capture_session().to_json())
        except (WorkspaceError, OSError) as exc:  # never stops a close or an open
            log.warning("could not save the session in %s: %s", self.workspace, exc)
            return False
        return True

    def load_session(self, name: str = LAST) -> bool:
        """Restore the exploration saved as ``name``; ``False`` when there is none. A long
        one (:data:`ASYNC_SESSION_CHARS`) is read in a worker and restored when ready."""
        if self.workspace is None:
            return False
        try:
            with Workspace(self.workspace) as store:
                state = store.session(name)
        except (WorkspaceError, OSError) as exc:
            log.warning("could not read the session in %s: %s", self.workspace, exc)
            return False
        if state is None:
            return False
        request = SessionRequest(state, self.model.graph)
        if len(state) < self.session_reader.async_chars:
            self.restore_session(request.run(), within=True)
        else:
            self.session_reader.request(request)
        return True

    @guarded
    def _on_session_read(self, result: tuple[nx.MultiDiGraph, Session]) -> None:
        graph, session = result
        if graph is self.model.graph:  # else another graph came meanwhile: not its view
            self.restore_session(session, within=True)

    def session_names(self) -> list[str]:
        if self.workspace is None:
            return []
        try:
            with Workspace(self.workspace) as store:
                return store.session_names()
        except (WorkspaceError, OSError):
            return []

    def ask_save_view(self) -> None:
        """Ask for a name and keep the exploration under it (View > Save View As…)."""
        if self.workspace is None:
            self.show_status(messages.NO_WORKSPACE_FOR_VIEWS, 8_000)
            return
        name = dialogs.ask_text(self, messages.SAVE_VIEW_TITLE, messages.SAVE_VIEW_PROMPT, "")
        if name and name.strip() and self.save_session(name.strip()):
            self.show_status(messages.VIEW_SAVED.format(name=name.strip()), 6_000)

    def last_corpus(self) -> list[str]:
        """The corpus opened last, if its files are all still there (else ``[]``)."""
        recent = self.recent()
        paths = recent[0] if recent else []
        return paths if paths and all(Path(p).exists() for p in paths) else []

    def choose_save_workspace(self) -> None:
        """Ask where to write the workspace as a portable ``.threadline`` file (File >
        Save Workspace As…), then keep working in that file."""
        if self.workspace is None:
            self.show_status(messages.NO_WORKSPACE_FOR_VIEWS, 8_000)
            return
        stem = Path(self.current_paths[0]).stem if self.current_paths else "corpus"
        suggestion = str(Path(self._last_dir()) / f"{stem}{SUFFIX}")
        path = dialogs.choose_save_path(self, messages.SAVE_WORKSPACE_TITLE, suggestion,
                                        messages.WORKSPACE_FILTER)
        if path:
            self.save_workspace_as(path)

    @guarded
    def save_workspace_as(self, path: str) -> bool:
        """Write the workspace, with the exploration as it is now, to ``path``."""
        path = path if path.lower().endswith(SUFFIX) else path + SUFFIX
        self.save_session()
        try:
            with Workspace(self.workspace) as store:
                store.save_as(path)
        except (WorkspaceError, OSError) as exc:
            self.show_status(str(exc), 10_000)
            return False
        self.workspace = Path(path)
        self.current_paths = [str(path)]
        self._remember([str(path)])
        self.show_status(messages.WORKSPACE_SAVED.format(path=path), 8_000)
        return True

    def _build_views_menu(self, view: QMenu) -> None:
        self.views_menu = QMenu(messages.VIEWS_MENU, self)
        self.views_menu.aboutToShow.connect(lambda: self._fill_views_menu(self.views_menu))
        view.insertMenu(self.acts["save_view"], self.views_menu)

    def _fill_views_menu(self, menu: QMenu) -> None:
        """The named views of the corpus, to switch to (filled when the menu opens)."""
        menu.clear()
        names = self.session_names()
        for name in names:
            menu.addAction(menu_text(name), lambda n=name: self.load_session(n))
        if not names:
            menu.addAction(messages.NO_VIEWS).setEnabled(False)
