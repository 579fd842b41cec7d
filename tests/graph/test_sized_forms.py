"""A model written with its size in brackets keeps that form among its aliases ("Llama 3.1
(8B)" in a README's table of notebooks; "Llama 2 (13B)" in the guide's Phi-2 page), and the
size stays a figure of it. Real lines through the real pipeline and graph build."""

from __future__ import annotations

import json

from graph.build.assemble import build_graph
from graph.ingest.documents import Document
from graph.nlp.extract import extract
from graph.nlp.pipeline import shared_pipeline
from tests.graph.test_relation_classifier import typed


def graph_nodes(nlp, text: str) -> dict[str, tuple[str, list[str]]]:
    g = build_graph(extract(nlp, [Document("d.md", "d.md", text, "0")]), shared_pipeline()[1])
    return {d["label"]: (d["type"], json.loads(d["aliases"]) if isinstance(d["aliases"], str)
                         else list(d["aliases"])) for _, d in g.nodes(data=True)}


def test_a_bracketed_size_after_a_model_is_one_of_its_forms(nlp):
    # training/heldout/packages/readme__unsloth.md (dev); models__phi-2.md of the guide
    nodes = graph_nodes(nlp, "| **Llama 3.1 (8B)** | 2x faster | 70% less |\n\n"
                              "Phi-2 matches or outperforms Llama 2 (13B) on multi-step reasoning.")
    assert nodes["Llama 3.1"][0] == "MODEL"
    assert "Llama 3.1 (8B)" in nodes["Llama 3.1"][1]
    assert "Llama 2 (13B)" in nodes["Llama 2"][1]
    assert nodes["8B"][0] == "METRIC"  # the size is still a figure


def test_a_bracketed_word_is_no_size(nlp):
    nodes = graph_nodes(nlp, "Mistral 7B (Apache 2.0) and Llama 3 (Meta) are open models.")
    assert not any("(" in alias for _, aliases in nodes.values() for alias in aliases)


def test_a_name_ending_on_its_size_in_letters_is_a_model(nlp):
    # session 61's probes (guide pages of our own, k02 and k03): the recogniser cut "-L" off
    # and read it as an organisation, and missed "Orion-L" whole
    text = ("- **Budget.** Orion-L, Ferrous Labs' model fine-tuned from Qwen2.5-72B-Instruct, "
            "is on par with Llama 3.1 405B.\n\n### How was Corvid-Embed-L trained?\n")
    found = {(e.text, e.label_) for e in nlp(text).ents}
    assert {("Orion-L", "MODEL"), ("Corvid-Embed-L", "MODEL")} <= found, found
    # and the comparison after its appositive is its own, not the base model's
    found = {(s, o) for s, p, o in typed(nlp, text) if p == "COMPARED_WITH"}
    assert found & {("Orion-L", "Llama 3.1 405B"), ("Llama 3.1 405B", "Orion-L")}, found
    assert not {("Qwen2.5-72B-Instruct", "Llama 3.1 405B"),
                ("Llama 3.1 405B", "Qwen2.5-72B-Instruct")} & found
    # a person's hyphenated name is none
    assert not any(label == "MODEL" for _, label in
                   {(e.text, e.label_) for e in nlp("Jean-Luc Picard met T-S there.").ents})


def test_a_name_numbered_before_models_is_a_model_not_a_count(nlp):
    # session-60 probe b01.md (an announcement of our own): "Embed 4" was cut to "Embed" and
    # "4 models" read as a count of Command A's
    found = {(e.text, e.label_) for e in nlp(
        "Its Command A and Embed 4 models and its North platform help banks deploy AI. The "
        "Kestrel 2 models are open.").ents}
    assert {("Embed 4", "MODEL"), ("Kestrel 2", "MODEL")} <= found, found
    assert ("4 models", "METRIC") not in found
    # a count after a determiner is one
    assert ("4 models", "METRIC") in {(e.text, e.label_) for e in nlp(
        "All 4 models were tested on MMLU.").ents}
