"""The export formats, described once: name, writer, file suffixes and a dialog filter.

The command line's ``--format`` choices, the window's Export menu and file dialogs, and
the question "is this file a graph to import?" are all answered from :data:`FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graph import messages
from graph.errors import ExportError
from graph.store.gexf import write_gexf
from graph.store.graphml import write_graphml
from graph.store.nodelink import write_json
from graph.store.tables import write_csv
from graph.store.values import Positions

Writer = Callable[..., list[Path]]


@dataclass(frozen=True, slots=True)
class Format:
    """One export format."""

    name: str
    title: str  # for menus and file dialogs
    suffixes: tuple[str, ...]  # the first is the default
    write: Writer

    @property
    def dialog_filter(self) -> str:
        return f"{self.title} ({' '.join('*' + s for s in self.suffixes[:1])})"


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("graphml", "GraphML", (".graphml", ".xml"), write_graphml),
    Format("gexf", "GEXF for Gephi", (".gexf",), write_gexf),
    Format("json", "Node-link JSON", (".json",), write_json),
    Format("csv", "CSV tables", (".csv",), write_csv),
)}
SUFFIXES = {suffix: f.name for f in FORMATS.values() for suffix in f.suffixes}
GRAPH_SUFFIXES = FORMATS["graphml"].suffixes


def is_graph_file(path: str | Path) -> bool:
    """Whether ``path`` names a graph to import (GraphML) rather than a document."""
    return Path(path).suffix.lower() in GRAPH_SUFFIXES


def format_for(path, fmt: str | None = None) -> str:
    """The export format named, or the one the file's suffix implies (GraphML by default).

    Raises
    ------
    ExportError
        ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt:
        fmt = fmt.lower()
        if fmt not in FORMATS:
            raise ExportError(messages.UNKNOWN_FORMAT.format(fmt=fmt, choices=", ".join(FORMATS)))
        return fmt
    return SUFFIXES.get(Path(path).suffix.lower(), "graphml")


def export(graph: nx.MultiDiGraph, path, fmt: str | None = None,
           positions: Positions | None = None, pinned: Collection[str] = ()) -> list[Path]:
    """Write ``graph`` to ``path`` in ``fmt``; returns the files written.

    ``positions`` (node -> x, y) go into every format that has a place for them; ``pinned``
    nodes are marked in GraphML only, the format Threadline reads back.

    Raises
    ------
    ExportError
        Unknown format or the file cannot be written (the message says why).
    """
    fmt = format_for(path, fmt)
    if fmt == "graphml" and pinned:
        return write_graphml(graph, path, positions, pinned)
    return FORMATS[fmt].write(graph, path, positions)
