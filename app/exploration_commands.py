"""Exploration from the window: expand, collapse, hide, focus, and the node's context menu.

Each command computes a :class:`graph.explore.exploration.Step` and pushes it on the
window's ``QUndoStack`` as a :class:`StepCommand`, so every change of the view can be
undone. :class:`ExplorationCommands` is mixed into :class:`app.main_window.MainWindow`.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMenu

from app import dialogs
from app.actions import SPECS
from app.guard import guarded, guarded_call
from app.plain_text import menu_text, tooltip_text
from graph import messages
from graph.explore.exploration import DEFAULT_EXPAND_K, Exploration, Step

MAX_EXPAND_DEPTH = 6
# Graph-menu actions the node's context menu repeats, with the same text.
NODE_MENU_ACTIONS = ("expand_depth", "collapse", "focus")
# View actions the context menu of the background offers.
BACKGROUND_MENU_ACTIONS = ("fit", "relayout", "overview", "show_all")


class StepCommand(QUndoCommand):
    """One exploration step on the undo stack (undo applies its inverse)."""

    def __init__(self, exploration: Exploration, step: Step) -> None:
        super().__init__(step.text or messages.CHANGE_VIEW)
        self.exploration, self.step = exploration, step

    def redo(self) -> None:
        self.exploration.apply(self.step)

    def undo(self) -> None:
        self.exploration.apply(self.step.inverse())


class PinCommand(QUndoCommand):
    """Pinning or releasing several nodes as one step on the undo stack."""

    def __init__(self, canvas, nids: list[str], pinned: bool, text: str) -> None:
        super().__init__(text)
        self.canvas, self.pinned = canvas, pinned
        before = canvas.pinned_nodes()
        self.before = {nid: nid in before for nid in nids}

    def redo(self) -> None:
        for nid in self.before:
            self.canvas.set_pinned(nid, self.pinned)

    def undo(self) -> None:
        for nid, was in self.before.items():
            self.canvas.set_pinned(nid, was)


class ExplorationCommands:
    """The Graph menu's steps (uses the window's model, exploration, canvas and details)."""

    def push(self, step: Step) -> None:
        """Apply an exploration step through the undo stack (nothing for an empty step)."""
        if step:
            self.undo_stack.push(StepCommand(self.exploration, step))

    @guarded
    def expand(self, nid: str, depth: int = 1) -> None:
        """Show the strongest hidden neighbours of ``nid``, ``depth`` levels out."""
        step, more = self.exploration.expand(nid, DEFAULT_EXPAND_K, depth)
        self.push(step)  # the details follow the visible set (the window's listener)
        if more:
            self.show_status(messages.EXPANDED_SOME.format(
                k=DEFAULT_EXPAND_K, label=self.model.label(nid), more=more), 8_000)

    @guarded
    def expand_nodes(self, nids: list[str], depth: int = 1) -> None:
        """Show the strongest hidden neighbours of every node of ``nids``, as one step."""
        if len(nids) == 1:
            self.expand(nids[0], depth)
            return
        shown: set[str] = set()
        for nid in nids:
            step, _more = self.exploration.expand(nid, DEFAULT_EXPAND_K, depth)
            shown |= step.show
        self.push(Step(show=frozenset(shown), text=messages.EXPAND_SELECTION.format(
            what=self._what(nids))))

    def _what(self, nids: list[str]) -> str:
        """How a step's name calls ``nids``: the entity's label, or "3 entities"."""
        return str(self.model.label(nids[0])) if len(nids) == 1 else \
            messages.SELECTED_ENTITIES.format(count=len(nids))

    def ask_expand_depth(self, nid: str) -> None:
        """Ask how many levels to expand around ``nid``, then expand."""
        depth = dialogs.ask_number(self, messages.EXPAND_DEPTH_TITLE,
                                   messages.EXPAND_DEPTH_PROMPT.format(label=self.model.label(nid)),
                                   2, 1, MAX_EXPAND_DEPTH)
        if depth is not None:
            self.expand(nid, depth)

    def collapse(self, nid: str) -> None:
        """Hide the neighbours of ``nid`` that nothing else visible holds on to."""
        self.push(self.exploration.collapse(nid))

    def hide_node(self, nid: str) -> None:
        """Take ``nid`` off the canvas."""
        self.hide_nodes([nid])

    def hide_nodes(self, nids: list[str]) -> None:
        """Take every node of ``nids`` off the canvas, as one step."""
        self.push(self.exploration.hide(nids))
        if self.details.node in nids:
            self.details.clear()

    def pin_nodes(self, nids: list[str], pinned: bool = True) -> None:
        """Pin the nodes of ``nids`` where they are (or release them), as one step."""
        pins = self.canvas.pinned_nodes()
        placed = [n for n in nids if self.canvas.node_scene_pos(n) is not None]
        changing = [n for n in placed if (n in pins) != pinned]
        if changing:
            text = messages.PIN_SELECTION if pinned else messages.UNPIN_SELECTION
            self.undo_stack.push(PinCommand(self.canvas, changing, pinned,
                                            text.format(what=self._what(changing))))

    def focus_neighbourhood(self, nid: str) -> None:
        """Show only ``nid`` and its strongest neighbours."""
        self.push(self.exploration.focus(nid))
        self.canvas.fit_all(follow=True)

    def show_all(self) -> None:
        """Show every entity of the graph."""
        self.push(self.exploration.show_all())
        self.canvas.fit_all(follow=True)

    def show_overview(self) -> None:
        """Show the most connected entities (all of a small graph)."""
        # A big graph opens on the community map over this very view: the step is empty.
        self.set_community_overview(False)
        self.push(self.exploration.show_overview())
        self.canvas.fit_all(follow=True)

    def fit_to_window(self) -> None:
        """Zoom so the whole drawn graph fits, and keep fitting while the layout moves."""
        self.canvas.fit_all(follow=True)

    @guarded
    def _on_context_menu(self, nid: str | None, global_pos: QPoint) -> None:
        menu = QMenu(self)
        selection = self.canvas.selected_nodes()
        if nid and nid in selection and len(selection) > 1:
            self._fill_selection_menu(menu, selection)
        elif nid:
            self._fill_node_menu(menu, nid)
        else:
            edge = self.canvas.edge_at(self.canvas.viewport().mapFromGlobal(global_pos))
            if edge is not None:
                self.select_edge(*edge)
                self.curation.fill_edge_menu(menu, edge)
            menu.addActions([self.acts[name] for name in BACKGROUND_MENU_ACTIONS])
        self.context_menu = menu
        menu.popup(global_pos)

    @guarded
    def _on_edge_menu(self, u: str, v: str, key: str, global_pos: QPoint) -> None:
        menu = QMenu(self)
        self.select_edge(u, v, key)
        self._add_evidence_entries(menu, self.edge_evidence_items(u, v, key))
        self.context_menu = menu
        menu.popup(global_pos)

    def _fill_selection_menu(self, menu: QMenu, nids: list[str]) -> None:
        """The menu of several selected nodes: what acts on them all."""
        what = self._what(nids)
        for text, slot, args in (
                (messages.EXPAND_SELECTION, self.expand_nodes, ()),
                (messages.HIDE_SELECTION, self.hide_nodes, ()),
                (messages.PIN_SELECTION, self.pin_nodes, (True,)),
                (messages.UNPIN_SELECTION, self.pin_nodes, (False,))):
            entry = menu.addAction(menu_text(text.format(what=what)),
                                   guarded_call(self, slot, nids, *args))
            entry.setToolTip(tooltip_text(text.format(what=what)))
        menu.addAction(messages.EXPORT_SELECTION_MENU,
                       guarded_call(self, self.choose_export, "graphml", False, True))
        menu.addSeparator()
        self._add_evidence_entries(menu, self.nodes_evidence_items(nids))

    def _fill_node_menu(self, menu: QMenu, nid: str) -> None:
        self.select_node(nid)
        hidden = self.exploration.hidden_neighbour_count(nid)
        label = str(self.model.label(nid))
        text = (messages.EXPAND_NODE_HIDDEN.format(label=label, hidden=hidden) if hidden
                else messages.EXPAND_NODE.format(label=label))
        expand = menu.addAction(menu_text(text), guarded_call(self, self.expand, nid))
        expand.setToolTip(tooltip_text(text))  # Qt's default tooltip is the text, markup and all
        expand.setEnabled(bool(hidden))
        for name in NODE_MENU_ACTIONS:
            menu.addAction(SPECS[name].plain_text,
                           guarded_call(self, getattr(self, SPECS[name].slot), nid))
        menu.addAction(SPECS["hide"].plain_text, guarded_call(self, self.hide_nodes, [nid]))
        menu.addSeparator()
        pinned = nid in self.canvas.pinned_nodes()
        menu.addAction(messages.UNPIN_NODE if pinned else messages.PIN_NODE,
                       guarded_call(self, self.pin_nodes, [nid], not pinned))
        menu.addAction(messages.FIND_MENTIONS, guarded_call(self, self.text_search, label))
        self._add_evidence_entries(menu, self.nodes_evidence_items([nid]))
        menu.addAction(messages.PATH_TO_NODE, guarded_call(self, self.path_to, nid))
        self.curation.fill_node_menu(menu, nid)
