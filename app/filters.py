"""Filter controls: entity types, minimum edge weight, relation method, documents."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.bridge import listen
from app.guard import guarded
from app.plain_text import tooltip_text
from graph.explore.filters import GraphFilter
from graph.explore.model import GraphModel, ModelEvent
from graph.schema import COOCCURRENCE, DEPENDENCY
from graph.taxonomy import color_of, entity_types, type_info


def swatch(color: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class FilterPanel(QWidget):
    """Emits ``filterChanged(GraphFilter)`` whenever a control changes."""

    filterChanged = Signal(object)

    def __init__(self, model: GraphModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.types = QListWidget()
        self.types.setToolTip("Entity types to show")
        self.types.itemChanged.connect(self._emit)
        self.min_weight = QDoubleSpinBox(minimum=0, maximum=1e6, decimals=0, singleStep=1)
        self.min_weight.setToolTip("Hide relations with less evidence than this")
        self.min_weight.valueChanged.connect(self._emit)
        self.typed = QCheckBox("Typed relations (from the parse)", checked=True)
        self.cooc = QCheckBox("Co-occurrence (same sentence)", checked=True)
        self.typed.toggled.connect(self._emit)
        self.cooc.toggled.connect(self._emit)
        self.documents = QListWidget()
        self.documents.setToolTip("Show only entities and evidence from these documents")
        self.documents.itemChanged.connect(self._emit)
        reset = QPushButton("Reset filters")
        reset.clicked.connect(self.reset)

        types_box = QGroupBox("Entity types")
        QVBoxLayout(types_box).addWidget(self.types)
        edges_box = QGroupBox("Relations")
        form = QFormLayout(edges_box)
        form.addRow("Minimum weight", self.min_weight)
        form.addRow(self.typed)
        form.addRow(self.cooc)
        docs_box = QGroupBox("Documents")
        QVBoxLayout(docs_box).addWidget(self.documents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(types_box, 2)
        layout.addWidget(edges_box)
        layout.addWidget(docs_box, 1)
        layout.addWidget(reset)
        listen(self, model.subscribe, self._on_model_changed)
        self._on_model_changed(ModelEvent("reset"))

    @property
    def dark(self) -> bool:
        return self.palette().base().color().lightness() < 128

    def _on_model_changed(self, _event: ModelEvent) -> None:
        facts = self.model.facts
        counts, doc_counts = facts.type_counts, facts.document_counts
        ordered = [t for t in entity_types() if t in counts] + sorted(
            t for t in counts if t not in entity_types())
        with QSignalBlocker(self.types), QSignalBlocker(self.documents):
            self.types.clear()
            for etype in ordered:
                item = QListWidgetItem(swatch(color_of(etype, self.dark)),
                                       f"{type_info(etype).name} ({counts[etype]})")
                item.setData(Qt.ItemDataRole.UserRole, etype)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.types.addItem(item)
            self.documents.clear()
            for doc in sorted(set(self.model.documents) | set(doc_counts)):
                item = QListWidgetItem(f"{doc} ({doc_counts.get(doc, 0)})")
                item.setToolTip(tooltip_text(str(doc)))  # the whole name, where it is cut
                item.setData(Qt.ItemDataRole.UserRole, doc)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.documents.addItem(item)
        self._emit()

    def _checked(self, widget: QListWidget) -> frozenset[str] | None:
        items = [widget.item(i) for i in range(widget.count())]
        checked = frozenset(i.data(Qt.ItemDataRole.UserRole) for i in items
                            if i.checkState() == Qt.CheckState.Checked)
        return None if len(checked) == len(items) else checked

    def current(self) -> GraphFilter:
        methods = frozenset(m for m, box in ((DEPENDENCY, self.typed), (COOCCURRENCE, self.cooc))
                            if box.isChecked())
        return GraphFilter(types=self._checked(self.types), min_weight=self.min_weight.value(),
                           methods=methods, documents=self._checked(self.documents))

    def set_type_visible(self, etype: str, visible: bool) -> None:
        for i in range(self.types.count()):
            item = self.types.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == etype:
                item.setCheckState(Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)

    def reset(self) -> None:
        with QSignalBlocker(self.types), QSignalBlocker(self.documents), \
                QSignalBlocker(self.min_weight), QSignalBlocker(self.typed), \
                QSignalBlocker(self.cooc):
            for widget in (self.types, self.documents):
                for i in range(widget.count()):
                    widget.item(i).setCheckState(Qt.CheckState.Checked)
            self.min_weight.setValue(0)
            self.typed.setChecked(True)
            self.cooc.setChecked(True)
        self._emit()

    @guarded
    def _emit(self, *_args) -> None:
        self.filterChanged.emit(self.current())
