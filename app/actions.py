"""The window's actions, each described once: text, slot, keys, tip, icon and its places.

:data:`ACTIONS` is the one table. :func:`build_actions` makes the ``QAction`` s,
:func:`build_menus` and :func:`build_toolbar` put them in the menu bar and the toolbar, and
:func:`shortcut_rows` lists their keys for Help > Keyboard Shortcuts. A key sequence is
written in one place only, and :func:`check_shortcuts` refuses one given twice: Qt calls
such a shortcut ambiguous and runs neither action.

This module is longer than 450 lines because the table of every action (about 60, most
of the file) belongs in one place, where a clash of keys or names is seen at a glance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import reduce
from typing import Literal

from PySide6.QtGui import QAction, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu, QMenuBar, QStyle, QToolBar, QWidget

from app.guard import report_error
from app.plain_text import menu_text, tooltip_text
from graph import messages
from graph.store.formats import FORMATS

Key = str | QKeySequence.StandardKey
K = QKeySequence.StandardKey
SP = QStyle.StandardPixmap


@dataclass(frozen=True, slots=True)
class MenuSpec:
    """A menu of the menu bar (``path`` "file") or a submenu ("file/export")."""

    path: str
    title: str
    section: int = 0  # a submenu's section in its parent menu


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One action of the window.

    Attributes
    ----------
    name
        Key of the action in ``MainWindow.acts``.
    text
        Menu text; ``&`` marks the mnemonic.
    slot
        Attribute path from the window to the callable, e.g. ``"reload"``,
        ``"canvas.zoom_in"``; called with ``args``.
    shortcuts
        Key sequences (strings or standard keys); each may belong to one action only.
    menu, section
        Path of the menu the action is in (``None``: none) and its section there;
        menus put a separator between sections.
    toolbar
        Section of the toolbar the action is in (``None``: not on the toolbar).
    tip
        Status tip and tooltip.
    icon, fallback_icon
        Icon theme name, and the style's pixmap when the theme has none.
    checkable
        The action is a check box.
    on_node
        The slot takes the selected node's id first; with nothing selected the action
        does nothing.
    on_selection
        The slot takes the list of every selected node first (multi-selection); with
        nothing selected the action does nothing.
    follows, step_in
        ``"undo"`` or ``"redo"``: enabled only when the undo stack has such a step, whose
        text the action shows in its ``"text"`` or its ``"tip"``.
    shortcut_label
        Row of the shortcut list (default: the text); actions that share a label share
        the row.
    """

    name: str
    text: str
    slot: str
    args: tuple = ()
    shortcuts: tuple[Key, ...] = ()
    menu: str | None = None
    section: int = 0
    toolbar: int | None = None
    tip: str = ""
    icon: str = ""
    fallback_icon: QStyle.StandardPixmap | None = None
    checkable: bool = False
    on_node: bool = False
    on_selection: bool = False
    follows: Literal["undo", "redo"] | None = None
    step_in: Literal["text", "tip"] = "text"
    shortcut_label: str = ""

    @property
    def plain_text(self) -> str:
        """The text without its mnemonic mark, as a context menu shows it."""
        return self.text.replace("&", "")

    @property
    def label(self) -> str:
        """The name of the action in the shortcut list."""
        return self.shortcut_label or self.plain_text.replace("\u2026", "")


MENUS: tuple[MenuSpec, ...] = (
    MenuSpec("file", "&File"),
    MenuSpec("file/export", "&Export", section=1),
    MenuSpec("edit", "&Edit"),
    MenuSpec("view", "&View"),
    MenuSpec("view/theme", "&Theme", section=5),
    MenuSpec("graph", "&Graph"),
    MenuSpec("help", "&Help"),
)
# Filled by the window with the corpora opened last; it sits in File before Reload.
RECENT_MENU_TITLE = "Open &Recent"

