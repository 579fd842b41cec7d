"""The entity table's rows, read from a graph (in any thread) and sorted by a column.

Reading the rows of 25k entities takes 0.1-0.25 s and sorting them some 50 ms: on a graph
of :data:`ROWS_IN_WORKER` entities or more, the table
(:class:`app.entity_table.EntityTableModel`) has a :class:`RowsBuilder` read and sort them
in a worker after each change of the graph, and shows its previous rows, greyed, meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import networkx as nx
from PySide6.QtCore import Qt

from app.workers import NewestWorker
from graph.jobs import Progress, collector_paused

LABEL, TYPE, ALIASES, MENTIONS, DOCUMENTS, DEGREE = range(6)
NUMERIC = (MENTIONS, DOCUMENTS, DEGREE)
ROWS_IN_WORKER = 3000  # entities from which the rows are read in a worker
LISTING = "Listing the entities"


@dataclass(frozen=True)
class TableRows:
    """One row per node: ``rows`` (label, type, aliases, mentions, document count, degree,
    documents), with the node ``ids``, the ``search`` text (label and aliases, case-folded)
    and ``types`` in the same order; ``sorted_by`` the ``(column, order)`` they are in."""

    ids: list[str]
    rows: list[tuple]
    search: list[str]
    types: list[str]
    sorted_by: tuple[int, Qt.SortOrder] | None = None

    @classmethod
    def of(cls, graph: nx.MultiDiGraph) -> TableRows:
        """The rows of ``graph``'s nodes, in the graph's order."""
        succ, pred = graph._succ, graph._pred  # networkx's adjacency, read only (fast)
        ids, rows, search, types = [], [], [], []
        for nid, data in graph.nodes(data=True):
            label = str(data.get("label", nid))
            aliases = [str(a) for a in data.get("aliases", ())]
            etype = str(data.get("type", "OTHER"))
            documents = list(data.get("documents", ()))
            degree = len(succ[nid].keys() | pred[nid].keys())
            ids.append(nid)
            types.append(etype)
            rows.append((label, etype, ", ".join(aliases), int(data.get("mentions", 0)),
                         len(documents), degree, documents))
            search.append("\n".join([label, *aliases]).casefold())
        return cls(ids, rows, search, types)

    def order(self, column: int, order: Qt.SortOrder) -> list[int]:
        """The row indices in the order of ``column`` (text case-insensitively)."""
        if column in NUMERIC:
            keys = [r[column] for r in self.rows]
        else:
            keys = [str(r[column]).casefold() for r in self.rows]
        return sorted(range(len(self.rows)), key=keys.__getitem__,
                      reverse=order == Qt.SortOrder.DescendingOrder)

    def sorted(self, column: int, order: Qt.SortOrder) -> TableRows:
        """These rows in the order of ``column``."""
        at = self.order(column, order)
        return replace(self, ids=[self.ids[i] for i in at], rows=[self.rows[i] for i in at],
                       search=[self.search[i] for i in at], types=[self.types[i] for i in at],
                       sorted_by=(column, order))


@dataclass(frozen=True)
class RowsRequest:
    """The rows of ``graph`` to read after the change ``event``, sorted as ``sort`` says
    (``None``: in the graph's order)."""

    graph: nx.MultiDiGraph
    event: object
    sort: tuple[int, Qt.SortOrder] | None

    def job(self):
        yield Progress(0, 0, LISTING)
        with collector_paused():  # a tuple and a list per row
            rows = TableRows.of(self.graph)
            return self, rows if self.sort is None else rows.sorted(*self.sort)


class RowsBuilder(NewestWorker):
    """Reads :class:`RowsRequest` rows in a worker, newest first (``built``:
    ``(request, rows)``)."""

    what = "listing the entities"


__all__ = ["NUMERIC", "ROWS_IN_WORKER", "RowsBuilder", "RowsRequest", "TableRows"]
