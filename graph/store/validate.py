"""An imported graph, checked and coerced into the model's types in one place.

A GraphML file may come from Threadline, from another tool (igraph and networkx write no
edge ids, or integer keys) or from someone hostile. Whatever it holds, what leaves
:func:`validate` has the shapes of :mod:`graph.schema`: string ids and labels, lists of
strings, integer offsets inside a sane range, evidence as dicts, finite weights, and edge
keys ``"method:relation"``. What can be repaired is repaired (a number where a label was
expected becomes its text; a malformed occurrence is dropped; a foreign edge gets a key).
What cannot be read at all is refused by the reader (:mod:`graph.store.graphml`).
"""

from __future__ import annotations

import math

import networkx as nx

from graph.schema import COOCCURRENCE, METHODS, PREDICATES, Evidence, Occurrence, edge_key

# No document Threadline reads is near this long; bigger offsets are damage or hostility.
MAX_OFFSET = 2**31 - 1
SCALARS = (str, int, float, bool)


def _text(value, default: str = "") -> str:
    if value is None or isinstance(value, list | dict):
        return default
    return str(value)


def _strings(value) -> list[str]:
    """A list of strings from a list, one scalar, or nothing."""
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else [value]
    return [str(item) for item in items if isinstance(item, SCALARS)]


def _offset(value) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and (not math.isfinite(value) or not value.is_integer()):
        return None
    number = int(value)
    return number if 0 <= number <= MAX_OFFSET else None


def _span(start, end) -> tuple[int, int] | None:
    start, end = _offset(start), _offset(end)
    if start is None or end is None or end < start:
        return None
    return start, end


def _occurrences(value) -> list[Occurrence]:
    found = []
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, list | tuple) or len(item) != 5 or not isinstance(item[0], str):
            continue
        mention, sentence = _span(item[1], item[2]), _span(item[3], item[4])
        if mention and sentence:
            found.append(Occurrence(item[0], *mention, *sentence))
    return found


def _evidence(value) -> list[Evidence]:
    found: list[Evidence] = []
    for item in value if isinstance(value, list) else _strings(value):
        if isinstance(item, dict):
            span = _span(item.get("start", 0), item.get("end", 0)) or (0, 0)
            ev = Evidence(doc=_text(item.get("doc")), start=span[0], end=span[1],
                          text=_text(item.get("text")))
            if isinstance(item.get("via"), str):
                ev["via"] = item["via"]
        elif isinstance(item, SCALARS):
            ev = Evidence(doc="", start=0, end=0, text=str(item))  # a bare sentence
        else:
            continue
        found.append(ev)
    return found


def _weight(value) -> float:
    try:
        weight = float(value)
    except (TypeError, ValueError):
        return 1.0
    return weight if math.isfinite(weight) and weight >= 0 else 1.0


def _count(value, default: int) -> int:
    number = _offset(value)
    return default if number is None else number


def _node(nid: str, data: dict) -> dict:
    occurrences = _occurrences(data.get("occurrences"))
    clean = {k: v for k, v in data.items() if isinstance(v, SCALARS)}
    clean.update(label=_text(data.get("label"), nid) or nid,
                 type=_text(data.get("type"), "OTHER") or "OTHER",
                 aliases=_strings(data.get("aliases")),
                 documents=_strings(data.get("documents")),
                 mentions=_count(data.get("mentions"), len(occurrences)),
                 occurrences=occurrences)
    return clean


def _edge(data: dict) -> dict:
    method = data.get("method")
    clean = {k: v for k, v in data.items() if isinstance(v, SCALARS)}
    method = method if method in METHODS else COOCCURRENCE
    predicate = _text(data.get("predicate"), "").strip().upper()
    clean.update(relation=_text(data.get("relation"), "related to") or "related to",
                 predicate=predicate if predicate in PREDICATES and method != COOCCURRENCE
                 else "",
                 method=method,
                 weight=_weight(data.get("weight", 1.0)),
                 evidence=_evidence(data.get("evidence")))
    return clean


def _sources(value) -> list[dict]:
    found = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict) and all(isinstance(item.get(k), str)
                                          for k in ("id", "path", "digest")):
            found.append({"id": item["id"], "path": item["path"], "digest": item["digest"]})
    return found


def _unique_key(used: set, clean: dict) -> str:
    base = edge_key(clean["method"], clean["relation"], clean["predicate"])
    key, n = base, 2
    while key in used:
        key, n = f"{base}#{n}", n + 1
    return key


def validate(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A new graph with the attribute shapes of :mod:`graph.schema`, repaired where possible.

    Parameters
    ----------
    graph
        A graph as read from a file, JSON-array attributes already decoded.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge(1, 2, key=0, weight="heavy", evidence="A sentence.")
    0
    >>> [(u, v, k) for u, v, k in validate(g).edges(keys=True)]
    [('1', '2', 'cooccurrence:related to')]
    """
    out = nx.MultiDiGraph()
    out.graph.update({k: _sources(v) if k == "sources" else v
                      for k, v in graph.graph.items() if k == "sources" or isinstance(v, SCALARS)})
    for n, data in graph.nodes(data=True):
        out.add_node(str(n), **_node(str(n), data))
    used: dict[tuple[str, str], set] = {}
    for u, v, key, data in graph.edges(keys=True, data=True):
        clean = _edge(data)
        pair = used.setdefault((str(u), str(v)), set())
        ours = key == edge_key(clean["method"], clean["relation"], clean["predicate"]) \
            and key not in pair
        key = key if ours else _unique_key(pair, clean)
        pair.add(key)
        out.add_edge(str(u), str(v), key=key, **clean)
    return out
