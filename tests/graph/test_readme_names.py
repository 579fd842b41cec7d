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
