"""GEXF 1.2 for Gephi: the GraphML attributes plus colours, sizes and positions."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from graph.store.files import atomic_write
from graph.store.values import Positions, scalar_graph
from graph.taxonomy import color_of


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
