"""Property tests of the GraphML contract: what the exporter writes always reads back.

(a) Any graph exports and imports into a model-consistent graph; a model-consistent graph
exports, imports and exports again byte for byte, and so does anything once imported.
(b) Any byte-level or element-level damage to an exported file either imports into a
model-consistent graph or raises :class:`ExportError`, never anything else.
"""

from __future__ import annotations

import io
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import ExportError
from graph.schema import COOCCURRENCE, METHODS, PREDICATES, edge_key
from graph.store.graphml import read_graphml, write_graphml
from graph.store.validate import MAX_OFFSET
from graph.store.values import scalar_graph

# networkx warns about keys without a type; the damage tests make plenty.
# Hypothesis runs many examples (about 8 s in all): slow, so CI runs it and the edit loop does not.
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore:No key type:UserWarning")]
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
# Damage is cheap to generate and check: look harder.
DAMAGE = settings(SETTINGS, max_examples=150)
HOSTILE = ["<b>", "&", "&amp;", "]]>", '"', "'", "\x1b[0m", "\x00", "\x0b", "\r", "\r\n",
           "\t", " ", "\ud7ff", "\ufffe", "\uffff", "\U0001f600", "\u202e", "é", "ﬁ"]
TYPES = ["MODEL", "ORG", "PROJECT", "METHOD", "METRIC", "PERSON", "PLACE", "DATE", "OTHER"]

# Surrogate-free unicode, with the characters XML and HTML care about mixed in.
char_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=6)
hostile = st.sampled_from(HOSTILE)
text = st.one_of(char_text, hostile, st.tuples(char_text, hostile, char_text).map("".join))
words = text.filter(lambda s: s.strip() != "")
offset = st.integers(0, MAX_OFFSET)
wild_int = st.one_of(st.integers(-(2**70), 2**70), offset)


@st.composite
def occurrence(draw, ints=offset):
    a, b, c, d = sorted(draw(st.lists(ints, min_size=4, max_size=4)))
    return [draw(text), b, c, a, d]


@st.composite
def evidence(draw, ints=offset):
    start, end = sorted(draw(st.lists(ints, min_size=2, max_size=2)))
    ev = {"doc": draw(text), "start": start, "end": end, "text": draw(text)}
    if draw(st.booleans()):
        ev["via"] = draw(st.sampled_from(["we", *HOSTILE]))
    return ev


@st.composite
def graphs(draw, wild: bool = False) -> nx.MultiDiGraph:
    """Small graphs; ``wild``: huge ints, empty strings, odd keys and extra attributes."""
    ints = wild_int if wild else offset
    g = nx.MultiDiGraph(pipeline=draw(words), created="2024-01-01T00:00:00",
                        sources=[{"id": draw(text), "path": draw(text), "digest": "0" * 8}])
    ids = draw(st.lists(words, min_size=1, max_size=4, unique=True))
    for nid in ids:
        g.add_node(nid, label=draw(text if wild else words),
                   type=draw(st.one_of(st.sampled_from(TYPES), words)),
                   aliases=draw(st.lists(text, max_size=2)),
                   documents=draw(st.lists(text, max_size=2)),
                   mentions=draw(ints), occurrences=draw(st.lists(occurrence(ints), max_size=2)))
        if wild:
            g.nodes[nid].update(draw(st.dictionaries(words, st.one_of(
                text, wild_int, st.floats(), st.booleans(), st.lists(text)), max_size=2)))
    for _ in range(draw(st.integers(0, 5))):
        u, v = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        method, relation = draw(st.sampled_from(METHODS)), draw(words)
        predicate = "" if method == COOCCURRENCE else draw(st.sampled_from(PREDICATES))
        key = draw(st.one_of(words, st.integers())) if wild else \
            edge_key(method, relation, predicate)
        weight = draw(st.floats(allow_nan=wild, allow_infinity=wild, min_value=None if wild
                                else 0.0))
        g.add_edge(u, v, key=key, relation=relation, predicate=predicate, method=method,
                   weight=weight,
                   evidence=draw(st.lists(evidence(ints), max_size=2)))
    return g


def exported(g: nx.MultiDiGraph, folder: Path, name: str) -> bytes:
    path = folder / name
    write_graphml(g, path)
    return path.read_bytes()


def assert_consistent(g: nx.MultiDiGraph) -> None:
    """The shapes of graph.schema, as every reader of the model assumes them."""
    assert isinstance(g, nx.MultiDiGraph)
    for n, d in g.nodes(data=True):
        assert isinstance(n, str)
        assert isinstance(d["label"], str) and isinstance(d["type"], str)
        for name in ("aliases", "documents"):
            assert isinstance(d[name], list) and all(isinstance(x, str) for x in d[name])
        assert type(d["mentions"]) is int
        for occ in d["occurrences"]:
            assert len(occ) == 5 and isinstance(occ[0], str)
            assert all(type(x) is int and 0 <= x <= MAX_OFFSET for x in occ[1:])
            assert occ[1] <= occ[2] and occ[3] <= occ[4]
    for u, v, k, d in g.edges(keys=True, data=True):
        assert isinstance(u, str) and isinstance(v, str) and isinstance(k, str)
        assert isinstance(d["relation"], str) and d["method"] in METHODS
        assert d["predicate"] in PREDICATES or d["predicate"] == ""
        assert type(d["weight"]) is float and math.isfinite(d["weight"])
        assert isinstance(d["evidence"], list)
        for ev in d["evidence"]:
            assert isinstance(ev, dict) and isinstance(ev["doc"], str)
            assert isinstance(ev["text"], str)
            assert type(ev["start"]) is int and type(ev["end"]) is int


