"""Correcting the graph from the window: each edit one step of the window's undo stack.

:class:`CurationControl` belongs to the window (``window.curation``). It keeps the opened
corpus's :class:`graph.build.curation.Curation` (the graph as extracted, and the workspace
whose edit log corrects it), asks what an edit needs (a name, a type, another entity) and
pushes an :class:`EditCommand`: redo appends the edits to the log (or takes them back in,
after an undo), undo marks them reverted; the log changes at once, and the corrected graph
is made by :class:`app.edit_runner.EditRunner` (in a worker on a big graph: the window
stays usable) and shown when ready, changes in the order they were made. The model
announces each change as ``"edited"``, so the views keep the exploration. Reverting one
edit of the Edits list is a :class:`RevertCommand`.

A graph imported from a GraphML file has no workspace: its edit actions are disabled and
say why (its corrections would have nowhere to be kept and nothing to be replayed over).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import networkx as nx
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDialog, QInputDialog, QMenu

from app.dialogs import _plain_labels, ask_text
from app.edit_runner import Change, EditResult, EditRunner, skipped_after
from app.guard import guarded, guarded_call
from app.plain_text import menu_text
from graph import messages
from graph.build.curation import Curation
from graph.build.edits import (
    ADD_ALIAS,
    ADD_RELATION,
    DELETE,
    DELETE_RELATION,
    MERGE,
    RENAME,
    RETYPE,
    SPLIT,
    Edit,
    EntityRef,
)
from graph.build.jobs import Extraction
from graph.explore.exploration import Step
from graph.explore.filters import edge_predicate
from graph.schema import DEPENDENCY
from graph.taxonomy import entity_types, predicates, type_info

# The window's actions that change the graph (app/actions.py): disabled without a workspace.
EDIT_ACTIONS = ("rename_entity", "retype_entity", "delete_entity", "merge_into", "merge_selected",
                "split_alias", "add_alias", "add_relation", "delete_relation", "merge_review")
# Those the node's context menu offers, in this order.
NODE_EDIT_ACTIONS = ("rename_entity", "retype_entity", "add_alias", "split_alias",
                     "merge_into", "add_relation", "delete_entity")


def ask_item(parent, title: str, prompt: str, items: Sequence[str], current: int = 0
             ) -> int | None:
    """Ask for one of ``items`` (shown as plain text); its index, ``None`` when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(prompt)
    dialog.setComboBoxItems(list(items))
    dialog.setComboBoxEditable(False)
    if items:
        dialog.setTextValue(items[max(0, min(current, len(items) - 1))])
    _plain_labels(dialog)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    text = dialog.textValue()
    return list(items).index(text) if text in items else None


class EditCommand(QUndoCommand):
    """Some edits as one undo step (a bulk action from the table is one step too)."""

    def __init__(self, control: CurationControl, edits: Sequence[Edit], text: str) -> None:
        super().__init__(text)
        self.control, self.edits = control, list(edits)
        self.ids: list[int] = []
        self.shown_before: frozenset[str] = frozenset()

    def redo(self) -> None:
        state = self.control.state
        if not self.ids:
            self.shown_before = frozenset(self.control.window.exploration.visible)
            self.ids = state.record(self.edits)
            self.control.catch_up(Change(edits=list(zip(self.ids, self.edits, strict=True))))
        else:
            state.set_reverted(self.ids, False)
            self.control.catch_up(Change(rebuild=True))

    def undo(self) -> None:
        self.control.state.set_reverted(self.ids, True)
        # what the edit took away (a deleted entity) is shown again where it was shown
        self.control.catch_up(Change(rebuild=True, show=self.shown_before))


class RevertCommand(QUndoCommand):
    """Take one edit of the log out (the Edits list's Revert); undo puts it back."""

    def __init__(self, control: CurationControl, edit_id: int, edit: Edit) -> None:
        super().__init__(messages.REVERT_EDIT.format(edit=edit.describe()))
        self.control, self.edit_id = control, edit_id

    def redo(self) -> None:
        self.control.state.set_reverted([self.edit_id], True)
        # an entity the edit had deleted comes back into view
        self.control.catch_up(Change(rebuild=True, show_new=True))

    def undo(self) -> None:
        self.control.state.set_reverted([self.edit_id], False)
        self.control.catch_up(Change(rebuild=True))