_EXPORTS = tuple(
    ActionSpec(f"export_{f.name}", f"Export {f.title}\u2026", "choose_export", args=(f.name,),
               menu="file/export")
    for f in FORMATS.values())

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open", "&Open Folder\u2026", "choose_folder", shortcuts=(K.Open,), menu="file",
               toolbar=0, tip="Open a folder of documents", icon="document-open",
               fallback_icon=SP.SP_DirOpenIcon),
    ActionSpec("open_files", "Open &Files\u2026", "choose_files", shortcuts=("Ctrl+Shift+O",),
               menu="file", tip="Open documents or an exported GraphML"),
    ActionSpec("extraction_cluster", "Extraction &Cluster\u2026", "choose_scheduler",
               menu="file", tip="Extract documents on a Dask cluster instead of this machine"),
    ActionSpec("reload", "&Reload", "reload", shortcuts=(K.Refresh,), menu="file",
               tip="Extract the current corpus again", icon="view-refresh"),
    *_EXPORTS,
    ActionSpec("export_visible", "Export &Visible Part as GraphML\u2026", "choose_export",
               args=("graphml", True), menu="file/export"),
    ActionSpec("export_selection", "Export &Selection as GraphML\u2026", "choose_export",
               args=("graphml", False, True), menu="file/export",
               tip="The selected entities and the relations between them"),
    ActionSpec("export_png", "Export View as &PNG\u2026", "choose_image", args=("png",),
               shortcuts=("Ctrl+Shift+E",), menu="file/export", section=1),
    ActionSpec("export_svg", "Export View as &SVG\u2026", "choose_image", args=("svg",),
               menu="file/export", section=1),
    ActionSpec("save_workspace", "Save &Workspace As\u2026", "choose_save_workspace",
               menu="file", section=1,
               tip="A .threadline file with the corpus's results, corrections and views, to "
                   "open elsewhere"),
    ActionSpec("quit", "&Quit", "close", shortcuts=(K.Quit,), menu="file", section=2),
    ActionSpec("undo", "&Undo", "undo_stack.undo", shortcuts=(K.Undo,), menu="edit",
               follows="undo", shortcut_label="Undo / Redo"),
    ActionSpec("redo", "&Redo", "undo_stack.redo", shortcuts=("Ctrl+Shift+Z", "Ctrl+Y"),
               menu="edit", follows="redo", shortcut_label="Undo / Redo"),
    # The toolbar gets short, fixed labels; the Edit menu says what would be undone.
    ActionSpec("undo_tool", "Undo", "undo_stack.undo", toolbar=1,
               tip="Undo the last exploration step", icon="edit-undo",
               fallback_icon=SP.SP_ArrowBack, follows="undo", step_in="tip"),
    ActionSpec("redo_tool", "Redo", "undo_stack.redo", toolbar=1, tip="Redo", icon="edit-redo",
               fallback_icon=SP.SP_ArrowForward, follows="redo", step_in="tip"),
    ActionSpec("find", "&Find Entity", "focus_search", shortcuts=(K.Find,), menu="edit",
               section=1, tip="Search entities"),
    ActionSpec("find_text", "Find in &Documents\u2026", "ask_text_search",
               shortcuts=("Ctrl+Shift+F",), menu="edit", section=1,
               tip="List sentences containing a word"),
    ActionSpec("next_mention", "Next Mention", "source.next", shortcuts=("F3",), menu="edit",
               section=1),
    ActionSpec("previous_mention", "Previous Mention", "source.previous",
               shortcuts=("Shift+F3",), menu="edit", section=1),
    # -- selection and what it came from (multi-select, evidence, source files) --
    ActionSpec("select_all", "Select &All Shown", "canvas.select_all",
               shortcuts=(K.SelectAll,), menu="edit", section=2,
               tip="Select every entity on the canvas"),
    ActionSpec("copy_evidence", "&Copy Evidence", "copy_evidence",
               shortcuts=("Ctrl+Shift+C",), menu="edit", section=2,
               tip="Copy the sentences the selection comes from, with their documents"),
    ActionSpec("open_source", "Open &Source File", "open_source_file", menu="edit", section=2,
               tip="Open the document the selection comes from"),
    # Correcting the graph (app/curation.py): each edit one undo step, kept in the workspace
    ActionSpec("rename_entity", "Re&name Entity\u2026", "curation.rename", shortcuts=("F2",),
               menu="edit", section=3, on_node=True, tip="Give the entity another name"),
    ActionSpec("retype_entity", "Change &Type\u2026", "curation.retype", menu="edit",
               section=3, on_node=True, tip="Give the entity another type"),
    ActionSpec("merge_selected", "Merge &Selected", "curation.merge_selected", menu="edit",
               section=3, on_selection=True,
               tip="Merge the selected entities into the current one (the last selected)"),
    ActionSpec("add_alias", "Add &Alias\u2026", "curation.add_alias", menu="edit", section=3,
               on_node=True, tip="Another name the entity goes by"),
    ActionSpec("split_alias", "S&plit Alias Off\u2026", "curation.split", menu="edit",
               section=3, on_node=True,
               tip="Make the mentions written as one alias an entity of their own"),
    ActionSpec("merge_into", "&Merge Into\u2026", "curation.merge_into", menu="edit",
               section=3, on_node=True, tip="Merge the entity into another one"),
    ActionSpec("add_relation", "Add Re&lation\u2026", "curation.add_relation", menu="edit",
               section=3, on_node=True, tip="Add a relation from the entity to another"),
    ActionSpec("delete_entity", "Delete &Entity", "curation.delete", menu="edit", section=3,
               on_node=True, tip="Delete the entity from the graph (it can be undone)"),
    ActionSpec("delete_relation", "Delete Relat&ion", "curation.delete_relation",
               menu="edit", section=3, tip="Delete the selected relation"),
    ActionSpec("merge_review", "Merge Re&view", "curation_docks.show_merge_review",
               menu="edit", section=4,
               tip="Entities that may be one: merge or keep them apart"),
    ActionSpec("fit", "&Fit to Window", "fit_to_window", shortcuts=("Ctrl+0",), menu="view",
               toolbar=2, tip="Show the whole graph", icon="zoom-fit-best"),
    ActionSpec("zoom_in", "Zoom &In", "canvas.zoom_in", shortcuts=(K.ZoomIn,), menu="view",
               icon="zoom-in"),
    ActionSpec("zoom_out", "Zoom &Out", "canvas.zoom_out", shortcuts=(K.ZoomOut,), menu="view",
               icon="zoom-out"),
    ActionSpec("overview", "&Overview", "show_overview", shortcuts=("Ctrl+Home",), menu="view",
               section=1, toolbar=2, tip="The most connected entities"),
    ActionSpec("show_all", "Show &All", "show_all", shortcuts=("Ctrl+Shift+A",), menu="view",
               section=1, toolbar=2, tip="Show every entity of the graph"),
    ActionSpec("relayout", "Re-&layout", "canvas.relayout", shortcuts=("Ctrl+L",), menu="view",
               section=1, toolbar=2, tip="Lay out everything again (pinned nodes stay)"),
    ActionSpec("size_mentions", "Size by &Mentions", "set_size_by", args=("mentions",),
               menu="view", section=2, checkable=True),
    ActionSpec("size_degree", "Size by &Degree", "set_size_by", args=("degree",),
               menu="view", section=2, checkable=True),
    # Communities and centrality (app.community_commands)
    ActionSpec("size_pagerank", "Size by &PageRank", "set_size_by", args=("pagerank",),
               menu="view", section=2, checkable=True,
               tip="Bigger: entities that well-connected entities link to"),
    ActionSpec("size_betweenness", "Size by &Betweenness", "set_size_by",
               args=("betweenness",), menu="view", section=2, checkable=True,
               tip="Bigger: entities on many shortest paths between others (bridges)"),
    ActionSpec("colour_type", "Colour by &Type", "set_colour_by", args=("type",), menu="view",
               section=4, checkable=True),
    ActionSpec("colour_community", "Colour by &Community", "set_colour_by",
               args=("community",), shortcuts=("F7",), menu="view", section=4, checkable=True,
               tip="Colour entities by the community they belong to (Leiden, stable)"),
    ActionSpec("community_overview", "Community O&verview", "toggle_community_overview",
               shortcuts=("F8",), menu="view", section=4, checkable=True,
               tip="One node per community; double-click one to show its entities"),
    ActionSpec("fact_nodes", "Show Metric and Date &Nodes", "toggle_fact_nodes", menu="view",
               section=3, checkable=True,
               tip="Draw metrics and dates as nodes; otherwise they are facts in the details "
                   "of the entities they belong to"),
    ActionSpec("minimap", "Show &Minimap", "toggle_minimap", menu="view", section=4,
               checkable=True,
               tip="A map of the whole graph in a corner, over 300 entities shown"),
    ActionSpec("save_view", "Save View &As\u2026", "ask_save_view", menu="view", section=5,
               tip="Keep what is shown (entities, places, filters, zoom) under a name"),
    ActionSpec("theme_system", "&System", "set_theme", args=("system",), menu="view/theme",
               checkable=True),
    ActionSpec("theme_light", "&Light", "set_theme", args=("light",), menu="view/theme",
               checkable=True),
    ActionSpec("theme_dark", "&Dark", "set_theme", args=("dark",), menu="view/theme",
               checkable=True),
    ActionSpec("expand", "&Expand Neighbours", "expand_nodes", shortcuts=("Ctrl+E",),
               menu="graph", on_selection=True),
    ActionSpec("expand_depth", "Expand to &Depth\u2026", "ask_expand_depth", menu="graph",
               on_node=True),
    ActionSpec("collapse", "&Collapse", "collapse", shortcuts=("Ctrl+K",), menu="graph",
               on_node=True),
    ActionSpec("focus", "Show &Only This and Neighbours", "focus_neighbourhood",
               shortcuts=("Ctrl+J",), menu="graph", on_node=True),
    ActionSpec("hide", "&Hide", "hide_nodes", shortcuts=(K.Delete,), menu="graph",
               on_selection=True),
    ActionSpec("pin", "&Pin in Place", "pin_nodes", args=(True,), menu="graph", section=1,
               on_selection=True, tip="Keep the selected entities where they are on re-layout"),
    ActionSpec("unpin", "&Unpin", "pin_nodes", args=(False,), menu="graph", section=1,
               on_selection=True, tip="Let the layout move the selected entities again"),
    ActionSpec("find_path", "Find &Path\u2026", "open_path_panel", shortcuts=("Ctrl+Shift+P",),
               menu="graph", section=1,
               tip="How are two entities connected? The best evidenced paths, hop by hop"),
    ActionSpec("shortcuts", "&Keyboard Shortcuts", "show_shortcuts", shortcuts=(K.HelpContents,),
               menu="help"),
    ActionSpec("about", "&About Threadline", "show_about", menu="help"),
)
SPECS: dict[str, ActionSpec] = {spec.name: spec for spec in ACTIONS}

