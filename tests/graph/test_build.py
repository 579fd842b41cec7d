"""The seeds become a graph with provenance on every node and edge."""

from __future__ import annotations

import re

import pytest

from graph.build.jobs import extraction_job
from graph.ingest.corpus import load_corpus
from graph.jobs import run_job
from graph.nlp.pipeline import shared_pipeline
from graph.nlp.records import VIA
from graph.paths import seeds_dir
from graph.schema import COOCCURRENCE


@pytest.fixture(scope="module")
def seeds_extraction():
    nlp, info = shared_pipeline()
    return run_job(extraction_job(load_corpus([seeds_dir()]), nlp, info))


def test_seeds_give_at_least_30_entities_with_provenance(seeds_extraction):
    g, docs = seeds_extraction.graph, seeds_extraction.documents
    assert g.number_of_nodes() >= 30
    for nid, data in g.nodes(data=True):
        assert nid.startswith(data["type"] + ":")
        assert data["mentions"] == len(data["occurrences"]) >= 1
        assert set(data["documents"]) == {o[0] for o in data["occurrences"]}
        forms = {data["label"].casefold(), *(a.casefold() for a in data["aliases"])}
        for doc_id, start, end, s_start, s_end in data["occurrences"]:
            text = docs[doc_id].text
            assert s_start <= start < end <= s_end
            surface = text[start:end].casefold()
            assert surface in forms or surface.removeprefix("the ") in forms


def test_every_edge_has_evidence_from_one_sentence(seeds_extraction):
    g, docs = seeds_extraction.graph, seeds_extraction.documents
    assert g.number_of_edges() > 0
    for u, v, data in g.edges(data=True):
        assert data["evidence"], (u, v)
        assert data["weight"] == len(data["evidence"]) or data["method"] != COOCCURRENCE
        for ev in data["evidence"]:
            sentence = docs[ev["doc"]].text[ev["start"]:ev["end"]]
            assert " ".join(sentence.split()) == ev["text"]
            inside = [any(o[0] == ev["doc"] and ev["start"] <= o[1] < ev["end"]
                          for o in g.nodes[node]["occurrences"]) for node in (u, v)]
            # both ends are mentioned inside the evidence sentence, except an end the
            # sentence refers to: "we" (the document's author), the entity a heading, an
            # earlier sentence or a list's introduction names ("It outperforms ...",
            # "Released by Meta AI"), the maker a product's name opens with
            if ev.get("via") == "we":  # or a headline the author speaks: "Introducing X"
                assert re.search(r"\b(we|our|us|ours)\b|^\s*\w+ing\b", sentence,
                                 re.IGNORECASE), sentence
            if ev.get("via"):
                assert ev["via"] in VIA and any(inside), ev
                outside = (u, v)[inside.index(False)] if not all(inside) else u
                assert any(o[0] == ev["doc"] for o in g.nodes[outside]["occurrences"])
            else:
                assert all(inside), (u, v, ev)


def test_graph_records_the_pipeline(seeds_extraction):
    meta = seeds_extraction.graph.graph
    assert meta["pipeline"] == shared_pipeline()[1].name
    assert meta["pipeline_version"] and meta["spacy_version"].startswith("3.8")
    assert [s["id"] for s in meta["sources"]] == sorted(s["id"] for s in meta["sources"])