class CurationControl(QObject):
    """The window's edits (uses its model, undo stack, canvas, actions and status bar).

    ``logChanged`` fires after every change of the edit log or of the graph it corrects.
    """

    logChanged = Signal()

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.state = Curation(nx.MultiDiGraph())
        self.runner = EditRunner(lambda: self.state, lambda: self.window.model.graph, self)
        self.runner.ready.connect(self._on_edit_ready)
        self.runner.failed.connect(self._on_edit_failed)

    # -- the opened corpus -------------------------------------------------------------
    def adopt(self, extraction: Extraction) -> None:
        """Take over a newly opened graph: its base, documents and workspace."""
        workspace = extraction.workspace
        if workspace is not None and str(workspace) == ":memory:":
            workspace = None  # a workspace that is not kept keeps no edits either
        base = extraction.base if extraction.base is not None else extraction.graph
        self.runner.stop()  # edits of the graph replaced: its undo stack is gone too
        self.state = Curation(base, extraction.documents,
                              Path(workspace) if workspace is not None else None)
        self.state.mark_skipped(extraction.skipped_edits)
        self.update_actions()
        self.logChanged.emit()

    @property
    def editable(self) -> bool:
        return self.state.editable

    def update_actions(self) -> None:
        """Enable the edit actions when the graph has a workspace, else say why not."""
        acts = getattr(self.window, "acts", {})
        for name in EDIT_ACTIONS:
            if name in acts:
                acts[name].setEnabled(self.editable)
                spec_tip = acts[name].statusTip()
                acts[name].setToolTip(spec_tip if self.editable else messages.NOT_EDITABLE)

    def busy(self) -> bool:
        """Whether the graph shown is still catching up with the edit log."""
        return self.runner.busy()

    def catch_up(self, change: Change) -> None:
        """Have the graph shown follow ``change`` of the log (now, or when ready)."""
        self.runner.request(change)
        if self.runner.busy():
            self.window.show_status(messages.APPLYING_EDIT)

    @guarded
    def _on_edit_ready(self, result: EditResult) -> None:
        """Show the corrected graph, keeping the exploration (ids carried over), and the
        nodes of it the change named."""
        model, exploration = self.window.model, self.window.exploration
        if result.shown is not model.graph:
            return  # made for a graph shown no more
        self.state.skipped = skipped_after(result, self.state.skipped)
        with self.window.canvas.holding_drawing():  # every panel's reaction drawn once
            model.replace(result.graph, result.renamed, result.born, facts=result.facts)
            missing = result.show - exploration.visible
            if missing:
                exploration.apply(Step(show=missing))
        self.runner.retire(result.shown)
        self.window._refresh_details()
        if result.missed:  # it is in the log, listed as finding nothing
            self.window.show_status(messages.EDIT_NOT_APPLIED.format(edit=result.missed),
                                    8_000)
        elif not self.busy() and self.window.statusBar().currentMessage() == \
                messages.APPLYING_EDIT:
            self.window.statusBar().clearMessage()
        self.logChanged.emit()

    def _on_edit_failed(self, message: str) -> None:
        self.window.show_status(messages.EDIT_FAILED.format(error=message), 10_000)

    # -- pushing edits -----------------------------------------------------------------
    def perform(self, edits: Sequence[Edit], text: str = "") -> bool:
        """Apply ``edits`` as one undo step; ``False`` (and a status message) when one of
        them would change nothing, or the graph has no workspace."""
        if not edits:
            return False
        if not self.editable:
            self.window.show_status(messages.NOT_EDITABLE, 8_000)
            return False
        model = self.window.model
        if not self.state.applies(model.graph, edits, model.facts.index.named):
            self.window.show_status(messages.EDIT_NOT_APPLIED.format(
                edit=edits[0].describe()), 8_000)
            return False
        self.window.undo_stack.push(EditCommand(self, edits, text or edits[0].describe()))
        return True

    def revert(self, edit_id: int) -> bool:
        """Take edit ``edit_id`` out of the log, as an undo step."""
        for found_id, edit in self.state.log():
            if found_id == edit_id:
                self.window.undo_stack.push(RevertCommand(self, edit_id, edit))
                return True
        return False

    def ref(self, nid: str) -> EntityRef:
        return EntityRef.of(self.window.model.graph, nid)

    def _label(self, nid: str) -> str:
        return str(self.window.model.label(nid))

    # -- the edits (slots of app/actions.py and the context menus) ---------------------
    def rename(self, nid: str, label: str | None = None) -> bool:
        """Give ``nid`` another name (the old one becomes an alias)."""
        if label is None:
            label = ask_text(self.window, messages.RENAME_TITLE,
                             messages.RENAME_PROMPT.format(label=self._label(nid)),
                             self._label(nid))
        if not label or not label.strip() or label.strip() == self._label(nid):
            return False
        return self.perform([Edit(RENAME, self.ref(nid), value=label.strip())])

    def retype(self, nids: str | Sequence[str], etype: str | None = None) -> bool:
        """Give the entities ``nids`` (one id, or several: one undo step) another type."""
        nids = [nids] if isinstance(nids, str) else list(nids)
        if not nids:
            return False
        if etype is None:
            codes = list(entity_types())
            names = [f"{type_info(c).name} ({c})" for c in codes]
            current = self.window.model.node(nids[0]).get("type", "OTHER")
            what = self._label(nids[0]) if len(nids) == 1 else \
                messages.BULK_TEXT.format(what="the", count=len(nids))
            index = ask_item(self.window, messages.RETYPE_TITLE,
                             messages.RETYPE_PROMPT.format(what=what), names,
                             codes.index(current) if current in codes else 0)
            if index is None:
                return False
            etype = codes[index]
        edits = [Edit(RETYPE, self.ref(n), value=etype) for n in nids
                 if self.window.model.node(n).get("type") != etype]
        text = None if len(edits) == 1 else messages.BULK_TEXT.format(
            what=f"Make {etype}:", count=len(edits))
        return self.perform(edits, text or "")

    def delete(self, nids: str | Sequence[str]) -> bool:
        """Delete the entities ``nids`` from the graph (and from every rebuild)."""
        nids = [nids] if isinstance(nids, str) else list(nids)
        text = "" if len(nids) == 1 else messages.BULK_TEXT.format(what="Delete",
                                                                   count=len(nids))
        return self.perform([Edit(DELETE, self.ref(n)) for n in nids], text)

    def merge(self, keep: str, others: Sequence[str]) -> bool:
        """Merge ``others`` into ``keep`` (which keeps its name), one undo step."""
        others = [n for n in dict.fromkeys(others) if n != keep]
        text = "" if len(others) == 1 else messages.BULK_TEXT.format(
            what=f"Merge into \u201c{self._label(keep)}\u201d", count=len(others))
        return self.perform([Edit(MERGE, self.ref(keep), self.ref(n)) for n in others], text)

    def merge_selected(self, nids: Sequence[str]) -> bool:
        """Merge the entities selected on the canvas into the current one (Edit > Merge
        Selected), one undo step."""
        nids = list(nids)
        if len(nids) < 2:
            self.window.show_status(messages.MERGE_NEEDS_TWO, 6_000)
            return False
        current = self.window.canvas.selected_node()
        return self.merge(current if current in nids else nids[-1], nids)

    def merge_into(self, nid: str, target: str | None = None) -> bool:
        """Merge ``nid`` into another entity, asked for (same type first)."""
        if target is None:
            target = self._choose_entity(nid, messages.MERGE_INTO_TITLE,
                                         messages.MERGE_INTO_PROMPT.format(
                                             label=self._label(nid)))
        return target is not None and self.merge(target, [nid])

    def add_alias(self, nid: str, alias: str | None = None) -> bool:
        if alias is None:
            alias = ask_text(self.window, messages.ADD_ALIAS_TITLE,
                             messages.ADD_ALIAS_PROMPT.format(label=self._label(nid)))
        if not alias or not alias.strip():
            return False
        return self.perform([Edit(ADD_ALIAS, self.ref(nid), value=alias.strip())])

    def split(self, nid: str, alias: str | None = None) -> bool:
        """Make the mentions of ``nid`` written as one of its aliases an entity of their own."""
        if alias is None:
            aliases = [str(a) for a in self.window.model.node(nid).get("aliases", ())]
            if not aliases:
                self.window.show_status(messages.SPLIT_NO_ALIAS.format(label=self._label(nid)),
                                        8_000)
                return False
            index = ask_item(self.window, messages.SPLIT_TITLE,
                             messages.SPLIT_PROMPT.format(label=self._label(nid)), aliases)
            if index is None:
                return False
            alias = aliases[index]
        return self.perform([Edit(SPLIT, self.ref(nid), value=alias)])

    def add_relation(self, nid: str, predicate: str | None = None,
                     other: str | None = None) -> bool:
        """Add a typed relation from ``nid`` to another entity, both asked for."""
        found = predicates()
        if predicate is None:
            codes = list(found)
            index = ask_item(self.window, messages.ADD_RELATION_TITLE,
                             messages.ADD_RELATION_PREDICATE.format(label=self._label(nid)),
                             [found[c].name for c in codes])
            if index is None:
                return False
            predicate = codes[index]
        if other is None:
            other = self._choose_entity(nid, messages.ADD_RELATION_TITLE,
                                        messages.ADD_RELATION_OTHER.format(
                                            label=self._label(nid),
                                            phrase=found[predicate].phrase),
                                        same_type_first=False)
        if other is None:
            return False
        return self.perform([Edit(ADD_RELATION, self.ref(nid), self.ref(other), predicate)])

    def delete_relation(self, edge: tuple[str, str, str] | None = None) -> bool:
        """Delete the selected relation (a typed one, or the pair's co-occurrence)."""
        edge = edge or self.window.canvas.selected_edge()
        if edge is None:
            self.window.show_status(messages.DELETE_RELATION_ON, 6_000)
            return False
        u, v, key = edge
        data = self.window.model.graph.edges[u, v, key]
        predicate = edge_predicate(data) if data.get("method") == DEPENDENCY else ""
        return self.perform([Edit(DELETE_RELATION, self.ref(u), self.ref(v), predicate)])

    def _choose_entity(self, nid: str, title: str, prompt: str,
                       same_type_first: bool = True) -> str | None:
        graph = self.window.model.graph
        etype = graph.nodes[nid].get("type")
        others = sorted((n for n in graph if n != nid), key=lambda n: (
            same_type_first and graph.nodes[n].get("type") != etype,
            str(graph.nodes[n].get("label", n)).casefold()))
        if not others:
            self.window.show_status(messages.CHOOSE_ENTITY_NONE, 6_000)
            return None
        names = [f"{graph.nodes[n].get('label', n)} \u2014 {graph.nodes[n].get('type', '')}"
                 f" ({n})" for n in others]
        index = ask_item(self.window, title, prompt, names)
        return None if index is None else others[index]

    # -- menus -------------------------------------------------------------------------
    def fill_node_menu(self, menu: QMenu, nid: str) -> None:
        """Add the edit actions for ``nid`` to its context menu."""
        from app.actions import SPECS

        menu.addSeparator()
        for name in NODE_EDIT_ACTIONS:
            spec = SPECS[name]
            action = menu.addAction(spec.plain_text, guarded_call(
                self.window, reduce_slot(self.window, spec.slot), nid))
            action.setEnabled(self.editable)
            if not self.editable:
                action.setToolTip(messages.NOT_EDITABLE)

    def fill_edge_menu(self, menu: QMenu, edge: tuple[str, str, str]) -> None:
        """Add Delete Relation for ``edge`` to a context menu."""
        u, v, _ = edge
        text = f"{menu_text(self._label(u))} \u2013 {menu_text(self._label(v))}"
        title = menu.addAction(text)
        title.setEnabled(False)
        action = menu.addAction(self.window.acts["delete_relation"].text().replace("&", ""),
                                guarded_call(self.window, self.delete_relation, edge))
        action.setEnabled(self.editable)
        menu.addSeparator()


def reduce_slot(owner, path: str) -> Callable:
    target = owner
    for part in path.split("."):
        target = getattr(target, part)
    return target

