"""Attribute values as the file formats need them: scalars out, Python shapes back in.

GraphML and GEXF hold scalars only, so every list or dict attribute is written as a JSON
string by one function, :func:`sanitise`; :func:`restore` turns them back on import.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import networkx as nx

# Attributes stored as JSON-array strings in scalar-only formats.
JSON_NODE_ATTRS = ("aliases", "documents", "occurrences")
JSON_EDGE_ATTRS = ("evidence",)
JSON_GRAPH_ATTRS = ("sources",)
NODE_ATTR_ORDER = ("label", "type", "aliases", "documents", "mentions", "occurrences")
EDGE_ATTR_ORDER = ("relation", "weight", "method", "evidence")

Positions = Mapping[str, tuple[float, float]]


def sanitise(value):
    """One scalar for any attribute value: lists/dicts -> JSON, None -> "", tuples -> lists."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, tuple | list | set | frozenset | dict):
        if isinstance(value, set | frozenset):
            value = sorted(value)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _ordered(data: Mapping, order: tuple[str, ...]) -> dict:
    out = {k: sanitise(data[k]) for k in order if k in data}
    out.update({k: sanitise(v) for k, v in data.items() if k not in out})
    return out


def scalar_graph(graph: nx.MultiDiGraph, positions: Positions | None = None) -> nx.MultiDiGraph:
    """A copy of ``graph`` whose every attribute is a GraphML-safe scalar."""
    out = nx.MultiDiGraph()
    out.graph.update({k: sanitise(v) for k, v in graph.graph.items()})
    for n, data in graph.nodes(data=True):
        attrs = _ordered(data, NODE_ATTR_ORDER)
        attrs.setdefault("label", str(n))
        attrs.setdefault("type", "OTHER")
        if positions and n in positions:
            attrs["x"], attrs["y"] = (float(c) for c in positions[n])
        out.add_node(n, **attrs)
    for u, v, k, data in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, **_ordered(data, EDGE_ATTR_ORDER))
    return out


def restore(data: dict, names: tuple[str, ...]) -> None:
    for name in names:
        if isinstance(data.get(name), str):
            try:
                data[name] = json.loads(data[name]) if data[name] else []
            except json.JSONDecodeError:
                data[name] = [data[name]]
