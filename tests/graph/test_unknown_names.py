"""Names nothing else types, told by how they are written and their slot
(graph/nlp/components/unknown_names.py), on sentences of our announcements
(training/corpus/announcements), through the real pipeline."""

from __future__ import annotations

import pytest

from graph.nlp.components.defined_items import defined_items
from graph.nlp.components.tool_slots import language_words

# ``nlp``: the real pipeline, from tests/graph/conftest.py


def ents(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


def test_a_name_listed_with_names_of_one_type_takes_it(nlp):
    found = ents(nlp, "Both were trained with FlashAttention and ALiBi on the MosaicML platform.")
    assert {("FlashAttention", "METHOD"), ("ALiBi", "METHOD")} <= found


def test_a_name_found_once_is_typed_where_it_is_written_again(nlp):
    """"FAISS stores ..." types FAISS; the document's other "FAISS" follow."""
    doc = nlp("The pipeline uses retrieval-augmented generation (RAG) with a FAISS index. "
              "FAISS stores the vectors in an HNSW graph.")
    assert [e.label_ for e in doc.ents if e.text == "FAISS"] == ["PROJECT", "PROJECT"]


def test_a_capitalised_word_of_a_list_is_left_to_the_others(nlp):
    """"Wikisource" beside "Project Gutenberg": one capitalised word, not written as a name."""
    found = ents(nlp, "It draws on Project Gutenberg, Wikisource, government records and "
                      "permissively licensed code.")
    assert ("Project Gutenberg", "PROJECT") in found
    assert not any(name == "Wikisource" for name, _ in found)


def test_a_name_before_a_verb_of_scoring_and_a_figure_is_a_model(nlp):
    # m05_sakana_model_merge_blog.txt (training text): "EvoLLM-JP reaches 52.0% accuracy"
    # (the recogniser knew none of its three mentions); not a name scoring no figure
    doc = nlp("The result, EvoLLM-JP, is a 7B model. EvoLLM-JP reaches 52.0% accuracy, far "
              "ahead of its sources: Shisa Gamma 7B scores 9.6%.")
    assert [e.label_ for e in doc.ents if e.text == "EvoLLM-JP"] == ["MODEL", "MODEL"]
    assert not any(e.text == "KVQuant" for e in nlp("KVQuant reaches new users.").ents)


def test_a_capitalised_word_before_a_model_noun_names_a_family_of_models(nlp):
    # m07_acquisitions_news.txt (training text): neither name was typed, and with them went
    # five relations; a word of the language ("Viking") only listed with one that is none
    found = ents(nlp, "Silo AI, based in Helsinki, had trained the open Poro and Viking model "
                      "families together with the University of Turku on LUMI.")
    assert {("Poro", "MODEL"), ("Viking", "MODEL")} <= found, found
    assert ("Poro", "MODEL") in ents(nlp, "Silo AI released the Poro models.")
    # not the language's words, a people's or language's name, or a title's words
    # (eval__gdm_in_house_ctf.md, heldout-evals-dev: "published in Evaluating Frontier Models
    # for Dangerous Capabilities")
    found = ents(nlp, "We compare the English and Chinese models with Vision models. "
                      "It was first published in Evaluating Frontier Models for Dangerous "
                      "Capabilities. The Viking models were trained on LUMI.")
    assert not {name for name, label in found if label == "MODEL"} & \
        {"English", "Chinese", "Vision", "Evaluating", "Frontier", "Viking"}, found


def test_a_name_opening_a_sentence_before_what_software_does_is_a_project(nlp):
    found = ents(nlp, "FAISS stores the vectors in an HNSW graph; a query returns the top 50 "
                      "chunks in under 20 ms.")
    assert ("FAISS", "PROJECT") in found


@pytest.mark.parametrize("text", [
    # not the verb's subject (a name the recogniser does not know: it knows FAISS)
    "Quarry is fast, and it stores the vectors in an HNSW graph.",
    "The index stores the vectors in an HNSW graph.",  # a word of the language
])
def test_no_project_without_a_name_opening_the_sentence(nlp, text):
    assert not any(label == "PROJECT" for _, label in ents(nlp, text))


def test_a_name_before_a_techniques_lower_case_name_is_the_technique(nlp):
    text = ("We combine the dense results with BM25 keyword search, because product codes "
            "are often missed by embeddings alone.")
    assert ("BM25", "METHOD") in ents(nlp, text)


def test_what_a_products_part_comes_from_is_a_product(nlp):
    text = ("- Training uses the SFTTrainer from TRL, with PEFT for the adapters, "
            "FlashAttention-2 and gradient checkpointing.")
    assert {("SFTTrainer", "PROJECT"), ("TRL", "PROJECT")} <= ents(nlp, text)


@pytest.mark.parametrize("text, word", [
    ("Llama 3 was trained on 15 trillion tokens from Meta and GPU clusters.", "GPU"),
    ("The LLM stores the answer in memory.", "LLM"),
])
def test_a_generic_acronym_is_no_name(nlp, text, word):
    assert not any(name == word for name, _ in ents(nlp, text))


def test_a_list_item_defines_its_name(nlp):
    """graph/nlp/components/defined_items.py, on research__rag.md and research__llm-agents.md."""
    text = ("- **StepBack-prompt:** A prompting technique that enables LLMs to perform "
            "abstraction that produces concepts and principles that guide reasoning.\n")
    assert ("StepBack-prompt", "METHOD") in ents(nlp, text)
    text = ("- Phidata: a toolkit for building AI Assistants using function calling.\n"
            "- crewAI: AI agent framework reimagined for engineers, offering powerful "
            "capabilities with simplicity to build agents and automations.\n")
    assert {("Phidata", "PROJECT"), ("crewAI", "PROJECT")} <= ents(nlp, text)
    # session 53 probe d1 (a list of paper summaries of our own): the size is no kind
    text = ("- Quillon: A 13B parameter open model trained by Halden Research on 2T tokens; "
            "outperforms Llama 2 13B on most benchmarks (March 2024)\n")
    assert ("Quillon", "MODEL") in ents(nlp, text)


@pytest.mark.parametrize("text", [
    "- **Memory:** AI agents can store and retrieve information, allowing them to keep "
    "track of a conversation.\n",  # a word of the language: the item's topic
    "- **Separation of Concerns**: a framework of one agent per task.\n",  # lower-case inside
    "- AutoGPT: provides tools to build AI agents.\n",  # says what it does, not what it is
])
def test_an_item_that_defines_no_name_types_nothing(nlp, text):
    doc = nlp(text)
    assert defined_items(doc, [], set(), language_words(nlp)) == []


# session 61's probes (guide pages written and annotated before anything ran on them): k05
TUTORIAL = ("In this tutorial you will build **PolicyPal**, a small retrieval-augmented "
            "generation (RAG) app that answers employees' questions. PolicyPal runs on "
            "LlamaIndex and is powered by Anthropic's Claude 3.5 Haiku, with the voyage-3 "
            "model for embeddings.")


def test_a_kinds_noun_in_apposition_types_a_name_with_an_inner_capital(nlp):
    # past the bold and the acronym in brackets
    assert ("PolicyPal", "PROJECT") in ents(nlp, TUTORIAL)
    # an acronym is left: the appositive of "README" names a file, "OS" a system
    assert not {e for e in ents(nlp, "Read the README, the project's main tool.")
                if e[0] == "README"}


def test_a_lower_case_name_with_a_version_before_model_is_a_model(nlp):
    assert ("voyage-3", "MODEL") in ents(nlp, TUTORIAL)
    assert ("text-embedding-3-large", "MODEL") in ents(
        nlp, "Swap in the text-embedding-3-large model for higher recall.")
    # a size is no name
    assert not any(label == "MODEL" for _, label in ents(nlp, "A 7-layer model is enough."))
