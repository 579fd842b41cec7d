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
from graph.schema import COOCCURRENCE, Occurrence
from graph.store.files import atomic_write
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

    Raises
    ------
    ExportError
        The file is missing or not GraphML.
    """
    try:
        g = nx.read_graphml(path, node_type=str, force_multigraph=True)
    except (OSError, ValueError, nx.NetworkXError) as exc:
        raise ExportError(messages.NOT_GRAPHML.format(path=path, error=exc)) from exc
    except Exception as exc:  # ElementTree raises ParseError and friends
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
    for n, data in g.nodes(data=True):
        restore(data, JSON_NODE_ATTRS)
        data.setdefault("label", n)
        data.setdefault("type", "OTHER")
        data.setdefault("aliases", [])
        data.setdefault("documents", [])
        data.setdefault("occurrences", [])
        data["occurrences"] = [Occurrence(*o) for o in data["occurrences"]]
        data["mentions"] = int(data.get("mentions", len(data["occurrences"])) or 0)
    for _, _, data in g.edges(data=True):
        restore(data, JSON_EDGE_ATTRS)
        data.setdefault("relation", "related to")
        data.setdefault("method", COOCCURRENCE)
        data.setdefault("evidence", [])
        data["weight"] = float(data.get("weight", 1.0))
    return g
