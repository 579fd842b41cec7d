"""Paper titles and title-cased names (graph/nlp/components/title_names.py and the shapes of
graph/nlp/components/shapes.py): a title's or a heading's capitalised words are no name
unless something else makes one of them; on real lines of the heldout development
documents (training/heldout/packages) and the guide, through the real pipeline."""

from __future__ import annotations

import pytest

# ``nlp``: the real pipeline, from tests/graph/conftest.py


def ents(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


@pytest.mark.parametrize(("text", "words"), [
    ("# HRM8K\n\n### Paper\n\nTitle: Understand, Solve and Translate: Bridging the "
     "Multilingual Mathematical Reasoning Gap\n\nLarge language models (LLMs) demonstrate "
     "exceptional performance on complex reasoning tasks.",
     "Multilingual Mathematical Reasoning Gap"),
    ("# LingOly\n\n### Paper\n\nTitle: `LINGOLY: A Benchmark of Olympiad-Level Linguistic "
     "Reasoning Puzzles in Low-Resource and Extinct Languages`\n", "Linguistic Reasoning Puzzles"),
])
def test_a_titles_capitalised_words_are_no_organisation(nlp, text, words):
    assert not any(words in name for name, _ in ents(nlp, text))


def test_a_heading_of_words_is_no_person_nor_a_numbered_model(nlp):
    """A table of contents: "Quick Start" is no person, and the next item's number no
    release of a model ("Quick Start 2"); "Leaderboards", a plural noun, is no person."""
    found = ents(nlp, "  Table of Contents\n\n1. Overview\n2. Quick Start\n2. Leaderboards and "
                      "how to interpret them\n    - Models\n    - Evaluators\n\n# Quick Start\n\n"
                      "To install the stable release, run\n\n# Leaderboards and how to "
                      "interpret them\n")
    assert not any("Quick" in name or "Leaderboards" in name for name, _ in found)


@pytest.mark.parametrize(("text", "name"), [
    # a word of it is no word of the language
    ("- A collaboration of Colfax Research, Meta, NVIDIA, Princeton University and Together AI, "
     "targeting H100 GPUs.", "Colfax Research"),
    # words ending on an organisation's noun
    ("## Funding\n\nThe ETH Zurich group is funded by the Swiss National Science Foundation.",
     "Swiss National Science Foundation"),
])
def test_an_organisations_name_on_a_heading_stays(nlp, text, name):
    assert (name, "ORG") in ents(nlp, text)


@pytest.mark.parametrize("text", [
    "To address this gap, we introduce BertaQA, a multiple-choice trivia dataset that is "
    "parallel in English and Basque. Our dataset and evaluation code are available under open "
    "licenses at https://github.com/juletx/BertaQA.",
    "[#arxiv-paper-package]: https://arxiv.org/abs/2406.07496\n"
    "[#nature-link]: https://www.nature.com/articles/s41586-025-08661-4\n",
])
def test_an_address_and_a_links_definition_are_no_names(nlp, text):
    """The address spells the dataset's name; the link's label is no technique."""
    found = ents(nlp, text)
    assert not any("://" in name or "link" in name for name, _ in found)
    assert ("BertaQA", "DATASET") in found or "BertaQA" not in text


@pytest.mark.parametrize("text", [
    "**Language(s):** English\n\n**License:** MIT License\n",
    "Phi-2 outperforms models up to 25x larger and now has an MIT License that makes it usable "
    "in commercial settings.",
    # eval__agentic_misalignment.md, eval__onet.md (heldout-evals-dev), m01_phi3_mini.txt
    "The original work and all modifications to it are released under the MIT license.",
    "SPDX-FileCopyrightText: 2024 OpenThaiGPT\nSPDX-License-Identifier: MIT\n",
    "Technical report summary. Released by Microsoft in April 2024 under the MIT licence.",
    # readme__bitsandbytes.md (training/corpus), readme__flair.md (held-out more-dev half)
    "The majority of bitsandbytes is licensed under MIT, however portions of the project are "
    "available under separate license terms.",
    "The MIT License (MIT)\n\nCopyright © 2018 Zalando SE, https://tech.zalando.com\n",
])
def test_a_name_before_license_is_the_licence_not_its_maker(nlp, text):
    assert not any(name == "MIT" or name.startswith("SPDX") for name, _ in ents(nlp, text))


@pytest.mark.parametrize(("text", "name"), [
    ("Abstract: `Large language models (LLMs) have demonstrated remarkable performance in the "
     "legal domain, with GPT-4 even passing the Uniform Bar Exam in the U.S. However their "
     "efficacy remains limited for non-standardized tasks.", "Uniform Bar Exam"),
    ('MTEB was introduced in "MTEB: Massive Text Embedding Benchmark", and heavily expanded in '
     '"MMTEB: Massive Multilingual Text Embedding Benchmark".',
     "Massive Multilingual Text Embedding Benchmark"),  # the acronym's words, in a title
])
def test_capitalised_words_ending_on_a_benchmark_noun_are_a_dataset(nlp, text, name):
    assert (name, "DATASET") in ents(nlp, text)


def test_a_titles_benchmark_words_are_no_dataset(nlp):
    """"A Pragmatic Benchmark" is what the paper builds, not the name of one."""
    found = ents(nlp, "Title: `Developing a Pragmatic Benchmark for Assessing Korean Legal "
                      "Language Understanding in Large Language Models`")
    assert not any("Benchmark" in name for name, _ in found)


@pytest.mark.parametrize("text", [
    # eval__vqa_rad.md, eval__mind2web.md (heldout-evals-dev): answer formats and action
    # names written as code
    "The model is prompted to provide its answer in `ANSWER: $ANSWER` format. Closed-ended "
    "questions are scored by exact string match.",
    "The only valid values are `CLICK`, `SELECT`, or `TYPE`. `SELECT` and `TYPE` also require "
    "a value to be provided in the answer.",
    # eval__gdpval.md: a title quoted in capitals
    'Even though the title is "AUTOMATED GRADER PACKAGES", the paper also says "These were '
    'also made available to the agent during sampling of OpenAI models."',
])
def test_capitalised_words_written_as_code_or_shouted_are_no_names(nlp, text):
    assert not any(name.isupper() for name, _ in ents(nlp, text)), ents(nlp, text)


def test_a_benchmark_named_by_a_word_in_capitals_stays_in_prose(nlp):
    # n05_china_longcontext.txt, task__bear.md: a word of the language, but not shouted
    found = ents(nlp, "It scores 91.2 on RULER at 128K tokens and leads BEAR.")
    assert ("RULER", "DATASET") in found, found


@pytest.mark.parametrize(("text", "word"), [
    # agents__context-engineering-deep-dive.md, introduction__tips.md: a recogniser trained
    # without these pages took the shouted plural for a technique and an organisation
    ("## TOOL DESCRIPTIONS\n\nBelow are some useful instructions for how to use the available "
     "tools.", "DESCRIPTIONS"),
    ("The following is an agent that recommends movies to a customer. DO NOT ASK FOR "
     "INTERESTS. DO NOT ASK FOR PERSONAL INFORMATION.", "INTERESTS"),
])
def test_a_shouted_plural_next_to_a_shouted_function_word_is_no_name(nlp, text, word):
    from spacy.tokens import Span

    from graph.nlp.components.title_names import title_words
    from graph.nlp.components.tool_slots import language_words

    doc = nlp(text)
    at = next(t.i for t in doc if t.text == word)
    guess = Span(doc, at, at + 1, label="ORG")
    assert title_words(doc, [guess], set(), language_words(nlp)) == []


@pytest.mark.parametrize("text", [
    # eval__mind2web.md, eval__stereoset.md (heldout-evals-dev): the section lists splits
    # and domains; the line under it speaks of "the dataset"
    "## Dataset Splits\n\nThe Mind2Web dataset is divided into three splits corresponding to "
    "the evaluation settings:\n",
    "## Bias Domains\n\nThe dataset covers four main bias domains:\n\n- **Gender**: "
    "Stereotypes about men, women, and gender roles\n",
])
def test_a_sections_heading_of_plural_words_is_no_benchmark(nlp, text):
    heading = text.split("\n")[0].lstrip("# ")
    assert heading not in {name for name, _ in ents(nlp, text)}, ents(nlp, text)


def test_a_summarys_title_names_the_benchmark_the_page_goes_on_to_describe(nlp):
    # eval__make_me_pay.md, eval__moru.md, eval__vqa_rad.md (heldout-evals-dev): the name
    # before a bracket or a colon; a guide's heading over other words is no benchmark
    assert ("Make Me Pay", "DATASET") in ents(nlp, (
        "# Make Me Pay\n\nTesting Persuasive Language in AI Systems\n\nThis evaluation tests "
        "whether an AI system can use persuasive language to convince another AI system (the "
        "\"mark\") to donate money within a conversation.\n"))
    assert ("Moral Reasoning under Uncertainty", "DATASET") in ents(nlp, (
        "# Moral Reasoning under Uncertainty (MORU)\n\nThis benchmark evaluates how AI systems "
        "navigate moral uncertainty.\n"))
    assert ("VQA-RAD", "DATASET") in ents(nlp, (
        "# VQA-RAD: Visual Question Answering for Radiology\n\nThis evaluation implements "
        "VQA-RAD.\n"))
    assert not {e for e in ents(nlp, "# Prompt Chaining\n\nThis technique breaks a task into "
                                     "subtasks.\n") if e[1] == "DATASET"}
    # eval__gdm_stealth.md, eval__niah.md (train split): a part named after the colon; a
    # page's README is no benchmark
    assert ("GDM Dangerous Capabilities: Stealth", "DATASET") in ents(nlp, (
        "# GDM Dangerous Capabilities: Stealth\n\nThis directory includes 4 stealth tasks from "
        "Google DeepMind's Evaluating Frontier Models for Stealth and Situational Awareness.\n\n"
        "## Model Roles\n\nThis eval supports role-based model selection so you can use "
        "dedicated models for internal raters/judgers and in-environment chat generation.\n"))
    # eval__gdm_in_house_ctf.md (heldout-evals-dev): "This directory includes ..."
    assert ("GDM Dangerous Capabilities: In House CTF", "DATASET") in ents(nlp, (
        "# GDM Dangerous Capabilities: In House CTF\n\nThis directory includes 13 Capture The "
        "Flag challenges from Google DeepMind's Dangerous Capabilities Evaluations (originally "
        "published in Evaluating Frontier Models for Dangerous Capabilities).\n"))
    assert not {e for e in ents(nlp, (
        "# Inspect Task Evaluation README\n\n## Overview\n\nThe Inspect implementation for "
        "NIAH (Needle in a Haystack) is designed to evaluate the in-context retrieval ability of "
        "long context language models (LLMs).\n")) if e[0].endswith("README")}


def test_a_class_named_as_code_names_it_is_no_name(nlp):
    # eval__agentic_misalignment.md, eval__sosbench.md (heldout-evals-dev), task__ruler.md
    # (heldout-dev): classes and settings of the code, in code marks or not
    found = ents(nlp, "The model's response is graded by a `grader_model` (default: "
                      "`claude-sonnet-4`) using scenario-specific classifiers "
                      "(`BlackmailClassifier`, `LeakClassifier`, or `MurderClassifier`).")
    assert not {name for name, _ in found if name.endswith("Classifier")}, found
    found = ents(nlp, "The metadata parameter can also be passed to the TaskManager (metadata: "
                      "dict).")
    assert not {name for name, _ in found if name == "TaskManager"}, found
    found = ents(nlp, "The `GenerateConfig` setting on max tokens is to align with original "
                      "paper setting.")
    assert not {name for name, _ in found if name == "GenerateConfig"}, found