@pytest.fixture
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("property")


@SETTINGS
@given(graphs())
def test_a_model_graph_round_trips_byte_for_byte(folder, g):
    first = exported(g, folder, "a.graphml")
    imported = read_graphml(folder / "a.graphml")
    assert_consistent(imported)
    assert exported(imported, folder, "b.graphml") == first


@SETTINGS
@given(graphs(wild=True))
def test_any_graph_exports_and_imports_into_the_model(folder, g):
    exported(g, folder, "a.graphml")
    once = read_graphml(folder / "a.graphml")
    assert_consistent(once)
    second = exported(once, folder, "b.graphml")
    assert_consistent(read_graphml(folder / "b.graphml"))
    assert exported(read_graphml(folder / "b.graphml"), folder, "c.graphml") == second


# -- (b) damage ------------------------------------------------------------------------------
def assert_reads_or_refuses(path: Path) -> None:
    try:
        g = read_graphml(path)
    except ExportError:
        return
    assert_consistent(g)


@st.composite
def byte_damage(draw, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data)))
    how = draw(st.sampled_from(["cut", "insert", "flip", "delete"]))
    if how == "cut":
        return data[:at]
    if how == "insert":
        return data[:at] + draw(st.one_of(st.binary(max_size=8), st.sampled_from(
            [b"<", b"&", b"]]>", b"\x00", b"<!DOCTYPE x>", b"<graph>", b"\xff\xfe"]))) + data[at:]
    if how == "flip" and at < len(data):
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    return data[:at] + data[at + draw(st.integers(1, 64)):]


VALUES = ["", "abc", "-1", "1e999999", "nan", "NaN", "-inf", "9" * 40, "true", "[", "{}",
          '[["d",1,2,3]]', '[["d",-1,2,3,4]]', '[{"doc":1,"start":"x"}]', "[[[[]]]]",
          "int", "long", "double", "float", "boolean", "string", "node", "edge", "graph",
          "directed", "undirected", "n0", "n1", "d0", "d5", "\ufffd"]


@st.composite
def element_damage(draw, data: bytes) -> bytes:
    try:
        root = ET.fromstring(data)
    except ET.ParseError:  # an earlier round wrote text XML cannot hold: damaged enough
        return data
    elements = list(root.iter())
    target = draw(st.sampled_from(elements))
    parents = {child: parent for parent in elements for child in parent}
    how = draw(st.sampled_from(["text", "attribute", "drop-attribute", "remove", "duplicate"]))
    if how == "text":
        target.text = draw(st.one_of(st.sampled_from(VALUES), text))
    elif how == "attribute" and target.attrib:
        name = draw(st.sampled_from(sorted(target.attrib)))
        target.set(name, draw(st.one_of(st.sampled_from(VALUES), text)))
    elif how == "drop-attribute" and target.attrib:
        del target.attrib[draw(st.sampled_from(sorted(target.attrib)))]
    elif how in ("remove", "duplicate") and target in parents:
        parent = parents[target]
        if how == "remove":
            parent.remove(target)
        else:
            parent.append(target)
    out = io.BytesIO()
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue()


def a_threadline_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(pipeline="rules", sources=[{"id": "d.txt", "path": "/d", "digest": "0"}])
    g.add_node("ORG:a", label="A & <b>", type="ORG", aliases=["a"], documents=["d.txt"],
               mentions=2, occurrences=[["d.txt", 0, 1, 0, 9], ["d.txt", 3, 4, 0, 9]])
    g.add_node("MODEL:b", label="B", type="MODEL", aliases=[], documents=["d.txt"], mentions=1,
               occurrences=[["d.txt", 5, 6, 0, 9]])
    g.add_edge("MODEL:b", "ORG:a", key="dependency:developed_by", relation="developed_by",
               method="dependency", weight=1.0,
               evidence=[{"doc": "d.txt", "start": 0, "end": 9, "text": "B by A.", "via": "we"}])
    g.add_edge("MODEL:b", "ORG:a", key=edge_key(COOCCURRENCE, "co-occurs with"),
               relation="co-occurs with", method=COOCCURRENCE, weight=2.0, evidence=[])
    return g


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> bytes:
    return exported(a_threadline_graph(), tmp_path_factory.mktemp("original"), "g.graphml")


@DAMAGE
@given(st.data())
def test_damaged_bytes_import_or_raise_export_error(folder, original, data):
    damaged = original
    for _ in range(data.draw(st.integers(1, 3))):
        damaged = data.draw(byte_damage(damaged))
    (folder / "damaged.graphml").write_bytes(damaged)
    assert_reads_or_refuses(folder / "damaged.graphml")


@DAMAGE
@given(st.data())
def test_damaged_elements_import_or_raise_export_error(folder, original, data):
    damaged = original
    for _ in range(data.draw(st.integers(1, 3))):
        damaged = data.draw(element_damage(damaged))
    (folder / "damaged.graphml").write_bytes(damaged)
    assert_reads_or_refuses(folder / "damaged.graphml")


@SETTINGS
@given(graphs())
def test_the_export_writes_what_networkx_writes_of_the_same_graph(folder, g):
    # write_graphml drives networkx's writer itself (to free its tree a slice at a time):
    # the file is complete and byte for byte what networkx's own call writes.
    buffer = io.BytesIO()
    nx.write_graphml_xml(scalar_graph(g, None, ()), buffer, encoding="utf-8",
                         prettyprint=True, named_key_ids=False)
    assert exported(g, folder, "a.graphml") == buffer.getvalue()
