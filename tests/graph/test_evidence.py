"""The sentences behind an entity or a relation (Copy Evidence, Open Source File)."""

from __future__ import annotations

import networkx as nx

from graph.explore.evidence import (
    Evidence,
    edge_evidence,
    evidence_documents,
    evidence_text,
    node_evidence,
)
from graph.ingest.documents import Document

TEXT_A = "Claude is made by Anthropic.  Claude writes\nwell. Nothing here."
TEXT_B = "Anthropic trained Claude."


def graph_and_documents():
    g = nx.MultiDiGraph()
    g.add_node("claude", label="Claude", occurrences=[
        ["a.txt", 0, 6, 0, 28], ["a.txt", 30, 36, 30, 49], ["a.txt", 30, 36, 30, 49],
        ["b.txt", 18, 24, 0, 25], ["gone.txt", 0, 6, 0, 10], "junk"])
    g.add_node("anthropic", label="Anthropic", occurrences=[])
    g.add_edge("claude", "anthropic", key="dep", evidence=[
        {"doc": "a.txt", "start": 0, "end": 28, "text": "Claude is made by Anthropic."},
        {"doc": "b.txt", "start": 0, "end": 25, "text": "Anthropic  trained Claude."},
        {"doc": "b.txt", "start": 0, "end": 25, "text": "Anthropic trained Claude."},
        "not a dict"])
    documents = {d: Document(d, f"/corpus/{d}", text, "x")
                 for d, text in (("a.txt", TEXT_A), ("b.txt", TEXT_B))}
    return g, documents


def test_a_node_s_evidence_is_each_sentence_of_its_mentions_once():
    g, documents = graph_and_documents()
    assert node_evidence(g, documents, "claude") == [
        Evidence("Claude is made by Anthropic.", "a.txt"),
        Evidence("Claude writes well.", "a.txt"),  # on one line
        Evidence("Anthropic trained Claude.", "b.txt")]


def test_without_its_documents_a_node_falls_back_to_its_relations():
    g, _ = graph_and_documents()
    assert node_evidence(g, {}, "anthropic") == edge_evidence(g, "claude", "anthropic", "dep")
    assert [e.doc for e in node_evidence(g, {}, "anthropic")] == ["a.txt", "b.txt"]


def test_clipboard_text_and_the_documents_by_weight():
    g, documents = graph_and_documents()
    evidence = node_evidence(g, documents, "claude")
    assert evidence_text(evidence).splitlines() == [
        '"Claude is made by Anthropic." \u2014 a.txt', '"Claude writes well." \u2014 a.txt',
        '"Anthropic trained Claude." \u2014 b.txt']
    assert evidence_documents(evidence) == ["a.txt", "b.txt"]
    assert evidence_text([Evidence("No source.", "")]) == '"No source."'
    assert evidence_text([]) == ""