# Mouse and canvas keys, listed beside the actions' shortcuts.
GESTURES: tuple[tuple[str, str], ...] = (
    ("Expand a node", "Double-click"),
    ("Move a node (pins it)", "Drag"),
    ("Zoom", "Mouse wheel, + / -"),
    ("Pan", "Drag the background, arrow keys (nothing selected)"),
    ("Node menu", "Right-click"),
    ("Add to or remove from the selection", "Ctrl+click"),
    ("Select in a rectangle", "Shift+drag the background (Ctrl+Shift: add)"),
    ("Clear the selection", "Esc"),
    ("Select the next / previous neighbour", "Tab / Shift+Tab"),
    ("Select the neighbour that way", "Arrow keys"),
    ("Expand the selection", "Enter"),
)


def key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    """The key sequences of ``spec`` on this platform (a standard key may have none)."""
    return [seq for seq in map(QKeySequence, spec.shortcuts) if not seq.isEmpty()]


def check_shortcuts(specs: Iterable[ActionSpec]) -> None:
    """Make sure no key sequence and no name belongs to two actions.

    Raises
    ------
    ValueError
        Two specs (or one spec twice) share a key sequence, or two specs share a name.
    """
    owners: dict[str, str] = {}
    names: set[str] = set()
    for spec in specs:
        if spec.name in names:
            raise ValueError(f"two actions are named {spec.name!r}")
        names.add(spec.name)
        for seq in key_sequences(spec):
            key = seq.toString(QKeySequence.SequenceFormat.PortableText)
            if key in owners:
                raise ValueError(f"the shortcut {key} is given to both {owners[key]!r} and "
                                 f"{spec.name!r}; Qt would run neither")
            owners[key] = spec.name


