"""Export the graph (GraphML, GEXF, node-link JSON, CSV) and import GraphML back.

GraphML and GEXF hold scalars only, so every list or dict attribute is written as a JSON
string by one function, :func:`sanitise`; :func:`read_graphml` turns them back. Every file
is written atomically: to a temporary file in the target folder, then renamed over the
target, so a failed export never leaves half a file behind.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

from graph import messages
from graph.taxonomy import color_of

# Attributes stored as JSON-array strings in scalar-only formats.
JSON_NODE_ATTRS = ("aliases", "documents", "occurrences")
JSON_EDGE_ATTRS = ("evidence",)
JSON_GRAPH_ATTRS = ("sources",)
NODE_ATTR_ORDER = ("label", "type", "aliases", "documents", "mentions", "occurrences")
EDGE_ATTR_ORDER = ("relation", "weight", "method", "evidence")

Positions = Mapping[str, tuple[float, float]]


class ExportError(Exception):
    """The file could not be written or read; the message is for the user."""


# -- values ----------------------------------------------------------------------------------
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


def _restore(data: dict, names: tuple[str, ...]) -> None:
    for name in names:
        if isinstance(data.get(name), str):
            try:
                data[name] = json.loads(data[name]) if data[name] else []
            except json.JSONDecodeError:
                data[name] = [data[name]]


# -- atomic writing ----------------------------------------------------------------------------
@contextmanager
def atomic_path(path: str | os.PathLike):
    """Yield a temporary path beside ``path``; rename it over ``path`` only on success.

    For writers that want a file name (image and SVG writers); see :func:`atomic_write`.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        os.close(fd)
    except OSError as exc:
        raise ExportError(messages.CANNOT_WRITE.format(path=target, error=exc.strerror)) from exc
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            error = exc.strerror or str(exc)
            raise ExportError(messages.CANNOT_WRITE.format(path=target, error=error)) from exc
        raise


@contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w"):
    """Open a temporary file beside ``path``; rename it over ``path`` only on success."""
    with atomic_path(path) as tmp:
        text = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
        with open(tmp, mode, **text) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())


# -- writers -----------------------------------------------------------------------------------
def write_graphml(graph: nx.MultiDiGraph, path, positions: Positions | None = None) -> list[Path]:
    """GraphML per the contract in DESIGN.md (scalars only, JSON arrays as strings)."""
    buffer = io.BytesIO()
    nx.write_graphml(scalar_graph(graph, positions), buffer, encoding="utf-8", prettyprint=True,
                     named_key_ids=False)
    with atomic_write(path, "wb") as fh:
        fh.write(buffer.getvalue())
    return [Path(path)]


def _hex_to_rgb(color: str) -> dict:
    color = color.lstrip("#")
    return {"r": int(color[0:2], 16), "g": int(color[2:4], 16), "b": int(color[4:6], 16), "a": 1.0}


def write_gexf(graph: nx.MultiDiGraph, path, positions: Positions | None = None) -> list[Path]:
    """GEXF 1.2 for Gephi, with node colours by type, sizes by mentions and positions."""
    out = scalar_graph(graph)
    for n, data in out.nodes(data=True):
        viz = {"color": _hex_to_rgb(color_of(data.get("type", "OTHER"))),
               "size": 4.0 + 2.0 * float(data.get("mentions", 1)) ** 0.5}
        if positions and n in positions:
            x, y = positions[n]
            viz["position"] = {"x": float(x), "y": float(-y), "z": 0.0}
        data["viz"] = viz
    buffer = io.BytesIO()
    nx.write_gexf(out, buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    with atomic_write(path, "wb") as fh:
        fh.write(buffer.getvalue())
    return [Path(path)]


def write_json(graph: nx.MultiDiGraph, path, positions: Positions | None = None) -> list[Path]:
    """Node-link JSON (lists stay lists), for d3, Cytoscape.js and scripts."""
    data = nx.node_link_data(graph, edges="edges")
    if positions:
        for node in data["nodes"]:
            if node["id"] in positions:
                node["x"], node["y"] = (float(c) for c in positions[node["id"]])
    with atomic_write(path) as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1, default=list)
        fh.write("\n")
    return [Path(path)]


