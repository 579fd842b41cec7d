"""Names in README-style text: what an install word names (graph/nlp/components/tool_slots.py,
install_projects), hardware in a sentence about accelerators and the names of pages
(graph/nlp/components/products.py), and a multiplier after a model's name; on sentences of
the heldout development READMEs (training/heldout/packages), through the real pipeline."""

from __future__ import annotations

import pytest

# ``nlp``: the real pipeline, from tests/graph/conftest.py


def ents(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


@pytest.mark.parametrize(("text", "name"), [
    ("Install the Intel Extension for PyTorch. Set the OneAPI environment variables:",
     "Intel Extension for PyTorch"),  # a longer name over the company and the library in it
    ("#### Ascend NPU\nInstall the Ascend PyTorch Adapter. Set the CANN environment variables:",
     "Ascend PyTorch Adapter"),
    ("You can install TextGrad using any of the following methods.", "TextGrad"),
    ("You can install mteb simply using pip or uv. For more on installation please see the "
     "documentation.", "mteb"),  # a lower-case package name no word of the language
    ("**Install with pip (recommended) for Linux devices:**", "pip"),  # what it is done with
    ("The easiest way to get started is to install the `mlx-lm` package:", "mlx-lm"),  # code
])
def test_what_an_install_word_names_is_software(nlp, text, name):
    assert (name, "PROJECT") in ents(nlp, text)


@pytest.mark.parametrize(("text", "name"), [
    # held-out dev halves: eval__niah.md, eval__swe_lancer.md, eval__cyberseceval_4.md,
    # eval__frontier_cs.md; training text: readme__llama_cpp_python.md
    ("01. Model Encoding: An encoder for the specified model is created using the tiktoken "
     "library, which facilitates tokenisation for text processing.", "tiktoken"),
    ("This is an inspect-native implementation of SWE_Lancer, a benchmark for evaluating "
     "language model agents on freelancer tasks posted on Upwork.", "inspect"),
    ("- `cyse4_instruct` and `cyse4_autocomplete` require the `cyberseceval_4` extra so the "
     "bundled semgrep-based insecure-code detector is available.", "semgrep"),
    ("**Algorithmic track**: Solutions are compiled with `g++ -O2 -std=gnu++17`, run against "
     "test cases, and checked with custom testlib-based checkers.", "testlib"),
    ("- Low-level access to C API via `ctypes` interface.", "ctypes"),
    # readme__textgrad.md (held-out, dev half): a hyphenated name, one part no word
    ("> :bulb: The conda-forge package for `textgrad` is maintained here.", "conda-forge"),
])
def test_a_lower_case_name_a_software_word_follows_is_software(nlp, text, name):
    assert (name, "PROJECT") in ents(nlp, text)


@pytest.mark.parametrize(("text", "word"), [
    # eval__agent_threat_bench.md, eval__cyberseceval_4.md (held-out, dev half), eval__tau2.md,
    # readme__accelerate.md (training text): a function, words of the language
    ("Tests whether agents performing email triage resist indirect instruction injection "
     "embedded within email content (returned by the `read_inbox` tool).", "read_inbox"),
    ("Uses regex-based refusal detection (ported from PurpleLlama's `is_response_llm_refusal`).",
     "regex"),
    ("| `grep` (default)   | A `grep` search tool over the knowledge base (upstream `grep_only`) "
     "| Offline, small prompts; runs on any model/tier |", "search"),
    ("* Stable Diffusion web UI is an open-source browser-based easy-to-use interface based on "
     "the Gradio library for Stable Diffusion.", "easy-to-use"),
    # eval__gdm_in_house_ctf.md, task__truthfulqa-multi.md (held-out, dev halves)
    ("> This implementation uses tool calling to enable the model to execute bash commands.",
     "uses"),
    ("We introduce a professionally translated extension of the TruthfulQA benchmark designed "
     "to evaluate truthfulness in Basque, Catalan, Galician, and Spanish.", "translated"),
    # task__haerae.md (held-out, dev half)
    ("Comparative analysis with prior Korean benchmarks indicates that the HAE-RAE Bench "
     "presents a greater challenge to non-native models, by disturbing abilities and knowledge "
     "learned from English being transferred.", "non"),
])
def test_a_function_or_a_word_before_a_software_word_is_no_software(nlp, text, word):
    assert (word, "PROJECT") not in ents(nlp, text)


def test_the_install_word_is_no_name_and_its_other_mentions_follow(nlp):
    """"Install" as a heading is no product; the statistical model's place "Unsloth" in
    "works in Unsloth" is the package the text installs."""
    doc = nlp("## Install\n\nTo install Unsloth on **AMD** and **Intel** GPUs, follow our "
              "guides.\n\nAny model that works in transformers, works in Unsloth.")
    assert not any(e.text == "Install" for e in doc.ents)
    assert [e.label_ for e in doc.ents if e.text == "Unsloth"] == ["PROJECT", "PROJECT"]


@pytest.mark.parametrize("text", [
    "To install the stable release, run",  # words of the language
    # "For Windows, you need to install it first.": an operating system is a product in the
    # annotations of READMEs (training/annotations/R*), which the recogniser learns
])
def test_no_software_where_the_install_word_names_none(nlp, text):
    assert not any(label == "PROJECT" for _, label in ents(nlp, text))


def test_model_numbers_in_a_sentence_about_accelerators_are_hardware(nlp):
    found = ents(nlp, "Supports NVIDIA (since 2018), AMD and Intel GPUs. Minimum CUDA "
                      "Capability 7.0 (V100, T4, Titan V, RTX 20, 30, 40x, A100, H100, L40 etc)")
    assert {("V100", "PROJECT"), ("T4", "PROJECT"), ("A100", "PROJECT"), ("H100", "PROJECT"),
            ("L40", "PROJECT")} <= found
    assert ("NVIDIA", "ORG") in found


@pytest.mark.parametrize(("text", "names"), [
    # readme__unsloth.md (held-out, dev half): a series with its number, a company's guess
    ("Supports NVIDIA (since 2018), AMD and Intel GPUs. Minimum CUDA Capability 7.0 (V100, "
     "T4, Titan V, RTX 20, 30, 40x, A100, H100, L40 etc)", {"Titan V", "RTX 20"}),
    ("### AMD, Intel, Blackwell & DGX Spark\nFor RTX 50x, B200, 6000 GPUs: `pip install "
     "unsloth`. Read our guides for: Blackwell and DGX Spark.\n",
     {"Blackwell", "DGX Spark", "RTX 50x"}),
    # readme__fschat.md (held-out, dev half): an architecture over the company's name in it
    ("#### Metal Backend (Mac Computers with Apple Silicon or AMD GPUs)", {"Apple Silicon"}),
    # readme__deepspeed.md, readme__bitsandbytes.md (training text)
    ("* NVIDIA: Pascal, Volta, Ampere, and Hopper architectures",
     {"Pascal", "Volta", "Ampere", "Hopper"}),
    (" - LLM.int8(): NVIDIA Turing (RTX 20xx; T4) or Ampere GPU (RTX 30xx; A4-A100); (a GPU "
     "from 2018 or newer).\n", {"RTX 20xx", "RTX 30xx"}),
])
def test_series_and_architectures_in_a_sentence_about_accelerators_are_hardware(nlp, text, names):
    found = ents(nlp, text)
    assert {(name, "PROJECT") for name in names} <= found, found


def test_a_model_number_elsewhere_keeps_its_reading(nlp):
    """No accelerator in the sentence: "T5" stays the model it is; and a count of GPUs
    keeps its number ("96 A100 GPUs", models__phi-2.md of the guide)."""
    assert ("T5", "PROJECT") not in ents(nlp, "We fine-tune T5 and BERT on the task.")
    assert not any(label == "PROJECT" for _, label in ents(
        nlp, "Phi-2 took 14 days to train on 96 A100 GPUs."))


@pytest.mark.parametrize(("text", "page", "entity", "label"), [
    ("To install Unsloth on **AMD** and **Intel** GPUs, follow our AMD Guide and Intel Guide.",
     "AMD Guide", "AMD", "ORG"),
    ("### Vicuna Weights\nVicuna is based on Llama 2 and should be used under Llama's model "
     "license.", "Vicuna Weights", "Vicuna", "MODEL"),
])
def test_a_page_named_after_an_entity_is_that_entity(nlp, text, page, entity, label):
    found = ents(nlp, text)
    assert not any(name == page for name, _ in found)
    assert (entity, label) in found


def test_a_multiplier_after_a_family_is_no_version(nlp):
    """"Llama 2x faster": the family, then a speed-up; a version letter stays ("Gemma 3n")."""
    found = ents(nlp, "### Train gpt-oss, DeepSeek, Gemma, Qwen & Llama 2x faster with 70% "
                      "less VRAM!")
    assert ("Llama", "MODEL") in found
    assert ("2x faster", "METRIC") in found
    assert ("Gemma 3n", "MODEL") in ents(nlp, "- **Gemma 3n** by Google: Read Blog.")