def _icon(owner: QWidget, spec: ActionSpec) -> QIcon:
    if spec.fallback_icon is None:
        return QIcon.fromTheme(spec.icon)
    return QIcon.fromTheme(spec.icon, owner.style().standardIcon(spec.fallback_icon))


def _trigger(owner: QWidget, slot: Callable, spec: ActionSpec,
             selected_node: Callable[[], str | None],
             selected_nodes: Callable[[], list[str]]) -> Callable[..., None]:
    def run(*_checked) -> None:
        try:
            if spec.on_selection:
                if nids := selected_nodes():
                    slot(nids, *spec.args)
            elif not spec.on_node:
                slot(*spec.args)
            elif nid := selected_node():
                slot(nid, *spec.args)
        except Exception as exc:  # a failing action must not leave the window half done
            report_error(owner, exc)
    return run


def _follow(action: QAction, spec: ActionSpec, stack: QUndoStack) -> None:
    can, text_changed = ((stack.canUndoChanged, stack.undoTextChanged) if spec.follows == "undo"
                         else (stack.canRedoChanged, stack.redoTextChanged))
    action.setEnabled(stack.canUndo() if spec.follows == "undo" else stack.canRedo())
    can.connect(action.setEnabled)
    tip = messages.UNDO_TIP if spec.follows == "undo" else messages.REDO_TIP

    def show_step(step: str) -> None:
        if spec.step_in == "text":
            action.setText(f"{spec.text} {menu_text(step)}" if step else spec.text)
            # Qt's default tooltip is the text, and the step names an entity: markup and all.
            action.setToolTip(tooltip_text(f"{spec.plain_text} {step}") if step else spec.tip)
        else:
            action.setToolTip(tooltip_text(tip.format(step=step)) if step else spec.tip)

    text_changed.connect(show_step)


