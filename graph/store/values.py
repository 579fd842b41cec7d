"""Attribute values as the file formats need them: scalars out, Python shapes back in.

GraphML and GEXF hold scalars only, so every list or dict attribute is written as a JSON
string by one function, :func:`sanitise`; :func:`restore` turns them back on import. The
same function keeps every string well-formed XML: characters XML 1.0 forbids (C0 controls
such as the ANSI escapes of a log file, lone surrogates, U+FFFE/U+FFFF) become U+FFFD and
line ends become ``"\n"``, so an export always reads back as it was written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping

import networkx as nx

# Attributes stored as JSON-array strings in scalar-only formats.
JSON_NODE_ATTRS = ("aliases", "documents", "occurrences")
JSON_EDGE_ATTRS = ("evidence",)
JSON_GRAPH_ATTRS = ("sources",)
NODE_ATTR_ORDER = ("label", "type", "aliases", "documents", "mentions", "occurrences")
EDGE_ATTR_ORDER = ("relation", "predicate", "weight", "method", "evidence")

Positions = Mapping[str, tuple[float, float]]
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_END = re.compile("\r\n?")


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold replaced by U+FFFD.

    Line ends become ``"\n"``: every XML reader turns ``"\r\n"`` and ``"\r"`` into that
    (XML 1.0, 2.11), so writing them otherwise would not read back as written.
    """
    return _NOT_XML.sub("\ufffd", _LINE_END.sub("\n", text))


def sanitise(value):
    """One scalar for any attribute value: lists/dicts -> JSON, None -> "", tuples -> lists.

    Strings come back XML-safe (:func:`xml_safe`).

    Examples
    --------
    >>> sanitise(["a", ("b", 1)]), sanitise(None), sanitise("red\x1b[0m")
    ('["a",["b",1]]', '', 'red\ufffd[0m')
    """
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, tuple | list | set | frozenset | dict):
        if isinstance(value, set | frozenset):
            value = sorted(value)
        return xml_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    return xml_safe(str(value))


def _ordered(data: Mapping, order: tuple[str, ...]) -> dict:
    out = {xml_safe(str(k)): sanitise(data[k]) for k in order if k in data}
    out.update({xml_safe(str(k)): sanitise(v) for k, v in data.items() if k not in order})
    return out


def scalar_graph(graph: nx.MultiDiGraph, positions: Positions | None = None,
                 pinned: Collection[str] = ()) -> nx.MultiDiGraph:
    """A copy of ``graph`` whose every attribute is a GraphML-safe scalar (with ``x``, ``y``
    for the nodes in ``positions`` and ``pinned`` true for those in ``pinned``)."""
    pinned = set(pinned)
    out = nx.MultiDiGraph()
    out.graph.update(_ordered(graph.graph, ()))
    for n, data in graph.nodes(data=True):
        attrs = _ordered(data, NODE_ATTR_ORDER)
        attrs.setdefault("label", xml_safe(str(n)))
        attrs.setdefault("type", "OTHER")
        if positions and n in positions:
            attrs["x"], attrs["y"] = (float(c) for c in positions[n])
            if n in pinned:
                attrs["pinned"] = True
        out.add_node(xml_safe(str(n)), **attrs)
    for u, v, k, data in graph.edges(keys=True, data=True):
        out.add_edge(xml_safe(str(u)), xml_safe(str(v)), key=xml_safe(str(k)),
                     **_ordered(data, EDGE_ATTR_ORDER))
    return out


def restore(data: dict, names: tuple[str, ...]) -> None:
    for name in names:
        if isinstance(data.get(name), str):
            try:
                data[name] = json.loads(data[name]) if data[name] else []
            except (ValueError, RecursionError):  # not JSON, or nested to blow the stack
                data[name] = [data[name]]
