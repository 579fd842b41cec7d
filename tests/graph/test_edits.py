"""Edits name entities by type and surface form and replay over a rebuilt graph."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.build.edits import (
    ADD_ALIAS,
    ADD_RELATION,
    DELETE,
    DELETE_RELATION,
    HAND_ADDED,
    MERGE,
    REJECT_MERGE,
    RENAME,
    RETYPE,
    SPLIT,
    Edit,
    EntityRef,
    apply_edits,
    find,
)
from graph.build.jobs import extraction_job
from graph.ingest.documents import Document
from graph.jobs import run_job
from graph.schema import COOCCURRENCE, COOCCURS_WITH, DEPENDENCY, Occurrence, edge_key
from graph.store.graphml import read_graphml, write_graphml

TEXT = ("Meta released Llama 3 70B. Llama3 70B beats GPT-4 on MMLU. "
        "OpenAI built GPT-4. Meta AI trained Llama 3 70B.")
DOC = Document("a.txt", "a.txt", TEXT, "d")


def _occurrence(form: str, nth: int = 0) -> Occurrence:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(form, start + 1)
    sent_start = TEXT.rfind(". ", 0, start)
    sent_start = 0 if sent_start < 0 else sent_start + 2
    return Occurrence("a.txt", start, start + len(form), sent_start, TEXT.index(".", start) + 1)


def _evidence(o: Occurrence) -> dict:
    return {"doc": o.doc, "start": o.sent_start, "end": o.sent_end,
            "text": TEXT[o.sent_start:o.sent_end]}


def _node(g, nid, label, etype, *occurrences, aliases=()):
    g.add_node(nid, label=label, type=etype, aliases=list(aliases), documents=["a.txt"],
               mentions=len(occurrences), occurrences=list(occurrences))


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return small_graph()


def small_graph() -> nx.MultiDiGraph:
    """Three models, Meta with an alias, OpenAI and MMLU, in one document (:data:`DOC`)."""
    g = nx.MultiDiGraph()
    _node(g, "MODEL:llama-3-70b", "Llama 3 70B", "MODEL", _occurrence("Llama 3 70B"),
          _occurrence("Llama 3 70B", 1))
    _node(g, "MODEL:llama3-70b", "Llama3 70B", "MODEL", _occurrence("Llama3 70B"))
    _node(g, "MODEL:gpt-4", "GPT-4", "MODEL", _occurrence("GPT-4"), _occurrence("GPT-4", 1))
    _node(g, "ORG:meta", "Meta", "ORG", _occurrence("Meta"), _occurrence("Meta AI"),
          aliases=["Meta AI"])
    _node(g, "ORG:openai", "OpenAI", "ORG", _occurrence("OpenAI"))
    _node(g, "DATASET:mmlu", "MMLU", "DATASET", _occurrence("MMLU"))
    typed = edge_key(DEPENDENCY, "", "DEVELOPED_BY")
    g.add_edge("MODEL:llama-3-70b", "ORG:meta", key=typed, relation="released by",
               predicate="DEVELOPED_BY", method=DEPENDENCY, weight=2.0,
               evidence=[_evidence(_occurrence("Llama 3 70B")),
                         _evidence(_occurrence("Llama 3 70B", 1))])
    g.add_edge("MODEL:llama3-70b", "MODEL:gpt-4", key=edge_key(DEPENDENCY, "", "OUTPERFORMS"),
               relation="beats", predicate="OUTPERFORMS", method=DEPENDENCY, weight=1.0,
               evidence=[_evidence(_occurrence("Llama3 70B"))])
    g.add_edge("MODEL:gpt-4", "MODEL:llama3-70b", key=edge_key(COOCCURRENCE, COOCCURS_WITH),
               relation=COOCCURS_WITH, predicate="", method=COOCCURRENCE, weight=1.0,
               evidence=[_evidence(_occurrence("Llama3 70B"))])
    return g


LLAMA = EntityRef("MODEL", "Llama 3 70B")
LLAMA3 = EntityRef("MODEL", "llama3 70b")  # any case
META = EntityRef("ORG", "Meta")


def test_entities_are_found_by_type_and_any_name(graph):
    assert find(graph, EntityRef("ORG", "meta ai")) == "ORG:meta"
    assert find(graph, EntityRef("MODEL", "Meta")) is None
    assert find(graph, EntityRef("MODEL", "Claude")) is None


def test_merge_moves_names_mentions_and_relations(graph):
    assert apply_edits(graph, [Edit(MERGE, LLAMA, LLAMA3)], {"a.txt": DOC}) == []
    assert "MODEL:llama3-70b" not in graph
    node = graph.nodes["MODEL:llama-3-70b"]
    assert node["aliases"] == ["Llama3 70B"] and node["mentions"] == 3
    assert node["curated"] == "merged \u201cLlama3 70B\u201d"
    assert graph.has_edge("MODEL:llama-3-70b", "MODEL:gpt-4", "dependency:OUTPERFORMS")
    # co-occurrence stays ordered from the smaller id to the larger
    assert graph.has_edge("MODEL:gpt-4", "MODEL:llama-3-70b", "cooccurrence:co-occurs with")


def test_rename_keeps_the_old_name_as_an_alias_and_later_edits_use_the_new(graph):
    edits = [Edit(RENAME, LLAMA3, value="Llama 3 (70B)"),
             Edit(ADD_ALIAS, EntityRef("MODEL", "Llama 3 (70B)"), value="L3-70B")]
    assert apply_edits(graph, edits) == []
    node = graph.nodes["MODEL:llama3-70b"]
    assert node["label"] == "Llama 3 (70B)" and node["aliases"] == ["L3-70B", "Llama3 70B"]
    assert "renamed from" in node["curated"] and "alias" in node["curated"]


def test_retype_changes_the_type_and_the_id_but_keeps_the_edges(graph):
    apply_edits(graph, [Edit(RETYPE, EntityRef("DATASET", "MMLU"), value="METHOD")])
    assert "DATASET:mmlu" not in graph and graph.nodes["METHOD:mmlu"]["type"] == "METHOD"
    degree = graph.degree("MODEL:gpt-4")
    apply_edits(graph, [Edit(RETYPE, EntityRef("MODEL", "GPT-4"), value="PROJECT")])
    assert graph.degree("PROJECT:gpt-4") == degree


def test_delete_and_relations_by_hand(graph):
    edits = [Edit(ADD_RELATION, EntityRef("MODEL", "GPT-4"), EntityRef("ORG", "OpenAI"),
                  "DEVELOPED_BY"),
             Edit(DELETE_RELATION, LLAMA3, EntityRef("MODEL", "GPT-4"), "OUTPERFORMS"),
             Edit(DELETE_RELATION, LLAMA3, EntityRef("MODEL", "GPT-4"), ""),
             Edit(DELETE, EntityRef("DATASET", "MMLU"))]
    assert apply_edits(graph, edits) == []
    added = graph.edges["MODEL:gpt-4", "ORG:openai", "dependency:DEVELOPED_BY"]
    assert added["curated"] == HAND_ADDED and added["evidence"] == []
    assert graph.number_of_edges("MODEL:llama3-70b", "MODEL:gpt-4") == 0
    assert graph.number_of_edges("MODEL:gpt-4", "MODEL:llama3-70b") == 0
    assert "DATASET:mmlu" not in graph


def test_split_moves_the_alias_mentions_and_their_evidence(graph):
    skipped = apply_edits(graph, [Edit(SPLIT, META, value="Meta AI")], {"a.txt": DOC})
    assert skipped == []
    new = graph.nodes["ORG:meta-ai"]
    assert new["label"] == "Meta AI" and new["mentions"] == 1
    assert graph.nodes["ORG:meta"]["aliases"] == [] and graph.nodes["ORG:meta"]["mentions"] == 1
    # "Meta AI trained Llama 3 70B." now supports Llama -> Meta AI, the first sentence Meta
    [moved] = [d["evidence"] for d in graph["MODEL:llama-3-70b"]["ORG:meta-ai"].values()]
    [stayed] = [d["evidence"] for d in graph["MODEL:llama-3-70b"]["ORG:meta"].values()]
    assert [e["text"] for e in moved] == ["Meta AI trained Llama 3 70B."]
    assert [e["text"] for e in stayed] == ["Meta released Llama 3 70B."]


def test_edits_whose_entities_are_gone_are_skipped_and_reported(graph):
    gone = Edit(RENAME, EntityRef("MODEL", "Claude"), value="Claude 3")
    kept = Edit(REJECT_MERGE, LLAMA, LLAMA3)
    assert apply_edits(graph, [gone, kept]) == [gone]


def test_an_edit_round_trips_through_json_and_says_what_it_does():
    edit = Edit(MERGE, LLAMA, LLAMA3)
    assert Edit.from_json(edit.to_json()) == edit
    assert edit.describe() == "Merge \u201cllama3 70b\u201d into \u201cLlama 3 70B\u201d"
    with pytest.raises(ValueError):
        Edit("explode", LLAMA)


def test_curated_graph_exports_its_provenance(graph, tmp_path):
    apply_edits(graph, [Edit(MERGE, LLAMA, LLAMA3)])
    write_graphml(graph, tmp_path / "g.graphml")
    back = read_graphml(tmp_path / "g.graphml")
    assert back.nodes["MODEL:llama-3-70b"]["curated"] == "merged \u201cLlama3 70B\u201d"
    assert nx.read_graphml(tmp_path / "g.graphml").nodes["MODEL:llama-3-70b"]["curated"]


def test_edits_replay_over_a_real_extraction(nlp, tmp_path):
    from graph.nlp.pipeline import shared_pipeline

    text = ("Meta released Llama 3 in April. Llama3 outperforms GPT-3.5 on MMLU.\n\n"
            "OpenAI developed GPT-3.5.\n")
    (tmp_path / "a.txt").write_text(text)
    from graph.ingest.corpus import load_corpus

    corpus = load_corpus([str(tmp_path)])
    extraction = run_job(extraction_job(corpus, nlp, shared_pipeline()[1]))
    g = extraction.graph
    models = {d["label"]: n for n, d in g.nodes(data=True) if d["type"] == "MODEL"}
    assert {"Llama 3", "GPT-3.5"} <= set(models)
    edits = [Edit(RENAME, EntityRef("MODEL", "Llama 3"), value="Llama 3 8B")]
    if "Llama3" in models:
        edits.insert(0, Edit(MERGE, EntityRef("MODEL", "Llama 3"), EntityRef("MODEL", "Llama3")))
    assert apply_edits(g, edits, extraction.documents) == []
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert "Llama 3 8B" in labels and "Llama 3" not in labels and "Llama3" not in labels