def _make_action(owner: QWidget, spec: ActionSpec, undo_stack: QUndoStack,
                 selected_node: Callable[[], str | None],
                 selected_nodes: Callable[[], list[str]]) -> QAction:
    action = QAction(spec.text, owner)
    if spec.icon:
        action.setIcon(_icon(owner, spec))
    action.setShortcuts(key_sequences(spec))
    if spec.tip:
        action.setStatusTip(spec.tip)
        action.setToolTip(spec.tip)
    action.setCheckable(spec.checkable)
    slot = reduce(getattr, spec.slot.split("."), owner)
    action.triggered.connect(_trigger(owner, slot, spec, selected_node, selected_nodes))
    if spec.follows:
        _follow(action, spec, undo_stack)
    return action


def build_actions(owner: QWidget, undo_stack: QUndoStack,
                  selected_node: Callable[[], str | None],
                  specs: Iterable[ActionSpec] = ACTIONS,
                  selected_nodes: Callable[[], list[str]] | None = None
                  ) -> dict[str, QAction]:
    """Make one ``QAction`` per spec, owned by (and with shortcuts active in) ``owner``.

    Parameters
    ----------
    owner
        The window; every ``slot`` path starts from it.
    undo_stack
        The stack that actions with ``follows`` track.
    selected_node
        Returns the selected node's id (or ``None``), for ``on_node`` actions.
    specs
        The table (default :data:`ACTIONS`).
    selected_nodes
        Returns every selected node's id, for ``on_selection`` actions (default: the
        one of ``selected_node``).

    Returns
    -------
    dict
        The actions by spec name.

    Raises
    ------
    ValueError
        A key sequence or name is used twice (see :func:`check_shortcuts`).
    """
    specs = tuple(specs)
    check_shortcuts(specs)
    if selected_nodes is None:
        def selected_nodes() -> list[str]:
            nid = selected_node()
            return [] if nid is None else [nid]
    actions = {}
    for spec in specs:
        action = _make_action(owner, spec, undo_stack, selected_node, selected_nodes)
        owner.addAction(action)
        actions[spec.name] = action
    return actions


