"""Entity search (labels and aliases, inside names) and full-text sentence search."""

from __future__ import annotations

import networkx as nx

from graph.explore.filters import GraphFilter
from graph.explore.query import EntityIndex, search_text
from graph.ingest.documents import Document


def graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("MODEL:claude-opus-3", label="Claude Opus 3", type="MODEL", mentions=5,
               aliases=["Opus 3"], documents=["a.txt"])
    g.add_node("MODEL:claude", label="Claude", type="MODEL", mentions=30, aliases=[],
               documents=["a.txt", "b.txt"])
    g.add_node("ORG:anthropic", label="Anthropic", type="ORG", mentions=4, aliases=[],
               documents=["b.txt"])
    return g


def test_search_is_case_insensitive_and_matches_inside_names_and_aliases():
    index = EntityIndex(graph())
    assert [h.node for h in index.search("claude")] == ["MODEL:claude", "MODEL:claude-opus-3"]
    [hit] = index.search("OPUS")
    assert hit.node == "MODEL:claude-opus-3" and hit.matched in ("Claude Opus 3", "Opus 3")
    assert [h.node for h in index.search("thro")] == ["ORG:anthropic"]
    assert index.search("") == [] and index.search("zzz") == []
    assert len(index.search("c", limit=2)) == 2  # stops at the limit
    assert [h.node for h in index.search("u")][:1] == ["MODEL:claude"]  # most mentioned


def test_named_finds_whole_names_and_aliases_only():
    index = EntityIndex(graph())
    assert index.named(["claude"]) == {"MODEL:claude"}  # not the longer name holding it
    assert index.named(["OPUS  3", "anthropic"]) == {"MODEL:claude-opus-3", "ORG:anthropic"}
    assert index.named(["Claude Opus"]) == set() and index.named([""]) == set()


def test_an_edit_checked_with_the_name_index_finds_what_a_walk_finds(tmp_path):
    from graph.build.curation import Curation
    from graph.build.edits import MERGE, RENAME, Edit, EntityRef
    g = graph()
    for data in g.nodes.values():
        data["occurrences"] = []
    curation = Curation(g, {}, tmp_path / "w.threadline")
    named = EntityIndex(g).named
    for edit in (Edit(RENAME, EntityRef("MODEL", "opus 3"), value="Opus"),
                 Edit(MERGE, EntityRef("MODEL", "Claude"), EntityRef("MODEL", "Claude Opus 3")),
                 Edit(RENAME, EntityRef("ORG", "Claude"), value="Wrong type"),
                 Edit(RENAME, EntityRef("MODEL", "Claude Opus"), value="Not a name")):
        assert curation.applies(g, [edit], named) == curation.applies(g, [edit])
    assert curation.applies(g, [Edit(RENAME, EntityRef("MODEL", "opus 3"), value="O")], named)
    assert not curation.applies(g, [Edit(RENAME, EntityRef("ORG", "Claude"), value="W")], named)


def test_prefix_matches_rank_before_inner_matches():
    g = graph()
    g.add_node("PROJECT:x", label="Opus Magnum", type="PROJECT", mentions=1, aliases=[])
    assert index_order(g, "opus")[0] == "MODEL:claude-opus-3"  # alias "Opus 3" is a prefix hit


def index_order(g, query):
    return [h.node for h in EntityIndex(g).search(query)]


def test_full_text_search_returns_sentences():
    docs = {"a.txt": Document("a.txt", "a.txt", "First one. We met Anthropic here! Last.", "x")}
    [hit] = search_text(docs, "anthropic")
    assert hit.sentence == "We met Anthropic here!"
    assert docs["a.txt"].text[hit.start:hit.end] == "Anthropic"


def test_filters():
    f = GraphFilter(types=frozenset({"ORG"}), min_weight=2, methods=frozenset({"dependency"}),
                    documents=frozenset({"b.txt"}))
    assert f.node_ok({"type": "ORG", "documents": ["b.txt"]})
    assert not f.node_ok({"type": "MODEL", "documents": ["b.txt"]})
    assert not f.node_ok({"type": "ORG", "documents": ["a.txt"]})
    assert f.edge_ok({"method": "dependency", "weight": 2, "evidence": [{"doc": "b.txt"}]})
    assert not f.edge_ok({"method": "cooccurrence", "weight": 5, "evidence": [{"doc": "b.txt"}]})
    assert not f.edge_ok({"method": "dependency", "weight": 1, "evidence": [{"doc": "b.txt"}]})
    assert not f.edge_ok({"method": "dependency", "weight": 3, "evidence": [{"doc": "a.txt"}]})
    assert GraphFilter().is_default
