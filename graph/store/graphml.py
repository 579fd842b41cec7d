"""GraphML, the format of record: export per the contract, and import of any GraphML.

The contract (attribute names and types) is in docs/ARCHITECTURE.md. Exporting, importing
and exporting again gives the identical file.
"""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from graph import messages
from graph.errors import ExportError
from graph.store.files import atomic_write
from graph.store.validate import validate
from graph.store.values import (
    JSON_EDGE_ATTRS,
    JSON_GRAPH_ATTRS,
    JSON_NODE_ATTRS,
    Positions,
    restore,
    scalar_graph,
)


def write_graphml(graph: nx.MultiDiGraph, path, positions: Positions | None = None) -> list[Path]:
    """GraphML per the contract in docs/ARCHITECTURE.md (scalars only, JSON arrays as strings)."""
    buffer = io.BytesIO()
    nx.write_graphml(scalar_graph(graph, positions), buffer, encoding="utf-8", prettyprint=True,
                     named_key_ids=False)
    with atomic_write(path, "wb") as fh:
        fh.write(buffer.getvalue())
    return [Path(path)]


def read_graphml(path) -> nx.MultiDiGraph:
    """Read a GraphML file (Threadline's or another tool's) into the model's attribute shapes.

    Whatever the file holds, the result has the shapes of :mod:`graph.schema`
    (:func:`graph.store.validate.validate`).

    Raises
    ------
    ExportError
        The file is missing, not GraphML, or damaged beyond repair.
    """
    try:
        g = nx.read_graphml(path, node_type=str, force_multigraph=True)
    except Exception as exc:  # ElementTree, networkx and int()/float() raise many kinds
        raise ExportError(messages.NOT_GRAPHML.format(path=path, error=exc)) from exc
    if not g.is_directed():
        # An undirected file: keep each edge once, not once per direction.
        directed = nx.MultiDiGraph(**g.graph)
        directed.add_nodes_from(g.nodes(data=True))
        directed.add_edges_from(g.edges(keys=True, data=True))
        g = directed
    for reader_bookkeeping in ("node_default", "edge_default"):
        g.graph.pop(reader_bookkeeping, None)
    restore(g.graph, JSON_GRAPH_ATTRS)
    for _, data in g.nodes(data=True):
        restore(data, JSON_NODE_ATTRS)
    for _, _, data in g.edges(data=True):
        restore(data, JSON_EDGE_ATTRS)
    return validate(g)