class _MenuMaker:
    """Adds actions to menus, making (sub)menus on first use and separating sections."""

    def __init__(self, bar: QMenuBar, menus: Iterable[MenuSpec]) -> None:
        self.specs = {m.path: m for m in menus}
        self.menus: dict[str, QMenu] = {}
        self.last_section: dict[str, int] = {}
        for menu in self.specs.values():  # the menu bar's order is the table's
            if "/" not in menu.path:
                self.menus[menu.path] = bar.addMenu(menu.title)

    def _enter(self, path: str, section: int) -> QMenu:
        menu = self.menu(path)
        if self.last_section.get(path, section) != section:
            menu.addSeparator()
        self.last_section[path] = section
        return menu

    def menu(self, path: str) -> QMenu:
        if path not in self.menus:
            parent, _, _ = path.rpartition("/")
            spec = self.specs[path]
            self.menus[path] = self._enter(parent, spec.section).addMenu(spec.title)
        return self.menus[path]

    def add(self, path: str, section: int, action: QAction) -> None:
        self._enter(path, section).addAction(action)


def build_menus(bar: QMenuBar, actions: Mapping[str, QAction],
                specs: Iterable[ActionSpec] = ACTIONS,
                menus: Iterable[MenuSpec] = MENUS) -> dict[str, QMenu]:
    """Fill the menu bar with the actions of ``specs`` that have a menu.

    Returns
    -------
    dict
        Every menu and submenu by path, for the entries the window adds itself.
    """
    maker = _MenuMaker(bar, menus)
    for spec in specs:
        if spec.menu is not None:
            maker.add(spec.menu, spec.section, actions[spec.name])
    return maker.menus


def build_toolbar(toolbar: QToolBar, actions: Mapping[str, QAction],
                  specs: Iterable[ActionSpec] = ACTIONS,
                  widgets_after: Mapping[str, QWidget] | None = None) -> None:
    """Add the toolbar actions of ``specs`` in order, a separator between sections.

    ``widgets_after`` puts a widget (such as a drop-down button) right after an action.
    """
    widgets_after = widgets_after or {}
    last = None
    for spec in specs:
        if spec.toolbar is None:
            continue
        if last is not None and spec.toolbar != last:
            toolbar.addSeparator()
        last = spec.toolbar
        toolbar.addAction(actions[spec.name])
        if spec.name in widgets_after:
            toolbar.addWidget(widgets_after[spec.name])


def shortcut_rows(specs: Iterable[ActionSpec] = ACTIONS,
                  gestures: Iterable[tuple[str, str]] = GESTURES) -> list[tuple[str, str]]:
    """``(action, keys)`` rows for the shortcut list, sorted, with the mouse gestures."""
    keys_of: dict[str, list[str]] = {}
    for spec in specs:
        keys = ", ".join(seq.toString(QKeySequence.SequenceFormat.NativeText)
                         for seq in key_sequences(spec))
        if keys:
            keys_of.setdefault(spec.label, []).append(keys)
    rows = {(label, " / ".join(keys)) for label, keys in keys_of.items()}
    return sorted(rows | set(gestures))
