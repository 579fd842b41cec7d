"""Two CSV tables, nodes and edges, for spreadsheets and Gephi's table import.

The two files are one export: both are written completely before either replaces an
older pair, so a failure (a full disk) keeps the old pair whole.
"""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from graph.schema import COOCCURRENCE
from graph.store.files import atomic_writes
from graph.store.values import Positions, sanitise


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
    with atomic_writes([nodes_path, edges_path]) as (nodes_file, edges_file):
        writer = csv.writer(nodes_file)
        writer.writerow(node_cols)
        for n, d in graph.nodes(data=True):
            row = [n, d.get("label", n), d.get("type", ""), sanitise(d.get("aliases", [])),
                   sanitise(d.get("documents", [])), d.get("mentions", 0)]
            if positions:
                row += list(positions.get(n, ("", "")))
            writer.writerow(row)
        writer = csv.writer(edges_file)
        writer.writerow(["Source", "Target", "Type", "relation", "Weight", "method", "evidence"])
        for u, v, d in graph.edges(data=True):
            kind = "Undirected" if d.get("method") == COOCCURRENCE else "Directed"
            writer.writerow([u, v, kind, d.get("relation", ""), d.get("weight", 1.0),
                             d.get("method", ""), sanitise(d.get("evidence", []))])
    return [nodes_path, edges_path]
