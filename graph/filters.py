"""What the person chose to see: entity types, edge weight, relation method, documents.

Filters sit on top of the exploration (the visible set): a node is drawn when it is visible
and passes :meth:`GraphFilter.node_ok`; an edge when both ends are drawn and it passes
:meth:`GraphFilter.edge_ok`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model import COOCCURRENCE, DEPENDENCY

METHODS = (DEPENDENCY, COOCCURRENCE)


@dataclass(frozen=True)
class GraphFilter:
    """An immutable filter; ``None`` for types or documents means "all"."""

    types: frozenset[str] | None = None
    min_weight: float = 0.0
    methods: frozenset[str] = field(default_factory=lambda: frozenset(METHODS))
    documents: frozenset[str] | None = None

    @property
    def is_default(self) -> bool:
        return self == GraphFilter()

    def node_ok(self, data: dict) -> bool:
        if self.types is not None and data.get("type", "OTHER") not in self.types:
            return False
        if self.documents is not None and not self.documents.intersection(
                data.get("documents", ())):
            return False
        return True

    def edge_ok(self, data: dict) -> bool:
        if data.get("method", COOCCURRENCE) not in self.methods:
            return False
        if float(data.get("weight", 1.0)) < self.min_weight:
            return False
        if self.documents is not None and not any(
                ev.get("doc") in self.documents for ev in data.get("evidence", ())):
            return not data.get("evidence")  # edges without evidence cannot be placed
        return True
