"""Node-link JSON (lists stay lists), for d3, Cytoscape.js and scripts."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from graph.store.files import atomic_write
from graph.store.values import Positions


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
