"""GraphML, the format of record: export per the contract, and import of any GraphML.

The contract (attribute names and types) is in docs/ARCHITECTURE.md. Exporting, importing
and exporting again gives the identical file.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Collection, Generator
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

import networkx as nx
from networkx.readwrite.graphml import GraphMLReader, GraphMLWriter

from graph import messages
from graph.errors import ExportError
from graph.ingest.files import GRAPH_CAP, read_bounded
from graph.jobs import collector_paused, empty_graph, long_lived, run_job
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


def write_graphml(graph: nx.MultiDiGraph, path, positions: Positions | None = None,
                  pinned: Collection[str] = ()) -> list[Path]:
    """GraphML per the contract in docs/ARCHITECTURE.md (scalars only, JSON arrays as strings);
    nodes with a place get ``x`` and ``y``, ``pinned`` ones ``pinned`` true."""
    buffer = io.BytesIO()
    # The copy and its XML tree are hundreds of thousands of objects: written from a worker
    # thread, the collections they set off would hold the GIL (and the window) for seconds.
    with collector_paused():
        copy = scalar_graph(graph, positions, pinned)
        # networkx's write_graphml_xml, keeping the tree: dropped whole when the call
        # returned, it was freed in one C call holding the GIL (0.1-0.2 s at 25k entities)
        writer = GraphMLWriter(encoding="utf-8", prettyprint=True, named_key_ids=False)
        try:
            writer.add_graph_element(copy)
            writer.dump(buffer)
        finally:
            _free_writer(writer)
            empty_graph(copy)
    with atomic_write(path, "wb") as fh:
        fh.write(buffer.getvalue())
    return [Path(path)]


def exported_places(graph: nx.MultiDiGraph) -> tuple[dict[str, tuple[float, float]], list[str]]:
    """The places an export gave its nodes (``x`` and ``y``, both finite numbers) and those
    of them ``pinned``, as :func:`write_graphml` writes them."""
    positions, pinned = {}, []
    for nid, data in graph.nodes(data=True):
        x, y = data.get("x"), data.get("y")
        if isinstance(x, int | float) and isinstance(y, int | float) and \
                math.isfinite(x) and math.isfinite(y):
            positions[nid] = (float(x), float(y))
            if data.get("pinned") is True:
                pinned.append(nid)
    return positions, pinned


_NODE_TAG = re.compile(rb"<(?:[\w.-]+:)?node[\s/>]")


class _Prolog(Exception):
    """Raised to stop the prolog scan at the root element."""


def _refuse_doctype(data: bytes) -> None:
    """Refuse a DOCTYPE: the only way to declare entities (billion laughs, external files).

    Only the prolog is scanned: expat stops at the root element's start tag.
    """
    def doctype(*_):
        raise ValueError(messages.GRAPHML_DOCTYPE)

    def root(*_):
        raise _Prolog

    scanner = expat.ParserCreate()
    scanner.StartDoctypeDeclHandler = doctype
    scanner.StartElementHandler = root
    try:
        scanner.Parse(data, True)
    except _Prolog:
        pass


def _refuse_what_networkx_drops(data: bytes) -> None:
    """Refuse a file whose nodes networkx would silently merge or leave out.

    A node id given twice merges two nodes into one; a nested ``<graph>`` inside a node is
    skipped with its nodes. Scanned with expat's callbacks, building no tree.
    """
    seen: set[str] = set()
    open_nodes: list[str] = []

    def start(name: str, attributes: dict) -> None:
        tag = name.rsplit(" ", 1)[-1]
        if tag == "node":
            nid = attributes.get("id", "")
            if nid in seen:
                raise ValueError(messages.GRAPHML_DUPLICATE_ID.format(id=nid))
            seen.add(nid)
            open_nodes.append(nid)
        elif tag == "graph" and open_nodes:
            raise ValueError(messages.GRAPHML_NESTED.format(id=open_nodes[-1]))

    def end(name: str) -> None:
        if name.rsplit(" ", 1)[-1] == "node":
            open_nodes.pop()

    scanner = expat.ParserCreate(namespace_separator=" ")
    scanner.StartElementHandler = start
    scanner.EndElementHandler = end
    scanner.Parse(data, True)


_FEED = 1 << 20  # bytes parsed between two progress steps
_PIECE = 1 << 15  # bytes parsed in one call
_NAMESPACED_ROOT = b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'


def _parse_steps(data: bytes) -> Generator[float, None, nx.MultiGraph]:
    """The first graph of GraphML ``data``, as networkx reads it (a multigraph).

    Yields the share of the work done (0 to 1) after every megabyte parsed, so a job reports
    progress and can stop within a big file, and other threads run in between.
    """
    _refuse_doctype(data)
    graphs = yield from _graphs_steps(data)
    if not graphs:
        # As networkx does: tolerate a root without the GraphML namespace.
        graphs = yield from _graphs_steps(data.replace(b"<graphml>", _NAMESPACED_ROOT))
    if not graphs:
        raise ValueError(messages.NO_GRAPH_ELEMENT)
    # Counting node tags costs a fraction of a second; only when networkx kept fewer nodes
    # than the file declares is the file scanned element by element to name the culprit.
    if _count_node_tags(data) != graphs[0].number_of_nodes():
        _refuse_what_networkx_drops(data)
    return graphs[0]


def _graphs_steps(data: bytes) -> Generator[float, None, list[nx.MultiGraph]]:
    """The graphs of ``data``: the XML tree built a megabyte at a time, then networkx's
    reading of it (what ``GraphMLReader.__call__`` does, from a tree built here)."""
    parser = ElementTree.XMLParser()
    for at in range(0, len(data), _PIECE):
        # One feed holds the GIL until it returns: small pieces let other threads run.
        parser.feed(data[at:at + _PIECE])
        if (at + _PIECE) % _FEED == 0:
            yield 0.6 * (at + _PIECE) / len(data)
    root = parser.close()
    try:
        reader = GraphMLReader(node_type=str, force_multigraph=True)
        reader.xml = ElementTree.ElementTree(root)
        keys, defaults = reader.find_graphml_keys(reader.xml)
        return [reader.make_graph(g, keys, defaults)
                for g in root.findall(f"{{{reader.NS_GRAPHML}}}graph")]
    finally:
        _dismantle(root)


def _dismantle(element) -> None:
    """Free an element tree a few thousand elements at a time.

    Dropped whole, the tree of a 100 MB file is freed in one C call that holds the GIL for
    most of a second; deleting slices from Python lets other threads run in between.
    """
    for child in element:
        while len(child):
            del child[-4096:]
    element.clear()


def _free_writer(writer: GraphMLWriter) -> None:
    """Free a writer's tree a slice at a time (:func:`_dismantle`), then the elements its
    ``attributes`` table still holds, one by one (that table keeps every node and edge)."""
    _dismantle(writer.xml)
    attributes = writer.attributes
    while attributes:
        attributes.popitem()


def _count_node_tags(data: bytes, window: int = 1 << 20) -> int:
    """How many node start tags ``data`` holds, scanned a megabyte at a time.

    One regex call over the whole file holds the GIL for as long as it finds no match (the
    edges of a big file: a tenth of a second and more); a window overlaps the next by a
    tag's length and counts only the tags that start inside it.
    """
    found = 0
    for start in range(0, len(data), window):
        found += sum(1 for m in _NODE_TAG.finditer(data, start, start + window + 256)
                     if m.start() < start + window)
    return found


def _to_model(g: nx.MultiGraph) -> nx.MultiDiGraph:
    if not g.is_directed():
        # An undirected file: keep each edge once, not once per direction.
        directed = nx.MultiDiGraph(**g.graph)
        directed.add_nodes_from(g.nodes(data=True))
        directed.add_edges_from(g.edges(keys=True, data=True))
        empty_graph(g)
        g = directed
    for reader_bookkeeping in ("node_default", "edge_default"):
        g.graph.pop(reader_bookkeeping, None)
    restore(g.graph, JSON_GRAPH_ATTRS)
    for _, data in g.nodes(data=True):
        restore(data, JSON_NODE_ATTRS)
    for _, _, data in g.edges(data=True):
        restore(data, JSON_EDGE_ATTRS)
    model = validate(g)
    empty_graph(g)  # dropped whole, a big graph is freed in one GIL-holding C call
    return model


def read_graphml(path) -> nx.MultiDiGraph:
    """Read a GraphML file (Threadline's or another tool's) into the model's attribute shapes.

    Whatever the file holds, the result has the shapes of :mod:`graph.schema`
    (:func:`graph.store.validate.validate`). A file that declares a DOCTYPE is refused:
    entities are how XML reads other files or expands a few bytes into gigabytes.

    Raises
    ------
    ExportError
        The file is missing, not a regular file, not GraphML, or damaged beyond repair;
        nothing else, whatever the file holds.
    """
    return run_job(read_graphml_steps(path))


def read_graphml_steps(path) -> Generator[float, None, nx.MultiDiGraph]:
    """:func:`read_graphml` as steps: yields the share done (0 to 1) every megabyte or so.

    Closing the generator between two steps stops the reading (a cancelled import).
    """
    try:
        with long_lived():
            graph = yield from _parse_steps(read_bounded(Path(path), cap=GRAPH_CAP))
            yield 0.9
            return _to_model(graph)
    except OSError as exc:
        error = exc.strerror or str(exc)
        raise ExportError(messages.NOT_GRAPHML.format(path=path, error=error)) from exc
    except Exception as exc:  # expat, networkx, int()/float(), json: hostile files raise anything
        raise ExportError(messages.NOT_GRAPHML.format(path=path, error=exc)) from exc
