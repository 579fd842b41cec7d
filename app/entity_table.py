"""The entity table: every entity of the graph in rows, like Gephi's Data Laboratory.

:class:`EntityTableModel` holds one row per node (label, type, aliases, mentions, documents,
degree), read once per graph change, with each column's sort key computed then.
:class:`EntityProxy` filters by text (label and aliases) and type, and sorts by handing
the sort to the source model: Python's ``sort`` on the precomputed keys, then one layout
change, instead of a Python ``lessThan`` call per comparison (10k rows: a few ms rather
than half a second; ``benchmarks/bench_table.py``). :class:`EntityTable` is the dock's
widget: the filter row, the table (multi-select), and the bulk edits on the selected rows.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSignalBlocker,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.bridge import listen
from app.entity_rows import (
    ALIASES,
    DOCUMENTS,
    LABEL,
    MENTIONS,
    NUMERIC,
    ROWS_IN_WORKER,
    TYPE,
    RowsBuilder,
    RowsRequest,
    TableRows,
)
from app.plain_text import tooltip_text
from graph import messages
from graph.explore.model import GraphModel, ModelEvent
from graph.taxonomy import type_info

_ROOT = QModelIndex()


class EntityTableModel(QAbstractTableModel):
    """The nodes of ``model`` as rows (refilled on every change of the graph; on a big
    graph in a worker, :mod:`app.entity_rows`, ``building`` true meanwhile)."""

    building = Signal(bool)
    rows_in_worker = ROWS_IN_WORKER  # (tests set 0)

    def __init__(self, model: GraphModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self.ids: list[str] = []
        self.rows: list[tuple] = []
        self.search: list[str] = []  # label and aliases, case-folded, per row
        self.types: list[str] = []
        self._row_of: dict[str, int] | None = None
        self._sorted: tuple[int, Qt.SortOrder] | None = None
        self.live, self.stale = True, False  # refilled on every change while shown
        self.last_event = ModelEvent("reset")  # the change the rows shown follow
        self.builder = RowsBuilder(self)
        self.builder.built.connect(self._on_rows_built)
        listen(self, model.subscribe, self._on_model_changed)
        self.refill()

    def _on_model_changed(self, event: ModelEvent) -> None:
        if not self.live:  # nobody looks: refill when the table is shown again
            self.stale = True
            return
        self.refill(event)

    def refill(self, event: ModelEvent | None = None) -> None:
        """Read the rows from the graph again (``event``: the change that asks for it)."""
        self.stale = False
        request = RowsRequest(self.model.graph, event or ModelEvent("reset"), self._sorted)
        if len(request.graph) >= self.rows_in_worker:
            self.builder.request(request)
            self.building.emit(True)
        else:
            self.builder.supersede()
            self._take(request, TableRows.of(request.graph))

    def _on_rows_built(self, result: tuple[RowsRequest, TableRows]) -> None:
        request, table = result
        if request.graph is self.model.graph:  # else a newer request runs
            self._take(request, table)
            self.building.emit(False)

    def _take(self, request: RowsRequest, table: TableRows) -> None:
        self.last_event = request.event
        self.beginResetModel()
        self.ids, self.rows, self.search, self.types = \
            table.ids, table.rows, table.search, table.types
        self._row_of, self._sorted = None, table.sorted_by
        self.endResetModel()

    @property
    def row_of(self) -> dict[str, int]:
        """Row of each node id."""
        if self._row_of is None:
            self._row_of = {nid: i for i, nid in enumerate(self.ids)}
        return self._row_of

    # -- QAbstractTableModel -------------------------------------------------------------
    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(messages.TABLE_COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return messages.TABLE_COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TYPE:
                return type_info(row[TYPE]).name
            return row[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == DOCUMENTS:
                return tooltip_text("\n".join(row[6]))
            if column in (LABEL, ALIASES):
                return tooltip_text(row[column])
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self.ids[index.row()]
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows by ``column`` (text case-insensitively), keeping selections."""
        if not 0 <= column < len(messages.TABLE_COLUMNS) or self._sorted == (column, order):
            return  # the view asks twice for one click (its header's signal and itself)
        self._sorted = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        old_ids = [self.ids[i.row()] for i in before]
        table = TableRows(self.ids, self.rows, self.search, self.types).sorted(column, order)
        self.ids, self.rows, self.search, self.types = \
            table.ids, table.rows, table.search, table.types
        self._row_of = None
        after = [self.index(self.row_of[nid], i.column())
                 for nid, i in zip(old_ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def rows_as_text(self, rows: list[int]) -> str:
        """Tab-separated lines of ``rows`` with a header line (for the clipboard)."""
        def clean(value) -> str:
            return " ".join(str(value).split())

        lines = ["\t".join(messages.TABLE_COLUMNS)]
        for row in rows:
            values = list(self.rows[row][:6])
            values[TYPE] = type_info(values[TYPE]).name
            lines.append("\t".join(clean(v) for v in values))
        return "\n".join(lines) + "\n"


class EntityProxy(QSortFilterProxyModel):
    """Filters rows by text (in the label or an alias) and type; sorts in the source."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text, self.type = "", ""

    def setSourceModel(self, source: EntityTableModel) -> None:
        self._source = source  # read per row: no sourceModel() call each time
        super().setSourceModel(source)

    def set_filter(self, text: str, etype: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+: invalidateFilter is deprecated
            self.beginFilterChange()
            self.text, self.type = text.strip().casefold(), etype
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.text, self.type = text.strip().casefold(), etype
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, _parent) -> bool:
        if not (self.text or self.type):
            return True
        source = self._source
        return ((not self.type or source.types[row] == self.type)
                and (not self.text or self.text in source.search[row]))

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        # The source sorts with precomputed keys; the proxy keeps the source's order.
        self.sourceModel().sort(column, order)


class EntityTable(QWidget):
    """The entity table dock's widget.

    ``entitySelected(nid)`` when the current row changes; ``entityActivated(nid)`` on a
    double-click; ``retypeRequested``, ``mergeRequested`` and ``deleteRequested`` carry
    the selected ids (for a merge the current row's first: the one kept).
    """

    entitySelected = Signal(str)
    entityActivated = Signal(str)
    retypeRequested = Signal(list)
    mergeRequested = Signal(list)
    deleteRequested = Signal(list)

    def __init__(self, model: GraphModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.source = EntityTableModel(model, self)
        self.source.live = False  # until the table is shown
        self.proxy = EntityProxy(self)
        self.proxy.setSourceModel(self.source)
        self.filter_text = QLineEdit(placeholderText=messages.TABLE_FILTER,
                                     clearButtonEnabled=True)
        self.type_combo = QComboBox()
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(MENTIONS, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(
            self.view.fontMetrics().height() + 6)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(LABEL, 200)
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.retype_button = QPushButton(messages.TABLE_RETYPE)
        self.merge_button = QPushButton(messages.TABLE_MERGE)
        self.merge_button.setToolTip(messages.TABLE_MERGE_TIP)
        self.delete_button = QPushButton(messages.TABLE_DELETE)

        top = QHBoxLayout()
        top.addWidget(self.filter_text, 2)
        top.addWidget(self.type_combo, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        for button in (self.retype_button, self.merge_button, self.delete_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addLayout(bottom)

        self._wire()
        self._kept: list[str] = []
        self._on_source_reset()

    def _wire(self) -> None:
        self.filter_text.textChanged.connect(self._on_filter_changed)
        self.type_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.retype_button.clicked.connect(lambda: self.retypeRequested.emit(self.selected()))
        self.merge_button.clicked.connect(lambda: self.mergeRequested.emit(self.selected()))
        self.delete_button.clicked.connect(lambda: self.deleteRequested.emit(self.selected()))
        copy = QShortcut(QKeySequence.StandardKey.Copy, self.view)
        copy.setContext(Qt.ShortcutContext.WidgetShortcut)
        copy.activated.connect(self.copy_selection)
        self.source.modelAboutToBeReset.connect(self._on_source_about_to_reset)
        self.source.modelReset.connect(self._on_source_reset)
        self.source.building.connect(self._on_building)

    def showEvent(self, event) -> None:
        self.source.live = True
        if self.source.stale:
            self.source.refill()
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        # A hidden table is not refilled after each edit (190 ms at 10k entities).
        self.source.live = False
        super().hideEvent(event)

    # -- filters -------------------------------------------------------------------------
    def _on_source_about_to_reset(self) -> None:
        self._kept = self.selected()

    def _on_source_reset(self) -> None:
        wanted = self.type_combo.currentData() or ""
        with QSignalBlocker(self.type_combo):
            self.type_combo.clear()
            self.type_combo.addItem(messages.TABLE_ALL_TYPES, "")
            for etype in self.model.types():
                self.type_combo.addItem(type_info(etype).name, etype)
            found = self.type_combo.findData(wanted)
            self.type_combo.setCurrentIndex(max(found, 0))
        self.proxy.set_filter(self.filter_text.text(), self.type_combo.currentData() or "")
        header = self.view.horizontalHeader()
        self.source.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._update_count()
        self._update_buttons()
        event = self.source.last_event
        if event.kind == "edited" and self._kept:  # an edit: the rows stay selected
            self.select_entities([event.successor(n) for n in self._kept])
        self._kept = []

    def _on_building(self, busy: bool) -> None:
        """Rows of a big graph are being read again: the old ones, greyed, meanwhile."""
        self.view.setEnabled(not busy)
        if busy:
            for button in (self.retype_button, self.merge_button, self.delete_button):
                button.setEnabled(False)
        else:
            self._update_buttons()

    def _on_filter_changed(self, *_args) -> None:
        self.proxy.set_filter(self.filter_text.text(), self.type_combo.currentData() or "")
        self._update_count()

    def set_filter(self, text: str = "", etype: str = "") -> None:
        """Show the rows whose label or an alias contains ``text``, of type ``etype``."""
        with QSignalBlocker(self.filter_text), QSignalBlocker(self.type_combo):
            self.filter_text.setText(text)
            self.type_combo.setCurrentIndex(max(self.type_combo.findData(etype), 0))
        self._on_filter_changed()

    def _update_count(self) -> None:
        self.count.setText(messages.TABLE_COUNT.format(shown=self.proxy.rowCount(),
                                                       total=self.source.rowCount()))

    # -- selection -----------------------------------------------------------------------
    def selected(self) -> list[str]:
        """The selected entities, the current row's first."""
        rows = sorted(self.view.selectionModel().selectedRows(), key=lambda i: i.row())
        ids = [self.proxy.data(i, Qt.ItemDataRole.UserRole) for i in rows]
        current = self.view.selectionModel().currentIndex()
        if current.isValid():
            nid = self.proxy.data(current.siblingAtColumn(0), Qt.ItemDataRole.UserRole)
            if nid in ids:
                ids.remove(nid)
                ids.insert(0, nid)
        return ids

    def select_entities(self, nids: list[str]) -> None:
        """Select the rows of ``nids`` (the first one current) without announcing it."""
        model = self.view.selectionModel()
        selection = QItemSelection()
        first = None
        for nid in nids:
            row = self.source.row_of.get(nid)
            if row is None:
                continue
            index = self.proxy.mapFromSource(self.source.index(row, 0))
            if index.isValid():
                selection.select(index, index.siblingAtColumn(len(messages.TABLE_COLUMNS) - 1))
                first = first or index
        with QSignalBlocker(model):
            flags = QItemSelectionModel.SelectionFlag
            model.select(selection, flags.ClearAndSelect | flags.Rows)
            if first is not None:
                model.setCurrentIndex(first, flags.NoUpdate)
        if first is not None:
            self.view.scrollTo(first)
        self.view.viewport().update()
        self._update_buttons()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.entitySelected.emit(self.proxy.data(current.siblingAtColumn(0),
                                                     Qt.ItemDataRole.UserRole))

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.entityActivated.emit(self.proxy.data(index.siblingAtColumn(0),
                                                  Qt.ItemDataRole.UserRole))

    def _update_buttons(self, *_args) -> None:
        count = len(self.view.selectionModel().selectedRows())
        self.retype_button.setEnabled(count >= 1)
        self.delete_button.setEnabled(count >= 1)
        self.merge_button.setEnabled(count >= 2)

    def set_editable(self, editable: bool, reason: str = "") -> None:
        for button in (self.retype_button, self.merge_button, self.delete_button):
            button.setVisible(editable)
        self.setToolTip("" if editable else reason)

    def copy_selection(self) -> str:
        """Copy the selected rows as tab-separated text (with a header); returns it."""
        rows = sorted({self.proxy.mapToSource(i).row()
                       for i in self.view.selectionModel().selectedRows()},
                      key=lambda r: self.proxy.mapFromSource(self.source.index(r, 0)).row())
        text = self.source.rows_as_text(rows) if rows else ""
        if text:
            QGuiApplication.clipboard().setText(text)
        return text


__all__ = ["EntityProxy", "EntityTable", "EntityTableModel"]