def csv_paths(path) -> tuple[Path, Path]:
    """``out.csv`` -> ``out.nodes.csv`` and ``out.edges.csv`` (two tables, as Gephi imports)."""
    p = Path(path)
    stem = p.name[: -len(p.suffix)] if p.suffix.lower() == ".csv" else p.name
    return p.with_name(f"{stem}.nodes.csv"), p.with_name(f"{stem}.edges.csv")


def write_csv(graph: nx.MultiDiGraph, path, positions: Positions | None = None) -> list[Path]:
    """Two CSV tables: nodes (Id, Label, type, ...) and edges (Source, Target, ...)."""
    nodes_path, edges_path = csv_paths(path)
    node_cols = ["Id", "Label", "type", "aliases", "documents", "mentions"]
    if positions:
        node_cols += ["x", "y"]
    with atomic_write(nodes_path) as fh:
        writer = csv.writer(fh)
        writer.writerow(node_cols)
        for n, d in graph.nodes(data=True):
            row = [n, d.get("label", n), d.get("type", ""), sanitise(d.get("aliases", [])),
                   sanitise(d.get("documents", [])), d.get("mentions", 0)]
            if positions:
                row += list(positions.get(n, ("", "")))
            writer.writerow(row)
    with atomic_write(edges_path) as fh:
        writer = csv.writer(fh)
        writer.writerow(["Source", "Target", "Type", "relation", "Weight", "method", "evidence"])
        for u, v, d in graph.edges(data=True):
            kind = "Undirected" if d.get("method") == "cooccurrence" else "Directed"
            writer.writerow([u, v, kind, d.get("relation", ""), d.get("weight", 1.0),
                             d.get("method", ""), sanitise(d.get("evidence", []))])
    return [nodes_path, edges_path]


Writer = Callable[..., list[Path]]
FORMATS: dict[str, Writer] = {"graphml": write_graphml, "gexf": write_gexf, "json": write_json,
                              "csv": write_csv}
SUFFIXES = {".graphml": "graphml", ".xml": "graphml", ".gexf": "gexf", ".json": "json",
            ".csv": "csv"}


def format_for(path, fmt: str | None = None) -> str:
    """The export format named, or the one the file's suffix implies (GraphML by default)."""
    if fmt:
        fmt = fmt.lower()
        if fmt not in FORMATS:
            raise ExportError(messages.UNKNOWN_FORMAT.format(fmt=fmt, choices=", ".join(FORMATS)))
        return fmt
    return SUFFIXES.get(Path(path).suffix.lower(), "graphml")


def export(graph: nx.MultiDiGraph, path, fmt: str | None = None,
           positions: Positions | None = None) -> list[Path]:
    """Write ``graph`` to ``path`` in ``fmt``; returns the files written.

    Raises
    ------
    ExportError
        Unknown format or the file cannot be written (the message says why).
    """
    return FORMATS[format_for(path, fmt)](graph, path, positions)


# -- import ------------------------------------------------------------------------------------
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
    except Exception as exc:  # noqa: BLE001 - ElementTree raises ParseError and friends
        raise ExportError(messages.NOT_GRAPHML.format(path=path, error=exc)) from exc
    if not g.is_directed():
        # An undirected file: keep each edge once, not once per direction.
        directed = nx.MultiDiGraph(**g.graph)
        directed.add_nodes_from(g.nodes(data=True))
        directed.add_edges_from(g.edges(keys=True, data=True))
        g = directed
    for reader_bookkeeping in ("node_default", "edge_default"):
        g.graph.pop(reader_bookkeeping, None)
    _restore(g.graph, JSON_GRAPH_ATTRS)
    for n, data in g.nodes(data=True):
        _restore(data, JSON_NODE_ATTRS)
        data.setdefault("label", n)
        data.setdefault("type", "OTHER")
        data.setdefault("aliases", [])
        data.setdefault("documents", [])
        data.setdefault("occurrences", [])
        data["occurrences"] = [tuple(o) for o in data["occurrences"]]
        data["mentions"] = int(data.get("mentions", len(data["occurrences"])) or 0)
    for _, _, data in g.edges(data=True):
        _restore(data, JSON_EDGE_ATTRS)
        data.setdefault("relation", "related to")
        data.setdefault("method", "cooccurrence")
        data.setdefault("evidence", [])
        data["weight"] = float(data.get("weight", 1.0))
    return g
