"""The Path panel: two entities, the best evidenced paths between them, each hop's evidence.

The person names two entities (fields that complete labels and aliases as the search box
does), presses Find, and reads the paths found (:mod:`graph.explore.evidence_paths`),
shortest first; choosing one lists its hops, each with the sentence that supports it.
The panel only shows and asks: the window finds the paths in a worker, shows the chosen
one on the canvas and exports the explanation (:mod:`app.path_commands`). Everything in it
is plain text: labels and sentences come from the documents.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.bridge import listen
from app.guard import guarded
from app.plain_text import tooltip_text
from app.search import SearchField
from graph import messages
from graph.errors import PathError
from graph.explore.evidence_paths import EvidencePath, Hop, resolve_entity
from graph.explore.model import GraphModel, ModelEvent

HOP_ROLE = Qt.ItemDataRole.UserRole
EVIDENCE_SHOWN = 2  # sentences per hop in the list; the details and the export have all
PATHS_LINES = 4.5  # the list of paths is this many lines high (k paths and a hint of more)


class EntityField(SearchField):
    """A field naming one entity: the search box's completion, Enter asks for the paths."""

    submitted = Signal()

    def __init__(self, model: GraphModel, placeholder: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(model, parent)
        self.setPlaceholderText(placeholder)
        self.setMinimumWidth(120)
        self.chosen: str | None = None  # the node picked from the suggestions
        self.entityChosen.connect(self._on_entity_chosen)

    def _on_entity_chosen(self, nid: str) -> None:
        self.chosen = nid

    def _on_text_edited(self, text: str) -> None:
        self.chosen = None
        super()._on_text_edited(text)

    def set_entity(self, nid: str) -> None:
        """Name ``nid`` in the field."""
        self.setText(str(self.model.label(nid)))
        self.chosen = nid

    def entity(self) -> str:
        """The node id the field names (the one picked, else the text resolved).

        Raises
        ------
        graph.errors.PathError
            The field is empty or names no entity.
        """
        if self.chosen is not None and self.chosen in self.model:
            return self.chosen
        return resolve_entity(self.model.graph, self.model.facts.index, self.text())

    @guarded
    def _on_return(self) -> None:
        if not self.completer_.popup().isVisible():
            self.submitted.emit()


class WrappingDelegate(QStyledItemDelegate):
    """Rows of a tree as high as their text wrapped to the room it has (a tree view asks
    its delegate for a row's size without saying how wide the row is)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        view, depth, parent = self.parent(), 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = max(40, view.viewport().width() - view.indentation() * depth - 10)
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        text = QFontMetrics(shown.font).boundingRect(
            QRect(0, 0, width, 1 << 20), Qt.TextFlag.TextWordWrap, shown.text)
        return QSize(width, max(hint.height(), text.height() + 6))


class PathPanel(QWidget):
    """Two entity fields, Find, the paths found and the hops of the chosen one.

    Signals
    -------
    findRequested(str, str)
        Find paths between these two node ids.
    pathChosen(object)
        The person chose a path (an :class:`~graph.explore.evidence_paths.EvidencePath`).
    hopChosen(str, str, str)
        The person clicked a hop: its edge ``(u, v, key)``.
    exportRequested()
        Export Explanation was pressed.
    cleared()
        The paths were cleared (the window stops showing one).
    """

    findRequested = Signal(str, str)
    pathChosen = Signal(object)
    hopChosen = Signal(str, str, str)
    exportRequested = Signal()
    cleared = Signal()

    def __init__(self, model: GraphModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.paths: list[EvidencePath] = []
        self.source_field = EntityField(model, messages.PATH_FROM_HINT)
        self.target_field = EntityField(model, messages.PATH_TO_HINT)
        self.find_button = QPushButton(messages.PATH_FIND)
        self.export_button = QPushButton(messages.PATH_EXPORT)
        self.clear_button = QPushButton(messages.PATH_CLEAR)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # names entities
        self.status.setWordWrap(True)
        self.path_list = QListWidget()
        self.hop_list = QTreeWidget()
        self._build_layout()
        self._connect()
        self._set_paths([])
        listen(self, model.subscribe, self._on_model_changed)

    def _build_layout(self) -> None:
        fields = QFormLayout()
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        fields.addRow(messages.PATH_FROM, self.source_field)
        fields.addRow(messages.PATH_TO, self.target_field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.find_button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        self.path_list.setMaximumHeight(int(self.fontMetrics().lineSpacing() * PATHS_LINES) + 8)
        for view in (self.path_list, self.hop_list):  # long names and sentences wrap
            view.setWordWrap(True)
            view.setTextElideMode(Qt.TextElideMode.ElideNone)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.hop_list.setHeaderHidden(True)
        self.hop_list.setRootIsDecorated(False)
        self.hop_list.setIndentation(14)
        self.hop_list.setUniformRowHeights(False)
        self.hop_list.setItemsExpandable(False)
        self.hop_list.setItemDelegate(WrappingDelegate(self.hop_list))
        # wrapped rows take their new height when the panel is resized
        self.hop_list.header().sectionResized.connect(self.hop_list.doItemsLayout)
        layout = QVBoxLayout(self)
        layout.addLayout(fields)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.path_list)
        layout.addWidget(self.hop_list, 1)
        layout.addWidget(self.export_button)
        self.find_button.setDefault(True)

    def _connect(self) -> None:
        self.find_button.clicked.connect(self.request_find)
        self.source_field.submitted.connect(self._on_source_submitted)
        self.target_field.submitted.connect(self.request_find)
        self.path_list.currentRowChanged.connect(self._on_path_row_changed)
        self.hop_list.itemClicked.connect(self._on_hop_clicked)
        self.hop_list.itemActivated.connect(self._on_hop_clicked)
        self.export_button.clicked.connect(self.exportRequested)
        self.clear_button.clicked.connect(self.clear)

    def sizeHint(self) -> QSize:
        return QSize(340, 520)

    # -- asking ---------------------------------------------------------------------------
    def set_source(self, nid: str) -> None:
        """Start from ``nid`` and put the cursor in the other field ("Path to…")."""
        self.source_field.set_entity(nid)
        if self.target_field.chosen == nid:
            self.target_field.clear()
            self.target_field.chosen = None
        self.target_field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.target_field.selectAll()

    @guarded
    def _on_source_submitted(self) -> None:
        if self.target_field.text().strip():
            self.request_find()
        else:
            self.target_field.setFocus(Qt.FocusReason.OtherFocusReason)

    @guarded
    def request_find(self) -> None:
        """Ask for the paths between the two fields' entities (errors shown in the panel)."""
        try:
            source = self.source_field.entity()
            target = self.target_field.entity()
        except PathError as exc:  # a name that matches nothing
            self.show_error(messages.for_user(exc))
            return
        if source == target:
            self.show_error(messages.PATH_SAME_ENTITY.format(label=self.model.label(source)))
            return
        self.status.setText(messages.PATH_SEARCHING)
        self.findRequested.emit(source, target)

    # -- showing --------------------------------------------------------------------------
    def show_paths(self, paths: list[EvidencePath]) -> None:
        """List ``paths`` (shortest first) and choose the first."""
        self._set_paths(paths)
        self.status.setText(messages.PATH_FOUND.format(count=len(paths)))
        if paths:
            self.path_list.setCurrentRow(0)

    def show_error(self, message: str) -> None:
        """Say why there is no path (the previous paths are cleared)."""
        self._set_paths([])
        self.status.setText(message)
        self.cleared.emit()

    def clear(self) -> None:
        """Forget the paths found (the fields stay)."""
        self._set_paths([])
        self.status.setText("")
        self.cleared.emit()

    def _set_paths(self, paths: list[EvidencePath]) -> None:
        self.paths = list(paths)
        self.path_list.blockSignals(True)
        self.path_list.clear()
        for number, path in enumerate(self.paths, 1):
            hops = len(path.hops)
            route = (messages.PATH_VIA.format(nodes=" \u2192 ".join(path.labels[1:-1]))
                     if hops > 1 else messages.PATH_DIRECT)
            item = QListWidgetItem(messages.PATH_ROW.format(
                number=number, route=route, hops=hops, s="" if hops == 1 else "s"))
            item.setToolTip(tooltip_text(path.summary))
            self.path_list.addItem(item)
        self.path_list.blockSignals(False)
        self.hop_list.clear()
        self.export_button.setEnabled(bool(self.paths))
        self.clear_button.setEnabled(bool(self.paths))

    def current_path(self) -> EvidencePath | None:
        row = self.path_list.currentRow()
        return self.paths[row] if 0 <= row < len(self.paths) else None

    @guarded
    def _on_path_row_changed(self, row: int) -> None:
        self.hop_list.clear()
        path = self.current_path()
        if path is None:
            return
        for number, hop in enumerate(path.hops, 1):
            item = QTreeWidgetItem([f"{number}. {hop.text}"])
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            item.addChildren([QTreeWidgetItem([line]) for line in evidence_lines(hop)])
            for each in (item, *(item.child(i) for i in range(item.childCount()))):
                each.setData(0, HOP_ROLE, hop.edge)
            self.hop_list.addTopLevelItem(item)
        self.hop_list.expandAll()
        self.pathChosen.emit(path)

    def hop_texts(self) -> list[list[str]]:
        """The hops as listed: each its line, then its evidence lines."""
        items = (self.hop_list.topLevelItem(i) for i in range(self.hop_list.topLevelItemCount()))
        return [[item.text(0), *(item.child(k).text(0) for k in range(item.childCount()))]
                for item in items]

    @guarded
    def _on_hop_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        edge = item.data(0, HOP_ROLE)
        if edge:
            self.hopChosen.emit(*edge)

    def _on_model_changed(self, _event: ModelEvent) -> None:
        # A new graph: the paths named entities of the old one.
        if self.paths or self.status.text():
            self.clear()


def evidence_lines(hop: Hop) -> list[str]:
    """The evidence of a hop as the list shows it: its first sentences with their document."""
    quotes = hop.quotes()
    lines = [f"\u201c{text}\u201d \u2014 {', '.join(docs)}"
             for text, docs in quotes[:EVIDENCE_SHOWN]]
    more = len(quotes) - EVIDENCE_SHOWN
    if more > 0:
        lines.append(messages.PATH_MORE_EVIDENCE.format(more=more))
    return lines or [messages.PATH_NO_EVIDENCE]
