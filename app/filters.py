"""Filter controls: entity types, minimum edge weight, relations (typed, by predicate, and
co-occurrence), documents."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
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
from app.canvas.legend import predicate_name
from app.canvas.style import TYPED_DARK, TYPED_LIGHT
from app.guard import guarded
from app.plain_text import tooltip_text
from graph.explore.filters import FACT_TYPES, GraphFilter
from graph.explore.model import GraphModel, ModelEvent
from graph.schema import COOCCURRENCE, DEPENDENCY, METHODS
from graph.taxonomy import color_of, entity_types, predicates, type_info

FACT_TYPES_TIP = ("Shown as facts in the details of the entities they belong to; "
                  "View > Show Metric and Date Nodes draws them")


def swatch(color: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def line_swatch(color: str, size: int = 12) -> QIcon:
    """A short thick line: the key of a relation's colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.fillRect(0, size // 2 - 2, size, 4, QColor(color))
    painter.end()
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
        # Short names keep the panel narrow (the canvas gets the width); the tips say more.
        self.typed = QCheckBox("Typed relations", checked=True)
        self.typed.setToolTip("Relations read from the parse of a sentence (X develops Y)")
        self.cooc = QCheckBox("Co-occurrence", checked=True)
        self.cooc.setToolTip("Entities named in the same sentence")
        self.typed.toggled.connect(self._emit)
        self.typed.toggled.connect(self._on_typed_toggled)
        self.cooc.toggled.connect(self._emit)
        self.predicates = QListWidget()
        self.predicates.setToolTip("Typed relations to show, by predicate")
        self.predicates.itemChanged.connect(self._emit)
        self.facts_as_nodes = True
        self._type_counts: dict[str, int] = {}
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
        form.addRow(self.predicates)
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

    def _on_model_changed(self, event: ModelEvent) -> None:
        unchecked = self._unchecked() if event.kind == "edited" else {}
        self._fill(unchecked)

    def _unchecked(self) -> dict[int, set[str]]:
        """The unchecked rows of each list, by the list's id (kept across an edit)."""
        found = {}
        for widget in (self.types, self.documents, self.predicates):
            found[id(widget)] = {widget.item(i).data(Qt.ItemDataRole.UserRole)
                                 for i in range(widget.count())
                                 if widget.item(i).checkState() != Qt.CheckState.Checked}
        return found

    def _fill(self, unchecked: dict[int, set[str]]) -> None:
        facts = self.model.facts
        counts, doc_counts = facts.type_counts, facts.document_counts
        ordered = [t for t in entity_types() if t in counts] + sorted(
            t for t in counts if t not in entity_types())
        self._type_counts = dict(counts)
        with QSignalBlocker(self.types), QSignalBlocker(self.documents), \
                QSignalBlocker(self.predicates):
            self.types.clear()
            for etype in ordered:
                item = QListWidgetItem(swatch(color_of(etype, self.dark)), "")
                item.setData(Qt.ItemDataRole.UserRole, etype)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.types.addItem(item)
            self._label_types()
            self._fill_predicates()
            self.documents.clear()
            for doc in sorted(set(self.model.documents) | set(doc_counts)):
                item = QListWidgetItem(f"{doc} ({doc_counts.get(doc, 0)})")
                item.setToolTip(tooltip_text(str(doc)))  # the whole name, where it is cut
                item.setData(Qt.ItemDataRole.UserRole, doc)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.documents.addItem(item)
            for widget in (self.types, self.documents, self.predicates):
                for i in range(widget.count()):
                    if widget.item(i).data(Qt.ItemDataRole.UserRole) in \
                            unchecked.get(id(widget), ()):
                        widget.item(i).setCheckState(Qt.CheckState.Unchecked)
        self._emit()

    def _fill_predicates(self) -> None:
        """One checkable row per predicate of the graph's typed relations, with its count."""
        counts = self.model.facts.predicate_counts
        self.predicates.clear()
        for code in self.model.facts.predicates():
            info = predicates().get(code)
            colour = info.color if info else (TYPED_DARK if self.dark else TYPED_LIGHT)
            item = QListWidgetItem(line_swatch(colour), f"{predicate_name(code)} ({counts[code]})")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.predicates.addItem(item)
        rows = self.predicates.count()
        self.predicates.setVisible(rows > 0)
        if rows:
            frame = 2 * self.predicates.frameWidth()
            self.predicates.setFixedHeight(rows * self.predicates.sizeHintForRow(0) + frame)
        self.predicates.setEnabled(self.typed.isChecked())

    def _label_types(self) -> None:
        for i in range(self.types.count()):
            item = self.types.item(i)
            etype = item.data(Qt.ItemDataRole.UserRole)
            text = f"{type_info(etype).name} ({self._type_counts.get(etype, 0)})"
            as_facts = etype in FACT_TYPES and not self.facts_as_nodes
            item.setText(f"{text} \u00b7 as facts" if as_facts else text)
            item.setToolTip(FACT_TYPES_TIP if as_facts else "")

    def set_facts_as_nodes(self, shown: bool) -> None:
        """Say in the type list whether metrics and dates are drawn or only facts."""
        self.facts_as_nodes = shown
        with QSignalBlocker(self.types):
            self._label_types()

    def _on_typed_toggled(self, checked: bool) -> None:
        self.predicates.setEnabled(checked)

    def _checked(self, widget: QListWidget) -> frozenset[str] | None:
        items = [widget.item(i) for i in range(widget.count())]
        checked = frozenset(i.data(Qt.ItemDataRole.UserRole) for i in items
                            if i.checkState() == Qt.CheckState.Checked)
        return None if len(checked) == len(items) else checked

    def current(self) -> GraphFilter:
        methods = frozenset(m for m, box in ((DEPENDENCY, self.typed), (COOCCURRENCE, self.cooc))
                            if box.isChecked())
        return GraphFilter(types=self._checked(self.types), min_weight=self.min_weight.value(),
                           methods=methods, documents=self._checked(self.documents),
                           predicates=self._checked(self.predicates))

    def set_type_visible(self, etype: str, visible: bool) -> None:
        for i in range(self.types.count()):
            item = self.types.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == etype:
                item.setCheckState(Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)

    def show_only_type(self, etype: str) -> None:
        """Show only ``etype`` (a click on the legend), or every type again when it is
        already the only one shown; one filter change either way."""
        alone = self._checked(self.types) == frozenset({etype})
        with QSignalBlocker(self.types):
            for i in range(self.types.count()):
                item = self.types.item(i)
                shown = alone or item.data(Qt.ItemDataRole.UserRole) == etype
                item.setCheckState(Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)
        self._emit()

    def set_predicate_visible(self, predicate: str, visible: bool) -> None:
        """Check or uncheck the row of ``predicate`` (``""``: other typed relations)."""
        for i in range(self.predicates.count()):
            item = self.predicates.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == predicate:
                item.setCheckState(Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)

    def reset(self) -> None:
        self.restore()

    def restore(self, hidden_types=(), hidden_predicates=(), hidden_documents=(),
                min_weight: float = 0.0, methods=METHODS) -> None:
        """Check everything but what is named hidden (a saved session; no arguments:
        Reset filters), then announce the filter once."""
        with QSignalBlocker(self.types), QSignalBlocker(self.documents), \
                QSignalBlocker(self.min_weight), QSignalBlocker(self.typed), \
                QSignalBlocker(self.cooc), QSignalBlocker(self.predicates):
            for widget, hidden in ((self.types, set(hidden_types)),
                                   (self.documents, set(hidden_documents)),
                                   (self.predicates, set(hidden_predicates))):
                for i in range(widget.count()):
                    item = widget.item(i)
                    item.setCheckState(Qt.CheckState.Unchecked
                                       if item.data(Qt.ItemDataRole.UserRole) in hidden
                                       else Qt.CheckState.Checked)
            self.min_weight.setValue(min_weight)
            self.typed.setChecked(DEPENDENCY in methods)
            self.cooc.setChecked(COOCCURRENCE in methods)
        self.predicates.setEnabled(self.typed.isChecked())
        self._emit()

    @guarded
    def _emit(self, *_args) -> None:
        self.filterChanged.emit(self.current())
