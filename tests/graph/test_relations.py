"""Typed relations from the dependency parse: label, direction, and only what the grammar says."""

from __future__ import annotations

import pytest

from graph.ingest.documents import Document
from graph.nlp.extract import extract
from graph.nlp.relations import dependency_relations


def relations(nlp, text: str) -> set[tuple[str, str, str]]:
    doc = nlp(text)
    return {(text[r.source[0]:r.source[1]], r.relation, text[r.target[0]:r.target[1]])
            for r in dependency_relations(doc, "a.txt")}


@pytest.mark.parametrize("text, expected", [
    # The short form after the full name, as the announcement has it (alone, a name the
    # statistical model can only guess an ORG for is not an entity).
    ("Claude Mythos Preview is our newest model. Mythos Preview has already found thousands "
     "of high-severity vulnerabilities.",
     ("Mythos Preview", "find", "thousands of high-severity vulnerabilities")),
    ("Project Glasswing is powered by Claude Mythos Preview.",
     ("Project Glasswing", "powered by", "Claude Mythos Preview")),
    ("Meta is releasing Llama 3.1 405B, the largest open model.",
     ("Meta", "release", "Llama 3.1 405B")),
    ("To create Claude, Anthropic first makes an autocomplete engine.",
     ("Anthropic", "create", "Claude")),
    ("You might recall Project Vend, in which Claude ran a small business.",
     ("Claude", "run in", "Project Vend")),
    ("We used Anthropic Interviewer—a version of Claude prompted to interview people.",
     ("Anthropic Interviewer", "version of", "Claude")),
    ("Microsoft announced a partnership with Hugging Face.",
     ("Microsoft", "announce partnership with", "Hugging Face")),
    ("The Allen Institute for AI released OLMo 2, a fully open model trained on 5 trillion tokens.",
     ("OLMo 2", "trained on", "5 trillion tokens")),
])
def test_typed_relations_read_true(nlp, text, expected):
    assert expected in relations(nlp, text)


def test_direction_runs_from_subject_to_object(nlp):
    found = relations(nlp, "Anthropic partnered with Cisco.")
    # the small model parses this as "Anthropic [partnered with Cisco]" (a participle) or as
    # a clause; either way the edge runs from Anthropic to Cisco
    assert {(s, label.split()[0][:7], t) for s, label, t in found} == {
        ("Anthropic", "partner", "Cisco")}


def test_negation_is_part_of_the_label(nlp):
    assert ("Anthropic", "not use", "GPT-4o") in relations(nlp, "Anthropic did not use GPT-4o.")


def test_we_is_not_an_entity_and_makes_no_relation(nlp):
    assert relations(nlp, "We partnered with Apple, Cisco and NVIDIA.") == set()


def test_a_mis_parsed_participle_does_not_borrow_the_subject(nlp):
    text = "First, Opus 3 will continue to be available to all paid Claude subscribers."
    assert not any(label == "pay" for _, label, _ in relations(nlp, text))


def test_no_relations_without_a_parse():
    import spacy

    from graph.nlp.relations import sentence_relations

    blank = spacy.blank("en")
    doc = blank("Anthropic partnered with Cisco.")
    assert list(dependency_relations(doc, "a.txt")) == []
    assert callable(sentence_relations)


def extracted(nlp, text: str, chunk_chars: int = 10_000) -> set[tuple[str, str, str, str]]:
    [result] = extract(nlp, [Document("a.txt", "a.txt", text, "x")], chunk_chars=chunk_chars)
    return {(text[r.source[0]:r.source[1]], r.relation, text[r.target[0]:r.target[1]], r.via)
            for r in result.relations}


@pytest.mark.parametrize("chunk_chars", [10_000, 60])  # the author may be in another chunk
def test_we_is_the_author_named_by_the_announcement(nlp, chunk_chars):
    text = ("New Anthropic research: emotion vectors.\n\n"
            "We've partnered with Amazon Web Services, Apple and Cisco.\n\n"
            "It found thousands of vulnerabilities.")
    found = extracted(nlp, text, chunk_chars)
    partners = {t for s, rel, t, via in found if s == "Anthropic" and rel == "partner with"
                and via == "we"}
    assert partners == {"Amazon Web Services", "Apple", "Cisco"}
    assert not any(via and s != "Anthropic" for s, _, _, via in found)


@pytest.mark.parametrize("text", [
    # no organization names itself: "we" stays unresolved
    "We've partnered with Amazon Web Services and Apple.",
    # two candidate authors: ambiguous, so nobody
    "OpenAI today released GPT-5. Google announced Gemini 3. We've partnered with Apple.",
])
def test_we_stays_unresolved_without_a_single_author(nlp, text):
    assert not [r for r in extracted(nlp, text) if r[3]]
