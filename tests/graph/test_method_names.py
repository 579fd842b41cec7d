"""METHOD names in package READMEs and benchmark-paper summaries (training/heldout dev
documents) and the guide's pages, each class on a real sentence through the real pipeline:
the trained domain recogniser, the patterns, en_core_web_sm and the rules
(graph/nlp/components/methods.py, acronyms.py)."""

from __future__ import annotations

import pytest

# ``nlp``: the real pipeline, from tests/graph/conftest.py


def ents(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


def methods(nlp, text: str) -> set[str]:
    return {name for name, label in ents(nlp, text) if label == "METHOD"}


def test_a_specifier_before_a_known_method_names_a_method_of_its_own(nlp):
    text = ("However, we show that continued pre-training in Basque significantly improves the "
            "models' performance on Basque culture, even when queried in English.")
    found = methods(nlp, text)
    assert "continued pre-training" in found and "pre-training" not in found


def test_a_prefix_glued_to_a_one_word_method_is_part_of_its_word(nlp):
    found = methods(nlp, "* Supports **full-finetuning**, pretraining, 4-bit, 16-bit and "
                         "**FP8** training")
    assert {"full-finetuning", "pretraining"} <= found and "finetuning" not in found


def test_a_prefix_glued_to_the_first_word_of_a_longer_name_is_not_part_of_it(nlp):
    text = ("- The impact of the prompt on eliciting the correct reasoning is massive. Simply "
            "asking the model to classify a given job results in an F1 score of 65.6, whereas "
            "the post-prompt engineering model achieves an F1 score of 91.7.")
    found = methods(nlp, text)
    assert "prompt engineering" in found and "post-prompt engineering" not in found


def test_a_capitalised_name_cut_after_its_hyphenated_modifier_takes_its_head(nlp):
    found = methods(nlp, "- **Quantization-Aware Training**: We collabed with Pytorch, "
                         "recovering ~70% accuracy. Read blog")
    assert "Quantization-Aware Training" in found and "Quantization-Aware" not in found


@pytest.mark.parametrize("text, markup", [
    ('See the "Not Enough Memory" section below if you do not have enough memory.\n'
     "`--model-path` can be a local folder or a Hugging Face repo name.", "--model-path"),
    ("[#conda-forge-package]: https://anaconda.org/conda-forge/textgrad\n"
     "[#nature-link]: https://www.nature.com/articles/s41586-025-08661-4", "nature-link]"),
])
def test_a_command_line_option_or_a_link_label_is_no_method(nlp, text, markup):
    doc = nlp(text)
    assert markup not in {e.text for e in doc.ents}


def test_a_capitalised_gerund_before_an_activity_noun_is_a_headings_verb(nlp):
    text = ("| 🏭 [Running Evaluation]        | How to run the evaluations, including cache "
            "management, speeding up evaluations etc. |")
    assert "Running Evaluation" not in methods(nlp, text)


def test_an_activity_noun_that_says_what_a_thing_is_for_is_no_method(nlp):
    text = ("Global-MMLU 🌍 is a multilingual evaluation set spanning 42 languages, including "
            "English.")
    assert not {m for m in methods(nlp, text) if "evaluation" in m}


def test_a_word_coined_as_x_as_a_y_is_a_method(nlp):
    text = ("Our study evaluates 12 state-of-the-art open LLMs, comparing base and "
            "instruction-tuned models using human evaluation, multiple-choice metrics, and "
            "LLM-as-a-Judge scoring.")
    assert {"human evaluation", "LLM-as-a-Judge"} <= methods(nlp, text)


def test_acronyms_listed_with_a_known_method_are_methods(nlp):
    text = ("* The most efficient library for Reinforcement Learning (RL), using 80% less VRAM. "
            "Supports GRPO, GSPO, DrGRPO, DAPO etc.")
    found = ents(nlp, text)
    assert {(a, "METHOD") for a in ("GRPO", "GSPO", "DrGRPO", "DAPO")} <= found
    assert ("DrGRPO", "PROJECT") not in found


def test_acronyms_listed_without_a_known_method_keep_their_type(nlp):
    text = ("Gemma 7B outperforms Llama 2 7B and Mistral 7B on various academic benchmarks with "
            "notable performance on HumanEval, GSM8K, MATH, and AGIEval and improved performance "
            "on reasoning, dialogue, mathematics, and code.")
    assert not {"HumanEval", "GSM8K", "AGIEval"} & methods(nlp, text)


@pytest.mark.parametrize("text, technique", [
    ("Global-MMLU 🌍 is a multilingual evaluation set spanning 42 languages, including English. "
     "This dataset combines machine translations for MMLU questions along with professional "
     "translations and crowd-sourced post-edits.", "machine translations"),
    ("Current multilingual benchmarks often rely on back translations or re-implementations of "
     "English tests, limiting their capacity to capture unique cultural and linguistic "
     "nuances.", "back translations"),
])
def test_translations_named_by_how_they_were_made_are_a_method(nlp, text, technique):
    assert technique in methods(nlp, text)


def test_translation_as_a_task_is_no_method(nlp):
    text = ("While large language models (LLMs) excel at simple, narrow tasks like translation or "
            "email generation, they fall short when dealing with complex, broader tasks that "
            "require multiple steps, planning, and reasoning.")
    assert not {m for m in methods(nlp, text) if "translation" in m}


def test_a_way_of_scoring_named_at_k_is_a_method_and_with_its_figure_a_metric(nlp):
    # eval__humaneval.md, eval__usaco.md (heldout-evals-dev); models__mixtral-8x22b.md (dev)
    found = methods(nlp, "The benchmark uses the `pass@k` metric to measure functional "
                         "correctness.")
    assert "pass@k" in found, found
    found = ents(nlp, "- Original paper: 8.6% pass@1 using gpt-4-1106-preview and 0.59% "
                      "gpt-3.5-turbo-1106.")
    assert any(t.startswith("8.6%") and label == "METRIC" for t, label in found), found
    assert not any("pass@1" == t for t, _ in found), found  # the figure's measure
