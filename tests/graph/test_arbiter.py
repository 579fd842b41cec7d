"""Where the rules' typing outranks the trained recogniser's (graph/nlp/components/arbiter.py),
on sentences of our announcements (training/corpus/announcements, which the recogniser never
learns from): the recogniser's guess is the span a candidate recogniser gave, typed as it
typed it; the rules must put it right, and keep deciding nothing where they know nothing."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from graph.nlp.components.arbiter import (
    DOMAIN,
    RULE_TIE,
    RULER,
    SHAPE,
    choose,
    guesses,
    retype_guesses,
    retype_lists,
)
from graph.nlp.components.benchmarks import benchmark_spans
from graph.nlp.components.whole_names import whole_name

# ``nlp``: the real pipeline, from tests/graph/conftest.py


def guess(doc, name: str, label: str) -> Span:
    """The recogniser's span over the first occurrence of ``name``, typed ``label``."""
    start = doc.text.index(name)
    span = doc.char_span(start, start + len(name), label=label)
    assert span is not None, name
    return span


def retyped(doc, name: str, label: str) -> list[tuple[str, str]]:
    span = guess(doc, name, label)
    return [(s.text, s.label_) for s in retype_guesses([span], guesses([(DOMAIN, span)]))]


@pytest.mark.parametrize("text, name, label, expected", [
    ("HushKV now runs across Halcyon Cloud, which serves 2 billion tokens a day.",
     "Halcyon Cloud", "METHOD", "PROJECT"),  # a product's last word
    ("Kairos Chat is powered by Meridian 3 Flash, a smaller version of the model.",
     "Kairos Chat", "ORG", "PROJECT"),
    ("Databricks agreed to acquire MosaicML, the San Francisco start-up behind the open MPT "
     "models, for about $1.3 billion.", "MPT", "PROJECT", "MODEL"),  # a model noun after it
])
def test_a_product_word_or_a_model_noun_types_the_recognisers_guess(nlp, text, name, label,
                                                                  expected):
    assert retyped(nlp(text), name, label) == [(name, expected)]


@pytest.mark.parametrize("text, name, label", [
    ("Tessellate AI, the Toronto-based startup backed by Lakeshore Ventures, on Thursday "
     "released Tessera-R 24B.", "Thursday", "ORG"),  # a day
    ("Each buyer wanted people who know how to train and serve models at scale.",
     "scale", "ORG"),  # lower-case words
    ("Northwind AI's Cirrus 4 has taken first place. The Seattle lab released the model two "
     "weeks ago.", "Seattle lab", "ORG"),  # a common noun ends it
    ("It was pretrained on ReelText, a corpus of 4.1 trillion image, video and text tokens.",
     "4.1 trillion", "MODEL"),  # a number
    ("We are also joining Project Keel, an open effort to draft common permission standards.",
     "joining", "METHOD"),  # a verb
])
def test_what_is_no_name_is_dropped_from_the_recognisers_guesses(nlp, text, name, label):
    assert retyped(nlp(text), name, label) == []


def test_the_recogniser_keeps_the_guesses_the_rules_have_no_opinion_on(nlp):
    doc = nlp("HushKV builds on KIVI, keeping its per-channel quantization of keys.")
    assert retyped(doc, "KIVI", "METHOD") == [("KIVI", "METHOD")]
    # a model's variant is not a product's last word; a lower-case METHOD is a technique
    doc = nlp("Step-2 entered at fifth; Athene-V2-Chat slipped to sixth.")
    assert retyped(doc, "Athene-V2-Chat", "MODEL") == [("Athene-V2-Chat", "MODEL")]
    doc = nlp("We combine the dense results with BM25 keyword search.")
    assert retyped(doc, "keyword search", "METHOD") == [("keyword search", "METHOD")]
    doc = nlp("The 4o image generation is accessible with these models:")
    assert retyped(doc, "4o image generation", "PROJECT") == [("4o image generation", "PROJECT")]
    # a model's id the tagger reads as a verb at the start of a table row is no verb
    # (training/corpus/evals/eval__ifevalcode.md)
    doc = nlp("| gpt-5.2              | 200     | 19.0%            | 45.0%       | 31.0%  |\n")
    assert doc[1].tag_.startswith("VB")
    assert retyped(doc, "gpt-5.2", "MODEL") == [("gpt-5.2", "MODEL")]


def test_a_rules_span_on_the_same_words_outranks_the_recognisers_type(nlp):
    doc = nlp("Northwind AI's Cirrus 4 has taken first place on the LMSYS Chatbot Arena.")
    mine, rule = guess(doc, "Northwind AI", "PROJECT"), guess(doc, "Northwind AI", "ORG")
    assert [s.label_ for s in choose([(DOMAIN, mine), (RULE_TIE, rule)])] == ["ORG"]
    # but only ties: a longer name the recogniser found stays whole
    longer = guess(doc, "Northwind AI's Cirrus 4", "MODEL")
    assert [s.text for s in choose([(RULE_TIE, rule), (DOMAIN, longer)])] == [longer.text]


def test_a_list_the_patterns_type_retypes_any_guess_of_the_recogniser(nlp):
    doc = nlp("- OrthoLoRA outperforms standard LoRA, DoRA and PiSSA on every task the team "
              "tested.")
    bounds = _bounds(doc, "LoRA", after=doc.text.index("standard"))
    lora = Span(doc, *bounds, label="METHOD", span_id="lora")
    spans = [(SHAPE, guess(doc, "OrthoLoRA", "METHOD")), (RULER, lora),
             (DOMAIN, guess(doc, "DoRA", "DATASET")), (DOMAIN, guess(doc, "PiSSA", "METHOD"))]
    assert [(s.text, s.label_) for _, s in retype_lists(spans)][2:] == [
        ("DoRA", "METHOD"), ("PiSSA", "METHOD")]


def _bounds(doc, name: str, after: int) -> tuple[int, int]:
    start = doc.text.index(name, after)
    span = doc.char_span(start, start + len(name))
    return span.start, span.end


@pytest.mark.parametrize("text, name", [
    ("- 64.0% on Video-MME, on par with Qwen2-VL-72B", "Video-MME"),
    ("All four models were evaluated on TruthfulQA and on SEA-Jailbreak, a new set of 2,000 "
     "adversarial prompts.", "SEA-Jailbreak"),
    ("- Nemotron-4-340B-Instruct reaches 54.2 on Arena-Hard and 8.22 on MT-Bench.",
     "Arena-Hard"),
])
def test_a_benchmarks_slot_retypes_any_guess_of_the_recogniser(nlp, text, name):
    doc = nlp(text)
    span = guess(doc, name, "METHOD")
    chosen = [e for e in doc.ents if e.end <= span.start or e.start >= span.end] + [span]
    chosen.sort(key=lambda s: s.start)
    ons = [t.i for t in doc if t.lower_ == "on"]
    found = benchmark_spans(doc, chosen, set(), whole_name, ons, {(span.start, span.end)})
    assert (name, "DATASET") in {(s.text, s.label_) for s in found}
    # a technique the rules derived keeps its type
    found = benchmark_spans(doc, chosen, set(), whole_name, ons, set())
    assert (name, "METHOD") in {(s.text, s.label_) for s in found}
