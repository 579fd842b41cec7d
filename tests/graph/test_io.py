"""Export and import: the GraphML contract, a second reader, round trips, atomic writes."""

from __future__ import annotations

import csv
import json
import os
import xml.etree.ElementTree as ET

import igraph
import networkx as nx
import pytest

from graph.build.jobs import extraction_job
from graph.errors import ExportError
from graph.ingest.corpus import load_corpus
from graph.jobs import run_job
from graph.nlp.pipeline import shared_pipeline
from graph.paths import seeds_dir
from graph.store.formats import export, format_for
from graph.store.graphml import read_graphml
from graph.store.values import scalar_graph

NS = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(scope="module")
def seeds_graph():
    nlp, info = shared_pipeline()
    return run_job(extraction_job(load_corpus([seeds_dir()]), nlp, info)).graph


def test_graphml_follows_the_contract(seeds_graph, tmp_path):
    path = tmp_path / "g.graphml"
    export(seeds_graph, path)
    root = ET.parse(path).getroot()
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in root.iter(f"{NS}key")}
    for name in ("label", "type", "aliases", "documents"):
        assert keys[("node", name)] == "string"
    assert keys[("node", "mentions")] in ("int", "long")
    assert keys[("edge", "relation")] == keys[("edge", "evidence")] == "string"
    assert keys[("edge", "weight")] in ("double", "float")
    assert keys[("graph", "pipeline")] == "string"
    ids = {k.get("id"): k.get("attr.name") for k in root.iter(f"{NS}key")}
    for node in root.iter(f"{NS}node"):
        data = {ids[d.get("key")]: d.text for d in node.iter(f"{NS}data")}
        assert isinstance(json.loads(data["aliases"]), list)
        assert isinstance(json.loads(data["documents"]), list)
    for edge in root.iter(f"{NS}edge"):
        data = {ids[d.get("key")]: d.text for d in edge.iter(f"{NS}data")}
        assert json.loads(data["evidence"]) and data["method"] in ("cooccurrence", "dependency")


def test_graphml_round_trip_is_identical(seeds_graph, tmp_path):
    first, second = tmp_path / "a.graphml", tmp_path / "b.graphml"
    export(seeds_graph, first)
    imported = read_graphml(first)
    assert dict(imported.nodes(data=True)) == dict(seeds_graph.nodes(data=True))
    assert sorted(imported.edges(keys=True, data=True)) == \
        sorted(seeds_graph.edges(keys=True, data=True))
    export(imported, second)
    assert first.read_bytes() == second.read_bytes()


def test_igraph_reads_the_same_counts(seeds_graph, tmp_path):
    path = tmp_path / "g.graphml"
    export(seeds_graph, path)
    other = igraph.Graph.Read_GraphML(str(path))
    assert other.vcount() == seeds_graph.number_of_nodes()
    assert other.ecount() == seeds_graph.number_of_edges()
    assert set(other.vs["label"]) == {d["label"] for _, d in seeds_graph.nodes(data=True)}


def test_gexf_has_colours_and_positions(seeds_graph, tmp_path):
    path = tmp_path / "g.gexf"
    positions = {n: (float(i), 2.0 * i) for i, n in enumerate(seeds_graph)}
    export(seeds_graph, path, positions=positions)
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == seeds_graph.number_of_nodes()
    assert back.number_of_edges() == seeds_graph.number_of_edges()
    some = next(iter(seeds_graph))
    viz = back.nodes[some]["viz"]
    assert {"r", "g", "b"} <= set(viz["color"]) and viz["position"]["x"] == positions[some][0]


def test_json_and_csv(seeds_graph, tmp_path):
    export(seeds_graph, tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text())
    assert len(data["nodes"]) == seeds_graph.number_of_nodes()
    assert isinstance(data["nodes"][0]["aliases"], list)
    assert nx.node_link_graph(data, edges="edges").number_of_edges() == \
        seeds_graph.number_of_edges()
    written = export(seeds_graph, tmp_path / "g.csv")
    assert [p.name for p in written] == ["g.nodes.csv", "g.edges.csv"]
    with open(written[0], newline="", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == seeds_graph.number_of_nodes()
    with open(written[1], newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == seeds_graph.number_of_edges()
    assert all(json.loads(r["evidence"]) for r in rows)


def test_sanitise_never_leaves_none_lists_or_dicts():
    g = nx.MultiDiGraph()
    g.add_node("a", label=None, odd={"x": 1}, many={3, 1}, items=("p", "q"))
    scalar = scalar_graph(g)
    assert scalar.nodes["a"] == {"label": "", "type": "OTHER", "odd": '{"x":1}',
                                 "many": "[1,3]", "items": '["p","q"]'}


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(seeds_graph, tmp_path, monkeypatch):
    path = tmp_path / "g.graphml"
    path.write_text("previous export")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ExportError, match="No space left"):
        export(seeds_graph, path)
    assert path.read_text() == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"]


def test_unknown_format_and_bad_import_are_clear(tmp_path):
    with pytest.raises(ExportError, match="Unknown format 'pdf'"):
        format_for("x.pdf", "pdf")
    bad = tmp_path / "bad.graphml"
    bad.write_text("<not graphml")
    with pytest.raises(ExportError, match="not a Threadline-readable GraphML"):
        read_graphml(bad)


def test_foreign_graphml_gets_model_defaults(tmp_path):
    plain = nx.Graph()
    plain.add_edge("x", "y")
    nx.write_graphml(plain, tmp_path / "plain.graphml")
    g = read_graphml(tmp_path / "plain.graphml")
    assert g.is_directed() and g.nodes["x"]["label"] == "x" and g.nodes["x"]["type"] == "OTHER"
    [(_, _, data)] = g.edges(data=True)
    assert data["evidence"] == [] and data["weight"] == 1.0
